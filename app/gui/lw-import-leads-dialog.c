/* lw-import-leads-dialog.c: real leads from a CSV file into the workspace
 *
 * Three kinds of work run on worker threads, each with a store connection
 * of its own on the workspace's file: the read (a dry run of the import,
 * plus the first values of each column), the import, and the replay. The
 * dialog is their user data (with a reference), never their source
 * object; each carries a serial so that an answer to an older read is
 * dropped. The rules are taken once, when the dialog opens: a rule set is
 * never changed once the workspace has it, so the workers may read it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "lw-import-leads-dialog.h"
#include "lw-live-replay.h"
#include "lw-window.h"

/* The values shown under a column's name. */
#define N_SAMPLES        3
#define SAMPLE_RECORDS   50
#define SAMPLE_CHARS     32
/* Problems listed; the others are counted. */
#define MAX_SHOWN        100
/* A change of mapping reads the file again after this pause (ms). */
#define REREAD_DELAY     300

struct _LwImportLeadsDialog
{
  AdwWindow             parent_instance;

  /* template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  GtkButton            *close_button;
  GtkWidget            *import_button;
  GtkStack             *stack;
  GtkSpinner           *loading_spinner;
  AdwPreferencesGroup  *columns_group;
  AdwComboRow          *date_order_row;
  AdwPreferencesGroup  *problems_group;
  GtkListBox           *problems_list;
  GtkCheckButton       *nothing_check;
  GtkCheckButton       *skip_check;
  GtkLabel             *progress_label;
  GtkProgressBar       *progress_bar;
  AdwStatusPage        *done_page;
  GtkWidget            *replay_button;
  GtkWidget            *show_button;
  AdwStatusPage        *failed_page;

  /* owned */
  LwWorkspace          *workspace;
  LwConfig             *config;         /* the rules, as the dialog opened */
  char                 *csv_path;
  char                 *store_path;
  char                 *file_name;      /* for display */
  GCancellable         *cancellable;    /* cancelled in dispose */
  GCancellable         *import_cancellable;
  LwLeadImportReport   *report;
  GPtrArray            *targets;        /* char *, per column; NULL: not imported */
  GPtrArray            *samples;        /* char *, per column */
  GPtrArray            *rows;           /* AdwComboRow, per column */
  GPtrArray            *choices;        /* char *, per item of choice_model */
  GtkStringList        *choice_model;
  char                 *time_zone;      /* of the saved mapping */
  char                 *note;           /* about the saved mapping */
  char                 *done_text;      /* what the import did */
  GTask                *import_task;    /* while importing */
  GArray               *imported;       /* gint64 live ids */
  LwTime                now;
  gint64                replay_run;
  guint                 serial;
  guint                 reread_id;
  guint                 progress_id;
  gboolean              reading;
  gboolean              replaying;
  gboolean              updating;       /* setting rows, not the admin */
};

G_DEFINE_FINAL_TYPE (LwImportLeadsDialog, lw_import_leads_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_PAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- the read: a dry run and the first values --------------------------------------- */

typedef struct
{
  char                *csv_path;
  char                *store_path;
  LwConfig            *config;
  LwLeadMapping       *mapping;     /* NULL: the saved one, else by name */
  gboolean             use_saved;
  LwTime               now;
  guint                serial;
  /* results */
  LwLeadImportReport  *report;
  GPtrArray           *samples;
  LwDateOrder          order;
  char                *time_zone;
  char                *note;
} ReadJob;

static void
read_job_free (ReadJob *job)
{
  g_free (job->csv_path);
  g_free (job->store_path);
  lw_config_unref (job->config);
  g_clear_pointer (&job->mapping, lw_lead_mapping_free);
  g_clear_pointer (&job->report, lw_lead_import_report_free);
  g_clear_pointer (&job->samples, g_ptr_array_unref);
  g_free (job->time_zone);
  g_free (job->note);
  g_free (job);
}

/* Line breaks and tabs as single spaces, in place. */
static void
one_line (char *text)
{
  char *out = text;
  gboolean space = FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      gboolean blank = *p == ' ' || *p == '\r' || *p == '\n' || *p == '\t';

      if (blank && space)
        continue;
      *out++ = blank ? ' ' : *p;
      space = blank;
    }
  *out = '\0';
}

/* A few values of each column, from the first records. */
static GPtrArray *
read_samples (const char  *path,
              GError     **error)
{
  g_autoptr(LwCsvReader) reader = lw_csv_reader_new_for_path (path, error);
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  GPtrArray *samples;
  guint records = 0;

  if (reader == NULL)
    return NULL;
  lw_csv_reader_set_detect_separator (reader, TRUE);
  for (;;)
    {
      g_autoptr(GError) local_error = NULL;
      const char * const *fields;
      guint n_fields;

      if (!lw_csv_reader_next (reader, NULL, &local_error) && local_error == NULL)
        break;
      if (local_error != NULL && !g_error_matches (local_error, LW_CSV_ERROR, LW_CSV_ERROR_ENCODING) &&
          !g_error_matches (local_error, LW_CSV_ERROR, LW_CSV_ERROR_QUOTE))
        break;
      fields = lw_csv_reader_get_fields (reader, &n_fields);
      if (records++ == 0)
        {
          for (guint i = 0; i < n_fields; i++)
            g_ptr_array_add (values, g_ptr_array_new_with_free_func (g_free));
          continue;
        }
      for (guint i = 0; i < n_fields && i < values->len; i++)
        {
          GPtrArray *column = g_ptr_array_index (values, i);
          g_autofree char *value = g_strstrip (g_strdup (fields[i]));

          if (*value == '\0' || column->len >= N_SAMPLES ||
              g_ptr_array_find_with_equal_func (column, value, g_str_equal, NULL))
            continue;
          /* One line, not too long. */
          one_line (value);
          if (g_utf8_strlen (value, -1) > SAMPLE_CHARS)
            {
              g_autofree char *cut = g_utf8_substring (value, 0, SAMPLE_CHARS);

              g_free (value);
              value = g_strconcat (g_strchomp (cut), "…", NULL);
            }
          g_ptr_array_add (column, g_steal_pointer (&value));
        }
      if (records > SAMPLE_RECORDS)
        break;
    }

  samples = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < values->len; i++)
    {
      GPtrArray *column = g_ptr_array_index (values, i);

      g_ptr_array_add (column, NULL);
      g_ptr_array_add (samples, g_strjoinv (", ", (char **) column->pdata));
    }
  return samples;
}

static gboolean
dry_run (ReadJob              *job,
         LwStore              *store,
         const LwLeadMapping  *mapping,
         GCancellable         *cancellable,
         GError              **error)
{
  g_autoptr(LwCsvReader) reader = lw_csv_reader_new_for_path (job->csv_path, error);
  g_autoptr(GError) local_error = NULL;

  if (reader == NULL)
    return FALSE;
  lw_csv_reader_set_detect_separator (reader, TRUE);
  g_clear_pointer (&job->report, lw_lead_import_report_free);
  /* Skipping bad rows, so that a bad row is a problem of the report and
   * not an error; nothing is written either way. */
  if (lw_lead_import_csv (store, job->config, reader, mapping,
                          LW_LEAD_IMPORT_DRY_RUN | LW_LEAD_IMPORT_SKIP_BAD, job->now, cancellable,
                          NULL, NULL, &job->report, &local_error))
    return TRUE;
  /* No column maps yet: the admin maps them here. */
  if (g_error_matches (local_error, LW_LEAD_IMPORT_ERROR, LW_LEAD_IMPORT_ERROR_NO_COLUMNS) &&
      job->report != NULL && job->report->columns != NULL)
    return TRUE;
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

static void
read_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ReadJob *job = task_data;
  g_autoptr(LwStore) store = NULL;
  g_autoptr(LwLeadMapping) saved = NULL;
  g_autoptr(GError) error = NULL;
  const LwLeadMapping *mapping = job->mapping;

  store = lw_store_open (job->store_path, &error);
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (job->use_saved)
    {
      saved = lw_lead_mapping_load_saved (store, &error);
      if (error != NULL)
        {
          /* translators: %s says why the saved mapping does not load */
          job->note = g_strdup_printf (_("The mapping kept from last time does not load (%s): "
                                         "the columns were matched by name."), error->message);
          g_clear_error (&error);
        }
      mapping = saved;
    }

  if (!dry_run (job, store, mapping, cancellable, &error) && saved != NULL &&
      g_error_matches (error, LW_LEAD_IMPORT_ERROR, LW_LEAD_IMPORT_ERROR_MAPPING))
    {
      /* The rules changed since: a property the mapping names is gone. */
      job->note = g_strdup (_("The mapping kept from last time names properties these rules do "
                              "not have: the columns were matched by name."));
      g_clear_pointer (&saved, lw_lead_mapping_free);
      mapping = NULL;
      g_clear_error (&error);
      dry_run (job, store, NULL, cancellable, &error);
    }
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  job->order = mapping != NULL ? lw_lead_mapping_get_date_order (mapping) : LW_DATE_ORDER_MDY;
  job->time_zone = mapping != NULL ? g_strdup (lw_lead_mapping_get_time_zone (mapping)) : NULL;
  job->samples = read_samples (job->csv_path, &error);
  if (job->samples == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/* ---- the import ------------------------------------------------------------------ */

typedef struct
{
  char                *csv_path;
  char                *store_path;
  LwConfig            *config;
  LwLeadMapping       *mapping;
  LwLeadImportFlags    flags;
  LwTime               now;
  int                  permille;    /* atomic; -1: size unknown */
  LwLeadImportReport  *report;
  char                *save_error;  /* the mapping could not be kept */
} ImportJob;

static void
import_job_free (ImportJob *job)
{
  g_free (job->csv_path);
  g_free (job->store_path);
  lw_config_unref (job->config);
  lw_lead_mapping_free (job->mapping);
  g_clear_pointer (&job->report, lw_lead_import_report_free);
  g_free (job->save_error);
  g_free (job);
}

static void
import_progress_cb (guint64  bytes_done,
                    guint64  bytes_total,
                    gpointer user_data)
{
  ImportJob *job = user_data;

  g_atomic_int_set (&job->permille, bytes_total > 0 ? (int) MIN (1000, bytes_done * 1000 / bytes_total) : -1);
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportJob *job = task_data;
  g_autoptr(LwStore) store = NULL;
  g_autoptr(LwCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;

  store = lw_store_open (job->store_path, &error);
  if (store == NULL || (reader = lw_csv_reader_new_for_path (job->csv_path, &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  lw_csv_reader_set_detect_separator (reader, TRUE);
  if (!lw_lead_import_csv (store, job->config, reader, job->mapping, job->flags, job->now, cancellable,
                           import_progress_cb, job, &job->report, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* For next time. The leads are in: a mapping that cannot be kept is
   * said, not an error of the import. */
  if (!lw_lead_mapping_save (job->mapping, store, &error))
    job->save_error = g_strdup (error->message);
  g_task_return_boolean (task, TRUE);
}

/* ---- the replay ------------------------------------------------------------------ */

typedef struct
{
  char            *store_path;
  LwConfig        *config;
  gint64           revision;
  GArray          *ids;
  LwTime           now;
  LwReplaySummary  summary;
} ReplayJob;

static void
replay_job_free (ReplayJob *job)
{
  g_free (job->store_path);
  lw_config_unref (job->config);
  g_array_unref (job->ids);
  g_free (job);
}

static void
replay_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ReplayJob *job = task_data;
  g_autoptr(LwStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = lw_store_open (job->store_path, &error);
  if (store == NULL ||
      !lw_live_replay (store, job->config, job->revision, (const gint64 *) (gpointer) job->ids->data,
                       job->ids->len, job->now, cancellable, &job->summary, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/* ---- pages and state ---------------------------------------------------------------- */

static void
show_page (LwImportLeadsDialog *self,
           const char          *name)
{
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), name) == 0)
    return;
  gtk_stack_set_visible_child_name (self->stack, name);
  gtk_spinner_set_spinning (self->loading_spinner, g_strcmp0 (name, "loading") == 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
}

static gboolean
has_property_column (LwImportLeadsDialog *self)
{
  for (guint i = 0; self->targets != NULL && i < self->targets->len; i++)
    {
      const char *target = g_ptr_array_index (self->targets, i);

      if (target != NULL && target[0] != '@')
        return TRUE;
    }
  return FALSE;
}

static gboolean
get_skip_bad (LwImportLeadsDialog *self)
{
  return gtk_check_button_get_active (self->skip_check);
}

/* What the Import button says and whether it can be pressed. */
static void
update_actions (LwImportLeadsDialog *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->stack);
  gboolean mapping = g_strcmp0 (page, "mapping") == 0;
  const LwLeadImportReport *report = self->report;
  guint64 rows = report != NULL ? report->rows : 0;
  guint64 bad = report != NULL ? report->bad_rows : 0;
  gboolean skip = get_skip_bad (self);
  guint64 good = rows - bad;
  gboolean can_import = mapping && !self->reading && report != NULL && has_property_column (self) &&
                        rows > 0 && (skip ? good > 0 : bad == 0);
  g_autofree char *label = NULL;
  const char *tooltip = NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.start", can_import);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.reload",
                                 !self->reading && (mapping || g_strcmp0 (page, "failed") == 0));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.cancel", self->import_task != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.replay",
                                 self->imported != NULL && self->imported->len > 0 &&
                                 !self->replaying && self->replay_run == 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.show", self->replay_run != 0);

  if (can_import)
    {
      guint64 n = skip ? good : rows;
      g_autofree char *number = g_strdup_printf ("%" G_GUINT64_FORMAT, n);

      /* translators: the Import button; %s is a number of leads */
      label = g_strdup_printf (ngettext ("_Import %s Lead", "_Import %s Leads",
                                         (gulong) MIN (n, G_MAXULONG)), number);
    }
  else
    {
      label = g_strdup (_("_Import"));
      if (report != NULL && bad > 0 && !skip)
        tooltip = _("Some rows have problems: skip them, or fix the file and read it again");
      else if (report != NULL && !has_property_column (self))
        tooltip = _("Choose the property of at least one column");
      else if (report != NULL && rows == 0)
        tooltip = _("The file has no rows below its header");
    }
  gtk_button_set_label (GTK_BUTTON (self->import_button), label);
  gtk_widget_set_tooltip_text (self->import_button, tooltip);
  gtk_widget_set_visible (self->import_button,
                          g_strcmp0 (page, "done") != 0 && g_strcmp0 (page, "failed") != 0);
  gtk_button_set_label (self->close_button,
                        g_strcmp0 (page, "done") == 0 ? _("_Close") : _("_Cancel"));
}

/* ---- the columns --------------------------------------------------------------------- */

static void
build_choices (LwImportLeadsDialog *self)
{
  const LwConfig *config = self->config;
  const LwProperty *computed[] = {
    lw_config_builtin (config, LW_BUILTIN_FIT_SCORE),
    lw_config_builtin (config, LW_BUILTIN_ENGAGEMENT_SCORE),
    lw_config_builtin (config, LW_BUILTIN_TOTAL_SCORE),
    lw_config_builtin (config, LW_BUILTIN_GRADE),
  };

  self->choices = g_ptr_array_new_with_free_func (g_free);
  self->choice_model = gtk_string_list_new (NULL);

  g_ptr_array_add (self->choices, NULL);
  gtk_string_list_append (self->choice_model, _("Do Not Import"));
  g_ptr_array_add (self->choices, g_strdup (LW_LEAD_IMPORT_TARGET_ID));
  gtk_string_list_append (self->choice_model, _("Lead ID in the CRM"));
  g_ptr_array_add (self->choices, g_strdup (LW_LEAD_IMPORT_TARGET_OWNER));
  gtk_string_list_append (self->choice_model, _("Owner (a rep’s id, email or name)"));

  for (guint i = 0; i < config->properties->len; i++)
    {
      const LwProperty *property = g_ptr_array_index (config->properties, i);
      gboolean skip = FALSE;

      for (guint k = 0; k < G_N_ELEMENTS (computed); k++)
        skip |= property == computed[k];
      if (skip)
        continue;
      g_ptr_array_add (self->choices, g_strdup (property->id));
      gtk_string_list_append (self->choice_model,
                              property->label != NULL && property->label[0] != '\0'
                              ? property->label : property->id);
    }
}

static guint
choice_of (LwImportLeadsDialog *self,
           const char          *target)
{
  for (guint i = 0; i < self->choices->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->choices, i), target) == 0)
      return i;
  return 0;
}

static LwLeadMapping *
build_mapping (LwImportLeadsDialog *self)
{
  LwLeadMapping *mapping = lw_lead_mapping_new ();

  for (guint i = 0; self->report != NULL && i < self->report->columns->len; i++)
    {
      const LwImportColumn *column = g_ptr_array_index (self->report->columns, i);

      lw_lead_mapping_set_column (mapping, column->name, g_ptr_array_index (self->targets, i));
    }
  lw_lead_mapping_set_date_order (mapping, adw_combo_row_get_selected (self->date_order_row) == 1
                                           ? LW_DATE_ORDER_DMY : LW_DATE_ORDER_MDY);
  if (self->time_zone != NULL)
    lw_lead_mapping_set_time_zone (mapping, self->time_zone);
  return mapping;
}

static void start_read (LwImportLeadsDialog *self,
                        gboolean             use_saved);

static void
reread_cb (gpointer user_data)
{
  LwImportLeadsDialog *self = user_data;

  self->reread_id = 0;
  start_read (self, FALSE);
}

static void
schedule_reread (LwImportLeadsDialog *self)
{
  g_clear_handle_id (&self->reread_id, g_source_remove);
  self->reread_id = g_timeout_add_once (REREAD_DELAY, reread_cb, self);
  /* The report no longer says what Import would do. */
  self->reading = TRUE;
  update_actions (self);
}

static void
set_row_target (LwImportLeadsDialog *self,
                guint                index,
                const char          *target)
{
  g_free (g_ptr_array_index (self->targets, index));
  g_ptr_array_index (self->targets, index) = g_strdup (target);
  self->updating = TRUE;
  adw_combo_row_set_selected (g_ptr_array_index (self->rows, index), choice_of (self, target));
  self->updating = FALSE;
}

/* A column's property changed: the column that had it lets it go. */
static void
change_target (LwImportLeadsDialog *self,
               guint                index,
               const char          *target)
{
  for (guint i = 0; target != NULL && i < self->targets->len; i++)
    if (i != index && g_strcmp0 (g_ptr_array_index (self->targets, i), target) == 0)
      {
        const LwImportColumn *other = g_ptr_array_index (self->report->columns, i);
        const LwImportColumn *column = g_ptr_array_index (self->report->columns, index);
        g_autofree char *title = NULL;

        set_row_target (self, i, NULL);
        /* translators: two column names of the file */
        title = g_markup_printf_escaped (_("“%s” is no longer imported: “%s” goes there now"),
                                         other->name, column->name);
        adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
      }
  set_row_target (self, index, target);
  schedule_reread (self);
}

static void
column_selected_cb (AdwComboRow         *row,
                    GParamSpec          *pspec,
                    LwImportLeadsDialog *self)
{
  guint index;
  guint selected = adw_combo_row_get_selected (row);

  if (self->updating || !g_ptr_array_find (self->rows, row, &index) ||
      selected >= self->choices->len)
    return;
  change_target (self, index, g_ptr_array_index (self->choices, selected));
}

static void
date_order_selected_cb (LwImportLeadsDialog *self)
{
  if (!self->updating && self->report != NULL)
    schedule_reread (self);
}

/* One row per column, built on the first read. */
static void
build_column_rows (LwImportLeadsDialog *self)
{
  const GPtrArray *columns = self->report->columns;

  self->targets = g_ptr_array_new_with_free_func (g_free);
  self->rows = g_ptr_array_new ();
  for (guint i = 0; i < columns->len; i++)
    {
      const LwImportColumn *column = g_ptr_array_index (columns, i);
      const char *sample = self->samples != NULL && i < self->samples->len
                           ? g_ptr_array_index (self->samples, i) : NULL;
      GtkWidget *row = adw_combo_row_new ();

      /* The file's own text, shown as it is: not markup. */
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     column->name[0] != '\0' ? column->name : _("(no name)"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   sample != NULL && sample[0] != '\0' ? sample : _("(empty)"));
      adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (self->choice_model));
      adw_combo_row_set_selected (ADW_COMBO_ROW (row), choice_of (self, column->target));
      gtk_widget_add_css_class (row, "lw-import-column");
      g_signal_connect (row, "notify::selected", G_CALLBACK (column_selected_cb), self);
      adw_preferences_group_add (self->columns_group, row);

      g_ptr_array_add (self->targets, g_strdup (column->target));
      g_ptr_array_add (self->rows, row);
    }
}

/* The report's columns may map differently from the rows (a name match
 * the engine found once another column let a property go). */
static void
sync_column_rows (LwImportLeadsDialog *self)
{
  for (guint i = 0; i < self->rows->len && i < self->report->columns->len; i++)
    {
      const LwImportColumn *column = g_ptr_array_index (self->report->columns, i);

      if (g_strcmp0 (g_ptr_array_index (self->targets, i), column->target) != 0)
        set_row_target (self, i, column->target);
    }
}

static void
update_columns_description (LwImportLeadsDialog *self)
{
  const LwLeadImportReport *report = self->report;
  g_autofree char *rows = g_strdup_printf ("%" G_GUINT64_FORMAT, report->rows);
  g_autofree char *text = NULL;

  if (!has_property_column (self))
    text = g_strdup (_("No column matches a property of the rules by its name. Choose the "
                       "property each column holds."));
  else
    /* translators: %s is a number of rows; the columns of a CSV file */
    text = g_strdup_printf (ngettext ("%s row. Each column goes to a property of the rules: "
                                      "matched by name, or as chosen last time.",
                                      "%s rows. Each column goes to a property of the rules: "
                                      "matched by name, or as chosen last time.",
                                      (gulong) MIN (report->rows, G_MAXULONG)), rows);
  if (self->note != NULL)
    {
      char *both = g_strconcat (text, " ", self->note, NULL);

      g_free (text);
      text = both;
    }
  adw_preferences_group_set_description (self->columns_group, text);
}

/* ---- the problems ------------------------------------------------------------------ */

static void
update_problems (LwImportLeadsDialog *self)
{
  const LwLeadImportReport *report = self->report;
  GtkWidget *child;
  g_autofree char *bad = g_strdup_printf ("%" G_GUINT64_FORMAT, report->bad_rows);
  g_autofree char *rows = g_strdup_printf ("%" G_GUINT64_FORMAT, report->rows);
  g_autofree char *description = NULL;
  guint shown = MIN (report->problems->len, MAX_SHOWN);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->problems_list))) != NULL)
    gtk_list_box_remove (self->problems_list, child);

  if (report->bad_rows == 0)
    /* translators: %s is a number of rows */
    description = g_strdup_printf (ngettext ("The row reads well.",
                                                "All %s rows read well.",
                                                (gulong) MIN (report->rows, G_MAXULONG)), rows);
  else
    /* translators: a number of rows with problems, then of all rows */
    description = g_strdup_printf (ngettext ("%s of %s rows has a problem.",
                                                "%s of %s rows have problems.",
                                                (gulong) MIN (report->bad_rows, G_MAXULONG)),
                                   bad, rows);
  adw_preferences_group_set_description (self->problems_group, description);
  gtk_widget_set_visible (GTK_WIDGET (self->problems_list), report->problems->len > 0);

  for (guint i = 0; i < shown; i++)
    {
      const LwImportProblem *p = g_ptr_array_index (report->problems, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon;
      g_autofree char *number = g_strdup_printf ("%" G_GUINT64_FORMAT, p->row);
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;

      if (p->column > 0)
        /* translators: a row number of the file, then a column's name */
        title = g_markup_printf_escaped (_("Row %s, column “%s”"), number,
                                         p->column_name != NULL ? p->column_name : "");
      else
        /* translators: %s is a row number of the file */
        title = g_markup_printf_escaped (_("Row %s"), number);
      /* The value, unless the reason quotes it already. */
      if (p->value != NULL && p->value[0] != '\0' && strstr (p->reason, p->value) == NULL)
        /* translators: a cell's value, then why it cannot be imported */
        subtitle = g_markup_printf_escaped (_("“%s”: %s"), p->value, p->reason);
      else
        subtitle = g_markup_escape_text (p->reason, -1);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
      gtk_widget_add_css_class (icon, "warning");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      gtk_widget_add_css_class (row, "lw-import-problem");
      gtk_list_box_append (self->problems_list, row);
    }
  if (report->n_problems > shown)
    {
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *more = g_strdup_printf ("%" G_GUINT64_FORMAT, report->n_problems - shown);
      g_autofree char *title = NULL;

      /* translators: %s is a number of problems not listed */
      title = g_strdup_printf (ngettext ("And %s more problem", "And %s more problems",
                                            (gulong) MIN (report->n_problems - shown, G_MAXULONG)),
                               more);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      gtk_widget_add_css_class (row, "dim-label");
      gtk_list_box_append (self->problems_list, row);
    }
}

/* ---- reading ------------------------------------------------------------------------- */

static void
show_failed (LwImportLeadsDialog *self,
             const char          *heading,
             const char          *message)
{
  adw_status_page_set_title (self->failed_page, heading);
  adw_status_page_set_description (self->failed_page, message);
  show_page (self, "failed");
  update_actions (self);
}

static void
read_done_cb (GObject      *source_object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(LwImportLeadsDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  ReadJob *job = g_task_get_task_data (G_TASK (result));

  if (!g_task_propagate_boolean (G_TASK (result), &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (job->serial != self->serial)
    return;   /* a later read is on its way */
  self->reading = FALSE;

  if (error != NULL)
    {
      g_autofree char *markup = g_markup_escape_text (error->message, -1);

      show_failed (self, _("The File Could Not Be Read"), markup);
      return;
    }

  g_clear_pointer (&self->report, lw_lead_import_report_free);
  self->report = g_steal_pointer (&job->report);
  if (job->use_saved)
    {
      g_free (self->note);
      self->note = g_steal_pointer (&job->note);
      g_free (self->time_zone);
      self->time_zone = g_steal_pointer (&job->time_zone);
      self->updating = TRUE;
      adw_combo_row_set_selected (self->date_order_row, job->order == LW_DATE_ORDER_DMY ? 1 : 0);
      self->updating = FALSE;
    }

  if (self->rows == NULL)
    {
      g_clear_pointer (&self->samples, g_ptr_array_unref);
      self->samples = g_steal_pointer (&job->samples);
      build_column_rows (self);
    }
  else
    sync_column_rows (self);

  update_columns_description (self);
  update_problems (self);
  show_page (self, "mapping");
  update_actions (self);
}

static void
start_read (LwImportLeadsDialog *self,
            gboolean             use_saved)
{
  g_autoptr(GTask) task = NULL;
  ReadJob *job = g_new0 (ReadJob, 1);

  g_clear_handle_id (&self->reread_id, g_source_remove);
  job->csv_path = g_strdup (self->csv_path);
  job->store_path = g_strdup (self->store_path);
  job->config = lw_config_ref (self->config);
  job->use_saved = use_saved;
  job->mapping = use_saved ? NULL : build_mapping (self);
  job->now = self->now;
  job->serial = ++self->serial;

  self->reading = TRUE;
  if (self->report == NULL)
    show_page (self, "loading");
  update_actions (self);

  task = g_task_new (NULL, self->cancellable, read_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, start_read);
  g_task_set_task_data (task, job, (GDestroyNotify) read_job_free);
  g_task_run_in_thread (task, read_thread);
}

/* ---- importing --------------------------------------------------------------------- */

static gboolean
progress_cb (gpointer user_data)
{
  LwImportLeadsDialog *self = user_data;
  ImportJob *job;
  int permille;

  if (self->import_task == NULL)
    return G_SOURCE_CONTINUE;
  job = g_task_get_task_data (self->import_task);
  permille = g_atomic_int_get (&job->permille);
  if (permille < 0)
    gtk_progress_bar_pulse (self->progress_bar);
  else
    {
      g_autofree char *text = g_strdup_printf ("%d %%", permille / 10);

      gtk_progress_bar_set_fraction (self->progress_bar, permille / 1000.0);
      gtk_progress_bar_set_text (self->progress_bar, text);
    }
  return G_SOURCE_CONTINUE;
}

static void
show_done (LwImportLeadsDialog *self,
           ImportJob           *job)
{
  const LwLeadImportReport *report = self->report;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *imported = g_strdup_printf ("%" G_GUINT64_FORMAT, report->imported);
  g_autofree char *title = NULL;

  if (report->imported == 0)
    title = g_strdup (_("No Lead Was Imported"));
  else
    /* translators: %s is a number of leads */
    title = g_strdup_printf (ngettext ("Imported %s Lead", "Imported %s Leads",
                                          (gulong) MIN (report->imported, G_MAXULONG)), imported);
  adw_status_page_set_title (self->done_page, title);

  /* Whole sentences, one after the other. */
  if (report->bad_rows > 0)
    {
      g_autofree char *bad = g_strdup_printf ("%" G_GUINT64_FORMAT, report->bad_rows);

      /* translators: a sentence; %s is a number of rows */
      g_string_append_printf (text, ngettext ("%s row with problems was skipped.",
                                                 "%s rows with problems were skipped.",
                                                 (gulong) MIN (report->bad_rows, G_MAXULONG)), bad);
    }
  if (report->routed > 0)
    {
      g_autofree char *routed = g_strdup_printf ("%" G_GUINT64_FORMAT, report->routed);

      if (text->len > 0)
        g_string_append_c (text, ' ');
      /* translators: a sentence; %s is a number of leads */
      g_string_append_printf (text, ngettext ("The rules routed %s lead that had no owner.",
                                                 "The rules routed %s leads that had no owner.",
                                                 (gulong) MIN (report->routed, G_MAXULONG)), routed);
    }
  if (report->imported > 0)
    {
      if (text->len > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, _("They are live leads now, their first-touch clocks running."));
    }
  if (job->save_error != NULL)
    {
      if (text->len > 0)
        g_string_append_c (text, ' ');
      /* translators: a sentence; %s says why */
      g_string_append_printf (text, _("The column mapping could not be kept for next time: %s"),
                              job->save_error);
    }

  g_free (self->done_text);
  self->done_text = g_strdup (g_strstrip (text->str));
  {
    g_autofree char *markup = g_markup_escape_text (self->done_text, -1);

    adw_status_page_set_description (self->done_page, markup);
  }
  gtk_widget_set_visible (self->replay_button, report->imported > 0);
  show_page (self, "done");
  update_actions (self);
}

static void
import_done_cb (GObject      *source_object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(LwImportLeadsDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  ImportJob *job = g_task_get_task_data (G_TASK (result));
  gboolean cancelled;

  g_task_propagate_boolean (G_TASK (result), &error);
  cancelled = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  if (cancelled && g_cancellable_is_cancelled (self->cancellable))
    return;   /* the dialog is gone */

  g_clear_object (&self->import_task);
  g_clear_object (&self->import_cancellable);
  g_clear_handle_id (&self->progress_id, g_source_remove);

  if (job->report != NULL && job->report->columns != NULL)
    {
      g_clear_pointer (&self->report, lw_lead_import_report_free);
      self->report = g_steal_pointer (&job->report);
    }

  if (error == NULL)
    {
      self->imported = g_array_copy (self->report->ids);
      show_done (self, job);
      return;
    }

  /* Back to the columns, with what the import found. */
  update_problems (self);
  show_page (self, "mapping");
  update_actions (self);
  if (cancelled)
    adw_toast_overlay_add_toast (self->toast_overlay,
                                 adw_toast_new (_("Stopped: nothing was imported")));
  else
    {
      GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Nothing Was Imported"),
                                                  error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
    }
}

static void
start_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  LwImportLeadsDialog *self = LW_IMPORT_LEADS_DIALOG (widget);
  ImportJob *job;

  g_return_if_fail (self->import_task == NULL);

  job = g_new0 (ImportJob, 1);
  job->csv_path = g_strdup (self->csv_path);
  job->store_path = g_strdup (self->store_path);
  job->config = lw_config_ref (self->config);
  job->mapping = build_mapping (self);
  job->flags = get_skip_bad (self) ? LW_LEAD_IMPORT_SKIP_BAD : LW_LEAD_IMPORT_DEFAULT;
  job->now = g_get_real_time () / G_USEC_PER_SEC;
  job->permille = 0;

  self->import_cancellable = g_cancellable_new ();
  self->import_task = g_task_new (NULL, self->import_cancellable, import_done_cb, g_object_ref (self));
  g_task_set_source_tag (self->import_task, start_action);
  g_task_set_task_data (self->import_task, job, (GDestroyNotify) import_job_free);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_progress_bar_set_text (self->progress_bar, NULL);
  self->progress_id = g_timeout_add (100, progress_cb, self);
  show_page (self, "importing");
  update_actions (self);
  g_task_run_in_thread (self->import_task, import_thread);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LwImportLeadsDialog *self = LW_IMPORT_LEADS_DIALOG (widget);

  if (self->import_cancellable != NULL)
    g_cancellable_cancel (self->import_cancellable);
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LwImportLeadsDialog *self = LW_IMPORT_LEADS_DIALOG (widget);

  start_read (self, self->report == NULL);
}

/* ---- replaying ----------------------------------------------------------------------- */

static void
replay_done_cb (GObject      *source_object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(LwImportLeadsDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  ReplayJob *job = g_task_get_task_data (G_TASK (result));
  const LwReplaySummary *s = &job->summary;
  g_autofree char *number = NULL;
  g_autofree char *text = NULL;
  g_autofree char *markup = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->replaying = FALSE;

  if (error != NULL)
    {
      GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Could Not Replay the Leads"),
                                                  error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      markup = g_markup_escape_text (self->done_text, -1);
      adw_status_page_set_description (self->done_page, markup);
      update_actions (self);
      return;
    }

  self->replay_run = s->run;
  lw_workspace_run_progress (self->workspace, s->run, TRUE);
  number = g_strdup_printf ("%" G_GINT64_FORMAT, s->run);
  /* translators: after a replay: the run's number, then counts of leads */
  text = g_strdup_printf (_("Replayed as run %s: %u of the %u leads reach the MQL threshold; the "
                            "current rules would give %u of them to another rep than their owner, "
                            "and %u to the fallback owner."),
                          number, s->mql, s->leads, s->reassigned, s->fallback);
  {
    g_autofree char *both = g_strconcat (self->done_text, "\n\n", text, NULL);

    markup = g_markup_escape_text (both, -1);
  }
  adw_status_page_set_description (self->done_page, markup);
  gtk_widget_set_visible (self->replay_button, FALSE);
  gtk_widget_set_visible (self->show_button, LW_IS_WINDOW (gtk_window_get_transient_for (GTK_WINDOW (self))));
  update_actions (self);
}

static void
replay_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LwImportLeadsDialog *self = LW_IMPORT_LEADS_DIALOG (widget);
  g_autoptr(GTask) task = NULL;
  ReplayJob *job;

  g_return_if_fail (self->imported != NULL && self->imported->len > 0);

  job = g_new0 (ReplayJob, 1);
  job->store_path = g_strdup (self->store_path);
  job->config = lw_config_ref ((LwConfig *) lw_workspace_get_config (self->workspace));
  job->revision = lw_workspace_find_current_revision (self->workspace);
  job->ids = g_array_ref (self->imported);
  job->now = g_get_real_time () / G_USEC_PER_SEC;

  self->replaying = TRUE;
  adw_status_page_set_description (self->done_page, _("Scoring and routing the leads…"));
  update_actions (self);

  task = g_task_new (NULL, self->cancellable, replay_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, replay_action);
  g_task_set_task_data (task, job, (GDestroyNotify) replay_job_free);
  g_task_run_in_thread (task, replay_thread);
}

static void
show_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LwImportLeadsDialog *self = LW_IMPORT_LEADS_DIALOG (widget);
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  if (self->replay_run != 0 && LW_IS_WINDOW (parent))
    lw_window_show_lead (LW_WINDOW (parent), self->replay_run, 1);
  gtk_window_close (GTK_WINDOW (self));
}

/* ---- GObject ------------------------------------------------------------------------- */

static void
skip_toggled_cb (LwImportLeadsDialog *self)
{
  update_actions (self);
}

static gboolean
lw_import_leads_dialog_close_request (GtkWindow *window)
{
  LwImportLeadsDialog *self = LW_IMPORT_LEADS_DIALOG (window);

  /* Closing stops an import: nothing of it is written. */
  if (self->import_cancellable != NULL)
    g_cancellable_cancel (self->import_cancellable);
  return GTK_WINDOW_CLASS (lw_import_leads_dialog_parent_class)->close_request (window);
}

static void
lw_import_leads_dialog_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  LwImportLeadsDialog *self = LW_IMPORT_LEADS_DIALOG (object);

  switch (prop_id)
    {
    case PROP_PAGE:
      g_value_set_string (value, lw_import_leads_dialog_get_page (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lw_import_leads_dialog_dispose (GObject *object)
{
  LwImportLeadsDialog *self = LW_IMPORT_LEADS_DIALOG (object);

  /* The window going away stops the import too: nothing of it is kept. */
  g_cancellable_cancel (self->cancellable);
  if (self->import_cancellable != NULL)
    g_cancellable_cancel (self->import_cancellable);
  g_clear_handle_id (&self->reread_id, g_source_remove);
  g_clear_handle_id (&self->progress_id, g_source_remove);
  g_clear_object (&self->import_task);
  gtk_widget_dispose_template (GTK_WIDGET (self), LW_TYPE_IMPORT_LEADS_DIALOG);
  g_clear_object (&self->workspace);

  G_OBJECT_CLASS (lw_import_leads_dialog_parent_class)->dispose (object);
}

static void
lw_import_leads_dialog_finalize (GObject *object)
{
  LwImportLeadsDialog *self = LW_IMPORT_LEADS_DIALOG (object);

  g_clear_pointer (&self->config, lw_config_unref);
  g_free (self->csv_path);
  g_free (self->store_path);
  g_free (self->file_name);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->import_cancellable);
  g_clear_pointer (&self->report, lw_lead_import_report_free);
  g_clear_pointer (&self->targets, g_ptr_array_unref);
  g_clear_pointer (&self->samples, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->choices, g_ptr_array_unref);
  g_clear_object (&self->choice_model);
  g_free (self->time_zone);
  g_free (self->note);
  g_free (self->done_text);
  g_clear_pointer (&self->imported, g_array_unref);

  G_OBJECT_CLASS (lw_import_leads_dialog_parent_class)->finalize (object);
}

static void
lw_import_leads_dialog_class_init (LwImportLeadsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->get_property = lw_import_leads_dialog_get_property;
  object_class->dispose = lw_import_leads_dialog_dispose;
  object_class->finalize = lw_import_leads_dialog_finalize;
  window_class->close_request = lw_import_leads_dialog_close_request;

  /* The page showing: loading, mapping, importing, done, failed. */
  properties[PROP_PAGE] =
    g_param_spec_string ("page", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/leadwright/Leadwright/lw-import-leads-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LwImportLeadsDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LwImportLeadsDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, LwImportLeadsDialog, close_button);
  gtk_widget_class_bind_template_child (widget_class, LwImportLeadsDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, LwImportLeadsDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, LwImportLeadsDialog, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, LwImportLeadsDialog, columns_group);
  gtk_widget_class_bind_template_child (widget_class, LwImportLeadsDialog, date_order_row);
  gtk_widget_class_bind_template_child (widget_class, LwImportLeadsDialog, problems_group);
  gtk_widget_class_bind_template_child (widget_class, LwImportLeadsDialog, problems_list);
  gtk_widget_class_bind_template_child (widget_class, LwImportLeadsDialog, nothing_check);
  gtk_widget_class_bind_template_child (widget_class, LwImportLeadsDialog, skip_check);
  gtk_widget_class_bind_template_child (widget_class, LwImportLeadsDialog, progress_label);
  gtk_widget_class_bind_template_child (widget_class, LwImportLeadsDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, LwImportLeadsDialog, done_page);
  gtk_widget_class_bind_template_child (widget_class, LwImportLeadsDialog, replay_button);
  gtk_widget_class_bind_template_child (widget_class, LwImportLeadsDialog, show_button);
  gtk_widget_class_bind_template_child (widget_class, LwImportLeadsDialog, failed_page);
  gtk_widget_class_bind_template_callback (widget_class, skip_toggled_cb);

  gtk_widget_class_install_action (widget_class, "import.start", NULL, start_action);
  gtk_widget_class_install_action (widget_class, "import.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "import.reload", NULL, reload_action);
  gtk_widget_class_install_action (widget_class, "import.replay", NULL, replay_action);
  gtk_widget_class_install_action (widget_class, "import.show", NULL, show_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
lw_import_leads_dialog_init (LwImportLeadsDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  g_signal_connect_swapped (self->date_order_row, "notify::selected",
                            G_CALLBACK (date_order_selected_cb), self);
}

/* ---- public API ------------------------------------------------------------------------ */

GtkWidget *
lw_import_leads_dialog_new (GtkWindow   *parent,
                            LwWorkspace *workspace,
                            GFile       *file)
{
  LwImportLeadsDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (LW_IS_WORKSPACE (workspace), NULL);
  g_return_val_if_fail (lw_workspace_get_path (workspace) != NULL, NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self = g_object_new (LW_TYPE_IMPORT_LEADS_DIALOG, "transient-for", parent, NULL);
  self->workspace = g_object_ref (workspace);
  self->config = lw_config_ref ((LwConfig *) lw_workspace_get_config (workspace));
  self->store_path = g_strdup (lw_workspace_get_path (workspace));
  self->csv_path = g_file_get_path (file);
  self->file_name = g_file_get_basename (file);
  self->now = g_get_real_time () / G_USEC_PER_SEC;
  adw_window_title_set_subtitle (self->window_title, self->file_name);
  build_choices (self);

  if (self->csv_path == NULL)
    show_failed (self, _("The File Could Not Be Read"), _("Only files on this computer can be imported."));
  else
    start_read (self, TRUE);
  return GTK_WIDGET (self);
}

const char *
lw_import_leads_dialog_get_page (LwImportLeadsDialog *self)
{
  g_return_val_if_fail (LW_IS_IMPORT_LEADS_DIALOG (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

const LwLeadImportReport *
lw_import_leads_dialog_get_report (LwImportLeadsDialog *self)
{
  g_return_val_if_fail (LW_IS_IMPORT_LEADS_DIALOG (self), NULL);

  return self->report;
}

const char *
lw_import_leads_dialog_get_target (LwImportLeadsDialog *self,
                                   guint                index)
{
  g_return_val_if_fail (LW_IS_IMPORT_LEADS_DIALOG (self), NULL);
  g_return_val_if_fail (self->targets != NULL && index < self->targets->len, NULL);

  return g_ptr_array_index (self->targets, index);
}

void
lw_import_leads_dialog_set_target (LwImportLeadsDialog *self,
                                   guint                index,
                                   const char          *target)
{
  g_return_if_fail (LW_IS_IMPORT_LEADS_DIALOG (self));
  g_return_if_fail (self->rows != NULL && index < self->rows->len);

  /* As the admin would: through the row. */
  adw_combo_row_set_selected (g_ptr_array_index (self->rows, index), choice_of (self, target));
}

void
lw_import_leads_dialog_set_skip_bad (LwImportLeadsDialog *self,
                                     gboolean             skip_bad)
{
  g_return_if_fail (LW_IS_IMPORT_LEADS_DIALOG (self));

  gtk_check_button_set_active (skip_bad ? self->skip_check : self->nothing_check, TRUE);
}

gint64
lw_import_leads_dialog_get_replay_run (LwImportLeadsDialog *self)
{
  g_return_val_if_fail (LW_IS_IMPORT_LEADS_DIALOG (self), 0);

  return self->replay_run;
}
