/* lw-properties-page-activities.c: the activity types
 *
 * Part of LwPropertiesPage (lw-properties-page-private.h): an activity
 * type's row (id, label, description, remove) and the edits made in it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "lw-editor-utils.h"
#include "lw-properties-page-private.h"

char *
_lw_properties_page_describe_activity (const LwConfig       *config,
                                       const LwActivityType *activity)
{
  g_autoptr(GPtrArray) uses = g_ptr_array_new_with_free_func (g_free);

  _lw_properties_page_collect_activity_uses (config, activity->id, uses);
  if (uses->len == 0)
    return g_strdup (_("No scoring criterion counts it yet."));
  /* translators: %u is a number of scoring criteria */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Counted by %u scoring criterion.",
                                       "Counted by %u scoring criteria.", uses->len),
                          uses->len);
}

static void
activity_id_applied_cb (AdwEntryRow      *entry,
                        LwPropertiesPage *self)
{
  g_autoptr(LwConfig) config = lw_workspace_dup_config (self->workspace);
  LwActivityType *activity = activity_at (config, row_index (entry));
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autofree char *old_id = NULL;

  if (g_strcmp0 (activity->id, text) == 0)
    return;

  old_id = g_steal_pointer (&activity->id);
  activity->id = g_strdup (text);
  if (*text != '\0' && !_lw_properties_page_id_taken (config->activities, activity, text) &&
      !_lw_properties_page_id_taken (config->activities, activity, old_id))
    _lw_properties_page_rename_activity_references (config, old_id, text);
  _lw_properties_page_apply (self, g_steal_pointer (&config), _("Rename activity id"), FALSE);
}

static void
activity_label_applied_cb (AdwEntryRow      *entry,
                           LwPropertiesPage *self)
{
  g_autoptr(LwConfig) config = lw_workspace_dup_config (self->workspace);
  LwActivityType *activity = activity_at (config, row_index (entry));

  g_free (activity->label);
  activity->label = g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry)));
  _lw_properties_page_apply (self, g_steal_pointer (&config), _("Rename activity"), FALSE);
}

static void
activity_description_applied_cb (AdwEntryRow      *entry,
                                 LwPropertiesPage *self)
{
  g_autoptr(LwConfig) config = lw_workspace_dup_config (self->workspace);
  LwActivityType *activity = activity_at (config, row_index (entry));

  g_free (activity->description);
  activity->description = dup_optional (gtk_editable_get_text (GTK_EDITABLE (entry)));
  _lw_properties_page_apply (self, g_steal_pointer (&config), _("Describe activity"), FALSE);
}

static void
remove_activity (gpointer data)
{
  Target *target = data;
  LwPropertiesPage *self = target->self;
  g_autoptr(LwConfig) config = NULL;

  if (self->workspace == NULL)
    return;
  config = lw_workspace_dup_config (self->workspace);
  for (guint i = 0; i < config->activities->len; i++)
    if (g_strcmp0 (((LwActivityType *) g_ptr_array_index (config->activities, i))->id, target->id) == 0)
      {
        g_ptr_array_remove_index (config->activities, i);
        _lw_properties_page_apply (self, g_steal_pointer (&config), _("Remove activity"), TRUE);
        return;
      }
}

static void
activity_remove_clicked_cb (GtkButton        *button,
                            LwPropertiesPage *self)
{
  const LwConfig *config = lw_workspace_get_config (self->workspace);
  const LwActivityType *activity = g_ptr_array_index (config->activities, row_index (button));
  g_autoptr(GPtrArray) uses = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *heading = NULL;

  _lw_properties_page_collect_activity_uses (config, activity->id, uses);
  /* translators: %s is an activity, "Demo request" */
  heading = g_strdup_printf (_("Remove Activity “%s”?"), lw_editor_display_name (activity->label, activity->id));
  lw_properties_page_confirm_removal (GTK_WIDGET (self), heading, uses, remove_activity,
                                      _lw_properties_page_target_new (self, activity->id, NULL),
                                      _lw_properties_page_target_free);
}

void
_lw_properties_page_add_activity_action (GtkWidget  *widget,
                                         const char *action_name,
                                         GVariant   *parameter)
{
  LwPropertiesPage *self = LW_PROPERTIES_PAGE (widget);
  g_autoptr(LwConfig) config = lw_workspace_dup_config (self->workspace);
  g_autofree char *id = _lw_properties_page_unique_id (config->activities, 0, "activity");

  g_ptr_array_add (config->activities, lw_activity_type_new (id, _("New activity")));
  _lw_properties_page_refocus_after_rebuild (self, NULL, "$.activities[%u].label",
                                             config->activities->len - 1);
  _lw_properties_page_apply (self, g_steal_pointer (&config), _("Add activity"), TRUE);
}

static void
populate_activity_row (LwPropertiesPage *self,
                       AdwExpanderRow   *row,
                       const LwConfig   *config,
                       guint             index)
{
  const LwActivityType *activity = g_ptr_array_index (config->activities, index);
  GtkWidget *id = _lw_properties_page_create_entry_row (_("Id"), activity->id,
                                                        G_CALLBACK (activity_id_applied_cb), self);
  GtkWidget *label = _lw_properties_page_create_entry_row (_("Label"), activity->label,
                                                           G_CALLBACK (activity_label_applied_cb),
                                                           self);
  GtkWidget *description = _lw_properties_page_create_entry_row (_("Description"),
                                                                 activity->description,
                                                                 G_CALLBACK (activity_description_applied_cb),
                                                                 self);

  gtk_widget_add_css_class (id, "monospace");
  set_row_data (id, index, 0, "id");
  set_row_data (label, index, 0, "label");
  set_row_data (description, index, 0, "description");
  _lw_properties_page_add_mark (self, id, MARK_ENTRY, "$.activities[%u].id", index);
  _lw_properties_page_add_mark (self, label, MARK_ENTRY, "$.activities[%u].label", index);
  _lw_properties_page_add_mark (self, description, MARK_ENTRY, "$.activities[%u].description",
                                index);
  adw_expander_row_add_row (row, id);
  adw_expander_row_add_row (row, label);
  adw_expander_row_add_row (row, description);
}

GtkWidget *
_lw_properties_page_create_activity_row (LwPropertiesPage *self,
                                         guint             index)
{
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *remove = lw_editor_icon_button ("user-trash-symbolic", _("Remove Activity"));

  set_row_data (remove, index, 0, NULL);
  g_signal_connect (remove, "clicked", G_CALLBACK (activity_remove_clicked_cb), self);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row), remove);

  set_row_data (row, index, 0, NULL);
  _lw_properties_page_set_populate (self, row, populate_activity_row);
  _lw_properties_page_add_mark (self, row, MARK_ROW_SUBTITLE, "$.activities[%u]", index);
  return row;
}
