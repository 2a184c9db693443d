/* lw-live.h: live mode, the SLA clocks of real leads on the wall clock
 *
 * A live lead (lw-store.h) is on the first-touch clock of its SLA policy
 * from its first assignment, in its owner's business hours when the policy
 * says so (lw_sla_compute()). Its clock stands still while its status is
 * one of the policy's pause statuses, and stops for good at its first
 * touch: a touch dated before a checkpoint (warning, deadline, escalation
 * step) means that checkpoint never fires, even when it was logged later.
 *
 * An escalation step that reassigns ends the owner's clock: the new owner
 * starts a clock of their own, from the step's instant. As in the
 * simulator, a lead is warned and breached once: the new clock repeats its
 * escalation steps, not the warning and the deadline already passed.
 *
 * Nothing here reads the clock: the caller passes the time, so tests run
 * live clocks on an injected one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "lw-alerts.h"
#include "lw-config.h"
#include "lw-lead.h"
#include "lw-routing.h"
#include "lw-sla.h"
#include "lw-store.h"

G_BEGIN_DECLS

#define LW_LIVE_ERROR (lw_live_error_quark ())
GQuark lw_live_error_quark (void);

typedef enum
{
  LW_LIVE_ERROR_INVALID,     /* a rep, status, stage or property the rules do not have */
} LwLiveError;

/* ---- one lead's clock -------------------------------------------------------- */

typedef enum
{
  LW_LIVE_NO_CLOCK,          /* unassigned, or on no SLA policy */
  LW_LIVE_RUNNING,
  LW_LIVE_PAUSED,            /* in one of the policy's pause statuses */
  LW_LIVE_OVERDUE,           /* the deadline passed and it is still untouched */
  LW_LIVE_MET,               /* touched by the deadline */
  LW_LIVE_LATE,              /* touched after the deadline */
} LwLiveState;

const char *lw_live_state_to_string (LwLiveState state);   /* "overdue" */

typedef struct
{
  LwLiveState        state;
  const LwSlaPolicy *policy;       /* NULL: no policy */
  const LwRep       *owner;        /* the current owner; NULL when unassigned
                                    * or no longer in the rules */
  LwTime             start;        /* the current clock's start: the last
                                    * assignment; 0 when unassigned */
  LwTime             deadline;     /* the first-touch deadline: the one that
                                    * was missed, else the current clock's;
                                    * G_MAXINT64 while it stands still with
                                    * no end in sight */
  LwTime             warn_at;      /* the current clock's warning; G_MAXINT64 */
  gint64             left;         /* RUNNING, PAUSED: seconds left on the
                                    * policy's clock (whole minutes);
                                    * OVERDUE: minus the seconds since the
                                    * deadline; else 0 */
  gboolean           warned;
  gboolean           breached;
  guint              escalations;  /* steps that notified a manager */
  guint              reassignments;/* steps that reassigned */
  LwTime             next_due;     /* the next checkpoint after @now while
                                    * untouched; G_MAXINT64 when none */
} LwLiveClock;

/* The lead's SLA policy in @config: the one stored with it, else (when the
 * rules no longer have it) the first that applies now; NULL for none. */
const LwSlaPolicy *lw_live_find_policy   (const LwConfig   *config,
                                          const LwLiveLead *lead);
/* @lead's property values as a lead of @config; values of properties the
 * rules do not have, or that no longer fit them, are left out. */
LwLead            *lw_live_lead_to_lead  (const LwConfig   *config,
                                          const LwLiveLead *lead);
/* Works out @lead's first-touch clock at @now. */
void               lw_live_clock_compute (const LwConfig   *config,
                                          const LwLiveLead *lead,
                                          LwTime            now,
                                          LwLiveClock      *clock);

/* ---- what comes due ------------------------------------------------------------- */

typedef struct
{
  LwAlertKind        kind;      /* WARNING, BREACH, ESCALATION, REASSIGNMENT */
  LwLiveLead        *lead;      /* borrowed from the leads given */
  LwTime             at;        /* when it came due */
  LwTime             applied_at;/* REASSIGNMENT: when the new owner takes
                                 * over: @at, or the end of the window when
                                 * the step came due before it (retried, or
                                 * missed while nobody watched) */
  guint              step;      /* ESCALATION, REASSIGNMENT: the step's index */
  const LwSlaPolicy *policy;
  const LwRep       *owner;     /* the owner on the clock */
  const LwRep       *new_owner; /* REASSIGNMENT: NULL when nobody is available */
  LwTime             deadline;  /* the lead's first-touch deadline */
  gboolean           alert;     /* worth an alert: it came due in the window,
                                 * or a late reassignment took place */
} LwLiveDue;

/* What came due in (@from, @to] on the clocks of @leads (LwLiveLead; the
 * open ones matter), in time order. A reassignment due at or before @to is
 * decided whenever it came due, picking the new owner at its time through
 * @routing; it is applied to the lead in memory (a new assignment, a new
 * owner and clock) for the caller to record, and the new clock is followed
 * to @to. */
GArray   *lw_live_due           (const LwConfig *config,
                                 GPtrArray      *leads,
                                 LwTime          from,
                                 LwTime          to,
                                 LwRoutingState *routing);
/* The fact of @due for lw_alerts_push(). */
LwAlertFact *lw_live_due_to_fact (const LwConfig  *config,
                                  const LwLiveDue *due);

/* ---- changes, checked against the rules ------------------------------------------- */

/* The routing state of live leads, kept in the workspace, so that round
 * robin and the reps' daily counts go on from one session (and one
 * command) to the next: a state saved with another rule set keeps what
 * still fits it (lw_routing_state_restore()); one that cannot be read is
 * started over. NULL only on a store error. */
LwRoutingState *lw_live_load_routing (LwStore        *store,
                                      const LwConfig *config,
                                      GError        **error);
/* Saves @routing as the workspace's; inside a transaction of the caller's,
 * part of it. */
gboolean  lw_live_save_routing   (LwStore        *store,
                                  const LwConfig *config,
                                  LwRoutingState *routing,
                                  GError        **error);

/* Adds a live lead with the property values of @lead (a lead of @config),
 * created at @at: owned by @owner (a rep id), else by whom the rules route
 * it to; with @status and @stage when given; on the SLA policy that
 * applies to it. Routing goes through @routing, or when it is NULL through
 * the workspace's state (lw_live_load_routing()), which is saved with the
 * lead, in one transaction. Returns the new id, 0 on error. */
gint64    lw_live_add            (LwStore        *store,
                                  const LwConfig *config,
                                  const LwLead   *lead,
                                  const char     *external_id,
                                  const char     *owner,
                                  const char     *status,
                                  const char     *stage,
                                  LwTime          at,
                                  LwRoutingState *routing,
                                  LwTime          now,
                                  GError        **error);
/* Logs a touch (by @rep, a rep id, or NULL) made at @at. */
gboolean  lw_live_log_touch      (LwStore        *store,
                                  const LwConfig *config,
                                  gint64          id,
                                  LwTouchKind     kind,
                                  LwTime          at,
                                  const char     *rep,
                                  const char     *note,
                                  LwTime          now,
                                  GError        **error);
/* Sets the lead's status (a status id) from @at on. */
gboolean  lw_live_set_status     (LwStore        *store,
                                  const LwConfig *config,
                                  gint64          id,
                                  const char     *status,
                                  LwTime          at,
                                  LwTime          now,
                                  GError        **error);
/* Gives the lead to @owner (a rep id) by hand from @at on: a new clock. */
gboolean  lw_live_assign         (LwStore        *store,
                                  const LwConfig *config,
                                  gint64          id,
                                  const char     *owner,
                                  LwTime          at,
                                  LwTime          now,
                                  GError        **error);
/* Works out the lead's deadline at @now and keeps it with the lead. */
gboolean  lw_live_update_deadline (LwStore        *store,
                                   const LwConfig *config,
                                   gint64          id,
                                   LwTime          now,
                                   GError        **error);

/* ---- watching a workspace --------------------------------------------------------- */

/* Follows the live leads of a workspace from one tick to the next: what
 * comes due between two ticks becomes facts for an LwAlerts. Used by the
 * application and by leadwright-cli watch. */
typedef struct _LwLiveWatch LwLiveWatch;

/* Watches @store (a reference is taken) under @config (a reference is
 * taken; bound), from @since on: what came due before it is not alerted. */
LwLiveWatch *lw_live_watch_new       (LwStore        *store,
                                      LwConfig       *config,
                                      LwTime          since);
void         lw_live_watch_free      (LwLiveWatch    *self);
/* The rules changed: follow @config (a reference is taken) from now on. */
void         lw_live_watch_set_config (LwLiveWatch   *self,
                                       LwConfig      *config);
/* One tick at @now: reads the open live leads, records the reassignments
 * that came due, pushes what came due since the last tick into @alerts and
 * tells @alerts of leads whose clock stopped. A @now before the last tick
 * only moves the watch back. @n_due, when not NULL, receives the number of
 * facts pushed. */
gboolean     lw_live_watch_tick      (LwLiveWatch    *self,
                                      LwAlerts       *alerts,
                                      LwTime          now,
                                      guint          *n_due,
                                      GError        **error);
/* The next instant something comes due on the clocks seen at the last
 * tick; G_MAXINT64 when nothing will. */
LwTime       lw_live_watch_get_next_due (LwLiveWatch *self);
LwTime       lw_live_watch_get_last_tick (LwLiveWatch *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LwLiveWatch, lw_live_watch_free)

G_END_DECLS
