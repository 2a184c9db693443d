/* lw-table-export.c: a view's table saved as CSV
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "lw-table-export.h"

#include "lw-csv.h"
#include "lw-window.h"

/* ---- writing ---------------------------------------------------------------------- */

gboolean
lw_table_export_to_file (GFile               *file,
                         guint                n_columns,
                         const char * const  *header,
                         GPtrArray           *cells,
                         GCancellable        *cancellable,
                         GError             **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (n_columns > 0, FALSE);
  g_return_val_if_fail (header != NULL, FALSE);
  g_return_val_if_fail (cells != NULL, FALSE);
  g_return_val_if_fail (cells->len % n_columns == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (file);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   /* translators: %s is a file name or address */
                   _("Cannot write “%s”: tables are saved to local files only"), name);
      return FALSE;
    }

  return lw_csv_write_table_to_path (path, LW_CSV_WRITE_DEFAULT, n_columns, header,
                                     cells->len / n_columns,
                                     (const char * const *) cells->pdata,
                                     cancellable, error);
}

typedef struct
{
  GFile     *file;
  guint      n_columns;
  char     **header;     /* n_columns + 1, NULL-terminated */
  GPtrArray *cells;
} WriteData;

static void
write_data_free (WriteData *data)
{
  g_clear_object (&data->file);
  g_strfreev (data->header);
  g_clear_pointer (&data->cells, g_ptr_array_unref);
  g_free (data);
}

static void
write_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  WriteData *data = task_data;
  GError *error = NULL;

  if (lw_table_export_to_file (data->file, data->n_columns, (const char * const *) data->header,
                               data->cells, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
lw_table_export_to_file_async (GFile               *file,
                               guint                n_columns,
                               const char * const  *header,
                               GPtrArray           *cells,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  WriteData *data;

  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (n_columns > 0);
  g_return_if_fail (header != NULL);
  g_return_if_fail (cells != NULL);
  g_return_if_fail (cells->len % n_columns == 0);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (WriteData, 1);
  data->file = g_object_ref (file);
  data->n_columns = n_columns;
  data->header = g_new0 (char *, n_columns + 1);
  for (guint i = 0; i < n_columns; i++)
    data->header[i] = g_strdup (header[i]);
  data->cells = cells;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, lw_table_export_to_file_async);
  g_task_set_task_data (task, data, (GDestroyNotify) write_data_free);
  g_task_run_in_thread (task, write_thread);
}

gboolean
lw_table_export_to_file_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == lw_table_export_to_file_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- the dialog ------------------------------------------------------------------- */

typedef struct
{
  GtkWidget            *widget;
  GtkFileChooserNative *native;
  GFile                *file;     /* the file chosen */
  guint                 n_columns;
  char                **header;
  GPtrArray            *cells;
} DialogData;

static void
dialog_data_free (DialogData *data)
{
  g_clear_object (&data->widget);
  if (data->native != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (data->native));
  g_clear_object (&data->native);
  g_clear_object (&data->file);
  g_strfreev (data->header);
  g_clear_pointer (&data->cells, g_ptr_array_unref);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DialogData, dialog_data_free)

static GtkWindow *
parent_window (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
written_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(DialogData) data = user_data;
  g_autoptr(GError) error = NULL;
  GtkWidget *window;

  if (!lw_table_export_to_file_finish (result, &error))
    {
      GtkWidget *dialog;

      dialog = adw_message_dialog_new (parent_window (data->widget), _("Could Not Export the Table"),
                                       error->message);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
      adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  window = gtk_widget_get_ancestor (data->widget, LW_TYPE_WINDOW);
  if (window != NULL)
    {
      g_autofree char *basename = g_file_get_basename (data->file);
      g_autofree char *escaped = g_markup_escape_text (basename != NULL ? basename : "", -1);
      /* translators: a toast; %s is the name of the file written */
      g_autofree char *title = g_strdup_printf (_("Table exported to “%s”"), escaped);

      lw_window_toast (LW_WINDOW (window), title);
    }
}

static gboolean
has_extension (GFile *file)
{
  g_autofree char *basename = g_file_get_basename (file);

  return basename != NULL && strchr (basename, '.') != NULL;
}

static void
dialog_response_cb (GtkNativeDialog *native,
                    int              response,
                    gpointer         user_data)
{
  g_autoptr(DialogData) data = user_data;
  g_autoptr(GFile) file = NULL;
  GPtrArray *cells;

  g_signal_handlers_disconnect_by_func (native, dialog_response_cb, user_data);
  if (response != GTK_RESPONSE_ACCEPT
      || (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native))) == NULL)
    return;

  if (!has_extension (file))
    {
      g_autofree char *uri = g_file_get_uri (file);
      g_autofree char *named = g_strconcat (uri, ".csv", NULL);

      g_object_unref (file);
      file = g_file_new_for_uri (named);
    }

  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (data->native));
  g_clear_object (&data->native);
  data->file = g_object_ref (file);
  cells = g_steal_pointer (&data->cells);
  lw_table_export_to_file_async (file, data->n_columns, (const char * const *) data->header,
                                 cells, NULL, written_cb, data);
  data = NULL;
}

void
lw_table_export_dialog (GtkWidget           *widget,
                        const char          *suggested_name,
                        guint                n_columns,
                        const char * const  *header,
                        GPtrArray           *cells)
{
  g_autoptr(GtkFileFilter) filter = NULL;
  DialogData *data;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (n_columns > 0);
  g_return_if_fail (header != NULL);
  g_return_if_fail (cells != NULL);
  g_return_if_fail (cells->len % n_columns == 0);

  data = g_new0 (DialogData, 1);
  data->widget = g_object_ref (widget);
  data->n_columns = n_columns;
  data->header = g_new0 (char *, n_columns + 1);
  for (guint i = 0; i < n_columns; i++)
    data->header[i] = g_strdup (header[i]);
  data->cells = cells;

  data->native = gtk_file_chooser_native_new (_("Export Table"), parent_window (widget),
                                              GTK_FILE_CHOOSER_ACTION_SAVE,
                                              _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (data->native), TRUE);
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("CSV Table"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (data->native), filter);
  if (suggested_name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (data->native), suggested_name);

  g_signal_connect (data->native, "response", G_CALLBACK (dialog_response_cb), data);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (data->native));
}
