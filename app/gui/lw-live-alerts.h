/* lw-live-alerts.h: the SLA alerts of the open workspace's live leads
 *
 * Follows the live leads of one workspace on the wall clock (an
 * LwLiveWatch, lw-live.h), decides what to tell whom (LwAlerts,
 * lw-alerts.h), shows it through the notifier (app/notify/) and records
 * every alert in the workspace.
 *
 * A main-loop timer ticks when the next checkpoint comes due or a snooze
 * ends, and at least every 30 seconds (to see leads added or touched
 * elsewhere). The tick's work, which reads and writes the store, runs on a
 * worker thread with a store connection of its own; only the notifier's
 * calls (synchronous D-Bus) run on the main thread. Never more than one
 * tick runs at a time: a tick asked for meanwhile runs right after.
 *
 * What came due before the workspace was first followed is not alerted.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "lw-alerts.h"
#include "lw-notifier.h"

G_BEGIN_DECLS

/* The wall clock of the live views and alerts: the system's, unless a
 * test (or LEADWRIGHT_NOW=2026-03-16T09:00:00Z in the environment, for
 * screenshots) fixed it. */
LwTime        lw_wall_clock_now              (void);
/* Fixes the clock at @now; 0 lets it follow the system again. */
void          lw_wall_clock_set              (LwTime now);

#define LW_TYPE_LIVE_ALERTS (lw_live_alerts_get_type ())
G_DECLARE_FINAL_TYPE (LwLiveAlerts, lw_live_alerts, LW, LIVE_ALERTS, GObject)

/* Shows alerts through @notifier (a reference is taken). */
LwLiveAlerts *lw_live_alerts_new             (LwNotifier            *notifier);

/* Follows the live leads of the workspace file @path (NULL: of @store, a
 * workspace in memory; both NULL: none) under bound @config (a reference
 * is taken). Another workspace starts afresh. */
void          lw_live_alerts_set_workspace   (LwLiveAlerts          *self,
                                              const char            *path,
                                              LwStore               *store,
                                              LwConfig              *config);
/* The rules changed (bound: take only rules without errors). */
void          lw_live_alerts_set_config      (LwLiveAlerts          *self,
                                              LwConfig              *config);
/* Who receives what, from the next tick on. */
void          lw_live_alerts_set_settings    (LwLiveAlerts          *self,
                                              const LwAlertSettings *settings);
/* "Snooze 15 minutes" on @alert, from now. */
void          lw_live_alerts_snooze          (LwLiveAlerts          *self,
                                              const LwAlert         *alert);
/* Ticks as soon as it can (a lead was added or touched). */
void          lw_live_alerts_check_now       (LwLiveAlerts          *self);

/* The workspace file followed; NULL for none or one in memory. */
const char   *lw_live_alerts_get_path        (LwLiveAlerts          *self);
/* Alerts raised since the start: shown or not, all are recorded. */
guint         lw_live_alerts_get_n_raised    (LwLiveAlerts          *self);
/* Whether a tick is running. */
gboolean      lw_live_alerts_get_busy        (LwLiveAlerts          *self);

G_END_DECLS
