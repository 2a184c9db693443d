/* test-gui-window.c: the main window, driven as a person would
 *
 * The window opens the default workspace (created from the sample in a
 * private XDG_DATA_HOME), shows every page, undoes and redoes edits made
 * through a page with its own actions, imports good and bad rule sets,
 * saves and restores revisions and opens other workspaces. GTK criticals
 * and warnings are fatal.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "lw-config-json.h"
#include "lw-page.h"
#include "lw-revisions-dialog.h"
#include "lw-store.h"
#include "lw-window.h"
#include "lw-workspace.h"
#include "lw-test-utils.h"

static char *system_data_dirs;

typedef struct
{
  LwWindow *window;
  char     *dir;        /* a private folder for files */
  char     *original;   /* the rule set's bytes once opened */
} Fixture;

/* ---- helpers ------------------------------------------------------------------ */

static void
wait_until_idle (LwWindow *window)
{
  while (lw_window_get_busy (window))
    g_main_context_iteration (NULL, TRUE);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static LwWindow *
open_window (void)
{
  LwWindow *window = lw_window_new (NULL);

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 760);
  gtk_window_present (GTK_WINDOW (window));
  wait_until_idle (window);
  g_assert_nonnull (lw_window_get_workspace (window));
  return window;
}

static void
close_window (LwWindow *window)
{
  wait_until_idle (window);
  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static char *
bytes_of (LwWindow *window)
{
  return lw_config_to_data (lw_workspace_get_config (lw_window_get_workspace (window)), NULL);
}

static GSettings *
settings (void)
{
  return g_settings_new (APP_ID);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) s = settings ();

  /* The isolated XDG_DATA_DIRS has no icon themes or MIME database; the
   * private XDG_DATA_HOME stays. */
  g_setenv ("XDG_DATA_DIRS", system_data_dirs, TRUE);
  g_settings_reset (s, "last-workspace");
  g_settings_reset (s, "open-last-workspace");

  fixture->dir = g_dir_make_tmp ("lw-window-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->window = open_window ();
  fixture->original = bytes_of (fixture->window);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  close_window (fixture->window);
  lw_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->original);
}

/* The first widget under @widget (itself included) for which @match says
 * yes. */
static GtkWidget *
find_widget (GtkWidget *widget,
             gboolean (*match) (GtkWidget *widget, gconstpointer data),
             gconstpointer data)
{
  if (match (widget, data))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, match, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
has_action_name (GtkWidget     *widget,
                 gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), data) == 0;
}

static gboolean
has_css_class (GtkWidget     *widget,
               gconstpointer  data)
{
  return gtk_widget_has_css_class (widget, data);
}

/* The newest toplevel of @type that is transient for @window. */
static GtkWindow *
find_dialog (LwWindow *window,
             GType     type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  GtkWindow *found = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (toplevel, type) &&
          gtk_window_get_transient_for (toplevel) == GTK_WINDOW (window) &&
          gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        found = toplevel;
    }
  return found;
}

static void
close_dialogs (LwWindow *window)
{
  GtkWindow *dialog;

  while ((dialog = find_dialog (window, GTK_TYPE_WINDOW)) != NULL)
    gtk_window_destroy (dialog);
  while (g_main_context_iteration (NULL, FALSE))
    ;
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

/* ---- opening ------------------------------------------------------------------ */

static void
test_opens_default (Fixture       *fixture,
                    gconstpointer  data)
{
  LwWorkspace *workspace = lw_window_get_workspace (fixture->window);
  g_autofree char *default_path = lw_store_default_path ();
  g_autofree char *sample_path = g_build_filename (g_getenv ("LW_SAMPLES_DIR"), "b2b-playbook.json", NULL);
  g_autoptr(LwConfig) sample = lw_config_load_file (sample_path, NULL, NULL);
  g_autofree char *sample_bytes = lw_config_to_data (sample, NULL);
  g_autoptr(GSettings) s = settings ();
  g_autofree char *last = NULL;

  g_assert_cmpstr (lw_workspace_get_path (workspace), ==, default_path);
  g_assert_cmpstr (fixture->original, ==, sample_bytes);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (fixture->window)), ==,
                   "Default workspace — Leadwright");
  g_assert_cmpstr (lw_window_get_visible_page (fixture->window), ==, "lifecycle");

  /* The default workspace is remembered as "" */
  last = g_settings_get_string (s, "last-workspace");
  g_assert_cmpstr (last, ==, "");
}

static void
test_every_page (Fixture       *fixture,
                 gconstpointer  data)
{
  static const char * const ids[] = {
    "properties", "lifecycle", "scoring", "routing", "slas", "team",
    "simulate", "funnel", "sla-monitor", "leads",
  };

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      GtkWidget *page;

      lw_window_show_page (fixture->window, ids[i], NULL);
      g_assert_cmpstr (lw_window_get_visible_page (fixture->window), ==, ids[i]);
      page = lw_window_get_page (fixture->window, ids[i]);
      g_assert_nonnull (page);
      g_assert_true (gtk_widget_get_mapped (page));
      /* Every page is a real page: an editor or a view, none a placeholder. */
      g_assert_true (LW_IS_PAGE (page));
      g_assert_false (ADW_IS_STATUS_PAGE (page));
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }
}

static void
expand_rows (GtkWidget *widget)
{
  if (ADW_IS_EXPANDER_ROW (widget))
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (widget), TRUE);
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    expand_rows (child);
}

/* Every page fits a narrow window (the sidebar folded away; the narrow
 * screenshots are 480 px wide), with all its rows open: no row, condition
 * or drop-down asks for more width. */
static void
test_pages_fit_narrow (Fixture       *fixture,
                         gconstpointer  data)
{
  static const char * const ids[] = {
    "properties", "lifecycle", "scoring", "routing", "slas", "team",
    "simulate", "funnel", "sla-monitor", "routing-results", "leads",
  };

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      GtkWidget *page;
      int minimum;

      lw_window_show_page (fixture->window, ids[i], NULL);
      page = lw_window_get_page (fixture->window, ids[i]);
      expand_rows (page);
      while (g_main_context_iteration (NULL, FALSE))
        ;
      gtk_widget_measure (page, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
      g_test_message ("%s: at least %d px wide", ids[i], minimum);
      g_assert_cmpint (minimum, <=, 460);
    }
}

/* ---- undo and redo ------------------------------------------------------------- */

static void
test_undo_redo_through_page (Fixture       *fixture,
                             gconstpointer  data)
{
  LwWorkspace *workspace = lw_window_get_workspace (fixture->window);
  GtkWidget *undo_button = find_widget (GTK_WIDGET (fixture->window), has_action_name, "win.undo");
  GtkWidget *page;
  g_autofree char *one_rule = NULL;
  g_autofree char *two_rules = NULL;
  g_autofree char *bytes = NULL;
  guint rules = lw_workspace_get_config (workspace)->rules->len;

  g_assert_nonnull (undo_button);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (undo_button), ==, "Undo");
  g_assert_false (gtk_widget_is_sensitive (undo_button));

  lw_window_show_page (fixture->window, "routing", NULL);
  page = lw_window_get_page (fixture->window, "routing");
  g_assert_true (gtk_widget_activate_action (page, "routing.add-rule", NULL));
  one_rule = bytes_of (fixture->window);
  g_assert_true (gtk_widget_activate_action (page, "routing.add-rule", NULL));
  two_rules = bytes_of (fixture->window);
  g_assert_cmpuint (lw_workspace_get_config (workspace)->rules->len, ==, rules + 2);

  g_assert_true (gtk_widget_is_sensitive (undo_button));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (undo_button), ==, "Undo “Add routing rule”");

  /* Undo, undo: the exact rule set it opened with. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL);
  bytes = bytes_of (fixture->window);
  g_assert_cmpstr (bytes, ==, one_rule);
  g_clear_pointer (&bytes, g_free);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL);
  bytes = bytes_of (fixture->window);
  g_assert_cmpstr (bytes, ==, fixture->original);
  g_assert_false (gtk_widget_is_sensitive (undo_button));

  /* Redo, redo: the exact rule set after both edits. */
  g_clear_pointer (&bytes, g_free);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.redo", NULL);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.redo", NULL);
  bytes = bytes_of (fixture->window);
  g_assert_cmpstr (bytes, ==, two_rules);

  /* And the page shows it. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_true (gtk_widget_get_mapped (page));
}

/* The working copy survives closing the window. */
static void
test_autosave_across_windows (Fixture       *fixture,
                              gconstpointer  data)
{
  GtkWidget *page;
  g_autofree char *edited = NULL;
  g_autofree char *reopened = NULL;

  lw_window_show_page (fixture->window, "routing", NULL);
  page = lw_window_get_page (fixture->window, "routing");
  gtk_widget_activate_action (page, "routing.add-rule", NULL);
  edited = bytes_of (fixture->window);

  close_window (fixture->window);
  fixture->window = open_window ();
  reopened = bytes_of (fixture->window);
  g_assert_cmpstr (reopened, ==, edited);
}

/* ---- problems ------------------------------------------------------------------ */

static void
test_problems_go_to_row (Fixture       *fixture,
                         gconstpointer  data)
{
  LwWorkspace *workspace = lw_window_get_workspace (fixture->window);
  LwConfig *config = lw_workspace_dup_config (workspace);
  GtkWidget *list;
  GtkWidget *button;
  GtkListBoxRow *row;
  guint n = 0;

  lw_window_show_page (fixture->window, "lifecycle", NULL);

  /* No fallback owner: an error on the routing page. */
  g_clear_pointer (&config->fallback.owner, g_free);
  g_clear_pointer (&config->fallback.pool, g_free);
  lw_workspace_apply (workspace, config, "Clear fallback");
  g_assert_cmpuint (lw_workspace_get_n_errors (workspace), ==, 1);

  button = find_widget (GTK_WIDGET (fixture->window), has_css_class, "error");
  g_assert_true (GTK_IS_MENU_BUTTON (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  while (g_main_context_iteration (NULL, FALSE))
    ;

  list = find_widget (GTK_WIDGET (fixture->window), has_css_class, "problems");
  g_assert_true (GTK_IS_LIST_BOX (list));
  for (GtkWidget *child = gtk_widget_get_first_child (list); child; child = gtk_widget_get_next_sibling (child))
    n++;
  g_assert_cmpuint (n, ==, 1);

  row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0);
  g_assert_true (gtk_list_box_row_get_activatable (row));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "Routing · $.routing.fallback");
  g_signal_emit_by_name (list, "row-activated", row);
  g_assert_cmpstr (lw_window_get_visible_page (fixture->window), ==, "routing");

  /* Fixed: the list says so, and the button stays usable. */
  g_assert_true (lw_workspace_undo (workspace));
  g_assert_cmpuint (lw_workspace_get_n_errors (workspace), ==, 0);
  button = find_widget (GTK_WIDGET (fixture->window), has_css_class, "success");
  g_assert_true (GTK_IS_MENU_BUTTON (button));
  g_assert_true (gtk_widget_is_sensitive (button));
}

/* ---- import -------------------------------------------------------------------------- */

static void
test_import_bad_file (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *sample_path = g_build_filename (g_getenv ("LW_SAMPLES_DIR"), "b2b-playbook.json", NULL);
  g_autofree char *text = NULL;
  g_autofree char *bad_path = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *bytes = NULL;
  g_autoptr(GFile) file = NULL;
  AdwMessageDialog *dialog;
  const char *body;
  char *at;

  /* The sample with a routing rule that assigns to a pool that does not exist. */
  g_assert_true (g_file_get_contents (sample_path, &text, NULL, NULL));
  at = strstr (text, "\"pool\": \"");
  g_assert_nonnull (at);
  at += strlen ("\"pool\": \"");
  *at = 'Z';
  bad_path = write_file (fixture, "bad rules.json", text);
  file = g_file_new_for_path (bad_path);

  lw_window_import_rules (fixture->window, file);
  g_assert_true (lw_window_get_busy (fixture->window));
  wait_until_idle (fixture->window);

  dialog = ADW_MESSAGE_DIALOG (find_dialog (fixture->window, ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Could Not Import the Rules");
  body = adw_message_dialog_get_body (dialog);
  prefix = g_strdup_printf ("%s:", bad_path);
  g_assert_true (g_str_has_prefix (body, prefix));
  g_assert_true (g_regex_match_simple ("^.*\\.json:[0-9]+:[0-9]+: error: \\$\\.[a-zA-Z.\\[\\]0-9]+pool: ",
                                       body, 0, 0));

  /* Nothing changed, and there is nothing to undo. */
  bytes = bytes_of (fixture->window);
  g_assert_cmpstr (bytes, ==, fixture->original);
  g_assert_false (lw_workspace_get_can_undo (lw_window_get_workspace (fixture->window)));

  adw_message_dialog_response (dialog, "close");
  close_dialogs (fixture->window);

  /* Not JSON at all: the same. */
  g_clear_object (&file);
  g_free (bad_path);
  bad_path = write_file (fixture, "notes.json", "{\n  \"format\": \"leadwright-config\",\n  oops\n}\n");
  file = g_file_new_for_path (bad_path);
  lw_window_import_rules (fixture->window, file);
  wait_until_idle (fixture->window);
  dialog = ADW_MESSAGE_DIALOG (find_dialog (fixture->window, ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "notes.json:3:"));
  close_dialogs (fixture->window);
  g_clear_pointer (&bytes, g_free);
  bytes = bytes_of (fixture->window);
  g_assert_cmpstr (bytes, ==, fixture->original);
}

static void
test_import_good_file (Fixture       *fixture,
                       gconstpointer  data)
{
  LwWorkspace *workspace = lw_window_get_workspace (fixture->window);
  LwConfig *config = lw_workspace_dup_config (workspace);
  g_autofree char *path = NULL;
  g_autofree char *json = NULL;
  g_autofree char *bytes = NULL;
  g_autoptr(GFile) file = NULL;

  g_free (config->name);
  config->name = g_strdup ("Imported playbook");
  json = lw_config_to_data (config, NULL);
  lw_config_unref (config);
  path = write_file (fixture, "imported.json", json);
  file = g_file_new_for_path (path);

  lw_window_import_rules (fixture->window, file);
  wait_until_idle (fixture->window);
  g_assert_null (find_dialog (fixture->window, ADW_TYPE_MESSAGE_DIALOG));
  bytes = bytes_of (fixture->window);
  g_assert_cmpstr (bytes, ==, json);
  g_assert_cmpstr (lw_workspace_get_undo_description (workspace), ==, "Import “imported.json”");

  /* One edit: one undo. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL);
  g_clear_pointer (&bytes, g_free);
  bytes = bytes_of (fixture->window);
  g_assert_cmpstr (bytes, ==, fixture->original);
}

/* Dropping a .json file on the window imports it. */
static void
test_drop_imports (Fixture       *fixture,
                   gconstpointer  data)
{
  LwWorkspace *workspace = lw_window_get_workspace (fixture->window);
  LwConfig *config = lw_workspace_dup_config (workspace);
  g_autoptr(GListModel) controllers = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autofree char *json = NULL;
  g_autofree char *bytes = NULL;
  g_auto(GValue) value = G_VALUE_INIT;
  GtkDropTarget *target = NULL;
  GdkFileList *list;
  gboolean accepted = FALSE;

  g_free (config->name);
  config->name = g_strdup ("Dropped playbook");
  json = lw_config_to_data (config, NULL);
  lw_config_unref (config);
  path = write_file (fixture, "dropped.json", json);
  file = g_file_new_for_path (path);

  controllers = gtk_widget_observe_controllers (GTK_WIDGET (fixture->window));
  for (guint i = 0; i < g_list_model_get_n_items (controllers) && target == NULL; i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        target = GTK_DROP_TARGET (controller);
    }
  g_assert_nonnull (target);

  list = gdk_file_list_new_from_array (&file, 1);
  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, list);
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &accepted);
  g_assert_true (accepted);
  wait_until_idle (fixture->window);

  bytes = bytes_of (fixture->window);
  g_assert_cmpstr (bytes, ==, json);
  g_assert_cmpstr (lw_workspace_get_undo_description (workspace), ==, "Import “dropped.json”");
}

/* ---- revisions ---------------------------------------------------------------------------- */

static void
test_save_and_restore_revision (Fixture       *fixture,
                                gconstpointer  data)
{
  LwWorkspace *workspace = lw_window_get_workspace (fixture->window);
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *edited = NULL;
  g_autofree char *bytes = NULL;
  g_autofree char *diff = NULL;
  AdwMessageDialog *dialog;
  GtkWindow *history;
  GtkWidget *page;

  lw_window_show_page (fixture->window, "routing", NULL);
  page = lw_window_get_page (fixture->window, "routing");
  gtk_widget_activate_action (page, "routing.add-rule", NULL);
  edited = bytes_of (fixture->window);

  /* Save Revision…: a note, then Save. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.save-revision", NULL));
  dialog = ADW_MESSAGE_DIALOG (find_dialog (fixture->window, ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog)), "  One more rule  ");
  adw_message_dialog_response (dialog, "save");
  close_dialogs (fixture->window);

  revisions = lw_workspace_list_revisions (workspace, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (revisions->len, ==, 2);
  g_assert_cmpstr (((LwRevision *) g_ptr_array_index (revisions, 1))->note, ==, "One more rule");
  g_assert_cmpint (lw_workspace_find_current_revision (workspace), ==, 2);

  /* Revision History: revision 1 against the current rules, restored. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-revisions", NULL));
  history = find_dialog (fixture->window, LW_TYPE_REVISIONS_DIALOG);
  g_assert_nonnull (history);
  diff = lw_revisions_dialog_dup_diff (LW_REVISIONS_DIALOG (history));
  g_assert_cmpstr (diff, ==, "");   /* the newest, selected, is current */
  g_clear_pointer (&diff, g_free);

  g_assert_true (lw_revisions_dialog_select (LW_REVISIONS_DIALOG (history), 1));
  diff = lw_revisions_dialog_dup_diff (LW_REVISIONS_DIALOG (history));
  g_assert_true (g_str_has_prefix (diff, "--- revision 1\n+++ current rule set\n"));
  g_test_message ("%s", diff);
  g_assert_nonnull (strstr (diff, "\"label\": \"New rule\""));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (history), "revisions.restore", NULL));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_null (find_dialog (fixture->window, LW_TYPE_REVISIONS_DIALOG));
  bytes = bytes_of (fixture->window);
  g_assert_cmpstr (bytes, ==, fixture->original);

  /* Restoring is undoable. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL);
  g_clear_pointer (&bytes, g_free);
  bytes = bytes_of (fixture->window);
  g_assert_cmpstr (bytes, ==, edited);
}

/* ---- other workspaces ------------------------------------------------------------------------- */

static char *
create_workspace (Fixture    *fixture,
                  const char *name,
                  const char *rules_name)
{
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  LwConfig *config = lw_workspace_dup_config (lw_window_get_workspace (fixture->window));
  g_autoptr(LwWorkspace) workspace = NULL;
  g_autoptr(GError) error = NULL;

  g_free (config->name);
  config->name = g_strdup (rules_name);
  workspace = lw_workspace_create (path, config, "Created by the test", 1773064800, &error);
  g_assert_no_error (error);
  lw_config_unref (config);
  return g_steal_pointer (&path);
}

static void
test_open_workspace (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *path = create_workspace (fixture, "Q3 rules.leadwright", "Q3");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GSettings) s = settings ();
  g_autofree char *last = NULL;
  GtkWidget *page;

  lw_window_show_page (fixture->window, "routing", NULL);
  lw_window_open_workspace (fixture->window, file);
  wait_until_idle (fixture->window);

  g_assert_cmpstr (lw_workspace_get_path (lw_window_get_workspace (fixture->window)), ==, path);
  g_assert_cmpstr (lw_workspace_get_config (lw_window_get_workspace (fixture->window))->name, ==, "Q3");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (fixture->window)), ==, "Q3 rules — Leadwright");
  last = g_settings_get_string (s, "last-workspace");
  g_assert_cmpstr (last, ==, path);

  /* The page showing stays, now editing the new workspace. */
  g_assert_cmpstr (lw_window_get_visible_page (fixture->window), ==, "routing");
  page = lw_window_get_page (fixture->window, "routing");
  gtk_widget_activate_action (page, "routing.add-rule", NULL);
  g_assert_true (lw_workspace_get_can_undo (lw_window_get_workspace (fixture->window)));

  /* The next window opens it again, unless told not to. */
  close_window (fixture->window);
  fixture->window = open_window ();
  g_assert_cmpstr (lw_workspace_get_path (lw_window_get_workspace (fixture->window)), ==, path);

  g_settings_set_boolean (s, "open-last-workspace", FALSE);
  close_window (fixture->window);
  fixture->window = open_window ();
  g_assert_cmpstr (lw_workspace_get_name (lw_window_get_workspace (fixture->window)), ==,
                   "Default workspace");
}

static void
test_open_newer_refused (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *path = create_workspace (fixture, "newer.leadwright", "Newer");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  LwWorkspace *before = lw_window_get_workspace (fixture->window);
  AdwMessageDialog *dialog;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 99", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  lw_window_open_workspace (fixture->window, file);
  wait_until_idle (fixture->window);

  dialog = ADW_MESSAGE_DIALOG (find_dialog (fixture->window, ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "newer Leadwright"));
  g_assert_true (lw_window_get_workspace (fixture->window) == before);
  close_dialogs (fixture->window);
}

/* The last workspace is gone: the default one opens, and says why. */
static void
test_last_workspace_missing (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *path = create_workspace (fixture, "gone.leadwright", "Gone");
  g_autoptr(GSettings) s = settings ();
  g_autofree char *default_path = lw_store_default_path ();

  /* Missing: quietly the default. */
  g_settings_set_string (s, "last-workspace", "/nonexistent/gone.leadwright");
  close_window (fixture->window);
  fixture->window = open_window ();
  g_assert_cmpstr (lw_workspace_get_path (lw_window_get_workspace (fixture->window)), ==, default_path);
  g_assert_null (find_dialog (fixture->window, ADW_TYPE_MESSAGE_DIALOG));

  /* There but refused: the default, and a dialog. */
  g_assert_cmpint (g_file_set_contents (path, "not a workspace", -1, NULL), ==, TRUE);
  g_settings_set_string (s, "last-workspace", path);
  close_window (fixture->window);
  fixture->window = open_window ();
  g_assert_cmpstr (lw_workspace_get_path (lw_window_get_workspace (fixture->window)), ==, default_path);
  g_assert_nonnull (find_dialog (fixture->window, ADW_TYPE_MESSAGE_DIALOG));
  close_dialogs (fixture->window);
}

int
main (int    argc,
      char **argv)
{
  const char *dirs = g_getenv ("XDG_DATA_DIRS");

  system_data_dirs = g_strdup (dirs != NULL && *dirs != '\0' ? dirs : "/usr/local/share:/usr/share");

  /* Each test gets a private XDG_DATA_HOME, so the default workspace is
   * created anew from the sample. */
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  if (!gtk_init_check ())
    return 77;
  adw_init ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/gui/window/opens-default", test_opens_default);
  ADD ("/gui/window/every-page", test_every_page);
  ADD ("/gui/window/pages-fit-narrow", test_pages_fit_narrow);
  ADD ("/gui/window/undo-redo", test_undo_redo_through_page);
  ADD ("/gui/window/autosave", test_autosave_across_windows);
  ADD ("/gui/window/problems", test_problems_go_to_row);
  ADD ("/gui/window/import/bad-file", test_import_bad_file);
  ADD ("/gui/window/import/good-file", test_import_good_file);
  ADD ("/gui/window/import/drop", test_drop_imports);
  ADD ("/gui/window/revisions", test_save_and_restore_revision);
  ADD ("/gui/window/open/other", test_open_workspace);
  ADD ("/gui/window/open/newer-refused", test_open_newer_refused);
  ADD ("/gui/window/open/last-missing", test_last_workspace_missing);
#undef ADD

  return g_test_run ();
}
