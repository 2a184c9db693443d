/* lw-lead-export.c: the leads and events of a simulation run as CSV
 *
 * The store's public API reads one lead (or one lead's events) at a time,
 * each read decoding a whole block; an export of every lead would decode
 * every block thousands of times. So the export reads the run's chunks
 * itself, block by block, through lw-store-private.h: one pass over the
 * lead chunks (4096 leads per block, the newest record of each lead
 * kept), one over the event chunks (65536 leads per block, sorted by lead
 * with their order of appending kept). The encodings are described in
 * lw-store-private.h and lw-store-runs.c; tests/test-lead-export.c checks
 * every exported row against lw_store_get_lead() and
 * lw_store_get_lead_events().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "lw-config-json.h"
#include "lw-lead-export.h"
#include "lw-lead.h"
#include "lw-live.h"
#include "lw-scoring.h"
#include "lw-store-private.h"

/* The forms of an event's value (lw-store-runs.c). */
enum
{
  VALUE_ZERO,
  VALUE_SCALED,
  VALUE_DOUBLE,
};

/* ---- reading a run's chunks ---------------------------------------------------- */

typedef struct
{
  GPtrArray    *blobs;                       /* GBytes the pointers point into */
  const guint8 *facts[LW_BLOCK_SIZE];        /* the newest record of each lead; NULL: none */
  const guint8 *props[LW_BLOCK_SIZE];
  gsize         props_len[LW_BLOCK_SIZE];
} LeadBlock;

typedef struct
{
  guint32       seq;                         /* order of appending */
  LwEvent       event;                       /* detail unset: see below */
  const guint8 *detail;                      /* inside a blob; not terminated */
  gsize         detail_len;
  gboolean      has_detail;
} BlockEvent;

static void
set_damaged_error (LwStore  *store,
                   GError  **error)
{
  /* translators: %s is a file name */
  g_set_error (error, LW_STORE_ERROR, LW_STORE_ERROR_CORRUPT,
               _("%s: the leads or events of a run are damaged"), lw_store_get_path (store));
}

/* The highest block of @table ("run_leads" or "run_events") holding
 * records of @run; -1 when there is none. */
static gboolean
query_last_block (LwStore     *store,
                  const char  *sql,
                  gint64       run,
                  gint64      *last,
                  GError     **error)
{
  g_autoptr(GRecMutexLocker) locker = g_rec_mutex_locker_new (&store->lock);
  g_autoptr(sqlite3_stmt) stmt = _lw_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, run);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _lw_store_set_error (store, error, rc, _("reading a run"));
      return FALSE;
    }
  *last = sqlite3_column_type (stmt, 0) == SQLITE_NULL ? -1 : sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

/* Reads block @block of the run's leads into @out: the newest record of
 * each lead (newest chunk first; in a chunk, the last record of an id). */
static gboolean
read_lead_block (LwStore         *store,
                 const LwRunCtx  *ctx,
                 guint            block,
                 LeadBlock       *out,
                 GError         **error)
{
  g_autoptr(GRecMutexLocker) locker = g_rec_mutex_locker_new (&store->lock);
  g_autoptr(LwLentStmt) stmt = NULL;
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (const guint8 *));
  g_autoptr(GArray) lengths = g_array_new (FALSE, FALSE, sizeof (gsize));
  gsize record = lw_fact_size (ctx->n_stages);
  int rc;

  g_ptr_array_set_size (out->blobs, 0);
  memset (out->facts, 0, sizeof out->facts);

  stmt = _lw_store_stmt (store, LW_STMT_LEAD_CHUNKS_OF_BLOCK, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, ctx->id);
  sqlite3_bind_int (stmt, 2, block);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int n = sqlite3_column_int (stmt, 0);
      GBytes *facts_bytes = g_bytes_new (sqlite3_column_blob (stmt, 1), sqlite3_column_bytes (stmt, 1));
      GBytes *props_bytes = g_bytes_new (sqlite3_column_blob (stmt, 2), sqlite3_column_bytes (stmt, 2));
      gsize facts_len, props_len;
      const guint8 *facts = g_bytes_get_data (facts_bytes, &facts_len);
      const guint8 *p = g_bytes_get_data (props_bytes, &props_len);
      const guint8 *end = p + props_len;

      g_ptr_array_add (out->blobs, facts_bytes);
      g_ptr_array_add (out->blobs, props_bytes);
      if (n < 0 || facts_len != (gsize) n * record)
        {
          set_damaged_error (store, error);
          return FALSE;
        }

      /* Where each record's properties are. */
      g_array_set_size (starts, 0);
      g_array_set_size (lengths, 0);
      for (int k = 0; k < n; k++)
        {
          guint64 len;
          gsize length;

          if (!lw_get_varint (&p, end, &len) || len > (guint64) (end - p))
            {
              set_damaged_error (store, error);
              return FALSE;
            }
          length = len;

          g_array_append_val (starts, p);
          g_array_append_val (lengths, length);
          p += len;
        }

      for (int i = n; i-- > 0;)
        {
          guint32 id = lw_get_u32 (facts + i * record + LW_FACT_ID);
          guint slot = id & (LW_BLOCK_SIZE - 1);

          if ((id >> LW_BLOCK_SHIFT) != block)
            {
              set_damaged_error (store, error);
              return FALSE;
            }
          if (out->facts[slot] != NULL)
            continue;
          out->facts[slot] = facts + i * record;
          out->props[slot] = g_array_index (starts, const guint8 *, i);
          out->props_len[slot] = g_array_index (lengths, gsize, i);
        }
    }
  if (rc != SQLITE_DONE)
    {
      _lw_store_set_error (store, error, rc, _("reading a lead"));
      return FALSE;
    }
  return TRUE;
}

static LwTime
abs_time (const LwRunCtx *ctx,
          gint32          rel)
{
  return rel == LW_FACT_NONE ? 0 : ctx->sim_start + rel;
}

static const char *
label_id (const LwRunCtx *ctx,
          LwLabelKind     kind,
          int             idx)
{
  GArray *labels = ctx->labels[kind];

  if (idx < 0 || (guint) idx >= labels->len)
    return NULL;
  return g_array_index (labels, LwRunLabel, idx).id;
}

/* The record at @p as an LwStoredLead (without its properties) whose
 * strings point into @ctx and whose stage times go to @stage_at. */
static void
decode_facts (const LwRunCtx *ctx,
              const guint8   *p,
              LwTime         *stage_at,
              LwStoredLead   *lead)
{
  guint flags = p[LW_FACT_FLAGS];
  gint32 ttft;

  memset (lead, 0, sizeof *lead);
  lead->id = lw_get_u32 (p + LW_FACT_ID);
  lead->created_at = abs_time (ctx, lw_get_i32 (p + LW_FACT_CREATED));
  lead->assigned_at = abs_time (ctx, lw_get_i32 (p + LW_FACT_ASSIGNED));
  lead->first_touch_at = abs_time (ctx, lw_get_i32 (p + LW_FACT_TOUCH));
  lead->deadline = abs_time (ctx, lw_get_i32 (p + LW_FACT_DEADLINE));
  ttft = lw_get_i32 (p + LW_FACT_TTFT);
  lead->ttft = ttft < 0 ? -1 : ttft;
  lead->fit = lw_get_f32 (p + LW_FACT_FIT);
  lead->engagement = lw_get_f32 (p + LW_FACT_ENGAGEMENT);
  lead->owner = lw_fact_index16 (p, LW_FACT_OWNER);
  lead->routed_rep = lw_fact_index16 (p, LW_FACT_ROUTED);
  lead->sla_rep = lw_fact_index16 (p, LW_FACT_SLA_REP);
  lead->rule = lw_fact_index16 (p, LW_FACT_RULE);
  lead->region = label_id (ctx, LW_LABEL_REGION, lw_fact_index16 (p, LW_FACT_REGION));
  lead->segment = label_id (ctx, LW_LABEL_SEGMENT, lw_fact_index16 (p, LW_FACT_SEGMENT));
  lead->entry_point = label_id (ctx, LW_LABEL_ENTRY_POINT, lw_fact_index16 (p, LW_FACT_ENTRY_POINT));
  lead->source = lw_fact_index8 (p, LW_FACT_SOURCE);
  lead->stage = lw_fact_index8 (p, LW_FACT_STAGE);
  lead->max_stage = lw_fact_index8 (p, LW_FACT_MAX_STAGE);
  lead->status = lw_fact_index8 (p, LW_FACT_STATUS);
  lead->policy = lw_fact_index8 (p, LW_FACT_POLICY);
  lead->pool = lw_fact_index8 (p, LW_FACT_POOL);
  lead->escalations = p[LW_FACT_ESCALATIONS];
  lead->reassignments = p[LW_FACT_REASSIGNED];
  lead->fallback = (flags & LW_FACT_FALLBACK) != 0;
  lead->breached = (flags & LW_FACT_BREACHED) != 0;
  lead->warned = (flags & LW_FACT_WARNED) != 0;
  lead->mql = (flags & LW_FACT_MQL) != 0;
  lead->converted = (flags & LW_FACT_CONVERTED) != 0;
  lead->disqualified = (flags & LW_FACT_DISQUALIFIED) != 0;
  lead->recycled = (flags & LW_FACT_RECYCLED) != 0;
  for (guint s = 0; s < ctx->n_stages; s++)
    stage_at[s] = abs_time (ctx, lw_get_i32 (p + LW_FACT_STAGES + 4 * s));
  lead->stage_at = stage_at;
  lead->n_stage_at = ctx->n_stages;
}

/* Decodes one event chunk of @block, appending every event to @out. */
static gboolean
decode_event_chunk (const LwRunCtx *ctx,
                    guint           block,
                    const guint8   *p,
                    const guint8   *end,
                    guint           n,
                    GArray         *out)
{
  LwTime t = ctx->sim_start;

  for (guint i = 0; i < n; i++)
    {
      BlockEvent be = { 0, };
      guint64 offset, dt, rep, arg;
      guint header, form;

      if (p >= end)
        return FALSE;
      header = *p++;
      form = (header >> 5) & 3;
      if (!lw_get_varint (&p, end, &offset) || offset >= LW_EVENT_BLOCK_SIZE ||
          !lw_get_varint (&p, end, &dt) ||
          !lw_get_varint (&p, end, &rep) || rep > (guint64) G_MAXINT ||
          !lw_get_varint (&p, end, &arg))
        return FALSE;
      t += lw_unzigzag (dt);
      be.seq = out->len;
      be.event.lead = (block << LW_EVENT_BLOCK_SHIFT) | (guint32) offset;
      be.event.kind = header & 0x1f;
      be.event.t = t;
      be.event.rep = (int) rep - 1;
      be.event.arg = (int) lw_unzigzag (arg);
      if ((guint) be.event.kind >= LW_N_EVENT_KINDS)
        return FALSE;

      if (form == VALUE_SCALED)
        {
          guint64 scaled;

          if (!lw_get_varint (&p, end, &scaled))
            return FALSE;
          be.event.value = (double) lw_unzigzag (scaled) / 1000.0;
        }
      else if (form == VALUE_DOUBLE)
        {
          guint64 bits;

          if (end - p < 8)
            return FALSE;
          memcpy (&bits, p, 8);
          bits = GUINT64_FROM_LE (bits);
          memcpy (&be.event.value, &bits, 8);
          p += 8;
        }
      else if (form != VALUE_ZERO)
        return FALSE;

      if (header & 0x80)
        {
          guint64 len;

          if (!lw_get_varint (&p, end, &len) || len > (guint64) (end - p))
            return FALSE;
          be.has_detail = TRUE;
          be.detail = p;
          be.detail_len = len;
          p += len;
        }
      g_array_append_val (out, be);
    }
  return p == end;
}

static int
compare_block_events (gconstpointer a,
                      gconstpointer b)
{
  const BlockEvent *x = a, *y = b;

  if (x->event.lead != y->event.lead)
    return x->event.lead < y->event.lead ? -1 : 1;
  return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Every event of block @block, by lead, each lead's in the order they were
 * appended. */
static gboolean
read_event_block (LwStore         *store,
                  const LwRunCtx  *ctx,
                  guint            block,
                  GPtrArray       *blobs,
                  GArray          *events,
                  GError         **error)
{
  g_autoptr(GRecMutexLocker) locker = g_rec_mutex_locker_new (&store->lock);
  g_autoptr(LwLentStmt) stmt = NULL;
  int rc;

  g_ptr_array_set_size (blobs, 0);
  g_array_set_size (events, 0);

  stmt = _lw_store_stmt (store, LW_STMT_EVENT_CHUNKS_OF_BLOCK, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, ctx->id);
  sqlite3_bind_int (stmt, 2, block);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GBytes *bytes = g_bytes_new (sqlite3_column_blob (stmt, 1), sqlite3_column_bytes (stmt, 1));
      gsize len;
      const guint8 *data = g_bytes_get_data (bytes, &len);
      int n = sqlite3_column_int (stmt, 0);

      g_ptr_array_add (blobs, bytes);
      if (n < 0 || !decode_event_chunk (ctx, block, data, data + len, n, events))
        {
          set_damaged_error (store, error);
          return FALSE;
        }
    }
  if (rc != SQLITE_DONE)
    {
      _lw_store_set_error (store, error, rc, _("reading events"));
      return FALSE;
    }
  g_array_sort (events, compare_block_events);
  return TRUE;
}

/* ---- formatting ------------------------------------------------------------------ */

/* @value with at most @decimals decimals, without trailing zeros: 12.5,
 * 40, -3.25. */
static char *
format_decimal (double value,
                int    decimals)
{
  char format[8];
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  char *end;

  g_snprintf (format, sizeof format, "%%.%df", decimals);
  g_ascii_formatd (buffer, sizeof buffer, format, value);
  if (strchr (buffer, '.') != NULL)
    {
      end = buffer + strlen (buffer);
      while (end[-1] == '0')
        *--end = '\0';
      if (end[-1] == '.')
        *--end = '\0';
    }
  if (strcmp (buffer, "-0") == 0)
    return g_strdup ("0");
  return g_strdup (buffer);
}

static char *
format_time (LwTime time)
{
  return time != 0 ? lw_time_format_iso8601 (time) : NULL;
}

static char *
format_bool (gboolean value)
{
  return g_strdup (value ? "true" : "false");
}

static const char *
rep_field (const LwRunCtx *ctx,
           int             rep,
           gboolean        name)
{
  const LwRunRep *r;

  if (rep < 0 || (guint) rep >= ctx->reps->len)
    return NULL;
  r = &g_array_index (ctx->reps, LwRunRep, rep);
  return name ? r->name : r->id;
}

/* The band of @bands @value falls in (lw-scoring.c's rule: the first whose
 * minimum it reaches, else the last). */
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

static char *
dup_grade (const LwConfig *config,
           double          fit,
           double          engagement)
{
  const char *a, *b;

  if (config == NULL)
    return NULL;
  a = pick_grade (config->scoring.fit_grades, fit);
  b = pick_grade (config->scoring.engagement_grades, engagement);
  if (a == NULL && b == NULL)
    return NULL;
  return g_strconcat (a ? a : "", b ? b : "", NULL);
}

/* ---- the leads ------------------------------------------------------------------- */

static const char * const lead_head[] = {
  "lead_id", "created_at", "source", "entry_point", "region", "segment",
};

static const char * const lead_tail[] = {
  "fit_score", "engagement_score", "total_score", "grade",
  "lifecycle_stage", "furthest_stage", "lead_status",
  "mql", "converted", "disqualified", "recycled",
  "owner_id", "owner", "routed_to_id", "routing_rule", "pool", "fallback",
  "sla_policy", "sla_rep_id", "assigned_at", "first_touch_at", "first_touch_deadline",
  "time_to_first_touch_minutes", "sla_warned", "sla_breached", "escalations", "reassignments",
};

#define ENTERED_PREFIX "entered_"

typedef struct
{
  const LwConfig *config;     /* may be NULL: no property columns */
  const LwRunCtx *ctx;
  gboolean        region;     /* the region and segment columns (when no */
  gboolean        segment;    /* property of that name carries them) */
  GPtrArray      *header;     /* char * */
  GPtrArray      *row;        /* char *, reused */
  LwLead         *lead;       /* reused for decoding properties */
  LwTime         *stage_at;
} LeadWriter;

static gboolean
is_fixed_column (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (lead_head); i++)
    if (strcmp (name, lead_head[i]) == 0)
      return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (lead_tail); i++)
    if (strcmp (name, lead_tail[i]) == 0)
      return TRUE;
  return g_str_has_prefix (name, ENTERED_PREFIX);
}

static void
build_lead_header (LeadWriter *w)
{
  const LwConfig *config = w->config;

  w->region = config == NULL || lw_config_find_property (config, "region") == NULL;
  w->segment = config == NULL || lw_config_find_property (config, "segment") == NULL;

  for (guint i = 0; i < G_N_ELEMENTS (lead_head); i++)
    {
      if ((i == 4 && !w->region) || (i == 5 && !w->segment))
        continue;
      g_ptr_array_add (w->header, g_strdup (lead_head[i]));
    }
  for (guint i = LW_N_BUILTINS; config != NULL && i < config->properties->len; i++)
    {
      const LwProperty *property = g_ptr_array_index (config->properties, i);

      if ((strcmp (property->id, "region") == 0 && !w->region) ||
          (strcmp (property->id, "segment") == 0 && !w->segment) ||
          !is_fixed_column (property->id))
        g_ptr_array_add (w->header, g_strdup (property->id));
      else
        g_ptr_array_add (w->header, g_strconcat (property->id, "_property", NULL));
    }
  for (guint i = 0; i < G_N_ELEMENTS (lead_tail); i++)
    g_ptr_array_add (w->header, g_strdup (lead_tail[i]));
  for (guint s = 0; s < w->ctx->n_stages; s++)
    {
      const char *stage = label_id (w->ctx, LW_LABEL_STAGE, s);
      g_autofree char *fallback = g_strdup_printf ("%u", s);

      g_ptr_array_add (w->header, g_strconcat (ENTERED_PREFIX, stage ? stage : fallback, NULL));
    }
}

static gboolean
build_lead_row (LeadWriter          *w,
                LwStore             *store,
                const LwStoredLead  *lead,
                const guint8        *props,
                gsize                props_len,
                GError             **error)
{
  const LwRunCtx *ctx = w->ctx;
  GPtrArray *row = w->row;

  g_ptr_array_set_size (row, 0);
  g_ptr_array_add (row, g_strdup_printf ("%u", lead->id));
  g_ptr_array_add (row, format_time (lead->created_at));
  g_ptr_array_add (row, g_strdup (label_id (ctx, LW_LABEL_SOURCE, lead->source)));
  g_ptr_array_add (row, g_strdup (lead->entry_point));
  if (w->region)
    g_ptr_array_add (row, g_strdup (lead->region));
  if (w->segment)
    g_ptr_array_add (row, g_strdup (lead->segment));

  if (w->config != NULL)
    {
      g_autoptr(GError) local_error = NULL;

      for (guint i = 0; i < w->lead->n_values; i++)
        lw_lead_unset (w->lead, i);
      if (!lw_lead_decode (w->lead, w->config, props, props_len, &local_error))
        {
          /* translators: the first %s is a file name, %u a lead id, the
           * last %s why its properties do not read */
          g_set_error (error, LW_STORE_ERROR, LW_STORE_ERROR_CORRUPT,
                       _("%s: lead %u: %s"), lw_store_get_path (store), lead->id,
                       local_error->message);
          return FALSE;
        }
      for (guint i = LW_N_BUILTINS; i < w->config->properties->len; i++)
        g_ptr_array_add (row, lw_lead_dup_text (w->lead, w->config, i));
    }

  g_ptr_array_add (row, format_decimal (lead->fit, 2));
  g_ptr_array_add (row, format_decimal (lead->engagement, 2));
  g_ptr_array_add (row, format_decimal (lead->fit + lead->engagement, 2));
  g_ptr_array_add (row, dup_grade (w->config, lead->fit, lead->engagement));
  g_ptr_array_add (row, g_strdup (label_id (ctx, LW_LABEL_STAGE, lead->stage)));
  g_ptr_array_add (row, g_strdup (label_id (ctx, LW_LABEL_STAGE, lead->max_stage)));
  g_ptr_array_add (row, g_strdup (label_id (ctx, LW_LABEL_STATUS, lead->status)));
  g_ptr_array_add (row, format_bool (lead->mql));
  g_ptr_array_add (row, format_bool (lead->converted));
  g_ptr_array_add (row, format_bool (lead->disqualified));
  g_ptr_array_add (row, format_bool (lead->recycled));
  g_ptr_array_add (row, g_strdup (rep_field (ctx, lead->owner, FALSE)));
  g_ptr_array_add (row, g_strdup (rep_field (ctx, lead->owner, TRUE)));
  g_ptr_array_add (row, g_strdup (rep_field (ctx, lead->routed_rep, FALSE)));
  g_ptr_array_add (row, g_strdup (label_id (ctx, LW_LABEL_RULE, lead->rule)));
  g_ptr_array_add (row, g_strdup (label_id (ctx, LW_LABEL_POOL, lead->pool)));
  g_ptr_array_add (row, format_bool (lead->fallback));
  g_ptr_array_add (row, g_strdup (label_id (ctx, LW_LABEL_POLICY, lead->policy)));
  g_ptr_array_add (row, g_strdup (rep_field (ctx, lead->sla_rep, FALSE)));
  g_ptr_array_add (row, format_time (lead->assigned_at));
  g_ptr_array_add (row, format_time (lead->first_touch_at));
  g_ptr_array_add (row, format_time (lead->deadline));
  g_ptr_array_add (row, lead->ttft >= 0 ? format_decimal (lead->ttft / 60.0, 2) : NULL);
  g_ptr_array_add (row, format_bool (lead->warned));
  g_ptr_array_add (row, format_bool (lead->breached));
  g_ptr_array_add (row, g_strdup_printf ("%u", lead->escalations));
  g_ptr_array_add (row, g_strdup_printf ("%u", lead->reassignments));
  for (guint s = 0; s < lead->n_stage_at; s++)
    g_ptr_array_add (row, format_time (lead->stage_at[s]));
  return TRUE;
}

static gboolean
export_leads (LwStore               *store,
              const LwRunCtx        *ctx,
              const LwRunInfo       *info,
              const LwConfig        *config,
              LwCsvWriter           *writer,
              GCancellable          *cancellable,
              LwLeadExportProgress   progress,
              gpointer               progress_data,
              GError               **error)
{
  g_autoptr(GPtrArray) header = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) row = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(LwLead) lead = config != NULL ? lw_lead_new (config, NULL) : NULL;
  g_autofree LwTime *stage_at = g_new0 (LwTime, MAX (ctx->n_stages, 1));
  g_autofree LeadBlock *block = g_new0 (LeadBlock, 1);
  g_autoptr(GPtrArray) blobs = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  LeadWriter w = { config, ctx, FALSE, FALSE, header, row, lead, stage_at };
  guint64 done = 0;
  gint64 last = -1;

  build_lead_header (&w);
  if (!lw_csv_writer_write_row (writer, (const char * const *) header->pdata, header->len,
                                cancellable, error))
    return FALSE;

  if (!query_last_block (store, "SELECT max(block) FROM run_leads WHERE run_id = ?",
                         ctx->id, &last, error))
    return FALSE;

  block->blobs = blobs;
  for (gint64 b = 0; b <= last; b++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (!read_lead_block (store, ctx, b, block, error))
        return FALSE;

      for (guint slot = 0; slot < LW_BLOCK_SIZE; slot++)
        {
          LwStoredLead stored;

          if (block->facts[slot] == NULL)
            continue;
          decode_facts (ctx, block->facts[slot], stage_at, &stored);
          if (!build_lead_row (&w, store, &stored, block->props[slot], block->props_len[slot], error) ||
              !lw_csv_writer_write_row (writer, (const char * const *) row->pdata, row->len,
                                        cancellable, error))
            return FALSE;
          done++;
        }
      if (progress != NULL)
        progress (done, MAX (done, info->leads), progress_data);
    }
  return TRUE;
}

/* ---- the events ------------------------------------------------------------------ */

enum
{
  EV_LEAD, EV_AT, EV_EVENT, EV_REP_ID, EV_REP, EV_STAGE, EV_STATUS, EV_RULE, EV_FALLBACK,
  EV_POLICY, EV_STEP, EV_PREVIOUS_OWNER, EV_PATH, EV_ACTIVITY, EV_SOURCE, EV_SCORE, EV_MQL,
  EV_MINUTES, EV_DETAIL, N_EV_COLUMNS
};

static const char * const event_columns[N_EV_COLUMNS] = {
  "lead_id", "at", "event", "rep_id", "rep", "stage", "status", "rule", "fallback",
  "policy", "escalation_step", "previous_owner_id", "path", "activity", "source", "score", "mql",
  "minutes", "detail",
};

static char *
dup_path_id (const LwConfig *config,
             int             index)
{
  if (config != NULL && index >= 0 && (guint) index < config->paths->len)
    return g_strdup (((const LwPath *) g_ptr_array_index (config->paths, index))->id);
  return g_strdup_printf ("%d", index);
}

static char *
dup_activity_id (const LwConfig *config,
                 int             index)
{
  if (config != NULL && index >= 0 && (guint) index < config->activities->len)
    return g_strdup (((const LwActivityType *) g_ptr_array_index (config->activities, index))->id);
  return g_strdup_printf ("%d", index);
}

static void
build_event_row (const LwRunCtx   *ctx,
                 const LwConfig   *config,
                 const BlockEvent *be,
                 char            **cells)
{
  const LwEvent *e = &be->event;

  for (guint i = 0; i < N_EV_COLUMNS; i++)
    g_clear_pointer (&cells[i], g_free);

  cells[EV_LEAD] = g_strdup_printf ("%u", e->lead);
  cells[EV_AT] = lw_time_format_iso8601 (e->t);
  cells[EV_EVENT] = g_strdup (lw_event_kind_to_string (e->kind));
  cells[EV_REP_ID] = g_strdup (rep_field (ctx, e->rep, FALSE));
  cells[EV_REP] = g_strdup (rep_field (ctx, e->rep, TRUE));
  if (be->has_detail)
    {
      g_autofree char *detail = g_strndup ((const char *) be->detail, be->detail_len);

      cells[EV_DETAIL] = g_utf8_make_valid (detail, -1);
    }

  switch (e->kind)
    {
    case LW_EVENT_CREATED:
      cells[EV_SOURCE] = g_strdup (label_id (ctx, LW_LABEL_SOURCE, e->arg));
      break;
    case LW_EVENT_SCORED:
      cells[EV_SCORE] = format_decimal (e->value, 3);
      cells[EV_MQL] = format_bool (e->arg == 1);
      break;
    case LW_EVENT_STAGE_CHANGED:
    case LW_EVENT_CONVERTED:
      cells[EV_STAGE] = g_strdup (label_id (ctx, LW_LABEL_STAGE, e->arg));
      break;
    case LW_EVENT_STATUS_CHANGED:
      cells[EV_STATUS] = g_strdup (label_id (ctx, LW_LABEL_STATUS, e->arg));
      break;
    case LW_EVENT_ASSIGNED:
      cells[EV_RULE] = g_strdup (label_id (ctx, LW_LABEL_RULE, e->arg));
      cells[EV_FALLBACK] = format_bool (e->arg < 0);
      break;
    case LW_EVENT_FIRST_TOUCH:
    case LW_EVENT_SLA_WARNING:
      cells[EV_POLICY] = g_strdup (label_id (ctx, LW_LABEL_POLICY, e->arg));
      cells[EV_MINUTES] = format_decimal (e->value, 3);
      break;
    case LW_EVENT_SLA_BREACH:
      cells[EV_POLICY] = g_strdup (label_id (ctx, LW_LABEL_POLICY, e->arg));
      break;
    case LW_EVENT_ESCALATED:
      cells[EV_STEP] = g_strdup_printf ("%d", e->arg + 1);
      break;
    case LW_EVENT_REASSIGNED:
      cells[EV_PREVIOUS_OWNER] = g_strdup (rep_field (ctx, e->arg, FALSE));
      break;
    case LW_EVENT_DISQUALIFIED:
    case LW_EVENT_RECYCLED:
      cells[EV_PATH] = dup_path_id (config, e->arg);
      break;
    case LW_EVENT_ACTIVITY:
      cells[EV_ACTIVITY] = dup_activity_id (config, e->arg);
      break;
    case LW_N_EVENT_KINDS:
    default:
      break;
    }
}

static gboolean
export_events (LwStore               *store,
               const LwRunCtx        *ctx,
               const LwRunInfo       *info,
               const LwConfig        *config,
               LwCsvWriter           *writer,
               GCancellable          *cancellable,
               LwLeadExportProgress   progress,
               gpointer               progress_data,
               GError               **error)
{
  g_autoptr(GPtrArray) blobs = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GArray) events = g_array_new (FALSE, FALSE, sizeof (BlockEvent));
  char *cells[N_EV_COLUMNS] = { NULL, };
  guint64 done = 0;
  gint64 last = -1;
  gboolean ok = FALSE;

  if (!lw_csv_writer_write_row (writer, event_columns, N_EV_COLUMNS, cancellable, error) ||
      !query_last_block (store, "SELECT max(block) FROM run_events WHERE run_id = ?",
                         ctx->id, &last, error))
    return FALSE;

  for (gint64 b = 0; b <= last; b++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
          !read_event_block (store, ctx, b, blobs, events, error))
        goto out;

      for (guint i = 0; i < events->len; i++)
        {
          build_event_row (ctx, config, &g_array_index (events, BlockEvent, i), cells);
          if (!lw_csv_writer_write_row (writer, (const char * const *) cells, N_EV_COLUMNS,
                                        cancellable, error))
            goto out;
          done++;
        }
      if (progress != NULL)
        progress (done, MAX (done, info->events_written), progress_data);
    }
  ok = TRUE;

out:
  for (guint i = 0; i < N_EV_COLUMNS; i++)
    g_free (cells[i]);
  return ok;
}

/* ---- live leads -------------------------------------------------------------------- */

static const char * const live_head[] = {
  "live_id", "external_id", "created_at", "updated_at",
};

static const char * const live_tail[] = {
  "fit_score", "engagement_score", "total_score", "grade", "mql",
  "lifecycle_stage", "lead_status", "owner_id", "owner", "sla_policy", "sla_state",
  "assigned_at", "first_touch_at", "first_touch_deadline", "sla_warned", "sla_breached",
  "escalations", "reassignments", "touches",
};

static gboolean
is_live_column (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (live_head); i++)
    if (strcmp (name, live_head[i]) == 0)
      return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (live_tail); i++)
    if (strcmp (name, live_tail[i]) == 0)
      return TRUE;
  return FALSE;
}

gboolean
lw_lead_export_live (LwStore         *store,
                     const LwConfig  *config,
                     LwTime           now,
                     LwCsvWriter     *writer,
                     GCancellable    *cancellable,
                     guint64         *rows,
                     GError         **error)
{
  g_autoptr(GPtrArray) leads = NULL;
  g_autoptr(GPtrArray) header = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) row = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (config != NULL, FALSE);
  g_return_val_if_fail (writer != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  leads = lw_store_list_live_leads (store, FALSE, error);
  if (leads == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (live_head); i++)
    g_ptr_array_add (header, g_strdup (live_head[i]));
  for (guint i = LW_N_BUILTINS; i < config->properties->len; i++)
    {
      const LwProperty *property = g_ptr_array_index (config->properties, i);

      g_ptr_array_add (header, is_live_column (property->id)
                               ? g_strconcat (property->id, "_property", NULL)
                               : g_strdup (property->id));
    }
  for (guint i = 0; i < G_N_ELEMENTS (live_tail); i++)
    g_ptr_array_add (header, g_strdup (live_tail[i]));
  if (!lw_csv_writer_write_row (writer, (const char * const *) header->pdata, header->len,
                                cancellable, error))
    return FALSE;

  for (guint k = 0; k < leads->len; k++)
    {
      const LwLiveLead *live = g_ptr_array_index (leads, k);
      g_autoptr(LwLead) lead = lw_live_lead_to_lead (config, live);
      g_auto(LwScore) score = { 0, };
      const LwRep *owner = live->owner != NULL ? lw_config_find_rep (config, live->owner) : NULL;
      LwLiveClock clock;

      if (k % 4096 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      lw_score_lead (config, lead, now, FALSE, &score);
      lw_live_clock_compute (config, live, now, &clock);

      g_ptr_array_set_size (row, 0);
      g_ptr_array_add (row, g_strdup_printf ("%" G_GINT64_FORMAT, live->id));
      g_ptr_array_add (row, g_strdup (live->external_id));
      g_ptr_array_add (row, format_time (live->created_at));
      g_ptr_array_add (row, format_time (live->updated_at));
      for (guint i = LW_N_BUILTINS; i < config->properties->len; i++)
        g_ptr_array_add (row, lw_lead_dup_text (lead, config, i));
      g_ptr_array_add (row, format_decimal (score.fit, 2));
      g_ptr_array_add (row, format_decimal (score.engagement, 2));
      g_ptr_array_add (row, format_decimal (score.total, 2));
      g_ptr_array_add (row, g_strdup (score.grade));
      g_ptr_array_add (row, format_bool (score.mql));
      g_ptr_array_add (row, g_strdup (live->stage));
      g_ptr_array_add (row, g_strdup (live->status));
      g_ptr_array_add (row, g_strdup (live->owner));
      g_ptr_array_add (row, g_strdup (owner != NULL ? owner->name : NULL));
      g_ptr_array_add (row, g_strdup (clock.policy != NULL ? clock.policy->id : NULL));
      g_ptr_array_add (row, g_strdup (lw_live_state_to_string (clock.state)));
      g_ptr_array_add (row, format_time (live->assigned_at));
      g_ptr_array_add (row, format_time (live->first_touch_at));
      g_ptr_array_add (row, clock.state == LW_LIVE_NO_CLOCK || clock.deadline == G_MAXINT64
                            ? NULL : format_time (clock.deadline));
      g_ptr_array_add (row, format_bool (clock.warned));
      g_ptr_array_add (row, format_bool (clock.breached));
      g_ptr_array_add (row, g_strdup_printf ("%u", clock.escalations));
      g_ptr_array_add (row, g_strdup_printf ("%u", clock.reassignments));
      g_ptr_array_add (row, g_strdup_printf ("%u", live->touches));
      if (!lw_csv_writer_write_row (writer, (const char * const *) row->pdata, row->len,
                                    cancellable, error))
        return FALSE;
    }
  if (rows != NULL)
    *rows = leads->len;
  return TRUE;
}

/* ---- public API ------------------------------------------------------------------ */

gboolean
lw_lead_export_run (LwStore               *store,
                    gint64                 run,
                    LwLeadExportKind       kind,
                    const LwConfig        *config,
                    LwCsvWriter           *writer,
                    GCancellable          *cancellable,
                    LwLeadExportProgress   progress,
                    gpointer               progress_data,
                    GError               **error)
{
  g_autoptr(LwRunCtx) ctx = NULL;
  g_autoptr(LwRunInfo) info = NULL;
  g_autoptr(LwConfig) loaded = NULL;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (run >= 0, FALSE);
  g_return_val_if_fail (kind == LW_LEAD_EXPORT_LEADS || kind == LW_LEAD_EXPORT_EVENTS, FALSE);
  g_return_val_if_fail (writer != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  {
    g_autoptr(GRecMutexLocker) locker = g_rec_mutex_locker_new (&store->lock);

    ctx = _lw_store_load_run_ctx (store, run, error);
    if (ctx == NULL)
      return FALSE;
  }
  info = lw_store_get_run (store, ctx->id, error);
  if (info == NULL)
    return FALSE;

  if (config == NULL && info->revision != 0)
    {
      g_autoptr(LwRevision) revision = lw_store_get_revision (store, info->revision, error);
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, info->revision);
      g_autofree char *name = NULL;

      if (revision == NULL)
        return FALSE;
      /* translators: the name of a rule set in messages: "revision 3" */
      name = g_strdup_printf (_("revision %s"), number);
      loaded = lw_config_load_data (revision->json, -1, name, NULL, error);
      if (loaded == NULL)
        return FALSE;
      config = loaded;
    }

  if (kind == LW_LEAD_EXPORT_LEADS)
    return export_leads (store, ctx, info, config, writer, cancellable, progress, progress_data,
                         error);
  return export_events (store, ctx, info, config, writer, cancellable, progress, progress_data,
                        error);
}

gboolean
lw_lead_export_run_to_path (LwStore               *store,
                            gint64                 run,
                            LwLeadExportKind       kind,
                            const char            *path,
                            LwCsvWriteFlags        flags,
                            GCancellable          *cancellable,
                            LwLeadExportProgress   progress,
                            gpointer               progress_data,
                            guint64               *rows,
                            GError               **error)
{
  g_autoptr(LwCsvWriter) writer = NULL;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  writer = lw_csv_writer_new_for_path (path, flags, error);
  if (writer == NULL)
    return FALSE;
  if (!lw_lead_export_run (store, run, kind, NULL, writer, cancellable, progress, progress_data,
                           error) ||
      !lw_csv_writer_finish (writer, cancellable, error))
    return FALSE;
  if (rows != NULL)
    *rows = lw_csv_writer_get_rows (writer) - 1;
  return TRUE;
}

typedef struct
{
  LwStore              *store;
  gint64                run;
  LwLeadExportKind      kind;
  char                 *path;
  LwCsvWriteFlags       flags;
  LwLeadExportProgress  progress;
  gpointer              progress_data;
  guint64               rows;
} ExportData;

static void
export_data_free (gpointer data)
{
  ExportData *d = data;

  lw_store_unref (d->store);
  g_free (d->path);
  g_free (d);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportData *d = task_data;
  GError *error = NULL;

  if (lw_lead_export_run_to_path (d->store, d->run, d->kind, d->path, d->flags, cancellable,
                                  d->progress, d->progress_data, &d->rows, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
lw_lead_export_run_to_path_async (LwStore               *store,
                                  gint64                 run,
                                  LwLeadExportKind       kind,
                                  const char            *path,
                                  LwCsvWriteFlags        flags,
                                  GCancellable          *cancellable,
                                  LwLeadExportProgress   progress,
                                  gpointer               progress_data,
                                  GAsyncReadyCallback    callback,
                                  gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  ExportData *d;

  g_return_if_fail (store != NULL);
  g_return_if_fail (run >= 0);
  g_return_if_fail (path != NULL);

  d = g_new0 (ExportData, 1);
  d->store = lw_store_ref (store);
  d->run = run;
  d->kind = kind;
  d->path = g_strdup (path);
  d->flags = flags;
  d->progress = progress;
  d->progress_data = progress_data;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, lw_lead_export_run_to_path_async);
  g_task_set_task_data (task, d, export_data_free);
  g_task_run_in_thread (task, export_thread);
}

gboolean
lw_lead_export_run_to_path_finish (GAsyncResult  *result,
                                   guint64       *rows,
                                   GError       **error)
{
  GTask *task;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == lw_lead_export_run_to_path_async,
                        FALSE);

  task = G_TASK (result);
  if (!g_task_propagate_boolean (task, error))
    return FALSE;
  if (rows != NULL)
    *rows = ((ExportData *) g_task_get_task_data (task))->rows;
  return TRUE;
}
