/* test-gui-leadlist-1m.c: the Leads page over a million leads
 *
 * A run of 1,000,000 simulated leads (the simulator at full speed, the
 * engine's fastest way to a realistic run: some tens of seconds), then the
 * Leads page scrolled from the first lead to the last: the last row shows
 * the last lead, and the lazy model never held more than its cache bound,
 * nor read more than a few pages on the way.
 *
 * The page (owned by the Leads page's author) has no scrolling API of its
 * own: the test scrolls the column view's vertical adjustment, as the
 * scroll bar does, and reads the model through its public API.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <adwaita.h>
#include <glib/gstdio.h>

#include "lw-config-json.h"
#include "lw-lead-list-model.h"
#include "lw-leads-page.h"
#include "lw-scenario.h"
#include "lw-sim-store.h"
#include "lw-simulator.h"
#include "lw-store.h"
#include "lw-workspace.h"

#define N_LEADS 1000000u

static char *system_data_dirs;

static GtkWidget *
find_type (GtkWidget *widget,
           GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  if (GTK_IS_POPOVER (widget))
    return NULL;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_type (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The inscription under @widget that shows @text and is on screen. */
static GtkWidget *
find_shown_text (GtkWidget  *widget,
                 const char *text)
{
  if (GTK_IS_INSCRIPTION (widget) && gtk_widget_get_mapped (widget) &&
      gtk_widget_get_child_visible (widget) &&
      g_strcmp0 (gtk_inscription_get_text (GTK_INSCRIPTION (widget)), text) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (!gtk_widget_get_child_visible (child))
        continue;
      found = find_shown_text (child, text);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
}

static gint64
simulate_million (const char *path,
                  LwConfig   *config)
{
  g_autofree char *scenario_path = g_build_filename (g_getenv ("LW_SAMPLES_DIR"), "inbound-scenario.json", NULL);
  g_autofree char *scenario_json = NULL;
  g_autoptr(LwScenario) scenario = NULL;
  g_autoptr(LwSimulation) simulation = NULL;
  g_autoptr(LwStore) store = NULL;
  g_autoptr(GError) error = NULL;
  LwSimOptions options = LW_SIM_OPTIONS_INIT;
  gint64 start = g_get_monotonic_time ();
  gint64 run = 0;

  g_file_get_contents (scenario_path, &scenario_json, NULL, &error);
  g_assert_no_error (error);
  scenario = lw_scenario_load_data (scenario_json, -1, scenario_path, NULL, &error);
  g_assert_no_error (error);
  options.leads = N_LEADS;
  options.days = 365;
  options.seed = 1;
  simulation = lw_simulation_new (config, scenario, &options, &error);
  g_assert_no_error (error);
  store = lw_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (lw_simulate_into_store (store, simulation, scenario, 1, scenario_json, 1700000000,
                                         NULL, NULL, NULL, &run, &error));
  g_assert_no_error (error);
  g_test_message ("1,000,000 leads simulated and stored in %.1f s",
                  (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);
  return run;
}

static void
test_scroll_to_end (void)
{
  g_autofree char *sample = g_build_filename (g_getenv ("LW_SAMPLES_DIR"), "b2b-playbook.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LwConfig) config = lw_config_load_file (sample, NULL, &error);
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(LwWorkspace) workspace = NULL;
  g_autoptr(LwStore) store = NULL;
  g_autoptr(GPtrArray) first_rows = NULL;
  g_autoptr(GPtrArray) last_rows = NULL;
  g_autofree char *last_id = g_strdup_printf ("%u", N_LEADS);
  const LwLeadSummary *last;
  GtkWidget *window, *page, *view;
  GtkSingleSelection *selection;
  GtkAdjustment *vadjustment;
  LwLeadListModel *model;
  GtkWidget *cell = NULL;
  guint32 first_lead = 1, last_lead = N_LEADS;
  guint bound;
  gint64 run, end;

  g_setenv ("XDG_DATA_DIRS", system_data_dirs, TRUE);
  g_assert_no_error (error);
  dir = g_dir_make_tmp ("lw-test-1m-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "million.leadwright", NULL);
  workspace = lw_workspace_create (path, config, "Test", 1700000000, &error);
  g_assert_no_error (error);
  run = simulate_million (path, config);

  /* What the last row must show, read from the store. */
  store = lw_store_open (path, &error);
  g_assert_no_error (error);
  last_rows = lw_store_get_lead_rows (store, run, config, &last_lead, 1, &error);
  g_assert_no_error (error);
  last = g_ptr_array_index (last_rows, 0);
  g_assert_nonnull (last);
  g_assert_nonnull (last->email);
  first_rows = lw_store_get_lead_rows (store, run, config, &first_lead, 1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (((LwLeadSummary *) g_ptr_array_index (first_rows, 0))->email);

  window = gtk_window_new ();
  page = lw_leads_page_new (workspace);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));

  /* The page lists the run: a million positions. */
  view = find_type (page, GTK_TYPE_COLUMN_VIEW);
  g_assert_nonnull (view);
  selection = GTK_SINGLE_SELECTION (gtk_column_view_get_model (GTK_COLUMN_VIEW (view)));
  end = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;
  while (g_list_model_get_n_items (G_LIST_MODEL (selection)) < N_LEADS && g_get_monotonic_time () < end)
    spin (10);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (selection)), ==, N_LEADS);
  model = LW_LEAD_LIST_MODEL (gtk_single_selection_get_model (selection));
  g_assert_true (LW_IS_LEAD_LIST_MODEL (model));
  g_assert_cmpint (lw_lead_list_model_get_run (model), ==, run);
  bound = lw_lead_list_model_get_page_size (model) * lw_lead_list_model_get_max_pages (model);
  spin (200);
  g_assert_nonnull (find_shown_text (view, ((LwLeadSummary *) g_ptr_array_index (first_rows, 0))->email));

  /* Scroll as a scroll bar would: to the middle, then to the end. The
   * list view estimates the height of rows it has not made, so the end
   * moves as it goes: keep at it until the last lead is on screen. */
  vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));
  gtk_adjustment_set_value (vadjustment, (gtk_adjustment_get_upper (vadjustment) -
                                          gtk_adjustment_get_page_size (vadjustment)) / 2);
  spin (200);
  end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  while (cell == NULL && g_get_monotonic_time () < end)
    {
      gtk_adjustment_set_value (vadjustment, gtk_adjustment_get_upper (vadjustment) -
                                             gtk_adjustment_get_page_size (vadjustment));
      spin (50);
      cell = find_shown_text (view, last_id);
    }
  g_assert_nonnull (cell);

  /* Lead 1,000,000's row shows lead 1,000,000: its email in the same row. */
  {
    GtkWidget *row = gtk_widget_get_parent (gtk_widget_get_parent (cell));

    g_assert_nonnull (row);
    g_assert_nonnull (find_shown_text (row, last->email));
  }
  /* The first lead is long off screen. */
  g_assert_null (find_shown_text (view, ((LwLeadSummary *) g_ptr_array_index (first_rows, 0))->email));

  /* Bounded: the cache never held more than its pages, and the way down
   * read a few pages, not the million rows. */
  g_test_message ("rows cached %u (peak %u, bound %u), rows read %" G_GUINT64_FORMAT,
                  lw_lead_list_model_get_cached_rows (model), lw_lead_list_model_get_peak_cached_rows (model),
                  bound, lw_lead_list_model_get_rows_loaded (model));
  g_assert_cmpuint (lw_lead_list_model_get_cached_rows (model), <=, bound);
  g_assert_cmpuint (lw_lead_list_model_get_peak_cached_rows (model), <=, bound);
  g_assert_cmpuint (lw_lead_list_model_get_rows_loaded (model), <=, 4 * bound);

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&workspace);
  g_clear_pointer (&store, lw_store_unref);
  {
    const char *suffixes[] = { "", "-wal", "-shm" };

    for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
      {
        g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

        g_unlink (file);
      }
    g_rmdir (dir);
  }
}

int
main (int    argc,
      char **argv)
{
  const char *dirs = g_getenv ("XDG_DATA_DIRS");

  system_data_dirs = g_strdup (dirs != NULL && *dirs != '\0' ? dirs : "/usr/local/share:/usr/share");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  if (!gtk_init_check ())
    {
      g_test_message ("no display");
      return 77;
    }
  adw_init ();

  g_test_add_func ("/gui/leadlist-1m/scroll-to-end", test_scroll_to_end);
  return g_test_run ();
}
