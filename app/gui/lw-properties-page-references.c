/* lw-properties-page-references.c: where a rule set uses a property or an activity
 *
 * Part of LwPropertiesPage (lw-properties-page-private.h): finding the
 * conditions, territory maps, domainOf links and scoring criteria that use
 * a property, an option value or an activity type, and renaming them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "lw-properties-page-private.h"

/* Every condition of @config, with where it is (when @places is set). */
static void
collect_conditions (const LwConfig *config,
                    GPtrArray      *conditions,
                    GPtrArray      *places)
{
#define COLLECT(condition, ...) G_STMT_START {                          \
    if ((condition) != NULL)                                            \
      {                                                                 \
        g_ptr_array_add (conditions, (condition));                      \
        if (places != NULL)                                             \
          g_ptr_array_add (places, g_strdup_printf (__VA_ARGS__));      \
      }                                                                 \
  } G_STMT_END

  for (guint i = 0; i < config->stages->len; i++)
    {
      const LwStage *stage = g_ptr_array_index (config->stages, i);

      /* translators: %s is a lifecycle stage, "Lead" */
      COLLECT (stage->entry, _("Entry criteria of stage “%s”"), lw_editor_display_name (stage->label, stage->id));
    }
  for (guint i = 0; i < config->scoring.fit.criteria->len; i++)
    {
      const LwCriterion *criterion = g_ptr_array_index (config->scoring.fit.criteria, i);

      /* translators: %s is a scoring criterion, "Senior title" */
      COLLECT (criterion->when, _("Fit criterion “%s”"), lw_editor_display_name (criterion->label, criterion->id));
    }
  for (guint i = 0; i < config->scoring.engagement.criteria->len; i++)
    {
      const LwCriterion *criterion = g_ptr_array_index (config->scoring.engagement.criteria, i);

      /* translators: %s is a scoring criterion, "Demo request" */
      COLLECT (criterion->when, _("Engagement criterion “%s”"), lw_editor_display_name (criterion->label, criterion->id));
    }
  for (guint i = 0; i < config->rules->len; i++)
    {
      const LwRoutingRule *rule = g_ptr_array_index (config->rules, i);

      /* translators: %s is a routing rule, "EMEA inbound" */
      COLLECT (rule->when, _("Routing rule “%s”"), lw_editor_display_name (rule->label, rule->id));
    }
  for (guint i = 0; i < config->policies->len; i++)
    {
      const LwSlaPolicy *policy = g_ptr_array_index (config->policies, i);

      /* translators: %s is an SLA policy, "Demo requests" */
      COLLECT (policy->when, _("SLA policy “%s”"), lw_editor_display_name (policy->label, policy->id));
    }

#undef COLLECT
}

static gboolean
filter_uses (const LwFilter *filter,
             const char     *property_id,
             const char     *value)
{
  if (g_strcmp0 (filter->property, property_id) != 0)
    return FALSE;
  if (value == NULL)
    return TRUE;
  if (same_value (filter->value, value) || same_value (filter->high_value, value))
    return TRUE;
  for (guint i = 0; filter->values != NULL && filter->values[i] != NULL; i++)
    if (same_value (filter->values[i], value))
      return TRUE;
  return FALSE;
}

static gboolean
condition_uses (const LwCondition *condition,
                const char        *property_id,
                const char        *value)
{
  for (guint g = 0; g < condition->groups->len; g++)
    {
      const LwFilterGroup *group = g_ptr_array_index (condition->groups, g);

      for (guint f = 0; f < group->filters->len; f++)
        if (filter_uses (g_ptr_array_index (group->filters, f), property_id, value))
          return TRUE;
    }
  return FALSE;
}

static gboolean
strv_has_value (const GStrv  values,
                const char  *value)
{
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    if (same_value (values[i], value))
      return TRUE;
  return FALSE;
}

static void
add_use (GPtrArray  *uses,
         const char *place)
{
  for (guint i = 0; i < uses->len; i++)
    if (g_strcmp0 (g_ptr_array_index (uses, i), place) == 0)
      return;
  g_ptr_array_add (uses, g_strdup (place));
}

GPtrArray *
lw_properties_page_dup_uses (const LwConfig *config,
                             const char     *property_id,
                             const char     *value)
{
  g_autoptr(GPtrArray) conditions = g_ptr_array_new ();
  g_autoptr(GPtrArray) places = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *uses = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (config != NULL, uses);
  g_return_val_if_fail (property_id != NULL, uses);

  collect_conditions (config, conditions, places);
  for (guint i = 0; i < conditions->len; i++)
    if (condition_uses (g_ptr_array_index (conditions, i), property_id, value))
      add_use (uses, g_ptr_array_index (places, i));

  for (guint i = 0; i < config->rules->len; i++)
    {
      const LwRoutingRule *rule = g_ptr_array_index (config->rules, i);
      gboolean used = FALSE;

      if (rule->kind != LW_ASSIGN_TERRITORY || g_strcmp0 (rule->property, property_id) != 0)
        continue;
      for (guint t = 0; t < rule->territories->len; t++)
        used |= value == NULL || strv_has_value (((LwTerritory *) g_ptr_array_index (rule->territories, t))->values, value);
      if (used || value == NULL)
        {
          /* translators: %s is a routing rule, "EMEA mid-market by territory" */
          g_autofree char *place = g_strdup_printf (_("Territory map of routing rule “%s”"),
                                                    lw_editor_display_name (rule->label, rule->id));
          add_use (uses, place);
        }
    }

  for (guint i = LW_N_BUILTINS; value == NULL && i < config->properties->len; i++)
    {
      const LwProperty *property = g_ptr_array_index (config->properties, i);

      if (g_strcmp0 (property->domain_of, property_id) == 0)
        {
          /* translators: %s is a property, "Email domain" */
          g_autofree char *place = g_strdup_printf (_("Property “%s”, which takes its domain from it"),
                                                    lw_editor_display_name (property->label, property->id));
          add_use (uses, place);
        }
    }

  return uses;
}

static void
rename_in_place (char       **text,
                 const char  *old_value,
                 const char  *new_value)
{
  if (same_value (*text, old_value))
    {
      g_free (*text);
      *text = g_strdup (new_value);
    }
}

void
lw_properties_page_rename_value (LwConfig   *config,
                                 const char *property_id,
                                 const char *old_value,
                                 const char *new_value)
{
  g_autoptr(GPtrArray) conditions = g_ptr_array_new ();

  g_return_if_fail (config != NULL);
  g_return_if_fail (property_id != NULL && old_value != NULL && new_value != NULL);

  collect_conditions (config, conditions, NULL);
  for (guint i = 0; i < conditions->len; i++)
    {
      LwCondition *condition = g_ptr_array_index (conditions, i);

      for (guint g = 0; g < condition->groups->len; g++)
        {
          LwFilterGroup *group = g_ptr_array_index (condition->groups, g);

          for (guint f = 0; f < group->filters->len; f++)
            {
              LwFilter *filter = g_ptr_array_index (group->filters, f);

              if (g_strcmp0 (filter->property, property_id) != 0)
                continue;
              rename_in_place (&filter->value, old_value, new_value);
              rename_in_place (&filter->high_value, old_value, new_value);
              for (guint v = 0; filter->values != NULL && filter->values[v] != NULL; v++)
                rename_in_place (&filter->values[v], old_value, new_value);
            }
        }
    }

  for (guint i = 0; i < config->rules->len; i++)
    {
      LwRoutingRule *rule = g_ptr_array_index (config->rules, i);

      if (rule->kind != LW_ASSIGN_TERRITORY || g_strcmp0 (rule->property, property_id) != 0)
        continue;
      for (guint t = 0; t < rule->territories->len; t++)
        {
          LwTerritory *territory = g_ptr_array_index (rule->territories, t);

          for (guint v = 0; territory->values != NULL && territory->values[v] != NULL; v++)
            rename_in_place (&territory->values[v], old_value, new_value);
        }
    }
}

void
_lw_properties_page_rename_property_references (LwConfig   *config,
                                                const char *old_id,
                                                const char *new_id)
{
  g_autoptr(GPtrArray) conditions = g_ptr_array_new ();

  collect_conditions (config, conditions, NULL);
  for (guint i = 0; i < conditions->len; i++)
    {
      LwCondition *condition = g_ptr_array_index (conditions, i);

      for (guint g = 0; g < condition->groups->len; g++)
        {
          LwFilterGroup *group = g_ptr_array_index (condition->groups, g);

          for (guint f = 0; f < group->filters->len; f++)
            {
              LwFilter *filter = g_ptr_array_index (group->filters, f);

              if (g_strcmp0 (filter->property, old_id) == 0)
                {
                  g_free (filter->property);
                  filter->property = g_strdup (new_id);
                }
            }
        }
    }

  for (guint i = 0; i < config->rules->len; i++)
    {
      LwRoutingRule *rule = g_ptr_array_index (config->rules, i);

      if (g_strcmp0 (rule->property, old_id) == 0)
        {
          g_free (rule->property);
          rule->property = g_strdup (new_id);
        }
    }

  for (guint i = LW_N_BUILTINS; i < config->properties->len; i++)
    {
      LwProperty *property = g_ptr_array_index (config->properties, i);

      if (g_strcmp0 (property->domain_of, old_id) == 0)
        {
          g_free (property->domain_of);
          property->domain_of = g_strdup (new_id);
        }
    }
}

void
_lw_properties_page_collect_activity_uses (const LwConfig *config,
                                           const char     *activity_id,
                                           GPtrArray      *uses)
{
  for (guint i = 0; i < config->scoring.fit.criteria->len; i++)
    {
      const LwCriterion *criterion = g_ptr_array_index (config->scoring.fit.criteria, i);

      if (g_strcmp0 (criterion->activity, activity_id) == 0)
        {
          /* translators: %s is a scoring criterion, "Demo request" */
          g_autofree char *place = g_strdup_printf (_("Fit criterion “%s”"),
                                                    lw_editor_display_name (criterion->label, criterion->id));
          add_use (uses, place);
        }
    }
  for (guint i = 0; i < config->scoring.engagement.criteria->len; i++)
    {
      const LwCriterion *criterion = g_ptr_array_index (config->scoring.engagement.criteria, i);

      if (g_strcmp0 (criterion->activity, activity_id) == 0)
        {
          /* translators: %s is a scoring criterion, "Demo request" */
          g_autofree char *place = g_strdup_printf (_("Engagement criterion “%s”"),
                                                    lw_editor_display_name (criterion->label, criterion->id));
          add_use (uses, place);
        }
    }
}

void
_lw_properties_page_rename_activity_references (LwConfig   *config,
                                                const char *old_id,
                                                const char *new_id)
{
  GPtrArray *models[] = { config->scoring.fit.criteria, config->scoring.engagement.criteria };

  for (guint m = 0; m < G_N_ELEMENTS (models); m++)
    for (guint i = 0; i < models[m]->len; i++)
      {
        LwCriterion *criterion = g_ptr_array_index (models[m], i);

        if (g_strcmp0 (criterion->activity, old_id) == 0)
          {
            g_free (criterion->activity);
            criterion->activity = g_strdup (new_id);
          }
      }
}
