/* test-scoring.c: fit and engagement scores, decay, caps, grades, MQL
 *
 * Every expected figure below is worked out by hand in the comment next to
 * it. The rule sets are built in C with the constructors of lw-config.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "lw-rng.h"
#include "lw-scoring.h"
#include "lw-test-utils.h"

#define NOW_ISO "2026-03-09T14:00:00Z"

/* ---- building rule sets ------------------------------------------------- */

static LwCondition *
condition_new (const char *property,
               LwOperator  op,
               const char *value)
{
  LwCondition *condition = lw_condition_new ();
  LwFilterGroup *group = lw_filter_group_new ();

  g_ptr_array_add (group->filters, lw_filter_new (property, op, value));
  g_ptr_array_add (condition->groups, group);
  return condition;
}

static LwCondition *
condition_in_new (const char         *property,
                  const char * const *values)
{
  LwCondition *condition = lw_condition_new ();
  LwFilterGroup *group = lw_filter_group_new ();
  LwFilter *filter = lw_filter_new (property, LW_OP_IN, NULL);

  g_clear_pointer (&filter->values, g_strfreev);
  filter->values = g_strdupv ((GStrv) values);
  g_ptr_array_add (group->filters, filter);
  g_ptr_array_add (condition->groups, group);
  return condition;
}

static LwCriterion *
add_condition_criterion (LwScoreModel *model,
                         const char   *id,
                         const char   *label,
                         int           points,
                         LwCondition  *when)
{
  LwCriterion *criterion = lw_criterion_new (id, label, points);

  g_clear_pointer (&criterion->when, lw_condition_free);
  g_clear_pointer (&criterion->activity, g_free);
  criterion->when = when;
  g_ptr_array_add (model->criteria, criterion);
  return criterion;
}

static LwCriterion *
add_activity_criterion (LwScoreModel *model,
                        const char   *id,
                        const char   *label,
                        const char   *activity,
                        int           points,
                        guint         max_times)
{
  LwCriterion *criterion = lw_criterion_new (id, label, points);

  g_clear_pointer (&criterion->when, lw_condition_free);
  g_free (criterion->activity);
  criterion->activity = g_strdup (activity);
  criterion->max_times = max_times;
  g_ptr_array_add (model->criteria, criterion);
  return criterion;
}

static void
add_property (LwConfig       *config,
              const char     *id,
              const char     *label,
              LwPropertyType  type)
{
  g_ptr_array_add (config->properties, lw_property_new (id, label, type));
}

static void
add_activity (LwConfig   *config,
              const char *id,
              const char *label)
{
  g_ptr_array_add (config->activities, lw_activity_type_new (id, label));
}

static void
add_bands (GPtrArray  *bands,
           const char *top,
           int         top_min,
           const char *middle,
           int         middle_min,
           const char *last)
{
  g_ptr_array_add (bands, lw_grade_band_new (top, TRUE, top_min));
  g_ptr_array_add (bands, lw_grade_band_new (middle, TRUE, middle_min));
  g_ptr_array_add (bands, lw_grade_band_new (last, FALSE, 0));
}

/* Properties, activities, the MQL stage and the one rep the mandatory
 * fallback needs; no scoring criteria. */
static LwConfig *
base_config_new (void)
{
  LwConfig *config = lw_config_new ();
  LwProperty *industry;
  LwProperty *domain;

  industry = lw_property_new ("industry", "Industry", LW_PROPERTY_ENUM);
  g_ptr_array_add (industry->options, lw_option_new ("software", "Software"));
  g_ptr_array_add (industry->options, lw_option_new ("retail", "Retail"));
  g_ptr_array_add (industry->options, lw_option_new ("education", "Education"));
  g_ptr_array_add (config->properties, industry);

  add_property (config, "employees", "Employees", LW_PROPERTY_NUMBER);
  add_property (config, "email", "Email", LW_PROPERTY_EMAIL);
  domain = lw_property_new ("email_domain", "Email domain", LW_PROPERTY_STRING);
  domain->domain_of = g_strdup ("email");
  g_ptr_array_add (config->properties, domain);
  add_property (config, "job_title", "Job title", LW_PROPERTY_STRING);
  add_property (config, "fit_signals", "Fit signals", LW_PROPERTY_NUMBER);

  add_activity (config, "pricing_page", "Pricing page visit");
  add_activity (config, "demo_request", "Demo request");
  add_activity (config, "webinar", "Webinar");
  add_activity (config, "unsubscribe", "Unsubscribe");
  add_activity (config, "fit_point", "Fit point");
  add_activity (config, "engagement_point", "Engagement point");

  g_ptr_array_add (config->reps, lw_rep_new ("ana", "Ana Silva"));
  g_clear_pointer (&config->fallback.owner, g_free);
  g_clear_pointer (&config->fallback.pool, g_free);
  config->fallback.owner = g_strdup ("ana");

  g_ptr_array_add (config->stages, lw_stage_new ("subscriber", "Subscriber"));
  g_ptr_array_add (config->stages, lw_stage_new ("mql", "Marketing Qualified Lead"));
  g_free (config->scoring.mql_stage);
  config->scoring.mql_stage = g_strdup ("mql");

  config->scoring.decay = LW_DECAY_NONE;
  config->scoring.mql_kind = LW_MQL_TOTAL;
  config->scoring.mql_total = 40;

  return config;
}

static void
bind_config (LwConfig *config)
{
  g_autoptr(GPtrArray) diagnostics = lw_diagnostics_new ();
  gboolean ok;

  ok = lw_config_bind (config, diagnostics);
  for (guint i = 0; i < diagnostics->len; i++)
    {
      g_autofree char *text = lw_diagnostic_format (g_ptr_array_index (diagnostics, i));
      g_printerr ("%s\n", text);
    }
  g_assert_true (ok);
  g_assert_cmpuint (lw_diagnostics_count (diagnostics, LW_SEVERITY_ERROR), ==, 0);
}

static guint
activity_index (const LwConfig *config,
                const char     *id)
{
  int index = lw_config_activity_index (config, id);

  g_assert_cmpint (index, >=, 0);
  return (guint) index;
}

/* Adds one activity @days_ago days (and @extra seconds) before @now. */
static void
add_activity_ago (LwLead         *lead,
                  const LwConfig *config,
                  const char     *type,
                  LwTime          now,
                  double          days_ago,
                  LwTime          extra)
{
  lw_lead_add_activity (lead, activity_index (config, type),
                        now - (LwTime) (days_ago * LW_DAY) - extra);
}

static void
add_activities (LwLead         *lead,
                const LwConfig *config,
                const char     *type,
                LwTime          at,
                guint           n)
{
  for (guint i = 0; i < n; i++)
    lw_lead_add_activity (lead, activity_index (config, type), at);
}

static const LwScoreItem *
find_item (const LwScore *score,
           const char    *criterion_id)
{
  g_assert_nonnull (score->items);
  for (guint i = 0; i < score->items->len; i++)
    {
      const LwScoreItem *item = g_ptr_array_index (score->items, i);

      if (g_strcmp0 (item->criterion->id, criterion_id) == 0)
        return item;
    }
  g_assert_not_reached ();
  return NULL;
}

#define EPSILON 1e-9

/* ---- fit: conditions, negatives, caps ----------------------------------- */

static LwConfig *
fit_config_new (void)
{
  LwConfig *config = base_config_new ();
  LwScoreModel *fit = &config->scoring.fit;
  const char * const free_domains[] = { "gmail.com", "yahoo.com", NULL };

  add_condition_criterion (fit, "software", "Industry", 15,
                           condition_new ("industry", LW_OP_EQ, "software"));
  add_condition_criterion (fit, "size", "Employees", 10,
                           condition_new ("employees", LW_OP_GTE, "200"));
  add_condition_criterion (fit, "free-email", "Free email domain", -10,
                           condition_in_new ("email_domain", free_domains));
  add_condition_criterion (fit, "student", "Student", -20,
                           condition_new ("job_title", LW_OP_CONTAINS_TOKEN, "student"));
  add_condition_criterion (fit, "competitor", "Competitor", -50,
                           condition_new ("email_domain", LW_OP_EQ, "rival.com"));
  return config;
}

static void
test_fit_conditions (void)
{
  g_autoptr(LwConfig) config = fit_config_new ();
  g_autoptr(LwLead) both = NULL;
  g_autoptr(LwLead) small = NULL;
  g_autoptr(LwLead) edge = NULL;
  g_autoptr(LwLead) nothing = NULL;
  LwTime now = lw_test_time (NOW_ISO);
  LwScore score;

  bind_config (config);

  /* Software (+15) and 250 employees (+10): 25. */
  both = lw_test_lead (config, "industry=software", "employees=250",
                       "email=ana@acme.com", NULL);
  lw_score_lead (config, both, now, FALSE, &score);
  g_assert_cmpfloat_with_epsilon (score.fit, 25.0, EPSILON);
  g_assert_cmpfloat_with_epsilon (score.engagement, 0.0, EPSILON);
  g_assert_cmpfloat_with_epsilon (score.total, 25.0, EPSILON);
  g_assert_null (score.items);
  lw_score_clear (&score);

  /* Retail with 150 employees: neither criterion holds. */
  small = lw_test_lead (config, "industry=retail", "employees=150",
                        "email=bo@shop.com", NULL);
  lw_score_lead (config, small, now, FALSE, &score);
  g_assert_cmpfloat_with_epsilon (score.fit, 0.0, EPSILON);
  lw_score_clear (&score);

  /* Exactly 200 employees is "≥ 200": +10. */
  edge = lw_test_lead (config, "industry=education", "employees=200", NULL);
  lw_score_lead (config, edge, now, FALSE, &score);
  g_assert_cmpfloat_with_epsilon (score.fit, 10.0, EPSILON);
  lw_score_clear (&score);

  /* A lead with no properties at all scores nothing. */
  nothing = lw_test_lead (config, NULL);
  lw_score_lead (config, nothing, now, TRUE, &score);
  g_assert_cmpfloat_with_epsilon (score.fit, 0.0, EPSILON);
  g_assert_cmpuint (score.items->len, ==, 5);
  for (guint i = 0; i < score.items->len; i++)
    {
      const LwScoreItem *item = g_ptr_array_index (score.items, i);

      g_assert_false (item->matched);
      g_assert_cmpuint (item->times, ==, 0);
      g_assert_cmpfloat (item->points, ==, 0.0);
    }
  lw_score_clear (&score);
  g_assert_null (score.items);
}

/* Results the caller already knows replace the conditions' own; activity
 * criteria and criteria past the known ones are scored as usual. */
static void
test_known_results (void)
{
  g_autoptr(LwConfig) config = fit_config_new ();
  g_autoptr(LwLead) lead = NULL;
  LwTime now = lw_test_time (NOW_ISO);
  /* fit: software, size, free-email, student, competitor; engagement:
   * pricing */
  guint8 known[6] = { LW_CRITERION_EVALUATE, LW_CRITERION_EVALUATE, LW_CRITERION_EVALUATE,
                      LW_CRITERION_EVALUATE, LW_CRITERION_EVALUATE, LW_CRITERION_HOLDS };
  LwScore expected;
  LwScore score;

  add_activity_criterion (&config->scoring.engagement, "pricing", "Pricing", "pricing_page", 5, 0);
  bind_config (config);
  /* Software (+15), 250 employees (+10), gmail (−10); two pricing-page
   * visits (+10). */
  lead = lw_test_lead (config, "industry=software", "employees=250",
                       "email=ana@gmail.com", NULL);
  add_activities (lead, config, "pricing_page", now - LW_DAY, 2);

  /* Nothing known: what lw_score_lead() says, 15 + 10 − 10 = 15 and 10.
   * The entry for the activity criterion does not count. */
  lw_score_lead (config, lead, now, FALSE, &expected);
  g_assert_cmpfloat_with_epsilon (expected.fit, 15.0, EPSILON);
  g_assert_cmpfloat_with_epsilon (expected.engagement, 10.0, EPSILON);
  lw_score_lead_known (config, lead, now, known, G_N_ELEMENTS (known), &score);
  g_assert_cmpfloat (score.fit, ==, expected.fit);
  g_assert_cmpfloat (score.engagement, ==, expected.engagement);
  g_assert_cmpfloat (score.total, ==, expected.total);
  g_assert_cmpstr (score.grade, ==, expected.grade);
  g_assert_cmpint (score.mql, ==, expected.mql);
  g_assert_null (score.items);

  /* Told that the software criterion fails and the student one holds:
   * 10 − 10 − 20 = −20. */
  known[0] = LW_CRITERION_FAILS;
  known[3] = LW_CRITERION_HOLDS;
  lw_score_lead_known (config, lead, now, known, G_N_ELEMENTS (known), &score);
  g_assert_cmpfloat_with_epsilon (score.fit, -20.0, EPSILON);
  g_assert_cmpfloat_with_epsilon (score.engagement, 10.0, EPSILON);
  g_assert_cmpfloat_with_epsilon (score.total, -10.0, EPSILON);

  /* Only the first result given: software fails, the others are
   * evaluated (the student criterion does not hold): 10 − 10 = 0. */
  lw_score_lead_known (config, lead, now, known, 1, &score);
  g_assert_cmpfloat_with_epsilon (score.fit, 0.0, EPSILON);

  /* None given. */
  lw_score_lead_known (config, lead, now, NULL, 0, &score);
  g_assert_cmpfloat (score.fit, ==, expected.fit);

  g_test_expect_message ("leadwright-engine", G_LOG_LEVEL_CRITICAL, "*known != NULL*");
  lw_score_lead_known (config, lead, now, NULL, 3, &score);
  g_test_assert_expected_messages ();

  lw_score_clear (&expected);
}

static void
test_fit_negative (void)
{
  g_autoptr(LwConfig) config = fit_config_new ();
  g_autoptr(LwLead) gmail = NULL;
  g_autoptr(LwLead) student = NULL;
  g_autoptr(LwLead) rival = NULL;
  LwTime now = lw_test_time (NOW_ISO);
  LwScore score;

  config->scoring.fit.has_cap = TRUE;
  config->scoring.fit.cap = 60;
  bind_config (config);

  /* Software (+15), free email domain (−10): 5. */
  gmail = lw_test_lead (config, "industry=software", "email=ana@gmail.com", NULL);
  lw_score_lead (config, gmail, now, TRUE, &score);
  g_assert_cmpfloat_with_epsilon (score.fit, 5.0, EPSILON);
  g_assert_true (find_item (&score, "free-email")->matched);
  g_assert_cmpfloat (find_item (&score, "free-email")->points, ==, -10.0);
  lw_score_clear (&score);

  /* A student on a free address: −10 − 20 = −30. The cap bounds from above
   * only: there is no floor at zero. */
  student = lw_test_lead (config, "email=jo@yahoo.com", "job_title=PhD student",
                          NULL);
  lw_score_lead (config, student, now, FALSE, &score);
  g_assert_cmpfloat_with_epsilon (score.fit, -30.0, EPSILON);
  g_assert_cmpfloat_with_epsilon (score.fit_uncapped, -30.0, EPSILON);
  g_assert_cmpfloat_with_epsilon (score.total, -30.0, EPSILON);
  g_assert_false (score.mql);
  lw_score_clear (&score);

  /* A competitor in software with 500 employees: 15 + 10 − 50 = −25. */
  rival = lw_test_lead (config, "industry=software", "employees=500",
                        "email=spy@rival.com", NULL);
  lw_score_lead (config, rival, now, FALSE, &score);
  g_assert_cmpfloat_with_epsilon (score.fit, -25.0, EPSILON);
  lw_score_clear (&score);
}

static void
test_cap (void)
{
  g_autoptr(LwConfig) config = fit_config_new ();
  g_autoptr(LwLead) lead = NULL;
  g_autoptr(LwLead) gmail = NULL;
  LwTime now = lw_test_time (NOW_ISO);
  LwScoreModel *engagement = &config->scoring.engagement;
  LwScore score;

  config->scoring.fit.has_cap = TRUE;
  config->scoring.fit.cap = 20;
  add_activity_criterion (engagement, "demo", "Demo request", "demo_request", 30, 0);
  engagement->has_cap = TRUE;
  engagement->cap = 0;
  bind_config (config);

  /* Fit 15 + 10 = 25, capped at 20; engagement 2 × 30 = 60, capped at 0. */
  lead = lw_test_lead (config, "industry=software", "employees=250", NULL);
  add_activities (lead, config, "demo_request", now - LW_HOUR, 2);
  lw_score_lead (config, lead, now, FALSE, &score);
  g_assert_cmpfloat_with_epsilon (score.fit, 20.0, EPSILON);
  g_assert_cmpfloat_with_epsilon (score.fit_uncapped, 25.0, EPSILON);
  g_assert_cmpfloat_with_epsilon (score.engagement, 0.0, EPSILON);
  g_assert_cmpfloat_with_epsilon (score.engagement_uncapped, 60.0, EPSILON);
  g_assert_cmpfloat_with_epsilon (score.total, 20.0, EPSILON);
  lw_score_clear (&score);

  /* A sum below the cap is left alone: 15 − 10 = 5. */
  gmail = lw_test_lead (config, "industry=software", "email=a@gmail.com", NULL);
  lw_score_lead (config, gmail, now, FALSE, &score);
  g_assert_cmpfloat_with_epsilon (score.fit, 5.0, EPSILON);
  g_assert_cmpfloat_with_epsilon (score.fit_uncapped, 5.0, EPSILON);
  lw_score_clear (&score);

  /* Exactly at the cap. */
  config->scoring.fit.cap = 25;
  lw_score_lead (config, lead, now, FALSE, &score);
  g_assert_cmpfloat_with_epsilon (score.fit, 25.0, EPSILON);
  lw_score_clear (&score);
}

/* ---- activities ---------------------------------------------------------- */

static void
test_activity_max_times (void)
{
  g_autoptr(LwConfig) config = base_config_new ();
  g_autoptr(LwLead) lead = NULL;
  LwScoreModel *engagement = &config->scoring.engagement;
  LwTime now = lw_test_time (NOW_ISO);
  LwCriterion *pricing;
  LwScore score;

  pricing = add_activity_criterion (engagement, "pricing", "Pricing page visit",
                                    "pricing_page", 5, 3);
  add_activity_criterion (engagement, "unsub", "Unsubscribe", "unsubscribe", -7, 0);
  bind_config (config);

  lead = lw_test_lead (config, NULL);
  add_activities (lead, config, "pricing_page", now - LW_DAY, 5);

  /* Five visits, at most three count: 3 × 5 = 15. */
  lw_score_lead (config, lead, now, TRUE, &score);
  g_assert_cmpfloat_with_epsilon (score.engagement, 15.0, EPSILON);
  g_assert_cmpuint (find_item (&score, "pricing")->times, ==, 3);
  g_assert_true (find_item (&score, "pricing")->matched);
  g_assert_false (find_item (&score, "unsub")->matched);
  lw_score_clear (&score);

  /* No limit: 5 × 5 = 25. */
  pricing->max_times = 0;
  lw_score_lead (config, lead, now, TRUE, &score);
  g_assert_cmpfloat_with_epsilon (score.engagement, 25.0, EPSILON);
  g_assert_cmpuint (find_item (&score, "pricing")->times, ==, 5);
  lw_score_clear (&score);

  /* A limit above the count changes nothing: 25. */
  pricing->max_times = 10;
  lw_score_lead (config, lead, now, FALSE, &score);
  g_assert_cmpfloat_with_epsilon (score.engagement, 25.0, EPSILON);
  lw_score_clear (&score);

  /* Negative activity points add up too: 25 − 7 − 7 = 11. */
  add_activities (lead, config, "unsubscribe", now - LW_HOUR, 2);
  lw_score_lead (config, lead, now, FALSE, &score);
  g_assert_cmpfloat_with_epsilon (score.engagement, 11.0, EPSILON);
  lw_score_clear (&score);
}

static void
test_activity_future (void)
{
  g_autoptr(LwConfig) config = base_config_new ();
  g_autoptr(LwLead) lead = NULL;
  LwTime now = lw_test_time (NOW_ISO);
  LwScore score;

  add_activity_criterion (&config->scoring.engagement, "demo", "Demo request",
                          "demo_request", 20, 0);
  add_activity_criterion (&config->scoring.engagement, "webinar", "Webinar",
                          "webinar", 3, 0);
  bind_config (config);

  lead = lw_test_lead (config, NULL);
  lw_lead_add_activity (lead, activity_index (config, "webinar"), now - 10);
  lw_lead_add_activity (lead, activity_index (config, "demo_request"), now);
  lw_lead_add_activity (lead, activity_index (config, "demo_request"), now + 1);

  /* The demo request at @now counts, the one a second later does not:
   * 20 + 3 = 23. */
  lw_score_lead (config, lead, now, FALSE, &score);
  g_assert_cmpfloat_with_epsilon (score.engagement, 23.0, EPSILON);
  lw_score_clear (&score);

  /* Scored a second earlier, only the webinar has happened. */
  lw_score_lead (config, lead, now - 1, FALSE, &score);
  g_assert_cmpfloat_with_epsilon (score.engagement, 3.0, EPSILON);
  lw_score_clear (&score);

  /* A second later both demo requests count: 20 + 20 + 3 = 43. */
  lw_score_lead (config, lead, now + 1, FALSE, &score);
  g_assert_cmpfloat_with_epsilon (score.engagement, 43.0, EPSILON);
  lw_score_clear (&score);
}

/* ---- decay ----------------------------------------------------------------- */

static void
test_decay_half_life (void)
{
  g_autoptr(LwConfig) config = base_config_new ();
  g_autoptr(LwLead) lead = NULL;
  LwTime t0 = lw_test_time (NOW_ISO);
  LwScore score;

  add_activity_criterion (&config->scoring.engagement, "pricing", "Pricing page visit",
                          "pricing_page", 8, 0);
  config->scoring.decay = LW_DECAY_HALF_LIFE;
  config->scoring.half_life_days = 30.0;
  bind_config (config);

  /* One visit at t0, scored as simulated days go by:
   * 8 × 0.5^(days / 30). */
  lead = lw_test_lead (config, NULL);
  lw_lead_add_activity (lead, activity_index (config, "pricing_page"), t0);

  lw_score_lead (config, lead, t0, FALSE, &score);
  g_assert_cmpfloat_with_epsilon (score.engagement, 8.0, EPSILON);
  lw_score_lead (config, lead, t0 + 15 * LW_DAY, FALSE, &score);
  g_assert_cmpfloat_with_epsilon (score.engagement, 8.0 / G_SQRT2, EPSILON);   /* 5.657 */
  lw_score_lead (config, lead, t0 + 30 * LW_DAY, FALSE, &score);
  g_assert_cmpfloat_with_epsilon (score.engagement, 4.0, EPSILON);
  lw_score_lead (config, lead, t0 + 60 * LW_DAY, FALSE, &score);
  g_assert_cmpfloat_with_epsilon (score.engagement, 2.0, EPSILON);             /* 1/4 */
  lw_score_lead (config, lead, t0 + 90 * LW_DAY, FALSE, &score);
  g_assert_cmpfloat_with_epsilon (score.engagement, 1.0, EPSILON);
  /* Half a day: 8 × 0.5^(0.5 / 30) = 7.9078... */
  lw_score_lead (config, lead, t0 + LW_DAY / 2, FALSE, &score);
  g_assert_cmpfloat_with_epsilon (score.engagement, 8.0 * pow (2.0, -1.0 / 60.0), EPSILON);
  g_assert_cmpfloat (score.engagement, <, 8.0);
  g_assert_cmpfloat (score.engagement, >, 7.9);
  lw_score_clear (&score);

  /* A second visit at day 60, scored at day 60: 8 + 2 = 10. */
  lw_lead_add_activity (lead, activity_index (config, "pricing_page"), t0 + 60 * LW_DAY);
  lw_score_lead (config, lead, t0 + 60 * LW_DAY, FALSE, &score);
  g_assert_cmpfloat_with_epsilon (score.engagement, 10.0, EPSILON);
  lw_score_clear (&score);

  /* A half-life of 15 days: the t0 visit at day 60 counts 8 / 16. */
  config->scoring.half_life_days = 15.0;
  lw_score_lead (config, lead, t0 + 60 * LW_DAY, FALSE, &score);
  g_assert_cmpfloat_with_epsilon (score.engagement, 8.0 + 0.5, EPSILON);
  lw_score_clear (&score);
}

static void
test_decay_most_recent (void)
{
  g_autoptr(LwConfig) config = base_config_new ();
  g_autoptr(LwLead) lead = NULL;
  LwTime now = lw_test_time (NOW_ISO);
  LwScore score;

  add_activity_criterion (&config->scoring.engagement, "pricing", "Pricing page visit",
                          "pricing_page", 8, 3);
  config->scoring.decay = LW_DECAY_HALF_LIFE;
  config->scoring.half_life_days = 30.0;
  bind_config (config);

  /* Visits 120, 90, 60, 30 and 0 days ago; at most three count, the most
   * recent: 8 + 4 + 2 = 14 (the oldest three would give 2 + 1 + 0.5). */
  lead = lw_test_lead (config, NULL);
  for (int days = 120; days >= 0; days -= 30)
    add_activity_ago (lead, config, "pricing_page", now, days, 0);

  lw_score_lead (config, lead, now, TRUE, &score);
  g_assert_cmpfloat_with_epsilon (score.engagement, 14.0, EPSILON);
  g_assert_cmpuint (find_item (&score, "pricing")->times, ==, 3);
  g_assert_cmpfloat_with_epsilon (find_item (&score, "pricing")->points, 14.0, EPSILON);
  lw_score_clear (&score);
}

static void
test_decay_window (void)
{
  g_autoptr(LwConfig) config = base_config_new ();
  g_autoptr(LwLead) lead = NULL;
  LwTime now = lw_test_time (NOW_ISO);
  LwScore score;

  add_activity_criterion (&config->scoring.engagement, "webinar", "Webinar",
                          "webinar", 10, 0);
  config->scoring.decay = LW_DECAY_WINDOW;
  config->scoring.window_days = 90;
  bind_config (config);

  /* One webinar 90 days and one second ago, one exactly 90 days ago, one
   * yesterday: 0 + 10 + 10 = 20. */
  lead = lw_test_lead (config, NULL);
  add_activity_ago (lead, config, "webinar", now, 90, 1);
  add_activity_ago (lead, config, "webinar", now, 90, 0);
  add_activity_ago (lead, config, "webinar", now, 1, 0);

  lw_score_lead (config, lead, now, TRUE, &score);
  g_assert_cmpfloat_with_epsilon (score.engagement, 20.0, EPSILON);
  g_assert_cmpuint (find_item (&score, "webinar")->times, ==, 2);
  lw_score_clear (&score);

  /* One second later the second one leaves the window too: 10. */
  lw_score_lead (config, lead, now + 1, FALSE, &score);
  g_assert_cmpfloat_with_epsilon (score.engagement, 10.0, EPSILON);
  lw_score_clear (&score);

  /* Points are not reduced inside the window: the day-old one is worth the
   * full 10, as is one 89 days old. */
  lw_score_lead (config, lead, now + 88 * LW_DAY, FALSE, &score);
  g_assert_cmpfloat_with_epsilon (score.engagement, 10.0, EPSILON);
  lw_score_clear (&score);

  /* 91 days later nothing is left. */
  lw_score_lead (config, lead, now + 91 * LW_DAY, TRUE, &score);
  g_assert_cmpfloat_with_epsilon (score.engagement, 0.0, EPSILON);
  g_assert_false (find_item (&score, "webinar")->matched);
  lw_score_clear (&score);
}

static void
test_decay_fit_untouched (void)
{
  g_autoptr(LwConfig) config = base_config_new ();
  g_autoptr(LwLead) lead = NULL;
  LwTime now = lw_test_time (NOW_ISO);
  LwScore score;

  add_activity_criterion (&config->scoring.fit, "fitp", "Fit point", "fit_point", 6, 0);
  add_activity_criterion (&config->scoring.engagement, "engp", "Engagement point",
                          "engagement_point", 6, 0);
  config->scoring.decay = LW_DECAY_HALF_LIFE;
  config->scoring.half_life_days = 30.0;
  bind_config (config);

  /* Both 60 days old: fit keeps 6, engagement decays to 6 / 4 = 1.5. */
  lead = lw_test_lead (config, NULL);
  add_activity_ago (lead, config, "fit_point", now, 60, 0);
  add_activity_ago (lead, config, "engagement_point", now, 60, 0);

  lw_score_lead (config, lead, now, FALSE, &score);
  g_assert_cmpfloat_with_epsilon (score.fit, 6.0, EPSILON);
  g_assert_cmpfloat_with_epsilon (score.engagement, 1.5, EPSILON);
  g_assert_cmpfloat_with_epsilon (score.total, 7.5, EPSILON);
  lw_score_clear (&score);

  /* The window never removes fit activities either. */
  config->scoring.decay = LW_DECAY_WINDOW;
  config->scoring.window_days = 30;
  lw_score_lead (config, lead, now, FALSE, &score);
  g_assert_cmpfloat_with_epsilon (score.fit, 6.0, EPSILON);
  g_assert_cmpfloat_with_epsilon (score.engagement, 0.0, EPSILON);
  lw_score_clear (&score);
}

static void
test_decay_invalid_half_life (void)
{
  g_autoptr(LwConfig) config = base_config_new ();
  g_autoptr(LwLead) lead = NULL;
  LwTime now = lw_test_time (NOW_ISO);
  LwScore score;

  add_activity_criterion (&config->scoring.engagement, "engp", "Engagement point",
                          "engagement_point", 6, 0);
  config->scoring.decay = LW_DECAY_HALF_LIFE;
  config->scoring.half_life_days = 30.0;
  bind_config (config);

  lead = lw_test_lead (config, NULL);
  add_activity_ago (lead, config, "engagement_point", now, 60, 0);
  add_activity_ago (lead, config, "engagement_point", now, 0, 0);

  /* A half-life edited to zero or below (which validation rejects) must not
   * give NaN or infinity: scoring falls back to no decay, 6 + 6. */
  config->scoring.half_life_days = 0.0;
  lw_score_lead (config, lead, now, FALSE, &score);
  g_assert_true (isfinite (score.engagement));
  g_assert_cmpfloat_with_epsilon (score.engagement, 12.0, EPSILON);
  config->scoring.half_life_days = -5.0;
  lw_score_lead (config, lead, now, FALSE, &score);
  g_assert_cmpfloat_with_epsilon (score.engagement, 12.0, EPSILON);
  lw_score_clear (&score);
}

/* ---- grades and MQL ---------------------------------------------------------- */

/* A rule set whose fit is the number of "fit_point" activities and whose
 * engagement is the number of "engagement_point" ones, so a test can set
 * any score exactly. */
static LwConfig *
counting_config_new (void)
{
  LwConfig *config = base_config_new ();

  add_activity_criterion (&config->scoring.fit, "fitp", "Fit point", "fit_point", 1, 0);
  add_activity_criterion (&config->scoring.engagement, "engp", "Engagement point",
                          "engagement_point", 1, 0);
  return config;
}

static void
score_counts (const LwConfig *config,
              guint           fit,
              guint           engagement,
              LwScore        *score)
{
  g_autoptr(LwLead) lead = lw_test_lead (config, NULL);
  LwTime now = lw_test_time (NOW_ISO);

  add_activities (lead, config, "fit_point", now - LW_HOUR, fit);
  add_activities (lead, config, "engagement_point", now - LW_HOUR, engagement);
  lw_score_lead (config, lead, now, FALSE, score);
  g_assert_cmpfloat_with_epsilon (score->fit, fit, EPSILON);
  g_assert_cmpfloat_with_epsilon (score->engagement, engagement, EPSILON);
}

static void
test_grades_edges (void)
{
  g_autoptr(LwConfig) config = counting_config_new ();
  struct {
    guint       fit;
    guint       engagement;
    const char *grade;
  } cases[] = {
    { 40, 30, "A1" },   /* both exactly on the top mins */
    { 39, 29, "B2" },   /* one below each */
    { 20, 10, "B2" },   /* exactly on the middle mins */
    { 19,  9, "C3" },   /* one below: the catch-all bands */
    {  0,  0, "C3" },
    { 95, 31, "A1" },
    {  0, 30, "C1" },
    { 40,  0, "A3" },
  };
  LwScore score;

  add_bands (config->scoring.fit_grades, "A", 40, "B", 20, "C");
  add_bands (config->scoring.engagement_grades, "1", 30, "2", 10, "3");
  bind_config (config);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      score_counts (config, cases[i].fit, cases[i].engagement, &score);
      g_assert_cmpstr (score.grade, ==, cases[i].grade);
      lw_score_clear (&score);
    }
}

static void
test_grades_negative_and_capped (void)
{
  g_autoptr(LwConfig) config = fit_config_new ();
  g_autoptr(LwLead) rival = NULL;
  g_autoptr(LwLead) best = NULL;
  LwTime now = lw_test_time (NOW_ISO);
  LwScore score;

  add_bands (config->scoring.fit_grades, "A", 20, "B", 10, "C");
  add_bands (config->scoring.engagement_grades, "1", 30, "2", 10, "3");
  config->scoring.fit.has_cap = TRUE;
  config->scoring.fit.cap = 19;
  bind_config (config);

  /* −25 is below every min: the last band. */
  rival = lw_test_lead (config, "email=x@rival.com", "industry=software",
                        "employees=500", NULL);
  lw_score_lead (config, rival, now, FALSE, &score);
  g_assert_cmpstr (score.grade, ==, "C3");
  lw_score_clear (&score);

  /* Grades read the capped score: 25 capped to 19 is a B, not an A. */
  best = lw_test_lead (config, "industry=software", "employees=500", NULL);
  lw_score_lead (config, best, now, FALSE, &score);
  g_assert_cmpfloat_with_epsilon (score.fit_uncapped, 25.0, EPSILON);
  g_assert_cmpstr (score.grade, ==, "B3");
  lw_score_clear (&score);
}

static void
test_grades_missing (void)
{
  g_autoptr(LwConfig) config = counting_config_new ();
  LwScore score;

  bind_config (config);

  /* No bands at all: no grade. */
  score_counts (config, 50, 50, &score);
  g_assert_cmpstr (score.grade, ==, "");
  lw_score_clear (&score);

  /* Fit bands only: the fit letter alone. */
  add_bands (config->scoring.fit_grades, "A", 40, "B", 20, "C");
  bind_config (config);
  score_counts (config, 25, 50, &score);
  g_assert_cmpstr (score.grade, ==, "B");
  lw_score_clear (&score);

  /* Grades longer than the field are cut at a whole character: "Ä" is two
   * bytes, so "ÄÄÄ" + "ÄÄ" (10 bytes) keeps "ÄÄÄ" (6 bytes of 7). */
  g_ptr_array_set_size (config->scoring.fit_grades, 0);
  g_ptr_array_set_size (config->scoring.engagement_grades, 0);
  g_ptr_array_add (config->scoring.fit_grades, lw_grade_band_new ("ÄÄÄ", FALSE, 0));
  g_ptr_array_add (config->scoring.engagement_grades, lw_grade_band_new ("ÄÄ", FALSE, 0));
  bind_config (config);
  score_counts (config, 1, 1, &score);
  g_assert_cmpstr (score.grade, ==, "ÄÄÄ");
  g_assert_true (g_utf8_validate (score.grade, -1, NULL));
  lw_score_clear (&score);
}

static void
test_mql_total (void)
{
  g_autoptr(LwConfig) config = counting_config_new ();
  LwScore score;

  config->scoring.mql_kind = LW_MQL_TOTAL;
  config->scoring.mql_total = 40;
  bind_config (config);

  /* 20 + 19 = 39: one short. */
  score_counts (config, 20, 19, &score);
  g_assert_cmpfloat_with_epsilon (score.total, 39.0, EPSILON);
  g_assert_false (score.mql);
  /* 20 + 20 = 40: exactly on the threshold. */
  score_counts (config, 20, 20, &score);
  g_assert_true (score.mql);
  /* Any split of the total will do: 40 + 0. */
  score_counts (config, 40, 0, &score);
  g_assert_true (score.mql);
  score_counts (config, 0, 41, &score);
  g_assert_true (score.mql);
  lw_score_clear (&score);
}

static void
test_mql_both (void)
{
  g_autoptr(LwConfig) config = counting_config_new ();
  LwScore score;

  config->scoring.mql_kind = LW_MQL_BOTH;
  config->scoring.mql_fit = 20;
  config->scoring.mql_engagement = 15;
  config->scoring.mql_total = 0;  /* must not be used */
  bind_config (config);

  score_counts (config, 20, 15, &score);
  g_assert_true (score.mql);
  score_counts (config, 20, 14, &score);
  g_assert_false (score.mql);
  score_counts (config, 19, 15, &score);
  g_assert_false (score.mql);
  /* A high total is not enough when one score is short. */
  score_counts (config, 100, 0, &score);
  g_assert_false (score.mql);
  score_counts (config, 21, 16, &score);
  g_assert_true (score.mql);
  lw_score_clear (&score);
}

static void
test_mql_after_decay (void)
{
  g_autoptr(LwConfig) config = base_config_new ();
  g_autoptr(LwLead) lead = NULL;
  LwTime t0 = lw_test_time (NOW_ISO);
  LwScore score;

  add_activity_criterion (&config->scoring.engagement, "demo", "Demo request",
                          "demo_request", 40, 1);
  config->scoring.decay = LW_DECAY_HALF_LIFE;
  config->scoring.half_life_days = 30.0;
  config->scoring.mql_total = 40;
  bind_config (config);

  /* A demo request makes the lead an MQL the moment it happens (40 ≥ 40)
   * and no longer a second later, when its 40 points have started to
   * decay; 30 days later it is worth 20. */
  lead = lw_test_lead (config, NULL);
  lw_lead_add_activity (lead, activity_index (config, "demo_request"), t0);
  lw_score_lead (config, lead, t0, FALSE, &score);
  g_assert_true (score.mql);
  lw_score_lead (config, lead, t0 + 1, FALSE, &score);
  g_assert_false (score.mql);
  lw_score_lead (config, lead, t0 + 30 * LW_DAY, FALSE, &score);
  g_assert_cmpfloat_with_epsilon (score.total, 20.0, EPSILON);
  g_assert_false (score.mql);
  lw_score_clear (&score);
}

/* ---- max possible -------------------------------------------------------------- */

static void
test_max_possible (void)
{
  g_autoptr(LwConfig) config = fit_config_new ();
  LwScoreModel *engagement = &config->scoring.engagement;
  LwCriterion *webinar;
  double fit = -1;
  double eng = -1;
  gboolean fit_unbounded = TRUE;
  gboolean eng_unbounded = TRUE;

  add_activity_criterion (engagement, "pricing", "Pricing page visit", "pricing_page", 5, 3);
  add_activity_criterion (engagement, "demo", "Demo request", "demo_request", 20, 1);
  add_activity_criterion (engagement, "unsub", "Unsubscribe", "unsubscribe", -10, 0);
  webinar = add_activity_criterion (engagement, "webinar", "Webinar", "webinar", 10, 2);
  bind_config (config);

  /* Bounded: fit 15 + 10 (the negatives never raise it) = 25; engagement
   * 5 × 3 + 20 × 1 + 10 × 2 = 55 (an unlimited negative activity is no
   * bound). */
  lw_score_max_possible (config, &fit, &eng, &fit_unbounded, &eng_unbounded);
  g_assert_cmpfloat_with_epsilon (fit, 25.0, EPSILON);
  g_assert_cmpfloat_with_epsilon (eng, 55.0, EPSILON);
  g_assert_false (fit_unbounded);
  g_assert_false (eng_unbounded);

  /* Capped: fit cap 20 < 25 gives 20; an engagement cap of 60 above 55
   * leaves 55. */
  config->scoring.fit.has_cap = TRUE;
  config->scoring.fit.cap = 20;
  engagement->has_cap = TRUE;
  engagement->cap = 60;
  lw_score_max_possible (config, &fit, &eng, &fit_unbounded, &eng_unbounded);
  g_assert_cmpfloat_with_epsilon (fit, 20.0, EPSILON);
  g_assert_cmpfloat_with_epsilon (eng, 55.0, EPSILON);
  g_assert_false (eng_unbounded);

  /* Webinars without a limit: engagement has no bound but the cap, 60. */
  webinar->max_times = 0;
  lw_score_max_possible (config, &fit, &eng, &fit_unbounded, &eng_unbounded);
  g_assert_cmpfloat_with_epsilon (eng, 60.0, EPSILON);
  g_assert_false (eng_unbounded);

  /* And without a cap it is unbounded; the figure is what the bounded
   * criteria give, 5 × 3 + 20 = 35. */
  engagement->has_cap = FALSE;
  lw_score_max_possible (config, &fit, &eng, &fit_unbounded, &eng_unbounded);
  g_assert_true (eng_unbounded);
  g_assert_cmpfloat_with_epsilon (eng, 35.0, EPSILON);
  g_assert_false (fit_unbounded);

  /* Every out-parameter may be NULL. */
  lw_score_max_possible (config, NULL, NULL, NULL, NULL);
  lw_score_max_possible (config, NULL, &eng, NULL, NULL);
  g_assert_cmpfloat_with_epsilon (eng, 35.0, EPSILON);
}

static void
test_max_possible_empty (void)
{
  g_autoptr(LwConfig) config = base_config_new ();
  double fit = -1;
  double eng = -1;
  gboolean fit_unbounded = TRUE;
  gboolean eng_unbounded = TRUE;

  bind_config (config);

  /* No criteria: nothing to reach, and a cap does not invent points. */
  config->scoring.fit.has_cap = TRUE;
  config->scoring.fit.cap = 50;
  lw_score_max_possible (config, &fit, &eng, &fit_unbounded, &eng_unbounded);
  g_assert_cmpfloat (fit, ==, 0.0);
  g_assert_cmpfloat (eng, ==, 0.0);
  g_assert_false (fit_unbounded);
  g_assert_false (eng_unbounded);
}

/* ---- explanations ---------------------------------------------------------------- */

static void
test_explain_conditions (void)
{
  g_autoptr(LwConfig) config = fit_config_new ();
  g_autoptr(LwLead) lead = NULL;
  LwTime now = lw_test_time (NOW_ISO);
  const LwScoreItem *item;
  LwScore fast;
  LwScore score;

  bind_config (config);
  lead = lw_test_lead (config, "industry=software", "employees=150",
                       "email=ana@gmail.com", NULL);

  lw_score_lead (config, lead, now, TRUE, &score);
  g_assert_cmpuint (score.items->len, ==, 5);

  /* Items come in the rule set's order, fit first. */
  for (guint i = 0; i < score.items->len; i++)
    {
      item = g_ptr_array_index (score.items, i);
      g_test_message ("%s", item->why);
      g_assert_true (item->criterion == g_ptr_array_index (config->scoring.fit.criteria, i));
      g_assert_cmpint (item->kind, ==, LW_SCORE_FIT);
    }

  item = find_item (&score, "software");
  g_assert_true (item->matched);
  g_assert_cmpuint (item->times, ==, 1);
  g_assert_cmpfloat (item->points, ==, 15.0);
  g_assert_true (g_str_has_prefix (item->why, "Industry: +15 — "));
  g_assert_nonnull (strstr (item->why, "Software"));
  g_assert_nonnull (strstr (item->why, "✓"));

  item = find_item (&score, "size");
  g_assert_false (item->matched);
  g_assert_cmpfloat (item->points, ==, 0.0);
  g_assert_true (g_str_has_prefix (item->why, "Employees: no points — "));
  g_assert_nonnull (strstr (item->why, "150"));
  g_assert_nonnull (strstr (item->why, "✗"));

  item = find_item (&score, "free-email");
  g_assert_true (item->matched);
  g_assert_true (g_str_has_prefix (item->why, "Free email domain: −10 — "));
  g_assert_nonnull (strstr (item->why, "gmail.com"));

  /* 15 − 10 = 5, the same with and without the explanation. */
  g_assert_cmpfloat_with_epsilon (score.fit, 5.0, EPSILON);
  lw_score_lead (config, lead, now, FALSE, &fast);
  g_assert_null (fast.items);
  g_assert_cmpfloat (fast.fit, ==, score.fit);
  g_assert_cmpfloat (fast.total, ==, score.total);
  g_assert_cmpint (fast.mql, ==, score.mql);

  lw_score_clear (&score);
  lw_score_clear (&fast);
}

static void
test_explain_activities (void)
{
  g_autoptr(LwConfig) config = base_config_new ();
  g_autoptr(LwLead) lead = NULL;
  LwScoreModel *engagement = &config->scoring.engagement;
  LwTime now = lw_test_time (NOW_ISO);
  const LwScoreItem *item;
  LwScore score;

  add_activity_criterion (engagement, "pricing", "Pricing page visit", "pricing_page", 5, 0);
  add_activity_criterion (engagement, "demo", "Demo request", "demo_request", 20, 0);
  add_activity_criterion (engagement, "unsub", "Unsubscribe", "unsubscribe", -4, 0);
  config->scoring.decay = LW_DECAY_HALF_LIFE;
  config->scoring.half_life_days = 30.0;
  bind_config (config);

  /* Visits 30 days ago (5 / 2 = 2.5) and just now (5); an unsubscribe a
   * day ago: −4 × 0.5^(1/30) = −3.909, shown as −3.91. */
  lead = lw_test_lead (config, NULL);
  add_activity_ago (lead, config, "pricing_page", now, 30, 0);
  add_activity_ago (lead, config, "unsubscribe", now, 1, 0);
  add_activity_ago (lead, config, "pricing_page", now, 0, 0);

  lw_score_lead (config, lead, now, TRUE, &score);

  item = find_item (&score, "pricing");
  g_assert_cmpint (item->kind, ==, LW_SCORE_ENGAGEMENT);
  g_assert_true (item->matched);
  g_assert_cmpuint (item->times, ==, 2);
  g_assert_cmpfloat_with_epsilon (item->points, 7.5, EPSILON);
  g_assert_cmpstr (item->why, ==,
                   "2 × Pricing page visit: 5 + 2.5 (decayed, 30 days old) = 7.5");

  item = find_item (&score, "demo");
  g_assert_false (item->matched);
  g_assert_cmpuint (item->times, ==, 0);
  g_assert_cmpstr (item->why, ==, "Demo request: no activity");

  item = find_item (&score, "unsub");
  g_assert_true (item->matched);
  g_assert_cmpfloat_with_epsilon (item->points, -4.0 * pow (0.5, 1.0 / 30.0), EPSILON);
  g_assert_cmpstr (item->why, ==, "1 × Unsubscribe: −3.91 (decayed, 1 day old)");

  lw_score_clear (&score);
}

static void
test_explain_limits (void)
{
  g_autoptr(LwConfig) config = base_config_new ();
  g_autoptr(LwLead) lead = NULL;
  LwScoreModel *engagement = &config->scoring.engagement;
  LwTime now = lw_test_time (NOW_ISO);
  LwCriterion *pricing;
  LwScore score;

  pricing = add_activity_criterion (engagement, "pricing", "Pricing page visit",
                                    "pricing_page", 5, 3);
  add_activity_criterion (engagement, "webinar", "Webinar", "webinar", 10, 0);
  config->scoring.decay = LW_DECAY_WINDOW;
  config->scoring.window_days = 90;
  bind_config (config);

  lead = lw_test_lead (config, NULL);
  add_activity_ago (lead, config, "webinar", now, 120, 0);
  add_activities (lead, config, "pricing_page", now - LW_DAY, 5);
  add_activity_ago (lead, config, "webinar", now, 2, 0);

  lw_score_lead (config, lead, now, TRUE, &score);
  g_assert_cmpstr (find_item (&score, "pricing")->why, ==,
                   "3 × Pricing page visit: 5 + 5 + 5 = 15; at most 3 count, so only "
                   "the most recent ones do (2 older ones ignored)");
  g_assert_cmpstr (find_item (&score, "webinar")->why, ==,
                   "1 × Webinar: 10; 1 older than 90 days counts nothing");
  lw_score_clear (&score);

  /* Twelve visits, no limit: ten listed, the rest summed up. */
  pricing->max_times = 0;
  add_activities (lead, config, "pricing_page", now - LW_HOUR, 7);
  lw_score_lead (config, lead, now, TRUE, &score);
  g_assert_cmpstr (find_item (&score, "pricing")->why, ==,
                   "12 × Pricing page visit: 5 + 5 + 5 + 5 + 5 + 5 + 5 + 5 + 5 + 5"
                   " + … (2 more) = 60");
  g_assert_cmpfloat_with_epsilon (score.engagement, 70.0, EPSILON);
  lw_score_clear (&score);
}

/* ---- apply and describe -------------------------------------------------------- */

static void
test_apply (void)
{
  g_autoptr(LwConfig) config = counting_config_new ();
  g_autoptr(LwLead) lead = NULL;
  g_autoptr(LwCondition) hot = NULL;
  g_autoptr(LwCondition) graded = NULL;
  g_autoptr(GPtrArray) diagnostics = lw_diagnostics_new ();
  LwTime now = lw_test_time (NOW_ISO);
  const LwValue *value;
  LwScore score;

  add_bands (config->scoring.fit_grades, "A", 40, "B", 20, "C");
  add_bands (config->scoring.engagement_grades, "1", 30, "2", 10, "3");
  bind_config (config);

  lead = lw_test_lead (config, NULL);
  add_activities (lead, config, "fit_point", now - LW_HOUR, 42);
  add_activities (lead, config, "engagement_point", now - LW_HOUR, 12);
  lw_score_lead (config, lead, now, FALSE, &score);
  lw_score_apply (config, &score, lead);

  value = lw_lead_get (lead, lw_config_builtin (config, LW_BUILTIN_FIT_SCORE)->index);
  g_assert_true (value->set);
  g_assert_cmpfloat (value->num, ==, 42.0);
  value = lw_lead_get (lead, lw_config_builtin (config, LW_BUILTIN_ENGAGEMENT_SCORE)->index);
  g_assert_true (value->set);
  g_assert_cmpfloat (value->num, ==, 12.0);
  value = lw_lead_get (lead, lw_config_builtin (config, LW_BUILTIN_TOTAL_SCORE)->index);
  g_assert_true (value->set);
  g_assert_cmpfloat (value->num, ==, 54.0);
  value = lw_lead_get (lead, lw_config_builtin (config, LW_BUILTIN_GRADE)->index);
  g_assert_true (value->set);
  g_assert_cmpstr (value->str, ==, "A2");

  /* Conditions can now use them. */
  hot = condition_new ("total_score", LW_OP_GTE, "54");
  graded = condition_new ("grade", LW_OP_EQ, "A2");
  g_assert_true (lw_condition_bind (hot, config, "$.test", diagnostics));
  g_assert_true (lw_condition_bind (graded, config, "$.test", diagnostics));
  g_assert_true (lw_condition_eval (hot, lead));
  g_assert_true (lw_condition_eval (graded, lead));
  lw_score_clear (&score);

  /* Scoring again later overwrites them; without grade bands the grade is
   * unset. */
  g_ptr_array_set_size (config->scoring.fit_grades, 0);
  g_ptr_array_set_size (config->scoring.engagement_grades, 0);
  bind_config (config);
  add_activities (lead, config, "engagement_point", now, 3);
  lw_score_lead (config, lead, now, FALSE, &score);
  lw_score_apply (config, &score, lead);
  value = lw_lead_get (lead, lw_config_builtin (config, LW_BUILTIN_TOTAL_SCORE)->index);
  g_assert_cmpfloat (value->num, ==, 57.0);
  value = lw_lead_get (lead, lw_config_builtin (config, LW_BUILTIN_GRADE)->index);
  g_assert_false (value->set);
  lw_score_clear (&score);
}

static void
test_describe_mql (void)
{
  g_autoptr(LwConfig) config = base_config_new ();
  g_autofree char *total = NULL;
  g_autofree char *both = NULL;

  config->scoring.mql_kind = LW_MQL_TOTAL;
  config->scoring.mql_total = 40;
  total = lw_scoring_describe_mql (config);
  g_assert_cmpstr (total, ==, "MQL when fit + engagement ≥ 40");

  config->scoring.mql_kind = LW_MQL_BOTH;
  config->scoring.mql_fit = 20;
  config->scoring.mql_engagement = 15;
  both = lw_scoring_describe_mql (config);
  g_assert_cmpstr (both, ==, "MQL when fit ≥ 20 and engagement ≥ 15");
}

/* ---- bad input ----------------------------------------------------------------- */

static void
test_bad_arguments (void)
{
  g_autoptr(LwConfig) config = base_config_new ();
  g_autoptr(LwLead) lead = NULL;
  LwScore score;

  bind_config (config);
  lead = lw_test_lead (config, NULL);

  g_test_expect_message ("leadwright-engine", G_LOG_LEVEL_CRITICAL, "*config != NULL*");
  lw_score_lead (NULL, lead, 0, TRUE, &score);
  g_test_assert_expected_messages ();

  g_test_expect_message ("leadwright-engine", G_LOG_LEVEL_CRITICAL, "*lead != NULL*");
  lw_score_lead (config, NULL, 0, TRUE, &score);
  g_test_assert_expected_messages ();

  g_test_expect_message ("leadwright-engine", G_LOG_LEVEL_CRITICAL, "*score != NULL*");
  lw_score_lead (config, lead, 0, TRUE, NULL);
  g_test_assert_expected_messages ();

  g_test_expect_message ("leadwright-engine", G_LOG_LEVEL_CRITICAL, "*lead != NULL*");
  lw_score_apply (config, &score, NULL);
  g_test_assert_expected_messages ();

  g_test_expect_message ("leadwright-engine", G_LOG_LEVEL_CRITICAL, "*config != NULL*");
  g_assert_null (lw_scoring_describe_mql (NULL));
  g_test_assert_expected_messages ();

  /* An empty rule set scores every lead 0, not an MQL below a threshold
   * of 40, with no grade. */
  lw_score_lead (config, lead, 0, TRUE, &score);
  g_assert_cmpfloat (score.total, ==, 0.0);
  g_assert_false (score.mql);
  g_assert_cmpstr (score.grade, ==, "");
  g_assert_cmpuint (score.items->len, ==, 0);
  lw_score_clear (&score);
}

/* ---- the prepared scoring (lw_score_plan_*) ------------------------------- */

/* An engagement model of activity criteria with and without limits and two
 * condition criteria, grades and a half-life, for the scoring plan. */
static LwConfig *
plan_config_new (void)
{
  LwConfig *config = base_config_new ();
  LwScoreModel *engagement = &config->scoring.engagement;

  add_condition_criterion (&config->scoring.fit, "software", "Industry", 15,
                           condition_new ("industry", LW_OP_EQ, "software"));
  add_activity_criterion (engagement, "pricing", "Pricing page visit", "pricing_page", 8, 3);
  add_condition_criterion (engagement, "software-eng", "Software", 4,
                           condition_new ("industry", LW_OP_EQ, "software"));
  add_activity_criterion (engagement, "webinar", "Webinar", "webinar", 10, 0);
  add_condition_criterion (engagement, "big", "Big company", 3,
                           condition_new ("employees", LW_OP_GTE, "1000"));
  add_activity_criterion (engagement, "pricing-again", "Pricing, twice", "pricing_page", 1, 2);
  add_activity_criterion (engagement, "unsubscribe", "Unsubscribe", "unsubscribe", -6, 1);
  add_bands (config->scoring.fit_grades, "A", 20, "B", 10, "C");
  add_bands (config->scoring.engagement_grades, "1", 30, "2", 10, "3");
  config->scoring.fit.has_cap = TRUE;
  config->scoring.fit.cap = 20;
  config->scoring.decay = LW_DECAY_HALF_LIFE;
  config->scoring.half_life_days = 30.0;
  bind_config (config);
  return config;
}

/* The lead's activities as a plain array, as the simulator hands them. */
static LwActivity *
lead_activities (const LwLead *lead,
                 guint        *n)
{
  *n = lead->activities != NULL ? lead->activities->len : 0;
  return *n > 0 ? (LwActivity *) (gpointer) lead->activities->data : NULL;
}

static void
test_plan_hand (void)
{
  g_autoptr(LwConfig) config = plan_config_new ();
  g_autoptr(LwScorePlan) plan = lw_score_plan_new (config);
  g_autoptr(LwLead) lead = lw_test_lead (config, "industry=software", "employees=50", NULL);
  /* Fit criterion 0 and the engagement ones: "software-eng" (index 2)
   * known to hold, "big" (index 4) evaluated on the lead. */
  guint8 known[7] = { LW_CRITERION_HOLDS, LW_CRITERION_EVALUATE, LW_CRITERION_HOLDS,
                      LW_CRITERION_EVALUATE, LW_CRITERION_EVALUATE, LW_CRITERION_EVALUATE,
                      LW_CRITERION_EVALUATE };
  LwTime now = lw_test_time (NOW_ISO);
  LwScoreFigures figures;
  const LwActivity *activities;
  guint n;
  char grade[8];

  g_assert_nonnull (plan);

  /* Pricing visits 60, 30 and 0 days ago and one tomorrow (not counted);
   * a webinar 30 days ago:
   * pricing 8 + 4 + 2 = 14 (at most three), software 4, webinar 5, big 0
   * (50 employees), pricing-again the two most recent, 1 + 0.5 = 1.5:
   * 24.5. The fit sum given, 25, is capped to 20: total 44.5, an MQL
   * (40), grades A (20) and 2 (10 ≤ 24.5 < 30). */
  add_activity_ago (lead, config, "pricing_page", now, 60, 0);
  add_activity_ago (lead, config, "pricing_page", now, 30, 0);
  add_activity_ago (lead, config, "webinar", now, 30, 0);
  add_activity_ago (lead, config, "pricing_page", now, 0, 0);
  lw_lead_add_activity (lead, activity_index (config, "pricing_page"), now + LW_DAY);
  activities = lead_activities (lead, &n);

  lw_score_plan_score (plan, lead, activities, n, now, 25.0, known, G_N_ELEMENTS (known),
                       &figures);
  g_assert_cmpfloat_with_epsilon (figures.engagement, 24.5, EPSILON);
  g_assert_cmpfloat (figures.fit, ==, 20.0);
  g_assert_cmpfloat_with_epsilon (figures.total, 44.5, EPSILON);
  g_assert_true (figures.mql);
  g_assert_cmpint (figures.fit_band, ==, 0);
  g_assert_cmpint (figures.engagement_band, ==, 1);
  lw_score_plan_grade (plan, figures.fit_band, figures.engagement_band, grade, sizeof grade);
  g_assert_cmpstr (grade, ==, "A2");

  /* "software-eng" known to fail, a fit sum of 9 (C), and an unsubscribe
   * now: 24.5 - 4 - 6 = 14.5, total 23.5, no MQL, grade C2. */
  known[2] = LW_CRITERION_FAILS;
  lw_lead_add_activity (lead, activity_index (config, "unsubscribe"), now);
  activities = lead_activities (lead, &n);
  lw_score_plan_score (plan, lead, activities, n, now, 9.0, known, G_N_ELEMENTS (known),
                       &figures);
  g_assert_cmpfloat_with_epsilon (figures.engagement, 14.5, EPSILON);
  g_assert_cmpfloat_with_epsilon (figures.total, 23.5, EPSILON);
  g_assert_false (figures.mql);
  lw_score_plan_grade (plan, figures.fit_band, figures.engagement_band, grade, sizeof grade);
  g_assert_cmpstr (grade, ==, "C2");

  /* No activities at all, "big" evaluated on a lead of 5,000 employees:
   * 3; grade C3 with a fit of -5. */
  {
    g_autoptr(LwLead) big = lw_test_lead (config, "industry=retail", "employees=5000", NULL);

    lw_score_plan_score (plan, big, NULL, 0, now, -5.0, known, G_N_ELEMENTS (known), &figures);
    g_assert_cmpfloat (figures.engagement, ==, 3.0);
    g_assert_cmpfloat (figures.total, ==, -2.0);
    lw_score_plan_grade (plan, figures.fit_band, figures.engagement_band, grade, sizeof grade);
    g_assert_cmpstr (grade, ==, "C3");
  }
}

/* Compares the plan with lw_score_lead_known_fit() to the bit on many
 * leads with random activities, under each kind of decay and MQL rule. */
static void
check_plan_matches (LwConfig *config)
{
  g_autoptr(LwScorePlan) plan = lw_score_plan_new (config);
  const char *types[] = { "pricing_page", "webinar", "unsubscribe", "demo_request" };
  LwTime now = lw_test_time (NOW_ISO);
  LwRng rng;
  guint differing_grades = 0;
  char first_grade[8] = "";

  g_assert_nonnull (plan);
  lw_rng_init (&rng, 42, 1);
  for (guint i = 0; i < 400; i++)
    {
      g_autoptr(LwLead) lead = lw_test_lead (config,
                                             lw_rng_below (&rng, 2) ? "industry=software"
                                                                    : "industry=retail",
                                             lw_rng_below (&rng, 2) ? "employees=2000"
                                                                    : "employees=20",
                                             NULL);
      guint n_activities = (guint) lw_rng_below (&rng, 12);
      guint8 known[7];
      double fit = (double) lw_rng_below (&rng, 40) - 10.0 + lw_rng_uniform (&rng);
      LwTime at = now - 120 * LW_DAY;
      LwScoreFigures figures;
      LwScore score;
      const LwActivity *activities;
      guint n;
      char grade[8];

      for (guint k = 0; k < G_N_ELEMENTS (known); k++)
        known[k] = (guint8) lw_rng_below (&rng, 3);
      for (guint a = 0; a < n_activities; a++)
        {
          /* In time order, some at the same instant, some after now. */
          at += (LwTime) lw_rng_below (&rng, 20 * LW_DAY);
          lw_lead_add_activity (lead, activity_index (config, types[lw_rng_below (&rng, 4)]), at);
        }
      activities = lead_activities (lead, &n);

      lw_score_plan_score (plan, lead, activities, n, now, fit, known, G_N_ELEMENTS (known),
                           &figures);
      lw_score_lead_known_fit (config, lead, now, fit, known, G_N_ELEMENTS (known), &score);
      g_assert_true (memcmp (&figures.fit, &score.fit, sizeof (double)) == 0);
      g_assert_true (memcmp (&figures.engagement, &score.engagement, sizeof (double)) == 0);
      g_assert_true (memcmp (&figures.total, &score.total, sizeof (double)) == 0);
      g_assert_cmpint (figures.mql, ==, score.mql);
      lw_score_plan_grade (plan, figures.fit_band, figures.engagement_band, grade, sizeof grade);
      g_assert_cmpstr (grade, ==, score.grade);
      if (i == 0)
        g_strlcpy (first_grade, grade, sizeof first_grade);
      else if (strcmp (grade, first_grade) != 0)
        differing_grades++;
    }
  /* The leads were not all alike. */
  g_assert_cmpuint (differing_grades, >, 40);
}

static void
test_plan_matches (void)
{
  g_autoptr(LwConfig) config = plan_config_new ();

  check_plan_matches (config);

  config->scoring.half_life_days = 3.5;
  config->scoring.mql_kind = LW_MQL_BOTH;
  config->scoring.mql_fit = 10;
  config->scoring.mql_engagement = 12;
  check_plan_matches (config);

  config->scoring.decay = LW_DECAY_WINDOW;
  config->scoring.window_days = 25;
  check_plan_matches (config);

  config->scoring.decay = LW_DECAY_NONE;
  config->scoring.engagement.has_cap = TRUE;
  config->scoring.engagement.cap = 12;
  check_plan_matches (config);
}

/* Too many criteria for one plan; no grades at all; bad arguments. */
static void
test_plan_limits (void)
{
  g_autoptr(LwConfig) config = base_config_new ();
  g_autoptr(LwConfig) empty = base_config_new ();
  g_autoptr(LwScorePlan) plan = NULL;
  g_autoptr(LwLead) lead = NULL;
  LwScoreFigures figures;
  char grade[8] = "x";

  for (guint i = 0; i < 65; i++)
    add_activity_criterion (&config->scoring.engagement, "p", "P", "pricing_page", 1, 0);
  g_assert_null (lw_score_plan_new (config));

  /* No criteria, no bands: everything 0, no band, an empty grade. */
  bind_config (empty);
  plan = lw_score_plan_new (empty);
  g_assert_nonnull (plan);
  lead = lw_test_lead (empty, NULL);
  lw_score_plan_score (plan, lead, NULL, 0, 0, 0.0, NULL, 0, &figures);
  g_assert_cmpfloat (figures.total, ==, 0.0);
  g_assert_false (figures.mql);
  g_assert_cmpint (figures.fit_band, ==, -1);
  g_assert_cmpint (figures.engagement_band, ==, -1);
  lw_score_plan_grade (plan, figures.fit_band, figures.engagement_band, grade, sizeof grade);
  g_assert_cmpstr (grade, ==, "");

  g_test_expect_message ("leadwright-engine", G_LOG_LEVEL_CRITICAL, "*config != NULL*");
  g_assert_null (lw_score_plan_new (NULL));
  g_test_assert_expected_messages ();
  g_test_expect_message ("leadwright-engine", G_LOG_LEVEL_CRITICAL, "*lead != NULL*");
  lw_score_plan_score (plan, NULL, NULL, 0, 0, 0.0, NULL, 0, &figures);
  g_test_assert_expected_messages ();
  g_test_expect_message ("leadwright-engine", G_LOG_LEVEL_CRITICAL, "*activities != NULL*");
  lw_score_plan_score (plan, lead, NULL, 3, 0, 0.0, NULL, 0, &figures);
  g_test_assert_expected_messages ();
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/scoring/fit/conditions", test_fit_conditions);
  g_test_add_func ("/scoring/fit/negative", test_fit_negative);
  g_test_add_func ("/scoring/fit/known-results", test_known_results);
  g_test_add_func ("/scoring/cap", test_cap);
  g_test_add_func ("/scoring/activity/max-times", test_activity_max_times);
  g_test_add_func ("/scoring/activity/future", test_activity_future);
  g_test_add_func ("/scoring/decay/half-life", test_decay_half_life);
  g_test_add_func ("/scoring/decay/most-recent", test_decay_most_recent);
  g_test_add_func ("/scoring/decay/window", test_decay_window);
  g_test_add_func ("/scoring/decay/fit-untouched", test_decay_fit_untouched);
  g_test_add_func ("/scoring/decay/invalid-half-life", test_decay_invalid_half_life);
  g_test_add_func ("/scoring/grades/edges", test_grades_edges);
  g_test_add_func ("/scoring/grades/negative-and-capped", test_grades_negative_and_capped);
  g_test_add_func ("/scoring/grades/missing", test_grades_missing);
  g_test_add_func ("/scoring/mql/total", test_mql_total);
  g_test_add_func ("/scoring/mql/both", test_mql_both);
  g_test_add_func ("/scoring/mql/after-decay", test_mql_after_decay);
  g_test_add_func ("/scoring/max-possible/bounds", test_max_possible);
  g_test_add_func ("/scoring/max-possible/empty", test_max_possible_empty);
  g_test_add_func ("/scoring/explain/conditions", test_explain_conditions);
  g_test_add_func ("/scoring/explain/activities", test_explain_activities);
  g_test_add_func ("/scoring/explain/limits", test_explain_limits);
  g_test_add_func ("/scoring/apply", test_apply);
  g_test_add_func ("/scoring/describe-mql", test_describe_mql);
  g_test_add_func ("/scoring/bad-arguments", test_bad_arguments);
  g_test_add_func ("/scoring/plan/hand", test_plan_hand);
  g_test_add_func ("/scoring/plan/matches", test_plan_matches);
  g_test_add_func ("/scoring/plan/limits", test_plan_limits);

  return g_test_run ();
}
