/* bench-sqlite-raw.c: SQLite's own rate for the rows a simulation run writes
 *
 *   bench-sqlite-raw --source WORKSPACE --trace TRACE [--run ID] [--db FILE]
 *                    [--calls-per-transaction N]
 *
 * WORKSPACE and TRACE come from `bench-simulate store --db WORKSPACE
 * --trace TRACE`. This program reads back the exact rows that run wrote
 * (the lead chunks of run_leads and the event chunks of run_events, byte for
 * byte, in the order written) and the shape of each store call (TRACE: one
 * transaction per call, which rows it wrote). It checks that the two agree,
 * then inserts the same rows into a fresh workspace and times only that:
 *
 *  - the schema is the store's own: the file is created by lw_store_open()
 *    (page size, WAL, tables, indexes, foreign keys), then closed and opened
 *    again with bare SQLite, the same open flags and the same pragmas
 *    (foreign_keys, synchronous = NORMAL, cache_size, temp_store);
 *  - the statements are the store's (same SQL text, prepared once with
 *    SQLITE_PREPARE_PERSISTENT, reset and unbound after each use);
 *  - one BEGIN IMMEDIATE ... COMMIT per store call, holding that call's
 *    chunk rows, the UPDATE of the run's write counters and (in the first
 *    lead call) the region, segment and entry-point labels the store
 *    interns;
 *  - blobs are bound SQLITE_STATIC, as the store binds them.
 *
 * What it leaves out, by design: encoding the records (the store builds
 * the bytes; here they are ready), validating the leads and events, the
 * store's lock, and beginning and finishing the run (a few small rows
 * once per run). So "raw" is the floor the store's appends can reach with
 * this schema and this write pattern.
 *
 * --calls-per-transaction N (an experiment; bench/run.sh never passes it)
 * commits every N store calls instead of each one, to measure what fewer,
 * larger transactions would save.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <gio/gio.h>
#include <sqlite3.h>

#include "lw-store.h"

static double
now_s (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static double
cpu_s (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 +
         usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

/* ---- what the run wrote ----------------------------------------------------------- */

typedef struct
{
  guint   block;
  guint   n;
  guint8 *a;        /* facts, or event data */
  gsize   a_len;
  guint8 *b;        /* props; NULL for events */
  gsize   b_len;
} Row;

static void
row_clear (gpointer data)
{
  Row *row = data;

  g_free (row->a);
  g_free (row->b);
}

typedef struct
{
  char  kind;       /* 'L' or 'E' */
  guint n;          /* leads or events of the call */
  guint first;      /* its first row in the rows of its kind */
  guint n_rows;
} Call;

typedef struct
{
  char *kind;
  guint idx;
  char *id;
  char *label;
} Label;

static void
label_clear (gpointer data)
{
  Label *label = data;

  g_free (label->kind);
  g_free (label->id);
  g_free (label->label);
}

typedef struct
{
  GArray  *lead_rows;   /* Row */
  GArray  *event_rows;  /* Row */
  GArray  *calls;       /* Call */
  GArray  *labels;      /* Label */
  gint64   sim_start;
  gint64   seed;
  gint64   leads;
  gint64   days;
  gint64   n_stages;
  guint64  lead_bytes;
  guint64  event_bytes;
} Workload;

static void
workload_clear (Workload *w)
{
  g_clear_pointer (&w->lead_rows, g_array_unref);
  g_clear_pointer (&w->event_rows, g_array_unref);
  g_clear_pointer (&w->calls, g_array_unref);
  g_clear_pointer (&w->labels, g_array_unref);
}

static gboolean
fail_sqlite (sqlite3     *db,
             const char  *what,
             GError     **error)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: %s", what, sqlite3_errmsg (db));
  return FALSE;
}

static guint8 *
dup_blob (sqlite3_stmt *stmt,
          int           column,
          gsize        *len)
{
  *len = sqlite3_column_bytes (stmt, column);
  return g_memdup2 (sqlite3_column_blob (stmt, column), *len);
}

static gboolean
read_rows (sqlite3     *db,
           const char  *sql,
           gint64       run,
           gboolean     two_blobs,
           GArray      *rows,
           guint64     *bytes,
           GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return fail_sqlite (db, sql, error);
  sqlite3_bind_int64 (stmt, 1, run);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Row row = { 0 };

      row.block = sqlite3_column_int (stmt, 0);
      row.n = sqlite3_column_int (stmt, 1);
      row.a = dup_blob (stmt, 2, &row.a_len);
      if (two_blobs)
        row.b = dup_blob (stmt, 3, &row.b_len);
      *bytes += row.a_len + row.b_len;
      g_array_append_val (rows, row);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return fail_sqlite (db, sql, error);
  return TRUE;
}

static gboolean
read_source (const char  *path,
             gint64       run,
             Workload    *w,
             GError     **error)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;
  int rc;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    {
      fail_sqlite (db, path, error);
      goto out;
    }

  if (run == 0)
    {
      if (sqlite3_prepare_v2 (db, "SELECT id FROM runs WHERE status = 'finished' ORDER BY id DESC LIMIT 1",
                              -1, &stmt, NULL) != SQLITE_OK)
        {
          fail_sqlite (db, "finding the run", error);
          goto out;
        }
      if (sqlite3_step (stmt) != SQLITE_ROW)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "%s has no finished run", path);
          goto out;
        }
      run = sqlite3_column_int64 (stmt, 0);
      g_clear_pointer (&stmt, sqlite3_finalize);
    }

  if (sqlite3_prepare_v2 (db, "SELECT sim_start, seed, leads, days, n_stages FROM runs WHERE id = ?",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      fail_sqlite (db, "reading the run", error);
      goto out;
    }
  sqlite3_bind_int64 (stmt, 1, run);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "%s has no run %" G_GINT64_FORMAT, path, run);
      goto out;
    }
  w->sim_start = sqlite3_column_int64 (stmt, 0);
  w->seed = sqlite3_column_int64 (stmt, 1);
  w->leads = sqlite3_column_int64 (stmt, 2);
  w->days = sqlite3_column_int64 (stmt, 3);
  w->n_stages = sqlite3_column_int64 (stmt, 4);
  g_clear_pointer (&stmt, sqlite3_finalize);

  /* "+run_id": walk the table in rowid order (the order written) rather
   * than the (run_id, block) index, which would sort every blob through a
   * temporary file. */
  if (!read_rows (db, "SELECT block, n, facts, props FROM run_leads WHERE +run_id = ? ORDER BY id",
                  run, TRUE, w->lead_rows, &w->lead_bytes, error) ||
      !read_rows (db, "SELECT block, n, data FROM run_events WHERE +run_id = ? ORDER BY id",
                  run, FALSE, w->event_rows, &w->event_bytes, error))
    goto out;

  if (sqlite3_prepare_v2 (db, "SELECT kind, idx, id, label FROM run_labels WHERE run_id = ? "
                              "AND kind IN ('region', 'segment', 'entry_point') ORDER BY idx, kind",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      fail_sqlite (db, "reading labels", error);
      goto out;
    }
  sqlite3_bind_int64 (stmt, 1, run);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Label label = {
        g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
        sqlite3_column_int (stmt, 1),
        g_strdup ((const char *) sqlite3_column_text (stmt, 2)),
        g_strdup ((const char *) sqlite3_column_text (stmt, 3)),
      };

      g_array_append_val (w->labels, label);
    }
  if (rc != SQLITE_DONE)
    {
      fail_sqlite (db, "reading labels", error);
      goto out;
    }
  ok = TRUE;

out:
  if (stmt != NULL)
    sqlite3_finalize (stmt);
  sqlite3_close (db);
  return ok;
}

/* Reads the trace and checks it against the rows: each call's blocks, in
 * order, must be the next rows of its kind, with the same item counts. */
static gboolean
read_trace (const char  *path,
            Workload    *w,
            GError     **error)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  guint next[2] = { 0, 0 };

  if (!g_file_get_contents (path, &text, NULL, error))
    return FALSE;
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;
      Call call = { 0 };
      GArray *rows;
      guint *cursor, total = 0;

      if (lines[i][0] == '\0')
        continue;
      fields = g_strsplit (lines[i], " ", -1);
      if (g_strv_length (fields) < 3 || (fields[0][0] != 'L' && fields[0][0] != 'E'))
        goto bad;
      call.kind = fields[0][0];
      call.n = strtoul (fields[1], NULL, 10);
      rows = call.kind == 'L' ? w->lead_rows : w->event_rows;
      cursor = &next[call.kind == 'L' ? 0 : 1];
      call.first = *cursor;
      for (guint f = 2; fields[f] != NULL; f++)
        {
          guint block, count;
          const Row *row;

          if (sscanf (fields[f], "%u:%u", &block, &count) != 2 || *cursor >= rows->len)
            goto bad;
          row = &g_array_index (rows, Row, *cursor);
          if (row->block != block || row->n != count)
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "%s:%u: the workspace's row %u is block %u with %u items, "
                           "the trace says block %u with %u: not the same run",
                           path, i + 1, *cursor, row->block, row->n, block, count);
              return FALSE;
            }
          (*cursor)++;
          call.n_rows++;
          total += count;
        }
      if (total != call.n)
        goto bad;
      g_array_append_val (w->calls, call);
      continue;

    bad:
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s:%u: not a trace line", path, i + 1);
      return FALSE;
    }
  if (next[0] != w->lead_rows->len || next[1] != w->event_rows->len)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "%s accounts for %u lead rows and %u event rows; the run has %u and %u",
                   path, next[0], next[1], w->lead_rows->len, w->event_rows->len);
      return FALSE;
    }
  return TRUE;
}

/* ---- the replay ---------------------------------------------------------------------- */

enum
{
  STMT_BEGIN,
  STMT_COMMIT,
  STMT_INSERT_LEAD_CHUNK,
  STMT_INSERT_EVENT_CHUNK,
  STMT_COUNT_WRITES,
  STMT_INSERT_LABEL,
  N_STMTS
};

/* The store's SQL (lw-store.c, stmt_sql), verbatim. */
static const char * const stmt_sql[N_STMTS] = {
  [STMT_BEGIN] = "BEGIN IMMEDIATE",
  [STMT_COMMIT] = "COMMIT",
  [STMT_INSERT_LEAD_CHUNK] =
    "INSERT INTO run_leads (run_id, block, n, facts, props) VALUES (?, ?, ?, ?, ?)",
  [STMT_INSERT_EVENT_CHUNK] =
    "INSERT INTO run_events (run_id, block, n, data) VALUES (?, ?, ?, ?)",
  [STMT_COUNT_WRITES] =
    "UPDATE runs SET leads_written = leads_written + ?, "
    "events_written = events_written + ? WHERE id = ?",
  [STMT_INSERT_LABEL] =
    "INSERT INTO run_labels (run_id, kind, idx, id, label) VALUES (?, ?, ?, ?, ?)",
};

typedef struct
{
  double   leads_s;
  double   events_s;
  double   close_s;
  double   cpu_s;
} Timings;

/* Store calls per transaction: 1 is what the store does; more is an
 * experiment (--calls-per-transaction). */
static gint64 calls_per_txn = 1;

/* Steps a statement to its end and gives it back as the store's lent
 * statements are given back: reset, bindings cleared. */
static gboolean
step_done (sqlite3      *db,
           sqlite3_stmt *stmt,
           GError      **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    return fail_sqlite (db, sqlite3_sql (stmt), error);
  return TRUE;
}

static gboolean
exec_sql (sqlite3     *db,
          const char  *sql,
          GError     **error)
{
  if (sqlite3_exec (db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return fail_sqlite (db, sql, error);
  return TRUE;
}

static gboolean
replay (const char      *path,
        const Workload  *w,
        Timings         *timings,
        GError         **error)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmts[N_STMTS] = { NULL };
  sqlite3_stmt *mode = NULL;
  LwStore *store;
  gint64 run;
  gboolean ok = FALSE, labels_done = FALSE;
  double c0;

  /* The store creates the file: its schema, page size and WAL mode. */
  store = lw_store_open (path, error);
  if (store == NULL)
    return FALSE;
  lw_store_unref (store);

  if (sqlite3_open_v2 (path, &db,
                       SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE,
                       NULL) != SQLITE_OK)
    {
      fail_sqlite (db, path, error);
      goto out;
    }
  sqlite3_busy_timeout (db, 10000);
  sqlite3_extended_result_codes (db, 1);
  if (sqlite3_prepare_v2 (db, "PRAGMA journal_mode", -1, &mode, NULL) != SQLITE_OK ||
      sqlite3_step (mode) != SQLITE_ROW ||
      g_ascii_strcasecmp ((const char *) sqlite3_column_text (mode, 0), "wal") != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s is not in WAL mode", path);
      goto out;
    }
  g_clear_pointer (&mode, sqlite3_finalize);
  /* The store's connection settings (lw-store.c, configure ()). */
  if (!exec_sql (db,
                 "PRAGMA foreign_keys = ON;"
                 "PRAGMA synchronous = NORMAL;"
                 "PRAGMA cache_size = -16384;"
                 "PRAGMA temp_store = MEMORY;",
                 error))
    goto out;

  /* The run the chunks belong to (their foreign key), with a revision. */
  if (!exec_sql (db, "INSERT INTO revisions (created_at, note, json, digest) "
                     "VALUES (0, 'bench-sqlite-raw', '{}', '')", error))
    goto out;
  {
    g_autofree char *sql =
      g_strdup_printf ("INSERT INTO runs (revision_id, status, started_at, seed, leads, days, "
                       "sim_start, n_stages, writer_pid) VALUES (%" G_GINT64_FORMAT ", 'running', 0, "
                       "%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", "
                       "%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", %d)",
                       (gint64) sqlite3_last_insert_rowid (db), w->seed, w->leads, w->days,
                       w->sim_start, w->n_stages, (int) getpid ());

    if (!exec_sql (db, sql, error))
      goto out;
    run = sqlite3_last_insert_rowid (db);
  }

  for (guint i = 0; i < N_STMTS; i++)
    if (sqlite3_prepare_v3 (db, stmt_sql[i], -1, SQLITE_PREPARE_PERSISTENT, &stmts[i], NULL) != SQLITE_OK)
      {
        fail_sqlite (db, stmt_sql[i], error);
        goto out;
      }

  c0 = cpu_s ();
  for (guint c = 0; c < w->calls->len; c++)
    {
      const Call *call = &g_array_index (w->calls, Call, c);
      gboolean leads = call->kind == 'L';
      double start = now_s ();

      if (c % calls_per_txn == 0 && !step_done (db, stmts[STMT_BEGIN], error))
        goto out;
      if (leads && !labels_done)
        {
          for (guint i = 0; i < w->labels->len; i++)
            {
              const Label *label = &g_array_index (w->labels, Label, i);
              sqlite3_stmt *stmt = stmts[STMT_INSERT_LABEL];

              sqlite3_bind_int64 (stmt, 1, run);
              sqlite3_bind_text (stmt, 2, label->kind, -1, SQLITE_STATIC);
              sqlite3_bind_int (stmt, 3, label->idx);
              sqlite3_bind_text (stmt, 4, label->id, -1, SQLITE_STATIC);
              sqlite3_bind_text (stmt, 5, label->label, -1, SQLITE_STATIC);
              if (!step_done (db, stmt, error))
                goto out;
            }
          labels_done = TRUE;
        }
      for (guint r = 0; r < call->n_rows; r++)
        {
          const Row *row = &g_array_index (leads ? w->lead_rows : w->event_rows, Row, call->first + r);
          sqlite3_stmt *stmt = stmts[leads ? STMT_INSERT_LEAD_CHUNK : STMT_INSERT_EVENT_CHUNK];

          sqlite3_bind_int64 (stmt, 1, run);
          sqlite3_bind_int (stmt, 2, row->block);
          sqlite3_bind_int (stmt, 3, row->n);
          sqlite3_bind_blob64 (stmt, 4, row->a, row->a_len, SQLITE_STATIC);
          if (leads)
            sqlite3_bind_blob64 (stmt, 5, row->b_len > 0 ? row->b : (const void *) "", row->b_len,
                                 SQLITE_STATIC);
          if (!step_done (db, stmt, error))
            goto out;
        }
      sqlite3_bind_int64 (stmts[STMT_COUNT_WRITES], 1, leads ? call->n : 0);
      sqlite3_bind_int64 (stmts[STMT_COUNT_WRITES], 2, leads ? 0 : call->n);
      sqlite3_bind_int64 (stmts[STMT_COUNT_WRITES], 3, run);
      if (!step_done (db, stmts[STMT_COUNT_WRITES], error))
        goto out;
      if ((c % calls_per_txn == calls_per_txn - 1 || c + 1 == w->calls->len) &&
          !step_done (db, stmts[STMT_COMMIT], error))
        goto out;

      if (leads)
        timings->leads_s += now_s () - start;
      else
        timings->events_s += now_s () - start;
    }

  timings->cpu_s = cpu_s () - c0;

  /* Closing checkpoints the WAL, as the store's close does. */
  for (guint i = 0; i < N_STMTS; i++)
    g_clear_pointer (&stmts[i], sqlite3_finalize);
  g_clear_pointer (&mode, sqlite3_finalize);
  {
    double start = now_s ();

    if (sqlite3_close (db) != SQLITE_OK)
      {
        fail_sqlite (db, "closing", error);
        goto out;
      }
    db = NULL;
    timings->close_s = now_s () - start;
  }
  ok = TRUE;

out:
  for (guint i = 0; i < N_STMTS; i++)
    if (stmts[i] != NULL)
      sqlite3_finalize (stmts[i]);
  if (mode != NULL)
    sqlite3_finalize (mode);
  if (db != NULL)
    sqlite3_close (db);
  return ok;
}

/* ---- main ------------------------------------------------------------------------------ */

static void
remove_workspace (const char *path)
{
  const char *suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_remove (file);
    }
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *source = NULL;
  g_autofree char *trace = NULL;
  g_autofree char *out = NULL;
  g_autofree char *tmpdir = NULL;
  g_autofree char *path = NULL;
  gint64 run = 0;
  const GOptionEntry entries[] = {
    { "source", 0, 0, G_OPTION_ARG_FILENAME, &source, "Workspace written by bench-simulate store", "FILE" },
    { "trace", 0, 0, G_OPTION_ARG_FILENAME, &trace, "Its trace (bench-simulate store --trace)", "FILE" },
    { "run", 0, 0, G_OPTION_ARG_INT64, &run, "Run in the workspace (default: the latest finished)", "ID" },
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &out, "Write here (must not exist) and keep it; "
                                               "default a temporary file, removed", "FILE" },
    { "calls-per-transaction", 0, 0, G_OPTION_ARG_INT64, &calls_per_txn,
      "Experiment: commit every N store calls (default 1, as the store does)", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("");
  g_autoptr(GError) error = NULL;
  Workload w = { 0 };
  Timings t = { 0 };
  guint lead_calls = 0, event_calls = 0;
  guint64 leads = 0, events = 0;
  double raw_s, read_start, read_s;
  int status = 1;

  g_option_context_set_summary (context, "Inserts the rows of a recorded run with bare SQLite, timed.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      fprintf (stderr, "bench-sqlite-raw: %s\n", error->message);
      return 2;
    }
  if (source == NULL || trace == NULL || argc != 1 || calls_per_txn < 1)
    {
      fprintf (stderr, "usage: bench-sqlite-raw --source WORKSPACE --trace TRACE [--run ID] [--db FILE] "
                       "[--calls-per-transaction N >= 1]\n");
      return 2;
    }

  w.lead_rows = g_array_new (FALSE, FALSE, sizeof (Row));
  g_array_set_clear_func (w.lead_rows, row_clear);
  w.event_rows = g_array_new (FALSE, FALSE, sizeof (Row));
  g_array_set_clear_func (w.event_rows, row_clear);
  w.calls = g_array_new (FALSE, FALSE, sizeof (Call));
  w.labels = g_array_new (FALSE, FALSE, sizeof (Label));
  g_array_set_clear_func (w.labels, label_clear);

  read_start = now_s ();
  if (!read_source (source, run, &w, &error) || !read_trace (trace, &w, &error))
    goto fail;
  read_s = now_s () - read_start;

  if (out != NULL)
    {
      if (g_file_test (out, G_FILE_TEST_EXISTS))
        {
          fprintf (stderr, "bench-sqlite-raw: %s exists; give a new file\n", out);
          workload_clear (&w);
          return 2;
        }
      path = g_strdup (out);
    }
  else
    {
      tmpdir = g_dir_make_tmp ("lw-bench-raw-XXXXXX", &error);
      if (tmpdir == NULL)
        goto fail;
      path = g_build_filename (tmpdir, "raw.leadwright", NULL);
    }

  if (!replay (path, &w, &t, &error))
    goto fail;

  for (guint c = 0; c < w.calls->len; c++)
    {
      const Call *call = &g_array_index (w.calls, Call, c);

      if (call->kind == 'L')
        {
          lead_calls++;
          leads += call->n;
        }
      else
        {
          event_calls++;
          events += call->n;
        }
    }
  raw_s = t.leads_s + t.events_s;

  printf ("bench-sqlite-raw: the rows of %" G_GUINT64_FORMAT " leads and %" G_GUINT64_FORMAT
          " events from %s (read and checked in %.2f s)\n", leads, events, source, read_s);
  printf ("  transactions     %u (%u lead calls, %u event calls%s)\n",
          (guint) ((w.calls->len + calls_per_txn - 1) / calls_per_txn), lead_calls, event_calls,
          calls_per_txn > 1 ? "; EXPERIMENT: several calls per transaction" : "");
  printf ("  rows             %u lead chunks (%.1f MB), %u event chunks (%.1f MB)\n",
          w.lead_rows->len, w.lead_bytes / 1048576.0, w.event_rows->len, w.event_bytes / 1048576.0);
  printf ("  insert + commit  %.3f s (leads %.3f, events %.3f; CPU %.3f s); close %.3f s\n",
          raw_s, t.leads_s, t.events_s, t.cpu_s, t.close_s);
  printf ("  raw rate         %.0f leads/s (with their events), %.1f MB/s\n",
          leads / raw_s, (w.lead_bytes + w.event_bytes) / 1048576.0 / raw_s);
  printf ("RESULT mode=raw leads=%" G_GUINT64_FORMAT " events=%" G_GUINT64_FORMAT " txns=%u "
          "lead_rows=%u event_rows=%u lead_bytes=%" G_GUINT64_FORMAT " event_bytes=%" G_GUINT64_FORMAT
          " raw_s=%.4f raw_leads_s=%.4f raw_events_s=%.4f close_s=%.4f cpu_s=%.4f leads_per_s=%.0f\n",
          leads, events, (guint) ((w.calls->len + calls_per_txn - 1) / calls_per_txn), w.lead_rows->len, w.event_rows->len, w.lead_bytes,
          w.event_bytes, raw_s, t.leads_s, t.events_s, t.close_s, t.cpu_s, leads / raw_s);
  status = 0;
  goto out;

fail:
  fprintf (stderr, "bench-sqlite-raw: %s\n", error->message);
out:
  if (tmpdir != NULL && path != NULL)
    {
      remove_workspace (path);
      g_rmdir (tmpdir);
    }
  workload_clear (&w);
  return status;
}
