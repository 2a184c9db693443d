/* lw-store.h: the workspace, one SQLite file
 *
 * A workspace holds the rule set as revisions, simulation runs with their
 * leads and events, live leads and alerts. Every write is one transaction;
 * a crash at any moment leaves a file that opens and passes
 * PRAGMA integrity_check.
 *
 * Threads: an LwStore is one SQLite connection. Its functions lock it, so one
 * store may be shared, but calls then queue behind each other: a thread that
 * writes a lot (the simulator) should open its own store on the same file,
 * and the GUI keeps another for reading. WAL lets readers run while one
 * connection writes; a second writer waits up to 10 s for the first to
 * commit before failing with LW_STORE_ERROR_BUSY.
 *
 * Schema: PRAGMA user_version is the schema version; an older file is
 * migrated forward on open, in one transaction. A file from a newer build is
 * refused (LW_STORE_ERROR_VERSION) without being written to.
 *
 * Runs: the simulator calls lw_store_begin_run(), then
 * lw_store_append_leads() and lw_store_append_events() for each batch
 * (one transaction per call), then lw_store_finish_run(). A run has one
 * writer: the store that began it. A run whose writer died (killed,
 * crashed, or its store closed before finish) is marked LW_RUN_INTERRUPTED
 * the next time the workspace is opened.
 *
 * Leads and events are stored as compact records in chunks, one row per
 * call and block of lead ids, so a million leads with ten events each take
 * about a second to write and each aggregate reads a few hundred rows.
 * Leads written in id order (as a fast run sends them, at its end) are
 * stored as they come; leads written in scattered order or again and again
 * (a paced run) are folded into one chunk per block when the run finishes.
 *
 * Time is passed in, never read from the system clock.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lw-config.h"
#include "lw-event.h"
#include "lw-types.h"

G_BEGIN_DECLS

#define LW_STORE_ERROR (lw_store_error_quark ())
GQuark lw_store_error_quark (void);

typedef enum
{
  LW_STORE_ERROR_IO,          /* cannot create, open, read or write the file */
  LW_STORE_ERROR_CORRUPT,     /* not a Leadwright workspace, or damaged */
  LW_STORE_ERROR_VERSION,     /* written by a newer Leadwright */
  LW_STORE_ERROR_NOT_FOUND,   /* no such revision, run, lead or key */
  LW_STORE_ERROR_INVALID,     /* an argument's value is wrong */
  LW_STORE_ERROR_BUSY,        /* another writer kept the file locked */
} LwStoreError;

/* The schema this build writes and the newest it reads. */
#define LW_STORE_SCHEMA_VERSION 3

/* Lead ids of a run are below this; events name leads by these ids. */
#define LW_STORE_MAX_LEAD_ID    (1u << 28)
/* Limits of the rule set a run is recorded with. */
#define LW_STORE_MAX_STAGES     254
#define LW_STORE_MAX_REPS       65534

typedef struct _LwStore LwStore;

/* Opens the workspace at @path, creating it (mode 0600) when it does not
 * exist, migrating it when it is older, and marking runs whose writer is
 * gone as interrupted. */
LwStore    *lw_store_open              (const char  *path,
                                        GError     **error);
/* $XDG_DATA_HOME/leadwright/default.leadwright */
char       *lw_store_default_path      (void);
/* Opens the default workspace; on first use creates it with the sample
 * playbook as revision 1 ("Sample playbook", saved at @now). The sample is
 * looked up in $LW_SAMPLES_DIR, then the installed samples, then the
 * source tree. */
LwStore    *lw_store_open_default      (LwTime       now,
                                        GError     **error);
LwStore    *lw_store_ref               (LwStore     *self);
/* Dropping the last reference closes the connection; runs this store began
 * and did not finish are marked interrupted. */
void        lw_store_unref             (LwStore     *self);
const char *lw_store_get_path          (LwStore     *self);

/* Runs PRAGMA integrity_check; FALSE with LW_STORE_ERROR_CORRUPT and the
 * first problem in the message. */
gboolean    lw_store_check_integrity   (LwStore     *self,
                                        GError     **error);

/* Writes a copy of the whole workspace (revisions, runs, metadata) to
 * @path, replacing what is there atomically: a failure leaves @path as it
 * was. @path must not be this workspace's own file. */
gboolean    lw_store_save_copy         (LwStore     *self,
                                        const char  *path,
                                        GError     **error);

/* ---- workspace metadata ("name", "description", ...) -------------------- */

/* NULL with LW_STORE_ERROR_NOT_FOUND when @key is not set. */
char       *lw_store_dup_meta          (LwStore     *self,
                                        const char  *key,
                                        GError     **error);
/* @value NULL removes the key. Inside a transaction of the caller's
 * (lw_store_begin_transaction()), part of it. */
gboolean    lw_store_set_meta          (LwStore     *self,
                                        const char  *key,
                                        const char  *value,
                                        GError     **error);

/* ---- rule-set revisions ----------------------------------------------------- */

typedef struct
{
  gint64  id;
  LwTime  created_at;
  char   *note;       /* never NULL; may be empty */
  char   *json;       /* the canonical config JSON; NULL in lists */
} LwRevision;

void        lw_revision_free           (LwRevision  *revision);

/* Saves @json (UTF-8 text, not checked against the config format: callers
 * pass lw_config_to_data()) as a new revision; returns its id, or 0 with
 * @error set. @note may be NULL. */
gint64      lw_store_save_revision     (LwStore     *self,
                                        const char  *json,
                                        const char  *note,
                                        LwTime       now,
                                        GError     **error);
/* The same with lw_config_to_data (@config). */
gint64      lw_store_save_config       (LwStore        *self,
                                        const LwConfig *config,
                                        const char     *note,
                                        LwTime          now,
                                        GError        **error);
/* The newest revision whose JSON is byte-for-byte @json: *@id is its id,
 * or 0 when there is none. */
gboolean    lw_store_find_revision     (LwStore     *self,
                                        const char  *json,
                                        gint64      *id,
                                        GError     **error);
/* Revisions oldest first, without their JSON (LwRevision, owning). */
GPtrArray  *lw_store_list_revisions    (LwStore     *self,
                                        GError     **error);
/* With its JSON. @id 0 is the latest revision. */
LwRevision *lw_store_get_revision      (LwStore     *self,
                                        gint64       id,
                                        GError     **error);
/* A unified diff (3 lines of context) from revision @from to @to:
 * "--- revision 1\n+++ revision 2\n@@ -3,7 +3,7 @@\n ..."; "" when equal. */
char       *lw_store_diff_revisions    (LwStore     *self,
                                        gint64       from,
                                        gint64       to,
                                        GError     **error);
/* Saves revision @id's JSON again as a new revision noted
 * "Restored revision @id"; returns the new id, 0 on error. */
gint64      lw_store_restore_revision  (LwStore     *self,
                                        gint64       id,
                                        LwTime       now,
                                        GError     **error);

/* The line diff behind lw_store_diff_revisions(): LCS-based, unified format
 * with @context lines around each change. Returns "" when @a equals @b. A
 * missing final newline is reported as "\ No newline at end of file". */
char       *lw_diff_lines              (const char  *a,
                                        const char  *b,
                                        const char  *label_a,
                                        const char  *label_b,
                                        guint        context);

/* ---- simulation runs ---------------------------------------------------------- */

typedef enum
{
  LW_RUN_RUNNING,
  LW_RUN_FINISHED,
  LW_RUN_CANCELLED,
  LW_RUN_FAILED,
  LW_RUN_INTERRUPTED,   /* its writer died before finishing it */
} LwRunStatus;

const char *lw_run_status_to_string    (LwRunStatus  status);   /* "finished" */
gboolean    lw_run_status_from_string  (const char  *name,
                                        LwRunStatus *status);

typedef struct
{
  gint64          revision;   /* the rule-set revision run; 0 when unsaved */
  const LwConfig *config;     /* that rule set, bound: the names of its
                               * stages, statuses, sources, rules, policies,
                               * reps, teams and pools are recorded with the
                               * run, so reports need no config */
  guint64         seed;
  guint           leads;      /* leads requested */
  guint           days;       /* simulated days */
  LwTime          sim_start;  /* start of the simulated period */
  const char     *scenario;   /* the scenario JSON; may be NULL */
  LwTime          started_at; /* wall clock */
} LwRunParams;

typedef struct
{
  gint64       id;
  gint64       revision;      /* 0 when the run used an unsaved rule set */
  LwRunStatus  status;
  LwTime       started_at;
  LwTime       finished_at;   /* 0 while running or when interrupted */
  guint64      seed;
  guint        leads;         /* requested */
  guint        days;
  LwTime       sim_start;
  char        *scenario;      /* may be NULL */
  char        *timings;       /* JSON given to lw_store_finish_run(); may be NULL */
  guint64      leads_written; /* lead records appended (rewrites included) */
  guint64      events_written;
  guint        n_stages;
} LwRunInfo;

void        lw_run_info_free           (LwRunInfo   *info);

/* Records a new run, LW_RUN_RUNNING; returns its id, or 0 with @error set. */
gint64      lw_store_begin_run         (LwStore           *self,
                                        const LwRunParams *params,
                                        GError           **error);

/* The state of one lead at the end of a run (or now, during a paced run),
 * denormalised for the aggregate queries. Indexes refer to the run's rule
 * set; -1 means none. Times are 0 when the thing did not happen. */
typedef struct
{
  guint32        id;              /* run-local, < LW_STORE_MAX_LEAD_ID */
  LwTime         created_at;
  int            source;          /* option index of the built-in "source" */
  const char    *region;          /* may be NULL */
  const char    *segment;         /* may be NULL */
  const char    *entry_point;     /* the scenario's entry point; may be NULL */
  int            stage;           /* current stage index */
  int            max_stage;       /* furthest stage ever reached */
  int            status;          /* current status index */
  int            owner;           /* current owner, rep index */
  int            routed_rep;      /* the rep routing first assigned */
  int            rule;            /* routing rule that assigned; -1 fallback */
  int            pool;            /* pool that rep was picked from */
  gboolean       fallback;        /* routing ended at the fallback owner */
  LwFallbackReason fallback_reason; /* why (lw-types.h); NONE when not at the
                                   * fallback or not recorded */
  int            policy;          /* SLA policy index */
  int            sla_rep;         /* the rep on the clock when the first-touch
                                   * SLA was met or breached (or is running) */
  LwTime         assigned_at;     /* first assignment: the SLA clock's start */
  LwTime         first_touch_at;
  LwTime         deadline;        /* first-touch deadline */
  gint64         ttft;            /* seconds on the policy's clock from
                                   * assignment to first touch; -1 untouched */
  gboolean       warned;          /* got the SLA warning */
  gboolean       breached;
  guint          escalations;     /* saturate at 255 */
  guint          reassignments;   /* saturate at 255 */
  double         fit;             /* stored as float */
  double         engagement;      /* stored as float */
  gboolean       mql;             /* met the MQL threshold at some point */
  gboolean       converted;
  gboolean       disqualified;
  gboolean       recycled;
  /* When the lead first entered each stage (0 = never): n_stages entries,
   * the run's stage count, or NULL when it entered none. */
  const LwTime  *stage_at;
  guint          n_stage_at;
  /* A bit per stage (at most 64): the stages the lead reached (entered or
   * passed through moving forward) and those it moved on from, as the
   * simulator counted them; both 0 when not known, and the funnel then
   * derives them from stage_at. */
  guint64        reached_stages;
  guint64        advanced_stages;
  /* The lead's properties, in whatever encoding the writer chose (JSON text
   * or a compact encoding); may be NULL. */
  const guint8  *properties;
  gsize          properties_len;
} LwStoredLead;

/* Writes @n leads in one transaction. Writing a lead id again replaces that
 * lead (a paced run re-sends leads whose state changed). Nothing is written
 * when any lead is invalid (LW_STORE_ERROR_INVALID, naming it). */
gboolean    lw_store_append_leads      (LwStore            *self,
                                        gint64              run,
                                        const LwStoredLead *leads,
                                        guint               n,
                                        GError            **error);
/* Writes @n events in one transaction; an event's lead need not be written
 * yet. Events of a lead read back in the order they were appended. */
gboolean    lw_store_append_events     (LwStore            *self,
                                        gint64              run,
                                        const LwEvent      *events,
                                        guint               n,
                                        GError            **error);
/* Sets the final status (not LW_RUN_RUNNING) and wall times. @timings is
 * free JSON ({"simulate_s": 2.1, ...}), may be NULL. */
gboolean    lw_store_finish_run        (LwStore            *self,
                                        gint64              run,
                                        LwRunStatus         status,
                                        LwTime              finished_at,
                                        const char         *timings,
                                        GError            **error);

/* Runs, newest first (LwRunInfo, owning). */
GPtrArray  *lw_store_list_runs         (LwStore     *self,
                                        GError     **error);
LwRunInfo  *lw_store_get_run           (LwStore     *self,
                                        gint64       run,
                                        GError     **error);
/* Deletes a run that is not running, with its leads and events. */
gboolean    lw_store_delete_run        (LwStore     *self,
                                        gint64       run,
                                        GError     **error);

/* One lead of a run, in one allocation: free with lw_stored_lead_free().
 * Its pointers (region, segment, entry_point, stage_at, properties) point
 * inside it. */
LwStoredLead *lw_store_get_lead        (LwStore     *self,
                                        gint64       run,
                                        guint32      lead,
                                        GError     **error);
void          lw_stored_lead_free      (LwStoredLead *lead);
/* A lead's events in the order appended (LwEvent, details owned by the
 * array); empty when it has none. */
GArray       *lw_store_get_lead_events (LwStore     *self,
                                        gint64       run,
                                        guint32      lead,
                                        GError     **error);

/* ---- aggregate queries ------------------------------------------------------ */

/* Which leads a figure counts. Leads are selected by their creation time. */
typedef struct
{
  gint64      run;       /* 0 = the latest finished run */
  LwTime      from;      /* created_at >= from; 0 = no lower bound */
  LwTime      to;        /* created_at < to; 0 = no upper bound */
  int         source;    /* source option index; -1 = any */
  const char *segment;   /* NULL = any */
  const char *region;    /* NULL = any */
} LwStoreFilter;

#define LW_STORE_FILTER_INIT { 0, 0, 0, -1, NULL, NULL }

/* A stage of the funnel. A lead "reached" a stage when it entered it or
 * passed through it moving forward, from the stage it started in to the
 * furthest it entered; the last stage is outside the funnel (HubSpot's
 * "Other"), so jumping there passes through nothing. */
typedef struct
{
  int      index;
  char    *id;
  char    *label;
  guint64  reached;
  guint64  entered;         /* actually entered it (stage_at set) */
  guint64  current;         /* are in it now */
  double   conversion;      /* reached(next) / reached, 0..1; -1 for the
                             * last stage or when none reached it */
  guint64  drop_off;        /* reached - reached(next); 0 for the last */
  guint64  left;            /* entered it and later entered a further stage */
  double   median_seconds;  /* time in stage of those that left it: from
                             * entering it to entering the next stage they
                             * entered; -1 when none left it */
} LwFunnelStage;

typedef struct
{
  gint64   run;
  guint64  leads;
  GArray  *stages;          /* LwFunnelStage, in funnel order */
} LwFunnel;

LwFunnel   *lw_store_query_funnel      (LwStore             *self,
                                        const LwStoreFilter *filter,
                                        GError             **error);
void        lw_funnel_free             (LwFunnel            *funnel);

/* SLA compliance of a group of leads (a policy, a rep, a team). A lead with
 * a policy "met" its first-touch SLA when it was touched and not breached,
 * "breached" when breached, and is "pending" otherwise. */
typedef struct
{
  int      index;           /* policy, rep or team index; -1 = none */
  char    *id;
  char    *label;
  guint64  met;
  guint64  breached;
  guint64  pending;
  double   compliance;      /* 100 * met / (met + breached); -1 when both 0 */
} LwSlaGroup;

typedef struct
{
  gint64   run;
  guint64  leads;
  guint64  with_policy;
  LwSlaGroup total;         /* every lead with a policy; index -1 */
  GArray  *by_policy;       /* LwSlaGroup, every policy of the run */
  GArray  *by_rep;          /* LwSlaGroup, every rep, by sla_rep */
  GArray  *by_team;         /* LwSlaGroup, every team, by sla_rep's team;
                             * reps without a team last, index -1 */
  /* Time to first touch (LwStoredLead.ttft) of the touched leads, in
   * seconds: nearest-rank percentiles, -1 when none was touched. */
  guint64  touched;
  gint64   ttft_p50;
  gint64   ttft_p90;
  gint64   ttft_p99;
  double   ttft_mean;       /* -1 when none was touched */
  /* n_edges + 1 buckets: [-inf, e0), [e0, e1), ..., [e_last, +inf). */
  GArray  *histogram;       /* guint64 */
  guint64  warnings;        /* leads warned */
  guint64  breaches;        /* leads breached */
  guint64  escalations;     /* escalation steps taken */
  guint64  reassignments;
} LwSlaFigures;

/* @edges: seconds, strictly rising; may be NULL when @n_edges is 0. */
LwSlaFigures *lw_store_query_sla       (LwStore             *self,
                                        const LwStoreFilter *filter,
                                        const gint64        *edges,
                                        guint                n_edges,
                                        GError             **error);
void          lw_sla_figures_free      (LwSlaFigures        *figures);

/* A first-touch clock still running at a given instant. */
typedef struct
{
  guint32  lead;
  int      rep;             /* sla_rep */
  int      policy;
  LwTime   assigned_at;
  LwTime   deadline;
} LwOpenTimer;

/* Leads assigned at or before @at, not touched by @at, whose deadline is
 * after @at: soonest deadline first (then lead id), at most @limit
 * (0 = all). GArray of LwOpenTimer. */
GArray     *lw_store_query_open_timers (LwStore             *self,
                                        const LwStoreFilter *filter,
                                        LwTime               at,
                                        guint                limit,
                                        GError             **error);

typedef struct
{
  int      index;
  char    *id;
  char    *name;
  int      team;            /* team index, -1 = none */
  guint64  leads;           /* owned at the end (LwStoredLead.owner) */
  guint64  routed;          /* first assigned by routing (routed_rep) */
  guint    capacity;        /* leads per day; 0 = no cap */
  guint64  capacity_total;  /* capacity * the run's days; 0 = no cap */
  double   load;            /* routed / capacity_total; -1 without a cap */
} LwRepLoad;

/* How evenly a pool spread its leads over its members, each member's count
 * divided by their weight when the pool is weighted. */
typedef struct
{
  int      index;
  char    *id;
  char    *label;
  guint64  leads;           /* leads routed from this pool */
  guint    members;
  double   gini;            /* 0 = perfectly even ... 1; 0 without leads */
  double   min_max_ratio;   /* smallest / largest share: 1 = even, 0 when
                             * a member got none; 1 without leads */
} LwPoolFairness;

typedef struct
{
  gint64   run;
  guint64  leads;
  guint64  fallback;        /* routing ended at the fallback */
  /* The leads at the fallback by why they got there (LwFallbackReason);
   * [LW_FALLBACK_NONE] counts those of runs stored without the reason. */
  guint64  fallback_reasons[LW_N_FALLBACK_REASONS];
  guint64  unassigned;      /* no owner at all */
  GArray  *reps;            /* LwRepLoad, every rep of the run */
  GArray  *pools;           /* LwPoolFairness, every pool of the run */
} LwRoutingFigures;

LwRoutingFigures *lw_store_query_routing (LwStore             *self,
                                          const LwStoreFilter *filter,
                                          GError             **error);
void              lw_routing_figures_free (LwRoutingFigures   *figures);

typedef struct
{
  int      index;
  char    *id;
  char    *label;
  guint64  leads;
  guint64  mql;
  guint64  converted;
  double   mql_rate;        /* 0..1; -1 without leads */
  double   conversion_rate; /* 0..1; -1 without leads */
} LwSourceFigures;

typedef struct
{
  gint64   run;
  guint64  leads;
  GArray  *sources;         /* LwSourceFigures, every source option */
  GArray  *entry_points;    /* LwSourceFigures, every entry point the run's
                             * leads named, in order of first appearance */
} LwSourceReport;

LwSourceReport *lw_store_query_sources (LwStore             *self,
                                        const LwStoreFilter *filter,
                                        GError             **error);
void            lw_source_report_free  (LwSourceReport      *report);

/* What the leads of a run can be filtered by (LwStoreFilter), as the run
 * recorded it: a view offers these. */
typedef struct
{
  char *id;        /* what LwStoreFilter takes: a region or segment value */
  char *label;     /* never NULL: the label, else the id */
} LwFilterChoice;

typedef struct
{
  gint64   run;
  GArray  *sources;         /* LwFilterChoice; the position is the source
                             * option index LwStoreFilter.source takes */
  GArray  *regions;         /* LwFilterChoice, the regions and segments the
                             * run's leads have, in order of first */
  GArray  *segments;        /* appearance */
} LwFilterChoices;

/* @run 0: the latest finished run. Reads no lead. */
LwFilterChoices *lw_store_query_filter_choices (LwStore          *self,
                                                gint64            run,
                                                GError          **error);
void             lw_filter_choices_free        (LwFilterChoices  *choices);

/* ---- the lead list ----------------------------------------------------------
 *
 * What a list of a run's leads shows, a million at a time, without holding
 * them: the order of the leads under a sort and a search, as their ids (4
 * bytes a lead), then the rows of the few on screen. Both read the run's
 * chunks in C; ordering or searching a run reads each of its records once
 * (lw-lead-list-model.h pages over them with a bounded cache).
 *
 * The texts of a row (email, company, name) come from the lead's encoded
 * properties (lw_lead_encode()), read with the property catalogue of the
 * rule set the run was made with: the email is its "email" property (else
 * its first email property), the company its "company" property, the name
 * "first_name" and "last_name" ("firstname", "lastname") joined by a space
 * (else a "name" or "full_name" property). Without that rule set, or for a
 * lead whose properties are in another encoding, the texts are NULL. */

/* The columns of the lead list; lw_lead_column_to_string() names them as
 * LwLeadRow names its properties. */
typedef enum
{
  LW_LEAD_COLUMN_ID,
  LW_LEAD_COLUMN_CREATED,
  LW_LEAD_COLUMN_EMAIL,
  LW_LEAD_COLUMN_COMPANY,
  LW_LEAD_COLUMN_NAME,
  LW_LEAD_COLUMN_SOURCE,
  LW_LEAD_COLUMN_STAGE,
  LW_LEAD_COLUMN_STATUS,
  LW_LEAD_COLUMN_OWNER,
  LW_LEAD_COLUMN_FIT,
  LW_LEAD_COLUMN_ENGAGEMENT,
  LW_LEAD_COLUMN_TOTAL,
  LW_LEAD_COLUMN_GRADE,
  LW_LEAD_COLUMN_POLICY,
  LW_LEAD_COLUMN_TTFT,
  LW_LEAD_COLUMN_BREACHED,
  LW_LEAD_COLUMN_FALLBACK,
  LW_N_LEAD_COLUMNS
} LwLeadColumn;

const char *lw_lead_column_to_string   (LwLeadColumn  column);   /* "ttft" */
gboolean    lw_lead_column_from_string (const char   *name,
                                        LwLeadColumn *column);

/* One row of the lead list. Labels are the run's recorded labels. */
typedef struct
{
  guint32   id;
  LwTime    created_at;
  char     *email;        /* NULL when unknown (see above) */
  char     *company;
  char     *name;
  char     *source;       /* the source option's label; NULL: none */
  char     *stage;        /* the current stage's label; NULL: none */
  char     *status;       /* the current status's label; NULL: none */
  char     *owner;        /* the owner's name; NULL: no owner */
  double    fit;
  double    engagement;
  double    total;        /* fit + engagement */
  char     *grade;        /* "A1" by the rule set's grade bands; NULL
                           * without bands or without the rule set */
  char     *policy;       /* the SLA policy's label; NULL: none */
  gint64    ttft;         /* time to first touch, s; -1 untouched */
  gboolean  breached;
  gboolean  fallback;     /* routing ended at the fallback owner */
} LwLeadSummary;

void        lw_lead_summary_free       (LwLeadSummary *summary);

/* The ids of the leads of run @run (> 0; a running run's too, as they are
 * now) that match @search, sorted by @sort, ties by id (ascending either
 * way). GArray of guint32. Reads each of the run's records once (and their
 * properties when searching or sorting by a text) holding the store's
 * lock: a tenth of a second or so for a million leads, more for a text.
 *
 * Sorting: numbers and times by value; ttft by value, the untouched
 * counting as slower than any; stage and status in the rule set's order;
 * source, owner, policy, email, company and name by their text, ignoring
 * case; grade from the best band to the worst; breached and fallback FALSE
 * first. Otherwise a lead without a value sorts before every value.
 *
 * @search (NULL or blank: every lead) is trimmed; a lead matches when it
 * is a case-insensitive part of one of its text properties (string and
 * email ones: email, names, company, job title, ...) or of its name, or
 * when it is a number ("#" before it allowed) that is the lead's id.
 *
 * @config: the rule set whose property catalogue the leads' properties
 * were encoded with; NULL: leads have no texts. */
GArray     *lw_store_list_lead_ids     (LwStore        *self,
                                        gint64          run,
                                        const LwConfig *config,
                                        LwLeadColumn    sort,
                                        gboolean        descending,
                                        const char     *search,
                                        GError        **error);
/* The rows of leads @ids (@n of them) of run @run, in that order
 * (LwLeadSummary, owning); NULL in the place of a lead the run does not
 * have. Reads the chunks of the blocks of those ids only. */
GPtrArray  *lw_store_get_lead_rows     (LwStore        *self,
                                        gint64          run,
                                        const LwConfig *config,
                                        const guint32  *ids,
                                        guint           n,
                                        GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LwLeadSummary, lw_lead_summary_free)

/* ---- reading a whole run ------------------------------------------------------
 *
 * For exports and anything else that reads every lead or every event of a
 * run: the run's records are read block by block (4096 leads, or the events
 * of 65536 leads, at a time), never whole, and the store is locked only
 * while a block is read, not while the callback runs. */

/* The names behind the indexes of a run's leads and events, as the run
 * recorded them (its rule set may have changed since). */
typedef struct _LwRunNames LwRunNames;

typedef enum
{
  LW_RUN_NAME_STAGE,
  LW_RUN_NAME_STATUS,
  LW_RUN_NAME_SOURCE,
  LW_RUN_NAME_RULE,
  LW_RUN_NAME_POLICY,
  LW_RUN_NAME_TEAM,
  LW_RUN_NAME_POOL,
  LW_RUN_NAME_REP,
} LwRunNameKind;

/* The names of run @run; @run 0 is the latest finished run. */
LwRunNames *lw_store_get_run_names     (LwStore          *self,
                                        gint64            run,
                                        GError          **error);
void        lw_run_names_free          (LwRunNames       *names);
/* The run's id (the one @run 0 found). */
gint64      lw_run_names_get_run       (const LwRunNames *names);
/* The stage count of the run's rule set: the length of a lead's stage_at. */
guint       lw_run_names_get_n_stages  (const LwRunNames *names);
/* The id of index @index of @kind ("mql", "olivia"); NULL when @index is
 * -1 or out of range. */
const char *lw_run_names_get_id        (const LwRunNames *names,
                                        LwRunNameKind     kind,
                                        int               index);
/* Its label ("MQL"; a rep's name); NULL as above. */
const char *lw_run_names_get_label     (const LwRunNames *names,
                                        LwRunNameKind     kind,
                                        int               index);

/* Called with each lead or event; it and what it points to are valid
 * during the call only. Returning FALSE (with @error set) stops the walk,
 * which then fails with that error. */
typedef gboolean (*LwStoreLeadFunc)     (const LwStoredLead *lead,
                                         gpointer            user_data,
                                         GError            **error);
typedef gboolean (*LwStoreEventFunc)    (const LwEvent      *event,
                                         gpointer            user_data,
                                         GError            **error);

/* Calls @func with each lead of run @run (> 0) in id order, each as
 * lw_store_get_lead() reads it (its latest state), with the run's labels
 * for region, segment and entry point. Errors: LW_STORE_ERROR_NOT_FOUND
 * for a run that is not there, LW_STORE_ERROR_CORRUPT for records that do
 * not decode, G_IO_ERROR_CANCELLED, or @func's. */
gboolean    lw_store_foreach_lead      (LwStore          *self,
                                        gint64            run,
                                        GCancellable     *cancellable,
                                        LwStoreLeadFunc   func,
                                        gpointer          user_data,
                                        GError          **error);
/* Calls @func with each event of run @run (> 0) by lead id, each lead's in
 * the order they were appended (as lw_store_get_lead_events() gives them);
 * an event's detail is NUL-terminated. Errors as lw_store_foreach_lead(). */
gboolean    lw_store_foreach_event     (LwStore          *self,
                                        gint64            run,
                                        GCancellable     *cancellable,
                                        LwStoreEventFunc  func,
                                        gpointer          user_data,
                                        GError          **error);

/* ---- live leads ----------------------------------------------------------------
 *
 * Real leads followed on the wall clock, entered by hand or imported, beside
 * the simulated leads of runs. The store keeps what happened to each one:
 * its property values, its assignments (by routing, by hand, by an SLA
 * escalation), its lead-status changes and its touches (a call, an email, a
 * meeting, each with the time it happened). It does not read the rule set:
 * the SLA clock of a live lead is worked out from this history by lw-live.h,
 * which also keeps the cached deadline up to date.
 *
 * Histories only move forward: an assignment or a status change may not be
 * dated before the lead was created nor before the previous one. A touch may
 * be logged late (a call made at 09:05 and logged at 09:30 counts from
 * 09:05), but never dated in the future. */

typedef enum
{
  LW_TOUCH_CALL,
  LW_TOUCH_EMAIL,
  LW_TOUCH_MEETING,
  LW_N_TOUCH_KINDS
} LwTouchKind;

const char *lw_touch_kind_to_string    (LwTouchKind   kind);   /* "call" */
gboolean    lw_touch_kind_from_string  (const char   *name,
                                        LwTouchKind  *kind);

typedef enum
{
  LW_LIVE_ASSIGN_ROUTED,       /* by the routing rules */
  LW_LIVE_ASSIGN_MANUAL,       /* by hand */
  LW_LIVE_ASSIGN_ESCALATION,   /* by an SLA escalation step that reassigns */
  LW_N_LIVE_ASSIGN_REASONS
} LwLiveAssignReason;

const char *lw_live_assign_reason_to_string   (LwLiveAssignReason  reason);   /* "routed" */
gboolean    lw_live_assign_reason_from_string (const char         *name,
                                               LwLiveAssignReason *reason);

typedef struct
{
  LwTime              at;
  char               *owner;    /* rep id */
  LwLiveAssignReason  reason;
  int                 step;     /* ESCALATION: the step's index in the lead's
                                 * policy; -1 otherwise */
} LwLiveAssignment;

typedef struct
{
  LwTime  at;
  char   *status;               /* status id */
} LwLiveStatusChange;

typedef struct
{
  gint64       id;
  gint64       lead;
  LwTouchKind  kind;
  LwTime       at;              /* when it happened */
  char        *rep;             /* who made it (rep id); may be NULL */
  char        *note;            /* never NULL; may be empty */
  LwTime       logged_at;       /* when it was entered */
} LwLiveTouch;

void        lw_live_touch_free         (LwLiveTouch *touch);

typedef struct
{
  gint64   id;
  char    *external_id;         /* the CRM's id; NULL when none */
  LwTime   created_at;
  LwTime   updated_at;          /* the last change */
  char    *properties;          /* a JSON object of property values:
                                 * {"first_name": "Ana", "employees": 250} */
  char    *owner;               /* current owner (rep id); NULL: unassigned */
  char    *status;              /* current lead status (id); may be NULL */
  char    *stage;               /* lifecycle stage (id); may be NULL */
  char    *policy;              /* the SLA policy (id) the lead is on; NULL: none */
  LwTime   assigned_at;         /* first assignment, the SLA clock's start; 0 */
  LwTime   first_touch_at;      /* the earliest touch; 0 while untouched */
  LwTime   deadline;            /* first-touch deadline as lw-live last
                                 * computed it; 0 when unknown or none */
  guint    touches;
  GArray  *assignments;         /* LwLiveAssignment, oldest first */
  GArray  *status_changes;      /* LwLiveStatusChange, oldest first */
} LwLiveLead;

/* An empty lead with empty histories, for a caller to fill in and add. */
LwLiveLead *lw_live_lead_new           (void);
LwLiveLead *lw_live_lead_copy          (const LwLiveLead *lead);
void        lw_live_lead_free          (LwLiveLead       *lead);

/* Adds @lead: its external id, properties (NULL: none), stage, policy and
 * created_at (> 0, not after @now). When it has an owner, that is its first
 * assignment (routed) at @lead->assigned_at, or at created_at when that is
 * 0; when it has a status, that is its first status change, at created_at.
 * Its id, counters, touches and histories are not read. Returns the new id,
 * or 0 with LW_STORE_ERROR_INVALID when the properties are not a JSON
 * object, the external id is already taken, or a time is out of order. */
gint64      lw_store_add_live_lead     (LwStore          *self,
                                        const LwLiveLead *lead,
                                        LwTime            now,
                                        GError          **error);
/* With its histories; NULL with LW_STORE_ERROR_NOT_FOUND when there is no
 * such lead. */
LwLiveLead *lw_store_get_live_lead     (LwStore          *self,
                                        gint64            id,
                                        GError          **error);
/* The lead whose external id is @external_id, or NULL with
 * LW_STORE_ERROR_NOT_FOUND. */
LwLiveLead *lw_store_find_live_lead    (LwStore          *self,
                                        const char       *external_id,
                                        GError          **error);
/* Live leads by id (LwLiveLead, owning), with their histories. @open_only:
 * only those with an owner and no touch yet, whose first-touch clock runs,
 * stands still or has run out. */
GPtrArray  *lw_store_list_live_leads   (LwStore          *self,
                                        gboolean          open_only,
                                        GError          **error);
/* Makes @owner (a rep id) the lead's owner from @at on; the first
 * assignment also sets assigned_at. @step is the escalation step of an
 * ESCALATION, -1 otherwise. Inside a transaction of the caller's
 * (lw_store_begin_transaction()), part of it. */
gboolean    lw_store_assign_live_lead  (LwStore            *self,
                                        gint64              id,
                                        const char         *owner,
                                        LwLiveAssignReason  reason,
                                        int                 step,
                                        LwTime              at,
                                        GError            **error);
/* Sets the lead's status (a status id) from @at on. */
gboolean    lw_store_set_live_status   (LwStore          *self,
                                        gint64            id,
                                        const char       *status,
                                        LwTime            at,
                                        GError          **error);
/* The SLA policy (id; NULL: none) and the cached first-touch deadline
 * (0: unknown or none), as lw-live works them out. */
gboolean    lw_store_set_live_policy   (LwStore          *self,
                                        gint64            id,
                                        const char       *policy,
                                        GError          **error);
gboolean    lw_store_set_live_deadline (LwStore          *self,
                                        gint64            id,
                                        LwTime            deadline,
                                        GError          **error);
/* Logs a touch made at @at; the earliest touch is the lead's first touch.
 * Returns the touch's id, or 0 with @error set. */
gint64      lw_store_log_live_touch    (LwStore          *self,
                                        gint64            id,
                                        LwTouchKind       kind,
                                        LwTime            at,
                                        const char       *rep,
                                        const char       *note,
                                        LwTime            now,
                                        GError          **error);
/* The lead's touches by time (LwLiveTouch, owning). */
GPtrArray  *lw_store_list_live_touches (LwStore          *self,
                                        gint64            id,
                                        GError          **error);
/* Deletes the lead with its history, touches and alerts. */
gboolean    lw_store_delete_live_lead  (LwStore          *self,
                                        gint64            id,
                                        GError          **error);

typedef gboolean (*LwStoreLiveLeadFunc) (const LwLiveLead   *lead,
                                         gpointer            user_data,
                                         GError            **error);

/* Calls @func with each live lead by id, with its histories, as
 * lw_store_list_live_leads() gives them, reading a few hundred at a time:
 * a workspace of any size is never held whole. Leads added or changed
 * during the walk may or may not be seen. Errors: a store error,
 * G_IO_ERROR_CANCELLED, or @func's. */
gboolean    lw_store_foreach_live_lead (LwStore             *self,
                                        GCancellable        *cancellable,
                                        LwStoreLiveLeadFunc  func,
                                        gpointer             user_data,
                                        GError             **error);
/* *@id is the live lead whose external id is @external_id, 0 when there is
 * none: the cheap form of lw_store_find_live_lead(). */
gboolean    lw_store_find_live_lead_id (LwStore          *self,
                                        const char       *external_id,
                                        gint64           *id,
                                        GError          **error);
/* Adds @n leads as lw_store_add_live_lead() adds each, all or none: when
 * one is refused (LW_STORE_ERROR_INVALID, naming its place in @leads),
 * none of them is written. Inside a transaction of the caller's
 * (lw_store_begin_transaction()) they become part of it; otherwise they
 * are written in one transaction of their own. @ids (may be NULL) receives
 * the @n new ids. */
gboolean    lw_store_add_live_leads    (LwStore                 *self,
                                        const LwLiveLead * const *leads,
                                        guint                    n,
                                        LwTime                   now,
                                        gint64                  *ids,
                                        GError                 **error);

/* ---- a transaction of the caller's ---------------------------------------------
 *
 * Several calls made one transaction: lw_store_begin_transaction(), then
 * lw_store_add_live_leads() and lw_store_find_live_lead_id() as often as
 * needed (and lw_store_set_meta()), then lw_store_commit_transaction() or
 * lw_store_rollback_transaction(). From begin to commit or rollback the
 * store is locked for the calling thread: other threads' calls on this
 * store wait (another connection to the file can still read). Other
 * writing calls of the store start transactions of their own and fail
 * inside one. */
gboolean    lw_store_begin_transaction    (LwStore  *self,
                                           GError  **error);
/* Commits; on failure the transaction is rolled back. Either way it is
 * over and the store unlocked. */
gboolean    lw_store_commit_transaction   (LwStore  *self,
                                           GError  **error);
/* Undoes everything since lw_store_begin_transaction(). */
void        lw_store_rollback_transaction (LwStore  *self);

/* ---- alerts -----------------------------------------------------------------
 *
 * Every alert raised about a live or a simulated lead (lw-alerts.h): what
 * it said, when, to whom, and whether a notification server showed it. An
 * alert about one lead names it; a summary that stood for several alerts
 * names none, and each alert it stood for is recorded with it as its group. */

typedef enum
{
  LW_ALERT_WARNING,          /* the first-touch deadline is near */
  LW_ALERT_BREACH,           /* the first-touch deadline passed untouched */
  LW_ALERT_ESCALATION,       /* an escalation step notified the manager */
  LW_ALERT_REASSIGNMENT,     /* an escalation step reassigned the lead */
  LW_ALERT_SUMMARY,          /* several of the above, shown as one */
  LW_N_ALERT_KINDS
} LwAlertKind;

const char *lw_alert_kind_to_string    (LwAlertKind   kind);   /* "breach" */
gboolean    lw_alert_kind_from_string  (const char   *name,
                                        LwAlertKind  *kind);

/* The urgency levels of the desktop notification specification. */
typedef enum
{
  LW_ALERT_URGENCY_LOW,
  LW_ALERT_URGENCY_NORMAL,
  LW_ALERT_URGENCY_CRITICAL,
} LwAlertUrgency;

const char *lw_alert_urgency_to_string   (LwAlertUrgency  urgency);   /* "critical" */
gboolean    lw_alert_urgency_from_string (const char     *name,
                                          LwAlertUrgency *urgency);

typedef struct
{
  gint64          id;
  LwAlertKind     kind;
  LwAlertUrgency  urgency;
  LwTime          created_at;   /* when it was raised */
  LwTime          shown_at;     /* when a notification server took it; 0
                                 * when it could not be shown */
  gint64          run;          /* the run of a simulated lead (also of a
                                 * summary of them); 0 for live leads */
  gint64          lead;         /* the run-local or live lead id; 0 for a
                                 * summary */
  char           *recipient;    /* who it was for (lw-alerts.h) */
  char           *summary;
  char           *body;
  LwTime          due_at;       /* the SLA instant it is about; 0 for a summary */
  gint64          group;        /* the summary that stood for it; 0 */
} LwAlertRecord;

void        lw_alert_record_free       (LwAlertRecord *record);

/* Records @alert and, for a summary, the @n_members alerts it stood for
 * (their group becomes the summary's id; their id and group are not read),
 * in one transaction. Returns the id of @alert, or 0 with @error set:
 * LW_STORE_ERROR_INVALID for a summary that names a lead, an alert that
 * names none, or members given to an alert that is not a summary. */
gint64      lw_store_add_alert         (LwStore             *self,
                                        const LwAlertRecord *alert,
                                        const LwAlertRecord *members,
                                        guint                n_members,
                                        GError             **error);

typedef struct
{
  gint64  run;      /* -1: every alert; 0: those of live leads; else that run's */
  gint64  lead;     /* 0: any; else only the alerts about this lead (of
                     * @run; with run -1, any lead of that id) */
  LwTime  since;    /* created_at >= since; 0: no bound */
  guint   limit;    /* 0: all */
} LwAlertFilter;

#define LW_ALERT_FILTER_INIT { -1, 0, 0, 0 }

/* Alerts, newest first (LwAlertRecord, owning). */
GPtrArray  *lw_store_list_alerts       (LwStore             *self,
                                        const LwAlertFilter *filter,
                                        GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LwStore, lw_store_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LwRevision, lw_revision_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LwRunInfo, lw_run_info_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LwStoredLead, lw_stored_lead_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LwRunNames, lw_run_names_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LwFunnel, lw_funnel_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LwSlaFigures, lw_sla_figures_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LwRoutingFigures, lw_routing_figures_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LwSourceReport, lw_source_report_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LwFilterChoices, lw_filter_choices_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LwLiveLead, lw_live_lead_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LwLiveTouch, lw_live_touch_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LwAlertRecord, lw_alert_record_free)

G_END_DECLS
