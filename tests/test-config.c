/* test-config.c: the rule set, its validation, lookups, copies, working
 * hours, out of office, and the small types of lw-types.h
 *
 * Rule sets are built in C with the constructors of lw-config.h, never
 * loaded from JSON: this tests lw_config_bind() on its own. Each validation
 * test starts from a rule set that binds cleanly, breaks one thing, and
 * checks the error's JSON path and message.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "lw-test-utils.h"

#define STAGE(c, i)    ((LwStage *) g_ptr_array_index ((c)->stages, (i)))
#define STATUS(c, i)   ((LwStatus *) g_ptr_array_index ((c)->statuses, (i)))
#define PATH(c, i)     ((LwPath *) g_ptr_array_index ((c)->paths, (i)))
#define USERPROP(c, i) ((LwProperty *) g_ptr_array_index ((c)->properties, LW_N_BUILTINS + (i)))
#define FIT(c, i)      ((LwCriterion *) g_ptr_array_index ((c)->scoring.fit.criteria, (i)))
#define ENG(c, i)      ((LwCriterion *) g_ptr_array_index ((c)->scoring.engagement.criteria, (i)))
#define RULE(c, i)     ((LwRoutingRule *) g_ptr_array_index ((c)->rules, (i)))
#define POLICY(c, i)   ((LwSlaPolicy *) g_ptr_array_index ((c)->policies, (i)))
#define REP(c, i)      ((LwRep *) g_ptr_array_index ((c)->reps, (i)))
#define TEAM(c, i)     ((LwTeam *) g_ptr_array_index ((c)->teams, (i)))
#define POOL(c, i)     ((LwPool *) g_ptr_array_index ((c)->pools, (i)))
#define ACCOUNT(c, i)  ((LwAccount *) g_ptr_array_index ((c)->accounts, (i)))
#define TERRITORY(r, j) ((LwTerritory *) g_ptr_array_index ((r)->territories, (j)))
#define ESCALATION(p, j) (&g_array_index ((p)->escalations, LwEscalation, (j)))

enum { MON, TUE, WED, THU, FRI, SAT, SUN };

/* ---- building rule sets ---------------------------------------------------- */

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
set_condition (LwCondition **slot,
               LwCondition  *condition)
{
  g_clear_pointer (slot, lw_condition_free);
  *slot = condition;
}

static LwFilter *
first_filter (const LwCondition *condition)
{
  const LwFilterGroup *group = g_ptr_array_index (condition->groups, 0);

  return g_ptr_array_index (group->filters, 0);
}

static void
set_string (char       **slot,
            const char  *value)
{
  g_free (*slot);
  *slot = g_strdup (value);
}

static LwProperty *
add_property (LwConfig       *config,
              const char     *id,
              LwPropertyType  type,
              const char     *first_option,
              ...)
{
  LwProperty *property = lw_property_new (id, id, type);
  const char *option;
  va_list args;

  va_start (args, first_option);
  for (option = first_option; option != NULL; option = va_arg (args, const char *))
    g_ptr_array_add (property->options, lw_option_new (option, NULL));
  va_end (args);

  g_ptr_array_add (config->properties, property);
  return property;
}

static void
add_interval (LwRep      *rep,
              guint       day,
              const char *text)
{
  LwInterval interval;

  g_assert_true (lw_interval_parse (text, &interval));
  g_array_append_val (rep->hours.days[day], interval);
}

static void
add_office_hours (LwRep *rep)
{
  for (guint day = MON; day <= FRI; day++)
    {
      add_interval (rep, day, "09:00-12:30");
      add_interval (rep, day, "13:30-17:30");
    }
}

static void
add_out_of_office (LwRep *rep,
                   guint  from_year,
                   guint  from_month,
                   guint  from_day,
                   guint  to_year,
                   guint  to_month,
                   guint  to_day)
{
  LwDateRange range;

  g_date_clear (&range.from, 1);
  g_date_clear (&range.to, 1);
  g_date_set_dmy (&range.from, from_day, from_month, from_year);
  g_date_set_dmy (&range.to, to_day, to_month, to_year);
  g_array_append_val (rep->out_of_office, range);
}

static LwRep *
add_rep (LwConfig   *config,
         const char *id,
         const char *team,
         const char *time_zone)
{
  LwRep *rep = lw_rep_new (id, id);

  set_string (&rep->team, team);
  set_string (&rep->time_zone, time_zone);
  g_ptr_array_add (config->reps, rep);
  return rep;
}

static LwPool *
add_pool (LwConfig   *config,
          const char *id,
          const char *first_member,
          ...)
{
  LwPool *pool = lw_pool_new (id, id);
  const char *member;
  va_list args;

  va_start (args, first_member);
  for (member = first_member; member != NULL; member = va_arg (args, const char *))
    g_ptr_array_add (pool->members, g_strdup (member));
  va_end (args);

  g_ptr_array_add (config->pools, pool);
  return pool;
}

static LwTerritory *
add_territory (LwRoutingRule *rule,
               const char    *owner,
               const char    *pool,
               const char    *first_value,
               ...)
{
  LwTerritory *territory = lw_territory_new ();
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const char *value;
  va_list args;

  va_start (args, first_value);
  for (value = first_value; value != NULL; value = va_arg (args, const char *))
    g_strv_builder_add (builder, value);
  va_end (args);

  g_strfreev (territory->values);
  territory->values = g_strv_builder_end (builder);
  territory->target.owner = g_strdup (owner);
  territory->target.pool = g_strdup (pool);
  g_ptr_array_add (rule->territories, territory);
  return territory;
}

static void
add_escalation (LwSlaPolicy        *policy,
                guint               after_minutes,
                LwEscalationAction  action,
                const char         *owner,
                const char         *pool)
{
  LwEscalation escalation = { after_minutes, action, { g_strdup (owner), g_strdup (pool) } };

  g_array_append_val (policy->escalations, escalation);
}

/* A small but complete rule set that binds without a diagnostic. The
 * indexes used by the tests:
 *   properties (user)  0 country (enum)  1 employees  2 email  3 email_domain
 *   activities         0 demo_request  1 pricing_page
 *   stages             0 subscriber  1 lead  2 mql  3 sql
 *   statuses           0 new  1 attempting  2 qualified  3 bad-timing
 *   fit criteria       0 us  1 big         engagement  0 demo  1 pricing
 *   reps               0 ana (Berlin)  1 ben (New York)  2 cara (Berlin)
 *   teams              0 emea  1 amer     pools  0 emea-sdrs  1 amer-sdrs
 *   rules              0 named-accounts  1 dach (territory)  2 us (pool)  3 big (owner)
 *   policies           0 demo  1 default */
static LwConfig *
valid_config_new (void)
{
  LwConfig *config = lw_config_new ();
  LwProperty *email_domain;
  LwCriterion *criterion;
  LwRoutingRule *rule;
  LwSlaPolicy *policy;
  LwPath *path;
  LwRep *rep;
  LwTeam *team;

  set_string (&config->name, "Test playbook");

  add_property (config, "country", LW_PROPERTY_ENUM, "US", "DE", "AT", "CH", "FR", NULL);
  add_property (config, "employees", LW_PROPERTY_NUMBER, NULL);
  add_property (config, "email", LW_PROPERTY_EMAIL, NULL);
  email_domain = add_property (config, "email_domain", LW_PROPERTY_STRING, NULL);
  email_domain->domain_of = g_strdup ("email");

  g_ptr_array_add (config->activities, lw_activity_type_new ("demo_request", "Demo request"));
  g_ptr_array_add (config->activities, lw_activity_type_new ("pricing_page", "Pricing page"));

  g_ptr_array_add (config->stages, lw_stage_new ("subscriber", "Subscriber"));
  g_ptr_array_add (config->stages, lw_stage_new ("lead", "Lead"));
  g_ptr_array_add (config->stages, lw_stage_new ("mql", "Marketing Qualified Lead"));
  g_ptr_array_add (config->stages, lw_stage_new ("sql", "Sales Qualified Lead"));
  /* A condition on a built-in whose options come from the statuses. */
  STAGE (config, 3)->entry = condition_new ("lead_status", LW_OP_EQ, "qualified");

  g_ptr_array_add (config->statuses, lw_status_new ("new", "New"));
  g_ptr_array_add (config->statuses, lw_status_new ("attempting", "Attempting contact"));
  g_ptr_array_add (config->statuses, lw_status_new ("qualified", "Qualified"));
  g_ptr_array_add (config->statuses, lw_status_new ("bad-timing", "Nurture / bad timing"));

  path = lw_path_new ("nurture-recycle", LW_PATH_RECYCLE);
  path->from_status = g_strdup ("bad-timing");
  path->to_stage = g_strdup ("lead");
  path->after_days = 90;
  g_ptr_array_add (config->paths, path);

  criterion = lw_criterion_new ("us", "Based in the US", 15);
  criterion->when = condition_new ("country", LW_OP_EQ, "US");
  g_ptr_array_add (config->scoring.fit.criteria, criterion);
  criterion = lw_criterion_new ("big", "200 employees or more", 10);
  criterion->when = condition_new ("employees", LW_OP_GTE, "200");
  g_ptr_array_add (config->scoring.fit.criteria, criterion);
  criterion = lw_criterion_new ("demo", "Demo request", 20);
  criterion->activity = g_strdup ("demo_request");
  criterion->max_times = 1;
  g_ptr_array_add (config->scoring.engagement.criteria, criterion);
  criterion = lw_criterion_new ("pricing", "Pricing page", 5);
  criterion->activity = g_strdup ("pricing_page");
  criterion->max_times = 3;
  g_ptr_array_add (config->scoring.engagement.criteria, criterion);
  config->scoring.fit.has_cap = TRUE;
  config->scoring.fit.cap = 60;
  config->scoring.decay = LW_DECAY_HALF_LIFE;
  config->scoring.half_life_days = 30;
  config->scoring.mql_kind = LW_MQL_TOTAL;
  config->scoring.mql_total = 40;
  config->scoring.mql_stage = g_strdup ("mql");
  g_ptr_array_add (config->scoring.fit_grades, lw_grade_band_new ("A", TRUE, 40));
  g_ptr_array_add (config->scoring.fit_grades, lw_grade_band_new ("B", TRUE, 20));
  g_ptr_array_add (config->scoring.fit_grades, lw_grade_band_new ("C", FALSE, 0));
  g_ptr_array_add (config->scoring.engagement_grades, lw_grade_band_new ("1", TRUE, 30));
  g_ptr_array_add (config->scoring.engagement_grades, lw_grade_band_new ("2", TRUE, 10));
  g_ptr_array_add (config->scoring.engagement_grades, lw_grade_band_new ("3", FALSE, 0));

  rep = add_rep (config, "ana", "emea", "Europe/Berlin");
  add_office_hours (rep);
  add_out_of_office (rep, 2026, 12, 24, 2026, 12, 31);
  rep = add_rep (config, "ben", "amer", "America/New_York");
  for (guint day = MON; day <= FRI; day++)
    add_interval (rep, day, "09:00-17:00");
  rep = add_rep (config, "cara", "emea", "Europe/Berlin");
  rep->role = LW_ROLE_MANAGER;
  rep->weight = 2;
  add_office_hours (rep);

  team = lw_team_new ("emea", "EMEA");
  team->manager = g_strdup ("cara");
  team->region = g_strdup ("EMEA");
  g_ptr_array_add (config->teams, team);
  team = lw_team_new ("amer", "Americas");
  team->manager = g_strdup ("ben");
  g_ptr_array_add (config->teams, team);

  add_pool (config, "emea-sdrs", "ana", "cara", NULL)->weighted = TRUE;
  add_pool (config, "amer-sdrs", "ben", NULL);

  g_ptr_array_add (config->accounts, lw_account_new ("acme.com", "Acme Corp", "ben"));

  rule = lw_routing_rule_new ("named-accounts", "Existing accounts", LW_ASSIGN_ACCOUNT_OWNER);
  g_ptr_array_add (config->rules, rule);
  rule = lw_routing_rule_new ("dach", "DACH and France", LW_ASSIGN_TERRITORY);
  rule->property = g_strdup ("country");
  add_territory (rule, NULL, "emea-sdrs", "DE", "AT", "CH", NULL);
  add_territory (rule, "ana", NULL, "FR", NULL);
  g_ptr_array_add (config->rules, rule);
  rule = lw_routing_rule_new ("us", "United States", LW_ASSIGN_POOL);
  set_condition (&rule->when, condition_new ("country", LW_OP_EQ, "US"));
  rule->target.pool = g_strdup ("amer-sdrs");
  g_ptr_array_add (config->rules, rule);
  rule = lw_routing_rule_new ("big", "Big companies", LW_ASSIGN_OWNER);
  set_condition (&rule->when, condition_new ("employees", LW_OP_GTE, "1000"));
  rule->target.owner = g_strdup ("cara");
  g_ptr_array_add (config->rules, rule);
  config->fallback.owner = g_strdup ("ben");

  policy = lw_sla_policy_new ("demo", "Demo requests", 10);
  set_condition (&policy->when, condition_new ("source", LW_OP_EQ, "form"));
  policy->warn_before_minutes = 5;
  add_escalation (policy, 120, LW_ESCALATE_NOTIFY_MANAGER, NULL, NULL);
  add_escalation (policy, 1440, LW_ESCALATE_REASSIGN, NULL, "emea-sdrs");
  g_ptr_array_add (policy->pause_statuses, g_strdup ("bad-timing"));
  policy->breach_tag = g_strdup ("sla-breach-demo");
  g_ptr_array_add (config->policies, policy);
  policy = lw_sla_policy_new ("default", "Everything else", 240);
  policy->clock = LW_CLOCK_BUSINESS;
  add_escalation (policy, 480, LW_ESCALATE_REASSIGN, NULL, NULL);
  g_ptr_array_add (config->policies, policy);

  return config;
}

static void
print_diagnostics (GPtrArray *diagnostics)
{
  for (guint i = 0; i < diagnostics->len; i++)
    {
      g_autofree char *text = lw_diagnostic_format (g_ptr_array_index (diagnostics, i));

      g_printerr ("  %s\n", text);
    }
}

/* Binds @config, which must fail with exactly @n_errors errors; returns
 * them for lw_test_assert_diagnostic(). */
static GPtrArray *
bind_expecting_errors (LwConfig *config,
                       guint     n_errors)
{
  GPtrArray *diagnostics = lw_diagnostics_new ();

  g_assert_false (lw_config_bind (config, diagnostics));
  g_assert_false (config->bound);
  if (lw_diagnostics_count (diagnostics, LW_SEVERITY_ERROR) != n_errors)
    {
      g_printerr ("expected %u errors, got:\n", n_errors);
      print_diagnostics (diagnostics);
    }
  g_assert_cmpuint (lw_diagnostics_count (diagnostics, LW_SEVERITY_ERROR), ==, n_errors);
  return diagnostics;
}

/* Binds and asserts exactly one error, at @path, containing @fragment. */
static void
assert_single_error (LwConfig   *config,
                     const char *path,
                     const char *fragment)
{
  g_autoptr(GPtrArray) diagnostics = bind_expecting_errors (config, 1);

  lw_test_assert_diagnostic (diagnostics, LW_SEVERITY_ERROR, path, fragment);
}

/* ---- names ------------------------------------------------------------------ */

static void
test_roles (void)
{
  static const char * const names[LW_N_ROLES] = {
    "marketing", "sdr", "ae", "cs", "revops", "manager"
  };
  LwRole role = LW_ROLE_MANAGER;

  for (guint i = 0; i < LW_N_ROLES; i++)
    {
      g_assert_cmpstr (lw_role_to_string (i), ==, names[i]);
      g_assert_true (lw_role_from_string (names[i], &role));
      g_assert_cmpint (role, ==, i);
    }
  g_assert_cmpstr (lw_role_to_label (LW_ROLE_SDR), ==, "SDR");
  g_assert_cmpstr (lw_role_to_label (LW_ROLE_REVOPS), ==, "RevOps");
  g_assert_cmpstr (lw_role_to_label (LW_ROLE_MARKETING), ==, "Marketing");

  role = LW_ROLE_AE;
  g_assert_false (lw_role_from_string ("SDR", &role));
  g_assert_false (lw_role_from_string ("", &role));
  g_assert_false (lw_role_from_string ("sales", &role));
  g_assert_false (lw_role_from_string (NULL, &role));
  g_assert_cmpint (role, ==, LW_ROLE_AE);
}

static void
test_property_types (void)
{
  static const char * const names[LW_N_PROPERTY_TYPES] = {
    "string", "enum", "number", "boolean", "datetime", "email"
  };
  LwPropertyType type = LW_PROPERTY_EMAIL;

  for (guint i = 0; i < LW_N_PROPERTY_TYPES; i++)
    {
      g_assert_cmpstr (lw_property_type_to_string (i), ==, names[i]);
      g_assert_true (lw_property_type_from_string (names[i], &type));
      g_assert_cmpint (type, ==, i);
    }
  type = LW_PROPERTY_BOOLEAN;
  g_assert_false (lw_property_type_from_string ("integer", &type));
  g_assert_false (lw_property_type_from_string ("Enum", &type));
  g_assert_false (lw_property_type_from_string (NULL, &type));
  g_assert_cmpint (type, ==, LW_PROPERTY_BOOLEAN);
}

/* ---- the empty rule set and its built-ins --------------------------------------- */

static void
test_new_builtins (void)
{
  static const struct
  {
    const char     *id;
    LwPropertyType  type;
    guint           n_options;
  } expected[LW_N_BUILTINS] = {
    { "lifecycle_stage", LW_PROPERTY_ENUM, 0 },
    { "lead_status", LW_PROPERTY_ENUM, 0 },
    { "deal_stage", LW_PROPERTY_ENUM, 4 },
    { "source", LW_PROPERTY_ENUM, 5 },
    { "fit_score", LW_PROPERTY_NUMBER, 0 },
    { "engagement_score", LW_PROPERTY_NUMBER, 0 },
    { "total_score", LW_PROPERTY_NUMBER, 0 },
    { "grade", LW_PROPERTY_STRING, 0 },
    { "created_at", LW_PROPERTY_DATETIME, 0 },
  };
  g_autoptr(LwConfig) config = lw_config_new ();
  const LwProperty *deal, *source;

  g_assert_cmpuint (config->properties->len, ==, LW_N_BUILTINS);
  for (guint i = 0; i < LW_N_BUILTINS; i++)
    {
      const LwProperty *property = g_ptr_array_index (config->properties, i);

      g_assert_cmpstr (property->id, ==, expected[i].id);
      g_assert_cmpint (property->type, ==, expected[i].type);
      g_assert_cmpuint (property->options->len, ==, expected[i].n_options);
      g_assert_true (property->builtin);
      g_assert_cmpuint (property->index, ==, i);
      g_assert_true (lw_config_builtin (config, i) == property);
      g_assert_true (lw_config_find_property (config, expected[i].id) == property);
    }

  deal = lw_config_builtin (config, LW_BUILTIN_DEAL_STAGE);
  g_assert_cmpstr (((LwOption *) g_ptr_array_index (deal->options, 0))->value, ==, "none");
  g_assert_cmpstr (((LwOption *) g_ptr_array_index (deal->options, 2))->value, ==, "won");
  g_assert_cmpstr (((LwOption *) g_ptr_array_index (deal->options, 3))->label, ==, "Lost");
  source = lw_config_builtin (config, LW_BUILTIN_SOURCE);
  g_assert_cmpstr (((LwOption *) g_ptr_array_index (source->options, 3))->value, ==,
                   "integration");

  /* Empty lists, and a rule set that is not yet valid: no fallback and no
   * MQL stage. */
  g_assert_cmpuint (config->stages->len, ==, 0);
  g_assert_cmpuint (config->rules->len, ==, 0);
  g_assert_null (config->fallback.owner);
  g_assert_null (config->fallback.pool);
  g_assert_false (config->bound);
  {
    /* Without stages there is nowhere to send MQLs yet: only the missing
     * fallback is an error. */
    g_autoptr(GPtrArray) diagnostics = bind_expecting_errors (config, 1);

    lw_test_assert_diagnostic (diagnostics, LW_SEVERITY_ERROR, "$.routing.fallback", "no fallback");
  }
}

static void
test_constructor_defaults (void)
{
  LwRep *rep = lw_rep_new ("ana", "Ana Silva");
  LwPool *pool = lw_pool_new ("p", "P");
  LwRoutingRule *rule = lw_routing_rule_new ("r", "R", LW_ASSIGN_POOL);
  LwSlaPolicy *policy = lw_sla_policy_new ("s", "S", 30);
  LwCriterion *criterion = lw_criterion_new ("c", "C", -5);
  LwProperty *property = lw_property_new ("p", "P", LW_PROPERTY_STRING);
  LwTerritory *territory = lw_territory_new ();

  g_assert_cmpuint (rep->weight, ==, 1);
  g_assert_true (rep->active);
  g_assert_cmpuint (rep->capacity, ==, 0);
  g_assert_true (lw_week_hours_is_empty (&rep->hours));
  g_assert_cmpuint (rep->out_of_office->len, ==, 0);
  g_assert_cmpstr (rep->name, ==, "Ana Silva");

  g_assert_cmpuint (pool->members->len, ==, 0);
  g_assert_false (pool->weighted);
  g_assert_true (pool->respect_capacity);
  g_assert_true (pool->working_hours);
  g_assert_true (pool->out_of_office);

  g_assert_nonnull (rule->when);
  g_assert_true (lw_condition_is_always (rule->when));
  g_assert_cmpint (rule->kind, ==, LW_ASSIGN_POOL);
  g_assert_cmpuint (rule->territories->len, ==, 0);

  g_assert_nonnull (policy->when);
  g_assert_true (lw_condition_is_always (policy->when));
  g_assert_cmpuint (policy->deadline_minutes, ==, 30);
  g_assert_cmpint (policy->clock, ==, LW_CLOCK_CALENDAR);
  g_assert_cmpuint (policy->escalations->len, ==, 0);

  g_assert_cmpint (criterion->points, ==, -5);
  g_assert_cmpint (criterion->activity_index, ==, -1);
  g_assert_null (criterion->when);
  g_assert_null (criterion->activity);

  g_assert_false (property->builtin);
  g_assert_cmpint (property->domain_of_index, ==, -1);
  g_assert_cmpuint (property->options->len, ==, 0);

  g_assert_nonnull (territory->values);
  g_assert_cmpuint (g_strv_length (territory->values), ==, 0);

  lw_rep_free (rep);
  lw_pool_free (pool);
  lw_routing_rule_free (rule);
  lw_sla_policy_free (policy);
  lw_criterion_free (criterion);
  lw_property_free (property);
  lw_territory_free (territory);
}

/* ---- a valid rule set ------------------------------------------------------------ */

static void
test_bind_valid (void)
{
  g_autoptr(LwConfig) config = valid_config_new ();
  g_autoptr(GPtrArray) diagnostics = lw_diagnostics_new ();
  const LwProperty *stage_prop, *status_prop, *email, *email_domain;
  const LwOption *option;

  if (!lw_config_bind (config, diagnostics))
    print_diagnostics (diagnostics);
  g_assert_cmpuint (diagnostics->len, ==, 0);
  g_assert_true (config->bound);

  /* The built-in enums now list the stages and statuses, in order. */
  stage_prop = lw_config_builtin (config, LW_BUILTIN_LIFECYCLE_STAGE);
  g_assert_cmpuint (stage_prop->options->len, ==, 4);
  option = g_ptr_array_index (stage_prop->options, 2);
  g_assert_cmpstr (option->value, ==, "mql");
  g_assert_cmpstr (option->label, ==, "Marketing Qualified Lead");
  status_prop = lw_config_builtin (config, LW_BUILTIN_LEAD_STATUS);
  g_assert_cmpuint (status_prop->options->len, ==, 4);
  option = g_ptr_array_index (status_prop->options, 3);
  g_assert_cmpstr (option->value, ==, "bad-timing");
  g_assert_cmpstr (option->label, ==, "Nurture / bad timing");

  /* Indexes: the user properties follow the nine built-ins. */
  email = lw_config_find_property (config, "email");
  email_domain = lw_config_find_property (config, "email_domain");
  g_assert_true (email == USERPROP (config, 2));
  g_assert_cmpuint (email->index, ==, LW_N_BUILTINS + 2);
  g_assert_cmpuint (email_domain->index, ==, LW_N_BUILTINS + 3);
  g_assert_cmpint (email_domain->domain_of_index, ==, LW_N_BUILTINS + 2);
  g_assert_cmpint (USERPROP (config, 0)->domain_of_index, ==, -1);
  g_assert_false (USERPROP (config, 0)->builtin);
  g_assert_cmpint (ENG (config, 0)->activity_index, ==, 0);
  g_assert_cmpint (ENG (config, 1)->activity_index, ==, 1);
  g_assert_cmpint (FIT (config, 0)->activity_index, ==, -1);
  g_assert_cmpuint (REP (config, 2)->index, ==, 2);
  g_assert_cmpstr (g_time_zone_get_identifier (REP (config, 0)->tz), ==, "Europe/Berlin");
  g_assert_cmpstr (g_time_zone_get_identifier (REP (config, 1)->tz), ==, "America/New_York");

  /* Lookups by id. */
  g_assert_true (lw_config_find_stage (config, "mql") == STAGE (config, 2));
  g_assert_cmpint (lw_config_stage_index (config, "sql"), ==, 3);
  g_assert_cmpint (lw_config_stage_index (config, "customer"), ==, -1);
  g_assert_true (lw_config_find_status (config, "bad-timing") == STATUS (config, 3));
  g_assert_true (lw_config_find_activity (config, "pricing_page") ==
                 g_ptr_array_index (config->activities, 1));
  g_assert_cmpint (lw_config_activity_index (config, "pricing_page"), ==, 1);
  g_assert_cmpint (lw_config_activity_index (config, "webinar"), ==, -1);
  g_assert_true (lw_config_find_rep (config, "ben") == REP (config, 1));
  g_assert_true (lw_config_find_team (config, "amer") == TEAM (config, 1));
  g_assert_true (lw_config_find_pool (config, "emea-sdrs") == POOL (config, 0));
  g_assert_null (lw_config_find_rep (config, "Ben"));
  g_assert_null (lw_config_find_pool (config, "emea"));
  g_assert_null (lw_config_find_property (config, "Country"));
  g_assert_null (lw_config_find_stage (config, NULL));

  /* Accounts by domain, whatever its case. */
  g_assert_true (lw_config_find_account (config, "acme.com") == ACCOUNT (config, 0));
  g_assert_true (lw_config_find_account (config, "ACME.Com") == ACCOUNT (config, 0));
  g_assert_null (lw_config_find_account (config, "acme.co"));
  g_assert_null (lw_config_find_account (config, "www.acme.com"));
}

static void
test_bind_again_after_edit (void)
{
  g_autoptr(LwConfig) config = valid_config_new ();
  const LwProperty *stage_prop;

  g_assert_true (lw_config_bind (config, NULL));

  /* Renaming a stage and adding one: the lookups and the built-in options
   * follow after the next bind. */
  set_string (&STAGE (config, 3)->id, "sales-qualified");
  g_ptr_array_add (config->stages, lw_stage_new ("customer", "Customer"));
  g_assert_true (lw_config_bind (config, NULL));

  g_assert_null (lw_config_find_stage (config, "sql"));
  g_assert_true (lw_config_find_stage (config, "sales-qualified") == STAGE (config, 3));
  g_assert_cmpint (lw_config_stage_index (config, "customer"), ==, 4);
  stage_prop = lw_config_builtin (config, LW_BUILTIN_LIFECYCLE_STAGE);
  g_assert_cmpuint (stage_prop->options->len, ==, 5);
  g_assert_cmpstr (((LwOption *) g_ptr_array_index (stage_prop->options, 3))->value, ==,
                   "sales-qualified");
  g_assert_cmpstr (((LwOption *) g_ptr_array_index (stage_prop->options, 4))->label, ==,
                   "Customer");

  /* An error makes the rule set unbound; fixing it binds it again. */
  set_string (&config->scoring.mql_stage, "marketing-qualified");
  g_assert_false (lw_config_bind (config, NULL));
  g_assert_false (config->bound);
  set_string (&config->scoring.mql_stage, "mql");
  g_assert_true (lw_config_bind (config, NULL));
  g_assert_true (config->bound);
}

static void
test_find_before_bind (void)
{
  g_autoptr(LwConfig) config = valid_config_new ();

  g_assert_null (config->lookup);
  g_assert_true (lw_config_find_rep (config, "cara") == REP (config, 2));
  g_assert_cmpint (lw_config_stage_index (config, "mql"), ==, 2);
  g_assert_true (lw_config_find_account (config, "Acme.COM") == ACCOUNT (config, 0));
  g_assert_true (lw_config_find_property (config, "employees") == USERPROP (config, 1));
  g_assert_null (lw_config_find_team (config, "apac"));
}

/* ---- copies --------------------------------------------------------------------- */

static void
test_copy_deep (void)
{
  g_autoptr(LwConfig) config = valid_config_new ();
  g_autoptr(LwConfig) copy = NULL;
  g_autoptr(LwConfig) unbound_copy = NULL;
  LwFilter *filter;
  LwInterval interval;

  g_assert_true (lw_config_bind (config, NULL));
  copy = lw_config_copy (config);

  /* Bound like the original, with lookups into its own elements. */
  g_assert_true (copy->bound);
  g_assert_true (lw_config_find_stage (copy, "mql") == STAGE (copy, 2));
  g_assert_true (STAGE (copy, 2) != STAGE (config, 2));
  g_assert_true (lw_config_find_account (copy, "acme.com") == ACCOUNT (copy, 0));
  g_assert_cmpuint (copy->properties->len, ==, config->properties->len);
  g_assert_cmpint (USERPROP (copy, 3)->domain_of_index, ==, LW_N_BUILTINS + 2);
  g_assert_cmpstr (g_time_zone_get_identifier (REP (copy, 1)->tz), ==, "America/New_York");
  g_assert_true (lw_condition_equal (RULE (copy, 2)->when, RULE (config, 2)->when));
  g_assert_true (lw_condition_equal (STAGE (copy, 3)->entry, STAGE (config, 3)->entry));

  /* Change every kind of part of the copy. */
  set_string (&copy->name, "Changed");
  set_string (&USERPROP (copy, 0)->id, "nation");
  set_string (&((LwOption *) g_ptr_array_index (USERPROP (copy, 0)->options, 0))->value, "CA");
  set_string (&STAGE (copy, 2)->label, "MQL!");
  filter = first_filter (STAGE (copy, 3)->entry);
  set_string (&filter->value, "new");
  set_string (&STATUS (copy, 0)->hubspot_value, "NEW");
  set_string (&PATH (copy, 0)->to_stage, "subscriber");
  set_string (&FIT (copy, 0)->label, "changed");
  set_string (&ENG (copy, 0)->activity, "pricing_page");
  set_string (&((LwGradeBand *) g_ptr_array_index (copy->scoring.fit_grades, 0))->grade, "A+");
  set_string (&copy->scoring.mql_stage, "sql");
  set_string (&RULE (copy, 2)->target.pool, "emea-sdrs");
  filter = first_filter (RULE (copy, 2)->when);
  set_string (&filter->value, "DE");
  set_string (&TERRITORY (RULE (copy, 1), 0)->values[0], "FR");
  set_string (&copy->fallback.owner, "ana");
  set_string (&ESCALATION (POLICY (copy, 0), 1)->target.pool, "amer-sdrs");
  g_array_set_size (POLICY (copy, 0)->escalations, 1);
  g_ptr_array_add (POLICY (copy, 0)->pause_statuses, g_strdup ("new"));
  g_assert_true (lw_interval_parse ("06:00-07:00", &interval));
  g_array_index (REP (copy, 0)->hours.days[MON], LwInterval, 0) = interval;
  g_array_set_size (REP (copy, 0)->out_of_office, 0);
  set_string (&REP (copy, 1)->time_zone, "Asia/Tokyo");
  set_string (&TEAM (copy, 0)->manager, "ana");
  g_ptr_array_add (POOL (copy, 1)->members, g_strdup ("cara"));
  set_string (&ACCOUNT (copy, 0)->owner, "cara");
  g_ptr_array_set_size (copy->activities, 0);
  g_assert_false (lw_config_bind (copy, NULL));

  /* The original has not moved. */
  g_assert_cmpstr (config->name, ==, "Test playbook");
  g_assert_cmpstr (USERPROP (config, 0)->id, ==, "country");
  g_assert_cmpstr (((LwOption *) g_ptr_array_index (USERPROP (config, 0)->options, 0))->value,
                   ==, "US");
  g_assert_cmpstr (STAGE (config, 2)->label, ==, "Marketing Qualified Lead");
  filter = first_filter (STAGE (config, 3)->entry);
  g_assert_cmpstr (filter->value, ==, "qualified");
  g_assert_cmpstr (STATUS (config, 0)->hubspot_value, ==, "");
  g_assert_cmpstr (PATH (config, 0)->to_stage, ==, "lead");
  g_assert_cmpstr (FIT (config, 0)->label, ==, "Based in the US");
  g_assert_cmpstr (ENG (config, 0)->activity, ==, "demo_request");
  g_assert_cmpstr (((LwGradeBand *) g_ptr_array_index (config->scoring.fit_grades, 0))->grade,
                   ==, "A");
  g_assert_cmpstr (config->scoring.mql_stage, ==, "mql");
  g_assert_cmpstr (RULE (config, 2)->target.pool, ==, "amer-sdrs");
  filter = first_filter (RULE (config, 2)->when);
  g_assert_cmpstr (filter->value, ==, "US");
  g_assert_cmpstr (TERRITORY (RULE (config, 1), 0)->values[0], ==, "DE");
  g_assert_cmpstr (config->fallback.owner, ==, "ben");
  g_assert_cmpuint (POLICY (config, 0)->escalations->len, ==, 2);
  g_assert_cmpstr (ESCALATION (POLICY (config, 0), 1)->target.pool, ==, "emea-sdrs");
  g_assert_cmpuint (POLICY (config, 0)->pause_statuses->len, ==, 1);
  g_assert_cmpuint (g_array_index (REP (config, 0)->hours.days[MON], LwInterval, 0).start,
                    ==, 9 * 60);
  g_assert_cmpuint (REP (config, 0)->out_of_office->len, ==, 1);
  g_assert_cmpstr (REP (config, 1)->time_zone, ==, "America/New_York");
  g_assert_cmpstr (TEAM (config, 0)->manager, ==, "cara");
  g_assert_cmpuint (POOL (config, 1)->members->len, ==, 1);
  g_assert_cmpstr (ACCOUNT (config, 0)->owner, ==, "ben");
  g_assert_cmpuint (config->activities->len, ==, 2);
  g_assert_true (config->bound);
  g_assert_true (lw_config_bind (config, NULL));

  /* A rule set never bound is copied unbound. */
  {
    g_autoptr(LwConfig) fresh = valid_config_new ();

    unbound_copy = lw_config_copy (fresh);
    g_assert_false (unbound_copy->bound);
    g_assert_null (unbound_copy->lookup);
    g_assert_true (lw_config_bind (unbound_copy, NULL));
  }
}

static void
test_ref_unref (void)
{
  LwConfig *config = lw_config_new ();

  g_assert_true (lw_config_ref (config) == config);
  lw_config_unref (config);
  g_assert_cmpuint (config->properties->len, ==, LW_N_BUILTINS);
  lw_config_unref (config);
}

/* ---- validation: ids -------------------------------------------------------------- */

static void
test_ids_duplicate (void)
{
  g_autoptr(LwConfig) config = valid_config_new ();
  g_autoptr(GPtrArray) diagnostics = NULL;

  g_ptr_array_add (config->stages, lw_stage_new ("mql", "Another MQL"));
  g_ptr_array_add (config->activities, lw_activity_type_new ("demo_request", "Again"));
  g_ptr_array_add (config->statuses, lw_status_new ("new", "Again"));
  g_ptr_array_add (config->paths, lw_path_new ("nurture-recycle", LW_PATH_DISQUALIFY));
  PATH (config, 1)->from_status = g_strdup ("new");
  PATH (config, 1)->to_stage = g_strdup ("lead");
  g_ptr_array_add (config->rules, lw_routing_rule_new ("dach", "Again", LW_ASSIGN_ACCOUNT_OWNER));
  g_ptr_array_add (config->policies, lw_sla_policy_new ("demo", "Again", 30));
  g_ptr_array_add (config->teams, lw_team_new ("emea", "Again"));
  add_pool (config, "amer-sdrs", "ben", NULL);
  add_rep (config, "ana", NULL, "UTC");
  add_property (config, "employees", LW_PROPERTY_NUMBER, NULL);

  diagnostics = bind_expecting_errors (config, 10);
  lw_test_assert_diagnostic (diagnostics, LW_SEVERITY_ERROR, "$.lifecycle.stages[4].id",
                             "duplicate id \"mql\" (first defined at $.lifecycle.stages[2])");
  lw_test_assert_diagnostic (diagnostics, LW_SEVERITY_ERROR, "$.activities[2].id",
                             "duplicate id \"demo_request\" (first defined at $.activities[0])");
  lw_test_assert_diagnostic (diagnostics, LW_SEVERITY_ERROR, "$.lifecycle.statuses[4].id",
                             "(first defined at $.lifecycle.statuses[0])");
  lw_test_assert_diagnostic (diagnostics, LW_SEVERITY_ERROR, "$.lifecycle.paths[1].id",
                             "duplicate id \"nurture-recycle\"");
  lw_test_assert_diagnostic (diagnostics, LW_SEVERITY_ERROR, "$.routing.rules[4].id",
                             "(first defined at $.routing.rules[1])");
  lw_test_assert_diagnostic (diagnostics, LW_SEVERITY_ERROR, "$.slas[2].id",
                             "(first defined at $.slas[0])");
  lw_test_assert_diagnostic (diagnostics, LW_SEVERITY_ERROR, "$.team.teams[2].id",
                             "(first defined at $.team.teams[0])");
  lw_test_assert_diagnostic (diagnostics, LW_SEVERITY_ERROR, "$.team.pools[2].id",
                             "(first defined at $.team.pools[1])");
  lw_test_assert_diagnostic (diagnostics, LW_SEVERITY_ERROR, "$.team.reps[3].id",
                             "duplicate id \"ana\" (first defined at $.team.reps[0])");
  /* User property 4 in the file; the built-ins are not counted. */
  lw_test_assert_diagnostic (diagnostics, LW_SEVERITY_ERROR, "$.properties[4].id",
                             "(first defined at $.properties[1])");

  /* The first of two wins the lookup. */
  g_assert_true (lw_config_find_stage (config, "mql") == STAGE (config, 2));
  g_assert_true (lw_config_find_rep (config, "ana") == REP (config, 0));
}

static void
test_ids_criteria_across_scores (void)
{
  g_autoptr(LwConfig) config = valid_config_new ();

  /* Criterion ids are unique across both scores. */
  set_string (&ENG (config, 1)->id, "big");
  assert_single_error (config, "$.scoring.engagement.criteria[1].id",
                       "duplicate id \"big\" (first defined at $.scoring.fit.criteria[1])");
}

static void
test_ids_invalid (void)
{
  g_autoptr(LwConfig) config = valid_config_new ();
  g_autoptr(GPtrArray) diagnostics = NULL;

  set_string (&((LwActivityType *) g_ptr_array_index (config->activities, 1))->id, "pricing page");
  ENG (config, 1)->max_times = 0;
  set_string (&ENG (config, 1)->activity, "pricing page");
  set_string (&STATUS (config, 1)->id, "");
  set_string (&FIT (config, 1)->id, "big/small");
  g_clear_pointer (&POLICY (config, 1)->id, g_free);
  set_string (&TEAM (config, 1)->id, "amér");
  set_string (&REP (config, 1)->team, "amér");

  /* An id with a bad character is still an id: "pricing page" is found
   * and only reported once. */
  diagnostics = bind_expecting_errors (config, 5);
  lw_test_assert_diagnostic (diagnostics, LW_SEVERITY_ERROR, "$.activities[1].id",
                             "invalid id \"pricing page\": "
                             "use only letters, digits, \"-\" and \"_\"");
  lw_test_assert_diagnostic (diagnostics, LW_SEVERITY_ERROR, "$.lifecycle.statuses[1].id",
                             "the id is empty");
  lw_test_assert_diagnostic (diagnostics, LW_SEVERITY_ERROR, "$.scoring.fit.criteria[1].id",
                             "invalid id \"big/small\"");
  lw_test_assert_diagnostic (diagnostics, LW_SEVERITY_ERROR, "$.slas[1].id", "the id is empty");
  lw_test_assert_diagnostic (diagnostics, LW_SEVERITY_ERROR, "$.team.teams[1].id",
                             "invalid id \"amér\"");
}

static void
test_ids_builtin (void)
{
  g_autoptr(LwConfig) config = valid_config_new ();

  add_property (config, "source", LW_PROPERTY_STRING, NULL);
  assert_single_error (config, "$.properties[4].id", "\"source\" is the id of a built-in property");
  /* "source" still means the built-in. */
  g_assert_true (lw_config_find_property (config, "source") ==
                 lw_config_builtin (config, LW_BUILTIN_SOURCE));
}

/* ---- validation: properties -------------------------------------------------------------- */

static void
test_properties_enum_options (void)
{
  g_autoptr(LwConfig) config = valid_config_new ();
  g_autoptr(GPtrArray) diagnostics = NULL;

  add_property (config, "industry", LW_PROPERTY_ENUM, NULL);
  /* Option values compare like lead values: case-insensitively. */
  add_property (config, "region", LW_PROPERTY_ENUM, "EMEA", "AMER", "emea", "", NULL);
  add_property (config, "employees_band", LW_PROPERTY_NUMBER, "1-10", NULL);

  diagnostics = bind_expecting_errors (config, 4);
  lw_test_assert_diagnostic (diagnostics, LW_SEVERITY_ERROR, "$.properties[4].options",
                             "enum property \"industry\" has no options");
  lw_test_assert_diagnostic (diagnostics, LW_SEVERITY_ERROR, "$.properties[5].options[2].value",
                             "duplicate option \"emea\"");
  lw_test_assert_diagnostic (diagnostics, LW_SEVERITY_ERROR, "$.properties[5].options[3].value",
                             "the option value is empty");
  lw_test_assert_diagnostic (diagnostics, LW_SEVERITY_ERROR, "$.properties[6].options",
                             "only enum properties have options; this one is of type number");
}

static void
test_properties_domain_of (void)
{
  g_autoptr(LwConfig) config = valid_config_new ();
  g_autoptr(GPtrArray) diagnostics = NULL;

  USERPROP (config, 1)->domain_of = g_strdup ("email");       /* employees: a number */
  add_property (config, "company_domain", LW_PROPERTY_STRING, NULL)->domain_of =
    g_strdup ("country");
  add_property (config, "work_domain", LW_PROPERTY_STRING, NULL)->domain_of =
    g_strdup ("work_email");

  diagnostics = bind_expecting_errors (config, 3);
  lw_test_assert_diagnostic (diagnostics, LW_SEVERITY_ERROR, "$.properties[1].domainOf",
                             "only string properties take domainOf; this one is of type number");
  lw_test_assert_diagnostic (diagnostics, LW_SEVERITY_ERROR, "$.properties[4].domainOf",
                             "domainOf must name an email property; \"country\" is of type enum");
  lw_test_assert_diagnostic (diagnostics, LW_SEVERITY_ERROR, "$.properties[5].domainOf",
                             "unknown property \"work_email\"");
  g_assert_cmpint (USERPROP (config, 4)->domain_of_index, ==, -1);
  g_assert_cmpint (USERPROP (config, 5)->domain_of_index, ==, -1);
}

static void
test_properties_domain_of_later (void)
{
  g_autoptr(LwConfig) config = lw_config_new ();
  LwRep *rep;

  /* A domainOf may name an email property defined after it. */
  add_property (config, "work_domain", LW_PROPERTY_STRING, NULL)->domain_of =
    g_strdup ("work_email");
  add_property (config, "work_email", LW_PROPERTY_EMAIL, NULL);
  g_ptr_array_add (config->stages, lw_stage_new ("mql", "MQL"));
  config->scoring.mql_stage = g_strdup ("mql");
  rep = add_rep (config, "solo", NULL, "UTC");
  config->fallback.owner = g_strdup (rep->id);

  g_assert_true (lw_config_bind (config, NULL));
  g_assert_cmpint (USERPROP (config, 0)->domain_of_index, ==, LW_N_BUILTINS + 1);
}

/* ---- validation: lifecycle ----------------------------------------------------------- */

static void
test_lifecycle_references (void)
{
  g_autoptr(LwConfig) config = valid_config_new ();
  g_autoptr(GPtrArray) diagnostics = NULL;
  LwPath *path = lw_path_new ("dq", LW_PATH_DISQUALIFY);

  set_string (&PATH (config, 0)->from_status, "not-now");
  set_string (&PATH (config, 0)->to_stage, "nurture");
  g_ptr_array_add (config->paths, path);

  diagnostics = bind_expecting_errors (config, 4);
  lw_test_assert_diagnostic (diagnostics, LW_SEVERITY_ERROR, "$.lifecycle.paths[0].fromStatus",
                             "unknown status \"not-now\"");
  lw_test_assert_diagnostic (diagnostics, LW_SEVERITY_ERROR, "$.lifecycle.paths[0].toStage",
                             "unknown stage \"nurture\"");
  lw_test_assert_diagnostic (diagnostics, LW_SEVERITY_ERROR, "$.lifecycle.paths[1].fromStatus",
                             "a status is required");
  lw_test_assert_diagnostic (diagnostics, LW_SEVERITY_ERROR, "$.lifecycle.paths[1].toStage",
                             "a stage is required");
}

/* Conditions are bound with the path of their member. */
static void
test_condition_paths (void)
{
  g_autoptr(LwConfig) config = valid_config_new ();
  g_autoptr(GPtrArray) diagnostics = NULL;

  set_condition (&STAGE (config, 1)->entry, condition_new ("revenue", LW_OP_GT, "5"));
  set_condition (&FIT (config, 1)->when, condition_new ("headcount", LW_OP_GTE, "200"));
  set_condition (&RULE (config, 3)->when, condition_new ("size", LW_OP_GTE, "1000"));
  set_condition (&POLICY (config, 1)->when, condition_new ("intent", LW_OP_EQ, "high"));
  /* An enum built-in takes the stage ids as its options. */
  set_condition (&RULE (config, 0)->when, condition_new ("lifecycle_stage", LW_OP_EQ, "customer"));

  diagnostics = bind_expecting_errors (config, 5);
  lw_test_assert_diagnostic (diagnostics, LW_SEVERITY_ERROR,
                             "$.lifecycle.stages[1].when.filterGroups[0].filters[0].propertyName",
                             "unknown property \"revenue\"");
  lw_test_assert_diagnostic (diagnostics, LW_SEVERITY_ERROR,
                             "$.scoring.fit.criteria[1].when"
                             ".filterGroups[0].filters[0].propertyName",
                             "unknown property \"headcount\"");
  lw_test_assert_diagnostic (diagnostics, LW_SEVERITY_ERROR,
                             "$.routing.rules[3].when.filterGroups[0].filters[0].propertyName",
                             "unknown property \"size\"");
  lw_test_assert_diagnostic (diagnostics, LW_SEVERITY_ERROR,
                             "$.slas[1].when.filterGroups[0].filters[0].propertyName",
                             "unknown property \"intent\"");
  lw_test_assert_diagnostic (diagnostics, LW_SEVERITY_ERROR,
                             "$.routing.rules[0].when.filterGroups[0].filters[0].value",
                             "customer");

  /* Once the stage exists, the same condition binds. */
  g_ptr_array_add (config->stages, lw_stage_new ("customer", "Customer"));
  set_condition (&STAGE (config, 1)->entry, NULL);
  set_condition (&FIT (config, 1)->when, condition_new ("employees", LW_OP_GTE, "200"));
  set_condition (&RULE (config, 3)->when, lw_condition_new ());
  set_condition (&POLICY (config, 1)->when, lw_condition_new ());
  g_assert_true (lw_config_bind (config, NULL));
}

/* ---- validation: scoring ----------------------------------------------------------- */

static void
test_scoring_criteria (void)
{
  g_autoptr(LwConfig) config = valid_config_new ();
  g_autoptr(GPtrArray) diagnostics = NULL;

  FIT (config, 0)->activity = g_strdup ("demo_request");      /* a condition and an activity */
  g_ptr_array_add (config->scoring.engagement.criteria,
                   lw_criterion_new ("nothing", "Neither", 1));
  FIT (config, 1)->max_times = 2;                              /* on a condition */
  set_string (&ENG (config, 1)->activity, "webinar");
  config->scoring.engagement.has_cap = TRUE;
  config->scoring.engagement.cap = -5;

  diagnostics = bind_expecting_errors (config, 5);
  lw_test_assert_diagnostic (diagnostics, LW_SEVERITY_ERROR, "$.scoring.fit.criteria[0]",
                             "a condition (\"when\") or an activity, not both");
  lw_test_assert_diagnostic (diagnostics, LW_SEVERITY_ERROR, "$.scoring.engagement.criteria[2]",
                             "a criterion needs a condition (\"when\") or an activity");
  lw_test_assert_diagnostic (diagnostics, LW_SEVERITY_ERROR, "$.scoring.fit.criteria[1].maxTimes",
                             "maxTimes only applies to activity criteria");
  lw_test_assert_diagnostic (diagnostics, LW_SEVERITY_ERROR,
                             "$.scoring.engagement.criteria[1].activity",
                             "unknown activity \"webinar\"");
  lw_test_assert_diagnostic (diagnostics, LW_SEVERITY_ERROR, "$.scoring.engagement.cap",
                             "the cap must not be negative (got -5)");
  g_assert_cmpint (ENG (config, 1)->activity_index, ==, -1);
  g_assert_cmpint (ENG (config, 0)->activity_index, ==, 0);

  /* Negative points and a cap of zero are fine. */
  g_clear_pointer (&FIT (config, 0)->activity, g_free);
  g_ptr_array_remove_index (config->scoring.engagement.criteria, 2);
  FIT (config, 1)->max_times = 0;
  set_string (&ENG (config, 1)->activity, "pricing_page");
  ENG (config, 1)->points = -10;
  config->scoring.engagement.cap = 0;
  g_assert_true (lw_config_bind (config, NULL));
}

static void
set_band (GPtrArray  *bands,
          guint       i,
          const char *grade,
          gboolean    has_min,
          int         min)
{
  LwGradeBand *band = g_ptr_array_index (bands, i);

  set_string (&band->grade, grade);
  band->has_min = has_min;
  band->min = min;
}

static void
test_scoring_grades (void)
{
  {
    g_autoptr(LwConfig) config = valid_config_new ();

    /* A 40, B 40, C: the mins must fall strictly. */
    set_band (config->scoring.fit_grades, 1, "B", TRUE, 40);
    assert_single_error (config, "$.scoring.grades.fit[1].min",
                         "the min 40 of grade \"B\" is not below the min 40 of the band before");
  }
  {
    g_autoptr(LwConfig) config = valid_config_new ();

    /* A 20, B 40, C: rising. */
    set_band (config->scoring.fit_grades, 0, "A", TRUE, 20);
    assert_single_error (config, "$.scoring.grades.fit[1].min", "is not below the min 20");
  }
  {
    g_autoptr(LwConfig) config = valid_config_new ();

    /* 1 30, 2 (no min), 3 */
    set_band (config->scoring.engagement_grades, 1, "2", FALSE, 0);
    assert_single_error (config, "$.scoring.grades.engagement[1].min",
                         "grade band \"2\" needs a min: only the last band has none");
  }
  {
    g_autoptr(LwConfig) config = valid_config_new ();

    /* A 40, B 20, C 0: the last band takes what is left. */
    set_band (config->scoring.fit_grades, 2, "C", TRUE, 0);
    assert_single_error (config, "$.scoring.grades.fit[2].min",
                         "the last grade band takes every lower score and has no min (got 0)");
  }
  {
    g_autoptr(LwConfig) config = valid_config_new ();
    g_autoptr(GPtrArray) diagnostics = NULL;

    set_band (config->scoring.fit_grades, 1, "A", TRUE, 20);
    set_band (config->scoring.engagement_grades, 0, "", TRUE, 30);
    diagnostics = bind_expecting_errors (config, 2);
    lw_test_assert_diagnostic (diagnostics, LW_SEVERITY_ERROR, "$.scoring.grades.fit[1].grade",
                               "duplicate grade \"A\"");
    lw_test_assert_diagnostic (diagnostics, LW_SEVERITY_ERROR,
                               "$.scoring.grades.engagement[0].grade", "the grade is empty");
  }
  {
    g_autoptr(LwConfig) config = valid_config_new ();

    /* No grades at all, or a single catch-all band, are valid. Negative
     * mins are valid too: scores can be negative. */
    g_ptr_array_set_size (config->scoring.fit_grades, 0);
    g_ptr_array_set_size (config->scoring.engagement_grades, 1);
    set_band (config->scoring.engagement_grades, 0, "X", FALSE, 0);
    g_assert_true (lw_config_bind (config, NULL));
    g_ptr_array_add (config->scoring.fit_grades, lw_grade_band_new ("A", TRUE, 0));
    g_ptr_array_add (config->scoring.fit_grades, lw_grade_band_new ("B", TRUE, -10));
    g_ptr_array_add (config->scoring.fit_grades, lw_grade_band_new ("C", FALSE, 0));
    g_assert_true (lw_config_bind (config, NULL));
  }
}

static void
test_scoring_decay (void)
{
  const double bad_half_lives[] = { 0, -1, NAN, INFINITY };
  g_autoptr(LwConfig) config = valid_config_new ();

  for (guint i = 0; i < G_N_ELEMENTS (bad_half_lives); i++)
    {
      config->scoring.half_life_days = bad_half_lives[i];
      assert_single_error (config, "$.scoring.decay.halfLifeDays",
                           "the half-life must be a positive number of days");
    }
  config->scoring.half_life_days = 0.5;
  g_assert_true (lw_config_bind (config, NULL));

  /* The half-life does not matter without half-life decay. */
  config->scoring.half_life_days = 0;
  config->scoring.decay = LW_DECAY_NONE;
  g_assert_true (lw_config_bind (config, NULL));

  config->scoring.decay = LW_DECAY_WINDOW;
  config->scoring.window_days = 0;
  assert_single_error (config, "$.scoring.decay.windowDays", "the window must be at least one day");
  config->scoring.window_days = 1;
  g_assert_true (lw_config_bind (config, NULL));
}

static void
test_scoring_mql (void)
{
  g_autoptr(LwConfig) config = valid_config_new ();
  g_autoptr(GPtrArray) diagnostics = NULL;

  config->scoring.mql_total = -1;
  assert_single_error (config, "$.scoring.mql.total",
                       "the MQL threshold must not be negative (got -1)");
  config->scoring.mql_total = 0;
  g_assert_true (lw_config_bind (config, NULL));

  /* With fit and engagement thresholds, only those two count. */
  config->scoring.mql_kind = LW_MQL_BOTH;
  config->scoring.mql_total = -1;
  config->scoring.mql_fit = -3;
  config->scoring.mql_engagement = -4;
  diagnostics = bind_expecting_errors (config, 2);
  lw_test_assert_diagnostic (diagnostics, LW_SEVERITY_ERROR, "$.scoring.mql.fit", "(got -3)");
  lw_test_assert_diagnostic (diagnostics, LW_SEVERITY_ERROR, "$.scoring.mql.engagement",
                             "(got -4)");
  config->scoring.mql_fit = 20;
  config->scoring.mql_engagement = 15;
  g_assert_true (lw_config_bind (config, NULL));

  g_clear_pointer (&config->scoring.mql_stage, g_free);
  assert_single_error (config, "$.scoring.mqlStage", "no MQL stage");
  set_string (&config->scoring.mql_stage, "");
  assert_single_error (config, "$.scoring.mqlStage", "no MQL stage");
  set_string (&config->scoring.mql_stage, "marketing-qualified");
  assert_single_error (config, "$.scoring.mqlStage", "unknown stage \"marketing-qualified\"");

  /* A rule set without stages needs no MQL stage. */
  {
    g_autoptr(LwConfig) bare = lw_config_new ();

    g_ptr_array_add (bare->reps, lw_rep_new ("ana", "Ana"));
    bare->fallback.owner = g_strdup ("ana");
    g_assert_true (lw_config_bind (bare, NULL));
  }
}

/* ---- validation: routing ----------------------------------------------------------- */

static void
test_routing_fallback (void)
{
  g_autoptr(LwConfig) config = valid_config_new ();

  g_clear_pointer (&config->fallback.owner, g_free);
  assert_single_error (config, "$.routing.fallback",
                       "no fallback: set a fallback owner or pool "
                       "so that every lead gets an owner");

  config->fallback.owner = g_strdup ("ben");
  config->fallback.pool = g_strdup ("amer-sdrs");
  assert_single_error (config, "$.routing.fallback",
                       "both an owner (\"ben\") and a pool (\"amer-sdrs\") are given");

  g_clear_pointer (&config->fallback.pool, g_free);
  set_string (&config->fallback.owner, "zoe");
  assert_single_error (config, "$.routing.fallback.owner", "unknown rep \"zoe\"");

  g_clear_pointer (&config->fallback.owner, g_free);
  config->fallback.pool = g_strdup ("emea");
  assert_single_error (config, "$.routing.fallback.pool", "unknown pool \"emea\"");

  /* A fallback pool must have someone active to fall back on. */
  set_string (&config->fallback.pool, "amer-sdrs");
  g_assert_true (lw_config_bind (config, NULL));
  REP (config, 1)->active = FALSE;
  assert_single_error (config, "$.routing.fallback.pool",
                       "the fallback pool \"amer-sdrs\" has no active member");
  /* One active member is enough, even next to one that does not exist. */
  g_ptr_array_add (POOL (config, 1)->members, g_strdup ("nobody"));
  g_ptr_array_add (POOL (config, 1)->members, g_strdup ("ana"));
  assert_single_error (config, "$.team.pools[1].members[1]", "unknown rep \"nobody\"");
  g_ptr_array_remove_index (POOL (config, 1)->members, 1);
  g_assert_true (lw_config_bind (config, NULL));
}

static void
test_routing_targets (void)
{
  g_autoptr(LwConfig) config = valid_config_new ();

  set_string (&RULE (config, 2)->target.pool, "emea-sdr");
  assert_single_error (config, "$.routing.rules[2].assign.pool", "unknown pool \"emea-sdr\"");
  set_string (&RULE (config, 2)->target.pool, "amer-sdrs");

  RULE (config, 2)->target.owner = g_strdup ("ben");
  assert_single_error (config, "$.routing.rules[2].assign",
                       "both an owner (\"ben\") and a pool (\"amer-sdrs\") are given");
  g_clear_pointer (&RULE (config, 2)->target.pool, g_free);
  assert_single_error (config, "$.routing.rules[2].assign",
                       "an assignment to a pool names an owner instead of a pool");
  g_clear_pointer (&RULE (config, 2)->target.owner, g_free);
  assert_single_error (config, "$.routing.rules[2].assign",
                       "neither an owner nor a pool is given");
  RULE (config, 2)->target.pool = g_strdup ("amer-sdrs");

  set_string (&RULE (config, 3)->target.owner, "dora");
  assert_single_error (config, "$.routing.rules[3].assign.owner", "unknown rep \"dora\"");
  g_clear_pointer (&RULE (config, 3)->target.owner, g_free);
  assert_single_error (config, "$.routing.rules[3].assign", "neither an owner nor a pool is given");
  RULE (config, 3)->target.pool = g_strdup ("emea-sdrs");
  assert_single_error (config, "$.routing.rules[3].assign",
                       "an assignment to an owner names a pool instead of an owner");
  g_clear_pointer (&RULE (config, 3)->target.pool, g_free);
  RULE (config, 3)->target.owner = g_strdup ("cara");
  g_assert_true (lw_config_bind (config, NULL));
}

static void
test_routing_territory (void)
{
  g_autoptr(LwConfig) config = valid_config_new ();
  LwRoutingRule *rule = RULE (config, 1);
  g_autoptr(GPtrArray) diagnostics = NULL;

  g_clear_pointer (&rule->property, g_free);
  assert_single_error (config, "$.routing.rules[1].assign.property", "a property is required");
  rule->property = g_strdup ("nation");
  assert_single_error (config, "$.routing.rules[1].assign.property", "unknown property \"nation\"");
  set_string (&rule->property, "country");

  /* map[1]: no values; map[2]: "UK" is not a country option, "de" was
   * mapped by map[0] already (values compare case-insensitively), and it
   * names an unknown owner; map[3] names no one. */
  g_strfreev (TERRITORY (rule, 1)->values);
  TERRITORY (rule, 1)->values = g_new0 (char *, 1);
  add_territory (rule, "zoe", NULL, "UK", "de", "FR", NULL);
  add_territory (rule, NULL, NULL, "US", NULL);
  diagnostics = bind_expecting_errors (config, 5);
  lw_test_assert_diagnostic (diagnostics, LW_SEVERITY_ERROR,
                             "$.routing.rules[1].assign.map[1].values",
                             "a territory entry needs at least one value");
  lw_test_assert_diagnostic (diagnostics, LW_SEVERITY_ERROR,
                             "$.routing.rules[1].assign.map[2].values[0]",
                             "\"UK\" is not an option of property \"country\"");
  lw_test_assert_diagnostic (diagnostics, LW_SEVERITY_ERROR,
                             "$.routing.rules[1].assign.map[2].values[1]",
                             "value \"de\" is already mapped at $.routing.rules[1].assign.map[0]");
  lw_test_assert_diagnostic (diagnostics, LW_SEVERITY_ERROR,
                             "$.routing.rules[1].assign.map[2].owner", "unknown rep \"zoe\"");
  lw_test_assert_diagnostic (diagnostics, LW_SEVERITY_ERROR, "$.routing.rules[1].assign.map[3]",
                             "neither an owner nor a pool is given");

  g_ptr_array_set_size (rule->territories, 0);
  assert_single_error (config, "$.routing.rules[1].assign.map", "the territory map is empty");

  /* Over a string property any value goes. */
  set_string (&rule->property, "email_domain");
  add_territory (rule, "ana", NULL, "example.de", "UK", NULL);
  g_assert_true (lw_config_bind (config, NULL));
}

/* ---- validation: SLAs ----------------------------------------------------------- */

static void
test_slas (void)
{
  g_autoptr(LwConfig) config = valid_config_new ();
  LwSlaPolicy *demo = POLICY (config, 0);
  LwSlaPolicy *fallback = POLICY (config, 1);

  demo->deadline_minutes = 0;
  assert_single_error (config, "$.slas[0].deadlineMinutes",
                       "the deadline must be at least one minute");
  demo->deadline_minutes = 5;
  assert_single_error (config, "$.slas[0].warnBeforeMinutes",
                       "a warning 5 minutes before a deadline of 5 minutes");
  demo->deadline_minutes = 6;
  g_assert_true (lw_config_bind (config, NULL));

  ESCALATION (demo, 1)->after_minutes = 120;
  assert_single_error (config, "$.slas[0].escalations[1].afterMinutes",
                       "the escalation after 120 minutes does not come after "
                       "the step before (120 minutes)");
  ESCALATION (demo, 1)->after_minutes = 60;
  assert_single_error (config, "$.slas[0].escalations[1].afterMinutes", "(120 minutes)");
  ESCALATION (demo, 1)->after_minutes = 121;
  ESCALATION (fallback, 0)->after_minutes = 0;
  assert_single_error (config, "$.slas[1].escalations[0].afterMinutes",
                       "an escalation must come at least one minute after assignment");
  ESCALATION (fallback, 0)->after_minutes = 480;

  set_string (&ESCALATION (demo, 1)->target.owner, "ana");
  assert_single_error (config, "$.slas[0].escalations[1].to",
                       "both an owner (\"ana\") and a pool (\"emea-sdrs\") are given");
  g_clear_pointer (&ESCALATION (demo, 1)->target.owner, g_free);
  set_string (&ESCALATION (demo, 1)->target.pool, "apac");
  assert_single_error (config, "$.slas[0].escalations[1].to.pool", "unknown pool \"apac\"");
  set_string (&ESCALATION (demo, 1)->target.pool, "emea-sdrs");

  g_ptr_array_add (demo->pause_statuses, g_strdup ("waiting"));
  assert_single_error (config, "$.slas[0].pauseStatuses[1]", "unknown status \"waiting\"");
  g_ptr_array_remove_index (demo->pause_statuses, 1);

  /* Eight steps are allowed, nine are not. */
  for (guint minutes = 600; fallback->escalations->len < 8; minutes += 60)
    add_escalation (fallback, minutes, LW_ESCALATE_NOTIFY_MANAGER, NULL, NULL);
  g_assert_true (lw_config_bind (config, NULL));
  add_escalation (fallback, 10000, LW_ESCALATE_NOTIFY_MANAGER, NULL, NULL);
  assert_single_error (config, "$.slas[1].escalations",
                       "9 escalation steps; at most 8 are allowed");
}

/* ---- validation: team and accounts ------------------------------------------------ */

static void
test_team_reps (void)
{
  g_autoptr(LwConfig) config = valid_config_new ();
  LwRep *ana = REP (config, 0);
  LwRep *ben = REP (config, 1);

  ben->weight = 0;
  assert_single_error (config, "$.team.reps[1].weight", "the weight must be at least 1");
  ben->weight = 1;

  set_string (&ana->time_zone, "Mars/Olympus_Mons");
  assert_single_error (config, "$.team.reps[0].timeZone",
                       "unknown time zone \"Mars/Olympus_Mons\"");
  /* The rep still has a zone, so evaluators never meet a NULL one. */
  g_assert_nonnull (ana->tz);
  set_string (&ana->time_zone, "");
  assert_single_error (config, "$.team.reps[0].timeZone", "a time zone is required");
  set_string (&ana->time_zone, "Asia/Kolkata");
  g_assert_true (lw_config_bind (config, NULL));
  g_assert_cmpstr (g_time_zone_get_identifier (ana->tz), ==, "Asia/Kolkata");

  set_string (&ben->team, "apac");
  assert_single_error (config, "$.team.reps[1].team", "unknown team \"apac\"");
  g_clear_pointer (&ben->team, g_free);
  g_assert_true (lw_config_bind (config, NULL));
}

static void
test_team_working_hours (void)
{
  g_autoptr(LwConfig) config = valid_config_new ();
  g_autoptr(GPtrArray) diagnostics = NULL;
  LwRep *ana = REP (config, 0);
  LwInterval *interval;

  /* tue: 09:00-12:30, 13:30-17:30, 17:00-18:00 overlaps */
  add_interval (ana, TUE, "17:00-18:00");
  /* wed: the second interval ends before it starts */
  interval = &g_array_index (ana->hours.days[WED], LwInterval, 1);
  g_assert_true (lw_interval_parse ("15:00-10:00", interval));
  /* thu: the second interval ends at 25:00 (only possible when built in C) */
  g_array_index (ana->hours.days[THU], LwInterval, 1).end = 25 * 60;
  /* fri: out of order */
  interval = &g_array_index (ana->hours.days[FRI], LwInterval, 0);
  g_assert_true (lw_interval_parse ("14:00-17:30", interval));
  /* sat: the whole day; sun: two intervals that touch. Both valid. */
  add_interval (ana, SAT, "00:00-24:00");
  add_interval (ana, SUN, "09:00-12:00");
  add_interval (ana, SUN, "12:00-13:00");
  /* Empty: an interval of no time. */
  add_interval (ana, SUN, "13:00-13:00");

  diagnostics = bind_expecting_errors (config, 5);
  lw_test_assert_diagnostic (diagnostics, LW_SEVERITY_ERROR, "$.team.reps[0].workingHours.tue[2]",
                             "the interval 17:00-18:00 overlaps or comes before 13:30-17:30");
  lw_test_assert_diagnostic (diagnostics, LW_SEVERITY_ERROR, "$.team.reps[0].workingHours.wed[1]",
                             "the interval 15:00-10:00 does not end after it starts");
  lw_test_assert_diagnostic (diagnostics, LW_SEVERITY_ERROR, "$.team.reps[0].workingHours.thu[1]",
                             "the interval 13:30-25:00 ends after 24:00");
  lw_test_assert_diagnostic (diagnostics, LW_SEVERITY_ERROR, "$.team.reps[0].workingHours.fri[1]",
                             "the interval 13:30-17:30 overlaps or comes before 14:00-17:30");
  lw_test_assert_diagnostic (diagnostics, LW_SEVERITY_ERROR, "$.team.reps[0].workingHours.sun[2]",
                             "the interval 13:00-13:00 does not end after it starts");
}

static void
test_team_out_of_office (void)
{
  g_autoptr(LwConfig) config = valid_config_new ();
  g_autoptr(GPtrArray) diagnostics = NULL;
  LwDateRange broken;
  LwRep *ben = REP (config, 1);

  add_out_of_office (ben, 2026, 7, 4, 2026, 7, 4);     /* one day: fine */
  add_out_of_office (ben, 2026, 12, 24, 2026, 12, 20);
  g_date_clear (&broken.from, 1);
  g_date_clear (&broken.to, 1);
  g_date_set_dmy (&broken.from, 1, 1, 2027);
  g_array_append_val (ben->out_of_office, broken);

  diagnostics = bind_expecting_errors (config, 2);
  lw_test_assert_diagnostic (diagnostics, LW_SEVERITY_ERROR, "$.team.reps[1].outOfOffice[1]",
                             "the out-of-office range ends (2026-12-20) "
                             "before it starts (2026-12-24)");
  lw_test_assert_diagnostic (diagnostics, LW_SEVERITY_ERROR, "$.team.reps[1].outOfOffice[2]",
                             "invalid date");
}

static void
test_team_teams_and_pools (void)
{
  g_autoptr(LwConfig) config = valid_config_new ();
  g_autoptr(GPtrArray) diagnostics = NULL;

  set_string (&TEAM (config, 0)->manager, "dora");
  g_clear_pointer (&TEAM (config, 1)->manager, g_free);        /* no manager: fine */
  g_ptr_array_add (POOL (config, 0)->members, g_strdup ("dan"));
  g_ptr_array_add (POOL (config, 0)->members, g_strdup ("ana"));

  diagnostics = bind_expecting_errors (config, 3);
  lw_test_assert_diagnostic (diagnostics, LW_SEVERITY_ERROR, "$.team.teams[0].manager",
                             "unknown rep \"dora\"");
  lw_test_assert_diagnostic (diagnostics, LW_SEVERITY_ERROR, "$.team.pools[0].members[2]",
                             "unknown rep \"dan\"");
  lw_test_assert_diagnostic (diagnostics, LW_SEVERITY_ERROR, "$.team.pools[0].members[3]",
                             "rep \"ana\" is already a member of this pool");
}

static void
test_accounts (void)
{
  g_autoptr(LwConfig) config = valid_config_new ();
  g_autoptr(GPtrArray) diagnostics = NULL;

  g_ptr_array_add (config->accounts, lw_account_new ("", "Nameless", "ben"));
  g_ptr_array_add (config->accounts, lw_account_new ("ACME.com", "Acme again", "ana"));
  g_ptr_array_add (config->accounts, lw_account_new ("globex.com", "Globex", "zoe"));
  g_ptr_array_add (config->accounts, lw_account_new ("initech.com", "Initech", NULL));

  diagnostics = bind_expecting_errors (config, 4);
  lw_test_assert_diagnostic (diagnostics, LW_SEVERITY_ERROR, "$.accounts[1].domain",
                             "the domain is empty");
  lw_test_assert_diagnostic (diagnostics, LW_SEVERITY_ERROR, "$.accounts[2].domain",
                             "duplicate domain \"ACME.com\" (first defined at $.accounts[0])");
  lw_test_assert_diagnostic (diagnostics, LW_SEVERITY_ERROR, "$.accounts[3].owner",
                             "unknown rep \"zoe\"");
  lw_test_assert_diagnostic (diagnostics, LW_SEVERITY_ERROR, "$.accounts[4].owner",
                             "a rep is required");

  /* The first of the two Acme accounts is the one found. */
  g_assert_true (lw_config_find_account (config, "acme.com") == ACCOUNT (config, 0));
  g_assert_true (lw_config_find_account (config, "GLOBEX.COM") == ACCOUNT (config, 3));
}

/* ---- working hours ------------------------------------------------------------------ */

static void
test_interval_parse (void)
{
  static const struct
  {
    const char *text;
    guint       start;
    guint       end;
  } good[] = {
    { "09:00-17:30", 540, 1050 },
    { "00:00-24:00", 0, 1440 },
    { "13:30-13:45", 810, 825 },
    { "23:59-24:00", 1439, 1440 },
    /* Reversed is read as written; lw_config_bind() says it is wrong. */
    { "17:00-09:00", 1020, 540 },
  };
  static const char * const bad[] = {
    "", "09:00", "09:00-", "9:00-17:00", "09:00-17:0", "0900-1700", "09:00 - 17:00",
    "09:00-17:00 ", " 09:00-17:00", "09.00-17.00", "09:60-10:00", "09:00-10:60",
    "24:00-24:00", "25:00-26:00", "09:00-24:01", "09:00-25:00", "-1:00-02:00",
    "09:00\xe2\x80\x93" "17:00", "09:00-17:3a", "ab:cd-ef:gh",
  };
  LwInterval interval;

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autofree char *text = NULL;

      memset (&interval, 0xff, sizeof interval);
      g_assert_true (lw_interval_parse (good[i].text, &interval));
      g_assert_cmpuint (interval.start, ==, good[i].start);
      g_assert_cmpuint (interval.end, ==, good[i].end);
      text = lw_interval_format (&interval);
      g_assert_cmpstr (text, ==, good[i].text);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      interval.start = 1;
      interval.end = 2;
      if (lw_interval_parse (bad[i], &interval))
        g_error ("\"%s\" parsed as an interval", bad[i]);
      g_assert_cmpuint (interval.start, ==, 1);
      g_assert_cmpuint (interval.end, ==, 2);
    }
  g_assert_false (lw_interval_parse (NULL, &interval));
}

static void
test_week_hours_is_empty (void)
{
  LwRep *rep = lw_rep_new ("r", "R");

  g_assert_true (lw_week_hours_is_empty (&rep->hours));
  add_interval (rep, SUN, "10:00-11:00");
  g_assert_false (lw_week_hours_is_empty (&rep->hours));
  g_array_set_size (rep->hours.days[SUN], 0);
  g_assert_true (lw_week_hours_is_empty (&rep->hours));
  g_clear_pointer (&rep->hours.days[MON], g_array_unref);
  g_assert_true (lw_week_hours_is_empty (&rep->hours));
  g_assert_false (lw_rep_is_working (rep, lw_test_time ("2026-03-09T10:30:00Z")));
  lw_rep_free (rep);
}

/* A rep in @zone, set up by hand rather than by lw_config_bind(). */
static LwRep *
rep_in_zone (const char *zone)
{
  LwRep *rep = lw_rep_new ("r", "R");

  set_string (&rep->time_zone, zone);
  g_time_zone_unref (rep->tz);
  rep->tz = g_time_zone_new_identifier (zone);
  g_assert_nonnull (rep->tz);
  return rep;
}

static void
assert_working (const LwRep *rep,
                const char  *iso8601,
                gboolean     expected)
{
  if (lw_rep_is_working (rep, lw_test_time (iso8601)) != expected)
    g_error ("rep in %s at %s: expected %s", rep->time_zone, iso8601,
             expected ? "working" : "not working");
}

static void
test_rep_working_berlin_dst (void)
{
  LwRep *rep = rep_in_zone ("Europe/Berlin");

  /* Saturday and Sunday 09:00-17:00; Sunday also 01:30-03:30 across the
   * gap of 2026-03-29, when 02:00 CET becomes 03:00 CEST (01:00 UTC). */
  add_interval (rep, SAT, "09:00-17:00");
  add_interval (rep, SUN, "01:30-03:30");
  add_interval (rep, SUN, "09:00-17:00");

  /* Saturday, CET (UTC+1): 09:00 local is 08:00 UTC. */
  assert_working (rep, "2026-03-28T07:59:59Z", FALSE);
  assert_working (rep, "2026-03-28T08:00:00Z", TRUE);
  assert_working (rep, "2026-03-28T15:59:59Z", TRUE);
  assert_working (rep, "2026-03-28T16:00:00Z", FALSE);
  /* Sunday night: 00:30 UTC is 01:30 CET; 01:00 UTC is already 03:00 CEST,
   * 01:30 UTC is 03:30 CEST, the end. */
  assert_working (rep, "2026-03-29T00:29:59Z", FALSE);
  assert_working (rep, "2026-03-29T00:30:00Z", TRUE);
  assert_working (rep, "2026-03-29T00:59:59Z", TRUE);
  assert_working (rep, "2026-03-29T01:29:59Z", TRUE);
  assert_working (rep, "2026-03-29T01:30:00Z", FALSE);
  /* Sunday, CEST (UTC+2): 09:00 local is 07:00 UTC. */
  assert_working (rep, "2026-03-29T06:59:59Z", FALSE);
  assert_working (rep, "2026-03-29T07:00:00Z", TRUE);
  assert_working (rep, "2026-03-29T14:59:59Z", TRUE);
  assert_working (rep, "2026-03-29T15:00:00Z", FALSE);
  /* Monday is not worked, though 08:00 UTC Monday is no weekend in UTC. */
  assert_working (rep, "2026-03-30T08:00:00Z", FALSE);
  /* The autumn change, Sunday 2026-10-25: back to CET after 01:00 UTC. */
  assert_working (rep, "2026-10-24T07:00:00Z", TRUE);    /* Saturday 09:00 CEST */
  assert_working (rep, "2026-10-25T07:00:00Z", FALSE);   /* Sunday 08:00 CET */
  assert_working (rep, "2026-10-25T08:00:00Z", TRUE);    /* Sunday 09:00 CET */
  assert_working (rep, "2026-10-25T15:59:59Z", TRUE);
  assert_working (rep, "2026-10-25T16:00:00Z", FALSE);

  lw_rep_free (rep);
}

static void
test_rep_working_new_york_dst (void)
{
  LwRep *rep = rep_in_zone ("America/New_York");

  add_interval (rep, SAT, "09:00-17:00");
  add_interval (rep, SUN, "09:00-17:00");

  /* Saturday 2026-03-07, EST (UTC-5): 09:00 is 14:00 UTC. */
  assert_working (rep, "2026-03-07T13:59:59Z", FALSE);
  assert_working (rep, "2026-03-07T14:00:00Z", TRUE);
  assert_working (rep, "2026-03-07T21:59:59Z", TRUE);
  assert_working (rep, "2026-03-07T22:00:00Z", FALSE);
  /* Sunday 2026-03-08, EDT (UTC-4) from 07:00 UTC: 09:00 is 13:00 UTC. */
  assert_working (rep, "2026-03-08T12:59:59Z", FALSE);
  assert_working (rep, "2026-03-08T13:00:00Z", TRUE);
  assert_working (rep, "2026-03-08T20:59:59Z", TRUE);
  assert_working (rep, "2026-03-08T21:00:00Z", FALSE);
  /* Sunday 16:30 EDT is Sunday 20:30 UTC; Monday 00:30 UTC is still
   * Sunday 20:30 local, off hours. Monday 14:00 UTC is not worked. */
  assert_working (rep, "2026-03-09T00:30:00Z", FALSE);
  assert_working (rep, "2026-03-09T14:00:00Z", FALSE);

  lw_rep_free (rep);
}

static void
test_rep_working_weekday_across_utc (void)
{
  LwRep *auckland = rep_in_zone ("Pacific/Auckland");
  LwRep *los_angeles = rep_in_zone ("America/Los_Angeles");
  LwRep *utc = rep_in_zone ("UTC");

  /* Monday 09:00 NZDT (UTC+13) is Sunday 20:00 UTC. */
  add_interval (auckland, MON, "09:00-17:00");
  assert_working (auckland, "2026-03-08T19:59:59Z", FALSE);
  assert_working (auckland, "2026-03-08T20:00:00Z", TRUE);
  assert_working (auckland, "2026-03-09T10:00:00Z", FALSE);   /* Monday 23:00 local */

  /* Friday until midnight, PST (UTC-8): Friday 23:59:59 is Saturday 07:59:59 UTC. */
  add_interval (los_angeles, FRI, "16:00-24:00");
  assert_working (los_angeles, "2026-03-07T07:59:59Z", TRUE);
  assert_working (los_angeles, "2026-03-07T08:00:00Z", FALSE);
  assert_working (los_angeles, "2026-03-07T00:00:00Z", TRUE);   /* Friday 16:00 */
  assert_working (los_angeles, "2026-03-06T23:59:59Z", FALSE);

  /* Before the epoch the weekday still holds: 1969-12-29 was a Monday. */
  add_interval (utc, MON, "00:00-01:00");
  assert_working (utc, "1969-12-29T00:30:00Z", TRUE);
  assert_working (utc, "1969-12-30T00:30:00Z", FALSE);
  assert_working (utc, "2026-03-09T00:59:59Z", TRUE);

  lw_rep_free (auckland);
  lw_rep_free (los_angeles);
  lw_rep_free (utc);
}

/* The same question answered with GDateTime, for a sweep. */
static gboolean
reference_is_working (const LwRep *rep,
                      LwTime       time)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (time);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, rep->tz);
  GArray *day = rep->hours.days[g_date_time_get_day_of_week (local) - 1];
  guint minute = g_date_time_get_hour (local) * 60 + g_date_time_get_minute (local);

  for (guint i = 0; i < day->len; i++)
    if (minute >= g_array_index (day, LwInterval, i).start &&
        minute < g_array_index (day, LwInterval, i).end)
      return TRUE;
  return FALSE;
}

static void
test_rep_working_sweep (void)
{
  static const struct
  {
    const char *zone;
    const char *from;
  } sweeps[] = {
    { "Europe/Berlin", "2026-03-26T00:00:00Z" },
    { "Europe/Berlin", "2026-10-22T00:00:00Z" },
    { "America/New_York", "2026-03-05T00:00:00Z" },
    { "America/New_York", "2026-10-29T00:00:00Z" },
    { "Australia/Lord_Howe", "2026-04-02T00:00:00Z" },   /* a half-hour DST shift */
    { "Asia/Kathmandu", "2026-03-05T00:00:00Z" },        /* UTC+05:45 */
  };

  for (guint s = 0; s < G_N_ELEMENTS (sweeps); s++)
    {
      LwRep *rep = rep_in_zone (sweeps[s].zone);
      LwTime from = lw_test_time (sweeps[s].from);
      guint n_working = 0;

      for (guint day = MON; day <= SUN; day++)
        {
          add_interval (rep, day, "01:30-03:15");
          add_interval (rep, day, day < SAT ? "08:45-17:30" : "10:00-12:00");
          add_interval (rep, day, "23:50-24:00");
        }

      /* A week in steps of 7 minutes 13 seconds: every minute of the
       * hour comes up, and both sides of each change. */
      for (LwTime t = from; t < from + 7 * LW_DAY; t += 7 * LW_MINUTE + 13)
        {
          gboolean expected = reference_is_working (rep, t);

          if (lw_rep_is_working (rep, t) != expected)
            {
              g_autofree char *text = lw_time_format_iso8601 (t);

              g_error ("%s at %s: expected %d", sweeps[s].zone, text, expected);
            }
          n_working += expected;
        }
      /* The sweep saw both answers. */
      g_assert_cmpuint (n_working, >, 100);
      lw_rep_free (rep);
    }
}

static void
test_rep_working_after_bind (void)
{
  g_autoptr(LwConfig) config = valid_config_new ();
  const LwRep *ana, *ben;

  g_assert_true (lw_config_bind (config, NULL));
  ana = lw_config_find_rep (config, "ana");
  ben = lw_config_find_rep (config, "ben");

  /* Monday 2026-03-09: ana (Berlin, CET) 09:00-12:30 and 13:30-17:30. */
  assert_working (ana, "2026-03-09T07:59:59Z", FALSE);
  assert_working (ana, "2026-03-09T08:00:00Z", TRUE);
  assert_working (ana, "2026-03-09T11:29:59Z", TRUE);
  assert_working (ana, "2026-03-09T11:30:00Z", FALSE);   /* 12:30, lunch */
  assert_working (ana, "2026-03-09T12:30:00Z", TRUE);    /* 13:30 */
  /* ben (New York, EDT since the day before) 09:00-17:00: 13:00-21:00 UTC. */
  assert_working (ben, "2026-03-09T12:59:59Z", FALSE);
  assert_working (ben, "2026-03-09T13:00:00Z", TRUE);
  assert_working (ben, "2026-03-09T20:59:59Z", TRUE);
  assert_working (ben, "2026-03-09T21:00:00Z", FALSE);
  /* Saturday: nobody. */
  assert_working (ben, "2026-03-14T15:00:00Z", FALSE);
}

static void
assert_out_of_office (const LwRep *rep,
                      const char  *iso8601,
                      gboolean     expected)
{
  if (lw_rep_is_out_of_office (rep, lw_test_time (iso8601)) != expected)
    g_error ("rep in %s at %s: expected %s", rep->time_zone, iso8601,
             expected ? "out of office" : "in office");
}

static void
test_rep_out_of_office (void)
{
  LwRep *berlin = rep_in_zone ("Europe/Berlin");
  LwRep *new_york = rep_in_zone ("America/New_York");

  g_assert_false (lw_rep_is_out_of_office (berlin, lw_test_time ("2026-12-25T12:00:00Z")));

  /* 2026-12-24 to 2026-12-31 inclusive, Berlin time (CET, UTC+1). */
  add_out_of_office (berlin, 2026, 12, 24, 2026, 12, 31);
  assert_out_of_office (berlin, "2026-12-23T22:59:59Z", FALSE);   /* Dec 23 23:59:59 local */
  /* Dec 24 00:00 local, while UTC is still on the 23rd */
  assert_out_of_office (berlin, "2026-12-23T23:00:00Z", TRUE);
  assert_out_of_office (berlin, "2026-12-27T12:00:00Z", TRUE);
  assert_out_of_office (berlin, "2026-12-31T22:59:59Z", TRUE);    /* Dec 31 23:59:59 local */
  assert_out_of_office (berlin, "2026-12-31T23:00:00Z", FALSE);   /* Jan 1 local, UTC the 31st */

  /* One day, New York time (EDT, UTC-4), and a second range. */
  add_out_of_office (new_york, 2026, 7, 4, 2026, 7, 4);
  add_out_of_office (new_york, 2027, 1, 1, 2027, 1, 2);
  assert_out_of_office (new_york, "2026-07-04T03:59:59Z", FALSE); /* Jul 3 23:59:59 local */
  assert_out_of_office (new_york, "2026-07-04T04:00:00Z", TRUE);
  assert_out_of_office (new_york, "2026-07-05T03:59:59Z", TRUE);  /* UTC already Jul 5 */
  assert_out_of_office (new_york, "2026-07-05T04:00:00Z", FALSE);
  assert_out_of_office (new_york, "2027-01-02T12:00:00Z", TRUE);
  assert_out_of_office (new_york, "2027-01-03T04:59:59Z", TRUE);  /* Jan 2 23:59:59 EST */
  assert_out_of_office (new_york, "2027-01-03T05:00:00Z", FALSE);

  lw_rep_free (berlin);
  lw_rep_free (new_york);
}

/* ---- lw-types.h ------------------------------------------------------------------- */

static void
test_iso8601_parse (void)
{
  static const struct
  {
    const char *text;
    LwTime      time;
  } good[] = {
    /* 2026-03-09: 56 years after 1970 with 14 leap days, plus 67 days:
     * 20521 days = 1773014400 s; 14:00 adds 50400. */
    { "2026-03-09T14:00:00Z", 1773064800 },
    { "2026-03-09", 1773014400 },
    { "2026-03-09T15:00:00+01:00", 1773064800 },
    { "2026-03-09T09:00:00-05:00", 1773064800 },
    { "2026-03-09T19:45:00+05:45", 1773064800 },
    { "2026-03-09T15:00:00+0100", 1773064800 },
    { "2026-03-09T14:00:00.999Z", 1773064800 },
    { "2026-03-09T14:00:00,5+00:00", 1773064800 },
    { "2026-03-09T14:00Z", 1773064800 },
    { "2026-03-09t14:00:00z", 1773064800 },
    { "2026-03-09 14:00:00Z", 1773064800 },
    { "1970-01-01T00:00:00Z", 0 },
    { "1970-01-01", 0 },
    { "1969-12-31T23:59:59Z", -1 },
    { "1970-01-01T00:00:00+00:01", -60 },
    /* Leap days: 2024-02-29 is day 19782; 2000 was a leap year. */
    { "2024-02-29", 19782 * LW_DAY },
    { "2000-02-29T00:00:00Z", 951782400 },
  };
  static const char * const bad[] = {
    "", "garbage", "2026", "2026-03", "2026-3-9", "2026/03/09", "20260309",
    " 2026-03-09", "2026-03-09 ", "2026-03-09T", "2026-03-09X14:00:00Z",
    "2026-13-01", "2026-00-10", "2026-03-00", "2026-03-32", "2026-02-29", "1900-02-29",
    "2026-04-31", "0000-01-01",
    "2026-03-09T14:00:00", "2026-03-09T14", "2026-03-09T24:00:00Z", "2026-03-09T14:60:00Z",
    "2026-03-09T14:00:60Z", "2026-03-09T14:00:00+25:00", "2026-03-09T14:00:00+01:60",
    "2026-03-09T14:00:00+1", "2026-03-09T14:00:00Zjunk", "2026-03-09T14:00:00.Z",
    "2026-03-09T14:00:00+01:00:00", "2026-03-09T1:00:00Z", "2026-03-09T14:0:00Z",
    "2026-03-09Z", "1773064800",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      LwTime time = 42;

      if (!lw_time_parse_iso8601 (good[i].text, &time))
        g_error ("\"%s\" did not parse", good[i].text);
      g_assert_cmpint (time, ==, good[i].time);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      LwTime time = 42;

      if (lw_time_parse_iso8601 (bad[i], &time))
        g_error ("\"%s\" parsed", bad[i]);
      g_assert_cmpint (time, ==, 42);
    }
  {
    LwTime time = 42;

    g_assert_false (lw_time_parse_iso8601 (NULL, &time));
    g_assert_cmpint (time, ==, 42);
  }
}

static void
test_iso8601_format (void)
{
  static const struct
  {
    LwTime      time;
    const char *text;
  } cases[] = {
    { 0, "1970-01-01T00:00:00Z" },
    { -1, "1969-12-31T23:59:59Z" },
    { 1773064800, "2026-03-09T14:00:00Z" },
    { 19782 * LW_DAY + 12 * LW_HOUR + 34 * LW_MINUTE + 56, "2024-02-29T12:34:56Z" },
    { 951782400 - 1, "2000-02-28T23:59:59Z" },
    { -86400 * 365, "1969-01-01T00:00:00Z" },
    { 253402300799, "9999-12-31T23:59:59Z" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = lw_time_format_iso8601 (cases[i].time);
      LwTime back = 0;

      g_assert_cmpstr (text, ==, cases[i].text);
      g_assert_true (lw_time_parse_iso8601 (text, &back));
      g_assert_cmpint (back, ==, cases[i].time);
    }
}

static void
test_diagnostic_format (void)
{
  LwDiagnostic *diagnostic = lw_diagnostic_new (LW_SEVERITY_ERROR, "$.routing.rules[2].when",
                                                "unknown operator \"%s\"", "EQUALS");
  g_autofree char *bare = NULL;
  g_autofree char *full = NULL;
  g_autofree char *no_column = NULL;
  g_autofree char *file_only = NULL;
  g_autofree char *warning = NULL;
  g_autofree char *no_path = NULL;

  g_assert_cmpstr (diagnostic->message, ==, "unknown operator \"EQUALS\"");
  g_assert_null (diagnostic->file);
  g_assert_cmpint (diagnostic->line, ==, 0);
  g_assert_cmpint (diagnostic->column, ==, 0);

  bare = lw_diagnostic_format (diagnostic);
  g_assert_cmpstr (bare, ==, "error: $.routing.rules[2].when: unknown operator \"EQUALS\"");

  diagnostic->file = g_strdup ("playbook.json");
  file_only = lw_diagnostic_format (diagnostic);
  g_assert_cmpstr (file_only, ==,
                   "playbook.json: error: $.routing.rules[2].when: unknown operator \"EQUALS\"");
  diagnostic->line = 41;
  no_column = lw_diagnostic_format (diagnostic);
  g_assert_cmpstr (no_column, ==,
                   "playbook.json:41: error: $.routing.rules[2].when: unknown operator \"EQUALS\"");
  diagnostic->column = 23;
  full = lw_diagnostic_format (diagnostic);
  g_assert_cmpstr (full, ==,
                   "playbook.json:41:23: error: $.routing.rules[2].when: "
                   "unknown operator \"EQUALS\"");

  diagnostic->severity = LW_SEVERITY_WARNING;
  g_clear_pointer (&diagnostic->file, g_free);
  warning = lw_diagnostic_format (diagnostic);
  g_assert_cmpstr (warning, ==,
                   "41:23: warning: $.routing.rules[2].when: unknown operator \"EQUALS\"");

  g_clear_pointer (&diagnostic->path, g_free);
  diagnostic->line = 0;
  diagnostic->column = 0;
  no_path = lw_diagnostic_format (diagnostic);
  g_assert_cmpstr (no_path, ==, "warning: unknown operator \"EQUALS\"");

  lw_diagnostic_free (diagnostic);
  lw_diagnostic_free (NULL);
}

static void
test_diagnostics_list (void)
{
  g_autoptr(GPtrArray) list = lw_diagnostics_new ();
  const LwDiagnostic *diagnostic;

  g_assert_cmpuint (lw_diagnostics_count (list, LW_SEVERITY_ERROR), ==, 0);
  lw_diagnostics_add (list, LW_SEVERITY_ERROR, "$.slas[0]", "deadline %d", -5);
  lw_diagnostics_add (list, LW_SEVERITY_WARNING, "$.slas[1]", "never applies");
  lw_diagnostics_add (list, LW_SEVERITY_ERROR, NULL, "%s", "100% wrong");

  g_assert_cmpuint (list->len, ==, 3);
  g_assert_cmpuint (lw_diagnostics_count (list, LW_SEVERITY_ERROR), ==, 2);
  g_assert_cmpuint (lw_diagnostics_count (list, LW_SEVERITY_WARNING), ==, 1);
  diagnostic = g_ptr_array_index (list, 0);
  g_assert_cmpstr (diagnostic->path, ==, "$.slas[0]");
  g_assert_cmpstr (diagnostic->message, ==, "deadline -5");
  diagnostic = g_ptr_array_index (list, 2);
  g_assert_null (diagnostic->path);
  g_assert_cmpstr (diagnostic->message, ==, "100% wrong");
  lw_test_assert_diagnostic (list, LW_SEVERITY_WARNING, "$.slas[1]", "never");
}

static void
test_value_copy_clear (void)
{
  LwValue a = { TRUE, 3.5, g_strdup ("Acme"), g_strdup ("acme") };
  LwValue b = { 0 };

  lw_value_copy (&b, &a);
  g_assert_true (b.set);
  g_assert_cmpfloat (b.num, ==, 3.5);
  g_assert_cmpstr (b.str, ==, "Acme");
  g_assert_cmpstr (b.fold, ==, "acme");
  g_assert_true (b.str != a.str);
  g_assert_true (b.fold != a.fold);

  lw_value_clear (&a);
  g_assert_false (a.set);
  g_assert_cmpfloat (a.num, ==, 0);
  g_assert_null (a.str);
  g_assert_null (a.fold);
  g_assert_cmpstr (b.str, ==, "Acme");

  /* Copying onto itself changes nothing. */
  lw_value_copy (&b, &b);
  g_assert_cmpstr (b.str, ==, "Acme");
  lw_value_clear (&b);
  lw_value_clear (&b);
  g_assert_null (b.str);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/config/names/roles", test_roles);
  g_test_add_func ("/config/names/property-types", test_property_types);
  g_test_add_func ("/config/new/builtins", test_new_builtins);
  g_test_add_func ("/config/new/defaults", test_constructor_defaults);
  g_test_add_func ("/config/bind/valid", test_bind_valid);
  g_test_add_func ("/config/bind/again-after-edit", test_bind_again_after_edit);
  g_test_add_func ("/config/find/before-bind", test_find_before_bind);
  g_test_add_func ("/config/copy/deep", test_copy_deep);
  g_test_add_func ("/config/ref-unref", test_ref_unref);

  g_test_add_func ("/config/bind/ids/duplicate", test_ids_duplicate);
  g_test_add_func ("/config/bind/ids/criteria-across-scores", test_ids_criteria_across_scores);
  g_test_add_func ("/config/bind/ids/invalid", test_ids_invalid);
  g_test_add_func ("/config/bind/ids/builtin", test_ids_builtin);
  g_test_add_func ("/config/bind/properties/enum-options", test_properties_enum_options);
  g_test_add_func ("/config/bind/properties/domain-of", test_properties_domain_of);
  g_test_add_func ("/config/bind/properties/domain-of-later", test_properties_domain_of_later);
  g_test_add_func ("/config/bind/lifecycle/references", test_lifecycle_references);
  g_test_add_func ("/config/bind/condition-paths", test_condition_paths);
  g_test_add_func ("/config/bind/scoring/criteria", test_scoring_criteria);
  g_test_add_func ("/config/bind/scoring/grades", test_scoring_grades);
  g_test_add_func ("/config/bind/scoring/decay", test_scoring_decay);
  g_test_add_func ("/config/bind/scoring/mql", test_scoring_mql);
  g_test_add_func ("/config/bind/routing/fallback", test_routing_fallback);
  g_test_add_func ("/config/bind/routing/targets", test_routing_targets);
  g_test_add_func ("/config/bind/routing/territory", test_routing_territory);
  g_test_add_func ("/config/bind/slas", test_slas);
  g_test_add_func ("/config/bind/team/reps", test_team_reps);
  g_test_add_func ("/config/bind/team/working-hours", test_team_working_hours);
  g_test_add_func ("/config/bind/team/out-of-office", test_team_out_of_office);
  g_test_add_func ("/config/bind/team/teams-and-pools", test_team_teams_and_pools);
  g_test_add_func ("/config/bind/accounts", test_accounts);

  g_test_add_func ("/config/hours/interval-parse", test_interval_parse);
  g_test_add_func ("/config/hours/is-empty", test_week_hours_is_empty);
  g_test_add_func ("/config/rep/working/berlin-dst", test_rep_working_berlin_dst);
  g_test_add_func ("/config/rep/working/new-york-dst", test_rep_working_new_york_dst);
  g_test_add_func ("/config/rep/working/weekday-across-utc", test_rep_working_weekday_across_utc);
  g_test_add_func ("/config/rep/working/sweep", test_rep_working_sweep);
  g_test_add_func ("/config/rep/working/after-bind", test_rep_working_after_bind);
  g_test_add_func ("/config/rep/out-of-office", test_rep_out_of_office);

  g_test_add_func ("/types/iso8601/parse", test_iso8601_parse);
  g_test_add_func ("/types/iso8601/format", test_iso8601_format);
  g_test_add_func ("/types/diagnostic/format", test_diagnostic_format);
  g_test_add_func ("/types/diagnostics/list", test_diagnostics_list);
  g_test_add_func ("/types/value/copy-clear", test_value_copy_clear);

  return g_test_run ();
}
