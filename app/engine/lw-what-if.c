/* lw-what-if.c: what an edit does, on the same leads, in memory
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "lw-what-if.h"

LwWhatIfSide *
lw_what_if_side_ref (LwWhatIfSide *side)
{
  g_return_val_if_fail (side != NULL, NULL);

  g_atomic_ref_count_inc (&side->ref_count);
  return side;
}

void
lw_what_if_side_unref (LwWhatIfSide *side)
{
  g_return_if_fail (side != NULL);

  if (!g_atomic_ref_count_dec (&side->ref_count))
    return;
  g_clear_pointer (&side->config, lw_config_unref);
  g_free (side->summary.stages);
  g_free (side->summary.policies);
  g_free (side->summary.reps);
  g_free (side->summary.sources);
  g_free (side->summary.entry_points);
  g_free (side);
}

static gpointer
dup_array (gconstpointer data,
           guint         n,
           gsize         size)
{
  return n > 0 && data != NULL ? g_memdup2 (data, (gsize) n * size) : NULL;
}

static void
copy_summary (LwSimSummary       *to,
              const LwSimSummary *from)
{
  *to = *from;
  to->stages = dup_array (from->stages, from->n_stages, sizeof (LwSimStageFigures));
  to->policies = dup_array (from->policies, from->n_policies, sizeof (LwSimSlaFigures));
  to->reps = dup_array (from->reps, from->n_reps, sizeof (LwSimRepFigures));
  to->sources = dup_array (from->sources, from->n_sources, sizeof (LwSimSourceFigures));
  to->entry_points = dup_array (from->entry_points, from->n_entry_points, sizeof (LwSimSourceFigures));
}

static void
clear_summary (LwSimSummary *summary)
{
  g_clear_pointer (&summary->stages, g_free);
  g_clear_pointer (&summary->policies, g_free);
  g_clear_pointer (&summary->reps, g_free);
  g_clear_pointer (&summary->sources, g_free);
  g_clear_pointer (&summary->entry_points, g_free);
}

static void
add_sla (LwSimSlaFigures       *to,
         const LwSimSlaFigures *from)
{
  to->leads += from->leads;
  to->met += from->met;
  to->breached += from->breached;
  to->pending += from->pending;
  to->warned += from->warned;
  to->escalated += from->escalated;
  to->reassigned += from->reassigned;
  to->compliance = to->met + to->breached > 0 ? 100.0 * to->met / (to->met + to->breached) : -1;
}

static void
add_source (LwSimSourceFigures       *to,
            const LwSimSourceFigures *from)
{
  to->leads += from->leads;
  to->mql += from->mql;
  to->converted += from->converted;
  to->customers += from->customers;
}

/* Adds @from (a replication made with the same rule set and scenario) to
 * @to. */
static void
add_summary (LwSimSummary       *to,
             const LwSimSummary *from)
{
  g_assert (to->n_stages == from->n_stages && to->n_policies == from->n_policies &&
            to->n_reps == from->n_reps && to->n_sources == from->n_sources &&
            to->n_entry_points == from->n_entry_points);

  to->leads += from->leads;
  to->events += from->events;
  to->finished = to->finished && from->finished;
  to->mql += from->mql;
  to->routed += from->routed;
  to->fallback += from->fallback;
  to->touched += from->touched;
  to->converted += from->converted;
  to->disqualified += from->disqualified;
  to->recycled += from->recycled;
  to->warnings += from->warnings;
  to->breaches += from->breaches;
  to->escalations += from->escalations;
  to->reassignments += from->reassignments;
  add_sla (&to->sla, &from->sla);
  for (guint i = 0; i < to->n_stages; i++)
    {
      LwSimStageFigures *stage = &to->stages[i];

      stage->entered += from->stages[i].entered;
      stage->reached += from->stages[i].reached;
      stage->advanced += from->stages[i].advanced;
      stage->current += from->stages[i].current;
      stage->conversion = i + 1 < to->n_stages && stage->reached > 0
                          ? (double) stage->advanced / stage->reached : -1;
    }
  for (guint i = 0; i < to->n_policies; i++)
    add_sla (&to->policies[i], &from->policies[i]);
  for (guint i = 0; i < to->n_reps; i++)
    {
      to->reps[i].routed += from->reps[i].routed;
      to->reps[i].owned += from->reps[i].owned;
      to->reps[i].touched += from->reps[i].touched;
      to->reps[i].met += from->reps[i].met;
      to->reps[i].breached += from->reps[i].breached;
    }
  for (guint i = 0; i < to->n_sources; i++)
    add_source (&to->sources[i], &from->sources[i]);
  for (guint i = 0; i < to->n_entry_points; i++)
    add_source (&to->entry_points[i], &from->entry_points[i]);
}

/* ---- the plan ------------------------------------------------------------------------------- */

guint
lw_what_if_days_for (const LwScenario *scenario,
                     guint             leads)
{
  double days;

  g_return_val_if_fail (scenario != NULL, 1);

  if (scenario->leads == 0 || leads == 0)
    return MAX (scenario->days, 1);
  days = round ((double) scenario->days * leads / scenario->leads);
  return (guint) CLAMP (days, 1, LW_SIM_MAX_DAYS);
}

void
lw_what_if_plan (const LwScenario *scenario,
                 guint             leads,
                 guint            *replications,
                 guint            *leads_each,
                 guint            *days_each)
{
  guint n, each;

  g_return_if_fail (scenario != NULL);

  if (leads == 0)
    leads = scenario->leads;
  n = scenario->leads > 0 ? (leads + scenario->leads - 1) / scenario->leads : 1;
  n = MAX (n, 1);
  each = leads / n;
  if (replications != NULL)
    *replications = n;
  if (leads_each != NULL)
    *leads_each = each;
  if (days_each != NULL)
    *days_each = lw_what_if_days_for (scenario, each);
}

guint64
lw_what_if_replication_seed (guint64 seed,
                             guint   index)
{
  guint64 z;

  if (index == 0)
    return seed;
  /* splitmix64 of the seed and the index: distinct, well spread seeds. */
  z = seed + (guint64) index * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15);
  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  return z ^ (z >> 31);
}

/* ---- running -------------------------------------------------------------------------------- */

/* The replications of one or two sides, shared by the threads that run
 * them: each takes the next job not taken until none is left. */
typedef struct
{
  const LwConfig   *configs[2];
  guint             n_sides;
  LwScenario       *scenario;
  LwSimOptions      options;      /* the first replication's */
  guint             leads;        /* in all, per side */
  guint             replications;
  guint             leads_each;
  guint             days;
  GCancellable     *cancellable;  /* ours: cancelled on the first error */
  GThread          *caller;

  int               next_job;     /* atomic */
  int               leads_done;   /* atomic, over every job */
  int              *job_done;     /* atomic per job: its leads done so far */
  LwSimSummary     *results;      /* per job, side after side */
  gboolean         *ran;          /* per job */
  GMutex            mutex;
  GError           *error;        /* under mutex: the first error */

  LwSimProgressFunc progress;
  gpointer          progress_data;
} Jobs;

typedef struct
{
  Jobs  *jobs;
  guint  job;
} JobProgress;

static guint
job_leads (Jobs  *jobs,
           guint  job)
{
  guint r = job % jobs->replications;
  guint extra = jobs->leads - jobs->leads_each * jobs->replications;

  return jobs->leads_each + (r < extra ? 1 : 0);
}

static void
job_progress_cb (LwTime   now,
                 guint    done,
                 guint    total,
                 gpointer user_data)
{
  JobProgress *p = user_data;
  Jobs *jobs = p->jobs;
  int before = g_atomic_int_get (&jobs->job_done[p->job]);

  g_atomic_int_set (&jobs->job_done[p->job], (int) done);
  g_atomic_int_add (&jobs->leads_done, (int) done - before);
  if (jobs->progress != NULL && g_thread_self () == jobs->caller)
    jobs->progress (now, (guint) g_atomic_int_get (&jobs->leads_done),
                    jobs->leads * jobs->n_sides, jobs->progress_data);
}

static void
fail (Jobs   *jobs,
      GError *error)
{
  g_mutex_lock (&jobs->mutex);
  if (jobs->error == NULL)
    jobs->error = error;
  else
    g_error_free (error);
  g_mutex_unlock (&jobs->mutex);
  g_cancellable_cancel (jobs->cancellable);
}

static gpointer
work (gpointer data)
{
  Jobs *jobs = data;
  guint n_jobs = jobs->n_sides * jobs->replications;

  while (TRUE)
    {
      guint job = (guint) g_atomic_int_add (&jobs->next_job, 1);
      guint r = job % jobs->replications;
      LwSimOptions options = jobs->options;
      g_autoptr(LwSimulation) simulation = NULL;
      GError *error = NULL;
      JobProgress progress = { jobs, job };

      if (job >= n_jobs || g_cancellable_is_cancelled (jobs->cancellable))
        break;

      options.leads = job_leads (jobs, job);
      options.days = jobs->days;
      options.seed = lw_what_if_replication_seed (jobs->options.seed, r);
      simulation = lw_simulation_new (jobs->configs[job / jobs->replications], jobs->scenario, &options,
                                      &error);
      if (simulation == NULL ||
          !lw_simulation_run (simulation, NULL, jobs->cancellable, job_progress_cb, &progress, &error))
        {
          fail (jobs, error);
          break;
        }
      copy_summary (&jobs->results[job], lw_simulation_get_summary (simulation));
      jobs->ran[job] = TRUE;
    }
  return NULL;
}

static void
cancel_ours_cb (GCancellable *cancellable,
                gpointer      user_data)
{
  g_cancellable_cancel (user_data);
}

/* Runs @n_sides rule sets on the same replications of @scenario, on as
 * many threads as there are cores; fills @sides. */
static gboolean
run_sides (const LwConfig     *configs[],
           guint               n_sides,
           LwScenario         *scenario,
           const LwSimOptions *options,
           GCancellable       *cancellable,
           LwSimProgressFunc   progress,
           gpointer            progress_data,
           LwWhatIfSide       *sides[],
           GError            **error)
{
  Jobs jobs = { { NULL, NULL }, };
  g_autoptr(GPtrArray) threads = g_ptr_array_new ();
  gint64 begun = g_get_monotonic_time ();
  gulong handler = 0;
  guint n_jobs, n_threads;
  gboolean ok = FALSE;

  for (guint s = 0; s < n_sides; s++)
    if (!configs[s]->bound)
      {
        g_set_error (error, LW_SIM_ERROR, LW_SIM_ERROR_INVALID,
                     _("The rules have errors: fix them to see what they do"));
        return FALSE;
      }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  jobs.n_sides = n_sides;
  for (guint s = 0; s < n_sides; s++)
    jobs.configs[s] = configs[s];
  jobs.scenario = scenario;
  if (options != NULL)
    jobs.options = *options;
  else
    {
      LwSimOptions defaults = LW_SIM_OPTIONS_INIT;

      jobs.options = defaults;
    }
  jobs.options.speed = 0;
  jobs.options.flush_seconds = 0;
  jobs.options.keep_details = FALSE;
  jobs.options.start = 0;
  jobs.leads = jobs.options.leads > 0 ? jobs.options.leads : scenario->leads;
  if (jobs.leads > LW_SIM_MAX_LEADS)
    {
      g_set_error (error, LW_SIM_ERROR, LW_SIM_ERROR_INVALID,
                   /* translators: %u is the largest number of leads */
                   _("at most %u leads can be simulated"), LW_SIM_MAX_LEADS);
      return FALSE;
    }
  lw_what_if_plan (scenario, jobs.leads, &jobs.replications, &jobs.leads_each, &jobs.days);
  jobs.cancellable = g_cancellable_new ();
  jobs.caller = g_thread_self ();
  jobs.progress = progress;
  jobs.progress_data = progress_data;
  g_mutex_init (&jobs.mutex);

  n_jobs = n_sides * jobs.replications;
  jobs.job_done = g_new0 (int, n_jobs);
  jobs.results = g_new0 (LwSimSummary, n_jobs);
  jobs.ran = g_new0 (gboolean, n_jobs);
  if (cancellable != NULL)
    handler = g_cancellable_connect (cancellable, G_CALLBACK (cancel_ours_cb), jobs.cancellable, NULL);

  n_threads = MIN ((guint) MAX (g_get_num_processors (), 1), n_jobs);
  for (guint t = 1; t < n_threads; t++)
    {
      GThread *thread = g_thread_try_new ("lw-what-if", work, &jobs, NULL);

      if (thread != NULL)
        g_ptr_array_add (threads, thread);
    }
  work (&jobs);
  for (guint t = 0; t < threads->len; t++)
    g_thread_join (g_ptr_array_index (threads, t));
  if (handler != 0)
    g_cancellable_disconnect (cancellable, handler);

  if (jobs.error != NULL)
    {
      /* Cancelled by the caller: say so, whatever stopped first. */
      if (g_cancellable_is_cancelled (cancellable))
        {
          g_clear_error (&jobs.error);
          g_cancellable_set_error_if_cancelled (cancellable, error);
        }
      else
        g_propagate_error (error, g_steal_pointer (&jobs.error));
    }
  else
    {
      for (guint s = 0; s < n_sides; s++)
        {
          LwWhatIfSide *side = g_new0 (LwWhatIfSide, 1);
          guint first = s * jobs.replications;

          g_atomic_ref_count_init (&side->ref_count);
          side->config = lw_config_ref ((LwConfig *) configs[s]);
          copy_summary (&side->summary, &jobs.results[first]);
          for (guint r = 1; r < jobs.replications; r++)
            add_summary (&side->summary, &jobs.results[first + r]);
          side->seed = jobs.options.seed;
          side->leads = jobs.leads;
          side->replications = jobs.replications;
          side->days = jobs.days;
          side->elapsed_us = g_get_monotonic_time () - begun;
          sides[s] = side;
        }
      if (progress != NULL)
        progress (scenario->start, jobs.leads * n_sides, jobs.leads * n_sides, progress_data);
      ok = TRUE;
    }

  for (guint j = 0; j < n_jobs; j++)
    if (jobs.ran[j])
      clear_summary (&jobs.results[j]);
  g_free (jobs.results);
  g_free (jobs.ran);
  g_free (jobs.job_done);
  g_mutex_clear (&jobs.mutex);
  g_object_unref (jobs.cancellable);
  return ok;
}

LwWhatIfSide *
lw_what_if_simulate (const LwConfig      *config,
                     LwScenario          *scenario,
                     const LwSimOptions  *options,
                     GCancellable        *cancellable,
                     LwSimProgressFunc    progress,
                     gpointer             progress_data,
                     GError             **error)
{
  const LwConfig *configs[1] = { config };
  LwWhatIfSide *sides[1] = { NULL };

  g_return_val_if_fail (config != NULL, NULL);
  g_return_val_if_fail (scenario != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!run_sides (configs, 1, scenario, options, cancellable, progress, progress_data, sides, error))
    return NULL;
  return sides[0];
}

gboolean
lw_what_if_run (const LwConfig      *before,
                const LwConfig      *after,
                LwScenario          *scenario,
                const LwSimOptions  *options,
                GCancellable        *cancellable,
                LwSimProgressFunc    progress,
                gpointer             progress_data,
                LwWhatIfSide       **out_before,
                LwWhatIfSide       **out_after,
                GError             **error)
{
  const LwConfig *configs[2] = { before, after };
  LwWhatIfSide *sides[2] = { NULL, NULL };

  g_return_val_if_fail (before != NULL, FALSE);
  g_return_val_if_fail (after != NULL, FALSE);
  g_return_val_if_fail (scenario != NULL, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (out_before != NULL, FALSE);
  g_return_val_if_fail (out_after != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!run_sides (configs, 2, scenario, options, cancellable, progress, progress_data, sides, error))
    return FALSE;
  *out_before = sides[0];
  *out_after = sides[1];
  return TRUE;
}

/* ---- the figures ------------------------------------------------------------------------------ */

void
lw_what_if_figure_free (LwWhatIfFigure *figure)
{
  if (figure == NULL)
    return;
  g_free (figure->key);
  g_free (figure->label);
  g_free (figure);
}

static double
percent (guint part,
         guint whole)
{
  return whole > 0 ? 100.0 * part / whole : NAN;
}

static double
compliance (const LwSimSlaFigures *figures)
{
  return figures->compliance >= 0 ? figures->compliance : NAN;
}

static void
add_figure (GPtrArray    *list,
            const char   *key,
            const char   *label,
            LwWhatIfUnit  unit,
            double        before,
            double        after,
            int           better)
{
  LwWhatIfFigure *figure = g_new0 (LwWhatIfFigure, 1);

  figure->key = g_strdup (key);
  figure->label = g_strdup (label);
  figure->unit = unit;
  figure->before = before;
  figure->after = after;
  figure->better = better;
  g_ptr_array_add (list, figure);
}

static int
find_policy (const LwWhatIfSide *side,
             const char         *id)
{
  for (guint i = 0; i < side->summary.n_policies && i < side->config->policies->len; i++)
    {
      const LwSlaPolicy *policy = g_ptr_array_index (side->config->policies, i);

      if (g_strcmp0 (policy->id, id) == 0)
        return (int) i;
    }
  return -1;
}

static void
add_policy (GPtrArray          *list,
            const LwSlaPolicy  *policy,
            const LwWhatIfSide *before,
            const LwWhatIfSide *after)
{
  int b = find_policy (before, policy->id);
  int a = find_policy (after, policy->id);
  g_autofree char *key = g_strdup_printf ("sla.policy.%s.compliance", policy->id);
  /* translators: SLA compliance of one policy; %s is its name */
  g_autofree char *label = g_strdup_printf (_("SLA: %s"),
                                            policy->label != NULL && *policy->label != '\0'
                                            ? policy->label : policy->id);

  add_figure (list, key, label, LW_WHAT_IF_PERCENT,
              b >= 0 ? compliance (&before->summary.policies[b]) : NAN,
              a >= 0 ? compliance (&after->summary.policies[a]) : NAN, +1);
}

GPtrArray *
lw_what_if_compare (const LwWhatIfSide *before,
                    const LwWhatIfSide *after)
{
  const LwSimSummary *b, *a;
  GPtrArray *list;

  g_return_val_if_fail (before != NULL, NULL);
  g_return_val_if_fail (after != NULL, NULL);

  b = &before->summary;
  a = &after->summary;
  list = g_ptr_array_new_with_free_func ((GDestroyNotify) lw_what_if_figure_free);

  add_figure (list, "mql_rate", _("MQL rate"), LW_WHAT_IF_PERCENT,
              percent (b->mql, b->leads), percent (a->mql, a->leads), +1);
  add_figure (list, "sla.compliance", _("SLA compliance"), LW_WHAT_IF_PERCENT,
              compliance (&b->sla), compliance (&a->sla), +1);

  for (guint i = 0; i < a->n_policies && i < after->config->policies->len; i++)
    add_policy (list, g_ptr_array_index (after->config->policies, i), before, after);
  for (guint i = 0; i < b->n_policies && i < before->config->policies->len; i++)
    {
      const LwSlaPolicy *policy = g_ptr_array_index (before->config->policies, i);

      if (find_policy (after, policy->id) < 0)
        add_policy (list, policy, before, after);
    }

  add_figure (list, "fallback_share", _("At the fallback owner"), LW_WHAT_IF_PERCENT,
              percent (b->fallback, b->routed), percent (a->fallback, a->routed), -1);
  return list;
}
