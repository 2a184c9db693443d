/* lw-live-replay.h: real leads through the current rules, recorded as a run
 *
 * A replay takes the workspace's live leads (all of them, or the ones an
 * import just added) and puts each through a rule set as of one instant:
 * it scores the lead (fit, engagement, grade, MQL), decides its lifecycle
 * stage, routes it (the rule that matches, the pool and the rep the rules
 * pick, or the fallback) and works out its SLA clock from its own history
 * (lw_live_clock_compute()). The result is recorded as a run of the
 * workspace whose leads are those live leads, numbered 1, 2, ... in the
 * order of their live ids, so the Funnel, SLA and Leads views, the reports
 * and the CSV export show real leads as they show simulated ones. The live
 * leads themselves are not changed.
 *
 * In the run, a lead's owner is its live owner (the CRM's, or the one the
 * import routed it to) and "routed to" is the rep the rules pick now, so
 * the routing figures show how the current rules would spread these
 * leads. Leads are routed in the order of their live ids, with one
 * routing state, so round robin goes round. The
 * run has no scenario (it cannot be retraced by the simulator); its
 * timings JSON says it is a replay: {"replay": {"liveLeads": N}}.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lw-config.h"
#include "lw-store.h"

G_BEGIN_DECLS

typedef struct
{
  gint64  run;           /* the run recorded */
  guint   leads;         /* live leads replayed */
  guint   mql;           /* of those, the ones whose score meets the MQL threshold */
  guint   reassigned;    /* the ones the rules give to another rep than their owner */
  guint   fallback;      /* the ones whose routing ended at the fallback */
} LwReplaySummary;

/* Replays the live leads @ids (@n_ids of them; NULL and 0: every live
 * lead) of @store under bound @config as of @now (the wall clock) and
 * records the run, noting @revision as its rule set (0: unsaved). Ids
 * that are not live leads are skipped. A cancelled replay records its run
 * as cancelled and returns G_IO_ERROR_CANCELLED; a replay of no lead
 * records nothing and fails with LW_STORE_ERROR_NOT_FOUND. @summary (may
 * be NULL) receives what was replayed. */
gboolean    lw_live_replay         (LwStore             *store,
                                    const LwConfig      *config,
                                    gint64               revision,
                                    const gint64        *ids,
                                    guint                n_ids,
                                    LwTime               now,
                                    GCancellable        *cancellable,
                                    LwReplaySummary     *summary,
                                    GError             **error);

/* lw_live_replay() on a worker thread. @store should be a connection of
 * its own (lw-store.h); @config is referenced. */
void        lw_live_replay_async   (LwStore             *store,
                                    const LwConfig      *config,
                                    gint64               revision,
                                    const gint64        *ids,
                                    guint                n_ids,
                                    LwTime               now,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
gboolean    lw_live_replay_finish  (GAsyncResult        *result,
                                    LwReplaySummary     *summary,
                                    GError             **error);

G_END_DECLS
