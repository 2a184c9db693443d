/* lw-chart-export.c: the charts' common interface, and their export as PNG and SVG
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <cairo-svg.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "lw-chart-export.h"

#include "lw-window.h"
#include "lw-report.h"

G_DEFINE_INTERFACE (LwChart, lw_chart, GTK_TYPE_WIDGET)

typedef enum
{
  FORMAT_NONE,
  FORMAT_PNG,
  FORMAT_SVG,
} ExportFormat;

/* ---- colours ----------------------------------------------------------------------- */

/* Our named colour, else libadwaita's, else a constant: a chart drawn
 * outside an AdwApplication (a test, a tool) still has colours. */
static void
lookup_color (GtkStyleContext *context,
              const char      *name,
              const char      *adwaita_name,
              const char      *fallback,
              GdkRGBA         *color)
{
  if (name != NULL && gtk_style_context_lookup_color (context, name, color))
    return;
  if (adwaita_name != NULL && gtk_style_context_lookup_color (context, adwaita_name, color))
    return;
  if (!gdk_rgba_parse (color, fallback))
    g_assert_not_reached ();
}

static GdkRGBA
with_alpha (const GdkRGBA *color,
            double         alpha)
{
  GdkRGBA result = *color;

  result.alpha *= alpha;
  return result;
}

void
lw_chart_palette_init (LwChartPalette *palette,
                       GtkWidget      *widget)
{
  GtkStyleContext *context;

  g_return_if_fail (palette != NULL);
  g_return_if_fail (GTK_IS_WIDGET (widget));

  context = gtk_widget_get_style_context (widget);
  gtk_style_context_get_color (context, &palette->fg);
  palette->dim_fg = with_alpha (&palette->fg, 0.6);
  palette->grid = with_alpha (&palette->fg, 0.1);

  lookup_color (context, NULL, "view_bg_color", "#ffffff", &palette->background);
  lookup_color (context, "lw_chart_bar_color", "accent_bg_color", "#3584e4", &palette->bar);
  if (!gtk_style_context_lookup_color (context, "lw_chart_comparison_color", &palette->comparison))
    palette->comparison = with_alpha (&palette->fg, 0.3);
  lookup_color (context, "lw_chart_good_color", "success_bg_color", "#26a269", &palette->good);
  lookup_color (context, "lw_chart_warning_color", "warning_bg_color", "#cd9309", &palette->warning);
  lookup_color (context, "lw_chart_bad_color", "error_bg_color", "#c01c28", &palette->bad);
  lookup_color (context, "lw_chart_good_text_color", "success_color", "#1b8553", &palette->good_fg);
  lookup_color (context, "lw_chart_warning_text_color", "warning_color", "#9c6e03", &palette->warning_fg);
  lookup_color (context, "lw_chart_bad_text_color", "error_color", "#c01c28", &palette->bad_fg);
  if (!gtk_style_context_lookup_color (context, "lw_chart_marker_color", &palette->marker))
    palette->marker = with_alpha (&palette->fg, 0.85);
}

/* ---- text ------------------------------------------------------------------------------ */

PangoLayout *
lw_chart_layout (GtkWidget   *widget,
                 const char  *text,
                 LwChartText  style)
{
  PangoLayout *layout;
  PangoAttrList *attrs;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  layout = gtk_widget_create_pango_layout (widget, text);
  attrs = pango_attr_list_new ();
  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
  if (style == LW_CHART_TEXT_BOLD || style == LW_CHART_TEXT_SMALL_BOLD
      || style == LW_CHART_TEXT_HEADING)
    pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  if (style == LW_CHART_TEXT_SMALL || style == LW_CHART_TEXT_SMALL_BOLD)
    pango_attr_list_insert (attrs, pango_attr_scale_new (PANGO_SCALE_SMALL));
  else if (style == LW_CHART_TEXT_HEADING)
    pango_attr_list_insert (attrs, pango_attr_scale_new (PANGO_SCALE_LARGE));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  return layout;
}

void
lw_chart_layout_size (PangoLayout *layout,
                      double      *width,
                      double      *height)
{
  PangoRectangle logical;

  g_return_if_fail (PANGO_IS_LAYOUT (layout));

  pango_layout_get_extents (layout, NULL, &logical);
  if (width != NULL)
    *width = (double) logical.width / PANGO_SCALE;
  if (height != NULL)
    *height = (double) logical.height / PANGO_SCALE;
}

double
lw_chart_line_height (GtkWidget   *widget,
                      LwChartText  style)
{
  g_autoptr(PangoLayout) layout = NULL;
  double height;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), 0);

  layout = lw_chart_layout (widget, "Ag", style);
  lw_chart_layout_size (layout, NULL, &height);
  return height;
}

void
lw_chart_show_layout (cairo_t       *cr,
                      PangoLayout   *layout,
                      double         x,
                      double         y,
                      const GdkRGBA *color)
{
  g_return_if_fail (cr != NULL);
  g_return_if_fail (PANGO_IS_LAYOUT (layout));

  cairo_move_to (cr, x, y);
  gdk_cairo_set_source_rgba (cr, color);
  pango_cairo_show_layout (cr, layout);
  cairo_new_path (cr);
}

/* ---- drawing ---------------------------------------------------------------------- */

void
lw_chart_rounded_rectangle (cairo_t *cr,
                            double   x,
                            double   y,
                            double   width,
                            double   height,
                            double   radius)
{
  g_return_if_fail (cr != NULL);

  radius = MIN (radius, MIN (width, height) / 2);
  if (radius <= 0)
    {
      cairo_rectangle (cr, x, y, width, height);
      return;
    }
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + width - radius, y + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, x + width - radius, y + height - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, x + radius, y + height - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, x + radius, y + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

void
lw_chart_draw_empty (GtkWidget  *widget,
                     cairo_t    *cr,
                     int         width,
                     int         height,
                     const char *text)
{
  g_autoptr(PangoLayout) layout = NULL;
  LwChartPalette palette;
  double text_width, text_height;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (cr != NULL);

  lw_chart_palette_init (&palette, widget);
  layout = lw_chart_layout (widget, text, LW_CHART_TEXT_HEADING);
  pango_layout_set_width (layout, MAX (width - 24, 1) * PANGO_SCALE);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  lw_chart_layout_size (layout, &text_width, &text_height);
  palette.dim_fg.alpha *= 0.9;
  lw_chart_show_layout (cr, layout, 12, MAX (0, (height - text_height) / 2), &palette.dim_fg);
}

void
lw_chart_snapshot (GtkWidget   *widget,
                   GtkSnapshot *snapshot)
{
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_t *cr;

  g_return_if_fail (LW_IS_CHART (widget));

  if (width <= 0 || height <= 0)
    return;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  lw_chart_draw (LW_CHART (widget), cr, width, height);
  cairo_destroy (cr);
}

/* ---- numbers ------------------------------------------------------------------------ */

char *
lw_chart_format_percent (double percent)
{
  /* The views mark a missing figure with an en dash. */
  if (percent < 0 || !isfinite (percent))
    return g_strdup ("–");
  return lw_format_percent (percent);
}

char *
lw_chart_format_delta (gint64 delta)
{
  g_autofree char *count = lw_format_count (delta < 0 ? (guint64) -delta : (guint64) delta);

  if (delta == 0)
    return g_strdup ("±0");
  return g_strconcat (delta < 0 ? "−" : "+", count, NULL);
}

char *
lw_chart_format_points (double delta)
{
  g_autofree char *number = g_strdup_printf ("%.1f", fabs (delta));

  if (fabs (delta) < 0.05 || !isfinite (delta))
    /* translators: no change in percentage points; the space does not break */
    return g_strdup (_("±0\u00a0pts"));
  /* translators: a change in percentage points, "+2.1 pts"; the first %s
   * is the sign, the space does not break */
  return g_strdup_printf (_("%s%s\u00a0pts"), delta < 0 ? "−" : "+", number);
}

char *
lw_chart_format_duration (gint64 seconds)
{
  if (seconds <= 0)
    return g_strdup ("0");
  if (seconds % 86400 == 0)
    /* translators: a number of days on a chart's axis, "2 d" */
    return g_strdup_printf (_("%d d"), (int) (seconds / 86400));
  if (seconds % 3600 == 0)
    /* translators: a number of hours on a chart's axis, "4 h" */
    return g_strdup_printf (_("%d h"), (int) (seconds / 3600));
  if (seconds % 60 == 0 && seconds < 3600)
    /* translators: a number of minutes on a chart's axis, "30 min" */
    return g_strdup_printf (_("%d min"), (int) (seconds / 60));
  return lw_format_duration (seconds);
}

double
lw_chart_nice_step (double max,
                    guint  ticks)
{
  double raw, magnitude, norm;

  if (!(max > 0) || ticks == 0)
    return 1;
  raw = max / ticks;
  magnitude = pow (10, floor (log10 (raw)));
  norm = raw / magnitude;
  if (norm <= 1)
    norm = 1;
  else if (norm <= 2)
    norm = 2;
  else if (norm <= 2.5 && magnitude >= 10)
    norm = 2.5;
  else if (norm <= 5)
    norm = 5;
  else
    norm = 10;
  return MAX (1, norm * magnitude);
}

/* ---- the interface ----------------------------------------------------------------- */

static void
lw_chart_default_init (LwChartInterface *iface)
{
}

void
lw_chart_draw (LwChart *self,
               cairo_t *cr,
               int      width,
               int      height)
{
  g_return_if_fail (LW_IS_CHART (self));
  g_return_if_fail (cr != NULL);

  if (width <= 0 || height <= 0)
    return;
  cairo_save (cr);
  LW_CHART_GET_IFACE (self)->draw (self, cr, width, height);
  cairo_restore (cr);
}

const char *
lw_chart_get_title (LwChart *self)
{
  g_return_val_if_fail (LW_IS_CHART (self), NULL);

  return LW_CHART_GET_IFACE (self)->get_title (self);
}

const char *
lw_chart_get_description (LwChart *self)
{
  g_return_val_if_fail (LW_IS_CHART (self), NULL);

  return LW_CHART_GET_IFACE (self)->get_description (self);
}

/* ---- export ----------------------------------------------------------------------- */

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static gboolean
check_cairo (cairo_status_t   status,
             GError         **error)
{
  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
               /* translators: %s says what went wrong drawing a chart */
               _("Could not draw the chart: %s"), cairo_status_to_string (status));
  return FALSE;
}

/* The view background, the title, and the chart under it, with a margin. */
static void
paint_chart (LwChart *self,
             cairo_t *cr,
             int      width,
             int      height)
{
  GtkWidget *widget = GTK_WIDGET (self);
  g_autoptr(PangoLayout) title = lw_chart_layout (widget, lw_chart_get_title (self),
                                                  LW_CHART_TEXT_HEADING);
  LwChartPalette palette;
  double margin = 20, title_h;
  int chart_width, chart_height;

  lw_chart_palette_init (&palette, widget);
  gdk_cairo_set_source_rgba (cr, &palette.background);
  cairo_paint (cr);

  pango_layout_set_width (title, MAX (1, (int) ((width - 2 * margin) * PANGO_SCALE)));
  pango_layout_set_ellipsize (title, PANGO_ELLIPSIZE_END);
  lw_chart_layout_size (title, NULL, &title_h);
  chart_width = width - 2 * margin;
  chart_height = height - 2 * margin - title_h - 12;
  if (chart_width < 120 || chart_height < 60)
    {
      /* Too small for a frame: the chart alone. */
      lw_chart_draw (self, cr, width, height);
      return;
    }

  lw_chart_show_layout (cr, title, margin, margin, &palette.fg);
  cairo_save (cr);
  cairo_translate (cr, margin, margin + title_h + 12);
  lw_chart_draw (self, cr, chart_width, chart_height);
  cairo_restore (cr);
}

static gboolean
write_file (GFile       *file,
            GByteArray  *bytes,
            GError     **error)
{
  return g_file_replace_contents (file, (const char *) bytes->data, bytes->len, NULL, FALSE,
                                  G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, error);
}

gboolean
lw_chart_export_png (LwChart  *self,
                     GFile    *file,
                     int       width,
                     int       height,
                     double    scale,
                     GError  **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  g_return_val_if_fail (LW_IS_CHART (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (width > 0 && height > 0, FALSE);
  g_return_val_if_fail (scale > 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                        (int) ceil (width * scale), (int) ceil (height * scale));
  cairo_surface_set_device_scale (surface, scale, scale);
  cr = cairo_create (surface);
  paint_chart (self, cr, width, height);
  status = cairo_status (cr);
  cairo_destroy (cr);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_write_to_png_stream (surface, append_bytes, bytes);
  cairo_surface_destroy (surface);

  return check_cairo (status, error) && write_file (file, bytes, error);
}

/* Puts the chart's title and description in the SVG, after its <svg> tag. */
static void
insert_title (LwChart    *self,
              GByteArray *bytes)
{
  g_autofree char *title = g_markup_escape_text (lw_chart_get_title (self), -1);
  g_autofree char *desc = g_markup_escape_text (lw_chart_get_description (self), -1);
  g_autofree char *insert = g_strdup_printf ("\n<title>%s</title>\n<desc>%s</desc>", title, desc);
  const char *data = (const char *) bytes->data;
  const char *svg = g_strstr_len (data, bytes->len, "<svg");
  const char *end = svg != NULL ? memchr (svg, '>', bytes->len - (svg - data)) : NULL;
  g_autoptr(GByteArray) tail = NULL;
  gsize at;

  if (end == NULL)
    return;
  at = end + 1 - data;
  tail = g_byte_array_sized_new (bytes->len - at);
  g_byte_array_append (tail, bytes->data + at, bytes->len - at);
  g_byte_array_set_size (bytes, at);
  g_byte_array_append (bytes, (const guint8 *) insert, strlen (insert));
  g_byte_array_append (bytes, tail->data, tail->len);
}

gboolean
lw_chart_export_svg (LwChart  *self,
                     GFile    *file,
                     int       width,
                     int       height,
                     GError  **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  g_return_val_if_fail (LW_IS_CHART (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (width > 0 && height > 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  surface = cairo_svg_surface_create_for_stream (append_bytes, bytes, width, height);
  cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PX);
  cr = cairo_create (surface);
  paint_chart (self, cr, width, height);
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (!check_cairo (status, error))
    return FALSE;

  insert_title (self, bytes);
  return write_file (file, bytes, error);
}

static ExportFormat
format_of_file (GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *folded = name != NULL ? g_ascii_strdown (name, -1) : NULL;

  if (folded == NULL)
    return FORMAT_NONE;
  if (g_str_has_suffix (folded, ".png"))
    return FORMAT_PNG;
  if (g_str_has_suffix (folded, ".svg"))
    return FORMAT_SVG;
  return FORMAT_NONE;
}

gboolean
lw_chart_export_to_file (LwChart  *self,
                         GFile    *file,
                         int       width,
                         int       height,
                         double    scale,
                         GError  **error)
{
  g_return_val_if_fail (LW_IS_CHART (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  switch (format_of_file (file))
    {
    case FORMAT_PNG:
      return lw_chart_export_png (self, file, width, height, scale, error);
    case FORMAT_SVG:
      return lw_chart_export_svg (self, file, width, height, error);
    case FORMAT_NONE:
    default:
      {
        g_autofree char *name = g_file_get_parse_name (file);

        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                     /* translators: %s is a file name */
                     _("Cannot export a chart as “%s”: the name must end in .png or .svg"),
                     name);
        return FALSE;
      }
    }
}

/* ---- the dialog ------------------------------------------------------------------- */

typedef struct
{
  GtkFileChooserNative *native;
  GtkFileFilter        *png_filter;
  GtkFileFilter        *svg_filter;
  GCancellable         *cancellable;
  gulong                cancelled_id;
} DialogData;

static void
dialog_data_free (DialogData *data)
{
  if (data->cancellable != NULL)
    g_clear_signal_handler (&data->cancelled_id, data->cancellable);
  g_clear_object (&data->cancellable);
  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (data->native));
  g_clear_object (&data->native);
  g_clear_object (&data->png_filter);
  g_clear_object (&data->svg_filter);
  g_free (data);
}

static void
export_size (LwChart *self,
             int     *width,
             int     *height)
{
  GtkWidget *widget = GTK_WIDGET (self);
  int natural = 0;

  *width = gtk_widget_get_width (widget);
  *height = gtk_widget_get_height (widget);
  if (*width > 0 && *height > 0)
    return;
  *width = 800;
  gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL, *width, NULL, &natural, NULL, NULL);
  *height = MAX (natural, 200);
}

static void
dialog_response_cb (GtkNativeDialog *native,
                    int              response,
                    gpointer         user_data)
{
  g_autoptr(GTask) task = user_data;
  LwChart *self = g_task_get_source_object (task);
  DialogData *data = g_task_get_task_data (task);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  int width, height;

  g_signal_handlers_disconnect_by_func (native, dialog_response_cb, user_data);
  if (g_task_return_error_if_cancelled (task))
    return;
  if (response != GTK_RESPONSE_ACCEPT
      || (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native))) == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               _("The chart was not exported"));
      return;
    }

  if (format_of_file (file) == FORMAT_NONE)
    {
      GtkFileFilter *filter = gtk_file_chooser_get_filter (GTK_FILE_CHOOSER (native));
      const char *extension = filter == data->svg_filter ? ".svg" : ".png";
      g_autofree char *uri = g_file_get_uri (file);
      g_autofree char *named = g_strconcat (uri, extension, NULL);

      g_object_unref (file);
      file = g_file_new_for_uri (named);
    }

  export_size (self, &width, &height);
  if (!lw_chart_export_to_file (self, file, width, height, 2, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, g_steal_pointer (&file), g_object_unref);
}

/* Closes the dialog; its response handler then returns the cancellation. */
static void
dialog_cancelled_cb (GCancellable *cancellable,
                     gpointer      user_data)
{
  GtkNativeDialog *native = user_data;

  gtk_native_dialog_hide (native);
  g_signal_emit_by_name (native, "response", GTK_RESPONSE_CANCEL);
}

void
lw_chart_export_dialog_async (LwChart             *self,
                              GtkWindow           *parent,
                              const char          *suggested_name,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  DialogData *data;

  g_return_if_fail (LW_IS_CHART (self));
  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lw_chart_export_dialog_async);
  if (g_task_return_error_if_cancelled (task))
    return;

  data = g_new0 (DialogData, 1);
  data->native = gtk_file_chooser_native_new (_("Export Chart"), parent,
                                              GTK_FILE_CHOOSER_ACTION_SAVE,
                                              _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (data->native), TRUE);

  data->png_filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (data->png_filter, _("PNG Image"));
  gtk_file_filter_add_mime_type (data->png_filter, "image/png");
  gtk_file_filter_add_suffix (data->png_filter, "png");
  data->svg_filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (data->svg_filter, _("SVG Image"));
  gtk_file_filter_add_mime_type (data->svg_filter, "image/svg+xml");
  gtk_file_filter_add_suffix (data->svg_filter, "svg");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (data->native), data->png_filter);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (data->native), data->svg_filter);
  if (suggested_name != NULL)
    {
      g_autoptr(GFile) named = g_file_new_for_path (suggested_name);

      if (format_of_file (named) == FORMAT_SVG)
        gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (data->native), data->svg_filter);
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (data->native), suggested_name);
    }
  g_task_set_task_data (task, data, (GDestroyNotify) dialog_data_free);

  if (cancellable != NULL)
    {
      data->cancellable = g_object_ref (cancellable);
      data->cancelled_id = g_signal_connect (cancellable, "cancelled",
                                             G_CALLBACK (dialog_cancelled_cb), data->native);
    }

  g_signal_connect (data->native, "response", G_CALLBACK (dialog_response_cb), g_object_ref (task));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (data->native));
}

GFile *
lw_chart_export_dialog_finish (LwChart       *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (LW_IS_CHART (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == lw_chart_export_dialog_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
export_dialog_done_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GtkWidget) widget = user_data;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *window;

  file = lw_chart_export_dialog_finish (LW_CHART (source), result, &error);
  window = gtk_widget_get_ancestor (widget, LW_TYPE_WINDOW);
  if (file == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && window != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);
      /* translators: a toast; %s is the error */
      g_autofree char *title = g_strdup_printf (_("Could not export the chart: %s"), escaped);

      lw_window_toast (LW_WINDOW (window), title);
    }
}

void
lw_chart_export_dialog (LwChart    *self,
                        GtkWidget  *widget,
                        const char *suggested_name)
{
  GtkRoot *root;

  g_return_if_fail (LW_IS_CHART (self));
  g_return_if_fail (GTK_IS_WIDGET (widget));

  root = gtk_widget_get_root (widget);
  lw_chart_export_dialog_async (self, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, suggested_name, NULL,
                                export_dialog_done_cb, g_object_ref (widget));
}
