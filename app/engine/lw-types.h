/* lw-types.h: small types shared by every part of the engine
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Instants are whole seconds since the Unix epoch, UTC. The engine never reads
 * the system clock inside a rule: every evaluator takes the time it runs at. */
typedef gint64 LwTime;

#define LW_MINUTE ((LwTime) 60)
#define LW_HOUR   ((LwTime) 3600)
#define LW_DAY    ((LwTime) 86400)

/* @a / @b rounded towards minus infinity (C's / rounds towards 0): the
 * day of an instant before 1970 is the day before, not day 0. */
static inline gint64
lw_floor_div (gint64 a,
              gint64 b)
{
  gint64 q = a / b;

  if ((a % b != 0) && ((a < 0) != (b < 0)))
    q--;
  return q;
}

/* How an element is named to people: its @label, else its @id. */
static inline const char *
lw_label_or_id (const char *label,
                const char *id)
{
  return label != NULL && *label != '\0' ? label : id;
}

typedef struct _LwConfig LwConfig;
typedef struct _LwLead   LwLead;

/* The value of one lead property, typed by the property catalogue.
 *
 * number, boolean (0 or 1) and datetime (seconds since the epoch) keep their
 * value in @num; string, enum and email keep the text in @str and a casefolded
 * copy in @fold for case-insensitive comparison. */
typedef struct
{
  gboolean set;
  double   num;
  char    *str;
  char    *fold;
} LwValue;

void     lw_value_clear      (LwValue    *value);
void     lw_value_copy       (LwValue    *dest,
                              const LwValue *src);

typedef enum
{
  LW_SEVERITY_ERROR,
  LW_SEVERITY_WARNING,
} LwSeverity;

/* One finding of validation or of the checks, located by its JSON path
 * ("$.routing.rules[2].when") and, when it came from a file, by line and
 * column (1-based; 0 when unknown). */
typedef struct
{
  LwSeverity severity;
  char      *file;
  int        line;
  int        column;
  char      *path;
  char      *message;
} LwDiagnostic;

LwDiagnostic *lw_diagnostic_new      (LwSeverity          severity,
                                      const char         *path,
                                      const char         *format,
                                      ...) G_GNUC_PRINTF (3, 4);
void          lw_diagnostic_free     (LwDiagnostic       *diagnostic);
/* "FILE:LINE:COL: error: $.path: message"; the location parts that are
 * unknown are left out. */
char         *lw_diagnostic_format   (const LwDiagnostic *diagnostic);

/* Adds a diagnostic to @list (a GPtrArray of LwDiagnostic, owning). */
void          lw_diagnostics_add     (GPtrArray          *list,
                                      LwSeverity          severity,
                                      const char         *path,
                                      const char         *format,
                                      ...) G_GNUC_PRINTF (4, 5);
guint         lw_diagnostics_count   (GPtrArray          *list,
                                      LwSeverity          severity);
GPtrArray    *lw_diagnostics_new     (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LwDiagnostic, lw_diagnostic_free)

/* ISO 8601 helpers in UTC or with an offset: "2026-03-09T14:00:00Z". */
gboolean lw_time_parse_iso8601   (const char *text,
                                  LwTime     *out);
char    *lw_time_format_iso8601  (LwTime      time);

/* Why routing ended at the fallback owner. When several rules matched and
 * could not assign, the most telling of their reasons stands: nobody
 * available, then no territory, then no account (an account-owner rule
 * for every lead passes most leads on, which says little). */
typedef enum
{
  LW_FALLBACK_NONE,          /* not at the fallback, or not recorded (a run
                              * stored before the reason was kept) */
  LW_FALLBACK_NO_MATCH,      /* no rule's condition held */
  LW_FALLBACK_NOBODY,        /* a rule matched, but nobody it assigns to was
                              * available (absent, outside working hours,
                              * at capacity, inactive) */
  LW_FALLBACK_NO_ACCOUNT,    /* only account-owner rules matched, and no
                              * account has the lead's email domain */
  LW_FALLBACK_NO_TERRITORY,  /* a rule matched, but its territory map has no
                              * entry for the lead */
  LW_N_FALLBACK_REASONS
} LwFallbackReason;

/* "none", "no-match", "nobody", "no-account", "no-territory"; NULL out of
 * range. */
const char *lw_fallback_reason_to_string   (LwFallbackReason  reason);
gboolean    lw_fallback_reason_from_string (const char       *name,
                                            LwFallbackReason *reason);

G_END_DECLS
