/* lw-report.h: the workspace's aggregate figures as text and as JSON
 *
 * What `leadwright-cli report` prints, and what exports embed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "lw-store.h"

G_BEGIN_DECLS

char     *lw_funnel_format         (const LwFunnel         *funnel);
JsonNode *lw_funnel_to_json        (const LwFunnel         *funnel);

/* @edges as given to lw_store_query_sla(). */
char     *lw_sla_figures_format    (const LwSlaFigures     *figures,
                                    const gint64           *edges,
                                    guint                   n_edges);
JsonNode *lw_sla_figures_to_json   (const LwSlaFigures     *figures,
                                    const gint64           *edges,
                                    guint                   n_edges);

char     *lw_routing_figures_format  (const LwRoutingFigures *figures);
JsonNode *lw_routing_figures_to_json (const LwRoutingFigures *figures);

char     *lw_source_report_format  (const LwSourceReport   *report);
JsonNode *lw_source_report_to_json (const LwSourceReport   *report);

/* "1 h 05 min", "3 d 4 h", "45 s": a duration a person reads. */
char     *lw_format_duration       (double                  seconds);

/* The default time-to-first-touch histogram edges, in seconds: 5, 10, 30
 * minutes, 1, 2, 4, 8 hours, 1, 2, 5 days. */
const gint64 *lw_report_default_ttft_edges (guint *n_edges);

G_END_DECLS
