/* test-gui-lifecycle.c: the lifecycle editor, driven as a person would
 *
 * Each test edits stages, lead statuses or paths through the page's own
 * widgets, checks that the change reached the workspace, and undoes it all
 * to check that the exact previous rule set is back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "lw-config-json.h"
#include "lw-lifecycle-page.h"
#include "lw-page.h"
#include "lw-workspace.h"

typedef struct
{
  LwWorkspace *workspace;
  GtkWidget   *window;
  GtkWidget   *page;
  char        *original;   /* the rule set's bytes before the test */
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = g_build_filename (g_getenv ("LW_SAMPLES_DIR"), "b2b-playbook.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LwConfig) config = lw_config_load_file (path, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (config);
  fixture->workspace = lw_workspace_new (g_steal_pointer (&config));
  fixture->original = lw_config_to_data (lw_workspace_get_config (fixture->workspace), NULL);
  fixture->page = lw_lifecycle_page_new (fixture->workspace);
  fixture->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 900, 700);
  gtk_window_set_child (GTK_WINDOW (fixture->window), fixture->page);
  gtk_window_present (GTK_WINDOW (fixture->window));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->workspace);
  g_free (fixture->original);
}

static const LwConfig *
config (Fixture *fixture)
{
  return lw_workspace_get_config (fixture->workspace);
}

static char *
config_bytes (Fixture *fixture)
{
  return lw_config_to_data (config (fixture), NULL);
}

/* Undoes every edit and checks that the exact rule set is back. */
static void
assert_undo_restores (Fixture *fixture)
{
  g_autofree char *bytes = NULL;

  g_assert_true (lw_workspace_get_can_undo (fixture->workspace));
  while (lw_workspace_get_can_undo (fixture->workspace))
    lw_workspace_undo (fixture->workspace);
  bytes = config_bytes (fixture);
  g_assert_cmpstr (bytes, ==, fixture->original);
}

static void
collect (GtkWidget *root,
         GType      type,
         GPtrArray *out)
{
  for (GtkWidget *w = gtk_widget_get_first_child (root); w != NULL; w = gtk_widget_get_next_sibling (w))
    {
      if (g_type_is_a (G_OBJECT_TYPE (w), type))
        g_ptr_array_add (out, w);
      collect (w, type, out);
    }
}

/* The expander rows of a group ("stages_group", ...), in order. */
static GtkWidget *
item_row (Fixture    *fixture,
          const char *group,
          guint       index)
{
  GObject *root = gtk_widget_get_template_child (fixture->page, LW_TYPE_LIFECYCLE_PAGE, group);
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  g_assert_nonnull (root);
  collect (GTK_WIDGET (root), ADW_TYPE_EXPANDER_ROW, rows);
  g_assert_cmpuint (index, <, rows->len);
  return g_ptr_array_index (rows, index);
}

static guint
n_item_rows (Fixture    *fixture,
             const char *group)
{
  GObject *root = gtk_widget_get_template_child (fixture->page, LW_TYPE_LIFECYCLE_PAGE, group);
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect (GTK_WIDGET (root), ADW_TYPE_EXPANDER_ROW, rows);
  return rows->len;
}

/* Opens @row, as a person would before editing what is inside. */
static GtkWidget *
opened (GtkWidget *row)
{
  if (ADW_IS_EXPANDER_ROW (row))
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  return row;
}

/* The preferences row titled @title below @row, which is opened. */
static GtkWidget *
field_row (GtkWidget  *row,
           const char *title)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  opened (row);
  collect (row, ADW_TYPE_PREFERENCES_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (g_ptr_array_index (rows, i)), title) == 0)
      return g_ptr_array_index (rows, i);
  g_error ("no row titled “%s”", title);
}

/* The button with the tooltip @tooltip below @row. */
static GtkWidget *
button (GtkWidget  *row,
        const char *tooltip)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  collect (row, GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_widget_get_tooltip_text (g_ptr_array_index (buttons, i)), tooltip) == 0)
      return g_ptr_array_index (buttons, i);
  g_error ("no button “%s”", tooltip);
}

static GtkWidget *
descendant (GtkWidget *root,
            GType      type)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  collect (opened (root), type, found);
  g_assert_cmpuint (found->len, >, 0);
  return g_ptr_array_index (found, 0);
}

/* Lets the page finish what an edit started: rows are rebuilt once the
 * handler of the signal that asked for it has returned. */
static void
settle (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
click (GtkWidget *widget)
{
  g_assert_true (gtk_widget_is_sensitive (widget));
  g_signal_emit_by_name (widget, "clicked");
  settle ();
}

static void
enter_text (GtkWidget  *entry_row,
            const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (entry_row), text);
  g_signal_emit_by_name (entry_row, "apply");
  settle ();
}

static void
choose (GtkWidget *combo_row,
        guint      position)
{
  adw_combo_row_set_selected (ADW_COMBO_ROW (combo_row), position);
  settle ();
}

static void
activate (Fixture    *fixture,
          const char *action)
{
  g_assert_true (gtk_widget_activate_action (fixture->page, action, NULL));
  settle ();
}

/* The tooltip of a row's diagnostic mark, or NULL when none shows. */
static const char *
mark_tooltip (GtkWidget *row)
{
  GtkWidget *mark = g_object_get_data (G_OBJECT (row), "lw-mark");

  if (mark == NULL || !gtk_widget_get_visible (mark))
    return NULL;
  return gtk_widget_get_tooltip_text (mark);
}

/* Answers the confirmation dialog that is open with @response. */
static void
respond_to_dialog (const char *response)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        {
          adw_message_dialog_response (ADW_MESSAGE_DIALOG (window), response);
          if (gtk_widget_get_visible (GTK_WIDGET (window)))
            gtk_window_destroy (GTK_WINDOW (window));
          settle ();
          return;
        }
    }
  g_error ("no confirmation dialog is open");
}

static const char *
stage_id (Fixture *fixture,
          guint    index)
{
  return ((LwStage *) g_ptr_array_index (config (fixture)->stages, index))->id;
}

static const char *
status_id (Fixture *fixture,
           guint    index)
{
  return ((LwStatus *) g_ptr_array_index (config (fixture)->statuses, index))->id;
}

static const LwPath *
path_at (Fixture *fixture,
         guint    index)
{
  return g_ptr_array_index (config (fixture)->paths, index);
}

/* ---- stages ------------------------------------------------------------------------ */

static void
test_stage_add_edit_remove (Fixture       *fixture,
                            gconstpointer  data)
{
  guint n = config (fixture)->stages->len;
  const LwStage *stage;
  GtkWidget *row;
  GtkWidget *view;

  activate (fixture, "lifecycle.add-stage");
  g_assert_cmpuint (config (fixture)->stages->len, ==, n + 1);
  g_assert_cmpuint (n_item_rows (fixture, "stages_group"), ==, n + 1);
  row = item_row (fixture, "stages_group", n);
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)));

  enter_text (field_row (row, "Label"), "Churned");
  row = item_row (fixture, "stages_group", n);
  enter_text (field_row (row, "Id"), "churned");
  row = item_row (fixture, "stages_group", n);
  enter_text (field_row (row, "HubSpot Internal Value"), "churned_customer");
  enter_text (field_row (row, "Next Step"), "Ask why and win back later.");
  choose (field_row (row, "Owning Role"), LW_ROLE_CS);

  /* The definition takes its text from the apply button. */
  view = descendant (row, GTK_TYPE_TEXT_VIEW);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), "Left us after being a customer.", -1);
  click (button (row, "Apply Definition"));

  stage = g_ptr_array_index (config (fixture)->stages, n);
  g_assert_cmpstr (stage->id, ==, "churned");
  g_assert_cmpstr (stage->label, ==, "Churned");
  g_assert_cmpstr (stage->hubspot_value, ==, "churned_customer");
  g_assert_cmpstr (stage->next_step, ==, "Ask why and win back later.");
  g_assert_cmpstr (stage->definition, ==, "Left us after being a customer.");
  g_assert_cmpint (stage->owner_role, ==, LW_ROLE_CS);
  g_assert_null (stage->entry);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Churned");
  /* Nothing leads to it: the checks say so in place of the summary. */
  g_assert_nonnull (strstr (mark_tooltip (row), "can never be entered"));
  g_assert_nonnull (strstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), "can never be entered"));
  g_assert_cmpstr (g_object_get_data (G_OBJECT (row), "lw-original-subtitle"), ==,
                   "Owned by CS. No entry criteria: entered only by a recycle or disqualify path.");

  /* Unused: removed at once. */
  click (button (item_row (fixture, "stages_group", n), "Remove Stage"));
  g_assert_cmpuint (config (fixture)->stages->len, ==, n);
  g_assert_cmpuint (n_item_rows (fixture, "stages_group"), ==, n);

  assert_undo_restores (fixture);
  g_assert_cmpuint (n_item_rows (fixture, "stages_group"), ==, n);
}

static void
test_stage_reorder (Fixture       *fixture,
                    gconstpointer  data)
{
  GtkWidget *first = item_row (fixture, "stages_group", 0);
  GtkWidget *last = item_row (fixture, "stages_group", config (fixture)->stages->len - 1);

  g_assert_false (gtk_widget_is_sensitive (button (first, "Move Up")));
  g_assert_false (gtk_widget_is_sensitive (button (last, "Move Down")));

  click (button (first, "Move Down"));
  g_assert_cmpstr (stage_id (fixture, 0), ==, "lead");
  g_assert_cmpstr (stage_id (fixture, 1), ==, "subscriber");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (item_row (fixture, "stages_group", 1))),
                   ==, "Subscriber");

  click (button (item_row (fixture, "stages_group", 3), "Move Up"));
  g_assert_cmpstr (stage_id (fixture, 2), ==, "sql");
  g_assert_cmpstr (stage_id (fixture, 3), ==, "mql");
  g_assert_cmpstr (lw_workspace_get_undo_description (fixture->workspace), ==, "Move stage");

  assert_undo_restores (fixture);
}

static void
test_stage_entry_criteria (Fixture       *fixture,
                           gconstpointer  data)
{
  GtkWidget *row = item_row (fixture, "stages_group", 1);   /* Lead: has criteria */
  GtkWidget *toggle = descendant (field_row (row, "Has Entry Criteria"), GTK_TYPE_SWITCH);
  const LwStage *stage;

  g_assert_true (gtk_switch_get_active (GTK_SWITCH (toggle)));
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), ==,
                   "Owned by Marketing. Entered when Company is known.");

  gtk_switch_set_active (GTK_SWITCH (toggle), FALSE);
  settle ();
  stage = g_ptr_array_index (config (fixture)->stages, 1);
  g_assert_null (stage->entry);
  g_assert_nonnull (strstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), "No entry criteria"));

  gtk_switch_set_active (GTK_SWITCH (toggle), TRUE);
  settle ();
  stage = g_ptr_array_index (config (fixture)->stages, 1);
  g_assert_nonnull (stage->entry);
  g_assert_true (lw_condition_is_always (stage->entry));

  /* The MQL stage says how it is entered. */
  g_assert_nonnull (strstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (item_row (fixture, "stages_group", 2))),
                            "MQL threshold"));

  assert_undo_restores (fixture);
}

/* Renaming a stage id renames what refers to it; the rule set stays valid. */
static void
test_stage_rename_follows (Fixture       *fixture,
                           gconstpointer  data)
{
  enter_text (field_row (item_row (fixture, "stages_group", 1), "Id"), "prospect");
  g_assert_cmpstr (stage_id (fixture, 1), ==, "prospect");
  g_assert_cmpstr (path_at (fixture, 0)->to_stage, ==, "prospect");

  enter_text (field_row (item_row (fixture, "stages_group", 2), "Id"), "marketing-qualified");
  g_assert_cmpstr (config (fixture)->scoring.mql_stage, ==, "marketing-qualified");
  g_assert_cmpuint (lw_workspace_get_n_errors (fixture->workspace), ==, 0);

  assert_undo_restores (fixture);
}

static void
test_stage_duplicate_id (Fixture       *fixture,
                         gconstpointer  data)
{
  GtkWidget *row;
  const char *tooltip;

  enter_text (field_row (item_row (fixture, "stages_group", 1), "Id"), "subscriber");
  g_assert_cmpuint (lw_workspace_get_n_errors (fixture->workspace), >, 0);

  row = item_row (fixture, "stages_group", 1);
  tooltip = mark_tooltip (field_row (row, "Id"));
  g_assert_nonnull (tooltip);
  g_assert_nonnull (strstr (tooltip, "duplicate id \"subscriber\""));
  g_assert_true (gtk_widget_has_css_class (field_row (row, "Id"), "error"));
  g_assert_nonnull (strstr (mark_tooltip (row), "duplicate id"));
  g_assert_nonnull (strstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), "duplicate id"));

  /* Putting it back clears the mark. */
  enter_text (field_row (row, "Id"), "lead");
  row = item_row (fixture, "stages_group", 1);
  g_assert_null (mark_tooltip (field_row (row, "Id")));
  g_assert_cmpuint (lw_workspace_get_n_errors (fixture->workspace), ==, 0);

  assert_undo_restores (fixture);
}

/* ---- statuses ---------------------------------------------------------------------- */

static void
test_status_add_edit_reorder_remove (Fixture       *fixture,
                                     gconstpointer  data)
{
  guint n = config (fixture)->statuses->len;
  const LwStatus *status;
  GtkWidget *row;
  GtkWidget *view;

  activate (fixture, "lifecycle.add-status");
  g_assert_cmpuint (config (fixture)->statuses->len, ==, n + 1);
  row = item_row (fixture, "statuses_group", n);
  enter_text (field_row (row, "Label"), "Meeting booked");
  row = item_row (fixture, "statuses_group", n);
  enter_text (field_row (row, "Id"), "meeting");
  row = item_row (fixture, "statuses_group", n);
  enter_text (field_row (row, "HubSpot Internal Value"), "MEETING_BOOKED");
  gtk_switch_set_active (GTK_SWITCH (descendant (field_row (row, "Terminal"), GTK_TYPE_SWITCH)), TRUE);
  view = descendant (row, GTK_TYPE_TEXT_VIEW);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), "A first meeting is in the calendar.", -1);
  click (button (row, "Apply Definition"));

  status = g_ptr_array_index (config (fixture)->statuses, n);
  g_assert_cmpstr (status->id, ==, "meeting");
  g_assert_cmpstr (status->label, ==, "Meeting booked");
  g_assert_cmpstr (status->hubspot_value, ==, "MEETING_BOOKED");
  g_assert_cmpstr (status->definition, ==, "A first meeting is in the calendar.");
  g_assert_true (status->terminal);
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), ==,
                   "A first meeting is in the calendar.");
  g_assert_true (gtk_widget_get_visible (g_object_get_data (G_OBJECT (row), "lw-terminal-label")));

  /* Move it up two places. */
  click (button (item_row (fixture, "statuses_group", n), "Move Up"));
  click (button (item_row (fixture, "statuses_group", n - 1), "Move Up"));
  g_assert_cmpstr (status_id (fixture, n - 2), ==, "meeting");
  g_assert_cmpstr (status_id (fixture, n), ==, "bad-timing");

  click (button (item_row (fixture, "statuses_group", n - 2), "Remove Lead Status"));
  g_assert_cmpuint (config (fixture)->statuses->len, ==, n);

  assert_undo_restores (fixture);
}

/* Removing a status a path uses asks first, then shows the path's error. */
static void
test_status_removed_under_path (Fixture       *fixture,
                                gconstpointer  data)
{
  guint n = config (fixture)->statuses->len;
  GtkWidget *path_row;
  const char *tooltip;

  g_assert_cmpstr (status_id (fixture, n - 1), ==, "bad-timing");

  /* Cancelled: nothing changes. */
  click (button (item_row (fixture, "statuses_group", n - 1), "Remove Lead Status"));
  respond_to_dialog ("cancel");
  g_assert_cmpuint (config (fixture)->statuses->len, ==, n);
  g_assert_false (lw_workspace_get_can_undo (fixture->workspace));

  click (button (item_row (fixture, "statuses_group", n - 1), "Remove Lead Status"));
  respond_to_dialog ("remove");
  g_assert_cmpuint (config (fixture)->statuses->len, ==, n - 1);
  g_assert_cmpuint (lw_workspace_get_n_errors (fixture->workspace), >, 0);

  path_row = item_row (fixture, "paths_group", 0);
  g_assert_cmpstr (path_at (fixture, 0)->from_status, ==, "bad-timing");
  tooltip = mark_tooltip (field_row (path_row, "From Lead Status"));
  g_assert_nonnull (tooltip);
  g_assert_nonnull (strstr (tooltip, "bad-timing"));
  g_assert_nonnull (mark_tooltip (path_row));

  /* Choosing another status fixes it. */
  choose (field_row (path_row, "From Lead Status"), 2);
  g_assert_cmpstr (path_at (fixture, 0)->from_status, ==, status_id (fixture, 2));
  g_assert_null (mark_tooltip (field_row (path_row, "From Lead Status")));

  assert_undo_restores (fixture);
}

/* ---- paths ------------------------------------------------------------------------- */

static void
test_path_add_edit_remove (Fixture       *fixture,
                           gconstpointer  data)
{
  guint n = config (fixture)->paths->len;
  const LwPath *path;
  GtkWidget *row;
  GtkWidget *spin;

  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (item_row (fixture, "paths_group", 0))), ==,
                   "After 90 days in Nurture / bad timing → Lead, owned by Marketing");

  activate (fixture, "lifecycle.add-path");
  g_assert_cmpuint (config (fixture)->paths->len, ==, n + 1);
  row = item_row (fixture, "paths_group", n);
  enter_text (field_row (row, "Label"), "Lost deals come back");
  choose (field_row (row, "Kind"), LW_PATH_DISQUALIFY);
  choose (field_row (row, "From Lead Status"), 4);   /* Unqualified */
  choose (field_row (row, "Back to Stage"), 0);      /* Subscriber */
  choose (field_row (row, "Owned By"), LW_ROLE_REVOPS);
  spin = descendant (field_row (row, "Days in That Status"), GTK_TYPE_SPIN_BUTTON);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 180);

  path = path_at (fixture, n);
  g_assert_cmpstr (path->label, ==, "Lost deals come back");
  g_assert_cmpint (path->kind, ==, LW_PATH_DISQUALIFY);
  g_assert_cmpstr (path->from_status, ==, "unqualified");
  g_assert_cmpstr (path->to_stage, ==, "subscriber");
  g_assert_cmpint (path->owner_role, ==, LW_ROLE_REVOPS);
  g_assert_cmpuint (path->after_days, ==, 180);
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), ==,
                   "After 180 days in Unqualified → Subscriber, owned by RevOps");

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 0);
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), ==,
                   "At once from Unqualified → Subscriber, owned by RevOps");

  click (button (row, "Remove Path"));
  g_assert_cmpuint (config (fixture)->paths->len, ==, n);
  g_assert_cmpuint (n_item_rows (fixture, "paths_group"), ==, n);

  assert_undo_restores (fixture);
}

static void
test_path_duplicate_id (Fixture       *fixture,
                        gconstpointer  data)
{
  GtkWidget *row = item_row (fixture, "paths_group", 1);
  const char *tooltip;

  enter_text (field_row (row, "Id"), path_at (fixture, 0)->id);
  tooltip = mark_tooltip (field_row (row, "Id"));
  g_assert_nonnull (tooltip);
  g_assert_nonnull (strstr (tooltip, "duplicate id"));

  assert_undo_restores (fixture);
}

/* Undo from elsewhere (the window's Ctrl+Z) rebuilds the rows. */
static void
test_undo_rebuilds (Fixture       *fixture,
                    gconstpointer  data)
{
  guint n = config (fixture)->stages->len;

  click (button (item_row (fixture, "stages_group", n - 1), "Remove Stage"));
  g_assert_cmpuint (n_item_rows (fixture, "stages_group"), ==, n - 1);
  lw_workspace_undo (fixture->workspace);
  g_assert_cmpuint (n_item_rows (fixture, "stages_group"), ==, n);
  lw_workspace_redo (fixture->workspace);
  g_assert_cmpuint (n_item_rows (fixture, "stages_group"), ==, n - 1);

  assert_undo_restores (fixture);
}

static void
test_reveal (Fixture       *fixture,
             gconstpointer  data)
{
  GtkWidget *row = item_row (fixture, "paths_group", 2);

  g_assert_false (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)));
  lw_page_reveal (LW_PAGE (fixture->page), "$.lifecycle.paths[2].toStage");
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)));

  row = item_row (fixture, "stages_group", 4);
  lw_page_reveal (LW_PAGE (fixture->page), "$.lifecycle.stages[4].when.filterGroups[0].filters[0].value");
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)));
}

int
main (int    argc,
      char **argv)
{
  /* Not G_TEST_OPTION_ISOLATE_DIRS: it hides XDG_DATA_DIRS, and without
   * the shared MIME database GTK cannot load the theme's SVG icons. */
  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    return 77;
  adw_init ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/gui/lifecycle/stage/add-edit-remove", test_stage_add_edit_remove);
  ADD ("/gui/lifecycle/stage/reorder", test_stage_reorder);
  ADD ("/gui/lifecycle/stage/entry-criteria", test_stage_entry_criteria);
  ADD ("/gui/lifecycle/stage/rename-follows", test_stage_rename_follows);
  ADD ("/gui/lifecycle/stage/duplicate-id", test_stage_duplicate_id);
  ADD ("/gui/lifecycle/status/add-edit-reorder-remove", test_status_add_edit_reorder_remove);
  ADD ("/gui/lifecycle/status/removed-under-path", test_status_removed_under_path);
  ADD ("/gui/lifecycle/path/add-edit-remove", test_path_add_edit_remove);
  ADD ("/gui/lifecycle/path/duplicate-id", test_path_duplicate_id);
  ADD ("/gui/lifecycle/undo-rebuilds", test_undo_rebuilds);
  ADD ("/gui/lifecycle/reveal", test_reveal);
#undef ADD

  return g_test_run ();
}
