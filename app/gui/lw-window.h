/* lw-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lw-application.h"
#include "lw-workspace.h"

G_BEGIN_DECLS

#define LW_TYPE_WINDOW (lw_window_get_type ())
G_DECLARE_FINAL_TYPE (LwWindow, lw_window, LW, WINDOW, AdwApplicationWindow)

LwWindow    *lw_window_new            (LwApplication *application);
LwWorkspace *lw_window_get_workspace  (LwWindow      *self);
/* Shows the page with @page_id ("routing") and, with @path, the row that
 * path concerns. */
void         lw_window_show_page      (LwWindow      *self,
                                       const char    *page_id,
                                       const char    *path);
void         lw_window_toast          (LwWindow      *self,
                                       const char    *title);

G_END_DECLS
