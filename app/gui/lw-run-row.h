/* lw-run-row.h: a combo row that picks a simulation run
 *
 * What the views (Funnel, Routing Results) pick their run with: "Latest
 * run" first (the newest run that is running or finished, so that a view
 * follows a run while it goes), then every such run, newest first. A row
 * made for a comparison has "None" first instead.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lw-store.h"

G_BEGIN_DECLS

/* What lw_run_row_get_run() returns for the first entry. */
#define LW_RUN_ROW_LATEST ((gint64) 0)
#define LW_RUN_ROW_NONE   ((gint64) -1)

#define LW_TYPE_RUN_ROW (lw_run_row_get_type ())
G_DECLARE_FINAL_TYPE (LwRunRow, lw_run_row, LW, RUN_ROW, AdwComboRow)

/* @comparison: the first entry is "None" (LW_RUN_ROW_NONE), else "Latest
 * run" (LW_RUN_ROW_LATEST). */
GtkWidget *lw_run_row_new           (gboolean     comparison);

/* Lists @runs (LwRunInfo, newest first; those neither running nor
 * finished are left out), keeping the run picked when it is still there,
 * else going back to the first entry. Emits ::run-changed only when the
 * run picked changed. */
void       lw_run_row_set_runs      (LwRunRow    *self,
                                     GPtrArray   *runs);
/* The run picked: a run id, LW_RUN_ROW_LATEST or LW_RUN_ROW_NONE. */
gint64     lw_run_row_get_run       (LwRunRow    *self);
/* Picks run @run when listed (or the first entry for LATEST / NONE);
 * FALSE when it is not listed. Emits ::run-changed when it changes. */
gboolean   lw_run_row_set_run       (LwRunRow    *self,
                                     gint64       run);
/* The newest run listed (running or finished), 0 when there is none. */
gint64     lw_run_row_get_latest    (LwRunRow    *self);

/* The run @run resolves to among @runs: itself, or for LW_RUN_ROW_LATEST
 * the newest run running or finished (0 when there is none). For worker
 * threads too. */
gint64     lw_run_row_resolve       (GPtrArray   *runs,
                                     gint64       run);
/* "Run 3 · 12 Mar 2026 14:02 · 20,000 leads" (or "· running"). */
char      *lw_run_row_describe_run  (const LwRunInfo *info);

G_END_DECLS
