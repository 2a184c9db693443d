/* test-gui-chart-base.c: what the five chart widgets get from LwChartBase
 *
 * Every chart is an image to assistive technology, named by its title and
 * described by its data; the rhythm editor and the speed curve, which no
 * other test reads that way, are checked here word for word.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "lw-bar-chart.h"
#include "lw-chart-base.h"
#include "lw-funnel-chart.h"
#include "lw-histogram-chart.h"
#include "lw-rhythm-editor.h"
#include "lw-speed-curve.h"

/* The accessible label is the title, the accessible description the
 * description of the data. */
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
  data = g_malloc (4 * width * height);
  gdk_texture_download (texture, data, 4 * width);
  for (int i = 0; i < width * height; i++)
    if (data[4 * i + 3] != 0)
      drawn++;
  return drawn;
}

/* ---- tests ---------------------------------------------------------------------------- */

/* All five: charts by the interface, images with the shared style class,
 * each still with its own CSS name. */
static void
test_shared (void)
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
test_rhythm_editor (void)
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
test_speed_curve (void)
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
test_title_is_label (void)
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
test_snapshot (void)
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
test_bad_input (void)
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
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  /* GTK's test accessibility backend: it needs no bus, like "none", and
   * keeps the accessible properties the tests read back. */
  g_setenv ("GTK_A11Y", "test", TRUE);

  if (!gtk_init_check ())
    {
      g_test_message ("no display");
      return 77;
    }
  adw_init ();

  g_test_add_func ("/gui/chart-base/shared", test_shared);
  g_test_add_func ("/gui/chart-base/rhythm-editor", test_rhythm_editor);
  g_test_add_func ("/gui/chart-base/speed-curve", test_speed_curve);
  g_test_add_func ("/gui/chart-base/title-is-label", test_title_is_label);
  g_test_add_func ("/gui/chart-base/snapshot", test_snapshot);
  g_test_add_func ("/gui/chart-base/bad-input", test_bad_input);

  return g_test_run ();
}
