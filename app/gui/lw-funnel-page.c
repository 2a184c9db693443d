/* lw-funnel-page.c: the funnel of a simulation run
 *
 * The figures are queried on a worker thread with its own connection to
 * the workspace file, when the page is shown, when another run, comparison
 * or filter is picked, and while a run writes (LwWorkspace::run-progress),
 * and applied here, by an LwViewQuery. A pick drops the query running; a
 * run's progress never does: it marks the figures stale, and one more
 * query follows the one running, so there is never more than one query at
 * a time and one redraw per query.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "lw-funnel-page.h"

#include "lw-chart-export.h"
#include "lw-funnel-chart.h"
#include "lw-page.h"
#include "lw-run-row.h"
#include "lw-table-export.h"
#include "lw-view-query.h"
#include "lw-window.h"

typedef enum
{
  FILTER_SOURCE,
  FILTER_REGION,
  FILTER_SEGMENT,
  N_FILTERS
} FilterKind;

typedef struct
{
  GtkWidget  *row;
  GtkStringList *labels;
  GPtrArray  *ids;     /* char *, NULL first ("All ...") */
} FilterRow;

typedef struct
{
  GtkWidget *row;
  GtkWidget *reached;   /* "18,163 reached" */
  GtkWidget *compared;  /* "Run 3: 16,929 (+1,234)" */
} StageRow;

struct _LwFunnelPage
{
  GtkWidget parent_instance;

  LwWorkspace  *workspace;
  LwViewQuery  *query;
  guint         n_updates;
  gboolean      applying;

  LwFunnel     *funnel;
  LwFunnel     *comparison;
  char         *chart_name;   /* the chart's series names, as last set */
  char         *chart_other;
  gboolean      charted_comparison;
  gint64        shown_status; /* LwRunStatus of the run shown; -1 none */

  GtkWidget    *preferences_page;
  GtkWidget    *funnel_group;
  GtkWidget    *run_row;
  GtkWidget    *comparison_row;
  GtkWidget    *filter_row;
  FilterRow     filters[N_FILTERS];
  GtkWidget    *chart;
  GtkWidget    *stages_group;
  GtkWidget    *empty_row;
  GArray       *stage_rows;   /* StageRow */
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
  gint64           run;          /* picked: LATEST or an id */
  gint64           comparison;   /* picked: NONE or an id */
  int              source;
  char            *region;
  char            *segment;
  /* results */
  GPtrArray       *runs;         /* LwRunInfo */
  LwRunStatus      status;       /* of the run shown, when there is one */
  LwFunnel        *funnel;
  LwFunnel        *compared;
  LwFilterChoices *choices;
} Query;

static void
query_free (Query *query)
{
  g_free (query->region);
  g_free (query->segment);
  g_clear_pointer (&query->runs, g_ptr_array_unref);
  g_clear_pointer (&query->funnel, lw_funnel_free);
  g_clear_pointer (&query->compared, lw_funnel_free);
  g_clear_pointer (&query->choices, lw_filter_choices_free);
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
  LwStoreFilter filter = LW_STORE_FILTER_INIT;
  gboolean found;
  gint64 run;

  if ((query->runs = lw_store_list_runs (store, error)) == NULL)
    return FALSE;

  run = lw_run_row_resolve (query->runs, query->run);
  found = FALSE;
  for (guint i = 0; i < query->runs->len; i++)
    {
      const LwRunInfo *info = g_ptr_array_index (query->runs, i);

      if (info->id == run)
        {
          query->status = info->status;
          found = TRUE;
        }
    }
  /* No run yet, or the run picked was deleted: nothing to show. */
  if (!found)
    return TRUE;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  filter.run = run;
  filter.source = query->source;
  filter.region = query->region;
  filter.segment = query->segment;
  query->choices = lw_store_query_filter_choices (store, run, error);
  if (query->choices == NULL)
    return FALSE;
  query->funnel = lw_store_query_funnel (store, &filter, error);
  if (query->funnel == NULL)
    return FALSE;
  if (query->comparison > 0 && !g_cancellable_is_cancelled (cancellable))
    {
      g_autoptr(GError) local_error = NULL;

      filter.run = query->comparison;
      query->compared = lw_store_query_funnel (store, &filter, &local_error);
      /* A comparison run deleted meanwhile is no comparison. */
      if (query->compared == NULL &&
          !g_error_matches (local_error, LW_STORE_ERROR, LW_STORE_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }
  return TRUE;
}

/* ---- filters -------------------------------------------------------------------------------- */

static const char *
filter_id (FilterRow *filter)
{
  guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (filter->row));

  if (selected == GTK_INVALID_LIST_POSITION || selected >= filter->ids->len)
    return NULL;
  return g_ptr_array_index (filter->ids, selected);
}

static int
compare_choices (gconstpointer a,
                 gconstpointer b)
{
  const LwFilterChoice *x = a, *y = b;

  return g_utf8_collate (x->label, y->label);
}

/* The label of value @id of the current rule set's property @property
 * ("EMEA" → "Europe, Middle East and Africa"), else @fallback. */
static const char *
option_label (LwFunnelPage *self,
              const char   *property,
              const char   *id,
              const char   *fallback)
{
  const LwConfig *config = lw_workspace_get_config (self->workspace);
  const LwProperty *prop = config != NULL ? lw_config_find_property (config, property) : NULL;

  for (guint i = 0; prop != NULL && prop->options != NULL && i < prop->options->len; i++)
    {
      const LwOption *option = g_ptr_array_index (prop->options, i);

      if (g_strcmp0 (option->value, id) == 0 && option->label != NULL && *option->label != '\0')
        return option->label;
    }
  return fallback;
}

static gboolean
same_choices (FilterRow *filter,
              GPtrArray *ids,
              GPtrArray *labels)
{
  if (filter->ids->len != ids->len)
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (filter->ids, i), g_ptr_array_index (ids, i)) != 0 ||
        g_strcmp0 (gtk_string_list_get_string (filter->labels, i), g_ptr_array_index (labels, i)) != 0)
      return FALSE;
  return TRUE;
}

static void
set_filter_choices (LwFunnelPage *self,
                    FilterKind    kind,
                    GArray       *choices)
{
  static const char * const properties[N_FILTERS] = { "source", "region", "segment" };
  FilterRow *filter = &self->filters[kind];
  const char *picked = filter_id (filter);
  g_autoptr(GArray) sorted = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  guint position = 0;

  g_ptr_array_add (ids, NULL);
  g_ptr_array_add (labels, (gpointer) (kind == FILTER_SOURCE ? _("All sources")
                                       : kind == FILTER_REGION ? _("All regions")
                                       : _("All segments")));

  /* Sources by their index (the filter takes it), the others by name. */
  sorted = g_array_sized_new (FALSE, FALSE, sizeof (LwFilterChoice), choices->len);
  for (guint i = 0; i < choices->len; i++)
    {
      LwFilterChoice choice = g_array_index (choices, LwFilterChoice, i);

      if (kind == FILTER_SOURCE)
        choice.id = g_strdup_printf ("%u", i);
      else
        choice.id = g_strdup (choice.id);
      g_array_append_val (sorted, choice);
    }
  if (kind != FILTER_SOURCE)
    g_array_sort (sorted, compare_choices);

  for (guint i = 0; i < sorted->len; i++)
    {
      LwFilterChoice *choice = &g_array_index (sorted, LwFilterChoice, i);
      const char *label = kind == FILTER_SOURCE ? choice->label
                          : option_label (self, properties[kind], choice->id, choice->label);

      if (g_strcmp0 (choice->id, picked) == 0)
        position = ids->len;
      g_ptr_array_add (ids, choice->id);
      g_ptr_array_add (labels, (gpointer) label);
    }

  /* While a run goes on the choices rarely change, ten times a second. */
  if (same_choices (filter, ids, labels))
    return;

  g_ptr_array_add (labels, NULL);
  g_ptr_array_unref (filter->ids);
  filter->ids = g_steal_pointer (&ids);
  gtk_string_list_splice (filter->labels, 0, g_list_model_get_n_items (G_LIST_MODEL (filter->labels)),
                          (const char * const *) labels->pdata);
  adw_combo_row_set_selected (ADW_COMBO_ROW (filter->row), position);
}

static void
update_filter_summary (LwFunnelPage *self)
{
  g_autoptr(GString) summary = g_string_new (NULL);

  for (guint k = 0; k < N_FILTERS; k++)
    {
      guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (self->filters[k].row));

      if (selected == 0 || selected == GTK_INVALID_LIST_POSITION)
        continue;
      if (summary->len > 0)
        g_string_append (summary, " · ");
      g_string_append (summary, gtk_string_list_get_string (self->filters[k].labels, selected));
    }
  if (summary->len == 0)
    g_string_append (summary, _("All leads"));
  {
    g_autofree char *escaped = g_markup_escape_text (summary->str, -1);

    adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self->filter_row), escaped);
  }
}

/* ---- showing -------------------------------------------------------------------------------- */

static char *
format_median (double seconds)
{
  if (seconds < 0)
    return g_strdup ("–");
  return lw_chart_format_duration ((gint64) seconds);
}

static const LwFunnelStage *
find_stage (const LwFunnel *funnel,
            const char     *id)
{
  for (guint i = 0; funnel != NULL && i < funnel->stages->len; i++)
    {
      const LwFunnelStage *stage = &g_array_index (funnel->stages, LwFunnelStage, i);

      if (g_strcmp0 (stage->id, id) == 0)
        return stage;
    }
  return NULL;
}

static char *
run_name (gint64 run)
{
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, run);

  /* translators: a run named in a chart's legend and in tables: "Run 3" */
  return g_strdup_printf (_("Run %s"), number);
}

static void
clear_stage_rows (LwFunnelPage *self)
{
  for (guint i = 0; i < self->stage_rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self->stages_group),
                                  g_array_index (self->stage_rows, StageRow, i).row);
  g_array_set_size (self->stage_rows, 0);
}

static void
ensure_stage_rows (LwFunnelPage *self,
                   guint         n)
{
  if (self->stage_rows->len == n)
    return;
  clear_stage_rows (self);
  for (guint i = 0; i < n; i++)
    {
      StageRow stage_row;
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

      stage_row.row = adw_action_row_new ();
      stage_row.reached = gtk_label_new (NULL);
      gtk_label_set_xalign (GTK_LABEL (stage_row.reached), 1);
      gtk_widget_add_css_class (stage_row.reached, "numeric");
      stage_row.compared = gtk_label_new (NULL);
      gtk_label_set_xalign (GTK_LABEL (stage_row.compared), 1);
      gtk_widget_add_css_class (stage_row.compared, "numeric");
      gtk_widget_add_css_class (stage_row.compared, "caption");
      gtk_widget_add_css_class (stage_row.compared, "dim-label");
      gtk_box_append (GTK_BOX (box), stage_row.reached);
      gtk_box_append (GTK_BOX (box), stage_row.compared);
      gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (stage_row.row), box);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->stages_group), stage_row.row);
      g_array_append_val (self->stage_rows, stage_row);
    }
}

static void
update_stage_row (LwFunnelPage        *self,
                  StageRow            *stage_row,
                  const LwFunnelStage *stage)
{
  const LwFunnelStage *other = find_stage (self->comparison, stage->id);
  g_autofree char *title = g_markup_escape_text (stage->label != NULL ? stage->label : stage->id, -1);
  g_autofree char *reached = lw_format_count (stage->reached);
  g_autofree char *reached_text = NULL;
  g_autofree char *subtitle = NULL;

  if (stage->conversion >= 0 || (other != NULL && other->conversion >= 0))
    {
      g_autofree char *conversion = lw_chart_format_percent (100 * stage->conversion);
      g_autofree char *drop_off = lw_format_count (stage->drop_off);
      g_autofree char *median = format_median (stage->median_seconds);

      if (other != NULL && stage->conversion >= 0 && other->conversion >= 0)
        {
          g_autofree char *points = lw_chart_format_points (100 * (stage->conversion - other->conversion));

          /* translators: a funnel stage's figures with the change against the
           * compared run: "42.0 %" "+2.1 pts" · "1,203" · "2 d 3 h" */
          subtitle = g_strdup_printf (_("Conversion %s (%s) · drop-off %s · median time %s"),
                                      conversion, points, drop_off, median);
        }
      else
        /* translators: a funnel stage's figures: "42.0 %" · "1,203" · "2 d 3 h" */
        subtitle = g_strdup_printf (_("Conversion %s · drop-off %s · median time %s"),
                                    conversion, drop_off, median);
    }
  else
    {
      g_autofree char *current = lw_format_count (stage->current);

      /* translators: the last funnel stage: how many are in it at the end */
      subtitle = g_strdup_printf (_("%s in this stage at the end"), current);
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (stage_row->row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (stage_row->row), subtitle);

  /* translators: how many leads reached a funnel stage ("1,203 reached") */
  reached_text = g_strdup_printf (_("%s reached"), reached);
  gtk_label_set_text (GTK_LABEL (stage_row->reached), reached_text);

  if (self->comparison != NULL)
    {
      guint64 then = other != NULL ? other->reached : 0;
      g_autofree char *name = run_name (self->comparison->run);
      g_autofree char *count = lw_format_count (then);
      g_autofree char *delta = lw_chart_format_delta ((gint64) stage->reached - (gint64) then);
      /* translators: the compared run's count and the change: "Run 3: 16,929 (+1,234)" */
      g_autofree char *text = g_strdup_printf (_("%s: %s (%s)"), name, count, delta);

      gtk_label_set_text (GTK_LABEL (stage_row->compared), text);
      gtk_widget_set_visible (stage_row->compared, TRUE);
    }
  else
    gtk_widget_set_visible (stage_row->compared, FALSE);
}

static void
update_stages (LwFunnelPage *self)
{
  if (self->funnel == NULL || self->funnel->stages->len == 0)
    {
      clear_stage_rows (self);
      gtk_widget_set_visible (self->empty_row, TRUE);
      if (self->funnel != NULL)
        {
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->empty_row), _("No stages"));
          adw_action_row_set_subtitle (ADW_ACTION_ROW (self->empty_row),
                                       _("The rule set of this run has no lifecycle stages."));
        }
      else
        {
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->empty_row), _("No run yet"));
          adw_action_row_set_subtitle (ADW_ACTION_ROW (self->empty_row),
                                       _("Run a simulation on the Simulate page."));
        }
      return;
    }

  gtk_widget_set_visible (self->empty_row, FALSE);
  ensure_stage_rows (self, self->funnel->stages->len);
  for (guint i = 0; i < self->funnel->stages->len; i++)
    update_stage_row (self, &g_array_index (self->stage_rows, StageRow, i),
                      &g_array_index (self->funnel->stages, LwFunnelStage, i));
}

static void
update_description (LwFunnelPage *self)
{
  g_autofree char *leads = NULL;
  g_autofree char *text = NULL;
  gboolean filtered;

  if (self->funnel == NULL)
    {
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->funnel_group),
                                             _("How far the leads of a run got through the lifecycle stages."));
      return;
    }
  leads = lw_format_count (self->funnel->leads);
  filtered = FALSE;
  for (guint k = 0; k < N_FILTERS; k++)
    filtered |= filter_id (&self->filters[k]) != NULL;
  if (filtered && self->shown_status == LW_RUN_RUNNING)
    /* translators: %s is a count of leads; the run is still going */
    text = g_strdup_printf (_("How far the %s leads the filters keep, of the run so far, got through "
                              "the lifecycle stages. The run is still going: the figures follow it."),
                            leads);
  else if (filtered)
    /* translators: %s is a count of leads */
    text = g_strdup_printf (_("How far the %s leads the filters keep got through the lifecycle stages."),
                            leads);
  else if (self->shown_status == LW_RUN_RUNNING)
    /* translators: %s is a count of leads; the run is still going */
    text = g_strdup_printf (_("How far the %s leads of the run so far got through the lifecycle "
                              "stages. The run is still going: the figures follow it."), leads);
  else
    /* translators: %s is a count of leads */
    text = g_strdup_printf (_("How far the %s leads of the run got through the lifecycle stages."),
                            leads);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->funnel_group), text);
}

static gboolean
same_funnel (const LwFunnel *a,
             const LwFunnel *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  if (a->run != b->run || a->leads != b->leads || a->stages->len != b->stages->len)
    return FALSE;
  for (guint i = 0; i < a->stages->len; i++)
    {
      const LwFunnelStage *x = &g_array_index (a->stages, LwFunnelStage, i);
      const LwFunnelStage *y = &g_array_index (b->stages, LwFunnelStage, i);

      if (x->reached != y->reached || x->entered != y->entered || x->current != y->current ||
          x->conversion != y->conversion || x->drop_off != y->drop_off || x->left != y->left ||
          x->median_seconds != y->median_seconds || g_strcmp0 (x->id, y->id) != 0 ||
          g_strcmp0 (x->label, y->label) != 0)
        return FALSE;
    }
  return TRUE;
}

static gboolean
same_picks (LwFunnelPage *self,
            gint64        run,
            gint64        comparison,
            char        **filters)
{
  if (run != lw_run_row_get_run (LW_RUN_ROW (self->run_row)) ||
      comparison != lw_run_row_get_run (LW_RUN_ROW (self->comparison_row)))
    return FALSE;
  for (guint k = 0; k < N_FILTERS; k++)
    if (g_strcmp0 (filters[k], filter_id (&self->filters[k])) != 0)
      return FALSE;
  return TRUE;
}

/* Returns TRUE when the picks changed on the way: one more query. */
static gboolean
apply_query (LwFunnelPage *self,
             Query        *query)
{
  gboolean again = FALSE;
  gint64 run = lw_run_row_get_run (LW_RUN_ROW (self->run_row));
  gint64 comparison = lw_run_row_get_run (LW_RUN_ROW (self->comparison_row));
  char *filters[N_FILTERS];

  for (guint k = 0; k < N_FILTERS; k++)
    filters[k] = g_strdup (filter_id (&self->filters[k]));

  self->applying = TRUE;
  lw_run_row_set_runs (LW_RUN_ROW (self->run_row), query->runs);
  lw_run_row_set_runs (LW_RUN_ROW (self->comparison_row), query->runs);
  if (query->choices != NULL)
    {
      set_filter_choices (self, FILTER_SOURCE, query->choices->sources);
      set_filter_choices (self, FILTER_REGION, query->choices->regions);
      set_filter_choices (self, FILTER_SEGMENT, query->choices->segments);
      update_filter_summary (self);
    }
  self->applying = FALSE;

  /* A run picked that is gone, or a filter value the run shown does not
   * have, went back to the first entry: the figures shown are of the
   * picks before, and one more query follows. */
  if (!same_picks (self, run, comparison, filters))
    again = TRUE;
  for (guint k = 0; k < N_FILTERS; k++)
    g_free (filters[k]);

  /* The same figures (a paced run between two arrivals, the end of a
   * run already shown): nothing to lay out or draw again. */
  if (self->n_updates > 0 && same_funnel (self->funnel, query->funnel) &&
      same_funnel (self->comparison, query->compared) &&
      self->shown_status == (query->funnel != NULL ? (gint64) query->status : -1))
    {
      self->n_updates++;
      g_signal_emit (self, signals[UPDATED], 0);
      return again;
    }

  g_clear_pointer (&self->funnel, lw_funnel_free);
  g_clear_pointer (&self->comparison, lw_funnel_free);
  self->funnel = g_steal_pointer (&query->funnel);
  self->comparison = g_steal_pointer (&query->compared);
  self->shown_status = self->funnel != NULL ? (gint64) query->status : -1;

  if (self->funnel != NULL)
    {
      g_autofree char *name = run_name (self->funnel->run);
      g_autofree char *other = self->comparison != NULL ? run_name (self->comparison->run) : NULL;

      /* Each of the chart's setters lays it out again: the names only
       * when they change. */
      if (g_strcmp0 (name, self->chart_name) != 0 || g_strcmp0 (other, self->chart_other) != 0)
        {
          lw_funnel_chart_set_series_names (LW_FUNNEL_CHART (self->chart), name, other);
          g_free (self->chart_name);
          self->chart_name = g_steal_pointer (&name);
          g_free (self->chart_other);
          self->chart_other = g_steal_pointer (&other);
        }
      lw_funnel_chart_set_funnel (LW_FUNNEL_CHART (self->chart), self->funnel);
    }
  else
    lw_funnel_chart_set_stages (LW_FUNNEL_CHART (self->chart), NULL, 0);
  if (self->comparison != NULL || self->charted_comparison)
    lw_funnel_chart_set_comparison_funnel (LW_FUNNEL_CHART (self->chart), self->comparison);
  self->charted_comparison = self->comparison != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "funnel.export", self->funnel != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "funnel.export-table",
                                 self->funnel != NULL && self->funnel->stages->len > 0);
  update_description (self);
  update_stages (self);
  self->n_updates++;
  g_signal_emit (self, signals[UPDATED], 0);
  return again;
}

static gboolean
query_apply (GtkWidget    *owner,
             gpointer      data,
             const GError *error)
{
  if (error != NULL)
    return FALSE;
  return apply_query (LW_FUNNEL_PAGE (owner), data);
}

static gpointer
query_prepare (GtkWidget *owner)
{
  LwFunnelPage *self = LW_FUNNEL_PAGE (owner);
  const char *source = filter_id (&self->filters[FILTER_SOURCE]);
  Query *query;

  if (lw_workspace_get_path (self->workspace) == NULL)
    {
      update_stages (self);
      return NULL;
    }
  query = g_new0 (Query, 1);
  query->run = lw_run_row_get_run (LW_RUN_ROW (self->run_row));
  query->comparison = lw_run_row_get_run (LW_RUN_ROW (self->comparison_row));
  query->source = source != NULL ? (int) g_ascii_strtoll (source, NULL, 10) : -1;
  query->region = g_strdup (filter_id (&self->filters[FILTER_REGION]));
  query->segment = g_strdup (filter_id (&self->filters[FILTER_SEGMENT]));
  return query;
}

/* The run shown (or the latest, which a new run becomes), the run
 * compared with, or one that ended and joins the dropdowns. */
static gboolean
query_wants_run (GtkWidget *owner,
                 gint64     run,
                 gboolean   finished)
{
  LwFunnelPage *self = LW_FUNNEL_PAGE (owner);
  gint64 picked = lw_run_row_get_run (LW_RUN_ROW (self->run_row));
  gint64 compared = lw_run_row_get_run (LW_RUN_ROW (self->comparison_row));

  return picked == LW_RUN_ROW_LATEST || picked == run || compared == run || finished;
}

static const LwViewQueryFuncs query_funcs = {
  .prepare = query_prepare,
  .run = query_run,
  .apply = query_apply,
  .free_job = (void (*) (gpointer)) query_free,
  .wants_run = query_wants_run,
  .what = "the funnel",
};

void
lw_funnel_page_refresh (LwFunnelPage *self)
{
  g_return_if_fail (LW_IS_FUNNEL_PAGE (self));

  lw_view_query_refresh (self->query);
}

const LwFunnel *
lw_funnel_page_get_funnel (LwFunnelPage *self)
{
  g_return_val_if_fail (LW_IS_FUNNEL_PAGE (self), NULL);

  return self->funnel;
}

const LwFunnel *
lw_funnel_page_get_comparison (LwFunnelPage *self)
{
  g_return_val_if_fail (LW_IS_FUNNEL_PAGE (self), NULL);

  return self->comparison;
}

gboolean
lw_funnel_page_set_runs (LwFunnelPage *self,
                         gint64        run,
                         gint64        comparison)
{
  gboolean ok;

  g_return_val_if_fail (LW_IS_FUNNEL_PAGE (self), FALSE);

  self->applying = TRUE;
  ok = lw_run_row_set_run (LW_RUN_ROW (self->run_row), run);
  ok &= lw_run_row_set_run (LW_RUN_ROW (self->comparison_row), comparison);
  self->applying = FALSE;
  lw_funnel_page_refresh (self);
  return ok;
}

static guint
find_filter (FilterRow  *filter,
             const char *id)
{
  for (guint i = 0; i < filter->ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (filter->ids, i), id) == 0)
      return i;
  return GTK_INVALID_LIST_POSITION;
}

gboolean
lw_funnel_page_set_filter (LwFunnelPage *self,
                           int           source,
                           const char   *region,
                           const char   *segment)
{
  g_autofree char *source_id = source >= 0 ? g_strdup_printf ("%d", source) : NULL;
  const char *ids[N_FILTERS] = { source_id, region, segment };
  guint positions[N_FILTERS];

  g_return_val_if_fail (LW_IS_FUNNEL_PAGE (self), FALSE);

  for (guint k = 0; k < N_FILTERS; k++)
    if ((positions[k] = find_filter (&self->filters[k], ids[k])) == GTK_INVALID_LIST_POSITION)
      return FALSE;

  self->applying = TRUE;
  for (guint k = 0; k < N_FILTERS; k++)
    adw_combo_row_set_selected (ADW_COMBO_ROW (self->filters[k].row), positions[k]);
  self->applying = FALSE;
  update_filter_summary (self);
  lw_funnel_page_refresh (self);
  return TRUE;
}

guint
lw_funnel_page_get_n_queries (LwFunnelPage *self)
{
  g_return_val_if_fail (LW_IS_FUNNEL_PAGE (self), 0);

  return lw_view_query_get_n_queries (self->query);
}

guint
lw_funnel_page_get_n_updates (LwFunnelPage *self)
{
  g_return_val_if_fail (LW_IS_FUNNEL_PAGE (self), 0);

  return self->n_updates;
}

static void
picked_cb (LwFunnelPage *self)
{
  if (self->applying || self->query == NULL)
    return;
  update_filter_summary (self);
  lw_funnel_page_refresh (self);
}

/* ---- export --------------------------------------------------------------------------------- */

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LwFunnelPage *self = LW_FUNNEL_PAGE (widget);

  lw_chart_export_dialog (LW_CHART (self->chart), widget, _("funnel.png"));
}

static char *
dup_double (double value,
            int    digits)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (value < 0)
    return NULL;
  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, digits == 1 ? "%.1f" : "%.0f", value));
}

static char *
dup_count (guint64 value)
{
  return g_strdup_printf ("%" G_GUINT64_FORMAT, value);
}

static void
add_stage_cells (GPtrArray           *cells,
                 const LwFunnelStage *stage)
{
  g_ptr_array_add (cells, stage != NULL ? dup_count (stage->reached) : NULL);
  g_ptr_array_add (cells, stage != NULL ? dup_count (stage->current) : NULL);
  g_ptr_array_add (cells, stage != NULL ? dup_double (100 * stage->conversion, 1) : NULL);
  g_ptr_array_add (cells, stage != NULL && stage->conversion >= 0 ? dup_count (stage->drop_off) : NULL);
  g_ptr_array_add (cells, stage != NULL ? dup_double (stage->median_seconds, 0) : NULL);
}

/* The stages as a table: the run's figures, then the compared run's and
 * the changes when there is one. Numbers are plain ("1234", "42.0") so a
 * spreadsheet reads them as numbers. */
static void
export_table_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  LwFunnelPage *self = LW_FUNNEL_PAGE (widget);
  g_autoptr(GPtrArray) header = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *cells;
  g_autofree char *name = NULL;
  g_autofree char *other = NULL;

  if (self->funnel == NULL)
    return;
  name = run_name (self->funnel->run);
  g_ptr_array_add (header, g_strdup (_("Stage")));
  /* translators: CSV column headers; %s is a run ("Run 3") */
  g_ptr_array_add (header, g_strdup_printf (_("%s: reached"), name));
  g_ptr_array_add (header, g_strdup_printf (_("%s: in stage at the end"), name));
  g_ptr_array_add (header, g_strdup_printf (_("%s: conversion to next stage (%%)"), name));
  g_ptr_array_add (header, g_strdup_printf (_("%s: drop-off"), name));
  g_ptr_array_add (header, g_strdup_printf (_("%s: median time in stage (s)"), name));
  if (self->comparison != NULL)
    {
      other = run_name (self->comparison->run);
      g_ptr_array_add (header, g_strdup_printf (_("%s: reached"), other));
      g_ptr_array_add (header, g_strdup_printf (_("%s: in stage at the end"), other));
      g_ptr_array_add (header, g_strdup_printf (_("%s: conversion to next stage (%%)"), other));
      g_ptr_array_add (header, g_strdup_printf (_("%s: drop-off"), other));
      g_ptr_array_add (header, g_strdup_printf (_("%s: median time in stage (s)"), other));
      g_ptr_array_add (header, g_strdup (_("Change in reached")));
      g_ptr_array_add (header, g_strdup (_("Change in conversion (points)")));
    }

  cells = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < self->funnel->stages->len; i++)
    {
      const LwFunnelStage *stage = &g_array_index (self->funnel->stages, LwFunnelStage, i);

      g_ptr_array_add (cells, g_strdup (stage->label != NULL ? stage->label : stage->id));
      add_stage_cells (cells, stage);
      if (self->comparison != NULL)
        {
          const LwFunnelStage *then = find_stage (self->comparison, stage->id);
          char buffer[G_ASCII_DTOSTR_BUF_SIZE];

          add_stage_cells (cells, then);
          g_ptr_array_add (cells, g_strdup_printf ("%" G_GINT64_FORMAT,
                                                   (gint64) stage->reached - (gint64) (then != NULL ? then->reached : 0)));
          if (then != NULL && stage->conversion >= 0 && then->conversion >= 0)
            g_ptr_array_add (cells, g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.1f",
                                                               100 * (stage->conversion - then->conversion))));
          else
            g_ptr_array_add (cells, NULL);
        }
    }

  lw_table_export_dialog (widget, _("funnel.csv"), header->len,
                          (const char * const *) header->pdata, cells);
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

  self->query = lw_view_query_new (GTK_WIDGET (self), self->workspace, &query_funcs);
  update_stages (self);
}

static void
lw_funnel_page_dispose (GObject *object)
{
  LwFunnelPage *self = LW_FUNNEL_PAGE (object);

  if (self->query != NULL)
    lw_view_query_close (self->query);
  g_clear_pointer (&self->preferences_page, gtk_widget_unparent);
  g_clear_object (&self->workspace);

  G_OBJECT_CLASS (lw_funnel_page_parent_class)->dispose (object);
}

static void
lw_funnel_page_finalize (GObject *object)
{
  LwFunnelPage *self = LW_FUNNEL_PAGE (object);

  g_clear_object (&self->query);
  g_free (self->chart_name);
  g_free (self->chart_other);
  g_clear_pointer (&self->funnel, lw_funnel_free);
  g_clear_pointer (&self->comparison, lw_funnel_free);
  for (guint k = 0; k < N_FILTERS; k++)
    g_ptr_array_unref (self->filters[k].ids);
  g_array_unref (self->stage_rows);

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
  gtk_widget_class_install_action (widget_class, "funnel.export-table", NULL, export_table_action);
}

static GtkWidget *
new_header_button (const char *label,
                   const char *icon_name,
                   const char *action_name,
                   const char *tooltip)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *content = adw_button_content_new ();

  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), icon_name);
  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), label);
  adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (content), TRUE);
  gtk_button_set_child (GTK_BUTTON (button), content);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  return button;
}

static void
init_filter (LwFunnelPage *self,
             FilterKind    kind,
             const char   *title,
             const char   *all)
{
  FilterRow *filter = &self->filters[kind];

  filter->ids = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (filter->ids, NULL);
  filter->labels = gtk_string_list_new (NULL);
  gtk_string_list_append (filter->labels, all);
  filter->row = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (filter->row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (filter->row), TRUE);
  adw_combo_row_set_model (ADW_COMBO_ROW (filter->row), G_LIST_MODEL (filter->labels));
  g_object_unref (filter->labels);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (self->filter_row), filter->row);
  g_signal_connect_swapped (filter->row, "notify::selected", G_CALLBACK (picked_cb), self);
}

static void
lw_funnel_page_init (LwFunnelPage *self)
{
  GtkWidget *card;

  self->stage_rows = g_array_new (FALSE, FALSE, sizeof (StageRow));
  self->shown_status = -1;

  self->preferences_page = adw_preferences_page_new ();
  gtk_widget_set_parent (self->preferences_page, GTK_WIDGET (self));

  self->funnel_group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->funnel_group), _("Funnel"));
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (self->funnel_group),
                                           new_header_button (_("_Export Chart…"), "document-save-as-symbolic",
                                                              "funnel.export",
                                                              _("Save the chart as a PNG or SVG image")));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self->preferences_page),
                            ADW_PREFERENCES_GROUP (self->funnel_group));

  self->run_row = lw_run_row_new (FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->run_row), _("_Run"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (self->run_row), TRUE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->funnel_group), self->run_row);

  self->comparison_row = lw_run_row_new (TRUE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->comparison_row), _("_Compare With"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (self->comparison_row), TRUE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->comparison_row),
                               _("Another run, drawn as a dashed outline"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->funnel_group), self->comparison_row);

  self->filter_row = adw_expander_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->filter_row), _("_Leads"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (self->filter_row), TRUE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->funnel_group), self->filter_row);
  init_filter (self, FILTER_SOURCE, _("_Source"), _("All sources"));
  init_filter (self, FILTER_REGION, _("Re_gion"), _("All regions"));
  init_filter (self, FILTER_SEGMENT, _("Se_gment"), _("All segments"));
  update_filter_summary (self);

  card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_add_css_class (card, "card");
  gtk_widget_set_margin_top (card, 12);
  self->chart = lw_funnel_chart_new ();
  gtk_widget_set_margin_top (self->chart, 12);
  gtk_widget_set_margin_bottom (self->chart, 12);
  gtk_widget_set_margin_start (self->chart, 12);
  gtk_widget_set_margin_end (self->chart, 12);
  gtk_box_append (GTK_BOX (card), self->chart);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->funnel_group), card);

  self->stages_group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->stages_group), _("Stages"));
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (self->stages_group),
                                           new_header_button (_("Export _Table…"), "x-office-spreadsheet-symbolic",
                                                              "funnel.export-table",
                                                              _("Save the stages as a CSV table")));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self->preferences_page),
                            ADW_PREFERENCES_GROUP (self->stages_group));
  self->empty_row = adw_action_row_new ();
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->stages_group), self->empty_row);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "funnel.export", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "funnel.export-table", FALSE);
  g_signal_connect_swapped (self->run_row, "run-changed", G_CALLBACK (picked_cb), self);
  g_signal_connect_swapped (self->comparison_row, "run-changed", G_CALLBACK (picked_cb), self);
}

GtkWidget *
lw_funnel_page_new (LwWorkspace *workspace)
{
  g_return_val_if_fail (LW_IS_WORKSPACE (workspace), NULL);

  return g_object_new (LW_TYPE_FUNNEL_PAGE, "workspace", workspace, NULL);
}
