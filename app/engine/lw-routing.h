/* lw-routing.h: who gets a lead
 *
 * Rules are tried in order and the first that matches and can assign wins.
 * A rule whose pool has nobody available, whose account is unknown, or whose
 * territory map has no entry for the lead is passed over (and the
 * explanation says why). When no rule assigns, the fallback does; a fallback
 * pool with nobody available still assigns, ignoring hours and caps, so that
 * no lead ever ends without an owner.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "lw-config.h"
#include "lw-lead.h"

G_BEGIN_DECLS

/* Round-robin cursors and the leads each rep got on their current local
 * day. Owned by the caller; lw_route_lead() updates it. */
typedef struct _LwRoutingState LwRoutingState;

LwRoutingState *lw_routing_state_new    (const LwConfig *config);
void            lw_routing_state_free   (LwRoutingState *state);
/* Leads @rep got on the local day of @now. */
guint           lw_routing_state_count  (LwRoutingState *state,
                                         const LwRep    *rep,
                                         LwTime          now);
/* A reassignment takes a lead away: gives back its count. */
void            lw_routing_state_release (LwRoutingState *state,
                                          const LwRep    *rep,
                                          LwTime          assigned_at);

/* The state as JSON, to go on from later with the same config: each
 * pool's round-robin position (by pool id, with its members' ids) and each
 * rep's count on their current local day. */
char           *lw_routing_state_to_json (LwRoutingState *state,
                                          const LwConfig *config);
/* Takes up what lw_routing_state_to_json() saved into a state made for
 * @config: pools found by id whose members are the same, in the same
 * order, go on from their position (others start their round over, as
 * when the state outlives an edit); reps found by id keep their day's
 * count. FALSE with an error when @json is not such a document; @state is
 * then unchanged. */
gboolean        lw_routing_state_restore (LwRoutingState *state,
                                          const LwConfig *config,
                                          const char     *json,
                                          GError        **error);

typedef enum
{
  LW_STEP_NOT_MATCHED,     /* the condition did not hold */
  LW_STEP_NOBODY,          /* matched, but the pool had nobody available */
  LW_STEP_NO_ACCOUNT,      /* matched, but no account has the lead's domain */
  LW_STEP_NO_TERRITORY,    /* matched, but the territory map has no entry */
  LW_STEP_ASSIGNED,        /* matched and assigned */
} LwRouteStepResult;

typedef struct
{
  const LwRoutingRule *rule;   /* NULL for the fallback */
  LwRouteStepResult    result;
  char                *why;    /* the condition's explanation, then the pick */
} LwRouteStep;

typedef struct
{
  const LwRep         *owner;  /* never NULL after lw_route_lead() */
  const LwRoutingRule *rule;   /* the rule that assigned; NULL = fallback */
  const LwPool        *pool;   /* the pool picked from, or NULL */
  gboolean             fallback;
  GPtrArray           *steps;  /* LwRouteStep; NULL when not explained */
  LwFallbackReason     fallback_reason;   /* why, at the fallback; NONE
                                           * otherwise */
} LwRoute;

/* Routes @lead at @now and records the pick in @state. */
void      lw_route_lead      (const LwConfig *config,
                              const LwLead   *lead,
                              LwTime          now,
                              LwRoutingState *state,
                              gboolean        explain,
                              LwRoute        *route);
/* Picks from one pool or target as a rule would (used by SLA reassignment);
 * @exclude (may be NULL) is never picked. NULL when nobody is available. */
const LwRep *lw_route_pick   (const LwConfig *config,
                              const LwTarget *target,
                              LwTime          now,
                              LwRoutingState *state,
                              const LwRep    *exclude,
                              GString        *why);
void      lw_route_clear     (LwRoute        *route);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LwRoute, lw_route_clear)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LwRoutingState, lw_routing_state_free)

G_END_DECLS
