/* lw-routing-results-page.c: where the leads of a run went
 *
 * The figures (lw_store_query_routing()) are queried on a worker thread
 * with its own connection to the workspace file, when the page is shown,
 * when another run is picked, and while a run writes
 * (LwWorkspace::run-progress), as the Funnel page does: a pick drops the
 * query running, a run's progress only asks for one more query after it,
 * so there is never more than one at a time and one redraw per query.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "lw-routing-results-page.h"

#include "lw-bar-chart.h"
#include "lw-chart-export.h"
#include "lw-page.h"
#include "lw-run-row.h"
#include "lw-table-export.h"
#include "lw-view-query.h"
#include "lw-window.h"

struct _LwRoutingResultsPage
{
  GtkWidget parent_instance;

  LwWorkspace      *workspace;
  LwViewQuery      *query;         /* the figures' queries */
  guint             n_updates;
  gboolean          applying;
  LwRoutingFigures *figures;
  LwRunStatus       status;        /* of the run shown */

  /* template widgets */
  GtkWidget        *preferences_page;
  GtkWidget        *summary_group;
  GtkWidget        *run_row;
  GtkWidget        *routed_label;
  GtkWidget        *fallback_label;
  GtkWidget        *unassigned_label;
  GtkWidget        *load_group;
  GtkWidget        *chart;
  GtkWidget        *pools_group;
  GtkWidget        *reasons_group;

  GPtrArray        *pool_rows;     /* GtkWidget, in pools_group */
  GPtrArray        *reason_rows;   /* GtkWidget, in reasons_group */
};

static void lw_routing_results_page_page_init (LwPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LwRoutingResultsPage, lw_routing_results_page, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (LW_TYPE_PAGE, lw_routing_results_page_page_init))

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

/* Evenness (the smallest share over the largest) from which a pool reads
 * as even, and below which it reads as skewed. */
#define EVEN   0.9
#define SKEWED 0.6

/* ---- the query ------------------------------------------------------------------------------ */

typedef struct
{
  gint64            run;       /* picked: LATEST or an id */
  GPtrArray        *runs;      /* LwRunInfo */
  LwRunStatus       status;
  LwRoutingFigures *figures;
} Query;

static void
query_free (Query *query)
{
  g_clear_pointer (&query->runs, g_ptr_array_unref);
  g_clear_pointer (&query->figures, lw_routing_figures_free);
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
  gboolean found = FALSE;
  gint64 run;

  if ((query->runs = lw_store_list_runs (store, error)) == NULL)
    return FALSE;
  run = lw_run_row_resolve (query->runs, query->run);
  for (guint i = 0; i < query->runs->len; i++)
    {
      const LwRunInfo *info = g_ptr_array_index (query->runs, i);

      if (info->id == run)
        {
          query->status = info->status;
          found = TRUE;
        }
    }
  if (found && !g_cancellable_is_cancelled (cancellable))
    {
      filter.run = run;
      query->figures = lw_store_query_routing (store, &filter, error);
      if (query->figures == NULL)
        return FALSE;
    }
  return TRUE;
}

/* ---- showing -------------------------------------------------------------------------------- */

/* "1,234 (5.6 %)" */
static char *
count_and_share (guint64 count,
                 guint64 total)
{
  g_autofree char *number = lw_format_count (count);
  g_autofree char *share = lw_chart_format_percent (total > 0 ? 100.0 * count / total : -1);

  if (total == 0)
    return g_steal_pointer (&number);
  /* translators: a count and its share of all: "1,234 (5.6 %)" */
  return g_strdup_printf (_("%s (%s)"), number, share);
}

static void
update_summary (LwRoutingResultsPage *self)
{
  const LwRoutingFigures *f = self->figures;
  g_autofree char *routed = NULL;
  g_autofree char *fallback = NULL;
  g_autofree char *unassigned = NULL;
  guint64 by_rule;

  if (f == NULL)
    {
      gtk_label_set_text (GTK_LABEL (self->routed_label), "–");
      gtk_label_set_text (GTK_LABEL (self->fallback_label), "–");
      gtk_label_set_text (GTK_LABEL (self->unassigned_label), "–");
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->run_row), _("No run yet: run a simulation on the Simulate page."));
      return;
    }

  by_rule = f->leads - MIN (f->leads, f->fallback + f->unassigned);
  routed = count_and_share (by_rule, f->leads);
  fallback = count_and_share (f->fallback, f->leads);
  unassigned = count_and_share (f->unassigned, f->leads);
  gtk_label_set_text (GTK_LABEL (self->routed_label), routed);
  gtk_label_set_text (GTK_LABEL (self->fallback_label), fallback);
  gtk_label_set_text (GTK_LABEL (self->unassigned_label), unassigned);

  if (self->status == LW_RUN_RUNNING)
    {
      g_autofree char *leads = lw_format_count (f->leads);
      /* translators: %s is a count of leads so far */
      g_autofree char *text = g_strdup_printf (ngettext ("Still running, %s lead so far: the figures follow it",
                                                         "Still running, %s leads so far: the figures follow it",
                                                         (gulong) MIN (f->leads, G_MAXULONG)),
                                               leads);

      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->run_row), text);
    }
  else
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->run_row), NULL);
}

/* Reps who got leads, or who have a capacity: a manager outside every
 * pool would be an empty bar. */
static void
update_chart (LwRoutingResultsPage *self)
{
  g_autoptr(GArray) shown = g_array_new (FALSE, FALSE, sizeof (LwRepLoad));

  if (self->figures == NULL)
    {
      lw_bar_chart_set_rep_loads (LW_BAR_CHART (self->chart), NULL, 0);
      return;
    }
  for (guint i = 0; i < self->figures->reps->len; i++)
    {
      const LwRepLoad *rep = &g_array_index (self->figures->reps, LwRepLoad, i);

      if (rep->routed > 0 || rep->capacity_total > 0)
        g_array_append_vals (shown, rep, 1);
    }
  lw_bar_chart_set_rep_loads (LW_BAR_CHART (self->chart), (const LwRepLoad *) (gpointer) shown->data,
                              shown->len);
}

static void
clear_rows (GtkWidget *group,
            GPtrArray *rows)
{
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), g_ptr_array_index (rows, i));
  g_ptr_array_set_size (rows, 0);
}

static GtkWidget *
add_row (GtkWidget  *group,
         GPtrArray  *rows,
         const char *name,
         const char *title,
         const char *subtitle,
         const char *value,
         const char *style)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *escaped = g_markup_escape_text (title, -1);

  gtk_widget_set_name (row, name);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (value != NULL)
    {
      GtkWidget *label = gtk_label_new (value);

      gtk_widget_add_css_class (label, "numeric");
      if (style != NULL)
        gtk_widget_add_css_class (label, style);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  g_ptr_array_add (rows, row);
  return row;
}

static void
update_pools (LwRoutingResultsPage *self)
{
  clear_rows (self->pools_group, self->pool_rows);
  if (self->figures == NULL || self->figures->pools->len == 0)
    {
      add_row (self->pools_group, self->pool_rows, "no-pools",
               self->figures == NULL ? _("No run yet") : _("No pools"),
               self->figures == NULL ? NULL : _("The rule set of this run has no round-robin pools."),
               NULL, NULL);
      return;
    }

  for (guint i = 0; i < self->figures->pools->len; i++)
    {
      const LwPoolFairness *pool = &g_array_index (self->figures->pools, LwPoolFairness, i);
      g_autofree char *name = g_strconcat ("pool:", pool->id, NULL);
      g_autofree char *leads = lw_format_count (pool->leads);
      g_autofree char *subtitle = NULL;
      g_autofree char *value = NULL;
      const char *style = NULL;

      if (pool->leads == 0)
        subtitle = g_strdup (_("No lead was routed from this pool"));
      else if (pool->members <= 1)
        /* translators: %s is a count of leads */
        subtitle = g_strdup_printf (ngettext ("%s lead, to its only member",
                                                "%s leads, all to its only member",
                                                (unsigned long) MIN (pool->leads, G_MAXULONG)),
                                      leads);
      else
        {
          char gini[G_ASCII_DTOSTR_BUF_SIZE];
          g_autofree char *members = g_strdup_printf ("%u", pool->members);
          g_autofree char *percent = lw_chart_format_percent (100 * pool->min_max_ratio);

          g_ascii_formatd (gini, sizeof gini, "%.2f", pool->gini);
          /* translators: "1,514 leads among 3 members · Gini 0.08"; there are always
           * several members here, the plural follows the leads */
          subtitle = g_strdup_printf (ngettext ("%s lead among %s members · Gini %s",
                                                "%s leads among %s members · Gini %s",
                                                (gulong) MIN (pool->leads, G_MAXULONG)),
                                      leads, members, gini);
          /* translators: how even a pool is: "70.0 % even" */
          value = g_strdup_printf (_("%s even"), percent);
          style = pool->min_max_ratio >= EVEN ? "success"
                  : pool->min_max_ratio >= SKEWED ? "warning" : "error";
        }
      add_row (self->pools_group, self->pool_rows, name,
               lw_label_or_id (pool->label, pool->id),
               subtitle, value, style);
    }
}

typedef struct
{
  LwFallbackReason  reason;
  const char       *title;
  const char       *hint;
} ReasonText;

static const ReasonText *
reason_text (LwFallbackReason reason)
{
  static const ReasonText texts[LW_N_FALLBACK_REASONS] = {
    { LW_FALLBACK_NONE, N_("Reason not recorded"),
      N_("The run was made by an older Leadwright, which did not keep why") },
    { LW_FALLBACK_NO_MATCH, N_("No rule matched"),
      N_("No rule's condition held: add a rule for these leads or widen a condition") },
    { LW_FALLBACK_NOBODY, N_("Nobody was available"),
      N_("A rule matched, but everyone it assigns to was away, outside working hours, at capacity or inactive") },
    { LW_FALLBACK_NO_ACCOUNT, N_("No account owner"),
      N_("Only account-owner rules matched, and no account has the lead's email domain") },
    { LW_FALLBACK_NO_TERRITORY, N_("Not in the territory map"),
      N_("A rule matched, but its territory map has no entry for the lead") },
  };

  g_assert ((guint) reason < LW_N_FALLBACK_REASONS);
  return &texts[reason];
}

static int
compare_reasons (gconstpointer a,
                 gconstpointer b,
                 gpointer      data)
{
  const LwRoutingFigures *f = data;
  guint x = *(const guint *) a, y = *(const guint *) b;

  if (f->fallback_reasons[x] != f->fallback_reasons[y])
    return f->fallback_reasons[x] > f->fallback_reasons[y] ? -1 : 1;
  return x < y ? -1 : x > y;
}

static void
update_reasons (LwRoutingResultsPage *self)
{
  const LwRoutingFigures *f = self->figures;
  guint order[LW_N_FALLBACK_REASONS];
  g_autofree char *leads = NULL;
  g_autofree char *fallback = NULL;
  g_autofree char *share = NULL;
  g_autofree char *description = NULL;

  clear_rows (self->reasons_group, self->reason_rows);
  if (f == NULL)
    {
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->reasons_group), NULL);
      add_row (self->reasons_group, self->reason_rows, "no-reasons", _("No run yet"), NULL, NULL, NULL);
      return;
    }

  fallback = lw_format_count (f->fallback);
  leads = lw_format_count (f->leads);
  share = lw_chart_format_percent (f->leads > 0 ? 100.0 * f->fallback / f->leads : -1);
  /* translators: "1,234 of 20,000 leads (6.2 %) ..."; the plural follows the second count */
  description = g_strdup_printf (ngettext ("%s of %s lead (%s) went to the fallback owner. When several "
                                           "rules matched a lead and none could assign it, the most "
                                           "telling reason counts.",
                                           "%s of %s leads (%s) went to the fallback owner. When several "
                                           "rules matched a lead and none could assign it, the most "
                                           "telling reason counts.",
                                           (gulong) MIN (f->leads, G_MAXULONG)),
                                 fallback, leads, share);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->reasons_group), description);

  if (f->fallback == 0)
    {
      add_row (self->reasons_group, self->reason_rows, "no-reasons", _("None"),
               _("Every routed lead was assigned by a rule"), NULL, NULL);
      return;
    }

  for (guint i = 0; i < LW_N_FALLBACK_REASONS; i++)
    order[i] = i;
  g_qsort_with_data (order, LW_N_FALLBACK_REASONS, sizeof order[0], compare_reasons, (gpointer) f);
  for (guint i = 0; i < LW_N_FALLBACK_REASONS; i++)
    {
      const ReasonText *text = reason_text (order[i]);
      g_autofree char *name = NULL;
      g_autofree char *value = NULL;

      if (f->fallback_reasons[order[i]] == 0)
        continue;
      name = g_strconcat ("reason:", lw_fallback_reason_to_string (order[i]), NULL);
      value = count_and_share (f->fallback_reasons[order[i]], f->fallback);
      add_row (self->reasons_group, self->reason_rows, name, _(text->title), _(text->hint), value, NULL);
    }
}

/* Returns TRUE when the run picked went away: one more query. */
static gboolean
apply_query (LwRoutingResultsPage *self,
             Query                *query)
{
  gint64 run = lw_run_row_get_run (LW_RUN_ROW (self->run_row));
  gboolean again = FALSE;

  self->applying = TRUE;
  lw_run_row_set_runs (LW_RUN_ROW (self->run_row), query->runs);
  self->applying = FALSE;
  /* The run picked is gone: one more query, for the latest. */
  if (run != lw_run_row_get_run (LW_RUN_ROW (self->run_row)))
    again = TRUE;

  g_clear_pointer (&self->figures, lw_routing_figures_free);
  self->figures = g_steal_pointer (&query->figures);
  self->status = query->status;

  if (self->figures != NULL)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, self->figures->run);
      /* translators: a chart's title: "Leads per rep, run 3" */
      g_autofree char *title = g_strdup_printf (_("Leads per rep, run %s"), number);

      lw_bar_chart_set_title (LW_BAR_CHART (self->chart), title);
    }
  update_summary (self);
  update_chart (self);
  update_pools (self);
  update_reasons (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "routing-results.export-chart", self->figures != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "routing-results.export-reps", self->figures != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "routing-results.export-pools",
                                 self->figures != NULL && self->figures->pools->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "routing-results.export-reasons",
                                 self->figures != NULL && self->figures->fallback > 0);
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
  return apply_query (LW_ROUTING_RESULTS_PAGE (owner), data);
}

static gpointer
query_prepare (GtkWidget *owner)
{
  LwRoutingResultsPage *self = LW_ROUTING_RESULTS_PAGE (owner);
  Query *query;

  if (lw_workspace_get_path (self->workspace) == NULL)
    return NULL;
  query = g_new0 (Query, 1);
  query->run = lw_run_row_get_run (LW_RUN_ROW (self->run_row));
  return query;
}

/* The run shown, the latest (which a new run becomes), or one that ended
 * and joins the dropdown. */
static gboolean
query_wants_run (GtkWidget *owner,
                 gint64     run,
                 gboolean   finished)
{
  gint64 picked = lw_run_row_get_run (LW_RUN_ROW (LW_ROUTING_RESULTS_PAGE (owner)->run_row));

  return picked == LW_RUN_ROW_LATEST || picked == run || finished;
}

static const LwViewQueryFuncs query_funcs = {
  .prepare = query_prepare,
  .run = query_run,
  .apply = query_apply,
  .free_job = (void (*) (gpointer)) query_free,
  .wants_run = query_wants_run,
  .what = "the routing figures",
};

void
lw_routing_results_page_refresh (LwRoutingResultsPage *self)
{
  g_return_if_fail (LW_IS_ROUTING_RESULTS_PAGE (self));

  lw_view_query_refresh (self->query);
}

static void
run_changed_cb (LwRoutingResultsPage *self)
{
  if (!self->applying && self->query != NULL)
    lw_routing_results_page_refresh (self);
}

const LwRoutingFigures *
lw_routing_results_page_get_figures (LwRoutingResultsPage *self)
{
  g_return_val_if_fail (LW_IS_ROUTING_RESULTS_PAGE (self), NULL);

  return self->figures;
}

gboolean
lw_routing_results_page_set_run (LwRoutingResultsPage *self,
                                 gint64                run)
{
  g_return_val_if_fail (LW_IS_ROUTING_RESULTS_PAGE (self), FALSE);

  return lw_run_row_set_run (LW_RUN_ROW (self->run_row), run);
}

guint
lw_routing_results_page_get_n_queries (LwRoutingResultsPage *self)
{
  g_return_val_if_fail (LW_IS_ROUTING_RESULTS_PAGE (self), 0);

  return lw_view_query_get_n_queries (self->query);
}

guint
lw_routing_results_page_get_n_updates (LwRoutingResultsPage *self)
{
  g_return_val_if_fail (LW_IS_ROUTING_RESULTS_PAGE (self), 0);

  return self->n_updates;
}

/* ---- export --------------------------------------------------------------------------------- */

static void
export_chart_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  LwRoutingResultsPage *self = LW_ROUTING_RESULTS_PAGE (widget);

  lw_chart_export_dialog (LW_CHART (self->chart), widget, _("leads-per-rep.png"));
}

static char *
dup_count (guint64 value)
{
  return g_strdup_printf ("%" G_GUINT64_FORMAT, value);
}

static char *
dup_double (double      value,
            const char *format)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (value < 0)
    return NULL;
  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, format, value));
}

/* Every rep of the run, those without leads too. Numbers are plain
 * ("1234", "68.3") so a spreadsheet reads them as numbers. */
static void
export_reps_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  LwRoutingResultsPage *self = LW_ROUTING_RESULTS_PAGE (widget);
  const char *header[] = {
    _("Rep"), _("Leads routed"), _("Leads owned at the end"), _("Capacity per day"),
    _("Capacity over the run"),
    /* xgettext:no-c-format */
    _("Load (% of capacity)"),
  };
  GPtrArray *cells;

  if (self->figures == NULL)
    return;
  cells = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < self->figures->reps->len; i++)
    {
      const LwRepLoad *rep = &g_array_index (self->figures->reps, LwRepLoad, i);

      g_ptr_array_add (cells, g_strdup (rep->name != NULL ? rep->name : rep->id));
      g_ptr_array_add (cells, dup_count (rep->routed));
      g_ptr_array_add (cells, dup_count (rep->leads));
      g_ptr_array_add (cells, rep->capacity > 0 ? g_strdup_printf ("%u", rep->capacity) : NULL);
      g_ptr_array_add (cells, rep->capacity_total > 0 ? dup_count (rep->capacity_total) : NULL);
      g_ptr_array_add (cells, dup_double (100 * rep->load, "%.1f"));
    }
  lw_table_export_dialog (widget, _("leads-per-rep.csv"), G_N_ELEMENTS (header), header, cells);
}

static void
export_pools_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  LwRoutingResultsPage *self = LW_ROUTING_RESULTS_PAGE (widget);
  const char *header[] = {
    _("Pool"), _("Leads"), _("Members"), _("Gini"), _("Even (least / most served, %)"),
  };
  GPtrArray *cells;

  if (self->figures == NULL)
    return;
  cells = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < self->figures->pools->len; i++)
    {
      const LwPoolFairness *pool = &g_array_index (self->figures->pools, LwPoolFairness, i);

      g_ptr_array_add (cells, g_strdup (pool->label != NULL ? pool->label : pool->id));
      g_ptr_array_add (cells, dup_count (pool->leads));
      g_ptr_array_add (cells, g_strdup_printf ("%u", pool->members));
      g_ptr_array_add (cells, dup_double (pool->gini, "%.3f"));
      g_ptr_array_add (cells, dup_double (100 * pool->min_max_ratio, "%.1f"));
    }
  lw_table_export_dialog (widget, _("pool-fairness.csv"), G_N_ELEMENTS (header), header, cells);
}

static void
export_reasons_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  LwRoutingResultsPage *self = LW_ROUTING_RESULTS_PAGE (widget);
  const char *header[] = {
    _("Reason"), _("Explanation"), _("Leads"), _("Share of the leads at the fallback (%)"),
  };
  GPtrArray *cells;

  if (self->figures == NULL)
    return;
  cells = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < LW_N_FALLBACK_REASONS; i++)
    {
      const ReasonText *text = reason_text (i);
      guint64 count = self->figures->fallback_reasons[i];

      if (i == LW_FALLBACK_NONE && count == 0)
        continue;
      g_ptr_array_add (cells, g_strdup (_(text->title)));
      g_ptr_array_add (cells, g_strdup (_(text->hint)));
      g_ptr_array_add (cells, dup_count (count));
      g_ptr_array_add (cells, self->figures->fallback > 0
                              ? dup_double (100.0 * count / self->figures->fallback, "%.1f") : NULL);
    }
  lw_table_export_dialog (widget, _("fallback-reasons.csv"), G_N_ELEMENTS (header), header, cells);
}

/* ---- LwPage --------------------------------------------------------------------------------- */

static void
lw_routing_results_page_reveal (LwPage     *page,
                                const char *path)
{
  gtk_widget_grab_focus (LW_ROUTING_RESULTS_PAGE (page)->run_row);
}

static void
lw_routing_results_page_page_init (LwPageInterface *iface)
{
  iface->reveal = lw_routing_results_page_reveal;
}

/* ---- GObject -------------------------------------------------------------------------------- */

static void
lw_routing_results_page_constructed (GObject *object)
{
  LwRoutingResultsPage *self = LW_ROUTING_RESULTS_PAGE (object);

  G_OBJECT_CLASS (lw_routing_results_page_parent_class)->constructed (object);

  self->query = lw_view_query_new (GTK_WIDGET (self), self->workspace, &query_funcs);
  update_summary (self);
  update_chart (self);
  update_pools (self);
  update_reasons (self);
}

static void
lw_routing_results_page_dispose (GObject *object)
{
  LwRoutingResultsPage *self = LW_ROUTING_RESULTS_PAGE (object);

  if (self->query != NULL)
    lw_view_query_close (self->query);
  gtk_widget_dispose_template (GTK_WIDGET (self), LW_TYPE_ROUTING_RESULTS_PAGE);
  g_clear_object (&self->workspace);

  G_OBJECT_CLASS (lw_routing_results_page_parent_class)->dispose (object);
}

static void
lw_routing_results_page_finalize (GObject *object)
{
  LwRoutingResultsPage *self = LW_ROUTING_RESULTS_PAGE (object);

  g_clear_object (&self->query);
  g_clear_pointer (&self->figures, lw_routing_figures_free);
  g_ptr_array_unref (self->pool_rows);
  g_ptr_array_unref (self->reason_rows);

  G_OBJECT_CLASS (lw_routing_results_page_parent_class)->finalize (object);
}

static void
lw_routing_results_page_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  LwRoutingResultsPage *self = LW_ROUTING_RESULTS_PAGE (object);

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
lw_routing_results_page_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  LwRoutingResultsPage *self = LW_ROUTING_RESULTS_PAGE (object);

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
lw_routing_results_page_class_init (LwRoutingResultsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = lw_routing_results_page_constructed;
  object_class->dispose = lw_routing_results_page_dispose;
  object_class->finalize = lw_routing_results_page_finalize;
  object_class->set_property = lw_routing_results_page_set_property;
  object_class->get_property = lw_routing_results_page_get_property;

  g_object_class_override_property (object_class, PROP_WORKSPACE, "workspace");

  signals[UPDATED] = g_signal_new ("updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (LW_TYPE_BAR_CHART);
  g_type_ensure (LW_TYPE_RUN_ROW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/leadwright/Leadwright/lw-routing-results-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LwRoutingResultsPage, preferences_page);
  gtk_widget_class_bind_template_child (widget_class, LwRoutingResultsPage, summary_group);
  gtk_widget_class_bind_template_child (widget_class, LwRoutingResultsPage, run_row);
  gtk_widget_class_bind_template_child (widget_class, LwRoutingResultsPage, routed_label);
  gtk_widget_class_bind_template_child (widget_class, LwRoutingResultsPage, fallback_label);
  gtk_widget_class_bind_template_child (widget_class, LwRoutingResultsPage, unassigned_label);
  gtk_widget_class_bind_template_child (widget_class, LwRoutingResultsPage, load_group);
  gtk_widget_class_bind_template_child (widget_class, LwRoutingResultsPage, chart);
  gtk_widget_class_bind_template_child (widget_class, LwRoutingResultsPage, pools_group);
  gtk_widget_class_bind_template_child (widget_class, LwRoutingResultsPage, reasons_group);
  gtk_widget_class_bind_template_callback (widget_class, run_changed_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_install_action (widget_class, "routing-results.export-chart", NULL, export_chart_action);
  gtk_widget_class_install_action (widget_class, "routing-results.export-reps", NULL, export_reps_action);
  gtk_widget_class_install_action (widget_class, "routing-results.export-pools", NULL, export_pools_action);
  gtk_widget_class_install_action (widget_class, "routing-results.export-reasons", NULL,
                                   export_reasons_action);
}

static void
lw_routing_results_page_init (LwRoutingResultsPage *self)
{
  self->pool_rows = g_ptr_array_new ();
  self->reason_rows = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  lw_bar_chart_set_coloring (LW_BAR_CHART (self->chart), LW_BAR_CHART_COLOR_LOAD, 0.9, 1.0);
  lw_bar_chart_set_marker_name (LW_BAR_CHART (self->chart), _("Capacity"));
  lw_bar_chart_set_title (LW_BAR_CHART (self->chart), _("Leads per rep"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "routing-results.export-chart", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "routing-results.export-reps", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "routing-results.export-pools", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "routing-results.export-reasons", FALSE);
}

GtkWidget *
lw_routing_results_page_new (LwWorkspace *workspace)
{
  g_return_val_if_fail (LW_IS_WORKSPACE (workspace), NULL);

  return g_object_new (LW_TYPE_ROUTING_RESULTS_PAGE, "workspace", workspace, NULL);
}
