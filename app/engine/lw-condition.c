/* lw-condition.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lw-condition.h"
#include "lw-config.h"
#include "lw-lead.h"

static const char * const operator_names[LW_N_OPERATORS] = {
  [LW_OP_EQ] = "EQ",
  [LW_OP_NEQ] = "NEQ",
  [LW_OP_LT] = "LT",
  [LW_OP_LTE] = "LTE",
  [LW_OP_GT] = "GT",
  [LW_OP_GTE] = "GTE",
  [LW_OP_BETWEEN] = "BETWEEN",
  [LW_OP_IN] = "IN",
  [LW_OP_NOT_IN] = "NOT_IN",
  [LW_OP_HAS_PROPERTY] = "HAS_PROPERTY",
  [LW_OP_NOT_HAS_PROPERTY] = "NOT_HAS_PROPERTY",
  [LW_OP_CONTAINS_TOKEN] = "CONTAINS_TOKEN",
  [LW_OP_NOT_CONTAINS_TOKEN] = "NOT_CONTAINS_TOKEN",
};

/* Shown to people (the condition editor's operator list, the conditions
 * described in the editors and the playbook document): the words are
 * translated when shown (operator_symbol()), the signs are not. */
static const char * const operator_symbols[LW_N_OPERATORS] = {
  /* translators: a condition's operator, between a property and a value:
   * "Country is Canada" */
  [LW_OP_EQ] = NC_("operator", "is"),
  /* translators: a condition's operator: "Country is not Canada" */
  [LW_OP_NEQ] = NC_("operator", "is not"),
  [LW_OP_LT] = "<",
  [LW_OP_LTE] = "≤",
  [LW_OP_GT] = ">",
  [LW_OP_GTE] = "≥",
  /* translators: a condition's operator: "Employees is between 10 and 50" */
  [LW_OP_BETWEEN] = NC_("operator", "is between"),
  /* translators: a condition's operator: "Region is any of EMEA, APAC" */
  [LW_OP_IN] = NC_("operator", "is any of"),
  /* translators: a condition's operator: "Region is none of EMEA, APAC" */
  [LW_OP_NOT_IN] = NC_("operator", "is none of"),
  /* translators: a condition's operator, with no value: "Phone is known" */
  [LW_OP_HAS_PROPERTY] = NC_("operator", "is known"),
  /* translators: a condition's operator, with no value: "Phone is unknown" */
  [LW_OP_NOT_HAS_PROPERTY] = NC_("operator", "is unknown"),
  /* translators: a condition's operator: "Job title contains student" */
  [LW_OP_CONTAINS_TOKEN] = NC_("operator", "contains"),
  /* translators: a condition's operator: "Job title does not contain student" */
  [LW_OP_NOT_CONTAINS_TOKEN] = NC_("operator", "does not contain"),
};

static const char *
operator_symbol (LwOperator op)
{
  return g_dpgettext2 (GETTEXT_PACKAGE, "operator", operator_symbols[op]);
}

/* What a filter holds when the lead has no value for its property. */
static const gboolean missing_results[LW_N_OPERATORS] = {
  [LW_OP_NEQ] = TRUE,
  [LW_OP_NOT_IN] = TRUE,
  [LW_OP_NOT_HAS_PROPERTY] = TRUE,
  [LW_OP_NOT_CONTAINS_TOKEN] = TRUE,
};

/* Which of value, highValue and values an operator takes. */
typedef enum
{
  ARITY_NONE,
  ARITY_ONE,
  ARITY_RANGE,
  ARITY_LIST,
} Arity;

static Arity
get_arity (LwOperator op)
{
  switch (op)
    {
    case LW_OP_BETWEEN:
      return ARITY_RANGE;
    case LW_OP_IN:
    case LW_OP_NOT_IN:
      return ARITY_LIST;
    case LW_OP_HAS_PROPERTY:
    case LW_OP_NOT_HAS_PROPERTY:
      return ARITY_NONE;
    case LW_OP_EQ:
    case LW_OP_NEQ:
    case LW_OP_LT:
    case LW_OP_LTE:
    case LW_OP_GT:
    case LW_OP_GTE:
    case LW_OP_CONTAINS_TOKEN:
    case LW_OP_NOT_CONTAINS_TOKEN:
    case LW_N_OPERATORS:
    default:
      return ARITY_ONE;
    }
}

static gboolean
is_contains (LwOperator op)
{
  return op == LW_OP_CONTAINS_TOKEN || op == LW_OP_NOT_CONTAINS_TOKEN;
}

const char *
lw_operator_to_string (LwOperator op)
{
  g_return_val_if_fail (op < LW_N_OPERATORS, NULL);

  return operator_names[op];
}

gboolean
lw_operator_from_string (const char *name,
                         LwOperator *op)
{
  g_return_val_if_fail (op != NULL, FALSE);

  if (name == NULL)
    return FALSE;

  for (guint i = 0; i < LW_N_OPERATORS; i++)
    if (strcmp (name, operator_names[i]) == 0)
      {
        *op = i;
        return TRUE;
      }

  return FALSE;
}

gboolean
lw_operator_applies_to (LwOperator op,
                        int        property_type)
{
  g_return_val_if_fail (op < LW_N_OPERATORS, FALSE);

  if (property_type < 0 || property_type >= LW_N_PROPERTY_TYPES)
    return FALSE;

  switch (op)
    {
    case LW_OP_LT:
    case LW_OP_LTE:
    case LW_OP_GT:
    case LW_OP_GTE:
    case LW_OP_BETWEEN:
      return property_type == LW_PROPERTY_NUMBER ||
             property_type == LW_PROPERTY_DATETIME;

    case LW_OP_CONTAINS_TOKEN:
    case LW_OP_NOT_CONTAINS_TOKEN:
      return property_type == LW_PROPERTY_STRING ||
             property_type == LW_PROPERTY_EMAIL ||
             property_type == LW_PROPERTY_ENUM;

    case LW_OP_EQ:
    case LW_OP_NEQ:
    case LW_OP_IN:
    case LW_OP_NOT_IN:
    case LW_OP_HAS_PROPERTY:
    case LW_OP_NOT_HAS_PROPERTY:
    case LW_N_OPERATORS:
    default:
      return TRUE;
    }
}

const char *
lw_operator_to_symbol (LwOperator op)
{
  g_return_val_if_fail (op < LW_N_OPERATORS, NULL);

  return operator_symbol (op);
}

/* ---- construction ------------------------------------------------------ */

static void
clear_parsed (LwFilter *filter)
{
  filter->prop_index = -1;
  lw_value_clear (&filter->low);
  lw_value_clear (&filter->high);
  for (guint i = 0; i < filter->n_set; i++)
    lw_value_clear (&filter->set[i]);
  g_clear_pointer (&filter->set, g_free);
  filter->n_set = 0;
}

LwFilter *
lw_filter_new (const char *property,
               LwOperator  op,
               const char *value)
{
  LwFilter *filter;

  g_return_val_if_fail (op < LW_N_OPERATORS, NULL);

  filter = g_new0 (LwFilter, 1);
  filter->property = g_strdup (property);
  filter->op = op;
  filter->value = g_strdup (value);
  filter->prop_index = -1;

  return filter;
}

LwFilter *
lw_filter_copy (const LwFilter *filter)
{
  LwFilter *copy;

  g_return_val_if_fail (filter != NULL, NULL);

  copy = lw_filter_new (filter->property, filter->op, filter->value);
  copy->high_value = g_strdup (filter->high_value);
  copy->values = g_strdupv (filter->values);

  copy->prop_index = filter->prop_index;
  lw_value_copy (&copy->low, &filter->low);
  lw_value_copy (&copy->high, &filter->high);
  if (filter->n_set > 0)
    {
      copy->set = g_new0 (LwValue, filter->n_set);
      for (guint i = 0; i < filter->n_set; i++)
        lw_value_copy (&copy->set[i], &filter->set[i]);
      copy->n_set = filter->n_set;
    }

  return copy;
}

void
lw_filter_free (LwFilter *filter)
{
  if (filter == NULL)
    return;

  clear_parsed (filter);
  g_free (filter->property);
  g_free (filter->value);
  g_free (filter->high_value);
  g_strfreev (filter->values);
  g_free (filter);
}

LwFilterGroup *
lw_filter_group_new (void)
{
  LwFilterGroup *group = g_new0 (LwFilterGroup, 1);

  group->filters = g_ptr_array_new_with_free_func ((GDestroyNotify) lw_filter_free);
  return group;
}

LwFilterGroup *
lw_filter_group_copy (const LwFilterGroup *group)
{
  LwFilterGroup *copy;

  g_return_val_if_fail (group != NULL, NULL);

  copy = lw_filter_group_new ();
  for (guint i = 0; i < group->filters->len; i++)
    g_ptr_array_add (copy->filters, lw_filter_copy (g_ptr_array_index (group->filters, i)));

  return copy;
}

void
lw_filter_group_free (LwFilterGroup *group)
{
  if (group == NULL)
    return;

  g_ptr_array_unref (group->filters);
  g_free (group);
}

LwCondition *
lw_condition_new (void)
{
  LwCondition *condition = g_new0 (LwCondition, 1);

  condition->groups = g_ptr_array_new_with_free_func ((GDestroyNotify) lw_filter_group_free);
  return condition;
}

LwCondition *
lw_condition_copy (const LwCondition *condition)
{
  LwCondition *copy;

  g_return_val_if_fail (condition != NULL, NULL);

  copy = lw_condition_new ();
  for (guint i = 0; i < condition->groups->len; i++)
    g_ptr_array_add (copy->groups, lw_filter_group_copy (g_ptr_array_index (condition->groups, i)));

  return copy;
}

void
lw_condition_free (LwCondition *condition)
{
  if (condition == NULL)
    return;

  g_ptr_array_unref (condition->groups);
  g_free (condition);
}

gboolean
lw_condition_is_always (const LwCondition *condition)
{
  g_return_val_if_fail (condition != NULL, FALSE);

  return condition->groups->len == 0;
}

static gboolean
has_values (const GStrv values)
{
  return values != NULL && values[0] != NULL;
}

static gboolean
are_strvs_equal (const GStrv a,
                 const GStrv b)
{
  if (!has_values (a) || !has_values (b))
    return has_values (a) == has_values (b);
  return g_strv_equal ((const char * const *) a, (const char * const *) b);
}

static gboolean
are_filters_equal (const LwFilter *a,
                   const LwFilter *b)
{
  return a->op == b->op &&
         g_strcmp0 (a->property, b->property) == 0 &&
         g_strcmp0 (a->value, b->value) == 0 &&
         g_strcmp0 (a->high_value, b->high_value) == 0 &&
         are_strvs_equal (a->values, b->values);
}

/* What was written is compared, not what binding made of it. */
gboolean
lw_condition_equal (const LwCondition *a,
                    const LwCondition *b)
{
  if (a == NULL || b == NULL)
    return a == b;

  if (a->groups->len != b->groups->len)
    return FALSE;

  for (guint i = 0; i < a->groups->len; i++)
    {
      const LwFilterGroup *ga = g_ptr_array_index (a->groups, i);
      const LwFilterGroup *gb = g_ptr_array_index (b->groups, i);

      if (ga->filters->len != gb->filters->len)
        return FALSE;
      for (guint j = 0; j < ga->filters->len; j++)
        if (!are_filters_equal (g_ptr_array_index (ga->filters, j),
                           g_ptr_array_index (gb->filters, j)))
          return FALSE;
    }

  return TRUE;
}

/* ---- words, for CONTAINS_TOKEN ------------------------------------------- */

/* The length in bytes of the character at @p, and whether it belongs to a
 * word: ASCII letters and digits, and every non-ASCII letter, digit or
 * combining mark. Texts are valid UTF-8 (lw_value_parse() checks). */
static inline gsize
measure_char (const char *p,
              gboolean   *in_word)
{
  guchar c = (guchar) *p;
  gunichar u;

  if (c < 0x80)
    {
      *in_word = g_ascii_isalnum (c);
      return 1;
    }

  u = g_utf8_get_char (p);
  *in_word = g_unichar_isalnum (u) || g_unichar_ismark (u);
  return g_utf8_next_char (p) - p;
}

/* Finds the first word at or after @p: sets *start and returns its length
 * in bytes, or 0 when there is none. */
static gsize
find_word (const char  *p,
           const char **start)
{
  const char *end;
  gboolean in_word = FALSE;

  while (*p != '\0')
    {
      gsize len = measure_char (p, &in_word);

      if (in_word)
        break;
      p += len;
    }
  *start = p;

  end = p;
  while (*end != '\0')
    {
      gsize len = measure_char (end, &in_word);

      if (!in_word)
        break;
      end += len;
    }

  return end - p;
}

static gboolean
search_bytes (const char *haystack,
              gsize       haystack_len,
              const char *needle,
              gsize       needle_len)
{
  for (gsize i = 0; i + needle_len <= haystack_len; i++)
    if (memcmp (haystack + i, needle, needle_len) == 0)
      return TRUE;
  return FALSE;
}

/* Whether lead word @word matches value word @pattern. With @any_start
 * (a "*" before the pattern) the word may start with other characters, with
 * @any_end (a "*" after it) it may go on. UTF-8 is self-synchronising, so a
 * byte match of a whole pattern is a match of whole characters. */
static inline gboolean
match_word (const char *word,
            gsize       word_len,
            const char *pattern,
            gsize       pattern_len,
            gboolean    any_start,
            gboolean    any_end)
{
  if (pattern_len == word_len)
    return memcmp (word, pattern, word_len) == 0;
  if (pattern_len > word_len)
    return FALSE;
  if (any_start && any_end)
    return search_bytes (word, word_len, pattern, pattern_len);
  if (any_end)
    return memcmp (word, pattern, pattern_len) == 0;
  if (any_start)
    return memcmp (word + word_len - pattern_len, pattern, pattern_len) == 0;
  return FALSE;
}

/* Whether the words of @pattern appear, in order and next to each other,
 * among the words of @text. Both are casefolded. No allocation. */
static gboolean
match_words (const char *text,
             const char *pattern)
{
  const char *first;
  const char *last;
  const char *p;
  gsize first_len;
  gsize last_len;
  gsize len;
  guint n_words = 0;
  gboolean any_start;
  gboolean any_end;
  const char *word;
  gsize word_len;

  first_len = find_word (pattern, &first);
  if (first_len == 0)
    return FALSE;

  last = first;
  last_len = first_len;
  for (p = first, len = first_len; len > 0; len = find_word (p + len, &p))
    {
      last = p;
      last_len = len;
      n_words++;
    }
  any_start = first > pattern && first[-1] == '*';
  any_end = last[last_len] == '*';

  for (word_len = find_word (text, &word); word_len > 0;
       word_len = find_word (word + word_len, &word))
    {
      const char *w = word;
      gsize w_len = word_len;
      const char *v = first;
      gsize v_len = first_len;

      for (guint i = 0; ; i++)
        {
          if (!match_word (w, w_len, v, v_len,
                             i == 0 && any_start,
                             i == n_words - 1 && any_end))
            break;
          if (i == n_words - 1)
            return TRUE;

          v_len = find_word (v + v_len, &v);
          w_len = find_word (w + w_len, &w);
          if (w_len == 0)
            return FALSE;  /* the text ran out: no later start fits either */
        }
    }

  return FALSE;
}

/* ---- binding ------------------------------------------------------------- */

static void
add_error (GPtrArray  *diagnostics,
           const char *path,
           const char *field,
           const char *message)
{
  g_autofree char *full = NULL;

  if (diagnostics == NULL)
    return;

  full = g_strconcat (path, field, NULL);
  lw_diagnostics_add (diagnostics, LW_SEVERITY_ERROR, full, "%s", message);
}

static gboolean
parse_filter_value (LwValue          *out,
                    const LwProperty *property,
                    LwOperator        op,
                    const char       *text,
                    const char       *path,
                    const char       *field,
                    GPtrArray        *diagnostics)
{
  g_autoptr(GError) error = NULL;
  LwProperty as_text;
  const char *word;

  if (is_contains (op))
    {
      /* Words are looked for in the text of any text type, enums included:
       * the value need not be one of the options. */
      as_text = *property;
      as_text.type = LW_PROPERTY_STRING;
      property = &as_text;

      if (g_utf8_validate (text, -1, NULL) && find_word (text, &word) == 0)
        {
          g_autofree char *message = NULL;

          /* translators: %s is the value of a CONTAINS_TOKEN filter */
          message = g_strdup_printf (_("\"%s\" has no word to look for"), text);
          add_error (diagnostics, path, field, message);
          return FALSE;
        }
    }

  if (!lw_value_parse (out, property, text, &error))
    {
      add_error (diagnostics, path, field, error->message);
      return FALSE;
    }

  return TRUE;
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

static void
add_arity_error (GPtrArray  *diagnostics,
                 const char *path,
                 const char *field,
                 const char *format,
                 LwOperator  op)
{
  g_autofree char *message = g_strdup_printf (format, operator_names[op]);

  add_error (diagnostics, path, field, message);
}

/* Checks that @filter carries the value fields its operator takes, and no
 * other. */
static gboolean
check_arity (const LwFilter *filter,
             const char     *path,
             GPtrArray      *diagnostics)
{
  Arity arity = get_arity (filter->op);
  gboolean ok = TRUE;

  if (arity == ARITY_NONE)
    {
      if (filter->value != NULL)
        {
          /* translators: %s is an operator: HAS_PROPERTY */
          add_arity_error (diagnostics, path, ".value", _("operator %s takes no value"), filter->op);
          ok = FALSE;
        }
    }
  else if (arity == ARITY_LIST)
    {
      if (filter->value != NULL)
        {
          /* translators: %s is an operator: IN */
          add_arity_error (diagnostics, path, ".value",
                           _("operator %s takes values, not a value"), filter->op);
          ok = FALSE;
        }
      else if (!has_values (filter->values))
        {
          /* translators: %s is an operator: IN */
          add_arity_error (diagnostics, path, ".values",
                           _("operator %s needs at least one value"), filter->op);
          ok = FALSE;
        }
      else
        {
          for (guint k = 0; filter->values[k] != NULL; k++)
            if (is_blank (filter->values[k]))
              {
                g_autofree char *field = g_strdup_printf (".values[%u]", k);

                add_error (diagnostics, path, field, _("a value cannot be empty"));
                ok = FALSE;
              }
        }
    }
  else if (is_blank (filter->value))
    {
      /* translators: %s is an operator: EQ */
      add_arity_error (diagnostics, path, ".value", _("operator %s needs a value"), filter->op);
      ok = FALSE;
    }

  if (arity == ARITY_RANGE && is_blank (filter->high_value))
    {
      /* translators: %s is an operator: BETWEEN */
      add_arity_error (diagnostics, path, ".highValue",
                       _("operator %s needs a highValue"), filter->op);
      ok = FALSE;
    }
  else if (arity != ARITY_RANGE && filter->high_value != NULL)
    {
      /* translators: %s is an operator: EQ */
      add_arity_error (diagnostics, path, ".highValue",
                       _("operator %s takes no highValue"), filter->op);
      ok = FALSE;
    }

  if (arity != ARITY_LIST && has_values (filter->values))
    {
      /* translators: %s is an operator: EQ */
      add_arity_error (diagnostics, path, ".values",
                       _("operator %s takes no values"), filter->op);
      ok = FALSE;
    }

  return ok;
}

static gboolean
parse_filter_values (LwFilter         *filter,
                     const LwProperty *property,
                     const char       *path,
                     GPtrArray        *diagnostics)
{
  gboolean ok = TRUE;

  switch (get_arity (filter->op))
    {
    case ARITY_NONE:
      break;

    case ARITY_ONE:
      ok = parse_filter_value (&filter->low, property, filter->op, filter->value,
                               path, ".value", diagnostics);
      break;

    case ARITY_RANGE:
      ok = parse_filter_value (&filter->low, property, filter->op, filter->value,
                               path, ".value", diagnostics);
      ok = parse_filter_value (&filter->high, property, filter->op, filter->high_value,
                               path, ".highValue", diagnostics) && ok;
      if (ok && filter->low.num > filter->high.num)
        {
          g_autofree char *message = NULL;

          /* translators: BETWEEN's bounds: the high value 10 is below the low value 50 */
          message = g_strdup_printf (_("the high value %s is below the low value %s"),
                                     filter->high_value, filter->value);
          add_error (diagnostics, path, ".highValue", message);
          ok = FALSE;
        }
      break;

    case ARITY_LIST:
      filter->n_set = g_strv_length (filter->values);
      filter->set = g_new0 (LwValue, filter->n_set);
      for (guint k = 0; k < filter->n_set; k++)
        {
          g_autofree char *field = g_strdup_printf (".values[%u]", k);

          if (!parse_filter_value (&filter->set[k], property, filter->op, filter->values[k],
                                   path, field, diagnostics))
            ok = FALSE;
        }
      break;

    default:
      g_assert_not_reached ();
    }

  return ok;
}

static gboolean
bind_filter (LwFilter       *filter,
             const LwConfig *config,
             const char     *path,
             GPtrArray      *diagnostics)
{
  const LwProperty *property = NULL;
  gboolean ok = TRUE;

  clear_parsed (filter);

  if (filter->op >= LW_N_OPERATORS)
    {
      add_error (diagnostics, path, ".operator", _("unknown operator"));
      return FALSE;
    }

  if (filter->property == NULL || *filter->property == '\0')
    {
      add_error (diagnostics, path, ".propertyName", _("a filter needs a propertyName"));
      ok = FALSE;
    }
  else if ((property = lw_config_find_property (config, filter->property)) == NULL)
    {
      g_autofree char *message = NULL;

      /* translators: %s is a property id */
      message = g_strdup_printf (_("unknown property \"%s\""), filter->property);
      add_error (diagnostics, path, ".propertyName", message);
      ok = FALSE;
    }
  else if (!lw_operator_applies_to (filter->op, property->type))
    {
      g_autofree char *message = NULL;

      /* translators: operator LT does not apply to enum property "country" */
      message = g_strdup_printf (_("operator %s does not apply to %s property \"%s\""),
                                 operator_names[filter->op],
                                 lw_property_type_to_string (property->type),
                                 property->id);
      add_error (diagnostics, path, ".operator", message);
      ok = FALSE;
    }

  if (!check_arity (filter, path, diagnostics))
    ok = FALSE;

  if (ok && !parse_filter_values (filter, property, path, diagnostics))
    ok = FALSE;

  if (!ok)
    {
      clear_parsed (filter);
      return FALSE;
    }

  filter->prop_index = property->index;
  return TRUE;
}

gboolean
lw_condition_bind (LwCondition    *condition,
                   const LwConfig *config,
                   const char     *path,
                   GPtrArray      *diagnostics)
{
  gboolean ok = TRUE;

  g_return_val_if_fail (condition != NULL, FALSE);
  g_return_val_if_fail (config != NULL, FALSE);

  if (path == NULL)
    path = "$";

  for (guint i = 0; i < condition->groups->len; i++)
    {
      const LwFilterGroup *group = g_ptr_array_index (condition->groups, i);
      g_autofree char *group_path = g_strdup_printf ("%s.filterGroups[%u]", path, i);

      if (group->filters->len == 0)
        {
          add_error (diagnostics, group_path, ".filters",
                     _("a filter group needs at least one filter"));
          ok = FALSE;
        }

      for (guint j = 0; j < group->filters->len; j++)
        {
          g_autofree char *filter_path = g_strdup_printf ("%s.filters[%u]", group_path, j);

          if (!bind_filter (g_ptr_array_index (group->filters, j), config,
                            filter_path, diagnostics))
            ok = FALSE;
        }
    }

  return ok;
}

/* ---- evaluation ---------------------------------------------------------- */

/* Comparisons of a lead's value with a filter's parsed value. Text types
 * carry a casefolded text, the others a number; after binding both sides
 * have the same kind, and a mismatch never matches. */
static inline gboolean
match_value (const LwValue *lead_value,
             const LwValue *value)
{
  if (value->fold != NULL)
    {
      const char *a = lead_value->fold;
      const char *b = value->fold;

      /* The same text, or texts that differ in their first byte (most
       * enum options do), need no strcmp(). */
      if (a == NULL)
        return FALSE;
      if (a == b)
        return TRUE;
      return a[0] == b[0] && strcmp (a, b) == 0;
    }
  return lead_value->fold == NULL && lead_value->num == value->num;
}

static inline gboolean
is_numeric (const LwValue *value)
{
  return value->fold == NULL;
}

static inline gboolean
match_set (const LwFilter *filter,
           const LwValue  *lead_value)
{
  for (guint i = 0; i < filter->n_set; i++)
    if (match_value (lead_value, &filter->set[i]))
      return TRUE;
  return FALSE;
}

/* lw_filter_eval() once its arguments are checked. */
G_ALWAYS_INLINE static inline gboolean
eval_filter (const LwFilter *filter,
             const LwLead   *lead)
{
  const LwValue *v = &lead->values[filter->prop_index];

  if (!v->set)
    return missing_results[filter->op];

  switch (filter->op)
    {
    case LW_OP_EQ:
      return match_value (v, &filter->low);
    case LW_OP_NEQ:
      return !match_value (v, &filter->low);
    case LW_OP_LT:
      return is_numeric (v) && is_numeric (&filter->low) && v->num < filter->low.num;
    case LW_OP_LTE:
      return is_numeric (v) && is_numeric (&filter->low) && v->num <= filter->low.num;
    case LW_OP_GT:
      return is_numeric (v) && is_numeric (&filter->low) && v->num > filter->low.num;
    case LW_OP_GTE:
      return is_numeric (v) && is_numeric (&filter->low) && v->num >= filter->low.num;
    case LW_OP_BETWEEN:
      return is_numeric (v) && is_numeric (&filter->low) && is_numeric (&filter->high) &&
             v->num >= filter->low.num && v->num <= filter->high.num;
    case LW_OP_IN:
      return match_set (filter, v);
    case LW_OP_NOT_IN:
      return !match_set (filter, v);
    case LW_OP_HAS_PROPERTY:
      return TRUE;
    case LW_OP_NOT_HAS_PROPERTY:
      return FALSE;
    case LW_OP_CONTAINS_TOKEN:
      return v->fold != NULL && filter->low.fold != NULL &&
             match_words (v->fold, filter->low.fold);
    case LW_OP_NOT_CONTAINS_TOKEN:
      return !(v->fold != NULL && filter->low.fold != NULL &&
               match_words (v->fold, filter->low.fold));
    case LW_N_OPERATORS:
    default:
      break;
    }

  return FALSE;
}

gboolean
lw_filter_eval (const LwFilter *filter,
                const LwLead   *lead)
{
  g_return_val_if_fail (filter != NULL, FALSE);
  g_return_val_if_fail (lead != NULL, FALSE);
  g_return_val_if_fail (filter->prop_index >= 0, FALSE);
  g_return_val_if_fail ((guint) filter->prop_index < lead->n_values, FALSE);
  g_return_val_if_fail (filter->op < LW_N_OPERATORS, FALSE);

  return eval_filter (filter, lead);
}

/* The filters of a condition are checked as lw_filter_eval() does, here
 * rather than once per filter; a bad one fails its group (and makes the
 * same critical warning). */
static inline gboolean
filter_ok (const LwFilter *filter,
           const LwLead   *lead)
{
  return G_LIKELY (filter != NULL && filter->prop_index >= 0 &&
                   (guint) filter->prop_index < lead->n_values &&
                   filter->op < LW_N_OPERATORS);
}

G_ALWAYS_INLINE static inline gboolean
eval_group (const LwFilterGroup *group,
            const LwLead        *lead)
{
  const LwFilter * const *filters = (const LwFilter * const *) group->filters->pdata;
  guint n = group->filters->len;

  for (guint j = 0; j < n; j++)
    {
      const LwFilter *filter = filters[j];

      if (G_UNLIKELY (!filter_ok (filter, lead)))
        {
          /* Reports the problem. */
          (void) lw_filter_eval (filter, lead);
          return FALSE;
        }
      if (!eval_filter (filter, lead))
        return FALSE;
    }
  return TRUE;
}

gboolean
lw_condition_eval (const LwCondition *condition,
                   const LwLead      *lead)
{
  g_return_val_if_fail (condition != NULL, FALSE);
  g_return_val_if_fail (lead != NULL, FALSE);

  if (condition->groups->len == 0)
    return TRUE;

  for (guint i = 0; i < condition->groups->len; i++)
    if (eval_group (g_ptr_array_index (condition->groups, i), lead))
      return TRUE;

  return FALSE;
}

/* ---- words for people ---------------------------------------------------- */

static const LwOption *
find_option (const LwProperty *property,
             const char       *value)
{
  for (guint i = 0; i < property->options->len; i++)
    {
      const LwOption *option = g_ptr_array_index (property->options, i);

      if (g_strcmp0 (option->value, value) == 0)
        return option;
    }
  return NULL;
}

/* How a value of @property reads: the option's label for an enum. @parsed
 * (NULL when the filter is not bound) gives numbers and instants their
 * canonical form; else @raw is shown as written. */
static void
append_value (GString          *out,
              const LwProperty *property,
              const LwValue    *parsed,
              const char       *raw)
{
  g_autofree char *text = NULL;
  const LwOption *option;

  if (property != NULL && parsed != NULL && parsed->set)
    text = lw_value_dup_text (parsed, property);
  if (text == NULL)
    text = g_strdup (raw != NULL ? raw : "");

  if (property != NULL && property->type == LW_PROPERTY_ENUM &&
      (option = find_option (property, text)) != NULL &&
      option->label != NULL)
    g_string_append (out, option->label);
  else
    g_string_append (out, text);
}

static void
append_filter (GString        *out,
               const LwFilter *filter,
               const LwConfig *config)
{
  const LwProperty *property = NULL;
  gboolean bound = filter->prop_index >= 0;
  const char *symbol;

  if (filter->property != NULL)
    property = lw_config_find_property (config, filter->property);

  if (property != NULL && property->label != NULL)
    g_string_append (out, property->label);
  else
    g_string_append (out, filter->property != NULL ? filter->property : "?");

  symbol = filter->op < LW_N_OPERATORS ? operator_symbol (filter->op) : "?";
  g_string_append_c (out, ' ');
  g_string_append (out, symbol);

  switch (get_arity (filter->op))
    {
    case ARITY_NONE:
      break;

    case ARITY_ONE:
      g_string_append_c (out, ' ');
      /* Words looked for are shown as written, never as an option label. */
      if (is_contains (filter->op))
        g_string_append (out, filter->value != NULL ? filter->value : "");
      else
        append_value (out, property, bound ? &filter->low : NULL, filter->value);
      break;

    case ARITY_RANGE:
      g_string_append_c (out, ' ');
      append_value (out, property, bound ? &filter->low : NULL, filter->value);
      /* translators: the word between BETWEEN's bounds: "is between 10 and 50" */
      g_string_append (out, _(" and "));
      append_value (out, property, bound ? &filter->high : NULL, filter->high_value);
      break;

    case ARITY_LIST:
      g_string_append_c (out, ' ');
      for (guint k = 0; filter->values != NULL && filter->values[k] != NULL; k++)
        {
          if (k > 0)
            g_string_append (out, ", ");
          append_value (out, property,
                        bound && k < filter->n_set ? &filter->set[k] : NULL,
                        filter->values[k]);
        }
      break;

    default:
      g_assert_not_reached ();
    }
}

/* translators: joins the filters of a group: "Country is Canada and Employees ≥ 200" */
#define AND_SEPARATOR N_(" and ")
/* translators: joins filter groups, any of which may hold */
#define OR_SEPARATOR N_(" — or — ")

char *
lw_filter_describe (const LwFilter *filter,
                    const LwConfig *config)
{
  GString *out;

  g_return_val_if_fail (filter != NULL, NULL);
  g_return_val_if_fail (config != NULL, NULL);

  out = g_string_new (NULL);
  append_filter (out, filter, config);
  return g_string_free (out, FALSE);
}

char *
lw_condition_describe (const LwCondition *condition,
                       const LwConfig    *config)
{
  GString *out;

  g_return_val_if_fail (condition != NULL, NULL);
  g_return_val_if_fail (config != NULL, NULL);

  if (condition->groups->len == 0)
    return g_strdup (_("Every lead"));

  out = g_string_new (NULL);
  for (guint i = 0; i < condition->groups->len; i++)
    {
      const LwFilterGroup *group = g_ptr_array_index (condition->groups, i);

      if (i > 0)
        g_string_append (out, _(OR_SEPARATOR));
      if (group->filters->len == 0)
        g_string_append (out, _("Every lead"));
      for (guint j = 0; j < group->filters->len; j++)
        {
          if (j > 0)
            g_string_append (out, _(AND_SEPARATOR));
          append_filter (out, g_ptr_array_index (group->filters, j), config);
        }
    }

  return g_string_free (out, FALSE);
}

static void
append_lead_value (GString        *out,
                   const LwFilter *filter,
                   const LwConfig *config,
                   const LwLead   *lead)
{
  const LwValue *value = &lead->values[filter->prop_index];
  const LwProperty *property = NULL;

  if ((guint) filter->prop_index < config->properties->len)
    property = g_ptr_array_index (config->properties, filter->prop_index);

  /* translators: the lead's value in an explanation: "(lead: 150)" */
  g_string_append (out, _(" (lead: "));
  if (!value->set || property == NULL)
    g_string_append (out, _("no value"));
  else
    append_value (out, property, value, NULL);
  g_string_append_c (out, ')');
}

gboolean
lw_condition_explain (const LwCondition *condition,
                      const LwConfig    *config,
                      const LwLead      *lead,
                      GString           *out)
{
  gboolean result = FALSE;

  g_return_val_if_fail (condition != NULL, FALSE);
  g_return_val_if_fail (config != NULL, FALSE);
  g_return_val_if_fail (lead != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (condition->groups->len == 0)
    {
      g_string_append (out, _("Every lead"));
      g_string_append (out, " ✓");
      return TRUE;
    }

  /* Every filter is shown, also after the outcome is known: the reader
   * wants to see each reason. */
  for (guint i = 0; i < condition->groups->len; i++)
    {
      const LwFilterGroup *group = g_ptr_array_index (condition->groups, i);
      gboolean group_holds = TRUE;

      if (i > 0)
        g_string_append (out, _(OR_SEPARATOR));

      for (guint j = 0; j < group->filters->len; j++)
        {
          const LwFilter *filter = g_ptr_array_index (group->filters, j);
          gboolean holds;

          g_return_val_if_fail (filter->prop_index >= 0, FALSE);
          g_return_val_if_fail ((guint) filter->prop_index < lead->n_values, FALSE);

          holds = lw_filter_eval (filter, lead);
          group_holds = group_holds && holds;

          if (j > 0)
            g_string_append (out, "; ");
          append_filter (out, filter, config);
          append_lead_value (out, filter, config, lead);
          g_string_append (out, holds ? " ✓" : " ✗");
        }

      result = result || group_holds;
    }

  return result;
}
