/* lw-view-query.c: the query behind a live view, one at a time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lw-view-query.h"

struct _LwViewQuery
{
  GObject                 parent_instance;

  GWeakRef                owner;
  LwWorkspace            *workspace;
  const LwViewQueryFuncs *funcs;

  GCancellable           *cancellable;  /* of the query running, or NULL */
  gboolean                stale;        /* one more query follows it */
  gboolean                closed;
  guint                   n_queries;
  guint                   n_applied;
};

G_DEFINE_FINAL_TYPE (LwViewQuery, lw_view_query, G_TYPE_OBJECT)

/* What the worker holds: nothing of the main thread's but plain data and
 * a store, which may be used and released on any thread. */
typedef struct
{
  const LwViewQueryFuncs *funcs;
  char                   *path;
  LwStore                *store;  /* the workspace's, when it has no file */
  gpointer                job;
} Work;

static void
work_free (Work *work)
{
  if (work->job != NULL)
    work->funcs->free_job (work->job);
  g_clear_pointer (&work->store, lw_store_unref);
  g_free (work->path);
  g_free (work);
}

static void start (LwViewQuery *self);

/* ---- the worker ------------------------------------------------------------------------------ */

static void
work_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Work *work = task_data;
  g_autoptr(LwStore) store = NULL;
  g_autoptr(GError) error = NULL;

  if (work->path != NULL)
    {
      store = lw_store_open (work->path, &error);
      if (store == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }
  else if (work->store != NULL)
    store = lw_store_ref (work->store);

  if (g_task_return_error_if_cancelled (task))
    return;
  if (!work->funcs->run (store, work->job, cancellable, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
work_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(LwViewQuery) self = user_data;
  Work *work = g_task_get_task_data (G_TASK (result));
  g_autoptr(GtkWidget) owner = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok, again;

  ok = g_task_propagate_boolean (G_TASK (result), &error);
  if (g_task_get_cancellable (G_TASK (result)) != self->cancellable)
    return;   /* dropped for a newer query, out of sight, or closed */
  g_clear_object (&self->cancellable);
  owner = g_weak_ref_get (&self->owner);
  if (self->closed || owner == NULL)
    return;   /* nobody to show it to */
  if (!ok && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (!ok)
    g_warning ("Could not query %s: %s", self->funcs->what != NULL ? self->funcs->what : "a view's figures",
               error->message);

  again = self->funcs->apply (owner, work->job, ok ? NULL : error);
  self->n_applied++;
  if (again || self->stale)
    start (self);
}

static void
start (LwViewQuery *self)
{
  g_autoptr(GtkWidget) owner = g_weak_ref_get (&self->owner);
  g_autoptr(GTask) task = NULL;
  const char *path;
  gpointer job;
  Work *work;

  g_assert (self->cancellable == NULL);
  self->stale = FALSE;
  if (self->closed || owner == NULL)
    return;
  job = self->funcs->prepare (owner);
  if (job == NULL)
    return;

  work = g_new0 (Work, 1);
  work->funcs = self->funcs;
  work->job = job;
  path = lw_workspace_get_path (self->workspace);
  work->path = g_strdup (path);
  if (path == NULL && lw_workspace_get_store (self->workspace) != NULL)
    work->store = lw_store_ref (lw_workspace_get_store (self->workspace));

  self->cancellable = g_cancellable_new ();
  self->n_queries++;
  /* No source object: the task may drop its last reference on the
   * worker thread. The callback holds the query object instead. */
  task = g_task_new (NULL, self->cancellable, work_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, start);
  g_task_set_task_data (task, work, (GDestroyNotify) work_free);
  g_task_run_in_thread (task, work_thread);
}

static void
drop_running (LwViewQuery *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->stale = FALSE;
}

/* ---- signals ------------------------------------------------------------------------------- */

static void
owner_mapped_cb (LwViewQuery *self)
{
  lw_view_query_refresh (self);
}

static void
owner_unmapped_cb (LwViewQuery *self)
{
  drop_running (self);
}

static void
run_progress_cb (LwViewQuery *self,
                 gint64       run,
                 gboolean     finished)
{
  g_autoptr(GtkWidget) owner = g_weak_ref_get (&self->owner);

  if (self->closed || owner == NULL || !gtk_widget_get_mapped (owner))
    return;   /* "map" queries afresh */
  if (self->funcs->wants_run != NULL && !self->funcs->wants_run (owner, run, finished))
    return;
  lw_view_query_queue (self);
}

/* ---- GObject ------------------------------------------------------------------------------- */

static void
lw_view_query_dispose (GObject *object)
{
  LwViewQuery *self = LW_VIEW_QUERY (object);

  lw_view_query_close (self);
  g_clear_object (&self->workspace);

  G_OBJECT_CLASS (lw_view_query_parent_class)->dispose (object);
}

static void
lw_view_query_finalize (GObject *object)
{
  LwViewQuery *self = LW_VIEW_QUERY (object);

  g_weak_ref_clear (&self->owner);

  G_OBJECT_CLASS (lw_view_query_parent_class)->finalize (object);
}

static void
lw_view_query_class_init (LwViewQueryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lw_view_query_dispose;
  object_class->finalize = lw_view_query_finalize;
}

static void
lw_view_query_init (LwViewQuery *self)
{
  g_weak_ref_init (&self->owner, NULL);
}

/* ---- public -------------------------------------------------------------------------------- */

LwViewQuery *
lw_view_query_new (GtkWidget              *owner,
                   LwWorkspace            *workspace,
                   const LwViewQueryFuncs *funcs)
{
  LwViewQuery *self;

  g_return_val_if_fail (GTK_IS_WIDGET (owner), NULL);
  g_return_val_if_fail (LW_IS_WORKSPACE (workspace), NULL);
  g_return_val_if_fail (funcs != NULL && funcs->prepare != NULL && funcs->run != NULL &&
                        funcs->apply != NULL && funcs->free_job != NULL, NULL);

  self = g_object_new (LW_TYPE_VIEW_QUERY, NULL);
  g_weak_ref_set (&self->owner, owner);
  self->workspace = g_object_ref (workspace);
  self->funcs = funcs;
  /* After the owner's own handlers: what it does on "map" comes first. */
  g_signal_connect_object (owner, "map", G_CALLBACK (owner_mapped_cb), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_object (owner, "unmap", G_CALLBACK (owner_unmapped_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (workspace, "run-progress", G_CALLBACK (run_progress_cb), self,
                           G_CONNECT_SWAPPED);
  return self;
}

void
lw_view_query_refresh (LwViewQuery *self)
{
  g_return_if_fail (LW_IS_VIEW_QUERY (self));

  if (self->closed)
    return;
  drop_running (self);
  start (self);
}

void
lw_view_query_queue (LwViewQuery *self)
{
  g_return_if_fail (LW_IS_VIEW_QUERY (self));

  if (self->closed)
    return;
  if (self->cancellable != NULL)
    self->stale = TRUE;
  else
    start (self);
}

void
lw_view_query_close (LwViewQuery *self)
{
  g_autoptr(GtkWidget) owner = NULL;

  g_return_if_fail (LW_IS_VIEW_QUERY (self));

  if (self->closed)
    return;
  self->closed = TRUE;
  drop_running (self);
  owner = g_weak_ref_get (&self->owner);
  if (owner != NULL)
    g_signal_handlers_disconnect_by_data (owner, self);
  if (self->workspace != NULL)
    g_signal_handlers_disconnect_by_data (self->workspace, self);
}

gboolean
lw_view_query_is_running (LwViewQuery *self)
{
  g_return_val_if_fail (LW_IS_VIEW_QUERY (self), FALSE);

  return self->cancellable != NULL;
}

guint
lw_view_query_get_n_queries (LwViewQuery *self)
{
  g_return_val_if_fail (LW_IS_VIEW_QUERY (self), 0);

  return self->n_queries;
}

guint
lw_view_query_get_n_applied (LwViewQuery *self)
{
  g_return_val_if_fail (LW_IS_VIEW_QUERY (self), 0);

  return self->n_applied;
}
