/* test-sim-pause.c: pausing a run, and fast runs that hand over their leads as they go
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "lw-scenario.h"
#include "lw-sim-store.h"
#include "lw-simulator.h"
#include "lw-store.h"
#include "lw-store-private.h"
#include "lw-test-utils.h"

static LwScenario *
load_sample_scenario (void)
{
  g_autofree char *path = lw_test_sample_path ("inbound-scenario.json");
  g_autoptr(GError) error = NULL;
  LwScenario *scenario = lw_scenario_load_file (path, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (scenario);
  return scenario;
}

/* What a run on a worker thread saw: its sink's batches and its progress. */
typedef struct
{
  LwSimulation *sim;
  GCancellable *cancellable;
  gboolean      result;
  GError       *error;

  GMutex        mutex;
  guint64       events;          /* events received */
  guint         lead_calls;      /* leads_ready calls */
  guint         lead_calls_early;/* ... made before the last event came */
  GArray       *last;            /* LwSimLead by id - 1, the last copy; pointers dropped */
  GHashTable   *seen;            /* lead ids received */
  GChecksum    *digest;          /* of every event, in order */
  guint         progress_calls;
  LwTime        progress_now;
  guint         progress_done;
} Watched;

static void
watched_init (Watched *w)
{
  memset (w, 0, sizeof *w);
  g_mutex_init (&w->mutex);
  w->last = g_array_new (FALSE, TRUE, sizeof (LwSimLead));
  w->seen = g_hash_table_new (NULL, NULL);
  w->digest = g_checksum_new (G_CHECKSUM_SHA256);
  w->cancellable = g_cancellable_new ();
}

static void
watched_clear (Watched *w)
{
  g_clear_pointer (&w->sim, lw_simulation_free);
  g_clear_object (&w->cancellable);
  g_clear_error (&w->error);
  g_array_unref (w->last);
  g_hash_table_unref (w->seen);
  g_checksum_free (w->digest);
  g_mutex_clear (&w->mutex);
}

static gboolean
leads_cb (const LwSimLead *leads,
          guint            n,
          gpointer         user_data,
          GError         **error)
{
  Watched *w = user_data;

  g_mutex_lock (&w->mutex);
  w->lead_calls++;
  for (guint i = 0; i < n; i++)
    {
      LwSimLead copy = leads[i];

      copy.email = copy.region = copy.segment = copy.country = NULL;
      copy.lead = NULL;
      copy.stage_at = NULL;
      if (w->last->len < copy.id)
        g_array_set_size (w->last, copy.id);
      g_array_index (w->last, LwSimLead, copy.id - 1) = copy;
      g_hash_table_add (w->seen, GUINT_TO_POINTER (copy.id));
    }
  g_mutex_unlock (&w->mutex);
  return TRUE;
}

static gboolean
events_cb (const LwEvent *events,
           guint          n,
           gpointer       user_data,
           GError       **error)
{
  Watched *w = user_data;

  g_mutex_lock (&w->mutex);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *line = g_strdup_printf ("%u %d %" G_GINT64_FORMAT " %d %d %.6f\n",
                                               events[i].lead, events[i].kind, events[i].t,
                                               events[i].rep, events[i].arg, events[i].value);

      g_checksum_update (w->digest, (const guchar *) line, -1);
    }
  w->events += n;
  g_mutex_unlock (&w->mutex);
  return TRUE;
}

static void
progress_cb (LwTime   now,
             guint    done,
             guint    total,
             gpointer user_data)
{
  Watched *w = user_data;

  g_mutex_lock (&w->mutex);
  w->progress_calls++;
  w->progress_now = now;
  w->progress_done = done;
  g_mutex_unlock (&w->mutex);
}

static gpointer
run_thread (gpointer data)
{
  Watched *w = data;
  LwSimSink sink = { leads_cb, events_cb, w };

  w->result = lw_simulation_run (w->sim, &sink, w->cancellable, progress_cb, w, &w->error);
  return NULL;
}

static LwSimulation *
new_simulation (const LwConfig     *config,
                LwScenario         *scenario,
                const LwSimOptions *options)
{
  g_autoptr(GError) error = NULL;
  LwSimulation *sim = lw_simulation_new (config, scenario, options, &error);

  g_assert_no_error (error);
  g_assert_nonnull (sim);
  return sim;
}

/* Waits (up to a minute) until @pause has parked its run. */
static void
wait_parked (LwSimPause *pause)
{
  gint64 end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (!lw_sim_pause_is_parked (pause) && g_get_monotonic_time () < end)
    g_usleep (1000);
  g_assert_true (lw_sim_pause_is_parked (pause));
}

static void
wait_progress (Watched *w,
               guint    at_least)
{
  gint64 end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  guint done = 0;

  while (g_get_monotonic_time () < end)
    {
      g_mutex_lock (&w->mutex);
      done = w->progress_done;
      g_mutex_unlock (&w->mutex);
      if (done >= at_least)
        return;
      g_usleep (1000);
    }
  g_assert_cmpuint (done, >=, at_least);
}

/* The last copies of two runs' leads agree, field by field. */
static void
assert_same_leads (GArray *expected,
                   GArray *got)
{
  g_assert_cmpuint (got->len, ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    {
      const LwSimLead *a = &g_array_index (expected, LwSimLead, i);
      const LwSimLead *b = &g_array_index (got, LwSimLead, i);

      g_assert_cmpuint (b->id, ==, a->id);
      g_assert_cmpint (b->created_at, ==, a->created_at);
      g_assert_cmpint (b->stage, ==, a->stage);
      g_assert_cmpint (b->max_stage, ==, a->max_stage);
      g_assert_cmpint (b->status, ==, a->status);
      g_assert_cmpint (b->owner, ==, a->owner);
      g_assert_cmpint (b->routed_rep, ==, a->routed_rep);
      g_assert_cmpint (b->policy, ==, a->policy);
      g_assert_cmpint (b->first_touch_at, ==, a->first_touch_at);
      g_assert_cmpint (b->ttft, ==, a->ttft);
      g_assert_cmpint (b->mql, ==, a->mql);
      g_assert_cmpint (b->converted, ==, a->converted);
      g_assert_cmpint (b->breached, ==, a->breached);
      g_assert_true (b->total == a->total);
      g_assert_cmpuint (b->reached_stages, ==, a->reached_stages);
      g_assert_cmpuint (b->advanced_stages, ==, a->advanced_stages);
    }
}

/* ---- pause ---------------------------------------------------------------------------------- */

/* A fast run parked in the middle hands over what it has, then sits
 * still: no event, no lead, no progress while it waits. Resumed, it ends
 * exactly as the same run without a pause. */
static void
test_fast_pause_resume (void)
{
  g_autoptr(LwConfig) config = lw_test_load_sample ();
  g_autoptr(LwScenario) scenario = load_sample_scenario ();
  g_autoptr(LwSimPause) pause = lw_sim_pause_new ();
  LwSimOptions options = LW_SIM_OPTIONS_INIT;
  Watched paused, plain;
  GThread *thread;
  guint64 events_at_park;
  guint calls_at_park, progress_at_park, done_at_park;

  options.leads = 40000;
  options.days = 30;
  options.seed = 21;

  watched_init (&plain);
  plain.sim = new_simulation (config, scenario, &options);
  run_thread (&plain);
  g_assert_no_error (plain.error);
  g_assert_true (plain.result);

  watched_init (&paused);
  paused.sim = new_simulation (config, scenario, &options);
  lw_simulation_set_pause (paused.sim, pause);
  g_assert_false (lw_sim_pause_get_paused (pause));
  g_assert_false (lw_sim_pause_is_parked (pause));

  thread = g_thread_new ("paused", run_thread, &paused);
  wait_progress (&paused, 1);
  lw_sim_pause_set_paused (pause, TRUE);
  g_assert_true (lw_sim_pause_get_paused (pause));
  wait_parked (pause);

  g_mutex_lock (&paused.mutex);
  events_at_park = paused.events;
  calls_at_park = paused.lead_calls;
  progress_at_park = paused.progress_calls;
  done_at_park = paused.progress_done;
  g_mutex_unlock (&paused.mutex);

  /* Parked in the middle, with its events so far handed over. */
  g_assert_cmpuint (done_at_park, >, 0);
  g_assert_cmpuint (done_at_park, <, options.leads);
  g_assert_cmpuint (events_at_park, >, 0);
  g_assert_cmpuint (events_at_park, <, lw_simulation_get_summary (plain.sim)->events);

  g_usleep (300000);
  g_mutex_lock (&paused.mutex);
  g_assert_cmpuint (paused.events, ==, events_at_park);
  g_assert_cmpuint (paused.lead_calls, ==, calls_at_park);
  g_assert_cmpuint (paused.progress_calls, ==, progress_at_park);
  g_mutex_unlock (&paused.mutex);
  g_assert_true (lw_sim_pause_is_parked (pause));

  lw_sim_pause_set_paused (pause, FALSE);
  g_thread_join (thread);
  g_assert_false (lw_sim_pause_is_parked (pause));
  g_assert_no_error (paused.error);
  g_assert_true (paused.result);

  /* The same run, event for event, lead for lead. */
  g_assert_cmpuint (paused.events, ==, plain.events);
  g_assert_cmpstr (g_checksum_get_string (paused.digest), ==, g_checksum_get_string (plain.digest));
  assert_same_leads (plain.last, paused.last);
  g_assert_cmpuint (lw_simulation_get_summary (paused.sim)->mql, ==, lw_simulation_get_summary (plain.sim)->mql);
  g_assert_cmpuint (paused.progress_done, ==, options.leads);

  watched_clear (&paused);
  watched_clear (&plain);
}

/* Paced: while paused, the simulated clock stands still, and it goes on
 * at its pace afterwards, so the run lasts its pace plus the pause. */
static void
test_paced_clock_stands_still (void)
{
  g_autoptr(LwConfig) config = lw_test_load_sample ();
  g_autoptr(LwScenario) scenario = load_sample_scenario ();
  g_autoptr(LwSimPause) pause = lw_sim_pause_new ();
  LwSimOptions options = LW_SIM_OPTIONS_INIT;
  Watched w;
  GThread *thread;
  LwTime now_at_park;
  guint done_at_park;
  gint64 begun, elapsed;

  /* One simulated day at a day per 1.2 s of wall time. */
  options.leads = 300;
  options.days = 1;
  options.seed = 3;
  options.speed = 86400 / 1.2;

  watched_init (&w);
  w.sim = new_simulation (config, scenario, &options);
  lw_simulation_set_pause (w.sim, pause);

  begun = g_get_monotonic_time ();
  thread = g_thread_new ("paced", run_thread, &w);
  wait_progress (&w, 1);
  lw_sim_pause_set_paused (pause, TRUE);
  wait_parked (pause);

  g_mutex_lock (&w.mutex);
  now_at_park = w.progress_now;
  done_at_park = w.progress_done;
  g_mutex_unlock (&w.mutex);
  g_assert_cmpuint (done_at_park, <, options.leads);
  /* Every lead made so far is in the sink: a paced run hands them over. */
  g_mutex_lock (&w.mutex);
  g_assert_cmpuint (g_hash_table_size (w.seen), ==, done_at_park);
  g_mutex_unlock (&w.mutex);

  g_usleep (700000);
  g_mutex_lock (&w.mutex);
  g_assert_cmpint (w.progress_now, ==, now_at_park);
  g_assert_cmpuint (w.progress_done, ==, done_at_park);
  g_mutex_unlock (&w.mutex);

  lw_sim_pause_set_paused (pause, FALSE);
  g_thread_join (thread);
  elapsed = g_get_monotonic_time () - begun;
  g_assert_no_error (w.error);
  g_assert_true (w.result);
  g_assert_true (lw_simulation_get_summary (w.sim)->finished);
  g_assert_cmpuint (lw_simulation_get_summary (w.sim)->leads, ==, options.leads);

  /* 1.2 s of pace and 0.7 s parked: had the clock gone on while parked,
   * the run would have caught up at once and ended after 1.2 s. */
  g_assert_cmpint (elapsed, >=, 1800000);
  watched_clear (&w);
}

/* Cancelled while parked: the run stops at once, cancelled. */
static void
test_cancel_while_parked (void)
{
  g_autoptr(LwConfig) config = lw_test_load_sample ();
  g_autoptr(LwScenario) scenario = load_sample_scenario ();
  g_autoptr(LwSimPause) pause = lw_sim_pause_new ();
  LwSimOptions options = LW_SIM_OPTIONS_INIT;
  Watched w;
  GThread *thread;

  options.leads = 40000;
  options.days = 30;
  options.flush_seconds = 0.05;

  watched_init (&w);
  w.sim = new_simulation (config, scenario, &options);
  lw_simulation_set_pause (w.sim, pause);
  /* Paused before it starts: it parks at its first event. */
  lw_sim_pause_set_paused (pause, TRUE);
  thread = g_thread_new ("parked", run_thread, &w);
  wait_parked (pause);
  g_mutex_lock (&w.mutex);
  g_assert_cmpuint (w.progress_done, <=, 1);
  g_mutex_unlock (&w.mutex);

  g_cancellable_cancel (w.cancellable);
  g_thread_join (thread);
  g_assert_false (w.result);
  g_assert_error (w.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (lw_sim_pause_is_parked (pause));
  g_assert_false (lw_simulation_get_summary (w.sim)->finished);
  watched_clear (&w);
}

/* ---- fast runs that flush as they go ---------------------------------------------------------- */

/* With flush_seconds, a fast run hands over its leads before the end,
 * and the last copy of each lead is the lead as a run without it leaves
 * it: flushing changes when leads come, never what they are. */
static void
test_flush_seconds (void)
{
  g_autoptr(LwConfig) config = lw_test_load_sample ();
  g_autoptr(LwScenario) scenario = load_sample_scenario ();
  LwSimOptions options = LW_SIM_OPTIONS_INIT;
  Watched flushed, plain;

  options.leads = 30000;
  options.days = 30;
  options.seed = 5;

  watched_init (&plain);
  plain.sim = new_simulation (config, scenario, &options);
  run_thread (&plain);
  g_assert_true (plain.result);
  /* Without flushing, the leads come once, in one go at the end. */
  g_assert_cmpuint (plain.lead_calls, ==, (options.leads + LW_SIM_BATCH_SIZE - 1) / LW_SIM_BATCH_SIZE);

  options.flush_seconds = 0.001;
  watched_init (&flushed);
  flushed.sim = new_simulation (config, scenario, &options);
  run_thread (&flushed);
  g_assert_no_error (flushed.error);
  g_assert_true (flushed.result);

  g_assert_cmpuint (flushed.lead_calls, >, plain.lead_calls);
  g_assert_cmpuint (g_hash_table_size (flushed.seen), ==, options.leads);
  g_assert_cmpuint (flushed.events, ==, plain.events);
  g_assert_cmpstr (g_checksum_get_string (flushed.digest), ==, g_checksum_get_string (plain.digest));
  assert_same_leads (plain.last, flushed.last);
  watched_clear (&flushed);
  watched_clear (&plain);
}

/* A run that flushes as it goes and is cancelled leaves its sink every
 * lead it made; one that does not, none. */
static void
test_cancel_hands_over_leads (void)
{
  g_autoptr(LwConfig) config = lw_test_load_sample ();
  g_autoptr(LwScenario) scenario = load_sample_scenario ();
  g_autoptr(LwSimPause) pause = lw_sim_pause_new ();
  LwSimOptions options = LW_SIM_OPTIONS_INIT;
  Watched w;
  GThread *thread;

  options.leads = 40000;
  options.days = 30;
  options.flush_seconds = 30;   /* not before the cancel: the cancel hands them over */

  watched_init (&w);
  w.sim = new_simulation (config, scenario, &options);
  lw_simulation_set_pause (w.sim, pause);
  thread = g_thread_new ("cancelled", run_thread, &w);
  wait_progress (&w, 1);
  /* Parked, then cancelled: the leads so far are known exactly. */
  lw_sim_pause_set_paused (pause, TRUE);
  wait_parked (pause);
  g_cancellable_cancel (w.cancellable);
  g_thread_join (thread);

  g_assert_error (w.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (lw_simulation_get_summary (w.sim)->leads, >, 0);
  g_assert_cmpuint (lw_simulation_get_summary (w.sim)->leads, <, options.leads);
  g_assert_cmpuint (g_hash_table_size (w.seen), ==, lw_simulation_get_summary (w.sim)->leads);
  watched_clear (&w);
}

/* A run into a store, on a worker thread. */
typedef struct
{
  LwStore      *store;
  LwSimulation *sim;
  LwScenario   *scenario;
  Watched      *watched;
  gint64        run;
  gboolean      ok;
  GError       *error;
} StoreRun;

static gpointer
store_run_thread (gpointer data)
{
  StoreRun *s = data;

  s->ok = lw_simulate_into_store (s->store, s->sim, s->scenario, 0, NULL, 1700000000,
                                  s->watched->cancellable, progress_cb, s->watched, &s->run,
                                  &s->error);
  return NULL;
}

/* A fast run with flush_seconds into a store: another connection sees
 * the run's leads while it is parked, and all of them once it ends. */
static void
test_store_sees_run_grow (void)
{
  g_autoptr(LwConfig) config = lw_test_load_sample ();
  g_autoptr(LwScenario) scenario = load_sample_scenario ();
  g_autoptr(LwSimPause) pause = lw_sim_pause_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("lw-test-pause-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "w.leadwright", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autoptr(LwStore) reader = NULL;
  g_autoptr(LwFunnel) during = NULL;
  g_autoptr(LwFunnel) after = NULL;
  g_autoptr(LwRunInfo) info = NULL;
  LwStoreFilter filter = LW_STORE_FILTER_INIT;
  LwSimOptions options = LW_SIM_OPTIONS_INIT;
  StoreRun sr = { NULL, };
  Watched w;
  GThread *thread;

  g_assert_no_error (error);
  sr.store = lw_store_open (path, &error);
  g_assert_no_error (error);
  reader = lw_store_open (path, &error);
  g_assert_no_error (error);

  options.leads = 30000;
  options.days = 30;
  options.flush_seconds = 0.01;
  watched_init (&w);
  w.sim = new_simulation (config, scenario, &options);
  lw_simulation_set_pause (w.sim, pause);
  sr.sim = w.sim;
  sr.scenario = scenario;
  sr.watched = &w;

  thread = g_thread_new ("store", store_run_thread, &sr);
  wait_progress (&w, 5000);
  lw_sim_pause_set_paused (pause, TRUE);
  wait_parked (pause);

  /* Parked: every lead made so far is committed, and readable. */
  g_assert_cmpint (sr.run, >, 0);
  filter.run = sr.run;
  during = lw_store_query_funnel (reader, &filter, &error);
  g_assert_no_error (error);
  g_mutex_lock (&w.mutex);
  g_assert_cmpuint (during->leads, ==, w.progress_done);
  g_mutex_unlock (&w.mutex);
  g_assert_cmpuint (during->leads, >=, 5000);
  g_assert_cmpuint (during->leads, <, options.leads);
  info = lw_store_get_run (reader, sr.run, &error);
  g_assert_no_error (error);
  g_assert_cmpint (info->status, ==, LW_RUN_RUNNING);

  lw_sim_pause_set_paused (pause, FALSE);
  g_thread_join (thread);
  g_assert_no_error (sr.error);
  g_assert_true (sr.ok);

  after = lw_store_query_funnel (reader, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after->leads, ==, options.leads);
  g_assert_true (lw_store_check_integrity (reader, &error));
  g_assert_no_error (error);

  g_clear_pointer (&reader, lw_store_unref);
  g_clear_pointer (&sr.store, lw_store_unref);
  watched_clear (&w);
  g_unlink (wal);
  g_unlink (shm);
  g_unlink (path);
  g_rmdir (dir);
}

/* A workspace file in a fresh directory, removed with its WAL files. */
typedef struct
{
  char *dir;
  char *path;
} TempWorkspace;

static void
temp_workspace_init (TempWorkspace *t)
{
  g_autoptr(GError) error = NULL;

  t->dir = g_dir_make_tmp ("lw-test-writer-XXXXXX", &error);
  g_assert_no_error (error);
  t->path = g_build_filename (t->dir, "w.leadwright", NULL);
}

static void
temp_workspace_clear (TempWorkspace *t)
{
  g_autofree char *wal = g_strconcat (t->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (t->path, "-shm", NULL);

  g_unlink (wal);
  g_unlink (shm);
  g_unlink (t->path);
  g_rmdir (t->dir);
  g_free (t->path);
  g_free (t->dir);
}

static void
exec_sql (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 10000);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

/* A fast run is written by a second thread. When the store refuses a
 * write there, the run stops with the store's error, is marked failed,
 * and what was written before stays readable and whole. */
static void
test_store_write_error_fails_run (void)
{
  g_autoptr(LwConfig) config = lw_test_load_sample ();
  g_autoptr(LwScenario) scenario = load_sample_scenario ();
  g_autoptr(LwStore) store = NULL;
  g_autoptr(LwStore) reader = NULL;
  g_autoptr(LwSimulation) sim = NULL;
  g_autoptr(LwRunInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) revisions = NULL;
  LwSimOptions options = LW_SIM_OPTIONS_INIT;
  TempWorkspace t;
  gint64 run = 0;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  temp_workspace_init (&t);
  store = lw_store_open (t.path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lw_store_save_config (store, config, "before the run", 1700000000, &error), >, 0);
  g_assert_no_error (error);
  /* The fourth block of events of any run is refused. */
  exec_sql (t.path,
            "CREATE TRIGGER refuse_events BEFORE INSERT ON run_events "
            "WHEN (SELECT count(*) FROM run_events WHERE run_id = NEW.run_id) >= 3 "
            "BEGIN SELECT RAISE(ABORT, 'no room for more events'); END;");

  options.leads = 20000;
  options.days = 30;
  sim = lw_simulation_new (config, scenario, &options, &error);
  g_assert_no_error (error);
  g_assert_false (lw_simulate_into_store (store, sim, scenario, 1, NULL, 1700000000, NULL, NULL, NULL,
                                          &run, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "no room for more events"));
  /* It stopped soon after, not at the end. */
  g_assert_cmpuint (lw_simulation_get_summary (sim)->leads, <, options.leads);
  g_clear_error (&error);
  g_clear_pointer (&store, lw_store_unref);

  reader = lw_store_open (t.path, &error);
  g_assert_no_error (error);
  info = lw_store_get_run (reader, run, &error);
  g_assert_no_error (error);
  g_assert_cmpint (info->status, ==, LW_RUN_FAILED);
  revisions = lw_store_list_revisions (reader, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (revisions->len, ==, 1);
  g_assert_true (lw_store_check_integrity (reader, &error));
  g_assert_no_error (error);

  g_assert_cmpint (sqlite3_open (t.path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM run_events WHERE run_id = ?", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, run);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 3);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  g_clear_pointer (&reader, lw_store_unref);
  temp_workspace_clear (&t);
}

/* Under a locale whose decimal separator is a comma (German), a run
 * still finishes: what the store keeps as JSON (the run's timings) is
 * written with a decimal point. */
static void
test_store_comma_locale (void)
{
  g_autoptr(LwConfig) config = lw_test_load_sample ();
  g_autoptr(LwScenario) scenario = load_sample_scenario ();
  g_autoptr(LwStore) store = NULL;
  g_autoptr(LwSimulation) sim = NULL;
  g_autoptr(LwRunInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  LwSimOptions options = LW_SIM_OPTIONS_INIT;
  TempWorkspace t;
  gint64 run = 0;

  if (!lw_test_use_comma_locale ())
    {
      g_test_skip ("no German locale, and localedef could not make one");
      return;
    }

  temp_workspace_init (&t);
  store = lw_store_open (t.path, &error);
  g_assert_no_error (error);
  options.leads = 500;
  options.days = 30;
  sim = lw_simulation_new (config, scenario, &options, &error);
  g_assert_no_error (error);
  g_assert_true (lw_simulate_into_store (store, sim, scenario, 0, NULL, 1700000000, NULL, NULL, NULL, &run, &error));
  g_assert_no_error (error);

  info = lw_store_get_run (store, run, &error);
  g_assert_no_error (error);
  g_assert_cmpint (info->status, ==, LW_RUN_FINISHED);
  g_assert_nonnull (info->timings);
  g_assert_true (json_parser_load_from_data (parser, info->timings, -1, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (info->timings, "\"leads\": 500"));

  lw_test_reset_locale ();
  g_clear_pointer (&store, lw_store_unref);
  temp_workspace_clear (&t);
}

static gboolean
cancel_after_progress_cb (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

/* A fast run cancelled part way: every lead and event it made is in the
 * store when lw_simulate_into_store() returns, and the run is marked
 * cancelled. */
static void
test_store_cancel_writes_what_was_made (void)
{
  g_autoptr(LwConfig) config = lw_test_load_sample ();
  g_autoptr(LwScenario) scenario = load_sample_scenario ();
  g_autoptr(LwStore) reader = NULL;
  g_autoptr(LwFunnel) funnel = NULL;
  g_autoptr(LwRunInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  LwStoreFilter filter = LW_STORE_FILTER_INIT;
  LwSimOptions options = LW_SIM_OPTIONS_INIT;
  StoreRun sr = { NULL, };
  TempWorkspace t;
  Watched w;
  GThread *thread;

  temp_workspace_init (&t);
  sr.store = lw_store_open (t.path, &error);
  g_assert_no_error (error);
  options.leads = 60000;
  options.days = 30;
  options.flush_seconds = 0.01;
  watched_init (&w);
  w.sim = new_simulation (config, scenario, &options);
  sr.sim = w.sim;
  sr.scenario = scenario;
  sr.watched = &w;

  thread = g_thread_new ("store", store_run_thread, &sr);
  wait_progress (&w, 3000);
  cancel_after_progress_cb (w.cancellable);
  g_thread_join (thread);
  g_assert_false (sr.ok);
  g_assert_error (sr.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&sr.error);
  /* The small page cache of a run that appends is the views' again. */
  {
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_prepare_v2 (sr.store->db, "PRAGMA cache_size", -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, -16384);
    sqlite3_finalize (stmt);
  }
  g_clear_pointer (&sr.store, lw_store_unref);

  reader = lw_store_open (t.path, &error);
  g_assert_no_error (error);
  info = lw_store_get_run (reader, sr.run, &error);
  g_assert_no_error (error);
  g_assert_cmpint (info->status, ==, LW_RUN_CANCELLED);
  filter.run = sr.run;
  funnel = lw_store_query_funnel (reader, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (funnel->leads, ==, lw_simulation_get_summary (w.sim)->leads);
  g_assert_cmpuint (funnel->leads, >=, 3000);
  g_assert_cmpuint (funnel->leads, <, options.leads);
  g_assert_cmpuint (info->events_written, ==, lw_simulation_get_summary (w.sim)->events);
  g_assert_true (lw_store_check_integrity (reader, &error));
  g_assert_no_error (error);

  g_clear_pointer (&reader, lw_store_unref);
  watched_clear (&w);
  temp_workspace_clear (&t);
}

static void
test_bad_options (void)
{
  g_autoptr(LwConfig) config = lw_test_load_sample ();
  g_autoptr(LwScenario) scenario = load_sample_scenario ();
  LwSimOptions options = LW_SIM_OPTIONS_INIT;
  const double bad[] = { -1, NAN, INFINITY };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LwSimulation) sim = NULL;

      options.flush_seconds = bad[i];
      sim = lw_simulation_new (config, scenario, &options, &error);
      g_assert_null (sim);
      g_assert_error (error, LW_SIM_ERROR, LW_SIM_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "flushes"));
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/sim-pause/fast/pause-resume", test_fast_pause_resume);
  g_test_add_func ("/sim-pause/paced/clock-stands-still", test_paced_clock_stands_still);
  g_test_add_func ("/sim-pause/cancel-while-parked", test_cancel_while_parked);
  g_test_add_func ("/sim-pause/flush/same-leads", test_flush_seconds);
  g_test_add_func ("/sim-pause/flush/cancel-hands-over", test_cancel_hands_over_leads);
  g_test_add_func ("/sim-pause/flush/store-sees-run-grow", test_store_sees_run_grow);
  g_test_add_func ("/sim-pause/store/write-error-fails-run", test_store_write_error_fails_run);
  g_test_add_func ("/sim-pause/store/cancel-writes-what-was-made", test_store_cancel_writes_what_was_made);
  g_test_add_func ("/sim-pause/store/comma-locale", test_store_comma_locale);
  g_test_add_func ("/sim-pause/errors/options", test_bad_options);
  return g_test_run ();
}
