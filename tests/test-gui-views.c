/* test-gui-views.c: the Simulate, Funnel and SLA monitor pages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "lw-chart-export.h"
#include "lw-config-json.h"
#include "lw-csv.h"
#include "lw-funnel-chart.h"
#include "lw-funnel-page.h"
#include "lw-gui-test-utils.h"
#include "lw-routing-results-page.h"
#include "lw-run-row.h"
#include "lw-scenario.h"
#include "lw-sim-store.h"
#include "lw-simulate-page.h"
#include "lw-simulator.h"
#include "lw-sla-monitor-page.h"
#include "lw-store.h"
#include "lw-table-export.h"
#include "lw-view-query.h"
#include "lw-workspace.h"

/* XDG_DATA_DIRS as it was before g_test_init() isolated it: the icons
 * (SVG, recognised through the shared MIME database) need it. */
static char *system_data_dirs;

typedef struct
{
  char        *dir;
  char        *path;
  LwWorkspace *workspace;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_setenv ("XDG_DATA_DIRS", system_data_dirs, TRUE);
  fixture->workspace = lw_gui_test_create_sample ("lw-test-views", &fixture->dir, &fixture->path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&fixture->workspace);
  dir = g_dir_open (fixture->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (fixture->dir, name, NULL);

      g_unlink (file);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static void
wait_for (gboolean *flag)
{
  gint64 end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (!*flag && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (*flag);
}

static gboolean
page_idle (gpointer data)
{
  GtkWidget *page = data;

  return lw_simulate_page_is_running (LW_SIMULATE_PAGE (page));
}

static void
set_flag (gboolean *flag)
{
  *flag = TRUE;
}

static GtkWidget *
find_spin (GtkWidget *widget,
           guint      nth)
{
  guint seen = 0;

  for (GtkWidget *child = widget; child != NULL;)
    {
      if (GTK_IS_SPIN_BUTTON (child) && seen++ == nth)
        return child;
      if (gtk_widget_get_first_child (child) != NULL)
        child = gtk_widget_get_first_child (child);
      else
        {
          while (child != NULL && child != widget && gtk_widget_get_next_sibling (child) == NULL)
            child = gtk_widget_get_parent (child);
          child = child == widget || child == NULL ? NULL : gtk_widget_get_next_sibling (child);
        }
    }
  return NULL;
}

static void
test_run_and_funnel (Fixture       *fixture,
                     gconstpointer  data)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *page = lw_simulate_page_new (fixture->workspace);
  GtkWidget *funnel_page;
  GtkWidget *sla_page;
  g_autoptr(LwStore) store = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(LwFunnel) funnel = NULL;
  g_autoptr(GError) error = NULL;
  LwStoreFilter filter = LW_STORE_FILTER_INIT;
  const LwFunnel *shown;
  const LwSlaFigures *figures;
  LwRunInfo *run;
  gboolean updated = FALSE;

  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));

  /* A small run: 500 leads over 5 days. */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (find_spin (page, 0)), 500);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (find_spin (page, 1)), 5);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (find_spin (page, 2)), 42);
  g_assert_true (gtk_widget_activate_action (page, "simulate.run", NULL));
  g_assert_true (lw_simulate_page_is_running (LW_SIMULATE_PAGE (page)));
  {
    gint64 end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

    while (page_idle (page) && g_get_monotonic_time () < end)
      g_main_context_iteration (NULL, TRUE);
  }
  g_assert_false (lw_simulate_page_is_running (LW_SIMULATE_PAGE (page)));

  store = lw_store_open (fixture->path, &error);
  g_assert_no_error (error);
  runs = lw_store_list_runs (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (runs->len, ==, 1);
  run = g_ptr_array_index (runs, 0);
  g_assert_cmpint (run->status, ==, LW_RUN_FINISHED);
  g_assert_cmpuint (run->leads, ==, 500);
  g_assert_cmpuint (run->days, ==, 5);
  g_assert_cmpuint (run->seed, ==, 42);

  /* The funnel page shows that run's figures. */
  funnel_page = lw_funnel_page_new (fixture->workspace);
  gtk_window_set_child (GTK_WINDOW (window), funnel_page);
  g_signal_connect_swapped (funnel_page, "updated", G_CALLBACK (set_flag), &updated);
  lw_funnel_page_refresh (LW_FUNNEL_PAGE (funnel_page));
  wait_for (&updated);

  funnel = lw_store_query_funnel (store, &filter, &error);
  g_assert_no_error (error);
  shown = lw_funnel_page_get_funnel (LW_FUNNEL_PAGE (funnel_page));
  g_assert_nonnull (shown);
  g_assert_cmpint (shown->run, ==, run->id);
  g_assert_cmpuint (shown->leads, ==, funnel->leads);
  g_assert_cmpuint (shown->leads, >, 0);
  g_assert_cmpuint (shown->stages->len, ==, funnel->stages->len);
  for (guint i = 0; i < funnel->stages->len; i++)
    g_assert_cmpuint (g_array_index (shown->stages, LwFunnelStage, i).reached, ==,
                      g_array_index (funnel->stages, LwFunnelStage, i).reached);

  /* So does the SLA monitor. */
  updated = FALSE;
  sla_page = lw_sla_monitor_page_new (fixture->workspace);
  gtk_window_set_child (GTK_WINDOW (window), sla_page);
  g_signal_connect_swapped (sla_page, "updated", G_CALLBACK (set_flag), &updated);
  lw_sla_monitor_page_refresh (LW_SLA_MONITOR_PAGE (sla_page));
  wait_for (&updated);
  figures = lw_sla_monitor_page_get_figures (LW_SLA_MONITOR_PAGE (sla_page));
  g_assert_nonnull (figures);
  g_assert_cmpint (figures->run, ==, run->id);
  g_assert_cmpuint (figures->leads, ==, funnel->leads);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *page = lw_simulate_page_new (fixture->workspace);
  g_autoptr(LwStore) store = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GError) error = NULL;
  gint64 end;

  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (find_spin (page, 0)), 1000000);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (find_spin (page, 1)), 365);
  g_assert_true (gtk_widget_activate_action (page, "simulate.run", NULL));
  g_assert_true (gtk_widget_activate_action (page, "simulate.cancel", NULL));
  end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  while (page_idle (page) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (lw_simulate_page_is_running (LW_SIMULATE_PAGE (page)));

  /* The run is never left running. */
  store = lw_store_open (fixture->path, &error);
  g_assert_no_error (error);
  runs = lw_store_list_runs (store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < runs->len; i++)
    g_assert_cmpint (((LwRunInfo *) g_ptr_array_index (runs, i))->status, !=, LW_RUN_RUNNING);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* ---- views over runs made here ------------------------------------------------------------ */

/* Simulates @leads leads of the sample scenario into the fixture's file,
 * seeded @seed; returns the run's id. */
static gint64
simulate_run (Fixture *fixture,
              guint    leads,
              guint64  seed)
{
  g_autofree char *scenario_path = g_build_filename (g_getenv ("LW_SAMPLES_DIR"), "inbound-scenario.json", NULL);
  g_autofree char *scenario_json = NULL;
  g_autoptr(LwScenario) scenario = NULL;
  g_autoptr(LwSimulation) simulation = NULL;
  g_autoptr(LwStore) store = NULL;
  g_autoptr(GError) error = NULL;
  LwSimOptions options = LW_SIM_OPTIONS_INIT;
  gint64 run = 0;

  g_file_get_contents (scenario_path, &scenario_json, NULL, &error);
  g_assert_no_error (error);
  scenario = lw_scenario_load_data (scenario_json, -1, scenario_path, NULL, &error);
  g_assert_no_error (error);
  options.leads = leads;
  options.days = 10;
  options.seed = seed;
  simulation = lw_simulation_new (lw_workspace_get_config (fixture->workspace), scenario, &options, &error);
  g_assert_no_error (error);
  store = lw_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_true (lw_simulate_into_store (store, simulation, scenario, 0, scenario_json, 1700000000,
                                         NULL, NULL, NULL, &run, &error));
  g_assert_no_error (error);
  return run;
}

static LwStore *
open_store (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  LwStore *store = lw_store_open (fixture->path, &error);

  g_assert_no_error (error);
  return store;
}

static void
count_update (guint *count)
{
  (*count)++;
}

/* Iterates until @count passes @before. */
static void
wait_for_update (guint *count,
                 guint  before)
{
  gint64 end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (*count <= before && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (*count, >, before);
}

/* The descendant of @widget named @name (gtk_widget_set_name()). */
static GtkWidget *
find_named (GtkWidget  *widget,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_type (GtkWidget *widget,
           GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_type (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Whether a label under @widget shows exactly @text. */
static gboolean
shows_label (GtkWidget  *widget,
             const char *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget) &&
      g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shows_label (child, text))
      return TRUE;
  return FALSE;
}

static void
assert_shows (GtkWidget  *widget,
              const char *text)
{
  if (!shows_label (widget, text))
    g_error ("no label shows “%s”", text);
}

/* "1,234 (5.6 %)", as the page writes a count and its share. */
static char *
count_and_share (guint64 count,
                 guint64 total)
{
  g_autofree char *number = lw_format_count (count);
  g_autofree char *share = lw_chart_format_percent (100.0 * count / total);

  return g_strdup_printf ("%s (%s)", number, share);
}

static void
assert_routing_equal (const LwRoutingFigures *shown,
                      const LwRoutingFigures *expected)
{
  g_assert_cmpint (shown->run, ==, expected->run);
  g_assert_cmpuint (shown->leads, ==, expected->leads);
  g_assert_cmpuint (shown->fallback, ==, expected->fallback);
  g_assert_cmpuint (shown->unassigned, ==, expected->unassigned);
  for (guint i = 0; i < LW_N_FALLBACK_REASONS; i++)
    g_assert_cmpuint (shown->fallback_reasons[i], ==, expected->fallback_reasons[i]);
  g_assert_cmpuint (shown->reps->len, ==, expected->reps->len);
  for (guint i = 0; i < expected->reps->len; i++)
    {
      const LwRepLoad *a = &g_array_index (shown->reps, LwRepLoad, i);
      const LwRepLoad *b = &g_array_index (expected->reps, LwRepLoad, i);

      g_assert_cmpstr (a->id, ==, b->id);
      g_assert_cmpuint (a->routed, ==, b->routed);
      g_assert_cmpuint (a->leads, ==, b->leads);
      g_assert_cmpuint (a->capacity_total, ==, b->capacity_total);
    }
  g_assert_cmpuint (shown->pools->len, ==, expected->pools->len);
  for (guint i = 0; i < expected->pools->len; i++)
    {
      const LwPoolFairness *a = &g_array_index (shown->pools, LwPoolFairness, i);
      const LwPoolFairness *b = &g_array_index (expected->pools, LwPoolFairness, i);

      g_assert_cmpuint (a->leads, ==, b->leads);
      g_assert_cmpfloat (a->gini, ==, b->gini);
      g_assert_cmpfloat (a->min_max_ratio, ==, b->min_max_ratio);
    }
}

static void
test_routing_results (Fixture       *fixture,
                      gconstpointer  data)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *page;
  GtkWidget *chart;
  g_autoptr(LwStore) store = NULL;
  g_autoptr(LwRoutingFigures) expected = NULL;
  g_autoptr(GError) error = NULL;
  LwStoreFilter filter = LW_STORE_FILTER_INIT;
  const LwRoutingFigures *shown;
  const char *description;
  gint64 first, second;
  guint updates = 0, reasons_shown = 0;

  first = simulate_run (fixture, 3000, 5);
  second = simulate_run (fixture, 2000, 6);
  store = open_store (fixture);

  page = lw_routing_results_page_new (fixture->workspace);
  g_signal_connect_swapped (page, "updated", G_CALLBACK (count_update), &updates);
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 900);
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_update (&updates, 0);

  /* The latest run, as the engine reports it. */
  filter.run = second;
  expected = lw_store_query_routing (store, &filter, &error);
  g_assert_no_error (error);
  shown = lw_routing_results_page_get_figures (LW_ROUTING_RESULTS_PAGE (page));
  g_assert_nonnull (shown);
  assert_routing_equal (shown, expected);
  /* The sample sends leads to its fallback (its lead desk takes what
   * arrives when nobody is working): the view has something to explain. */
  g_assert_cmpuint (expected->fallback, >, 0);

  /* Each reason with leads is a row with its count and share, the others
   * none. */
  for (guint i = 0; i < LW_N_FALLBACK_REASONS; i++)
    {
      g_autofree char *name = g_strconcat ("reason:", lw_fallback_reason_to_string (i), NULL);
      GtkWidget *row = find_named (page, name);

      if (expected->fallback_reasons[i] == 0)
        {
          g_assert_null (row);
          continue;
        }
      g_assert_nonnull (row);
      {
        g_autofree char *text = count_and_share (expected->fallback_reasons[i], expected->fallback);

        assert_shows (row, text);
      }
      reasons_shown++;
    }
  g_assert_cmpuint (reasons_shown, >, 0);

  /* Each pool is a row; a shared pool says how even it was. */
  for (guint i = 0; i < expected->pools->len; i++)
    {
      const LwPoolFairness *pool = &g_array_index (expected->pools, LwPoolFairness, i);
      g_autofree char *name = g_strconcat ("pool:", pool->id, NULL);
      GtkWidget *row = find_named (page, name);

      g_assert_nonnull (row);
      if (pool->leads > 0 && pool->members > 1)
        {
          g_autofree char *percent = lw_chart_format_percent (100 * pool->min_max_ratio);
          g_autofree char *text = g_strdup_printf ("%s even", percent);

          assert_shows (row, text);
        }
    }

  /* The chart: every rep with leads or a capacity, with their count and
   * capacity; a rep with neither is left out. */
  chart = find_type (page, LW_TYPE_CHART);
  g_assert_nonnull (chart);
  description = lw_chart_get_description (LW_CHART (chart));
  for (guint i = 0; i < expected->reps->len; i++)
    {
      const LwRepLoad *rep = &g_array_index (expected->reps, LwRepLoad, i);
      g_autofree char *count = lw_format_count (rep->routed);
      g_autofree char *item = g_strdup_printf ("%s: %s", rep->name, count);

      if (rep->routed == 0 && rep->capacity_total == 0)
        {
          g_assert_null (strstr (description, rep->name));
          continue;
        }
      g_assert_nonnull (strstr (description, item));
      if (rep->capacity_total > 0)
        {
          g_autofree char *capacity = lw_format_count (rep->capacity_total);
          g_autofree char *percent = lw_chart_format_percent (100.0 * rep->routed / rep->capacity_total);
          g_autofree char *full = g_strdup_printf ("%s, Capacity %s (%s).", item, capacity, percent);

          g_assert_nonnull (strstr (description, full));
        }
    }

  /* The other run, when picked. */
  g_clear_pointer (&expected, lw_routing_figures_free);
  filter.run = first;
  expected = lw_store_query_routing (store, &filter, &error);
  g_assert_no_error (error);
  {
    guint before = updates;

    g_assert_true (lw_routing_results_page_set_run (LW_ROUTING_RESULTS_PAGE (page), first));
    wait_for_update (&updates, before);
  }
  shown = lw_routing_results_page_get_figures (LW_ROUTING_RESULTS_PAGE (page));
  assert_routing_equal (shown, expected);
  {
    g_autofree char *text = count_and_share (expected->fallback, expected->leads);

    assert_shows (page, text);
  }
  g_assert_false (lw_routing_results_page_set_run (LW_ROUTING_RESULTS_PAGE (page), 999));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
assert_funnel_equal (const LwFunnel *shown,
                     const LwFunnel *expected)
{
  g_assert_nonnull (shown);
  g_assert_cmpint (shown->run, ==, expected->run);
  g_assert_cmpuint (shown->leads, ==, expected->leads);
  g_assert_cmpuint (shown->stages->len, ==, expected->stages->len);
  for (guint i = 0; i < expected->stages->len; i++)
    {
      const LwFunnelStage *a = &g_array_index (shown->stages, LwFunnelStage, i);
      const LwFunnelStage *b = &g_array_index (expected->stages, LwFunnelStage, i);

      g_assert_cmpstr (a->id, ==, b->id);
      g_assert_cmpuint (a->reached, ==, b->reached);
      g_assert_cmpuint (a->current, ==, b->current);
      g_assert_cmpuint (a->drop_off, ==, b->drop_off);
      g_assert_cmpfloat (a->conversion, ==, b->conversion);
      g_assert_cmpfloat (a->median_seconds, ==, b->median_seconds);
    }
}

static LwFunnel *
query_funnel (LwStore    *store,
              gint64      run,
              int         source,
              const char *region,
              const char *segment)
{
  g_autoptr(GError) error = NULL;
  LwStoreFilter filter = LW_STORE_FILTER_INIT;
  LwFunnel *funnel;

  filter.run = run;
  filter.source = source;
  filter.region = region;
  filter.segment = segment;
  funnel = lw_store_query_funnel (store, &filter, &error);
  g_assert_no_error (error);
  return funnel;
}

static void
test_funnel_filters (Fixture       *fixture,
                     gconstpointer  data)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *page;
  g_autoptr(LwStore) store = NULL;
  g_autoptr(LwFunnel) all = NULL;
  g_autoptr(LwFunnel) emea = NULL;
  g_autoptr(LwFunnel) narrow = NULL;
  const LwFunnel *shown;
  gint64 run;
  guint updates = 0, before;

  run = simulate_run (fixture, 3000, 8);
  store = open_store (fixture);
  all = query_funnel (store, run, -1, NULL, NULL);
  emea = query_funnel (store, run, -1, "EMEA", NULL);
  /* Source option 0 (form), enterprise leads of North America. */
  narrow = query_funnel (store, run, 0, "NA", "enterprise");
  /* The filters select fewer leads, and some. */
  g_assert_cmpuint (emea->leads, <, all->leads);
  g_assert_cmpuint (emea->leads, >, 0);
  g_assert_cmpuint (narrow->leads, <, all->leads);
  g_assert_cmpuint (narrow->leads, >, 0);

  page = lw_funnel_page_new (fixture->workspace);
  g_signal_connect_swapped (page, "updated", G_CALLBACK (count_update), &updates);
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_update (&updates, 0);
  assert_funnel_equal (lw_funnel_page_get_funnel (LW_FUNNEL_PAGE (page)), all);

  before = updates;
  g_assert_true (lw_funnel_page_set_filter (LW_FUNNEL_PAGE (page), -1, "EMEA", NULL));
  wait_for_update (&updates, before);
  shown = lw_funnel_page_get_funnel (LW_FUNNEL_PAGE (page));
  assert_funnel_equal (shown, emea);
  /* The first stage's row shows the filtered count. */
  {
    g_autofree char *count = lw_format_count (g_array_index (emea->stages, LwFunnelStage, 0).reached);
    g_autofree char *text = g_strdup_printf ("%s reached", count);

    assert_shows (page, text);
  }

  before = updates;
  g_assert_true (lw_funnel_page_set_filter (LW_FUNNEL_PAGE (page), 0, "NA", "enterprise"));
  wait_for_update (&updates, before);
  assert_funnel_equal (lw_funnel_page_get_funnel (LW_FUNNEL_PAGE (page)), narrow);

  /* A value the run does not have is refused and changes nothing. */
  before = lw_funnel_page_get_n_queries (LW_FUNNEL_PAGE (page));
  g_assert_false (lw_funnel_page_set_filter (LW_FUNNEL_PAGE (page), -1, "Mars", NULL));
  g_assert_false (lw_funnel_page_set_filter (LW_FUNNEL_PAGE (page), 99, NULL, NULL));
  g_assert_cmpuint (lw_funnel_page_get_n_queries (LW_FUNNEL_PAGE (page)), ==, before);
  assert_funnel_equal (lw_funnel_page_get_funnel (LW_FUNNEL_PAGE (page)), narrow);

  /* Back to every lead. */
  before = updates;
  g_assert_true (lw_funnel_page_set_filter (LW_FUNNEL_PAGE (page), -1, NULL, NULL));
  wait_for_update (&updates, before);
  assert_funnel_equal (lw_funnel_page_get_funnel (LW_FUNNEL_PAGE (page)), all);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_funnel_comparison (Fixture       *fixture,
                        gconstpointer  data)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *page;
  GtkWidget *chart;
  g_autoptr(LwStore) store = NULL;
  g_autoptr(LwFunnel) first_funnel = NULL;
  g_autoptr(LwFunnel) second_funnel = NULL;
  gint64 first, second;
  guint updates = 0, before;

  first = simulate_run (fixture, 2000, 21);
  second = simulate_run (fixture, 2500, 22);
  store = open_store (fixture);
  first_funnel = query_funnel (store, first, -1, NULL, NULL);
  second_funnel = query_funnel (store, second, -1, NULL, NULL);

  page = lw_funnel_page_new (fixture->workspace);
  g_signal_connect_swapped (page, "updated", G_CALLBACK (count_update), &updates);
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_update (&updates, 0);
  g_assert_null (lw_funnel_page_get_comparison (LW_FUNNEL_PAGE (page)));
  chart = find_type (page, LW_TYPE_FUNNEL_CHART);
  g_assert_false (lw_funnel_chart_has_comparison (LW_FUNNEL_CHART (chart)));

  /* The latest run against the first: both runs' counts, and the change. */
  before = updates;
  g_assert_true (lw_funnel_page_set_runs (LW_FUNNEL_PAGE (page), 0, first));
  wait_for_update (&updates, before);
  assert_funnel_equal (lw_funnel_page_get_funnel (LW_FUNNEL_PAGE (page)), second_funnel);
  assert_funnel_equal (lw_funnel_page_get_comparison (LW_FUNNEL_PAGE (page)), first_funnel);
  g_assert_true (lw_funnel_chart_has_comparison (LW_FUNNEL_CHART (chart)));
  for (guint i = 0; i < second_funnel->stages->len; i++)
    {
      const LwFunnelStage *now = &g_array_index (second_funnel->stages, LwFunnelStage, i);
      const LwFunnelStage *then = &g_array_index (first_funnel->stages, LwFunnelStage, i);
      g_autofree char *name = g_strdup_printf ("Run %" G_GINT64_FORMAT, first);
      g_autofree char *count = lw_format_count (then->reached);
      g_autofree char *delta = lw_chart_format_delta ((gint64) now->reached - (gint64) then->reached);
      g_autofree char *text = g_strdup_printf ("%s: %s (%s)", name, count, delta);

      assert_shows (page, text);
    }

  /* The other way round. */
  before = updates;
  g_assert_true (lw_funnel_page_set_runs (LW_FUNNEL_PAGE (page), first, second));
  wait_for_update (&updates, before);
  assert_funnel_equal (lw_funnel_page_get_funnel (LW_FUNNEL_PAGE (page)), first_funnel);
  assert_funnel_equal (lw_funnel_page_get_comparison (LW_FUNNEL_PAGE (page)), second_funnel);

  /* None: the comparison goes. */
  before = updates;
  g_assert_true (lw_funnel_page_set_runs (LW_FUNNEL_PAGE (page), 0, -1));
  wait_for_update (&updates, before);
  g_assert_null (lw_funnel_page_get_comparison (LW_FUNNEL_PAGE (page)));
  g_assert_false (lw_funnel_chart_has_comparison (LW_FUNNEL_CHART (chart)));

  g_assert_false (lw_funnel_page_set_runs (LW_FUNNEL_PAGE (page), 0, 999));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A run written here by hand, batch by batch, as a simulation would. */
static void
append_leads (LwStore *store,
              gint64   run,
              guint32  from,
              guint32  to)
{
  g_autoptr(GArray) leads = g_array_new (FALSE, TRUE, sizeof (LwStoredLead));
  g_autoptr(GError) error = NULL;

  for (guint32 id = from; id < to; id++)
    {
      LwStoredLead lead = { 0, };

      lead.id = id;
      lead.created_at = 1700000000 + id;
      lead.source = lead.status = lead.rule = lead.pool = lead.policy = -1;
      lead.owner = lead.routed_rep = lead.sla_rep = -1;
      lead.stage = lead.max_stage = 1;
      lead.ttft = -1;
      g_array_append_val (leads, lead);
    }
  g_assert_true (lw_store_append_leads (store, run, (LwStoredLead *) (gpointer) leads->data,
                                        leads->len, &error));
  g_assert_no_error (error);
}

static void
wait_until_quiet (GtkWidget *funnel,
                  GtkWidget *routing)
{
  gint64 end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  gint64 quiet_until = 0;

  /* Until no query runs, and none starts for a tenth of a second. */
  while (g_get_monotonic_time () < end)
    {
      gboolean busy =
        lw_funnel_page_get_n_queries (LW_FUNNEL_PAGE (funnel)) != lw_funnel_page_get_n_updates (LW_FUNNEL_PAGE (funnel)) ||
        lw_routing_results_page_get_n_queries (LW_ROUTING_RESULTS_PAGE (routing)) !=
        lw_routing_results_page_get_n_updates (LW_ROUTING_RESULTS_PAGE (routing));

      if (busy)
        quiet_until = 0;
      else if (quiet_until == 0)
        quiet_until = g_get_monotonic_time () + G_USEC_PER_SEC / 10;
      else if (g_get_monotonic_time () >= quiet_until)
        return;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_assert_not_reached ();
}

static void
test_live_updates (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *funnel_page = lw_funnel_page_new (fixture->workspace);
  GtkWidget *routing_page = lw_routing_results_page_new (fixture->workspace);
  g_autoptr(GtkWidget) hidden = g_object_ref_sink (lw_funnel_page_new (fixture->workspace));
  g_autoptr(LwStore) store = NULL;
  g_autoptr(GError) error = NULL;
  LwRunParams params = {
    .config = lw_workspace_get_config (fixture->workspace),
    .seed = 1,
    .leads = 1000,
    .days = 5,
    .sim_start = 1700000000,
    .started_at = 1700000000,
  };
  guint funnel_queries, funnel_updates, routing_queries, routing_updates;
  gint64 earlier, run;

  earlier = simulate_run (fixture, 500, 3);
  gtk_widget_set_hexpand (funnel_page, TRUE);
  gtk_widget_set_hexpand (routing_page, TRUE);
  gtk_box_append (GTK_BOX (box), funnel_page);
  gtk_box_append (GTK_BOX (box), routing_page);
  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 800);
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
  wait_until_quiet (funnel_page, routing_page);
  g_assert_cmpint (lw_funnel_page_get_funnel (LW_FUNNEL_PAGE (funnel_page))->run, ==, earlier);

  /* A run begins and writes its first 100 leads: both views follow it. */
  store = open_store (fixture);
  run = lw_store_begin_run (store, &params, &error);
  g_assert_no_error (error);
  append_leads (store, run, 1, 101);
  lw_workspace_run_progress (fixture->workspace, run, FALSE);
  wait_until_quiet (funnel_page, routing_page);
  g_assert_cmpint (lw_funnel_page_get_funnel (LW_FUNNEL_PAGE (funnel_page))->run, ==, run);
  g_assert_cmpuint (lw_funnel_page_get_funnel (LW_FUNNEL_PAGE (funnel_page))->leads, ==, 100);
  g_assert_cmpuint (g_array_index (lw_funnel_page_get_funnel (LW_FUNNEL_PAGE (funnel_page))->stages,
                                   LwFunnelStage, 1).current, ==, 100);
  g_assert_cmpuint (lw_routing_results_page_get_figures (LW_ROUTING_RESULTS_PAGE (routing_page))->leads,
                    ==, 100);
  g_assert_cmpuint (lw_routing_results_page_get_figures (LW_ROUTING_RESULTS_PAGE (routing_page))->unassigned,
                    ==, 100);

  /* 150 more: shown after the next progress, not before. */
  append_leads (store, run, 101, 251);
  g_assert_cmpuint (lw_funnel_page_get_funnel (LW_FUNNEL_PAGE (funnel_page))->leads, ==, 100);
  lw_workspace_run_progress (fixture->workspace, run, FALSE);
  wait_until_quiet (funnel_page, routing_page);
  g_assert_cmpuint (lw_funnel_page_get_funnel (LW_FUNNEL_PAGE (funnel_page))->leads, ==, 250);
  g_assert_cmpuint (lw_routing_results_page_get_figures (LW_ROUTING_RESULTS_PAGE (routing_page))->leads,
                    ==, 250);

  /* A burst of progress while a query runs: one query now, one more once
   * it is done, never two at a time; one redraw each. */
  funnel_queries = lw_funnel_page_get_n_queries (LW_FUNNEL_PAGE (funnel_page));
  funnel_updates = lw_funnel_page_get_n_updates (LW_FUNNEL_PAGE (funnel_page));
  routing_queries = lw_routing_results_page_get_n_queries (LW_ROUTING_RESULTS_PAGE (routing_page));
  routing_updates = lw_routing_results_page_get_n_updates (LW_ROUTING_RESULTS_PAGE (routing_page));
  g_assert_cmpuint (funnel_queries, ==, funnel_updates);
  append_leads (store, run, 251, 301);
  for (guint i = 0; i < 30; i++)
    {
      lw_workspace_run_progress (fixture->workspace, run, FALSE);
      g_assert_cmpuint (lw_funnel_page_get_n_queries (LW_FUNNEL_PAGE (funnel_page)), ==, funnel_queries + 1);
    }
  wait_until_quiet (funnel_page, routing_page);
  g_assert_cmpuint (lw_funnel_page_get_n_queries (LW_FUNNEL_PAGE (funnel_page)), ==, funnel_queries + 2);
  g_assert_cmpuint (lw_funnel_page_get_n_updates (LW_FUNNEL_PAGE (funnel_page)), ==, funnel_updates + 2);
  g_assert_cmpuint (lw_routing_results_page_get_n_queries (LW_ROUTING_RESULTS_PAGE (routing_page)), ==,
                    routing_queries + 2);
  g_assert_cmpuint (lw_routing_results_page_get_n_updates (LW_ROUTING_RESULTS_PAGE (routing_page)), ==,
                    routing_updates + 2);
  g_assert_cmpuint (lw_funnel_page_get_funnel (LW_FUNNEL_PAGE (funnel_page))->leads, ==, 300);

  /* A page out of sight does not query; it will when shown. */
  g_assert_cmpuint (lw_funnel_page_get_n_queries (LW_FUNNEL_PAGE (hidden)), ==, 0);

  /* A page showing another run ignores this one's progress... */
  {
    guint before = lw_funnel_page_get_n_updates (LW_FUNNEL_PAGE (funnel_page));

    g_assert_true (lw_funnel_page_set_runs (LW_FUNNEL_PAGE (funnel_page), earlier, -1));
    wait_until_quiet (funnel_page, routing_page);
    g_assert_cmpuint (lw_funnel_page_get_n_updates (LW_FUNNEL_PAGE (funnel_page)), ==, before + 1);
    funnel_queries = lw_funnel_page_get_n_queries (LW_FUNNEL_PAGE (funnel_page));
    lw_workspace_run_progress (fixture->workspace, run, FALSE);
    wait_until_quiet (funnel_page, routing_page);
    g_assert_cmpuint (lw_funnel_page_get_n_queries (LW_FUNNEL_PAGE (funnel_page)), ==, funnel_queries);
    g_assert_cmpint (lw_funnel_page_get_funnel (LW_FUNNEL_PAGE (funnel_page))->run, ==, earlier);
  }

  /* ... but not its end, which adds it to the run dropdowns. */
  g_assert_true (lw_store_finish_run (store, run, LW_RUN_FINISHED, 1700000100, NULL, &error));
  g_assert_no_error (error);
  lw_workspace_run_progress (fixture->workspace, run, TRUE);
  wait_until_quiet (funnel_page, routing_page);
  g_assert_cmpuint (lw_funnel_page_get_n_queries (LW_FUNNEL_PAGE (funnel_page)), ==, funnel_queries + 1);
  g_assert_true (lw_funnel_page_set_runs (LW_FUNNEL_PAGE (funnel_page), run, earlier));
  wait_until_quiet (funnel_page, routing_page);
  g_assert_cmpuint (lw_funnel_page_get_funnel (LW_FUNNEL_PAGE (funnel_page))->leads, ==, 300);
  g_assert_cmpint (lw_funnel_page_get_comparison (LW_FUNNEL_PAGE (funnel_page))->run, ==, earlier);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* ---- table export -------------------------------------------------------------------------- */

static void
set_done (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GPtrArray *
hostile_cells (void)
{
  GPtrArray *cells = g_ptr_array_new_with_free_func (g_free);

  /* Row 1: a formula, a plain negative number, a text with a comma, a
   * quote and a line break. */
  g_ptr_array_add (cells, g_strdup ("=HYPERLINK(\"http://evil.example/\",\"Click\")"));
  g_ptr_array_add (cells, g_strdup ("-12.5"));
  g_ptr_array_add (cells, g_strdup ("Ana \"the closer\", EMEA\nline two"));
  /* Row 2: an @ formula, nothing, a + formula. */
  g_ptr_array_add (cells, g_strdup ("@SUM(A1:A9)"));
  g_ptr_array_add (cells, NULL);
  g_ptr_array_add (cells, g_strdup ("+1+cmd|' /C calc'!A0"));
  return cells;
}

static void
read_back (const char  *path,
           GPtrArray   *records)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwCsvReader) reader = lw_csv_reader_new_for_path (path, &error);

  g_assert_no_error (error);
  while (lw_csv_reader_next (reader, NULL, &error))
    {
      guint n = 0;
      const char * const *fields = lw_csv_reader_get_fields (reader, &n);

      g_ptr_array_add (records, g_strdupv ((char **) fields));
      g_assert_cmpuint (n, ==, 3);
    }
  g_assert_no_error (error);
}

static void
test_table_export (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "export", NULL);
  g_autofree char *path = g_build_filename (dir, "table.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GError) error = NULL;
  g_autofree char *bytes = NULL;
  const char *header[] = { "Rep", "Leads", "Note" };
  char **row;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);

  /* On a worker thread, as the dialog writes it. */
  lw_table_export_to_file_async (file, 3, header, hostile_cells (), NULL, set_done, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (lw_table_export_to_file_finish (result, &error));
  g_assert_no_error (error);

  /* RFC 4180: CRLF line ends, the awkward field quoted. */
  g_file_get_contents (path, &bytes, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (bytes, "Rep,Leads,Note\r\n"));

  read_back (path, records);
  g_assert_cmpuint (records->len, ==, 3);
  row = g_ptr_array_index (records, 0);
  g_assert_cmpstr (row[0], ==, "Rep");
  row = g_ptr_array_index (records, 1);
  /* Formulas come back as text behind an apostrophe; numbers untouched. */
  g_assert_cmpstr (row[0], ==, "'=HYPERLINK(\"http://evil.example/\",\"Click\")");
  g_assert_cmpstr (row[1], ==, "-12.5");
  g_assert_cmpstr (row[2], ==, "Ana \"the closer\", EMEA\nline two");
  row = g_ptr_array_index (records, 2);
  g_assert_cmpstr (row[0], ==, "'@SUM(A1:A9)");
  g_assert_cmpstr (row[1], ==, "");
  g_assert_cmpstr (row[2], ==, "'+1+cmd|' /C calc'!A0");

  /* Writing again replaces the file; the synchronous way does the same. */
  {
    g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
    g_autoptr(GPtrArray) again = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

    g_ptr_array_add (cells, g_strdup ("Ben"));
    g_ptr_array_add (cells, g_strdup ("7"));
    g_ptr_array_add (cells, NULL);
    g_assert_true (lw_table_export_to_file (file, 3, header, cells, NULL, &error));
    g_assert_no_error (error);
    read_back (path, again);
    g_assert_cmpuint (again->len, ==, 2);
    g_assert_cmpstr (((char **) g_ptr_array_index (again, 1))[0], ==, "Ben");
  }
}

static void
test_table_export_errors (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "export", NULL);
  g_autofree char *path = g_build_filename (dir, "kept.csv", NULL);
  g_autofree char *missing = g_build_filename (dir, "no-such-folder", "table.csv", NULL);
  g_autoptr(GFile) kept = g_file_new_for_path (path);
  g_autoptr(GFile) nowhere = g_file_new_for_path (missing);
  g_autoptr(GFile) remote = g_file_new_for_uri ("http://example.com/table.csv");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  const char *header[] = { "Rep", "Leads", "Note" };

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);

  /* Not a local file: said so, nothing written. */
  {
    g_autoptr(GPtrArray) cells = hostile_cells ();

    g_assert_false (lw_table_export_to_file (remote, 3, header, cells, NULL, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
    g_assert_nonnull (strstr (error->message, "example.com"));
    g_clear_error (&error);
  }

  /* A folder that is not there: an error naming the file, from the
   * worker thread too. */
  lw_table_export_to_file_async (nowhere, 3, header, hostile_cells (), NULL, set_done, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (lw_table_export_to_file_finish (result, &error));
  g_assert_error (error, LW_CSV_ERROR, LW_CSV_ERROR_IO);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  g_clear_error (&error);
  g_clear_object (&result);

  /* Cancelled: the file there before is left as it was. */
  g_file_set_contents (path, "before\r\n", -1, &error);
  g_assert_no_error (error);
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();

    g_cancellable_cancel (cancellable);
    lw_table_export_to_file_async (kept, 3, header, hostile_cells (), cancellable, set_done, &result);
    while (result == NULL)
      g_main_context_iteration (NULL, TRUE);
    g_assert_false (lw_table_export_to_file_finish (result, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  }
  g_file_get_contents (path, &contents, NULL, NULL);
  g_assert_cmpstr (contents, ==, "before\r\n");
}

static void
spin_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

static GtkWidget *
find_file_chooser (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (GTK_IS_FILE_CHOOSER_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

/* The dialog as a person uses it: a name without an extension, in a
 * folder, then Export. The table is written there as NAME.csv. */
static void
test_table_export_dialog (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "dialog", NULL);
  g_autofree char *path = g_build_filename (dir, "by-rep.csv", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GError) error = NULL;
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  const char *header[] = { "Rep", "Leads", "Note" };
  GtkWidget *chooser = NULL;
  gint64 end;

  g_setenv ("XDG_DATA_DIRS", system_data_dirs, TRUE);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));

  lw_table_export_dialog (box, "sla-by-rep.csv", 3, header, hostile_cells ());
  end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while ((chooser = find_file_chooser ()) == NULL && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  g_assert_nonnull (chooser);
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (chooser)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (chooser)) == GTK_WINDOW (window));
  g_assert_cmpstr (gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (chooser)), ==, "sla-by-rep.csv");

  /* As a person would: once the chooser has settled, go to the folder,
   * type a name, and see that it is the file meant. */
  spin_for (500);
  g_assert_true (gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, &error));
  g_assert_no_error (error);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "by-rep");
  spin_for (500);
  {
    g_autoptr(GFile) chosen = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
    g_autofree char *expected = g_build_filename (dir, "by-rep", NULL);

    g_assert_nonnull (chosen);
    g_assert_cmpstr (g_file_peek_path (chosen), ==, expected);
  }
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);

  end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (!g_file_test (path, G_FILE_TEST_EXISTS) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  read_back (path, records);
  g_assert_cmpuint (records->len, ==, 3);
  g_assert_cmpstr (((char **) g_ptr_array_index (records, 1))[0], ==,
                   "'=HYPERLINK(\"http://evil.example/\",\"Click\")");
  g_assert_null (find_file_chooser ());

  /* Cancelled: nothing is written. */
  lw_table_export_dialog (box, "other.csv", 3, header, hostile_cells ());
  end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while ((chooser = find_file_chooser ()) == NULL && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  g_assert_nonnull (chooser);
  spin_for (500);
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
  spin_for (200);
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
  end = g_get_monotonic_time () + G_USEC_PER_SEC / 2;
  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  {
    g_autofree char *other = g_build_filename (dir, "other.csv", NULL);

    g_assert_false (g_file_test (other, G_FILE_TEST_EXISTS));
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A run's line in the run dropdowns: its number, when it started, its
 * leads, one lead as one. */
static void
test_run_label (void)
{
  LwRunInfo info = { 0 };
  g_autoptr(GDateTime) started = g_date_time_new_local (2026, 11, 24, 21, 5, 0);
  g_autofree char *date = g_date_time_format (started, "%x %H:%M");
  g_autofree char *one = NULL;
  g_autofree char *many = NULL;
  g_autofree char *running = NULL;
  g_autofree char *expected = NULL;

  info.id = 3;
  info.status = LW_RUN_FINISHED;
  info.started_at = g_date_time_to_unix (started);
  info.leads = 1;
  one = lw_run_row_describe_run (&info);
  expected = g_strdup_printf ("Run 3 · %s · 1 lead", date);
  g_assert_cmpstr (one, ==, expected);

  info.leads = 20000;
  many = lw_run_row_describe_run (&info);
  g_free (expected);
  expected = g_strdup_printf ("Run 3 · %s · 20,000 leads", date);
  g_assert_cmpstr (many, ==, expected);

  info.status = LW_RUN_RUNNING;
  running = lw_run_row_describe_run (&info);
  g_free (expected);
  expected = g_strdup_printf ("Run 3 · %s · running", date);
  g_assert_cmpstr (running, ==, expected);
}

/* ---- LwViewQuery ------------------------------------------------------------------------------ */

/* A query whose worker waits at a gate the test opens. */
typedef struct
{
  GMutex   lock;
  GCond    cond;
  gboolean open;
  int      runs;      /* atomic: jobs that ran, with a store */
  int      freed;     /* atomic: jobs freed, on whichever thread */
  guint    prepared;
  guint    applied;
  gboolean wants;     /* what wants_run answers */
} Gate;

static Gate gate;

static void
gate_set (gboolean open)
{
  g_mutex_lock (&gate.lock);
  gate.open = open;
  g_cond_broadcast (&gate.cond);
  g_mutex_unlock (&gate.lock);
}

static gpointer
gate_prepare (GtkWidget *owner)
{
  gate.prepared++;
  return g_new0 (int, 1);
}

static gboolean
gate_run (LwStore      *store,
          gpointer      job,
          GCancellable *cancellable,
          GError      **error)
{
  g_mutex_lock (&gate.lock);
  while (!gate.open)
    g_cond_wait (&gate.cond, &gate.lock);
  g_mutex_unlock (&gate.lock);
  if (store != NULL)
    g_atomic_int_inc (&gate.runs);
  return TRUE;
}

static gboolean
gate_apply (GtkWidget    *owner,
            gpointer      job,
            const GError *error)
{
  g_assert_true (GTK_IS_LABEL (owner));
  g_assert_no_error (error);
  gate.applied++;
  return FALSE;
}

static void
gate_free (gpointer job)
{
  g_free (job);
  g_atomic_int_inc (&gate.freed);
}

static gboolean
gate_wants (GtkWidget *owner,
            gint64     run,
            gboolean   finished)
{
  return gate.wants;
}

static const LwViewQueryFuncs gate_funcs = {
  .prepare = gate_prepare,
  .run = gate_run,
  .apply = gate_apply,
  .free_job = gate_free,
  .wants_run = gate_wants,
};

static void
iterate_until_freed (int n)
{
  gint64 end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (g_atomic_int_get (&gate.freed) < n && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpint (g_atomic_int_get (&gate.freed), ==, n);
  /* The callback that follows the free, if any, has run. */
  for (guint i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
}

/* One query at a time: progress while one runs makes one more after it;
 * what the owner does not show queries nothing; unmapped, the query is
 * dropped and progress ignored; "map" queries afresh; a result whose
 * owner is gone (or after close) is dropped, and every job is freed. */
static void
test_view_query (Fixture       *fixture,
                 gconstpointer  data)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *owner = gtk_label_new ("figures");
  g_autoptr(LwViewQuery) query = NULL;

  memset (&gate, 0, sizeof gate);
  g_mutex_init (&gate.lock);
  g_cond_init (&gate.cond);
  gate.wants = TRUE;

  gtk_window_set_child (GTK_WINDOW (window), owner);
  query = lw_view_query_new (owner, fixture->workspace, &gate_funcs);
  gtk_window_present (GTK_WINDOW (window));
  /* Mapping queries. */
  while (!gtk_widget_get_mapped (owner))
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (lw_view_query_is_running (query));
  g_assert_cmpuint (lw_view_query_get_n_queries (query), ==, 1);

  /* Ten progress reports while it runs: one query follows. */
  for (guint i = 0; i < 10; i++)
    lw_workspace_run_progress (fixture->workspace, 1, FALSE);
  g_assert_cmpuint (lw_view_query_get_n_queries (query), ==, 1);
  gate_set (TRUE);
  iterate_until_freed (2);
  g_assert_cmpuint (lw_view_query_get_n_queries (query), ==, 2);
  g_assert_cmpuint (gate.applied, ==, 2);
  g_assert_cmpint (g_atomic_int_get (&gate.runs), ==, 2);
  g_assert_false (lw_view_query_is_running (query));

  /* A run the owner does not show: nothing. */
  gate.wants = FALSE;
  lw_workspace_run_progress (fixture->workspace, 7, FALSE);
  g_assert_false (lw_view_query_is_running (query));
  gate.wants = TRUE;

  /* A refresh drops the query running: only the newer one applies. */
  gate_set (FALSE);
  lw_view_query_refresh (query);
  lw_view_query_refresh (query);
  g_assert_cmpuint (lw_view_query_get_n_queries (query), ==, 4);
  gate_set (TRUE);
  iterate_until_freed (4);
  g_assert_cmpuint (gate.applied, ==, 3);

  /* Unmapped: the query running is dropped, progress queries nothing. */
  gate_set (FALSE);
  lw_view_query_queue (query);
  g_assert_true (lw_view_query_is_running (query));
  gtk_widget_set_visible (owner, FALSE);
  g_assert_false (gtk_widget_get_mapped (owner));
  g_assert_false (lw_view_query_is_running (query));
  lw_workspace_run_progress (fixture->workspace, 1, FALSE);
  g_assert_cmpuint (lw_view_query_get_n_queries (query), ==, 5);
  gate_set (TRUE);
  iterate_until_freed (5);
  g_assert_cmpuint (gate.applied, ==, 3);
  /* Shown again: afresh. */
  gtk_widget_set_visible (owner, TRUE);
  g_assert_cmpuint (lw_view_query_get_n_queries (query), ==, 6);
  iterate_until_freed (6);
  g_assert_cmpuint (gate.applied, ==, 4);

  /* The owner goes while a query runs: its result is dropped. */
  gate_set (FALSE);
  lw_view_query_queue (query);
  g_assert_true (lw_view_query_is_running (query));
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_false (lw_view_query_is_running (query));
  gate_set (TRUE);
  iterate_until_freed (7);
  g_assert_cmpuint (gate.applied, ==, 4);
  g_assert_cmpuint (gate.prepared, ==, 7);

  /* Closed: nothing more runs. */
  lw_view_query_close (query);
  lw_view_query_refresh (query);
  lw_view_query_queue (query);
  g_assert_cmpuint (lw_view_query_get_n_queries (query), ==, 7);

  g_mutex_clear (&gate.lock);
  g_cond_clear (&gate.cond);
}

/* The SLA monitor dropped while its query runs, its workspace with it:
 * nothing of it runs afterwards (it was seen finishing after its
 * workspace was gone). */
static void
test_sla_monitor_dropped (Fixture       *fixture,
                          gconstpointer  data)
{
  for (guint i = 0; i < 5; i++)
    {
      GtkWidget *window = gtk_window_new ();
      GtkWidget *page = lw_sla_monitor_page_new (fixture->workspace);

      gtk_window_set_child (GTK_WINDOW (window), page);
      gtk_window_present (GTK_WINDOW (window));
      while (!gtk_widget_get_mapped (page))
        g_main_context_iteration (NULL, TRUE);
      lw_sla_monitor_page_refresh (LW_SLA_MONITOR_PAGE (page));
      g_assert_true (lw_sla_monitor_page_is_querying (LW_SLA_MONITOR_PAGE (page)));
      gtk_window_destroy (GTK_WINDOW (window));
      g_clear_object (&fixture->workspace);
      for (guint k = 0; k < 50; k++)
        g_main_context_iteration (NULL, FALSE);
      g_usleep (20000);
      for (guint k = 0; k < 50; k++)
        g_main_context_iteration (NULL, FALSE);
      fixture->workspace = lw_workspace_open (fixture->path, 1700000000, NULL);
      g_assert_nonnull (fixture->workspace);
    }
}

int
main (int    argc,
      char **argv)
{
  const char *dirs = g_getenv ("XDG_DATA_DIRS");

  system_data_dirs = g_strdup (dirs != NULL && *dirs != '\0' ? dirs : "/usr/local/share:/usr/share");
  /* The schemas are looked up once: before isolation, so that the file
   * chooser finds GTK's own beside the application's. */
  g_settings_schema_source_get_default ();
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  if (!gtk_init_check ())
    {
      g_test_message ("no display");
      return 77;
    }
  adw_init ();

  g_test_add ("/gui/views/run-and-funnel", Fixture, NULL, fixture_set_up, test_run_and_funnel,
              fixture_tear_down);
  g_test_add ("/gui/views/cancel", Fixture, NULL, fixture_set_up, test_cancel, fixture_tear_down);
  g_test_add ("/gui/views/routing-results", Fixture, NULL, fixture_set_up, test_routing_results,
              fixture_tear_down);
  g_test_add ("/gui/views/funnel-filters", Fixture, NULL, fixture_set_up, test_funnel_filters,
              fixture_tear_down);
  g_test_add ("/gui/views/funnel-comparison", Fixture, NULL, fixture_set_up, test_funnel_comparison,
              fixture_tear_down);
  g_test_add ("/gui/views/live-updates", Fixture, NULL, fixture_set_up, test_live_updates,
              fixture_tear_down);
  g_test_add ("/gui/views/view-query", Fixture, NULL, fixture_set_up, test_view_query, fixture_tear_down);
  g_test_add ("/gui/views/sla-monitor-dropped", Fixture, NULL, fixture_set_up, test_sla_monitor_dropped,
              fixture_tear_down);
  g_test_add_func ("/gui/views/run-label", test_run_label);
  g_test_add_func ("/gui/views/table-export", test_table_export);
  g_test_add_func ("/gui/views/table-export-errors", test_table_export_errors);
  g_test_add_func ("/gui/views/table-export-dialog", test_table_export_dialog);
  return g_test_run ();
}
