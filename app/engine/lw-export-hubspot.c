/* lw-export-hubspot.c: the rule set in HubSpot's terms
 *
 * Leadwright's conditions already have the shape of HubSpot's CRM search
 * filters and the same 13 operators, so a filter maps one to one; what
 * changes is the property's name and, for the lifecycle stage, the lead
 * status and dates, the value.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "lw-export-hubspot.h"
#include "lw-scoring.h"

/* HubSpot's own contact properties, by Leadwright property id with "-"
 * read as "_". */
static const struct
{
  const char *id;
  const char *name;
} contact_properties[] = {
  { "email", "email" },
  { "first_name", "firstname" },
  { "firstname", "firstname" },
  { "last_name", "lastname" },
  { "lastname", "lastname" },
  { "company", "company" },
  { "job_title", "jobtitle" },
  { "jobtitle", "jobtitle" },
  { "phone", "phone" },
  { "mobile_phone", "mobilephone" },
  { "city", "city" },
  { "state", "state" },
  { "country", "country" },
  { "industry", "industry" },
  { "website", "website" },
  { "annual_revenue", "annualrevenue" },
};

/* The built-ins, by LwBuiltin. */
static const struct
{
  const char *name;
  gboolean    custom;
} builtin_names[LW_N_BUILTINS] = {
  [LW_BUILTIN_LIFECYCLE_STAGE] = { "lifecyclestage", FALSE },
  [LW_BUILTIN_LEAD_STATUS] = { "hs_lead_status", FALSE },
  [LW_BUILTIN_DEAL_STAGE] = { "leadwright_deal_stage", TRUE },
  [LW_BUILTIN_SOURCE] = { "leadwright_source", TRUE },
  /* Defined by the export itself, in the group "leadwright". */
  [LW_BUILTIN_FIT_SCORE] = { "leadwright_fit_score", FALSE },
  [LW_BUILTIN_ENGAGEMENT_SCORE] = { "leadwright_engagement_score", FALSE },
  [LW_BUILTIN_TOTAL_SCORE] = { "leadwright_total_score", FALSE },
  [LW_BUILTIN_GRADE] = { "leadwright_grade", FALSE },
  [LW_BUILTIN_CREATED_AT] = { "createdate", FALSE },
};

typedef struct
{
  const LwConfig *config;
  GPtrArray      *report;
  GHashTable     *once;     /* keys of warnings given once */
} Writer;

static void warn_once (Writer     *writer,
                       const char *key,
                       const char *path,
                       const char *format,
                       ...) G_GNUC_PRINTF (4, 5);

static void
warn_once (Writer     *writer,
           const char *key,
           const char *path,
           const char *format,
           ...)
{
  g_autofree char *message = NULL;
  va_list args;

  if (writer->report == NULL || !g_hash_table_add (writer->once, g_strdup (key)))
    return;
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  lw_diagnostics_add (writer->report, LW_SEVERITY_WARNING, path, "%s", message);
}

static int
builtin_of (const LwConfig   *config,
            const LwProperty *property)
{
  for (guint i = 0; i < LW_N_BUILTINS && i < config->properties->len; i++)
    if (g_ptr_array_index (config->properties, i) == property)
      return i;
  return -1;
}

char *
lw_hubspot_property_name (const LwConfig   *config,
                          const LwProperty *property,
                          gboolean         *custom)
{
  int builtin;
  g_autofree char *key = NULL;

  g_return_val_if_fail (config != NULL, NULL);
  g_return_val_if_fail (property != NULL, NULL);

  builtin = builtin_of (config, property);
  if (builtin >= 0)
    {
      if (custom != NULL)
        *custom = builtin_names[builtin].custom;
      return g_strdup (builtin_names[builtin].name);
    }

  if (custom != NULL)
    *custom = FALSE;
  if (property->domain_of != NULL)
    return g_strdup ("hs_email_domain");

  key = g_ascii_strdown (property->id, -1);
  g_strdelimit (key, "-", '_');
  for (guint i = 0; i < G_N_ELEMENTS (contact_properties); i++)
    if (strcmp (key, contact_properties[i].id) == 0)
      return g_strdup (contact_properties[i].name);

  if (custom != NULL)
    *custom = TRUE;
  return g_steal_pointer (&key);
}

/* The HubSpot value of stage or status @id; NULL when it has none. */
static const char *
find_lifecycle_value (const LwConfig *config,
                      int             builtin,
                      const char     *id,
                      int            *index)
{
  GPtrArray *list = builtin == LW_BUILTIN_LIFECYCLE_STAGE ? config->stages : config->statuses;

  for (guint i = 0; i < list->len; i++)
    {
      if (builtin == LW_BUILTIN_LIFECYCLE_STAGE)
        {
          const LwStage *stage = g_ptr_array_index (list, i);

          if (g_strcmp0 (stage->id, id) == 0)
            {
              *index = i;
              return stage->hubspot_value != NULL && *stage->hubspot_value != '\0' ? stage->hubspot_value : NULL;
            }
        }
      else
        {
          const LwStatus *status = g_ptr_array_index (list, i);

          if (g_strcmp0 (status->id, id) == 0)
            {
              *index = i;
              return status->hubspot_value != NULL && *status->hubspot_value != '\0' ? status->hubspot_value : NULL;
            }
        }
    }
  *index = -1;
  return NULL;
}

static char *
convert_value (Writer           *writer,
               const LwProperty *property,
               const char       *value)
{
  const LwConfig *config = writer->config;
  int builtin = builtin_of (config, property);

  if (builtin == LW_BUILTIN_LIFECYCLE_STAGE || builtin == LW_BUILTIN_LEAD_STATUS)
    {
      int index = -1;
      const char *hubspot = find_lifecycle_value (config, builtin, value, &index);

      if (hubspot != NULL)
        return g_strdup (hubspot);
      if (index >= 0)
        {
          g_autofree char *key = g_strconcat ("value:", property->id, ":", value, NULL);
          g_autofree char *path = g_strdup_printf (builtin == LW_BUILTIN_LIFECYCLE_STAGE
                                                   ? "$.lifecycle.stages[%d].hubspotValue"
                                                   : "$.lifecycle.statuses[%d].hubspotValue",
                                                   index);

          warn_once (writer, key, path,
                     /* translators: a stage or status id */
                     _("\"%s\" has no HubSpot internal value: its id is written instead, and "
                       "HubSpot gives custom options values of its own"),
                     value);
        }
      return g_strdup (value);
    }

  if (property->type == LW_PROPERTY_DATETIME)
    {
      LwTime time = 0;

      if (lw_time_parse_iso8601 (value, &time))
        return g_strdup_printf ("%" G_GINT64_FORMAT, time * 1000);
    }
  return g_strdup (value);
}

char *
lw_hubspot_value (const LwConfig   *config,
                  const LwProperty *property,
                  const char       *value)
{
  Writer writer = { config, NULL, NULL };

  g_return_val_if_fail (config != NULL, NULL);
  g_return_val_if_fail (property != NULL, NULL);
  g_return_val_if_fail (value != NULL, NULL);

  return convert_value (&writer, property, value);
}

static JsonNode *
new_string (const char *text)
{
  return json_node_init_string (json_node_alloc (), text);
}

/* Adds a member that is a string: every value HubSpot filters take. */
static void
set_string (JsonObject *object,
            const char *name,
            const char *text)
{
  json_object_set_member (object, name, new_string (text));
}

static JsonNode *
convert_filter (Writer         *writer,
                const LwFilter *filter,
                const char     *path)
{
  const LwConfig *config = writer->config;
  const LwProperty *property = lw_config_find_property (config, filter->property);
  JsonObject *object = json_object_new ();
  gboolean custom = FALSE;
  g_autofree char *name = NULL;

  g_return_val_if_fail (property != NULL, NULL);

  name = lw_hubspot_property_name (config, property, &custom);
  if (custom)
    {
      g_autofree char *key = g_strconcat ("property:", property->id, NULL);
      g_autofree char *at = g_strconcat (path, ".propertyName", NULL);

      warn_once (writer, key, at,
                 /* translators: a property's label, then a HubSpot property name */
                 _("%s is not one of HubSpot's own contact properties: it is written as %s, "
                   "which must exist in HubSpot"),
                 property->label, name);
    }

  set_string (object, "propertyName", name);
  set_string (object, "operator", lw_operator_to_string (filter->op));

  switch (filter->op)
    {
    case LW_OP_HAS_PROPERTY:
    case LW_OP_NOT_HAS_PROPERTY:
      break;

    case LW_OP_IN:
    case LW_OP_NOT_IN:
      {
        JsonArray *values = json_array_new ();

        for (guint i = 0; filter->values != NULL && filter->values[i] != NULL; i++)
          {
            g_autofree char *value = convert_value (writer, property, filter->values[i]);

            json_array_add_element (values, new_string (value));
          }
        json_object_set_array_member (object, "values", values);
      }
      break;

    case LW_OP_BETWEEN:
      {
        g_autofree char *low = convert_value (writer, property, filter->value);
        g_autofree char *high = convert_value (writer, property, filter->high_value);

        set_string (object, "value", low);
        set_string (object, "highValue", high);
      }
      break;

    default:
      {
        g_autofree char *value = convert_value (writer, property, filter->value);

        set_string (object, "value", value);
      }
    }

  return json_node_init_object (json_node_alloc (), object);
}

/* The filterGroups array of @condition, each group followed by @extra
 * (may be NULL): a filter every group must also meet. */
static JsonArray *
convert_groups (Writer            *writer,
                const LwCondition *condition,
                const char        *path,
                const LwFilter    *extra,
                const char        *extra_path)
{
  JsonArray *groups = json_array_new ();
  gboolean always = FALSE;

  for (guint i = 0; i < condition->groups->len; i++)
    if (((LwFilterGroup *) g_ptr_array_index (condition->groups, i))->filters->len == 0)
      always = TRUE;

  for (guint i = 0; !always && i < condition->groups->len; i++)
    {
      const LwFilterGroup *group = g_ptr_array_index (condition->groups, i);
      JsonObject *object = json_object_new ();
      JsonArray *filters = json_array_new ();

      for (guint j = 0; j < group->filters->len; j++)
        {
          g_autofree char *at = g_strdup_printf ("%s.filterGroups[%u].filters[%u]", path, i, j);

          json_array_add_element (filters, convert_filter (writer, g_ptr_array_index (group->filters, j), at));
        }
      if (extra != NULL)
        json_array_add_element (filters, convert_filter (writer, extra, extra_path));
      json_object_set_array_member (object, "filters", filters);
      json_array_add_object_element (groups, object);
    }

  if ((always || condition->groups->len == 0) && extra != NULL)
    {
      JsonObject *object = json_object_new ();
      JsonArray *filters = json_array_new ();

      json_array_add_element (filters, convert_filter (writer, extra, extra_path));
      json_object_set_array_member (object, "filters", filters);
      json_array_add_object_element (groups, object);
    }

  return groups;
}

JsonNode *
lw_hubspot_condition_to_json (const LwConfig    *config,
                              const LwCondition *condition,
                              const char        *path,
                              GPtrArray         *report)
{
  g_autoptr(GHashTable) once = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  Writer writer = { config, report, once };
  JsonObject *object;

  g_return_val_if_fail (config != NULL, NULL);
  g_return_val_if_fail (condition != NULL, NULL);

  object = json_object_new ();
  json_object_set_array_member (object, "filterGroups",
                                convert_groups (&writer, condition, path != NULL ? path : "$", NULL, NULL));
  return json_node_init_object (json_node_alloc (), object);
}

/* ---- property definitions ---------------------------------------------------- */

static JsonObject *
new_option (const char *label,
            const char *value,
            const char *description,
            guint       order)
{
  JsonObject *option = json_object_new ();

  json_object_set_string_member (option, "label", label);
  json_object_set_string_member (option, "value", value);
  if (description != NULL && *description != '\0')
    json_object_set_string_member (option, "description", description);
  json_object_set_int_member (option, "displayOrder", order);
  json_object_set_boolean_member (option, "hidden", FALSE);
  return option;
}

static JsonObject *
new_definition (const char *name,
                const char *label,
                const char *description,
                const char *type,
                const char *field_type,
                const char *group)
{
  JsonObject *definition = json_object_new ();

  json_object_set_string_member (definition, "name", name);
  json_object_set_string_member (definition, "label", label);
  if (description != NULL)
    json_object_set_string_member (definition, "description", description);
  json_object_set_string_member (definition, "type", type);
  json_object_set_string_member (definition, "fieldType", field_type);
  json_object_set_string_member (definition, "groupName", group);
  return definition;
}

static JsonObject *
define_lifecycle_stage (Writer *writer)
{
  const LwConfig *config = writer->config;
  const LwProperty *property = lw_config_builtin (config, LW_BUILTIN_LIFECYCLE_STAGE);
  JsonObject *definition = new_definition ("lifecyclestage", _("Lifecycle Stage"), NULL,
                                           "enumeration", "radio", "contactinformation");
  JsonArray *options = json_array_new ();

  for (guint i = 0; i < config->stages->len; i++)
    {
      const LwStage *stage = g_ptr_array_index (config->stages, i);
      g_autofree char *value = convert_value (writer, property, stage->id);

      json_array_add_object_element (options, new_option (stage->label, value, stage->definition, i));
    }
  json_object_set_array_member (definition, "options", options);
  return definition;
}

static JsonObject *
define_lead_status (Writer *writer)
{
  const LwConfig *config = writer->config;
  const LwProperty *property = lw_config_builtin (config, LW_BUILTIN_LEAD_STATUS);
  JsonObject *definition = new_definition ("hs_lead_status", _("Lead Status"), NULL,
                                           "enumeration", "radio", "sales_properties");
  JsonArray *options = json_array_new ();

  for (guint i = 0; i < config->statuses->len; i++)
    {
      const LwStatus *status = g_ptr_array_index (config->statuses, i);
      g_autofree char *value = convert_value (writer, property, status->id);

      json_array_add_object_element (options, new_option (status->label, value, status->definition, i));
    }
  json_object_set_array_member (definition, "options", options);
  return definition;
}

static JsonObject *
define_score (const char *name,
              const char *label,
              const char *description)
{
  return new_definition (name, label, description, "number", "number", LW_HUBSPOT_GROUP);
}

static char *
describe_band (const LwGradeBand *band)
{
  if (band->has_min)
    /* translators: a grade band's lowest score */
    return g_strdup_printf (_("%d or more"), band->min);
  return g_strdup (_("below that"));
}

/* A1, A2, ... C3: each fit grade with each engagement grade, as the
 * scoring makes them; NULL when no grades are defined. */
static JsonObject *
define_grade (Writer *writer)
{
  const LwScoring *scoring = &writer->config->scoring;
  GPtrArray *fit = scoring->fit_grades;
  GPtrArray *engagement = scoring->engagement_grades;
  JsonObject *definition;
  JsonArray *options;
  guint n_fit = MAX (fit->len, 1);
  guint n_engagement = MAX (engagement->len, 1);
  guint order = 0;

  if (fit->len == 0 && engagement->len == 0)
    return NULL;

  definition = new_definition ("leadwright_grade", _("Leadwright grade"),
                               _("Fit grade then engagement grade, as Leadwright scores them"),
                               "enumeration", "select", LW_HUBSPOT_GROUP);
  options = json_array_new ();
  for (guint i = 0; i < n_fit; i++)
    for (guint j = 0; j < n_engagement; j++)
      {
        const LwGradeBand *f = i < fit->len ? g_ptr_array_index (fit, i) : NULL;
        const LwGradeBand *e = j < engagement->len ? g_ptr_array_index (engagement, j) : NULL;
        g_autofree char *grade = g_strconcat (f != NULL ? f->grade : "", e != NULL ? e->grade : "", NULL);
        g_autofree char *f_text = f != NULL ? describe_band (f) : NULL;
        g_autofree char *e_text = e != NULL ? describe_band (e) : NULL;
        g_autofree char *description = NULL;

        if (f != NULL && e != NULL)
          /* translators: a fit grade and its band, an engagement grade and its band */
          description = g_strdup_printf (_("Fit %s (%s), engagement %s (%s)"),
                                         f->grade, f_text, e->grade, e_text);
        else if (f != NULL)
          /* translators: a fit grade and its band */
          description = g_strdup_printf (_("Fit %s (%s)"), f->grade, f_text);
        else
          /* translators: an engagement grade and its band */
          description = g_strdup_printf (_("Engagement %s (%s)"), e->grade, e_text);
        json_array_add_object_element (options, new_option (grade, grade, description, order++));
      }
  json_object_set_array_member (definition, "options", options);
  return definition;
}

static JsonArray *
define_properties (Writer *writer)
{
  JsonArray *properties = json_array_new ();
  JsonObject *grade;
  g_autofree char *mql = lw_scoring_describe_mql (writer->config);

  json_array_add_object_element (properties, define_lifecycle_stage (writer));
  json_array_add_object_element (properties, define_lead_status (writer));
  json_array_add_object_element (properties,
                                 define_score ("leadwright_fit_score", _("Leadwright fit score"),
                                               _("How well the lead fits the ideal customer profile")));
  json_array_add_object_element (properties,
                                 define_score ("leadwright_engagement_score",
                                               _("Leadwright engagement score"),
                                               _("How much the lead has engaged, with decay")));
  json_array_add_object_element (properties,
                                 define_score ("leadwright_total_score", _("Leadwright total score"), mql));
  grade = define_grade (writer);
  if (grade != NULL)
    json_array_add_object_element (properties, grade);
  return properties;
}

/* ---- routing and SLAs ----------------------------------------------------------- */

static JsonObject *
convert_target (Writer         *writer,
                const LwTarget *target)
{
  const LwConfig *config = writer->config;
  JsonObject *object = json_object_new ();

  if (target->owner != NULL)
    {
      const LwRep *rep = lw_config_find_rep (config, target->owner);

      json_object_set_string_member (object, "type", "owner");
      json_object_set_string_member (object, "owner", target->owner);
      if (rep != NULL)
        {
          json_object_set_string_member (object, "name", rep->name);
          if (rep->email != NULL && *rep->email != '\0')
            json_object_set_string_member (object, "email", rep->email);
        }
    }
  else if (target->pool != NULL)
    {
      const LwPool *pool = lw_config_find_pool (config, target->pool);
      JsonArray *members = json_array_new ();

      json_object_set_string_member (object, "type", "rotate");
      json_object_set_string_member (object, "pool", target->pool);
      if (pool != NULL)
        {
          json_object_set_string_member (object, "label", pool->label);
          json_object_set_boolean_member (object, "weighted", pool->weighted);
          for (guint i = 0; i < pool->members->len; i++)
            {
              const LwRep *rep = lw_config_find_rep (config, g_ptr_array_index (pool->members, i));

              if (rep != NULL && rep->email != NULL && *rep->email != '\0')
                json_array_add_string_element (members, rep->email);
              else
                json_array_add_string_element (members, g_ptr_array_index (pool->members, i));
            }
        }
      json_object_set_array_member (object, "members", members);
    }
  else
    json_object_set_string_member (object, "type", "routeAgain");
  return object;
}

static JsonObject *
convert_rule (Writer              *writer,
              const LwRoutingRule *rule,
              guint                index)
{
  const LwConfig *config = writer->config;
  JsonObject *object = json_object_new ();
  JsonObject *assign;
  g_autofree char *at = g_strdup_printf ("$.routing.rules[%u]", index);
  g_autofree char *when = g_strconcat (at, ".when", NULL);

  json_object_set_string_member (object, "id", rule->id);
  json_object_set_string_member (object, "label", rule->label);
  json_object_set_array_member (object, "filterGroups",
                                convert_groups (writer, rule->when, when, NULL, NULL));

  switch (rule->kind)
    {
    case LW_ASSIGN_OWNER:
    case LW_ASSIGN_POOL:
      assign = convert_target (writer, &rule->target);
      break;

    case LW_ASSIGN_ACCOUNT_OWNER:
      assign = json_object_new ();
      json_object_set_string_member (assign, "type", "accountOwner");
      break;

    case LW_ASSIGN_TERRITORY:
    default:
      {
        const LwProperty *property = lw_config_find_property (config, rule->property);
        g_autofree char *name = property != NULL ? lw_hubspot_property_name (config, property, NULL)
                                                 : g_strdup (rule->property);
        JsonArray *map = json_array_new ();

        assign = json_object_new ();
        json_object_set_string_member (assign, "type", "territory");
        json_object_set_string_member (assign, "propertyName", name);
        for (guint i = 0; i < rule->territories->len; i++)
          {
            const LwTerritory *territory = g_ptr_array_index (rule->territories, i);
            g_autofree char *entry_at = g_strdup_printf ("%s.assign.map[%u]", at, i);
            g_autoptr(LwFilter) extra = NULL;
            JsonObject *entry = json_object_new ();

            if (territory->values != NULL && territory->values[0] != NULL && territory->values[1] == NULL)
              extra = lw_filter_new (rule->property, LW_OP_EQ, territory->values[0]);
            else
              {
                extra = lw_filter_new (rule->property, LW_OP_IN, NULL);
                extra->values = g_strdupv (territory->values);
              }
            json_object_set_array_member (entry, "filterGroups",
                                          convert_groups (writer, rule->when, when, extra, entry_at));
            json_object_set_object_member (entry, "assign", convert_target (writer, &territory->target));
            json_array_add_object_element (map, entry);
          }
        json_object_set_array_member (assign, "map", map);
      }
    }

  json_object_set_object_member (object, "assign", assign);
  return object;
}

static JsonObject *
convert_policy (Writer            *writer,
                const LwSlaPolicy *policy,
                guint              index)
{
  const LwConfig *config = writer->config;
  const LwProperty *status = lw_config_builtin (config, LW_BUILTIN_LEAD_STATUS);
  JsonObject *object = json_object_new ();
  JsonArray *escalations = json_array_new ();
  JsonArray *pauses = json_array_new ();
  g_autofree char *when = g_strdup_printf ("$.slas[%u].when", index);

  json_object_set_string_member (object, "id", policy->id);
  json_object_set_string_member (object, "label", policy->label);
  json_object_set_array_member (object, "filterGroups", convert_groups (writer, policy->when, when, NULL, NULL));
  json_object_set_int_member (object, "deadlineMinutes", policy->deadline_minutes);
  json_object_set_string_member (object, "clock", policy->clock == LW_CLOCK_BUSINESS ? "business" : "calendar");
  json_object_set_int_member (object, "warnBeforeMinutes", policy->warn_before_minutes);

  for (guint i = 0; i < policy->escalations->len; i++)
    {
      const LwEscalation *escalation = &g_array_index (policy->escalations, LwEscalation, i);
      JsonObject *step = json_object_new ();

      json_object_set_int_member (step, "afterMinutes", escalation->after_minutes);
      if (escalation->action == LW_ESCALATE_REASSIGN)
        {
          json_object_set_string_member (step, "action", "reassign");
          json_object_set_object_member (step, "assign", convert_target (writer, &escalation->target));
        }
      else
        json_object_set_string_member (step, "action", "notifyManager");
      json_array_add_object_element (escalations, step);
    }
  json_object_set_array_member (object, "escalations", escalations);

  for (guint i = 0; i < policy->pause_statuses->len; i++)
    {
      g_autofree char *value = convert_value (writer, status, g_ptr_array_index (policy->pause_statuses, i));

      json_array_add_string_element (pauses, value);
    }
  json_object_set_array_member (object, "pauseStatuses", pauses);
  if (policy->breach_tag != NULL)
    json_object_set_string_member (object, "breachTag", policy->breach_tag);
  return object;
}

JsonNode *
lw_hubspot_export (const LwConfig *config,
                   GPtrArray      *report)
{
  g_autoptr(GHashTable) once = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  Writer writer = { config, report, once };
  JsonObject *root;
  JsonObject *group;
  JsonObject *routing;
  JsonObject *fallback;
  JsonArray *groups;
  JsonArray *rules;
  JsonArray *slas;

  g_return_val_if_fail (config != NULL, NULL);

  root = json_object_new ();
  json_object_set_string_member (root, "format", LW_HUBSPOT_FORMAT);
  json_object_set_int_member (root, "version", LW_HUBSPOT_VERSION);
  json_object_set_string_member (root, "name", config->name != NULL ? config->name : "");
  json_object_set_string_member (root, "objectType", "contacts");

  groups = json_array_new ();
  group = json_object_new ();
  json_object_set_string_member (group, "name", LW_HUBSPOT_GROUP);
  json_object_set_string_member (group, "label", "Leadwright");
  json_object_set_int_member (group, "displayOrder", -1);
  json_array_add_object_element (groups, group);
  json_object_set_array_member (root, "propertyGroups", groups);
  json_object_set_array_member (root, "properties", define_properties (&writer));

  routing = json_object_new ();
  rules = json_array_new ();
  for (guint i = 0; i < config->rules->len; i++)
    json_array_add_object_element (rules, convert_rule (&writer, g_ptr_array_index (config->rules, i), i));
  json_object_set_array_member (routing, "rules", rules);
  fallback = json_object_new ();
  json_object_set_object_member (fallback, "assign", convert_target (&writer, &config->fallback));
  json_object_set_object_member (routing, "fallback", fallback);
  json_object_set_object_member (root, "routing", routing);

  slas = json_array_new ();
  for (guint i = 0; i < config->policies->len; i++)
    json_array_add_object_element (slas, convert_policy (&writer, g_ptr_array_index (config->policies, i), i));
  json_object_set_array_member (root, "slas", slas);

  return json_node_init_object (json_node_alloc (), root);
}

/* ---- text ---------------------------------------------------------------------- */

static void
append_indent (GString *out,
               guint    level)
{
  for (guint i = 0; i < level; i++)
    g_string_append (out, "  ");
}

/* "key": value with two-space indentation; JsonGenerator 1.6 would write
 * "key" : value. */
static void
print_node (GString  *out,
            JsonNode *node,
            guint     level)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr(GList) members = json_object_get_members (object);

      if (members == NULL)
        {
          g_string_append (out, "{}");
          return;
        }
      g_string_append (out, "{\n");
      for (GList *l = members; l != NULL; l = l->next)
        {
          g_autoptr(JsonNode) key = json_node_init_string (json_node_alloc (), l->data);
          g_autofree char *quoted = json_to_string (key, FALSE);

          append_indent (out, level + 1);
          g_string_append_printf (out, "%s: ", quoted);
          print_node (out, json_object_get_member (object, l->data), level + 1);
          g_string_append (out, l->next != NULL ? ",\n" : "\n");
        }
      append_indent (out, level);
      g_string_append_c (out, '}');
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      guint n = json_array_get_length (array);

      if (n == 0)
        {
          g_string_append (out, "[]");
          return;
        }
      g_string_append (out, "[\n");
      for (guint i = 0; i < n; i++)
        {
          append_indent (out, level + 1);
          print_node (out, json_array_get_element (array, i), level + 1);
          g_string_append (out, i + 1 < n ? ",\n" : "\n");
        }
      append_indent (out, level);
      g_string_append_c (out, ']');
    }
  else
    {
      g_autofree char *text = json_to_string (node, FALSE);

      g_string_append (out, text);
    }
}

char *
lw_hubspot_export_to_data (const LwConfig *config,
                           GPtrArray      *report,
                           gsize          *length)
{
  g_autoptr(JsonNode) root = NULL;
  GString *out;

  g_return_val_if_fail (config != NULL, NULL);

  root = lw_hubspot_export (config, report);
  out = g_string_new (NULL);
  print_node (out, root, 0);
  g_string_append_c (out, '\n');
  if (length != NULL)
    *length = out->len;
  return g_string_free (out, FALSE);
}
