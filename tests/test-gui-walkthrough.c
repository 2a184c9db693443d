/* test-gui-walkthrough.c: from an empty workspace to a working playbook
 *
 * A person opens Leadwright, makes a new workspace with Main Menu → New
 * Workspace → Start Empty, and builds a small version of the sample
 * playbook page by page, using only what the pages show: buttons, entry
 * rows and their apply buttons, combo rows, spin buttons, switches, the
 * condition builder's drop-downs and entries and the working-hours
 * editor. The rule set is never touched directly; it is only read to see
 * that each step reached it. At the end the rule set has no error, scores,
 * routes and times a hand-made lead as worked out by hand below, and its
 * JSON loads back to the same bytes.
 *
 * With LW_WALKTHROUGH_SCREENSHOTS=DIR set, the steps docs/walkthrough.md
 * shows are saved there as PNGs (1100×760, light style).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include <glib/gstdio.h>

#include "lw-condition-editor.h"
#include "lw-config-json.h"
#include "lw-gui-test-utils.h"
#include "lw-hours-editor.h"
#include "lw-lead.h"
#include "lw-routing.h"
#include "lw-scoring.h"
#include "lw-scoring-page.h"
#include "lw-sla.h"
#include "lw-window.h"
#include "lw-workspace.h"
#include "lw-test-utils.h"

/* Sidebar, then page: a normal laptop window. */
#define WIDTH  1100
#define HEIGHT 760

typedef struct
{
  LwWindow   *window;
  char       *dir;     /* a private folder for the workspace file */
  const char *shots;   /* where to save screenshots, or NULL */
  const char *expected_path;  /* the workspace file New Workspace makes */
} Walk;

/* ---- reading what the steps did ------------------------------------------------------ */

static LwWorkspace *
workspace (Walk *walk)
{
  return lw_window_get_workspace (walk->window);
}

static const LwConfig *
config (Walk *walk)
{
  return lw_workspace_get_config (workspace (walk));
}

/* Asserts the rule set has no error (and, with @warnings FALSE, no
 * warning); prints them when it has. */
static void
assert_clean (Walk     *walk,
              gboolean  warnings)
{
  guint n = lw_workspace_get_n_errors (workspace (walk));

  if (!warnings)
    n += lw_workspace_get_n_warnings (workspace (walk));
  if (n > 0)
    {
      GPtrArray *diagnostics = lw_workspace_get_diagnostics (workspace (walk));

      for (guint i = 0; i < diagnostics->len; i++)
        {
          g_autofree char *text = lw_diagnostic_format (g_ptr_array_index (diagnostics, i));

          g_printerr ("%s\n", text);
        }
    }
  g_assert_cmpuint (n, ==, 0);
}

/* ---- moving around ------------------------------------------------------------------- */

static gboolean
is_sidebar_row (GtkWidget     *widget,
                gconstpointer  data)
{
  return GTK_IS_LIST_BOX_ROW (widget) && g_strcmp0 (gtk_widget_get_name (widget), data) == 0;
}

/* Clicks the page's row in the sidebar and returns the page. */
static GtkWidget *
go_to (Walk       *walk,
       const char *page_id)
{
  GtkWidget *row = lw_gui_test_find (GTK_WIDGET (walk->window), is_sidebar_row, page_id);
  GtkWidget *page;

  g_assert_nonnull (row);
  g_assert_true (gtk_widget_get_mapped (row));
  gtk_list_box_select_row (GTK_LIST_BOX (gtk_widget_get_parent (row)), GTK_LIST_BOX_ROW (row));
  gtk_widget_activate (row);
  lw_gui_test_settle ();

  g_assert_cmpstr (lw_window_get_visible_page (walk->window), ==, page_id);
  page = lw_window_get_page (walk->window, page_id);
  g_assert_nonnull (page);
  g_assert_true (gtk_widget_get_mapped (page));
  return page;
}

/* The expander row titled @title under @root, opened. */
static GtkWidget *
open_item (GtkWidget  *root,
           const char *title)
{
  return lw_gui_test_open (lw_gui_test_row_of_type (root, ADW_TYPE_EXPANDER_ROW, title));
}

static GtkWidget *
entry_row (GtkWidget  *root,
           const char *title)
{
  return lw_gui_test_row_of_type (root, ADW_TYPE_ENTRY_ROW, title);
}

static GtkWidget *
combo_row (GtkWidget  *root,
           const char *title)
{
  return lw_gui_test_row_of_type (root, ADW_TYPE_COMBO_ROW, title);
}

static GtkWidget *
action_row (GtkWidget  *root,
            const char *title)
{
  return lw_gui_test_row_of_type (root, ADW_TYPE_ACTION_ROW, title);
}

/* Closes every expander row under @root but @keep (and its ancestors). */
static void
close_all_but (GtkWidget *root,
               GtkWidget *keep)
{
  g_autoptr(GPtrArray) rows = lw_gui_test_find_all (root, ADW_TYPE_EXPANDER_ROW);

  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (rows, i);

      if (row != keep && (keep == NULL || !gtk_widget_is_ancestor (keep, row)))
        adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), FALSE);
    }
  lw_gui_test_settle ();
}

/* Scrolls the page so that @widget shows near the top. */
static void
scroll_to (GtkWidget *widget)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment;
  graphene_point_t point;

  g_assert_nonnull (scrolled);
  lw_gui_test_spin (50);
  g_assert_true (gtk_widget_compute_point (widget, gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled)),
                                           &GRAPHENE_POINT_INIT (0, 0), &point));
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  gtk_adjustment_set_value (adjustment, MAX (0, point.y - 12));
  lw_gui_test_settle ();
}

static gboolean
is_toast_close_button (GtkWidget     *widget,
                       gconstpointer  data)
{
  GtkWidget *toast = gtk_widget_get_parent (widget);

  while (toast != NULL && g_strcmp0 (gtk_widget_get_css_name (toast), "toast") != 0)
    toast = gtk_widget_get_parent (toast);
  return toast != NULL && GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (widget)), "window-close-symbolic") == 0;
}

/* Saves the window as docs/screenshots/walkthrough-@name.png would show it. */
static void
shoot (Walk       *walk,
       const char *name)
{
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  GtkWidget *dismiss;

  if (walk->shots == NULL)
    return;
  /* A toast that is still up ("Created “Acme inbound”") is dismissed. */
  while ((dismiss = lw_gui_test_find (GTK_WIDGET (walk->window), is_toast_close_button, NULL)) != NULL &&
         gtk_widget_get_mapped (dismiss))
    {
      lw_gui_test_click (dismiss);
      lw_gui_test_spin (100);
    }
  file = g_strdup_printf ("walkthrough-%s.png", name);
  path = g_build_filename (walk->shots, file, NULL);
  lw_gui_test_save_png (GTK_WIDGET (walk->window), path);
  g_test_message ("saved %s", path);
}

/* ---- the condition builder ----------------------------------------------------------- */

static gboolean
has_tooltip (GtkWidget     *widget,
             gconstpointer  data)
{
  return g_strcmp0 (gtk_widget_get_tooltip_text (widget), data) == 0;
}

/* The filter rows of @editor, in order. */
static GPtrArray *
filter_rows (GtkWidget *editor)
{
  return lw_gui_test_find_all (editor, GTK_TYPE_LIST_BOX_ROW);
}

/* Adds a filter with the editor's own buttons ("Add Condition" the first
 * time, "And…" in group @group after that, "Or Another Group…" for a new
 * group) and fills it in: the property and operator by what their
 * drop-downs show, then the value the way its widget takes it. An enum
 * "is" picks @value's label from the options; "is any of" ticks each
 * label of @value ("North America|Asia Pacific") in its pop-over, or
 * types the values of other types; everything else
 * is typed, @high into the second entry of "is between". */
static void
add_filter (GtkWidget  *editor,
            const char *add_button,
            const char *property,
            const char *op,
            const char *value,
            const char *high)
{
  g_autoptr(GPtrArray) before = filter_rows (editor);
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  GtkWidget *row;
  guint index = 0;

  /* The new filter is the one row that was not there before. */
  lw_gui_test_click (lw_gui_test_button (editor, add_button));
  after = filter_rows (editor);
  g_assert_cmpuint (after->len, ==, before->len + 1);
  while (index < before->len && g_ptr_array_index (after, index) == g_ptr_array_index (before, index))
    index++;

  /* Each choice rebuilds the rows: find the row again after it. */
  row = g_ptr_array_index (after, index);
  lw_gui_test_choose (lw_gui_test_find (row, has_tooltip, "Property"), property);
  g_clear_pointer (&after, g_ptr_array_unref);
  after = filter_rows (editor);
  row = g_ptr_array_index (after, index);
  lw_gui_test_choose (lw_gui_test_find (row, has_tooltip, "Operator"), op);
  g_clear_pointer (&after, g_ptr_array_unref);
  after = filter_rows (editor);
  row = g_ptr_array_index (after, index);

  if (value == NULL)
    return;

  entries = lw_gui_test_find_all (row, GTK_TYPE_ENTRY);
  if (g_strcmp0 (op, "is any of") == 0 || g_strcmp0 (op, "is none of") == 0)
    {
      GtkWidget *button = lw_gui_test_child_of_type (row, GTK_TYPE_MENU_BUTTON);
      g_auto(GStrv) labels = g_strsplit (value, "|", -1);

      if (entries->len > 0)
        {
          lw_gui_test_type_and_activate (g_ptr_array_index (entries, 0), value);
          return;
        }
      gtk_menu_button_popup (GTK_MENU_BUTTON (button));
      lw_gui_test_settle ();
      for (guint i = 0; labels[i] != NULL; i++)
        {
          g_autoptr(GPtrArray) checks = lw_gui_test_find_all (button, GTK_TYPE_CHECK_BUTTON);
          GtkWidget *check = NULL;

          for (guint j = 0; j < checks->len && check == NULL; j++)
            if (g_strcmp0 (gtk_check_button_get_label (g_ptr_array_index (checks, j)),
                           g_strstrip (labels[i])) == 0)
              check = g_ptr_array_index (checks, j);
          g_assert_nonnull (check);
          lw_gui_test_set_active (check, TRUE);
        }
      gtk_menu_button_popdown (GTK_MENU_BUTTON (button));
      lw_gui_test_settle ();
    }
  else if (entries->len == 0)
    {
      GtkWidget *dropdown = NULL;
      g_autoptr(GPtrArray) dropdowns = lw_gui_test_find_all (row, GTK_TYPE_DROP_DOWN);

      /* Property, operator, then the value's. */
      g_assert_cmpuint (dropdowns->len, ==, 3);
      dropdown = g_ptr_array_index (dropdowns, 2);
      lw_gui_test_choose (dropdown, value);
    }
  else
    {
      lw_gui_test_type_and_activate (g_ptr_array_index (entries, 0), value);
      if (high != NULL)
        {
          g_assert_cmpuint (entries->len, ==, 2);
          lw_gui_test_type_and_activate (g_ptr_array_index (entries, 1), high);
        }
    }
}

static GtkWidget *
condition_editor (GtkWidget *root)
{
  return lw_gui_test_child_of_type (root, LW_TYPE_CONDITION_EDITOR);
}

/* ---- 0. New Workspace → Start Empty ---------------------------------------------------- */

static gboolean
window_idle (gpointer data)
{
  return !lw_window_get_busy (data);
}

static gboolean
window_allocated (gpointer data)
{
  return gtk_widget_get_width (data) > 0;
}

static gboolean
window_sized (gpointer data)
{
  return gtk_widget_get_width (data) == WIDTH && gtk_widget_get_height (data) == HEIGHT;
}

static gboolean
chooser_shown (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (GTK_IS_FILE_CHOOSER_DIALOG (window) && gtk_widget_get_visible (window))
        {
          *(GtkWidget **) data = window;
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
in_new_file (gpointer data)
{
  Walk *walk = data;
  LwWorkspace *current = lw_window_get_workspace (walk->window);

  return current != NULL && lw_workspace_is_file (current, walk->expected_path);
}

static gboolean
dialog_shown (gpointer data)
{
  return lw_gui_test_find_dialog () != NULL;
}

static void
start_empty (Walk *walk)
{
  g_autoptr(GFile) folder = g_file_new_for_path (walk->dir);
  g_autofree char *path = g_build_filename (walk->dir, "Acme inbound.leadwright", NULL);
  g_autoptr(LwConfig) empty = lw_config_new ();
  g_autofree char *expected = NULL;
  g_autofree char *bytes = NULL;
  GtkWidget *chooser = NULL;

  /* The main menu's New Workspace asks where to start from. */
  lw_gui_test_activate (GTK_WIDGET (walk->window), "win.new-workspace");
  lw_gui_test_iterate_until (dialog_shown, NULL, 60000);
  lw_gui_test_respond ("empty");

  /* Then for a file: "Acme inbound" in the private folder. */
  lw_gui_test_iterate_until (chooser_shown, &chooser, 60000);
  lw_gui_test_spin (200);   /* the chooser settles on its first folder */
  g_assert_true (gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "Acme inbound");
  lw_gui_test_spin (200);   /* and loads ours */
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  walk->expected_path = path;
  lw_gui_test_iterate_until (in_new_file, walk, 60000);
  lw_gui_test_iterate_until (window_idle, walk->window, 60000);
  lw_gui_test_settle ();

  /* The window goes on in the new file, whose rules are empty but for
   * their name: what lw_config_new() makes. */
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_true (lw_workspace_is_file (workspace (walk), path));
  g_free (empty->name);
  empty->name = g_strdup ("Acme inbound");
  expected = lw_config_to_data (empty, NULL);
  bytes = lw_config_to_data (config (walk), NULL);
  g_assert_cmpstr (bytes, ==, expected);
  g_assert_cmpuint (config (walk)->properties->len, ==, LW_N_BUILTINS);
  g_assert_cmpuint (config (walk)->stages->len, ==, 0);
  g_assert_cmpuint (config (walk)->reps->len, ==, 0);

  /* Empty is not valid yet: there is no fallback owner, and the window
   * says so. */
  g_assert_cmpuint (lw_workspace_get_n_errors (workspace (walk)), >, 0);
}

/* ---- 1. Properties ------------------------------------------------------------------- */

/* The option rows of an enum property's row: value and label entries. */
static GPtrArray *
option_rows (GtkWidget *property_row)
{
  g_autoptr(GPtrArray) rows = lw_gui_test_find_all (property_row, GTK_TYPE_LIST_BOX_ROW);
  GPtrArray *options = g_ptr_array_new ();

  for (guint i = 0; i < rows->len; i++)
    if (gtk_widget_has_css_class (g_ptr_array_index (rows, i), "lw-option-row"))
      g_ptr_array_add (options, g_ptr_array_index (rows, i));
  return options;
}

static void
add_option (GtkWidget  *page,
            const char *property,
            const char *value,
            const char *label)
{
  GtkWidget *row = open_item (page, property);
  g_autoptr(GPtrArray) options = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  GtkWidget *option;

  lw_gui_test_click (lw_gui_test_button (row, "Add Option"));
  row = open_item (page, property);
  options = option_rows (row);
  g_assert_cmpuint (options->len, >, 0);
  option = g_ptr_array_index (options, options->len - 1);
  entries = lw_gui_test_find_all (option, GTK_TYPE_ENTRY);
  g_assert_cmpuint (entries->len, ==, 2);
  lw_gui_test_type_and_activate (g_ptr_array_index (entries, 0), value);
  lw_gui_test_type_and_activate (g_ptr_array_index (entries, 1), label);
}

/* A new property, named, of @type. */
static void
add_property (GtkWidget  *page,
              const char *id,
              const char *label,
              const char *type)
{
  GtkWidget *row;

  lw_gui_test_click (lw_gui_test_button (page, "Add Property"));
  row = open_item (page, "New property");
  lw_gui_test_type_and_apply (entry_row (row, "Id"), id);
  lw_gui_test_type_and_apply (entry_row (row, "Label"), label);
  row = open_item (page, label);
  lw_gui_test_choose (combo_row (row, "Type"), type);
}

static void
build_properties (Walk *walk)
{
  GtkWidget *page = go_to (walk, "properties");
  GtkWidget *row;
  const LwProperty *region;
  const LwProperty *employees;

  /* Region: an enum with three options. */
  add_property (page, "region", "Region", "Enum");
  add_option (page, "Region", "NA", "North America");
  add_option (page, "Region", "EMEA", "Europe, Middle East and Africa");
  add_option (page, "Region", "APAC", "Asia Pacific");

  /* Employees: a number. */
  add_property (page, "employees", "Employees", "Number");
  row = open_item (page, "Employees");
  lw_gui_test_type_and_apply (entry_row (row, "Description"), "How many people work at the lead’s company.");

  /* The activity engagement scoring counts. */
  lw_gui_test_click (lw_gui_test_button (page, "Add Activity"));
  row = open_item (page, "New activity");
  lw_gui_test_type_and_apply (entry_row (row, "Id"), "demo_request");
  lw_gui_test_type_and_apply (entry_row (row, "Label"), "Demo request");

  region = lw_config_find_property (config (walk), "region");
  g_assert_nonnull (region);
  g_assert_cmpint (region->type, ==, LW_PROPERTY_ENUM);
  g_assert_cmpstr (region->label, ==, "Region");
  g_assert_cmpuint (region->options->len, ==, 3);
  g_assert_cmpstr (((LwOption *) g_ptr_array_index (region->options, 0))->value, ==, "NA");
  g_assert_cmpstr (((LwOption *) g_ptr_array_index (region->options, 1))->label, ==,
                   "Europe, Middle East and Africa");
  g_assert_cmpstr (((LwOption *) g_ptr_array_index (region->options, 2))->value, ==, "APAC");
  employees = lw_config_find_property (config (walk), "employees");
  g_assert_nonnull (employees);
  g_assert_cmpint (employees->type, ==, LW_PROPERTY_NUMBER);
  g_assert_cmpstr (employees->description, ==, "How many people work at the lead’s company.");
  g_assert_cmpuint (config (walk)->activities->len, ==, 1);
  g_assert_nonnull (lw_config_find_activity (config (walk), "demo_request"));

  /* The row reads as its property does. */
  row = open_item (page, "Region");
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), ==, "Enum · 3 options");
  close_all_but (page, row);
  scroll_to (row);
  shoot (walk, "1-properties");
}

/* ---- 2. Lifecycle ------------------------------------------------------------------ */

/* Types a definition into the row's text view and presses its apply button. */
static void
define (GtkWidget  *row,
        const char *text)
{
  GtkWidget *view = lw_gui_test_child_of_type (row, GTK_TYPE_TEXT_VIEW);

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), text, -1);
  lw_gui_test_settle ();
  lw_gui_test_click (lw_gui_test_button (row, "Apply Definition"));
}

static GtkWidget *
add_stage (GtkWidget  *page,
           const char *id,
           const char *label,
           const char *hubspot,
           const char *owner,
           const char *definition)
{
  GtkWidget *row;

  lw_gui_test_click (lw_gui_test_button (page, "Add Stage"));
  row = open_item (page, "New stage");
  /* Ids and names show in other rows' lists: each rebuilds the rows. */
  lw_gui_test_type_and_apply (entry_row (row, "Id"), id);
  row = open_item (page, "New stage");
  lw_gui_test_type_and_apply (entry_row (row, "Label"), label);
  row = open_item (page, label);
  lw_gui_test_type_and_apply (entry_row (row, "HubSpot Internal Value"), hubspot);
  define (row, definition);
  lw_gui_test_choose (combo_row (row, "Owning Role"), owner);
  return row;
}

static GtkWidget *
add_status (GtkWidget  *page,
            const char *id,
            const char *label,
            const char *hubspot)
{
  GtkWidget *row;

  lw_gui_test_click (lw_gui_test_button (page, "Add Status"));
  row = open_item (page, "New status");
  lw_gui_test_type_and_apply (entry_row (row, "Id"), id);
  row = open_item (page, "New status");
  lw_gui_test_type_and_apply (entry_row (row, "Label"), label);
  row = open_item (page, label);
  lw_gui_test_type_and_apply (entry_row (row, "HubSpot Internal Value"), hubspot);
  return row;
}

static void
build_lifecycle (Walk *walk)
{
  GtkWidget *page = go_to (walk, "lifecycle");
  GtkWidget *row;
  const LwStage *stage;

  add_stage (page, "subscriber", "Subscriber", "subscriber", "Marketing",
             "Opted in to hear from us and gave an email address, nothing more.");
  row = add_stage (page, "lead", "Lead", "lead", "Marketing",
                   "Told us about their company: how many people work there.");
  lw_gui_test_set_active (action_row (row, "Has Entry Criteria"), TRUE);
  add_filter (condition_editor (row), "Add Condition", "Employees", "is known", NULL, NULL);
  add_stage (page, "mql", "Marketing Qualified Lead", "marketingqualifiedlead", "SDR",
             "Fits our customers and engaged enough: a total score of 40 or more.");
  row = open_item (page, "Marketing Qualified Lead");
  lw_gui_test_type_and_apply (entry_row (row, "Next Step"), "Routed to an SDR, who calls within the SLA.");

  add_status (page, "new", "New", "NEW");
  add_status (page, "attempting", "Attempting contact", "ATTEMPTED_TO_CONTACT");

  g_assert_cmpuint (config (walk)->stages->len, ==, 3);
  stage = g_ptr_array_index (config (walk)->stages, 0);
  g_assert_cmpstr (stage->id, ==, "subscriber");
  g_assert_null (stage->entry);
  stage = g_ptr_array_index (config (walk)->stages, 1);
  g_assert_cmpstr (stage->id, ==, "lead");
  g_assert_cmpstr (stage->hubspot_value, ==, "lead");
  g_assert_cmpstr (stage->definition, ==, "Told us about their company: how many people work there.");
  g_assert_nonnull (stage->entry);
  g_assert_cmpuint (stage->entry->groups->len, ==, 1);
  {
    LwFilterGroup *group = g_ptr_array_index (stage->entry->groups, 0);
    LwFilter *filter = g_ptr_array_index (group->filters, 0);

    g_assert_cmpuint (group->filters->len, ==, 1);
    g_assert_cmpstr (filter->property, ==, "employees");
    g_assert_cmpint (filter->op, ==, LW_OP_HAS_PROPERTY);
  }
  stage = g_ptr_array_index (config (walk)->stages, 2);
  g_assert_cmpstr (stage->label, ==, "Marketing Qualified Lead");
  g_assert_cmpint (stage->owner_role, ==, LW_ROLE_SDR);
  g_assert_cmpstr (stage->next_step, ==, "Routed to an SDR, who calls within the SLA.");
  g_assert_cmpuint (config (walk)->statuses->len, ==, 2);
  g_assert_cmpstr (((LwStatus *) g_ptr_array_index (config (walk)->statuses, 1))->hubspot_value, ==,
                   "ATTEMPTED_TO_CONTACT");

  row = open_item (page, "Lead");
  close_all_but (page, row);
  scroll_to (row);
  shoot (walk, "2-lifecycle");
}

/* ---- 3. Team ------------------------------------------------------------------------ */

static GtkWidget *
team_view (GtkWidget  *page,
           const char *view)
{
  AdwViewStack *stack = ADW_VIEW_STACK (lw_gui_test_child_of_type (page, ADW_TYPE_VIEW_STACK));

  /* What clicking the view switcher's button does. */
  adw_view_stack_set_visible_child_name (stack, view);
  lw_gui_test_settle ();
  return adw_view_stack_get_child_by_name (stack, view);
}

/* The working hours of @rep_row: @weekdays Monday to Friday, unless
 * NULL, then @day's own hours, unless NULL. Returns the hours editor. */
static LwHoursEditor *
set_hours (GtkWidget  *rep_row,
           const char *weekdays,
           int         day,
           const char *hours_of_day)
{
  LwHoursEditor *hours = LW_HOURS_EDITOR (lw_gui_test_child_of_type (rep_row, LW_TYPE_HOURS_EDITOR));

  lw_gui_test_open (GTK_WIDGET (hours));
  if (weekdays != NULL)
    lw_gui_test_type_and_apply (GTK_WIDGET (lw_hours_editor_get_weekdays_row (hours)), weekdays);
  if (hours_of_day != NULL)
    lw_gui_test_type_and_apply (GTK_WIDGET (lw_hours_editor_get_day_row (hours, day)), hours_of_day);
  return hours;
}

static GtkWidget *
add_rep (GtkWidget  *page,
         const char *name,
         const char *email,
         const char *role)
{
  GtkWidget *reps = team_view (page, "reps");
  GtkWidget *row;

  lw_gui_test_click (lw_gui_test_button (reps, "Add Rep"));
  row = open_item (reps, "New rep");
  lw_gui_test_type_and_apply (entry_row (row, "Name"), name);
  /* A rename rebuilds the rows: the rep keeps its place and stays open. */
  row = open_item (reps, name);
  lw_gui_test_type_and_apply (entry_row (row, "Email"), email);
  lw_gui_test_choose (combo_row (row, "Role"), role);
  return row;
}

static const LwRep *
rep_named (Walk       *walk,
           const char *name)
{
  for (guint i = 0; i < config (walk)->reps->len; i++)
    if (g_strcmp0 (((LwRep *) g_ptr_array_index (config (walk)->reps, i))->name, name) == 0)
      return g_ptr_array_index (config (walk)->reps, i);
  g_error ("no rep named “%s”", name);
}

static void
build_team (Walk *walk)
{
  GtkWidget *page = go_to (walk, "team");
  GtkWidget *view;
  GtkWidget *row;
  GtkWidget *members;
  LwHoursEditor *hours;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  guint n_errors;
  const LwRep *maria, *jake, *priya;
  const LwTeam *team;
  const LwPool *pool;

  /* The team first, so that every rep added after it is in it. */
  view = team_view (page, "teams");
  lw_gui_test_click (lw_gui_test_button (view, "Add Team"));
  row = open_item (view, "New team");
  lw_gui_test_type_and_apply (entry_row (row, "Name"), "North America");
  row = open_item (view, "North America");
  lw_gui_test_type_and_apply (entry_row (row, "Region"), "NA");

  /* Maria manages it: New York, 08:30 to 17:30 on weekdays. */
  row = add_rep (page, "Maria Gonzalez", "maria@acme.example", "Manager");
  /* A time zone with a space: the row says what is wrong until it is fixed. */
  n_errors = lw_workspace_get_n_errors (workspace (walk));
  lw_gui_test_type_and_apply (entry_row (row, "Time Zone"), "America/New York");
  g_assert_cmpuint (lw_workspace_get_n_errors (workspace (walk)), ==, n_errors + 1);
  g_assert_nonnull (lw_gui_test_mark (entry_row (row, "Time Zone")));
  g_assert_nonnull (strstr (lw_gui_test_mark (entry_row (row, "Time Zone")), "America/New York"));
  lw_gui_test_type_and_apply (entry_row (row, "Time Zone"), "America/New_York");
  g_assert_cmpuint (lw_workspace_get_n_errors (workspace (walk)), ==, n_errors);
  g_assert_null (lw_gui_test_mark (entry_row (row, "Time Zone")));

  /* Hours that are not HH:MM-HH:MM never reach the rule set. */
  before = lw_config_to_data (config (walk), NULL);
  hours = set_hours (row, "9-5", -1, NULL);
  after = lw_config_to_data (config (walk), NULL);
  g_assert_cmpstr (after, ==, before);
  g_assert_nonnull (lw_gui_test_mark (GTK_WIDGET (lw_hours_editor_get_weekdays_row (hours))));
  g_assert_nonnull (strstr (lw_gui_test_mark (GTK_WIDGET (lw_hours_editor_get_weekdays_row (hours))),
                            "is not a time interval"));
  hours = set_hours (row, "08:30-17:30", -1, NULL);
  g_assert_null (lw_gui_test_mark (GTK_WIDGET (lw_hours_editor_get_weekdays_row (hours))));
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (hours)), ==, "Mon–Fri 08:30-17:30");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (lw_hours_editor_get_day_row (hours, 4))), ==,
                   "08:30-17:30");
  /* A manager takes what nobody else can: no daily cap. */
  lw_gui_test_set_spin (action_row (row, "Daily Capacity"), 0);

  /* Jake: Chicago, from the menu of common time zones. */
  row = add_rep (page, "Jake Miller", "jake@acme.example", "SDR");
  gtk_widget_activate_action (lw_gui_test_button (row, "Common Time Zones"), "team.set-time-zone", "(ss)",
                              rep_named (walk, "Jake Miller")->id, "America/Chicago");
  lw_gui_test_settle ();

  /* Priya: Los Angeles, home at one on Fridays. */
  row = add_rep (page, "Priya Shah", "priya@acme.example", "SDR");
  lw_gui_test_type_and_apply (entry_row (row, "Time Zone"), "America/Los_Angeles");
  /* New reps work 09:00 to 17:00 on weekdays; Friday is shorter. */
  hours = set_hours (row, NULL, 4, "09:00-13:00");
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (hours)), ==,
                   "Mon–Thu 09:00-17:00; Fri 09:00-13:00");
  /* The weekdays differ now: their row is empty. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (lw_hours_editor_get_weekdays_row (hours))), ==, "");

  /* The team's manager. */
  view = team_view (page, "teams");
  row = open_item (view, "North America");
  lw_gui_test_choose (combo_row (row, "Manager"), "Maria Gonzalez");

  /* The pool: Jake and Priya in turn. */
  view = team_view (page, "pools");
  lw_gui_test_click (lw_gui_test_button (view, "Add Pool"));
  row = open_item (view, "New pool");
  lw_gui_test_type_and_apply (entry_row (row, "Name"), "North America SDRs");
  row = open_item (view, "North America SDRs");
  members = open_item (row, "Members");
  lw_gui_test_set_active (action_row (members, "Jake Miller"), TRUE);
  lw_gui_test_set_active (action_row (members, "Priya Shah"), TRUE);

  maria = rep_named (walk, "Maria Gonzalez");
  jake = rep_named (walk, "Jake Miller");
  priya = rep_named (walk, "Priya Shah");
  g_assert_cmpuint (config (walk)->reps->len, ==, 3);
  g_assert_cmpint (maria->role, ==, LW_ROLE_MANAGER);
  g_assert_cmpstr (maria->email, ==, "maria@acme.example");
  g_assert_cmpstr (maria->time_zone, ==, "America/New_York");
  g_assert_cmpuint (maria->capacity, ==, 0);
  for (guint d = 0; d < 5; d++)
    {
      g_assert_cmpuint (maria->hours.days[d]->len, ==, 1);
      g_assert_cmpuint (g_array_index (maria->hours.days[d], LwInterval, 0).start, ==, 8 * 60 + 30);
      g_assert_cmpuint (g_array_index (maria->hours.days[d], LwInterval, 0).end, ==, 17 * 60 + 30);
    }
  g_assert_cmpuint (maria->hours.days[5]->len, ==, 0);
  g_assert_cmpint (jake->role, ==, LW_ROLE_SDR);
  g_assert_cmpstr (jake->time_zone, ==, "America/Chicago");
  g_assert_cmpstr (priya->time_zone, ==, "America/Los_Angeles");
  g_assert_cmpuint (g_array_index (priya->hours.days[3], LwInterval, 0).end, ==, 17 * 60);
  g_assert_cmpuint (g_array_index (priya->hours.days[4], LwInterval, 0).end, ==, 13 * 60);

  g_assert_cmpuint (config (walk)->teams->len, ==, 1);
  team = g_ptr_array_index (config (walk)->teams, 0);
  g_assert_cmpstr (team->label, ==, "North America");
  g_assert_cmpstr (team->region, ==, "NA");
  g_assert_cmpstr (team->manager, ==, maria->id);
  for (guint i = 0; i < config (walk)->reps->len; i++)
    g_assert_cmpstr (((LwRep *) g_ptr_array_index (config (walk)->reps, i))->team, ==, team->id);

  g_assert_cmpuint (config (walk)->pools->len, ==, 1);
  pool = g_ptr_array_index (config (walk)->pools, 0);
  g_assert_cmpstr (pool->label, ==, "North America SDRs");
  g_assert_cmpuint (pool->members->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (pool->members, 0), ==, jake->id);
  g_assert_cmpstr (g_ptr_array_index (pool->members, 1), ==, priya->id);
  g_assert_false (pool->weighted);
  g_assert_true (pool->working_hours);

  /* The picture: Priya's row, with her hours. */
  view = team_view (page, "reps");
  row = open_item (view, "Priya Shah");
  close_all_but (view, row);
  lw_gui_test_open (lw_gui_test_child_of_type (row, LW_TYPE_HOURS_EDITOR));
  scroll_to (row);
  shoot (walk, "3-team");
}

/* ---- 4. Scoring ----------------------------------------------------------------------- */

static GtkWidget *
group_titled (GtkWidget  *page,
              const char *title)
{
  g_autoptr(GPtrArray) groups = lw_gui_test_find_all (page, ADW_TYPE_PREFERENCES_GROUP);

  for (guint i = 0; i < groups->len; i++)
    if (g_strcmp0 (adw_preferences_group_get_title (g_ptr_array_index (groups, i)), title) == 0)
      return g_ptr_array_index (groups, i);
  g_error ("no group titled “%s”", title);
}

static GtkWidget *
add_criterion (GtkWidget  *page,
               const char *group,
               const char *name,
               int         points)
{
  GtkWidget *box = group_titled (page, group);
  GtkWidget *row;

  lw_gui_test_click (lw_gui_test_button (box, "Add"));
  box = group_titled (page, group);
  row = open_item (box, "New criterion");
  lw_gui_test_type_and_apply (entry_row (row, "Name"), name);
  row = open_item (group_titled (page, group), name);
  lw_gui_test_set_spin (action_row (row, "Points"), points);
  return row;
}

/* A figure of the "Score" summary the page shows for the lead tried. */
static const char *
summary_figure (GtkWidget  *page,
                const char *name)
{
  GObject *label = gtk_widget_get_template_child (page, LW_TYPE_SCORING_PAGE, name);

  g_assert_nonnull (label);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (label)));
  return gtk_label_get_label (GTK_LABEL (label));
}

static const LwCriterion *
criterion (GPtrArray *criteria,
           guint      index)
{
  g_assert_cmpuint (index, <, criteria->len);
  return g_ptr_array_index (criteria, index);
}

static void
build_scoring (Walk *walk)
{
  GtkWidget *page = go_to (walk, "scoring");
  GtkWidget *row;
  GtkWidget *thresholds;
  const LwScoring *scoring;

  /* Fit: where they are and how big they are. */
  row = add_criterion (page, "Fit", "Core market (North America, EMEA)", 10);
  add_filter (condition_editor (row), "Add Condition", "Region", "is any of",
              "North America|Europe, Middle East and Africa", NULL);
  row = add_criterion (page, "Fit", "200 employees or more", 15);
  add_filter (condition_editor (row), "Add Condition", "Employees", "≥", "200", NULL);

  /* Engagement: a demo request, counted once. */
  row = add_criterion (page, "Engagement", "Demo request", 20);
  /* With an activity defined, an engagement criterion counts one. */
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (combo_row (row, "Points For"))), ==, 1);
  lw_gui_test_choose (combo_row (row, "Activity"), "Demo request");
  lw_gui_test_set_spin (action_row (row, "At Most"), 1);

  /* MQL at a total of 40, into the MQL stage. */
  thresholds = group_titled (page, "Decay and Thresholds");
  lw_gui_test_choose (combo_row (thresholds, "MQL Rule"), "Total score");
  lw_gui_test_set_spin (action_row (thresholds, "Total at Least"), 40);
  lw_gui_test_choose (combo_row (thresholds, "MQL Stage"), "Marketing Qualified Lead");

  scoring = &config (walk)->scoring;
  g_assert_cmpuint (scoring->fit.criteria->len, ==, 2);
  g_assert_cmpstr (criterion (scoring->fit.criteria, 0)->label, ==, "Core market (North America, EMEA)");
  g_assert_cmpint (criterion (scoring->fit.criteria, 0)->points, ==, 10);
  {
    const LwFilter *filter = g_ptr_array_index (((LwFilterGroup *) g_ptr_array_index (criterion (scoring->fit.criteria, 0)->when->groups, 0))->filters, 0);
    const char * const values[] = { "NA", "EMEA", NULL };

    g_assert_cmpstr (filter->property, ==, "region");
    g_assert_cmpint (filter->op, ==, LW_OP_IN);
    g_assert_cmpstrv (filter->values, values);
  }
  {
    const LwFilter *filter = g_ptr_array_index (((LwFilterGroup *) g_ptr_array_index (criterion (scoring->fit.criteria, 1)->when->groups, 0))->filters, 0);

    g_assert_cmpstr (filter->property, ==, "employees");
    g_assert_cmpint (filter->op, ==, LW_OP_GTE);
    g_assert_cmpstr (filter->value, ==, "200");
  }
  g_assert_cmpint (criterion (scoring->fit.criteria, 1)->points, ==, 15);
  g_assert_cmpuint (scoring->engagement.criteria->len, ==, 1);
  g_assert_cmpstr (criterion (scoring->engagement.criteria, 0)->activity, ==, "demo_request");
  g_assert_cmpint (criterion (scoring->engagement.criteria, 0)->points, ==, 20);
  g_assert_cmpuint (criterion (scoring->engagement.criteria, 0)->max_times, ==, 1);
  g_assert_null (criterion (scoring->engagement.criteria, 0)->when);
  g_assert_cmpint (scoring->mql_kind, ==, LW_MQL_TOTAL);
  g_assert_cmpint (scoring->mql_total, ==, 40);
  g_assert_cmpstr (scoring->mql_stage, ==, "mql");

  /* The page's own try-out: a North American lead of 250 with one demo
   * request scores 10 + 15 + 20 = 45, an MQL. It works while the rule
   * set still has an error elsewhere: routing has no fallback owner yet. */
  g_assert_cmpuint (lw_workspace_get_n_errors (workspace (walk)), ==, 1);
  {
    g_autoptr(GPtrArray) at = lw_workspace_dup_diagnostics_at (workspace (walk), "$.routing.fallback");

    g_assert_cmpuint (at->len, ==, 1);
  }
  row = group_titled (page, "Try a Lead");
  lw_gui_test_choose (combo_row (row, "Region"), "North America");
  gtk_editable_set_text (GTK_EDITABLE (entry_row (row, "Employees")), "250");
  lw_gui_test_settle ();
  lw_gui_test_set_spin (lw_gui_test_child_of_type (action_row (row, "Demo request"), GTK_TYPE_SPIN_BUTTON), 1);
  g_assert_cmpstr (summary_figure (page, "fit_value_label"), ==, "25");
  g_assert_cmpstr (summary_figure (page, "engagement_value_label"), ==, "20");
  g_assert_cmpstr (summary_figure (page, "total_value_label"), ==, "45");
  g_assert_cmpstr (summary_figure (page, "mql_value_label"), ==, "Yes");

  row = open_item (group_titled (page, "Fit"), "Core market (North America, EMEA)");
  close_all_but (page, row);
  scroll_to (group_titled (page, "Fit"));
  shoot (walk, "4-scoring");
}

/* ---- 5. Routing ----------------------------------------------------------------------- */

static GtkWidget *
add_rule (GtkWidget  *page,
          const char *name)
{
  GtkWidget *row;

  lw_gui_test_click (lw_gui_test_button (page, "Add Rule"));
  row = open_item (page, "New rule");
  lw_gui_test_type_and_apply (entry_row (row, "Name"), name);
  return open_item (page, name);
}

static void
build_routing (Walk *walk)
{
  GtkWidget *page = go_to (walk, "routing");
  GtkWidget *row;
  GtkWidget *box;
  const LwRoutingRule *rule;
  const LwRep *maria = rep_named (walk, "Maria Gonzalez");

  /* First match wins: enterprise leads to Maria herself... */
  row = add_rule (page, "Enterprise (1,000 employees or more)");
  /* "1,000" is not a number: the rule shows why until it reads 1000. */
  add_filter (condition_editor (row), "Add Condition", "Employees", "≥", "1,000", NULL);
  row = open_item (page, "Enterprise (1,000 employees or more)");
  g_assert_nonnull (lw_gui_test_mark (row));
  g_assert_nonnull (strstr (lw_gui_test_mark (row), "1,000"));
  lw_gui_test_type_and_activate (lw_gui_test_child_of_type (condition_editor (row), GTK_TYPE_ENTRY), "1000");
  g_assert_null (lw_gui_test_mark (row));
  lw_gui_test_choose (combo_row (row, "Assign To"), "A named owner");
  row = open_item (page, "Enterprise (1,000 employees or more)");
  lw_gui_test_choose (combo_row (row, "Owner"), "Maria Gonzalez");

  /* ...the rest of North America to the SDRs in turn. */
  row = add_rule (page, "North America inbound");
  add_filter (condition_editor (row), "Add Condition", "Region", "is", "North America", NULL);
  /* A new rule goes to the first pool: the only one here. */
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (combo_row (row, "Assign To"))), ==, 1);
  lw_gui_test_choose (combo_row (row, "Pool"), "North America SDRs");

  /* Nobody is left without an owner. */
  lw_gui_test_choose (combo_row (page, "Fallback Owner"), "Jake Miller");

  g_assert_cmpuint (config (walk)->rules->len, ==, 2);
  rule = g_ptr_array_index (config (walk)->rules, 0);
  g_assert_cmpstr (rule->label, ==, "Enterprise (1,000 employees or more)");
  g_assert_cmpint (rule->kind, ==, LW_ASSIGN_OWNER);
  g_assert_cmpstr (rule->target.owner, ==, maria->id);
  g_assert_null (rule->target.pool);
  rule = g_ptr_array_index (config (walk)->rules, 1);
  g_assert_cmpint (rule->kind, ==, LW_ASSIGN_POOL);
  g_assert_cmpstr (rule->target.pool, ==, ((LwPool *) g_ptr_array_index (config (walk)->pools, 0))->id);
  {
    const LwFilter *filter = g_ptr_array_index (((LwFilterGroup *) g_ptr_array_index (rule->when->groups, 0))->filters, 0);

    g_assert_cmpstr (filter->property, ==, "region");
    g_assert_cmpint (filter->op, ==, LW_OP_EQ);
    g_assert_cmpstr (filter->value, ==, "NA");
  }
  g_assert_cmpstr (config (walk)->fallback.owner, ==, rep_named (walk, "Jake Miller")->id);
  g_assert_null (config (walk)->fallback.pool);
  assert_clean (walk, TRUE);

  /* The page's try-out: an enterprise lead goes to Maria, whatever the
   * hour (the pool would depend on who is at work now). */
  box = group_titled (page, "Try a Lead");
  lw_gui_test_choose (combo_row (box, "Region"), "North America");
  gtk_editable_set_text (GTK_EDITABLE (entry_row (box, "Employees")), "5000");
  lw_gui_test_settle ();
  g_assert_cmpstr (adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (group_titled (page, "Route"))),
                   ==, "Goes to Maria Gonzalez");

  close_all_but (page, NULL);
  shoot (walk, "5-routing");
}

/* ---- 6. SLAs -------------------------------------------------------------------------- */

/* Sets a duration ([ N ] [ unit ▾ ]) in @row: the unit first, then the number. */
static void
set_duration (GtkWidget  *row,
              const char *unit,
              int         value)
{
  lw_gui_test_choose (lw_gui_test_find (row, has_tooltip, "Unit"), unit);
  lw_gui_test_set_spin (row, value);
}

static void
build_slas (Walk *walk)
{
  GtkWidget *page = go_to (walk, "slas");
  GtkWidget *row;
  g_autoptr(GPtrArray) steps = NULL;
  const LwSlaPolicy *policy;
  const LwEscalation *escalation;

  lw_gui_test_click (lw_gui_test_button (page, "Add Policy"));
  row = open_item (page, "New policy");
  lw_gui_test_type_and_apply (entry_row (row, "Name"), "Hot leads");
  row = open_item (page, "Hot leads");

  /* For leads whose total score is 40 or more: a built-in property. */
  add_filter (condition_editor (row), "Add Condition", "Total score", "≥", "40", NULL);

  /* First touch within 30 business minutes, a warning 10 minutes before. */
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (combo_row (row, "Clock"))), ==, 0);
  set_duration (action_row (row, "First-Touch Deadline"), "minutes", 30);
  set_duration (action_row (row, "Warn Before"), "minutes", 10);

  /* The manager hears of it after an hour; after four the lead goes to
   * whoever routing picks next. */
  steps = lw_gui_test_find_all (row, ADW_TYPE_ACTION_ROW);
  {
    GtkWidget *step = NULL;

    for (guint i = 0; i < steps->len && step == NULL; i++)
      if (lw_gui_test_find (g_ptr_array_index (steps, i), has_tooltip, "What happens then") != NULL)
        step = g_ptr_array_index (steps, i);
    g_assert_nonnull (step);
    set_duration (step, "hours", 1);
  }
  lw_gui_test_click (lw_gui_test_button (row, "Add Escalation Step"));
  row = open_item (page, "Hot leads");
  {
    g_autoptr(GPtrArray) actions = g_ptr_array_new ();
    g_autoptr(GPtrArray) rows = lw_gui_test_find_all (row, ADW_TYPE_ACTION_ROW);
    GtkWidget *step;

    for (guint i = 0; i < rows->len; i++)
      if (lw_gui_test_find (g_ptr_array_index (rows, i), has_tooltip, "What happens then") != NULL)
        g_ptr_array_add (actions, g_ptr_array_index (rows, i));
    g_assert_cmpuint (actions->len, ==, 2);
    step = g_ptr_array_index (actions, 1);
    set_duration (step, "hours", 4);
    lw_gui_test_choose (lw_gui_test_find (step, has_tooltip, "What happens then"), "Reassign by routing again");
  }
  lw_gui_test_type_and_apply (entry_row (row, "Breach Tag"), "sla-breach-hot");

  g_assert_cmpuint (config (walk)->policies->len, ==, 1);
  policy = g_ptr_array_index (config (walk)->policies, 0);
  g_assert_cmpstr (policy->label, ==, "Hot leads");
  g_assert_cmpint (policy->clock, ==, LW_CLOCK_BUSINESS);
  g_assert_cmpuint (policy->deadline_minutes, ==, 30);
  g_assert_cmpuint (policy->warn_before_minutes, ==, 10);
  g_assert_cmpuint (policy->escalations->len, ==, 2);
  escalation = &g_array_index (policy->escalations, LwEscalation, 0);
  g_assert_cmpuint (escalation->after_minutes, ==, 60);
  g_assert_cmpint (escalation->action, ==, LW_ESCALATE_NOTIFY_MANAGER);
  escalation = &g_array_index (policy->escalations, LwEscalation, 1);
  g_assert_cmpuint (escalation->after_minutes, ==, 240);
  g_assert_cmpint (escalation->action, ==, LW_ESCALATE_REASSIGN);
  g_assert_null (escalation->target.owner);
  g_assert_null (escalation->target.pool);
  g_assert_cmpstr (policy->breach_tag, ==, "sla-breach-hot");
  {
    const LwFilter *filter = g_ptr_array_index (((LwFilterGroup *) g_ptr_array_index (policy->when->groups, 0))->filters, 0);

    g_assert_cmpstr (filter->property, ==, "total_score");
    g_assert_cmpint (filter->op, ==, LW_OP_GTE);
    g_assert_cmpstr (filter->value, ==, "40");
  }
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), ==,
                   "First touch within 30 business minutes; warn 10 minutes before; "
                   "notify the manager after 1 hour, reassign after 4 hours");

  close_all_but (page, row);
  scroll_to (row);
  shoot (walk, "6-slas");
}

/* ---- the result -------------------------------------------------------------------------- */

static LwLead *
make_lead (const LwConfig *rules,
           const char     *id,
           const char     *region,
           const char     *employees,
           guint           n_demos)
{
  LwLead *lead = lw_lead_new (rules, id);
  g_autoptr(GError) error = NULL;
  int demo = lw_config_activity_index (rules, "demo_request");

  g_assert_cmpint (demo, >=, 0);
  if (region != NULL)
    g_assert_true (lw_lead_set (lead, rules, "region", region, &error));
  g_assert_no_error (error);
  if (employees != NULL)
    g_assert_true (lw_lead_set (lead, rules, "employees", employees, &error));
  g_assert_no_error (error);
  /* Demo requests on Monday 9 March 2026, 10:00 and 12:00 UTC. */
  for (guint i = 0; i < n_demos; i++)
    lw_lead_add_activity (lead, demo, 1773050400 + i * 7200);
  return lead;
}

static void
assert_score (const LwConfig *rules,
              const LwLead   *lead,
              double          fit,
              double          engagement,
              gboolean        mql)
{
  g_auto(LwScore) score = { 0 };

  /* Tuesday 10 March 2026, 15:00 UTC. */
  lw_score_lead (rules, lead, 1773154800, TRUE, &score);
  g_assert_cmpfloat (score.fit, ==, fit);
  g_assert_cmpfloat (score.engagement, ==, engagement);
  g_assert_cmpfloat (score.total, ==, fit + engagement);
  g_assert_cmpint (score.mql, ==, mql);
}

static const LwRep *
route (const LwConfig  *rules,
       LwRoutingState  *state,
       LwLead          *lead,
       LwTime           at,
       const char     **rule_label)
{
  g_auto(LwScore) score = { 0 };
  g_auto(LwRoute) result = { 0 };

  lw_score_lead (rules, lead, at, FALSE, &score);
  lw_score_apply (rules, &score, lead);
  lw_route_lead (rules, lead, at, state, TRUE, &result);
  g_assert_nonnull (result.owner);
  *rule_label = result.rule != NULL ? result.rule->label : NULL;
  g_assert_cmpint (result.fallback, ==, result.rule == NULL);
  return result.owner;
}

static void
check_result (Walk *walk)
{
  const LwConfig *rules = config (walk);
  g_autoptr(LwRoutingState) state = lw_routing_state_new (rules);
  g_autoptr(LwLead) hot = make_lead (rules, "hot", "NA", "250", 2);
  g_autoptr(LwLead) second = make_lead (rules, "second", "NA", "120", 0);
  g_autoptr(LwLead) afternoon = make_lead (rules, "afternoon", "NA", "300", 0);
  g_autoptr(LwLead) enterprise = make_lead (rules, "enterprise", "NA", "5000", 0);
  g_autoptr(LwLead) emea = make_lead (rules, "emea", "EMEA", "150", 1);
  g_autoptr(LwLead) apac = make_lead (rules, "apac", "APAC", "150", 0);
  g_autoptr(LwConfig) reloaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *again = NULL;
  const LwRep *jake = rep_named (walk, "Jake Miller");
  const LwRep *priya = rep_named (walk, "Priya Shah");
  const LwRep *maria = rep_named (walk, "Maria Gonzalez");
  const LwSlaPolicy *policy;
  LwSlaTimes times;
  const char *rule = NULL;

  /* No errors. The checks warn of one thing, rightly: leads outside North
   * America reach only the fallback owner (no rep covers EMEA or APAC
   * yet). */
  assert_clean (walk, TRUE);
  g_assert_cmpuint (lw_workspace_get_n_warnings (workspace (walk)), ==, 1);
  {
    g_autoptr(GPtrArray) at = lw_workspace_dup_diagnostics_at (workspace (walk), "$.routing.fallback");
    const LwDiagnostic *warning;

    g_assert_cmpuint (at->len, ==, 1);
    warning = g_ptr_array_index (at, 0);
    g_assert_cmpint (warning->severity, ==, LW_SEVERITY_WARNING);
    g_assert_nonnull (strstr (warning->message, "reaches only the fallback owner"));
    g_assert_nonnull (strstr (warning->message, "Region is not North America"));
  }

  /* Scores, by hand:
   *   hot:   NA (+10), 250 ≥ 200 (+15); two demos, counted once (+20): 25 + 20 = 45, MQL.
   *   emea:  EMEA (+10), 150 < 200; one demo (+20): 10 + 20 = 30, not MQL.
   *   apac:  APAC, 150, no demo: 0.
   *   enterprise: NA (+10), 5000 ≥ 200 (+15): 25, not MQL. */
  assert_score (rules, hot, 25, 20, TRUE);
  assert_score (rules, emea, 10, 20, FALSE);
  assert_score (rules, apac, 0, 0, FALSE);
  assert_score (rules, enterprise, 25, 0, FALSE);

  /* Routes, by hand, on Tuesday 10 March 2026 (daylight saving time has
   * begun in the US on 8 March). At 15:00 UTC it is 11:00 in New York,
   * 10:00 in Chicago and 08:00 in Los Angeles: Jake works, Priya not yet. */
  g_assert_true (route (rules, state, hot, 1773154800, &rule) == jake);
  g_assert_cmpstr (rule, ==, "North America inbound");
  /* The pool's turn passes to Priya, but she is not at work: Jake again. */
  g_assert_true (route (rules, state, second, 1773154800, &rule) == jake);
  /* At 18:00 UTC, 11:00 in Los Angeles: Priya's turn, and she is there. */
  g_assert_true (route (rules, state, afternoon, 1773165600, &rule) == priya);
  /* Enterprise goes to Maria by the first rule, whatever the hour. */
  g_assert_true (route (rules, state, enterprise, 1773165600, &rule) == maria);
  g_assert_cmpstr (rule, ==, "Enterprise (1,000 employees or more)");
  /* No rule for EMEA or APAC: the fallback owner. */
  g_assert_true (route (rules, state, emea, 1773165600, &rule) == jake);
  g_assert_null (rule);
  g_assert_true (route (rules, state, apac, 1773165600, &rule) == jake);

  /* The hot lead (its scores applied by route()) falls under "Hot leads":
   * assigned to Jake at 10:00 his time, it must be touched within 30 of
   * his working minutes (15:30 UTC), warned at 15:20, his manager told
   * at 16:00 and the lead reassigned four working hours in, at 14:00
   * Chicago time, 19:00 UTC. The enterprise lead scores 25: no policy. */
  policy = lw_sla_select (rules, hot);
  g_assert_nonnull (policy);
  g_assert_cmpstr (policy->label, ==, "Hot leads");
  g_assert_null (lw_sla_select (rules, enterprise));
  lw_sla_compute (policy, jake, 1773154800, NULL, 0, &times);
  g_assert_cmpint (times.deadline, ==, 1773154800 + 30 * 60);
  g_assert_cmpint (times.warn_at, ==, 1773154800 + 20 * 60);
  g_assert_cmpuint (times.n_escalations, ==, 2);
  g_assert_cmpint (times.escalate_at[0], ==, 1773154800 + 60 * 60);
  g_assert_cmpint (times.escalate_at[1], ==, 1773154800 + 4 * 60 * 60);

  /* The JSON loads back to the same rule set, byte for byte. */
  json = lw_config_to_data (rules, NULL);
  reloaded = lw_config_load_data (json, -1, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (reloaded);
  again = lw_config_to_data (reloaded, NULL);
  g_assert_cmpstr (again, ==, json);

  /* And what the window saved in the workspace file is that rule set. */
  {
    g_autoptr(LwWorkspace) opened = lw_workspace_open (lw_workspace_get_path (workspace (walk)), 1773154800, &error);
    g_autofree char *saved = NULL;

    g_assert_no_error (error);
    saved = lw_config_to_data (lw_workspace_get_config (opened), NULL);
    g_assert_cmpstr (saved, ==, json);
  }
}

/* ---- the walk ----------------------------------------------------------------------------- */

static void
test_empty_to_playbook (void)
{
  Walk walk = { NULL, NULL, g_getenv ("LW_WALKTHROUGH_SCREENSHOTS"), NULL };
  g_autoptr(GError) error = NULL;

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);
  walk.dir = g_dir_make_tmp ("lw-walk-XXXXXX", &error);
  g_assert_no_error (error);

  /* The window opens the default workspace (the sample) first. */
  walk.window = lw_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (walk.window), WIDTH, HEIGHT);
  gtk_window_present (GTK_WINDOW (walk.window));
  lw_gui_test_iterate_until (window_idle, walk.window, 60000);
  g_assert_nonnull (workspace (&walk));
  /* The window's frame takes a few pixels: make its content the size. */
  lw_gui_test_iterate_until (window_allocated, walk.window, 60000);
  if (!window_sized (walk.window))
    {
      gtk_window_set_default_size (GTK_WINDOW (walk.window),
                                   2 * WIDTH - gtk_widget_get_width (GTK_WIDGET (walk.window)),
                                   2 * HEIGHT - gtk_widget_get_height (GTK_WIDGET (walk.window)));
      lw_gui_test_iterate_until (window_sized, walk.window, 60000);
    }

  start_empty (&walk);
  build_properties (&walk);
  build_lifecycle (&walk);
  build_team (&walk);
  build_scoring (&walk);
  build_routing (&walk);
  build_slas (&walk);
  check_result (&walk);

  lw_gui_test_iterate_until (window_idle, walk.window, 60000);
  gtk_window_destroy (GTK_WINDOW (walk.window));
  lw_gui_test_settle ();
  lw_test_remove_tree (walk.dir);
  g_free (walk.dir);
}

int
main (int    argc,
      char **argv)
{
  if (!lw_gui_test_init (&argc, &argv))
    return 77;

  g_test_add_func ("/gui/walkthrough/empty-to-playbook", test_empty_to_playbook);

  return g_test_run ();
}
