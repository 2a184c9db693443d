/* lw-playbook-figures.h: the figures of a recorded run, for the playbook
 *
 * The playbook document (lw-export-playbook.h) ends with the funnel and
 * SLA figures of the latest run; this reads them from a workspace: the
 * funnel as the Funnel view counts it (lw_store_query_funnel()), the SLA
 * compliance and time to first touch of every lead with a policy and of
 * each policy (nearest-rank percentiles, as lw_store_query_sla() works
 * them out), and the counts of leads, MQLs, conversions and fallbacks.
 * Stages and policies are matched to the rule set's by id: when the run's
 * rule set had other stages (or policies), that table is left out rather
 * than shown against the wrong names.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lw-config.h"
#include "lw-export-playbook.h"
#include "lw-store.h"

G_BEGIN_DECLS

typedef struct _LwPlaybookRun LwPlaybookRun;

/* The figures of run @run (0: the latest finished run) of @store for the
 * playbook of bound @config. Errors: LW_STORE_ERROR_NOT_FOUND when there
 * is no such run (no finished run for 0), a store error,
 * G_IO_ERROR_CANCELLED. */
LwPlaybookRun           *lw_playbook_run_query   (LwStore             *store,
                                                  const LwConfig      *config,
                                                  gint64               run,
                                                  GCancellable        *cancellable,
                                                  GError             **error);
void                     lw_playbook_run_free    (LwPlaybookRun       *run);
/* What lw_playbook_to_markdown() and _to_html() take; valid as long as
 * @run. */
const LwPlaybookFigures *lw_playbook_run_get_figures (const LwPlaybookRun *run);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LwPlaybookRun, lw_playbook_run_free)

G_END_DECLS
