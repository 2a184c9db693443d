/* bench-gui-gap.c: the main loop during a large run, and the what-if latency
 *
 *   bench-gui-gap gap    [--leads N] [--watch simulate|funnel]
 *   bench-gui-gap whatif [--leads N] [--edits N]
 *
 * Both drive the application's own widgets in this process, on the sample
 * playbook and scenario, and need a display (run it under xvfb-run -a).
 *
 * gap: a window holds the Simulate and Funnel pages in a stack, as the
 * main window does. The run starts from the Simulate page (fastest pace,
 * into a fresh workspace file in a temporary folder); one second later
 * the page watched (--watch, default funnel) shows, and follows the run
 * to its end. A high-priority tick every 5 ms records the time between
 * two main-loop iterations: the longest, the 99th percentile, and the
 * longest less the time the kernel kept the main thread waiting for a
 * CPU (run_delay of /proc/thread-self/schedstat; on a busy machine that
 * wait is most of the wall-clock gap).
 *
 * whatif: the what-if panel on a workspace, at --leads leads (default
 * 100,000). After a first update, --edits edits (default 7) alternate the
 * MQL threshold between 40 and 35 points, each waiting for the panel's
 * update and the frame that shows it. For each: the re-run (the panel's
 * worker: lw_what_if_simulate() of the rules after the edit, the
 * baseline's run being kept), the redraw (from the update to the end of
 * the next frame's paint) and the whole from the edit (including the
 * panel's 300 ms wait for more edits). Medians, min and max.
 *
 * Each prints its figures in words, then one line
 *   RESULT mode=gap leads=1000000 gap_ms=... key=value ...
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "lw-config-json.h"
#include "lw-funnel-page.h"
#include "lw-sim-context.h"
#include "lw-simulate-page.h"
#include "lw-what-if-panel.h"
#include "lw-workspace.h"

/* ---- helpers ------------------------------------------------------------------------ */

static void
iterate_until (gboolean (*done) (gpointer),
               gpointer   data)
{
  while (!done (data))
    g_main_context_iteration (NULL, TRUE);
}

static void
spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static gint64
percentile (GArray *values,
            guint   p)
{
  guint rank;

  if (values->len == 0)
    return 0;
  g_array_sort (values, compare_gint64);
  rank = (guint) ((values->len * (guint64) p + 99) / 100);
  return g_array_index (values, gint64, MAX (rank, 1) - 1);
}

/* User + system CPU microseconds of this process so far. */
static gint64
cpu_us (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return (gint64) usage.ru_utime.tv_sec * G_USEC_PER_SEC + usage.ru_utime.tv_usec +
         (gint64) usage.ru_stime.tv_sec * G_USEC_PER_SEC + usage.ru_stime.tv_usec;
}

static gint64
run_delay_us (void)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) fields = NULL;

  if (!g_file_get_contents ("/proc/thread-self/schedstat", &text, NULL, NULL))
    return -1;
  fields = g_strsplit (g_strstrip (text), " ", -1);
  if (g_strv_length (fields) < 2)
    return -1;
  return g_ascii_strtoll (fields[1], NULL, 10) / 1000;
}

static double
load_average (void)
{
  g_autofree char *text = NULL;

  if (!g_file_get_contents ("/proc/loadavg", &text, NULL, NULL))
    return -1;
  return g_ascii_strtod (text, NULL);
}

static LwWorkspace *
new_workspace (const char  *dir,
               GError     **error)
{
  g_autofree char *sample = NULL;
  g_autofree char *path = g_build_filename (dir, "bench.leadwright", NULL);
  g_autoptr(LwConfig) config = NULL;
  const char *samples = g_getenv ("LW_SAMPLES_DIR");

  sample = g_build_filename (samples != NULL ? samples : SOURCE_SAMPLES_DIR, "b2b-playbook.json", NULL);
  config = lw_config_load_file (sample, NULL, error);
  if (config == NULL)
    return NULL;
  return lw_workspace_create (path, config, "Benchmark", 1700000000, error);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (path, name, NULL);

        remove_tree (child);
      }
  g_remove (path);
}

/* ---- gap ---------------------------------------------------------------------------- */

typedef struct
{
  gint64  last;
  gint64  last_delay;
  gint64  longest;
  gint64  longest_own;
  GArray *gaps;        /* gint64, microseconds */
} Gap;

static gboolean
gap_tick_cb (gpointer data)
{
  Gap *gap = data;
  gint64 now = g_get_monotonic_time ();
  gint64 delay = run_delay_us ();

  if (gap->last != 0)
    {
      gint64 wall = now - gap->last;
      gint64 waited = delay >= 0 && gap->last_delay >= 0 ? delay - gap->last_delay : 0;

      gap->longest = MAX (gap->longest, wall);
      gap->longest_own = MAX (gap->longest_own, wall - waited);
      g_array_append_val (gap->gaps, wall);
    }
  gap->last = now;
  gap->last_delay = delay;
  return G_SOURCE_CONTINUE;
}

static gboolean
page_idle (gpointer data)
{
  return !lw_simulate_page_is_running (LW_SIMULATE_PAGE (data));
}

static int
bench_gap (guint       leads,
           const char *watch)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bench-gui-gap-XXXXXX", &error);
  g_autoptr(LwWorkspace) workspace = NULL;
  LwSimContext *context;
  LwScenario *draft;
  GtkWidget *window, *stack, *page, *funnel;
  Gap gap = { 0, };
  gint64 begun, elapsed;
  double load = load_average ();
  guint tick;

  if (dir == NULL || (workspace = new_workspace (dir, &error)) == NULL)
    {
      g_printerr ("bench-gui-gap: %s\n", error->message);
      return 1;
    }
  gap.gaps = g_array_new (FALSE, FALSE, sizeof (gint64));

  context = lw_sim_context_get (workspace);
  draft = lw_sim_context_get_draft (context);
  draft->leads = leads;
  draft->days = 30;
  lw_sim_context_draft_changed (context);
  if (lw_sim_context_get_problems (context)->len > 0)
    {
      g_printerr ("bench-gui-gap: the scenario does not fit the sample playbook\n");
      return 1;
    }

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1180, 780);
  stack = gtk_stack_new ();
  page = lw_simulate_page_new (workspace);
  funnel = lw_funnel_page_new (workspace);
  gtk_stack_add_named (GTK_STACK (stack), page, "simulate");
  gtk_stack_add_named (GTK_STACK (stack), funnel, "funnel");
  gtk_window_set_child (GTK_WINDOW (window), stack);
  gtk_window_present (GTK_WINDOW (window));
  spin (500);

  tick = g_timeout_add_full (G_PRIORITY_HIGH, 5, gap_tick_cb, &gap, NULL);
  begun = g_get_monotonic_time ();
  gtk_widget_activate_action (page, "simulate.run", NULL);
  spin (1000);
  if (g_strcmp0 (watch, "funnel") == 0)
    gtk_stack_set_visible_child (GTK_STACK (stack), funnel);
  iterate_until (page_idle, page);
  elapsed = g_get_monotonic_time () - begun;
  g_source_remove (tick);

  printf ("%u leads simulated and stored from the Simulate page in %.1f s, the %s page in sight\n",
          leads, elapsed / 1e6, watch);
  printf ("  main-loop gaps: longest %.1f ms (%.1f ms less the wait for a CPU), 99th percentile "
          "%.1f ms, median %.1f ms, over %u ticks; load average before: %.2f\n",
          gap.longest / 1e3, gap.longest_own / 1e3, percentile (gap.gaps, 99) / 1e3,
          percentile (gap.gaps, 50) / 1e3, gap.gaps->len, load);
  printf ("RESULT mode=gap leads=%u watch=%s run_s=%.3f gap_ms=%.1f gap_own_ms=%.1f gap_p99_ms=%.1f "
          "ticks=%u load=%.2f\n",
          leads, watch, elapsed / 1e6, gap.longest / 1e3, gap.longest_own / 1e3,
          percentile (gap.gaps, 99) / 1e3, gap.gaps->len, load);

  gtk_window_destroy (GTK_WINDOW (window));
  spin (200);
  g_array_unref (gap.gaps);
  g_clear_object (&workspace);
  remove_tree (dir);
  return 0;
}

/* ---- what-if ------------------------------------------------------------------------ */

typedef struct
{
  guint  updates;
  gint64 updated_at;
  gint64 painted_at;
} Watch;

static void
updated_cb (LwWhatIfPanel *panel,
            Watch         *watch)
{
  watch->updates++;
  watch->updated_at = g_get_monotonic_time ();
  watch->painted_at = 0;
}

static void
after_paint_cb (GdkFrameClock *clock,
                Watch         *watch)
{
  if (watch->updated_at != 0 && watch->painted_at == 0)
    watch->painted_at = g_get_monotonic_time ();
}

static gboolean
shown (gpointer data)
{
  Watch *watch = data;

  return watch->updates > 0 && watch->painted_at != 0;
}

static int
bench_what_if (guint leads,
               guint edits)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bench-gui-whatif-XXXXXX", &error);
  g_autoptr(LwWorkspace) workspace = NULL;
  g_autoptr(GArray) reruns = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) redraws = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) totals = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) whole = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) cpus = g_array_new (FALSE, FALSE, sizeof (gint64));
  LwSimSettings settings;
  LwSimContext *context;
  GtkWidget *window, *panel;
  Watch watch = { 0, };
  double load = load_average ();
  gint64 first;

  if (dir == NULL || (workspace = new_workspace (dir, &error)) == NULL)
    {
      g_printerr ("bench-gui-gap: %s\n", error->message);
      return 1;
    }
  context = lw_sim_context_get (workspace);
  settings = *lw_sim_context_get_settings (context);
  settings.what_if_leads = leads;
  settings.seed = 7;
  if (!lw_sim_context_set_settings (context, &settings, &error))
    {
      g_printerr ("bench-gui-gap: %s\n", error->message);
      return 1;
    }

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 420, 900);
  panel = lw_what_if_panel_new ();
  gtk_window_set_child (GTK_WINDOW (window), panel);
  gtk_window_present (GTK_WINDOW (window));
  spin (300);
  g_signal_connect (panel, "updated", G_CALLBACK (updated_cb), &watch);
  g_signal_connect (gtk_widget_get_frame_clock (panel), "after-paint", G_CALLBACK (after_paint_cb), &watch);

  lw_what_if_panel_set_workspace (LW_WHAT_IF_PANEL (panel), workspace);
  lw_what_if_panel_set_active (LW_WHAT_IF_PANEL (panel), TRUE);
  iterate_until (shown, &watch);
  first = lw_what_if_panel_get_run_time (LW_WHAT_IF_PANEL (panel));

  for (guint i = 0; i < edits; i++)
    {
      g_autoptr(GPtrArray) diagnostics = lw_diagnostics_new ();
      LwConfig *config = lw_workspace_dup_config (workspace);
      gint64 edited, rerun, redraw, total, cpu;

      config->scoring.mql_total = i % 2 == 0 ? 35 : 40;
      lw_config_bind (config, diagnostics);
      watch.updates = 0;
      watch.updated_at = watch.painted_at = 0;
      edited = g_get_monotonic_time ();
      cpu = cpu_us ();
      lw_workspace_apply (workspace, config, "Benchmark edit");
      iterate_until (shown, &watch);
      cpu = cpu_us () - cpu;
      g_array_append_val (cpus, cpu);

      rerun = lw_what_if_panel_get_run_time (LW_WHAT_IF_PANEL (panel));
      redraw = watch.painted_at - watch.updated_at;
      total = watch.painted_at - edited;
      g_array_append_val (reruns, rerun);
      g_array_append_val (redraws, redraw);
      g_array_append_val (totals, total);
      total = rerun + redraw;
      g_array_append_val (whole, total);
      printf ("  edit %u: re-run %.0f ms, redraw %.1f ms, from the edit %.0f ms; CPU time %.0f ms\n",
              i + 1, rerun / 1e3, redraw / 1e3, (watch.painted_at - edited) / 1e3, cpu / 1e3);
    }

  printf ("What-if on %u leads in memory, %u edits (the first update, both sides, took %.0f ms):\n",
          leads, edits, first / 1e3);
  printf ("  re-run: median %.0f ms (%.0f-%.0f); redraw: median %.1f ms (%.1f-%.1f); re-run and redraw: "
          "median %.0f ms; from the edit, with the 300 ms wait for more: median %.0f ms; load %.2f\n",
          percentile (reruns, 50) / 1e3, percentile (reruns, 0) / 1e3, percentile (reruns, 100) / 1e3,
          percentile (redraws, 50) / 1e3, percentile (redraws, 0) / 1e3, percentile (redraws, 100) / 1e3,
          percentile (whole, 50) / 1e3, percentile (totals, 50) / 1e3, load);
  printf ("  CPU time of the process from an edit to its frame (all threads): median %.0f ms on %d cores\n",
          percentile (cpus, 50) / 1e3, g_get_num_processors ());
  printf ("RESULT mode=whatif leads=%u edits=%u first_ms=%.0f rerun_ms=%.0f redraw_ms=%.1f "
          "rerun_redraw_ms=%.0f from_edit_ms=%.0f cpu_ms=%.0f cores=%d load=%.2f\n",
          leads, edits, first / 1e3, percentile (reruns, 50) / 1e3, percentile (redraws, 50) / 1e3,
          percentile (whole, 50) / 1e3, percentile (totals, 50) / 1e3, percentile (cpus, 50) / 1e3,
          g_get_num_processors (), load);

  gtk_window_destroy (GTK_WINDOW (window));
  spin (200);
  g_clear_object (&workspace);
  remove_tree (dir);
  return 0;
}

int
main (int    argc,
      char **argv)
{
  gint64 leads = 0, edits = 7;
  g_autofree char *watch = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new ("gap|whatif");
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = {
    { "leads", 'n', 0, G_OPTION_ARG_INT64, &leads, "Leads (gap: 1,000,000; whatif: 100,000)", "N" },
    { "edits", 0, 0, G_OPTION_ARG_INT64, &edits, "What-if: edits to time (7)", "N" },
    { "watch", 0, 0, G_OPTION_ARG_STRING, &watch, "Gap: the page in sight, simulate or funnel", "PAGE" },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2 ||
      (g_strcmp0 (argv[1], "gap") != 0 && g_strcmp0 (argv[1], "whatif") != 0) ||
      leads < 0 || leads > 16777216 || edits < 1 || edits > 1000 ||
      (watch != NULL && g_strcmp0 (watch, "simulate") != 0 && g_strcmp0 (watch, "funnel") != 0))
    {
      g_printerr ("usage: bench-gui-gap gap|whatif [--leads N] [--edits N] [--watch simulate|funnel]\n");
      return 2;
    }

  if (!gtk_init_check ())
    {
      g_printerr ("bench-gui-gap: no display (run it under xvfb-run -a)\n");
      return 77;
    }
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  if (g_str_equal (argv[1], "gap"))
    return bench_gap (leads > 0 ? (guint) leads : 1000000, watch != NULL ? watch : "funnel");
  return bench_what_if (leads > 0 ? (guint) leads : 100000, (guint) edits);
}
