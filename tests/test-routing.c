/* test-routing.c: rules, pools, capacity, hours, absences, fallback
 *
 * Calendar facts used below: 2026-01-12 is a Monday; Los Angeles is UTC-8
 * in January (PST) and UTC-7 from 2026-03-08 (PDT); Tokyo is UTC+9; Berlin
 * is UTC+1 in January.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "lw-routing.h"
#include "lw-test-utils.h"

#define T(iso) lw_test_time (iso)

/* A Tuesday, 10:00 in Berlin. */
#define TUESDAY "2026-01-13T09:00:00Z"

/* ---- building configs ----------------------------------------------------- */

static LwConfig *
new_config (void)
{
  LwConfig *config = lw_config_new ();

  g_ptr_array_add (config->stages, lw_stage_new ("mql", "MQL"));
  g_free (config->scoring.mql_stage);
  config->scoring.mql_stage = g_strdup ("mql");
  g_ptr_array_add (config->properties, lw_property_new ("country", "Country", LW_PROPERTY_STRING));
  return config;
}

static void
add_out_of_office (LwRep *rep,
                   guint  year,
                   guint  month,
                   guint  day)
{
  LwDateRange range;

  g_date_clear (&range.from, 1);
  g_date_clear (&range.to, 1);
  g_date_set_dmy (&range.from, day, month, year);
  g_date_set_dmy (&range.to, day, month, year);
  g_array_append_val (rep->out_of_office, range);
}

/* A pool of the NULL-terminated member ids that skips nobody but the
 * inactive until the test asks for more. */
static LwPool *
add_pool (LwConfig   *config,
          const char *id,
          const char *label,
          ...)
{
  LwPool *pool = lw_pool_new (id, label);
  const char *member;
  va_list args;

  pool->weighted = FALSE;
  pool->respect_capacity = FALSE;
  pool->working_hours = FALSE;
  pool->out_of_office = FALSE;
  va_start (args, label);
  while ((member = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (pool->members, g_strdup (member));
  va_end (args);
  g_ptr_array_add (config->pools, pool);
  return pool;
}

static LwCondition *
new_condition (const char *property,
               LwOperator  op,
               const char *value)
{
  LwCondition *condition = lw_condition_new ();
  LwFilterGroup *group = lw_filter_group_new ();

  g_ptr_array_add (group->filters, lw_filter_new (property, op, value));
  g_ptr_array_add (condition->groups, group);
  return condition;
}

/* A rule for every lead, or for those where @property EQ @value. */
static LwRoutingRule *
add_rule (LwConfig     *config,
          const char   *id,
          LwAssignKind  kind,
          const char   *owner,
          const char   *pool,
          const char   *property,
          const char   *value)
{
  LwRoutingRule *rule = lw_routing_rule_new (id, id, kind);

  rule->target.owner = g_strdup (owner);
  rule->target.pool = g_strdup (pool);
  if (property != NULL)
    {
      lw_condition_free (rule->when);
      rule->when = new_condition (property, LW_OP_EQ, value);
    }
  g_ptr_array_add (config->rules, rule);
  return rule;
}

static void
add_territory (LwRoutingRule *rule,
               const char    *values,
               const char    *owner,
               const char    *pool)
{
  LwTerritory *territory = lw_territory_new ();

  g_strfreev (territory->values);
  territory->values = g_strsplit (values, ",", -1);
  territory->target.owner = g_strdup (owner);
  territory->target.pool = g_strdup (pool);
  g_ptr_array_add (rule->territories, territory);
}

static const LwRep *
rep_of (const LwConfig *config,
        const char     *id)
{
  const LwRep *rep = lw_config_find_rep (config, id);

  g_assert_nonnull (rep);
  return rep;
}

/* Routes @lead and returns the owner's id. */
static const char *
route_id (const LwConfig *config,
          const LwLead   *lead,
          LwTime          now,
          LwRoutingState *state)
{
  g_auto(LwRoute) route = { 0 };

  lw_route_lead (config, lead, now, state, FALSE, &route);
  g_assert_nonnull (route.owner);
  g_assert_null (route.steps);
  return route.owner->id;
}

static const LwRouteStep *
step_at (const LwRoute *route,
         guint          index)
{
  g_assert_nonnull (route->steps);
  g_assert_cmpuint (index, <, route->steps->len);
  return g_ptr_array_index (route->steps, index);
}

static void
assert_contains (const char *text,
                 const char *fragment)
{
  if (text == NULL || strstr (text, fragment) == NULL)
    g_error ("expected “%s” in “%s”", fragment, text);
}

/* ---- pools ------------------------------------------------------------------ */

static void
test_weighted (void)
{
  g_autoptr(LwConfig) config = new_config ();
  g_autoptr(LwRoutingState) state = NULL;
  g_autoptr(LwLead) lead = NULL;
  LwPool *pool;
  guint ana = 0, ben = 0;

  lw_test_add_rep (config, "ana", "Ana Silva", "Europe/Berlin")->weight = 3;
  lw_test_add_rep (config, "ben", "Ben Ortiz", "Europe/Berlin")->weight = 1;
  pool = add_pool (config, "sdr", "SDRs", "ana", "ben", NULL);
  pool->weighted = TRUE;
  add_rule (config, "all", LW_ASSIGN_POOL, NULL, "sdr", NULL, NULL);
  config->fallback.owner = g_strdup ("ana");
  lw_test_bind_config (config);
  state = lw_routing_state_new (config);
  lead = lw_test_lead (config, NULL);

  /* Smooth weighted round robin, weights a=3, b=1, total 4:
   *   currents +3/+1 -> (3,1) pick a -> (-1,1)
   *            +3/+1 -> (2,2) pick a (first on a tie) -> (-2,2)
   *            +3/+1 -> (1,3) pick b -> (1,-1)
   *            +3/+1 -> (4,0) pick a -> (0,0): the cycle a a b a again.
   * So Ben gets exactly the leads 2, 6, 10, ... (0-based), 100 of 400. */
  for (guint i = 0; i < 400; i++)
    {
      const char *id = route_id (config, lead, T (TUESDAY) + i, state);

      if (i % 4 == 2)
        g_assert_cmpstr (id, ==, "ben");
      else
        g_assert_cmpstr (id, ==, "ana");
      if (strcmp (id, "ana") == 0)
        ana++;
      else
        ben++;
    }
  g_assert_cmpuint (ana, ==, 300);
  g_assert_cmpuint (ben, ==, 100);
}

/* A state saved and taken up again picks as the state itself goes on:
 * weighted round robin mid-cycle (Ana 3, Ben 1) and a day's count against
 * capacity (Ana's cap 5). Pools are found by id, reps by id. */
static void
test_state_saved (void)
{
  g_autoptr(LwConfig) config = new_config ();
  g_autoptr(LwRoutingState) state = NULL;
  g_autoptr(LwRoutingState) again = NULL;
  g_autoptr(LwLead) lead = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  LwPool *pool;
  LwRep *ana;

  ana = lw_test_add_rep (config, "ana", "Ana Silva", "Europe/Berlin");
  ana->weight = 3;
  ana->capacity = 5;
  lw_test_add_rep (config, "ben", "Ben Ortiz", "Europe/Berlin")->weight = 1;
  lw_test_add_rep (config, "cy", "Cy Fall", "Europe/Berlin");
  pool = add_pool (config, "sdr", "SDRs", "ana", "ben", NULL);
  pool->weighted = TRUE;
  pool->respect_capacity = TRUE;
  add_rule (config, "all", LW_ASSIGN_POOL, NULL, "sdr", NULL, NULL);
  config->fallback.owner = g_strdup ("cy");
  lw_test_bind_config (config);
  state = lw_routing_state_new (config);
  lead = lw_test_lead (config, NULL);

  /* a a b: Ana has 2 of her 5, the cycle stands at (1, -1). */
  for (guint i = 0; i < 3; i++)
    route_id (config, lead, T (TUESDAY) + i, state);
  json = lw_routing_state_to_json (state, config);
  again = lw_routing_state_new (config);
  g_assert_true (lw_routing_state_restore (again, config, json, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (lw_routing_state_count (again, ana, T (TUESDAY) + 10), ==, 2);

  /* Then a, a, a (Ana full: 5), so Ben, and Cy by the fallback. */
  for (guint i = 3; i < 12; i++)
    g_assert_cmpstr (route_id (config, lead, T (TUESDAY) + i, again), ==,
                     route_id (config, lead, T (TUESDAY) + i, state));
  g_assert_cmpuint (lw_routing_state_count (again, ana, T (TUESDAY) + 20), ==, 5);

  /* Not such a document: refused, the state unchanged. */
  g_clear_pointer (&again, lw_routing_state_free);
  again = lw_routing_state_new (config);
  g_assert_false (lw_routing_state_restore (again, config, "[1, 2]", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_assert_false (lw_routing_state_restore (again, config, "{\"pools\": [", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpuint (lw_routing_state_count (again, ana, T (TUESDAY)), ==, 0);
  g_assert_cmpstr (route_id (config, lead, T (TUESDAY), again), ==, "ana");
}

static void
test_weighted_nginx (void)
{
  g_autoptr(LwConfig) config = new_config ();
  g_autoptr(LwRoutingState) state = NULL;
  g_autoptr(LwLead) lead = NULL;
  g_autoptr(GString) picks = g_string_new (NULL);
  LwPool *pool;

  lw_test_add_rep (config, "a", "A", "UTC")->weight = 5;
  lw_test_add_rep (config, "b", "B", "UTC")->weight = 1;
  lw_test_add_rep (config, "c", "C", "UTC")->weight = 1;
  pool = add_pool (config, "p", "P", "a", "b", "c", NULL);
  pool->weighted = TRUE;
  add_rule (config, "all", LW_ASSIGN_POOL, NULL, "p", NULL, NULL);
  config->fallback.owner = g_strdup ("a");
  lw_test_bind_config (config);
  state = lw_routing_state_new (config);
  lead = lw_test_lead (config, NULL);

  /* nginx's own example: weights 5, 1, 1 give "a a b a c a a", then again. */
  for (guint i = 0; i < 14; i++)
    g_string_append (picks, route_id (config, lead, T (TUESDAY), state));
  g_assert_cmpstr (picks->str, ==, "aabacaaaabacaa");
}

static void
test_rotation (void)
{
  g_autoptr(LwConfig) config = new_config ();
  g_autoptr(LwRoutingState) state = NULL;
  g_autoptr(LwLead) lead = NULL;
  g_autoptr(GString) picks = g_string_new (NULL);
  g_auto(LwRoute) route = { 0 };

  lw_test_add_rep (config, "a", "A", "UTC");
  lw_test_add_rep (config, "b", "B", "UTC");
  lw_test_add_rep (config, "c", "C", "UTC");
  add_pool (config, "p", "P", "a", "b", "c", NULL);
  add_rule (config, "all", LW_ASSIGN_POOL, NULL, "p", NULL, NULL);
  config->fallback.owner = g_strdup ("a");
  lw_test_bind_config (config);
  state = lw_routing_state_new (config);
  lead = lw_test_lead (config, NULL);

  for (guint i = 0; i < 7; i++)
    g_string_append (picks, route_id (config, lead, T (TUESDAY), state));
  g_assert_cmpstr (picks->str, ==, "abcabca");

  /* b leaves: the rotation goes on from where it was, without b. */
  ((LwRep *) rep_of (config, "b"))->active = FALSE;
  g_string_truncate (picks, 0);
  for (guint i = 0; i < 5; i++)
    g_string_append (picks, route_id (config, lead, T (TUESDAY), state));
  g_assert_cmpstr (picks->str, ==, "cacac");

  lw_route_lead (config, lead, T (TUESDAY), state, FALSE, &route);
  g_assert_true (route.rule == g_ptr_array_index (config->rules, 0));
  g_assert_true (route.pool == g_ptr_array_index (config->pools, 0));
  g_assert_false (route.fallback);
  g_assert_cmpstr (route.owner->id, ==, "a");
}

static void
test_capacity_local_day (void)
{
  g_autoptr(LwConfig) config = new_config ();
  g_autoptr(LwRoutingState) state = NULL;
  g_autoptr(LwLead) lead = NULL;
  const LwRep *lou;
  LwPool *pool;
  LwRep *rep;

  rep = lw_test_add_rep (config, "lou", "Lou Park", "America/Los_Angeles");
  rep->capacity = 2;
  lw_test_add_rep (config, "fay", "Fay Ng", "UTC");
  pool = add_pool (config, "west", "West", "lou", NULL);
  pool->respect_capacity = TRUE;
  add_rule (config, "all", LW_ASSIGN_POOL, NULL, "west", NULL, NULL);
  config->fallback.owner = g_strdup ("fay");
  lw_test_bind_config (config);
  state = lw_routing_state_new (config);
  lead = lw_test_lead (config, NULL);
  lou = rep_of (config, "lou");

  /* Mon 2026-03-09 23:00Z is Monday 16:00 PDT: two leads fill Lou's day. */
  g_assert_cmpstr (route_id (config, lead, T ("2026-03-09T23:00:00Z"), state), ==, "lou");
  g_assert_cmpstr (route_id (config, lead, T ("2026-03-09T23:10:00Z"), state), ==, "lou");
  g_assert_cmpuint (lw_routing_state_count (state, lou, T ("2026-03-09T23:20:00Z")), ==, 2);

  /* The third goes to the fallback, and the explanation says why. */
  {
    g_auto(LwRoute) route = { 0 };

    lw_route_lead (config, lead, T ("2026-03-09T23:20:00Z"), state, TRUE, &route);
    g_assert_cmpstr (route.owner->id, ==, "fay");
    g_assert_true (route.fallback);
    g_assert_null (route.rule);
    g_assert_cmpuint (route.steps->len, ==, 2);
    g_assert_cmpint (step_at (&route, 0)->result, ==, LW_STEP_NOBODY);
    assert_contains (step_at (&route, 0)->why, "skipped Lou Park: at daily capacity 2/2");
    assert_contains (step_at (&route, 0)->why, "nobody available");
  }

  /* 2026-03-10 01:00Z: a new day in UTC, but Monday 18:00 in Los Angeles:
   * Lou is still full. */
  g_assert_cmpstr (route_id (config, lead, T ("2026-03-10T01:00:00Z"), state), ==, "fay");
  g_assert_cmpuint (lw_routing_state_count (state, lou, T ("2026-03-10T01:00:00Z")), ==, 2);
  /* 06:59Z is 23:59 PDT, still Monday. */
  g_assert_cmpstr (route_id (config, lead, T ("2026-03-10T06:59:00Z"), state), ==, "fay");

  /* 07:30Z is Tuesday 00:30 in Los Angeles: a fresh day. */
  g_assert_cmpuint (lw_routing_state_count (state, lou, T ("2026-03-10T07:30:00Z")), ==, 0);
  g_assert_cmpstr (route_id (config, lead, T ("2026-03-10T07:30:00Z"), state), ==, "lou");
  g_assert_cmpuint (lw_routing_state_count (state, lou, T ("2026-03-10T07:30:00Z")), ==, 1);
  g_assert_cmpstr (route_id (config, lead, T ("2026-03-10T08:00:00Z"), state), ==, "lou");
  g_assert_cmpstr (route_id (config, lead, T ("2026-03-10T08:10:00Z"), state), ==, "fay");

  /* A reassignment gives one back: Lou can take one more today. */
  lw_routing_state_release (state, lou, T ("2026-03-10T08:00:00Z"));
  g_assert_cmpuint (lw_routing_state_count (state, lou, T ("2026-03-10T08:20:00Z")), ==, 1);
  g_assert_cmpstr (route_id (config, lead, T ("2026-03-10T08:20:00Z"), state), ==, "lou");
  /* Releasing a lead of an earlier day changes nothing today. */
  lw_routing_state_release (state, lou, T ("2026-03-09T23:00:00Z"));
  g_assert_cmpuint (lw_routing_state_count (state, lou, T ("2026-03-10T08:30:00Z")), ==, 2);

  /* The fallback's leads count too, on Fay's own day (UTC): 01:00Z,
   * 06:59Z and 08:10Z of 2026-03-10; the one of 03-09 23:20Z was the day
   * before. */
  g_assert_cmpuint (lw_routing_state_count (state, rep_of (config, "fay"),
                                            T ("2026-03-10T08:30:00Z")), ==, 3);
}

static void
test_working_hours_time_zones (void)
{
  g_autoptr(LwConfig) config = new_config ();
  g_autoptr(LwRoutingState) state = NULL;
  g_autoptr(LwLead) lead = NULL;
  LwPool *pool;

  lw_test_add_office_hours (lw_test_add_rep (config, "lou", "Lou Park", "America/Los_Angeles"));
  lw_test_add_office_hours (lw_test_add_rep (config, "taro", "Taro Sato", "Asia/Tokyo"));
  lw_test_add_rep (config, "fay", "Fay Ng", "UTC");
  pool = add_pool (config, "world", "World", "lou", "taro", NULL);
  pool->working_hours = TRUE;
  add_rule (config, "all", LW_ASSIGN_POOL, NULL, "world", NULL, NULL);
  config->fallback.owner = g_strdup ("fay");
  lw_test_bind_config (config);
  state = lw_routing_state_new (config);
  lead = lw_test_lead (config, NULL);

  /* 2026-01-13 02:00Z: Tuesday 11:00 in Tokyo, Monday 18:00 in Los
   * Angeles. Lou comes first in the rotation and is skipped. */
  {
    g_auto(LwRoute) route = { 0 };

    lw_route_lead (config, lead, T ("2026-01-13T02:00:00Z"), state, TRUE, &route);
    g_assert_cmpstr (route.owner->id, ==, "taro");
    assert_contains (step_at (&route, 0)->why,
                     "skipped Lou Park: outside working hours (Mon 18:00 America/Los_Angeles)");
    assert_contains (step_at (&route, 0)->why, "picked Taro Sato");
  }

  /* 2026-01-13 18:00Z: Wednesday 03:00 in Tokyo, Tuesday 10:00 in LA. The
   * rotation is back at Lou, who works now. */
  g_assert_cmpstr (route_id (config, lead, T ("2026-01-13T18:00:00Z"), state), ==, "lou");
  /* Next it is Taro's turn, but Taro sleeps. */
  {
    g_auto(LwRoute) route = { 0 };

    lw_route_lead (config, lead, T ("2026-01-13T18:05:00Z"), state, TRUE, &route);
    g_assert_cmpstr (route.owner->id, ==, "lou");
    assert_contains (step_at (&route, 0)->why,
                     "skipped Taro Sato: outside working hours (Wed 03:05 Asia/Tokyo)");
  }

  /* 2026-01-13 12:00Z: 21:00 in Tokyo, 04:00 in LA: nobody; the fallback. */
  g_assert_cmpstr (route_id (config, lead, T ("2026-01-13T12:00:00Z"), state), ==, "fay");
}

static void
test_out_of_office (void)
{
  g_autoptr(LwConfig) config = new_config ();
  g_autoptr(LwRoutingState) state = NULL;
  g_autoptr(LwLead) lead = NULL;
  LwPool *strict;
  LwPool *tokyo;
  LwRep *rep;

  rep = lw_test_add_rep (config, "ben", "Ben Ortiz", "Europe/Berlin");
  add_out_of_office (rep, 2026, 1, 13);
  lw_test_add_rep (config, "ana", "Ana Silva", "Europe/Berlin");
  rep = lw_test_add_rep (config, "taro", "Taro Sato", "Asia/Tokyo");
  add_out_of_office (rep, 2026, 1, 13);
  strict = add_pool (config, "strict", "Strict", "ben", "ana", NULL);
  strict->out_of_office = TRUE;
  add_pool (config, "lax", "Lax", "ben", "ana", NULL);
  tokyo = add_pool (config, "tokyo", "Tokyo", "taro", NULL);
  tokyo->out_of_office = TRUE;
  add_rule (config, "strict", LW_ASSIGN_POOL, NULL, "strict", "country", "DE");
  add_rule (config, "tokyo", LW_ASSIGN_POOL, NULL, "tokyo", "country", "JP");
  add_rule (config, "lax", LW_ASSIGN_POOL, NULL, "lax", NULL, NULL);
  config->fallback.owner = g_strdup ("ana");
  lw_test_bind_config (config);
  state = lw_routing_state_new (config);

  /* Tuesday 2026-01-13: Ben is away. A pool that minds absences skips him. */
  {
    g_autoptr(LwLead) de = lw_test_lead (config, "country=DE", NULL);
    g_auto(LwRoute) route = { 0 };

    lw_route_lead (config, de, T (TUESDAY), state, TRUE, &route);
    g_assert_cmpstr (route.owner->id, ==, "ana");
    g_assert_false (route.fallback);
    assert_contains (step_at (&route, 0)->why, "skipped Ben Ortiz: out of office");
  }

  /* One that does not, gives him the lead anyway. */
  lead = lw_test_lead (config, "country=FR", NULL);
  g_assert_cmpstr (route_id (config, lead, T (TUESDAY), state), ==, "ben");

  /* The day before and the day after he is back. */
  {
    g_autoptr(LwLead) de = lw_test_lead (config, "country=DE", NULL);

    g_assert_cmpstr (route_id (config, de, T ("2026-01-14T09:00:00Z"), state), ==, "ben");
  }

  /* Absences are dates in the rep's time zone: Mon 2026-01-12 23:30Z is
   * already the absent Tuesday in Tokyo; Mon 14:00Z is Monday 23:00 there. */
  {
    g_autoptr(LwLead) jp = lw_test_lead (config, "country=JP", NULL);

    g_assert_cmpstr (route_id (config, jp, T ("2026-01-12T14:00:00Z"), state), ==, "taro");
    g_assert_cmpstr (route_id (config, jp, T ("2026-01-12T23:30:00Z"), state), !=, "taro");
  }
}

static void
test_inactive (void)
{
  g_autoptr(LwConfig) config = new_config ();
  g_autoptr(LwRoutingState) state = NULL;
  g_autoptr(LwLead) lead = NULL;
  g_auto(LwRoute) route = { 0 };

  lw_test_add_rep (config, "cara", "Cara Diaz", "UTC")->active = FALSE;
  lw_test_add_rep (config, "ana", "Ana Silva", "UTC");
  lw_test_add_rep (config, "fay", "Fay Ng", "UTC");
  add_rule (config, "vip", LW_ASSIGN_OWNER, "cara", NULL, NULL, NULL);
  add_pool (config, "p", "P", "cara", "ana", NULL);
  add_rule (config, "pool", LW_ASSIGN_POOL, NULL, "p", NULL, NULL);
  config->fallback.owner = g_strdup ("fay");
  lw_test_bind_config (config);
  state = lw_routing_state_new (config);
  lead = lw_test_lead (config, NULL);

  /* The owner rule names an inactive rep: nobody, next rule; the pool
   * skips her even though it minds nothing else. */
  lw_route_lead (config, lead, T (TUESDAY), state, TRUE, &route);
  g_assert_cmpstr (route.owner->id, ==, "ana");
  g_assert_true (route.rule == g_ptr_array_index (config->rules, 1));
  g_assert_cmpuint (route.steps->len, ==, 2);
  g_assert_cmpint (step_at (&route, 0)->result, ==, LW_STEP_NOBODY);
  assert_contains (step_at (&route, 0)->why, "Cara Diaz is inactive");
  g_assert_cmpint (step_at (&route, 1)->result, ==, LW_STEP_ASSIGNED);
  assert_contains (step_at (&route, 1)->why, "skipped Cara Diaz: inactive");
  assert_contains (step_at (&route, 1)->why, "picked Ana Silva");

  for (guint i = 0; i < 5; i++)
    g_assert_cmpstr (route_id (config, lead, T (TUESDAY), state), ==, "ana");
}

static void
test_owner_rule (void)
{
  g_autoptr(LwConfig) config = new_config ();
  g_autoptr(LwRoutingState) state = NULL;
  g_autoptr(LwLead) us = NULL;
  g_autoptr(LwLead) de = NULL;
  g_auto(LwRoute) route = { 0 };

  lw_test_add_rep (config, "ana", "Ana Silva", "UTC");
  lw_test_add_rep (config, "fay", "Fay Ng", "UTC");
  add_rule (config, "us", LW_ASSIGN_OWNER, "ana", NULL, "country", "US");
  config->fallback.owner = g_strdup ("fay");
  lw_test_bind_config (config);
  state = lw_routing_state_new (config);
  us = lw_test_lead (config, "country=us", NULL);
  de = lw_test_lead (config, "country=DE", NULL);

  lw_route_lead (config, us, T (TUESDAY), state, TRUE, &route);
  g_assert_cmpstr (route.owner->id, ==, "ana");
  g_assert_false (route.fallback);
  g_assert_null (route.pool);
  g_assert_cmpint (step_at (&route, 0)->result, ==, LW_STEP_ASSIGNED);
  assert_contains (step_at (&route, 0)->why, "assigned to Ana Silva");
  lw_route_clear (&route);
  g_assert_null (route.steps);
  g_assert_null (route.owner);

  lw_route_lead (config, de, T (TUESDAY), state, TRUE, &route);
  g_assert_cmpstr (route.owner->id, ==, "fay");
  g_assert_true (route.fallback);
  g_assert_cmpuint (route.steps->len, ==, 2);
  g_assert_cmpint (step_at (&route, 0)->result, ==, LW_STEP_NOT_MATCHED);
  g_assert_true (step_at (&route, 0)->rule == g_ptr_array_index (config->rules, 0));
  g_assert_cmpstr (step_at (&route, 0)->why, !=, "");
  g_assert_null (step_at (&route, 1)->rule);
  g_assert_cmpint (step_at (&route, 1)->result, ==, LW_STEP_ASSIGNED);
  assert_contains (step_at (&route, 1)->why, "fallback");
  assert_contains (step_at (&route, 1)->why, "Fay Ng");
}

/* ---- accounts and territories ------------------------------------------------- */

static LwConfig *
new_account_config (gboolean with_domain_property)
{
  LwConfig *config = new_config ();
  LwProperty *domain;

  g_ptr_array_add (config->properties, lw_property_new ("email", "Email", LW_PROPERTY_EMAIL));
  if (with_domain_property)
    {
      domain = lw_property_new ("email_domain", "Email domain", LW_PROPERTY_STRING);
      domain->domain_of = g_strdup ("email");
      g_ptr_array_add (config->properties, domain);
    }
  lw_test_add_rep (config, "ana", "Ana Silva", "UTC");
  lw_test_add_rep (config, "ben", "Ben Ortiz", "UTC");
  lw_test_add_rep (config, "cara", "Cara Diaz", "UTC")->active = FALSE;
  g_ptr_array_add (config->accounts, lw_account_new ("acme.com", "Acme Corp", "ana"));
  g_ptr_array_add (config->accounts, lw_account_new ("globex.com", "Globex", "cara"));
  add_rule (config, "accounts", LW_ASSIGN_ACCOUNT_OWNER, NULL, NULL, NULL, NULL);
  add_rule (config, "rest", LW_ASSIGN_OWNER, "ben", NULL, NULL, NULL);
  config->fallback.owner = g_strdup ("ben");
  lw_test_bind_config (config);
  return config;
}

static void
check_account_routing (gboolean with_domain_property)
{
  g_autoptr(LwConfig) config = new_account_config (with_domain_property);
  g_autoptr(LwRoutingState) state = lw_routing_state_new (config);
  struct {
    const char        *email;
    const char        *owner;
    LwRouteStepResult  first;
    const char        *why;
  } cases[] = {
    { "email=Jo@ACME.com", "ana", LW_STEP_ASSIGNED, "assigned to its owner Ana Silva" },
    { "email=x@initech.com", "ben", LW_STEP_NO_ACCOUNT, "no account has the domain initech.com" },
    { "country=DE", "ben", LW_STEP_NO_ACCOUNT, "the lead has no email domain" },
    { "email=y@globex.com", "ben", LW_STEP_NOBODY, "its owner Cara Diaz is inactive" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(LwLead) lead = lw_test_lead (config, cases[i].email, NULL);
      g_auto(LwRoute) route = { 0 };

      lw_route_lead (config, lead, T (TUESDAY), state, TRUE, &route);
      g_assert_cmpstr (route.owner->id, ==, cases[i].owner);
      g_assert_cmpint (step_at (&route, 0)->result, ==, cases[i].first);
      assert_contains (step_at (&route, 0)->why, cases[i].why);
      g_assert_false (route.fallback);
      if (cases[i].first == LW_STEP_ASSIGNED)
        g_assert_true (route.rule == g_ptr_array_index (config->rules, 0));
      else
        g_assert_true (route.rule == g_ptr_array_index (config->rules, 1));
    }
}

static void
test_account_owner (void)
{
  check_account_routing (TRUE);
}

static void
test_account_owner_from_email (void)
{
  check_account_routing (FALSE);
}

static void
test_account_owner_domain_property (void)
{
  g_autoptr(LwConfig) config = new_account_config (TRUE);
  g_autoptr(LwRoutingState) state = lw_routing_state_new (config);
  g_autoptr(LwLead) lead = NULL;

  /* The domain property, set on its own, wins over the email's domain: a
   * gmail address of someone at Acme. */
  lead = lw_test_lead (config, "email=jo@gmail.com", "email_domain=ACME.com", NULL);
  g_assert_cmpstr (route_id (config, lead, T (TUESDAY), state), ==, "ana");
}

static void
test_territory (void)
{
  g_autoptr(LwConfig) config = new_config ();
  g_autoptr(LwRoutingState) state = NULL;
  LwRoutingRule *rule;
  struct {
    const char        *pair;
    const char        *owner;
    LwRouteStepResult  first;
    const char        *why;
  } cases[] = {
    { "country=de", "dirk", LW_STEP_ASSIGNED, "picked Dirk Braun" },
    { "country=Ch", "ute", LW_STEP_ASSIGNED, "picked Ute Vogel" },
    { "country=AT", "dirk", LW_STEP_ASSIGNED, "pool DACH" },
    { "country=FR", "ana", LW_STEP_ASSIGNED, "assigned to Ana Silva" },
    { "country=IT", "ben", LW_STEP_NOBODY, "skipped Cara Diaz: inactive" },
    { "country=BR", "ben", LW_STEP_NO_TERRITORY, "no territory lists Country “BR”" },
    { "country=", "ben", LW_STEP_NO_TERRITORY, "the lead has no Country" },
  };

  lw_test_add_rep (config, "dirk", "Dirk Braun", "Europe/Berlin");
  lw_test_add_rep (config, "ute", "Ute Vogel", "Europe/Berlin");
  lw_test_add_rep (config, "ana", "Ana Silva", "Europe/Paris");
  lw_test_add_rep (config, "ben", "Ben Ortiz", "UTC");
  lw_test_add_rep (config, "cara", "Cara Diaz", "Europe/Rome")->active = FALSE;
  add_pool (config, "dach", "DACH", "dirk", "ute", NULL);
  add_pool (config, "italy", "Italy", "cara", NULL);
  rule = add_rule (config, "map", LW_ASSIGN_TERRITORY, NULL, NULL, NULL, NULL);
  rule->property = g_strdup ("country");
  add_territory (rule, "DE,AT,CH", NULL, "dach");
  add_territory (rule, "FR", "ana", NULL);
  add_territory (rule, "IT", NULL, "italy");
  add_rule (config, "rest", LW_ASSIGN_OWNER, "ben", NULL, NULL, NULL);
  config->fallback.owner = g_strdup ("ben");
  lw_test_bind_config (config);
  state = lw_routing_state_new (config);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(LwLead) lead = NULL;
      g_auto(LwRoute) route = { 0 };

      /* "country=" leaves the property unset. */
      if (strcmp (cases[i].pair, "country=") == 0)
        lead = lw_test_lead (config, NULL);
      else
        lead = lw_test_lead (config, cases[i].pair, NULL);
      lw_route_lead (config, lead, T (TUESDAY), state, TRUE, &route);
      g_assert_cmpstr (route.owner->id, ==, cases[i].owner);
      g_assert_cmpint (step_at (&route, 0)->result, ==, cases[i].first);
      assert_contains (step_at (&route, 0)->why, cases[i].why);
      if (cases[i].first == LW_STEP_ASSIGNED)
        g_assert_true (route.rule == rule);
      else
        g_assert_true (route.rule == g_ptr_array_index (config->rules, 1));
    }
}

/* ---- fallback ------------------------------------------------------------------ */

static void
test_fallback_owner (void)
{
  g_autoptr(LwConfig) config = new_config ();
  g_autoptr(LwRoutingState) state = NULL;
  g_autoptr(LwLead) lead = NULL;
  g_auto(LwRoute) route = { 0 };
  LwPool *pool;
  LwRep *rep;

  rep = lw_test_add_rep (config, "ben", "Ben Ortiz", "Europe/Berlin");
  add_out_of_office (rep, 2026, 1, 13);
  rep = lw_test_add_rep (config, "ana", "Ana Silva", "Europe/Berlin");
  add_out_of_office (rep, 2026, 1, 13);
  lw_test_add_rep (config, "fay", "Fay Ng", "UTC");
  pool = add_pool (config, "p", "P", "ben", "ana", NULL);
  pool->out_of_office = TRUE;
  add_rule (config, "all", LW_ASSIGN_POOL, NULL, "p", NULL, NULL);
  config->fallback.owner = g_strdup ("fay");
  lw_test_bind_config (config);
  state = lw_routing_state_new (config);
  lead = lw_test_lead (config, NULL);

  lw_route_lead (config, lead, T (TUESDAY), state, TRUE, &route);
  g_assert_cmpstr (route.owner->id, ==, "fay");
  g_assert_true (route.fallback);
  g_assert_null (route.rule);
  g_assert_null (route.pool);
  g_assert_cmpuint (route.steps->len, ==, 2);
  g_assert_cmpint (step_at (&route, 0)->result, ==, LW_STEP_NOBODY);
  assert_contains (step_at (&route, 0)->why, "skipped Ben Ortiz: out of office");
  assert_contains (step_at (&route, 0)->why, "skipped Ana Silva: out of office");
  g_assert_null (step_at (&route, 1)->rule);
  g_assert_cmpuint (lw_routing_state_count (state, rep_of (config, "fay"), T (TUESDAY)), ==, 1);

  /* A fallback owner who left still gets the lead: no lead stays without
   * an owner. */
  ((LwRep *) rep_of (config, "fay"))->active = FALSE;
  lw_route_clear (&route);
  lw_route_lead (config, lead, T (TUESDAY), state, TRUE, &route);
  g_assert_cmpstr (route.owner->id, ==, "fay");
  g_assert_true (route.fallback);
  assert_contains (step_at (&route, 1)->why, "Fay Ng is inactive");
}

static void
test_fallback_pool (void)
{
  g_autoptr(LwConfig) config = new_config ();
  g_autoptr(LwRoutingState) state = NULL;
  g_autoptr(LwLead) lead = NULL;
  g_autoptr(GString) picks = g_string_new (NULL);
  LwPool *night;
  LwRep *rep;

  rep = lw_test_add_rep (config, "x", "Xena", "Europe/Berlin");
  lw_test_add_office_hours (rep);
  add_out_of_office (rep, 2026, 1, 13);
  lw_test_add_rep (config, "z", "Zack", "Europe/Berlin")->active = FALSE;
  /* Tokyo office hours: 10:00 in Berlin is 18:00 there. */
  lw_test_add_office_hours (lw_test_add_rep (config, "y", "Yuri", "Asia/Tokyo"));
  night = add_pool (config, "night", "Night desk", "x", "z", "y", NULL);
  night->working_hours = TRUE;
  night->out_of_office = TRUE;
  night->respect_capacity = TRUE;
  config->fallback.pool = g_strdup ("night");
  lw_test_bind_config (config);
  state = lw_routing_state_new (config);
  lead = lw_test_lead (config, NULL);

  {
    g_auto(LwRoute) route = { 0 };

    lw_route_lead (config, lead, T (TUESDAY), state, TRUE, &route);
    g_assert_cmpstr (route.owner->id, ==, "x");
    g_assert_true (route.fallback);
    g_assert_null (route.rule);
    g_assert_true (route.pool == night);
    g_assert_cmpuint (route.steps->len, ==, 1);
    g_assert_cmpint (step_at (&route, 0)->result, ==, LW_STEP_ASSIGNED);
    assert_contains (step_at (&route, 0)->why, "skipped Xena: out of office");
    assert_contains (step_at (&route, 0)->why, "skipped Zack: inactive");
    assert_contains (step_at (&route, 0)->why,
                     "skipped Yuri: outside working hours (Tue 18:00 Asia/Tokyo)");
    assert_contains (step_at (&route, 0)->why, "nobody available");
    assert_contains (step_at (&route, 0)->why, "ignoring working hours, capacity and out of office");
  }

  /* By rotation among the active members, never Zack. */
  for (guint i = 0; i < 4; i++)
    g_string_append (picks, route_id (config, lead, T (TUESDAY), state));
  g_assert_cmpstr (picks->str, ==, "yxyx");
  g_assert_cmpuint (lw_routing_state_count (state, rep_of (config, "x"), T (TUESDAY)), ==, 3);
  g_assert_cmpuint (lw_routing_state_count (state, rep_of (config, "y"), T (TUESDAY)), ==, 2);
}

/* ---- explanations, picks, determinism ----------------------------------------- */

static void
test_explain_each_rule (void)
{
  g_autoptr(LwConfig) config = new_config ();
  g_autoptr(LwRoutingState) state = NULL;
  g_autoptr(LwRoutingState) quiet = NULL;
  g_autoptr(LwLead) lead = NULL;
  g_auto(LwRoute) route = { 0 };
  g_auto(LwRoute) plain = { 0 };
  LwRoutingRule *rule;
  LwPool *pool;
  LwRep *rep;

  rep = lw_test_add_rep (config, "ben", "Ben Ortiz", "Europe/Berlin");
  add_out_of_office (rep, 2026, 1, 13);
  rep = lw_test_add_rep (config, "cara", "Cara", "Europe/Berlin");
  rep->capacity = 20;
  lw_test_add_rep (config, "ana", "Ana Silva", "Europe/Berlin");
  add_rule (config, "us", LW_ASSIGN_OWNER, "ana", NULL, "country", "US");
  pool = add_pool (config, "emea", "EMEA SDRs", "ben", "cara", NULL);
  pool->out_of_office = TRUE;
  pool->respect_capacity = TRUE;
  add_rule (config, "emea", LW_ASSIGN_POOL, NULL, "emea", NULL, NULL);
  rule = add_rule (config, "map", LW_ASSIGN_TERRITORY, NULL, NULL, NULL, NULL);
  rule->property = g_strdup ("country");
  add_territory (rule, "FR", "ana", NULL);
  add_pool (config, "all", "Everyone", "ana", NULL);
  add_rule (config, "all", LW_ASSIGN_POOL, NULL, "all", NULL, NULL);
  config->fallback.owner = g_strdup ("ana");
  lw_test_bind_config (config);
  state = lw_routing_state_new (config);
  quiet = lw_routing_state_new (config);
  lead = lw_test_lead (config, "country=DE", NULL);

  /* Fill Cara's day: 20 leads, Ben being away, go to her. */
  for (guint i = 0; i < 20; i++)
    {
      g_assert_cmpstr (route_id (config, lead, T (TUESDAY), state), ==, "cara");
      g_assert_cmpstr (route_id (config, lead, T (TUESDAY), quiet), ==, "cara");
    }

  lw_route_lead (config, lead, T (TUESDAY), state, TRUE, &route);
  lw_route_lead (config, lead, T (TUESDAY), quiet, FALSE, &plain);
  g_assert_cmpstr (route.owner->id, ==, "ana");
  g_assert_true (route.owner == plain.owner);
  g_assert_true (route.rule == plain.rule);
  g_assert_true (route.rule == g_ptr_array_index (config->rules, 3));
  g_assert_null (plain.steps);

  g_assert_cmpuint (route.steps->len, ==, 4);
  for (guint i = 0; i < 4; i++)
    g_assert_true (step_at (&route, i)->rule == g_ptr_array_index (config->rules, i));

  /* 1: the condition, with the lead's value, did not hold. */
  g_assert_cmpint (step_at (&route, 0)->result, ==, LW_STEP_NOT_MATCHED);
  assert_contains (step_at (&route, 0)->why, "DE");
  /* 2: matched, each member skipped with the reason. */
  g_assert_cmpint (step_at (&route, 1)->result, ==, LW_STEP_NOBODY);
  assert_contains (step_at (&route, 1)->why, "pool EMEA SDRs");
  assert_contains (step_at (&route, 1)->why, "skipped Ben Ortiz: out of office");
  assert_contains (step_at (&route, 1)->why, "skipped Cara: at daily capacity 20/20");
  assert_contains (step_at (&route, 1)->why, "nobody available");
  /* 3: no territory for DE. */
  g_assert_cmpint (step_at (&route, 2)->result, ==, LW_STEP_NO_TERRITORY);
  assert_contains (step_at (&route, 2)->why, "no territory lists Country “DE”");
  /* 4: assigned. */
  g_assert_cmpint (step_at (&route, 3)->result, ==, LW_STEP_ASSIGNED);
  assert_contains (step_at (&route, 3)->why, "picked Ana Silva");
}

static void
test_pick (void)
{
  g_autoptr(LwConfig) config = new_config ();
  g_autoptr(LwRoutingState) state = NULL;
  g_autoptr(GString) why = g_string_new (NULL);
  LwTarget pool_target = { NULL, (char *) "p" };
  LwTarget ana_target = { (char *) "ana", NULL };
  LwTarget cara_target = { (char *) "cara", NULL };
  LwTarget nothing = { NULL, NULL };
  const LwRep *ana, *ben;

  lw_test_add_rep (config, "ana", "Ana Silva", "UTC");
  lw_test_add_rep (config, "ben", "Ben Ortiz", "UTC");
  lw_test_add_rep (config, "cara", "Cara Diaz", "UTC")->active = FALSE;
  add_pool (config, "p", "P", "ana", "ben", NULL);
  config->fallback.owner = g_strdup ("ana");
  lw_test_bind_config (config);
  state = lw_routing_state_new (config);
  ana = rep_of (config, "ana");
  ben = rep_of (config, "ben");

  /* Reassigning Ana's lead: the pool's turn is Ana's, but she is excluded. */
  g_assert_true (lw_route_pick (config, &pool_target, T (TUESDAY), state, ana, why) == ben);
  assert_contains (why->str, "skipped Ana Silva: current owner");
  assert_contains (why->str, "picked Ben Ortiz");
  g_assert_cmpuint (lw_routing_state_count (state, ben, T (TUESDAY)), ==, 1);
  g_assert_cmpuint (lw_routing_state_count (state, ana, T (TUESDAY)), ==, 0);

  /* Without an exclusion the rotation continues after Ben. */
  g_assert_true (lw_route_pick (config, &pool_target, T (TUESDAY), state, NULL, NULL) == ana);

  /* A named owner: picked, unless excluded or inactive. */
  g_assert_true (lw_route_pick (config, &ana_target, T (TUESDAY), state, NULL, NULL) == ana);
  g_assert_cmpuint (lw_routing_state_count (state, ana, T (TUESDAY)), ==, 2);
  g_assert_null (lw_route_pick (config, &ana_target, T (TUESDAY), state, ana, NULL));
  g_assert_null (lw_route_pick (config, &cara_target, T (TUESDAY), state, NULL, NULL));
  /* "Route again" is not a target this function picks from. */
  g_assert_null (lw_route_pick (config, &nothing, T (TUESDAY), state, NULL, NULL));
  g_assert_cmpuint (lw_routing_state_count (state, ana, T (TUESDAY)), ==, 2);
}

static LwConfig *
new_busy_config (void)
{
  LwConfig *config = new_config ();
  LwRoutingRule *rule;
  LwPool *pool;
  LwRep *rep;

  lw_test_add_office_hours (lw_test_add_rep (config, "ana", "Ana", "Europe/Berlin"));
  rep = lw_test_add_rep (config, "ben", "Ben", "Europe/Berlin");
  lw_test_add_office_hours (rep);
  rep->weight = 2;
  rep->capacity = 7;
  add_out_of_office (rep, 2026, 1, 14);
  rep = lw_test_add_rep (config, "lou", "Lou", "America/Los_Angeles");
  lw_test_add_office_hours (rep);
  rep->weight = 3;
  rep->capacity = 11;
  lw_test_add_office_hours (lw_test_add_rep (config, "taro", "Taro", "Asia/Tokyo"));
  lw_test_add_rep (config, "fay", "Fay", "UTC");
  pool = add_pool (config, "world", "World", "ana", "ben", "lou", "taro", NULL);
  pool->weighted = TRUE;
  pool->working_hours = TRUE;
  pool->respect_capacity = TRUE;
  pool->out_of_office = TRUE;
  pool = add_pool (config, "emea", "EMEA", "ana", "ben", NULL);
  pool->respect_capacity = TRUE;
  pool->working_hours = TRUE;
  rule = add_rule (config, "map", LW_ASSIGN_TERRITORY, NULL, NULL, NULL, NULL);
  rule->property = g_strdup ("country");
  add_territory (rule, "DE,FR", NULL, "emea");
  add_territory (rule, "JP", "taro", NULL);
  add_rule (config, "world", LW_ASSIGN_POOL, NULL, "world", NULL, NULL);
  config->fallback.owner = g_strdup ("fay");
  lw_test_bind_config (config);
  return config;
}

static void
test_determinism (void)
{
  g_autoptr(LwConfig) config = new_busy_config ();
  const char *countries[] = { "country=DE", "country=JP", "country=US", "country=FR", "country=BR" };
  g_autoptr(GPtrArray) leads = g_ptr_array_new_with_free_func ((GDestroyNotify) lw_lead_free);
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (LwTime));
  g_autoptr(GRand) rand = g_rand_new_with_seed (1234);
  g_autoptr(GHashTable) owners = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GString) first = g_string_new (NULL);
  LwTime t = T ("2026-01-12T00:00:00Z");

  /* 600 leads over three days, at random times and from random places. */
  for (guint i = 0; i < 600; i++)
    {
      t += g_rand_int_range (rand, 0, 1300);
      g_array_append_val (times, t);
      g_ptr_array_add (leads, lw_test_lead (config, countries[g_rand_int_range (rand, 0, 5)], NULL));
    }

  for (guint run = 0; run < 3; run++)
    {
      g_autoptr(LwRoutingState) state = lw_routing_state_new (config);
      g_autoptr(GString) picks = g_string_new (NULL);

      for (guint i = 0; i < leads->len; i++)
        {
          g_auto(LwRoute) route = { 0 };

          /* The third run explains: that must not change a pick. */
          lw_route_lead (config, g_ptr_array_index (leads, i), g_array_index (times, LwTime, i),
                         state, run == 2, &route);
          g_string_append_printf (picks, "%s,", route.owner->id);
          g_hash_table_add (owners, (gpointer) route.owner->id);
        }
      if (run == 0)
        g_string_assign (first, picks->str);
      else
        g_assert_cmpstr (picks->str, ==, first->str);
    }

  /* The sequence exercised every kind of outcome: everyone got leads. */
  g_assert_cmpuint (g_hash_table_size (owners), ==, 5);
}

static void
test_bad_input (void)
{
  g_autoptr(LwConfig) config = new_config ();
  g_autoptr(LwRoutingState) state = NULL;
  g_autoptr(LwLead) lead = NULL;
  LwRoute route = { 0 };

  lw_test_add_rep (config, "ana", "Ana", "UTC");
  config->fallback.owner = g_strdup ("ana");
  lw_test_bind_config (config);
  state = lw_routing_state_new (config);
  lead = lw_test_lead (config, NULL);

  g_test_expect_message ("leadwright-engine", G_LOG_LEVEL_CRITICAL, "*config != NULL*");
  lw_route_lead (NULL, lead, 0, state, TRUE, &route);
  g_test_assert_expected_messages ();
  g_assert_null (route.owner);
  g_assert_null (route.steps);

  g_test_expect_message ("leadwright-engine", G_LOG_LEVEL_CRITICAL, "*state != NULL*");
  lw_route_lead (config, lead, 0, NULL, FALSE, &route);
  g_test_assert_expected_messages ();

  g_test_expect_message ("leadwright-engine", G_LOG_LEVEL_CRITICAL, "*target != NULL*");
  g_assert_null (lw_route_pick (config, NULL, 0, state, NULL, NULL));
  g_test_assert_expected_messages ();

  g_test_expect_message ("leadwright-engine", G_LOG_LEVEL_CRITICAL, "*config != NULL*");
  g_assert_null (lw_routing_state_new (NULL));
  g_test_assert_expected_messages ();

  /* Freeing nothing is fine. */
  lw_routing_state_free (NULL);

  /* A config grown after the state was made: the state follows. */
  lw_test_add_rep (config, "ben", "Ben", "UTC");
  add_pool (config, "p", "P", "ben", "ana", NULL);
  add_rule (config, "all", LW_ASSIGN_POOL, NULL, "p", NULL, NULL);
  lw_test_bind_config (config);
  g_assert_cmpstr (route_id (config, lead, T (TUESDAY), state), ==, "ben");
  g_assert_cmpstr (route_id (config, lead, T (TUESDAY), state), ==, "ana");
  g_assert_cmpuint (lw_routing_state_count (state, rep_of (config, "ben"), T (TUESDAY)), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/routing/pool/weighted", test_weighted);
  g_test_add_func ("/routing/pool/state-saved", test_state_saved);
  g_test_add_func ("/routing/pool/weighted-nginx", test_weighted_nginx);
  g_test_add_func ("/routing/pool/rotation", test_rotation);
  g_test_add_func ("/routing/pool/capacity-local-day", test_capacity_local_day);
  g_test_add_func ("/routing/pool/working-hours", test_working_hours_time_zones);
  g_test_add_func ("/routing/pool/out-of-office", test_out_of_office);
  g_test_add_func ("/routing/pool/inactive", test_inactive);
  g_test_add_func ("/routing/owner", test_owner_rule);
  g_test_add_func ("/routing/account-owner/domain-property", test_account_owner);
  g_test_add_func ("/routing/account-owner/email", test_account_owner_from_email);
  g_test_add_func ("/routing/account-owner/explicit-domain", test_account_owner_domain_property);
  g_test_add_func ("/routing/territory", test_territory);
  g_test_add_func ("/routing/fallback/owner", test_fallback_owner);
  g_test_add_func ("/routing/fallback/pool", test_fallback_pool);
  g_test_add_func ("/routing/explain", test_explain_each_rule);
  g_test_add_func ("/routing/pick", test_pick);
  g_test_add_func ("/routing/determinism", test_determinism);
  g_test_add_func ("/routing/bad-input", test_bad_input);

  return g_test_run ();
}
