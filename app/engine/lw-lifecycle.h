/* lw-lifecycle.h: which stage a lead is in
 *
 * Stages only move forward. A lead enters the furthest stage after its
 * current one whose entry criteria hold, or the MQL stage when the scoring
 * threshold is met (whichever is further). Going back happens only through
 * a recycle or disqualify path.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "lw-config.h"
#include "lw-lead.h"
#include "lw-scoring.h"

G_BEGIN_DECLS

typedef struct
{
  int   stage;        /* index in config->stages */
  int   previous;     /* the stage before; equal to @stage when unchanged */
  char *why;          /* "MQL threshold met: total 45 ≥ 40", "entry criteria: ..." */
} LwStageDecision;

/* The stage @lead should be in, from @current (an index, -1 for none) and
 * its @score. Reads the lead's built-in properties (status, deal stage). */
void      lw_lifecycle_decide   (const LwConfig  *config,
                                 const LwLead    *lead,
                                 int              current,
                                 const LwScore   *score,
                                 LwStageDecision *decision);
void      lw_stage_decision_clear (LwStageDecision *decision);
/* The stage lw_lifecycle_decide() would decide, without its explanation:
 * allocates nothing, for callers that decide millions of times (the
 * simulator). Returns @current when the lead stays, and -1 when @current
 * is -1 and there are no stages. */
int       lw_lifecycle_decide_stage (const LwConfig *config,
                                     const LwLead   *lead,
                                     int             current,
                                     const LwScore  *score);

/* The path that applies to a lead that has been in @status since
 * @status_since, at @now; NULL when none applies yet. */
const LwPath *lw_lifecycle_path_due (const LwConfig *config,
                                     const char     *status,
                                     LwTime          status_since,
                                     LwTime          now);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LwStageDecision, lw_stage_decision_clear)

G_END_DECLS
