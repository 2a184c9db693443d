/* lw-lifecycle-page-stages.c: the stages
 *
 * Part of LwLifecyclePage (lw-lifecycle-page-private.h): a stage's row
 * (id, label, HubSpot value, definition, owning role, entry criteria, next
 * step) and the edits made in it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "lw-condition-editor.h"
#include "lw-lifecycle-page-private.h"

/* ---- stages -------------------------------------------------------------------------- */

static void
stage_owner_selected_cb (AdwComboRow     *combo,
                         GParamSpec      *pspec,
                         LwLifecyclePage *self)
{
  g_autoptr(LwConfig) config = NULL;
  LwStage *stage;
  guint selected = adw_combo_row_get_selected (combo);

  if (self->building || selected >= LW_N_ROLES)
    return;

  config = lw_workspace_dup_config (self->workspace);
  stage = stage_at (config, row_index (combo));
  if (stage->owner_role == (LwRole) selected)
    return;
  stage->owner_role = selected;
  _lw_lifecycle_page_apply (self, g_steal_pointer (&config), _("Change stage owner"), FALSE);
}

static void
entry_condition_changed_cb (LwConditionEditor *editor,
                            LwLifecyclePage   *self)
{
  g_autoptr(LwConfig) config = lw_workspace_dup_config (self->workspace);
  LwStage *stage = stage_at (config, row_index (editor));

  g_clear_pointer (&stage->entry, lw_condition_free);
  stage->entry = lw_condition_editor_dup_condition (editor);
  _lw_lifecycle_page_apply (self, g_steal_pointer (&config), _("Edit entry criteria"), FALSE);
}

static void
has_entry_toggled_cb (GtkSwitch       *toggle,
                      GParamSpec      *pspec,
                      LwLifecyclePage *self)
{
  g_autoptr(LwConfig) config = NULL;
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (toggle), ADW_TYPE_ACTION_ROW);
  GtkWidget *editor_row = g_object_get_data (G_OBJECT (row), "lw-editor-row");
  GtkWidget *editor = g_object_get_data (G_OBJECT (row), "lw-editor");
  gboolean active = gtk_switch_get_active (toggle);
  LwStage *stage;

  if (self->building)
    return;

  config = lw_workspace_dup_config (self->workspace);
  stage = stage_at (config, row_index (row));
  if ((stage->entry != NULL) == active)
    return;

  if (active)
    stage->entry = lw_condition_new ();
  else
    g_clear_pointer (&stage->entry, lw_condition_free);
  lw_condition_editor_set_condition (LW_CONDITION_EDITOR (editor), stage->entry);
  gtk_widget_set_visible (editor_row, active);
  _lw_lifecycle_page_apply (self, g_steal_pointer (&config),
                            active ? _("Add entry criteria") : _("Remove entry criteria"), FALSE);
}

static void
next_step_applied_cb (AdwEntryRow     *entry,
                      LwLifecyclePage *self)
{
  g_autoptr(LwConfig) config = lw_workspace_dup_config (self->workspace);
  LwStage *stage = stage_at (config, row_index (entry));

  g_free (stage->next_step);
  stage->next_step = g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry)));
  _lw_lifecycle_page_apply (self, g_steal_pointer (&config), _("Edit next step"), FALSE);
}

void
_lw_lifecycle_page_add_stage_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *parameter)
{
  LwLifecyclePage *self = LW_LIFECYCLE_PAGE (widget);
  g_autoptr(LwConfig) config = lw_workspace_dup_config (self->workspace);
  g_autofree char *id = _lw_lifecycle_page_unique_id (config->stages, _lw_lifecycle_page_id_prefixes[LIST_STAGES]);

  g_ptr_array_add (config->stages, lw_stage_new (id, _("New stage")));
  _lw_lifecycle_page_refocus_after_rebuild (self, LIST_STAGES, config->stages->len - 1, "label");
  _lw_lifecycle_page_apply (self, g_steal_pointer (&config), _(_lw_lifecycle_page_edits[LIST_STAGES].add), TRUE);
}

static void
populate_stage_row (LwLifecyclePage *self,
                    AdwExpanderRow  *row,
                    const LwConfig  *config,
                    guint            index)
{
  const LwStage *stage = g_ptr_array_index (config->stages, index);
  GtkWidget *owner = adw_combo_row_new ();
  g_autoptr(GListModel) roles = _lw_lifecycle_page_roles_model ();
  GtkWidget *has_entry;
  GtkWidget *editor_row = gtk_list_box_row_new ();
  GtkWidget *editor_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *editor_heading = gtk_label_new (_("Enters When"));
  GtkWidget *editor = lw_condition_editor_new ();
  GtkWidget *next_step = _lw_lifecycle_page_create_entry_row (_("Next Step"), stage->next_step,
                                                              G_CALLBACK (next_step_applied_cb), self);

  _lw_lifecycle_page_add_name_rows (self, row, LIST_STAGES, index, (const Named *) stage);
  adw_expander_row_add_row (row, _lw_lifecycle_page_create_hubspot_row (self, LIST_STAGES, index,
                                                                        stage->hubspot_value));
  adw_expander_row_add_row (row,
                            _lw_lifecycle_page_create_text_row (self, _("Definition"), stage->definition,
                                                                LIST_STAGES, index));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (owner), _("Owning Role"));
  adw_combo_row_set_model (ADW_COMBO_ROW (owner), roles);
  adw_combo_row_set_selected (ADW_COMBO_ROW (owner), stage->owner_role);
  set_row_data (owner, LIST_STAGES, index, "owner");
  g_signal_connect (owner, "notify::selected", G_CALLBACK (stage_owner_selected_cb), self);
  adw_expander_row_add_row (row, owner);

  /* Entry criteria: a switch, and the condition builder while it is on. */
  has_entry = _lw_lifecycle_page_create_switch_row (_("Has Entry Criteria"),
                                                    _("Without criteria, a lead enters this stage only by a recycle or "
                                                      "disqualify path, or by the MQL threshold."),
                                                    stage->entry != NULL, G_CALLBACK (has_entry_toggled_cb), self);
  set_row_data (has_entry, LIST_STAGES, index, "hasEntry");
  g_object_set_data (G_OBJECT (has_entry), "lw-editor-row", editor_row);
  g_object_set_data (G_OBJECT (has_entry), "lw-editor", editor);
  adw_expander_row_add_row (row, has_entry);

  gtk_label_set_xalign (GTK_LABEL (editor_heading), 0);
  gtk_widget_add_css_class (editor_heading, "heading");
  lw_condition_editor_set_config (LW_CONDITION_EDITOR (editor), (LwConfig *) config);
  lw_condition_editor_set_condition (LW_CONDITION_EDITOR (editor), stage->entry);
  set_row_data (editor, LIST_STAGES, index, NULL);
  g_signal_connect (editor, "changed", G_CALLBACK (entry_condition_changed_cb), self);
  gtk_box_append (GTK_BOX (editor_box), editor_heading);
  gtk_box_append (GTK_BOX (editor_box), editor);
  gtk_widget_set_margin_start (editor_box, 12);
  gtk_widget_set_margin_end (editor_box, 12);
  gtk_widget_set_margin_top (editor_box, 12);
  gtk_widget_set_margin_bottom (editor_box, 12);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (editor_row), editor_box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (editor_row), FALSE);
  gtk_widget_set_visible (editor_row, stage->entry != NULL);
  set_row_data (editor_row, LIST_STAGES, index, "when");
  adw_expander_row_add_row (row, editor_row);

  set_row_data (next_step, LIST_STAGES, index, "nextStep");
  _lw_lifecycle_page_add_mark (self, next_step, MARK_ENTRY, "$.lifecycle.stages[%u].nextStep", index);
  adw_expander_row_add_row (row, next_step);
}

GtkWidget *
_lw_lifecycle_page_create_stage_row (LwLifecyclePage *self,
                                     const LwConfig  *config,
                                     guint            index)
{
  GtkWidget *row = adw_expander_row_new ();

  adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row), _lw_lifecycle_page_create_number (index));
  _lw_lifecycle_page_add_item_actions (self, ADW_EXPANDER_ROW (row), LIST_STAGES, index, config->stages->len,
                                       _("Remove Stage"));
  set_row_data (row, LIST_STAGES, index, NULL);
  _lw_lifecycle_page_set_populate (self, row, populate_stage_row);
  _lw_lifecycle_page_add_mark (self, row, MARK_ROW_SUBTITLE, "$.lifecycle.stages[%u]", index);
  return row;
}
