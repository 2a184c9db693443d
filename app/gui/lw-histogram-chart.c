/* lw-histogram-chart.c: time to first touch, in buckets, with the deadline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "lw-chart-export.h"
#include "lw-histogram-chart.h"

enum
{
  PRIMARY,
  COMPARISON,
  N_SERIES
};

struct _LwHistogramChart
{
  LwChartBase  parent_instance;

  GArray      *edges;              /* gint64 */
  GArray      *counts[N_SERIES];   /* guint64, edges->len + 1; comparison may be NULL */
  gint64       deadline;           /* 0: none */
  char        *title;
  char        *names[N_SERIES];
};

G_DEFINE_FINAL_TYPE (LwHistogramChart, lw_histogram_chart, LW_TYPE_CHART_BASE)

enum
{
  PROP_0,
  PROP_TITLE,
  PROP_DEADLINE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef enum
{
  ON_TIME,
  STRADDLES,    /* the deadline falls inside the bucket */
  LATE,
} BucketState;

typedef struct
{
  double small_line;
  double x0, x1;        /* the plot */
  double y0, y1;
  double slot;          /* the width of a bucket */
  double axis_max;      /* the count at y0 */
  double step;          /* between grid lines */
  guint  label_every;   /* label every nth edge */
  double legend_y;
  double deadline_y;
} Geometry;

/* ---- data ------------------------------------------------------------------------------ */

static guint
n_buckets (LwHistogramChart *self)
{
  return self->counts[PRIMARY] != NULL ? self->counts[PRIMARY]->len : 0;
}

static gboolean
has_comparison (LwHistogramChart *self)
{
  return self->counts[COMPARISON] != NULL;
}

static guint64
count_at (LwHistogramChart *self,
          guint             series,
          guint             bucket)
{
  return g_array_index (self->counts[series], guint64, bucket);
}

static gint64
bucket_low (LwHistogramChart *self,
            guint             bucket)
{
  return bucket == 0 ? 0 : g_array_index (self->edges, gint64, bucket - 1);
}

/* G_MAXINT64 for the last, open bucket. */
static gint64
bucket_high (LwHistogramChart *self,
             guint             bucket)
{
  return bucket < self->edges->len ? g_array_index (self->edges, gint64, bucket) : G_MAXINT64;
}

static BucketState
bucket_state (LwHistogramChart *self,
              guint             bucket)
{
  if (self->deadline <= 0)
    return ON_TIME;
  if (bucket_low (self, bucket) >= self->deadline)
    return LATE;
  if (bucket_high (self, bucket) > self->deadline)
    return STRADDLES;
  return ON_TIME;
}

static guint64
total (LwHistogramChart *self,
       guint             series)
{
  guint64 sum = 0;

  if (self->counts[series] == NULL)
    return 0;
  for (guint i = 0; i < self->counts[series]->len; i++)
    sum += count_at (self, series, i);
  return sum;
}

static gboolean
is_empty (LwHistogramChart *self)
{
  return total (self, PRIMARY) == 0 && total (self, COMPARISON) == 0;
}

static const char *
series_name (LwHistogramChart *self,
             guint             series)
{
  if (self->names[series] != NULL)
    return self->names[series];
  return series == PRIMARY ? _("This run") : _("Compared run");
}

/* ---- text ------------------------------------------------------------------------------ */

/* "under 5 min", "5 min to 10 min", "5 d and more" */
static char *
format_bucket (LwHistogramChart *self,
               guint             bucket)
{
  g_autofree char *low = lw_chart_format_duration (bucket_low (self, bucket));
  g_autofree char *high = NULL;

  if (self->edges->len == 0)
    return g_strdup (_("All"));
  if (bucket == 0)
    {
      high = lw_chart_format_duration (bucket_high (self, bucket));
      /* translators: the first bucket of durations, "under 5 min" */
      return g_strdup_printf (_("under %s"), high);
    }
  if (bucket_high (self, bucket) == G_MAXINT64)
    /* translators: the last bucket of durations, "5 d and more" */
    return g_strdup_printf (_("%s and more"), low);
  high = lw_chart_format_duration (bucket_high (self, bucket));
  /* translators: a bucket of durations, "5 min to 10 min" */
  return g_strdup_printf (_("%s to %s"), low, high);
}

static char *
format_deadline (gint64 seconds)
{
  g_autofree char *duration = lw_chart_format_duration (seconds);

  /* translators: the SLA deadline marked on a histogram, "Deadline 1 h" */
  return g_strdup_printf (_("Deadline %s"), duration);
}

static char *
describe (LwHistogramChart *self)
{
  GString *out = g_string_new (NULL);
  guint64 sum = total (self, PRIMARY);
  g_autofree char *count = lw_format_count (sum);

  if (is_empty (self))
    {
      g_string_append (out, _("No first touches yet."));
      return g_string_free (out, FALSE);
    }

  /* translators: the leads counted in the histogram, "20,000 leads touched." */
  g_string_append_printf (out, _("%s leads touched."), count);
  if (has_comparison (self))
    /* translators: the two runs a histogram compares */
    g_string_append_printf (out, _(" %s, compared with %s."), series_name (self, PRIMARY),
                            series_name (self, COMPARISON));
  for (guint i = 0; i < n_buckets (self); i++)
    {
      g_autofree char *bucket = format_bucket (self, i);
      g_autofree char *n = lw_format_count (count_at (self, PRIMARY, i));

      /* translators: a bucket of the histogram and its count, "5 min to 10 min: 506" */
      g_string_append_printf (out, _(" %s: %s"), bucket, n);
      if (has_comparison (self))
        {
          g_autofree char *before = lw_format_count (count_at (self, COMPARISON, i));

          g_string_append_printf (out, _(" (%s: %s)"), series_name (self, COMPARISON), before);
        }
      g_string_append_c (out, i + 1 < n_buckets (self) ? ';' : '.');
    }
  if (self->deadline > 0)
    {
      g_autofree char *deadline = format_deadline (self->deadline);
      guint64 late = 0;
      gboolean exact = FALSE;

      g_string_append_printf (out, " %s.", deadline);
      for (guint i = 0; i < n_buckets (self); i++)
        {
          if (bucket_low (self, i) == self->deadline)
            exact = TRUE;
          if (bucket_state (self, i) == LATE)
            late += count_at (self, PRIMARY, i);
        }
      if (exact && sum > 0)
        {
          g_autofree char *n = lw_format_count (late);
          g_autofree char *percent = lw_chart_format_percent (100.0 * late / sum);

          /* translators: leads touched after the deadline, "8,245 (41.2 %) touched later." */
          g_string_append_printf (out, _(" %s (%s) touched later."), n, percent);
        }
    }
  return g_string_free (out, FALSE);
}

static void
update (LwHistogramChart *self)
{
  lw_chart_base_take_description (LW_CHART_BASE (self), describe (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* ---- geometry -------------------------------------------------------------------------- */

static void
compute_geometry (LwHistogramChart *self,
                  int               width,
                  int               height,
                  Geometry         *geo)
{
  GtkWidget *widget = GTK_WIDGET (self);
  guint n = n_buckets (self);
  double max = 1, axis_w = 0, label_w = 0, header;

  memset (geo, 0, sizeof *geo);
  geo->small_line = lw_chart_line_height (widget, LW_CHART_TEXT_SMALL);

  for (guint s = 0; s < N_SERIES; s++)
    if (self->counts[s] != NULL)
      for (guint i = 0; i < n; i++)
        max = MAX (max, count_at (self, s, i));
  geo->step = lw_chart_nice_step (max, 4);
  geo->axis_max = ceil (max / geo->step) * geo->step;

  for (double tick = 0; tick <= geo->axis_max + 0.5; tick += geo->step)
    {
      g_autofree char *text = lw_format_count ((guint64) tick);
      g_autoptr(PangoLayout) layout = lw_chart_layout (widget, text, LW_CHART_TEXT_SMALL);
      double w;

      lw_chart_layout_size (layout, &w, NULL);
      axis_w = MAX (axis_w, w);
    }
  for (guint i = 0; i < self->edges->len; i++)
    {
      g_autofree char *text = lw_chart_format_duration (g_array_index (self->edges, gint64, i));
      g_autoptr(PangoLayout) layout = lw_chart_layout (widget, text, LW_CHART_TEXT_SMALL);
      double w;

      lw_chart_layout_size (layout, &w, NULL);
      label_w = MAX (label_w, w);
    }

  /* A row for the legend when comparing, a row for the deadline's label. */
  header = geo->small_line / 2 + 2;
  if (has_comparison (self))
    {
      geo->legend_y = 0;
      header = geo->small_line + 10;
    }
  if (self->deadline > 0)
    {
      geo->deadline_y = header - geo->small_line / 2 + 2;
      header = geo->deadline_y + geo->small_line + 6;
    }

  geo->x0 = ceil (axis_w) + 10;
  geo->x1 = MAX (geo->x0 + 1, width - MAX (4, label_w / 2));
  geo->y0 = ceil (header);
  geo->y1 = MAX (geo->y0 + 1, height - geo->small_line - 8);
  geo->slot = (geo->x1 - geo->x0) / MAX (n, 1);
  geo->label_every = MAX (1, (guint) ceil ((label_w + 8) / MAX (geo->slot, 1)));
}

static double
value_y (const Geometry *geo,
         double          value)
{
  return geo->y1 - (geo->y1 - geo->y0) * value / geo->axis_max;
}

/* Where the deadline falls: inside its bucket in proportion to the
 * durations, at the start of the last, open bucket. */
static double
deadline_x (LwHistogramChart *self,
            const Geometry   *geo)
{
  for (guint i = 0; i < n_buckets (self); i++)
    {
      gint64 low = bucket_low (self, i), high = bucket_high (self, i);

      if (self->deadline >= low && self->deadline < high)
        {
          double fraction = high == G_MAXINT64 ? (self->deadline == low ? 0 : 0.5)
                                               : (double) (self->deadline - low) / (high - low);

          return geo->x0 + (i + fraction) * geo->slot;
        }
    }
  return geo->x1;
}

/* ---- drawing -------------------------------------------------------------------------- */

static void
top_rounded_bar (cairo_t *cr,
                 double   x,
                 double   y,
                 double   width,
                 double   bottom)
{
  double radius = MIN (4, MIN (width / 2, bottom - y));

  if (bottom - y < 0.5)
    return;
  cairo_move_to (cr, x, bottom);
  cairo_line_to (cr, x, y + radius);
  cairo_arc (cr, x + radius, y + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_arc (cr, x + width - radius, y + radius, radius, 3 * G_PI / 2, 2 * G_PI);
  cairo_line_to (cr, x + width, bottom);
  cairo_close_path (cr);
  cairo_fill (cr);
}

static void
draw_grid (LwHistogramChart     *self,
           cairo_t              *cr,
           const Geometry       *geo,
           const LwChartPalette *palette)
{
  GtkWidget *widget = GTK_WIDGET (self);

  cairo_set_line_width (cr, 1);
  for (double tick = 0; tick <= geo->axis_max + 0.5; tick += geo->step)
    {
      g_autofree char *text = lw_format_count ((guint64) tick);
      g_autoptr(PangoLayout) layout = lw_chart_layout (widget, text, LW_CHART_TEXT_SMALL);
      double y = round (value_y (geo, tick)) + 0.5, w, h;

      cairo_move_to (cr, geo->x0, y);
      cairo_line_to (cr, geo->x1, y);
      gdk_cairo_set_source_rgba (cr, &palette->grid);
      cairo_stroke (cr);

      lw_chart_layout_size (layout, &w, &h);
      lw_chart_show_layout (cr, layout, geo->x0 - 10 - w, y - h / 2, &palette->dim_fg);
    }

  /* The edges under the axis, between the buckets. */
  for (guint i = 0; i < self->edges->len; i++)
    {
      g_autofree char *text = NULL;
      g_autoptr(PangoLayout) layout = NULL;
      double x = geo->x0 + (i + 1) * geo->slot, w;

      if ((i + 1) % geo->label_every != 0)
        continue;
      text = lw_chart_format_duration (g_array_index (self->edges, gint64, i));
      layout = lw_chart_layout (widget, text, LW_CHART_TEXT_SMALL);
      lw_chart_layout_size (layout, &w, NULL);
      lw_chart_show_layout (cr, layout, x - w / 2, geo->y1 + 6, &palette->dim_fg);

      cairo_move_to (cr, round (x) + 0.5, geo->y1);
      cairo_line_to (cr, round (x) + 0.5, geo->y1 + 4);
      gdk_cairo_set_source_rgba (cr, &palette->grid);
      cairo_stroke (cr);
    }
}

static void
draw_bars (LwHistogramChart     *self,
           cairo_t              *cr,
           const Geometry       *geo,
           const LwChartPalette *palette)
{
  GtkWidget *widget = GTK_WIDGET (self);
  double group = MIN (geo->slot * 0.76, has_comparison (self) ? 96 : 56);
  double bar = has_comparison (self) ? (group - 2) / 2 : group;

  for (guint i = 0; i < n_buckets (self); i++)
    {
      double left = geo->x0 + i * geo->slot + (geo->slot - group) / 2;
      double x = has_comparison (self) ? left + bar + 2 : left;
      guint64 count = count_at (self, PRIMARY, i);
      double top = value_y (geo, count);
      const GdkRGBA *fill;

      switch (bucket_state (self, i))
        {
        case LATE:
          fill = &palette->bad;
          break;
        case STRADDLES:
          fill = &palette->warning;
          break;
        case ON_TIME:
        default:
          fill = &palette->bar;
        }

      if (has_comparison (self))
        {
          gdk_cairo_set_source_rgba (cr, &palette->comparison);
          top_rounded_bar (cr, left, value_y (geo, count_at (self, COMPARISON, i)), bar, geo->y1);
        }
      gdk_cairo_set_source_rgba (cr, fill);
      top_rounded_bar (cr, x, top, bar, geo->y1);

      /* The count above the bar, when it fits. */
      {
        g_autofree char *text = lw_format_count (count);
        g_autoptr(PangoLayout) layout = lw_chart_layout (widget, text, LW_CHART_TEXT_SMALL);
        double w, h;

        double center = has_comparison (self) ? left + group / 2 : x + bar / 2;

        /* Over both bars when comparing: the higher one sets the height. */
        if (has_comparison (self))
          top = MIN (top, value_y (geo, count_at (self, COMPARISON, i)));
        lw_chart_layout_size (layout, &w, &h);
        if (w <= geo->slot - 4 && count > 0)
          lw_chart_show_layout (cr, layout, center - w / 2,
                                MAX (geo->y0 - h, top - h - 1), &palette->dim_fg);
      }
    }
}

static void
draw_deadline (LwHistogramChart     *self,
               cairo_t              *cr,
               const Geometry       *geo,
               const LwChartPalette *palette,
               int                   width)
{
  g_autofree char *text = format_deadline (self->deadline);
  g_autoptr(PangoLayout) layout = lw_chart_layout (GTK_WIDGET (self), text,
                                                   LW_CHART_TEXT_SMALL_BOLD);
  double x = round (deadline_x (self, geo)), w;

  cairo_set_line_width (cr, 2);
  cairo_move_to (cr, x, geo->deadline_y + geo->small_line / 2);
  cairo_line_to (cr, x, geo->y1);
  gdk_cairo_set_source_rgba (cr, &palette->bad_fg);
  cairo_stroke (cr);

  lw_chart_layout_size (layout, &w, NULL);
  lw_chart_show_layout (cr, layout, x + 6 + w <= width ? x + 6 : x - 6 - w,
                        geo->deadline_y, &palette->bad_fg);
}

static void
draw_legend (LwHistogramChart     *self,
             cairo_t              *cr,
             const Geometry       *geo,
             const LwChartPalette *palette)
{
  double x = geo->x0, size = 12, y = geo->legend_y + (geo->small_line - size) / 2;

  for (guint s = 0; s < N_SERIES; s++)
    {
      g_autoptr(PangoLayout) name = lw_chart_layout (GTK_WIDGET (self), series_name (self, s),
                                                     LW_CHART_TEXT_SMALL);
      double w;

      lw_chart_rounded_rectangle (cr, x, y, size, size, 3);
      gdk_cairo_set_source_rgba (cr, s == PRIMARY ? &palette->bar : &palette->comparison);
      cairo_fill (cr);
      lw_chart_layout_size (name, &w, NULL);
      lw_chart_show_layout (cr, name, x + size + 6, geo->legend_y, &palette->fg);
      x += size + 6 + w + 18;
    }
}

static void
lw_histogram_chart_draw (LwChartBase *chart,
                         cairo_t     *cr,
                         int          width,
                         int          height)
{
  LwHistogramChart *self = LW_HISTOGRAM_CHART (chart);
  LwChartPalette palette;
  Geometry geo;

  if (is_empty (self))
    {
      lw_chart_draw_empty (GTK_WIDGET (self), cr, width, height, _("No first touches yet"));
      return;
    }

  lw_chart_palette_init (&palette, GTK_WIDGET (self));
  compute_geometry (self, width, height, &geo);
  draw_grid (self, cr, &geo, &palette);
  draw_bars (self, cr, &geo, &palette);
  if (has_comparison (self))
    draw_legend (self, cr, &geo, &palette);
  if (self->deadline > 0)
    draw_deadline (self, cr, &geo, &palette, width);
}

static const char *
lw_histogram_chart_get_title_iface (LwChartBase *chart)
{
  return lw_histogram_chart_get_title (LW_HISTOGRAM_CHART (chart));
}

/* ---- GtkWidget ----------------------------------------------------------------------- */

static gboolean
lw_histogram_chart_query_tooltip (GtkWidget  *widget,
                                  int         x,
                                  int         y,
                                  gboolean    keyboard,
                                  GtkTooltip *tooltip)
{
  LwHistogramChart *self = LW_HISTOGRAM_CHART (widget);
  g_autofree char *bucket = NULL;
  g_autofree char *count = NULL;
  g_autofree char *percent = NULL;
  GString *text;
  guint64 sum;
  Geometry geo;
  guint i;

  if (keyboard || is_empty (self))
    return FALSE;
  compute_geometry (self, gtk_widget_get_width (widget), gtk_widget_get_height (widget), &geo);
  if (x < geo.x0 || x >= geo.x1 || y < geo.y0 || y > geo.y1)
    return FALSE;
  i = MIN ((guint) ((x - geo.x0) / geo.slot), n_buckets (self) - 1);

  sum = total (self, PRIMARY);
  bucket = format_bucket (self, i);
  count = lw_format_count (count_at (self, PRIMARY, i));
  percent = lw_chart_format_percent (sum > 0 ? 100.0 * count_at (self, PRIMARY, i) / sum : -1);
  text = g_string_new (NULL);
  /* translators: "1 h to 2 h: 3,014 leads (15.1 %)" */
  g_string_append_printf (text, _("%s: %s leads (%s)"), bucket, count, percent);
  if (has_comparison (self))
    {
      g_autofree char *before = lw_format_count (count_at (self, COMPARISON, i));

      g_string_append_printf (text, _(" (%s: %s)"), series_name (self, COMPARISON), before);
    }
  if (bucket_state (self, i) == LATE)
    {
      g_string_append_c (text, '\n');
      g_string_append (text, _("Touched after the deadline"));
    }
  else if (bucket_state (self, i) == STRADDLES)
    {
      g_string_append_c (text, '\n');
      g_string_append (text, _("The deadline falls in this range"));
    }
  gtk_tooltip_set_text (tooltip, text->str);
  g_string_free (text, TRUE);
  return TRUE;
}

static void
lw_histogram_chart_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  LwHistogramChart *self = LW_HISTOGRAM_CHART (widget);
  double line = lw_chart_line_height (widget, LW_CHART_TEXT_NORMAL);
  double header = has_comparison (self) ? 1.5 * line : 0;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 240;
      *natural = 560;
    }
  else
    {
      /* In a scrolled page a chart gets its minimum: make it a good height. */
      *minimum = (int) ceil (14 * line + header);
      *natural = (int) ceil (16 * line + header);
    }
}

/* ---- GObject ------------------------------------------------------------------------- */

static void
lw_histogram_chart_finalize (GObject *object)
{
  LwHistogramChart *self = LW_HISTOGRAM_CHART (object);

  g_clear_pointer (&self->edges, g_array_unref);
  for (guint s = 0; s < N_SERIES; s++)
    {
      g_clear_pointer (&self->counts[s], g_array_unref);
      g_free (self->names[s]);
    }
  g_free (self->title);

  G_OBJECT_CLASS (lw_histogram_chart_parent_class)->finalize (object);
}

static void
lw_histogram_chart_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  LwHistogramChart *self = LW_HISTOGRAM_CHART (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, lw_histogram_chart_get_title (self));
      break;

    case PROP_DEADLINE:
      g_value_set_int64 (value, self->deadline);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lw_histogram_chart_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  LwHistogramChart *self = LW_HISTOGRAM_CHART (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      lw_histogram_chart_set_title (self, g_value_get_string (value));
      break;

    case PROP_DEADLINE:
      lw_histogram_chart_set_deadline (self, g_value_get_int64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lw_histogram_chart_class_init (LwHistogramChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  LwChartBaseClass *chart_class = LW_CHART_BASE_CLASS (klass);

  object_class->finalize = lw_histogram_chart_finalize;
  object_class->get_property = lw_histogram_chart_get_property;
  object_class->set_property = lw_histogram_chart_set_property;

  widget_class->measure = lw_histogram_chart_measure;
  widget_class->query_tooltip = lw_histogram_chart_query_tooltip;

  chart_class->draw = lw_histogram_chart_draw;
  chart_class->get_title = lw_histogram_chart_get_title_iface;

  /**
   * LwHistogramChart:title:
   *
   * The accessible label and the title of an exported SVG. %NULL: "Time
   * to first touch".
   */
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * LwHistogramChart:deadline:
   *
   * The first-touch deadline in seconds, marked on the chart; 0 for none.
   */
  properties[PROP_DEADLINE] =
    g_param_spec_int64 ("deadline", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "histogramchart");
}

static void
lw_histogram_chart_init (LwHistogramChart *self)
{
  self->edges = g_array_new (FALSE, FALSE, sizeof (gint64));
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  update (self);
}

/* ---- public API ---------------------------------------------------------------------- */

GtkWidget *
lw_histogram_chart_new (void)
{
  return g_object_new (LW_TYPE_HISTOGRAM_CHART, NULL);
}

static GArray *
copy_counts (const guint64 *counts,
             guint          n_counts)
{
  GArray *array = g_array_sized_new (FALSE, FALSE, sizeof (guint64), n_counts);

  g_array_append_vals (array, counts, n_counts);
  return array;
}

void
lw_histogram_chart_set_buckets (LwHistogramChart *self,
                                const gint64     *edges,
                                guint             n_edges,
                                const guint64    *counts,
                                guint             n_counts)
{
  gboolean same_edges;

  g_return_if_fail (LW_IS_HISTOGRAM_CHART (self));
  g_return_if_fail (edges != NULL || n_edges == 0);
  g_return_if_fail ((counts == NULL && n_counts == 0) || n_counts == n_edges + 1);
  for (guint i = 1; i < n_edges; i++)
    g_return_if_fail (edges[i - 1] < edges[i]);

  same_edges = n_edges == self->edges->len
               && (n_edges == 0 || memcmp (edges, self->edges->data, n_edges * sizeof (gint64)) == 0);
  if (!same_edges)
    {
      g_array_set_size (self->edges, 0);
      g_array_append_vals (self->edges, edges, n_edges);
      g_clear_pointer (&self->counts[COMPARISON], g_array_unref);
    }
  g_clear_pointer (&self->counts[PRIMARY], g_array_unref);
  if (counts != NULL)
    self->counts[PRIMARY] = copy_counts (counts, n_counts);
  update (self);
}

void
lw_histogram_chart_set_figures (LwHistogramChart   *self,
                                const LwSlaFigures *figures,
                                const gint64       *edges,
                                guint               n_edges)
{
  g_return_if_fail (LW_IS_HISTOGRAM_CHART (self));
  g_return_if_fail (figures != NULL);
  g_return_if_fail (figures->histogram != NULL && figures->histogram->len == n_edges + 1);

  lw_histogram_chart_set_buckets (self, edges, n_edges,
                                  (const guint64 *) figures->histogram->data,
                                  figures->histogram->len);
}

void
lw_histogram_chart_set_comparison (LwHistogramChart *self,
                                   const guint64    *counts,
                                   guint             n_counts)
{
  g_return_if_fail (LW_IS_HISTOGRAM_CHART (self));
  g_return_if_fail (counts == NULL || n_counts == n_buckets (self));

  g_clear_pointer (&self->counts[COMPARISON], g_array_unref);
  if (counts != NULL)
    self->counts[COMPARISON] = copy_counts (counts, n_counts);
  update (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

gboolean
lw_histogram_chart_has_comparison (LwHistogramChart *self)
{
  g_return_val_if_fail (LW_IS_HISTOGRAM_CHART (self), FALSE);

  return has_comparison (self);
}

gint64
lw_histogram_chart_get_deadline (LwHistogramChart *self)
{
  g_return_val_if_fail (LW_IS_HISTOGRAM_CHART (self), 0);

  return self->deadline;
}

void
lw_histogram_chart_set_deadline (LwHistogramChart *self,
                                 gint64            seconds)
{
  g_return_if_fail (LW_IS_HISTOGRAM_CHART (self));
  g_return_if_fail (seconds >= 0);

  if (self->deadline == seconds)
    return;
  self->deadline = seconds;
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEADLINE]);
}

void
lw_histogram_chart_set_series_names (LwHistogramChart *self,
                                     const char       *name,
                                     const char       *comparison_name)
{
  g_return_if_fail (LW_IS_HISTOGRAM_CHART (self));

  g_free (self->names[PRIMARY]);
  self->names[PRIMARY] = g_strdup (name);
  g_free (self->names[COMPARISON]);
  self->names[COMPARISON] = g_strdup (comparison_name);
  update (self);
}

const char *
lw_histogram_chart_get_title (LwHistogramChart *self)
{
  g_return_val_if_fail (LW_IS_HISTOGRAM_CHART (self), NULL);

  return self->title != NULL ? self->title : _("Time to first touch");
}

void
lw_histogram_chart_set_title (LwHistogramChart *self,
                              const char       *title)
{
  g_return_if_fail (LW_IS_HISTOGRAM_CHART (self));

  if (g_strcmp0 (self->title, title) == 0)
    return;
  g_free (self->title);
  self->title = g_strdup (title);
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}
