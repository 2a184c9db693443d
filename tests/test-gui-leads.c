/* test-gui-leads.c: the lead list and its inspector, driven as a person would
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "lw-config-json.h"
#include "lw-lead-inspector.h"
#include "lw-lead-list-model.h"
#include "lw-lead-row.h"
#include "lw-leads-page.h"
#include "lw-scenario.h"
#include "lw-sim-store.h"
#include "lw-simulator.h"
#include "lw-workspace.h"

#define N_LEADS 300

typedef struct
{
  char        *dir;
  LwWorkspace *workspace;
  GtkWidget   *window;
  GtkWidget   *page;
  gint64       run;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *config_path = g_build_filename (g_getenv ("LW_SAMPLES_DIR"), "b2b-playbook.json", NULL);
  g_autofree char *scenario_path = g_build_filename (g_getenv ("LW_SAMPLES_DIR"), "inbound-scenario.json", NULL);
  g_autofree char *path = NULL;
  g_autofree char *scenario_json = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LwConfig) config = lw_config_load_file (config_path, NULL, &error);
  g_autoptr(LwScenario) scenario = NULL;
  g_autoptr(LwSimulation) simulation = NULL;
  LwSimOptions options = LW_SIM_OPTIONS_INIT;

  g_assert_no_error (error);
  fixture->dir = g_dir_make_tmp ("test-gui-leads-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "test.leadwright", NULL);
  fixture->workspace = lw_workspace_create (path, config, "test", 1700000000, &error);
  g_assert_no_error (error);

  g_file_get_contents (scenario_path, &scenario_json, NULL, &error);
  g_assert_no_error (error);
  scenario = lw_scenario_load_data (scenario_json, -1, scenario_path, NULL, &error);
  g_assert_no_error (error);
  options.leads = N_LEADS;
  options.days = 5;
  options.seed = 7;
  simulation = lw_simulation_new (config, scenario, &options, &error);
  g_assert_no_error (error);
  lw_simulate_into_store (lw_workspace_get_store (fixture->workspace), simulation, scenario, 1,
                          scenario_json, 1700000000, NULL, NULL, NULL, &fixture->run, &error);
  g_assert_no_error (error);

  fixture->page = lw_leads_page_new (fixture->workspace);
  fixture->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1200, 800);
  gtk_window_set_child (GTK_WINDOW (fixture->window), fixture->page);
  gtk_window_present (GTK_WINDOW (fixture->window));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *path = g_strdup (lw_workspace_get_path (fixture->workspace));
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->workspace);
  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

static GtkWidget *
find_widget (GtkWidget *widget,
             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  /* Not inside popovers (the run drop-down's own search entry). */
  if (GTK_IS_POPOVER (widget))
    return NULL;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
has_label (GtkWidget  *widget,
           const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0)
    return gtk_widget_is_drawable (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_label (child, text))
      return TRUE;
  return FALSE;
}

static void
iterate_until (gboolean (*done) (gpointer),
               gpointer  data)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (!done (data) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_true (done (data));
}

static void
iterate_for (guint ms)
{
  gint64 deadline = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
}

static GtkSingleSelection *
selection (Fixture *fixture)
{
  GtkColumnView *view = GTK_COLUMN_VIEW (find_widget (fixture->page, GTK_TYPE_COLUMN_VIEW));

  g_assert_nonnull (view);
  return GTK_SINGLE_SELECTION (gtk_column_view_get_model (view));
}

static gboolean
not_loading (gpointer data)
{
  return !lw_lead_inspector_get_loading (data);
}

static gboolean
has_n_items (gpointer data)
{
  Fixture *fixture = data;

  return g_list_model_get_n_items (G_LIST_MODEL (selection (fixture))) > 0;
}

/* The page lists a run's leads on a worker: the tests start once it has. */
static void
fixture_set_up_listed (Fixture       *fixture,
                       gconstpointer  data)
{
  fixture_set_up (fixture, data);
  iterate_until (has_n_items, fixture);
}

static void
test_lists_the_run (Fixture       *fixture,
                    gconstpointer  data)
{
  GtkSingleSelection *sel = selection (fixture);
  LwLeadListModel *model = LW_LEAD_LIST_MODEL (gtk_single_selection_get_model (sel));

  g_assert_nonnull (model);
  g_assert_cmpint (lw_lead_list_model_get_run (model), ==, fixture->run);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (sel)), ==, N_LEADS);
  /* Nothing selected yet: the inspector waits. */
  g_assert_cmpuint (gtk_single_selection_get_selected (sel), ==, GTK_INVALID_LIST_POSITION);
}

static void
test_select_shows_lead (Fixture       *fixture,
                        gconstpointer  data)
{
  GtkSingleSelection *sel = selection (fixture);
  LwLeadInspector *inspector = LW_LEAD_INSPECTOR (find_widget (fixture->page, LW_TYPE_LEAD_INSPECTOR));
  g_autoptr(LwLeadRow) row = NULL;
  g_autofree char *title = NULL;

  g_assert_nonnull (inspector);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (inspector)));

  gtk_single_selection_set_selected (sel, 41);
  row = g_list_model_get_item (G_LIST_MODEL (sel), 41);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (inspector)));
  g_assert_cmpuint (lw_lead_inspector_get_lead (inspector), ==, lw_lead_row_get_id (row));
  g_assert_true (lw_lead_inspector_get_loading (inspector));

  /* The title names the lead, and the explanation loads on a thread. */
  title = g_strdup_printf ("Lead %u", lw_lead_row_get_id (row));
  iterate_for (100);
  g_assert_true (has_label (GTK_WIDGET (inspector), title));
  g_assert_true (has_label (GTK_WIDGET (inspector), lw_lead_row_get_email (row)));
  iterate_until (not_loading, inspector);
  g_assert_cmpuint (lw_lead_inspector_get_lead (inspector), ==, lw_lead_row_get_id (row));

  /* Another lead supersedes the first at once. */
  gtk_single_selection_set_selected (sel, 3);
  g_assert_cmpuint (lw_lead_inspector_get_lead (inspector), ==, 4);
  gtk_single_selection_set_selected (sel, GTK_INVALID_LIST_POSITION);
  g_assert_cmpuint (lw_lead_inspector_get_lead (inspector), ==, 0);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (inspector)));
  g_assert_false (lw_lead_inspector_get_loading (inspector));
}

typedef struct
{
  LwLeadListModel *model;
  LwLeadColumn     column;
  gboolean         descending;
} SortWait;

static gboolean
sorted (gpointer data)
{
  SortWait *wait = data;

  return lw_lead_list_model_get_sort_column (wait->model) == wait->column
         && lw_lead_list_model_get_descending (wait->model) == wait->descending;
}

static void
test_header_sorts (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkColumnView *view = GTK_COLUMN_VIEW (find_widget (fixture->page, GTK_TYPE_COLUMN_VIEW));
  GListModel *columns = gtk_column_view_get_columns (view);
  GtkSingleSelection *sel = selection (fixture);
  SortWait wait = { LW_LEAD_LIST_MODEL (gtk_single_selection_get_model (sel)), LW_LEAD_COLUMN_TOTAL, TRUE };
  g_autoptr(GtkColumnViewColumn) total = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_strcmp0 (gtk_column_view_column_get_title (column), "Total") == 0)
        total = g_object_ref (column);
    }
  g_assert_nonnull (total);

  gtk_column_view_sort_by_column (view, total, GTK_SORT_DESCENDING);
  iterate_until (sorted, &wait);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (sel)), ==, N_LEADS);
  for (guint i = 0; i + 1 < 20; i++)
    {
      g_autoptr(LwLeadRow) a = g_list_model_get_item (G_LIST_MODEL (sel), i);
      g_autoptr(LwLeadRow) b = g_list_model_get_item (G_LIST_MODEL (sel), i + 1);

      g_assert_cmpfloat (lw_lead_row_get_total (a), >=, lw_lead_row_get_total (b));
    }

  /* Back to no sort: by id. */
  gtk_column_view_sort_by_column (view, NULL, GTK_SORT_ASCENDING);
  wait.column = LW_LEAD_COLUMN_ID;
  wait.descending = FALSE;
  iterate_until (sorted, &wait);
}

static gboolean
searched (gpointer data)
{
  Fixture *fixture = data;
  LwLeadListModel *model = LW_LEAD_LIST_MODEL (gtk_single_selection_get_model (selection (fixture)));

  return g_strcmp0 (lw_lead_list_model_get_search (model), "gmail") == 0;
}

static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  GtkWidget *entry = find_widget (fixture->page, GTK_TYPE_SEARCH_ENTRY);
  GtkSingleSelection *sel = selection (fixture);
  guint n;

  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), "gmail");
  /* search-changed comes after a short delay. */
  iterate_until (searched, fixture);
  iterate_for (50);
  n = g_list_model_get_n_items (G_LIST_MODEL (sel));
  g_assert_cmpuint (n, >, 0);
  g_assert_cmpuint (n, <, N_LEADS);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LwLeadRow) row = g_list_model_get_item (G_LIST_MODEL (sel), i);
      g_autofree char *text = g_strjoin (" ", lw_lead_row_get_email (row) ? lw_lead_row_get_email (row) : "",
                                         lw_lead_row_get_company (row) ? lw_lead_row_get_company (row) : "",
                                         lw_lead_row_get_name (row) ? lw_lead_row_get_name (row) : "",
                                         NULL);
      g_autofree char *folded = g_utf8_strdown (text, -1);

      g_assert_nonnull (strstr (folded, "gmail"));
    }

  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  iterate_until (has_n_items, fixture);
}

int
main (int    argc,
      char **argv)
{
  if (!gtk_init_check ())
    return 77;
  adw_init ();
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/leads/lists-the-run", Fixture, NULL, fixture_set_up_listed, test_lists_the_run, fixture_tear_down);
  g_test_add ("/leads/select-shows-lead", Fixture, NULL, fixture_set_up_listed, test_select_shows_lead, fixture_tear_down);
  g_test_add ("/leads/header-sorts", Fixture, NULL, fixture_set_up_listed, test_header_sorts, fixture_tear_down);
  g_test_add ("/leads/search", Fixture, NULL, fixture_set_up_listed, test_search, fixture_tear_down);

  return g_test_run ();
}
