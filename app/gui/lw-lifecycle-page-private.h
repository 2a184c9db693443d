/* lw-lifecycle-page-private.h: what the files of the lifecycle page share
 *
 * LwLifecyclePage is written in five files: lw-lifecycle-page.c (the page,
 * applying edits, the titles and marks of its rows, rebuilding, revealing
 * a path), and beside it the edits and rows the three lists share (id,
 * label, HubSpot value, definition, moving and removing an item), the
 * stages, the lead statuses and the recycle and disqualify paths. They
 * share the instance struct, the row helpers below and the functions and
 * tables declared here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>
#include <glib/gi18n.h>

#include "lw-editor-utils.h"
#include "lw-lifecycle-page.h"

G_BEGIN_DECLS

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

typedef enum
{
  MARK_ROW,           /* an action row: icon and tooltip */
  MARK_ROW_SUBTITLE,  /* also the first message as subtitle */
  MARK_ENTRY,         /* an entry row */
} MarkKind;

/* Stages, statuses and paths all start with an id and a label. */
typedef struct
{
  char *id;
  char *label;
} Named;

/* Undo descriptions, by list. */
typedef struct
{
  const char *add;
  const char *remove;
  const char *move;
  const char *rename;
  const char *change_id;
  const char *change_hubspot;
  const char *change_definition;
} Edits;

/* An expander's rows are made when it first opens: the condition builders
 * of closed stages then cost nothing. */
typedef void (*PopulateFunc) (LwLifecyclePage *self,
                              AdwExpanderRow  *row,
                              const LwConfig  *config,
                              guint            index);

/* ---- tables (lw-lifecycle-page.c) ---------------------------------------------------- */

extern const char * const _lw_lifecycle_page_list_paths[N_LISTS];
extern const char * const _lw_lifecycle_page_id_prefixes[N_LISTS];
extern const Edits        _lw_lifecycle_page_edits[N_LISTS];

/* ---- small helpers ------------------------------------------------------------------- */

static inline GPtrArray *
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

static inline void
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

static inline List
row_list (gpointer widget)
{
  return GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (widget), "lw-list"));
}

static inline guint
row_index (gpointer widget)
{
  return GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (widget), "lw-index"));
}

static inline const char *
row_field (gpointer widget)
{
  return g_object_get_data (G_OBJECT (widget), "lw-field");
}

static inline gpointer
item_at (LwConfig *config,
         List      list,
         guint     index)
{
  GPtrArray *items = config_list (config, list);

  g_return_val_if_fail (index < items->len, NULL);
  return g_ptr_array_index (items, index);
}

static inline LwStage *
stage_at (LwConfig *config,
          guint     index)
{
  return item_at (config, LIST_STAGES, index);
}

/* ---- shared functions ---------------------------------------------------------------- */

/* lw-lifecycle-page.c: helpers, applying edits */
void        _lw_lifecycle_page_add_mark              (LwLifecyclePage *self,
                                                      GtkWidget       *row,
                                                      MarkKind         kind,
                                                      const char      *format,
                                                      ...) G_GNUC_PRINTF (4, 5);
char       *_lw_lifecycle_page_unique_id             (GPtrArray  *items,
                                                      const char *prefix);
gboolean    _lw_lifecycle_page_id_taken              (GPtrArray  *items,
                                                      gpointer    except,
                                                      const char *id);
int         _lw_lifecycle_page_find_item             (const LwConfig *config,
                                                      List            list,
                                                      const char     *id);
GtkWidget  *_lw_lifecycle_page_create_entry_row      (const char *title,
                                                      const char *text,
                                                      GCallback   applied,
                                                      gpointer    user_data);
GListModel *_lw_lifecycle_page_roles_model           (void);
void        _lw_lifecycle_page_set_populate          (LwLifecyclePage *self,
                                                      GtkWidget       *row,
                                                      PopulateFunc     func);
void        _lw_lifecycle_page_refocus_after_rebuild (LwLifecyclePage *self,
                                                      List             list,
                                                      guint            index,
                                                      const char      *field);
void        _lw_lifecycle_page_apply                 (LwLifecyclePage *self,
                                                      LwConfig        *config,
                                                      const char      *description,
                                                      gboolean         structural);
void        _lw_lifecycle_page_apply_from            (LwLifecyclePage *self,
                                                      GtkWidget       *widget,
                                                      LwConfig        *config,
                                                      const char      *description);

/* lw-lifecycle-page-items.c: the edits and rows the three lists share */
GtkWidget  *_lw_lifecycle_page_create_text_row       (LwLifecyclePage *self,
                                                      const char      *title,
                                                      const char      *text,
                                                      List             list,
                                                      guint            index);
GtkWidget  *_lw_lifecycle_page_create_switch_row     (const char *title,
                                                      const char *subtitle,
                                                      gboolean    active,
                                                      GCallback   toggled,
                                                      gpointer    user_data);
void        _lw_lifecycle_page_add_item_actions      (LwLifecyclePage *self,
                                                      AdwExpanderRow  *row,
                                                      List             list,
                                                      guint            index,
                                                      guint            n_items,
                                                      const char      *remove_label);
GtkWidget  *_lw_lifecycle_page_create_number         (guint index);
void        _lw_lifecycle_page_add_name_rows         (LwLifecyclePage *self,
                                                      AdwExpanderRow  *row,
                                                      List             list,
                                                      guint            index,
                                                      const Named     *item);
GtkWidget  *_lw_lifecycle_page_create_hubspot_row    (LwLifecyclePage *self,
                                                      List             list,
                                                      guint            index,
                                                      const char      *value);

/* lw-lifecycle-page-stages.c: the stages */
void        _lw_lifecycle_page_add_stage_action      (GtkWidget  *widget,
                                                      const char *action_name,
                                                      GVariant   *parameter);
GtkWidget  *_lw_lifecycle_page_create_stage_row      (LwLifecyclePage *self,
                                                      const LwConfig  *config,
                                                      guint            index);

/* lw-lifecycle-page-statuses.c: the lead statuses */
void        _lw_lifecycle_page_add_status_action     (GtkWidget  *widget,
                                                      const char *action_name,
                                                      GVariant   *parameter);
GtkWidget  *_lw_lifecycle_page_create_status_row     (LwLifecyclePage *self,
                                                      const LwConfig  *config,
                                                      guint            index);

/* lw-lifecycle-page-paths.c: the recycle and disqualify paths */
void        _lw_lifecycle_page_add_path_action       (GtkWidget  *widget,
                                                      const char *action_name,
                                                      GVariant   *parameter);
GtkWidget  *_lw_lifecycle_page_create_path_row       (LwLifecyclePage *self,
                                                      const LwConfig  *config,
                                                      guint            index);

G_END_DECLS
