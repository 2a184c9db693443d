/* lw-revisions-dialog.c: the revision history of a workspace
 *
 * The revisions, newest first, with their time and note; the selected one
 * as a unified diff against the current rules (from the engine, read-only
 * here), and Restore, which is an edit like any other: undoable.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "lw-revisions-dialog.h"

struct _LwRevisionsDialog
{
  AdwWindow     parent_instance;

  /* template widgets */
  GtkStack     *content_stack;
  GtkListBox   *revisions_list;
  GtkLabel     *diff_heading;
  GtkStack     *diff_stack;
  GtkTextView  *diff_view;

  /* owned */
  LwWorkspace  *workspace;
  char         *diff;      /* of the selected revision; NULL when none */
};

G_DEFINE_FINAL_TYPE (LwRevisionsDialog, lw_revisions_dialog, ADW_TYPE_WINDOW)

enum {
  RESTORED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gint64
row_revision (GtkListBoxRow *row)
{
  return row != NULL ? *(gint64 *) g_object_get_data (G_OBJECT (row), "lw-revision") : 0;
}

static gint64
selected_revision (LwRevisionsDialog *self)
{
  return row_revision (gtk_list_box_get_selected_row (self->revisions_list));
}

static char *
format_time (LwTime time)
{
  g_autoptr(GDateTime) local = g_date_time_new_from_unix_local (time);

  if (local == NULL)
    return g_strdup ("");
  /* translators: when a revision was saved, in g_date_time_format() notation:
   * "9 March 2026, 14:00" */
  return g_date_time_format (local, _("%-d %B %Y, %H:%M"));
}

static GtkWidget *
create_row (const LwRevision *revision,
            gboolean          current)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *title, *note, *time;
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, revision->id);
  g_autofree char *title_text = NULL;
  g_autofree char *time_text = format_time (revision->created_at);
  gint64 *id = g_new (gint64, 1);

  /* translators: %s is a revision number */
  title_text = g_strdup_printf (_("Revision %s"), number);
  title = gtk_label_new (title_text);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_widget_add_css_class (title, "heading");
  gtk_box_append (GTK_BOX (top), title);
  if (current)
    {
      GtkWidget *badge = gtk_label_new (_("Current"));

      gtk_widget_add_css_class (badge, "lw-current-badge");
      gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
      gtk_box_append (GTK_BOX (top), badge);
    }
  gtk_box_append (GTK_BOX (box), top);

  note = gtk_label_new (revision->note[0] != '\0' ? revision->note : _("No note"));
  gtk_label_set_xalign (GTK_LABEL (note), 0);
  gtk_label_set_wrap (GTK_LABEL (note), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (note), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (note), 3);
  gtk_label_set_ellipsize (GTK_LABEL (note), PANGO_ELLIPSIZE_END);
  if (revision->note[0] == '\0')
    gtk_widget_add_css_class (note, "dim-label");
  gtk_box_append (GTK_BOX (box), note);

  time = gtk_label_new (time_text);
  gtk_label_set_xalign (GTK_LABEL (time), 0);
  gtk_widget_add_css_class (time, "caption");
  gtk_widget_add_css_class (time, "dim-label");
  gtk_box_append (GTK_BOX (box), time);

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  *id = revision->id;
  g_object_set_data_full (G_OBJECT (row), "lw-revision", id, g_free);
  return row;
}

/* Shows @diff with its lines coloured as added, removed or a hunk. */
static void
set_diff_text (LwRevisionsDialog *self,
               const char        *diff)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->diff_view);
  GtkTextIter end;
  const char *line = diff;

  gtk_text_buffer_set_text (buffer, "", 0);
  while (*line != '\0')
    {
      const char *next = strchr (line, '\n');
      gsize length = next != NULL ? (gsize) (next - line) + 1 : strlen (line);
      const char *tag = NULL;

      if (g_str_has_prefix (line, "+++") || g_str_has_prefix (line, "---"))
        tag = "file";
      else if (line[0] == '+')
        tag = "added";
      else if (line[0] == '-')
        tag = "removed";
      else if (g_str_has_prefix (line, "@@"))
        tag = "hunk";

      gtk_text_buffer_get_end_iter (buffer, &end);
      if (tag != NULL)
        gtk_text_buffer_insert_with_tags_by_name (buffer, &end, line, length, tag, NULL);
      else
        gtk_text_buffer_insert (buffer, &end, line, length);
      line += length;
    }
}

static void
show_diff (LwRevisionsDialog *self)
{
  gint64 id = selected_revision (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *number = NULL;
  g_autofree char *heading = NULL;

  g_clear_pointer (&self->diff, g_free);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "revisions.restore", FALSE);
  if (id == 0)
    return;

  number = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  self->diff = lw_workspace_diff_revision (self->workspace, id, &error);
  if (self->diff == NULL)
    {
      gtk_label_set_label (self->diff_heading, error->message);
      gtk_stack_set_visible_child_name (self->diff_stack, "same");
      return;
    }

  if (self->diff[0] == '\0')
    {
      /* translators: %s is a revision number */
      heading = g_strdup_printf (_("Revision %s has the current rules"), number);
      gtk_stack_set_visible_child_name (self->diff_stack, "same");
    }
  else
    {
      /* translators: %s is a revision number; below it, the lines that differ */
      heading = g_strdup_printf (_("From revision %s to the current rules"), number);
      set_diff_text (self, self->diff);
      gtk_stack_set_visible_child_name (self->diff_stack, "diff");
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "revisions.restore", TRUE);
    }
  gtk_label_set_label (self->diff_heading, heading);
}

static void
revision_selected_cb (LwRevisionsDialog *self)
{
  /* Rows are unselected as the dialog is taken down, too. */
  if (self->workspace != NULL)
    show_diff (self);
}

static void
fill (LwRevisionsDialog *self)
{
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(GError) error = NULL;
  gint64 selected = selected_revision (self);
  gint64 current = lw_workspace_find_current_revision (self->workspace);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->revisions_list))) != NULL)
    gtk_list_box_remove (self->revisions_list, child);

  revisions = lw_workspace_list_revisions (self->workspace, &error);
  if (revisions == NULL || revisions->len == 0)
    {
      gtk_stack_set_visible_child_name (self->content_stack, "empty");
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "revisions.restore", FALSE);
      return;
    }

  /* Newest first. */
  for (guint i = revisions->len; i > 0; i--)
    {
      const LwRevision *revision = g_ptr_array_index (revisions, i - 1);

      gtk_list_box_append (self->revisions_list, create_row (revision, revision->id == current));
    }
  gtk_stack_set_visible_child_name (self->content_stack, "revisions");

  if (selected == 0 || !lw_revisions_dialog_select (self, selected))
    gtk_list_box_select_row (self->revisions_list, gtk_list_box_get_row_at_index (self->revisions_list, 0));
}

static void
restore_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  LwRevisionsDialog *self = LW_REVISIONS_DIALOG (widget);
  gint64 id = selected_revision (self);
  g_autoptr(GError) error = NULL;

  if (id == 0)
    return;

  if (!lw_workspace_restore_revision (self->workspace, id, &error))
    {
      gtk_label_set_label (self->diff_heading, error->message);
      return;
    }
  g_signal_emit (self, signals[RESTORED], 0, id);
  gtk_window_close (GTK_WINDOW (self));
}

static void
lw_revisions_dialog_dispose (GObject *object)
{
  LwRevisionsDialog *self = LW_REVISIONS_DIALOG (object);

  g_clear_object (&self->workspace);
  gtk_widget_dispose_template (GTK_WIDGET (self), LW_TYPE_REVISIONS_DIALOG);
  g_clear_pointer (&self->diff, g_free);

  G_OBJECT_CLASS (lw_revisions_dialog_parent_class)->dispose (object);
}

static void
lw_revisions_dialog_class_init (LwRevisionsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lw_revisions_dialog_dispose;

  /* Revision @id became the current rules. */
  signals[RESTORED] = g_signal_new ("restored", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/leadwright/Leadwright/lw-revisions-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LwRevisionsDialog, content_stack);
  gtk_widget_class_bind_template_child (widget_class, LwRevisionsDialog, revisions_list);
  gtk_widget_class_bind_template_child (widget_class, LwRevisionsDialog, diff_heading);
  gtk_widget_class_bind_template_child (widget_class, LwRevisionsDialog, diff_stack);
  gtk_widget_class_bind_template_child (widget_class, LwRevisionsDialog, diff_view);
  gtk_widget_class_bind_template_callback (widget_class, revision_selected_cb);

  gtk_widget_class_install_action (widget_class, "revisions.restore", NULL, restore_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
lw_revisions_dialog_init (LwRevisionsDialog *self)
{
  GtkTextBuffer *buffer;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Translucent tints read on the light and the dark style alike. */
  buffer = gtk_text_view_get_buffer (self->diff_view);
  gtk_text_buffer_create_tag (buffer, "added",
                              "paragraph-background-rgba", &(GdkRGBA) { 0.18, 0.76, 0.49, 0.18 },
                              NULL);
  gtk_text_buffer_create_tag (buffer, "removed",
                              "paragraph-background-rgba", &(GdkRGBA) { 0.88, 0.11, 0.14, 0.16 },
                              NULL);
  gtk_text_buffer_create_tag (buffer, "hunk",
                              "foreground-rgba", &(GdkRGBA) { 0.21, 0.52, 0.89, 1.0 },
                              NULL);
  gtk_text_buffer_create_tag (buffer, "file", "weight", PANGO_WEIGHT_BOLD, NULL);
}

GtkWidget *
lw_revisions_dialog_new (GtkWindow   *parent,
                         LwWorkspace *workspace)
{
  LwRevisionsDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (LW_IS_WORKSPACE (workspace), NULL);

  self = g_object_new (LW_TYPE_REVISIONS_DIALOG, "transient-for", parent, NULL);
  self->workspace = g_object_ref (workspace);
  fill (self);
  return GTK_WIDGET (self);
}

gboolean
lw_revisions_dialog_select (LwRevisionsDialog *self,
                            gint64             id)
{
  g_return_val_if_fail (LW_IS_REVISIONS_DIALOG (self), FALSE);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->revisions_list));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child) && row_revision (GTK_LIST_BOX_ROW (child)) == id)
      {
        gtk_list_box_select_row (self->revisions_list, GTK_LIST_BOX_ROW (child));
        return TRUE;
      }
  return FALSE;
}

char *
lw_revisions_dialog_dup_diff (LwRevisionsDialog *self)
{
  g_return_val_if_fail (LW_IS_REVISIONS_DIALOG (self), NULL);

  return g_strdup (self->diff != NULL ? self->diff : "");
}
