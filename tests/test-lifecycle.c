/* test-lifecycle.c: stage decisions and recycle / disqualify paths
 *
 * The rule set is built in C with the constructors of lw-config.h:
 *
 *   0 Subscriber        no entry criteria
 *   1 Lead              email is set
 *   2 MQL               no entry criteria: reached by the scoring threshold
 *   3 SQL               lead status is Qualified
 *   4 Opportunity       deal stage is open
 *   5 Customer          deal stage is won
 *   6 Evangelist        no entry criteria
 *   7 Other             no entry criteria
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "lw-lifecycle.h"
#include "lw-test-utils.h"

#define NOW_ISO "2026-03-09T14:00:00Z"

enum
{
  SUBSCRIBER,
  LEAD,
  MQL,
  SQL,
  OPPORTUNITY,
  CUSTOMER,
  EVANGELIST,
  OTHER,
};

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

static void
add_stage (LwConfig    *config,
           const char  *id,
           const char  *label,
           LwCondition *entry)
{
  LwStage *stage = lw_stage_new (id, label);

  g_clear_pointer (&stage->entry, lw_condition_free);
  stage->entry = entry;
  g_ptr_array_add (config->stages, stage);
}

static LwPath *
add_path (LwConfig   *config,
          const char *id,
          LwPathKind  kind,
          const char *from_status,
          guint       after_days,
          const char *to_stage)
{
  LwPath *path = lw_path_new (id, kind);

  g_free (path->from_status);
  path->from_status = g_strdup (from_status);
  g_free (path->to_stage);
  path->to_stage = g_strdup (to_stage);
  path->after_days = after_days;
  g_ptr_array_add (config->paths, path);
  return path;
}

static LwConfig *
lifecycle_config_new (void)
{
  LwConfig *config = lw_config_new ();
  const char *statuses[][2] = {
    { "new", "New" },
    { "attempting", "Attempting contact" },
    { "connected", "Connected" },
    { "qualified", "Qualified" },
    { "unqualified", "Unqualified" },
    { "bad-timing", "Nurture / bad timing" },
  };

  g_ptr_array_add (config->properties, lw_property_new ("email", "Email", LW_PROPERTY_EMAIL));
  g_ptr_array_add (config->properties,
                   lw_property_new ("employees", "Employees", LW_PROPERTY_NUMBER));
  g_ptr_array_add (config->activities, lw_activity_type_new ("demo_request", "Demo request"));

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    g_ptr_array_add (config->statuses, lw_status_new (statuses[i][0], statuses[i][1]));

  add_stage (config, "subscriber", "Subscriber", NULL);
  add_stage (config, "lead", "Lead", condition_new ("email", LW_OP_HAS_PROPERTY, NULL));
  add_stage (config, "mql", "Marketing Qualified Lead", NULL);
  add_stage (config, "sql", "Sales Qualified Lead",
             condition_new ("lead_status", LW_OP_EQ, "qualified"));
  add_stage (config, "opportunity", "Opportunity",
             condition_new ("deal_stage", LW_OP_EQ, "open"));
  add_stage (config, "customer", "Customer", condition_new ("deal_stage", LW_OP_EQ, "won"));
  add_stage (config, "evangelist", "Evangelist", NULL);
  add_stage (config, "other", "Other", NULL);

  add_path (config, "nurture-recycle", LW_PATH_RECYCLE, "bad-timing", 90, "lead");
  add_path (config, "unqualified-out", LW_PATH_DISQUALIFY, "unqualified", 0, "other");
  add_path (config, "connected-stale", LW_PATH_RECYCLE, "connected", 60, "lead");
  add_path (config, "connected-early", LW_PATH_RECYCLE, "connected", 30, "subscriber");

  config->scoring.mql_kind = LW_MQL_TOTAL;
  config->scoring.mql_total = 40;
  g_free (config->scoring.mql_stage);
  config->scoring.mql_stage = g_strdup ("mql");
  g_ptr_array_add (config->scoring.engagement.criteria,
                   lw_criterion_new ("demo", "Demo request", 45));
  {
    LwCriterion *demo = g_ptr_array_index (config->scoring.engagement.criteria, 0);

    g_clear_pointer (&demo->when, lw_condition_free);
    g_free (demo->activity);
    demo->activity = g_strdup ("demo_request");
    demo->max_times = 1;
  }

  g_ptr_array_add (config->reps, lw_rep_new ("ana", "Ana Silva"));
  g_clear_pointer (&config->fallback.owner, g_free);
  g_clear_pointer (&config->fallback.pool, g_free);
  config->fallback.owner = g_strdup ("ana");

  lw_test_bind_config (config);
  return config;
}

static LwScore
score_with (gboolean mql,
            double   fit,
            double   engagement)
{
  LwScore score = { 0 };

  score.mql = mql;
  score.fit = fit;
  score.engagement = engagement;
  score.total = fit + engagement;
  return score;
}

static void
assert_decision (const LwConfig *config,
                 const LwLead   *lead,
                 int             current,
                 const LwScore  *score,
                 int             expected,
                 const char     *why_prefix)
{
  LwStageDecision decision;

  lw_lifecycle_decide (config, lead, current, score, &decision);
  if (decision.stage != expected)
    g_printerr ("from %d: got %d (%s), expected %d\n", current, decision.stage,
                decision.why, expected);
  g_assert_cmpint (decision.stage, ==, expected);
  g_assert_cmpint (decision.previous, ==, current);
  g_assert_nonnull (decision.why);
  if (why_prefix != NULL && !g_str_has_prefix (decision.why, why_prefix))
    {
      g_printerr ("why: %s\nexpected to start with: %s\n", decision.why, why_prefix);
      g_assert_not_reached ();
    }
  lw_stage_decision_clear (&decision);
  g_assert_null (decision.why);

  /* The variant without the explanation decides the same. */
  g_assert_cmpint (lw_lifecycle_decide_stage (config, lead, current, score), ==, expected);
}

/* ---- decisions ----------------------------------------------------------- */

static void
test_new_lead (void)
{
  g_autoptr(LwConfig) config = lifecycle_config_new ();
  g_autoptr(LwLead) anonymous = lw_test_lead (config, NULL);
  g_autoptr(LwLead) known = lw_test_lead (config, "email=ana@acme.com", NULL);
  LwScore none = score_with (FALSE, 0, 0);

  /* Nothing holds: the first stage. */
  assert_decision (config, anonymous, -1, &none, SUBSCRIBER,
                   "new lead: starts in Subscriber, the first stage");
  assert_decision (config, anonymous, -1, NULL, SUBSCRIBER, "new lead: ");

  /* With an email the Lead stage's entry criteria hold at once. */
  assert_decision (config, known, -1, &none, LEAD, "entry criteria of Lead: ");
}

static void
test_entry_lead_status (void)
{
  g_autoptr(LwConfig) config = lifecycle_config_new ();
  g_autoptr(LwLead) qualified = NULL;
  g_autoptr(LwLead) connected = NULL;
  LwScore none = score_with (FALSE, 0, 0);
  LwStageDecision decision;

  qualified = lw_test_lead (config, "email=ana@acme.com", "lead_status=qualified", NULL);
  connected = lw_test_lead (config, "email=ana@acme.com", "lead_status=connected", NULL);

  lw_lifecycle_decide (config, qualified, LEAD, &none, &decision);
  g_assert_cmpint (decision.stage, ==, SQL);
  g_assert_cmpint (decision.previous, ==, LEAD);
  g_assert_true (g_str_has_prefix (decision.why,
                                   "entry criteria of Sales Qualified Lead: "));
  g_assert_nonnull (strstr (decision.why, "Qualified"));
  g_assert_nonnull (strstr (decision.why, "✓"));
  lw_stage_decision_clear (&decision);

  /* Connected is not Qualified: stays a Lead. */
  assert_decision (config, connected, LEAD, &none, LEAD,
                   "stays in Lead: no later stage’s entry criteria hold");
}

static void
test_entry_deal_stage (void)
{
  g_autoptr(LwConfig) config = lifecycle_config_new ();
  g_autoptr(LwLead) open = NULL;
  g_autoptr(LwLead) won = NULL;
  g_autoptr(LwLead) lost = NULL;
  LwScore none = score_with (FALSE, 0, 0);

  open = lw_test_lead (config, "lead_status=qualified", "deal_stage=open", NULL);
  won = lw_test_lead (config, "lead_status=qualified", "deal_stage=won", NULL);
  lost = lw_test_lead (config, "lead_status=qualified", "deal_stage=lost", NULL);

  /* SQL and Opportunity both hold: the furthest wins. */
  assert_decision (config, open, LEAD, &none, OPPORTUNITY,
                   "entry criteria of Opportunity: ");
  /* SQL and Customer hold (a won deal is not "open"): Customer, skipping
   * Opportunity. */
  assert_decision (config, won, SQL, &none, CUSTOMER, "entry criteria of Customer: ");
  /* A lost deal enters neither. */
  assert_decision (config, lost, SQL, &none, SQL, "stays in Sales Qualified Lead");
  assert_decision (config, lost, LEAD, &none, SQL, "entry criteria of Sales Qualified Lead");
}

static void
test_forward_only (void)
{
  g_autoptr(LwConfig) config = lifecycle_config_new ();
  g_autoptr(LwLead) lead = NULL;
  LwScore mql = score_with (TRUE, 30, 15);
  LwScore none = score_with (FALSE, 0, 0);

  lead = lw_test_lead (config, "email=ana@acme.com", "lead_status=qualified", NULL);

  /* A customer whose status still says Qualified stays a customer. */
  assert_decision (config, lead, CUSTOMER, &none, CUSTOMER,
                   "stays in Customer: no later stage’s entry criteria hold");
  /* An opportunity meeting the MQL threshold is not sent back to MQL. */
  assert_decision (config, lead, OPPORTUNITY, &mql, OPPORTUNITY, "stays in Opportunity");
  /* Already in the stage whose criteria hold: unchanged. */
  assert_decision (config, lead, SQL, &mql, SQL, "stays in Sales Qualified Lead");
  /* The last stage goes nowhere. */
  assert_decision (config, lead, OTHER, &mql, OTHER, "stays in Other");
  /* From Evangelist (after every stage with criteria) nothing holds. */
  assert_decision (config, lead, EVANGELIST, &mql, EVANGELIST, "stays in Evangelist");
}

static void
test_mql_by_score (void)
{
  g_autoptr(LwConfig) config = lifecycle_config_new ();
  g_autoptr(LwLead) lead = lw_test_lead (config, "email=ana@acme.com", NULL);
  LwScore met = score_with (TRUE, 30, 15);
  LwScore short_of = score_with (FALSE, 30, 9);

  assert_decision (config, lead, LEAD, &met, MQL, "MQL threshold met: total 45 ≥ 40");
  assert_decision (config, lead, LEAD, &short_of, LEAD, "stays in Lead");
  /* Without a score the threshold cannot be met. */
  assert_decision (config, lead, LEAD, NULL, LEAD, "stays in Lead");
  /* A new lead meeting the threshold goes straight to MQL. */
  assert_decision (config, lead, -1, &met, MQL, "MQL threshold met: ");

  /* Fractional scores read as people write them. */
  met = score_with (TRUE, 30.25, 12.5);
  assert_decision (config, lead, SUBSCRIBER, &met, MQL,
                   "MQL threshold met: total 42.75 ≥ 40");

  /* The two-threshold kind names both. */
  config->scoring.mql_kind = LW_MQL_BOTH;
  config->scoring.mql_fit = 20;
  config->scoring.mql_engagement = 15;
  met = score_with (TRUE, 25, 15);
  assert_decision (config, lead, LEAD, &met, MQL,
                   "MQL threshold met: fit 25 ≥ 20 and engagement 15 ≥ 15");
}

static void
test_mql_vs_entry (void)
{
  g_autoptr(LwConfig) config = lifecycle_config_new ();
  g_autoptr(LwLead) qualified = NULL;
  LwScore met = score_with (TRUE, 30, 15);

  /* SQL (by status) is further than MQL (by score): SQL. */
  qualified = lw_test_lead (config, "email=ana@acme.com", "lead_status=qualified", NULL);
  assert_decision (config, qualified, LEAD, &met, SQL, "entry criteria of Sales Qualified Lead");

  /* With the MQL stage moved after SQL the threshold wins: the stages are
   * now 0 Subscriber, 1 Lead, 2 SQL, 3 MQL, 4 Opportunity, ... */
  g_ptr_array_insert (config->stages, 3, g_ptr_array_steal_index (config->stages, MQL));
  lw_test_bind_config (config);
  g_assert_cmpstr (((LwStage *) g_ptr_array_index (config->stages, 3))->id, ==, "mql");
  assert_decision (config, qualified, LEAD, &met, 3, "MQL threshold met: total 45 ≥ 40");
  /* Below the threshold SQL's entry criteria take the lead to stage 2. */
  assert_decision (config, qualified, LEAD, NULL, 2, "entry criteria of Sales Qualified Lead: ");

  /* When the MQL stage's own entry criteria also hold, the threshold is
   * still named; below it, its entry criteria alone take the lead there. */
  {
    LwStage *mql = g_ptr_array_index (config->stages, 3);

    mql->entry = condition_new ("email", LW_OP_HAS_PROPERTY, NULL);
  }
  lw_test_bind_config (config);
  assert_decision (config, qualified, LEAD, &met, 3, "MQL threshold met: ");
  assert_decision (config, qualified, LEAD, NULL, 3,
                   "entry criteria of Marketing Qualified Lead: ");
}

static void
test_scored_lead (void)
{
  g_autoptr(LwConfig) config = lifecycle_config_new ();
  g_autoptr(LwLead) lead = lw_test_lead (config, "email=ana@acme.com", NULL);
  LwTime now = lw_test_time (NOW_ISO);
  LwScore score;

  /* A demo request (45 ≥ 40) makes the lead an MQL through the real
   * scoring. */
  lw_score_lead (config, lead, now, FALSE, &score);
  g_assert_false (score.mql);
  assert_decision (config, lead, LEAD, &score, LEAD, "stays in Lead");

  lw_lead_add_activity (lead, (guint) lw_config_activity_index (config, "demo_request"),
                        now - LW_MINUTE);
  lw_score_lead (config, lead, now, FALSE, &score);
  lw_score_apply (config, &score, lead);
  g_assert_true (score.mql);
  assert_decision (config, lead, LEAD, &score, MQL, "MQL threshold met: total 45 ≥ 40");

  /* Entry criteria can read the applied built-in scores: Evangelist for a
   * total of at least 45, which this lead now has. */
  {
    LwStage *evangelist = g_ptr_array_index (config->stages, EVANGELIST);

    g_clear_pointer (&evangelist->entry, lw_condition_free);
    evangelist->entry = condition_new ("total_score", LW_OP_GTE, "45");
  }
  lw_test_bind_config (config);
  assert_decision (config, lead, MQL, &score, EVANGELIST, "entry criteria of Evangelist: ");
  lw_score_clear (&score);
}

static void
test_recycle_by_caller (void)
{
  g_autoptr(LwConfig) config = lifecycle_config_new ();
  g_autoptr(LwLead) lead = NULL;
  LwTime since = lw_test_time (NOW_ISO);
  LwScore none = score_with (FALSE, 0, 0);
  const LwPath *path;
  int stage;

  /* An SQL put on "bad timing" is not moved back by a decision ... */
  lead = lw_test_lead (config, "email=ana@acme.com", "lead_status=bad-timing", NULL);
  assert_decision (config, lead, SQL, &none, SQL, "stays in Sales Qualified Lead");

  /* ... but by the caller applying the recycle path once it is due. */
  path = lw_lifecycle_path_due (config, "bad-timing", since, since + 90 * LW_DAY);
  g_assert_nonnull (path);
  g_assert_cmpstr (path->id, ==, "nurture-recycle");
  g_assert_cmpint (path->kind, ==, LW_PATH_RECYCLE);
  stage = lw_config_stage_index (config, path->to_stage);
  g_assert_cmpint (stage, ==, LEAD);

  /* From there decisions move it forward as usual. */
  assert_decision (config, lead, stage, &none, LEAD, "stays in Lead");
  assert_decision (config, lead, stage, &(LwScore) { .mql = TRUE, .total = 41 }, MQL,
                   "MQL threshold met: total 41 ≥ 40");
}

/* ---- paths ------------------------------------------------------------------ */

static void
test_path_boundary (void)
{
  g_autoptr(LwConfig) config = lifecycle_config_new ();
  LwTime since = lw_test_time (NOW_ISO);
  const LwPath *path;

  /* 90 days are 90 × 86400 s: not due a second before, due on the dot. */
  g_assert_null (lw_lifecycle_path_due (config, "bad-timing", since, since));
  g_assert_null (lw_lifecycle_path_due (config, "bad-timing", since,
                                        since + 90 * LW_DAY - 1));
  path = lw_lifecycle_path_due (config, "bad-timing", since, since + 90 * LW_DAY);
  g_assert_nonnull (path);
  g_assert_cmpstr (path->id, ==, "nurture-recycle");
  g_assert_cmpstr (path->to_stage, ==, "lead");
  path = lw_lifecycle_path_due (config, "bad-timing", since, since + 400 * LW_DAY);
  g_assert_nonnull (path);
  g_assert_cmpstr (path->id, ==, "nurture-recycle");

  /* A path after 0 days is due at once. */
  path = lw_lifecycle_path_due (config, "unqualified", since, since);
  g_assert_nonnull (path);
  g_assert_cmpstr (path->id, ==, "unqualified-out");
  g_assert_cmpint (path->kind, ==, LW_PATH_DISQUALIFY);

  /* Statuses without a path, and no status at all. */
  g_assert_null (lw_lifecycle_path_due (config, "qualified", since, since + 1000 * LW_DAY));
  g_assert_null (lw_lifecycle_path_due (config, "no-such-status", since,
                                        since + 1000 * LW_DAY));
  g_assert_null (lw_lifecycle_path_due (config, NULL, since, since + 1000 * LW_DAY));

  /* A clock before the status began (time moved back) is not due. */
  g_assert_null (lw_lifecycle_path_due (config, "unqualified", since, since - 1));
}

static void
test_path_order (void)
{
  g_autoptr(LwConfig) config = lifecycle_config_new ();
  LwTime since = lw_test_time (NOW_ISO);
  const LwPath *path;

  /* "connected" has two paths: after 60 days (listed first) and after 30.
   * At 29 days neither, at 30 the second, from 60 on the first. */
  g_assert_null (lw_lifecycle_path_due (config, "connected", since,
                                        since + 30 * LW_DAY - 1));
  path = lw_lifecycle_path_due (config, "connected", since, since + 30 * LW_DAY);
  g_assert_cmpstr (path->id, ==, "connected-early");
  path = lw_lifecycle_path_due (config, "connected", since, since + 60 * LW_DAY - 1);
  g_assert_cmpstr (path->id, ==, "connected-early");
  path = lw_lifecycle_path_due (config, "connected", since, since + 60 * LW_DAY);
  g_assert_cmpstr (path->id, ==, "connected-stale");
}

/* ---- bad input -------------------------------------------------------------- */

static void
test_bad_arguments (void)
{
  g_autoptr(LwConfig) config = lifecycle_config_new ();
  g_autoptr(LwLead) lead = lw_test_lead (config, NULL);
  LwStageDecision decision;

  g_test_expect_message ("leadwright-engine", G_LOG_LEVEL_CRITICAL, "*current*");
  lw_lifecycle_decide (config, lead, 8, NULL, &decision);
  g_test_assert_expected_messages ();
  g_assert_cmpint (decision.stage, ==, 8);
  g_assert_cmpint (decision.previous, ==, 8);
  g_assert_null (decision.why);

  g_test_expect_message ("leadwright-engine", G_LOG_LEVEL_CRITICAL, "*current*");
  lw_lifecycle_decide (config, lead, -2, NULL, &decision);
  g_test_assert_expected_messages ();
  g_assert_null (decision.why);

  g_test_expect_message ("leadwright-engine", G_LOG_LEVEL_CRITICAL, "*lead != NULL*");
  lw_lifecycle_decide (config, NULL, 0, NULL, &decision);
  g_test_assert_expected_messages ();
  g_assert_null (decision.why);

  g_test_expect_message ("leadwright-engine", G_LOG_LEVEL_CRITICAL, "*config != NULL*");
  g_assert_null (lw_lifecycle_path_due (NULL, "connected", 0, 0));
  g_test_assert_expected_messages ();

  /* The variant without the explanation keeps the stage it was given. */
  g_test_expect_message ("leadwright-engine", G_LOG_LEVEL_CRITICAL, "*current*");
  g_assert_cmpint (lw_lifecycle_decide_stage (config, lead, 8, NULL), ==, 8);
  g_test_assert_expected_messages ();

  g_test_expect_message ("leadwright-engine", G_LOG_LEVEL_CRITICAL, "*lead != NULL*");
  g_assert_cmpint (lw_lifecycle_decide_stage (config, NULL, 2, NULL), ==, 2);
  g_test_assert_expected_messages ();

  g_test_expect_message ("leadwright-engine", G_LOG_LEVEL_CRITICAL, "*config != NULL*");
  g_assert_cmpint (lw_lifecycle_decide_stage (NULL, lead, 2, NULL), ==, 2);
  g_test_assert_expected_messages ();
}

static void
test_no_stages (void)
{
  g_autoptr(LwConfig) config = lw_config_new ();
  g_autoptr(LwLead) lead = NULL;
  LwStageDecision decision;

  /* A rule set whose stages were all deleted in the editor: invalid (it
   * has no MQL stage), but deciding must still answer, not crash. */
  lead = lw_lead_new (config, "L-1");

  lw_lifecycle_decide (config, lead, -1, NULL, &decision);
  g_assert_cmpint (decision.stage, ==, -1);
  g_assert_cmpint (decision.previous, ==, -1);
  g_assert_cmpstr (decision.why, ==, "no lifecycle stages are defined");
  lw_stage_decision_clear (&decision);
  g_assert_cmpint (lw_lifecycle_decide_stage (config, lead, -1, NULL), ==, -1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/lifecycle/decide/new-lead", test_new_lead);
  g_test_add_func ("/lifecycle/decide/entry/lead-status", test_entry_lead_status);
  g_test_add_func ("/lifecycle/decide/entry/deal-stage", test_entry_deal_stage);
  g_test_add_func ("/lifecycle/decide/forward-only", test_forward_only);
  g_test_add_func ("/lifecycle/decide/mql", test_mql_by_score);
  g_test_add_func ("/lifecycle/decide/mql-vs-entry", test_mql_vs_entry);
  g_test_add_func ("/lifecycle/decide/scored-lead", test_scored_lead);
  g_test_add_func ("/lifecycle/decide/no-stages", test_no_stages);
  g_test_add_func ("/lifecycle/decide/bad-arguments", test_bad_arguments);
  g_test_add_func ("/lifecycle/path/boundary", test_path_boundary);
  g_test_add_func ("/lifecycle/path/order", test_path_order);
  g_test_add_func ("/lifecycle/path/recycle-by-caller", test_recycle_by_caller);

  return g_test_run ();
}
