/* lw-export-actions.c: the window's Export menu and its imports
 *
 * Every export and the Salesforce import is a Job run on a worker thread
 * (GTask, the window's cancellable): the worker gets the rules (a rule set
 * is never changed once the workspace has it, so a reference is enough)
 * and the workspace file's path, opens a store connection of its own when
 * it needs the runs or the live leads, and hands back the warnings. The
 * window is the task's user data, never its source object.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "lw-config-json.h"
#include "lw-export-actions.h"
#include "lw-export-hubspot.h"
#include "lw-export-playbook.h"
#include "lw-export-salesforce.h"
#include "lw-import-leads-dialog.h"
#include "lw-import-salesforce.h"
#include "lw-lead-export.h"
#include "lw-playbook-figures.h"
#include "lw-scenario.h"
#include "lw-window-private.h"

/* What the worker does. */
typedef enum
{
  JOB_EXPORT,
  JOB_IMPORT_SALESFORCE,
} JobKind;

typedef struct
{
  JobKind       kind;
  LwExportKind  export;
  char         *path;          /* the file or folder written or read */
  char         *store_path;    /* the workspace file; NULL in memory */
  LwConfig     *config;        /* the rules exported, or the base of the import */
  LwTime        now;
  GPtrArray    *warnings;      /* LwDiagnostic */
  LwConfig     *imported;      /* JOB_IMPORT_SALESFORCE's result */
  char         *mapping_used;  /* the Salesforce mapping file read, or NULL */
} Job;

static void
job_free (Job *job)
{
  g_free (job->path);
  g_free (job->store_path);
  g_clear_pointer (&job->config, lw_config_unref);
  g_clear_pointer (&job->warnings, g_ptr_array_unref);
  g_clear_pointer (&job->imported, lw_config_unref);
  g_free (job->mapping_used);
  g_free (job);
}

/* ---- what each export is ------------------------------------------------------ */

typedef enum
{
  FILTER_JSON,
  FILTER_MARKDOWN,
  FILTER_HTML,
  FILTER_CSV,
  FILTER_NONE,
} FilterKind;

typedef struct
{
  const char *action;
  const char *title;        /* the file chooser's */
  const char *name;         /* the suggested name, with %s the rule set's name */
  const char *suffix;
  FilterKind  filter;
  gboolean    needs_file;   /* reads the workspace file's runs or live leads */
} ExportInfo;

static const ExportInfo exports[LW_N_EXPORTS] = {
  [LW_EXPORT_SCENARIO] = {
    "export-scenario", N_("Export Scenario"),
    /* translators: a file name; %s is the rule set's name */
    N_("%s scenario.json"), ".json", FILTER_JSON, FALSE },
  [LW_EXPORT_SALESFORCE] = {
    "export-salesforce", N_("Export Salesforce Metadata to a Folder"),
    NULL, NULL, FILTER_NONE, FALSE },
  [LW_EXPORT_HUBSPOT] = {
    "export-hubspot", N_("Export for HubSpot"),
    /* translators: a file name; %s is the rule set's name */
    N_("%s HubSpot.json"), ".json", FILTER_JSON, FALSE },
  [LW_EXPORT_PLAYBOOK_MARKDOWN] = {
    "export-playbook-markdown", N_("Export Playbook as Markdown"),
    "%s.md", ".md", FILTER_MARKDOWN, FALSE },
  [LW_EXPORT_PLAYBOOK_HTML] = {
    "export-playbook-html", N_("Export Playbook as a Web Page"),
    "%s.html", ".html", FILTER_HTML, FALSE },
  [LW_EXPORT_RUN_LEADS] = {
    "export-run-leads", N_("Export the Leads of the Latest Run"),
    /* translators: a file name; %s is the rule set's name */
    N_("%s leads.csv"), ".csv", FILTER_CSV, TRUE },
  [LW_EXPORT_RUN_EVENTS] = {
    "export-run-events", N_("Export the Events of the Latest Run"),
    /* translators: a file name; %s is the rule set's name */
    N_("%s events.csv"), ".csv", FILTER_CSV, TRUE },
  [LW_EXPORT_LIVE_LEADS] = {
    "export-live-leads", N_("Export the Live Leads"),
    /* translators: a file name; %s is the rule set's name */
    N_("%s live leads.csv"), ".csv", FILTER_CSV, TRUE },
};

/* ---- on the worker thread --------------------------------------------------------- */

static char *
dup_sample_path (const char *name)
{
  const char *dirs[] = { g_getenv ("LW_SAMPLES_DIR"), PKGDATADIR "/samples", SOURCE_SAMPLES_DIR };

  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      g_autofree char *path = NULL;

      if (dirs[i] == NULL || dirs[i][0] == '\0')
        continue;
      path = g_build_filename (dirs[i], name, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        return g_steal_pointer (&path);
    }
  return NULL;
}

static LwStore *
open_store (Job     *job,
            GError **error)
{
  if (job->store_path == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("This workspace is not saved in a file, so it has no runs or live leads"));
      return NULL;
    }
  return lw_store_open (job->store_path, error);
}

static gboolean
write_text (const char  *path,
            const char  *text,
            gsize        length,
            GError     **error)
{
  return g_file_set_contents (path, text, length, error);
}

/* The scenario of the latest run that recorded one, else the sample's. */
static gboolean
export_scenario (Job           *job,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr(LwScenario) scenario = NULL;
  g_autofree char *json = NULL;
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;
  gsize length = 0;

  if (job->store_path != NULL)
    {
      g_autoptr(LwStore) store = lw_store_open (job->store_path, error);
      g_autoptr(GPtrArray) runs = NULL;

      if (store == NULL || (runs = lw_store_list_runs (store, error)) == NULL)
        return FALSE;
      for (guint i = 0; json == NULL && i < runs->len; i++)
        {
          const LwRunInfo *info = g_ptr_array_index (runs, i);

          if (info->scenario != NULL)
            {
              g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, info->id);

              json = g_strdup (info->scenario);
              /* translators: where a scenario came from, in messages; %s is a run number */
              name = g_strdup_printf (_("run %s"), number);
            }
        }
    }
  if (json == NULL)
    {
      g_autofree char *path = dup_sample_path ("inbound-scenario.json");

      if (path == NULL)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                               _("No run recorded a scenario and the sample scenario "
                                 "inbound-scenario.json was not found"));
          return FALSE;
        }
      if (!g_file_get_contents (path, &json, NULL, error))
        return FALSE;
      name = g_steal_pointer (&path);
    }

  scenario = lw_scenario_load_data (json, -1, name, NULL, error);
  if (scenario == NULL)
    return FALSE;
  text = lw_scenario_to_data (scenario, &length);
  return write_text (job->path, text, length, error);
}

/* Reads the Salesforce mapping at @path when it is there. */
static gboolean
load_salesforce_mapping (Job                  *job,
                         const char           *path,
                         LwSalesforceMapping **mapping,
                         GError              **error)
{
  if (*mapping != NULL || !g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return TRUE;
  *mapping = lw_salesforce_mapping_load_file (path, error);
  if (*mapping == NULL)
    return FALSE;
  job->mapping_used = g_strdup (path);
  return TRUE;
}

static gboolean
export_salesforce (Job     *job,
                   GError **error)
{
  g_autoptr(LwSalesforceMapping) mapping = NULL;
  g_autoptr(LwSalesforceExport) export = NULL;
  g_autofree char *mapping_path = g_build_filename (job->path, LW_SALESFORCE_MAPPING_FILE, NULL);

  /* A mapping written here before, and perhaps edited since, is kept. */
  if (!load_salesforce_mapping (job, mapping_path, &mapping, error))
    return FALSE;
  export = lw_salesforce_export (job->config, mapping, job->warnings);
  return lw_salesforce_export_write (export, job->path, error);
}

static gboolean
export_playbook (Job           *job,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr(LwPlaybookRun) run = NULL;
  g_autofree char *text = NULL;
  const LwPlaybookFigures *figures = NULL;

  /* With the figures of the latest run, when there is one. */
  if (job->store_path != NULL)
    {
      g_autoptr(LwStore) store = lw_store_open (job->store_path, error);
      g_autoptr(GError) local_error = NULL;

      if (store == NULL)
        return FALSE;
      run = lw_playbook_run_query (store, job->config, 0, cancellable, &local_error);
      if (run == NULL && !g_error_matches (local_error, LW_STORE_ERROR, LW_STORE_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (run != NULL)
        figures = lw_playbook_run_get_figures (run);
    }

  if (job->export == LW_EXPORT_PLAYBOOK_HTML)
    text = lw_playbook_to_html (job->config, figures);
  else
    text = lw_playbook_to_markdown (job->config, figures);
  return write_text (job->path, text, strlen (text), error);
}

static gboolean
export_live_leads (Job           *job,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(LwStore) store = open_store (job, error);
  g_autoptr(LwCsvWriter) writer = NULL;

  if (store == NULL)
    return FALSE;
  writer = lw_csv_writer_new_for_path (job->path, LW_CSV_WRITE_DEFAULT, error);
  return writer != NULL &&
         lw_lead_export_live (store, job->config, job->now, writer, cancellable, NULL, error) &&
         lw_csv_writer_finish (writer, cancellable, error);
}

static gboolean
run_export (Job           *job,
            GCancellable  *cancellable,
            GError       **error)
{
  switch (job->export)
    {
    case LW_EXPORT_SCENARIO:
      return export_scenario (job, cancellable, error);

    case LW_EXPORT_SALESFORCE:
      return export_salesforce (job, error);

    case LW_EXPORT_HUBSPOT:
      {
        gsize length = 0;
        g_autofree char *text = lw_hubspot_export_to_data (job->config, job->warnings, &length);

        return write_text (job->path, text, length, error);
      }

    case LW_EXPORT_PLAYBOOK_MARKDOWN:
    case LW_EXPORT_PLAYBOOK_HTML:
      return export_playbook (job, cancellable, error);

    case LW_EXPORT_RUN_LEADS:
    case LW_EXPORT_RUN_EVENTS:
      {
        g_autoptr(LwStore) store = open_store (job, error);

        return store != NULL &&
               lw_lead_export_run_to_path (store, 0,
                                           job->export == LW_EXPORT_RUN_LEADS
                                           ? LW_LEAD_EXPORT_LEADS : LW_LEAD_EXPORT_EVENTS,
                                           job->path, LW_CSV_WRITE_DEFAULT, cancellable,
                                           NULL, NULL, NULL, error);
      }

    case LW_EXPORT_LIVE_LEADS:
      return export_live_leads (job, cancellable, error);

    case LW_N_EXPORTS:
    default:
      g_assert_not_reached ();
    }
  return FALSE;
}

static gboolean
run_import_salesforce (Job     *job,
                       GError **error)
{
  g_autoptr(LwSalesforceMapping) mapping = NULL;
  g_autofree char *dir = g_path_get_dirname (job->path);
  g_autofree char *parent = g_path_get_dirname (dir);
  g_autofree char *beside = g_build_filename (dir, LW_SALESFORCE_MAPPING_FILE, NULL);
  g_autofree char *above = g_build_filename (parent, LW_SALESFORCE_MAPPING_FILE, NULL);

  /* The export puts the rules in assignmentRules/ and the mapping above. */
  if (!load_salesforce_mapping (job, beside, &mapping, error) ||
      !load_salesforce_mapping (job, above, &mapping, error))
    return FALSE;
  job->imported = lw_salesforce_import_file (job->config, mapping, job->path, job->warnings, error);
  return job->imported != NULL;
}

static void
run_job (GTask        *task,
         gpointer      source_object,
         gpointer      task_data,
         GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (job->kind == JOB_EXPORT)
    ok = run_export (job, cancellable, &error);
  else
    ok = run_import_salesforce (job, &error);

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

/* ---- the report, on the main thread ------------------------------------------------ */

static void
open_uri_cb (AdwToast *toast,
             LwWindow *self)
{
  const char *uri = g_object_get_data (G_OBJECT (toast), "lw-uri");

  gtk_show_uri (GTK_WINDOW (self), uri, GDK_CURRENT_TIME);
}

/* "Exported to NAME" with a button that opens it. */
static void
toast_exported (LwWindow   *self,
                const char *path,
                gboolean    folder)
{
  g_autofree char *name = g_filename_display_basename (path);
  g_autofree char *title = NULL;
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  AdwToast *toast;

  /* translators: %s is a file or folder name */
  title = g_markup_printf_escaped (_("Exported to “%s”"), name);
  toast = adw_toast_new (title);
  if (uri != NULL)
    {
      adw_toast_set_button_label (toast, folder ? _("Open _Folder") : _("_Open"));
      g_object_set_data_full (G_OBJECT (toast), "lw-uri", g_steal_pointer (&uri), g_free);
      g_signal_connect_object (toast, "button-clicked", G_CALLBACK (open_uri_cb), self, 0);
    }
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* A scrollable list of @warnings, each its message with where it is. */
static GtkWidget *
create_warning_list (GPtrArray *warnings)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *list = gtk_list_box_new ();

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 320);
  /* Wider than a plain message: each warning is a sentence or two. */
  gtk_widget_set_size_request (scroller, 440, -1);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_widget_add_css_class (list, "lw-warning-list");
  gtk_widget_set_margin_top (list, 2);
  gtk_widget_set_margin_bottom (list, 2);
  gtk_widget_set_margin_start (list, 2);
  gtk_widget_set_margin_end (list, 2);

  for (guint i = 0; i < warnings->len; i++)
    {
      const LwDiagnostic *d = g_ptr_array_index (warnings, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *title = g_markup_escape_text (d->message != NULL ? d->message : "", -1);
      g_autofree char *where = NULL;

      if (d->line > 0 && d->path != NULL)
        /* translators: where an imported item is: a line of the file, then its path in it */
        where = g_strdup_printf (_("Line %d, %s"), d->line, d->path);
      else if (d->path != NULL)
        where = g_strdup (d->path);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      if (where != NULL)
        {
          g_autofree char *subtitle = g_markup_escape_text (where, -1);

          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
        }
      gtk_widget_add_css_class (row, "lw-warning-row");
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), list);
  return scroller;
}

static void
warnings_responded_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       LwWindow         *self)
{
  const char *uri = g_object_get_data (G_OBJECT (dialog), "lw-uri");

  if (g_strcmp0 (response, "open") == 0 && uri != NULL)
    gtk_show_uri (GTK_WINDOW (self), uri, GDK_CURRENT_TIME);
  else if (g_strcmp0 (response, "undo") == 0 && self->workspace != NULL)
    lw_workspace_undo (self->workspace);
}

static GtkWidget *
create_warnings_dialog (LwWindow   *self,
                        const char *heading,
                        const char *body,
                        GPtrArray  *warnings)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), create_warning_list (warnings));
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_widget_add_css_class (dialog, "lw-report-dialog");
  g_signal_connect_object (dialog, "response", G_CALLBACK (warnings_responded_cb), self, 0);
  return dialog;
}

static void
show_export_warnings (LwWindow *self,
                      Job      *job)
{
  g_autofree char *name = g_filename_display_basename (job->path);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  g_autofree char *uri = g_filename_to_uri (job->path, NULL, NULL);
  const char *target = job->export == LW_EXPORT_SALESFORCE ? "Salesforce" : "HubSpot";
  GtkWidget *dialog;

  /* translators: a dialog's heading; %u is the number of warnings */
  heading = g_strdup_printf (ngettext ("Exported With %u Warning", "Exported With %u Warnings",
                                       job->warnings->len), job->warnings->len);
  if (job->mapping_used != NULL)
    /* translators: %s (first) is Salesforce, the second a folder name */
    body = g_strdup_printf (_("%s cannot express everything in these rules: what the export "
                              "leaves out is listed below. It is in “%s”, written with the "
                              "mapping already there."), target, name);
  else
    /* translators: %s (first) is Salesforce or HubSpot, the second a file or folder name */
    body = g_strdup_printf (_("%s cannot express everything in these rules: what the export "
                              "leaves out is listed below. It is in “%s”."), target, name);

  dialog = create_warnings_dialog (self, heading, body, job->warnings);
  if (uri != NULL)
    {
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "open",
                                       job->export == LW_EXPORT_SALESFORCE
                                       ? _("Open _Folder") : _("_Open"));
      g_object_set_data_full (G_OBJECT (dialog), "lw-uri", g_steal_pointer (&uri), g_free);
    }
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
imported_salesforce (LwWindow *self,
                     Job      *job)
{
  g_autofree char *name = g_filename_display_basename (job->path);
  guint n_rules = job->imported->rules->len;

  /* The rules changed while the file was read: applying the import would
   * undo those edits without a word. */
  if (lw_workspace_get_config (self->workspace) != job->config)
    {
      _lw_window_show_error (self, _("Could Not Import the Assignment Rules"),
                             _("The rules changed while the file was read. Import it again."));
      return;
    }

  lw_workspace_apply (self->workspace, g_steal_pointer (&job->imported),
                      _("Import Salesforce assignment rules"));

  if (job->warnings->len > 0)
    {
      g_autofree char *heading = NULL;
      g_autofree char *body = NULL;
      GtkWidget *dialog;

      /* translators: a dialog's heading; %u is the number of things that did not map */
      heading = g_strdup_printf (ngettext ("Imported With %u Note", "Imported With %u Notes",
                                           job->warnings->len), job->warnings->len);
      /* translators: %u is a number of routing rules, %s a file name */
      body = g_strdup_printf (ngettext ("The routing now has %u rule from “%s”. What did not map, "
                                        "or was added to the rules so that it does, is listed below.",
                                        "The routing now has %u rules from “%s”. What did not map, "
                                        "or was added to the rules so that it does, is listed below.",
                                        n_rules), n_rules, name);
      dialog = create_warnings_dialog (self, heading, body, job->warnings);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "undo", _("_Undo Import"));
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "undo",
                                                  ADW_RESPONSE_DESTRUCTIVE);
      gtk_window_present (GTK_WINDOW (dialog));
    }
  else
    {
      g_autofree char *title = NULL;

      /* translators: %u is a number of routing rules, %s a file name */
      title = g_strdup_printf (ngettext ("Imported %u routing rule from “%s”",
                                         "Imported %u routing rules from “%s”", n_rules),
                               n_rules, name);
      _lw_window_toast_undoable (self, title);
    }
}

static void
job_done_cb (GObject      *source_object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(LwWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  GTask *task = G_TASK (result);
  Job *job = g_task_get_task_data (task);

  if (!g_task_propagate_boolean (task, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;   /* the window is gone */

  _lw_window_set_busy (self, FALSE);

  if (job->kind == JOB_IMPORT_SALESFORCE)
    {
      if (error != NULL)
        _lw_window_show_error (self, _("Could Not Import the Assignment Rules"), error->message);
      else if (self->workspace != NULL)
        imported_salesforce (self, job);
      return;
    }

  if (error != NULL)
    _lw_window_show_error (self, _("Could Not Export"), error->message);
  else if (job->warnings->len > 0)
    show_export_warnings (self, job);
  else
    toast_exported (self, job->path, job->export == LW_EXPORT_SALESFORCE);
}

/* Takes @job. */
static void
start_job (LwWindow *self,
           Job      *job)
{
  g_autoptr(GTask) task = NULL;

  task = g_task_new (NULL, self->cancellable, job_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, start_job);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_set_return_on_cancel (task, TRUE);

  _lw_window_set_busy (self, TRUE);
  g_task_run_in_thread (task, run_job);
}

static Job *
job_new (LwWindow   *self,
         JobKind     kind,
         const char *path)
{
  Job *job = g_new0 (Job, 1);

  job->kind = kind;
  job->path = g_strdup (path);
  job->store_path = g_strdup (lw_workspace_get_path (self->workspace));
  job->config = lw_config_ref ((LwConfig *) lw_workspace_get_config (self->workspace));
  job->now = g_get_real_time () / G_USEC_PER_SEC;
  job->warnings = lw_diagnostics_new ();
  return job;
}

/* The local path of @file, or NULL after saying why not. */
static char *
dup_local_path (LwWindow   *self,
                GFile      *file,
                const char *heading)
{
  char *path = g_file_get_path (file);

  if (path == NULL)
    _lw_window_show_error (self, heading, _("Only files on this computer can be used"));
  return path;
}

void
lw_export_actions_write (LwWindow     *self,
                         LwExportKind  kind,
                         GFile        *file)
{
  g_autofree char *path = NULL;
  Job *job;

  g_return_if_fail (LW_IS_WINDOW (self));
  g_return_if_fail ((guint) kind < LW_N_EXPORTS);
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (self->workspace != NULL);

  path = dup_local_path (self, file, _("Could Not Export"));
  if (path == NULL)
    return;
  job = job_new (self, JOB_EXPORT, path);
  job->export = kind;
  start_job (self, job);
}

void
lw_export_actions_import_salesforce (LwWindow *self,
                                     GFile    *file)
{
  g_autofree char *path = NULL;

  g_return_if_fail (LW_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (self->workspace != NULL);

  path = dup_local_path (self, file, _("Could Not Import the Assignment Rules"));
  if (path != NULL)
    start_job (self, job_new (self, JOB_IMPORT_SALESFORCE, path));
}

void
lw_export_actions_import_leads (LwWindow *self,
                                GFile    *file)
{
  GtkWidget *dialog;

  g_return_if_fail (LW_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (self->workspace != NULL);

  dialog = lw_import_leads_dialog_new (GTK_WINDOW (self), self->workspace, file);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- file choosers ------------------------------------------------------------------ */

static GtkFileFilter *
new_filter (const char *name,
            const char *mime_type,
            const char *suffix)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  if (mime_type != NULL)
    gtk_file_filter_add_mime_type (filter, mime_type);
  if (suffix != NULL)
    gtk_file_filter_add_suffix (filter, suffix);
  else
    gtk_file_filter_add_pattern (filter, "*");
  return filter;
}

static GtkFileFilter *
filter_of (FilterKind kind)
{
  switch (kind)
    {
    case FILTER_JSON:
      return new_filter (_("JSON Files"), "application/json", "json");
    case FILTER_MARKDOWN:
      return new_filter (_("Markdown Documents"), "text/markdown", "md");
    case FILTER_HTML:
      return new_filter (_("Web Pages"), "text/html", "html");
    case FILTER_CSV:
      return new_filter (_("CSV Files"), "text/csv", "csv");
    case FILTER_NONE:
    default:
      return NULL;
    }
}

typedef void (*ChosenFunc) (LwWindow *self,
                            GFile    *file,
                            gpointer  data);

static void
chooser_responded_cb (GtkNativeDialog *chooser,
                      int              response,
                      LwWindow        *self)
{
  ChosenFunc func = g_object_get_data (G_OBJECT (chooser), "lw-io-chosen");
  gpointer data = g_object_get_data (G_OBJECT (chooser), "lw-io-data");
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  /* The window holds the chooser until it answers. */
  g_object_ref (chooser);
  if (self->chooser == chooser)
    g_clear_object (&self->chooser);
  if (file != NULL && self->workspace != NULL)
    func (self, file, data);
  g_object_unref (chooser);
}

/* Where a new file goes by default: beside the open workspace, unless
 * that is the default one, out of sight in the data folder. */
static GFile *
dup_workspace_folder (LwWindow *self)
{
  g_autofree char *default_path = lw_store_default_path ();
  g_autofree char *dir = NULL;
  const char *path = lw_workspace_get_path (self->workspace);

  if (path == NULL || lw_workspace_is_file (self->workspace, default_path))
    return NULL;
  dir = g_path_get_dirname (path);
  return g_file_new_for_path (dir);
}

/* Shows a file chooser; @func gets the chosen file. Takes the filters. */
static void
choose (LwWindow             *self,
        GtkFileChooserAction  action,
        const char           *title,
        const char           *accept,
        const char           *current_name,
        ChosenFunc            func,
        gpointer              data,
        GtkFileFilter        *filter,
        GtkFileFilter        *all_files)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GFile) folder = NULL;

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);

  chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self), action, accept, _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  if (filter != NULL)
    {
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
      gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (chooser), filter);
      g_object_unref (filter);
    }
  if (all_files != NULL)
    {
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all_files);
      g_object_unref (all_files);
    }
  folder = dup_workspace_folder (self);
  if (current_name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), current_name);
  if (folder != NULL && action != GTK_FILE_CHOOSER_ACTION_OPEN)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);

  g_object_set_data (G_OBJECT (chooser), "lw-io-chosen", func);
  g_object_set_data (G_OBJECT (chooser), "lw-io-data", data);
  g_signal_connect_object (chooser, "response", G_CALLBACK (chooser_responded_cb), self, 0);
  self->chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_show (self->chooser);
}

/* "Q3 rules" -> "Q3 rules.md": a name typed without an extension gets
 * the export's. */
static GFile *
dup_with_suffix (GFile      *file,
                 const char *suffix)
{
  g_autofree char *base = g_file_get_basename (file);
  g_autoptr(GFile) parent = NULL;
  g_autofree char *name = NULL;

  if (suffix == NULL || base == NULL || strchr (base, '.') != NULL)
    return g_object_ref (file);
  parent = g_file_get_parent (file);
  name = g_strconcat (base, suffix, NULL);
  return parent != NULL ? g_file_get_child (parent, name) : g_object_ref (file);
}

static void
export_chosen (LwWindow *self,
               GFile    *file,
               gpointer  data)
{
  LwExportKind kind = GPOINTER_TO_INT (data);
  g_autoptr(GFile) target = dup_with_suffix (file, exports[kind].suffix);

  lw_export_actions_write (self, kind, target);
}

/* The rule set's name as the start of a file name. */
static char *
dup_base_name (LwWindow *self)
{
  const LwConfig *config = lw_workspace_get_config (self->workspace);
  char *name = g_strdup (config->name != NULL && config->name[0] != '\0'
                         ? config->name : lw_workspace_get_name (self->workspace));

  g_strdelimit (name, G_DIR_SEPARATOR_S, '-');
  return name;
}

static void
export_activated_cb (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  LwWindow *self = user_data;
  const char *name = g_action_get_name (G_ACTION (action));
  g_autofree char *base = NULL;
  g_autofree char *current = NULL;
  guint kind;

  if (self->workspace == NULL)
    return;
  for (kind = 0; kind < LW_N_EXPORTS; kind++)
    if (g_strcmp0 (exports[kind].action, name) == 0)
      break;
  g_return_if_fail (kind < LW_N_EXPORTS);

  if (kind == LW_EXPORT_SALESFORCE)
    {
      choose (self, GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _(exports[kind].title), _("_Export Here"),
              NULL, export_chosen, GINT_TO_POINTER (kind), NULL, NULL);
      return;
    }

  base = dup_base_name (self);
  current = g_strdup_printf (_(exports[kind].name), base);
  choose (self, GTK_FILE_CHOOSER_ACTION_SAVE, _(exports[kind].title), _("_Export"), current,
          export_chosen, GINT_TO_POINTER (kind), filter_of (exports[kind].filter), NULL);
}

static void
import_leads_chosen (LwWindow *self,
                     GFile    *file,
                     gpointer  data)
{
  lw_export_actions_import_leads (self, file);
}

static void
import_leads_activated_cb (GSimpleAction *action,
                           GVariant      *parameter,
                           gpointer       user_data)
{
  LwWindow *self = user_data;

  if (self->workspace == NULL)
    return;
  choose (self, GTK_FILE_CHOOSER_ACTION_OPEN, _("Import Leads"), _("_Open"), NULL,
          import_leads_chosen, NULL, filter_of (FILTER_CSV),
          new_filter (_("All Files"), NULL, NULL));
}

static void
import_salesforce_chosen (LwWindow *self,
                          GFile    *file,
                          gpointer  data)
{
  lw_export_actions_import_salesforce (self, file);
}

static void
import_salesforce_activated_cb (GSimpleAction *action,
                                GVariant      *parameter,
                                gpointer       user_data)
{
  LwWindow *self = user_data;

  if (self->workspace == NULL)
    return;
  choose (self, GTK_FILE_CHOOSER_ACTION_OPEN, _("Import Salesforce Assignment Rules"), _("_Import"),
          NULL, import_salesforce_chosen, NULL,
          new_filter (_("Salesforce Metadata (XML)"), "application/xml", "xml"),
          new_filter (_("All Files"), NULL, NULL));
}

/* ---- setup ---------------------------------------------------------------------------- */

/* Whether the workspace's file holds a finished run, which the exports
 * of the latest run write. The runs are a short table: reading it here
 * costs what the Simulate page's list of runs costs. */
static gboolean
has_finished_run (LwWindow *self)
{
  LwStore *store = lw_workspace_get_store (self->workspace);
  g_autoptr(GPtrArray) runs = NULL;

  if (store == NULL || (runs = lw_store_list_runs (store, NULL)) == NULL)
    return FALSE;
  for (guint i = 0; i < runs->len; i++)
    if (((LwRunInfo *) g_ptr_array_index (runs, i))->status == LW_RUN_FINISHED)
      return TRUE;
  return FALSE;
}

/* Enabled while there is a workspace (in a file, for those that read
 * its runs or live leads; with a finished run, for those of the latest
 * run) and no file operation runs. */
static void
update_enabled (LwWindow *self)
{
  gboolean open = self->workspace != NULL;
  gboolean in_file = open && lw_workspace_get_path (self->workspace) != NULL;
  gboolean idle = !lw_window_get_busy (self);
  gboolean with_run = in_file && idle && has_finished_run (self);
  GActionMap *map = G_ACTION_MAP (self);

  for (guint kind = 0; kind < LW_N_EXPORTS; kind++)
    {
      gboolean enabled = idle && (exports[kind].needs_file ? in_file : open);

      if (kind == LW_EXPORT_RUN_LEADS || kind == LW_EXPORT_RUN_EVENTS)
        enabled = enabled && with_run;
      g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (map, exports[kind].action)),
                                   enabled);
    }
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (map, "import-leads")),
                               idle && in_file);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (map, "import-salesforce")),
                               idle && open);
}

/* A run that ends may be the first finished one. */
static void
run_progress_cb (LwWorkspace *workspace,
                 gint64       run,
                 gboolean     finished,
                 LwWindow    *self)
{
  if (finished && workspace == self->workspace)
    update_enabled (self);
}

static void
workspace_changed_cb (LwWindow *self)
{
  if (self->workspace != NULL)
    {
      g_signal_connect_object (self->workspace, "notify::path", G_CALLBACK (update_enabled), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (self->workspace, "run-progress", G_CALLBACK (run_progress_cb), self, 0);
    }
  update_enabled (self);
}

void
lw_export_actions_install (LwWindow *self)
{
  GActionEntry entries[LW_N_EXPORTS + 2] = { { NULL, }, };

  g_return_if_fail (LW_IS_WINDOW (self));

  for (guint kind = 0; kind < LW_N_EXPORTS; kind++)
    {
      entries[kind].name = exports[kind].action;
      entries[kind].activate = export_activated_cb;
    }
  entries[LW_N_EXPORTS].name = "import-leads";
  entries[LW_N_EXPORTS].activate = import_leads_activated_cb;
  entries[LW_N_EXPORTS + 1].name = "import-salesforce";
  entries[LW_N_EXPORTS + 1].activate = import_salesforce_activated_cb;
  g_action_map_add_action_entries (G_ACTION_MAP (self), entries, G_N_ELEMENTS (entries), self);

  g_signal_connect (self, "notify::workspace", G_CALLBACK (workspace_changed_cb), NULL);
  g_signal_connect (self, "notify::busy", G_CALLBACK (update_enabled), NULL);
  workspace_changed_cb (self);
}
