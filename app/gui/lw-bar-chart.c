/* lw-bar-chart.c: horizontal bars, each with an optional marker
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "lw-bar-chart.h"
#include "lw-chart-export.h"

typedef struct
{
  char   *id;
  char   *label;
  double  value;    /* -1: none */
  double  marker;   /* -1: none */
} Item;

enum
{
  PRIMARY,
  COMPARISON,
  N_SERIES
};

struct _LwBarChart
{
  LwChartBase         parent_instance;

  GArray             *items[N_SERIES];   /* Item; the comparison may be NULL */
  LwBarChartUnit      unit;
  LwBarChartColoring  coloring;
  double              warning;
  double              error;
  char               *marker_name;
  char               *title;
  char               *names[N_SERIES];
};

G_DEFINE_FINAL_TYPE (LwBarChart, lw_bar_chart, LW_TYPE_CHART_BASE)

enum
{
  PROP_0,
  PROP_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define GAP 12.0

typedef struct
{
  double line;
  double small_line;
  double legend_h;
  double row_h;
  double thickness;      /* of a bar */
  double label_w;
  double track_x;
  double track_w;
  double value_w;
  double max;            /* the value at the end of the track */
} Geometry;

/* Counts far above the rest (the fallback owner's thousands beside reps
 * capped at a few hundred) would squash every other bar: above this many
 * times the larger of the biggest marker and the median value, a bar is
 * drawn broken at the end of the track, its value written beside it. */
#define OUTLIER_FACTOR 2.5

/* ---- data ------------------------------------------------------------------------------ */

static gboolean
has_value (double value)
{
  return value >= 0 && isfinite (value);
}

static void
item_clear (gpointer data)
{
  Item *item = data;

  g_clear_pointer (&item->id, g_free);
  g_clear_pointer (&item->label, g_free);
}

static GArray *
copy_items (const LwBarChartItem *items,
            guint                 n_items)
{
  GArray *array = g_array_sized_new (FALSE, TRUE, sizeof (Item), n_items);

  g_array_set_clear_func (array, item_clear);
  g_array_set_size (array, n_items);
  for (guint i = 0; i < n_items; i++)
    {
      Item *item = &g_array_index (array, Item, i);

      item->id = g_strdup (items[i].id);
      item->label = g_strdup (items[i].label != NULL ? items[i].label : "");
      item->value = has_value (items[i].value) ? items[i].value : -1;
      item->marker = has_value (items[i].marker) ? items[i].marker : -1;
    }
  return array;
}

static guint
n_items (LwBarChart *self,
         guint       series)
{
  return self->items[series] != NULL ? self->items[series]->len : 0;
}

static const Item *
get_item (LwBarChart *self,
          guint       series,
          guint       index)
{
  g_assert (index < n_items (self, series));
  return &g_array_index (self->items[series], Item, index);
}

static const Item *
find_comparison (LwBarChart *self,
                 guint       index)
{
  const Item *item = get_item (self, PRIMARY, index);

  for (guint i = 0; i < n_items (self, COMPARISON); i++)
    {
      const Item *other = get_item (self, COMPARISON, i);

      if (item->id != NULL ? g_strcmp0 (item->id, other->id) == 0
                           : g_strcmp0 (item->label, other->label) == 0)
        return other;
    }
  return NULL;
}

static gboolean
has_markers (LwBarChart *self)
{
  for (guint i = 0; i < n_items (self, PRIMARY); i++)
    if (get_item (self, PRIMARY, i)->marker >= 0)
      return TRUE;
  return FALSE;
}

static const char *
series_name (LwBarChart *self,
             guint       series)
{
  if (self->names[series] != NULL)
    return self->names[series];
  return series == PRIMARY ? _("This run") : _("Compared run");
}

/* ---- text ------------------------------------------------------------------------------ */

static char *
format_value (LwBarChart *self,
              double      value)
{
  if (!has_value (value))
    return g_strdup ("–");
  if (self->unit == LW_BAR_CHART_PERCENT)
    return lw_chart_format_percent (value);
  return lw_format_count ((guint64) llround (value));
}

/* "+12", "+2.1 pts"; NULL when either has no value. */
static char *
format_change (LwBarChart *self,
               const Item *item,
               const Item *other)
{
  if (other == NULL || !has_value (item->value) || !has_value (other->value))
    return NULL;
  if (self->unit == LW_BAR_CHART_PERCENT)
    return lw_chart_format_points (item->value - other->value);
  return lw_chart_format_delta (llround (item->value) - llround (other->value));
}

static char *
describe (LwBarChart *self)
{
  GString *out = g_string_new (NULL);

  if (n_items (self, PRIMARY) == 0)
    {
      g_string_append (out, _("Nothing to show yet."));
      return g_string_free (out, FALSE);
    }
  if (n_items (self, COMPARISON) > 0)
    g_string_append_printf (out, _("%s, compared with %s."), series_name (self, PRIMARY),
                            series_name (self, COMPARISON));
  for (guint i = 0; i < n_items (self, PRIMARY); i++)
    {
      const Item *item = get_item (self, PRIMARY, i);
      const Item *other = n_items (self, COMPARISON) > 0 ? find_comparison (self, i) : NULL;
      g_autofree char *value = format_value (self, item->value);

      if (out->len > 0)
        g_string_append_c (out, ' ');
      /* translators: an item of a bar chart and its value, "Jake Miller: 825" */
      g_string_append_printf (out, _("%s: %s"), item->label, value);
      if (item->marker >= 0)
        {
          g_autofree char *marker = format_value (self, item->marker);

          /* translators: the marker of a bar, "Capacity 1,200" */
          g_string_append_printf (out, C_("bar marker", ", %s %s"),
                                  self->marker_name != NULL ? self->marker_name : _("marker"),
                                  marker);
          if (self->unit == LW_BAR_CHART_COUNT && item->value >= 0 && item->marker > 0)
            {
              g_autofree char *percent = lw_chart_format_percent (100 * item->value / item->marker);

              g_string_append_printf (out, " (%s)", percent);
            }
        }
      if (other != NULL)
        {
          g_autofree char *before = format_value (self, other->value);

          g_string_append_printf (out, _(" (%s: %s)"), series_name (self, COMPARISON), before);
        }
      g_string_append_c (out, '.');
    }
  return g_string_free (out, FALSE);
}

static void
update (LwBarChart *self)
{
  lw_chart_base_take_description (LW_CHART_BASE (self), describe (self));
  gtk_widget_queue_resize (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* ---- geometry -------------------------------------------------------------------------- */

static gboolean
has_legend (LwBarChart *self)
{
  return n_items (self, COMPARISON) > 0 || (self->marker_name != NULL && has_markers (self));
}

static double
row_height (LwBarChart *self,
            double      line)
{
  return ceil (line + 14 + (n_items (self, COMPARISON) > 0 ? line * 0.6 : 0));
}

static double
natural_height (LwBarChart *self,
                double      line,
                double      small_line)
{
  guint n = n_items (self, PRIMARY);

  if (n == 0)
    return 4 * line;
  return ceil (n * row_height (self, line) + (has_legend (self) ? small_line + 12 : 0));
}

/* The value's text, and against a count marker " / 1,200" in a second layout. */
static void
value_layouts (LwBarChart   *self,
               const Item   *item,
               PangoLayout **value,
               PangoLayout **marker)
{
  g_autofree char *text = format_value (self, item->value);

  *value = lw_chart_layout (GTK_WIDGET (self), text, LW_CHART_TEXT_NORMAL);
  *marker = NULL;
  if (self->unit == LW_BAR_CHART_COUNT && item->marker >= 0)
    {
      g_autofree char *count = format_value (self, item->marker);
      g_autofree char *of = g_strconcat (" / ", count, NULL);

      *marker = lw_chart_layout (GTK_WIDGET (self), of, LW_CHART_TEXT_SMALL);
    }
}

static int
compare_values (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y ? 1 : 0;
}

/* The end of the track for counts up to @max: @max, unless some bars are
 * outliers (OUTLIER_FACTOR), which then reach past it. */
static double
scale_max (LwBarChart *self,
           double      max)
{
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));
  double base = 0, reference = 0;

  for (guint s = 0; s < N_SERIES; s++)
    for (guint i = 0; i < n_items (self, s); i++)
      {
        const Item *item = get_item (self, s, i);

        base = MAX (base, item->marker);
        if (item->value >= 0)
          g_array_append_val (values, item->value);
      }
  if (values->len < 3)
    return max;
  g_array_sort (values, compare_values);
  base = MAX (base, g_array_index (values, double, values->len / 2));
  if (base <= 0 || max <= OUTLIER_FACTOR * base)
    return max;

  reference = base;
  for (guint i = 0; i < values->len; i++)
    {
      double value = g_array_index (values, double, i);

      if (value <= OUTLIER_FACTOR * base)
        reference = MAX (reference, value);
    }
  return reference * 1.15;
}

static void
compute_geometry (LwBarChart *self,
                  int         width,
                  int         height,
                  Geometry   *geo)
{
  GtkWidget *widget = GTK_WIDGET (self);
  double label_w = 0, value_w = 0, max = 1;

  memset (geo, 0, sizeof *geo);
  geo->line = lw_chart_line_height (widget, LW_CHART_TEXT_NORMAL);
  geo->small_line = lw_chart_line_height (widget, LW_CHART_TEXT_SMALL);
  geo->legend_h = has_legend (self) ? geo->small_line + 12 : 0;
  geo->row_h = row_height (self, geo->line);
  geo->thickness = MAX (8, round (geo->line * 0.5));

  for (guint i = 0; i < n_items (self, PRIMARY); i++)
    {
      const Item *item = get_item (self, PRIMARY, i);
      const Item *other = n_items (self, COMPARISON) > 0 ? find_comparison (self, i) : NULL;
      g_autoptr(PangoLayout) label = lw_chart_layout (widget, item->label, LW_CHART_TEXT_NORMAL);
      g_autoptr(PangoLayout) value = NULL;
      g_autoptr(PangoLayout) marker = NULL;
      g_autofree char *change = format_change (self, item, other);
      double w, mw = 0;

      lw_chart_layout_size (label, &w, NULL);
      label_w = MAX (label_w, w);
      value_layouts (self, item, &value, &marker);
      lw_chart_layout_size (value, &w, NULL);
      if (marker != NULL)
        lw_chart_layout_size (marker, &mw, NULL);
      value_w = MAX (value_w, w + mw);
      if (change != NULL)
        {
          g_autoptr(PangoLayout) delta = lw_chart_layout (widget, change, LW_CHART_TEXT_SMALL_BOLD);

          lw_chart_layout_size (delta, &w, NULL);
          value_w = MAX (value_w, w);
        }
      max = MAX (max, MAX (item->value, item->marker));
    }
  for (guint i = 0; i < n_items (self, COMPARISON); i++)
    {
      const Item *item = get_item (self, COMPARISON, i);

      max = MAX (max, MAX (item->value, item->marker));
    }
  geo->max = self->unit == LW_BAR_CHART_PERCENT ? 100 : scale_max (self, max);

  label_w = MIN (ceil (label_w), floor (0.38 * width));
  value_w = MIN (ceil (value_w), floor (0.3 * width));
  geo->label_w = label_w;
  geo->value_w = value_w;
  geo->track_x = label_w + GAP;
  geo->track_w = MAX (1, width - geo->track_x - GAP - value_w);
}

static double
row_y (const Geometry *geo,
       guint           index)
{
  return geo->legend_h + index * geo->row_h;
}

/* The bar's centre line in its row; the comparison's bar sits under it. */
static double
bar_y (LwBarChart     *self,
       const Geometry *geo,
       guint           index)
{
  if (n_items (self, COMPARISON) > 0)
    return row_y (geo, index) + geo->row_h / 2 - geo->thickness * 0.45;
  return row_y (geo, index) + geo->row_h / 2;
}

static double
value_x (const Geometry *geo,
         double          value)
{
  return geo->track_x + geo->track_w * CLAMP (value / geo->max, 0, 1);
}

/* ---- drawing -------------------------------------------------------------------------- */

static const GdkRGBA *
bar_color (LwBarChart           *self,
           const LwChartPalette *palette,
           const Item           *item)
{
  switch (self->coloring)
    {
    case LW_BAR_CHART_COLOR_LOAD:
      if (item->marker <= 0 || item->value < 0)
        return &palette->bar;
      if (item->value / item->marker >= self->error)
        return &palette->bad;
      if (item->value / item->marker >= self->warning)
        return &palette->warning;
      return &palette->bar;

    case LW_BAR_CHART_COLOR_TARGET:
      if (item->value < 0)
        return &palette->bar;
      if (item->value < self->error)
        return &palette->bad;
      if (item->value < self->warning)
        return &palette->warning;
      return &palette->good;

    case LW_BAR_CHART_COLOR_PLAIN:
    default:
      return &palette->bar;
    }
}

static void
draw_marker (cairo_t              *cr,
             const LwChartPalette *palette,
             double                x,
             double                center,
             double                thickness)
{
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_width (cr, 2.5);
  cairo_move_to (cr, x, center - thickness / 2 - 4);
  cairo_line_to (cr, x, center + thickness / 2 + 4);
  gdk_cairo_set_source_rgba (cr, &palette->marker);
  cairo_stroke (cr);
}

static void
draw_legend (LwBarChart           *self,
             cairo_t              *cr,
             const Geometry       *geo,
             const LwChartPalette *palette)
{
  GtkWidget *widget = GTK_WIDGET (self);
  double x = geo->track_x, center = geo->small_line / 2;

  if (n_items (self, COMPARISON) > 0)
    for (guint s = 0; s < N_SERIES; s++)
      {
        g_autoptr(PangoLayout) name = lw_chart_layout (widget, series_name (self, s),
                                                       LW_CHART_TEXT_SMALL);
        double h = s == PRIMARY ? 8 : 5, w;

        lw_chart_rounded_rectangle (cr, x, center - h / 2, 16, h, h / 2);
        gdk_cairo_set_source_rgba (cr, s == PRIMARY ? &palette->bar : &palette->comparison);
        cairo_fill (cr);
        lw_chart_layout_size (name, &w, NULL);
        lw_chart_show_layout (cr, name, x + 22, 0, &palette->fg);
        x += 22 + w + 18;
      }
  if (self->marker_name != NULL && has_markers (self))
    {
      g_autoptr(PangoLayout) name = lw_chart_layout (widget, self->marker_name,
                                                     LW_CHART_TEXT_SMALL);

      draw_marker (cr, palette, x + 2, center, 4);
      lw_chart_show_layout (cr, name, x + 10, 0, &palette->fg);
    }
}

static void
draw_row (LwBarChart           *self,
          cairo_t              *cr,
          const Geometry       *geo,
          const LwChartPalette *palette,
          guint                 index,
          int                   width)
{
  GtkWidget *widget = GTK_WIDGET (self);
  const Item *item = get_item (self, PRIMARY, index);
  const Item *other = n_items (self, COMPARISON) > 0 ? find_comparison (self, index) : NULL;
  double center = bar_y (self, geo, index), t = geo->thickness;
  g_autoptr(PangoLayout) label = lw_chart_layout (widget, item->label, LW_CHART_TEXT_NORMAL);
  g_autoptr(PangoLayout) value = NULL;
  g_autoptr(PangoLayout) marker = NULL;
  g_autofree char *change = format_change (self, item, other);
  double w, h, right = width;

  /* The label, ellipsized to its column. */
  pango_layout_set_width (label, (int) (geo->label_w * PANGO_SCALE));
  pango_layout_set_ellipsize (label, PANGO_ELLIPSIZE_END);
  lw_chart_layout_size (label, NULL, &h);
  lw_chart_show_layout (cr, label, 0, center - h / 2, &palette->fg);

  /* The track, the bar, the marker. */
  lw_chart_rounded_rectangle (cr, geo->track_x, center - t / 2, geo->track_w, t, t / 2);
  gdk_cairo_set_source_rgba (cr, &palette->grid);
  cairo_fill (cr);
  if (item->value > geo->max)
    {
      /* An outlier: broken a little before the end of the track. */
      double gap_x = geo->track_x + round (geo->track_w * 0.86);

      gdk_cairo_set_source_rgba (cr, bar_color (self, palette, item));
      lw_chart_rounded_rectangle (cr, geo->track_x, center - t / 2, gap_x - 3 - geo->track_x, t, t / 2);
      cairo_fill (cr);
      lw_chart_rounded_rectangle (cr, gap_x + 3, center - t / 2, geo->track_x + geo->track_w - gap_x - 3,
                                  t, t / 2);
      cairo_fill (cr);
    }
  else if (item->value > 0)
    {
      double bar_w = MAX (t, value_x (geo, item->value) - geo->track_x);

      lw_chart_rounded_rectangle (cr, geo->track_x, center - t / 2, bar_w, t, t / 2);
      gdk_cairo_set_source_rgba (cr, bar_color (self, palette, item));
      cairo_fill (cr);
    }
  if (other != NULL && other->value > 0)
    {
      double ct = MAX (4, round (t * 0.5));
      double cy = center + t / 2 + 3;
      double bar_w = MAX (ct, value_x (geo, other->value) - geo->track_x);

      lw_chart_rounded_rectangle (cr, geo->track_x, cy, bar_w, ct, ct / 2);
      gdk_cairo_set_source_rgba (cr, &palette->comparison);
      cairo_fill (cr);
    }
  if (item->marker >= 0)
    draw_marker (cr, palette, round (value_x (geo, item->marker)), center, t);

  /* The value, right-aligned, and under it the change. */
  value_layouts (self, item, &value, &marker);
  if (marker != NULL)
    {
      double mh;

      lw_chart_layout_size (marker, &w, &mh);
      lw_chart_show_layout (cr, marker, right - w, center - h / 2 + (h - mh) - 1,
                            &palette->dim_fg);
      right -= w;
    }
  lw_chart_layout_size (value, &w, &h);
  lw_chart_show_layout (cr, value, right - w, center - h / 2,
                        has_value (item->value) ? &palette->fg : &palette->dim_fg);
  if (change != NULL)
    {
      g_autoptr(PangoLayout) delta = lw_chart_layout (widget, change, LW_CHART_TEXT_SMALL_BOLD);
      double delta_value = item->value - other->value;
      const GdkRGBA *color = &palette->dim_fg;

      if (self->coloring == LW_BAR_CHART_COLOR_TARGET && fabs (delta_value) >= 0.05)
        color = delta_value > 0 ? &palette->good_fg : &palette->bad_fg;
      lw_chart_layout_size (delta, &w, NULL);
      lw_chart_show_layout (cr, delta, width - w, center + h / 2 - 1, color);
    }
}

static void
lw_bar_chart_draw (LwChartBase *chart,
                   cairo_t     *cr,
                   int          width,
                   int          height)
{
  LwBarChart *self = LW_BAR_CHART (chart);
  LwChartPalette palette;
  Geometry geo;
  double natural;

  if (n_items (self, PRIMARY) == 0)
    {
      lw_chart_draw_empty (GTK_WIDGET (self), cr, width, height, _("Nothing to show yet"));
      return;
    }

  lw_chart_palette_init (&palette, GTK_WIDGET (self));
  compute_geometry (self, width, height, &geo);
  natural = natural_height (self, geo.line, geo.small_line);
  if (natural > height + 0.5)
    {
      /* Smaller than it asks for (an export): all of it, scaled down. */
      double scale = height / natural;

      cairo_scale (cr, scale, scale);
      width = (int) (width / scale);
      compute_geometry (self, width, (int) ceil (natural), &geo);
    }
  if (has_legend (self))
    draw_legend (self, cr, &geo, &palette);
  for (guint i = 0; i < n_items (self, PRIMARY); i++)
    draw_row (self, cr, &geo, &palette, i, width);
}

static const char *
lw_bar_chart_get_title_iface (LwChartBase *chart)
{
  return lw_bar_chart_get_title (LW_BAR_CHART (chart));
}

/* ---- GtkWidget ----------------------------------------------------------------------- */

static gboolean
lw_bar_chart_query_tooltip (GtkWidget  *widget,
                            int         x,
                            int         y,
                            gboolean    keyboard,
                            GtkTooltip *tooltip)
{
  LwBarChart *self = LW_BAR_CHART (widget);
  const Item *item, *other;
  g_autofree char *value = NULL;
  GString *text;
  Geometry geo;
  double row;

  if (keyboard || n_items (self, PRIMARY) == 0)
    return FALSE;
  compute_geometry (self, gtk_widget_get_width (widget), gtk_widget_get_height (widget), &geo);
  row = (y - geo.legend_h) / geo.row_h;
  if (row < 0 || row >= n_items (self, PRIMARY))
    return FALSE;

  item = get_item (self, PRIMARY, (guint) row);
  other = n_items (self, COMPARISON) > 0 ? find_comparison (self, (guint) row) : NULL;
  value = format_value (self, item->value);
  text = g_string_new (item->label);
  g_string_append_printf (text, "\n%s", value);
  if (item->marker >= 0)
    {
      g_autofree char *marker = format_value (self, item->marker);

      /* translators: the marker of a bar in a tooltip, "Capacity: 1,200" */
      g_string_append_printf (text, _("\n%s: %s"),
                              self->marker_name != NULL ? self->marker_name : _("Marker"),
                              marker);
      if (self->unit == LW_BAR_CHART_COUNT && item->value >= 0 && item->marker > 0)
        {
          g_autofree char *percent = lw_chart_format_percent (100 * item->value / item->marker);

          g_string_append_printf (text, " (%s)", percent);
        }
    }
  if (other != NULL)
    {
      g_autofree char *before = format_value (self, other->value);

      /* translators: the compared run's value in a tooltip, "Before: 812" */
      g_string_append_printf (text, _("\n%s: %s"), series_name (self, COMPARISON), before);
    }
  gtk_tooltip_set_text (tooltip, text->str);
  g_string_free (text, TRUE);
  return TRUE;
}

static void
lw_bar_chart_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  LwBarChart *self = LW_BAR_CHART (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 240;
      *natural = 560;
    }
  else
    {
      double line = lw_chart_line_height (widget, LW_CHART_TEXT_NORMAL);
      double small_line = lw_chart_line_height (widget, LW_CHART_TEXT_SMALL);

      *minimum = *natural = (int) natural_height (self, line, small_line);
    }
}

/* ---- GObject ------------------------------------------------------------------------- */

static void
lw_bar_chart_finalize (GObject *object)
{
  LwBarChart *self = LW_BAR_CHART (object);

  for (guint s = 0; s < N_SERIES; s++)
    {
      g_clear_pointer (&self->items[s], g_array_unref);
      g_free (self->names[s]);
    }
  g_free (self->marker_name);
  g_free (self->title);

  G_OBJECT_CLASS (lw_bar_chart_parent_class)->finalize (object);
}

static void
lw_bar_chart_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  LwBarChart *self = LW_BAR_CHART (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, lw_bar_chart_get_title (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lw_bar_chart_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  LwBarChart *self = LW_BAR_CHART (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      lw_bar_chart_set_title (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lw_bar_chart_class_init (LwBarChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  LwChartBaseClass *chart_class = LW_CHART_BASE_CLASS (klass);

  object_class->finalize = lw_bar_chart_finalize;
  object_class->get_property = lw_bar_chart_get_property;
  object_class->set_property = lw_bar_chart_set_property;

  widget_class->measure = lw_bar_chart_measure;
  widget_class->query_tooltip = lw_bar_chart_query_tooltip;

  chart_class->draw = lw_bar_chart_draw;
  chart_class->get_title = lw_bar_chart_get_title_iface;

  /**
   * LwBarChart:title:
   *
   * The accessible label and the title of an exported SVG. %NULL: "Bar
   * chart".
   */
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "barchart");
}

static void
lw_bar_chart_init (LwBarChart *self)
{
  self->warning = 0.9;
  self->error = 1.0;
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  update (self);
}

/* ---- public API ---------------------------------------------------------------------- */

GtkWidget *
lw_bar_chart_new (void)
{
  return g_object_new (LW_TYPE_BAR_CHART, NULL);
}

void
lw_bar_chart_set_items (LwBarChart           *self,
                        const LwBarChartItem *items,
                        guint                 n_items)
{
  g_return_if_fail (LW_IS_BAR_CHART (self));
  g_return_if_fail (items != NULL || n_items == 0);

  g_clear_pointer (&self->items[PRIMARY], g_array_unref);
  self->items[PRIMARY] = copy_items (items, n_items);
  update (self);
}

void
lw_bar_chart_set_comparison (LwBarChart           *self,
                             const LwBarChartItem *items,
                             guint                 n_items)
{
  g_return_if_fail (LW_IS_BAR_CHART (self));

  g_clear_pointer (&self->items[COMPARISON], g_array_unref);
  if (items != NULL)
    self->items[COMPARISON] = copy_items (items, n_items);
  update (self);
}

gboolean
lw_bar_chart_has_comparison (LwBarChart *self)
{
  g_return_val_if_fail (LW_IS_BAR_CHART (self), FALSE);

  return self->items[COMPARISON] != NULL;
}

static LwBarChartItem *
rep_load_items (const LwRepLoad *reps,
                guint            n_reps)
{
  LwBarChartItem *items = g_new0 (LwBarChartItem, MAX (n_reps, 1));

  for (guint i = 0; i < n_reps; i++)
    {
      items[i].id = reps[i].id;
      items[i].label = reps[i].name;
      items[i].value = reps[i].routed;
      items[i].marker = reps[i].capacity_total > 0 ? (double) reps[i].capacity_total : -1;
    }
  return items;
}

static LwBarChartItem *
sla_group_items (const LwSlaGroup *groups,
                 guint             n_groups)
{
  LwBarChartItem *items = g_new0 (LwBarChartItem, MAX (n_groups, 1));

  for (guint i = 0; i < n_groups; i++)
    {
      items[i].id = groups[i].id;
      items[i].label = groups[i].label;
      items[i].value = groups[i].compliance;
      items[i].marker = -1;
    }
  return items;
}

void
lw_bar_chart_set_rep_loads (LwBarChart      *self,
                            const LwRepLoad *reps,
                            guint            n_reps)
{
  g_autofree LwBarChartItem *items = NULL;

  g_return_if_fail (LW_IS_BAR_CHART (self));
  g_return_if_fail (reps != NULL || n_reps == 0);

  items = rep_load_items (reps, n_reps);
  self->unit = LW_BAR_CHART_COUNT;
  lw_bar_chart_set_items (self, items, n_reps);
}

void
lw_bar_chart_set_comparison_rep_loads (LwBarChart      *self,
                                       const LwRepLoad *reps,
                                       guint            n_reps)
{
  g_autofree LwBarChartItem *items = NULL;

  g_return_if_fail (LW_IS_BAR_CHART (self));

  if (reps == NULL)
    {
      lw_bar_chart_set_comparison (self, NULL, 0);
      return;
    }
  items = rep_load_items (reps, n_reps);
  lw_bar_chart_set_comparison (self, items, n_reps);
}

void
lw_bar_chart_set_sla_groups (LwBarChart       *self,
                             const LwSlaGroup *groups,
                             guint             n_groups)
{
  g_autofree LwBarChartItem *items = NULL;

  g_return_if_fail (LW_IS_BAR_CHART (self));
  g_return_if_fail (groups != NULL || n_groups == 0);

  items = sla_group_items (groups, n_groups);
  self->unit = LW_BAR_CHART_PERCENT;
  lw_bar_chart_set_items (self, items, n_groups);
}

void
lw_bar_chart_set_comparison_sla_groups (LwBarChart       *self,
                                        const LwSlaGroup *groups,
                                        guint             n_groups)
{
  g_autofree LwBarChartItem *items = NULL;

  g_return_if_fail (LW_IS_BAR_CHART (self));

  if (groups == NULL)
    {
      lw_bar_chart_set_comparison (self, NULL, 0);
      return;
    }
  items = sla_group_items (groups, n_groups);
  lw_bar_chart_set_comparison (self, items, n_groups);
}

LwBarChartUnit
lw_bar_chart_get_unit (LwBarChart *self)
{
  g_return_val_if_fail (LW_IS_BAR_CHART (self), LW_BAR_CHART_COUNT);

  return self->unit;
}

void
lw_bar_chart_set_unit (LwBarChart     *self,
                       LwBarChartUnit  unit)
{
  g_return_if_fail (LW_IS_BAR_CHART (self));

  if (self->unit == unit)
    return;
  self->unit = unit;
  update (self);
}

void
lw_bar_chart_set_coloring (LwBarChart         *self,
                           LwBarChartColoring  coloring,
                           double              warning,
                           double              error)
{
  g_return_if_fail (LW_IS_BAR_CHART (self));

  self->coloring = coloring;
  self->warning = warning;
  self->error = error;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
lw_bar_chart_set_marker_name (LwBarChart *self,
                              const char *name)
{
  g_return_if_fail (LW_IS_BAR_CHART (self));

  g_free (self->marker_name);
  self->marker_name = g_strdup (name);
  update (self);
}

void
lw_bar_chart_set_series_names (LwBarChart *self,
                               const char *name,
                               const char *comparison_name)
{
  g_return_if_fail (LW_IS_BAR_CHART (self));

  g_free (self->names[PRIMARY]);
  self->names[PRIMARY] = g_strdup (name);
  g_free (self->names[COMPARISON]);
  self->names[COMPARISON] = g_strdup (comparison_name);
  update (self);
}

const char *
lw_bar_chart_get_title (LwBarChart *self)
{
  g_return_val_if_fail (LW_IS_BAR_CHART (self), NULL);

  return self->title != NULL ? self->title : _("Bar chart");
}

void
lw_bar_chart_set_title (LwBarChart *self,
                        const char *title)
{
  g_return_if_fail (LW_IS_BAR_CHART (self));

  if (g_strcmp0 (self->title, title) == 0)
    return;
  g_free (self->title);
  self->title = g_strdup (title);
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}
