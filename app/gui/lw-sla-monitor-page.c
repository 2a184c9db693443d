/* lw-sla-monitor-page.c: SLA compliance of a simulation run, the alerts
 * recorded and the first-touch clocks still open
 *
 * Everything shown is queried on a worker thread with its own connection
 * to the workspace file: when the page is shown, when another run or
 * policy is picked, every 30 seconds while it shows (the clocks count
 * down), and while a simulation run writes (LwWorkspace::run-progress), by
 * an LwViewQuery. At most one query runs at a time: one asked for
 * meanwhile runs once it is over, so a busy run redraws the page once per
 * query. Out of sight, nothing runs.
 *
 * A filter (a summary alert's "Open SLA monitor": "12 leads breached their
 * SLA in EMEA") narrows the alerts and the clocks to those leads until
 * Show All.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "lw-sla-monitor-page.h"

#include "lw-bar-chart.h"
#include "lw-chart-export.h"
#include "lw-histogram-chart.h"
#include "lw-live-alerts.h"
#include "lw-live-view.h"
#include "lw-page.h"
#include "lw-table-export.h"
#include "lw-view-query.h"
#include "lw-window.h"

/* How many alerts and clocks the page lists. */
#define MAX_ALERTS      200
#define MAX_TIMERS      50
#define MAX_RUN_TIMERS  10
/* A big run may have many clocks open: more than this read as "1,000+". */
#define RUN_TIMERS_READ 1000
/* How often the clocks are read again while the page shows. */
#define REFRESH_SECONDS 30

/* The histogram's bucket edges in seconds, the deadline put in among them. */
static const gint64 edge_ladder[] = {
  5 * 60, 10 * 60, 15 * 60, 30 * 60, 3600, 2 * 3600, 4 * 3600, 8 * 3600,
  24 * 3600, 2 * 24 * 3600, 4 * 24 * 3600,
};
#define N_EDGES_MAX (G_N_ELEMENTS (edge_ladder) + 1)

struct _LwSlaMonitorPage
{
  GtkWidget parent_instance;

  LwWorkspace   *workspace;
  LwViewQuery   *query;        /* the figures' queries */
  LwSlaFigures  *figures;
  GArray        *run_ids;      /* gint64 per run row item; 0 = the latest */
  gboolean       updating;
  guint          timer;
  GPtrArray     *alerts;       /* LwAlertRecord shown, newest first */
  GPtrArray     *live_timers;  /* LwLiveTimer shown */
  GPtrArray     *run_timers;   /* LwLiveTimer shown, of the running run */
  GHashTable    *filter;       /* "run:lead" -> TRUE; NULL: no filter */
  char          *filter_title;

  GtkWidget     *alerts_group;
  GtkWidget     *filter_row;
  GtkWidget     *alerts_list;
  GtkWidget     *alerts_empty;
  GtkWidget     *live_group;
  GtkWidget     *live_list;
  GtkWidget     *live_empty;
  GtkWidget     *run_group;
  GtkWidget     *run_timers_list;

  GtkWidget     *preferences_page;
  GtkWidget     *run_row;
  GtkStringList *run_list;
  GtkWidget     *policy_row;
  GtkStringList *policy_list;
  GtkWidget     *histogram;
  GtkWidget     *policy_chart;
  GtkWidget     *team_chart;
  GtkWidget     *rep_chart;
  GtkWidget     *leads_row;
  GtkWidget     *compliance_row;
  GtkWidget     *ttft_row;
  GtkWidget     *breaches_row;
  GtkWidget     *warnings_row;
  GtkWidget     *escalations_row;
  GtkWidget     *reassignments_row;
};

static void lw_sla_monitor_page_page_init (LwPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LwSlaMonitorPage, lw_sla_monitor_page, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (LW_TYPE_PAGE, lw_sla_monitor_page_page_init))

enum
{
  PROP_0,
  PROP_WORKSPACE,
  N_PROPS
};

enum
{
  UPDATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- the query ------------------------------------------------------------------------------ */

typedef struct
{
  LwConfig     *config;   /* the rules of the live leads; NULL: none valid */
  LwTime        now;
  gint64        run;
  gint64        edges[N_EDGES_MAX];
  guint         n_edges;
  gint64        deadline;
  GPtrArray    *runs;     /* LwRunInfo, finished and running ones */
  LwSlaFigures *figures;
  GPtrArray    *alerts;       /* LwAlertRecord, newest first */
  GPtrArray    *live_timers;  /* LwLiveTimer */
  GPtrArray    *run_timers;   /* LwLiveTimer of the newest running run; NULL: none */
  LwTime        run_at;       /* their simulated instant */
} Query;

static void
query_free (Query *query)
{
  g_clear_pointer (&query->config, lw_config_unref);
  g_clear_pointer (&query->runs, g_ptr_array_unref);
  g_clear_pointer (&query->figures, lw_sla_figures_free);
  g_clear_pointer (&query->alerts, g_ptr_array_unref);
  g_clear_pointer (&query->live_timers, g_ptr_array_unref);
  g_clear_pointer (&query->run_timers, g_ptr_array_unref);
  g_free (query);
}

/* On the worker thread. */
static gboolean
query_run (LwStore      *store,
           gpointer      data,
           GCancellable *cancellable,
           GError      **error)
{
  Query *query = data;
  g_autoptr(GPtrArray) runs = NULL;
  LwStoreFilter filter = LW_STORE_FILTER_INIT;
  gboolean any = FALSE;

  LwAlertFilter alert_filter = LW_ALERT_FILTER_INIT;
  gint64 running = 0;

  /* A rule set in memory, with no store: nothing recorded. */
  if (store == NULL)
    {
      query->runs = g_ptr_array_new_with_free_func ((GDestroyNotify) lw_run_info_free);
      query->alerts = g_ptr_array_new ();
      query->live_timers = g_ptr_array_new_with_free_func ((GDestroyNotify) lw_live_timer_free);
      return TRUE;
    }
  if ((runs = lw_store_list_runs (store, error)) == NULL)
    return FALSE;
  /* The runs that have figures: finished ones, and those going on (a
   * paced run's figures grow as it writes). "Latest" is the newest. */
  query->runs = g_ptr_array_new_with_free_func ((GDestroyNotify) lw_run_info_free);
  for (guint i = 0; i < runs->len; i++)
    {
      LwRunInfo *info = g_ptr_array_index (runs, i);

      if (info->status != LW_RUN_FINISHED && info->status != LW_RUN_RUNNING)
        continue;
      if (info->status == LW_RUN_RUNNING && running == 0)
        running = info->id;
      if (query->run == 0)
        query->run = info->id;
      any |= info->id == query->run;
      g_ptr_array_add (query->runs, g_ptr_array_steal_index (runs, i));
      i--;
    }
  if (any)
    {
      filter.run = query->run;
      query->figures = lw_store_query_sla (store, &filter, query->edges, query->n_edges, error);
      if (query->figures == NULL)
        return FALSE;
    }

  /* The alerts recorded, newest first; a filter looks among more. */
  alert_filter.limit = 2000;
  query->alerts = lw_store_list_alerts (store, &alert_filter, error);
  if (query->alerts == NULL)
    return FALSE;

  /* The clocks still open: of the live leads, and of the run going on. */
  if (query->config != NULL)
    {
      g_autoptr(GPtrArray) open = lw_store_list_live_leads (store, TRUE, error);

      if (open == NULL)
        return FALSE;
      query->live_timers = lw_live_view_open_timers (query->config, open, query->now, 0);
    }
  else
    query->live_timers = g_ptr_array_new_with_free_func ((GDestroyNotify) lw_live_timer_free);
  if (running != 0)
    {
      query->run_timers = lw_live_view_run_timers (store, running, RUN_TIMERS_READ, &query->run_at, error);
      if (query->run_timers == NULL)
        return FALSE;
    }
  return TRUE;
}

/* ---- showing -------------------------------------------------------------------------------- */

static char *
run_label (const LwRunInfo *info)
{
  g_autoptr(GDateTime) started = g_date_time_new_from_unix_local (info->started_at);
  g_autofree char *date = started != NULL ? g_date_time_format (started, "%x %X") : g_strdup ("");
  g_autofree char *leads = lw_format_count (info->leads);
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, info->id);

  if (info->status == LW_RUN_RUNNING)
    /* translators: a run going on, in the run dropdown: its number · when it started */
    return g_strdup_printf (_("Run %s · %s · running"), id, date);
  /* translators: a run in the run dropdown: its number · when it started · "20,000 leads" */
  return g_strdup_printf (ngettext ("Run %s · %s · %s lead", "Run %s · %s · %s leads",
                                    (gulong) MIN (info->leads, G_MAXULONG)),
                          id, date, leads);
}

static void
update_runs (LwSlaMonitorPage *self,
             GPtrArray        *runs)
{
  gint64 selected_id = 0;
  guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (self->run_row));
  guint new_selected = 0;
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);

  if (selected != GTK_INVALID_LIST_POSITION && selected < self->run_ids->len)
    selected_id = g_array_index (self->run_ids, gint64, selected);

  g_array_set_size (self->run_ids, 0);
  g_array_append_val (self->run_ids, (gint64) { 0 });
  g_ptr_array_add (labels, g_strdup (_("Latest run")));
  for (guint i = 0; i < runs->len; i++)
    {
      LwRunInfo *info = g_ptr_array_index (runs, i);

      if (info->id == selected_id)
        new_selected = self->run_ids->len;
      g_array_append_val (self->run_ids, info->id);
      g_ptr_array_add (labels, run_label (info));
    }
  g_ptr_array_add (labels, NULL);

  self->updating = TRUE;
  gtk_string_list_splice (self->run_list, 0, g_list_model_get_n_items (G_LIST_MODEL (self->run_list)),
                          (const char * const *) labels->pdata);
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->run_row), new_selected);
  self->updating = FALSE;
}

static void
update_policies (LwSlaMonitorPage *self)
{
  const LwConfig *config = lw_workspace_get_config (self->workspace);
  guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (self->policy_row));
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < config->policies->len; i++)
    {
      const LwSlaPolicy *policy = g_ptr_array_index (config->policies, i);

      g_ptr_array_add (labels, g_strdup (policy->label != NULL ? policy->label : policy->id));
    }
  if (labels->len == 0)
    g_ptr_array_add (labels, g_strdup (_("No SLA policy")));
  g_ptr_array_add (labels, NULL);

  self->updating = TRUE;
  gtk_string_list_splice (self->policy_list, 0, g_list_model_get_n_items (G_LIST_MODEL (self->policy_list)),
                          (const char * const *) labels->pdata);
  if (selected == GTK_INVALID_LIST_POSITION || selected >= config->policies->len)
    selected = 0;
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->policy_row), selected);
  gtk_widget_set_sensitive (self->policy_row, config->policies->len > 1);
  self->updating = FALSE;
}

static gint64
selected_deadline (LwSlaMonitorPage *self)
{
  const LwConfig *config = lw_workspace_get_config (self->workspace);
  guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (self->policy_row));
  const LwSlaPolicy *policy;

  if (selected == GTK_INVALID_LIST_POSITION || selected >= config->policies->len)
    return -1;
  policy = g_ptr_array_index (config->policies, selected);
  return (gint64) policy->deadline_minutes * 60;
}

static void
set_count (GtkWidget *row,
           guint64    count)
{
  g_autofree char *text = lw_format_count (count);

  gtk_label_set_text (GTK_LABEL (g_object_get_data (G_OBJECT (row), "value")), text);
}

static void
set_text (GtkWidget  *row,
          const char *text)
{
  gtk_label_set_text (GTK_LABEL (g_object_get_data (G_OBJECT (row), "value")), text);
}

static void
update_figures (LwSlaMonitorPage *self,
                const Query      *query)
{
  LwSlaFigures *figures = self->figures;
  g_autofree char *compliance = NULL;
  g_autofree char *ttft = NULL;

  if (figures == NULL)
    {
      lw_bar_chart_set_items (LW_BAR_CHART (self->policy_chart), NULL, 0);
      lw_bar_chart_set_items (LW_BAR_CHART (self->team_chart), NULL, 0);
      lw_bar_chart_set_items (LW_BAR_CHART (self->rep_chart), NULL, 0);
      lw_histogram_chart_set_buckets (LW_HISTOGRAM_CHART (self->histogram), NULL, 0, NULL, 0);
      set_text (self->leads_row, "–");
      set_text (self->compliance_row, "–");
      set_text (self->ttft_row, "–");
      set_text (self->breaches_row, "–");
      set_text (self->warnings_row, "–");
      set_text (self->escalations_row, "–");
      set_text (self->reassignments_row, "–");
      return;
    }

  lw_bar_chart_set_sla_groups (LW_BAR_CHART (self->policy_chart),
                               (const LwSlaGroup *) figures->by_policy->data, figures->by_policy->len);
  lw_bar_chart_set_sla_groups (LW_BAR_CHART (self->team_chart),
                               (const LwSlaGroup *) figures->by_team->data, figures->by_team->len);
  lw_bar_chart_set_sla_groups (LW_BAR_CHART (self->rep_chart),
                               (const LwSlaGroup *) figures->by_rep->data, figures->by_rep->len);
  lw_histogram_chart_set_figures (LW_HISTOGRAM_CHART (self->histogram), figures, query->edges, query->n_edges);
  lw_histogram_chart_set_deadline (LW_HISTOGRAM_CHART (self->histogram), query->deadline);

  set_count (self->leads_row, figures->with_policy);
  compliance = figures->total.compliance >= 0 ? lw_chart_format_percent (figures->total.compliance)
                                              : g_strdup ("–");
  set_text (self->compliance_row, compliance);
  if (figures->ttft_p50 >= 0)
    {
      g_autofree char *p50 = lw_chart_format_duration (figures->ttft_p50);
      g_autofree char *p90 = lw_chart_format_duration (figures->ttft_p90);

      g_autofree char *subtitle = NULL;

      /* translators: time to first touch: the median */
      ttft = g_strdup_printf (_("%s median"), p50);
      /* translators: time to first touch: the 90th percentile */
      subtitle = g_strdup_printf (_("90 %% touched within %s"), p90);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->ttft_row), subtitle);
    }
  else
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->ttft_row), "");
  set_text (self->ttft_row, ttft != NULL ? ttft : "–");
  set_count (self->breaches_row, figures->breaches);
  set_count (self->warnings_row, figures->warnings);
  set_count (self->escalations_row, figures->escalations);
  set_count (self->reassignments_row, figures->reassignments);
}

/* ---- alerts and clocks ------------------------------------------------------------------------ */

static char *
lead_key (gint64 run,
          gint64 lead)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT, run, lead);
}

static gboolean
passes_filter (LwSlaMonitorPage *self,
               gint64            run,
               gint64            lead)
{
  g_autofree char *key = NULL;

  if (self->filter == NULL)
    return TRUE;
  key = lead_key (run, lead);
  return g_hash_table_contains (self->filter, key);
}

static void
clear_list (GtkWidget *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (list), child);
}

/* "09:40" today, else "Mon 16 Mar 09:40", in this computer's time zone. */
static char *
format_when (LwTime t,
             LwTime now)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (t);
  g_autoptr(GDateTime) today = g_date_time_new_from_unix_local (now);

  if (dt == NULL || today == NULL)
    return g_strdup ("—");
  if (g_date_time_get_year (dt) == g_date_time_get_year (today) &&
      g_date_time_get_day_of_year (dt) == g_date_time_get_day_of_year (today))
    /* translators: a time today, see g_date_time_format() */
    return g_date_time_format (dt, _("%H:%M"));
  /* translators: a day and time, see g_date_time_format() */
  return g_date_time_format (dt, _("%a %d %b %H:%M"));
}

static const char *
kind_label (LwAlertKind kind)
{
  switch (kind)
    {
    case LW_ALERT_WARNING: return _("Warning");
    case LW_ALERT_BREACH: return _("Breach");
    case LW_ALERT_ESCALATION: return _("Escalation");
    case LW_ALERT_REASSIGNMENT: return _("Reassignment");
    case LW_ALERT_SUMMARY: return _("Summary");
    case LW_N_ALERT_KINDS:
    default: return "";
    }
}

static char *
recipient_name (LwSlaMonitorPage *self,
                const char       *recipient)
{
  const LwConfig *config = lw_workspace_get_config (self->workspace);
  const LwRep *rep;

  if (recipient == NULL || g_strcmp0 (recipient, LW_ALERT_RECIPIENT_DESKTOP) == 0)
    return g_strdup (_("this desktop"));
  rep = lw_workspace_get_n_errors (self->workspace) == 0 ? lw_config_find_rep (config, recipient) : NULL;
  return g_strdup (rep != NULL ? rep->name : recipient);
}

static GtkWidget *
alert_row (LwSlaMonitorPage    *self,
           const LwAlertRecord *record,
           LwTime               now)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *when = format_when (record->created_at, now);
  g_autofree char *to = recipient_name (self, record->recipient);
  g_auto(GStrv) lines = g_strsplit (record->body != NULL ? record->body : "", "\n", 2);
  g_autofree char *title = g_markup_escape_text (record->summary != NULL ? record->summary : "", -1);
  g_autofree char *subtitle = NULL;
  GtkWidget *kind = gtk_label_new (kind_label (record->kind));

  if (record->shown_at != 0)
    /* translators: an alert: when it was raised · to whom · the first line of its text */
    subtitle = g_markup_printf_escaped (_("%s · to %s · %s"), when, to, lines[0] != NULL ? lines[0] : "");
  else
    /* translators: an alert no notification server showed: when · to whom · its first line */
    subtitle = g_markup_printf_escaped (_("%s · to %s, not shown: no notification server · %s"),
                                        when, to, lines[0] != NULL ? lines[0] : "");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  gtk_widget_set_valign (kind, GTK_ALIGN_CENTER);
  gtk_label_set_xalign (GTK_LABEL (kind), 0);
  gtk_label_set_width_chars (GTK_LABEL (kind), 12);
  gtk_widget_add_css_class (kind, "lw-alert-kind");
  gtk_widget_add_css_class (kind, record->kind == LW_ALERT_BREACH || record->kind == LW_ALERT_ESCALATION
                                  ? "error" : record->kind == LW_ALERT_WARNING ? "warning" : "dim-label");
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), kind);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  g_object_set_data (G_OBJECT (row), "lw-record", (gpointer) record);
  return row;
}

static GtkWidget *
timer_row (const LwLiveTimer *timer)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = g_markup_escape_text (timer->name != NULL ? timer->name : "", -1);
  g_autofree char *subtitle = NULL;
  g_autofree char *span = lw_chart_format_duration (ABS (timer->left));
  g_autofree char *left = NULL;
  GtkWidget *label;

  /* translators: an open SLA clock: the lead's owner · its SLA policy */
  subtitle = g_markup_printf_escaped (_("%s · %s"), timer->owner != NULL ? timer->owner : "—",
                                      timer->policy != NULL ? timer->policy : "—");
  if (timer->state == LW_LIVE_OVERDUE)
    /* translators: %s is a duration */
    left = g_strdup_printf (_("Overdue %s"), span);
  else if (timer->state == LW_LIVE_PAUSED)
    /* translators: %s is a duration */
    left = g_strdup_printf (_("Paused, %s left"), span);
  else
    /* translators: %s is a duration */
    left = g_strdup_printf (_("%s left"), span);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  label = gtk_label_new (left);
  gtk_widget_add_css_class (label, "numeric");
  if (timer->state == LW_LIVE_OVERDUE)
    gtk_widget_add_css_class (label, "error");
  else if (timer->left <= 15 * 60 && timer->state == LW_LIVE_RUNNING)
    gtk_widget_add_css_class (label, "warning");
  else
    gtk_widget_add_css_class (label, "dim-label");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data (G_OBJECT (row), "lw-timer", (gpointer) timer);
  return row;
}

/* Lists at most @max of @timers; returns how many pass the filter. */
static guint
fill_timers (LwSlaMonitorPage *self,
             GtkWidget        *list,
             GPtrArray        *timers,
             guint             max)
{
  guint n = 0;

  clear_list (list);
  for (guint i = 0; timers != NULL && i < timers->len; i++)
    {
      const LwLiveTimer *timer = g_ptr_array_index (timers, i);

      if (!passes_filter (self, timer->run, timer->lead))
        continue;
      if (n++ < max)
        gtk_list_box_append (GTK_LIST_BOX (list), timer_row (timer));
    }
  return n;
}

static void
update_lists (LwSlaMonitorPage *self,
              const Query      *query)
{
  LwTime now = query != NULL ? query->now : lw_wall_clock_now ();
  guint shown = 0;
  guint n;

  clear_list (self->alerts_list);
  for (guint i = 0; self->alerts != NULL && i < self->alerts->len && shown < MAX_ALERTS; i++)
    {
      const LwAlertRecord *record = g_ptr_array_index (self->alerts, i);

      /* Filtered, the leads' own alerts; the summaries stood for them. */
      if (self->filter != NULL && (record->lead == 0 || !passes_filter (self, record->run, record->lead)))
        continue;
      gtk_list_box_append (GTK_LIST_BOX (self->alerts_list), alert_row (self, record, now));
      shown++;
    }
  gtk_widget_set_visible (self->alerts_list, shown > 0);
  gtk_widget_set_visible (self->alerts_empty, shown == 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sla-monitor.export-alerts", shown > 0);

  gtk_widget_set_visible (gtk_widget_get_parent (self->filter_row), self->filter != NULL);
  if (self->filter != NULL)
    {
      g_autofree char *title = g_markup_escape_text (self->filter_title != NULL ? self->filter_title : "", -1);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->filter_row), title);
    }

  n = fill_timers (self, self->live_list, self->live_timers, MAX_TIMERS);
  gtk_widget_set_visible (self->live_list, n > 0);
  gtk_widget_set_visible (self->live_empty, n == 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sla-monitor.export-timers", n > 0);

  n = fill_timers (self, self->run_timers_list, self->run_timers, MAX_RUN_TIMERS);
  gtk_widget_set_visible (self->run_timers_list, n > 0);
  gtk_widget_set_visible (self->run_group, self->run_timers != NULL);
  if (self->run_timers != NULL && query != NULL)
    {
      g_autoptr(GDateTime) at = g_date_time_new_from_unix_utc (query->run_at);
      g_autofree char *when = at != NULL ? g_date_time_format (at, "%Y-%m-%d %H:%M") : g_strdup ("—");
      g_autofree char *description = NULL;

      if (n == 0)
        /* translators: %s is a simulated date and time */
        description = g_strdup_printf (_("None open as of %s, simulated time"), when);
      else if (n <= MAX_RUN_TIMERS)
        /* translators: %s is a simulated date and time */
        description = g_strdup_printf (_("Soonest deadline first, as of %s, simulated time"), when);
      else
        {
          g_autofree char *number = lw_format_count (n);
          /* translators: a count that is at least this much ("1,000+") */
          g_autofree char *count = n >= RUN_TIMERS_READ ? g_strdup_printf (_("%s+"), number) : g_strdup (number);

          /* translators: %u is how many are listed (always many), %s how many are open, the
           * last %s a simulated date and time */
          description = g_strdup_printf (ngettext ("The %u soonest deadline of %s open, as of %s, simulated time",
                                                   "The %u soonest deadlines of %s open, as of %s, simulated time",
                                                   MAX_RUN_TIMERS),
                                         MAX_RUN_TIMERS, count, when);
        }
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->run_group), description);
    }
}

static void
alert_activated_cb (LwSlaMonitorPage *self,
                    GtkListBoxRow    *row)
{
  const LwAlertRecord *record = g_object_get_data (G_OBJECT (row), "lw-record");
  GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (self), LW_TYPE_WINDOW);

  if (record == NULL)
    return;
  if (record->lead == 0)
    {
      /* A summary: the alerts it stood for. */
      g_autoptr(GArray) leads = g_array_new (FALSE, FALSE, sizeof (LwAlertLeadRef));

      for (guint i = 0; i < self->alerts->len; i++)
        {
          const LwAlertRecord *member = g_ptr_array_index (self->alerts, i);

          if (member->group == record->id && member->lead != 0)
            g_array_append_val (leads, ((LwAlertLeadRef) { member->run, member->lead }));
        }
      lw_sla_monitor_page_set_filter (self, record->summary, leads);
      return;
    }
  if (window != NULL)
    lw_window_show_lead (LW_WINDOW (window), record->run, record->lead);
}

static void
timer_activated_cb (LwSlaMonitorPage *self,
                    GtkListBoxRow    *row)
{
  const LwLiveTimer *timer = g_object_get_data (G_OBJECT (row), "lw-timer");
  GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (self), LW_TYPE_WINDOW);

  if (timer != NULL && window != NULL)
    lw_window_show_lead (LW_WINDOW (window), timer->run, timer->lead);
}

static void
show_all_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  lw_sla_monitor_page_set_filter (LW_SLA_MONITOR_PAGE (widget), NULL, NULL);
}

/* ---- CSV --------------------------------------------------------------------------------------- */

static char *
format_iso (LwTime t)
{
  return t > 0 && t != G_MAXINT64 ? lw_time_format_iso8601 (t) : NULL;
}

static void
export_alerts_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  LwSlaMonitorPage *self = LW_SLA_MONITOR_PAGE (widget);
  static const char * const header[] = { "raised_at", "kind", "urgency", "run", "lead", "summary", "body",
                                         "recipient", "shown_at", "due_at", "group" };
  GPtrArray *cells = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; self->alerts != NULL && i < self->alerts->len; i++)
    {
      const LwAlertRecord *r = g_ptr_array_index (self->alerts, i);

      if (self->filter != NULL && (r->lead == 0 || !passes_filter (self, r->run, r->lead)))
        continue;
      g_ptr_array_add (cells, format_iso (r->created_at));
      g_ptr_array_add (cells, g_strdup (lw_alert_kind_to_string (r->kind)));
      g_ptr_array_add (cells, g_strdup (lw_alert_urgency_to_string (r->urgency)));
      g_ptr_array_add (cells, r->run != 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, r->run) : NULL);
      g_ptr_array_add (cells, r->lead != 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, r->lead) : NULL);
      g_ptr_array_add (cells, g_strdup (r->summary));
      g_ptr_array_add (cells, g_strdup (r->body));
      g_ptr_array_add (cells, g_strdup (r->recipient));
      g_ptr_array_add (cells, format_iso (r->shown_at));
      g_ptr_array_add (cells, format_iso (r->due_at));
      g_ptr_array_add (cells, r->group != 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, r->group) : NULL);
    }
  lw_table_export_dialog (widget, _("sla-alerts.csv"), G_N_ELEMENTS (header), header, cells);
}

static void
add_timer_cells (LwSlaMonitorPage *self,
                 GPtrArray        *cells,
                 GPtrArray        *timers)
{
  for (guint i = 0; timers != NULL && i < timers->len; i++)
    {
      const LwLiveTimer *t = g_ptr_array_index (timers, i);

      if (!passes_filter (self, t->run, t->lead))
        continue;
      g_ptr_array_add (cells, t->run != 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, t->run) : NULL);
      g_ptr_array_add (cells, g_strdup_printf ("%" G_GINT64_FORMAT, t->lead));
      g_ptr_array_add (cells, g_strdup (t->name));
      g_ptr_array_add (cells, g_strdup (t->owner));
      g_ptr_array_add (cells, g_strdup (t->policy));
      g_ptr_array_add (cells, g_strdup (lw_live_state_to_string (t->state)));
      g_ptr_array_add (cells, format_iso (t->deadline));
      g_ptr_array_add (cells, g_strdup_printf ("%" G_GINT64_FORMAT, t->left));
    }
}

static void
export_timers_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  LwSlaMonitorPage *self = LW_SLA_MONITOR_PAGE (widget);
  static const char * const header[] = { "run", "lead", "name", "owner", "policy", "state", "deadline",
                                         "seconds_left" };
  GPtrArray *cells = g_ptr_array_new_with_free_func (g_free);

  add_timer_cells (self, cells, self->live_timers);
  add_timer_cells (self, cells, self->run_timers);
  lw_table_export_dialog (widget, _("open-sla-clocks.csv"), G_N_ELEMENTS (header), header, cells);
}

static void
export_table_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  LwSlaMonitorPage *self = LW_SLA_MONITOR_PAGE (widget);
  static const char * const header[] = { "group", "met", "breached", "pending", "compliance_percent" };
  const char *which = g_variant_get_string (parameter, NULL);
  GPtrArray *cells;
  GArray *groups;
  const char *name;

  if (self->figures == NULL)
    return;
  if (g_strcmp0 (which, "team") == 0)
    groups = self->figures->by_team, name = _("sla-by-team.csv");
  else if (g_strcmp0 (which, "rep") == 0)
    groups = self->figures->by_rep, name = _("sla-by-rep.csv");
  else
    groups = self->figures->by_policy, name = _("sla-by-policy.csv");

  cells = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < groups->len; i++)
    {
      const LwSlaGroup *g = &g_array_index (groups, LwSlaGroup, i);
      char buffer[G_ASCII_DTOSTR_BUF_SIZE];

      g_ptr_array_add (cells, g_strdup (g->label != NULL ? g->label : g->id));
      g_ptr_array_add (cells, g_strdup_printf ("%" G_GUINT64_FORMAT, g->met));
      g_ptr_array_add (cells, g_strdup_printf ("%" G_GUINT64_FORMAT, g->breached));
      g_ptr_array_add (cells, g_strdup_printf ("%" G_GUINT64_FORMAT, g->pending));
      g_ptr_array_add (cells, g->compliance >= 0 ? g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.1f", g->compliance))
                                                 : NULL);
    }
  lw_table_export_dialog (widget, name, G_N_ELEMENTS (header), header, cells);
}

static gboolean
query_apply (GtkWidget    *owner,
             gpointer      data,
             const GError *error)
{
  LwSlaMonitorPage *self = LW_SLA_MONITOR_PAGE (owner);
  Query *query = data;

  if (error == NULL)
    {
      update_runs (self, query->runs);
      g_clear_pointer (&self->figures, lw_sla_figures_free);
      self->figures = g_steal_pointer (&query->figures);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "sla-monitor.export", self->figures != NULL);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "sla-monitor.export-table", self->figures != NULL);
      update_figures (self, query);
      g_clear_pointer (&self->alerts, g_ptr_array_unref);
      self->alerts = g_steal_pointer (&query->alerts);
      g_clear_pointer (&self->live_timers, g_ptr_array_unref);
      self->live_timers = g_steal_pointer (&query->live_timers);
      g_clear_pointer (&self->run_timers, g_ptr_array_unref);
      self->run_timers = g_steal_pointer (&query->run_timers);
      update_lists (self, query);
    }
  g_signal_emit (self, signals[UPDATED], 0);
  return FALSE;
}

static gpointer
query_prepare (GtkWidget *owner)
{
  LwSlaMonitorPage *self = LW_SLA_MONITOR_PAGE (owner);
  Query *query = g_new0 (Query, 1);
  guint selected;
  gint64 deadline;

  if (lw_workspace_get_n_errors (self->workspace) == 0)
    query->config = lw_config_ref ((LwConfig *) lw_workspace_get_config (self->workspace));
  query->now = lw_wall_clock_now ();
  selected = adw_combo_row_get_selected (ADW_COMBO_ROW (self->run_row));
  if (selected != GTK_INVALID_LIST_POSITION && selected < self->run_ids->len)
    query->run = g_array_index (self->run_ids, gint64, selected);
  deadline = selected_deadline (self);
  query->deadline = deadline;
  for (guint i = 0; i < G_N_ELEMENTS (edge_ladder); i++)
    {
      if (deadline > 0 && deadline < edge_ladder[i] &&
          (query->n_edges == 0 || query->edges[query->n_edges - 1] < deadline))
        query->edges[query->n_edges++] = deadline;
      if (query->n_edges == 0 || query->edges[query->n_edges - 1] < edge_ladder[i])
        query->edges[query->n_edges++] = edge_ladder[i];
    }
  if (deadline > query->edges[query->n_edges - 1])
    query->edges[query->n_edges++] = deadline;

  return query;
}

/* The run shown, the latest (which a new run becomes), or one that ended. */
static gboolean
query_wants_run (GtkWidget *owner,
                 gint64     run,
                 gboolean   finished)
{
  LwSlaMonitorPage *self = LW_SLA_MONITOR_PAGE (owner);
  guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (self->run_row));
  gint64 shown = selected < self->run_ids->len ? g_array_index (self->run_ids, gint64, selected) : 0;

  return shown == 0 || shown == run || finished;
}

static const LwViewQueryFuncs query_funcs = {
  .prepare = query_prepare,
  .run = query_run,
  .apply = query_apply,
  .free_job = (void (*) (gpointer)) query_free,
  .wants_run = query_wants_run,
  .what = "the SLA figures",
};

/* One query at a time: another asked for meanwhile follows it. */
void
lw_sla_monitor_page_refresh (LwSlaMonitorPage *self)
{
  g_return_if_fail (LW_IS_SLA_MONITOR_PAGE (self));

  if (self->query != NULL)
    lw_view_query_queue (self->query);
}

const LwSlaFigures *
lw_sla_monitor_page_get_figures (LwSlaMonitorPage *self)
{
  g_return_val_if_fail (LW_IS_SLA_MONITOR_PAGE (self), NULL);

  return self->figures;
}

static void
selection_changed_cb (LwSlaMonitorPage *self)
{
  if (!self->updating)
    lw_sla_monitor_page_refresh (self);
}

static gboolean
refresh_timer_cb (gpointer user_data)
{
  LwSlaMonitorPage *self = user_data;

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    lw_sla_monitor_page_refresh (self);
  return G_SOURCE_CONTINUE;
}

/* Before the query's own "map" handler, which queries afresh. */
static void
map_cb (LwSlaMonitorPage *self)
{
  update_policies (self);
  if (self->timer == 0)
    self->timer = g_timeout_add_seconds (REFRESH_SECONDS, refresh_timer_cb, self);
}

static void
unmap_cb (LwSlaMonitorPage *self)
{
  g_clear_handle_id (&self->timer, g_source_remove);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LwSlaMonitorPage *self = LW_SLA_MONITOR_PAGE (widget);
  const char *chart = g_variant_get_string (parameter, NULL);
  GtkWidget *target = self->histogram;
  const char *name = _("time-to-first-touch.png");

  if (g_strcmp0 (chart, "policy") == 0)
    target = self->policy_chart, name = _("sla-by-policy.png");
  else if (g_strcmp0 (chart, "team") == 0)
    target = self->team_chart, name = _("sla-by-team.png");
  else if (g_strcmp0 (chart, "rep") == 0)
    target = self->rep_chart, name = _("sla-by-rep.png");

  lw_chart_export_dialog (LW_CHART (target), widget, name);
}

/* ---- building ------------------------------------------------------------------------------- */

static GtkWidget *
add_group (LwSlaMonitorPage *self,
           const char       *title,
           const char       *description,
           const char       *export_target)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  if (export_target != NULL)
    {
      GtkWidget *button = gtk_button_new_from_icon_name ("document-save-as-symbolic");

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, _("Export Chart…"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Export Chart…"), -1);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "sla-monitor.export");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", export_target);
      adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), button);
    }
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self->preferences_page), ADW_PREFERENCES_GROUP (group));
  return group;
}

static GtkWidget *
add_chart (GtkWidget *group,
           GtkWidget *chart,
           int        height)
{
  gtk_widget_set_size_request (chart, -1, height);
  gtk_widget_add_css_class (chart, "card");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), chart);
  return chart;
}

static GtkWidget *
add_figure_row (GtkWidget  *group,
                const char *title)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label = gtk_label_new ("–");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_add_css_class (label, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  g_object_set_data (G_OBJECT (row), "value", label);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return row;
}

static GtkWidget *
add_combo_row (GtkWidget      *group,
               const char     *title,
               GtkStringList **list)
{
  GtkWidget *row = adw_combo_row_new ();

  *list = gtk_string_list_new (NULL);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (*list));
  g_object_unref (*list);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return row;
}

static GtkWidget *
add_button (const char *icon,
            const char *tooltip,
            const char *action,
            const char *target)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  if (target != NULL)
    gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", target);
  return button;
}

/* A table's "Export as CSV" beside a group's chart export. */
static void
add_csv_button (GtkWidget  *group,
                const char *target)
{
  GtkWidget *suffix = adw_preferences_group_get_header_suffix (ADW_PREFERENCES_GROUP (group));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  if (suffix != NULL)
    {
      g_object_ref (suffix);
      adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), NULL);
      gtk_box_append (GTK_BOX (box), suffix);
      g_object_unref (suffix);
    }
  gtk_box_prepend (GTK_BOX (box), add_button ("x-office-spreadsheet-symbolic", _("Export as CSV…"),
                                              "sla-monitor.export-table", target));
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), box);
}

static GtkWidget *
add_list (GtkWidget   *group,
          GtkWidget  **empty,
          const char  *empty_text)
{
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *label = gtk_label_new (empty_text);

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_widget_set_visible (list, FALSE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), list);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_margin_top (label, 6);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), label);
  *empty = label;
  return list;
}

/* ---- LwPage --------------------------------------------------------------------------------- */

static void
lw_sla_monitor_page_reveal (LwPage     *page,
                            const char *path)
{
  gtk_widget_grab_focus (LW_SLA_MONITOR_PAGE (page)->run_row);
}

static void
lw_sla_monitor_page_page_init (LwPageInterface *iface)
{
  iface->reveal = lw_sla_monitor_page_reveal;
}

/* ---- GObject -------------------------------------------------------------------------------- */

static void
lw_sla_monitor_page_constructed (GObject *object)
{
  LwSlaMonitorPage *self = LW_SLA_MONITOR_PAGE (object);

  G_OBJECT_CLASS (lw_sla_monitor_page_parent_class)->constructed (object);

  update_policies (self);
  update_figures (self, NULL);
  update_lists (self, NULL);
  self->query = lw_view_query_new (GTK_WIDGET (self), self->workspace, &query_funcs);
}

static void
lw_sla_monitor_page_dispose (GObject *object)
{
  LwSlaMonitorPage *self = LW_SLA_MONITOR_PAGE (object);

  if (self->query != NULL)
    lw_view_query_close (self->query);
  g_clear_handle_id (&self->timer, g_source_remove);
  g_clear_pointer (&self->preferences_page, gtk_widget_unparent);
  if (self->workspace != NULL)
    g_signal_handlers_disconnect_by_data (self->workspace, self);
  g_clear_object (&self->workspace);

  G_OBJECT_CLASS (lw_sla_monitor_page_parent_class)->dispose (object);
}

static void
lw_sla_monitor_page_finalize (GObject *object)
{
  LwSlaMonitorPage *self = LW_SLA_MONITOR_PAGE (object);

  g_clear_object (&self->query);
  g_clear_pointer (&self->figures, lw_sla_figures_free);
  g_array_unref (self->run_ids);
  g_clear_pointer (&self->alerts, g_ptr_array_unref);
  g_clear_pointer (&self->live_timers, g_ptr_array_unref);
  g_clear_pointer (&self->run_timers, g_ptr_array_unref);
  g_clear_pointer (&self->filter, g_hash_table_unref);
  g_free (self->filter_title);

  G_OBJECT_CLASS (lw_sla_monitor_page_parent_class)->finalize (object);
}

static void
lw_sla_monitor_page_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  LwSlaMonitorPage *self = LW_SLA_MONITOR_PAGE (object);

  switch (prop_id)
    {
    case PROP_WORKSPACE:
      g_set_object (&self->workspace, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lw_sla_monitor_page_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  LwSlaMonitorPage *self = LW_SLA_MONITOR_PAGE (object);

  switch (prop_id)
    {
    case PROP_WORKSPACE:
      g_value_set_object (value, self->workspace);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lw_sla_monitor_page_class_init (LwSlaMonitorPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = lw_sla_monitor_page_constructed;
  object_class->dispose = lw_sla_monitor_page_dispose;
  object_class->finalize = lw_sla_monitor_page_finalize;
  object_class->set_property = lw_sla_monitor_page_set_property;
  object_class->get_property = lw_sla_monitor_page_get_property;

  g_object_class_override_property (object_class, PROP_WORKSPACE, "workspace");

  signals[UPDATED] = g_signal_new ("updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_install_action (widget_class, "sla-monitor.export", "s", export_action);
  gtk_widget_class_install_action (widget_class, "sla-monitor.export-table", "s", export_table_action);
  gtk_widget_class_install_action (widget_class, "sla-monitor.export-alerts", NULL, export_alerts_action);
  gtk_widget_class_install_action (widget_class, "sla-monitor.export-timers", NULL, export_timers_action);
  gtk_widget_class_install_action (widget_class, "sla-monitor.show-all", NULL, show_all_action);
}

static void
lw_sla_monitor_page_init (LwSlaMonitorPage *self)
{
  GtkWidget *group;

  self->run_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  self->preferences_page = adw_preferences_page_new ();
  gtk_widget_set_parent (self->preferences_page, GTK_WIDGET (self));

  /* What needs a person first: the clocks about to run out, the alerts. */
  self->live_group = add_group (self, _("Open First-Touch Clocks"),
                                _("Live leads not yet touched, soonest deadline first"), NULL);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (self->live_group),
                                           add_button ("x-office-spreadsheet-symbolic", _("Export as CSV…"),
                                                       "sla-monitor.export-timers", NULL));
  self->live_list = add_list (self->live_group, &self->live_empty,
                              _("No live lead is waiting for its first touch"));
  g_signal_connect_swapped (self->live_list, "row-activated", G_CALLBACK (timer_activated_cb), self);

  self->run_group = add_group (self, _("Open Clocks of the Run Going On"), NULL, NULL);
  {
    GtkWidget *none;

    /* The group's description says when none is open. */
    self->run_timers_list = add_list (self->run_group, &none, "");
    gtk_widget_set_visible (none, FALSE);
  }
  g_signal_connect_swapped (self->run_timers_list, "row-activated", G_CALLBACK (timer_activated_cb), self);
  gtk_widget_set_visible (self->run_group, FALSE);

  self->alerts_group = add_group (self, _("Alerts"),
                                  _("Every SLA alert raised, newest first, to whom and whether it was shown"), NULL);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (self->alerts_group),
                                           add_button ("x-office-spreadsheet-symbolic", _("Export as CSV…"),
                                                       "sla-monitor.export-alerts", NULL));
  self->filter_row = adw_action_row_new ();
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->filter_row), _("Only these leads' alerts and clocks"));
  adw_action_row_add_prefix (ADW_ACTION_ROW (self->filter_row), gtk_image_new_from_icon_name ("edit-find-symbolic"));
  {
    GtkWidget *button = gtk_button_new_with_mnemonic (_("Show _All"));

    gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
    gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "sla-monitor.show-all");
    adw_action_row_add_suffix (ADW_ACTION_ROW (self->filter_row), button);
  }
  gtk_widget_add_css_class (self->filter_row, "lw-alert-filter");
  {
    /* A list of its own, hidden whole: a group's own list would show
     * empty. */
    GtkWidget *box = gtk_list_box_new ();

    gtk_list_box_set_selection_mode (GTK_LIST_BOX (box), GTK_SELECTION_NONE);
    gtk_widget_add_css_class (box, "boxed-list");
    gtk_list_box_append (GTK_LIST_BOX (box), self->filter_row);
    gtk_widget_set_visible (box, FALSE);
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->alerts_group), box);
  }
  self->alerts_list = add_list (self->alerts_group, &self->alerts_empty,
                                _("No alert yet: they come when a live lead or a paced run nears or misses its deadline"));
  gtk_widget_set_margin_top (self->alerts_list, 6);
  g_signal_connect_swapped (self->alerts_list, "row-activated", G_CALLBACK (alert_activated_cb), self);

  group = add_group (self, _("Time to First Touch"),
                     _("From assignment to the first touch, on the policy's clock; the line marks the deadline."),
                     "histogram");
  self->run_row = add_combo_row (group, _("_Run"), &self->run_list);
  self->policy_row = add_combo_row (group, _("_Deadline of"), &self->policy_list);
  self->histogram = add_chart (group, lw_histogram_chart_new (), 260);
  gtk_widget_set_margin_top (self->histogram, 12);

  group = add_group (self, _("Totals"), NULL, NULL);
  self->leads_row = add_figure_row (group, _("Leads on an SLA clock"));
  self->compliance_row = add_figure_row (group, _("Compliance"));
  self->ttft_row = add_figure_row (group, _("Time to first touch"));
  self->breaches_row = add_figure_row (group, _("Breaches"));
  self->warnings_row = add_figure_row (group, _("Warnings"));
  self->escalations_row = add_figure_row (group, _("Escalations"));
  self->reassignments_row = add_figure_row (group, _("Reassignments"));

  group = add_group (self, _("Compliance by Policy"), NULL, "policy");
  add_csv_button (group, "policy");
  self->policy_chart = add_chart (group, lw_bar_chart_new (), 160);
  group = add_group (self, _("Compliance by Team"), NULL, "team");
  add_csv_button (group, "team");
  self->team_chart = add_chart (group, lw_bar_chart_new (), 160);
  group = add_group (self, _("Compliance by Rep"), NULL, "rep");
  add_csv_button (group, "rep");
  self->rep_chart = add_chart (group, lw_bar_chart_new (), 280);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sla-monitor.export", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sla-monitor.export-table", FALSE);
  g_signal_connect_swapped (self->run_row, "notify::selected", G_CALLBACK (selection_changed_cb), self);
  g_signal_connect_swapped (self->policy_row, "notify::selected", G_CALLBACK (selection_changed_cb), self);
  g_signal_connect (self, "map", G_CALLBACK (map_cb), NULL);
  g_signal_connect (self, "unmap", G_CALLBACK (unmap_cb), NULL);
}

GtkWidget *
lw_sla_monitor_page_new (LwWorkspace *workspace)
{
  g_return_val_if_fail (LW_IS_WORKSPACE (workspace), NULL);

  return g_object_new (LW_TYPE_SLA_MONITOR_PAGE, "workspace", workspace, NULL);
}

void
lw_sla_monitor_page_set_filter (LwSlaMonitorPage *self,
                                const char       *title,
                                GArray           *leads)
{
  g_return_if_fail (LW_IS_SLA_MONITOR_PAGE (self));

  g_clear_pointer (&self->filter, g_hash_table_unref);
  g_clear_pointer (&self->filter_title, g_free);
  if (leads != NULL)
    {
      self->filter = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (guint i = 0; i < leads->len; i++)
        {
          const LwAlertLeadRef *ref = &g_array_index (leads, LwAlertLeadRef, i);

          g_hash_table_add (self->filter, lead_key (ref->run, ref->lead));
        }
      self->filter_title = g_strdup (title);
    }
  update_lists (self, NULL);
  lw_sla_monitor_page_refresh (self);
}

const char *
lw_sla_monitor_page_get_filter (LwSlaMonitorPage *self)
{
  g_return_val_if_fail (LW_IS_SLA_MONITOR_PAGE (self), NULL);

  return self->filter != NULL ? self->filter_title : NULL;
}

GPtrArray *
lw_sla_monitor_page_get_alerts (LwSlaMonitorPage *self)
{
  g_return_val_if_fail (LW_IS_SLA_MONITOR_PAGE (self), NULL);

  return self->alerts;
}

guint
lw_sla_monitor_page_get_n_alerts_shown (LwSlaMonitorPage *self)
{
  guint n = 0;

  g_return_val_if_fail (LW_IS_SLA_MONITOR_PAGE (self), 0);

  for (GtkWidget *child = gtk_widget_get_first_child (self->alerts_list); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n++;
  return n;
}

guint
lw_sla_monitor_page_get_n_queries (LwSlaMonitorPage *self)
{
  g_return_val_if_fail (LW_IS_SLA_MONITOR_PAGE (self), 0);

  return lw_view_query_get_n_queries (self->query);
}

gboolean
lw_sla_monitor_page_is_querying (LwSlaMonitorPage *self)
{
  g_return_val_if_fail (LW_IS_SLA_MONITOR_PAGE (self), FALSE);

  return lw_view_query_is_running (self->query);
}
