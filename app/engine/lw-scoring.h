/* lw-scoring.h: fit and engagement scores, grades and the MQL threshold
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "lw-config.h"
#include "lw-lead.h"

G_BEGIN_DECLS

typedef enum
{
  LW_SCORE_FIT,
  LW_SCORE_ENGAGEMENT,
} LwScoreKind;

/* One criterion's contribution, for the explanation. */
typedef struct
{
  LwScoreKind        kind;
  const LwCriterion *criterion;   /* borrowed from the config */
  gboolean           matched;
  guint              times;       /* activities counted (after max_times) */
  double             points;      /* after decay; 0 when not matched */
  char              *why;         /* "Industry is Software (lead: Software)",
                                   * "2 × Pricing page visit; 1 decayed to 2.5 (14 days old)" */
} LwScoreItem;

typedef struct
{
  double     fit;                 /* after the cap */
  double     engagement;          /* after decay and the cap */
  double     total;
  double     fit_uncapped;
  double     engagement_uncapped;
  char       grade[8];            /* "A1"; empty when no grades are defined */
  gboolean   mql;                 /* the MQL threshold is met */
  GPtrArray *items;               /* LwScoreItem; NULL when not explained */
} LwScore;

/* Scores @lead at @now. With @explain, fills score->items (free with
 * lw_score_clear()). Activities after @now are ignored. */
void      lw_score_lead        (const LwConfig *config,
                                const LwLead   *lead,
                                LwTime          now,
                                gboolean        explain,
                                LwScore        *score);
void      lw_score_clear       (LwScore        *score);

/* What a caller already knows of a condition criterion. */
typedef enum
{
  LW_CRITERION_EVALUATE,          /* not known: evaluate its condition */
  LW_CRITERION_FAILS,             /* its condition does not hold */
  LW_CRITERION_HOLDS,             /* its condition holds */
} LwCriterionResult;

/* Scores as lw_score_lead() does without an explanation, taking the
 * results of condition criteria from @known instead of evaluating them:
 * one LwCriterionResult per criterion, the fit model's first, then the
 * engagement model's; criteria past @n_known, activity criteria and
 * criteria without a condition are scored as usual. For callers that
 * score the same lead over and over while most of its properties stay
 * put (the simulator). */
void      lw_score_lead_known  (const LwConfig *config,
                                const LwLead   *lead,
                                LwTime          now,
                                const guint8   *known,
                                guint           n_known,
                                LwScore        *score);

/* When every criterion of the fit model is a condition criterion whose
 * result @known gives (as lw_score_lead_known() takes it; a criterion
 * without a condition never matches), sets *@sum to the fit model's sum
 * before its cap, which then depends on @known only, and returns TRUE;
 * FALSE when some fit criterion needs a lead (an activity, or a condition
 * to evaluate). */
gboolean  lw_score_fit_sum_known (const LwConfig *config,
                                  const guint8   *known,
                                  guint           n_known,
                                  double         *sum);

/* As lw_score_lead_known(), with the fit model's sum before its cap given:
 * what lw_score_fit_sum_known() returned for the same fit results. The
 * score is the same as lw_score_lead_known()'s. */
void      lw_score_lead_known_fit (const LwConfig *config,
                                   const LwLead   *lead,
                                   LwTime          now,
                                   double          fit_uncapped,
                                   const guint8   *known,
                                   guint           n_known,
                                   LwScore        *score);

/* A rule set's scoring prepared for scoring many leads fast (the
 * simulator's re-scoring), when the caller knows the fit model's sum
 * (lw_score_fit_sum_known()). It borrows @config, which must outlive it
 * and not change. NULL when the engagement model has more than 64
 * criteria or the rule set more than 256 activities. */
typedef struct _LwScorePlan LwScorePlan;

/* A score without its grade's text: the grade bands it falls in. */
typedef struct
{
  double   fit;                   /* after the cap */
  double   engagement;            /* after decay and the cap */
  double   total;
  gboolean mql;
  int      fit_band;              /* index in the fit grades; -1 none */
  int      engagement_band;       /* index in the engagement grades; -1 none */
} LwScoreFigures;

LwScorePlan *lw_score_plan_new   (const LwConfig    *config);
void         lw_score_plan_free  (LwScorePlan       *plan);
/* The figures lw_score_lead_known_fit() gives (to the bit) for a lead
 * whose activities are @activities (in time order, as a lead keeps them;
 * those after @now are ignored) and whose other values are @lead's. */
void         lw_score_plan_score (const LwScorePlan *plan,
                                  const LwLead      *lead,
                                  const LwActivity  *activities,
                                  guint              n_activities,
                                  LwTime             now,
                                  double             fit_uncapped,
                                  const guint8      *known,
                                  guint              n_known,
                                  LwScoreFigures    *figures);
/* The grade text of those bands, as LwScore.grade holds it. */
void         lw_score_plan_grade (const LwScorePlan *plan,
                                  int                fit_band,
                                  int                engagement_band,
                                  char              *grade,
                                  gsize              size);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LwScorePlan, lw_score_plan_free)

/* Writes fit, engagement, total and grade into the lead's built-in
 * properties, so conditions can use them. */
void      lw_score_apply       (const LwConfig *config,
                                const LwScore  *score,
                                LwLead         *lead);

/* The highest score any lead can reach, after caps: what the scoring
 * editor's readout and the checks use. An activity criterion with positive
 * points and no max_times has no bound: when such a score also has no cap,
 * *unbounded is TRUE (otherwise the figure is the cap). */
void      lw_score_max_possible (const LwConfig *config,
                                 double         *fit,
                                 double         *engagement,
                                 gboolean       *fit_unbounded,
                                 gboolean       *engagement_unbounded);

/* "MQL when fit + engagement ≥ 40" */
char     *lw_scoring_describe_mql (const LwConfig *config);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LwScore, lw_score_clear)

G_END_DECLS
