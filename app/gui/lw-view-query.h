/* lw-view-query.h: the query behind a live view, one at a time
 *
 * A view (the Funnel, Routing and SLA Monitor pages) shows figures that
 * are queried from the workspace on a worker thread with its own
 * connection to the workspace file (or, for a workspace that has no file,
 * a reference to its store), and applied on the main thread. An
 * LwViewQuery runs those queries for its owner:
 *
 * - lw_view_query_refresh() drops the query running (its result is never
 *   applied) and starts another: for a new pick (another run, filter).
 * - lw_view_query_queue() coalesces: while a query runs it only marks the
 *   figures stale, and one more query follows the one running. A run's
 *   progress (LwWorkspace::run-progress, for the runs the owner's
 *   @wants_run says it shows) queues, so there is never more than one
 *   query at a time, and one apply per query.
 * - Out of sight (the owner unmapped) nothing runs: the query running is
 *   dropped and a run's progress is ignored; "map" refreshes.
 *
 * The object holds what its worker needs (the workspace, the file's path)
 * and only a weak reference on its owner: a result whose owner is gone,
 * or that comes after lw_view_query_close(), is dropped. The worker's
 * GTask has no source object, so nothing but the job is released on the
 * worker thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "lw-store.h"
#include "lw-workspace.h"

G_BEGIN_DECLS

typedef struct
{
  /* Main thread: a job holding a snapshot of the owner's picks, or NULL
   * when there is nothing to query (the owner shows it empty). */
  gpointer (*prepare)   (GtkWidget    *owner);
  /* Worker thread: fills @job from @store (NULL when the workspace has
   * neither a file nor a store). FALSE with @error set on failure. */
  gboolean (*run)       (LwStore      *store,
                         gpointer      job,
                         GCancellable *cancellable,
                         GError      **error);
  /* Main thread: shows @job's results, or @error (never a cancellation;
   * the object has logged it, naming @what). Returns TRUE when one more
   * query must follow (the picks changed as the results came in). */
  gboolean (*apply)     (GtkWidget    *owner,
                         gpointer      job,
                         const GError *error);
  /* Frees a job, on any thread. */
  void     (*free_job)  (gpointer      job);
  /* Main thread, optional (NULL: every run): whether the progress of
   * @run concerns what the owner shows. */
  gboolean (*wants_run) (GtkWidget    *owner,
                         gint64        run,
                         gboolean      finished);
  /* What the owner queries, for the log: "the funnel"; may be NULL. */
  const char *what;
} LwViewQueryFuncs;

#define LW_TYPE_VIEW_QUERY (lw_view_query_get_type ())
G_DECLARE_FINAL_TYPE (LwViewQuery, lw_view_query, LW, VIEW_QUERY, GObject)

/* @funcs must outlive the object (a static table). */
LwViewQuery *lw_view_query_new          (GtkWidget              *owner,
                                         LwWorkspace            *workspace,
                                         const LwViewQueryFuncs *funcs);
void         lw_view_query_refresh      (LwViewQuery            *self);
void         lw_view_query_queue        (LwViewQuery            *self);
/* The owner goes: drops the query running and never applies again. */
void         lw_view_query_close        (LwViewQuery            *self);

gboolean     lw_view_query_is_running   (LwViewQuery            *self);
/* Queries started, and results applied (errors included). */
guint        lw_view_query_get_n_queries (LwViewQuery           *self);
guint        lw_view_query_get_n_applied (LwViewQuery           *self);

G_END_DECLS
