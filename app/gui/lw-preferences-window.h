/* lw-preferences-window.h: the application's preferences
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define LW_TYPE_PREFERENCES_WINDOW (lw_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (LwPreferencesWindow, lw_preferences_window, LW, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

/* Shows and changes the keys of @settings (the application's schema). */
GtkWidget *lw_preferences_window_new (GtkWindow *parent,
                                      GSettings *settings);

G_END_DECLS
