/* lw-sim-store.c: a simulation run written to a workspace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "lw-config-json.h"
#include "lw-sim-store.h"
#include "lw-store-private.h"

/* A fast run is written by a second thread, so that the store's work
 * (encoding the records, SQLite) overlaps the simulation's: the simulating
 * thread copies each batch into one of a few recycled Batch buffers and
 * goes on; the writing thread appends them in the order they came. A paced
 * run, which waits most of the time anyway, is written as it goes. */
#define N_BATCHES 3

typedef struct
{
  gboolean      leads;      /* else events */
  GArray       *stored;     /* LwStoredLead */
  GArray       *events;     /* LwEvent */
  GByteArray   *properties; /* the encodings of the leads, back to back */
  GArray       *offsets;    /* gsize: where each lead's encoding starts */
  GArray       *stage_at;   /* LwTime: n_stage_at per lead, back to back */
  GStringChunk *strings;    /* region, segment, event details */
} Batch;

typedef struct
{
  LwStore          *store;
  gint64            run;
  const LwConfig   *config;
  const LwScenario *scenario;
  const LwSimSink  *tap;        /* also gets each batch; may be NULL */
  Batch            *direct;     /* a paced run's one buffer */

  /* The writing thread of a fast run; NULL otherwise. */
  GThread          *thread;
  GAsyncQueue      *free;       /* Batch, ready to fill */
  GAsyncQueue      *full;       /* Batch, to write; stop_batch ends */
  GMutex            mutex;
  GError           *error;      /* the writing thread's first error */
} Writer;

/* Tells the writing thread to stop; never filled. */
static Batch stop_batch;

static Batch *
batch_new (void)
{
  Batch *batch = g_new0 (Batch, 1);

  batch->stored = g_array_new (FALSE, FALSE, sizeof (LwStoredLead));
  batch->events = g_array_new (FALSE, FALSE, sizeof (LwEvent));
  batch->properties = g_byte_array_new ();
  batch->offsets = g_array_new (FALSE, FALSE, sizeof (gsize));
  batch->stage_at = g_array_new (FALSE, FALSE, sizeof (LwTime));
  batch->strings = g_string_chunk_new (4096);
  return batch;
}

static void
batch_free (Batch *batch)
{
  g_array_unref (batch->stored);
  g_array_unref (batch->events);
  g_byte_array_unref (batch->properties);
  g_array_unref (batch->offsets);
  g_array_unref (batch->stage_at);
  g_string_chunk_free (batch->strings);
  g_free (batch);
}

static void
batch_clear (Batch *batch)
{
  g_array_set_size (batch->stored, 0);
  g_array_set_size (batch->events, 0);
  g_byte_array_set_size (batch->properties, 0);
  g_array_set_size (batch->offsets, 0);
  g_array_set_size (batch->stage_at, 0);
  g_string_chunk_clear (batch->strings);
}

static const char *
batch_keep (Batch      *batch,
            const char *text)
{
  return text != NULL ? g_string_chunk_insert (batch->strings, text) : NULL;
}

/* Makes @batch hold its own copy of @leads, with their properties encoded
 * for the store. */
static void
batch_fill_leads (Batch           *batch,
                  const Writer    *writer,
                  const LwSimLead *leads,
                  guint            n,
                  gboolean         copy)
{
  guint n_times = 0;

  batch_clear (batch);
  batch->leads = TRUE;

  /* Sizes first: the arrays must not move once pointed into. */
  if (copy)
    {
      for (guint i = 0; i < n; i++)
        if (leads[i].stage_at != NULL)
          n_times += leads[i].n_stage_at;
      g_array_set_size (batch->stage_at, n_times);
      n_times = 0;
    }

  /* Encode first: the byte array may move while it grows. */
  for (guint i = 0; i < n; i++)
    {
      gsize offset = batch->properties->len;

      g_array_append_val (batch->offsets, offset);
      if (leads[i].lead != NULL)
        lw_lead_encode (leads[i].lead, writer->config, batch->properties);
    }

  for (guint i = 0; i < n; i++)
    {
      const LwSimLead *lead = &leads[i];
      gsize start = g_array_index (batch->offsets, gsize, i);
      gsize end = i + 1 < n ? g_array_index (batch->offsets, gsize, i + 1) : batch->properties->len;
      const LwEntryPoint *entry = NULL;
      const LwTime *stage_at = lead->stage_at;
      LwStoredLead stored = {
        .id = lead->id,
        .created_at = lead->created_at,
        .source = lead->source,
        .region = copy ? batch_keep (batch, lead->region) : lead->region,
        .segment = copy ? batch_keep (batch, lead->segment) : lead->segment,
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
        .n_stage_at = lead->n_stage_at,
        .reached_stages = lead->reached_stages,
        .advanced_stages = lead->advanced_stages,
        .properties = end > start ? batch->properties->data + start : NULL,
        .properties_len = end - start,
      };

      if (copy && stage_at != NULL)
        {
          LwTime *kept = &g_array_index (batch->stage_at, LwTime, n_times);

          memcpy (kept, stage_at, lead->n_stage_at * sizeof *kept);
          n_times += lead->n_stage_at;
          stage_at = kept;
        }
      stored.stage_at = stage_at;
      if (lead->entry_point >= 0 && (guint) lead->entry_point < writer->scenario->entry_points->len)
        entry = g_ptr_array_index (writer->scenario->entry_points, lead->entry_point);
      stored.entry_point = entry != NULL ? entry->id : NULL;
      g_array_append_val (batch->stored, stored);
    }
}

static void
batch_fill_events (Batch         *batch,
                   const LwEvent *events,
                   guint          n)
{
  batch_clear (batch);
  batch->leads = FALSE;
  g_array_append_vals (batch->events, events, n);
  for (guint i = 0; i < n; i++)
    {
      LwEvent *event = &g_array_index (batch->events, LwEvent, i);

      event->detail = batch_keep (batch, event->detail);
    }
}

static gboolean
batch_write (const Writer *writer,
             const Batch  *batch,
             GError      **error)
{
  if (batch->leads)
    return lw_store_append_leads (writer->store, writer->run, (const LwStoredLead *) (gpointer) batch->stored->data,
                                  batch->stored->len, error);
  return lw_store_append_events (writer->store, writer->run, (const LwEvent *) (gpointer) batch->events->data,
                                 batch->events->len, error);
}

static gpointer
writer_thread (gpointer data)
{
  Writer *writer = data;
  Batch *batch;

  while ((batch = g_async_queue_pop (writer->full)) != &stop_batch)
    {
      g_autoptr(GError) error = NULL;
      gboolean failed;

      g_mutex_lock (&writer->mutex);
      failed = writer->error != NULL;
      g_mutex_unlock (&writer->mutex);

      /* After an error, batches only go back: the run stops at its next
       * hand-over. */
      if (!failed && !batch_write (writer, batch, &error))
        {
          g_mutex_lock (&writer->mutex);
          writer->error = g_steal_pointer (&error);
          g_mutex_unlock (&writer->mutex);
        }
      g_async_queue_push (writer->free, batch);
    }
  return NULL;
}

static gboolean
writer_failed (Writer  *writer,
               GError **error)
{
  gboolean failed;

  g_mutex_lock (&writer->mutex);
  failed = writer->error != NULL;
  if (failed)
    g_propagate_error (error, g_error_copy (writer->error));
  g_mutex_unlock (&writer->mutex);
  return failed;
}

/* The next buffer to fill: a free one of the writing thread's, waiting
 * while all of them are queued, or the paced run's own. */
static Batch *
writer_take (Writer *writer)
{
  return writer->thread != NULL ? g_async_queue_pop (writer->free) : writer->direct;
}

/* Writes @batch, or queues it for the writing thread. */
static gboolean
writer_give (Writer  *writer,
             Batch   *batch,
             GError **error)
{
  if (writer->thread == NULL)
    return batch_write (writer, batch, error);
  g_async_queue_push (writer->full, batch);
  return !writer_failed (writer, error);
}

/* Waits until the writing thread has written every batch handed to it. */
static gboolean
writer_drain (Writer  *writer,
              GError **error)
{
  Batch *batches[N_BATCHES];

  if (writer->thread == NULL)
    return TRUE;
  for (guint i = 0; i < N_BATCHES; i++)
    batches[i] = g_async_queue_pop (writer->free);
  for (guint i = 0; i < N_BATCHES; i++)
    g_async_queue_push (writer->free, batches[i]);
  return !writer_failed (writer, error);
}

static gboolean
writer_flush (gpointer  user_data,
              GError  **error)
{
  return writer_drain (user_data, error);
}

static void
writer_start (Writer *writer)
{
  g_mutex_init (&writer->mutex);
  writer->free = g_async_queue_new_full ((GDestroyNotify) batch_free);
  writer->full = g_async_queue_new ();
  for (guint i = 0; i < N_BATCHES; i++)
    g_async_queue_push (writer->free, batch_new ());
  writer->thread = g_thread_new ("lw-sim-writer", writer_thread, writer);
}

/* Waits until every queued batch is written. FALSE with the writing
 * thread's first error. */
static gboolean
writer_stop (Writer  *writer,
             GError **error)
{
  gboolean failed;

  g_async_queue_push (writer->full, &stop_batch);
  g_thread_join (g_steal_pointer (&writer->thread));
  g_clear_pointer (&writer->full, g_async_queue_unref);
  g_clear_pointer (&writer->free, g_async_queue_unref);
  failed = writer_failed (writer, error);
  g_clear_error (&writer->error);
  g_mutex_clear (&writer->mutex);
  return !failed;
}

static gboolean
leads_ready (const LwSimLead *leads,
             guint            n,
             gpointer         user_data,
             GError         **error)
{
  Writer *writer = user_data;
  Batch *batch = writer_take (writer);

  batch_fill_leads (batch, writer, leads, n, writer->thread != NULL);
  if (!writer_give (writer, batch, error))
    return FALSE;
  /* A tap is told of leads once they are in the store. */
  if (writer->tap != NULL && writer->tap->leads_ready != NULL)
    return writer_drain (writer, error) && writer->tap->leads_ready (leads, n, writer->tap->user_data, error);
  return TRUE;
}

static gboolean
events_ready (const LwEvent *events,
              guint          n,
              gpointer       user_data,
              GError       **error)
{
  Writer *writer = user_data;

  if (writer->thread != NULL)
    {
      Batch *batch = writer_take (writer);

      batch_fill_events (batch, events, n);
      if (!writer_give (writer, batch, error))
        return FALSE;
    }
  else if (!lw_store_append_events (writer->store, writer->run, events, n, error))
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
  g_autofree char *timings = NULL;
  char seconds[G_ASCII_DTOSTR_BUF_SIZE];
  LwRunParams params = { 0 };
  Writer writer = { 0 };
  LwSimSink sink = { leads_ready, events_ready, &writer, writer_flush };
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
  writer.tap = tap;

  writer.run = lw_store_begin_run (store, &params, error);
  if (writer.run == 0)
    return FALSE;
  if (run != NULL)
    *run = writer.run;

  begun = g_get_monotonic_time ();
  if (options->speed > 0)
    {
      writer.direct = batch_new ();
      ok = lw_simulation_run (simulation, &sink, cancellable, progress, progress_data, &local_error);
      g_clear_pointer (&writer.direct, batch_free);
    }
  else
    {
      /* A cache size is a hint: a failure to set it changes nothing else. */
      _lw_store_set_appending (store, TRUE, NULL);
      writer_start (&writer);
      ok = lw_simulation_run (simulation, &sink, cancellable, progress, progress_data, &local_error);
      /* Whatever was handed over is written, also when the run stopped. */
      if (!writer_stop (&writer, ok ? &local_error : NULL))
        ok = FALSE;
      _lw_store_set_appending (store, FALSE, NULL);
    }
  finished = g_get_monotonic_time ();

  if (ok)
    status = LW_RUN_FINISHED;
  else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    status = LW_RUN_CANCELLED;
  else
    status = LW_RUN_FAILED;

  summary = lw_simulation_get_summary (simulation);
  /* JSON: a decimal point whatever the locale says. */
  g_ascii_formatd (seconds, sizeof seconds, "%.3f", (finished - begun) / 1e6);
  timings = g_strdup_printf ("{\"simulate_s\": %s, \"leads\": %u, \"events\": %" G_GUINT64_FORMAT "}",
                             seconds, summary->leads, summary->events);

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
