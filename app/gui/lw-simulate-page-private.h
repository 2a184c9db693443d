/* lw-simulate-page-private.h: what the files of the simulate page share
 *
 * LwSimulatePage is written in three files: lw-simulate-page.c (the page,
 * the list of past runs, the scenario's summary and problems, the pace),
 * and beside it lw-simulate-page-run.c (a run on its worker thread and the
 * page following it) and lw-simulate-page-files.c (importing and
 * exporting the scenario). They share the instance struct, the job a run
 * is, the small helpers below and the functions declared here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lw-simulate-page.h"

#include "lw-alert-relay.h"
#include "lw-sim-context.h"
#include "lw-simulator.h"
#include "lw-workspace.h"

G_BEGIN_DECLS

#define JOB_KEY          "lw-simulate-job"

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

/* ---- small helpers ------------------------------------------------------------------------- */

static inline gboolean
is_running (LwSimulatePage *self)
{
  return self->job != NULL && !self->job->finished;
}

static inline gint64
sim_job_get_run (SimJob *job)
{
  gint64 run;

  g_mutex_lock (&job->mutex);
  run = job->run;
  g_mutex_unlock (&job->mutex);
  return run;
}

/* ---- shared functions ---------------------------------------------------------------------- */

/* lw-simulate-page.c: the page, its messages, the list of runs, the settings */
void        _lw_simulate_page_toast                (LwSimulatePage *self,
                                                    const char     *title);
void        _lw_simulate_page_show_error           (LwSimulatePage *self,
                                                    const char     *heading,
                                                    const char     *body);
const char *_lw_simulate_page_why_not_runnable     (LwSimulatePage *self);
void        _lw_simulate_page_update_sensitivity   (LwSimulatePage *self);
void        _lw_simulate_page_refresh_runs         (LwSimulatePage *self);
void        _lw_simulate_page_set_settings_open    (LwSimulatePage *self,
                                                    gboolean        open);

/* lw-simulate-page-run.c: a run and the page following it */
void        _lw_simulate_page_stop_following       (LwSimulatePage *self);
void        _lw_simulate_page_follow               (LwSimulatePage *self,
                                                    SimJob         *job);
void        _lw_simulate_page_run_action           (GtkWidget      *widget,
                                                    const char     *action_name,
                                                    GVariant       *parameter);
void        _lw_simulate_page_cancel_action        (GtkWidget      *widget,
                                                    const char     *action_name,
                                                    GVariant       *parameter);
void        _lw_simulate_page_pause_action         (GtkWidget      *widget,
                                                    const char     *action_name,
                                                    GVariant       *parameter);
void        _lw_simulate_page_resume_action        (GtkWidget      *widget,
                                                    const char     *action_name,
                                                    GVariant       *parameter);

/* lw-simulate-page-files.c: importing and exporting the scenario */
void        _lw_simulate_page_import_action        (GtkWidget      *widget,
                                                    const char     *action_name,
                                                    GVariant       *parameter);
void        _lw_simulate_page_export_action        (GtkWidget      *widget,
                                                    const char     *action_name,
                                                    GVariant       *parameter);

G_END_DECLS
