/* lw-simulate-page.c: runs the simulator on the workspace
 *
 * The run goes on a worker thread with its own connection to the
 * workspace file. The job outlives the page (the window drops pages out of
 * sight when the rules change): it is kept on the workspace while it runs,
 * and a page built meanwhile follows it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "lw-simulate-page.h"

#include "lw-chart-export.h"
#include "lw-page.h"
#include "lw-scenario.h"
#include "lw-sim-store.h"
#include "lw-simulator.h"
#include "lw-store.h"
#include "lw-window.h"

#define JOB_KEY "lw-simulate-job"
#define MAX_RUNS_SHOWN 20

typedef struct
{
  char         *path;
  LwConfig     *config;
  LwSimOptions  options;
  gint64        revision;
  GCancellable *cancellable;

  /* Written by the worker, read by the page's timeout. */
  int           leads_done;
  int           leads_total;
  GMutex        mutex;
  LwTime        sim_now;

  /* Set on the main thread when the worker is done. */
  gboolean      finished;
  gboolean      ok;
  gboolean      cancelled;
  char         *message;
  gint64        run;
} SimJob;

static void
sim_job_clear (SimJob *job)
{
  g_free (job->path);
  g_clear_pointer (&job->config, lw_config_unref);
  g_clear_object (&job->cancellable);
  g_mutex_clear (&job->mutex);
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

struct _LwSimulatePage
{
  GtkWidget parent_instance;

  LwWorkspace *workspace;
  SimJob      *job;        /* the run this page follows, or NULL */
  guint        progress_id;

  GtkWidget   *preferences_page;
  GtkWidget   *scenario_group;
  GtkWidget   *leads_spin;
  GtkWidget   *days_spin;
  GtkWidget   *seed_spin;
  GtkWidget   *speed_row;
  GtkWidget   *progress_bar;
  GtkWidget   *runs_list;
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

/* Simulated seconds per wall-clock second, in the order of the speed row. */
static const double speeds[] = { 0, 3600, 24 * 3600 / 60.0, 24 * 3600 };

/* ---- scenario ------------------------------------------------------------------------------- */

static char *
default_scenario_path (void)
{
  const char *dirs[] = { g_getenv ("LW_SAMPLES_DIR"), PKGDATADIR "/samples", SOURCE_SAMPLES_DIR };

  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      g_autofree char *path = NULL;

      if (dirs[i] == NULL)
        continue;
      path = g_build_filename (dirs[i], "inbound-scenario.json", NULL);
      if (g_file_test (path, G_FILE_TEST_EXISTS))
        return g_steal_pointer (&path);
    }
  return NULL;
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

static void
simulate_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  SimJob *job = task_data;
  g_autofree char *scenario_path = default_scenario_path ();
  g_autofree char *scenario_json = NULL;
  g_autoptr(LwScenario) scenario = NULL;
  g_autoptr(LwStore) store = NULL;
  g_autoptr(GError) error = NULL;
  LwSimulation *simulation;
  gboolean ok;

  if (scenario_path == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "%s",
                               _("The sample scenario inbound-scenario.json was not found"));
      return;
    }
  if (!g_file_get_contents (scenario_path, &scenario_json, NULL, &error) ||
      (scenario = lw_scenario_load_data (scenario_json, -1, scenario_path, NULL, &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  store = lw_store_open (job->path, &error);
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  simulation = lw_simulation_new (job->config, scenario, &job->options, &error);
  if (simulation == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  ok = lw_simulate_into_store (store, simulation, scenario, job->revision, scenario_json,
                               g_get_real_time () / G_USEC_PER_SEC, cancellable,
                               progress_cb, job, &job->run, &error);
  lw_simulation_free (simulation);
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
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
  job->finished = TRUE;
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

  if (window != NULL)
    lw_window_toast (LW_WINDOW (window), title);
}

static void
update_sensitivity (LwSimulatePage *self)
{
  gboolean running = self->job != NULL && !self->job->finished;
  gboolean has_file = lw_workspace_get_path (self->workspace) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "simulate.run", !running && has_file);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "simulate.cancel", running);
  gtk_widget_set_sensitive (self->scenario_group, !running);
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
  g_autofree char *done_text = lw_chart_format_count ((guint64) done);
  g_autofree char *total_text = lw_chart_format_count ((guint64) total);
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
  /* translators: the progress of a run: simulated date · "4,210 of 20,000 leads" */
  text = g_strdup_printf (_("%s · %s of %s leads"), time_text, done_text, total_text);
  gtk_progress_bar_set_text (GTK_PROGRESS_BAR (self->progress_bar), text);
  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->progress_bar), (double) done / total);
}

static GtkWidget *
create_run_row (LwRunInfo *info)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, info->id);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *leads = lw_chart_format_count (info->leads);
  g_autoptr(GDateTime) started = g_date_time_new_from_unix_local (info->started_at);
  g_autofree char *started_text = started != NULL ? g_date_time_format (started, "%x %X") : g_strdup ("");
  const char *status;
  GtkWidget *label;

  switch (info->status)
    {
    case LW_RUN_RUNNING:     status = _("Running"); break;
    case LW_RUN_FINISHED:    status = _("Finished"); break;
    case LW_RUN_CANCELLED:   status = _("Cancelled"); break;
    case LW_RUN_FAILED:      status = _("Failed"); break;
    case LW_RUN_INTERRUPTED: status = _("Interrupted"); break;
    default:                 status = ""; break;
    }

  /* translators: a past simulation run; %s is its number */
  title = g_strdup_printf (_("Run %s"), id);
  /* translators: a past run: when it started · "20,000 leads" · "30 days" */
  subtitle = g_strdup_printf (_("%s · %s leads · %u days"), started_text, leads, info->days);
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
    gtk_list_box_append (GTK_LIST_BOX (self->runs_list), create_run_row (g_ptr_array_index (runs, i)));
}

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
      update_progress (self);
      return G_SOURCE_CONTINUE;
    }

  if (job->ok)
    {
      g_autofree char *leads = lw_chart_format_count ((guint64) g_atomic_int_get (&job->leads_done));
      /* translators: a toast; %s is a number of leads ("20,000") */
      g_autofree char *title = g_strdup_printf (_("Simulation finished: %s leads"), leads);

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
  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->progress_bar), 0);
  update_progress (self);
  self->progress_id = g_timeout_add (100, progress_timeout_cb, self);
  update_sensitivity (self);
  refresh_runs (self);
}

static void
run_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  LwSimulatePage *self = LW_SIMULATE_PAGE (widget);
  g_autoptr(GTask) task = NULL;
  guint speed = adw_combo_row_get_selected (ADW_COMBO_ROW (self->speed_row));
  SimJob *job;

  if (self->job != NULL || lw_workspace_get_path (self->workspace) == NULL)
    return;

  job = g_atomic_rc_box_new0 (SimJob);
  g_mutex_init (&job->mutex);
  job->path = g_strdup (lw_workspace_get_path (self->workspace));
  job->config = lw_workspace_dup_config (self->workspace);
  job->revision = lw_workspace_find_current_revision (self->workspace);
  job->cancellable = g_cancellable_new ();
  job->options.leads = (guint) gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->leads_spin));
  job->options.days = (guint) gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->days_spin));
  job->options.seed = (guint64) gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->seed_spin));
  job->options.speed = speeds[MIN (speed, G_N_ELEMENTS (speeds) - 1)];

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

gboolean
lw_simulate_page_is_running (LwSimulatePage *self)
{
  g_return_val_if_fail (LW_IS_SIMULATE_PAGE (self), FALSE);

  return self->job != NULL;
}

/* ---- LwPage --------------------------------------------------------------------------------- */

static void
lw_simulate_page_reveal (LwPage     *page,
                         const char *path)
{
  LwSimulatePage *self = LW_SIMULATE_PAGE (page);

  gtk_widget_grab_focus (self->leads_spin);
}

static void
lw_simulate_page_page_init (LwPageInterface *iface)
{
  iface->reveal = lw_simulate_page_reveal;
}

/* ---- GObject -------------------------------------------------------------------------------- */

static void
lw_simulate_page_constructed (GObject *object)
{
  LwSimulatePage *self = LW_SIMULATE_PAGE (object);
  SimJob *running;

  G_OBJECT_CLASS (lw_simulate_page_parent_class)->constructed (object);

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

  stop_following (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), LW_TYPE_SIMULATE_PAGE);
  g_clear_object (&self->workspace);

  G_OBJECT_CLASS (lw_simulate_page_parent_class)->dispose (object);
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
  object_class->set_property = lw_simulate_page_set_property;
  object_class->get_property = lw_simulate_page_get_property;

  g_object_class_override_property (object_class, PROP_WORKSPACE, "workspace");

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/leadwright/Leadwright/lw-simulate-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LwSimulatePage, preferences_page);
  gtk_widget_class_bind_template_child (widget_class, LwSimulatePage, scenario_group);
  gtk_widget_class_bind_template_child (widget_class, LwSimulatePage, leads_spin);
  gtk_widget_class_bind_template_child (widget_class, LwSimulatePage, days_spin);
  gtk_widget_class_bind_template_child (widget_class, LwSimulatePage, seed_spin);
  gtk_widget_class_bind_template_child (widget_class, LwSimulatePage, speed_row);
  gtk_widget_class_bind_template_child (widget_class, LwSimulatePage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, LwSimulatePage, runs_list);

  gtk_widget_class_install_action (widget_class, "simulate.run", NULL, run_action);
  gtk_widget_class_install_action (widget_class, "simulate.cancel", NULL, cancel_action);
}

static void
lw_simulate_page_init (LwSimulatePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
lw_simulate_page_new (LwWorkspace *workspace)
{
  g_return_val_if_fail (LW_IS_WORKSPACE (workspace), NULL);

  return g_object_new (LW_TYPE_SIMULATE_PAGE, "workspace", workspace, NULL);
}
