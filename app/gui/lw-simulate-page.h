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

GtkWidget *lw_simulate_page_new              (LwWorkspace    *workspace);
/* Whether a run is going on (paused or not). */
gboolean   lw_simulate_page_is_running       (LwSimulatePage *self);
/* Whether the run is paused: it has handed over its rows and waits. */
gboolean   lw_simulate_page_is_paused        (LwSimulatePage *self);
/* The progress of the run going on: leads made and to make, and the run's
 * id once it has rows in the store (else 0). FALSE when none is. */
gboolean   lw_simulate_page_get_progress     (LwSimulatePage *self,
                                              guint          *leads_done,
                                              guint          *leads_total,
                                              gint64         *run);
/* The scenario's settings (an LwScenarioEditor). */
GtkWidget *lw_simulate_page_get_editor       (LwSimulatePage *self);
/* What the Import and Export Scenario file choosers do with the file
 * chosen: read (a file that does not load changes nothing and shows its
 * located error) or write it, off the main loop. ::scenario-exported is
 * emitted once an export is written. */
void       lw_simulate_page_import_scenario  (LwSimulatePage *self,
                                              GFile          *file);
void       lw_simulate_page_export_scenario  (LwSimulatePage *self,
                                              GFile          *file);

G_END_DECLS
