/* lw-scoring.c: fit and engagement scores, grades and the MQL threshold
 *
 * A score model is a list of criteria. A condition criterion adds its points
 * once when its condition holds for the lead. An activity criterion adds its
 * points once per activity of its type that happened at or before the time
 * of scoring, counting at most max_times of them: the most recent ones, so
 * that a limit keeps what the lead did lately rather than what they did
 * first. In the engagement model, activity points decay with age when the
 * rule set asks for it (a half-life, or a window after which they count
 * nothing). Each model's sum is then capped; negative sums stay negative.
 *
 * Lead activities are kept in time order (lw-lead.h), so walking them from
 * the end meets the most recent first.
 *
 * Without an explanation lw_score_lead() allocates nothing: it is the
 * simulator's inner loop.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "lw-scoring.h"

/* How many occurrences of one activity an explanation lists one by one. */
#define MAX_LISTED_TERMS 10

/* "−" (U+2212): a minus sign that reads as one, not a hyphen. */
#define MINUS_SIGN "\342\210\222"

static void
free_item (gpointer data)
{
  LwScoreItem *item = data;

  g_free (item->why);
  g_free (item);
}

/* Appends @number rounded to two decimals with trailing zeros dropped
 * ("5", "2.5", "1.25"), with a real minus sign when negative and a plus
 * sign when positive and @sign is set. Locale-independent. */
static void
append_number (GString  *out,
               double    number,
               gboolean  sign)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  double rounded = round (number * 100.0) / 100.0;
  char *end;

  if (rounded == 0.0)
    rounded = 0.0;  /* no "−0" */

  if (rounded < 0.0)
    g_string_append (out, MINUS_SIGN);
  else if (sign && rounded > 0.0)
    g_string_append_c (out, '+');

  g_ascii_formatd (buffer, sizeof buffer, "%.2f", fabs (rounded));
  end = buffer + strlen (buffer);
  while (end > buffer && end[-1] == '0')
    end--;
  if (end > buffer && end[-1] == '.')
    end--;
  g_string_append_len (out, buffer, end - buffer);
}

/* "30 days old", "1 day old", "2.5 days old". */
static void
append_age (GString *out,
            LwTime   age)
{
  g_autoptr(GString) days = g_string_new (NULL);
  double rounded = round ((double) age / LW_DAY * 10.0) / 10.0;

  append_number (days, rounded, FALSE);
  g_string_append_printf (out,
                          /* translators: %s is a number of days, maybe with decimals */
                          g_dngettext (GETTEXT_PACKAGE, "%s day old", "%s days old",
                                       rounded == 1.0 ? 1 : 2),
                          days->str);
}

static const char *
criterion_label (const LwCriterion *criterion)
{
  return lw_label_or_id (criterion->label, criterion->id);
}

/* What one activity of @age is worth, as a fraction of its points. */
static inline double
decay_factor (const LwScoring *scoring,
              LwDecayKind      decay,
              LwTime           age)
{
  switch (decay)
    {
    case LW_DECAY_HALF_LIFE:
      /* A half-life that is not positive is an invalid rule set
       * (lw_config_bind() reports it); score as if there were no decay. */
      /* An activity scored the moment it happens, as most are, counts
       * whole without computing. */
      if (age == 0)
        return 1.0;
      /* 2^-y is 0.5^y; exp2() takes a third of pow()'s work. The two
       * differ in the last bit for about 0.1 % of ages, which the scores,
       * kept as floats, do not see. */
      if (scoring->half_life_days > 0.0)
        return exp2 (-(((double) age / LW_DAY) / scoring->half_life_days));
      return 1.0;

    case LW_DECAY_WINDOW:
      return age > (LwTime) scoring->window_days * LW_DAY ? 0.0 : 1.0;

    case LW_DECAY_NONE:
    default:
      return 1.0;
    }
}

/* The points of an activity criterion; explains into @why when not NULL. */
static double
score_activity (const LwConfig    *config,
                const LwLead      *lead,
                LwTime             now,
                const LwCriterion *criterion,
                LwDecayKind        decay,
                guint             *times,
                GString           *why)
{
  const LwScoring *scoring = &config->scoring;
  GArray *activities = lead->activities;
  guint counted = 0;
  guint limited = 0;
  guint expired = 0;
  double sum = 0.0;

  *times = 0;

  if (why != NULL)
    g_string_append_printf (why, "%s: ", criterion_label (criterion));

  if (criterion->activity_index < 0)
    {
      if (why != NULL)
        g_string_append_printf (why,
                                /* translators: %s is an activity id */
                                _("no points: the activity “%s” is not defined"),
                                criterion->activity != NULL ? criterion->activity : "");
      return 0.0;
    }

  for (guint i = activities != NULL ? activities->len : 0; i-- > 0;)
    {
      const LwActivity *activity = &g_array_index (activities, LwActivity, i);
      LwTime age;
      double factor;
      double points;

      if ((int) activity->type != criterion->activity_index || activity->at > now)
        continue;

      age = now - activity->at;
      factor = decay_factor (scoring, decay, age);
      if (decay == LW_DECAY_WINDOW && factor == 0.0)
        {
          expired++;
          continue;
        }
      if (criterion->max_times > 0 && counted >= criterion->max_times)
        {
          /* Only the explanation counts what the limit left out. */
          if (why == NULL)
            break;
          limited++;
          continue;
        }

      counted++;
      points = criterion->points * factor;
      sum += points;

      if (why == NULL)
        continue;

      if (counted > MAX_LISTED_TERMS)
        continue;
      if (counted > 1)
        g_string_append (why, " + ");
      append_number (why, points, FALSE);
      if (factor != 1.0)
        {
          g_string_append (why, " (");
          /* translators: followed by "N days old" */
          g_string_append (why, _("decayed, "));
          append_age (why, age);
          g_string_append_c (why, ')');
        }
    }

  *times = counted;

  if (why == NULL)
    return sum;

  if (counted == 0)
    {
      g_string_append (why, _("no activity"));
    }
  else
    {
      g_autoptr(GString) head = g_string_new (NULL);

      /* translators: "3 × ", the count of activities before their label */
      g_string_append_printf (head, _("%u × "), counted);
      g_string_prepend (why, head->str);

      if (counted > MAX_LISTED_TERMS)
        g_string_append_printf (why,
                                /* translators: the occurrences not listed one by one */
                                _(" + … (%u more)"), counted - MAX_LISTED_TERMS);
      if (counted > 1)
        {
          g_string_append (why, " = ");
          append_number (why, sum, FALSE);
        }
    }

  if (limited > 0)
    g_string_append_printf (why,
                            /* translators: max_times reached; the last %u is how many
                             * older activities were left out */
                            g_dngettext (GETTEXT_PACKAGE,
                                         "; at most %u count, so only the most recent "
                                         "ones do (%u older one ignored)",
                                         "; at most %u count, so only the most recent "
                                         "ones do (%u older ones ignored)",
                                         limited),
                            criterion->max_times, limited);

  if (expired > 0)
    g_string_append_printf (why,
                            /* translators: the activities older than the decay window */
                            g_dngettext (GETTEXT_PACKAGE,
                                         "; %u older than %u days counts nothing",
                                         "; %u older than %u days count nothing",
                                         expired),
                            expired, scoring->window_days);

  return sum;
}

/* The points of a condition criterion; explains into @why when not NULL.
 * @known: what the caller knows of it (LwCriterionResult). */
static double
score_condition (const LwConfig    *config,
                 const LwLead      *lead,
                 const LwCriterion *criterion,
                 guint8             known,
                 gboolean          *matched,
                 GString           *why)
{
  if (criterion->when == NULL)
    {
      /* Neither a condition nor an activity: an invalid criterion that
       * lw_config_bind() reports. It never matches. */
      *matched = FALSE;
      if (why != NULL)
        g_string_append_printf (why, "%s: %s", criterion_label (criterion),
                                _("no points: the criterion has no condition"));
      return 0.0;
    }

  if (why == NULL)
    {
      if (known == LW_CRITERION_EVALUATE)
        *matched = lw_condition_eval (criterion->when, lead);
      else
        *matched = known == LW_CRITERION_HOLDS;
      return *matched ? criterion->points : 0.0;
    }
  else
    {
      g_autoptr(GString) explanation = g_string_new (NULL);

      *matched = lw_condition_explain (criterion->when, config, lead, explanation);

      g_string_append_printf (why, "%s: ", criterion_label (criterion));
      if (*matched)
        append_number (why, criterion->points, TRUE);
      else
        g_string_append (why, _("no points"));
      g_string_append (why, " — ");
      g_string_append (why, explanation->str);

      return *matched ? criterion->points : 0.0;
    }
}

/* The most criteria and activity types score_model_fast() takes. */
#define FAST_MAX_CRITERIA 64
#define FAST_MAX_TYPES    256

/* Chains the criteria of @criteria (@n) that count an activity (of the
 * @n_types defined) by type: head[type] is the first, next[i] the one
 * after criterion i, -1 ends a chain. Returns whether there is any. */
static gboolean
chain_activity_criteria (const LwCriterion * const *criteria,
                         guint                      n,
                         guint                      n_types,
                         int                       *head,
                         int                       *next)
{
  gboolean any = FALSE;

  for (guint t = 0; t < n_types; t++)
    head[t] = -1;
  for (guint i = n; i-- > 0;)
    {
      const LwCriterion *criterion = criteria[i];

      next[i] = -1;
      /* As in score_activity(): an activity that is not defined counts
       * nothing. */
      if (criterion->activity != NULL && criterion->activity_index >= 0 &&
          (guint) criterion->activity_index < n_types)
        {
          next[i] = head[criterion->activity_index];
          head[criterion->activity_index] = (int) i;
          any = TRUE;
        }
    }
  return any;
}

/* The points of each activity criterion in @sums (@n of them, zero for
 * the others), in one walk over @activities instead of one per criterion:
 * each activity goes to the criteria of its type (chained by
 * chain_activity_criteria()). Every criterion's points are added up from
 * its most recent activity on, as score_activity() adds them, so each sum
 * is the same to the bit; an activity's decay is computed once, and not
 * at all when every criterion of its type has reached its limit. */
static inline void
sum_activity_criteria (const LwScoring           *scoring,
                       LwDecayKind                decay,
                       const LwCriterion * const *criteria,
                       guint                      n,
                       const int                 *head,
                       const int                 *next,
                       guint                      n_types,
                       const LwActivity          *activities,
                       guint                      n_activities,
                       LwTime                     now,
                       double                    *sums)
{
  guint counted[FAST_MAX_CRITERIA];

  for (guint i = 0; i < n; i++)
    {
      sums[i] = 0.0;
      counted[i] = 0;
    }

  for (guint a = n_activities; a-- > 0;)
    {
      const LwActivity *activity = &activities[a];
      double factor = 0.0;
      gboolean have_factor = FALSE;

      if (activity->type >= n_types || head[activity->type] < 0 || activity->at > now)
        continue;

      for (int c = head[activity->type]; c >= 0; c = next[c])
        {
          const LwCriterion *criterion = criteria[c];

          if (criterion->max_times > 0 && counted[c] >= criterion->max_times &&
              decay != LW_DECAY_WINDOW)
            continue;
          if (!have_factor)
            {
              factor = decay_factor (scoring, decay, now - activity->at);
              have_factor = TRUE;
            }
          /* Past the window: counts nothing, and not towards the
           * limit. */
          if (decay == LW_DECAY_WINDOW && factor == 0.0)
            continue;
          if (criterion->max_times > 0 && counted[c] >= criterion->max_times)
            continue;
          counted[c]++;
          sums[c] += criterion->points * factor;
        }
    }
}

/* score_model() without an explanation: the activity criteria summed in
 * one walk over the lead's activities (sum_activity_criteria()), then the
 * criteria's sums in criterion order, so the sum is the same to the bit.
 * FALSE (nothing done) for a model too large. */
static gboolean
score_model_fast (const LwConfig     *config,
                  const LwLead       *lead,
                  LwTime              now,
                  LwScoreKind         kind,
                  const LwScoreModel *model,
                  const guint8       *known,
                  guint               n_known,
                  double             *result)
{
  LwDecayKind decay = kind == LW_SCORE_ENGAGEMENT ? config->scoring.decay : LW_DECAY_NONE;
  guint n = model->criteria != NULL ? model->criteria->len : 0;
  guint n_types = config->activities != NULL ? config->activities->len : 0;
  const LwCriterion * const *criteria;
  double sums[FAST_MAX_CRITERIA];
  int next[FAST_MAX_CRITERIA];
  int head[FAST_MAX_TYPES];
  double sum = 0.0;

  if (n > FAST_MAX_CRITERIA || n_types > FAST_MAX_TYPES)
    return FALSE;
  criteria = n > 0 ? (const LwCriterion * const *) model->criteria->pdata : NULL;

  if (chain_activity_criteria (criteria, n, n_types, head, next) && lead->activities != NULL)
    sum_activity_criteria (&config->scoring, decay, criteria, n, head, next, n_types,
                           (const LwActivity *) (gconstpointer) lead->activities->data,
                           lead->activities->len, now, sums);
  else
    for (guint i = 0; i < n; i++)
      sums[i] = 0.0;

  for (guint i = 0; i < n; i++)
    {
      const LwCriterion *criterion = criteria[i];

      if (criterion->activity != NULL)
        {
          sum += sums[i];
        }
      else
        {
          gboolean matched;

          sum += score_condition (config, lead, criterion,
                                  i < n_known ? known[i] : LW_CRITERION_EVALUATE,
                                  &matched, NULL);
        }
    }

  *result = sum;
  return TRUE;
}

/* Sums one model before its cap. @known (@n_known entries, may be NULL)
 * holds what the caller knows of its criteria. */
static double
score_model (const LwConfig     *config,
             const LwLead       *lead,
             LwTime              now,
             LwScoreKind         kind,
             const LwScoreModel *model,
             const guint8       *known,
             guint               n_known,
             GPtrArray          *items)
{
  LwDecayKind decay = kind == LW_SCORE_ENGAGEMENT ? config->scoring.decay : LW_DECAY_NONE;
  double sum = 0.0;

  if (items == NULL &&
      score_model_fast (config, lead, now, kind, model, known, n_known, &sum))
    return sum;

  for (guint i = 0; model->criteria != NULL && i < model->criteria->len; i++)
    {
      const LwCriterion *criterion = g_ptr_array_index (model->criteria, i);
      g_autoptr(GString) why = items != NULL ? g_string_new (NULL) : NULL;
      gboolean matched;
      guint times;
      double points;

      if (criterion->activity != NULL)
        {
          points = score_activity (config, lead, now, criterion, decay, &times, why);
          matched = times > 0;
        }
      else
        {
          points = score_condition (config, lead, criterion,
                                    i < n_known ? known[i] : LW_CRITERION_EVALUATE,
                                    &matched, why);
          times = matched ? 1 : 0;
        }

      sum += points;

      if (items != NULL)
        {
          LwScoreItem *item = g_new0 (LwScoreItem, 1);

          item->kind = kind;
          item->criterion = criterion;
          item->matched = matched;
          item->times = times;
          item->points = points;
          item->why = g_string_free (g_steal_pointer (&why), FALSE);
          g_ptr_array_add (items, item);
        }
    }

  return sum;
}

static double
apply_cap (const LwScoreModel *model,
           double              sum)
{
  if (model->has_cap && sum > model->cap)
    return model->cap;
  return sum;
}

/* The band @value falls in: the first (highest) whose min it reaches, a
 * band without a min taking every value; the last band otherwise. NULL
 * when there are no bands. */
static const char *
pick_grade (GPtrArray *bands,
            double     value)
{
  const LwGradeBand *band = NULL;

  if (bands == NULL || bands->len == 0)
    return NULL;

  for (guint i = 0; i < bands->len; i++)
    {
      band = g_ptr_array_index (bands, i);
      if (!band->has_min || band->min <= value)
        return band->grade;
    }

  return band->grade;
}

/* Appends whole UTF-8 characters of @text to @grade (of @size bytes, NUL
 * terminated) while they fit. No allocation. */
static void
append_grade (char       *grade,
              gsize       size,
              const char *text)
{
  gsize length = strlen (grade);

  if (text == NULL)
    return;

  while (*text != '\0')
    {
      gsize n;

      /* Grades are short ASCII ("A", "1"): copied a byte at a time. */
      if ((guchar) *text < 0x80)
        {
          if (length + 1 >= size)
            return;
          grade[length++] = *text++;
          grade[length] = '\0';
          continue;
        }

      n = g_utf8_skip[*(const guchar *) text];
      for (gsize k = 1; k < n; k++)
        if (text[k] == '\0')
          return;
      if (length + n >= size)
        return;
      memcpy (grade + length, text, n);
      length += n;
      grade[length] = '\0';
      text += n;
    }
}

/* Whether the scores make a marketing-qualified lead, as the rule set says. */
static gboolean
meets_mql (const LwScoring *scoring,
           double           fit,
           double           engagement,
           double           total)
{
  switch (scoring->mql_kind)
    {
    case LW_MQL_BOTH:
      return fit >= scoring->mql_fit && engagement >= scoring->mql_engagement;

    case LW_MQL_TOTAL:
    default:
      return total >= scoring->mql_total;
    }
}

/* @fit_uncapped: the fit model's sum when the caller knows it, else
 * NULL. */
static void
score_lead (const LwConfig *config,
            const LwLead   *lead,
            LwTime          now,
            gboolean        explain,
            const guint8   *known,
            guint           n_known,
            const double   *fit_uncapped,
            LwScore        *score)
{
  const LwScoring *scoring = &config->scoring;
  guint n_fit = scoring->fit.criteria != NULL ? scoring->fit.criteria->len : 0;

  memset (score, 0, sizeof *score);
  if (explain)
    score->items = g_ptr_array_new_with_free_func (free_item);

  if (fit_uncapped != NULL)
    score->fit_uncapped = *fit_uncapped;
  else
    score->fit_uncapped = score_model (config, lead, now, LW_SCORE_FIT,
                                       &scoring->fit, known, MIN (n_known, n_fit),
                                       score->items);
  score->engagement_uncapped = score_model (config, lead, now, LW_SCORE_ENGAGEMENT,
                                            &scoring->engagement,
                                            known != NULL ? known + MIN (n_known, n_fit) : NULL,
                                            n_known > n_fit ? n_known - n_fit : 0,
                                            score->items);
  score->fit = apply_cap (&scoring->fit, score->fit_uncapped);
  score->engagement = apply_cap (&scoring->engagement, score->engagement_uncapped);
  score->total = score->fit + score->engagement;

  append_grade (score->grade, sizeof score->grade,
                pick_grade (scoring->fit_grades, score->fit));
  append_grade (score->grade, sizeof score->grade,
                pick_grade (scoring->engagement_grades, score->engagement));

  score->mql = meets_mql (scoring, score->fit, score->engagement, score->total);
}

void
lw_score_lead (const LwConfig *config,
               const LwLead   *lead,
               LwTime          now,
               gboolean        explain,
               LwScore        *score)
{
  g_return_if_fail (config != NULL);
  g_return_if_fail (lead != NULL);
  g_return_if_fail (score != NULL);

  score_lead (config, lead, now, explain, NULL, 0, NULL, score);
}

void
lw_score_lead_known (const LwConfig *config,
                     const LwLead   *lead,
                     LwTime          now,
                     const guint8   *known,
                     guint           n_known,
                     LwScore        *score)
{
  g_return_if_fail (config != NULL);
  g_return_if_fail (lead != NULL);
  g_return_if_fail (score != NULL);
  g_return_if_fail (n_known == 0 || known != NULL);

  score_lead (config, lead, now, FALSE, known, n_known, NULL, score);
}

gboolean
lw_score_fit_sum_known (const LwConfig *config,
                        const guint8   *known,
                        guint           n_known,
                        double         *sum)
{
  const LwScoreModel *model;

  g_return_val_if_fail (config != NULL, FALSE);
  g_return_val_if_fail (n_known == 0 || known != NULL, FALSE);
  g_return_val_if_fail (sum != NULL, FALSE);

  model = &config->scoring.fit;
  for (guint i = 0; model->criteria != NULL && i < model->criteria->len; i++)
    {
      const LwCriterion *criterion = g_ptr_array_index (model->criteria, i);

      if (criterion->activity != NULL)
        return FALSE;
      if (criterion->when != NULL && (i >= n_known || known[i] == LW_CRITERION_EVALUATE))
        return FALSE;
    }

  /* Every criterion is known: score_model() reads neither the lead nor
   * the time, and adds up exactly what it adds up for any lead. */
  *sum = score_model (config, NULL, 0, LW_SCORE_FIT, model, known, n_known, NULL);
  return TRUE;
}

void
lw_score_lead_known_fit (const LwConfig *config,
                         const LwLead   *lead,
                         LwTime          now,
                         double          fit_uncapped,
                         const guint8   *known,
                         guint           n_known,
                         LwScore        *score)
{
  g_return_if_fail (config != NULL);
  g_return_if_fail (lead != NULL);
  g_return_if_fail (score != NULL);
  g_return_if_fail (n_known == 0 || known != NULL);

  score_lead (config, lead, now, FALSE, known, n_known, &fit_uncapped, score);
}

/* ---- a prepared scoring, for the simulator -------------------------------- */

/* What score_model_fast() builds at every call for the engagement model,
 * built once: the criteria of each activity type in criterion order. */
struct _LwScorePlan
{
  const LwConfig            *config;
  const LwCriterion * const *criteria;  /* the engagement model's */
  guint                      n;
  guint                      n_fit;
  guint                      n_types;
  LwDecayKind                decay;
  int                        head[FAST_MAX_TYPES];
  int                        next[FAST_MAX_CRITERIA];
  /* The grade bands' mins as pick_grade() compares them, -inf for a band
   * without one (it takes every value); fit bands first. */
  double                    *band_min;
  guint                      n_fit_bands;
  guint                      n_engagement_bands;
};

static void
set_band_mins (double    *mins,
               GPtrArray *bands)
{
  for (guint i = 0; bands != NULL && i < bands->len; i++)
    {
      const LwGradeBand *band = g_ptr_array_index (bands, i);

      mins[i] = band->has_min ? (double) band->min : -INFINITY;
    }
}

LwScorePlan *
lw_score_plan_new (const LwConfig *config)
{
  const LwScoring *scoring;
  LwScorePlan *plan;
  guint n;
  guint n_types;

  g_return_val_if_fail (config != NULL, NULL);

  scoring = &config->scoring;
  n = scoring->engagement.criteria != NULL ? scoring->engagement.criteria->len : 0;
  n_types = config->activities != NULL ? config->activities->len : 0;
  if (n > FAST_MAX_CRITERIA || n_types > FAST_MAX_TYPES)
    return NULL;

  plan = g_new0 (LwScorePlan, 1);
  plan->config = config;
  plan->criteria = n > 0 ? (const LwCriterion * const *) scoring->engagement.criteria->pdata
                         : NULL;
  plan->n = n;
  plan->n_fit = scoring->fit.criteria != NULL ? scoring->fit.criteria->len : 0;
  plan->n_types = n_types;
  plan->decay = scoring->decay;
  plan->n_fit_bands = scoring->fit_grades != NULL ? scoring->fit_grades->len : 0;
  plan->n_engagement_bands = scoring->engagement_grades != NULL
                             ? scoring->engagement_grades->len : 0;
  plan->band_min = g_new (double, MAX (plan->n_fit_bands + plan->n_engagement_bands, 1));
  set_band_mins (plan->band_min, scoring->fit_grades);
  set_band_mins (plan->band_min + plan->n_fit_bands, scoring->engagement_grades);
  chain_activity_criteria (plan->criteria, n, n_types, plan->head, plan->next);
  return plan;
}

void
lw_score_plan_free (LwScorePlan *plan)
{
  if (plan == NULL)
    return;
  g_free (plan->band_min);
  g_free (plan);
}

/* The index of the band pick_grade() picks among the @n of @mins (see
 * LwScorePlan); -1 when there are none. A value that is not a number
 * reaches no min, as in pick_grade(), and a band without one takes it. */
static inline int
pick_band (const double *mins,
           guint         n,
           double        value)
{
  if (n == 0)
    return -1;

  for (guint i = 0; i < n; i++)
    if (mins[i] == -INFINITY || mins[i] <= value)
      return (int) i;
  return (int) n - 1;
}

void
lw_score_plan_score (const LwScorePlan *plan,
                     const LwLead      *lead,
                     const LwActivity  *activities,
                     guint              n_activities,
                     LwTime             now,
                     double             fit_uncapped,
                     const guint8      *known,
                     guint              n_known,
                     LwScoreFigures    *figures)
{
  const LwConfig *config;
  const LwScoring *scoring;
  const LwCriterion * const *criteria;
  const guint8 *engagement_known;
  guint n_engagement_known;
  LwDecayKind decay;
  double sums[FAST_MAX_CRITERIA];
  double sum = 0.0;

  g_return_if_fail (plan != NULL);
  g_return_if_fail (lead != NULL);
  g_return_if_fail (n_activities == 0 || activities != NULL);
  g_return_if_fail (n_known == 0 || known != NULL);
  g_return_if_fail (figures != NULL);

  config = plan->config;
  scoring = &config->scoring;
  criteria = plan->criteria;
  decay = plan->decay;
  /* As score_lead() splits them. */
  engagement_known = known != NULL ? known + MIN (n_known, plan->n_fit) : NULL;
  n_engagement_known = n_known > plan->n_fit ? n_known - plan->n_fit : 0;

  sum_activity_criteria (scoring, decay, criteria, plan->n, plan->head, plan->next, plan->n_types,
                         activities, n_activities, now, sums);

  for (guint i = 0; i < plan->n; i++)
    {
      const LwCriterion *criterion = criteria[i];

      if (criterion->activity != NULL)
        {
          sum += sums[i];
        }
      else
        {
          gboolean matched;

          sum += score_condition (config, lead, criterion,
                                  i < n_engagement_known ? engagement_known[i]
                                                         : LW_CRITERION_EVALUATE,
                                  &matched, NULL);
        }
    }

  /* As score_lead() finishes. */
  figures->fit = apply_cap (&scoring->fit, fit_uncapped);
  figures->engagement = apply_cap (&scoring->engagement, sum);
  figures->total = figures->fit + figures->engagement;
  figures->fit_band = pick_band (plan->band_min, plan->n_fit_bands, figures->fit);
  figures->engagement_band = pick_band (plan->band_min + plan->n_fit_bands,
                                        plan->n_engagement_bands, figures->engagement);
  figures->mql = meets_mql (scoring, figures->fit, figures->engagement, figures->total);
}

void
lw_score_plan_grade (const LwScorePlan *plan,
                     int                fit_band,
                     int                engagement_band,
                     char              *grade,
                     gsize              size)
{
  const LwScoring *scoring;

  g_return_if_fail (plan != NULL);
  g_return_if_fail (grade != NULL);
  g_return_if_fail (size > 0);

  scoring = &plan->config->scoring;
  grade[0] = '\0';
  if (fit_band >= 0 && scoring->fit_grades != NULL &&
      (guint) fit_band < scoring->fit_grades->len)
    append_grade (grade, size,
                  ((const LwGradeBand *) g_ptr_array_index (scoring->fit_grades, fit_band))->grade);
  if (engagement_band >= 0 && scoring->engagement_grades != NULL &&
      (guint) engagement_band < scoring->engagement_grades->len)
    append_grade (grade, size,
                  ((const LwGradeBand *) g_ptr_array_index (scoring->engagement_grades,
                                                            engagement_band))->grade);
}

/* Frees the explanation and leaves an empty score. */
void
lw_score_clear (LwScore *score)
{
  g_return_if_fail (score != NULL);

  g_clear_pointer (&score->items, g_ptr_array_unref);
  memset (score, 0, sizeof *score);
}

/* An empty grade (no bands defined) unsets the lead's grade, so that
 * "grade HAS_PROPERTY" tells whether grading is in use. */
void
lw_score_apply (const LwConfig *config,
                const LwScore  *score,
                LwLead         *lead)
{
  const LwProperty *fit;
  const LwProperty *engagement;
  const LwProperty *total;
  const LwProperty *grade;

  g_return_if_fail (config != NULL);
  g_return_if_fail (score != NULL);
  g_return_if_fail (lead != NULL);

  fit = lw_config_builtin (config, LW_BUILTIN_FIT_SCORE);
  engagement = lw_config_builtin (config, LW_BUILTIN_ENGAGEMENT_SCORE);
  total = lw_config_builtin (config, LW_BUILTIN_TOTAL_SCORE);
  grade = lw_config_builtin (config, LW_BUILTIN_GRADE);

  g_return_if_fail (fit != NULL && engagement != NULL && total != NULL && grade != NULL);

  lw_lead_set_number (lead, fit->index, score->fit);
  lw_lead_set_number (lead, engagement->index, score->engagement);
  lw_lead_set_number (lead, total->index, score->total);
  if (score->grade[0] != '\0')
    lw_lead_set_string (lead, grade->index, score->grade);
  else
    lw_lead_unset (lead, grade->index);
}

/* The sum of every positive contribution (conditions once, activities
 * points × max_times, no decay: a fresh activity counts in full), then the
 * cap. It is an upper bound: conditions that exclude each other are all
 * counted. An activity with positive points and no max_times has no bound:
 * then the figure is the cap when there is one (and the model is bounded by
 * it), else the sum of the bounded criteria with *unbounded set to TRUE. */
static double
max_possible (const LwScoreModel *model,
              gboolean           *unbounded)
{
  double sum = 0.0;

  *unbounded = FALSE;

  for (guint i = 0; model->criteria != NULL && i < model->criteria->len; i++)
    {
      const LwCriterion *criterion = g_ptr_array_index (model->criteria, i);

      if (criterion->points <= 0)
        continue;

      if (criterion->activity != NULL)
        {
          if (criterion->max_times == 0)
            *unbounded = TRUE;
          else
            sum += (double) criterion->points * criterion->max_times;
        }
      else
        {
          sum += criterion->points;
        }
    }

  if (model->has_cap)
    {
      if (*unbounded)
        {
          *unbounded = FALSE;
          return model->cap;
        }
      return MIN (sum, (double) model->cap);
    }

  return sum;
}

void
lw_score_max_possible (const LwConfig *config,
                       double         *fit,
                       double         *engagement,
                       gboolean       *fit_unbounded,
                       gboolean       *engagement_unbounded)
{
  gboolean fit_open;
  gboolean engagement_open;
  double fit_max;
  double engagement_max;

  g_return_if_fail (config != NULL);

  fit_max = max_possible (&config->scoring.fit, &fit_open);
  engagement_max = max_possible (&config->scoring.engagement, &engagement_open);

  if (fit != NULL)
    *fit = fit_max;
  if (engagement != NULL)
    *engagement = engagement_max;
  if (fit_unbounded != NULL)
    *fit_unbounded = fit_open;
  if (engagement_unbounded != NULL)
    *engagement_unbounded = engagement_open;
}

char *
lw_scoring_describe_mql (const LwConfig *config)
{
  const LwScoring *scoring;

  g_return_val_if_fail (config != NULL, NULL);

  scoring = &config->scoring;

  switch (scoring->mql_kind)
    {
    case LW_MQL_BOTH:
      /* translators: the two thresholds of the scores */
      return g_strdup_printf (_("MQL when fit ≥ %d and engagement ≥ %d"),
                              scoring->mql_fit, scoring->mql_engagement);

    case LW_MQL_TOTAL:
    default:
      /* translators: the threshold of the total score */
      return g_strdup_printf (_("MQL when fit + engagement ≥ %d"), scoring->mql_total);
    }
}
