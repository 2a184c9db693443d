/* lw-store.c: opening the workspace, its schema and migrations, metadata and
 * rule-set revisions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "lw-config-json.h"
#include "lw-store-private.h"

G_DEFINE_QUARK (lw-store-error-quark, lw_store_error)

/* SQLite's page cache, in KiB (negative: PRAGMA cache_size counts pages
 * otherwise): what the views' queries use, and the little a run that only
 * appends needs (a transaction writes under a megabyte; the cache would
 * fill with written pages, a twelfth of a million-lead run's memory). */
#define CACHE_KIB         -16384
#define WRITING_CACHE_KIB -2048

/* "Lead" in ASCII: PRAGMA application_id of every workspace. */
#define LW_STORE_APPLICATION_ID 0x4c656164

/* A writer waits this long for another connection's transaction. */
#define LW_STORE_BUSY_TIMEOUT_MS 10000

/* ---- the schema ------------------------------------------------------------
 *
 * Version 1 is the schema of the first release, kept verbatim: a new file is
 * created by running it and then every migration, so the migration path is
 * the one every workspace takes.
 *
 * Leads and events of a run are stored in chunks, one row per append call
 * and per block of 4096 lead ids: a 1M-lead run is a few thousand rows of
 * fixed-width records rather than millions of rows, which is what makes a
 * run fast to write and an aggregate fast to compute. */

static const char schema_v1[] =
  "CREATE TABLE workspace (\n"
  "  key   TEXT PRIMARY KEY NOT NULL,\n"
  "  value TEXT NOT NULL\n"
  ") WITHOUT ROWID;\n"
  "CREATE TABLE revisions (\n"
  "  id         INTEGER PRIMARY KEY AUTOINCREMENT,\n"
  "  created_at INTEGER NOT NULL,\n"
  "  note       TEXT NOT NULL DEFAULT '',\n"
  "  json       TEXT NOT NULL\n"
  ");\n"
  "CREATE TABLE runs (\n"
  "  id             INTEGER PRIMARY KEY AUTOINCREMENT,\n"
  "  revision_id    INTEGER REFERENCES revisions (id),\n"
  "  status         TEXT NOT NULL CHECK (status IN ('running', 'finished',\n"
  "                   'cancelled', 'failed', 'interrupted')),\n"
  "  started_at     INTEGER NOT NULL,\n"
  "  finished_at    INTEGER,\n"
  "  seed           INTEGER NOT NULL,\n"
  "  leads          INTEGER NOT NULL,\n"
  "  days           INTEGER NOT NULL,\n"
  "  sim_start      INTEGER NOT NULL,\n"
  "  n_stages       INTEGER NOT NULL,\n"
  "  scenario       TEXT,\n"
  "  timings        TEXT,\n"
  "  writer_pid     INTEGER,\n"
  "  leads_written  INTEGER NOT NULL DEFAULT 0,\n"
  "  events_written INTEGER NOT NULL DEFAULT 0\n"
  ");\n"
  "CREATE INDEX runs_status ON runs (status);\n"
  "CREATE TABLE run_labels (\n"
  "  run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,\n"
  "  kind   TEXT NOT NULL,\n"
  "  idx    INTEGER NOT NULL,\n"
  "  id     TEXT NOT NULL,\n"
  "  label  TEXT NOT NULL,\n"
  "  PRIMARY KEY (run_id, kind, idx)\n"
  ") WITHOUT ROWID;\n"
  "CREATE TABLE run_reps (\n"
  "  run_id   INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,\n"
  "  idx      INTEGER NOT NULL,\n"
  "  id       TEXT NOT NULL,\n"
  "  name     TEXT NOT NULL,\n"
  "  team     INTEGER NOT NULL,\n"
  "  capacity INTEGER NOT NULL,\n"
  "  weight   INTEGER NOT NULL,\n"
  "  PRIMARY KEY (run_id, idx)\n"
  ") WITHOUT ROWID;\n"
  "CREATE TABLE run_pool_members (\n"
  "  run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,\n"
  "  pool   INTEGER NOT NULL,\n"
  "  rep    INTEGER NOT NULL,\n"
  "  weight INTEGER NOT NULL,\n"
  "  PRIMARY KEY (run_id, pool, rep)\n"
  ") WITHOUT ROWID;\n"
  "CREATE TABLE run_leads (\n"
  "  id     INTEGER PRIMARY KEY,\n"
  "  run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,\n"
  "  block  INTEGER NOT NULL,\n"
  "  n      INTEGER NOT NULL,\n"
  "  facts  BLOB NOT NULL,\n"
  "  props  BLOB NOT NULL\n"
  ");\n"
  "CREATE INDEX run_leads_block ON run_leads (run_id, block);\n"
  "CREATE TABLE run_events (\n"
  "  id     INTEGER PRIMARY KEY,\n"
  "  run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,\n"
  "  block  INTEGER NOT NULL,\n"
  "  n      INTEGER NOT NULL,\n"
  "  data   BLOB NOT NULL\n"
  ");\n"
  "CREATE TABLE live_leads (\n"
  "  id             INTEGER PRIMARY KEY,\n"
  "  external_id    TEXT UNIQUE,\n"
  "  created_at     INTEGER NOT NULL,\n"
  "  updated_at     INTEGER NOT NULL,\n"
  "  properties     TEXT NOT NULL DEFAULT '{}',\n"
  "  owner          TEXT,\n"
  "  status         TEXT,\n"
  "  stage          TEXT,\n"
  "  policy         TEXT,\n"
  "  assigned_at    INTEGER,\n"
  "  first_touch_at INTEGER,\n"
  "  deadline       INTEGER,\n"
  "  touches        INTEGER NOT NULL DEFAULT 0\n"
  ");\n";

/* Version 2: revisions get a SHA-256 digest (filled in for the old ones) so
 * that saving an unchanged rule set finds its revision instead of adding
 * one; explain's per-lead event lookup gets its index; alerts get a table. */
static const char schema_v2[] =
  "ALTER TABLE revisions ADD COLUMN digest TEXT;\n"
  "CREATE INDEX revisions_digest ON revisions (digest);\n"
  "CREATE INDEX run_events_block ON run_events (run_id, block);\n"
  "CREATE TABLE alerts (\n"
  "  id         INTEGER PRIMARY KEY,\n"
  "  created_at INTEGER NOT NULL,\n"
  "  kind       TEXT NOT NULL CHECK (kind IN ('warning', 'breach', 'escalation')),\n"
  "  run_id     INTEGER REFERENCES runs (id) ON DELETE CASCADE,\n"
  "  lead_id    INTEGER,\n"
  "  live_lead  INTEGER REFERENCES live_leads (id) ON DELETE CASCADE,\n"
  "  recipient  TEXT NOT NULL,\n"
  "  message    TEXT NOT NULL,\n"
  "  due_at     INTEGER,\n"
  "  shown_at   INTEGER,\n"
  "  CHECK ((run_id IS NULL) <> (live_lead IS NULL))\n"
  ");\n"
  "CREATE INDEX alerts_pending ON alerts (shown_at, created_at);\n";

/* Version 3: live leads get their history (assignments, status changes,
 * touches), from which lw-live.h works out their SLA clocks; alerts take
 * every kind (reassignments, summaries), a body, an urgency and the summary
 * that stood for them. The v2 alerts table never held a row written by a
 * release, but its rows are carried over all the same. */
static const char schema_v3[] =
  "CREATE TABLE live_assignments (\n"
  "  id        INTEGER PRIMARY KEY,\n"
  "  live_lead INTEGER NOT NULL REFERENCES live_leads (id) ON DELETE CASCADE,\n"
  "  at        INTEGER NOT NULL,\n"
  "  owner     TEXT NOT NULL,\n"
  "  reason    TEXT NOT NULL CHECK (reason IN ('routed', 'manual', 'escalation')),\n"
  "  step      INTEGER\n"
  ");\n"
  "CREATE INDEX live_assignments_lead ON live_assignments (live_lead, id);\n"
  "CREATE TABLE live_status_changes (\n"
  "  id        INTEGER PRIMARY KEY,\n"
  "  live_lead INTEGER NOT NULL REFERENCES live_leads (id) ON DELETE CASCADE,\n"
  "  at        INTEGER NOT NULL,\n"
  "  status    TEXT NOT NULL\n"
  ");\n"
  "CREATE INDEX live_status_changes_lead ON live_status_changes (live_lead, id);\n"
  "CREATE TABLE live_touches (\n"
  "  id        INTEGER PRIMARY KEY,\n"
  "  live_lead INTEGER NOT NULL REFERENCES live_leads (id) ON DELETE CASCADE,\n"
  "  kind      TEXT NOT NULL CHECK (kind IN ('call', 'email', 'meeting')),\n"
  "  at        INTEGER NOT NULL,\n"
  "  rep       TEXT,\n"
  "  note      TEXT NOT NULL DEFAULT '',\n"
  "  logged_at INTEGER NOT NULL\n"
  ");\n"
  "CREATE INDEX live_touches_lead ON live_touches (live_lead, at);\n"
  "CREATE INDEX live_leads_open ON live_leads (first_touch_at, owner);\n"
  "CREATE TABLE alerts_v3 (\n"
  "  id         INTEGER PRIMARY KEY,\n"
  "  created_at INTEGER NOT NULL,\n"
  "  shown_at   INTEGER,\n"
  "  kind       TEXT NOT NULL CHECK (kind IN ('warning', 'breach', 'escalation',\n"
  "               'reassignment', 'summary')),\n"
  "  urgency    TEXT NOT NULL DEFAULT 'normal' CHECK (urgency IN ('low', 'normal', 'critical')),\n"
  "  run_id     INTEGER REFERENCES runs (id) ON DELETE CASCADE,\n"
  "  lead_id    INTEGER,\n"
  "  live_lead  INTEGER REFERENCES live_leads (id) ON DELETE CASCADE,\n"
  "  recipient  TEXT NOT NULL,\n"
  "  summary    TEXT NOT NULL,\n"
  "  body       TEXT NOT NULL DEFAULT '',\n"
  "  due_at     INTEGER,\n"
  "  group_id   INTEGER,\n"
  "  CHECK (CASE WHEN kind = 'summary' THEN lead_id IS NULL AND live_lead IS NULL\n"
  "              ELSE (run_id IS NULL) <> (live_lead IS NULL) END)\n"
  ");\n"
  "INSERT INTO alerts_v3 (id, created_at, shown_at, kind, run_id, lead_id, live_lead,\n"
  "                       recipient, summary, due_at)\n"
  "  SELECT id, created_at, shown_at, kind, run_id, lead_id, live_lead, recipient,\n"
  "         message, due_at FROM alerts;\n"
  "DROP TABLE alerts;\n"
  "ALTER TABLE alerts_v3 RENAME TO alerts;\n"
  "CREATE INDEX alerts_created ON alerts (created_at);\n"
  "CREATE INDEX alerts_run ON alerts (run_id, lead_id);\n"
  "CREATE INDEX alerts_live_lead ON alerts (live_lead);\n"
  "CREATE INDEX alerts_group ON alerts (group_id);\n";

static gboolean migrate_to_v2_data (LwStore  *self,
                                    GError  **error);

typedef struct
{
  const char *sql;
  gboolean  (*data) (LwStore *self, GError **error);   /* after the SQL */
} LwMigration;

/* migrations[i] takes a file from version i to version i + 1. */
static const LwMigration migrations[LW_STORE_SCHEMA_VERSION] = {
  { schema_v1, NULL },
  { schema_v2, migrate_to_v2_data },
  { schema_v3, NULL },
};

static const char * const stmt_sql[LW_N_STMTS] = {
  [LW_STMT_BEGIN] = "BEGIN IMMEDIATE",
  [LW_STMT_COMMIT] = "COMMIT",
  [LW_STMT_ROLLBACK] = "ROLLBACK",
  [LW_STMT_INSERT_LEAD_CHUNK] =
    "INSERT INTO run_leads (run_id, block, n, facts, props) VALUES (?, ?, ?, ?, ?)",
  [LW_STMT_INSERT_EVENT_CHUNK] =
    "INSERT INTO run_events (run_id, block, n, data) VALUES (?, ?, ?, ?)",
  [LW_STMT_COUNT_WRITES] =
    "UPDATE runs SET leads_written = leads_written + ?, "
    "events_written = events_written + ? WHERE id = ?",
  [LW_STMT_INSERT_LABEL] =
    "INSERT INTO run_labels (run_id, kind, idx, id, label) VALUES (?, ?, ?, ?, ?)",
  [LW_STMT_LEAD_CHUNKS_OF_BLOCK] =
    "SELECT n, facts, props FROM run_leads WHERE run_id = ? AND block = ? ORDER BY id DESC",
  [LW_STMT_EVENT_CHUNKS_OF_BLOCK] =
    "SELECT n, data FROM run_events WHERE run_id = ? AND block = ? ORDER BY id",
  [LW_STMT_LEAD_CHUNKS_OF_RUN] =
    "SELECT block, n, facts FROM run_leads WHERE run_id = ? ORDER BY block DESC, id DESC",
};

/* ---- connection helpers ------------------------------------------------------ */

void
_lw_store_set_error (LwStore     *self,
                     GError     **error,
                     int          rc,
                     const char  *what)
{
  int code;

  switch (rc & 0xff)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      code = LW_STORE_ERROR_BUSY;
      break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      code = LW_STORE_ERROR_CORRUPT;
      break;
    case SQLITE_CONSTRAINT:
    case SQLITE_MISMATCH:
    case SQLITE_TOOBIG:
      code = LW_STORE_ERROR_INVALID;
      break;
    default:
      code = LW_STORE_ERROR_IO;
      break;
    }

  /* translators: the first %s is a file name, the second what was being
   * done ("saving a revision"), the third SQLite's message */
  g_set_error (error, LW_STORE_ERROR, code, _("%s: %s failed: %s"),
               self->path, what,
               self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
}

sqlite3_stmt *
_lw_store_prepare (LwStore     *self,
                   const char  *sql,
                   GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _lw_store_set_error (self, error, rc, _("preparing a query"));
      return NULL;
    }
  return stmt;
}

LwLentStmt *
_lw_store_stmt (LwStore  *self,
                LwStmt    which,
                GError  **error)
{
  g_assert (which < LW_N_STMTS);

  if (self->stmts[which] == NULL)
    {
      int rc = sqlite3_prepare_v3 (self->db, stmt_sql[which], -1,
                                   SQLITE_PREPARE_PERSISTENT,
                                   &self->stmts[which], NULL);
      if (rc != SQLITE_OK)
        {
          _lw_store_set_error (self, error, rc, _("preparing a query"));
          return NULL;
        }
    }
  return self->stmts[which];
}

gboolean
_lw_store_exec (LwStore     *self,
                const char  *sql,
                GError     **error)
{
  char *message = NULL;
  int rc;

  rc = sqlite3_exec (self->db, sql, NULL, NULL, &message);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, LW_STORE_ERROR,
                   (rc & 0xff) == SQLITE_BUSY ? LW_STORE_ERROR_BUSY : LW_STORE_ERROR_IO,
                   "%s: %s", self->path, message != NULL ? message : sqlite3_errstr (rc));
      sqlite3_free (message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
step_lent (LwStore     *self,
           LwStmt       which,
           const char  *what,
           GError     **error)
{
  g_autoptr(LwLentStmt) stmt = _lw_store_stmt (self, which, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      _lw_store_set_error (self, error, rc, what);
      return FALSE;
    }
  return TRUE;
}

gboolean
_lw_store_begin (LwStore  *self,
                 GError  **error)
{
  return step_lent (self, LW_STMT_BEGIN, _("starting a transaction"), error);
}

gboolean
_lw_store_commit (LwStore  *self,
                  GError  **error)
{
  if (!step_lent (self, LW_STMT_COMMIT, _("committing"), error))
    {
      _lw_store_rollback (self);
      return FALSE;
    }
  return TRUE;
}

void
_lw_store_rollback (LwStore *self)
{
  /* A failed statement may already have rolled the transaction back. */
  if (!sqlite3_get_autocommit (self->db))
    step_lent (self, LW_STMT_ROLLBACK, "rollback", NULL);
}

static gboolean
query_int (LwStore     *self,
           const char  *sql,
           gint64      *value,
           GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = _lw_store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _lw_store_set_error (self, error, rc, sql);
      return FALSE;
    }
  *value = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

/* ---- the registry of live runs --------------------------------------------- */

G_LOCK_DEFINE_STATIC (live_runs);
static GHashTable *live_runs;   /* "path\nrun" -> GINT_TO_POINTER (count) */

static char *
live_run_key (const char *path,
              gint64      run)
{
  return g_strdup_printf ("%s\n%" G_GINT64_FORMAT, path, run);
}

void
_lw_store_register_live_run (const char *path,
                             gint64      run)
{
  G_LOCK (live_runs);
  if (live_runs == NULL)
    live_runs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_add (live_runs, live_run_key (path, run));
  G_UNLOCK (live_runs);
}

void
_lw_store_unregister_live_run (const char *path,
                               gint64      run)
{
  g_autofree char *key = live_run_key (path, run);

  G_LOCK (live_runs);
  if (live_runs != NULL)
    {
      g_hash_table_remove (live_runs, key);
      if (g_hash_table_size (live_runs) == 0)
        g_clear_pointer (&live_runs, g_hash_table_unref);
    }
  G_UNLOCK (live_runs);
}

gboolean
_lw_store_is_live_run (const char *path,
                       gint64      run)
{
  g_autofree char *key = live_run_key (path, run);
  gboolean live;

  G_LOCK (live_runs);
  live = live_runs != NULL && g_hash_table_contains (live_runs, key);
  G_UNLOCK (live_runs);
  return live;
}

/* Whether the process that began a run still exists. A run begun in this
 * process is live only while its store holds it. */
static gboolean
writer_is_alive (const char *path,
                 gint64      run,
                 gint64      pid)
{
  if (pid <= 0 || pid > G_MAXINT)
    return FALSE;
  if ((pid_t) pid == getpid ())
    return _lw_store_is_live_run (path, run);
  if (kill ((pid_t) pid, 0) == 0)
    return TRUE;
  return errno == EPERM;
}

static gboolean
mark_interrupted_runs (LwStore  *self,
                       GError  **error)
{
  g_autoptr(sqlite3_stmt) select = NULL;
  g_autoptr(sqlite3_stmt) update = NULL;
  g_autoptr(GArray) dead = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  select = _lw_store_prepare (self,
                              "SELECT id, writer_pid FROM runs WHERE status = 'running'",
                              error);
  if (select == NULL)
    return FALSE;
  while ((rc = sqlite3_step (select)) == SQLITE_ROW)
    {
      gint64 run = sqlite3_column_int64 (select, 0);
      gint64 pid = sqlite3_column_int64 (select, 1);

      if (!writer_is_alive (sqlite3_db_filename (self->db, "main"), run, pid))
        g_array_append_val (dead, run);
    }
  if (rc != SQLITE_DONE)
    {
      _lw_store_set_error (self, error, rc, _("reading runs"));
      return FALSE;
    }
  if (dead->len == 0)
    return TRUE;

  update = _lw_store_prepare (self,
                              "UPDATE runs SET status = 'interrupted', writer_pid = NULL "
                              "WHERE id = ? AND status = 'running'",
                              error);
  if (update == NULL || !_lw_store_begin (self, error))
    return FALSE;
  for (guint i = 0; i < dead->len; i++)
    {
      sqlite3_bind_int64 (update, 1, g_array_index (dead, gint64, i));
      rc = sqlite3_step (update);
      sqlite3_reset (update);
      if (rc != SQLITE_DONE)
        {
          _lw_store_set_error (self, error, rc, _("marking interrupted runs"));
          _lw_store_rollback (self);
          return FALSE;
        }
    }
  return _lw_store_commit (self, error);
}

/* ---- opening ------------------------------------------------------------------ */

static void
store_free (LwStore *self)
{
  _lw_store_forget_writers (self);
  g_clear_pointer (&self->writers, g_hash_table_unref);
  for (guint i = 0; i < LW_N_STMTS; i++)
    g_clear_pointer (&self->stmts[i], sqlite3_finalize);
  if (self->db != NULL)
    sqlite3_close (self->db);
  g_rec_mutex_clear (&self->lock);
  g_free (self->path);
  g_free (self);
}

static LwStore *
store_new (const char *path)
{
  LwStore *self = g_new0 (LwStore, 1);

  g_atomic_ref_count_init (&self->ref_count);
  g_rec_mutex_init (&self->lock);
  self->path = g_strdup (path);
  self->writers = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                         _lw_run_writer_free);
  return self;
}

static guint32
read_be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static void
set_newer_error (GError     **error,
                 const char  *path,
                 gint64       version)
{
  /* translators: %s is a file name, then schema version numbers */
  g_set_error (error, LW_STORE_ERROR, LW_STORE_ERROR_VERSION,
               _("%s was written by a newer Leadwright (schema %d); "
                 "this build reads up to schema %d"),
               path, (int) version, LW_STORE_SCHEMA_VERSION);
}

static void
set_not_workspace_error (GError     **error,
                         const char  *path)
{
  /* translators: %s is a file name */
  g_set_error (error, LW_STORE_ERROR, LW_STORE_ERROR_CORRUPT,
               _("%s is not a Leadwright workspace"), path);
}

/* Looks at an existing file's header without SQLite, so that a file this
 * build must refuse is not touched at all (not even its -wal and -shm).
 * A header can be stale when a -wal file holds newer pages: the version is
 * checked again on the connection before anything is written. */
static gboolean
probe_header (const char  *path,
              GError     **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(GFileInputStream) in = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  guint8 header[100];
  gsize got = 0;
  gint32 version;
  guint32 app_id;

  in = g_file_read (file, NULL, &local);
  if (in == NULL ||
      !g_input_stream_read_all (G_INPUT_STREAM (in), header, sizeof header, &got, NULL, &local))
    {
      /* translators: %s is a file name, then the system's message */
      g_set_error (error, LW_STORE_ERROR, LW_STORE_ERROR_IO,
                   _("%s: cannot read: %s"), path, local->message);
      return FALSE;
    }
  if (got == 0)
    return TRUE;   /* an empty file: created and never written */
  if (got < sizeof header || memcmp (header, "SQLite format 3", 16) != 0)
    {
      set_not_workspace_error (error, path);
      return FALSE;
    }

  version = (gint32) read_be32 (header + 60);
  app_id = read_be32 (header + 68);
  if ((app_id != 0 && app_id != LW_STORE_APPLICATION_ID) || version < 0)
    {
      set_not_workspace_error (error, path);
      return FALSE;
    }
  if (version > LW_STORE_SCHEMA_VERSION)
    {
      set_newer_error (error, path, version);
      return FALSE;
    }
  return TRUE;
}

/* A new workspace is created 0600 before SQLite opens it: leads are
 * personal data. SQLite gives the -wal and -shm files the main file's mode.
 * An existing file keeps the mode its owner gave it. */
static gboolean
create_file (const char  *path,
             GError     **error)
{
  int fd;

  fd = g_open (path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0 && errno != EEXIST)
    {
      int saved = errno;

      /* translators: %s is a file name, then the system's message */
      g_set_error (error, LW_STORE_ERROR, LW_STORE_ERROR_IO,
                   _("%s: cannot create: %s"), path, g_strerror (saved));
      return FALSE;
    }
  if (fd >= 0)
    g_close (fd, NULL);
  return TRUE;
}

static gboolean
migrate_to_v2_data (LwStore  *self,
                    GError  **error)
{
  g_autoptr(sqlite3_stmt) select = NULL;
  g_autoptr(sqlite3_stmt) update = NULL;
  int rc;

  select = _lw_store_prepare (self, "SELECT id, json FROM revisions WHERE digest IS NULL", error);
  update = _lw_store_prepare (self, "UPDATE revisions SET digest = ? WHERE id = ?", error);
  if (select == NULL || update == NULL)
    return FALSE;

  while ((rc = sqlite3_step (select)) == SQLITE_ROW)
    {
      const char *json = (const char *) sqlite3_column_text (select, 1);
      g_autofree char *digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256,
                                                               json != NULL ? json : "", -1);

      sqlite3_bind_text (update, 1, digest, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (update, 2, sqlite3_column_int64 (select, 0));
      rc = sqlite3_step (update);
      sqlite3_reset (update);
      if (rc != SQLITE_DONE)
        break;
    }
  if (rc != SQLITE_DONE)
    {
      _lw_store_set_error (self, error, rc, _("migrating revisions"));
      return FALSE;
    }
  return TRUE;
}

/* Brings the schema to LW_STORE_SCHEMA_VERSION in one transaction. */
static gboolean
migrate (LwStore  *self,
         GError  **error)
{
  g_autofree char *stamp = NULL;
  gint64 version, app_id, n_tables;

  if (!_lw_store_begin (self, error))
    return FALSE;

  /* Read again inside the transaction: another process may have migrated. */
  if (!query_int (self, "PRAGMA user_version", &version, error) ||
      !query_int (self, "PRAGMA application_id", &app_id, error) ||
      !query_int (self, "SELECT count(*) FROM sqlite_schema", &n_tables, error))
    goto fail;

  if (version > LW_STORE_SCHEMA_VERSION)
    {
      set_newer_error (error, self->path, version);
      goto fail;
    }
  if ((app_id != 0 && app_id != LW_STORE_APPLICATION_ID) ||
      (app_id == 0 && n_tables > 0) || version < 0)
    {
      set_not_workspace_error (error, self->path);
      goto fail;
    }

  for (gint64 v = version; v < LW_STORE_SCHEMA_VERSION; v++)
    {
      const LwMigration *m = &migrations[v];

      if (!_lw_store_exec (self, m->sql, error))
        goto fail;
      if (m->data != NULL && !m->data (self, error))
        goto fail;
    }

  if (version < LW_STORE_SCHEMA_VERSION)
    {
      stamp = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %d",
                               LW_STORE_APPLICATION_ID, LW_STORE_SCHEMA_VERSION);
      if (!_lw_store_exec (self, stamp, error))
        goto fail;
    }

  return _lw_store_commit (self, error);

fail:
  _lw_store_rollback (self);
  return FALSE;
}

static gboolean
configure (LwStore   *self,
           gboolean   fresh,
           GError   **error)
{
  g_autoptr(sqlite3_stmt) mode = NULL;
  int rc;

  /* The page size only applies before the first table, and before WAL. */
  if (fresh && !_lw_store_exec (self, "PRAGMA page_size = 16384", error))
    return FALSE;

  mode = _lw_store_prepare (self, "PRAGMA journal_mode = WAL", error);
  if (mode == NULL)
    return FALSE;
  rc = sqlite3_step (mode);
  if (rc != SQLITE_ROW)
    {
      _lw_store_set_error (self, error, rc, _("switching to WAL"));
      return FALSE;
    }
  if (g_ascii_strcasecmp ((const char *) sqlite3_column_text (mode, 0), "wal") != 0)
    {
      /* translators: %s is a file name */
      g_set_error (error, LW_STORE_ERROR, LW_STORE_ERROR_IO,
                   _("%s: the file system does not support write-ahead logging"),
                   self->path);
      return FALSE;
    }

  /* The views' queries read a whole run's lead records (about 100 MB for
   * a million leads): mapped, the kernel does not copy each page into
   * SQLite's cache, which took half of their time (bench/README.md). */
  return _lw_store_exec (self,
                         "PRAGMA foreign_keys = ON;"
                         "PRAGMA synchronous = NORMAL;"
                         "PRAGMA cache_size = " G_STRINGIFY (CACHE_KIB) ";"
                         "PRAGMA mmap_size = 1073741824;"
                         "PRAGMA temp_store = MEMORY;",
                         error);
}

LwStore *
lw_store_open (const char  *path,
               GError     **error)
{
  g_autoptr(LwStore) self = NULL;
  gint64 version, app_id, n_tables, pages;
  gboolean fresh;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      if (!probe_header (path, error))
        return NULL;
    }
  else if (!create_file (path, error))
    return NULL;

  self = store_new (path);
  rc = sqlite3_open_v2 (path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE,
                        NULL);
  if (rc != SQLITE_OK)
    {
      _lw_store_set_error (self, error, rc, _("opening"));
      return NULL;
    }
  /* Until the version is known to be ours, closing must not checkpoint a
   * newer build's WAL into the file. */
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
  sqlite3_busy_timeout (self->db, LW_STORE_BUSY_TIMEOUT_MS);
  sqlite3_extended_result_codes (self->db, 1);

  /* Nothing is written (not even the journal mode) before the file is
   * known to be a workspace this build reads. */
  if (!query_int (self, "PRAGMA user_version", &version, error) ||
      !query_int (self, "PRAGMA application_id", &app_id, error) ||
      !query_int (self, "SELECT count(*) FROM sqlite_schema", &n_tables, error) ||
      !query_int (self, "PRAGMA page_count", &pages, error))
    return NULL;
  if (version > LW_STORE_SCHEMA_VERSION)
    {
      set_newer_error (error, path, version);
      return NULL;
    }
  if ((app_id != 0 && app_id != LW_STORE_APPLICATION_ID) ||
      (app_id == 0 && n_tables > 0) || version < 0)
    {
      set_not_workspace_error (error, path);
      return NULL;
    }
  fresh = pages == 0;

  if (!configure (self, fresh, error) ||
      !migrate (self, error))
    return NULL;
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 0, NULL);

  if (!mark_interrupted_runs (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

char *
lw_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "leadwright", "default.leadwright", NULL);
}

static char *
find_sample_playbook (void)
{
  const char *dirs[3] = {
    g_getenv ("LW_SAMPLES_DIR"),
    PKGDATADIR "/samples",
    SOURCE_SAMPLES_DIR,
  };

  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      g_autofree char *path = NULL;

      if (dirs[i] == NULL || dirs[i][0] == '\0')
        continue;
      path = g_build_filename (dirs[i], "b2b-playbook.json", NULL);
      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        return g_steal_pointer (&path);
    }
  return NULL;
}

static gboolean
seed_default (LwStore  *self,
              LwTime    now,
              GError  **error)
{
  g_autoptr(LwConfig) config = NULL;
  g_autofree char *sample = find_sample_playbook ();

  if (sample == NULL)
    {
      g_set_error (error, LW_STORE_ERROR, LW_STORE_ERROR_NOT_FOUND,
                   _("The sample playbook b2b-playbook.json was not found; "
                     "set LW_SAMPLES_DIR to the folder that holds it"));
      return FALSE;
    }

  /* Saved canonically, so that a later save of the same rules is no diff. */
  config = lw_config_load_file (sample, NULL, error);
  if (config == NULL)
    return FALSE;

  if (lw_store_save_config (self, config, _("Sample playbook"), now, error) == 0)
    return FALSE;
  return lw_store_set_meta (self, "name", _("Default workspace"), error);
}

LwStore *
lw_store_open_default (LwTime    now,
                       GError  **error)
{
  g_autofree char *path = lw_store_default_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(LwStore) self = NULL;
  gint64 revisions;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      /* translators: %s is a folder name, then the system's message */
      g_set_error (error, LW_STORE_ERROR, LW_STORE_ERROR_IO,
                   _("%s: cannot create: %s"), dir, g_strerror (saved));
      return NULL;
    }

  self = lw_store_open (path, error);
  if (self == NULL)
    return NULL;

  /* Seeded when it has no revision: a first start, or one that failed
   * before the sample was saved. Revisions are never deleted. */
  {
    g_autoptr(GRecMutexLocker) locker = g_rec_mutex_locker_new (&self->lock);

    if (!query_int (self, "SELECT count(*) FROM revisions", &revisions, error))
      return NULL;
  }
  if (revisions == 0 && !seed_default (self, now, error))
    return NULL;

  return g_steal_pointer (&self);
}

LwStore *
lw_store_ref (LwStore *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
lw_store_unref (LwStore *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    store_free (self);
}

const char *
lw_store_get_path (LwStore *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->path;
}

gboolean
lw_store_check_integrity (LwStore  *self,
                          GError  **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  locker = g_rec_mutex_locker_new (&self->lock);
  stmt = _lw_store_prepare (self, "PRAGMA integrity_check", error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _lw_store_set_error (self, error, rc, _("checking integrity"));
      return FALSE;
    }
  if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") != 0)
    {
      /* translators: %s is a file name, then SQLite's first finding */
      g_set_error (error, LW_STORE_ERROR, LW_STORE_ERROR_CORRUPT,
                   _("%s is damaged: %s"), self->path, sqlite3_column_text (stmt, 0));
      return FALSE;
    }
  return TRUE;
}

/* Removes @path's -wal and -shm, which would otherwise be taken for the
 * journal of the file renamed to @path. */
static gboolean
remove_journal_of (const char  *path,
                   GError     **error)
{
  static const char * const suffixes[] = { "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *journal = g_strconcat (path, suffixes[i], NULL);

      if (g_unlink (journal) != 0 && errno != ENOENT)
        {
          int saved = errno;

          /* translators: %s is a file name, then the system's message */
          g_set_error (error, LW_STORE_ERROR, LW_STORE_ERROR_IO,
                       _("%s: cannot remove: %s"), journal, g_strerror (saved));
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
lw_store_save_copy (LwStore     *self,
                    const char  *path,
                    GError     **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmp = NULL;
  int fd, rc;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* An empty temporary file beside @path, 0600 like every workspace:
   * VACUUM INTO writes into an empty file, and the rename is atomic. */
  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  tmp = g_strdup_printf ("%s%c.%s.XXXXXX", dir, G_DIR_SEPARATOR, base);
  fd = g_mkstemp_full (tmp, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved = errno;

      /* translators: %s is a file name, then the system's message */
      g_set_error (error, LW_STORE_ERROR, LW_STORE_ERROR_IO,
                   _("%s: cannot create: %s"), path, g_strerror (saved));
      return FALSE;
    }
  g_close (fd, NULL);

  locker = g_rec_mutex_locker_new (&self->lock);
  stmt = _lw_store_prepare (self, "VACUUM INTO ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, tmp, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      _lw_store_set_error (self, error, rc, _("copying the workspace"));
      goto fail;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  g_clear_pointer (&locker, g_rec_mutex_locker_free);

  if (!remove_journal_of (path, error))
    goto fail;
  if (g_rename (tmp, path) != 0)
    {
      int saved = errno;

      /* translators: %s is a file name, then the system's message */
      g_set_error (error, LW_STORE_ERROR, LW_STORE_ERROR_IO,
                   _("%s: cannot write: %s"), path, g_strerror (saved));
      goto fail;
    }
  return TRUE;

fail:
  g_unlink (tmp);
  return FALSE;
}

/* ---- metadata -------------------------------------------------------------------- */

static gboolean
check_text (const char  *text,
            const char  *what,
            GError     **error)
{
  if (text == NULL)
    {
      /* translators: %s names the argument: "the JSON", "the key" */
      g_set_error (error, LW_STORE_ERROR, LW_STORE_ERROR_INVALID, _("%s is missing"), what);
      return FALSE;
    }
  if (!g_utf8_validate (text, -1, NULL))
    {
      /* translators: %s names the argument: "the JSON", "the note" */
      g_set_error (error, LW_STORE_ERROR, LW_STORE_ERROR_INVALID,
                   _("%s is not valid UTF-8"), what);
      return FALSE;
    }
  return TRUE;
}

char *
lw_store_dup_meta (LwStore     *self,
                   const char  *key,
                   GError     **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_text (key, _("The key"), error))
    return NULL;

  locker = g_rec_mutex_locker_new (&self->lock);
  stmt = _lw_store_prepare (self, "SELECT value FROM workspace WHERE key = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  if (rc == SQLITE_DONE)
    /* translators: %s is a metadata key such as "name" */
    g_set_error (error, LW_STORE_ERROR, LW_STORE_ERROR_NOT_FOUND,
                 _("The workspace has no “%s”"), key);
  else
    _lw_store_set_error (self, error, rc, _("reading metadata"));
  return NULL;
}

gboolean
lw_store_set_meta (LwStore     *self,
                   const char  *key,
                   const char  *value,
                   GError     **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean own;
  int rc;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_text (key, _("The key"), error) ||
      (value != NULL && !check_text (value, _("The value"), error)))
    return FALSE;

  locker = g_rec_mutex_locker_new (&self->lock);
  /* Inside a transaction of the caller's, part of it. */
  own = sqlite3_get_autocommit (self->db) != 0;
  stmt = _lw_store_prepare (self,
                            value != NULL
                            ? "INSERT OR REPLACE INTO workspace (key, value) VALUES (?, ?)"
                            : "DELETE FROM workspace WHERE key = ?",
                            error);
  if (stmt == NULL || (own && !_lw_store_begin (self, error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (value != NULL)
    sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      _lw_store_set_error (self, error, rc, _("writing metadata"));
      if (own)
        _lw_store_rollback (self);
      return FALSE;
    }
  return !own || _lw_store_commit (self, error);
}

/* ---- revisions -------------------------------------------------------------------- */

void
lw_revision_free (LwRevision *revision)
{
  if (revision == NULL)
    return;
  g_free (revision->note);
  g_free (revision->json);
  g_free (revision);
}

static gboolean
check_json (const char  *json,
            GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local = NULL;

  if (!check_text (json, _("The JSON"), error))
    return FALSE;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, json, -1, &local))
    {
      /* translators: %s is the JSON parser's message */
      g_set_error (error, LW_STORE_ERROR, LW_STORE_ERROR_INVALID,
                   _("The rule set is not valid JSON: %s"), local->message);
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, LW_STORE_ERROR, LW_STORE_ERROR_INVALID,
                   _("The rule set is not a JSON object"));
      return FALSE;
    }
  return TRUE;
}

/* Inserts a revision inside the caller's transaction. */
static gint64
insert_revision (LwStore     *self,
                 const char  *json,
                 const char  *note,
                 LwTime       now,
                 GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, json, -1);
  int rc;

  stmt = _lw_store_prepare (self,
                            "INSERT INTO revisions (created_at, note, json, digest) "
                            "VALUES (?, ?, ?, ?)",
                            error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, now);
  sqlite3_bind_text (stmt, 2, note != NULL ? note : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, json, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, digest, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      _lw_store_set_error (self, error, rc, _("saving a revision"));
      return 0;
    }
  return sqlite3_last_insert_rowid (self->db);
}

gint64
lw_store_save_revision (LwStore     *self,
                        const char  *json,
                        const char  *note,
                        LwTime       now,
                        GError     **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  gint64 id;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  if (!check_json (json, error) ||
      (note != NULL && !check_text (note, _("The note"), error)))
    return 0;

  locker = g_rec_mutex_locker_new (&self->lock);
  if (!_lw_store_begin (self, error))
    return 0;
  id = insert_revision (self, json, note, now, error);
  if (id == 0)
    {
      _lw_store_rollback (self);
      return 0;
    }
  if (!_lw_store_commit (self, error))
    return 0;
  return id;
}

gint64
lw_store_save_config (LwStore         *self,
                      const LwConfig  *config,
                      const char      *note,
                      LwTime           now,
                      GError         **error)
{
  g_autofree char *json = NULL;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (config != NULL, 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  json = lw_config_to_data (config, NULL);
  return lw_store_save_revision (self, json, note, now, error);
}

gboolean
lw_store_find_revision (LwStore     *self,
                        const char  *json,
                        gint64      *id,
                        GError     **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *digest = NULL;
  int rc;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  *id = 0;
  if (!check_text (json, _("The JSON"), error))
    return FALSE;

  digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, json, -1);
  locker = g_rec_mutex_locker_new (&self->lock);
  stmt = _lw_store_prepare (self,
                            "SELECT id, json FROM revisions WHERE digest = ? ORDER BY id DESC",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, digest, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 1), json) == 0)
        {
          *id = sqlite3_column_int64 (stmt, 0);
          return TRUE;
        }
    }
  if (rc != SQLITE_DONE)
    {
      _lw_store_set_error (self, error, rc, _("reading revisions"));
      return FALSE;
    }
  return TRUE;
}

static LwRevision *
revision_from_row (sqlite3_stmt *stmt,
                   gboolean      with_json)
{
  LwRevision *revision = g_new0 (LwRevision, 1);

  revision->id = sqlite3_column_int64 (stmt, 0);
  revision->created_at = sqlite3_column_int64 (stmt, 1);
  revision->note = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  if (revision->note == NULL)
    revision->note = g_strdup ("");
  if (with_json)
    revision->json = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  return revision;
}

GPtrArray *
lw_store_list_revisions (LwStore  *self,
                         GError  **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) list = NULL;
  int rc;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  locker = g_rec_mutex_locker_new (&self->lock);
  stmt = _lw_store_prepare (self,
                            "SELECT id, created_at, note FROM revisions ORDER BY id",
                            error);
  if (stmt == NULL)
    return NULL;
  list = g_ptr_array_new_with_free_func ((GDestroyNotify) lw_revision_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, revision_from_row (stmt, FALSE));
  if (rc != SQLITE_DONE)
    {
      _lw_store_set_error (self, error, rc, _("reading revisions"));
      return NULL;
    }
  return g_steal_pointer (&list);
}

LwRevision *
lw_store_get_revision (LwStore  *self,
                       gint64    id,
                       GError  **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  locker = g_rec_mutex_locker_new (&self->lock);
  stmt = _lw_store_prepare (self,
                            id == 0
                            ? "SELECT id, created_at, note, json FROM revisions "
                              "ORDER BY id DESC LIMIT 1"
                            : "SELECT id, created_at, note, json FROM revisions WHERE id = ?",
                            error);
  if (stmt == NULL)
    return NULL;
  if (id != 0)
    sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return revision_from_row (stmt, TRUE);
  if (rc != SQLITE_DONE)
    _lw_store_set_error (self, error, rc, _("reading a revision"));
  else if (id == 0)
    g_set_error (error, LW_STORE_ERROR, LW_STORE_ERROR_NOT_FOUND,
                 _("The workspace has no revision"));
  else
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);

      /* translators: %s is a revision number */
      g_set_error (error, LW_STORE_ERROR, LW_STORE_ERROR_NOT_FOUND,
                   _("There is no revision %s"), number);
    }
  return NULL;
}

char *
lw_store_diff_revisions (LwStore  *self,
                         gint64    from,
                         gint64    to,
                         GError  **error)
{
  g_autoptr(LwRevision) a = NULL;
  g_autoptr(LwRevision) b = NULL;
  g_autofree char *label_a = NULL;
  g_autofree char *label_b = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (from <= 0 || to <= 0)
    {
      g_set_error (error, LW_STORE_ERROR, LW_STORE_ERROR_INVALID,
                   _("Revision numbers start at 1"));
      return NULL;
    }
  a = lw_store_get_revision (self, from, error);
  if (a == NULL)
    return NULL;
  b = lw_store_get_revision (self, to, error);
  if (b == NULL)
    return NULL;

  label_a = g_strdup_printf ("revision %" G_GINT64_FORMAT, from);
  label_b = g_strdup_printf ("revision %" G_GINT64_FORMAT, to);
  return lw_diff_lines (a->json, b->json, label_a, label_b, 3);
}

gint64
lw_store_restore_revision (LwStore  *self,
                           gint64    id,
                           LwTime    now,
                           GError  **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(LwRevision) old = NULL;
  g_autofree char *note = NULL;
  g_autofree char *number = NULL;
  gint64 new_id;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  if (id <= 0)
    {
      g_set_error (error, LW_STORE_ERROR, LW_STORE_ERROR_INVALID,
                   _("Revision numbers start at 1"));
      return 0;
    }

  locker = g_rec_mutex_locker_new (&self->lock);
  if (!_lw_store_begin (self, error))
    return 0;
  old = lw_store_get_revision (self, id, error);
  if (old == NULL)
    {
      _lw_store_rollback (self);
      return 0;
    }
  number = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  /* translators: %s is a revision number */
  note = g_strdup_printf (_("Restored revision %s"), number);
  new_id = insert_revision (self, old->json, note, now, error);
  if (new_id == 0)
    {
      _lw_store_rollback (self);
      return 0;
    }
  if (!_lw_store_commit (self, error))
    return 0;
  return new_id;
}

gboolean
_lw_store_set_appending (LwStore  *self,
                         gboolean  appending,
                         GError  **error)
{
  return _lw_store_exec (self, appending ? "PRAGMA cache_size = " G_STRINGIFY (WRITING_CACHE_KIB)
                                         : "PRAGMA cache_size = " G_STRINGIFY (CACHE_KIB),
                         error);
}
