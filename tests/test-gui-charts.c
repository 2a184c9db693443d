/* test-gui-charts.c: the funnel, histogram and bar charts, drawn and exported;
 * what all five chart widgets get from LwChartBase
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "lw-bar-chart.h"
#include "lw-chart-base.h"
#include "lw-chart-export.h"
#include "lw-config-json.h"
#include "lw-funnel-chart.h"
#include "lw-histogram-chart.h"
#include "lw-report.h"
#include "lw-rhythm-editor.h"
#include "lw-scenario.h"
#include "lw-simulator.h"
#include "lw-speed-curve.h"

/* ---- data ----------------------------------------------------------------------------- */

static const LwFunnelStage funnel_stages[] = {
  { .index = 0, .id = "subscriber", .label = "Subscriber", .reached = 1122,
    .conversion = 0.436, .drop_off = 633, .median_seconds = 4 * 86400 },
  { .index = 1, .id = "lead", .label = "Lead", .reached = 18163,
    .conversion = 0.105, .drop_off = 16248, .median_seconds = 2 * 86400 + 14 * 3600 },
  { .index = 2, .id = "mql", .label = "Marketing Qualified Lead", .reached = 2265,
    .conversion = 0.468, .drop_off = 1205, .median_seconds = 3900 },
  { .index = 3, .id = "customer", .label = "Customer", .reached = 5,
    .conversion = -1, .drop_off = 0, .median_seconds = -1 },
};

static const LwFunnelStage before_stages[] = {
  { .index = 0, .id = "subscriber", .label = "Subscriber", .reached = 1000,
    .conversion = 0.4, .drop_off = 600, .median_seconds = -1 },
  { .index = 1, .id = "lead", .label = "Lead", .reached = 17900,
    .conversion = 0.1, .drop_off = 16110, .median_seconds = -1 },
};

static const gint64 edges[] = { 300, 600, 1800, 3600, 7200, 14400, 28800, 86400 };
static const guint64 counts[] = { 750, 506, 1908, 2158, 3014, 3463, 2892, 2363, 310 };
static const guint64 before_counts[] = { 700, 480, 1800, 2300, 2900, 3500, 3000, 2200, 400 };

static const LwBarChartItem rep_items[] = {
  { "jake", "Jake Miller", 825, 1200 },
  { "olivia", "Olivia Chen", 335, 450 },
  { "sophie", "Sophie Martin", 1120, 1200 },
  { "dana", "Dana Brooks", 11401, -1 },
};

/* ---- helpers --------------------------------------------------------------------------- */

static char *
make_temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("test-gui-charts-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_assert_cmpint (g_unlink (path), ==, 0);
    }
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* Exports @chart as PNG and SVG under @dir/@name.*, checks both files and
 * returns the SVG's text. */
static char *
export_both (GtkWidget  *chart,
             const char *dir,
             const char *name,
             int         width,
             int         height)
{
  g_autofree char *png_name = g_strconcat (name, ".png", NULL);
  g_autofree char *svg_name = g_strconcat (name, ".svg", NULL);
  g_autofree char *png_path = g_build_filename (dir, png_name, NULL);
  g_autofree char *svg_path = g_build_filename (dir, svg_name, NULL);
  g_autoptr(GFile) png = g_file_new_for_path (png_path);
  g_autoptr(GFile) svg = g_file_new_for_path (svg_path);
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface;
  char *text = NULL;
  gsize length = 0;

  g_assert_true (lw_chart_export_png (LW_CHART (chart), png, width, height, 1, &error));
  g_assert_no_error (error);
  g_assert_true (lw_chart_export_svg (LW_CHART (chart), svg, width, height, &error));
  g_assert_no_error (error);

  surface = cairo_image_surface_create_from_png (png_path);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, width);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, height);
  cairo_surface_destroy (surface);

  g_assert_true (g_file_get_contents (svg_path, &text, &length, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 0);
  g_assert_nonnull (strstr (text, "<svg"));
  g_assert_nonnull (strstr (text, "</svg>"));
  return text;
}

/* Pixels of @surface (opaque, ARGB32) within 3 of @color in each channel. */
static guint
count_color (cairo_surface_t *surface,
             const GdkRGBA   *color)
{
  const guint8 *data;
  int width, height, stride;
  guint found = 0;
  guint8 r = (guint8) (color->red * 255 + 0.5);
  guint8 g = (guint8) (color->green * 255 + 0.5);
  guint8 b = (guint8) (color->blue * 255 + 0.5);

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  width = cairo_image_surface_get_width (surface);
  height = cairo_image_surface_get_height (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint32 pixel = *(const guint32 *) (data + y * stride + 4 * x);

        if (ABS ((int) ((pixel >> 16) & 0xff) - r) <= 3
            && ABS ((int) ((pixel >> 8) & 0xff) - g) <= 3
            && ABS ((int) (pixel & 0xff) - b) <= 3)
          found++;
      }
  return found;
}

/* The chart exported as PNG, read back. */
static cairo_surface_t *
export_surface (GtkWidget *chart,
                int        width,
                int        height)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "chart.png", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface;

  g_assert_true (lw_chart_export_to_file (LW_CHART (chart), file, width, height, 1, &error));
  g_assert_no_error (error);
  surface = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  remove_dir (dir);
  return surface;
}

static void
assert_description_contains (GtkWidget  *chart,
                             const char *text)
{
  const char *description = lw_chart_get_description (LW_CHART (chart));

  if (strstr (description, text) == NULL)
    g_error ("“%s” not in the description “%s”", text, description);
}

static void
assert_description_has_count (GtkWidget *chart,
                              guint64    count)
{
  g_autofree char *text = lw_format_count (count);

  assert_description_contains (chart, text);
}

/* The accessible description is the chart's description. */
static void
assert_accessible (GtkWidget *chart)
{
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (chart), GTK_ACCESSIBLE_ROLE_IMG);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (chart), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       lw_chart_get_title (LW_CHART (chart)));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (chart), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       lw_chart_get_description (LW_CHART (chart)));
}

static GtkWidget *
show_in_window (GtkWidget *chart,
                int        width)
{
  GtkWidget *window = gtk_window_new ();

  gtk_window_set_default_size (GTK_WINDOW (window), width, -1);
  gtk_window_set_child (GTK_WINDOW (window), chart);
  gtk_window_present (GTK_WINDOW (window));
  while (gtk_widget_get_width (chart) <= 0 || !gtk_widget_get_mapped (chart))
    g_main_context_iteration (NULL, TRUE);
  return window;
}

/* Renders the widget as it is on screen and counts the pixels it drew. */
static guint
count_drawn_pixels (GtkWidget *chart)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (chart);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (chart));
  int width = gtk_widget_get_width (chart), height = gtk_widget_get_height (chart);
  g_autofree guint8 *data = NULL;
  guint drawn = 0;

  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_cmpint (gdk_texture_get_width (texture), ==, width);
  data = g_malloc (4 * width * height);
  gdk_texture_download (texture, data, 4 * width);
  for (int i = 0; i < width * height; i++)
    if (data[4 * i + 3] != 0)
      drawn++;
  return drawn;
}

/* ---- tests ---------------------------------------------------------------------------- */

static void
test_formats (void)
{
  g_autofree char *count = lw_format_count (12345);
  g_autofree char *big = lw_format_count (1234567);
  g_autofree char *small = lw_format_count (42);
  g_autofree char *percent = lw_chart_format_percent (42.125);
  g_autofree char *none = lw_chart_format_percent (-1);
  g_autofree char *down = lw_chart_format_delta (-56);
  g_autofree char *up = lw_chart_format_delta (1234);
  g_autofree char *same = lw_chart_format_delta (0);
  g_autofree char *points = lw_chart_format_points (-2.14);
  g_autofree char *minutes = lw_chart_format_duration (1800);
  g_autofree char *hours = lw_chart_format_duration (7200);
  g_autofree char *days = lw_chart_format_duration (5 * 86400);
  g_autofree char *mixed = lw_chart_format_duration (3900);

  /* The tests run in the C locale, which groups nothing: we do. */
  g_assert_cmpstr (count, ==, "12,345");
  g_assert_cmpstr (big, ==, "1,234,567");
  g_assert_cmpstr (small, ==, "42");
  g_assert_cmpstr (percent, ==, "42.1\u00a0%");
  g_assert_cmpstr (none, ==, "–");
  g_assert_cmpstr (down, ==, "−56");
  g_assert_cmpstr (up, ==, "+1,234");
  g_assert_cmpstr (same, ==, "±0");
  g_assert_cmpstr (points, ==, "−2.1\u00a0pts");
  g_assert_cmpstr (minutes, ==, "30 min");
  g_assert_cmpstr (hours, ==, "2 h");
  g_assert_cmpstr (days, ==, "5 d");
  g_assert_cmpstr (mixed, ==, "1 h 05 min");

  g_assert_cmpfloat (lw_chart_nice_step (3467, 4), ==, 1000);
  g_assert_cmpfloat (lw_chart_nice_step (11401, 4), ==, 5000);
  g_assert_cmpfloat (lw_chart_nice_step (9000, 4), ==, 2500);
  g_assert_cmpfloat (lw_chart_nice_step (7, 4), ==, 2);
  g_assert_cmpfloat (lw_chart_nice_step (0, 4), ==, 1);
}

static void
test_funnel_data (void)
{
  GtkWidget *chart = g_object_ref_sink (lw_funnel_chart_new ());
  g_autoptr(GArray) stages = g_array_new (FALSE, TRUE, sizeof (LwFunnelStage));
  LwFunnel funnel = { .run = 1, .leads = 20000, .stages = stages };
  LwFunnelStage other = { .index = 4, .id = "other", .label = "Other", .reached = 1305,
                          .conversion = -1, .median_seconds = -1 };

  assert_description_contains (chart, "No leads");
  assert_accessible (chart);

  lw_funnel_chart_set_stages (LW_FUNNEL_CHART (chart), funnel_stages, G_N_ELEMENTS (funnel_stages));
  for (guint i = 0; i < G_N_ELEMENTS (funnel_stages); i++)
    {
      assert_description_contains (chart, funnel_stages[i].label);
      assert_description_has_count (chart, funnel_stages[i].reached);
    }
  assert_description_has_count (chart, 16248);         /* dropped off after Lead */
  assert_description_contains (chart, "10.5");          /* Lead's conversion */
  assert_description_contains (chart, "1 h 05 min");    /* MQL's median time */
  g_assert_false (lw_funnel_chart_has_comparison (LW_FUNNEL_CHART (chart)));
  assert_accessible (chart);

  /* A comparison, matched by id. */
  lw_funnel_chart_set_comparison_stages (LW_FUNNEL_CHART (chart), before_stages,
                                         G_N_ELEMENTS (before_stages));
  lw_funnel_chart_set_series_names (LW_FUNNEL_CHART (chart), "After the edit", "Before");
  g_assert_true (lw_funnel_chart_has_comparison (LW_FUNNEL_CHART (chart)));
  assert_description_contains (chart, "Before: 17,900");
  assert_description_contains (chart, "After the edit, compared with Before");
  assert_accessible (chart);
  lw_funnel_chart_set_comparison_stages (LW_FUNNEL_CHART (chart), NULL, 0);
  g_assert_false (lw_funnel_chart_has_comparison (LW_FUNNEL_CHART (chart)));
  g_assert_null (strstr (lw_chart_get_description (LW_CHART (chart)), "Before"));

  /* A store funnel: its last stage lies outside the funnel. */
  g_array_append_vals (stages, funnel_stages, G_N_ELEMENTS (funnel_stages));
  g_array_append_val (stages, other);
  lw_funnel_chart_set_funnel (LW_FUNNEL_CHART (chart), &funnel);
  assert_description_contains (chart, "Other: 1,305 leads outside the funnel");

  /* The title is the accessible label. */
  g_assert_cmpstr (lw_chart_get_title (LW_CHART (chart)), ==, "Funnel");
  lw_funnel_chart_set_title (LW_FUNNEL_CHART (chart), "Funnel of run 3");
  g_assert_cmpstr (lw_chart_get_title (LW_CHART (chart)), ==, "Funnel of run 3");
  assert_accessible (chart);

  g_assert_finalize_object (chart);
}

/* The funnel of a what-if run, from the simulator's summary. */
static void
test_funnel_summary (void)
{
  g_autofree char *config_path = g_build_filename (g_getenv ("LW_SAMPLES_DIR"),
                                                   "b2b-playbook.json", NULL);
  g_autofree char *scenario_path = g_build_filename (g_getenv ("LW_SAMPLES_DIR"),
                                                     "inbound-scenario.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LwConfig) config = lw_config_load_file (config_path, NULL, &error);
  g_autoptr(LwScenario) scenario = NULL;
  LwSimOptions options = LW_SIM_OPTIONS_INIT;
  LwSimulation *sim;
  const LwSimSummary *summary;
  GtkWidget *chart = g_object_ref_sink (lw_funnel_chart_new ());

  g_assert_no_error (error);
  scenario = lw_scenario_load_file (scenario_path, NULL, &error);
  g_assert_no_error (error);
  options.leads = 2000;
  options.days = 14;
  options.seed = 3;
  sim = lw_simulation_new (config, scenario, &options, &error);
  g_assert_no_error (error);
  g_assert_true (lw_simulation_run (sim, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  summary = lw_simulation_get_summary (sim);

  lw_funnel_chart_set_summary (LW_FUNNEL_CHART (chart), summary, config);
  lw_funnel_chart_set_comparison_summary (LW_FUNNEL_CHART (chart), summary, config);
  for (guint i = 0; i + 1 < summary->n_stages; i++)
    {
      const LwStage *stage = g_ptr_array_index (config->stages, i);

      assert_description_contains (chart, stage->label);
      assert_description_has_count (chart, summary->stages[i].reached);
    }
  assert_description_contains (chart, "outside the funnel");
  /* The same run on both sides: no change anywhere. */
  g_assert_true (lw_funnel_chart_has_comparison (LW_FUNNEL_CHART (chart)));

  lw_funnel_chart_set_comparison_summary (LW_FUNNEL_CHART (chart), NULL, NULL);
  g_assert_false (lw_funnel_chart_has_comparison (LW_FUNNEL_CHART (chart)));

  lw_simulation_free (sim);
  g_assert_finalize_object (chart);
}

static void
test_histogram_data (void)
{
  GtkWidget *chart = g_object_ref_sink (lw_histogram_chart_new ());

  assert_description_contains (chart, "No first touches");
  lw_histogram_chart_set_buckets (LW_HISTOGRAM_CHART (chart), edges, G_N_ELEMENTS (edges),
                                  counts, G_N_ELEMENTS (counts));
  assert_description_contains (chart, "under 5 min: 750");
  assert_description_contains (chart, "5 min to 10 min: 506");
  assert_description_contains (chart, "1 d and more: 310");
  assert_description_has_count (chart, 17364);   /* every touch */
  assert_accessible (chart);

  /* At an edge, the deadline splits the leads exactly. */
  lw_histogram_chart_set_deadline (LW_HISTOGRAM_CHART (chart), 3600);
  g_assert_cmpint (lw_histogram_chart_get_deadline (LW_HISTOGRAM_CHART (chart)), ==, 3600);
  assert_description_contains (chart, "Deadline 1 h");
  assert_description_has_count (chart, 3014 + 3463 + 2892 + 2363 + 310);
  assert_accessible (chart);

  lw_histogram_chart_set_comparison (LW_HISTOGRAM_CHART (chart), before_counts,
                                     G_N_ELEMENTS (before_counts));
  g_assert_true (lw_histogram_chart_has_comparison (LW_HISTOGRAM_CHART (chart)));
  assert_description_contains (chart, "Compared run: 2,300");

  /* New edges drop the comparison, which counted other buckets. */
  lw_histogram_chart_set_buckets (LW_HISTOGRAM_CHART (chart), edges, 3, counts, 4);
  g_assert_false (lw_histogram_chart_has_comparison (LW_HISTOGRAM_CHART (chart)));
  assert_description_contains (chart, "30 min and more: 2,158");

  g_assert_finalize_object (chart);
}

static void
test_bar_data (void)
{
  GtkWidget *chart = g_object_ref_sink (lw_bar_chart_new ());
  LwRepLoad reps[] = {
    { .index = 0, .id = "jake", .name = "Jake Miller", .routed = 825, .capacity = 40,
      .capacity_total = 1200, .load = 0.6875 },
    { .index = 1, .id = "dana", .name = "Dana Brooks", .routed = 11401, .load = -1 },
  };
  LwSlaGroup teams[] = {
    { .index = 0, .id = "na", .label = "North America", .met = 6911, .breached = 6784,
      .compliance = 50.46 },
    { .index = 1, .id = "emea", .label = "EMEA", .met = 1689, .breached = 466,
      .compliance = 78.38 },
    { .index = 2, .id = "apac", .label = "APAC", .compliance = -1 },
  };

  assert_description_contains (chart, "Nothing to show");

  lw_bar_chart_set_rep_loads (LW_BAR_CHART (chart), reps, G_N_ELEMENTS (reps));
  lw_bar_chart_set_marker_name (LW_BAR_CHART (chart), "Capacity");
  g_assert_cmpint (lw_bar_chart_get_unit (LW_BAR_CHART (chart)), ==, LW_BAR_CHART_COUNT);
  assert_description_contains (chart, "Jake Miller: 825, Capacity 1,200 (68.8\u00a0%)");
  assert_description_contains (chart, "Dana Brooks: 11,401.");
  assert_accessible (chart);

  lw_bar_chart_set_sla_groups (LW_BAR_CHART (chart), teams, G_N_ELEMENTS (teams));
  g_assert_cmpint (lw_bar_chart_get_unit (LW_BAR_CHART (chart)), ==, LW_BAR_CHART_PERCENT);
  assert_description_contains (chart, "North America: 50.5\u00a0%.");
  assert_description_contains (chart, "EMEA: 78.4\u00a0%.");
  assert_description_contains (chart, "APAC: –.");

  teams[0].compliance = 45.0;
  lw_bar_chart_set_comparison_sla_groups (LW_BAR_CHART (chart), teams, G_N_ELEMENTS (teams));
  lw_bar_chart_set_series_names (LW_BAR_CHART (chart), "After", "Before");
  g_assert_true (lw_bar_chart_has_comparison (LW_BAR_CHART (chart)));
  assert_description_contains (chart, "North America: 50.5\u00a0% (Before: 45.0\u00a0%)");
  assert_accessible (chart);

  lw_bar_chart_set_comparison (LW_BAR_CHART (chart), NULL, 0);
  g_assert_false (lw_bar_chart_has_comparison (LW_BAR_CHART (chart)));

  g_assert_finalize_object (chart);
}

static void
test_export (void)
{
  g_autofree char *dir = make_temp_dir ();
  GtkWidget *funnel = g_object_ref_sink (lw_funnel_chart_new ());
  GtkWidget *histogram = g_object_ref_sink (lw_histogram_chart_new ());
  GtkWidget *bars = g_object_ref_sink (lw_bar_chart_new ());
  g_autofree char *funnel_svg = NULL;
  g_autofree char *histogram_svg = NULL;
  g_autofree char *bars_svg = NULL;

  lw_funnel_chart_set_stages (LW_FUNNEL_CHART (funnel), funnel_stages, G_N_ELEMENTS (funnel_stages));
  lw_funnel_chart_set_comparison_stages (LW_FUNNEL_CHART (funnel), before_stages,
                                         G_N_ELEMENTS (before_stages));
  lw_histogram_chart_set_buckets (LW_HISTOGRAM_CHART (histogram), edges, G_N_ELEMENTS (edges),
                                  counts, G_N_ELEMENTS (counts));
  lw_histogram_chart_set_deadline (LW_HISTOGRAM_CHART (histogram), 3600);
  lw_bar_chart_set_items (LW_BAR_CHART (bars), rep_items, G_N_ELEMENTS (rep_items));
  lw_bar_chart_set_title (LW_BAR_CHART (bars), "Leads per rep & capacity");

  funnel_svg = export_both (funnel, dir, "funnel", 800, 500);
  g_assert_nonnull (strstr (funnel_svg, "<title>Funnel</title>"));
  for (guint i = 0; i < G_N_ELEMENTS (funnel_stages); i++)
    g_assert_nonnull (strstr (funnel_svg, funnel_stages[i].label));

  histogram_svg = export_both (histogram, dir, "histogram", 640, 360);
  g_assert_nonnull (strstr (histogram_svg, "<title>Time to first touch</title>"));
  g_assert_nonnull (strstr (histogram_svg, "5 min to 10 min: 506"));

  /* Small and large, and a title that needs escaping. */
  bars_svg = export_both (bars, dir, "bars", 300, 120);
  g_assert_nonnull (strstr (bars_svg, "<title>Leads per rep &amp; capacity</title>"));
  for (guint i = 0; i < G_N_ELEMENTS (rep_items); i++)
    g_assert_nonnull (strstr (bars_svg, rep_items[i].label));
  g_clear_pointer (&bars_svg, g_free);
  bars_svg = export_both (bars, dir, "bars-large", 1600, 1000);

  /* Twice the pixels at scale 2; the format by the name, in any case. */
  {
    g_autofree char *path = g_build_filename (dir, "SHARP.PNG", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autoptr(GError) error = NULL;
    cairo_surface_t *surface;

    g_assert_true (lw_chart_export_to_file (LW_CHART (funnel), file, 400, 300, 2, &error));
    g_assert_no_error (error);
    surface = cairo_image_surface_create_from_png (path);
    g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 800);
    g_assert_cmpint (cairo_image_surface_get_height (surface), ==, 600);
    cairo_surface_destroy (surface);
  }
  {
    g_autofree char *path = g_build_filename (dir, "chart.txt", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autoptr(GError) error = NULL;

    g_assert_false (lw_chart_export_to_file (LW_CHART (funnel), file, 400, 300, 1, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
    g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  }
  {
    g_autofree char *path = g_build_filename (dir, "missing", "chart.png", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autoptr(GError) error = NULL;

    g_assert_false (lw_chart_export_to_file (LW_CHART (funnel), file, 400, 300, 1, &error));
    g_assert_nonnull (error);
  }

  remove_dir (dir);
  g_assert_finalize_object (funnel);
  g_assert_finalize_object (histogram);
  g_assert_finalize_object (bars);
}

/* The widgets draw on screen: something besides the background. */
static void
test_render (void)
{
  GtkWidget *charts[3] = { lw_funnel_chart_new (), lw_histogram_chart_new (), lw_bar_chart_new () };

  lw_funnel_chart_set_stages (LW_FUNNEL_CHART (charts[0]), funnel_stages,
                              G_N_ELEMENTS (funnel_stages));
  lw_histogram_chart_set_buckets (LW_HISTOGRAM_CHART (charts[1]), edges, G_N_ELEMENTS (edges),
                                  counts, G_N_ELEMENTS (counts));
  lw_histogram_chart_set_deadline (LW_HISTOGRAM_CHART (charts[1]), 3600);
  lw_bar_chart_set_items (LW_BAR_CHART (charts[2]), rep_items, G_N_ELEMENTS (rep_items));

  for (guint i = 0; i < G_N_ELEMENTS (charts); i++)
    {
      GtkWidget *window = show_in_window (charts[i], 700);
      int width = gtk_widget_get_width (charts[i]), height = gtk_widget_get_height (charts[i]);
      guint drawn = count_drawn_pixels (charts[i]);

      g_assert_cmpint (height, >, 100);
      /* Bars, bands and text cover a good part of the area, not all of it. */
      g_assert_cmpuint (drawn, >, width * height / 50);
      g_assert_cmpuint (drawn, <, width * height);
      gtk_window_destroy (GTK_WINDOW (window));
    }
}

/* After the deadline in the error colour, across it in the warning colour. */
static void
test_histogram_deadline_colors (void)
{
  GtkWidget *chart = g_object_ref_sink (lw_histogram_chart_new ());
  LwChartPalette palette;
  cairo_surface_t *surface;

  lw_chart_palette_init (&palette, chart);
  lw_histogram_chart_set_buckets (LW_HISTOGRAM_CHART (chart), edges, G_N_ELEMENTS (edges),
                                  counts, G_N_ELEMENTS (counts));

  surface = export_surface (chart, 640, 360);
  g_assert_cmpuint (count_color (surface, &palette.bar), >, 1000);
  g_assert_cmpuint (count_color (surface, &palette.bad), ==, 0);
  g_assert_cmpuint (count_color (surface, &palette.warning), ==, 0);
  cairo_surface_destroy (surface);

  lw_histogram_chart_set_deadline (LW_HISTOGRAM_CHART (chart), 3600);
  surface = export_surface (chart, 640, 360);
  g_assert_cmpuint (count_color (surface, &palette.bar), >, 500);
  g_assert_cmpuint (count_color (surface, &palette.bad), >, 1000);
  g_assert_cmpuint (count_color (surface, &palette.warning), ==, 0);
  cairo_surface_destroy (surface);

  /* 45 min falls in [30 min, 1 h). */
  lw_histogram_chart_set_deadline (LW_HISTOGRAM_CHART (chart), 2700);
  surface = export_surface (chart, 640, 360);
  g_assert_cmpuint (count_color (surface, &palette.warning), >, 200);
  cairo_surface_destroy (surface);

  g_assert_finalize_object (chart);
}

/* A load turns to warning from 90 % of capacity on, to error from 100 %. */
static void
test_bar_thresholds (void)
{
  GtkWidget *chart = g_object_ref_sink (lw_bar_chart_new ());
  LwBarChartItem items[] = {
    { NULL, "Low", 100, 1000 },
    { NULL, "Busy", 950, 1000 },
    { NULL, "Over", 1300, 1000 },
  };
  LwChartPalette palette;
  cairo_surface_t *surface;

  lw_chart_palette_init (&palette, chart);
  lw_bar_chart_set_items (LW_BAR_CHART (chart), items, G_N_ELEMENTS (items));

  surface = export_surface (chart, 600, 200);
  g_assert_cmpuint (count_color (surface, &palette.bad), ==, 0);
  cairo_surface_destroy (surface);

  lw_bar_chart_set_coloring (LW_BAR_CHART (chart), LW_BAR_CHART_COLOR_LOAD, 0.9, 1.0);
  surface = export_surface (chart, 600, 200);
  g_assert_cmpuint (count_color (surface, &palette.bar), >, 50);
  g_assert_cmpuint (count_color (surface, &palette.warning), >, 500);
  g_assert_cmpuint (count_color (surface, &palette.bad), >, 500);
  cairo_surface_destroy (surface);

  /* Compliance: below 75 an error, below 90 a warning, else success. */
  items[0].value = 95;
  items[1].value = 80;
  items[2].value = 50;
  items[0].marker = items[1].marker = items[2].marker = -1;
  lw_bar_chart_set_items (LW_BAR_CHART (chart), items, G_N_ELEMENTS (items));
  lw_bar_chart_set_unit (LW_BAR_CHART (chart), LW_BAR_CHART_PERCENT);
  lw_bar_chart_set_coloring (LW_BAR_CHART (chart), LW_BAR_CHART_COLOR_TARGET, 90, 75);
  surface = export_surface (chart, 600, 200);
  g_assert_cmpuint (count_color (surface, &palette.good), >, 500);
  g_assert_cmpuint (count_color (surface, &palette.warning), >, 500);
  g_assert_cmpuint (count_color (surface, &palette.bad), >, 500);
  cairo_surface_destroy (surface);

  g_assert_finalize_object (chart);
}

/* A count far above the others (the fallback owner's) does not squash
 * them: it is drawn broken at the end of the track, and the others keep
 * the scale of their capacities. */
static void
test_bar_outlier (void)
{
  GtkWidget *chart = g_object_ref_sink (lw_bar_chart_new ());
  LwBarChartItem items[] = {
    { "a", "Ana", 100, 200 },
    { "b", "Ben", 120, 200 },
    { "c", "Cat", 110, 200 },
    { "d", "Desk", 230, -1 },
  };
  LwChartPalette palette;
  cairo_surface_t *surface;
  guint plain, broken;

  lw_chart_palette_init (&palette, chart);

  /* 230 is 1.15 times the largest capacity: the end of the track either
   * way, so both charts give the first three bars the same length. */
  lw_bar_chart_set_items (LW_BAR_CHART (chart), items, G_N_ELEMENTS (items));
  surface = export_surface (chart, 600, 200);
  plain = count_color (surface, &palette.bar);
  cairo_surface_destroy (surface);

  items[3].value = 5000;
  lw_bar_chart_set_items (LW_BAR_CHART (chart), items, G_N_ELEMENTS (items));
  surface = export_surface (chart, 600, 200);
  broken = count_color (surface, &palette.bar);
  cairo_surface_destroy (surface);

  /* On a plain scale up to 5,000 the three would shrink to a fiftieth and
   * the bars would cover about half of what they do here. The broken
   * bar loses only its gap. */
  g_assert_cmpuint (broken, <=, plain);
  g_assert_cmpuint (broken, >=, plain * 95 / 100);
  assert_description_contains (chart, "Desk: 5,000.");
  assert_description_contains (chart, "Ben: 120, marker 200 (60.0\u00a0%).");

  /* Below 2.5 times the largest capacity, no bar is an outlier: 450
   * stretches the scale, and the others shrink. */
  items[3].value = 450;
  lw_bar_chart_set_items (LW_BAR_CHART (chart), items, G_N_ELEMENTS (items));
  surface = export_surface (chart, 600, 200);
  g_assert_cmpuint (count_color (surface, &palette.bar), <, plain * 90 / 100);
  cairo_surface_destroy (surface);

  g_assert_finalize_object (chart);
}

/* No data, or nobody in it: an empty state, drawn and exported quietly. */
static void
test_empty (void)
{
  g_autofree char *dir = make_temp_dir ();
  GtkWidget *charts[3] = { lw_funnel_chart_new (), lw_histogram_chart_new (), lw_bar_chart_new () };
  LwFunnelStage nobody[] = {
    { .id = "a", .label = "Nobody here", .reached = 0, .conversion = -1, .median_seconds = -1 },
  };
  guint64 zeros[G_N_ELEMENTS (counts)] = { 0 };

  lw_funnel_chart_set_stages (LW_FUNNEL_CHART (charts[0]), nobody, G_N_ELEMENTS (nobody));
  assert_description_contains (charts[0], "No leads in the funnel yet.");
  lw_histogram_chart_set_buckets (LW_HISTOGRAM_CHART (charts[1]), edges, G_N_ELEMENTS (edges),
                                  zeros, G_N_ELEMENTS (zeros));
  lw_histogram_chart_set_deadline (LW_HISTOGRAM_CHART (charts[1]), 3600);
  assert_description_contains (charts[1], "No first touches yet.");
  lw_bar_chart_set_items (LW_BAR_CHART (charts[2]), NULL, 0);
  assert_description_contains (charts[2], "Nothing to show yet.");

  for (guint i = 0; i < G_N_ELEMENTS (charts); i++)
    {
      g_autofree char *name = g_strdup_printf ("empty-%u", i);
      g_autofree char *svg = NULL;
      GtkWidget *window;

      g_object_ref_sink (charts[i]);
      assert_accessible (charts[i]);
      svg = export_both (charts[i], dir, name, 400, 200);
      /* The empty state's words are drawn. */
      window = show_in_window (charts[i], 500);
      g_assert_cmpuint (count_drawn_pixels (charts[i]), >, 0);
      gtk_window_destroy (GTK_WINDOW (window));
      g_assert_finalize_object (charts[i]);
    }
  remove_dir (dir);
}

/* A narrow funnel wraps its texts and asks for more height. */
static void
test_funnel_height_for_width (void)
{
  GtkWidget *chart = g_object_ref_sink (lw_funnel_chart_new ());
  int narrow = 0, wide = 0, minimum = 0;

  lw_funnel_chart_set_stages (LW_FUNNEL_CHART (chart), funnel_stages, G_N_ELEMENTS (funnel_stages));
  lw_funnel_chart_set_comparison_stages (LW_FUNNEL_CHART (chart), before_stages,
                                         G_N_ELEMENTS (before_stages));
  g_assert_cmpint (gtk_widget_get_request_mode (chart), ==, GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH);
  gtk_widget_measure (chart, GTK_ORIENTATION_VERTICAL, 900, &minimum, &wide, NULL, NULL);
  g_assert_cmpint (minimum, ==, wide);
  gtk_widget_measure (chart, GTK_ORIENTATION_VERTICAL, 300, NULL, &narrow, NULL, NULL);
  g_assert_cmpint (narrow, >, wide);

  g_assert_finalize_object (chart);
}

typedef struct
{
  GFile  *file;
  GError *error;
  gboolean done;
} DialogResult;

static void
dialog_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  DialogResult *dialog = user_data;

  dialog->file = lw_chart_export_dialog_finish (LW_CHART (source), result, &dialog->error);
  dialog->done = TRUE;
}

/* Lets the main loop run for @ms milliseconds. */
static void
spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

/* The file chooser GtkFileChooserNative shows without a portal. */
static GtkWidget *
chooser_shown (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (GTK_IS_FILE_CHOOSER_DIALOG (window) && gtk_widget_get_visible (window))
        return window;
    }
  return NULL;
}

static GtkWidget *
wait_for_chooser (void)
{
  GtkWidget *chooser;

  while ((chooser = chooser_shown ()) == NULL)
    g_main_context_iteration (NULL, TRUE);
  return chooser;
}

static void
test_export_dialog (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  GtkWidget *chart = lw_histogram_chart_new ();
  GtkWidget *window = show_in_window (chart, 600);
  DialogResult result = { NULL, NULL, FALSE };
  GtkWidget *chooser;
  g_autofree char *expected = g_build_filename (dir, "chosen.svg", NULL);
  g_autofree char *cwd = g_get_current_dir ();
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;

  lw_histogram_chart_set_buckets (LW_HISTOGRAM_CHART (chart), edges, G_N_ELEMENTS (edges),
                                  counts, G_N_ELEMENTS (counts));
  /* Wherever the chooser starts, it starts in the temporary directory. */
  g_assert_cmpint (g_chdir (dir), ==, 0);

  /* A name without an extension gets the chosen filter's: SVG here. */
  lw_chart_export_dialog_async (LW_CHART (chart), GTK_WINDOW (window), "ttft.svg", NULL,
                                dialog_done_cb, &result);
  chooser = wait_for_chooser ();
  spin (200);   /* the chooser settles on its first folder */
  g_assert_true (gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "chosen");
  spin (200);   /* and loads ours */
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  while (!result.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (result.error);
  path = g_file_get_path (result.file);
  g_assert_cmpstr (path, ==, expected);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "<title>Time to first touch</title>"));
  g_clear_object (&result.file);

  /* Cancelled by the person. */
  result.done = FALSE;
  lw_chart_export_dialog_async (LW_CHART (chart), GTK_WINDOW (window), "ttft.png", NULL,
                                dialog_done_cb, &result);
  chooser = wait_for_chooser ();
  spin (200);   /* closing a chooser that is still loading its folder makes it complain */
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
  while (!result.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (result.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (result.file);
  g_clear_error (&result.error);

  /* Cancelled by the program: the dialog closes. */
  result.done = FALSE;
  lw_chart_export_dialog_async (LW_CHART (chart), GTK_WINDOW (window), "ttft.png", cancellable,
                                dialog_done_cb, &result);
  wait_for_chooser ();
  spin (200);
  g_cancellable_cancel (cancellable);
  while (!result.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (result.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (chooser_shown ());
  g_clear_error (&result.error);

  /* Nothing else opened: no chooser, no error from it. */
  g_assert_cmpuint (g_list_model_get_n_items (gtk_window_get_toplevels ()), ==, 1);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_cmpint (g_chdir (cwd), ==, 0);
  remove_dir (dir);
}

/* ---- LwChartBase ---------------------------------------------------------------------- */

/* All five: charts by the interface, images with the shared style class,
 * each still with its own CSS name. */
static void
test_base_shared (void)
{
  GtkWidget *charts[] = {
    lw_bar_chart_new (), lw_funnel_chart_new (), lw_histogram_chart_new (),
    lw_rhythm_editor_new (LW_RHYTHM_HOURLY), lw_speed_curve_new (),
  };
  const char *css_names[] = { "barchart", "funnelchart", "histogramchart", "rhythmeditor",
                              "speedcurve" };
  const char *titles[] = { "Bar chart", "Funnel", "Time to first touch", "Arrivals by hour",
                           "Conversion by first-touch time" };

  for (guint i = 0; i < G_N_ELEMENTS (charts); i++)
    {
      g_object_ref_sink (charts[i]);
      g_assert_true (LW_IS_CHART_BASE (charts[i]));
      g_assert_true (LW_IS_CHART (charts[i]));
      g_assert_true (gtk_widget_has_css_class (charts[i], "lw-chart"));
      g_assert_cmpstr (gtk_widget_get_css_name (charts[i]), ==, css_names[i]);
      g_assert_cmpstr (lw_chart_get_title (LW_CHART (charts[i])), ==, titles[i]);
      g_assert_nonnull (lw_chart_get_description (LW_CHART (charts[i])));
      assert_accessible (charts[i]);
      g_object_unref (charts[i]);
    }
}

static void
test_base_rhythm_editor (void)
{
  GtkWidget *hourly = g_object_ref_sink (lw_rhythm_editor_new (LW_RHYTHM_HOURLY));
  GtkWidget *weekly = g_object_ref_sink (lw_rhythm_editor_new (LW_RHYTHM_WEEKLY));
  const double workdays[7] = { 2, 2, 2, 2, 2, 0, 0 };
  const char *description;

  /* Even by default: every hour 1/24 of the arrivals, 4 % rounded. */
  description = lw_chart_get_description (LW_CHART (hourly));
  g_assert_true (g_str_has_prefix (description, "00:00–01:00: 4 %, 01:00–02:00: 4 %, "));
  g_assert_true (g_str_has_suffix (description, ", 23:00–00:00: 4 %"));
  assert_accessible (hourly);

  g_assert_cmpstr (lw_chart_get_title (LW_CHART (weekly)), ==, "Arrivals by weekday");
  g_assert_cmpstr (lw_chart_get_description (LW_CHART (weekly)), ==,
                   "Monday: 14 %, Tuesday: 14 %, Wednesday: 14 %, Thursday: 14 %, Friday: 14 %, "
                   "Saturday: 14 %, Sunday: 14 %");

  /* Weekdays only: each 2 of 10. */
  lw_rhythm_editor_set_weights (LW_RHYTHM_EDITOR (weekly), workdays);
  g_assert_cmpstr (lw_chart_get_description (LW_CHART (weekly)), ==,
                   "Monday: 20 %, Tuesday: 20 %, Wednesday: 20 %, Thursday: 20 %, Friday: 20 %, "
                   "Saturday: 0 %, Sunday: 0 %");
  assert_accessible (weekly);

  /* A busy Saturday: 10 of 20. */
  lw_rhythm_editor_set_weight (LW_RHYTHM_EDITOR (weekly), 5, 10);
  g_assert_cmpstr (lw_chart_get_description (LW_CHART (weekly)), ==,
                   "Monday: 10 %, Tuesday: 10 %, Wednesday: 10 %, Thursday: 10 %, Friday: 10 %, "
                   "Saturday: 50 %, Sunday: 0 %");
  assert_accessible (weekly);

  /* A negative weight counts as none. */
  lw_rhythm_editor_set_weight (LW_RHYTHM_EDITOR (weekly), 5, -3);
  g_assert_cmpstr (lw_chart_get_description (LW_CHART (weekly)), ==,
                   "Monday: 20 %, Tuesday: 20 %, Wednesday: 20 %, Thursday: 20 %, Friday: 20 %, "
                   "Saturday: 0 %, Sunday: 0 %");

  g_object_unref (hourly);
  g_object_unref (weekly);
}

static void
test_base_speed_curve (void)
{
  GtkWidget *curve = g_object_ref_sink (lw_speed_curve_new ());

  /* floor 0.15, half-life 30 min: 0.15 + 0.85 × 0.5^(t / 30) is 0.907
   * at 5 min, 0.3625 at 1 h and 0.15 a day later. */
  g_assert_cmpstr (lw_chart_get_description (LW_CHART (curve)), ==,
                   "Touched after 5 minutes: 91 %; after 1 hour: 36 %; after 1 day: 15 %");
  assert_accessible (curve);

  /* floor 0.25, half-life 45 min: 0.944, 0.548, 0.25. */
  lw_speed_curve_set_model (LW_SPEED_CURVE (curve), 0.25, 45);
  g_assert_cmpstr (lw_chart_get_description (LW_CHART (curve)), ==,
                   "Touched after 5 minutes: 94 %; after 1 hour: 55 %; after 1 day: 25 %");
  assert_accessible (curve);

  /* Without a half-life the factor stays at 1. */
  lw_speed_curve_set_model (LW_SPEED_CURVE (curve), 0.25, 0);
  g_assert_cmpstr (lw_chart_get_description (LW_CHART (curve)), ==,
                   "Touched after 5 minutes: 100 %; after 1 hour: 100 %; after 1 day: 100 %");
  assert_accessible (curve);

  g_object_unref (curve);
}

/* A chart whose title changes is renamed for assistive technology too,
 * and its default title comes back. */
static void
test_base_title_is_label (void)
{
  GtkWidget *chart = g_object_ref_sink (lw_bar_chart_new ());
  const LwBarChartItem items[] = { { "a", "Jake Miller", 825, 1200 } };

  lw_bar_chart_set_title (LW_BAR_CHART (chart), "Leads per rep");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (chart), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Leads per rep");
  g_assert_cmpstr (lw_chart_get_description (LW_CHART (chart)), ==, "Nothing to show yet.");

  lw_bar_chart_set_items (LW_BAR_CHART (chart), items, G_N_ELEMENTS (items));
  /* lw_format_percent() keeps the number and its sign together. */
  g_assert_cmpstr (lw_chart_get_description (LW_CHART (chart)), ==,
                   "Jake Miller: 825, marker 1,200 (68.8\xc2\xa0%).");
  assert_accessible (chart);

  lw_bar_chart_set_title (LW_BAR_CHART (chart), NULL);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (chart), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Bar chart");
  g_object_unref (chart);
}

/* On screen, the base's snapshot draws what the chart draws. */
static void
test_base_snapshot (void)
{
  GtkWidget *charts[] = { lw_rhythm_editor_new (LW_RHYTHM_WEEKLY), lw_speed_curve_new () };

  for (guint i = 0; i < G_N_ELEMENTS (charts); i++)
    {
      GtkWidget *window = show_in_window (charts[i], 600);
      int width = gtk_widget_get_width (charts[i]), height = gtk_widget_get_height (charts[i]);
      guint drawn = count_drawn_pixels (charts[i]);

      g_assert_cmpint (height, >, 40);
      /* Bars, tracks, the curve and labels: a good part, not all. */
      g_assert_cmpuint (drawn, >, width * height / 20);
      g_assert_cmpuint (drawn, <, width * height);
      gtk_window_destroy (GTK_WINDOW (window));
    }
}

static void
test_base_bad_input (void)
{
  GtkWidget *label = g_object_ref_sink (gtk_label_new (NULL));
  /* Refused, so not taken. */
  g_autofree char *description = g_strdup ("A label");

  g_test_expect_message ("leadwright", G_LOG_LEVEL_CRITICAL, "*LW_IS_CHART_BASE*");
  lw_chart_base_take_description ((LwChartBase *) label, description);
  g_test_assert_expected_messages ();

  g_test_expect_message ("leadwright", G_LOG_LEVEL_CRITICAL, "*kind*");
  g_assert_null (lw_rhythm_editor_new ((LwRhythmKind) 7));
  g_test_assert_expected_messages ();

  g_object_unref (label);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  /* GTK's test accessibility backend: it needs no bus, like "none", and
   * keeps the accessible properties the tests read back. */
  g_setenv ("GTK_A11Y", "test", TRUE);

  if (!gtk_init_check ())
    {
      g_test_message ("no display");
      return 77;
    }
  adw_init ();

  g_test_add_func ("/gui/charts/formats", test_formats);
  g_test_add_func ("/gui/charts/funnel/data", test_funnel_data);
  g_test_add_func ("/gui/charts/funnel/summary", test_funnel_summary);
  g_test_add_func ("/gui/charts/funnel/height-for-width", test_funnel_height_for_width);
  g_test_add_func ("/gui/charts/histogram/data", test_histogram_data);
  g_test_add_func ("/gui/charts/histogram/deadline-colors", test_histogram_deadline_colors);
  g_test_add_func ("/gui/charts/bars/data", test_bar_data);
  g_test_add_func ("/gui/charts/bars/thresholds", test_bar_thresholds);
  g_test_add_func ("/gui/charts/bars/outlier", test_bar_outlier);
  g_test_add_func ("/gui/charts/export", test_export);
  g_test_add_func ("/gui/charts/export-dialog", test_export_dialog);
  g_test_add_func ("/gui/charts/render", test_render);
  g_test_add_func ("/gui/charts/empty", test_empty);
  g_test_add_func ("/gui/charts/base/shared", test_base_shared);
  g_test_add_func ("/gui/charts/base/rhythm-editor", test_base_rhythm_editor);
  g_test_add_func ("/gui/charts/base/speed-curve", test_base_speed_curve);
  g_test_add_func ("/gui/charts/base/title-is-label", test_base_title_is_label);
  g_test_add_func ("/gui/charts/base/snapshot", test_base_snapshot);
  g_test_add_func ("/gui/charts/base/bad-input", test_base_bad_input);

  return g_test_run ();
}
