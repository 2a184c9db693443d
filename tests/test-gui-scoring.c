/* test-gui-scoring.c: the scoring editor, driven as a person would
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "lw-condition-editor.h"
#include "lw-config-json.h"
#include "lw-page.h"
#include "lw-scoring-page.h"
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
  fixture->page = lw_scoring_page_new (fixture->workspace);
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

static char *
config_bytes (Fixture *fixture)
{
  return lw_config_to_data (lw_workspace_get_config (fixture->workspace), NULL);
}

/* Undoes every edit and checks that the exact rule set is back; redoes
 * them and checks that the edited one is back too. */
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

static const LwScoring *
scoring (Fixture *fixture)
{
  return &lw_workspace_get_config (fixture->workspace)->scoring;
}

static LwCriterion *
criterion (GPtrArray *criteria,
           guint      index)
{
  g_assert_cmpuint (index, <, criteria->len);
  return g_ptr_array_index (criteria, index);
}

static GtkWidget *
child (Fixture    *fixture,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (fixture->page, LW_TYPE_SCORING_PAGE, name);

  g_assert_nonnull (object);
  return GTK_WIDGET (object);
}

/* Every descendant of @root of @type, depth first, in order. */
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
find_all (GtkWidget *root,
          GType      type)
{
  GPtrArray *out = g_ptr_array_new ();

  collect (root, type, out);
  return out;
}

/* The criterion rows of a group ("fit_group" or "engagement_group"). */
static GtkWidget *
criterion_row (Fixture    *fixture,
               const char *group,
               guint       index)
{
  g_autoptr(GPtrArray) rows = find_all (child (fixture, group), ADW_TYPE_EXPANDER_ROW);

  g_assert_cmpuint (index, <, rows->len);
  return g_ptr_array_index (rows, index);
}

static guint
n_criterion_rows (Fixture    *fixture,
                  const char *group)
{
  g_autoptr(GPtrArray) rows = find_all (child (fixture, group), ADW_TYPE_EXPANDER_ROW);

  return rows->len;
}

static GtkWidget *
button_with_label (GtkWidget  *root,
                   const char *label)
{
  g_autoptr(GPtrArray) buttons = find_all (root, GTK_TYPE_BUTTON);

  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_button_get_label (g_ptr_array_index (buttons, i)), label) == 0)
      return g_ptr_array_index (buttons, i);
  g_assert_not_reached ();
}

/* The band rows of a grades expander: the rows with a grade entry. */
static GPtrArray *
band_rows (GtkWidget *grades)
{
  g_autoptr(GPtrArray) rows = find_all (grades, ADW_TYPE_ACTION_ROW);
  GPtrArray *bands = g_ptr_array_new ();

  for (guint i = 0; i < rows->len; i++)
    {
      g_autoptr(GPtrArray) entries = find_all (g_ptr_array_index (rows, i), GTK_TYPE_ENTRY);

      if (entries->len > 0)
        g_ptr_array_add (bands, g_ptr_array_index (rows, i));
    }
  return bands;
}

static GtkWidget *
button_with_tooltip (GtkWidget  *root,
                     const char *tooltip)
{
  g_autoptr(GPtrArray) buttons = find_all (root, GTK_TYPE_BUTTON);

  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_widget_get_tooltip_text (g_ptr_array_index (buttons, i)), tooltip) == 0)
      return g_ptr_array_index (buttons, i);
  g_assert_not_reached ();
}

/* The row of @type under @root whose title is @title. */
static GtkWidget *
row_titled (GtkWidget  *root,
            GType       type,
            const char *title)
{
  g_autoptr(GPtrArray) rows = find_all (root, type);

  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (g_ptr_array_index (rows, i)), title) == 0)
      return g_ptr_array_index (rows, i);
  g_assert_not_reached ();
}

static GtkSpinButton *
spin_of_row (GtkWidget *row)
{
  g_autoptr(GPtrArray) spins = find_all (row, GTK_TYPE_SPIN_BUTTON);

  g_assert_cmpuint (spins->len, ==, 1);
  return g_ptr_array_index (spins, 0);
}

static GtkWidget *
points_label (GtkWidget *row)
{
  g_autoptr(GPtrArray) labels = find_all (row, GTK_TYPE_LABEL);

  for (guint i = 0; i < labels->len; i++)
    if (gtk_widget_has_css_class (g_ptr_array_index (labels, i), "points"))
      return g_ptr_array_index (labels, i);
  g_assert_not_reached ();
}

static void
select_label (AdwComboRow *combo,
              const char  *label)
{
  GListModel *model = adw_combo_row_get_model (combo);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), i), label) == 0)
      {
        adw_combo_row_set_selected (combo, i);
        return;
      }
  g_assert_not_reached ();
}

static void
test_fit_criteria (Fixture       *fixture,
                   gconstpointer  data)
{
  GPtrArray *criteria = scoring (fixture)->fit.criteria;
  guint n = criteria->len;
  GtkWidget *row;
  GtkWidget *name;
  GtkWidget *editor;
  g_autoptr(LwCondition) condition = lw_condition_new ();
  LwFilterGroup *group = lw_filter_group_new ();
  g_autofree char *new_id = NULL;

  g_assert_cmpuint (n_criterion_rows (fixture, "fit_group"), ==, n);

  /* Add */
  gtk_widget_activate_action (fixture->page, "scoring.add-fit", NULL);
  criteria = scoring (fixture)->fit.criteria;
  g_assert_cmpuint (criteria->len, ==, n + 1);
  g_assert_nonnull (criterion (criteria, n)->when);
  g_assert_null (criterion (criteria, n)->activity);
  new_id = g_strdup (criterion (criteria, n)->id);
  g_assert_cmpuint (n_criterion_rows (fixture, "fit_group"), ==, n + 1);
  row = criterion_row (fixture, "fit_group", n);
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)));

  /* Rename */
  name = row_titled (row, ADW_TYPE_ENTRY_ROW, "Name");
  gtk_editable_set_text (GTK_EDITABLE (name), "Job title says VP");
  g_signal_emit_by_name (name, "apply");
  criteria = scoring (fixture)->fit.criteria;
  g_assert_cmpstr (criterion (criteria, n)->label, ==, "Job title says VP");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Job title says VP");

  /* Its condition */
  g_ptr_array_add (group->filters, lw_filter_new ("job_title", LW_OP_CONTAINS_TOKEN, "vp"));
  g_ptr_array_add (condition->groups, group);
  {
    g_autoptr(GPtrArray) editors = find_all (row, LW_TYPE_CONDITION_EDITOR);

    g_assert_cmpuint (editors->len, ==, 1);
    editor = g_ptr_array_index (editors, 0);
  }
  lw_condition_editor_set_condition (LW_CONDITION_EDITOR (editor), condition);
  g_signal_emit_by_name (editor, "changed");
  criteria = scoring (fixture)->fit.criteria;
  g_assert_true (lw_condition_equal (criterion (criteria, n)->when, condition));
  g_assert_nonnull (strstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), "Job title"));

  /* Negative points, in red */
  g_assert_true (gtk_widget_has_css_class (points_label (row), "positive"));
  gtk_spin_button_set_value (spin_of_row (row_titled (row, ADW_TYPE_ACTION_ROW, "Points")), -15);
  criteria = scoring (fixture)->fit.criteria;
  g_assert_cmpint (criterion (criteria, n)->points, ==, -15);
  g_assert_true (gtk_widget_has_css_class (points_label (row), "negative"));
  g_assert_false (gtk_widget_has_css_class (points_label (row), "positive"));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (points_label (row))), ==, "−15");

  /* Move up */
  g_signal_emit_by_name (button_with_tooltip (row, "Move Up"), "clicked");
  criteria = scoring (fixture)->fit.criteria;
  g_assert_cmpstr (criterion (criteria, n - 1)->id, ==, new_id);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (criterion_row (fixture, "fit_group", n - 1))),
                   ==, "Job title says VP");

  /* Remove */
  g_signal_emit_by_name (button_with_tooltip (criterion_row (fixture, "fit_group", n - 1), "Remove Criterion"),
                         "clicked");
  criteria = scoring (fixture)->fit.criteria;
  g_assert_cmpuint (criteria->len, ==, n);
  for (guint i = 0; i < criteria->len; i++)
    g_assert_cmpstr (criterion (criteria, i)->id, !=, new_id);
  g_assert_cmpuint (n_criterion_rows (fixture, "fit_group"), ==, n);

  assert_undo_restores (fixture);
  g_assert_cmpuint (n_criterion_rows (fixture, "fit_group"), ==, n);
}

static void
test_engagement_criteria (Fixture       *fixture,
                          gconstpointer  data)
{
  GPtrArray *criteria = scoring (fixture)->engagement.criteria;
  guint n = criteria->len;
  g_autofree char *first_id = g_strdup (criterion (criteria, 0)->id);
  g_autofree char *second_id = g_strdup (criterion (criteria, 1)->id);
  GtkWidget *row;

  /* Add: an activity criterion */
  gtk_widget_activate_action (fixture->page, "scoring.add-engagement", NULL);
  criteria = scoring (fixture)->engagement.criteria;
  g_assert_cmpuint (criteria->len, ==, n + 1);
  g_assert_nonnull (criterion (criteria, n)->activity);
  g_assert_null (criterion (criteria, n)->when);

  /* Its activity and limit */
  row = criterion_row (fixture, "engagement_group", n);
  select_label (ADW_COMBO_ROW (row_titled (row, ADW_TYPE_COMBO_ROW, "Activity")), "Pricing page visit");
  criteria = scoring (fixture)->engagement.criteria;
  g_assert_cmpstr (criterion (criteria, n)->activity, ==, "pricing_page");
  gtk_spin_button_set_value (spin_of_row (row_titled (row, ADW_TYPE_ACTION_ROW, "At Most")), 3);
  criteria = scoring (fixture)->engagement.criteria;
  g_assert_cmpuint (criterion (criteria, n)->max_times, ==, 3);
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), ==,
                   "Each Pricing page visit, at most 3 times");

  /* Points */
  gtk_spin_button_set_value (spin_of_row (row_titled (row, ADW_TYPE_ACTION_ROW, "Points")), 7);
  criteria = scoring (fixture)->engagement.criteria;
  g_assert_cmpint (criterion (criteria, n)->points, ==, 7);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (points_label (row))), ==, "+7");

  /* A condition instead */
  adw_combo_row_set_selected (ADW_COMBO_ROW (row_titled (row, ADW_TYPE_COMBO_ROW, "Points For")), 0);
  criteria = scoring (fixture)->engagement.criteria;
  g_assert_null (criterion (criteria, n)->activity);
  g_assert_nonnull (criterion (criteria, n)->when);
  g_assert_cmpuint (criterion (criteria, n)->max_times, ==, 0);
  row = criterion_row (fixture, "engagement_group", n);
  {
    g_autoptr(GPtrArray) editors = find_all (row, LW_TYPE_CONDITION_EDITOR);

    g_assert_cmpuint (editors->len, ==, 1);
  }

  /* Move the first one down */
  g_signal_emit_by_name (button_with_tooltip (criterion_row (fixture, "engagement_group", 0), "Move Down"),
                         "clicked");
  criteria = scoring (fixture)->engagement.criteria;
  g_assert_cmpstr (criterion (criteria, 0)->id, ==, second_id);
  g_assert_cmpstr (criterion (criteria, 1)->id, ==, first_id);

  /* The problems list reaches a criterion by its path */
  row = criterion_row (fixture, "engagement_group", 3);
  g_assert_false (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)));
  lw_page_reveal (LW_PAGE (fixture->page), "$.scoring.engagement.criteria[3].maxTimes");
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)));

  /* Remove the new one */
  g_signal_emit_by_name (button_with_tooltip (criterion_row (fixture, "engagement_group", n), "Remove Criterion"),
                         "clicked");
  g_assert_cmpuint (scoring (fixture)->engagement.criteria->len, ==, n);
  g_assert_cmpuint (n_criterion_rows (fixture, "engagement_group"), ==, n);

  assert_undo_restores (fixture);
}

/* Undo of a value keeps the rows (and the focus), showing the old value. */
static void
test_undo_in_place (Fixture       *fixture,
                    gconstpointer  data)
{
  GtkWidget *row = criterion_row (fixture, "fit_group", 0);
  GtkWidget *name = row_titled (row, ADW_TYPE_ENTRY_ROW, "Name");
  GtkSpinButton *points = spin_of_row (row_titled (row, ADW_TYPE_ACTION_ROW, "Points"));
  GtkWidget *editor;
  g_autoptr(LwCondition) condition = lw_condition_new ();
  g_autofree char *bytes = NULL;

  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  {
    g_autoptr(GPtrArray) editors = find_all (row, LW_TYPE_CONDITION_EDITOR);

    g_assert_cmpuint (editors->len, ==, 1);
    editor = g_ptr_array_index (editors, 0);
  }

  gtk_spin_button_set_value (points, -5);
  gtk_editable_set_text (GTK_EDITABLE (name), "Any industry");
  g_signal_emit_by_name (name, "apply");
  lw_condition_editor_set_condition (LW_CONDITION_EDITOR (editor), condition);
  g_signal_emit_by_name (editor, "changed");
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), ==, "Every lead");

  lw_workspace_undo (fixture->workspace);
  lw_workspace_undo (fixture->workspace);
  lw_workspace_undo (fixture->workspace);
  bytes = config_bytes (fixture);
  g_assert_cmpstr (bytes, ==, fixture->original);

  g_assert_true (criterion_row (fixture, "fit_group", 0) == row);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (points), ==, 15);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (points_label (row))), ==, "+15");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name)), ==, "ICP industry");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "ICP industry");
  g_assert_nonnull (strstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), "Software"));
  {
    g_autoptr(LwCondition) shown = lw_condition_editor_dup_condition (LW_CONDITION_EDITOR (editor));

    g_assert_true (lw_condition_equal (shown, criterion (scoring (fixture)->fit.criteria, 0)->when));
  }

  /* Redo comes back the same way */
  lw_workspace_redo (fixture->workspace);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (points), ==, -5);
  g_assert_true (gtk_widget_has_css_class (points_label (row), "negative"));
}

static void
test_settings (Fixture       *fixture,
               gconstpointer  data)
{
  GtkWidget *max_row = child (fixture, "max_row");
  guint mql_index = 0;
  const LwConfig *config = lw_workspace_get_config (fixture->workspace);

  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (max_row)), ==,
                   "Fit up to 60, engagement up to 50: a lead can reach 110; MQL needs 40");
  g_assert_false (gtk_widget_get_visible (child (fixture, "max_icon")));

  /* Caps */
  gtk_switch_set_active (GTK_SWITCH (child (fixture, "fit_cap_switch")), FALSE);
  g_assert_false (scoring (fixture)->fit.has_cap);
  g_assert_false (gtk_widget_get_sensitive (child (fixture, "fit_cap_spin")));
  gtk_switch_set_active (GTK_SWITCH (child (fixture, "fit_cap_switch")), TRUE);
  g_assert_true (scoring (fixture)->fit.has_cap);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (fixture, "fit_cap_spin")), 45);
  g_assert_cmpint (scoring (fixture)->fit.cap, ==, 45);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (fixture, "engagement_cap_spin")), 30);
  g_assert_cmpint (scoring (fixture)->engagement.cap, ==, 30);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (max_row)), ==,
                   "Fit up to 45, engagement up to 30: a lead can reach 75; MQL needs 40");

  /* Decay */
  adw_combo_row_set_selected (ADW_COMBO_ROW (child (fixture, "decay_row")), LW_DECAY_WINDOW);
  g_assert_cmpint (scoring (fixture)->decay, ==, LW_DECAY_WINDOW);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (fixture, "days_spin")), 60);
  g_assert_cmpuint (scoring (fixture)->window_days, ==, 60);
  adw_combo_row_set_selected (ADW_COMBO_ROW (child (fixture, "decay_row")), LW_DECAY_NONE);
  g_assert_cmpint (scoring (fixture)->decay, ==, LW_DECAY_NONE);
  g_assert_false (gtk_widget_get_sensitive (child (fixture, "days_spin")));

  /* Thresholds: out of reach turns the readout into a warning */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (fixture, "mql_total_spin")), 80);
  g_assert_cmpint (scoring (fixture)->mql_total, ==, 80);
  g_assert_true (gtk_widget_get_visible (child (fixture, "max_icon")));
  g_assert_true (gtk_widget_has_css_class (max_row, "lw-unreachable"));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (max_row)), ==, "MQL Threshold Out of Reach");

  adw_combo_row_set_selected (ADW_COMBO_ROW (child (fixture, "mql_kind_row")), LW_MQL_BOTH);
  g_assert_cmpint (scoring (fixture)->mql_kind, ==, LW_MQL_BOTH);
  g_assert_true (gtk_widget_get_visible (child (fixture, "mql_fit_row")));
  g_assert_false (gtk_widget_get_visible (child (fixture, "mql_total_row")));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (fixture, "mql_fit_spin")), 20);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (fixture, "mql_engagement_spin")), 15);
  g_assert_cmpint (scoring (fixture)->mql_fit, ==, 20);
  g_assert_cmpint (scoring (fixture)->mql_engagement, ==, 15);
  g_assert_false (gtk_widget_get_visible (child (fixture, "max_icon")));

  /* Stage */
  config = lw_workspace_get_config (fixture->workspace);
  for (guint i = 0; i < config->stages->len; i++)
    if (g_strcmp0 (((LwStage *) g_ptr_array_index (config->stages, i))->id, "sql") == 0)
      mql_index = i;
  adw_combo_row_set_selected (ADW_COMBO_ROW (child (fixture, "mql_stage_row")), mql_index);
  g_assert_cmpstr (scoring (fixture)->mql_stage, ==, "sql");

  assert_undo_restores (fixture);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (child (fixture, "fit_cap_switch"))));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (child (fixture, "fit_cap_spin"))), ==, 60);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (child (fixture, "decay_row"))), ==,
                    LW_DECAY_HALF_LIFE);
}

static void
test_try_a_lead (Fixture       *fixture,
                 gconstpointer  data)
{
  GtkWidget *test_group = child (fixture, "test_group");
  GtkWidget *pricing;

  select_label (ADW_COMBO_ROW (row_titled (test_group, ADW_TYPE_COMBO_ROW, "Seniority")), "Vice president");
  select_label (ADW_COMBO_ROW (row_titled (test_group, ADW_TYPE_COMBO_ROW, "Industry")), "Software");
  select_label (ADW_COMBO_ROW (row_titled (test_group, ADW_TYPE_COMBO_ROW, "Region")), "North America");
  gtk_editable_set_text (GTK_EDITABLE (row_titled (test_group, ADW_TYPE_ENTRY_ROW, "Employees")), "420");

  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (child (fixture, "fit_value_label"))), ==, "40");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (child (fixture, "engagement_value_label"))), ==, "0");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (child (fixture, "total_value_label"))), ==, "40");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (child (fixture, "grade_value_label"))), ==, "A3");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (child (fixture, "mql_value_label"))), ==, "Yes");

  /* Two pricing-page visits a half-life ago count half */
  pricing = row_titled (test_group, ADW_TYPE_ACTION_ROW, "Pricing page visit");
  {
    g_autoptr(GPtrArray) spins = find_all (pricing, GTK_TYPE_SPIN_BUTTON);

    g_assert_cmpuint (spins->len, ==, 2);
    gtk_spin_button_set_value (g_ptr_array_index (spins, 0), 2);
    gtk_spin_button_set_value (g_ptr_array_index (spins, 1), 30);
  }
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (child (fixture, "engagement_value_label"))), ==, "5");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (child (fixture, "total_value_label"))), ==, "45");

  /* Each criterion with its points and why */
  {
    GtkWidget *item = row_titled (child (fixture, "result_group"), ADW_TYPE_ACTION_ROW, "ICP industry");

    g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (points_label (item))), ==, "+15");
    g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (item)), "Software"));
    item = row_titled (child (fixture, "result_group"), ADW_TYPE_ACTION_ROW, "Pricing page visit");
    g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (item)), "decayed"));
  }

  /* A free email domain costs points */
  gtk_editable_set_text (GTK_EDITABLE (row_titled (test_group, ADW_TYPE_ENTRY_ROW, "Email")), "vp@gmail.com");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (child (fixture, "fit_value_label"))), ==, "30");

  /* The test box changed nothing */
  g_assert_false (lw_workspace_get_can_undo (fixture->workspace));
}

static void
test_invalid_band (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkWidget *grades = child (fixture, "fit_grades_row");
  g_autoptr(GPtrArray) bands = NULL;
  GtkWidget *band;
  GtkWidget *mark;
  guint n = scoring (fixture)->fit_grades->len;

  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (grades), TRUE);
  bands = band_rows (grades);
  g_assert_cmpuint (bands->len, ==, n);
  band = g_ptr_array_index (bands, 1);

  /* B from 40 is not below A from 35 */
  gtk_spin_button_set_value (spin_of_row (band), 40);
  g_assert_cmpint (((LwGradeBand *) g_ptr_array_index (scoring (fixture)->fit_grades, 1))->min, ==, 40);
  g_assert_cmpuint (lw_workspace_get_n_errors (fixture->workspace), >, 0);
  mark = g_object_get_data (G_OBJECT (band), "lw-mark");
  g_assert_nonnull (mark);
  g_assert_true (gtk_widget_get_visible (mark));
  g_assert_true (gtk_widget_has_css_class (mark, "error"));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (mark), "is not below"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (band)), "is not below"));
  /* The closed expander says so too, and the test box waits */
  g_assert_true (gtk_widget_get_visible (g_object_get_data (G_OBJECT (grades), "lw-mark")));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (child (fixture, "total_value_label"))), ==, "–");

  /* The problems list reaches the band by its path */
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (grades), FALSE);
  lw_page_reveal (LW_PAGE (fixture->page), "$.scoring.grades.fit[1].min");
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (grades)));
  g_assert_true (gtk_widget_has_focus (band));

  /* Fixed: the mark goes */
  gtk_spin_button_set_value (spin_of_row (band), 25);
  g_assert_cmpuint (lw_workspace_get_n_errors (fixture->workspace), ==, 0);
  g_assert_false (gtk_widget_get_visible (mark));

  /* Rename a grade, add and remove a band */
  {
    g_autoptr(GPtrArray) entries = find_all (band, GTK_TYPE_ENTRY);
    GtkWidget *entry = g_ptr_array_index (entries, 0);

    gtk_editable_set_text (GTK_EDITABLE (entry), "B+");
    g_signal_emit_by_name (entry, "activate");
    g_assert_cmpstr (((LwGradeBand *) g_ptr_array_index (scoring (fixture)->fit_grades, 1))->grade, ==, "B+");
  }
  g_signal_emit_by_name (button_with_label (grades, "Add _Band"), "clicked");
  g_assert_cmpuint (scoring (fixture)->fit_grades->len, ==, n + 1);
  g_assert_cmpstr (((LwGradeBand *) g_ptr_array_index (scoring (fixture)->fit_grades, n))->grade, ==, "D");
  g_assert_cmpuint (lw_workspace_get_n_errors (fixture->workspace), ==, 0);
  g_ptr_array_unref (bands);
  bands = band_rows (grades);
  g_assert_cmpuint (bands->len, ==, n + 1);
  g_signal_emit_by_name (button_with_tooltip (g_ptr_array_index (bands, n), "Remove Band"), "clicked");
  g_assert_cmpuint (scoring (fixture)->fit_grades->len, ==, n);
  g_assert_false (((LwGradeBand *) g_ptr_array_index (scoring (fixture)->fit_grades, n - 1))->has_min);
  g_assert_cmpuint (lw_workspace_get_n_errors (fixture->workspace), ==, 0);

  assert_undo_restores (fixture);
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
  ADD ("/gui/scoring/fit-criteria", test_fit_criteria);
  ADD ("/gui/scoring/engagement-criteria", test_engagement_criteria);
  ADD ("/gui/scoring/undo-in-place", test_undo_in_place);
  ADD ("/gui/scoring/settings", test_settings);
  ADD ("/gui/scoring/try-a-lead", test_try_a_lead);
  ADD ("/gui/scoring/invalid-band", test_invalid_band);
#undef ADD

  return g_test_run ();
}
