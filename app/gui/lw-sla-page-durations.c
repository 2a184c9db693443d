/* lw-sla-page-durations.c: a number and its unit, and the clock
 *
 * Part of LwSlaPage (lw-sla-page-private.h): the spin and unit dropdown of
 * a deadline, a warning or an escalation step, the edits made in them, and
 * the clock of a policy, whose change offers days on calendar time only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "lw-sla-page-private.h"

/* The largest number a duration spin takes, in its unit. */
#define MAX_DURATION_VALUE 99999

static guint
duration_minutes (GtkWidget *duration)
{
  GtkSpinButton *spin = g_object_get_data (G_OBJECT (duration), "lw-spin");
  GtkDropDown *unit = g_object_get_data (G_OBJECT (duration), "lw-unit");
  guint selected = gtk_drop_down_get_selected (unit);

  if (selected >= N_UNITS)
    selected = UNIT_MINUTES;
  return (guint) gtk_spin_button_get_value_as_int (spin) * unit_minutes[selected];
}

static void
duration_changed (LwSlaPage *self,
                  GtkWidget *duration)
{
  g_autoptr(LwConfig) config = NULL;
  LwSlaPolicy *policy;
  guint minutes = duration_minutes (duration);
  guint *field;
  const char *description;

  if (self->building)
    return;

  config = lw_workspace_dup_config (self->workspace);
  policy = policy_at (config, row_index (duration));
  switch ((Field) GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (duration), "lw-field")))
    {
    case FIELD_DEADLINE:
      field = &policy->deadline_minutes;
      description = _("Change SLA deadline");
      break;
    case FIELD_WARNING:
      field = &policy->warn_before_minutes;
      description = _("Change SLA warning");
      break;
    case FIELD_STEP:
      field = &g_array_index (policy->escalations, LwEscalation, row_step (duration)).after_minutes;
      description = _("Change escalation step");
      break;
    default:
      g_assert_not_reached ();
    }

  if (*field == minutes)
    return;
  *field = minutes;
  _lw_sla_page_apply (self, g_steal_pointer (&config), description, FALSE);
}

static void
duration_value_changed_cb (GtkSpinButton *spin,
                           LwSlaPage     *self)
{
  duration_changed (self, g_object_get_data (G_OBJECT (spin), "lw-duration"));
}

static void
duration_unit_selected_cb (GtkDropDown *unit,
                           GParamSpec  *pspec,
                           LwSlaPage   *self)
{
  duration_changed (self, g_object_get_data (G_OBJECT (unit), "lw-duration"));
}

/* Shows @minutes in @duration, in the largest unit that fits. */
static void
set_duration (GtkWidget *duration,
              guint      minutes,
              gboolean   allow_days)
{
  GtkSpinButton *spin = g_object_get_data (G_OBJECT (duration), "lw-spin");
  GtkDropDown *dropdown = g_object_get_data (G_OBJECT (duration), "lw-unit");
  GtkStringList *units = gtk_string_list_new (NULL);
  Unit unit = best_unit (minutes, allow_days);

  gtk_string_list_append (units, _("minutes"));
  gtk_string_list_append (units, _("hours"));
  if (allow_days)
    gtk_string_list_append (units, _("days"));
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (units));
  g_object_unref (units);
  gtk_drop_down_set_selected (dropdown, unit);
  gtk_spin_button_set_value (spin, minutes / unit_minutes[unit]);
}

/* After a change of clock: days are offered on calendar time only. */
static void
refresh_durations (LwSlaPage         *self,
                   GtkWidget         *row,
                   const LwSlaPolicy *policy)
{
  GPtrArray *step_rows = g_object_get_data (G_OBJECT (row), "lw-step-rows");
  gboolean calendar = policy->clock == LW_CLOCK_CALENDAR;

  self->building = TRUE;
  set_duration (g_object_get_data (g_object_get_data (G_OBJECT (row), "lw-deadline-row"), "lw-duration"),
                policy->deadline_minutes, calendar);
  set_duration (g_object_get_data (g_object_get_data (G_OBJECT (row), "lw-warning-row"), "lw-duration"),
                policy->warn_before_minutes, calendar);
  for (guint j = 0; j < step_rows->len && j < policy->escalations->len; j++)
    set_duration (g_object_get_data (g_ptr_array_index (step_rows, j), "lw-duration"),
                  g_array_index (policy->escalations, LwEscalation, j).after_minutes, calendar);
  self->building = FALSE;
}

void
_lw_sla_page_clock_selected_cb (AdwComboRow *combo,
                                GParamSpec  *pspec,
                                LwSlaPage   *self)
{
  g_autoptr(LwConfig) config = NULL;
  LwSlaPolicy *policy;
  LwClock clock;

  if (self->building)
    return;

  clock = adw_combo_row_get_selected (combo) == CLOCK_ROW_BUSINESS ? LW_CLOCK_BUSINESS : LW_CLOCK_CALENDAR;
  config = lw_workspace_dup_config (self->workspace);
  policy = policy_at (config, row_index (combo));
  if (policy->clock == clock)
    return;
  policy->clock = clock;
  /* Not a rebuild: the combo row is still telling its selection about the
   * change. Business time is not shown in days: refresh the units. */
  _lw_sla_page_apply (self, g_steal_pointer (&config), _("Change SLA clock"), FALSE);
  refresh_durations (self, g_ptr_array_index (self->policy_rows, row_index (combo)),
                     policy_at ((LwConfig *) lw_workspace_get_config (self->workspace), row_index (combo)));
}

/* A number and its unit: [ 10 ] [ minutes ▾ ]. */
GtkWidget *
_lw_sla_page_create_duration (LwSlaPage  *self,
                              guint       index,
                              Field       field,
                              guint       step,
                              guint       minutes,
                              gboolean    allow_days,
                              guint       lower,
                              const char *accessible_label)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkAdjustment *adjustment = gtk_adjustment_new (lower, lower, MAX_DURATION_VALUE, 1, 10, 0);
  GtkWidget *spin = gtk_spin_button_new (adjustment, 1, 0);
  GtkWidget *dropdown = gtk_drop_down_new (NULL, NULL);

  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_editable_set_width_chars (GTK_EDITABLE (spin), 3);
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Unit"), -1);
  gtk_widget_set_tooltip_text (dropdown, _("Unit"));
  gtk_box_append (GTK_BOX (box), spin);
  gtk_box_append (GTK_BOX (box), dropdown);

  set_indices (box, index, step);
  g_object_set_data (G_OBJECT (box), "lw-field", GUINT_TO_POINTER (field));
  g_object_set_data (G_OBJECT (box), "lw-spin", spin);
  g_object_set_data (G_OBJECT (box), "lw-unit", dropdown);
  set_duration (box, minutes, allow_days);
  g_object_set_data (G_OBJECT (spin), "lw-duration", box);
  g_object_set_data (G_OBJECT (dropdown), "lw-duration", box);
  g_signal_connect (spin, "value-changed", G_CALLBACK (duration_value_changed_cb), self);
  g_signal_connect (dropdown, "notify::selected", G_CALLBACK (duration_unit_selected_cb), self);
  return box;
}
