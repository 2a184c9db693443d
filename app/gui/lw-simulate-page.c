/* lw-simulate-page.c: runs the simulator on the workspace
 *
 * The scenario (lw-sim-context.h) shows as a one-line summary; its
 * settings (lw-scenario-editor.h) open below it. A run goes on a worker
 * thread with its own connection to the workspace file, handing its rows
 * over in batches that other connections see at once (a fast run hands
 * over the leads that changed now and then: flush_seconds in
 * lw-simulator.h), and it can be paused, resumed and cancelled.
 *
 * The job outlives the page (the window drops pages out of sight when the
 * rules change): it is kept on the workspace while it runs, a page built
 * meanwhile follows it, and the job itself (not the page) tells the views
 * about its progress with lw_workspace_run_progress(), at most ten times a
 * second and once at the end.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "lw-simulate-page.h"

#include "lw-chart-export.h"
#include "lw-editor-utils.h"
#include "lw-page.h"
#include "lw-scenario-editor.h"
#include "lw-sim-context.h"
#include "lw-sim-store.h"
#include "lw-simulator.h"
#include "lw-alert-relay.h"
#include "lw-application.h"
#include "lw-preferences-window.h"
#include "lw-store.h"
#include "lw-window.h"

#define JOB_KEY          "lw-simulate-job"
#define MAX_RUNS_SHOWN   20
#define TICK_MS          100     /* ten updates a second at most */
#define FLUSH_SECONDS    0.5     /* a fast run's leads reach the store after half a
                                  * second, then each time it doubled its leads */

typedef struct
{
  /* Set before the worker starts, then read only. */
  char         *path;
  LwConfig     *config;
  LwScenario   *scenario;
  char         *scenario_json;
  LwSimOptions  options;
  gint64        revision;
  GCancellable *cancellable;
  LwSimPause   *pause;
  LwAlertRelay *relay;           /* a paced run's SLA alerts, or NULL; its tap
                                  * runs on the worker */

  /* Written by the worker. */
  int           leads_done;      /* atomic */
  int           leads_total;     /* atomic */
  GMutex        mutex;
  LwTime        sim_now;         /* under mutex */
  gint64        run;             /* under mutex: the run, once it has rows */
  guint         commits;         /* under mutex: lead batches in the store */
  gint64        worker_run;      /* the worker's own copy */

  /* Main thread. */
  LwWorkspace  *workspace;       /* while it runs */
  guint         tick_id;
  guint         commits_told;
  gboolean      finished;
  gboolean      ok;
  gboolean      cancelled;
  char         *message;
  gint64        final_run;
} SimJob;

static void
sim_job_clear (SimJob *job)
{
  /* Before the rule set it reads. */
  g_clear_pointer (&job->relay, lw_alert_relay_free);
  g_free (job->path);
  g_clear_pointer (&job->config, lw_config_unref);
  g_clear_pointer (&job->scenario, lw_scenario_unref);
  g_free (job->scenario_json);
  g_clear_object (&job->cancellable);
  g_clear_pointer (&job->pause, lw_sim_pause_unref);
  g_mutex_clear (&job->mutex);
  g_clear_object (&job->workspace);
  g_free (job->message);
}

static SimJob *
sim_job_ref (SimJob *job)
{
  return g_atomic_rc_box_acquire (job);
}

static void
sim_job_unref (SimJob *job)
{
  g_atomic_rc_box_release_full (job, (GDestroyNotify) sim_job_clear);
}

static gint64
sim_job_get_run (SimJob *job)
{
  gint64 run;

  g_mutex_lock (&job->mutex);
  run = job->run;
  g_mutex_unlock (&job->mutex);
  return run;
}

struct _LwSimulatePage
{
  GtkWidget        parent_instance;

  LwWorkspace     *workspace;
  LwSimContext    *context;
  SimJob          *job;        /* the run this page follows, or NULL */
  gint64           shown_run;  /* its id, once the list of runs shows it */
  gboolean         shown_paused;
  guint            progress_id;
  GtkNativeDialog *chooser;    /* the file chooser showing */
  GCancellable    *cancellable;/* file reads and writes; cancelled in dispose */

  GtkWidget       *scroller;
  GtkWidget       *scenario_group;
  GtkWidget       *summary_row;
  GtkWidget       *summary_arrow;
  GtkWidget       *settings_revealer;
  GtkWidget       *settings_box;
  GtkWidget       *editor;
  GtkWidget       *pace_row;
  GtkWidget       *progress_bar;
  GtkWidget       *status_label;
  GtkWidget       *cancel_button;
  GtkWidget       *pause_button;
  GtkWidget       *resume_button;
  GtkWidget       *runs_list;
  GPtrArray       *problem_rows;
};

static void lw_simulate_page_page_init (LwPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LwSimulatePage, lw_simulate_page, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (LW_TYPE_PAGE, lw_simulate_page_page_init))

enum
{
  PROP_0,
  PROP_WORKSPACE,
  N_PROPS
};

/* Simulated seconds per wall-clock second, in the order of the pace row. */
static const double speeds[] = { 0, 24 * 3600 / 60.0, 3600, 24 * 3600, 7 * 24 * 3600 };

/* ---- the worker ----------------------------------------------------------------------------- */

static void
progress_cb (LwTime   now,
             guint    leads_done,
             guint    leads_total,
             gpointer user_data)
{
  SimJob *job = user_data;

  g_mutex_lock (&job->mutex);
  job->sim_now = now;
  g_mutex_unlock (&job->mutex);
  g_atomic_int_set (&job->leads_total, (int) leads_total);
  g_atomic_int_set (&job->leads_done, (int) leads_done);
}

/* Called once the store has a batch of leads: the views may look again. */
static gboolean
tap_leads_cb (const LwSimLead *leads,
              guint            n,
              gpointer         user_data,
              GError         **error)
{
  SimJob *job = user_data;

  g_mutex_lock (&job->mutex);
  job->run = job->worker_run;
  job->commits++;
  g_mutex_unlock (&job->mutex);
  if (job->relay != NULL)
    return lw_alert_relay_get_tap (job->relay)->leads_ready (leads, n, lw_alert_relay_get_tap (job->relay)->user_data,
                                                             error);
  return TRUE;
}

/* A paced run's SLA events, for its alerts. */
static gboolean
tap_events_cb (const LwEvent *events,
               guint          n,
               gpointer       user_data,
               GError       **error)
{
  SimJob *job = user_data;
  const LwSimSink *tap = lw_alert_relay_get_tap (job->relay);

  return tap->events_ready (events, n, tap->user_data, error);
}

static void
simulate_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  SimJob *job = task_data;
  LwSimSink tap = { tap_leads_cb, job->relay != NULL ? tap_events_cb : NULL, job };
  g_autoptr(LwStore) store = NULL;
  g_autoptr(LwSimulation) simulation = NULL;
  g_autoptr(GError) error = NULL;
  int priority = lw_sim_thread_lower_priority ();
  gboolean ok = FALSE;

  store = lw_store_open (job->path, &error);
  if (store != NULL)
    simulation = lw_simulation_new (job->config, job->scenario, &job->options, &error);
  if (simulation != NULL)
    {
      lw_simulation_set_pause (simulation, job->pause);
      ok = lw_simulate_into_store_tapped (store, simulation, job->scenario, job->revision,
                                          job->scenario_json, g_get_real_time () / G_USEC_PER_SEC,
                                          &tap, cancellable, progress_cb, job, &job->worker_run, &error);
    }
  g_clear_pointer (&simulation, lw_simulation_free);
  g_clear_pointer (&store, lw_store_unref);
  lw_sim_thread_restore_priority (priority);

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

/* The job's own clock: tells the views when more rows are in the store. */
static gboolean
job_tick_cb (gpointer user_data)
{
  SimJob *job = user_data;
  gint64 run;
  guint commits;

  g_mutex_lock (&job->mutex);
  run = job->run;
  commits = job->commits;
  g_mutex_unlock (&job->mutex);

  if (run > 0 && commits != job->commits_told)
    {
      job->commits_told = commits;
      lw_workspace_run_progress (job->workspace, run, FALSE);
    }
  return G_SOURCE_CONTINUE;
}

static void
simulate_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  LwWorkspace *workspace = LW_WORKSPACE (source);
  SimJob *job = user_data;
  g_autoptr(GError) error = NULL;

  job->ok = g_task_propagate_boolean (G_TASK (result), &error);
  if (!job->ok)
    {
      job->cancelled = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      job->message = g_strdup (error->message);
    }
  /* The worker is done: its run id may be read here. */
  job->final_run = job->worker_run;
  if (job->relay != NULL)
    lw_alert_relay_finish (job->relay, NULL);
  g_clear_pointer (&job->relay, lw_alert_relay_free);
  job->finished = TRUE;
  g_clear_handle_id (&job->tick_id, g_source_remove);
  if (job->final_run > 0)
    lw_workspace_run_progress (workspace, job->final_run, TRUE);
  g_clear_object (&job->workspace);

  if (g_object_get_data (G_OBJECT (workspace), JOB_KEY) == job)
    g_object_set_data (G_OBJECT (workspace), JOB_KEY, NULL);
  sim_job_unref (job);
}

/* ---- the page ------------------------------------------------------------------------------- */

static void
toast (LwSimulatePage *self,
       const char     *title)
{
  GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (self), LW_TYPE_WINDOW);
  g_autofree char *escaped = g_markup_escape_text (title, -1);

  if (window != NULL)
    lw_window_toast (LW_WINDOW (window), escaped);
}

static void
show_error (LwSimulatePage *self,
            const char     *heading,
            const char     *body)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                              heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
is_running (LwSimulatePage *self)
{
  return self->job != NULL && !self->job->finished;
}

/* Why a run cannot start now, or NULL. */
static const char *
why_not_runnable (LwSimulatePage *self)
{
  if (lw_workspace_get_path (self->workspace) == NULL)
    return _("Save the workspace to a file to run simulations.");
  if (lw_workspace_get_n_errors (self->workspace) > 0)
    return _("The rules have errors: fix them to run a simulation.");
  if (lw_sim_context_get_scenario (self->context) == NULL)
    return lw_sim_context_get_problem (self->context);
  if (lw_sim_context_get_problems (self->context)->len > 0)
    return _("The scenario has a problem: see its settings above.");
  return NULL;
}

static void
update_sensitivity (LwSimulatePage *self)
{
  gboolean running = is_running (self);
  gboolean paused = running && lw_sim_pause_get_paused (self->job->pause);
  const char *why = running ? NULL : why_not_runnable (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "simulate.run", !running && why == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "simulate.cancel", running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "simulate.pause", running && !paused);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "simulate.resume", paused);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "simulate.import-scenario", !running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "simulate.export-scenario",
                                 lw_sim_context_get_scenario (self->context) != NULL &&
                                 lw_sim_context_get_problems (self->context)->len == 0);
  gtk_widget_set_visible (self->cancel_button, running);
  gtk_widget_set_visible (self->pause_button, running && !paused);
  gtk_widget_set_visible (self->resume_button, paused);
  gtk_widget_set_sensitive (self->settings_box, !running);
  gtk_widget_set_sensitive (self->pace_row, !running);

  gtk_label_set_label (GTK_LABEL (self->status_label), why != NULL ? why : "");
  gtk_widget_set_visible (self->status_label, why != NULL);
}

static char *
format_sim_time (LwTime time)
{
  g_autoptr(GDateTime) date = g_date_time_new_from_unix_utc (time);

  if (date == NULL)
    return g_strdup ("");
  /* translators: a simulated date and time in the progress bar; see g_date_time_format() */
  return g_date_time_format (date, _("%b %-d, %Y %H:%M"));
}

static void
update_progress (LwSimulatePage *self)
{
  SimJob *job = self->job;
  int done = g_atomic_int_get (&job->leads_done);
  int total = g_atomic_int_get (&job->leads_total);
  g_autofree char *done_text = lw_format_count ((guint64) done);
  g_autofree char *total_text = lw_format_count ((guint64) total);
  g_autofree char *time_text = NULL;
  g_autofree char *text = NULL;
  LwTime now;

  g_mutex_lock (&job->mutex);
  now = job->sim_now;
  g_mutex_unlock (&job->mutex);

  if (total <= 0)
    {
      gtk_progress_bar_set_text (GTK_PROGRESS_BAR (self->progress_bar), _("Starting…"));
      gtk_progress_bar_pulse (GTK_PROGRESS_BAR (self->progress_bar));
      return;
    }
  time_text = format_sim_time (now);
  if (lw_sim_pause_is_parked (job->pause))
    /* translators: a paused run: simulated date · "4,210 of 20,000 leads"; the plural
     * follows the second count */
    text = g_strdup_printf (ngettext ("Paused · %s · %s of %s lead", "Paused · %s · %s of %s leads",
                                      (gulong) total),
                            time_text, done_text, total_text);
  else if (lw_sim_pause_get_paused (job->pause))
    /* translators: a run about to pause: simulated date · "4,210 of 20,000 leads"; the
     * plural follows the second count */
    text = g_strdup_printf (ngettext ("Pausing… · %s · %s of %s lead", "Pausing… · %s · %s of %s leads",
                                      (gulong) total),
                            time_text, done_text, total_text);
  else
    /* translators: the progress of a run: simulated date · "4,210 of 20,000 leads"; the
     * plural follows the second count */
    text = g_strdup_printf (ngettext ("%s · %s of %s lead", "%s · %s of %s leads", (gulong) total),
                            time_text, done_text, total_text);
  /* Only what changed: a new text is a new size to work out. */
  if (g_strcmp0 (gtk_progress_bar_get_text (GTK_PROGRESS_BAR (self->progress_bar)), text) != 0)
    gtk_progress_bar_set_text (GTK_PROGRESS_BAR (self->progress_bar), text);
  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->progress_bar), (double) done / total);
}

static GtkWidget *
create_run_row (LwRunInfo *info,
                gboolean   paused)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, info->id);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *count = lw_format_count (info->leads);
  g_autofree char *leads = NULL;
  g_autofree char *days = NULL;
  g_autoptr(GDateTime) started = g_date_time_new_from_unix_local (info->started_at);
  g_autofree char *started_text = started != NULL ? g_date_time_format (started, "%x %X") : g_strdup ("");
  const char *status;
  GtkWidget *label;

  switch (info->status)
    {
    case LW_RUN_RUNNING:     status = paused ? _("Paused") : _("Running"); break;
    case LW_RUN_FINISHED:    status = _("Finished"); break;
    case LW_RUN_CANCELLED:   status = _("Cancelled"); break;
    case LW_RUN_FAILED:      status = _("Failed"); break;
    case LW_RUN_INTERRUPTED: status = _("Interrupted"); break;
    default:                 status = ""; break;
    }

  /* translators: a past simulation run; %s is its number */
  title = g_strdup_printf (_("Run %s"), id);
  /* translators: a number of leads in a past run's line: "20,000 leads" */
  leads = g_strdup_printf (ngettext ("%s lead", "%s leads", (gulong) MIN (info->leads, G_MAXULONG)), count);
  /* translators: how many simulated days a past run covered: "30 days" */
  days = g_strdup_printf (ngettext ("%u day", "%u days", info->days), info->days);
  /* translators: a past run: when it started · "20,000 leads" · "30 days" */
  subtitle = g_strdup_printf (_("%s · %s · %s"), started_text, leads, days);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  label = gtk_label_new (status);
  gtk_widget_add_css_class (label, "dim-label");
  if (info->status == LW_RUN_FAILED || info->status == LW_RUN_INTERRUPTED)
    gtk_widget_add_css_class (label, "error");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  return row;
}

static void
refresh_runs (LwSimulatePage *self)
{
  LwStore *store = lw_workspace_get_store (self->workspace);
  g_autoptr(GPtrArray) runs = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->runs_list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->runs_list), child);

  if (store != NULL)
    runs = lw_store_list_runs (store, NULL);
  if (runs == NULL || runs->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     store != NULL ? _("No runs yet")
                                                   : _("Save the workspace to a file to run simulations"));
      gtk_widget_add_css_class (row, "dim-label");
      gtk_list_box_append (GTK_LIST_BOX (self->runs_list), row);
      return;
    }
  for (guint i = 0; i < runs->len && i < MAX_RUNS_SHOWN; i++)
    {
      LwRunInfo *info = g_ptr_array_index (runs, i);
      gboolean paused = is_running (self) && info->id == self->shown_run &&
                        lw_sim_pause_get_paused (self->job->pause);

      gtk_list_box_append (GTK_LIST_BOX (self->runs_list), create_run_row (info, paused));
    }
}

/* ---- the scenario summary ----------------------------------------------------------------------- */

static void
update_summary (LwSimulatePage *self)
{
  LwScenario *draft = lw_sim_context_get_draft (self->context);
  const LwSimSettings *settings = lw_sim_context_get_settings (self->context);
  g_autofree char *leads = NULL;
  g_autofree char *days = NULL;
  g_autofree char *entries = NULL;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *seed = NULL;
  g_autofree char *escaped = NULL;

  if (draft == NULL)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->summary_row), _("No scenario"));
      return;
    }

  leads = lw_format_count (draft->leads);
  days = g_strdup_printf (ngettext ("%u day", "%u days", draft->days), draft->days);
  entries = g_strdup_printf (ngettext ("%u entry point", "%u entry points", draft->entry_points->len),
                             draft->entry_points->len);
  /* translators: the scenario in one line: "1,000 leads over 30 days from 4 entry points" */
  title = g_strdup_printf (_("%s leads over %s from %s"), leads, days, entries);
  seed = g_strdup_printf ("%" G_GUINT64_FORMAT, settings->seed);
  /* translators: the scenario's name · its random seed */
  subtitle = g_strdup_printf (_("%s · seed %s"), draft->name != NULL && *draft->name ? draft->name
                                                                                     : _("Unnamed scenario"),
                              seed);
  escaped = g_markup_escape_text (title, -1);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->summary_row), escaped);
  g_free (escaped);
  escaped = g_markup_escape_text (subtitle, -1);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->summary_row), escaped);
}

static void
set_settings_open (LwSimulatePage *self,
                   gboolean        open)
{
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->settings_revealer), open);
  if (open)
    gtk_widget_add_css_class (self->summary_arrow, "lw-open");
  else
    gtk_widget_remove_css_class (self->summary_arrow, "lw-open");
}

static void
problem_row_activated_cb (LwSimulatePage *self,
                          GtkWidget      *row)
{
  const char *path = g_object_get_data (G_OBJECT (row), "lw-path");

  set_settings_open (self, TRUE);
  lw_scenario_editor_reveal (LW_SCENARIO_EDITOR (self->editor), path);
}

/* "Demo and contact-sales forms › Share of arrivals": where a problem is. */
static char *
describe_where (LwSimulatePage *self,
                const char     *path)
{
  GtkWidget *row = lw_scenario_editor_find_row (LW_SCENARIO_EDITOR (self->editor), path);
  g_autoptr(GString) where = g_string_new (NULL);

  for (GtkWidget *at = row; at != NULL;
       at = gtk_widget_get_ancestor (gtk_widget_get_parent (at), ADW_TYPE_EXPANDER_ROW))
    {
      if (where->len > 0)
        g_string_prepend (where, " › ");
      g_string_prepend (where, adw_preferences_row_get_title (ADW_PREFERENCES_ROW (at)));
    }
  if (where->len == 0)
    return g_markup_escape_text (path, -1);
  return g_string_free (g_steal_pointer (&where), FALSE);
}

/* A row under the scenario's summary for @d, which goes to where it is. */
static void
add_diagnostic_row (LwSimulatePage     *self,
                    const LwDiagnostic *d,
                    const char         *icon_name,
                    const char         *css_class)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (icon_name);
  g_autofree char *capitalized = lw_editor_dup_capitalized (d->message);
  g_autofree char *message = g_markup_escape_text (capitalized, -1);
  g_autofree char *where = describe_where (self, d->path);

  gtk_widget_add_css_class (icon, css_class);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), message);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), where);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "lw-path", g_strdup (d->path), g_free);
  g_signal_connect_object (row, "activated", G_CALLBACK (problem_row_activated_cb), self,
                           G_CONNECT_SWAPPED);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->scenario_group), row);
  g_ptr_array_add (self->problem_rows, row);
}

static void
update_problems (LwSimulatePage *self)
{
  GPtrArray *problems = lw_sim_context_get_problems (self->context);
  const char *problem = lw_sim_context_get_problem (self->context);
  GPtrArray *warnings = lw_sim_context_get_warnings (self->context);

  for (guint i = 0; i < self->problem_rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self->scenario_group),
                                  g_ptr_array_index (self->problem_rows, i));
  g_ptr_array_set_size (self->problem_rows, 0);

  for (guint i = 0; i < problems->len; i++)
    add_diagnostic_row (self, g_ptr_array_index (problems, i), "dialog-error-symbolic", "error");
  /* What a run would leave out: said, but no reason not to run. */
  for (guint i = 0; i < warnings->len; i++)
    add_diagnostic_row (self, g_ptr_array_index (warnings, i), "dialog-warning-symbolic", "warning");

  if (problem != NULL)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
      g_autofree char *message = g_markup_escape_text (problem, -1);

      gtk_widget_add_css_class (icon, "warning");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), message);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 4);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->scenario_group), row);
      g_ptr_array_add (self->problem_rows, row);
    }

  update_summary (self);
  update_sensitivity (self);
}

static void
context_changed_cb (LwSimulatePage *self)
{
  update_summary (self);
  update_sensitivity (self);
}

static void
pace_selected_cb (LwSimulatePage *self)
{
  LwSimSettings settings = *lw_sim_context_get_settings (self->context);
  guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (self->pace_row));
  g_autoptr(GError) error = NULL;

  if (selected >= G_N_ELEMENTS (speeds))
    return;
  settings.speed = speeds[selected];
  if (!lw_sim_context_set_settings (self->context, &settings, &error))
    g_warning ("Could not keep the pace: %s", error->message);
}

static void
select_pace (LwSimulatePage *self)
{
  double speed = lw_sim_context_get_settings (self->context)->speed;
  guint selected = 0;

  for (guint i = 0; i < G_N_ELEMENTS (speeds); i++)
    if (speeds[i] == speed)
      selected = i;
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->pace_row), selected);
}

/* ---- following a run ------------------------------------------------------------------------------ */

static void
stop_following (LwSimulatePage *self)
{
  g_clear_handle_id (&self->progress_id, g_source_remove);
  g_clear_pointer (&self->job, sim_job_unref);
}

static gboolean
progress_timeout_cb (gpointer user_data)
{
  LwSimulatePage *self = user_data;
  SimJob *job = self->job;

  if (!job->finished)
    {
      gint64 run = sim_job_get_run (job);
      gboolean paused = lw_sim_pause_get_paused (job->pause);

      update_progress (self);
      update_sensitivity (self);
      /* The run joins the list once it has rows; the list says when it is
       * paused. */
      if (run != self->shown_run || paused != self->shown_paused)
        {
          self->shown_run = run;
          self->shown_paused = paused;
          refresh_runs (self);
        }
      return G_SOURCE_CONTINUE;
    }

  if (job->ok)
    {
      int done = g_atomic_int_get (&job->leads_done);
      g_autofree char *leads = lw_format_count ((guint64) done);
      /* translators: a toast; %s is a number of leads ("20,000") */
      g_autofree char *title = g_strdup_printf (ngettext ("Simulation finished: %s lead",
                                                          "Simulation finished: %s leads", (gulong) done),
                                                leads);

      gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->progress_bar), 1.0);
      gtk_progress_bar_set_text (GTK_PROGRESS_BAR (self->progress_bar), title);
      toast (self, title);
    }
  else if (job->cancelled)
    {
      gtk_progress_bar_set_text (GTK_PROGRESS_BAR (self->progress_bar), _("Cancelled"));
      toast (self, _("Simulation cancelled"));
    }
  else
    {
      /* translators: a toast; %s is the error */
      g_autofree char *title = g_strdup_printf (_("Simulation failed: %s"), job->message);

      gtk_progress_bar_set_text (GTK_PROGRESS_BAR (self->progress_bar), _("Failed"));
      toast (self, title);
    }

  self->progress_id = 0;
  g_clear_pointer (&self->job, sim_job_unref);
  update_sensitivity (self);
  refresh_runs (self);
  return G_SOURCE_REMOVE;
}

static void
follow (LwSimulatePage *self,
        SimJob         *job)
{
  stop_following (self);
  self->job = sim_job_ref (job);
  self->shown_run = 0;
  self->shown_paused = FALSE;
  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->progress_bar), 0);
  update_progress (self);
  self->progress_id = g_timeout_add (TICK_MS, progress_timeout_cb, self);
  update_sensitivity (self);
  refresh_runs (self);
}

/* A paced run alerts as live leads do (issue: managers watch a paced run
 * fire its SLA alerts), through the application's notifier and to whom
 * the preferences say. */
static LwAlertRelay *
create_alert_relay (SimJob *job)
{
  GApplication *app = g_application_get_default ();
  g_autoptr(LwAlertSettings) settings = NULL;
  LwNotifier *notifier;

  /* job->config is the bound rule set the run uses, and outlives the relay. */
  if (job->options.speed <= 0 || !LW_IS_APPLICATION (app) ||
      lw_workspace_get_n_errors (job->workspace) > 0)
    return NULL;
  notifier = lw_application_get_notifier (LW_APPLICATION (app));
  if (notifier == NULL)
    return NULL;
  settings = lw_preferences_dup_alert_settings (lw_application_get_settings (LW_APPLICATION (app)), job->config);
  return lw_alert_relay_new (job->config, settings, notifier, lw_workspace_get_store (job->workspace),
                             &job->worker_run, lw_wall_clock_now);
}

static void
run_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  LwSimulatePage *self = LW_SIMULATE_PAGE (widget);
  const LwSimSettings *settings = lw_sim_context_get_settings (self->context);
  LwScenario *scenario = lw_sim_context_get_scenario (self->context);
  g_autoptr(GTask) task = NULL;
  SimJob *job;

  if (self->job != NULL || why_not_runnable (self) != NULL)
    return;

  job = g_atomic_rc_box_new0 (SimJob);
  g_mutex_init (&job->mutex);
  job->path = g_strdup (lw_workspace_get_path (self->workspace));
  job->config = lw_workspace_dup_config (self->workspace);
  job->scenario = lw_scenario_ref (scenario);
  job->scenario_json = g_strdup (lw_sim_context_get_scenario_json (self->context));
  job->revision = lw_workspace_find_current_revision (self->workspace);
  job->cancellable = g_cancellable_new ();
  job->pause = lw_sim_pause_new ();
  job->options.leads = scenario->leads;
  job->options.days = scenario->days;
  job->options.seed = settings->seed;
  job->options.speed = settings->speed;
  job->options.flush_seconds = settings->speed > 0 ? 0 : FLUSH_SECONDS;
  job->workspace = g_object_ref (self->workspace);
  job->relay = create_alert_relay (job);
  job->tick_id = g_timeout_add_full (G_PRIORITY_DEFAULT, TICK_MS, job_tick_cb, sim_job_ref (job),
                                     (GDestroyNotify) sim_job_unref);

  g_object_set_data_full (G_OBJECT (self->workspace), JOB_KEY, sim_job_ref (job),
                          (GDestroyNotify) sim_job_unref);
  task = g_task_new (self->workspace, job->cancellable, simulate_done_cb, job);
  g_task_set_source_tag (task, run_action);
  g_task_set_task_data (task, sim_job_ref (job), (GDestroyNotify) sim_job_unref);
  g_task_run_in_thread (task, simulate_thread);

  follow (self, job);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LwSimulatePage *self = LW_SIMULATE_PAGE (widget);

  if (self->job != NULL)
    g_cancellable_cancel (self->job->cancellable);
}

static void
pause_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  LwSimulatePage *self = LW_SIMULATE_PAGE (widget);

  if (!is_running (self))
    return;
  lw_sim_pause_set_paused (self->job->pause, TRUE);
  update_progress (self);
  update_sensitivity (self);
}

static void
resume_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LwSimulatePage *self = LW_SIMULATE_PAGE (widget);

  if (!is_running (self))
    return;
  lw_sim_pause_set_paused (self->job->pause, FALSE);
  update_progress (self);
  update_sensitivity (self);
}

static void
toggle_settings_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  LwSimulatePage *self = LW_SIMULATE_PAGE (widget);

  set_settings_open (self, !gtk_revealer_get_reveal_child (GTK_REVEALER (self->settings_revealer)));
}

/* ---- import and export ------------------------------------------------------------------------ */

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
        show_error (self, _("Could Not Import the Scenario"), error->message);
      file_op_free (op);
      return;
    }

  /* A file that does not load changes nothing; its first error is located. */
  scenario = lw_scenario_load_data (contents, (gssize) length, name, NULL, &error);
  if (scenario == NULL)
    {
      show_error (self, _("Could Not Import the Scenario"), error->message);
      file_op_free (op);
      return;
    }

  lw_sim_context_replace_draft (self->context, scenario);
  if (lw_sim_context_get_problems (self->context)->len > 0)
    set_settings_open (self, TRUE);
  /* translators: a toast; %s is a file name */
  title = g_strdup_printf (_("Scenario imported from %s"), name);
  toast (self, title);
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
        show_error (op->self, _("Could Not Export the Scenario"), error->message);
    }
  else
    {
      g_autofree char *name = g_file_get_basename (op->file);
      /* translators: a toast; %s is a file name */
      g_autofree char *title = g_strdup_printf (_("Scenario exported to %s"), name);

      toast (op->self, title);
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

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  open_chooser (LW_SIMULATE_PAGE (widget), GTK_FILE_CHOOSER_ACTION_OPEN);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  open_chooser (LW_SIMULATE_PAGE (widget), GTK_FILE_CHOOSER_ACTION_SAVE);
}

/* ---- public ------------------------------------------------------------------------------------ */

gboolean
lw_simulate_page_is_running (LwSimulatePage *self)
{
  g_return_val_if_fail (LW_IS_SIMULATE_PAGE (self), FALSE);

  return self->job != NULL;
}

gboolean
lw_simulate_page_is_paused (LwSimulatePage *self)
{
  g_return_val_if_fail (LW_IS_SIMULATE_PAGE (self), FALSE);

  return is_running (self) && lw_sim_pause_is_parked (self->job->pause);
}

gboolean
lw_simulate_page_get_progress (LwSimulatePage *self,
                               guint          *leads_done,
                               guint          *leads_total,
                               gint64         *run)
{
  g_return_val_if_fail (LW_IS_SIMULATE_PAGE (self), FALSE);

  if (!is_running (self))
    return FALSE;
  if (leads_done != NULL)
    *leads_done = (guint) g_atomic_int_get (&self->job->leads_done);
  if (leads_total != NULL)
    *leads_total = (guint) g_atomic_int_get (&self->job->leads_total);
  if (run != NULL)
    *run = sim_job_get_run (self->job);
  return TRUE;
}

GtkWidget *
lw_simulate_page_get_editor (LwSimulatePage *self)
{
  g_return_val_if_fail (LW_IS_SIMULATE_PAGE (self), NULL);

  return self->editor;
}

/* ---- LwPage --------------------------------------------------------------------------------- */

static void
lw_simulate_page_reveal (LwPage     *page,
                         const char *path)
{
  LwSimulatePage *self = LW_SIMULATE_PAGE (page);

  if (path != NULL && g_str_has_prefix (path, "$"))
    {
      set_settings_open (self, TRUE);
      lw_scenario_editor_reveal (LW_SCENARIO_EDITOR (self->editor), path);
      return;
    }
  gtk_widget_grab_focus (self->summary_row);
}

static void
lw_simulate_page_page_init (LwPageInterface *iface)
{
  iface->reveal = lw_simulate_page_reveal;
}

/* ---- GObject -------------------------------------------------------------------------------- */

static void
workspace_changed_cb (LwSimulatePage *self)
{
  update_sensitivity (self);
}

static void
lw_simulate_page_constructed (GObject *object)
{
  LwSimulatePage *self = LW_SIMULATE_PAGE (object);
  SimJob *running;

  G_OBJECT_CLASS (lw_simulate_page_parent_class)->constructed (object);

  self->context = g_object_ref (lw_sim_context_get (self->workspace));
  self->editor = lw_scenario_editor_new (self->workspace);
  gtk_box_append (GTK_BOX (self->settings_box), self->editor);

  select_pace (self);
  g_signal_connect_object (self->pace_row, "notify::selected", G_CALLBACK (pace_selected_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "changed", G_CALLBACK (context_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "problems-changed", G_CALLBACK (update_problems), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->workspace, "changed", G_CALLBACK (workspace_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->workspace, "notify::path", G_CALLBACK (workspace_changed_cb), self,
                           G_CONNECT_SWAPPED);
  update_problems (self);

  running = g_object_get_data (G_OBJECT (self->workspace), JOB_KEY);
  if (running != NULL)
    follow (self, running);
  else
    {
      update_sensitivity (self);
      refresh_runs (self);
    }
}

static void
lw_simulate_page_dispose (GObject *object)
{
  LwSimulatePage *self = LW_SIMULATE_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  stop_following (self);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), LW_TYPE_SIMULATE_PAGE);
  g_clear_object (&self->context);
  g_clear_object (&self->workspace);

  G_OBJECT_CLASS (lw_simulate_page_parent_class)->dispose (object);
}

static void
lw_simulate_page_finalize (GObject *object)
{
  LwSimulatePage *self = LW_SIMULATE_PAGE (object);

  g_clear_object (&self->cancellable);
  g_ptr_array_unref (self->problem_rows);

  G_OBJECT_CLASS (lw_simulate_page_parent_class)->finalize (object);
}

static void
lw_simulate_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  LwSimulatePage *self = LW_SIMULATE_PAGE (object);

  switch (prop_id)
    {
    case PROP_WORKSPACE:
      g_set_object (&self->workspace, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lw_simulate_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  LwSimulatePage *self = LW_SIMULATE_PAGE (object);

  switch (prop_id)
    {
    case PROP_WORKSPACE:
      g_value_set_object (value, self->workspace);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lw_simulate_page_class_init (LwSimulatePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = lw_simulate_page_constructed;
  object_class->dispose = lw_simulate_page_dispose;
  object_class->finalize = lw_simulate_page_finalize;
  object_class->set_property = lw_simulate_page_set_property;
  object_class->get_property = lw_simulate_page_get_property;

  g_object_class_override_property (object_class, PROP_WORKSPACE, "workspace");

  /* An export finished writing @file. */
  g_signal_new ("scenario-exported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                NULL, G_TYPE_NONE, 1, G_TYPE_FILE);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/leadwright/Leadwright/lw-simulate-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LwSimulatePage, scroller);
  gtk_widget_class_bind_template_child (widget_class, LwSimulatePage, scenario_group);
  gtk_widget_class_bind_template_child (widget_class, LwSimulatePage, summary_row);
  gtk_widget_class_bind_template_child (widget_class, LwSimulatePage, summary_arrow);
  gtk_widget_class_bind_template_child (widget_class, LwSimulatePage, settings_revealer);
  gtk_widget_class_bind_template_child (widget_class, LwSimulatePage, settings_box);
  gtk_widget_class_bind_template_child (widget_class, LwSimulatePage, pace_row);
  gtk_widget_class_bind_template_child (widget_class, LwSimulatePage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, LwSimulatePage, status_label);
  gtk_widget_class_bind_template_child (widget_class, LwSimulatePage, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, LwSimulatePage, pause_button);
  gtk_widget_class_bind_template_child (widget_class, LwSimulatePage, resume_button);
  gtk_widget_class_bind_template_child (widget_class, LwSimulatePage, runs_list);

  gtk_widget_class_install_action (widget_class, "simulate.run", NULL, run_action);
  gtk_widget_class_install_action (widget_class, "simulate.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "simulate.pause", NULL, pause_action);
  gtk_widget_class_install_action (widget_class, "simulate.resume", NULL, resume_action);
  gtk_widget_class_install_action (widget_class, "simulate.toggle-settings", NULL, toggle_settings_action);
  gtk_widget_class_install_action (widget_class, "simulate.import-scenario", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "simulate.export-scenario", NULL, export_action);
}

static void
lw_simulate_page_init (LwSimulatePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->problem_rows = g_ptr_array_new ();
}

GtkWidget *
lw_simulate_page_new (LwWorkspace *workspace)
{
  g_return_val_if_fail (LW_IS_WORKSPACE (workspace), NULL);

  return g_object_new (LW_TYPE_SIMULATE_PAGE, "workspace", workspace, NULL);
}
