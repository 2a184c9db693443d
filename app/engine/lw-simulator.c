/* lw-simulator.c: a discrete-event simulation of inbound leads
 *
 * How it runs
 *
 * Arrivals come first: the scenario's lead count is spread over the
 * simulated days by a non-homogeneous Poisson process conditioned on that
 * count, each arrival's entry point drawn by share and its instant by
 * thinning (a uniform instant is kept with probability λ(t) / λmax, λ being
 * the entry point's hourly × weekly rhythm in the scenario's time zone, in
 * 15-minute slots). The arrivals are sorted by time and numbered 1..N.
 *
 * Then one event loop on a simulated clock. Every lead has a handful of
 * timers (its next activity, first touch, next SLA checkpoint, next sales
 * step, recycle or disqualify path, engagement-decay checkpoint); a queue
 * (a heap of the next minute or so, buckets of the later ones: see
 * queue_push()) holds one entry per lead, at its earliest timer. The loop
 * takes the earliest of the next arrival and the queue's first entry, by
 * (time, lead id), and
 * runs every timer of that lead that is due, in a fixed order (activity,
 * touch, SLA, sales step, path, checkpoint), then puts the lead back at its
 * next timer. Every change to a lead's timers happens while that lead is
 * being processed, so one queue entry per lead is enough and there are no
 * stale entries. Nothing is allocated per event: leads live in one array,
 * their generated values, activities and stage times in pooled arrays.
 * Scoring criteria on properties a lead keeps all run long (its generated
 * ones, never the built-in ones) are evaluated once, when it is created
 * (once per value when they read one categorical value or the email
 * domain); when they are all the fit model has, a lead's fit sum comes
 * from a table by their results. Re-scoring then fills a scratch lead with
 * no more than the other criteria read: the built-ins and the activities
 * so far (see prepare_score_lead()).
 *
 * Randomness (lw-rng.h) comes from streams derived from the seed and never
 * from a shared sequence: arrivals have their stream; each lead's values
 * and activities come from its own stream (lead id, "generate"), so they
 * depend on the scenario and the seed only, never on the rule set; each
 * assignment's response time, each sales outcome and each delay has its
 * own stream (lead id, assignment number, purpose). Two rule sets thus see
 * the same leads, and a lead's draws do not shift when another lead is
 * routed differently (common random numbers: a faster first touch can
 * only help that lead). No hash table is ever iterated: results do not
 * depend on memory layout. The only floating-point functions are exp(),
 * log(), pow() and sqrt() (exact in IEEE 754), which glibc computes
 * identically on every x86_64 machine.
 *
 * What the model decides (docs/scenario-format.md explains the numbers):
 * - a lead is routed once, the first time it reaches the MQL threshold or
 *   the MQL stage, or at once when an SLA policy applies to it (high-intent
 *   conversions, as real inbound is routed the moment it arrives);
 * - its owner touches it after a response time drawn from the scenario (the
 *   rep's, else their team's, else the default), within their working
 *   hours (lw_business_add()) with the scenario's adherence, else on the
 *   calendar; the SLA's warning, breach and escalations fire when their
 *   instant comes before the touch;
 * - at first touch the sales outcome is drawn: qualified with probability
 *   rate × speed factor (the factor falling with the minutes from
 *   assignment to first touch), else unqualified, bad timing, or never
 *   reached; qualified leads may get an open deal, then a won or lost one,
 *   each step's rate also scaled by the speed factor;
 * - status and deal changes move the lead through lw_lifecycle_decide();
 *   lw_lifecycle_path_due() recycles or disqualifies it when a path's time
 *   comes; after a recycle the lead keeps its owner and is not routed
 *   again;
 * - engagement decay: leads with engagement are re-scored every
 *   scenario->rescore_days; a SCORED event is emitted when the total moved
 *   by a point or more. Decay only lowers scores, so checkpoints re-score
 *   but never move the stage (MQL is sticky).
 *
 * Timing uses the wall clock only in paced mode (g_get_monotonic_time()),
 * never to decide anything.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>
#include <sys/mman.h>

#include <glib/gi18n-lib.h>

#include "lw-lifecycle.h"
#include "lw-report.h"
#include "lw-rng.h"
#include "lw-routing.h"
#include "lw-scoring.h"
#include "lw-simulator.h"
#include "lw-simulator-private.h"
#include "lw-sla.h"

G_DEFINE_QUARK (lw-sim-error-quark, lw_sim_error)

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

static void queue_clear (LwSimulation *sim);

/* Arrays this large are mapped apart, asking for 2 MiB pages (Linux's
 * transparent huge pages, where the system allows them for memory that
 * asks): every event reads a random lead's record and values, and with
 * 4 KiB pages a million leads' records span far more pages than the
 * processor's address cache holds, so most of those reads also walked
 * the page tables. */
#define BIG_ARRAY ((gsize) 4 << 20)

/* @size bytes, zeroed; aborts when there is no memory, as g_malloc0()
 * does. */
static gpointer
big_alloc (gsize size)
{
#ifdef MADV_HUGEPAGE
  if (size >= BIG_ARRAY)
    {
      void *p = mmap (NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

      if (p == MAP_FAILED)
        g_error ("%s: failed to allocate %" G_GSIZE_FORMAT " bytes", G_STRLOC, size);
      /* A hint: without it the pages are small, nothing else. */
      (void) madvise (p, size, MADV_HUGEPAGE);
      return p;
    }
#endif
  return g_malloc0 (size);
}

/* Frees what big_alloc (@size) gave. */
static void
big_free (gpointer p,
          gsize    size)
{
  if (p == NULL)
    return;
#ifdef MADV_HUGEPAGE
  if (size >= BIG_ARRAY)
    {
      munmap (p, size);
      return;
    }
#endif
  g_free (p);
}

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

/* ---- small helpers ------------------------------------------------------------- */

/* What lw-condition.c compares: NFC, then casefolded. */

static void
set_value_text (LwValue    *value,
                const char *text)
{
  value->set = TRUE;
  value->num = 0;
  value->str = g_strdup (text);
  value->fold = lw_text_fold (text);
}

static void
clear_values (LwValue *values,
              guint    n)
{
  for (guint i = 0; values != NULL && i < n; i++)
    lw_value_clear (&values[i]);
}

/* FNV-1a: a hash that is the same everywhere. */
static guint32
hash_text (const char *text)
{
  guint32 h = 2166136261u;

  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    {
      h ^= *p;
      h *= 16777619u;
    }
  return h;
}

static void
init_stream (LwRng        *rng,
             LwSimulation *sim,
             guint64       lead,
             guint         counter,
             guint         purpose)
{
  lw_rng_init (rng, sim->options.seed,
               (lead << 24) | ((guint64) (counter & 0xfffff) << 4) | purpose);
}

/* Lower-case ASCII letters and digits of @text, for email addresses. */
static char *
dup_slug (const char *text)
{
  g_autofree char *ascii = g_str_to_ascii (text, "C");
  GString *slug = g_string_new (NULL);

  for (const char *p = ascii; *p != '\0'; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (slug, g_ascii_tolower (*p));
  return g_string_free (slug, FALSE);
}

static void
build_categorical (Categorical *cat,
                   GPtrArray   *weights,
                   GenProp     *gen)
{
  double sum = 0;

  cat->n = weights->len;
  cat->cumulative = g_new (double, MAX (cat->n, 1));
  cat->ids = g_new (guint16, MAX (cat->n, 1));
  for (guint i = 0; i < weights->len; i++)
    {
      const LwWeight *w = g_ptr_array_index (weights, i);

      sum += w->weight;
      cat->cumulative[i] = sum;
      cat->ids[i] = gen != NULL ? GPOINTER_TO_UINT (g_hash_table_lookup (gen->ids, w->value)) - 1
                                : i;
    }
}

static void
clear_categorical (Categorical *cat)
{
  g_clear_pointer (&cat->cumulative, g_free);
  g_clear_pointer (&cat->ids, g_free);
}

static void
clear_drawer (Drawer *d)
{
  clear_categorical (&d->cat);
  for (guint i = 0; i < d->n_branches; i++)
    clear_categorical (&d->branches[i]);
  g_clear_pointer (&d->branches, g_free);
  g_clear_pointer (&d->branch_of, g_free);
  g_clear_pointer (&d->below, g_free);
  g_clear_pointer (&d->band_ids, g_free);
  g_clear_pointer (&d->part_sizes, g_free);
  g_clear_pointer (&d->combo_ids, g_free);
}

/* ---- setting up -------------------------------------------------------------------- */

static gboolean fail_setup (GError    **error,
                            const char *format,
                            ...) G_GNUC_PRINTF (2, 3);

static gboolean
fail_setup (GError    **error,
            const char *format,
            ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, LW_SIM_ERROR, LW_SIM_ERROR_INVALID, message);
  return FALSE;
}

static int
find_gen (LwSimulation *sim,
          const char   *property)
{
  for (guint i = 0; property != NULL && i < sim->n_gen; i++)
    if (g_strcmp0 (sim->gen[i].base->property, property) == 0)
      return (int) i;
  return -1;
}

/* Adds @text to @gen's values, parsed for the rule set; returns its id,
 * or -1 with @error set when the text does not fit the property. */
static int
intern_value (LwSimulation *sim,
              GenProp      *gen,
              const char   *text,
              const char   *path,
              GError      **error)
{
  const LwProperty *property = g_ptr_array_index (sim->config->properties, gen->prop);
  g_autoptr(GError) local_error = NULL;
  LwValue value = { 0, };
  gpointer found = g_hash_table_lookup (gen->ids, text);
  guint id;

  if (found != NULL)
    return GPOINTER_TO_INT (found) - 1;

  if (gen->texts->len >= MAX_VALUES)
    {
      /* translators: %s (first) is a JSON path, then a property id */
      fail_setup (error, _("%s: more than %u different values of “%s”"),
                  path, MAX_VALUES, property->id);
      return -1;
    }
  if (!lw_value_parse (&value, property, text, &local_error))
    {
      /* translators: %s (first) is a JSON path, then an error message */
      fail_setup (error, _("%s: %s"), path, local_error->message);
      return -1;
    }

  id = gen->texts->len;
  g_ptr_array_add (gen->texts, g_strdup (text));
  g_hash_table_insert (gen->ids, g_ptr_array_index (gen->texts, id), GUINT_TO_POINTER (id + 1));
  g_array_append_val (gen->values, value);
  if (gen->slugs != NULL)
    {
      char *slug = dup_slug (text);
      g_array_append_val (gen->slugs, slug);
    }
  return (int) id;
}

static gboolean
intern_weights (LwSimulation *sim,
                GenProp      *gen,
                GPtrArray    *weights,
                const char   *path,
                GError      **error)
{
  for (guint i = 0; i < weights->len; i++)
    {
      const LwWeight *w = g_ptr_array_index (weights, i);

      if (intern_value (sim, gen, w->value, path, error) < 0)
        return FALSE;
    }
  return TRUE;
}

/* Every value @dist may give, so that ids are known before the run. */
static gboolean
intern_dist (LwSimulation         *sim,
             GenProp              *gen,
             const LwPropertyDist *dist,
             const char           *path,
             GError              **error)
{
  switch (dist->kind)
    {
    case LW_VALUES_CATEGORICAL:
      return intern_weights (sim, gen, dist->weights, path, error);

    case LW_VALUES_CONDITIONAL:
      for (guint i = 0; i < dist->branches->len; i++)
        {
          const LwBranch *branch = g_ptr_array_index (dist->branches, i);

          if (!intern_weights (sim, gen, branch->weights, path, error))
            return FALSE;
        }
      return TRUE;

    case LW_VALUES_BANDS:
      for (guint i = 0; i < dist->bands->len; i++)
        {
          const LwBand *band = g_ptr_array_index (dist->bands, i);

          if (intern_value (sim, gen, band->value, path, error) < 0)
            return FALSE;
        }
      return TRUE;

    case LW_VALUES_COMBINE:
      {
        guint64 combinations = 1;

        for (guint i = 0; i < dist->parts->len; i++)
          combinations *= g_strv_length (g_ptr_array_index (dist->parts, i));
        if (combinations > MAX_VALUES)
          /* translators: %s is a JSON path */
          return fail_setup (error, _("%s: more than %u combinations"), path, MAX_VALUES);
        return TRUE;
      }

    case LW_VALUES_NUMBER:
    default:
      return TRUE;
    }
}

static gboolean
build_drawer (LwSimulation         *sim,
              GenProp              *gen,
              const LwPropertyDist *dist,
              Drawer               *d,
              const char           *path,
              GError              **error)
{
  d->dist = dist;

  switch (dist->kind)
    {
    case LW_VALUES_CATEGORICAL:
      build_categorical (&d->cat, dist->weights, gen);
      break;

    case LW_VALUES_CONDITIONAL:
      {
        GenProp *parent = &sim->gen[gen->parent];

        d->n_branches = dist->branches->len;
        d->branches = g_new0 (Categorical, MAX (d->n_branches, 1));
        d->default_branch = -1;
        for (guint i = 0; i < d->n_branches; i++)
          {
            const LwBranch *branch = g_ptr_array_index (dist->branches, i);

            build_categorical (&d->branches[i], branch->weights, gen);
            if (g_strcmp0 (branch->when, "*") == 0)
              d->default_branch = (int) i;
            else if (!g_hash_table_contains (parent->ids, branch->when))
              /* translators: %s (first) is a JSON path, then a value, then a property id */
              return fail_setup (error, _("%s: “%s” is not a value “%s” is drawn with"),
                                 path, branch->when, parent->base->property);
          }
        d->n_branch_of = parent->texts->len;
        d->branch_of = g_new (int, MAX (d->n_branch_of, 1));
        for (guint v = 0; v < d->n_branch_of; v++)
          {
            d->branch_of[v] = d->default_branch;
            for (guint i = 0; i < d->n_branches; i++)
              {
                const LwBranch *branch = g_ptr_array_index (dist->branches, i);

                if (g_strcmp0 (branch->when, g_ptr_array_index (parent->texts, v)) == 0)
                  d->branch_of[v] = (int) i;
              }
          }
      }
      break;

    case LW_VALUES_BANDS:
      d->n_bands = dist->bands->len;
      d->below = g_new (double, MAX (d->n_bands, 1));
      d->band_ids = g_new (guint16, MAX (d->n_bands, 1));
      for (guint i = 0; i < d->n_bands; i++)
        {
          const LwBand *band = g_ptr_array_index (dist->bands, i);

          d->below[i] = band->has_below ? band->below : INFINITY;
          d->band_ids[i] = GPOINTER_TO_UINT (g_hash_table_lookup (gen->ids, band->value)) - 1;
        }
      break;

    case LW_VALUES_COMBINE:
      {
        guint64 combinations = 1;

        d->part_sizes = g_new (guint, MAX (dist->parts->len, 1));
        for (guint i = 0; i < dist->parts->len; i++)
          {
            d->part_sizes[i] = g_strv_length (g_ptr_array_index (dist->parts, i));
            combinations *= d->part_sizes[i];
          }
        /* setup_gen_props() refused more than MAX_VALUES combinations. */
        if (dist->parts->len <= COMBO_MAX_PARTS && combinations > 0 && combinations <= MAX_VALUES)
          {
            d->combo_ids = g_new (guint16, combinations);
            memset (d->combo_ids, 0xff, combinations * sizeof (guint16));
          }
      }
      break;

    case LW_VALUES_NUMBER:
    default:
      break;
    }
  return TRUE;
}

static gboolean
setup_gen_props (LwSimulation  *sim,
                 GError       **error)
{
  GPtrArray *dists = sim->scenario->properties;

  sim->n_gen = dists->len;
  sim->gen = g_new0 (GenProp, MAX (sim->n_gen, 1));

  for (guint k = 0; k < sim->n_gen; k++)
    {
      const LwPropertyDist *dist = g_ptr_array_index (dists, k);
      GenProp *gen = &sim->gen[k];
      g_autofree char *path = g_strdup_printf ("$.properties.%s", dist->property);
      const LwProperty *property = lw_config_find_property (sim->config, dist->property);

      gen->base = dist;
      gen->parent = -1;
      gen->texts = g_ptr_array_new_with_free_func (g_free);
      gen->ids = g_hash_table_new (g_str_hash, g_str_equal);
      gen->values = g_array_new (FALSE, TRUE, sizeof (LwValue));
      gen->numeric = dist->kind == LW_VALUES_NUMBER;
      gen->slot = gen->numeric ? sim->n_num++ : sim->n_cat++;

      if (property == NULL)
        /* translators: %s (first) is a JSON path, then a property id */
        return fail_setup (error, _("%s: the rule set has no property “%s”"),
                           path, dist->property);
      if (property->builtin)
        /* translators: %s (first) is a JSON path, then a property id */
        return fail_setup (error, _("%s: “%s” is a built-in property that the "
                                    "simulation sets itself"), path, dist->property);
      if (dist->kind == LW_VALUES_COMBINE && property->type != LW_PROPERTY_STRING)
        /* translators: %s (first) is a JSON path, then a property id */
        return fail_setup (error, _("%s: combined words can only give values of a text "
                                    "property, and “%s” is not one"), path, dist->property);
      if (gen->numeric && property->type != LW_PROPERTY_NUMBER &&
          property->type != LW_PROPERTY_DATETIME)
        /* translators: %s (first) is a JSON path, then a property id */
        return fail_setup (error, _("%s: a numeric distribution cannot give values of “%s”, "
                                    "which is not a number"), path, dist->property);
      gen->prop = (int) property->index;

      if (dist->kind == LW_VALUES_CONDITIONAL || dist->kind == LW_VALUES_BANDS)
        {
          const char *parent = dist->kind == LW_VALUES_CONDITIONAL ? dist->depends_on
                                                                    : dist->bands_of;

          gen->parent = find_gen (sim, parent);
          if (gen->parent < 0 || gen->parent >= (int) k)
            /* translators: %s (first) is a JSON path, then a property id */
            return fail_setup (error, _("%s: “%s” is not drawn before this property"),
                               path, parent);
          if (dist->kind == LW_VALUES_BANDS && !sim->gen[gen->parent].numeric)
            /* translators: %s (first) is a JSON path, then a property id */
            return fail_setup (error, _("%s: bands need a numeric property, and “%s” is not "
                                        "drawn as a number"), path, parent);
          if (dist->kind == LW_VALUES_CONDITIONAL &&
              (sim->gen[gen->parent].numeric ||
               sim->gen[gen->parent].base->kind == LW_VALUES_COMBINE))
            /* translators: %s (first) is a JSON path, then a property id */
            return fail_setup (error, _("%s: “%s” is not drawn from a list of values"),
                               path, parent);
        }
    }

  for (guint k = 0; k < sim->n_gen; k++)
    {
      GenProp *gen = &sim->gen[k];
      g_autofree char *path = g_strdup_printf ("$.properties.%s", gen->base->property);

      if (g_strcmp0 (gen->base->property, sim->scenario->email.first_name) == 0 ||
          g_strcmp0 (gen->base->property, sim->scenario->email.last_name) == 0 ||
          g_strcmp0 (gen->base->property, sim->scenario->email.company) == 0)
        gen->slugs = g_array_new (FALSE, FALSE, sizeof (char *));

      if (!intern_dist (sim, gen, gen->base, path, error))
        return FALSE;
      for (guint e = 0; e < sim->scenario->entry_points->len; e++)
        {
          const LwEntryPoint *entry = g_ptr_array_index (sim->scenario->entry_points, e);

          for (guint j = 0; j < entry->properties->len; j++)
            {
              const LwPropertyDist *over = g_ptr_array_index (entry->properties, j);
              g_autofree char *over_path = NULL;

              if (g_strcmp0 (over->property, gen->base->property) != 0)
                continue;
              over_path = g_strdup_printf ("$.entryPoints[%u].properties.%s", e, over->property);
              if (over->kind == LW_VALUES_COMBINE &&
                  ((const LwProperty *) g_ptr_array_index (sim->config->properties,
                                                           gen->prop))->type != LW_PROPERTY_STRING)
                /* translators: %s is a JSON path */
                return fail_setup (error, _("%s: combined words can only give values of a text "
                                            "property"), over_path);
              if ((over->kind == LW_VALUES_NUMBER) != gen->numeric)
                /* translators: %s is a JSON path */
                return fail_setup (error, _("%s: draws numbers where $.properties does not, "
                                            "or the other way round"), over_path);
              if (over->kind == LW_VALUES_CONDITIONAL || over->kind == LW_VALUES_BANDS)
                {
                  const char *parent = over->kind == LW_VALUES_CONDITIONAL ? over->depends_on
                                                                            : over->bands_of;
                  if (find_gen (sim, parent) != gen->parent)
                    /* translators: %s is a JSON path */
                    return fail_setup (error, _("%s: must depend on the same property as in "
                                                "$.properties"), over_path);
                }
              if (over->kind != gen->base->kind &&
                  (over->kind == LW_VALUES_CONDITIONAL || over->kind == LW_VALUES_BANDS ||
                   gen->base->kind == LW_VALUES_CONDITIONAL ||
                   gen->base->kind == LW_VALUES_BANDS))
                /* translators: %s is a JSON path */
                return fail_setup (error, _("%s: must be drawn the same way as in $.properties"),
                                   over_path);
              if (!intern_dist (sim, gen, over, over_path, error))
                return FALSE;
            }
        }
    }

  /* Drawers once every value has its id. */
  for (guint k = 0; k < sim->n_gen; k++)
    {
      GenProp *gen = &sim->gen[k];
      g_autofree char *path = g_strdup_printf ("$.properties.%s", gen->base->property);

      if (!build_drawer (sim, gen, gen->base, &gen->drawer, path, error))
        return FALSE;
      gen->overrides = g_new0 (Drawer *, MAX (sim->n_entries, 1));
      for (guint e = 0; e < sim->n_entries; e++)
        {
          const LwEntryPoint *entry = g_ptr_array_index (sim->scenario->entry_points, e);

          for (guint j = 0; j < entry->properties->len; j++)
            {
              const LwPropertyDist *over = g_ptr_array_index (entry->properties, j);
              g_autofree char *over_path = NULL;

              if (g_strcmp0 (over->property, gen->base->property) != 0)
                continue;
              over_path = g_strdup_printf ("$.entryPoints[%u].properties.%s", e, over->property);
              gen->overrides[e] = g_new0 (Drawer, 1);
              if (!build_drawer (sim, gen, over, gen->overrides[e], over_path, error))
                return FALSE;
            }
        }
    }

  sim->gen_first_name = find_gen (sim, sim->scenario->email.first_name);
  sim->gen_last_name = find_gen (sim, sim->scenario->email.last_name);
  sim->gen_company = find_gen (sim, sim->scenario->email.company);
  for (int *g = &sim->gen_first_name; g <= &sim->gen_company; g++)
    if (*g >= 0 && sim->gen[*g].numeric)
      *g = -1;
  return TRUE;
}

static guint32
intern_domain (LwSimulation *sim,
               const char   *domain)
{
  g_autofree char *lower = g_utf8_strdown (domain, -1);
  gpointer found = g_hash_table_lookup (sim->domain_ids, lower);
  Interned *interned;

  if (found != NULL)
    return GPOINTER_TO_UINT (found) - 1;

  interned = g_new0 (Interned, 1);
  set_value_text (&interned->value, lower);
  g_ptr_array_add (sim->domains, interned);
  g_hash_table_insert (sim->domain_ids, interned->value.str,
                       GUINT_TO_POINTER (sim->domains->len));
  return sim->domains->len - 1;
}

static void
free_interned (Interned *interned)
{
  lw_value_clear (&interned->value);
  g_free (interned);
}

/* A categorical draw of domains: its ids are domain ids. */
static void
build_domain_categorical (LwSimulation *sim,
                          Categorical  *cat,
                          GPtrArray    *weights)
{
  build_categorical (cat, weights, NULL);
  for (guint i = 0; i < weights->len; i++)
    {
      const LwWeight *w = g_ptr_array_index (weights, i);
      guint32 id = intern_domain (sim, w->value);

      /* Free and competitor domains are interned first: their ids are
       * small. */
      g_assert (id < MISSING);
      cat->ids[i] = (guint16) id;
    }
}

static gboolean
setup_email (LwSimulation  *sim,
             GError       **error)
{
  const LwEmailModel *e = &sim->scenario->email;
  const LwProperty *property;

  sim->domains = g_ptr_array_new_with_free_func ((GDestroyNotify) free_interned);
  sim->domain_ids = g_hash_table_new (g_str_hash, g_str_equal);
  sim->company_domain = g_array_new (FALSE, FALSE, sizeof (guint32));
  sim->words = g_string_new (NULL);
  sim->email_prop = -1;

  if (e->property == NULL)
    return TRUE;

  property = lw_config_find_property (sim->config, e->property);
  if (property == NULL || property->type != LW_PROPERTY_EMAIL)
    /* translators: %s is a property id */
    return fail_setup (error, _("$.email.property: the rule set has no email property “%s”"),
                       e->property);
  sim->email_prop = (int) property->index;

  sim->domain_props = g_new0 (int, sim->config->properties->len);
  for (guint i = 0; i < sim->config->properties->len; i++)
    {
      const LwProperty *p = g_ptr_array_index (sim->config->properties, i);

      if (p->domain_of != NULL && p->domain_of_index == sim->email_prop)
        sim->domain_props[sim->n_domain_props++] = (int) i;
    }

  build_domain_categorical (sim, &sim->free_domains, e->free_domains);
  build_domain_categorical (sim, &sim->competitor_domains, e->competitor_domains);

  if (e->account_domains != NULL)
    {
      sim->n_account_domains = g_strv_length (e->account_domains);
      sim->account_domains = g_new (guint32, MAX (sim->n_account_domains, 1));
      for (guint i = 0; i < sim->n_account_domains; i++)
        sim->account_domains[i] = intern_domain (sim, e->account_domains[i]);
    }
  else
    {
      /* The rule set's accounts: the only place the leads depend on the
       * rule set, and only in which domain a draw names. */
      sim->n_account_domains = sim->config->accounts->len;
      sim->account_domains = g_new (guint32, MAX (sim->n_account_domains, 1));
      for (guint i = 0; i < sim->n_account_domains; i++)
        {
          const LwAccount *account = g_ptr_array_index (sim->config->accounts, i);
          sim->account_domains[i] = intern_domain (sim, account->domain);
        }
    }
  return TRUE;
}

static int
add_activity_id (LwSimulation *sim,
                 const char   *id,
                 const char   *path,
                 GError      **error)
{
  int index;

  for (guint i = 0; i < sim->activity_ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (sim->activity_ids, i), id) == 0)
      return (int) i;

  index = lw_config_activity_index (sim->config, id);
  if (index < 0)
    {
      /* translators: %s (first) is a JSON path, then an activity id */
      fail_setup (error, _("%s: the rule set has no activity “%s”"), path, id);
      return -1;
    }
  if (sim->activity_ids->len > G_MAXUINT16)
    {
      /* translators: %s is a JSON path */
      fail_setup (error, _("%s: a scenario names at most 65,536 activities"), path);
      return -1;
    }
  g_ptr_array_add (sim->activity_ids, g_strdup (id));
  sim->activity_index = g_renew (int, sim->activity_index, sim->activity_ids->len);
  sim->activity_index[sim->activity_ids->len - 1] = index;
  return (int) sim->activity_ids->len - 1;
}

static gboolean
setup_activities (LwSimulation  *sim,
                  GError       **error)
{
  LwScenario *s = sim->scenario;

  sim->activity_ids = g_ptr_array_new_with_free_func (g_free);
  sim->model_activity = g_new0 (int, MAX (s->activities->len, 1));
  for (guint i = 0; i < s->activities->len; i++)
    {
      const LwActivityModel *model = g_ptr_array_index (s->activities, i);
      g_autofree char *path = g_strdup_printf ("$.activities[%u].activity", i);

      sim->model_activity[i] = add_activity_id (sim, model->activity, path, error);
      if (sim->model_activity[i] < 0)
        return FALSE;
    }

  sim->gen_arrival = -1;
  if (s->arrival_property == NULL)
    return TRUE;

  sim->gen_arrival = find_gen (sim, s->arrival_property);
  if (sim->gen_arrival < 0 || sim->gen[sim->gen_arrival].numeric ||
      sim->gen[sim->gen_arrival].base->kind == LW_VALUES_COMBINE)
    /* translators: %s is a property id */
    return fail_setup (error, _("$.arrivalActivity.property: “%s” is not drawn from a list "
                                "of values in $.properties"), s->arrival_property);

  sim->n_arrival_activity = sim->gen[sim->gen_arrival].texts->len;
  sim->arrival_activity = g_new (int, MAX (sim->n_arrival_activity, 1));
  for (guint v = 0; v < sim->n_arrival_activity; v++)
    sim->arrival_activity[v] = -1;
  for (guint i = 0; i < s->arrival_activities->len; i++)
    {
      const LwMapping *m = g_ptr_array_index (s->arrival_activities, i);
      g_autofree char *path = g_strdup_printf ("$.arrivalActivity.map.%s", m->key);
      gpointer found = g_hash_table_lookup (sim->gen[sim->gen_arrival].ids, m->key);
      int activity;

      if (found == NULL)
        /* translators: %s (first) is a JSON path, then a value, then a property id */
        return fail_setup (error, _("%s: “%s” is never drawn for “%s”"),
                           path, m->key, s->arrival_property);
      activity = add_activity_id (sim, m->value, path, error);
      if (activity < 0)
        return FALSE;
      sim->arrival_activity[GPOINTER_TO_UINT (found) - 1] = activity;
    }
  return TRUE;
}

/* The prepared values of an enum built-in: @values[i] for option i. */
static LwValue *
prepare_options (const LwProperty *property)
{
  LwValue *values = g_new0 (LwValue, MAX (property->options->len, 1));

  for (guint i = 0; i < property->options->len; i++)
    {
      const LwOption *option = g_ptr_array_index (property->options, i);
      set_value_text (&values[i], option->value);
    }
  return values;
}

static int
find_option (const LwProperty *property,
             const char       *value)
{
  for (guint i = 0; i < property->options->len; i++)
    {
      const LwOption *option = g_ptr_array_index (property->options, i);

      if (g_strcmp0 (option->value, value) == 0)
        return (int) i;
    }
  return -1;
}

static const LwNumberDist *
find_override (GPtrArray  *list,
               const char *id)
{
  for (guint i = 0; id != NULL && i < list->len; i++)
    {
      const LwResponseOverride *o = g_ptr_array_index (list, i);

      if (g_strcmp0 (o->id, id) == 0)
        return &o->minutes;
    }
  return NULL;
}

/* Whether @condition reads only properties that a simulated lead keeps
 * from its creation to the end of the run: the generated ones, the email
 * and its domain, never the built-in ones (stage, status, scores, ...),
 * which the run changes. */
static gboolean
reads_fixed_properties (const LwConfig    *config,
                        const LwCondition *condition)
{
  for (guint i = 0; i < condition->groups->len; i++)
    {
      const LwFilterGroup *group = g_ptr_array_index (condition->groups, i);

      for (guint j = 0; j < group->filters->len; j++)
        {
          const LwFilter *filter = g_ptr_array_index (group->filters, j);

          if (filter->prop_index < LW_N_BUILTINS ||
              (guint) filter->prop_index >= config->properties->len)
            return FALSE;
        }
    }
  return TRUE;
}

/* Whether @condition reads only the built-in properties (stage, status,
 * scores, ...), which refresh_builtins() sets. */
static gboolean
reads_builtins_only (const LwCondition *condition)
{
  for (guint i = 0; i < condition->groups->len; i++)
    {
      const LwFilterGroup *group = g_ptr_array_index (condition->groups, i);

      for (guint j = 0; j < group->filters->len; j++)
        {
          const LwFilter *filter = g_ptr_array_index (group->filters, j);

          if (filter->prop_index < 0 || filter->prop_index >= LW_N_BUILTINS)
            return FALSE;
        }
    }
  return TRUE;
}

/* The criterion at @index of the fit criteria followed by the engagement
 * ones. */
static const LwCriterion *
get_criterion (const LwSimulation *sim,
               guint               index)
{
  const LwScoring *scoring = &sim->config->scoring;
  guint n_fit = scoring->fit.criteria != NULL ? scoring->fit.criteria->len : 0;

  if (index < n_fit)
    return g_ptr_array_index (scoring->fit.criteria, index);
  return g_ptr_array_index (scoring->engagement.criteria, index - n_fit);
}

/* The one property @condition reads; -1 when it reads none or more. */
static int
single_property (const LwCondition *condition)
{
  int property = -1;

  for (guint i = 0; i < condition->groups->len; i++)
    {
      const LwFilterGroup *group = g_ptr_array_index (condition->groups, i);

      for (guint j = 0; j < group->filters->len; j++)
        {
          const LwFilter *filter = g_ptr_array_index (group->filters, j);

          if (filter->prop_index < 0 || (property >= 0 && filter->prop_index != property))
            return -1;
          property = filter->prop_index;
        }
    }
  return property;
}

static StaticFilter *
free_static_filters (StaticFilter *filters)
{
  for (StaticFilter *f = filters; f != NULL && f->filter != NULL; f++)
    g_clear_pointer (&f->memo, g_byte_array_unref);
  g_free (filters);
  return NULL;
}

/* Where the value of @property comes from when materialize() sets it from
 * one value id only: its slot in the lead's categorical values (>= 0), or
 * -1 for the email's domain; -2 when it does not (the email itself, a
 * numeric property, a property no draw sets, or drawn twice). */
static int
memo_slot_of (const LwSimulation *sim,
              int                 property)
{
  gboolean domain = FALSE;
  int slot = -1;
  guint n_gen = 0;

  if (property < 0 || property == sim->email_prop)
    return -2;
  for (guint i = 0; i < sim->n_domain_props; i++)
    domain = domain || sim->domain_props[i] == property;
  for (guint g = 0; g < sim->n_gen; g++)
    if (sim->gen[g].prop == property)
      {
        n_gen++;
        slot = sim->gen[g].numeric ? -2 : (int) sim->gen[g].slot;
      }

  /* materialize() sets the domain's properties last, when there is an
   * email property. */
  if (domain && sim->email_prop >= 0)
    return -1;
  if (!domain && n_gen == 1 && slot >= 0)
    return slot;
  return -2;
}

/* The filters of a static criterion's @condition for sim->static_filters;
 * NULL when none of them can keep results per value, and when a group
 * has no filter (it holds for every lead) or a NULL one: those are left
 * to lw_condition_eval(). */
static StaticFilter *
build_static_filters (const LwSimulation *sim,
                      const LwCondition  *condition)
{
  StaticFilter *filters;
  guint n = 0;
  guint i = 0;
  gboolean any = FALSE;

  for (guint g = 0; g < condition->groups->len; g++)
    {
      const LwFilterGroup *group = g_ptr_array_index (condition->groups, g);

      if (group->filters->len == 0)
        return NULL;
      for (guint j = 0; j < group->filters->len; j++)
        if (g_ptr_array_index (group->filters, j) == NULL)
          return NULL;
      n += group->filters->len;
    }
  if (n == 0)
    return NULL;

  filters = g_new0 (StaticFilter, n + 1);  /* the end: a NULL filter */
  for (guint g = 0; g < condition->groups->len; g++)
    {
      const LwFilterGroup *group = g_ptr_array_index (condition->groups, g);

      for (guint j = 0; j < group->filters->len; j++, i++)
        {
          StaticFilter *f = &filters[i];

          f->filter = g_ptr_array_index (group->filters, j);
          f->first_of_group = j == 0;
          f->memo_slot = f->filter->op < LW_N_OPERATORS ? memo_slot_of (sim, f->filter->prop_index)
                                                         : -2;
          if (f->memo_slot >= -1)
            {
              f->memo = g_byte_array_new ();
              any = TRUE;
            }
        }
    }
  if (!any)
    return free_static_filters (filters);
  return filters;
}

/* Which static criteria can keep their results per value (see
 * sim->static_memo): those whose one property materialize() sets from one
 * value id only, a categorical generated one or the email's domain. The
 * others may keep the results of some of their filters (see
 * sim->static_filters). */
static void
setup_static_memo (LwSimulation *sim)
{
  for (guint k = 0; k < sim->n_static; k++)
    {
      const LwCondition *condition = get_criterion (sim, sim->static_criteria[k])->when;
      int property = single_property (condition);
      int slot = memo_slot_of (sim, property);

      if (property >= 0 && slot >= -1)
        {
          sim->static_memo_slot[k] = slot;
          sim->static_memo[k] = g_byte_array_new ();
        }
      else
        sim->static_filters[k] = build_static_filters (sim, condition);
    }
}

/* Picks the condition criteria of the scoring (the first MAX_STATIC of
 * them) whose results never change for a lead: lw_score_lead_known() then
 * takes them from create_static_results() instead of evaluating them at
 * every scoring. The scores are the same, added up in the same order. */
static void
setup_static_criteria (LwSimulation *sim)
{
  const LwScoring *scoring = &sim->config->scoring;
  const LwScoreModel *models[2] = { &scoring->fit, &scoring->engagement };
  gboolean builtins_only = TRUE;
  guint index = 0;

  sim->n_known = 0;
  for (guint m = 0; m < G_N_ELEMENTS (models); m++)
    sim->n_known += models[m]->criteria != NULL ? models[m]->criteria->len : 0;
  sim->known = g_new0 (guint8, MAX (sim->n_known, 1));

  for (guint m = 0; m < G_N_ELEMENTS (models); m++)
    for (guint i = 0; models[m]->criteria != NULL && i < models[m]->criteria->len; i++, index++)
      {
        const LwCriterion *criterion = g_ptr_array_index (models[m]->criteria, i);

        sim->known[index] = LW_CRITERION_EVALUATE;
        if (sim->n_static < MAX_STATIC && criterion->activity == NULL &&
            criterion->when != NULL && reads_fixed_properties (sim->config, criterion->when))
          sim->static_criteria[sim->n_static++] = index;
        else if (criterion->activity == NULL && criterion->when != NULL)
          {
            sim->score_evaluates = TRUE;
            if (!reads_builtins_only (criterion->when))
              builtins_only = FALSE;
          }
      }

  sim->score_builtins_only = builtins_only;
  setup_static_memo (sim);

  /* The static criteria are in criterion order, fit ones first. */
  {
    guint n_fit = scoring->fit.criteria != NULL ? scoring->fit.criteria->len : 0;
    gboolean fit_static = TRUE;

    for (guint k = 0; k < sim->n_static; k++)
      if (sim->static_criteria[k] < n_fit)
        sim->n_fit_static = k + 1;
    for (guint i = 0; i < n_fit && fit_static; i++)
      {
        const LwCriterion *criterion = g_ptr_array_index (scoring->fit.criteria, i);
        gboolean is_static = FALSE;

        for (guint k = 0; k < sim->n_fit_static; k++)
          is_static = is_static || sim->static_criteria[k] == i;
        if (criterion->activity != NULL || (criterion->when != NULL && !is_static))
          fit_static = FALSE;
      }
    if (fit_static)
      {
        sim->fit_sums = g_new0 (double, (gsize) 1 << sim->n_fit_static);
        sim->fit_known = g_new0 (guint8, (gsize) 1 << sim->n_fit_static);
        sim->score_plan = lw_score_plan_new (sim->config);
      }
  }

  if (sim->score_plan != NULL)
    {
      guint n_fit_bands = scoring->fit_grades != NULL ? scoring->fit_grades->len : 0;
      gsize n_pairs;

      sim->n_engagement_bands = scoring->engagement_grades != NULL
                                ? scoring->engagement_grades->len : 0;
      n_pairs = (gsize) (n_fit_bands + 1) * (sim->n_engagement_bands + 1);
      sim->grade_ids = g_new (guint16, n_pairs);
      for (gsize i = 0; i < n_pairs; i++)
        sim->grade_ids[i] = GRADE_UNKNOWN;
    }
}

static gboolean
setup_config (LwSimulation  *sim,
              GError       **error)
{
  LwConfig *config = sim->config;
  const LwScenario *s = sim->scenario;
  const LwProperty *source = lw_config_builtin (config, LW_BUILTIN_SOURCE);
  const LwProperty *deal = lw_config_builtin (config, LW_BUILTIN_DEAL_STAGE);
  static const char * const deal_names[4] = { "none", "open", "won", "lost" };
  const LwProperty *p;

  sim->n_stages = config->stages->len;
  sim->n_reps = config->reps->len;
  if (sim->n_stages > 64 || config->statuses->len > 120 || config->policies->len > 120 ||
      config->reps->len > 30000 || config->rules->len > 30000 || config->pools->len > 30000)
    return fail_setup (error, _("the rule set is too large to simulate (at most 64 stages, "
                                "120 statuses and SLA policies, 30,000 reps, rules and pools)"));

  sim->stage_values = g_new0 (LwValue, MAX (sim->n_stages, 1));
  for (guint i = 0; i < sim->n_stages; i++)
    set_value_text (&sim->stage_values[i],
                    ((const LwStage *) g_ptr_array_index (config->stages, i))->id);
  sim->status_values = g_new0 (LwValue, MAX (config->statuses->len, 1));
  for (guint i = 0; i < config->statuses->len; i++)
    set_value_text (&sim->status_values[i],
                    ((const LwStatus *) g_ptr_array_index (config->statuses, i))->id);
  sim->deal_values = prepare_options (deal);
  for (guint i = 0; i < 4; i++)
    sim->deal_option[i] = find_option (deal, deal_names[i]);
  sim->source_values = prepare_options (source);

  sim->entry_source = g_new0 (int, MAX (sim->n_entries, 1));
  for (guint e = 0; e < sim->n_entries; e++)
    {
      const LwEntryPoint *entry = g_ptr_array_index (s->entry_points, e);

      sim->entry_source[e] = find_option (source, entry->source);
      if (sim->entry_source[e] < 0)
        /* translators: %u is an index, %s a source name */
        return fail_setup (error, _("$.entryPoints[%u].source: the rule set has no source “%s”"),
                           e, entry->source);
    }

  sim->path_after = g_new (gint64, MAX (config->statuses->len, 1));
  for (guint i = 0; i < config->statuses->len; i++)
    {
      const LwStatus *status = g_ptr_array_index (config->statuses, i);

      sim->path_after[i] = -1;
      for (guint j = 0; j < config->paths->len; j++)
        {
          const LwPath *path = g_ptr_array_index (config->paths, j);
          gint64 after = (gint64) path->after_days * LW_DAY;

          if (g_strcmp0 (path->from_status, status->id) == 0 &&
              (sim->path_after[i] < 0 || after < sim->path_after[i]))
            sim->path_after[i] = after;
        }
    }

  for (guint i = 0; i < LW_N_SIM_STATUSES; i++)
    {
      const char *id = s->conversion.statuses[i];

      sim->statuses[i] = -1;
      for (guint j = 0; id != NULL && j < config->statuses->len; j++)
        if (g_strcmp0 (((const LwStatus *) g_ptr_array_index (config->statuses, j))->id, id) == 0)
          sim->statuses[i] = (int) j;
      if (id != NULL && sim->statuses[i] < 0)
        {
          g_autofree char *path = g_strdup_printf ("$.conversion.statuses.%s",
                                                   lw_sim_status_to_key (i));

          /* translators: %s is the id of a lead status */
          lw_diagnostics_add (sim->warnings, LW_SEVERITY_WARNING, path,
                              _("the rules have no lead status “%s”: at this step the leads "
                                "keep the status they have"), id);
        }
    }

  sim->mql_stage = config->scoring.mql_stage != NULL
                   ? lw_config_stage_index (config, config->scoring.mql_stage) : -1;
  p = lw_config_find_property (config, "region");
  sim->region_prop = p != NULL ? (int) p->index : -1;
  p = lw_config_find_property (config, "segment");
  sim->segment_prop = p != NULL ? (int) p->index : -1;
  p = lw_config_find_property (config, "country");
  sim->country_prop = p != NULL ? (int) p->index : -1;

  for (guint i = 0; i < s->reps.reps->len; i++)
    {
      const LwResponseOverride *o = g_ptr_array_index (s->reps.reps, i);

      if (lw_config_find_rep (config, o->id) == NULL)
        /* translators: %s is a rep id */
        return fail_setup (error, _("$.reps.reps.%s: the rule set has no rep “%s”"),
                           o->id, o->id);
    }
  for (guint i = 0; i < s->reps.teams->len; i++)
    {
      const LwResponseOverride *o = g_ptr_array_index (s->reps.teams, i);

      if (lw_config_find_team (config, o->id) == NULL)
        /* translators: %s is a team id */
        return fail_setup (error, _("$.reps.teams.%s: the rule set has no team “%s”"),
                           o->id, o->id);
    }

  sim->response = g_new0 (const LwNumberDist *, MAX (sim->n_reps, 1));
  sim->manager_of = g_new (int, MAX (sim->n_reps, 1));
  for (guint r = 0; r < sim->n_reps; r++)
    {
      const LwRep *rep = g_ptr_array_index (config->reps, r);
      const LwTeam *team = rep->team != NULL ? lw_config_find_team (config, rep->team) : NULL;
      const LwRep *manager = team != NULL && team->manager != NULL
                             ? lw_config_find_rep (config, team->manager) : NULL;
      const LwNumberDist *dist = find_override (s->reps.reps, rep->id);

      if (dist == NULL)
        dist = find_override (s->reps.teams, rep->team);
      sim->response[r] = dist != NULL ? dist : &s->reps.response_minutes;
      sim->manager_of[r] = manager != NULL ? (int) manager->index : -1;
    }

  sim->grades = g_ptr_array_new_with_free_func ((GDestroyNotify) free_interned);
  g_ptr_array_add (sim->grades, g_new0 (Interned, 1));   /* 0: no grade */
  setup_static_criteria (sim);
  return TRUE;
}

/* Adds the scenario's random days off to the copy of the rule set: each
 * working day of each active rep is off with the scenario's rate, drawn
 * from a stream of the seed and the rep's id. */
static void
add_random_days_off (LwSimulation *sim)
{
  double rate = sim->scenario->reps.out_of_office_rate;

  if (rate <= 0)
    return;

  for (guint r = 0; r < sim->config->reps->len; r++)
    {
      LwRep *rep = g_ptr_array_index (sim->config->reps, r);
      LwRng rng;
      gint64 first_day;
      gint64 last_day;
      gint64 run_start = -1;

      if (!rep->active || rep->tz == NULL)
        continue;

      lw_rng_init (&rng, sim->options.seed,
                   ((guint64) hash_text (rep->id) << 24) | PURPOSE_OUT_OF_OFFICE);
      first_day = (sim->start - LW_DAY) / LW_DAY;
      last_day = (sim->end + 2 * LW_DAY) / LW_DAY;

      if (rep->out_of_office == NULL)
        rep->out_of_office = g_array_new (FALSE, FALSE, sizeof (LwDateRange));

      for (gint64 day = first_day; day <= last_day + 1; day++)
        {
          GDate date;
          int weekday;
          gboolean off = FALSE;

          if (day <= last_day)
            {
              g_date_clear (&date, 1);
              g_date_set_julian (&date, (guint32) (day + 719163));  /* 1970-01-01 */
              weekday = g_date_get_weekday (&date) - 1;               /* 0 = Monday */
              off = rep->hours.days[weekday] != NULL && rep->hours.days[weekday]->len > 0 &&
                    lw_rng_chance (&rng, rate);
            }

          if (off && run_start < 0)
            run_start = day;
          if (!off && run_start >= 0)
            {
              LwDateRange range;

              g_date_clear (&range.from, 1);
              g_date_clear (&range.to, 1);
              g_date_set_julian (&range.from, (guint32) (run_start + 719163));
              g_date_set_julian (&range.to, (guint32) (day - 1 + 719163));
              g_array_append_val (rep->out_of_office, range);
              run_start = -1;
            }
        }
    }
}

static void
free_gen (LwSimulation *sim)
{
  for (guint k = 0; k < sim->n_gen; k++)
    {
      GenProp *gen = &sim->gen[k];

      g_clear_pointer (&gen->texts, g_ptr_array_unref);
      g_clear_pointer (&gen->ids, g_hash_table_unref);
      if (gen->values != NULL)
        clear_values ((LwValue *) gen->values->data, gen->values->len);
      g_clear_pointer (&gen->values, g_array_unref);
      if (gen->slugs != NULL)
        for (guint i = 0; i < gen->slugs->len; i++)
          g_free (g_array_index (gen->slugs, char *, i));
      g_clear_pointer (&gen->slugs, g_array_unref);
      clear_drawer (&gen->drawer);
      for (guint e = 0; gen->overrides != NULL && e < sim->n_entries; e++)
        if (gen->overrides[e] != NULL)
          {
            clear_drawer (gen->overrides[e]);
            g_free (gen->overrides[e]);
          }
      g_free (gen->overrides);
    }
  g_clear_pointer (&sim->gen, g_free);
}

/* The scratch lead's values point into the simulation's tables: unhook
 * them before freeing it. */
static void
free_scratch_lead (LwLead *lead)
{
  if (lead == NULL)
    return;
  memset (lead->values, 0, lead->n_values * sizeof (LwValue));
  lw_lead_free (lead);
}

void
lw_simulation_free (LwSimulation *sim)
{
  if (sim == NULL)
    return;

  free_gen (sim);
  g_clear_pointer (&sim->warnings, g_ptr_array_unref);
  g_clear_pointer (&sim->activity_ids, g_ptr_array_unref);
  g_free (sim->activity_index);
  g_free (sim->arrival_activity);
  g_free (sim->model_activity);
  clear_categorical (&sim->free_domains);
  clear_categorical (&sim->competitor_domains);
  g_free (sim->account_domains);
  g_clear_pointer (&sim->domain_ids, g_hash_table_unref);
  g_clear_pointer (&sim->domains, g_ptr_array_unref);
  g_clear_pointer (&sim->company_domain, g_array_unref);
  if (sim->words != NULL)
    g_string_free (sim->words, TRUE);
  g_free (sim->domain_props);

  if (sim->config != NULL)
    {
      clear_values (sim->stage_values, sim->n_stages);
      clear_values (sim->status_values, sim->config->statuses->len);
      clear_values (sim->deal_values,
                    lw_config_builtin (sim->config, LW_BUILTIN_DEAL_STAGE)->options->len);
      clear_values (sim->source_values,
                    lw_config_builtin (sim->config, LW_BUILTIN_SOURCE)->options->len);
    }
  g_free (sim->stage_values);
  g_free (sim->status_values);
  g_free (sim->deal_values);
  g_free (sim->source_values);
  g_free (sim->entry_source);
  g_free (sim->path_after);
  g_clear_pointer (&sim->grades, g_ptr_array_unref);
  g_free (sim->response);
  g_free (sim->manager_of);

  big_free (sim->leads, sim->leads_size);
  big_free (sim->cat_values, sim->cat_size);
  big_free (sim->num_values, sim->num_size);
  g_clear_pointer (&sim->stage_entries, g_array_unref);
  g_free (sim->static_results);
  g_clear_pointer (&sim->deal_times, g_hash_table_unref);
  g_free (sim->known);
  g_free (sim->fit_sums);
  for (guint k = 0; k < MAX_STATIC; k++)
    {
      g_clear_pointer (&sim->static_memo[k], g_byte_array_unref);
      sim->static_filters[k] = free_static_filters (sim->static_filters[k]);
    }
  g_free (sim->fit_known);
  g_clear_pointer (&sim->score_plan, lw_score_plan_free);
  g_free (sim->score_acts);
  g_free (sim->grade_ids);
  g_clear_pointer (&sim->activities, g_array_unref);
  queue_clear (sim);
  g_clear_pointer (&sim->clocks, g_array_unref);
  for (guint r = 0; sim->business != NULL && r < sim->n_reps; r++)
    lw_business_table_free (sim->business[r]);
  g_clear_pointer (&sim->business, g_free);
  g_clear_pointer (&sim->routing, lw_routing_state_free);
  g_clear_pointer (&sim->lead, free_scratch_lead);
  g_clear_pointer (&sim->score_lead, free_scratch_lead);
  g_clear_pointer (&sim->light_lead, free_scratch_lead);
  g_clear_pointer (&sim->light_gen, g_free);
  g_clear_pointer (&sim->scratch_activities, g_array_unref);
  g_clear_error (&sim->sink_error);
  g_free (sim->batch);
  for (guint i = 0; sim->batch_leads != NULL && i < LW_SIM_BATCH_SIZE; i++)
    free_scratch_lead (sim->batch_leads[i]);
  g_free (sim->batch_leads);
  g_free (sim->batch_emails);
  g_free (sim->batch_stage_at);
  g_clear_pointer (&sim->dirty, g_array_unref);
  g_clear_pointer (&sim->pause, lw_sim_pause_unref);

  g_free (sim->summary.stages);
  g_free (sim->summary.policies);
  g_free (sim->summary.reps);
  g_free (sim->summary.sources);
  g_free (sim->summary.entry_points);

  g_free (sim->trace);
  g_clear_pointer (&sim->kept, g_array_unref);
  g_clear_pointer (&sim->texts, g_string_chunk_free);

  g_clear_pointer (&sim->config, lw_config_unref);
  g_clear_pointer (&sim->base, lw_config_unref);
  g_clear_pointer (&sim->scenario, lw_scenario_unref);
  g_free (sim);
}

static LwSimulation *
create_simulation (const LwConfig     *config,
                   LwScenario         *scenario,
                   const LwSimOptions *options,
                   GError            **error)
{
  g_autoptr(LwSimulation) sim = g_new0 (LwSimulation, 1);
  double share_sum = 0;

  sim->warnings = lw_diagnostics_new ();
  sim->scenario = lw_scenario_ref (scenario);
  sim->options = *options;
  sim->min_bucket_shift = MIN_BUCKET_SHIFT;
  sim->max_buckets = MAX_BUCKETS;
  sim->n_leads = options->leads > 0 ? options->leads : scenario->leads;
  sim->days = options->days > 0 ? options->days : scenario->days;
  sim->start = options->start != 0 ? options->start : scenario->start;
  sim->n_entries = scenario->entry_points->len;

  if (sim->n_leads > LW_SIM_MAX_LEADS)
    {
      /* translators: %u is the largest number of leads */
      fail_setup (error, _("at most %u leads can be simulated"), LW_SIM_MAX_LEADS);
      return NULL;
    }
  if (sim->days == 0 || sim->days > LW_SIM_MAX_DAYS)
    {
      /* translators: %u is the largest number of days */
      fail_setup (error, _("a simulation lasts from 1 to %u days"), LW_SIM_MAX_DAYS);
      return NULL;
    }
  if (!(options->speed >= 0) || !isfinite (options->speed))
    {
      fail_setup (error, _("the speed of a paced run must be a positive number"));
      return NULL;
    }
  if (!(options->flush_seconds >= 0) || !isfinite (options->flush_seconds))
    {
      fail_setup (error, _("the interval between flushes must be a positive number of seconds"));
      return NULL;
    }
  if (sim->n_entries == 0 || sim->n_entries > 255)
    {
      fail_setup (error, _("$.entryPoints: a scenario needs from 1 to 255 entry points"));
      return NULL;
    }
  for (guint e = 0; e < sim->n_entries; e++)
    {
      const LwEntryPoint *entry = g_ptr_array_index (scenario->entry_points, e);

      share_sum += entry->share;
      sim->entry_cumulative[e] = share_sum;
    }
  if (share_sum <= 0)
    {
      fail_setup (error, _("$.entryPoints: the shares of the entry points add up to 0"));
      return NULL;
    }

  sim->end = sim->start + (LwTime) sim->days * LW_DAY;
  sim->horizon = (gint32) (sim->end - sim->start);

  sim->base = lw_config_ref ((LwConfig *) config);
  sim->config = lw_config_copy (config);
  add_random_days_off (sim);

  if (!setup_gen_props (sim, error) ||
      !setup_email (sim, error) ||
      !setup_activities (sim, error) ||
      !setup_config (sim, error))
    return NULL;

  return g_steal_pointer (&sim);
}

LwSimulation *
lw_simulation_new (const LwConfig     *config,
                   LwScenario         *scenario,
                   const LwSimOptions *options,
                   GError            **error)
{
  LwSimOptions defaults = LW_SIM_OPTIONS_INIT;
  LwSimulation *sim;

  g_return_val_if_fail (config != NULL, NULL);
  g_return_val_if_fail (config->bound, NULL);
  g_return_val_if_fail (scenario != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  sim = create_simulation (config, scenario, options != NULL ? options : &defaults, error);
  if (sim != NULL && sim->options.keep_details && sim->n_leads <= LW_SIM_MAX_DETAILED)
    sim->trace_all = TRUE;
  return sim;
}

GPtrArray *
lw_simulation_get_warnings (LwSimulation *sim)
{
  g_return_val_if_fail (sim != NULL, NULL);

  return sim->warnings;
}

const LwConfig *
lw_simulation_get_config (LwSimulation *sim)
{
  g_return_val_if_fail (sim != NULL, NULL);
  return sim->config;
}

const LwSimOptions *
lw_simulation_get_options (LwSimulation *sim)
{
  g_return_val_if_fail (sim != NULL, NULL);
  return &sim->options;
}

/* ---- arrivals ------------------------------------------------------------------------ */

/* LSD radix sort of 64-bit keys on their low @bits bits, 11 at a time,
 * through @buffer (room for @n keys). */
static void
sort_keys_with (guint64 *keys,
                gsize    n,
                guint    bits,
                guint64 *buffer)
{
  guint64 *from = keys;
  guint64 *to = buffer;

  for (guint shift = 0; shift < bits; shift += 11)
    {
      gsize counts[2048] = { 0, };
      gsize sum = 0;

      for (gsize i = 0; i < n; i++)
        counts[(from[i] >> shift) & 2047]++;
      for (guint d = 0; d < 2048; d++)
        {
          gsize c = counts[d];
          counts[d] = sum;
          sum += c;
        }
      for (gsize i = 0; i < n; i++)
        to[counts[(from[i] >> shift) & 2047]++] = from[i];

      {
        guint64 *swap = from;
        from = to;
        to = swap;
      }
    }
  if (from != keys)
    memcpy (keys, from, n * sizeof (guint64));
}

/* The same with a buffer of its own. */
static void
sort_keys (guint64 *keys,
           gsize    n,
           guint    bits)
{
  g_autofree guint64 *buffer = g_new (guint64, MAX (n, 1));

  sort_keys_with (keys, n, bits, buffer);
}

static gint64
floor_div (gint64 a,
           gint64 b)
{
  gint64 q = a / b;

  if ((a % b != 0) && ((a < 0) != (b < 0)))
    q--;
  return q;
}

/* Spreads the leads over the period: see the top of this file. */
static gboolean
generate_arrivals (LwSimulation  *sim,
                   GError       **error)
{
  guint n_slots = (guint) ((sim->horizon + SLOT_SECONDS - 1) / SLOT_SECONDS);
  g_autofree guint8 *hour_of_week = g_new (guint8, MAX (n_slots, 1));
  g_autofree float *weights = g_new0 (float, (gsize) sim->n_entries * 168);
  g_autofree double *maxima = g_new0 (double, sim->n_entries);
  g_autofree double *cumulative = g_new0 (double, sim->n_entries);
  g_autofree guint8 *entry_of = g_new (guint8, MAX (sim->n_leads, 1));
  g_autofree guint64 *keys = g_new (guint64, MAX (sim->n_leads, 1));
  const LwTz *zone = lw_tz_for_time_zone (lw_scenario_get_time_zone (sim->scenario));
  double sum = 0;
  LwRng rng;

  for (guint slot = 0; slot < n_slots; slot++)
    {
      LwTime t = sim->start + (LwTime) slot * SLOT_SECONDS;
      LwTime local = t + lw_tz_offset_at_utc (zone, t);
      gint64 day = floor_div (local, LW_DAY);
      int weekday = (int) ((day + 3) % 7);   /* 1970-01-01 was a Thursday */
      int hour = (int) ((local - day * LW_DAY) / LW_HOUR);

      hour_of_week[slot] = (guint8) (weekday * 24 + hour);
    }

  for (guint e = 0; e < sim->n_entries; e++)
    {
      const LwEntryPoint *entry = g_ptr_array_index (sim->scenario->entry_points, e);

      for (guint h = 0; h < 168; h++)
        weights[e * 168 + h] = (float) (entry->weekly[h / 24] * entry->hourly[h % 24]);
      for (guint slot = 0; slot < n_slots; slot++)
        maxima[e] = MAX (maxima[e], weights[e * 168 + hour_of_week[slot]]);
      /* An entry point whose rhythm is nil throughout the period brings
       * nobody. */
      if (maxima[e] > 0)
        sum += entry->share;
      cumulative[e] = sum;
    }
  if (sum <= 0)
    return fail_setup (error, _("no entry point has arrivals in the simulated period: "
                                "their hourly and weekly rhythms are 0 throughout"));

  init_stream (&rng, sim, 0, 0, PURPOSE_ARRIVALS);
  for (guint i = 0; i < sim->n_leads; i++)
    {
      guint e = lw_rng_categorical (&rng, cumulative, sim->n_entries);
      const float *w = &weights[e * 168];
      guint64 t;

      /* Thinning: propose uniformly, keep with probability λ(t) / λmax. */
      do
        t = lw_rng_below (&rng, (guint64) sim->horizon);
      while (lw_rng_uniform (&rng) * maxima[e] >= w[hour_of_week[t / SLOT_SECONDS]]);

      keys[i] = (t << 24) | i;
      entry_of[i] = (guint8) e;
    }

  sort_keys (keys, sim->n_leads, 24 + 32);

  for (guint id = 1; id <= sim->n_leads; id++)
    {
      Lead *ls = get_lead (sim, id);
      guint64 key = keys[id - 1];

      ls->created = (gint32) (key >> 24);
      ls->entry = entry_of[key & 0xffffff];
      ls->intent = ((const LwEntryPoint *) g_ptr_array_index (sim->scenario->entry_points,
                                                              ls->entry))->intent;
    }
  return TRUE;
}

/* ---- generating a lead ---------------------------------------------------------------- */

static guint16
intern_combination (LwSimulation *sim,
                    GenProp      *gen,
                    const Drawer *d,
                    LwRng        *rng)
{
  GString *text = sim->words;
  guint n_parts = d->dist->parts->len;
  guint picks[COMBO_MAX_PARTS];
  guint index = 0;
  int id;

  if (d->combo_ids == NULL)
    {
      g_string_truncate (text, 0);
      for (guint i = 0; i < n_parts; i++)
        {
          GStrv words = g_ptr_array_index (d->dist->parts, i);

          if (i > 0)
            g_string_append (text, d->dist->separator);
          g_string_append (text, words[lw_rng_below (rng, d->part_sizes[i])]);
        }
    }
  else
    {
      /* The same draws, in the same order; the text is made only the
       * first time a combination comes up. */
      for (guint i = 0; i < n_parts; i++)
        {
          picks[i] = (guint) lw_rng_below (rng, d->part_sizes[i]);
          index = index * d->part_sizes[i] + picks[i];
        }
      if (d->combo_ids[index] != COMBO_UNSEEN)
        return d->combo_ids[index];
      g_string_truncate (text, 0);
      for (guint i = 0; i < n_parts; i++)
        {
          GStrv words = g_ptr_array_index (d->dist->parts, i);

          if (i > 0)
            g_string_append (text, d->dist->separator);
          g_string_append (text, words[picks[i]]);
        }
    }

  id = intern_value (sim, gen, text->str, gen->base->property, NULL);
  /* A text property takes any text, and there are at most MAX_VALUES
   * combinations: interning cannot fail. */
  g_assert (id >= 0);
  if (d->combo_ids != NULL)
    d->combo_ids[index] = (guint16) id;
  return (guint16) id;
}

static guint16
draw_value (LwSimulation  *sim,
            GenProp       *gen,
            const Drawer  *d,
            const guint16 *cat,
            const float   *num,
            LwRng         *rng)
{
  switch (d->dist->kind)
    {
    case LW_VALUES_CATEGORICAL:
      return d->cat.ids[lw_rng_pick (rng, d->cat.cumulative, d->cat.n)];

    case LW_VALUES_CONDITIONAL:
      {
        guint16 parent = cat[sim->gen[gen->parent].slot];
        int branch;
        const Categorical *c;

        if (parent == MISSING || parent >= d->n_branch_of)
          return MISSING;
        branch = d->branch_of[parent];
        if (branch < 0)
          return MISSING;
        c = &d->branches[branch];
        return c->ids[lw_rng_pick (rng, c->cumulative, c->n)];
      }

    case LW_VALUES_BANDS:
      {
        float x = num[sim->gen[gen->parent].slot];

        if (isnan (x))
          return MISSING;
        for (guint i = 0; i < d->n_bands; i++)
          if (x < d->below[i])
            return d->band_ids[i];
        return d->band_ids[d->n_bands - 1];
      }

    case LW_VALUES_COMBINE:
      return intern_combination (sim, gen, d, rng);

    case LW_VALUES_NUMBER:
    default:
      g_assert_not_reached ();
      return MISSING;
    }
}

static guint32
company_domain (LwSimulation *sim,
                guint16       company)
{
  GenProp *gen = &sim->gen[sim->gen_company];
  guint32 *cached;

  while (sim->company_domain->len <= company)
    {
      guint32 none = G_MAXUINT32;
      g_array_append_val (sim->company_domain, none);
    }
  cached = &g_array_index (sim->company_domain, guint32, company);
  if (*cached == G_MAXUINT32)
    {
      const char *slug = g_array_index (gen->slugs, char *, company);
      g_autofree char *domain = g_strconcat (*slug != '\0' ? slug : "company", ".com", NULL);

      *cached = intern_domain (sim, domain);
    }
  return *cached;
}

static void
generate_email (LwSimulation *sim,
                guint32       id,
                Lead         *ls,
                LwRng        *rng)
{
  const LwEmailModel *e = &sim->scenario->email;
  const LwEntryPoint *entry = g_ptr_array_index (sim->scenario->entry_points, ls->entry);
  double free_share = entry->has_free_email_share ? entry->free_email_share : e->free_share;
  /* Always three draws, whichever way they go, so that the next draws do
   * not depend on the rule set's accounts. */
  double u = lw_rng_uniform (rng);
  double v = lw_rng_uniform (rng);
  double w = lw_rng_uniform (rng);
  guint16 company = MISSING;

  if (id > 1 && u < e->duplicate_share)
    {
      guint32 origin = 1 + (guint32) (w * (id - 1));
      const Lead *first = get_lead (sim, origin);

      ls->email_origin = first->email_origin;
      ls->domain = first->domain;
      return;
    }

  ls->email_origin = id;
  if (sim->gen_company >= 0)
    company = sim->cat_values[(gsize) (id - 1) * sim->n_cat + sim->gen[sim->gen_company].slot];

  if (v < free_share && sim->free_domains.n > 0)
    ls->domain = sim->free_domains.ids[lw_cumulative_find (sim->free_domains.cumulative,
                                                        sim->free_domains.n, w)];
  else if (v < free_share + e->account_share && sim->n_account_domains > 0)
    ls->domain = sim->account_domains[(guint) (w * sim->n_account_domains)];
  else if (v < free_share + e->account_share + e->competitor_share &&
           sim->competitor_domains.n > 0)
    ls->domain = sim->competitor_domains.ids[lw_cumulative_find (sim->competitor_domains.cumulative,
                                                              sim->competitor_domains.n, w)];
  else if (company != MISSING)
    ls->domain = company_domain (sim, company);
  else if (sim->free_domains.n > 0)
    /* No company: a personal address. */
    ls->domain = sim->free_domains.ids[lw_cumulative_find (sim->free_domains.cumulative,
                                                        sim->free_domains.n, w)];
  else
    ls->domain = intern_domain (sim, "example.com");
}

static void
sort_activities (PackedActivity *a,
                 guint           n)
{
  for (guint i = 1; i < n; i++)
    {
      PackedActivity x = a[i];
      guint j = i;

      while (j > 0 && a[j - 1].at > x.at)
        {
          a[j] = a[j - 1];
          j--;
        }
      a[j] = x;
    }
}

/* Appends an activity at @at of @type to @out (of @n) unless it would
 * happen after the period. */
static inline void
add_activity (const LwSimulation *sim,
              PackedActivity     *out,
              guint              *n,
              gint32              at,
              guint               type)
{
  /* What would happen after the period does not happen. */
  if (at >= sim->horizon)
    return;
  out[*n].at = at;
  out[*n].type = (guint16) type;
  (*n)++;
}

static void
generate_activities (LwSimulation *sim,
                     Lead         *ls,
                     const guint16 *cat,
                     LwRng        *rng)
{
  const LwScenario *s = sim->scenario;
  guint first = sim->activities->len;
  PackedActivity *out;
  guint n = 0;

  /* Room for the most the lead can have (the array keeps its size when
   * it shrinks back), so that each is written in place. */
  g_array_set_size (sim->activities, first + 1 + s->activities->len * MAX_OCCURRENCES);
  out = &g_array_index (sim->activities, PackedActivity, first);

  if (sim->gen_arrival >= 0)
    {
      guint16 value = cat[sim->gen[sim->gen_arrival].slot];

      if (value != MISSING && value < sim->n_arrival_activity &&
          sim->arrival_activity[value] >= 0)
        add_activity (sim, out, &n, ls->created, (guint) sim->arrival_activity[value]);
    }

  for (guint m = 0; m < s->activities->len; m++)
    {
      const LwActivityModel *model = g_ptr_array_index (s->activities, m);
      double count;

      if (!lw_rng_chance (rng, model->probability[ls->intent]))
        continue;
      count = lw_number_dist_sample (&model->count, rng);
      count = CLAMP (floor (count + 0.5), 1, MAX_OCCURRENCES);
      for (guint j = 0; j < (guint) count; j++)
        {
          gint64 at;

          if (lw_rng_chance (rng, model->before_share))
            {
              /* One draw (MAX() would evaluate it twice), a second before
               * the lead was created at the latest. */
              gint64 ahead = (gint64) (lw_rng_uniform (rng) * model->before_days * LW_DAY);

              at = ls->created - MAX (ahead, 1);
            }
          else
            {
              /* One draw (MAX() would evaluate it twice), never before
               * the lead was created. */
              double days = lw_number_dist_sample (&model->after_days, rng);

              at = ls->created + (gint64) (MAX (days, 0.0) * LW_DAY);
            }
          at = CLAMP (at, (gint64) G_MININT32 + 1, (gint64) G_MAXINT32 - 1);
          add_activity (sim, out, &n, (gint32) at, (guint) sim->model_activity[m]);
        }
    }

  ls->act_first = first;
  ls->act_count = (guint16) MIN (n, G_MAXUINT16);
  g_array_set_size (sim->activities, first + ls->act_count);
  sort_activities (&g_array_index (sim->activities, PackedActivity, first), ls->act_count);
  ls->act_next = 0;
  while (ls->act_next < ls->act_count &&
         g_array_index (sim->activities, PackedActivity, first + ls->act_next).at <= ls->created)
    ls->act_next++;
}

/* Draws the lead's values, address and activities from its own stream. */
static void
generate_lead (LwSimulation *sim,
               guint32       id)
{
  Lead *ls = get_lead (sim, id);
  guint16 *cat = &sim->cat_values[(gsize) (id - 1) * sim->n_cat];
  float *num = &sim->num_values[(gsize) (id - 1) * sim->n_num];
  LwRng rng;

  init_stream (&rng, sim, id, 0, PURPOSE_GENERATE);

  for (guint k = 0; k < sim->n_gen; k++)
    {
      GenProp *gen = &sim->gen[k];
      const Drawer *d = gen->overrides[ls->entry] != NULL ? gen->overrides[ls->entry]
                                                          : &gen->drawer;
      gboolean missing = lw_rng_uniform (&rng) < d->dist->missing;

      if (gen->numeric)
        num[gen->slot] = missing ? NAN : (float) lw_number_dist_sample (&d->dist->number, &rng);
      else
        cat[gen->slot] = missing ? MISSING : draw_value (sim, gen, d, cat, num, &rng);
    }

  if (sim->email_prop >= 0)
    generate_email (sim, id, ls, &rng);
  generate_activities (sim, ls, cat, &rng);
}

/* ---- the lead as the rule set sees it -------------------------------------------------- */

static const char *
email_text (LwSimulation *sim,
            const Lead   *ls,
            char         *buffer,
            gsize         size)
{
  const guint16 *cat = &sim->cat_values[(gsize) (ls->email_origin - 1) * sim->n_cat];
  const Interned *domain = g_ptr_array_index (sim->domains, ls->domain);
  const char *first = NULL;
  const char *last = NULL;

  if (sim->gen_first_name >= 0)
    {
      GenProp *gen = &sim->gen[sim->gen_first_name];
      guint16 v = cat[gen->slot];

      if (v != MISSING && *g_array_index (gen->slugs, char *, v) != '\0')
        first = g_array_index (gen->slugs, char *, v);
    }
  if (sim->gen_last_name >= 0)
    {
      GenProp *gen = &sim->gen[sim->gen_last_name];
      guint16 v = cat[gen->slot];

      if (v != MISSING && *g_array_index (gen->slugs, char *, v) != '\0')
        last = g_array_index (gen->slugs, char *, v);
    }

  {
    /* Built by hand: this runs whenever a lead is looked at. */
    char number[16];
    gsize n = 0;
    guint32 origin = ls->email_origin;
    const char *parts[5];
    guint n_parts = 0;
    char *p = buffer;
    char *end = buffer + size - 1;

    do
      number[n++] = (char) ('0' + origin % 10);
    while ((origin /= 10) > 0);

    if (first != NULL)
      parts[n_parts++] = first;
    if (first != NULL && last != NULL)
      parts[n_parts++] = ".";
    if (last != NULL)
      parts[n_parts++] = last;
    if (first == NULL && last == NULL)
      parts[n_parts++] = "lead";
    for (guint i = 0; i < n_parts; i++)
      for (const char *q = parts[i]; *q != '\0' && p < end; q++)
        *p++ = *q;
    while (n > 0 && p < end)
      *p++ = number[--n];
    if (p < end)
      *p++ = '@';
    for (const char *q = domain->value.fold; *q != '\0' && p < end; q++)
      *p++ = *q;
    *p = '\0';
  }
  return buffer;
}

static inline void
set_number (LwValue *value,
            double   number)
{
  value->set = TRUE;
  value->num = number;
  value->str = NULL;
  value->fold = NULL;
}

static inline void
set_borrowed (LwValue       *value,
              const LwValue *from)
{
  *value = *from;
}

static inline void
unset (LwValue *value)
{
  memset (value, 0, sizeof *value);
}

/* The built-in properties of @lead from @ls. */
static void
refresh_builtins (LwSimulation *sim,
                  const Lead   *ls,
                  LwLead       *lead)
{
  LwValue *v = lead->values;

  if (ls->stage >= 0)
    set_borrowed (&v[LW_BUILTIN_LIFECYCLE_STAGE], &sim->stage_values[ls->stage]);
  else
    unset (&v[LW_BUILTIN_LIFECYCLE_STAGE]);
  if (ls->status >= 0)
    set_borrowed (&v[LW_BUILTIN_LEAD_STATUS], &sim->status_values[ls->status]);
  else
    unset (&v[LW_BUILTIN_LEAD_STATUS]);
  if (ls->deal >= 0)
    set_borrowed (&v[LW_BUILTIN_DEAL_STAGE], &sim->deal_values[ls->deal]);
  else
    unset (&v[LW_BUILTIN_DEAL_STAGE]);
  set_borrowed (&v[LW_BUILTIN_SOURCE], &sim->source_values[sim->entry_source[ls->entry]]);
  set_number (&v[LW_BUILTIN_FIT_SCORE], ls->fit);
  set_number (&v[LW_BUILTIN_ENGAGEMENT_SCORE], ls->engagement);
  set_number (&v[LW_BUILTIN_TOTAL_SCORE], ls->total);
  if (ls->grade > 0)
    set_borrowed (&v[LW_BUILTIN_GRADE],
                  &((const Interned *) g_ptr_array_index (sim->grades, ls->grade))->value);
  else
    unset (&v[LW_BUILTIN_GRADE]);
  set_number (&v[LW_BUILTIN_CREATED_AT], (double) abs_time (sim, ls->created));
}

/* Sets generated property @k (an index in sim->gen) of @lead from the
 * lead's values @cat and @num. */
static inline void
set_generated (const LwSimulation *sim,
               guint               k,
               const guint16      *cat,
               const float        *num,
               LwLead             *lead)
{
  const GenProp *gen = &sim->gen[k];
  LwValue *value = &lead->values[gen->prop];

  if (gen->numeric)
    {
      float x = num[gen->slot];

      if (isnan (x))
        unset (value);
      else
        set_number (value, x);
    }
  else
    {
      guint16 v = cat[gen->slot];

      if (v == MISSING)
        unset (value);
      else
        set_borrowed (value, &g_array_index (gen->values, LwValue, v));
    }
}

/* Fills @lead (whose values borrow from the simulation's tables) with lead
 * @id; the address goes in @buffer. Without @with_activities, the lead is
 * left without activities: for the rules' conditions, which read none. */
static void
materialize (LwSimulation *sim,
             guint32       id,
             LwLead       *lead,
             char         *buffer,
             gsize         size,
             gboolean      with_activities)
{
  const Lead *ls = get_lead (sim, id);
  const guint16 *cat = &sim->cat_values[(gsize) (id - 1) * sim->n_cat];
  const float *num = &sim->num_values[(gsize) (id - 1) * sim->n_num];
  const PackedActivity *activities;

  for (guint k = 0; k < sim->n_gen; k++)
    set_generated (sim, k, cat, num, lead);

  if (sim->email_prop >= 0)
    {
      const Interned *domain = g_ptr_array_index (sim->domains, ls->domain);
      LwValue *email = &lead->values[sim->email_prop];

      email->set = TRUE;
      email->num = 0;
      email->str = (char *) email_text (sim, ls, buffer, size);
      email->fold = email->str;
      for (guint i = 0; i < sim->n_domain_props; i++)
        set_borrowed (&lead->values[sim->domain_props[i]], &domain->value);
    }

  refresh_builtins (sim, ls, lead);

  g_array_set_size (lead->activities, with_activities ? ls->act_count : 0);
  activities = &g_array_index (sim->activities, PackedActivity, ls->act_first);
  for (guint i = 0; with_activities && i < ls->act_count; i++)
    {
      LwActivity *a = &g_array_index (lead->activities, LwActivity, i);

      a->type = (guint) sim->activity_index[activities[i].type];
      a->at = abs_time (sim, activities[i].at);
    }

  /* The id's buffer was made large enough for any id (make_lead()). */
  {
    char digits[11];
    guint n = 0;
    guint32 x = id;

    do
      digits[n++] = (char) ('0' + x % 10);
    while ((x /= 10) > 0);
    for (guint i = 0; i < n; i++)
      lead->id[i] = digits[n - 1 - i];
    lead->id[n] = '\0';
  }
}

/* A lead whose values will borrow from the simulation's tables. */
static LwLead *
make_lead (LwSimulation *sim)
{
  return lw_lead_new (sim->config, "4294967295");
}

static LwLead *
prepare_lead (LwSimulation *sim,
              guint32       id)
{
  if (sim->lead_id != id)
    {
      /* Only a scoring reads activities, and rescore() scores
       * sim->score_lead when it can. */
      materialize (sim, id, sim->lead, sim->email_buffer, sizeof sim->email_buffer,
                   !sim->score_builtins_only);
      sim->lead_id = id;
    }
  else
    refresh_builtins (sim, get_lead (sim, id), sim->lead);
  return sim->lead;
}

/* The lead as the lifecycle's and the SLA policies' conditions read it:
 * sim->lead when it already holds lead @id, else, when those conditions
 * read no email value, sim->light_lead with just the values they read
 * (setup_light_lead()), which costs a tenth of materialize(). */
static const LwLead *
prepare_light_lead (LwSimulation *sim,
                    guint32       id)
{
  const Lead *ls;

  if (sim->lead_id == id || !sim->light_ok)
    return prepare_lead (sim, id);

  ls = get_lead (sim, id);
  if (sim->light_lead_id != id)
    {
      const guint16 *cat = &sim->cat_values[(gsize) (id - 1) * sim->n_cat];
      const float *num = &sim->num_values[(gsize) (id - 1) * sim->n_num];

      for (guint i = 0; i < sim->n_light_gen; i++)
        set_generated (sim, sim->light_gen[i], cat, num, sim->light_lead);
      sim->light_lead_id = id;
    }
  refresh_builtins (sim, ls, sim->light_lead);
  return sim->light_lead;
}

/* ---- events --------------------------------------------------------------------------- */

static void
flush_events (LwSimulation *sim)
{
  if (sim->n_events == 0)
    return;
  if (sim->sink_error == NULL && sim->sink != NULL && sim->sink->events_ready != NULL)
    sim->sink->events_ready (sim->events, sim->n_events, sim->sink->user_data, &sim->sink_error);
  sim->n_events = 0;
}

static void
emit (LwSimulation *sim,
      guint32       lead,
      LwEventKind   kind,
      gint32        t,
      int           rep,
      int           arg,
      double        value,
      const char   *detail)
{
  LwEvent event = { lead, kind, abs_time (sim, t), rep, arg, value, NULL };

  sim->events_total++;
  sim->kind_counts[kind]++;

  if (is_traced (sim, lead))
    {
      if (detail != NULL)
        event.detail = g_string_chunk_insert (sim->texts, detail);
      g_array_append_val (sim->kept, event);
    }

  if (sim->sink != NULL && sim->sink->events_ready != NULL)
    {
      sim->events[sim->n_events++] = event;
      if (sim->n_events == LW_SIM_BATCH_SIZE)
        flush_events (sim);
    }
}

/* ---- the heap ------------------------------------------------------------------------- */

/* A lead's place in the heap: by time, then by lead id, in one integer
 * (the time's sign bit flipped so that unsigned order is signed order). */
static inline guint64
heap_key (gint32  t,
          guint32 lead)
{
  return ((guint64) ((guint32) t ^ 0x80000000u) << 32) | lead;
}

static inline gint32
heap_key_time (guint64 key)
{
  return (gint32) ((guint32) (key >> 32) ^ 0x80000000u);
}

static inline guint32
heap_key_lead (guint64 key)
{
  return (guint32) key;
}

/* The timer queue holds each waiting lead's key. A binary heap of a
 * million keys spent most of its time waiting for memory: every pass
 * went down twenty levels of an 8 MB array, each level a likely cache
 * miss. Instead, keys are put in buckets of 2^bucket_shift simulated
 * seconds (17 minutes for a 30-day run; at most 4096 buckets), and only
 * the bucket of the earliest keys (sim->current) is a binary heap
 * (sim->near), a few thousand keys that stay in the cache. Later buckets
 * are lists of 256-byte chunks, appended to (the chunks being filled, one
 * per bucket, fit in the cache too); when the near heap is empty, the next
 * bucket that holds keys is poured into it. Buckets before the current one are empty, so the
 * near heap's top is the earliest key of all, and the order in which keys
 * leave is the heap's: by time, then lead id. A new lead can have a timer
 * before the current bucket (the queue ran ahead while it was empty): the
 * near heap then goes back to its bucket and that earlier bucket becomes
 * the current one. */
#define CHUNK_KEYS      31

struct _QueueChunk
{
  guint64 keys[CHUNK_KEYS];
  guint32 next;              /* index + 1 of the bucket's older chunk; 0 none */
  guint32 n;
};

G_STATIC_ASSERT (sizeof (QueueChunk) == 256);

static void
queue_init (LwSimulation *sim,
            gsize         n_keys)
{
  sim->bucket_shift = sim->min_bucket_shift;
  while (sim->bucket_shift < 31 &&
         ((guint64) MAX (sim->horizon, 0) >> sim->bucket_shift) + 1 > sim->max_buckets)
    sim->bucket_shift++;
  sim->n_buckets = (guint) ((guint64) MAX (sim->horizon, 0) >> sim->bucket_shift) + 1;
  sim->buckets = g_new0 (guint32, sim->n_buckets);
  sim->current = 0;
  sim->near_size = 256;
  sim->near = g_new (guint64, sim->near_size);
  sim->near_len = 0;
  /* Never more chunks than a full one per CHUNK_KEYS keys and a part-filled one per
   * bucket; pages of the block that are never used are never touched. */
  sim->n_chunks = (guint) MIN (n_keys / CHUNK_KEYS + sim->n_buckets + 1, G_MAXUINT32 - 1);
  sim->chunks = g_aligned_alloc (sim->n_chunks, sizeof (QueueChunk), 64);
  sim->used_chunks = 0;
  sim->free_chunk = 0;
}

static void
queue_clear (LwSimulation *sim)
{
  g_clear_pointer (&sim->buckets, g_free);
  g_clear_pointer (&sim->near, g_free);
  g_clear_pointer (&sim->chunks, g_aligned_free);
  sim->near_len = sim->near_size = 0;
  sim->n_chunks = sim->used_chunks = 0;
  sim->free_chunk = 0;
}

static inline guint
bucket_of (const LwSimulation *sim,
           guint64             key)
{
  return (guint) ((guint32) heap_key_time (key) >> sim->bucket_shift);
}

static void
near_push (LwSimulation *sim,
           guint64       key)
{
  guint64 *heap;
  guint i;

  if (sim->near_len == sim->near_size)
    {
      sim->near_size *= 2;
      sim->near = g_renew (guint64, sim->near, sim->near_size);
    }
  heap = sim->near;
  i = sim->near_len++;
  while (i > 0)
    {
      guint parent = (i - 1) / 2;

      if (key >= heap[parent])
        break;
      heap[i] = heap[parent];
      i = parent;
    }
  heap[i] = key;
}

/* Puts @key in place of the near heap's top. */
static void
near_replace_top (LwSimulation *sim,
                  guint64       key)
{
  guint64 *heap = sim->near;
  guint n = sim->near_len;
  guint i = 0;
  guint child;

  while ((child = 2 * i + 1) < n)
    {
      if (child + 1 < n && heap[child + 1] < heap[child])
        child++;
      if (key <= heap[child])
        break;
      heap[i] = heap[child];
      i = child;
    }
  heap[i] = key;
}

static void
near_pop (LwSimulation *sim)
{
  guint64 last = sim->near[--sim->near_len];

  if (sim->near_len > 0)
    near_replace_top (sim, last);
}

static void
bucket_append (LwSimulation *sim,
               guint         bucket,
               guint64       key)
{
  guint32 head = sim->buckets[bucket];
  QueueChunk *chunk;

  if (head == 0 || sim->chunks[head - 1].n == CHUNK_KEYS)
    {
      guint32 index;

      if (sim->free_chunk != 0)
        {
          index = sim->free_chunk;
          sim->free_chunk = sim->chunks[index - 1].next;
        }
      else
        {
          g_assert (sim->used_chunks < sim->n_chunks);
          index = ++sim->used_chunks;
        }
      chunk = &sim->chunks[index - 1];
      chunk->next = head;
      chunk->n = 0;
      sim->buckets[bucket] = index;
    }
  else
    chunk = &sim->chunks[head - 1];
  chunk->keys[chunk->n++] = key;
}

static void
queue_push (LwSimulation *sim,
            guint64       key)
{
  guint bucket = bucket_of (sim, key);

  if (bucket > sim->current)
    {
      bucket_append (sim, bucket, key);
      return;
    }
  if (bucket < sim->current)
    {
      /* The near heap goes back to its bucket. */
      for (guint i = 0; i < sim->near_len; i++)
        bucket_append (sim, sim->current, sim->near[i]);
      sim->near_len = 0;
      sim->current = bucket;
    }
  near_push (sim, key);
}

/* Pours the next bucket that holds keys into the empty near heap. FALSE
 * when there is none. */
static gboolean
queue_advance (LwSimulation *sim)
{
  guint bucket = sim->current + 1;
  guint32 index;

  while (bucket < sim->n_buckets && sim->buckets[bucket] == 0)
    bucket++;
  if (bucket >= sim->n_buckets)
    return FALSE;

  sim->current = bucket;
  index = sim->buckets[bucket];
  sim->buckets[bucket] = 0;
  while (index != 0)
    {
      QueueChunk *chunk = &sim->chunks[index - 1];
      guint32 next = chunk->next;

      if (next != 0)
        __builtin_prefetch (&sim->chunks[next - 1]);
      if (sim->near_len + chunk->n > sim->near_size)
        {
          sim->near_size = MAX (sim->near_size * 2, sim->near_len + chunk->n);
          sim->near = g_renew (guint64, sim->near, sim->near_size);
        }
      memcpy (&sim->near[sim->near_len], chunk->keys, chunk->n * sizeof (guint64));
      sim->near_len += chunk->n;
      chunk->next = sim->free_chunk;
      sim->free_chunk = index;
      index = next;
    }

  /* Into a heap, from the last parent up (Floyd). */
  for (guint i = sim->near_len / 2; i-- > 0;)
    {
      guint64 key = sim->near[i];
      guint j = i;
      guint child;

      while ((child = 2 * j + 1) < sim->near_len)
        {
          if (child + 1 < sim->near_len && sim->near[child + 1] < sim->near[child])
            child++;
          if (key <= sim->near[child])
            break;
          sim->near[j] = sim->near[child];
          j = child;
        }
      sim->near[j] = key;
    }
  return TRUE;
}

/* The earliest key, in *key; FALSE when the queue is empty. */
static inline gboolean
queue_peek (LwSimulation *sim,
            guint64      *key)
{
  if (sim->near_len == 0 && !queue_advance (sim))
    return FALSE;
  *key = sim->near[0];
  return TRUE;
}

/* Replaces the earliest key (queue_peek() found it) with @key, which is
 * not earlier. */
static void
queue_replace_top (LwSimulation *sim,
                   guint64       key)
{
  if (bucket_of (sim, key) == sim->current)
    near_replace_top (sim, key);
  else
    {
      near_pop (sim);
      bucket_append (sim, bucket_of (sim, key), key);
    }
}

static void
queue_pop (LwSimulation *sim)
{
  near_pop (sim);
}

/* Asks the processor to fetch lead @id's record (2 or 3 cache lines) and
 * categorical values: a million leads' records are far bigger than the
 * cache, and the lead the queue gives next is a random one of them. */
static inline void
prefetch_lead (const LwSimulation *sim,
               guint32             id)
{
  const char *record = (const char *) &sim->leads[id - 1];

  __builtin_prefetch (record);
  __builtin_prefetch (record + 64);
  __builtin_prefetch (record + sizeof (Lead) - 1);
  /* Its generated values, which the lifecycle and the scoring read. */
  __builtin_prefetch (&sim->cat_values[(gsize) (id - 1) * sim->n_cat]);
}

/* The same for lead @id's next activity, which its record tells: the
 * record was most likely fetched an entry or two earlier. */
static inline void
prefetch_activity (const LwSimulation *sim,
                   guint32             id)
{
  const Lead *ls = &sim->leads[id - 1];

  if (ls->act_next < ls->act_count)
    __builtin_prefetch (&g_array_index (sim->activities, PackedActivity, ls->act_first + ls->act_next));
}

/* ---- timers ----------------------------------------------------------------------------- */

static gint32
to_relative (const LwSimulation *sim,
             LwTime              t)
{
  if (t >= sim->start + (LwTime) NEVER)
    return NEVER;
  if (t <= sim->start + (LwTime) G_MININT32 + 1)
    return G_MININT32 + 1;
  return (gint32) (t - sim->start);
}

static inline gint32
activity_time (const LwSimulation *sim,
               const Lead         *ls)
{
  if (ls->act_next >= ls->act_count)
    return NEVER;
  return g_array_index (sim->activities, PackedActivity, ls->act_first + ls->act_next).at;
}

static gint32
next_timer (const LwSimulation *sim,
            const Lead         *ls)
{
  gint32 t = activity_time (sim, ls);

  t = MIN (t, ls->touch_at);
  t = MIN (t, ls->sla_at);
  t = MIN (t, ls->step_at);
  t = MIN (t, ls->path_at);
  t = MIN (t, ls->check_at);
  return t;
}

static gint32
add_seconds (gint32 t,
             double seconds)
{
  double at = (double) t + floor (seconds + 0.5);

  if (!(at < (double) NEVER))
    return NEVER;
  return (gint32) at;
}

/* ---- scoring and stages ------------------------------------------------------------------- */

static guint8
intern_grade (LwSimulation *sim,
              guint8        current,
              const char   *grade)
{
  Interned *interned;

  if (grade[0] == '\0')
    return 0;
  /* Most scorings keep the grade the lead had. */
  if (current > 0 && current < sim->grades->len)
    {
      interned = g_ptr_array_index (sim->grades, current);
      if (strcmp (interned->value.str, grade) == 0)
        return current;
    }
  for (guint i = 1; i < sim->grades->len; i++)
    {
      interned = g_ptr_array_index (sim->grades, i);
      if (strcmp (interned->value.str, grade) == 0)
        return (guint8) i;
    }
  if (sim->grades->len > G_MAXUINT8)
    return 0;
  interned = g_new0 (Interned, 1);
  set_value_text (&interned->value, grade);
  g_ptr_array_add (sim->grades, interned);
  return (guint8) (sim->grades->len - 1);
}

/* When sim->score_builtins_only: fills sim->score_lead with what a
 * scoring of lead @id at @t reads, its built-in properties and its
 * activities up to @t (a scoring ignores later ones), much less than
 * materialize() does. Its other values stay unset: no criterion that is
 * evaluated reads them, and the static ones come from
 * sim->static_results. */
static LwLead *
prepare_score_lead (LwSimulation *sim,
                    const Lead   *ls,
                    gint32        t)
{
  LwLead *lead = sim->score_lead;
  const PackedActivity *activities = &g_array_index (sim->activities, PackedActivity,
                                                     ls->act_first);
  guint n = ls->act_next;
  LwActivity *out;

  /* Activities are in time order; those before act_next happened. */
  while (n < ls->act_count && activities[n].at <= t)
    n++;

  /* When every condition criterion is static, nothing reads them. */
  if (sim->score_evaluates)
    refresh_builtins (sim, ls, lead);
  g_array_set_size (lead->activities, n);
  out = (LwActivity *) (gpointer) lead->activities->data;
  for (guint i = 0; i < n; i++)
    {
      out[i].type = (guint) sim->activity_index[activities[i].type];
      out[i].at = abs_time (sim, activities[i].at);
    }
  return lead;
}

/* Keeps the figures of a scoring of lead @id at @t, as rescore() does. */
static inline void
keep_score (LwSimulation *sim,
            guint32       id,
            Lead         *ls,
            gint32        t,
            gboolean      always_emit,
            double        fit,
            double        engagement,
            double        total,
            gboolean      mql,
            guint8        grade)
{
  ls->fit = (float) fit;
  ls->engagement = (float) engagement;
  ls->total = (float) total;
  ls->grade = grade;

  if (mql)
    {
      ls->flags |= F_MQL_NOW;
      if (!(ls->flags & F_MQL))
        {
          ls->flags |= F_MQL;
          ls->mql_at = t;
        }
    }
  else
    ls->flags &= ~F_MQL_NOW;

  if (always_emit || fabsf (ls->total - ls->emitted_total) >= 1.0f)
    {
      emit (sim, id, LW_EVENT_SCORED, t, -1, mql ? 1 : 0, ls->total, NULL);
      ls->emitted_total = ls->total;
    }
  if (sim->lead_id == id)
    refresh_builtins (sim, ls, sim->lead);
}

/* Writes the static criteria @first.. of a lead whose static results are
 * @results into sim->known, and returns the fit sum of the lead's fit
 * pattern from the fit table, filling the table's entry on first use. */
static double
known_and_fit_sum (LwSimulation *sim,
                   guint16       results,
                   guint         first)
{
  guint pattern = results & ((1u << sim->n_fit_static) - 1);

  for (guint k = first; k < sim->n_static; k++)
    sim->known[sim->static_criteria[k]] = (results >> k) & 1 ? LW_CRITERION_HOLDS
                                                              : LW_CRITERION_FAILS;
  if (!sim->fit_known[pattern])
    {
      for (guint k = 0; k < first; k++)
        sim->known[sim->static_criteria[k]] = (results >> k) & 1 ? LW_CRITERION_HOLDS
                                                                  : LW_CRITERION_FAILS;
      if (!lw_score_fit_sum_known (sim->config, sim->known, sim->n_known,
                                   &sim->fit_sums[pattern]))
        g_assert_not_reached ();
      sim->fit_known[pattern] = TRUE;
    }
  return sim->fit_sums[pattern];
}

/* rescore() when every fit criterion is static (the fit table) and the
 * scoring has a plan: the same figures, from the lead's packed activities
 * without filling a lead's, the grade's text interned once per pair of
 * bands. */
static void
rescore_planned (LwSimulation *sim,
                 guint32       id,
                 Lead         *ls,
                 gint32        t,
                 gboolean      always_emit)
{
  const PackedActivity *activities = &g_array_index (sim->activities, PackedActivity,
                                                     ls->act_first);
  guint16 results = sim->n_static > 0 ? sim->static_results[id - 1] : 0;
  guint n = ls->act_next;
  double fit_sum;
  const LwLead *lead;
  LwScoreFigures figures;
  guint16 *grade_id;

  /* As prepare_score_lead(): the activities that happened by @t. */
  while (n < ls->act_count && activities[n].at <= t)
    n++;
  if (n > sim->score_acts_size)
    {
      sim->score_acts_size = MAX (n, 2 * sim->score_acts_size);
      sim->score_acts = g_renew (LwActivity, sim->score_acts, sim->score_acts_size);
    }
  for (guint i = 0; i < n; i++)
    {
      sim->score_acts[i].type = (guint) sim->activity_index[activities[i].type];
      sim->score_acts[i].at = abs_time (sim, activities[i].at);
    }

  /* Only conditions on the lead's values read it (the static ones are
   * known). */
  if (sim->score_builtins_only)
    {
      lead = sim->score_lead;
      if (sim->score_evaluates)
        refresh_builtins (sim, ls, sim->score_lead);
    }
  else
    lead = prepare_lead (sim, id);

  fit_sum = known_and_fit_sum (sim, results, sim->n_fit_static);
  lw_score_plan_score (sim->score_plan, lead, sim->score_acts, n, abs_time (sim, t),
                       fit_sum, sim->known, sim->n_known, &figures);

  grade_id = &sim->grade_ids[(gsize) (figures.fit_band + 1) * (sim->n_engagement_bands + 1) +
                             (guint) (figures.engagement_band + 1)];
  if (*grade_id == GRADE_UNKNOWN)
    {
      char grade[sizeof ((LwScore *) NULL)->grade];

      lw_score_plan_grade (sim->score_plan, figures.fit_band, figures.engagement_band,
                           grade, sizeof grade);
      *grade_id = intern_grade (sim, 0, grade);
    }

  keep_score (sim, id, ls, t, always_emit, figures.fit, figures.engagement, figures.total,
              figures.mql, (guint8) *grade_id);
}

/* Scores the lead and writes the scores into its built-in properties, as
 * lw_score_apply() does, without allocating. */
static void
rescore (LwSimulation *sim,
         guint32       id,
         Lead         *ls,
         gint32        t,
         gboolean      always_emit)
{
  LwLead *lead;
  LwScore score;

  if (sim->score_plan != NULL)
    {
      rescore_planned (sim, id, ls, t, always_emit);
      return;
    }

  if (sim->score_builtins_only)
    lead = prepare_score_lead (sim, ls, t);
  else
    lead = prepare_lead (sim, id);

  if (sim->n_static > 0 || sim->score_builtins_only)
    {
      guint16 results = sim->n_static > 0 ? sim->static_results[id - 1] : 0;

      /* With the fit table, the fit criteria's results matter only to
       * fill it. */
      if (sim->fit_sums != NULL)
        {
          double fit_sum = known_and_fit_sum (sim, results, sim->n_fit_static);

          lw_score_lead_known_fit (sim->config, lead, abs_time (sim, t), fit_sum, sim->known,
                                   sim->n_known, &score);
        }
      else
        {
          for (guint k = 0; k < sim->n_static; k++)
            sim->known[sim->static_criteria[k]] = (results >> k) & 1 ? LW_CRITERION_HOLDS
                                                                      : LW_CRITERION_FAILS;
          lw_score_lead_known (sim->config, lead, abs_time (sim, t), sim->known,
                               sim->n_known, &score);
        }
    }
  else
    lw_score_lead (sim->config, lead, abs_time (sim, t), FALSE, &score);
  keep_score (sim, id, ls, t, always_emit, score.fit, score.engagement, score.total, score.mql,
              intern_grade (sim, ls->grade, score.grade));
}

/* When lead @ls first entered @stage; NOT_YET when it never did. */
static gint32
stage_entered_at (const LwSimulation *sim,
                  const Lead         *ls,
                  int                 stage)
{
  if (ls->first_stage == stage)
    return ls->first_stage_at;
  for (guint32 e = ls->more_stages; e != 0;)
    {
      const StageEntry *entry = &g_array_index (sim->stage_entries, StageEntry, e - 1);

      if (entry->stage == stage)
        return entry->t;
      e = entry->next;
    }
  return NOT_YET;
}

/* Records that lead @ls entered @stage, which it never did before, at @t. */
static void
record_stage_entry (LwSimulation *sim,
                    Lead         *ls,
                    int           stage,
                    gint32        t)
{
  StageEntry entry = { t, 0, (guint8) stage };
  guint32 last = 0;

  if (ls->first_stage < 0)
    {
      ls->first_stage = (gint8) stage;
      ls->first_stage_at = t;
      return;
    }
  for (guint32 e = ls->more_stages; e != 0;)
    {
      last = e;
      e = g_array_index (sim->stage_entries, StageEntry, e - 1).next;
    }
  /* Appending may move the array: link the entry in afterwards. */
  g_array_append_val (sim->stage_entries, entry);
  if (last == 0)
    ls->more_stages = sim->stage_entries->len;
  else
    g_array_index (sim->stage_entries, StageEntry, last - 1).next = sim->stage_entries->len;
}

static void
enter_stage (LwSimulation *sim,
             guint32       id,
             Lead         *ls,
             gint32        t,
             int           stage,
             const char   *why)
{
  /* A move forward passes through the stages it skips; entering a stage
   * from nothing (a new lead) or going back (a path) does not, and neither
   * does a jump to the last stage, by convention outside the funnel
   * (HubSpot's "Other"). */
  if (ls->stage >= 0 && stage > ls->stage && (guint) stage + 1 < sim->n_stages)
    for (int s = ls->stage; s < stage; s++)
      {
        ls->advanced |= G_GUINT64_CONSTANT (1) << s;
        ls->reached |= G_GUINT64_CONSTANT (1) << (s + 1);
      }
  else
    {
      if (ls->stage >= 0 && stage > ls->stage)
        ls->advanced |= G_GUINT64_CONSTANT (1) << ls->stage;
      ls->reached |= G_GUINT64_CONSTANT (1) << stage;
    }

  ls->stage = (gint8) stage;
  ls->max_stage = (gint8) MAX (ls->max_stage, stage);
  if (stage_entered_at (sim, ls, stage) == NOT_YET)
    record_stage_entry (sim, ls, stage, t);
  emit (sim, id, LW_EVENT_STAGE_CHANGED, t, ls->owner, stage, 0, why);
}

/* What the lifecycle's decision for @ls reads when sim->stage_keyed: its
 * stage, status, deal stage and whether it meets the MQL threshold. The
 * stages' conditions then read no score or grade, only built-ins that are
 * in the key or never change (source, creation time) and properties a
 * lead keeps all run long; lw_lifecycle_decide_stage() reads nothing of
 * the score but its MQL flag. Never 0. */
static inline guint32
stage_key (const Lead *ls)
{
  return (guint32) (guint8) ls->stage | (guint32) (guint8) ls->status << 8 |
         (guint32) (guint8) ls->deal << 16 | ((ls->flags & F_MQL_NOW) != 0 ? 1u << 24 : 0) |
         1u << 25;
}

/* Moves the lead forward when the rule set says so; @sales: the move
 * comes from a sales outcome, a conversion. */
static void
decide_stage (LwSimulation *sim,
              guint32       id,
              Lead         *ls,
              gint32        t,
              gboolean      sales)
{
  gboolean traced = is_traced (sim, id);
  guint32 key = sim->stage_keyed && !traced ? stage_key (ls) : 0;
  const LwLead *lead;
  LwScore score = { 0, };
  LwStageDecision decision = { 0, };

  /* Nothing the decision reads changed since it kept the lead where it
   * is: it would keep it again. */
  if (key != 0 && ls->undecided == key)
    return;

  lead = traced ? prepare_lead (sim, id) : prepare_light_lead (sim, id);

  score.fit = ls->fit;
  score.engagement = ls->engagement;
  score.total = ls->total;
  score.mql = (ls->flags & F_MQL_NOW) != 0;

  /* Only a traced lead needs the explanation, which costs more than the
   * decision. */
  if (traced)
    lw_lifecycle_decide (sim->config, lead, ls->stage, &score, &decision);
  else
    decision.stage = lw_lifecycle_decide_stage (sim->config, lead, ls->stage, &score);
  if (decision.stage != ls->stage && decision.stage >= 0)
    {
      enter_stage (sim, id, ls, t, decision.stage, decision.why);
      if (sales)
        {
          ls->flags |= F_CONVERTED;
          emit (sim, id, LW_EVENT_CONVERTED, t, ls->owner, decision.stage, 0, NULL);
        }
    }
  else
    ls->undecided = key;
  lw_stage_decision_clear (&decision);
}

static void
set_status (LwSimulation *sim,
            guint32       id,
            Lead         *ls,
            gint32        t,
            LwSimStatus   status)
{
  int index = sim->statuses[status];
  gint64 due = G_MAXINT64;

  if (index < 0 || index == ls->status)
    return;

  ls->status = (gint8) index;
  ls->status_since = t;
  emit (sim, id, LW_EVENT_STATUS_CHANGED, t, ls->owner, index, 0, NULL);

  /* The earliest path from this status; lw_lifecycle_path_due() says
   * which applies when that time comes. */
  if (sim->path_after[index] >= 0)
    due = (gint64) t + sim->path_after[index];
  ls->path_at = due < NEVER ? (gint32) due : NEVER;
}

/* ---- routing, SLA clocks and first touch -------------------------------------------------- */

static char *
describe_route (const LwRoute *route)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; route->steps != NULL && i < route->steps->len; i++)
    {
      const LwRouteStep *step = g_ptr_array_index (route->steps, i);

      if (text->len > 0)
        g_string_append_c (text, '\n');
      if (step->rule != NULL)
        /* translators: a routing rule's label, then why it matched or not */
        g_string_append_printf (text, _("Rule “%s”: %s"),
                                step->rule->label != NULL ? step->rule->label : step->rule->id,
                                step->why != NULL ? step->why : "");
      else
        /* translators: why the fallback owner got the lead */
        g_string_append_printf (text, _("Fallback: %s"), step->why != NULL ? step->why : "");
    }
  return g_string_free (text, FALSE);
}

static const LwRep *
get_rep (LwSimulation *sim,
         int           index)
{
  return index >= 0 ? g_ptr_array_index (sim->config->reps, index) : NULL;
}

/* Deadlines and touches a little after the end of the run are still
 * looked up; later ones are walked. */
#define BUSINESS_TABLE_AFTER (14 * LW_DAY)

/* The business table of rep @index, made on first use: the run's days. */
static const LwBusinessTable *
get_business_table (LwSimulation *sim,
                    int           index)
{
  if (index < 0)
    return NULL;
  if (sim->business[index] == NULL)
    sim->business[index] = lw_business_table_new (get_rep (sim, index), sim->start,
                                                  sim->end + BUSINESS_TABLE_AFTER);
  return sim->business[index];
}

static const LwSlaPolicy *
get_policy (LwSimulation *sim,
            const Lead   *ls)
{
  return ls->policy >= 0 ? g_ptr_array_index (sim->config->policies, ls->policy) : NULL;
}

typedef struct
{
  LwTime    at;
  CheckKind kind;
  guint     index;
} Checkpoint;

/* The checkpoints of an SLA clock in time order (warning, breach, then
 * escalations on a tie). */
static guint
list_checkpoints (const LwSlaTimes *times,
                  Checkpoint        out[LW_SLA_MAX_ESCALATIONS + 2])
{
  guint n = 0;

  if (times->warn_at != G_MAXINT64)
    out[n++] = (Checkpoint) { times->warn_at, CHECK_WARNING, 0 };
  out[n++] = (Checkpoint) { times->deadline, CHECK_BREACH, 0 };
  for (guint k = 0; k < times->n_escalations && k < LW_SLA_MAX_ESCALATIONS; k++)
    out[n++] = (Checkpoint) { times->escalate_at[k], CHECK_ESCALATION, k };

  for (guint i = 1; i < n; i++)
    {
      Checkpoint x = out[i];
      guint j = i;

      while (j > 0 && (out[j - 1].at > x.at ||
                       (out[j - 1].at == x.at && out[j - 1].kind > x.kind)))
        {
          out[j] = out[j - 1];
          j--;
        }
      out[j] = x;
    }
  return n;
}

static Clock *
get_clock (LwSimulation *sim,
           const Lead   *ls)
{
  return ls->clock != 0 ? &g_array_index (sim->clocks, Clock, ls->clock - 1) : NULL;
}

static void
stop_clock (LwSimulation *sim,
            Lead         *ls)
{
  Clock *clock = get_clock (sim, ls);

  ls->sla_at = NEVER;
  if (clock == NULL)
    return;
  clock->next_free = sim->free_clock;
  sim->free_clock = ls->clock;
  ls->clock = 0;
}

/* Starts the SLA clock of the lead's policy for its current owner. */
static void
start_clock (LwSimulation *sim,
             Lead         *ls,
             gint32        t)
{
  Checkpoint checkpoints[LW_SLA_MAX_ESCALATIONS + 2];
  LwSlaTimes times;
  Clock *clock;
  guint n;

  stop_clock (sim, ls);
  ls->clock_start = t;
  ls->sla_step = 0;
  if (ls->policy < 0)
    return;

  lw_sla_compute_with_table (get_policy (sim, ls), get_rep (sim, ls->owner),
                             get_business_table (sim, ls->owner), abs_time (sim, t), &times);
  if (!(ls->flags & F_BREACHED))
    {
      ls->deadline = to_relative (sim, times.deadline);
      ls->sla_rep = ls->owner;
    }
  n = list_checkpoints (&times, checkpoints);

  if (sim->free_clock != 0)
    {
      ls->clock = sim->free_clock;
      sim->free_clock = get_clock (sim, ls)->next_free;
    }
  else
    {
      g_array_set_size (sim->clocks, sim->clocks->len + 1);
      ls->clock = sim->clocks->len;
    }
  clock = get_clock (sim, ls);
  clock->n = (guint8) n;
  for (guint i = 0; i < n; i++)
    {
      clock->at[i] = to_relative (sim, checkpoints[i].at);
      clock->kind[i] = (guint8) checkpoints[i].kind;
      clock->index[i] = (guint8) checkpoints[i].index;
    }
  ls->sla_at = n > 0 ? clock->at[0] : NEVER;
}

/* Draws how long the owner takes to touch the lead (assignment number
 * ls->assignments) and sets the touch timer. */
static void
schedule_touch (LwSimulation *sim,
                guint32       id,
                Lead         *ls,
                gint32        t)
{
  const LwScenario *s = sim->scenario;
  LwTime start = abs_time (sim, t);
  LwTime at = G_MAXINT64;
  double minutes;
  gboolean adherent;
  LwRng rng;

  init_stream (&rng, sim, id, ls->assignments, PURPOSE_RESPONSE);
  minutes = lw_number_dist_sample (sim->response[ls->owner], &rng) * s->reps.intent_factor[ls->intent];
  if (!(minutes >= 0))
    minutes = 0;
  minutes = MIN (minutes, (double) LW_SIM_MAX_DAYS * 24 * 60);
  adherent = lw_rng_chance (&rng, s->reps.working_hours_adherence);

  if (adherent)
    at = lw_business_table_add (get_business_table (sim, ls->owner), start,
                                (gint64) floor (minutes + 0.5));
  if (at == G_MAXINT64)
    at = start + (LwTime) floor (minutes * 60 + 0.5);
  ls->touch_at = to_relative (sim, at);
}

static int
index_in (GPtrArray     *array,
          gconstpointer  element)
{
  if (element == NULL)
    return -1;
  /* g_ptr_array_find(), inline: three lookups per routed lead */
  for (guint i = 0; i < array->len; i++)
    if (g_ptr_array_index (array, i) == element)
      return (int) i;
  return -1;
}

static void
route_lead (LwSimulation      *sim,
            guint32            id,
            Lead              *ls,
            gint32             t,
            const LwSlaPolicy *policy)
{
  gboolean traced = is_traced (sim, id);
  g_autofree char *why = NULL;
  LwLead *lead = prepare_lead (sim, id);
  LwRoute route = { 0, };

  lw_route_lead (sim->config, lead, abs_time (sim, t), sim->routing, traced, &route);
  g_assert (route.owner != NULL);

  ls->flags |= F_ROUTED;
  if (route.fallback)
    ls->flags |= F_FALLBACK;
  ls->fallback_reason = route.fallback_reason;
  ls->owner = (gint16) route.owner->index;
  ls->routed_rep = ls->owner;
  ls->rule = (gint16) index_in (sim->config->rules, route.rule);
  ls->pool = (gint16) index_in (sim->config->pools, route.pool);
  ls->assigned_at = t;
  ls->policy = (gint8) index_in (sim->config->policies, policy);
  ls->assignments++;

  if (traced)
    why = describe_route (&route);
  emit (sim, id, LW_EVENT_ASSIGNED, t, ls->owner, ls->rule, 0, why);
  lw_route_clear (&route);

  set_status (sim, id, ls, t, LW_SIM_STATUS_NEW);
  ls->sla_rep = ls->owner;
  start_clock (sim, ls, t);
  schedule_touch (sim, id, ls, t);
}

/* Routes the lead when it should be: see the top of this file. */
static void
maybe_route (LwSimulation *sim,
             guint32       id,
             Lead         *ls,
             gint32        t)
{
  const LwSlaPolicy *policy;

  if (ls->flags & F_ROUTED)
    return;
  policy = lw_sla_select (sim->config, is_traced (sim, id) ? prepare_lead (sim, id)
                                                            : prepare_light_lead (sim, id));
  if (policy == NULL && !(ls->flags & F_MQL_NOW) &&
      (sim->mql_stage < 0 || ls->stage != sim->mql_stage))
    return;
  route_lead (sim, id, ls, t, policy);
}

/* An SLA escalation that reassigns: to its target, else the target of the
 * rule that routed the lead, else the fallback, never to the owner. */
static gboolean
reassign (LwSimulation       *sim,
          guint32             id,
          Lead               *ls,
          gint32              t,
          const LwEscalation *escalation)
{
  const LwConfig *config = sim->config;
  const LwTarget *target = &config->fallback;
  g_autoptr(GString) why = is_traced (sim, id) ? g_string_new (NULL) : NULL;
  const LwRep *old = get_rep (sim, ls->owner);
  const LwRep *picked;
  int previous = ls->owner;

  if (escalation->target.owner != NULL || escalation->target.pool != NULL)
    target = &escalation->target;
  else if (ls->rule >= 0)
    {
      const LwRoutingRule *rule = g_ptr_array_index (config->rules, ls->rule);

      if (rule->kind == LW_ASSIGN_OWNER || rule->kind == LW_ASSIGN_POOL)
        target = &rule->target;
    }

  picked = lw_route_pick (config, target, abs_time (sim, t), sim->routing, old, why);
  if (picked == NULL && target != &config->fallback)
    picked = lw_route_pick (config, &config->fallback, abs_time (sim, t), sim->routing, old, why);
  if (picked == NULL)
    return FALSE;

  lw_routing_state_release (sim->routing, old, abs_time (sim, ls->clock_start));
  ls->owner = (gint16) picked->index;
  ls->reassignments = (guint8) MIN (ls->reassignments + 1, G_MAXUINT8);
  ls->escalations = (guint8) MIN (ls->escalations + 1, G_MAXUINT8);
  ls->assignments++;
  emit (sim, id, LW_EVENT_REASSIGNED, t, ls->owner, previous, 0, why != NULL ? why->str : NULL);

  start_clock (sim, ls, t);
  schedule_touch (sim, id, ls, t);
  return TRUE;
}

static void
run_sla_checkpoint (LwSimulation *sim,
                    guint32       id,
                    Lead         *ls,
                    gint32        t)
{
  const LwSlaPolicy *policy = get_policy (sim, ls);
  Clock *clock = get_clock (sim, ls);
  CheckKind kind;
  guint index;

  ls->sla_at = NEVER;
  if (policy == NULL || clock == NULL || (ls->flags & F_TOUCHED) || ls->sla_step >= clock->n)
    {
      stop_clock (sim, ls);
      return;
    }
  kind = clock->kind[ls->sla_step];
  index = clock->index[ls->sla_step];
  ls->sla_step++;

  switch (kind)
    {
    case CHECK_WARNING:
      if (!(ls->flags & F_WARNED))
        {
          ls->flags |= F_WARNED;
          emit (sim, id, LW_EVENT_SLA_WARNING, t, ls->owner, ls->policy,
                policy->warn_before_minutes, NULL);
        }
      break;

    case CHECK_BREACH:
      if (!(ls->flags & F_BREACHED))
        {
          ls->flags |= F_BREACHED;
          ls->sla_rep = ls->owner;
          emit (sim, id, LW_EVENT_SLA_BREACH, t, ls->owner, ls->policy, 0, NULL);
        }
      break;

    case CHECK_ESCALATION:
    default:
      {
        const LwEscalation *escalation = &g_array_index (policy->escalations, LwEscalation, index);

        if (escalation->action == LW_ESCALATE_REASSIGN)
          {
            if (reassign (sim, id, ls, t, escalation))
              return;   /* a new clock, with its own checkpoints */
          }
        else
          {
            ls->escalations = (guint8) MIN (ls->escalations + 1, G_MAXUINT8);
            emit (sim, id, LW_EVENT_ESCALATED, t, sim->manager_of[ls->owner], (int) index, 0, NULL);
          }
      }
      break;
    }

  /* The clock may have been reused by a reassignment above; read it anew. */
  clock = get_clock (sim, ls);
  if (clock != NULL && ls->sla_step < clock->n)
    ls->sla_at = MAX (t, clock->at[ls->sla_step]);
  else
    stop_clock (sim, ls);
}

/* The draws behind a touched lead's sales outcome: one stream, always
 * drawn in the same order. */
static void
draw_outcome (LwSimulation *sim,
              guint32       id,
              double       *u,
              double       *connect_hours,
              double       *qualify_days)
{
  const LwConversionModel *c = &sim->scenario->conversion;
  LwRng rng;

  init_stream (&rng, sim, id, 0, PURPOSE_OUTCOME);
  *u = lw_rng_uniform (&rng);
  /* One draw each: MAX() evaluates its arguments twice. */
  *connect_hours = lw_number_dist_sample (&c->connect_hours, &rng);
  *connect_hours = MAX (*connect_hours, 0.0);
  *qualify_days = lw_number_dist_sample (&c->qualify_days, &rng);
  *qualify_days = MAX (*qualify_days, 0.0);
}

static void
draw_step (LwSimulation       *sim,
           guint32             id,
           guint               purpose,
           const LwNumberDist *delay,
           double             *u,
           double             *days)
{
  LwRng rng;

  init_stream (&rng, sim, id, 0, purpose);
  *u = lw_rng_uniform (&rng);
  /* One draw: MAX() evaluates its arguments twice. */
  *days = lw_number_dist_sample (delay, &rng);
  *days = MAX (*days, 0.0);
}

/* Minutes from assignment to first touch: what the speed factor reads. */
static double
response_minutes (const Lead *ls)
{
  return (double) (ls->first_touch_at - ls->assigned_at) / 60.0;
}

static void
touch (LwSimulation *sim,
       guint32       id,
       Lead         *ls,
       gint32        t)
{
  const LwConversionModel *c = &sim->scenario->conversion;
  const LwSlaPolicy *policy = get_policy (sim, ls);
  double u, connect_hours, qualify_days, p_sql;
  gint64 ttft;

  ls->touch_at = NEVER;
  stop_clock (sim, ls);
  if (ls->flags & F_TOUCHED)
    return;

  ls->flags |= F_TOUCHED;
  ls->first_touch_at = t;
  if (!(ls->flags & F_BREACHED))
    ls->sla_rep = ls->owner;

  if (policy != NULL && policy->clock == LW_CLOCK_BUSINESS)
    ttft = lw_business_table_seconds_between (get_business_table (sim, ls->owner),
                                              abs_time (sim, ls->assigned_at), abs_time (sim, t));
  else
    ttft = (gint64) t - ls->assigned_at;
  ls->ttft = (gint32) CLAMP (ttft, 0, G_MAXINT32);
  emit (sim, id, LW_EVENT_FIRST_TOUCH, t, ls->owner, ls->policy, ls->ttft / 60.0, NULL);
  set_status (sim, id, ls, t, LW_SIM_STATUS_ATTEMPTING);

  draw_outcome (sim, id, &u, &connect_hours, &qualify_days);
  p_sql = c->sql.rate[ls->intent] * lw_conversion_speed_factor (c, &c->sql, response_minutes (ls));
  if (u < p_sql)
    ls->outcome = OUTCOME_QUALIFIED;
  else if (u < p_sql + c->unqualified[ls->intent])
    ls->outcome = OUTCOME_UNQUALIFIED;
  else if (u < p_sql + c->unqualified[ls->intent] + c->bad_timing[ls->intent])
    ls->outcome = OUTCOME_BAD_TIMING;
  else
    ls->outcome = OUTCOME_NO_CONTACT;

  if (ls->outcome != OUTCOME_NO_CONTACT)
    {
      ls->step = STEP_CONNECT;
      ls->step_at = add_seconds (t, connect_hours * LW_HOUR);
    }
}

/* The deal times of traced lead @id, made on first use. */
static DealTimes *
get_deal_times (LwSimulation *sim,
                guint32       id)
{
  DealTimes *deal;

  if (sim->deal_times == NULL)
    sim->deal_times = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  deal = g_hash_table_lookup (sim->deal_times, GUINT_TO_POINTER (id));
  if (deal == NULL)
    {
      deal = g_new (DealTimes, 1);
      deal->open_at = deal->closed_at = NOT_YET;
      g_hash_table_insert (sim->deal_times, GUINT_TO_POINTER (id), deal);
    }
  return deal;
}

static void
set_deal (LwSimulation *sim,
          Lead         *ls,
          guint         which)
{
  if (sim->deal_option[which] >= 0)
    ls->deal = (gint8) sim->deal_option[which];
}

static void
run_step (LwSimulation *sim,
          guint32       id,
          Lead         *ls,
          gint32        t)
{
  const LwConversionModel *c = &sim->scenario->conversion;
  double minutes = response_minutes (ls);
  double u, hours, days;
  Step step = ls->step;

  ls->step = STEP_NONE;
  ls->step_at = NEVER;

  switch (step)
    {
    case STEP_CONNECT:
      set_status (sim, id, ls, t, LW_SIM_STATUS_CONNECTED);
      draw_outcome (sim, id, &u, &hours, &days);
      ls->step = STEP_OUTCOME;
      ls->step_at = add_seconds (t, days * LW_DAY);
      break;

    case STEP_OUTCOME:
      if (ls->outcome == OUTCOME_QUALIFIED)
        {
          set_status (sim, id, ls, t, LW_SIM_STATUS_QUALIFIED);
          ls->flags |= F_CONVERTED;
          decide_stage (sim, id, ls, t, TRUE);
          draw_step (sim, id, PURPOSE_OPPORTUNITY, &c->opportunity_days, &u, &days);
          if (u < c->opportunity.rate[ls->intent] *
                  lw_conversion_speed_factor (c, &c->opportunity, minutes))
            {
              ls->step = STEP_DEAL_OPEN;
              ls->step_at = add_seconds (t, days * LW_DAY);
            }
        }
      else if (ls->outcome == OUTCOME_UNQUALIFIED)
        set_status (sim, id, ls, t, LW_SIM_STATUS_UNQUALIFIED);
      else
        set_status (sim, id, ls, t, LW_SIM_STATUS_BAD_TIMING);
      break;

    case STEP_DEAL_OPEN:
      set_deal (sim, ls, 1);
      if (is_traced (sim, id))
        get_deal_times (sim, id)->open_at = t;
      decide_stage (sim, id, ls, t, TRUE);
      draw_step (sim, id, PURPOSE_CLOSE, &c->close_days, &u, &days);
      ls->step = STEP_DEAL_CLOSE;
      ls->step_at = add_seconds (t, days * LW_DAY);
      break;

    case STEP_DEAL_CLOSE:
      draw_step (sim, id, PURPOSE_CLOSE, &c->close_days, &u, &days);
      if (is_traced (sim, id))
        get_deal_times (sim, id)->closed_at = t;
      if (u < c->customer.rate[ls->intent] * lw_conversion_speed_factor (c, &c->customer, minutes))
        {
          ls->flags |= F_WON;
          set_deal (sim, ls, 2);
          decide_stage (sim, id, ls, t, TRUE);
        }
      else
        set_deal (sim, ls, 3);
      break;

    case STEP_NONE:
    default:
      break;
    }
}

static void
run_path (LwSimulation *sim,
          guint32       id,
          Lead         *ls,
          gint32        t)
{
  const LwStatus *status;
  const LwPath *path;
  int stage;

  ls->path_at = NEVER;
  if (ls->status < 0)
    return;

  status = g_ptr_array_index (sim->config->statuses, ls->status);
  path = lw_lifecycle_path_due (sim->config, status->id, abs_time (sim, ls->status_since),
                                abs_time (sim, t));
  if (path == NULL)
    return;

  if (path->kind == LW_PATH_DISQUALIFY)
    {
      ls->flags |= F_DISQUALIFIED;
      emit (sim, id, LW_EVENT_DISQUALIFIED, t, ls->owner, index_in (sim->config->paths, path),
            0, NULL);
    }
  else
    {
      ls->flags |= F_RECYCLED;
      emit (sim, id, LW_EVENT_RECYCLED, t, ls->owner, index_in (sim->config->paths, path), 0, NULL);
    }

  stage = path->to_stage != NULL ? lw_config_stage_index (sim->config, path->to_stage) : -1;
  if (stage >= 0 && stage != ls->stage)
    {
      g_autofree char *why = NULL;

      if (is_traced (sim, id))
        /* translators: %s is the label of a recycle or disqualify path */
        why = g_strdup_printf (_("path “%s”"), path->label != NULL ? path->label : path->id);
      enter_stage (sim, id, ls, t, stage, why);
    }
}

static void
schedule_checkpoint (LwSimulation *sim,
                     Lead         *ls,
                     gint32        t)
{
  if (sim->config->scoring.decay == LW_DECAY_NONE || ls->engagement < 0.5f ||
      ls->check_at != NEVER)
    return;
  /* At least a minute apart, whatever the scenario says. */
  ls->check_at = add_seconds (t, MAX (60.0, sim->scenario->rescore_days * LW_DAY));
}

static void
run_activity (LwSimulation *sim,
              guint32       id,
              Lead         *ls,
              gint32        t)
{
  const PackedActivity *activity = &g_array_index (sim->activities, PackedActivity,
                                                   ls->act_first + ls->act_next);

  ls->act_next++;
  emit (sim, id, LW_EVENT_ACTIVITY, t, -1, sim->activity_index[activity->type], 0, NULL);
  rescore (sim, id, ls, t, TRUE);
  decide_stage (sim, id, ls, t, FALSE);
  maybe_route (sim, id, ls, t);
  schedule_checkpoint (sim, ls, t);
}

static void
run_checkpoint (LwSimulation *sim,
                guint32       id,
                Lead         *ls,
                gint32        t)
{
  ls->check_at = NEVER;
  rescore (sim, id, ls, t, FALSE);
  schedule_checkpoint (sim, ls, t);
}

/* The result kept in @memo for @key (0 not known yet, 1 fails, 2 holds);
 * grows @memo to hold it. */
static inline guint8 *
memo_entry (GByteArray *memo,
            guint       key)
{
  if (key >= memo->len)
    {
      guint old = memo->len;

      g_byte_array_set_size (memo, MAX (key + 1, 2 * old));
      memset (memo->data + old, 0, memo->len - old);
    }
  return &memo->data[key];
}

/* The key of a memo of results per value (sim->static_memo, StaticFilter)
 * for @slot (a categorical slot, or -1: the email's domain): the value id
 * + 1, so that a value that is not set (MISSING) is 0 and the memo stays
 * as short as the property's values. */
static inline guint
memo_key (int            slot,
          const guint16 *cat,
          const Lead    *ls)
{
  if (slot >= 0)
    return (guint) (guint16) (cat[slot] + 1);
  return ls->domain;
}

/* lw_condition_eval() of a static criterion's condition on @lead (lead
 * @ls, whose categorical values are @cat), by its @filters: the same
 * filters evaluated in the same order, those with a memo once per value. */
static gboolean
eval_static_filters (StaticFilter  *filters,
                     const Lead    *ls,
                     const guint16 *cat,
                     const LwLead  *lead)
{
  gboolean group_holds = TRUE;

  for (StaticFilter *f = filters; ; f++)
    {
      if (f->filter == NULL || f->first_of_group)
        {
          if (f != filters && group_holds)
            return TRUE;
          if (f->filter == NULL)
            return FALSE;
          group_holds = TRUE;
        }
      /* A group stops at its first filter that fails. */
      if (!group_holds)
        continue;
      if (f->memo != NULL)
        {
          guint8 *known = memo_entry (f->memo, memo_key (f->memo_slot, cat, ls));

          if (*known == 0)
            *known = lw_filter_eval (f->filter, lead) ? 2 : 1;
          group_holds = *known == 2;
        }
      else
        group_holds = lw_filter_eval (f->filter, lead);
    }
}

/* Evaluates the static criteria (setup_static_criteria()) for the new
 * lead @id, once. */
static void
create_static_results (LwSimulation *sim,
                       guint32       id,
                       const LwLead *lead)
{
  const guint16 *cat = &sim->cat_values[(gsize) (id - 1) * sim->n_cat];
  guint16 results = 0;

  for (guint k = 0; k < sim->n_static; k++)
    {
      GByteArray *memo = sim->static_memo[k];
      gboolean holds;

      if (memo == NULL && sim->static_filters[k] != NULL)
        {
          holds = eval_static_filters (sim->static_filters[k], get_lead (sim, id), cat, lead);
        }
      else if (memo == NULL)
        {
          holds = lw_condition_eval (get_criterion (sim, sim->static_criteria[k])->when, lead);
        }
      else
        {
          guint8 *known = memo_entry (memo, memo_key (sim->static_memo_slot[k], cat,
                                                      get_lead (sim, id)));

          if (*known == 0)
            *known = lw_condition_eval (get_criterion (sim, sim->static_criteria[k])->when,
                                        lead) ? 2 : 1;
          holds = *known == 2;
        }
      if (holds)
        results |= (guint16) (1u << k);
    }
  if (sim->n_static > 0)
    sim->static_results[id - 1] = results;
}

static void
create_lead (LwSimulation *sim,
             guint32       id)
{
  Lead *ls = get_lead (sim, id);
  gint32 t = ls->created;

  generate_lead (sim, id);

  ls->touch_at = ls->sla_at = ls->step_at = ls->path_at = ls->check_at = NEVER;
  ls->assigned_at = ls->clock_start = ls->first_touch_at = ls->deadline = NOT_YET;
  ls->mql_at = ls->status_since = NOT_YET;
  ls->ttft = -1;
  ls->owner = ls->routed_rep = ls->sla_rep = ls->rule = ls->pool = -1;
  ls->stage = ls->max_stage = ls->status = ls->deal = ls->policy = -1;
  ls->first_stage = -1;
  ls->first_stage_at = NOT_YET;
  ls->more_stages = 0;
  ls->flags = F_CREATED;
  sim->n_created++;

  create_static_results (sim, id, prepare_lead (sim, id));
  emit (sim, id, LW_EVENT_CREATED, t, -1, sim->entry_source[ls->entry], 0, NULL);
  for (guint i = 0; i < ls->act_next; i++)
    {
      const PackedActivity *a = &g_array_index (sim->activities, PackedActivity, ls->act_first + i);

      if (a->at == t)
        emit (sim, id, LW_EVENT_ACTIVITY, t, -1, sim->activity_index[a->type], 0, NULL);
    }
  rescore (sim, id, ls, t, TRUE);
  decide_stage (sim, id, ls, t, FALSE);
  maybe_route (sim, id, ls, t);
  schedule_checkpoint (sim, ls, t);
}

/* Runs every timer of lead @id that is due at @t. */
static void
process_lead (LwSimulation *sim,
              guint32       id,
              gint32        t)
{
  Lead *ls = get_lead (sim, id);

  while (TRUE)
    {
      if (activity_time (sim, ls) <= t)
        run_activity (sim, id, ls, t);
      else if (ls->touch_at <= t)
        touch (sim, id, ls, t);
      else if (ls->sla_at <= t)
        run_sla_checkpoint (sim, id, ls, t);
      else if (ls->step_at <= t)
        run_step (sim, id, ls, t);
      else if (ls->path_at <= t)
        run_path (sim, id, ls, t);
      else if (ls->check_at <= t)
        run_checkpoint (sim, id, ls, t);
      else
        break;
    }
}

/* ---- leads to the sink ----------------------------------------------------------------- */

static inline LwTime
recorded (const LwSimulation *sim,
          gint32              t)
{
  return t == NOT_YET ? 0 : abs_time (sim, t);
}

static const char *
value_text (const LwLead *lead,
            int           prop)
{
  if (prop < 0 || !lead->values[prop].set)
    return NULL;
  return lead->values[prop].str;
}

static void
fill_sim_lead (LwSimulation *sim,
               guint32       id,
               LwSimLead    *out,
               LwLead       *lead,
               char         *email,
               LwTime       *stage_at)
{
  const Lead *ls = get_lead (sim, id);

  materialize (sim, id, lead, email, 256, TRUE);

  memset (out, 0, sizeof *out);
  out->id = id;
  out->created_at = abs_time (sim, ls->created);
  out->source = sim->entry_source[ls->entry];
  out->entry_point = ls->entry;
  out->intent = ls->intent;
  out->email = sim->email_prop >= 0 ? lead->values[sim->email_prop].str : NULL;
  out->region = value_text (lead, sim->region_prop);
  out->segment = value_text (lead, sim->segment_prop);
  out->country = value_text (lead, sim->country_prop);
  out->lead = lead;
  out->stage = ls->stage;
  out->max_stage = ls->max_stage;
  out->status = ls->status;
  out->deal_stage = ls->deal;
  out->owner = ls->owner;
  out->routed_rep = ls->routed_rep;
  out->rule = ls->rule;
  out->pool = ls->pool;
  out->fallback = (ls->flags & F_FALLBACK) != 0;
  out->fallback_reason = out->fallback ? ls->fallback_reason : LW_FALLBACK_NONE;
  out->policy = ls->policy;
  out->sla_rep = ls->sla_rep;
  out->assigned_at = recorded (sim, ls->assigned_at);
  out->first_touch_at = recorded (sim, ls->first_touch_at);
  out->deadline = ls->deadline == NEVER ? 0 : recorded (sim, ls->deadline);
  out->ttft = (ls->flags & F_TOUCHED) ? ls->ttft : -1;
  out->warned = (ls->flags & F_WARNED) != 0;
  out->breached = (ls->flags & F_BREACHED) != 0;
  out->escalations = ls->escalations;
  out->reassignments = ls->reassignments;
  out->fit = ls->fit;
  out->engagement = ls->engagement;
  out->total = ls->total;
  out->mql = (ls->flags & F_MQL) != 0;
  out->mql_at = recorded (sim, ls->mql_at);
  out->converted = (ls->flags & F_CONVERTED) != 0;
  out->disqualified = (ls->flags & F_DISQUALIFIED) != 0;
  out->recycled = (ls->flags & F_RECYCLED) != 0;
  for (guint s = 0; s < sim->n_stages; s++)
    stage_at[s] = recorded (sim, stage_entered_at (sim, ls, (int) s));
  out->stage_at = stage_at;
  out->n_stage_at = sim->n_stages;
  out->n_activities = ls->act_count;
  out->reached_stages = ls->reached;
  out->advanced_stages = ls->advanced;
}

static void
ensure_batch (LwSimulation *sim)
{
  if (sim->batch != NULL)
    return;
  sim->batch = g_new0 (LwSimLead, LW_SIM_BATCH_SIZE);
  sim->batch_leads = g_new0 (LwLead *, LW_SIM_BATCH_SIZE);
  for (guint i = 0; i < LW_SIM_BATCH_SIZE; i++)
    sim->batch_leads[i] = make_lead (sim);
  sim->batch_emails = g_new0 (char, (gsize) LW_SIM_BATCH_SIZE * 256);
  sim->batch_stage_at = g_new0 (LwTime, (gsize) LW_SIM_BATCH_SIZE * MAX (sim->n_stages, 1));
}

/* Hands @n leads (their ids) to the sink in batches. */
static void
emit_leads (LwSimulation  *sim,
            const guint32 *ids,
            guint32        first,
            guint          n)
{
  guint filled = 0;

  if (sim->sink == NULL || sim->sink->leads_ready == NULL || n == 0)
    return;
  ensure_batch (sim);

  for (guint i = 0; i < n && sim->sink_error == NULL; i++)
    {
      guint32 id = ids != NULL ? ids[i] : first + i;

      fill_sim_lead (sim, id, &sim->batch[filled], sim->batch_leads[filled],
                     &sim->batch_emails[(gsize) filled * 256],
                     &sim->batch_stage_at[(gsize) filled * sim->n_stages]);
      if (++filled == LW_SIM_BATCH_SIZE || i + 1 == n)
        {
          sim->sink->leads_ready (sim->batch, filled, sim->sink->user_data, &sim->sink_error);
          filled = 0;
        }
    }
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  guint32 x = *(const guint32 *) a;
  guint32 y = *(const guint32 *) b;

  return x < y ? -1 : x > y;
}

static void
emit_dirty_leads (LwSimulation *sim)
{
  if (sim->dirty == NULL || sim->dirty->len == 0)
    return;
  /* A fast run flushing as it goes: in id order, the store's blocks are
   * written in fewer pieces. */
  if (sim->options.speed == 0)
    g_array_sort (sim->dirty, compare_ids);
  emit_leads (sim, (const guint32 *) sim->dirty->data, 0, sim->dirty->len);
  for (guint i = 0; i < sim->dirty->len; i++)
    get_lead (sim, g_array_index (sim->dirty, guint32, i))->flags &= ~F_DIRTY;
  g_array_set_size (sim->dirty, 0);
}

/* ---- the summary ----------------------------------------------------------------------- */

static gint64
percentile (const guint64 *sorted,
            gsize          n,
            guint          p)
{
  gsize rank;

  if (n == 0)
    return -1;
  rank = ((gsize) p * n + 99) / 100;
  return (gint64) (sorted[MAX (rank, 1) - 1] & G_MAXUINT32);
}

static void
compute_summary (LwSimulation *sim,
                 gboolean      finished)
{
  LwSimSummary *s = &sim->summary;
  const LwConfig *config = sim->config;
  guint n_policies = config->policies->len;
  guint n_sources = lw_config_builtin (config, LW_BUILTIN_SOURCE)->options->len;
  /* The times to first touch are sorted in @keys, first on the calendar,
   * then by policy, through @scratch. The timer queue is freed first: a
   * million leads need 16 MB here, where the queue took some 10. */
  g_autofree guint64 *keys = NULL;
  g_autofree guint64 *scratch = NULL;
  gsize n_keys = 0;

  queue_clear (sim);
  keys = g_new (guint64, MAX (sim->n_created, 1));
  scratch = g_new (guint64, MAX (sim->n_created, 1));

  g_free (s->stages);
  g_free (s->policies);
  g_free (s->reps);
  g_free (s->sources);
  g_free (s->entry_points);
  memset (s, 0, sizeof *s);

  s->leads = sim->n_created;
  s->events = sim->events_total;
  s->start = sim->start;
  s->end = sim->end;
  s->finished = finished;
  s->n_stages = sim->n_stages;
  s->stages = g_new0 (LwSimStageFigures, MAX (s->n_stages, 1));
  s->n_policies = n_policies;
  s->policies = g_new0 (LwSimSlaFigures, MAX (n_policies, 1));
  s->n_reps = sim->n_reps;
  s->reps = g_new0 (LwSimRepFigures, MAX (s->n_reps, 1));
  s->n_sources = n_sources;
  s->sources = g_new0 (LwSimSourceFigures, MAX (n_sources, 1));
  s->n_entry_points = sim->n_entries;
  s->entry_points = g_new0 (LwSimSourceFigures, MAX (sim->n_entries, 1));
  for (guint p = 0; p < n_policies; p++)
    s->policies[p].ttft_p50 = s->policies[p].ttft_p90 = -1;

  for (guint32 id = 1; id <= sim->n_created; id++)
    {
      const Lead *ls = get_lead (sim, id);
      LwSimSourceFigures *figures[2] = {
        &s->sources[sim->entry_source[ls->entry]], &s->entry_points[ls->entry]
      };
      gboolean mql = (ls->flags & F_MQL) != 0;
      gboolean converted = (ls->flags & F_CONVERTED) != 0;
      gboolean won = (ls->flags & F_WON) != 0;

      if (ls->first_stage >= 0)
        s->stages[ls->first_stage].entered++;
      for (guint32 e = ls->more_stages; e != 0;)
        {
          const StageEntry *entry = &g_array_index (sim->stage_entries, StageEntry, e - 1);

          s->stages[entry->stage].entered++;
          e = entry->next;
        }
      for (guint st = 0; st < sim->n_stages; st++)
        {
          guint64 bit = G_GUINT64_CONSTANT (1) << st;

          if (ls->reached & bit)
            s->stages[st].reached++;
          if (ls->advanced & bit)
            s->stages[st].advanced++;
        }
      if (ls->stage >= 0)
        s->stages[ls->stage].current++;

      for (guint f = 0; f < 2; f++)
        {
          figures[f]->leads++;
          figures[f]->mql += mql;
          figures[f]->converted += converted;
          figures[f]->customers += won;
        }

      s->mql += mql;
      s->converted += converted;
      s->disqualified += (ls->flags & F_DISQUALIFIED) != 0;
      s->recycled += (ls->flags & F_RECYCLED) != 0;

      if (ls->flags & F_ROUTED)
        {
          s->routed++;
          s->reps[ls->routed_rep].routed++;
          if (ls->flags & F_FALLBACK)
            s->fallback++;
        }
      if (ls->owner >= 0)
        s->reps[ls->owner].owned++;

      if (ls->flags & F_TOUCHED)
        {
          s->touched++;
          s->reps[ls->owner].touched++;
          keys[n_keys++] = (guint64) (ls->first_touch_at - ls->assigned_at);
        }

      if (ls->policy >= 0)
        {
          LwSimSlaFigures *p = &s->policies[ls->policy];

          p->leads++;
          if (ls->flags & F_BREACHED)
            {
              p->breached++;
              s->reps[ls->sla_rep].breached++;
            }
          else if (ls->flags & F_TOUCHED)
            {
              p->met++;
              s->reps[ls->sla_rep].met++;
            }
          else
            p->pending++;
          p->warned += (ls->flags & F_WARNED) != 0;
          p->escalated += ls->escalations > 0;
          p->reassigned += ls->reassignments > 0;
        }
    }

  for (guint st = 0; st < sim->n_stages; st++)
    s->stages[st].conversion = st + 1 < sim->n_stages && s->stages[st].reached > 0
                               ? (double) s->stages[st].advanced / s->stages[st].reached : -1;

  sort_keys_with (keys, n_keys, 33, scratch);
  s->ttft_p50 = percentile (keys, n_keys, 50);
  s->ttft_p90 = percentile (keys, n_keys, 90);

  n_keys = 0;
  for (guint32 id = 1; id <= sim->n_created; id++)
    {
      const Lead *ls = get_lead (sim, id);

      if (ls->policy >= 0 && (ls->flags & F_TOUCHED))
        keys[n_keys++] = ((guint64) ls->policy << 32) | (guint32) ls->ttft;
    }
  sort_keys_with (keys, n_keys, 40, scratch);
  for (gsize i = 0; i < n_keys;)
    {
      guint policy = (guint) (keys[i] >> 32);
      gsize j = i;

      while (j < n_keys && (keys[j] >> 32) == policy)
        j++;
      s->policies[policy].ttft_p50 = percentile (&keys[i], j - i, 50);
      s->policies[policy].ttft_p90 = percentile (&keys[i], j - i, 90);
      i = j;
    }

  for (guint p = 0; p < n_policies; p++)
    {
      LwSimSlaFigures *f = &s->policies[p];

      f->compliance = f->met + f->breached > 0 ? 100.0 * f->met / (f->met + f->breached) : -1;
      s->sla.leads += f->leads;
      s->sla.met += f->met;
      s->sla.breached += f->breached;
      s->sla.pending += f->pending;
      s->sla.warned += f->warned;
      s->sla.escalated += f->escalated;
      s->sla.reassigned += f->reassigned;
    }
  s->sla.compliance = s->sla.met + s->sla.breached > 0
                      ? 100.0 * s->sla.met / (s->sla.met + s->sla.breached) : -1;
  {
    /* Every policy's clock together. */
    for (gsize i = 0; i < n_keys; i++)
      keys[i] &= G_MAXUINT32;
    sort_keys_with (keys, n_keys, 33, scratch);
    s->sla.ttft_p50 = percentile (keys, n_keys, 50);
    s->sla.ttft_p90 = percentile (keys, n_keys, 90);
  }

  s->warnings = sim->kind_counts[LW_EVENT_SLA_WARNING];
  s->breaches = sim->kind_counts[LW_EVENT_SLA_BREACH];
  s->escalations = sim->kind_counts[LW_EVENT_ESCALATED];
  s->reassignments = sim->kind_counts[LW_EVENT_REASSIGNED];
  sim->has_summary = TRUE;
}

const LwSimSummary *
lw_simulation_get_summary (LwSimulation *sim)
{
  g_return_val_if_fail (sim != NULL, NULL);
  g_return_val_if_fail (sim->has_summary, NULL);
  return &sim->summary;
}

/* ---- running ------------------------------------------------------------------------------ */

typedef struct
{
  GCancellable      *cancellable;
  LwSimProgressFunc  progress;
  gpointer           progress_data;
  gint64             wall_start;
  gint64             last_progress;
  gint64             last_flush;
  guint              flushed_leads;  /* leads made at the last flush */
} Run;

struct _LwSimPause
{
  gatomicrefcount ref_count;
  int             requested;   /* atomic: what the run loop reads */
  GMutex          mutex;
  GCond           cond;
  gboolean        paused;      /* under mutex */
  gboolean        parked;      /* under mutex */
};

LwSimPause *
lw_sim_pause_new (void)
{
  LwSimPause *pause = g_new0 (LwSimPause, 1);

  g_atomic_ref_count_init (&pause->ref_count);
  g_mutex_init (&pause->mutex);
  g_cond_init (&pause->cond);
  return pause;
}

LwSimPause *
lw_sim_pause_ref (LwSimPause *pause)
{
  g_return_val_if_fail (pause != NULL, NULL);

  g_atomic_ref_count_inc (&pause->ref_count);
  return pause;
}

void
lw_sim_pause_unref (LwSimPause *pause)
{
  g_return_if_fail (pause != NULL);

  if (!g_atomic_ref_count_dec (&pause->ref_count))
    return;
  g_mutex_clear (&pause->mutex);
  g_cond_clear (&pause->cond);
  g_free (pause);
}

void
lw_sim_pause_set_paused (LwSimPause *pause,
                         gboolean    paused)
{
  g_return_if_fail (pause != NULL);

  g_mutex_lock (&pause->mutex);
  pause->paused = !!paused;
  g_atomic_int_set (&pause->requested, pause->paused);
  g_cond_broadcast (&pause->cond);
  g_mutex_unlock (&pause->mutex);
}

gboolean
lw_sim_pause_get_paused (LwSimPause *pause)
{
  g_return_val_if_fail (pause != NULL, FALSE);

  return g_atomic_int_get (&pause->requested);
}

gboolean
lw_sim_pause_is_parked (LwSimPause *pause)
{
  gboolean parked;

  g_return_val_if_fail (pause != NULL, FALSE);

  g_mutex_lock (&pause->mutex);
  parked = pause->parked;
  g_mutex_unlock (&pause->mutex);
  return parked;
}

void
lw_simulation_set_pause (LwSimulation *sim,
                         LwSimPause   *pause)
{
  g_return_if_fail (sim != NULL);
  g_return_if_fail (!sim->ran);

  if (pause != NULL)
    lw_sim_pause_ref (pause);
  g_clear_pointer (&sim->pause, lw_sim_pause_unref);
  sim->pause = pause;
}

static inline gboolean
pause_requested (const LwSimulation *sim)
{
  return G_UNLIKELY (sim->pause != NULL && g_atomic_int_get (&sim->pause->requested));
}

static void
wake_parked_cb (GCancellable *cancellable,
                gpointer      user_data)
{
  LwSimPause *pause = user_data;

  g_mutex_lock (&pause->mutex);
  g_cond_broadcast (&pause->cond);
  g_mutex_unlock (&pause->mutex);
}

static void
report_progress (LwSimulation *sim,
                 Run          *run,
                 gint32        t,
                 gboolean      force)
{
  gint64 now;

  if (run->progress == NULL)
    return;
  now = g_get_monotonic_time ();
  if (!force && now - run->last_progress < PROGRESS_US)
    return;
  run->last_progress = now;
  run->progress (abs_time (sim, MIN (t, sim->horizon)), sim->n_created, sim->n_leads,
                 run->progress_data);
}

/* Hands the sink everything so far, then waits while @sim's pause holds
 * (between two events: no store call is under way, so no lock is held).
 * The wall-clock time spent parked is added to the run's start, so a paced
 * run's simulated clock stands still meanwhile. FALSE when cancelled. */
static gboolean
park (LwSimulation *sim,
      Run          *run,
      gint32        t)
{
  LwSimPause *pause = sim->pause;
  gint64 parked_at;
  gulong handler = 0;

  flush_events (sim);
  emit_dirty_leads (sim);
  if (sim->sink_error == NULL && sim->sink != NULL && sim->sink->flush != NULL)
    sim->sink->flush (sim->sink->user_data, &sim->sink_error);
  report_progress (sim, run, t, TRUE);

  parked_at = g_get_monotonic_time ();
  if (run->cancellable != NULL)
    handler = g_cancellable_connect (run->cancellable, G_CALLBACK (wake_parked_cb), pause, NULL);
  g_mutex_lock (&pause->mutex);
  pause->parked = TRUE;
  while (pause->paused && !g_cancellable_is_cancelled (run->cancellable))
    g_cond_wait (&pause->cond, &pause->mutex);
  pause->parked = FALSE;
  g_mutex_unlock (&pause->mutex);
  if (handler != 0)
    g_cancellable_disconnect (run->cancellable, handler);

  run->wall_start += g_get_monotonic_time () - parked_at;
  run->last_flush = g_get_monotonic_time ();
  return !g_cancellable_is_cancelled (run->cancellable);
}

/* Paced mode: waits until the wall clock catches up with simulated time
 * @t, handing what happened so far to the sink first. FALSE when
 * cancelled while waiting. */
static gboolean
pace (LwSimulation *sim,
      Run          *run,
      gint32        t)
{
  gint64 target = run->wall_start + (gint64) ((double) t / sim->options.speed * G_USEC_PER_SEC);
  gint64 now = g_get_monotonic_time ();

  if (now >= target)
    return TRUE;

  flush_events (sim);
  emit_dirty_leads (sim);
  while (now < target)
    {
      if (g_cancellable_is_cancelled (run->cancellable))
        return FALSE;
      if (pause_requested (sim))
        {
          if (!park (sim, run, t))
            return FALSE;
          target = run->wall_start + (gint64) ((double) t / sim->options.speed * G_USEC_PER_SEC);
        }
      report_progress (sim, run, t, FALSE);
      now = g_get_monotonic_time ();
      if (now < target)
        g_usleep ((gulong) MIN (PACE_SLICE_US, target - now));
      now = g_get_monotonic_time ();
    }
  return TRUE;
}

/* A fast run with flush_seconds: hands the sink what changed once that
 * much wall-clock time went by since the last time and the run has made
 * twice the leads it had then. A lead changes until the run ends, so each
 * flush hands over about every lead made so far: with the leads doubling
 * between flushes, all of them together hand over at most about as many
 * leads as the run has, however long it runs. */
static void
maybe_flush (LwSimulation *sim,
             Run          *run)
{
  gint64 now;

  if (sim->options.speed > 0 || sim->options.flush_seconds <= 0 || sim->dirty == NULL)
    return;
  if (sim->n_created < 2 * run->flushed_leads)
    return;
  now = g_get_monotonic_time ();
  if (now - run->last_flush < (gint64) (sim->options.flush_seconds * G_USEC_PER_SEC))
    return;
  flush_events (sim);
  emit_dirty_leads (sim);
  run->flushed_leads = sim->n_created;
  run->last_flush = g_get_monotonic_time ();
}

/* Whether @condition reads only properties that sim->light_lead holds as
 * materialize() would set them; adds the generated ones it reads to
 * sim->light_gen. */
static gboolean
add_light_properties (LwSimulation      *sim,
                      const LwCondition *condition,
                      gboolean          *wanted)
{
  if (condition == NULL)
    return TRUE;
  for (guint i = 0; i < condition->groups->len; i++)
    {
      const LwFilterGroup *group = g_ptr_array_index (condition->groups, i);

      for (guint j = 0; j < group->filters->len; j++)
        {
          const LwFilter *filter = g_ptr_array_index (group->filters, j);
          int prop = filter->prop_index;

          if (prop < 0 || (guint) prop >= sim->lead->n_values)
            return FALSE;
          if (prop < LW_N_BUILTINS)
            continue;
          /* materialize() sets the email and its domain's properties
           * last, from the email: the light lead has neither. */
          if (prop == sim->email_prop)
            return FALSE;
          for (guint d = 0; d < sim->n_domain_props; d++)
            if (sim->domain_props[d] == prop)
              return FALSE;
          wanted[prop] = TRUE;
        }
    }
  return TRUE;
}

/* Decides whether the lifecycle and the SLA policies can read the light
 * lead (prepare_light_lead()) and which generated values it needs. */
static void
setup_light_lead (LwSimulation *sim)
{
  const LwConfig *config = sim->config;
  g_autofree gboolean *wanted = g_new0 (gboolean, sim->lead->n_values);
  gboolean ok = TRUE;

  for (guint i = 0; ok && i < config->stages->len; i++)
    ok = add_light_properties (sim, ((const LwStage *) g_ptr_array_index (config->stages, i))->entry,
                               wanted);
  for (guint i = 0; ok && i < config->policies->len; i++)
    ok = add_light_properties (sim,
                               ((const LwSlaPolicy *) g_ptr_array_index (config->policies, i))->when,
                               wanted);
  sim->light_ok = ok;

  /* Whether stage_key() holds all that the lifecycle's decision reads. */
  sim->stage_keyed = TRUE;
  for (guint i = 0; i < config->stages->len; i++)
    {
      const LwCondition *entry = ((const LwStage *) g_ptr_array_index (config->stages, i))->entry;

      for (guint g = 0; entry != NULL && g < entry->groups->len; g++)
        {
          const LwFilterGroup *group = g_ptr_array_index (entry->groups, g);

          for (guint j = 0; j < group->filters->len; j++)
            {
              int prop = ((const LwFilter *) g_ptr_array_index (group->filters, j))->prop_index;

              if (prop < 0 || prop == LW_BUILTIN_FIT_SCORE || prop == LW_BUILTIN_ENGAGEMENT_SCORE ||
                  prop == LW_BUILTIN_TOTAL_SCORE || prop == LW_BUILTIN_GRADE)
                sim->stage_keyed = FALSE;
            }
        }
    }

  if (!ok)
    return;

  /* In sim->gen's order, as materialize() sets them. */
  sim->light_gen = g_new (guint, MAX (sim->n_gen, 1));
  for (guint k = 0; k < sim->n_gen; k++)
    if (wanted[sim->gen[k].prop])
      sim->light_gen[sim->n_light_gen++] = k;
  sim->light_lead = make_lead (sim);
}

static void
allocate_run (LwSimulation *sim)
{
  gsize n = MAX (sim->n_leads, 1);

  sim->leads_size = n * sizeof (Lead);
  sim->leads = big_alloc (sim->leads_size);
  sim->cat_size = n * MAX (sim->n_cat, 1) * sizeof (guint16);
  sim->cat_values = big_alloc (sim->cat_size);
  sim->num_size = n * MAX (sim->n_num, 1) * sizeof (float);
  sim->num_values = big_alloc (sim->num_size);
  sim->stage_entries = g_array_new (FALSE, FALSE, sizeof (StageEntry));
  if (sim->n_static > 0)
    sim->static_results = g_new0 (guint16, n);
  sim->activities = g_array_sized_new (FALSE, FALSE, sizeof (PackedActivity), (guint) MIN (n * 3, G_MAXUINT / 2));
  queue_init (sim, n);
  sim->clocks = g_array_new (FALSE, FALSE, sizeof (Clock));
  sim->business = g_new0 (LwBusinessTable *, MAX (sim->n_reps, 1));
  sim->routing = lw_routing_state_new (sim->config);
  sim->lead = make_lead (sim);
  setup_light_lead (sim);
  if (sim->score_builtins_only)
    sim->score_lead = make_lead (sim);
  if (sim->options.speed > 0 ||
      (sim->options.flush_seconds > 0 && sim->sink != NULL && sim->sink->leads_ready != NULL))
    sim->dirty = g_array_new (FALSE, FALSE, sizeof (guint32));
  if (sim->trace_all || sim->trace != NULL)
    {
      sim->kept = g_array_new (FALSE, FALSE, sizeof (LwEvent));
      sim->texts = g_string_chunk_new (4096);
    }
}

static gboolean
run_simulation (LwSimulation      *sim,
                const LwSimSink   *sink,
                GCancellable      *cancellable,
                LwSimProgressFunc  progress,
                gpointer           progress_data,
                GError           **error)
{
  Run run = { cancellable, progress, progress_data, g_get_monotonic_time (), 0, g_get_monotonic_time (), 0 };
  guint32 next_arrival = 1;
  guint turns = 0;
  gint32 t = 0;
  gboolean cancelled = FALSE;

  sim->ran = TRUE;
  sim->sink = sink;
  allocate_run (sim);
  if (!generate_arrivals (sim, error))
    {
      compute_summary (sim, FALSE);
      return FALSE;
    }

  while (TRUE)
    {
      guint32 id;
      gboolean arrival;
      gint32 next;
      guint64 top;
      gboolean waiting = queue_peek (sim, &top);

      /* The next lead to come is most likely a child of the top, the one
       * after it a grandchild: fetch their records, and the children's
       * next activities, while this one is processed (see queue_push()). */
      for (guint c = 3; c <= 6 && c < sim->near_len; c++)
        prefetch_lead (sim, heap_key_lead (sim->near[c]));
      for (guint c = 1; c <= 2 && c < sim->near_len; c++)
        prefetch_activity (sim, heap_key_lead (sim->near[c]));

      if (next_arrival <= sim->n_leads &&
          (!waiting || heap_key (get_lead (sim, next_arrival)->created, next_arrival) < top))
        {
          id = next_arrival++;
          t = get_lead (sim, id)->created;
          arrival = TRUE;
        }
      else if (waiting)
        {
          /* The lead stays at the top while it is processed: nothing
           * else changes the queue meanwhile (see the top of this file). */
          id = heap_key_lead (top);
          t = heap_key_time (top);
          arrival = FALSE;
        }
      else
        break;

      if (++turns % CHECK_EVERY == 0)
        {
          if (g_cancellable_is_cancelled (cancellable))
            {
              cancelled = TRUE;
              break;
            }
          report_progress (sim, &run, t, FALSE);
          maybe_flush (sim, &run);
        }
      if (pause_requested (sim) && !park (sim, &run, t))
        {
          cancelled = TRUE;
          break;
        }
      if (sim->options.speed > 0 && !pace (sim, &run, t))
        {
          cancelled = TRUE;
          break;
        }

      if (arrival)
        create_lead (sim, id);
      else
        process_lead (sim, id, t);

      next = next_timer (sim, get_lead (sim, id));
      if (arrival && next < sim->horizon)
        queue_push (sim, heap_key (next, id));
      else if (!arrival && next < sim->horizon)
        queue_replace_top (sim, heap_key (next, id));
      else if (!arrival)
        queue_pop (sim);
      if (sim->dirty != NULL && !(get_lead (sim, id)->flags & F_DIRTY))
        {
          get_lead (sim, id)->flags |= F_DIRTY;
          g_array_append_val (sim->dirty, id);
        }
      if (sim->sink_error != NULL)
        break;
    }

  if (cancelled || g_cancellable_is_cancelled (cancellable))
    {
      /* A run that sends leads as it goes leaves its sink the leads it
       * made, as they stand. */
      if (sim->dirty != NULL)
        {
          flush_events (sim);
          emit_dirty_leads (sim);
        }
      compute_summary (sim, FALSE);
      g_cancellable_set_error_if_cancelled (cancellable, error);
      return FALSE;
    }

  flush_events (sim);
  if (sim->dirty != NULL)
    emit_dirty_leads (sim);
  else
    emit_leads (sim, NULL, 1, sim->n_created);

  compute_summary (sim, sim->sink_error == NULL);
  if (sim->sink_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&sim->sink_error));
      return FALSE;
    }
  report_progress (sim, &run, sim->horizon, TRUE);
  return TRUE;
}

gboolean
lw_simulation_run (LwSimulation      *sim,
                   const LwSimSink   *sink,
                   GCancellable      *cancellable,
                   LwSimProgressFunc  progress,
                   gpointer           progress_data,
                   GError           **error)
{
  g_return_val_if_fail (sim != NULL, FALSE);
  g_return_val_if_fail (!sim->ran, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return run_simulation (sim, sink, cancellable, progress, progress_data, error);
}

/* ---- figures and the report ------------------------------------------------------------ */

void
lw_sim_figure_free (LwSimFigure *figure)
{
  if (figure == NULL)
    return;
  g_free (figure->key);
  g_free (figure->label);
  g_free (figure);
}

static void add_figure (GPtrArray  *list,
                        double      value,
                        const char *key,
                        const char *label,
                        ...) G_GNUC_PRINTF (4, 5);

/* Adds a figure; @label is a format. */
static void
add_figure (GPtrArray  *list,
            double      value,
            const char *key,
            const char *label,
            ...)
{
  LwSimFigure *figure = g_new0 (LwSimFigure, 1);
  va_list args;

  va_start (args, label);
  figure->label = g_strdup_vprintf (label, args);
  va_end (args);
  figure->key = g_strdup (key);
  figure->value = value;
  g_ptr_array_add (list, figure);
}

static double
ratio (double part,
       double whole)
{
  return whole > 0 ? 100.0 * part / whole : NAN;
}

static double
minutes_or_nan (gint64 seconds)
{
  return seconds >= 0 ? seconds / 60.0 : NAN;
}

static double
percent_or_nan (double value)
{
  return value >= 0 ? value : NAN;
}

static void
add_sla_figures (GPtrArray             *list,
                 const char            *prefix,
                 const char            *name,
                 const LwSimSlaFigures *f)
{
  g_autofree char *k = NULL;

#define KEY(suffix) (g_free (k), k = g_strconcat (prefix, suffix, NULL))
  /* translators: %s is an SLA policy's label, or "all policies" */
  add_figure (list, f->leads, KEY (".leads"), _("SLA %s: leads on the clock"), name);
  add_figure (list, f->met, KEY (".met"), _("SLA %s: met"), name);
  add_figure (list, f->breached, KEY (".breached"), _("SLA %s: breached"), name);
  add_figure (list, f->pending, KEY (".pending"), _("SLA %s: pending"), name);
  add_figure (list, percent_or_nan (f->compliance), KEY (".compliance"),
              _("SLA %s: compliance (%%)"), name);
  add_figure (list, minutes_or_nan (f->ttft_p50), KEY (".ttft_p50"),
              _("SLA %s: time to first touch, median (minutes)"), name);
  add_figure (list, minutes_or_nan (f->ttft_p90), KEY (".ttft_p90"),
              _("SLA %s: time to first touch, 90th percentile (minutes)"), name);
  add_figure (list, f->escalated, KEY (".escalated"), _("SLA %s: leads escalated"), name);
  add_figure (list, f->reassigned, KEY (".reassigned"), _("SLA %s: leads reassigned"), name);
#undef KEY
}

static void
add_source_figures (GPtrArray                *list,
                    const char               *prefix,
                    const char               *name,
                    const LwSimSourceFigures *f)
{
  g_autofree char *k = NULL;

#define KEY(suffix) (g_free (k), k = g_strconcat (prefix, suffix, NULL))
  /* translators: %s is a lead source or an entry point */
  add_figure (list, f->leads, KEY (".leads"), _("%s: leads"), name);
  add_figure (list, f->mql, KEY (".mql"), _("%s: MQLs"), name);
  add_figure (list, ratio (f->mql, f->leads), KEY (".mql_rate"), _("%s: MQL rate (%%)"), name);
  add_figure (list, f->converted, KEY (".qualified"), _("%s: qualified by sales"), name);
  add_figure (list, f->customers, KEY (".won"), _("%s: deals won"), name);
#undef KEY
}

static const char *
label_or_id (const char *label,
             const char *id)
{
  return label != NULL && *label != '\0' ? label : id;
}

GPtrArray *
lw_sim_summary_figures (const LwSimSummary *s,
                        const LwConfig     *config,
                        const LwScenario   *scenario)
{
  GPtrArray *list;
  const LwProperty *source;

  g_return_val_if_fail (s != NULL, NULL);
  g_return_val_if_fail (config != NULL, NULL);
  g_return_val_if_fail (scenario != NULL, NULL);
  g_return_val_if_fail (s->n_stages == config->stages->len, NULL);
  g_return_val_if_fail (s->n_policies == config->policies->len, NULL);
  g_return_val_if_fail (s->n_reps == config->reps->len, NULL);
  g_return_val_if_fail (s->n_entry_points == scenario->entry_points->len, NULL);

  list = g_ptr_array_new_with_free_func ((GDestroyNotify) lw_sim_figure_free);
  source = lw_config_builtin (config, LW_BUILTIN_SOURCE);

  add_figure (list, s->leads, "leads", _("Leads"));
  add_figure (list, (double) s->events, "events", _("Events"));
  add_figure (list, s->mql, "mql", _("MQLs"));
  add_figure (list, ratio (s->mql, s->leads), "mql_rate", _("MQL rate (%% of leads)"));
  add_figure (list, s->routed, "routed", _("Leads routed"));
  add_figure (list, s->fallback, "fallback", _("Leads at the fallback owner"));
  add_figure (list, ratio (s->fallback, s->routed), "fallback_share",
              _("Routed leads at the fallback owner (%%)"));
  add_figure (list, s->touched, "touched", _("Leads touched"));
  add_figure (list, minutes_or_nan (s->ttft_p50), "ttft_p50",
              _("Time to first touch, median (calendar minutes)"));
  add_figure (list, minutes_or_nan (s->ttft_p90), "ttft_p90",
              _("Time to first touch, 90th percentile (calendar minutes)"));
  add_figure (list, s->converted, "qualified", _("Qualified by sales"));
  add_figure (list, ratio (s->converted, s->routed), "qualified_rate",
              _("Qualified by sales (%% of leads routed)"));
  add_figure (list, s->disqualified, "disqualified", _("Disqualified"));
  add_figure (list, s->recycled, "recycled", _("Recycled"));
  add_figure (list, s->warnings, "sla.warnings", _("SLA warnings"));
  add_figure (list, s->breaches, "sla.breaches", _("SLA breaches"));
  add_figure (list, s->escalations, "sla.escalations", _("Escalations to a manager"));
  add_figure (list, s->reassignments, "sla.reassignments", _("Reassignments"));
  add_sla_figures (list, "sla.all", _("all policies"), &s->sla);

  for (guint i = 0; i < s->n_stages; i++)
    {
      const LwStage *stage = g_ptr_array_index (config->stages, i);
      const char *name = label_or_id (stage->label, stage->id);
      g_autofree char *prefix = g_strconcat ("funnel.", stage->id, NULL);
      g_autofree char *k = NULL;

#define KEY(suffix) (g_free (k), k = g_strconcat (prefix, suffix, NULL))
      /* translators: %s is a lifecycle stage */
      add_figure (list, s->stages[i].reached, KEY (".reached"), _("Funnel %s: reached"), name);
      add_figure (list, s->stages[i].entered, KEY (".entered"), _("Funnel %s: entered"), name);
      add_figure (list, s->stages[i].advanced, KEY (".advanced"), _("Funnel %s: moved on"), name);
      add_figure (list, s->stages[i].current, KEY (".current"), _("Funnel %s: in it at the end"),
                  name);
      add_figure (list, s->stages[i].conversion >= 0 ? 100.0 * s->stages[i].conversion : NAN,
                  KEY (".conversion"), _("Funnel %s: moved on to a later stage (%%)"), name);
#undef KEY
    }

  for (guint i = 0; i < s->n_policies; i++)
    {
      const LwSlaPolicy *policy = g_ptr_array_index (config->policies, i);
      g_autofree char *prefix = g_strconcat ("sla.policy.", policy->id, NULL);

      add_sla_figures (list, prefix, label_or_id (policy->label, policy->id), &s->policies[i]);
    }

  for (guint i = 0; i < s->n_reps; i++)
    {
      const LwRep *rep = g_ptr_array_index (config->reps, i);
      const char *name = label_or_id (rep->name, rep->id);
      g_autofree char *prefix = g_strconcat ("rep.", rep->id, NULL);
      g_autofree char *k = NULL;

#define KEY(suffix) (g_free (k), k = g_strconcat (prefix, suffix, NULL))
      /* translators: %s is a rep's name */
      add_figure (list, s->reps[i].routed, KEY (".routed"), _("%s: leads routed"), name);
      add_figure (list, s->reps[i].owned, KEY (".owned"), _("%s: leads owned at the end"), name);
      add_figure (list, s->reps[i].touched, KEY (".touched"), _("%s: first touches"), name);
      add_figure (list, s->reps[i].met, KEY (".met"), _("%s: SLAs met"), name);
      add_figure (list, s->reps[i].breached, KEY (".breached"), _("%s: SLAs breached"), name);
#undef KEY
    }

  for (guint i = 0; i < s->n_sources && i < source->options->len; i++)
    {
      const LwOption *option = g_ptr_array_index (source->options, i);
      g_autofree char *prefix = g_strconcat ("source.", option->value, NULL);
      /* translators: %s is a lead source ("Form") */
      g_autofree char *name = g_strdup_printf (_("Source %s"),
                                               label_or_id (option->label, option->value));

      add_source_figures (list, prefix, name, &s->sources[i]);
    }

  for (guint i = 0; i < s->n_entry_points; i++)
    {
      const LwEntryPoint *entry = g_ptr_array_index (scenario->entry_points, i);
      g_autofree char *prefix = g_strconcat ("entry.", entry->id, NULL);
      /* translators: %s is an entry point of the scenario ("Web forms") */
      g_autofree char *name = g_strdup_printf (_("Entry point %s"),
                                               label_or_id (entry->label, entry->id));

      add_source_figures (list, prefix, name, &s->entry_points[i]);
    }

  return list;
}

static void
append_source_rows (GString                  *out,
                    const char               *title,
                    const LwSimSourceFigures *figures,
                    guint                     n,
                    const char * const       *names)
{
  const char *header[4] = { _("Leads"), _("MQLs"), _("Qualified"), _("Won") };

  g_string_append_printf (out, "\n%s\n", title);
  lw_text_append_row (out, "", 30, header, 4, 11);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *leads = NULL, *mql = NULL, *qualified = NULL, *won = NULL;
      const char *cells[4];

      if (figures[i].leads == 0)
        continue;
      cells[0] = leads = lw_format_count (figures[i].leads);
      cells[1] = mql = lw_format_count (figures[i].mql);
      cells[2] = qualified = lw_format_count (figures[i].converted);
      cells[3] = won = lw_format_count (figures[i].customers);
      lw_text_append_row (out, names[i], 30, cells, 4, 11);
    }
}

char *
lw_sim_summary_format (const LwSimSummary *s,
                       const LwConfig     *config,
                       const LwScenario   *scenario)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *from = NULL, *to = NULL, *leads = NULL, *events = NULL;
  g_autofree char *p50 = NULL, *p90 = NULL, *fallback_share = NULL;
  g_autofree const char **names = NULL;
  const LwProperty *source;

  g_return_val_if_fail (s != NULL, NULL);
  g_return_val_if_fail (config != NULL, NULL);
  g_return_val_if_fail (scenario != NULL, NULL);
  g_return_val_if_fail (s->n_stages == config->stages->len, NULL);
  g_return_val_if_fail (s->n_reps == config->reps->len, NULL);
  g_return_val_if_fail (s->n_policies == config->policies->len, NULL);
  g_return_val_if_fail (s->n_entry_points == scenario->entry_points->len, NULL);

  source = lw_config_builtin (config, LW_BUILTIN_SOURCE);
  from = lw_time_format_iso8601 (s->start);
  to = lw_time_format_iso8601 (s->end);
  leads = lw_format_count (s->leads);
  events = lw_format_count (s->events);

  /* translators: lead count, start, end and event count of a simulation */
  g_string_append_printf (out, _("Simulated %s leads from %s to %s: %s events.\n"),
                          leads, from, to, events);
  if (!s->finished)
    g_string_append (out, _("The run did not finish: the figures cover the leads so far.\n"));

  g_string_append_printf (out, "\n%s\n", _("Funnel"));
  {
    const char *header[4] = { _("Reached"), _("Entered"), _("Now in"), _("Moved on") };
    lw_text_append_row (out, "", 30, header, 4, 11);
  }
  for (guint i = 0; i < s->n_stages; i++)
    {
      const LwStage *stage = g_ptr_array_index (config->stages, i);
      g_autofree char *reached = lw_format_count (s->stages[i].reached);
      g_autofree char *entered = lw_format_count (s->stages[i].entered);
      g_autofree char *current = lw_format_count (s->stages[i].current);
      g_autofree char *conversion = lw_format_percent (s->stages[i].conversion >= 0
                                                 ? 100.0 * s->stages[i].conversion : -1);
      const char *cells[4] = { reached, entered, current, conversion };

      lw_text_append_row (out, label_or_id (stage->label, stage->id), 30, cells, 4, 11);
    }
  {
    g_autofree char *mql = lw_format_count (s->mql);
    g_autofree char *mql_rate = lw_format_percent (s->leads > 0 ? 100.0 * s->mql / s->leads : -1);
    g_autofree char *qualified = lw_format_count (s->converted);
    g_autofree char *disqualified = lw_format_count (s->disqualified);
    g_autofree char *recycled = lw_format_count (s->recycled);

    /* translators: MQL count and rate, then counts of leads */
    g_string_append_printf (out, _("MQLs: %s (%s of leads). Qualified by sales: %s. "
                                   "Disqualified: %s. Recycled: %s.\n"),
                            mql, mql_rate, qualified, disqualified, recycled);
  }

  {
    g_autofree char *routed = lw_format_count (s->routed);
    g_autofree char *fallback = lw_format_count (s->fallback);
    const char *header[5] = { _("Routed"), _("Owns"), _("Touched"), _("SLA met"), _("Breached") };

    fallback_share = lw_format_percent (s->routed > 0 ? 100.0 * s->fallback / s->routed : -1);
    g_string_append_printf (out, "\n%s\n", _("Routing"));
    /* translators: counts of leads, then a percentage */
    g_string_append_printf (out, _("  %s leads routed; %s (%s) ended at the fallback owner.\n"),
                            routed, fallback, fallback_share);
    lw_text_append_row (out, "", 30, header, 5, 11);
    for (guint i = 0; i < s->n_reps; i++)
      {
        const LwRep *rep = g_ptr_array_index (config->reps, i);
        g_autofree char *c0 = lw_format_count (s->reps[i].routed);
        g_autofree char *c1 = lw_format_count (s->reps[i].owned);
        g_autofree char *c2 = lw_format_count (s->reps[i].touched);
        g_autofree char *c3 = lw_format_count (s->reps[i].met);
        g_autofree char *c4 = lw_format_count (s->reps[i].breached);
        const char *cells[5] = { c0, c1, c2, c3, c4 };

        if (s->reps[i].routed + s->reps[i].owned + s->reps[i].touched == 0)
          continue;
        lw_text_append_row (out, label_or_id (rep->name, rep->id), 30, cells, 5, 11);
      }
  }

  g_string_append_printf (out, "\n%s\n", _("First-touch SLAs"));
  {
    const char *header[6] = {
      _("Leads"), _("Met"), _("Breached"), _("Pending"), _("Compliance"), _("Median TTFT")
    };
    lw_text_append_row (out, "", 30, header, 6, 11);
  }
  for (guint i = 0; i <= s->n_policies; i++)
    {
      const LwSimSlaFigures *f = i < s->n_policies ? &s->policies[i] : &s->sla;
      const LwSlaPolicy *policy = i < s->n_policies ? g_ptr_array_index (config->policies, i)
                                                    : NULL;
      g_autofree char *c0 = lw_format_count (f->leads);
      g_autofree char *c1 = lw_format_count (f->met);
      g_autofree char *c2 = lw_format_count (f->breached);
      g_autofree char *c3 = lw_format_count (f->pending);
      g_autofree char *c4 = lw_format_percent (f->compliance);
      g_autofree char *c5 = lw_format_duration (f->ttft_p50);
      const char *cells[6] = { c0, c1, c2, c3, c4, c5 };

      lw_text_append_row (out, policy != NULL ? label_or_id (policy->label, policy->id)
                                              : _("All policies"), 30, cells, 6, 11);
    }
  p50 = lw_format_duration (s->ttft_p50);
  p90 = lw_format_duration (s->ttft_p90);
  {
    g_autofree char *warnings = lw_format_count (s->warnings);
    g_autofree char *breaches = lw_format_count (s->breaches);
    g_autofree char *escalations = lw_format_count (s->escalations);
    g_autofree char *reassignments = lw_format_count (s->reassignments);

    /* translators: counts of SLA events, with digits grouped as the
     * tables above group them */
    g_string_append_printf (out, _("  Warnings: %s. Breaches: %s. Escalations to a manager: %s. "
                                   "Reassignments: %s.\n"),
                            warnings, breaches, escalations, reassignments);
  }
  /* translators: two durations */
  g_string_append_printf (out, _("  Time to first touch (calendar): median %s, 90th percentile %s.\n"),
                          p50, p90);

  names = g_new0 (const char *, MAX (MAX (s->n_sources, s->n_entry_points), 1));
  for (guint i = 0; i < s->n_sources && i < source->options->len; i++)
    {
      const LwOption *option = g_ptr_array_index (source->options, i);
      names[i] = label_or_id (option->label, option->value);
    }
  append_source_rows (out, _("Sources"), s->sources, MIN (s->n_sources, source->options->len),
                      names);
  for (guint i = 0; i < s->n_entry_points; i++)
    {
      const LwEntryPoint *entry = g_ptr_array_index (scenario->entry_points, i);
      names[i] = label_or_id (entry->label, entry->id);
    }
  append_source_rows (out, _("Entry points"), s->entry_points, s->n_entry_points, names);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* ---- explain ---------------------------------------------------------------------------- */

static void
free_story_entry (LwSimStoryEntry *entry)
{
  g_free (entry->text);
  g_clear_pointer (&entry->details, g_ptr_array_unref);
  g_free (entry);
}

void
lw_sim_story_free (LwSimStory *story)
{
  if (story == NULL)
    return;
  g_free (story->title);
  g_clear_pointer (&story->properties, g_ptr_array_unref);
  g_clear_pointer (&story->entries, g_ptr_array_unref);
  g_free (story);
}

static const char *
rep_name (LwSimulation *sim,
          int           index)
{
  const LwRep *rep = get_rep (sim, index);

  if (rep == NULL)
    return _("nobody");
  return label_or_id (rep->name, rep->id);
}

static void
add_lines (GPtrArray  *details,
           const char *text)
{
  g_auto(GStrv) lines = NULL;

  if (text == NULL || *text == '\0')
    return;
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    g_ptr_array_add (details, g_strdup (lines[i]));
}

/* "SLA “Demo”: warning at ..., deadline at ..., escalation 1 (...) at ..." */
static void
add_sla_details (LwSimulation *sim,
                 const Lead   *ls,
                 int           owner,
                 LwTime        start,
                 GPtrArray    *details)
{
  const LwSlaPolicy *policy = get_policy (sim, ls);
  g_autoptr(GString) text = NULL;
  g_autofree char *deadline = NULL;
  LwSlaTimes times;

  if (policy == NULL || owner < 0)
    {
      if (ls->flags & F_ROUTED && policy == NULL)
        g_ptr_array_add (details, g_strdup (_("No SLA policy applies to this lead.")));
      return;
    }

  lw_sla_compute (policy, get_rep (sim, owner), start, NULL, 0, &times);
  deadline = lw_time_format_iso8601 (times.deadline);
  text = g_string_new (NULL);
  /* translators: an SLA policy, its deadline in minutes and clock, then an instant */
  g_string_append_printf (text, _("SLA “%s”: first touch within %u %s minutes, by %s"),
                          label_or_id (policy->label, policy->id), policy->deadline_minutes,
                          policy->clock == LW_CLOCK_BUSINESS ? _("business") : _("calendar"),
                          deadline);
  if (times.warn_at != G_MAXINT64)
    {
      g_autofree char *warn = lw_time_format_iso8601 (times.warn_at);
      /* translators: an instant */
      g_string_append_printf (text, _("; warning at %s"), warn);
    }
  for (guint k = 0; k < times.n_escalations && k < policy->escalations->len; k++)
    {
      const LwEscalation *e = &g_array_index (policy->escalations, LwEscalation, k);
      g_autofree char *at = lw_time_format_iso8601 (times.escalate_at[k]);

      g_string_append (text, "; ");
      if (e->action == LW_ESCALATE_NOTIFY_MANAGER)
        /* translators: an instant */
        g_string_append_printf (text, _("notify the manager at %s"), at);
      else
        /* translators: an instant */
        g_string_append_printf (text, _("reassign at %s"), at);
    }
  g_ptr_array_add (details, g_string_free (g_steal_pointer (&text), FALSE));
}

/* The lead's scores at @t, each criterion's contribution explained, with
 * its built-in properties as they were then. */
static void
add_score_details (LwSimulation *sim,
                   guint32       id,
                   LwTime        t,
                   int           stage,
                   int           status,
                   GPtrArray    *details)
{
  Lead then = *get_lead (sim, id);
  const DealTimes *deal = sim->deal_times != NULL
                          ? g_hash_table_lookup (sim->deal_times, GUINT_TO_POINTER (id)) : NULL;
  LwLead *lead = make_lead (sim);
  char email[256];
  LwScore score = { 0, };

  then.stage = (gint8) stage;
  then.status = (gint8) status;
  then.deal = -1;
  if (deal != NULL && deal->open_at != NOT_YET && abs_time (sim, deal->open_at) <= t)
    then.deal = (gint8) sim->deal_option[1];
  if (deal != NULL && deal->closed_at != NOT_YET && abs_time (sim, deal->closed_at) <= t)
    then.deal = (gint8) sim->deal_option[(then.flags & F_WON) ? 2 : 3];

  materialize (sim, id, lead, email, sizeof email, TRUE);
  refresh_builtins (sim, &then, lead);
  lw_score_lead (sim->config, lead, t, TRUE, &score);
  for (guint i = 0; i < score.items->len; i++)
    {
      const LwScoreItem *item = g_ptr_array_index (score.items, i);

      if (item->matched || item->points != 0)
        g_ptr_array_add (details, g_strdup_printf ("%s: %s",
                                                   item->kind == LW_SCORE_FIT ? _("Fit")
                                                                              : _("Engagement"),
                                                   item->why));
    }
  lw_score_clear (&score);
  free_scratch_lead (lead);
}

static char *
score_number (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (buffer, sizeof buffer, "%.1f", value);
  if (g_str_has_suffix (buffer, ".0"))
    buffer[strlen (buffer) - 2] = '\0';
  return g_strdup (buffer);
}

static LwSimStoryEntry *
explain_event (LwSimulation  *sim,
               const LwEvent *event,
               int           *stage,
               int           *status)
{
  const LwConfig *config = sim->config;
  const Lead *ls = get_lead (sim, event->lead);
  LwSimStoryEntry *entry = g_new0 (LwSimStoryEntry, 1);
  GPtrArray *details = g_ptr_array_new_with_free_func (g_free);

  entry->event = *event;
  entry->event.detail = NULL;
  entry->details = details;

  switch (event->kind)
    {
    case LW_EVENT_CREATED:
      {
        const LwEntryPoint *e = g_ptr_array_index (sim->scenario->entry_points, ls->entry);

        /* translators: an entry point, a source and an intent (high, medium, low) */
        entry->text = g_strdup_printf (_("Created from “%s” (source %s, %s intent)"),
                                       label_or_id (e->label, e->id), e->source,
                                       lw_intent_to_string (e->intent));
      }
      break;

    case LW_EVENT_ACTIVITY:
      {
        const LwActivityType *a = event->arg >= 0 && (guint) event->arg < config->activities->len
                                  ? g_ptr_array_index (config->activities, event->arg) : NULL;

        /* translators: an activity ("Pricing page visit") */
        entry->text = g_strdup_printf (_("Activity: %s"),
                                       a != NULL ? label_or_id (a->label, a->id) : "?");
      }
      break;

    case LW_EVENT_SCORED:
      {
        g_autofree char *total = score_number (event->value);

        /* translators: a score */
        entry->text = g_strdup_printf (event->arg ? _("Scored: total %s, at or above the MQL "
                                                      "threshold")
                                                  : _("Scored: total %s"), total);
        add_score_details (sim, event->lead, event->t, *stage, *status, details);
      }
      break;

    case LW_EVENT_STAGE_CHANGED:
      {
        const LwStage *st = g_ptr_array_index (config->stages, event->arg);

        *stage = event->arg;
        /* translators: a lifecycle stage */
        entry->text = g_strdup_printf (_("Stage: %s"), label_or_id (st->label, st->id));
        add_lines (details, event->detail);
      }
      break;

    case LW_EVENT_STATUS_CHANGED:
      {
        const LwStatus *st = event->arg >= 0 ? g_ptr_array_index (config->statuses, event->arg)
                                             : NULL;

        *status = event->arg;
        /* translators: a lead status */
        entry->text = g_strdup_printf (_("Status: %s"),
                                       st != NULL ? label_or_id (st->label, st->id) : "—");
      }
      break;

    case LW_EVENT_ASSIGNED:
      if (event->arg >= 0)
        {
          const LwRoutingRule *rule = g_ptr_array_index (config->rules, event->arg);

          /* translators: a rep's name, then a routing rule */
          entry->text = g_strdup_printf (_("Assigned to %s by rule “%s”"),
                                         rep_name (sim, event->rep),
                                         label_or_id (rule->label, rule->id));
        }
      else
        /* translators: a rep's name */
        entry->text = g_strdup_printf (_("Assigned to %s by the fallback"),
                                       rep_name (sim, event->rep));
      add_lines (details, event->detail);
      add_sla_details (sim, ls, event->rep, event->t, details);
      break;

    case LW_EVENT_FIRST_TOUCH:
      {
        g_autofree char *after = lw_format_duration ((gint64) floor (event->value * 60 + 0.5));

        /* translators: a rep's name, then a duration */
        entry->text = g_strdup_printf (event->arg >= 0
                                       ? _("First touch by %s, %s after assignment on the SLA clock")
                                       : _("First touch by %s, %s after assignment"),
                                       rep_name (sim, event->rep), after);
      }
      break;

    case LW_EVENT_SLA_WARNING:
      /* translators: a rep's name, then minutes */
      entry->text = g_strdup_printf (_("SLA warning to %s: %.0f minutes left"),
                                     rep_name (sim, event->rep), event->value);
      break;

    case LW_EVENT_SLA_BREACH:
      /* translators: a rep's name */
      entry->text = g_strdup_printf (_("SLA breached: %s had not touched the lead by the deadline"),
                                     rep_name (sim, event->rep));
      break;

    case LW_EVENT_ESCALATED:
      /* translators: a manager's name */
      entry->text = g_strdup_printf (_("Escalated: %s notified"), rep_name (sim, event->rep));
      break;

    case LW_EVENT_REASSIGNED:
      /* translators: two reps' names */
      entry->text = g_strdup_printf (_("Reassigned from %s to %s"),
                                     rep_name (sim, event->arg), rep_name (sim, event->rep));
      add_lines (details, event->detail);
      add_sla_details (sim, ls, event->rep, event->t, details);
      break;

    case LW_EVENT_CONVERTED:
      {
        const LwStage *st = g_ptr_array_index (config->stages, event->arg);

        /* translators: a lifecycle stage */
        entry->text = g_strdup_printf (_("Converted: reached %s"), label_or_id (st->label, st->id));
      }
      break;

    case LW_EVENT_DISQUALIFIED:
    case LW_EVENT_RECYCLED:
      {
        const LwPath *path = event->arg >= 0 ? g_ptr_array_index (config->paths, event->arg) : NULL;
        const char *name = path != NULL ? label_or_id (path->label, path->id) : "?";

        entry->text = g_strdup_printf (event->kind == LW_EVENT_DISQUALIFIED
                                       /* translators: a path's label */
                                       ? _("Disqualified by path “%s”")
                                       /* translators: a path's label */
                                       : _("Recycled by path “%s”"), name);
      }
      break;

    case LW_N_EVENT_KINDS:
    default:
      entry->text = g_strdup ("?");
      break;
    }
  return entry;
}

static void
add_property_lines (LwSimulation *sim,
                    guint32       id,
                    LwSimStory   *story)
{
  const LwConfig *config = sim->config;
  const Lead *ls = get_lead (sim, id);
  const LwEntryPoint *entry = g_ptr_array_index (sim->scenario->entry_points, ls->entry);
  LwLead *lead = make_lead (sim);
  char email[256];

  materialize (sim, id, lead, email, sizeof email, TRUE);
  story->title = g_strdup_printf (_("Lead %u: %s"), id,
                                  sim->email_prop >= 0 ? email : _("no email"));
  /* translators: an entry point, then an intent (high, medium, low) */
  g_ptr_array_add (story->properties, g_strdup_printf (_("Entry point: %s (%s intent)"),
                                                       label_or_id (entry->label, entry->id),
                                                       lw_intent_to_string (entry->intent)));
  for (guint i = LW_N_BUILTINS; i < config->properties->len; i++)
    {
      const LwProperty *p = g_ptr_array_index (config->properties, i);
      g_autofree char *text = lw_value_dup_text (&lead->values[i], p);

      if (text == NULL)
        continue;
      if (p->type == LW_PROPERTY_ENUM)
        for (guint o = 0; o < p->options->len; o++)
          {
            const LwOption *option = g_ptr_array_index (p->options, o);

            if (g_strcmp0 (option->value, text) == 0 && option->label != NULL)
              {
                g_free (text);
                text = g_strdup (option->label);
                break;
              }
          }
      g_ptr_array_add (story->properties,
                       g_strdup_printf ("%s: %s", label_or_id (p->label, p->id), text));
    }
  free_scratch_lead (lead);
}

static LwSimStory *
build_story (LwSimulation *sim,
             guint32       id)
{
  LwSimStory *story = g_new0 (LwSimStory, 1);
  int stage = -1;
  int status = -1;

  story->lead = id;
  story->properties = g_ptr_array_new_with_free_func (g_free);
  story->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) free_story_entry);
  add_property_lines (sim, id, story);

  for (guint i = 0; i < sim->kept->len; i++)
    {
      const LwEvent *event = &g_array_index (sim->kept, LwEvent, i);

      if (event->lead == id)
        g_ptr_array_add (story->entries, explain_event (sim, event, &stage, &status));
    }
  return story;
}

/* A run of the same simulation that keeps the details of the leads
 * @trace marks (indexed by id). */
static LwSimulation *
retrace (LwSimulation  *sim,
         guint8        *trace,
         GCancellable  *cancellable,
         GError       **error)
{
  LwSimOptions options = sim->options;
  g_autoptr(LwSimulation) again = NULL;

  options.speed = 0;
  options.flush_seconds = 0;
  options.keep_details = FALSE;
  again = create_simulation (sim->base, sim->scenario, &options, error);
  if (again == NULL)
    {
      g_free (trace);
      return NULL;
    }
  again->trace = trace;
  if (!run_simulation (again, NULL, cancellable, NULL, NULL, error))
    return NULL;
  return g_steal_pointer (&again);
}

LwSimStory *
lw_simulation_explain (LwSimulation  *sim,
                       guint32        lead,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(LwSimulation) again = NULL;
  LwSimulation *source = sim;

  g_return_val_if_fail (sim != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (lead == 0 || lead > sim->n_leads)
    {
      /* translators: a lead id, then the number of leads */
      g_set_error (error, LW_SIM_ERROR, LW_SIM_ERROR_NOT_FOUND,
                   _("there is no lead %u: the simulation has leads 1 to %u"), lead, sim->n_leads);
      return NULL;
    }

  if (!sim->ran || sim->kept == NULL || !is_traced (sim, lead) || lead > sim->n_created)
    {
      guint8 *trace = g_new0 (guint8, (gsize) sim->n_leads + 1);

      trace[lead] = 1;
      again = retrace (sim, trace, cancellable, error);
      if (again == NULL)
        return NULL;
      source = again;
    }

  return build_story (source, lead);
}

char *
lw_sim_story_format (const LwSimStory *story)
{
  GString *out;

  g_return_val_if_fail (story != NULL, NULL);

  out = g_string_new (story->title);
  g_string_append_c (out, '\n');
  for (guint i = 0; i < story->properties->len; i++)
    g_string_append_printf (out, "  %s\n", (const char *) g_ptr_array_index (story->properties, i));
  g_string_append_c (out, '\n');
  for (guint i = 0; i < story->entries->len; i++)
    {
      const LwSimStoryEntry *entry = g_ptr_array_index (story->entries, i);
      g_autofree char *at = lw_time_format_iso8601 (entry->event.t);

      g_string_append_printf (out, "%s  %s\n", at, entry->text);
      for (guint j = 0; j < entry->details->len; j++)
        g_string_append_printf (out, "      %s\n",
                                (const char *) g_ptr_array_index (entry->details, j));
    }
  return g_string_free (out, FALSE);
}

/* ---- compare ---------------------------------------------------------------------------- */

static void
free_figure_diff (LwSimFigureDiff *diff)
{
  g_free (diff->key);
  g_free (diff->label);
  g_free (diff);
}

static void
free_lead_diff (LwSimLeadDiff *diff)
{
  g_free (diff->why);
  g_free (diff);
}

void
lw_sim_comparison_free (LwSimComparison *comparison)
{
  if (comparison == NULL)
    return;
  g_clear_pointer (&comparison->figures, g_ptr_array_unref);
  g_clear_pointer (&comparison->leads_differing, g_ptr_array_unref);
  g_free (comparison);
}

static GPtrArray *
diff_figures (GPtrArray *a,
              GPtrArray *b)
{
  GPtrArray *diffs = g_ptr_array_new_with_free_func ((GDestroyNotify) free_figure_diff);
  g_autoptr(GHashTable) in_b = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) in_a = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < b->len; i++)
    {
      LwSimFigure *f = g_ptr_array_index (b, i);
      g_hash_table_insert (in_b, f->key, f);
    }

  /* The order of @a, then the figures only @b has, in @b's order: the
   * tables are only looked up, never walked. */
  for (guint i = 0; i < a->len; i++)
    {
      const LwSimFigure *fa = g_ptr_array_index (a, i);
      const LwSimFigure *fb = g_hash_table_lookup (in_b, fa->key);
      LwSimFigureDiff *diff = g_new0 (LwSimFigureDiff, 1);

      g_hash_table_insert (in_a, fa->key, (gpointer) fa);
      diff->key = g_strdup (fa->key);
      diff->label = g_strdup (fa->label);
      diff->a = fa->value;
      diff->b = fb != NULL ? fb->value : NAN;
      g_ptr_array_add (diffs, diff);
    }
  for (guint i = 0; i < b->len; i++)
    {
      const LwSimFigure *fb = g_ptr_array_index (b, i);
      LwSimFigureDiff *diff;

      if (g_hash_table_contains (in_a, fb->key))
        continue;
      diff = g_new0 (LwSimFigureDiff, 1);
      diff->key = g_strdup (fb->key);
      diff->label = g_strdup (fb->label);
      diff->a = NAN;
      diff->b = fb->value;
      g_ptr_array_add (diffs, diff);
    }
  return diffs;
}

static gboolean
qualified_of (const Lead *ls)
{
  return (ls->flags & F_MQL) != 0;
}

/* What happened to lead @id in @sim, in one paragraph, for a comparison. */
static void
describe_outcome (LwSimulation *sim,
                  const char   *side,
                  guint32       id,
                  GString      *out)
{
  const LwConfig *config = sim->config;
  const Lead *ls = get_lead (sim, id);
  g_autofree char *total = score_number (ls->total);
  const char *assigned_why = NULL;

  /* translators: "A" or "B", a rule set's name, then a score */
  g_string_append_printf (out, _("%s (“%s”): total score %s"),
                          side, label_or_id (config->name, _("rule set")), total);
  if (ls->flags & F_MQL)
    {
      g_autofree char *at = lw_time_format_iso8601 (abs_time (sim, ls->mql_at));
      /* translators: an instant */
      g_string_append_printf (out, _(", MQL at %s"), at);
    }
  else
    g_string_append (out, _(", never met the MQL threshold"));

  for (guint i = 0; sim->kept != NULL && i < sim->kept->len; i++)
    {
      const LwEvent *event = &g_array_index (sim->kept, LwEvent, i);

      if (event->lead == id && event->kind == LW_EVENT_ASSIGNED)
        {
          assigned_why = event->detail;
          break;
        }
    }

  if (ls->flags & F_ROUTED)
    {
      const char *last = assigned_why != NULL ? strrchr (assigned_why, '\n') : NULL;

      /* translators: a rep's name */
      g_string_append_printf (out, _("; routed to %s"), rep_name (sim, ls->routed_rep));
      if (assigned_why != NULL)
        g_string_append_printf (out, " (%s)", last != NULL ? last + 1 : assigned_why);
      if (ls->flags & F_TOUCHED)
        {
          g_autofree char *after = lw_format_duration ((gint64) ls->first_touch_at - ls->assigned_at);
          /* translators: a duration */
          g_string_append_printf (out, _("; first touch after %s"), after);
        }
      else
        g_string_append (out, _("; not touched"));
    }
  else
    g_string_append (out, _("; not routed"));

  if (ls->flags & F_CONVERTED)
    g_string_append (out, _("; qualified by sales"));
  else if (ls->flags & F_TOUCHED)
    switch (ls->outcome)
      {
      case OUTCOME_UNQUALIFIED:
        g_string_append (out, _("; found unqualified"));
        break;
      case OUTCOME_BAD_TIMING:
        g_string_append (out, _("; bad timing"));
        break;
      case OUTCOME_NO_CONTACT:
        g_string_append (out, _("; never reached"));
        break;
      case OUTCOME_QUALIFIED:
      default:
        g_string_append (out, _("; qualification still under way"));
        break;
      }
  g_string_append_c (out, '.');
}

LwSimComparison *
lw_simulation_compare (const LwConfig     *a,
                       const LwConfig     *b,
                       LwScenario         *scenario,
                       const LwSimOptions *options,
                       guint               max_listed,
                       GCancellable       *cancellable,
                       GError            **error)
{
  LwSimOptions defaults = LW_SIM_OPTIONS_INIT;
  LwSimOptions opts = options != NULL ? *options : defaults;
  g_autoptr(LwSimulation) sim_a = NULL;
  g_autoptr(LwSimulation) sim_b = NULL;
  g_autoptr(LwSimulation) trace_a = NULL;
  g_autoptr(LwSimulation) trace_b = NULL;
  g_autoptr(GPtrArray) figures_a = NULL;
  g_autoptr(GPtrArray) figures_b = NULL;
  g_autoptr(GArray) listed = g_array_new (FALSE, FALSE, sizeof (LwSimLeadDiff));
  LwSimComparison *comparison;

  g_return_val_if_fail (a != NULL && a->bound, NULL);
  g_return_val_if_fail (b != NULL && b->bound, NULL);
  g_return_val_if_fail (scenario != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  opts.speed = 0;
  opts.keep_details = FALSE;
  sim_a = create_simulation (a, scenario, &opts, error);
  if (sim_a == NULL)
    return NULL;
  sim_b = create_simulation (b, scenario, &opts, error);
  if (sim_b == NULL)
    return NULL;
  if (!run_simulation (sim_a, NULL, cancellable, NULL, NULL, error) ||
      !run_simulation (sim_b, NULL, cancellable, NULL, NULL, error))
    return NULL;

  comparison = g_new0 (LwSimComparison, 1);
  comparison->leads = sim_a->n_created;
  figures_a = lw_sim_summary_figures (&sim_a->summary, sim_a->config, scenario);
  figures_b = lw_sim_summary_figures (&sim_b->summary, sim_b->config, scenario);
  comparison->figures = diff_figures (figures_a, figures_b);
  comparison->leads_differing = g_ptr_array_new_with_free_func ((GDestroyNotify) free_lead_diff);

  for (guint32 id = 1; id <= sim_a->n_created && id <= sim_b->n_created; id++)
    {
      const Lead *la = get_lead (sim_a, id);
      const Lead *lb = get_lead (sim_b, id);
      LwSimLeadDiff diff = { 0, };

      diff.routed_differently = la->routed_rep != lb->routed_rep;
      diff.qualified_differently = qualified_of (la) != qualified_of (lb) ||
                                   ((la->flags ^ lb->flags) & F_CONVERTED) != 0;
      comparison->n_routed_differently += diff.routed_differently;
      comparison->n_qualified_differently += diff.qualified_differently;
      if (!(diff.routed_differently || diff.qualified_differently) || listed->len >= max_listed)
        continue;
      diff.lead = id;
      diff.owner_a = la->routed_rep;
      diff.owner_b = lb->routed_rep;
      diff.stage_a = la->max_stage;
      diff.stage_b = lb->max_stage;
      g_array_append_val (listed, diff);
    }

  if (listed->len > 0)
    {
      guint8 *marks_a = g_new0 (guint8, (gsize) sim_a->n_leads + 1);
      guint8 *marks_b = g_new0 (guint8, (gsize) sim_b->n_leads + 1);

      for (guint i = 0; i < listed->len; i++)
        {
          guint32 id = g_array_index (listed, LwSimLeadDiff, i).lead;
          marks_a[id] = marks_b[id] = 1;
        }
      trace_a = retrace (sim_a, marks_a, cancellable, error);
      if (trace_a != NULL)
        trace_b = retrace (sim_b, marks_b, cancellable, error);
      else
        g_free (marks_b);
      if (trace_a == NULL || trace_b == NULL)
        {
          lw_sim_comparison_free (comparison);
          return NULL;
        }
    }

  for (guint i = 0; i < listed->len; i++)
    {
      LwSimLeadDiff *diff = g_new (LwSimLeadDiff, 1);
      GString *why = g_string_new (NULL);

      *diff = g_array_index (listed, LwSimLeadDiff, i);
      describe_outcome (trace_a, "A", diff->lead, why);
      g_string_append_c (why, '\n');
      describe_outcome (trace_b, "B", diff->lead, why);
      diff->why = g_string_free (why, FALSE);
      g_ptr_array_add (comparison->leads_differing, diff);
    }
  return comparison;
}

static void
append_figure_value (GString *out,
                     double   value)
{
  if (isnan (value))
    g_string_append (out, "—");
  else if (value == floor (value) && fabs (value) < 1e15)
    {
      g_autofree char *count = lw_format_count ((guint64) fabs (value));

      g_string_append (out, count);
    }
  else
    g_string_append_printf (out, "%.1f", value);
}

char *
lw_sim_comparison_format (const LwSimComparison *comparison)
{
  GString *out;
  guint changed = 0;

  g_return_val_if_fail (comparison != NULL, NULL);

  out = g_string_new (NULL);
  /* translators: a number of leads */
  g_string_append_printf (out, _("Both rule sets ran on the same %u leads.\n\n"),
                          comparison->leads);
  g_string_append_printf (out, "%s\n", _("Figures that differ (A → B):"));
  for (guint i = 0; i < comparison->figures->len; i++)
    {
      const LwSimFigureDiff *d = g_ptr_array_index (comparison->figures, i);

      if (d->a == d->b || (isnan (d->a) && isnan (d->b)))
        continue;
      changed++;
      g_string_append_printf (out, "  %s: ", d->label);
      append_figure_value (out, d->a);
      g_string_append (out, " → ");
      append_figure_value (out, d->b);
      g_string_append_c (out, '\n');
    }
  if (changed == 0)
    g_string_append_printf (out, "  %s\n", _("none"));

  /* translators: two counts of leads */
  g_string_append_printf (out, _("\nLeads routed differently: %u. Qualified differently: %u.\n"),
                          comparison->n_routed_differently,
                          comparison->n_qualified_differently);
  for (guint i = 0; i < comparison->leads_differing->len; i++)
    {
      const LwSimLeadDiff *d = g_ptr_array_index (comparison->leads_differing, i);
      g_auto(GStrv) lines = g_strsplit (d->why, "\n", -1);

      /* translators: a lead id */
      g_string_append_printf (out, _("  Lead %u:\n"), d->lead);
      for (guint j = 0; lines[j] != NULL; j++)
        g_string_append_printf (out, "    %s\n", lines[j]);
    }
  return g_string_free (out, FALSE);
}

void
_lw_simulation_set_queue_shape (LwSimulation *sim,
                                guint         min_bucket_shift,
                                guint         max_buckets)
{
  g_return_if_fail (sim != NULL);
  g_return_if_fail (!sim->ran);
  g_return_if_fail (min_bucket_shift <= 31 && max_buckets >= 1);

  sim->min_bucket_shift = min_bucket_shift;
  sim->max_buckets = max_buckets;
}
