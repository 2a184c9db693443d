/* lw-chart-export.h: the charts' common interface, and their export as PNG and SVG
 *
 * A chart (LwFunnelChart, LwHistogramChart, LwBarChart, and the scenario
 * editor's LwRhythmEditor and LwSpeedCurve) is a widget that draws plain
 * data with cairo. LwChart is what they share: drawing at any size into any
 * cairo context, so the same code paints the widget (in snapshot()) and an
 * exported file; a title and a description of the data for people who
 * cannot see it (the accessible label and description, and the <title> and
 * <desc> of an SVG file). Each derives from LwChartBase (lw-chart-base.h),
 * which implements this interface on the chart's draw() and get_title()
 * and does the widget's part: the snapshot, the style class, the role.
 *
 * Colours come from CSS: named colours defined in ui/style.css
 * (@lw_chart_bar_color ...) built on libadwaita's (@accent_bg_color,
 * @success_color, @warning_color, @error_color), so the light and dark
 * styles both read well. An exported file has the colours the widget has
 * at the time, on the view background.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "lw-report.h"

G_BEGIN_DECLS

#define LW_TYPE_CHART (lw_chart_get_type ())
G_DECLARE_INTERFACE (LwChart, lw_chart, LW, CHART, GtkWidget)

struct _LwChartInterface
{
  GTypeInterface parent_iface;

  /* Paints the chart into @cr, whose user space is @width × @height
   * logical pixels, leaving the background alone. */
  void         (*draw)            (LwChart *self,
                                   cairo_t *cr,
                                   int      width,
                                   int      height);
  const char * (*get_title)       (LwChart *self);
  const char * (*get_description) (LwChart *self);
};

void        lw_chart_draw              (LwChart       *self,
                                        cairo_t       *cr,
                                        int            width,
                                        int            height);
/* What the chart shows ("Funnel"): its accessible label. */
const char *lw_chart_get_title         (LwChart       *self);
/* Its data in words ("Lead: 18,163 reached, 10.5 % moved on, ..."): its
 * accessible description. */
const char *lw_chart_get_description   (LwChart       *self);

/* ---- export ------------------------------------------------------------------ */

/* Renders the chart, its title above it, within a margin, on the view
 * background, into an image of @width × @height logical pixels, and
 * writes it to @file, replacing what is there. A PNG has
 * @width × @scale by @height × @scale pixels (@scale 2 for sharp slides). An
 * SVG's text is drawn as outlines (cairo's way), and the file carries the
 * chart's title and description as its <title> and <desc>, so its words
 * can be searched and read aloud. */
gboolean    lw_chart_export_png        (LwChart       *self,
                                        GFile         *file,
                                        int            width,
                                        int            height,
                                        double         scale,
                                        GError       **error);
gboolean    lw_chart_export_svg        (LwChart       *self,
                                        GFile         *file,
                                        int            width,
                                        int            height,
                                        GError       **error);
/* PNG or SVG by the name's extension (case does not matter); @scale is
 * for PNG. Any other name fails with G_IO_ERROR_INVALID_ARGUMENT. */
gboolean    lw_chart_export_to_file    (LwChart       *self,
                                        GFile         *file,
                                        int            width,
                                        int            height,
                                        double         scale,
                                        GError       **error);

/* Asks where to save the chart (a file chooser with PNG and SVG filters,
 * @suggested_name such as "funnel.png" first), then writes it at the
 * chart's size on screen (PNG at twice the pixels), or at 800 pixels wide
 * and its natural height when it is not shown. A name without .png or
 * .svg gets the extension of the chosen filter. The result is the file
 * written, or an error: G_IO_ERROR_CANCELLED when the person cancelled. */
void        lw_chart_export_dialog_async  (LwChart             *self,
                                           GtkWindow           *parent,
                                           const char          *suggested_name,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
GFile      *lw_chart_export_dialog_finish (LwChart             *self,
                                           GAsyncResult        *result,
                                           GError             **error);

/* What a view's "Export Chart" does: asks where (as above, with @widget's
 * window as parent) and writes the chart; a failure is said in a toast of
 * @widget's window, a cancel says nothing. */
void        lw_chart_export_dialog        (LwChart             *self,
                                           GtkWidget           *widget,
                                           const char          *suggested_name);

/* ---- for chart implementations ---------------------------------------------- */

/* The colours a chart draws with, resolved from the widget's style. */
typedef struct
{
  GdkRGBA fg;           /* text: the widget's color */
  GdkRGBA dim_fg;       /* secondary text */
  GdkRGBA grid;         /* grid lines, empty tracks */
  GdkRGBA background;   /* under an exported chart: @view_bg_color */
  GdkRGBA bar;          /* the data: @lw_chart_bar_color (@accent_bg_color) */
  GdkRGBA comparison;   /* the other run: @lw_chart_comparison_color */
  GdkRGBA good;         /* fills: @lw_chart_good_color ... */
  GdkRGBA warning;
  GdkRGBA bad;
  GdkRGBA good_fg;      /* text and lines: @lw_chart_good_text_color ... */
  GdkRGBA warning_fg;
  GdkRGBA bad_fg;
  GdkRGBA marker;       /* capacity and target markers */
} LwChartPalette;

void        lw_chart_palette_init      (LwChartPalette *palette,
                                        GtkWidget      *widget);

typedef enum
{
  LW_CHART_TEXT_NORMAL,
  LW_CHART_TEXT_BOLD,
  LW_CHART_TEXT_SMALL,       /* axis labels, details */
  LW_CHART_TEXT_SMALL_BOLD,
  LW_CHART_TEXT_HEADING,     /* the empty state */
} LwChartText;

/* A layout of @text in the widget's font, with tabular figures. */
PangoLayout *lw_chart_layout           (GtkWidget      *widget,
                                        const char     *text,
                                        LwChartText     style);
/* Its size in logical pixels. */
void         lw_chart_layout_size      (PangoLayout    *layout,
                                        double         *width,
                                        double         *height);
/* The height of a line of @style. */
double       lw_chart_line_height      (GtkWidget      *widget,
                                        LwChartText     style);
void         lw_chart_show_layout      (cairo_t        *cr,
                                        PangoLayout    *layout,
                                        double          x,
                                        double          y,
                                        const GdkRGBA  *color);

void         lw_chart_rounded_rectangle (cairo_t       *cr,
                                         double         x,
                                         double         y,
                                         double         width,
                                         double         height,
                                         double         radius);

/* @text centred, dimmed: what a chart without data shows. */
void         lw_chart_draw_empty       (GtkWidget      *widget,
                                        cairo_t        *cr,
                                        int             width,
                                        int             height,
                                        const char     *text);

/* A GtkWidgetClass.snapshot that calls lw_chart_draw() at the widget's size. */
void         lw_chart_snapshot         (GtkWidget      *widget,
                                        GtkSnapshot    *snapshot);

/* Numbers for people (counts: lw_format_count()): "42.1 %" from a
 * percentage (0..100), "–" when negative; "+1,234" and "−56"; a change
 * of percentages in points, "+2.1 pts"; a compact duration for axes:
 * "30 min", "2 h", "1 d", else lw_format_duration(). */
char        *lw_chart_format_percent   (double          percent);
char        *lw_chart_format_delta     (gint64          delta);
char        *lw_chart_format_points    (double          delta);
char        *lw_chart_format_duration  (gint64          seconds);

/* 1, 2, 2.5 or 5 × 10^k: the step of an axis up to @max with about
 * @ticks lines. */
double       lw_chart_nice_step        (double          max,
                                        guint           ticks);

G_END_DECLS
