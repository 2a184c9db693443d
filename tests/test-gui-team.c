/* test-gui-team.c: the team editor, driven as a person would
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "lw-config-json.h"
#include "lw-hours-editor.h"
#include "lw-page.h"
#include "lw-team-page.h"
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
  fixture->page = lw_team_page_new (fixture->workspace);
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

static const LwRep *
rep (Fixture *fixture,
     guint    index)
{
  g_assert_cmpuint (index, <, config (fixture)->reps->len);
  return g_ptr_array_index (config (fixture)->reps, index);
}

static const LwTeam *
team (Fixture *fixture,
      guint    index)
{
  g_assert_cmpuint (index, <, config (fixture)->teams->len);
  return g_ptr_array_index (config (fixture)->teams, index);
}

static const LwPool *
pool (Fixture *fixture,
      guint    index)
{
  g_assert_cmpuint (index, <, config (fixture)->pools->len);
  return g_ptr_array_index (config (fixture)->pools, index);
}

static const LwAccount *
account (Fixture *fixture,
         guint    index)
{
  g_assert_cmpuint (index, <, config (fixture)->accounts->len);
  return g_ptr_array_index (config (fixture)->accounts, index);
}

/* Undoes every edit and checks that the exact rule set is back; redoes
 * them and checks that the edited one is back too; then undoes again. */
static void
assert_undo_restores (Fixture *fixture)
{
  g_autofree char *edited = config_bytes (fixture);
  g_autofree char *undone = NULL;
  g_autofree char *redone = NULL;

  g_assert_true (lw_workspace_get_can_undo (fixture->workspace));
  while (lw_workspace_get_can_undo (fixture->workspace))
    lw_workspace_undo (fixture->workspace);
  undone = config_bytes (fixture);
  g_assert_cmpstr (undone, ==, fixture->original);

  while (lw_workspace_get_can_redo (fixture->workspace))
    lw_workspace_redo (fixture->workspace);
  redone = config_bytes (fixture);
  g_assert_cmpstr (redone, ==, edited);

  while (lw_workspace_get_can_undo (fixture->workspace))
    lw_workspace_undo (fixture->workspace);
}

/* ---- finding widgets as a person sees them ---------------------------------------- */

typedef gboolean (*Match) (GtkWidget  *widget,
                           const char *text);

static GtkWidget *
find (GtkWidget  *root,
      Match       match,
      const char *text)
{
  if (match (root, text))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find (child, match, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_row_titled (GtkWidget  *widget,
               const char *title)
{
  return ADW_IS_PREFERENCES_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static gboolean
is_button_labelled (GtkWidget  *widget,
                    const char *label)
{
  GtkWidget *child;

  if (!GTK_IS_BUTTON (widget))
    return FALSE;
  if (g_strcmp0 (gtk_widget_get_tooltip_text (widget), label) == 0)
    return TRUE;
  child = gtk_button_get_child (GTK_BUTTON (widget));
  return child != NULL && ADW_IS_BUTTON_CONTENT (child) &&
         g_strcmp0 (adw_button_content_get_label (ADW_BUTTON_CONTENT (child)), label) == 0;
}

static gboolean
is_of_type (GtkWidget  *widget,
            const char *type_name)
{
  return g_type_is_a (G_OBJECT_TYPE (widget), g_type_from_name (type_name));
}

static GtkWidget *
row (GtkWidget  *root,
     const char *title)
{
  GtkWidget *found = find (root, is_row_titled, title);

  g_assert_nonnull (found);
  return found;
}

static GtkWidget *
button (GtkWidget  *root,
        const char *label)
{
  GtkWidget *found = find (root, is_button_labelled, label);

  g_assert_nonnull (found);
  return found;
}

static GtkWidget *
child_of_type (GtkWidget *root,
               GType      type)
{
  GtkWidget *found = find (root, is_of_type, g_type_name (type));

  g_assert_nonnull (found);
  return found;
}

/* The expander row titled @title in the view @view. */
static GtkWidget *
find_item (Fixture    *fixture,
           const char *view,
           const char *title)
{
  AdwViewStack *stack = ADW_VIEW_STACK (child_of_type (fixture->page, ADW_TYPE_VIEW_STACK));
  g_autofree char *escaped = g_markup_escape_text (title, -1);

  return row (adw_view_stack_get_child_by_name (stack, view), escaped);
}

/* The same, opened as a person would to see what it holds. */
static GtkWidget *
item_row (Fixture    *fixture,
          const char *view,
          const char *title)
{
  GtkWidget *found = find_item (fixture, view, title);

  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (found), TRUE);
  return found;
}

static const char *
visible_view (Fixture *fixture)
{
  return adw_view_stack_get_visible_child_name (ADW_VIEW_STACK (child_of_type (fixture->page,
                                                                               ADW_TYPE_VIEW_STACK)));
}

/* The message a row's mark icon shows; NULL when it shows none. */
static const char *
mark (GtkWidget *widget)
{
  GtkWidget *icon = g_object_get_data (G_OBJECT (widget), "lw-mark");

  if (icon == NULL || !gtk_widget_get_visible (icon))
    return NULL;
  return gtk_widget_get_tooltip_text (icon);
}

static void
click (GtkWidget *widget)
{
  g_assert_true (gtk_widget_get_sensitive (widget));
  g_signal_emit_by_name (widget, "clicked");
}

static void
type_and_apply (GtkWidget  *entry_row,
                const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (entry_row), text);
  g_signal_emit_by_name (entry_row, "apply");
}

static void
type_and_activate (GtkWidget  *entry,
                   const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  g_signal_emit_by_name (entry, "activate");
}

/* ---- reps ---------------------------------------------------------------------------- */

static void
test_reps (Fixture       *fixture,
           gconstpointer  data)
{
  guint n = config (fixture)->reps->len;
  GtkWidget *expander;

  gtk_widget_activate_action (fixture->page, "team.add-rep", NULL);
  g_assert_cmpuint (config (fixture)->reps->len, ==, n + 1);
  g_assert_cmpstr (rep (fixture, n)->name, ==, "New rep");
  g_assert_cmpstr (rep (fixture, n)->team, ==, team (fixture, 0)->id);
  g_assert_cmpuint (lw_workspace_get_n_errors (fixture->workspace), ==, 0);
  expander = find_item (fixture, "reps", "New rep");
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (expander)));
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (expander)), ==,
                   "SDR · North America · America/New_York · 20 leads a day");

  /* A rename rebuilds the rows (others list reps by name) and keeps this
   * one open. */
  type_and_apply (row (expander, "Name"), "Ana Silva");
  g_assert_cmpstr (rep (fixture, n)->name, ==, "Ana Silva");
  expander = find_item (fixture, "reps", "Ana Silva");
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (expander)));

  type_and_apply (row (expander, "Email"), "ana@example.com");
  g_assert_cmpstr (rep (fixture, n)->email, ==, "ana@example.com");

  adw_combo_row_set_selected (ADW_COMBO_ROW (row (expander, "Role")), LW_ROLE_AE);
  g_assert_cmpint (rep (fixture, n)->role, ==, LW_ROLE_AE);
  /* The first choice is no team at all. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (row (expander, "Team")), 0);
  g_assert_null (rep (fixture, n)->team);
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (expander)), ==,
                   "AE · America/New_York · 20 leads a day");
  adw_combo_row_set_selected (ADW_COMBO_ROW (row (expander, "Team")), 2);
  g_assert_cmpstr (rep (fixture, n)->team, ==, team (fixture, 1)->id);

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child_of_type (row (expander, "Daily Capacity"),
                                                             GTK_TYPE_SPIN_BUTTON)), 35);
  g_assert_cmpuint (rep (fixture, n)->capacity, ==, 35);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child_of_type (row (expander, "Weight"),
                                                             GTK_TYPE_SPIN_BUTTON)), 3);
  g_assert_cmpuint (rep (fixture, n)->weight, ==, 3);
  gtk_switch_set_active (GTK_SWITCH (child_of_type (row (expander, "Active"), GTK_TYPE_SWITCH)), FALSE);
  g_assert_false (rep (fixture, n)->active);
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (expander)), ==,
                   "AE · EMEA · America/New_York · 35 leads a day · inactive");

  /* The time-zone menu. */
  gtk_widget_activate_action (fixture->page, "team.set-time-zone", "(ss)", rep (fixture, n)->id,
                              "Europe/Lisbon");
  g_assert_cmpstr (rep (fixture, n)->time_zone, ==, "Europe/Lisbon");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row (expander, "Time Zone"))), ==, "Europe/Lisbon");
  g_assert_cmpuint (lw_workspace_get_n_errors (fixture->workspace), ==, 0);

  click (button (expander, "Remove Rep"));
  g_assert_cmpuint (config (fixture)->reps->len, ==, n);

  assert_undo_restores (fixture);
}

static void
test_remove_rep_leaves_pools (Fixture       *fixture,
                              gconstpointer  data)
{
  guint members = pool (fixture, 1)->members->len;

  /* Sophie is in the EMEA pool and in the follow-the-sun pool. */
  g_assert_cmpstr (rep (fixture, 6)->id, ==, "sophie");
  click (button (item_row (fixture, "reps", "Sophie Martin"), "Remove Rep"));
  g_assert_null (lw_config_find_rep (config (fixture), "sophie"));
  g_assert_cmpuint (pool (fixture, 1)->members->len, ==, members - 1);
  for (guint i = 0; i < config (fixture)->pools->len; i++)
    g_assert_false (g_ptr_array_find_with_equal_func (pool (fixture, i)->members, "sophie", g_str_equal, NULL));

  /* What still names her (an account, a routing rule) shows its error. */
  g_assert_cmpuint (lw_workspace_get_n_errors (fixture->workspace), >, 0);
  g_assert_nonnull (strstr (mark (item_row (fixture, "accounts", "Tailspin Toys")), "sophie"));
  g_assert_nonnull (mark (row (item_row (fixture, "accounts", "Tailspin Toys"), "Owner")));

  assert_undo_restores (fixture);
  g_assert_null (mark (item_row (fixture, "accounts", "Tailspin Toys")));
}

static void
test_working_hours (Fixture       *fixture,
                    gconstpointer  data)
{
  GtkWidget *expander = item_row (fixture, "reps", "Lukas Weber");
  LwHoursEditor *hours = LW_HOURS_EDITOR (child_of_type (expander, LW_TYPE_HOURS_EDITOR));
  GtkWidget *monday = GTK_WIDGET (lw_hours_editor_get_day_row (hours, 0));
  GtkWidget *saturday = GTK_WIDGET (lw_hours_editor_get_day_row (hours, 5));
  const GArray *day;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (monday)), ==, "Monday");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (monday)), ==, "09:00-12:30, 13:30-17:30");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (saturday)), ==, "");
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (hours)), ==,
                   "Mon–Fri 09:00-12:30, 13:30-17:30");

  type_and_apply (saturday, "10:00-14:00");
  day = rep (fixture, 7)->hours.days[5];
  g_assert_cmpuint (day->len, ==, 1);
  g_assert_cmpuint (g_array_index (day, LwInterval, 0).start, ==, 10 * 60);
  g_assert_cmpuint (g_array_index (day, LwInterval, 0).end, ==, 14 * 60);
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (hours)), ==,
                   "Mon–Fri 09:00-12:30, 13:30-17:30; Sat 10:00-14:00");

  /* Empty: not working that day. */
  type_and_apply (row (expander, "Friday"), "");
  g_assert_cmpuint (rep (fixture, 7)->hours.days[4]->len, ==, 0);

  /* A day that ends before it starts reaches the rule set and shows its
   * error at the day's row, the hours and the rep. */
  type_and_apply (monday, "17:00-09:00");
  g_assert_cmpuint (lw_workspace_get_n_errors (fixture->workspace), ==, 1);
  g_assert_nonnull (mark (monday));
  g_assert_nonnull (strstr (mark (monday), "does not end after it starts"));
  g_assert_true (gtk_widget_has_css_class (monday, "error"));
  g_assert_nonnull (strstr (mark (GTK_WIDGET (hours)), "does not end after it starts"));
  g_assert_nonnull (strstr (mark (expander), "does not end after it starts"));
  g_assert_null (mark (saturday));

  /* Text that is not an interval never reaches the rule set. */
  before = config_bytes (fixture);
  type_and_apply (saturday, "9-5");
  after = config_bytes (fixture);
  g_assert_cmpstr (after, ==, before);
  g_assert_nonnull (mark (saturday));
  g_assert_nonnull (strstr (mark (saturday), "HH:MM-HH:MM"));

  /* Fixing Monday clears its mark and keeps Saturday's. */
  type_and_apply (monday, "08:00-12:00");
  g_assert_cmpuint (lw_workspace_get_n_errors (fixture->workspace), ==, 0);
  g_assert_null (mark (monday));
  g_assert_false (gtk_widget_has_css_class (monday, "error"));
  g_assert_nonnull (mark (saturday));
  type_and_apply (saturday, "");
  g_assert_null (mark (saturday));

  assert_undo_restores (fixture);
}

static void
test_unknown_time_zone (Fixture       *fixture,
                        gconstpointer  data)
{
  GtkWidget *expander = item_row (fixture, "reps", "Lukas Weber");
  GtkWidget *zone = row (expander, "Time Zone");
  AdwViewStackPage *reps_page;

  type_and_apply (zone, "Mars/Base");
  g_assert_cmpstr (rep (fixture, 7)->time_zone, ==, "Mars/Base");
  g_assert_cmpuint (lw_workspace_get_n_errors (fixture->workspace), ==, 1);
  g_assert_nonnull (mark (zone));
  g_assert_nonnull (strstr (mark (zone), "unknown time zone \"Mars/Base\""));
  g_assert_true (gtk_widget_has_css_class (zone, "error"));
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (expander)), ==,
                   "unknown time zone \"Mars/Base\"");
  reps_page = adw_view_stack_get_page (ADW_VIEW_STACK (child_of_type (fixture->page, ADW_TYPE_VIEW_STACK)),
                                       gtk_widget_get_ancestor (expander, ADW_TYPE_PREFERENCES_PAGE));
  g_assert_true (adw_view_stack_page_get_needs_attention (reps_page));

  type_and_apply (zone, "Europe/Vienna");
  g_assert_cmpuint (lw_workspace_get_n_errors (fixture->workspace), ==, 0);
  g_assert_null (mark (zone));
  g_assert_false (gtk_widget_has_css_class (zone, "error"));
  g_assert_false (adw_view_stack_page_get_needs_attention (reps_page));
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (expander)), ==,
                   "SDR · EMEA · Europe/Vienna · 40 leads a day");

  assert_undo_restores (fixture);
}

static void
test_out_of_office (Fixture       *fixture,
                    gconstpointer  data)
{
  GtkWidget *expander = item_row (fixture, "reps", "Priya Patel");
  GtkWidget *away = row (expander, "Out of Office");
  GtkWidget *range_row;
  const LwDateRange *range;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_cmpuint (rep (fixture, 2)->out_of_office->len, ==, 1);
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (away)), ==, "2026-12-21 – 2026-12-31");

  click (button (away, "Add _Dates"));
  g_assert_cmpuint (rep (fixture, 2)->out_of_office->len, ==, 2);
  range = &g_array_index (rep (fixture, 2)->out_of_office, LwDateRange, 1);
  g_assert_cmpint (g_date_days_between (&range->from, &range->to), ==, 6);

  expander = item_row (fixture, "reps", "Priya Patel");
  away = row (expander, "Out of Office");
  range_row = g_ptr_array_index ((GPtrArray *) g_object_get_data (G_OBJECT (away), "lw-range-rows"), 1);

  type_and_activate (g_object_get_data (G_OBJECT (range_row), "lw-from"), "2027-03-01");
  type_and_activate (g_object_get_data (G_OBJECT (range_row), "lw-to"), "2027-03-05");
  range = &g_array_index (rep (fixture, 2)->out_of_office, LwDateRange, 1);
  g_assert_cmpuint (g_date_get_year (&range->from), ==, 2027);
  g_assert_cmpuint (g_date_get_month (&range->to), ==, 3);
  g_assert_cmpuint (g_date_get_day (&range->to), ==, 5);
  g_assert_cmpuint (lw_workspace_get_n_errors (fixture->workspace), ==, 0);

  /* Not a date: shown at the row, nothing changes. */
  before = config_bytes (fixture);
  type_and_activate (g_object_get_data (G_OBJECT (range_row), "lw-to"), "2027-02-30");
  after = config_bytes (fixture);
  g_assert_cmpstr (after, ==, before);
  g_assert_nonnull (strstr (mark (range_row), "YYYY-MM-DD"));

  /* Ending before it starts: the rule set's error, at the row. */
  type_and_activate (g_object_get_data (G_OBJECT (range_row), "lw-to"), "2027-02-27");
  g_assert_cmpuint (lw_workspace_get_n_errors (fixture->workspace), ==, 1);
  g_assert_nonnull (strstr (mark (range_row), "ends (2027-02-27) before it starts (2027-03-01)"));
  g_assert_nonnull (mark (away));

  click (button (range_row, "Remove Dates"));
  g_assert_cmpuint (rep (fixture, 2)->out_of_office->len, ==, 1);
  g_assert_cmpuint (lw_workspace_get_n_errors (fixture->workspace), ==, 0);

  assert_undo_restores (fixture);
}

/* ---- teams, pools, accounts ------------------------------------------------------------ */

static void
test_teams (Fixture       *fixture,
            gconstpointer  data)
{
  guint n = config (fixture)->teams->len;
  GtkWidget *expander;

  gtk_widget_activate_action (fixture->page, "team.add-team", NULL);
  g_assert_cmpstr (visible_view (fixture), ==, "teams");
  g_assert_cmpuint (config (fixture)->teams->len, ==, n + 1);
  g_assert_cmpstr (team (fixture, n)->manager, ==, rep (fixture, 0)->id);
  g_assert_cmpuint (lw_workspace_get_n_errors (fixture->workspace), ==, 0);

  expander = item_row (fixture, "teams", "New team");
  type_and_apply (row (expander, "Name"), "LATAM");
  g_assert_cmpstr (team (fixture, n)->label, ==, "LATAM");
  expander = item_row (fixture, "teams", "LATAM");
  adw_combo_row_set_selected (ADW_COMBO_ROW (row (expander, "Manager")), 5);
  g_assert_cmpstr (team (fixture, n)->manager, ==, rep (fixture, 5)->id);
  type_and_apply (row (expander, "Region"), "Latin America");
  g_assert_cmpstr (team (fixture, n)->region, ==, "Latin America");
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (expander)), ==,
                   "Managed by Henrik Larsen · Latin America · 0 reps");
  type_and_apply (row (expander, "Region"), "");
  g_assert_null (team (fixture, n)->region);

  /* The reps' team lists follow. */
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (
                      ADW_COMBO_ROW (row (item_row (fixture, "reps", "Jake Miller"), "Team")))), ==, n + 2);

  click (button (expander, "Remove Team"));
  g_assert_cmpuint (config (fixture)->teams->len, ==, n);

  assert_undo_restores (fixture);
}

static void
test_pools (Fixture       *fixture,
            gconstpointer  data)
{
  guint n = config (fixture)->pools->len;
  GtkWidget *expander;
  GtkWidget *members;

  gtk_widget_activate_action (fixture->page, "team.add-pool", NULL);
  g_assert_cmpstr (visible_view (fixture), ==, "pools");
  g_assert_cmpuint (config (fixture)->pools->len, ==, n + 1);

  expander = item_row (fixture, "pools", "New pool");
  type_and_apply (row (expander, "Name"), "Trial desk");
  g_assert_cmpstr (pool (fixture, n)->label, ==, "Trial desk");

  members = row (expander, "Members");
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (members)), ==, "Nobody yet");
  gtk_check_button_set_active (g_object_get_data (G_OBJECT (row (members, "Jake Miller")), "lw-check"), TRUE);
  gtk_check_button_set_active (g_object_get_data (G_OBJECT (row (members, "Mei Lin")), "lw-check"), TRUE);
  g_assert_cmpuint (pool (fixture, n)->members->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (pool (fixture, n)->members, 0), ==, "jake");
  g_assert_cmpstr (g_ptr_array_index (pool (fixture, n)->members, 1), ==, "mei");
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (members)), ==, "Jake Miller, Mei Lin");
  gtk_check_button_set_active (g_object_get_data (G_OBJECT (row (members, "Jake Miller")), "lw-check"), FALSE);
  g_assert_cmpuint (pool (fixture, n)->members->len, ==, 1);

  gtk_switch_set_active (GTK_SWITCH (child_of_type (row (expander, "Weighted"), GTK_TYPE_SWITCH)), TRUE);
  g_assert_true (pool (fixture, n)->weighted);
  gtk_switch_set_active (GTK_SWITCH (child_of_type (row (expander, "Respect Capacity"), GTK_TYPE_SWITCH)),
                         FALSE);
  g_assert_false (pool (fixture, n)->respect_capacity);
  gtk_switch_set_active (GTK_SWITCH (child_of_type (row (expander, "Respect Working Hours"), GTK_TYPE_SWITCH)),
                         FALSE);
  g_assert_false (pool (fixture, n)->working_hours);
  gtk_switch_set_active (GTK_SWITCH (child_of_type (row (expander, "Respect Out of Office"), GTK_TYPE_SWITCH)),
                         FALSE);
  g_assert_false (pool (fixture, n)->out_of_office);
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (expander)), ==,
                   "Weighted round robin · 1 member");

  click (button (expander, "Remove Pool"));
  g_assert_cmpuint (config (fixture)->pools->len, ==, n);

  assert_undo_restores (fixture);
}

static void
test_accounts (Fixture       *fixture,
               gconstpointer  data)
{
  guint n = config (fixture)->accounts->len;
  GtkWidget *expander;
  GtkWidget *domain;

  gtk_widget_activate_action (fixture->page, "team.add-account", NULL);
  g_assert_cmpstr (visible_view (fixture), ==, "accounts");
  g_assert_cmpuint (config (fixture)->accounts->len, ==, n + 1);
  g_assert_cmpstr (account (fixture, n)->domain, ==, "example.com");
  g_assert_cmpuint (lw_workspace_get_n_errors (fixture->workspace), ==, 0);

  expander = item_row (fixture, "accounts", "New account");
  domain = row (expander, "Email Domain");
  type_and_apply (domain, "Wayne-Enterprises.COM");
  g_assert_cmpstr (account (fixture, n)->domain, ==, "wayne-enterprises.com");
  type_and_apply (row (expander, "Name"), "Wayne Enterprises");
  g_assert_cmpstr (account (fixture, n)->name, ==, "Wayne Enterprises");
  expander = item_row (fixture, "accounts", "Wayne Enterprises");
  adw_combo_row_set_selected (ADW_COMBO_ROW (row (expander, "Owner")), 8);
  g_assert_cmpstr (account (fixture, n)->owner, ==, rep (fixture, 8)->id);
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (expander)), ==,
                   "wayne-enterprises.com → Amelia Wright");

  /* A domain another account has: the error shows at the domain row. */
  domain = row (expander, "Email Domain");
  type_and_apply (domain, "contoso.com");
  g_assert_cmpuint (lw_workspace_get_n_errors (fixture->workspace), ==, 1);
  g_assert_nonnull (strstr (mark (domain), "duplicate domain \"contoso.com\""));

  click (button (expander, "Remove Account"));
  g_assert_cmpuint (config (fixture)->accounts->len, ==, n);
  g_assert_cmpuint (lw_workspace_get_n_errors (fixture->workspace), ==, 0);

  assert_undo_restores (fixture);
}

static void
test_reveal (Fixture       *fixture,
             gconstpointer  data)
{
  GtkWidget *members;
  GtkWidget *hours;

  g_assert_cmpstr (visible_view (fixture), ==, "reps");

  lw_page_reveal (LW_PAGE (fixture->page), "$.team.pools[1].members[0]");
  g_assert_cmpstr (visible_view (fixture), ==, "pools");
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (find_item (fixture, "pools", "EMEA SDRs"))));
  members = row (find_item (fixture, "pools", "EMEA SDRs"), "Members");
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (members)));

  lw_page_reveal (LW_PAGE (fixture->page), "$.team.reps[3].workingHours.wed[0]");
  g_assert_cmpstr (visible_view (fixture), ==, "reps");
  hours = child_of_type (find_item (fixture, "reps", "Tom Becker"), LW_TYPE_HOURS_EDITOR);
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (hours)));

  lw_page_reveal (LW_PAGE (fixture->page), "$.accounts[2].owner");
  g_assert_cmpstr (visible_view (fixture), ==, "accounts");
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (find_item (fixture, "accounts", "Globex"))));

  /* An edit that rebuilds keeps open what was open. */
  gtk_widget_activate_action (fixture->page, "team.add-team", NULL);
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (find_item (fixture, "accounts", "Globex"))));
  g_assert_true (adw_expander_row_get_expanded (
                   ADW_EXPANDER_ROW (row (find_item (fixture, "pools", "EMEA SDRs"), "Members"))));

  lw_page_reveal (LW_PAGE (fixture->page), "$.team.teams[9]");
  g_assert_cmpstr (visible_view (fixture), ==, "teams");
  lw_page_reveal (LW_PAGE (fixture->page), "$.slas[0]");
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

#define ADD(path, func) g_test_add ((path), Fixture, NULL, fixture_set_up, (func), fixture_tear_down)
  ADD ("/gui/team/reps", test_reps);
  ADD ("/gui/team/remove-rep-leaves-pools", test_remove_rep_leaves_pools);
  ADD ("/gui/team/working-hours", test_working_hours);
  ADD ("/gui/team/unknown-time-zone", test_unknown_time_zone);
  ADD ("/gui/team/out-of-office", test_out_of_office);
  ADD ("/gui/team/teams", test_teams);
  ADD ("/gui/team/pools", test_pools);
  ADD ("/gui/team/accounts", test_accounts);
  ADD ("/gui/team/reveal", test_reveal);
#undef ADD

  return g_test_run ();
}
