/* lw-histogram-chart.h: time to first touch, in buckets, with the deadline
 *
 * One bar per bucket of durations ("under 5 min", "5 min to 10 min" ...
 * "5 d and more"), the bucket edges under the axis. The SLA deadline is a
 * vertical line with its label; buckets after it are drawn in the error
 * colour, and the bucket it falls in in the warning colour. A comparison
 * run shows as a grey bar beside each bar.
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

#define LW_TYPE_HISTOGRAM_CHART (lw_histogram_chart_get_type ())
G_DECLARE_FINAL_TYPE (LwHistogramChart, lw_histogram_chart, LW, HISTOGRAM_CHART, LwChartBase)

GtkWidget  *lw_histogram_chart_new                   (void);

/* @edges: @n_edges durations in seconds, strictly rising; @counts: the
 * @n_counts = @n_edges + 1 buckets [0, e0), [e0, e1) ... [e_last, ∞), as
 * lw_store_query_sla() counts them. A new set of edges drops the
 * comparison. NULL edges and counts (0, 0) empty the chart. */
void        lw_histogram_chart_set_buckets           (LwHistogramChart   *self,
                                                      const gint64       *edges,
                                                      guint               n_edges,
                                                      const guint64      *counts,
                                                      guint               n_counts);
/* The histogram of @figures, queried with @edges. */
void        lw_histogram_chart_set_figures           (LwHistogramChart   *self,
                                                      const LwSlaFigures *figures,
                                                      const gint64       *edges,
                                                      guint               n_edges);
/* The other run's counts over the same edges; NULL clears them. */
void        lw_histogram_chart_set_comparison        (LwHistogramChart   *self,
                                                      const guint64      *counts,
                                                      guint               n_counts);
gboolean    lw_histogram_chart_has_comparison        (LwHistogramChart   *self);

/* The first-touch deadline in seconds; 0 for none. */
gint64      lw_histogram_chart_get_deadline          (LwHistogramChart   *self);
void        lw_histogram_chart_set_deadline          (LwHistogramChart   *self,
                                                      gint64              seconds);

/* The names of the two runs in the legend; NULL for the defaults ("This
 * run", "Compared run"). */
void        lw_histogram_chart_set_series_names      (LwHistogramChart   *self,
                                                      const char         *name,
                                                      const char         *comparison_name);

/* The accessible label, and the <title> of an exported SVG ("Time to
 * first touch"). */
const char *lw_histogram_chart_get_title             (LwHistogramChart   *self);
void        lw_histogram_chart_set_title             (LwHistogramChart   *self,
                                                      const char         *title);

G_END_DECLS
