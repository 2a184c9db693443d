/* test-gui-views.c: the Simulate, Funnel and SLA monitor pages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <adwaita.h>
#include <glib/gstdio.h>

#include "lw-config-json.h"
#include "lw-funnel-page.h"
#include "lw-simulate-page.h"
#include "lw-sla-monitor-page.h"
#include "lw-store.h"
#include "lw-workspace.h"

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
  g_autofree char *sample = g_build_filename (g_getenv ("LW_SAMPLES_DIR"), "b2b-playbook.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LwConfig) config = lw_config_load_file (sample, NULL, &error);

  g_assert_no_error (error);
  fixture->dir = g_dir_make_tmp ("lw-test-views-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "test.leadwright", NULL);
  fixture->workspace = lw_workspace_create (fixture->path, config, "Test", 1700000000, &error);
  g_assert_no_error (error);
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

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      g_test_message ("no display");
      return 77;
    }
  adw_init ();

  g_test_add ("/gui/views/run-and-funnel", Fixture, NULL, fixture_set_up, test_run_and_funnel,
              fixture_tear_down);
  g_test_add ("/gui/views/cancel", Fixture, NULL, fixture_set_up, test_cancel, fixture_tear_down);
  return g_test_run ();
}
