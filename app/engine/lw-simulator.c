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
 * depend on memory layout. Floating point: sqrt() is exact in IEEE 754;
 * exp(), exp2() and log() are glibc's, correctly rounded in all but rare
 * cases and the same bits on every x86_64 machine where glibc picks the
 * same variant (with or without FMA); the pinned digests of
 * tests/test-routing-equivalence.c would show a machine that differs.
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

#include <glib/gi18n-lib.h>

#include "lw-lifecycle.h"
#include "lw-report.h"
#include "lw-rng.h"
#include "lw-routing.h"
#include "lw-scoring.h"
#include "lw-simulator.h"
#include "lw-sim-internal.h"
#include "lw-simulator-private.h"
#include "lw-sla.h"

G_DEFINE_QUARK (lw-sim-error-quark, lw_sim_error)


/* ---- small helpers ------------------------------------------------------------- */

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
      gint64 day = lw_floor_div (local, LW_DAY);
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
    return _lw_sim_fail_setup (error, _("no entry point has arrivals in the simulated period: "
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

  id = _lw_sim_intern_value (sim, gen, text->str, gen->base->property, NULL);
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

      *cached = _lw_sim_intern_domain (sim, domain);
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
    ls->domain = _lw_sim_intern_domain (sim, "example.com");
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
void
_lw_sim_refresh_builtins (LwSimulation *sim,
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
void
_lw_sim_materialize (LwSimulation *sim,
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

  _lw_sim_refresh_builtins (sim, ls, lead);

  g_array_set_size (lead->activities, with_activities ? ls->act_count : 0);
  activities = &g_array_index (sim->activities, PackedActivity, ls->act_first);
  for (guint i = 0; with_activities && i < ls->act_count; i++)
    {
      LwActivity *a = &g_array_index (lead->activities, LwActivity, i);

      a->type = (guint) sim->activity_index[activities[i].type];
      a->at = abs_time (sim, activities[i].at);
    }

  /* The id's buffer was made large enough for any id (_lw_sim_make_lead()). */
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
LwLead *
_lw_sim_make_lead (LwSimulation *sim)
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
      _lw_sim_materialize (sim, id, sim->lead, sim->email_buffer, sizeof sim->email_buffer,
                           !sim->score_builtins_only);
      sim->lead_id = id;
    }
  else
    _lw_sim_refresh_builtins (sim, get_lead (sim, id), sim->lead);
  return sim->lead;
}

/* The lead as the lifecycle's and the SLA policies' conditions read it:
 * sim->lead when it already holds lead @id, else, when those conditions
 * read no email value, sim->light_lead with just the values they read
 * (setup_light_lead()), which costs a tenth of _lw_sim_materialize(). */
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
  _lw_sim_refresh_builtins (sim, ls, sim->light_lead);
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

void
_lw_sim_queue_clear (LwSimulation *sim)
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

/* When sim->score_builtins_only: fills sim->score_lead with what a
 * scoring of lead @id at @t reads, its built-in properties and its
 * activities up to @t (a scoring ignores later ones), much less than
 * _lw_sim_materialize() does. Its other values stay unset: no criterion that is
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
    _lw_sim_refresh_builtins (sim, ls, lead);
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
    _lw_sim_refresh_builtins (sim, ls, sim->lead);
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
        _lw_sim_refresh_builtins (sim, ls, sim->score_lead);
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
      *grade_id = _lw_sim_intern_grade (sim, 0, grade);
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
              _lw_sim_intern_grade (sim, ls->grade, score.grade));
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

  _lw_sim_materialize (sim, id, lead, email, 256, TRUE);

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
    sim->batch_leads[i] = _lw_sim_make_lead (sim);
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

  _lw_sim_queue_clear (sim);
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
 * _lw_sim_materialize() would set them; adds the generated ones it reads to
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
          /* _lw_sim_materialize() sets the email and its domain's properties
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

  /* In sim->gen's order, as _lw_sim_materialize() sets them. */
  sim->light_gen = g_new (guint, MAX (sim->n_gen, 1));
  for (guint k = 0; k < sim->n_gen; k++)
    if (wanted[sim->gen[k].prop])
      sim->light_gen[sim->n_light_gen++] = k;
  sim->light_lead = _lw_sim_make_lead (sim);
}

static void
allocate_run (LwSimulation *sim)
{
  gsize n = MAX (sim->n_leads, 1);

  sim->leads_size = n * sizeof (Lead);
  sim->leads = _lw_sim_big_alloc (sim->leads_size);
  sim->cat_size = n * MAX (sim->n_cat, 1) * sizeof (guint16);
  sim->cat_values = _lw_sim_big_alloc (sim->cat_size);
  sim->num_size = n * MAX (sim->n_num, 1) * sizeof (float);
  sim->num_values = _lw_sim_big_alloc (sim->num_size);
  sim->stage_entries = g_array_new (FALSE, FALSE, sizeof (StageEntry));
  if (sim->n_static > 0)
    sim->static_results = g_new0 (guint16, n);
  sim->activities = g_array_sized_new (FALSE, FALSE, sizeof (PackedActivity), (guint) MIN (n * 3, G_MAXUINT / 2));
  queue_init (sim, n);
  sim->clocks = g_array_new (FALSE, FALSE, sizeof (Clock));
  sim->business = g_new0 (LwBusinessTable *, MAX (sim->n_reps, 1));
  sim->routing = lw_routing_state_new (sim->config);
  sim->lead = _lw_sim_make_lead (sim);
  setup_light_lead (sim);
  if (sim->score_builtins_only)
    sim->score_lead = _lw_sim_make_lead (sim);
  if (sim->options.speed > 0 ||
      (sim->options.flush_seconds > 0 && sim->sink != NULL && sim->sink->leads_ready != NULL))
    sim->dirty = g_array_new (FALSE, FALSE, sizeof (guint32));
  if (sim->trace_all || sim->trace != NULL)
    {
      sim->kept = g_array_new (FALSE, FALSE, sizeof (LwEvent));
      sim->texts = g_string_chunk_new (4096);
    }
}

gboolean
_lw_sim_run (LwSimulation      *sim,
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

  return _lw_sim_run (sim, sink, cancellable, progress, progress_data, error);
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
