/* lw-sla-monitor-page.h: SLA compliance of a simulation run, the alerts
 * recorded and the first-touch clocks still open
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
/* Queries the figures, the alerts and the open clocks again (on a worker
 * thread, one query at a time: one asked for while another runs follows
 * it); "updated" is emitted once they are shown. */
void                lw_sla_monitor_page_refresh     (LwSlaMonitorPage *self);
/* The figures shown, or NULL when there is no run. */
const LwSlaFigures *lw_sla_monitor_page_get_figures (LwSlaMonitorPage *self);
/* Shows only the alerts and clocks of @leads (LwAlertLeadRef: what a
 * summary alert stands for), under @title ("12 leads breached their SLA
 * in EMEA ..."); @leads NULL shows all again. */
void                lw_sla_monitor_page_set_filter  (LwSlaMonitorPage *self,
                                                     const char       *title,
                                                     GArray           *leads);
/* The filter's title; NULL when all is shown. */
const char         *lw_sla_monitor_page_get_filter  (LwSlaMonitorPage *self);
/* The alerts recorded, as last queried (LwAlertRecord, newest first), and
 * how many rows the list shows now. */
GPtrArray          *lw_sla_monitor_page_get_alerts  (LwSlaMonitorPage *self);
guint               lw_sla_monitor_page_get_n_alerts_shown (LwSlaMonitorPage *self);
/* Queries started since the page was made; whether one runs. */
guint               lw_sla_monitor_page_get_n_queries (LwSlaMonitorPage *self);
gboolean            lw_sla_monitor_page_is_querying   (LwSlaMonitorPage *self);

G_END_DECLS
