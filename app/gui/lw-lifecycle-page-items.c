/* lw-lifecycle-page-items.c: the edits and rows the three lists share
 *
 * Part of LwLifecyclePage (lw-lifecycle-page-private.h): an item's id,
 * label, HubSpot value and definition, moving and removing it, and the rows
 * that edit them; renaming an id renames every reference to it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "lw-editor-utils.h"
#include "lw-lifecycle-page-private.h"
#include "lw-properties-page.h"

/* ---- edits shared by the three lists --------------------------------------------------- */

static void
rename_references (LwConfig   *config,
                   List        list,
                   const char *old_id,
                   const char *new_id)
{
  if (list == LIST_STAGES)
    {
      lw_properties_page_rename_value (config, "lifecycle_stage", old_id, new_id);
      for (guint i = 0; i < config->paths->len; i++)
        {
          LwPath *path = g_ptr_array_index (config->paths, i);

          if (g_strcmp0 (path->to_stage, old_id) == 0)
            {
              g_free (path->to_stage);
              path->to_stage = g_strdup (new_id);
            }
        }
      if (g_strcmp0 (config->scoring.mql_stage, old_id) == 0)
        {
          g_free (config->scoring.mql_stage);
          config->scoring.mql_stage = g_strdup (new_id);
        }
    }
  else if (list == LIST_STATUSES)
    {
      lw_properties_page_rename_value (config, "lead_status", old_id, new_id);
      for (guint i = 0; i < config->paths->len; i++)
        {
          LwPath *path = g_ptr_array_index (config->paths, i);

          if (g_strcmp0 (path->from_status, old_id) == 0)
            {
              g_free (path->from_status);
              path->from_status = g_strdup (new_id);
            }
        }
      for (guint i = 0; i < config->policies->len; i++)
        {
          LwSlaPolicy *policy = g_ptr_array_index (config->policies, i);

          for (guint j = 0; j < policy->pause_statuses->len; j++)
            if (g_strcmp0 (g_ptr_array_index (policy->pause_statuses, j), old_id) == 0)
              {
                g_free (g_ptr_array_index (policy->pause_statuses, j));
                g_ptr_array_index (policy->pause_statuses, j) = g_strdup (new_id);
              }
        }
    }
}

static GPtrArray *
dup_uses (const LwConfig *config,
          List            list,
          const char     *id)
{
  GPtrArray *uses;

  if (list == LIST_PATHS || id == NULL || *id == '\0')
    return g_ptr_array_new_with_free_func (g_free);

  uses = lw_properties_page_dup_uses (config, list == LIST_STAGES ? "lifecycle_stage" : "lead_status", id);
  for (guint i = 0; i < config->paths->len; i++)
    {
      const LwPath *path = g_ptr_array_index (config->paths, i);

      if (g_strcmp0 (list == LIST_STAGES ? path->to_stage : path->from_status, id) == 0)
        /* translators: %s is a recycle or disqualify path, "Back from nurture" */
        g_ptr_array_add (uses, g_strdup_printf (_("Path “%s”"), lw_editor_display_name (path->label, path->id)));
    }
  if (list == LIST_STAGES && g_strcmp0 (config->scoring.mql_stage, id) == 0)
    g_ptr_array_add (uses, g_strdup (_("The MQL threshold on the Scoring page")));
  for (guint i = 0; list == LIST_STATUSES && i < config->policies->len; i++)
    {
      const LwSlaPolicy *policy = g_ptr_array_index (config->policies, i);

      for (guint j = 0; j < policy->pause_statuses->len; j++)
        if (g_strcmp0 (g_ptr_array_index (policy->pause_statuses, j), id) == 0)
          {
            /* translators: %s is an SLA policy, "Demo requests" */
            g_ptr_array_add (uses, g_strdup_printf (_("Pause statuses of SLA policy “%s”"),
                                                    lw_editor_display_name (policy->label, policy->id)));
            break;
          }
    }
  return uses;
}

static void
id_applied_cb (AdwEntryRow     *entry,
               LwLifecyclePage *self)
{
  g_autoptr(LwConfig) config = lw_workspace_dup_config (self->workspace);
  List list = row_list (entry);
  Named *item = item_at (config, list, row_index (entry));
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autofree char *old_id = NULL;

  if (g_strcmp0 (item->id, text) == 0)
    return;

  old_id = g_steal_pointer (&item->id);
  item->id = g_strdup (text);
  /* References follow a rename from an id of its own to a free one; a
   * clash shows at the row and leaves them where they were. */
  if (*text != '\0' && !_lw_lifecycle_page_id_taken (config_list (config, list), item, text) &&
      !_lw_lifecycle_page_id_taken (config_list (config, list), item, old_id))
    rename_references (config, list, old_id, text);
  _lw_lifecycle_page_apply_from (self, GTK_WIDGET (entry), g_steal_pointer (&config),
                                 _(_lw_lifecycle_page_edits[list].change_id));
}

static void
label_applied_cb (AdwEntryRow     *entry,
                  LwLifecyclePage *self)
{
  g_autoptr(LwConfig) config = lw_workspace_dup_config (self->workspace);
  List list = row_list (entry);
  Named *item = item_at (config, list, row_index (entry));

  g_free (item->label);
  item->label = g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry)));
  _lw_lifecycle_page_apply_from (self, GTK_WIDGET (entry), g_steal_pointer (&config),
                                 _(_lw_lifecycle_page_edits[list].rename));
}

static void
hubspot_applied_cb (AdwEntryRow     *entry,
                    LwLifecyclePage *self)
{
  g_autoptr(LwConfig) config = lw_workspace_dup_config (self->workspace);
  List list = row_list (entry);
  char **value;

  if (list == LIST_STAGES)
    value = &((LwStage *) item_at (config, list, row_index (entry)))->hubspot_value;
  else
    value = &((LwStatus *) item_at (config, list, row_index (entry)))->hubspot_value;
  g_free (*value);
  *value = g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry)));
  _lw_lifecycle_page_apply (self, g_steal_pointer (&config), _(_lw_lifecycle_page_edits[list].change_hubspot), FALSE);
}

static void
move_item (LwLifecyclePage *self,
           GtkWidget       *button,
           int              delta)
{
  g_autoptr(LwConfig) config = lw_workspace_dup_config (self->workspace);
  List list = row_list (button);
  GPtrArray *items = config_list (config, list);
  guint from = row_index (button);
  guint to = from + delta;
  gpointer item;

  if ((delta < 0 && from == 0) || to >= items->len)
    return;
  item = g_ptr_array_steal_index (items, from);
  g_ptr_array_insert (items, to, item);
  /* Keep the focus on the moved item's button, or on the other one once
   * the item reached an end. */
  if (delta < 0)
    _lw_lifecycle_page_refocus_after_rebuild (self, list, to, to > 0 ? "move-up" : "move-down");
  else
    _lw_lifecycle_page_refocus_after_rebuild (self, list, to, to + 1 < items->len ? "move-down" : "move-up");
  _lw_lifecycle_page_apply (self, g_steal_pointer (&config), _(_lw_lifecycle_page_edits[list].move), TRUE);
}

static void
move_up_clicked_cb (GtkButton       *button,
                    LwLifecyclePage *self)
{
  move_item (self, GTK_WIDGET (button), -1);
}

static void
move_down_clicked_cb (GtkButton       *button,
                      LwLifecyclePage *self)
{
  move_item (self, GTK_WIDGET (button), +1);
}

typedef struct
{
  LwLifecyclePage *self;
  List             list;
  char            *id;
} Target;

static void
target_free (gpointer data)
{
  Target *target = data;

  g_object_unref (target->self);
  g_free (target->id);
  g_free (target);
}

static void
remove_item (gpointer data)
{
  Target *target = data;
  LwLifecyclePage *self = target->self;
  g_autoptr(LwConfig) config = NULL;
  int index;

  if (self->workspace == NULL)
    return;
  config = lw_workspace_dup_config (self->workspace);
  index = _lw_lifecycle_page_find_item (config, target->list, target->id);
  if (index < 0)
    return;
  g_ptr_array_remove_index (config_list (config, target->list), index);
  _lw_lifecycle_page_apply (self, g_steal_pointer (&config), _(_lw_lifecycle_page_edits[target->list].remove), TRUE);
}

static void
remove_clicked_cb (GtkButton       *button,
                   LwLifecyclePage *self)
{
  const LwConfig *config = lw_workspace_get_config (self->workspace);
  List list = row_list (button);
  const Named *item = g_ptr_array_index (config_list (config, list), row_index (button));
  g_autoptr(GPtrArray) uses = dup_uses (config, list, item->id);
  g_autofree char *heading = NULL;
  Target *target = g_new0 (Target, 1);

  target->self = g_object_ref (self);
  target->list = list;
  target->id = g_strdup (item->id);
  if (list == LIST_STAGES)
    /* translators: %s is a lifecycle stage, "Lead" */
    heading = g_strdup_printf (_("Remove Stage “%s”?"), lw_editor_display_name (item->label, item->id));
  else
    /* translators: %s is a lead status, "Nurture / bad timing" */
    heading = g_strdup_printf (_("Remove Lead Status “%s”?"), lw_editor_display_name (item->label, item->id));
  lw_properties_page_confirm_removal (GTK_WIDGET (self), heading, uses, remove_item, target, target_free);
}

/* ---- multi-line text rows ------------------------------------------------------------ */

static char *
dup_buffer_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
commit_definition (LwLifecyclePage *self,
                   GtkTextView     *view)
{
  g_autoptr(LwConfig) config = NULL;
  g_autofree char *text = NULL;
  List list = row_list (view);
  char **definition;

  /* A view of rows a rebuild replaced can still lose the focus afterwards. */
  if (self->building || self->workspace == NULL || gtk_widget_get_root (GTK_WIDGET (view)) == NULL ||
      row_index (view) >= config_list (lw_workspace_get_config (self->workspace), list)->len)
    return;

  config = lw_workspace_dup_config (self->workspace);
  text = dup_buffer_text (view);
  if (list == LIST_STAGES)
    definition = &((LwStage *) item_at (config, list, row_index (view)))->definition;
  else
    definition = &((LwStatus *) item_at (config, list, row_index (view)))->definition;
  if (g_strcmp0 (*definition != NULL ? *definition : "", text) == 0)
    return;

  g_free (*definition);
  /* A stage always has a definition; a status's is optional. */
  *definition = list == LIST_STAGES || *text != '\0' ? g_steal_pointer (&text) : NULL;
  gtk_widget_set_visible (g_object_get_data (G_OBJECT (view), "lw-apply"), FALSE);
  _lw_lifecycle_page_apply (self, g_steal_pointer (&config),
                            _(_lw_lifecycle_page_edits[list].change_definition), FALSE);
}

static void
text_changed_cb (GtkTextBuffer *buffer,
                 GtkTextView   *view)
{
  LwLifecyclePage *self = g_object_get_data (G_OBJECT (view), "lw-page");
  const LwConfig *config;
  g_autofree char *text = NULL;
  const char *saved;
  List list = row_list (view);

  if (self->building || self->workspace == NULL)
    return;
  config = lw_workspace_get_config (self->workspace);
  if (row_index (view) >= config_list (config, list)->len)
    return;
  text = dup_buffer_text (view);
  if (list == LIST_STAGES)
    saved = ((LwStage *) g_ptr_array_index (config->stages, row_index (view)))->definition;
  else
    saved = ((LwStatus *) g_ptr_array_index (config->statuses, row_index (view)))->definition;
  gtk_widget_set_visible (g_object_get_data (G_OBJECT (view), "lw-apply"),
                          g_strcmp0 (saved != NULL ? saved : "", text) != 0);
}

static void
text_apply_clicked_cb (GtkButton       *button,
                       LwLifecyclePage *self)
{
  commit_definition (self, g_object_get_data (G_OBJECT (button), "lw-view"));
}

static void
text_leave_cb (GtkEventControllerFocus *controller,
               LwLifecyclePage         *self)
{
  commit_definition (self, GTK_TEXT_VIEW (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller))));
}

static gboolean
text_commit_shortcut_cb (GtkWidget *view,
                         GVariant  *args,
                         gpointer   user_data)
{
  commit_definition (user_data, GTK_TEXT_VIEW (view));
  return TRUE;
}

/* A row with a heading and a wrapping text view; the text is taken with
 * the apply button, Ctrl+Enter or when the focus leaves. */
GtkWidget *
_lw_lifecycle_page_create_text_row (LwLifecyclePage *self,
                                    const char      *title,
                                    const char      *text,
                                    List             list,
                                    guint            index)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *heading = gtk_label_new (title);
  GtkWidget *view = gtk_text_view_new ();
  GtkWidget *apply_button = gtk_button_new_from_icon_name ("object-select-symbolic");
  GtkEventController *focus = gtk_event_controller_focus_new ();
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));

  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "subtitle");

  gtk_text_buffer_set_text (buffer, text != NULL ? text : "", -1);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_widget_set_hexpand (view, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  set_row_data (view, list, index, "definition");
  g_object_set_data (G_OBJECT (view), "lw-page", self);
  g_object_set_data (G_OBJECT (view), "lw-apply", apply_button);
  g_signal_connect_object (buffer, "changed", G_CALLBACK (text_changed_cb), view, 0);
  g_signal_connect (focus, "leave", G_CALLBACK (text_leave_cb), self);
  gtk_widget_add_controller (view, focus);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control>Return"),
                                                          gtk_callback_action_new (text_commit_shortcut_cb, self, NULL)));
  gtk_widget_add_controller (view, shortcuts);

  gtk_widget_set_valign (apply_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (apply_button, "circular");
  gtk_widget_add_css_class (apply_button, "suggested-action");
  gtk_widget_set_tooltip_text (apply_button, _("Apply Definition"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (apply_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Apply Definition"), -1);
  gtk_widget_set_visible (apply_button, FALSE);
  g_object_set_data (G_OBJECT (apply_button), "lw-view", view);
  g_signal_connect (apply_button, "clicked", G_CALLBACK (text_apply_clicked_cb), self);

  gtk_box_append (GTK_BOX (column), heading);
  gtk_box_append (GTK_BOX (column), view);
  gtk_box_append (GTK_BOX (box), column);
  gtk_box_append (GTK_BOX (box), apply_button);
  gtk_widget_add_css_class (row, "lw-text-row");
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  set_row_data (row, list, index, "definition");
  g_object_set_data (G_OBJECT (row), "lw-focus", view);
  return row;
}

GtkWidget *
_lw_lifecycle_page_create_switch_row (const char *title,
                                      const char *subtitle,
                                      gboolean    active,
                                      GCallback   toggled,
                                      gpointer    user_data)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *toggle = gtk_switch_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_switch_set_active (GTK_SWITCH (toggle), active);
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
  g_object_set_data (G_OBJECT (row), "lw-focus", toggle);
  g_signal_connect (toggle, "notify::active", toggled, user_data);
  return row;
}

/* Up, down and remove, packed from the end so they read in that order. */
void
_lw_lifecycle_page_add_item_actions (LwLifecyclePage *self,
                                     AdwExpanderRow  *row,
                                     List             list,
                                     guint            index,
                                     guint            n_items,
                                     const char      *remove_label)
{
  GtkWidget *remove = lw_editor_icon_button ("user-trash-symbolic", remove_label);

  set_row_data (remove, list, index, "remove");
  g_signal_connect (remove, "clicked", G_CALLBACK (remove_clicked_cb), self);
  adw_expander_row_add_action (row, remove);

  if (list != LIST_PATHS)
    {
      GtkWidget *up = lw_editor_icon_button ("go-up-symbolic", _("Move Up"));
      GtkWidget *down = lw_editor_icon_button ("go-down-symbolic", _("Move Down"));

      gtk_widget_set_sensitive (up, index > 0);
      gtk_widget_set_sensitive (down, index + 1 < n_items);
      set_row_data (up, list, index, "move-up");
      set_row_data (down, list, index, "move-down");
      g_signal_connect (up, "clicked", G_CALLBACK (move_up_clicked_cb), self);
      g_signal_connect (down, "clicked", G_CALLBACK (move_down_clicked_cb), self);
      adw_expander_row_add_action (row, down);
      adw_expander_row_add_action (row, up);
    }
}

GtkWidget *
_lw_lifecycle_page_create_number (guint index)
{
  g_autofree char *text = g_strdup_printf ("%u", index + 1);
  GtkWidget *number = gtk_label_new (text);

  gtk_label_set_width_chars (GTK_LABEL (number), 2);
  gtk_widget_add_css_class (number, "numeric");
  gtk_widget_add_css_class (number, "dim-label");
  return number;
}

/* The rows every list shares: id, label. */
void
_lw_lifecycle_page_add_name_rows (LwLifecyclePage *self,
                                  AdwExpanderRow  *row,
                                  List             list,
                                  guint            index,
                                  const Named     *item)
{
  GtkWidget *id = _lw_lifecycle_page_create_entry_row (_("Id"), item->id, G_CALLBACK (id_applied_cb), self);
  GtkWidget *label = _lw_lifecycle_page_create_entry_row (_("Label"), item->label, G_CALLBACK (label_applied_cb), self);

  gtk_widget_add_css_class (id, "monospace");
  set_row_data (id, list, index, "id");
  set_row_data (label, list, index, "label");
  _lw_lifecycle_page_add_mark (self, id, MARK_ENTRY, "%s[%u].id", _lw_lifecycle_page_list_paths[list], index);
  _lw_lifecycle_page_add_mark (self, label, MARK_ENTRY, "%s[%u].label", _lw_lifecycle_page_list_paths[list], index);
  adw_expander_row_add_row (row, id);
  adw_expander_row_add_row (row, label);
}

GtkWidget *
_lw_lifecycle_page_create_hubspot_row (LwLifecyclePage *self,
                                       List             list,
                                       guint            index,
                                       const char      *value)
{
  GtkWidget *row = _lw_lifecycle_page_create_entry_row (_("HubSpot Internal Value"), value,
                                                        G_CALLBACK (hubspot_applied_cb), self);

  gtk_widget_add_css_class (row, "monospace");
  set_row_data (row, list, index, "hubspotValue");
  _lw_lifecycle_page_add_mark (self, row, MARK_ENTRY, "%s[%u].hubspotValue",
                               _lw_lifecycle_page_list_paths[list], index);
  return row;
}
