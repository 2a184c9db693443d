/* lw-funnel-page.c: the funnel of a simulation run
 *
 * The figures are queried on a worker thread with its own connection to
 * the workspace file, when the page is shown and when another run is
 * picked, and applied here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "lw-funnel-page.h"

#include "lw-chart-export.h"
#include "lw-funnel-chart.h"
#include "lw-page.h"
#include "lw-window.h"

struct _LwFunnelPage
{
  GtkWidget parent_instance;

  LwWorkspace  *workspace;
  GCancellable *cancellable;  /* the query going on */
  LwFunnel     *funnel;
  GArray       *run_ids;      /* gint64 per run row item; 0 = the latest */
  gboolean      updating_runs;

  GtkWidget    *preferences_page;
  GtkWidget    *run_row;
  GtkStringList *run_list;
  GtkWidget    *chart;
  GtkWidget    *stages_group;
  GPtrArray    *stage_rows;
};

static void lw_funnel_page_page_init (LwPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LwFunnelPage, lw_funnel_page, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (LW_TYPE_PAGE, lw_funnel_page_page_init))

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
  char      *path;
  gint64     run;
  GPtrArray *runs;     /* LwRunInfo, finished ones */
  LwFunnel  *funnel;
} Query;

static void
query_free (Query *query)
{
  g_free (query->path);
  g_clear_pointer (&query->runs, g_ptr_array_unref);
  g_clear_pointer (&query->funnel, lw_funnel_free);
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
      query->funnel = lw_store_query_funnel (store, &filter, &error);
      if (query->funnel == NULL)
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
update_runs (LwFunnelPage *self,
             GPtrArray    *runs)
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

  self->updating_runs = TRUE;
  gtk_string_list_splice (self->run_list, 0, g_list_model_get_n_items (G_LIST_MODEL (self->run_list)),
                          (const char * const *) labels->pdata);
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->run_row), new_selected);
  self->updating_runs = FALSE;
}

static char *
format_median (double seconds)
{
  if (seconds < 0)
    return g_strdup ("–");
  return lw_chart_format_duration ((gint64) seconds);
}

static void
update_stages (LwFunnelPage *self)
{
  for (guint i = 0; i < self->stage_rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self->stages_group),
                                  g_ptr_array_index (self->stage_rows, i));
  g_ptr_array_set_size (self->stage_rows, 0);

  if (self->funnel == NULL)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No finished run yet"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Run a simulation on the Simulate page."));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->stages_group), row);
      g_ptr_array_add (self->stage_rows, row);
      return;
    }

  for (guint i = 0; i < self->funnel->stages->len; i++)
    {
      const LwFunnelStage *stage = &g_array_index (self->funnel->stages, LwFunnelStage, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *title = g_markup_escape_text (stage->label != NULL ? stage->label : stage->id, -1);
      g_autofree char *reached = lw_chart_format_count (stage->reached);
      g_autofree char *reached_text = NULL;
      g_autofree char *subtitle = NULL;
      GtkWidget *label;

      if (stage->conversion >= 0)
        {
          g_autofree char *conversion = lw_chart_format_percent (100 * stage->conversion);
          g_autofree char *drop_off = lw_chart_format_count (stage->drop_off);
          g_autofree char *median = format_median (stage->median_seconds);

          /* translators: a funnel stage's figures: "42.0 %" · "1,203" · "2 d 3 h" */
          subtitle = g_strdup_printf (_("Conversion %s · drop-off %s · median time %s"),
                                      conversion, drop_off, median);
        }
      else
        {
          g_autofree char *current = lw_chart_format_count (stage->current);

          /* translators: the last funnel stage: how many are in it at the end */
          subtitle = g_strdup_printf (_("%s in this stage at the end"), current);
        }
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

      /* translators: how many leads reached a funnel stage ("1,203 reached") */
      reached_text = g_strdup_printf (_("%s reached"), reached);
      label = gtk_label_new (reached_text);
      gtk_widget_add_css_class (label, "numeric");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);

      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->stages_group), row);
      g_ptr_array_add (self->stage_rows, row);
    }
}

static void
query_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  LwFunnelPage *self = LW_FUNNEL_PAGE (source);
  Query *query = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (g_task_had_error (G_TASK (result)) || g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    {
      if (!g_task_propagate_boolean (G_TASK (result), &error) &&
          !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not query the funnel: %s", error->message);
      return;
    }
  g_clear_object (&self->cancellable);

  update_runs (self, query->runs);
  g_clear_pointer (&self->funnel, lw_funnel_free);
  self->funnel = g_steal_pointer (&query->funnel);
  if (self->funnel != NULL)
    lw_funnel_chart_set_funnel (LW_FUNNEL_CHART (self->chart), self->funnel);
  else
    lw_funnel_chart_set_stages (LW_FUNNEL_CHART (self->chart), NULL, 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "funnel.export", self->funnel != NULL);
  update_stages (self);
  g_signal_emit (self, signals[UPDATED], 0);
}

void
lw_funnel_page_refresh (LwFunnelPage *self)
{
  g_autoptr(GTask) task = NULL;
  const char *path;
  guint selected;
  Query *query;

  g_return_if_fail (LW_IS_FUNNEL_PAGE (self));

  path = lw_workspace_get_path (self->workspace);
  if (path == NULL)
    {
      update_stages (self);
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

  task = g_task_new (self, self->cancellable, query_done_cb, NULL);
  g_task_set_source_tag (task, lw_funnel_page_refresh);
  g_task_set_task_data (task, query, (GDestroyNotify) query_free);
  g_task_run_in_thread (task, query_thread);
}

const LwFunnel *
lw_funnel_page_get_funnel (LwFunnelPage *self)
{
  g_return_val_if_fail (LW_IS_FUNNEL_PAGE (self), NULL);

  return self->funnel;
}

static void
run_selected_cb (LwFunnelPage *self)
{
  if (!self->updating_runs)
    lw_funnel_page_refresh (self);
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
  LwFunnelPage *self = LW_FUNNEL_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);

  lw_chart_export_dialog_async (LW_CHART (self->chart), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                _("funnel.png"), NULL, export_done_cb, g_object_ref_sink (self));
}

/* ---- LwPage --------------------------------------------------------------------------------- */

static void
lw_funnel_page_reveal (LwPage     *page,
                       const char *path)
{
  gtk_widget_grab_focus (LW_FUNNEL_PAGE (page)->run_row);
}

static void
lw_funnel_page_page_init (LwPageInterface *iface)
{
  iface->reveal = lw_funnel_page_reveal;
}

/* ---- GObject -------------------------------------------------------------------------------- */

static void
lw_funnel_page_constructed (GObject *object)
{
  LwFunnelPage *self = LW_FUNNEL_PAGE (object);

  G_OBJECT_CLASS (lw_funnel_page_parent_class)->constructed (object);

  update_stages (self);
}

static void
lw_funnel_page_dispose (GObject *object)
{
  LwFunnelPage *self = LW_FUNNEL_PAGE (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->preferences_page, gtk_widget_unparent);
  g_clear_object (&self->workspace);

  G_OBJECT_CLASS (lw_funnel_page_parent_class)->dispose (object);
}

static void
lw_funnel_page_finalize (GObject *object)
{
  LwFunnelPage *self = LW_FUNNEL_PAGE (object);

  g_clear_pointer (&self->funnel, lw_funnel_free);
  g_array_unref (self->run_ids);
  g_ptr_array_unref (self->stage_rows);

  G_OBJECT_CLASS (lw_funnel_page_parent_class)->finalize (object);
}

static void
lw_funnel_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  LwFunnelPage *self = LW_FUNNEL_PAGE (object);

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
lw_funnel_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  LwFunnelPage *self = LW_FUNNEL_PAGE (object);

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
lw_funnel_page_class_init (LwFunnelPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = lw_funnel_page_constructed;
  object_class->dispose = lw_funnel_page_dispose;
  object_class->finalize = lw_funnel_page_finalize;
  object_class->set_property = lw_funnel_page_set_property;
  object_class->get_property = lw_funnel_page_get_property;

  g_object_class_override_property (object_class, PROP_WORKSPACE, "workspace");

  signals[UPDATED] = g_signal_new ("updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_install_action (widget_class, "funnel.export", NULL, export_action);
}

static void
lw_funnel_page_init (LwFunnelPage *self)
{
  GtkWidget *group;
  GtkWidget *button;
  GtkWidget *card;

  self->run_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->stage_rows = g_ptr_array_new ();

  self->preferences_page = adw_preferences_page_new ();
  gtk_widget_set_parent (self->preferences_page, GTK_WIDGET (self));

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Funnel"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("How far the leads of a run got through the lifecycle stages."));
  button = gtk_button_new ();
  gtk_button_set_child (GTK_BUTTON (button), adw_button_content_new ());
  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (gtk_button_get_child (GTK_BUTTON (button))),
                                    "document-save-as-symbolic");
  adw_button_content_set_label (ADW_BUTTON_CONTENT (gtk_button_get_child (GTK_BUTTON (button))),
                                _("_Export Chart…"));
  adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (gtk_button_get_child (GTK_BUTTON (button))),
                                        TRUE);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "funnel.export");
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), button);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self->preferences_page), ADW_PREFERENCES_GROUP (group));

  self->run_list = gtk_string_list_new (NULL);
  self->run_row = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->run_row), _("_Run"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (self->run_row), TRUE);
  adw_combo_row_set_model (ADW_COMBO_ROW (self->run_row), G_LIST_MODEL (self->run_list));
  g_object_unref (self->run_list);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->run_row);

  card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_add_css_class (card, "card");
  gtk_widget_set_margin_top (card, 12);
  self->chart = lw_funnel_chart_new ();
  gtk_widget_set_margin_top (self->chart, 12);
  gtk_widget_set_margin_bottom (self->chart, 12);
  gtk_widget_set_margin_start (self->chart, 12);
  gtk_widget_set_margin_end (self->chart, 12);
  gtk_box_append (GTK_BOX (card), self->chart);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), card);

  self->stages_group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->stages_group), _("Stages"));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self->preferences_page),
                            ADW_PREFERENCES_GROUP (self->stages_group));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "funnel.export", FALSE);
  g_signal_connect_swapped (self->run_row, "notify::selected", G_CALLBACK (run_selected_cb), self);
  g_signal_connect (self, "map", G_CALLBACK (lw_funnel_page_refresh), NULL);
}

GtkWidget *
lw_funnel_page_new (LwWorkspace *workspace)
{
  g_return_val_if_fail (LW_IS_WORKSPACE (workspace), NULL);

  return g_object_new (LW_TYPE_FUNNEL_PAGE, "workspace", workspace, NULL);
}
