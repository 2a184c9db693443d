/* lw-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lw-live-alerts.h"
#include "lw-notifier.h"

G_BEGIN_DECLS

#define LW_TYPE_APPLICATION (lw_application_get_type ())
G_DECLARE_FINAL_TYPE (LwApplication, lw_application, LW, APPLICATION, AdwApplication)

LwApplication *lw_application_new             (void);
GSettings     *lw_application_get_settings    (LwApplication *self);
/* The SLA alerts of the open workspace's live leads, and the notifier that
 * shows them; NULL before the application started up. */
LwLiveAlerts  *lw_application_get_live_alerts (LwApplication *self);
LwNotifier    *lw_application_get_notifier    (LwApplication *self);

G_END_DECLS
