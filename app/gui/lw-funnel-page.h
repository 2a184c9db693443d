/* lw-funnel-page.h: the funnel of a simulation run
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lw-store.h"
#include "lw-workspace.h"

G_BEGIN_DECLS

#define LW_TYPE_FUNNEL_PAGE (lw_funnel_page_get_type ())
G_DECLARE_FINAL_TYPE (LwFunnelPage, lw_funnel_page, LW, FUNNEL_PAGE, GtkWidget)

GtkWidget      *lw_funnel_page_new        (LwWorkspace  *workspace);
/* Queries the funnel again (on a worker thread), dropping a query still
 * running; "updated" is emitted once the figures are shown. */
void            lw_funnel_page_refresh    (LwFunnelPage *self);
/* The funnel shown, or NULL when there is no run. */
const LwFunnel *lw_funnel_page_get_funnel (LwFunnelPage *self);
/* The funnel of the run compared with, or NULL when there is none. */
const LwFunnel *lw_funnel_page_get_comparison (LwFunnelPage *self);

/* Picks the run shown (a run id, or 0 for the latest) and the run
 * compared with (a run id, or -1 for none), as the two dropdowns do;
 * FALSE when one of them is not listed (yet). */
gboolean        lw_funnel_page_set_runs   (LwFunnelPage *self,
                                           gint64        run,
                                           gint64        comparison);
/* Keeps only the leads of source option @source (-1: any), region
 * @region and segment @segment (NULL: any), as the filter rows do; FALSE,
 * changing nothing, when a value is not among the run's. */
gboolean        lw_funnel_page_set_filter (LwFunnelPage *self,
                                           int           source,
                                           const char   *region,
                                           const char   *segment);

/* Queries started and finished since the page was made: live updates
 * never have more than one query running, and the page redraws once per
 * finished query. */
guint           lw_funnel_page_get_n_queries  (LwFunnelPage *self);
guint           lw_funnel_page_get_n_updates  (LwFunnelPage *self);

G_END_DECLS
