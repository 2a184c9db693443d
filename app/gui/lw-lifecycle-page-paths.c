/* lw-lifecycle-page-paths.c: the recycle and disqualify paths
 *
 * Part of LwLifecyclePage (lw-lifecycle-page-private.h): a path's row (id,
 * label, kind, from lead status, days in it, back to stage, owner) and the
 * edits made in it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "lw-editor-utils.h"
#include "lw-lifecycle-page-private.h"

/* ---- paths --------------------------------------------------------------------------- */

static LwPath *
path_at (LwConfig *config,
         guint     index)
{
  return item_at (config, LIST_PATHS, index);
}

static void
path_kind_selected_cb (AdwComboRow     *combo,
                       GParamSpec      *pspec,
                       LwLifecyclePage *self)
{
  g_autoptr(LwConfig) config = NULL;
  LwPath *path;
  guint selected = adw_combo_row_get_selected (combo);

  if (self->building || selected > LW_PATH_DISQUALIFY)
    return;

  config = lw_workspace_dup_config (self->workspace);
  path = path_at (config, row_index (combo));
  if (path->kind == (LwPathKind) selected)
    return;
  path->kind = selected;
  _lw_lifecycle_page_apply (self, g_steal_pointer (&config), _("Change path kind"), FALSE);
}

/* Sets the path's status (@list LIST_STATUSES) or stage (LIST_STAGES) to
 * the one chosen in @combo. */
static void
set_path_reference (LwLifecyclePage *self,
                    AdwComboRow     *combo,
                    List             list,
                    const char      *description)
{
  g_autoptr(LwConfig) config = NULL;
  LwPath *path;
  guint selected = adw_combo_row_get_selected (combo);
  char **field;
  const char *id;

  if (self->building || selected == GTK_INVALID_LIST_POSITION)
    return;

  config = lw_workspace_dup_config (self->workspace);
  if (selected >= config_list (config, list)->len)
    return;
  path = path_at (config, row_index (combo));
  if (list == LIST_STAGES)
    {
      field = &path->to_stage;
      id = stage_at (config, selected)->id;
    }
  else
    {
      field = &path->from_status;
      id = ((LwStatus *) item_at (config, LIST_STATUSES, selected))->id;
    }
  g_free (*field);
  *field = g_strdup (id);
  _lw_lifecycle_page_apply (self, g_steal_pointer (&config), description, FALSE);
}

static void
path_status_selected_cb (AdwComboRow     *combo,
                         GParamSpec      *pspec,
                         LwLifecyclePage *self)
{
  set_path_reference (self, combo, LIST_STATUSES, _("Change path status"));
}

static void
path_stage_selected_cb (AdwComboRow     *combo,
                        GParamSpec      *pspec,
                        LwLifecyclePage *self)
{
  set_path_reference (self, combo, LIST_STAGES, _("Change path stage"));
}

static void
path_owner_selected_cb (AdwComboRow     *combo,
                        GParamSpec      *pspec,
                        LwLifecyclePage *self)
{
  g_autoptr(LwConfig) config = NULL;
  LwPath *path;
  guint selected = adw_combo_row_get_selected (combo);

  if (self->building || selected >= LW_N_ROLES)
    return;

  config = lw_workspace_dup_config (self->workspace);
  path = path_at (config, row_index (combo));
  if (path->owner_role == (LwRole) selected)
    return;
  path->owner_role = selected;
  _lw_lifecycle_page_apply (self, g_steal_pointer (&config), _("Change path owner"), FALSE);
}

static void
path_days_changed_cb (GtkSpinButton   *spin,
                      LwLifecyclePage *self)
{
  g_autoptr(LwConfig) config = NULL;
  LwPath *path;
  guint days = (guint) gtk_spin_button_get_value_as_int (spin);

  if (self->building)
    return;

  config = lw_workspace_dup_config (self->workspace);
  path = path_at (config, row_index (spin));
  if (path->after_days == days)
    return;
  path->after_days = days;
  _lw_lifecycle_page_apply (self, g_steal_pointer (&config), _("Change path delay"), FALSE);
}

void
_lw_lifecycle_page_add_path_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *parameter)
{
  LwLifecyclePage *self = LW_LIFECYCLE_PAGE (widget);
  g_autoptr(LwConfig) config = lw_workspace_dup_config (self->workspace);
  g_autofree char *id = _lw_lifecycle_page_unique_id (config->paths, _lw_lifecycle_page_id_prefixes[LIST_PATHS]);
  LwPath *path = lw_path_new (id, LW_PATH_RECYCLE);

  g_free (path->label);
  path->label = g_strdup (_("New path"));
  path->after_days = 30;
  if (config->statuses->len > 0)
    path->from_status = g_strdup (((LwStatus *) g_ptr_array_index (config->statuses, config->statuses->len - 1))->id);
  if (config->stages->len > 0)
    path->to_stage = g_strdup (stage_at (config, 0)->id);
  g_ptr_array_add (config->paths, path);
  _lw_lifecycle_page_refocus_after_rebuild (self, LIST_PATHS, config->paths->len - 1, "label");
  _lw_lifecycle_page_apply (self, g_steal_pointer (&config), _(_lw_lifecycle_page_edits[LIST_PATHS].add), TRUE);
}

static GtkWidget *
create_combo_row (const char *title,
                  GListModel *model,
                  guint       selected,
                  GCallback   changed,
                  gpointer    user_data)
{
  GtkWidget *row = adw_combo_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), model);
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
  g_signal_connect (row, "notify::selected", changed, user_data);
  return row;
}

static void
populate_path_row (LwLifecyclePage *self,
                   AdwExpanderRow  *row,
                   const LwConfig  *config,
                   guint            index)
{
  const LwPath *path = g_ptr_array_index (config->paths, index);
  g_autoptr(GtkStringList) kinds = gtk_string_list_new ((const char *[]) { _("Recycle"), _("Disqualify"), NULL });
  g_autoptr(GListModel) statuses = lw_editor_statuses_model (config);
  g_autoptr(GListModel) stages = lw_editor_stages_model (config);
  g_autoptr(GListModel) roles = _lw_lifecycle_page_roles_model ();
  int from = _lw_lifecycle_page_find_item (config, LIST_STATUSES, path->from_status);
  int to = _lw_lifecycle_page_find_item (config, LIST_STAGES, path->to_stage);
  GtkWidget *kind, *status, *days, *spin, *stage, *owner;

  _lw_lifecycle_page_add_name_rows (self, row, LIST_PATHS, index, (const Named *) path);

  kind = create_combo_row (_("Kind"), G_LIST_MODEL (kinds), path->kind, G_CALLBACK (path_kind_selected_cb), self);
  set_row_data (kind, LIST_PATHS, index, "kind");
  adw_expander_row_add_row (row, kind);

  status = create_combo_row (_("From Lead Status"), statuses, from >= 0 ? (guint) from : GTK_INVALID_LIST_POSITION,
                             G_CALLBACK (path_status_selected_cb), self);
  set_row_data (status, LIST_PATHS, index, "fromStatus");
  _lw_lifecycle_page_add_mark (self, status, MARK_ROW, "$.lifecycle.paths[%u].fromStatus", index);
  adw_expander_row_add_row (row, status);

  days = adw_action_row_new ();
  spin = gtk_spin_button_new_with_range (0, 3650, 1);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (days), _("Days in That Status"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (days), _("How long a lead stays in the status before the path applies; 0 applies it at once."));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), path->after_days);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Days in that status"), -1);
  set_row_data (spin, LIST_PATHS, index, NULL);
  g_signal_connect (spin, "value-changed", G_CALLBACK (path_days_changed_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (days), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (days), spin);
  set_row_data (days, LIST_PATHS, index, "afterDays");
  g_object_set_data (G_OBJECT (days), "lw-focus", spin);
  _lw_lifecycle_page_add_mark (self, days, MARK_ROW, "$.lifecycle.paths[%u].afterDays", index);
  adw_expander_row_add_row (row, days);

  stage = create_combo_row (_("Back to Stage"), stages, to >= 0 ? (guint) to : GTK_INVALID_LIST_POSITION,
                            G_CALLBACK (path_stage_selected_cb), self);
  set_row_data (stage, LIST_PATHS, index, "toStage");
  _lw_lifecycle_page_add_mark (self, stage, MARK_ROW, "$.lifecycle.paths[%u].toStage", index);
  adw_expander_row_add_row (row, stage);

  owner = create_combo_row (_("Owned By"), roles, path->owner_role, G_CALLBACK (path_owner_selected_cb), self);
  set_row_data (owner, LIST_PATHS, index, "owner");
  adw_expander_row_add_row (row, owner);

}

GtkWidget *
_lw_lifecycle_page_create_path_row (LwLifecyclePage *self,
                                    const LwConfig  *config,
                                    guint            index)
{
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *icon = gtk_image_new ();

  adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row), icon);
  g_object_set_data (G_OBJECT (row), "lw-kind-icon", icon);
  _lw_lifecycle_page_add_item_actions (self, ADW_EXPANDER_ROW (row), LIST_PATHS, index, config->paths->len,
                                       _("Remove Path"));
  set_row_data (row, LIST_PATHS, index, NULL);
  _lw_lifecycle_page_set_populate (self, row, populate_path_row);
  _lw_lifecycle_page_add_mark (self, row, MARK_ROW_SUBTITLE, "$.lifecycle.paths[%u]", index);
  return row;
}
