/* lw-live.c: live mode, the SLA clocks of real leads on the wall clock
 *
 * A lead's clocks are rebuilt from its history at every question: each
 * assignment starts a clock for its owner (lw_sla_compute() with the pause
 * spans of the lead's status history), which runs until the next
 * assignment. One walk over those clocks, checkpoint by checkpoint in time
 * order, answers both "what is the state now" and "what came due in this
 * window"; a reassignment that comes due during the walk is decided there
 * and the walk goes on with the new owner's clock.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "lw-live.h"

#include "lw-scoring.h"

G_DEFINE_QUARK (lw-live-error-quark, lw_live_error)

/* At most this many reassignments of one lead are followed in one window:
 * steps of zero minutes must not loop for ever. */
#define MAX_REASSIGNMENTS_PER_WALK 16

typedef enum
{
  CHECK_WARNING,
  CHECK_BREACH,
  CHECK_ESCALATION,
} CheckKind;

typedef struct
{
  LwTime    at;
  CheckKind kind;
  guint     index;
} Checkpoint;

static const char * const state_names[] = {
  [LW_LIVE_NO_CLOCK] = "no-clock",
  [LW_LIVE_RUNNING] = "running",
  [LW_LIVE_PAUSED] = "paused",
  [LW_LIVE_OVERDUE] = "overdue",
  [LW_LIVE_MET] = "met",
  [LW_LIVE_LATE] = "late",
};

const char *
lw_live_state_to_string (LwLiveState state)
{
  return (guint) state < G_N_ELEMENTS (state_names) ? state_names[state] : NULL;
}

/* ---- the lead as the rules see it ------------------------------------------------- */

static const LwSlaPolicy *
find_policy_by_id (const LwConfig *config,
                   const char     *id)
{
  for (guint i = 0; id != NULL && i < config->policies->len; i++)
    {
      const LwSlaPolicy *policy = g_ptr_array_index (config->policies, i);

      if (g_strcmp0 (policy->id, id) == 0)
        return policy;
    }
  return NULL;
}

/* The text of a JSON property value, as the lead JSON format reads it. */
static char *
dup_json_value_text (JsonNode *node)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (!JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return g_strdup (json_node_get_string (node));
    case G_TYPE_BOOLEAN:
      return g_strdup (json_node_get_boolean (node) ? "true" : "false");
    case G_TYPE_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    case G_TYPE_DOUBLE:
      if (!isfinite (json_node_get_double (node)))
        return NULL;
      return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.17g", json_node_get_double (node)));
    default:
      return NULL;
    }
}

static void
set_builtin (LwLead         *lead,
             const LwConfig *config,
             LwBuiltin       builtin,
             const char     *text)
{
  const LwProperty *property = lw_config_builtin (config, builtin);

  if (property != NULL && text != NULL)
    lw_lead_set (lead, config, property->id, text, NULL);
}

LwLead *
lw_live_lead_to_lead (const LwConfig   *config,
                      const LwLiveLead *lead)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *id = NULL;
  const LwProperty *created;
  const LwProperty *source = lw_config_builtin (config, LW_BUILTIN_SOURCE);
  gboolean names_source = FALSE;
  JsonNode *root;
  LwLead *out;

  g_return_val_if_fail (config != NULL, NULL);
  g_return_val_if_fail (lead != NULL, NULL);

  id = lead->external_id != NULL ? g_strdup (lead->external_id)
                                 : g_strdup_printf ("live-%" G_GINT64_FORMAT, lead->id);
  out = lw_lead_new (config, id);

  if (lead->properties != NULL &&
      json_parser_load_from_data (parser, lead->properties, -1, NULL) &&
      (root = json_parser_get_root (parser)) != NULL && JSON_NODE_HOLDS_OBJECT (root))
    {
      JsonObject *object = json_node_get_object (root);
      g_autoptr(GList) names = json_object_get_members (object);

      for (GList *l = names; l != NULL; l = l->next)
        {
          const LwProperty *property = lw_config_find_property (config, l->data);
          g_autofree char *text = NULL;

          /* The stage and status are the lead's own columns. */
          if (property == NULL || property->index == LW_BUILTIN_LIFECYCLE_STAGE ||
              property->index == LW_BUILTIN_LEAD_STATUS)
            continue;
          text = dup_json_value_text (json_object_get_member (object, l->data));
          if (property == source && text != NULL && *text != '\0')
            names_source = TRUE;
          if (text != NULL)
            lw_lead_set (out, config, property->id, text, NULL);
        }
    }

  set_builtin (out, config, LW_BUILTIN_LIFECYCLE_STAGE, lead->stage);
  set_builtin (out, config, LW_BUILTIN_LEAD_STATUS, lead->status);
  /* Entered by hand, unless the properties say where it came from (an
   * import says "import" or the CRM's source): a source the rules no
   * longer have is left out, not taken for "manual". */
  if (source != NULL && !names_source && !lw_lead_get (out, source->index)->set)
    set_builtin (out, config, LW_BUILTIN_SOURCE, "manual");
  created = lw_config_builtin (config, LW_BUILTIN_CREATED_AT);
  if (created != NULL && lead->created_at > 0 && !lw_lead_get (out, created->index)->set)
    lw_lead_set_number (out, created->index, (double) lead->created_at);
  return out;
}

const LwSlaPolicy *
lw_live_find_policy (const LwConfig   *config,
                     const LwLiveLead *lead)
{
  const LwSlaPolicy *policy;
  g_autoptr(LwLead) props = NULL;

  g_return_val_if_fail (config != NULL, NULL);
  g_return_val_if_fail (lead != NULL, NULL);

  if (lead->policy == NULL)
    return NULL;
  policy = find_policy_by_id (config, lead->policy);
  if (policy != NULL)
    return policy;
  props = lw_live_lead_to_lead (config, lead);
  return lw_sla_select (config, props);
}

/* ---- the walk over a lead's clocks ---------------------------------------------------- */

/* The spans of the lead's status history during which its status is one
 * of @policy's pause statuses (LwPause, in time order). */
static GArray *
build_pauses (const LwSlaPolicy *policy,
              const LwLiveLead  *lead)
{
  GArray *pauses = g_array_new (FALSE, FALSE, sizeof (LwPause));
  gboolean paused = FALSE;
  LwTime from = 0;

  for (guint i = 0; lead->status_changes != NULL && i < lead->status_changes->len; i++)
    {
      const LwLiveStatusChange *change = &g_array_index (lead->status_changes, LwLiveStatusChange, i);
      gboolean pause = policy->pause_statuses != NULL &&
                       g_ptr_array_find_with_equal_func (policy->pause_statuses, change->status,
                                                         g_str_equal, NULL);

      if (pause && !paused)
        {
          from = change->at;
          paused = TRUE;
        }
      else if (!pause && paused)
        {
          if (change->at > from)
            {
              LwPause span = { from, change->at };

              g_array_append_val (pauses, span);
            }
          paused = FALSE;
        }
    }
  if (paused)
    {
      LwPause span = { from, G_MAXINT64 };

      g_array_append_val (pauses, span);
    }
  return pauses;
}

/* The checkpoints of a clock in time order: warning, breach, then the
 * escalations on a tie, as the simulator has them. */
static guint
list_checkpoints (const LwSlaTimes *times,
                  Checkpoint        out[LW_SLA_MAX_ESCALATIONS + 2])
{
  guint n = 0;

  if (times->warn_at != G_MAXINT64)
    out[n++] = (Checkpoint) { times->warn_at, CHECK_WARNING, 0 };
  if (times->deadline != G_MAXINT64)
    out[n++] = (Checkpoint) { times->deadline, CHECK_BREACH, 0 };
  for (guint k = 0; k < times->n_escalations && k < LW_SLA_MAX_ESCALATIONS; k++)
    if (times->escalate_at[k] != G_MAXINT64)
      out[n++] = (Checkpoint) { times->escalate_at[k], CHECK_ESCALATION, k };

  for (guint i = 1; i < n; i++)
    {
      Checkpoint x = out[i];
      guint j = i;

      while (j > 0 && (out[j - 1].at > x.at || (out[j - 1].at == x.at && out[j - 1].kind > x.kind)))
        {
          out[j] = out[j - 1];
          j--;
        }
      out[j] = x;
    }
  return n;
}

/* Who takes the lead at a reassigning step: the step's target, else the
 * target of the rule that routes the lead, else the fallback; never its
 * owner. As the simulator decides it. */
static const LwRep *
pick_new_owner (const LwConfig     *config,
                const LwLiveLead   *lead,
                const LwEscalation *escalation,
                const LwRep        *owner,
                LwTime              at,
                LwRoutingState     *routing)
{
  const LwTarget *target = &config->fallback;
  const LwRep *picked;

  if (escalation->target.owner != NULL || escalation->target.pool != NULL)
    target = &escalation->target;
  else
    {
      g_autoptr(LwLead) props = lw_live_lead_to_lead (config, lead);
      g_autoptr(LwRoutingState) scratch = lw_routing_state_new (config);
      g_auto(LwRoute) route = { 0, };

      lw_route_lead (config, props, at, scratch, FALSE, &route);
      if (route.rule != NULL &&
          (route.rule->kind == LW_ASSIGN_OWNER || route.rule->kind == LW_ASSIGN_POOL))
        target = &route.rule->target;
    }

  picked = lw_route_pick (config, target, at, routing, owner, NULL);
  if (picked == NULL && target != &config->fallback)
    picked = lw_route_pick (config, &config->fallback, at, routing, owner, NULL);
  return picked;
}

typedef struct
{
  /* What the walk found at its end. */
  gboolean           warned;
  gboolean           breached;
  LwTime             breach_deadline;
  guint              escalations;
  guint              reassignments;
  const LwRep       *owner;        /* of the current clock */
  LwSlaTimes         times;        /* of the current clock */
  LwTime             next_due;     /* the first checkpoint after the end */
} Walk;

static void
emit_due (GArray            *due,
          LwAlertKind        kind,
          LwLiveLead        *lead,
          const Checkpoint  *cp,
          const LwSlaPolicy *policy,
          const LwRep       *owner,
          const Walk        *walk,
          LwTime             from)
{
  LwLiveDue item = { 0, };

  if (due == NULL || cp->at <= from)
    return;
  item.kind = kind;
  item.lead = lead;
  item.at = cp->at;
  item.applied_at = cp->at;
  item.step = cp->index;
  item.policy = policy;
  item.owner = owner;
  item.deadline = walk->breached ? walk->breach_deadline : walk->times.deadline;
  item.alert = TRUE;
  g_array_append_val (due, item);
}

/* Walks @lead's clocks up to @to. With @routing, a reassignment of the
 * current clock that came due by @to is decided and applied to @lead; with
 * @due, what came due in (@from, @to] is appended to it. */
static void
walk_lead (const LwConfig    *config,
           LwLiveLead        *lead,
           const LwSlaPolicy *policy,
           LwTime             from,
           LwTime             to,
           LwRoutingState    *routing,
           GArray            *due,
           Walk              *walk)
{
  g_autoptr(GArray) pauses = build_pauses (policy, lead);
  LwTime touch = lead->first_touch_at > 0 ? lead->first_touch_at : G_MAXINT64;
  guint reassigned = 0;

  memset (walk, 0, sizeof *walk);
  walk->next_due = G_MAXINT64;

  for (guint i = 0; i < lead->assignments->len; i++)
    {
      const LwLiveAssignment *a = &g_array_index (lead->assignments, LwLiveAssignment, i);
      gboolean current = i + 1 == lead->assignments->len;
      LwTime end = current ? G_MAXINT64
                           : g_array_index (lead->assignments, LwLiveAssignment, i + 1).at;
      LwTime limit = MIN (end, to);
      Checkpoint cps[LW_SLA_MAX_ESCALATIONS + 2];
      gboolean moved_on = FALSE;
      guint n;

      if (a->reason == LW_LIVE_ASSIGN_ESCALATION)
        walk->reassignments++;
      walk->owner = lw_config_find_rep (config, a->owner);
      lw_sla_compute (policy, walk->owner, a->at, (const LwPause *) (gpointer) pauses->data,
                      pauses->len, &walk->times);
      n = list_checkpoints (&walk->times, cps);

      for (guint c = 0; c < n && !moved_on; c++)
        {
          const Checkpoint *cp = &cps[c];

          if (cp->at >= touch)
            break;
          if (cp->at > limit)
            {
              /* On the current clock, the first checkpoint still to come
               * (a warning or a deadline already passed does not come
               * again). */
              for (guint f = c; current && f < n; f++)
                if (!(cps[f].kind == CHECK_WARNING && walk->warned) &&
                    !(cps[f].kind == CHECK_BREACH && walk->breached))
                  {
                    walk->next_due = cps[f].at;
                    break;
                  }
              break;
            }

          switch (cp->kind)
            {
            case CHECK_WARNING:
              if (walk->warned)
                break;
              walk->warned = TRUE;
              emit_due (due, LW_ALERT_WARNING, lead, cp, policy, walk->owner, walk, from);
              break;

            case CHECK_BREACH:
              if (walk->breached)
                break;
              walk->breached = TRUE;
              walk->breach_deadline = cp->at;
              emit_due (due, LW_ALERT_BREACH, lead, cp, policy, walk->owner, walk, from);
              break;

            case CHECK_ESCALATION:
            default:
              {
                const LwEscalation *escalation = &g_array_index (policy->escalations, LwEscalation,
                                                                 cp->index);
                LwLiveDue item = { 0, };
                LwLiveAssignment next = { 0, };

                if (escalation->action == LW_ESCALATE_NOTIFY_MANAGER)
                  {
                    walk->escalations++;
                    emit_due (due, LW_ALERT_ESCALATION, lead, cp, policy, walk->owner, walk, from);
                    break;
                  }
                /* A reassignment of a clock that has ended was done (late)
                 * when it ended. Only the current clock's is decided. */
                if (!current || routing == NULL || reassigned >= MAX_REASSIGNMENTS_PER_WALK)
                  break;

                item.kind = LW_ALERT_REASSIGNMENT;
                item.lead = lead;
                item.at = cp->at;
                item.applied_at = cp->at > from ? cp->at : to;
                item.step = cp->index;
                item.policy = policy;
                item.owner = walk->owner;
                item.deadline = walk->breached ? walk->breach_deadline : walk->times.deadline;
                item.new_owner = pick_new_owner (config, lead, escalation, walk->owner,
                                                 item.applied_at, routing);
                item.alert = item.new_owner != NULL || cp->at > from;
                if (due != NULL)
                  g_array_append_val (due, item);
                if (item.new_owner == NULL)
                  break;

                /* The new owner's clock starts: the walk goes on with it. */
                next.at = item.applied_at;
                next.owner = g_strdup (item.new_owner->id);
                next.reason = LW_LIVE_ASSIGN_ESCALATION;
                next.step = (int) cp->index;
                g_array_append_val (lead->assignments, next);
                g_free (lead->owner);
                lead->owner = g_strdup (item.new_owner->id);
                reassigned++;
                moved_on = TRUE;
              }
              break;
            }
        }
    }
}

static gboolean
is_paused_at (const LwSlaPolicy *policy,
              const LwLiveLead  *lead,
              LwTime             now)
{
  g_autoptr(GArray) pauses = build_pauses (policy, lead);

  for (guint i = 0; i < pauses->len; i++)
    {
      const LwPause *pause = &g_array_index (pauses, LwPause, i);

      if (pause->from <= now && now < pause->to)
        return TRUE;
    }
  return FALSE;
}

void
lw_live_clock_compute (const LwConfig   *config,
                       const LwLiveLead *lead,
                       LwTime            now,
                       LwLiveClock      *clock)
{
  g_autoptr(LwLiveLead) copy = NULL;
  LwTime touch;
  Walk walk;

  g_return_if_fail (config != NULL);
  g_return_if_fail (lead != NULL);
  g_return_if_fail (clock != NULL);

  memset (clock, 0, sizeof *clock);
  clock->state = LW_LIVE_NO_CLOCK;
  clock->deadline = G_MAXINT64;
  clock->warn_at = G_MAXINT64;
  clock->next_due = G_MAXINT64;
  clock->owner = lead->owner != NULL ? lw_config_find_rep (config, lead->owner) : NULL;
  clock->policy = lw_live_find_policy (config, lead);
  if (clock->policy == NULL || lead->assignments == NULL || lead->assignments->len == 0)
    return;

  /* The walk only reads the lead when it decides nothing. */
  copy = lw_live_lead_copy (lead);
  walk_lead (config, copy, clock->policy, 0, now, NULL, NULL, &walk);

  touch = lead->first_touch_at > 0 ? lead->first_touch_at : G_MAXINT64;
  clock->start = g_array_index (lead->assignments, LwLiveAssignment, lead->assignments->len - 1).at;
  clock->warned = walk.warned;
  clock->breached = walk.breached;
  clock->escalations = walk.escalations;
  clock->reassignments = walk.reassignments;
  clock->warn_at = walk.times.warn_at;
  clock->deadline = walk.breached ? walk.breach_deadline : walk.times.deadline;

  if (touch <= now)
    {
      clock->state = walk.breached ? LW_LIVE_LATE : LW_LIVE_MET;
      return;
    }
  clock->next_due = walk.next_due;
  if (walk.breached)
    {
      clock->state = LW_LIVE_OVERDUE;
      clock->left = -(now - clock->deadline);
      return;
    }
  clock->state = is_paused_at (clock->policy, lead, now) ? LW_LIVE_PAUSED : LW_LIVE_RUNNING;
  {
    g_autoptr(GArray) pauses = build_pauses (clock->policy, lead);
    gint64 elapsed = lw_sla_elapsed_minutes (clock->policy, walk.owner, clock->start, now,
                                             (const LwPause *) (gpointer) pauses->data, pauses->len);

    clock->left = MAX ((gint64) clock->policy->deadline_minutes - elapsed, 0) * LW_MINUTE;
  }
}

/* ---- what comes due ----------------------------------------------------------------- */

static int
compare_due (gconstpointer a,
             gconstpointer b)
{
  const LwLiveDue *x = a, *y = b;

  if (x->at != y->at)
    return x->at < y->at ? -1 : 1;
  if (x->lead->id != y->lead->id)
    return x->lead->id < y->lead->id ? -1 : 1;
  return 0;
}

GArray *
lw_live_due (const LwConfig *config,
             GPtrArray      *leads,
             LwTime          from,
             LwTime          to,
             LwRoutingState *routing)
{
  GArray *due;

  g_return_val_if_fail (config != NULL, NULL);
  g_return_val_if_fail (leads != NULL, NULL);
  g_return_val_if_fail (routing != NULL, NULL);

  due = g_array_new (FALSE, FALSE, sizeof (LwLiveDue));
  if (to <= from)
    return due;

  for (guint i = 0; i < leads->len; i++)
    {
      LwLiveLead *lead = g_ptr_array_index (leads, i);
      const LwSlaPolicy *policy;
      Walk walk;

      /* A touched lead's clock has stopped: nothing more comes due, and
       * what came due just before the touch no longer needs anyone. */
      if (lead->first_touch_at > 0 || lead->assignments == NULL || lead->assignments->len == 0)
        continue;
      policy = lw_live_find_policy (config, lead);
      if (policy == NULL)
        continue;
      walk_lead (config, lead, policy, from, to, routing, due, &walk);
    }

  /* Stable: one lead's items keep their order. */
  g_array_sort (due, compare_due);
  return due;
}

LwAlertFact *
lw_live_due_to_fact (const LwConfig  *config,
                     const LwLiveDue *due)
{
  g_autoptr(LwLead) props = NULL;
  LwAlertFact *fact;

  g_return_val_if_fail (config != NULL, NULL);
  g_return_val_if_fail (due != NULL, NULL);

  props = lw_live_lead_to_lead (config, due->lead);
  fact = lw_alert_fact_new (due->kind, 0, due->lead->id, due->at, config, props, due->policy, due->owner);
  fact->deadline = due->deadline;
  if (due->kind == LW_ALERT_WARNING && due->policy != NULL)
    fact->left = (gint64) due->policy->warn_before_minutes * LW_MINUTE;
  if (due->kind == LW_ALERT_REASSIGNMENT)
    lw_alert_fact_set_new_owner (fact, config, due->new_owner);
  return fact;
}

/* ---- changes ------------------------------------------------------------------------- */

static gboolean
check_rep (const LwConfig  *config,
           const char      *rep,
           GError         **error)
{
  if (rep == NULL || lw_config_find_rep (config, rep) != NULL)
    return TRUE;
  /* translators: %s is a rep id */
  g_set_error (error, LW_LIVE_ERROR, LW_LIVE_ERROR_INVALID, _("There is no rep “%s” in the team"), rep);
  return FALSE;
}

static gboolean
check_status (const LwConfig  *config,
              const char      *status,
              GError         **error)
{
  if (status == NULL || lw_config_find_status (config, status) != NULL)
    return TRUE;
  /* translators: %s is a lead status id */
  g_set_error (error, LW_LIVE_ERROR, LW_LIVE_ERROR_INVALID, _("There is no lead status “%s”"), status);
  return FALSE;
}

/* The lead's own property values as a JSON object. */
static char *
dup_properties_json (const LwConfig *config,
                     const LwLead   *lead)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  for (guint i = 0; i < config->properties->len && i < lead->n_values; i++)
    {
      const LwProperty *property = g_ptr_array_index (config->properties, i);
      const LwValue *value = lw_lead_get (lead, i);
      g_autofree char *text = NULL;

      /* Built-ins are worked out, but where the lead came from is its own. */
      if ((property->builtin && i != LW_BUILTIN_SOURCE) || !value->set)
        continue;
      json_builder_set_member_name (builder, property->id);
      switch (property->type)
        {
        case LW_PROPERTY_NUMBER:
          json_builder_add_double_value (builder, value->num);
          break;
        case LW_PROPERTY_BOOLEAN:
          json_builder_add_boolean_value (builder, value->num != 0);
          break;
        default:
          text = lw_value_dup_text (value, property);
          json_builder_add_string_value (builder, text != NULL ? text : "");
          break;
        }
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

gboolean
lw_live_update_deadline (LwStore        *store,
                         const LwConfig *config,
                         gint64          id,
                         LwTime          now,
                         GError        **error)
{
  g_autoptr(LwLiveLead) lead = NULL;
  LwLiveClock clock;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (config != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  lead = lw_store_get_live_lead (store, id, error);
  if (lead == NULL)
    return FALSE;
  lw_live_clock_compute (config, lead, now, &clock);
  return lw_store_set_live_deadline (store, id,
                                     clock.state == LW_LIVE_NO_CLOCK || clock.deadline == G_MAXINT64
                                     ? 0 : clock.deadline,
                                     error);
}

#define LIVE_ROUTING_META "live-routing"

LwRoutingState *
lw_live_load_routing (LwStore        *store,
                      const LwConfig *config,
                      GError        **error)
{
  g_autoptr(LwRoutingState) routing = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *json = NULL;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (config != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  routing = lw_routing_state_new (config);
  json = lw_store_dup_meta (store, LIVE_ROUTING_META, &local_error);
  if (json == NULL)
    {
      if (g_error_matches (local_error, LW_STORE_ERROR, LW_STORE_ERROR_NOT_FOUND))
        return g_steal_pointer (&routing);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  /* Not the user's to fix: round robin starts over. */
  if (!lw_routing_state_restore (routing, config, json, &local_error))
    g_debug ("%s: the saved routing state is unreadable, starting over: %s",
             G_STRFUNC, local_error->message);
  return g_steal_pointer (&routing);
}

gboolean
lw_live_save_routing (LwStore        *store,
                      const LwConfig *config,
                      LwRoutingState *routing,
                      GError        **error)
{
  g_autofree char *json = NULL;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (config != NULL, FALSE);
  g_return_val_if_fail (routing != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  json = lw_routing_state_to_json (routing, config);
  return lw_store_set_meta (store, LIVE_ROUTING_META, json, error);
}

gint64
lw_live_add (LwStore        *store,
             const LwConfig *config,
             const LwLead   *lead,
             const char     *external_id,
             const char     *owner,
             const char     *status,
             const char     *stage,
             LwTime          at,
             LwRoutingState *routing,
             LwTime          now,
             GError        **error)
{
  g_autoptr(LwRoutingState) kept = NULL;
  g_autoptr(LwLiveLead) live = lw_live_lead_new ();
  g_autoptr(LwLead) with_builtins = NULL;
  const LwSlaPolicy *policy;
  gint64 id;

  g_return_val_if_fail (store != NULL, 0);
  g_return_val_if_fail (config != NULL, 0);
  g_return_val_if_fail (lead != NULL, 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  if (!check_rep (config, owner, error) || !check_status (config, status, error))
    return 0;
  if (stage != NULL && lw_config_find_stage (config, stage) == NULL)
    {
      /* translators: %s is a lifecycle stage id */
      g_set_error (error, LW_LIVE_ERROR, LW_LIVE_ERROR_INVALID, _("There is no lifecycle stage “%s”"), stage);
      return 0;
    }

  live->external_id = g_strdup (external_id);
  live->created_at = at;
  live->assigned_at = at;
  live->properties = dup_properties_json (config, lead);
  live->status = g_strdup (status);
  live->stage = g_strdup (stage);

  /* The rules see the lead as it will be stored, with its scores, which
   * routing and SLA conditions may use. */
  with_builtins = lw_live_lead_to_lead (config, live);
  {
    LwScore score = { 0, };

    lw_score_lead (config, with_builtins, at, FALSE, &score);
    lw_score_apply (config, &score, with_builtins);
    lw_score_clear (&score);
  }
  /* The lead and the workspace's routing state that picked its owner, or
   * neither. The transaction takes the write lock before the state is
   * read, so that another process adding a lead at the same moment waits
   * and then goes on from this one's pick instead of making it again. */
  if (!lw_store_begin_transaction (store, error))
    return 0;
  if (owner == NULL)
    {
      g_auto(LwRoute) route = { 0, };

      if (routing == NULL)
        {
          routing = kept = lw_live_load_routing (store, config, error);
          if (routing == NULL)
            {
              lw_store_rollback_transaction (store);
              return 0;
            }
        }
      lw_route_lead (config, with_builtins, at, routing, FALSE, &route);
      owner = route.owner != NULL ? route.owner->id : NULL;
    }
  live->owner = g_strdup (owner);
  policy = lw_sla_select (config, with_builtins);
  live->policy = policy != NULL ? g_strdup (policy->id) : NULL;

  id = lw_store_add_live_lead (store, live, now, error);
  if (id == 0 || (kept != NULL && !lw_live_save_routing (store, config, kept, error)))
    {
      lw_store_rollback_transaction (store);
      return 0;
    }
  if (!lw_store_commit_transaction (store, error))
    return 0;
  if (!lw_live_update_deadline (store, config, id, now, error))
    return 0;
  return id;
}

gboolean
lw_live_log_touch (LwStore        *store,
                   const LwConfig *config,
                   gint64          id,
                   LwTouchKind     kind,
                   LwTime          at,
                   const char     *rep,
                   const char     *note,
                   LwTime          now,
                   GError        **error)
{
  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (config != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_rep (config, rep, error))
    return FALSE;
  return lw_store_log_live_touch (store, id, kind, at, rep, note, now, error) != 0;
}

gboolean
lw_live_set_status (LwStore        *store,
                    const LwConfig *config,
                    gint64          id,
                    const char     *status,
                    LwTime          at,
                    LwTime          now,
                    GError        **error)
{
  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (config != NULL, FALSE);
  g_return_val_if_fail (status != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_status (config, status, error))
    return FALSE;
  if (at > now)
    {
      g_set_error_literal (error, LW_LIVE_ERROR, LW_LIVE_ERROR_INVALID,
                           _("A status change cannot be dated in the future"));
      return FALSE;
    }
  return lw_store_set_live_status (store, id, status, at, error) &&
         lw_live_update_deadline (store, config, id, now, error);
}

gboolean
lw_live_assign (LwStore        *store,
                const LwConfig *config,
                gint64          id,
                const char     *owner,
                LwTime          at,
                LwTime          now,
                GError        **error)
{
  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (config != NULL, FALSE);
  g_return_val_if_fail (owner != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_rep (config, owner, error))
    return FALSE;
  if (at > now)
    {
      g_set_error_literal (error, LW_LIVE_ERROR, LW_LIVE_ERROR_INVALID,
                           _("An assignment cannot be dated in the future"));
      return FALSE;
    }
  return lw_store_assign_live_lead (store, id, owner, LW_LIVE_ASSIGN_MANUAL, -1, at, error) &&
         lw_live_update_deadline (store, config, id, now, error);
}

/* ---- watching ------------------------------------------------------------------------- */

struct _LwLiveWatch
{
  LwStore        *store;
  LwConfig       *config;
  LwTime          last;
  LwTime          next_due;
  GHashTable     *open;       /* ids (gint64 *) of the leads open at the last tick */
};

LwLiveWatch *
lw_live_watch_new (LwStore  *store,
                   LwConfig *config,
                   LwTime    since)
{
  LwLiveWatch *self;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (config != NULL, NULL);

  self = g_new0 (LwLiveWatch, 1);
  self->store = lw_store_ref (store);
  self->last = since;
  self->next_due = G_MAXINT64;
  self->open = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  lw_live_watch_set_config (self, config);
  return self;
}

void
lw_live_watch_free (LwLiveWatch *self)
{
  if (self == NULL)
    return;
  lw_store_unref (self->store);
  lw_config_unref (self->config);
  g_hash_table_unref (self->open);
  g_free (self);
}

void
lw_live_watch_set_config (LwLiveWatch *self,
                          LwConfig    *config)
{
  LwConfig *old;

  g_return_if_fail (self != NULL);
  g_return_if_fail (config != NULL);

  old = self->config;
  self->config = lw_config_ref (config);
  g_clear_pointer (&old, lw_config_unref);
}

LwTime
lw_live_watch_get_next_due (LwLiveWatch *self)
{
  g_return_val_if_fail (self != NULL, G_MAXINT64);

  return self->next_due;
}

LwTime
lw_live_watch_get_last_tick (LwLiveWatch *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->last;
}

/* Whether @due holds a reassignment to make. */
static gboolean
has_reassignment (GArray *due)
{
  for (guint i = 0; i < due->len; i++)
    {
      const LwLiveDue *item = &g_array_index (due, LwLiveDue, i);

      if (item->kind == LW_ALERT_REASSIGNMENT && item->new_owner != NULL)
        return TRUE;
    }
  return FALSE;
}

gboolean
lw_live_watch_tick (LwLiveWatch  *self,
                    LwAlerts     *alerts,
                    LwTime        now,
                    guint        *n_due,
                    GError      **error)
{
  g_autoptr(GPtrArray) leads = NULL;
  g_autoptr(GArray) due = NULL;
  g_autoptr(GHashTable) open = NULL;
  g_autoptr(LwRoutingState) routing = NULL;
  GHashTableIter iter;
  gpointer key;
  LwTime next = G_MAXINT64;
  guint pushed = 0;
  guint reassigned = 0;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (alerts != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (n_due != NULL)
    *n_due = 0;
  if (now <= self->last)
    {
      self->last = now;
      return TRUE;
    }

  leads = lw_store_list_live_leads (self->store, TRUE, error);
  if (leads == NULL)
    return FALSE;
  /* An escalation's pick goes on from the workspace's round robin, as
   * new leads do (lw_live_add()). */
  routing = lw_live_load_routing (self->store, self->config, error);
  if (routing == NULL)
    return FALSE;
  due = lw_live_due (self->config, leads, self->last, now, routing);

  /* The reassignments first: an alert must not tell of one that was not
   * recorded. They and the round robin they moved are saved together,
   * worked out again under the workspace's write lock so that a lead
   * another process added meanwhile is not given the same pick. */
  if (has_reassignment (due))
    {
      if (!lw_store_begin_transaction (self->store, error))
        return FALSE;
      /* The walk moved the leads it reassigned: read them again too. */
      g_clear_pointer (&routing, lw_routing_state_free);
      g_clear_pointer (&due, g_array_unref);
      g_clear_pointer (&leads, g_ptr_array_unref);
      leads = lw_store_list_live_leads (self->store, TRUE, error);
      routing = leads != NULL ? lw_live_load_routing (self->store, self->config, error) : NULL;
      if (routing == NULL)
        {
          lw_store_rollback_transaction (self->store);
          return FALSE;
        }
      due = lw_live_due (self->config, leads, self->last, now, routing);
      for (guint i = 0; i < due->len; i++)
        {
          const LwLiveDue *item = &g_array_index (due, LwLiveDue, i);

          if (item->kind != LW_ALERT_REASSIGNMENT || item->new_owner == NULL)
            continue;
          if (!lw_store_assign_live_lead (self->store, item->lead->id, item->new_owner->id,
                                          LW_LIVE_ASSIGN_ESCALATION, (int) item->step, item->applied_at,
                                          error) ||
              !lw_live_update_deadline (self->store, self->config, item->lead->id, now, error))
            {
              lw_store_rollback_transaction (self->store);
              return FALSE;
            }
          reassigned++;
        }
      if (reassigned > 0 && !lw_live_save_routing (self->store, self->config, routing, error))
        {
          lw_store_rollback_transaction (self->store);
          return FALSE;
        }
      if (!lw_store_commit_transaction (self->store, error))
        return FALSE;
    }

  for (guint i = 0; i < due->len; i++)
    {
      const LwLiveDue *item = &g_array_index (due, LwLiveDue, i);

      if (!item->alert)
        continue;
      lw_alerts_push (alerts, lw_live_due_to_fact (self->config, item), now);
      pushed++;
    }

  /* Leads that left the open set were touched (or deleted): a snooze of
   * theirs has nothing left to remind of. */
  open = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  for (guint i = 0; i < leads->len; i++)
    {
      const LwLiveLead *lead = g_ptr_array_index (leads, i);
      LwLiveClock clock;

      g_hash_table_add (open, g_memdup2 (&lead->id, sizeof lead->id));
      lw_live_clock_compute (self->config, lead, now, &clock);
      next = MIN (next, clock.next_due);
    }
  g_hash_table_iter_init (&iter, self->open);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (open, key))
      lw_alerts_lead_touched (alerts, 0, *(gint64 *) key);
  g_clear_pointer (&self->open, g_hash_table_unref);
  self->open = g_steal_pointer (&open);

  self->next_due = next;
  self->last = now;
  if (n_due != NULL)
    *n_due = pushed;
  return TRUE;
}
