/* lw-preferences-window.h: the application's preferences
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lw-alerts.h"
#include "lw-config.h"

G_BEGIN_DECLS

#define LW_TYPE_PREFERENCES_WINDOW (lw_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (LwPreferencesWindow, lw_preferences_window, LW, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

/* Shows and changes the keys of @settings (the application's schema). The
 * Alerts page offers the reps and teams of @config (may be NULL: no
 * workspace is open). */
GtkWidget       *lw_preferences_window_new         (GtkWindow      *parent,
                                                    GSettings      *settings,
                                                    const LwConfig *config);

/* The alert settings the preferences in @settings say, for the rules
 * @config (may be NULL): the desktop's user when the rules have that rep,
 * the chosen teams the rules have (NULL for every team), the kinds, the
 * quiet hours (none when off, or when they start and end at the same
 * minute), the sound; grouping as lw_alert_settings_new() has it. */
LwAlertSettings *lw_preferences_dup_alert_settings (GSettings      *settings,
                                                    const LwConfig *config);

G_END_DECLS
