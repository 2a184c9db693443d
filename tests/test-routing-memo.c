/* test-routing-memo.c: what the routing state remembers between calls
 *
 * A pool remembers until when nobody in it is available, targets the pool
 * or owner they name, and a bound config turns away at once a domain that
 * no account has (lw_config_find_account()).
 * These tests pick at the instants where such an answer stops holding (a
 * working interval starts, an absence ends, a new local day resets a
 * capacity, a count is given back, time goes back to another day) and
 * after the config changes (bound again after an edit, or another config
 * with the same state), and route the sample playbook with two states in
 * lockstep: one that may use what it remembers, one that explains every
 * pick (an explanation looks at every member afresh).
 *
 * Calendar facts used below: 2026-01-12 is a Monday; Berlin is UTC+1 in
 * January; the United States move their clocks on 2026-03-08, Europe on
 * 2026-03-29.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "lw-routing.h"
#include "lw-test-utils.h"

#define T(iso) lw_test_time (iso)

/* Ute works in Berlin, 09:00-17:00 on weekdays, and is the one member of
 * the pool "dach", which skips whoever is out of office, outside their
 * hours or at their capacity. Ben (UTC, no pool) is the fallback. */
static LwConfig *
new_team (guint capacity)
{
  LwConfig *config = lw_config_new ();
  LwPool *pool = lw_pool_new ("dach", "DACH");
  LwRoutingRule *rule = lw_routing_rule_new ("all", "All", LW_ASSIGN_POOL);
  LwRep *ute = lw_test_add_rep (config, "ute", "ute", "Europe/Berlin");
  LwDateRange away;

  lw_test_add_office_hours (ute);
  ute->capacity = capacity;
  g_date_clear (&away.from, 1);
  g_date_clear (&away.to, 1);
  g_date_set_dmy (&away.from, 14, 1, 2026);
  g_date_set_dmy (&away.to, 14, 1, 2026);
  g_array_append_val (ute->out_of_office, away);
  lw_test_add_office_hours (lw_test_add_rep (config, "ben", "ben", "UTC"));

  pool->weighted = FALSE;
  pool->respect_capacity = TRUE;
  pool->working_hours = TRUE;
  pool->out_of_office = TRUE;
  g_ptr_array_add (pool->members, g_strdup ("ute"));
  g_ptr_array_add (config->pools, pool);

  rule->target.pool = g_strdup ("dach");
  g_ptr_array_add (config->rules, rule);
  config->fallback.owner = g_strdup ("ben");
  lw_test_bind_config (config);
  return config;
}

static const LwTarget dach = { NULL, (char *) "dach" };

/* The id of whom lw_route_pick() picks from "dach" at @iso, or "-". */
static const char *
pick (const LwConfig *config,
      LwRoutingState *state,
      const char     *iso,
      const LwRep    *exclude)
{
  const LwRep *rep = lw_route_pick (config, &dach, T (iso), state, exclude, NULL);

  return rep != NULL ? rep->id : "-";
}

/* The id of the owner lw_route_lead() gives a lead at @iso. */
static const char *
route (const LwConfig *config,
       LwRoutingState *state,
       const char     *iso)
{
  g_autoptr(LwLead) lead = lw_test_lead (config, NULL);
  g_auto(LwRoute) route = { 0 };

  lw_route_lead (config, lead, T (iso), state, FALSE, &route);
  g_assert_nonnull (route.owner);
  return route.owner->id;
}

/* Nobody until 09:00 Berlin; Ute from then on, and again before 17:00
 * after the pool found nobody at 17:00. */
static void
test_back_at_boundary (void)
{
  g_autoptr(LwConfig) config = new_team (0);
  g_autoptr(LwRoutingState) state = lw_routing_state_new (config);

  /* Tuesday 08:59:59 Berlin, twice, then 09:00:00. */
  g_assert_cmpstr (pick (config, state, "2026-01-13T07:59:59Z", NULL), ==, "-");
  g_assert_cmpstr (pick (config, state, "2026-01-13T07:30:00Z", NULL), ==, "-");
  g_assert_cmpstr (pick (config, state, "2026-01-13T08:00:00Z", NULL), ==, "ute");

  /* 17:00 Berlin: the fallback; a second earlier: Ute. */
  g_assert_cmpstr (route (config, state, "2026-01-13T16:00:00Z"), ==, "ben");
  g_assert_cmpstr (route (config, state, "2026-01-13T15:59:59Z"), ==, "ute");

  /* Out of office all Wednesday, back on Thursday at 09:00 Berlin. */
  g_assert_cmpstr (pick (config, state, "2026-01-14T10:00:00Z", NULL), ==, "-");
  g_assert_cmpstr (pick (config, state, "2026-01-14T15:59:59Z", NULL), ==, "-");
  g_assert_cmpstr (pick (config, state, "2026-01-14T23:00:00Z", NULL), ==, "-");
  g_assert_cmpstr (pick (config, state, "2026-01-15T07:59:59Z", NULL), ==, "-");
  g_assert_cmpstr (pick (config, state, "2026-01-15T08:00:00Z", NULL), ==, "ute");
}

/* Two leads a day: full at the third, free again when one is given back,
 * and on the next local day. */
static void
test_capacity (void)
{
  g_autoptr(LwConfig) config = new_team (2);
  g_autoptr(LwRoutingState) state = lw_routing_state_new (config);
  const LwRep *ute = lw_config_find_rep (config, "ute");

  g_assert_cmpstr (pick (config, state, "2026-01-13T09:00:00Z", NULL), ==, "ute");
  g_assert_cmpstr (pick (config, state, "2026-01-13T10:00:00Z", NULL), ==, "ute");
  g_assert_cmpstr (pick (config, state, "2026-01-13T11:00:00Z", NULL), ==, "-");
  g_assert_cmpstr (pick (config, state, "2026-01-13T12:00:00Z", NULL), ==, "-");
  g_assert_cmpstr (route (config, state, "2026-01-13T12:30:00Z"), ==, "ben");

  /* A reassignment takes the 09:00 lead away. */
  lw_routing_state_release (state, ute, T ("2026-01-13T09:00:00Z"));
  g_assert_cmpstr (pick (config, state, "2026-01-13T13:00:00Z", NULL), ==, "ute");
  g_assert_cmpstr (pick (config, state, "2026-01-13T14:00:00Z", NULL), ==, "-");

  /* Thursday (Wednesday is a day off): the count starts again. */
  g_assert_cmpstr (pick (config, state, "2026-01-15T08:00:00Z", NULL), ==, "ute");
  g_assert_cmpuint (lw_routing_state_count (state, ute, T ("2026-01-15T08:00:00Z")), ==, 1);

  /* A saved state with a lower count makes room on that day. */
  g_assert_cmpstr (pick (config, state, "2026-01-15T09:00:00Z", NULL), ==, "ute");
  g_assert_cmpstr (pick (config, state, "2026-01-15T10:00:00Z", NULL), ==, "-");
  {
    g_autofree char *json = g_strdup_printf ("{\"pools\": [], \"reps\": [{\"id\": \"ute\", \"day\": %d, \"count\": 1}]}",
                                             20468);   /* 2026-01-15 */
    g_autoptr(GError) error = NULL;

    g_assert_true (lw_routing_state_restore (state, config, json, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpstr (pick (config, state, "2026-01-15T10:00:00Z", NULL), ==, "ute");
}

/* One lead a day. Full on Thursday; a pick on Tuesday (time went back)
 * starts Tuesday's count, which drops Thursday's: Ute can take one more
 * on Thursday. */
static void
test_time_back (void)
{
  g_autoptr(LwConfig) config = new_team (1);
  g_autoptr(LwRoutingState) state = lw_routing_state_new (config);

  g_assert_cmpstr (pick (config, state, "2026-01-15T09:00:00Z", NULL), ==, "ute");
  g_assert_cmpstr (pick (config, state, "2026-01-15T10:00:00Z", NULL), ==, "-");
  g_assert_cmpstr (pick (config, state, "2026-01-13T09:00:00Z", NULL), ==, "ute");
  g_assert_cmpstr (pick (config, state, "2026-01-15T11:00:00Z", NULL), ==, "ute");
  g_assert_cmpstr (pick (config, state, "2026-01-15T12:00:00Z", NULL), ==, "-");
}

/* Hours edited in place and bound again, and another config used with
 * the same state: nothing remembered from before holds. */
static void
test_rebound (void)
{
  g_autoptr(LwConfig) config = new_team (0);
  g_autoptr(LwConfig) other = NULL;
  g_autoptr(LwRoutingState) state = lw_routing_state_new (config);
  LwRep *ute = (LwRep *) lw_config_find_rep (config, "ute");
  LwRep *other_ute;

  /* Tuesday 08:00 Berlin: before her hours. */
  g_assert_cmpstr (pick (config, state, "2026-01-13T07:00:00Z", NULL), ==, "-");
  g_assert_cmpstr (route (config, state, "2026-01-13T07:00:00Z"), ==, "ben");

  /* She starts at 08:00 on Tuesdays now. */
  g_array_index (ute->hours.days[1], LwInterval, 0).start = 8 * 60;
  lw_test_bind_config (config);
  g_assert_cmpstr (pick (config, state, "2026-01-13T07:00:00Z", NULL), ==, "ute");

  /* A copy where she starts at 09:00 again, with the same state; then the
   * first config again. */
  other = lw_config_copy (config);
  other_ute = (LwRep *) lw_config_find_rep (other, "ute");
  g_array_index (other_ute->hours.days[1], LwInterval, 0).start = 9 * 60;
  lw_test_bind_config (other);
  g_assert_cmpstr (pick (other, state, "2026-01-13T07:10:00Z", NULL), ==, "-");
  g_assert_cmpstr (route (other, state, "2026-01-13T07:10:00Z"), ==, "ben");
  g_assert_cmpstr (pick (config, state, "2026-01-13T07:10:00Z", NULL), ==, "ute");
  g_assert_cmpstr (pick (other, state, "2026-01-13T07:20:00Z", NULL), ==, "-");

  /* The pool's member edited in place, not bound: Ben, who works in UTC
   * until 17:00, is the member now. Ute was off at 17:30 Berlin. */
  g_assert_cmpstr (pick (other, state, "2026-01-13T16:30:00Z", NULL), ==, "-");
  {
    LwPool *pool = (LwPool *) lw_config_find_pool (other, "dach");

    g_free (g_ptr_array_index (pool->members, 0));
    g_ptr_array_index (pool->members, 0) = g_strdup ("ben");
  }
  g_assert_cmpstr (pick (other, state, "2026-01-13T16:40:00Z", NULL), ==, "ben");
  g_assert_cmpstr (pick (other, state, "2026-01-13T17:00:00Z", NULL), ==, "-");
}

/* Excluding the one available member finds nobody, which says nothing
 * about the pool without the exclusion. */
static void
test_excluded (void)
{
  g_autoptr(LwConfig) config = new_team (0);
  g_autoptr(LwRoutingState) state = lw_routing_state_new (config);
  const LwRep *ute = lw_config_find_rep (config, "ute");
  const LwRep *ben = lw_config_find_rep (config, "ben");

  g_assert_cmpstr (pick (config, state, "2026-01-13T10:00:00Z", ute), ==, "-");
  g_assert_cmpstr (pick (config, state, "2026-01-13T10:00:00Z", NULL), ==, "ute");
  g_assert_cmpstr (pick (config, state, "2026-01-13T10:00:00Z", ben), ==, "ute");
  /* Outside her hours nobody is available, excluded or not. */
  g_assert_cmpstr (pick (config, state, "2026-01-13T18:00:00Z", ute), ==, "-");
  g_assert_cmpstr (pick (config, state, "2026-01-13T18:00:00Z", NULL), ==, "-");
}

/* Accounts found by domain whatever its case, domains of other lengths or
 * first letters turned away, and all of it anew after an edit bound
 * again. */
static void
test_accounts (void)
{
  g_autoptr(LwConfig) config = lw_config_new ();
  g_autoptr(LwRoutingState) state = NULL;
  LwProperty *email = lw_property_new ("email", "Email", LW_PROPERTY_EMAIL);
  LwRoutingRule *rule = lw_routing_rule_new ("accounts", "Accounts", LW_ASSIGN_ACCOUNT_OWNER);
  LwAccount *acme;
  struct {
    const char *email;
    const char *owner;
  } before[] = {
    { "email=jo@ACME.com", "ana" },
    { "email=jo@acme.co", "ben" },
    { "email=jo@acme.com.au", "ben" },
    { "email=jo@initech.com", "ben" },
    { "email=jo@globex.com", "cara" },
  }, after[] = {
    { "email=jo@acme.com", "ben" },
    { "email=jo@Initech.COM", "ana" },
    { "email=jo@globex.com", "cara" },
  };

  g_ptr_array_add (config->properties, email);
  lw_test_add_rep (config, "ana", "ana", "UTC");
  lw_test_add_rep (config, "ben", "ben", "UTC");
  lw_test_add_rep (config, "cara", "cara", "UTC");
  acme = lw_account_new ("Acme.com", "Acme", "ana");
  g_ptr_array_add (config->accounts, acme);
  g_ptr_array_add (config->accounts, lw_account_new ("globex.com", "Globex", "cara"));
  g_ptr_array_add (config->rules, rule);
  config->fallback.owner = g_strdup ("ben");
  lw_test_bind_config (config);
  state = lw_routing_state_new (config);

  for (guint i = 0; i < G_N_ELEMENTS (before); i++)
    {
      g_autoptr(LwLead) lead = lw_test_lead (config, before[i].email, NULL);
      g_auto(LwRoute) route = { 0 };

      lw_route_lead (config, lead, T ("2026-01-13T10:00:00Z"), state, FALSE, &route);
      g_assert_cmpstr (route.owner->id, ==, before[i].owner);
    }

  g_free (acme->domain);
  acme->domain = g_strdup ("initech.com");
  lw_test_bind_config (config);
  for (guint i = 0; i < G_N_ELEMENTS (after); i++)
    {
      g_autoptr(LwLead) lead = lw_test_lead (config, after[i].email, NULL);
      g_auto(LwRoute) route = { 0 };

      lw_route_lead (config, lead, T ("2026-01-13T10:00:00Z"), state, FALSE, &route);
      g_assert_cmpstr (route.owner->id, ==, after[i].owner);
    }
}

/* Which rules match is remembered by the values the conditions read: a
 * number, a text (kept up to 23 bytes; longer ones are evaluated each
 * time), or only whether a value is set. Each lead is routed by a state
 * that remembers and checked against what the rules say. */
static void
test_conditions (void)
{
  g_autoptr(LwConfig) config = lw_config_new ();
  g_autoptr(LwRoutingState) state = NULL;
  const char *long_name = "a company name of more than 23 bytes";
  LwRoutingRule *rule;
  LwCondition *condition;
  LwFilterGroup *group;
  struct {
    const char *employees;
    const char *company;
    const char *region;
    const char *owner;
  } cases[] = {
    { "500", "Acme", "EMEA", "big" },
    { "50", "Initech", "EMEA", "region" },
    { "50", "Initech", NULL, "rest" },
    { "101", "acme", NULL, "big" },
    { "100", "ACME", NULL, "acme" },
    { "100", "Acme Ltd", NULL, "rest" },
    { NULL, "Acme", NULL, "acme" },
    { NULL, NULL, NULL, "rest" },
    { NULL, NULL, "NA", "region" },
    { "7", long_name, NULL, "long" },
    { "7", "a company name of more than 23 byte", NULL, "rest" },
    { "7", long_name, "NA", "long" },
  };

  g_ptr_array_add (config->properties, lw_property_new ("employees", "Employees", LW_PROPERTY_NUMBER));
  g_ptr_array_add (config->properties, lw_property_new ("company", "Company", LW_PROPERTY_STRING));
  g_ptr_array_add (config->properties, lw_property_new ("region", "Region", LW_PROPERTY_STRING));
  lw_test_add_rep (config, "big", "big", "UTC");
  lw_test_add_rep (config, "acme", "acme", "UTC");
  lw_test_add_rep (config, "long", "long", "UTC");
  lw_test_add_rep (config, "region", "region", "UTC");
  lw_test_add_rep (config, "rest", "rest", "UTC");

  /* employees > 100 */
  rule = lw_routing_rule_new ("big", "Big", LW_ASSIGN_OWNER);
  rule->target.owner = g_strdup ("big");
  group = lw_filter_group_new ();
  g_ptr_array_add (group->filters, lw_filter_new ("employees", LW_OP_GT, "100"));
  g_ptr_array_add (rule->when->groups, group);
  g_ptr_array_add (config->rules, rule);
  /* company = acme, or company = the long name */
  rule = lw_routing_rule_new ("acme", "Acme", LW_ASSIGN_OWNER);
  rule->target.owner = g_strdup ("acme");
  condition = rule->when;
  group = lw_filter_group_new ();
  g_ptr_array_add (group->filters, lw_filter_new ("company", LW_OP_EQ, "acme"));
  g_ptr_array_add (condition->groups, group);
  g_ptr_array_add (config->rules, rule);
  rule = lw_routing_rule_new ("long", "Long", LW_ASSIGN_OWNER);
  rule->target.owner = g_strdup ("long");
  group = lw_filter_group_new ();
  g_ptr_array_add (group->filters, lw_filter_new ("company", LW_OP_EQ, long_name));
  g_ptr_array_add (rule->when->groups, group);
  g_ptr_array_add (config->rules, rule);
  /* a region is set */
  rule = lw_routing_rule_new ("region", "Region", LW_ASSIGN_OWNER);
  rule->target.owner = g_strdup ("region");
  group = lw_filter_group_new ();
  g_ptr_array_add (group->filters, lw_filter_new ("region", LW_OP_HAS_PROPERTY, NULL));
  g_ptr_array_add (rule->when->groups, group);
  g_ptr_array_add (config->rules, rule);
  config->fallback.owner = g_strdup ("rest");
  lw_test_bind_config (config);
  state = lw_routing_state_new (config);

  /* Twice round: the second time from what was remembered. */
  for (guint round = 0; round < 2; round++)
    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_autofree char *employees = g_strdup_printf ("employees=%s", cases[i].employees != NULL ? cases[i].employees : "");
        g_autofree char *company = g_strdup_printf ("company=%s", cases[i].company != NULL ? cases[i].company : "");
        g_autofree char *region = g_strdup_printf ("region=%s", cases[i].region != NULL ? cases[i].region : "");
        g_autoptr(LwLead) lead = lw_test_lead (config, employees, company, region, NULL);
        g_auto(LwRoute) route = { 0 };

        lw_route_lead (config, lead, T ("2026-01-13T10:00:00Z"), state, FALSE, &route);
        if (g_strcmp0 (route.owner->id, cases[i].owner) != 0)
          g_error ("round %u, case %u: %s, expected %s", round, i, route.owner->id, cases[i].owner);
      }

  /* More values than the state keeps answers for, so that leads with
   * other values meet in one place: 0 to 299 employees, and companies c0
   * to c9 and Acme. */
  for (guint round = 0; round < 2; round++)
    for (guint i = 0; i < 300; i++)
      {
        g_autofree char *employees = g_strdup_printf ("employees=%u", (i * 7) % 300);
        g_autofree char *company = i % 11 == 0 ? g_strdup ("company=ACME") : g_strdup_printf ("company=c%u", i % 10);
        g_autoptr(LwLead) lead = lw_test_lead (config, employees, company, NULL);
        g_auto(LwRoute) route = { 0 };
        const char *expected = (i * 7) % 300 > 100 ? "big" : i % 11 == 0 ? "acme" : "rest";

        lw_route_lead (config, lead, T ("2026-01-13T10:00:00Z"), state, FALSE, &route);
        if (g_strcmp0 (route.owner->id, expected) != 0)
          g_error ("round %u, lead %u: %s, expected %s", round, i, route.owner->id, expected);
      }

  /* Few numbers, many companies. */
  for (guint i = 0; i < 400; i++)
    {
      g_autofree char *employees = g_strdup_printf ("employees=%u", i % 3);
      g_autofree char *company = i % 13 == 0 ? g_strdup ("company=ACME") : g_strdup_printf ("company=c%u", i);
      g_autoptr(LwLead) lead = lw_test_lead (config, employees, company, NULL);
      g_auto(LwRoute) route = { 0 };
      const char *expected = i % 13 == 0 ? "acme" : "rest";

      lw_route_lead (config, lead, T ("2026-01-13T10:00:00Z"), state, FALSE, &route);
      if (g_strcmp0 (route.owner->id, expected) != 0)
        g_error ("lead %u: %s, expected %s", i, route.owner->id, expected);
    }
}

/* Many targets (more than the state keeps hints for), each found by its
 * address, and a target whose pool is changed in place. */
static void
test_many_targets (void)
{
  g_autoptr(LwConfig) config = lw_config_new ();
  g_autoptr(LwRoutingState) state = NULL;
  LwTarget targets[100];
  const LwRep *rep;

  for (guint p = 0; p < 5; p++)
    {
      g_autofree char *pool_id = g_strdup_printf ("p%u", p);
      g_autofree char *rep_id = g_strdup_printf ("r%u", p);
      LwPool *pool = lw_pool_new (pool_id, pool_id);

      lw_test_add_rep (config, rep_id, rep_id, "UTC");
      pool->respect_capacity = FALSE;
      pool->working_hours = FALSE;
      pool->out_of_office = FALSE;
      g_ptr_array_add (pool->members, g_strdup (rep_id));
      g_ptr_array_add (config->pools, pool);
    }
  config->fallback.owner = g_strdup ("r0");
  lw_test_bind_config (config);
  state = lw_routing_state_new (config);

  for (guint k = 0; k < G_N_ELEMENTS (targets); k++)
    {
      targets[k].owner = NULL;
      targets[k].pool = g_strdup_printf ("p%u", k % 5);
    }
  for (guint round = 0; round < 3; round++)
    for (guint k = 0; k < G_N_ELEMENTS (targets); k++)
      {
        g_autofree char *expected = g_strdup_printf ("r%u", k % 5);

        rep = lw_route_pick (config, &targets[k], T ("2026-01-13T10:00:00Z"), state, NULL, NULL);
        g_assert_nonnull (rep);
        g_assert_cmpstr (rep->id, ==, expected);
      }

  /* Target 3 names p4 now, and then the owner r1. */
  g_free (targets[3].pool);
  targets[3].pool = g_strdup ("p4");
  rep = lw_route_pick (config, &targets[3], T ("2026-01-13T10:00:00Z"), state, NULL, NULL);
  g_assert_cmpstr (rep->id, ==, "r4");
  g_clear_pointer (&targets[3].pool, g_free);
  targets[3].owner = g_strdup ("r1");
  rep = lw_route_pick (config, &targets[3], T ("2026-01-13T10:00:00Z"), state, NULL, NULL);
  g_assert_cmpstr (rep->id, ==, "r1");
  g_free (targets[3].owner);

  for (guint k = 0; k < G_N_ELEMENTS (targets); k++)
    g_free (targets[k].pool);
}

/* ---- lockstep on the sample -------------------------------------------------- */

typedef struct
{
  const LwRep *rep;
  LwTime       at;
} Assignment;

static void
assert_same_route (const LwRoute *quick,
                   const LwRoute *explained,
                   guint          step)
{
  if (quick->owner != explained->owner || quick->rule != explained->rule ||
      quick->pool != explained->pool || quick->fallback != explained->fallback ||
      quick->fallback_reason != explained->fallback_reason)
    g_error ("step %u: routed to %s (rule %s, reason %d), explained %s (rule %s, reason %d)",
             step, quick->owner->id, quick->rule != NULL ? quick->rule->id : "fallback",
             quick->fallback_reason, explained->owner->id,
             explained->rule != NULL ? explained->rule->id : "fallback", explained->fallback_reason);
}

/* Leads of every region and segment, picks from every pool with and
 * without an exclusion, and reassignments giving counts back, at instants
 * that mostly move on by minutes to hours (across both daylight-saving
 * changes) and sometimes go back days. */
static void
test_lockstep (void)
{
  g_autoptr(LwConfig) config = lw_test_load_sample ();
  g_autoptr(LwRoutingState) quick = lw_routing_state_new (config);
  g_autoptr(LwRoutingState) explained = lw_routing_state_new (config);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261125);
  g_autoptr(GArray) assignments = g_array_new (FALSE, FALSE, sizeof (Assignment));
  const char *regions[] = { "NA", "EMEA", "APAC", NULL };
  const char *segments[] = { "enterprise", "midmarket", "smb" };
  const char *countries[] = { "DE", "FR", "US", "JP", "GB" };
  const char *domains[] = { "northwind.com", "contoso.com", "gmail.com", "example.org" };
  LwTime now = T ("2026-03-01T00:00:00Z");
  guint nobody = 0, picked = 0, fallbacks = 0;

  for (guint step = 0; step < 20000; step++)
    {
      guint op = (guint) g_rand_int_range (rand, 0, 10);

      if (g_rand_int_range (rand, 0, 200) == 0)
        now -= g_rand_int_range (rand, 1, 5 * 86400);
      else
        now += g_rand_int_range (rand, 0, 3 * 3600);

      if (op < 6)
        {
          const char *region = regions[g_rand_int_range (rand, 0, G_N_ELEMENTS (regions))];
          g_autofree char *region_pair = g_strdup_printf ("region=%s", region != NULL ? region : "");
          g_autofree char *segment_pair = g_strdup_printf ("segment=%s", segments[g_rand_int_range (rand, 0, 3)]);
          g_autofree char *country_pair = g_strdup_printf ("country=%s", countries[g_rand_int_range (rand, 0, 5)]);
          g_autofree char *email_pair = g_strdup_printf ("email=x@%s", domains[g_rand_int_range (rand, 0, 4)]);
          g_autoptr(LwLead) lead = lw_test_lead (config, region_pair, segment_pair, country_pair,
                                                 email_pair, NULL);
          g_auto(LwRoute) a = { 0 };
          g_auto(LwRoute) b = { 0 };
          Assignment assignment;

          lw_route_lead (config, lead, now, quick, FALSE, &a);
          lw_route_lead (config, lead, now, explained, TRUE, &b);
          assert_same_route (&a, &b, step);
          fallbacks += a.fallback;
          assignment.rep = a.owner;
          assignment.at = now;
          g_array_append_val (assignments, assignment);
        }
      else if (op < 9)
        {
          const LwPool *pool = g_ptr_array_index (config->pools, g_rand_int_range (rand, 0, config->pools->len));
          LwTarget target = { NULL, pool->id };
          const LwRep *exclude = NULL;
          g_autoptr(GString) why = g_string_new (NULL);
          const LwRep *a, *b;

          if (g_rand_boolean (rand))
            exclude = g_ptr_array_index (config->reps, g_rand_int_range (rand, 0, config->reps->len));
          a = lw_route_pick (config, &target, now, quick, exclude, NULL);
          b = lw_route_pick (config, &target, now, explained, exclude, why);
          if (a != b)
            g_error ("step %u: %s picked %s, explained %s (%s)", step, pool->id,
                     a != NULL ? a->id : "nobody", b != NULL ? b->id : "nobody", why->str);
          if (a == NULL)
            nobody++;
          else
            picked++;
        }
      else if (assignments->len > 0)
        {
          guint i = (guint) g_rand_int_range (rand, 0, assignments->len);
          Assignment assignment = g_array_index (assignments, Assignment, i);

          lw_routing_state_release (quick, assignment.rep, assignment.at);
          lw_routing_state_release (explained, assignment.rep, assignment.at);
          g_array_remove_index_fast (assignments, i);
        }
    }

  for (guint r = 0; r < config->reps->len; r++)
    {
      const LwRep *rep = g_ptr_array_index (config->reps, r);

      g_assert_cmpuint (lw_routing_state_count (quick, rep, now), ==,
                        lw_routing_state_count (explained, rep, now));
    }
  {
    g_autofree char *a = lw_routing_state_to_json (quick, config);
    g_autofree char *b = lw_routing_state_to_json (explained, config);

    g_assert_cmpstr (a, ==, b);
  }
  /* Both answers were common. */
  g_assert_cmpuint (nobody, >, 1000);
  g_assert_cmpuint (picked, >, 1000);
  g_assert_cmpuint (fallbacks, >, 1000);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/routing-memo/back-at-boundary", test_back_at_boundary);
  g_test_add_func ("/routing-memo/capacity", test_capacity);
  g_test_add_func ("/routing-memo/time-back", test_time_back);
  g_test_add_func ("/routing-memo/rebound", test_rebound);
  g_test_add_func ("/routing-memo/excluded", test_excluded);
  g_test_add_func ("/routing-memo/accounts", test_accounts);
  g_test_add_func ("/routing-memo/conditions", test_conditions);
  g_test_add_func ("/routing-memo/many-targets", test_many_targets);
  g_test_add_func ("/routing-memo/lockstep", test_lockstep);

  return g_test_run ();
}
