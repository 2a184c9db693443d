/* lw-leads-page.c: the leads of a run, and the inspector of one
 *
 * A column view over LwLeadListModel, which pages rows from the store: the
 * model sorts and searches in the engine, so the view never sorts nor
 * filters itself. Each column has a sorter only so that its header can be
 * clicked; when the view's sorter changes, the page finds which column and
 * direction it names and asks the model for that order.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */


#include "config.h"

#include <glib/gi18n.h>

#include "lw-lead-inspector.h"
#include "lw-lead-list-model.h"
#include "lw-leads-page.h"
#include "lw-page.h"

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
} ColumnInfo;

static const ColumnInfo columns[] = {
  { LW_LEAD_COLUMN_ID, N_("Lead"), CELL_ID, 7, FALSE },
  { LW_LEAD_COLUMN_CREATED, N_("Created"), CELL_TIME, 16, FALSE },
  { LW_LEAD_COLUMN_EMAIL, N_("Email"), CELL_TEXT, 26, TRUE },
  { LW_LEAD_COLUMN_COMPANY, N_("Company"), CELL_TEXT, 18, TRUE },
  { LW_LEAD_COLUMN_SOURCE, N_("Source"), CELL_TEXT, 11, FALSE },
  { LW_LEAD_COLUMN_STAGE, N_("Stage"), CELL_TEXT, 16, FALSE },
  { LW_LEAD_COLUMN_STATUS, N_("Status"), CELL_TEXT, 14, FALSE },
  { LW_LEAD_COLUMN_OWNER, N_("Owner"), CELL_TEXT, 14, FALSE },
  { LW_LEAD_COLUMN_FIT, N_("Fit"), CELL_NUMBER, 5, FALSE },
  { LW_LEAD_COLUMN_ENGAGEMENT, N_("Engagement"), CELL_NUMBER, 10, FALSE },
  { LW_LEAD_COLUMN_TOTAL, N_("Total"), CELL_NUMBER, 5, FALSE },
  { LW_LEAD_COLUMN_POLICY, N_("Policy"), CELL_TEXT, 14, FALSE },
  { LW_LEAD_COLUMN_TTFT, N_("Time to first touch"), CELL_DURATION, 17, FALSE },
  { LW_LEAD_COLUMN_BREACHED, N_("Breached"), CELL_FLAG, 8, FALSE },
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

  /* owned */
  LwWorkspace         *workspace;
  LwStore             *store;          /* a reading connection of its own */
  LwLeadListModel     *model;
  GtkSingleSelection  *selection;
  GtkStringList       *run_labels;
  GArray              *run_ids;        /* gint64, parallel to run_labels */
  GCancellable        *query;
  LwLeadColumn         sort_column;
  gboolean             descending;
  gboolean             updating_runs;
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
format_cell (LwLeadRow      *row,
             const ColumnInfo *info)
{
  const char *name = lw_lead_column_to_string (info->column);

  switch (info->kind)
    {
    case CELL_ID:
      return g_strdup_printf ("%u", lw_lead_row_get_id (row));
    case CELL_TIME:
      {
        g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (lw_lead_row_get_created (row));

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
  g_autofree char *text = format_cell (row, info);

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

  (void) factory;
  g_object_set_data (G_OBJECT (inscription), "lw-column", (gpointer) info);
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
  guint n;

  if (self->model == NULL)
    {
      gtk_label_set_label (self->count_label, "");
      return;
    }
  n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  /* translators: %u is a number of leads shown */
  text = g_strdup_printf (ngettext ("%'u lead", "%'u leads", n), n);
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

static void
run_query (LwLeadsPage *self)
{
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
  lw_lead_inspector_show_lead (self->inspector, self->store,
                               lw_workspace_get_path (self->workspace),
                               self->model != NULL ? lw_lead_list_model_get_run (self->model) : 0,
                               row);
}

static void
load_run (LwLeadsPage *self,
          gint64       run)
{
  g_autoptr(GError) error = NULL;

  if (self->model != NULL && lw_lead_list_model_get_run (self->model) == run)
    return;
  g_cancellable_cancel (self->query);
  g_clear_object (&self->query);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->model);
  if (run != 0 && self->store != NULL)
    {
      self->model = lw_lead_list_model_new (self->store, run, NULL, &error);
      if (self->model == NULL)
        g_warning ("Could not read the leads of run %" G_GINT64_FORMAT ": %s", run, error->message);
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
  for (guint i = 0; runs != NULL && i < runs->len; i++)
    {
      const LwRunInfo *info = g_ptr_array_index (runs, i);
      g_autofree char *label = NULL;

      if (info->status == LW_RUN_FINISHED)
        /* translators: a simulation run: its number and how many leads it made */
        label = g_strdup_printf (ngettext ("Run %" G_GINT64_FORMAT " · %'u lead",
                                           "Run %" G_GINT64_FORMAT " · %'u leads", info->leads),
                                 info->id, info->leads);
      else
        /* translators: a simulation run: its number, leads and state ("running") */
        label = g_strdup_printf (_("Run %" G_GINT64_FORMAT " · %'u leads · %s"),
                                 info->id, info->leads, lw_run_status_to_string (info->status));
      gtk_string_list_append (self->run_labels, label);
      g_array_append_val (self->run_ids, info->id);
      if (info->id == current)
        select = i;
      if (latest == GTK_INVALID_LIST_POSITION && info->status == LW_RUN_FINISHED)
        latest = i;
    }
  if (select == GTK_INVALID_LIST_POSITION)
    select = latest;
  gtk_drop_down_set_selected (self->run_dropdown, select);
  gtk_widget_set_sensitive (GTK_WIDGET (self->run_dropdown), self->run_ids->len > 0);
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
      gtk_column_view_append_column (self->column_view, column);
      g_object_unref (column);
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
  /* A run may have finished since: list them again whenever the page shows. */
  g_signal_connect_swapped (self, "map", G_CALLBACK (reload_runs), self);
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

  G_OBJECT_CLASS (lw_leads_page_parent_class)->dispose (object);
}

static void
lw_leads_page_class_init (LwLeadsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = lw_leads_page_constructed;
  object_class->dispose = lw_leads_page_dispose;
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
}

static void
lw_leads_page_init (LwLeadsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->run_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
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
