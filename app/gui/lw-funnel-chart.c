/* lw-funnel-chart.c: the lifecycle funnel, drawn
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "lw-chart-export.h"
#include "lw-funnel-chart.h"
#include "lw-report.h"

typedef struct
{
  char    *id;
  char    *label;
  guint64  reached;
  double   conversion;       /* 0..1; -1 none */
  guint64  drop_off;
  double   median_seconds;   /* -1 none */
} Stage;

typedef struct
{
  GArray   *stages;          /* Stage; NULL: no series */
  gboolean  has_outside;
  Stage     outside;         /* the stage outside the funnel */
} Series;

enum
{
  PRIMARY,
  COMPARISON,
  N_SERIES
};

struct _LwFunnelChart
{
  LwChartBase  parent_instance;

  Series       series[N_SERIES];
  char        *title;
  char        *names[N_SERIES];   /* NULL: the default names */
};

G_DEFINE_FINAL_TYPE (LwFunnelChart, lw_funnel_chart, LW_TYPE_CHART_BASE)

enum
{
  PROP_0,
  PROP_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The space between the columns, and around the legend. */
#define GAP 16.0

typedef struct
{
  double line;          /* height of a line of normal text */
  double small_line;
  double legend_h;
  double top;           /* of the first band */
  double band_h;
  double join_h;        /* between two bands */
  double label_w;       /* the names and counts, right-aligned */
  double funnel_x;
  double funnel_w;
  double right_x;       /* median times and conversions */
  double right_w;
  double footnote_y;
  double max;           /* the count a band at full width stands for */
  double natural;       /* the height the chart asks for at this width */
} Geometry;

/* ---- data ------------------------------------------------------------------------------ */

static void
stage_clear (gpointer data)
{
  Stage *stage = data;

  g_clear_pointer (&stage->id, g_free);
  g_clear_pointer (&stage->label, g_free);
}

static void
stage_copy (Stage               *stage,
            const LwFunnelStage *from)
{
  stage->id = g_strdup (from->id != NULL ? from->id : "");
  stage->label = g_strdup (from->label != NULL ? from->label : "");
  stage->reached = from->reached;
  stage->conversion = from->conversion;
  stage->drop_off = MIN (from->drop_off, from->reached);
  stage->median_seconds = from->median_seconds;
}

static void
series_clear (Series *series)
{
  g_clear_pointer (&series->stages, g_array_unref);
  if (series->has_outside)
    stage_clear (&series->outside);
  series->has_outside = FALSE;
}

static void
series_set (Series              *series,
            const LwFunnelStage *stages,
            guint                n_stages,
            const LwFunnelStage *outside)
{
  series_clear (series);
  series->stages = g_array_sized_new (FALSE, TRUE, sizeof (Stage), n_stages);
  g_array_set_clear_func (series->stages, stage_clear);
  g_array_set_size (series->stages, n_stages);
  for (guint i = 0; i < n_stages; i++)
    stage_copy (&g_array_index (series->stages, Stage, i), &stages[i]);
  if (outside != NULL)
    {
      stage_copy (&series->outside, outside);
      series->has_outside = TRUE;
    }
}

static guint
n_stages (LwFunnelChart *self,
          guint          series)
{
  return self->series[series].stages != NULL ? self->series[series].stages->len : 0;
}

static const Stage *
get_stage (LwFunnelChart *self,
           guint          series,
           guint          index)
{
  g_assert (index < n_stages (self, series));
  return &g_array_index (self->series[series].stages, Stage, index);
}

/* The comparison's stage for the primary stage @index: the one with the
 * same id, or at the same place when the stages have no ids. */
static const Stage *
find_comparison (LwFunnelChart *self,
                 guint          index)
{
  const Stage *stage = get_stage (self, PRIMARY, index);
  guint n = n_stages (self, COMPARISON);

  if (stage->id[0] == '\0')
    return index < n ? get_stage (self, COMPARISON, index) : NULL;
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (get_stage (self, COMPARISON, i)->id, stage->id) == 0)
      return get_stage (self, COMPARISON, i);
  return NULL;
}

static const char *
series_name (LwFunnelChart *self,
             guint          series)
{
  if (self->names[series] != NULL)
    return self->names[series];
  return series == PRIMARY ? _("This run") : _("Compared run");
}

static guint64
advanced (const Stage *stage)
{
  return stage->reached - stage->drop_off;
}

static gboolean
is_empty (LwFunnelChart *self)
{
  for (guint i = 0; i < n_stages (self, PRIMARY); i++)
    if (get_stage (self, PRIMARY, i)->reached > 0)
      return FALSE;
  return TRUE;
}

static const GdkRGBA *
delta_color (const LwChartPalette *palette,
             double                delta)
{
  if (fabs (delta) < 1e-9)
    return &palette->dim_fg;
  return delta > 0 ? &palette->good_fg : &palette->bad_fg;
}

/* ---- text ------------------------------------------------------------------------------- */

static char *
format_median (double seconds)
{
  g_autofree char *duration = lw_format_duration (seconds);

  /* translators: the median time leads spent in a stage, "median 2 d 14 h" */
  return g_strdup_printf (_("median %s"), duration);
}

/* "43.6 % moved on", "633 dropped off"; *@bold_end: the end of the
 * percentage in the first, in bytes. */
static void
format_join (const Stage  *stage,
             char        **moved,
             char        **dropped,
             guint        *bold_end)
{
  g_autofree char *percent = lw_chart_format_percent (100 * stage->conversion);
  g_autofree char *count = lw_format_count (stage->drop_off);
  const char *at;

  /* translators: the share of a stage's leads that moved on to the next, "43.6 % moved on" */
  *moved = g_strdup_printf (_("%s moved on"), percent);
  /* translators: the leads that left the funnel after a stage, "633 dropped off" */
  *dropped = g_strdup_printf (_("%s dropped off"), count);
  at = strstr (*moved, percent);
  *bold_end = at != NULL ? (guint) (at - *moved + strlen (percent)) : 0;
}

static char *
describe (LwFunnelChart *self)
{
  GString *out = g_string_new (NULL);
  guint n = n_stages (self, PRIMARY);

  if (is_empty (self))
    {
      g_string_append (out, _("No leads in the funnel yet."));
      return g_string_free (out, FALSE);
    }
  if (n_stages (self, COMPARISON) > 0)
    /* translators: the two runs a funnel chart compares */
    g_string_append_printf (out, _("%s, compared with %s."), series_name (self, PRIMARY),
                            series_name (self, COMPARISON));

  for (guint i = 0; i < n; i++)
    {
      const Stage *stage = get_stage (self, PRIMARY, i);
      const Stage *other = n_stages (self, COMPARISON) > 0 ? find_comparison (self, i) : NULL;
      g_autofree char *count = lw_format_count (stage->reached);

      if (out->len > 0)
        g_string_append_c (out, ' ');
      /* translators: a stage of the funnel, "Lead: 18,163 reached" */
      g_string_append_printf (out, _("%s: %s reached"), stage->label, count);
      if (other != NULL)
        {
          g_autofree char *before = lw_format_count (other->reached);

          /* translators: the count of the compared run, "(Before: 17,900)" */
          g_string_append_printf (out, _(" (%s: %s)"), series_name (self, COMPARISON), before);
        }
      if (stage->conversion >= 0)
        {
          g_autofree char *moved = NULL;
          g_autofree char *dropped = NULL;
          guint bold_end;

          format_join (stage, &moved, &dropped, &bold_end);
          g_string_append_printf (out, ", %s, %s", moved, dropped);
        }
      if (stage->median_seconds >= 0)
        {
          g_autofree char *median = format_median (stage->median_seconds);

          g_string_append_printf (out, ", %s", median);
        }
      g_string_append_c (out, '.');
    }
  if (self->series[PRIMARY].has_outside)
    {
      const Stage *outside = &self->series[PRIMARY].outside;
      g_autofree char *count = lw_format_count (outside->reached);

      g_string_append_c (out, ' ');
      /* translators: the stage outside the funnel, "Other: 1,305 leads outside the funnel." */
      g_string_append_printf (out, ngettext ("%s: %s lead outside the funnel.", "%s: %s leads outside the funnel.",
                                             (unsigned long) MIN (outside->reached, G_MAXULONG)),
                              outside->label, count);
    }
  return g_string_free (out, FALSE);
}

static void
update (LwFunnelChart *self)
{
  lw_chart_base_take_description (LW_CHART_BASE (self), describe (self));
  gtk_widget_queue_resize (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* ---- geometry -------------------------------------------------------------------------- */

static PangoLayout *
label_layout (LwFunnelChart *self,
              const Stage   *stage,
              double         width)
{
  PangoLayout *layout = lw_chart_layout (GTK_WIDGET (self), stage->label, LW_CHART_TEXT_NORMAL);

  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_alignment (layout, PANGO_ALIGN_RIGHT);
    }
  return layout;
}

static void
insert_attribute (PangoAttrList  *attrs,
                  PangoAttribute *attr,
                  guint           start,
                  guint           end)
{
  attr->start_index = start;
  attr->end_index = end;
  pango_attr_list_insert (attrs, attr);
}

static PangoLayout *
build_join_layout (LwFunnelChart        *self,
                   guint                 index,
                   const LwChartPalette *palette,
                   gboolean              in_lines)
{
  const Stage *stage = get_stage (self, PRIMARY, index);
  const Stage *other = n_stages (self, COMPARISON) > 0 ? find_comparison (self, index) : NULL;
  g_autofree char *moved = NULL;
  g_autofree char *dropped = NULL;
  guint bold_end;
  GString *text;
  PangoLayout *layout;
  PangoAttrList *attrs;

  format_join (stage, &moved, &dropped, &bold_end);
  text = g_string_new (moved);
  g_string_append (text, in_lines ? "\n" : " · ");
  g_string_append (text, dropped);

  layout = lw_chart_layout (GTK_WIDGET (self), NULL, LW_CHART_TEXT_SMALL);
  attrs = pango_attr_list_copy (pango_layout_get_attributes (layout));
  insert_attribute (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD), 0, bold_end);
  if (other != NULL && other->conversion >= 0)
    {
      double delta = 100 * (stage->conversion - other->conversion);
      g_autofree char *points = lw_chart_format_points (delta);
      const GdkRGBA *color = delta_color (palette, fabs (delta) < 0.05 ? 0 : delta);
      guint start;

      g_string_append (text, in_lines ? "\n" : "  ");
      start = text->len;
      g_string_append (text, points);
      insert_attribute (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD), start, text->len);
      insert_attribute (attrs, pango_attr_foreground_new (color->red * 65535, color->green * 65535,
                                                          color->blue * 65535),
                        start, text->len);
      insert_attribute (attrs, pango_attr_foreground_alpha_new (color->alpha * 65535),
                        start, text->len);
    }
  pango_layout_set_text (layout, text->str, -1);
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  g_string_free (text, TRUE);
  return layout;
}

/* "43.6 % moved on · 633 dropped off", the percentage in bold, and with a
 * comparison the change in points in its colour ("+2.1 pts"). When it
 * does not fit in @width (if positive), one part a line, wrapped. */
static PangoLayout *
join_layout (LwFunnelChart        *self,
             guint                 index,
             const LwChartPalette *palette,
             double                width)
{
  PangoLayout *layout = build_join_layout (self, index, palette, FALSE);
  double natural;

  if (width <= 0)
    return layout;
  lw_chart_layout_size (layout, &natural, NULL);
  if (natural > width)
    {
      g_object_unref (layout);
      layout = build_join_layout (self, index, palette, TRUE);
    }
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  return layout;
}

static PangoLayout *
median_layout (LwFunnelChart *self,
               const Stage   *stage,
               double         width)
{
  g_autofree char *text = format_median (stage->median_seconds);
  PangoLayout *layout = lw_chart_layout (GTK_WIDGET (self), text, LW_CHART_TEXT_SMALL);

  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
  return layout;
}

/* The count, and with a comparison the difference ("+263"). */
static void
count_layouts (LwFunnelChart  *self,
               guint           index,
               PangoLayout   **count,
               PangoLayout   **delta,
               gint64         *difference)
{
  const Stage *stage = get_stage (self, PRIMARY, index);
  const Stage *other = n_stages (self, COMPARISON) > 0 ? find_comparison (self, index) : NULL;
  g_autofree char *text = lw_format_count (stage->reached);

  *count = lw_chart_layout (GTK_WIDGET (self), text, LW_CHART_TEXT_BOLD);
  *delta = NULL;
  *difference = 0;
  if (other != NULL)
    {
      g_autofree char *change = NULL;

      *difference = (gint64) stage->reached - (gint64) other->reached;
      change = lw_chart_format_delta (*difference);
      *delta = lw_chart_layout (GTK_WIDGET (self), change, LW_CHART_TEXT_SMALL_BOLD);
    }
}

/* @height < 0: the natural height, in geo->natural. */
static void
compute_geometry (LwFunnelChart *self,
                  int            width,
                  int            height,
                  Geometry      *geo)
{
  GtkWidget *widget = GTK_WIDGET (self);
  guint n = n_stages (self, PRIMARY);
  double name_w = 0, count_w = 0, right_w = 0, max = 1, join_text_h, stretch, band_h, join_h;
  LwChartPalette palette;

  memset (geo, 0, sizeof *geo);
  lw_chart_palette_init (&palette, widget);
  geo->line = lw_chart_line_height (widget, LW_CHART_TEXT_NORMAL);
  geo->small_line = lw_chart_line_height (widget, LW_CHART_TEXT_SMALL);
  if (n == 0 || is_empty (self))
    {
      geo->natural = ceil (4 * geo->line);
      return;
    }

  for (guint i = 0; i < n; i++)
    {
      const Stage *stage = get_stage (self, PRIMARY, i);
      g_autoptr(PangoLayout) label = label_layout (self, stage, -1);
      g_autoptr(PangoLayout) count = NULL;
      g_autoptr(PangoLayout) delta = NULL;
      gint64 difference;
      double w, dw = 0;

      lw_chart_layout_size (label, &w, NULL);
      name_w = MAX (name_w, w);
      count_layouts (self, i, &count, &delta, &difference);
      lw_chart_layout_size (count, &w, NULL);
      if (delta != NULL)
        lw_chart_layout_size (delta, &dw, NULL);
      count_w = MAX (count_w, w + (delta != NULL ? dw + 6 : 0));

      if (stage->conversion >= 0 && i + 1 < n)
        {
          g_autoptr(PangoLayout) join = join_layout (self, i, &palette, -1);

          lw_chart_layout_size (join, &w, NULL);
          right_w = MAX (right_w, w);
        }
      if (stage->median_seconds >= 0)
        {
          g_autoptr(PangoLayout) median = median_layout (self, stage, -1);

          lw_chart_layout_size (median, &w, NULL);
          right_w = MAX (right_w, w);
        }
      max = MAX (max, stage->reached);
    }
  for (guint i = 0; i < n_stages (self, COMPARISON); i++)
    max = MAX (max, get_stage (self, COMPARISON, i)->reached);
  geo->max = max;

  /* The counts always fit; long names ellipsize at 28 % of the width.
   * The funnel keeps 30 %, down to 40 pixels; the right column wraps. */
  geo->label_w = ceil (MAX (count_w, MIN (name_w, 0.28 * width)));
  geo->right_w = floor (MIN (ceil (right_w),
                             MAX (0.25 * width, width - 2 * GAP - 0.3 * width - geo->label_w)));
  geo->funnel_w = MAX (40, width - 2 * GAP - geo->label_w - geo->right_w);
  geo->funnel_x = geo->label_w + GAP;
  geo->right_x = geo->funnel_x + geo->funnel_w + GAP;
  geo->right_w = MAX (1, width - geo->right_x);

  join_text_h = geo->small_line;
  for (guint i = 0; i + 1 < n; i++)
    if (get_stage (self, PRIMARY, i)->conversion >= 0)
      {
        g_autoptr(PangoLayout) join = join_layout (self, i, &palette, geo->right_w);
        double h;

        lw_chart_layout_size (join, NULL, &h);
        join_text_h = MAX (join_text_h, h);
      }

  band_h = 2 * geo->line + 8;
  join_h = join_text_h + 10;
  geo->legend_h = n_stages (self, COMPARISON) > 0 ? geo->small_line + GAP : 0;
  geo->natural = ceil (geo->legend_h + n * band_h + (n - 1) * join_h
                       + (self->series[PRIMARY].has_outside ? geo->small_line + 12 : 0));

  stretch = height > 0 ? CLAMP (height / geo->natural, 1, 1.4) : 1;
  geo->band_h = floor (band_h * stretch);
  geo->join_h = floor (join_h * stretch);
  geo->top = geo->legend_h;
  geo->footnote_y = geo->top + n * geo->band_h + (n - 1) * geo->join_h + 12;
}

static double
band_width (const Geometry *geo,
            guint64         count)
{
  if (count == 0)
    return 0;
  return MAX (4, geo->funnel_w * count / geo->max);
}

static double
band_y (const Geometry *geo,
        guint           index)
{
  return geo->top + index * (geo->band_h + geo->join_h);
}

/* ---- drawing ------------------------------------------------------------------------- */

static void
trapezoid (cairo_t *cr,
           double   center,
           double   y,
           double   top_width,
           double   bottom_width,
           double   height)
{
  cairo_move_to (cr, center - top_width / 2, y);
  cairo_line_to (cr, center + top_width / 2, y);
  cairo_line_to (cr, center + bottom_width / 2, y + height);
  cairo_line_to (cr, center - bottom_width / 2, y + height);
  cairo_close_path (cr);
}

static void
draw_legend (LwFunnelChart        *self,
             cairo_t              *cr,
             const Geometry       *geo,
             const LwChartPalette *palette)
{
  double x = geo->funnel_x, size = 12, y = (geo->small_line - size) / 2;

  for (guint s = 0; s < N_SERIES; s++)
    {
      g_autoptr(PangoLayout) name = lw_chart_layout (GTK_WIDGET (self), series_name (self, s),
                                                     LW_CHART_TEXT_SMALL);
      double w;

      if (s == PRIMARY)
        {
          lw_chart_rounded_rectangle (cr, x, y, size, size, 3);
          gdk_cairo_set_source_rgba (cr, &palette->bar);
          cairo_fill (cr);
        }
      else
        {
          double dash[] = { 3, 2 };

          lw_chart_rounded_rectangle (cr, x + 0.75, y + 0.75, size - 1.5, size - 1.5, 3);
          cairo_set_dash (cr, dash, 2, 0);
          cairo_set_line_width (cr, 1.5);
          gdk_cairo_set_source_rgba (cr, &palette->marker);
          cairo_stroke (cr);
          cairo_set_dash (cr, NULL, 0, 0);
        }
      lw_chart_layout_size (name, &w, NULL);
      lw_chart_show_layout (cr, name, x + size + 6, 0, &palette->fg);
      x += size + 6 + w + 18;
    }
}

static void
draw_stage_text (LwFunnelChart        *self,
                 cairo_t              *cr,
                 const Geometry       *geo,
                 const LwChartPalette *palette,
                 guint                 index)
{
  const Stage *stage = get_stage (self, PRIMARY, index);
  double y = band_y (geo, index);
  g_autoptr(PangoLayout) label = label_layout (self, stage, geo->label_w);
  g_autoptr(PangoLayout) count = NULL;
  g_autoptr(PangoLayout) delta = NULL;
  double text_top = y + (geo->band_h - 2 * geo->line) / 2;
  double count_w, delta_w = 0, right;
  gint64 difference;

  lw_chart_show_layout (cr, label, 0, text_top, &palette->fg);

  count_layouts (self, index, &count, &delta, &difference);
  lw_chart_layout_size (count, &count_w, NULL);
  right = geo->label_w;
  if (delta != NULL)
    {
      double dh;

      lw_chart_layout_size (delta, &delta_w, &dh);
      lw_chart_show_layout (cr, delta, right - delta_w,
                            text_top + geo->line + (geo->line - dh) / 2 + 1,
                            delta_color (palette, difference));
      right -= delta_w + 6;
    }
  lw_chart_show_layout (cr, count, right - count_w, text_top + geo->line, &palette->fg);

  if (stage->median_seconds >= 0 && geo->right_w > 0)
    {
      g_autoptr(PangoLayout) median = median_layout (self, stage, geo->right_w);

      lw_chart_show_layout (cr, median, geo->right_x, y + (geo->band_h - geo->small_line) / 2,
                            &palette->dim_fg);
    }
}

static void
draw_join_text (LwFunnelChart        *self,
                cairo_t              *cr,
                const Geometry       *geo,
                const LwChartPalette *palette,
                guint                 index)
{
  const Stage *stage = get_stage (self, PRIMARY, index);
  g_autoptr(PangoLayout) join = NULL;
  double h;

  if (stage->conversion < 0)
    return;
  join = join_layout (self, index, palette, geo->right_w);
  lw_chart_layout_size (join, NULL, &h);
  lw_chart_show_layout (cr, join, geo->right_x,
                        band_y (geo, index) + geo->band_h + (geo->join_h - h) / 2, &palette->fg);
}

static void
draw_band (cairo_t              *cr,
           const Geometry       *geo,
           const LwChartPalette *palette,
           const Stage          *stage,
           const Stage          *next,
           double                y)
{
  double center = geo->funnel_x + geo->funnel_w / 2;
  double top = band_width (geo, stage->reached);
  double bottom = band_width (geo, advanced (stage));

  if (stage->reached == 0)
    {
      /* Nobody reached it: a short mark where the band would be. */
      lw_chart_rounded_rectangle (cr, center - 12, y + geo->band_h / 2 - 1.5, 24, 3, 1.5);
      gdk_cairo_set_source_rgba (cr, &palette->grid);
      cairo_fill (cr);
      return;
    }

  /* The band narrows from those that reached the stage to those that
   * moved on; the join below carries them on to the next band. */
  trapezoid (cr, center, y, top, bottom, geo->band_h);
  gdk_cairo_set_source_rgba (cr, &palette->bar);
  cairo_fill_preserve (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_width (cr, 2);
  cairo_stroke (cr);

  if (next != NULL && advanced (stage) > 0)
    {
      GdkRGBA join = palette->bar;

      /* Those that moved on: as wide at both ends, since the next band
       * may be wider with leads that started there. */
      join.alpha *= 0.35;
      cairo_rectangle (cr, center - bottom / 2, y + geo->band_h + 1, bottom, geo->join_h - 2);
      gdk_cairo_set_source_rgba (cr, &join);
      cairo_fill (cr);
    }
}

static void
draw_outline (cairo_t              *cr,
              const Geometry       *geo,
              const LwChartPalette *palette,
              const Stage          *stage,
              double                y)
{
  double center = geo->funnel_x + geo->funnel_w / 2;
  double dash[] = { 4, 3 };

  if (stage->reached == 0)
    return;
  trapezoid (cr, center, y + 0.75, band_width (geo, stage->reached),
             band_width (geo, advanced (stage)), geo->band_h - 1.5);
  cairo_set_dash (cr, dash, 2, 0);
  cairo_set_line_width (cr, 1.5);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  gdk_cairo_set_source_rgba (cr, &palette->marker);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
}

static void
draw_footnote (LwFunnelChart        *self,
               cairo_t              *cr,
               const Geometry       *geo,
               const LwChartPalette *palette,
               int                   width)
{
  const Stage *outside = &self->series[PRIMARY].outside;
  g_autofree char *count = lw_format_count (outside->reached);
  g_autofree char *text = NULL;
  g_autoptr(PangoLayout) layout = NULL;
  double w;

  /* translators: the stage outside the funnel, "Other: 1,305 leads outside the funnel" */
  text = g_strdup_printf (ngettext ("%s: %s lead outside the funnel", "%s: %s leads outside the funnel",
                                    (unsigned long) MIN (outside->reached, G_MAXULONG)),
                          outside->label, count);
  layout = lw_chart_layout (GTK_WIDGET (self), text, LW_CHART_TEXT_SMALL);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  lw_chart_layout_size (layout, &w, NULL);
  lw_chart_show_layout (cr, layout,
                        MAX (0, geo->funnel_x + geo->funnel_w / 2 - w / 2),
                        geo->footnote_y, &palette->dim_fg);
}

static void
lw_funnel_chart_draw (LwChartBase *chart,
                      cairo_t     *cr,
                      int          width,
                      int          height)
{
  LwFunnelChart *self = LW_FUNNEL_CHART (chart);
  guint n = n_stages (self, PRIMARY);
  LwChartPalette palette;
  Geometry geo;

  if (is_empty (self))
    {
      lw_chart_draw_empty (GTK_WIDGET (self), cr, width, height, _("No leads in the funnel yet"));
      return;
    }

  lw_chart_palette_init (&palette, GTK_WIDGET (self));
  compute_geometry (self, width, height, &geo);
  if (geo.natural > height + 0.5)
    {
      /* Smaller than it asks for (an export): all of it, scaled down. */
      double scale = height / geo.natural;

      cairo_scale (cr, scale, scale);
      compute_geometry (self, (int) (width / scale), (int) ceil (geo.natural), &geo);
    }

  if (n_stages (self, COMPARISON) > 0)
    draw_legend (self, cr, &geo, &palette);

  for (guint i = 0; i < n; i++)
    draw_band (cr, &geo, &palette, get_stage (self, PRIMARY, i),
               i + 1 < n ? get_stage (self, PRIMARY, i + 1) : NULL, band_y (&geo, i));
  if (n_stages (self, COMPARISON) > 0)
    for (guint i = 0; i < n; i++)
      {
        const Stage *other = find_comparison (self, i);

        if (other != NULL)
          draw_outline (cr, &geo, &palette, other, band_y (&geo, i));
      }
  for (guint i = 0; i < n; i++)
    {
      draw_stage_text (self, cr, &geo, &palette, i);
      if (i + 1 < n)
        draw_join_text (self, cr, &geo, &palette, i);
    }
  if (self->series[PRIMARY].has_outside)
    draw_footnote (self, cr, &geo, &palette, width);
}

static const char *
lw_funnel_chart_get_title_iface (LwChartBase *chart)
{
  return lw_funnel_chart_get_title (LW_FUNNEL_CHART (chart));
}

/* ---- tooltips ----------------------------------------------------------------------- */

static char *
stage_tooltip (LwFunnelChart *self,
               guint          index)
{
  const Stage *stage = get_stage (self, PRIMARY, index);
  const Stage *other = n_stages (self, COMPARISON) > 0 ? find_comparison (self, index) : NULL;
  g_autofree char *count = lw_format_count (stage->reached);
  GString *out = g_string_new (stage->label);

  g_string_append_c (out, '\n');
  /* translators: leads that reached a stage, "18,163 reached" */
  g_string_append_printf (out, _("%s reached"), count);
  if (other != NULL)
    {
      g_autofree char *before = lw_format_count (other->reached);

      g_string_append_printf (out, _(" (%s: %s)"), series_name (self, COMPARISON), before);
    }
  if (stage->median_seconds >= 0)
    {
      g_autofree char *median = lw_format_duration (stage->median_seconds);

      g_string_append_c (out, '\n');
      /* translators: "Median time in the stage: 2 d 14 h" */
      g_string_append_printf (out, _("Median time in the stage: %s"), median);
      if (other != NULL && other->median_seconds >= 0)
        {
          g_autofree char *before = lw_format_duration (other->median_seconds);

          g_string_append_printf (out, _(" (%s: %s)"), series_name (self, COMPARISON), before);
        }
    }
  return g_string_free (out, FALSE);
}

static char *
join_tooltip (LwFunnelChart *self,
              guint          index)
{
  const Stage *stage = get_stage (self, PRIMARY, index);
  const Stage *next = get_stage (self, PRIMARY, index + 1);
  const Stage *other = n_stages (self, COMPARISON) > 0 ? find_comparison (self, index) : NULL;
  g_autofree char *percent = lw_chart_format_percent (100 * stage->conversion);
  g_autofree char *moved = lw_format_count (advanced (stage));
  g_autofree char *dropped = lw_format_count (stage->drop_off);
  GString *out = g_string_new (NULL);

  /* translators: "From Lead to Marketing Qualified Lead" */
  g_string_append_printf (out, _("From %s to %s"), stage->label, next->label);
  g_string_append_c (out, '\n');
  /* translators: "1,901 moved on (10.5 %)" */
  g_string_append_printf (out, _("%s moved on (%s)"), moved, percent);
  if (other != NULL && other->conversion >= 0)
    {
      g_autofree char *before = lw_chart_format_percent (100 * other->conversion);

      g_string_append_printf (out, _(" (%s: %s)"), series_name (self, COMPARISON), before);
    }
  g_string_append_c (out, '\n');
  /* translators: "16,248 dropped off" */
  g_string_append_printf (out, _("%s dropped off"), dropped);
  return g_string_free (out, FALSE);
}

static gboolean
lw_funnel_chart_query_tooltip (GtkWidget  *widget,
                               int         x,
                               int         y,
                               gboolean    keyboard,
                               GtkTooltip *tooltip)
{
  LwFunnelChart *self = LW_FUNNEL_CHART (widget);
  guint n = n_stages (self, PRIMARY);
  g_autofree char *text = NULL;
  Geometry geo;

  if (keyboard || is_empty (self))
    return FALSE;
  compute_geometry (self, gtk_widget_get_width (widget), gtk_widget_get_height (widget), &geo);
  for (guint i = 0; i < n && text == NULL; i++)
    {
      double top = band_y (&geo, i);

      if (y >= top && y < top + geo.band_h)
        text = stage_tooltip (self, i);
      else if (i + 1 < n && y >= top + geo.band_h && y < top + geo.band_h + geo.join_h
               && get_stage (self, PRIMARY, i)->conversion >= 0)
        text = join_tooltip (self, i);
    }
  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* ---- GtkWidget ----------------------------------------------------------------------- */

static void
lw_funnel_chart_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  LwFunnelChart *self = LW_FUNNEL_CHART (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 280;
      *natural = 640;
    }
  else
    {
      Geometry geo;

      compute_geometry (self, for_size > 0 ? for_size : 640, -1, &geo);
      *minimum = *natural = (int) geo.natural;
    }
}

static GtkSizeRequestMode
lw_funnel_chart_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

/* ---- GObject ------------------------------------------------------------------------ */

static void
lw_funnel_chart_finalize (GObject *object)
{
  LwFunnelChart *self = LW_FUNNEL_CHART (object);

  for (guint s = 0; s < N_SERIES; s++)
    {
      series_clear (&self->series[s]);
      g_free (self->names[s]);
    }
  g_free (self->title);

  G_OBJECT_CLASS (lw_funnel_chart_parent_class)->finalize (object);
}

static void
lw_funnel_chart_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  LwFunnelChart *self = LW_FUNNEL_CHART (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, lw_funnel_chart_get_title (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lw_funnel_chart_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  LwFunnelChart *self = LW_FUNNEL_CHART (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      lw_funnel_chart_set_title (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lw_funnel_chart_class_init (LwFunnelChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  LwChartBaseClass *chart_class = LW_CHART_BASE_CLASS (klass);

  object_class->finalize = lw_funnel_chart_finalize;
  object_class->get_property = lw_funnel_chart_get_property;
  object_class->set_property = lw_funnel_chart_set_property;

  widget_class->measure = lw_funnel_chart_measure;
  widget_class->get_request_mode = lw_funnel_chart_get_request_mode;
  widget_class->query_tooltip = lw_funnel_chart_query_tooltip;

  chart_class->draw = lw_funnel_chart_draw;
  chart_class->get_title = lw_funnel_chart_get_title_iface;

  /**
   * LwFunnelChart:title:
   *
   * What the chart shows, for those who cannot see it: its accessible
   * label and the title of an exported SVG. %NULL: "Funnel".
   */
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "funnelchart");
}

static void
lw_funnel_chart_init (LwFunnelChart *self)
{
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  update (self);
}

/* ---- public API ---------------------------------------------------------------------- */

GtkWidget *
lw_funnel_chart_new (void)
{
  return g_object_new (LW_TYPE_FUNNEL_CHART, NULL);
}

void
lw_funnel_chart_set_stages (LwFunnelChart       *self,
                            const LwFunnelStage *stages,
                            guint                n_stages)
{
  g_return_if_fail (LW_IS_FUNNEL_CHART (self));
  g_return_if_fail (stages != NULL || n_stages == 0);

  series_set (&self->series[PRIMARY], stages, n_stages, NULL);
  update (self);
}

/* Every stage but the last, which lies outside the funnel. */
static void
set_funnel (LwFunnelChart  *self,
            guint           series,
            const LwFunnel *funnel)
{
  const LwFunnelStage *stages = (const LwFunnelStage *) funnel->stages->data;
  guint n = funnel->stages->len;

  if (n == 0)
    series_set (&self->series[series], NULL, 0, NULL);
  else
    series_set (&self->series[series], stages, n - 1, &stages[n - 1]);
  update (self);
}

void
lw_funnel_chart_set_funnel (LwFunnelChart  *self,
                            const LwFunnel *funnel)
{
  g_return_if_fail (LW_IS_FUNNEL_CHART (self));
  g_return_if_fail (funnel != NULL);

  set_funnel (self, PRIMARY, funnel);
}

static void
set_summary (LwFunnelChart      *self,
             guint               series,
             const LwSimSummary *summary,
             const LwConfig     *config)
{
  g_autofree LwFunnelStage *stages = g_new0 (LwFunnelStage, MAX (summary->n_stages, 1));
  guint n = summary->n_stages;

  for (guint i = 0; i < n; i++)
    {
      const LwSimStageFigures *figures = &summary->stages[i];
      const LwStage *stage = g_ptr_array_index (config->stages, i);

      stages[i].index = i;
      stages[i].id = stage->id;
      stages[i].label = stage->label;
      stages[i].reached = figures->reached;
      stages[i].entered = figures->entered;
      stages[i].current = figures->current;
      stages[i].conversion = i + 1 < n ? figures->conversion : -1;
      stages[i].drop_off = i + 1 < n ? figures->reached - MIN (figures->advanced, figures->reached) : 0;
      stages[i].median_seconds = -1;
    }
  if (n == 0)
    series_set (&self->series[series], NULL, 0, NULL);
  else
    series_set (&self->series[series], stages, n - 1, &stages[n - 1]);
  update (self);
}

void
lw_funnel_chart_set_summary (LwFunnelChart      *self,
                             const LwSimSummary *summary,
                             const LwConfig     *config)
{
  g_return_if_fail (LW_IS_FUNNEL_CHART (self));
  g_return_if_fail (summary != NULL);
  g_return_if_fail (config != NULL && config->stages->len == summary->n_stages);

  set_summary (self, PRIMARY, summary, config);
}

void
lw_funnel_chart_set_comparison_stages (LwFunnelChart       *self,
                                       const LwFunnelStage *stages,
                                       guint                n_stages)
{
  g_return_if_fail (LW_IS_FUNNEL_CHART (self));

  if (stages == NULL)
    series_clear (&self->series[COMPARISON]);
  else
    series_set (&self->series[COMPARISON], stages, n_stages, NULL);
  update (self);
}

void
lw_funnel_chart_set_comparison_funnel (LwFunnelChart  *self,
                                       const LwFunnel *funnel)
{
  g_return_if_fail (LW_IS_FUNNEL_CHART (self));

  if (funnel == NULL)
    {
      series_clear (&self->series[COMPARISON]);
      update (self);
      return;
    }
  set_funnel (self, COMPARISON, funnel);
}

void
lw_funnel_chart_set_comparison_summary (LwFunnelChart      *self,
                                        const LwSimSummary *summary,
                                        const LwConfig     *config)
{
  g_return_if_fail (LW_IS_FUNNEL_CHART (self));
  g_return_if_fail (summary == NULL || (config != NULL && config->stages->len == summary->n_stages));

  if (summary == NULL)
    {
      series_clear (&self->series[COMPARISON]);
      update (self);
      return;
    }
  set_summary (self, COMPARISON, summary, config);
}

gboolean
lw_funnel_chart_has_comparison (LwFunnelChart *self)
{
  g_return_val_if_fail (LW_IS_FUNNEL_CHART (self), FALSE);

  return self->series[COMPARISON].stages != NULL;
}

void
lw_funnel_chart_set_series_names (LwFunnelChart *self,
                                  const char    *name,
                                  const char    *comparison_name)
{
  g_return_if_fail (LW_IS_FUNNEL_CHART (self));

  g_free (self->names[PRIMARY]);
  self->names[PRIMARY] = g_strdup (name);
  g_free (self->names[COMPARISON]);
  self->names[COMPARISON] = g_strdup (comparison_name);
  update (self);
}

const char *
lw_funnel_chart_get_title (LwFunnelChart *self)
{
  g_return_val_if_fail (LW_IS_FUNNEL_CHART (self), NULL);

  return self->title != NULL ? self->title : _("Funnel");
}

void
lw_funnel_chart_set_title (LwFunnelChart *self,
                           const char    *title)
{
  g_return_if_fail (LW_IS_FUNNEL_CHART (self));

  if (g_strcmp0 (self->title, title) == 0)
    return;
  g_free (self->title);
  self->title = g_strdup (title);
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}
