/* lw-lead-inspector-run.c: the story of a lead of a run
 *
 * The facts and the recorded timeline of a lead of a run, in words, and
 * its explanation, retraced on a worker thread that replays the run.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "lw-config-json.h"
#include "lw-event.h"
#include "lw-lead-inspector-private.h"
#include "lw-scenario.h"
#include "lw-simulator.h"

/* ---- helpers ------------------------------------------------------------------ */

static char *
format_time (LwTime t)
{
  g_autoptr(GDateTime) dt = NULL;

  if (t == 0)
    return g_strdup ("—");
  dt = g_date_time_new_from_unix_utc (t);
  if (dt == NULL)
    return g_strdup ("—");
  /* translators: a simulated date and time, see g_date_time_format() */
  return g_date_time_format (dt, _("%Y-%m-%d %H:%M"));
}

static char *
format_duration (gint64 seconds)
{
  if (seconds < 0)
    return g_strdup (_("Not touched"));
  if (seconds < LW_HOUR)
    /* translators: a duration in minutes */
    return g_strdup_printf (_("%d min"), (int) (seconds / LW_MINUTE));
  if (seconds < LW_DAY)
    /* translators: a duration in hours and minutes */
    return g_strdup_printf (_("%d h %02d min"), (int) (seconds / LW_HOUR),
                            (int) (seconds % LW_HOUR / LW_MINUTE));
  /* translators: a duration in days and hours */
  return g_strdup_printf (_("%d d %d h"), (int) (seconds / LW_DAY),
                          (int) (seconds % LW_DAY / LW_HOUR));
}

static const char *
rep_name (const LwConfig *config,
          int             rep)
{
  if (config == NULL || rep < 0 || (guint) rep >= config->reps->len)
    return NULL;
  return ((const LwRep *) g_ptr_array_index (config->reps, rep))->name;
}

static const char *
stage_label (const LwConfig *config,
             int             stage)
{
  if (config == NULL || stage < 0 || (guint) stage >= config->stages->len)
    return NULL;
  return ((const LwStage *) g_ptr_array_index (config->stages, stage))->label;
}

static const char *
status_label (const LwConfig *config,
              int             status)
{
  if (config == NULL || status < 0 || (guint) status >= config->statuses->len)
    return NULL;
  return ((const LwStatus *) g_ptr_array_index (config->statuses, status))->label;
}

static const char *
rule_label (const LwConfig *config,
            int             rule)
{
  if (config == NULL || rule < 0 || (guint) rule >= config->rules->len)
    return NULL;
  return ((const LwRoutingRule *) g_ptr_array_index (config->rules, rule))->label;
}

static const char *
policy_label (const LwConfig *config,
              int             policy)
{
  if (config == NULL || policy < 0 || (guint) policy >= config->policies->len)
    return NULL;
  return ((const LwSlaPolicy *) g_ptr_array_index (config->policies, policy))->label;
}

/* What an event says, in a sentence. */
static char *
describe_event (const LwConfig *config,
                const LwEvent  *event)
{
  const char *rep = or_dash (rep_name (config, event->rep));

  switch (event->kind)
    {
    case LW_EVENT_CREATED:
      return g_strdup (_("Created"));
    case LW_EVENT_SCORED:
      return event->arg == 1
        /* translators: %.0f is a lead score */
        ? g_strdup_printf (_("Scored %.0f, MQL threshold met"), event->value)
        /* translators: %.0f is a lead score */
        : g_strdup_printf (_("Scored %.0f"), event->value);
    case LW_EVENT_STAGE_CHANGED:
      /* translators: %s is a lifecycle stage */
      return g_strdup_printf (_("Moved to stage “%s”"), or_dash (stage_label (config, event->arg)));
    case LW_EVENT_STATUS_CHANGED:
      /* translators: %s is a lead status */
      return g_strdup_printf (_("Status set to “%s”"), or_dash (status_label (config, event->arg)));
    case LW_EVENT_ASSIGNED:
      if (event->arg < 0)
        /* translators: %s is a rep's name */
        return g_strdup_printf (_("Assigned to %s, the fallback owner"), rep);
      /* translators: the first %s is a rep's name, the second a routing rule */
      return g_strdup_printf (_("Assigned to %s by rule “%s”"), rep, or_dash (rule_label (config, event->arg)));
    case LW_EVENT_FIRST_TOUCH:
      /* translators: %s is a rep's name, %.0f minutes */
      return g_strdup_printf (_("First touch by %s after %.0f min"), rep, event->value);
    case LW_EVENT_SLA_WARNING:
      /* translators: %s is an SLA policy, %.0f minutes */
      return g_strdup_printf (_("SLA “%s” warning, %.0f min left"),
                              or_dash (policy_label (config, event->arg)), event->value);
    case LW_EVENT_SLA_BREACH:
      /* translators: %s is an SLA policy */
      return g_strdup_printf (_("SLA “%s” breached"), or_dash (policy_label (config, event->arg)));
    case LW_EVENT_ESCALATED:
      /* translators: %s is a manager's name */
      return g_strdup_printf (_("Escalated to %s"), rep);
    case LW_EVENT_REASSIGNED:
      /* translators: the first %s is the previous owner, the second the new one */
      return g_strdup_printf (_("Reassigned from %s to %s"),
                              or_dash (rep_name (config, event->arg)), rep);
    case LW_EVENT_CONVERTED:
      /* translators: %s is a lifecycle stage */
      return g_strdup_printf (_("Converted at stage “%s”"), or_dash (stage_label (config, event->arg)));
    case LW_EVENT_DISQUALIFIED:
      return g_strdup (_("Disqualified"));
    case LW_EVENT_RECYCLED:
      return g_strdup (_("Recycled"));
    case LW_EVENT_ACTIVITY:
      if (config != NULL && event->arg >= 0 && (guint) event->arg < config->activities->len)
        /* translators: %s is an activity type ("Visited pricing page") */
        return g_strdup_printf (_("Activity: %s"),
                                ((const LwActivityType *) g_ptr_array_index (config->activities, event->arg))->label);
      return g_strdup (_("Activity"));
    case LW_N_EVENT_KINDS:
    default:
      return g_strdup (or_dash (lw_event_kind_to_string (event->kind)));
    }
}

/* The rule set run @run was made with, or NULL. */
const LwConfig *
_lw_lead_inspector_run_config (LwLeadInspector *self,
                               LwStore         *store,
                               gint64           run)
{
  g_autoptr(LwRunInfo) info = NULL;
  g_autoptr(LwRevision) revision = NULL;

  if (self->config_run == run)
    return self->config;
  g_clear_pointer (&self->config, lw_config_unref);
  self->config_run = run;
  info = lw_store_get_run (store, run, NULL);
  if (info == NULL || info->revision == 0)
    return NULL;
  revision = lw_store_get_revision (store, info->revision, NULL);
  if (revision == NULL || revision->json == NULL)
    return NULL;
  self->config = lw_config_load_data (revision->json, -1, "revision", NULL, NULL);
  return self->config;
}

/* ---- the explanation, on a worker thread --------------------------------------- */

void
_lw_lead_inspector_explain_thread (GTask        *task,
                                   gpointer      source_object,
                                   gpointer      task_data,
                                   GCancellable *cancellable)
{
  ExplainData *data = task_data;
  g_autoptr(LwStore) store = NULL;
  g_autoptr(LwRunInfo) info = NULL;
  g_autoptr(LwRevision) revision = NULL;
  g_autoptr(LwConfig) config = NULL;
  g_autoptr(LwScenario) scenario = NULL;
  g_autoptr(LwSimulation) simulation = NULL;
  LwSimStory *story;
  LwSimOptions options = LW_SIM_OPTIONS_INIT;
  GError *error = NULL;

  store = lw_store_open (data->path, &error);
  if (store != NULL)
    info = lw_store_get_run (store, data->run, &error);
  if (info == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (info->revision == 0 || info->scenario == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "%s",
                               _("This run was recorded without its rule set or scenario, so it cannot be retraced."));
      return;
    }
  revision = lw_store_get_revision (store, info->revision, &error);
  if (revision != NULL)
    config = lw_config_load_data (revision->json, -1, "revision", NULL, &error);
  if (config != NULL)
    scenario = lw_scenario_load_data (info->scenario, -1, "scenario", NULL, &error);
  if (scenario == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  options.leads = info->leads;
  options.days = info->days;
  options.seed = info->seed;
  options.start = info->sim_start;
  simulation = lw_simulation_new (config, scenario, &options, &error);
  if (simulation == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  story = lw_simulation_explain (simulation, data->lead, cancellable, &error);
  if (story == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, story, (GDestroyNotify) lw_sim_story_free);
}

static void
show_story (LwLeadInspector  *self,
            const LwSimStory *story)
{
  guint shown = 0;

  if (story->properties->len > 0)
    {
      GtkWidget *expander = adw_expander_row_new ();
      g_autofree char *count = NULL;

      /* translators: %u is a number of lead properties */
      count = g_strdup_printf (ngettext ("%u value", "%u values", story->properties->len),
                               story->properties->len);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), _("Properties"));
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), count);
      for (guint i = 0; i < story->properties->len; i++)
        adw_expander_row_add_row (ADW_EXPANDER_ROW (expander),
                                  _lw_lead_inspector_make_row (g_ptr_array_index (story->properties, i), NULL));
      _lw_lead_inspector_track_row (self, self->explain_group, expander);
      shown++;
    }

  /* The steps with details: score contributions, rules tried, checkpoints. */
  for (guint i = 0; i < story->entries->len; i++)
    {
      const LwSimStoryEntry *entry = g_ptr_array_index (story->entries, i);
      g_autofree char *when = NULL;
      GtkWidget *expander;

      if (entry->details == NULL || entry->details->len == 0)
        continue;
      when = format_time (entry->event.t);
      expander = adw_expander_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), entry->text);
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), when);
      for (guint j = 0; j < entry->details->len; j++)
        {
          GtkWidget *row = _lw_lead_inspector_make_row (g_ptr_array_index (entry->details, j), NULL);

          adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
          adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
        }
      _lw_lead_inspector_track_row (self, self->explain_group, expander);
      shown++;
    }

  if (shown == 0)
    _lw_lead_inspector_track_row (self, self->explain_group,
                                  _lw_lead_inspector_make_row (_("Nothing more to explain"), NULL));
}

void
_lw_lead_inspector_explain_done (GObject      *source,
                                 GAsyncResult *result,
                                 gpointer      user_data)
{
  LwLeadInspector *self = LW_LEAD_INSPECTOR (source);
  g_autoptr(LwSimStory) story = NULL;
  g_autoptr(GError) error = NULL;

  (void) user_data;
  story = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  _lw_lead_inspector_set_loading (self, FALSE);
  if (story == NULL)
    {
      GtkWidget *row = _lw_lead_inspector_make_row (_("The explanation could not be loaded"), error->message);

      gtk_widget_add_css_class (row, "error");
      _lw_lead_inspector_track_row (self, self->explain_group, row);
      return;
    }
  show_story (self, story);
}

/* ---- the lead --------------------------------------------------------------------- */

void
_lw_lead_inspector_show_facts (LwLeadInspector    *self,
                               const LwConfig     *config,
                               LwLeadRow          *row,
                               const LwStoredLead *lead)
{
  g_autofree char *created = format_time (lw_lead_row_get_created (row));
  g_autofree char *score = NULL;
  g_autofree char *fit = g_strdup_printf ("%.0f", lw_lead_row_get_fit (row));
  g_autofree char *engagement = g_strdup_printf ("%.0f", lw_lead_row_get_engagement (row));
  const char *grade = lw_lead_row_get_grade (row);

  if (grade != NULL)
    /* translators: a lead's total score, then its grade ("A") */
    score = g_strdup_printf (_("%.0f, grade %s"), lw_lead_row_get_total (row), grade);
  else
    score = g_strdup_printf ("%.0f", lw_lead_row_get_total (row));

  _lw_lead_inspector_add_fact (self, self->facts_group, _("Name"), lw_lead_row_get_name (row));
  _lw_lead_inspector_add_fact (self, self->facts_group, _("Company"), lw_lead_row_get_company (row));
  _lw_lead_inspector_add_fact (self, self->facts_group, _("Source"), lw_lead_row_get_source (row));
  _lw_lead_inspector_add_fact (self, self->facts_group, _("Created"), created);
  _lw_lead_inspector_add_fact (self, self->facts_group, _("Stage"), lw_lead_row_get_stage (row));
  _lw_lead_inspector_add_fact (self, self->facts_group, _("Status"), lw_lead_row_get_status (row));
  _lw_lead_inspector_add_fact (self, self->facts_group, _("Owner"), lw_lead_row_get_owner (row));
  _lw_lead_inspector_add_fact (self, self->facts_group, _("Fit score"), fit);
  _lw_lead_inspector_add_fact (self, self->facts_group, _("Engagement score"), engagement);
  _lw_lead_inspector_add_fact (self, self->facts_group, _("Total score"), score);

  if (lead != NULL)
    {
      const char *routed;
      g_autofree char *assigned = format_time (lead->assigned_at);
      g_autofree char *deadline = format_time (lead->deadline);
      g_autofree char *touched = format_time (lead->first_touch_at);
      g_autofree char *ttft = format_duration (lead->ttft);
      g_autofree char *escalations = g_strdup_printf ("%u", lead->escalations);
      g_autofree char *reassignments = g_strdup_printf ("%u", lead->reassignments);
      g_autofree char *route = NULL;

      if (lead->fallback)
        routed = _("No rule matched: the fallback owner");
      else if (lead->rule >= 0)
        routed = rule_label (config, lead->rule);
      else
        routed = NULL;
      if (routed != NULL && lead->routed_rep >= 0)
        /* translators: how a lead was routed, then the rep it went to */
        route = g_strdup_printf (_("%s → %s"), routed, or_dash (rep_name (config, lead->routed_rep)));
      _lw_lead_inspector_add_fact (self, self->facts_group, _("Routing"), route != NULL ? route : routed);

      _lw_lead_inspector_add_fact (self, self->sla_group, _("Policy"), lw_lead_row_get_policy (row));
      _lw_lead_inspector_add_fact (self, self->sla_group, _("Assigned"), assigned);
      _lw_lead_inspector_add_fact (self, self->sla_group, _("First-touch deadline"), deadline);
      _lw_lead_inspector_add_fact (self, self->sla_group, _("First touch"), touched);
      _lw_lead_inspector_add_fact (self, self->sla_group, _("Time to first touch"), ttft);
      _lw_lead_inspector_add_fact (self, self->sla_group, _("Warned"), lead->warned ? _("Yes") : _("No"));
      _lw_lead_inspector_add_fact (self, self->sla_group, _("Breached"), lead->breached ? _("Yes") : _("No"));
      _lw_lead_inspector_add_fact (self, self->sla_group, _("Escalations"), escalations);
      _lw_lead_inspector_add_fact (self, self->sla_group, _("Reassignments"), reassignments);
    }
}

void
_lw_lead_inspector_show_timeline (LwLeadInspector *self,
                                  const LwConfig  *config,
                                  GArray          *events)
{
  if (events == NULL || events->len == 0)
    {
      _lw_lead_inspector_track_row (self, self->timeline_group,
                                    _lw_lead_inspector_make_row (_("No events recorded"), NULL));
      return;
    }
  for (guint i = 0; i < events->len; i++)
    {
      const LwEvent *event = &g_array_index (events, LwEvent, i);
      g_autofree char *text = describe_event (config, event);
      g_autofree char *when = format_time (event->t);
      g_autofree char *subtitle = NULL;
      GtkWidget *row;

      if (event->detail != NULL)
        /* translators: when an event happened, then its detail */
        subtitle = g_strdup_printf (_("%s · %s"), when, event->detail);
      row = _lw_lead_inspector_make_row (text, subtitle != NULL ? subtitle : when);
      _lw_lead_inspector_track_row (self, self->timeline_group, row);
    }
}
