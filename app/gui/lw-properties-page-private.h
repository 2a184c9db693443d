/* lw-properties-page-private.h: what the files of the properties page share
 *
 * LwPropertiesPage is written in five files: lw-properties-page.c (the
 * page, its rows for properties and built-ins, rebuilding, revealing a
 * path), and beside it the references to a property or an activity in a
 * rule set, the helpers other pages use too (diagnostics on a row,
 * revealing a row, confirming a removal), the options editor of an enum
 * property and the activity types editor. They share the instance struct,
 * the row helpers below and the functions declared here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>
#include <glib/gi18n.h>

#include "lw-editor-utils.h"
#include "lw-properties-page.h"

G_BEGIN_DECLS

struct _LwPropertiesPage
{
  GtkWidget             parent_instance;

  /* template widgets */
  AdwPreferencesPage   *preferences_page;
  AdwPreferencesGroup  *properties_group;
  AdwPreferencesGroup  *activities_group;
  AdwPreferencesGroup  *builtins_group;

  /* owned */
  LwWorkspace          *workspace;
  GPtrArray            *property_rows;   /* AdwExpanderRow, borrowed from the group */
  GPtrArray            *activity_rows;   /* AdwExpanderRow, borrowed from the group */
  GPtrArray            *builtin_rows;    /* AdwActionRow, borrowed from the group */
  GPtrArray            *marks;           /* Mark */
  char                 *refocus_path;    /* revealed after the next rebuild */
  const char           *refocus_button;  /* and, in its row, this button */
  guint                 rebuild_id;
  gboolean              applying;
  gboolean              building;
};

/* A row that shows the diagnostics at a path. */
typedef enum
{
  MARK_ROW,           /* an action row: icon and tooltip */
  MARK_ROW_SUBTITLE,  /* an action or expander row: also the first message as subtitle */
  MARK_ENTRY,         /* an entry row */
  MARK_OPTION,        /* an option row: its own icon, the value entry styled */
} MarkKind;

/* An expander's rows are made when it first opens: a long catalogue then
 * costs little until someone looks inside. */
typedef void (*PopulateFunc) (LwPropertiesPage *self,
                              AdwExpanderRow   *row,
                              const LwConfig   *config,
                              guint             index);

typedef struct
{
  LwPropertiesPage *self;
  char             *id;
  char             *value;
} Target;

/* ---- small helpers ------------------------------------------------------------------ */

static inline gboolean
same_value (const char *a,
            const char *b)
{
  g_autofree char *fold_a = NULL;
  g_autofree char *fold_b = NULL;

  if (a == NULL || b == NULL)
    return FALSE;
  fold_a = g_utf8_casefold (a, -1);
  fold_b = g_utf8_casefold (b, -1);
  return g_strcmp0 (fold_a, fold_b) == 0;
}

static inline guint
row_index (gpointer widget)
{
  return GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (widget), "lw-index"));
}

static inline guint
row_option (gpointer widget)
{
  return GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (widget), "lw-option"));
}

static inline void
set_row_data (GtkWidget  *widget,
              guint       index,
              guint       option,
              const char *field)
{
  g_object_set_data (G_OBJECT (widget), "lw-index", GUINT_TO_POINTER (index));
  g_object_set_data (G_OBJECT (widget), "lw-option", GUINT_TO_POINTER (option));
  if (field != NULL)
    g_object_set_data (G_OBJECT (widget), "lw-field", (gpointer) field);
}

static inline LwProperty *
property_at (LwConfig *config,
             guint     index)
{
  g_return_val_if_fail (LW_N_BUILTINS + index < config->properties->len, NULL);
  return g_ptr_array_index (config->properties, LW_N_BUILTINS + index);
}

static inline LwActivityType *
activity_at (LwConfig *config,
             guint     index)
{
  g_return_val_if_fail (index < config->activities->len, NULL);
  return g_ptr_array_index (config->activities, index);
}

/* A text the person cleared: NULL for optional fields. */
static inline char *
dup_optional (const char *text)
{
  return text != NULL && *text != '\0' ? g_strdup (text) : NULL;
}

/* ---- shared functions --------------------------------------------------------------- */

/* lw-properties-page.c: the rows of the page, edits handed to the workspace */
void       _lw_properties_page_add_mark                   (LwPropertiesPage *self,
                                                           GtkWidget        *row,
                                                           MarkKind          kind,
                                                           const char       *format,
                                                           ...) G_GNUC_PRINTF (4, 5);
GtkWidget *_lw_properties_page_create_entry_row           (const char *title,
                                                           const char *text,
                                                           GCallback   applied,
                                                           gpointer    user_data);
GtkWidget *_lw_properties_page_create_add_button_row      (const char *mnemonic,
                                                           GCallback   clicked,
                                                           gpointer    user_data,
                                                           guint       index);
char      *_lw_properties_page_unique_id                  (GPtrArray  *list,
                                                           guint       first,
                                                           const char *prefix);
gboolean   _lw_properties_page_id_taken                   (GPtrArray  *list,
                                                           gpointer    except,
                                                           const char *id);
void       _lw_properties_page_set_populate               (LwPropertiesPage *self,
                                                           GtkWidget        *row,
                                                           PopulateFunc      func);
void       _lw_properties_page_refocus_after_rebuild      (LwPropertiesPage *self,
                                                           const char       *button,
                                                           const char       *format,
                                                           ...) G_GNUC_PRINTF (3, 4);
void       _lw_properties_page_apply                      (LwPropertiesPage *self,
                                                           LwConfig         *config,
                                                           const char       *description,
                                                           gboolean          structural);
Target    *_lw_properties_page_target_new                 (LwPropertiesPage *self,
                                                           const char       *id,
                                                           const char       *value);
void       _lw_properties_page_target_free                (gpointer data);
int        _lw_properties_page_find_user_property         (const LwConfig *config,
                                                           const char     *id);

/* lw-properties-page-references.c: where the rule set uses a property or an activity */
void       _lw_properties_page_rename_property_references (LwConfig   *config,
                                                           const char *old_id,
                                                           const char *new_id);
void       _lw_properties_page_collect_activity_uses      (const LwConfig *config,
                                                           const char     *activity_id,
                                                           GPtrArray      *uses);
void       _lw_properties_page_rename_activity_references (LwConfig   *config,
                                                           const char *old_id,
                                                           const char *new_id);

/* lw-properties-page-helpers.c: diagnostics on rows, revealing a row, confirming a removal */
guint      _lw_properties_page_show_mark                  (GtkWidget   *icon,
                                                           GtkWidget   *styled,
                                                           LwWorkspace *workspace,
                                                           const char  *path);
GtkWidget *_lw_properties_page_create_mark_icon           (void);

/* lw-properties-page-options.c: the options of an enum property */
void       _lw_properties_page_option_add_clicked_cb      (GtkButton        *button,
                                                           LwPropertiesPage *self);
GtkWidget *_lw_properties_page_create_option_row          (LwPropertiesPage *self,
                                                           const LwProperty *property,
                                                           guint             index,
                                                           guint             o);

/* lw-properties-page-activities.c: the activity types */
char      *_lw_properties_page_describe_activity          (const LwConfig       *config,
                                                           const LwActivityType *activity);
void       _lw_properties_page_add_activity_action        (GtkWidget  *widget,
                                                           const char *action_name,
                                                           GVariant   *parameter);
GtkWidget *_lw_properties_page_create_activity_row        (LwPropertiesPage *self,
                                                           guint             index);

G_END_DECLS
