/* lw-funnel-chart.h: the lifecycle funnel, drawn
 *
 * One band per stage, as wide as the leads that reached it, joined by the
 * flow of those that moved on; beside each band its name and count and the
 * median time spent in it; beside each join the conversion to the next
 * stage and the leads that dropped off there. A comparison run (another
 * run, or the rules before an edit) shows as a dashed outline around each
 * band, with the differences in counts and conversion.
 *
 * The chart copies the few figures it draws; setting them redraws it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "lw-chart-base.h"
#include "lw-chart-export.h"
#include "lw-config.h"
#include "lw-simulator.h"
#include "lw-store.h"

G_BEGIN_DECLS

#define LW_TYPE_FUNNEL_CHART (lw_funnel_chart_get_type ())
G_DECLARE_FINAL_TYPE (LwFunnelChart, lw_funnel_chart, LW, FUNNEL_CHART, LwChartBase)

GtkWidget  *lw_funnel_chart_new                     (void);

/* Draws exactly these stages (their id, label, reached, conversion,
 * drop_off and median_seconds are read); NULL and 0 empties the chart. */
void        lw_funnel_chart_set_stages              (LwFunnelChart       *self,
                                                     const LwFunnelStage *stages,
                                                     guint                n_stages);
/* A run's funnel from the store: every stage but the last, which lies
 * outside the funnel (HubSpot's "Other") and is named below it. */
void        lw_funnel_chart_set_funnel              (LwFunnelChart       *self,
                                                     const LwFunnel      *funnel);
/* The same from a simulation's in-memory summary (a what-if run), with
 * the stage names of @config, the rule set it ran (the summary has no
 * median times). */
void        lw_funnel_chart_set_summary             (LwFunnelChart       *self,
                                                     const LwSimSummary  *summary,
                                                     const LwConfig      *config);

/* The run to compare with, in the same three ways; stages are matched by
 * id. NULL clears it. */
void        lw_funnel_chart_set_comparison_stages   (LwFunnelChart       *self,
                                                     const LwFunnelStage *stages,
                                                     guint                n_stages);
void        lw_funnel_chart_set_comparison_funnel   (LwFunnelChart       *self,
                                                     const LwFunnel      *funnel);
void        lw_funnel_chart_set_comparison_summary  (LwFunnelChart       *self,
                                                     const LwSimSummary  *summary,
                                                     const LwConfig      *config);
gboolean    lw_funnel_chart_has_comparison          (LwFunnelChart       *self);

/* The names of the two runs in the legend ("After the edit", "Before");
 * NULL for the defaults ("This run", "Compared run"). */
void        lw_funnel_chart_set_series_names        (LwFunnelChart       *self,
                                                     const char          *name,
                                                     const char          *comparison_name);

/* The accessible label, and the <title> of an exported SVG ("Funnel"). */
const char *lw_funnel_chart_get_title               (LwFunnelChart       *self);
void        lw_funnel_chart_set_title               (LwFunnelChart       *self,
                                                     const char          *title);

G_END_DECLS
