/* lw-lead-list-model.c: the leads of a run as a lazy GListModel of LwLeadRow
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "lw-config-json.h"
#include "lw-lead-list-model.h"

typedef struct
{
  guint      number;
  GPtrArray *rows;       /* LwLeadRow, in list order */
  GList      link;       /* in the LRU queue; data is the page */
} Page;

struct _LwLeadListModel
{
  GObject       parent_instance;

  /* owned references */
  LwStore      *store;
  LwConfig     *config;        /* may be NULL */
  GArray       *ids;           /* guint32: the leads in list order */
  GHashTable   *pages;         /* page number -> Page */
  GQueue        lru;           /* of Page links, most recently used first */
  GHashTable   *alive;         /* lead id -> LwLeadRow, weak: every row alive */
  char         *search;

  gint64        run;
  LwLeadColumn  sort;
  gboolean      descending;
  guint         page_size;
  guint         max_pages;
  guint         cached_rows;
  guint         peak_cached_rows;
  guint64       rows_loaded;
  guint         generation;    /* of the latest query, to drop older ones */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LwLeadListModel, lw_lead_list_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

G_DEFINE_ENUM_TYPE (LwLeadColumn, lw_lead_column,
                    G_DEFINE_ENUM_VALUE (LW_LEAD_COLUMN_ID, "id"),
                    G_DEFINE_ENUM_VALUE (LW_LEAD_COLUMN_CREATED, "created"),
                    G_DEFINE_ENUM_VALUE (LW_LEAD_COLUMN_EMAIL, "email"),
                    G_DEFINE_ENUM_VALUE (LW_LEAD_COLUMN_COMPANY, "company"),
                    G_DEFINE_ENUM_VALUE (LW_LEAD_COLUMN_NAME, "name"),
                    G_DEFINE_ENUM_VALUE (LW_LEAD_COLUMN_SOURCE, "source"),
                    G_DEFINE_ENUM_VALUE (LW_LEAD_COLUMN_STAGE, "stage"),
                    G_DEFINE_ENUM_VALUE (LW_LEAD_COLUMN_STATUS, "status"),
                    G_DEFINE_ENUM_VALUE (LW_LEAD_COLUMN_OWNER, "owner"),
                    G_DEFINE_ENUM_VALUE (LW_LEAD_COLUMN_FIT, "fit"),
                    G_DEFINE_ENUM_VALUE (LW_LEAD_COLUMN_ENGAGEMENT, "engagement"),
                    G_DEFINE_ENUM_VALUE (LW_LEAD_COLUMN_TOTAL, "total"),
                    G_DEFINE_ENUM_VALUE (LW_LEAD_COLUMN_GRADE, "grade"),
                    G_DEFINE_ENUM_VALUE (LW_LEAD_COLUMN_POLICY, "policy"),
                    G_DEFINE_ENUM_VALUE (LW_LEAD_COLUMN_TTFT, "ttft"),
                    G_DEFINE_ENUM_VALUE (LW_LEAD_COLUMN_BREACHED, "breached"),
                    G_DEFINE_ENUM_VALUE (LW_LEAD_COLUMN_FALLBACK, "fallback"))

enum
{
  PROP_0,
  PROP_ITEM_TYPE,
  PROP_N_ITEMS,
  PROP_RUN,
  PROP_SORT_COLUMN,
  PROP_DESCENDING,
  PROP_SEARCH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- the cache ------------------------------------------------------------------ */

static void
page_free (Page *page)
{
  g_ptr_array_unref (page->rows);
  g_free (page);
}

static void
row_finalized_cb (gpointer  data,
                  GObject  *where_the_object_was)
{
  LwLeadListModel *self = data;
  guint id = lw_lead_row_get_id ((LwLeadRow *) where_the_object_was);

  /* Only if the registry still names this object for the lead. */
  if (g_hash_table_lookup (self->alive, GUINT_TO_POINTER (id)) == where_the_object_was)
    g_hash_table_remove (self->alive, GUINT_TO_POINTER (id));
}

static void
drop_page (LwLeadListModel *self,
           Page            *page)
{
  g_queue_unlink (&self->lru, &page->link);
  self->cached_rows -= page->rows->len;
  g_hash_table_remove (self->pages, GUINT_TO_POINTER (page->number));
}

static void
drop_pages (LwLeadListModel *self)
{
  while (self->lru.head != NULL)
    drop_page (self, self->lru.head->data);
  g_assert (self->cached_rows == 0);
}

/* The row object of @summary's lead: the one alive (its values are then
 * taken later, by update_rows()), or a new one. */
static LwLeadRow *
take_row (LwLeadListModel     *self,
          const LwLeadSummary *summary,
          gboolean            *stale)
{
  LwLeadRow *row = g_hash_table_lookup (self->alive, GUINT_TO_POINTER (summary->id));

  *stale = row != NULL;
  if (row != NULL)
    return g_object_ref (row);
  row = lw_lead_row_new (summary);
  g_object_weak_ref (G_OBJECT (row), row_finalized_cb, self);
  g_hash_table_insert (self->alive, GUINT_TO_POINTER (summary->id), row);
  return row;
}

/* Gives the rows of a page that were alive before it their new values. */
static void
update_rows (GPtrArray *rows,
             GPtrArray *summaries,
             GArray    *stale)
{
  for (guint i = 0; i < stale->len; i++)
    {
      guint k = g_array_index (stale, guint, i);

      lw_lead_row_update (g_ptr_array_index (rows, k), g_ptr_array_index (summaries, k));
    }
}

/* Rows for leads @ids; *@summaries the values read (NULL when they could
 * not be), *@stale the indexes of rows that were alive already. */
static GPtrArray *
load_rows (LwLeadListModel  *self,
           const guint32    *ids,
           guint             n,
           GPtrArray       **summaries,
           GArray          **stale)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *rows = g_ptr_array_new_full (n, g_object_unref);

  *stale = g_array_new (FALSE, FALSE, sizeof (guint));
  *summaries = lw_store_get_lead_rows (self->store, self->run, self->config, ids, n, &error);
  if (*summaries == NULL)
    /* A view cannot take an error: the rows show their ids only, until
     * the next sort, search or refresh reads the run again. */
    g_debug ("Reading rows of run %" G_GINT64_FORMAT ": %s", self->run, error->message);
  else
    self->rows_loaded += n;

  for (guint i = 0; i < n; i++)
    {
      const LwLeadSummary *summary = *summaries != NULL ? g_ptr_array_index (*summaries, i) : NULL;
      LwLeadSummary missing = { .id = ids[i], .ttft = -1 };
      gboolean was_alive;

      g_ptr_array_add (rows, take_row (self, summary != NULL ? summary : &missing, &was_alive));
      if (was_alive && summary != NULL)
        g_array_append_val (*stale, i);
    }
  return rows;
}

/* The row at @position, loading its page when it is not cached. */
static LwLeadRow *
dup_row (LwLeadListModel *self,
         guint            position)
{
  guint number = position / self->page_size;
  Page *page = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (number));
  g_autoptr(GPtrArray) summaries = NULL;
  g_autoptr(GArray) stale = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  guint start, n;

  if (page != NULL)
    {
      g_queue_unlink (&self->lru, &page->link);
      g_queue_push_head_link (&self->lru, &page->link);
      return g_object_ref (g_ptr_array_index (page->rows, position % self->page_size));
    }

  /* Make room first: the cache never holds more than max_pages. */
  while (self->lru.length >= self->max_pages)
    drop_page (self, self->lru.tail->data);

  start = number * self->page_size;
  g_assert (start < self->ids->len);
  n = MIN (self->page_size, self->ids->len - start);

  page = g_new0 (Page, 1);
  page->number = number;
  page->link.data = page;
  page->rows = load_rows (self, &g_array_index (self->ids, guint32, start), n,
                          &summaries, &stale);
  g_hash_table_insert (self->pages, GUINT_TO_POINTER (number), page);
  g_queue_push_head_link (&self->lru, &page->link);
  self->cached_rows += n;
  self->peak_cached_rows = MAX (self->peak_cached_rows, self->cached_rows);

  /* Last: handlers of the rows' notifications may call back into the
   * model, even drop this page. */
  rows = g_ptr_array_ref (page->rows);
  update_rows (rows, summaries, stale);
  return g_object_ref (g_ptr_array_index (rows, position % self->page_size));
}

/* ---- querying ---------------------------------------------------------------------- */

/* Takes @ids as the new order: drops the cache, emits items-changed over
 * the positions from @position (@removed old ones, @added new ones). */
static void
replace_ids (LwLeadListModel *self,
             GArray          *ids,
             guint            position,
             guint            removed,
             guint            added)
{
  guint old_len = self->ids->len;

  drop_pages (self);
  g_array_unref (self->ids);
  self->ids = ids;
  if (removed > 0 || added > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
  if (old_len != ids->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static char *
dup_search (const char *search)
{
  char *text;

  if (search == NULL)
    return NULL;
  text = g_strstrip (g_strdup (search));
  if (*text == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

/* Updates every row alive in place. */
static gboolean
update_alive_rows (LwLeadListModel  *self,
                   GError          **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GPtrArray) summaries = NULL;
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, self->alive);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      guint32 id = GPOINTER_TO_UINT (key);

      g_array_append_val (ids, id);
    }
  if (ids->len == 0)
    return TRUE;

  summaries = lw_store_get_lead_rows (self->store, self->run, self->config,
                                      (const guint32 *) (gpointer) ids->data, ids->len, error);
  if (summaries == NULL)
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    {
      const LwLeadSummary *summary = g_ptr_array_index (summaries, i);
      LwLeadRow *row;

      if (summary == NULL)
        continue;
      /* Updating may notify, and a handler may drop the last reference of
       * another row: look each up again. */
      row = g_hash_table_lookup (self->alive, GUINT_TO_POINTER (summary->id));
      if (row != NULL)
        {
          g_autoptr(LwLeadRow) hold = g_object_ref (row);

          lw_lead_row_update (hold, summary);
        }
    }
  return TRUE;
}

/* Takes a new sort and search (@search owned) with their order. */
static void
apply_order (LwLeadListModel *self,
             LwLeadColumn     column,
             gboolean         descending,
             char            *search,
             GArray          *ids)
{
  gboolean column_changed = self->sort != column;
  gboolean direction_changed = self->descending != descending;
  gboolean search_changed = g_strcmp0 (self->search, search) != 0;

  self->sort = column;
  self->descending = descending;
  g_free (self->search);
  self->search = search;

  g_object_freeze_notify (G_OBJECT (self));
  replace_ids (self, ids, 0, self->ids->len, ids->len);
  if (column_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SORT_COLUMN]);
  if (direction_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCENDING]);
  if (search_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH]);
  g_object_thaw_notify (G_OBJECT (self));
}

/* Takes the same query's order read again: items-changed over the
 * positions whose lead changed, the rows alive updated in place. */
static gboolean
apply_refresh (LwLeadListModel  *self,
               GArray           *ids,
               GError          **error)
{
  const guint32 *a = (const guint32 *) (gpointer) self->ids->data;
  const guint32 *b = (const guint32 *) (gpointer) ids->data;
  guint old_len = self->ids->len, new_len = ids->len;
  guint prefix = 0, suffix = 0;

  while (prefix < old_len && prefix < new_len && a[prefix] == b[prefix])
    prefix++;
  while (suffix < old_len - prefix && suffix < new_len - prefix &&
         a[old_len - 1 - suffix] == b[new_len - 1 - suffix])
    suffix++;

  replace_ids (self, ids, prefix, old_len - prefix - suffix, new_len - prefix - suffix);
  return update_alive_rows (self, error);
}

/* What a worker thread reads. */
typedef struct
{
  char         *path;
  LwConfig     *config;        /* may be NULL */
  gint64        run;
  LwLeadColumn  column;
  gboolean      descending;
  char         *search;
} Query;

static void
query_free (Query *query)
{
  g_free (query->path);
  g_clear_pointer (&query->config, lw_config_unref);
  g_free (query->search);
  g_free (query);
}

static void
read_order_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  Query *query = task_data;
  g_autoptr(LwStore) store = NULL;
  g_autoptr(GError) error = NULL;
  GArray *ids;

  /* A connection of its own: the model's stays free for the rows the
   * view asks for meanwhile. */
  store = lw_store_open (query->path, &error);
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  ids = lw_store_list_lead_ids (store, query->run, query->config, query->column,
                                query->descending, query->search, &error);
  if (ids == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, ids, (GDestroyNotify) g_array_unref);
}

/* What a query read on a worker thread is applied as. */
typedef struct
{
  guint         generation;
  gboolean      refresh;
  LwLeadColumn  column;
  gboolean      descending;
  char         *search;
} Apply;

static void
apply_free (Apply *apply)
{
  g_free (apply->search);
  g_free (apply);
}

static void
order_read_cb (GObject      *source_object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LwLeadListModel *self = g_task_get_source_object (task);
  Apply *apply = g_task_get_task_data (task);
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;

  ids = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_task_return_error_if_cancelled (task))
    return;
  if (apply->generation != self->generation)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               _("A later query of the lead list replaced this one"));
      return;
    }
  if (ids == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (apply->refresh)
    {
      if (!apply_refresh (self, g_steal_pointer (&ids), &error))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }
  else
    apply_order (self, apply->column, apply->descending, g_steal_pointer (&apply->search),
                 g_steal_pointer (&ids));
  g_task_return_boolean (task, TRUE);
}

/* Reads the order on a worker thread, then finishes @task (whose source is
 * the model and whose data is an Apply) on this thread. */
static void
read_order_async (LwLeadListModel *self,
                  GTask           *task,
                  LwLeadColumn     column,
                  gboolean         descending,
                  const char      *search)
{
  g_autoptr(GTask) worker = NULL;
  Query *query = g_new0 (Query, 1);

  query->path = g_strdup (lw_store_get_path (self->store));
  query->config = self->config != NULL ? lw_config_ref (self->config) : NULL;
  query->run = self->run;
  query->column = column;
  query->descending = descending;
  query->search = g_strdup (search);

  /* The worker's task has no source: its last reference may go on the
   * worker thread, and only the query goes with it. */
  worker = g_task_new (NULL, g_task_get_cancellable (task), order_read_cb, g_object_ref (task));
  g_task_set_source_tag (worker, read_order_async);
  g_task_set_task_data (worker, query, (GDestroyNotify) query_free);
  g_task_run_in_thread (worker, read_order_thread);
}

static gint64
find_latest_finished (LwStore  *store,
                      GError  **error)
{
  g_autoptr(GPtrArray) runs = lw_store_list_runs (store, error);

  if (runs == NULL)
    return 0;
  for (guint i = 0; i < runs->len; i++)
    {
      const LwRunInfo *info = g_ptr_array_index (runs, i);

      if (info->status == LW_RUN_FINISHED)
        return info->id;
    }
  g_set_error (error, LW_STORE_ERROR, LW_STORE_ERROR_NOT_FOUND,
               _("The workspace has no finished run"));
  return 0;
}

/* The rule set of the run's revision; NULL when it has none or it does not
 * load (the rows then have no texts). */
static LwConfig *
load_run_config (LwStore  *store,
                 gint64    revision)
{
  g_autoptr(LwRevision) saved = NULL;
  g_autoptr(GError) error = NULL;
  LwConfig *config;

  if (revision <= 0)
    return NULL;
  saved = lw_store_get_revision (store, revision, &error);
  if (saved == NULL)
    {
      g_debug ("Reading revision %" G_GINT64_FORMAT ": %s", revision, error->message);
      return NULL;
    }
  config = lw_config_load_data_lenient (saved->json, -1, NULL, NULL, &error);
  if (config == NULL)
    g_debug ("Loading revision %" G_GINT64_FORMAT ": %s", revision, error->message);
  return config;
}

/* ---- GListModel ------------------------------------------------------------------- */

static GType
lw_lead_list_model_get_item_type (GListModel *list)
{
  return LW_TYPE_LEAD_ROW;
}

static guint
lw_lead_list_model_get_n_items (GListModel *list)
{
  LwLeadListModel *self = LW_LEAD_LIST_MODEL (list);

  return self->ids->len;
}

static gpointer
lw_lead_list_model_get_item (GListModel *list,
                             guint       position)
{
  LwLeadListModel *self = LW_LEAD_LIST_MODEL (list);

  if (position >= self->ids->len)
    return NULL;
  return dup_row (self, position);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = lw_lead_list_model_get_item_type;
  iface->get_n_items = lw_lead_list_model_get_n_items;
  iface->get_item = lw_lead_list_model_get_item;
}

/* ---- GObject ---------------------------------------------------------------------- */

static void
lw_lead_list_model_dispose (GObject *object)
{
  LwLeadListModel *self = LW_LEAD_LIST_MODEL (object);
  GHashTableIter iter;
  gpointer row;

  drop_pages (self);
  /* Rows held elsewhere outlive the model: they stop telling it. */
  g_hash_table_iter_init (&iter, self->alive);
  while (g_hash_table_iter_next (&iter, NULL, &row))
    g_object_weak_unref (row, row_finalized_cb, self);
  g_hash_table_remove_all (self->alive);

  G_OBJECT_CLASS (lw_lead_list_model_parent_class)->dispose (object);
}

static void
lw_lead_list_model_finalize (GObject *object)
{
  LwLeadListModel *self = LW_LEAD_LIST_MODEL (object);

  g_clear_pointer (&self->store, lw_store_unref);
  g_clear_pointer (&self->config, lw_config_unref);
  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_clear_pointer (&self->alive, g_hash_table_unref);
  g_clear_pointer (&self->search, g_free);

  G_OBJECT_CLASS (lw_lead_list_model_parent_class)->finalize (object);
}

static void
lw_lead_list_model_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  LwLeadListModel *self = LW_LEAD_LIST_MODEL (object);

  switch (prop_id)
    {
    case PROP_ITEM_TYPE:
      g_value_set_gtype (value, LW_TYPE_LEAD_ROW);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->ids->len);
      break;
    case PROP_RUN:
      g_value_set_int64 (value, self->run);
      break;
    case PROP_SORT_COLUMN:
      g_value_set_enum (value, self->sort);
      break;
    case PROP_DESCENDING:
      g_value_set_boolean (value, self->descending);
      break;
    case PROP_SEARCH:
      g_value_set_string (value, self->search);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lw_lead_list_model_class_init (LwLeadListModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = lw_lead_list_model_dispose;
  object_class->finalize = lw_lead_list_model_finalize;
  object_class->get_property = lw_lead_list_model_get_property;

  properties[PROP_ITEM_TYPE] =
    g_param_spec_gtype ("item-type", "Item type", NULL, LW_TYPE_LEAD_ROW,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", "Items", NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_RUN] =
    g_param_spec_int64 ("run", "Run", NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SORT_COLUMN] =
    g_param_spec_enum ("sort-column", "Sort column", NULL,
                       LW_TYPE_LEAD_COLUMN, LW_LEAD_COLUMN_ID, flags);
  properties[PROP_DESCENDING] =
    g_param_spec_boolean ("descending", "Descending", NULL, FALSE, flags);
  properties[PROP_SEARCH] =
    g_param_spec_string ("search", "Search", NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lw_lead_list_model_init (LwLeadListModel *self)
{
  self->ids = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) page_free);
  self->alive = g_hash_table_new (NULL, NULL);
  g_queue_init (&self->lru);
  self->sort = LW_LEAD_COLUMN_ID;
  self->page_size = LW_LEAD_LIST_PAGE_SIZE;
  self->max_pages = LW_LEAD_LIST_MAX_PAGES;
}

/* ---- public API ---------------------------------------------------------------------- */

LwLeadListModel *
lw_lead_list_model_new (LwStore         *store,
                        gint64           run,
                        const LwConfig  *config,
                        GError         **error)
{
  g_autoptr(LwLeadListModel) self = NULL;
  g_autoptr(LwRunInfo) info = NULL;
  GArray *ids;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (run >= 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (run == 0 && (run = find_latest_finished (store, error)) == 0)
    return NULL;
  info = lw_store_get_run (store, run, error);
  if (info == NULL)
    return NULL;

  self = g_object_new (LW_TYPE_LEAD_LIST_MODEL, NULL);
  self->store = lw_store_ref (store);
  self->run = run;
  /* A copy: the caller may edit its rule set while a worker reads this. */
  if (config != NULL)
    self->config = lw_config_copy (config);
  else
    self->config = load_run_config (store, info->revision);

  ids = lw_store_list_lead_ids (store, run, self->config, self->sort, self->descending, NULL, error);
  if (ids == NULL)
    return NULL;
  g_array_unref (self->ids);
  self->ids = ids;
  return g_steal_pointer (&self);
}

LwStore *
lw_lead_list_model_get_store (LwLeadListModel *self)
{
  g_return_val_if_fail (LW_IS_LEAD_LIST_MODEL (self), NULL);
  return self->store;
}

gint64
lw_lead_list_model_get_run (LwLeadListModel *self)
{
  g_return_val_if_fail (LW_IS_LEAD_LIST_MODEL (self), 0);
  return self->run;
}

gboolean
lw_lead_list_model_set_sort (LwLeadListModel  *self,
                             LwLeadColumn      column,
                             gboolean          descending,
                             GError          **error)
{
  GArray *ids;

  g_return_val_if_fail (LW_IS_LEAD_LIST_MODEL (self), FALSE);
  g_return_val_if_fail ((guint) column < LW_N_LEAD_COLUMNS, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  self->generation++;
  descending = descending != FALSE;
  if (self->sort == column && self->descending == descending)
    return TRUE;

  ids = lw_store_list_lead_ids (self->store, self->run, self->config, column, descending,
                                self->search, error);
  if (ids == NULL)
    return FALSE;
  apply_order (self, column, descending, g_strdup (self->search), ids);
  return TRUE;
}

LwLeadColumn
lw_lead_list_model_get_sort_column (LwLeadListModel *self)
{
  g_return_val_if_fail (LW_IS_LEAD_LIST_MODEL (self), LW_LEAD_COLUMN_ID);
  return self->sort;
}

gboolean
lw_lead_list_model_get_descending (LwLeadListModel *self)
{
  g_return_val_if_fail (LW_IS_LEAD_LIST_MODEL (self), FALSE);
  return self->descending;
}

gboolean
lw_lead_list_model_set_search (LwLeadListModel  *self,
                               const char       *search,
                               GError          **error)
{
  g_autofree char *text = NULL;
  GArray *ids;

  g_return_val_if_fail (LW_IS_LEAD_LIST_MODEL (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  self->generation++;
  text = dup_search (search);
  if (g_strcmp0 (text, self->search) == 0)
    return TRUE;

  ids = lw_store_list_lead_ids (self->store, self->run, self->config, self->sort,
                                self->descending, text, error);
  if (ids == NULL)
    return FALSE;
  apply_order (self, self->sort, self->descending, g_steal_pointer (&text), ids);
  return TRUE;
}

const char *
lw_lead_list_model_get_search (LwLeadListModel *self)
{
  g_return_val_if_fail (LW_IS_LEAD_LIST_MODEL (self), NULL);
  return self->search;
}

gboolean
lw_lead_list_model_refresh (LwLeadListModel  *self,
                            GError          **error)
{
  GArray *ids;

  g_return_val_if_fail (LW_IS_LEAD_LIST_MODEL (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  self->generation++;
  ids = lw_store_list_lead_ids (self->store, self->run, self->config, self->sort,
                                self->descending, self->search, error);
  if (ids == NULL)
    return FALSE;
  return apply_refresh (self, ids, error);
}

void
lw_lead_list_model_query_async (LwLeadListModel     *self,
                                LwLeadColumn         column,
                                gboolean             descending,
                                const char          *search,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Apply *apply;

  g_return_if_fail (LW_IS_LEAD_LIST_MODEL (self));
  g_return_if_fail ((guint) column < LW_N_LEAD_COLUMNS);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lw_lead_list_model_query_async);
  apply = g_new0 (Apply, 1);
  apply->generation = ++self->generation;
  apply->column = column;
  apply->descending = descending != FALSE;
  apply->search = dup_search (search);
  g_task_set_task_data (task, apply, (GDestroyNotify) apply_free);

  if (self->sort == apply->column && self->descending == apply->descending &&
      g_strcmp0 (self->search, apply->search) == 0)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  read_order_async (self, task, apply->column, apply->descending, apply->search);
}

gboolean
lw_lead_list_model_query_finish (LwLeadListModel  *self,
                                 GAsyncResult     *result,
                                 GError          **error)
{
  g_return_val_if_fail (LW_IS_LEAD_LIST_MODEL (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == lw_lead_list_model_query_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
lw_lead_list_model_refresh_async (LwLeadListModel     *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Apply *apply;

  g_return_if_fail (LW_IS_LEAD_LIST_MODEL (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lw_lead_list_model_refresh_async);
  apply = g_new0 (Apply, 1);
  apply->generation = ++self->generation;
  apply->refresh = TRUE;
  g_task_set_task_data (task, apply, (GDestroyNotify) apply_free);
  read_order_async (self, task, self->sort, self->descending, self->search);
}

gboolean
lw_lead_list_model_refresh_finish (LwLeadListModel  *self,
                                   GAsyncResult     *result,
                                   GError          **error)
{
  g_return_val_if_fail (LW_IS_LEAD_LIST_MODEL (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == lw_lead_list_model_refresh_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gint64
lw_lead_list_model_find (LwLeadListModel *self,
                         guint32          id)
{
  const guint32 *ids;

  g_return_val_if_fail (LW_IS_LEAD_LIST_MODEL (self), -1);

  ids = (const guint32 *) (gpointer) self->ids->data;
  for (guint i = 0; i < self->ids->len; i++)
    if (ids[i] == id)
      return i;
  return -1;
}

void
lw_lead_list_model_set_cache_limits (LwLeadListModel *self,
                                     guint            page_size,
                                     guint            max_pages)
{
  g_return_if_fail (LW_IS_LEAD_LIST_MODEL (self));
  g_return_if_fail (page_size > 0);
  g_return_if_fail (max_pages > 0);

  drop_pages (self);
  self->page_size = page_size;
  self->max_pages = max_pages;
}

guint
lw_lead_list_model_get_page_size (LwLeadListModel *self)
{
  g_return_val_if_fail (LW_IS_LEAD_LIST_MODEL (self), 0);
  return self->page_size;
}

guint
lw_lead_list_model_get_max_pages (LwLeadListModel *self)
{
  g_return_val_if_fail (LW_IS_LEAD_LIST_MODEL (self), 0);
  return self->max_pages;
}

guint
lw_lead_list_model_get_cached_rows (LwLeadListModel *self)
{
  g_return_val_if_fail (LW_IS_LEAD_LIST_MODEL (self), 0);
  return self->cached_rows;
}

guint
lw_lead_list_model_get_peak_cached_rows (LwLeadListModel *self)
{
  g_return_val_if_fail (LW_IS_LEAD_LIST_MODEL (self), 0);
  return self->peak_cached_rows;
}

guint64
lw_lead_list_model_get_rows_loaded (LwLeadListModel *self)
{
  g_return_val_if_fail (LW_IS_LEAD_LIST_MODEL (self), 0);
  return self->rows_loaded;
}
