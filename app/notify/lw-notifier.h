/* lw-notifier.h: desktop notifications of Leadwright's SLA alerts
 *
 * Shows the LwAlerts that lw_alerts_flush() decides (lw-alerts.h) through
 * libnotify, on the session bus's org.freedesktop.Notifications server,
 * for the application and leadwright-cli alike. It depends on the engine
 * and libnotify, not on GTK.
 *
 * - Each alert becomes one notification with the alert's summary, body
 *   (escaped when the server reads markup in bodies), urgency, category,
 *   the application's icon and desktop entry, and its actions: "Open lead"
 *   and "Snooze 15 minutes" for an alert about one lead, "Open SLA monitor"
 *   for a summary; a click on the notification runs the first.
 * - A summary replaces the summary with the same serial still on screen,
 *   and closes the notifications it stands for.
 * - An action invoked on the server comes back as a signal: ::open-lead
 *   (run, lead: run 0 is a live lead), ::open-monitor (the summary) and
 *   ::snooze (the alert), for the caller to act on. Signals need the
 *   thread-default main context of the notifier's creation to run.
 * - When no notification server answers, lw_notifier_send() fails and the
 *   notifier's "available" property turns FALSE, once, so the caller can
 *   say so once; it turns TRUE again when a server takes an alert.
 *
 * libnotify calls are synchronous D-Bus calls: keep one notifier and send
 * from the main thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "lw-alerts.h"

G_BEGIN_DECLS

#define LW_TYPE_NOTIFIER (lw_notifier_get_type ())
G_DECLARE_FINAL_TYPE (LwNotifier, lw_notifier, LW, NOTIFIER, GObject)

/* Initialises libnotify with @app_name ("Leadwright") when nobody did. */
LwNotifier *lw_notifier_new            (const char    *app_name);

/* Shows @alert. FALSE with @error set when no notification server took it. */
gboolean    lw_notifier_send           (LwNotifier    *self,
                                        const LwAlert *alert,
                                        GError       **error);
/* Closes the notification of the alert @serial when it is still shown. */
void        lw_notifier_close          (LwNotifier    *self,
                                        guint64        serial);

/* Whether the last attempt found a notification server (TRUE until an
 * attempt fails). */
gboolean    lw_notifier_get_available  (LwNotifier    *self);
/* Asks the bus now; updates "available". */
gboolean    lw_notifier_probe          (LwNotifier    *self);
/* The server's name ("gnome-shell"), once known; NULL before. */
const char *lw_notifier_get_server_name (LwNotifier   *self);
/* Notifications of this notifier still on screen. */
guint       lw_notifier_get_n_shown    (LwNotifier    *self);

G_END_DECLS
