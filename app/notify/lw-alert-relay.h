/* lw-alert-relay.h: the SLA alerts of a paced simulation run
 *
 * A relay gives a run a tap (an LwSimSink, fed on the simulation's
 * thread) that turns the run's SLA events into alert facts
 * (LwSimAlertSource), hands them to the main thread, and there decides
 * what to tell whom (LwAlerts), shows it through an LwNotifier and
 * records each alert in the workspace. The command-line tool
 * (`simulate --paced --alerts`) and the application's Simulate page both
 * use it.
 *
 * Everything but the tap runs on the thread of the default main context.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lw-alerts.h"
#include "lw-notifier.h"
#include "lw-simulator.h"
#include "lw-store.h"

G_BEGIN_DECLS

typedef struct _LwAlertRelay LwAlertRelay;

/* The wall clock the alerts are timed by. */
typedef LwTime (*LwAlertRelayClock)     (void);
/* Called for each alert once it was sent (@shown: a notification server
 * took it) and recorded. */
typedef void   (*LwAlertRelayDelivered) (const LwAlert *alert,
                                         gboolean       shown,
                                         LwTime         now,
                                         gpointer       user_data);

/* A relay for a run of @sim_config (the simulation's bound rule set),
 * sending through @notifier and recording into @store (NULL: not
 * recorded). *@run is the run's id once the store has it (0 before, and
 * for a run not stored). */
LwAlertRelay    *lw_alert_relay_new           (const LwConfig        *sim_config,
                                               const LwAlertSettings *settings,
                                               LwNotifier            *notifier,
                                               LwStore               *store,
                                               const gint64          *run,
                                               LwAlertRelayClock      clock);
void             lw_alert_relay_set_delivered (LwAlertRelay          *relay,
                                               LwAlertRelayDelivered  delivered,
                                               gpointer               user_data);
const LwSimSink *lw_alert_relay_get_tap       (LwAlertRelay          *relay);
/* After the run: delivers what it left queued. Returns the number of
 * alerts raised and sets *@shown to the number a server took. */
guint            lw_alert_relay_finish        (LwAlertRelay          *relay,
                                               guint                 *shown);
void             lw_alert_relay_free          (LwAlertRelay          *relay);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LwAlertRelay, lw_alert_relay_free)

G_END_DECLS
