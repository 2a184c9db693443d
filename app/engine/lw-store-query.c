/* lw-store-query.c: the figures the views show, computed from a run's leads
 *
 * Every aggregate reads the run's lead records (a few hundred blobs for a
 * million leads), keeps the newest record of each lead, applies the filter
 * and folds the figures in C: one pass, no per-lead SQL, no event scan.
 * Medians and percentiles are exact (selection, not sorting).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "lw-scenario.h"
#include "lw-store-private.h"

typedef void (*LeadFunc) (const guint8 *record,
                          gpointer      data);

typedef struct
{
  gboolean none;       /* the filter matches no lead at all */
  LwTime   from;
  LwTime   to;
  int      source;
  int      region;     /* -1 any */
  int      segment;    /* -1 any */
} Selection;

/* ---- selection ------------------------------------------------------------------- */

static int
find_label (const LwRunCtx *ctx,
            LwLabelKind     kind,
            const char     *id)
{
  GArray *labels = ctx->labels[kind];

  for (guint i = 0; i < labels->len; i++)
    if (g_strcmp0 (g_array_index (labels, LwRunLabel, i).id, id) == 0)
      return i;
  return -1;
}

static gboolean
check_filter (const LwStoreFilter  *filter,
              GError              **error)
{
  if (filter->run < 0)
    {
      g_set_error (error, LW_STORE_ERROR, LW_STORE_ERROR_INVALID, _("Run numbers start at 1"));
      return FALSE;
    }
  if (filter->source < -1)
    {
      g_set_error (error, LW_STORE_ERROR, LW_STORE_ERROR_INVALID,
                   _("The source filter is out of range"));
      return FALSE;
    }
  if (filter->from != 0 && filter->to != 0 && filter->to <= filter->from)
    {
      g_set_error (error, LW_STORE_ERROR, LW_STORE_ERROR_INVALID,
                   _("The time range ends before it starts"));
      return FALSE;
    }
  return TRUE;
}

static void
resolve_filter (const LwRunCtx      *ctx,
                const LwStoreFilter *filter,
                Selection           *sel)
{
  *sel = (Selection) { FALSE, filter->from, filter->to, filter->source, -1, -1 };

  if (filter->region != NULL)
    {
      sel->region = find_label (ctx, LW_LABEL_REGION, filter->region);
      sel->none |= sel->region < 0;
    }
  if (filter->segment != NULL)
    {
      sel->segment = find_label (ctx, LW_LABEL_SEGMENT, filter->segment);
      sel->none |= sel->segment < 0;
    }
}

static inline gboolean
selected (const LwRunCtx  *ctx,
          const Selection *sel,
          const guint8    *record)
{
  if (sel->source >= 0 && lw_fact_index8 (record, LW_FACT_SOURCE) != sel->source)
    return FALSE;
  if (sel->region >= 0 && lw_fact_index16 (record, LW_FACT_REGION) != sel->region)
    return FALSE;
  if (sel->segment >= 0 && lw_fact_index16 (record, LW_FACT_SEGMENT) != sel->segment)
    return FALSE;
  if (sel->from != 0 || sel->to != 0)
    {
      LwTime created = ctx->sim_start + lw_get_i32 (record + LW_FACT_CREATED);

      if ((sel->from != 0 && created < sel->from) || (sel->to != 0 && created >= sel->to))
        return FALSE;
    }
  return TRUE;
}

/* Calls @func on the newest record of every lead of the run that @filter
 * selects. One statement walks the (run_id, block) index backwards: blocks
 * in falling order, and within a block the newest chunk first, so a lead
 * written again is met first in its last state. */
static gboolean
scan_leads (LwStore             *self,
            const LwRunCtx      *ctx,
            const LwStoreFilter *filter,
            LeadFunc             func,
            gpointer             data,
            GError             **error)
{
  g_autoptr(LwLentStmt) stmt = NULL;
  guint32 seen[LW_BLOCK_SIZE / 32];
  gsize record = lw_fact_size (ctx->n_stages);
  gint64 current_block = -1;
  Selection sel;
  int rc;

  resolve_filter (ctx, filter, &sel);
  if (sel.none)
    return TRUE;

  stmt = _lw_store_stmt (self, LW_STMT_LEAD_CHUNKS_OF_RUN, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, ctx->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 block = sqlite3_column_int64 (stmt, 0);
      guint n = sqlite3_column_int (stmt, 1);
      const guint8 *facts = sqlite3_column_blob (stmt, 2);

      if ((gsize) sqlite3_column_bytes (stmt, 2) != n * record)
        {
          /* translators: %s is a file name */
          g_set_error (error, LW_STORE_ERROR, LW_STORE_ERROR_CORRUPT,
                       _("%s: the leads of a run are damaged"), self->path);
          return FALSE;
        }
      if (block != current_block)
        {
          memset (seen, 0, sizeof seen);
          current_block = block;
        }

      /* Newest record first within a chunk too. */
      for (guint i = n; i-- > 0;)
        {
          const guint8 *p = facts + i * record;
          guint32 id = lw_get_u32 (p + LW_FACT_ID);
          guint offset = id & (LW_BLOCK_SIZE - 1);

          if ((gint64) (id >> LW_BLOCK_SHIFT) != block)
            continue;
          if (seen[offset / 32] & (1u << (offset % 32)))
            continue;
          seen[offset / 32] |= 1u << (offset % 32);
          if (selected (ctx, &sel, p))
            func (p, data);
        }
    }
  if (rc != SQLITE_DONE)
    {
      _lw_store_set_error (self, error, rc, _("reading leads"));
      return FALSE;
    }
  return TRUE;
}

/* Loads the run and checks the filter; the common start of every query. */
static LwRunCtx *
begin_query (LwStore              *self,
             const LwStoreFilter  *filter,
             GError              **error)
{
  if (!check_filter (filter, error))
    return NULL;
  return _lw_store_load_run_ctx (self, filter->run, error);
}

/* How many lead records the run holds (rewrites included): enough room
 * for the per-lead values of a query, so they never need to grow. */
static gsize
expected_leads (LwStore        *self,
                const LwRunCtx *ctx)
{
  g_autoptr(sqlite3_stmt) stmt = _lw_store_prepare (self,
                                                    "SELECT leads_written FROM runs WHERE id = ?",
                                                    NULL);

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, ctx->id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return 0;
  return (gsize) MIN (sqlite3_column_int64 (stmt, 0), (gint64) LW_STORE_MAX_LEAD_ID);
}

static char *
dup_label_id (const LwRunCtx *ctx,
              LwLabelKind     kind,
              guint           idx)
{
  return g_strdup (g_array_index (ctx->labels[kind], LwRunLabel, idx).id);
}

static char *
dup_label (const LwRunCtx *ctx,
           LwLabelKind     kind,
           guint           idx)
{
  return g_strdup (g_array_index (ctx->labels[kind], LwRunLabel, idx).label);
}

/* ---- selection of order statistics ------------------------------------------------ */

/* Durations and times to first touch are non-negative differences of two
 * int32 instants: they fit in 32 unsigned bits, which halves the memory a
 * million of them take. */
typedef struct
{
  guint32 *v;
  gsize    len;
  gsize    cap;
} Values;

static void
values_init (Values *values,
             gsize   expected)
{
  values->len = 0;
  values->cap = MAX (expected, 16);
  values->v = g_new (guint32, values->cap);
}

static inline void
values_add (Values  *values,
            guint32  value)
{
  if (G_UNLIKELY (values->len == values->cap))
    {
      values->cap *= 2;
      values->v = g_renew (guint32, values->v, values->cap);
    }
  values->v[values->len++] = value;
}

static void
values_clear (Values *values)
{
  g_clear_pointer (&values->v, g_free);
  values->len = values->cap = 0;
}

/* Moves the @k-th smallest of @v[lo..hi] to v[k], none larger before it and
 * none smaller after it (Hoare's selection, median-of-three pivot). */
static void
select_nth (guint32 *v,
            gssize   lo,
            gssize   hi,
            gssize   k)
{
  g_assert (k >= lo && k <= hi);
  while (lo < hi)
    {
      gssize mid = lo + (hi - lo) / 2, i = lo, j = hi;
      guint32 a = v[lo], b = v[mid], c = v[hi], pivot, tmp;

      pivot = a < b ? (b < c ? b : (a < c ? c : a)) : (a < c ? a : (b < c ? c : b));
      while (i <= j)
        {
          while (v[i] < pivot)
            i++;
          while (v[j] > pivot)
            j--;
          if (i <= j)
            {
              tmp = v[i];
              v[i] = v[j];
              v[j] = tmp;
              i++;
              j--;
            }
        }
      /* v[lo..j] <= pivot <= v[i..hi]; anything between equals the pivot. */
      if (k <= j)
        hi = j;
      else if (k >= i)
        lo = i;
      else
        return;
    }
}

static double
median_of (Values *values)
{
  gsize n = values->len, k = n / 2;
  guint32 lower;

  if (n == 0)
    return -1;
  select_nth (values->v, 0, n - 1, k);
  if (n % 2 == 1)
    return values->v[k];
  /* The largest of the lower half sits before position k. */
  lower = values->v[0];
  for (gsize i = 1; i < k; i++)
    lower = MAX (lower, values->v[i]);
  return ((double) lower + values->v[k]) / 2;
}

/* Nearest-rank percentiles (the smallest value with at least p percent of
 * the values at or below it) for rising @p; each selection works on what
 * lies above the previous one. */
static void
percentiles_of (Values       *values,
                const guint  *p,
                gint64       *out,
                guint         n_p)
{
  gsize n = values->len;
  gssize lo = 0;

  for (guint i = 0; i < n_p; i++)
    {
      gssize k;

      if (n == 0)
        {
          out[i] = -1;
          continue;
        }
      k = MAX (((gsize) p[i] * n + 99) / 100, 1) - 1;
      select_nth (values->v, MIN (lo, k), n - 1, k);
      out[i] = values->v[k];
      lo = k;
    }
}

/* ---- funnel ---------------------------------------------------------------------------- */

typedef struct
{
  const LwRunCtx *ctx;
  guint64         leads;
  guint64        *furthest;   /* leads that reached stage s */
  guint64        *advanced;   /* of those, leads that moved on from it */
  guint64        *entered;
  guint64        *current;
  Values         *durations;  /* per stage */
} FunnelScan;

static void
funnel_lead (const guint8 *p,
             gpointer      data)
{
  FunnelScan *scan = data;
  guint n_stages = scan->ctx->n_stages;
  int max_stage = lw_fact_index8 (p, LW_FACT_MAX_STAGE);
  int stage = lw_fact_index8 (p, LW_FACT_STAGE);

  scan->leads++;
  if (stage >= 0 && (guint) stage < n_stages)
    scan->current[stage]++;

  /* The simulator records which stages a lead reached and moved on from. */
  {
    guint64 reached = lw_get_u64 (p + LW_FACT_REACHED);
    guint64 advanced = lw_get_u64 (p + LW_FACT_ADVANCED);

    if (reached != 0)
      {
        for (guint s = 0; s < n_stages && s < 64; s++)
          {
            scan->furthest[s] += (reached >> s) & 1;
            scan->advanced[s] += (advanced >> s) & 1;
          }
        goto durations;
      }
  }

  /* Otherwise: a lead reached the stages it entered, and those it passed through
   * moving forward: every stage from the one it started in to the
   * furthest it entered. The last stage is by convention outside the
   * funnel (HubSpot's "Other"): jumping there passes through nothing. The
   * simulator's summary counts the same way. */
  {
    gint32 first_at = LW_FACT_NONE;
    int first = -1, furthest = -1, last_entered = -1;

    for (guint s = 0; s < n_stages; s++)
      {
        gint32 at = lw_get_i32 (p + LW_FACT_STAGES + 4 * s);

        if (at == LW_FACT_NONE)
          continue;
        if (first_at == LW_FACT_NONE || at < first_at)
          {
            first_at = at;
            first = s;
          }
        if (s + 1 < n_stages)
          furthest = s;
        last_entered = s;
      }
    /* A lead recorded without stage times (not one the simulator wrote)
     * reached every stage up to its furthest. */
    if (first < 0 && max_stage >= 0 && (guint) max_stage < n_stages)
      {
        first = 0;
        furthest = last_entered = max_stage;
      }

    for (guint s = 0; s < n_stages; s++)
      {
        gboolean entered = lw_get_i32 (p + LW_FACT_STAGES + 4 * s) != LW_FACT_NONE;

        if (entered || (first >= 0 && (int) s >= first && (int) s <= furthest))
          {
            scan->furthest[s]++;
            /* It moved on when it entered a later stage. */
            if ((int) s < last_entered)
              scan->advanced[s]++;
          }
      }
  }

durations:
  /* Walk the stages backwards: the next stage entered after s is the last
   * one seen. */
  {
    gint32 next = LW_FACT_NONE;

    for (guint s = n_stages; s-- > 0;)
      {
        gint32 at = lw_get_i32 (p + LW_FACT_STAGES + 4 * s);

        if (at == LW_FACT_NONE)
          continue;
        scan->entered[s]++;
        if (next != LW_FACT_NONE && next >= at)
          values_add (&scan->durations[s], (guint32) ((gint64) next - at));
        next = at;
      }
  }
}

void
lw_funnel_free (LwFunnel *funnel)
{
  if (funnel == NULL)
    return;
  g_clear_pointer (&funnel->stages, g_array_unref);
  g_free (funnel);
}

static void
funnel_stage_clear (gpointer data)
{
  LwFunnelStage *stage = data;

  g_free (stage->id);
  g_free (stage->label);
}

LwFunnel *
lw_store_query_funnel (LwStore              *self,
                       const LwStoreFilter  *filter,
                       GError              **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(LwRunCtx) ctx = NULL;
  g_autoptr(LwFunnel) funnel = NULL;
  g_autofree guint64 *counts = NULL;
  FunnelScan scan = { 0, };
  guint n;
  gboolean ok;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (filter != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  locker = g_rec_mutex_locker_new (&self->lock);
  ctx = begin_query (self, filter, error);
  if (ctx == NULL)
    return NULL;

  n = ctx->n_stages;
  counts = g_new0 (guint64, 4 * (gsize) n + 1);
  scan.ctx = ctx;
  scan.furthest = counts;
  scan.entered = counts + n;
  scan.current = counts + 2 * n;
  scan.advanced = counts + 3 * n;
  scan.durations = g_new0 (Values, n + 1);
  for (guint s = 0; s < n; s++)
    values_init (&scan.durations[s], expected_leads (self, ctx));

  ok = scan_leads (self, ctx, filter, funnel_lead, &scan, error);

  if (ok)
    {
      guint64 reached = 0;

      funnel = g_new0 (LwFunnel, 1);
      funnel->run = ctx->id;
      funnel->leads = scan.leads;
      funnel->stages = g_array_sized_new (FALSE, TRUE, sizeof (LwFunnelStage), n);
      g_array_set_clear_func (funnel->stages, funnel_stage_clear);
      g_array_set_size (funnel->stages, n);

      for (guint s = n; s-- > 0;)
        {
          LwFunnelStage *stage = &g_array_index (funnel->stages, LwFunnelStage, s);

          reached = scan.furthest[s];
          stage->index = s;
          stage->id = s < ctx->labels[LW_LABEL_STAGE]->len
                      ? dup_label_id (ctx, LW_LABEL_STAGE, s) : g_strdup ("");
          stage->label = s < ctx->labels[LW_LABEL_STAGE]->len
                         ? dup_label (ctx, LW_LABEL_STAGE, s) : g_strdup ("");
          stage->reached = reached;
          stage->entered = scan.entered[s];
          stage->current = scan.current[s];
          stage->left = scan.durations[s].len;
          stage->median_seconds = median_of (&scan.durations[s]);
        }
      for (guint s = 0; s < n; s++)
        {
          LwFunnelStage *stage = &g_array_index (funnel->stages, LwFunnelStage, s);

          if (s + 1 < n)
            {
              stage->conversion = stage->reached > 0
                                  ? (double) scan.advanced[s] / stage->reached : -1;
              stage->drop_off = stage->reached - scan.advanced[s];
            }
          else
            {
              stage->conversion = -1;
              stage->drop_off = 0;
            }
        }
    }

  for (guint s = 0; s < n; s++)
    values_clear (&scan.durations[s]);
  g_free (scan.durations);

  return ok ? g_steal_pointer (&funnel) : NULL;
}

/* ---- SLA ------------------------------------------------------------------------------- */

typedef struct
{
  const LwRunCtx *ctx;
  const gint64   *edges;
  guint           n_edges;
  LwSlaFigures   *figures;
  Values          ttft;
  double          ttft_sum;
  int             no_team;   /* index of the "no team" group in by_team, or -1 */
} SlaScan;

static void
count_sla (LwSlaGroup *group,
           gboolean    breached,
           gboolean    touched)
{
  if (breached)
    group->breached++;
  else if (touched)
    group->met++;
  else
    group->pending++;
}

static void
sla_lead (const guint8 *p,
          gpointer      data)
{
  SlaScan *scan = data;
  LwSlaFigures *f = scan->figures;
  gint32 ttft = lw_get_i32 (p + LW_FACT_TTFT);
  gboolean breached = (p[LW_FACT_FLAGS] & LW_FACT_BREACHED) != 0;
  gboolean touched = lw_get_i32 (p + LW_FACT_TOUCH) != LW_FACT_NONE;
  int policy = lw_fact_index8 (p, LW_FACT_POLICY);

  f->leads++;
  f->warnings += (p[LW_FACT_FLAGS] & LW_FACT_WARNED) != 0;
  f->breaches += breached;
  f->escalations += p[LW_FACT_ESCALATIONS];
  f->reassignments += p[LW_FACT_REASSIGNED];

  if (policy >= 0)
    {
      int rep = lw_fact_index16 (p, LW_FACT_SLA_REP);

      f->with_policy++;
      count_sla (&f->total, breached, touched);
      if ((guint) policy < f->by_policy->len)
        count_sla (&g_array_index (f->by_policy, LwSlaGroup, policy), breached, touched);
      if (rep >= 0 && (guint) rep < f->by_rep->len)
        {
          int team = g_array_index (scan->ctx->reps, LwRunRep, rep).team;

          count_sla (&g_array_index (f->by_rep, LwSlaGroup, rep), breached, touched);
          if (team >= 0 && (guint) team < scan->ctx->labels[LW_LABEL_TEAM]->len)
            count_sla (&g_array_index (f->by_team, LwSlaGroup, team), breached, touched);
          else if (scan->no_team >= 0)
            count_sla (&g_array_index (f->by_team, LwSlaGroup, scan->no_team), breached, touched);
        }
    }

  if (ttft >= 0)
    {
      guint bucket = 0;

      values_add (&scan->ttft, ttft);
      scan->ttft_sum += ttft;
      while (bucket < scan->n_edges && ttft >= scan->edges[bucket])
        bucket++;
      g_array_index (f->histogram, guint64, bucket)++;
    }
}

static void
sla_group_clear (gpointer data)
{
  LwSlaGroup *group = data;

  g_free (group->id);
  g_free (group->label);
}

static void
finish_group (LwSlaGroup *group)
{
  guint64 decided = group->met + group->breached;

  group->compliance = decided > 0 ? 100.0 * group->met / decided : -1;
}

void
lw_sla_figures_free (LwSlaFigures *figures)
{
  if (figures == NULL)
    return;
  sla_group_clear (&figures->total);
  g_clear_pointer (&figures->by_policy, g_array_unref);
  g_clear_pointer (&figures->by_rep, g_array_unref);
  g_clear_pointer (&figures->by_team, g_array_unref);
  g_clear_pointer (&figures->histogram, g_array_unref);
  g_free (figures);
}

static GArray *
new_groups (guint n)
{
  GArray *groups = g_array_sized_new (FALSE, TRUE, sizeof (LwSlaGroup), n);

  g_array_set_clear_func (groups, sla_group_clear);
  g_array_set_size (groups, n);
  return groups;
}

static void
name_groups (GArray         *groups,
             const LwRunCtx *ctx,
             LwLabelKind     kind)
{
  for (guint i = 0; i < groups->len && i < ctx->labels[kind]->len; i++)
    {
      LwSlaGroup *group = &g_array_index (groups, LwSlaGroup, i);

      group->index = i;
      group->id = dup_label_id (ctx, kind, i);
      group->label = dup_label (ctx, kind, i);
    }
}

LwSlaFigures *
lw_store_query_sla (LwStore              *self,
                    const LwStoreFilter  *filter,
                    const gint64         *edges,
                    guint                 n_edges,
                    GError              **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(LwRunCtx) ctx = NULL;
  g_autoptr(LwSlaFigures) f = NULL;
  SlaScan scan = { 0, };
  static const guint ranks[3] = { 50, 90, 99 };
  gint64 percentiles[3];
  gboolean no_team = FALSE;
  guint n_teams;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (filter != NULL, NULL);
  g_return_val_if_fail (edges != NULL || n_edges == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  for (guint i = 1; i < n_edges; i++)
    if (edges[i] <= edges[i - 1])
      {
        g_set_error (error, LW_STORE_ERROR, LW_STORE_ERROR_INVALID,
                     _("The histogram's bucket edges must rise strictly"));
        return NULL;
      }

  locker = g_rec_mutex_locker_new (&self->lock);
  ctx = begin_query (self, filter, error);
  if (ctx == NULL)
    return NULL;

  f = g_new0 (LwSlaFigures, 1);
  f->run = ctx->id;
  f->total.index = -1;
  f->total.id = g_strdup ("");
  f->total.label = g_strdup (_("All policies"));
  f->by_policy = new_groups (ctx->labels[LW_LABEL_POLICY]->len);
  name_groups (f->by_policy, ctx, LW_LABEL_POLICY);

  f->by_rep = new_groups (ctx->reps->len);
  for (guint r = 0; r < ctx->reps->len; r++)
    {
      const LwRunRep *rep = &g_array_index (ctx->reps, LwRunRep, r);
      LwSlaGroup *group = &g_array_index (f->by_rep, LwSlaGroup, r);

      group->index = r;
      group->id = g_strdup (rep->id != NULL ? rep->id : "");
      group->label = g_strdup (rep->name != NULL ? rep->name : group->id);
      no_team |= rep->team < 0 || (guint) rep->team >= ctx->labels[LW_LABEL_TEAM]->len;
    }

  n_teams = ctx->labels[LW_LABEL_TEAM]->len;
  f->by_team = new_groups (n_teams + (no_team ? 1 : 0));
  name_groups (f->by_team, ctx, LW_LABEL_TEAM);
  scan.no_team = -1;
  if (no_team)
    {
      LwSlaGroup *group = &g_array_index (f->by_team, LwSlaGroup, n_teams);

      group->index = -1;
      group->id = g_strdup ("");
      group->label = g_strdup (_("No team"));
      scan.no_team = n_teams;
    }

  f->histogram = g_array_new (FALSE, TRUE, sizeof (guint64));
  g_array_set_size (f->histogram, n_edges + 1);

  scan.ctx = ctx;
  scan.edges = edges;
  scan.n_edges = n_edges;
  scan.figures = f;
  values_init (&scan.ttft, expected_leads (self, ctx));
  if (!scan_leads (self, ctx, filter, sla_lead, &scan, error))
    {
      values_clear (&scan.ttft);
      return NULL;
    }

  finish_group (&f->total);
  for (guint i = 0; i < f->by_policy->len; i++)
    finish_group (&g_array_index (f->by_policy, LwSlaGroup, i));
  for (guint i = 0; i < f->by_rep->len; i++)
    finish_group (&g_array_index (f->by_rep, LwSlaGroup, i));
  for (guint i = 0; i < f->by_team->len; i++)
    finish_group (&g_array_index (f->by_team, LwSlaGroup, i));

  f->touched = scan.ttft.len;
  f->ttft_mean = scan.ttft.len > 0 ? scan.ttft_sum / scan.ttft.len : -1;
  percentiles_of (&scan.ttft, ranks, percentiles, G_N_ELEMENTS (ranks));
  f->ttft_p50 = percentiles[0];
  f->ttft_p90 = percentiles[1];
  f->ttft_p99 = percentiles[2];
  values_clear (&scan.ttft);

  return g_steal_pointer (&f);
}

/* ---- open timers ---------------------------------------------------------------------- */

typedef struct
{
  const LwRunCtx *ctx;
  LwTime          at;
  guint           limit;
  GArray         *heap;      /* LwOpenTimer; a max-heap when limited */
} TimerScan;

static gboolean
timer_before (const LwOpenTimer *a,
              const LwOpenTimer *b)
{
  return a->deadline < b->deadline || (a->deadline == b->deadline && a->lead < b->lead);
}

static void
sift_down (LwOpenTimer *heap,
           guint        n,
           guint        i)
{
  for (;;)
    {
      guint largest = i, l = 2 * i + 1, r = 2 * i + 2;
      LwOpenTimer tmp;

      if (l < n && timer_before (&heap[largest], &heap[l]))
        largest = l;
      if (r < n && timer_before (&heap[largest], &heap[r]))
        largest = r;
      if (largest == i)
        return;
      tmp = heap[i];
      heap[i] = heap[largest];
      heap[largest] = tmp;
      i = largest;
    }
}

static void
sift_up (LwOpenTimer *heap,
         guint        i)
{
  while (i > 0)
    {
      guint parent = (i - 1) / 2;
      LwOpenTimer tmp;

      if (!timer_before (&heap[parent], &heap[i]))
        return;
      tmp = heap[i];
      heap[i] = heap[parent];
      heap[parent] = tmp;
      i = parent;
    }
}

static void
timer_lead (const guint8 *p,
            gpointer      data)
{
  TimerScan *scan = data;
  gint32 assigned = lw_get_i32 (p + LW_FACT_ASSIGNED);
  gint32 touch = lw_get_i32 (p + LW_FACT_TOUCH);
  gint32 deadline = lw_get_i32 (p + LW_FACT_DEADLINE);
  LwTime start = scan->ctx->sim_start;
  LwOpenTimer timer;

  if (assigned == LW_FACT_NONE || deadline == LW_FACT_NONE ||
      start + assigned > scan->at || start + deadline <= scan->at ||
      (touch != LW_FACT_NONE && start + touch <= scan->at))
    return;

  timer.lead = lw_get_u32 (p + LW_FACT_ID);
  timer.rep = lw_fact_index16 (p, LW_FACT_SLA_REP);
  timer.policy = lw_fact_index8 (p, LW_FACT_POLICY);
  timer.assigned_at = start + assigned;
  timer.deadline = start + deadline;

  if (scan->limit == 0)
    {
      g_array_append_val (scan->heap, timer);
      return;
    }
  if (scan->heap->len < scan->limit)
    {
      g_array_append_val (scan->heap, timer);
      sift_up ((LwOpenTimer *) (gpointer) scan->heap->data, scan->heap->len - 1);
    }
  else if (timer_before (&timer, &g_array_index (scan->heap, LwOpenTimer, 0)))
    {
      g_array_index (scan->heap, LwOpenTimer, 0) = timer;
      sift_down ((LwOpenTimer *) (gpointer) scan->heap->data, scan->heap->len, 0);
    }
}

static int
compare_timers (gconstpointer a,
                gconstpointer b)
{
  if (timer_before (a, b))
    return -1;
  return timer_before (b, a) ? 1 : 0;
}

GArray *
lw_store_query_open_timers (LwStore              *self,
                            const LwStoreFilter  *filter,
                            LwTime                at,
                            guint                 limit,
                            GError              **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(LwRunCtx) ctx = NULL;
  g_autoptr(GArray) timers = NULL;
  TimerScan scan;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (filter != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  locker = g_rec_mutex_locker_new (&self->lock);
  ctx = begin_query (self, filter, error);
  if (ctx == NULL)
    return NULL;

  timers = g_array_new (FALSE, FALSE, sizeof (LwOpenTimer));
  scan = (TimerScan) { ctx, at, limit, timers };
  if (!scan_leads (self, ctx, filter, timer_lead, &scan, error))
    return NULL;
  g_array_sort (timers, compare_timers);
  return g_steal_pointer (&timers);
}

/* ---- routing ---------------------------------------------------------------------------- */

typedef struct
{
  LwRoutingFigures *figures;
  guint             n_reps;
  guint             n_pools;
  guint32          *pool_rep;   /* leads per (pool, rep), n_pools * n_reps */
} RoutingScan;

static void
routing_lead (const guint8 *p,
              gpointer      data)
{
  RoutingScan *scan = data;
  LwRoutingFigures *f = scan->figures;
  int owner = lw_fact_index16 (p, LW_FACT_OWNER);
  int routed = lw_fact_index16 (p, LW_FACT_ROUTED);
  int pool = lw_fact_index8 (p, LW_FACT_POOL);

  f->leads++;
  if (p[LW_FACT_FLAGS] & LW_FACT_FALLBACK)
    {
      guint why = p[LW_FACT_FALLBACK_WHY];

      f->fallback++;
      f->fallback_reasons[why < LW_N_FALLBACK_REASONS ? why : LW_FALLBACK_NONE]++;
    }
  if (owner < 0)
    f->unassigned++;
  else if ((guint) owner < scan->n_reps)
    g_array_index (f->reps, LwRepLoad, owner).leads++;
  if (routed >= 0 && (guint) routed < scan->n_reps)
    {
      g_array_index (f->reps, LwRepLoad, routed).routed++;
      if (pool >= 0 && (guint) pool < scan->n_pools)
        {
          g_array_index (f->pools, LwPoolFairness, pool).leads++;
          scan->pool_rep[(gsize) pool * scan->n_reps + routed]++;
        }
    }
}

static void
rep_load_clear (gpointer data)
{
  LwRepLoad *load = data;

  g_free (load->id);
  g_free (load->name);
}

static void
pool_fairness_clear (gpointer data)
{
  LwPoolFairness *fairness = data;

  g_free (fairness->id);
  g_free (fairness->label);
}

void
lw_routing_figures_free (LwRoutingFigures *figures)
{
  if (figures == NULL)
    return;
  g_clear_pointer (&figures->reps, g_array_unref);
  g_clear_pointer (&figures->pools, g_array_unref);
  g_free (figures);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y ? 1 : 0;
}

/* Gini coefficient and smallest/largest ratio of the members' shares. */
static void
measure_fairness (LwPoolFairness *fairness,
                  GArray         *shares)
{
  double sum = 0, weighted = 0;
  guint n = shares->len;

  fairness->gini = 0;
  fairness->min_max_ratio = 1;
  if (n == 0)
    return;

  g_array_sort (shares, compare_doubles);
  for (guint i = 0; i < n; i++)
    {
      double x = g_array_index (shares, double, i);

      sum += x;
      weighted += (i + 1) * x;
    }
  if (sum <= 0)
    return;
  /* G = 2 Σ i·x(i) / (n Σ x) - (n + 1) / n, with x sorted rising, i from 1. */
  fairness->gini = MAX (0.0, 2 * weighted / (n * sum) - (double) (n + 1) / n);
  fairness->min_max_ratio = g_array_index (shares, double, 0) / g_array_index (shares, double, n - 1);
}

LwRoutingFigures *
lw_store_query_routing (LwStore              *self,
                        const LwStoreFilter  *filter,
                        GError              **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(LwRunCtx) ctx = NULL;
  g_autoptr(LwRoutingFigures) f = NULL;
  g_autofree guint32 *pool_rep = NULL;
  g_autofree guint *member_weight = NULL;
  g_autoptr(sqlite3_stmt) weights = NULL;
  RoutingScan scan;
  guint n_reps, n_pools;
  int rc;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (filter != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  locker = g_rec_mutex_locker_new (&self->lock);
  ctx = begin_query (self, filter, error);
  if (ctx == NULL)
    return NULL;
  n_reps = ctx->reps->len;
  n_pools = ctx->labels[LW_LABEL_POOL]->len;

  f = g_new0 (LwRoutingFigures, 1);
  f->run = ctx->id;
  f->reps = g_array_sized_new (FALSE, TRUE, sizeof (LwRepLoad), n_reps);
  g_array_set_clear_func (f->reps, rep_load_clear);
  g_array_set_size (f->reps, n_reps);
  for (guint r = 0; r < n_reps; r++)
    {
      const LwRunRep *rep = &g_array_index (ctx->reps, LwRunRep, r);
      LwRepLoad *load = &g_array_index (f->reps, LwRepLoad, r);

      load->index = r;
      load->id = g_strdup (rep->id != NULL ? rep->id : "");
      load->name = g_strdup (rep->name != NULL ? rep->name : load->id);
      load->team = rep->team;
      load->capacity = rep->capacity;
      load->capacity_total = (guint64) rep->capacity * ctx->days;
    }
  f->pools = g_array_sized_new (FALSE, TRUE, sizeof (LwPoolFairness), n_pools);
  g_array_set_clear_func (f->pools, pool_fairness_clear);
  g_array_set_size (f->pools, n_pools);
  for (guint p = 0; p < n_pools; p++)
    {
      LwPoolFairness *fairness = &g_array_index (f->pools, LwPoolFairness, p);

      fairness->index = p;
      fairness->id = dup_label_id (ctx, LW_LABEL_POOL, p);
      fairness->label = dup_label (ctx, LW_LABEL_POOL, p);
      fairness->members = g_array_index (ctx->pool_members, GArray *, p)->len;
    }

  pool_rep = g_new0 (guint32, (gsize) n_pools * n_reps + 1);
  scan = (RoutingScan) { f, n_reps, n_pools, pool_rep };
  if (!scan_leads (self, ctx, filter, routing_lead, &scan, error))
    return NULL;

  for (guint r = 0; r < n_reps; r++)
    {
      LwRepLoad *load = &g_array_index (f->reps, LwRepLoad, r);

      load->load = load->capacity_total > 0 ? (double) load->routed / load->capacity_total : -1;
    }

  /* Each member's share is their leads over their weight in the pool. */
  member_weight = g_new0 (guint, (gsize) n_pools * n_reps + 1);
  weights = _lw_store_prepare (self,
                               "SELECT pool, rep, weight FROM run_pool_members WHERE run_id = ?",
                               error);
  if (weights == NULL)
    return NULL;
  sqlite3_bind_int64 (weights, 1, ctx->id);
  while ((rc = sqlite3_step (weights)) == SQLITE_ROW)
    {
      int pool = sqlite3_column_int (weights, 0);
      int rep = sqlite3_column_int (weights, 1);

      if (pool >= 0 && (guint) pool < n_pools && rep >= 0 && (guint) rep < n_reps)
        member_weight[(gsize) pool * n_reps + rep] = MAX (sqlite3_column_int (weights, 2), 1);
    }
  if (rc != SQLITE_DONE)
    {
      _lw_store_set_error (self, error, rc, _("reading a run"));
      return NULL;
    }

  for (guint p = 0; p < n_pools; p++)
    {
      GArray *members = g_array_index (ctx->pool_members, GArray *, p);
      g_autoptr(GArray) shares = g_array_new (FALSE, FALSE, sizeof (double));
      LwPoolFairness *fairness = &g_array_index (f->pools, LwPoolFairness, p);

      for (guint m = 0; m < members->len; m++)
        {
          int rep = g_array_index (members, int, m);
          gsize cell = (gsize) p * n_reps + rep;
          double share = (double) pool_rep[cell] / MAX (member_weight[cell], 1);

          g_array_append_val (shares, share);
        }
      if (fairness->leads == 0)
        {
          fairness->gini = 0;
          fairness->min_max_ratio = 1;
        }
      else
        measure_fairness (fairness, shares);
    }

  return g_steal_pointer (&f);
}

/* ---- sources ------------------------------------------------------------------------------ */

typedef struct
{
  LwSourceReport *report;
} SourceScan;

static void
count_source (LwSourceFigures *figures,
              guint            flags)
{
  figures->leads++;
  figures->mql += (flags & LW_FACT_MQL) != 0;
  figures->converted += (flags & LW_FACT_CONVERTED) != 0;
}

static void
source_lead (const guint8 *p,
             gpointer      data)
{
  SourceScan *scan = data;
  int source = lw_fact_index8 (p, LW_FACT_SOURCE);
  guint flags = p[LW_FACT_FLAGS];

  int entry = lw_fact_index16 (p, LW_FACT_ENTRY_POINT);

  scan->report->leads++;
  if (source >= 0 && (guint) source < scan->report->sources->len)
    count_source (&g_array_index (scan->report->sources, LwSourceFigures, source), flags);
  if (entry >= 0 && (guint) entry < scan->report->entry_points->len)
    count_source (&g_array_index (scan->report->entry_points, LwSourceFigures, entry), flags);
}

static void
source_figures_clear (gpointer data)
{
  LwSourceFigures *figures = data;

  g_free (figures->id);
  g_free (figures->label);
}

void
lw_source_report_free (LwSourceReport *report)
{
  if (report == NULL)
    return;
  g_clear_pointer (&report->sources, g_array_unref);
  g_clear_pointer (&report->entry_points, g_array_unref);
  g_free (report);
}

static GArray *
new_source_figures (const LwRunCtx *ctx,
                    LwLabelKind     kind)
{
  guint n = ctx->labels[kind]->len;
  GArray *list = g_array_sized_new (FALSE, TRUE, sizeof (LwSourceFigures), n);

  g_array_set_clear_func (list, source_figures_clear);
  g_array_set_size (list, n);
  for (guint s = 0; s < n; s++)
    {
      LwSourceFigures *figures = &g_array_index (list, LwSourceFigures, s);

      figures->index = s;
      figures->id = dup_label_id (ctx, kind, s);
      figures->label = dup_label (ctx, kind, s);
    }
  return list;
}

static void
finish_source_figures (GArray *list)
{
  for (guint s = 0; s < list->len; s++)
    {
      LwSourceFigures *figures = &g_array_index (list, LwSourceFigures, s);

      figures->mql_rate = figures->leads > 0 ? (double) figures->mql / figures->leads : -1;
      figures->conversion_rate = figures->leads > 0
                                 ? (double) figures->converted / figures->leads : -1;
    }
}

/* The runs store the ids of entry points; their labels are in the
 * scenario the run kept. A run without one, or one that no longer loads,
 * keeps the ids. */
static void
label_entry_points (LwStore *self,
                    gint64   run,
                    GArray  *list)
{
  g_autoptr(LwRunInfo) info = lw_store_get_run (self, run, NULL);
  g_autoptr(LwScenario) scenario = NULL;

  if (info == NULL || info->scenario == NULL)
    return;
  scenario = lw_scenario_load_data (info->scenario, -1, NULL, NULL, NULL);
  if (scenario == NULL)
    return;
  for (guint s = 0; s < list->len; s++)
    {
      LwSourceFigures *figures = &g_array_index (list, LwSourceFigures, s);

      for (guint e = 0; e < scenario->entry_points->len; e++)
        {
          const LwEntryPoint *entry = g_ptr_array_index (scenario->entry_points, e);

          if (entry->label != NULL && g_strcmp0 (entry->id, figures->id) == 0)
            {
              g_free (figures->label);
              figures->label = g_strdup (entry->label);
            }
        }
    }
}

LwSourceReport *
lw_store_query_sources (LwStore              *self,
                        const LwStoreFilter  *filter,
                        GError              **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(LwRunCtx) ctx = NULL;
  g_autoptr(LwSourceReport) report = NULL;
  SourceScan scan;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (filter != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  locker = g_rec_mutex_locker_new (&self->lock);
  ctx = begin_query (self, filter, error);
  if (ctx == NULL)
    return NULL;

  report = g_new0 (LwSourceReport, 1);
  report->run = ctx->id;
  report->sources = new_source_figures (ctx, LW_LABEL_SOURCE);
  report->entry_points = new_source_figures (ctx, LW_LABEL_ENTRY_POINT);

  scan.report = report;
  if (!scan_leads (self, ctx, filter, source_lead, &scan, error))
    return NULL;

  finish_source_figures (report->sources);
  finish_source_figures (report->entry_points);
  label_entry_points (self, ctx->id, report->entry_points);
  return g_steal_pointer (&report);
}

/* ---- filter choices ---------------------------------------------------------------- */

static void
filter_choice_clear (gpointer data)
{
  LwFilterChoice *choice = data;

  g_free (choice->id);
  g_free (choice->label);
}

static GArray *
new_filter_choices (const LwRunCtx *ctx,
                    LwLabelKind     kind)
{
  GArray *labels = ctx->labels[kind];
  GArray *choices = g_array_sized_new (FALSE, TRUE, sizeof (LwFilterChoice), labels->len);

  g_array_set_clear_func (choices, filter_choice_clear);
  for (guint i = 0; i < labels->len; i++)
    {
      const LwRunLabel *label = &g_array_index (labels, LwRunLabel, i);
      LwFilterChoice choice;

      choice.id = g_strdup (label->id != NULL ? label->id : "");
      choice.label = g_strdup (lw_label_or_id (label->label, choice.id));
      g_array_append_val (choices, choice);
    }
  return choices;
}

void
lw_filter_choices_free (LwFilterChoices *choices)
{
  if (choices == NULL)
    return;
  g_clear_pointer (&choices->sources, g_array_unref);
  g_clear_pointer (&choices->regions, g_array_unref);
  g_clear_pointer (&choices->segments, g_array_unref);
  g_free (choices);
}

LwFilterChoices *
lw_store_query_filter_choices (LwStore  *self,
                               gint64    run,
                               GError  **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(LwRunCtx) ctx = NULL;
  LwStoreFilter filter = LW_STORE_FILTER_INIT;
  LwFilterChoices *choices;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  filter.run = run;
  locker = g_rec_mutex_locker_new (&self->lock);
  ctx = begin_query (self, &filter, error);
  if (ctx == NULL)
    return NULL;

  choices = g_new0 (LwFilterChoices, 1);
  choices->run = ctx->id;
  choices->sources = new_filter_choices (ctx, LW_LABEL_SOURCE);
  choices->regions = new_filter_choices (ctx, LW_LABEL_REGION);
  choices->segments = new_filter_choices (ctx, LW_LABEL_SEGMENT);
  return choices;
}
