/* lw-types.c: values, diagnostics and ISO 8601 instants
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdarg.h>
#include <string.h>

#include "lw-types.h"

/* ---- values ---------------------------------------------------------------- */

void
lw_value_clear (LwValue *value)
{
  g_return_if_fail (value != NULL);

  g_clear_pointer (&value->str, g_free);
  g_clear_pointer (&value->fold, g_free);
  value->num = 0;
  value->set = FALSE;
}

/* Overwrites @dest with a deep copy of @src. Whatever @dest held is not
 * freed: clear it first when it owns strings. This lets a caller copy a
 * struct by assignment and then deepen its values in place. */
void
lw_value_copy (LwValue       *dest,
               const LwValue *src)
{
  g_return_if_fail (dest != NULL);
  g_return_if_fail (src != NULL);

  if (dest == src)
    return;

  dest->set = src->set;
  dest->num = src->num;
  dest->str = g_strdup (src->str);
  dest->fold = g_strdup (src->fold);
}

/* ---- diagnostics ------------------------------------------------------------- */

static LwDiagnostic *
create_diagnostic (LwSeverity  severity,
                   const char *path,
                   const char *format,
                   va_list     args)
{
  LwDiagnostic *diagnostic = g_new0 (LwDiagnostic, 1);

  diagnostic->severity = severity;
  diagnostic->path = g_strdup (path);
  diagnostic->message = g_strdup_vprintf (format, args);
  return diagnostic;
}

LwDiagnostic *
lw_diagnostic_new (LwSeverity  severity,
                   const char *path,
                   const char *format,
                   ...)
{
  LwDiagnostic *diagnostic;
  va_list args;

  g_return_val_if_fail (format != NULL, NULL);

  va_start (args, format);
  diagnostic = create_diagnostic (severity, path, format, args);
  va_end (args);
  return diagnostic;
}

void
lw_diagnostic_free (LwDiagnostic *diagnostic)
{
  if (diagnostic == NULL)
    return;

  g_free (diagnostic->file);
  g_free (diagnostic->path);
  g_free (diagnostic->message);
  g_free (diagnostic);
}

char *
lw_diagnostic_format (const LwDiagnostic *diagnostic)
{
  GString *text;

  g_return_val_if_fail (diagnostic != NULL, NULL);

  text = g_string_new (NULL);
  if (diagnostic->file != NULL)
    g_string_append_printf (text, "%s:", diagnostic->file);
  if (diagnostic->line > 0)
    g_string_append_printf (text, "%d:", diagnostic->line);
  if (diagnostic->line > 0 && diagnostic->column > 0)
    g_string_append_printf (text, "%d:", diagnostic->column);
  if (text->len > 0)
    g_string_append_c (text, ' ');

  g_string_append (text, diagnostic->severity == LW_SEVERITY_ERROR ? "error: " : "warning: ");
  if (diagnostic->path != NULL && *diagnostic->path != '\0')
    g_string_append_printf (text, "%s: ", diagnostic->path);
  g_string_append (text, diagnostic->message);

  return g_string_free (text, FALSE);
}

GPtrArray *
lw_diagnostics_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) lw_diagnostic_free);
}

void
lw_diagnostics_add (GPtrArray  *list,
                    LwSeverity  severity,
                    const char *path,
                    const char *format,
                    ...)
{
  va_list args;

  g_return_if_fail (list != NULL);
  g_return_if_fail (format != NULL);

  va_start (args, format);
  g_ptr_array_add (list, create_diagnostic (severity, path, format, args));
  va_end (args);
}

guint
lw_diagnostics_count (GPtrArray  *list,
                      LwSeverity  severity)
{
  guint count = 0;

  g_return_val_if_fail (list != NULL, 0);

  for (guint i = 0; i < list->len; i++)
    {
      const LwDiagnostic *diagnostic = g_ptr_array_index (list, i);

      if (diagnostic->severity == severity)
        count++;
    }
  return count;
}

/* ---- ISO 8601 -------------------------------------------------------------------- */

/* Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
 * days_from_civil), exact for every year without tables or allocation. */
static gint64
days_from_civil (gint64 year,
                 guint  month,
                 guint  day)
{
  gint64 era, yoe, doy, doe;

  year -= month <= 2;
  era = (year >= 0 ? year : year - 399) / 400;
  yoe = year - era * 400;
  doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

static void
civil_from_days (gint64  days,
                 gint64 *year,
                 guint  *month,
                 guint  *day)
{
  gint64 era, doe, yoe, doy, mp;

  days += 719468;
  era = (days >= 0 ? days : days - 146096) / 146097;
  doe = days - era * 146097;
  yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  mp = (5 * doy + 2) / 153;
  *day = doy - (153 * mp + 2) / 5 + 1;
  *month = mp < 10 ? mp + 3 : mp - 9;
  *year = yoe + era * 400 + (*month <= 2);
}

/* Reads exactly @n digits. */
static gboolean
read_digits (const char **p,
             guint        n,
             guint       *out)
{
  guint value = 0;

  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit ((*p)[i]))
        return FALSE;
      value = value * 10 + ((*p)[i] - '0');
    }
  *p += n;
  *out = value;
  return TRUE;
}

static gboolean
read_char (const char **p,
           char         c)
{
  if (**p != c)
    return FALSE;
  (*p)++;
  return TRUE;
}

/* "2026-03-09" (midnight UTC), "2026-03-09T14:00:00Z", "2026-03-09T14:00Z",
 * "2026-03-09T14:00:00.250+01:00", "2026-03-09T14:00:00-0500". A date and
 * time without a zone is rejected: it would mean a different instant on
 * every machine. Fractions of a second are dropped. */
gboolean
lw_time_parse_iso8601 (const char *text,
                       LwTime     *out)
{
  const char *p = text;
  guint year, month, day, hour, minute, second = 0;
  int offset = 0;
  LwTime time;

  g_return_val_if_fail (out != NULL, FALSE);

  if (text == NULL)
    return FALSE;

  if (!read_digits (&p, 4, &year) || !read_char (&p, '-') ||
      !read_digits (&p, 2, &month) || !read_char (&p, '-') ||
      !read_digits (&p, 2, &day))
    return FALSE;
  if (year < 1 || month < 1 || month > 12 || day < 1 ||
      day > g_date_get_days_in_month (month, year))
    return FALSE;

  time = days_from_civil (year, month, day) * LW_DAY;
  if (*p == '\0')
    {
      *out = time;
      return TRUE;
    }

  if (*p != 'T' && *p != 't' && *p != ' ')
    return FALSE;
  p++;

  if (!read_digits (&p, 2, &hour) || !read_char (&p, ':') || !read_digits (&p, 2, &minute))
    return FALSE;
  if (read_char (&p, ':'))
    {
      if (!read_digits (&p, 2, &second))
        return FALSE;
      if (read_char (&p, '.') || read_char (&p, ','))
        {
          if (!g_ascii_isdigit (*p))
            return FALSE;
          while (g_ascii_isdigit (*p))
            p++;
        }
    }
  if (hour > 23 || minute > 59 || second > 59)
    return FALSE;

  if (read_char (&p, 'Z') || read_char (&p, 'z'))
    offset = 0;
  else if (*p == '+' || *p == '-')
    {
      int sign = *p == '-' ? -1 : 1;
      guint off_hour, off_minute;

      p++;
      if (!read_digits (&p, 2, &off_hour))
        return FALSE;
      read_char (&p, ':');
      if (!read_digits (&p, 2, &off_minute))
        return FALSE;
      if (off_hour > 23 || off_minute > 59)
        return FALSE;
      offset = sign * (int) (off_hour * 60 + off_minute) * 60;
    }
  else
    return FALSE;

  if (*p != '\0')
    return FALSE;

  *out = time + hour * LW_HOUR + minute * LW_MINUTE + second - offset;
  return TRUE;
}

char *
lw_time_format_iso8601 (LwTime time)
{
  gint64 days = time / LW_DAY;
  gint64 rest = time % LW_DAY;
  gint64 year;
  guint month, day;

  if (rest < 0)
    {
      rest += LW_DAY;
      days--;
    }
  civil_from_days (days, &year, &month, &day);

  return g_strdup_printf ("%04" G_GINT64_FORMAT "-%02u-%02uT%02u:%02u:%02uZ",
                          year, month, day,
                          (guint) (rest / LW_HOUR),
                          (guint) (rest % LW_HOUR / LW_MINUTE),
                          (guint) (rest % LW_MINUTE));
}

static const char * const fallback_reason_names[LW_N_FALLBACK_REASONS] = {
  [LW_FALLBACK_NONE] = "none",
  [LW_FALLBACK_NO_MATCH] = "no-match",
  [LW_FALLBACK_NOBODY] = "nobody",
  [LW_FALLBACK_NO_ACCOUNT] = "no-account",
  [LW_FALLBACK_NO_TERRITORY] = "no-territory",
};

const char *
lw_fallback_reason_to_string (LwFallbackReason reason)
{
  if ((guint) reason >= LW_N_FALLBACK_REASONS)
    return NULL;
  return fallback_reason_names[reason];
}

gboolean
lw_fallback_reason_from_string (const char       *name,
                                LwFallbackReason *reason)
{
  g_return_val_if_fail (reason != NULL, FALSE);

  for (guint i = 0; name != NULL && i < LW_N_FALLBACK_REASONS; i++)
    if (strcmp (name, fallback_reason_names[i]) == 0)
      {
        *reason = i;
        return TRUE;
      }
  return FALSE;
}
