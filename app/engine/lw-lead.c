/* lw-lead.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "lw-lead.h"

/* How many options an "is not one of the options" message lists. */
#define MAX_LISTED_OPTIONS 10

char *
lw_text_fold (const char *text)
{
  g_autofree char *normal = NULL;
  const char *p;

  g_return_val_if_fail (text != NULL, NULL);

  /* ASCII is its own normal form, and folds to its ASCII lower case:
   * the same bytes as the general way, at a tenth of the work (most
   * values and every generated one are ASCII). */
  for (p = text; *p != '\0' && (guchar) *p < 0x80; p++)
    ;
  if (*p == '\0')
    return g_ascii_strdown (text, p - text);

  normal = g_utf8_normalize (text, -1, G_NORMALIZE_DEFAULT_COMPOSE);
  return g_utf8_casefold (normal != NULL ? normal : text, -1);
}

void
lw_value_set_text (LwValue    *value,
                   const char *text)
{
  value->set = TRUE;
  value->num = 0;
  value->str = g_strdup (text);
  value->fold = lw_text_fold (text);
}

static void
set_number (LwValue *value,
            double   number)
{
  value->set = TRUE;
  value->num = number;
  value->str = NULL;
  value->fold = NULL;
}

/* A finite decimal number: [+-] digits [. digits] [e [+-] digits], with at
 * least one digit before the exponent. No hexadecimal, no "inf" or "nan",
 * which g_ascii_strtod() would accept. */
static gboolean
is_decimal_syntax (const char *p)
{
  guint digits = 0;

  if (*p == '+' || *p == '-')
    p++;
  for (; g_ascii_isdigit (*p); p++)
    digits++;
  if (*p == '.')
    for (p++; g_ascii_isdigit (*p); p++)
      digits++;
  if (digits == 0)
    return FALSE;
  if (*p == 'e' || *p == 'E')
    {
      p++;
      if (*p == '+' || *p == '-')
        p++;
      if (!g_ascii_isdigit (*p))
        return FALSE;
      while (g_ascii_isdigit (*p))
        p++;
    }
  return *p == '\0';
}

static gboolean
is_integer_syntax (const char *p)
{
  if (*p == '-')
    p++;
  if (!g_ascii_isdigit (*p))
    return FALSE;
  while (g_ascii_isdigit (*p))
    p++;
  return *p == '\0';
}

static gboolean
parse_number (const char *text,
              double     *out,
              GError    **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  double number;

  if (!is_decimal_syntax (trimmed))
    {
      /* translators: %s is what was given where a number was expected */
      g_set_error (error, LW_CONFIG_ERROR, LW_CONFIG_ERROR_INVALID,
                   _("\"%s\" is not a number"), text);
      return FALSE;
    }
  number = g_ascii_strtod (trimmed, NULL);
  if (!isfinite (number))
    {
      /* translators: %s is a number too large to be represented */
      g_set_error (error, LW_CONFIG_ERROR, LW_CONFIG_ERROR_INVALID,
                   _("\"%s\" is out of range"), text);
      return FALSE;
    }
  *out = number;
  return TRUE;
}

/* An ISO 8601 instant, or whole milliseconds since the epoch as HubSpot
 * sends them; the result is in seconds. */
static gboolean
parse_datetime (const char *text,
                double     *out,
                GError    **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  LwTime time = 0;

  if (is_integer_syntax (trimmed))
    {
      gint64 ms = 0;

      if (g_ascii_string_to_signed (trimmed, 10, G_MININT64, G_MAXINT64, &ms, NULL))
        {
          *out = (double) ms / 1000.0;
          return TRUE;
        }
    }
  else if (lw_time_parse_iso8601 (trimmed, &time))
    {
      *out = (double) time;
      return TRUE;
    }

  /* translators: %s is what was given where a date and time was expected */
  g_set_error (error, LW_CONFIG_ERROR, LW_CONFIG_ERROR_INVALID,
               _("\"%s\" is not a date and time (ISO 8601 such as 2026-03-09T14:00:00Z, "
                 "or milliseconds since 1970)"), text);
  return FALSE;
}

static gboolean
parse_boolean (const char *text,
               double     *out,
               GError    **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text));

  if (g_ascii_strcasecmp (trimmed, "true") == 0)
    *out = 1;
  else if (g_ascii_strcasecmp (trimmed, "false") == 0)
    *out = 0;
  else
    {
      /* translators: %s is what was given where true or false was expected */
      g_set_error (error, LW_CONFIG_ERROR, LW_CONFIG_ERROR_INVALID,
                   _("\"%s\" is not true or false"), text);
      return FALSE;
    }
  return TRUE;
}

static const LwOption *
find_option (const LwProperty *property,
             const char       *text)
{
  g_autofree char *fold = NULL;

  for (guint i = 0; i < property->options->len; i++)
    {
      const LwOption *option = g_ptr_array_index (property->options, i);

      if (g_strcmp0 (option->value, text) == 0)
        return option;
    }

  fold = lw_text_fold (text);
  for (guint i = 0; i < property->options->len; i++)
    {
      const LwOption *option = g_ptr_array_index (property->options, i);
      g_autofree char *option_fold = NULL;

      if (option->value == NULL)
        continue;
      option_fold = lw_text_fold (option->value);
      if (strcmp (option_fold, fold) == 0)
        return option;
    }

  return NULL;
}

static char *
dup_option_list (const LwProperty *property)
{
  GString *list = g_string_new (NULL);

  for (guint i = 0; i < property->options->len && i < MAX_LISTED_OPTIONS; i++)
    {
      const LwOption *option = g_ptr_array_index (property->options, i);

      if (i > 0)
        g_string_append (list, ", ");
      g_string_append (list, option->value);
    }
  if (property->options->len > MAX_LISTED_OPTIONS)
    g_string_append (list, ", ...");

  return g_string_free (list, FALSE);
}

gboolean
lw_value_parse (LwValue          *out,
                const LwProperty *property,
                const char       *text,
                GError          **error)
{
  g_autofree char *trimmed = NULL;
  const LwOption *option;
  double number = 0;

  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (property != NULL, FALSE);
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* @out is written, never read: it may hold anything on entry, and is left
   * alone on failure. */

  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error_literal (error, LW_CONFIG_ERROR, LW_CONFIG_ERROR_INVALID,
                           _("the text is not valid UTF-8"));
      return FALSE;
    }

  switch (property->type)
    {
    case LW_PROPERTY_NUMBER:
      if (!parse_number (text, &number, error))
        return FALSE;
      set_number (out, number);
      return TRUE;

    case LW_PROPERTY_DATETIME:
      if (!parse_datetime (text, &number, error))
        return FALSE;
      set_number (out, number);
      return TRUE;

    case LW_PROPERTY_BOOLEAN:
      if (!parse_boolean (text, &number, error))
        return FALSE;
      set_number (out, number);
      return TRUE;

    case LW_PROPERTY_ENUM:
      trimmed = g_strstrip (g_strdup (text));
      option = find_option (property, trimmed);
      if (option == NULL)
        {
          g_autofree char *list = dup_option_list (property);

          /* translators: "XY" is not one of the options of Country (US, CA, DE) */
          g_set_error (error, LW_CONFIG_ERROR, LW_CONFIG_ERROR_INVALID,
                       _("\"%s\" is not one of the options of %s (%s)"),
                       text, property->label ? property->label : property->id, list);
          return FALSE;
        }
      lw_value_set_text (out, option->value);
      return TRUE;

    case LW_PROPERTY_STRING:
    case LW_PROPERTY_EMAIL:
      lw_value_set_text (out, text);
      return TRUE;

    case LW_N_PROPERTY_TYPES:
    default:
      break;
    }

  g_return_val_if_reached (FALSE);
}

static char *
format_number (double number)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (number == 0)
    return g_strdup ("0");

  /* The shortest of the two that reads back as the same number: 12.5 stays
   * "12.5", 0.1 does not become "0.10000000000000001". */
  g_ascii_formatd (buffer, sizeof buffer, "%.15g", number);
  if (g_ascii_strtod (buffer, NULL) != number)
    g_ascii_formatd (buffer, sizeof buffer, "%.17g", number);

  return g_strdup (buffer);
}

char *
lw_value_dup_text (const LwValue    *value,
                   const LwProperty *property)
{
  g_return_val_if_fail (value != NULL, NULL);
  g_return_val_if_fail (property != NULL, NULL);

  if (!value->set)
    return NULL;

  switch (property->type)
    {
    case LW_PROPERTY_NUMBER:
      return format_number (value->num);
    case LW_PROPERTY_DATETIME:
      return lw_time_format_iso8601 ((LwTime) floor (value->num));
    case LW_PROPERTY_BOOLEAN:
      return g_strdup (value->num != 0 ? "true" : "false");
    case LW_PROPERTY_STRING:
    case LW_PROPERTY_ENUM:
    case LW_PROPERTY_EMAIL:
    case LW_N_PROPERTY_TYPES:
    default:
      break;
    }

  /* Text types; a number stored into a text property still reads. */
  if (value->str != NULL)
    return g_strdup (value->str);
  return format_number (value->num);
}

LwLead *
lw_lead_new (const LwConfig *config,
             const char     *id)
{
  LwLead *lead;

  g_return_val_if_fail (config != NULL, NULL);
  g_return_val_if_fail (config->properties != NULL, NULL);

  lead = g_new0 (LwLead, 1);
  lead->id = g_strdup (id);
  lead->n_values = config->properties->len;
  lead->values = g_new0 (LwValue, lead->n_values);
  lead->activities = g_array_new (FALSE, FALSE, sizeof (LwActivity));

  return lead;
}

void
lw_lead_free (LwLead *lead)
{
  if (lead == NULL)
    return;

  for (guint i = 0; i < lead->n_values; i++)
    lw_value_clear (&lead->values[i]);
  g_free (lead->values);
  g_clear_pointer (&lead->activities, g_array_unref);
  g_free (lead->id);
  g_free (lead);
}

LwLead *
lw_lead_copy (const LwLead *lead)
{
  LwLead *copy;

  g_return_val_if_fail (lead != NULL, NULL);

  copy = g_new0 (LwLead, 1);
  copy->id = g_strdup (lead->id);
  copy->n_values = lead->n_values;
  copy->values = g_new0 (LwValue, lead->n_values);
  for (guint i = 0; i < lead->n_values; i++)
    lw_value_copy (&copy->values[i], &lead->values[i]);
  copy->activities = g_array_copy (lead->activities);

  return copy;
}

/* "ana@Acme.com" gives "acme.com"; NULL when there is no domain. */
static char *
dup_email_domain (const LwValue *value)
{
  g_autofree char *domain = NULL;
  const char *at;

  if (!value->set || value->str == NULL)
    return NULL;
  at = strrchr (value->str, '@');
  if (at == NULL)
    return NULL;
  domain = g_strstrip (g_strdup (at + 1));
  if (*domain == '\0')
    return NULL;

  return g_utf8_strdown (domain, -1);
}

/* The properties derived from email property @index take the new email's
 * domain when the lead does not set them itself: when they are unset, or
 * still hold the domain of the previous email. */
static void
update_derived_domains (LwLead         *lead,
                        const LwConfig *config,
                        guint           index,
                        const char     *old_domain)
{
  g_autofree char *new_domain = dup_email_domain (&lead->values[index]);

  for (guint i = 0; i < config->properties->len; i++)
    {
      const LwProperty *derived = g_ptr_array_index (config->properties, i);
      const LwValue *current;

      if (derived->domain_of == NULL ||
          derived->domain_of_index != (int) index ||
          derived->index >= lead->n_values)
        continue;

      current = &lead->values[derived->index];
      if (current->set &&
          (old_domain == NULL || g_strcmp0 (current->str, old_domain) != 0))
        continue;

      if (new_domain != NULL)
        lw_lead_set_string (lead, derived->index, new_domain);
      else
        lw_lead_unset (lead, derived->index);
    }
}

gboolean
lw_lead_set (LwLead         *lead,
             const LwConfig *config,
             const char     *property,
             const char     *text,
             GError        **error)
{
  const LwProperty *prop;
  g_autofree char *old_domain = NULL;
  LwValue value = { 0, };

  g_return_val_if_fail (lead != NULL, FALSE);
  g_return_val_if_fail (config != NULL, FALSE);
  g_return_val_if_fail (property != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  prop = lw_config_find_property (config, property);
  if (prop == NULL)
    {
      /* translators: %s is a property id */
      g_set_error (error, LW_CONFIG_ERROR, LW_CONFIG_ERROR_INVALID,
                   _("unknown property \"%s\""), property);
      return FALSE;
    }
  g_return_val_if_fail (prop->index < lead->n_values, FALSE);

  /* An empty text clears the value, as an empty CRM field is no value. */
  if (text != NULL && *text != '\0' &&
      !lw_value_parse (&value, prop, text, error))
    return FALSE;

  if (prop->type == LW_PROPERTY_EMAIL)
    old_domain = dup_email_domain (&lead->values[prop->index]);

  lw_value_clear (&lead->values[prop->index]);
  lead->values[prop->index] = value;

  if (prop->type == LW_PROPERTY_EMAIL)
    update_derived_domains (lead, config, prop->index, old_domain);

  return TRUE;
}

void
lw_lead_set_number (LwLead *lead,
                    guint   prop_index,
                    double  number)
{
  g_return_if_fail (lead != NULL);
  g_return_if_fail (prop_index < lead->n_values);

  lw_value_clear (&lead->values[prop_index]);
  set_number (&lead->values[prop_index], number);
}

void
lw_lead_set_string (LwLead     *lead,
                    guint       prop_index,
                    const char *text)
{
  g_return_if_fail (lead != NULL);
  g_return_if_fail (prop_index < lead->n_values);
  g_return_if_fail (text == NULL || g_utf8_validate (text, -1, NULL));

  lw_value_clear (&lead->values[prop_index]);
  if (text != NULL)
    lw_value_set_text (&lead->values[prop_index], text);
}

void
lw_lead_unset (LwLead *lead,
               guint   prop_index)
{
  g_return_if_fail (lead != NULL);
  g_return_if_fail (prop_index < lead->n_values);

  lw_value_clear (&lead->values[prop_index]);
}

const LwValue *
lw_lead_get (const LwLead *lead,
             guint         prop_index)
{
  g_return_val_if_fail (lead != NULL, NULL);
  g_return_val_if_fail (prop_index < lead->n_values, NULL);

  return &lead->values[prop_index];
}

char *
lw_lead_dup_text (const LwLead   *lead,
                  const LwConfig *config,
                  guint           prop_index)
{
  g_return_val_if_fail (lead != NULL, NULL);
  g_return_val_if_fail (config != NULL, NULL);
  g_return_val_if_fail (prop_index < lead->n_values, NULL);
  g_return_val_if_fail (prop_index < config->properties->len, NULL);

  return lw_value_dup_text (&lead->values[prop_index],
                            g_ptr_array_index (config->properties, prop_index));
}

void
lw_lead_add_activity (LwLead *lead,
                      guint   type,
                      LwTime  at)
{
  LwActivity activity = { type, at };
  GArray *activities;
  guint low = 0;
  guint high;

  g_return_if_fail (lead != NULL);

  activities = lead->activities;
  high = activities->len;

  /* In order: the common case, constant time. */
  if (high == 0 || g_array_index (activities, LwActivity, high - 1).at <= at)
    {
      g_array_append_val (activities, activity);
      return;
    }

  /* After every activity at the same time, so equal times keep their order. */
  while (low < high)
    {
      guint mid = low + (high - low) / 2;

      if (g_array_index (activities, LwActivity, mid).at <= at)
        low = mid + 1;
      else
        high = mid;
    }
  g_array_insert_val (activities, low, activity);
}

/* ---- compact encoding ---------------------------------------------------- */

/* The most bytes a varint of 64 bits takes. */
#define MAX_VARINT 10

/* Writes @value as a varint at @p (7 bits a byte, low first, the high bit
 * set on every byte but the last); returns the byte after it. */
static inline guint8 *
write_varint (guint8  *p,
              guint64  value)
{
  while (value >= 0x80)
    {
      *p++ = (guint8) (value | 0x80);
      value >>= 7;
    }
  *p++ = (guint8) value;
  return p;
}

static gboolean
get_varint (const guint8 **p,
            const guint8  *end,
            guint64       *value)
{
  guint shift = 0;

  *value = 0;
  while (*p < end && shift < 64)
    {
      guint8 byte = *(*p)++;

      *value |= (guint64) (byte & 0x7f) << shift;
      if ((byte & 0x80) == 0)
        return TRUE;
      shift += 7;
    }
  return FALSE;
}

static int
option_index (const LwProperty *property,
              const char       *value)
{
  for (guint i = 0; i < property->options->len; i++)
    {
      const char *option = ((LwOption *) g_ptr_array_index (property->options, i))->value;

      /* g_strcmp0 (option, value) == 0, the first byte tried inline */
      if (option == value ||
          (option != NULL && value != NULL && option[0] == value[0] && strcmp (option, value) == 0))
        return i;
    }
  return -1;
}

/* Whether @text is what dup_email_domain() gives for @email, without
 * allocating when the domain is ASCII: lowercasing then only changes A-Z,
 * except I and J, which some locales (Turkish, Lithuanian) lowercase
 * otherwise; those and any other byte go the long way. */
static gboolean
is_email_domain (const LwValue *email,
                 const char    *text)
{
  g_autofree char *derived = NULL;
  const char *at, *start, *end;
  gsize length;

  if (text == NULL || !email->set || email->str == NULL)
    return FALSE;
  at = strrchr (email->str, '@');
  if (at == NULL)
    return FALSE;

  /* g_strstrip(): ASCII white space at both ends. */
  start = at + 1;
  while (g_ascii_isspace (*start))
    start++;
  end = start + strlen (start);
  while (end > start && g_ascii_isspace (end[-1]))
    end--;
  if (start == end)
    return FALSE;

  length = end - start;
  for (const char *p = start; p < end; p++)
    if ((guchar) *p >= 0x80 || *p == 'I' || *p == 'J')
      goto slow;
  for (gsize i = 0; i < length; i++)
    {
      char c = start[i];

      /* g_ascii_tolower(), inline; a shorter @text stops at its end */
      if (c >= 'A' && c <= 'Z')
        c += 'a' - 'A';
      if (text[i] != c)
        return FALSE;
    }
  return text[length] == '\0';

slow:
  derived = dup_email_domain (email);
  return derived != NULL && strcmp (derived, text) == 0;
}

void
lw_lead_encode (const LwLead   *lead,
                const LwConfig *config,
                GByteArray     *out)
{
  guint n;
  gsize bound = 0;
  guint8 *p;

  g_return_if_fail (lead != NULL);
  g_return_if_fail (config != NULL);
  g_return_if_fail (out != NULL);

  n = MIN (lead->n_values, config->properties->len);

  /* The most the values can take, reserved once: each an index, a tag
   * or a length, then 8 bytes or the text. */
  for (guint i = LW_N_BUILTINS; i < n; i++)
    {
      const LwValue *value = &lead->values[i];

      if (value->set)
        bound += 2 * MAX_VARINT + MAX (sizeof (guint64), value->str != NULL ? strlen (value->str) : 0);
    }
  if (bound == 0)
    return;
  g_byte_array_set_size (out, out->len + bound);
  p = out->data + out->len - bound;

  for (guint i = LW_N_BUILTINS; i < n; i++)
    {
      const LwProperty *property = g_ptr_array_index (config->properties, i);
      const LwValue *value = &lead->values[i];

      if (!value->set)
        continue;

      if (property->domain_of_index >= 0 && (guint) property->domain_of_index < lead->n_values &&
          is_email_domain (&lead->values[property->domain_of_index], value->str))
        continue;

      p = write_varint (p, i);
      switch (property->type)
        {
        case LW_PROPERTY_NUMBER:
        case LW_PROPERTY_BOOLEAN:
        case LW_PROPERTY_DATETIME:
          {
            guint64 bits;

            memcpy (&bits, &value->num, sizeof bits);
            bits = GUINT64_TO_LE (bits);
            memcpy (p, &bits, sizeof bits);
            p += sizeof bits;
          }
          break;

        case LW_PROPERTY_ENUM:
          {
            int option = option_index (property, value->str);

            if (option >= 0)
              {
                p = write_varint (p, (guint64) option * 2);
                break;
              }
          }
          /* An enum value that is no option (the catalogue changed) is kept
           * as text, flagged by an odd tag. */
          p = write_varint (p, 1);
          G_GNUC_FALLTHROUGH;

        case LW_PROPERTY_STRING:
        case LW_PROPERTY_EMAIL:
        default:
          {
            gsize length = value->str ? strlen (value->str) : 0;

            p = write_varint (p, length);
            if (length > 0)
              memcpy (p, value->str, length);
            p += length;
          }
          break;
        }
    }

  g_byte_array_set_size (out, p - out->data);
}

gboolean
lw_lead_decode (LwLead         *lead,
                const LwConfig *config,
                const guint8   *data,
                gsize           length,
                GError        **error)
{
  const guint8 *p = data, *end = data + length;

  g_return_val_if_fail (lead != NULL, FALSE);
  g_return_val_if_fail (config != NULL, FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  while (p < end)
    {
      const LwProperty *property;
      guint64 index, n;

      if (!get_varint (&p, end, &index) || index < LW_N_BUILTINS ||
          index >= config->properties->len || index >= lead->n_values)
        goto bad;
      property = g_ptr_array_index (config->properties, index);

      switch (property->type)
        {
        case LW_PROPERTY_NUMBER:
        case LW_PROPERTY_BOOLEAN:
        case LW_PROPERTY_DATETIME:
          {
            guint64 bits;
            double number;

            if ((gsize) (end - p) < sizeof bits)
              goto bad;
            memcpy (&bits, p, sizeof bits);
            p += sizeof bits;
            bits = GUINT64_FROM_LE (bits);
            memcpy (&number, &bits, sizeof number);
            lw_lead_set_number (lead, index, number);
          }
          continue;

        case LW_PROPERTY_ENUM:
          if (!get_varint (&p, end, &n))
            goto bad;
          if (n % 2 == 0)
            {
              if (n / 2 >= property->options->len)
                goto bad;
              lw_lead_set_string (lead, index,
                                  ((LwOption *) g_ptr_array_index (property->options, n / 2))->value);
              continue;
            }
          G_GNUC_FALLTHROUGH;

        case LW_PROPERTY_STRING:
        case LW_PROPERTY_EMAIL:
        default:
          {
            g_autofree char *text = NULL;

            if (!get_varint (&p, end, &n) || n > (guint64) (end - p))
              goto bad;
            text = g_strndup ((const char *) p, n);
            p += n;
            if (!g_utf8_validate (text, -1, NULL))
              goto bad;
            lw_lead_set_string (lead, index, text);
          }
          continue;
        }
    }

  for (guint i = 0; i < config->properties->len; i++)
    {
      const LwProperty *property = g_ptr_array_index (config->properties, i);

      if (property->type == LW_PROPERTY_EMAIL && i < lead->n_values && lead->values[i].set)
        update_derived_domains (lead, config, i, NULL);
    }
  return TRUE;

bad:
  g_set_error (error, LW_CONFIG_ERROR, LW_CONFIG_ERROR_INVALID,
               _("the stored lead %s does not fit this rule set’s properties"),
               lead->id ? lead->id : "");
  return FALSE;
}
