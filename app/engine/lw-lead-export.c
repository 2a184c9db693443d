/* lw-lead-export.c: the leads and events of a simulation run as CSV
 *
 * The store's public API reads one lead (or one lead's events) at a time,
 * each read decoding a whole block; an export of every lead would decode
 * every block thousands of times. So the export walks the run with
 * lw_store_foreach_lead() and lw_store_foreach_event(), which read it
 * block by block, and names indexes with the run's own labels
 * (lw_store_get_run_names()). tests/test-lead-export.c checks every
 * exported row against lw_store_get_lead() and lw_store_get_lead_events().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "lw-config-json.h"
#include "lw-lead-export.h"
#include "lw-lead.h"
#include "lw-live.h"
#include "lw-scoring.h"
#include "lw-store.h"

/* ---- formatting ------------------------------------------------------------------ */

/* @value with at most @decimals decimals, without trailing zeros: 12.5,
 * 40, -3.25. */
static char *
format_decimal (double value,
                int    decimals)
{
  char format[8];
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  char *end;

  g_snprintf (format, sizeof format, "%%.%df", decimals);
  g_ascii_formatd (buffer, sizeof buffer, format, value);
  if (strchr (buffer, '.') != NULL)
    {
      end = buffer + strlen (buffer);
      while (end[-1] == '0')
        *--end = '\0';
      if (end[-1] == '.')
        *--end = '\0';
    }
  if (strcmp (buffer, "-0") == 0)
    return g_strdup ("0");
  return g_strdup (buffer);
}

static char *
format_time (LwTime time)
{
  return time != 0 ? lw_time_format_iso8601 (time) : NULL;
}

static char *
format_bool (gboolean value)
{
  return g_strdup (value ? "true" : "false");
}

static const char *
rep_field (const LwRunNames *names,
           int               rep,
           gboolean          name)
{
  return name ? lw_run_names_get_label (names, LW_RUN_NAME_REP, rep)
              : lw_run_names_get_id (names, LW_RUN_NAME_REP, rep);
}

static const char *
label_id (const LwRunNames *names,
          LwRunNameKind     kind,
          int               index)
{
  return lw_run_names_get_id (names, kind, index);
}

/* The band of @bands @value falls in (lw-scoring.c's rule: the first whose
 * minimum it reaches, else the last). */
static const char *
pick_grade (GPtrArray *bands,
            double     value)
{
  const LwGradeBand *band = NULL;

  if (bands == NULL || bands->len == 0)
    return NULL;
  for (guint i = 0; i < bands->len; i++)
    {
      band = g_ptr_array_index (bands, i);
      if (!band->has_min || band->min <= value)
        return band->grade;
    }
  return band->grade;
}

static char *
dup_grade (const LwConfig *config,
           double          fit,
           double          engagement)
{
  const char *a, *b;

  if (config == NULL)
    return NULL;
  a = pick_grade (config->scoring.fit_grades, fit);
  b = pick_grade (config->scoring.engagement_grades, engagement);
  if (a == NULL && b == NULL)
    return NULL;
  return g_strconcat (a ? a : "", b ? b : "", NULL);
}

/* ---- the leads ------------------------------------------------------------------- */

static const char * const lead_head[] = {
  "lead_id", "created_at", "source", "entry_point", "region", "segment",
};

static const char * const lead_tail[] = {
  "fit_score", "engagement_score", "total_score", "grade",
  "lifecycle_stage", "furthest_stage", "lead_status",
  "mql", "converted", "disqualified", "recycled",
  "owner_id", "owner", "routed_to_id", "routing_rule", "pool", "fallback",
  "sla_policy", "sla_rep_id", "assigned_at", "first_touch_at", "first_touch_deadline",
  "time_to_first_touch_minutes", "sla_warned", "sla_breached", "escalations", "reassignments",
};

#define ENTERED_PREFIX "entered_"

/* Progress is reported every this many rows. */
#define PROGRESS_EVERY 4096

typedef struct
{
  const LwConfig *config;     /* may be NULL: no property columns */
  const LwRunNames *names;
  gboolean        region;     /* the region and segment columns (when no */
  gboolean        segment;    /* property of that name carries them) */
  GPtrArray      *header;     /* char * */
  GPtrArray      *row;        /* char *, reused */
  LwLead         *lead;       /* reused for decoding properties */
} LeadWriter;

static gboolean
is_fixed_column (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (lead_head); i++)
    if (strcmp (name, lead_head[i]) == 0)
      return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (lead_tail); i++)
    if (strcmp (name, lead_tail[i]) == 0)
      return TRUE;
  return g_str_has_prefix (name, ENTERED_PREFIX);
}

static void
build_lead_header (LeadWriter *w)
{
  const LwConfig *config = w->config;

  w->region = config == NULL || lw_config_find_property (config, "region") == NULL;
  w->segment = config == NULL || lw_config_find_property (config, "segment") == NULL;

  for (guint i = 0; i < G_N_ELEMENTS (lead_head); i++)
    {
      if ((i == 4 && !w->region) || (i == 5 && !w->segment))
        continue;
      g_ptr_array_add (w->header, g_strdup (lead_head[i]));
    }
  for (guint i = LW_N_BUILTINS; config != NULL && i < config->properties->len; i++)
    {
      const LwProperty *property = g_ptr_array_index (config->properties, i);

      if ((strcmp (property->id, "region") == 0 && !w->region) ||
          (strcmp (property->id, "segment") == 0 && !w->segment) ||
          !is_fixed_column (property->id))
        g_ptr_array_add (w->header, g_strdup (property->id));
      else
        g_ptr_array_add (w->header, g_strconcat (property->id, "_property", NULL));
    }
  for (guint i = 0; i < G_N_ELEMENTS (lead_tail); i++)
    g_ptr_array_add (w->header, g_strdup (lead_tail[i]));
  for (guint s = 0; s < lw_run_names_get_n_stages (w->names); s++)
    {
      const char *stage = label_id (w->names, LW_RUN_NAME_STAGE, s);
      g_autofree char *fallback = g_strdup_printf ("%u", s);

      g_ptr_array_add (w->header, g_strconcat (ENTERED_PREFIX, stage ? stage : fallback, NULL));
    }
}

static gboolean
build_lead_row (LeadWriter          *w,
                LwStore             *store,
                const LwStoredLead  *lead,
                const guint8        *props,
                gsize                props_len,
                GError             **error)
{
  const LwRunNames *names = w->names;
  GPtrArray *row = w->row;

  g_ptr_array_set_size (row, 0);
  g_ptr_array_add (row, g_strdup_printf ("%u", lead->id));
  g_ptr_array_add (row, format_time (lead->created_at));
  g_ptr_array_add (row, g_strdup (label_id (names, LW_RUN_NAME_SOURCE, lead->source)));
  g_ptr_array_add (row, g_strdup (lead->entry_point));
  if (w->region)
    g_ptr_array_add (row, g_strdup (lead->region));
  if (w->segment)
    g_ptr_array_add (row, g_strdup (lead->segment));

  if (w->config != NULL)
    {
      g_autoptr(GError) local_error = NULL;

      for (guint i = 0; i < w->lead->n_values; i++)
        lw_lead_unset (w->lead, i);
      if (!lw_lead_decode (w->lead, w->config, props, props_len, &local_error))
        {
          /* translators: the first %s is a file name, %u a lead id, the
           * last %s why its properties do not read */
          g_set_error (error, LW_STORE_ERROR, LW_STORE_ERROR_CORRUPT,
                       _("%s: lead %u: %s"), lw_store_get_path (store), lead->id,
                       local_error->message);
          return FALSE;
        }
      for (guint i = LW_N_BUILTINS; i < w->config->properties->len; i++)
        g_ptr_array_add (row, lw_lead_dup_text (w->lead, w->config, i));
    }

  g_ptr_array_add (row, format_decimal (lead->fit, 2));
  g_ptr_array_add (row, format_decimal (lead->engagement, 2));
  g_ptr_array_add (row, format_decimal (lead->fit + lead->engagement, 2));
  g_ptr_array_add (row, dup_grade (w->config, lead->fit, lead->engagement));
  g_ptr_array_add (row, g_strdup (label_id (names, LW_RUN_NAME_STAGE, lead->stage)));
  g_ptr_array_add (row, g_strdup (label_id (names, LW_RUN_NAME_STAGE, lead->max_stage)));
  g_ptr_array_add (row, g_strdup (label_id (names, LW_RUN_NAME_STATUS, lead->status)));
  g_ptr_array_add (row, format_bool (lead->mql));
  g_ptr_array_add (row, format_bool (lead->converted));
  g_ptr_array_add (row, format_bool (lead->disqualified));
  g_ptr_array_add (row, format_bool (lead->recycled));
  g_ptr_array_add (row, g_strdup (rep_field (names, lead->owner, FALSE)));
  g_ptr_array_add (row, g_strdup (rep_field (names, lead->owner, TRUE)));
  g_ptr_array_add (row, g_strdup (rep_field (names, lead->routed_rep, FALSE)));
  g_ptr_array_add (row, g_strdup (label_id (names, LW_RUN_NAME_RULE, lead->rule)));
  g_ptr_array_add (row, g_strdup (label_id (names, LW_RUN_NAME_POOL, lead->pool)));
  g_ptr_array_add (row, format_bool (lead->fallback));
  g_ptr_array_add (row, g_strdup (label_id (names, LW_RUN_NAME_POLICY, lead->policy)));
  g_ptr_array_add (row, g_strdup (rep_field (names, lead->sla_rep, FALSE)));
  g_ptr_array_add (row, format_time (lead->assigned_at));
  g_ptr_array_add (row, format_time (lead->first_touch_at));
  g_ptr_array_add (row, format_time (lead->deadline));
  g_ptr_array_add (row, lead->ttft >= 0 ? format_decimal (lead->ttft / 60.0, 2) : NULL);
  g_ptr_array_add (row, format_bool (lead->warned));
  g_ptr_array_add (row, format_bool (lead->breached));
  g_ptr_array_add (row, g_strdup_printf ("%u", lead->escalations));
  g_ptr_array_add (row, g_strdup_printf ("%u", lead->reassignments));
  for (guint s = 0; s < lead->n_stage_at; s++)
    g_ptr_array_add (row, format_time (lead->stage_at[s]));
  return TRUE;
}

typedef struct
{
  LeadWriter            *w;
  LwStore               *store;
  LwCsvWriter           *writer;
  GCancellable          *cancellable;
  LwLeadExportProgress   progress;
  gpointer               progress_data;
  guint64                done;
  guint64                total;
} LeadWalk;

static gboolean
write_lead_cb (const LwStoredLead  *lead,
               gpointer             user_data,
               GError             **error)
{
  LeadWalk *walk = user_data;
  GPtrArray *row = walk->w->row;

  if (!build_lead_row (walk->w, walk->store, lead, lead->properties, lead->properties_len, error) ||
      !lw_csv_writer_write_row (walk->writer, (const char * const *) row->pdata, row->len,
                                walk->cancellable, error))
    return FALSE;
  walk->done++;
  if (walk->progress != NULL && walk->done % PROGRESS_EVERY == 0)
    walk->progress (walk->done, MAX (walk->done, walk->total), walk->progress_data);
  return TRUE;
}

static gboolean
export_leads (LwStore               *store,
              const LwRunNames      *names,
              const LwRunInfo       *info,
              const LwConfig        *config,
              LwCsvWriter           *writer,
              GCancellable          *cancellable,
              LwLeadExportProgress   progress,
              gpointer               progress_data,
              GError               **error)
{
  g_autoptr(GPtrArray) header = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) row = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(LwLead) lead = config != NULL ? lw_lead_new (config, NULL) : NULL;
  LeadWriter w = { config, names, FALSE, FALSE, header, row, lead };
  LeadWalk walk = { &w, store, writer, cancellable, progress, progress_data, 0, info->leads };

  build_lead_header (&w);
  if (!lw_csv_writer_write_row (writer, (const char * const *) header->pdata, header->len,
                                cancellable, error) ||
      !lw_store_foreach_lead (store, lw_run_names_get_run (names), cancellable, write_lead_cb,
                              &walk, error))
    return FALSE;
  if (progress != NULL)
    progress (walk.done, MAX (walk.done, info->leads), progress_data);
  return TRUE;
}

/* ---- the events ------------------------------------------------------------------ */

enum
{
  EV_LEAD, EV_AT, EV_EVENT, EV_REP_ID, EV_REP, EV_STAGE, EV_STATUS, EV_RULE, EV_FALLBACK,
  EV_POLICY, EV_STEP, EV_PREVIOUS_OWNER, EV_PATH, EV_ACTIVITY, EV_SOURCE, EV_SCORE, EV_MQL,
  EV_MINUTES, EV_DETAIL, N_EV_COLUMNS
};

static const char * const event_columns[N_EV_COLUMNS] = {
  "lead_id", "at", "event", "rep_id", "rep", "stage", "status", "rule", "fallback",
  "policy", "escalation_step", "previous_owner_id", "path", "activity", "source", "score", "mql",
  "minutes", "detail",
};

static char *
dup_path_id (const LwConfig *config,
             int             index)
{
  if (config != NULL && index >= 0 && (guint) index < config->paths->len)
    return g_strdup (((const LwPath *) g_ptr_array_index (config->paths, index))->id);
  return g_strdup_printf ("%d", index);
}

static char *
dup_activity_id (const LwConfig *config,
                 int             index)
{
  if (config != NULL && index >= 0 && (guint) index < config->activities->len)
    return g_strdup (((const LwActivityType *) g_ptr_array_index (config->activities, index))->id);
  return g_strdup_printf ("%d", index);
}

static void
build_event_row (const LwRunNames *names,
                 const LwConfig   *config,
                 const LwEvent    *e,
                 char            **cells)
{

  for (guint i = 0; i < N_EV_COLUMNS; i++)
    g_clear_pointer (&cells[i], g_free);

  cells[EV_LEAD] = g_strdup_printf ("%u", e->lead);
  cells[EV_AT] = lw_time_format_iso8601 (e->t);
  cells[EV_EVENT] = g_strdup (lw_event_kind_to_string (e->kind));
  cells[EV_REP_ID] = g_strdup (rep_field (names, e->rep, FALSE));
  cells[EV_REP] = g_strdup (rep_field (names, e->rep, TRUE));
  if (e->detail != NULL)
    cells[EV_DETAIL] = g_utf8_make_valid (e->detail, -1);

  switch (e->kind)
    {
    case LW_EVENT_CREATED:
      cells[EV_SOURCE] = g_strdup (label_id (names, LW_RUN_NAME_SOURCE, e->arg));
      break;
    case LW_EVENT_SCORED:
      cells[EV_SCORE] = format_decimal (e->value, 3);
      cells[EV_MQL] = format_bool (e->arg == 1);
      break;
    case LW_EVENT_STAGE_CHANGED:
    case LW_EVENT_CONVERTED:
      cells[EV_STAGE] = g_strdup (label_id (names, LW_RUN_NAME_STAGE, e->arg));
      break;
    case LW_EVENT_STATUS_CHANGED:
      cells[EV_STATUS] = g_strdup (label_id (names, LW_RUN_NAME_STATUS, e->arg));
      break;
    case LW_EVENT_ASSIGNED:
      cells[EV_RULE] = g_strdup (label_id (names, LW_RUN_NAME_RULE, e->arg));
      cells[EV_FALLBACK] = format_bool (e->arg < 0);
      break;
    case LW_EVENT_FIRST_TOUCH:
    case LW_EVENT_SLA_WARNING:
      cells[EV_POLICY] = g_strdup (label_id (names, LW_RUN_NAME_POLICY, e->arg));
      cells[EV_MINUTES] = format_decimal (e->value, 3);
      break;
    case LW_EVENT_SLA_BREACH:
      cells[EV_POLICY] = g_strdup (label_id (names, LW_RUN_NAME_POLICY, e->arg));
      break;
    case LW_EVENT_ESCALATED:
      cells[EV_STEP] = g_strdup_printf ("%d", e->arg + 1);
      break;
    case LW_EVENT_REASSIGNED:
      cells[EV_PREVIOUS_OWNER] = g_strdup (rep_field (names, e->arg, FALSE));
      break;
    case LW_EVENT_DISQUALIFIED:
    case LW_EVENT_RECYCLED:
      cells[EV_PATH] = dup_path_id (config, e->arg);
      break;
    case LW_EVENT_ACTIVITY:
      cells[EV_ACTIVITY] = dup_activity_id (config, e->arg);
      break;
    case LW_N_EVENT_KINDS:
    default:
      break;
    }
}

typedef struct
{
  const LwRunNames      *names;
  const LwConfig        *config;
  LwCsvWriter           *writer;
  GCancellable          *cancellable;
  LwLeadExportProgress   progress;
  gpointer               progress_data;
  char                 **cells;
  guint64                done;
  guint64                total;
} EventWalk;

static gboolean
write_event_cb (const LwEvent  *event,
                gpointer        user_data,
                GError        **error)
{
  EventWalk *walk = user_data;

  build_event_row (walk->names, walk->config, event, walk->cells);
  if (!lw_csv_writer_write_row (walk->writer, (const char * const *) walk->cells, N_EV_COLUMNS,
                                walk->cancellable, error))
    return FALSE;
  walk->done++;
  if (walk->progress != NULL && walk->done % PROGRESS_EVERY == 0)
    walk->progress (walk->done, MAX (walk->done, walk->total), walk->progress_data);
  return TRUE;
}

static gboolean
export_events (LwStore               *store,
               const LwRunNames      *names,
               const LwRunInfo       *info,
               const LwConfig        *config,
               LwCsvWriter           *writer,
               GCancellable          *cancellable,
               LwLeadExportProgress   progress,
               gpointer               progress_data,
               GError               **error)
{
  char *cells[N_EV_COLUMNS] = { NULL, };
  EventWalk walk = { names, config, writer, cancellable, progress, progress_data, cells, 0,
                     info->events_written };
  gboolean ok;

  ok = lw_csv_writer_write_row (writer, event_columns, N_EV_COLUMNS, cancellable, error) &&
       lw_store_foreach_event (store, lw_run_names_get_run (names), cancellable, write_event_cb,
                               &walk, error);
  for (guint i = 0; i < N_EV_COLUMNS; i++)
    g_free (cells[i]);
  if (ok && progress != NULL)
    progress (walk.done, MAX (walk.done, info->events_written), progress_data);
  return ok;
}

/* ---- live leads -------------------------------------------------------------------- */

static const char * const live_head[] = {
  "live_id", "external_id", "created_at", "updated_at",
};

static const char * const live_tail[] = {
  "fit_score", "engagement_score", "total_score", "grade", "mql",
  "lifecycle_stage", "lead_status", "owner_id", "owner", "sla_policy", "sla_state",
  "assigned_at", "first_touch_at", "first_touch_deadline", "sla_warned", "sla_breached",
  "escalations", "reassignments", "touches",
};

static gboolean
is_live_column (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (live_head); i++)
    if (strcmp (name, live_head[i]) == 0)
      return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (live_tail); i++)
    if (strcmp (name, live_tail[i]) == 0)
      return TRUE;
  return FALSE;
}

typedef struct
{
  const LwConfig  *config;
  LwTime           now;
  LwCsvWriter     *writer;
  GCancellable    *cancellable;
  GPtrArray       *row;
  guint64          rows;
} LiveWalk;

static gboolean
write_live_cb (const LwLiveLead  *live,
               gpointer           user_data,
               GError           **error)
{
  LiveWalk *walk = user_data;
  const LwConfig *config = walk->config;
  GPtrArray *row = walk->row;
  g_autoptr(LwLead) lead = lw_live_lead_to_lead (config, live);
  g_auto(LwScore) score = { 0, };
  const LwRep *owner = live->owner != NULL ? lw_config_find_rep (config, live->owner) : NULL;
  LwLiveClock clock;

  lw_score_lead (config, lead, walk->now, FALSE, &score);
  lw_live_clock_compute (config, live, walk->now, &clock);

  g_ptr_array_set_size (row, 0);
  g_ptr_array_add (row, g_strdup_printf ("%" G_GINT64_FORMAT, live->id));
  g_ptr_array_add (row, g_strdup (live->external_id));
  g_ptr_array_add (row, format_time (live->created_at));
  g_ptr_array_add (row, format_time (live->updated_at));
  for (guint i = LW_N_BUILTINS; i < config->properties->len; i++)
    g_ptr_array_add (row, lw_lead_dup_text (lead, config, i));
  g_ptr_array_add (row, format_decimal (score.fit, 2));
  g_ptr_array_add (row, format_decimal (score.engagement, 2));
  g_ptr_array_add (row, format_decimal (score.total, 2));
  g_ptr_array_add (row, g_strdup (score.grade));
  g_ptr_array_add (row, format_bool (score.mql));
  g_ptr_array_add (row, g_strdup (live->stage));
  g_ptr_array_add (row, g_strdup (live->status));
  g_ptr_array_add (row, g_strdup (live->owner));
  g_ptr_array_add (row, g_strdup (owner != NULL ? owner->name : NULL));
  g_ptr_array_add (row, g_strdup (clock.policy != NULL ? clock.policy->id : NULL));
  g_ptr_array_add (row, g_strdup (lw_live_state_to_string (clock.state)));
  g_ptr_array_add (row, format_time (live->assigned_at));
  g_ptr_array_add (row, format_time (live->first_touch_at));
  g_ptr_array_add (row, clock.state == LW_LIVE_NO_CLOCK || clock.deadline == G_MAXINT64
                        ? NULL : format_time (clock.deadline));
  g_ptr_array_add (row, format_bool (clock.warned));
  g_ptr_array_add (row, format_bool (clock.breached));
  g_ptr_array_add (row, g_strdup_printf ("%u", clock.escalations));
  g_ptr_array_add (row, g_strdup_printf ("%u", clock.reassignments));
  g_ptr_array_add (row, g_strdup_printf ("%u", live->touches));
  if (!lw_csv_writer_write_row (walk->writer, (const char * const *) row->pdata, row->len,
                                walk->cancellable, error))
    return FALSE;
  walk->rows++;
  return TRUE;
}

gboolean
lw_lead_export_live (LwStore         *store,
                     const LwConfig  *config,
                     LwTime           now,
                     LwCsvWriter     *writer,
                     GCancellable    *cancellable,
                     guint64         *rows,
                     GError         **error)
{
  g_autoptr(GPtrArray) header = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) row = g_ptr_array_new_with_free_func (g_free);
  LiveWalk walk = { config, now, writer, cancellable, row, 0 };

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (config != NULL, FALSE);
  g_return_val_if_fail (writer != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (live_head); i++)
    g_ptr_array_add (header, g_strdup (live_head[i]));
  for (guint i = LW_N_BUILTINS; i < config->properties->len; i++)
    {
      const LwProperty *property = g_ptr_array_index (config->properties, i);

      g_ptr_array_add (header, is_live_column (property->id)
                               ? g_strconcat (property->id, "_property", NULL)
                               : g_strdup (property->id));
    }
  for (guint i = 0; i < G_N_ELEMENTS (live_tail); i++)
    g_ptr_array_add (header, g_strdup (live_tail[i]));
  if (!lw_csv_writer_write_row (writer, (const char * const *) header->pdata, header->len,
                                cancellable, error) ||
      !lw_store_foreach_live_lead (store, cancellable, write_live_cb, &walk, error))
    return FALSE;
  if (rows != NULL)
    *rows = walk.rows;
  return TRUE;
}

/* ---- public API ------------------------------------------------------------------ */

gboolean
lw_lead_export_run (LwStore               *store,
                    gint64                 run,
                    LwLeadExportKind       kind,
                    const LwConfig        *config,
                    LwCsvWriter           *writer,
                    GCancellable          *cancellable,
                    LwLeadExportProgress   progress,
                    gpointer               progress_data,
                    GError               **error)
{
  g_autoptr(LwRunNames) names = NULL;
  g_autoptr(LwRunInfo) info = NULL;
  g_autoptr(LwConfig) loaded = NULL;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (run >= 0, FALSE);
  g_return_val_if_fail (kind == LW_LEAD_EXPORT_LEADS || kind == LW_LEAD_EXPORT_EVENTS, FALSE);
  g_return_val_if_fail (writer != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  names = lw_store_get_run_names (store, run, error);
  if (names == NULL)
    return FALSE;
  info = lw_store_get_run (store, lw_run_names_get_run (names), error);
  if (info == NULL)
    return FALSE;

  if (config == NULL && info->revision != 0)
    {
      g_autoptr(LwRevision) revision = lw_store_get_revision (store, info->revision, error);
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, info->revision);
      g_autofree char *name = NULL;

      if (revision == NULL)
        return FALSE;
      /* translators: the name of a rule set in messages: "revision 3" */
      name = g_strdup_printf (_("revision %s"), number);
      loaded = lw_config_load_data (revision->json, -1, name, NULL, error);
      if (loaded == NULL)
        return FALSE;
      config = loaded;
    }

  if (kind == LW_LEAD_EXPORT_LEADS)
    return export_leads (store, names, info, config, writer, cancellable, progress, progress_data,
                         error);
  return export_events (store, names, info, config, writer, cancellable, progress, progress_data,
                        error);
}

gboolean
lw_lead_export_run_to_path (LwStore               *store,
                            gint64                 run,
                            LwLeadExportKind       kind,
                            const char            *path,
                            LwCsvWriteFlags        flags,
                            GCancellable          *cancellable,
                            LwLeadExportProgress   progress,
                            gpointer               progress_data,
                            guint64               *rows,
                            GError               **error)
{
  g_autoptr(LwCsvWriter) writer = NULL;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  writer = lw_csv_writer_new_for_path (path, flags, error);
  if (writer == NULL)
    return FALSE;
  if (!lw_lead_export_run (store, run, kind, NULL, writer, cancellable, progress, progress_data,
                           error) ||
      !lw_csv_writer_finish (writer, cancellable, error))
    return FALSE;
  if (rows != NULL)
    *rows = lw_csv_writer_get_rows (writer) - 1;
  return TRUE;
}

typedef struct
{
  LwStore              *store;
  gint64                run;
  LwLeadExportKind      kind;
  char                 *path;
  LwCsvWriteFlags       flags;
  LwLeadExportProgress  progress;
  gpointer              progress_data;
  guint64               rows;
} ExportData;

static void
export_data_free (gpointer data)
{
  ExportData *d = data;

  lw_store_unref (d->store);
  g_free (d->path);
  g_free (d);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportData *d = task_data;
  GError *error = NULL;

  if (lw_lead_export_run_to_path (d->store, d->run, d->kind, d->path, d->flags, cancellable,
                                  d->progress, d->progress_data, &d->rows, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
lw_lead_export_run_to_path_async (LwStore               *store,
                                  gint64                 run,
                                  LwLeadExportKind       kind,
                                  const char            *path,
                                  LwCsvWriteFlags        flags,
                                  GCancellable          *cancellable,
                                  LwLeadExportProgress   progress,
                                  gpointer               progress_data,
                                  GAsyncReadyCallback    callback,
                                  gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  ExportData *d;

  g_return_if_fail (store != NULL);
  g_return_if_fail (run >= 0);
  g_return_if_fail (path != NULL);

  d = g_new0 (ExportData, 1);
  d->store = lw_store_ref (store);
  d->run = run;
  d->kind = kind;
  d->path = g_strdup (path);
  d->flags = flags;
  d->progress = progress;
  d->progress_data = progress_data;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, lw_lead_export_run_to_path_async);
  g_task_set_task_data (task, d, export_data_free);
  g_task_run_in_thread (task, export_thread);
}

gboolean
lw_lead_export_run_to_path_finish (GAsyncResult  *result,
                                   guint64       *rows,
                                   GError       **error)
{
  GTask *task;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == lw_lead_export_run_to_path_async,
                        FALSE);

  task = G_TASK (result);
  if (!g_task_propagate_boolean (task, error))
    return FALSE;
  if (rows != NULL)
    *rows = ((ExportData *) g_task_get_task_data (task))->rows;
  return TRUE;
}
