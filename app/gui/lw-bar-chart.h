/* lw-bar-chart.h: horizontal bars, each with an optional marker
 *
 * One row per item: its label, a bar on a track, a marker across the bar
 * (a rep's capacity, a target), and the value as text. Bars take their
 * colour from thresholds: a load against capacity turns to the warning and
 * then the error colour as it rises; a compliance below its thresholds
 * does the same as it falls. A comparison run shows as a thin grey bar
 * under each bar, with the difference beside the value. A count far
 * above the others (more than 2.5 times the larger of the biggest marker
 * and the median) is drawn broken at the end of the track, so that it
 * does not squash the other bars; its value is written beside it.
 *
 * Leads per rep against capacity: lw_bar_chart_set_rep_loads(); SLA
 * compliance per policy, team or rep: lw_bar_chart_set_sla_groups(); or
 * any items with lw_bar_chart_set_items().
 *
 * The chart copies the few figures it draws; setting them redraws it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "lw-chart-base.h"
#include "lw-chart-export.h"
#include "lw-store.h"

G_BEGIN_DECLS

typedef struct
{
  const char *id;        /* matches the comparison's item; NULL: the label does */
  const char *label;
  double      value;     /* negative or NAN: none, shown as "–" */
  double      marker;    /* capacity, target; negative or NAN: none */
} LwBarChartItem;

typedef enum
{
  LW_BAR_CHART_COUNT,    /* "825", against a marker "825 / 1,200" */
  LW_BAR_CHART_PERCENT,  /* "74.0 %", on a scale of 0 to 100 */
} LwBarChartUnit;

typedef enum
{
  LW_BAR_CHART_COLOR_PLAIN,   /* every bar in the accent colour */
  LW_BAR_CHART_COLOR_LOAD,    /* value / marker: warning from @warning on,
                               * error from @error on (0.9, 1.0) */
  LW_BAR_CHART_COLOR_TARGET,  /* value: error below @error, warning below
                               * @warning, success above (75, 90) */
} LwBarChartColoring;

#define LW_TYPE_BAR_CHART (lw_bar_chart_get_type ())
G_DECLARE_FINAL_TYPE (LwBarChart, lw_bar_chart, LW, BAR_CHART, LwChartBase)

GtkWidget  *lw_bar_chart_new                       (void);

void        lw_bar_chart_set_items                 (LwBarChart           *self,
                                                    const LwBarChartItem *items,
                                                    guint                 n_items);
/* The other run's items, matched by id (else label); NULL clears them. */
void        lw_bar_chart_set_comparison            (LwBarChart           *self,
                                                    const LwBarChartItem *items,
                                                    guint                 n_items);
gboolean    lw_bar_chart_has_comparison            (LwBarChart           *self);

/* Leads routed to each rep against their capacity over the run (reps
 * without a cap have no marker); sets the unit to COUNT. */
void        lw_bar_chart_set_rep_loads             (LwBarChart           *self,
                                                    const LwRepLoad      *reps,
                                                    guint                 n_reps);
void        lw_bar_chart_set_comparison_rep_loads  (LwBarChart           *self,
                                                    const LwRepLoad      *reps,
                                                    guint                 n_reps);
/* First-touch SLA compliance of each group (LwSlaFigures.by_policy,
 * by_team, by_rep); sets the unit to PERCENT. Groups without a met or
 * breached lead show "–". */
void        lw_bar_chart_set_sla_groups            (LwBarChart           *self,
                                                    const LwSlaGroup     *groups,
                                                    guint                 n_groups);
void        lw_bar_chart_set_comparison_sla_groups (LwBarChart           *self,
                                                    const LwSlaGroup     *groups,
                                                    guint                 n_groups);

LwBarChartUnit lw_bar_chart_get_unit               (LwBarChart           *self);
void        lw_bar_chart_set_unit                  (LwBarChart           *self,
                                                    LwBarChartUnit        unit);
void        lw_bar_chart_set_coloring              (LwBarChart           *self,
                                                    LwBarChartColoring    coloring,
                                                    double                warning,
                                                    double                error);
/* What the markers stand for, in the legend ("Capacity"); NULL: no
 * legend entry. */
void        lw_bar_chart_set_marker_name           (LwBarChart           *self,
                                                    const char           *name);
void        lw_bar_chart_set_series_names          (LwBarChart           *self,
                                                    const char           *name,
                                                    const char           *comparison_name);

/* The accessible label, and the <title> of an exported SVG. */
const char *lw_bar_chart_get_title                 (LwBarChart           *self);
void        lw_bar_chart_set_title                 (LwBarChart           *self,
                                                    const char           *title);

G_END_DECLS
