/* lw-scenario.h: the inbound population a simulation generates
 *
 * A scenario says what leads arrive and how people behave, independently of
 * the rule set: entry points with their intent, share and rhythm; how lead
 * properties are distributed; how email addresses are made; which
 * activities leads do and when; how fast reps respond; and how likely a
 * worked lead is to convert, falling as first touch comes later.
 *
 * It is versioned JSON ({"format": "leadwright-scenario", "version": 1});
 * docs/scenario-format.md describes every field. Loading rejects malformed
 * JSON, a wrong format, a newer version, unknown fields and wrong values,
 * each located like the rule set's errors:
 *   FILE:LINE:COL: error: $.entryPoints[2].hourly: expected 24 numbers, got 23
 * Whether the scenario fits a rule set (its property ids, enum options,
 * activities, statuses, reps) is checked by lw_simulation_new().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "lw-rng.h"
#include "lw-types.h"

G_BEGIN_DECLS

#define LW_SCENARIO_FORMAT  "leadwright-scenario"
#define LW_SCENARIO_VERSION 1

#define LW_SCENARIO_ERROR (lw_scenario_error_quark ())
GQuark lw_scenario_error_quark (void);

typedef enum
{
  LW_SCENARIO_ERROR_PARSE,     /* malformed JSON or invalid UTF-8 */
  LW_SCENARIO_ERROR_FORMAT,    /* not a leadwright-scenario document */
  LW_SCENARIO_ERROR_VERSION,   /* written by a newer build */
  LW_SCENARIO_ERROR_INVALID,   /* well-formed but wrong: see the diagnostics */
} LwScenarioError;

typedef enum
{
  LW_INTENT_HIGH,
  LW_INTENT_MEDIUM,
  LW_INTENT_LOW,
  LW_N_INTENTS
} LwIntent;

const char *lw_intent_to_string   (LwIntent    intent);   /* "high" */
gboolean    lw_intent_from_string (const char *name,
                                   LwIntent   *intent);

/* ---- distributions ------------------------------------------------------- */

typedef enum
{
  LW_NUMBER_CONSTANT,      /* a */
  LW_NUMBER_UNIFORM,       /* min a, max b */
  LW_NUMBER_NORMAL,        /* mean a, sd b */
  LW_NUMBER_LOGNORMAL,     /* median a, sigma b */
  LW_NUMBER_EXPONENTIAL,   /* mean a */
  LW_NUMBER_POISSON,       /* mean a */
} LwNumberKind;

/* A numeric distribution, clamped to [min, max] when given and rounded to a
 * whole number when @round. */
typedef struct
{
  LwNumberKind kind;
  double       a;
  double       b;
  gboolean     has_min;
  double       min;
  gboolean     has_max;
  double       max;
  gboolean     round;
} LwNumberDist;

typedef struct
{
  char   *value;
  double  weight;          /* relative, >= 0 */
} LwWeight;

LwWeight *lw_weight_new  (const char *value,
                          double      weight);
void      lw_weight_free (LwWeight   *weight);

/* One branch of a conditional distribution: the weights used when the
 * property it depends on has the value @when ("*": any other value). */
typedef struct
{
  char      *when;
  GPtrArray *weights;      /* LwWeight */
} LwBranch;

/* One band of a derived property: @value when the numeric property is
 * below @below (the last band has no bound). */
typedef struct
{
  char     *value;
  gboolean  has_below;
  double    below;
} LwBand;

typedef enum
{
  LW_VALUES_CATEGORICAL,   /* weights */
  LW_VALUES_CONDITIONAL,   /* depends_on + branches */
  LW_VALUES_BANDS,         /* bands_of + bands */
  LW_VALUES_NUMBER,        /* number */
  LW_VALUES_COMBINE,       /* one word of each list of parts, joined */
} LwValuesKind;

/* How the values of one lead property are drawn. */
typedef struct
{
  char         *property;  /* property id of the rule set */
  LwValuesKind  kind;
  double        missing;   /* share of leads without a value, 0..1 */
  GPtrArray    *weights;   /* LwWeight: CATEGORICAL */
  char         *depends_on;/* CONDITIONAL: an earlier property */
  GPtrArray    *branches;  /* LwBranch: CONDITIONAL */
  char         *bands_of;  /* BANDS: an earlier numeric property */
  GPtrArray    *bands;     /* LwBand: BANDS */
  LwNumberDist  number;    /* NUMBER */
  GPtrArray    *parts;     /* COMBINE: GStrv each, picked uniformly */
  char         *separator; /* COMBINE */
} LwPropertyDist;

LwPropertyDist *lw_property_dist_new  (const char     *property,
                                       LwValuesKind    kind);
void            lw_property_dist_free (LwPropertyDist *dist);

/* ---- the parts of a scenario ------------------------------------------- */

typedef struct
{
  char           *id;
  char           *label;
  char           *source;        /* the built-in source: form, chat, import,
                                  * integration, manual */
  LwIntent        intent;
  double          share;         /* relative share of arrivals */
  double          hourly[24];    /* relative weights by local hour */
  double          weekly[7];     /* relative weights, Monday first */
  gboolean        has_free_email_share;
  double          free_email_share;
  GPtrArray      *properties;    /* LwPropertyDist overriding the scenario's */
} LwEntryPoint;

LwEntryPoint *lw_entry_point_new  (const char   *id,
                                   const char   *source);
void          lw_entry_point_free (LwEntryPoint *entry);

/* An activity leads do: with a probability by intent, @count times, some
 * before the lead was created (its history) and the rest after. */
typedef struct
{
  char         *activity;        /* activity id of the rule set */
  double        probability[LW_N_INTENTS];
  LwNumberDist  count;           /* how many times, at least 1 */
  double        before_share;    /* share of the occurrences before creation */
  double        before_days;     /* history spread uniformly over these days */
  LwNumberDist  after_days;      /* delay of the others after creation */
} LwActivityModel;

LwActivityModel *lw_activity_model_new  (const char      *activity);
void             lw_activity_model_free (LwActivityModel *model);

typedef struct
{
  char *key;
  char *value;
} LwMapping;

typedef struct
{
  char         *property;        /* the email property: "email" */
  char         *first_name;      /* properties the address is made of; may be NULL */
  char         *last_name;
  char         *company;
  double        free_share;      /* free mail domains */
  GPtrArray    *free_domains;    /* LwWeight */
  double        account_share;   /* domains of existing accounts */
  GStrv         account_domains; /* NULL: the rule set's accounts */
  double        competitor_share;
  GPtrArray    *competitor_domains; /* LwWeight */
  double        duplicate_share; /* repeats an earlier lead's address */
} LwEmailModel;

typedef struct
{
  char         *id;              /* rep or team id */
  LwNumberDist  minutes;
} LwResponseOverride;

typedef struct
{
  LwNumberDist  response_minutes;          /* the default */
  GPtrArray    *teams;                     /* LwResponseOverride */
  GPtrArray    *reps;                      /* LwResponseOverride, before teams */
  double        intent_factor[LW_N_INTENTS]; /* multiplies response times */
  double        working_hours_adherence;   /* 0..1: works leads only in hours */
  double        out_of_office_rate;        /* 0..1: random days off per workday */
} LwRepModel;

/* A stage step's base rate by intent and the floor of its speed factor. */
typedef struct
{
  double   rate[LW_N_INTENTS];
  gboolean has_floor;
  double   floor;                /* else the conversion's floor */
} LwStepRate;

typedef enum
{
  LW_SIM_STATUS_NEW,
  LW_SIM_STATUS_ATTEMPTING,
  LW_SIM_STATUS_CONNECTED,
  LW_SIM_STATUS_QUALIFIED,
  LW_SIM_STATUS_UNQUALIFIED,
  LW_SIM_STATUS_BAD_TIMING,
  LW_N_SIM_STATUSES
} LwSimStatus;

/* The member of "conversion.statuses" that names @status's rule set
 * status: "badTiming". */
const char *lw_sim_status_to_key (LwSimStatus status);

/* rate × (floor + (1 − floor) × 0.5^(minutes / half_life_minutes)) */
typedef struct
{
  double        floor;
  double        half_life_minutes;
  LwStepRate    sql;                 /* worked lead -> qualified (SQL) */
  LwStepRate    opportunity;         /* SQL -> deal open (Opportunity) */
  LwStepRate    customer;            /* Opportunity -> deal won (Customer) */
  double        unqualified[LW_N_INTENTS];
  double        bad_timing[LW_N_INTENTS];
  LwNumberDist  connect_hours;       /* first touch -> connected */
  LwNumberDist  qualify_days;        /* connected -> the outcome */
  LwNumberDist  opportunity_days;    /* qualified -> deal open */
  LwNumberDist  close_days;          /* deal open -> won or lost */
  char         *statuses[LW_N_SIM_STATUSES]; /* status ids of the rule set */
} LwConversionModel;

typedef struct _LwScenario LwScenario;

struct _LwScenario
{
  char              *name;
  char              *description;
  char              *time_zone;      /* IANA: the rhythms' clock */
  LwTime             start;          /* default start of the simulated period */
  guint              leads;          /* default number of leads */
  guint              days;           /* default number of days */
  double             rescore_days;   /* engagement decay checkpoints */

  GPtrArray         *entry_points;   /* LwEntryPoint */
  GPtrArray         *properties;     /* LwPropertyDist, drawn in this order */
  LwEmailModel       email;
  GPtrArray         *activities;     /* LwActivityModel */
  char              *arrival_property;  /* may be NULL */
  GPtrArray         *arrival_activities; /* LwMapping: value -> activity id */
  LwRepModel         reps;
  LwConversionModel  conversion;

  /*< private >*/
  gatomicrefcount    ref_count;
  GTimeZone         *tz;
};

/* A scenario with the defaults of every field and no entry point. */
LwScenario *lw_scenario_new        (void);
LwScenario *lw_scenario_ref        (LwScenario   *scenario);
void        lw_scenario_unref      (LwScenario   *scenario);
GTimeZone  *lw_scenario_get_time_zone (const LwScenario *scenario);

/* On failure returns NULL; @error holds the first error, located, and
 * @diagnostics (optional) receives all of them. @filename is only used in
 * messages (NULL: "<data>"). */
LwScenario *lw_scenario_load_data  (const char   *data,
                                    gssize        length,
                                    const char   *filename,
                                    GPtrArray    *diagnostics,
                                    GError      **error);
LwScenario *lw_scenario_load_file  (const char   *filename,
                                    GPtrArray    *diagnostics,
                                    GError      **error);
/* The canonical JSON text, every field written, ending with a newline:
 * load -> save -> load -> save gives identical bytes. */
char       *lw_scenario_to_data    (const LwScenario *scenario,
                                    gsize            *length);
gboolean    lw_scenario_save_file  (const LwScenario *scenario,
                                    const char       *filename,
                                    GError          **error);

/* Why @domain cannot be an email domain of a scenario (the free-mail,
 * account or competitor lists), or NULL: a domain is lower-case labels of
 * letters, digits and hyphens (not at a label's ends, at most 63
 * characters each) separated by dots, at least one dot, at most 253
 * characters; no scheme, no "@", no spaces. The message is translated. */
const char *lw_scenario_domain_problem (const char *domain);

/* The speed-to-lead factor of @step after @minutes from assignment to
 * first touch: floor + (1 − floor) × 0.5^(minutes / half-life), in (0, 1]. */
double      lw_conversion_speed_factor (const LwConversionModel *conversion,
                                        const LwStepRate        *step,
                                        double                   minutes);

/* Draws from @dist with @rng, clamped and rounded. */
double      lw_number_dist_sample      (const LwNumberDist *dist,
                                        LwRng              *rng);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LwScenario, lw_scenario_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LwPropertyDist, lw_property_dist_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LwEntryPoint, lw_entry_point_free)

G_END_DECLS
