/* lw-live-view.h: live leads as the views show them
 *
 * The Leads page lists live leads beside the leads of simulation runs, with
 * the same columns (LwLeadSummary); its inspector tells one live lead's
 * story; the SLA monitor counts down the open first-touch clocks of live
 * leads and of a run that is still going. What they show is worked out
 * here, from the store's records and the rules, at a time the caller
 * passes: nothing reads the clock.
 *
 * All of it reads the store (or is handed what was read) and is meant to
 * run on a worker thread with a store connection of its own; the results
 * are snapshots that own their texts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "lw-config.h"
#include "lw-live.h"
#include "lw-scoring.h"
#include "lw-store.h"

G_BEGIN_DECLS

/* ---- the lead list ------------------------------------------------------------- */

/* The row of live lead @lead in the lead list at @now, under bound @config:
 * id (the live lead's id), created, email, company and name read from its
 * properties as the lead list reads a run's leads; the labels of its
 * source, stage and status; its owner's name; its scores and grade at
 * @now; its SLA policy's label; time to first touch in calendar seconds
 * from its first assignment (-1 while untouched); breached when its
 * first-touch deadline passed untouched, whenever it was touched. */
LwLeadSummary *lw_live_view_summarize   (const LwConfig   *config,
                                         const LwLiveLead *lead,
                                         LwTime            now);

/* Every live lead of @store as rows (LwLeadSummary, owning), those that
 * match @search (NULL or blank: all), sorted by @sort as
 * lw_store_list_lead_ids() sorts a run's leads (ties by id, ascending).
 * A lead matches when @search, trimmed, is a case-insensitive part of its
 * name, email, company or owner's name, or of one of its text property
 * values; or when it is a number ("#" before it allowed) that is its id. */
GPtrArray     *lw_live_view_list        (LwStore          *store,
                                         const LwConfig   *config,
                                         LwTime            now,
                                         LwLeadColumn      sort,
                                         gboolean          descending,
                                         const char       *search,
                                         GError          **error);

/* The properties of @config worth asking for when a lead is entered by
 * hand, beyond its name, company and email: the ones that routing rules,
 * territory maps, SLA policies, scoring criteria and stage entry criteria
 * look at, in catalogue order (const LwProperty *, borrowed). The built-in
 * source is among them when a rule looks at it; other built-ins never are. */
GPtrArray     *lw_live_view_properties_that_matter (const LwConfig *config);

/* ---- open clocks ---------------------------------------------------------------- */

/* A first-touch clock still open: running, standing still or run out. */
typedef struct
{
  gint64       run;        /* 0: a live lead */
  gint64       lead;       /* the live lead's id, or the run-local id */
  char        *name;       /* "Ana Silva (Northbeam)" */
  char        *owner;      /* the owner's name; NULL when unknown */
  char        *policy;     /* the SLA policy's label; NULL when unknown */
  LwLiveState  state;      /* RUNNING, PAUSED or OVERDUE */
  LwTime       deadline;   /* G_MAXINT64 while it stands still with no end in sight */
  gint64       left;       /* seconds to the deadline on the policy's clock;
                            * negative: overdue by that much */
} LwLiveTimer;

void       lw_live_timer_free           (LwLiveTimer *timer);

/* The open clocks of @leads (LwLiveLead) at @now, under bound @config
 * (LwLiveTimer, owning): the soonest deadline first (overdue ones first of
 * all, the longest overdue first), then by id; at most @limit (0: all). */
GPtrArray *lw_live_view_open_timers     (const LwConfig   *config,
                                         GPtrArray        *leads,
                                         LwTime            now,
                                         guint             limit);

/* The open clocks of run @run (LwLiveTimer, owning) at the run's latest
 * instant: when the run is still going, the creation time of its newest
 * lead (a paced run's simulated clock has at least reached it), else the
 * run's end. Soonest deadline first, at most @limit (0: all). @at, when
 * not NULL, receives the instant used. Names and labels come from the rule
 * set the run was recorded with (none when the run has no revision). */
GPtrArray *lw_live_view_run_timers      (LwStore          *store,
                                         gint64            run,
                                         guint             limit,
                                         LwTime           *at,
                                         GError          **error);

/* ---- one lead's story -------------------------------------------------------------- */

typedef struct
{
  LwTime  at;
  char   *text;        /* "Assigned to Sophie Martin by the routing rules" */
  char   *detail;      /* may be NULL: a touch's note */
} LwLiveStoryEntry;

typedef struct
{
  LwConfig    *config;      /* the rules it was told under (a reference) */
  LwLiveLead  *lead;
  LwTime       now;
  LwLiveClock  clock;       /* pointers into @config */
  char        *name;        /* "Ana Silva", else the email, else "Lead 42" */
  char        *company;     /* may be NULL */
  char        *email;       /* may be NULL */
  char        *source;      /* the source's label; may be NULL */
  char        *stage;       /* labels; may be NULL */
  char        *status;
  LwScore      score;       /* at @now, explained */
  GPtrArray   *properties;  /* "Label: value" (char *), catalogue order */
  GPtrArray   *touches;     /* LwLiveTouch, by time */
  GPtrArray   *timeline;    /* LwLiveStoryEntry, by time */
} LwLiveStory;

/* Reads live lead @id of @store with its touches and tells its story at
 * @now under bound @config: its facts, its clock, each score contribution
 * and a timeline of what happened (created, assigned, status changes,
 * touches, the warning and breach it got). NULL with
 * LW_STORE_ERROR_NOT_FOUND when there is no such lead. */
LwLiveStory *lw_live_story_load         (LwStore          *store,
                                         LwConfig         *config,
                                         gint64            id,
                                         LwTime            now,
                                         GError          **error);
void         lw_live_story_free         (LwLiveStory      *story);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LwLiveTimer, lw_live_timer_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LwLiveStory, lw_live_story_free)

G_END_DECLS
