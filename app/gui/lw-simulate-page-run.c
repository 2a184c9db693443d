/* lw-simulate-page-run.c: a run of the simulator and the page following it
 *
 * Part of LwSimulatePage (lw-simulate-page-private.h): the job a run is,
 * the worker thread that runs it with its own connection to the workspace
 * file, the job's own clock that tells the views about its progress, the
 * progress bar of the page following a run, and the run, cancel, pause
 * and resume actions.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "lw-simulate-page-private.h"

#include "lw-alert-relay.h"
#include "lw-application.h"
#include "lw-chart-export.h"
#include "lw-preferences-window.h"
#include "lw-sim-store.h"
#include "lw-store.h"

#define TICK_MS          100     /* ten updates a second at most */
#define FLUSH_SECONDS    0.5     /* a fast run's leads reach the store after half a
                                  * second, then each time it doubled its leads */

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

/* ---- following a run ------------------------------------------------------------------------------ */

void
_lw_simulate_page_stop_following (LwSimulatePage *self)
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
      _lw_simulate_page_update_sensitivity (self);
      /* The run joins the list once it has rows; the list says when it is
       * paused. */
      if (run != self->shown_run || paused != self->shown_paused)
        {
          self->shown_run = run;
          self->shown_paused = paused;
          _lw_simulate_page_refresh_runs (self);
        }
      return G_SOURCE_CONTINUE;
    }

  if (job->ok)
    {
      int done = g_atomic_int_get (&job->leads_done);
      g_autofree char *leads = lw_format_count ((guint64) done);
      /* translators: a _lw_simulate_page_toast; %s is a number of leads ("20,000") */
      g_autofree char *title = g_strdup_printf (ngettext ("Simulation finished: %s lead",
                                                          "Simulation finished: %s leads", (gulong) done),
                                                leads);

      gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->progress_bar), 1.0);
      gtk_progress_bar_set_text (GTK_PROGRESS_BAR (self->progress_bar), title);
      _lw_simulate_page_toast (self, title);
    }
  else if (job->cancelled)
    {
      gtk_progress_bar_set_text (GTK_PROGRESS_BAR (self->progress_bar), _("Cancelled"));
      _lw_simulate_page_toast (self, _("Simulation cancelled"));
    }
  else
    {
      /* translators: a _lw_simulate_page_toast; %s is the error */
      g_autofree char *title = g_strdup_printf (_("Simulation failed: %s"), job->message);

      gtk_progress_bar_set_text (GTK_PROGRESS_BAR (self->progress_bar), _("Failed"));
      _lw_simulate_page_toast (self, title);
    }

  self->progress_id = 0;
  g_clear_pointer (&self->job, sim_job_unref);
  _lw_simulate_page_update_sensitivity (self);
  _lw_simulate_page_refresh_runs (self);
  return G_SOURCE_REMOVE;
}

void
_lw_simulate_page_follow (LwSimulatePage *self,
                          SimJob         *job)
{
  _lw_simulate_page_stop_following (self);
  self->job = sim_job_ref (job);
  self->shown_run = 0;
  self->shown_paused = FALSE;
  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->progress_bar), 0);
  update_progress (self);
  self->progress_id = g_timeout_add (TICK_MS, progress_timeout_cb, self);
  _lw_simulate_page_update_sensitivity (self);
  _lw_simulate_page_refresh_runs (self);
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

void
_lw_simulate_page_run_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  LwSimulatePage *self = LW_SIMULATE_PAGE (widget);
  const LwSimSettings *settings = lw_sim_context_get_settings (self->context);
  LwScenario *scenario = lw_sim_context_get_scenario (self->context);
  g_autoptr(GTask) task = NULL;
  SimJob *job;

  if (self->job != NULL || _lw_simulate_page_why_not_runnable (self) != NULL)
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
  g_task_set_source_tag (task, _lw_simulate_page_run_action);
  g_task_set_task_data (task, sim_job_ref (job), (GDestroyNotify) sim_job_unref);
  g_task_run_in_thread (task, simulate_thread);

  _lw_simulate_page_follow (self, job);
}

void
_lw_simulate_page_cancel_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  LwSimulatePage *self = LW_SIMULATE_PAGE (widget);

  if (self->job != NULL)
    g_cancellable_cancel (self->job->cancellable);
}

void
_lw_simulate_page_pause_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  LwSimulatePage *self = LW_SIMULATE_PAGE (widget);

  if (!is_running (self))
    return;
  lw_sim_pause_set_paused (self->job->pause, TRUE);
  update_progress (self);
  _lw_simulate_page_update_sensitivity (self);
}

void
_lw_simulate_page_resume_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  LwSimulatePage *self = LW_SIMULATE_PAGE (widget);

  if (!is_running (self))
    return;
  lw_sim_pause_set_paused (self->job->pause, FALSE);
  update_progress (self);
  _lw_simulate_page_update_sensitivity (self);
}
