/* lw-sla-monitor-page.h: SLA compliance of a simulation run
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lw-store.h"
#include "lw-workspace.h"

G_BEGIN_DECLS

#define LW_TYPE_SLA_MONITOR_PAGE (lw_sla_monitor_page_get_type ())
G_DECLARE_FINAL_TYPE (LwSlaMonitorPage, lw_sla_monitor_page, LW, SLA_MONITOR_PAGE, GtkWidget)

GtkWidget          *lw_sla_monitor_page_new         (LwWorkspace      *workspace);
/* Queries the figures again (on a worker thread); "updated" is emitted
 * once they are shown. */
void                lw_sla_monitor_page_refresh     (LwSlaMonitorPage *self);
/* The figures shown, or NULL when there is no finished run. */
const LwSlaFigures *lw_sla_monitor_page_get_figures (LwSlaMonitorPage *self);

G_END_DECLS
