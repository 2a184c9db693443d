/* test-lint.c: warnings about rule sets that will not behave as written
 *
 * Each check is tried on a rule set that triggers it and on a near-identical
 * one that does not. The rule sets are built in C with the constructors of
 * lw-config.h, on top of this base:
 *
 *   properties  region    enum    EMEA, NA, LATAM, APAC
 *               segment   enum    SMB, MID, ENT
 *               industry  enum    Software, Computer hardware, Financial services
 *               customer  boolean (label "Customer")
 *               partner   boolean (label "Partner")
 *               employees number
 *   stages      lead, mql (the MQL stage)
 *   statuses    new
 *   scoring     fit: region is EMEA, 50 points; MQL when total >= 40
 *   team        ana, ben: active, Monday to Friday 09:00-17:00;
 *               pool "sdrs" = ana, ben
 *   routing     no rules; fallback ana
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdarg.h>
#include <string.h>

#include "lw-lint.h"
#include "lw-test-utils.h"

/* ---- building rule sets ---------------------------------------------------- */

static void
add_enum (LwConfig   *config,
          const char *id,
          const char *label,
          const char *values)
{
  LwProperty *property = lw_property_new (id, label, LW_PROPERTY_ENUM);
  g_auto(GStrv) split = g_strsplit (values, ",", -1);

  for (guint i = 0; split[i] != NULL; i++)
    g_ptr_array_add (property->options, lw_option_new (split[i], split[i]));
  g_ptr_array_add (config->properties, property);
}

static void
set_weekday_hours (LwRep   *rep,
                   guint16  start,
                   guint16  end)
{
  for (guint d = 0; d < 7; d++)
    {
      if (rep->hours.days[d] == NULL)
        rep->hours.days[d] = g_array_new (FALSE, FALSE, sizeof (LwInterval));
      g_array_set_size (rep->hours.days[d], 0);
      if (d < 5)
        {
          LwInterval interval = { start, end };

          g_array_append_val (rep->hours.days[d], interval);
        }
    }
}

static LwRep *
add_rep (LwConfig   *config,
         const char *id,
         gboolean    active,
         gboolean    has_hours)
{
  LwRep *rep = lw_rep_new (id, id);

  g_free (rep->email);
  rep->email = g_strdup_printf ("%s@example.com", id);
  g_free (rep->time_zone);
  rep->time_zone = g_strdup ("Europe/Berlin");
  rep->active = active;
  set_weekday_hours (rep, 9 * 60, 17 * 60);
  if (!has_hours)
    for (guint d = 0; d < 7; d++)
      g_array_set_size (rep->hours.days[d], 0);
  g_ptr_array_add (config->reps, rep);
  return rep;
}

static LwPool *
add_pool (LwConfig   *config,
          const char *id,
          const char *members)
{
  LwPool *pool = lw_pool_new (id, id);
  g_auto(GStrv) split = g_strsplit (members, ",", -1);

  for (guint i = 0; split[i] != NULL; i++)
    g_ptr_array_add (pool->members, g_strdup (split[i]));
  g_ptr_array_add (config->pools, pool);
  return pool;
}

static void
add_stage (LwConfig    *config,
           const char  *id,
           LwCondition *entry)
{
  LwStage *stage = lw_stage_new (id, id);

  g_clear_pointer (&stage->entry, lw_condition_free);
  stage->entry = entry;
  g_ptr_array_add (config->stages, stage);
}

static LwFilter *
filter (const char *property,
        LwOperator  op,
        const char *value)
{
  return lw_filter_new (property, op, value);
}

/* IN and NOT_IN, with comma-separated values. */
static LwFilter *
filter_list (const char *property,
             LwOperator  op,
             const char *values)
{
  LwFilter *f = lw_filter_new (property, op, NULL);

  g_strfreev (f->values);
  f->values = g_strsplit (values, ",", -1);
  return f;
}

static LwFilter *
filter_between (const char *property,
                const char *low,
                const char *high)
{
  LwFilter *f = lw_filter_new (property, LW_OP_BETWEEN, low);

  f->high_value = g_strdup (high);
  return f;
}

static void
add_group_va (LwCondition *condition,
              LwFilter    *first,
              va_list      args)
{
  LwFilterGroup *group = lw_filter_group_new ();

  for (LwFilter *f = first; f != NULL; f = va_arg (args, LwFilter *))
    g_ptr_array_add (group->filters, f);
  g_ptr_array_add (condition->groups, group);
}

/* A condition of one group: the filters ANDed, NULL-terminated. */
static LwCondition *
when (LwFilter *first,
      ...)
{
  LwCondition *condition = lw_condition_new ();
  va_list args;

  va_start (args, first);
  add_group_va (condition, first, args);
  va_end (args);
  return condition;
}

/* Adds an ORed group to @condition and returns it. */
static LwCondition *
or_when (LwCondition *condition,
         LwFilter    *first,
         ...)
{
  va_list args;

  va_start (args, first);
  add_group_va (condition, first, args);
  va_end (args);
  return condition;
}

/* A routing rule: OWNER gives ana, POOL the pool "sdrs", TERRITORY maps
 * region EMEA to ben. @condition NULL: every lead. */
static LwRoutingRule *
add_rule (LwConfig     *config,
          const char   *id,
          LwAssignKind  kind,
          LwCondition  *condition)
{
  LwRoutingRule *rule = lw_routing_rule_new (id, id, kind);
  LwTerritory *territory;

  g_clear_pointer (&rule->when, lw_condition_free);
  rule->when = condition != NULL ? condition : lw_condition_new ();

  switch (kind)
    {
    case LW_ASSIGN_OWNER:
      rule->target.owner = g_strdup ("ana");
      break;
    case LW_ASSIGN_POOL:
      rule->target.pool = g_strdup ("sdrs");
      break;
    case LW_ASSIGN_TERRITORY:
      g_free (rule->property);
      rule->property = g_strdup ("region");
      territory = lw_territory_new ();
      g_strfreev (territory->values);
      territory->values = g_strsplit ("EMEA", ",", -1);
      territory->target.owner = g_strdup ("ben");
      g_ptr_array_add (rule->territories, territory);
      break;
    case LW_ASSIGN_ACCOUNT_OWNER:
    default:
      break;
    }

  g_ptr_array_add (config->rules, rule);
  return rule;
}

static LwSlaPolicy *
add_policy (LwConfig    *config,
            const char  *id,
            LwCondition *condition)
{
  LwSlaPolicy *policy = lw_sla_policy_new (id, id, 60);

  g_clear_pointer (&policy->when, lw_condition_free);
  policy->when = condition != NULL ? condition : lw_condition_new ();
  g_ptr_array_add (config->policies, policy);
  return policy;
}

static LwCriterion *
add_criterion (GPtrArray   *criteria,
               const char  *id,
               int          points,
               LwCondition *condition,
               const char  *activity,
               guint        max_times)
{
  LwCriterion *criterion = lw_criterion_new (id, id, points);

  g_clear_pointer (&criterion->when, lw_condition_free);
  criterion->when = condition;
  g_free (criterion->activity);
  criterion->activity = g_strdup (activity);
  criterion->max_times = max_times;
  g_ptr_array_add (criteria, criterion);
  return criterion;
}

static LwConfig *
base_config_new (void)
{
  LwConfig *config = lw_config_new ();
  LwProperty *property;

  add_enum (config, "region", "Region", "EMEA,NA,LATAM,APAC");
  add_enum (config, "segment", "Segment", "SMB,MID,ENT");
  add_enum (config, "industry", "Industry", "Software,Computer hardware,Financial services");
  g_ptr_array_add (config->properties,
                   lw_property_new ("customer", "Customer", LW_PROPERTY_BOOLEAN));
  g_ptr_array_add (config->properties,
                   lw_property_new ("partner", "Partner", LW_PROPERTY_BOOLEAN));
  property = lw_property_new ("employees", "Employees", LW_PROPERTY_NUMBER);
  g_ptr_array_add (config->properties, property);
  g_ptr_array_add (config->activities, lw_activity_type_new ("demo", "Demo request"));

  g_ptr_array_add (config->statuses, lw_status_new ("new", "New"));
  add_stage (config, "lead", NULL);
  add_stage (config, "mql", NULL);

  config->scoring.mql_kind = LW_MQL_TOTAL;
  config->scoring.mql_total = 40;
  g_free (config->scoring.mql_stage);
  config->scoring.mql_stage = g_strdup ("mql");
  add_criterion (config->scoring.fit.criteria, "emea-fit", 50,
                 when (filter ("region", LW_OP_EQ, "EMEA"), NULL), NULL, 0);

  add_rep (config, "ana", TRUE, TRUE);
  add_rep (config, "ben", TRUE, TRUE);
  add_pool (config, "sdrs", "ana,ben");

  g_free (config->fallback.owner);
  config->fallback.owner = g_strdup ("ana");
  return config;
}

static void
print_diagnostics (GPtrArray *diagnostics)
{
  for (guint i = 0; i < diagnostics->len; i++)
    {
      g_autofree char *text = lw_diagnostic_format (g_ptr_array_index (diagnostics, i));
      g_printerr ("%s\n", text);
    }
}

/* Binds @config and lints it. */
static GPtrArray *
lint (LwConfig *config)
{
  GPtrArray *diagnostics = lw_diagnostics_new ();

  lw_test_bind_config (config);
  lw_lint_config (config, diagnostics);
  for (guint i = 0; i < diagnostics->len; i++)
    g_assert_cmpint (((LwDiagnostic *) g_ptr_array_index (diagnostics, i))->severity, ==,
                     LW_SEVERITY_WARNING);
  return diagnostics;
}

static void
assert_nothing_at (GPtrArray  *diagnostics,
                   const char *path)
{
  for (guint i = 0; i < diagnostics->len; i++)
    {
      const LwDiagnostic *d = g_ptr_array_index (diagnostics, i);

      if (g_strcmp0 (d->path, path) == 0)
        {
          g_printerr ("expected nothing at %s; got:\n", path);
          print_diagnostics (diagnostics);
          g_assert_not_reached ();
        }
    }
}

static void
assert_warning (GPtrArray  *diagnostics,
                const char *path,
                const char *fragment)
{
  lw_test_assert_diagnostic (diagnostics, LW_SEVERITY_WARNING, path, fragment);
}

/* The one warning at @path, asserting there is exactly one. */
static const LwDiagnostic *
get_only_warning (GPtrArray  *diagnostics,
                  const char *path)
{
  const LwDiagnostic *found = NULL;

  for (guint i = 0; i < diagnostics->len; i++)
    {
      const LwDiagnostic *d = g_ptr_array_index (diagnostics, i);

      if (g_strcmp0 (d->path, path) == 0)
        {
          if (found != NULL)
            print_diagnostics (diagnostics);
          g_assert_null (found);
          found = d;
        }
    }
  if (found == NULL)
    {
      g_printerr ("expected a warning at %s; got:\n", path);
      print_diagnostics (diagnostics);
    }
  g_assert_nonnull (found);
  return found;
}

/* Lints and checks that rule @index is (or is not) shadowed, both through
 * the warning and through lw_lint_rule_is_shadowed(). */
static GPtrArray *
lint_shadowed (LwConfig *config,
               guint     index,
               gboolean  shadowed)
{
  GPtrArray *diagnostics = lint (config);
  g_autofree char *path = g_strdup_printf ("$.routing.rules[%u]", index);

  if (shadowed)
    get_only_warning (diagnostics, path);
  else
    assert_nothing_at (diagnostics, path);
  g_assert_cmpint (lw_lint_rule_is_shadowed (config, index), ==, shadowed);
  return diagnostics;
}

/* ---- a clean rule set --------------------------------------------------------- */

static void
test_clean (void)
{
  g_autoptr(LwConfig) config = base_config_new ();
  g_autoptr(GPtrArray) diagnostics = NULL;

  add_rule (config, "emea", LW_ASSIGN_POOL, when (filter ("region", LW_OP_EQ, "EMEA"), NULL));
  add_rule (config, "accounts", LW_ASSIGN_ACCOUNT_OWNER, NULL);
  add_rule (config, "everyone", LW_ASSIGN_OWNER, NULL);
  add_policy (config, "emea", when (filter ("region", LW_OP_EQ, "EMEA"), NULL));
  add_policy (config, "rest", NULL);

  diagnostics = lint (config);
  if (diagnostics->len > 0)
    print_diagnostics (diagnostics);
  g_assert_cmpuint (diagnostics->len, ==, 0);
  for (guint i = 0; i < config->rules->len; i++)
    g_assert_false (lw_lint_rule_is_shadowed (config, i));
}

/* ---- 1. shadowed routing rules ------------------------------------------------ */

static LwConfig *
emea_smb_config_new (const char   *earlier_regions,
                     LwAssignKind  earlier_kind)
{
  LwConfig *config = base_config_new ();

  add_rule (config, "early", earlier_kind,
            when (filter_list ("region", LW_OP_IN, earlier_regions), NULL));
  add_rule (config, "emea-smb", LW_ASSIGN_OWNER,
            when (filter ("region", LW_OP_EQ, "EMEA"),
                  filter ("segment", LW_OP_EQ, "SMB"), NULL));
  return config;
}

static void
test_shadow_in_covers_eq (void)
{
  g_autoptr(LwConfig) config = emea_smb_config_new ("EMEA,NA", LW_ASSIGN_POOL);
  g_autoptr(LwConfig) other = emea_smb_config_new ("NA,LATAM", LW_ASSIGN_POOL);
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(GPtrArray) other_diagnostics = NULL;
  const LwDiagnostic *d;

  diagnostics = lint_shadowed (config, 1, TRUE);
  d = get_only_warning (diagnostics, "$.routing.rules[1]");
  g_assert_cmpstr (d->message, ==,
                   "rule \"emea-smb\" can never assign: rule \"early\" takes every lead it "
                   "matches");
  assert_nothing_at (diagnostics, "$.routing.rules[0]");
  g_assert_false (lw_lint_rule_is_shadowed (config, 0));

  other_diagnostics = lint_shadowed (other, 1, FALSE);
}

static void
test_shadow_only_taking_rules (void)
{
  LwAssignKind kinds[] = { LW_ASSIGN_ACCOUNT_OWNER, LW_ASSIGN_TERRITORY };

  /* An account-owner or territory rule passes on the leads it cannot
   * assign: it takes nothing for sure. */
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autoptr(LwConfig) config = emea_smb_config_new ("EMEA,NA", kinds[i]);
      g_autoptr(GPtrArray) diagnostics = lint_shadowed (config, 1, FALSE);
    }

  /* An owner rule takes all its leads, like a pool rule. */
  {
    g_autoptr(LwConfig) config = emea_smb_config_new ("EMEA,NA", LW_ASSIGN_OWNER);
    g_autoptr(GPtrArray) diagnostics = lint_shadowed (config, 1, TRUE);
  }
}

/* "early": region in EMEA, NA and @early_number (if any);
 * "emea-smb": region EMEA, segment SMB and @later_number (if any). */
static LwConfig *
opaque_config_new (LwFilter *early_number,
                   LwFilter *later_number)
{
  LwConfig *config = base_config_new ();

  add_rule (config, "early", LW_ASSIGN_POOL,
            when (filter_list ("region", LW_OP_IN, "EMEA,NA"), early_number, NULL));
  add_rule (config, "emea-smb", LW_ASSIGN_OWNER,
            when (filter ("region", LW_OP_EQ, "EMEA"),
                  filter ("segment", LW_OP_EQ, "SMB"), later_number, NULL));
  return config;
}

static void
test_shadow_opaque_filters (void)
{
  struct
  {
    const char *early_op;
    const char *early_value;
    const char *later_op;
    const char *later_value;
    gboolean    shadowed;
  } cases[] = {
    /* The earlier rule also needs employees > 500: small EMEA SMB leads
     * get through. */
    { "GT", "500", NULL, NULL, FALSE },
    /* The same filter on both: covered. */
    { "GT", "500", "GT", "500", TRUE },
    /* More than 1000 employees is more than 500. */
    { "GT", "500", "GT", "1000", TRUE },
    /* Exactly 500 is not more than 500. */
    { "GT", "500", "GTE", "500", FALSE },
    { "GTE", "500", "BETWEEN", NULL, TRUE },
    { "GT", "650", "BETWEEN", NULL, FALSE },
    { "LT", "100", "EQ", "50", TRUE },
    { "LT", "100", "EQ", "100", FALSE },
    { "HAS_PROPERTY", NULL, "LTE", "10", TRUE },
    { "NEQ", "7", "GT", "7", TRUE },
    { "NEQ", "7", "GTE", "7", FALSE },
    /* The filter only on the later rule narrows it further: still covered. */
    { NULL, NULL, "LT", "20", TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(LwConfig) config = NULL;
      g_autoptr(GPtrArray) diagnostics = NULL;
      LwFilter *early = NULL;
      LwFilter *later = NULL;
      LwOperator op;

      if (cases[i].early_op != NULL)
        {
          g_assert_true (lw_operator_from_string (cases[i].early_op, &op));
          early = filter ("employees", op, cases[i].early_value);
        }
      if (cases[i].later_op != NULL)
        {
          g_assert_true (lw_operator_from_string (cases[i].later_op, &op));
          later = op == LW_OP_BETWEEN ? filter_between ("employees", "600", "700")
                                      : filter ("employees", op, cases[i].later_value);
        }

      /* when() stops at the first NULL: put the number filter first. */
      config = base_config_new ();
      if (early != NULL)
        add_rule (config, "early", LW_ASSIGN_POOL,
                  when (early, filter_list ("region", LW_OP_IN, "EMEA,NA"), NULL));
      else
        add_rule (config, "early", LW_ASSIGN_POOL,
                  when (filter_list ("region", LW_OP_IN, "EMEA,NA"), NULL));
      if (later != NULL)
        add_rule (config, "emea-smb", LW_ASSIGN_OWNER,
                  when (later, filter ("region", LW_OP_EQ, "EMEA"),
                        filter ("segment", LW_OP_EQ, "SMB"), NULL));
      else
        add_rule (config, "emea-smb", LW_ASSIGN_OWNER,
                  when (filter ("region", LW_OP_EQ, "EMEA"),
                        filter ("segment", LW_OP_EQ, "SMB"), NULL));

      g_test_message ("case %u: early %s %s, later %s %s", i,
                      cases[i].early_op ? cases[i].early_op : "-",
                      cases[i].early_value ? cases[i].early_value : "",
                      cases[i].later_op ? cases[i].later_op : "-",
                      cases[i].later_value ? cases[i].later_value : "");
      diagnostics = lint_shadowed (config, 1, cases[i].shadowed);
    }

  /* opaque_config_new() is the plain form of the first two cases. */
  {
    g_autoptr(LwConfig) config =
      opaque_config_new (filter ("employees", LW_OP_GT, "500"), NULL);
    g_autoptr(GPtrArray) diagnostics = lint_shadowed (config, 1, FALSE);
  }
}

static LwConfig *
union_config_new (gboolean    with_smb,
                  gboolean    with_mid_ent,
                  LwCondition *later)
{
  LwConfig *config = base_config_new ();

  if (with_smb)
    add_rule (config, "smb", LW_ASSIGN_POOL, when (filter ("segment", LW_OP_EQ, "SMB"), NULL));
  if (with_mid_ent)
    add_rule (config, "mid-ent", LW_ASSIGN_OWNER,
              when (filter_list ("segment", LW_OP_IN, "MID,ENT"), NULL));
  add_rule (config, "later", LW_ASSIGN_OWNER, later);
  return config;
}

static LwCondition *
emea_with_segment (void)
{
  return when (filter ("region", LW_OP_EQ, "EMEA"),
               filter ("segment", LW_OP_HAS_PROPERTY, NULL), NULL);
}

static void
test_shadow_union (void)
{
  g_autoptr(LwConfig) both = union_config_new (TRUE, TRUE, emea_with_segment ());
  g_autoptr(LwConfig) smb_only = union_config_new (TRUE, FALSE, emea_with_segment ());
  g_autoptr(LwConfig) mid_ent_only = union_config_new (FALSE, TRUE, emea_with_segment ());
  g_autoptr(LwConfig) no_segment =
    union_config_new (TRUE, TRUE, when (filter ("region", LW_OP_EQ, "EMEA"), NULL));
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(GPtrArray) d2 = NULL;
  g_autoptr(GPtrArray) d3 = NULL;
  g_autoptr(GPtrArray) d4 = NULL;

  diagnostics = lint_shadowed (both, 2, TRUE);
  g_assert_cmpstr (get_only_warning (diagnostics, "$.routing.rules[2]")->message, ==,
                   "rule \"later\" can never assign: rules \"smb\", \"mid-ent\" take every "
                   "lead it matches");

  /* Neither alone covers every segment. */
  d2 = lint_shadowed (smb_only, 1, FALSE);
  d3 = lint_shadowed (mid_ent_only, 1, FALSE);

  /* Without "segment has a value", leads with no segment get through. */
  d4 = lint_shadowed (no_segment, 2, FALSE);
}

static void
test_shadow_boolean (void)
{
  /* true, then false: a lead with no value gets through. */
  {
    g_autoptr(LwConfig) config = base_config_new ();
    g_autoptr(GPtrArray) diagnostics = NULL;

    add_rule (config, "yes", LW_ASSIGN_POOL, when (filter ("customer", LW_OP_EQ, "true"), NULL));
    add_rule (config, "no", LW_ASSIGN_POOL, when (filter ("customer", LW_OP_EQ, "false"), NULL));
    add_rule (config, "emea", LW_ASSIGN_OWNER, when (filter ("region", LW_OP_EQ, "EMEA"), NULL));
    add_rule (config, "known", LW_ASSIGN_OWNER,
              when (filter ("customer", LW_OP_HAS_PROPERTY, NULL), NULL));
    diagnostics = lint_shadowed (config, 2, FALSE);
    assert_warning (diagnostics, "$.routing.rules[3]",
                    "rule \"known\" can never assign: rules \"yes\", \"no\" take every lead");
    g_assert_true (lw_lint_rule_is_shadowed (config, 3));
  }

  /* true, false, then no value: nothing gets through. */
  {
    g_autoptr(LwConfig) config = base_config_new ();
    g_autoptr(GPtrArray) diagnostics = NULL;

    add_rule (config, "yes", LW_ASSIGN_POOL, when (filter ("customer", LW_OP_EQ, "true"), NULL));
    add_rule (config, "no", LW_ASSIGN_POOL, when (filter ("customer", LW_OP_EQ, "false"), NULL));
    add_rule (config, "unknown", LW_ASSIGN_POOL,
              when (filter ("customer", LW_OP_NOT_HAS_PROPERTY, NULL), NULL));
    add_rule (config, "emea", LW_ASSIGN_OWNER, when (filter ("region", LW_OP_EQ, "EMEA"), NULL));
    diagnostics = lint_shadowed (config, 3, TRUE);
    assert_warning (diagnostics, "$.routing.rules[3]",
                    "rules \"yes\", \"no\", \"unknown\" take every lead it matches");
    g_assert_false (lw_lint_rule_is_shadowed (config, 2));
  }

  /* NEQ true takes false and no value. */
  {
    g_autoptr(LwConfig) config = base_config_new ();
    g_autoptr(GPtrArray) diagnostics = NULL;

    add_rule (config, "yes", LW_ASSIGN_POOL, when (filter ("customer", LW_OP_EQ, "true"), NULL));
    add_rule (config, "not-yes", LW_ASSIGN_POOL,
              when (filter ("customer", LW_OP_NEQ, "true"), NULL));
    add_rule (config, "emea", LW_ASSIGN_OWNER, when (filter ("region", LW_OP_EQ, "EMEA"), NULL));
    diagnostics = lint_shadowed (config, 2, TRUE);
    assert_warning (diagnostics, "$.routing.rules[2]",
                    "rules \"yes\", \"not-yes\" take every lead it matches");
  }

  /* IN [false] instead of NEQ true: no value gets through. */
  {
    g_autoptr(LwConfig) config = base_config_new ();
    g_autoptr(GPtrArray) diagnostics = NULL;

    add_rule (config, "yes", LW_ASSIGN_POOL, when (filter ("customer", LW_OP_EQ, "true"), NULL));
    add_rule (config, "false", LW_ASSIGN_POOL,
              when (filter_list ("customer", LW_OP_IN, "false"), NULL));
    add_rule (config, "emea", LW_ASSIGN_OWNER, when (filter ("region", LW_OP_EQ, "EMEA"), NULL));
    diagnostics = lint_shadowed (config, 2, FALSE);
  }
}

static void
test_shadow_builtin (void)
{
  g_autoptr(LwConfig) config = base_config_new ();
  g_autoptr(LwConfig) covered = base_config_new ();
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(GPtrArray) d2 = NULL;

  /* Built-in enums have their options (deal stage: none, open, won, lost;
   * lead status: the statuses), and a lead, one imported from a CRM for
   * instance, may have no value. */
  add_rule (config, "open", LW_ASSIGN_POOL,
            when (filter_list ("deal_stage", LW_OP_IN, "none,open"), NULL));
  add_rule (config, "closed", LW_ASSIGN_POOL,
            when (filter_list ("deal_stage", LW_OP_IN, "won,lost"), NULL));
  add_rule (config, "new", LW_ASSIGN_POOL,
            when (filter ("lead_status", LW_OP_EQ, "new"), NULL));
  add_rule (config, "emea", LW_ASSIGN_OWNER, when (filter ("region", LW_OP_EQ, "EMEA"), NULL));
  add_rule (config, "any-deal", LW_ASSIGN_OWNER,
            when (filter ("deal_stage", LW_OP_HAS_PROPERTY, NULL), NULL));
  add_rule (config, "status", LW_ASSIGN_OWNER,
            when (filter ("lead_status", LW_OP_HAS_PROPERTY, NULL), NULL));
  diagnostics = lint_shadowed (config, 3, FALSE);
  assert_warning (diagnostics, "$.routing.rules[4]",
                  "rules \"open\", \"closed\" take every lead it matches");
  /* "new" is the only status; leads with a deal stage went earlier. */
  assert_warning (diagnostics, "$.routing.rules[5]",
                  "rules \"open\", \"closed\", \"new\" take every lead it matches");
  /* No status and no deal stage, outside EMEA: only the fallback. */
  assert_warning (diagnostics, "$.routing.fallback",
                  "covers it: Lead status has no value and Deal stage has no value and "
                  "Region is not EMEA (or has no value)");
  g_assert_true (lw_lint_rule_is_shadowed (config, 5));

  add_rule (covered, "open", LW_ASSIGN_POOL,
            when (filter_list ("deal_stage", LW_OP_NOT_IN, "won,lost"), NULL));
  add_rule (covered, "closed", LW_ASSIGN_POOL,
            when (filter_list ("deal_stage", LW_OP_IN, "won,lost"), NULL));
  add_rule (covered, "emea", LW_ASSIGN_OWNER, when (filter ("region", LW_OP_EQ, "EMEA"), NULL));
  d2 = lint_shadowed (covered, 2, TRUE);
  assert_nothing_at (d2, "$.routing.fallback");
}

static LwConfig *
not_emea_config_new (LwFilter *first)
{
  LwConfig *config = base_config_new ();

  add_rule (config, "not-emea", LW_ASSIGN_POOL, when (first, NULL));
  add_rule (config, "emea", LW_ASSIGN_POOL, when (filter ("region", LW_OP_EQ, "EMEA"), NULL));
  add_rule (config, "smb", LW_ASSIGN_OWNER, when (filter ("segment", LW_OP_EQ, "SMB"), NULL));
  return config;
}

static void
test_shadow_missing_values (void)
{
  /* NEQ and NOT_IN hold for a lead with no region: with EQ EMEA they take
   * every lead. */
  g_autoptr(LwConfig) neq = not_emea_config_new (filter ("region", LW_OP_NEQ, "EMEA"));
  g_autoptr(LwConfig) not_in = not_emea_config_new (filter_list ("region", LW_OP_NOT_IN,
                                                                 "EMEA,NA"));
  /* IN the three other regions does not: no region gets through. */
  g_autoptr(LwConfig) in = not_emea_config_new (filter_list ("region", LW_OP_IN,
                                                             "NA,LATAM,APAC"));
  g_autoptr(GPtrArray) d1 = NULL;
  g_autoptr(GPtrArray) d2 = NULL;
  g_autoptr(GPtrArray) d3 = NULL;

  d1 = lint_shadowed (neq, 2, TRUE);
  g_assert_cmpstr (get_only_warning (d1, "$.routing.rules[2]")->message, ==,
                   "rule \"smb\" can never assign: rules \"not-emea\", \"emea\" take every "
                   "lead it matches");
  /* NOT_IN EMEA, NA leaves NA out. */
  d2 = lint_shadowed (not_in, 2, FALSE);
  d3 = lint_shadowed (in, 2, FALSE);
}

static void
test_shadow_always_first (void)
{
  g_autoptr(LwConfig) config = base_config_new ();
  g_autoptr(LwConfig) accounts = base_config_new ();
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(GPtrArray) d2 = NULL;

  add_rule (config, "everyone", LW_ASSIGN_OWNER, NULL);
  add_rule (config, "emea", LW_ASSIGN_POOL, when (filter ("region", LW_OP_EQ, "EMEA"), NULL));
  add_rule (config, "big", LW_ASSIGN_POOL, when (filter ("employees", LW_OP_GT, "5"), NULL));
  diagnostics = lint_shadowed (config, 1, TRUE);
  assert_warning (diagnostics, "$.routing.rules[1]", "rule \"everyone\" takes every lead");
  assert_warning (diagnostics, "$.routing.rules[2]", "rule \"everyone\" takes every lead");
  g_assert_false (lw_lint_rule_is_shadowed (config, 0));
  g_assert_true (lw_lint_rule_is_shadowed (config, 2));

  /* The same rule set behind an account-owner rule for every lead. */
  add_rule (accounts, "everyone", LW_ASSIGN_ACCOUNT_OWNER, NULL);
  add_rule (accounts, "emea", LW_ASSIGN_POOL, when (filter ("region", LW_OP_EQ, "EMEA"), NULL));
  add_rule (accounts, "big", LW_ASSIGN_POOL, when (filter ("employees", LW_OP_GT, "5"), NULL));
  d2 = lint_shadowed (accounts, 1, FALSE);
  g_assert_false (lw_lint_rule_is_shadowed (accounts, 2));
}

static void
test_shadow_unsatisfiable (void)
{
  g_autoptr(LwConfig) config = base_config_new ();
  g_autoptr(LwConfig) fine = base_config_new ();
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(GPtrArray) d2 = NULL;

  add_rule (config, "two-regions", LW_ASSIGN_POOL,
            when (filter ("region", LW_OP_EQ, "EMEA"), filter ("region", LW_OP_EQ, "NA"), NULL));
  add_rule (config, "inverted", LW_ASSIGN_POOL,
            when (filter ("employees", LW_OP_GT, "500"),
                  filter ("employees", LW_OP_LT, "100"), NULL));
  add_rule (config, "absent", LW_ASSIGN_POOL,
            when (filter ("employees", LW_OP_NOT_HAS_PROPERTY, NULL),
                  filter ("employees", LW_OP_GTE, "1"), NULL));
  add_rule (config, "yes-and-no", LW_ASSIGN_POOL,
            when (filter ("partner", LW_OP_EQ, "true"),
                  filter ("partner", LW_OP_NEQ, "true"), NULL));
  diagnostics = lint_shadowed (config, 0, TRUE);
  g_assert_cmpstr (get_only_warning (diagnostics, "$.routing.rules[0]")->message, ==,
                   "rule \"two-regions\" can never assign: no lead matches its condition");
  assert_warning (diagnostics, "$.routing.rules[1]",
                  "rule \"inverted\" can never assign: no lead matches its condition");
  assert_warning (diagnostics, "$.routing.rules[2]",
                  "rule \"absent\" can never assign: no lead matches its condition");
  assert_warning (diagnostics, "$.routing.rules[3]",
                  "rule \"yes-and-no\" can never assign: no lead matches its condition");
  for (guint i = 0; i < 4; i++)
    g_assert_true (lw_lint_rule_is_shadowed (config, i));

  /* Bounds the other way round, and a single bound each. */
  add_rule (fine, "range", LW_ASSIGN_POOL,
            when (filter ("employees", LW_OP_GT, "100"),
                  filter ("employees", LW_OP_LT, "500"), NULL));
  add_rule (fine, "one-region", LW_ASSIGN_POOL,
            when (filter ("region", LW_OP_EQ, "EMEA"), filter ("region", LW_OP_NEQ, "NA"), NULL));
  add_rule (fine, "edge", LW_ASSIGN_POOL,
            when (filter ("employees", LW_OP_GTE, "100"),
                  filter ("employees", LW_OP_LTE, "100"), NULL));
  d2 = lint_shadowed (fine, 0, FALSE);
  assert_nothing_at (d2, "$.routing.rules[1]");
  assert_nothing_at (d2, "$.routing.rules[2]");
}

static void
test_shadow_groups (void)
{
  /* Only one of two groups is covered: the rule still assigns. */
  {
    g_autoptr(LwConfig) config = base_config_new ();
    g_autoptr(GPtrArray) diagnostics = NULL;

    add_rule (config, "emea", LW_ASSIGN_POOL, when (filter ("region", LW_OP_EQ, "EMEA"), NULL));
    add_rule (config, "emea-or-na", LW_ASSIGN_OWNER,
              or_when (when (filter ("region", LW_OP_EQ, "EMEA"), NULL),
                       filter ("region", LW_OP_EQ, "NA"), NULL));
    diagnostics = lint_shadowed (config, 1, FALSE);
  }

  /* The second group matches nobody: the first is all there is. */
  {
    g_autoptr(LwConfig) config = base_config_new ();
    g_autoptr(GPtrArray) diagnostics = NULL;

    add_rule (config, "emea", LW_ASSIGN_POOL, when (filter ("region", LW_OP_EQ, "EMEA"), NULL));
    add_rule (config, "emea-or-nothing", LW_ASSIGN_OWNER,
              or_when (when (filter ("region", LW_OP_EQ, "EMEA"), NULL),
                       filter ("region", LW_OP_EQ, "NA"),
                       filter ("region", LW_OP_EQ, "APAC"), NULL));
    diagnostics = lint_shadowed (config, 1, TRUE);
  }

  /* An earlier rule of two groups covers a later rule across both. */
  {
    g_autoptr(LwConfig) config = base_config_new ();
    g_autoptr(GPtrArray) diagnostics = NULL;

    add_rule (config, "smb-or-emea", LW_ASSIGN_POOL,
              or_when (when (filter ("segment", LW_OP_EQ, "SMB"), NULL),
                       filter ("region", LW_OP_EQ, "EMEA"), NULL));
    add_rule (config, "emea-mid", LW_ASSIGN_OWNER,
              when (filter_list ("segment", LW_OP_IN, "SMB,MID"),
                    filter ("region", LW_OP_EQ, "EMEA"), NULL));
    add_rule (config, "na-mid", LW_ASSIGN_OWNER,
              when (filter_list ("segment", LW_OP_IN, "SMB,MID"),
                    filter ("region", LW_OP_EQ, "NA"), NULL));
    diagnostics = lint_shadowed (config, 1, TRUE);
    assert_nothing_at (diagnostics, "$.routing.rules[2]");
  }
}

static void
test_shadow_contains_token (void)
{
  g_autoptr(LwConfig) config = base_config_new ();
  g_autoptr(GPtrArray) diagnostics = NULL;

  add_rule (config, "hardware", LW_ASSIGN_POOL,
            when (filter ("industry", LW_OP_CONTAINS_TOKEN, "hardware"), NULL));
  add_rule (config, "computer-hardware", LW_ASSIGN_OWNER,
            when (filter ("industry", LW_OP_EQ, "Computer hardware"), NULL));
  add_rule (config, "software", LW_ASSIGN_OWNER,
            when (filter ("industry", LW_OP_EQ, "Software"), NULL));
  add_rule (config, "not-services", LW_ASSIGN_OWNER,
            when (filter ("industry", LW_OP_NOT_CONTAINS_TOKEN, "services"), NULL));
  add_rule (config, "known", LW_ASSIGN_OWNER,
            when (filter ("industry", LW_OP_HAS_PROPERTY, NULL), NULL));
  add_rule (config, "anything", LW_ASSIGN_OWNER,
            when (filter ("region", LW_OP_EQ, "EMEA"), NULL));

  diagnostics = lint_shadowed (config, 1, TRUE);
  assert_warning (diagnostics, "$.routing.rules[1]", "rule \"hardware\" takes every lead");
  assert_nothing_at (diagnostics, "$.routing.rules[2]");
  /* not-services takes Software, Computer hardware and no value: only
   * Financial services is left to "known". */
  assert_nothing_at (diagnostics, "$.routing.rules[3]");
  assert_nothing_at (diagnostics, "$.routing.rules[4]");
  assert_warning (diagnostics, "$.routing.rules[5]",
                  "rules \"hardware\", \"software\", \"not-services\", \"known\" take "
                  "every lead it matches");
}

static void
test_shadow_many_options (void)
{
  g_autoptr(LwConfig) config = base_config_new ();
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(GString) options = g_string_new (NULL);
  g_autoptr(GString) low = g_string_new (NULL);
  g_autoptr(GString) high = g_string_new (NULL);
  guint first_slice;

  /* 200 options: the bitsets span four words. */
  for (guint i = 0; i < 200; i++)
    {
      g_string_append_printf (options, "%sc%03u", i > 0 ? "," : "", i);
      if (i < 150)
        g_string_append_printf (low, "%sc%03u", i > 0 ? "," : "", i);
      if (i >= 100)
        g_string_append_printf (high, "%sc%03u", i > 100 ? "," : "", i);
    }
  add_enum (config, "country", "Country", options->str);

  add_rule (config, "low", LW_ASSIGN_POOL,
            when (filter_list ("country", LW_OP_IN, low->str), NULL));
  add_rule (config, "high", LW_ASSIGN_POOL,
            when (filter_list ("country", LW_OP_IN, high->str), NULL));
  add_rule (config, "c170", LW_ASSIGN_OWNER, when (filter ("country", LW_OP_EQ, "c170"), NULL));
  add_rule (config, "c120", LW_ASSIGN_OWNER, when (filter ("country", LW_OP_EQ, "c120"), NULL));
  add_rule (config, "known", LW_ASSIGN_OWNER,
            when (filter ("country", LW_OP_HAS_PROPERTY, NULL), NULL));
  add_rule (config, "not-c005", LW_ASSIGN_OWNER,
            when (filter ("country", LW_OP_NEQ, "c005"), NULL));

  /* 40 rules of 5 countries each, then every country in SMB. */
  first_slice = config->rules->len;
  for (guint r = 0; r < 40; r++)
    {
      g_autoptr(GString) slice = g_string_new (NULL);
      g_autofree char *id = g_strdup_printf ("slice%u", r);

      for (guint i = 5 * r; i < 5 * r + 5; i++)
        g_string_append_printf (slice, "%sc%03u", i > 5 * r ? "," : "", i);
      add_rule (config, id, LW_ASSIGN_POOL,
                when (filter ("segment", LW_OP_EQ, "SMB"),
                      filter_list ("country", LW_OP_IN, slice->str), NULL));
    }
  add_rule (config, "smb-known", LW_ASSIGN_OWNER,
            when (filter ("country", LW_OP_HAS_PROPERTY, NULL),
                  filter ("segment", LW_OP_EQ, "SMB"), NULL));

  diagnostics = lint (config);
  /* c170 is only in "high"; c120 is in both, and "low" comes first. */
  g_assert_cmpstr (get_only_warning (diagnostics, "$.routing.rules[2]")->message, ==,
                   "rule \"c170\" can never assign: rule \"high\" takes every lead it matches");
  g_assert_cmpstr (get_only_warning (diagnostics, "$.routing.rules[3]")->message, ==,
                   "rule \"c120\" can never assign: rule \"low\" takes every lead it matches");
  assert_warning (diagnostics, "$.routing.rules[4]",
                  "rules \"low\", \"high\" take every lead it matches");
  assert_nothing_at (diagnostics, "$.routing.rules[5]");
  g_assert_false (lw_lint_rule_is_shadowed (config, 5));
  /* Every slice is under "low" or "high". */
  for (guint r = 0; r < 40; r++)
    g_assert_true (lw_lint_rule_is_shadowed (config, first_slice + r));
  g_assert_true (lw_lint_rule_is_shadowed (config, first_slice + 40));
}

static void
test_shadow_slices_cover (void)
{
  g_autoptr(LwConfig) config = base_config_new ();
  g_autoptr(LwConfig) gap = base_config_new ();
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(GPtrArray) gap_diagnostics = NULL;
  g_autoptr(GString) options = g_string_new (NULL);

  for (guint i = 0; i < 100; i++)
    g_string_append_printf (options, "%sc%02u", i > 0 ? "," : "", i);
  add_enum (config, "country", "Country", options->str);
  add_enum (gap, "country", "Country", options->str);

  /* Slices of 10 countries by segment: the union covers every SMB or MID
   * lead with a country, only when no slice is left out. */
  for (guint r = 0; r < 20; r++)
    {
      g_autoptr(GString) slice = g_string_new (NULL);
      g_autofree char *id = g_strdup_printf ("s%u", r);

      for (guint i = 10 * (r / 2); i < 10 * (r / 2) + 10; i++)
        g_string_append_printf (slice, "%sc%02u", slice->len > 0 ? "," : "", i);
      add_rule (config, id, LW_ASSIGN_POOL,
                when (filter ("segment", LW_OP_EQ, r % 2 == 0 ? "SMB" : "MID"),
                      filter_list ("country", LW_OP_IN, slice->str), NULL));
      if (r != 13)
        add_rule (gap, id, LW_ASSIGN_POOL,
                  when (filter ("segment", LW_OP_EQ, r % 2 == 0 ? "SMB" : "MID"),
                        filter_list ("country", LW_OP_IN, slice->str), NULL));
    }
  add_rule (config, "smb-mid", LW_ASSIGN_OWNER,
            when (filter_list ("segment", LW_OP_IN, "SMB,MID"),
                  filter ("country", LW_OP_HAS_PROPERTY, NULL), NULL));
  add_rule (gap, "smb-mid", LW_ASSIGN_OWNER,
            when (filter_list ("segment", LW_OP_IN, "SMB,MID"),
                  filter ("country", LW_OP_HAS_PROPERTY, NULL), NULL));

  diagnostics = lint_shadowed (config, 20, TRUE);
  assert_warning (diagnostics, "$.routing.rules[20]",
                  "rules \"s0\", \"s1\", \"s2\", \"s3\", \"s4\"");
  /* Without s13 (MID in c60-c69) those leads reach "smb-mid". */
  gap_diagnostics = lint_shadowed (gap, 19, FALSE);
}

/* ---- 2. segments that reach only the fallback owner ------------------------------ */

static void
test_fallback_segments (void)
{
  g_autoptr(LwConfig) config = base_config_new ();
  g_autoptr(LwConfig) covered = base_config_new ();
  g_autoptr(LwConfig) narrow = base_config_new ();
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(GPtrArray) d2 = NULL;
  g_autoptr(GPtrArray) d3 = NULL;

  add_rule (config, "emea", LW_ASSIGN_POOL, when (filter ("region", LW_OP_EQ, "EMEA"), NULL));
  add_rule (config, "na-smb", LW_ASSIGN_OWNER,
            when (filter ("region", LW_OP_EQ, "NA"), filter ("segment", LW_OP_EQ, "SMB"), NULL));
  diagnostics = lint (config);
  g_assert_cmpstr (get_only_warning (diagnostics, "$.routing.fallback")->message, ==,
                   "2 segments reach only the fallback owner, as no rule that always assigns "
                   "covers them: Region is LATAM or APAC (or has no value); "
                   "Region is NA and Segment is not SMB (or has no value)");

  /* A last rule for every lead: nothing is left to the fallback. */
  add_rule (covered, "emea", LW_ASSIGN_POOL, when (filter ("region", LW_OP_EQ, "EMEA"), NULL));
  add_rule (covered, "na-smb", LW_ASSIGN_OWNER,
            when (filter ("region", LW_OP_EQ, "NA"), filter ("segment", LW_OP_EQ, "SMB"), NULL));
  add_rule (covered, "rest", LW_ASSIGN_POOL, NULL);
  d2 = lint (covered);
  assert_nothing_at (d2, "$.routing.fallback");

  /* A last rule that also needs a number covers nothing for sure. */
  add_rule (narrow, "emea", LW_ASSIGN_POOL, when (filter ("region", LW_OP_EQ, "EMEA"), NULL));
  add_rule (narrow, "rest", LW_ASSIGN_POOL,
            when (filter ("employees", LW_OP_GTE, "0"), NULL));
  d3 = lint (narrow);
  g_assert_cmpstr (get_only_warning (d3, "$.routing.fallback")->message, ==,
                   "1 segment reaches only the fallback owner, as no rule that always assigns "
                   "covers it: Region is not EMEA (or has no value)");
}

static void
test_fallback_missing_value (void)
{
  g_autoptr(LwConfig) config = base_config_new ();
  g_autoptr(LwConfig) covered = base_config_new ();
  g_autoptr(LwConfig) absent = base_config_new ();
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(GPtrArray) d2 = NULL;
  g_autoptr(GPtrArray) d3 = NULL;

  add_rule (config, "emea-na", LW_ASSIGN_POOL,
            when (filter_list ("region", LW_OP_IN, "EMEA,NA"), NULL));
  add_rule (config, "latam-apac", LW_ASSIGN_POOL,
            when (filter_list ("region", LW_OP_IN, "LATAM,APAC"), NULL));
  diagnostics = lint (config);
  assert_warning (diagnostics, "$.routing.fallback",
                  "1 segment reaches only the fallback owner");
  assert_warning (diagnostics, "$.routing.fallback", "covers it: Region has no value");

  add_rule (covered, "emea-na", LW_ASSIGN_POOL,
            when (filter_list ("region", LW_OP_IN, "EMEA,NA"), NULL));
  add_rule (covered, "latam-apac", LW_ASSIGN_POOL,
            when (filter_list ("region", LW_OP_IN, "LATAM,APAC"), NULL));
  add_rule (covered, "no-region", LW_ASSIGN_OWNER,
            when (filter ("region", LW_OP_NOT_HAS_PROPERTY, NULL), NULL));
  d2 = lint (covered);
  assert_nothing_at (d2, "$.routing.fallback");

  /* Leads without a region are taken; those in NA, LATAM, APAC are not. */
  add_rule (absent, "no-region", LW_ASSIGN_OWNER,
            when (filter ("region", LW_OP_NOT_HAS_PROPERTY, NULL), NULL));
  add_rule (absent, "emea", LW_ASSIGN_OWNER, when (filter ("region", LW_OP_EQ, "EMEA"), NULL));
  d3 = lint (absent);
  assert_warning (d3, "$.routing.fallback",
                  "covers it: Region has a value other than EMEA");
}

static void
test_fallback_account_owner (void)
{
  g_autoptr(LwConfig) config = base_config_new ();
  g_autoptr(LwConfig) only_accounts = base_config_new ();
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(GPtrArray) d2 = NULL;

  /* The account-owner rule may pass every lead on. */
  add_rule (config, "accounts", LW_ASSIGN_ACCOUNT_OWNER, NULL);
  add_rule (config, "customers", LW_ASSIGN_POOL,
            when (filter ("customer", LW_OP_EQ, "true"), NULL));
  diagnostics = lint (config);
  g_assert_cmpstr (get_only_warning (diagnostics, "$.routing.fallback")->message, ==,
                   "1 segment reaches only the fallback owner, as no rule that always assigns "
                   "covers it: Customer is false (or has no value)");

  /* No rule that always assigns: the fallback is the plan, not a gap. */
  add_rule (only_accounts, "accounts", LW_ASSIGN_ACCOUNT_OWNER, NULL);
  add_rule (only_accounts, "emea", LW_ASSIGN_TERRITORY,
            when (filter ("region", LW_OP_EQ, "EMEA"), NULL));
  d2 = lint (only_accounts);
  assert_nothing_at (d2, "$.routing.fallback");
}

static void
test_fallback_many_segments (void)
{
  g_autoptr(LwConfig) config = base_config_new ();
  g_autoptr(GPtrArray) diagnostics = NULL;
  const LwDiagnostic *d;

  /* One rule over four properties leaves four segments. */
  add_rule (config, "narrow", LW_ASSIGN_POOL,
            when (filter ("region", LW_OP_EQ, "EMEA"),
                  filter ("segment", LW_OP_EQ, "SMB"),
                  filter ("customer", LW_OP_EQ, "true"),
                  filter ("partner", LW_OP_EQ, "true"), NULL));
  diagnostics = lint (config);
  d = get_only_warning (diagnostics, "$.routing.fallback");
  g_assert_cmpstr (d->message, ==,
                   "4 segments reach only the fallback owner, as no rule that always assigns "
                   "covers them: Region is not EMEA (or has no value); "
                   "Region is EMEA and Segment is not SMB (or has no value); "
                   "Region is EMEA and Segment is SMB and Customer is false (or has no value); "
                   "and 1 more");
}

static void
test_fallback_no_value (void)
{
  g_autoptr(LwConfig) config = base_config_new ();
  g_autoptr(GPtrArray) diagnostics = NULL;

  /* region EMEA takes one piece; NA with a segment another: what is left,
   * NA without a segment, LATAM, APAC and no region, is said as two. */
  add_rule (config, "emea", LW_ASSIGN_POOL, when (filter ("region", LW_OP_EQ, "EMEA"), NULL));
  add_rule (config, "na", LW_ASSIGN_POOL,
            when (filter ("region", LW_OP_EQ, "NA"),
                  filter ("segment", LW_OP_HAS_PROPERTY, NULL), NULL));
  add_rule (config, "latam", LW_ASSIGN_POOL,
            when (filter ("region", LW_OP_EQ, "LATAM"), NULL));
  add_rule (config, "apac", LW_ASSIGN_POOL,
            when (filter ("region", LW_OP_EQ, "APAC"), NULL));
  diagnostics = lint (config);
  g_assert_cmpstr (get_only_warning (diagnostics, "$.routing.fallback")->message, ==,
                   "2 segments reach only the fallback owner, as no rule that always assigns "
                   "covers them: Region has no value; Region is NA and Segment has no value");
}

static void
test_fallback_merged (void)
{
  g_autoptr(LwConfig) config = base_config_new ();
  g_autoptr(GPtrArray) diagnostics = NULL;

  /* Subtraction leaves three pieces: LATAM, APAC or no region; NA but not
   * SMB; EMEA but not SMB. The last two differ only in the region and are
   * said as one. */
  add_rule (config, "emea-smb", LW_ASSIGN_POOL,
            when (filter ("region", LW_OP_EQ, "EMEA"), filter ("segment", LW_OP_EQ, "SMB"), NULL));
  add_rule (config, "na-smb", LW_ASSIGN_POOL,
            when (filter ("region", LW_OP_EQ, "NA"), filter ("segment", LW_OP_EQ, "SMB"), NULL));
  diagnostics = lint (config);
  g_assert_cmpstr (get_only_warning (diagnostics, "$.routing.fallback")->message, ==,
                   "2 segments reach only the fallback owner, as no rule that always assigns "
                   "covers them: Region is LATAM or APAC (or has no value); "
                   "Region is EMEA or NA and Segment is not SMB (or has no value)");
}

static void
test_fallback_budget (void)
{
  g_autoptr(LwConfig) config = base_config_new ();
  g_autoptr(LwConfig) small = base_config_new ();
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(GPtrArray) d2 = NULL;
  const guint n = 28;

  /* Rules "flag i and flag i + 1 are both true" leave every lead without
   * two neighbouring true flags to the fallback: more pieces than one
   * decision may make. The check gives up quietly rather than guess. */
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("f%u", i);

      g_ptr_array_add (config->properties, lw_property_new (id, id, LW_PROPERTY_BOOLEAN));
      if (i < 4)
        g_ptr_array_add (small->properties, lw_property_new (id, id, LW_PROPERTY_BOOLEAN));
    }
  for (guint i = 0; i + 1 < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("pair%u", i);
      g_autofree char *a = g_strdup_printf ("f%u", i);
      g_autofree char *b = g_strdup_printf ("f%u", i + 1);

      add_rule (config, id, LW_ASSIGN_POOL,
                when (filter (a, LW_OP_EQ, "true"), filter (b, LW_OP_EQ, "true"), NULL));
      if (i + 1 < 4)
        add_rule (small, id, LW_ASSIGN_POOL,
                  when (filter (a, LW_OP_EQ, "true"), filter (b, LW_OP_EQ, "true"), NULL));
    }

  diagnostics = lint (config);
  assert_nothing_at (diagnostics, "$.routing.fallback");

  /* With four flags the same rules leave a handful of segments. */
  d2 = lint (small);
  assert_warning (d2, "$.routing.fallback", "segments reach only the fallback owner");
}

/* ---- 3. an MQL threshold nobody reaches ----------------------------------------- */

/* fit: region EMEA 30, employees >= 100 20, cap 40; engagement: demo 10
 * points up to twice (20), or without a limit when @unbounded. */
static LwConfig *
mql_config_new (gboolean unbounded)
{
  LwConfig *config = base_config_new ();

  g_ptr_array_set_size (config->scoring.fit.criteria, 0);
  add_criterion (config->scoring.fit.criteria, "emea-fit", 30,
                 when (filter ("region", LW_OP_EQ, "EMEA"), NULL), NULL, 0);
  add_criterion (config->scoring.fit.criteria, "big", 20,
                 when (filter ("employees", LW_OP_GTE, "100"), NULL), NULL, 0);
  add_criterion (config->scoring.fit.criteria, "student", -15,
                 when (filter ("segment", LW_OP_EQ, "SMB"), NULL), NULL, 0);
  config->scoring.fit.has_cap = TRUE;
  config->scoring.fit.cap = 40;
  add_criterion (config->scoring.engagement.criteria, "demo", 10, NULL, "demo",
                 unbounded ? 0 : 2);
  return config;
}

static void
test_mql_total (void)
{
  g_autoptr(LwConfig) config = mql_config_new (FALSE);
  g_autoptr(LwConfig) reachable = mql_config_new (FALSE);
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(GPtrArray) d2 = NULL;

  config->scoring.mql_total = 61;
  diagnostics = lint (config);
  g_assert_cmpstr (get_only_warning (diagnostics, "$.scoring.mql")->message, ==,
                   "no lead can reach the MQL threshold fit + engagement ≥ 61: the highest "
                   "possible total after caps is 60 (fit 40, engagement 20)");

  reachable->scoring.mql_total = 60;
  d2 = lint (reachable);
  assert_nothing_at (d2, "$.scoring.mql");
}

static void
test_mql_both (void)
{
  g_autoptr(LwConfig) fit = mql_config_new (FALSE);
  g_autoptr(LwConfig) engagement = mql_config_new (FALSE);
  g_autoptr(LwConfig) reachable = mql_config_new (FALSE);
  g_autoptr(GPtrArray) d1 = NULL;
  g_autoptr(GPtrArray) d2 = NULL;
  g_autoptr(GPtrArray) d3 = NULL;

  fit->scoring.mql_kind = LW_MQL_BOTH;
  fit->scoring.mql_fit = 41;
  fit->scoring.mql_engagement = 20;
  d1 = lint (fit);
  g_assert_cmpstr (get_only_warning (d1, "$.scoring.mql")->message, ==,
                   "no lead can reach the MQL threshold fit ≥ 41: the highest possible fit "
                   "score after caps is 40");

  engagement->scoring.mql_kind = LW_MQL_BOTH;
  engagement->scoring.mql_fit = 40;
  engagement->scoring.mql_engagement = 21;
  d2 = lint (engagement);
  g_assert_cmpstr (get_only_warning (d2, "$.scoring.mql")->message, ==,
                   "no lead can reach the MQL threshold engagement ≥ 21: the highest "
                   "possible engagement score after caps is 20");

  reachable->scoring.mql_kind = LW_MQL_BOTH;
  reachable->scoring.mql_fit = 40;
  reachable->scoring.mql_engagement = 20;
  d3 = lint (reachable);
  assert_nothing_at (d3, "$.scoring.mql");
}

static void
test_mql_unbounded (void)
{
  g_autoptr(LwConfig) config = mql_config_new (TRUE);
  g_autoptr(LwConfig) capped = mql_config_new (TRUE);
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(GPtrArray) d2 = NULL;

  /* Demo requests count without a limit: any total can be reached. */
  config->scoring.mql_total = 1000;
  diagnostics = lint (config);
  assert_nothing_at (diagnostics, "$.scoring.mql");

  /* ... until engagement is capped at 50. */
  capped->scoring.mql_total = 1000;
  capped->scoring.engagement.has_cap = TRUE;
  capped->scoring.engagement.cap = 50;
  d2 = lint (capped);
  assert_warning (d2, "$.scoring.mql", "the highest possible total after caps is 90 "
                  "(fit 40, engagement 50)");
}

/* ---- 4. stages nobody enters ---------------------------------------------------- */

static void
test_stages (void)
{
  g_autoptr(LwConfig) config = base_config_new ();
  g_autoptr(GPtrArray) diagnostics = NULL;
  LwPath *path;

  add_stage (config, "sql", when (filter ("employees", LW_OP_GT, "500"),
                                  filter ("employees", LW_OP_LT, "100"), NULL));
  add_stage (config, "opportunity", when (filter ("region", LW_OP_EQ, "EMEA"),
                                          filter ("region", LW_OP_EQ, "NA"), NULL));
  add_stage (config, "customer", NULL);
  add_stage (config, "evangelist", NULL);
  add_stage (config, "won", when (filter ("employees", LW_OP_GT, "100"),
                                  filter ("employees", LW_OP_LT, "500"), NULL));
  add_stage (config, "either", or_when (when (filter ("region", LW_OP_EQ, "EMEA"),
                                              filter ("region", LW_OP_EQ, "NA"), NULL),
                                        filter ("partner", LW_OP_EQ, "true"), NULL));

  path = lw_path_new ("back", LW_PATH_RECYCLE);
  g_free (path->from_status);
  path->from_status = g_strdup ("new");
  g_free (path->to_stage);
  path->to_stage = g_strdup ("evangelist");
  path->after_days = 30;
  g_ptr_array_add (config->paths, path);

  diagnostics = lint (config);
  /* 0 lead: the first stage; 1 mql: the MQL stage. */
  assert_nothing_at (diagnostics, "$.lifecycle.stages[0]");
  assert_nothing_at (diagnostics, "$.lifecycle.stages[1]");
  g_assert_cmpstr (get_only_warning (diagnostics, "$.lifecycle.stages[2]")->message, ==,
                   "stage \"sql\" can never be entered: no lead matches its entry criteria");
  assert_warning (diagnostics, "$.lifecycle.stages[3]",
                  "stage \"opportunity\" can never be entered: no lead matches");
  g_assert_cmpstr (get_only_warning (diagnostics, "$.lifecycle.stages[4]")->message, ==,
                   "stage \"customer\" can never be entered: it has no entry criteria, it is "
                   "not the MQL stage and no recycle or disqualify path leads to it");
  /* A path leads to evangelist; won's bounds leave 101 to 499; either's
   * second group holds for partners. */
  assert_nothing_at (diagnostics, "$.lifecycle.stages[5]");
  assert_nothing_at (diagnostics, "$.lifecycle.stages[6]");
  assert_nothing_at (diagnostics, "$.lifecycle.stages[7]");
}

static void
test_stages_first_and_mql (void)
{
  g_autoptr(LwConfig) config = base_config_new ();
  g_autoptr(GPtrArray) diagnostics = NULL;

  /* A first stage that nobody matches is still where leads start; an MQL
   * stage without criteria is reached by the threshold. */
  g_clear_pointer (&((LwStage *) g_ptr_array_index (config->stages, 0))->entry,
                   lw_condition_free);
  ((LwStage *) g_ptr_array_index (config->stages, 0))->entry =
    when (filter ("employees", LW_OP_GT, "5"), filter ("employees", LW_OP_LT, "5"), NULL);
  diagnostics = lint (config);
  assert_nothing_at (diagnostics, "$.lifecycle.stages[0]");
  assert_nothing_at (diagnostics, "$.lifecycle.stages[1]");

  /* The same MQL stage when the threshold points elsewhere. */
  {
    g_autoptr(LwConfig) other = base_config_new ();
    g_autoptr(GPtrArray) d2 = NULL;

    add_stage (other, "sql", NULL);
    g_free (other->scoring.mql_stage);
    other->scoring.mql_stage = g_strdup ("sql");
    d2 = lint (other);
    assert_warning (d2, "$.lifecycle.stages[1]", "stage \"mql\" can never be entered");
    assert_nothing_at (d2, "$.lifecycle.stages[2]");
  }
}

/* ---- 5. SLA policies that never apply ------------------------------------------- */

static LwConfig *
sla_config_new (const char *second_region)
{
  LwConfig *config = base_config_new ();

  add_policy (config, "emea-na", when (filter_list ("region", LW_OP_IN, "EMEA,NA"), NULL));
  add_policy (config, "second", when (filter ("region", LW_OP_EQ, second_region), NULL));
  add_policy (config, "impossible", when (filter ("segment", LW_OP_EQ, "SMB"),
                                          filter ("segment", LW_OP_EQ, "ENT"), NULL));
  add_policy (config, "big", when (filter ("employees", LW_OP_GT, "1000"), NULL));
  add_policy (config, "rest", NULL);
  add_policy (config, "after-rest", when (filter ("partner", LW_OP_EQ, "true"), NULL));
  return config;
}

static void
test_slas (void)
{
  g_autoptr(LwConfig) config = sla_config_new ("EMEA");
  g_autoptr(LwConfig) other = sla_config_new ("LATAM");
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(GPtrArray) d2 = NULL;

  diagnostics = lint (config);
  assert_nothing_at (diagnostics, "$.slas[0]");
  g_assert_cmpstr (get_only_warning (diagnostics, "$.slas[1]")->message, ==,
                   "SLA policy \"second\" never applies: policy \"emea-na\" comes first for "
                   "every lead it matches");
  g_assert_cmpstr (get_only_warning (diagnostics, "$.slas[2]")->message, ==,
                   "SLA policy \"impossible\" never applies: no lead matches its condition");
  assert_nothing_at (diagnostics, "$.slas[3]");
  assert_nothing_at (diagnostics, "$.slas[4]");
  /* emea-na comes first for partners in EMEA and NA, rest for the others. */
  g_assert_cmpstr (get_only_warning (diagnostics, "$.slas[5]")->message, ==,
                   "SLA policy \"after-rest\" never applies: policies \"emea-na\", \"rest\" "
                   "come first for every lead it matches");

  d2 = lint (other);
  assert_nothing_at (d2, "$.slas[1]");
  assert_warning (d2, "$.slas[2]", "no lead matches its condition");
}

/* ---- 6. the team ---------------------------------------------------------------- */

static void
test_team (void)
{
  g_autoptr(LwConfig) config = base_config_new ();
  g_autoptr(LwConfig) fine = base_config_new ();
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(GPtrArray) d2 = NULL;

  add_rep (config, "carl", FALSE, FALSE);   /* reps[2]: inactive, no hours */
  add_rep (config, "dora", TRUE, FALSE);    /* reps[3]: active, no hours */
  add_rep (config, "emil", FALSE, TRUE);    /* reps[4]: inactive */
  add_pool (config, "dormant", "carl,emil");
  add_pool (config, "mixed", "carl,dora");

  diagnostics = lint (config);
  assert_nothing_at (diagnostics, "$.team.pools[0]");
  g_assert_cmpstr (get_only_warning (diagnostics, "$.team.pools[1]")->message, ==,
                   "pool \"dormant\" has no active member: it can never pick anyone");
  assert_nothing_at (diagnostics, "$.team.pools[2]");
  assert_nothing_at (diagnostics, "$.team.reps[2].workingHours");
  assert_warning (diagnostics, "$.team.reps[3].workingHours",
                  "rep \"dora\" is active but has no working hours");
  assert_nothing_at (diagnostics, "$.team.reps[4].workingHours");

  /* The same team with emil active and dora given hours. */
  add_rep (fine, "carl", FALSE, FALSE);
  add_rep (fine, "dora", TRUE, TRUE);
  add_rep (fine, "emil", TRUE, TRUE);
  add_pool (fine, "dormant", "carl,emil");
  add_pool (fine, "mixed", "carl,dora");
  d2 = lint (fine);
  g_assert_cmpuint (d2->len, ==, 0);
}

/* ---- the sample playbook ------------------------------------------------------ */

static void
test_sample (void)
{
  g_autoptr(LwConfig) config = lw_test_load_sample ();
  g_autoptr(GPtrArray) diagnostics = lw_diagnostics_new ();
  g_autoptr(GPtrArray) without_last = lw_diagnostics_new ();
  const LwRoutingRule *last;

  /* The playbook every workspace starts with is free of warnings. */
  lw_lint_config (config, diagnostics);
  if (diagnostics->len > 0)
    print_diagnostics (diagnostics);
  g_assert_cmpuint (diagnostics->len, ==, 0);

  /* Its last rule sends every lead to a pool; without it, leads with no
   * region reach only the fallback owner. */
  g_assert_cmpuint (config->rules->len, >, 0);
  last = g_ptr_array_index (config->rules, config->rules->len - 1);
  g_assert_true (lw_condition_is_always (last->when));
  g_assert_true (last->kind == LW_ASSIGN_POOL || last->kind == LW_ASSIGN_OWNER);
  g_ptr_array_remove_index (config->rules, config->rules->len - 1);
  lw_test_bind_config (config);
  lw_lint_config (config, without_last);
  assert_warning (without_last, "$.routing.fallback", "Region has no value");
}

/* ---- bad calls ------------------------------------------------------------------ */

static void
test_bad_calls (void)
{
  g_autoptr(LwConfig) config = base_config_new ();
  g_autoptr(GPtrArray) diagnostics = lw_diagnostics_new ();

  add_rule (config, "emea", LW_ASSIGN_POOL, when (filter ("region", LW_OP_EQ, "EMEA"), NULL));

  /* Not bound yet. */
  g_test_expect_message ("leadwright-engine", G_LOG_LEVEL_CRITICAL, "*bound*");
  lw_lint_config (config, diagnostics);
  g_test_assert_expected_messages ();
  g_assert_cmpuint (diagnostics->len, ==, 0);

  lw_test_bind_config (config);
  g_test_expect_message ("leadwright-engine", G_LOG_LEVEL_CRITICAL, "*index*");
  g_assert_false (lw_lint_rule_is_shadowed (config, 1));
  g_test_assert_expected_messages ();
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/lint/clean", test_clean);
  g_test_add_func ("/lint/shadow/in-covers-eq", test_shadow_in_covers_eq);
  g_test_add_func ("/lint/shadow/only-taking-rules", test_shadow_only_taking_rules);
  g_test_add_func ("/lint/shadow/opaque-filters", test_shadow_opaque_filters);
  g_test_add_func ("/lint/shadow/union", test_shadow_union);
  g_test_add_func ("/lint/shadow/boolean", test_shadow_boolean);
  g_test_add_func ("/lint/shadow/missing-values", test_shadow_missing_values);
  g_test_add_func ("/lint/shadow/builtin", test_shadow_builtin);
  g_test_add_func ("/lint/shadow/always-first", test_shadow_always_first);
  g_test_add_func ("/lint/shadow/unsatisfiable", test_shadow_unsatisfiable);
  g_test_add_func ("/lint/shadow/groups", test_shadow_groups);
  g_test_add_func ("/lint/shadow/contains-token", test_shadow_contains_token);
  g_test_add_func ("/lint/shadow/many-options", test_shadow_many_options);
  g_test_add_func ("/lint/shadow/slices-cover", test_shadow_slices_cover);
  g_test_add_func ("/lint/fallback/segments", test_fallback_segments);
  g_test_add_func ("/lint/fallback/missing-value", test_fallback_missing_value);
  g_test_add_func ("/lint/fallback/account-owner", test_fallback_account_owner);
  g_test_add_func ("/lint/fallback/many-segments", test_fallback_many_segments);
  g_test_add_func ("/lint/fallback/no-value", test_fallback_no_value);
  g_test_add_func ("/lint/fallback/merged", test_fallback_merged);
  g_test_add_func ("/lint/fallback/budget", test_fallback_budget);
  g_test_add_func ("/lint/mql/total", test_mql_total);
  g_test_add_func ("/lint/mql/both", test_mql_both);
  g_test_add_func ("/lint/mql/unbounded", test_mql_unbounded);
  g_test_add_func ("/lint/stages/unreachable", test_stages);
  g_test_add_func ("/lint/stages/first-and-mql", test_stages_first_and_mql);
  g_test_add_func ("/lint/slas/never-apply", test_slas);
  g_test_add_func ("/lint/team/pools-and-hours", test_team);
  g_test_add_func ("/lint/sample", test_sample);
  g_test_add_func ("/lint/bad-calls", test_bad_calls);

  return g_test_run ();
}
