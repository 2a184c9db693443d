/* lw-speed-curve.c: the speed-to-lead factor drawn against the first-touch time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "lw-speed-curve.h"

#include "lw-scenario.h"

struct _LwSpeedCurve
{
  LwChartBase  parent_instance;

  double       floor;
  double       half_life;      /* minutes */
};

G_DEFINE_FINAL_TYPE (LwSpeedCurve, lw_speed_curve, LW_TYPE_CHART_BASE)

/* The minutes the chart spans. */
static double
span_minutes (LwSpeedCurve *self)
{
  return MAX (240, self->half_life > 0 ? 8 * self->half_life : 0);
}

static void
update_description (LwSpeedCurve *self)
{
  g_autofree char *text = NULL;

  /* translators: the speed-to-lead factor, in percent, after three first-touch times */
  text = g_strdup_printf (_("Touched after 5 minutes: %.0f %%; after 1 hour: %.0f %%; after 1 day: %.0f %%"),
                          100 * lw_speed_curve_factor_at (self, 5),
                          100 * lw_speed_curve_factor_at (self, 60),
                          100 * lw_speed_curve_factor_at (self, 1440));
  lw_chart_base_take_description (LW_CHART_BASE (self), g_steal_pointer (&text));
}

/* ---- drawing ------------------------------------------------------------------------------- */

static void
lw_speed_curve_draw (LwChartBase *chart,
                     cairo_t     *cr,
                     int          width,
                     int          height)
{
  LwSpeedCurve *self = LW_SPEED_CURVE (chart);
  GtkWidget *widget = GTK_WIDGET (self);
  double label = lw_chart_line_height (widget, LW_CHART_TEXT_SMALL);
  double span = span_minutes (self);
  double step, x0, x1, y0, y1, floor_y;
  gboolean hours = span >= 120;
  g_autoptr(PangoLayout) full = lw_chart_layout (widget, "100 %", LW_CHART_TEXT_SMALL);
  LwChartPalette palette;
  double fw, fh;
  const double dashes[] = { 4, 3 };

  lw_chart_palette_init (&palette, widget);
  lw_chart_layout_size (full, &fw, &fh);
  x0 = fw + 6;
  x1 = width - 8;
  y0 = fh / 2 + 1;
  y1 = height - label - 4;
  if (x1 <= x0 + 10 || y1 <= y0 + 10)
    return;

  /* The frame: 0 and 100 %, the floor dashed. */
  gdk_cairo_set_source_rgba (cr, &palette.grid);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, x0, round (y0) + 0.5);
  cairo_line_to (cr, x1, round (y0) + 0.5);
  cairo_move_to (cr, x0, round (y1) + 0.5);
  cairo_line_to (cr, x1, round (y1) + 0.5);
  cairo_stroke (cr);
  lw_chart_show_layout (cr, full, 0, y0 - fh / 2, &palette.dim_fg);
  {
    g_autoptr(PangoLayout) zero = lw_chart_layout (widget, "0", LW_CHART_TEXT_SMALL);
    double zw, zh;

    lw_chart_layout_size (zero, &zw, &zh);
    lw_chart_show_layout (cr, zero, fw - zw, y1 - zh / 2, &palette.dim_fg);
  }

  floor_y = y1 - (y1 - y0) * CLAMP (self->floor, 0, 1);
  gdk_cairo_set_source_rgba (cr, &palette.dim_fg);
  cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
  cairo_move_to (cr, x0, round (floor_y) + 0.5);
  cairo_line_to (cr, x1, round (floor_y) + 0.5);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);

  /* Time ticks, in whole minutes or hours. */
  step = hours ? 60 * lw_chart_nice_step (span / 60, 4) : lw_chart_nice_step (span, 4);
  for (double t = 0; t <= span + 1e-6; t += step)
    {
      double x = x0 + (x1 - x0) * t / span;
      g_autofree char *text = lw_chart_format_duration ((gint64) round (t * 60));
      g_autoptr(PangoLayout) layout = lw_chart_layout (widget, text, LW_CHART_TEXT_SMALL);
      double lw, lh;

      lw_chart_layout_size (layout, &lw, &lh);
      lw_chart_show_layout (cr, layout, CLAMP (x - lw / 2, x0 - 2, width - lw), y1 + 3, &palette.dim_fg);
    }

  /* The curve, and the area under it. */
  for (int pass = 0; pass < 2; pass++)
    {
      int n = 96;

      for (int i = 0; i <= n; i++)
        {
          double t = span * i / n;
          double x = x0 + (x1 - x0) * i / n;
          double y = y1 - (y1 - y0) * lw_speed_curve_factor_at (self, t);

          if (i == 0)
            cairo_move_to (cr, x, y);
          else
            cairo_line_to (cr, x, y);
        }
      if (pass == 0)
        {
          GdkRGBA fill = palette.bar;

          fill.alpha *= 0.18;
          cairo_line_to (cr, x1, y1);
          cairo_line_to (cr, x0, y1);
          cairo_close_path (cr);
          gdk_cairo_set_source_rgba (cr, &fill);
          cairo_fill (cr);
        }
      else
        {
          gdk_cairo_set_source_rgba (cr, &palette.bar);
          cairo_set_line_width (cr, 2);
          cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
          cairo_stroke (cr);
        }
    }
}

static const char *
lw_speed_curve_get_title (LwChartBase *chart)
{
  return _("Conversion by first-touch time");
}

/* ---- GObject ------------------------------------------------------------------------------- */

static void
lw_speed_curve_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 160;
      *natural = 480;
    }
  else
    {
      *minimum = *natural = (int) ceil (96 + lw_chart_line_height (widget, LW_CHART_TEXT_SMALL));
    }
}

static void
lw_speed_curve_class_init (LwSpeedCurveClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  LwChartBaseClass *chart_class = LW_CHART_BASE_CLASS (klass);

  widget_class->measure = lw_speed_curve_measure;

  chart_class->draw = lw_speed_curve_draw;
  chart_class->get_title = lw_speed_curve_get_title;

  gtk_widget_class_set_css_name (widget_class, "speedcurve");
}

static void
lw_speed_curve_init (LwSpeedCurve *self)
{
  self->floor = 0.15;
  self->half_life = 30;
  update_description (self);
}

/* ---- public API ---------------------------------------------------------------------------- */

GtkWidget *
lw_speed_curve_new (void)
{
  return g_object_new (LW_TYPE_SPEED_CURVE, NULL);
}

void
lw_speed_curve_set_model (LwSpeedCurve *self,
                          double        floor,
                          double        half_life_minutes)
{
  g_return_if_fail (LW_IS_SPEED_CURVE (self));

  if (self->floor == floor && self->half_life == half_life_minutes)
    return;
  self->floor = floor;
  self->half_life = half_life_minutes;
  update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

double
lw_speed_curve_factor_at (LwSpeedCurve *self,
                          double        minutes)
{
  LwConversionModel model = { 0, };

  g_return_val_if_fail (LW_IS_SPEED_CURVE (self), 1.0);

  /* What the simulator computes. */
  model.floor = CLAMP (self->floor, 0, 1);
  model.half_life_minutes = self->half_life;
  return lw_conversion_speed_factor (&model, NULL, minutes);
}
