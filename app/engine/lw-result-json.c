/* lw-result-json.c: evaluator results as JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lw-result-json.h"

static void
add_time (JsonBuilder *builder,
          const char  *name,
          LwTime       time)
{
  json_builder_set_member_name (builder, name);
  if (time == G_MAXINT64)
    {
      json_builder_add_null_value (builder);
    }
  else
    {
      g_autofree char *text = lw_time_format_iso8601 (time);
      json_builder_add_string_value (builder, text);
    }
}

static const char *
score_kind_name (LwScoreKind kind)
{
  return kind == LW_SCORE_FIT ? "fit" : "engagement";
}

JsonNode *
lw_score_to_json (const LwConfig        *config,
                  const LwScore         *score,
                  const LwStageDecision *stage)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (config != NULL, NULL);
  g_return_val_if_fail (score != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "fit");
  json_builder_add_double_value (builder, score->fit);
  json_builder_set_member_name (builder, "engagement");
  json_builder_add_double_value (builder, score->engagement);
  json_builder_set_member_name (builder, "total");
  json_builder_add_double_value (builder, score->total);
  json_builder_set_member_name (builder, "grade");
  json_builder_add_string_value (builder, score->grade);
  json_builder_set_member_name (builder, "mql");
  json_builder_add_boolean_value (builder, score->mql);

  if (stage != NULL && stage->stage >= 0)
    {
      const LwStage *s = g_ptr_array_index (config->stages, stage->stage);

      json_builder_set_member_name (builder, "stage");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, s->id);
      json_builder_set_member_name (builder, "hubspotValue");
      json_builder_add_string_value (builder, s->hubspot_value);
      json_builder_set_member_name (builder, "why");
      json_builder_add_string_value (builder, stage->why);
      json_builder_end_object (builder);
    }

  json_builder_set_member_name (builder, "criteria");
  json_builder_begin_array (builder);
  for (guint i = 0; score->items != NULL && i < score->items->len; i++)
    {
      const LwScoreItem *item = g_ptr_array_index (score->items, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "score");
      json_builder_add_string_value (builder, score_kind_name (item->kind));
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, item->criterion->id);
      json_builder_set_member_name (builder, "matched");
      json_builder_add_boolean_value (builder, item->matched);
      json_builder_set_member_name (builder, "times");
      json_builder_add_int_value (builder, item->times);
      json_builder_set_member_name (builder, "points");
      json_builder_add_double_value (builder, item->points);
      json_builder_set_member_name (builder, "why");
      json_builder_add_string_value (builder, item->why);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static const char *
step_result_name (LwRouteStepResult result)
{
  switch (result)
    {
    case LW_STEP_NOT_MATCHED:  return "not-matched";
    case LW_STEP_NOBODY:       return "nobody-available";
    case LW_STEP_NO_ACCOUNT:   return "no-account";
    case LW_STEP_NO_TERRITORY: return "no-territory";
    case LW_STEP_ASSIGNED:     return "assigned";
    default:                   g_assert_not_reached ();
    }
}

JsonNode *
lw_route_to_json (const LwConfig   *config,
                  const LwRoute    *route,
                  const LwSlaTimes *sla)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (config != NULL, NULL);
  g_return_val_if_fail (route != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "owner");
  if (route->owner != NULL)
    json_builder_add_string_value (builder, route->owner->id);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "rule");
  if (route->rule != NULL)
    json_builder_add_string_value (builder, route->rule->id);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "pool");
  if (route->pool != NULL)
    json_builder_add_string_value (builder, route->pool->id);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "fallback");
  json_builder_add_boolean_value (builder, route->fallback);

  json_builder_set_member_name (builder, "steps");
  json_builder_begin_array (builder);
  for (guint i = 0; route->steps != NULL && i < route->steps->len; i++)
    {
      const LwRouteStep *step = g_ptr_array_index (route->steps, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "rule");
      if (step->rule != NULL)
        json_builder_add_string_value (builder, step->rule->id);
      else
        json_builder_add_string_value (builder, "fallback");
      json_builder_set_member_name (builder, "result");
      json_builder_add_string_value (builder, step_result_name (step->result));
      json_builder_set_member_name (builder, "why");
      json_builder_add_string_value (builder, step->why);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  if (sla != NULL && sla->policy != NULL)
    {
      json_builder_set_member_name (builder, "sla");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "policy");
      json_builder_add_string_value (builder, sla->policy->id);
      add_time (builder, "start", sla->start);
      add_time (builder, "warnAt", sla->warn_at);
      add_time (builder, "deadline", sla->deadline);
      json_builder_set_member_name (builder, "escalations");
      json_builder_begin_array (builder);
      for (guint i = 0; i < sla->n_escalations; i++)
        {
          const LwEscalation *e = &g_array_index (sla->policy->escalations, LwEscalation, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "action");
          json_builder_add_string_value (builder,
                                         e->action == LW_ESCALATE_REASSIGN ? "reassign" : "notifyManager");
          add_time (builder, "at", sla->escalate_at[i]);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  else if (sla != NULL)
    {
      json_builder_set_member_name (builder, "sla");
      json_builder_add_null_value (builder);
    }

  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

JsonNode *
lw_diagnostics_to_json (GPtrArray *diagnostics)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_array (builder);
  for (guint i = 0; diagnostics != NULL && i < diagnostics->len; i++)
    {
      const LwDiagnostic *d = g_ptr_array_index (diagnostics, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "severity");
      json_builder_add_string_value (builder, d->severity == LW_SEVERITY_ERROR ? "error" : "warning");
      json_builder_set_member_name (builder, "file");
      json_builder_add_string_value (builder, d->file);
      json_builder_set_member_name (builder, "line");
      json_builder_add_int_value (builder, d->line);
      json_builder_set_member_name (builder, "column");
      json_builder_add_int_value (builder, d->column);
      json_builder_set_member_name (builder, "path");
      json_builder_add_string_value (builder, d->path);
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, d->message);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  return json_builder_get_root (builder);
}

char *
lw_json_to_string (JsonNode *node,
                   gboolean  pretty)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  g_return_val_if_fail (node != NULL, NULL);

  json_generator_set_root (generator, node);
  json_generator_set_pretty (generator, pretty);
  json_generator_set_indent (generator, 2);
  return json_generator_to_data (generator, NULL);
}
