/* lw-lifecycle.c: which stage a lead is in
 *
 * Stages only move forward. lw_lifecycle_decide() looks at the stages after
 * the lead's current one and picks the furthest that the lead qualifies
 * for, by its entry criteria or (for the MQL stage) by the scoring
 * threshold. It reads the lead's built-in properties (lead status, deal
 * stage, scores, grade), which the caller keeps current: scoring writes the
 * scores with lw_score_apply() before the stage is decided.
 *
 * Because a decision never goes backwards, recycling and disqualification
 * are not decisions: the caller asks lw_lifecycle_path_due() whether a path
 * applies to the lead's status, and when one does it applies the path
 * itself, setting the lead's stage to path->to_stage (and its owner to
 * path->owner_role). From there lw_lifecycle_decide() moves the lead forward
 * again as usual.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "lw-lifecycle.h"

/* A score as people read it: rounded to two decimals, trailing zeros
 * dropped, locale-independent. */
static void
append_score (GString *out,
              double   number)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  double rounded = round (number * 100.0) / 100.0;
  char *end;

  if (rounded == 0.0)
    rounded = 0.0;  /* no "−0" */
  if (rounded < 0.0)
    g_string_append (out, "\342\210\222");  /* − */

  g_ascii_formatd (buffer, sizeof buffer, "%.2f", fabs (rounded));
  end = buffer + strlen (buffer);
  while (end > buffer && end[-1] == '0')
    end--;
  if (end > buffer && end[-1] == '.')
    end--;
  g_string_append_len (out, buffer, end - buffer);
}

static const char *
stage_label (const LwStage *stage)
{
  return lw_label_or_id (stage->label, stage->id);
}

static int
find_stage (const LwConfig *config,
            const char     *id)
{
  if (id == NULL)
    return -1;

  for (guint i = 0; i < config->stages->len; i++)
    {
      const LwStage *stage = g_ptr_array_index (config->stages, i);

      if (g_strcmp0 (stage->id, id) == 0)
        return (int) i;
    }

  return -1;
}

/* "MQL threshold met: total 45 ≥ 40" */
static char *
explain_mql (const LwConfig *config,
             const LwScore  *score)
{
  const LwScoring *scoring = &config->scoring;
  g_autoptr(GString) why = g_string_new (_("MQL threshold met: "));

  if (scoring->mql_kind == LW_MQL_BOTH)
    {
      /* translators: "fit 25 ≥ 20 and engagement 15 ≥ 15" */
      g_string_append (why, _("fit "));
      append_score (why, score->fit);
      g_string_append_printf (why, " ≥ %d", scoring->mql_fit);
      g_string_append (why, _(" and engagement "));
      append_score (why, score->engagement);
      g_string_append_printf (why, " ≥ %d", scoring->mql_engagement);
    }
  else
    {
      /* translators: "total 45 ≥ 40" */
      g_string_append (why, _("total "));
      append_score (why, score->total);
      g_string_append_printf (why, " ≥ %d", scoring->mql_total);
    }

  return g_string_free (g_steal_pointer (&why), FALSE);
}

/* "entry criteria of Sales Qualified Lead: Lead status is Qualified ✓" */
static char *
explain_entry (const LwConfig *config,
               const LwLead   *lead,
               const LwStage  *stage)
{
  g_autoptr(GString) why = g_string_new (NULL);

  /* translators: %s is a lifecycle stage; the criteria follow */
  g_string_append_printf (why, _("entry criteria of %s: "), stage_label (stage));
  lw_condition_explain (stage->entry, config, lead, why);

  return g_string_free (g_steal_pointer (&why), FALSE);
}

/* The furthest stage after @current that the lead qualifies for, or -1;
 * the MQL stage's index in @mql_stage (-1 when the threshold is not met). */
static int
find_best_stage (const LwConfig *config,
                 const LwLead   *lead,
                 int             current,
                 const LwScore  *score,
                 int            *mql_stage)
{
  int n_stages = (int) config->stages->len;

  *mql_stage = score != NULL && score->mql ? find_stage (config, config->scoring.mql_stage) : -1;

  /* The furthest stage wins, so look from the end. */
  for (int i = n_stages - 1; i > current; i--)
    {
      const LwStage *stage = g_ptr_array_index (config->stages, i);

      if (i == *mql_stage ||
          (stage->entry != NULL && lw_condition_eval (stage->entry, lead)))
        return i;
    }
  return -1;
}

void
lw_lifecycle_decide (const LwConfig  *config,
                     const LwLead    *lead,
                     int              current,
                     const LwScore   *score,
                     LwStageDecision *decision)
{
  int n_stages;
  int mql_stage;
  int best;

  g_return_if_fail (decision != NULL);
  decision->stage = current;
  decision->previous = current;
  decision->why = NULL;
  g_return_if_fail (config != NULL);
  g_return_if_fail (lead != NULL);

  n_stages = (int) config->stages->len;
  g_return_if_fail (current >= -1 && current < n_stages);

  best = find_best_stage (config, lead, current, score, &mql_stage);

  if (best >= 0)
    {
      decision->stage = best;
      if (best == mql_stage)
        decision->why = explain_mql (config, score);
      else
        decision->why = explain_entry (config, lead, g_ptr_array_index (config->stages, best));
    }
  else if (current == -1 && n_stages > 0)
    {
      const LwStage *first = g_ptr_array_index (config->stages, 0);

      decision->stage = 0;
      /* translators: %s is the first lifecycle stage */
      decision->why = g_strdup_printf (_("new lead: starts in %s, the first stage"),
                                       stage_label (first));
    }
  else if (current == -1)
    {
      decision->why = g_strdup (_("no lifecycle stages are defined"));
    }
  else
    {
      const LwStage *stage = g_ptr_array_index (config->stages, current);

      /* translators: %s is the lead's current lifecycle stage */
      decision->why = g_strdup_printf (_("stays in %s: no later stage’s entry criteria hold"),
                                       stage_label (stage));
    }
}

int
lw_lifecycle_decide_stage (const LwConfig *config,
                           const LwLead   *lead,
                           int             current,
                           const LwScore  *score)
{
  int n_stages;
  int mql_stage;
  int best;

  g_return_val_if_fail (config != NULL, current);
  g_return_val_if_fail (lead != NULL, current);
  n_stages = (int) config->stages->len;
  g_return_val_if_fail (current >= -1 && current < n_stages, current);

  best = find_best_stage (config, lead, current, score, &mql_stage);
  if (best >= 0)
    return best;
  if (current == -1 && n_stages > 0)
    return 0;
  return current;
}

void
lw_stage_decision_clear (LwStageDecision *decision)
{
  g_return_if_fail (decision != NULL);

  g_clear_pointer (&decision->why, g_free);
}

/* A path applies once the lead has been in its status for after_days whole
 * days of 86400 seconds: at status_since + after_days × 86400 exactly, not a
 * second before. The first such path in the rule set's order wins. Applying
 * it is the caller's job (see the top of this file). A lead without a status
 * has no path. */
const LwPath *
lw_lifecycle_path_due (const LwConfig *config,
                       const char     *status,
                       LwTime          status_since,
                       LwTime          now)
{
  g_return_val_if_fail (config != NULL, NULL);

  if (status == NULL)
    return NULL;

  for (guint i = 0; i < config->paths->len; i++)
    {
      const LwPath *path = g_ptr_array_index (config->paths, i);

      if (g_strcmp0 (path->from_status, status) != 0)
        continue;
      if (now - status_since >= (LwTime) path->after_days * LW_DAY)
        return path;
    }

  return NULL;
}
