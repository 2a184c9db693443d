/* lw-simulate-page-files.c: importing and exporting the scenario
 *
 * Part of LwSimulatePage (lw-simulate-page-private.h): reading a scenario
 * from a JSON file into the draft, writing the scenario to one, and the
 * file chooser the import and export actions open.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "lw-simulate-page-private.h"

typedef struct
{
  LwSimulatePage *self;
  GFile          *file;
} FileOp;

static void
file_op_free (FileOp *op)
{
  g_clear_object (&op->self);
  g_clear_object (&op->file);
  g_free (op);
}

static FileOp *
file_op_new (LwSimulatePage *self,
             GFile          *file)
{
  FileOp *op = g_new0 (FileOp, 1);

  op->self = g_object_ref (self);
  op->file = g_object_ref (file);
  return op;
}

static void
import_loaded_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  FileOp *op = user_data;
  LwSimulatePage *self = op->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *name = g_file_get_basename (op->file);
  g_autofree char *title = NULL;
  LwScenario *scenario;
  gsize length;

  if (!g_file_load_contents_finish (G_FILE (source), result, &contents, &length, NULL, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _lw_simulate_page_show_error (self, _("Could Not Import the Scenario"), error->message);
      file_op_free (op);
      return;
    }

  /* A file that does not load changes nothing; its first error is located. */
  scenario = lw_scenario_load_data (contents, (gssize) length, name, NULL, &error);
  if (scenario == NULL)
    {
      _lw_simulate_page_show_error (self, _("Could Not Import the Scenario"), error->message);
      file_op_free (op);
      return;
    }

  lw_sim_context_replace_draft (self->context, scenario);
  if (lw_sim_context_get_problems (self->context)->len > 0)
    _lw_simulate_page_set_settings_open (self, TRUE);
  /* translators: a _lw_simulate_page_toast; %s is a file name */
  title = g_strdup_printf (_("Scenario imported from %s"), name);
  _lw_simulate_page_toast (self, title);
  file_op_free (op);
}

void
lw_simulate_page_import_scenario (LwSimulatePage *self,
                                  GFile          *file)
{
  g_return_if_fail (LW_IS_SIMULATE_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  g_file_load_contents_async (file, self->cancellable, import_loaded_cb, file_op_new (self, file));
}

static void
export_written_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  FileOp *op = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _lw_simulate_page_show_error (op->self, _("Could Not Export the Scenario"), error->message);
    }
  else
    {
      g_autofree char *name = g_file_get_basename (op->file);
      /* translators: a _lw_simulate_page_toast; %s is a file name */
      g_autofree char *title = g_strdup_printf (_("Scenario exported to %s"), name);

      _lw_simulate_page_toast (op->self, title);
      g_signal_emit_by_name (op->self, "scenario-exported", op->file);
    }
  file_op_free (op);
}

void
lw_simulate_page_export_scenario (LwSimulatePage *self,
                                  GFile          *file)
{
  const char *json;
  GBytes *bytes;

  g_return_if_fail (LW_IS_SIMULATE_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  json = lw_sim_context_get_scenario_json (self->context);
  g_return_if_fail (json != NULL);
  bytes = g_bytes_new (json, strlen (json));
  /* Replaced atomically: a failure leaves the file as it was. */
  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                       self->cancellable, export_written_cb, file_op_new (self, file));
  g_bytes_unref (bytes);
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     LwSimulatePage  *self)
{
  gboolean save = gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)) == GTK_FILE_CHOOSER_ACTION_SAVE;
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (self->chooser == chooser)
    g_clear_object (&self->chooser);
  if (file == NULL)
    return;
  if (save)
    lw_simulate_page_export_scenario (self, file);
  else
    lw_simulate_page_import_scenario (self, file);
}

static void
open_chooser (LwSimulatePage       *self,
              GtkFileChooserAction  action)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  gboolean save = action == GTK_FILE_CHOOSER_ACTION_SAVE;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  if (self->chooser != NULL)
    return;

  chooser = gtk_file_chooser_native_new (save ? _("Export Scenario") : _("Import Scenario"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, action,
                                         save ? _("_Export") : _("_Import"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (filter, _("Scenarios (JSON)"));
  gtk_file_filter_add_mime_type (filter, "application/json");
  gtk_file_filter_add_pattern (filter, "*.json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  if (save)
    {
      LwScenario *scenario = lw_sim_context_get_scenario (self->context);
      g_autofree char *lower = g_ascii_strdown (scenario != NULL && scenario->name != NULL
                                                ? scenario->name : "scenario", -1);
      g_autofree char *name = NULL;

      g_strcanon (lower, "abcdefghijklmnopqrstuvwxyz0123456789", '-');
      name = g_strconcat (*lower != '\0' ? lower : "scenario", ".json", NULL);
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
    }
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), self);
  self->chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_show (self->chooser);
}

void
_lw_simulate_page_import_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  open_chooser (LW_SIMULATE_PAGE (widget), GTK_FILE_CHOOSER_ACTION_OPEN);
}

void
_lw_simulate_page_export_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  open_chooser (LW_SIMULATE_PAGE (widget), GTK_FILE_CHOOSER_ACTION_SAVE);
}
