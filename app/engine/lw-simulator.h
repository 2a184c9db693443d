/* lw-simulator.h: synthetic inbound leads pushed through the rules
 *
 * A discrete-event simulation on a simulated clock: leads arrive as the
 * scenario says (lw-scenario.h), are scored, change stage, are routed and
 * put on an SLA clock, are touched by their owner after a sampled response
 * time, warned about, breached, escalated, reassigned, qualified or not,
 * converted, disqualified and recycled, all by the rule set's own
 * evaluators. docs/scenario-format.md explains the model.
 *
 * Reproducible: the same rule set, scenario, options and seed give the same
 * events, in the same order, on any machine. The leads depend only on the
 * scenario and the seed, never on the rule set, so two rule sets can be
 * compared on the very same leads (lw_simulation_compare()).
 *
 * Threads: a simulation holds its own copy of the rule set and a reference
 * to the scenario, and no global state; lw_simulation_run() may run on a
 * worker thread. Its sink and progress callbacks are called on that thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <gio/gio.h>

#include "lw-config.h"
#include "lw-event.h"
#include "lw-lead.h"
#include "lw-scenario.h"

G_BEGIN_DECLS

#define LW_SIM_MAX_LEADS  (1u << 24)
#define LW_SIM_MAX_DAYS   3650
/* Leads and events reach the sink in batches of at most this many. */
#define LW_SIM_BATCH_SIZE 4096

typedef struct
{
  guint     leads;         /* 0: the scenario's default */
  guint     days;          /* 0: the scenario's default */
  guint64   seed;
  LwTime    start;         /* 0: the scenario's start */
  double    speed;         /* 0: as fast as possible; else simulated
                            * seconds per wall-clock second (paced) */
  gboolean  keep_details;  /* remember every lead's events and routing
                            * explanation, so lw_simulation_explain()
                            * answers without running again (at most
                            * LW_SIM_MAX_DETAILED leads) */
  double    flush_seconds; /* a fast run hands its sink the leads that
                            * changed, and the events so far, when this
                            * many wall-clock seconds went by since it
                            * last did and it has made twice the leads
                            * (so that flushing costs at most about one
                            * more handing-over of every lead), for a
                            * store's readers to see the run grow; 0: the
                            * leads once, at the end. A paced run always
                            * hands them over as it waits. */
} LwSimOptions;

#define LW_SIM_OPTIONS_INIT { 0, 0, 0, 0, 0.0, FALSE, 0.0 }
#define LW_SIM_MAX_DETAILED 100000

/* One lead as the run left it (or as it is now, in a paced run). Indexes
 * refer to the rule set; -1 means none. Times are 0 when the thing did not
 * happen. Pointers are borrowed and valid during the callback only. */
typedef struct
{
  guint32        id;              /* run-local, 1-based, in creation order */
  LwTime         created_at;
  int            source;          /* option index of the built-in "source" */
  int            entry_point;     /* index in scenario->entry_points */
  LwIntent       intent;
  const char    *email;           /* may be NULL */
  const char    *region;          /* values of the properties of these ids */
  const char    *segment;
  const char    *country;
  const LwLead  *lead;            /* every property at the end of the run */
  int            stage;           /* current stage index */
  int            max_stage;       /* furthest stage ever reached */
  int            status;          /* current status index */
  int            deal_stage;      /* option index of "deal_stage"; -1 when
                                   * the lead has no deal */
  int            owner;           /* current owner, rep index */
  int            routed_rep;      /* the rep routing first assigned */
  int            rule;            /* routing rule that assigned; -1 fallback */
  int            pool;            /* pool that rep was picked from */
  gboolean       fallback;        /* routing ended at the fallback */
  LwFallbackReason fallback_reason; /* why; NONE when not at the fallback */
  int            policy;          /* SLA policy index */
  int            sla_rep;         /* the rep on the clock when the first-touch
                                   * SLA was met or breached (or is running) */
  LwTime         assigned_at;     /* first assignment: the SLA clock's start */
  LwTime         first_touch_at;
  LwTime         deadline;        /* first-touch deadline */
  gint64         ttft;            /* seconds on the policy's clock (calendar
                                   * without a policy) from assignment to
                                   * first touch; -1 untouched */
  gboolean       warned;
  gboolean       breached;
  guint          escalations;
  guint          reassignments;
  double         fit;
  double         engagement;
  double         total;
  gboolean       mql;             /* met the MQL threshold at some point */
  LwTime         mql_at;
  gboolean       converted;       /* qualified by sales: status qualified */
  gboolean       disqualified;
  gboolean       recycled;
  /* When the lead first entered each stage (0 = never), n_stage_at of
   * them: the rule set's stage count. */
  const LwTime  *stage_at;
  guint          n_stage_at;
  guint          n_activities;    /* before and after creation */
  /* The funnel as LwSimStageFigures counts it, a bit per stage index:
   * stages entered or passed through moving forward, and stages the lead
   * moved forward from. */
  guint64        reached_stages;
  guint64        advanced_stages;
} LwSimLead;

/* Where a run's leads and events go. Either callback may be NULL. A
 * callback that fails stops the run with its error. Events come in
 * simulated-time order; a lead comes once at the end of a fast run, and in
 * a paced run again each time it changed since it last came. */
typedef struct
{
  gboolean (*leads_ready)  (const LwSimLead *leads,
                            guint            n,
                            gpointer         user_data,
                            GError         **error);
  gboolean (*events_ready) (const LwEvent   *events,
                            guint            n,
                            gpointer         user_data,
                            GError         **error);
  gpointer user_data;
  /* May be NULL. Called when the run parks (lw_sim_pause_set_paused()),
   * after the leads and events so far: a sink that writes on another
   * thread finishes writing them, so that readers see all of them. */
  gboolean (*flush)        (gpointer         user_data,
                            GError         **error);
} LwSimSink;

/* Called at most ten times a wall-clock second, when a pause parks the run,
 * and once at the end. */
typedef void (*LwSimProgressFunc) (LwTime   now,
                                   guint    leads_done,
                                   guint    leads_total,
                                   gpointer user_data);

/* ---- the summary ------------------------------------------------------------ */

typedef struct
{
  guint  entered;          /* were in the stage at some time */
  guint  reached;          /* entered it, or passed through it moving
                            * forward (a new lead that starts further on
                            * did not pass the stages before) */
  guint  advanced;         /* moved forward from it (or through it) */
  guint  current;          /* are in it at the end */
  double conversion;       /* advanced / reached; -1 for the last stage or
                            * when none reached it */
} LwSimStageFigures;

typedef struct
{
  guint  leads;            /* leads put on this policy's clock */
  guint  met;              /* touched by the deadline */
  guint  breached;
  guint  pending;          /* neither, when the run ended */
  guint  warned;
  guint  escalated;        /* leads with at least one escalation */
  guint  reassigned;       /* leads reassigned at least once */
  double compliance;       /* 100 × met / (met + breached); -1 when both 0 */
  gint64 ttft_p50;         /* seconds on the policy's clock, nearest rank; */
  gint64 ttft_p90;         /* -1 when none was touched */
} LwSimSlaFigures;

typedef struct
{
  guint  routed;           /* leads routing first assigned to them */
  guint  owned;            /* leads they own at the end */
  guint  touched;          /* first touches they made */
  guint  met;
  guint  breached;
} LwSimRepFigures;

typedef struct
{
  guint  leads;
  guint  mql;
  guint  converted;        /* qualified by sales */
  guint  customers;        /* won a deal */
} LwSimSourceFigures;

typedef struct
{
  guint               leads;
  guint64             events;
  LwTime              start;
  LwTime              end;
  gboolean            finished;      /* FALSE when cancelled */
  guint               mql;
  guint               routed;        /* leads assigned an owner */
  guint               fallback;      /* leads routing ended at the fallback */
  guint               touched;
  guint               converted;
  guint               disqualified;
  guint               recycled;
  gint64              ttft_p50;      /* calendar seconds, assignment to */
  gint64              ttft_p90;      /* first touch; -1 when none */
  guint               warnings;      /* events */
  guint               breaches;
  guint               escalations;
  guint               reassignments;
  LwSimSlaFigures     sla;           /* every lead with a policy */
  guint               n_stages;
  LwSimStageFigures  *stages;
  guint               n_policies;
  LwSimSlaFigures    *policies;
  guint               n_reps;
  LwSimRepFigures    *reps;
  guint               n_sources;     /* options of the built-in "source" */
  LwSimSourceFigures *sources;
  guint               n_entry_points;
  LwSimSourceFigures *entry_points;
} LwSimSummary;

/* One figure of a summary, named for people and for machines. */
typedef struct
{
  char   *key;             /* "sla.policy.demo.compliance" */
  char   *label;           /* "SLA compliance, Demo and contact-sales requests (%)" */
  double  value;           /* NAN when it does not apply */
} LwSimFigure;

void        lw_sim_figure_free        (LwSimFigure *figure);

/* ---- the simulation --------------------------------------------------------- */

typedef struct _LwSimulation LwSimulation;

#define LW_SIM_ERROR (lw_sim_error_quark ())
GQuark lw_sim_error_quark (void);

typedef enum
{
  LW_SIM_ERROR_INVALID,    /* the scenario does not fit the rule set, or bad options */
  LW_SIM_ERROR_NOT_FOUND,  /* no such lead */
} LwSimError;

/* Checks that @scenario fits @config (every property id exists with a
 * fitting type, enum values are options, activities, statuses, reps and
 * teams exist) and prepares a run. @config must be bound; the simulation
 * keeps its own copy. */
LwSimulation       *lw_simulation_new          (const LwConfig     *config,
                                                LwScenario         *scenario,
                                                const LwSimOptions *options,
                                                GError            **error);
void                lw_simulation_free         (LwSimulation       *sim);
/* What the scenario asks for that the rule set cannot do, which the run
 * leaves out (LwDiagnostic, warnings, each with the scenario's JSON path:
 * a status a step sets that the rules lack). Empty when none; owned by
 * @sim. */
GPtrArray          *lw_simulation_get_warnings (LwSimulation       *sim);

/* ---- pausing ---------------------------------------------------------------- */

/* A switch that parks a running simulation between two events, thrown
 * from any thread. A parked run has handed its sink everything so far (the
 * events, and the leads that changed when the run sends leads as it goes:
 * paced, or with flush_seconds), so a store holds no open transaction and
 * its readers see the run as it stands; then it waits, holding no lock,
 * until resumed or cancelled. A paced run's simulated clock stands still
 * while it is paused: it goes on from where it stopped, at its pace. A
 * fast run's results do not depend on pausing; nor do a paced run's. */
typedef struct _LwSimPause LwSimPause;

LwSimPause         *lw_sim_pause_new           (void);
LwSimPause         *lw_sim_pause_ref           (LwSimPause         *pause);
void                lw_sim_pause_unref         (LwSimPause         *pause);
void                lw_sim_pause_set_paused    (LwSimPause         *pause,
                                                gboolean            paused);
gboolean            lw_sim_pause_get_paused    (LwSimPause         *pause);
/* TRUE while a run waits, parked by @pause (it then reports no progress). */
gboolean            lw_sim_pause_is_parked     (LwSimPause         *pause);
/* Makes the run of @sim obey @pause (NULL: none); call it before
 * lw_simulation_run(). The simulation keeps a reference. */
void                lw_simulation_set_pause    (LwSimulation       *sim,
                                                LwSimPause         *pause);

/* Runs the simulation once. Returns FALSE with G_IO_ERROR_CANCELLED when
 * @cancellable is cancelled (the summary then holds the leads so far, and
 * a run that sends leads as it goes, paced or with flush_seconds, has
 * handed its sink every lead made so far), or with a sink's error. */
gboolean            lw_simulation_run          (LwSimulation       *sim,
                                                const LwSimSink    *sink,
                                                GCancellable       *cancellable,
                                                LwSimProgressFunc   progress,
                                                gpointer            progress_data,
                                                GError            **error);

/* The rule set the simulation runs: a copy of the caller's with the same
 * indexes, plus the scenario's random out-of-office days. */
const LwConfig     *lw_simulation_get_config   (LwSimulation       *sim);
const LwSimOptions *lw_simulation_get_options  (LwSimulation       *sim);
/* Valid after lw_simulation_run(), until the simulation is freed. */
const LwSimSummary *lw_simulation_get_summary  (LwSimulation       *sim);

/* Every figure of @summary (LwSimFigure, owning), in a fixed order. */
GPtrArray          *lw_sim_summary_figures     (const LwSimSummary *summary,
                                                const LwConfig     *config,
                                                const LwScenario   *scenario);
/* A report a RevOps admin reads: funnel, SLA compliance, leads per rep and
 * at the fallback owner, sources. */
char               *lw_sim_summary_format      (const LwSimSummary *summary,
                                                const LwConfig     *config,
                                                const LwScenario   *scenario);

/* ---- explain ------------------------------------------------------------------ */

typedef struct
{
  LwEvent    event;        /* event.detail is NULL */
  char      *text;         /* "Assigned to Jake Miller by rule “North America inbound”" */
  GPtrArray *details;      /* char *: score contributions, routing rules
                            * tried, SLA checkpoints; may be empty */
} LwSimStoryEntry;

typedef struct
{
  guint32    lead;
  char      *title;        /* "Lead 42: ana.silva42@northbeam.com" */
  GPtrArray *properties;   /* char *: "Country: United States" */
  GPtrArray *entries;      /* LwSimStoryEntry, in time order */
} LwSimStory;

/* The whole story of lead @lead (1-based id): its timeline with times, the
 * score contributions when it was scored, each routing rule tried, each
 * SLA checkpoint. When the details were not kept, the simulation runs
 * again (without a sink) to retrace that lead, which takes as long as the
 * run. */
LwSimStory         *lw_simulation_explain      (LwSimulation       *sim,
                                                guint32             lead,
                                                GCancellable       *cancellable,
                                                GError            **error);
char               *lw_sim_story_format        (const LwSimStory   *story);
void                lw_sim_story_free          (LwSimStory         *story);

/* ---- compare ------------------------------------------------------------------ */

typedef struct
{
  char   *key;
  char   *label;
  double  a;               /* NAN when the figure is not in that run */
  double  b;
} LwSimFigureDiff;

typedef struct
{
  guint32   lead;
  gboolean  routed_differently;    /* a different first owner, or routed in one run only */
  gboolean  qualified_differently; /* MQL or sales-qualified in one run only */
  int       owner_a;
  int       owner_b;
  int       stage_a;               /* furthest stage */
  int       stage_b;
  char     *why;                   /* what happened in each run, and why */
} LwSimLeadDiff;

typedef struct
{
  guint      leads;
  GPtrArray *figures;              /* LwSimFigureDiff, every figure of either run */
  guint      n_routed_differently;
  guint      n_qualified_differently;
  GPtrArray *leads_differing;      /* LwSimLeadDiff, the first @max_listed by id */
} LwSimComparison;

/* Runs @a and @b on the same leads (same scenario, options and seed). */
LwSimComparison    *lw_simulation_compare      (const LwConfig     *a,
                                                const LwConfig     *b,
                                                LwScenario         *scenario,
                                                const LwSimOptions *options,
                                                guint               max_listed,
                                                GCancellable       *cancellable,
                                                GError            **error);
char               *lw_sim_comparison_format   (const LwSimComparison *comparison);
void                lw_sim_comparison_free     (LwSimComparison    *comparison);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LwSimulation, lw_simulation_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LwSimStory, lw_sim_story_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LwSimComparison, lw_sim_comparison_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LwSimFigure, lw_sim_figure_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LwSimPause, lw_sim_pause_unref)

G_END_DECLS
