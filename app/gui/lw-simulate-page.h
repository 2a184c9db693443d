/* lw-simulate-page.h: runs the simulator on the workspace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lw-workspace.h"

G_BEGIN_DECLS

#define LW_TYPE_SIMULATE_PAGE (lw_simulate_page_get_type ())
G_DECLARE_FINAL_TYPE (LwSimulatePage, lw_simulate_page, LW, SIMULATE_PAGE, GtkWidget)

GtkWidget *lw_simulate_page_new        (LwWorkspace    *workspace);
/* Whether a run is going on. */
gboolean   lw_simulate_page_is_running (LwSimulatePage *self);

G_END_DECLS
