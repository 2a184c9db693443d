/* lw-sim-internal.h: the simulator's state, shared by its source files
 * (lw-simulator.c runs it; lw-sim-setup.c prepares it; lw-sim-explain.c
 * explains and compares its leads; lw-sim-summary.c words its figures)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lw-lifecycle.h"
#include "lw-rng.h"
#include "lw-routing.h"
#include "lw-scoring.h"
#include "lw-simulator.h"
#include "lw-sla.h"

G_BEGIN_DECLS

/* Relative times are seconds from the start of the simulated period. */
#define NEVER             G_MAXINT32    /* a timer that is not set */
#define NOT_YET           G_MININT32    /* a time that has not come */
#define MISSING           0xffffu       /* a categorical value that is not set */
#define SLOT_SECONDS      900
#define CHECK_EVERY       1024          /* loop turns between checks */
#define MAX_OCCURRENCES   50            /* of one activity for one lead */
#define MAX_VALUES        0xfffe        /* distinct values of one property */
#define PACE_SLICE_US     50000         /* paced mode sleeps in slices */
#define PROGRESS_US       100000        /* at most ten progress calls a second */
#define MAX_BUCKETS       4096          /* of the timer queue: see queue_push() */
#define MIN_BUCKET_SHIFT  6             /* 64-second buckets at least */
#define MAX_STATIC        16            /* scoring criteria evaluated once per
                                         * lead: the bits of a guint16 */
#define GRADE_UNKNOWN     0xffffu       /* sim->grade_ids: not interned yet */

/* The purposes of random streams: see the top of this file. */
enum
{
  PURPOSE_GENERATE = 1,
  PURPOSE_RESPONSE,
  PURPOSE_OUTCOME,
  PURPOSE_OPPORTUNITY,
  PURPOSE_CLOSE,
  PURPOSE_ARRIVALS,
  PURPOSE_OUT_OF_OFFICE,
};

enum
{
  F_ROUTED       = 1 << 0,
  F_FALLBACK     = 1 << 1,
  F_MQL          = 1 << 2,    /* met the threshold at some point */
  F_MQL_NOW      = 1 << 3,    /* meets it at the last scoring */
  F_WARNED       = 1 << 4,
  F_BREACHED     = 1 << 5,
  F_CONVERTED    = 1 << 6,
  F_DISQUALIFIED = 1 << 7,
  F_RECYCLED     = 1 << 8,
  F_DIRTY        = 1 << 9,    /* changed since it last went to the sink */
  F_TOUCHED      = 1 << 10,
  F_WON          = 1 << 11,
  F_CREATED      = 1 << 12,
};

typedef enum
{
  STEP_NONE,
  STEP_CONNECT,
  STEP_OUTCOME,
  STEP_DEAL_OPEN,
  STEP_DEAL_CLOSE,
} Step;

typedef enum
{
  OUTCOME_NO_CONTACT,
  OUTCOME_QUALIFIED,
  OUTCOME_UNQUALIFIED,
  OUTCOME_BAD_TIMING,
} Outcome;

typedef enum
{
  CHECK_WARNING,
  CHECK_BREACH,
  CHECK_ESCALATION,
} CheckKind;

/* One lead's state: 144 bytes. */
typedef struct
{
  guint64  reached;          /* stages entered or passed through, a bit each */
  guint64  advanced;         /* stages it moved forward from */
  gint32   created;
  guint32  email_origin;     /* the lead whose address this is (itself, or an
                              * earlier one for a duplicate) */
  guint32  domain;           /* email domain, index in sim->domains */
  guint32  act_first;        /* its activities in sim->activities */
  guint32  clock;            /* its running SLA clock in sim->clocks + 1; 0 none */
  guint16  act_count;
  guint16  act_next;         /* the next one to happen */
  guint8   entry;
  guint8   intent;
  guint8   grade;            /* index in sim->grades */
  guint8   sla_step;         /* SLA checkpoints passed on the current clock */
  /* timers */
  gint32   touch_at;
  gint32   sla_at;
  gint32   step_at;
  gint32   path_at;
  gint32   check_at;
  /* what happened */
  gint32   assigned_at;      /* first assignment */
  gint32   clock_start;      /* the current SLA clock's start */
  gint32   first_touch_at;
  gint32   deadline;
  gint32   mql_at;
  gint32   status_since;
  gint32   ttft;             /* seconds on the policy's clock; -1 */
  /* When it first entered each stage: the first stage it entered here,
   * the others in sim->stage_entries (most leads enter one or two of
   * them; an array of every stage per lead would be the largest part of
   * a run's memory). */
  gint32   first_stage_at;
  guint32  more_stages;      /* index + 1 of its next StageEntry; 0 none */
  float    fit;
  float    engagement;
  float    total;
  float    emitted_total;    /* the total of the last SCORED event */
  gint16   owner;
  gint16   routed_rep;
  gint16   sla_rep;
  gint16   rule;
  gint16   pool;
  gint8    stage;
  gint8    max_stage;
  gint8    first_stage;      /* -1 before it entered any */
  gint8    status;
  gint8    deal;             /* option index of deal_stage, -1 none */
  gint8    policy;
  guint8   step;             /* Step */
  guint8   outcome;          /* Outcome */
  guint8   escalations;
  guint8   reassignments;
  guint8   assignments;
  guint8   fallback_reason;  /* LwFallbackReason */
  guint16  flags;
  guint32  undecided;        /* stage_key() when the lifecycle last kept
                              * the lead where it was; 0 none */
} Lead;

/* Six bytes: a million leads have some four million of them. */
typedef struct __attribute__ ((packed))
{
  gint32  at;
  guint16 type;              /* index in sim->activity_ids */
} PackedActivity;

G_STATIC_ASSERT (sizeof (PackedActivity) == 6);

/* When a traced lead's deal opened and closed, for its story. */
typedef struct
{
  gint32  open_at;
  gint32  closed_at;
} DealTimes;

/* A stage a lead entered after its first one, and when it first did. */
typedef struct
{
  gint32  t;
  guint32 next;              /* index + 1 of the lead's next one; 0 none */
  guint8  stage;
} StageEntry;

/* The checkpoints of a running SLA clock, computed once when it starts:
 * lw_sla_compute() is costly. Slots are reused through a free list. */
typedef struct
{
  gint32  at[LW_SLA_MAX_ESCALATIONS + 2];
  guint8  kind[LW_SLA_MAX_ESCALATIONS + 2];
  guint8  index[LW_SLA_MAX_ESCALATIONS + 2];
  guint8  n;
  guint32 next_free;
} Clock;

typedef struct _QueueChunk QueueChunk;

/* A categorical draw: running sums and the value id of each weight. */
typedef struct
{
  double  *cumulative;
  guint16 *ids;
  guint    n;
} Categorical;

/* A property distribution ready to draw from. */
typedef struct
{
  const LwPropertyDist *dist;
  Categorical           cat;         /* CATEGORICAL */
  Categorical          *branches;    /* CONDITIONAL, one per branch */
  guint                 n_branches;
  int                  *branch_of;   /* CONDITIONAL: parent value id -> branch, -1 */
  guint                 n_branch_of;
  int                   default_branch;
  double               *below;       /* BANDS */
  guint16              *band_ids;
  guint                 n_bands;
  guint                *part_sizes;  /* COMBINE */
  guint16              *combo_ids;   /* COMBINE: the value id of each
                                      * combination of parts, COMBO_UNSEEN
                                      * before it is first drawn; NULL:
                                      * look the text up each time */
} Drawer;

/* At most this many parts have a table of combinations (any more come
 * from parts of one word, as there are at most MAX_VALUES combinations). */
#define COMBO_MAX_PARTS 16
#define COMBO_UNSEEN    0xffff

/* One property the scenario draws. */
typedef struct
{
  const LwPropertyDist *base;
  gboolean              numeric;     /* else categorical: a value id */
  guint                 slot;        /* in the lead's cat or num values */
  int                   parent;      /* dependsOn / bandsOf: index in sim->gen */
  GPtrArray            *texts;       /* char *, the value of each id */
  GHashTable           *ids;         /* text -> id + 1 */
  GArray               *values;      /* LwValue, parsed for the rule set */
  GArray               *slugs;       /* char *, for email addresses */
  int                   prop;        /* index in config->properties */
  Drawer                drawer;
  Drawer              **overrides;   /* per entry point, NULL: the base */
} GenProp;

/* A filter of a static criterion's condition (in sim->static_filters),
 * group by group: the result of the filter (lw_filter_eval()) depends on
 * one value only when its property is a generated categorical one
 * (memo_slot its slot) or the email's domain (memo_slot -1); then memo
 * keeps it per value id (0 not known yet, 1 fails, 2 holds). Otherwise
 * memo is NULL and the filter is evaluated. The list ends with an entry
 * whose filter is NULL. */
typedef struct
{
  const LwFilter *filter;
  gboolean        first_of_group;
  int             memo_slot;
  GByteArray     *memo;
} StaticFilter;

/* An interned string with its parsed value (str and fold). */
typedef struct
{
  LwValue value;
} Interned;

struct _LwSimulation
{
  LwConfig          *base;         /* the caller's rule set (a reference: a bound
                                    * rule set is not changed, edits make new ones) */
  LwConfig          *config;       /* base + random out-of-office days */
  LwScenario        *scenario;
  LwSimOptions       options;
  guint              n_leads;
  guint              days;
  LwTime             start;
  LwTime             end;
  gint32             horizon;      /* end - start */

  /* the scenario, ready to draw */
  GenProp           *gen;
  guint              n_gen;
  guint              n_cat;
  guint              n_num;
  int                gen_first_name;
  int                gen_last_name;
  int                gen_company;
  int                gen_arrival;
  GPtrArray         *activity_ids;  /* char *: every activity the scenario names */
  int               *activity_index;/* -> config->activities */
  int               *arrival_activity; /* per value id of gen_arrival: activity id index, -1 */
  guint              n_arrival_activity;
  int               *model_activity; /* per activity model: index in activity_ids */
  double             entry_cumulative[256];
  guint              n_entries;
  Categorical        free_domains;
  Categorical        competitor_domains;
  guint32           *account_domains;
  guint              n_account_domains;
  GPtrArray         *domains;       /* Interned */
  GHashTable        *domain_ids;    /* text -> id + 1 */
  GArray            *company_domain;/* guint32 per company value id, G_MAXUINT32 unset */
  GString           *words;         /* reused to combine words */

  /* the rule set, ready to use */
  int                email_prop;
  int               *domain_props;  /* properties derived from the email */
  guint              n_domain_props;
  int                region_prop;
  int                segment_prop;
  int                country_prop;
  int                mql_stage;
  int                statuses[LW_N_SIM_STATUSES];
  GPtrArray         *warnings;      /* LwDiagnostic: what the run leaves out */
  int                deal_option[4];/* none, open, won, lost */
  gint64            *path_after;    /* per status: seconds to its earliest path, -1 none */
  LwValue           *stage_values;
  LwValue           *status_values;
  LwValue           *deal_values;
  LwValue           *source_values;
  int               *entry_source;  /* per entry point: source option index */
  GPtrArray         *grades;        /* Interned; 0 is "no grade" */
  const LwNumberDist **response;    /* per rep */
  int               *manager_of;    /* per rep */
  guint              n_stages;
  guint              n_reps;
  /* Scoring criteria whose conditions read only properties a simulated
   * lead keeps all run long (not the built-in ones): evaluated once per
   * lead, the results kept as bits (see setup_static_criteria()). */
  guint              n_static;
  guint              static_criteria[MAX_STATIC];  /* criterion indexes */
  guint8            *known;         /* LwCriterionResult per criterion */
  guint              n_known;
  /* Whether every criterion a scoring evaluates (the condition criteria
   * that are not static) reads built-in properties only: then rescore()
   * scores sim->score_lead, which holds the built-ins and the activities
   * that happened and nothing else (see prepare_score_lead()). */
  gboolean           score_builtins_only;
  gboolean           score_evaluates;  /* some condition criterion is not static */
  /* When every fit criterion is static (or never matches), the fit sum of
   * a lead depends on its static results only: fit_sums[pattern] for the
   * pattern of its first n_fit_static bits, computed on first use
   * (fit_known[pattern]); NULL otherwise. */
  guint              n_fit_static;
  double            *fit_sums;
  guint8            *fit_known;
  /* A static criterion whose condition reads nothing but one generated
   * categorical property, or nothing but the email's domain, has the same
   * result for every lead with the same value: static_memo[k] keeps it per
   * value id (0 not known yet, 1 fails, 2 holds), filled as leads come;
   * static_memo_slot[k] is the property's slot in the lead's categorical
   * values, -1 for the domain. NULL for the other criteria. */
  GByteArray        *static_memo[MAX_STATIC];
  int                static_memo_slot[MAX_STATIC];
  /* The other static criteria, when some of their filters read such a
   * property: static_filters[k] holds their filters one by one, each with
   * a memo of its own result per value (see StaticFilter); NULL for the
   * others, which lw_condition_eval() evaluates. */
  StaticFilter      *static_filters[MAX_STATIC];
  /* With the fit table, rescore() scores through score_plan (NULL when
   * the scoring is too large for one), on score_acts (the activities that
   * happened, score_acts_size of room), and takes the grade of each pair
   * of bands from grade_ids[fit band + 1][engagement band + 1] (an index
   * in sim->grades; GRADE_UNKNOWN before it is first needed). */
  LwScorePlan       *score_plan;
  LwActivity        *score_acts;
  guint              score_acts_size;
  guint16           *grade_ids;
  guint              n_engagement_bands;

  /* run state */
  gboolean           ran;
  Lead              *leads;         /* n_leads, index id - 1 (big_alloc()) */
  guint16           *static_results;/* n_leads: bit k when static_criteria[k] holds */
  guint16           *cat_values;    /* n_leads × n_cat (big_alloc()) */
  float             *num_values;    /* n_leads × n_num (big_alloc()) */
  gsize              leads_size;    /* bytes of the three */
  gsize              cat_size;
  gsize              num_size;
  GArray            *stage_entries; /* StageEntry: see Lead */
  GArray            *activities;    /* PackedActivity */
  /* the timer queue: see queue_push() */
  guint64           *near;          /* a binary heap of heap_key()s */
  guint              near_len;
  guint              near_size;
  guint32           *buckets;       /* per bucket: index + 1 of its newest chunk */
  guint              n_buckets;
  guint              bucket_shift;
  guint              min_bucket_shift; /* MIN_BUCKET_SHIFT, but for tests */
  guint              max_buckets;      /* MAX_BUCKETS, but for tests */
  guint              current;       /* the bucket in sim->near */
  QueueChunk        *chunks;
  guint              n_chunks;
  guint              used_chunks;
  guint32            free_chunk;    /* index + 1; 0 none */
  GArray            *clocks;        /* Clock */
  guint32            free_clock;    /* index + 1 of a free slot; 0 none */
  LwBusinessTable  **business;      /* per rep, made when first asked */
  guint              n_created;
  LwRoutingState    *routing;
  LwLead            *lead;          /* the scratch lead being evaluated */
  LwLead            *score_lead;    /* the scratch lead rescore() scores */
  guint32            lead_id;       /* whose values it holds, 0 none */
  /* The lifecycle's stage conditions and the SLA policies' conditions read
   * sim->light_lead when they read no email value (light_ok): the built-ins
   * and the generated properties at light_gen (indexes in sim->gen), the
   * others left as make_lead() made them. See prepare_light_lead(). */
  gboolean           stage_keyed;   /* see stage_key() */
  LwLead            *light_lead;
  guint32            light_lead_id; /* whose values it holds, 0 none */
  gboolean           light_ok;
  guint             *light_gen;
  guint              n_light_gen;
  char               email_buffer[256];
  GArray            *scratch_activities;

  /* output */
  LwSimLead         *batch;         /* LW_SIM_BATCH_SIZE of each */
  LwLead           **batch_leads;
  char              *batch_emails;  /* 256 bytes each */
  LwTime            *batch_stage_at;/* n_stages each */
  const LwSimSink   *sink;
  GError            *sink_error;
  LwEvent            events[LW_SIM_BATCH_SIZE];
  guint              n_events;
  guint64            events_total;
  guint              kind_counts[LW_N_EVENT_KINDS];
  GArray            *dirty;         /* guint32 lead ids: paced mode, or
                                     * a fast run with flush_seconds */
  LwSimPause        *pause;         /* may be NULL */
  LwSimSummary       summary;
  gboolean           has_summary;

  /* details for explain and compare */
  gboolean           trace_all;
  guint8            *trace;         /* per lead id, or NULL */
  GArray            *kept;          /* LwEvent of traced leads */
  GHashTable        *deal_times;    /* traced lead id -> DealTimes */
  GStringChunk      *texts;
};

static inline gboolean
is_traced (const LwSimulation *sim,
           guint32             id)
{
  return sim->trace_all || (sim->trace != NULL && sim->trace[id] != 0);
}

static inline Lead *
get_lead (LwSimulation *sim,
          guint32       id)
{
  return &sim->leads[id - 1];
}

static inline LwTime
abs_time (const LwSimulation *sim,
          gint32              t)
{
  return sim->start + t;
}

static inline const LwRep *
get_rep (LwSimulation *sim,
         int           index)
{
  return index >= 0 ? g_ptr_array_index (sim->config->reps, index) : NULL;
}

static inline const LwSlaPolicy *
get_policy (LwSimulation *sim,
            const Lead   *ls)
{
  return ls->policy >= 0 ? g_ptr_array_index (sim->config->policies, ls->policy) : NULL;
}

/* The criterion at @index of the fit criteria followed by the engagement
 * ones. */
static inline const LwCriterion *
get_criterion (const LwSimulation *sim,
               guint               index)
{
  const LwScoring *scoring = &sim->config->scoring;
  guint n_fit = scoring->fit.criteria != NULL ? scoring->fit.criteria->len : 0;

  if (index < n_fit)
    return g_ptr_array_index (scoring->fit.criteria, index);
  return g_ptr_array_index (scoring->engagement.criteria, index - n_fit);
}

/* lw-sim-setup.c */
gboolean      _lw_sim_fail_setup        (GError            **error,
                                         const char         *format,
                                         ...) G_GNUC_PRINTF (2, 3);
/* @size bytes, zeroed, mapped apart (asking for huge pages) when large;
 * free with _lw_sim_big_free(). */
gpointer      _lw_sim_big_alloc         (gsize               size);
void          _lw_sim_big_free          (gpointer            p,
                                         gsize               size);
/* The id of @text among @gen's values, interned (parsed as the property's
 * value) the first time; -1 with @error when it is not a valid value. */
int           _lw_sim_intern_value      (LwSimulation       *sim,
                                         GenProp            *gen,
                                         const char         *text,
                                         const char         *path,
                                         GError            **error);
/* The id of @domain (lowered) in sim->domains, interned the first time. */
guint32       _lw_sim_intern_domain     (LwSimulation       *sim,
                                         const char         *domain);
/* The index of @grade in sim->grades (0: none), interned the first time;
 * @current is the lead's. */
guint8        _lw_sim_intern_grade      (LwSimulation       *sim,
                                         guint8              current,
                                         const char         *grade);
LwSimulation *_lw_sim_create            (const LwConfig     *config,
                                         LwScenario         *scenario,
                                         const LwSimOptions *options,
                                         GError            **error);
/* Frees a lead of _lw_sim_make_lead(), whose values are borrowed. */
void          _lw_sim_free_scratch_lead (LwLead             *lead);

/* lw-simulator.c */
void          _lw_sim_queue_clear       (LwSimulation       *sim);
/* A lead whose values will borrow from the simulation's tables. */
LwLead       *_lw_sim_make_lead         (LwSimulation       *sim);
gboolean      _lw_sim_run               (LwSimulation       *sim,
                                         const LwSimSink    *sink,
                                         GCancellable       *cancellable,
                                         LwSimProgressFunc   progress,
                                         gpointer            progress_data,
                                         GError            **error);
/* Fills @lead with lead @id's values and built-ins (its activities too
 * when @with_activities), the email's text in @buffer. */
void          _lw_sim_materialize       (LwSimulation       *sim,
                                         guint32             id,
                                         LwLead             *lead,
                                         char               *buffer,
                                         gsize               size,
                                         gboolean            with_activities);
/* The built-in properties of @lead from @ls. */
void          _lw_sim_refresh_builtins  (LwSimulation       *sim,
                                         const Lead         *ls,
                                         LwLead             *lead);

G_END_DECLS
