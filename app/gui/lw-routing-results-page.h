/* lw-routing-results-page.h: where the leads of a run went
 *
 * Leads per rep against capacity, how evenly each pool shared its leads,
 * and the leads only the fallback owner took, with why.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lw-store.h"
#include "lw-workspace.h"

G_BEGIN_DECLS

#define LW_TYPE_ROUTING_RESULTS_PAGE (lw_routing_results_page_get_type ())
G_DECLARE_FINAL_TYPE (LwRoutingResultsPage, lw_routing_results_page, LW, ROUTING_RESULTS_PAGE, GtkWidget)

GtkWidget              *lw_routing_results_page_new          (LwWorkspace          *workspace);
/* Queries the figures again (on a worker thread), dropping a query still
 * running; "updated" is emitted once they are shown. */
void                    lw_routing_results_page_refresh      (LwRoutingResultsPage *self);
/* The figures shown, or NULL when there is no run. */
const LwRoutingFigures *lw_routing_results_page_get_figures  (LwRoutingResultsPage *self);
/* Picks the run shown (a run id, or 0 for the latest), as the dropdown
 * does; FALSE when it is not listed (yet). */
gboolean                lw_routing_results_page_set_run      (LwRoutingResultsPage *self,
                                                              gint64                run);
/* Queries started and figures shown since the page was made (see
 * lw_funnel_page_get_n_queries()). */
guint                   lw_routing_results_page_get_n_queries (LwRoutingResultsPage *self);
guint                   lw_routing_results_page_get_n_updates (LwRoutingResultsPage *self);

G_END_DECLS
