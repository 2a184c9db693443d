/* bench-simulate.c: how fast the simulator runs, with and without the store
 *
 *   bench-simulate store  [OPTIONS]   simulate into a fresh workspace
 *                                     (lw_simulate_into_store)
 *   bench-simulate engine [OPTIONS]   the engine alone (lw_simulation_run,
 *                                     no sink)
 *   bench-simulate whatif [OPTIONS]   a "what-if" re-run in memory, repeated
 *
 * Each mode prints what it measured in words, then one line
 *   RESULT mode=store leads=1000000 wall_s=... key=value ...
 * that bench/run.sh collects. Run one mode per process: the peak RSS
 * (getrusage ru_maxrss and /proc/self/status VmHWM) is the process's.
 *
 * In store mode the calls lw_simulate_into_store() makes to
 * lw_store_append_leads(), lw_store_append_events() and lw_lead_encode()
 * are timed through the linker's --wrap (see bench/meson.build): store_s
 * is the time spent inside the store (its record encoding included),
 * encode_s the time spent encoding lead properties for it; persist_s is
 * their sum. A fast run makes the store's calls on a writing thread of
 * its own, beside the simulation, so store_s overlaps the simulating
 * thread's time (which encode_s is part of). With --trace FILE the shape of
 * each of those calls (one transaction each: how many items, in which
 * blocks of lead ids, in the store's order) is written for
 * bench-sqlite-raw, which replays the very same rows through bare SQLite.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "lw-config-json.h"
#include "lw-scenario.h"
#include "lw-sim-store.h"
#include "lw-simulator.h"
#include "lw-what-if.h"
#include "lw-store.h"
/* LW_BLOCK_SHIFT and LW_EVENT_BLOCK_SHIFT: how the store groups rows. */
#include "lw-store-private.h"

/* ---- measuring ------------------------------------------------------------------ */

static double
now_s (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* CPU seconds of the calling thread so far (the simulation runs on it). */
static double
thread_cpu_s (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* User + system CPU seconds of this process so far. */
static double
cpu_s (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 +
         usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

static long
max_rss_kb (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss;   /* kilobytes on Linux */
}

/* A "VmHWM:   123456 kB" line of /proc/self/status; -1 when unreadable. */
static long
status_kb (const char *field)
{
  g_autofree char *status = NULL;
  g_auto(GStrv) lines = NULL;
  gsize field_len = strlen (field);

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  lines = g_strsplit (status, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (strncmp (lines[i], field, field_len) == 0 && lines[i][field_len] == ':')
      return strtol (lines[i] + field_len + 1, NULL, 10);
  return -1;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median_of (GArray *values)
{
  g_autoptr(GArray) sorted = g_array_sized_new (FALSE, FALSE, sizeof (double), values->len);

  g_array_append_vals (sorted, values->data, values->len);
  g_array_sort (sorted, compare_doubles);
  if (sorted->len % 2 == 1)
    return g_array_index (sorted, double, sorted->len / 2);
  return (g_array_index (sorted, double, sorted->len / 2 - 1) +
          g_array_index (sorted, double, sorted->len / 2)) / 2;
}

/* ---- the store's calls, timed (linker --wrap) --------------------------------- */

gboolean __real_lw_store_append_leads  (LwStore             *self,
                                        gint64               run,
                                        const LwStoredLead  *leads,
                                        guint                n,
                                        GError             **error);
gboolean __real_lw_store_append_events (LwStore        *self,
                                        gint64          run,
                                        const LwEvent  *events,
                                        guint           n,
                                        GError        **error);
gboolean __wrap_lw_store_append_leads  (LwStore             *self,
                                        gint64               run,
                                        const LwStoredLead  *leads,
                                        guint                n,
                                        GError             **error);
gboolean __wrap_lw_store_append_events (LwStore        *self,
                                        gint64          run,
                                        const LwEvent  *events,
                                        guint           n,
                                        GError        **error);
void     __real_lw_lead_encode         (const LwLead   *lead,
                                        const LwConfig *config,
                                        GByteArray     *out);
void     __wrap_lw_lead_encode         (const LwLead   *lead,
                                        const LwConfig *config,
                                        GByteArray     *out);

static struct
{
  double   leads_s;
  double   events_s;
  double   cpu_s;      /* thread CPU inside both */
  double   encode_s;   /* lw_lead_encode (), called by lw-sim-store.c */
  guint    lead_calls;
  guint    event_calls;
  guint64  leads;
  guint64  events;
  GString *trace;      /* NULL unless --trace */
  GArray  *blocks;     /* scratch: (block, count) pairs of one call */
} store_calls;

typedef struct
{
  guint block;
  guint count;
} BlockCount;

static void
count_block (guint block)
{
  GArray *blocks = store_calls.blocks;

  /* Calls touch few blocks, mostly the last one again. */
  for (guint i = blocks->len; i > 0; i--)
    {
      BlockCount *bc = &g_array_index (blocks, BlockCount, i - 1);

      if (bc->block == block)
        {
          bc->count++;
          return;
        }
    }
  g_array_append_vals (blocks, &(BlockCount) { block, 1 }, 1);
}

/* One line per store call: "L 4096 0:4095 1:1", kind, items, then each
 * block touched with its item count, in the order the store writes the
 * rows (first touch). */
static void
trace_call (char  kind,
            guint n)
{
  g_string_append_printf (store_calls.trace, "%c %u", kind, n);
  for (guint i = 0; i < store_calls.blocks->len; i++)
    {
      const BlockCount *bc = &g_array_index (store_calls.blocks, BlockCount, i);

      g_string_append_printf (store_calls.trace, " %u:%u", bc->block, bc->count);
    }
  g_string_append_c (store_calls.trace, '\n');
  g_array_set_size (store_calls.blocks, 0);
}

gboolean
__wrap_lw_store_append_leads (LwStore             *self,
                              gint64               run,
                              const LwStoredLead  *leads,
                              guint                n,
                              GError             **error)
{
  double start = now_s (), cpu = thread_cpu_s ();
  gboolean ok = __real_lw_store_append_leads (self, run, leads, n, error);

  store_calls.leads_s += now_s () - start;
  store_calls.cpu_s += thread_cpu_s () - cpu;
  store_calls.lead_calls++;
  store_calls.leads += n;
  if (ok && n > 0 && store_calls.trace != NULL)
    {
      for (guint i = 0; i < n; i++)
        count_block (leads[i].id >> LW_BLOCK_SHIFT);
      trace_call ('L', n);
    }
  return ok;
}

gboolean
__wrap_lw_store_append_events (LwStore        *self,
                               gint64          run,
                               const LwEvent  *events,
                               guint           n,
                               GError        **error)
{
  double start = now_s (), cpu = thread_cpu_s ();
  gboolean ok = __real_lw_store_append_events (self, run, events, n, error);

  store_calls.events_s += now_s () - start;
  store_calls.cpu_s += thread_cpu_s () - cpu;
  store_calls.event_calls++;
  store_calls.events += n;
  if (ok && n > 0 && store_calls.trace != NULL)
    {
      for (guint i = 0; i < n; i++)
        count_block (events[i].lead >> LW_EVENT_BLOCK_SHIFT);
      trace_call ('E', n);
    }
  return ok;
}

/* The properties of each lead, encoded for the store by lw-sim-store.c
 * before it calls lw_store_append_leads(): part of persisting a run. Two
 * monotonic clock reads per lead (vDSO, tens of nanoseconds). */
void
__wrap_lw_lead_encode (const LwLead   *lead,
                       const LwConfig *config,
                       GByteArray     *out)
{
  double start = now_s ();

  __real_lw_lead_encode (lead, config, out);
  store_calls.encode_s += now_s () - start;
}

/* ---- inputs ------------------------------------------------------------------------ */

static char *opt_config = NULL;
static char *opt_scenario = NULL;
static gint64 opt_leads = -1;
static gint64 opt_days = 30;
static gint64 opt_seed = 7;
static char *opt_db = NULL;
static char *opt_trace = NULL;
static gint64 opt_repeat = 5;
static gboolean opt_keep_details = FALSE;
static gboolean opt_replicated = FALSE;

static const GOptionEntry entries[] = {
  { "config", 0, 0, G_OPTION_ARG_FILENAME, &opt_config, "Rule set (default: the sample playbook)", "FILE" },
  { "scenario", 0, 0, G_OPTION_ARG_FILENAME, &opt_scenario, "Scenario (default: the sample)", "FILE" },
  { "leads", 'n', 0, G_OPTION_ARG_INT64, &opt_leads, "Leads (default 1000000; whatif 100000)", "N" },
  { "days", 'd', 0, G_OPTION_ARG_INT64, &opt_days, "Simulated days (default 30)", "D" },
  { "seed", 's', 0, G_OPTION_ARG_INT64, &opt_seed, "Seed (default 7)", "S" },
  { "db", 0, 0, G_OPTION_ARG_FILENAME, &opt_db, "store: write this workspace (must not exist) and keep it; "
                                                "default a temporary one, removed", "FILE" },
  { "trace", 0, 0, G_OPTION_ARG_FILENAME, &opt_trace, "store: write the shape of each store call here", "FILE" },
  { "repeat", 'r', 0, G_OPTION_ARG_INT64, &opt_repeat, "whatif: runs (default 5)", "N" },
  { "keep-details", 0, 0, G_OPTION_ARG_NONE, &opt_keep_details, "whatif: keep every lead's story", NULL },
  { "replicated", 0, 0, G_OPTION_ARG_NONE, &opt_replicated,
    "whatif: as the what-if panel runs it (lw_what_if_simulate: replications at the scenario's pace, on every core)",
    NULL },
  { NULL }
};

typedef struct
{
  LwConfig   *config;
  LwScenario *scenario;
  char       *scenario_json;
  char       *config_json;
} Inputs;

static void
inputs_clear (Inputs *in)
{
  g_clear_pointer (&in->config, lw_config_unref);
  g_clear_pointer (&in->scenario, lw_scenario_unref);
  g_clear_pointer (&in->scenario_json, g_free);
  g_clear_pointer (&in->config_json, g_free);
}

static gboolean
load_inputs (Inputs  *in,
             GError **error)
{
  g_autofree char *config_path = opt_config != NULL ? g_strdup (opt_config)
                                   : g_build_filename (SOURCE_SAMPLES_DIR, "b2b-playbook.json", NULL);
  g_autofree char *scenario_path = opt_scenario != NULL ? g_strdup (opt_scenario)
                                     : g_build_filename (SOURCE_SAMPLES_DIR, "inbound-scenario.json", NULL);
  gsize length = 0;

  in->config = lw_config_load_file (config_path, NULL, error);
  if (in->config == NULL)
    return FALSE;
  if (!g_file_get_contents (scenario_path, &in->scenario_json, &length, error))
    return FALSE;
  in->scenario = lw_scenario_load_data (in->scenario_json, length, scenario_path, NULL, error);
  if (in->scenario == NULL)
    return FALSE;
  in->config_json = lw_config_to_data (in->config, NULL);
  return TRUE;
}

static LwSimulation *
new_simulation (Inputs  *in,
                guint    leads,
                gboolean keep_details,
                GError **error)
{
  LwSimOptions options = LW_SIM_OPTIONS_INIT;

  options.leads = leads;
  options.days = opt_days;
  options.seed = opt_seed;
  options.keep_details = keep_details;
  return lw_simulation_new (in->config, in->scenario, &options, error);
}

static void
print_memory (void)
{
  printf ("  peak RSS         %.1f MiB (ru_maxrss), %.1f MiB (VmHWM)\n",
          max_rss_kb () / 1024.0, status_kb ("VmHWM") / 1024.0);
}

/* ---- store ------------------------------------------------------------------------------ */

static void
remove_workspace (const char *path)
{
  const char *suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_remove (file);
    }
}

static int
run_store (Inputs *in,
           guint   leads)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwSimulation) sim = NULL;
  g_autofree char *tmpdir = NULL;
  g_autofree char *path = NULL;
  const LwSimSummary *summary;
  LwStore *store;
  gint64 revision, run = 0;
  double t0, t1, t2, t3, c0, c3, store_s;
  gboolean ok;

  if (opt_db != NULL)
    {
      if (g_file_test (opt_db, G_FILE_TEST_EXISTS))
        {
          fprintf (stderr, "bench-simulate: %s exists; give a new file\n", opt_db);
          return 2;
        }
      path = g_strdup (opt_db);
    }
  else
    {
      tmpdir = g_dir_make_tmp ("lw-bench-XXXXXX", &error);
      if (tmpdir == NULL)
        goto fail;
      path = g_build_filename (tmpdir, "bench.leadwright", NULL);
    }
  if (opt_trace != NULL)
    {
      store_calls.trace = g_string_new (NULL);
      store_calls.blocks = g_array_new (FALSE, FALSE, sizeof (BlockCount));
    }

  sim = new_simulation (in, leads, FALSE, &error);
  if (sim == NULL)
    goto fail;

  c0 = cpu_s ();
  t0 = now_s ();
  store = lw_store_open (path, &error);
  if (store == NULL)
    goto fail;
  revision = lw_store_save_revision (store, in->config_json, "bench-simulate",
                                     g_get_real_time () / G_USEC_PER_SEC, &error);
  if (revision == 0)
    {
      lw_store_unref (store);
      goto fail;
    }
  t1 = now_s ();
  ok = lw_simulate_into_store (store, sim, in->scenario, revision, in->scenario_json,
                               g_get_real_time () / G_USEC_PER_SEC, NULL, NULL, NULL,
                               &run, &error);
  t2 = now_s ();
  /* Closing checkpoints what is left in the WAL into the file. */
  lw_store_unref (store);
  t3 = now_s ();
  c3 = cpu_s ();
  if (!ok)
    goto fail;

  summary = lw_simulation_get_summary (sim);
  store_s = store_calls.leads_s + store_calls.events_s;
  printf ("bench-simulate store: %u leads, %u days, seed %" G_GINT64_FORMAT ", %s\n",
          summary->leads, (guint) opt_days, opt_seed, path);
  printf ("  events           %" G_GUINT64_FORMAT " (%.1f per lead)\n",
          summary->events, summary->leads > 0 ? (double) summary->events / summary->leads : 0.0);
  printf ("  wall             %.3f s  (open + revision %.3f, lw_simulate_into_store %.3f, close %.3f)\n",
          t3 - t0, t1 - t0, t2 - t1, t3 - t2);
  printf ("  throughput       %.0f leads/s, %.0f events/s\n",
          summary->leads / (t3 - t0), summary->events / (t3 - t0));
  printf ("  CPU              %.3f s (user + system, this process)\n", c3 - c0);
  printf ("  inside the store %.3f s (CPU %.3f s): %u lead calls %.3f s, %u event calls %.3f s,\n"
          "                   on the writing thread, beside the simulation (%.0f %% of the run's time)\n",
          store_s, store_calls.cpu_s, store_calls.lead_calls, store_calls.leads_s,
          store_calls.event_calls, store_calls.events_s, t2 > t1 ? 100 * store_s / (t2 - t1) : 0.0);
  printf ("  lead encoding    %.3f s (lw_lead_encode, on the simulating thread)\n",
          store_calls.encode_s);
  print_memory ();
  printf ("RESULT mode=store leads=%u events=%" G_GUINT64_FORMAT " wall_s=%.4f open_s=%.4f "
          "run_s=%.4f close_s=%.4f cpu_s=%.4f leads_per_s=%.0f store_s=%.4f store_cpu_s=%.4f "
          "store_leads_s=%.4f store_events_s=%.4f encode_s=%.4f persist_s=%.4f "
          "lead_calls=%u event_calls=%u maxrss_kb=%ld vmhwm_kb=%ld\n",
          summary->leads, summary->events, t3 - t0, t1 - t0, t2 - t1, t3 - t2, c3 - c0,
          summary->leads / (t3 - t0), store_s, store_calls.cpu_s, store_calls.leads_s,
          store_calls.events_s, store_calls.encode_s, store_s + store_calls.encode_s,
          store_calls.lead_calls, store_calls.event_calls, max_rss_kb (), status_kb ("VmHWM"));

  if (store_calls.trace != NULL &&
      !g_file_set_contents (opt_trace, store_calls.trace->str, store_calls.trace->len, &error))
    goto fail;

  if (tmpdir != NULL)
    {
      remove_workspace (path);
      g_rmdir (tmpdir);
    }
  return 0;

fail:
  fprintf (stderr, "bench-simulate store: %s\n", error != NULL ? error->message : "failed");
  if (tmpdir != NULL && path != NULL)
    {
      remove_workspace (path);
      g_rmdir (tmpdir);
    }
  return 1;
}

/* ---- engine ------------------------------------------------------------------------ */

static int
run_engine (Inputs *in,
            guint   leads)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwSimulation) sim = NULL;
  const LwSimSummary *summary;
  double t0, t1, t2, c1, c2;

  t0 = now_s ();
  sim = new_simulation (in, leads, FALSE, &error);
  if (sim == NULL)
    goto fail;
  c1 = cpu_s ();
  t1 = now_s ();
  if (!lw_simulation_run (sim, NULL, NULL, NULL, NULL, &error))
    goto fail;
  t2 = now_s ();
  c2 = cpu_s ();

  summary = lw_simulation_get_summary (sim);
  printf ("bench-simulate engine: %u leads, %u days, seed %" G_GINT64_FORMAT ", no sink\n",
          summary->leads, (guint) opt_days, opt_seed);
  printf ("  events           %" G_GUINT64_FORMAT " (%.1f per lead)\n",
          summary->events, summary->leads > 0 ? (double) summary->events / summary->leads : 0.0);
  printf ("  wall             %.3f s (lw_simulation_run; lw_simulation_new took %.3f s)\n",
          t2 - t1, t1 - t0);
  printf ("  throughput       %.0f leads/s, %.0f events/s\n",
          summary->leads / (t2 - t1), summary->events / (t2 - t1));
  printf ("  CPU              %.3f s\n", c2 - c1);
  print_memory ();
  printf ("RESULT mode=engine leads=%u events=%" G_GUINT64_FORMAT " wall_s=%.4f new_s=%.4f "
          "cpu_s=%.4f leads_per_s=%.0f maxrss_kb=%ld vmhwm_kb=%ld\n",
          summary->leads, summary->events, t2 - t1, t1 - t0, c2 - c1,
          summary->leads / (t2 - t1), max_rss_kb (), status_kb ("VmHWM"));
  return 0;

fail:
  fprintf (stderr, "bench-simulate engine: %s\n", error->message);
  return 1;
}

/* ---- what-if -------------------------------------------------------------------------- */

static int
run_whatif (Inputs *in,
            guint   leads)
{
  g_autoptr(GArray) totals = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) runs = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpus = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  double first = 0, min_total = G_MAXDOUBLE, max_total = 0;
  guint n_leads = 0;

  /* What the GUI does after an edit: a new simulation of the edited rule
   * set (lw_simulation_new) and a run to its summary. */
  for (gint64 i = 0; i < opt_repeat; i++)
    {
      g_autoptr(LwSimulation) sim = NULL;
      double t0, t1, t2, c0;

      c0 = cpu_s ();
      t0 = now_s ();
      if (opt_replicated)
        {
          LwSimOptions options = LW_SIM_OPTIONS_INIT;
          g_autoptr(LwWhatIfSide) side = NULL;

          options.leads = leads;
          options.seed = opt_seed;
          t1 = t0;
          side = lw_what_if_simulate (in->config, in->scenario, &options, NULL, NULL, NULL, &error);
          if (side == NULL)
            goto fail;
          t2 = now_s ();
          n_leads = side->summary.leads;
        }
      else
        {
          sim = new_simulation (in, leads, opt_keep_details, &error);
          if (sim == NULL)
            goto fail;
          t1 = now_s ();
          if (!lw_simulation_run (sim, NULL, NULL, NULL, NULL, &error))
            goto fail;
          t2 = now_s ();
          n_leads = lw_simulation_get_summary (sim)->leads;
        }

      if (i == 0)
        first = t2 - t0;
      g_array_append_vals (totals, &(double) { t2 - t0 }, 1);
      g_array_append_vals (runs, &(double) { t2 - t1 }, 1);
      g_array_append_vals (cpus, &(double) { cpu_s () - c0 }, 1);
      min_total = MIN (min_total, t2 - t0);
      max_total = MAX (max_total, t2 - t0);
    }

  printf ("bench-simulate whatif: %u leads, %s, seed %" G_GINT64_FORMAT ", %u runs%s\n",
          n_leads, opt_replicated ? "replications at the scenario's pace on every core" : "30 days in one run",
          opt_seed, totals->len, opt_keep_details ? ", keeping details" : "");
  printf ("  new + run        median %.1f ms (first %.1f, min %.1f, max %.1f)\n",
          median_of (totals) * 1e3, first * 1e3, min_total * 1e3, max_total * 1e3);
  printf ("  run alone        median %.1f ms\n", median_of (runs) * 1e3);
  printf ("  CPU              median %.1f ms (new + run)\n", median_of (cpus) * 1e3);
  print_memory ();
  printf ("RESULT mode=whatif replicated=%d leads=%u repeat=%u keep_details=%d median_ms=%.2f first_ms=%.2f "
          "min_ms=%.2f max_ms=%.2f run_median_ms=%.2f cpu_median_ms=%.2f maxrss_kb=%ld vmhwm_kb=%ld\n",
          opt_replicated, n_leads, totals->len, opt_keep_details, median_of (totals) * 1e3, first * 1e3,
          min_total * 1e3, max_total * 1e3, median_of (runs) * 1e3, median_of (cpus) * 1e3,
          max_rss_kb (), status_kb ("VmHWM"));
  return 0;

fail:
  fprintf (stderr, "bench-simulate whatif: %s\n", error->message);
  return 1;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  Inputs in = { 0 };
  const char *mode;
  int status;

  context = g_option_context_new ("store|engine|whatif");
  g_option_context_set_summary (context,
                                "Times the simulator on the sample playbook and scenario.\n"
                                "  store   1,000,000 leads into a fresh workspace\n"
                                "  engine  the same without a store\n"
                                "  whatif  100,000 leads in memory, repeated");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      fprintf (stderr, "bench-simulate: %s\n", error->message);
      return 2;
    }
  if (argc != 2 || (!g_str_equal (argv[1], "store") && !g_str_equal (argv[1], "engine") &&
                    !g_str_equal (argv[1], "whatif")))
    {
      fprintf (stderr, "usage: bench-simulate store|engine|whatif [OPTIONS] (see --help)\n");
      return 2;
    }
  mode = argv[1];
  if (opt_leads < 0)
    opt_leads = g_str_equal (mode, "whatif") ? 100000 : 1000000;
  if (opt_leads > LW_SIM_MAX_LEADS || opt_days < 1 || opt_days > LW_SIM_MAX_DAYS ||
      opt_seed < 0 || opt_repeat < 1)
    {
      fprintf (stderr, "bench-simulate: --leads 0..%u, --days 1..%u, --seed >= 0, --repeat >= 1\n",
               LW_SIM_MAX_LEADS, LW_SIM_MAX_DAYS);
      return 2;
    }

  if (!load_inputs (&in, &error))
    {
      fprintf (stderr, "bench-simulate: %s\n", error->message);
      inputs_clear (&in);
      return 1;
    }

  if (g_str_equal (mode, "store"))
    status = run_store (&in, opt_leads);
  else if (g_str_equal (mode, "engine"))
    status = run_engine (&in, opt_leads);
  else
    status = run_whatif (&in, opt_leads);

  inputs_clear (&in);
  if (store_calls.trace != NULL)
    g_string_free (store_calls.trace, TRUE);
  g_clear_pointer (&store_calls.blocks, g_array_unref);
  g_free (opt_config);
  g_free (opt_scenario);
  g_free (opt_db);
  g_free (opt_trace);
  return status;
}
