/* lw-cli-sim.c: simulate, report, explain, compare and revisions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib-unix.h>
#include <math.h>
#include <stdio.h>
#include <unistd.h>

#include "lw-cli.h"
#include "lw-config-json.h"
#include "lw-report.h"
#include "lw-result-json.h"
#include "lw-sim-store.h"
#include "lw-simulator.h"
#include "lw-store.h"

/* ---- shared ------------------------------------------------------------------ */

static char *
default_scenario_path (void)
{
  const char *dirs[] = { g_getenv ("LW_SAMPLES_DIR"), PKGDATADIR "/samples", SOURCE_SAMPLES_DIR };

  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      g_autofree char *path = NULL;

      if (dirs[i] == NULL)
        continue;
      path = g_build_filename (dirs[i], "inbound-scenario.json", NULL);
      if (g_file_test (path, G_FILE_TEST_EXISTS))
        return g_steal_pointer (&path);
    }
  return NULL;
}

static LwScenario *
load_scenario (const char  *filename,
               char       **json)
{
  g_autofree char *fallback = NULL;
  g_autoptr(GPtrArray) diagnostics = lw_diagnostics_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;
  LwScenario *scenario;

  if (filename == NULL)
    {
      fallback = default_scenario_path ();
      if (fallback == NULL)
        {
          fprintf (stderr, "leadwright-cli: no scenario given and the default "
                           "inbound-scenario.json was not found (use --scenario FILE)\n");
          return NULL;
        }
      filename = fallback;
    }

  if (!g_file_get_contents (filename, &data, &length, &error))
    {
      fprintf (stderr, "%s: error: %s\n", filename, error->message);
      return NULL;
    }
  scenario = lw_scenario_load_data (data, length, filename, diagnostics, &error);
  if (scenario == NULL)
    {
      if (diagnostics->len > 0)
        lw_cli_print_diagnostics (diagnostics);
      else
        fprintf (stderr, "%s\n", error->message);
      return NULL;
    }
  if (json != NULL)
    *json = g_steal_pointer (&data);
  return scenario;
}

static LwStore *
open_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  LwStore *store;

  if (path == NULL)
    {
      fprintf (stderr, "leadwright-cli: --db FILE is required\n");
      return NULL;
    }
  store = lw_store_open (path, &error);
  if (store == NULL)
    fprintf (stderr, "%s: error: %s\n", path, error->message);
  return store;
}

static void
print_json (JsonNode *node)
{
  g_autofree char *text = lw_json_to_string (node, TRUE);

  printf ("%s\n", text);
}

/* ---- simulate ------------------------------------------------------------------ */

typedef struct
{
  LwStore        *store;
  LwSimulation   *simulation;
  LwScenario     *scenario;
  const char     *scenario_json;
  gint64          revision;
  GCancellable   *cancellable;
  GMainLoop      *loop;
  const LwSimSink *tap;          /* --alerts: the alert relay's; else NULL */

  /* written by the worker, read by the main loop's timer */
  gint64          sim_now;
  guint           leads_done;
  guint           leads_total;

  /* the outcome */
  gboolean        ok;
  GError         *error;
  gint64          run;
} SimJob;

static void
progress_cb (LwTime   now,
             guint    leads_done,
             guint    leads_total,
             gpointer user_data)
{
  SimJob *job = user_data;

  g_atomic_int_set (&job->leads_done, leads_done);
  g_atomic_int_set (&job->leads_total, leads_total);
  job->sim_now = now;   /* read only for display; a torn read is harmless */
}

static gboolean
job_done_cb (gpointer user_data)
{
  SimJob *job = user_data;

  g_main_loop_quit (job->loop);
  return G_SOURCE_REMOVE;
}

static gpointer
simulate_thread (gpointer user_data)
{
  SimJob *job = user_data;
  LwTime started = g_get_real_time () / G_USEC_PER_SEC;

  if (job->store != NULL)
    job->ok = lw_simulate_into_store_tapped (job->store, job->simulation, job->scenario, job->revision,
                                             job->scenario_json, started, job->tap, job->cancellable,
                                             progress_cb, job, &job->run, &job->error);
  else
    job->ok = lw_simulation_run (job->simulation, job->tap, job->cancellable, progress_cb, job, &job->error);

  g_idle_add (job_done_cb, job);
  return NULL;
}

static gboolean
sigint_cb (gpointer user_data)
{
  SimJob *job = user_data;

  g_cancellable_cancel (job->cancellable);
  return G_SOURCE_CONTINUE;
}

static gboolean
draw_progress_cb (gpointer user_data)
{
  SimJob *job = user_data;
  guint done = g_atomic_int_get (&job->leads_done);
  guint total = g_atomic_int_get (&job->leads_total);
  double fraction = total > 0 ? (double) done / total : 0;
  guint width = 30, filled = (guint) (fraction * width);
  g_autofree char *bar = g_strnfill (filled, '#');
  g_autofree char *rest = g_strnfill (width - filled, '-');
  g_autofree char *when = job->sim_now > 0 ? lw_time_format_iso8601 (job->sim_now) : g_strdup ("");

  fprintf (stderr, "\r[%s%s] %3.0f%%  %u/%u leads  %s ", bar, rest, fraction * 100, done, total, when);
  fflush (stderr);
  return G_SOURCE_CONTINUE;
}

static JsonNode *
summary_to_json (const LwSimSummary *summary,
                 const LwConfig     *config,
                 const LwScenario   *scenario,
                 gint64              run)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GPtrArray) figures = lw_sim_summary_figures (summary, config, scenario);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "run");
  if (run > 0)
    json_builder_add_int_value (builder, run);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "finished");
  json_builder_add_boolean_value (builder, summary->finished);
  json_builder_set_member_name (builder, "figures");
  json_builder_begin_object (builder);
  for (guint i = 0; i < figures->len; i++)
    {
      const LwSimFigure *figure = g_ptr_array_index (figures, i);

      json_builder_set_member_name (builder, figure->key);
      if (isfinite (figure->value))
        json_builder_add_double_value (builder, figure->value);
      else
        json_builder_add_null_value (builder);
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

int
lw_cli_simulate (int    argc,
                 char **argv)
{
  g_autofree char *scenario_file = NULL;
  g_autofree char *db = NULL;
  gint64 leads = 0, days = 0, seed = 1;
  gboolean no_store = FALSE, as_json = FALSE, alerts = FALSE;
  double paced = 0;
  g_autoptr(LwCliAlertOptions) alert_options = lw_cli_alert_options_new ();
  g_autoptr(LwAlertSettings) alert_settings = NULL;
  g_autofree GOptionEntry *all_entries = NULL;
  LwCliAlertRelay *relay = NULL;
  GOptionEntry entries[] = {
    { "scenario", 0, 0, G_OPTION_ARG_FILENAME, &scenario_file, "The inbound scenario (default: the sample)", "FILE" },
    { "leads", 'n', 0, G_OPTION_ARG_INT64, &leads, "Leads to simulate (default: the scenario's)", "N" },
    { "days", 'd', 0, G_OPTION_ARG_INT64, &days, "Simulated days (default: the scenario's)", "D" },
    { "seed", 's', 0, G_OPTION_ARG_INT64, &seed, "Random seed: the same seed gives the same run (default 1)", "S" },
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, "Workspace file to record the run in", "FILE" },
    { "no-store", 0, 0, G_OPTION_ARG_NONE, &no_store, "Keep the run in memory only", NULL },
    { "paced", 0, 0, G_OPTION_ARG_DOUBLE, &paced, "Run paced: SPEED simulated seconds per second", "SPEED" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, "Print the summary as JSON", NULL },
    { "alerts", 0, 0, G_OPTION_ARG_NONE, &alerts,
      "With --paced: send desktop alerts of SLA warnings, breaches, escalations and reassignments", NULL },
    { NULL }
  };
  g_autoptr(LwConfig) config = NULL;
  g_autoptr(LwStore) store = NULL;
  g_autoptr(LwSimulation) simulation = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *scenario_json = NULL;
  g_autofree char *summary_text = NULL;
  LwScenario *scenario = NULL;
  LwSimOptions options = LW_SIM_OPTIONS_INIT;
  SimJob job = { 0 };
  GThread *thread;
  guint sigint_id, progress_id = 0;
  gboolean show_progress;

  all_entries = lw_cli_alert_options_add_entries (alert_options, entries);
  if (!lw_cli_parse_options (lw_cli_find_command ("simulate"), all_entries, &argc, &argv, 1, 1))
    return LW_EXIT_USAGE;

  if (leads < 0 || leads > LW_SIM_MAX_LEADS || days < 0 || days > LW_SIM_MAX_DAYS || seed < 0 ||
      paced < 0 || !isfinite (paced))
    {
      fprintf (stderr, "leadwright-cli simulate: --leads must be 0..%u, --days 0..%u, "
                       "--seed and --paced not negative\n", LW_SIM_MAX_LEADS, LW_SIM_MAX_DAYS);
      return LW_EXIT_USAGE;
    }
  if (db == NULL && !no_store)
    {
      fprintf (stderr, "leadwright-cli simulate: give --db FILE to record the run, or --no-store\n");
      return LW_EXIT_USAGE;
    }
  if (alerts && paced <= 0)
    {
      fprintf (stderr, "leadwright-cli simulate: --alerts needs a paced run (--paced SPEED): "
                       "a run as fast as it can would send its alerts all at once\n");
      return LW_EXIT_USAGE;
    }

  config = lw_cli_load_config (argv[2]);
  if (config == NULL)
    return LW_EXIT_INVALID;
  scenario = load_scenario (scenario_file, &scenario_json);
  if (scenario == NULL)
    return LW_EXIT_INVALID;

  options.leads = leads;
  options.days = days;
  options.seed = seed;
  options.speed = paced;
  simulation = lw_simulation_new (config, scenario, &options, &error);
  if (simulation == NULL)
    {
      fprintf (stderr, "leadwright-cli simulate: %s\n", error->message);
      lw_scenario_unref (scenario);
      return LW_EXIT_INVALID;
    }
  /* What the run leaves out is said, but does not stop it. */
  {
    GPtrArray *warnings = lw_simulation_get_warnings (simulation);

    for (guint i = 0; i < warnings->len; i++)
      {
        g_autofree char *text = lw_diagnostic_format (g_ptr_array_index (warnings, i));

        fprintf (stderr, "leadwright-cli simulate: %s\n", text);
      }
  }

  if (!no_store)
    {
      gsize length = 0;
      g_autofree char *json = lw_config_to_data (config, &length);

      store = open_store (db);
      if (store == NULL)
        {
          lw_scenario_unref (scenario);
          return LW_EXIT_INVALID;
        }
      /* The rule set is kept as a revision, so the run can be explained
       * and compared later. The same rule set is not stored twice. */
      if (lw_store_find_revision (store, json, &job.revision, &error) && job.revision == 0)
        job.revision = lw_store_save_revision (store, json, "leadwright-cli simulate",
                                               g_get_real_time () / G_USEC_PER_SEC, &error);
      if (job.revision == 0)
        {
          fprintf (stderr, "%s: error: %s\n", db, error->message);
          lw_scenario_unref (scenario);
          return LW_EXIT_INVALID;
        }
    }

  if (alerts)
    {
      alert_settings = lw_cli_alert_options_to_settings (alert_options, lw_simulation_get_config (simulation),
                                                         "simulate");
      if (alert_settings == NULL)
        {
          lw_scenario_unref (scenario);
          return LW_EXIT_USAGE;
        }
      relay = lw_cli_alert_relay_new (lw_simulation_get_config (simulation), alert_settings, store, &job.run);
      job.tap = lw_cli_alert_relay_get_tap (relay);
    }

  loop = g_main_loop_new (NULL, FALSE);
  job.store = store;
  job.simulation = simulation;
  job.scenario = scenario;
  job.scenario_json = scenario_json;
  job.cancellable = cancellable;
  job.loop = loop;

  sigint_id = g_unix_signal_add (SIGINT, sigint_cb, &job);
  show_progress = isatty (STDERR_FILENO) && !as_json;
  if (show_progress)
    progress_id = g_timeout_add (100, draw_progress_cb, &job);

  thread = g_thread_new ("simulate", simulate_thread, &job);
  g_main_loop_run (loop);
  g_thread_join (thread);

  g_source_remove (sigint_id);
  if (progress_id != 0)
    {
      g_source_remove (progress_id);
      draw_progress_cb (&job);
      fprintf (stderr, "\n");
    }
  if (relay != NULL)
    {
      guint shown = 0;
      guint raised = lw_cli_alert_relay_finish (relay, &shown);

      fprintf (stderr, "leadwright-cli simulate: %u alert%s raised, %u shown\n",
               raised, raised == 1 ? "" : "s", shown);
      g_clear_pointer (&relay, lw_cli_alert_relay_free);
    }

  if (!job.ok && !g_error_matches (job.error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      fprintf (stderr, "leadwright-cli simulate: %s\n", job.error->message);
      g_clear_error (&job.error);
      lw_scenario_unref (scenario);
      return LW_EXIT_INVALID;
    }

  if (as_json)
    {
      g_autoptr(JsonNode) node = summary_to_json (lw_simulation_get_summary (simulation),
                                                  lw_simulation_get_config (simulation), scenario, job.run);
      print_json (node);
    }
  else
    {
      summary_text = lw_sim_summary_format (lw_simulation_get_summary (simulation),
                                            lw_simulation_get_config (simulation), scenario);
      printf ("%s", summary_text);
      if (job.run > 0)
        printf ("\nRecorded as run %" G_GINT64_FORMAT " in %s.\n", job.run, db);
    }

  lw_scenario_unref (scenario);
  if (job.error != NULL)
    {
      fprintf (stderr, "leadwright-cli simulate: cancelled; the run is recorded as cancelled\n");
      g_clear_error (&job.error);
      return 130;
    }
  return LW_EXIT_OK;
}

/* ---- report ---------------------------------------------------------------------- */

int
lw_cli_report (int    argc,
               char **argv)
{
  g_autofree char *db = NULL;
  g_autofree char *region = NULL;
  g_autofree char *segment = NULL;
  gint64 run = 0;
  gboolean as_json = FALSE;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, "Workspace file", "FILE" },
    { "run", 'r', 0, G_OPTION_ARG_INT64, &run, "Run (default: the latest finished)", "ID" },
    { "region", 0, 0, G_OPTION_ARG_STRING, &region, "Only leads of this region", "REGION" },
    { "segment", 0, 0, G_OPTION_ARG_STRING, &segment, "Only leads of this segment", "SEGMENT" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, "Print JSON", NULL },
    { NULL }
  };
  g_autoptr(LwStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;
  LwStoreFilter filter = LW_STORE_FILTER_INIT;
  const char *what;

  if (!lw_cli_parse_options (lw_cli_find_command ("report"), entries, &argc, &argv, 1, 1))
    return LW_EXIT_USAGE;
  what = argv[2];
  if (g_strcmp0 (what, "funnel") != 0 && g_strcmp0 (what, "sla") != 0 &&
      g_strcmp0 (what, "routing") != 0 && g_strcmp0 (what, "sources") != 0)
    {
      fprintf (stderr, "leadwright-cli report: unknown report \"%s\" (expected funnel, sla, routing or sources)\n",
               what);
      return LW_EXIT_USAGE;
    }
  if (run < 0)
    {
      fprintf (stderr, "leadwright-cli report: --run must be a run id\n");
      return LW_EXIT_USAGE;
    }

  store = open_store (db);
  if (store == NULL)
    return LW_EXIT_INVALID;

  filter.run = run;
  filter.region = region;
  filter.segment = segment;

  if (g_strcmp0 (what, "funnel") == 0)
    {
      g_autoptr(LwFunnel) funnel = lw_store_query_funnel (store, &filter, &error);

      if (funnel != NULL)
        {
          node = as_json ? lw_funnel_to_json (funnel) : NULL;
          text = as_json ? NULL : lw_funnel_format (funnel);
        }
    }
  else if (g_strcmp0 (what, "sla") == 0)
    {
      guint n_edges = 0;
      const gint64 *edges = lw_report_default_ttft_edges (&n_edges);
      g_autoptr(LwSlaFigures) figures = lw_store_query_sla (store, &filter, edges, n_edges, &error);

      if (figures != NULL)
        {
          node = as_json ? lw_sla_figures_to_json (figures, edges, n_edges) : NULL;
          text = as_json ? NULL : lw_sla_figures_format (figures, edges, n_edges);
        }
    }
  else if (g_strcmp0 (what, "routing") == 0)
    {
      g_autoptr(LwRoutingFigures) figures = lw_store_query_routing (store, &filter, &error);

      if (figures != NULL)
        {
          node = as_json ? lw_routing_figures_to_json (figures) : NULL;
          text = as_json ? NULL : lw_routing_figures_format (figures);
        }
    }
  else
    {
      g_autoptr(LwSourceReport) report = lw_store_query_sources (store, &filter, &error);

      if (report != NULL)
        {
          node = as_json ? lw_source_report_to_json (report) : NULL;
          text = as_json ? NULL : lw_source_report_format (report);
        }
    }

  if (error != NULL)
    {
      fprintf (stderr, "%s: error: %s\n", db, error->message);
      return LW_EXIT_INVALID;
    }
  if (node != NULL)
    print_json (node);
  else
    printf ("%s", text);
  return LW_EXIT_OK;
}

/* ---- explain ------------------------------------------------------------------------- */

/* Makes the simulation of @info again: the same rule-set revision,
 * scenario and seed give the same leads, so any lead can be retraced. */
static LwSimulation *
replay_run (LwStore          *store,
            const LwRunInfo  *info,
            LwScenario      **scenario_out,
            GError          **error)
{
  g_autoptr(LwRevision) revision = NULL;
  g_autoptr(LwConfig) config = NULL;
  LwSimOptions options = LW_SIM_OPTIONS_INIT;
  LwScenario *scenario;
  LwSimulation *simulation;

  if (info->revision == 0 || info->scenario == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   "run %" G_GINT64_FORMAT " was recorded without its rule set or scenario; it cannot be retraced",
                   info->id);
      return NULL;
    }

  revision = lw_store_get_revision (store, info->revision, error);
  if (revision == NULL)
    return NULL;
  config = lw_config_load_data (revision->json, -1, "revision", NULL, error);
  if (config == NULL)
    return NULL;
  scenario = lw_scenario_load_data (info->scenario, -1, "scenario", NULL, error);
  if (scenario == NULL)
    return NULL;

  options.leads = info->leads;
  options.days = info->days;
  options.seed = info->seed;
  options.start = info->sim_start;
  simulation = lw_simulation_new (config, scenario, &options, error);
  if (simulation == NULL)
    {
      lw_scenario_unref (scenario);
      return NULL;
    }
  *scenario_out = scenario;
  return simulation;
}

static gint64
latest_finished_run (LwStore  *store,
                     GError  **error)
{
  g_autoptr(GPtrArray) runs = lw_store_list_runs (store, error);

  if (runs == NULL)
    return 0;
  for (guint i = 0; i < runs->len; i++)
    {
      const LwRunInfo *info = g_ptr_array_index (runs, i);

      if (info->status == LW_RUN_FINISHED)
        return info->id;
    }
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "the workspace has no finished run");
  return 0;
}

int
lw_cli_explain (int    argc,
                char **argv)
{
  g_autofree char *db = NULL;
  gint64 run = 0;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, "Workspace file", "FILE" },
    { "run", 'r', 0, G_OPTION_ARG_INT64, &run, "Run (default: the latest finished)", "ID" },
    { NULL }
  };
  g_autoptr(LwStore) store = NULL;
  g_autoptr(LwRunInfo) info = NULL;
  g_autoptr(LwSimulation) simulation = NULL;
  g_autoptr(LwSimStory) story = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  LwScenario *scenario = NULL;
  gint64 lead;
  char *end = NULL;

  if (!lw_cli_parse_options (lw_cli_find_command ("explain"), entries, &argc, &argv, 1, 1))
    return LW_EXIT_USAGE;
  lead = g_ascii_strtoll (argv[2], &end, 10);
  if (end == argv[2] || *end != '\0' || lead < 1 || lead > G_MAXUINT32)
    {
      fprintf (stderr, "leadwright-cli explain: \"%s\" is not a lead id (1, 2, ...)\n", argv[2]);
      return LW_EXIT_USAGE;
    }

  store = open_store (db);
  if (store == NULL)
    return LW_EXIT_INVALID;
  if (run == 0 && (run = latest_finished_run (store, &error)) == 0)
    {
      fprintf (stderr, "%s: error: %s\n", db, error->message);
      return LW_EXIT_INVALID;
    }
  info = lw_store_get_run (store, run, &error);
  if (info == NULL)
    {
      fprintf (stderr, "%s: error: %s\n", db, error->message);
      return LW_EXIT_INVALID;
    }
  if ((guint64) lead > info->leads)
    {
      fprintf (stderr, "%s: error: run %" G_GINT64_FORMAT " has leads 1 to %u\n", db, run, info->leads);
      return LW_EXIT_INVALID;
    }

  simulation = replay_run (store, info, &scenario, &error);
  if (simulation != NULL)
    story = lw_simulation_explain (simulation, (guint32) lead, NULL, &error);
  g_clear_pointer (&scenario, lw_scenario_unref);
  if (story == NULL)
    {
      fprintf (stderr, "%s: error: %s\n", db, error->message);
      return LW_EXIT_INVALID;
    }

  text = lw_sim_story_format (story);
  printf ("%s", text);
  return LW_EXIT_OK;
}

/* ---- compare --------------------------------------------------------------------------- */

int
lw_cli_compare (int    argc,
                char **argv)
{
  g_autofree char *scenario_file = NULL;
  gint64 leads = 0, days = 0, seed = 1, listed = 20;
  GOptionEntry entries[] = {
    { "scenario", 0, 0, G_OPTION_ARG_FILENAME, &scenario_file, "The inbound scenario (default: the sample)", "FILE" },
    { "leads", 'n', 0, G_OPTION_ARG_INT64, &leads, "Leads to simulate (default: the scenario's)", "N" },
    { "days", 'd', 0, G_OPTION_ARG_INT64, &days, "Simulated days (default: the scenario's)", "D" },
    { "seed", 's', 0, G_OPTION_ARG_INT64, &seed, "Random seed (default 1)", "S" },
    { "list", 0, 0, G_OPTION_ARG_INT64, &listed, "Leads treated differently to list (default 20)", "N" },
    { NULL }
  };
  g_autoptr(LwConfig) a = NULL;
  g_autoptr(LwConfig) b = NULL;
  g_autoptr(LwSimComparison) comparison = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  LwScenario *scenario;
  LwSimOptions options = LW_SIM_OPTIONS_INIT;

  if (!lw_cli_parse_options (lw_cli_find_command ("compare"), entries, &argc, &argv, 2, 2))
    return LW_EXIT_USAGE;
  if (leads < 0 || leads > LW_SIM_MAX_LEADS || days < 0 || days > LW_SIM_MAX_DAYS || seed < 0 ||
      listed < 0 || listed > 100000)
    {
      fprintf (stderr, "leadwright-cli compare: --leads, --days, --seed and --list must be in range\n");
      return LW_EXIT_USAGE;
    }

  a = lw_cli_load_config (argv[2]);
  b = lw_cli_load_config (argv[3]);
  if (a == NULL || b == NULL)
    return LW_EXIT_INVALID;
  scenario = load_scenario (scenario_file, NULL);
  if (scenario == NULL)
    return LW_EXIT_INVALID;

  options.leads = leads;
  options.days = days;
  options.seed = seed;
  comparison = lw_simulation_compare (a, b, scenario, &options, listed, NULL, &error);
  lw_scenario_unref (scenario);
  if (comparison == NULL)
    {
      fprintf (stderr, "leadwright-cli compare: %s\n", error->message);
      return LW_EXIT_INVALID;
    }

  text = lw_sim_comparison_format (comparison);
  printf ("%s", text);
  return LW_EXIT_OK;
}

/* ---- revisions ---------------------------------------------------------------------------- */

int
lw_cli_revisions (int    argc,
                  char **argv)
{
  g_autofree char *db = NULL;
  g_auto(GStrv) diff = NULL;
  gint64 restore = 0, show = 0;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, "Workspace file", "FILE" },
    { "show", 0, 0, G_OPTION_ARG_INT64, &show, "Print the rule set of revision ID", "ID" },
    { "diff", 0, 0, G_OPTION_ARG_STRING_ARRAY, &diff, "Compare two revisions (give it twice)", "ID" },
    { "restore", 0, 0, G_OPTION_ARG_INT64, &restore, "Make revision ID the current rule set again", "ID" },
    { NULL }
  };
  g_autoptr(LwStore) store = NULL;
  g_autoptr(GError) error = NULL;

  if (!lw_cli_parse_options (lw_cli_find_command ("revisions"), entries, &argc, &argv, 0, 0))
    return LW_EXIT_USAGE;
  if ((diff != NULL && g_strv_length (diff) != 2) || show < 0 || restore < 0)
    {
      fprintf (stderr, "leadwright-cli revisions: --diff takes two revisions: --diff 3 --diff 5\n");
      return LW_EXIT_USAGE;
    }

  store = open_store (db);
  if (store == NULL)
    return LW_EXIT_INVALID;

  if (show > 0)
    {
      g_autoptr(LwRevision) revision = lw_store_get_revision (store, show, &error);

      if (revision == NULL)
        goto failed;
      printf ("%s", revision->json);
      return LW_EXIT_OK;
    }

  if (diff != NULL)
    {
      gint64 a = g_ascii_strtoll (diff[0], NULL, 10);
      gint64 b = g_ascii_strtoll (diff[1], NULL, 10);
      g_autofree char *text = lw_store_diff_revisions (store, a, b, &error);

      if (text == NULL)
        goto failed;
      printf ("%s", text);
      return LW_EXIT_OK;
    }

  if (restore > 0)
    {
      gint64 id = lw_store_restore_revision (store, restore, g_get_real_time () / G_USEC_PER_SEC, &error);

      if (id == 0)
        goto failed;
      printf ("Revision %" G_GINT64_FORMAT " restored as revision %" G_GINT64_FORMAT ".\n", restore, id);
      return LW_EXIT_OK;
    }

  {
    g_autoptr(GPtrArray) revisions = lw_store_list_revisions (store, &error);

    if (revisions == NULL)
      goto failed;
    for (guint i = 0; i < revisions->len; i++)
      {
        const LwRevision *revision = g_ptr_array_index (revisions, i);
        g_autofree char *when = lw_time_format_iso8601 (revision->created_at);

        printf ("%6" G_GINT64_FORMAT "  %s  %s\n", revision->id, when, revision->note ? revision->note : "");
      }
  }
  return LW_EXIT_OK;

failed:
  fprintf (stderr, "%s: error: %s\n", db, error->message);
  return LW_EXIT_INVALID;
}
