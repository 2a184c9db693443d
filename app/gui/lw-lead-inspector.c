/* lw-lead-inspector.c: the story of one lead of a run
 *
 * The facts of the lead (its row and its stored record: scores, owner, SLA
 * checkpoints) and its recorded timeline show at once. The explanation
 * (the lead's properties, each score contribution, each routing rule tried)
 * needs the run replayed, which takes as long as the run: it loads on a
 * worker thread, through a store connection of its own, with a spinner.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */


#include "config.h"

#include <glib/gi18n.h>

#include "lw-config-json.h"
#include "lw-event.h"
#include "lw-lead-inspector.h"
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

  /* owned */
  GPtrArray           *rows;          /* (group, row) pairs to remove */
  GCancellable        *cancellable;
  LwConfig            *config;        /* the rule set of config_run */
  gint64               config_run;
  gint64               run;
  guint32              lead;
  gboolean             loading;
};

G_DEFINE_FINAL_TYPE (LwLeadInspector, lw_lead_inspector, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_LEAD,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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

/* A row whose value is on the right, for the facts. */
static void
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

/* ---- GObject ---------------------------------------------------------------- */

static void
lw_lead_inspector_dispose (GObject *object)
{
  LwLeadInspector *self = LW_LEAD_INSPECTOR (object);

  g_cancellable_cancel (self->cancellable);
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
  g_clear_pointer (&self->config, lw_config_unref);
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
  g_object_class_install_properties (object_class, N_PROPS, properties);

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
  if (id == self->lead && run == self->run)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  set_loading (self, FALSE);
  clear_rows (self);
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
