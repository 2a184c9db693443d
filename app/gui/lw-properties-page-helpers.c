/* lw-properties-page-helpers.c: diagnostics on rows, revealing a row, confirming a removal
 *
 * Part of LwPropertiesPage (lw-properties-page-private.h), and used by
 * other pages through lw-properties-page.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "lw-properties-page-private.h"

/* Shows the diagnostics at @path on @icon (as its tooltip) and styles
 * @styled as an error or a warning. */
guint
_lw_properties_page_show_mark (GtkWidget   *icon,
                               GtkWidget   *styled,
                               LwWorkspace *workspace,
                               const char  *path)
{
  g_autoptr(GPtrArray) found = lw_workspace_dup_diagnostics_at (workspace, path);
  g_autoptr(GString) tooltip = g_string_new (NULL);
  gboolean error = FALSE;

  gtk_widget_remove_css_class (styled, "error");
  gtk_widget_remove_css_class (styled, "warning");
  gtk_widget_remove_css_class (icon, "error");
  gtk_widget_remove_css_class (icon, "warning");

  if (found->len == 0)
    {
      gtk_widget_set_visible (icon, FALSE);
      gtk_widget_set_tooltip_text (icon, NULL);
      return 0;
    }

  for (guint i = 0; i < found->len; i++)
    {
      const LwDiagnostic *d = g_ptr_array_index (found, i);

      error |= d->severity == LW_SEVERITY_ERROR;
      if (tooltip->len > 0)
        g_string_append_c (tooltip, '\n');
      g_string_append (tooltip, d->message);
    }

  gtk_image_set_from_icon_name (GTK_IMAGE (icon), error ? "dialog-error-symbolic" : "dialog-warning-symbolic");
  gtk_widget_add_css_class (icon, error ? "error" : "warning");
  gtk_widget_add_css_class (styled, error ? "error" : "warning");
  gtk_widget_set_tooltip_text (icon, tooltip->str);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip->str, -1);
  gtk_widget_set_visible (icon, TRUE);
  return found->len;
}

GtkWidget *
_lw_properties_page_create_mark_icon (void)
{
  GtkWidget *icon = gtk_image_new ();

  gtk_widget_set_valign (icon, GTK_ALIGN_CENTER);
  gtk_widget_set_visible (icon, FALSE);
  return icon;
}

guint
lw_properties_page_mark_entry_row (AdwEntryRow *row,
                                   LwWorkspace *workspace,
                                   const char  *path)
{
  GtkWidget *icon;

  g_return_val_if_fail (ADW_IS_ENTRY_ROW (row), 0);
  g_return_val_if_fail (LW_IS_WORKSPACE (workspace), 0);
  g_return_val_if_fail (path != NULL, 0);

  icon = g_object_get_data (G_OBJECT (row), "lw-mark");
  if (icon == NULL)
    {
      icon = _lw_properties_page_create_mark_icon ();
      adw_entry_row_add_suffix (row, icon);
      g_object_set_data (G_OBJECT (row), "lw-mark", icon);
    }
  return _lw_properties_page_show_mark (icon, GTK_WIDGET (row), workspace, path);
}

/* Scrolls the scrolled window around @widget so that @widget shows. */
static void
scroll_to (GtkWidget *widget)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *viewport;
  GtkAdjustment *adjustment;
  graphene_rect_t bounds;
  double value, page, top, bottom;

  if (scrolled == NULL)
    return;
  viewport = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled));
  if (viewport == NULL || !gtk_widget_compute_bounds (widget, viewport, &bounds))
    return;

  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  value = gtk_adjustment_get_value (adjustment);
  page = gtk_adjustment_get_page_size (adjustment);
  top = value + bounds.origin.y - 12;
  bottom = value + bounds.origin.y + bounds.size.height + 12;
  if (top < value)
    gtk_adjustment_set_value (adjustment, top);
  else if (bottom > value + page)
    gtk_adjustment_set_value (adjustment, MIN (top, bottom - page));
}

/* Follows @widget while the expander around it opens, and a frame more
 * once it is open. */
static gboolean
scroll_tick_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  GtkWidget *revealer = gtk_widget_get_ancestor (widget, GTK_TYPE_REVEALER);
  guint *frames_left = user_data;

  scroll_to (widget);
  if (revealer != NULL && !gtk_revealer_get_child_revealed (GTK_REVEALER (revealer)))
    return G_SOURCE_CONTINUE;
  return --(*frames_left) > 0 ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

void
lw_properties_page_focus_revealed (GtkWidget *widget)
{
  guint *frames_left = g_new (guint, 1);

  g_return_if_fail (GTK_IS_WIDGET (widget));

  *frames_left = 2;
  gtk_widget_grab_focus (widget);
  gtk_widget_add_tick_callback (widget, scroll_tick_cb, frames_left, g_free);
}

typedef struct
{
  LwRemoveFunc   remove;
  gpointer       data;
  GDestroyNotify destroy;
} Removal;

static void
removal_free (gpointer  data,
              GClosure *closure)
{
  Removal *removal = data;

  if (removal->destroy != NULL)
    removal->destroy (removal->data);
  g_free (removal);
}

static void
removal_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     Removal          *removal)
{
  if (g_strcmp0 (response, "remove") == 0)
    removal->remove (removal->data);
}

/* At most this many uses are listed; the rest are counted. */
#define MAX_LISTED_USES 8

void
lw_properties_page_confirm_removal (GtkWidget      *parent,
                                    const char     *heading,
                                    GPtrArray      *uses,
                                    LwRemoveFunc    remove,
                                    gpointer        user_data,
                                    GDestroyNotify  destroy)
{
  g_autoptr(GString) body = g_string_new (NULL);
  GtkRoot *root;
  GtkWidget *dialog;
  Removal *removal;

  g_return_if_fail (GTK_IS_WIDGET (parent));
  g_return_if_fail (remove != NULL);

  if (uses == NULL || uses->len == 0)
    {
      remove (user_data);
      if (destroy != NULL)
        destroy (user_data);
      return;
    }

  g_string_append (body, _("It is used by:"));
  for (guint i = 0; i < uses->len && i < MAX_LISTED_USES; i++)
    g_string_append_printf (body, "\n• %s", (const char *) g_ptr_array_index (uses, i));
  if (uses->len > MAX_LISTED_USES)
    {
      guint more = uses->len - MAX_LISTED_USES;

      g_string_append_c (body, '\n');
      /* translators: %u is a number of further places */
      g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE, "and %u more place", "and %u more places", more),
                              more);
    }
  g_string_append (body, "\n\n");
  g_string_append (body, _("These show an error until you change them. Undo brings it back."));

  root = gtk_widget_get_root (parent);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body->str);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  removal = g_new0 (Removal, 1);
  removal->remove = remove;
  removal->data = user_data;
  removal->destroy = destroy;
  g_signal_connect_data (dialog, "response", G_CALLBACK (removal_response_cb), removal, removal_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}
