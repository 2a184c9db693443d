/* lw-lead-inspector.c: the story of one lead, of a run or live
 *
 * For a lead of a run, the facts of the lead (its row and its stored record: scores, owner, SLA
 * checkpoints) and its recorded timeline show at once. The explanation
 * (the lead's properties, each score contribution, each routing rule tried)
 * needs the run replayed, which takes as long as the run: it loads on a
 * worker thread, through a store connection of its own, with a spinner.
 *
 * A live lead's story (lw-live-view.h) is read and told on a worker thread
 * too, at the wall clock's now; logging a touch writes through the engine
 * on a worker thread, then the story is read again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */


#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "lw-config-json.h"
#include "lw-event.h"
#include "lw-lead-inspector.h"
#include "lw-live-alerts.h"
#include "lw-live-view.h"
#include "lw-scenario.h"
#include "lw-simulator.h"

struct _LwLeadInspector
{
  GtkWidget            parent_instance;

  /* children */
  GtkStack            *stack;
  GtkLabel            *title;
  GtkLabel            *subtitle;
  AdwPreferencesGroup *facts_group;
  AdwPreferencesGroup *sla_group;
  AdwPreferencesGroup *timeline_group;
  AdwPreferencesGroup *explain_group;
  GtkSpinner          *spinner;
  GtkWidget           *log_button;
  GtkPopover          *touch_popover;
  GtkToggleButton     *touch_kinds[LW_N_TOUCH_KINDS];
  GtkEditable         *touch_time;
  GtkEditable         *touch_note;
  GtkLabel            *touch_error;

  /* owned */
  GPtrArray           *rows;          /* (group, row) pairs to remove */
  GCancellable        *cancellable;
  LwConfig            *config;        /* the rule set of config_run */
  gint64               config_run;
  gint64               run;
  guint32              lead;
  gboolean             loading;

  /* a live lead */
  gint64               live_id;
  LwStore             *live_store;
  char                *live_path;
  LwConfig            *live_config;
  char                *live_owner;    /* rep id, for the touches logged here */
  GCancellable        *touch_cancellable;
};

G_DEFINE_FINAL_TYPE (LwLeadInspector, lw_lead_inspector, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_LEAD,
  PROP_LOADING,
  PROP_LIVE_LEAD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  TOUCH_LOGGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  char    *path;
  gint64   run;
  guint32  lead;
} ExplainData;

static void
explain_data_free (ExplainData *data)
{
  g_free (data->path);
  g_free (data);
}

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
or_dash (const char *text)
{
  return text != NULL && *text != '\0' ? text : "—";
}

static void
clear_rows (LwLeadInspector *self)
{
  for (guint i = 0; i + 1 < self->rows->len; i += 2)
    adw_preferences_group_remove (g_ptr_array_index (self->rows, i),
                                  g_ptr_array_index (self->rows, i + 1));
  g_ptr_array_set_size (self->rows, 0);
}

static void
track_row (LwLeadInspector     *self,
           AdwPreferencesGroup *group,
           GtkWidget           *row)
{
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->rows, group);
  g_ptr_array_add (self->rows, row);
}

static GtkWidget *
make_row (const char *title,
          const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  return row;
}

/* A row whose value is on the right, for the facts; returns the value's
 * label. */
static GtkWidget *
add_fact (LwLeadInspector     *self,
          AdwPreferencesGroup *group,
          const char          *title,
          const char          *value)
{
  GtkWidget *row = make_row (title, NULL);
  GtkWidget *label = gtk_label_new (or_dash (value));

  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (label), 1.0);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (row, "lw-fact");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  track_row (self, group, row);
  return label;
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

static void
set_loading (LwLeadInspector *self,
             gboolean         loading)
{
  if (self->loading == loading)
    return;
  self->loading = loading;
  gtk_spinner_set_spinning (self->spinner, loading);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), loading);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/* The rule set run @run was made with, or NULL. */
static const LwConfig *
run_config (LwLeadInspector *self,
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

static void
explain_thread (GTask        *task,
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
                                  make_row (g_ptr_array_index (story->properties, i), NULL));
      track_row (self, self->explain_group, expander);
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
          GtkWidget *row = make_row (g_ptr_array_index (entry->details, j), NULL);

          adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
          adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
        }
      track_row (self, self->explain_group, expander);
      shown++;
    }

  if (shown == 0)
    track_row (self, self->explain_group, make_row (_("Nothing more to explain"), NULL));
}

static void
explain_done (GObject      *source,
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
  set_loading (self, FALSE);
  if (story == NULL)
    {
      GtkWidget *row = make_row (_("The explanation could not be loaded"), error->message);

      gtk_widget_add_css_class (row, "error");
      track_row (self, self->explain_group, row);
      return;
    }
  show_story (self, story);
}

/* ---- the lead --------------------------------------------------------------------- */

static void
show_facts (LwLeadInspector    *self,
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

  add_fact (self, self->facts_group, _("Name"), lw_lead_row_get_name (row));
  add_fact (self, self->facts_group, _("Company"), lw_lead_row_get_company (row));
  add_fact (self, self->facts_group, _("Source"), lw_lead_row_get_source (row));
  add_fact (self, self->facts_group, _("Created"), created);
  add_fact (self, self->facts_group, _("Stage"), lw_lead_row_get_stage (row));
  add_fact (self, self->facts_group, _("Status"), lw_lead_row_get_status (row));
  add_fact (self, self->facts_group, _("Owner"), lw_lead_row_get_owner (row));
  add_fact (self, self->facts_group, _("Fit score"), fit);
  add_fact (self, self->facts_group, _("Engagement score"), engagement);
  add_fact (self, self->facts_group, _("Total score"), score);

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
      add_fact (self, self->facts_group, _("Routing"), route != NULL ? route : routed);

      add_fact (self, self->sla_group, _("Policy"), lw_lead_row_get_policy (row));
      add_fact (self, self->sla_group, _("Assigned"), assigned);
      add_fact (self, self->sla_group, _("First-touch deadline"), deadline);
      add_fact (self, self->sla_group, _("First touch"), touched);
      add_fact (self, self->sla_group, _("Time to first touch"), ttft);
      add_fact (self, self->sla_group, _("Warned"), lead->warned ? _("Yes") : _("No"));
      add_fact (self, self->sla_group, _("Breached"), lead->breached ? _("Yes") : _("No"));
      add_fact (self, self->sla_group, _("Escalations"), escalations);
      add_fact (self, self->sla_group, _("Reassignments"), reassignments);
    }
}

static void
show_timeline (LwLeadInspector *self,
               const LwConfig  *config,
               GArray          *events)
{
  if (events == NULL || events->len == 0)
    {
      track_row (self, self->timeline_group, make_row (_("No events recorded"), NULL));
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
      row = make_row (text, subtitle != NULL ? subtitle : when);
      track_row (self, self->timeline_group, row);
    }
}

/* ---- a live lead --------------------------------------------------------------- */

/* A real lead's times read in this computer's time zone. */
static char *
format_local_time (LwTime t)
{
  g_autoptr(GDateTime) dt = NULL;

  if (t <= 0 || t == G_MAXINT64)
    return g_strdup ("—");
  dt = g_date_time_new_from_unix_local (t);
  if (dt == NULL)
    return g_strdup ("—");
  /* translators: a date and time, see g_date_time_format() */
  return g_date_time_format (dt, _("%Y-%m-%d %H:%M"));
}

static char *
format_minutes (gint64 seconds)
{
  gint64 minutes = (ABS (seconds) + 59) / 60;

  if (minutes < 60)
    /* translators: a duration in minutes */
    return g_strdup_printf (_("%d min"), (int) minutes);
  if (minutes < 24 * 60)
    /* translators: a duration in hours and minutes */
    return g_strdup_printf (_("%d h %02d min"), (int) (minutes / 60), (int) (minutes % 60));
  /* translators: a duration in days and hours */
  return g_strdup_printf (_("%d d %d h"), (int) (minutes / (24 * 60)), (int) (minutes % (24 * 60) / 60));
}

/* "Running, 12 min left" */
static char *
describe_clock (const LwLiveClock *clock)
{
  g_autofree char *span = format_minutes (clock->left);

  switch (clock->state)
    {
    case LW_LIVE_RUNNING:
      /* translators: %s is a duration ("12 min") */
      return g_strdup_printf (_("Running, %s left"), span);
    case LW_LIVE_PAUSED:
      /* translators: %s is a duration ("12 min") */
      return g_strdup_printf (_("Paused, %s left"), span);
    case LW_LIVE_OVERDUE:
      /* translators: %s is a duration ("12 min") */
      return g_strdup_printf (_("Overdue by %s"), span);
    case LW_LIVE_MET:
      return g_strdup (_("Met: touched in time"));
    case LW_LIVE_LATE:
      return g_strdup (_("Missed: touched after the deadline"));
    case LW_LIVE_NO_CLOCK:
    default:
      return g_strdup (_("No SLA clock"));
    }
}

static void
show_live_story (LwLeadInspector   *self,
                 const LwLiveStory *story)
{
  const LwLiveLead *lead = story->lead;
  const LwConfig *config = story->config;
  const LwRep *owner = lead->owner != NULL ? lw_config_find_rep (config, lead->owner) : NULL;
  g_autofree char *created = format_local_time (lead->created_at);
  g_autofree char *assigned = format_local_time (lead->assigned_at);
  g_autofree char *warn_at = format_local_time (story->clock.warned || story->clock.state == LW_LIVE_RUNNING
                                                ? story->clock.warn_at : 0);
  g_autofree char *deadline = format_local_time (story->clock.state == LW_LIVE_NO_CLOCK ? 0 : story->clock.deadline);
  g_autofree char *touched = format_local_time (lead->first_touch_at);
  g_autofree char *clock = describe_clock (&story->clock);
  g_autofree char *fit = g_strdup_printf ("%.0f", story->score.fit);
  g_autofree char *engagement = g_strdup_printf ("%.0f", story->score.engagement);
  g_autofree char *score = NULL;
  g_autofree char *escalations = g_strdup_printf ("%u", story->clock.escalations);
  g_autofree char *reassignments = g_strdup_printf ("%u", story->clock.reassignments);
  GtkWidget *row;

  clear_rows (self);
  g_free (self->live_owner);
  self->live_owner = owner != NULL ? g_strdup (owner->id) : NULL;

  gtk_label_set_label (self->title, story->name);
  gtk_label_set_label (self->subtitle, or_dash (story->email != NULL ? story->email : story->company));

  if (story->score.grade[0] != '\0')
    /* translators: a lead's total score, then its grade ("A") */
    score = g_strdup_printf (_("%.0f, grade %s"), story->score.total, story->score.grade);
  else
    score = g_strdup_printf ("%.0f", story->score.total);

  add_fact (self, self->facts_group, _("Company"), story->company);
  add_fact (self, self->facts_group, _("Email"), story->email);
  add_fact (self, self->facts_group, _("Source"), story->source);
  add_fact (self, self->facts_group, _("Created"), created);
  add_fact (self, self->facts_group, _("Stage"), story->stage);
  add_fact (self, self->facts_group, _("Status"), story->status);
  add_fact (self, self->facts_group, _("Owner"), owner != NULL ? owner->name : lead->owner);
  add_fact (self, self->facts_group, _("Fit score"), fit);
  add_fact (self, self->facts_group, _("Engagement score"), engagement);
  add_fact (self, self->facts_group, _("Total score"), score);
  if (lead->external_id != NULL)
    add_fact (self, self->facts_group, _("CRM id"), lead->external_id);

  row = add_fact (self, self->sla_group, _("Clock"), clock);
  if (story->clock.state == LW_LIVE_OVERDUE || story->clock.state == LW_LIVE_LATE)
    {
      gtk_widget_remove_css_class (row, "dim-label");
      gtk_widget_add_css_class (row, "error");
    }
  add_fact (self, self->sla_group, _("Policy"), story->clock.policy != NULL ? story->clock.policy->label : NULL);
  add_fact (self, self->sla_group, _("Assigned"), assigned);
  add_fact (self, self->sla_group, _("Warning"), warn_at);
  add_fact (self, self->sla_group, _("First-touch deadline"), deadline);
  add_fact (self, self->sla_group, _("First touch"), touched);
  add_fact (self, self->sla_group, _("Escalations"), escalations);
  add_fact (self, self->sla_group, _("Reassignments"), reassignments);

  for (guint i = 0; i < story->timeline->len; i++)
    {
      const LwLiveStoryEntry *entry = g_ptr_array_index (story->timeline, i);
      g_autofree char *when = format_local_time (entry->at);
      g_autofree char *subtitle = NULL;

      if (entry->detail != NULL)
        /* translators: when an event happened, then its detail */
        subtitle = g_strdup_printf (_("%s · %s"), when, entry->detail);
      track_row (self, self->timeline_group, make_row (entry->text, subtitle != NULL ? subtitle : when));
    }

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
                                  make_row (g_ptr_array_index (story->properties, i), NULL));
      track_row (self, self->explain_group, expander);
    }
  for (guint i = 0; story->score.items != NULL && i < story->score.items->len; i++)
    {
      const LwScoreItem *item = g_ptr_array_index (story->score.items, i);
      g_autofree char *points = NULL;
      GtkWidget *label;

      if (!item->matched)
        continue;
      row = make_row (item->criterion->label, item->why);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      points = g_strdup_printf ("%+.0f", item->points);
      label = gtk_label_new (points);
      gtk_widget_add_css_class (label, "numeric");
      gtk_widget_add_css_class (label, "dim-label");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
      track_row (self, self->explain_group, row);
    }

  /* Only an untouched lead on a clock waits for its first touch; later
   * touches are logged all the same. */
  gtk_widget_set_visible (self->log_button, TRUE);
  gtk_stack_set_visible_child_name (self->stack, "lead");
}

typedef struct
{
  char        *path;
  LwStore     *store;
  LwConfig    *config;
  gint64       id;
  LwTime       now;
  /* a touch */
  LwTouchKind  kind;
  LwTime       at;
  char        *rep;
  char        *note;
} LiveData;

static void
live_data_free (LiveData *data)
{
  g_free (data->path);
  g_clear_pointer (&data->store, lw_store_unref);
  g_clear_pointer (&data->config, lw_config_unref);
  g_free (data->rep);
  g_free (data->note);
  g_free (data);
}

static LiveData *
live_data_new (LwLeadInspector *self)
{
  LiveData *data = g_new0 (LiveData, 1);

  data->path = g_strdup (self->live_path);
  data->store = self->live_path == NULL && self->live_store != NULL ? lw_store_ref (self->live_store) : NULL;
  data->config = lw_config_ref (self->live_config);
  data->id = self->live_id;
  data->now = lw_wall_clock_now ();
  return data;
}

static LwStore *
live_data_open (LiveData  *data,
                GError   **error)
{
  if (data->path != NULL)
    return lw_store_open (data->path, error);
  return lw_store_ref (data->store);
}

static void
story_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  LiveData *data = task_data;
  g_autoptr(LwStore) store = NULL;
  LwLiveStory *story;
  GError *error = NULL;

  store = live_data_open (data, &error);
  story = store != NULL ? lw_live_story_load (store, data->config, data->id, data->now, &error) : NULL;
  if (story == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, story, (GDestroyNotify) lw_live_story_free);
}

static void
story_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  LwLeadInspector *self = LW_LEAD_INSPECTOR (source);
  g_autoptr(LwLiveStory) story = NULL;
  g_autoptr(GError) error = NULL;

  story = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_loading (self, FALSE);
  if (story == NULL)
    {
      GtkWidget *row = make_row (_("The lead could not be read"), error->message);

      clear_rows (self);
      gtk_label_set_label (self->title, _("Live Lead"));
      gtk_label_set_label (self->subtitle, "—");
      gtk_widget_add_css_class (row, "error");
      track_row (self, self->facts_group, row);
      gtk_widget_set_visible (self->log_button, FALSE);
      gtk_stack_set_visible_child_name (self->stack, "lead");
      return;
    }
  show_live_story (self, story);
}

static void
load_live_story (LwLeadInspector *self)
{
  g_autoptr(GTask) task = NULL;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  task = g_task_new (self, self->cancellable, story_done, NULL);
  g_task_set_source_tag (task, load_live_story);
  g_task_set_task_data (task, live_data_new (self), (GDestroyNotify) live_data_free);
  set_loading (self, TRUE);
  g_task_run_in_thread (task, story_thread);
}

static void
touch_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  LiveData *data = task_data;
  g_autoptr(LwStore) store = NULL;
  GError *error = NULL;

  store = live_data_open (data, &error);
  if (store == NULL ||
      !lw_live_log_touch (store, data->config, data->id, data->kind, data->at, data->rep, data->note,
                          data->now, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
touch_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  LwLeadInspector *self = LW_LEAD_INSPECTOR (source);
  LiveData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      set_loading (self, FALSE);
      gtk_label_set_label (self->touch_error, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->touch_error), TRUE);
      return;
    }
  set_loading (self, FALSE);
  gtk_popover_popdown (self->touch_popover);
  gtk_editable_set_text (self->touch_note, "");
  g_signal_emit (self, signals[TOUCH_LOGGED], 0, data->id);
  if (self->live_id == data->id)
    load_live_story (self);
}

void
lw_lead_inspector_log_touch (LwLeadInspector *self,
                             LwTouchKind      kind,
                             LwTime           at,
                             const char      *note)
{
  g_autoptr(GTask) task = NULL;
  LiveData *data;

  g_return_if_fail (LW_IS_LEAD_INSPECTOR (self));
  g_return_if_fail (kind < LW_N_TOUCH_KINDS);
  g_return_if_fail (self->live_id != 0);

  g_cancellable_cancel (self->touch_cancellable);
  g_clear_object (&self->touch_cancellable);
  self->touch_cancellable = g_cancellable_new ();

  data = live_data_new (self);
  data->kind = kind;
  data->at = at;
  data->rep = g_strdup (self->live_owner);
  data->note = g_strdup (note);
  gtk_widget_set_visible (GTK_WIDGET (self->touch_error), FALSE);
  task = g_task_new (self, self->touch_cancellable, touch_done, NULL);
  g_task_set_source_tag (task, lw_lead_inspector_log_touch);
  g_task_set_task_data (task, data, (GDestroyNotify) live_data_free);
  set_loading (self, TRUE);
  g_task_run_in_thread (task, touch_thread);
}

/* "2026-03-16 09:40" in this computer's time zone. */
static gboolean
parse_local_time (const char *text,
                  LwTime     *out)
{
  g_autoptr(GDateTime) dt = NULL;
  int y, mo, d, h, mi;
  char tail;

  if (sscanf (text, " %d-%d-%d %d:%d %c", &y, &mo, &d, &h, &mi, &tail) != 5)
    return FALSE;
  if (y < 1970 || y > 9999 || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 23 || mi < 0 || mi > 59)
    return FALSE;
  dt = g_date_time_new_local (y, mo, d, h, mi, 0);
  if (dt == NULL)
    return FALSE;
  *out = g_date_time_to_unix (dt);
  return TRUE;
}

/* What the touch-time entry shows and parse_local_time() reads: the same
 * in every language. */
static char *
format_entry_time (LwTime t)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (t);

  return dt != NULL ? g_date_time_format (dt, "%Y-%m-%d %H:%M") : g_strdup ("");
}

static void
touch_popover_shown_cb (LwLeadInspector *self)
{
  g_autofree char *now = format_entry_time (lw_wall_clock_now ());

  gtk_editable_set_text (self->touch_time, now);
  gtk_widget_set_visible (GTK_WIDGET (self->touch_error), FALSE);
}

static void
touch_submit_cb (LwLeadInspector *self)
{
  LwTouchKind kind = LW_TOUCH_CALL;
  LwTime at;

  for (guint i = 0; i < LW_N_TOUCH_KINDS; i++)
    if (gtk_toggle_button_get_active (self->touch_kinds[i]))
      kind = (LwTouchKind) i;
  if (!parse_local_time (gtk_editable_get_text (self->touch_time), &at))
    {
      g_autofree char *example = format_entry_time (lw_wall_clock_now ());
      /* translators: %s is an example date and time */
      g_autofree char *message = g_strdup_printf (_("Enter the time as %s"), example);

      gtk_label_set_label (self->touch_error, message);
      gtk_widget_set_visible (GTK_WIDGET (self->touch_error), TRUE);
      return;
    }
  lw_lead_inspector_log_touch (self, kind, at, gtk_editable_get_text (self->touch_note));
}

static GtkWidget *
build_touch_popover (LwLeadInspector *self)
{
  static const char *kinds[LW_N_TOUCH_KINDS] = { N_("_Call"), N_("_Email"), N_("_Meeting") };
  static const char *names[LW_N_TOUCH_KINDS] = { "touch-call", "touch-email", "touch-meeting" };
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *linked = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *heading = gtk_label_new (_("Log a Touch"));
  GtkWidget *when = gtk_label_new_with_mnemonic (_("_When"));
  GtkWidget *time_entry = gtk_entry_new ();
  GtkWidget *note_entry = gtk_entry_new ();
  GtkWidget *submit = gtk_button_new_with_mnemonic (_("_Log Touch"));
  GtkWidget *error = gtk_label_new (NULL);
  GtkWidget *popover = gtk_popover_new ();

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_box_append (GTK_BOX (box), heading);

  gtk_widget_add_css_class (linked, "linked");
  gtk_widget_set_halign (linked, GTK_ALIGN_FILL);
  for (guint i = 0; i < LW_N_TOUCH_KINDS; i++)
    {
      GtkWidget *toggle = gtk_toggle_button_new_with_mnemonic (_(kinds[i]));

      gtk_widget_set_hexpand (toggle, TRUE);
      gtk_widget_set_name (toggle, names[i]);
      if (i > 0)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (toggle), self->touch_kinds[0]);
      self->touch_kinds[i] = GTK_TOGGLE_BUTTON (toggle);
      gtk_box_append (GTK_BOX (linked), toggle);
    }
  gtk_toggle_button_set_active (self->touch_kinds[LW_TOUCH_CALL], TRUE);
  gtk_box_append (GTK_BOX (box), linked);

  gtk_label_set_xalign (GTK_LABEL (when), 0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (when), time_entry);
  gtk_widget_add_css_class (when, "dim-label");
  gtk_widget_set_name (time_entry, "touch-time");
  gtk_editable_set_width_chars (GTK_EDITABLE (time_entry), 18);
  gtk_entry_set_activates_default (GTK_ENTRY (time_entry), TRUE);
  gtk_widget_set_name (note_entry, "touch-note");
  gtk_entry_set_placeholder_text (GTK_ENTRY (note_entry), _("Note (optional)"));
  gtk_entry_set_activates_default (GTK_ENTRY (note_entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (note_entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Note"), -1);
  gtk_box_append (GTK_BOX (box), when);
  gtk_box_append (GTK_BOX (box), time_entry);
  gtk_box_append (GTK_BOX (box), note_entry);

  gtk_label_set_wrap (GTK_LABEL (error), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (error), 30);
  gtk_label_set_xalign (GTK_LABEL (error), 0);
  gtk_widget_add_css_class (error, "error");
  gtk_widget_set_visible (error, FALSE);
  gtk_box_append (GTK_BOX (box), error);

  gtk_widget_set_name (submit, "touch-submit");
  gtk_widget_add_css_class (submit, "suggested-action");
  g_signal_connect_swapped (submit, "clicked", G_CALLBACK (touch_submit_cb), self);
  gtk_box_append (GTK_BOX (box), submit);

  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_popover_set_default_widget (GTK_POPOVER (popover), submit);
  g_signal_connect_swapped (popover, "show", G_CALLBACK (touch_popover_shown_cb), self);

  self->touch_popover = GTK_POPOVER (popover);
  self->touch_time = GTK_EDITABLE (time_entry);
  self->touch_note = GTK_EDITABLE (note_entry);
  self->touch_error = GTK_LABEL (error);
  return popover;
}

/* ---- GObject ---------------------------------------------------------------- */

static void
lw_lead_inspector_dispose (GObject *object)
{
  LwLeadInspector *self = LW_LEAD_INSPECTOR (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->touch_cancellable);
  if (self->stack != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->stack));
      self->stack = NULL;
    }
  G_OBJECT_CLASS (lw_lead_inspector_parent_class)->dispose (object);
}

static void
lw_lead_inspector_finalize (GObject *object)
{
  LwLeadInspector *self = LW_LEAD_INSPECTOR (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->touch_cancellable);
  g_clear_pointer (&self->config, lw_config_unref);
  g_clear_pointer (&self->live_store, lw_store_unref);
  g_clear_pointer (&self->live_config, lw_config_unref);
  g_free (self->live_path);
  g_free (self->live_owner);
  g_ptr_array_unref (self->rows);
  G_OBJECT_CLASS (lw_lead_inspector_parent_class)->finalize (object);
}

static void
lw_lead_inspector_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  LwLeadInspector *self = LW_LEAD_INSPECTOR (object);

  switch (prop_id)
    {
    case PROP_LEAD:
      g_value_set_uint (value, self->lead);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    case PROP_LIVE_LEAD:
      g_value_set_int64 (value, self->live_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lw_lead_inspector_class_init (LwLeadInspectorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lw_lead_inspector_dispose;
  object_class->finalize = lw_lead_inspector_finalize;
  object_class->get_property = lw_lead_inspector_get_property;

  properties[PROP_LEAD] =
    g_param_spec_uint ("lead", NULL, NULL, 0, G_MAXUINT32, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_LIVE_LEAD] =
    g_param_spec_int64 ("live-lead", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A touch of live lead @id was written. */
  signals[TOUCH_LOGGED] = g_signal_new ("touch-logged", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "lw-lead-inspector");
}

static void
lw_lead_inspector_init (LwLeadInspector *self)
{
  GtkWidget *empty, *scrolled, *clamp, *box, *header, *titles;

  self->rows = g_ptr_array_new ();

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_parent (GTK_WIDGET (self->stack), GTK_WIDGET (self));

  empty = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), "avatar-default-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (empty), _("No Lead Selected"));
  adw_status_page_set_description (ADW_STATUS_PAGE (empty), _("Select a lead to see its story"));
  gtk_widget_add_css_class (empty, "compact");
  gtk_stack_add_named (self->stack, empty, "empty");

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  titles = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  gtk_widget_set_hexpand (titles, TRUE);
  self->title = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->title, 0.0);
  gtk_label_set_selectable (self->title, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->title), "title-2");
  self->subtitle = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->subtitle, 0.0);
  gtk_label_set_selectable (self->subtitle, TRUE);
  gtk_label_set_ellipsize (self->subtitle, PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_add_css_class (GTK_WIDGET (self->subtitle), "dim-label");
  gtk_box_append (GTK_BOX (titles), GTK_WIDGET (self->title));
  gtk_box_append (GTK_BOX (titles), GTK_WIDGET (self->subtitle));
  gtk_box_append (GTK_BOX (header), titles);
  self->log_button = gtk_menu_button_new ();
  gtk_menu_button_set_label (GTK_MENU_BUTTON (self->log_button), _("Log _Touch"));
  gtk_menu_button_set_use_underline (GTK_MENU_BUTTON (self->log_button), TRUE);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (self->log_button), build_touch_popover (self));
  gtk_widget_set_name (self->log_button, "log-touch");
  gtk_widget_set_valign (self->log_button, GTK_ALIGN_START);
  gtk_widget_set_tooltip_text (self->log_button, _("Log a call, an email or a meeting: the first one stops the SLA clock"));
  gtk_widget_set_visible (self->log_button, FALSE);
  gtk_box_append (GTK_BOX (header), self->log_button);
  gtk_box_append (GTK_BOX (box), header);

  self->facts_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->facts_group, _("Facts"));
  self->sla_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->sla_group, _("SLA Checkpoints"));
  self->timeline_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->timeline_group, _("Timeline"));
  self->explain_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->explain_group, _("Explanation"));
  adw_preferences_group_set_description (self->explain_group,
                                         _("Score contributions, routing rules tried and SLA checkpoints, retraced from the run"));
  self->spinner = GTK_SPINNER (gtk_spinner_new ());
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->spinner), _("Retracing the run…"));
  adw_preferences_group_set_header_suffix (self->explain_group, GTK_WIDGET (self->spinner));

  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->facts_group));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->sla_group));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->timeline_group));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->explain_group));

  clamp = adw_clamp_new ();
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 600);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_stack_add_named (self->stack, scrolled, "lead");
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

/* ---- public --------------------------------------------------------------------- */

GtkWidget *
lw_lead_inspector_new (void)
{
  return g_object_new (LW_TYPE_LEAD_INSPECTOR, NULL);
}

void
lw_lead_inspector_show_lead (LwLeadInspector *self,
                             LwStore         *store,
                             const char      *store_path,
                             gint64           run,
                             LwLeadRow       *row)
{
  g_autoptr(LwStoredLead) lead = NULL;
  g_autoptr(GArray) events = NULL;
  g_autoptr(GTask) task = NULL;
  g_autofree char *title = NULL;
  const LwConfig *config;
  ExplainData *data;
  guint32 id;

  g_return_if_fail (LW_IS_LEAD_INSPECTOR (self));
  g_return_if_fail (row == NULL || LW_IS_LEAD_ROW (row));
  g_return_if_fail (row == NULL || store != NULL);

  id = row != NULL ? lw_lead_row_get_id (row) : 0;
  if (self->live_id == 0 && id == self->lead && run == self->run)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  set_loading (self, FALSE);
  clear_rows (self);
  adw_preferences_group_set_title (self->sla_group, _("SLA Checkpoints"));
  adw_preferences_group_set_description (self->explain_group,
                                         _("Score contributions, routing rules tried and SLA checkpoints, retraced from the run"));
  gtk_widget_set_visible (self->log_button, FALSE);
  if (self->live_id != 0)
    {
      self->live_id = 0;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIVE_LEAD]);
    }
  self->lead = id;
  self->run = run;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LEAD]);

  if (row == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  /* translators: %u is a lead's id */
  title = g_strdup_printf (_("Lead %u"), id);
  gtk_label_set_label (self->title, title);
  gtk_label_set_label (self->subtitle, or_dash (lw_lead_row_get_email (row)));

  config = run_config (self, store, run);
  lead = lw_store_get_lead (store, run, id, NULL);
  events = lw_store_get_lead_events (store, run, id, NULL);
  show_facts (self, config, row, lead);
  show_timeline (self, config, events);
  gtk_stack_set_visible_child_name (self->stack, "lead");

  if (store_path == NULL)
    return;
  self->cancellable = g_cancellable_new ();
  data = g_new0 (ExplainData, 1);
  data->path = g_strdup (store_path);
  data->run = run;
  data->lead = id;
  task = g_task_new (self, self->cancellable, explain_done, NULL);
  g_task_set_source_tag (task, lw_lead_inspector_show_lead);
  g_task_set_task_data (task, data, (GDestroyNotify) explain_data_free);
  set_loading (self, TRUE);
  g_task_run_in_thread (task, explain_thread);
}

guint32
lw_lead_inspector_get_lead (LwLeadInspector *self)
{
  g_return_val_if_fail (LW_IS_LEAD_INSPECTOR (self), 0);

  return self->lead;
}

gboolean
lw_lead_inspector_get_loading (LwLeadInspector *self)
{
  g_return_val_if_fail (LW_IS_LEAD_INSPECTOR (self), FALSE);

  return self->loading;
}

void
lw_lead_inspector_show_live_lead (LwLeadInspector *self,
                                  LwStore         *store,
                                  const char      *store_path,
                                  LwConfig        *config,
                                  gint64           id)
{
  gboolean changed;

  g_return_if_fail (LW_IS_LEAD_INSPECTOR (self));
  g_return_if_fail (id >= 0);
  g_return_if_fail (id == 0 || config != NULL);
  g_return_if_fail (id == 0 || store != NULL || store_path != NULL);

  changed = id != self->live_id;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  set_loading (self, FALSE);
  if (changed)
    clear_rows (self);
  if (self->lead != 0 || self->run != 0)
    {
      self->lead = 0;
      self->run = 0;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LEAD]);
    }
  self->live_id = id;
  if (store != NULL)
    store = lw_store_ref (store);
  g_clear_pointer (&self->live_store, lw_store_unref);
  self->live_store = store;
  g_free (self->live_path);
  self->live_path = g_strdup (store_path);
  if (config != NULL)
    lw_config_ref (config);
  g_clear_pointer (&self->live_config, lw_config_unref);
  self->live_config = config;
  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIVE_LEAD]);

  if (id == 0)
    {
      gtk_widget_set_visible (self->log_button, FALSE);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  adw_preferences_group_set_title (self->sla_group, _("First-Touch SLA"));
  adw_preferences_group_set_description (self->explain_group, _("Score contributions at this moment"));
  load_live_story (self);
}

gint64
lw_lead_inspector_get_live_lead (LwLeadInspector *self)
{
  g_return_val_if_fail (LW_IS_LEAD_INSPECTOR (self), 0);

  return self->live_id;
}
