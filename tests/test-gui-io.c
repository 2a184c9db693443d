/* test-gui-io.c: the Export menu and the imports, driven as a person would
 *
 * The window opens the default workspace (the sample playbook, in a
 * private XDG_DATA_HOME). A hostile lead CSV (a BOM, CRLF, a quoted cell
 * with a comma, doubled quotes and a line break, a row whose Employees is
 * "lots") goes through the import dialog: its columns map by name, the
 * bad row is reported at its row and column, "Import nothing" imports
 * nothing (also when the file turns bad between the read and the import),
 * "Skip rows with problems" imports the good rows, the mapping is kept for
 * next time and the leads replay as a run. Salesforce assignment rules
 * import as one edit that Undo takes back byte for byte. Each export
 * writes a file that the engine reads back, and shows its warnings.
 *
 * With LW_IO_SCREENSHOTS=DIR, the dialogs are saved there as PNG files.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "lw-config-json.h"
#include "lw-csv.h"
#include "lw-export-actions.h"
#include "lw-export-hubspot.h"
#include "lw-export-salesforce.h"
#include "lw-import-leads-dialog.h"
#include "lw-import-salesforce.h"
#include "lw-lead-import.h"
#include "lw-scenario.h"
#include "lw-sim-context.h"
#include "lw-sim-store.h"
#include "lw-simulator.h"
#include "lw-store.h"
#include "lw-window.h"
#include "lw-workspace.h"
#include "lw-test-utils.h"

static char *system_data_dirs;

typedef struct
{
  LwWindow *window;
  char     *dir;        /* a private folder for files */
} Fixture;

/* A lead CSV as a CRM or a spreadsheet writes one, with one bad row: row
 * 3 (the header is row 1; row 2 spans two lines), column 5. */
static const char hostile_csv[] =
  "\xef\xbb\xbf"
  "Lead ID,Email,First Name,Notes,Employees\r\n"
  "L1,ana@example.com,Ana,\"Met at the fair, said \"\"call me\"\"\r\nnext week\",250\r\n"
  "L2,bo@example.com,Bo,plain,lots\r\n"
  "L3,cy@example.com,Cy,,12\r\n";

/* ---- helpers ------------------------------------------------------------------ */

static void
iterate (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
wait_until_idle (LwWindow *window)
{
  while (lw_window_get_busy (window))
    g_main_context_iteration (NULL, TRUE);
  iterate ();
}

static gboolean
timed_out_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Iterates until @done says yes, for at most 30 s. */
static void
wait_for (gboolean    (*done) (gpointer data),
          gpointer      data)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (30, timed_out_cb, &timed_out);

  while (!done (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (id);
  iterate ();
}

static GtkWindow *
find_dialog (GtkWindow *parent,
             GType      type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  GtkWindow *found = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (toplevel, type) &&
          gtk_window_get_transient_for (toplevel) == parent &&
          gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        found = toplevel;
    }
  return found;
}

static void
close_dialogs (GtkWindow *parent)
{
  GtkWindow *dialog;

  while ((dialog = find_dialog (parent, GTK_TYPE_WINDOW)) != NULL)
    {
      close_dialogs (dialog);
      gtk_window_destroy (dialog);
    }
  iterate ();
}

static char *
write_file (Fixture    *fixture,
            const char *name,
            const char *contents)
{
  char *path = g_build_filename (fixture->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  return path;
}

static void
count_widgets (GtkWidget *widget,
               GType      type,
               GPtrArray *out)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (out, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    count_widgets (child, type, out);
}

static LwStore *
store_of (Fixture *fixture)
{
  return lw_workspace_get_store (lw_window_get_workspace (fixture->window));
}

static GPtrArray *
live_leads (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *leads = lw_store_list_live_leads (store_of (fixture), FALSE, &error);

  g_assert_no_error (error);
  return leads;
}

/* With LW_IO_SCREENSHOTS set, @widget (a window) as DIR/NAME.png. */
static void
save_screenshot (GtkWidget  *widget,
                 const char *name)
{
  const char *dir = g_getenv ("LW_IO_SCREENSHOTS");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  int width, height;

  if (dir == NULL)
    return;
  for (guint i = 0; i < 10; i++)
    {
      gtk_test_widget_wait_for_draw (widget);
      iterate ();
    }
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  path = g_strdup_printf ("%s/%s.png", dir, name);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

/* Scrolls the first scrolled window under @widget to its end. */
static void
scroll_to_end (GtkWidget *widget)
{
  g_autoptr(GPtrArray) scrollers = g_ptr_array_new ();
  GtkAdjustment *adjustment;

  if (g_getenv ("LW_IO_SCREENSHOTS") == NULL)
    return;
  count_widgets (widget, GTK_TYPE_SCROLLED_WINDOW, scrollers);
  g_assert_cmpuint (scrollers->len, >, 0);
  adjustment = gtk_scrolled_window_get_vadjustment (g_ptr_array_index (scrollers, 0));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  iterate ();
}

/* ---- fixture ---------------------------------------------------------------------- */

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  GtkSettings *gtk_settings = gtk_settings_get_default ();

  g_setenv ("XDG_DATA_DIRS", system_data_dirs, TRUE);
  g_settings_reset (settings, "last-workspace");
  g_settings_reset (settings, "open-last-workspace");
  g_object_set (gtk_settings, "gtk-enable-animations", FALSE, NULL);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);

  fixture->dir = g_dir_make_tmp ("lw-io-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->window = lw_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1100, 760);
  gtk_window_present (GTK_WINDOW (fixture->window));
  wait_until_idle (fixture->window);
  g_assert_nonnull (lw_window_get_workspace (fixture->window));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  wait_until_idle (fixture->window);
  close_dialogs (GTK_WINDOW (fixture->window));
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  iterate ();
  lw_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

/* ---- the lead import dialog ----------------------------------------------------------- */

typedef struct
{
  LwImportLeadsDialog *dialog;
  const char          *page;
} PageWait;

static gboolean
on_page (gpointer data)
{
  PageWait *w = data;

  return g_strcmp0 (lw_import_leads_dialog_get_page (w->dialog), w->page) == 0;
}

static void
wait_for_page (LwImportLeadsDialog *dialog,
               const char          *page)
{
  PageWait w = { dialog, page };

  wait_for (on_page, &w);
}

/* After a change of column, the dialog reads the file again: wait until
 * the report is the new one. */
typedef struct
{
  LwImportLeadsDialog      *dialog;
  const LwLeadImportReport *old;
} ReportWait;

static gboolean
new_report (gpointer data)
{
  ReportWait *w = data;

  return lw_import_leads_dialog_get_report (w->dialog) != w->old;
}

static void
wait_for_new_report (LwImportLeadsDialog *dialog)
{
  ReportWait w = { dialog, lw_import_leads_dialog_get_report (dialog) };

  wait_for (new_report, &w);
}

static gboolean
is_import_button (GtkWidget *widget)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), "import.start") == 0;
}

static GtkWidget *
find_import_button (GtkWidget *widget)
{
  if (is_import_button (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_import_button (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Whether the Import button can be pressed (its action is enabled). */
static gboolean
can_import (LwImportLeadsDialog *dialog)
{
  return gtk_widget_get_sensitive (find_import_button (GTK_WIDGET (dialog)));
}

static void
press_import (LwImportLeadsDialog *dialog)
{
  g_assert_true (can_import (dialog));
  g_signal_emit_by_name (find_import_button (GTK_WIDGET (dialog)), "clicked");
}

static gboolean
has_message (gpointer data)
{
  return find_dialog (data, ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

static LwImportLeadsDialog *
open_import_dialog (Fixture    *fixture,
                    const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  LwImportLeadsDialog *dialog;

  lw_export_actions_import_leads (fixture->window, file);
  dialog = LW_IMPORT_LEADS_DIALOG (find_dialog (GTK_WINDOW (fixture->window), LW_TYPE_IMPORT_LEADS_DIALOG));
  g_assert_nonnull (dialog);
  wait_for_page (dialog, "mapping");
  return dialog;
}

static gboolean
replayed (gpointer data)
{
  return lw_import_leads_dialog_get_replay_run (data) != 0;
}

static void
test_import_leads (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *path = write_file (fixture, "leads.csv", hostile_csv);
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(GPtrArray) leads = NULL;
  g_autoptr(LwLeadMapping) saved = NULL;
  g_autoptr(GError) error = NULL;
  const LwLeadImportReport *report;
  const LwImportProblem *problem;
  LwImportLeadsDialog *dialog;
  AdwMessageDialog *message;
  const LwLiveLead *first;
  const char *target = NULL;

  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (fixture->window), "import-leads"));
  dialog = open_import_dialog (fixture, path);

  /* One row per column, each mapped by its name; Notes is no property. */
  count_widgets (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW, rows);
  g_assert_cmpuint (rows->len, ==, 6);   /* five columns and the date order */
  g_assert_cmpstr (adw_preferences_row_get_title (g_ptr_array_index (rows, 0)), ==, "Lead ID");
  g_assert_cmpstr (adw_preferences_row_get_title (g_ptr_array_index (rows, 3)), ==, "Notes");
  g_assert_cmpstr (adw_action_row_get_subtitle (g_ptr_array_index (rows, 3)), ==,
                   "Met at the fair, said \"call me\"…, plain");
  g_assert_cmpstr (adw_action_row_get_subtitle (g_ptr_array_index (rows, 4)), ==, "250, lots, 12");
  g_assert_cmpstr (lw_import_leads_dialog_get_target (dialog, 0), ==, LW_LEAD_IMPORT_TARGET_ID);
  g_assert_cmpstr (lw_import_leads_dialog_get_target (dialog, 1), ==, "email");
  g_assert_cmpstr (lw_import_leads_dialog_get_target (dialog, 2), ==, "first_name");
  g_assert_null (lw_import_leads_dialog_get_target (dialog, 3));
  g_assert_cmpstr (lw_import_leads_dialog_get_target (dialog, 4), ==, "employees");
  /* The combo rows say the same. */
  g_assert_cmpuint (adw_combo_row_get_selected (g_ptr_array_index (rows, 3)), ==, 0);

  /* The bad row, at its row and column. */
  report = lw_import_leads_dialog_get_report (dialog);
  g_assert_cmpuint (report->rows, ==, 3);
  g_assert_cmpuint (report->bad_rows, ==, 1);
  problem = g_ptr_array_index (report->problems, 0);
  g_assert_cmpuint (problem->row, ==, 3);
  g_assert_cmpuint (problem->line, ==, 4);
  g_assert_cmpuint (problem->column, ==, 5);
  g_assert_cmpstr (problem->column_name, ==, "Employees");
  g_assert_cmpstr (problem->value, ==, "lots");
  save_screenshot (GTK_WIDGET (dialog), "import-leads-light");
  scroll_to_end (GTK_WIDGET (dialog));
  save_screenshot (GTK_WIDGET (dialog), "import-leads-light-problems");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  save_screenshot (GTK_WIDGET (dialog), "import-leads-dark");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);

  /* "Import nothing" with a bad row: Import cannot be pressed. */
  g_assert_false (can_import (dialog));
  g_assert_cmpstr (lw_import_leads_dialog_get_page (dialog), ==, "mapping");
  leads = live_leads (fixture);
  g_assert_cmpuint (leads->len, ==, 0);
  g_clear_pointer (&leads, g_ptr_array_unref);

  /* Leaving Employees out, every row reads well... */
  lw_import_leads_dialog_set_target (dialog, 4, NULL);
  g_assert_false (can_import (dialog));   /* until the file is read again */
  wait_for_new_report (dialog);
  report = lw_import_leads_dialog_get_report (dialog);
  g_assert_cmpuint (report->bad_rows, ==, 0);
  g_assert_null (lw_import_leads_dialog_get_target (dialog, 4));

  /* ...but the file goes bad before Import is pressed: one transaction,
   * nothing is written, and the dialog says why. */
  g_free (path);
  path = write_file (fixture, "leads.csv",
                     "Lead ID,Email,First Name,Notes,Employees\n"
                     "L1,ana@example.com,Ana,,250\n"
                     "L2,not an email,Bo,,3\n");
  press_import (dialog);
  wait_for (has_message, dialog);
  g_assert_cmpstr (lw_import_leads_dialog_get_page (dialog), ==, "mapping");
  message = ADW_MESSAGE_DIALOG (find_dialog (GTK_WINDOW (dialog), ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpstr (adw_message_dialog_get_heading (message), ==, "Nothing Was Imported");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (message), "nothing was imported"));
  gtk_window_destroy (GTK_WINDOW (message));
  leads = live_leads (fixture);
  g_assert_cmpuint (leads->len, ==, 0);
  g_clear_pointer (&leads, g_ptr_array_unref);
  report = lw_import_leads_dialog_get_report (dialog);
  g_assert_cmpuint (report->bad_rows, ==, 1);
  problem = g_ptr_array_index (report->problems, 0);
  g_assert_cmpuint (problem->row, ==, 3);
  g_assert_cmpuint (problem->column, ==, 2);
  g_assert_cmpstr (problem->value, ==, "not an email");
  g_assert_false (can_import (dialog));

  /* The hostile file again, Employees back and the notes read as the
   * company, skipping bad rows: the good rows are imported. */
  g_free (path);
  path = write_file (fixture, "leads.csv", hostile_csv);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "import.reload", NULL);
  wait_for_new_report (dialog);
  lw_import_leads_dialog_set_target (dialog, 4, "employees");
  lw_import_leads_dialog_set_target (dialog, 3, "company");
  wait_for_new_report (dialog);
  g_assert_cmpuint (lw_import_leads_dialog_get_report (dialog)->bad_rows, ==, 1);
  g_assert_false (can_import (dialog));
  lw_import_leads_dialog_set_skip_bad (dialog, TRUE);
  press_import (dialog);
  wait_for_page (dialog, "done");

  report = lw_import_leads_dialog_get_report (dialog);
  g_assert_cmpuint (report->imported, ==, 2);
  leads = live_leads (fixture);
  g_assert_cmpuint (leads->len, ==, 2);
  first = g_ptr_array_index (leads, 0);
  g_assert_cmpstr (first->external_id, ==, "L1");
  g_assert_cmpstr (((LwLiveLead *) g_ptr_array_index (leads, 1))->external_id, ==, "L3");
  g_assert_nonnull (strstr (first->properties, "\"employees\": 250"));
  /* The quoted cell, its comma, quotes and line break kept. */
  g_assert_nonnull (strstr (first->properties, "\"company\": \"Met at the fair, said \\\"call me\\\""));
  g_assert_nonnull (strstr (first->properties, "next week\""));
  /* Routed by the rules, on an SLA clock. */
  g_assert_nonnull (first->owner);

  /* The mapping is kept in the workspace for next time. */
  saved = lw_lead_mapping_load_saved (store_of (fixture), &error);
  g_assert_no_error (error);
  g_assert_nonnull (saved);
  g_assert_true (lw_lead_mapping_lookup (saved, "Notes", &target));
  g_assert_cmpstr (target, ==, "company");
  g_assert_true (lw_lead_mapping_lookup (saved, "Lead ID", &target));
  g_assert_cmpstr (target, ==, LW_LEAD_IMPORT_TARGET_ID);

  /* The replay records the two leads as a run. */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "import.replay", NULL);
  wait_for (replayed, dialog);
  {
    g_autoptr(LwRunInfo) run = lw_store_get_run (store_of (fixture), lw_import_leads_dialog_get_replay_run (dialog),
                                                 &error);

    g_assert_no_error (error);
    g_assert_cmpint (run->status, ==, LW_RUN_FINISHED);
    g_assert_cmpuint (run->leads, ==, 2);
  }
  save_screenshot (GTK_WIDGET (dialog), "import-leads-done");
  gtk_window_destroy (GTK_WINDOW (dialog));
  iterate ();

  /* Next time, the kept mapping applies: the notes, chosen by hand last
   * time, go to the company again. */
  {
    g_autofree char *other = write_file (fixture, "more.csv",
                                         "Notes,Employees,Email\nhello,7,dee@example.com\n");

    dialog = open_import_dialog (fixture, other);
    g_assert_cmpstr (lw_import_leads_dialog_get_target (dialog, 0), ==, "company");
    g_assert_cmpstr (lw_import_leads_dialog_get_target (dialog, 1), ==, "employees");
    g_assert_cmpstr (lw_import_leads_dialog_get_target (dialog, 2), ==, "email");
    gtk_window_destroy (GTK_WINDOW (dialog));
    iterate ();
  }
}

/* Two columns cannot feed one property: choosing it for one lets the
 * other go; a file that does not read says why. */
static void
test_import_leads_columns (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *path = write_file (fixture, "two.csv",
                                      "E-mail,Work email,Company\na@x.com,b@y.com,Acme\n");
  g_autofree char *broken = write_file (fixture, "broken.csv",
                                        "Email,Company\n\"a@x.com,Acme\n");
  LwImportLeadsDialog *dialog = open_import_dialog (fixture, path);
  g_autoptr(GFile) file = NULL;

  g_assert_cmpstr (lw_import_leads_dialog_get_target (dialog, 0), ==, "email");
  g_assert_null (lw_import_leads_dialog_get_target (dialog, 1));
  lw_import_leads_dialog_set_target (dialog, 1, "email");
  g_assert_null (lw_import_leads_dialog_get_target (dialog, 0));
  g_assert_cmpstr (lw_import_leads_dialog_get_target (dialog, 1), ==, "email");
  wait_for_new_report (dialog);
  g_assert_null (((LwImportColumn *) g_ptr_array_index (lw_import_leads_dialog_get_report (dialog)->columns,
                                                        0))->target);
  gtk_window_destroy (GTK_WINDOW (dialog));
  iterate ();

  file = g_file_new_for_path (broken);
  lw_export_actions_import_leads (fixture->window, file);
  dialog = LW_IMPORT_LEADS_DIALOG (find_dialog (GTK_WINDOW (fixture->window), LW_TYPE_IMPORT_LEADS_DIALOG));
  wait_for_page (dialog, "failed");
  g_assert_null (lw_import_leads_dialog_get_report (dialog));
  g_assert_false (can_import (dialog));
}

/* ---- Salesforce assignment rules ------------------------------------------------------ */

static void
test_import_salesforce (Fixture       *fixture,
                        gconstpointer  data)
{
  LwWorkspace *workspace = lw_window_get_workspace (fixture->window);
  g_autofree char *example = g_build_filename (g_getenv ("LW_SHARED_DATA_DIR"), "salesforce",
                                               "example-Lead.assignmentRules-meta.xml", NULL);
  g_autofree char *before = lw_config_to_data (lw_workspace_get_config (workspace), NULL);
  g_autofree char *after = NULL;
  g_autofree char *undone = NULL;
  g_autofree char *bad = write_file (fixture, "bad.xml", "<AssignmentRules><oops></AssignmentRules>");
  g_autoptr(GFile) file = NULL;
  g_autoptr(GPtrArray) report = lw_diagnostics_new ();
  g_autoptr(LwConfig) expected = NULL;
  AdwMessageDialog *dialog;

  if (!g_file_test (example, G_FILE_TEST_IS_REGULAR))
    {
      g_test_skip ("../shared/data/salesforce is not there");
      return;
    }

  /* A file that is not XML changes nothing. */
  file = g_file_new_for_path (bad);
  lw_export_actions_import_salesforce (fixture->window, file);
  wait_until_idle (fixture->window);
  dialog = ADW_MESSAGE_DIALOG (find_dialog (GTK_WINDOW (fixture->window), ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Could Not Import the Assignment Rules");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "bad.xml:"));
  close_dialogs (GTK_WINDOW (fixture->window));
  after = lw_config_to_data (lw_workspace_get_config (workspace), NULL);
  g_assert_cmpstr (after, ==, before);
  g_assert_false (lw_workspace_get_can_undo (workspace));
  g_clear_pointer (&after, g_free);

  /* The example: one edit, the routing the engine makes of it, a report
   * of what did not map. */
  expected = lw_salesforce_import_file (lw_workspace_get_config (workspace), NULL, example, report, NULL);
  g_assert_nonnull (expected);
  g_clear_object (&file);
  file = g_file_new_for_path (example);
  lw_export_actions_import_salesforce (fixture->window, file);
  wait_until_idle (fixture->window);
  after = lw_config_to_data (lw_workspace_get_config (workspace), NULL);
  {
    g_autofree char *expected_bytes = lw_config_to_data (expected, NULL);

    g_assert_cmpstr (after, ==, expected_bytes);
  }
  g_assert_cmpstr (after, !=, before);
  g_assert_cmpstr (lw_workspace_get_undo_description (workspace), ==, "Import Salesforce assignment rules");
  dialog = ADW_MESSAGE_DIALOG (find_dialog (GTK_WINDOW (fixture->window), ADW_TYPE_MESSAGE_DIALOG));
  if (report->len > 0)
    {
      g_autoptr(GPtrArray) rows = g_ptr_array_new ();
      g_autofree char *heading = g_strdup_printf (report->len == 1 ? "Imported With %u Note"
                                                                   : "Imported With %u Notes", report->len);

      g_assert_nonnull (dialog);
      g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, heading);
      count_widgets (adw_message_dialog_get_extra_child (dialog), ADW_TYPE_ACTION_ROW, rows);
      g_assert_cmpuint (rows->len, ==, report->len);
    }
  else
    g_assert_null (dialog);
  close_dialogs (GTK_WINDOW (fixture->window));

  /* Undo gives back the rules byte for byte. */
  g_assert_true (lw_workspace_undo (workspace));
  undone = lw_config_to_data (lw_workspace_get_config (workspace), NULL);
  g_assert_cmpstr (undone, ==, before);
}

/* ---- exports ------------------------------------------------------------------------------ */

static void
export_and_wait (Fixture      *fixture,
                 LwExportKind  kind,
                 const char   *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  lw_export_actions_write (fixture->window, kind, file);
  g_assert_true (lw_window_get_busy (fixture->window));
  /* Nothing else can start meanwhile. */
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (fixture->window), "export-hubspot"));
  wait_until_idle (fixture->window);
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (fixture->window), "export-hubspot"));
}

static void
simulate (Fixture *fixture)
{
  LwWorkspace *workspace = lw_window_get_workspace (fixture->window);
  g_autofree char *scenario_path = g_build_filename (g_getenv ("LW_SAMPLES_DIR"), "inbound-scenario.json", NULL);
  g_autofree char *scenario_json = NULL;
  g_autoptr(LwScenario) scenario = NULL;
  g_autoptr(GError) error = NULL;
  LwSimOptions options = LW_SIM_OPTIONS_INIT;
  LwSimulation *simulation;
  gint64 run = 0;

  g_assert_true (g_file_get_contents (scenario_path, &scenario_json, NULL, &error));
  scenario = lw_scenario_load_data (scenario_json, -1, scenario_path, NULL, &error);
  g_assert_no_error (error);
  options.leads = 200;
  options.days = 3;
  options.seed = 11;
  simulation = lw_simulation_new (lw_workspace_get_config (workspace), scenario, &options, &error);
  g_assert_no_error (error);
  g_assert_true (lw_simulate_into_store (store_of (fixture), simulation, scenario,
                                         lw_workspace_find_current_revision (workspace), scenario_json,
                                         1773000000, NULL, NULL, NULL, &run, &error));
  g_assert_no_error (error);
  lw_simulation_free (simulation);
}

static guint64
count_csv_rows (const char *path,
                char      **first_header)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwCsvReader) reader = lw_csv_reader_new_for_path (path, &error);
  guint64 rows = 0;

  g_assert_no_error (error);
  while (lw_csv_reader_next (reader, NULL, &error))
    {
      guint n;
      const char * const *fields = lw_csv_reader_get_fields (reader, &n);

      if (rows++ == 0)
        *first_header = g_strdup (fields[0]);
    }
  g_assert_no_error (error);
  return rows - 1;
}

static void
test_exports (Fixture       *fixture,
              gconstpointer  data)
{
  LwWorkspace *workspace = lw_window_get_workspace (fixture->window);
  const LwConfig *config = lw_workspace_get_config (workspace);
  g_autofree char *scenario = g_build_filename (fixture->dir, "out scenario.json", NULL);
  g_autofree char *hubspot = g_build_filename (fixture->dir, "hubspot.json", NULL);
  g_autofree char *markdown = g_build_filename (fixture->dir, "playbook.md", NULL);
  g_autofree char *html = g_build_filename (fixture->dir, "playbook.html", NULL);
  g_autofree char *leads_csv = g_build_filename (fixture->dir, "leads.csv", NULL);
  g_autofree char *events_csv = g_build_filename (fixture->dir, "events.csv", NULL);
  g_autofree char *live_csv = g_build_filename (fixture->dir, "live.csv", NULL);
  g_autofree char *folder = g_build_filename (fixture->dir, "salesforce", NULL);
  g_autofree char *text = NULL;
  g_autofree char *header = NULL;
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;

  /* No run yet: the leads of the latest run cannot be exported, and it
   * says so. */
  export_and_wait (fixture, LW_EXPORT_RUN_LEADS, leads_csv);
  dialog = ADW_MESSAGE_DIALOG (find_dialog (GTK_WINDOW (fixture->window), ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Could Not Export");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "no finished run"));
  g_assert_false (g_file_test (leads_csv, G_FILE_TEST_EXISTS));
  close_dialogs (GTK_WINDOW (fixture->window));

  simulate (fixture);
  {
    g_autoptr(LwLiveLead) live = lw_live_lead_new ();

    live->created_at = 1773000000;
    live->external_id = g_strdup ("CRM-1");
    live->properties = g_strdup ("{\"email\": \"ana@example.com\", \"region\": \"EMEA\"}");
    g_assert_cmpint (lw_store_add_live_lead (store_of (fixture), live, 1773000100, &error), >, 0);
    g_assert_no_error (error);
  }

  /* The scenario of the latest run, canonical, loads back. */
  export_and_wait (fixture, LW_EXPORT_SCENARIO, scenario);
  {
    g_autoptr(LwScenario) back = lw_scenario_load_file (scenario, NULL, &error);

    g_assert_no_error (error);
    g_assert_nonnull (back);
  }

  /* HubSpot JSON parses and is the HubSpot export. */
  export_and_wait (fixture, LW_EXPORT_HUBSPOT, hubspot);
  {
    g_autoptr(JsonParser) parser = json_parser_new ();
    g_autoptr(GPtrArray) report = lw_diagnostics_new ();
    g_autofree char *expected = lw_hubspot_export_to_data (config, report, NULL);

    g_assert_true (g_file_get_contents (hubspot, &text, NULL, &error));
    g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
    g_assert_no_error (error);
    g_assert_cmpstr (text, ==, expected);
    dialog = ADW_MESSAGE_DIALOG (find_dialog (GTK_WINDOW (fixture->window), ADW_TYPE_MESSAGE_DIALOG));
    g_assert_true ((dialog != NULL) == (report->len > 0));
    close_dialogs (GTK_WINDOW (fixture->window));
    g_clear_pointer (&text, g_free);
  }

  /* The playbook, with the latest run's figures. */
  export_and_wait (fixture, LW_EXPORT_PLAYBOOK_MARKDOWN, markdown);
  g_assert_true (g_file_get_contents (markdown, &text, NULL, &error));
  g_assert_nonnull (strstr (text, "Simulation of 200 leads over 3 days"));
  g_assert_nonnull (strstr (text, config->name));
  g_clear_pointer (&text, g_free);
  export_and_wait (fixture, LW_EXPORT_PLAYBOOK_HTML, html);
  g_assert_true (g_file_get_contents (html, &text, NULL, &error));
  g_assert_true (g_str_has_prefix (text, "<!DOCTYPE html>"));
  g_assert_nonnull (strstr (text, "Simulation of 200 leads over 3 days"));
  g_clear_pointer (&text, g_free);

  /* CSV of the run's leads and events, and of the live leads. */
  export_and_wait (fixture, LW_EXPORT_RUN_LEADS, leads_csv);
  g_assert_cmpuint (count_csv_rows (leads_csv, &header), ==, 200);
  g_assert_cmpstr (header, ==, "lead_id");
  g_clear_pointer (&header, g_free);
  export_and_wait (fixture, LW_EXPORT_RUN_EVENTS, events_csv);
  g_assert_cmpuint (count_csv_rows (events_csv, &header), >, 200);
  g_clear_pointer (&header, g_free);
  export_and_wait (fixture, LW_EXPORT_LIVE_LEADS, live_csv);
  g_assert_cmpuint (count_csv_rows (live_csv, &header), ==, 1);
  g_assert_cmpstr (header, ==, "live_id");

  /* Salesforce: the folder's files, the warnings listed one per row, and
   * the rules that import back. */
  export_and_wait (fixture, LW_EXPORT_SALESFORCE, folder);
  {
    g_autofree char *rules = g_build_filename (folder, LW_SALESFORCE_ASSIGNMENT_FILE, NULL);
    g_autofree char *package = g_build_filename (folder, LW_SALESFORCE_PACKAGE_FILE, NULL);
    g_autoptr(GPtrArray) report = lw_diagnostics_new ();
    g_autoptr(GPtrArray) import_report = lw_diagnostics_new ();
    g_autoptr(LwSalesforceExport) expected = lw_salesforce_export (config, NULL, report);
    g_autoptr(LwConfig) back = NULL;
    g_autoptr(GPtrArray) rows = g_ptr_array_new ();
    g_autofree char *heading = NULL;

    g_assert_true (g_file_get_contents (rules, &text, NULL, &error));
    g_assert_cmpstr (text, ==, expected->assignment_rules);
    g_assert_true (g_file_test (package, G_FILE_TEST_IS_REGULAR));
    back = lw_salesforce_import_file (config, NULL, rules, import_report, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (back->rules->len, >, 0);

    g_assert_cmpuint (report->len, >, 0);
    dialog = ADW_MESSAGE_DIALOG (find_dialog (GTK_WINDOW (fixture->window), ADW_TYPE_MESSAGE_DIALOG));
    g_assert_nonnull (dialog);
    heading = g_strdup_printf ("Exported With %u Warnings", report->len);
    g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, heading);
    count_widgets (adw_message_dialog_get_extra_child (dialog), ADW_TYPE_ACTION_ROW, rows);
    g_assert_cmpuint (rows->len, ==, report->len);
    g_assert_cmpstr (adw_preferences_row_get_title (g_ptr_array_index (rows, 0)), ==,
                     ((LwDiagnostic *) g_ptr_array_index (report, 0))->message);
    save_screenshot (GTK_WIDGET (dialog), "export-report-light");
    close_dialogs (GTK_WINDOW (fixture->window));
  }
}

static gboolean
run_export_enabled (gpointer data)
{
  Fixture *fixture = data;

  return g_action_group_get_action_enabled (G_ACTION_GROUP (fixture->window), "export-run-leads");
}

/* The exports of the latest run are there when the workspace has a
 * finished run: not before its first run finishes (a running run is not
 * one), not in another workspace without runs, and again when the one
 * with the run comes back. */
static void
test_export_run_enabled (Fixture       *fixture,
                         gconstpointer  data)
{
  GActionGroup *actions = G_ACTION_GROUP (fixture->window);
  LwWorkspace *workspace = lw_window_get_workspace (fixture->window);
  g_autofree char *first = g_strdup (lw_workspace_get_path (workspace));
  g_autofree char *other = g_build_filename (fixture->dir, "other.leadwright", NULL);
  g_autoptr(GFile) first_file = g_file_new_for_path (first);
  g_autoptr(GFile) other_file = g_file_new_for_path (other);
  g_autoptr(GError) error = NULL;
  LwSimContext *context = lw_sim_context_get (workspace);
  GtkWidget *page;

  g_assert_nonnull (first);
  g_assert_true (g_action_group_get_action_enabled (actions, "export-hubspot"));
  g_assert_false (g_action_group_get_action_enabled (actions, "export-run-leads"));
  g_assert_false (g_action_group_get_action_enabled (actions, "export-run-events"));

  /* A run from the Simulate page, small: while it goes on there is no
   * finished run yet; when it has finished, there is. */
  lw_sim_context_get_draft (context)->leads = 300;
  lw_sim_context_draft_changed (context);
  g_assert_cmpuint (lw_sim_context_get_scenario (context)->leads, ==, 300);
  lw_window_show_page (fixture->window, "simulate", NULL);
  iterate ();
  page = lw_window_get_page (fixture->window, "simulate");
  g_assert_nonnull (page);
  g_assert_true (gtk_widget_activate_action (page, "simulate.run", NULL));
  g_assert_false (g_action_group_get_action_enabled (actions, "export-run-leads"));
  wait_for (run_export_enabled, fixture);
  g_assert_true (g_action_group_get_action_enabled (actions, "export-run-events"));

  /* Another workspace, with no run. */
  {
    g_autoptr(LwConfig) config = lw_config_copy (lw_workspace_get_config (workspace));
    g_autoptr(LwWorkspace) made = lw_workspace_create (other, config, "Other", 1773000000, &error);

    g_assert_no_error (error);
  }
  lw_window_open_workspace (fixture->window, other_file);
  wait_until_idle (fixture->window);
  g_assert_cmpstr (lw_workspace_get_path (lw_window_get_workspace (fixture->window)), ==, other);
  g_assert_true (g_action_group_get_action_enabled (actions, "export-hubspot"));
  g_assert_false (g_action_group_get_action_enabled (actions, "export-run-leads"));
  g_assert_false (g_action_group_get_action_enabled (actions, "export-run-events"));

  /* Back to the one with the run. */
  lw_window_open_workspace (fixture->window, first_file);
  wait_until_idle (fixture->window);
  g_assert_cmpstr (lw_workspace_get_path (lw_window_get_workspace (fixture->window)), ==, first);
  g_assert_true (g_action_group_get_action_enabled (actions, "export-run-leads"));
  g_assert_true (g_action_group_get_action_enabled (actions, "export-run-events"));
}

int
main (int    argc,
      char **argv)
{
  const char *dirs = g_getenv ("XDG_DATA_DIRS");

  system_data_dirs = g_strdup (dirs != NULL && *dirs != '\0' ? dirs : "/usr/local/share:/usr/share");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  if (!gtk_init_check ())
    return 77;
  adw_init ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/gui/io/import-leads/hostile", test_import_leads);
  ADD ("/gui/io/import-leads/columns", test_import_leads_columns);
  ADD ("/gui/io/import-salesforce", test_import_salesforce);
  ADD ("/gui/io/exports", test_exports);
  ADD ("/gui/io/export-run-enabled", test_export_run_enabled);
#undef ADD

  return g_test_run ();
}
