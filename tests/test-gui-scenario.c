/* test-gui-scenario.c: the scenario settings beyond volume, shares and mixes
 *
 * The Simulate page's scenario editor on a workspace file made from the
 * sample playbook and its sample scenario: arrival rhythms edited by
 * dragging their bars and by presets, the conversion model's half-life
 * and rates, the reps' response time by intent, the kinds of email
 * address and the domain lists, bands, an entry point's own mix, name
 * lists, the activity of each arrival and the statuses a run sets. Each
 * edit must reach the scenario the workspace keeps, and a
 * simulation of the kept scenario must change as the edit says; a wrong
 * value shows at its row and is not kept.
 *
 * (The first settings, leads, shares, mixes and response times, are
 * tested in test-gui-simulate.c.)
 *
 * With LW_SCREENSHOT_DIR set, /gui/scenario/screenshots saves pictures of
 * the open settings there (light and dark, wide and narrow).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "lw-config-json.h"
#include "lw-editor-utils.h"
#include "lw-gui-test-utils.h"
#include "lw-lead.h"
#include "lw-rhythm-editor.h"
#include "lw-scenario-editor.h"
#include "lw-sim-context.h"
#include "lw-sim-settings.h"
#include "lw-simulate-page.h"
#include "lw-simulator.h"
#include "lw-speed-curve.h"
#include "lw-store.h"
#include "lw-workspace.h"
#include "lw-test-utils.h"

typedef struct
{
  char        *dir;
  char        *path;
  LwWorkspace *workspace;
  GtkWidget   *window;
  GtkWidget   *page;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->workspace = lw_gui_test_create_sample ("lw-test-scenario", &fixture->dir, &fixture->path);

  fixture->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 900, 700);
  fixture->page = lw_simulate_page_new (fixture->workspace);
  gtk_window_set_child (GTK_WINDOW (fixture->window), fixture->page);
  gtk_window_present (GTK_WINDOW (fixture->window));
  lw_gui_test_settle ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  lw_gui_test_settle ();
  g_clear_object (&fixture->workspace);
  lw_test_remove_tree (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

/* ---- helpers ------------------------------------------------------------------------------- */

static LwScenarioEditor *
editor_of (Fixture *fixture)
{
  return LW_SCENARIO_EDITOR (lw_simulate_page_get_editor (LW_SIMULATE_PAGE (fixture->page)));
}

static void
open_settings (GtkWidget *page)
{
  GtkWidget *editor = lw_simulate_page_get_editor (LW_SIMULATE_PAGE (page));
  GtkRevealer *revealer = GTK_REVEALER (gtk_widget_get_ancestor (editor, GTK_TYPE_REVEALER));

  if (!gtk_revealer_get_reveal_child (revealer))
    lw_gui_test_activate (page, "simulate.toggle-settings");
  g_assert_true (gtk_revealer_get_reveal_child (revealer));
}

static gboolean
allocated (gpointer data)
{
  return gtk_widget_get_width (data) > 0 && gtk_widget_get_height (data) > 0;
}

/* The editor's row for @path, on screen. */
static GtkWidget *
row_at (Fixture    *fixture,
        const char *path)
{
  GtkWidget *row;

  /* Revealing a row may first build it, inside an expander opened then. */
  open_settings (fixture->page);
  lw_scenario_editor_reveal (editor_of (fixture), path);
  lw_gui_test_settle ();
  row = lw_scenario_editor_find_row (editor_of (fixture), path);
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_get_mapped (row));
  lw_gui_test_iterate_until (allocated, row, 5000);
  return row;
}

static GtkWidget *
spin_at (Fixture    *fixture,
         const char *path)
{
  return lw_gui_test_child_of_type (row_at (fixture, path), GTK_TYPE_SPIN_BUTTON);
}

static gboolean
run_enabled (Fixture *fixture)
{
  return gtk_widget_is_sensitive (lw_gui_test_button (fixture->page, "Run Simulation"));
}

/* The scenario as the workspace file keeps it. */
static LwScenario *
kept_scenario (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwStore) store = lw_store_open (fixture->path, &error);
  LwScenario *kept;

  g_assert_no_error (error);
  kept = lw_sim_scenario_load (store, NULL, &error);
  g_assert_no_error (error);
  return kept;
}

static const char *
subtitle_of (GtkWidget *row)
{
  GtkWidget *label = g_object_get_data (G_OBJECT (row), "lw-subtitle-label");

  if (label != NULL)
    return gtk_label_get_text (GTK_LABEL (label));
  if (ADW_IS_EXPANDER_ROW (row))
    return adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row));
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
}

/* The rhythm editors of an entry point's rhythm row: hourly, weekly. */
static LwRhythmEditor *
rhythm_editor (GtkWidget    *row,
               LwRhythmKind  kind)
{
  g_autoptr(GPtrArray) editors = lw_gui_test_find_all (row, LW_TYPE_RHYTHM_EDITOR);

  g_assert_cmpuint (editors->len, ==, 2);
  for (guint i = 0; i < editors->len; i++)
    if (lw_rhythm_editor_get_kind (g_ptr_array_index (editors, i)) == kind)
      return g_ptr_array_index (editors, i);
  g_assert_not_reached ();
}

static GtkGesture *
drag_gesture_of (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_DRAG (controller))
        return GTK_GESTURE (controller);
    }
  g_assert_not_reached ();
}

/* The middle of bar @index across the editor's width (its bars fill the
 * width less a pixel at either end). */
static double
bar_x (LwRhythmEditor *editor,
       guint           index)
{
  double width = gtk_widget_get_width (GTK_WIDGET (editor));
  double bar = (width - 2) / lw_rhythm_editor_get_n_bars (editor);

  return 1 + (index + 0.5) * bar;
}

/* Drags across the editor as a pointer does, from bar @from to bar @to,
 * each at its top (@full) or its bottom, through the gesture's own
 * signals. */
static void
drag_bars (LwRhythmEditor *editor,
           guint           from,
           gboolean        from_full,
           guint           to,
           gboolean        to_full)
{
  GtkGesture *drag = drag_gesture_of (GTK_WIDGET (editor));
  double height = gtk_widget_get_height (GTK_WIDGET (editor));
  double x0 = bar_x (editor, from);
  double x1 = bar_x (editor, to);

  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (editor)), >, 0);
  /* Above the top is a full bar; below the bottom an empty one. */
  double y0 = from_full ? -20.0 : height + 20;

  g_signal_emit_by_name (drag, "drag-begin", x0, y0);
  g_signal_emit_by_name (drag, "drag-update", x1 - x0, (to_full ? -20.0 : height + 20) - y0);
}

static void
drag_end (LwRhythmEditor *editor)
{
  g_signal_emit_by_name (drag_gesture_of (GTK_WIDGET (editor)), "drag-end", 0.0, 0.0);
  lw_gui_test_settle ();
}

typedef struct
{
  GTimeZone *tz;
  guint      by_hour[24];
  guint      by_day[7];
  guint      leads;
} Arrivals;

static gboolean
count_arrivals_cb (const LwSimLead *leads,
                   guint            n,
                   gpointer         user_data,
                   GError         **error)
{
  Arrivals *arrivals = user_data;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (leads[i].created_at);
      g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, arrivals->tz);

      arrivals->by_hour[g_date_time_get_hour (local)]++;
      arrivals->by_day[g_date_time_get_day_of_week (local) - 1]++;
      arrivals->leads++;
    }
  return TRUE;
}

/* Simulates @scenario with the workspace's rules in memory with @seed. */
static LwSimulation *
simulate (Fixture    *fixture,
          LwScenario *kept,
          guint       seed,
          Arrivals   *arrivals)
{
  g_autoptr(GError) error = NULL;
  LwSimOptions options = LW_SIM_OPTIONS_INIT;
  LwSimSink sink = { count_arrivals_cb, NULL, arrivals };
  LwSimulation *simulation;

  options.seed = seed;
  simulation = lw_simulation_new (lw_workspace_get_config (fixture->workspace), kept, &options, &error);
  g_assert_no_error (error);
  if (arrivals != NULL)
    arrivals->tz = lw_scenario_get_time_zone (kept);
  g_assert_true (lw_simulation_run (simulation, arrivals != NULL ? &sink : NULL, NULL, NULL, NULL,
                                    &error));
  g_assert_no_error (error);
  return simulation;
}

/* ---- arrival rhythms ----------------------------------------------------------------------- */

/* Rhythms are edited by dragging bars and by presets; the scenario kept
 * in the workspace has them, and leads then arrive by them. */
static void
test_rhythm (Fixture       *fixture,
             gconstpointer  data)
{
  LwSimContext *context = lw_sim_context_get (fixture->workspace);
  g_autoptr(LwScenario) kept = NULL;
  g_autoptr(LwSimulation) simulation = NULL;
  Arrivals arrivals = { NULL, };
  LwEntryPoint *first;
  LwRhythmEditor *hourly, *weekly;
  GtkWidget *row;
  guint entries;

  /* The sample's demo forms: busiest at 09:00 (its first 1), weekends at
   * (0.3 + 0.25) / 2 = 0.275 of the weekday mean (1 + 1 + 1 + 0.95 + 0.8) / 5
   * = 0.95: 29 %. */
  row = row_at (fixture, "$.entryPoints[0].hourly");
  g_assert_true (row == lw_scenario_editor_find_row (editor_of (fixture), "$.entryPoints[0].weekly"));
  g_assert_cmpstr (subtitle_of (row), ==, "Busiest 09:00–10:00 · weekends at 29 % of a weekday");
  hourly = rhythm_editor (row, LW_RHYTHM_HOURLY);
  weekly = rhythm_editor (row, LW_RHYTHM_WEEKLY);
  g_assert_cmpfloat (lw_rhythm_editor_get_weights (hourly)[9], ==, 1);
  g_assert_cmpfloat (lw_rhythm_editor_get_weights (hourly)[3], ==, 0.08);
  g_assert_cmpfloat (lw_rhythm_editor_get_weights (weekly)[5], ==, 0.3);

  /* A preset sets both rhythms, and is kept at once. */
  gtk_widget_activate_action (row, "rhythm.preset", "s", "around-the-clock");
  lw_gui_test_settle ();
  g_assert_cmpstr (subtitle_of (row), ==, "The same every hour · weekends as busy as weekdays");
  kept = kept_scenario (fixture);
  first = g_ptr_array_index (kept->entry_points, 0);
  for (guint h = 0; h < 24; h++)
    g_assert_cmpfloat (first->hourly[h], ==, 1);
  for (guint d = 0; d < 7; d++)
    g_assert_cmpfloat (first->weekly[d], ==, 1);
  /* The second entry point is untouched. */
  g_assert_cmpfloat (((LwEntryPoint *) g_ptr_array_index (kept->entry_points, 1))->hourly[3], ==, 0.08);

  /* "Weekdays only" leaves the hours alone. */
  gtk_widget_activate_action (row, "rhythm.preset", "s", "weekdays-only");
  lw_gui_test_settle ();
  g_assert_cmpstr (subtitle_of (row), ==, "The same every hour · none at weekends");
  g_clear_pointer (&kept, lw_scenario_unref);
  kept = kept_scenario (fixture);
  first = g_ptr_array_index (kept->entry_points, 0);
  g_assert_cmpfloat (first->hourly[3], ==, 1);
  g_assert_cmpfloat (first->weekly[4], ==, 1);
  g_assert_cmpfloat (first->weekly[5], ==, 0);
  g_assert_cmpfloat (first->weekly[6], ==, 0);

  /* A drag from the top of 00:00 to the bottom of 05:00 draws a slope:
   * 1 at 00:00, then 0.8, 0.6, 0.4, 0.2 and 0 at 05:00 (the scale is 1,
   * the largest weight). Nothing is kept until the pointer is released. */
  drag_bars (hourly, 0, TRUE, 5, FALSE);
  g_assert_cmpfloat_with_epsilon (lw_rhythm_editor_get_weights (hourly)[1], 0.8, 1e-9);
  g_assert_cmpfloat_with_epsilon (lw_rhythm_editor_get_weights (hourly)[4], 0.2, 1e-9);
  g_assert_cmpfloat (lw_rhythm_editor_get_weights (hourly)[5], ==, 0);
  g_clear_pointer (&kept, lw_scenario_unref);
  kept = kept_scenario (fixture);
  g_assert_cmpfloat (((LwEntryPoint *) g_ptr_array_index (kept->entry_points, 0))->hourly[5], ==, 1);
  drag_end (hourly);
  g_clear_pointer (&kept, lw_scenario_unref);
  kept = kept_scenario (fixture);
  first = g_ptr_array_index (kept->entry_points, 0);
  g_assert_cmpfloat (first->hourly[0], ==, 1);
  g_assert_cmpfloat_with_epsilon (first->hourly[1], 0.8, 1e-9);
  g_assert_cmpfloat_with_epsilon (first->hourly[2], 0.6, 1e-9);
  g_assert_cmpfloat_with_epsilon (first->hourly[3], 0.4, 1e-9);
  g_assert_cmpfloat_with_epsilon (first->hourly[4], 0.2, 1e-9);
  g_assert_cmpfloat (first->hourly[5], ==, 0);
  g_assert_cmpfloat (first->hourly[6], ==, 1);
  g_assert_cmpstr (subtitle_of (row), ==, "Busiest 00:00–01:00 · none at weekends");

  /* By keyboard: Right picks 01:00, Up raises it by a twentieth of the
   * scale (1), Page Down lowers it by a quarter: 0.8 + 0.05 - 0.25 = 0.6. */
  {
    g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (hourly));
    GtkEventController *keys = NULL;
    gboolean handled = FALSE;

    for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
      {
        g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

        if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
          keys = GTK_EVENT_CONTROLLER (controller);
      }
    g_assert_nonnull (keys);
    g_assert_cmpuint (lw_rhythm_editor_get_selected (hourly), ==, 5);
    for (guint i = 0; i < 4; i++)
      g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_Left, 0, 0, &handled);
    g_assert_true (handled);
    g_assert_cmpuint (lw_rhythm_editor_get_selected (hourly), ==, 1);
    g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_Up, 0, 0, &handled);
    g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_Page_Down, 0, 0, &handled);
    lw_gui_test_settle ();
    g_clear_pointer (&kept, lw_scenario_unref);
    kept = kept_scenario (fixture);
    g_assert_cmpfloat_with_epsilon (((LwEntryPoint *) g_ptr_array_index (kept->entry_points, 0))->hourly[1],
                                    0.6, 1e-9);
    /* Other keys are left to others. */
    g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_a, 0, 0, &handled);
    g_assert_false (handled);
  }

  /* Bad input: a week of zeros. The row says so, runs stop, the file
   * keeps the last good rhythm; one day back makes it good again. */
  for (guint d = 0; d < 5; d++)
    lw_rhythm_editor_set_weight (weekly, d, 0);
  lw_gui_test_settle ();
  g_assert_true (gtk_widget_has_css_class (row, "lw-invalid"));
  g_assert_nonnull (strstr (subtitle_of (row), "add up to 0"));
  g_assert_false (run_enabled (fixture));
  g_assert_cmpstr (((LwDiagnostic *) g_ptr_array_index (lw_sim_context_get_problems (context), 0))->path,
                   ==, "$.entryPoints[0].weekly");
  /* Kept: the last good week, Friday only. */
  g_clear_pointer (&kept, lw_scenario_unref);
  kept = kept_scenario (fixture);
  first = g_ptr_array_index (kept->entry_points, 0);
  g_assert_cmpfloat (first->weekly[3], ==, 0);
  g_assert_cmpfloat (first->weekly[4], ==, 1);
  lw_rhythm_editor_set_weight (weekly, 2, 1);
  lw_gui_test_settle ();
  g_assert_false (gtk_widget_has_css_class (row, "lw-invalid"));
  g_assert_true (run_enabled (fixture));

  /* Every entry point at 10:00 only, on Wednesdays only: every lead of a
   * run arrives then, in the scenario's time zone. */
  entries = lw_sim_context_get_draft (context)->entry_points->len;
  for (guint i = 0; i < entries; i++)
    {
      g_autofree char *path = g_strdup_printf ("$.entryPoints[%u].hourly", i);
      GtkWidget *at = row_at (fixture, path);
      LwRhythmEditor *h = rhythm_editor (at, LW_RHYTHM_HOURLY);
      LwRhythmEditor *w = rhythm_editor (at, LW_RHYTHM_WEEKLY);

      gtk_widget_activate_action (at, "rhythm.preset", "s", "around-the-clock");
      lw_gui_test_settle ();
      drag_bars (h, 0, FALSE, 23, FALSE);
      drag_end (h);
      lw_rhythm_editor_set_weight (h, 10, 1);
      for (guint d = 0; d < 7; d++)
        lw_rhythm_editor_set_weight (w, d, d == 2 ? 1 : 0);
      lw_gui_test_settle ();
      g_assert_cmpstr (subtitle_of (at), ==, "Busiest 10:00–11:00 · none at weekends");
    }
  g_assert_cmpuint (lw_sim_context_get_problems (context)->len, ==, 0);

  g_clear_pointer (&kept, lw_scenario_unref);
  kept = kept_scenario (fixture);
  for (guint i = 0; i < entries; i++)
    for (guint h = 0; h < 24; h++)
      g_assert_cmpfloat (((LwEntryPoint *) g_ptr_array_index (kept->entry_points, i))->hourly[h], ==,
                         h == 10 ? 1 : 0);
  simulation = simulate (fixture, kept, 5, &arrivals);
  g_assert_cmpuint (arrivals.leads, ==, kept->leads);
  g_assert_cmpuint (arrivals.by_hour[10], ==, kept->leads);
  g_assert_cmpuint (arrivals.by_day[2], ==, kept->leads);
}

/* ---- conversion ---------------------------------------------------------------------------- */

/* The half-life shapes the curve and the run: a shorter one means fewer
 * qualified leads for the same touch times. */
static void
test_conversion (Fixture       *fixture,
                 gconstpointer  data)
{
  LwSimContext *context = lw_sim_context_get (fixture->workspace);
  g_autoptr(LwScenario) kept = NULL;
  g_autoptr(LwSimulation) before = NULL;
  g_autoptr(LwSimulation) after = NULL;
  GtkWidget *speed, *half_life, *outcome;
  LwSpeedCurve *curve;
  guint converted_before, converted_after;

  /* The sample scenario, before any edit (the file has none yet). */
  before = simulate (fixture, lw_sim_context_get_scenario (context), 11, NULL);
  converted_before = lw_simulation_get_summary (before)->converted;

  /* The sample: floor 0.12, half-life 30 min. After 5 min,
   * 0.12 + 0.88 × 0.5^(1/6) = 0.904; after 1 h, 0.12 + 0.88 / 4 = 0.34;
   * after a day, the floor. */
  speed = row_at (fixture, "$.conversion.speedToLead");
  curve = LW_SPEED_CURVE (lw_gui_test_child_of_type (speed, LW_TYPE_SPEED_CURVE));
  g_assert_cmpstr (subtitle_of (speed), ==, "Touched after 5 min: 90 % · 1 h: 34 % · 1 day: 12 %");
  g_assert_cmpfloat_with_epsilon (lw_speed_curve_factor_at (curve, 60), 0.34, 1e-9);

  /* 5 minutes: 0.12 + 0.88 / 2 = 0.56 after 5 min, 0.12 + 0.88 / 4096
   * after an hour. */
  half_life = row_at (fixture, "$.conversion.speedToLead.halfLifeMinutes");
  lw_gui_test_set_spin (half_life, 5);
  g_assert_cmpstr (subtitle_of (speed), ==, "Touched after 5 min: 56 % · 1 h: 12 % · 1 day: 12 %");
  g_assert_cmpfloat_with_epsilon (lw_speed_curve_factor_at (curve, 5), 0.56, 1e-9);
  kept = kept_scenario (fixture);
  g_assert_cmpfloat (kept->conversion.half_life_minutes, ==, 5);
  g_assert_nonnull (strstr (lw_sim_context_get_scenario_json (context),
                            "\"speedToLead\": {\n      \"floor\": 0.12,\n      \"halfLifeMinutes\": 5\n"));

  /* The same leads and touches, each qualifying with a lower chance: the
   * median touch comes after about 45 minutes, where the factor falls from
   * 0.12 + 0.88 × 0.5^1.5 = 0.43 to about the floor, 0.12. */
  after = simulate (fixture, kept, 11, NULL);
  converted_after = lw_simulation_get_summary (after)->converted;
  g_assert_cmpuint (lw_simulation_get_summary (after)->leads, ==,
                    lw_simulation_get_summary (before)->leads);
  g_assert_cmpuint (lw_simulation_get_summary (after)->touched, ==,
                    lw_simulation_get_summary (before)->touched);
  g_assert_cmpuint (converted_before, >, 100);
  g_assert_cmpuint (converted_after, <, converted_before * 7 / 10);

  /* Hours are said in the subtitle. */
  lw_gui_test_set_spin (half_life, 90);
  g_assert_nonnull (strstr (subtitle_of (half_life), "(1.5 h)"));

  /* Bad input: a half-life of 0 is refused at its row; the file keeps 90. */
  lw_gui_test_set_spin (half_life, 0);
  g_assert_true (gtk_widget_has_css_class (half_life, "lw-invalid"));
  g_assert_nonnull (strstr (subtitle_of (half_life), "must be more than 0"));
  g_assert_false (run_enabled (fixture));
  g_clear_pointer (&kept, lw_scenario_unref);
  kept = kept_scenario (fixture);
  g_assert_cmpfloat (kept->conversion.half_life_minutes, ==, 90);
  lw_gui_test_set_spin (half_life, 30);
  g_assert_true (run_enabled (fixture));

  /* Rates by intent: qualified + unqualified + bad timing may not pass 1.
   * High intent: 0.8 + 0.25 + 0.1 = 1.15. */
  outcome = lw_scenario_editor_find_row (editor_of (fixture), "$.conversion");
  g_assert_true (outcome == lw_scenario_editor_find_row (editor_of (fixture), "$.conversion.sql.rate"));
  g_assert_cmpstr (subtitle_of (outcome), ==, "high 50 % · medium 30 % · low 10 %");
  lw_gui_test_set_spin (spin_at (fixture, "$.conversion.sql.rate.high"), 80);
  g_assert_true (gtk_widget_has_css_class (outcome, "lw-invalid"));
  g_assert_nonnull (strstr (subtitle_of (outcome), "add up to 1.15, more than 1"));
  g_assert_false (run_enabled (fixture));
  lw_gui_test_set_spin (spin_at (fixture, "$.conversion.sql.rate.high"), 60);
  g_assert_false (gtk_widget_has_css_class (outcome, "lw-invalid"));
  g_assert_cmpstr (subtitle_of (outcome), ==, "high 60 % · medium 30 % · low 10 %");
  g_clear_pointer (&kept, lw_scenario_unref);
  kept = kept_scenario (fixture);
  g_assert_cmpfloat_with_epsilon (kept->conversion.sql.rate[LW_INTENT_HIGH], 0.6, 1e-12);
  g_assert_cmpfloat (kept->conversion.half_life_minutes, ==, 30);
  g_assert_cmpuint (lw_sim_context_get_problems (context)->len, ==, 0);

  /* A won deal's own floor of 80 %, dropped: the conversion's floor then
   * applies to it too. */
  {
    GtkWidget *own = row_at (fixture, "$.conversion.customer.floor");

    g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (lw_gui_test_child_of_type (own,
                                                                    GTK_TYPE_SPIN_BUTTON))), ==, 80);
    lw_gui_test_set_active (lw_gui_test_child_of_type (own, GTK_TYPE_CHECK_BUTTON), FALSE);
    lw_gui_test_settle ();
    g_clear_pointer (&kept, lw_scenario_unref);
    kept = kept_scenario (fixture);
    g_assert_false (kept->conversion.customer.has_floor);
    g_assert_true (kept->conversion.opportunity.has_floor);
    g_assert_cmpfloat (kept->conversion.opportunity.floor, ==, 0.5);
  }

  /* How long a deal takes to close: its median, in days. */
  g_assert_cmpstr (subtitle_of (lw_scenario_editor_find_row (editor_of (fixture), "$.conversion.closeDays")),
                   ==, "Long tail (lognormal): median 35, spread (sigma) 0.5 · at most 180");
  lw_gui_test_set_spin (spin_at (fixture, "$.conversion.closeDays.lognormal.median"), 60);
  g_assert_cmpstr (subtitle_of (lw_scenario_editor_find_row (editor_of (fixture), "$.conversion.closeDays")),
                   ==, "Long tail (lognormal): median 60, spread (sigma) 0.5 · at most 180");
  g_clear_pointer (&kept, lw_scenario_unref);
  kept = kept_scenario (fixture);
  g_assert_cmpfloat (kept->conversion.close_days.a, ==, 60);
  g_assert_cmpint (kept->conversion.close_days.kind, ==, LW_NUMBER_LOGNORMAL);
}

/* ---- reps and email ------------------------------------------------------------------------ */

static void
test_reps_and_email (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(LwScenario) kept = NULL;
  GtkWidget *factors, *email;

  /* The sample: high × 0.5, medium × 1, low × 2. */
  factors = lw_scenario_editor_find_row (editor_of (fixture), "$.reps.intentFactor");
  g_assert_cmpstr (subtitle_of (factors), ==, "high × 0.5 · medium × 1 · low × 2");
  lw_gui_test_set_spin (spin_at (fixture, "$.reps.intentFactor.low"), 3);
  g_assert_cmpstr (subtitle_of (factors), ==, "high × 0.5 · medium × 1 · low × 3");
  kept = kept_scenario (fixture);
  g_assert_cmpfloat (kept->reps.intent_factor[LW_INTENT_LOW], ==, 3);

  /* Free mail 25 %, accounts 3 %, competitors 0.4 %: the rest, 71.6 %,
   * the company's own domain. */
  email = lw_scenario_editor_find_row (editor_of (fixture), "$.email");
  g_assert_cmpstr (subtitle_of (email), ==, "25 % free mail · 72 % the company’s own domain");
  lw_gui_test_set_spin (spin_at (fixture, "$.email.freeShare"), 40);
  g_assert_cmpstr (subtitle_of (email), ==, "40 % free mail · 57 % the company’s own domain");
  g_clear_pointer (&kept, lw_scenario_unref);
  kept = kept_scenario (fixture);
  g_assert_cmpfloat_with_epsilon (kept->email.free_share, 0.4, 1e-12);

  /* Bad input: 98 + 3 + 0.4 passes 100 %. */
  lw_gui_test_set_spin (spin_at (fixture, "$.email.freeShare"), 98);
  g_assert_true (gtk_widget_has_css_class (email, "lw-invalid"));
  g_assert_nonnull (strstr (subtitle_of (email), "add up to more than 1"));
  g_assert_false (run_enabled (fixture));
  g_clear_pointer (&kept, lw_scenario_unref);
  kept = kept_scenario (fixture);
  g_assert_cmpfloat_with_epsilon (kept->email.free_share, 0.4, 1e-12);
  lw_gui_test_set_spin (spin_at (fixture, "$.email.freeShare"), 20);
  g_assert_true (run_enabled (fixture));
}

/* ---- distributions, branches and activities ------------------------------------------------ */

static const LwPropertyDist *
find_dist (LwScenario *scenario,
           const char *property)
{
  for (guint i = 0; i < scenario->properties->len; i++)
    {
      const LwPropertyDist *dist = g_ptr_array_index (scenario->properties, i);

      if (g_str_equal (dist->property, property))
        return dist;
    }
  g_assert_not_reached ();
}

static double
branch_weight (const LwPropertyDist *dist,
               const char           *when,
               const char           *value)
{
  for (guint b = 0; b < dist->branches->len; b++)
    {
      const LwBranch *branch = g_ptr_array_index (dist->branches, b);

      for (guint k = 0; g_str_equal (branch->when, when) && k < branch->weights->len; k++)
        {
          const LwWeight *weight = g_ptr_array_index (branch->weights, k);

          if (g_str_equal (weight->value, value))
            return weight->weight;
        }
    }
  g_assert_not_reached ();
}

static void
test_distributions (Fixture       *fixture,
                    gconstpointer  data)
{
  LwScenarioEditor *editor = editor_of (fixture);
  g_autoptr(LwScenario) kept = NULL;
  const LwPropertyDist *employees, *job_title;
  GtkWidget *number, *to, *lowest, *mix, *branch, *activity;

  /* A number: its shape and parameters in a line, then changed. */
  number = lw_scenario_editor_find_row (editor, "$.properties.employees");
  g_assert_cmpstr (subtitle_of (number), ==,
                   "Long tail (lognormal): median 40, spread (sigma) 1.5 · 1 to 250000 · whole numbers");
  row_at (fixture, "$.properties.employees.min");
  lw_gui_test_choose (lw_gui_test_row (number, "Shape"), "Evenly between two values");
  /* From 40, and a "to" above it: twice as much. */
  g_assert_cmpstr (subtitle_of (number), ==,
                   "Evenly between two values: from 40, to 80 · 1 to 250000 · whole numbers");
  kept = kept_scenario (fixture);
  employees = find_dist (kept, "employees");
  g_assert_cmpint (employees->number.kind, ==, LW_NUMBER_UNIFORM);
  g_assert_cmpfloat (employees->number.a, ==, 40);
  g_assert_cmpfloat (employees->number.b, ==, 80);

  /* Bad input: "to" under "from", at the row of "to". */
  to = lw_gui_test_row (number, "To");
  g_assert_true (to == lw_scenario_editor_find_row (editor, "$.properties.employees.uniform.max"));
  lw_gui_test_set_spin (to, 10);
  g_assert_true (gtk_widget_has_css_class (to, "lw-invalid"));
  g_assert_nonnull (strstr (subtitle_of (to), "must not be less than min"));
  g_assert_false (run_enabled (fixture));
  lw_gui_test_set_spin (to, 500);
  g_assert_false (gtk_widget_has_css_class (to, "lw-invalid"));

  /* No lower bound any more. */
  lowest = lw_gui_test_row (number, "Lowest value");
  lw_gui_test_set_active (lw_gui_test_child_of_type (lowest, GTK_TYPE_CHECK_BUTTON), FALSE);
  lw_gui_test_settle ();
  g_assert_cmpstr (subtitle_of (number), ==,
                   "Evenly between two values: from 40, to 500 · at most 250000 · whole numbers");
  g_clear_pointer (&kept, lw_scenario_unref);
  kept = kept_scenario (fixture);
  employees = find_dist (kept, "employees");
  g_assert_false (employees->number.has_min);
  g_assert_cmpfloat (employees->number.b, ==, 500);

  /* A conditional mix: its branches are built when it is opened. */
  mix = lw_scenario_editor_find_row (editor, "$.properties.job_title");
  g_assert_cmpstr (subtitle_of (mix), ==, "By Seniority: 6 branches");
  {
    g_autoptr(GPtrArray) branches = lw_gui_test_rows (mix, ADW_TYPE_EXPANDER_ROW);

    g_assert_cmpuint (branches->len, ==, 0);
  }
  g_assert_true (lw_scenario_editor_find_row (editor, "$.properties.job_title.weights.vp") != mix);
  {
    g_autoptr(GPtrArray) branches = lw_gui_test_rows (mix, ADW_TYPE_EXPANDER_ROW);

    g_assert_cmpuint (branches->len, ==, 6);
  }
  lw_gui_test_set_spin (spin_at (fixture, "$.properties.job_title.weights.vp[\"VP Sales\"]"), 0);
  branch = lw_scenario_editor_find_row (editor, "$.properties.job_title.weights.vp");
  g_assert_true (branch != mix);
  /* 30, 20 and 15 of 65. */
  g_assert_cmpstr (subtitle_of (branch), ==, "VP Sales 0 % · VP Marketing 46 % · VP Operations 31 % · …");
  g_clear_pointer (&kept, lw_scenario_unref);
  kept = kept_scenario (fixture);
  job_title = find_dist (kept, "job_title");
  g_assert_cmpfloat (branch_weight (job_title, "vp", "VP Sales"), ==, 0);
  g_assert_cmpfloat (branch_weight (job_title, "vp", "VP Marketing"), ==, 30);

  /* Bad input: a branch whose weights add up to 0. */
  lw_gui_test_set_spin (spin_at (fixture, "$.properties.job_title.weights.vp[\"VP Marketing\"]"), 0);
  lw_gui_test_set_spin (spin_at (fixture, "$.properties.job_title.weights.vp[\"VP Operations\"]"), 0);
  lw_gui_test_set_spin (spin_at (fixture, "$.properties.job_title.weights.vp[\"VP Engineering\"]"), 0);
  g_assert_true (gtk_widget_has_css_class (branch, "lw-invalid"));
  g_assert_true (gtk_widget_has_css_class (mix, "lw-invalid"));
  g_assert_nonnull (strstr (subtitle_of (branch), "add up to 0"));
  g_assert_false (run_enabled (fixture));
  lw_gui_test_set_spin (spin_at (fixture, "$.properties.job_title.weights.vp[\"VP Sales\"]"), 5);
  g_assert_false (gtk_widget_has_css_class (branch, "lw-invalid"));
  g_assert_true (run_enabled (fixture));

  /* An activity: likelier for low intent. */
  activity = lw_scenario_editor_find_row (editor, "$.activities[0]");
  g_assert_cmpstr (subtitle_of (activity), ==, "high 65 % · medium 45 % · low 15 %");
  lw_gui_test_set_spin (spin_at (fixture, "$.activities[0].probability.low"), 30);
  g_assert_cmpstr (subtitle_of (activity), ==, "high 65 % · medium 45 % · low 30 %");
  g_clear_pointer (&kept, lw_scenario_unref);
  kept = kept_scenario (fixture);
  g_assert_cmpfloat_with_epsilon (((LwActivityModel *) g_ptr_array_index (kept->activities, 0))
                                    ->probability[LW_INTENT_LOW], 0.3, 1e-12);

  /* Its count: a Poisson mean of 1.6, at least 1. */
  g_assert_cmpstr (subtitle_of (lw_scenario_editor_find_row (editor, "$.activities[0].count")), ==,
                   "Counts (Poisson): mean 1.6 · at least 1");
}

/* ---- domains, bands and an entry point's own mixes ----------------------------------------- */

typedef struct
{
  guint gmail;                   /* addresses at gmail.com */
  guint with_email;
  guint smb;                     /* leads with each segment */
  guint with_segment;
  int   entry_point;             /* the region counts of this entry point */
  guint na, apac, with_region;
  guint other_apac;              /* APAC leads of the other entry points */
} Counts;

static gboolean
count_values_cb (const LwSimLead *leads,
                 guint            n,
                 gpointer         user_data,
                 GError         **error)
{
  Counts *counts = user_data;

  for (guint i = 0; i < n; i++)
    {
      const LwSimLead *lead = &leads[i];

      if (lead->email != NULL)
        {
          counts->with_email++;
          if (g_str_has_suffix (lead->email, "@gmail.com"))
            counts->gmail++;
        }
      if (lead->segment != NULL)
        {
          counts->with_segment++;
          if (g_str_equal (lead->segment, "smb"))
            counts->smb++;
        }
      if (lead->region != NULL && lead->entry_point == counts->entry_point)
        {
          counts->with_region++;
          counts->na += g_str_equal (lead->region, "NA");
          counts->apac += g_str_equal (lead->region, "APAC");
        }
      else if (lead->region != NULL && g_str_equal (lead->region, "APAC"))
        counts->other_apac++;
    }
  return TRUE;
}

/* Simulates @scenario with the workspace's rules and counts the values
 * of its leads, those of region for @entry_point. */
static void
count_values (Fixture    *fixture,
              LwScenario *scenario,
              int         entry_point,
              Counts     *counts)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwSimulation) simulation = NULL;
  LwSimOptions options = LW_SIM_OPTIONS_INIT;
  LwSimSink sink = { count_values_cb, NULL, counts };

  memset (counts, 0, sizeof *counts);
  counts->entry_point = entry_point;
  options.seed = 7;
  simulation = lw_simulation_new (lw_workspace_get_config (fixture->workspace), scenario, &options, &error);
  g_assert_no_error (error);
  g_assert_true (lw_simulation_run (simulation, &sink, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

static gboolean
has_weight (GPtrArray  *weights,
            const char *value,
            double      expected)
{
  for (guint k = 0; k < weights->len; k++)
    {
      const LwWeight *weight = g_ptr_array_index (weights, k);

      if (g_str_equal (weight->value, value))
        return weight->weight == expected;
    }
  return FALSE;
}

static gboolean
lists (GPtrArray  *weights,
       const char *value)
{
  for (guint k = 0; k < weights->len; k++)
    if (g_str_equal (((LwWeight *) g_ptr_array_index (weights, k))->value, value))
      return TRUE;
  return FALSE;
}

static gboolean
label_is (GtkWidget     *widget,
          gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_is_visible (widget) &&
         g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0;
}

/* Whether a label in @root shows @text. */
static gboolean
shows_label (GtkWidget  *root,
             const char *text)
{
  return lw_gui_test_find (root, label_is, text) != NULL;
}

/* Adds a domain by typing it into the "Add a domain" row of @list and
 * pressing Add. */
static void
type_domain (GtkWidget  *list,
             const char *text)
{
  GtkWidget *row = lw_gui_test_row (list, "Add a domain");

  gtk_editable_set_text (GTK_EDITABLE (lw_gui_test_child_of_type (row, GTK_TYPE_ENTRY)), text);
  lw_gui_test_click (lw_gui_test_button (row, "Add"));
}

static void
test_domains (Fixture       *fixture,
              gconstpointer  data)
{
  LwScenarioEditor *editor = editor_of (fixture);
  LwSimContext *context = lw_sim_context_get (fixture->workspace);
  g_autoptr(LwScenario) kept = NULL;
  Counts before, after;
  GtkWidget *free_list, *competitors, *add_row;

  /* The sample: gmail.com 55, yahoo.com 10, hotmail.com 9 … of 100; the
   * competitors 1 each. */
  free_list = lw_scenario_editor_find_row (editor, "$.email.freeDomains");
  competitors = lw_scenario_editor_find_row (editor, "$.email.competitorDomains");
  g_assert_cmpstr (subtitle_of (free_list), ==, "gmail.com 55 % · yahoo.com 10 % · hotmail.com 9.0 % · …");
  g_assert_cmpstr (subtitle_of (competitors), ==, "routewise.io 33 % · funnelforge.com 33 % · leadlane.com 33 %");

  /* A competitor more, as likely as the average of the others (1), then
   * three times as likely: 3 of 6. */
  row_at (fixture, "$.email.competitorDomains");
  type_domain (competitors, "RivalCRM.com ");
  competitors = lw_scenario_editor_find_row (editor, "$.email.competitorDomains");
  kept = kept_scenario (fixture);
  g_assert_cmpuint (kept->email.competitor_domains->len, ==, 4);
  g_assert_true (has_weight (kept->email.competitor_domains, "rivalcrm.com", 1));
  lw_gui_test_set_spin (spin_at (fixture, "$.email.competitorDomains[\"rivalcrm.com\"]"), 3);
  g_assert_cmpstr (subtitle_of (competitors), ==, "routewise.io 17 % · funnelforge.com 17 % · leadlane.com 17 % · …");
  g_assert_cmpstr (subtitle_of (row_at (fixture, "$.email.competitorDomains[\"rivalcrm.com\"]")), ==, "50 %");
  g_assert_nonnull (strstr (lw_sim_context_get_scenario_json (context),
                            "\"leadlane.com\": 1,\n      \"rivalcrm.com\": 3\n"));

  /* Input the list cannot take is refused at the row that adds: nothing,
   * one listed already. The draft keeps its four. */
  add_row = lw_gui_test_row (competitors, "Add a domain");
  type_domain (competitors, "  ");
  g_assert_true (gtk_widget_has_css_class (add_row, "lw-invalid"));
  g_assert_cmpstr (subtitle_of (add_row), ==, "Type a domain, such as example.com");
  g_assert_true (gtk_widget_has_css_class (competitors, "lw-invalid"));
  type_domain (competitors, "LeadLane.com");
  g_assert_cmpstr (subtitle_of (add_row), ==, "This domain is already in the list");
  g_assert_cmpuint (lw_sim_context_get_draft (context)->email.competitor_domains->len, ==, 4);
  g_assert_true (run_enabled (fixture));

  /* A domain that is not one is a problem of the scenario as any other:
   * marked at its row, listed on the page, and no run until it is gone;
   * the file keeps the last good list. */
  {
    static const struct { const char *typed, *path, *fragment; } wrong[] = {
      { "localhost", "$.email.competitorDomains.localhost", "a dot between its parts" },
      { "rival crm.com", "$.email.competitorDomains[\"rival crm.com\"]", "no spaces" },
      { "sales@rival.com", "$.email.competitorDomains[\"sales@rival.com\"]", "no \"@\"" },
      { "https://rival.com", "$.email.competitorDomains[\"https://rival.com\"]", "no scheme" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (wrong); i++)
      {
        GPtrArray *problems;
        GtkWidget *row;

        competitors = lw_scenario_editor_find_row (editor, "$.email.competitorDomains");
        type_domain (competitors, wrong[i].typed);
        problems = lw_sim_context_get_problems (context);
        g_assert_cmpuint (problems->len, ==, 1);
        g_assert_cmpstr (((LwDiagnostic *) g_ptr_array_index (problems, 0))->path, ==, wrong[i].path);
        row = row_at (fixture, wrong[i].path);
        g_assert_true (gtk_widget_has_css_class (row, "lw-invalid"));
        g_assert_nonnull (strstr (subtitle_of (row), wrong[i].fragment));
        g_assert_false (run_enabled (fixture));
        g_assert_true (shows_label (fixture->page, "The scenario has a problem: see its settings above."));
        /* Listed under the summary too, as a title: capitalized. */
        {
          g_autofree char *title = lw_editor_dup_capitalized (subtitle_of (row));

          g_assert_cmpint (title[0], ==, g_ascii_toupper (subtitle_of (row)[0]));
          g_assert_nonnull (lw_gui_test_find_row (fixture->page, title));
        }
        g_clear_pointer (&kept, lw_scenario_unref);
        kept = kept_scenario (fixture);
        g_assert_cmpuint (kept->email.competitor_domains->len, ==, 4);

        lw_gui_test_click (lw_gui_test_button (row, "Remove the domain"));
        g_assert_cmpuint (lw_sim_context_get_problems (context)->len, ==, 0);
        g_assert_true (run_enabled (fixture));
      }
  }
  competitors = lw_scenario_editor_find_row (editor, "$.email.competitorDomains");
  add_row = lw_gui_test_row (competitors, "Add a domain");
  /* Typing again clears the mark. */
  gtk_editable_set_text (GTK_EDITABLE (lw_gui_test_child_of_type (add_row, GTK_TYPE_ENTRY)), "x");
  g_assert_false (gtk_widget_has_css_class (add_row, "lw-invalid"));
  g_assert_false (gtk_widget_has_css_class (competitors, "lw-invalid"));

  /* Bad input: a weight below zero is held at 0; every weight 0 is refused
   * at the list, and the file keeps the last good weights. */
  {
    GtkWidget *spin = spin_at (fixture, "$.email.competitorDomains[\"rivalcrm.com\"]");

    gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), -4);
    lw_gui_test_settle ();
    g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (spin)), ==, 0);
  }
  lw_gui_test_set_spin (spin_at (fixture, "$.email.competitorDomains[\"routewise.io\"]"), 0);
  lw_gui_test_set_spin (spin_at (fixture, "$.email.competitorDomains[\"funnelforge.com\"]"), 0);
  lw_gui_test_set_spin (spin_at (fixture, "$.email.competitorDomains[\"leadlane.com\"]"), 0);
  g_assert_true (gtk_widget_has_css_class (competitors, "lw-invalid"));
  g_assert_nonnull (strstr (subtitle_of (competitors), "add up to 0"));
  g_assert_false (run_enabled (fixture));
  g_clear_pointer (&kept, lw_scenario_unref);
  kept = kept_scenario (fixture);
  g_assert_true (has_weight (kept->email.competitor_domains, "routewise.io", 0));
  g_assert_true (has_weight (kept->email.competitor_domains, "funnelforge.com", 0));
  g_assert_true (has_weight (kept->email.competitor_domains, "leadlane.com", 1));
  lw_gui_test_set_spin (spin_at (fixture, "$.email.competitorDomains[\"leadlane.com\"]"), 2);
  g_assert_false (gtk_widget_has_css_class (competitors, "lw-invalid"));
  g_assert_true (run_enabled (fixture));

  /* gmail.com removed: no lead of a run has it any more. */
  count_values (fixture, lw_sim_context_get_scenario (context), -1, &before);
  /* About a quarter of the leads on free mail, 55 % of them gmail.com. */
  g_assert_cmpuint (before.gmail, >, before.with_email / 10);
  free_list = row_at (fixture, "$.email.freeDomains[\"gmail.com\"]");
  lw_gui_test_click (lw_gui_test_button (free_list, "Remove the domain"));
  free_list = lw_scenario_editor_find_row (editor, "$.email.freeDomains");
  g_assert_cmpstr (subtitle_of (free_list), ==, "yahoo.com 22 % · hotmail.com 20 % · outlook.com 29 % · …");
  g_assert_null (lw_gui_test_find_row (free_list, "gmail.com"));
  g_clear_pointer (&kept, lw_scenario_unref);
  kept = kept_scenario (fixture);
  g_assert_cmpuint (kept->email.free_domains->len, ==, 7);
  g_assert_false (lists (kept->email.free_domains, "gmail.com"));
  count_values (fixture, kept, -1, &after);
  g_assert_cmpuint (after.gmail, ==, 0);
  g_assert_cmpuint (after.with_email, ==, before.with_email);
}

/* Whether the keyboard focus is in the spin button of @row. */
static gboolean
focus_in_spin_of (Fixture   *fixture,
                  GtkWidget *row)
{
  GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (fixture->window));
  GtkWidget *spin = lw_gui_test_child_of_type (row, GTK_TYPE_SPIN_BUTTON);

  return focus != NULL && (focus == spin || gtk_widget_is_ancestor (focus, spin));
}

/* Adding or removing a domain leaves the keyboard focus where the person
 * goes on: in the new domain's weight; after a removal in the next
 * domain's weight, else the one before, else at the entry that adds. */
static void
test_domains_focus (Fixture       *fixture,
                    gconstpointer  data)
{
  LwScenarioEditor *editor = editor_of (fixture);
  GtkWidget *competitors, *row, *focus;
  static const char * const rival = "$.email.competitorDomains[\"rivalcrm.com\"]";
  static const char * const leadlane = "$.email.competitorDomains[\"leadlane.com\"]";
  static const char * const funnelforge = "$.email.competitorDomains[\"funnelforge.com\"]";
  static const char * const routewise = "$.email.competitorDomains[\"routewise.io\"]";

  row_at (fixture, "$.email.competitorDomains");
  competitors = lw_scenario_editor_find_row (editor, "$.email.competitorDomains");
  /* Typed, then Enter, as at the keyboard. */
  {
    GtkWidget *entry = lw_gui_test_child_of_type (lw_gui_test_row (competitors, "Add a domain"), GTK_TYPE_ENTRY);

    gtk_widget_grab_focus (entry);
    gtk_editable_set_text (GTK_EDITABLE (entry), "rivalcrm.com");
    g_signal_emit_by_name (entry, "activate");
  }
  lw_gui_test_settle ();
  g_assert_true (focus_in_spin_of (fixture, lw_scenario_editor_find_row (editor, rival)));
  /* And again with the button. */
  type_domain (lw_scenario_editor_find_row (editor, "$.email.competitorDomains"), "rival2.com");
  lw_gui_test_settle ();
  g_assert_true (focus_in_spin_of (fixture,
                                   lw_scenario_editor_find_row (editor, "$.email.competitorDomains[\"rival2.com\"]")));
  row = row_at (fixture, "$.email.competitorDomains[\"rival2.com\"]");
  lw_gui_test_click (lw_gui_test_button (row, "Remove the domain"));
  lw_gui_test_settle ();
  g_assert_true (focus_in_spin_of (fixture, lw_scenario_editor_find_row (editor, rival)));

  /* The second of four (routewise.io, funnelforge.com, leadlane.com,
   * rivalcrm.com): the third gets the focus. */
  row = row_at (fixture, funnelforge);
  lw_gui_test_click (lw_gui_test_button (row, "Remove the domain"));
  lw_gui_test_settle ();
  g_assert_true (focus_in_spin_of (fixture, lw_scenario_editor_find_row (editor, leadlane)));

  /* The last: the one before it. */
  row = row_at (fixture, rival);
  lw_gui_test_click (lw_gui_test_button (row, "Remove the domain"));
  lw_gui_test_settle ();
  g_assert_true (focus_in_spin_of (fixture, lw_scenario_editor_find_row (editor, leadlane)));

  /* The first: the one after it; then the only one: the entry that adds. */
  row = row_at (fixture, routewise);
  lw_gui_test_click (lw_gui_test_button (row, "Remove the domain"));
  lw_gui_test_settle ();
  g_assert_true (focus_in_spin_of (fixture, lw_scenario_editor_find_row (editor, leadlane)));
  row = row_at (fixture, leadlane);
  lw_gui_test_click (lw_gui_test_button (row, "Remove the domain"));
  lw_gui_test_settle ();
  competitors = lw_scenario_editor_find_row (editor, "$.email.competitorDomains");
  focus = gtk_window_get_focus (GTK_WINDOW (fixture->window));
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_ancestor (focus, lw_gui_test_row (competitors, "Add a domain")));
  g_assert_nonnull (gtk_widget_get_ancestor (focus, GTK_TYPE_ENTRY));
}

static void
test_bands (Fixture       *fixture,
            gconstpointer  data)
{
  LwScenarioEditor *editor = editor_of (fixture);
  LwSimContext *context = lw_sim_context_get (fixture->workspace);
  g_autoptr(LwScenario) kept = NULL;
  const LwPropertyDist *segment;
  Counts before, after;
  GtkWidget *bands, *second;

  bands = lw_scenario_editor_find_row (editor, "$.properties.segment");
  g_assert_cmpstr (subtitle_of (bands), ==,
                   "By Employees: SMB under 200 · Mid-market 200 to under 1000 · Enterprise 1000 and over");

  /* Employees are lognormal, median 40, sigma 1.5: under 200 are
   * Φ(ln 5 / 1.5) = Φ(1.07) = 86 % of the leads with a segment; under
   * 50, Φ(ln 1.25 / 1.5) = Φ(0.15) = 56 %. */
  count_values (fixture, lw_sim_context_get_scenario (context), -1, &before);
  g_assert_cmpuint (before.with_segment, >, 2000);
  g_assert_cmpfloat ((double) before.smb / before.with_segment, >, 0.82);
  g_assert_cmpfloat ((double) before.smb / before.with_segment, <, 0.90);
  lw_gui_test_set_spin (spin_at (fixture, "$.properties.segment.bands[0].below"), 50);
  g_assert_cmpstr (subtitle_of (bands), ==,
                   "By Employees: SMB under 50 · Mid-market 50 to under 1000 · Enterprise 1000 and over");
  g_assert_cmpstr (subtitle_of (lw_scenario_editor_find_row (editor, "$.properties.segment.bands[1]")), ==,
                   "Employees 50 to under 1000");
  kept = kept_scenario (fixture);
  segment = find_dist (kept, "segment");
  g_assert_cmpfloat (((LwBand *) g_ptr_array_index (segment->bands, 0))->below, ==, 50);
  count_values (fixture, kept, -1, &after);
  g_assert_cmpuint (after.with_segment, ==, before.with_segment);
  g_assert_cmpfloat ((double) after.smb / after.with_segment, >, 0.52);
  g_assert_cmpfloat ((double) after.smb / after.with_segment, <, 0.60);

  /* Bad input: bands out of order, at the band that is. */
  second = lw_scenario_editor_find_row (editor, "$.properties.segment.bands[1]");
  lw_gui_test_set_spin (spin_at (fixture, "$.properties.segment.bands[1].below"), 40);
  g_assert_true (gtk_widget_has_css_class (second, "lw-invalid"));
  g_assert_true (gtk_widget_has_css_class (bands, "lw-invalid"));
  g_assert_nonnull (strstr (subtitle_of (second), "must be more than the band before's"));
  g_assert_false (run_enabled (fixture));
  g_clear_pointer (&kept, lw_scenario_unref);
  kept = kept_scenario (fixture);
  g_assert_cmpfloat (((LwBand *) g_ptr_array_index (find_dist (kept, "segment")->bands, 1))->below, ==, 1000);
  lw_gui_test_set_spin (spin_at (fixture, "$.properties.segment.bands[1].below"), 500);
  g_assert_false (gtk_widget_has_css_class (second, "lw-invalid"));
  g_assert_true (run_enabled (fixture));

  /* A band added splits the last at twice the bound before it; every
   * option has a band already, so it takes the last one's value. */
  lw_gui_test_click (lw_gui_test_button (row_at (fixture, "$.properties.segment.bands"), "Add"));
  bands = lw_scenario_editor_find_row (editor, "$.properties.segment");
  g_assert_cmpstr (subtitle_of (bands), ==,
                   "By Employees: SMB under 50 · Mid-market 50 to under 500 · Enterprise 500 to under 1000 · "
                   "Enterprise 1000 and over");
  /* Its value: the menu of the row. */
  second = row_at (fixture, "$.properties.segment.bands[2]");
  gtk_widget_activate_action (second, "band.value", "s", "midmarket");
  lw_gui_test_settle ();
  g_clear_pointer (&kept, lw_scenario_unref);
  kept = kept_scenario (fixture);
  segment = find_dist (kept, "segment");
  g_assert_cmpuint (segment->bands->len, ==, 4);
  g_assert_cmpstr (((LwBand *) g_ptr_array_index (segment->bands, 2))->value, ==, "midmarket");
  g_assert_cmpfloat (((LwBand *) g_ptr_array_index (segment->bands, 2))->below, ==, 1000);
  g_assert_false (((LwBand *) g_ptr_array_index (segment->bands, 3))->has_below);

  /* The last band removed: the one before takes every larger value. */
  gtk_widget_activate_action (row_at (fixture, "$.properties.segment.bands[3]"), "band.remove", NULL);
  lw_gui_test_settle ();
  bands = lw_scenario_editor_find_row (editor, "$.properties.segment");
  g_assert_cmpstr (subtitle_of (bands), ==,
                   "By Employees: SMB under 50 · Mid-market 50 to under 500 · Mid-market 500 and over");
  g_clear_pointer (&kept, lw_scenario_unref);
  kept = kept_scenario (fixture);
  segment = find_dist (kept, "segment");
  g_assert_cmpuint (segment->bands->len, ==, 3);
  g_assert_false (((LwBand *) g_ptr_array_index (segment->bands, 2))->has_below);
  g_assert_cmpuint (lw_sim_context_get_problems (context)->len, ==, 0);
}

static LwPropertyDist *
own_mix (LwScenario *scenario,
         guint       entry_point,
         const char *property)
{
  LwEntryPoint *entry = g_ptr_array_index (scenario->entry_points, entry_point);

  for (guint i = 0; i < entry->properties->len; i++)
    {
      LwPropertyDist *dist = g_ptr_array_index (entry->properties, i);

      if (g_str_equal (dist->property, property))
        return dist;
    }
  return NULL;
}

/* "Chat leads are 70 % North America": an entry point's own mix of a
 * property, added, edited and removed. */
static void
test_overrides (Fixture       *fixture,
                gconstpointer  data)
{
  LwScenarioEditor *editor = editor_of (fixture);
  LwSimContext *context = lw_sim_context_get (fixture->workspace);
  g_autoptr(LwScenario) kept = NULL;
  const LwPropertyDist *region;
  Counts before, after;
  GtkWidget *add_row, *mix;

  /* Website chat (the fourth) has its own mix of Conversion only. */
  g_assert_cmpstr (((LwEntryPoint *) g_ptr_array_index (lw_sim_context_get_draft (context)->entry_points, 3))->id,
                   ==, "chat");
  mix = row_at (fixture, "$.entryPoints[3].properties.conversion");
  g_assert_cmpstr (subtitle_of (mix), ==, "Chat 100 %");
  count_values (fixture, lw_sim_context_get_scenario (context), 3, &before);

  /* Its own mix of Region starts as the scenario's: 50, 35, 15. */
  add_row = row_at (fixture, "$.entryPoints[3].properties");
  lw_gui_test_choose (lw_gui_test_child_of_type (add_row, GTK_TYPE_DROP_DOWN), "Region");
  lw_gui_test_click (lw_gui_test_button (add_row, "Add"));
  mix = row_at (fixture, "$.entryPoints[3].properties.region");
  g_assert_true (ADW_IS_EXPANDER_ROW (mix));
  kept = kept_scenario (fixture);
  region = own_mix (kept, 3, "region");
  g_assert_nonnull (region);
  g_assert_true (has_weight (region->weights, "NA", 50));
  g_assert_true (has_weight (region->weights, "APAC", 15));
  g_assert_cmpfloat (region->missing, ==, 0.03);
  g_assert_null (own_mix (kept, 2, "region"));

  /* 70 % North America, 30 % EMEA, no APAC. */
  lw_gui_test_set_spin (spin_at (fixture, "$.entryPoints[3].properties.region.weights.NA"), 70);
  lw_gui_test_set_spin (spin_at (fixture, "$.entryPoints[3].properties.region.weights.EMEA"), 30);
  lw_gui_test_click (lw_gui_test_button (row_at (fixture, "$.entryPoints[3].properties.region.weights.APAC"),
                                         "Remove the value"));
  mix = lw_scenario_editor_find_row (editor, "$.entryPoints[3].properties.region");
  g_assert_cmpstr (subtitle_of (mix), ==, "North America 70 % · Europe, Middle East and Africa 30 %");
  g_clear_pointer (&kept, lw_scenario_unref);
  kept = kept_scenario (fixture);
  region = own_mix (kept, 3, "region");
  g_assert_cmpuint (region->weights->len, ==, 2);
  g_assert_false (lists (region->weights, "APAC"));

  /* The chat leads follow: none in APAC (before, about 15 %), about 70 %
   * in North America (before, about 50 %); the others are as before. */
  count_values (fixture, kept, 3, &after);
  g_assert_cmpuint (before.with_region, >, 150);
  g_assert_cmpuint (before.apac, >, 0);
  g_assert_cmpfloat ((double) before.na / before.with_region, <, 0.6);
  g_assert_cmpuint (after.apac, ==, 0);
  g_assert_cmpfloat ((double) after.na / after.with_region, >, 0.62);
  g_assert_cmpfloat ((double) after.na / after.with_region, <, 0.78);
  g_assert_cmpuint (after.other_apac, >, 200);

  /* APAC back, from the row that adds a value the mix lacks. */
  add_row = lw_gui_test_row (mix, "Add a value");
  lw_gui_test_choose (lw_gui_test_child_of_type (add_row, GTK_TYPE_DROP_DOWN), "Asia-Pacific");
  lw_gui_test_click (lw_gui_test_button (add_row, "Add"));
  g_clear_pointer (&kept, lw_scenario_unref);
  kept = kept_scenario (fixture);
  g_assert_true (has_weight (own_mix (kept, 3, "region")->weights, "APAC", 1));

  /* Bad input: every weight 0, at the mix; the file keeps the last good. */
  mix = lw_scenario_editor_find_row (editor, "$.entryPoints[3].properties.region");
  lw_gui_test_set_spin (spin_at (fixture, "$.entryPoints[3].properties.region.weights.NA"), 0);
  lw_gui_test_set_spin (spin_at (fixture, "$.entryPoints[3].properties.region.weights.EMEA"), 0);
  lw_gui_test_set_spin (spin_at (fixture, "$.entryPoints[3].properties.region.weights.APAC"), 0);
  g_assert_true (gtk_widget_has_css_class (mix, "lw-invalid"));
  g_assert_nonnull (strstr (subtitle_of (mix), "add up to 0"));
  g_assert_false (run_enabled (fixture));
  g_clear_pointer (&kept, lw_scenario_unref);
  kept = kept_scenario (fixture);
  g_assert_true (has_weight (own_mix (kept, 3, "region")->weights, "APAC", 1));

  /* Removed: the chat leads use the scenario's mix again. */
  lw_gui_test_click (lw_gui_test_button (mix, "Use the scenario’s mix"));
  /* Its path now leads to the row that adds an own mix. */
  g_assert_true (lw_scenario_editor_find_row (editor, "$.entryPoints[3].properties.region") ==
                 lw_scenario_editor_find_row (editor, "$.entryPoints[3].properties"));
  g_assert_true (run_enabled (fixture));
  g_clear_pointer (&kept, lw_scenario_unref);
  kept = kept_scenario (fixture);
  g_assert_null (own_mix (kept, 3, "region"));
  g_assert_nonnull (own_mix (kept, 3, "conversion"));
}

/* ---- name lists and the activity of each arrival ------------------------------------------- */

typedef struct
{
  guint  company;               /* property indexes */
  guint  conversion;
  int    form_fill;             /* activity index */
  guint  companies;             /* leads with a company */
  guint  made_of_new_words;     /* of them, "Acme-…", "Globex-…" or "Initech-…" */
  guint  newsletter;            /* leads that arrived by the newsletter */
  guint  newsletter_form_fill;  /* of them, with a form fill as they arrived */
} Names;

static gboolean
count_names_cb (const LwSimLead *leads,
                guint            n,
                gpointer         user_data,
                GError         **error)
{
  Names *names = user_data;

  for (guint i = 0; i < n; i++)
    {
      const LwLead *lead = leads[i].lead;
      const LwValue *company = lw_lead_get (lead, names->company);
      const LwValue *conversion = lw_lead_get (lead, names->conversion);

      if (company->set)
        {
          names->companies++;
          if (g_str_has_prefix (company->str, "Acme-") || g_str_has_prefix (company->str, "Globex-") ||
              g_str_has_prefix (company->str, "Initech-"))
            names->made_of_new_words++;
        }
      if (conversion->set && g_str_equal (conversion->str, "newsletter"))
        {
          names->newsletter++;
          for (guint k = 0; k < lead->activities->len; k++)
            if ((int) g_array_index (lead->activities, LwActivity, k).type == names->form_fill &&
                g_array_index (lead->activities, LwActivity, k).at == leads[i].created_at)
              {
                names->newsletter_form_fill++;
                break;
              }
        }
    }
  return TRUE;
}

static void
count_names (Fixture    *fixture,
             LwScenario *scenario,
             Names      *names)
{
  const LwConfig *config = lw_workspace_get_config (fixture->workspace);
  g_autoptr(GError) error = NULL;
  g_autoptr(LwSimulation) simulation = NULL;
  LwSimOptions options = LW_SIM_OPTIONS_INIT;
  LwSimSink sink = { count_names_cb, NULL, names };

  memset (names, 0, sizeof *names);
  names->company = lw_config_find_property (config, "company")->index;
  names->conversion = lw_config_find_property (config, "conversion")->index;
  names->form_fill = lw_config_activity_index (config, "form_fill");
  g_assert_cmpint (names->form_fill, >=, 0);
  options.seed = 3;
  simulation = lw_simulation_new (config, scenario, &options, &error);
  g_assert_no_error (error);
  g_assert_true (lw_simulation_run (simulation, &sink, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
set_part (GtkWidget  *row,
          const char *text)
{
  GtkTextView *view = GTK_TEXT_VIEW (lw_gui_test_child_of_type (row, GTK_TYPE_TEXT_VIEW));

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text, -1);
  lw_gui_test_settle ();
}

static const char *
arrival_of (LwScenario *scenario,
            const char *key)
{
  for (guint i = 0; i < scenario->arrival_activities->len; i++)
    {
      const LwMapping *m = g_ptr_array_index (scenario->arrival_activities, i);

      if (g_str_equal (m->key, key))
        return m->value;
    }
  return NULL;
}

static void
test_names_and_arrival (Fixture       *fixture,
                        gconstpointer  data)
{
  LwScenarioEditor *editor = editor_of (fixture);
  LwSimContext *context = lw_sim_context_get (fixture->workspace);
  g_autoptr(LwScenario) kept = NULL;
  const LwPropertyDist *company;
  GtkWidget *names, *part, *arrival, *newsletter;
  Names before, after;

  /* Two lists of 16 words: 256 company names. */
  names = lw_scenario_editor_find_row (editor, "$.properties.company");
  g_assert_cmpstr (subtitle_of (names), ==, "Blue, North … × Analytics, Labs … · 256 names");
  count_names (fixture, lw_sim_context_get_scenario (context), &before);
  g_assert_cmpuint (before.made_of_new_words, ==, 0);

  /* The first words typed by line and by comma, blanks left out; then a
   * hyphen between the parts. */
  part = row_at (fixture, "$.properties.company.combine[0]");
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (lw_gui_test_child_of_type (part, GTK_TYPE_LABEL))),
                            "Part 1"));
  set_part (part, "Acme\nGlobex,  Initech,\n\n");
  g_assert_cmpstr (subtitle_of (names), ==, "Acme, Globex … × Analytics, Labs … · 48 names");
  g_assert_cmpstr (subtitle_of (row_at (fixture, "$.properties.company.separator")), ==,
                   "Put between the parts: a space");
  gtk_editable_set_text (GTK_EDITABLE (lw_gui_test_child_of_type (row_at (fixture, "$.properties.company.separator"),
                                                                  GTK_TYPE_ENTRY)), "-");
  lw_gui_test_settle ();
  g_assert_cmpstr (subtitle_of (row_at (fixture, "$.properties.company.separator")), ==, "Put between the parts");
  kept = kept_scenario (fixture);
  company = find_dist (kept, "company");
  g_assert_cmpuint (g_strv_length (g_ptr_array_index (company->parts, 0)), ==, 3);
  g_assert_cmpstr (((GStrv) g_ptr_array_index (company->parts, 0))[2], ==, "Initech");
  g_assert_cmpstr (company->separator, ==, "-");
  /* Every company of a run is made of them. */
  count_names (fixture, kept, &after);
  g_assert_cmpuint (after.companies, >, 2000);
  g_assert_cmpuint (after.made_of_new_words, ==, after.companies);

  /* Bad input: a part with no word, at its row; the file keeps three. */
  set_part (part, " , \n");
  g_assert_true (gtk_widget_has_css_class (part, "lw-invalid"));
  g_assert_true (gtk_widget_has_css_class (names, "lw-invalid"));
  g_assert_nonnull (strstr (subtitle_of (part), "lists no word"));
  g_assert_false (run_enabled (fixture));
  g_clear_pointer (&kept, lw_scenario_unref);
  kept = kept_scenario (fixture);
  g_assert_cmpuint (g_strv_length (g_ptr_array_index (find_dist (kept, "company")->parts, 0)), ==, 3);
  set_part (part, "Acme");
  g_assert_true (run_enabled (fixture));

  /* The activity of each arrival: newsletter sign-ups fill a form. */
  arrival = lw_scenario_editor_find_row (editor, "$.arrivalActivity");
  g_assert_cmpstr (subtitle_of (arrival), ==, "Demo request → Demo request · Contact sales → Contact-sales form "
                                              "· Pricing page → Pricing page visit · …");
  g_assert_cmpuint (before.newsletter, >, 50);
  g_assert_cmpuint (before.newsletter_form_fill, ==, before.newsletter);
  newsletter = row_at (fixture, "$.arrivalActivity.map.newsletter");
  lw_gui_test_choose (newsletter, "No activity");
  g_clear_pointer (&kept, lw_scenario_unref);
  kept = kept_scenario (fixture);
  g_assert_null (arrival_of (kept, "newsletter"));
  g_assert_cmpstr (arrival_of (kept, "webinar"), ==, "form_fill");
  count_names (fixture, kept, &after);
  g_assert_cmpuint (after.newsletter, >, 50);
  g_assert_cmpuint (after.newsletter_form_fill, ==, 0);

  /* And back, to another activity. */
  lw_gui_test_choose (newsletter, "Pricing page visit");
  g_clear_pointer (&kept, lw_scenario_unref);
  kept = kept_scenario (fixture);
  g_assert_cmpstr (arrival_of (kept, "newsletter"), ==, "pricing_page");
  g_assert_cmpuint (lw_sim_context_get_problems (context)->len, ==, 0);
}

/* ---- the statuses a run sets --------------------------------------------------------------- */

typedef struct
{
  int   bad_timing;            /* status indexes of the rules */
  int   unqualified;
  guint in_bad_timing;         /* leads with each at the end */
  guint in_unqualified;
} Statuses;

static gboolean
count_statuses_cb (const LwSimLead *leads,
                   guint            n,
                   gpointer         user_data,
                   GError         **error)
{
  Statuses *statuses = user_data;

  for (guint i = 0; i < n; i++)
    {
      statuses->in_bad_timing += leads[i].status == statuses->bad_timing;
      statuses->in_unqualified += leads[i].status == statuses->unqualified;
    }
  return TRUE;
}

static void
count_statuses (Fixture    *fixture,
                LwScenario *scenario,
                Statuses   *statuses)
{
  const LwConfig *config = lw_workspace_get_config (fixture->workspace);
  g_autoptr(GError) error = NULL;
  g_autoptr(LwSimulation) simulation = NULL;
  LwSimOptions options = LW_SIM_OPTIONS_INIT;
  LwSimSink sink = { count_statuses_cb, NULL, statuses };

  memset (statuses, 0, sizeof *statuses);
  statuses->bad_timing = statuses->unqualified = -1;
  for (guint i = 0; i < config->statuses->len; i++)
    {
      const LwStatus *status = g_ptr_array_index (config->statuses, i);

      if (g_str_equal (status->id, "bad-timing"))
        statuses->bad_timing = (int) i;
      if (g_str_equal (status->id, "unqualified"))
        statuses->unqualified = (int) i;
    }
  g_assert_cmpint (statuses->bad_timing, >=, 0);
  g_assert_cmpint (statuses->unqualified, >=, 0);
  options.seed = 9;
  simulation = lw_simulation_new (config, scenario, &options, &error);
  g_assert_no_error (error);
  g_assert_true (lw_simulation_run (simulation, &sink, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

/* Bad timing, as the rules call it: first never set, then Unqualified. */
static void
test_statuses (Fixture       *fixture,
               gconstpointer  data)
{
  LwSimContext *context = lw_sim_context_get (fixture->workspace);
  g_autoptr(LwScenario) kept = NULL;
  Statuses before, never, merged;
  GtkWidget *row;

  count_statuses (fixture, lw_sim_context_get_scenario (context), &before);
  g_assert_cmpuint (before.in_bad_timing, >, 0);

  row = row_at (fixture, "$.conversion.statuses.badTiming");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, 6);
  lw_gui_test_choose (row, "Never set");
  kept = kept_scenario (fixture);
  g_assert_null (kept->conversion.statuses[LW_SIM_STATUS_BAD_TIMING]);
  g_assert_cmpstr (kept->conversion.statuses[LW_SIM_STATUS_UNQUALIFIED], ==, "unqualified");
  g_assert_nonnull (strstr (lw_sim_context_get_scenario_json (context), "\"badTiming\": null"));
  count_statuses (fixture, kept, &never);
  g_assert_cmpuint (never.in_bad_timing, ==, 0);

  /* The same leads unqualified instead: about as many more as there were
   * leads in bad timing (a few of them may still move on). */
  lw_gui_test_choose (row, "Unqualified");
  g_clear_pointer (&kept, lw_scenario_unref);
  kept = kept_scenario (fixture);
  g_assert_cmpstr (kept->conversion.statuses[LW_SIM_STATUS_BAD_TIMING], ==, "unqualified");
  count_statuses (fixture, kept, &merged);
  g_assert_cmpuint (merged.in_bad_timing, ==, 0);
  g_assert_cmpuint (merged.in_unqualified, >, before.in_unqualified);
  g_assert_cmpuint (merged.in_unqualified, <=, before.in_unqualified + before.in_bad_timing);
}

/* A scenario (an imported one) whose steps name statuses the rules lack:
 * the run leaves them out, and the page says so at once, with where; it
 * is no reason not to run. Choosing a status of the rules takes it away. */
static void
test_missing_status (Fixture       *fixture,
                     gconstpointer  data)
{
  LwSimContext *context = lw_sim_context_get (fixture->workspace);
  g_autofree char *json = g_strdup (lw_sim_context_get_scenario_json (context));
  LwScenario *imported;
  GPtrArray *warnings;
  /* The engine's message, capitalized as a row's title. */
  const char *message = "The rules have no lead status “nurture”: at this step the leads keep the status they have";
  GtkWidget *listed, *row;

  g_assert_cmpuint (lw_sim_context_get_warnings (context)->len, ==, 0);

  imported = lw_scenario_load_data (json, -1, NULL, NULL, NULL);
  g_assert_nonnull (imported);
  g_free (imported->conversion.statuses[LW_SIM_STATUS_BAD_TIMING]);
  imported->conversion.statuses[LW_SIM_STATUS_BAD_TIMING] = g_strdup ("nurture");
  lw_sim_context_replace_draft (context, imported);
  lw_gui_test_settle ();

  warnings = lw_sim_context_get_warnings (context);
  g_assert_cmpuint (warnings->len, ==, 1);
  g_assert_cmpstr (((LwDiagnostic *) g_ptr_array_index (warnings, 0))->path, ==,
                   "$.conversion.statuses.badTiming");
  g_assert_cmpuint (lw_sim_context_get_problems (context)->len, ==, 0);
  g_assert_true (run_enabled (fixture));

  /* Listed on the page under the summary, saying where. */
  listed = lw_gui_test_find_row (fixture->page, message);
  g_assert_nonnull (listed);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (listed)), "Bad timing"));
  /* The row of the step names it too. */
  row = row_at (fixture, "$.conversion.statuses.badTiming");
  g_assert_false (gtk_widget_has_css_class (row, "lw-invalid"));
  g_assert_nonnull (lw_gui_test_find (row, label_is, "nurture (not in the rules)"));

  /* A status of the rules: the warning goes. */
  lw_gui_test_choose (row, "Nurture / bad timing");
  g_assert_cmpuint (lw_sim_context_get_warnings (context)->len, ==, 0);
  g_assert_null (lw_gui_test_find_row (fixture->page, message));
  g_assert_true (run_enabled (fixture));
}

/* ---- pictures ------------------------------------------------------------------------------ */

static void
save_both (GtkWidget  *window,
           const char *dir,
           const char *name)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  g_autofree char *light = g_strdup_printf ("%s/scenario-%s-light.png", dir, name);
  g_autofree char *dark = g_strdup_printf ("%s/scenario-%s-dark.png", dir, name);

  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
  lw_gui_test_spin (200);
  lw_gui_test_save_png (window, light);
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  lw_gui_test_spin (200);
  lw_gui_test_save_png (window, dark);
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_DEFAULT);
}

static void
scroll_to (GtkWidget *row)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (row, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  graphene_point_t point;

  g_assert_true (gtk_widget_compute_point (row, gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled)),
                                           &GRAPHENE_POINT_INIT (0, 0), &point));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + point.y - 90);
  lw_gui_test_settle ();
}

static void
scroll_to_top (Fixture *fixture)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (GTK_WIDGET (editor_of (fixture)), GTK_TYPE_SCROLLED_WINDOW);

  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled)), 0);
  lw_gui_test_settle ();
}

static void
test_screenshots (Fixture       *fixture,
                  gconstpointer  data)
{
  const char *dir = g_getenv ("LW_SCREENSHOT_DIR");

  if (dir == NULL)
    {
      g_test_skip ("LW_SCREENSHOT_DIR is not set");
      return;
    }
  g_mkdir_with_parents (dir, 0755);

  row_at (fixture, "$.entryPoints[0].hourly");
  scroll_to (lw_scenario_editor_find_row (editor_of (fixture), "$.entryPoints[0]"));
  save_both (fixture->window, dir, "rhythm");

  row_at (fixture, "$.conversion.sql.rate.high");
  scroll_to (lw_scenario_editor_find_row (editor_of (fixture), "$.conversion.speedToLead"));
  save_both (fixture->window, dir, "conversion");

  row_at (fixture, "$.properties.employees.min");
  row_at (fixture, "$.properties.job_title.weights.vp[\"VP Sales\"]");
  scroll_to (lw_scenario_editor_find_row (editor_of (fixture), "$.properties.employees"));
  save_both (fixture->window, dir, "distributions");

  row_at (fixture, "$.email.freeDomains[\"gmail.com\"]");
  scroll_to (lw_scenario_editor_find_row (editor_of (fixture), "$.email.freeDomains"));
  save_both (fixture->window, dir, "domains");

  row_at (fixture, "$.properties.segment.bands[0]");
  scroll_to (lw_scenario_editor_find_row (editor_of (fixture), "$.properties.segment"));
  save_both (fixture->window, dir, "bands");

  row_at (fixture, "$.entryPoints[3].properties.conversion.weights.chat");
  scroll_to (lw_scenario_editor_find_row (editor_of (fixture), "$.entryPoints[3].properties.conversion"));
  save_both (fixture->window, dir, "overrides");

  row_at (fixture, "$.properties.company.separator");
  row_at (fixture, "$.arrivalActivity.map.newsletter");
  scroll_to (lw_scenario_editor_find_row (editor_of (fixture), "$.properties.company"));
  save_both (fixture->window, dir, "names");
  scroll_to (lw_scenario_editor_find_row (editor_of (fixture), "$.arrivalActivity"));
  save_both (fixture->window, dir, "arrival");

  row_at (fixture, "$.conversion.statuses.badTiming");
  scroll_to (lw_scenario_editor_find_row (editor_of (fixture), "$.conversion.statuses"));
  save_both (fixture->window, dir, "statuses");

  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 480, 800);
  lw_gui_test_spin (300);
  row_at (fixture, "$.entryPoints[0].hourly");
  scroll_to (lw_scenario_editor_find_row (editor_of (fixture), "$.entryPoints[0].hourly"));
  save_both (fixture->window, dir, "narrow");

  row_at (fixture, "$.activities[0].count.min");
  scroll_to (lw_scenario_editor_find_row (editor_of (fixture), "$.activities[0]"));
  save_both (fixture->window, dir, "narrow-activity");

  scroll_to (lw_scenario_editor_find_row (editor_of (fixture), "$.email.freeDomains"));
  save_both (fixture->window, dir, "narrow-domains");
  scroll_to (lw_scenario_editor_find_row (editor_of (fixture), "$.properties.segment"));
  save_both (fixture->window, dir, "narrow-bands");
  scroll_to (lw_scenario_editor_find_row (editor_of (fixture), "$.entryPoints[3].properties.conversion"));
  save_both (fixture->window, dir, "narrow-overrides");
  scroll_to (lw_scenario_editor_find_row (editor_of (fixture), "$.properties.company"));
  save_both (fixture->window, dir, "narrow-names");

  /* A domain that is not one: at its row, and under the summary with Run
   * held back; then a status the rules lack, a warning. Wide and narrow. */
  for (guint narrow = 0; narrow < 2; narrow++)
    {
      LwSimContext *context = lw_sim_context_get (fixture->workspace);
      g_autofree char *json = g_strdup (lw_sim_context_get_scenario_json (context));
      LwScenario *imported = lw_scenario_load_data (json, -1, NULL, NULL, NULL);
      GtkWidget *competitors;

      gtk_window_set_default_size (GTK_WINDOW (fixture->window), narrow ? 480 : 900, 800);
      lw_gui_test_spin (300);
      row_at (fixture, "$.email.competitorDomains");
      competitors = lw_scenario_editor_find_row (editor_of (fixture), "$.email.competitorDomains");
      type_domain (competitors, "sales@rival.com");
      scroll_to (lw_scenario_editor_find_row (editor_of (fixture), "$.email.competitorDomains"));
      save_both (fixture->window, dir, narrow ? "narrow-domain-problem" : "domain-problem");
      scroll_to_top (fixture);
      save_both (fixture->window, dir, narrow ? "narrow-domain-problem-summary" : "domain-problem-summary");
      scroll_to (lw_gui_test_button (fixture->page, "Run Simulation"));
      save_both (fixture->window, dir, narrow ? "narrow-domain-problem-run" : "domain-problem-run");

      g_free (imported->conversion.statuses[LW_SIM_STATUS_BAD_TIMING]);
      imported->conversion.statuses[LW_SIM_STATUS_BAD_TIMING] = g_strdup ("nurture");
      lw_sim_context_replace_draft (context, imported);
      lw_gui_test_settle ();
      lw_gui_test_spin (300);
      scroll_to_top (fixture);
      save_both (fixture->window, dir, narrow ? "narrow-status-warning" : "status-warning");
      lw_sim_context_replace_draft (context, lw_scenario_load_data (json, -1, NULL, NULL, NULL));
      lw_gui_test_settle ();
    }
}

int
main (int    argc,
      char **argv)
{
  if (!lw_gui_test_init (&argc, &argv))
    return 77;

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/gui/scenario/rhythm", test_rhythm);
  ADD ("/gui/scenario/conversion", test_conversion);
  ADD ("/gui/scenario/reps-and-email", test_reps_and_email);
  ADD ("/gui/scenario/distributions", test_distributions);
  ADD ("/gui/scenario/domains", test_domains);
  ADD ("/gui/scenario/domains-focus", test_domains_focus);
  ADD ("/gui/scenario/bands", test_bands);
  ADD ("/gui/scenario/overrides", test_overrides);
  ADD ("/gui/scenario/names-and-arrival", test_names_and_arrival);
  ADD ("/gui/scenario/statuses", test_statuses);
  ADD ("/gui/scenario/missing-status", test_missing_status);
  ADD ("/gui/scenario/screenshots", test_screenshots);
#undef ADD
  return g_test_run ();
}
