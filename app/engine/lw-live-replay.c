/* lw-live-replay.c: real leads through the current rules, recorded as a run
 *
 * The live leads to replay are read first (their creation times set the
 * run's start), then each becomes an LwStoredLead and a few events
 * (created, scored, assigned, the stage and status it is in, its first
 * touch), written a batch at a time as the simulator writes its own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "lw-lead.h"
#include "lw-lifecycle.h"
#include "lw-live-replay.h"
#include "lw-live.h"
#include "lw-routing.h"
#include "lw-scoring.h"
#include "lw-sla.h"

/* Leads are written this many at a time. */
#define BATCH 1024

/* ---- reading the live leads ------------------------------------------------------ */

typedef struct
{
  GHashTable *wanted;   /* gint64 id set; NULL: every lead */
  GPtrArray  *leads;    /* LwLiveLead, copies */
} Collect;

static gboolean
collect_cb (const LwLiveLead  *lead,
            gpointer           user_data,
            GError           **error)
{
  Collect *c = user_data;

  if (c->wanted == NULL || g_hash_table_contains (c->wanted, &lead->id))
    g_ptr_array_add (c->leads, lw_live_lead_copy (lead));
  return TRUE;
}

/* ---- one lead ---------------------------------------------------------------------- */

static int
index_in (GPtrArray     *array,
          gconstpointer  item)
{
  guint index;

  if (item != NULL && g_ptr_array_find (array, item, &index))
    return (int) index;
  return -1;
}

static int
rep_index (const LwConfig *config,
           const char     *id)
{
  const LwRep *rep = id != NULL ? lw_config_find_rep (config, id) : NULL;

  return rep != NULL ? (int) rep->index : -1;
}

static int
status_index (const LwConfig *config,
              const char     *id)
{
  return index_in (config->statuses, id != NULL ? lw_config_find_status (config, id) : NULL);
}

static int
option_index (const LwProperty *property,
              const LwLead     *lead)
{
  const LwValue *value;

  if (property == NULL || property->options == NULL)
    return -1;
  value = lw_lead_get (lead, property->index);
  for (guint i = 0; value->set && value->str != NULL && i < property->options->len; i++)
    if (g_strcmp0 (((const LwOption *) g_ptr_array_index (property->options, i))->value, value->str) == 0)
      return (int) i;
  return -1;
}

/* The text of property @id of @lead, or NULL; kept in @keep. */
static const char *
property_text (const LwConfig *config,
               const LwLead   *lead,
               const char     *id,
               GPtrArray      *keep)
{
  const LwProperty *property = lw_config_find_property (config, id);
  char *text;

  if (property == NULL)
    return NULL;
  text = lw_lead_dup_text (lead, config, property->index);
  if (text != NULL)
    g_ptr_array_add (keep, text);
  return text;
}

typedef struct
{
  const LwConfig  *config;
  LwStore         *store;
  gint64           run;
  LwTime           now;
  LwRoutingState  *routing;
  GArray          *stored;      /* LwStoredLead */
  GByteArray      *properties;  /* their encodings, back to back */
  GArray          *offsets;     /* gsize, where each encoding starts */
  GArray          *stage_at;    /* LwTime, n_stages per lead */
  GPtrArray       *texts;       /* char *, kept until the batch is written */
  GArray          *events;      /* LwEvent */
  LwReplaySummary *summary;
} Replay;

static void
add_event (Replay      *r,
           guint32      lead,
           LwEventKind  kind,
           LwTime       t,
           int          rep,
           int          arg,
           double       value)
{
  LwEvent event = { lead, kind, t, rep, arg, value, NULL };

  g_array_append_val (r->events, event);
}

static void
replay_one (Replay           *r,
            const LwLiveLead *live,
            guint32           id)
{
  const LwConfig *config = r->config;
  g_autoptr(LwLead) lead = lw_live_lead_to_lead (config, live);
  g_auto(LwScore) score = { 0, };
  g_auto(LwRoute) route = { 0, };
  LwLiveClock clock;
  LwStoredLead stored = { 0, };
  guint n_stages = config->stages->len;
  gsize offset = r->properties->len;
  int current;

  lw_score_lead (config, lead, r->now, FALSE, &score);
  current = live->stage != NULL ? lw_config_stage_index (config, live->stage) : -1;
  lw_route_lead (config, lead, live->created_at, r->routing, FALSE, &route);
  lw_live_clock_compute (config, live, r->now, &clock);

  stored.id = id;
  stored.created_at = live->created_at;
  stored.source = option_index (lw_config_builtin (config, LW_BUILTIN_SOURCE), lead);
  stored.region = property_text (config, lead, "region", r->texts);
  stored.segment = property_text (config, lead, "segment", r->texts);
  stored.stage = lw_lifecycle_decide_stage (config, lead, current, &score);
  stored.max_stage = stored.stage;
  stored.status = status_index (config, live->status);
  stored.owner = rep_index (config, live->owner);
  stored.routed_rep = route.owner != NULL ? (int) route.owner->index : -1;
  stored.rule = index_in (config->rules, route.rule);
  stored.pool = index_in (config->pools, route.pool);
  stored.fallback = route.fallback;
  stored.policy = index_in (config->policies, clock.policy);
  stored.sla_rep = clock.owner != NULL ? (int) clock.owner->index : stored.owner;
  stored.assigned_at = live->assigned_at;
  stored.first_touch_at = live->first_touch_at;
  stored.deadline = clock.state == LW_LIVE_NO_CLOCK || clock.deadline == G_MAXINT64 ? 0 : clock.deadline;
  stored.ttft = -1;
  if (clock.policy != NULL && live->first_touch_at != 0 && live->assigned_at != 0)
    stored.ttft = 60 * lw_sla_elapsed_minutes (clock.policy, clock.owner, live->assigned_at,
                                               live->first_touch_at, NULL, 0);
  stored.warned = clock.warned;
  stored.breached = clock.breached;
  stored.escalations = MIN (clock.escalations, 255);
  stored.reassignments = MIN (clock.reassignments, 255);
  stored.fit = score.fit;
  stored.engagement = score.engagement;
  stored.mql = score.mql;

  /* It entered the stage it is in when it was created: a real lead's
   * earlier stages are not known. */
  g_array_set_size (r->stage_at, r->stage_at->len + n_stages);
  if (stored.stage >= 0 && (guint) stored.stage < n_stages)
    g_array_index (r->stage_at, LwTime, r->stage_at->len - n_stages + stored.stage) = live->created_at;
  stored.n_stage_at = n_stages;

  lw_lead_encode (lead, config, r->properties);
  g_array_append_val (r->offsets, offset);
  g_array_append_val (r->stored, stored);

  add_event (r, id, LW_EVENT_CREATED, live->created_at, -1, stored.source, 0);
  add_event (r, id, LW_EVENT_SCORED, live->created_at, -1, score.mql ? 1 : 0, score.total);
  if (stored.stage >= 0)
    add_event (r, id, LW_EVENT_STAGE_CHANGED, live->created_at, stored.owner, stored.stage, 0);
  if (stored.owner >= 0)
    add_event (r, id, LW_EVENT_ASSIGNED, live->assigned_at != 0 ? live->assigned_at : live->created_at,
               stored.owner, route.owner != NULL && (int) route.owner->index == stored.owner
                             ? stored.rule : -1, 0);
  for (guint i = 0; live->status_changes != NULL && i < live->status_changes->len; i++)
    {
      const LwLiveStatusChange *change = &g_array_index (live->status_changes, LwLiveStatusChange, i);
      int status = status_index (config, change->status);

      if (status >= 0)
        add_event (r, id, LW_EVENT_STATUS_CHANGED, change->at, stored.owner, status, 0);
    }
  if (live->first_touch_at != 0)
    add_event (r, id, LW_EVENT_FIRST_TOUCH, live->first_touch_at, stored.sla_rep, stored.policy,
               stored.ttft >= 0 ? stored.ttft / 60.0 : 0);

  r->summary->leads++;
  if (score.mql)
    r->summary->mql++;
  if (route.fallback)
    r->summary->fallback++;
  if (route.owner != NULL && stored.owner >= 0 && (int) route.owner->index != stored.owner)
    r->summary->reassigned++;
}

/* Writes the batch: the leads (their pointers made good now that the
 * buffers no longer move), then their events. */
static gboolean
flush (Replay  *r,
       GError **error)
{
  guint n = r->stored->len;
  guint n_stages = r->config->stages->len;
  gboolean ok;

  for (guint i = 0; i < n; i++)
    {
      LwStoredLead *stored = &g_array_index (r->stored, LwStoredLead, i);
      gsize start = g_array_index (r->offsets, gsize, i);
      gsize end = i + 1 < n ? g_array_index (r->offsets, gsize, i + 1) : r->properties->len;

      stored->properties = end > start ? r->properties->data + start : NULL;
      stored->properties_len = end - start;
      stored->stage_at = n_stages > 0 ? &g_array_index (r->stage_at, LwTime, i * n_stages) : NULL;
    }
  ok = lw_store_append_leads (r->store, r->run, (const LwStoredLead *) (gpointer) r->stored->data, n,
                              error) &&
       lw_store_append_events (r->store, r->run, (const LwEvent *) (gpointer) r->events->data,
                               r->events->len, error);
  g_array_set_size (r->stored, 0);
  g_array_set_size (r->offsets, 0);
  g_array_set_size (r->stage_at, 0);
  g_array_set_size (r->events, 0);
  g_byte_array_set_size (r->properties, 0);
  g_ptr_array_set_size (r->texts, 0);
  return ok;
}

/* ---- the replay -------------------------------------------------------------------- */

gboolean
lw_live_replay (LwStore          *store,
                const LwConfig   *config,
                gint64            revision,
                const gint64     *ids,
                guint             n_ids,
                LwTime            now,
                GCancellable     *cancellable,
                LwReplaySummary  *summary,
                GError          **error)
{
  g_autoptr(GHashTable) wanted = NULL;
  g_autoptr(GPtrArray) leads = g_ptr_array_new_with_free_func ((GDestroyNotify) lw_live_lead_free);
  g_autoptr(GArray) stored = g_array_new (FALSE, TRUE, sizeof (LwStoredLead));
  g_autoptr(GByteArray) properties = g_byte_array_new ();
  g_autoptr(GArray) offsets = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_autoptr(GArray) stage_at = g_array_new (FALSE, TRUE, sizeof (LwTime));
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) events = g_array_new (FALSE, FALSE, sizeof (LwEvent));
  g_autoptr(GError) local_error = NULL;
  g_autofree char *timings = NULL;
  LwReplaySummary local_summary = { 0, };
  LwRunParams params = { 0, };
  Collect collect = { NULL, leads };
  Replay r = { 0, };
  LwTime start = now;
  gboolean ok = TRUE;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (config != NULL, FALSE);
  g_return_val_if_fail (ids != NULL || n_ids == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (summary == NULL)
    summary = &local_summary;
  memset (summary, 0, sizeof *summary);

  if (ids != NULL)
    {
      wanted = g_hash_table_new (g_int64_hash, g_int64_equal);
      for (guint i = 0; i < n_ids; i++)
        g_hash_table_add (wanted, (gpointer) &ids[i]);
      collect.wanted = wanted;
    }
  if (!lw_store_foreach_live_lead (store, cancellable, collect_cb, &collect, error))
    return FALSE;
  if (leads->len == 0)
    {
      g_set_error_literal (error, LW_STORE_ERROR, LW_STORE_ERROR_NOT_FOUND,
                           _("There are no live leads to replay"));
      return FALSE;
    }
  if (leads->len >= LW_STORE_MAX_LEAD_ID)
    {
      g_set_error_literal (error, LW_STORE_ERROR, LW_STORE_ERROR_INVALID,
                           _("Too many live leads to replay at once"));
      return FALSE;
    }

  for (guint i = 0; i < leads->len; i++)
    start = MIN (start, ((const LwLiveLead *) g_ptr_array_index (leads, i))->created_at);

  params.revision = revision;
  params.config = config;
  params.leads = leads->len;
  params.days = MAX (1, (guint) ((now - start + 86399) / 86400));
  params.sim_start = start;
  params.started_at = now;
  r.run = lw_store_begin_run (store, &params, error);
  if (r.run == 0)
    return FALSE;
  summary->run = r.run;

  r.config = config;
  r.store = store;
  r.now = now;
  r.routing = lw_routing_state_new (config);
  r.stored = stored;
  r.properties = properties;
  r.offsets = offsets;
  r.stage_at = stage_at;
  r.texts = texts;
  r.events = events;
  r.summary = summary;

  for (guint i = 0; ok && i < leads->len; i++)
    {
      if (i % BATCH == 0 && g_cancellable_set_error_if_cancelled (cancellable, &local_error))
        ok = FALSE;
      else
        {
          replay_one (&r, g_ptr_array_index (leads, i), i + 1);
          if (stored->len >= BATCH)
            ok = flush (&r, &local_error);
        }
    }
  if (ok && stored->len > 0)
    ok = flush (&r, &local_error);
  lw_routing_state_free (r.routing);

  timings = g_strdup_printf ("{\"replay\": {\"liveLeads\": %u}}", leads->len);
  if (!lw_store_finish_run (store, r.run,
                            ok ? LW_RUN_FINISHED
                               : g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
                                 ? LW_RUN_CANCELLED : LW_RUN_FAILED,
                            now, timings, ok ? error : NULL) || !ok)
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

/* ---- on a worker thread ------------------------------------------------------------ */

typedef struct
{
  LwStore         *store;
  LwConfig        *config;
  gint64           revision;
  gint64          *ids;
  guint            n_ids;
  LwTime           now;
  LwReplaySummary  summary;
} ReplayData;

static void
replay_data_free (gpointer data)
{
  ReplayData *d = data;

  lw_store_unref (d->store);
  lw_config_unref (d->config);
  g_free (d->ids);
  g_free (d);
}

static void
replay_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ReplayData *d = task_data;
  GError *error = NULL;

  if (lw_live_replay (d->store, d->config, d->revision, d->ids, d->n_ids, d->now, cancellable,
                      &d->summary, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
lw_live_replay_async (LwStore             *store,
                      const LwConfig      *config,
                      gint64               revision,
                      const gint64        *ids,
                      guint                n_ids,
                      LwTime               now,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ReplayData *d;

  g_return_if_fail (store != NULL);
  g_return_if_fail (config != NULL);
  g_return_if_fail (ids != NULL || n_ids == 0);

  d = g_new0 (ReplayData, 1);
  d->store = lw_store_ref (store);
  d->config = lw_config_ref ((LwConfig *) config);
  d->revision = revision;
  d->ids = ids != NULL ? g_memdup2 (ids, sizeof (gint64) * n_ids) : NULL;
  d->n_ids = n_ids;
  d->now = now;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, lw_live_replay_async);
  g_task_set_task_data (task, d, replay_data_free);
  g_task_run_in_thread (task, replay_thread);
}

gboolean
lw_live_replay_finish (GAsyncResult     *result,
                       LwReplaySummary  *summary,
                       GError          **error)
{
  ReplayData *d;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == lw_live_replay_async, FALSE);

  d = g_task_get_task_data (G_TASK (result));
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  if (summary != NULL)
    *summary = d->summary;
  return TRUE;
}
