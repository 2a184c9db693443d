/* lw-leads-page.c: the live leads or the leads of a run, and the inspector
 * of one
 *
 * A column view over LwLeadListModel, which pages rows from the store: the
 * model sorts and searches in the engine, so the view never sorts nor
 * filters itself. Each column has a sorter only so that its header can be
 * clicked; when the view's sorter changes, the page finds which column and
 * direction it names and asks the model for that order.
 *
 * The live leads (the first entry of the run picker) are few enough to be
 * listed whole: their rows, sorted and searched by the engine
 * (lw_live_view_list()) with their open clocks, are read on a worker thread
 * with a connection of its own, at most one query at a time, into a list
 * store of LwLeadRow; an extra column counts their first-touch clocks down,
 * read again every 30 seconds while the page shows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */


#include "config.h"

#include <glib/gi18n.h>

#include "lw-application.h"
#include "lw-lead-inspector.h"
#include "lw-lead-list-model.h"
#include "lw-leads-page.h"
#include "lw-live-alerts.h"
#include "lw-live-view.h"
#include "lw-new-lead-dialog.h"
#include "lw-page.h"
#include "lw-report.h"

/* How often the live list is read again while it shows. */
#define LIVE_REFRESH_SECONDS 30

typedef enum
{
  CELL_TEXT,
  CELL_NUMBER,
  CELL_ID,
  CELL_TIME,
  CELL_DURATION,
  CELL_FLAG,
} CellKind;

typedef struct
{
  LwLeadColumn  column;
  const char   *title;
  CellKind      kind;
  int           chars;     /* natural width in characters */
  gboolean      expand;
  guint         shown;     /* in which lists: RUNS, LIVE or both */
} ColumnInfo;

#define RUNS 1u
#define LIVE 2u

/* The live leads' first-touch clock goes after the owner. */
#define CLOCK_POSITION 9

static const ColumnInfo columns[] = {
  { LW_LEAD_COLUMN_ID, N_("Lead"), CELL_ID, 7, FALSE, RUNS | LIVE },
  { LW_LEAD_COLUMN_CREATED, N_("Created"), CELL_TIME, 16, FALSE, RUNS | LIVE },
  { LW_LEAD_COLUMN_NAME, N_("Name"), CELL_TEXT, 16, TRUE, LIVE },
  { LW_LEAD_COLUMN_EMAIL, N_("Email"), CELL_TEXT, 26, TRUE, RUNS | LIVE },
  { LW_LEAD_COLUMN_COMPANY, N_("Company"), CELL_TEXT, 18, TRUE, RUNS | LIVE },
  { LW_LEAD_COLUMN_SOURCE, N_("Source"), CELL_TEXT, 11, FALSE, RUNS },
  { LW_LEAD_COLUMN_STAGE, N_("Stage"), CELL_TEXT, 16, FALSE, RUNS },
  { LW_LEAD_COLUMN_STATUS, N_("Status"), CELL_TEXT, 14, FALSE, RUNS | LIVE },
  { LW_LEAD_COLUMN_OWNER, N_("Owner"), CELL_TEXT, 14, FALSE, RUNS | LIVE },
  { LW_LEAD_COLUMN_FIT, N_("Fit"), CELL_NUMBER, 5, FALSE, RUNS },
  { LW_LEAD_COLUMN_ENGAGEMENT, N_("Engagement"), CELL_NUMBER, 10, FALSE, RUNS },
  { LW_LEAD_COLUMN_TOTAL, N_("Total"), CELL_NUMBER, 5, FALSE, RUNS | LIVE },
  { LW_LEAD_COLUMN_POLICY, N_("Policy"), CELL_TEXT, 14, FALSE, RUNS | LIVE },
  { LW_LEAD_COLUMN_TTFT, N_("Time to first touch"), CELL_DURATION, 17, FALSE, RUNS },
  { LW_LEAD_COLUMN_BREACHED, N_("Breached"), CELL_FLAG, 8, FALSE, RUNS },
};

struct _LwLeadsPage
{
  GtkWidget            parent_instance;

  /* template widgets */
  GtkDropDown         *run_dropdown;
  GtkSearchEntry      *search_entry;
  GtkLabel            *count_label;
  GtkStack            *stack;
  GtkPaned            *paned;
  GtkColumnView       *column_view;
  LwLeadInspector     *inspector;
  AdwStatusPage       *empty_page;
  GtkColumnViewColumn *clock_column;

  /* owned */
  LwWorkspace         *workspace;
  LwStore             *store;          /* a reading connection of its own */
  LwLeadListModel     *model;
  GtkSingleSelection  *selection;
  GtkStringList       *run_labels;
  GArray              *run_ids;        /* gint64, parallel to run_labels */
  GCancellable        *query;
  gint64               loading_run;    /* the run whose leads a worker reads */
  LwLeadColumn         sort_column;
  gboolean             descending;
  gboolean             updating_runs;

  /* the live leads */
  gboolean             live;           /* the live leads are listed */
  GListStore          *live_rows;      /* LwLeadRow */
  GHashTable          *clocks;         /* lead id -> LwLiveTimer, the open clocks */
  LwConfig            *config;         /* the latest rules without errors */
  GCancellable        *live_query;
  gboolean             live_busy;
  gboolean             live_again;
  gint64               live_select;    /* a lead to select once listed */
  guint                live_timer;
  GtkWindow           *window;         /* borrowed while mapped: its activation */
};

static void lw_leads_page_page_init (LwPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LwLeadsPage, lw_leads_page, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (LW_TYPE_PAGE, lw_leads_page_page_init))

enum {
  PROP_0,
  PROP_WORKSPACE,
  N_PROPS
};

/* ---- cells ------------------------------------------------------------------ */

static char *
format_cell (LwLeadRow        *row,
             const ColumnInfo *info,
             gboolean          live)
{
  const char *name = lw_lead_column_to_string (info->column);

  switch (info->kind)
    {
    case CELL_ID:
      return g_strdup_printf ("%u", lw_lead_row_get_id (row));
    case CELL_TIME:
      {
        /* Simulated times read in UTC, a real lead's in local time. */
        g_autoptr(GDateTime) dt = live ? g_date_time_new_from_unix_local (lw_lead_row_get_created (row))
                                       : g_date_time_new_from_unix_utc (lw_lead_row_get_created (row));

        /* translators: a simulated date and time, see g_date_time_format() */
        return dt != NULL ? g_date_time_format (dt, _("%Y-%m-%d %H:%M")) : NULL;
      }
    case CELL_NUMBER:
      {
        double value = 0;

        g_object_get (row, name, &value, NULL);
        return g_strdup_printf ("%.0f", value);
      }
    case CELL_DURATION:
      {
        gint64 seconds = lw_lead_row_get_ttft (row);

        if (seconds < 0)
          return NULL;
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
    case CELL_FLAG:
      return lw_lead_row_get_breached (row) ? g_strdup (_("Yes")) : NULL;
    case CELL_TEXT:
    default:
      {
        char *text = NULL;

        g_object_get (row, name, &text, NULL);
        return text;
      }
    }
}

static void
update_cell (GtkInscription *inscription,
             LwLeadRow      *row)
{
  const ColumnInfo *info = g_object_get_data (G_OBJECT (inscription), "lw-column");
  LwLeadsPage *page = g_object_get_data (G_OBJECT (inscription), "lw-page");
  g_autofree char *text = format_cell (row, info, page != NULL && page->live);

  gtk_inscription_set_text (inscription, text);
  if (info->kind == CELL_FLAG)
    {
      if (text != NULL)
        gtk_widget_add_css_class (GTK_WIDGET (inscription), "error");
      else
        gtk_widget_remove_css_class (GTK_WIDGET (inscription), "error");
    }
}

static void
row_notify_cb (LwLeadRow      *row,
               GParamSpec     *pspec,
               GtkInscription *inscription)
{
  (void) pspec;
  update_cell (inscription, row);
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               const ColumnInfo         *info)
{
  GtkWidget *inscription = gtk_inscription_new (NULL);

  g_object_set_data (G_OBJECT (inscription), "lw-column", (gpointer) info);
  g_object_set_data (G_OBJECT (inscription), "lw-page", g_object_get_data (G_OBJECT (factory), "lw-page"));
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (inscription), info->chars);
  gtk_inscription_set_min_chars (GTK_INSCRIPTION (inscription), info->chars);
  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (inscription),
                                     GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  if (info->kind == CELL_NUMBER || info->kind == CELL_ID || info->kind == CELL_DURATION)
    {
      gtk_inscription_set_xalign (GTK_INSCRIPTION (inscription), 1.0);
      gtk_widget_add_css_class (inscription, "numeric");
    }
  gtk_list_item_set_child (item, inscription);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              const ColumnInfo         *info)
{
  GtkInscription *inscription = GTK_INSCRIPTION (gtk_list_item_get_child (item));
  LwLeadRow *row = gtk_list_item_get_item (item);
  g_autofree char *signal = g_strdup_printf ("notify::%s", lw_lead_column_to_string (info->column));
  gulong handler;

  (void) factory;
  update_cell (inscription, row);
  handler = g_signal_connect_object (row, signal, G_CALLBACK (row_notify_cb), inscription, 0);
  g_object_set_data (G_OBJECT (inscription), "lw-handler", GSIZE_TO_POINTER (handler));
}

static void
unbind_cell_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                const ColumnInfo         *info)
{
  GtkWidget *inscription = gtk_list_item_get_child (item);
  LwLeadRow *row = gtk_list_item_get_item (item);
  gulong handler = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (inscription), "lw-handler"));

  (void) factory;
  (void) info;
  if (handler != 0 && row != NULL)
    g_signal_handler_disconnect (row, handler);
  g_object_set_data (G_OBJECT (inscription), "lw-handler", NULL);
}

/* ---- the first-touch clock of a live lead --------------------------------------- */

static char *
format_span (gint64 seconds)
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

static void
setup_clock_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  GtkWidget *inscription = gtk_inscription_new (NULL);

  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (inscription), 16);
  gtk_inscription_set_min_chars (GTK_INSCRIPTION (inscription), 12);
  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (inscription), GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_widget_add_css_class (inscription, "numeric");
  gtk_list_item_set_child (item, inscription);
}

static void
bind_clock_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               LwLeadsPage              *self)
{
  GtkWidget *inscription = gtk_list_item_get_child (item);
  LwLeadRow *row = gtk_list_item_get_item (item);
  const LwLiveTimer *timer = g_hash_table_lookup (self->clocks, GINT_TO_POINTER (lw_lead_row_get_id (row)));
  g_autofree char *span = timer != NULL ? format_span (timer->left) : NULL;
  g_autofree char *text = NULL;

  gtk_widget_remove_css_class (inscription, "error");
  gtk_widget_remove_css_class (inscription, "warning");
  if (timer == NULL)
    text = NULL;
  else if (timer->state == LW_LIVE_OVERDUE)
    {
      /* translators: %s is a duration ("12 min") */
      text = g_strdup_printf (_("Overdue %s"), span);
      gtk_widget_add_css_class (inscription, "error");
    }
  else if (timer->state == LW_LIVE_PAUSED)
    /* translators: %s is a duration ("12 min") */
    text = g_strdup_printf (_("Paused, %s left"), span);
  else
    {
      /* translators: %s is a duration ("12 min") */
      text = g_strdup_printf (_("%s left"), span);
      if (timer->left <= 15 * 60)
        gtk_widget_add_css_class (inscription, "warning");
    }
  gtk_inscription_set_text (GTK_INSCRIPTION (inscription), text);
}

/* ---- sorting and searching ----------------------------------------------------- */

/* Each column's sorter: it says "smaller" and writes down its column on the
 * probe, so that comparing two probes with the view's sorter tells which
 * column sorts first (the one called) and in which direction (the answer,
 * inverted when descending). The model itself does the sorting. */
static int
probe_compare (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  (void) b;
  g_object_set_data (G_OBJECT (a), "lw-column", user_data);
  return GTK_ORDERING_SMALLER;
}

static void
view_sort (LwLeadsPage  *self,
           LwLeadColumn *column,
           gboolean     *descending)
{
  GtkSorter *sorter = gtk_column_view_get_sorter (self->column_view);
  g_autoptr(GObject) a = g_object_new (G_TYPE_OBJECT, NULL);
  g_autoptr(GObject) b = g_object_new (G_TYPE_OBJECT, NULL);
  GtkOrdering order;
  gpointer probed;

  order = gtk_sorter_compare (sorter, a, b);
  probed = g_object_get_data (a, "lw-column");
  if (order == GTK_ORDERING_EQUAL || probed == NULL)
    {
      *column = LW_LEAD_COLUMN_ID;
      *descending = FALSE;
      return;
    }
  *column = (LwLeadColumn) (GPOINTER_TO_INT (probed) - 1);
  *descending = order == GTK_ORDERING_LARGER;
}

static void
update_count (LwLeadsPage *self)
{
  g_autofree char *text = NULL;
  g_autofree char *count = NULL;
  guint n;

  if (self->live)
    n = g_list_model_get_n_items (G_LIST_MODEL (self->live_rows));
  else if (self->model == NULL)
    {
      gtk_label_set_label (self->count_label, "");
      return;
    }
  else
    n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  count = lw_format_count (n);
  /* translators: %s is a number of leads shown, with the locale's grouping */
  text = g_strdup_printf (ngettext ("%s lead", "%s leads", n), count);
  gtk_label_set_label (self->count_label, text);
}

static void
query_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  (void) user_data;
  if (!lw_lead_list_model_query_finish (LW_LEAD_LIST_MODEL (source), result, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Could not list the leads: %s", error->message);
}

static void query_live (LwLeadsPage *self);

static void
run_query (LwLeadsPage *self)
{
  if (self->live)
    {
      query_live (self);
      return;
    }
  if (self->model == NULL)
    return;
  g_cancellable_cancel (self->query);
  g_clear_object (&self->query);
  self->query = g_cancellable_new ();
  lw_lead_list_model_query_async (self->model, self->sort_column, self->descending,
                                  gtk_editable_get_text (GTK_EDITABLE (self->search_entry)),
                                  self->query, query_done, NULL);
}

static void
sorter_changed_cb (LwLeadsPage *self)
{
  view_sort (self, &self->sort_column, &self->descending);
  run_query (self);
}

static void
search_changed_cb (LwLeadsPage *self)
{
  run_query (self);
}

/* ---- the live leads ---------------------------------------------------------------- */

/* The rules live leads are shown and entered under: the workspace's when
 * they have no error, else the last ones that had none. */
static LwConfig *
live_config (LwLeadsPage *self)
{
  if (lw_workspace_get_n_errors (self->workspace) == 0 &&
      lw_workspace_get_config (self->workspace) != self->config)
    {
      g_clear_pointer (&self->config, lw_config_unref);
      self->config = lw_config_ref ((LwConfig *) lw_workspace_get_config (self->workspace));
    }
  return self->config;
}

/* Tells the application's alerts that a lead was added or touched. */
static void
nudge_alerts (LwLeadsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkApplication *application = GTK_IS_WINDOW (root) ? gtk_window_get_application (GTK_WINDOW (root)) : NULL;

  if (LW_IS_APPLICATION (application) && lw_application_get_live_alerts (LW_APPLICATION (application)) != NULL)
    lw_live_alerts_check_now (lw_application_get_live_alerts (LW_APPLICATION (application)));
}

static void
update_live_actions (LwLeadsPage *self)
{
  gboolean can = live_config (self) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "leads.new-lead", can);
}

typedef struct
{
  char         *path;
  LwStore      *store;
  LwConfig     *config;
  LwTime        now;
  LwLeadColumn  sort;
  gboolean      descending;
  char         *search;
  GPtrArray    *rows;      /* out: LwLeadSummary */
  GPtrArray    *timers;    /* out: LwLiveTimer */
} LiveQuery;

static void
live_query_free (LiveQuery *query)
{
  g_free (query->path);
  g_clear_pointer (&query->store, lw_store_unref);
  g_clear_pointer (&query->config, lw_config_unref);
  g_free (query->search);
  g_clear_pointer (&query->rows, g_ptr_array_unref);
  g_clear_pointer (&query->timers, g_ptr_array_unref);
  g_free (query);
}

static void
live_query_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  LiveQuery *query = task_data;
  g_autoptr(LwStore) store = NULL;
  g_autoptr(GPtrArray) open = NULL;
  GError *error = NULL;

  store = query->path != NULL ? lw_store_open (query->path, &error) : lw_store_ref (query->store);
  if (store != NULL)
    query->rows = lw_live_view_list (store, query->config, query->now, query->sort, query->descending,
                                     query->search, &error);
  if (query->rows != NULL)
    open = lw_store_list_live_leads (store, TRUE, &error);
  if (open == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  query->timers = lw_live_view_open_timers (query->config, open, query->now, 0);
  g_task_return_boolean (task, TRUE);
}

static gboolean
same_leads (GListModel *model,
            GPtrArray  *rows)
{
  if (g_list_model_get_n_items (model) != rows->len)
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    {
      g_autoptr(LwLeadRow) row = g_list_model_get_item (model, i);

      if (lw_lead_row_get_id (row) != ((const LwLeadSummary *) g_ptr_array_index (rows, i))->id)
        return FALSE;
    }
  return TRUE;
}

static void selection_changed_cb (LwLeadsPage *self);

static void
select_live_lead (LwLeadsPage *self,
                  gint64       id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->live_rows));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LwLeadRow) row = g_list_model_get_item (G_LIST_MODEL (self->live_rows), i);

      if (lw_lead_row_get_id (row) == id)
        {
          gtk_single_selection_set_selected (self->selection, i);
          return;
        }
    }
}

static void
live_query_done (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  LwLeadsPage *self = LW_LEADS_PAGE (source);
  LiveQuery *query = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  LwLeadRow *selected;
  gint64 keep = 0;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_warning ("Could not list the live leads: %s", error->message);
    }
  self->live_busy = FALSE;
  if (self->live_again)
    {
      self->live_again = FALSE;
      query_live (self);
      return;
    }
  if (error != NULL || !self->live)
    return;

  g_hash_table_remove_all (self->clocks);
  for (guint i = 0; i < query->timers->len; i++)
    {
      LwLiveTimer *timer = g_ptr_array_index (query->timers, i);

      g_hash_table_insert (self->clocks, GINT_TO_POINTER ((guint32) timer->lead), timer);
    }
  g_ptr_array_set_free_func (query->timers, NULL);

  if (same_leads (G_LIST_MODEL (self->live_rows), query->rows))
    {
      /* The same leads in the same order: rows change in place, the
       * selection and the inspector stay. */
      for (guint i = 0; i < query->rows->len; i++)
        {
          g_autoptr(LwLeadRow) row = g_list_model_get_item (G_LIST_MODEL (self->live_rows), i);

          lw_lead_row_update (row, g_ptr_array_index (query->rows, i));
        }
      /* The clock column reads the clocks: bind its cells again. */
      g_list_model_items_changed (G_LIST_MODEL (self->live_rows), 0, query->rows->len, query->rows->len);
    }
  else
    {
      g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);

      selected = gtk_single_selection_get_selected_item (self->selection);
      keep = selected != NULL ? lw_lead_row_get_id (selected) : 0;
      for (guint i = 0; i < query->rows->len; i++)
        g_ptr_array_add (rows, lw_lead_row_new (g_ptr_array_index (query->rows, i)));
      g_list_store_splice (self->live_rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->live_rows)),
                           rows->pdata, rows->len);
      if (keep != 0 && self->live_select == 0)
        self->live_select = keep;
    }
  if (self->live_select != 0)
    {
      select_live_lead (self, self->live_select);
      self->live_select = 0;
    }
  update_count (self);
  gtk_stack_set_visible_child_name (self->stack,
                                    g_list_model_get_n_items (G_LIST_MODEL (self->live_rows)) > 0
                                    || *gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) != '\0'
                                    ? "table" : "empty");
}

static void
query_live (LwLeadsPage *self)
{
  g_autoptr(GTask) task = NULL;
  LwConfig *config = live_config (self);
  LiveQuery *query;

  if (config == NULL)
    {
      adw_status_page_set_title (self->empty_page, _("The Rules Have Errors"));
      adw_status_page_set_description (self->empty_page,
                                       _("Live leads follow the rules: fix the errors the header bar counts"));
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  if (self->live_busy)
    {
      self->live_again = TRUE;
      return;
    }

  query = g_new0 (LiveQuery, 1);
  query->path = g_strdup (lw_workspace_get_path (self->workspace));
  query->store = query->path == NULL ? lw_store_ref (self->store) : NULL;
  query->config = lw_config_ref (config);
  query->now = lw_wall_clock_now ();
  query->sort = self->sort_column;
  query->descending = self->descending;
  query->search = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));

  g_clear_object (&self->live_query);
  self->live_query = g_cancellable_new ();
  self->live_busy = TRUE;
  task = g_task_new (self, self->live_query, live_query_done, NULL);
  g_task_set_source_tag (task, query_live);
  g_task_set_task_data (task, query, (GDestroyNotify) live_query_free);
  g_task_run_in_thread (task, live_query_thread);
}

static gboolean
live_timer_cb (gpointer user_data)
{
  LwLeadsPage *self = user_data;

  if (self->live && gtk_widget_get_mapped (GTK_WIDGET (self)))
    query_live (self);
  return G_SOURCE_CONTINUE;
}

static void
lead_added_cb (LwLeadsPage *self,
               gint64       id)
{
  nudge_alerts (self);
  lw_leads_page_show_lead (self, 0, id);
}

static void
touch_logged_cb (LwLeadsPage *self,
                 gint64       id)
{
  nudge_alerts (self);
  if (self->live)
    query_live (self);
}

static void
new_lead_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  LwLeadsPage *self = LW_LEADS_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  LwConfig *config = live_config (self);
  const char *path = lw_workspace_get_path (self->workspace);
  GtkWidget *dialog;

  if (config == NULL)
    return;
  dialog = lw_new_lead_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, config,
                                   path == NULL ? self->store : NULL, path);
  g_signal_connect_object (dialog, "added", G_CALLBACK (lead_added_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Back in the window from a dialog (an import): the live leads may have
 * changed. */
static void
window_active_cb (LwLeadsPage *self)
{
  if (self->live && self->window != NULL && gtk_window_is_active (self->window))
    query_live (self);
}

static void
page_mapped_cb (LwLeadsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->window == NULL && GTK_IS_WINDOW (root))
    {
      self->window = GTK_WINDOW (root);
      g_signal_connect_object (root, "notify::is-active", G_CALLBACK (window_active_cb), self,
                               G_CONNECT_SWAPPED);
    }
}

static void
page_unmapped_cb (LwLeadsPage *self)
{
  if (self->window != NULL)
    g_signal_handlers_disconnect_by_func (self->window, window_active_cb, self);
  self->window = NULL;
}

static void
workspace_changed_cb (LwLeadsPage *self)
{
  update_live_actions (self);
  if (self->live && gtk_widget_get_mapped (GTK_WIDGET (self)))
    query_live (self);
}

/* ---- the run and the selection ------------------------------------------------- */

static void
selection_changed_cb (LwLeadsPage *self)
{
  LwLeadRow *row = gtk_single_selection_get_selected_item (self->selection);
  int width = gtk_widget_get_width (GTK_WIDGET (self->paned));

  /* The inspector shows beside the table while a lead is selected. */
  if (row != NULL && !gtk_widget_get_visible (GTK_WIDGET (self->inspector)) && width > 0)
    gtk_paned_set_position (self->paned, MAX (width / 3, width - 420));
  gtk_widget_set_visible (GTK_WIDGET (self->inspector), row != NULL);
  if (self->live && row != NULL)
    lw_lead_inspector_show_live_lead (self->inspector, self->store, lw_workspace_get_path (self->workspace),
                                      live_config (self), lw_lead_row_get_id (row));
  else
    lw_lead_inspector_show_lead (self->inspector, self->store,
                                 lw_workspace_get_path (self->workspace),
                                 self->model != NULL ? lw_lead_list_model_get_run (self->model) : 0,
                                 row);
}

/* The columns of the live list, or of a run's. */
static void
show_columns (LwLeadsPage *self,
              gboolean     live)
{
  GListModel *list = gtk_column_view_get_columns (self->column_view);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (list, i);
      const ColumnInfo *info = g_object_get_data (G_OBJECT (column), "lw-column");

      if (info != NULL)
        gtk_column_view_column_set_visible (column, (info->shown & (live ? LIVE : RUNS)) != 0);
    }
  gtk_column_view_column_set_visible (self->clock_column, live);
}

static void
show_live (LwLeadsPage *self)
{
  gboolean was_live = self->live;

  g_cancellable_cancel (self->query);
  g_clear_object (&self->query);
  self->loading_run = 0;
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->model);
  self->live = TRUE;
  show_columns (self, TRUE);
  adw_status_page_set_title (self->empty_page, _("No Live Leads Yet"));
  adw_status_page_set_description (self->empty_page,
                                   _("Enter a lead with New Lead, or import leads from a CRM's CSV file"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->search_entry), TRUE);
  if (!was_live)
    {
      gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->live_rows));
      selection_changed_cb (self);
    }
  update_count (self);
  query_live (self);
}

typedef struct
{
  char    *path;    /* NULL: a workspace in memory, read through @store */
  LwStore *store;
  gint64   run;
} ModelLoad;

static void
model_load_free (ModelLoad *load)
{
  g_free (load->path);
  lw_store_unref (load->store);
  g_free (load);
}

static void
load_model_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  ModelLoad *load = task_data;
  g_autoptr(LwStore) store = NULL;
  g_autoptr(GError) error = NULL;
  LwLeadListModel *model = NULL;

  store = load->path != NULL ? lw_store_open (load->path, &error) : lw_store_ref (load->store);
  if (store != NULL)
    model = lw_lead_list_model_new (store, load->run, NULL, &error);
  if (model == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else if (!g_task_return_error_if_cancelled (task))
    g_task_return_pointer (task, model, g_object_unref);
  else
    g_object_unref (model);
}

static void
model_loaded_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  LwLeadsPage *self = LW_LEADS_PAGE (source);
  g_autoptr(GError) error = NULL;
  LwLeadListModel *model = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->loading_run = 0;
  self->model = model;
  if (self->model == NULL)
    {
      g_warning ("Could not read the leads of a run: %s", error->message);
      adw_status_page_set_title (self->empty_page, _("No Leads"));
      adw_status_page_set_description (self->empty_page, _("The leads of this run could not be read"));
    }
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->model));
  if (self->model != NULL)
    {
      g_signal_connect_swapped (self->model, "items-changed", G_CALLBACK (update_count), self);
      if (self->sort_column != LW_LEAD_COLUMN_ID || self->descending
          || *gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) != '\0')
        run_query (self);
    }
  gtk_stack_set_visible_child_name (self->stack, self->model != NULL ? "table" : "empty");
  gtk_widget_set_sensitive (GTK_WIDGET (self->search_entry), self->model != NULL);
  update_count (self);
  selection_changed_cb (self);
}

static void
load_run (LwLeadsPage *self,
          gint64       run)
{
  if (run == 0)
    {
      show_live (self);
      return;
    }
  if (self->live)
    {
      self->live = FALSE;
      g_cancellable_cancel (self->live_query);
      show_columns (self, FALSE);
      adw_status_page_set_title (self->empty_page, _("No Leads"));
      adw_status_page_set_description (self->empty_page, _("The leads of this run could not be read"));
    }
  else if (self->model != NULL && lw_lead_list_model_get_run (self->model) == run)
    return;
  else if (self->loading_run == run)
    return;
  g_cancellable_cancel (self->query);
  g_clear_object (&self->query);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->model);
  gtk_single_selection_set_model (self->selection, NULL);
  self->loading_run = 0;
  if (run != 0 && self->store != NULL)
    {
      ModelLoad *load = g_new0 (ModelLoad, 1);
      g_autoptr(GTask) task = NULL;

      /* A million leads take a second or more to list: on a worker, with
       * a connection of its own when the workspace is a file. */
      load->path = g_strdup (lw_store_get_path (self->store));
      load->store = lw_store_ref (self->store);
      load->run = run;
      self->loading_run = run;
      self->query = g_cancellable_new ();
      task = g_task_new (self, self->query, model_loaded_cb, NULL);
      g_task_set_source_tag (task, load_run);
      g_task_set_task_data (task, load, (GDestroyNotify) model_load_free);
      g_task_run_in_thread (task, load_model_thread);
      adw_status_page_set_title (self->empty_page, _("Loading Leads…"));
      adw_status_page_set_description (self->empty_page, NULL);
    }
  else
    {
      adw_status_page_set_title (self->empty_page, _("No Leads"));
      adw_status_page_set_description (self->empty_page, _("The leads of this run could not be read"));
    }
  gtk_stack_set_visible_child_name (self->stack, "empty");
  gtk_widget_set_sensitive (GTK_WIDGET (self->search_entry), FALSE);
  update_count (self);
  selection_changed_cb (self);
}

static void
run_selected_cb (LwLeadsPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->run_dropdown);

  if (self->updating_runs)
    return;
  load_run (self, selected < self->run_ids->len ? g_array_index (self->run_ids, gint64, selected) : 0);
}

/* Lists the runs again, keeping the one shown when it is still there, else
 * showing the latest finished one. */
static void
reload_runs (LwLeadsPage *self)
{
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GError) error = NULL;
  gint64 current = self->model != NULL ? lw_lead_list_model_get_run (self->model) : 0;
  guint select = GTK_INVALID_LIST_POSITION;
  guint latest = GTK_INVALID_LIST_POSITION;

  if (self->store != NULL)
    runs = lw_store_list_runs (self->store, &error);
  if (error != NULL)
    g_warning ("Could not list the runs: %s", error->message);

  self->updating_runs = TRUE;
  gtk_string_list_splice (self->run_labels, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->run_labels)), NULL);
  g_array_set_size (self->run_ids, 0);
  /* The live leads come first; 0 stands for them. */
  gtk_string_list_append (self->run_labels, _("Live Leads"));
  g_array_append_val (self->run_ids, (gint64) { 0 });
  if (self->live)
    select = 0;
  for (guint i = 0; runs != NULL && i < runs->len; i++)
    {
      const LwRunInfo *info = g_ptr_array_index (runs, i);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, info->id);
      g_autofree char *count = lw_format_count (info->leads);
      g_autofree char *label = NULL;
      const char *state = NULL;

      switch (info->status)
        {
        case LW_RUN_RUNNING:
          state = _("running");
          break;
        case LW_RUN_CANCELLED:
          state = _("cancelled");
          break;
        case LW_RUN_FAILED:
          state = _("failed");
          break;
        case LW_RUN_INTERRUPTED:
          state = _("interrupted");
          break;
        case LW_RUN_FINISHED:
        default:
          break;
        }
      if (state == NULL)
        /* translators: a simulation run: its number and how many leads it made */
        label = g_strdup_printf (ngettext ("Run %s · %s lead", "Run %s · %s leads", info->leads),
                                 id, count);
      else
        /* translators: a simulation run: its number, how many leads it made
         * and its state ("running", "cancelled") */
        label = g_strdup_printf (ngettext ("Run %s · %s lead · %s", "Run %s · %s leads · %s", info->leads),
                                 id, count, state);
      gtk_string_list_append (self->run_labels, label);
      g_array_append_val (self->run_ids, info->id);
      if (!self->live && info->id == current)
        select = self->run_ids->len - 1;
      if (latest == GTK_INVALID_LIST_POSITION && info->status == LW_RUN_FINISHED)
        latest = self->run_ids->len - 1;
    }
  /* At first the latest finished run, else the live leads. */
  if (select == GTK_INVALID_LIST_POSITION)
    select = latest != GTK_INVALID_LIST_POSITION ? latest : 0;
  gtk_drop_down_set_selected (self->run_dropdown, select);
  self->updating_runs = FALSE;

  load_run (self, select < self->run_ids->len ? g_array_index (self->run_ids, gint64, select) : 0);
}

static void
add_columns (LwLeadsPage *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      const ColumnInfo *info = &columns[i];
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkColumnViewColumn *column;
      GtkSorter *sorter;

      g_object_set_data (G_OBJECT (factory), "lw-page", self);
      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), (gpointer) info);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), (gpointer) info);
      g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell_cb), (gpointer) info);
      column = gtk_column_view_column_new (_(info->title), factory);
      sorter = GTK_SORTER (gtk_custom_sorter_new (probe_compare,
                                                  GINT_TO_POINTER ((int) info->column + 1), NULL));
      gtk_column_view_column_set_sorter (column, sorter);
      g_object_unref (sorter);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_expand (column, info->expand);
      gtk_column_view_column_set_visible (column, (info->shown & RUNS) != 0);
      g_object_set_data (G_OBJECT (column), "lw-column", (gpointer) info);
      gtk_column_view_append_column (self->column_view, column);
      g_object_unref (column);
    }

  {
    GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

    g_signal_connect (factory, "setup", G_CALLBACK (setup_clock_cb), NULL);
    g_signal_connect (factory, "bind", G_CALLBACK (bind_clock_cb), self);
    self->clock_column = gtk_column_view_column_new (_("First-touch clock"), factory);
    gtk_column_view_column_set_resizable (self->clock_column, TRUE);
    gtk_column_view_column_set_visible (self->clock_column, FALSE);
    gtk_column_view_insert_column (self->column_view, CLOCK_POSITION, self->clock_column);
    g_object_unref (self->clock_column);
  }
}

/* ---- LwPage ------------------------------------------------------------------- */

static void
lw_leads_page_reveal (LwPage     *page,
                      const char *path)
{
  LwLeadsPage *self = LW_LEADS_PAGE (page);

  (void) path;
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

static void
lw_leads_page_page_init (LwPageInterface *iface)
{
  iface->reveal = lw_leads_page_reveal;
}

/* ---- GObject ------------------------------------------------------------------ */

static void
lw_leads_page_constructed (GObject *object)
{
  LwLeadsPage *self = LW_LEADS_PAGE (object);
  g_autoptr(GError) error = NULL;
  const char *path;

  G_OBJECT_CLASS (lw_leads_page_parent_class)->constructed (object);

  path = lw_workspace_get_path (self->workspace);
  if (path != NULL)
    self->store = lw_store_open (path, &error);
  if (self->store == NULL)
    self->store = lw_store_ref (lw_workspace_get_store (self->workspace));

  g_signal_connect_swapped (gtk_column_view_get_sorter (self->column_view), "changed",
                            G_CALLBACK (sorter_changed_cb), self);
  g_signal_connect_swapped (self->search_entry, "search-changed",
                            G_CALLBACK (search_changed_cb), self);
  g_signal_connect_swapped (self->run_dropdown, "notify::selected",
                            G_CALLBACK (run_selected_cb), self);
  g_signal_connect_swapped (self->selection, "notify::selected-item",
                            G_CALLBACK (selection_changed_cb), self);
  g_signal_connect_object (self->inspector, "touch-logged", G_CALLBACK (touch_logged_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->workspace, "changed", G_CALLBACK (workspace_changed_cb), self,
                           G_CONNECT_SWAPPED);
  /* A run may have finished since: list them again whenever the page shows. */
  g_signal_connect_swapped (self, "map", G_CALLBACK (reload_runs), self);
  g_signal_connect_swapped (self, "map", G_CALLBACK (page_mapped_cb), self);
  g_signal_connect_swapped (self, "unmap", G_CALLBACK (page_unmapped_cb), self);
  self->live_timer = g_timeout_add_seconds (LIVE_REFRESH_SECONDS, live_timer_cb, self);
  update_live_actions (self);
  reload_runs (self);
}

static void
lw_leads_page_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  LwLeadsPage *self = LW_LEADS_PAGE (object);

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
lw_leads_page_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  LwLeadsPage *self = LW_LEADS_PAGE (object);

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
lw_leads_page_dispose (GObject *object)
{
  LwLeadsPage *self = LW_LEADS_PAGE (object);
  GtkWidget *child;

  g_cancellable_cancel (self->query);
  g_clear_object (&self->query);
  g_cancellable_cancel (self->live_query);
  g_clear_object (&self->live_query);
  g_clear_handle_id (&self->live_timer, g_source_remove);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), LW_TYPE_LEADS_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  g_clear_object (&self->run_labels);
  g_clear_pointer (&self->run_ids, g_array_unref);
  g_clear_pointer (&self->store, lw_store_unref);
  g_clear_object (&self->workspace);
  g_clear_object (&self->live_rows);
  g_clear_pointer (&self->clocks, g_hash_table_unref);

  G_OBJECT_CLASS (lw_leads_page_parent_class)->dispose (object);
}

static void
lw_leads_page_finalize (GObject *object)
{
  LwLeadsPage *self = LW_LEADS_PAGE (object);

  g_clear_pointer (&self->config, lw_config_unref);

  G_OBJECT_CLASS (lw_leads_page_parent_class)->finalize (object);
}

static void
lw_leads_page_class_init (LwLeadsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = lw_leads_page_constructed;
  object_class->dispose = lw_leads_page_dispose;
  object_class->finalize = lw_leads_page_finalize;
  object_class->set_property = lw_leads_page_set_property;
  object_class->get_property = lw_leads_page_get_property;

  g_object_class_override_property (object_class, PROP_WORKSPACE, "workspace");

  g_type_ensure (LW_TYPE_LEAD_INSPECTOR);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/leadwright/Leadwright/lw-leads-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LwLeadsPage, run_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LwLeadsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, LwLeadsPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, LwLeadsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, LwLeadsPage, paned);
  gtk_widget_class_bind_template_child (widget_class, LwLeadsPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, LwLeadsPage, inspector);
  gtk_widget_class_bind_template_child (widget_class, LwLeadsPage, empty_page);

  gtk_widget_class_install_action (widget_class, "leads.new-lead", NULL, new_lead_action);
}

static void
lw_leads_page_init (LwLeadsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->run_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->live_rows = g_list_store_new (LW_TYPE_LEAD_ROW);
  self->clocks = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) lw_live_timer_free);
  self->run_labels = gtk_string_list_new (NULL);
  gtk_drop_down_set_model (self->run_dropdown, G_LIST_MODEL (self->run_labels));
  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  add_columns (self);
}

GtkWidget *
lw_leads_page_new (LwWorkspace *workspace)
{
  g_return_val_if_fail (LW_IS_WORKSPACE (workspace), NULL);

  return g_object_new (LW_TYPE_LEADS_PAGE, "workspace", workspace, NULL);
}

void
lw_leads_page_show_lead (LwLeadsPage *self,
                         gint64       run,
                         gint64       lead)
{
  guint position = GTK_INVALID_LIST_POSITION;

  g_return_if_fail (LW_IS_LEADS_PAGE (self));
  g_return_if_fail (run >= 0 && lead > 0);

  for (guint i = 0; i < self->run_ids->len; i++)
    if (g_array_index (self->run_ids, gint64, i) == run)
      position = i;
  if (position == GTK_INVALID_LIST_POSITION)
    {
      reload_runs (self);
      for (guint i = 0; i < self->run_ids->len; i++)
        if (g_array_index (self->run_ids, gint64, i) == run)
          position = i;
    }
  if (position == GTK_INVALID_LIST_POSITION)
    return;

  /* A search could hide it. */
  if (*gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) != '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_drop_down_set_selected (self->run_dropdown, position);
  load_run (self, run);

  if (run == 0)
    {
      /* The inspector shows it at once; the row is selected once listed. */
      LwConfig *config = live_config (self);
      int width = gtk_widget_get_width (GTK_WIDGET (self->paned));

      if (config == NULL)
        return;
      if (!gtk_widget_get_visible (GTK_WIDGET (self->inspector)) && width > 0)
        gtk_paned_set_position (self->paned, MAX (width / 3, width - 420));
      gtk_widget_set_visible (GTK_WIDGET (self->inspector), TRUE);
      lw_lead_inspector_show_live_lead (self->inspector, self->store, lw_workspace_get_path (self->workspace),
                                        config, lead);
      self->live_select = lead;
      select_live_lead (self, lead);
      query_live (self);
      return;
    }

  /* A lead of a run: its row, read at once. */
  {
    g_autoptr(GPtrArray) rows = NULL;
    g_autoptr(LwLeadRow) row = NULL;
    guint32 id = (guint32) lead;

    rows = lw_store_get_lead_rows (self->store, run, NULL, &id, 1, NULL);
    if (rows == NULL || rows->len == 0 || g_ptr_array_index (rows, 0) == NULL)
      return;
    row = lw_lead_row_new (g_ptr_array_index (rows, 0));
    gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
    gtk_widget_set_visible (GTK_WIDGET (self->inspector), TRUE);
    lw_lead_inspector_show_lead (self->inspector, self->store, lw_workspace_get_path (self->workspace),
                                 run, row);
  }
}

void
lw_leads_page_reload (LwLeadsPage *self)
{
  g_return_if_fail (LW_IS_LEADS_PAGE (self));

  if (self->live)
    query_live (self);
}

gboolean
lw_leads_page_get_live (LwLeadsPage *self)
{
  g_return_val_if_fail (LW_IS_LEADS_PAGE (self), FALSE);

  return self->live;
}
