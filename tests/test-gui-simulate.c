/* test-gui-simulate.c: the Simulate page, its scenario settings, and the what-if panel
 *
 * Runs go to a workspace file in a private folder, from the page's own
 * actions, while the main loop is watched: a high-priority tick records
 * the longest time between two main-loop iterations, which must stay
 * under 100 ms whatever the run does.
 *
 * With LW_SCREENSHOT_DIR set, /gui/simulate/screenshots saves pictures of
 * the page and the panel there (light and dark); otherwise it is skipped.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "lw-config-json.h"
#include "lw-funnel-page.h"
#include "lw-editor-utils.h"
#include "lw-gui-test-utils.h"
#include "lw-report.h"
#include "lw-scenario-editor.h"
#include "lw-sim-context.h"
#include "lw-sim-settings.h"
#include "lw-simulate-page.h"
#include "lw-store.h"
#include "lw-what-if-panel.h"
#include "lw-what-if.h"
#include "lw-window.h"
#include "lw-workspace.h"
#include "lw-test-utils.h"

#define MAX_GAP_US (100 * 1000)

typedef struct
{
  char        *dir;
  char        *path;
  LwWorkspace *workspace;
  GtkWidget   *window;
  GtkWidget   *page;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->workspace = lw_gui_test_create_sample ("lw-test-simulate", &fixture->dir, &fixture->path);

  fixture->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 900, 700);
  fixture->page = lw_simulate_page_new (fixture->workspace);
  gtk_window_set_child (GTK_WINDOW (fixture->window), fixture->page);
  gtk_window_present (GTK_WINDOW (fixture->window));
  lw_gui_test_settle ();
}

static gboolean
page_idle (gpointer data)
{
  return !lw_simulate_page_is_running (LW_SIMULATE_PAGE (data));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (lw_simulate_page_is_running (LW_SIMULATE_PAGE (fixture->page)))
    {
      gtk_widget_activate_action (fixture->page, "simulate.cancel", NULL);
      lw_gui_test_iterate_until (page_idle, fixture->page, 60000);
    }
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  lw_gui_test_settle ();
  g_clear_object (&fixture->workspace);
  lw_test_remove_tree (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

/* ---- helpers ------------------------------------------------------------------------------- */

static LwScenarioEditor *
editor_of (Fixture *fixture)
{
  return LW_SCENARIO_EDITOR (lw_simulate_page_get_editor (LW_SIMULATE_PAGE (fixture->page)));
}

/* Opens the scenario's settings, as a click on the summary does. */
static void
open_settings (GtkWidget *page)
{
  GtkWidget *editor = lw_simulate_page_get_editor (LW_SIMULATE_PAGE (page));
  GtkRevealer *revealer = GTK_REVEALER (gtk_widget_get_ancestor (editor, GTK_TYPE_REVEALER));

  if (!gtk_revealer_get_reveal_child (revealer))
    lw_gui_test_activate (page, "simulate.toggle-settings");
  g_assert_true (gtk_revealer_get_reveal_child (revealer));
}

/* The spin button of the editor's row for @path, on screen: the settings
 * open, and the expander rows around it. */
static GtkWidget *
spin_at (Fixture    *fixture,
         const char *path)
{
  GtkWidget *row = lw_scenario_editor_find_row (editor_of (fixture), path);

  g_assert_nonnull (row);
  open_settings (fixture->page);
  lw_scenario_editor_reveal (editor_of (fixture), path);
  lw_gui_test_settle ();
  return lw_gui_test_child_of_type (row, GTK_TYPE_SPIN_BUTTON);
}

static void
set_scenario (Fixture *fixture,
              guint    leads,
              guint    days,
              guint    seed)
{
  lw_gui_test_set_spin (spin_at (fixture, "$.leads"), leads);
  lw_gui_test_set_spin (spin_at (fixture, "$.days"), days);
  lw_gui_test_set_spin (spin_at (fixture, "$.seed"), seed);
}

/* The main loop's gaps, as a high-priority tick sees them. Two figures:
 * the wall-clock time between two ticks, and the same less the time the
 * kernel kept the main thread waiting for a CPU meanwhile (run_delay in
 * /proc/thread-self/schedstat): on a machine whose two cores are shared
 * with other builds, that wait alone can pass 100 ms, while what the
 * application itself does (its work and any blocking wait) is the rest. */
typedef struct
{
  gint64   last;
  gint64   last_delay;
  gint64   longest;         /* wall clock */
  gint64   longest_own;     /* less the run-queue wait */
  guint    ticks;
} Gap;

/* Nanoseconds the calling thread waited for a CPU so far; -1 unknown. */
static gint64
run_delay_ns (void)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) fields = NULL;

  if (!g_file_get_contents ("/proc/thread-self/schedstat", &text, NULL, NULL))
    return -1;
  fields = g_strsplit (g_strstrip (text), " ", -1);
  if (g_strv_length (fields) < 2)
    return -1;
  return g_ascii_strtoll (fields[1], NULL, 10);
}

static gboolean
gap_tick_cb (gpointer data)
{
  Gap *gap = data;
  gint64 now = g_get_monotonic_time ();
  gint64 delay = run_delay_ns ();

  if (gap->last != 0)
    {
      gint64 wall = now - gap->last;
      gint64 waited = delay >= 0 && gap->last_delay >= 0 ? (delay - gap->last_delay) / 1000 : 0;

      gap->longest = MAX (gap->longest, wall);
      gap->longest_own = MAX (gap->longest_own, wall - waited);
    }
  gap->last = now;
  gap->last_delay = delay;
  gap->ticks++;
  return G_SOURCE_CONTINUE;
}

typedef struct
{
  guint    progress;     /* run-progress, not finished */
  guint    finished;     /* run-progress, finished */
  gint64   run;
  gint64   first;        /* monotonic time of the first progress */
  gint64   last;
} Told;

static void
run_progress_cb (LwWorkspace *workspace,
                 gint64       run,
                 gboolean     finished,
                 Told        *told)
{
  gint64 now = g_get_monotonic_time ();

  told->run = run;
  if (finished)
    {
      told->finished++;
      return;
    }
  if (told->progress == 0)
    told->first = now;
  told->last = now;
  told->progress++;
}

static LwStore *
open_store (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  LwStore *store = lw_store_open (fixture->path, &error);

  g_assert_no_error (error);
  return store;
}

static LwRunInfo *
latest_run (LwStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) runs = lw_store_list_runs (store, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (runs->len, >, 0);
  return g_ptr_array_steal_index (runs, 0);
}

static LwFunnel *
funnel_of (LwStore *store,
           gint64   run)
{
  LwStoreFilter filter = LW_STORE_FILTER_INIT;
  g_autoptr(GError) error = NULL;
  LwFunnel *funnel;

  filter.run = run;
  funnel = lw_store_query_funnel (store, &filter, &error);
  g_assert_no_error (error);
  return funnel;
}

static void
run_to_end (Fixture *fixture)
{
  gtk_widget_activate_action (fixture->page, "simulate.run", NULL);
  g_assert_true (lw_simulate_page_is_running (LW_SIMULATE_PAGE (fixture->page)));
  lw_gui_test_iterate_until (page_idle, fixture->page, 280000);
}

/* ---- runs ---------------------------------------------------------------------------------- */

/* 200,000 leads into the workspace file from the page, in sight all
 * along: the main loop never stops for 100 ms, the views are told of the
 * run's progress at most ten times a second and once at the end, and the
 * run is all there. (bench/bench-gui-gap measures the same with the
 * Funnel page following a run of a million.) */
static void
test_main_loop_gap (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(LwStore) store = NULL;
  g_autoptr(LwRunInfo) run = NULL;
  g_autoptr(LwFunnel) funnel = NULL;
  Gap gap = { 0, };
  Told told = { 0, };
  guint tick;
  gint64 begun, elapsed;

  set_scenario (fixture, 200000, 30, 3);
  g_signal_connect (fixture->workspace, "run-progress", G_CALLBACK (run_progress_cb), &told);
  tick = g_timeout_add_full (G_PRIORITY_HIGH, 5, gap_tick_cb, &gap, NULL);

  begun = g_get_monotonic_time ();
  run_to_end (fixture);
  elapsed = g_get_monotonic_time () - begun;
  g_source_remove (tick);
  g_signal_handlers_disconnect_by_data (fixture->workspace, &told);

  g_test_message ("200,000 leads in %.1f s; longest main-loop gap %.1f ms, %.1f ms less the "
                  "wait for a CPU, over %u ticks; %u progress signals", elapsed / 1e6,
                  gap.longest / 1e3, gap.longest_own / 1e3, gap.ticks, told.progress);
  g_assert_cmpint (gap.longest_own, <, MAX_GAP_US);
  g_assert_cmpuint (gap.ticks, >, 10);

  /* The views heard of the run while it went, not more than ten times a
   * second, and once that it ended. */
  g_assert_cmpuint (told.progress, >=, 1);
  if (told.progress > 1)
    g_assert_cmpuint (told.progress - 1, <=, (told.last - told.first) / 100000 + 1);
  g_assert_cmpuint (told.finished, ==, 1);

  store = open_store (fixture);
  run = latest_run (store);
  g_assert_cmpint (told.run, ==, run->id);
  g_assert_cmpint (run->status, ==, LW_RUN_FINISHED);
  g_assert_cmpuint (run->leads, ==, 200000);
  g_assert_cmpuint (run->seed, ==, 3);
  funnel = funnel_of (store, run->id);
  g_assert_cmpuint (funnel->leads, ==, 200000);
}

static void
updated_cb (gpointer  instance,
            gboolean *flag)
{
  *flag = TRUE;
}

static gboolean
flag_set (gpointer data)
{
  return *(gboolean *) data;
}

/* A small run from the page, then the Funnel page: its figures are the
 * engine's report of that run, and the simulation's own summary of the
 * same leads. */
static void
test_run_then_funnel (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(LwStore) store = NULL;
  g_autoptr(LwRunInfo) run = NULL;
  g_autoptr(LwFunnel) report = NULL;
  g_autoptr(LwSimulation) simulation = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *shown_text = NULL;
  g_autofree char *report_text = NULL;
  LwSimOptions options = LW_SIM_OPTIONS_INIT;
  LwSimContext *context = lw_sim_context_get (fixture->workspace);
  const LwSimSummary *summary;
  const LwFunnel *shown;
  GtkWidget *funnel_window, *funnel_page;
  gboolean updated = FALSE;

  set_scenario (fixture, 3000, 14, 9);
  run_to_end (fixture);

  store = open_store (fixture);
  run = latest_run (store);
  g_assert_cmpint (run->status, ==, LW_RUN_FINISHED);
  g_assert_cmpuint (run->leads, ==, 3000);
  g_assert_cmpuint (run->days, ==, 14);
  /* The run keeps the scenario it ran. */
  g_assert_true (g_str_equal (run->scenario, lw_sim_context_get_scenario_json (context)));

  /* The Funnel page, in a window of its own. */
  funnel_window = gtk_window_new ();
  funnel_page = lw_funnel_page_new (fixture->workspace);
  gtk_window_set_child (GTK_WINDOW (funnel_window), funnel_page);
  gtk_window_present (GTK_WINDOW (funnel_window));
  g_signal_connect (funnel_page, "updated", G_CALLBACK (updated_cb), &updated);
  lw_funnel_page_refresh (LW_FUNNEL_PAGE (funnel_page));
  lw_gui_test_iterate_until (flag_set, &updated, 60000);

  shown = lw_funnel_page_get_funnel (LW_FUNNEL_PAGE (funnel_page));
  g_assert_nonnull (shown);
  g_assert_cmpint (shown->run, ==, run->id);
  report = funnel_of (store, run->id);
  shown_text = lw_funnel_format (shown);
  report_text = lw_funnel_format (report);
  g_assert_cmpstr (shown_text, ==, report_text);
  g_assert_cmpuint (shown->leads, ==, 3000);

  /* The same rules, scenario and seed in memory count the same funnel. */
  options.leads = 3000;
  options.days = 14;
  options.seed = 9;
  simulation = lw_simulation_new (lw_workspace_get_config (fixture->workspace),
                                  lw_sim_context_get_scenario (context), &options, &error);
  g_assert_no_error (error);
  g_assert_true (lw_simulation_run (simulation, NULL, NULL, NULL, NULL, &error));
  summary = lw_simulation_get_summary (simulation);
  g_assert_cmpuint (shown->stages->len, ==, summary->n_stages);
  for (guint i = 0; i + 1 < shown->stages->len; i++)
    g_assert_cmpuint (g_array_index (shown->stages, LwFunnelStage, i).reached, ==,
                      summary->stages[i].reached);

  gtk_window_destroy (GTK_WINDOW (funnel_window));
}

static gboolean
has_rows (gpointer data)
{
  Told *told = data;

  return told->progress > 0;
}

/* Cancelled halfway, the run is marked cancelled and holds the leads it
 * made, countable; the file is sound and the next run works. */
static void
test_cancel_consistent (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(LwStore) store = NULL;
  g_autoptr(LwRunInfo) cancelled = NULL;
  g_autoptr(LwRunInfo) next = NULL;
  g_autoptr(LwFunnel) funnel = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  Told told = { 0, };

  set_scenario (fixture, 1000000, 60, 1);
  g_signal_connect (fixture->workspace, "run-progress", G_CALLBACK (run_progress_cb), &told);
  gtk_widget_activate_action (fixture->page, "simulate.run", NULL);
  /* Some of its leads are in the store. */
  lw_gui_test_iterate_until (has_rows, &told, 120000);
  gtk_widget_activate_action (fixture->page, "simulate.cancel", NULL);
  lw_gui_test_iterate_until (page_idle, fixture->page, 60000);
  g_signal_handlers_disconnect_by_data (fixture->workspace, &told);
  g_assert_cmpuint (told.finished, ==, 1);

  store = open_store (fixture);
  cancelled = latest_run (store);
  g_assert_cmpint (cancelled->id, ==, told.run);
  g_assert_cmpint (cancelled->status, ==, LW_RUN_CANCELLED);
  g_assert_cmpint (cancelled->finished_at, >, 0);
  funnel = funnel_of (store, cancelled->id);
  ids = lw_store_list_lead_ids (store, cancelled->id, NULL, LW_LEAD_COLUMN_ID, FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (funnel->leads, >, 0);
  g_assert_cmpuint (funnel->leads, <, 1000000);
  g_assert_cmpuint (ids->len, ==, funnel->leads);
  /* Ids 1..n: no lead lost in between. */
  g_assert_cmpuint (g_array_index (ids, guint32, 0), ==, 1);
  g_assert_cmpuint (g_array_index (ids, guint32, ids->len - 1), ==, ids->len);
  g_assert_true (lw_store_check_integrity (store, &error));
  g_assert_no_error (error);

  /* And the next run works. */
  set_scenario (fixture, 500, 5, 2);
  run_to_end (fixture);
  next = latest_run (store);
  g_assert_cmpint (next->id, >, cancelled->id);
  g_assert_cmpint (next->status, ==, LW_RUN_FINISHED);
  g_clear_pointer (&funnel, lw_funnel_free);
  funnel = funnel_of (store, next->id);
  g_assert_cmpuint (funnel->leads, ==, 500);
}

static gboolean
page_paused (gpointer data)
{
  return lw_simulate_page_is_paused (LW_SIMULATE_PAGE (data));
}

typedef struct
{
  GtkWidget *page;
  guint      above;
} Beyond;

static gboolean
progress_beyond (gpointer data)
{
  Beyond *beyond = data;
  guint done = 0;

  if (!lw_simulate_page_get_progress (LW_SIMULATE_PAGE (beyond->page), &done, NULL, NULL))
    return TRUE;
  return done > beyond->above;
}

/* Paused, a run stops where it is, with every lead it made in the store;
 * resumed, it goes on to the end. */
static void
test_pause_resume (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(LwStore) store = NULL;
  g_autoptr(LwFunnel) at_pause = NULL;
  g_autoptr(LwFunnel) at_end = NULL;
  g_autoptr(LwRunInfo) run = NULL;
  Beyond beyond = { fixture->page, 0 };
  guint done = 0, total = 0, later = 0;
  gint64 run_id = 0;

  set_scenario (fixture, 150000, 30, 4);
  gtk_widget_activate_action (fixture->page, "simulate.run", NULL);
  lw_gui_test_iterate_until (progress_beyond, &beyond, 120000);

  gtk_widget_activate_action (fixture->page, "simulate.pause", NULL);
  lw_gui_test_iterate_until (page_paused, fixture->page, 60000);
  g_assert_true (lw_simulate_page_get_progress (LW_SIMULATE_PAGE (fixture->page), &done, &total, &run_id));
  g_assert_cmpuint (total, ==, 150000);
  g_assert_cmpuint (done, >, 0);
  g_assert_cmpuint (done, <, total);
  g_assert_cmpint (run_id, >, 0);
  g_assert_nonnull (lw_gui_test_find_button (fixture->page, "Resume"));

  /* It stays where it is. */
  lw_gui_test_spin (400);
  g_assert_true (lw_simulate_page_is_paused (LW_SIMULATE_PAGE (fixture->page)));
  g_assert_true (lw_simulate_page_get_progress (LW_SIMULATE_PAGE (fixture->page), &later, NULL, NULL));
  g_assert_cmpuint (later, ==, done);

  /* Every lead made so far is in the store, for the views to show. */
  store = open_store (fixture);
  at_pause = funnel_of (store, run_id);
  g_assert_cmpuint (at_pause->leads, ==, done);

  gtk_widget_activate_action (fixture->page, "simulate.resume", NULL);
  beyond.above = done;
  lw_gui_test_iterate_until (progress_beyond, &beyond, 60000);
  g_assert_false (lw_simulate_page_is_paused (LW_SIMULATE_PAGE (fixture->page)));
  lw_gui_test_iterate_until (page_idle, fixture->page, 280000);

  run = latest_run (store);
  g_assert_cmpint (run->id, ==, run_id);
  g_assert_cmpint (run->status, ==, LW_RUN_FINISHED);
  at_end = funnel_of (store, run_id);
  g_assert_cmpuint (at_end->leads, ==, 150000);
}

/* ---- scenario settings ------------------------------------------------------------------------ */

static gboolean
run_enabled (Fixture *fixture)
{
  GtkWidget *button = lw_gui_test_button (fixture->page, "Run Simulation");

  return gtk_widget_is_sensitive (button);
}

/* The settings are the scenario: a change reaches the workspace file at
 * once, a wrong value shows at its row and stops runs until it is fixed. */
static void
test_scenario_settings (Fixture       *fixture,
                        gconstpointer  data)
{
  LwSimContext *context = lw_sim_context_get (fixture->workspace);
  LwScenarioEditor *editor = editor_of (fixture);
  g_autoptr(LwStore) store = NULL;
  g_autoptr(LwScenario) kept = NULL;
  g_autoptr(LwWorkspace) reopened = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *summary, *row, *entry;
  const LwResponseOverride *dana = NULL;
  const char *problem;

  /* Calm: a summary, the settings closed under it. */
  summary = lw_gui_test_row (fixture->page, "3,000 leads over 30 days from 7 entry points");
  g_assert_nonnull (summary);
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (editor)));
  g_assert_true (gtk_widget_activate (summary));
  lw_gui_test_settle ();
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (editor)));
  g_assert_true (run_enabled (fixture));

  /* Leads, a share, a mix weight and one rep's time: kept at once. */
  lw_gui_test_set_spin (spin_at (fixture, "$.leads"), 1234);
  lw_gui_test_set_spin (spin_at (fixture, "$.entryPoints[0].share"), 42);
  lw_gui_test_set_spin (spin_at (fixture, "$.properties.region.weights.EMEA"), 70);
  lw_gui_test_set_spin (spin_at (fixture, "$.reps.reps.dana"), 90);
  g_assert_nonnull (lw_gui_test_find_row (fixture->page, "1,234 leads over 30 days from 7 entry points"));

  store = open_store (fixture);
  kept = lw_sim_scenario_load (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (kept->leads, ==, 1234);
  g_assert_cmpfloat (((LwEntryPoint *) g_ptr_array_index (kept->entry_points, 0))->share, ==, 42);
  for (guint i = 0; i < kept->reps.reps->len; i++)
    if (g_strcmp0 (((LwResponseOverride *) g_ptr_array_index (kept->reps.reps, i))->id, "dana") == 0)
      dana = g_ptr_array_index (kept->reps.reps, i);
  g_assert_nonnull (dana);
  g_assert_cmpfloat (dana->minutes.a, ==, 90);
  g_assert_cmpint (dana->minutes.kind, ==, LW_NUMBER_LOGNORMAL);

  /* A wrong time zone: the message at its row, no run until it is fixed. */
  row = lw_scenario_editor_find_row (editor, "$.timeZone");
  entry = lw_gui_test_child_of_type (row, GTK_TYPE_ENTRY);
  gtk_editable_set_text (GTK_EDITABLE (entry), "Mars/Olympus_Mons");
  lw_gui_test_settle ();
  g_assert_true (gtk_widget_has_css_class (row, "lw-invalid"));
  problem = adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
  g_assert_nonnull (strstr (problem, "Mars/Olympus_Mons"));
  g_assert_false (run_enabled (fixture));
  g_assert_cmpuint (lw_sim_context_get_problems (context)->len, ==, 1);
  g_assert_cmpstr (((LwDiagnostic *) g_ptr_array_index (lw_sim_context_get_problems (context), 0))->path,
                   ==, "$.timeZone");
  /* It is listed under the summary too, capitalized as a title. */
  {
    g_autofree char *title = lw_editor_dup_capitalized (problem);

    g_assert_nonnull (lw_gui_test_find_row (fixture->page, title));
  }
  /* Not kept: the file still has the last good scenario. */
  g_clear_pointer (&kept, lw_scenario_unref);
  kept = lw_sim_scenario_load (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kept->time_zone, ==, "America/New_York");

  gtk_editable_set_text (GTK_EDITABLE (entry), "Europe/Berlin");
  lw_gui_test_settle ();
  g_assert_false (gtk_widget_has_css_class (row, "lw-invalid"));
  g_assert_true (run_enabled (fixture));
  g_assert_cmpuint (lw_sim_context_get_problems (context)->len, ==, 0);

  /* Every weight of a mix at 0: the mix says so, closed or open. */
  {
    LwScenario *draft = lw_sim_context_get_draft (context);
    GtkWidget *mix = lw_scenario_editor_find_row (editor, "$.properties.region");
    LwPropertyDist *region = NULL;

    for (guint i = 0; i < draft->properties->len; i++)
      if (g_strcmp0 (((LwPropertyDist *) g_ptr_array_index (draft->properties, i))->property, "region") == 0)
        region = g_ptr_array_index (draft->properties, i);
    g_assert_nonnull (region);
    for (guint i = 0; i < region->weights->len; i++)
      {
        g_autofree char *path = g_strdup_printf ("$.properties.region.weights.%s",
                                                 ((LwWeight *) g_ptr_array_index (region->weights, i))->value);

        lw_gui_test_set_spin (spin_at (fixture, path), 0);
      }
    g_assert_true (ADW_IS_EXPANDER_ROW (mix));
    g_assert_true (gtk_widget_has_css_class (mix, "lw-invalid"));
    g_assert_nonnull (strstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (mix)), "add up to 0"));
    g_assert_false (run_enabled (fixture));
    lw_gui_test_set_spin (spin_at (fixture, "$.properties.region.weights.NA"), 1);
    g_assert_false (gtk_widget_has_css_class (mix, "lw-invalid"));
    g_assert_true (run_enabled (fixture));
  }

  /* Kept across a restart: a workspace opened anew on the file. */
  reopened = lw_workspace_open (fixture->path, 1700000000, &error);
  g_assert_no_error (error);
  {
    LwScenario *scenario = lw_sim_context_get_scenario (lw_sim_context_get (reopened));

    g_assert_cmpuint (scenario->leads, ==, 1234);
    g_assert_cmpstr (scenario->time_zone, ==, "Europe/Berlin");
    g_assert_cmpuint (lw_sim_context_get_settings (lw_sim_context_get (reopened))->seed, ==, 1);
  }
}

static void
exported_cb (LwSimulatePage *page,
             GFile          *file,
             gboolean       *flag)
{
  *flag = TRUE;
}

static gboolean
dialog_shows (gpointer data)
{
  return lw_gui_test_find_dialog () != NULL;
}

typedef struct
{
  LwSimContext *context;
  guint         replaced;
} Replaced;

static void
replaced_cb (LwSimContext *context,
             Replaced     *replaced)
{
  replaced->replaced++;
}

static gboolean
was_replaced (gpointer data)
{
  return ((Replaced *) data)->replaced > 0;
}

/* Export writes the scenario as it is kept; a file that does not load
 * changes nothing and says where it is wrong; one that loads but does not
 * fit the rules is taken, with the misfit at its row. */
static void
test_import_export (Fixture       *fixture,
                    gconstpointer  data)
{
  LwSimContext *context = lw_sim_context_get (fixture->workspace);
  LwScenarioEditor *editor = editor_of (fixture);
  g_autofree char *exported = g_build_filename (fixture->dir, "out.json", NULL);
  g_autofree char *bad = g_build_filename (fixture->dir, "bad.json", NULL);
  g_autofree char *misfit = g_build_filename (fixture->dir, "misfit.json", NULL);
  g_autoptr(GFile) exported_file = g_file_new_for_path (exported);
  g_autoptr(GFile) bad_file = g_file_new_for_path (bad);
  g_autoptr(GFile) misfit_file = g_file_new_for_path (misfit);
  g_autoptr(LwScenario) read = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *before = NULL;
  g_autofree char *misfit_text = NULL;
  Replaced replaced = { context, 0 };
  gboolean written = FALSE;
  AdwMessageDialog *dialog;
  GtkWidget *row;

  lw_gui_test_set_spin (spin_at (fixture, "$.days"), 21);
  g_signal_connect (fixture->page, "scenario-exported", G_CALLBACK (exported_cb), &written);
  lw_simulate_page_export_scenario (LW_SIMULATE_PAGE (fixture->page), exported_file);
  lw_gui_test_iterate_until (flag_set, &written, 10000);
  g_assert_true (g_file_get_contents (exported, &text, NULL, NULL));
  g_assert_true (g_str_equal (text, lw_sim_context_get_scenario_json (context)));
  read = lw_scenario_load_file (exported, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (read->days, ==, 21);

  /* Malformed: a dialog with the located error, nothing changed. */
  before = g_strdup (lw_sim_context_get_scenario_json (context));
  g_assert_true (g_file_set_contents (bad, "{\"format\": \"leadwright-scenario\", \"version\": 1,\n"
                                           " \"leads\": \"many\"}\n", -1, NULL));
  g_signal_connect (context, "draft-replaced", G_CALLBACK (replaced_cb), &replaced);
  lw_simulate_page_import_scenario (LW_SIMULATE_PAGE (fixture->page), bad_file);
  lw_gui_test_iterate_until (dialog_shows, NULL, 10000);
  dialog = lw_gui_test_find_dialog ();
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "bad.json:2:"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "$.leads"));
  lw_gui_test_respond ("close");
  g_assert_cmpuint (replaced.replaced, ==, 0);
  g_assert_true (g_str_equal (lw_sim_context_get_scenario_json (context), before));

  /* Loads, but gives a rep the rules do not have a response time. */
  misfit_text = g_strdup (text);
  {
    char *at = strstr (misfit_text, "\"dana\": {");

    g_assert_nonnull (at);
    memcpy (at, "\"zed!\"", strlen ("\"zed!\""));
  }
  g_assert_true (g_file_set_contents (misfit, misfit_text, -1, NULL));
  lw_simulate_page_import_scenario (LW_SIMULATE_PAGE (fixture->page), misfit_file);
  lw_gui_test_iterate_until (was_replaced, &replaced, 10000);
  lw_gui_test_settle ();
  g_signal_handlers_disconnect_by_data (context, &replaced);
  g_assert_null (lw_gui_test_find_dialog ());
  row = lw_scenario_editor_find_row (editor, "$.reps.reps[\"zed!\"]");
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_has_css_class (row, "lw-invalid"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "zed!"));
  /* Shown with the settings open on it, and listed under the summary. */
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (editor)));
  g_assert_false (run_enabled (fixture));
  /* The last good scenario is still the one kept. */
  g_assert_true (g_str_equal (lw_sim_context_get_scenario_json (context), before));

  /* Taking that time away fixes it. */
  lw_scenario_editor_reveal (editor, "$.reps.reps[\"zed!\"]");
  lw_gui_test_settle ();
  lw_gui_test_click (lw_gui_test_button (row, "Use the usual time"));
  g_assert_true (run_enabled (fixture));
  g_assert_cmpuint (lw_sim_context_get_problems (context)->len, ==, 0);
  g_assert_null (strstr (lw_sim_context_get_scenario_json (context), "zed!"));
  g_assert_null (strstr (lw_sim_context_get_scenario_json (context), "\"dana\""));
}

/* ---- what-if ---------------------------------------------------------------------------------- */

typedef struct
{
  guint updates;
} Updates;

static void
count_update_cb (LwWhatIfPanel *panel,
                 Updates       *updates)
{
  updates->updates++;
}

static gboolean
updated_once_more (gpointer data)
{
  Updates *updates = data;

  return updates->updates > 0;
}

static const LwWhatIfFigure *
figure (LwWhatIfPanel *panel,
        const char    *key)
{
  GPtrArray *figures = lw_what_if_panel_get_figures (panel);

  for (guint i = 0; figures != NULL && i < figures->len; i++)
    if (g_strcmp0 (((LwWhatIfFigure *) g_ptr_array_index (figures, i))->key, key) == 0)
      return g_ptr_array_index (figures, i);
  g_assert_not_reached ();
  return NULL;
}

/* The page and, beside it, a box for a what-if panel. */
static GtkWidget *
panel_host (Fixture *fixture)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  g_object_ref (fixture->page);
  gtk_window_set_child (GTK_WINDOW (fixture->window), NULL);
  gtk_box_append (GTK_BOX (box), fixture->page);
  g_object_unref (fixture->page);
  gtk_window_set_child (GTK_WINDOW (fixture->window), box);
  return box;
}

static void
apply_no_routing_rules (LwWorkspace *workspace)
{
  g_autoptr(GPtrArray) diagnostics = lw_diagnostics_new ();
  LwConfig *config = lw_workspace_dup_config (workspace);

  g_ptr_array_set_size (config->rules, 0);
  lw_config_bind (config, diagnostics);
  lw_workspace_apply (workspace, config, "Remove every routing rule");
}

/* An edit re-runs the scenario in memory and shows it against the
 * baseline; edits close together make one re-run; a hidden panel does no
 * work until it shows; "Use Current" makes the rules now the baseline. */
static void
test_what_if (Fixture       *fixture,
              gconstpointer  data)
{
  LwSimContext *context = lw_sim_context_get (fixture->workspace);
  LwSimSettings settings = *lw_sim_context_get_settings (context);
  LwWhatIfPanel *panel = LW_WHAT_IF_PANEL (lw_what_if_panel_new ());
  Updates updates = { 0 };
  const LwWhatIfFigure *fallback, *mql;
  g_autoptr(GError) error = NULL;
  GPtrArray *figures;

  settings.what_if_leads = 10000;
  g_assert_true (lw_sim_context_set_settings (context, &settings, &error));
  gtk_box_append (GTK_BOX (panel_host (fixture)), GTK_WIDGET (panel));
  lw_what_if_panel_set_workspace (panel, fixture->workspace);
  g_signal_connect (panel, "updated", G_CALLBACK (count_update_cb), &updates);

  /* Not shown: nothing runs. */
  lw_gui_test_spin (500);
  g_assert_cmpuint (updates.updates, ==, 0);
  g_assert_null (lw_what_if_panel_get_after (panel));

  /* Shown: the rules against themselves. */
  lw_what_if_panel_set_active (panel, TRUE);
  lw_gui_test_iterate_until (updated_once_more, &updates, 60000);
  g_assert_cmpuint (lw_what_if_panel_get_after (panel)->summary.leads, ==, 10000);
  figures = lw_what_if_panel_get_figures (panel);
  g_assert_cmpuint (figures->len, ==, 3 + lw_workspace_get_config (fixture->workspace)->policies->len);
  for (guint i = 0; i < figures->len; i++)
    {
      const LwWhatIfFigure *f = g_ptr_array_index (figures, i);

      g_assert_true (f->before == f->after || (isnan (f->before) && isnan (f->after)));
    }
  g_assert_nonnull (lw_gui_test_find_row (GTK_WIDGET (panel), "MQL rate"));

  /* An edit: every routed lead at the fallback owner after it. */
  updates.updates = 0;
  apply_no_routing_rules (fixture->workspace);
  g_assert_true (lw_what_if_panel_is_busy (panel));
  lw_gui_test_iterate_until (updated_once_more, &updates, 60000);
  fallback = figure (panel, "fallback_share");
  g_assert_cmpfloat (fallback->after, ==, 100.0);
  g_assert_cmpfloat (fallback->before, <, 100.0);
  mql = figure (panel, "mql_rate");
  g_assert_cmpfloat (mql->before, ==, mql->after);
  g_assert_cmpint (lw_what_if_panel_get_latency (panel), >, 0);
  g_assert_true (lw_what_if_panel_get_after (panel)->config == lw_workspace_get_config (fixture->workspace));

  /* Three edits in a row (undo, redo, undo): one re-run, of the last. */
  updates.updates = 0;
  g_assert_true (lw_workspace_undo (fixture->workspace));
  g_assert_true (lw_workspace_redo (fixture->workspace));
  g_assert_true (lw_workspace_undo (fixture->workspace));
  lw_gui_test_iterate_until (updated_once_more, &updates, 60000);
  lw_gui_test_spin (700);
  g_assert_cmpuint (updates.updates, ==, 1);
  fallback = figure (panel, "fallback_share");
  g_assert_cmpfloat (fallback->after, ==, fallback->before);

  /* Hidden, an edit waits; shown again, it runs. */
  lw_what_if_panel_set_active (panel, FALSE);
  updates.updates = 0;
  g_assert_true (lw_workspace_redo (fixture->workspace));
  lw_gui_test_spin (700);
  g_assert_cmpuint (updates.updates, ==, 0);
  g_assert_false (lw_what_if_panel_is_busy (panel));
  lw_what_if_panel_set_active (panel, TRUE);
  lw_gui_test_iterate_until (updated_once_more, &updates, 60000);
  g_assert_cmpfloat (figure (panel, "fallback_share")->after, ==, 100.0);

  /* The rules now as the baseline: no difference left, and no re-run. */
  updates.updates = 0;
  gtk_widget_activate_action (GTK_WIDGET (panel), "what-if.use-current", NULL);
  g_assert_cmpuint (updates.updates, ==, 1);
  g_assert_true (lw_what_if_panel_get_before (panel) == lw_what_if_panel_get_after (panel));
  g_assert_cmpfloat (figure (panel, "fallback_share")->before, ==, 100.0);

  /* Another size: both sides run again, at that size. */
  updates.updates = 0;
  settings.what_if_leads = 20000;
  g_assert_true (lw_sim_context_set_settings (context, &settings, &error));
  lw_gui_test_iterate_until (updated_once_more, &updates, 60000);
  g_assert_cmpuint (lw_what_if_panel_get_before (panel)->summary.leads, ==, 20000);
  g_assert_cmpuint (lw_what_if_panel_get_after (panel)->summary.leads, ==, 20000);
}

/* "Revision 1, saved 14 Nov 22:13", as the local clock shows @time. */
static const char *
saved_subtitle (int    id,
                gint64 time)
{
  static char text[64];
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (time);
  g_autofree char *shown = g_date_time_format (when, "%e %b %H:%M");

  g_snprintf (text, sizeof text, "Revision %d, saved %s", id, g_strstrip (shown));
  return text;
}

/* The figure @key of @before against @after, as lw_what_if_compare() has it. */
static double
expected_before (const LwWhatIfSide *before,
                 const LwWhatIfSide *after,
                 const char         *key)
{
  g_autoptr(GPtrArray) figures = lw_what_if_compare (before, after);

  for (guint i = 0; i < figures->len; i++)
    if (g_strcmp0 (((LwWhatIfFigure *) g_ptr_array_index (figures, i))->key, key) == 0)
      return ((LwWhatIfFigure *) g_ptr_array_index (figures, i))->before;
  g_assert_not_reached ();
  return NAN;
}

/* The baseline row: the latest revision saved (re-read at each re-run),
 * the rules when the panel opened, or pinned; the choice is kept in the
 * settings. The before side of "Last revision" is the very run of the
 * revision's rules on the same leads. */
static void
test_what_if_baseline (Fixture       *fixture,
                       gconstpointer  data)
{
  LwSimContext *context = lw_sim_context_get (fixture->workspace);
  LwSimSettings settings = *lw_sim_context_get_settings (context);
  g_autoptr(GSettings) gsettings = g_settings_new ("io.github.leadwright.Leadwright");
  LwWhatIfPanel *panel;
  g_autoptr(LwWhatIfSide) revision_side = NULL;
  g_autoptr(LwConfig) revision_config = NULL;
  g_autofree char *sample = g_build_filename (g_getenv ("LW_SAMPLES_DIR"), "b2b-playbook.json", NULL);
  Updates updates = { 0 };
  LwSimOptions options = { 0 };
  g_autoptr(GError) error = NULL;
  GtkWidget *row;
  const LwWhatIfFigure *fallback, *mql;
  double revision_fallback;

  settings.what_if_leads = 10000;
  g_assert_true (lw_sim_context_set_settings (context, &settings, &error));
  /* A panel starts on the choice kept (the other tests may pin). */
  g_settings_set_string (gsettings, "what-if-baseline", "opened");
  panel = LW_WHAT_IF_PANEL (lw_what_if_panel_new ());

  /* The run of revision 1 (the sample) on the panel's leads. */
  revision_config = lw_config_load_file (sample, NULL, &error);
  g_assert_no_error (error);
  options.leads = 10000;
  options.seed = settings.seed;
  revision_side = lw_what_if_simulate (revision_config, lw_sim_context_get_scenario (context), &options,
                                       NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  /* Edited before the panel opens: no routing rule, every routed lead at
   * the fallback owner. */
  apply_no_routing_rules (fixture->workspace);
  gtk_box_append (GTK_BOX (panel_host (fixture)), GTK_WIDGET (panel));
  lw_what_if_panel_set_workspace (panel, fixture->workspace);
  g_signal_connect (panel, "updated", G_CALLBACK (count_update_cb), &updates);
  row = lw_gui_test_row (GTK_WIDGET (panel), "_Baseline");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, 1);

  /* When opened: the rules now against themselves. */
  lw_what_if_panel_set_active (panel, TRUE);
  lw_gui_test_iterate_until (updated_once_more, &updates, 60000);
  fallback = figure (panel, "fallback_share");
  g_assert_cmpfloat (fallback->after, ==, 100.0);
  g_assert_cmpfloat (fallback->before, ==, 100.0);

  /* The last revision: the sample's routing rules, on the same leads. */
  updates.updates = 0;
  lw_gui_test_choose (row, "Last revision");
  {
    g_autofree char *kept = g_settings_get_string (gsettings, "what-if-baseline");

    g_assert_cmpstr (kept, ==, "saved");
  }
  lw_gui_test_iterate_until (updated_once_more, &updates, 60000);
  revision_fallback = expected_before (revision_side, lw_what_if_panel_get_after (panel), "fallback_share");
  g_assert_cmpfloat (revision_fallback, <, 100.0);
  g_assert_cmpfloat (revision_fallback, >, 0.0);
  fallback = figure (panel, "fallback_share");
  g_assert_cmpfloat (fallback->before, ==, revision_fallback);
  g_assert_cmpfloat (fallback->after, ==, 100.0);
  mql = figure (panel, "mql_rate");
  g_assert_cmpfloat (mql->before, ==, expected_before (revision_side, lw_what_if_panel_get_after (panel),
                                                       "mql_rate"));
  g_assert_cmpuint (lw_what_if_panel_get_before (panel)->summary.leads, ==, 10000);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                   saved_subtitle (1, 1700000000));

  /* A revision saved with the rules now: the panel runs again at once,
   * without an edit, on the new revision, which has no routing rules
   * either. */
  updates.updates = 0;
  g_assert_cmpint (lw_workspace_save_revision (fixture->workspace, "No rules", 1700100000, &error), ==, 2);
  g_assert_no_error (error);
  lw_gui_test_iterate_until (updated_once_more, &updates, 60000);
  fallback = figure (panel, "fallback_share");
  g_assert_cmpfloat (fallback->before, ==, 100.0);
  g_assert_cmpfloat (fallback->after, ==, 100.0);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                   saved_subtitle (2, 1700100000));

  /* The routing rules back (an undo): compared with revision 2. */
  updates.updates = 0;
  g_assert_true (lw_workspace_undo (fixture->workspace));
  lw_gui_test_iterate_until (updated_once_more, &updates, 60000);
  fallback = figure (panel, "fallback_share");
  g_assert_cmpfloat (fallback->before, ==, 100.0);
  g_assert_cmpfloat (fallback->after, ==, revision_fallback);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                   saved_subtitle (2, 1700100000));

  /* The rules now equal revision 2 again (a redo): no difference. */
  updates.updates = 0;
  g_assert_true (lw_workspace_redo (fixture->workspace));
  lw_gui_test_iterate_until (updated_once_more, &updates, 60000);
  fallback = figure (panel, "fallback_share");
  g_assert_cmpfloat (fallback->before, ==, 100.0);
  g_assert_cmpfloat (fallback->after, ==, 100.0);
  mql = figure (panel, "mql_rate");
  g_assert_cmpfloat (mql->before, ==, mql->after);

  /* Pinned with Use Current, kept as such. */
  updates.updates = 0;
  gtk_widget_activate_action (GTK_WIDGET (panel), "what-if.use-current", NULL);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, 2);
  {
    g_autofree char *kept = g_settings_get_string (gsettings, "what-if-baseline");

    g_assert_cmpstr (kept, ==, "pinned");
  }
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "The rules pinned at "));

  /* A new panel starts on the kept choice. */
  {
    GtkWidget *other = g_object_ref_sink (lw_what_if_panel_new ());

    g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (lw_gui_test_row (other, "_Baseline"))), ==, 2);
    g_object_unref (other);
  }
  g_settings_set_string (gsettings, "what-if-baseline", "opened");
}

static gboolean
label_has (GtkWidget     *widget,
           gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         strstr (gtk_label_get_label (GTK_LABEL (widget)), data) != NULL;
}

/* Rules with an error cannot run: the panel says so instead of figures. */
static void
test_what_if_rules_with_errors (Fixture       *fixture,
                                gconstpointer  data)
{
  LwWhatIfPanel *panel = LW_WHAT_IF_PANEL (lw_what_if_panel_new ());
  g_autoptr(GPtrArray) diagnostics = lw_diagnostics_new ();
  LwConfig *config = lw_workspace_dup_config (fixture->workspace);
  LwSimSettings settings = *lw_sim_context_get_settings (lw_sim_context_get (fixture->workspace));
  g_autoptr(GError) error = NULL;

  settings.what_if_leads = 10000;
  g_assert_true (lw_sim_context_set_settings (lw_sim_context_get (fixture->workspace), &settings, &error));
  g_free (config->fallback.owner);
  config->fallback.owner = g_strdup ("nobody");
  lw_config_bind (config, diagnostics);
  lw_workspace_apply (fixture->workspace, config, "Break the fallback");
  g_assert_cmpuint (lw_workspace_get_n_errors (fixture->workspace), >, 0);

  gtk_box_append (GTK_BOX (panel_host (fixture)), GTK_WIDGET (panel));
  lw_what_if_panel_set_workspace (panel, fixture->workspace);
  lw_what_if_panel_set_active (panel, TRUE);
  lw_gui_test_settle ();
  g_assert_false (lw_what_if_panel_is_busy (panel));
  g_assert_null (lw_what_if_panel_get_after (panel));
  g_assert_nonnull (lw_gui_test_find (GTK_WIDGET (panel), label_has, "The rules have errors"));
}

static gboolean
is_what_if_button (GtkWidget     *widget,
                   gconstpointer  data)
{
  GtkWidget *child = GTK_IS_TOGGLE_BUTTON (widget) ? gtk_button_get_child (GTK_BUTTON (widget)) : NULL;

  return child != NULL && ADW_IS_BUTTON_CONTENT (child) &&
         g_strcmp0 (adw_button_content_get_label (ADW_BUTTON_CONTENT (child)), "_What-if") == 0;
}

/* The window: the What-if button on the Design pages only, the panel
 * beside the editor while it is down, and idle elsewhere. */
static void
test_window_panel (void)
{
  LwWindow *window = lw_window_new (NULL);
  GtkWidget *button, *panel;

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  while (lw_window_get_workspace (window) == NULL)
    g_main_context_iteration (NULL, TRUE);
  lw_gui_test_settle ();

  lw_window_show_page (window, "routing", NULL);
  lw_gui_test_settle ();
  button = lw_gui_test_find (GTK_WIDGET (window), is_what_if_button, NULL);
  g_assert_nonnull (button);
  panel = lw_gui_test_child_of_type (GTK_WIDGET (window), LW_TYPE_WHAT_IF_PANEL);
  g_assert_true (gtk_widget_get_visible (button));
  g_assert_false (lw_what_if_panel_get_active (LW_WHAT_IF_PANEL (panel)));

  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), TRUE);
  lw_gui_test_settle ();
  g_assert_true (lw_what_if_panel_get_active (LW_WHAT_IF_PANEL (panel)));
  g_assert_true (lw_what_if_panel_get_workspace (LW_WHAT_IF_PANEL (panel)) == lw_window_get_workspace (window));
  g_assert_true (adw_flap_get_reveal_flap (ADW_FLAP (gtk_widget_get_ancestor (panel, ADW_TYPE_FLAP))));

  /* A Test & Watch page: no button, no panel, no work. */
  lw_window_show_page (window, "funnel", NULL);
  lw_gui_test_settle ();
  g_assert_false (gtk_widget_get_visible (button));
  g_assert_false (lw_what_if_panel_get_active (LW_WHAT_IF_PANEL (panel)));
  g_assert_false (lw_what_if_panel_is_busy (LW_WHAT_IF_PANEL (panel)));

  /* Back on a Design page, it is there again. */
  lw_window_show_page (window, "scoring", NULL);
  lw_gui_test_settle ();
  g_assert_true (gtk_widget_get_visible (button));
  g_assert_true (lw_what_if_panel_get_active (LW_WHAT_IF_PANEL (panel)));

  gtk_window_destroy (GTK_WINDOW (window));
  lw_gui_test_settle ();
}

/* ---- pictures ----------------------------------------------------------------------------------- */

static void
save_both (GtkWidget  *widget,
           const char *dir,
           const char *name)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  g_autofree char *light = g_strdup_printf ("%s/%s-light.png", dir, name);
  g_autofree char *dark = g_strdup_printf ("%s/%s-dark.png", dir, name);

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
  lw_gui_test_spin (300);
  lw_gui_test_save_png (widget, light);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  lw_gui_test_spin (300);
  lw_gui_test_save_png (widget, dark);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  lw_gui_test_spin (100);
}

/* Pictures of the page and the panel, for people to look at. */
static void
test_screenshots (void)
{
  const char *dir = g_getenv ("LW_SCREENSHOT_DIR");
  LwWindow *window;
  LwWorkspace *workspace;
  GtkWidget *page, *button, *panel;
  Updates updates = { 0 };
  Beyond beyond = { NULL, 0 };
  LwConfig *config;
  g_autoptr(GPtrArray) diagnostics = lw_diagnostics_new ();

  if (dir == NULL)
    {
      g_test_skip ("LW_SCREENSHOT_DIR is not set");
      return;
    }

  window = lw_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  while (lw_window_get_workspace (window) == NULL)
    g_main_context_iteration (NULL, TRUE);
  workspace = lw_window_get_workspace (window);
  lw_gui_test_settle ();

  /* The Simulate page, its settings open on an entry point. */
  lw_window_show_page (window, "simulate", "$.entryPoints[0].share");
  lw_gui_test_settle ();
  page = lw_window_get_page (window, "simulate");
  lw_gui_test_spin (500);
  save_both (GTK_WIDGET (window), dir, "simulate-settings");

  /* A wrong value, at its row and under the summary. */
  {
    LwScenarioEditor *editor = LW_SCENARIO_EDITOR (lw_simulate_page_get_editor (LW_SIMULATE_PAGE (page)));
    GtkWidget *entry = lw_gui_test_child_of_type (lw_scenario_editor_find_row (editor, "$.timeZone"),
                                                  GTK_TYPE_ENTRY);

    gtk_editable_set_text (GTK_EDITABLE (entry), "America/Nowhere");
    lw_gui_test_settle ();
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (
                                gtk_widget_get_ancestor (entry, GTK_TYPE_SCROLLED_WINDOW))), 0);
    lw_gui_test_spin (300);
    save_both (GTK_WIDGET (window), dir, "simulate-problem");
    gtk_editable_set_text (GTK_EDITABLE (entry), "America/New_York");
    lw_gui_test_settle ();
  }

  /* A paced run (a simulated day a second), paused. */
  gtk_widget_activate_action (page, "simulate.toggle-settings", NULL);
  lw_gui_test_spin (400);
  lw_gui_test_choose (lw_gui_test_row (page, "_Pace"), "1 day a second");
  gtk_widget_activate_action (page, "simulate.run", NULL);
  beyond.page = page;
  beyond.above = 600;
  lw_gui_test_iterate_until (progress_beyond, &beyond, 120000);
  gtk_widget_activate_action (page, "simulate.pause", NULL);
  lw_gui_test_iterate_until (page_paused, page, 60000);
  lw_gui_test_spin (300);
  save_both (GTK_WIDGET (window), dir, "simulate");
  gtk_widget_activate_action (page, "simulate.cancel", NULL);
  lw_gui_test_iterate_until (page_idle, page, 60000);
  lw_gui_test_choose (lw_gui_test_row (page, "_Pace"), "Fastest");
  /* The toast of the cancelled run goes away first. */
  lw_gui_test_spin (6000);

  /* The what-if panel beside the scoring editor, after an edit. */
  lw_window_show_page (window, "scoring", NULL);
  lw_gui_test_settle ();
  button = lw_gui_test_find (GTK_WIDGET (window), is_what_if_button, NULL);
  g_assert_nonnull (button);
  panel = lw_gui_test_child_of_type (GTK_WIDGET (window), LW_TYPE_WHAT_IF_PANEL);
  g_signal_connect (panel, "updated", G_CALLBACK (count_update_cb), &updates);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), TRUE);
  lw_gui_test_iterate_until (updated_once_more, &updates, 120000);
  updates.updates = 0;
  config = lw_workspace_dup_config (workspace);
  config->scoring.mql_total = 30;
  lw_config_bind (config, diagnostics);
  lw_workspace_apply (workspace, config, "Lower the MQL threshold");
  lw_gui_test_iterate_until (updated_once_more, &updates, 120000);
  lw_gui_test_spin (300);
  save_both (GTK_WIDGET (window), dir, "what-if");

  /* Its baseline row, on the latest revision saved. */
  {
    GtkWidget *row = lw_gui_test_row (panel, "_Baseline");
    GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (
                                  gtk_widget_get_ancestor (row, GTK_TYPE_SCROLLED_WINDOW)));

    updates.updates = 0;
    lw_gui_test_choose (row, "Last revision");
    lw_gui_test_iterate_until (updated_once_more, &updates, 120000);
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
    lw_gui_test_spin (300);
    save_both (GTK_WIDGET (window), dir, "what-if-baseline");
    lw_gui_test_choose (row, "When opened");
  }

  gtk_window_destroy (GTK_WINDOW (window));
  lw_gui_test_settle ();
}

int
main (int    argc,
      char **argv)
{
  if (!lw_gui_test_init (&argc, &argv))
    return 77;

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/gui/simulate/main-loop-gap", test_main_loop_gap);
  ADD ("/gui/simulate/run-then-funnel", test_run_then_funnel);
  ADD ("/gui/simulate/cancel-consistent", test_cancel_consistent);
  ADD ("/gui/simulate/pause-resume", test_pause_resume);
  ADD ("/gui/simulate/scenario-settings", test_scenario_settings);
  ADD ("/gui/simulate/import-export", test_import_export);
  ADD ("/gui/what-if/edits", test_what_if);
  ADD ("/gui/what-if/rules-with-errors", test_what_if_rules_with_errors);
  ADD ("/gui/what-if/baseline", test_what_if_baseline);
#undef ADD
  g_test_add_func ("/gui/what-if/window", test_window_panel);
  g_test_add_func ("/gui/simulate/screenshots", test_screenshots);
  return g_test_run ();
}
