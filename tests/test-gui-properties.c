/* test-gui-properties.c: the property catalogue editor, driven as a person would
 *
 * Each test edits properties, options or activities through the page's
 * own widgets, checks that the change reached the workspace, and undoes it
 * all to check that the exact previous rule set is back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "lw-config-json.h"
#include "lw-page.h"
#include "lw-properties-page.h"
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
  fixture->page = lw_properties_page_new (fixture->workspace);
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

static GPtrArray *
group_rows (Fixture    *fixture,
            const char *group,
            GType       type)
{
  GObject *root = gtk_widget_get_template_child (fixture->page, LW_TYPE_PROPERTIES_PAGE, group);
  GPtrArray *rows = g_ptr_array_new ();

  g_assert_nonnull (root);
  collect (GTK_WIDGET (root), type, rows);
  return rows;
}

/* The user property or activity row @index of @group. */
static GtkWidget *
item_row (Fixture    *fixture,
          const char *group,
          guint       index)
{
  g_autoptr(GPtrArray) rows = group_rows (fixture, group, ADW_TYPE_EXPANDER_ROW);

  g_assert_cmpuint (index, <, rows->len);
  return g_ptr_array_index (rows, index);
}

static guint
n_item_rows (Fixture    *fixture,
             const char *group)
{
  g_autoptr(GPtrArray) rows = group_rows (fixture, group, ADW_TYPE_EXPANDER_ROW);

  return rows->len;
}

/* The row of the user property with @id. */
static GtkWidget *
property_row (Fixture    *fixture,
              const char *id)
{
  for (guint i = LW_N_BUILTINS; i < config (fixture)->properties->len; i++)
    if (g_strcmp0 (((LwProperty *) g_ptr_array_index (config (fixture)->properties, i))->id, id) == 0)
      return item_row (fixture, "properties_group", i - LW_N_BUILTINS);
  g_error ("no property “%s”", id);
}

static const LwProperty *
property (Fixture    *fixture,
          const char *id)
{
  const LwProperty *found = lw_config_find_property (config (fixture), id);

  g_assert_nonnull (found);
  return found;
}

static GtkWidget *
opened (GtkWidget *row)
{
  if (ADW_IS_EXPANDER_ROW (row))
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  return row;
}

/* The preferences row titled @title inside @row, which is opened. */
static GtkWidget *
field_row (GtkWidget  *row,
           const char *title)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect (opened (row), ADW_TYPE_PREFERENCES_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (g_ptr_array_index (rows, i)), title) == 0)
      return g_ptr_array_index (rows, i);
  g_error ("no row titled “%s”", title);
}

/* The option rows inside a property row, in order. */
static GtkWidget *
option_row (GtkWidget *row,
            guint      index)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(GPtrArray) options = g_ptr_array_new ();

  collect (opened (row), GTK_TYPE_LIST_BOX_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    if (gtk_widget_has_css_class (g_ptr_array_index (rows, i), "lw-option-row"))
      g_ptr_array_add (options, g_ptr_array_index (rows, i));
  g_assert_cmpuint (index, <, options->len);
  return g_ptr_array_index (options, index);
}

/* The value (0) or label (1) entry of an option row. */
static GtkWidget *
option_entry (GtkWidget *row,
              guint      which)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();

  collect (row, GTK_TYPE_ENTRY, entries);
  g_assert_cmpuint (entries->len, ==, 2);
  return g_ptr_array_index (entries, which);
}

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

/* The button whose label is @label inside @row (opened). */
static GtkWidget *
labelled_button (GtkWidget  *row,
                 const char *label)
{
  g_autoptr(GPtrArray) contents = g_ptr_array_new ();

  collect (opened (row), ADW_TYPE_BUTTON_CONTENT, contents);
  for (guint i = 0; i < contents->len; i++)
    if (g_strcmp0 (adw_button_content_get_label (g_ptr_array_index (contents, i)), label) == 0)
      return gtk_widget_get_parent (g_ptr_array_index (contents, i));
  g_error ("no button labelled “%s”", label);
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

/* Types into an option's entry and presses Enter. */
static void
type_into (GtkWidget  *entry,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  g_signal_emit_by_name (entry, "activate");
  settle ();
}

static const char *
mark_tooltip (GtkWidget *row)
{
  GtkWidget *mark = g_object_get_data (G_OBJECT (row), "lw-mark");

  if (mark == NULL || !gtk_widget_get_visible (mark))
    return NULL;
  return gtk_widget_get_tooltip_text (mark);
}

/* The confirmation dialog that is open, or NULL. */
static AdwMessageDialog *
open_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

static void
respond_to_dialog (const char *response)
{
  AdwMessageDialog *dialog = open_dialog ();

  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, response);
  if (gtk_widget_get_visible (GTK_WIDGET (dialog)))
    gtk_window_destroy (GTK_WINDOW (dialog));
  settle ();
}

/* Whether any condition of @config names @id. */
static gboolean
conditions_use (const LwConfig *config,
                const char     *id)
{
  g_autoptr(GPtrArray) uses = lw_properties_page_dup_uses (config, id, NULL);

  return uses->len > 0;
}

/* ---- properties -------------------------------------------------------------------- */

static void
test_property_add_edit_remove (Fixture       *fixture,
                               gconstpointer  data)
{
  guint n = config (fixture)->properties->len;
  guint rows = n_item_rows (fixture, "properties_group");
  const LwProperty *added;
  GtkWidget *row;

  activate (fixture, "properties.add-property");
  g_assert_cmpuint (config (fixture)->properties->len, ==, n + 1);
  g_assert_cmpuint (n_item_rows (fixture, "properties_group"), ==, rows + 1);
  row = item_row (fixture, "properties_group", rows);
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)));

  enter_text (field_row (row, "Id"), "annual_revenue");
  enter_text (field_row (row, "Label"), "Annual revenue");
  enter_text (field_row (row, "Description"), "Yearly revenue in US dollars.");
  choose (field_row (row, "Type"), LW_PROPERTY_NUMBER);

  added = g_ptr_array_index (config (fixture)->properties, n);
  g_assert_cmpstr (added->id, ==, "annual_revenue");
  g_assert_cmpstr (added->label, ==, "Annual revenue");
  g_assert_cmpstr (added->description, ==, "Yearly revenue in US dollars.");
  g_assert_cmpint (added->type, ==, LW_PROPERTY_NUMBER);
  row = item_row (fixture, "properties_group", rows);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Annual revenue");
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), ==, "Number");

  /* Clearing the description leaves it out of the file. */
  enter_text (field_row (row, "Description"), "");
  g_assert_null (((LwProperty *) g_ptr_array_index (config (fixture)->properties, n))->description);

  /* Unused: removed at once. */
  click (button (row, "Remove Property"));
  g_assert_null (open_dialog ());
  g_assert_cmpuint (config (fixture)->properties->len, ==, n);
  g_assert_cmpuint (n_item_rows (fixture, "properties_group"), ==, rows);

  assert_undo_restores (fixture);
}

/* A string property can take its value from an email's domain. */
static void
test_property_domain_of (Fixture       *fixture,
                         gconstpointer  data)
{
  GtkWidget *row = property_row (fixture, "company");

  choose (field_row (row, "Domain Of"), 1);   /* Email */
  g_assert_cmpstr (property (fixture, "company")->domain_of, ==, "email");
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (property_row (fixture, "company"))), ==,
                   "String · domain of Email");

  choose (field_row (row, "Domain Of"), 0);   /* None */
  g_assert_null (property (fixture, "company")->domain_of);

  assert_undo_restores (fixture);
}

/* Renaming a property's id renames it in every condition and territory map. */
static void
test_property_rename_follows (Fixture       *fixture,
                              gconstpointer  data)
{
  g_assert_true (conditions_use (config (fixture), "country"));
  g_assert_true (conditions_use (config (fixture), "email"));

  enter_text (field_row (property_row (fixture, "country"), "Id"), "country_code");
  g_assert_nonnull (lw_config_find_property (config (fixture), "country_code"));
  g_assert_false (conditions_use (config (fixture), "country"));
  g_assert_true (conditions_use (config (fixture), "country_code"));

  /* email_domain takes its domain from email: the link follows too. */
  enter_text (field_row (property_row (fixture, "email"), "Id"), "work_email");
  g_assert_cmpstr (property (fixture, "email_domain")->domain_of, ==, "work_email");
  g_assert_cmpuint (lw_workspace_get_n_errors (fixture->workspace), ==, 0);

  assert_undo_restores (fixture);
}

static void
test_property_duplicate_id (Fixture       *fixture,
                            gconstpointer  data)
{
  GtkWidget *row = property_row (fixture, "company");
  GtkWidget *id = field_row (row, "Id");
  const char *tooltip;

  enter_text (id, "email");
  g_assert_cmpuint (lw_workspace_get_n_errors (fixture->workspace), >, 0);
  tooltip = mark_tooltip (id);
  g_assert_nonnull (tooltip);
  g_assert_nonnull (strstr (tooltip, "duplicate id \"email\""));
  g_assert_true (gtk_widget_has_css_class (id, "error"));
  g_assert_nonnull (strstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), "duplicate id"));
  /* The clash did not drag the references along. */
  g_assert_true (conditions_use (config (fixture), "company"));

  enter_text (id, "company");
  g_assert_null (mark_tooltip (id));
  g_assert_false (gtk_widget_has_css_class (id, "error"));
  g_assert_cmpuint (lw_workspace_get_n_errors (fixture->workspace), ==, 0);

  /* Built-in ids are taken too. */
  enter_text (id, "lifecycle_stage");
  g_assert_nonnull (strstr (mark_tooltip (id), "built-in"));

  assert_undo_restores (fixture);
}

/* Removing a property that is in use asks first, listing where. */
static void
test_property_remove_used (Fixture       *fixture,
                           gconstpointer  data)
{
  guint n = config (fixture)->properties->len;
  AdwMessageDialog *dialog;

  click (button (property_row (fixture, "segment"), "Remove Property"));
  dialog = open_dialog ();
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (dialog), "Segment"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Routing rule “North American enterprise”"));
  respond_to_dialog ("cancel");
  g_assert_cmpuint (config (fixture)->properties->len, ==, n);
  g_assert_false (lw_workspace_get_can_undo (fixture->workspace));

  click (button (property_row (fixture, "segment"), "Remove Property"));
  respond_to_dialog ("remove");
  g_assert_cmpuint (config (fixture)->properties->len, ==, n - 1);
  g_assert_null (lw_config_find_property (config (fixture), "segment"));
  /* The references dangle and say so. */
  g_assert_cmpuint (lw_workspace_get_n_errors (fixture->workspace), >, 0);

  assert_undo_restores (fixture);
}

/* Changing the type of an enum drops its options. */
static void
test_property_type_change (Fixture       *fixture,
                           gconstpointer  data)
{
  GtkWidget *row = property_row (fixture, "job_title");

  choose (field_row (row, "Type"), LW_PROPERTY_ENUM);
  g_assert_cmpint (property (fixture, "job_title")->type, ==, LW_PROPERTY_ENUM);

  /* An enum without options is an error, shown at the property. */
  row = property_row (fixture, "job_title");
  g_assert_nonnull (mark_tooltip (row));
  g_assert_nonnull (strstr (mark_tooltip (row), "has no options"));

  click (labelled_button (row, "Add _Option"));
  g_assert_cmpuint (property (fixture, "job_title")->options->len, ==, 1);
  g_assert_null (mark_tooltip (property_row (fixture, "job_title")));
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (property_row (fixture, "job_title"))), ==,
                   "Enum · 1 option");

  choose (field_row (property_row (fixture, "job_title"), "Type"), LW_PROPERTY_STRING);
  g_assert_cmpuint (property (fixture, "job_title")->options->len, ==, 0);

  assert_undo_restores (fixture);
}

/* ---- options ----------------------------------------------------------------------- */

static const char *
option_value (Fixture    *fixture,
              const char *id,
              guint       index)
{
  const LwProperty *found = property (fixture, id);

  g_assert_cmpuint (index, <, found->options->len);
  return ((LwOption *) g_ptr_array_index (found->options, index))->value;
}

static void
test_option_add_edit_reorder_remove (Fixture       *fixture,
                                     gconstpointer  data)
{
  guint n = property (fixture, "segment")->options->len;
  GtkWidget *row = property_row (fixture, "segment");
  const LwOption *option;

  click (labelled_button (row, "Add _Option"));
  g_assert_cmpuint (property (fixture, "segment")->options->len, ==, n + 1);

  row = property_row (fixture, "segment");
  type_into (option_entry (option_row (row, n), 0), "strategic");
  type_into (option_entry (option_row (row, n), 1), "Strategic accounts");
  option = g_ptr_array_index (property (fixture, "segment")->options, n);
  g_assert_cmpstr (option->value, ==, "strategic");
  g_assert_cmpstr (option->label, ==, "Strategic accounts");

  /* Move it to the top. */
  for (guint i = n; i > 0; i--)
    {
      row = property_row (fixture, "segment");
      click (button (option_row (row, i), "Move Option Up"));
    }
  g_assert_cmpstr (option_value (fixture, "segment", 0), ==, "strategic");
  g_assert_cmpstr (option_value (fixture, "segment", 1), ==, "smb");
  row = property_row (fixture, "segment");
  g_assert_false (gtk_widget_is_sensitive (button (option_row (row, 0), "Move Option Up")));
  click (button (option_row (row, 0), "Move Option Down"));
  g_assert_cmpstr (option_value (fixture, "segment", 1), ==, "strategic");

  /* Unused: removed at once. */
  row = property_row (fixture, "segment");
  click (button (option_row (row, 1), "Remove Option"));
  g_assert_null (open_dialog ());
  g_assert_cmpuint (property (fixture, "segment")->options->len, ==, n);

  assert_undo_restores (fixture);
}

/* Renaming an option's value renames it where conditions use it. */
static void
test_option_rename_follows (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GPtrArray) before = lw_properties_page_dup_uses (config (fixture), "segment", "enterprise");
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) old = NULL;
  GtkWidget *row = property_row (fixture, "segment");

  g_assert_cmpuint (before->len, >, 0);
  g_assert_cmpstr (option_value (fixture, "segment", 2), ==, "enterprise");
  type_into (option_entry (option_row (row, 2), 0), "large");

  g_assert_cmpstr (option_value (fixture, "segment", 2), ==, "large");
  after = lw_properties_page_dup_uses (config (fixture), "segment", "large");
  old = lw_properties_page_dup_uses (config (fixture), "segment", "enterprise");
  g_assert_cmpuint (after->len, ==, before->len);
  g_assert_cmpuint (old->len, ==, 0);
  g_assert_cmpuint (lw_workspace_get_n_errors (fixture->workspace), ==, 0);

  assert_undo_restores (fixture);
}

static void
test_option_duplicate_value (Fixture       *fixture,
                             gconstpointer  data)
{
  GtkWidget *row = property_row (fixture, "segment");
  GtkWidget *option = option_row (row, 1);
  const char *tooltip;

  type_into (option_entry (option, 0), "SMB");
  tooltip = mark_tooltip (option);
  g_assert_nonnull (tooltip);
  g_assert_nonnull (strstr (tooltip, "duplicate option"));
  g_assert_true (gtk_widget_has_css_class (option_entry (option, 0), "error"));
  /* The conditions that used "midmarket" were not merged into "smb". */
  g_assert_cmpuint (lw_workspace_get_n_errors (fixture->workspace), >, 0);

  assert_undo_restores (fixture);
}

/* Removing an option conditions use asks first. */
static void
test_option_remove_used (Fixture       *fixture,
                         gconstpointer  data)
{
  guint n = property (fixture, "segment")->options->len;

  click (button (option_row (property_row (fixture, "segment"), 2), "Remove Option"));
  g_assert_nonnull (open_dialog ());
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (open_dialog ()), "Enterprise"));
  respond_to_dialog ("remove");
  g_assert_cmpuint (property (fixture, "segment")->options->len, ==, n - 1);
  g_assert_cmpuint (lw_workspace_get_n_errors (fixture->workspace), >, 0);

  assert_undo_restores (fixture);
}

/* ---- activities -------------------------------------------------------------------- */

static void
test_activity_add_edit_remove (Fixture       *fixture,
                               gconstpointer  data)
{
  guint n = config (fixture)->activities->len;
  const LwActivityType *activity;
  GtkWidget *row;

  activate (fixture, "properties.add-activity");
  g_assert_cmpuint (config (fixture)->activities->len, ==, n + 1);
  row = item_row (fixture, "activities_group", n);
  enter_text (field_row (row, "Id"), "trial_signup");
  enter_text (field_row (row, "Label"), "Trial sign-up");
  enter_text (field_row (row, "Description"), "Started a free trial.");

  activity = g_ptr_array_index (config (fixture)->activities, n);
  g_assert_cmpstr (activity->id, ==, "trial_signup");
  g_assert_cmpstr (activity->label, ==, "Trial sign-up");
  g_assert_cmpstr (activity->description, ==, "Started a free trial.");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Trial sign-up");
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), ==,
                   "No scoring criterion counts it yet.");

  click (button (row, "Remove Activity"));
  g_assert_null (open_dialog ());
  g_assert_cmpuint (config (fixture)->activities->len, ==, n);

  assert_undo_restores (fixture);
}

static void
test_activity_rename_and_remove_used (Fixture       *fixture,
                                      gconstpointer  data)
{
  const LwScoreModel *engagement = &config (fixture)->scoring.engagement;
  GtkWidget *row = item_row (fixture, "activities_group", 0);
  gboolean found = FALSE;

  g_assert_cmpstr (((LwActivityType *) g_ptr_array_index (config (fixture)->activities, 0))->id, ==, "demo_request");
  g_assert_nonnull (strstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), "Counted by"));

  enter_text (field_row (row, "Id"), "demo");
  engagement = &config (fixture)->scoring.engagement;
  for (guint i = 0; i < engagement->criteria->len; i++)
    found |= g_strcmp0 (((LwCriterion *) g_ptr_array_index (engagement->criteria, i))->activity, "demo") == 0;
  g_assert_true (found);
  g_assert_cmpuint (lw_workspace_get_n_errors (fixture->workspace), ==, 0);

  click (button (item_row (fixture, "activities_group", 0), "Remove Activity"));
  g_assert_nonnull (open_dialog ());
  g_assert_nonnull (strstr (adw_message_dialog_get_body (open_dialog ()), "Engagement criterion"));
  respond_to_dialog ("remove");
  g_assert_cmpuint (lw_workspace_get_n_errors (fixture->workspace), >, 0);

  assert_undo_restores (fixture);
}

/* ---- the rest ---------------------------------------------------------------------- */

static void
test_builtins_listed (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = group_rows (fixture, "builtins_group", ADW_TYPE_ACTION_ROW);

  g_assert_cmpuint (rows->len, ==, LW_N_BUILTINS);
  g_assert_cmpstr (adw_preferences_row_get_title (g_ptr_array_index (rows, LW_BUILTIN_LIFECYCLE_STAGE)), ==,
                   "Lifecycle stage");
  g_assert_nonnull (adw_action_row_get_subtitle (g_ptr_array_index (rows, LW_BUILTIN_SOURCE)));
}

static void
test_undo_rebuilds (Fixture       *fixture,
                    gconstpointer  data)
{
  guint rows = n_item_rows (fixture, "properties_group");

  activate (fixture, "properties.add-property");
  g_assert_cmpuint (n_item_rows (fixture, "properties_group"), ==, rows + 1);
  lw_workspace_undo (fixture->workspace);
  g_assert_cmpuint (n_item_rows (fixture, "properties_group"), ==, rows);
  lw_workspace_redo (fixture->workspace);
  g_assert_cmpuint (n_item_rows (fixture, "properties_group"), ==, rows + 1);

  assert_undo_restores (fixture);
}

static void
test_reveal (Fixture       *fixture,
             gconstpointer  data)
{
  GtkWidget *row = property_row (fixture, "country");
  guint index = property (fixture, "country")->index - LW_N_BUILTINS;
  g_autofree char *path = g_strdup_printf ("$.properties[%u].options[3].value", index);

  g_assert_false (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)));
  lw_page_reveal (LW_PAGE (fixture->page), path);
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)));
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (fixture->window)),
                                         option_entry (option_row (row, 3), 0)));

  lw_page_reveal (LW_PAGE (fixture->page), "$.activities[2].id");
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (item_row (fixture, "activities_group", 2))));
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
  ADD ("/gui/properties/property/add-edit-remove", test_property_add_edit_remove);
  ADD ("/gui/properties/property/domain-of", test_property_domain_of);
  ADD ("/gui/properties/property/rename-follows", test_property_rename_follows);
  ADD ("/gui/properties/property/duplicate-id", test_property_duplicate_id);
  ADD ("/gui/properties/property/remove-used", test_property_remove_used);
  ADD ("/gui/properties/property/type-change", test_property_type_change);
  ADD ("/gui/properties/option/add-edit-reorder-remove", test_option_add_edit_reorder_remove);
  ADD ("/gui/properties/option/rename-follows", test_option_rename_follows);
  ADD ("/gui/properties/option/duplicate-value", test_option_duplicate_value);
  ADD ("/gui/properties/option/remove-used", test_option_remove_used);
  ADD ("/gui/properties/activity/add-edit-remove", test_activity_add_edit_remove);
  ADD ("/gui/properties/activity/rename-and-remove-used", test_activity_rename_and_remove_used);
  ADD ("/gui/properties/builtins-listed", test_builtins_listed);
  ADD ("/gui/properties/undo-rebuilds", test_undo_rebuilds);
  ADD ("/gui/properties/reveal", test_reveal);
#undef ADD

  return g_test_run ();
}
