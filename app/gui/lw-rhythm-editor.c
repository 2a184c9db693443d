/* lw-rhythm-editor.c: an arrival rhythm drawn as bars, edited by dragging them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "lw-rhythm-editor.h"

#define MAX_BARS 24
#define STEPS    20        /* a drag and the arrow keys move by scale / STEPS */

struct _LwRhythmEditor
{
  LwChartBase   parent_instance;

  LwRhythmKind  kind;
  guint         n_bars;
  double        weights[MAX_BARS];
  double        scale;           /* the weight of a full bar */
  guint         selected;
  gboolean      dragging;
  gboolean      dirty;           /* a drag changed a bar */
  double        start_x;         /* where the drag began */
  double        start_y;
  guint         last_index;      /* the bar the drag set last, and to what */
  double        last_weight;
};

G_DEFINE_FINAL_TYPE (LwRhythmEditor, lw_rhythm_editor, LW_TYPE_CHART_BASE)

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- geometry ------------------------------------------------------------------------------ */

typedef struct
{
  double x0, x1;       /* the bars */
  double y0, y1;       /* top and bottom of a full bar */
  double bar;          /* width of a bar's slot */
  double gap;
} Geometry;

static void
measure_geometry (LwRhythmEditor *self,
                  int             width,
                  int             height,
                  Geometry       *g)
{
  double label = lw_chart_line_height (GTK_WIDGET (self), LW_CHART_TEXT_SMALL);

  g->x0 = 1;
  g->x1 = MAX (g->x0 + self->n_bars, width - 1);
  g->y0 = 2;
  g->y1 = MAX (g->y0 + 4, height - label - 4);
  g->bar = (g->x1 - g->x0) / self->n_bars;
  g->gap = self->kind == LW_RHYTHM_HOURLY ? MIN (2, g->bar / 4) : MIN (6, g->bar / 4);
}

static double
total_weight (LwRhythmEditor *self)
{
  double total = 0;

  for (guint i = 0; i < self->n_bars; i++)
    total += self->weights[i];
  return total;
}

static void
update_scale (LwRhythmEditor *self)
{
  double largest = 1;

  for (guint i = 0; i < self->n_bars; i++)
    largest = MAX (largest, self->weights[i]);
  self->scale = largest;
}

/* "Mon", or "10:00–11:00". */
static char *
bar_name (LwRhythmEditor *self,
          guint           index,
          gboolean        long_form)
{
  static const char * const days[] = {
    N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"), N_("Friday"), N_("Saturday"),
    N_("Sunday")
  };
  static const char * const short_days[] = {
    NC_("weekday", "Mon"), NC_("weekday", "Tue"), NC_("weekday", "Wed"), NC_("weekday", "Thu"),
    NC_("weekday", "Fri"), NC_("weekday", "Sat"), NC_("weekday", "Sun")
  };

  if (self->kind == LW_RHYTHM_WEEKLY)
    return g_strdup (long_form ? _(days[index]) : g_dpgettext2 (NULL, "weekday", short_days[index]));
  if (long_form)
    /* translators: an hour of the day, such as 09:00–10:00 */
    return g_strdup_printf (_("%02u:00–%02u:00"), index, (index + 1) % 24);
  return g_strdup_printf ("%02u", index);
}

static char *
format_share (double share)
{
  /* translators: a share of the arrivals, in percent */
  return g_strdup_printf (_("%.0f %%"), 100 * share);
}

static void
update_description (LwRhythmEditor *self)
{
  g_autoptr(GString) text = g_string_new (NULL);
  double total = total_weight (self);

  for (guint i = 0; i < self->n_bars; i++)
    {
      g_autofree char *name = bar_name (self, i, TRUE);
      g_autofree char *share = format_share (total > 0 ? self->weights[i] / total : 0);

      if (text->len > 0)
        g_string_append (text, ", ");
      /* translators: a bar of an arrival rhythm: when, and its share of the arrivals */
      g_string_append_printf (text, _("%s: %s"), name, share);
    }
  lw_chart_base_take_description (LW_CHART_BASE (self),
                                  g_string_free (g_steal_pointer (&text), FALSE));
}

/* ---- drawing ------------------------------------------------------------------------------- */

static void
lw_rhythm_editor_draw (LwChartBase *chart,
                       cairo_t     *cr,
                       int          width,
                       int          height)
{
  LwRhythmEditor *self = LW_RHYTHM_EDITOR (chart);
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean focused = gtk_widget_has_visible_focus (widget);
  LwChartPalette palette;
  Geometry g;

  lw_chart_palette_init (&palette, widget);
  measure_geometry (self, width, height, &g);

  for (guint i = 0; i < self->n_bars; i++)
    {
      double x = g.x0 + i * g.bar + g.gap / 2;
      double w = MAX (1, g.bar - g.gap);
      double full = g.y1 - g.y0;
      double h = self->scale > 0 ? full * MIN (1, self->weights[i] / self->scale) : 0;
      gboolean labelled = self->kind == LW_RHYTHM_WEEKLY || i % 6 == 0;

      /* The track, then the bar. */
      gdk_cairo_set_source_rgba (cr, &palette.grid);
      lw_chart_rounded_rectangle (cr, x, g.y0, w, full, MIN (3, w / 2));
      cairo_fill (cr);
      if (h > 0)
        {
          gdk_cairo_set_source_rgba (cr, &palette.bar);
          lw_chart_rounded_rectangle (cr, x, g.y1 - MAX (h, 1.5), w, MAX (h, 1.5), MIN (3, w / 2));
          cairo_fill (cr);
        }
      if (focused && i == self->selected)
        {
          gdk_cairo_set_source_rgba (cr, &palette.fg);
          cairo_set_line_width (cr, 2);
          lw_chart_rounded_rectangle (cr, x - 1, g.y0 - 1, w + 2, full + 2, MIN (4, w / 2 + 1));
          cairo_stroke (cr);
        }

      if (labelled)
        {
          g_autofree char *name = bar_name (self, i, FALSE);
          g_autoptr(PangoLayout) layout = lw_chart_layout (widget, name, LW_CHART_TEXT_SMALL);
          double lw, lh;
          double lx;

          lw_chart_layout_size (layout, &lw, &lh);
          lx = self->kind == LW_RHYTHM_WEEKLY ? x + (w - lw) / 2 : x;
          lw_chart_show_layout (cr, layout, CLAMP (lx, 0, width - lw), g.y1 + 3, &palette.dim_fg);
        }
    }
}

static const char *
lw_rhythm_editor_get_title (LwChartBase *chart)
{
  LwRhythmEditor *self = LW_RHYTHM_EDITOR (chart);

  return self->kind == LW_RHYTHM_HOURLY ? _("Arrivals by hour") : _("Arrivals by weekday");
}

/* ---- editing ------------------------------------------------------------------------------- */

/* Sets a bar without telling; TRUE when it changed. */
static gboolean
put_weight (LwRhythmEditor *self,
            guint           index,
            double          weight)
{
  weight = MAX (0, weight);
  if (self->weights[index] == weight)
    return FALSE;
  self->weights[index] = weight;
  update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return TRUE;
}

static void
finish_edit (LwRhythmEditor *self)
{
  update_scale (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[CHANGED], 0);
}

/* The bar under @x and the weight at @y, rounded to a step. */
static void
pointer_to_bar (LwRhythmEditor *self,
                double          x,
                double          y,
                guint          *index,
                double         *weight)
{
  Geometry g;
  double fraction;
  int at;

  measure_geometry (self, gtk_widget_get_width (GTK_WIDGET (self)),
                    gtk_widget_get_height (GTK_WIDGET (self)), &g);
  at = (int) floor ((x - g.x0) / g.bar);
  *index = (guint) CLAMP (at, 0, (int) self->n_bars - 1);
  fraction = CLAMP ((g.y1 - y) / (g.y1 - g.y0), 0, 1);
  *weight = round (fraction * STEPS) * self->scale / STEPS;
}

/* Sets the bar under the pointer; on a drag, the bars the pointer went
 * past since it last came by (a quick move skips some) are set on the line
 * between the two, so that a stroke draws a slope. */
static void
paint_at (LwRhythmEditor *self,
          double          x,
          double          y,
          gboolean        first)
{
  guint index;
  double weight;

  pointer_to_bar (self, x, y, &index, &weight);
  if (!first && index != self->last_index)
    {
      int from = (int) self->last_index;
      int to = (int) index;
      int direction = to > from ? 1 : -1;

      for (int i = from + direction; i != to; i += direction)
        {
          double t = (double) (i - from) / (to - from);
          double between = self->last_weight + t * (weight - self->last_weight);

          if (put_weight (self, (guint) i, round (between / self->scale * STEPS) * self->scale / STEPS))
            self->dirty = TRUE;
        }
    }
  self->last_index = index;
  self->last_weight = weight;
  self->selected = index;
  if (put_weight (self, index, weight))
    self->dirty = TRUE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
drag_begin_cb (GtkGestureDrag *gesture,
               double          x,
               double          y,
               LwRhythmEditor *self)
{
  self->dragging = TRUE;
  self->dirty = FALSE;
  self->start_x = x;
  self->start_y = y;
  if (gtk_widget_get_focusable (GTK_WIDGET (self)))
    gtk_widget_grab_focus (GTK_WIDGET (self));
  paint_at (self, x, y, TRUE);
}

static void
drag_update_cb (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                LwRhythmEditor *self)
{
  if (self->dragging)
    paint_at (self, self->start_x + dx, self->start_y + dy, FALSE);
}

static void
drag_end_cb (GtkGestureDrag *gesture,
             double          dx,
             double          dy,
             LwRhythmEditor *self)
{
  if (!self->dragging)
    return;
  self->dragging = FALSE;
  if (self->dirty)
    {
      self->dirty = FALSE;
      finish_edit (self);
    }
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                LwRhythmEditor        *self)
{
  double step = self->scale / STEPS;
  double change = 0;

  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      self->selected = self->selected > 0 ? self->selected - 1 : self->n_bars - 1;
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return TRUE;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      self->selected = (self->selected + 1) % self->n_bars;
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return TRUE;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      change = step;
      break;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      change = -step;
      break;
    case GDK_KEY_Page_Up:
    case GDK_KEY_KP_Page_Up:
      change = 5 * step;
      break;
    case GDK_KEY_Page_Down:
    case GDK_KEY_KP_Page_Down:
      change = -5 * step;
      break;
    default:
      return FALSE;
    }
  lw_rhythm_editor_set_weight (self, self->selected,
                               round ((self->weights[self->selected] + change) / step) * step);
  return TRUE;
}

static gboolean
lw_rhythm_editor_query_tooltip (GtkWidget  *widget,
                                int         x,
                                int         y,
                                gboolean    keyboard,
                                GtkTooltip *tooltip)
{
  LwRhythmEditor *self = LW_RHYTHM_EDITOR (widget);
  double total = total_weight (self);
  g_autofree char *name = NULL;
  g_autofree char *share = NULL;
  g_autofree char *text = NULL;
  guint index = self->selected;
  double ignored;

  if (!keyboard)
    pointer_to_bar (self, x, y, &index, &ignored);
  name = bar_name (self, index, TRUE);
  share = format_share (total > 0 ? self->weights[index] / total : 0);
  /* translators: a bar of an arrival rhythm: when, and its share of the arrivals */
  text = g_strdup_printf (_("%s: %s of the arrivals"), name, share);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* ---- GObject ------------------------------------------------------------------------------- */

static void
lw_rhythm_editor_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  LwRhythmEditor *self = LW_RHYTHM_EDITOR (widget);
  double label = lw_chart_line_height (widget, LW_CHART_TEXT_SMALL);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = self->n_bars * 6;
      *natural = self->n_bars * (self->kind == LW_RHYTHM_HOURLY ? 14 : 40);
    }
  else
    {
      *minimum = *natural = (int) ceil ((self->kind == LW_RHYTHM_HOURLY ? 56 : 40) + label + 6);
    }
}

static void
lw_rhythm_editor_class_init (LwRhythmEditorClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  LwChartBaseClass *chart_class = LW_CHART_BASE_CLASS (klass);

  widget_class->measure = lw_rhythm_editor_measure;
  widget_class->query_tooltip = lw_rhythm_editor_query_tooltip;

  chart_class->draw = lw_rhythm_editor_draw;
  chart_class->get_title = lw_rhythm_editor_get_title;

  /* An edit of the weights is done. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_css_name (widget_class, "rhythmeditor");
}

static void
lw_rhythm_editor_init (LwRhythmEditor *self)
{
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "pointer");

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}

/* ---- public API ---------------------------------------------------------------------------- */

GtkWidget *
lw_rhythm_editor_new (LwRhythmKind kind)
{
  LwRhythmEditor *self;

  g_return_val_if_fail (kind == LW_RHYTHM_HOURLY || kind == LW_RHYTHM_WEEKLY, NULL);

  self = g_object_new (LW_TYPE_RHYTHM_EDITOR, NULL);
  self->kind = kind;
  self->n_bars = kind == LW_RHYTHM_HOURLY ? 24 : 7;
  for (guint i = 0; i < self->n_bars; i++)
    self->weights[i] = 1;
  update_scale (self);
  update_description (self);
  return GTK_WIDGET (self);
}

LwRhythmKind
lw_rhythm_editor_get_kind (LwRhythmEditor *self)
{
  g_return_val_if_fail (LW_IS_RHYTHM_EDITOR (self), LW_RHYTHM_HOURLY);

  return self->kind;
}

guint
lw_rhythm_editor_get_n_bars (LwRhythmEditor *self)
{
  g_return_val_if_fail (LW_IS_RHYTHM_EDITOR (self), 0);

  return self->n_bars;
}

void
lw_rhythm_editor_set_weights (LwRhythmEditor *self,
                              const double   *weights)
{
  g_return_if_fail (LW_IS_RHYTHM_EDITOR (self));
  g_return_if_fail (weights != NULL);

  for (guint i = 0; i < self->n_bars; i++)
    self->weights[i] = MAX (0, weights[i]);
  if (!self->dragging)
    update_scale (self);
  update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const double *
lw_rhythm_editor_get_weights (LwRhythmEditor *self)
{
  g_return_val_if_fail (LW_IS_RHYTHM_EDITOR (self), NULL);

  return self->weights;
}

void
lw_rhythm_editor_set_weight (LwRhythmEditor *self,
                             guint           index,
                             double          weight)
{
  g_return_if_fail (LW_IS_RHYTHM_EDITOR (self));
  g_return_if_fail (index < self->n_bars);

  self->selected = index;
  if (put_weight (self, index, weight))
    finish_edit (self);
}

guint
lw_rhythm_editor_get_selected (LwRhythmEditor *self)
{
  g_return_val_if_fail (LW_IS_RHYTHM_EDITOR (self), 0);

  return self->selected;
}
