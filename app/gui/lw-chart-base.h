/* lw-chart-base.h: what every chart widget shares
 *
 * LwChartBase is the abstract parent of the chart widgets (LwBarChart,
 * LwFunnelChart, LwHistogramChart, LwRhythmEditor, LwSpeedCurve). It
 * implements LwChart (lw-chart-export.h) on top of two virtual
 * functions, draw() and get_title(), and does the rest the same way for
 * all of them: it snapshots by drawing at the widget's size, measures
 * again when the style changes (the fonts size the charts), carries the
 * "lw-chart" style class and the image role, and owns the description of
 * the data, which is also the accessible description.
 *
 * A subclass sets its CSS name, measures itself, draws, and hands its
 * description over with lw_chart_base_take_description() whenever its
 * data changes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "lw-chart-export.h"

G_BEGIN_DECLS

#define LW_TYPE_CHART_BASE (lw_chart_base_get_type ())
G_DECLARE_DERIVABLE_TYPE (LwChartBase, lw_chart_base, LW, CHART_BASE, GtkWidget)

struct _LwChartBaseClass
{
  GtkWidgetClass parent_class;

  /* Paints the chart into @cr, whose user space is @width × @height
   * logical pixels, leaving the background alone (LwChart's draw()). */
  void         (*draw)      (LwChartBase *self,
                             cairo_t     *cr,
                             int          width,
                             int          height);
  /* What the chart shows: its accessible label. */
  const char * (*get_title) (LwChartBase *self);
};

/* Replaces the description of the data (LwChart's get_description())
 * with @description, taking it, and sets the accessible label (the
 * title) and description from them. */
void        lw_chart_base_take_description (LwChartBase *self,
                                            char        *description);

G_END_DECLS
