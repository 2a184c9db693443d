/* lw-lead-export.h: the leads and events of a simulation run as CSV
 *
 * One row per lead (LW_LEAD_EXPORT_LEADS) or per event
 * (LW_LEAD_EXPORT_EVENTS), in lead id order (a lead's events in the order
 * they happened), written through an LwCsvWriter (lw-csv.h) as the run's
 * records are read: a run of a million leads is read block by block and
 * never held whole. docs/exports.md lists the columns.
 *
 * The leads' own properties are decoded with the rule set the run was
 * recorded with (its revision); a run recorded with an unsaved rule set
 * has no revision, and its leads are exported without their properties.
 *
 * The workspace's live leads are exported too (lw_lead_export_live()), as
 * the rules see them at a given time: scores, grade, SLA clock.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lw-config.h"
#include "lw-csv.h"
#include "lw-store.h"

G_BEGIN_DECLS

typedef enum
{
  LW_LEAD_EXPORT_LEADS,
  LW_LEAD_EXPORT_EVENTS,
} LwLeadExportKind;

/* Called after each block of leads or events, on the thread the export
 * runs on: @done of @total (leads, or events) written. */
typedef void (*LwLeadExportProgress) (guint64  done,
                                      guint64  total,
                                      gpointer user_data);

/* Writes the leads or events of run @run (0: the latest finished run) of
 * @store to @writer: the header, then a row per lead or event. @config is
 * the rule set to decode the leads' properties with; NULL loads the run's
 * revision. The writer is not finished: the caller finishes it (or frees
 * it unfinished on failure). Errors: LW_STORE_ERROR_NOT_FOUND for a run
 * that is not there, LW_STORE_ERROR_CORRUPT for records that do not
 * decode, LW_CSV_ERROR_IO when writing fails, G_IO_ERROR_CANCELLED. */
gboolean    lw_lead_export_run          (LwStore               *store,
                                         gint64                 run,
                                         LwLeadExportKind       kind,
                                         const LwConfig        *config,
                                         LwCsvWriter           *writer,
                                         GCancellable          *cancellable,
                                         LwLeadExportProgress   progress,
                                         gpointer               progress_data,
                                         GError               **error);

/* The same into the file @path, which is replaced only when the whole
 * export succeeds. @rows (may be NULL) receives the rows written, header
 * excluded. */
gboolean    lw_lead_export_run_to_path  (LwStore               *store,
                                         gint64                 run,
                                         LwLeadExportKind       kind,
                                         const char            *path,
                                         LwCsvWriteFlags        flags,
                                         GCancellable          *cancellable,
                                         LwLeadExportProgress   progress,
                                         gpointer               progress_data,
                                         guint64               *rows,
                                         GError               **error);

/* Writes the live leads of @store to @writer, one row per lead by id, as
 * the rules of bound @config see them at @now: their properties, scores
 * and grade (lw_score_lead()) and their SLA clock (lw_live_clock_compute()).
 * @rows (may be NULL) receives the rows written, header excluded. */
gboolean    lw_lead_export_live         (LwStore               *store,
                                         const LwConfig        *config,
                                         LwTime                 now,
                                         LwCsvWriter           *writer,
                                         GCancellable          *cancellable,
                                         guint64               *rows,
                                         GError               **error);

/* lw_lead_export_run_to_path() on a worker thread, with the run's own rule
 * set. @store should be a connection of its own (lw-store.h): the export
 * holds it block by block. @progress is called on the worker thread. */
void        lw_lead_export_run_to_path_async  (LwStore               *store,
                                               gint64                 run,
                                               LwLeadExportKind       kind,
                                               const char            *path,
                                               LwCsvWriteFlags        flags,
                                               GCancellable          *cancellable,
                                               LwLeadExportProgress   progress,
                                               gpointer               progress_data,
                                               GAsyncReadyCallback    callback,
                                               gpointer               user_data);
gboolean    lw_lead_export_run_to_path_finish (GAsyncResult          *result,
                                               guint64               *rows,
                                               GError               **error);

G_END_DECLS
