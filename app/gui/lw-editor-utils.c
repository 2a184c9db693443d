/* lw-editor-utils.c: pieces every editor page shares
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "lw-editor-utils.h"

gboolean
lw_editor_path_within (const char *path,
                       const char *prefix)
{
  gsize n;

  if (path == NULL || prefix == NULL)
    return FALSE;
  n = strlen (prefix);
  return strncmp (path, prefix, n) == 0 && (path[n] == '\0' || path[n] == '.' || path[n] == '[');
}

int
lw_editor_path_index (const char *path,
                      const char *prefix)
{
  gsize n;
  char *end = NULL;
  long index;

  if (!lw_editor_path_within (path, prefix))
    return -1;
  n = strlen (prefix);
  if (path[n] != '[')
    return -1;
  index = strtol (path + n + 1, &end, 10);
  if (end == NULL || *end != ']' || index < 0 || index > G_MAXINT)
    return -1;
  return (int) index;
}

guint
lw_editor_mark_row (AdwPreferencesRow *row,
                    LwWorkspace       *workspace,
                    const char        *path,
                    gboolean           use_subtitle)
{
  g_autoptr(GPtrArray) found = lw_workspace_dup_diagnostics_at (workspace, path);
  GtkWidget *icon = g_object_get_data (G_OBJECT (row), "lw-mark");
  g_autoptr(GString) tooltip = g_string_new (NULL);
  gboolean error = FALSE;

  if (icon == NULL)
    {
      icon = gtk_image_new ();
      gtk_widget_set_valign (icon, GTK_ALIGN_CENTER);
      if (ADW_IS_EXPANDER_ROW (row))
        adw_expander_row_add_action (ADW_EXPANDER_ROW (row), icon);
      else if (ADW_IS_ENTRY_ROW (row))
        adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), icon);
      else if (ADW_IS_ACTION_ROW (row))
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon);
      else
        return found->len;
      g_object_set_data (G_OBJECT (row), "lw-mark", icon);
    }

  gtk_widget_remove_css_class (GTK_WIDGET (row), "lw-error");
  gtk_widget_remove_css_class (GTK_WIDGET (row), "lw-warning");
  gtk_widget_remove_css_class (icon, "error");
  gtk_widget_remove_css_class (icon, "warning");

  if (found->len == 0)
    {
      gtk_widget_set_visible (icon, FALSE);
      gtk_widget_set_tooltip_text (icon, NULL);
      if (use_subtitle && g_object_get_data (G_OBJECT (row), "lw-marked-subtitle"))
        {
          const char *original = g_object_get_data (G_OBJECT (row), "lw-original-subtitle");

          if (ADW_IS_EXPANDER_ROW (row))
            adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), original ? original : "");
          else if (ADW_IS_ACTION_ROW (row))
            adw_action_row_set_subtitle (ADW_ACTION_ROW (row), original ? original : "");
          g_object_set_data (G_OBJECT (row), "lw-marked-subtitle", NULL);
        }
      return 0;
    }

  for (guint i = 0; i < found->len; i++)
    {
      const LwDiagnostic *d = g_ptr_array_index (found, i);

      if (d->severity == LW_SEVERITY_ERROR)
        error = TRUE;
      if (tooltip->len > 0)
        g_string_append_c (tooltip, '\n');
      g_string_append (tooltip, d->message);
    }

  gtk_image_set_from_icon_name (GTK_IMAGE (icon), error ? "dialog-error-symbolic" : "dialog-warning-symbolic");
  gtk_widget_add_css_class (icon, error ? "error" : "warning");
  gtk_widget_add_css_class (GTK_WIDGET (row), error ? "lw-error" : "lw-warning");
  gtk_widget_set_tooltip_text (icon, tooltip->str);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip->str, -1);
  gtk_widget_set_visible (icon, TRUE);

  if (use_subtitle)
    {
      const LwDiagnostic *first = g_ptr_array_index (found, 0);
      g_autofree char *escaped = g_markup_escape_text (first->message, -1);

      if (!g_object_get_data (G_OBJECT (row), "lw-marked-subtitle"))
        {
          const char *subtitle = NULL;

          if (ADW_IS_EXPANDER_ROW (row))
            subtitle = adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row));
          else if (ADW_IS_ACTION_ROW (row))
            subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
          g_object_set_data_full (G_OBJECT (row), "lw-original-subtitle", g_strdup (subtitle), g_free);
          g_object_set_data (G_OBJECT (row), "lw-marked-subtitle", GINT_TO_POINTER (TRUE));
        }
      if (ADW_IS_EXPANDER_ROW (row))
        adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), escaped);
      else if (ADW_IS_ACTION_ROW (row))
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
    }

  return found->len;
}

GListModel *
lw_editor_reps_model (const LwConfig *config)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  for (guint i = 0; i < config->reps->len; i++)
    {
      const LwRep *rep = g_ptr_array_index (config->reps, i);

      gtk_string_list_append (list, rep->name ? rep->name : rep->id);
    }
  return G_LIST_MODEL (list);
}

GListModel *
lw_editor_pools_model (const LwConfig *config)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  for (guint i = 0; i < config->pools->len; i++)
    {
      const LwPool *pool = g_ptr_array_index (config->pools, i);

      gtk_string_list_append (list, pool->label ? pool->label : pool->id);
    }
  return G_LIST_MODEL (list);
}

GListModel *
lw_editor_stages_model (const LwConfig *config)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  for (guint i = 0; i < config->stages->len; i++)
    {
      const LwStage *stage = g_ptr_array_index (config->stages, i);

      gtk_string_list_append (list, stage->label ? stage->label : stage->id);
    }
  return G_LIST_MODEL (list);
}

GListModel *
lw_editor_statuses_model (const LwConfig *config)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  for (guint i = 0; i < config->statuses->len; i++)
    {
      const LwStatus *status = g_ptr_array_index (config->statuses, i);

      gtk_string_list_append (list, status->label ? status->label : status->id);
    }
  return G_LIST_MODEL (list);
}

static void
setup_label_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  min_width_chars)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (GPOINTER_TO_INT (min_width_chars) > 0)
    {
      /* Whole when there is room; down to @min_width_chars when not. */
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_width_chars (GTK_LABEL (label), GPOINTER_TO_INT (min_width_chars));
    }
  gtk_list_item_set_child (item, label);
}

static void
bind_label_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GtkStringObject *string = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  const char *text = gtk_string_object_get_string (string);

  gtk_label_set_label (GTK_LABEL (label), text);
  if (gtk_label_get_ellipsize (GTK_LABEL (label)) != PANGO_ELLIPSIZE_NONE)
    gtk_widget_set_tooltip_text (label, text);
}

static GtkListItemFactory *
create_label_factory (int min_width_chars)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_label_cb), GINT_TO_POINTER (min_width_chars));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_label_cb), NULL);
  return factory;
}

GtkWidget *
lw_editor_drop_down_new (GListModel *model,
                         int         min_width_chars)
{
  g_autoptr(GtkListItemFactory) factory = create_label_factory (min_width_chars);
  g_autoptr(GtkListItemFactory) list_factory = create_label_factory (0);
  GtkWidget *dropdown = gtk_drop_down_new (model, NULL);

  gtk_drop_down_set_factory (GTK_DROP_DOWN (dropdown), factory);
  gtk_drop_down_set_list_factory (GTK_DROP_DOWN (dropdown), list_factory);
  return dropdown;
}

GtkWidget *
lw_editor_icon_button (const char *icon_name,
                       const char *label)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  return button;
}

char *
lw_editor_dup_capitalized (const char *text)
{
  gunichar first;
  char buffer[8] = { 0 };

  g_return_val_if_fail (text != NULL, NULL);

  first = g_utf8_get_char (text);
  if (first == 0 || g_unichar_isupper (first))
    return g_strdup (text);
  g_unichar_to_utf8 (g_unichar_totitle (first), buffer);
  return g_strconcat (buffer, g_utf8_next_char (text), NULL);
}

const char *
lw_editor_display_name (const char *label,
                        const char *id)
{
  const char *name = lw_label_or_id (label, id);

  return name != NULL && *name != '\0' ? name : _("Untitled");
}
