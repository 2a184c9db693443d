/* lw-sla-monitor-page.c: SLA compliance of a simulation run
 *
 * The figures are queried on a worker thread with its own connection to
 * the workspace file, when the page is shown and when another run or
 * policy is picked, and applied here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "lw-sla-monitor-page.h"

#include "lw-bar-chart.h"
#include "lw-chart-export.h"
#include "lw-histogram-chart.h"
#include "lw-page.h"
#include "lw-window.h"

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
  GCancellable  *cancellable;  /* the query going on */
  LwSlaFigures  *figures;
  GArray        *run_ids;      /* gint64 per run row item; 0 = the latest */
  gboolean       updating;

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
  char         *path;
  gint64        run;
  gint64        edges[N_EDGES_MAX];
  guint         n_edges;
  gint64        deadline;
  GPtrArray    *runs;     /* LwRunInfo, finished ones */
  LwSlaFigures *figures;
} Query;

static void
query_free (Query *query)
{
  g_free (query->path);
  g_clear_pointer (&query->runs, g_ptr_array_unref);
  g_clear_pointer (&query->figures, lw_sla_figures_free);
  g_free (query);
}

static void
query_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Query *query = task_data;
  g_autoptr(LwStore) store = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GError) error = NULL;
  LwStoreFilter filter = LW_STORE_FILTER_INIT;
  gboolean any = FALSE;

  store = lw_store_open (query->path, &error);
  if (store == NULL || (runs = lw_store_list_runs (store, &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  query->runs = g_ptr_array_new_with_free_func ((GDestroyNotify) lw_run_info_free);
  for (guint i = 0; i < runs->len; i++)
    {
      LwRunInfo *info = g_ptr_array_index (runs, i);

      if (info->status != LW_RUN_FINISHED)
        continue;
      any |= info->id == query->run || query->run == 0;
      g_ptr_array_add (query->runs, g_ptr_array_steal_index (runs, i));
      i--;
    }
  if (any)
    {
      filter.run = query->run;
      query->figures = lw_store_query_sla (store, &filter, query->edges, query->n_edges, &error);
      if (query->figures == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }
  g_task_return_boolean (task, TRUE);
}

/* ---- showing -------------------------------------------------------------------------------- */

static char *
run_label (const LwRunInfo *info)
{
  g_autoptr(GDateTime) started = g_date_time_new_from_unix_local (info->started_at);
  g_autofree char *date = started != NULL ? g_date_time_format (started, "%x %X") : g_strdup ("");
  g_autofree char *leads = lw_chart_format_count (info->leads);
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, info->id);

  /* translators: a run in the run dropdown: its number · when it started · "20,000 leads" */
  return g_strdup_printf (_("Run %s · %s · %s leads"), id, date, leads);
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
  g_autofree char *text = lw_chart_format_count (count);

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

static void
query_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  LwSlaMonitorPage *self = LW_SLA_MONITOR_PAGE (source);
  Query *query = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (g_task_had_error (G_TASK (result)) || g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    {
      if (!g_task_propagate_boolean (G_TASK (result), &error) &&
          !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not query the SLA figures: %s", error->message);
      return;
    }
  g_clear_object (&self->cancellable);

  update_runs (self, query->runs);
  g_clear_pointer (&self->figures, lw_sla_figures_free);
  self->figures = g_steal_pointer (&query->figures);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sla-monitor.export", self->figures != NULL);
  update_figures (self, query);
  g_signal_emit (self, signals[UPDATED], 0);
}

void
lw_sla_monitor_page_refresh (LwSlaMonitorPage *self)
{
  g_autoptr(GTask) task = NULL;
  const char *path;
  guint selected;
  Query *query;
  gint64 deadline;

  g_return_if_fail (LW_IS_SLA_MONITOR_PAGE (self));

  path = lw_workspace_get_path (self->workspace);
  if (path == NULL)
    {
      update_figures (self, NULL);
      return;
    }
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  query = g_new0 (Query, 1);
  query->path = g_strdup (path);
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

  task = g_task_new (self, self->cancellable, query_done_cb, NULL);
  g_task_set_source_tag (task, lw_sla_monitor_page_refresh);
  g_task_set_task_data (task, query, (GDestroyNotify) query_free);
  g_task_run_in_thread (task, query_thread);
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

static void
map_cb (LwSlaMonitorPage *self)
{
  update_policies (self);
  lw_sla_monitor_page_refresh (self);
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GtkWidget) page = user_data;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *window;

  file = lw_chart_export_dialog_finish (LW_CHART (source), result, &error);
  window = gtk_widget_get_ancestor (page, LW_TYPE_WINDOW);
  if (file == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && window != NULL)
    {
      /* translators: a toast; %s is the error */
      g_autofree char *title = g_strdup_printf (_("Could not export the chart: %s"), error->message);

      lw_window_toast (LW_WINDOW (window), title);
    }
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LwSlaMonitorPage *self = LW_SLA_MONITOR_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  const char *chart = g_variant_get_string (parameter, NULL);
  GtkWidget *target = self->histogram;
  const char *name = _("time-to-first-touch.png");

  if (g_strcmp0 (chart, "policy") == 0)
    target = self->policy_chart, name = _("sla-by-policy.png");
  else if (g_strcmp0 (chart, "team") == 0)
    target = self->team_chart, name = _("sla-by-team.png");
  else if (g_strcmp0 (chart, "rep") == 0)
    target = self->rep_chart, name = _("sla-by-rep.png");

  lw_chart_export_dialog_async (LW_CHART (target), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                name, NULL, export_done_cb, g_object_ref_sink (self));
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
}

static void
lw_sla_monitor_page_dispose (GObject *object)
{
  LwSlaMonitorPage *self = LW_SLA_MONITOR_PAGE (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->preferences_page, gtk_widget_unparent);
  g_clear_object (&self->workspace);

  G_OBJECT_CLASS (lw_sla_monitor_page_parent_class)->dispose (object);
}

static void
lw_sla_monitor_page_finalize (GObject *object)
{
  LwSlaMonitorPage *self = LW_SLA_MONITOR_PAGE (object);

  g_clear_pointer (&self->figures, lw_sla_figures_free);
  g_array_unref (self->run_ids);

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
}

static void
lw_sla_monitor_page_init (LwSlaMonitorPage *self)
{
  GtkWidget *group;

  self->run_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  self->preferences_page = adw_preferences_page_new ();
  gtk_widget_set_parent (self->preferences_page, GTK_WIDGET (self));

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
  self->policy_chart = add_chart (group, lw_bar_chart_new (), 160);
  group = add_group (self, _("Compliance by Team"), NULL, "team");
  self->team_chart = add_chart (group, lw_bar_chart_new (), 160);
  group = add_group (self, _("Compliance by Rep"), NULL, "rep");
  self->rep_chart = add_chart (group, lw_bar_chart_new (), 280);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sla-monitor.export", FALSE);
  g_signal_connect_swapped (self->run_row, "notify::selected", G_CALLBACK (selection_changed_cb), self);
  g_signal_connect_swapped (self->policy_row, "notify::selected", G_CALLBACK (selection_changed_cb), self);
  g_signal_connect (self, "map", G_CALLBACK (map_cb), NULL);
}

GtkWidget *
lw_sla_monitor_page_new (LwWorkspace *workspace)
{
  g_return_val_if_fail (LW_IS_WORKSPACE (workspace), NULL);

  return g_object_new (LW_TYPE_SLA_MONITOR_PAGE, "workspace", workspace, NULL);
}
