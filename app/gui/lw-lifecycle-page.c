/* lw-lifecycle-page.c: the lifecycle editor
 *
 * The lifecycle stages in funnel order, each with its definition, HubSpot
 * value, owning role, entry criteria and next step; the lead statuses in
 * the order sales works them; and the recycle and disqualify paths that
 * send a lead back after some time in a status.
 *
 * Every edit takes a copy of the rule set from the workspace, changes it
 * and hands it back. Renaming a stage or status id renames every reference
 * to it (conditions, paths, the MQL stage, SLA pauses). Edits that change
 * what other rows offer rebuild the rows and put the focus back where it
 * was; the others only refresh titles and marks.
 *
 * The edits and rows the three lists share, and the stages, statuses and
 * paths, are in lw-lifecycle-page-*.c beside this file
 * (lw-lifecycle-page-private.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lw-editor-utils.h"
#include "lw-lifecycle-page-private.h"
#include "lw-page.h"
#include "lw-properties-page.h"

static void lw_lifecycle_page_page_init (LwPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LwLifecyclePage, lw_lifecycle_page, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (LW_TYPE_PAGE, lw_lifecycle_page_page_init))

enum {
  PROP_0,
  PROP_WORKSPACE,
  N_PROPS
};

typedef struct
{
  GtkWidget *row;     /* borrowed */
  char      *path;
  MarkKind   kind;
} Mark;

const char * const _lw_lifecycle_page_list_paths[N_LISTS] = {
  "$.lifecycle.stages", "$.lifecycle.statuses", "$.lifecycle.paths",
};

const char * const _lw_lifecycle_page_id_prefixes[N_LISTS] = { "stage", "status", "path" };

/* Undo descriptions, by list. */
const Edits _lw_lifecycle_page_edits[N_LISTS] = {
  { N_("Add stage"), N_("Remove stage"), N_("Move stage"), N_("Rename stage"), N_("Change stage id"),
    N_("Change stage HubSpot value"), N_("Edit stage definition") },
  { N_("Add lead status"), N_("Remove lead status"), N_("Move lead status"), N_("Rename lead status"),
    N_("Change lead status id"), N_("Change lead status HubSpot value"), N_("Edit lead status definition") },
  { N_("Add path"), N_("Remove path"), N_("Move path"), N_("Rename path"), N_("Change path id"), NULL, NULL },
};

static void rebuild (LwLifecyclePage *self);

/* ---- helpers ------------------------------------------------------------------------- */

void
_lw_lifecycle_page_add_mark (LwLifecyclePage *self,
                             GtkWidget       *row,
                             MarkKind         kind,
                             const char      *format,
                             ...)
{
  Mark *mark = g_new0 (Mark, 1);
  va_list args;

  va_start (args, format);
  mark->path = g_strdup_vprintf (format, args);
  va_end (args);
  mark->row = row;
  mark->kind = kind;
  g_ptr_array_add (self->marks, mark);
}

static void
mark_free (Mark *mark)
{
  g_free (mark->path);
  g_free (mark);
}

/* Sets an expander's title and subtitle, leaving a diagnostic shown as its
 * subtitle in place until lw_editor_mark_row() clears it. */
static void
set_expander_text (AdwExpanderRow *row,
                   const char     *title,
                   const char     *subtitle)
{
  g_autofree char *escaped_title = g_markup_escape_text (title, -1);
  g_autofree char *escaped = g_markup_escape_text (subtitle, -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped_title);
  g_object_set_data_full (G_OBJECT (row), "lw-original-subtitle", g_strdup (escaped), g_free);
  if (!g_object_get_data (G_OBJECT (row), "lw-marked-subtitle"))
    adw_expander_row_set_subtitle (row, escaped);
}

char *
_lw_lifecycle_page_unique_id (GPtrArray  *items,
                              const char *prefix)
{
  for (guint n = items->len + 1;; n++)
    {
      g_autofree char *id = g_strdup_printf ("%s-%u", prefix, n);
      gboolean taken = FALSE;

      for (guint i = 0; i < items->len && !taken; i++)
        taken = g_strcmp0 (((Named *) g_ptr_array_index (items, i))->id, id) == 0;
      if (!taken)
        return g_steal_pointer (&id);
    }
}

gboolean
_lw_lifecycle_page_id_taken (GPtrArray  *items,
                             gpointer    except,
                             const char *id)
{
  for (guint i = 0; i < items->len; i++)
    {
      Named *item = g_ptr_array_index (items, i);

      if (item != except && g_strcmp0 (item->id, id) == 0)
        return TRUE;
    }
  return FALSE;
}

int
_lw_lifecycle_page_find_item (const LwConfig *config,
                              List            list,
                              const char     *id)
{
  GPtrArray *items = config_list (config, list);

  for (guint i = 0; i < items->len; i++)
    if (g_strcmp0 (((Named *) g_ptr_array_index (items, i))->id, id) == 0)
      return i;
  return -1;
}

static const char *
stage_name (const LwConfig *config,
            const char     *id)
{
  int index = _lw_lifecycle_page_find_item (config, LIST_STAGES, id);

  if (index < 0)
    return id != NULL ? id : "?";
  return lw_editor_display_name (((LwStage *) g_ptr_array_index (config->stages, index))->label, id);
}

static const char *
status_name (const LwConfig *config,
             const char     *id)
{
  int index = _lw_lifecycle_page_find_item (config, LIST_STATUSES, id);

  if (index < 0)
    return id != NULL ? id : "?";
  return lw_editor_display_name (((LwStatus *) g_ptr_array_index (config->statuses, index))->label, id);
}

GtkWidget *
_lw_lifecycle_page_create_entry_row (const char *title,
                                     const char *text,
                                     GCallback   applied,
                                     gpointer    user_data)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  g_signal_connect (row, "apply", applied, user_data);
  return row;
}

GListModel *
_lw_lifecycle_page_roles_model (void)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  for (LwRole role = 0; role < LW_N_ROLES; role++)
    gtk_string_list_append (list, lw_role_to_label (role));
  return G_LIST_MODEL (list);
}

static void update_marks (LwLifecyclePage *self);

static void
populate (LwLifecyclePage *self,
          AdwExpanderRow  *row)
{
  PopulateFunc func = g_object_get_data (G_OBJECT (row), "lw-populate");
  gboolean building = self->building;

  if (func == NULL || self->workspace == NULL)
    return;

  g_object_set_data (G_OBJECT (row), "lw-populate", NULL);
  self->building = TRUE;
  func (self, row, lw_workspace_get_config (self->workspace), row_index (row));
  self->building = building;
  if (!building)
    update_marks (self);
}

static void
expanded_cb (AdwExpanderRow  *row,
             GParamSpec      *pspec,
             LwLifecyclePage *self)
{
  if (adw_expander_row_get_expanded (row))
    populate (self, row);
}

void
_lw_lifecycle_page_set_populate (LwLifecyclePage *self,
                                 GtkWidget       *row,
                                 PopulateFunc     func)
{
  g_object_set_data (G_OBJECT (row), "lw-populate", func);
  g_signal_connect (row, "notify::expanded", G_CALLBACK (expanded_cb), self);
}

/* ---- descriptions --------------------------------------------------------------------- */

static char *
describe_stage (const LwConfig *config,
                const LwStage  *stage)
{
  const char *owner = lw_role_to_label (stage->owner_role);

  if (stage->entry != NULL && lw_condition_is_always (stage->entry))
    /* translators: %s is a role, "Marketing" */
    return g_strdup_printf (_("Owned by %s. Every lead meets its entry criteria."), owner);
  if (stage->entry != NULL)
    {
      g_autofree char *when = lw_condition_describe (stage->entry, config);

      /* translators: the first %s is a role ("SDR"), the second the entry
       * criteria ("Lead status is Qualified") */
      return g_strdup_printf (_("Owned by %s. Entered when %s."), owner, when);
    }
  if (g_strcmp0 (config->scoring.mql_stage, stage->id) == 0)
    /* translators: %s is a role, "Marketing" */
    return g_strdup_printf (_("Owned by %s. No entry criteria: entered when the score reaches the MQL threshold, or by a path."),
                            owner);
  /* translators: %s is a role, "Marketing" */
  return g_strdup_printf (_("Owned by %s. No entry criteria: entered only by a recycle or disqualify path."),
                          owner);
}

/* Whether it is terminal shows as a badge next to it. */
static char *
describe_status (const LwStatus *status)
{
  if (status->definition != NULL && *status->definition != '\0')
    return g_strdup (status->definition);
  return g_strdup (_("No definition yet."));
}

static char *
describe_path (const LwConfig *config,
               const LwPath   *path)
{
  const char *from = status_name (config, path->from_status);
  const char *to = stage_name (config, path->to_stage);
  const char *owner = lw_role_to_label (path->owner_role);

  if (path->after_days == 0)
    /* translators: a lead status ("Unqualified"), a stage ("Lead") and a
     * role ("Marketing"): "At once from Unqualified → Lead, owned by Marketing" */
    return g_strdup_printf (_("At once from %s → %s, owned by %s"), from, to, owner);
  /* translators: a number of days, a lead status, a stage and a role:
   * "After 90 days in Nurture / bad timing → Lead, owned by Marketing" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "After %u day in %s → %s, owned by %s",
                                       "After %u days in %s → %s, owned by %s", path->after_days),
                          path->after_days, from, to, owner);
}

/* ---- applying edits ------------------------------------------------------------------ */

static void
update_marks (LwLifecyclePage *self)
{
  const LwConfig *config = lw_workspace_get_config (self->workspace);

  for (guint i = 0; i < self->rows[LIST_STAGES]->len && i < config->stages->len; i++)
    {
      const LwStage *stage = g_ptr_array_index (config->stages, i);
      g_autofree char *summary = describe_stage (config, stage);

      set_expander_text (g_ptr_array_index (self->rows[LIST_STAGES], i),
                         lw_editor_display_name (stage->label, stage->id), summary);
    }

  for (guint i = 0; i < self->rows[LIST_STATUSES]->len && i < config->statuses->len; i++)
    {
      const LwStatus *status = g_ptr_array_index (config->statuses, i);
      g_autofree char *summary = describe_status (status);
      GtkWidget *terminal = g_object_get_data (G_OBJECT (g_ptr_array_index (self->rows[LIST_STATUSES], i)),
                                               "lw-terminal-label");

      set_expander_text (g_ptr_array_index (self->rows[LIST_STATUSES], i),
                         lw_editor_display_name (status->label, status->id), summary);
      gtk_widget_set_visible (terminal, status->terminal);
    }

  for (guint i = 0; i < self->rows[LIST_PATHS]->len && i < config->paths->len; i++)
    {
      const LwPath *path = g_ptr_array_index (config->paths, i);
      g_autofree char *summary = describe_path (config, path);
      GtkWidget *row = g_ptr_array_index (self->rows[LIST_PATHS], i);
      GtkWidget *icon = g_object_get_data (G_OBJECT (row), "lw-kind-icon");
      const char *kind = path->kind == LW_PATH_RECYCLE ? _("Recycle") : _("Disqualify");

      set_expander_text (ADW_EXPANDER_ROW (row), lw_editor_display_name (path->label, path->id), summary);
      gtk_image_set_from_icon_name (GTK_IMAGE (icon), path->kind == LW_PATH_RECYCLE ? "view-refresh-symbolic"
                                                                                     : "action-unavailable-symbolic");
      gtk_widget_set_tooltip_text (icon, kind);
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, kind, -1);
    }

  for (guint i = 0; i < self->marks->len; i++)
    {
      Mark *mark = g_ptr_array_index (self->marks, i);

      if (mark->kind == MARK_ENTRY)
        lw_properties_page_mark_entry_row (ADW_ENTRY_ROW (mark->row), self->workspace, mark->path);
      else
        lw_editor_mark_row (ADW_PREFERENCES_ROW (mark->row), self->workspace, mark->path,
                            mark->kind == MARK_ROW_SUBTITLE);
    }
}

/* After the next rebuild, puts the focus on @field of item @index. */
void
_lw_lifecycle_page_refocus_after_rebuild (LwLifecyclePage *self,
                                          List             list,
                                          guint            index,
                                          const char      *field)
{
  self->refocus.set = TRUE;
  self->refocus.list = list;
  self->refocus.index = index;
  self->refocus.field = field;
}

static gboolean
rebuild_idle_cb (gpointer data)
{
  LwLifecyclePage *self = data;

  self->rebuild_id = 0;
  if (self->workspace != NULL)
    rebuild (self);
  return G_SOURCE_REMOVE;
}

/* Rebuilds once the handler that asks for it has returned: the widget
 * whose signal is being emitted must outlive it. Before any further input
 * is handled, so that no click reaches a row of the old layout. */
static void
schedule_rebuild (LwLifecyclePage *self)
{
  if (self->rebuild_id == 0)
    self->rebuild_id = g_idle_add_full (G_PRIORITY_HIGH, rebuild_idle_cb, g_object_ref (self), g_object_unref);
}

/* Hands @config to the workspace. Structural edits rebuild the rows; the
 * others only refresh titles and marks, so the row being edited keeps its
 * focus. */
void
_lw_lifecycle_page_apply (LwLifecyclePage *self,
                          LwConfig        *config,
                          const char      *description,
                          gboolean         structural)
{
  self->applying = TRUE;
  lw_workspace_apply (self->workspace, config, description);
  self->applying = FALSE;

  if (structural)
    schedule_rebuild (self);
  else
    update_marks (self);
}

/* Item edits other rows depend on (ids and labels of stages and statuses
 * appear in conditions and in the paths' lists) rebuild, keeping the focus
 * on the row that was edited. */
void
_lw_lifecycle_page_apply_from (LwLifecyclePage *self,
                               GtkWidget       *widget,
                               LwConfig        *config,
                               const char      *description)
{
  List list = row_list (widget);
  gboolean structural = list != LIST_PATHS;

  if (structural)
    _lw_lifecycle_page_refocus_after_rebuild (self, list, row_index (widget), row_field (widget));
  _lw_lifecycle_page_apply (self, config, description, structural);
}

/* ---- building ------------------------------------------------------------------------ */

static GtkWidget *
find_field_widget_in (GtkWidget  *widget,
                      const char *field)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (g_strcmp0 (row_field (child), field) == 0)
        return child;
      found = find_field_widget_in (child, field);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The widget of @row to focus for @field ("fromStatus", "move-up"), or
 * NULL. */
static GtkWidget *
find_field_widget (GtkWidget  *row,
                   const char *field)
{
  GtkWidget *found = field != NULL ? find_field_widget_in (row, field) : NULL;
  GtkWidget *focus = found != NULL ? g_object_get_data (G_OBJECT (found), "lw-focus") : NULL;

  return focus != NULL ? focus : found;
}

static void
clear_rows (AdwPreferencesGroup *group,
            GPtrArray           *rows)
{
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, g_ptr_array_index (rows, i));
  g_ptr_array_set_size (rows, 0);
}

static void
rebuild_list (LwLifecyclePage     *self,
              const LwConfig      *config,
              List                 list,
              AdwPreferencesGroup *group)
{
  GPtrArray *rows = self->rows[list];
  GPtrArray *items = config_list (config, list);
  g_autoptr(GArray) expanded = g_array_new (FALSE, TRUE, sizeof (gboolean));

  for (guint i = 0; i < rows->len; i++)
    {
      gboolean open = adw_expander_row_get_expanded (g_ptr_array_index (rows, i));

      g_array_append_val (expanded, open);
    }
  clear_rows (group, rows);

  for (guint i = 0; i < items->len; i++)
    {
      GtkWidget *row;

      switch (list)
        {
        case LIST_STAGES:
          row = _lw_lifecycle_page_create_stage_row (self, config, i);
          break;
        case LIST_STATUSES:
          row = _lw_lifecycle_page_create_status_row (self, config, i);
          break;
        case LIST_PATHS:
          row = _lw_lifecycle_page_create_path_row (self, config, i);
          break;
        case N_LISTS:
        default:
          g_assert_not_reached ();
        }

      if (i < expanded->len && g_array_index (expanded, gboolean, i))
        adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
      adw_preferences_group_add (group, row);
      g_ptr_array_add (rows, row);
    }
}

static void
rebuild (LwLifecyclePage *self)
{
  const LwConfig *config = lw_workspace_get_config (self->workspace);

  self->building = TRUE;

  g_ptr_array_set_size (self->marks, 0);
  rebuild_list (self, config, LIST_STAGES, self->stages_group);
  rebuild_list (self, config, LIST_STATUSES, self->statuses_group);
  rebuild_list (self, config, LIST_PATHS, self->paths_group);

  self->building = FALSE;

  update_marks (self);

  if (self->refocus.set && self->refocus.index < self->rows[self->refocus.list]->len)
    {
      GtkWidget *row = g_ptr_array_index (self->rows[self->refocus.list], self->refocus.index);
      GtkWidget *target = find_field_widget (row, self->refocus.field);

      /* Rows inside the expander need it open (and made). */
      if (target == NULL || gtk_widget_get_ancestor (target, GTK_TYPE_REVEALER) != NULL)
        {
          adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
          target = find_field_widget (row, self->refocus.field);
        }
      lw_properties_page_focus_revealed (target != NULL ? target : row);
    }
  self->refocus.set = FALSE;
}

/* ---- LwPage -------------------------------------------------------------------------- */

static void
lw_lifecycle_page_reveal (LwPage     *page,
                          const char *path)
{
  LwLifecyclePage *self = LW_LIFECYCLE_PAGE (page);

  for (List list = 0; list < N_LISTS; list++)
    {
      int index = lw_editor_path_index (path, _lw_lifecycle_page_list_paths[list]);
      const char *rest;
      GtkWidget *row;
      GtkWidget *field = NULL;

      if (index < 0 || (guint) index >= self->rows[list]->len)
        continue;

      row = g_ptr_array_index (self->rows[list], index);
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
      rest = strchr (path + strlen (_lw_lifecycle_page_list_paths[list]), ']') + 1;
      if (rest[0] == '.')
        {
          g_autofree char *name = g_strndup (rest + 1, strcspn (rest + 1, ".["));

          field = find_field_widget (row, name);
        }
      lw_properties_page_focus_revealed (field != NULL ? field : row);
      return;
    }
}

static void
lw_lifecycle_page_page_init (LwPageInterface *iface)
{
  iface->reveal = lw_lifecycle_page_reveal;
}

/* ---- GObject ------------------------------------------------------------------------- */

static void
workspace_changed_cb (LwLifecyclePage *self)
{
  if (self->applying)
    return;
  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  self->refocus.set = FALSE;
  rebuild (self);
}

static void
lw_lifecycle_page_constructed (GObject *object)
{
  LwLifecyclePage *self = LW_LIFECYCLE_PAGE (object);

  G_OBJECT_CLASS (lw_lifecycle_page_parent_class)->constructed (object);

  g_signal_connect_object (self->workspace, "changed", G_CALLBACK (workspace_changed_cb), self,
                           G_CONNECT_SWAPPED);
  rebuild (self);
}

static void
lw_lifecycle_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  LwLifecyclePage *self = LW_LIFECYCLE_PAGE (object);

  switch (prop_id)
    {
    case PROP_WORKSPACE:
      g_set_object (&self->workspace, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lw_lifecycle_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  LwLifecyclePage *self = LW_LIFECYCLE_PAGE (object);

  switch (prop_id)
    {
    case PROP_WORKSPACE:
      g_value_set_object (value, self->workspace);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lw_lifecycle_page_dispose (GObject *object)
{
  LwLifecyclePage *self = LW_LIFECYCLE_PAGE (object);

  /* Text rows committing on focus-out while they go away find no workspace. */
  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  g_clear_object (&self->workspace);
  gtk_widget_dispose_template (GTK_WIDGET (self), LW_TYPE_LIFECYCLE_PAGE);
  for (List list = 0; list < N_LISTS; list++)
    g_clear_pointer (&self->rows[list], g_ptr_array_unref);
  g_clear_pointer (&self->marks, g_ptr_array_unref);

  G_OBJECT_CLASS (lw_lifecycle_page_parent_class)->dispose (object);
}

static void
lw_lifecycle_page_class_init (LwLifecyclePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = lw_lifecycle_page_constructed;
  object_class->dispose = lw_lifecycle_page_dispose;
  object_class->set_property = lw_lifecycle_page_set_property;
  object_class->get_property = lw_lifecycle_page_get_property;

  g_object_class_override_property (object_class, PROP_WORKSPACE, "workspace");

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/leadwright/Leadwright/lw-lifecycle-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LwLifecyclePage, preferences_page);
  gtk_widget_class_bind_template_child (widget_class, LwLifecyclePage, stages_group);
  gtk_widget_class_bind_template_child (widget_class, LwLifecyclePage, statuses_group);
  gtk_widget_class_bind_template_child (widget_class, LwLifecyclePage, paths_group);

  gtk_widget_class_install_action (widget_class, "lifecycle.add-stage", NULL, _lw_lifecycle_page_add_stage_action);
  gtk_widget_class_install_action (widget_class, "lifecycle.add-status", NULL, _lw_lifecycle_page_add_status_action);
  gtk_widget_class_install_action (widget_class, "lifecycle.add-path", NULL, _lw_lifecycle_page_add_path_action);
}

static void
lw_lifecycle_page_init (LwLifecyclePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  for (List list = 0; list < N_LISTS; list++)
    self->rows[list] = g_ptr_array_new ();
  self->marks = g_ptr_array_new_with_free_func ((GDestroyNotify) mark_free);
}

GtkWidget *
lw_lifecycle_page_new (LwWorkspace *workspace)
{
  g_return_val_if_fail (LW_IS_WORKSPACE (workspace), NULL);

  return g_object_new (LW_TYPE_LIFECYCLE_PAGE, "workspace", workspace, NULL);
}
