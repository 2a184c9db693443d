/* test-what-if.c: what an edit does, on the same leads, in memory
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "lw-scenario.h"
#include "lw-simulator.h"
#include "lw-test-utils.h"
#include "lw-what-if.h"

static LwScenario *
load_sample_scenario (void)
{
  g_autofree char *path = lw_test_sample_path ("inbound-scenario.json");
  g_autoptr(GError) error = NULL;
  LwScenario *scenario = lw_scenario_load_file (path, NULL, &error);

  g_assert_no_error (error);
  return scenario;
}

/* The scenario's own 3,000 leads: one replication, over its 30 days. */
static LwSimOptions
small_run (void)
{
  LwSimOptions options = LW_SIM_OPTIONS_INIT;

  options.leads = 3000;
  options.seed = 17;
  return options;
}

static const LwWhatIfFigure *
find_figure (GPtrArray  *figures,
             const char *key)
{
  for (guint i = 0; i < figures->len; i++)
    {
      const LwWhatIfFigure *figure = g_ptr_array_index (figures, i);

      if (g_strcmp0 (figure->key, key) == 0)
        return figure;
    }
  g_assert_not_reached ();
  return NULL;
}

static void
rebind (LwConfig *config)
{
  g_autoptr(GPtrArray) diagnostics = lw_diagnostics_new ();

  g_assert_true (lw_config_bind (config, diagnostics));
}

/* The same rules on both sides: every figure equal, and equal to the
 * figures of an ordinary run of those rules with the same seed. */
static void
test_same_rules (void)
{
  g_autoptr(LwConfig) config = lw_test_load_sample ();
  g_autoptr(LwScenario) scenario = load_sample_scenario ();
  LwSimOptions options = small_run ();
  g_autoptr(LwWhatIfSide) before = NULL;
  g_autoptr(LwWhatIfSide) after = NULL;
  g_autoptr(LwSimulation) direct = NULL;
  g_autoptr(GPtrArray) figures = NULL;
  g_autoptr(GError) error = NULL;
  const LwSimSummary *s;
  const LwWhatIfFigure *figure;

  g_assert_true (lw_what_if_run (config, config, scenario, &options, NULL, NULL, NULL,
                                 &before, &after, &error));
  g_assert_no_error (error);
  g_assert_true (before->config == config);
  g_assert_cmpuint (before->leads, ==, 3000);
  g_assert_cmpuint (before->replications, ==, 1);
  g_assert_cmpuint (before->days, ==, 30);
  g_assert_cmpuint (after->seed, ==, 17);

  /* A run of the scenario as it is, with that seed. */
  options.days = 30;
  direct = lw_simulation_new (config, scenario, &options, &error);
  g_assert_no_error (error);
  g_assert_true (lw_simulation_run (direct, NULL, NULL, NULL, NULL, &error));
  s = lw_simulation_get_summary (direct);
  g_assert_cmpuint (s->leads, ==, 3000);
  g_assert_cmpuint (before->summary.leads, ==, s->leads);
  g_assert_cmpuint (after->summary.mql, ==, s->mql);
  g_assert_cmpuint (after->summary.fallback, ==, s->fallback);
  g_assert_cmpuint (after->summary.n_stages, ==, s->n_stages);
  for (guint i = 0; i < s->n_stages; i++)
    g_assert_cmpuint (after->summary.stages[i].reached, ==, s->stages[i].reached);

  figures = lw_what_if_compare (before, after);
  /* MQL rate, SLA compliance, one per policy, the fallback share. */
  g_assert_cmpuint (figures->len, ==, 3 + config->policies->len);
  for (guint i = 0; i < figures->len; i++)
    {
      figure = g_ptr_array_index (figures, i);
      g_assert_true (figure->before == figure->after || (isnan (figure->before) && isnan (figure->after)));
      g_assert_cmpint (figure->unit, ==, LW_WHAT_IF_PERCENT);
    }

  figure = g_ptr_array_index (figures, 0);
  g_assert_cmpstr (figure->key, ==, "mql_rate");
  g_assert_cmpfloat_with_epsilon (figure->after, 100.0 * s->mql / s->leads, 1e-9);
  g_assert_cmpint (figure->better, ==, +1);
  figure = g_ptr_array_index (figures, 1);
  g_assert_cmpstr (figure->key, ==, "sla.compliance");
  g_assert_cmpfloat_with_epsilon (figure->after, s->sla.compliance, 1e-9);
  for (guint i = 0; i < config->policies->len; i++)
    {
      const LwSlaPolicy *policy = g_ptr_array_index (config->policies, i);
      g_autofree char *key = g_strdup_printf ("sla.policy.%s.compliance", policy->id);
      g_autofree char *label = g_strdup_printf ("SLA: %s", policy->label);

      figure = g_ptr_array_index (figures, 2 + i);
      g_assert_cmpstr (figure->key, ==, key);
      g_assert_cmpstr (figure->label, ==, label);
      if (s->policies[i].compliance >= 0)
        g_assert_cmpfloat_with_epsilon (figure->after, s->policies[i].compliance, 1e-9);
      else
        g_assert_true (isnan (figure->after));
    }
  figure = g_ptr_array_index (figures, figures->len - 1);
  g_assert_cmpstr (figure->key, ==, "fallback_share");
  g_assert_cmpint (figure->better, ==, -1);
  g_assert_cmpfloat_with_epsilon (figure->after, 100.0 * s->fallback / s->routed, 1e-9);
}

/* No routing rule at all: every routed lead ends at the fallback owner,
 * 100 % after; the leads and their scores do not change, so neither
 * does the MQL rate. */
static void
test_edit_routing (void)
{
  g_autoptr(LwConfig) config = lw_test_load_sample ();
  g_autoptr(LwConfig) edited = lw_config_copy (config);
  g_autoptr(LwScenario) scenario = load_sample_scenario ();
  LwSimOptions options = small_run ();
  g_autoptr(LwWhatIfSide) before = NULL;
  g_autoptr(LwWhatIfSide) after = NULL;
  g_autoptr(GPtrArray) figures = NULL;
  g_autoptr(GError) error = NULL;
  const LwWhatIfFigure *fallback, *mql;

  g_ptr_array_set_size (edited->rules, 0);
  rebind (edited);

  g_assert_true (lw_what_if_run (config, edited, scenario, &options, NULL, NULL, NULL,
                                 &before, &after, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (after->summary.routed, >, 0);
  g_assert_cmpuint (after->summary.fallback, ==, after->summary.routed);

  figures = lw_what_if_compare (before, after);
  fallback = find_figure (figures, "fallback_share");
  g_assert_cmpfloat (fallback->after, ==, 100.0);
  g_assert_cmpfloat (fallback->before, <, 50.0);
  g_assert_cmpfloat (fallback->before, ==, 100.0 * before->summary.fallback / before->summary.routed);
  mql = find_figure (figures, "mql_rate");
  g_assert_cmpfloat (mql->before, ==, mql->after);
  g_assert_cmpfloat (mql->after, >, 0);
}

/* An MQL threshold no lead reaches: an MQL rate of 0 after the edit. */
static void
test_edit_mql_threshold (void)
{
  g_autoptr(LwConfig) config = lw_test_load_sample ();
  g_autoptr(LwConfig) edited = lw_config_copy (config);
  g_autoptr(LwScenario) scenario = load_sample_scenario ();
  LwSimOptions options = small_run ();
  g_autoptr(LwWhatIfSide) before = NULL;
  g_autoptr(LwWhatIfSide) after = NULL;
  g_autoptr(GPtrArray) figures = NULL;
  g_autoptr(GError) error = NULL;
  const LwWhatIfFigure *mql;

  g_assert_cmpint (edited->scoring.mql_kind, ==, LW_MQL_TOTAL);
  edited->scoring.mql_total = 100000;
  rebind (edited);

  /* The "before" kept from an earlier run, the "after" run alone. */
  before = lw_what_if_simulate (config, scenario, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  after = lw_what_if_simulate (edited, scenario, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after->summary.mql, ==, 0);

  figures = lw_what_if_compare (before, after);
  mql = find_figure (figures, "mql_rate");
  g_assert_cmpfloat (mql->after, ==, 0.0);
  g_assert_cmpfloat (mql->before, ==, 100.0 * before->summary.mql / 3000);
  g_assert_cmpfloat (mql->before, >, 0.0);
}

/* A policy removed by the edit is listed last among the policies, with
 * no figure after; one added has none before. */
static void
test_policies_matched_by_id (void)
{
  g_autoptr(LwConfig) config = lw_test_load_sample ();
  g_autoptr(LwConfig) edited = lw_config_copy (config);
  g_autoptr(LwScenario) scenario = load_sample_scenario ();
  LwSimOptions options = small_run ();
  g_autoptr(LwWhatIfSide) before = NULL;
  g_autoptr(LwWhatIfSide) after = NULL;
  g_autoptr(GPtrArray) figures = NULL;
  g_autoptr(GPtrArray) reverse = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *removed_id = NULL;
  g_autofree char *removed_key = NULL;
  const LwWhatIfFigure *figure;
  guint n = config->policies->len;

  g_assert_cmpuint (n, >=, 2);
  removed_id = g_strdup (((LwSlaPolicy *) g_ptr_array_index (edited->policies, 0))->id);
  g_ptr_array_remove_index (edited->policies, 0);
  rebind (edited);

  g_assert_true (lw_what_if_run (config, edited, scenario, &options, NULL, NULL, NULL,
                                 &before, &after, &error));
  g_assert_no_error (error);
  figures = lw_what_if_compare (before, after);
  g_assert_cmpuint (figures->len, ==, 3 + n);

  removed_key = g_strdup_printf ("sla.policy.%s.compliance", removed_id);
  /* After's policies in its order, then the one only before had. */
  for (guint i = 0; i < n - 1; i++)
    {
      const LwSlaPolicy *policy = g_ptr_array_index (edited->policies, i);
      g_autofree char *key = g_strdup_printf ("sla.policy.%s.compliance", policy->id);

      g_assert_cmpstr (((LwWhatIfFigure *) g_ptr_array_index (figures, 2 + i))->key, ==, key);
    }
  figure = g_ptr_array_index (figures, 2 + n - 1);
  g_assert_cmpstr (figure->key, ==, removed_key);
  g_assert_true (isnan (figure->after));
  g_assert_false (isnan (figure->before));

  /* The other way round, it is new: nothing before. */
  reverse = lw_what_if_compare (after, before);
  figure = find_figure (reverse, removed_key);
  g_assert_true (isnan (figure->before));
  g_assert_false (isnan (figure->after));
}

/* Side by side on two threads or one after the other: the same. */
static void
test_parallel_equals_serial (void)
{
  g_autoptr(LwConfig) config = lw_test_load_sample ();
  g_autoptr(LwConfig) edited = lw_config_copy (config);
  g_autoptr(LwScenario) scenario = load_sample_scenario ();
  LwSimOptions options = small_run ();
  g_autoptr(LwWhatIfSide) before = NULL;
  g_autoptr(LwWhatIfSide) after = NULL;
  g_autoptr(LwWhatIfSide) before1 = NULL;
  g_autoptr(LwWhatIfSide) after1 = NULL;
  g_autoptr(GError) error = NULL;

  edited->scoring.mql_total = 25;
  rebind (edited);

  g_assert_true (lw_what_if_run (config, edited, scenario, &options, NULL, NULL, NULL,
                                 &before, &after, &error));
  before1 = lw_what_if_simulate (config, scenario, &options, NULL, NULL, NULL, &error);
  after1 = lw_what_if_simulate (edited, scenario, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (after->summary.mql, >, before->summary.mql);
  g_assert_cmpuint (before->summary.mql, ==, before1->summary.mql);
  g_assert_cmpuint (after->summary.mql, ==, after1->summary.mql);
  g_assert_cmpuint (before->summary.events, ==, before1->summary.events);
  g_assert_cmpuint (after->summary.events, ==, after1->summary.events);
  g_assert_cmpuint (after->summary.sla.met, ==, after1->summary.sla.met);
  g_assert_cmpuint (after->summary.fallback, ==, after1->summary.fallback);
}

static void
progress_cb (LwTime   now,
             guint    done,
             guint    total,
             gpointer user_data)
{
  guint *last = user_data;

  g_assert_cmpuint (total, ==, 6000);
  g_assert_cmpuint (done, <=, total);
  *last = done;
}

static void
test_progress_and_errors (void)
{
  g_autoptr(LwConfig) config = lw_test_load_sample ();
  g_autoptr(LwConfig) broken = lw_config_copy (config);
  g_autoptr(LwScenario) scenario = load_sample_scenario ();
  g_autoptr(LwScenario) foreign = NULL;
  g_autoptr(GPtrArray) diagnostics = lw_diagnostics_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  LwSimOptions options = small_run ();
  LwWhatIfSide *before = GINT_TO_POINTER (1);
  LwWhatIfSide *after = GINT_TO_POINTER (2);
  g_autoptr(LwWhatIfSide) side = NULL;
  g_autoptr(GError) error = NULL;
  guint done = 0;

  /* Progress follows the runs, to the last lead of the last. */
  options.leads = 6000;
  side = lw_what_if_simulate (config, scenario, &options, NULL, progress_cb, &done, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (done, ==, 6000);
  options.leads = 3000;
  g_clear_pointer (&side, lw_what_if_side_unref);

  /* Rules with errors (a dangling fallback owner) cannot run. */
  g_free (broken->fallback.owner);
  broken->fallback.owner = g_strdup ("nobody");
  g_assert_false (lw_config_bind (broken, diagnostics));
  g_assert_false (lw_what_if_run (config, broken, scenario, &options, NULL, NULL, NULL,
                                  &before, &after, &error));
  g_assert_error (error, LW_SIM_ERROR, LW_SIM_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "errors"));
  g_assert_true (before == GINT_TO_POINTER (1));
  g_assert_true (after == GINT_TO_POINTER (2));
  g_clear_error (&error);
  g_assert_false (lw_what_if_run (broken, config, scenario, &options, NULL, NULL, NULL,
                                  &before, &after, &error));
  g_assert_error (error, LW_SIM_ERROR, LW_SIM_ERROR_INVALID);
  g_assert_true (before == GINT_TO_POINTER (1));
  g_clear_error (&error);

  /* A scenario that does not fit the rules says where. */
  foreign = load_sample_scenario ();
  g_free (((LwEntryPoint *) g_ptr_array_index (foreign->entry_points, 0))->source);
  ((LwEntryPoint *) g_ptr_array_index (foreign->entry_points, 0))->source = g_strdup ("fax");
  side = lw_what_if_simulate (config, foreign, &options, NULL, NULL, NULL, &error);
  g_assert_null (side);
  g_assert_error (error, LW_SIM_ERROR, LW_SIM_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "$.entryPoints[0].source"));
  g_clear_error (&error);

  /* Cancelled: neither side. */
  g_cancellable_cancel (cancellable);
  g_assert_false (lw_what_if_run (config, config, scenario, &options, cancellable, NULL, NULL,
                                  &before, &after, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_true (before == GINT_TO_POINTER (1));
  g_assert_true (after == GINT_TO_POINTER (2));
}

static LwSimulation *
run_direct (const LwConfig *config,
            LwScenario     *scenario,
            guint           leads,
            guint           days,
            guint64         seed)
{
  LwSimOptions options = LW_SIM_OPTIONS_INIT;
  g_autoptr(GError) error = NULL;
  LwSimulation *sim;

  options.leads = leads;
  options.days = days;
  options.seed = seed;
  sim = lw_simulation_new (config, scenario, &options, &error);
  g_assert_no_error (error);
  g_assert_true (lw_simulation_run (sim, NULL, NULL, NULL, NULL, &error));
  return sim;
}

/* 7,000 leads of a 3,000-lead scenario are three replications of 2,334,
 * 2,333 and 2,333 leads over 23 days each, seeded 5, then two seeds of
 * their own; the side adds their figures up. */
static void
test_replications (void)
{
  g_autoptr(LwConfig) config = lw_test_load_sample ();
  g_autoptr(LwScenario) scenario = load_sample_scenario ();
  LwSimOptions options = LW_SIM_OPTIONS_INIT;
  g_autoptr(LwWhatIfSide) side = NULL;
  g_autoptr(GError) error = NULL;
  LwSimulation *runs[3];
  guint replications, each, days;
  guint mql = 0, fallback = 0, routed = 0, met = 0, breached = 0;
  guint64 events = 0;

  lw_what_if_plan (scenario, 7000, &replications, &each, &days);
  g_assert_cmpuint (replications, ==, 3);
  g_assert_cmpuint (each, ==, 2333);
  g_assert_cmpuint (days, ==, 23);
  g_assert_true (lw_what_if_replication_seed (5, 0) == 5);
  g_assert_true (lw_what_if_replication_seed (5, 1) != 5);
  g_assert_true (lw_what_if_replication_seed (5, 1) != lw_what_if_replication_seed (5, 2));
  g_assert_true (lw_what_if_replication_seed (5, 1) != lw_what_if_replication_seed (6, 1));

  options.leads = 7000;
  options.seed = 5;
  options.days = 365;   /* not read: the pace is the scenario's */
  side = lw_what_if_simulate (config, scenario, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (side->replications, ==, 3);
  g_assert_cmpuint (side->days, ==, 23);
  g_assert_cmpuint (side->summary.leads, ==, 7000);

  runs[0] = run_direct (config, scenario, 2334, 23, 5);
  runs[1] = run_direct (config, scenario, 2333, 23, lw_what_if_replication_seed (5, 1));
  runs[2] = run_direct (config, scenario, 2333, 23, lw_what_if_replication_seed (5, 2));
  for (guint r = 0; r < 3; r++)
    {
      const LwSimSummary *s = lw_simulation_get_summary (runs[r]);

      mql += s->mql;
      fallback += s->fallback;
      routed += s->routed;
      met += s->sla.met;
      breached += s->sla.breached;
      events += s->events;
    }
  g_assert_cmpuint (side->summary.mql, ==, mql);
  g_assert_cmpuint (side->summary.fallback, ==, fallback);
  g_assert_cmpuint (side->summary.routed, ==, routed);
  g_assert_cmpuint (side->summary.events, ==, events);
  g_assert_cmpuint (side->summary.sla.met, ==, met);
  g_assert_cmpuint (side->summary.sla.breached, ==, breached);
  g_assert_cmpfloat_with_epsilon (side->summary.sla.compliance, 100.0 * met / (met + breached), 1e-9);
  for (guint i = 0; i < side->summary.n_stages; i++)
    {
      guint reached = 0, advanced = 0;

      for (guint r = 0; r < 3; r++)
        {
          reached += lw_simulation_get_summary (runs[r])->stages[i].reached;
          advanced += lw_simulation_get_summary (runs[r])->stages[i].advanced;
        }
      g_assert_cmpuint (side->summary.stages[i].reached, ==, reached);
      g_assert_cmpuint (side->summary.stages[i].advanced, ==, advanced);
      if (i + 1 < side->summary.n_stages && reached > 0)
        g_assert_cmpfloat_with_epsilon (side->summary.stages[i].conversion, (double) advanced / reached, 1e-12);
      else
        g_assert_cmpfloat (side->summary.stages[i].conversion, ==, -1);
    }
  for (guint i = 0; i < side->summary.n_policies; i++)
    {
      guint m = 0, b = 0;

      for (guint r = 0; r < 3; r++)
        {
          m += lw_simulation_get_summary (runs[r])->policies[i].met;
          b += lw_simulation_get_summary (runs[r])->policies[i].breached;
        }
      g_assert_cmpuint (side->summary.policies[i].met, ==, m);
      g_assert_cmpuint (side->summary.policies[i].breached, ==, b);
    }
  for (guint r = 0; r < 3; r++)
    lw_simulation_free (runs[r]);
}

/* A run keeps the scenario's pace: 3,000 leads over 30 days is 100 a
 * day, so 1,000 leads take 10 days; never under a day nor over the
 * simulator's limit. 100,000 leads are 34 replications of about 2,941
 * over 29 days. */
static void
test_days_keep_pace (void)
{
  g_autoptr(LwScenario) scenario = load_sample_scenario ();

  g_assert_cmpuint (scenario->leads, ==, 3000);
  g_assert_cmpuint (scenario->days, ==, 30);
  g_assert_cmpuint (lw_what_if_days_for (scenario, 100000), ==, 1000);
  g_assert_cmpuint (lw_what_if_days_for (scenario, 10000), ==, 100);
  g_assert_cmpuint (lw_what_if_days_for (scenario, 3000), ==, 30);
  g_assert_cmpuint (lw_what_if_days_for (scenario, 1000), ==, 10);
  g_assert_cmpuint (lw_what_if_days_for (scenario, 1000000), ==, 3650);
  g_assert_cmpuint (lw_what_if_days_for (scenario, 50), ==, 1);
  scenario->leads = 2000000;
  g_assert_cmpuint (lw_what_if_days_for (scenario, 100000), ==, 2);
  scenario->leads = 7;
  scenario->days = 3;
  g_assert_cmpuint (lw_what_if_days_for (scenario, 10), ==, 4);
  scenario->leads = 3000;
  scenario->days = 30;
  {
    guint n, each, days;

    lw_what_if_plan (scenario, 100000, &n, &each, &days);
    g_assert_cmpuint (n, ==, 34);
    g_assert_cmpuint (each, ==, 2941);
    g_assert_cmpuint (days, ==, 29);
    lw_what_if_plan (scenario, 3000, &n, &each, &days);
    g_assert_cmpuint (n, ==, 1);
    g_assert_cmpuint (each, ==, 3000);
    g_assert_cmpuint (days, ==, 30);
    lw_what_if_plan (scenario, 0, &n, &each, &days);
    g_assert_cmpuint (n, ==, 1);
    g_assert_cmpuint (each, ==, 3000);
    lw_what_if_plan (scenario, 500, &n, &each, &days);
    g_assert_cmpuint (n, ==, 1);
    g_assert_cmpuint (each, ==, 500);
    g_assert_cmpuint (days, ==, 5);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/what-if/same-rules", test_same_rules);
  g_test_add_func ("/what-if/edit/routing", test_edit_routing);
  g_test_add_func ("/what-if/edit/mql-threshold", test_edit_mql_threshold);
  g_test_add_func ("/what-if/policies-matched-by-id", test_policies_matched_by_id);
  g_test_add_func ("/what-if/parallel-equals-serial", test_parallel_equals_serial);
  g_test_add_func ("/what-if/progress-and-errors", test_progress_and_errors);
  g_test_add_func ("/what-if/days-keep-pace", test_days_keep_pace);
  g_test_add_func ("/what-if/replications", test_replications);
  return g_test_run ();
}
