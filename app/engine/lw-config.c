/* lw-config.c: the rule set, its parts, lookups and semantic validation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdarg.h>
#include <string.h>

#include "lw-condition.h"
#include "lw-config.h"
#include "lw-sla.h"

/* Every element kept in a list with an id has it as its first member, and an
 * account its domain: the id of any element is *(char **) element. */
G_STATIC_ASSERT (G_STRUCT_OFFSET (LwProperty, id) == 0);
G_STATIC_ASSERT (G_STRUCT_OFFSET (LwActivityType, id) == 0);
G_STATIC_ASSERT (G_STRUCT_OFFSET (LwStage, id) == 0);
G_STATIC_ASSERT (G_STRUCT_OFFSET (LwStatus, id) == 0);
G_STATIC_ASSERT (G_STRUCT_OFFSET (LwPath, id) == 0);
G_STATIC_ASSERT (G_STRUCT_OFFSET (LwCriterion, id) == 0);
G_STATIC_ASSERT (G_STRUCT_OFFSET (LwRoutingRule, id) == 0);
G_STATIC_ASSERT (G_STRUCT_OFFSET (LwSlaPolicy, id) == 0);
G_STATIC_ASSERT (G_STRUCT_OFFSET (LwRep, id) == 0);
G_STATIC_ASSERT (G_STRUCT_OFFSET (LwTeam, id) == 0);
G_STATIC_ASSERT (G_STRUCT_OFFSET (LwPool, id) == 0);
G_STATIC_ASSERT (G_STRUCT_OFFSET (LwAccount, domain) == 0);

#define ELEMENT_ID(element) (*(const char * const *) (element))

/* Days from 0001-01-01 (GDate's Julian day 1) to 1970-01-01. */
#define JULIAN_OF_EPOCH 719163

G_DEFINE_QUARK (lw-config-error-quark, lw_config_error)

/* ---- names ------------------------------------------------------------------ */

static const struct
{
  const char *name;
  const char *label;
} roles[LW_N_ROLES] = {
  [LW_ROLE_MARKETING] = { "marketing", N_("Marketing") },
  [LW_ROLE_SDR] = { "sdr", N_("SDR") },
  [LW_ROLE_AE] = { "ae", N_("AE") },
  [LW_ROLE_CS] = { "cs", N_("CS") },
  [LW_ROLE_REVOPS] = { "revops", N_("RevOps") },
  [LW_ROLE_MANAGER] = { "manager", N_("Manager") },
};

static const char * const property_types[LW_N_PROPERTY_TYPES] = {
  [LW_PROPERTY_STRING] = "string",
  [LW_PROPERTY_ENUM] = "enum",
  [LW_PROPERTY_NUMBER] = "number",
  [LW_PROPERTY_BOOLEAN] = "boolean",
  [LW_PROPERTY_DATETIME] = "datetime",
  [LW_PROPERTY_EMAIL] = "email",
};

static const char * const day_keys[7] = { "mon", "tue", "wed", "thu", "fri", "sat", "sun" };

static const char * const deal_stage_options[] = {
  "none", N_("None"), "open", N_("Open"), "won", N_("Won"), "lost", N_("Lost"), NULL
};

static const char * const source_options[] = {
  "form", N_("Form"), "chat", N_("Chat"), "import", N_("Import"),
  "integration", N_("Integration"), "manual", N_("Manual"), NULL
};

static const struct
{
  const char          *id;
  const char          *label;
  LwPropertyType       type;
  const char * const  *options;   /* value, label, ..., NULL */
} builtins[LW_N_BUILTINS] = {
  [LW_BUILTIN_LIFECYCLE_STAGE] =
    { "lifecycle_stage", N_("Lifecycle stage"), LW_PROPERTY_ENUM, NULL },
  [LW_BUILTIN_LEAD_STATUS] = { "lead_status", N_("Lead status"), LW_PROPERTY_ENUM, NULL },
  [LW_BUILTIN_DEAL_STAGE] =
    { "deal_stage", N_("Deal stage"), LW_PROPERTY_ENUM, deal_stage_options },
  [LW_BUILTIN_SOURCE] = { "source", N_("Source"), LW_PROPERTY_ENUM, source_options },
  [LW_BUILTIN_FIT_SCORE] = { "fit_score", N_("Fit score"), LW_PROPERTY_NUMBER, NULL },
  [LW_BUILTIN_ENGAGEMENT_SCORE] =
    { "engagement_score", N_("Engagement score"), LW_PROPERTY_NUMBER, NULL },
  [LW_BUILTIN_TOTAL_SCORE] = { "total_score", N_("Total score"), LW_PROPERTY_NUMBER, NULL },
  [LW_BUILTIN_GRADE] = { "grade", N_("Grade"), LW_PROPERTY_STRING, NULL },
  [LW_BUILTIN_CREATED_AT] = { "created_at", N_("Created at"), LW_PROPERTY_DATETIME, NULL },
};

const char *
lw_role_to_string (LwRole role)
{
  g_return_val_if_fail (role < LW_N_ROLES, NULL);
  return roles[role].name;
}

const char *
lw_role_to_label (LwRole role)
{
  g_return_val_if_fail (role < LW_N_ROLES, NULL);
  return _(roles[role].label);
}

gboolean
lw_role_from_string (const char *name,
                     LwRole     *role)
{
  g_return_val_if_fail (role != NULL, FALSE);

  for (guint i = 0; name != NULL && i < LW_N_ROLES; i++)
    if (strcmp (name, roles[i].name) == 0)
      {
        *role = i;
        return TRUE;
      }
  return FALSE;
}

const char *
lw_property_type_to_string (LwPropertyType type)
{
  g_return_val_if_fail (type < LW_N_PROPERTY_TYPES, NULL);
  return property_types[type];
}

gboolean
lw_property_type_from_string (const char     *name,
                              LwPropertyType *type)
{
  g_return_val_if_fail (type != NULL, FALSE);

  for (guint i = 0; name != NULL && i < LW_N_PROPERTY_TYPES; i++)
    if (strcmp (name, property_types[i]) == 0)
      {
        *type = i;
        return TRUE;
      }
  return FALSE;
}

/* ---- parts ------------------------------------------------------------------ */

static GPtrArray *
new_string_array (void)
{
  return g_ptr_array_new_with_free_func (g_free);
}

static void
clear_escalation (gpointer data)
{
  LwEscalation *escalation = data;

  g_clear_pointer (&escalation->target.owner, g_free);
  g_clear_pointer (&escalation->target.pool, g_free);
}

static GArray *
new_escalation_array (void)
{
  GArray *array = g_array_new (FALSE, TRUE, sizeof (LwEscalation));

  g_array_set_clear_func (array, clear_escalation);
  return array;
}

LwOption *
lw_option_new (const char *value,
               const char *label)
{
  LwOption *option = g_new0 (LwOption, 1);

  option->value = g_strdup (value);
  option->label = g_strdup (label != NULL ? label : value);
  return option;
}

void
lw_option_free (LwOption *option)
{
  if (option == NULL)
    return;
  g_free (option->value);
  g_free (option->label);
  g_free (option);
}

LwProperty *
lw_property_new (const char     *id,
                 const char     *label,
                 LwPropertyType  type)
{
  LwProperty *property = g_new0 (LwProperty, 1);

  property->id = g_strdup (id);
  property->label = g_strdup (label != NULL ? label : id);
  property->type = type;
  property->options = g_ptr_array_new_with_free_func ((GDestroyNotify) lw_option_free);
  property->domain_of_index = -1;
  return property;
}

void
lw_property_free (LwProperty *property)
{
  if (property == NULL)
    return;
  g_free (property->id);
  g_free (property->label);
  g_free (property->description);
  g_ptr_array_unref (property->options);
  g_free (property->domain_of);
  g_free (property);
}

LwActivityType *
lw_activity_type_new (const char *id,
                      const char *label)
{
  LwActivityType *activity = g_new0 (LwActivityType, 1);

  activity->id = g_strdup (id);
  activity->label = g_strdup (label != NULL ? label : id);
  return activity;
}

void
lw_activity_type_free (LwActivityType *activity)
{
  if (activity == NULL)
    return;
  g_free (activity->id);
  g_free (activity->label);
  g_free (activity->description);
  g_free (activity);
}

LwStage *
lw_stage_new (const char *id,
              const char *label)
{
  LwStage *stage = g_new0 (LwStage, 1);

  stage->id = g_strdup (id);
  stage->label = g_strdup (label != NULL ? label : id);
  stage->definition = g_strdup ("");
  stage->hubspot_value = g_strdup ("");
  stage->owner_role = LW_ROLE_MARKETING;
  stage->next_step = g_strdup ("");
  return stage;
}

void
lw_stage_free (LwStage *stage)
{
  if (stage == NULL)
    return;
  g_free (stage->id);
  g_free (stage->label);
  g_free (stage->definition);
  g_free (stage->hubspot_value);
  g_clear_pointer (&stage->entry, lw_condition_free);
  g_free (stage->next_step);
  g_free (stage);
}

LwStatus *
lw_status_new (const char *id,
               const char *label)
{
  LwStatus *status = g_new0 (LwStatus, 1);

  status->id = g_strdup (id);
  status->label = g_strdup (label != NULL ? label : id);
  status->hubspot_value = g_strdup ("");
  return status;
}

void
lw_status_free (LwStatus *status)
{
  if (status == NULL)
    return;
  g_free (status->id);
  g_free (status->label);
  g_free (status->definition);
  g_free (status->hubspot_value);
  g_free (status);
}

LwPath *
lw_path_new (const char *id,
             LwPathKind  kind)
{
  LwPath *path = g_new0 (LwPath, 1);

  path->id = g_strdup (id);
  path->label = g_strdup ("");
  path->kind = kind;
  path->owner_role = LW_ROLE_MARKETING;
  return path;
}

void
lw_path_free (LwPath *path)
{
  if (path == NULL)
    return;
  g_free (path->id);
  g_free (path->label);
  g_free (path->from_status);
  g_free (path->to_stage);
  g_free (path);
}

LwCriterion *
lw_criterion_new (const char *id,
                  const char *label,
                  int         points)
{
  LwCriterion *criterion = g_new0 (LwCriterion, 1);

  criterion->id = g_strdup (id);
  criterion->label = g_strdup (label != NULL ? label : id);
  criterion->points = points;
  criterion->activity_index = -1;
  return criterion;
}

void
lw_criterion_free (LwCriterion *criterion)
{
  if (criterion == NULL)
    return;
  g_free (criterion->id);
  g_free (criterion->label);
  g_clear_pointer (&criterion->when, lw_condition_free);
  g_free (criterion->activity);
  g_free (criterion);
}

LwGradeBand *
lw_grade_band_new (const char *grade,
                   gboolean    has_min,
                   int         min)
{
  LwGradeBand *band = g_new0 (LwGradeBand, 1);

  band->grade = g_strdup (grade);
  band->has_min = has_min;
  band->min = has_min ? min : 0;
  return band;
}

void
lw_grade_band_free (LwGradeBand *band)
{
  if (band == NULL)
    return;
  g_free (band->grade);
  g_free (band);
}

LwRep *
lw_rep_new (const char *id,
            const char *name)
{
  LwRep *rep = g_new0 (LwRep, 1);

  rep->id = g_strdup (id);
  rep->name = g_strdup (name != NULL ? name : id);
  rep->email = g_strdup ("");
  rep->role = LW_ROLE_SDR;
  rep->time_zone = g_strdup ("UTC");
  for (guint d = 0; d < 7; d++)
    rep->hours.days[d] = g_array_new (FALSE, TRUE, sizeof (LwInterval));
  rep->weight = 1;
  rep->active = TRUE;
  rep->out_of_office = g_array_new (FALSE, TRUE, sizeof (LwDateRange));
  rep->tz = g_time_zone_new_utc ();
  return rep;
}

void
lw_rep_free (LwRep *rep)
{
  if (rep == NULL)
    return;
  g_free (rep->id);
  g_free (rep->name);
  g_free (rep->email);
  g_free (rep->team);
  g_free (rep->time_zone);
  for (guint d = 0; d < 7; d++)
    g_clear_pointer (&rep->hours.days[d], g_array_unref);
  g_clear_pointer (&rep->out_of_office, g_array_unref);
  g_clear_pointer (&rep->tz, g_time_zone_unref);
  g_free (rep);
}

LwTeam *
lw_team_new (const char *id,
             const char *label)
{
  LwTeam *team = g_new0 (LwTeam, 1);

  team->id = g_strdup (id);
  team->label = g_strdup (label != NULL ? label : id);
  return team;
}

void
lw_team_free (LwTeam *team)
{
  if (team == NULL)
    return;
  g_free (team->id);
  g_free (team->label);
  g_free (team->manager);
  g_free (team->region);
  g_free (team);
}

LwPool *
lw_pool_new (const char *id,
             const char *label)
{
  LwPool *pool = g_new0 (LwPool, 1);

  pool->id = g_strdup (id);
  pool->label = g_strdup (label != NULL ? label : id);
  pool->members = new_string_array ();
  pool->respect_capacity = TRUE;
  pool->working_hours = TRUE;
  pool->out_of_office = TRUE;
  return pool;
}

void
lw_pool_free (LwPool *pool)
{
  if (pool == NULL)
    return;
  g_free (pool->id);
  g_free (pool->label);
  g_ptr_array_unref (pool->members);
  g_free (pool);
}

LwAccount *
lw_account_new (const char *domain,
                const char *name,
                const char *owner)
{
  LwAccount *account = g_new0 (LwAccount, 1);

  account->domain = g_strdup (domain);
  account->name = g_strdup (name != NULL ? name : domain);
  account->owner = g_strdup (owner);
  return account;
}

void
lw_account_free (LwAccount *account)
{
  if (account == NULL)
    return;
  g_free (account->domain);
  g_free (account->name);
  g_free (account->owner);
  g_free (account);
}

LwTerritory *
lw_territory_new (void)
{
  LwTerritory *territory = g_new0 (LwTerritory, 1);

  territory->values = g_new0 (char *, 1);
  return territory;
}

void
lw_territory_free (LwTerritory *territory)
{
  if (territory == NULL)
    return;
  g_strfreev (territory->values);
  g_free (territory->target.owner);
  g_free (territory->target.pool);
  g_free (territory);
}

LwRoutingRule *
lw_routing_rule_new (const char   *id,
                     const char   *label,
                     LwAssignKind  kind)
{
  LwRoutingRule *rule = g_new0 (LwRoutingRule, 1);

  rule->id = g_strdup (id);
  rule->label = g_strdup (label != NULL ? label : id);
  rule->when = lw_condition_new ();
  rule->kind = kind;
  rule->territories = g_ptr_array_new_with_free_func ((GDestroyNotify) lw_territory_free);
  return rule;
}

void
lw_routing_rule_free (LwRoutingRule *rule)
{
  if (rule == NULL)
    return;
  g_free (rule->id);
  g_free (rule->label);
  g_clear_pointer (&rule->when, lw_condition_free);
  g_free (rule->target.owner);
  g_free (rule->target.pool);
  g_free (rule->property);
  g_ptr_array_unref (rule->territories);
  g_free (rule);
}

LwSlaPolicy *
lw_sla_policy_new (const char *id,
                   const char *label,
                   guint       deadline_minutes)
{
  LwSlaPolicy *policy = g_new0 (LwSlaPolicy, 1);

  policy->id = g_strdup (id);
  policy->label = g_strdup (label != NULL ? label : id);
  policy->when = lw_condition_new ();
  policy->deadline_minutes = deadline_minutes;
  policy->clock = LW_CLOCK_CALENDAR;
  policy->escalations = new_escalation_array ();
  policy->pause_statuses = new_string_array ();
  return policy;
}

void
lw_sla_policy_free (LwSlaPolicy *policy)
{
  if (policy == NULL)
    return;
  g_free (policy->id);
  g_free (policy->label);
  g_clear_pointer (&policy->when, lw_condition_free);
  g_array_unref (policy->escalations);
  g_ptr_array_unref (policy->pause_statuses);
  g_free (policy->breach_tag);
  g_free (policy);
}

/* ---- deep copies -------------------------------------------------------------- */

static LwCondition *
copy_condition (const LwCondition *condition)
{
  return condition != NULL ? lw_condition_copy (condition) : NULL;
}

static void
copy_target (LwTarget       *dest,
             const LwTarget *src)
{
  dest->owner = g_strdup (src->owner);
  dest->pool = g_strdup (src->pool);
}

static gpointer
copy_string (gconstpointer src,
             gpointer      user_data)
{
  return g_strdup (src);
}

static gpointer
copy_option (gconstpointer src,
             gpointer      user_data)
{
  const LwOption *option = src;

  return lw_option_new (option->value, option->label);
}

static gpointer
copy_property (gconstpointer src,
               gpointer      user_data)
{
  const LwProperty *property = src;
  LwProperty *copy = g_new0 (LwProperty, 1);

  *copy = *property;
  copy->id = g_strdup (property->id);
  copy->label = g_strdup (property->label);
  copy->description = g_strdup (property->description);
  copy->options = g_ptr_array_copy (property->options, copy_option, NULL);
  copy->domain_of = g_strdup (property->domain_of);
  return copy;
}

static gpointer
copy_activity (gconstpointer src,
               gpointer      user_data)
{
  const LwActivityType *activity = src;
  LwActivityType *copy = lw_activity_type_new (activity->id, activity->label);

  copy->description = g_strdup (activity->description);
  return copy;
}

static gpointer
copy_stage (gconstpointer src,
            gpointer      user_data)
{
  const LwStage *stage = src;
  LwStage *copy = g_new0 (LwStage, 1);

  *copy = *stage;
  copy->id = g_strdup (stage->id);
  copy->label = g_strdup (stage->label);
  copy->definition = g_strdup (stage->definition);
  copy->hubspot_value = g_strdup (stage->hubspot_value);
  copy->entry = copy_condition (stage->entry);
  copy->next_step = g_strdup (stage->next_step);
  return copy;
}

static gpointer
copy_status (gconstpointer src,
             gpointer      user_data)
{
  const LwStatus *status = src;
  LwStatus *copy = g_new0 (LwStatus, 1);

  *copy = *status;
  copy->id = g_strdup (status->id);
  copy->label = g_strdup (status->label);
  copy->definition = g_strdup (status->definition);
  copy->hubspot_value = g_strdup (status->hubspot_value);
  return copy;
}

static gpointer
copy_path (gconstpointer src,
           gpointer      user_data)
{
  const LwPath *path = src;
  LwPath *copy = g_new0 (LwPath, 1);

  *copy = *path;
  copy->id = g_strdup (path->id);
  copy->label = g_strdup (path->label);
  copy->from_status = g_strdup (path->from_status);
  copy->to_stage = g_strdup (path->to_stage);
  return copy;
}

static gpointer
copy_criterion (gconstpointer src,
                gpointer      user_data)
{
  const LwCriterion *criterion = src;
  LwCriterion *copy = g_new0 (LwCriterion, 1);

  *copy = *criterion;
  copy->id = g_strdup (criterion->id);
  copy->label = g_strdup (criterion->label);
  copy->when = copy_condition (criterion->when);
  copy->activity = g_strdup (criterion->activity);
  return copy;
}

static gpointer
copy_grade_band (gconstpointer src,
                 gpointer      user_data)
{
  const LwGradeBand *band = src;

  return lw_grade_band_new (band->grade, band->has_min, band->min);
}

static gpointer
copy_rep (gconstpointer src,
          gpointer      user_data)
{
  const LwRep *rep = src;
  LwRep *copy = g_new0 (LwRep, 1);

  *copy = *rep;
  copy->id = g_strdup (rep->id);
  copy->name = g_strdup (rep->name);
  copy->email = g_strdup (rep->email);
  copy->team = g_strdup (rep->team);
  copy->time_zone = g_strdup (rep->time_zone);
  for (guint d = 0; d < 7; d++)
    copy->hours.days[d] = rep->hours.days[d] != NULL ? g_array_copy (rep->hours.days[d]) : NULL;
  copy->out_of_office = rep->out_of_office != NULL ? g_array_copy (rep->out_of_office) : NULL;
  copy->tz = rep->tz != NULL ? g_time_zone_ref (rep->tz) : NULL;
  return copy;
}

static gpointer
copy_team (gconstpointer src,
           gpointer      user_data)
{
  const LwTeam *team = src;
  LwTeam *copy = lw_team_new (team->id, team->label);

  copy->manager = g_strdup (team->manager);
  copy->region = g_strdup (team->region);
  return copy;
}

static gpointer
copy_pool (gconstpointer src,
           gpointer      user_data)
{
  const LwPool *pool = src;
  LwPool *copy = g_new0 (LwPool, 1);

  *copy = *pool;
  copy->id = g_strdup (pool->id);
  copy->label = g_strdup (pool->label);
  copy->members = g_ptr_array_copy (pool->members, copy_string, NULL);
  return copy;
}

static gpointer
copy_account (gconstpointer src,
              gpointer      user_data)
{
  const LwAccount *account = src;

  return lw_account_new (account->domain, account->name, account->owner);
}

static gpointer
copy_territory (gconstpointer src,
                gpointer      user_data)
{
  const LwTerritory *territory = src;
  LwTerritory *copy = g_new0 (LwTerritory, 1);

  copy->values = g_strdupv (territory->values);
  copy_target (&copy->target, &territory->target);
  return copy;
}

static gpointer
copy_rule (gconstpointer src,
           gpointer      user_data)
{
  const LwRoutingRule *rule = src;
  LwRoutingRule *copy = g_new0 (LwRoutingRule, 1);

  copy->id = g_strdup (rule->id);
  copy->label = g_strdup (rule->label);
  copy->when = copy_condition (rule->when);
  copy->kind = rule->kind;
  copy_target (&copy->target, &rule->target);
  copy->property = g_strdup (rule->property);
  copy->territories = g_ptr_array_copy (rule->territories, copy_territory, NULL);
  return copy;
}

static gpointer
copy_policy (gconstpointer src,
             gpointer      user_data)
{
  const LwSlaPolicy *policy = src;
  LwSlaPolicy *copy = g_new0 (LwSlaPolicy, 1);

  *copy = *policy;
  copy->id = g_strdup (policy->id);
  copy->label = g_strdup (policy->label);
  copy->when = copy_condition (policy->when);
  copy->escalations = new_escalation_array ();
  for (guint i = 0; i < policy->escalations->len; i++)
    {
      const LwEscalation *escalation = &g_array_index (policy->escalations, LwEscalation, i);
      LwEscalation item = *escalation;

      copy_target (&item.target, &escalation->target);
      g_array_append_val (copy->escalations, item);
    }
  copy->pause_statuses = g_ptr_array_copy (policy->pause_statuses, copy_string, NULL);
  copy->breach_tag = g_strdup (policy->breach_tag);
  return copy;
}

static void
copy_score_model (LwScoreModel       *dest,
                  const LwScoreModel *src)
{
  *dest = *src;
  dest->criteria = g_ptr_array_copy (src->criteria, copy_criterion, NULL);
}

/* ---- the rule set ----------------------------------------------------------------- */

static LwProperty *
create_builtin (LwBuiltin builtin)
{
  LwProperty *property = lw_property_new (builtins[builtin].id,
                                          _(builtins[builtin].label),
                                          builtins[builtin].type);
  const char * const *options = builtins[builtin].options;

  property->builtin = TRUE;
  property->index = builtin;
  for (guint i = 0; options != NULL && options[i] != NULL; i += 2)
    g_ptr_array_add (property->options, lw_option_new (options[i], _(options[i + 1])));
  return property;
}

LwConfig *
lw_config_new (void)
{
  LwConfig *config = g_new0 (LwConfig, 1);

  g_atomic_ref_count_init (&config->ref_count);
  config->name = g_strdup ("");
  config->description = g_strdup ("");

  config->properties = g_ptr_array_new_with_free_func ((GDestroyNotify) lw_property_free);
  for (guint i = 0; i < LW_N_BUILTINS; i++)
    g_ptr_array_add (config->properties, create_builtin (i));
  config->activities = g_ptr_array_new_with_free_func ((GDestroyNotify) lw_activity_type_free);

  config->stages = g_ptr_array_new_with_free_func ((GDestroyNotify) lw_stage_free);
  config->statuses = g_ptr_array_new_with_free_func ((GDestroyNotify) lw_status_free);
  config->paths = g_ptr_array_new_with_free_func ((GDestroyNotify) lw_path_free);

  config->scoring.fit.criteria =
    g_ptr_array_new_with_free_func ((GDestroyNotify) lw_criterion_free);
  config->scoring.engagement.criteria =
    g_ptr_array_new_with_free_func ((GDestroyNotify) lw_criterion_free);
  config->scoring.decay = LW_DECAY_NONE;
  config->scoring.half_life_days = 30;
  config->scoring.window_days = 90;
  config->scoring.mql_kind = LW_MQL_TOTAL;
  config->scoring.fit_grades = g_ptr_array_new_with_free_func ((GDestroyNotify) lw_grade_band_free);
  config->scoring.engagement_grades =
    g_ptr_array_new_with_free_func ((GDestroyNotify) lw_grade_band_free);

  config->rules = g_ptr_array_new_with_free_func ((GDestroyNotify) lw_routing_rule_free);
  config->policies = g_ptr_array_new_with_free_func ((GDestroyNotify) lw_sla_policy_free);

  config->reps = g_ptr_array_new_with_free_func ((GDestroyNotify) lw_rep_free);
  config->teams = g_ptr_array_new_with_free_func ((GDestroyNotify) lw_team_free);
  config->pools = g_ptr_array_new_with_free_func ((GDestroyNotify) lw_pool_free);
  config->accounts = g_ptr_array_new_with_free_func ((GDestroyNotify) lw_account_free);

  return config;
}

LwConfig *
lw_config_ref (LwConfig *config)
{
  g_return_val_if_fail (config != NULL, NULL);

  g_atomic_ref_count_inc (&config->ref_count);
  return config;
}

void
lw_config_unref (LwConfig *config)
{
  g_return_if_fail (config != NULL);

  if (!g_atomic_ref_count_dec (&config->ref_count))
    return;

  g_free (config->name);
  g_free (config->description);
  g_ptr_array_unref (config->properties);
  g_ptr_array_unref (config->activities);
  g_ptr_array_unref (config->stages);
  g_ptr_array_unref (config->statuses);
  g_ptr_array_unref (config->paths);
  g_ptr_array_unref (config->scoring.fit.criteria);
  g_ptr_array_unref (config->scoring.engagement.criteria);
  g_free (config->scoring.mql_stage);
  g_ptr_array_unref (config->scoring.fit_grades);
  g_ptr_array_unref (config->scoring.engagement_grades);
  g_ptr_array_unref (config->rules);
  g_free (config->fallback.owner);
  g_free (config->fallback.pool);
  g_ptr_array_unref (config->policies);
  g_ptr_array_unref (config->reps);
  g_ptr_array_unref (config->teams);
  g_ptr_array_unref (config->pools);
  g_ptr_array_unref (config->accounts);
  g_clear_pointer (&config->lookup, g_hash_table_unref);
  g_free (config);
}

LwConfig *
lw_config_copy (const LwConfig *config)
{
  LwConfig *copy;

  g_return_val_if_fail (config != NULL, NULL);

  copy = g_new0 (LwConfig, 1);
  g_atomic_ref_count_init (&copy->ref_count);
  copy->name = g_strdup (config->name);
  copy->description = g_strdup (config->description);

  copy->properties = g_ptr_array_copy (config->properties, copy_property, NULL);
  copy->activities = g_ptr_array_copy (config->activities, copy_activity, NULL);
  copy->stages = g_ptr_array_copy (config->stages, copy_stage, NULL);
  copy->statuses = g_ptr_array_copy (config->statuses, copy_status, NULL);
  copy->paths = g_ptr_array_copy (config->paths, copy_path, NULL);

  copy->scoring = config->scoring;
  copy_score_model (&copy->scoring.fit, &config->scoring.fit);
  copy_score_model (&copy->scoring.engagement, &config->scoring.engagement);
  copy->scoring.mql_stage = g_strdup (config->scoring.mql_stage);
  copy->scoring.fit_grades = g_ptr_array_copy (config->scoring.fit_grades, copy_grade_band, NULL);
  copy->scoring.engagement_grades =
    g_ptr_array_copy (config->scoring.engagement_grades, copy_grade_band, NULL);

  copy->rules = g_ptr_array_copy (config->rules, copy_rule, NULL);
  copy_target (&copy->fallback, &config->fallback);
  copy->policies = g_ptr_array_copy (config->policies, copy_policy, NULL);

  copy->reps = g_ptr_array_copy (config->reps, copy_rep, NULL);
  copy->teams = g_ptr_array_copy (config->teams, copy_team, NULL);
  copy->pools = g_ptr_array_copy (config->pools, copy_pool, NULL);
  copy->accounts = g_ptr_array_copy (config->accounts, copy_account, NULL);

  /* The lookups point into the copy's own elements: build them again. */
  if (config->lookup != NULL)
    lw_config_bind (copy, NULL);

  return copy;
}

/* ---- lookups ---------------------------------------------------------------------- */

typedef enum
{
  LOOKUP_PROPERTY,
  LOOKUP_ACTIVITY,
  LOOKUP_STAGE,
  LOOKUP_STATUS,
  LOOKUP_REP,
  LOOKUP_TEAM,
  LOOKUP_POOL,
  LOOKUP_ACCOUNT,     /* by domain, ASCII case-insensitive */
  N_LOOKUPS
} LookupKind;

/* Key and value of config->lookup. A search builds one on the stack, so a
 * lookup never allocates; stored entries hold their own copy of the id
 * right after the struct. */
typedef struct
{
  LookupKind  kind;
  const char *id;
  gpointer    element;
  int         index;
} LookupEntry;

static guint
hash_entry (gconstpointer key)
{
  const LookupEntry *entry = key;
  guint hash = 5381 + entry->kind;

  for (const char *p = entry->id; *p != '\0'; p++)
    hash = hash * 33 + (guchar) (entry->kind == LOOKUP_ACCOUNT ? g_ascii_tolower (*p) : *p);
  return hash;
}

static gboolean
equal_entries (gconstpointer a,
               gconstpointer b)
{
  const LookupEntry *ea = a;
  const LookupEntry *eb = b;

  if (ea->kind != eb->kind)
    return FALSE;
  if (ea->kind == LOOKUP_ACCOUNT)
    return g_ascii_strcasecmp (ea->id, eb->id) == 0;
  return strcmp (ea->id, eb->id) == 0;
}

static GPtrArray *
list_of_kind (const LwConfig *config,
              LookupKind      kind)
{
  switch (kind)
    {
    case LOOKUP_PROPERTY: return config->properties;
    case LOOKUP_ACTIVITY: return config->activities;
    case LOOKUP_STAGE: return config->stages;
    case LOOKUP_STATUS: return config->statuses;
    case LOOKUP_REP: return config->reps;
    case LOOKUP_TEAM: return config->teams;
    case LOOKUP_POOL: return config->pools;
    case LOOKUP_ACCOUNT: return config->accounts;
    case N_LOOKUPS:
    default:
      g_assert_not_reached ();
    }
  return NULL;
}

/* Adds the first element with @id; FALSE when @id is already there. */
static gboolean
insert_entry (LwConfig   *config,
              LookupKind  kind,
              const char *id,
              gpointer    element,
              int         index)
{
  LookupEntry key = { kind, id, NULL, 0 };
  gsize size = strlen (id) + 1;
  LookupEntry *entry;

  if (g_hash_table_contains (config->lookup, &key))
    return FALSE;

  entry = g_malloc (sizeof (LookupEntry) + size);
  entry->kind = kind;
  entry->id = memcpy (entry + 1, id, size);
  entry->element = element;
  entry->index = index;
  g_hash_table_add (config->lookup, entry);
  if (kind == LOOKUP_ACCOUNT)
    {
      guchar first = (guchar) g_ascii_tolower (*id);

      config->account_lengths |= G_GUINT64_CONSTANT (1) << ((size - 1) % 64);
      config->account_firsts[first / 64] |= G_GUINT64_CONSTANT (1) << (first % 64);
    }
  return TRUE;
}

/* The element of @kind named @id and its index, or NULL. Before the first
 * lw_config_bind() there is no table, and the lists are searched. */
static gpointer
find_element (const LwConfig *config,
              LookupKind      kind,
              const char     *id,
              int            *index)
{
  LookupEntry key = { kind, id, NULL, -1 };
  const LookupEntry *entry;

  if (id == NULL)
    return NULL;

  if (config->lookup == NULL)
    {
      GPtrArray *list = list_of_kind (config, kind);

      for (guint i = 0; i < list->len; i++)
        {
          gpointer element = g_ptr_array_index (list, i);
          LookupEntry candidate = { kind, ELEMENT_ID (element), element, i };

          if (candidate.id != NULL && equal_entries (&key, &candidate))
            {
              if (index != NULL)
                *index = i;
              return element;
            }
        }
      return NULL;
    }

  entry = g_hash_table_lookup (config->lookup, &key);
  if (entry == NULL)
    return NULL;
  if (index != NULL)
    *index = entry->index;
  return entry->element;
}

const LwProperty *
lw_config_find_property (const LwConfig *config,
                         const char     *id)
{
  g_return_val_if_fail (config != NULL, NULL);
  return find_element (config, LOOKUP_PROPERTY, id, NULL);
}

const LwActivityType *
lw_config_find_activity (const LwConfig *config,
                         const char     *id)
{
  g_return_val_if_fail (config != NULL, NULL);
  return find_element (config, LOOKUP_ACTIVITY, id, NULL);
}

int
lw_config_activity_index (const LwConfig *config,
                          const char     *id)
{
  int index = -1;

  g_return_val_if_fail (config != NULL, -1);
  find_element (config, LOOKUP_ACTIVITY, id, &index);
  return index;
}

const LwStage *
lw_config_find_stage (const LwConfig *config,
                      const char     *id)
{
  g_return_val_if_fail (config != NULL, NULL);
  return find_element (config, LOOKUP_STAGE, id, NULL);
}

int
lw_config_stage_index (const LwConfig *config,
                       const char     *id)
{
  int index = -1;

  g_return_val_if_fail (config != NULL, -1);
  find_element (config, LOOKUP_STAGE, id, &index);
  return index;
}

const LwStatus *
lw_config_find_status (const LwConfig *config,
                       const char     *id)
{
  g_return_val_if_fail (config != NULL, NULL);
  return find_element (config, LOOKUP_STATUS, id, NULL);
}

const LwRep *
lw_config_find_rep (const LwConfig *config,
                    const char     *id)
{
  g_return_val_if_fail (config != NULL, NULL);
  return find_element (config, LOOKUP_REP, id, NULL);
}

const LwTeam *
lw_config_find_team (const LwConfig *config,
                     const char     *id)
{
  g_return_val_if_fail (config != NULL, NULL);
  return find_element (config, LOOKUP_TEAM, id, NULL);
}

const LwPool *
lw_config_find_pool (const LwConfig *config,
                     const char     *id)
{
  g_return_val_if_fail (config != NULL, NULL);
  return find_element (config, LOOKUP_POOL, id, NULL);
}

const LwAccount *
lw_config_find_account (const LwConfig *config,
                        const char     *domain)
{
  g_return_val_if_fail (config != NULL, NULL);

  /* An equal domain, whatever its case, has the same length and first
   * letter. */
  if (domain != NULL && config->lookup != NULL)
    {
      guchar first = (guchar) g_ascii_tolower (*domain);

      if (!((config->account_lengths >> (strlen (domain) % 64)) & 1) ||
          !((config->account_firsts[first / 64] >> (first % 64)) & 1))
        return NULL;
    }
  return find_element (config, LOOKUP_ACCOUNT, domain, NULL);
}

const LwProperty *
lw_config_builtin (const LwConfig *config,
                   LwBuiltin       builtin)
{
  g_return_val_if_fail (config != NULL, NULL);
  g_return_val_if_fail (builtin < LW_N_BUILTINS, NULL);
  g_return_val_if_fail (config->properties->len >= LW_N_BUILTINS, NULL);

  return g_ptr_array_index (config->properties, builtin);
}

/* ---- validation ------------------------------------------------------------------- */

typedef struct
{
  LwConfig  *config;
  GPtrArray *diagnostics;   /* may be NULL */
  guint      n_errors;
} Binder;

static void add_error (Binder     *binder,
                       const char *path,
                       const char *format,
                       ...) G_GNUC_PRINTF (3, 4);

static void
add_error (Binder     *binder,
           const char *path,
           const char *format,
           ...)
{
  g_autofree char *message = NULL;
  va_list args;

  binder->n_errors++;
  if (binder->diagnostics == NULL)
    return;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  lw_diagnostics_add (binder->diagnostics, LW_SEVERITY_ERROR, path, "%s", message);
}

static const struct
{
  const char *unknown;
  const char *missing;
} reference_messages[N_LOOKUPS] = {
  /* translators: %s is an id from the rule set, in every message of this table */
  [LOOKUP_PROPERTY] = { N_("unknown property \"%s\""), N_("a property is required") },
  [LOOKUP_ACTIVITY] = { N_("unknown activity \"%s\""), N_("an activity is required") },
  [LOOKUP_STAGE] = { N_("unknown stage \"%s\""), N_("a stage is required") },
  [LOOKUP_STATUS] = { N_("unknown status \"%s\""), N_("a status is required") },
  [LOOKUP_REP] = { N_("unknown rep \"%s\""), N_("a rep is required") },
  [LOOKUP_TEAM] = { N_("unknown team \"%s\""), N_("a team is required") },
  [LOOKUP_POOL] = { N_("unknown pool \"%s\""), N_("a pool is required") },
  [LOOKUP_ACCOUNT] = { N_("unknown account \"%s\""), N_("an account is required") },
};

/* Resolves a required reference; reports it at @path when it is missing or
 * dangling. */
static gpointer
resolve (Binder     *binder,
         LookupKind  kind,
         const char *id,
         const char *path,
         int        *index)
{
  gpointer element;

  if (id == NULL || *id == '\0')
    {
      add_error (binder, path, "%s", _(reference_messages[kind].missing));
      return NULL;
    }
  element = find_element (binder->config, kind, id, index);
  if (element == NULL)
    add_error (binder, path, _(reference_messages[kind].unknown), id);
  return element;
}

static void
bind_condition (Binder      *binder,
                LwCondition *condition,
                const char  *path)
{
  if (!lw_condition_bind (condition, binder->config, path, binder->diagnostics))
    binder->n_errors++;
}

/* Reports an empty id or one with characters ids may not have; TRUE when
 * the id can still be looked up. */
static gboolean
check_id (Binder     *binder,
          const char *id,
          const char *path)
{
  if (id == NULL || *id == '\0')
    {
      add_error (binder, path, "%s", _("the id is empty"));
      return FALSE;
    }
  for (const char *p = id; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
      {
        /* translators: %s is the id as written */
        add_error (binder, path, _("invalid id \"%s\": use only letters, digits, \"-\" and \"_\""),
                   id);
        break;
      }
  return TRUE;
}

/* Checks the ids of list[first..] (shown as @list_path[0..]), reports
 * duplicates against @seen (id -> path of its first element, NULL for a
 * built-in) and, with a @kind < N_LOOKUPS, registers each first element. */
static void
register_ids (Binder     *binder,
              GPtrArray  *list,
              guint       first,
              const char *list_path,
              LookupKind  kind,
              GHashTable *seen)
{
  for (guint i = first; i < list->len; i++)
    {
      gpointer element = g_ptr_array_index (list, i);
      const char *id = ELEMENT_ID (element);
      g_autofree char *at = g_strdup_printf ("%s[%u]", list_path, i - first);
      g_autofree char *id_path = g_strconcat (at, ".id", NULL);
      const char *first_at = NULL;

      if (!check_id (binder, id, id_path))
        continue;
      if (g_hash_table_lookup_extended (seen, id, NULL, (gpointer *) &first_at))
        {
          if (first_at == NULL)
            /* translators: %s is a property id such as "lifecycle_stage" */
            add_error (binder, id_path, _("\"%s\" is the id of a built-in property"), id);
          else
            /* translators: duplicate id "mql" (first defined at $.lifecycle.stages[2]) */
            add_error (binder, id_path, _("duplicate id \"%s\" (first defined at %s)"),
                       id, first_at);
          continue;
        }
      g_hash_table_insert (seen, (gpointer) id, g_steal_pointer (&at));
      if (kind < N_LOOKUPS)
        insert_entry (binder->config, kind, id, element, i);
    }
}

static void
register_list (Binder     *binder,
               GPtrArray  *list,
               const char *list_path,
               LookupKind  kind)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  register_ids (binder, list, 0, list_path, kind, seen);
}

static void
register_all (Binder *binder)
{
  LwConfig *config = binder->config;
  g_autoptr(GHashTable) properties = NULL;
  g_autoptr(GHashTable) criteria = NULL;

  properties = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  for (guint i = 0; i < LW_N_BUILTINS; i++)
    {
      LwProperty *property = g_ptr_array_index (config->properties, i);

      g_hash_table_insert (properties, property->id, NULL);
      insert_entry (config, LOOKUP_PROPERTY, property->id, property, i);
    }
  register_ids (binder, config->properties, LW_N_BUILTINS, "$.properties", LOOKUP_PROPERTY,
                properties);

  register_list (binder, config->activities, "$.activities", LOOKUP_ACTIVITY);
  register_list (binder, config->stages, "$.lifecycle.stages", LOOKUP_STAGE);
  register_list (binder, config->statuses, "$.lifecycle.statuses", LOOKUP_STATUS);
  register_list (binder, config->paths, "$.lifecycle.paths", N_LOOKUPS);

  criteria = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  register_ids (binder, config->scoring.fit.criteria, 0, "$.scoring.fit.criteria",
                N_LOOKUPS, criteria);
  register_ids (binder, config->scoring.engagement.criteria, 0,
                "$.scoring.engagement.criteria", N_LOOKUPS, criteria);

  register_list (binder, config->rules, "$.routing.rules", N_LOOKUPS);
  register_list (binder, config->policies, "$.slas", N_LOOKUPS);
  register_list (binder, config->reps, "$.team.reps", LOOKUP_REP);
  register_list (binder, config->teams, "$.team.teams", LOOKUP_TEAM);
  register_list (binder, config->pools, "$.team.pools", LOOKUP_POOL);
}

static gboolean
builtins_intact (const LwConfig *config)
{
  if (config->properties->len < LW_N_BUILTINS)
    return FALSE;
  for (guint i = 0; i < LW_N_BUILTINS; i++)
    {
      const LwProperty *property = g_ptr_array_index (config->properties, i);

      if (g_strcmp0 (property->id, builtins[i].id) != 0 || property->type != builtins[i].type)
        return FALSE;
    }
  return TRUE;
}

/* The stage and status built-ins take their options from the lifecycle. */
static void
refresh_builtins (LwConfig *config)
{
  LwProperty *stage = g_ptr_array_index (config->properties, LW_BUILTIN_LIFECYCLE_STAGE);
  LwProperty *status = g_ptr_array_index (config->properties, LW_BUILTIN_LEAD_STATUS);

  g_ptr_array_set_size (stage->options, 0);
  for (guint i = 0; i < config->stages->len; i++)
    {
      const LwStage *s = g_ptr_array_index (config->stages, i);

      if (s->id != NULL && *s->id != '\0')
        g_ptr_array_add (stage->options, lw_option_new (s->id, s->label));
    }

  g_ptr_array_set_size (status->options, 0);
  for (guint i = 0; i < config->statuses->len; i++)
    {
      const LwStatus *s = g_ptr_array_index (config->statuses, i);

      if (s->id != NULL && *s->id != '\0')
        g_ptr_array_add (status->options, lw_option_new (s->id, s->label));
    }

  for (guint i = 0; i < config->properties->len; i++)
    {
      LwProperty *property = g_ptr_array_index (config->properties, i);

      property->builtin = i < LW_N_BUILTINS;
      property->index = i;
      property->domain_of_index = -1;
    }
}

static gboolean
has_option (const LwProperty *property,
            const char       *value)
{
  g_autofree char *fold = g_utf8_casefold (value, -1);

  for (guint i = 0; i < property->options->len; i++)
    {
      const LwOption *option = g_ptr_array_index (property->options, i);
      g_autofree char *option_fold = NULL;

      if (option->value == NULL)
        continue;
      option_fold = g_utf8_casefold (option->value, -1);
      if (strcmp (fold, option_fold) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
bind_property (Binder     *binder,
               LwProperty *property,
               const char *at)
{
  g_autofree char *options_path = g_strconcat (at, ".options", NULL);
  g_autofree char *domain_path = g_strconcat (at, ".domainOf", NULL);

  if (property->type == LW_PROPERTY_ENUM)
    {
      g_autoptr(GHashTable) values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

      if (property->options->len == 0)
        /* translators: %s is a property id */
        add_error (binder, options_path, _("enum property \"%s\" has no options"),
                   property->id);

      for (guint j = 0; j < property->options->len; j++)
        {
          const LwOption *option = g_ptr_array_index (property->options, j);
          g_autofree char *path = g_strdup_printf ("%s[%u].value", options_path, j);

          if (option->value == NULL || *option->value == '\0')
            add_error (binder, path, "%s", _("the option value is empty"));
          else if (!g_hash_table_add (values, g_utf8_casefold (option->value, -1)))
            /* translators: %s is an option value such as "US" */
            add_error (binder, path, _("duplicate option \"%s\""), option->value);
        }
    }
  else if (property->options->len > 0)
    /* translators: %s is a property type such as "number" */
    add_error (binder, options_path, _("only enum properties have options; this one is of type %s"),
               lw_property_type_to_string (property->type));

  if (property->domain_of != NULL)
    {
      const LwProperty *email;
      int index = -1;

      if (property->type != LW_PROPERTY_STRING)
        {
          /* translators: %s is a property type such as "number" */
          add_error (binder, domain_path,
                     _("only string properties take domainOf; this one is of type %s"),
                     lw_property_type_to_string (property->type));
          return;
        }
      email = resolve (binder, LOOKUP_PROPERTY, property->domain_of, domain_path, &index);
      if (email != NULL && email->type != LW_PROPERTY_EMAIL)
        /* translators: domainOf must name an email property; "country" is of type enum */
        add_error (binder, domain_path,
                   _("domainOf must name an email property; \"%s\" is of type %s"),
                   email->id, lw_property_type_to_string (email->type));
      else if (email != NULL)
        property->domain_of_index = index;
    }
}

static void
bind_lifecycle (Binder *binder)
{
  LwConfig *config = binder->config;

  for (guint i = 0; i < config->stages->len; i++)
    {
      LwStage *stage = g_ptr_array_index (config->stages, i);
      g_autofree char *path = g_strdup_printf ("$.lifecycle.stages[%u].when", i);

      if (stage->entry != NULL)
        bind_condition (binder, stage->entry, path);
    }

  for (guint i = 0; i < config->paths->len; i++)
    {
      const LwPath *path = g_ptr_array_index (config->paths, i);
      g_autofree char *from = g_strdup_printf ("$.lifecycle.paths[%u].fromStatus", i);
      g_autofree char *to = g_strdup_printf ("$.lifecycle.paths[%u].toStage", i);

      resolve (binder, LOOKUP_STATUS, path->from_status, from, NULL);
      resolve (binder, LOOKUP_STAGE, path->to_stage, to, NULL);
    }
}

static void
bind_score_model (Binder       *binder,
                  LwScoreModel *model,
                  const char   *model_path)
{
  for (guint i = 0; i < model->criteria->len; i++)
    {
      LwCriterion *criterion = g_ptr_array_index (model->criteria, i);
      g_autofree char *at = g_strdup_printf ("%s.criteria[%u]", model_path, i);
      g_autofree char *when_path = g_strconcat (at, ".when", NULL);
      g_autofree char *activity_path = g_strconcat (at, ".activity", NULL);
      g_autofree char *max_path = g_strconcat (at, ".maxTimes", NULL);

      criterion->activity_index = -1;
      if (criterion->when != NULL && criterion->activity != NULL)
        add_error (binder, at, "%s",
                   _("a criterion has a condition (\"when\") or an activity, not both"));
      else if (criterion->when == NULL && criterion->activity == NULL)
        add_error (binder, at, "%s",
                   _("a criterion needs a condition (\"when\") or an activity"));

      if (criterion->when != NULL)
        {
          bind_condition (binder, criterion->when, when_path);
          if (criterion->max_times > 0 && criterion->activity == NULL)
            add_error (binder, max_path, "%s", _("maxTimes only applies to activity criteria"));
        }
      if (criterion->activity != NULL)
        resolve (binder, LOOKUP_ACTIVITY, criterion->activity, activity_path,
                 &criterion->activity_index);
    }

  if (model->has_cap && model->cap < 0)
    {
      g_autofree char *path = g_strconcat (model_path, ".cap", NULL);

      /* translators: %d is the cap as written */
      add_error (binder, path, _("the cap must not be negative (got %d)"), model->cap);
    }
}

static void
bind_grades (Binder     *binder,
             GPtrArray  *bands,
             const char *list_path)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  const LwGradeBand *previous = NULL;

  for (guint i = 0; i < bands->len; i++)
    {
      const LwGradeBand *band = g_ptr_array_index (bands, i);
      g_autofree char *grade_path = g_strdup_printf ("%s[%u].grade", list_path, i);
      g_autofree char *min_path = g_strdup_printf ("%s[%u].min", list_path, i);
      gboolean last = i + 1 == bands->len;
      const char *grade = band->grade != NULL ? band->grade : "";

      if (*grade == '\0')
        add_error (binder, grade_path, "%s", _("the grade is empty"));
      else if (!g_hash_table_add (seen, (gpointer) grade))
        /* translators: %s is a grade such as "A" */
        add_error (binder, grade_path, _("duplicate grade \"%s\""), grade);

      if (last && band->has_min)
        /* translators: %d is the min as written */
        add_error (binder, min_path,
                   _("the last grade band takes every lower score and has no min (got %d)"),
                   band->min);
      else if (!last && !band->has_min)
        /* translators: %s is a grade such as "B" */
        add_error (binder, min_path,
                   _("grade band \"%s\" needs a min: only the last band has none"), grade);

      if (band->has_min && previous != NULL && band->min >= previous->min)
        /* translators: the min 20 of grade "B" is not below the min 20 of the band before */
        add_error (binder, min_path,
                   _("the min %d of grade \"%s\" is not below the min %d of the band before"),
                   band->min, grade, previous->min);
      if (band->has_min)
        previous = band;
    }
}

static void
bind_scoring (Binder *binder)
{
  LwScoring *scoring = &binder->config->scoring;

  bind_score_model (binder, &scoring->fit, "$.scoring.fit");
  bind_score_model (binder, &scoring->engagement, "$.scoring.engagement");

  if (scoring->decay == LW_DECAY_HALF_LIFE &&
      (!isfinite (scoring->half_life_days) || scoring->half_life_days <= 0))
    /* translators: %g is the number of days as written */
    add_error (binder, "$.scoring.decay.halfLifeDays",
               _("the half-life must be a positive number of days (got %g)"),
               scoring->half_life_days);
  else if (scoring->decay == LW_DECAY_WINDOW && scoring->window_days == 0)
    add_error (binder, "$.scoring.decay.windowDays", "%s",
               _("the window must be at least one day"));

  if (scoring->mql_kind == LW_MQL_TOTAL && scoring->mql_total < 0)
    /* translators: %d is the threshold as written */
    add_error (binder, "$.scoring.mql.total", _("the MQL threshold must not be negative (got %d)"),
               scoring->mql_total);
  if (scoring->mql_kind == LW_MQL_BOTH && scoring->mql_fit < 0)
    add_error (binder, "$.scoring.mql.fit", _("the MQL threshold must not be negative (got %d)"),
               scoring->mql_fit);
  if (scoring->mql_kind == LW_MQL_BOTH && scoring->mql_engagement < 0)
    add_error (binder, "$.scoring.mql.engagement",
               _("the MQL threshold must not be negative (got %d)"), scoring->mql_engagement);

  /* A rule set still without stages has nowhere to send MQLs yet. */
  if (scoring->mql_stage == NULL || *scoring->mql_stage == '\0')
    {
      /* A rule set still without stages has nowhere to send MQLs yet. */
      if (binder->config->stages->len > 0)
        add_error (binder, "$.scoring.mqlStage", "%s",
                   _("no MQL stage: name the stage a lead enters when it meets the threshold"));
    }
  else
    resolve (binder, LOOKUP_STAGE, scoring->mql_stage, "$.scoring.mqlStage", NULL);

  bind_grades (binder, scoring->fit_grades, "$.scoring.grades.fit");
  bind_grades (binder, scoring->engagement_grades, "$.scoring.grades.engagement");
}

static char *
format_date (const GDate *date)
{
  char text[16];

  g_date_strftime (text, sizeof text, "%Y-%m-%d", date);
  return g_strdup (text);
}

static void
bind_rep (Binder     *binder,
          LwRep      *rep,
          guint       index,
          const char *at)
{
  g_autofree char *tz_path = g_strconcat (at, ".timeZone", NULL);

  rep->index = index;
  if (rep->team != NULL)
    {
      g_autofree char *path = g_strconcat (at, ".team", NULL);

      resolve (binder, LOOKUP_TEAM, rep->team, path, NULL);
    }

  g_clear_pointer (&rep->tz, g_time_zone_unref);
  if (rep->time_zone == NULL || *rep->time_zone == '\0')
    add_error (binder, tz_path, "%s", _("a time zone is required"));
  else if ((rep->tz = g_time_zone_new_identifier (rep->time_zone)) == NULL)
    /* translators: %s is a time zone name such as "Europe/Berlin" */
    add_error (binder, tz_path, _("unknown time zone \"%s\""), rep->time_zone);
  if (rep->tz == NULL)
    rep->tz = g_time_zone_new_utc ();
  rep->zone = lw_tz_for_time_zone (rep->tz);

  if (rep->weight == 0)
    {
      g_autofree char *path = g_strconcat (at, ".weight", NULL);

      add_error (binder, path, "%s", _("the weight must be at least 1"));
    }

  for (guint d = 0; d < 7; d++)
    {
      const LwInterval *previous = NULL;

      for (guint j = 0; rep->hours.days[d] != NULL && j < rep->hours.days[d]->len; j++)
        {
          const LwInterval *interval = &g_array_index (rep->hours.days[d], LwInterval, j);
          g_autofree char *path = g_strdup_printf ("%s.workingHours.%s[%u]", at, day_keys[d], j);
          g_autofree char *text = lw_interval_format (interval);

          if (interval->end > 24 * 60)
            /* translators: %s is an interval such as "09:00-17:30" */
            add_error (binder, path, _("the interval %s ends after 24:00"), text);
          else if (interval->end <= interval->start)
            /* translators: %s is an interval such as "17:00-09:00" */
            add_error (binder, path, _("the interval %s does not end after it starts"), text);
          else if (previous != NULL && interval->start < previous->end)
            {
              g_autofree char *before = lw_interval_format (previous);

              /* translators: the interval 12:00-14:00 overlaps or comes before 09:00-13:00 */
              add_error (binder, path, _("the interval %s overlaps or comes before %s"),
                         text, before);
            }
          previous = interval;
        }
    }

  for (guint j = 0; rep->out_of_office != NULL && j < rep->out_of_office->len; j++)
    {
      LwDateRange *range = &g_array_index (rep->out_of_office, LwDateRange, j);
      g_autofree char *path = g_strdup_printf ("%s.outOfOffice[%u]", at, j);

      if (!g_date_valid (&range->from) || !g_date_valid (&range->to))
        add_error (binder, path, "%s", _("the out-of-office range has an invalid date"));
      else
        {
          /* Fill in the dates' cached Julian days here, on one thread, so
           * that reads from worker threads later write nothing. */
          g_date_get_julian (&range->from);
          g_date_get_julian (&range->to);

          if (g_date_compare (&range->to, &range->from) < 0)
            {
              g_autofree char *from = format_date (&range->from);
              g_autofree char *to = format_date (&range->to);

              /* translators: the out-of-office range ends (2026-12-20) before it starts (2026-12-24) */
              add_error (binder, path, _("the out-of-office range ends (%s) before it starts (%s)"),
                         to, from);
            }
        }
    }
}

static void
bind_team (Binder *binder)
{
  LwConfig *config = binder->config;

  for (guint i = 0; i < config->reps->len; i++)
    {
      g_autofree char *at = g_strdup_printf ("$.team.reps[%u]", i);

      bind_rep (binder, g_ptr_array_index (config->reps, i), i, at);
    }

  for (guint i = 0; i < config->teams->len; i++)
    {
      const LwTeam *team = g_ptr_array_index (config->teams, i);
      g_autofree char *path = g_strdup_printf ("$.team.teams[%u].manager", i);

      if (team->manager != NULL)
        resolve (binder, LOOKUP_REP, team->manager, path, NULL);
    }

  for (guint i = 0; i < config->pools->len; i++)
    {
      const LwPool *pool = g_ptr_array_index (config->pools, i);
      g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

      for (guint j = 0; j < pool->members->len; j++)
        {
          const char *member = g_ptr_array_index (pool->members, j);
          g_autofree char *path = g_strdup_printf ("$.team.pools[%u].members[%u]", i, j);

          if (resolve (binder, LOOKUP_REP, member, path, NULL) == NULL)
            continue;
          if (!g_hash_table_add (seen, (gpointer) member))
            /* translators: %s is a rep id */
            add_error (binder, path, _("rep \"%s\" is already a member of this pool"), member);
        }
    }

  for (guint i = 0; i < config->accounts->len; i++)
    {
      LwAccount *account = g_ptr_array_index (config->accounts, i);
      g_autofree char *domain_path = g_strdup_printf ("$.accounts[%u].domain", i);
      g_autofree char *owner_path = g_strdup_printf ("$.accounts[%u].owner", i);
      int first = -1;

      if (account->domain == NULL || *account->domain == '\0')
        add_error (binder, domain_path, "%s", _("the domain is empty"));
      else if (find_element (config, LOOKUP_ACCOUNT, account->domain, &first) != NULL)
        /* translators: duplicate domain "acme.com" (first defined at $.accounts[0]) */
        add_error (binder, domain_path,
                   _("duplicate domain \"%s\" (first defined at $.accounts[%d])"),
                   account->domain, first);
      else
        insert_entry (config, LOOKUP_ACCOUNT, account->domain, account, i);

      resolve (binder, LOOKUP_REP, account->owner, owner_path, NULL);
    }
}

/* An owner or a pool, exactly one (or neither, with @optional). */
static void
bind_target (Binder         *binder,
             const LwTarget *target,
             const char     *at,
             gboolean        optional)
{
  if (target->owner != NULL && target->pool != NULL)
    /* translators: both an owner ("ana") and a pool ("emea-sdrs") are given: give one */
    add_error (binder, at, _("both an owner (\"%s\") and a pool (\"%s\") are given: give one"),
               target->owner, target->pool);
  else if (target->owner == NULL && target->pool == NULL && !optional)
    add_error (binder, at, "%s", _("neither an owner nor a pool is given: give one"));

  if (target->owner != NULL)
    {
      g_autofree char *path = g_strconcat (at, ".owner", NULL);

      resolve (binder, LOOKUP_REP, target->owner, path, NULL);
    }
  if (target->pool != NULL)
    {
      g_autofree char *path = g_strconcat (at, ".pool", NULL);

      resolve (binder, LOOKUP_POOL, target->pool, path, NULL);
    }
}

static void
bind_territories (Binder        *binder,
                  LwRoutingRule *rule,
                  const char    *assign_path)
{
  g_autofree char *property_path = g_strconcat (assign_path, ".property", NULL);
  g_autofree char *map_path = g_strconcat (assign_path, ".map", NULL);
  g_autoptr(GHashTable) mapped = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  const LwProperty *property;

  property = resolve (binder, LOOKUP_PROPERTY, rule->property, property_path, NULL);
  if (rule->territories->len == 0)
    add_error (binder, map_path, "%s", _("the territory map is empty"));

  for (guint j = 0; j < rule->territories->len; j++)
    {
      const LwTerritory *territory = g_ptr_array_index (rule->territories, j);
      g_autofree char *at = g_strdup_printf ("%s[%u]", map_path, j);
      guint n_values = territory->values != NULL ? g_strv_length (territory->values) : 0;

      if (n_values == 0)
        {
          g_autofree char *path = g_strconcat (at, ".values", NULL);

          add_error (binder, path, "%s", _("a territory entry needs at least one value"));
        }
      for (guint k = 0; k < n_values; k++)
        {
          const char *value = territory->values[k];
          g_autofree char *path = g_strdup_printf ("%s.values[%u]", at, k);
          g_autofree char *fold = g_utf8_casefold (value, -1);
          const char *first_at = g_hash_table_lookup (mapped, fold);

          if (property != NULL && property->type == LW_PROPERTY_ENUM &&
              !has_option (property, value))
            /* translators: "XX" is not an option of property "country" */
            add_error (binder, path, _("\"%s\" is not an option of property \"%s\""),
                       value, property->id);
          else if (first_at != NULL)
            /* translators: value "DE" is already mapped at $.routing.rules[3].assign.map[0] */
            add_error (binder, path, _("value \"%s\" is already mapped at %s"), value, first_at);
          else
            g_hash_table_insert (mapped, g_steal_pointer (&fold), g_strdup (at));
        }

      bind_target (binder, &territory->target, at, FALSE);
    }
}

static void
bind_rule (Binder        *binder,
           LwRoutingRule *rule,
           const char    *at)
{
  g_autofree char *when_path = g_strconcat (at, ".when", NULL);
  g_autofree char *assign_path = g_strconcat (at, ".assign", NULL);

  if (rule->when == NULL)
    rule->when = lw_condition_new ();
  bind_condition (binder, rule->when, when_path);

  switch (rule->kind)
    {
    case LW_ASSIGN_OWNER:
      if (rule->target.owner == NULL && rule->target.pool != NULL)
        add_error (binder, assign_path, "%s",
                   _("an assignment to an owner names a pool instead of an owner"));
      else
        bind_target (binder, &rule->target, assign_path, FALSE);
      break;

    case LW_ASSIGN_POOL:
      if (rule->target.pool == NULL && rule->target.owner != NULL)
        add_error (binder, assign_path, "%s",
                   _("an assignment to a pool names an owner instead of a pool"));
      else
        bind_target (binder, &rule->target, assign_path, FALSE);
      break;

    case LW_ASSIGN_ACCOUNT_OWNER:
      break;

    case LW_ASSIGN_TERRITORY:
      bind_territories (binder, rule, assign_path);
      break;

    default:
      add_error (binder, assign_path, "%s", _("unknown assignment type"));
      break;
    }
}

static gboolean
has_active_member (const LwConfig *config,
                   const LwPool   *pool)
{
  for (guint j = 0; j < pool->members->len; j++)
    {
      const LwRep *rep = find_element (config, LOOKUP_REP, g_ptr_array_index (pool->members, j),
                                       NULL);

      if (rep != NULL && rep->active)
        return TRUE;
    }
  return FALSE;
}

static void
bind_routing (Binder *binder)
{
  LwConfig *config = binder->config;
  const LwTarget *fallback = &config->fallback;

  for (guint i = 0; i < config->rules->len; i++)
    {
      g_autofree char *at = g_strdup_printf ("$.routing.rules[%u]", i);

      bind_rule (binder, g_ptr_array_index (config->rules, i), at);
    }

  if (fallback->owner == NULL && fallback->pool == NULL)
    add_error (binder, "$.routing.fallback", "%s",
               _("no fallback: set a fallback owner or pool so that every lead gets an owner"));
  else
    bind_target (binder, fallback, "$.routing.fallback", FALSE);

  if (fallback->owner != NULL && fallback->pool == NULL)
    {
      const LwRep *rep = find_element (config, LOOKUP_REP, fallback->owner, NULL);

      if (rep != NULL && !rep->active)
        /* translators: %s is a rep id */
        add_error (binder, "$.routing.fallback.owner",
                   _("the fallback owner \"%s\" is not active"), rep->id);
    }

  if (fallback->pool != NULL && fallback->owner == NULL)
    {
      const LwPool *pool = find_element (config, LOOKUP_POOL, fallback->pool, NULL);

      if (pool != NULL && !has_active_member (config, pool))
        /* translators: %s is a pool id */
        add_error (binder, "$.routing.fallback.pool",
                   _("the fallback pool \"%s\" has no active member"), pool->id);
    }
}

static void
bind_policy (Binder      *binder,
             LwSlaPolicy *policy,
             const char  *at)
{
  g_autofree char *when_path = g_strconcat (at, ".when", NULL);
  g_autofree char *escalations_path = g_strconcat (at, ".escalations", NULL);
  guint previous = 0;

  if (policy->when == NULL)
    policy->when = lw_condition_new ();
  bind_condition (binder, policy->when, when_path);

  if (policy->deadline_minutes == 0)
    {
      g_autofree char *path = g_strconcat (at, ".deadlineMinutes", NULL);

      add_error (binder, path, "%s", _("the deadline must be at least one minute"));
    }
  else if (policy->warn_before_minutes >= policy->deadline_minutes)
    {
      g_autofree char *path = g_strconcat (at, ".warnBeforeMinutes", NULL);

      /* translators: a warning 10 minutes before a deadline of 10 minutes would come ... */
      add_error (binder, path, _("a warning %u minutes before a deadline of %u minutes "
                                 "would come at or before the start"),
                 policy->warn_before_minutes, policy->deadline_minutes);
    }

  if (policy->escalations->len > LW_SLA_MAX_ESCALATIONS)
    /* translators: 9 escalation steps; at most 8 are allowed */
    add_error (binder, escalations_path, _("%u escalation steps; at most %d are allowed"),
               policy->escalations->len, LW_SLA_MAX_ESCALATIONS);

  for (guint j = 0; j < policy->escalations->len; j++)
    {
      const LwEscalation *escalation = &g_array_index (policy->escalations, LwEscalation, j);
      g_autofree char *after_path = g_strdup_printf ("%s[%u].afterMinutes", escalations_path, j);

      if (escalation->after_minutes == 0)
        add_error (binder, after_path, "%s",
                   _("an escalation must come at least one minute after assignment"));
      else if (j > 0 && escalation->after_minutes <= previous)
        /* translators: the escalation after 60 minutes does not come after the step
         * before (120 minutes) */
        add_error (binder, after_path, _("the escalation after %u minutes does not come after "
                                         "the step before (%u minutes)"),
                   escalation->after_minutes, previous);
      previous = escalation->after_minutes;

      if (escalation->action == LW_ESCALATE_REASSIGN)
        {
          g_autofree char *to_path = g_strdup_printf ("%s[%u].to", escalations_path, j);

          bind_target (binder, &escalation->target, to_path, TRUE);
        }
    }

  for (guint j = 0; j < policy->pause_statuses->len; j++)
    {
      g_autofree char *path = g_strdup_printf ("%s.pauseStatuses[%u]", at, j);

      resolve (binder, LOOKUP_STATUS, g_ptr_array_index (policy->pause_statuses, j), path, NULL);
    }
}

gboolean
lw_config_bind (LwConfig  *config,
                GPtrArray *diagnostics)
{
  Binder binder = { config, diagnostics, 0 };

  g_return_val_if_fail (config != NULL, FALSE);
  g_return_val_if_fail (builtins_intact (config), FALSE);

  config->bound = FALSE;
  g_clear_pointer (&config->lookup, g_hash_table_unref);
  config->lookup = g_hash_table_new_full (hash_entry, equal_entries, g_free, NULL);
  config->account_lengths = 0;
  memset (config->account_firsts, 0, sizeof config->account_firsts);

  refresh_builtins (config);
  register_all (&binder);

  for (guint i = LW_N_BUILTINS; i < config->properties->len; i++)
    {
      g_autofree char *at = g_strdup_printf ("$.properties[%u]", i - LW_N_BUILTINS);

      bind_property (&binder, g_ptr_array_index (config->properties, i), at);
    }

  bind_lifecycle (&binder);
  bind_scoring (&binder);
  bind_team (&binder);
  bind_routing (&binder);

  for (guint i = 0; i < config->policies->len; i++)
    {
      g_autofree char *at = g_strdup_printf ("$.slas[%u]", i);

      bind_policy (&binder, g_ptr_array_index (config->policies, i), at);
    }

  config->bound = binder.n_errors == 0;
  return config->bound;
}

/* ---- working hours ---------------------------------------------------------------- */

gboolean
lw_week_hours_is_empty (const LwWeekHours *hours)
{
  g_return_val_if_fail (hours != NULL, TRUE);

  for (guint d = 0; d < 7; d++)
    if (hours->days[d] != NULL && hours->days[d]->len > 0)
      return FALSE;
  return TRUE;
}

/* "HH:MM", hours 00-23, or "24:00" when @end. */
static gboolean
parse_clock (const char *text,
             gboolean    end,
             guint16    *minutes)
{
  guint hour, minute;

  if (!g_ascii_isdigit (text[0]) || !g_ascii_isdigit (text[1]) || text[2] != ':' ||
      !g_ascii_isdigit (text[3]) || !g_ascii_isdigit (text[4]))
    return FALSE;

  hour = (text[0] - '0') * 10 + (text[1] - '0');
  minute = (text[3] - '0') * 10 + (text[4] - '0');
  if (minute > 59 || hour > 24 || (hour == 24 && (!end || minute != 0)))
    return FALSE;

  *minutes = hour * 60 + minute;
  return TRUE;
}

/* Reads "09:00-17:30" exactly. Whether the interval ends after it starts
 * is for lw_config_bind() to say, with the interval's path. */
gboolean
lw_interval_parse (const char *text,
                   LwInterval *out)
{
  LwInterval interval;

  g_return_val_if_fail (out != NULL, FALSE);

  if (text == NULL || strlen (text) != 11 || text[5] != '-' ||
      !parse_clock (text, FALSE, &interval.start) ||
      !parse_clock (text + 6, TRUE, &interval.end))
    return FALSE;

  *out = interval;
  return TRUE;
}

char *
lw_interval_format (const LwInterval *interval)
{
  g_return_val_if_fail (interval != NULL, NULL);

  return g_strdup_printf ("%02u:%02u-%02u:%02u",
                          interval->start / 60u, interval->start % 60u,
                          interval->end / 60u, interval->end % 60u);
}

/* The local day (days since 1970-01-01) and minute of the day of @time in
 * @rep's time zone, DST included. Allocates nothing: the simulator asks
 * this a lot. */
static void
split_local_time (const LwRep *rep,
                  LwTime       time,
                  gint64      *day,
                  guint       *minute)
{
  const LwTz *zone = lw_tz_resolve (rep->zone, rep->tz);
  LwTime local = time + lw_tz_offset_at_utc (zone, time);
  gint64 d = local / LW_DAY;

  if (local % LW_DAY < 0)
    d--;
  *day = d;
  *minute = (local - d * LW_DAY) / LW_MINUTE;
}

gboolean
lw_rep_is_working (const LwRep *rep,
                   LwTime       time)
{
  const GArray *intervals;
  gint64 day;
  guint minute;

  g_return_val_if_fail (rep != NULL, FALSE);
  g_return_val_if_fail (rep->tz != NULL, FALSE);

  split_local_time (rep, time, &day, &minute);
  /* 1970-01-01 was a Thursday: weekday 3 with Monday 0. */
  intervals = rep->hours.days[((day % 7) + 7 + 3) % 7];

  for (guint i = 0; intervals != NULL && i < intervals->len; i++)
    {
      const LwInterval *interval = &g_array_index (intervals, LwInterval, i);

      if (minute >= interval->start && minute < interval->end)
        return TRUE;
    }
  return FALSE;
}

/* Days since 1970-01-01 of @date, read without the GDate getters and
 * comparisons, which may write their cache into a date that several
 * threads share. FALSE for an invalid date. */
static gboolean
epoch_day_of_date (const GDate *date,
                   gint64      *out)
{
  if (date->dmy && g_date_valid_dmy (date->day, date->month, date->year))
    {
      /* Howard Hinnant's days_from_civil. */
      gint64 y = (gint64) date->year - (date->month <= 2);
      gint64 era = (y >= 0 ? y : y - 399) / 400;
      gint64 yoe = y - era * 400;
      gint64 m = date->month;
      gint64 doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + date->day - 1;
      gint64 doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

      *out = era * 146097 + doe - 719468;
      return TRUE;
    }
  if (date->julian && date->julian_days > 0)
    {
      *out = (gint64) date->julian_days - JULIAN_OF_EPOCH;
      return TRUE;
    }
  return FALSE;
}

gboolean
lw_rep_is_out_of_office (const LwRep *rep,
                         LwTime       time)
{
  gint64 day, julian;
  guint minute;

  g_return_val_if_fail (rep != NULL, FALSE);
  g_return_val_if_fail (rep->tz != NULL, FALSE);

  if (rep->out_of_office == NULL || rep->out_of_office->len == 0)
    return FALSE;

  split_local_time (rep, time, &day, &minute);
  julian = day + JULIAN_OF_EPOCH;
  if (julian < 1 || julian > G_MAXUINT32)
    return FALSE;

  for (guint i = 0; i < rep->out_of_office->len; i++)
    {
      const LwDateRange *range = &g_array_index (rep->out_of_office, LwDateRange, i);
      gint64 from, to;

      if (epoch_day_of_date (&range->from, &from) && epoch_day_of_date (&range->to, &to) &&
          day >= from && day <= to)
        return TRUE;
    }
  return FALSE;
}
