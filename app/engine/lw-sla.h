/* lw-sla.h: first-touch deadlines in business or calendar time
 *
 * Business time is the owner's working hours in the owner's time zone, DST
 * included: 30 business minutes from Friday 16:45 for a rep who works
 * 09:00-17:00 Monday to Friday end on Monday at 09:15. Out-of-office days
 * count as not working.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "lw-config.h"
#include "lw-lead.h"

G_BEGIN_DECLS

/* The first policy whose condition holds, or NULL. */
const LwSlaPolicy *lw_sla_select        (const LwConfig    *config,
                                         const LwLead      *lead);

/* The instant at which @minutes of @rep's business time have passed since
 * @start. Returns G_MAXINT64 when the rep has no working hours. */
LwTime    lw_business_add               (const LwRep       *rep,
                                         LwTime             start,
                                         gint64             minutes);
/* Business seconds of @rep between @from and @to (0 when to <= from). */
gint64    lw_business_seconds_between   (const LwRep       *rep,
                                         LwTime             from,
                                         LwTime             to);

/* A rep's business time over a stretch of instants, worked out once so
 * that a simulation, which asks about the same reps thousands of times,
 * looks answers up instead of walking the calendar each time. Each lookup
 * answers exactly what the function it stands for answers; what the table
 * does not cover is walked as before. The rep must outlive the table and
 * not change. */
typedef struct _LwBusinessTable LwBusinessTable;

LwBusinessTable *lw_business_table_new  (const LwRep           *rep,
                                         LwTime                 from,
                                         LwTime                 until);
void      lw_business_table_free        (LwBusinessTable       *table);
const LwRep *lw_business_table_get_rep  (const LwBusinessTable *table);
/* lw_business_add (rep, start, minutes) */
LwTime    lw_business_table_add         (const LwBusinessTable *table,
                                         LwTime                 start,
                                         gint64                 minutes);
/* lw_business_seconds_between (rep, from, to) */
gint64    lw_business_table_seconds_between (const LwBusinessTable *table,
                                             LwTime                 from,
                                             LwTime                 to);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LwBusinessTable, lw_business_table_free)

/* A span during which the SLA clock stands still (a pause status). */
typedef struct
{
  LwTime from;
  LwTime to;        /* G_MAXINT64 while still paused */
} LwPause;

#define LW_SLA_MAX_ESCALATIONS 8

typedef struct
{
  const LwSlaPolicy *policy;
  LwTime             start;
  LwTime             warn_at;      /* G_MAXINT64 when the policy has no warning */
  LwTime             deadline;
  guint              n_escalations;
  LwTime             escalate_at[LW_SLA_MAX_ESCALATIONS];
} LwSlaTimes;

/* Deadline, warning and escalation instants of @policy for a lead assigned
 * to @owner at @start, the clock standing still during @pauses (sorted,
 * non-overlapping; may be NULL). The warning is @warn_before_minutes before
 * the deadline on the same clock. */
void      lw_sla_compute                (const LwSlaPolicy *policy,
                                         const LwRep       *owner,
                                         LwTime             start,
                                         const LwPause     *pauses,
                                         guint              n_pauses,
                                         LwSlaTimes        *times);

/* lw_sla_compute (policy, owner, start, NULL, 0, times) with @table, the
 * owner's business table (or NULL), for the owner's business time. */
void      lw_sla_compute_with_table     (const LwSlaPolicy     *policy,
                                         const LwRep           *owner,
                                         const LwBusinessTable *table,
                                         LwTime                 start,
                                         LwSlaTimes            *times);

/* Minutes of the policy's clock elapsed between @start and @now, pauses
 * excluded: what "time to first touch" means for reports. */
gint64    lw_sla_elapsed_minutes        (const LwSlaPolicy *policy,
                                         const LwRep       *owner,
                                         LwTime             start,
                                         LwTime             now,
                                         const LwPause     *pauses,
                                         guint              n_pauses);

G_END_DECLS
