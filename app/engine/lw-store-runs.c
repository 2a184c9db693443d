/* lw-store-runs.c: simulation runs, their leads and events
 *
 * Leads and events are written in chunks: each append call groups its items
 * by block of lead ids (LW_BLOCK_SIZE for leads, LW_EVENT_BLOCK_SIZE for
 * events) and writes one row per block touched.
 * A lead is a fixed-width record (lw-store-private.h); events are a compact
 * variable-length encoding:
 *
 *   header   u8       kind | value form << 5 | has detail << 7
 *   lead     varint   id - block start
 *   t        varint   zigzag (t - previous t in the chunk; the first: t - sim_start)
 *   rep      varint   rep + 1
 *   arg      varint   zigzag (arg)
 *   value             form 0: 0.0; 1: zigzag varint of value * 1000;
 *                     2: 8 bytes, IEEE double, little-endian
 *   detail            varint length, then UTF-8 bytes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "lw-store-private.h"

const char * const lw_label_kind_names[LW_N_LABEL_KINDS] = {
  [LW_LABEL_STAGE] = "stage",
  [LW_LABEL_STATUS] = "status",
  [LW_LABEL_SOURCE] = "source",
  [LW_LABEL_RULE] = "rule",
  [LW_LABEL_POLICY] = "policy",
  [LW_LABEL_TEAM] = "team",
  [LW_LABEL_POOL] = "pool",
  [LW_LABEL_REGION] = "region",
  [LW_LABEL_SEGMENT] = "segment",
  [LW_LABEL_ENTRY_POINT] = "entry_point",
};

static const char * const status_names[] = {
  [LW_RUN_RUNNING] = "running",
  [LW_RUN_FINISHED] = "finished",
  [LW_RUN_CANCELLED] = "cancelled",
  [LW_RUN_FAILED] = "failed",
  [LW_RUN_INTERRUPTED] = "interrupted",
};

enum
{
  VALUE_ZERO,
  VALUE_SCALED,
  VALUE_DOUBLE,
};

/* Largest encoded event without its detail. */
#define MAX_EVENT_SIZE (1 + 4 * 10 + 10)

typedef struct
{
  guint8  *data;
  gsize    len;
  gsize    cap;
  guint    n;
  LwTime   last_t;
  gboolean touched;
} Chunk;

struct _LwRunWriter
{
  gint64      run;
  LwTime      sim_start;
  guint       n_stages;
  guint       counts[LW_N_LABEL_KINDS];
  guint       n_reps;
  gboolean    begun_here;
  GHashTable *dictionary[3];   /* region, segment, entry point: text -> index + 1 */
  GPtrArray  *lead_facts;      /* Chunk by block */
  GPtrArray  *lead_props;      /* Chunk by block */
  GPtrArray  *events;          /* Chunk by block */
  GArray     *touched;         /* guint blocks touched by the current call */
};

static void set_damaged_error (LwStore  *self,
                               GError  **error);

/* ---- small helpers ---------------------------------------------------------- */

const char *
lw_run_status_to_string (LwRunStatus status)
{
  if ((guint) status >= G_N_ELEMENTS (status_names))
    return NULL;
  return status_names[status];
}

gboolean
lw_run_status_from_string (const char  *name,
                           LwRunStatus *status)
{
  g_return_val_if_fail (status != NULL, FALSE);

  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (status_names); i++)
    if (g_str_equal (name, status_names[i]))
      {
        *status = (LwRunStatus) i;
        return TRUE;
      }
  return FALSE;
}

static void
chunk_free (gpointer data)
{
  Chunk *chunk = data;

  /* The arrays of chunks are sparse: blocks never touched have none. */
  if (chunk == NULL)
    return;
  g_free (chunk->data);
  g_free (chunk);
}

static void
chunk_reserve (Chunk *chunk,
               gsize  extra)
{
  if (chunk->len + extra > chunk->cap)
    {
      chunk->cap = MAX (chunk->len + extra, MAX (chunk->cap * 2, 4096));
      chunk->data = g_realloc (chunk->data, chunk->cap);
    }
}

static inline guint8 *
put_varint (guint8  *p,
            guint64  v)
{
  while (v >= 0x80)
    {
      *p++ = (guint8) (v | 0x80);
      v >>= 7;
    }
  *p++ = (guint8) v;
  return p;
}

/* The chunk of @block in @chunks, created on first use and remembered in
 * the writer's list of blocks touched by this call. */
static Chunk *
chunk_for (LwRunWriter *writer,
           GPtrArray   *chunks,
           guint        block)
{
  Chunk *chunk;

  if (block >= chunks->len)
    g_ptr_array_set_size (chunks, block + 1);
  chunk = g_ptr_array_index (chunks, block);
  if (chunk == NULL)
    {
      chunk = g_new0 (Chunk, 1);
      g_ptr_array_index (chunks, block) = chunk;
    }
  if (!chunk->touched)
    {
      chunk->touched = TRUE;
      chunk->len = 0;
      chunk->n = 0;
      g_array_append_val (writer->touched, block);
    }
  return chunk;
}

/* Ends a call: the chunks of the blocks it touched give their memory back,
 * so that a writer holds nothing between calls however many blocks a run
 * has. @others (may be NULL) are the companion chunks of the same blocks. */
static void
reset_touched (LwRunWriter *writer,
               GPtrArray   *chunks,
               GPtrArray   *others)
{
  for (guint i = 0; i < writer->touched->len; i++)
    {
      guint block = g_array_index (writer->touched, guint, i);
      Chunk *chunk = g_ptr_array_index (chunks, block);

      g_clear_pointer (&chunk->data, g_free);
      chunk->cap = chunk->len = 0;
      chunk->n = 0;
      chunk->touched = FALSE;
      if (others != NULL && block < others->len && g_ptr_array_index (others, block) != NULL)
        {
          Chunk *other = g_ptr_array_index (others, block);

          g_clear_pointer (&other->data, g_free);
          other->cap = other->len = 0;
          other->n = 0;
        }
    }
  g_array_set_size (writer->touched, 0);
}

void
_lw_run_writer_free (gpointer data)
{
  LwRunWriter *writer = data;

  for (guint i = 0; i < G_N_ELEMENTS (writer->dictionary); i++)
    g_clear_pointer (&writer->dictionary[i], g_hash_table_unref);
  g_clear_pointer (&writer->lead_facts, g_ptr_array_unref);
  g_clear_pointer (&writer->lead_props, g_ptr_array_unref);
  g_clear_pointer (&writer->events, g_ptr_array_unref);
  g_clear_pointer (&writer->touched, g_array_unref);
  g_free (writer);
}

/* Which writer dictionary interns the labels of @kind; -1 for none. */
static int
dictionary_of (LwLabelKind kind)
{
  switch (kind)
    {
    case LW_LABEL_REGION:
      return 0;
    case LW_LABEL_SEGMENT:
      return 1;
    case LW_LABEL_ENTRY_POINT:
      return 2;
    default:
      return -1;
    }
}

static void
set_no_run_error (GError **error,
                  gint64   run)
{
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, run);

  /* translators: %s is a run number */
  g_set_error (error, LW_STORE_ERROR, LW_STORE_ERROR_NOT_FOUND, _("There is no run %s"), number);
}

/* Which JSON text a run is given: its scenario or its timings. */
typedef enum
{
  RUN_SCENARIO,
  RUN_TIMINGS,
} RunText;

static gboolean
check_json_text (const char  *json,
                 RunText      what,
                 GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local = NULL;

  if (!g_utf8_validate (json, -1, NULL))
    {
      g_set_error_literal (error, LW_STORE_ERROR, LW_STORE_ERROR_INVALID,
                           what == RUN_SCENARIO ? _("The scenario is not valid UTF-8")
                                                : _("The timings are not valid UTF-8"));
      return FALSE;
    }
  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, json, -1, &local))
    {
      if (what == RUN_SCENARIO)
        /* translators: %s is the JSON parser's message */
        g_set_error (error, LW_STORE_ERROR, LW_STORE_ERROR_INVALID,
                     _("The scenario is not valid JSON: %s"), local->message);
      else
        /* translators: %s is the JSON parser's message */
        g_set_error (error, LW_STORE_ERROR, LW_STORE_ERROR_INVALID,
                     _("The timings are not valid JSON: %s"), local->message);
      return FALSE;
    }
  return TRUE;
}

/* Loads what appending to @run needs; fails unless the run is running. */
static LwRunWriter *
load_writer (LwStore  *self,
             gint64    run,
             GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  LwRunWriter *writer;
  int rc;

  writer = g_hash_table_lookup (self->writers, &run);
  if (writer != NULL)
    return writer;

  stmt = _lw_store_prepare (self, "SELECT status, sim_start, n_stages FROM runs WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, run);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      set_no_run_error (error, run);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      _lw_store_set_error (self, error, rc, _("reading a run"));
      return NULL;
    }
  if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "running") != 0)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, run);

      /* translators: %s is a run number, then its status ("finished") */
      g_set_error (error, LW_STORE_ERROR, LW_STORE_ERROR_INVALID,
                   _("Run %s is %s: nothing more can be written to it"),
                   number, sqlite3_column_text (stmt, 0));
      return NULL;
    }

  writer = g_new0 (LwRunWriter, 1);
  writer->run = run;
  writer->sim_start = sqlite3_column_int64 (stmt, 1);
  writer->n_stages = sqlite3_column_int (stmt, 2);
  for (guint i = 0; i < G_N_ELEMENTS (writer->dictionary); i++)
    writer->dictionary[i] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  writer->lead_facts = g_ptr_array_new_with_free_func (chunk_free);
  writer->lead_props = g_ptr_array_new_with_free_func (chunk_free);
  writer->events = g_ptr_array_new_with_free_func (chunk_free);
  writer->touched = g_array_new (FALSE, FALSE, sizeof (guint));
  g_clear_pointer (&stmt, sqlite3_finalize);

  stmt = _lw_store_prepare (self, "SELECT kind, idx, id FROM run_labels WHERE run_id = ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, run);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *kind = (const char *) sqlite3_column_text (stmt, 0);
      guint idx = sqlite3_column_int (stmt, 1);

      for (guint k = 0; k < LW_N_LABEL_KINDS; k++)
        if (g_strcmp0 (kind, lw_label_kind_names[k]) == 0)
          {
            writer->counts[k] = MAX (writer->counts[k], idx + 1);
            if (dictionary_of (k) >= 0)
              g_hash_table_insert (writer->dictionary[dictionary_of (k)],
                                   g_strdup ((const char *) sqlite3_column_text (stmt, 2)),
                                   GUINT_TO_POINTER (idx + 1));
          }
    }
  if (rc != SQLITE_DONE)
    {
      _lw_store_set_error (self, error, rc, _("reading a run"));
      goto fail;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  stmt = _lw_store_prepare (self, "SELECT count(*) FROM run_reps WHERE run_id = ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, run);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _lw_store_set_error (self, error, rc, _("reading a run"));
      goto fail;
    }
  writer->n_reps = sqlite3_column_int (stmt, 0);

  g_hash_table_insert (self->writers, g_memdup2 (&run, sizeof run), writer);
  return writer;

fail:
  _lw_run_writer_free (writer);
  return NULL;
}

/* Marks the runs this connection began and did not finish as interrupted. */
void
_lw_store_forget_writers (LwStore *self)
{
  GHashTableIter iter;
  gpointer value;

  if (self->writers == NULL || self->db == NULL)
    return;

  g_hash_table_iter_init (&iter, self->writers);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      LwRunWriter *writer = value;
      g_autoptr(sqlite3_stmt) stmt = NULL;

      if (!writer->begun_here)
        continue;
      _lw_store_unregister_live_run (sqlite3_db_filename (self->db, "main"), writer->run);
      stmt = _lw_store_prepare (self,
                                "UPDATE runs SET status = 'interrupted', writer_pid = NULL "
                                "WHERE id = ? AND status = 'running'",
                                NULL);
      /* A failure here is repaired by the next open: the run's writer pid is
       * this process and the run is no longer registered as live. */
      if (stmt == NULL || !_lw_store_begin (self, NULL))
        continue;
      sqlite3_bind_int64 (stmt, 1, writer->run);
      if (sqlite3_step (stmt) == SQLITE_DONE)
        _lw_store_commit (self, NULL);
      else
        _lw_store_rollback (self);
    }
  g_hash_table_remove_all (self->writers);
}

/* ---- beginning and finishing a run -------------------------------------------- */

static gboolean
insert_label (LwStore     *self,
              gint64       run,
              LwLabelKind  kind,
              guint        idx,
              const char  *id,
              const char  *label,
              GError     **error)
{
  g_autoptr(LwLentStmt) stmt = _lw_store_stmt (self, LW_STMT_INSERT_LABEL, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, run);
  sqlite3_bind_text (stmt, 2, lw_label_kind_names[kind], -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 3, idx);
  sqlite3_bind_text (stmt, 4, id != NULL ? id : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, label != NULL ? label : (id != NULL ? id : ""), -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      _lw_store_set_error (self, error, rc, _("recording a run"));
      return FALSE;
    }
  return TRUE;
}

/* The element's id and label, by kind; each of these structs starts with
 * "char *id; char *label;". */
typedef struct
{
  char *id;
  char *label;
} IdLabel;

static gboolean
insert_labels (LwStore      *self,
               gint64        run,
               LwLabelKind   kind,
               GPtrArray    *list,
               GError      **error)
{
  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      const IdLabel *item = g_ptr_array_index (list, i);

      if (!insert_label (self, run, kind, i, item->id, item->label, error))
        return FALSE;
    }
  return TRUE;
}

static int
find_index (GPtrArray  *list,
            const char *id)
{
  for (guint i = 0; id != NULL && list != NULL && i < list->len; i++)
    {
      const IdLabel *item = g_ptr_array_index (list, i);

      if (g_strcmp0 (item->id, id) == 0)
        return i;
    }
  return -1;
}

static gboolean
record_roster (LwStore         *self,
               gint64           run,
               const LwConfig  *config,
               GError         **error)
{
  const LwProperty *source = lw_config_builtin (config, LW_BUILTIN_SOURCE);
  g_autoptr(sqlite3_stmt) rep_stmt = NULL;
  g_autoptr(sqlite3_stmt) member_stmt = NULL;
  int rc;

  /* LwStage, LwStatus, LwRoutingRule, LwSlaPolicy, LwTeam and LwPool all
   * begin with their id and label. */
  G_STATIC_ASSERT (G_STRUCT_OFFSET (LwStage, id) == 0);
  G_STATIC_ASSERT (G_STRUCT_OFFSET (LwStatus, id) == 0);
  G_STATIC_ASSERT (G_STRUCT_OFFSET (LwRoutingRule, id) == 0);
  G_STATIC_ASSERT (G_STRUCT_OFFSET (LwSlaPolicy, id) == 0);
  G_STATIC_ASSERT (G_STRUCT_OFFSET (LwTeam, id) == 0);
  G_STATIC_ASSERT (G_STRUCT_OFFSET (LwPool, id) == 0);
  G_STATIC_ASSERT (G_STRUCT_OFFSET (LwStage, label) == G_STRUCT_OFFSET (IdLabel, label));
  G_STATIC_ASSERT (G_STRUCT_OFFSET (LwStatus, label) == G_STRUCT_OFFSET (IdLabel, label));
  G_STATIC_ASSERT (G_STRUCT_OFFSET (LwRoutingRule, label) == G_STRUCT_OFFSET (IdLabel, label));
  G_STATIC_ASSERT (G_STRUCT_OFFSET (LwSlaPolicy, label) == G_STRUCT_OFFSET (IdLabel, label));
  G_STATIC_ASSERT (G_STRUCT_OFFSET (LwTeam, label) == G_STRUCT_OFFSET (IdLabel, label));
  G_STATIC_ASSERT (G_STRUCT_OFFSET (LwPool, label) == G_STRUCT_OFFSET (IdLabel, label));

  if (!insert_labels (self, run, LW_LABEL_STAGE, config->stages, error) ||
      !insert_labels (self, run, LW_LABEL_STATUS, config->statuses, error) ||
      !insert_labels (self, run, LW_LABEL_RULE, config->rules, error) ||
      !insert_labels (self, run, LW_LABEL_POLICY, config->policies, error) ||
      !insert_labels (self, run, LW_LABEL_TEAM, config->teams, error) ||
      !insert_labels (self, run, LW_LABEL_POOL, config->pools, error))
    return FALSE;

  for (guint i = 0; source != NULL && source->options != NULL && i < source->options->len; i++)
    {
      const LwOption *option = g_ptr_array_index (source->options, i);

      if (!insert_label (self, run, LW_LABEL_SOURCE, i, option->value, option->label, error))
        return FALSE;
    }

  rep_stmt = _lw_store_prepare (self,
                                "INSERT INTO run_reps (run_id, idx, id, name, team, capacity, weight) "
                                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                                error);
  if (rep_stmt == NULL)
    return FALSE;
  for (guint i = 0; config->reps != NULL && i < config->reps->len; i++)
    {
      const LwRep *rep = g_ptr_array_index (config->reps, i);

      sqlite3_bind_int64 (rep_stmt, 1, run);
      sqlite3_bind_int (rep_stmt, 2, i);
      sqlite3_bind_text (rep_stmt, 3, rep->id != NULL ? rep->id : "", -1, SQLITE_STATIC);
      sqlite3_bind_text (rep_stmt, 4,
                         rep->name != NULL ? rep->name : (rep->id != NULL ? rep->id : ""),
                         -1, SQLITE_STATIC);
      sqlite3_bind_int (rep_stmt, 5, find_index (config->teams, rep->team));
      sqlite3_bind_int64 (rep_stmt, 6, rep->capacity);
      sqlite3_bind_int64 (rep_stmt, 7, MAX (rep->weight, 1));
      rc = sqlite3_step (rep_stmt);
      sqlite3_reset (rep_stmt);
      if (rc != SQLITE_DONE)
        {
          _lw_store_set_error (self, error, rc, _("recording a run"));
          return FALSE;
        }
    }

  member_stmt = _lw_store_prepare (self,
                                   "INSERT OR IGNORE INTO run_pool_members "
                                   "(run_id, pool, rep, weight) VALUES (?, ?, ?, ?)",
                                   error);
  if (member_stmt == NULL)
    return FALSE;
  for (guint p = 0; config->pools != NULL && p < config->pools->len; p++)
    {
      const LwPool *pool = g_ptr_array_index (config->pools, p);

      for (guint m = 0; pool->members != NULL && m < pool->members->len; m++)
        {
          const char *member = g_ptr_array_index (pool->members, m);
          const LwRep *found = NULL;
          int rep = -1;

          for (guint r = 0; config->reps != NULL && r < config->reps->len && rep < 0; r++)
            {
              found = g_ptr_array_index (config->reps, r);
              if (g_strcmp0 (found->id, member) == 0)
                rep = r;
            }
          if (rep < 0)
            continue;   /* a dangling member: lw_config_bind() reports it */

          sqlite3_bind_int64 (member_stmt, 1, run);
          sqlite3_bind_int (member_stmt, 2, p);
          sqlite3_bind_int (member_stmt, 3, rep);
          /* Fairness compares each member's leads to their share. */
          sqlite3_bind_int64 (member_stmt, 4, pool->weighted ? MAX (found->weight, 1) : 1);
          rc = sqlite3_step (member_stmt);
          sqlite3_reset (member_stmt);
          if (rc != SQLITE_DONE)
            {
              _lw_store_set_error (self, error, rc, _("recording a run"));
              return FALSE;
            }
        }
    }
  return TRUE;
}

static gboolean
check_config_limits (const LwConfig  *config,
                     GError         **error)
{
  const LwProperty *source = lw_config_builtin (config, LW_BUILTIN_SOURCE);
  struct { GPtrArray *list; guint max; const char *what; } limits[] = {
    { config->stages, LW_STORE_MAX_STAGES, N_("stages") },
    { config->statuses, 254, N_("statuses") },
    { config->policies, 254, N_("SLA policies") },
    { config->pools, 254, N_("pools") },
    { config->rules, 65534, N_("routing rules") },
    { config->reps, LW_STORE_MAX_REPS, N_("reps") },
    { source != NULL ? source->options : NULL, 254, N_("sources") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (limits); i++)
    if (limits[i].list != NULL && limits[i].list->len > limits[i].max)
      {
        /* translators: "The rule set has 300 stages; a run records at most 254" */
        g_set_error (error, LW_STORE_ERROR, LW_STORE_ERROR_INVALID,
                     _("The rule set has %u %s; a run records at most %u"),
                     limits[i].list->len, _(limits[i].what), limits[i].max);
        return FALSE;
      }
  return TRUE;
}

gint64
lw_store_begin_run (LwStore            *self,
                    const LwRunParams  *params,
                    GError            **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  LwRunWriter *writer;
  gint64 run;
  int rc;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (params != NULL, 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  if (params->config == NULL)
    {
      g_set_error (error, LW_STORE_ERROR, LW_STORE_ERROR_INVALID,
                   _("A run needs the rule set it runs"));
      return 0;
    }
  if (params->days == 0)
    {
      g_set_error (error, LW_STORE_ERROR, LW_STORE_ERROR_INVALID,
                   _("A run lasts at least one simulated day"));
      return 0;
    }
  if (params->revision < 0)
    {
      g_set_error (error, LW_STORE_ERROR, LW_STORE_ERROR_INVALID,
                   _("Revision numbers start at 1"));
      return 0;
    }
  if (!check_config_limits (params->config, error) ||
      (params->scenario != NULL && !check_json_text (params->scenario, RUN_SCENARIO, error)))
    return 0;

  locker = g_rec_mutex_locker_new (&self->lock);
  if (!_lw_store_begin (self, error))
    return 0;

  if (params->revision > 0)
    {
      stmt = _lw_store_prepare (self, "SELECT 1 FROM revisions WHERE id = ?", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, params->revision);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_DONE)
        {
          g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, params->revision);

          /* translators: %s is a revision number */
          g_set_error (error, LW_STORE_ERROR, LW_STORE_ERROR_NOT_FOUND,
                       _("There is no revision %s"), number);
          goto fail;
        }
      if (rc != SQLITE_ROW)
        {
          _lw_store_set_error (self, error, rc, _("reading a revision"));
          goto fail;
        }
      g_clear_pointer (&stmt, sqlite3_finalize);
    }

  stmt = _lw_store_prepare (self,
                            "INSERT INTO runs (revision_id, status, started_at, seed, leads, days, "
                            "sim_start, n_stages, scenario, writer_pid) "
                            "VALUES (?, 'running', ?, ?, ?, ?, ?, ?, ?, ?)",
                            error);
  if (stmt == NULL)
    goto fail;
  if (params->revision > 0)
    sqlite3_bind_int64 (stmt, 1, params->revision);
  sqlite3_bind_int64 (stmt, 2, params->started_at);
  sqlite3_bind_int64 (stmt, 3, (gint64) params->seed);
  sqlite3_bind_int64 (stmt, 4, params->leads);
  sqlite3_bind_int64 (stmt, 5, params->days);
  sqlite3_bind_int64 (stmt, 6, params->sim_start);
  sqlite3_bind_int (stmt, 7, params->config->stages != NULL ? params->config->stages->len : 0);
  if (params->scenario != NULL)
    sqlite3_bind_text (stmt, 8, params->scenario, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 9, getpid ());
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      _lw_store_set_error (self, error, rc, _("recording a run"));
      goto fail;
    }
  run = sqlite3_last_insert_rowid (self->db);

  /* Live before anyone can see it running: another store of this process
   * opening the file now must not take it for interrupted. */
  _lw_store_register_live_run (sqlite3_db_filename (self->db, "main"), run);
  if (!record_roster (self, run, params->config, error) ||
      !_lw_store_commit (self, error))
    {
      _lw_store_unregister_live_run (sqlite3_db_filename (self->db, "main"), run);
      goto fail;
    }

  writer = load_writer (self, run, error);
  if (writer == NULL)
    {
      /* Without its writer state nobody here will finish it. */
      _lw_store_unregister_live_run (sqlite3_db_filename (self->db, "main"), run);
      return 0;
    }
  writer->begun_here = TRUE;
  return run;

fail:
  _lw_store_rollback (self);
  return 0;
}

/* A run written in scattered order (leads flushed as they finished, or a
 * paced run sending leads again as they change) has many small chunks per
 * block, which every aggregate pays for. Finishing it rewrites each such
 * block as one chunk holding the newest record of each lead. A run written
 * in id order (a couple of chunks per block) is left as it is. */
static gboolean
compact_leads (LwStore  *self,
               gint64    run,
               GError  **error)
{
  g_autoptr(sqlite3_stmt) blocks = NULL;
  g_autoptr(sqlite3_stmt) read = NULL;
  g_autoptr(sqlite3_stmt) drop = NULL;
  g_autoptr(GArray) todo = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GByteArray) facts_out = g_byte_array_new ();
  g_autoptr(GByteArray) props_out = g_byte_array_new ();
  g_autoptr(GArray) offsets = g_array_new (FALSE, FALSE, sizeof (gsize));
  gint64 rows = 0, n_blocks = 0, n_stages;
  gsize record;
  int rc;

  blocks = _lw_store_prepare (self,
                              "SELECT block, count(*), (SELECT n_stages FROM runs WHERE id = ?1) "
                              "FROM run_leads WHERE run_id = ?1 GROUP BY block",
                              error);
  if (blocks == NULL)
    return FALSE;
  sqlite3_bind_int64 (blocks, 1, run);
  n_stages = 0;
  while ((rc = sqlite3_step (blocks)) == SQLITE_ROW)
    {
      gint64 count = sqlite3_column_int64 (blocks, 1);

      n_blocks++;
      rows += count;
      n_stages = sqlite3_column_int64 (blocks, 2);
      if (count > 1)
        {
          gint64 block = sqlite3_column_int64 (blocks, 0);

          g_array_append_val (todo, block);
        }
    }
  if (rc != SQLITE_DONE)
    {
      _lw_store_set_error (self, error, rc, _("reading leads"));
      return FALSE;
    }
  if (rows <= 4 * n_blocks)
    return TRUE;

  record = lw_fact_size (n_stages);
  read = _lw_store_prepare (self,
                            "SELECT n, facts, props FROM run_leads WHERE run_id = ? AND block = ? "
                            "ORDER BY id DESC",
                            error);
  drop = _lw_store_prepare (self, "DELETE FROM run_leads WHERE run_id = ? AND block = ?", error);
  if (read == NULL || drop == NULL)
    return FALSE;

  for (guint b = 0; b < todo->len; b++)
    {
      gint64 block = g_array_index (todo, gint64, b);
      guint32 seen[LW_BLOCK_SIZE / 32] = { 0, };
      guint kept = 0;
      g_autoptr(LwLentStmt) insert = NULL;

      g_byte_array_set_size (facts_out, 0);
      g_byte_array_set_size (props_out, 0);
      sqlite3_bind_int64 (read, 1, run);
      sqlite3_bind_int64 (read, 2, block);
      while ((rc = sqlite3_step (read)) == SQLITE_ROW)
        {
          guint n = sqlite3_column_int (read, 0);
          const guint8 *facts = sqlite3_column_blob (read, 1);
          const guint8 *props = sqlite3_column_blob (read, 2);
          const guint8 *end = props + sqlite3_column_bytes (read, 2);

          if ((gsize) sqlite3_column_bytes (read, 1) != n * record)
            goto damaged;
          /* Where each record's properties start. */
          g_array_set_size (offsets, 0);
          for (guint i = 0; i < n; i++)
            {
              gsize start = props - (const guint8 *) sqlite3_column_blob (read, 2);
              guint64 len;

              g_array_append_val (offsets, start);
              if (!lw_get_varint (&props, end, &len) || len > (guint64) (end - props))
                goto damaged;
              props += len;
            }

          for (guint i = n; i-- > 0;)
            {
              const guint8 *p = facts + i * record;
              guint offset = lw_get_u32 (p + LW_FACT_ID) & (LW_BLOCK_SIZE - 1);
              const guint8 *q = (const guint8 *) sqlite3_column_blob (read, 2) +
                                g_array_index (offsets, gsize, i);
              const guint8 *r = q;
              guint64 len = 0;

              if (seen[offset / 32] & (1u << (offset % 32)))
                continue;
              seen[offset / 32] |= 1u << (offset % 32);
              g_byte_array_append (facts_out, p, record);
              lw_get_varint (&r, end, &len);
              g_byte_array_append (props_out, q, (r - q) + len);
              kept++;
            }
        }
      sqlite3_reset (read);
      if (rc != SQLITE_DONE)
        {
          _lw_store_set_error (self, error, rc, _("reading leads"));
          return FALSE;
        }

      sqlite3_bind_int64 (drop, 1, run);
      sqlite3_bind_int64 (drop, 2, block);
      rc = sqlite3_step (drop);
      sqlite3_reset (drop);
      if (rc != SQLITE_DONE)
        {
          _lw_store_set_error (self, error, rc, _("compacting leads"));
          return FALSE;
        }

      insert = _lw_store_stmt (self, LW_STMT_INSERT_LEAD_CHUNK, error);
      if (insert == NULL)
        return FALSE;
      sqlite3_bind_int64 (insert, 1, run);
      sqlite3_bind_int64 (insert, 2, block);
      sqlite3_bind_int (insert, 3, kept);
      sqlite3_bind_blob64 (insert, 4, facts_out->data, facts_out->len, SQLITE_STATIC);
      sqlite3_bind_blob64 (insert, 5, props_out->len > 0 ? props_out->data : (const void *) "",
                           props_out->len, SQLITE_STATIC);
      rc = sqlite3_step (insert);
      if (rc != SQLITE_DONE)
        {
          _lw_store_set_error (self, error, rc, _("compacting leads"));
          return FALSE;
        }
    }
  return TRUE;

damaged:
  sqlite3_reset (read);
  set_damaged_error (self, error);
  return FALSE;
}

gboolean
lw_store_finish_run (LwStore      *self,
                     gint64        run,
                     LwRunStatus   status,
                     LwTime        finished_at,
                     const char   *timings,
                     GError      **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (status == LW_RUN_RUNNING || lw_run_status_to_string (status) == NULL)
    {
      g_set_error (error, LW_STORE_ERROR, LW_STORE_ERROR_INVALID,
                   _("A run finishes as finished, cancelled, failed or interrupted"));
      return FALSE;
    }
  if (timings != NULL && !check_json_text (timings, RUN_TIMINGS, error))
    return FALSE;

  locker = g_rec_mutex_locker_new (&self->lock);
  if (load_writer (self, run, error) == NULL)
    return FALSE;

  stmt = _lw_store_prepare (self,
                            "UPDATE runs SET status = ?, finished_at = ?, timings = ?, "
                            "writer_pid = NULL WHERE id = ? AND status = 'running'",
                            error);
  if (stmt == NULL || !_lw_store_begin (self, error))
    return FALSE;
  if (!compact_leads (self, run, error))
    {
      _lw_store_rollback (self);
      return FALSE;
    }
  sqlite3_bind_text (stmt, 1, lw_run_status_to_string (status), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, finished_at);
  if (timings != NULL)
    sqlite3_bind_text (stmt, 3, timings, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, run);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      _lw_store_set_error (self, error, rc, _("finishing a run"));
      _lw_store_rollback (self);
      return FALSE;
    }
  if (!_lw_store_commit (self, error))
    return FALSE;

  _lw_store_unregister_live_run (sqlite3_db_filename (self->db, "main"), run);
  g_hash_table_remove (self->writers, &run);
  return TRUE;
}

/* ---- appending leads ------------------------------------------------------------ */

static gboolean
lead_error (GError     **error,
            guint32      lead,
            const char  *what)
{
  /* translators: "Lead 12: the stage is out of range" */
  g_set_error (error, LW_STORE_ERROR, LW_STORE_ERROR_INVALID, _("Lead %u: %s"), lead, what);
  return FALSE;
}

static gboolean
rel_time (const LwRunWriter *writer,
          LwTime             t,
          gint32            *out)
{
  gint64 rel;

  *out = LW_FACT_NONE;
  if (t == 0)
    return TRUE;
  rel = t - writer->sim_start;
  if (rel <= G_MININT32 || rel > G_MAXINT32)
    return FALSE;
  *out = (gint32) rel;
  return TRUE;
}

static gboolean
check_index (int   value,
             guint count)
{
  return value >= -1 && (value < 0 || (guint) value < count);
}

static gboolean
check_lead (const LwRunWriter   *writer,
            const LwStoredLead  *lead,
            GError             **error)
{
  const guint *c = writer->counts;
  gint32 unused;

  if (lead->id >= LW_STORE_MAX_LEAD_ID)
    return lead_error (error, lead->id, _("the id is too large"));
  if (lead->created_at == 0)
    return lead_error (error, lead->id, _("the creation time is missing"));
  if (!rel_time (writer, lead->created_at, &unused) ||
      !rel_time (writer, lead->assigned_at, &unused) ||
      !rel_time (writer, lead->first_touch_at, &unused) ||
      !rel_time (writer, lead->deadline, &unused))
    return lead_error (error, lead->id, _("a time is more than 68 years from the run's start"));
  for (guint s = 0; lead->stage_at != NULL && s < lead->n_stage_at; s++)
    if (!rel_time (writer, lead->stage_at[s], &unused))
      return lead_error (error, lead->id, _("a time is more than 68 years from the run's start"));
  if (lead->stage_at != NULL && lead->n_stage_at != writer->n_stages)
    return lead_error (error, lead->id, _("stage_at does not have one entry per stage of the run"));
  if (lead->ttft < -1 || lead->ttft > G_MAXINT32)
    return lead_error (error, lead->id, _("the time to first touch is out of range"));
  if (!check_index (lead->source, c[LW_LABEL_SOURCE]))
    return lead_error (error, lead->id, _("the source is out of range"));
  if (!check_index (lead->stage, writer->n_stages) ||
      !check_index (lead->max_stage, writer->n_stages))
    return lead_error (error, lead->id, _("the stage is out of range"));
  if (!check_index (lead->status, c[LW_LABEL_STATUS]))
    return lead_error (error, lead->id, _("the status is out of range"));
  if (!check_index (lead->owner, writer->n_reps) ||
      !check_index (lead->routed_rep, writer->n_reps) ||
      !check_index (lead->sla_rep, writer->n_reps))
    return lead_error (error, lead->id, _("a rep is out of range"));
  if (!check_index (lead->rule, c[LW_LABEL_RULE]))
    return lead_error (error, lead->id, _("the routing rule is out of range"));
  if (!check_index (lead->pool, c[LW_LABEL_POOL]))
    return lead_error (error, lead->id, _("the pool is out of range"));
  if (!check_index (lead->policy, c[LW_LABEL_POLICY]))
    return lead_error (error, lead->id, _("the SLA policy is out of range"));
  if ((guint) lead->fallback_reason >= LW_N_FALLBACK_REASONS)
    return lead_error (error, lead->id, _("the fallback reason is out of range"));
  if ((lead->region != NULL && !g_utf8_validate (lead->region, -1, NULL)) ||
      (lead->segment != NULL && !g_utf8_validate (lead->segment, -1, NULL)) ||
      (lead->entry_point != NULL && !g_utf8_validate (lead->entry_point, -1, NULL)))
    return lead_error (error, lead->id,
                       _("the region, segment or entry point is not valid UTF-8"));
  if (lead->properties == NULL && lead->properties_len > 0)
    return lead_error (error, lead->id, _("the properties are missing"));
  if (lead->properties_len > 64 * 1024 * 1024)
    return lead_error (error, lead->id, _("the properties are too large"));
  return TRUE;
}

/* A label added to a writer dictionary by the current call. */
typedef struct
{
  LwLabelKind  kind;
  char        *text;
} Interned;

static void
interned_clear (gpointer data)
{
  g_free (((Interned *) data)->text);
}

/* The index of @text in the run's region, segment or entry point
 * dictionary, adding it (and remembering it in @added, to undo on failure)
 * when new. */
static gboolean
intern_label (LwStore      *self,
              LwRunWriter  *writer,
              LwLabelKind   kind,
              const char   *text,
              guint        *index,
              GArray       *added,
              GError      **error)
{
  GHashTable *dictionary = writer->dictionary[dictionary_of (kind)];
  gpointer found = g_hash_table_lookup (dictionary, text);

  if (found != NULL)
    {
      *index = GPOINTER_TO_UINT (found) - 1;
      return TRUE;
    }
  if (writer->counts[kind] >= LW_FACT_NONE16)
    {
      /* translators: %s is "region" or "segment" */
      g_set_error (error, LW_STORE_ERROR, LW_STORE_ERROR_INVALID,
                   _("A run holds at most 65535 different values of %s"),
                   lw_label_kind_names[kind]);
      return FALSE;
    }
  if (!insert_label (self, writer->run, kind, writer->counts[kind], text, text, error))
    return FALSE;
  *index = writer->counts[kind]++;
  g_hash_table_insert (dictionary, g_strdup (text), GUINT_TO_POINTER (*index + 1));
  g_array_append_vals (added, &(Interned) { kind, g_strdup (text) }, 1);
  return TRUE;
}

/* Labels one call has interned, by the address of the caller's text: a
 * simulation hands the same few strings over and over, which then need no
 * hashing. Valid during the call only (the texts are the caller's). */
#define N_SEEN_LABELS 8

typedef struct
{
  const char *text[N_SEEN_LABELS];
  guint       index[N_SEEN_LABELS];
  guint       next;
} SeenLabels;

static gboolean
intern_label_seen (LwStore      *self,
                   LwRunWriter  *writer,
                   SeenLabels   *seen,
                   LwLabelKind   kind,
                   const char   *text,
                   guint        *index,
                   GArray       *added,
                   GError      **error)
{
  for (guint i = 0; i < N_SEEN_LABELS; i++)
    if (seen->text[i] == text)
      {
        *index = seen->index[i];
        return TRUE;
      }
  if (!intern_label (self, writer, kind, text, index, added, error))
    return FALSE;
  seen->text[seen->next] = text;
  seen->index[seen->next] = *index;
  seen->next = (seen->next + 1) % N_SEEN_LABELS;
  return TRUE;
}

static void
undo_interned (LwRunWriter *writer,
               GArray      *added)
{
  for (guint i = 0; i < added->len; i++)
    {
      const Interned *item = &g_array_index (added, Interned, i);

      g_hash_table_remove (writer->dictionary[dictionary_of (item->kind)], item->text);
      writer->counts[item->kind]--;
    }
  g_array_set_size (added, 0);
}

static inline guint
index8 (int value)
{
  return value < 0 ? LW_FACT_NONE8 : (guint) value;
}

static inline guint
index16 (int value)
{
  return value < 0 ? LW_FACT_NONE16 : (guint) value;
}

static void
encode_lead (const LwRunWriter  *writer,
             const LwStoredLead *lead,
             const guint        *labels,
             guint8             *p)
{
  gint32 t;
  guint flags = 0;

  memset (p, 0, lw_fact_size (writer->n_stages));
  lw_put_u32 (p + LW_FACT_ID, lead->id);
  rel_time (writer, lead->created_at, &t);
  lw_put_u32 (p + LW_FACT_CREATED, (guint32) t);
  rel_time (writer, lead->assigned_at, &t);
  lw_put_u32 (p + LW_FACT_ASSIGNED, (guint32) t);
  rel_time (writer, lead->first_touch_at, &t);
  lw_put_u32 (p + LW_FACT_TOUCH, (guint32) t);
  rel_time (writer, lead->deadline, &t);
  lw_put_u32 (p + LW_FACT_DEADLINE, (guint32) t);
  lw_put_u32 (p + LW_FACT_TTFT, (guint32) (gint32) lead->ttft);
  lw_put_f32 (p + LW_FACT_FIT, (float) lead->fit);
  lw_put_f32 (p + LW_FACT_ENGAGEMENT, (float) lead->engagement);
  lw_put_u16 (p + LW_FACT_OWNER, index16 (lead->owner));
  lw_put_u16 (p + LW_FACT_ROUTED, index16 (lead->routed_rep));
  lw_put_u16 (p + LW_FACT_SLA_REP, index16 (lead->sla_rep));
  lw_put_u16 (p + LW_FACT_RULE, index16 (lead->rule));
  lw_put_u16 (p + LW_FACT_REGION, labels[0]);
  lw_put_u16 (p + LW_FACT_SEGMENT, labels[1]);
  lw_put_u16 (p + LW_FACT_ENTRY_POINT, labels[2]);
  p[LW_FACT_SOURCE] = index8 (lead->source);
  p[LW_FACT_STAGE] = index8 (lead->stage);
  p[LW_FACT_MAX_STAGE] = index8 (lead->max_stage);
  p[LW_FACT_STATUS] = index8 (lead->status);
  p[LW_FACT_POLICY] = index8 (lead->policy);
  p[LW_FACT_POOL] = index8 (lead->pool);
  p[LW_FACT_ESCALATIONS] = MIN (lead->escalations, 255);
  p[LW_FACT_REASSIGNED] = MIN (lead->reassignments, 255);
  if (lead->fallback)
    flags |= LW_FACT_FALLBACK;
  if (lead->breached)
    flags |= LW_FACT_BREACHED;
  if (lead->warned)
    flags |= LW_FACT_WARNED;
  if (lead->mql)
    flags |= LW_FACT_MQL;
  if (lead->converted)
    flags |= LW_FACT_CONVERTED;
  if (lead->disqualified)
    flags |= LW_FACT_DISQUALIFIED;
  if (lead->recycled)
    flags |= LW_FACT_RECYCLED;
  p[LW_FACT_FLAGS] = flags;
  p[LW_FACT_FALLBACK_WHY] = lead->fallback ? lead->fallback_reason : LW_FALLBACK_NONE;
  lw_put_u64 (p + LW_FACT_REACHED, writer->n_stages <= 64 ? lead->reached_stages : 0);
  lw_put_u64 (p + LW_FACT_ADVANCED, writer->n_stages <= 64 ? lead->advanced_stages : 0);
  for (guint s = 0; s < writer->n_stages; s++)
    {
      t = LW_FACT_NONE;
      if (lead->stage_at != NULL)
        rel_time (writer, lead->stage_at[s], &t);
      lw_put_u32 (p + LW_FACT_STAGES + 4 * s, (guint32) t);
    }
}

static gboolean
count_writes (LwStore  *self,
              gint64    run,
              guint     leads,
              guint     events,
              GError  **error)
{
  g_autoptr(LwLentStmt) stmt = _lw_store_stmt (self, LW_STMT_COUNT_WRITES, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, leads);
  sqlite3_bind_int64 (stmt, 2, events);
  sqlite3_bind_int64 (stmt, 3, run);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      _lw_store_set_error (self, error, rc, _("recording a run"));
      return FALSE;
    }
  return TRUE;
}

gboolean
lw_store_append_leads (LwStore             *self,
                       gint64               run,
                       const LwStoredLead  *leads,
                       guint                n,
                       GError             **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(GArray) added = NULL;
  SeenLabels seen[3] = { { { NULL, }, { 0, }, 0 }, };
  LwRunWriter *writer;
  gsize record;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (leads != NULL || n == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  locker = g_rec_mutex_locker_new (&self->lock);
  writer = load_writer (self, run, error);
  if (writer == NULL)
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (!check_lead (writer, &leads[i], error))
      return FALSE;
  if (n == 0)
    return TRUE;

  record = lw_fact_size (writer->n_stages);
  added = g_array_new (FALSE, FALSE, sizeof (Interned));
  g_array_set_clear_func (added, interned_clear);
  if (!_lw_store_begin (self, error))
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      const LwStoredLead *lead = &leads[i];
      guint block = lead->id >> LW_BLOCK_SHIFT;
      const char *texts[3] = { lead->region, lead->segment, lead->entry_point };
      const LwLabelKind kinds[3] = { LW_LABEL_REGION, LW_LABEL_SEGMENT, LW_LABEL_ENTRY_POINT };
      guint labels[3] = { LW_FACT_NONE16, LW_FACT_NONE16, LW_FACT_NONE16 };
      Chunk *facts, *props;
      guint8 *p;

      for (guint k = 0; k < 3; k++)
        if (texts[k] != NULL &&
            !intern_label_seen (self, writer, &seen[k], kinds[k], texts[k], &labels[k], added, error))
          goto fail;

      facts = chunk_for (writer, writer->lead_facts, block);
      chunk_reserve (facts, record);
      encode_lead (writer, lead, labels, facts->data + facts->len);
      facts->len += record;
      facts->n++;

      /* The props chunk of a block is touched with its facts chunk. */
      if (block >= writer->lead_props->len)
        g_ptr_array_set_size (writer->lead_props, block + 1);
      props = g_ptr_array_index (writer->lead_props, block);
      if (props == NULL)
        {
          props = g_new0 (Chunk, 1);
          g_ptr_array_index (writer->lead_props, block) = props;
        }
      chunk_reserve (props, 10 + lead->properties_len);
      p = put_varint (props->data + props->len, lead->properties_len);
      if (lead->properties_len > 0)
        memcpy (p, lead->properties, lead->properties_len);
      props->len = (p - props->data) + lead->properties_len;
    }

  for (guint i = 0; i < writer->touched->len; i++)
    {
      guint block = g_array_index (writer->touched, guint, i);
      Chunk *facts = g_ptr_array_index (writer->lead_facts, block);
      Chunk *props = g_ptr_array_index (writer->lead_props, block);
      g_autoptr(LwLentStmt) stmt = _lw_store_stmt (self, LW_STMT_INSERT_LEAD_CHUNK, error);
      int rc;

      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, run);
      sqlite3_bind_int (stmt, 2, block);
      sqlite3_bind_int (stmt, 3, facts->n);
      sqlite3_bind_blob64 (stmt, 4, facts->data, facts->len, SQLITE_STATIC);
      sqlite3_bind_blob64 (stmt, 5, props->len > 0 ? props->data : (const void *) "", props->len,
                           SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_DONE)
        {
          _lw_store_set_error (self, error, rc, _("writing leads"));
          goto fail;
        }
    }

  if (!count_writes (self, run, n, 0, error) ||
      !_lw_store_commit (self, error))
    goto fail;
  reset_touched (writer, writer->lead_facts, writer->lead_props);
  return TRUE;

fail:
  _lw_store_rollback (self);
  undo_interned (writer, added);
  reset_touched (writer, writer->lead_facts, writer->lead_props);
  return FALSE;
}

/* ---- appending events ------------------------------------------------------------ */

static gboolean
check_event (const LwEvent  *event,
             guint           i,
             GError        **error)
{
  const char *what = NULL;

  if (event->lead >= LW_STORE_MAX_LEAD_ID)
    what = _("the lead id is too large");
  else if ((guint) event->kind >= LW_N_EVENT_KINDS)
    what = _("the kind is unknown");
  else if (event->rep < -1)
    what = _("the rep is out of range");
  else if (event->detail != NULL && !g_utf8_validate (event->detail, -1, NULL))
    what = _("the detail is not valid UTF-8");
  if (what == NULL)
    return TRUE;

  /* translators: "Event 3 (lead 12): the kind is unknown" */
  g_set_error (error, LW_STORE_ERROR, LW_STORE_ERROR_INVALID,
               _("Event %u (lead %u): %s"), i, event->lead, what);
  return FALSE;
}

static void
encode_event (const LwRunWriter *writer,
              Chunk             *chunk,
              const LwEvent     *event)
{
  gsize detail_len = event->detail != NULL ? strlen (event->detail) : 0;
  guint form = VALUE_DOUBLE;
  gint64 scaled = 0;
  guint8 *p;

  if (event->value == 0.0 && !signbit (event->value))
    form = VALUE_ZERO;
  else if (event->value != 0.0 && fabs (event->value) < 1e12)   /* -0.0 stays raw */
    {
      double s = event->value * 1000.0;

      if (s == floor (s))
        {
          scaled = (gint64) s;
          if ((double) scaled / 1000.0 == event->value)
            form = VALUE_SCALED;
        }
    }

  chunk_reserve (chunk, MAX_EVENT_SIZE + 10 + detail_len);
  p = chunk->data + chunk->len;
  *p++ = (guint8) (event->kind | form << 5 | (event->detail != NULL ? 0x80 : 0));
  p = put_varint (p, event->lead & (LW_EVENT_BLOCK_SIZE - 1));
  p = put_varint (p, lw_zigzag (event->t - (chunk->n == 0 ? writer->sim_start : chunk->last_t)));
  p = put_varint (p, (guint64) ((gint64) event->rep + 1));
  p = put_varint (p, lw_zigzag (event->arg));
  if (form == VALUE_SCALED)
    p = put_varint (p, lw_zigzag (scaled));
  else if (form == VALUE_DOUBLE)
    {
      guint64 bits;

      memcpy (&bits, &event->value, 8);
      bits = GUINT64_TO_LE (bits);
      memcpy (p, &bits, 8);
      p += 8;
    }
  if (event->detail != NULL)
    {
      p = put_varint (p, detail_len);
      memcpy (p, event->detail, detail_len);
      p += detail_len;
    }
  chunk->len = p - chunk->data;
  chunk->last_t = event->t;
  chunk->n++;
}

gboolean
lw_store_append_events (LwStore        *self,
                        gint64          run,
                        const LwEvent  *events,
                        guint           n,
                        GError        **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  LwRunWriter *writer;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (events != NULL || n == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  locker = g_rec_mutex_locker_new (&self->lock);
  writer = load_writer (self, run, error);
  if (writer == NULL)
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (!check_event (&events[i], i, error))
      return FALSE;
  if (n == 0)
    return TRUE;

  for (guint i = 0; i < n; i++)
    {
      Chunk *chunk = chunk_for (writer, writer->events, events[i].lead >> LW_EVENT_BLOCK_SHIFT);

      encode_event (writer, chunk, &events[i]);
    }

  if (!_lw_store_begin (self, error))
    goto fail;
  for (guint i = 0; i < writer->touched->len; i++)
    {
      guint block = g_array_index (writer->touched, guint, i);
      Chunk *chunk = g_ptr_array_index (writer->events, block);
      g_autoptr(LwLentStmt) stmt = _lw_store_stmt (self, LW_STMT_INSERT_EVENT_CHUNK, error);
      int rc;

      if (stmt == NULL)
        goto rollback;
      sqlite3_bind_int64 (stmt, 1, run);
      sqlite3_bind_int (stmt, 2, block);
      sqlite3_bind_int (stmt, 3, chunk->n);
      sqlite3_bind_blob64 (stmt, 4, chunk->data, chunk->len, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_DONE)
        {
          _lw_store_set_error (self, error, rc, _("writing events"));
          goto rollback;
        }
    }
  if (!count_writes (self, run, 0, n, error) ||
      !_lw_store_commit (self, error))
    goto rollback;
  reset_touched (writer, writer->events, NULL);
  return TRUE;

rollback:
  _lw_store_rollback (self);
fail:
  reset_touched (writer, writer->events, NULL);
  return FALSE;
}

/* ---- reading runs ------------------------------------------------------------------ */

void
lw_run_info_free (LwRunInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->scenario);
  g_free (info->timings);
  g_free (info);
}

#define RUN_COLUMNS \
  "id, revision_id, status, started_at, finished_at, seed, leads, days, sim_start, " \
  "scenario, timings, leads_written, events_written, n_stages"

static LwRunInfo *
run_info_from_row (sqlite3_stmt *stmt)
{
  LwRunInfo *info = g_new0 (LwRunInfo, 1);

  info->id = sqlite3_column_int64 (stmt, 0);
  info->revision = sqlite3_column_int64 (stmt, 1);
  if (!lw_run_status_from_string ((const char *) sqlite3_column_text (stmt, 2), &info->status))
    info->status = LW_RUN_INTERRUPTED;
  info->started_at = sqlite3_column_int64 (stmt, 3);
  info->finished_at = sqlite3_column_int64 (stmt, 4);
  info->seed = (guint64) sqlite3_column_int64 (stmt, 5);
  info->leads = sqlite3_column_int64 (stmt, 6);
  info->days = sqlite3_column_int64 (stmt, 7);
  info->sim_start = sqlite3_column_int64 (stmt, 8);
  info->scenario = g_strdup ((const char *) sqlite3_column_text (stmt, 9));
  info->timings = g_strdup ((const char *) sqlite3_column_text (stmt, 10));
  info->leads_written = sqlite3_column_int64 (stmt, 11);
  info->events_written = sqlite3_column_int64 (stmt, 12);
  info->n_stages = sqlite3_column_int (stmt, 13);
  return info;
}

GPtrArray *
lw_store_list_runs (LwStore  *self,
                    GError  **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) list = NULL;
  int rc;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  locker = g_rec_mutex_locker_new (&self->lock);
  stmt = _lw_store_prepare (self, "SELECT " RUN_COLUMNS " FROM runs ORDER BY id DESC", error);
  if (stmt == NULL)
    return NULL;
  list = g_ptr_array_new_with_free_func ((GDestroyNotify) lw_run_info_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, run_info_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      _lw_store_set_error (self, error, rc, _("reading runs"));
      return NULL;
    }
  return g_steal_pointer (&list);
}

LwRunInfo *
lw_store_get_run (LwStore  *self,
                  gint64    run,
                  GError  **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  locker = g_rec_mutex_locker_new (&self->lock);
  stmt = _lw_store_prepare (self, "SELECT " RUN_COLUMNS " FROM runs WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, run);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return run_info_from_row (stmt);
  if (rc == SQLITE_DONE)
    set_no_run_error (error, run);
  else
    _lw_store_set_error (self, error, rc, _("reading a run"));
  return NULL;
}

gboolean
lw_store_delete_run (LwStore  *self,
                     gint64    run,
                     GError  **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(LwRunInfo) info = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  locker = g_rec_mutex_locker_new (&self->lock);
  if (!_lw_store_begin (self, error))
    return FALSE;
  info = lw_store_get_run (self, run, error);
  if (info == NULL)
    goto fail;
  if (info->status == LW_RUN_RUNNING)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, run);

      /* translators: %s is a run number */
      g_set_error (error, LW_STORE_ERROR, LW_STORE_ERROR_INVALID,
                   _("Run %s is still running"), number);
      goto fail;
    }
  stmt = _lw_store_prepare (self, "DELETE FROM runs WHERE id = ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, run);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      _lw_store_set_error (self, error, rc, _("deleting a run"));
      goto fail;
    }
  return _lw_store_commit (self, error);

fail:
  _lw_store_rollback (self);
  return FALSE;
}

/* ---- what a query knows about a run ------------------------------------------- */

static void
run_label_clear (gpointer data)
{
  LwRunLabel *label = data;

  g_free (label->id);
  g_free (label->label);
}

static void
run_rep_clear (gpointer data)
{
  LwRunRep *rep = data;

  g_free (rep->id);
  g_free (rep->name);
}

static void
int_array_clear (gpointer data)
{
  g_array_unref (*(GArray **) data);
}

void
_lw_run_ctx_free (LwRunCtx *ctx)
{
  if (ctx == NULL)
    return;
  for (guint k = 0; k < LW_N_LABEL_KINDS; k++)
    g_clear_pointer (&ctx->labels[k], g_array_unref);
  g_clear_pointer (&ctx->reps, g_array_unref);
  g_clear_pointer (&ctx->pool_members, g_array_unref);
  g_free (ctx);
}

static void
place_label (GArray     *labels,
             guint       idx,
             const char *id,
             const char *label)
{
  LwRunLabel *slot;

  if (idx >= labels->len)
    g_array_set_size (labels, idx + 1);
  slot = &g_array_index (labels, LwRunLabel, idx);
  g_free (slot->id);
  g_free (slot->label);
  slot->id = g_strdup (id != NULL ? id : "");
  slot->label = g_strdup (label != NULL ? label : slot->id);
}

LwRunCtx *
_lw_store_load_run_ctx (LwStore  *self,
                        gint64    run,
                        GError  **error)
{
  g_autoptr(LwRunCtx) ctx = g_new0 (LwRunCtx, 1);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  for (guint k = 0; k < LW_N_LABEL_KINDS; k++)
    {
      ctx->labels[k] = g_array_new (FALSE, TRUE, sizeof (LwRunLabel));
      g_array_set_clear_func (ctx->labels[k], run_label_clear);
    }
  ctx->reps = g_array_new (FALSE, TRUE, sizeof (LwRunRep));
  g_array_set_clear_func (ctx->reps, run_rep_clear);
  ctx->pool_members = g_array_new (FALSE, TRUE, sizeof (GArray *));
  g_array_set_clear_func (ctx->pool_members, int_array_clear);

  if (run < 0)
    {
      set_no_run_error (error, run);
      return NULL;
    }
  stmt = _lw_store_prepare (self,
                            run == 0
                            ? "SELECT id, status, sim_start, days, n_stages FROM runs "
                              "WHERE status = 'finished' ORDER BY id DESC LIMIT 1"
                            : "SELECT id, status, sim_start, days, n_stages FROM runs WHERE id = ?",
                            error);
  if (stmt == NULL)
    return NULL;
  if (run != 0)
    sqlite3_bind_int64 (stmt, 1, run);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      if (run == 0)
        g_set_error (error, LW_STORE_ERROR, LW_STORE_ERROR_NOT_FOUND,
                     _("The workspace has no finished run"));
      else
        set_no_run_error (error, run);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      _lw_store_set_error (self, error, rc, _("reading a run"));
      return NULL;
    }
  ctx->id = sqlite3_column_int64 (stmt, 0);
  if (!lw_run_status_from_string ((const char *) sqlite3_column_text (stmt, 1), &ctx->status))
    ctx->status = LW_RUN_INTERRUPTED;
  ctx->sim_start = sqlite3_column_int64 (stmt, 2);
  ctx->days = sqlite3_column_int (stmt, 3);
  ctx->n_stages = sqlite3_column_int (stmt, 4);
  g_clear_pointer (&stmt, sqlite3_finalize);

  stmt = _lw_store_prepare (self, "SELECT kind, idx, id, label FROM run_labels WHERE run_id = ?",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, ctx->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *kind = (const char *) sqlite3_column_text (stmt, 0);
      int idx = sqlite3_column_int (stmt, 1);

      if (idx < 0 || idx > G_MAXUINT16)
        continue;
      for (guint k = 0; k < LW_N_LABEL_KINDS; k++)
        if (g_strcmp0 (kind, lw_label_kind_names[k]) == 0)
          place_label (ctx->labels[k], idx,
                       (const char *) sqlite3_column_text (stmt, 2),
                       (const char *) sqlite3_column_text (stmt, 3));
    }
  if (rc != SQLITE_DONE)
    {
      _lw_store_set_error (self, error, rc, _("reading a run"));
      return NULL;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  stmt = _lw_store_prepare (self,
                            "SELECT idx, id, name, team, capacity, weight FROM run_reps "
                            "WHERE run_id = ? ORDER BY idx",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, ctx->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int idx = sqlite3_column_int (stmt, 0);
      LwRunRep *rep;

      if (idx < 0 || idx > LW_STORE_MAX_REPS)
        continue;
      if ((guint) idx >= ctx->reps->len)
        g_array_set_size (ctx->reps, idx + 1);
      rep = &g_array_index (ctx->reps, LwRunRep, idx);
      run_rep_clear (rep);
      rep->id = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      rep->name = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      rep->team = sqlite3_column_int (stmt, 3);
      rep->capacity = sqlite3_column_int64 (stmt, 4);
      rep->weight = MAX (sqlite3_column_int64 (stmt, 5), 1);
    }
  if (rc != SQLITE_DONE)
    {
      _lw_store_set_error (self, error, rc, _("reading a run"));
      return NULL;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  g_array_set_size (ctx->pool_members, ctx->labels[LW_LABEL_POOL]->len);
  for (guint p = 0; p < ctx->pool_members->len; p++)
    g_array_index (ctx->pool_members, GArray *, p) = g_array_new (FALSE, FALSE, sizeof (int));
  stmt = _lw_store_prepare (self,
                            "SELECT pool, rep FROM run_pool_members WHERE run_id = ? "
                            "ORDER BY pool, rep",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, ctx->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int pool = sqlite3_column_int (stmt, 0);
      int rep = sqlite3_column_int (stmt, 1);

      if (pool >= 0 && (guint) pool < ctx->pool_members->len &&
          rep >= 0 && (guint) rep < ctx->reps->len)
        g_array_append_val (g_array_index (ctx->pool_members, GArray *, pool), rep);
    }
  if (rc != SQLITE_DONE)
    {
      _lw_store_set_error (self, error, rc, _("reading a run"));
      return NULL;
    }

  return g_steal_pointer (&ctx);
}

/* ---- reading one lead -------------------------------------------------------------- */

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

static LwStoredLead *
decode_lead (const LwRunCtx *ctx,
             const guint8   *p,
             const guint8   *props,
             gsize           props_len)
{
  const char *region = label_id (ctx, LW_LABEL_REGION, lw_fact_index16 (p, LW_FACT_REGION));
  const char *segment = label_id (ctx, LW_LABEL_SEGMENT, lw_fact_index16 (p, LW_FACT_SEGMENT));
  const char *entry = label_id (ctx, LW_LABEL_ENTRY_POINT,
                                lw_fact_index16 (p, LW_FACT_ENTRY_POINT));
  gsize region_len = region != NULL ? strlen (region) + 1 : 0;
  gsize segment_len = segment != NULL ? strlen (segment) + 1 : 0;
  gsize entry_len = entry != NULL ? strlen (entry) + 1 : 0;
  gsize stages = ctx->n_stages * sizeof (LwTime);
  guint8 *block;
  LwStoredLead *lead;
  LwTime *stage_at;
  guint flags = p[LW_FACT_FLAGS];
  gint32 ttft;

  G_STATIC_ASSERT (sizeof (LwStoredLead) % sizeof (LwTime) == 0);
  block = g_malloc0 (sizeof (LwStoredLead) + stages + props_len +
                     region_len + segment_len + entry_len);
  lead = (LwStoredLead *) block;
  stage_at = (LwTime *) (block + sizeof (LwStoredLead));

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
  lead->source = lw_fact_index8 (p, LW_FACT_SOURCE);
  lead->stage = lw_fact_index8 (p, LW_FACT_STAGE);
  lead->max_stage = lw_fact_index8 (p, LW_FACT_MAX_STAGE);
  lead->status = lw_fact_index8 (p, LW_FACT_STATUS);
  lead->policy = lw_fact_index8 (p, LW_FACT_POLICY);
  lead->pool = lw_fact_index8 (p, LW_FACT_POOL);
  lead->escalations = p[LW_FACT_ESCALATIONS];
  lead->reassignments = p[LW_FACT_REASSIGNED];
  lead->fallback = (flags & LW_FACT_FALLBACK) != 0;
  lead->fallback_reason = p[LW_FACT_FALLBACK_WHY] < LW_N_FALLBACK_REASONS
                          ? p[LW_FACT_FALLBACK_WHY] : LW_FALLBACK_NONE;
  lead->breached = (flags & LW_FACT_BREACHED) != 0;
  lead->warned = (flags & LW_FACT_WARNED) != 0;
  lead->mql = (flags & LW_FACT_MQL) != 0;
  lead->converted = (flags & LW_FACT_CONVERTED) != 0;
  lead->disqualified = (flags & LW_FACT_DISQUALIFIED) != 0;
  lead->recycled = (flags & LW_FACT_RECYCLED) != 0;
  lead->reached_stages = lw_get_u64 (p + LW_FACT_REACHED);
  lead->advanced_stages = lw_get_u64 (p + LW_FACT_ADVANCED);

  for (guint s = 0; s < ctx->n_stages; s++)
    stage_at[s] = abs_time (ctx, lw_get_i32 (p + LW_FACT_STAGES + 4 * s));
  lead->stage_at = ctx->n_stages > 0 ? stage_at : NULL;
  lead->n_stage_at = ctx->n_stages;

  block += sizeof (LwStoredLead) + stages;
  if (props_len > 0)
    {
      memcpy (block, props, props_len);
      lead->properties = block;
      lead->properties_len = props_len;
      block += props_len;
    }
  if (region != NULL)
    {
      memcpy (block, region, region_len);
      lead->region = (const char *) block;
      block += region_len;
    }
  if (segment != NULL)
    {
      memcpy (block, segment, segment_len);
      lead->segment = (const char *) block;
      block += segment_len;
    }
  if (entry != NULL)
    {
      memcpy (block, entry, entry_len);
      lead->entry_point = (const char *) block;
    }
  return lead;
}

static void
set_damaged_error (LwStore  *self,
                   GError  **error)
{
  /* translators: %s is a file name */
  g_set_error (error, LW_STORE_ERROR, LW_STORE_ERROR_CORRUPT,
               _("%s: the leads or events of a run are damaged"), self->path);
}

LwStoredLead *
lw_store_get_lead (LwStore  *self,
                   gint64    run,
                   guint32   lead,
                   GError  **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(LwRunCtx) ctx = NULL;
  g_autoptr(LwLentStmt) stmt = NULL;
  gsize record;
  int rc;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (run <= 0)
    {
      set_no_run_error (error, run);
      return NULL;
    }

  locker = g_rec_mutex_locker_new (&self->lock);
  ctx = _lw_store_load_run_ctx (self, run, error);
  if (ctx == NULL)
    return NULL;
  record = lw_fact_size (ctx->n_stages);

  stmt = _lw_store_stmt (self, LW_STMT_LEAD_CHUNKS_OF_BLOCK, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, run);
  sqlite3_bind_int (stmt, 2, lead >> LW_BLOCK_SHIFT);
  /* Newest chunk first: a lead written again is found in its last state. */
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint n = sqlite3_column_int (stmt, 0);
      const guint8 *facts = sqlite3_column_blob (stmt, 1);
      gsize facts_len = sqlite3_column_bytes (stmt, 1);
      const guint8 *props, *end;

      if (facts_len != n * record)
        {
          set_damaged_error (self, error);
          return NULL;
        }
      for (guint i = n; i-- > 0;)
        {
          if (lw_get_u32 (facts + i * record + LW_FACT_ID) != lead)
            continue;

          /* Its properties: skip the i before it. */
          props = sqlite3_column_blob (stmt, 2);
          end = props + sqlite3_column_bytes (stmt, 2);
          for (guint k = 0; k <= i; k++)
            {
              guint64 len;

              if (!lw_get_varint (&props, end, &len) || len > (guint64) (end - props))
                {
                  set_damaged_error (self, error);
                  return NULL;
                }
              if (k == i)
                return decode_lead (ctx, facts + i * record, props, len);
              props += len;
            }
        }
    }
  if (rc != SQLITE_DONE)
    {
      _lw_store_set_error (self, error, rc, _("reading a lead"));
      return NULL;
    }

  {
    g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, run);

    /* translators: "Run 3 has no lead 12" */
    g_set_error (error, LW_STORE_ERROR, LW_STORE_ERROR_NOT_FOUND,
                 _("Run %s has no lead %u"), number, lead);
  }
  return NULL;
}

void
lw_stored_lead_free (LwStoredLead *lead)
{
  g_free (lead);
}

static void
event_clear (gpointer data)
{
  LwEvent *event = data;

  g_free ((char *) event->detail);
}

gboolean
_lw_store_decode_event (const guint8 **pp,
                        const guint8  *end,
                        guint          block,
                        LwTime        *t,
                        gint64         keep_detail,
                        LwEvent       *event)
{
  const guint8 *p = *pp;
  guint64 offset, dt, rep, arg;
  guint header, form;

  memset (event, 0, sizeof *event);
  if (p >= end)
    return FALSE;
  header = *p++;
  form = (header >> 5) & 3;
  if (!lw_get_varint (&p, end, &offset) || offset >= LW_EVENT_BLOCK_SIZE ||
      !lw_get_varint (&p, end, &dt) ||
      !lw_get_varint (&p, end, &rep) || rep > (guint64) G_MAXINT ||
      !lw_get_varint (&p, end, &arg))
    return FALSE;
  *t += lw_unzigzag (dt);
  event->lead = (block << LW_EVENT_BLOCK_SHIFT) | (guint32) offset;
  event->kind = header & 0x1f;
  event->t = *t;
  event->rep = (int) rep - 1;
  event->arg = (int) lw_unzigzag (arg);
  if ((guint) event->kind >= LW_N_EVENT_KINDS)
    return FALSE;

  if (form == VALUE_SCALED)
    {
      guint64 scaled;

      if (!lw_get_varint (&p, end, &scaled))
        return FALSE;
      event->value = (double) lw_unzigzag (scaled) / 1000.0;
    }
  else if (form == VALUE_DOUBLE)
    {
      guint64 bits;

      if (end - p < 8)
        return FALSE;
      memcpy (&bits, p, 8);
      bits = GUINT64_FROM_LE (bits);
      memcpy (&event->value, &bits, 8);
      p += 8;
    }
  else if (form != VALUE_ZERO)
    return FALSE;

  if (header & 0x80)
    {
      guint64 len;

      if (!lw_get_varint (&p, end, &len) || len > (guint64) (end - p))
        return FALSE;
      if (keep_detail == LW_KEEP_EVERY_DETAIL || (gint64) event->lead == keep_detail)
        event->detail = g_strndup ((const char *) p, len);
      p += len;
    }
  *pp = p;
  return TRUE;
}

/* Decodes one event chunk of @block; appends the events of @lead. */
static gboolean
decode_events (const LwRunCtx *ctx,
               guint           block,
               guint32         lead,
               const guint8   *p,
               const guint8   *end,
               guint           n,
               GArray         *out)
{
  LwTime t = ctx->sim_start;

  for (guint i = 0; i < n; i++)
    {
      LwEvent event;

      if (!_lw_store_decode_event (&p, end, block, &t, lead, &event))
        return FALSE;
      if (event.lead == lead)
        g_array_append_val (out, event);
    }
  return p == end;
}

GArray *
lw_store_get_lead_events (LwStore  *self,
                          gint64    run,
                          guint32   lead,
                          GError  **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(LwRunCtx) ctx = NULL;
  g_autoptr(LwLentStmt) stmt = NULL;
  g_autoptr(GArray) events = NULL;
  int rc;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (run <= 0)
    {
      set_no_run_error (error, run);
      return NULL;
    }

  locker = g_rec_mutex_locker_new (&self->lock);
  ctx = _lw_store_load_run_ctx (self, run, error);
  if (ctx == NULL)
    return NULL;

  events = g_array_new (FALSE, FALSE, sizeof (LwEvent));
  g_array_set_clear_func (events, event_clear);
  stmt = _lw_store_stmt (self, LW_STMT_EVENT_CHUNKS_OF_BLOCK, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, run);
  sqlite3_bind_int (stmt, 2, lead >> LW_EVENT_BLOCK_SHIFT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const guint8 *data = sqlite3_column_blob (stmt, 1);
      gsize len = sqlite3_column_bytes (stmt, 1);

      if (!decode_events (ctx, lead >> LW_EVENT_BLOCK_SHIFT, lead, data, data + len,
                          sqlite3_column_int (stmt, 0), events))
        {
          set_damaged_error (self, error);
          return NULL;
        }
    }
  if (rc != SQLITE_DONE)
    {
      _lw_store_set_error (self, error, rc, _("reading events"));
      return NULL;
    }
  return g_steal_pointer (&events);
}
