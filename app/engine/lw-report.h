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
/* "12,345": digits grouped as the locale groups them (12.345 in German),
 * and by threes with commas in a locale that groups nothing (C). */
char     *lw_format_count          (guint64                 count);
/* "42.1 %" (the locale's decimal sign, a space that does not break) from
 * a percentage 0..100; "—" when negative or not a number. */
char     *lw_format_percent        (double                  percent);

/* Appends a row of a plain-text table: @name in @name_width characters,
 * then each of @cells right-aligned in @cell_width, one space apart;
 * a text longer than its column is cut with "…". Widths count
 * characters, not bytes. */
void      lw_text_append_row       (GString                *out,
                                    const char             *name,
                                    guint                   name_width,
                                    const char * const     *cells,
                                    guint                   n_cells,
                                    guint                   cell_width);

/* The default time-to-first-touch histogram edges, in seconds: 5, 10, 30
 * minutes, 1, 2, 4, 8 hours, 1, 2, 5 days. */
const gint64 *lw_report_default_ttft_edges (guint *n_edges);

G_END_DECLS
