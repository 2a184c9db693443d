/* lw-sim-explain.c: a simulated lead's story, and two rule sets compared
 * on the same leads
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "lw-report.h"
#include "lw-sim-internal.h"

/* ---- explain ---------------------------------------------------------------------------- */

static void
free_story_entry (LwSimStoryEntry *entry)
{
  g_free (entry->text);
  g_clear_pointer (&entry->details, g_ptr_array_unref);
  g_free (entry);
}

void
lw_sim_story_free (LwSimStory *story)
{
  if (story == NULL)
    return;
  g_free (story->title);
  g_clear_pointer (&story->properties, g_ptr_array_unref);
  g_clear_pointer (&story->entries, g_ptr_array_unref);
  g_free (story);
}

static const char *
rep_name (LwSimulation *sim,
          int           index)
{
  const LwRep *rep = get_rep (sim, index);

  if (rep == NULL)
    return _("nobody");
  return lw_label_or_id (rep->name, rep->id);
}

static void
add_lines (GPtrArray  *details,
           const char *text)
{
  g_auto(GStrv) lines = NULL;

  if (text == NULL || *text == '\0')
    return;
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    g_ptr_array_add (details, g_strdup (lines[i]));
}

/* "SLA “Demo”: warning at ..., deadline at ..., escalation 1 (...) at ..." */
static void
add_sla_details (LwSimulation *sim,
                 const Lead   *ls,
                 int           owner,
                 LwTime        start,
                 GPtrArray    *details)
{
  const LwSlaPolicy *policy = get_policy (sim, ls);
  g_autoptr(GString) text = NULL;
  g_autofree char *deadline = NULL;
  LwSlaTimes times;

  if (policy == NULL || owner < 0)
    {
      if (ls->flags & F_ROUTED && policy == NULL)
        g_ptr_array_add (details, g_strdup (_("No SLA policy applies to this lead.")));
      return;
    }

  lw_sla_compute (policy, get_rep (sim, owner), start, NULL, 0, &times);
  deadline = lw_time_format_iso8601 (times.deadline);
  text = g_string_new (NULL);
  /* translators: an SLA policy, its deadline in minutes and clock, then an instant */
  g_string_append_printf (text, _("SLA “%s”: first touch within %u %s minutes, by %s"),
                          lw_label_or_id (policy->label, policy->id), policy->deadline_minutes,
                          policy->clock == LW_CLOCK_BUSINESS ? _("business") : _("calendar"),
                          deadline);
  if (times.warn_at != G_MAXINT64)
    {
      g_autofree char *warn = lw_time_format_iso8601 (times.warn_at);
      /* translators: an instant */
      g_string_append_printf (text, _("; warning at %s"), warn);
    }
  for (guint k = 0; k < times.n_escalations && k < policy->escalations->len; k++)
    {
      const LwEscalation *e = &g_array_index (policy->escalations, LwEscalation, k);
      g_autofree char *at = lw_time_format_iso8601 (times.escalate_at[k]);

      g_string_append (text, "; ");
      if (e->action == LW_ESCALATE_NOTIFY_MANAGER)
        /* translators: an instant */
        g_string_append_printf (text, _("notify the manager at %s"), at);
      else
        /* translators: an instant */
        g_string_append_printf (text, _("reassign at %s"), at);
    }
  g_ptr_array_add (details, g_string_free (g_steal_pointer (&text), FALSE));
}

/* The lead's scores at @t, each criterion's contribution explained, with
 * its built-in properties as they were then. */
static void
add_score_details (LwSimulation *sim,
                   guint32       id,
                   LwTime        t,
                   int           stage,
                   int           status,
                   GPtrArray    *details)
{
  Lead then = *get_lead (sim, id);
  const DealTimes *deal = sim->deal_times != NULL
                          ? g_hash_table_lookup (sim->deal_times, GUINT_TO_POINTER (id)) : NULL;
  LwLead *lead = _lw_sim_make_lead (sim);
  char email[256];
  LwScore score = { 0, };

  then.stage = (gint8) stage;
  then.status = (gint8) status;
  then.deal = -1;
  if (deal != NULL && deal->open_at != NOT_YET && abs_time (sim, deal->open_at) <= t)
    then.deal = (gint8) sim->deal_option[1];
  if (deal != NULL && deal->closed_at != NOT_YET && abs_time (sim, deal->closed_at) <= t)
    then.deal = (gint8) sim->deal_option[(then.flags & F_WON) ? 2 : 3];

  _lw_sim_materialize (sim, id, lead, email, sizeof email, TRUE);
  _lw_sim_refresh_builtins (sim, &then, lead);
  lw_score_lead (sim->config, lead, t, TRUE, &score);
  for (guint i = 0; i < score.items->len; i++)
    {
      const LwScoreItem *item = g_ptr_array_index (score.items, i);

      if (item->matched || item->points != 0)
        g_ptr_array_add (details, g_strdup_printf ("%s: %s",
                                                   item->kind == LW_SCORE_FIT ? _("Fit")
                                                                              : _("Engagement"),
                                                   item->why));
    }
  lw_score_clear (&score);
  _lw_sim_free_scratch_lead (lead);
}

static char *
score_number (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (buffer, sizeof buffer, "%.1f", value);
  if (g_str_has_suffix (buffer, ".0"))
    buffer[strlen (buffer) - 2] = '\0';
  return g_strdup (buffer);
}

static LwSimStoryEntry *
explain_event (LwSimulation  *sim,
               const LwEvent *event,
               int           *stage,
               int           *status)
{
  const LwConfig *config = sim->config;
  const Lead *ls = get_lead (sim, event->lead);
  LwSimStoryEntry *entry = g_new0 (LwSimStoryEntry, 1);
  GPtrArray *details = g_ptr_array_new_with_free_func (g_free);

  entry->event = *event;
  entry->event.detail = NULL;
  entry->details = details;

  switch (event->kind)
    {
    case LW_EVENT_CREATED:
      {
        const LwEntryPoint *e = g_ptr_array_index (sim->scenario->entry_points, ls->entry);

        /* translators: an entry point, a source and an intent (high, medium, low) */
        entry->text = g_strdup_printf (_("Created from “%s” (source %s, %s intent)"),
                                       lw_label_or_id (e->label, e->id), e->source,
                                       lw_intent_to_string (e->intent));
      }
      break;

    case LW_EVENT_ACTIVITY:
      {
        const LwActivityType *a = event->arg >= 0 && (guint) event->arg < config->activities->len
                                  ? g_ptr_array_index (config->activities, event->arg) : NULL;

        /* translators: an activity ("Pricing page visit") */
        entry->text = g_strdup_printf (_("Activity: %s"),
                                       a != NULL ? lw_label_or_id (a->label, a->id) : "?");
      }
      break;

    case LW_EVENT_SCORED:
      {
        g_autofree char *total = score_number (event->value);

        /* translators: a score */
        entry->text = g_strdup_printf (event->arg ? _("Scored: total %s, at or above the MQL "
                                                      "threshold")
                                                  : _("Scored: total %s"), total);
        add_score_details (sim, event->lead, event->t, *stage, *status, details);
      }
      break;

    case LW_EVENT_STAGE_CHANGED:
      {
        const LwStage *st = g_ptr_array_index (config->stages, event->arg);

        *stage = event->arg;
        /* translators: a lifecycle stage */
        entry->text = g_strdup_printf (_("Stage: %s"), lw_label_or_id (st->label, st->id));
        add_lines (details, event->detail);
      }
      break;

    case LW_EVENT_STATUS_CHANGED:
      {
        const LwStatus *st = event->arg >= 0 ? g_ptr_array_index (config->statuses, event->arg)
                                             : NULL;

        *status = event->arg;
        /* translators: a lead status */
        entry->text = g_strdup_printf (_("Status: %s"),
                                       st != NULL ? lw_label_or_id (st->label, st->id) : "—");
      }
      break;

    case LW_EVENT_ASSIGNED:
      if (event->arg >= 0)
        {
          const LwRoutingRule *rule = g_ptr_array_index (config->rules, event->arg);

          /* translators: a rep's name, then a routing rule */
          entry->text = g_strdup_printf (_("Assigned to %s by rule “%s”"),
                                         rep_name (sim, event->rep),
                                         lw_label_or_id (rule->label, rule->id));
        }
      else
        /* translators: a rep's name */
        entry->text = g_strdup_printf (_("Assigned to %s by the fallback"),
                                       rep_name (sim, event->rep));
      add_lines (details, event->detail);
      add_sla_details (sim, ls, event->rep, event->t, details);
      break;

    case LW_EVENT_FIRST_TOUCH:
      {
        g_autofree char *after = lw_format_duration ((gint64) floor (event->value * 60 + 0.5));

        /* translators: a rep's name, then a duration */
        entry->text = g_strdup_printf (event->arg >= 0
                                       ? _("First touch by %s, %s after assignment on the SLA clock")
                                       : _("First touch by %s, %s after assignment"),
                                       rep_name (sim, event->rep), after);
      }
      break;

    case LW_EVENT_SLA_WARNING:
      /* translators: a rep's name, then minutes */
      entry->text = g_strdup_printf (_("SLA warning to %s: %.0f minutes left"),
                                     rep_name (sim, event->rep), event->value);
      break;

    case LW_EVENT_SLA_BREACH:
      /* translators: a rep's name */
      entry->text = g_strdup_printf (_("SLA breached: %s had not touched the lead by the deadline"),
                                     rep_name (sim, event->rep));
      break;

    case LW_EVENT_ESCALATED:
      /* translators: a manager's name */
      entry->text = g_strdup_printf (_("Escalated: %s notified"), rep_name (sim, event->rep));
      break;

    case LW_EVENT_REASSIGNED:
      /* translators: two reps' names */
      entry->text = g_strdup_printf (_("Reassigned from %s to %s"),
                                     rep_name (sim, event->arg), rep_name (sim, event->rep));
      add_lines (details, event->detail);
      add_sla_details (sim, ls, event->rep, event->t, details);
      break;

    case LW_EVENT_CONVERTED:
      {
        const LwStage *st = g_ptr_array_index (config->stages, event->arg);

        /* translators: a lifecycle stage */
        entry->text = g_strdup_printf (_("Converted: reached %s"), lw_label_or_id (st->label, st->id));
      }
      break;

    case LW_EVENT_DISQUALIFIED:
    case LW_EVENT_RECYCLED:
      {
        const LwPath *path = event->arg >= 0 ? g_ptr_array_index (config->paths, event->arg) : NULL;
        const char *name = path != NULL ? lw_label_or_id (path->label, path->id) : "?";

        entry->text = g_strdup_printf (event->kind == LW_EVENT_DISQUALIFIED
                                       /* translators: a path's label */
                                       ? _("Disqualified by path “%s”")
                                       /* translators: a path's label */
                                       : _("Recycled by path “%s”"), name);
      }
      break;

    case LW_N_EVENT_KINDS:
    default:
      entry->text = g_strdup ("?");
      break;
    }
  return entry;
}

static void
add_property_lines (LwSimulation *sim,
                    guint32       id,
                    LwSimStory   *story)
{
  const LwConfig *config = sim->config;
  const Lead *ls = get_lead (sim, id);
  const LwEntryPoint *entry = g_ptr_array_index (sim->scenario->entry_points, ls->entry);
  LwLead *lead = _lw_sim_make_lead (sim);
  char email[256];

  _lw_sim_materialize (sim, id, lead, email, sizeof email, TRUE);
  story->title = g_strdup_printf (_("Lead %u: %s"), id,
                                  sim->email_prop >= 0 ? email : _("no email"));
  /* translators: an entry point, then an intent (high, medium, low) */
  g_ptr_array_add (story->properties, g_strdup_printf (_("Entry point: %s (%s intent)"),
                                                       lw_label_or_id (entry->label, entry->id),
                                                       lw_intent_to_string (entry->intent)));
  for (guint i = LW_N_BUILTINS; i < config->properties->len; i++)
    {
      const LwProperty *p = g_ptr_array_index (config->properties, i);
      g_autofree char *text = lw_value_dup_text (&lead->values[i], p);

      if (text == NULL)
        continue;
      if (p->type == LW_PROPERTY_ENUM)
        for (guint o = 0; o < p->options->len; o++)
          {
            const LwOption *option = g_ptr_array_index (p->options, o);

            if (g_strcmp0 (option->value, text) == 0 && option->label != NULL)
              {
                g_free (text);
                text = g_strdup (option->label);
                break;
              }
          }
      g_ptr_array_add (story->properties,
                       g_strdup_printf ("%s: %s", lw_label_or_id (p->label, p->id), text));
    }
  _lw_sim_free_scratch_lead (lead);
}

static LwSimStory *
build_story (LwSimulation *sim,
             guint32       id)
{
  LwSimStory *story = g_new0 (LwSimStory, 1);
  int stage = -1;
  int status = -1;

  story->lead = id;
  story->properties = g_ptr_array_new_with_free_func (g_free);
  story->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) free_story_entry);
  add_property_lines (sim, id, story);

  for (guint i = 0; i < sim->kept->len; i++)
    {
      const LwEvent *event = &g_array_index (sim->kept, LwEvent, i);

      if (event->lead == id)
        g_ptr_array_add (story->entries, explain_event (sim, event, &stage, &status));
    }
  return story;
}

/* A run of the same simulation that keeps the details of the leads
 * @trace marks (indexed by id). */
static LwSimulation *
retrace (LwSimulation  *sim,
         guint8        *trace,
         GCancellable  *cancellable,
         GError       **error)
{
  LwSimOptions options = sim->options;
  g_autoptr(LwSimulation) again = NULL;

  options.speed = 0;
  options.flush_seconds = 0;
  options.keep_details = FALSE;
  again = _lw_sim_create (sim->base, sim->scenario, &options, error);
  if (again == NULL)
    {
      g_free (trace);
      return NULL;
    }
  again->trace = trace;
  if (!_lw_sim_run (again, NULL, cancellable, NULL, NULL, error))
    return NULL;
  return g_steal_pointer (&again);
}

LwSimStory *
lw_simulation_explain (LwSimulation  *sim,
                       guint32        lead,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(LwSimulation) again = NULL;
  LwSimulation *source = sim;

  g_return_val_if_fail (sim != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (lead == 0 || lead > sim->n_leads)
    {
      /* translators: a lead id, then the number of leads */
      g_set_error (error, LW_SIM_ERROR, LW_SIM_ERROR_NOT_FOUND,
                   _("there is no lead %u: the simulation has leads 1 to %u"), lead, sim->n_leads);
      return NULL;
    }

  if (!sim->ran || sim->kept == NULL || !is_traced (sim, lead) || lead > sim->n_created)
    {
      guint8 *trace = g_new0 (guint8, (gsize) sim->n_leads + 1);

      trace[lead] = 1;
      again = retrace (sim, trace, cancellable, error);
      if (again == NULL)
        return NULL;
      source = again;
    }

  return build_story (source, lead);
}

char *
lw_sim_story_format (const LwSimStory *story)
{
  GString *out;

  g_return_val_if_fail (story != NULL, NULL);

  out = g_string_new (story->title);
  g_string_append_c (out, '\n');
  for (guint i = 0; i < story->properties->len; i++)
    g_string_append_printf (out, "  %s\n", (const char *) g_ptr_array_index (story->properties, i));
  g_string_append_c (out, '\n');
  for (guint i = 0; i < story->entries->len; i++)
    {
      const LwSimStoryEntry *entry = g_ptr_array_index (story->entries, i);
      g_autofree char *at = lw_time_format_iso8601 (entry->event.t);

      g_string_append_printf (out, "%s  %s\n", at, entry->text);
      for (guint j = 0; j < entry->details->len; j++)
        g_string_append_printf (out, "      %s\n",
                                (const char *) g_ptr_array_index (entry->details, j));
    }
  return g_string_free (out, FALSE);
}

/* ---- compare ---------------------------------------------------------------------------- */

static void
free_figure_diff (LwSimFigureDiff *diff)
{
  g_free (diff->key);
  g_free (diff->label);
  g_free (diff);
}

static void
free_lead_diff (LwSimLeadDiff *diff)
{
  g_free (diff->why);
  g_free (diff);
}

void
lw_sim_comparison_free (LwSimComparison *comparison)
{
  if (comparison == NULL)
    return;
  g_clear_pointer (&comparison->figures, g_ptr_array_unref);
  g_clear_pointer (&comparison->leads_differing, g_ptr_array_unref);
  g_free (comparison);
}

static GPtrArray *
diff_figures (GPtrArray *a,
              GPtrArray *b)
{
  GPtrArray *diffs = g_ptr_array_new_with_free_func ((GDestroyNotify) free_figure_diff);
  g_autoptr(GHashTable) in_b = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) in_a = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < b->len; i++)
    {
      LwSimFigure *f = g_ptr_array_index (b, i);
      g_hash_table_insert (in_b, f->key, f);
    }

  /* The order of @a, then the figures only @b has, in @b's order: the
   * tables are only looked up, never walked. */
  for (guint i = 0; i < a->len; i++)
    {
      const LwSimFigure *fa = g_ptr_array_index (a, i);
      const LwSimFigure *fb = g_hash_table_lookup (in_b, fa->key);
      LwSimFigureDiff *diff = g_new0 (LwSimFigureDiff, 1);

      g_hash_table_insert (in_a, fa->key, (gpointer) fa);
      diff->key = g_strdup (fa->key);
      diff->label = g_strdup (fa->label);
      diff->a = fa->value;
      diff->b = fb != NULL ? fb->value : NAN;
      g_ptr_array_add (diffs, diff);
    }
  for (guint i = 0; i < b->len; i++)
    {
      const LwSimFigure *fb = g_ptr_array_index (b, i);
      LwSimFigureDiff *diff;

      if (g_hash_table_contains (in_a, fb->key))
        continue;
      diff = g_new0 (LwSimFigureDiff, 1);
      diff->key = g_strdup (fb->key);
      diff->label = g_strdup (fb->label);
      diff->a = NAN;
      diff->b = fb->value;
      g_ptr_array_add (diffs, diff);
    }
  return diffs;
}

static gboolean
qualified_of (const Lead *ls)
{
  return (ls->flags & F_MQL) != 0;
}

/* What happened to lead @id in @sim, in one paragraph, for a comparison. */
static void
describe_outcome (LwSimulation *sim,
                  const char   *side,
                  guint32       id,
                  GString      *out)
{
  const LwConfig *config = sim->config;
  const Lead *ls = get_lead (sim, id);
  g_autofree char *total = score_number (ls->total);
  const char *assigned_why = NULL;

  /* translators: "A" or "B", a rule set's name, then a score */
  g_string_append_printf (out, _("%s (“%s”): total score %s"),
                          side, lw_label_or_id (config->name, _("rule set")), total);
  if (ls->flags & F_MQL)
    {
      g_autofree char *at = lw_time_format_iso8601 (abs_time (sim, ls->mql_at));
      /* translators: an instant */
      g_string_append_printf (out, _(", MQL at %s"), at);
    }
  else
    g_string_append (out, _(", never met the MQL threshold"));

  for (guint i = 0; sim->kept != NULL && i < sim->kept->len; i++)
    {
      const LwEvent *event = &g_array_index (sim->kept, LwEvent, i);

      if (event->lead == id && event->kind == LW_EVENT_ASSIGNED)
        {
          assigned_why = event->detail;
          break;
        }
    }

  if (ls->flags & F_ROUTED)
    {
      const char *last = assigned_why != NULL ? strrchr (assigned_why, '\n') : NULL;

      /* translators: a rep's name */
      g_string_append_printf (out, _("; routed to %s"), rep_name (sim, ls->routed_rep));
      if (assigned_why != NULL)
        g_string_append_printf (out, " (%s)", last != NULL ? last + 1 : assigned_why);
      if (ls->flags & F_TOUCHED)
        {
          g_autofree char *after = lw_format_duration ((gint64) ls->first_touch_at - ls->assigned_at);
          /* translators: a duration */
          g_string_append_printf (out, _("; first touch after %s"), after);
        }
      else
        g_string_append (out, _("; not touched"));
    }
  else
    g_string_append (out, _("; not routed"));

  if (ls->flags & F_CONVERTED)
    g_string_append (out, _("; qualified by sales"));
  else if (ls->flags & F_TOUCHED)
    switch (ls->outcome)
      {
      case OUTCOME_UNQUALIFIED:
        g_string_append (out, _("; found unqualified"));
        break;
      case OUTCOME_BAD_TIMING:
        g_string_append (out, _("; bad timing"));
        break;
      case OUTCOME_NO_CONTACT:
        g_string_append (out, _("; never reached"));
        break;
      case OUTCOME_QUALIFIED:
      default:
        g_string_append (out, _("; qualification still under way"));
        break;
      }
  g_string_append_c (out, '.');
}

LwSimComparison *
lw_simulation_compare (const LwConfig     *a,
                       const LwConfig     *b,
                       LwScenario         *scenario,
                       const LwSimOptions *options,
                       guint               max_listed,
                       GCancellable       *cancellable,
                       GError            **error)
{
  LwSimOptions defaults = LW_SIM_OPTIONS_INIT;
  LwSimOptions opts = options != NULL ? *options : defaults;
  g_autoptr(LwSimulation) sim_a = NULL;
  g_autoptr(LwSimulation) sim_b = NULL;
  g_autoptr(LwSimulation) trace_a = NULL;
  g_autoptr(LwSimulation) trace_b = NULL;
  g_autoptr(GPtrArray) figures_a = NULL;
  g_autoptr(GPtrArray) figures_b = NULL;
  g_autoptr(GArray) listed = g_array_new (FALSE, FALSE, sizeof (LwSimLeadDiff));
  LwSimComparison *comparison;

  g_return_val_if_fail (a != NULL && a->bound, NULL);
  g_return_val_if_fail (b != NULL && b->bound, NULL);
  g_return_val_if_fail (scenario != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  opts.speed = 0;
  opts.keep_details = FALSE;
  sim_a = _lw_sim_create (a, scenario, &opts, error);
  if (sim_a == NULL)
    return NULL;
  sim_b = _lw_sim_create (b, scenario, &opts, error);
  if (sim_b == NULL)
    return NULL;
  if (!_lw_sim_run (sim_a, NULL, cancellable, NULL, NULL, error) ||
      !_lw_sim_run (sim_b, NULL, cancellable, NULL, NULL, error))
    return NULL;

  comparison = g_new0 (LwSimComparison, 1);
  comparison->leads = sim_a->n_created;
  figures_a = lw_sim_summary_figures (&sim_a->summary, sim_a->config, scenario);
  figures_b = lw_sim_summary_figures (&sim_b->summary, sim_b->config, scenario);
  comparison->figures = diff_figures (figures_a, figures_b);
  comparison->leads_differing = g_ptr_array_new_with_free_func ((GDestroyNotify) free_lead_diff);

  for (guint32 id = 1; id <= sim_a->n_created && id <= sim_b->n_created; id++)
    {
      const Lead *la = get_lead (sim_a, id);
      const Lead *lb = get_lead (sim_b, id);
      LwSimLeadDiff diff = { 0, };

      diff.routed_differently = la->routed_rep != lb->routed_rep;
      diff.qualified_differently = qualified_of (la) != qualified_of (lb) ||
                                   ((la->flags ^ lb->flags) & F_CONVERTED) != 0;
      comparison->n_routed_differently += diff.routed_differently;
      comparison->n_qualified_differently += diff.qualified_differently;
      if (!(diff.routed_differently || diff.qualified_differently) || listed->len >= max_listed)
        continue;
      diff.lead = id;
      diff.owner_a = la->routed_rep;
      diff.owner_b = lb->routed_rep;
      diff.stage_a = la->max_stage;
      diff.stage_b = lb->max_stage;
      g_array_append_val (listed, diff);
    }

  if (listed->len > 0)
    {
      guint8 *marks_a = g_new0 (guint8, (gsize) sim_a->n_leads + 1);
      guint8 *marks_b = g_new0 (guint8, (gsize) sim_b->n_leads + 1);

      for (guint i = 0; i < listed->len; i++)
        {
          guint32 id = g_array_index (listed, LwSimLeadDiff, i).lead;
          marks_a[id] = marks_b[id] = 1;
        }
      trace_a = retrace (sim_a, marks_a, cancellable, error);
      if (trace_a != NULL)
        trace_b = retrace (sim_b, marks_b, cancellable, error);
      else
        g_free (marks_b);
      if (trace_a == NULL || trace_b == NULL)
        {
          lw_sim_comparison_free (comparison);
          return NULL;
        }
    }

  for (guint i = 0; i < listed->len; i++)
    {
      LwSimLeadDiff *diff = g_new (LwSimLeadDiff, 1);
      GString *why = g_string_new (NULL);

      *diff = g_array_index (listed, LwSimLeadDiff, i);
      describe_outcome (trace_a, "A", diff->lead, why);
      g_string_append_c (why, '\n');
      describe_outcome (trace_b, "B", diff->lead, why);
      diff->why = g_string_free (why, FALSE);
      g_ptr_array_add (comparison->leads_differing, diff);
    }
  return comparison;
}

static void
append_figure_value (GString *out,
                     double   value)
{
  if (isnan (value))
    g_string_append (out, "—");
  else if (value == floor (value) && fabs (value) < 1e15)
    {
      g_autofree char *count = lw_format_count ((guint64) fabs (value));

      g_string_append (out, count);
    }
  else
    g_string_append_printf (out, "%.1f", value);
}

char *
lw_sim_comparison_format (const LwSimComparison *comparison)
{
  GString *out;
  guint changed = 0;

  g_return_val_if_fail (comparison != NULL, NULL);

  out = g_string_new (NULL);
  /* translators: a number of leads */
  g_string_append_printf (out, _("Both rule sets ran on the same %u leads.\n\n"),
                          comparison->leads);
  g_string_append_printf (out, "%s\n", _("Figures that differ (A → B):"));
  for (guint i = 0; i < comparison->figures->len; i++)
    {
      const LwSimFigureDiff *d = g_ptr_array_index (comparison->figures, i);

      if (d->a == d->b || (isnan (d->a) && isnan (d->b)))
        continue;
      changed++;
      g_string_append_printf (out, "  %s: ", d->label);
      append_figure_value (out, d->a);
      g_string_append (out, " → ");
      append_figure_value (out, d->b);
      g_string_append_c (out, '\n');
    }
  if (changed == 0)
    g_string_append_printf (out, "  %s\n", _("none"));

  /* translators: two counts of leads */
  g_string_append_printf (out, _("\nLeads routed differently: %u. Qualified differently: %u.\n"),
                          comparison->n_routed_differently,
                          comparison->n_qualified_differently);
  for (guint i = 0; i < comparison->leads_differing->len; i++)
    {
      const LwSimLeadDiff *d = g_ptr_array_index (comparison->leads_differing, i);
      g_auto(GStrv) lines = g_strsplit (d->why, "\n", -1);

      /* translators: a lead id */
      g_string_append_printf (out, _("  Lead %u:\n"), d->lead);
      for (guint j = 0; lines[j] != NULL; j++)
        g_string_append_printf (out, "    %s\n", lines[j]);
    }
  return g_string_free (out, FALSE);
}
