/* lw-properties-page-options.c: the options of an enum property
 *
 * Part of LwPropertiesPage (lw-properties-page-private.h): an option row
 * (value, label, move up and down, remove) and the edits made in it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "lw-editor-utils.h"
#include "lw-properties-page-private.h"

static LwOption *
option_of (LwProperty *property,
           guint       option)
{
  g_return_val_if_fail (option < property->options->len, NULL);
  return g_ptr_array_index (property->options, option);
}

static gboolean
has_other_option (const LwProperty *property,
                  const LwOption   *except,
                  const char       *value)
{
  for (guint i = 0; i < property->options->len; i++)
    {
      const LwOption *option = g_ptr_array_index (property->options, i);

      if (option != except && same_value (option->value, value))
        return TRUE;
    }
  return FALSE;
}

/* Whether @entry belongs to the rows as they are: an entry of rows a
 * rebuild replaced can still lose the focus afterwards. */
static gboolean
entry_is_current (LwPropertiesPage *self,
                  GtkEditable      *entry)
{
  const LwConfig *config;
  const LwProperty *property;
  guint index = row_index (entry);

  if (self->building || self->workspace == NULL || gtk_widget_get_root (GTK_WIDGET (entry)) == NULL)
    return FALSE;
  config = lw_workspace_get_config (self->workspace);
  if (LW_N_BUILTINS + index >= config->properties->len)
    return FALSE;
  property = g_ptr_array_index (config->properties, LW_N_BUILTINS + index);
  return row_option (entry) < property->options->len;
}

static void
commit_option_value (LwPropertiesPage *self,
                     GtkEditable      *entry)
{
  g_autoptr(LwConfig) config = NULL;
  LwProperty *property;
  LwOption *option;
  const char *text = gtk_editable_get_text (entry);
  g_autofree char *old_value = NULL;

  if (!entry_is_current (self, entry))
    return;

  config = lw_workspace_dup_config (self->workspace);
  property = property_at (config, row_index (entry));
  option = option_of (property, row_option (entry));
  if (g_strcmp0 (option->value, text) == 0)
    return;

  old_value = g_steal_pointer (&option->value);
  option->value = g_strdup (text);
  /* Conditions and territory maps that used the old value follow, unless
   * the new one clashes with another option. */
  if (*text != '\0' && old_value != NULL && *old_value != '\0' &&
      !has_other_option (property, option, text) && !has_other_option (property, option, old_value))
    lw_properties_page_rename_value (config, property->id, old_value, text);
  _lw_properties_page_apply (self, g_steal_pointer (&config), _("Change option value"), FALSE);
}

static void
commit_option_label (LwPropertiesPage *self,
                     GtkEditable      *entry)
{
  g_autoptr(LwConfig) config = NULL;
  LwOption *option;
  const char *text = gtk_editable_get_text (entry);

  if (!entry_is_current (self, entry))
    return;

  config = lw_workspace_dup_config (self->workspace);
  option = option_of (property_at (config, row_index (entry)), row_option (entry));
  if (g_strcmp0 (option->label, text) == 0)
    return;
  g_free (option->label);
  option->label = g_strdup (text);
  _lw_properties_page_apply (self, g_steal_pointer (&config), _("Change option label"), FALSE);
}

static void
option_entry_activate_cb (GtkEntry         *entry,
                          LwPropertiesPage *self)
{
  if (g_object_get_data (G_OBJECT (entry), "lw-field") == (gpointer) "value")
    commit_option_value (self, GTK_EDITABLE (entry));
  else
    commit_option_label (self, GTK_EDITABLE (entry));
}

static void
option_entry_leave_cb (GtkEventControllerFocus *controller,
                       LwPropertiesPage        *self)
{
  option_entry_activate_cb (GTK_ENTRY (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller))),
                            self);
}

static void
move_option (LwPropertiesPage *self,
             GtkWidget        *button,
             int               delta)
{
  g_autoptr(LwConfig) config = lw_workspace_dup_config (self->workspace);
  LwProperty *property = property_at (config, row_index (button));
  guint from = row_option (button);
  guint to = from + delta;
  gpointer option;

  if ((delta < 0 && from == 0) || to >= property->options->len)
    return;
  option = g_ptr_array_steal_index (property->options, from);
  g_ptr_array_insert (property->options, to, option);
  /* Keep the focus on the moved option's button, or on the other one
   * once it reached an end. */
  if (delta < 0)
    _lw_properties_page_refocus_after_rebuild (self, to > 0 ? "move-up" : "move-down",
                                               "$.properties[%u].options[%u]",
                                               row_index (button), to);
  else
    _lw_properties_page_refocus_after_rebuild (self,
                                               to + 1 < property->options->len ? "move-down" : "move-up",
                                               "$.properties[%u].options[%u]",
                                               row_index (button), to);
  _lw_properties_page_apply (self, g_steal_pointer (&config), _("Move option"), TRUE);
}

static void
option_up_clicked_cb (GtkButton        *button,
                      LwPropertiesPage *self)
{
  move_option (self, GTK_WIDGET (button), -1);
}

static void
option_down_clicked_cb (GtkButton        *button,
                        LwPropertiesPage *self)
{
  move_option (self, GTK_WIDGET (button), +1);
}

static void
remove_option (gpointer data)
{
  Target *target = data;
  LwPropertiesPage *self = target->self;
  g_autoptr(LwConfig) config = NULL;
  LwProperty *property;
  int index;

  if (self->workspace == NULL)
    return;
  config = lw_workspace_dup_config (self->workspace);
  index = _lw_properties_page_find_user_property (config, target->id);
  if (index < 0)
    return;
  property = g_ptr_array_index (config->properties, index);
  for (guint i = 0; i < property->options->len; i++)
    if (g_strcmp0 (((LwOption *) g_ptr_array_index (property->options, i))->value, target->value) == 0)
      {
        g_ptr_array_remove_index (property->options, i);
        _lw_properties_page_apply (self, g_steal_pointer (&config), _("Remove option"), TRUE);
        return;
      }
}

static void
option_remove_clicked_cb (GtkButton        *button,
                          LwPropertiesPage *self)
{
  const LwConfig *config = lw_workspace_get_config (self->workspace);
  const LwProperty *property = g_ptr_array_index (config->properties, LW_N_BUILTINS + row_index (button));
  const LwOption *option = g_ptr_array_index (property->options, row_option (button));
  g_autoptr(GPtrArray) uses = NULL;
  g_autofree char *heading = NULL;

  /* An empty value is used nowhere. */
  uses = option->value != NULL && *option->value != '\0'
           ? lw_properties_page_dup_uses (config, property->id, option->value)
           : g_ptr_array_new ();
  /* translators: %s is an option of an enum property, "United States" */
  heading = g_strdup_printf (_("Remove Option “%s”?"), lw_editor_display_name (option->label, option->value));
  lw_properties_page_confirm_removal (GTK_WIDGET (self), heading, uses, remove_option,
                                      _lw_properties_page_target_new (self, property->id, option->value),
                                      _lw_properties_page_target_free);
}

void
_lw_properties_page_option_add_clicked_cb (GtkButton        *button,
                                           LwPropertiesPage *self)
{
  g_autoptr(LwConfig) config = lw_workspace_dup_config (self->workspace);
  LwProperty *property = property_at (config, row_index (button));
  guint index = row_index (button);
  g_autofree char *value = NULL;

  for (guint n = property->options->len + 1; value == NULL; n++)
    {
      g_autofree char *candidate = g_strdup_printf ("option-%u", n);

      if (!has_other_option (property, NULL, candidate))
        value = g_steal_pointer (&candidate);
    }
  g_ptr_array_add (property->options, lw_option_new (value, _("New option")));
  /* Put the cursor in the new option's value. */
  _lw_properties_page_refocus_after_rebuild (self, NULL, "$.properties[%u].options[%u].value",
                                             index, property->options->len - 1);
  _lw_properties_page_apply (self, g_steal_pointer (&config), _("Add option"), TRUE);
}

static GtkWidget *
create_option_entry (LwPropertiesPage *self,
                     const char       *field,
                     const char       *text,
                     const char       *placeholder,
                     const char       *accessible_label,
                     guint             index,
                     guint             option)
{
  GtkWidget *entry = gtk_entry_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();

  gtk_editable_set_text (GTK_EDITABLE (entry), text != NULL ? text : "");
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label, -1);
  gtk_widget_set_valign (entry, GTK_ALIGN_CENTER);
  set_row_data (entry, index, option, field);
  g_signal_connect (entry, "activate", G_CALLBACK (option_entry_activate_cb), self);
  g_signal_connect (focus, "leave", G_CALLBACK (option_entry_leave_cb), self);
  gtk_widget_add_controller (entry, focus);
  return entry;
}

GtkWidget *
_lw_properties_page_create_option_row (LwPropertiesPage *self,
                                       const LwProperty *property,
                                       guint             index,
                                       guint             o)
{
  const LwOption *option = g_ptr_array_index (property->options, o);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *value = create_option_entry (self, "value", option->value, _("Value"), _("Option value"), index, o);
  GtkWidget *label = create_option_entry (self, "label", option->label, _("Label"), _("Option label"), index, o);
  GtkWidget *mark = _lw_properties_page_create_mark_icon ();
  GtkWidget *up = lw_editor_icon_button ("go-up-symbolic", _("Move Option Up"));
  GtkWidget *down = lw_editor_icon_button ("go-down-symbolic", _("Move Option Down"));
  GtkWidget *remove = lw_editor_icon_button ("user-trash-symbolic", _("Remove Option"));

  /* The label gets the room; the value, a code, needs less. */
  gtk_editable_set_width_chars (GTK_EDITABLE (value), 7);
  gtk_editable_set_width_chars (GTK_EDITABLE (label), 8);
  gtk_widget_add_css_class (value, "monospace");
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_set_sensitive (up, o > 0);
  gtk_widget_set_sensitive (down, o + 1 < property->options->len);
  for (GtkWidget **w = (GtkWidget *[]) { value, label, mark, up, down, remove, NULL }; *w != NULL; w++)
    {
      if (*w == up || *w == down || *w == remove)
        set_row_data (*w, index, o, *w == up ? "move-up" : *w == down ? "move-down" : "remove");
      gtk_box_append (GTK_BOX (box), *w);
    }
  g_signal_connect (up, "clicked", G_CALLBACK (option_up_clicked_cb), self);
  g_signal_connect (down, "clicked", G_CALLBACK (option_down_clicked_cb), self);
  g_signal_connect (remove, "clicked", G_CALLBACK (option_remove_clicked_cb), self);

  gtk_widget_add_css_class (row, "lw-option-row");
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  /* "options", one-based so that 0 means none */
  set_row_data (row, index, o + 1, "options");
  g_object_set_data (G_OBJECT (row), "lw-entry", value);
  g_object_set_data (G_OBJECT (row), "lw-mark", mark);
  _lw_properties_page_add_mark (self, row, MARK_OPTION, "$.properties[%u].options[%u]", index, o);
  return row;
}
