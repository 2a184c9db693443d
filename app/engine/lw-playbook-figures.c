/* lw-playbook-figures.c: the figures of a recorded run, for the playbook
 *
 * The funnel comes from lw_store_query_funnel(); everything else from one
 * walk over the run's leads (lw_store_foreach_lead()), so that each
 * policy's time to first touch is its own leads' and not the run's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>

#include <glib/gi18n-lib.h>

#include "lw-playbook-figures.h"

struct _LwPlaybookRun
{
  LwPlaybookFigures       figures;
  char                   *title;
  LwPlaybookStageFigures *stages;
  LwPlaybookSlaFigures   *policies;
};

typedef struct
{
  LwPlaybookSlaFigures *figures;
  GArray               *ttft;      /* gint64 seconds of the touched */
} PolicyScan;

typedef struct
{
  LwPlaybookFigures *figures;
  int               *policy_of;    /* run policy index -> config index; -1 */
  guint              n_run_policies;
  PolicyScan         total;
  PolicyScan        *policies;     /* by config policy index */
} Scan;

void
lw_playbook_run_free (LwPlaybookRun *run)
{
  if (run == NULL)
    return;
  g_free (run->title);
  g_free (run->stages);
  g_free (run->policies);
  g_free (run);
}

const LwPlaybookFigures *
lw_playbook_run_get_figures (const LwPlaybookRun *run)
{
  g_return_val_if_fail (run != NULL, NULL);

  return &run->figures;
}

static void
count_policy (PolicyScan         *scan,
              const LwStoredLead *lead)
{
  gboolean touched = lead->first_touch_at != 0;

  scan->figures->leads++;
  if (lead->breached)
    scan->figures->breached++;
  else if (touched)
    scan->figures->met++;
  if (lead->ttft >= 0)
    g_array_append_val (scan->ttft, lead->ttft);
}

static gboolean
scan_lead_cb (const LwStoredLead  *lead,
              gpointer             user_data,
              GError             **error)
{
  Scan *scan = user_data;
  LwPlaybookFigures *f = scan->figures;

  f->leads++;
  f->mql += lead->mql != FALSE;
  f->converted += lead->converted != FALSE;
  f->fallback += lead->fallback != FALSE;
  if (lead->policy >= 0)
    {
      count_policy (&scan->total, lead);
      if ((guint) lead->policy < scan->n_run_policies && scan->policy_of[lead->policy] >= 0)
        count_policy (&scan->policies[scan->policy_of[lead->policy]], lead);
    }
  return TRUE;
}

static int
compare_int64 (const void *a,
               const void *b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* Nearest rank: the smallest value with at least @p percent of the values
 * at or below it; -1 without values. */
static gint64
percentile (GArray *sorted,
            guint   p)
{
  gsize k;

  if (sorted->len == 0)
    return -1;
  k = MAX (((gsize) p * sorted->len + 99) / 100, 1) - 1;
  return g_array_index (sorted, gint64, k);
}

static void
finish_policy (PolicyScan *scan)
{
  LwPlaybookSlaFigures *f = scan->figures;

  g_array_sort (scan->ttft, compare_int64);
  f->compliance = f->met + f->breached > 0 ? 100.0 * f->met / (f->met + f->breached) : -1;
  f->ttft_p50 = percentile (scan->ttft, 50);
  f->ttft_p90 = percentile (scan->ttft, 90);
  g_array_unref (scan->ttft);
  scan->ttft = NULL;
}

/* The run's funnel as the playbook's table, in the rule set's stage order;
 * FALSE when the run's stages are not the rule set's. */
static gboolean
fill_funnel (LwPlaybookRun   *run,
             const LwConfig  *config,
             const LwFunnel  *funnel)
{
  if (funnel->stages->len != config->stages->len || config->stages->len == 0)
    return FALSE;
  run->stages = g_new0 (LwPlaybookStageFigures, config->stages->len);
  for (guint i = 0; i < funnel->stages->len; i++)
    {
      const LwFunnelStage *stage = &g_array_index (funnel->stages, LwFunnelStage, i);
      int index = lw_config_stage_index (config, stage->id);

      if (index < 0)
        {
          g_clear_pointer (&run->stages, g_free);
          return FALSE;
        }
      run->stages[index].reached = (guint) MIN (stage->reached, G_MAXUINT);
      run->stages[index].current = (guint) MIN (stage->current, G_MAXUINT);
      run->stages[index].conversion = stage->conversion;
    }
  run->figures.stages = run->stages;
  run->figures.n_stages = config->stages->len;
  return TRUE;
}

LwPlaybookRun *
lw_playbook_run_query (LwStore         *store,
                       const LwConfig  *config,
                       gint64           run_id,
                       GCancellable    *cancellable,
                       GError         **error)
{
  g_autoptr(LwPlaybookRun) run = NULL;
  g_autoptr(LwRunNames) names = NULL;
  g_autoptr(LwRunInfo) info = NULL;
  g_autoptr(LwFunnel) funnel = NULL;
  g_autofree int *policy_of = NULL;
  g_autofree PolicyScan *policies = NULL;
  LwStoreFilter filter = LW_STORE_FILTER_INIT;
  guint n_policies = config->policies->len;
  guint n_run_policies = 0;
  gboolean policies_match = TRUE;
  Scan scan = { 0, };
  gboolean ok;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (config != NULL, NULL);
  g_return_val_if_fail (run_id >= 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  names = lw_store_get_run_names (store, run_id, error);
  if (names == NULL)
    return NULL;
  info = lw_store_get_run (store, lw_run_names_get_run (names), error);
  if (info == NULL)
    return NULL;
  filter.run = info->id;
  funnel = lw_store_query_funnel (store, &filter, error);
  if (funnel == NULL)
    return NULL;

  run = g_new0 (LwPlaybookRun, 1);
  run->figures.start = info->sim_start;
  run->figures.end = info->sim_start + (LwTime) info->days * 86400;
  if (info->timings != NULL && strstr (info->timings, "\"replay\"") != NULL)
    /* translators: the title of the playbook's figures; %u is a number of leads */
    run->title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Replay of %u live lead",
                                               "Replay of %u live leads", info->leads),
                                  info->leads);
  else
    {
      g_autofree char *days = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u day", "%u days",
                                                            info->days), info->days);

      /* translators: the title of the playbook's figures: "Simulation of
       * 5000 leads over 30 days"; %u is a number of leads, %s the days */
      run->title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Simulation of %u lead over %s",
                                                 "Simulation of %u leads over %s", info->leads),
                                    info->leads, days);
    }
  run->figures.title = run->title;
  fill_funnel (run, config, funnel);

  /* The run's policies by the rule set's index. */
  while (lw_run_names_get_id (names, LW_RUN_NAME_POLICY, n_run_policies) != NULL)
    n_run_policies++;
  policy_of = g_new (int, MAX (n_run_policies, 1));
  for (guint i = 0; i < n_run_policies; i++)
    {
      const char *id = lw_run_names_get_id (names, LW_RUN_NAME_POLICY, i);

      policy_of[i] = -1;
      for (guint k = 0; k < n_policies; k++)
        if (g_strcmp0 (((const LwSlaPolicy *) g_ptr_array_index (config->policies, k))->id, id) == 0)
          policy_of[i] = k;
    }
  for (guint k = 0; k < n_policies; k++)
    {
      gboolean found = FALSE;

      for (guint i = 0; i < n_run_policies; i++)
        found |= policy_of[i] == (int) k;
      policies_match &= found;
    }

  run->policies = g_new0 (LwPlaybookSlaFigures, MAX (n_policies, 1));
  policies = g_new0 (PolicyScan, MAX (n_policies, 1));
  for (guint k = 0; k < n_policies; k++)
    {
      policies[k].figures = &run->policies[k];
      policies[k].ttft = g_array_new (FALSE, FALSE, sizeof (gint64));
    }
  scan.figures = &run->figures;
  scan.policy_of = policy_of;
  scan.n_run_policies = n_run_policies;
  scan.total.figures = &run->figures.sla;
  scan.total.ttft = g_array_new (FALSE, FALSE, sizeof (gint64));
  scan.policies = policies;

  ok = lw_store_foreach_lead (store, info->id, cancellable, scan_lead_cb, &scan, error);
  finish_policy (&scan.total);
  for (guint k = 0; k < n_policies; k++)
    finish_policy (&policies[k]);
  if (!ok)
    return NULL;

  if (policies_match && n_policies > 0)
    {
      run->figures.policies = run->policies;
      run->figures.n_policies = n_policies;
    }
  return g_steal_pointer (&run);
}
