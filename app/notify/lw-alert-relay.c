/* lw-alert-relay.c: the SLA alerts of a paced simulation run
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lw-alert-relay.h"

struct _LwAlertRelay
{
  LwSimAlertSource      *source;     /* the simulation's thread */
  const gint64          *run;        /* the run's id, once the store has it */
  LwSimSink              tap;
  gint                   pending;    /* batches on their way (atomic) */

  /* main thread */
  LwAlerts              *alerts;
  LwNotifier            *notifier;
  LwStore               *store;      /* may be NULL */
  LwAlertRelayClock      clock;
  LwAlertRelayDelivered  delivered;
  gpointer               delivered_data;
  gulong                 snooze_handler;
  guint                  timer;
  guint                  raised;
  guint                  shown;
  gboolean               freed;      /* freed while batches were pending */
};

typedef struct
{
  LwAlertRelay *relay;
  GPtrArray    *facts;     /* LwAlertFact */
  GArray       *touched;   /* gint64 */
  gint64        run;
} Batch;

static void
release (LwAlertRelay *relay)
{
  g_clear_signal_handler (&relay->snooze_handler, relay->notifier);
  g_clear_handle_id (&relay->timer, g_source_remove);
  lw_sim_alert_source_free (relay->source);
  lw_alerts_free (relay->alerts);
  g_object_unref (relay->notifier);
  g_clear_pointer (&relay->store, lw_store_unref);
  g_free (relay);
}

static void
deliver (LwAlertRelay *relay,
         gboolean      all)
{
  LwTime now = relay->clock ();
  g_autoptr(GPtrArray) alerts = all ? lw_alerts_flush_all (relay->alerts, now)
                                    : lw_alerts_flush (relay->alerts, now);

  for (guint i = 0; i < alerts->len; i++)
    {
      const LwAlert *alert = g_ptr_array_index (alerts, i);
      g_autoptr(GError) error = NULL;
      gboolean shown = lw_notifier_send (relay->notifier, alert, NULL);

      if (relay->store != NULL && lw_alerts_record (relay->store, alert, shown ? now : 0, &error) == 0)
        g_warning ("An SLA alert was not recorded: %s", error->message);
      relay->raised++;
      relay->shown += shown;
      if (relay->delivered != NULL)
        relay->delivered (alert, shown, now, relay->delivered_data);
    }
}

static gboolean
deliver_batch_cb (gpointer user_data)
{
  Batch *batch = user_data;
  LwAlertRelay *relay = batch->relay;

  if (!relay->freed)
    {
      LwTime now = relay->clock ();

      for (guint i = 0; i < batch->touched->len; i++)
        lw_alerts_lead_touched (relay->alerts, batch->run, g_array_index (batch->touched, gint64, i));
      for (guint i = 0; i < batch->facts->len; i++)
        lw_alerts_push (relay->alerts, g_steal_pointer (&batch->facts->pdata[i]), now);
      deliver (relay, FALSE);
    }

  g_ptr_array_unref (batch->facts);
  g_array_unref (batch->touched);
  g_free (batch);
  if (g_atomic_int_dec_and_test (&relay->pending) && relay->freed)
    release (relay);
  return G_SOURCE_REMOVE;
}

/* On the simulation's thread. */
static void
send_batch (LwAlertRelay *relay,
            GPtrArray    *facts,
            GArray       *touched,
            gint64        run)
{
  Batch *batch = g_new0 (Batch, 1);

  batch->relay = relay;
  batch->facts = facts;
  batch->touched = touched;
  batch->run = run;
  g_atomic_int_inc (&relay->pending);
  g_main_context_invoke (NULL, deliver_batch_cb, batch);
}

static gboolean
events_ready (const LwEvent  *events,
              guint           n,
              gpointer        user_data,
              GError        **error)
{
  LwAlertRelay *relay = user_data;
  g_autoptr(GArray) touched = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 run = relay->run != NULL ? *relay->run : 0;

  lw_sim_alert_source_set_run (relay->source, run);
  lw_sim_alert_source_add_events (relay->source, events, n, touched);
  if (touched->len > 0)
    send_batch (relay, g_ptr_array_new_with_free_func ((GDestroyNotify) lw_alert_fact_free),
                g_steal_pointer (&touched), run);
  return TRUE;
}

static gboolean
leads_ready (const LwSimLead  *leads,
             guint             n,
             gpointer          user_data,
             GError          **error)
{
  LwAlertRelay *relay = user_data;
  g_autoptr(GPtrArray) facts = g_ptr_array_new_with_free_func ((GDestroyNotify) lw_alert_fact_free);
  gint64 run = relay->run != NULL ? *relay->run : 0;

  lw_sim_alert_source_set_run (relay->source, run);
  lw_sim_alert_source_add_leads (relay->source, leads, n, facts);
  if (facts->len > 0)
    send_batch (relay, g_steal_pointer (&facts), g_array_new (FALSE, FALSE, sizeof (gint64)), run);
  return TRUE;
}

static gboolean
timer_cb (gpointer user_data)
{
  LwAlertRelay *relay = user_data;

  /* Snoozes end, and a summary's window closes, even when the run sends
   * nothing. */
  if (lw_alerts_has_pending (relay->alerts, relay->clock ()))
    deliver (relay, FALSE);
  return G_SOURCE_CONTINUE;
}

static void
snooze_cb (LwNotifier    *notifier,
           const LwAlert *alert,
           gpointer       user_data)
{
  LwAlertRelay *relay = user_data;

  lw_alerts_snooze (relay->alerts, alert, relay->clock ());
}

LwAlertRelay *
lw_alert_relay_new (const LwConfig        *sim_config,
                    const LwAlertSettings *settings,
                    LwNotifier            *notifier,
                    LwStore               *store,
                    const gint64          *run,
                    LwAlertRelayClock      clock)
{
  LwAlertRelay *relay;

  g_return_val_if_fail (sim_config != NULL, NULL);
  g_return_val_if_fail (LW_IS_NOTIFIER (notifier), NULL);
  g_return_val_if_fail (clock != NULL, NULL);

  relay = g_new0 (LwAlertRelay, 1);
  relay->source = lw_sim_alert_source_new (sim_config);
  relay->run = run;
  relay->tap.events_ready = events_ready;
  relay->tap.leads_ready = leads_ready;
  relay->tap.user_data = relay;
  relay->alerts = lw_alerts_new (settings);
  relay->notifier = g_object_ref (notifier);
  relay->store = store != NULL ? lw_store_ref (store) : NULL;
  relay->clock = clock;
  relay->snooze_handler = g_signal_connect (notifier, "snooze", G_CALLBACK (snooze_cb), relay);
  relay->timer = g_timeout_add_seconds (1, timer_cb, relay);
  return relay;
}

void
lw_alert_relay_set_delivered (LwAlertRelay          *relay,
                              LwAlertRelayDelivered  delivered,
                              gpointer               user_data)
{
  g_return_if_fail (relay != NULL);

  relay->delivered = delivered;
  relay->delivered_data = user_data;
}

const LwSimSink *
lw_alert_relay_get_tap (LwAlertRelay *relay)
{
  g_return_val_if_fail (relay != NULL, NULL);

  return &relay->tap;
}

guint
lw_alert_relay_finish (LwAlertRelay *relay,
                       guint        *shown)
{
  g_return_val_if_fail (relay != NULL, 0);

  /* The batches the run queued before it ended, then what waits for a
   * summary's next update: the run is over. */
  while (g_atomic_int_get (&relay->pending) > 0)
    g_main_context_iteration (NULL, TRUE);
  deliver (relay, TRUE);
  if (shown != NULL)
    *shown = relay->shown;
  return relay->raised;
}

void
lw_alert_relay_free (LwAlertRelay *relay)
{
  if (relay == NULL)
    return;
  /* Batches still on their way free it when the last one comes. */
  if (g_atomic_int_get (&relay->pending) > 0)
    {
      relay->freed = TRUE;
      g_clear_signal_handler (&relay->snooze_handler, relay->notifier);
      g_clear_handle_id (&relay->timer, g_source_remove);
      return;
    }
  release (relay);
}
