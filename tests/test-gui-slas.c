/* test-gui-slas.c: the SLA editor, driven as a person would
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "lw-config-json.h"
#include "lw-page.h"
#include "lw-sla-page.h"
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
  fixture->page = lw_sla_page_new (fixture->workspace);
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

static const LwSlaPolicy *
policy (Fixture *fixture,
        guint    index)
{
  const LwConfig *config = lw_workspace_get_config (fixture->workspace);

  g_assert_cmpuint (index, <, config->policies->len);
  return g_ptr_array_index (config->policies, index);
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

/* The expander row of the policy at @index. */
static GtkWidget *
find_policy (Fixture *fixture,
             guint    index)
{
  g_autofree char *title = g_markup_escape_text (policy (fixture, index)->label, -1);

  return row (fixture->page, title);
}

/* The same, opened as a person would to see what it holds. */
static GtkWidget *
policy_row (Fixture *fixture,
            guint    index)
{
  GtkWidget *found = find_policy (fixture, index);

  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (found), TRUE);
  return found;
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

/* ---- tests ------------------------------------------------------------------------ */

static void
test_add_and_remove (Fixture       *fixture,
                     gconstpointer  data)
{
  const LwConfig *config = lw_workspace_get_config (fixture->workspace);
  guint n = config->policies->len;
  GtkWidget *added;

  gtk_widget_activate_action (fixture->page, "slas.add-policy", NULL);
  config = lw_workspace_get_config (fixture->workspace);
  g_assert_cmpuint (config->policies->len, ==, n + 1);
  g_assert_cmpstr (policy (fixture, n)->label, ==, "New policy");
  g_assert_cmpuint (policy (fixture, n)->deadline_minutes, >, policy (fixture, n)->warn_before_minutes);
  g_assert_cmpuint (lw_workspace_get_n_errors (fixture->workspace), ==, 0);

  /* It opens, numbered last, with its sentence. */
  added = find_policy (fixture, n);
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (added)));
  g_assert_nonnull (strstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (added)),
                            "First touch within 1 business hour; warn 15 minutes before; "
                            "notify the manager after 2 hours"));

  click (button (added, "Remove Policy"));
  g_assert_cmpuint (lw_workspace_get_config (fixture->workspace)->policies->len, ==, n);
  click (button (policy_row (fixture, 0), "Remove Policy"));
  g_assert_cmpuint (lw_workspace_get_config (fixture->workspace)->policies->len, ==, n - 1);
  g_assert_cmpstr (policy (fixture, 0)->id, ==, "high-intent");

  assert_undo_restores (fixture);
}

static void
test_reorder (Fixture       *fixture,
              gconstpointer  data)
{
  GtkWidget *first = policy_row (fixture, 0);

  /* The first cannot move up, the last cannot move down. */
  g_assert_false (gtk_widget_get_sensitive (button (first, "Move Up")));
  g_assert_false (gtk_widget_get_sensitive (button (policy_row (fixture, 2), "Move Down")));

  click (button (first, "Move Down"));
  g_assert_cmpstr (policy (fixture, 0)->id, ==, "high-intent");
  g_assert_cmpstr (policy (fixture, 1)->id, ==, "demo");
  /* What was open stays open where it went. */
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (find_policy (fixture, 1))));
  g_assert_false (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (find_policy (fixture, 0))));

  click (button (policy_row (fixture, 2), "Move Up"));
  g_assert_cmpstr (policy (fixture, 1)->id, ==, "content");
  g_assert_cmpstr (policy (fixture, 2)->id, ==, "demo");

  assert_undo_restores (fixture);

  /* Undo rebuilt the rows in the old order. */
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (policy_row (fixture, 0))), ==,
                   "Demo and contact-sales requests");
}

static void
test_deadline_and_clock (Fixture       *fixture,
                         gconstpointer  data)
{
  GtkWidget *expander = policy_row (fixture, 0);
  GtkWidget *deadline = row (expander, "First-Touch Deadline");
  GtkSpinButton *spin = GTK_SPIN_BUTTON (child_of_type (deadline, GTK_TYPE_SPIN_BUTTON));
  GtkDropDown *unit = GTK_DROP_DOWN (child_of_type (deadline, GTK_TYPE_DROP_DOWN));

  g_assert_cmpfloat (gtk_spin_button_get_value (spin), ==, 10);
  g_assert_cmpuint (gtk_drop_down_get_selected (unit), ==, 0);

  gtk_spin_button_set_value (spin, 30);
  g_assert_cmpuint (policy (fixture, 0)->deadline_minutes, ==, 30);
  g_assert_nonnull (strstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (expander)),
                            "First touch within 30 business minutes"));

  /* The unit reads the number again: 30 hours. */
  gtk_drop_down_set_selected (unit, 1);
  g_assert_cmpuint (policy (fixture, 0)->deadline_minutes, ==, 30 * 60);
  g_assert_nonnull (strstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (expander)),
                            "First touch within 30 business hours"));

  /* Calendar time, and then days are offered. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (row (expander, "Clock")), 1);
  g_assert_cmpint (policy (fixture, 0)->clock, ==, LW_CLOCK_CALENDAR);
  g_assert_true (policy_row (fixture, 0) == expander);
  unit = GTK_DROP_DOWN (child_of_type (row (expander, "First-Touch Deadline"), GTK_TYPE_DROP_DOWN));
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (unit)), ==, 3);
  gtk_drop_down_set_selected (unit, 2);
  g_assert_cmpuint (policy (fixture, 0)->deadline_minutes, ==, 30 * 24 * 60);
  g_assert_nonnull (strstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (expander)),
                            "First touch within 30 days"));

  assert_undo_restores (fixture);
}

static void
test_name_pause_and_tag (Fixture       *fixture,
                         gconstpointer  data)
{
  GtkWidget *expander = policy_row (fixture, 1);
  GtkWidget *pause = row (expander, "Pause While");
  GtkWidget *connected = row (pause, "Connected");
  GtkWidget *bad_timing = row (pause, "Nurture / bad timing");

  type_and_apply (row (expander, "Name"), "Trials & pricing <fast>");
  g_assert_cmpstr (policy (fixture, 1)->label, ==, "Trials & pricing <fast>");
  /* The title is markup: the name shows as typed. */
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (expander)), ==,
                   "Trials &amp; pricing &lt;fast&gt;");

  gtk_check_button_set_active (g_object_get_data (G_OBJECT (connected), "lw-check"), TRUE);
  g_assert_cmpuint (policy (fixture, 1)->pause_statuses->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (policy (fixture, 1)->pause_statuses, 1), ==, "connected");
  gtk_check_button_set_active (g_object_get_data (G_OBJECT (bad_timing), "lw-check"), FALSE);
  g_assert_cmpuint (policy (fixture, 1)->pause_statuses->len, ==, 1);
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (pause)), ==, "Connected");

  type_and_apply (row (expander, "Breach Tag"), "  sla-late  ");
  g_assert_cmpstr (policy (fixture, 1)->breach_tag, ==, "sla-late");
  type_and_apply (row (expander, "Breach Tag"), "");
  g_assert_null (policy (fixture, 1)->breach_tag);

  assert_undo_restores (fixture);
}

static void
test_escalation_ladder (Fixture       *fixture,
                        gconstpointer  data)
{
  GtkWidget *expander = policy_row (fixture, 0);
  const LwEscalation *step;
  GtkWidget *step_row;
  GtkDropDown *action;
  GtkSpinButton *spin;

  g_assert_cmpuint (policy (fixture, 0)->escalations->len, ==, 2);

  /* A third step comes after the second. */
  click (button (expander, "Add _Escalation Step"));
  g_assert_cmpuint (policy (fixture, 0)->escalations->len, ==, 3);
  step = &g_array_index (policy (fixture, 0)->escalations, LwEscalation, 2);
  g_assert_cmpuint (step->after_minutes, >, 1440);
  g_assert_cmpint (step->action, ==, LW_ESCALATE_REASSIGN);
  g_assert_cmpuint (lw_workspace_get_n_errors (fixture->workspace), ==, 0);

  /* Its action: reassign to the first pool, then notify the manager. */
  expander = policy_row (fixture, 0);
  step_row = g_ptr_array_index ((GPtrArray *) g_object_get_data (G_OBJECT (expander), "lw-step-rows"), 2);
  action = g_object_get_data (G_OBJECT (step_row), "lw-action");
  gtk_drop_down_set_selected (action, 2);
  step = &g_array_index (policy (fixture, 0)->escalations, LwEscalation, 2);
  g_assert_cmpstr (step->target.pool, ==,
                   ((LwPool *) g_ptr_array_index (lw_workspace_get_config (fixture->workspace)->pools, 0))->id);
  g_assert_nonnull (strstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (expander)), "reassign to "));
  gtk_drop_down_set_selected (action, 0);
  step = &g_array_index (policy (fixture, 0)->escalations, LwEscalation, 2);
  g_assert_cmpint (step->action, ==, LW_ESCALATE_NOTIFY_MANAGER);
  g_assert_null (step->target.pool);

  /* A step before the one above it is an error at its row. */
  spin = GTK_SPIN_BUTTON (child_of_type (step_row, GTK_TYPE_SPIN_BUTTON));
  gtk_spin_button_set_value (spin, 1);
  g_assert_cmpuint (g_array_index (policy (fixture, 0)->escalations, LwEscalation, 2).after_minutes, ==, 60);
  g_assert_nonnull (mark (step_row));
  g_assert_nonnull (strstr (mark (step_row), "does not come after the step before"));
  g_assert_nonnull (mark (expander));

  /* Removing it clears the error. */
  click (button (step_row, "Remove Escalation Step"));
  g_assert_cmpuint (policy (fixture, 0)->escalations->len, ==, 2);
  g_assert_cmpuint (lw_workspace_get_n_errors (fixture->workspace), ==, 0);
  g_assert_null (mark (policy_row (fixture, 0)));

  assert_undo_restores (fixture);
}

static void
test_ladder_is_bounded (Fixture       *fixture,
                        gconstpointer  data)
{
  while (policy (fixture, 2)->escalations->len < 8)
    click (button (policy_row (fixture, 2), "Add _Escalation Step"));

  /* Disabled rather than hidden. */
  g_assert_false (gtk_widget_get_sensitive (button (policy_row (fixture, 2), "Add _Escalation Step")));
  g_assert_cmpuint (lw_workspace_get_n_errors (fixture->workspace), ==, 0);

  assert_undo_restores (fixture);
}

static void
test_warning_not_before_deadline (Fixture       *fixture,
                                  gconstpointer  data)
{
  GtkWidget *expander = policy_row (fixture, 0);
  GtkWidget *warning = row (expander, "Warn Before");
  GtkSpinButton *spin = GTK_SPIN_BUTTON (child_of_type (warning, GTK_TYPE_SPIN_BUTTON));
  g_autofree char *before = config_bytes (fixture);
  g_autofree char *after = NULL;

  g_assert_null (mark (warning));

  gtk_spin_button_set_value (spin, 10);
  g_assert_cmpuint (policy (fixture, 0)->warn_before_minutes, ==, 10);
  g_assert_cmpuint (lw_workspace_get_n_errors (fixture->workspace), ==, 1);
  g_assert_nonnull (mark (warning));
  g_assert_nonnull (strstr (mark (warning), "would come at or before the start"));
  /* The message is also the row's subtitle, and the policy is marked. */
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (warning)), "would come"));
  g_assert_nonnull (strstr (mark (expander), "would come at or before the start"));

  /* No warning at all is fine. */
  gtk_spin_button_set_value (spin, 0);
  g_assert_cmpuint (policy (fixture, 0)->warn_before_minutes, ==, 0);
  g_assert_cmpuint (lw_workspace_get_n_errors (fixture->workspace), ==, 0);
  g_assert_null (mark (warning));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (warning)), ==, "0 for no warning");
  g_assert_null (strstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (expander)), "warn"));

  /* Undo goes back through the invalid state to the exact start. */
  lw_workspace_undo (fixture->workspace);
  g_assert_cmpuint (lw_workspace_get_n_errors (fixture->workspace), ==, 1);
  g_assert_nonnull (mark (row (policy_row (fixture, 0), "Warn Before")));
  lw_workspace_undo (fixture->workspace);
  after = config_bytes (fixture);
  g_assert_cmpstr (after, ==, before);
  g_assert_null (mark (row (policy_row (fixture, 0), "Warn Before")));
}

static void
test_reveal (Fixture       *fixture,
             gconstpointer  data)
{
  GtkWidget *expander = find_policy (fixture, 2);
  GtkWidget *pause;
  GtkWidget *spin;
  GtkWidget *focus;

  g_assert_false (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (expander)));
  lw_page_reveal (LW_PAGE (fixture->page), "$.slas[2].pauseStatuses[0]");
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (expander)));
  pause = row (expander, "Pause While");
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (pause)));

  lw_page_reveal (LW_PAGE (fixture->page), "$.slas[1].warnBeforeMinutes");
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (find_policy (fixture, 1))));
  spin = child_of_type (row (policy_row (fixture, 1), "Warn Before"), GTK_TYPE_SPIN_BUTTON);
  focus = gtk_root_get_focus (gtk_widget_get_root (fixture->page));
  g_assert_true (focus == spin || gtk_widget_is_ancestor (focus, spin));

  /* A step of a closed policy: it opens at the step. */
  g_assert_false (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (find_policy (fixture, 0))));
  lw_page_reveal (LW_PAGE (fixture->page), "$.slas[0].escalations[1].afterMinutes");
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (find_policy (fixture, 0))));
  spin = g_ptr_array_index ((GPtrArray *) g_object_get_data (G_OBJECT (find_policy (fixture, 0)), "lw-step-rows"), 1);
  spin = child_of_type (spin, GTK_TYPE_SPIN_BUTTON);
  focus = gtk_root_get_focus (gtk_widget_get_root (fixture->page));
  g_assert_true (focus == spin || gtk_widget_is_ancestor (focus, spin));

  /* Paths elsewhere are left alone. */
  lw_page_reveal (LW_PAGE (fixture->page), "$.slas[9]");
  lw_page_reveal (LW_PAGE (fixture->page), "$.routing.rules[0]");
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
  ADD ("/gui/slas/add-and-remove", test_add_and_remove);
  ADD ("/gui/slas/reorder", test_reorder);
  ADD ("/gui/slas/deadline-and-clock", test_deadline_and_clock);
  ADD ("/gui/slas/name-pause-and-tag", test_name_pause_and_tag);
  ADD ("/gui/slas/escalation-ladder", test_escalation_ladder);
  ADD ("/gui/slas/ladder-is-bounded", test_ladder_is_bounded);
  ADD ("/gui/slas/warning-not-before-deadline", test_warning_not_before_deadline);
  ADD ("/gui/slas/reveal", test_reveal);
#undef ADD

  return g_test_run ();
}
