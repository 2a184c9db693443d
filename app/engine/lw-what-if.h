/* lw-what-if.h: what an edit does, on the same leads, in memory
 *
 * A what-if runs a rule set on a scenario without a store (as fast as
 * possible, no sink) and keeps its summary with the rule set that made
 * it: an LwWhatIfSide. Two sides made with the same scenario, options
 * and seed saw the very same leads (lw-simulator.h), so the difference of
 * their figures is what the edit between the two rule sets does.
 *
 * At the scenario's pace. A what-if is about many leads (100,000 by
 * default) so that its figures are steady, but the rules must meet the
 * volume a day the scenario says (daily caps, capacity and queues depend
 * on it): 100,000 leads in the 30 days of a 3,000-lead scenario would be
 * a flood no team meets. So the leads are simulated as replications of
 * the scenario: as many runs as it takes, each of at most the scenario's
 * leads over the days that keep its pace (lw_what_if_days_for()), each
 * with a seed of its own (lw_what_if_replication_seed(); the first is the
 * seed itself), their summaries added up. The replications are
 * independent, so they run on all the machine's cores at once.
 *
 * lw_what_if_run() runs the rules before and after an edit on the same
 * leads; lw_what_if_simulate() runs one side, for a caller that keeps the
 * "before" while the rules change. lw_what_if_compare() lists the figures
 * an admin weighs after an edit: MQL rate, SLA compliance in all and per
 * policy, and the share of leads left at the fallback owner.
 *
 * Threads: a side is immutable once made, and its functions may run on
 * any thread. The helper threads inherit the caller's scheduling priority.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lw-config.h"
#include "lw-scenario.h"
#include "lw-simulator.h"

G_BEGIN_DECLS

typedef struct _LwWhatIfSide LwWhatIfSide;

struct _LwWhatIfSide
{
  LwConfig      *config;       /* the rule set that ran (a reference) */
  LwSimSummary   summary;      /* the replications' summaries added up; the
                                * arrays belong to the side. Counts add;
                                * compliance and conversion are worked out
                                * again from them; the time-to-first-touch
                                * percentiles are those of the first
                                * replication (percentiles do not add). */
  guint64        seed;
  guint          leads;        /* leads requested */
  guint          replications; /* runs of the scenario they took */
  guint          days;         /* simulated days of each */
  gint64         elapsed_us;   /* wall-clock time, setting up included */

  /*< private >*/
  gatomicrefcount ref_count;
};

LwWhatIfSide *lw_what_if_side_ref    (LwWhatIfSide *side);
void          lw_what_if_side_unref  (LwWhatIfSide *side);

/* Runs @options->leads leads (0: the scenario's) of @scenario with
 * @config (bound), at the scenario's pace, from @options->seed (its days,
 * start, speed, flush_seconds and keep_details are not read: a what-if
 * runs as fast as it can, in memory), and keeps the summary. @progress is
 * called on this thread, with the leads done and to do of every
 * replication. Fails with LW_SIM_ERROR_INVALID when @config is not bound
 * (it has errors) or @scenario does not fit it, and with
 * G_IO_ERROR_CANCELLED when @cancellable is cancelled. */
LwWhatIfSide *lw_what_if_simulate    (const LwConfig     *config,
                                      LwScenario         *scenario,
                                      const LwSimOptions *options,
                                      GCancellable       *cancellable,
                                      LwSimProgressFunc   progress,
                                      gpointer            progress_data,
                                      GError            **error);

/* Runs @before and @after on the same leads, both at once. Both or
 * neither side is returned: on failure (the first error of any run)
 * *@out_before and *@out_after are left alone. */
gboolean      lw_what_if_run         (const LwConfig     *before,
                                      const LwConfig     *after,
                                      LwScenario         *scenario,
                                      const LwSimOptions *options,
                                      GCancellable       *cancellable,
                                      LwSimProgressFunc   progress,
                                      gpointer            progress_data,
                                      LwWhatIfSide      **out_before,
                                      LwWhatIfSide      **out_after,
                                      GError            **error);

/* The simulated days that keep @scenario's pace (its leads a day) for a
 * run of @leads leads: its days × @leads / its leads, rounded, from 1 to
 * LW_SIM_MAX_DAYS. */
guint         lw_what_if_days_for    (const LwScenario   *scenario,
                                      guint               leads);
/* How @leads leads of @scenario are simulated: *@replications runs of
 * about *@leads_each leads (the first ones take one more when they do not
 * divide evenly) over *@days_each days. */
void          lw_what_if_plan        (const LwScenario   *scenario,
                                      guint               leads,
                                      guint              *replications,
                                      guint              *leads_each,
                                      guint              *days_each);
/* The seed of replication @index (0-based) of a what-if seeded @seed;
 * replication 0 has @seed itself. */
guint64       lw_what_if_replication_seed (guint64        seed,
                                           guint          index);

typedef enum
{
  LW_WHAT_IF_PERCENT,          /* 0..100 */
  LW_WHAT_IF_COUNT,
} LwWhatIfUnit;

typedef struct
{
  char         *key;           /* "mql_rate", "sla.compliance",
                                * "sla.policy.POLICY-ID.compliance",
                                * "fallback_share" */
  char         *label;         /* "MQL rate", "SLA: Demo requests" */
  LwWhatIfUnit  unit;
  double        before;        /* NAN when it does not apply to that side */
  double        after;         /* (no lead for it, or no such policy) */
  int           better;        /* +1: higher is better; -1: lower is */
} LwWhatIfFigure;

void          lw_what_if_figure_free (LwWhatIfFigure *figure);

/* The figures of the two sides (LwWhatIfFigure, owning), in this order:
 * MQL rate (% of leads), SLA compliance of every lead with a policy (%),
 * the compliance of each policy (those of @after in its order, then those
 * only @before has), and the share of routed leads left at the fallback
 * owner (%). Policies are matched by id; labels come from @after. */
GPtrArray    *lw_what_if_compare     (const LwWhatIfSide *before,
                                      const LwWhatIfSide *after);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LwWhatIfSide, lw_what_if_side_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LwWhatIfFigure, lw_what_if_figure_free)

G_END_DECLS
