/* lw-live-alerts.c: the SLA alerts of the open workspace's live leads
 *
 * The watcher's state (its store connection, the LwLiveWatch and the
 * LwAlerts) belongs to whichever tick runs: the object hands it to the
 * tick's task and takes it back when the tick is over, so the worker
 * thread and the main thread never use it at once. What the main thread
 * wants changed meanwhile (rules, settings, snoozes) waits in "pending"
 * and goes with the next tick.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"


#include "lw-live-alerts.h"
#include "lw-live.h"

/* The longest wait between two ticks. */
#define TICK_INTERVAL 30

/* ---- the clock ---------------------------------------------------------------- */

static gint64 fixed_now = -1;     /* -1: not read from the environment yet */

LwTime
lw_wall_clock_now (void)
{
  if (fixed_now < 0)
    {
      const char *env = g_getenv ("LEADWRIGHT_NOW");
      LwTime t = 0;

      if (env == NULL || !lw_time_parse_iso8601 (env, &t))
        t = 0;
      fixed_now = t;
    }
  if (fixed_now > 0)
    return fixed_now;
  return g_get_real_time () / G_USEC_PER_SEC;
}

void
lw_wall_clock_set (LwTime now)
{
  g_return_if_fail (now >= 0);

  fixed_now = now;
}

/* ---- the watcher's state ------------------------------------------------------------ */

typedef struct
{
  char         *path;     /* NULL: @store is a workspace in memory */
  LwStore      *store;    /* opened by the first tick */
  LwLiveWatch  *watch;    /* NULL until there are rules */
  LwAlerts     *alerts;
} State;

static void
state_free (State *state)
{
  g_clear_pointer (&state->watch, lw_live_watch_free);
  g_clear_pointer (&state->alerts, lw_alerts_free);
  g_clear_pointer (&state->store, lw_store_unref);
  g_free (state->path);
  g_free (state);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (State, state_free)

typedef struct
{
  LwAlert *alert;
  LwTime   at;
} Snooze;

static void
snooze_free (Snooze *snooze)
{
  lw_alert_free (snooze->alert);
  g_free (snooze);
}

struct _LwLiveAlerts
{
  GObject           parent_instance;

  LwNotifier       *notifier;
  State            *state;          /* NULL while a tick holds it, or with no workspace */
  char             *path;
  LwConfig         *config;
  guint             generation;     /* bumped by each new workspace */

  /* for the next tick */
  LwConfig         *pending_config;
  LwAlertSettings  *settings;       /* the latest; copied into each tick that needs it */
  gboolean          settings_changed;
  GPtrArray        *pending_snoozes; /* Snooze */

  GCancellable     *cancellable;
  guint             timer;
  gboolean          busy;
  gboolean          again;
  guint             n_raised;
};

G_DEFINE_FINAL_TYPE (LwLiveAlerts, lw_live_alerts, G_TYPE_OBJECT)

enum
{
  DELIVERED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void start_tick (LwLiveAlerts *self);

/* ---- a tick, on a worker thread -------------------------------------------------------- */

typedef struct
{
  State            *state;
  guint             generation;
  LwTime            now;
  LwConfig         *config;       /* new rules, or NULL */
  LwAlertSettings  *settings;     /* new settings, or NULL */
  GPtrArray        *snoozes;      /* Snooze */
  GPtrArray        *alerts;       /* out: LwAlert to show */
  GArray           *shown;        /* record: gboolean per alert */
  LwTime            next;         /* out: the next instant something is due */
} Tick;

/* A tick is shared by its two tasks (deciding, then recording). */
static void
tick_clear (Tick *tick)
{
  g_clear_pointer (&tick->state, state_free);
  g_clear_pointer (&tick->config, lw_config_unref);
  g_clear_pointer (&tick->settings, lw_alert_settings_free);
  g_clear_pointer (&tick->snoozes, g_ptr_array_unref);
  g_clear_pointer (&tick->alerts, g_ptr_array_unref);
  g_clear_pointer (&tick->shown, g_array_unref);
}

static void
tick_release (Tick *tick)
{
  g_atomic_rc_box_release_full (tick, (GDestroyNotify) tick_clear);
}

static void
tick_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Tick *tick = task_data;
  State *state = tick->state;
  g_autoptr(GError) error = NULL;

  if (state->store == NULL)
    {
      state->store = lw_store_open (state->path, &error);
      if (state->store == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }
  if (state->alerts == NULL)
    {
      g_autoptr(LwAlertSettings) defaults = lw_alert_settings_new ();

      state->alerts = lw_alerts_new (tick->settings != NULL ? tick->settings : defaults);
    }
  else if (tick->settings != NULL)
    lw_alerts_set_settings (state->alerts, tick->settings);

  if (tick->config != NULL)
    {
      if (state->watch == NULL)
        state->watch = lw_live_watch_new (state->store, tick->config, tick->now);
      else
        lw_live_watch_set_config (state->watch, tick->config);
    }

  for (guint i = 0; i < tick->snoozes->len; i++)
    {
      const Snooze *snooze = g_ptr_array_index (tick->snoozes, i);

      lw_alerts_snooze (state->alerts, snooze->alert, snooze->at);
    }

  tick->next = G_MAXINT64;
  if (state->watch != NULL)
    {
      if (!lw_live_watch_tick (state->watch, state->alerts, tick->now, NULL, &error))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      tick->next = lw_live_watch_get_next_due (state->watch);
    }
  tick->alerts = lw_alerts_flush (state->alerts, tick->now);
  tick->next = MIN (tick->next, lw_alerts_get_next_wakeup (state->alerts));
  g_task_return_boolean (task, TRUE);
}

static void
record_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Tick *tick = task_data;

  for (guint i = 0; i < tick->alerts->len; i++)
    {
      const LwAlert *alert = g_ptr_array_index (tick->alerts, i);
      gboolean shown = g_array_index (tick->shown, gboolean, i);
      g_autoptr(GError) error = NULL;

      if (lw_alerts_record (tick->state->store, alert, shown ? tick->now : 0, &error) == 0)
        g_warning ("An alert was not recorded: %s", error->message);
    }
  g_task_return_boolean (task, TRUE);
}

/* ---- on the main thread ------------------------------------------------------------------ */

static gboolean
timer_cb (gpointer user_data)
{
  LwLiveAlerts *self = user_data;

  self->timer = 0;
  lw_live_alerts_check_now (self);
  return G_SOURCE_REMOVE;
}

static void
schedule (LwLiveAlerts *self,
          LwTime        now,
          LwTime        next)
{
  gint64 wait = TICK_INTERVAL;

  g_clear_handle_id (&self->timer, g_source_remove);
  if (self->state == NULL)
    return;
  if (next != G_MAXINT64)
    wait = CLAMP (next - now, 1, TICK_INTERVAL);
  self->timer = g_timeout_add_seconds ((guint) wait, timer_cb, self);
}

/* The tick is over: the state comes back, unless another workspace came
 * meanwhile. */
static void
finish_tick (LwLiveAlerts *self,
             Tick         *tick,
             guint         raised,
             guint         shown)
{
  if (tick->generation == self->generation && self->state == NULL)
    self->state = g_steal_pointer (&tick->state);
  self->busy = FALSE;

  g_signal_emit (self, signals[DELIVERED], 0, raised, shown);

  if (self->again)
    {
      self->again = FALSE;
      start_tick (self);
    }
  else
    schedule (self, tick->now, tick->next);
}

static void
record_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  LwLiveAlerts *self = LW_LIVE_ALERTS (source);
  Tick *tick = g_task_get_task_data (G_TASK (result));
  guint shown = 0;

  if (g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    return;
  for (guint i = 0; i < tick->shown->len; i++)
    shown += g_array_index (tick->shown, gboolean, i);
  finish_tick (self, tick, tick->alerts->len, shown);
}

static void
tick_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  LwLiveAlerts *self = LW_LIVE_ALERTS (source);
  Tick *tick = g_task_get_task_data (G_TASK (result));
  g_autoptr(GTask) record = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_warning ("Could not follow the SLA clocks of the live leads: %s", error->message);
      finish_tick (self, tick, 0, 0);
      return;
    }
  if (g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    return;

  /* libnotify's calls are synchronous: they run here, as the notifier
   * asks; the store is written on the worker again. */
  tick->shown = g_array_sized_new (FALSE, TRUE, sizeof (gboolean), tick->alerts->len);
  for (guint i = 0; i < tick->alerts->len; i++)
    {
      const LwAlert *alert = g_ptr_array_index (tick->alerts, i);
      gboolean shown = lw_notifier_send (self->notifier, alert, NULL);

      g_array_append_val (tick->shown, shown);
    }
  self->n_raised += tick->alerts->len;

  if (tick->alerts->len == 0)
    {
      finish_tick (self, tick, 0, 0);
      return;
    }

  record = g_task_new (self, self->cancellable, record_done_cb, NULL);
  g_task_set_source_tag (record, tick_done_cb);
  g_task_set_task_data (record, g_atomic_rc_box_acquire (tick), (GDestroyNotify) tick_release);
  g_task_run_in_thread (record, record_thread);
}

static void
start_tick (LwLiveAlerts *self)
{
  g_autoptr(GTask) task = NULL;
  Tick *tick;

  g_assert (!self->busy);

  g_clear_handle_id (&self->timer, g_source_remove);
  if (self->state == NULL)
    return;

  tick = g_atomic_rc_box_new0 (Tick);
  tick->state = g_steal_pointer (&self->state);
  tick->generation = self->generation;
  tick->now = lw_wall_clock_now ();
  tick->config = g_steal_pointer (&self->pending_config);
  if (self->settings_changed || tick->state->alerts == NULL)
    tick->settings = lw_alert_settings_copy (self->settings);
  self->settings_changed = FALSE;
  tick->snoozes = g_steal_pointer (&self->pending_snoozes);
  self->pending_snoozes = g_ptr_array_new_with_free_func ((GDestroyNotify) snooze_free);

  self->busy = TRUE;
  task = g_task_new (self, self->cancellable, tick_done_cb, NULL);
  g_task_set_source_tag (task, start_tick);
  g_task_set_task_data (task, tick, (GDestroyNotify) tick_release);
  g_task_run_in_thread (task, tick_thread);
}

/* ---- GObject ---------------------------------------------------------------------------- */

static void
lw_live_alerts_dispose (GObject *object)
{
  LwLiveAlerts *self = LW_LIVE_ALERTS (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->timer, g_source_remove);
  g_clear_pointer (&self->state, state_free);

  G_OBJECT_CLASS (lw_live_alerts_parent_class)->dispose (object);
}

static void
lw_live_alerts_finalize (GObject *object)
{
  LwLiveAlerts *self = LW_LIVE_ALERTS (object);

  g_clear_object (&self->notifier);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->config, lw_config_unref);
  g_clear_pointer (&self->pending_config, lw_config_unref);
  g_clear_pointer (&self->settings, lw_alert_settings_free);
  g_clear_pointer (&self->pending_snoozes, g_ptr_array_unref);
  g_free (self->path);

  G_OBJECT_CLASS (lw_live_alerts_parent_class)->finalize (object);
}

static void
lw_live_alerts_class_init (LwLiveAlertsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lw_live_alerts_dispose;
  object_class->finalize = lw_live_alerts_finalize;

  /* A tick is over: @raised alerts were decided, @shown of them taken by
   * a notification server, all of them recorded. */
  signals[DELIVERED] = g_signal_new ("delivered", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);
}

static void
lw_live_alerts_init (LwLiveAlerts *self)
{
  self->cancellable = g_cancellable_new ();
  self->settings = lw_alert_settings_new ();
  self->pending_snoozes = g_ptr_array_new_with_free_func ((GDestroyNotify) snooze_free);
}

/* ---- public ---------------------------------------------------------------------------------- */

LwLiveAlerts *
lw_live_alerts_new (LwNotifier *notifier)
{
  LwLiveAlerts *self;

  g_return_val_if_fail (LW_IS_NOTIFIER (notifier), NULL);

  self = g_object_new (LW_TYPE_LIVE_ALERTS, NULL);
  self->notifier = g_object_ref (notifier);
  return self;
}

void
lw_live_alerts_set_workspace (LwLiveAlerts *self,
                              const char   *path,
                              LwStore      *store,
                              LwConfig     *config)
{
  g_return_if_fail (LW_IS_LIVE_ALERTS (self));

  if (path != NULL && g_strcmp0 (path, self->path) == 0)
    {
      if (config != NULL)
        lw_live_alerts_set_config (self, config);
      return;
    }

  /* A tick of the previous workspace still running is left to finish on
   * its own: its state is dropped with it. */
  self->generation++;
  g_clear_handle_id (&self->timer, g_source_remove);
  g_clear_pointer (&self->state, state_free);
  g_clear_pointer (&self->pending_config, lw_config_unref);
  g_clear_pointer (&self->config, lw_config_unref);
  g_ptr_array_set_size (self->pending_snoozes, 0);
  g_free (self->path);
  self->path = g_strdup (path);
  if (path == NULL && store == NULL)
    return;

  self->state = g_new0 (State, 1);
  self->state->path = g_strdup (path);
  if (path == NULL)
    self->state->store = lw_store_ref (store);
  self->settings_changed = TRUE;
  if (config != NULL)
    {
      self->config = lw_config_ref (config);
      self->pending_config = lw_config_ref (config);
    }
  lw_live_alerts_check_now (self);
}

void
lw_live_alerts_set_config (LwLiveAlerts *self,
                           LwConfig     *config)
{
  g_return_if_fail (LW_IS_LIVE_ALERTS (self));
  g_return_if_fail (config != NULL);

  if (config == self->config)
    return;
  g_clear_pointer (&self->config, lw_config_unref);
  self->config = lw_config_ref (config);
  g_clear_pointer (&self->pending_config, lw_config_unref);
  self->pending_config = lw_config_ref (config);
  lw_live_alerts_check_now (self);
}

void
lw_live_alerts_set_settings (LwLiveAlerts          *self,
                             const LwAlertSettings *settings)
{
  g_return_if_fail (LW_IS_LIVE_ALERTS (self));
  g_return_if_fail (settings != NULL);

  g_clear_pointer (&self->settings, lw_alert_settings_free);
  self->settings = lw_alert_settings_copy (settings);
  self->settings_changed = TRUE;
  lw_live_alerts_check_now (self);
}

void
lw_live_alerts_snooze (LwLiveAlerts  *self,
                       const LwAlert *alert)
{
  Snooze *snooze;

  g_return_if_fail (LW_IS_LIVE_ALERTS (self));
  g_return_if_fail (alert != NULL);

  snooze = g_new0 (Snooze, 1);
  snooze->alert = lw_alert_copy (alert);
  snooze->at = lw_wall_clock_now ();
  g_ptr_array_add (self->pending_snoozes, snooze);
  lw_live_alerts_check_now (self);
}

void
lw_live_alerts_check_now (LwLiveAlerts *self)
{
  g_return_if_fail (LW_IS_LIVE_ALERTS (self));

  if (self->busy)
    self->again = TRUE;
  else
    start_tick (self);
}

const char *
lw_live_alerts_get_path (LwLiveAlerts *self)
{
  g_return_val_if_fail (LW_IS_LIVE_ALERTS (self), NULL);

  return self->path;
}

guint
lw_live_alerts_get_n_raised (LwLiveAlerts *self)
{
  g_return_val_if_fail (LW_IS_LIVE_ALERTS (self), 0);

  return self->n_raised;
}

gboolean
lw_live_alerts_get_busy (LwLiveAlerts *self)
{
  g_return_val_if_fail (LW_IS_LIVE_ALERTS (self), FALSE);

  return self->busy;
}
