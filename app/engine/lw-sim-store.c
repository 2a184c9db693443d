/* lw-sim-store.c: a simulation run written to a workspace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lw-config-json.h"
#include "lw-sim-store.h"

typedef struct
{
  LwStore          *store;
  gint64            run;
  const LwConfig   *config;
  const LwScenario *scenario;
  GArray           *stored;     /* LwStoredLead */
  GByteArray       *properties; /* the encodings of one batch, back to back */
  GArray           *offsets;    /* gsize: where each lead's encoding starts */
  const LwSimSink  *tap;        /* also gets each batch; may be NULL */
} Writer;

static gboolean
leads_ready (const LwSimLead *leads,
             guint            n,
             gpointer         user_data,
             GError         **error)
{
  Writer *writer = user_data;

  g_array_set_size (writer->stored, 0);
  g_array_set_size (writer->offsets, 0);
  g_byte_array_set_size (writer->properties, 0);

  /* Encode first: the byte array may move while it grows. */
  for (guint i = 0; i < n; i++)
    {
      gsize offset = writer->properties->len;

      g_array_append_val (writer->offsets, offset);
      if (leads[i].lead != NULL)
        lw_lead_encode (leads[i].lead, writer->config, writer->properties);
    }

  for (guint i = 0; i < n; i++)
    {
      const LwSimLead *lead = &leads[i];
      gsize start = g_array_index (writer->offsets, gsize, i);
      gsize end = i + 1 < n ? g_array_index (writer->offsets, gsize, i + 1) : writer->properties->len;
      const LwEntryPoint *entry = NULL;
      LwStoredLead stored = {
        .id = lead->id,
        .created_at = lead->created_at,
        .source = lead->source,
        .region = lead->region,
        .segment = lead->segment,
        .stage = lead->stage,
        .max_stage = lead->max_stage,
        .status = lead->status,
        .owner = lead->owner,
        .routed_rep = lead->routed_rep,
        .rule = lead->rule,
        .pool = lead->pool,
        .fallback = lead->fallback,
        .fallback_reason = lead->fallback_reason,
        .policy = lead->policy,
        .sla_rep = lead->sla_rep,
        .assigned_at = lead->assigned_at,
        .first_touch_at = lead->first_touch_at,
        .deadline = lead->deadline,
        .ttft = lead->ttft,
        .warned = lead->warned,
        .breached = lead->breached,
        .escalations = lead->escalations,
        .reassignments = lead->reassignments,
        .fit = lead->fit,
        .engagement = lead->engagement,
        .mql = lead->mql,
        .converted = lead->converted,
        .disqualified = lead->disqualified,
        .recycled = lead->recycled,
        .stage_at = lead->stage_at,
        .n_stage_at = lead->n_stage_at,
        .reached_stages = lead->reached_stages,
        .advanced_stages = lead->advanced_stages,
        .properties = end > start ? writer->properties->data + start : NULL,
        .properties_len = end - start,
      };

      if (lead->entry_point >= 0 && (guint) lead->entry_point < writer->scenario->entry_points->len)
        entry = g_ptr_array_index (writer->scenario->entry_points, lead->entry_point);
      stored.entry_point = entry != NULL ? entry->id : NULL;
      g_array_append_val (writer->stored, stored);
    }

  if (!lw_store_append_leads (writer->store, writer->run,
                              (const LwStoredLead *) (gpointer) writer->stored->data, n, error))
    return FALSE;
  if (writer->tap != NULL && writer->tap->leads_ready != NULL)
    return writer->tap->leads_ready (leads, n, writer->tap->user_data, error);
  return TRUE;
}

static gboolean
events_ready (const LwEvent *events,
              guint          n,
              gpointer       user_data,
              GError       **error)
{
  Writer *writer = user_data;

  if (!lw_store_append_events (writer->store, writer->run, events, n, error))
    return FALSE;
  if (writer->tap != NULL && writer->tap->events_ready != NULL)
    return writer->tap->events_ready (events, n, writer->tap->user_data, error);
  return TRUE;
}

gboolean
lw_simulate_into_store (LwStore           *store,
                        LwSimulation      *simulation,
                        const LwScenario  *scenario,
                        gint64             revision,
                        const char        *scenario_json,
                        LwTime             started_at,
                        GCancellable      *cancellable,
                        LwSimProgressFunc  progress,
                        gpointer           progress_data,
                        gint64            *run,
                        GError           **error)
{
  return lw_simulate_into_store_tapped (store, simulation, scenario, revision, scenario_json, started_at,
                                        NULL, cancellable, progress, progress_data, run, error);
}

gboolean
lw_simulate_into_store_tapped (LwStore           *store,
                               LwSimulation      *simulation,
                               const LwScenario  *scenario,
                               gint64             revision,
                               const char        *scenario_json,
                               LwTime             started_at,
                               const LwSimSink   *tap,
                               GCancellable      *cancellable,
                               LwSimProgressFunc  progress,
                               gpointer           progress_data,
                               gint64            *run,
                               GError           **error)
{
  const LwSimOptions *options;
  const LwSimSummary *summary;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GArray) stored = g_array_new (FALSE, FALSE, sizeof (LwStoredLead));
  g_autoptr(GByteArray) properties = g_byte_array_new ();
  g_autoptr(GArray) offsets = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_autofree char *timings = NULL;
  LwRunParams params = { 0 };
  Writer writer = { 0 };
  LwSimSink sink = { leads_ready, events_ready, &writer };
  LwRunStatus status;
  gint64 begun, finished;
  gboolean ok;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (simulation != NULL, FALSE);
  g_return_val_if_fail (scenario != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  options = lw_simulation_get_options (simulation);
  params.revision = revision;
  params.config = lw_simulation_get_config (simulation);
  params.seed = options->seed;
  params.leads = options->leads ? options->leads : scenario->leads;
  params.days = options->days ? options->days : scenario->days;
  params.sim_start = options->start ? options->start : scenario->start;
  params.scenario = scenario_json;
  params.started_at = started_at;

  writer.store = store;
  writer.config = params.config;
  writer.scenario = scenario;
  writer.stored = stored;
  writer.properties = properties;
  writer.offsets = offsets;
  writer.tap = tap;

  writer.run = lw_store_begin_run (store, &params, error);
  if (writer.run == 0)
    return FALSE;
  if (run != NULL)
    *run = writer.run;

  begun = g_get_monotonic_time ();
  ok = lw_simulation_run (simulation, &sink, cancellable, progress, progress_data, &local_error);
  finished = g_get_monotonic_time ();

  if (ok)
    status = LW_RUN_FINISHED;
  else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    status = LW_RUN_CANCELLED;
  else
    status = LW_RUN_FAILED;

  summary = lw_simulation_get_summary (simulation);
  timings = g_strdup_printf ("{\"simulate_s\": %.3f, \"leads\": %u, \"events\": %" G_GUINT64_FORMAT "}",
                             (finished - begun) / 1e6, summary->leads, summary->events);

  /* The run must not stay "running", whatever happened: finish it even
   * after an error, keeping the first error. */
  if (!lw_store_finish_run (store, writer.run, status,
                            started_at + (finished - begun) / G_USEC_PER_SEC, timings,
                            ok ? error : NULL))
    return FALSE;

  if (!ok)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}
