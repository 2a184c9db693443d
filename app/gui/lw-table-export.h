/* lw-table-export.h: a view's table saved as CSV
 *
 * The views' tables (SLA compliance by rep, the funnel's stages, the
 * routing load per rep, ...) are exported the same way: the person picks a
 * file, the table is written on a worker thread with
 * lw_csv_write_table_to_path() (RFC 4180, CRLF, cells that a spreadsheet
 * would run as a formula neutralised with a leading apostrophe), atomically
 * (a failure leaves the file as it was).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Asks where to save a table as CSV (a GtkFileChooserNative,
 * @suggested_name such as "sla-by-rep.csv"), then writes @header
 * (@n_columns texts) and @cells (transfer full: a GPtrArray of strings, row
 * after row, @n_columns each, NULL for empty) with
 * lw_csv_write_table_to_path() (RFC 4180, formula-safe) on a worker thread;
 * a failure is shown in an AdwMessageDialog, success in a toast when the
 * widget is inside an AdwToastOverlay reachable via lw_window (or
 * silently). A chosen name without an extension gets ".csv". */
void     lw_table_export_dialog       (GtkWidget           *widget,
                                       const char          *suggested_name,
                                       guint                n_columns,
                                       const char * const  *header,
                                       GPtrArray           *cells);

/* Writes the table to @file (a local file) at once, replacing what is
 * there atomically. @cells is not taken. FALSE with @error set when @file
 * has no local path (G_IO_ERROR_NOT_SUPPORTED) or cannot be written
 * (LW_CSV_ERROR_IO). */
gboolean lw_table_export_to_file      (GFile               *file,
                                       guint                n_columns,
                                       const char * const  *header,
                                       GPtrArray           *cells,
                                       GCancellable        *cancellable,
                                       GError             **error);

/* The same on a worker thread, as the dialog does it; @cells is taken
 * (transfer full) and the header copied. */
void     lw_table_export_to_file_async  (GFile               *file,
                                         guint                n_columns,
                                         const char * const  *header,
                                         GPtrArray           *cells,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
gboolean lw_table_export_to_file_finish (GAsyncResult        *result,
                                         GError             **error);

G_END_DECLS
