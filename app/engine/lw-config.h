/* lw-config.h: the rule set an admin designs
 *
 * One LwConfig holds everything: the property catalogue, lifecycle stages and
 * lead statuses with their recycle and disqualify paths, scoring, routing,
 * SLA policies and the team. It is a plain, reference-counted structure: the
 * JSON format (lw-config-json.h) reads and writes it, the evaluators read it,
 * the GUI edits its fields and then calls lw_config_bind() again.
 *
 * Every list is a GPtrArray that owns its elements. Ids are unique within
 * their list; references between parts are by id and are resolved (and
 * checked) by lw_config_bind().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "lw-condition.h"
#include "lw-types.h"
#include "lw-tz.h"

G_BEGIN_DECLS

#define LW_CONFIG_FORMAT  "leadwright-config"
#define LW_CONFIG_VERSION 1

#define LW_CONFIG_ERROR (lw_config_error_quark ())
GQuark lw_config_error_quark (void);

typedef enum
{
  LW_CONFIG_ERROR_PARSE,     /* malformed JSON or invalid UTF-8 */
  LW_CONFIG_ERROR_FORMAT,    /* not a leadwright-config document */
  LW_CONFIG_ERROR_VERSION,   /* written by a newer build */
  LW_CONFIG_ERROR_INVALID,   /* well-formed but wrong: see the diagnostics */
} LwConfigError;

/* Owning roles of stages and paths, and the role of a rep. */
typedef enum
{
  LW_ROLE_MARKETING,
  LW_ROLE_SDR,
  LW_ROLE_AE,
  LW_ROLE_CS,
  LW_ROLE_REVOPS,
  LW_ROLE_MANAGER,
  LW_N_ROLES
} LwRole;

const char *lw_role_to_string    (LwRole      role);   /* "sdr" */
const char *lw_role_to_label     (LwRole      role);   /* "SDR" */
gboolean    lw_role_from_string  (const char *name,
                                  LwRole     *role);

/* ---- property catalogue ------------------------------------------------ */

typedef enum
{
  LW_PROPERTY_STRING,
  LW_PROPERTY_ENUM,
  LW_PROPERTY_NUMBER,
  LW_PROPERTY_BOOLEAN,
  LW_PROPERTY_DATETIME,
  LW_PROPERTY_EMAIL,
  LW_N_PROPERTY_TYPES
} LwPropertyType;

const char *lw_property_type_to_string   (LwPropertyType  type);
gboolean    lw_property_type_from_string (const char     *name,
                                          LwPropertyType *type);

typedef struct
{
  char *value;   /* what conditions compare: "US" */
  char *label;   /* what people read: "United States" */
} LwOption;

typedef struct
{
  char           *id;
  char           *label;
  char           *description;  /* may be NULL */
  LwPropertyType  type;
  GPtrArray      *options;      /* LwOption; enum only, else empty */
  /* A string property whose value, when the lead does not set it, is the
   * domain of this email property ("email_domain" of "email"); or NULL. */
  char           *domain_of;

  /* Kept by lw_config_bind(). */
  gboolean        builtin;      /* provided by the engine, never saved */
  guint           index;        /* position in config->properties */
  int             domain_of_index;
} LwProperty;

/* Built-in properties every lead has; the engine fills them in. They come
 * first in config->properties, in this order. */
typedef enum
{
  LW_BUILTIN_LIFECYCLE_STAGE,   /* enum of stage ids */
  LW_BUILTIN_LEAD_STATUS,       /* enum of status ids */
  LW_BUILTIN_DEAL_STAGE,        /* enum: none, open, won, lost */
  LW_BUILTIN_SOURCE,            /* enum: form, chat, import, integration, manual */
  LW_BUILTIN_FIT_SCORE,         /* number */
  LW_BUILTIN_ENGAGEMENT_SCORE,  /* number */
  LW_BUILTIN_TOTAL_SCORE,       /* number */
  LW_BUILTIN_GRADE,             /* string: "A1" */
  LW_BUILTIN_CREATED_AT,        /* datetime */
  LW_N_BUILTINS
} LwBuiltin;

typedef struct
{
  char *id;
  char *label;
  char *description;  /* may be NULL */
} LwActivityType;

/* ---- lifecycle ----------------------------------------------------------- */

typedef struct
{
  char        *id;
  char        *label;
  char        *definition;     /* plain language */
  char        *hubspot_value;  /* "marketingqualifiedlead" */
  LwRole       owner_role;
  LwCondition *entry;          /* entry criteria; NULL: entered only by a path
                                * or by the MQL threshold */
  char        *next_step;
} LwStage;

typedef struct
{
  char     *id;
  char     *label;
  char     *definition;        /* may be NULL */
  char     *hubspot_value;     /* "ATTEMPTED_TO_CONTACT" */
  gboolean  terminal;
} LwStatus;

typedef enum
{
  LW_PATH_RECYCLE,
  LW_PATH_DISQUALIFY,
} LwPathKind;

/* What a worked-but-unconverted or "not now" lead becomes. */
typedef struct
{
  char       *id;
  char       *label;
  LwPathKind  kind;
  char       *from_status;     /* status id */
  guint       after_days;      /* how long in that status before it applies */
  char       *to_stage;        /* stage id */
  LwRole      owner_role;      /* who owns it afterwards */
} LwPath;

/* ---- scoring ------------------------------------------------------------- */

typedef struct
{
  char        *id;
  char        *label;
  /* Exactly one of the two: a condition on properties, or an activity. */
  LwCondition *when;
  char        *activity;       /* activity id */
  int          points;         /* negative allowed */
  guint        max_times;      /* activities: at most this many count; 0 = no limit */

  int          activity_index; /* set by lw_config_bind(); -1 for conditions */
} LwCriterion;

typedef struct
{
  GPtrArray *criteria;         /* LwCriterion */
  gboolean   has_cap;
  int        cap;
} LwScoreModel;

typedef enum
{
  LW_DECAY_NONE,
  LW_DECAY_HALF_LIFE,          /* each activity's points halve every half_life_days */
  LW_DECAY_WINDOW,             /* activities older than window_days count nothing */
} LwDecayKind;

typedef enum
{
  LW_MQL_TOTAL,                /* fit + engagement >= total */
  LW_MQL_BOTH,                 /* fit >= fit and engagement >= engagement */
} LwMqlKind;

typedef struct
{
  char     *grade;             /* "A" or "1" */
  gboolean  has_min;           /* FALSE for the last, catch-all band */
  int       min;
} LwGradeBand;

typedef struct
{
  LwScoreModel  fit;
  LwScoreModel  engagement;
  LwDecayKind   decay;
  double        half_life_days;
  guint         window_days;
  LwMqlKind     mql_kind;
  int           mql_total;
  int           mql_fit;
  int           mql_engagement;
  char         *mql_stage;          /* stage id set when the threshold is met */
  GPtrArray    *fit_grades;         /* LwGradeBand, highest first */
  GPtrArray    *engagement_grades;  /* LwGradeBand, highest first */
} LwScoring;

/* ---- team ---------------------------------------------------------------- */

typedef struct
{
  guint16 start;               /* minutes after local midnight */
  guint16 end;                 /* exclusive; at most 24 * 60 */
} LwInterval;

typedef struct
{
  GArray *days[7];             /* LwInterval; 0 = Monday ... 6 = Sunday */
} LwWeekHours;

typedef struct
{
  GDate from;                  /* inclusive, in the rep's time zone */
  GDate to;                    /* inclusive */
} LwDateRange;

typedef struct
{
  char        *id;
  char        *name;
  char        *email;
  LwRole       role;
  char        *team;           /* team id */
  char        *time_zone;      /* IANA name: "Europe/Berlin" */
  LwWeekHours  hours;
  guint        capacity;       /* leads per day; 0 = no cap */
  guint        weight;         /* for weighted round robin; >= 1 */
  gboolean     active;
  GArray      *out_of_office;  /* LwDateRange */

  GTimeZone   *tz;             /* set by lw_config_bind() */
  guint        index;          /* position in config->reps */
  /* The cached tables of @tz (lw-tz.h), set by lw_config_bind(); NULL
   * before. Read it through lw_tz_resolve (rep->zone, rep->tz): code that
   * replaces @tz without binding leaves it stale. */
  const LwTz  *zone;
} LwRep;

typedef struct
{
  char *id;
  char *label;
  char *manager;               /* rep id */
  char *region;                /* may be NULL: "EMEA" */
} LwTeam;

typedef struct
{
  char      *id;
  char      *label;
  GPtrArray *members;          /* rep ids (char *) */
  gboolean   weighted;         /* by each rep's weight; else plain round robin */
  gboolean   respect_capacity; /* skip reps at their daily capacity */
  gboolean   working_hours;    /* skip reps outside their working hours */
  gboolean   out_of_office;    /* skip reps out of office */
} LwPool;

/* An existing account: leads whose email domain is @domain belong to @owner. */
typedef struct
{
  char *domain;
  char *name;
  char *owner;                 /* rep id */
} LwAccount;

/* ---- routing ------------------------------------------------------------- */

typedef enum
{
  LW_ASSIGN_OWNER,
  LW_ASSIGN_POOL,
  LW_ASSIGN_ACCOUNT_OWNER,
  LW_ASSIGN_TERRITORY,
} LwAssignKind;

/* A named owner or a pool: exactly one is set. */
typedef struct
{
  char *owner;                 /* rep id */
  char *pool;                  /* pool id */
} LwTarget;

typedef struct
{
  GStrv    values;             /* values of the territory property */
  LwTarget target;
} LwTerritory;

typedef struct
{
  char         *id;
  char         *label;
  LwCondition  *when;          /* never NULL; empty = every lead */
  LwAssignKind  kind;
  LwTarget      target;        /* OWNER and POOL */
  char         *property;      /* TERRITORY: the property mapped */
  GPtrArray    *territories;   /* TERRITORY: LwTerritory */
} LwRoutingRule;

/* ---- SLAs ---------------------------------------------------------------- */

typedef enum
{
  LW_CLOCK_CALENDAR,
  LW_CLOCK_BUSINESS,           /* the owner's working hours, in their time zone */
} LwClock;

typedef enum
{
  LW_ESCALATE_NOTIFY_MANAGER,
  LW_ESCALATE_REASSIGN,
} LwEscalationAction;

typedef struct
{
  guint               after_minutes;  /* after assignment, on the policy's clock */
  LwEscalationAction  action;
  LwTarget            target;         /* REASSIGN: where to; both NULL = route again */
} LwEscalation;

typedef struct
{
  char        *id;
  char        *label;
  LwCondition *when;           /* never NULL; first matching policy applies */
  guint        deadline_minutes;
  LwClock      clock;
  guint        warn_before_minutes;  /* 0 = no warning */
  GArray      *escalations;    /* LwEscalation, by after_minutes */
  GPtrArray   *pause_statuses; /* status ids (char *) */
  char        *breach_tag;     /* may be NULL */
} LwSlaPolicy;

/* ---- the whole rule set ---------------------------------------------------- */

struct _LwConfig
{
  char        *name;
  char        *description;

  GPtrArray   *properties;     /* LwProperty; built-ins first */
  GPtrArray   *activities;     /* LwActivityType */

  GPtrArray   *stages;         /* LwStage, in funnel order */
  GPtrArray   *statuses;       /* LwStatus */
  GPtrArray   *paths;          /* LwPath */

  LwScoring    scoring;

  GPtrArray   *rules;          /* LwRoutingRule, first match wins */
  LwTarget     fallback;       /* mandatory */

  GPtrArray   *policies;       /* LwSlaPolicy, first match applies */

  GPtrArray   *reps;           /* LwRep */
  GPtrArray   *teams;          /* LwTeam */
  GPtrArray   *pools;          /* LwPool */
  GPtrArray   *accounts;       /* LwAccount */

  /*< private >*/
  gatomicrefcount ref_count;
  GHashTable  *lookup;         /* "kind:id" -> element, built by lw_config_bind() */
  /* The lengths (modulo 64) and ASCII-lowercased first bytes of the
   * accounts' domains in the lookup, a bit each: a domain with neither is
   * no account's, which lw_config_find_account() says without hashing it
   * (most leads' domains are no account's). */
  guint64      account_lengths;
  guint64      account_firsts[4];
  gboolean     bound;
};

/* An empty rule set with the built-in properties only. */
LwConfig       *lw_config_new              (void);
LwConfig       *lw_config_ref              (LwConfig       *config);
void            lw_config_unref            (LwConfig       *config);
/* A deep copy, bound if @config was. */
LwConfig       *lw_config_copy             (const LwConfig *config);

/* Resolves every reference, parses condition values, loads time zones and
 * rebuilds the lookup tables; adds each problem (dangling reference,
 * duplicate id, wrong value type, negative number, missing fallback, ...)
 * to @diagnostics as an error with its JSON path. Returns TRUE when there
 * was no error. Call it again after editing any field. */
gboolean        lw_config_bind             (LwConfig       *config,
                                            GPtrArray      *diagnostics);

const LwProperty     *lw_config_find_property  (const LwConfig *config,
                                                const char     *id);
const LwActivityType *lw_config_find_activity  (const LwConfig *config,
                                                const char     *id);
int                   lw_config_activity_index (const LwConfig *config,
                                                const char     *id);
const LwStage        *lw_config_find_stage     (const LwConfig *config,
                                                const char     *id);
int                   lw_config_stage_index    (const LwConfig *config,
                                                const char     *id);
const LwStatus       *lw_config_find_status    (const LwConfig *config,
                                                const char     *id);
const LwRep          *lw_config_find_rep       (const LwConfig *config,
                                                const char     *id);
const LwTeam         *lw_config_find_team      (const LwConfig *config,
                                                const char     *id);
const LwPool         *lw_config_find_pool      (const LwConfig *config,
                                                const char     *id);
const LwAccount      *lw_config_find_account   (const LwConfig *config,
                                                const char     *domain);
const LwProperty     *lw_config_builtin        (const LwConfig *config,
                                                LwBuiltin       builtin);

/* Constructors and destructors of the parts, for the JSON reader, the GUI
 * and the tests. Each _new() fills in sensible defaults. */
LwProperty     *lw_property_new       (const char *id, const char *label, LwPropertyType type);
void            lw_property_free      (LwProperty *property);
LwOption       *lw_option_new         (const char *value, const char *label);
void            lw_option_free        (LwOption *option);
LwActivityType *lw_activity_type_new  (const char *id, const char *label);
void            lw_activity_type_free (LwActivityType *activity);
LwStage        *lw_stage_new          (const char *id, const char *label);
void            lw_stage_free         (LwStage *stage);
LwStatus       *lw_status_new         (const char *id, const char *label);
void            lw_status_free        (LwStatus *status);
LwPath         *lw_path_new           (const char *id, LwPathKind kind);
void            lw_path_free          (LwPath *path);
LwCriterion    *lw_criterion_new      (const char *id, const char *label, int points);
void            lw_criterion_free     (LwCriterion *criterion);
LwGradeBand    *lw_grade_band_new     (const char *grade, gboolean has_min, int min);
void            lw_grade_band_free    (LwGradeBand *band);
LwRep          *lw_rep_new            (const char *id, const char *name);
void            lw_rep_free           (LwRep *rep);
LwTeam         *lw_team_new           (const char *id, const char *label);
void            lw_team_free          (LwTeam *team);
LwPool         *lw_pool_new           (const char *id, const char *label);
void            lw_pool_free          (LwPool *pool);
LwAccount      *lw_account_new        (const char *domain, const char *name, const char *owner);
void            lw_account_free       (LwAccount *account);
LwRoutingRule  *lw_routing_rule_new   (const char *id, const char *label, LwAssignKind kind);
void            lw_routing_rule_free  (LwRoutingRule *rule);
LwTerritory    *lw_territory_new      (void);
void            lw_territory_free     (LwTerritory *territory);
LwSlaPolicy    *lw_sla_policy_new     (const char *id, const char *label, guint deadline_minutes);
void            lw_sla_policy_free    (LwSlaPolicy *policy);

/* Working hours: "09:00-17:30" intervals per weekday. */
gboolean        lw_week_hours_is_empty  (const LwWeekHours *hours);
gboolean        lw_interval_parse       (const char        *text,
                                         LwInterval        *out);
char           *lw_interval_format      (const LwInterval  *interval);

/* Whether @rep works at @time (their hours, their time zone) and whether
 * they are out of office that local day. */
gboolean        lw_rep_is_working       (const LwRep *rep,
                                         LwTime       time);
gboolean        lw_rep_is_out_of_office (const LwRep *rep,
                                         LwTime       time);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LwConfig, lw_config_unref)

G_END_DECLS
