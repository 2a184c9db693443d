/* lw-sla-page-escalations.c: the escalation ladder
 *
 * Part of LwSlaPage (lw-sla-page-private.h): a step row (after how long,
 * what happens then, remove) and the edits made in it, and adding a step.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "lw-editor-utils.h"
#include "lw-sla-page-private.h"

/* The first positions of an escalation step's action dropdown; pools and
 * then reps follow. */
enum {
  ACTION_NOTIFY_MANAGER,
  ACTION_ROUTE_AGAIN,
  N_FIXED_ACTIONS
};

static void
action_selected_cb (GtkDropDown *dropdown,
                    GParamSpec  *pspec,
                    LwSlaPage   *self)
{
  g_autoptr(LwConfig) config = NULL;
  LwSlaPolicy *policy;
  LwEscalation *escalation;
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (self->building || selected == GTK_INVALID_LIST_POSITION)
    return;

  config = lw_workspace_dup_config (self->workspace);
  policy = policy_at (config, row_index (dropdown));
  escalation = &g_array_index (policy->escalations, LwEscalation, row_step (dropdown));
  g_clear_pointer (&escalation->target.owner, g_free);
  g_clear_pointer (&escalation->target.pool, g_free);
  escalation->action = selected == ACTION_NOTIFY_MANAGER ? LW_ESCALATE_NOTIFY_MANAGER : LW_ESCALATE_REASSIGN;
  if (selected >= N_FIXED_ACTIONS)
    {
      guint i = selected - N_FIXED_ACTIONS;

      if (i < config->pools->len)
        escalation->target.pool = g_strdup (((LwPool *) g_ptr_array_index (config->pools, i))->id);
      else
        escalation->target.owner = g_strdup (((LwRep *) g_ptr_array_index (config->reps,
                                                                          i - config->pools->len))->id);
    }
  _lw_sla_page_apply (self, g_steal_pointer (&config), _("Change escalation step"), FALSE);
}

void
_lw_sla_page_add_step_clicked_cb (GtkButton *button,
                                  LwSlaPage *self)
{
  g_autoptr(LwConfig) config = lw_workspace_dup_config (self->workspace);
  LwSlaPolicy *policy = policy_at (config, row_index (button));
  LwEscalation escalation = { 0 };

  if (policy->escalations->len >= LW_SLA_MAX_ESCALATIONS)
    return;

  /* The first step tells the manager, the later ones reassign; each comes
   * well after the one before. */
  if (policy->escalations->len == 0)
    {
      escalation.after_minutes = MAX (policy->deadline_minutes * 2, 60);
      escalation.action = LW_ESCALATE_NOTIFY_MANAGER;
    }
  else
    {
      const LwEscalation *last = &g_array_index (policy->escalations, LwEscalation,
                                                 policy->escalations->len - 1);

      escalation.after_minutes = MAX (last->after_minutes * 2, last->after_minutes + 60);
      escalation.action = LW_ESCALATE_REASSIGN;
    }
  g_array_append_val (policy->escalations, escalation);
  _lw_sla_page_apply (self, g_steal_pointer (&config), _("Add escalation step"), TRUE);
}

static void
remove_step_clicked_cb (GtkButton *button,
                        LwSlaPage *self)
{
  g_autoptr(LwConfig) config = lw_workspace_dup_config (self->workspace);
  LwSlaPolicy *policy = policy_at (config, row_index (button));

  g_array_remove_index (policy->escalations, row_step (button));
  _lw_sla_page_apply (self, g_steal_pointer (&config), _("Remove escalation step"), TRUE);
}

/* Notify, route again, then each pool and each rep. */
static GListModel *
actions_model (const LwConfig *config)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  gtk_string_list_append (list, _("Notify the manager"));
  gtk_string_list_append (list, _("Reassign by routing again"));
  for (guint i = 0; i < config->pools->len; i++)
    {
      const LwPool *pool = g_ptr_array_index (config->pools, i);
      /* translators: an escalation: reassign to a round-robin pool, "EMEA SDRs" */
      g_autofree char *label = g_strdup_printf (_("Reassign to %s (pool)"), pool->label);

      gtk_string_list_append (list, label);
    }
  for (guint i = 0; i < config->reps->len; i++)
    {
      const LwRep *rep = g_ptr_array_index (config->reps, i);
      /* translators: an escalation: reassign to a rep, "Ana Silva" */
      g_autofree char *label = g_strdup_printf (_("Reassign to %s"), rep->name);

      gtk_string_list_append (list, label);
    }
  return G_LIST_MODEL (list);
}

static guint
action_position (const LwConfig     *config,
                 const LwEscalation *escalation)
{
  if (escalation->action == LW_ESCALATE_NOTIFY_MANAGER)
    return ACTION_NOTIFY_MANAGER;
  if (escalation->target.pool == NULL && escalation->target.owner == NULL)
    return ACTION_ROUTE_AGAIN;
  for (guint i = 0; escalation->target.pool != NULL && i < config->pools->len; i++)
    if (g_strcmp0 (((LwPool *) g_ptr_array_index (config->pools, i))->id, escalation->target.pool) == 0)
      return N_FIXED_ACTIONS + i;
  for (guint i = 0; escalation->target.owner != NULL && i < config->reps->len; i++)
    if (g_strcmp0 (((LwRep *) g_ptr_array_index (config->reps, i))->id, escalation->target.owner) == 0)
      return N_FIXED_ACTIONS + config->pools->len + i;
  return GTK_INVALID_LIST_POSITION;
}

/* "After [ 2 ] [ hours ▾ ]      [ Notify the manager ▾ ] 🗑" */
GtkWidget *
_lw_sla_page_create_step_row (LwSlaPage         *self,
                              const LwConfig    *config,
                              const LwSlaPolicy *policy,
                              guint              index,
                              guint              step)
{
  const LwEscalation *escalation = &g_array_index (policy->escalations, LwEscalation, step);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *after = gtk_label_new (_("After"));
  /* translators: the accessible name of the minutes of escalation step 1 */
  g_autofree char *spin_label = g_strdup_printf (_("Escalation step %u: time after assignment"), step + 1);
  GtkWidget *duration = _lw_sla_page_create_duration (self, index, FIELD_STEP, step,
                                                      escalation->after_minutes,
                                                      policy->clock == LW_CLOCK_CALENDAR, 1, spin_label);
  GtkWidget *action = lw_editor_drop_down_new (actions_model (config), 6);
  GtkWidget *remove = lw_editor_icon_button ("user-trash-symbolic", _("Remove Escalation Step"));

  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, spin_label, -1);
  /* Prefixes are packed from the start: this shows "After", then the time. */
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), duration);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), after);

  gtk_drop_down_set_selected (GTK_DROP_DOWN (action), action_position (config, escalation));
  gtk_widget_set_valign (action, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (action, _("What happens then"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (action), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Escalation action"), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), action);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);

  set_indices (action, index, step);
  set_indices (remove, index, step);
  g_signal_connect (action, "notify::selected", G_CALLBACK (action_selected_cb), self);
  g_signal_connect (remove, "clicked", G_CALLBACK (remove_step_clicked_cb), self);
  g_object_set_data (G_OBJECT (row), "lw-duration", duration);
  g_object_set_data (G_OBJECT (row), "lw-action", action);
  return row;
}
