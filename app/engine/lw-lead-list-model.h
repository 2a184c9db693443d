/* lw-lead-list-model.h: the leads of a run as a lazy GListModel of LwLeadRow
 *
 * For a million leads: the model holds the order of the leads (their ids,
 * 4 bytes each, from lw_store_list_lead_ids()) and pages of rows read on
 * demand (lw_store_get_lead_rows()): get_item() loads the page of the
 * position asked for, keeping the most recently used pages, at most
 * max-pages of page-size rows (16 of 256 by default). It never loads every
 * row. Sorting and searching run in the store, in C: the GUI binds its
 * column view's sorter to lw_lead_list_model_set_sort() instead of putting
 * a GtkSortListModel (which would load every row) over this model.
 *
 * The model reads through the LwStore it is given; give it a connection of
 * its own (lw_store_open() on the workspace's path) or the GUI's reading
 * one, not a simulator's writing one. Use it from one thread.
 *
 * While a lead has a row object alive (in the cache or held by a view),
 * the model hands out that same object for it; lw_lead_list_model_refresh()
 * updates those objects in place.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lw-config.h"
#include "lw-lead-row.h"
#include "lw-store.h"

G_BEGIN_DECLS

#define LW_TYPE_LEAD_COLUMN (lw_lead_column_get_type ())
GType lw_lead_column_get_type (void);

#define LW_TYPE_LEAD_LIST_MODEL (lw_lead_list_model_get_type ())

G_DECLARE_FINAL_TYPE (LwLeadListModel, lw_lead_list_model, LW, LEAD_LIST_MODEL, GObject)

#define LW_LEAD_LIST_PAGE_SIZE 256
#define LW_LEAD_LIST_MAX_PAGES 16

/* The leads of run @run (0: the latest finished run) of @store, by id,
 * unfiltered. @config is the rule set the run was made with, whose property
 * catalogue reads the leads' texts; NULL: the run's saved revision (when
 * the run has none, the texts are NULL). Reads the order of the leads, no
 * row. */
LwLeadListModel *lw_lead_list_model_new        (LwStore         *store,
                                                gint64           run,
                                                const LwConfig  *config,
                                                GError         **error);

LwStore         *lw_lead_list_model_get_store  (LwLeadListModel *self);
/* The run listed (never 0). */
gint64           lw_lead_list_model_get_run    (LwLeadListModel *self);

/* Sorts by @column (ties by id) and emits items-changed (0, old, new).
 * Nothing changes when it fails, nor when the sort is the same. */
gboolean         lw_lead_list_model_set_sort   (LwLeadListModel *self,
                                                LwLeadColumn     column,
                                                gboolean         descending,
                                                GError         **error);
LwLeadColumn     lw_lead_list_model_get_sort_column (LwLeadListModel *self);
gboolean         lw_lead_list_model_get_descending  (LwLeadListModel *self);

/* Keeps only the leads that match @search (lw_store_list_lead_ids());
 * NULL or blank: every lead. Emits items-changed (0, old, new). */
gboolean         lw_lead_list_model_set_search (LwLeadListModel *self,
                                                const char      *search,
                                                GError         **error);
/* The search, trimmed; NULL when there is none. */
const char      *lw_lead_list_model_get_search (LwLeadListModel *self);

/* Reads the order again (a paced run goes on) and the rows alive: emits
 * items-changed over the positions whose lead changed, if any, and updates
 * the rows of the others in place. */
gboolean         lw_lead_list_model_refresh    (LwLeadListModel *self,
                                                GError         **error);

/* The same without blocking: the order is read on a worker thread, through
 * a connection of its own to the store's file, and applied on the thread
 * default main context of the call, as the calls above apply it. Sets the
 * sort and the search at once. A later call, synchronous or not,
 * supersedes a query still running: that one then changes nothing and
 * finishes with G_IO_ERROR_CANCELLED, as when @cancellable is cancelled. */
void             lw_lead_list_model_query_async    (LwLeadListModel     *self,
                                                    LwLeadColumn         column,
                                                    gboolean             descending,
                                                    const char          *search,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean         lw_lead_list_model_query_finish   (LwLeadListModel     *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);
void             lw_lead_list_model_refresh_async  (LwLeadListModel     *self,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean         lw_lead_list_model_refresh_finish (LwLeadListModel     *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);

/* The position of lead @id, or -1 when it is not listed. */
gint64           lw_lead_list_model_find       (LwLeadListModel *self,
                                                guint32          id);

/* Pages of @page_size rows, at most @max_pages of them (both > 0); drops
 * the pages cached. */
void             lw_lead_list_model_set_cache_limits (LwLeadListModel *self,
                                                      guint            page_size,
                                                      guint            max_pages);
guint            lw_lead_list_model_get_page_size    (LwLeadListModel *self);
guint            lw_lead_list_model_get_max_pages    (LwLeadListModel *self);

/* Rows in the cached pages now, and the most there ever were. */
guint            lw_lead_list_model_get_cached_rows      (LwLeadListModel *self);
guint            lw_lead_list_model_get_peak_cached_rows (LwLeadListModel *self);
/* Rows read from the store for pages, in all. */
guint64          lw_lead_list_model_get_rows_loaded      (LwLeadListModel *self);

G_END_DECLS
