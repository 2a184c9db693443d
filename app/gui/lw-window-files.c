/* lw-window-files.c: workspaces, revisions, import and export of the rules
 *
 * What reads or writes a file that can be large or slow (opening, creating
 * and copying a workspace, importing and exporting the rules) runs as a
 * GTask on a worker thread with the window's cancellable; the result is
 * applied in the callback, on the main thread. The worker never touches a
 * widget or the window's workspace: it gets what it needs in a Job. Saving
 * a revision is one small transaction and runs where it is asked for.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "lw-config-json.h"
#include "lw-window-private.h"

#define WORKSPACE_SUFFIX ".leadwright"
#define JSON_SUFFIX      ".json"

typedef enum
{
  JOB_OPEN,
  JOB_CREATE,
  JOB_SAVE_AS,
  JOB_IMPORT,
  JOB_EXPORT,
} JobKind;

/* What a worker thread gets and gives back. */
typedef struct
{
  JobKind      kind;
  char        *path;          /* NULL: the default workspace (JOB_OPEN) */
  LwTime       now;
  guint        serial;        /* JOB_OPEN, JOB_CREATE: the window's open_serial */
  gboolean     initial;       /* JOB_OPEN: the one the window starts with */
  gboolean     from_sample;   /* JOB_CREATE */
  LwConfig    *config;        /* JOB_IMPORT's result; JOB_EXPORT's rules */
  LwStore     *store;         /* JOB_SAVE_AS: the workspace's, then the copy */
  LwWorkspace *workspace;     /* JOB_OPEN's and JOB_CREATE's result */
} Job;

static void
job_free (Job *job)
{
  g_free (job->path);
  g_clear_pointer (&job->config, lw_config_unref);
  g_clear_pointer (&job->store, lw_store_unref);
  g_clear_object (&job->workspace);
  g_free (job);
}

static Job *
job_new (JobKind     kind,
         const char *path)
{
  Job *job = g_new0 (Job, 1);

  job->kind = kind;
  job->path = g_strdup (path);
  job->now = g_get_real_time () / G_USEC_PER_SEC;
  return job;
}

static char *
dup_display_name (const char *path)
{
  g_autofree char *base = g_filename_display_basename (path);
  gsize n = strlen (base), suffix = strlen (WORKSPACE_SUFFIX);

  if (n > suffix && g_str_has_suffix (base, WORKSPACE_SUFFIX))
    base[n - suffix] = '\0';
  return g_steal_pointer (&base);
}

/* ---- on the worker thread ---------------------------------------------------- */

static LwConfig *
load_sample (GError **error)
{
  const char *dirs[] = { g_getenv ("LW_SAMPLES_DIR"), PKGDATADIR "/samples", SOURCE_SAMPLES_DIR };

  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      g_autofree char *path = NULL;

      if (dirs[i] == NULL || dirs[i][0] == '\0')
        continue;
      path = g_build_filename (dirs[i], "b2b-playbook.json", NULL);
      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        return lw_config_load_file (path, NULL, error);
    }
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
               _("The sample playbook b2b-playbook.json was not found; "
                 "set LW_SAMPLES_DIR to the folder that holds it"));
  return NULL;
}

static gboolean
run_create (Job     *job,
            GError **error)
{
  g_autoptr(LwConfig) config = NULL;
  const char *note;

  if (job->from_sample)
    {
      config = load_sample (error);
      if (config == NULL)
        return FALSE;
      note = _("Sample playbook");
    }
  else
    {
      config = lw_config_new ();
      g_free (config->name);
      config->name = dup_display_name (job->path);
      note = _("Empty rule set");
    }

  job->workspace = lw_workspace_create (job->path, config, note, job->now, error);
  return job->workspace != NULL;
}

static void
run_job (GTask        *task,
         gpointer      source_object,
         gpointer      task_data,
         GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(GError) error = NULL;
  LwStore *copy = NULL;
  gboolean ok = FALSE;

  switch (job->kind)
    {
    case JOB_OPEN:
      job->workspace = lw_workspace_open (job->path, job->now, &error);
      ok = job->workspace != NULL;
      break;
    case JOB_CREATE:
      ok = run_create (job, &error);
      break;
    case JOB_SAVE_AS:
      ok = lw_store_save_copy (job->store, job->path, &error) &&
           (copy = lw_store_open (job->path, &error)) != NULL;
      g_clear_pointer (&job->store, lw_store_unref);
      job->store = copy;
      break;
    case JOB_IMPORT:
      job->config = lw_config_load_file (job->path, NULL, &error);
      ok = job->config != NULL;
      break;
    case JOB_EXPORT:
      ok = lw_config_save_file (job->config, job->path, &error);
      break;
    default:
      g_assert_not_reached ();
    }

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

/* ---- back on the main thread -------------------------------------------------- */

static void start_job (LwWindow *self,
                       Job      *job);

/* The workspace to open on the next start. */
static void
remember_workspace (LwWindow    *self,
                    LwWorkspace *workspace)
{
  g_autofree char *default_path = lw_store_default_path ();
  const char *path = lw_workspace_get_path (workspace);

  if (path == NULL || lw_workspace_is_file (workspace, default_path))
    g_settings_set_string (self->settings, "last-workspace", "");
  else
    g_settings_set_string (self->settings, "last-workspace", path);
}

static void
toast_printf (LwWindow   *self,
              const char *format,
              const char *name)
{
  g_autofree char *escaped = g_markup_escape_text (name, -1);
  g_autofree char *title = g_strdup_printf (format, escaped);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
}

static void
show_workspace (LwWindow *self,
                Job      *job)
{
  const char *recovery = lw_workspace_get_recovery_message (job->workspace);

  _lw_window_set_workspace (self, job->workspace);
  remember_workspace (self, job->workspace);
  if (recovery != NULL)
    _lw_window_show_error (self, _("Unsaved Changes Not Recovered"), recovery);
}

static void
opened (LwWindow *self,
        Job      *job,
        GError   *error)
{
  g_autofree char *default_path = NULL;

  if (job->serial != self->open_serial)
    return;   /* another open came after this one */

  if (error == NULL)
    {
      show_workspace (self, job);
      return;
    }

  if (!job->initial)
    {
      _lw_window_show_error (self, _("Could Not Open the Workspace"), error->message);
      return;
    }

  /* At start-up: the last workspace is gone or refused; the default one
   * opens instead, and says why. */
  default_path = lw_store_default_path ();
  if (job->path != NULL && g_strcmp0 (job->path, default_path) != 0)
    {
      Job *fallback = job_new (JOB_OPEN, NULL);

      _lw_window_show_error (self, _("Could Not Open the Last Workspace"), error->message);
      fallback->initial = TRUE;
      fallback->serial = ++self->open_serial;
      start_job (self, fallback);
      return;
    }

  _lw_window_show_failed (self, error->message);
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
  g_autofree char *name = NULL;

  if (!g_task_propagate_boolean (task, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;   /* the window is gone */

  _lw_window_set_busy (self, FALSE);

  switch (job->kind)
    {
    case JOB_OPEN:
      opened (self, job, error);
      break;

    case JOB_CREATE:
      if (error != NULL)
        _lw_window_show_error (self, _("Could Not Create the Workspace"), error->message);
      else if (job->serial == self->open_serial)
        {
          show_workspace (self, job);
          /* translators: %s is a workspace name */
          toast_printf (self, _("Created “%s”"), lw_workspace_get_name (job->workspace));
        }
      break;

    case JOB_SAVE_AS:
      if (error == NULL && self->workspace != NULL)
        lw_workspace_use_store (self->workspace, job->store, &error);
      if (error != NULL)
        _lw_window_show_error (self, _("Could Not Save the Workspace"), error->message);
      else if (self->workspace != NULL)
        {
          remember_workspace (self, self->workspace);
          /* translators: %s is a workspace name */
          toast_printf (self, _("Saved as “%s”"), lw_workspace_get_name (self->workspace));
        }
      break;

    case JOB_IMPORT:
      if (error != NULL)
        _lw_window_show_error (self, _("Could Not Import the Rules"), error->message);
      else if (self->workspace != NULL)
        {
          g_autofree char *title = NULL;

          lw_workspace_import_config (self->workspace, g_steal_pointer (&job->config), job->path);
          name = g_filename_display_basename (job->path);
          /* translators: %s is a file name */
          title = g_strdup_printf (_("Imported the rules from “%s”"), name);
          _lw_window_toast_undoable (self, title);
        }
      break;

    case JOB_EXPORT:
      if (error != NULL)
        _lw_window_show_error (self, _("Could Not Export the Rules"), error->message);
      else
        {
          name = g_filename_display_basename (job->path);
          /* translators: %s is a file name */
          toast_printf (self, _("Exported the rules to “%s”"), name);
        }
      break;

    default:
      g_assert_not_reached ();
    }
}

/* Takes @job. The window is the task's user data, not its source object:
 * a worker thread may drop the task's last reference. */
static void
start_job (LwWindow *self,
           Job      *job)
{
  g_autoptr(GTask) task = NULL;

  task = g_task_new (NULL, self->cancellable, job_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, start_job);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  /* A closed window does not wait for the file. */
  g_task_set_return_on_cancel (task, TRUE);

  _lw_window_set_busy (self, TRUE);
  g_task_run_in_thread (task, run_job);
}

void
_lw_window_open_initial (LwWindow *self)
{
  g_autofree char *last = NULL;
  Job *job;

  if (g_settings_get_boolean (self->settings, "open-last-workspace"))
    last = g_settings_get_string (self->settings, "last-workspace");
  if (last != NULL && (*last == '\0' || !g_file_test (last, G_FILE_TEST_EXISTS)))
    g_clear_pointer (&last, g_free);

  job = job_new (JOB_OPEN, last);
  job->initial = TRUE;
  job->serial = ++self->open_serial;
  start_job (self, job);
}

void
lw_window_open_workspace (LwWindow *self,
                          GFile    *file)
{
  g_autofree char *path = NULL;
  Job *job;

  g_return_if_fail (LW_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  path = g_file_get_path (file);
  if (path == NULL)
    {
      _lw_window_show_error (self, _("Could Not Open the Workspace"),
                             _("Only workspaces on this computer can be opened"));
      return;
    }
  if (self->workspace != NULL && lw_workspace_is_file (self->workspace, path))
    return;   /* open already */

  job = job_new (JOB_OPEN, path);
  job->serial = ++self->open_serial;
  start_job (self, job);
}

void
lw_window_import_rules (LwWindow *self,
                        GFile    *file)
{
  g_autofree char *path = NULL;

  g_return_if_fail (LW_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (self->workspace != NULL);

  path = g_file_get_path (file);
  if (path == NULL)
    {
      _lw_window_show_error (self, _("Could Not Import the Rules"),
                             _("Only files on this computer can be imported"));
      return;
    }
  start_job (self, job_new (JOB_IMPORT, path));
}

/* ---- file choosers ---------------------------------------------------------------- */

static GtkFileFilter *
workspace_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Leadwright Workspaces"));
  gtk_file_filter_add_mime_type (filter, "application/x-leadwright-workspace");
  gtk_file_filter_add_suffix (filter, "leadwright");
  return filter;
}

static GtkFileFilter *
json_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Rule Sets (JSON)"));
  gtk_file_filter_add_mime_type (filter, "application/json");
  gtk_file_filter_add_suffix (filter, "json");
  return filter;
}

static GtkFileFilter *
all_files_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("All Files"));
  gtk_file_filter_add_pattern (filter, "*");
  return filter;
}

/* Where a new file goes by default: beside the open workspace, unless
 * that is the default one, which lives out of sight in the data folder. */
static GFile *
dup_workspace_folder (LwWindow *self)
{
  g_autofree char *default_path = lw_store_default_path ();
  g_autofree char *dir = NULL;
  const char *path;

  if (self->workspace == NULL)
    return NULL;
  path = lw_workspace_get_path (self->workspace);
  if (path == NULL || lw_workspace_is_file (self->workspace, default_path))
    return NULL;
  dir = g_path_get_dirname (path);
  return g_file_new_for_path (dir);
}

typedef void (*ChosenFunc) (LwWindow   *self,
                            const char *path,
                            gpointer    data);

static void
chooser_responded_cb (GtkNativeDialog *chooser,
                     int              response,
                     LwWindow        *self)
{
  ChosenFunc func = g_object_get_data (G_OBJECT (chooser), "lw-chosen");
  gpointer data = g_object_get_data (G_OBJECT (chooser), "lw-data");
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    path = g_file_get_path (file);

  /* The window holds the chooser until it answers. */
  g_object_ref (chooser);
  if (self->chooser == chooser)
    g_clear_object (&self->chooser);

  if (path != NULL)
    func (self, path, data);
  else if (file != NULL)
    _lw_window_show_error (self, _("Could Not Use the File"),
                           _("Only files on this computer can be used"));
  g_object_unref (chooser);
}

/* Shows a file chooser; @func gets the chosen path. Filters are taken. */
static void
choose_file (LwWindow             *self,
             GtkFileChooserAction  action,
             const char           *title,
             const char           *accept,
             const char           *current_name,
             ChosenFunc            func,
             gpointer              data,
             GtkFileFilter        *filter,
             ...)
{
  GtkFileChooserNative *chooser;
  va_list args;

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);

  chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self), action, accept, _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  va_start (args, filter);
  for (GtkFileFilter *f = filter; f != NULL; f = va_arg (args, GtkFileFilter *))
    {
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), f);
      g_object_unref (f);
    }
  va_end (args);
  if (filter != NULL)
    gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (chooser), filter);

  if (current_name != NULL)
    {
      g_autoptr(GFile) folder = dup_workspace_folder (self);

      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), current_name);
      if (folder != NULL)
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
    }

  g_object_set_data (G_OBJECT (chooser), "lw-chosen", func);
  g_object_set_data (G_OBJECT (chooser), "lw-data", data);
  g_signal_connect_object (chooser, "response", G_CALLBACK (chooser_responded_cb), self, 0);
  self->chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_show (self->chooser);
}

/* "Q3 rules" → "Q3 rules.leadwright": a name typed without an extension
 * gets @suffix. */
static char *
dup_with_suffix (const char *path,
                 const char *suffix)
{
  g_autofree char *base = g_path_get_basename (path);

  if (strchr (base, '.') != NULL)
    return g_strdup (path);
  return g_strconcat (path, suffix, NULL);
}

/* FALSE, with a dialog, when @path is the open workspace's own file. */
static gboolean
check_not_open (LwWindow   *self,
                const char *path,
                const char *heading)
{
  g_autofree char *name = NULL;
  g_autofree char *body = NULL;

  if (self->workspace == NULL || !lw_workspace_is_file (self->workspace, path))
    return TRUE;

  name = g_filename_display_basename (path);
  /* translators: %s is a file name */
  body = g_strdup_printf (_("“%s” is the workspace open in this window. Choose another file."), name);
  _lw_window_show_error (self, heading, body);
  return FALSE;
}

/* ---- new, open, save as ------------------------------------------------------------- */

static void
new_workspace_chosen (LwWindow   *self,
                      const char *chosen,
                      gpointer    data)
{
  g_autofree char *path = dup_with_suffix (chosen, WORKSPACE_SUFFIX);
  Job *job;

  if (!check_not_open (self, path, _("Could Not Create the Workspace")))
    return;

  job = job_new (JOB_CREATE, path);
  job->from_sample = GPOINTER_TO_INT (data);
  job->serial = ++self->open_serial;
  start_job (self, job);
}

static void
new_workspace_responded_cb (AdwMessageDialog *dialog,
                           const char       *response,
                           LwWindow         *self)
{
  gboolean from_sample = g_strcmp0 (response, "sample") == 0;

  if (!from_sample && g_strcmp0 (response, "empty") != 0)
    return;

  choose_file (self, GTK_FILE_CHOOSER_ACTION_SAVE, _("New Workspace"), _("_Create"),
               _("New workspace.leadwright"), new_workspace_chosen, GINT_TO_POINTER (from_sample),
               workspace_filter (), NULL);
}

static void
new_workspace_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  LwWindow *self = LW_WINDOW (widget);
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("New Workspace"),
                                   _("Start from the sample playbook, a complete B2B inbound "
                                     "process to adapt, or from an empty rule set."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "empty", _("Start _Empty"),
                                    "sample", _("Use the _Sample"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "sample",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "sample");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (new_workspace_responded_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
open_workspace_chosen (LwWindow   *self,
                       const char *path,
                       gpointer    data)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  lw_window_open_workspace (self, file);
}

static void
open_workspace_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  choose_file (LW_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_OPEN, _("Open Workspace"), _("_Open"),
               NULL, open_workspace_chosen, NULL,
               workspace_filter (), all_files_filter (), NULL);
}

static void
save_as_chosen (LwWindow   *self,
                const char *chosen,
                gpointer    data)
{
  g_autofree char *path = dup_with_suffix (chosen, WORKSPACE_SUFFIX);
  Job *job;

  g_return_if_fail (self->workspace != NULL && lw_workspace_get_store (self->workspace) != NULL);

  if (!check_not_open (self, path, _("Could Not Save the Workspace")))
    return;

  job = job_new (JOB_SAVE_AS, path);
  job->store = lw_store_ref (lw_workspace_get_store (self->workspace));
  start_job (self, job);
}

static void
save_workspace_as_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  LwWindow *self = LW_WINDOW (widget);
  g_autofree char *name = NULL;

  g_return_if_fail (self->workspace != NULL);

  /* translators: the file name offered for a copy; %s is the workspace name */
  name = g_strdup_printf (_("%s (copy).leadwright"), lw_workspace_get_name (self->workspace));
  choose_file (self, GTK_FILE_CHOOSER_ACTION_SAVE, _("Save Workspace As"), _("_Save"),
               name, save_as_chosen, NULL, workspace_filter (), NULL);
}

/* ---- revisions ------------------------------------------------------------------------ */

static void
save_revision_responded_cb (AdwMessageDialog *dialog,
                           const char       *response,
                           LwWindow         *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_autoptr(GError) error = NULL;
  g_autofree char *note = NULL;
  g_autofree char *number = NULL;
  g_autofree char *title = NULL;
  gint64 id;

  if (g_strcmp0 (response, "save") != 0 || self->workspace == NULL)
    return;

  note = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  id = lw_workspace_save_revision (self->workspace, note, g_get_real_time () / G_USEC_PER_SEC, &error);
  if (id == 0)
    {
      _lw_window_show_error (self, _("Could Not Save the Revision"), error->message);
      return;
    }

  number = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  /* translators: %s is a revision number */
  title = g_strdup_printf (_("Saved revision %s"), number);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
}

static void
save_revision_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  LwWindow *self = LW_WINDOW (widget);
  GtkWidget *dialog;
  GtkWidget *entry;
  gint64 current;
  g_autofree char *body = NULL;

  g_return_if_fail (self->workspace != NULL);

  current = lw_workspace_find_current_revision (self->workspace);
  if (current != 0)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, current);

      /* translators: %s is a revision number */
      body = g_strdup_printf (_("The rules have not changed since revision %s. "
                                "Save them again with a new note?"), number);
    }
  else
    body = g_strdup (_("A revision keeps the rules as they are now. Its note helps find it "
                       "again in the revision history."));

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Save Revision"), body);
  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("What changed?"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Note"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (save_revision_responded_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

/* ---- import and export ----------------------------------------------------------------- */

static void
import_chosen (LwWindow   *self,
               const char *path,
               gpointer    data)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  lw_window_import_rules (self, file);
}

static void
import_rules_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  choose_file (LW_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_OPEN, _("Import Rules"), _("_Import"),
               NULL, import_chosen, NULL, json_filter (), all_files_filter (), NULL);
}

static void
export_chosen (LwWindow   *self,
               const char *chosen,
               gpointer    data)
{
  g_autofree char *path = dup_with_suffix (chosen, JSON_SUFFIX);
  Job *job;

  g_return_if_fail (self->workspace != NULL);

  job = job_new (JOB_EXPORT, path);
  /* A rule set is not changed once the workspace has it: the worker may
   * read it while editing goes on. */
  job->config = lw_config_ref ((LwConfig *) lw_workspace_get_config (self->workspace));
  start_job (self, job);
}

static void
export_rules_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  LwWindow *self = LW_WINDOW (widget);
  const LwConfig *config;
  g_autofree char *name = NULL;

  g_return_if_fail (self->workspace != NULL);

  config = lw_workspace_get_config (self->workspace);
  name = g_strconcat (config->name != NULL && config->name[0] != '\0'
                      ? config->name : lw_workspace_get_name (self->workspace),
                      JSON_SUFFIX, NULL);
  g_strdelimit (name, G_DIR_SEPARATOR_S, '-');
  choose_file (self, GTK_FILE_CHOOSER_ACTION_SAVE, _("Export Rules"), _("_Export"),
               name, export_chosen, NULL, json_filter (), NULL);
}

/* ---- dropped files ----------------------------------------------------------------------- */

static gboolean
dropped_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         LwWindow      *self)
{
  GdkFileList *list = g_value_get_boxed (value);
  g_autoptr(GSList) files = list != NULL ? gdk_file_list_get_files (list) : NULL;
  g_autofree char *name = NULL;
  GFile *file;

  if (files == NULL || self->busy > 0)
    return FALSE;

  file = files->data;
  name = g_file_get_basename (file);
  if (g_str_has_suffix (name, WORKSPACE_SUFFIX))
    {
      lw_window_open_workspace (self, file);
      return TRUE;
    }
  if (g_str_has_suffix (name, JSON_SUFFIX) && self->workspace != NULL)
    {
      lw_window_import_rules (self, file);
      return TRUE;
    }

  adw_toast_overlay_add_toast (self->toast_overlay,
                               adw_toast_new (_("Drop a rule set (.json) to import it, "
                                                "or a workspace (.leadwright) to open it")));
  return FALSE;
}

/* ---- setup ---------------------------------------------------------------------------------- */

void
_lw_window_class_add_file_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.new-workspace", NULL, new_workspace_action);
  gtk_widget_class_install_action (widget_class, "win.open-workspace", NULL, open_workspace_action);
  gtk_widget_class_install_action (widget_class, "win.save-workspace-as", NULL, save_workspace_as_action);
  gtk_widget_class_install_action (widget_class, "win.save-revision", NULL, save_revision_action);
  gtk_widget_class_install_action (widget_class, "win.import-rules", NULL, import_rules_action);
  gtk_widget_class_install_action (widget_class, "win.export-rules", NULL, export_rules_action);
}

void
_lw_window_init_files (LwWindow *self)
{
  GtkDropTarget *target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

  g_signal_connect_object (target, "drop", G_CALLBACK (dropped_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
}
