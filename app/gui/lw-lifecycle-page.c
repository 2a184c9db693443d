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
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lw-condition-editor.h"
#include "lw-editor-utils.h"
#include "lw-lifecycle-page.h"
#include "lw-page.h"
#include "lw-properties-page.h"

typedef enum
{
  LIST_STAGES,
  LIST_STATUSES,
  LIST_PATHS,
  N_LISTS
} List;

/* Where the focus goes back to after a rebuild. */
typedef struct
{
  gboolean    set;
  List        list;
  guint       index;
  const char *field;
} Refocus;

struct _LwLifecyclePage
{
  GtkWidget             parent_instance;

  /* template widgets */
  AdwPreferencesPage   *preferences_page;
  AdwPreferencesGroup  *stages_group;
  AdwPreferencesGroup  *statuses_group;
  AdwPreferencesGroup  *paths_group;

  /* owned */
  LwWorkspace          *workspace;
  GPtrArray            *rows[N_LISTS];  /* AdwExpanderRow, borrowed from the groups */
  GPtrArray            *marks;          /* Mark */
  Refocus               refocus;
  guint                 rebuild_id;
  gboolean              applying;
  gboolean              building;
};

static void lw_lifecycle_page_page_init (LwPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LwLifecyclePage, lw_lifecycle_page, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (LW_TYPE_PAGE, lw_lifecycle_page_page_init))

enum {
  PROP_0,
  PROP_WORKSPACE,
  N_PROPS
};

typedef enum
{
  MARK_ROW,           /* an action row: icon and tooltip */
  MARK_ROW_SUBTITLE,  /* also the first message as subtitle */
  MARK_ENTRY,         /* an entry row */
} MarkKind;

typedef struct
{
  GtkWidget *row;     /* borrowed */
  char      *path;
  MarkKind   kind;
} Mark;

/* Stages, statuses and paths all start with an id and a label. */
typedef struct
{
  char *id;
  char *label;
} Named;

static const char * const list_paths[N_LISTS] = {
  "$.lifecycle.stages", "$.lifecycle.statuses", "$.lifecycle.paths",
};

static const char * const id_prefixes[N_LISTS] = { "stage", "status", "path" };

/* Undo descriptions, by list. */
static const struct
{
  const char *add;
  const char *remove;
  const char *move;
  const char *rename;
  const char *change_id;
  const char *change_hubspot;
  const char *change_definition;
} edits[N_LISTS] = {
  { N_("Add stage"), N_("Remove stage"), N_("Move stage"), N_("Rename stage"), N_("Change stage id"),
    N_("Change stage HubSpot value"), N_("Edit stage definition") },
  { N_("Add lead status"), N_("Remove lead status"), N_("Move lead status"), N_("Rename lead status"),
    N_("Change lead status id"), N_("Change lead status HubSpot value"), N_("Edit lead status definition") },
  { N_("Add path"), N_("Remove path"), N_("Move path"), N_("Rename path"), N_("Change path id"), NULL, NULL },
};

static void rebuild (LwLifecyclePage *self);

/* ---- helpers ------------------------------------------------------------------------- */

static const char *
display_name (const char *label,
              const char *id)
{
  if (label != NULL && *label != '\0')
    return label;
  if (id != NULL && *id != '\0')
    return id;
  return _("Untitled");
}

static GPtrArray *
config_list (const LwConfig *config,
             List            list)
{
  switch (list)
    {
    case LIST_STAGES:   return config->stages;
    case LIST_STATUSES: return config->statuses;
    case LIST_PATHS:    return config->paths;
    case N_LISTS:
    default:            g_assert_not_reached ();
    }
}

static void
set_row_data (GtkWidget  *widget,
              List        list,
              guint       index,
              const char *field)
{
  g_object_set_data (G_OBJECT (widget), "lw-list", GUINT_TO_POINTER (list));
  g_object_set_data (G_OBJECT (widget), "lw-index", GUINT_TO_POINTER (index));
  if (field != NULL)
    g_object_set_data (G_OBJECT (widget), "lw-field", (gpointer) field);
}

static List
row_list (gpointer widget)
{
  return GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (widget), "lw-list"));
}

static guint
row_index (gpointer widget)
{
  return GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (widget), "lw-index"));
}

static const char *
row_field (gpointer widget)
{
  return g_object_get_data (G_OBJECT (widget), "lw-field");
}

static gpointer
item_at (LwConfig *config,
         List      list,
         guint     index)
{
  GPtrArray *items = config_list (config, list);

  g_return_val_if_fail (index < items->len, NULL);
  return g_ptr_array_index (items, index);
}

static void
add_mark (LwLifecyclePage *self,
          GtkWidget       *row,
          MarkKind         kind,
          const char      *format,
          ...) G_GNUC_PRINTF (4, 5);

static void
add_mark (LwLifecyclePage *self,
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

static char *
unique_id (GPtrArray  *items,
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

static gboolean
id_taken (GPtrArray  *items,
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

static int
find_item (const LwConfig *config,
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
  int index = find_item (config, LIST_STAGES, id);

  if (index < 0)
    return id != NULL ? id : "?";
  return display_name (((LwStage *) g_ptr_array_index (config->stages, index))->label, id);
}

static const char *
status_name (const LwConfig *config,
             const char     *id)
{
  int index = find_item (config, LIST_STATUSES, id);

  if (index < 0)
    return id != NULL ? id : "?";
  return display_name (((LwStatus *) g_ptr_array_index (config->statuses, index))->label, id);
}

static GtkWidget *
create_entry_row (const char *title,
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

static GListModel *
roles_model (void)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  for (LwRole role = 0; role < LW_N_ROLES; role++)
    gtk_string_list_append (list, lw_role_to_label (role));
  return G_LIST_MODEL (list);
}

/* An expander's rows are made when it first opens: the condition builders
 * of closed stages then cost nothing. */
typedef void (*PopulateFunc) (LwLifecyclePage *self,
                              AdwExpanderRow  *row,
                              const LwConfig  *config,
                              guint            index);

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

static void
set_populate (LwLifecyclePage *self,
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
                         display_name (stage->label, stage->id), summary);
    }

  for (guint i = 0; i < self->rows[LIST_STATUSES]->len && i < config->statuses->len; i++)
    {
      const LwStatus *status = g_ptr_array_index (config->statuses, i);
      g_autofree char *summary = describe_status (status);
      GtkWidget *terminal = g_object_get_data (G_OBJECT (g_ptr_array_index (self->rows[LIST_STATUSES], i)),
                                               "lw-terminal-label");

      set_expander_text (g_ptr_array_index (self->rows[LIST_STATUSES], i),
                         display_name (status->label, status->id), summary);
      gtk_widget_set_visible (terminal, status->terminal);
    }

  for (guint i = 0; i < self->rows[LIST_PATHS]->len && i < config->paths->len; i++)
    {
      const LwPath *path = g_ptr_array_index (config->paths, i);
      g_autofree char *summary = describe_path (config, path);
      GtkWidget *row = g_ptr_array_index (self->rows[LIST_PATHS], i);
      GtkWidget *icon = g_object_get_data (G_OBJECT (row), "lw-kind-icon");
      const char *kind = path->kind == LW_PATH_RECYCLE ? _("Recycle") : _("Disqualify");

      set_expander_text (ADW_EXPANDER_ROW (row), display_name (path->label, path->id), summary);
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
static void
refocus_after_rebuild (LwLifecyclePage *self,
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
static void
apply (LwLifecyclePage *self,
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
static void
apply_from (LwLifecyclePage *self,
            GtkWidget       *widget,
            LwConfig        *config,
            const char      *description)
{
  List list = row_list (widget);
  gboolean structural = list != LIST_PATHS;

  if (structural)
    refocus_after_rebuild (self, list, row_index (widget), row_field (widget));
  apply (self, config, description, structural);
}

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
        g_ptr_array_add (uses, g_strdup_printf (_("Path “%s”"), display_name (path->label, path->id)));
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
                                                    display_name (policy->label, policy->id)));
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
  if (*text != '\0' && !id_taken (config_list (config, list), item, text) &&
      !id_taken (config_list (config, list), item, old_id))
    rename_references (config, list, old_id, text);
  apply_from (self, GTK_WIDGET (entry), g_steal_pointer (&config), _(edits[list].change_id));
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
  apply_from (self, GTK_WIDGET (entry), g_steal_pointer (&config), _(edits[list].rename));
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
  apply (self, g_steal_pointer (&config), _(edits[list].change_hubspot), FALSE);
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
    refocus_after_rebuild (self, list, to, to > 0 ? "move-up" : "move-down");
  else
    refocus_after_rebuild (self, list, to, to + 1 < items->len ? "move-down" : "move-up");
  apply (self, g_steal_pointer (&config), _(edits[list].move), TRUE);
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
  index = find_item (config, target->list, target->id);
  if (index < 0)
    return;
  g_ptr_array_remove_index (config_list (config, target->list), index);
  apply (self, g_steal_pointer (&config), _(edits[target->list].remove), TRUE);
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
    heading = g_strdup_printf (_("Remove Stage “%s”?"), display_name (item->label, item->id));
  else
    /* translators: %s is a lead status, "Nurture / bad timing" */
    heading = g_strdup_printf (_("Remove Lead Status “%s”?"), display_name (item->label, item->id));
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
  apply (self, g_steal_pointer (&config), _(edits[list].change_definition), FALSE);
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
static GtkWidget *
create_text_row (LwLifecyclePage *self,
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

static GtkWidget *
create_switch_row (const char *title,
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
static void
add_item_actions (LwLifecyclePage *self,
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

static GtkWidget *
create_number (guint index)
{
  g_autofree char *text = g_strdup_printf ("%u", index + 1);
  GtkWidget *number = gtk_label_new (text);

  gtk_label_set_width_chars (GTK_LABEL (number), 2);
  gtk_widget_add_css_class (number, "numeric");
  gtk_widget_add_css_class (number, "dim-label");
  return number;
}

/* The rows every list shares: id, label. */
static void
add_name_rows (LwLifecyclePage *self,
               AdwExpanderRow  *row,
               List             list,
               guint            index,
               const Named     *item)
{
  GtkWidget *id = create_entry_row (_("Id"), item->id, G_CALLBACK (id_applied_cb), self);
  GtkWidget *label = create_entry_row (_("Label"), item->label, G_CALLBACK (label_applied_cb), self);

  gtk_widget_add_css_class (id, "monospace");
  set_row_data (id, list, index, "id");
  set_row_data (label, list, index, "label");
  add_mark (self, id, MARK_ENTRY, "%s[%u].id", list_paths[list], index);
  add_mark (self, label, MARK_ENTRY, "%s[%u].label", list_paths[list], index);
  adw_expander_row_add_row (row, id);
  adw_expander_row_add_row (row, label);
}

static GtkWidget *
create_hubspot_row (LwLifecyclePage *self,
                    List             list,
                    guint            index,
                    const char      *value)
{
  GtkWidget *row = create_entry_row (_("HubSpot Internal Value"), value, G_CALLBACK (hubspot_applied_cb), self);

  gtk_widget_add_css_class (row, "monospace");
  set_row_data (row, list, index, "hubspotValue");
  add_mark (self, row, MARK_ENTRY, "%s[%u].hubspotValue", list_paths[list], index);
  return row;
}

/* ---- stages -------------------------------------------------------------------------- */

static LwStage *
stage_at (LwConfig *config,
          guint     index)
{
  return item_at (config, LIST_STAGES, index);
}

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
  apply (self, g_steal_pointer (&config), _("Change stage owner"), FALSE);
}

static void
entry_condition_changed_cb (LwConditionEditor *editor,
                            LwLifecyclePage   *self)
{
  g_autoptr(LwConfig) config = lw_workspace_dup_config (self->workspace);
  LwStage *stage = stage_at (config, row_index (editor));

  g_clear_pointer (&stage->entry, lw_condition_free);
  stage->entry = lw_condition_editor_dup_condition (editor);
  apply (self, g_steal_pointer (&config), _("Edit entry criteria"), FALSE);
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
  apply (self, g_steal_pointer (&config),
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
  apply (self, g_steal_pointer (&config), _("Edit next step"), FALSE);
}

static void
add_stage_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  LwLifecyclePage *self = LW_LIFECYCLE_PAGE (widget);
  g_autoptr(LwConfig) config = lw_workspace_dup_config (self->workspace);
  g_autofree char *id = unique_id (config->stages, id_prefixes[LIST_STAGES]);

  g_ptr_array_add (config->stages, lw_stage_new (id, _("New stage")));
  refocus_after_rebuild (self, LIST_STAGES, config->stages->len - 1, "label");
  apply (self, g_steal_pointer (&config), _(edits[LIST_STAGES].add), TRUE);
}

static void
populate_stage_row (LwLifecyclePage *self,
                    AdwExpanderRow  *row,
                    const LwConfig  *config,
                    guint            index)
{
  const LwStage *stage = g_ptr_array_index (config->stages, index);
  GtkWidget *owner = adw_combo_row_new ();
  g_autoptr(GListModel) roles = roles_model ();
  GtkWidget *has_entry;
  GtkWidget *editor_row = gtk_list_box_row_new ();
  GtkWidget *editor_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *editor_heading = gtk_label_new (_("Enters When"));
  GtkWidget *editor = lw_condition_editor_new ();
  GtkWidget *next_step = create_entry_row (_("Next Step"), stage->next_step, G_CALLBACK (next_step_applied_cb), self);

  add_name_rows (self, row, LIST_STAGES, index, (const Named *) stage);
  adw_expander_row_add_row (row, create_hubspot_row (self, LIST_STAGES, index, stage->hubspot_value));
  adw_expander_row_add_row (row,
                            create_text_row (self, _("Definition"), stage->definition, LIST_STAGES, index));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (owner), _("Owning Role"));
  adw_combo_row_set_model (ADW_COMBO_ROW (owner), roles);
  adw_combo_row_set_selected (ADW_COMBO_ROW (owner), stage->owner_role);
  set_row_data (owner, LIST_STAGES, index, "owner");
  g_signal_connect (owner, "notify::selected", G_CALLBACK (stage_owner_selected_cb), self);
  adw_expander_row_add_row (row, owner);

  /* Entry criteria: a switch, and the condition builder while it is on. */
  has_entry = create_switch_row (_("Has Entry Criteria"),
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
  add_mark (self, next_step, MARK_ENTRY, "$.lifecycle.stages[%u].nextStep", index);
  adw_expander_row_add_row (row, next_step);
}

static GtkWidget *
create_stage_row (LwLifecyclePage *self,
                  const LwConfig  *config,
                  guint            index)
{
  GtkWidget *row = adw_expander_row_new ();

  adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row), create_number (index));
  add_item_actions (self, ADW_EXPANDER_ROW (row), LIST_STAGES, index, config->stages->len, _("Remove Stage"));
  set_row_data (row, LIST_STAGES, index, NULL);
  set_populate (self, row, populate_stage_row);
  add_mark (self, row, MARK_ROW_SUBTITLE, "$.lifecycle.stages[%u]", index);
  return row;
}

/* ---- statuses ------------------------------------------------------------------------ */

static void
terminal_toggled_cb (GtkSwitch       *toggle,
                     GParamSpec      *pspec,
                     LwLifecyclePage *self)
{
  g_autoptr(LwConfig) config = NULL;
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (toggle), ADW_TYPE_ACTION_ROW);
  LwStatus *status;

  if (self->building)
    return;

  config = lw_workspace_dup_config (self->workspace);
  status = item_at (config, LIST_STATUSES, row_index (row));
  if (status->terminal == gtk_switch_get_active (toggle))
    return;
  status->terminal = gtk_switch_get_active (toggle);
  apply (self, g_steal_pointer (&config),
         status->terminal ? _("Make lead status terminal") : _("Make lead status not terminal"), FALSE);
}

static void
add_status_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  LwLifecyclePage *self = LW_LIFECYCLE_PAGE (widget);
  g_autoptr(LwConfig) config = lw_workspace_dup_config (self->workspace);
  g_autofree char *id = unique_id (config->statuses, id_prefixes[LIST_STATUSES]);

  g_ptr_array_add (config->statuses, lw_status_new (id, _("New status")));
  refocus_after_rebuild (self, LIST_STATUSES, config->statuses->len - 1, "label");
  apply (self, g_steal_pointer (&config), _(edits[LIST_STATUSES].add), TRUE);
}

static void
populate_status_row (LwLifecyclePage *self,
                     AdwExpanderRow  *row,
                     const LwConfig  *config,
                     guint            index)
{
  const LwStatus *status = g_ptr_array_index (config->statuses, index);
  GtkWidget *terminal;

  add_name_rows (self, row, LIST_STATUSES, index, (const Named *) status);
  adw_expander_row_add_row (row, create_hubspot_row (self, LIST_STATUSES, index, status->hubspot_value));
  adw_expander_row_add_row (row, create_text_row (self, _("Definition"), status->definition, LIST_STATUSES, index));

  terminal = create_switch_row (_("Terminal"), _("Work on the lead ends in this status."),
                                status->terminal, G_CALLBACK (terminal_toggled_cb), self);
  set_row_data (terminal, LIST_STATUSES, index, "terminal");
  adw_expander_row_add_row (row, terminal);
}

static GtkWidget *
create_status_row (LwLifecyclePage *self,
                   const LwConfig  *config,
                   guint            index)
{
  const LwStatus *status = g_ptr_array_index (config->statuses, index);
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *terminal_label = gtk_label_new (_("Terminal"));

  adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row), create_number (index));
  add_item_actions (self, ADW_EXPANDER_ROW (row), LIST_STATUSES, index, config->statuses->len,
                    _("Remove Lead Status"));
  gtk_widget_add_css_class (terminal_label, "lw-badge");
  gtk_widget_set_valign (terminal_label, GTK_ALIGN_CENTER);
  gtk_widget_set_visible (terminal_label, status->terminal);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row), terminal_label);
  g_object_set_data (G_OBJECT (row), "lw-terminal-label", terminal_label);

  set_row_data (row, LIST_STATUSES, index, NULL);
  set_populate (self, row, populate_status_row);
  add_mark (self, row, MARK_ROW_SUBTITLE, "$.lifecycle.statuses[%u]", index);
  return row;
}

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
  apply (self, g_steal_pointer (&config), _("Change path kind"), FALSE);
}

static void
path_status_selected_cb (AdwComboRow     *combo,
                         GParamSpec      *pspec,
                         LwLifecyclePage *self)
{
  g_autoptr(LwConfig) config = NULL;
  LwPath *path;
  guint selected = adw_combo_row_get_selected (combo);

  if (self->building || selected == GTK_INVALID_LIST_POSITION)
    return;

  config = lw_workspace_dup_config (self->workspace);
  if (selected >= config->statuses->len)
    return;
  path = path_at (config, row_index (combo));
  g_free (path->from_status);
  path->from_status = g_strdup (((LwStatus *) g_ptr_array_index (config->statuses, selected))->id);
  apply (self, g_steal_pointer (&config), _("Change path status"), FALSE);
}

static void
path_stage_selected_cb (AdwComboRow     *combo,
                        GParamSpec      *pspec,
                        LwLifecyclePage *self)
{
  g_autoptr(LwConfig) config = NULL;
  LwPath *path;
  guint selected = adw_combo_row_get_selected (combo);

  if (self->building || selected == GTK_INVALID_LIST_POSITION)
    return;

  config = lw_workspace_dup_config (self->workspace);
  if (selected >= config->stages->len)
    return;
  path = path_at (config, row_index (combo));
  g_free (path->to_stage);
  path->to_stage = g_strdup (stage_at (config, selected)->id);
  apply (self, g_steal_pointer (&config), _("Change path stage"), FALSE);
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
  apply (self, g_steal_pointer (&config), _("Change path owner"), FALSE);
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
  apply (self, g_steal_pointer (&config), _("Change path delay"), FALSE);
}

static void
add_path_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  LwLifecyclePage *self = LW_LIFECYCLE_PAGE (widget);
  g_autoptr(LwConfig) config = lw_workspace_dup_config (self->workspace);
  g_autofree char *id = unique_id (config->paths, id_prefixes[LIST_PATHS]);
  LwPath *path = lw_path_new (id, LW_PATH_RECYCLE);

  g_free (path->label);
  path->label = g_strdup (_("New path"));
  path->after_days = 30;
  if (config->statuses->len > 0)
    path->from_status = g_strdup (((LwStatus *) g_ptr_array_index (config->statuses, config->statuses->len - 1))->id);
  if (config->stages->len > 0)
    path->to_stage = g_strdup (stage_at (config, 0)->id);
  g_ptr_array_add (config->paths, path);
  refocus_after_rebuild (self, LIST_PATHS, config->paths->len - 1, "label");
  apply (self, g_steal_pointer (&config), _(edits[LIST_PATHS].add), TRUE);
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
  g_autoptr(GListModel) roles = roles_model ();
  int from = find_item (config, LIST_STATUSES, path->from_status);
  int to = find_item (config, LIST_STAGES, path->to_stage);
  GtkWidget *kind, *status, *days, *spin, *stage, *owner;

  add_name_rows (self, row, LIST_PATHS, index, (const Named *) path);

  kind = create_combo_row (_("Kind"), G_LIST_MODEL (kinds), path->kind, G_CALLBACK (path_kind_selected_cb), self);
  set_row_data (kind, LIST_PATHS, index, "kind");
  adw_expander_row_add_row (row, kind);

  status = create_combo_row (_("From Lead Status"), statuses, from >= 0 ? (guint) from : GTK_INVALID_LIST_POSITION,
                             G_CALLBACK (path_status_selected_cb), self);
  set_row_data (status, LIST_PATHS, index, "fromStatus");
  add_mark (self, status, MARK_ROW, "$.lifecycle.paths[%u].fromStatus", index);
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
  add_mark (self, days, MARK_ROW, "$.lifecycle.paths[%u].afterDays", index);
  adw_expander_row_add_row (row, days);

  stage = create_combo_row (_("Back to Stage"), stages, to >= 0 ? (guint) to : GTK_INVALID_LIST_POSITION,
                            G_CALLBACK (path_stage_selected_cb), self);
  set_row_data (stage, LIST_PATHS, index, "toStage");
  add_mark (self, stage, MARK_ROW, "$.lifecycle.paths[%u].toStage", index);
  adw_expander_row_add_row (row, stage);

  owner = create_combo_row (_("Owned By"), roles, path->owner_role, G_CALLBACK (path_owner_selected_cb), self);
  set_row_data (owner, LIST_PATHS, index, "owner");
  adw_expander_row_add_row (row, owner);

}

static GtkWidget *
create_path_row (LwLifecyclePage *self,
                 const LwConfig  *config,
                 guint            index)
{
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *icon = gtk_image_new ();

  adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row), icon);
  g_object_set_data (G_OBJECT (row), "lw-kind-icon", icon);
  add_item_actions (self, ADW_EXPANDER_ROW (row), LIST_PATHS, index, config->paths->len, _("Remove Path"));
  set_row_data (row, LIST_PATHS, index, NULL);
  set_populate (self, row, populate_path_row);
  add_mark (self, row, MARK_ROW_SUBTITLE, "$.lifecycle.paths[%u]", index);
  return row;
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
          row = create_stage_row (self, config, i);
          break;
        case LIST_STATUSES:
          row = create_status_row (self, config, i);
          break;
        case LIST_PATHS:
          row = create_path_row (self, config, i);
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
      int index = lw_editor_path_index (path, list_paths[list]);
      const char *rest;
      GtkWidget *row;
      GtkWidget *field = NULL;

      if (index < 0 || (guint) index >= self->rows[list]->len)
        continue;

      row = g_ptr_array_index (self->rows[list], index);
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
      rest = strchr (path + strlen (list_paths[list]), ']') + 1;
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

  gtk_widget_class_install_action (widget_class, "lifecycle.add-stage", NULL, add_stage_action);
  gtk_widget_class_install_action (widget_class, "lifecycle.add-status", NULL, add_status_action);
  gtk_widget_class_install_action (widget_class, "lifecycle.add-path", NULL, add_path_action);
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
