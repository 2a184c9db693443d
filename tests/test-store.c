/* test-store.c: the workspace store: schema, migrations, revisions and their
 * diff, runs with batched leads and events, the aggregate queries, crash
 * safety and threads
 *
 * The aggregate tests run on eight hand-made leads whose every figure is
 * worked out in the comments of fill_dataset() and of each test.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>
#include <gio/gio.h>
#include <sqlite3.h>

#include "lw-config-json.h"
#include "lw-store.h"
#include "lw-test-utils.h"

/* 2026-03-02T00:00:00Z, a Monday */
#define T0      ((LwTime) 1772409600)
#define AT(h)   (T0 + (LwTime) ((h) * 3600))
#define N_LEADS 8

/* ---- helpers ---------------------------------------------------------------- */

static const LwFunnelStage *funnel_stage (const LwFunnel *funnel,
                                          guint           s);

static void
assert_store_error (const GError *error,
                    int           code)
{
  g_assert_error (error, LW_STORE_ERROR, code);
}

/* A path in this test's private data directory. */
static char *
test_path (const char *name)
{
  const char *dir = g_get_user_data_dir ();

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  return g_build_filename (dir, name, NULL);
}

static GBytes *
read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize len = 0;

  g_file_get_contents (path, &data, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (data, len);
}

static void
sql_exec (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

static char *
sql_text (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *text;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return text;
}

static void
assert_sql_text (const char *path,
                 const char *sql,
                 const char *expected)
{
  g_autofree char *text = sql_text (path, sql);

  g_assert_cmpstr (text, ==, expected);
}

static gint64
sql_int (const char *path,
         const char *sql)
{
  g_autofree char *text = sql_text (path, sql);

  return g_ascii_strtoll (text, NULL, 10);
}

static LwStore *
open_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  LwStore *store = lw_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

static LwStore *
open_new_store (const char *name)
{
  g_autofree char *path = test_path (name);

  return open_store (path);
}

#define STAGES 5

/* Five stages, five statuses, two teams, four reps (dan has no team), two
 * pools (sdr weighted: ana 2, ben 1, cat 1; ae plain: cat, dan), two rules,
 * two SLA policies. Not bound: the store only reads names and numbers. */
static LwConfig *
make_config (void)
{
  LwConfig *config = lw_config_new ();
  const char *stages[STAGES][2] = {
    { "subscriber", "Subscriber" }, { "lead", "Lead" }, { "mql", "MQL" },
    { "sql", "SQL" }, { "customer", "Customer" },
  };
  const char *statuses[] = { "new", "attempting", "connected", "qualified", "unqualified" };
  struct { const char *id, *name, *team; guint capacity, weight; } reps[] = {
    { "ana", "Ana Silva", "east", 10, 2 },
    { "ben", "Ben Okafor", "east", 10, 1 },
    { "cat", "Cat Novak", "west", 0, 1 },
    { "dan", "Dan Reyes", NULL, 5, 1 },
  };
  LwPool *sdr, *ae;

  for (guint i = 0; i < STAGES; i++)
    g_ptr_array_add (config->stages, lw_stage_new (stages[i][0], stages[i][1]));
  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    g_ptr_array_add (config->statuses, lw_status_new (statuses[i], NULL));
  g_ptr_array_add (config->teams, lw_team_new ("east", "East"));
  g_ptr_array_add (config->teams, lw_team_new ("west", "West"));
  for (guint i = 0; i < G_N_ELEMENTS (reps); i++)
    {
      LwRep *rep = lw_rep_new (reps[i].id, reps[i].name);

      rep->team = g_strdup (reps[i].team);
      rep->capacity = reps[i].capacity;
      rep->weight = reps[i].weight;
      g_ptr_array_add (config->reps, rep);
    }
  sdr = lw_pool_new ("sdr", "SDR pool");
  sdr->weighted = TRUE;
  g_ptr_array_add (sdr->members, g_strdup ("ana"));
  g_ptr_array_add (sdr->members, g_strdup ("ben"));
  g_ptr_array_add (sdr->members, g_strdup ("cat"));
  g_ptr_array_add (config->pools, sdr);
  ae = lw_pool_new ("ae", "AE pool");
  g_ptr_array_add (ae->members, g_strdup ("cat"));
  g_ptr_array_add (ae->members, g_strdup ("dan"));
  g_ptr_array_add (config->pools, ae);
  g_ptr_array_add (config->rules, lw_routing_rule_new ("enterprise", "Enterprise", LW_ASSIGN_POOL));
  g_ptr_array_add (config->rules, lw_routing_rule_new ("default", "Everyone else", LW_ASSIGN_POOL));
  g_ptr_array_add (config->policies, lw_sla_policy_new ("demo", "Demo requests", 30));
  g_ptr_array_add (config->policies, lw_sla_policy_new ("standard", "Standard", 240));
  config->fallback.owner = g_strdup ("dan");
  return config;
}

static gint64
begin_run (LwStore *store,
           gint64   revision)
{
  g_autoptr(LwConfig) config = make_config ();
  g_autoptr(GError) error = NULL;
  LwRunParams params = {
    .revision = revision,
    .config = config,
    .seed = 7,
    .leads = N_LEADS,
    .days = 10,
    .sim_start = T0,
    .scenario = "{\"format\": \"leadwright-scenario\"}",
    .started_at = T0 + 5,
  };
  gint64 run;

  run = lw_store_begin_run (store, &params, &error);
  g_assert_no_error (error);
  g_assert_cmpint (run, >, 0);
  return run;
}

enum { ANA, BEN, CAT, DAN };
enum { FORM, CHAT, IMPORT, INTEGRATION, MANUAL };
enum { SDR, AE };
enum { DEMO, STANDARD };

/* The eight leads of the aggregate tests (times in hours after T0):
 *
 * lead source region segment entry        stages entered (h)          stage/max routed pool  owner policy sla_rep assigned touched deadline ttft(s)  sla
 * 1    form   EMEA   smb     web-demo     0:0 1:1 2:3 3:7            3/3       ana    sdr   ana   demo   ana     1        1h10    1h30     600      met
 * 2    form   EMEA   ent     web-demo     0:1 2:2                    2/2       ben    sdr   ben   demo   ben     2        4       2.5      7200     breached, warned, 1 escalation
 * 3    chat   NA     smb     chat-widget  0:2 1:2.5                  1/1       cat    ae    dan   std    cat     2.5      -       4.5      -        breached, warned, 2 escalations, 1 reassignment
 * 4    chat   NA     ent     chat-widget  0:3 1:4 2:5 3:6 4:30       4/4       ana    sdr   ana   std    ana     4        4h05    8        300      met
 * 5    import EMEA   smb     csv          0:4                        0/0       -      -     -     -      -       -        -       -        -        -
 * 6    form   -      smb     web-contact  0:5 1:6                    1/1       dan    -(fallback) dan demo dan     6        9       10       10800    met
 * 7    form   NA     ent     web-demo     0:30 1:32 2:32.5           2/2       cat    ae    cat   demo   cat     31       31h20   31.5     1200     met
 * 8    manual NA     smb     -            0:50 1:50h20               0/1       dan    ae    dan   demo   dan     51       -       51.5     -        pending (recycled)
 *
 * MQL: 1, 2, 4, 7. Converted: 1, 4. Rules: 1, 2, 4 by "default" (1),
 * 3, 7, 8 by "enterprise" (0), 6 by the fallback. */
static LwTime stage_times[N_LEADS][STAGES];

static void
fill_dataset (LwStoredLead *leads)
{
  static const double entered[N_LEADS][STAGES] = {
    { 0, 1, 3, 7, -1 },
    { 1, -1, 2, -1, -1 },
    { 2, 2.5, -1, -1, -1 },
    { 3, 4, 5, 6, 30 },
    { 4, -1, -1, -1, -1 },
    { 5, 6, -1, -1, -1 },
    { 30, 32, 32.5, -1, -1 },
    { 50, 50 + 20.0 / 60, -1, -1, -1 },
  };
  static const struct
  {
    int source;
    const char *region, *segment, *entry;
    int stage, max_stage, routed, pool, owner, rule, policy, sla_rep;
    double assigned, touched, deadline;
    gint64 ttft;
    gboolean fallback, warned, breached, mql, converted, recycled;
    guint escalations, reassignments;
    double fit, engagement;
  } rows[N_LEADS] = {
    { FORM, "EMEA", "smb", "web-demo", 3, 3, ANA, SDR, ANA, 1, DEMO, ANA,
      1, 1 + 10.0 / 60, 1.5, 600, FALSE, FALSE, FALSE, TRUE, TRUE, FALSE, 0, 0, 30, 25 },
    { FORM, "EMEA", "ent", "web-demo", 2, 2, BEN, SDR, BEN, 1, DEMO, BEN,
      2, 4, 2.5, 7200, FALSE, TRUE, TRUE, TRUE, FALSE, FALSE, 1, 0, 40, 12.5 },
    { CHAT, "NA", "smb", "chat-widget", 1, 1, CAT, AE, DAN, 0, STANDARD, CAT,
      2.5, -1, 4.5, -1, FALSE, TRUE, TRUE, FALSE, FALSE, FALSE, 2, 1, 10, 0 },
    { CHAT, "NA", "ent", "chat-widget", 4, 4, ANA, SDR, ANA, 1, STANDARD, ANA,
      4, 4 + 5.0 / 60, 8, 300, FALSE, FALSE, FALSE, TRUE, TRUE, FALSE, 0, 0, 45, 30 },
    { IMPORT, "EMEA", "smb", "csv", 0, 0, -1, -1, -1, -1, -1, -1,
      -1, -1, -1, -1, FALSE, FALSE, FALSE, FALSE, FALSE, FALSE, 0, 0, 5, 0 },
    { FORM, NULL, "smb", "web-contact", 1, 1, DAN, -1, DAN, -1, DEMO, DAN,
      6, 9, 10, 10800, TRUE, FALSE, FALSE, FALSE, FALSE, FALSE, 0, 0, 15, 5 },
    { FORM, "NA", "ent", "web-demo", 2, 2, CAT, AE, CAT, 0, DEMO, CAT,
      31, 31 + 20.0 / 60, 31.5, 1200, FALSE, FALSE, FALSE, TRUE, FALSE, FALSE, 0, 0, 35, 20 },
    { MANUAL, "NA", "smb", NULL, 0, 1, DAN, AE, DAN, 0, DEMO, DAN,
      51, -1, 51.5, -1, FALSE, FALSE, FALSE, FALSE, FALSE, TRUE, 0, 0, 0, 0 },
  };

  for (guint i = 0; i < N_LEADS; i++)
    {
      LwStoredLead *lead = &leads[i];

      memset (lead, 0, sizeof *lead);
      for (guint s = 0; s < STAGES; s++)
        stage_times[i][s] = entered[i][s] < 0 ? 0 : AT (entered[i][s]);
      lead->id = i + 1;
      lead->created_at = AT (entered[i][0]);
      lead->source = rows[i].source;
      lead->region = rows[i].region;
      lead->segment = rows[i].segment;
      lead->entry_point = rows[i].entry;
      lead->stage = rows[i].stage;
      lead->max_stage = rows[i].max_stage;
      lead->status = -1;
      lead->owner = rows[i].owner;
      lead->routed_rep = rows[i].routed;
      lead->rule = rows[i].rule;
      lead->pool = rows[i].pool;
      lead->fallback = rows[i].fallback;
      lead->policy = rows[i].policy;
      lead->sla_rep = rows[i].sla_rep;
      lead->assigned_at = rows[i].assigned < 0 ? 0 : AT (rows[i].assigned);
      lead->first_touch_at = rows[i].touched < 0 ? 0 : AT (rows[i].touched);
      lead->deadline = rows[i].deadline < 0 ? 0 : AT (rows[i].deadline);
      lead->ttft = rows[i].ttft;
      lead->warned = rows[i].warned;
      lead->breached = rows[i].breached;
      lead->escalations = rows[i].escalations;
      lead->reassignments = rows[i].reassignments;
      lead->fit = rows[i].fit;
      lead->engagement = rows[i].engagement;
      lead->mql = rows[i].mql;
      lead->converted = rows[i].converted;
      lead->recycled = rows[i].recycled;
      lead->stage_at = stage_times[i];
      lead->n_stage_at = STAGES;
    }
}

/* A store with the dataset in a finished run; returns the run id. */
static gint64
store_with_dataset (LwStore **out)
{
  g_autoptr(LwStore) store = open_new_store ("dataset.leadwright");
  g_autoptr(GError) error = NULL;
  LwStoredLead leads[N_LEADS];
  gint64 run;

  run = begin_run (store, 0);
  fill_dataset (leads);
  lw_store_append_leads (store, run, leads, N_LEADS, &error);
  g_assert_no_error (error);
  lw_store_finish_run (store, run, LW_RUN_FINISHED, T0 + 60, NULL, &error);
  g_assert_no_error (error);

  *out = g_steal_pointer (&store);
  return run;
}

/* ---- opening -------------------------------------------------------------------- */

static void
test_open_creates (void)
{
  g_autofree char *path = test_path ("new.leadwright");
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *mode = NULL;
  g_autoptr(LwStore) store = NULL;
  GStatBuf st;

  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  store = open_store (path);
  g_assert_cmpstr (lw_store_get_path (store), ==, path);

  /* Only its owner may read a workspace: leads are personal data. */
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (wal, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  g_assert_cmpint (sql_int (path, "PRAGMA user_version"), ==, LW_STORE_SCHEMA_VERSION);
  g_assert_cmpint (sql_int (path, "PRAGMA application_id"), ==, 0x4c656164);
  mode = sql_text (path, "PRAGMA journal_mode");
  g_assert_cmpstr (mode, ==, "wal");
  /* Every table of both schema versions is there. */
  g_assert_cmpint (sql_int (path, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND "
                                  "name IN ('workspace', 'revisions', 'runs', 'run_labels', "
                                  "'run_reps', 'run_pool_members', 'run_leads', 'run_events', "
                                  "'live_leads', 'alerts')"), ==, 10);

  g_assert_true (lw_store_check_integrity (store, NULL));

  /* Opening again changes nothing. */
  g_clear_pointer (&store, lw_store_unref);
  store = open_store (path);
  g_assert_cmpint (sql_int (path, "PRAGMA user_version"), ==, LW_STORE_SCHEMA_VERSION);
}

static void
test_open_missing_folder (void)
{
  g_autofree char *dir = test_path ("no-such-folder");
  g_autofree char *path = g_build_filename (dir, "w.leadwright", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LwStore) store = NULL;

  store = lw_store_open (path, &error);
  assert_store_error (error, LW_STORE_ERROR_IO);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_null (store);
  g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));
}

static void
test_open_not_a_workspace (void)
{
  g_autofree char *text_path = test_path ("notes.leadwright");
  g_autofree char *other_path = test_path ("other-app.sqlite");
  g_autofree char *other_wal = g_strconcat (other_path, "-wal", NULL);
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LwStore) store = NULL;

  /* A text file. */
  g_assert_true (g_file_set_contents (text_path, "these are my notes, not a database\n"
                                      "with a second line to pass 100 bytes........................"
                                      "...............\n", -1, NULL));
  before = read_bytes (text_path);
  store = lw_store_open (text_path, &error);
  assert_store_error (error, LW_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "not a Leadwright workspace"));
  g_assert_null (store);
  after = read_bytes (text_path);
  g_assert_true (g_bytes_equal (before, after));
  g_clear_error (&error);
  g_clear_pointer (&before, g_bytes_unref);
  g_clear_pointer (&after, g_bytes_unref);

  /* Another program's SQLite database: never stamped with our schema. */
  sql_exec (other_path, "CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('hello');");
  before = read_bytes (other_path);
  store = lw_store_open (other_path, &error);
  assert_store_error (error, LW_STORE_ERROR_CORRUPT);
  g_assert_null (store);
  after = read_bytes (other_path);
  g_assert_true (g_bytes_equal (before, after));
  assert_sql_text (other_path, "SELECT body FROM notes", "hello");
  g_assert_cmpint (sql_int (other_path, "PRAGMA user_version"), ==, 0);
  g_clear_error (&error);

  /* A database with another application id. */
  sql_exec (other_path, "PRAGMA application_id = 1234");
  store = lw_store_open (other_path, &error);
  assert_store_error (error, LW_STORE_ERROR_CORRUPT);
  g_assert_null (store);
}

/* The first release's schema, as a file written by it holds it. */
static const char v1_fixture[] =
  "PRAGMA page_size = 16384;\n"
  "PRAGMA journal_mode = WAL;\n"
  "BEGIN;\n"
  "CREATE TABLE workspace (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL) WITHOUT ROWID;\n"
  "CREATE TABLE revisions (id INTEGER PRIMARY KEY AUTOINCREMENT, created_at INTEGER NOT NULL,\n"
  "  note TEXT NOT NULL DEFAULT '', json TEXT NOT NULL);\n"
  "CREATE TABLE runs (id INTEGER PRIMARY KEY AUTOINCREMENT, revision_id INTEGER REFERENCES revisions (id),\n"
  "  status TEXT NOT NULL CHECK (status IN ('running', 'finished', 'cancelled', 'failed', 'interrupted')),\n"
  "  started_at INTEGER NOT NULL, finished_at INTEGER, seed INTEGER NOT NULL, leads INTEGER NOT NULL,\n"
  "  days INTEGER NOT NULL, sim_start INTEGER NOT NULL, n_stages INTEGER NOT NULL, scenario TEXT,\n"
  "  timings TEXT, writer_pid INTEGER, leads_written INTEGER NOT NULL DEFAULT 0,\n"
  "  events_written INTEGER NOT NULL DEFAULT 0);\n"
  "CREATE INDEX runs_status ON runs (status);\n"
  "CREATE TABLE run_labels (run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,\n"
  "  kind TEXT NOT NULL, idx INTEGER NOT NULL, id TEXT NOT NULL, label TEXT NOT NULL,\n"
  "  PRIMARY KEY (run_id, kind, idx)) WITHOUT ROWID;\n"
  "CREATE TABLE run_reps (run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,\n"
  "  idx INTEGER NOT NULL, id TEXT NOT NULL, name TEXT NOT NULL, team INTEGER NOT NULL,\n"
  "  capacity INTEGER NOT NULL, weight INTEGER NOT NULL, PRIMARY KEY (run_id, idx)) WITHOUT ROWID;\n"
  "CREATE TABLE run_pool_members (run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,\n"
  "  pool INTEGER NOT NULL, rep INTEGER NOT NULL, weight INTEGER NOT NULL,\n"
  "  PRIMARY KEY (run_id, pool, rep)) WITHOUT ROWID;\n"
  "CREATE TABLE run_leads (id INTEGER PRIMARY KEY,\n"
  "  run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,\n"
  "  block INTEGER NOT NULL, n INTEGER NOT NULL, facts BLOB NOT NULL, props BLOB NOT NULL);\n"
  "CREATE INDEX run_leads_block ON run_leads (run_id, block);\n"
  "CREATE TABLE run_events (id INTEGER PRIMARY KEY,\n"
  "  run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,\n"
  "  block INTEGER NOT NULL, n INTEGER NOT NULL, data BLOB NOT NULL);\n"
  "CREATE TABLE live_leads (id INTEGER PRIMARY KEY, external_id TEXT UNIQUE,\n"
  "  created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, properties TEXT NOT NULL DEFAULT '{}',\n"
  "  owner TEXT, status TEXT, stage TEXT, policy TEXT, assigned_at INTEGER, first_touch_at INTEGER,\n"
  "  deadline INTEGER, touches INTEGER NOT NULL DEFAULT 0);\n"
  "PRAGMA application_id = 1281712484;\n"
  "PRAGMA user_version = 1;\n"
  /* What that release saved. */
  "INSERT INTO workspace VALUES ('name', 'Acme RevOps');\n"
  "INSERT INTO revisions (created_at, note, json) VALUES\n"
  "  (1770000000, 'First rules', '{\"name\": \"v1 rules\"}'),\n"
  "  (1770003600, 'Second rules', '{\"name\": \"v1 rules, again\"}');\n"
  "INSERT INTO runs (revision_id, status, started_at, finished_at, seed, leads, days, sim_start,\n"
  "  n_stages, leads_written) VALUES (2, 'finished', 1770007200, 1770007260, 42, 1000, 30,\n"
  "  1769990400, 8, 1000);\n"
  "INSERT INTO runs (revision_id, status, started_at, seed, leads, days, sim_start, n_stages)\n"
  "  VALUES (2, 'running', 1770010800, 43, 1000, 30, 1769990400, 8);\n"
  "COMMIT;\n";

static void
test_migrate_from_v1 (void)
{
  g_autofree char *path = test_path ("v1.leadwright");
  g_autoptr(LwStore) store = NULL;
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  gint64 found = -1;
  const LwRevision *revision;
  const LwRunInfo *info;

  sql_exec (path, v1_fixture);
  g_assert_cmpint (sql_int (path, "PRAGMA user_version"), ==, 1);

  store = open_store (path);
  g_assert_cmpint (sql_int (path, "PRAGMA user_version"), ==, LW_STORE_SCHEMA_VERSION);
  g_assert_true (lw_store_check_integrity (store, NULL));

  /* What v1 saved is all there. */
  name = lw_store_dup_meta (store, "name", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (name, ==, "Acme RevOps");
  revisions = lw_store_list_revisions (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (revisions->len, ==, 2);
  revision = g_ptr_array_index (revisions, 0);
  g_assert_cmpint (revision->id, ==, 1);
  g_assert_cmpint (revision->created_at, ==, 1770000000);
  g_assert_cmpstr (revision->note, ==, "First rules");
  g_assert_null (revision->json);
  revision = g_ptr_array_index (revisions, 1);
  g_assert_cmpstr (revision->note, ==, "Second rules");

  /* The migration filled in the digest of the old revisions: finding one
   * by its JSON goes through it. */
  g_assert_true (lw_store_find_revision (store, "{\"name\": \"v1 rules, again\"}", &found, &error));
  g_assert_no_error (error);
  g_assert_cmpint (found, ==, 2);
  g_assert_cmpint (sql_int (path, "SELECT count(*) FROM revisions WHERE digest IS NULL"), ==, 0);

  /* v2's additions exist. */
  g_assert_cmpint (sql_int (path, "SELECT count(*) FROM sqlite_schema WHERE name IN "
                                  "('alerts', 'run_events_block', 'revisions_digest')"), ==, 3);

  /* The runs too; the one whose writer is long gone is now interrupted. */
  runs = lw_store_list_runs (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (runs->len, ==, 2);
  info = g_ptr_array_index (runs, 0);
  g_assert_cmpint (info->id, ==, 2);
  g_assert_cmpint (info->status, ==, LW_RUN_INTERRUPTED);
  g_assert_cmpint (info->finished_at, ==, 0);
  info = g_ptr_array_index (runs, 1);
  g_assert_cmpint (info->id, ==, 1);
  g_assert_cmpint (info->status, ==, LW_RUN_FINISHED);
  g_assert_cmpint (info->revision, ==, 2);
  g_assert_cmpuint (info->seed, ==, 42);
  g_assert_cmpuint (info->days, ==, 30);
  g_assert_cmpuint (info->leads_written, ==, 1000);

  /* And new writes work on the migrated file. */
  g_assert_cmpint (lw_store_save_revision (store, "{\"name\": \"v2 rules\"}", "After upgrade",
                                           1770020000, &error), ==, 3);
  g_assert_no_error (error);
}

static void
test_open_newer_refused (void)
{
  g_autofree char *path = test_path ("future.leadwright");
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autofree char *expected = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  LwStore *store;

  store = open_store (path);
  g_assert_cmpint (lw_store_save_revision (store, "{\"name\": \"kept\"}", NULL, T0, NULL), ==, 1);
  lw_store_unref (store);
  /* A newer Leadwright moved the file to schema 5. */
  sql_exec (path, "PRAGMA user_version = 5");
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  before = read_bytes (path);

  store = lw_store_open (path, &error);
  g_assert_null (store);
  assert_store_error (error, LW_STORE_ERROR_VERSION);
  expected = g_strdup_printf ("%s was written by a newer Leadwright (schema 5); "
                              "this build reads up to schema 3", path);
  g_assert_cmpstr (error->message, ==, expected);

  /* Untouched: same bytes, not even a -wal or -shm beside it. */
  after = read_bytes (path);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));
  g_assert_cmpint (sql_int (path, "PRAGMA user_version"), ==, 5);
  assert_sql_text (path, "SELECT json FROM revisions", "{\"name\": \"kept\"}");
}

/* The newer build is still running: its schema change is in the -wal, the
 * main file's header still says 2. The connection sees 5 and refuses, and
 * closing it does not checkpoint the newer build's pages into the file. */
static void
test_open_newer_in_wal (void)
{
  g_autofree char *path = test_path ("future-wal.leadwright");
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *newer = NULL;
  LwStore *store;

  store = open_store (path);
  lw_store_unref (store);
  before = read_bytes (path);

  /* The newer build leaves its change in the -wal (it crashed, say). */
  g_assert_cmpint (sqlite3_open (path, &newer), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (newer, "PRAGMA wal_autocheckpoint = 0; PRAGMA user_version = 5;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_db_config (newer, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
  g_assert_cmpint (sqlite3_close (newer), ==, SQLITE_OK);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  after = read_bytes (path);
  g_assert_true (g_bytes_equal (before, after));
  g_clear_pointer (&after, g_bytes_unref);

  store = lw_store_open (path, &error);
  g_assert_null (store);
  assert_store_error (error, LW_STORE_ERROR_VERSION);
  g_assert_nonnull (strstr (error->message, "(schema 5)"));

  /* Closing did not fold the newer pages into the file. */
  after = read_bytes (path);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_cmpint (sql_int (path, "PRAGMA user_version"), ==, 5);
}

/* ---- metadata -------------------------------------------------------------------- */

static void
test_meta (void)
{
  g_autoptr(LwStore) store = open_new_store ("meta.leadwright");
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;

  value = lw_store_dup_meta (store, "name", &error);
  assert_store_error (error, LW_STORE_ERROR_NOT_FOUND);
  g_assert_null (value);
  g_clear_error (&error);

  g_assert_true (lw_store_set_meta (store, "name", "Acme", &error));
  g_assert_no_error (error);
  g_assert_true (lw_store_set_meta (store, "name", "Acme Corp", &error));
  value = lw_store_dup_meta (store, "name", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (value, ==, "Acme Corp");
  g_clear_pointer (&value, g_free);

  /* A key that looks like SQL is only a key. */
  g_assert_true (lw_store_set_meta (store, "x'); DROP TABLE workspace; --", "v", &error));
  g_assert_no_error (error);
  value = lw_store_dup_meta (store, "x'); DROP TABLE workspace; --", &error);
  g_assert_cmpstr (value, ==, "v");
  g_clear_pointer (&value, g_free);

  g_assert_true (lw_store_set_meta (store, "name", NULL, &error));
  value = lw_store_dup_meta (store, "name", &error);
  assert_store_error (error, LW_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_false (lw_store_set_meta (store, NULL, "x", &error));
  assert_store_error (error, LW_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (lw_store_set_meta (store, "name", "bad \xff utf-8", &error));
  assert_store_error (error, LW_STORE_ERROR_INVALID);
}

/* ---- revisions and diff --------------------------------------------------------- */

#define REV1 "{\n  \"name\": \"A\",\n  \"x\": 1\n}\n"
#define REV2 "{\n  \"name\": \"B\",\n  \"x\": 1\n}\n"

static void
test_revisions (void)
{
  g_autoptr(LwStore) store = open_new_store ("revisions.leadwright");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(LwRevision) revision = NULL;
  g_autofree char *diff = NULL;
  gint64 found = -1;

  g_assert_cmpint (lw_store_save_revision (store, REV1, "First", T0, &error), ==, 1);
  g_assert_no_error (error);
  g_assert_cmpint (lw_store_save_revision (store, REV2, "Renamed", T0 + 60, &error), ==, 2);
  g_assert_cmpint (lw_store_save_revision (store, REV2, NULL, T0 + 120, &error), ==, 3);
  g_assert_no_error (error);

  list = lw_store_list_revisions (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 3);
  g_assert_cmpint (((LwRevision *) list->pdata[0])->created_at, ==, T0);
  g_assert_cmpstr (((LwRevision *) list->pdata[1])->note, ==, "Renamed");
  g_assert_cmpstr (((LwRevision *) list->pdata[2])->note, ==, "");

  revision = lw_store_get_revision (store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (revision->json, ==, REV1);
  g_assert_cmpstr (revision->note, ==, "First");
  g_clear_pointer (&revision, lw_revision_free);
  revision = lw_store_get_revision (store, 0, &error);
  g_assert_cmpint (revision->id, ==, 3);
  g_clear_pointer (&revision, lw_revision_free);

  diff = lw_store_diff_revisions (store, 1, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (diff, ==,
                   "--- revision 1\n"
                   "+++ revision 2\n"
                   "@@ -1,4 +1,4 @@\n"
                   " {\n"
                   "-  \"name\": \"A\",\n"
                   "+  \"name\": \"B\",\n"
                   "   \"x\": 1\n"
                   " }\n");
  g_clear_pointer (&diff, g_free);
  diff = lw_store_diff_revisions (store, 2, 3, &error);
  g_assert_cmpstr (diff, ==, "");
  g_clear_pointer (&diff, g_free);

  /* Restoring 1 adds revision 4 with 1's JSON; nothing is overwritten. */
  g_assert_cmpint (lw_store_restore_revision (store, 1, T0 + 180, &error), ==, 4);
  g_assert_no_error (error);
  revision = lw_store_get_revision (store, 4, &error);
  g_assert_cmpstr (revision->json, ==, REV1);
  g_assert_cmpstr (revision->note, ==, "Restored revision 1");
  g_assert_cmpint (revision->created_at, ==, T0 + 180);
  g_clear_pointer (&revision, lw_revision_free);
  revision = lw_store_get_revision (store, 2, &error);
  g_assert_cmpstr (revision->json, ==, REV2);
  g_clear_pointer (&revision, lw_revision_free);

  /* Finding by JSON gives the newest identical revision. */
  g_assert_true (lw_store_find_revision (store, REV1, &found, &error));
  g_assert_cmpint (found, ==, 4);
  g_assert_true (lw_store_find_revision (store, "{}", &found, &error));
  g_assert_cmpint (found, ==, 0);
  g_assert_no_error (error);
}

static void
test_revisions_of_configs (void)
{
  g_autoptr(LwStore) store = open_new_store ("configs.leadwright");
  g_autoptr(LwConfig) config = make_config ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LwRevision) revision = NULL;
  g_autofree char *json = lw_config_to_data (config, NULL);
  g_autofree char *diff = NULL;
  gint64 id, found = 0;

  id = lw_store_save_config (store, config, "Team of four", T0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, ==, 1);
  revision = lw_store_get_revision (store, id, &error);
  g_assert_cmpstr (revision->json, ==, json);
  g_assert_true (lw_store_find_revision (store, json, &found, &error));
  g_assert_cmpint (found, ==, 1);

  /* One rep renamed: the diff is that line. */
  g_free (((LwRep *) config->reps->pdata[1])->name);
  ((LwRep *) config->reps->pdata[1])->name = g_strdup ("Benedict Okafor");
  g_assert_cmpint (lw_store_save_config (store, config, "Renamed Ben", T0 + 1, &error), ==, 2);
  diff = lw_store_diff_revisions (store, 1, 2, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (diff, "\n-        \"name\": \"Ben Okafor\",\n"));
  g_assert_nonnull (strstr (diff, "\n+        \"name\": \"Benedict Okafor\",\n"));
  g_assert_null (strstr (diff, "Ana Silva"));
}

static void
test_revisions_bad_input (void)
{
  g_autoptr(LwStore) store = open_new_store ("bad-revisions.leadwright");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  gint64 found;

  g_assert_cmpint (lw_store_save_revision (store, NULL, "x", T0, &error), ==, 0);
  assert_store_error (error, LW_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (lw_store_save_revision (store, "{\"a\": \"\xc3\x28\"}", NULL, T0, &error), ==, 0);
  assert_store_error (error, LW_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (lw_store_save_revision (store, "{\"a\": ", NULL, T0, &error), ==, 0);
  assert_store_error (error, LW_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "not valid JSON"));
  g_clear_error (&error);
  g_assert_cmpint (lw_store_save_revision (store, "[1, 2]", NULL, T0, &error), ==, 0);
  assert_store_error (error, LW_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (lw_store_save_revision (store, "{}", "\xff", T0, &error), ==, 0);
  assert_store_error (error, LW_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* None of it was saved. */
  list = lw_store_list_revisions (store, &error);
  g_assert_cmpuint (list->len, ==, 0);

  g_assert_null (lw_store_get_revision (store, 0, &error));
  assert_store_error (error, LW_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (lw_store_save_revision (store, "{}", NULL, T0, &error), ==, 1);
  g_assert_null (lw_store_get_revision (store, 99, &error));
  assert_store_error (error, LW_STORE_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "There is no revision 99");
  g_clear_error (&error);
  g_assert_null (lw_store_diff_revisions (store, 1, 99, &error));
  assert_store_error (error, LW_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (lw_store_diff_revisions (store, 0, 1, &error));
  assert_store_error (error, LW_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (lw_store_restore_revision (store, 99, T0, &error), ==, 0);
  assert_store_error (error, LW_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (lw_store_restore_revision (store, -1, T0, &error), ==, 0);
  assert_store_error (error, LW_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (lw_store_find_revision (store, NULL, &found, &error));
  assert_store_error (error, LW_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* The failed restores added nothing. */
  g_clear_pointer (&list, g_ptr_array_unref);
  list = lw_store_list_revisions (store, &error);
  g_assert_cmpuint (list->len, ==, 1);
}

static void
assert_diff (const char *a,
             const char *b,
             guint       context,
             const char *expected)
{
  g_autofree char *diff = lw_diff_lines (a, b, "a", "b", context);

  g_assert_cmpstr (diff, ==, expected);
}

static void
test_diff_lines (void)
{
  /* One changed line, three lines of context each side. */
  assert_diff ("a\nb\nc\nd\ne\nf\ng\nh\n", "a\nb\nc\nD\ne\nf\ng\nh\n", 3,
               "--- a\n+++ b\n@@ -1,7 +1,7 @@\n a\n b\n c\n-d\n+D\n e\n f\n g\n");
  /* Changes ten lines apart: two hunks. */
  assert_diff ("1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n",
               "one\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\ntwelve\n", 2,
               "--- a\n+++ b\n"
               "@@ -1,3 +1,3 @@\n-1\n+one\n 2\n 3\n"
               "@@ -10,3 +10,3 @@\n 10\n 11\n-12\n+twelve\n");
  /* Changes three lines apart with context 2: one hunk. */
  assert_diff ("1\n2\n3\n4\n5\n6\n7\n8\n", "1\nB\n3\n4\n5\nF\n7\n8\n", 2,
               "--- a\n+++ b\n@@ -1,8 +1,8 @@\n 1\n-2\n+B\n 3\n 4\n 5\n-6\n+F\n 7\n 8\n");
  /* Insert into an empty text; delete everything. */
  assert_diff ("", "p\nq\n", 3, "--- a\n+++ b\n@@ -0,0 +1,2 @@\n+p\n+q\n");
  assert_diff ("p\n", "", 3, "--- a\n+++ b\n@@ -1 +0,0 @@\n-p\n");
  /* The last line loses its newline. */
  assert_diff ("x\ny\n", "x\ny", 3,
               "--- a\n+++ b\n@@ -1,2 +1,2 @@\n x\n-y\n+y\n\\ No newline at end of file\n");
  /* The longest common part is kept: one deletion and one insertion. */
  assert_diff ("a\nb\nc\nd\n", "b\nc\nd\ne\n", 3,
               "--- a\n+++ b\n@@ -1,4 +1,4 @@\n-a\n b\n c\n d\n+e\n");
  /* Equal texts, and a removed last line. */
  assert_diff ("same\n", "same\n", 3, "");
  assert_diff ("a\nb\nc\n", "a\nb\n", 3, "--- a\n+++ b\n@@ -1,3 +1,2 @@\n a\n b\n-c\n");
}

static void
test_diff_large (void)
{
  g_autoptr(GString) a = g_string_new (NULL);
  g_autoptr(GString) b = g_string_new (NULL);
  g_autofree char *diff = NULL;
  guint minus = 0, plus = 0;
  char **lines;

  /* 3000 lines that share nothing, and one shared line in the middle. */
  for (guint i = 0; i < 3000; i++)
    {
      g_string_append_printf (a, "a%u\n", i);
      g_string_append_printf (b, "b%u\n", i);
      if (i == 1500)
        {
          g_string_append (a, "shared\n");
          g_string_append (b, "shared\n");
        }
    }
  diff = lw_diff_lines (a->str, b->str, "a", "b", 3);
  lines = g_strsplit (diff, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      minus += lines[i][0] == '-' && lines[i][1] != '-';
      plus += lines[i][0] == '+' && lines[i][1] != '+';
    }
  g_strfreev (lines);
  g_assert_cmpuint (minus, ==, 3000);
  g_assert_cmpuint (plus, ==, 3000);
  g_assert_nonnull (strstr (diff, "\n shared\n"));
}

/* ---- runs ------------------------------------------------------------------------- */

static void
test_run_lifecycle (void)
{
  g_autoptr(LwStore) store = open_new_store ("runs.leadwright");
  g_autoptr(GError) error = NULL;
  g_autoptr(LwRunInfo) info = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  gint64 revision, run;

  revision = lw_store_save_revision (store, "{\"name\": \"rules\"}", NULL, T0, &error);
  run = begin_run (store, revision);

  info = lw_store_get_run (store, run, &error);
  g_assert_no_error (error);
  g_assert_cmpint (info->status, ==, LW_RUN_RUNNING);
  g_assert_cmpint (info->revision, ==, revision);
  g_assert_cmpuint (info->seed, ==, 7);
  g_assert_cmpuint (info->leads, ==, N_LEADS);
  g_assert_cmpuint (info->days, ==, 10);
  g_assert_cmpint (info->sim_start, ==, T0);
  g_assert_cmpint (info->started_at, ==, T0 + 5);
  g_assert_cmpint (info->finished_at, ==, 0);
  g_assert_cmpuint (info->n_stages, ==, STAGES);
  g_assert_cmpstr (info->scenario, ==, "{\"format\": \"leadwright-scenario\"}");
  g_clear_pointer (&info, lw_run_info_free);

  g_assert_true (lw_store_finish_run (store, run, LW_RUN_CANCELLED, T0 + 99,
                                      "{\"simulate_s\": 1.5}", &error));
  g_assert_no_error (error);
  info = lw_store_get_run (store, run, &error);
  g_assert_cmpint (info->status, ==, LW_RUN_CANCELLED);
  g_assert_cmpint (info->finished_at, ==, T0 + 99);
  g_assert_cmpstr (info->timings, ==, "{\"simulate_s\": 1.5}");

  /* A finished run takes nothing more. */
  g_assert_false (lw_store_finish_run (store, run, LW_RUN_FINISHED, T0, NULL, &error));
  assert_store_error (error, LW_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (lw_store_append_events (store, run, NULL, 0, &error));
  assert_store_error (error, LW_STORE_ERROR_INVALID);
  g_clear_error (&error);

  run = begin_run (store, 0);
  runs = lw_store_list_runs (store, &error);
  g_assert_cmpuint (runs->len, ==, 2);
  g_assert_cmpint (((LwRunInfo *) runs->pdata[0])->id, ==, run);
  g_assert_cmpint (((LwRunInfo *) runs->pdata[0])->revision, ==, 0);

  /* Running runs are not deleted; finished ones are, with their leads. */
  g_assert_false (lw_store_delete_run (store, run, &error));
  assert_store_error (error, LW_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (lw_store_delete_run (store, run - 1, &error));
  g_assert_no_error (error);
  g_assert_null (lw_store_get_run (store, run - 1, &error));
  assert_store_error (error, LW_STORE_ERROR_NOT_FOUND);
}

static void
test_run_bad_input (void)
{
  g_autoptr(LwStore) store = open_new_store ("bad-runs.leadwright");
  g_autoptr(LwConfig) config = make_config ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LwRunInfo) info = NULL;
  LwRunParams params = { .config = config, .days = 10, .sim_start = T0 };
  LwStoredLead leads[N_LEADS];
  LwEvent event = { .lead = 1, .kind = LW_EVENT_CREATED, .t = T0, .rep = -1 };
  gint64 run;

  /* Beginning: no rule set, no days, a revision that does not exist,
   * a scenario that is not JSON. */
  params.config = NULL;
  g_assert_cmpint (lw_store_begin_run (store, &params, &error), ==, 0);
  assert_store_error (error, LW_STORE_ERROR_INVALID);
  g_clear_error (&error);
  params.config = config;
  params.days = 0;
  g_assert_cmpint (lw_store_begin_run (store, &params, &error), ==, 0);
  assert_store_error (error, LW_STORE_ERROR_INVALID);
  g_clear_error (&error);
  params.days = 10;
  params.revision = 42;
  g_assert_cmpint (lw_store_begin_run (store, &params, &error), ==, 0);
  assert_store_error (error, LW_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  params.revision = 0;
  params.scenario = "{ not json";
  g_assert_cmpint (lw_store_begin_run (store, &params, &error), ==, 0);
  assert_store_error (error, LW_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (sql_int (lw_store_get_path (store), "SELECT count(*) FROM runs"), ==, 0);

  /* Appending to runs that do not exist. */
  fill_dataset (leads);
  g_assert_false (lw_store_append_leads (store, 999, leads, 1, &error));
  assert_store_error (error, LW_STORE_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "There is no run 999");
  g_clear_error (&error);
  g_assert_false (lw_store_append_events (store, -3, &event, 1, &error));
  assert_store_error (error, LW_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (lw_store_finish_run (store, 999, LW_RUN_FINISHED, T0, NULL, &error));
  assert_store_error (error, LW_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (lw_store_get_lead (store, 999, 1, &error));
  assert_store_error (error, LW_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  run = begin_run (store, 0);

  /* Each broken lead is refused, naming it, and nothing of the batch is
   * written, not even its good leads. */
  leads[3].stage = STAGES;
  g_assert_false (lw_store_append_leads (store, run, leads, N_LEADS, &error));
  assert_store_error (error, LW_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "Lead 4: the stage is out of range");
  g_clear_error (&error);
  fill_dataset (leads);
  leads[0].owner = 4;
  g_assert_false (lw_store_append_leads (store, run, leads, N_LEADS, &error));
  assert_store_error (error, LW_STORE_ERROR_INVALID);
  g_clear_error (&error);
  fill_dataset (leads);
  leads[1].policy = -2;
  g_assert_false (lw_store_append_leads (store, run, leads, 2, &error));
  assert_store_error (error, LW_STORE_ERROR_INVALID);
  g_clear_error (&error);
  fill_dataset (leads);
  leads[1].n_stage_at = 3;
  g_assert_false (lw_store_append_leads (store, run, leads, 2, &error));
  assert_store_error (error, LW_STORE_ERROR_INVALID);
  g_clear_error (&error);
  fill_dataset (leads);
  leads[2].created_at = 0;
  g_assert_false (lw_store_append_leads (store, run, leads, 3, &error));
  assert_store_error (error, LW_STORE_ERROR_INVALID);
  g_clear_error (&error);
  fill_dataset (leads);
  leads[2].deadline = T0 + ((LwTime) 1 << 40);
  g_assert_false (lw_store_append_leads (store, run, leads, 3, &error));
  assert_store_error (error, LW_STORE_ERROR_INVALID);
  g_clear_error (&error);
  fill_dataset (leads);
  leads[0].id = LW_STORE_MAX_LEAD_ID;
  g_assert_false (lw_store_append_leads (store, run, leads, 1, &error));
  assert_store_error (error, LW_STORE_ERROR_INVALID);
  g_clear_error (&error);
  fill_dataset (leads);
  leads[4].region = "\xff\xfe";
  g_assert_false (lw_store_append_leads (store, run, leads, N_LEADS, &error));
  assert_store_error (error, LW_STORE_ERROR_INVALID);
  g_clear_error (&error);

  info = lw_store_get_run (store, run, &error);
  g_assert_cmpuint (info->leads_written, ==, 0);
  g_assert_cmpint (sql_int (lw_store_get_path (store), "SELECT count(*) FROM run_leads"), ==, 0);
  g_assert_null (lw_store_get_lead (store, run, 1, &error));
  assert_store_error (error, LW_STORE_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "Run 1 has no lead 1");
  g_clear_error (&error);

  /* Broken events. */
  event.kind = LW_N_EVENT_KINDS;
  g_assert_false (lw_store_append_events (store, run, &event, 1, &error));
  assert_store_error (error, LW_STORE_ERROR_INVALID);
  g_clear_error (&error);
  event.kind = LW_EVENT_ASSIGNED;
  event.rep = -2;
  g_assert_false (lw_store_append_events (store, run, &event, 1, &error));
  assert_store_error (error, LW_STORE_ERROR_INVALID);
  g_clear_error (&error);
  event.rep = 0;
  event.detail = "\xc0\x80";
  g_assert_false (lw_store_append_events (store, run, &event, 1, &error));
  assert_store_error (error, LW_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* A run does not finish as running. */
  g_assert_false (lw_store_finish_run (store, run, LW_RUN_RUNNING, T0, NULL, &error));
  assert_store_error (error, LW_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (lw_store_finish_run (store, run, LW_RUN_FINISHED, T0, "{oops", &error));
  assert_store_error (error, LW_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* After all that, the good batch still goes in whole. */
  fill_dataset (leads);
  g_assert_true (lw_store_append_leads (store, run, leads, N_LEADS, &error));
  g_assert_no_error (error);
  g_clear_pointer (&info, lw_run_info_free);
  info = lw_store_get_run (store, run, &error);
  g_assert_cmpuint (info->leads_written, ==, N_LEADS);
}

static void
test_leads_roundtrip (void)
{
  g_autoptr(LwStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LwStoredLead) lead = NULL;
  gint64 run = store_with_dataset (&store);

  lead = lw_store_get_lead (store, run, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lead->id, ==, 2);
  g_assert_cmpint (lead->created_at, ==, AT (1));
  g_assert_cmpint (lead->source, ==, FORM);
  g_assert_cmpstr (lead->region, ==, "EMEA");
  g_assert_cmpstr (lead->segment, ==, "ent");
  g_assert_cmpstr (lead->entry_point, ==, "web-demo");
  g_assert_cmpint (lead->stage, ==, 2);
  g_assert_cmpint (lead->max_stage, ==, 2);
  g_assert_cmpint (lead->status, ==, -1);
  g_assert_cmpint (lead->owner, ==, BEN);
  g_assert_cmpint (lead->routed_rep, ==, BEN);
  g_assert_cmpint (lead->rule, ==, 1);
  g_assert_cmpint (lead->pool, ==, SDR);
  g_assert_false (lead->fallback);
  g_assert_cmpint (lead->policy, ==, DEMO);
  g_assert_cmpint (lead->sla_rep, ==, BEN);
  g_assert_cmpint (lead->assigned_at, ==, AT (2));
  g_assert_cmpint (lead->first_touch_at, ==, AT (4));
  g_assert_cmpint (lead->deadline, ==, AT (2.5));
  g_assert_cmpint (lead->ttft, ==, 7200);
  g_assert_true (lead->warned);
  g_assert_true (lead->breached);
  g_assert_cmpuint (lead->escalations, ==, 1);
  g_assert_cmpuint (lead->reassignments, ==, 0);
  g_assert_cmpfloat (lead->fit, ==, 40);
  g_assert_cmpfloat (lead->engagement, ==, 12.5);
  g_assert_true (lead->mql);
  g_assert_false (lead->converted);
  g_assert_false (lead->disqualified);
  g_assert_false (lead->recycled);
  g_assert_cmpuint (lead->n_stage_at, ==, STAGES);
  g_assert_cmpint (lead->stage_at[0], ==, AT (1));
  g_assert_cmpint (lead->stage_at[1], ==, 0);
  g_assert_cmpint (lead->stage_at[2], ==, AT (2));
  g_assert_cmpint (lead->stage_at[4], ==, 0);
  g_assert_null (lead->properties);
  g_assert_cmpuint (lead->properties_len, ==, 0);
  g_clear_pointer (&lead, lw_stored_lead_free);

  /* Lead 5: never routed; lead 6: no region; lead 8: no entry point. */
  lead = lw_store_get_lead (store, run, 5, &error);
  g_assert_cmpint (lead->owner, ==, -1);
  g_assert_cmpint (lead->policy, ==, -1);
  g_assert_cmpint (lead->assigned_at, ==, 0);
  g_assert_cmpint (lead->ttft, ==, -1);
  g_clear_pointer (&lead, lw_stored_lead_free);
  lead = lw_store_get_lead (store, run, 6, &error);
  g_assert_null (lead->region);
  g_assert_true (lead->fallback);
  g_assert_cmpint (lead->rule, ==, -1);
  g_clear_pointer (&lead, lw_stored_lead_free);
  lead = lw_store_get_lead (store, run, 8, &error);
  g_assert_null (lead->entry_point);
  g_assert_true (lead->recycled);
  g_clear_pointer (&lead, lw_stored_lead_free);

  g_assert_null (lw_store_get_lead (store, run, 9, &error));
  assert_store_error (error, LW_STORE_ERROR_NOT_FOUND);
}

/* Properties of any encoding, leads in far-apart id blocks, and a lead
 * written again: the newest state counts. */
static void
test_leads_blocks_and_rewrites (void)
{
  g_autoptr(LwStore) store = open_new_store ("blocks.leadwright");
  g_autoptr(GError) error = NULL;
  g_autoptr(LwStoredLead) got = NULL;
  g_autoptr(LwFunnel) funnel = NULL;
  g_autoptr(LwRunInfo) info = NULL;
  LwStoreFilter filter = LW_STORE_FILTER_INIT;
  static const guint32 ids[] = { 0, 4095, 4096, 70000, (1u << 27) + 3 };
  static const guint8 blob[] = { 0, 1, 2, 0xff, 0, 7 };
  LwStoredLead leads[G_N_ELEMENTS (ids)];
  gint64 run = begin_run (store, 0);

  memset (leads, 0, sizeof leads);
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      leads[i].id = ids[i];
      leads[i].created_at = T0 + i;
      leads[i].source = -1;
      leads[i].stage = leads[i].max_stage = 0;
      leads[i].status = leads[i].owner = leads[i].routed_rep = leads[i].rule = -1;
      leads[i].pool = leads[i].policy = leads[i].sla_rep = -1;
      leads[i].ttft = -1;
    }
  leads[1].properties = (const guint8 *) "{\"country\": \"DE\"}";
  leads[1].properties_len = strlen ("{\"country\": \"DE\"}");
  leads[3].properties = blob;
  leads[3].properties_len = sizeof blob;
  g_assert_true (lw_store_append_leads (store, run, leads, G_N_ELEMENTS (ids), &error));
  g_assert_no_error (error);

  /* Lead 70000 again, further on. */
  leads[3].stage = leads[3].max_stage = 3;
  leads[3].properties_len = 3;
  g_assert_true (lw_store_append_leads (store, run, &leads[3], 1, &error));
  lw_store_finish_run (store, run, LW_RUN_FINISHED, T0, NULL, &error);
  g_assert_no_error (error);

  got = lw_store_get_lead (store, run, 4095, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (got->properties, got->properties_len, "{\"country\": \"DE\"}", 17);
  g_clear_pointer (&got, lw_stored_lead_free);
  got = lw_store_get_lead (store, run, 70000, &error);
  g_assert_cmpint (got->stage, ==, 3);
  g_assert_cmpmem (got->properties, got->properties_len, blob, 3);
  g_clear_pointer (&got, lw_stored_lead_free);
  got = lw_store_get_lead (store, run, (1u << 27) + 3, &error);
  g_assert_no_error (error);
  g_assert_cmpint (got->created_at, ==, T0 + 4);
  g_clear_pointer (&got, lw_stored_lead_free);

  /* Six records written, five leads counted; lead 70000 only as stage 3. */
  info = lw_store_get_run (store, run, &error);
  g_assert_cmpuint (info->leads_written, ==, 6);
  funnel = lw_store_query_funnel (store, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (funnel->leads, ==, 5);
  g_assert_cmpuint (g_array_index (funnel->stages, LwFunnelStage, 0).reached, ==, 5);
  g_assert_cmpuint (g_array_index (funnel->stages, LwFunnelStage, 0).current, ==, 4);
  g_assert_cmpuint (g_array_index (funnel->stages, LwFunnelStage, 3).reached, ==, 1);
  g_assert_cmpuint (g_array_index (funnel->stages, LwFunnelStage, 3).current, ==, 1);
}

/* A paced run sends leads again as they change, one at a time: finishing
 * it folds each block's many chunks into one, newest states only. */
static void
test_leads_compacted_at_finish (void)
{
  g_autoptr(LwStore) store = open_new_store ("paced.leadwright");
  g_autoptr(GError) error = NULL;
  g_autoptr(LwFunnel) before = NULL;
  g_autoptr(LwFunnel) after = NULL;
  g_autoptr(LwStoredLead) got = NULL;
  LwStoreFilter filter = LW_STORE_FILTER_INIT;
  const char *path = lw_store_get_path (store);
  gint64 run = begin_run (store, 0);
  char props[32];

  /* Leads 1..40 (block 0) and 5000..5009 (block 1), each sent at stage 0,
   * then again at stage id % STAGES with its properties: 100 chunks. */
  for (guint round = 0; round < 2; round++)
    for (guint i = 0; i < 50; i++)
      {
        LwStoredLead lead = { 0, };

        lead.id = i < 40 ? i + 1 : 5000 + (i - 40);
        lead.created_at = T0 + lead.id;
        lead.source = lead.status = lead.owner = lead.routed_rep = lead.rule = -1;
        lead.pool = lead.policy = lead.sla_rep = -1;
        lead.ttft = -1;
        lead.stage = lead.max_stage = round == 0 ? 0 : (int) (lead.id % STAGES);
        g_snprintf (props, sizeof props, "{\"round\": %u, \"id\": %u}", round, lead.id);
        lead.properties = (const guint8 *) props;
        lead.properties_len = strlen (props);
        g_assert_true (lw_store_append_leads (store, run, &lead, 1, &error));
        g_assert_no_error (error);
      }
  g_assert_cmpint (sql_int (path, "SELECT count(*) FROM run_leads"), ==, 100);

  filter.run = run;
  before = lw_store_query_funnel (store, &filter, &error);
  g_assert_no_error (error);
  g_assert_true (lw_store_finish_run (store, run, LW_RUN_FINISHED, T0, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sql_int (path, "SELECT count(*) FROM run_leads"), ==, 2);
  g_assert_cmpint (sql_int (path, "SELECT sum(n) FROM run_leads"), ==, 50);

  /* The same figures as before, and each lead in its last state. */
  after = lw_store_query_funnel (store, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after->leads, ==, 50);
  for (guint s = 0; s < STAGES; s++)
    {
      g_assert_cmpuint (funnel_stage (after, s)->reached, ==, funnel_stage (before, s)->reached);
      g_assert_cmpuint (funnel_stage (after, s)->current, ==, funnel_stage (before, s)->current);
    }
  /* Stage 4 (id % 5 == 4) holds 4, 9, ..., 39 and 5004, 5009: 10 leads. */
  g_assert_cmpuint (funnel_stage (after, 4)->current, ==, 10);
  got = lw_store_get_lead (store, run, 5007, &error);
  g_assert_no_error (error);
  g_assert_cmpint (got->stage, ==, 2);
  g_assert_cmpmem (got->properties, got->properties_len,
                   "{\"round\": 1, \"id\": 5007}", strlen ("{\"round\": 1, \"id\": 5007}"));
  g_clear_pointer (&got, lw_stored_lead_free);
  got = lw_store_get_lead (store, run, 1, &error);
  g_assert_cmpint (got->stage, ==, 1);
  g_assert_true (lw_store_check_integrity (store, NULL));
}

static void
test_events_roundtrip (void)
{
  g_autoptr(LwStore) store = open_new_store ("events.leadwright");
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) got = NULL;
  g_autoptr(LwRunInfo) info = NULL;
  LwEvent events[] = {
    { 7, LW_EVENT_CREATED, T0 + 10, -1, FORM, 0, NULL },
    { 9, LW_EVENT_CREATED, T0 + 11, -1, CHAT, 0, NULL },
    { 7, LW_EVENT_SCORED, T0 + 10, -1, 1, 37.5, NULL },
    { 7, LW_EVENT_ASSIGNED, T0 + 70, ANA, -1, 0, "Fallback: no rule matched" },
    { 4096 + 7, LW_EVENT_CREATED, T0 + 12, -1, IMPORT, 0, NULL },
    { 7, LW_EVENT_SCORED, T0 + 5, -1, 0, 1.0 / 3.0, NULL },
    { 7, LW_EVENT_SLA_WARNING, T0 - 3600, DAN, STANDARD, -0.0, "Ünïcödé ✓" },
    { 7, LW_EVENT_FIRST_TOUCH, T0 + 100000000, 65000, -123456, -2.5e12, "" },
    { 7, LW_EVENT_ACTIVITY, T0 + 100000001, -1, 3, NAN, NULL },
  };
  guint mine[] = { 0, 2, 3, 5, 6, 7, 8 };
  gint64 run = begin_run (store, 0);

  /* Two batches: events of one lead come back in the order appended. */
  g_assert_true (lw_store_append_events (store, run, events, 4, &error));
  g_assert_no_error (error);
  g_assert_true (lw_store_append_events (store, run, events + 4, G_N_ELEMENTS (events) - 4, &error));
  g_assert_no_error (error);

  got = lw_store_get_lead_events (store, run, 7, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (got->len, ==, G_N_ELEMENTS (mine));
  for (guint i = 0; i < got->len; i++)
    {
      const LwEvent *a = &events[mine[i]];
      const LwEvent *b = &g_array_index (got, LwEvent, i);

      g_assert_cmpuint (b->lead, ==, 7);
      g_assert_cmpint (b->kind, ==, a->kind);
      g_assert_cmpint (b->t, ==, a->t);
      g_assert_cmpint (b->rep, ==, a->rep);
      g_assert_cmpint (b->arg, ==, a->arg);
      if (isnan (a->value))
        g_assert_true (isnan (b->value));
      else
        {
          g_assert_cmpmem (&b->value, sizeof (double), &a->value, sizeof (double));
        }
      g_assert_cmpstr (b->detail, ==, a->detail);
    }
  g_clear_pointer (&got, g_array_unref);

  got = lw_store_get_lead_events (store, run, 4096 + 7, &error);
  g_assert_cmpuint (got->len, ==, 1);
  g_assert_cmpint (g_array_index (got, LwEvent, 0).arg, ==, IMPORT);
  g_clear_pointer (&got, g_array_unref);
  got = lw_store_get_lead_events (store, run, 8, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (got->len, ==, 0);

  info = lw_store_get_run (store, run, &error);
  g_assert_cmpuint (info->events_written, ==, G_N_ELEMENTS (events));
}

static void
test_event_kind_names (void)
{
  LwEventKind kind = LW_EVENT_CREATED;

  g_assert_cmpstr (lw_event_kind_to_string (LW_EVENT_SLA_BREACH), ==, "sla_breach");
  g_assert_cmpstr (lw_event_kind_to_string (LW_EVENT_ACTIVITY), ==, "activity");
  g_assert_null (lw_event_kind_to_string (LW_N_EVENT_KINDS));
  for (guint i = 0; i < LW_N_EVENT_KINDS; i++)
    {
      g_assert_true (lw_event_kind_from_string (lw_event_kind_to_string (i), &kind));
      g_assert_cmpint (kind, ==, i);
    }
  g_assert_false (lw_event_kind_from_string ("SLA_BREACH", &kind));
  g_assert_false (lw_event_kind_from_string (NULL, &kind));
}

static void
test_run_status_names (void)
{
  LwRunStatus status = LW_RUN_RUNNING;

  g_assert_cmpstr (lw_run_status_to_string (LW_RUN_INTERRUPTED), ==, "interrupted");
  g_assert_true (lw_run_status_from_string ("cancelled", &status));
  g_assert_cmpint (status, ==, LW_RUN_CANCELLED);
  g_assert_false (lw_run_status_from_string ("done", &status));
}

/* ---- aggregates --------------------------------------------------------------------- */

static const LwFunnelStage *
funnel_stage (const LwFunnel *funnel,
              guint           s)
{
  g_assert_cmpuint (s, <, funnel->stages->len);
  return &g_array_index (funnel->stages, LwFunnelStage, s);
}

static void
test_funnel (void)
{
  g_autoptr(LwStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LwFunnel) funnel = NULL;
  LwStoreFilter filter = LW_STORE_FILTER_INIT;
  gint64 run = store_with_dataset (&store);
  const LwFunnelStage *s;

  /* Run 0: the latest finished run. */
  funnel = lw_store_query_funnel (store, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpint (funnel->run, ==, run);
  g_assert_cmpuint (funnel->leads, ==, 8);
  g_assert_cmpuint (funnel->stages->len, ==, STAGES);

  /* Furthest stages: 0 (lead 5), 1 (3, 6, 8), 2 (2, 7), 3 (1), 4 (4), so
   * reached = 8, 7, 4, 2, 1. */
  s = funnel_stage (funnel, 0);
  g_assert_cmpstr (s->id, ==, "subscriber");
  g_assert_cmpstr (s->label, ==, "Subscriber");
  g_assert_cmpuint (s->reached, ==, 8);
  g_assert_cmpuint (s->entered, ==, 8);
  g_assert_cmpuint (s->current, ==, 2);          /* 5, and 8 recycled back */
  g_assert_cmpfloat_with_epsilon (s->conversion, 7.0 / 8, 1e-12);
  g_assert_cmpuint (s->drop_off, ==, 1);
  /* Time in Subscriber of those that left: 3600 (1), 3600 (2, on to MQL),
   * 1800 (3), 3600 (4), 3600 (6), 7200 (7), 1200 (8): median 3600. */
  g_assert_cmpuint (s->left, ==, 7);
  g_assert_cmpfloat (s->median_seconds, ==, 3600);

  s = funnel_stage (funnel, 1);
  g_assert_cmpuint (s->reached, ==, 7);
  g_assert_cmpuint (s->entered, ==, 6);          /* lead 2 skipped it */
  g_assert_cmpuint (s->current, ==, 2);
  g_assert_cmpfloat_with_epsilon (s->conversion, 4.0 / 7, 1e-12);
  g_assert_cmpuint (s->drop_off, ==, 3);
  /* 7200 (1), 3600 (4), 1800 (7); 3, 6, 8 never left. */
  g_assert_cmpuint (s->left, ==, 3);
  g_assert_cmpfloat (s->median_seconds, ==, 3600);

  s = funnel_stage (funnel, 2);
  g_assert_cmpstr (s->label, ==, "MQL");
  g_assert_cmpuint (s->reached, ==, 4);
  g_assert_cmpuint (s->entered, ==, 4);
  g_assert_cmpfloat (s->conversion, ==, 0.5);
  g_assert_cmpuint (s->drop_off, ==, 2);
  /* 14400 (1) and 3600 (4): the median of two is their mean. */
  g_assert_cmpuint (s->left, ==, 2);
  g_assert_cmpfloat (s->median_seconds, ==, 9000);

  s = funnel_stage (funnel, 3);
  g_assert_cmpuint (s->reached, ==, 2);
  g_assert_cmpfloat (s->conversion, ==, 0.5);
  g_assert_cmpfloat (s->median_seconds, ==, 86400);

  s = funnel_stage (funnel, 4);
  g_assert_cmpuint (s->reached, ==, 1);
  g_assert_cmpuint (s->current, ==, 1);
  g_assert_cmpfloat (s->conversion, ==, -1);
  g_assert_cmpuint (s->drop_off, ==, 0);
  g_assert_cmpuint (s->left, ==, 0);
  g_assert_cmpfloat (s->median_seconds, ==, -1);
}

static void
test_funnel_filters (void)
{
  g_autoptr(LwStore) store = NULL;
  g_autoptr(GError) error = NULL;
  LwFunnel *funnel;
  gint64 run = store_with_dataset (&store);
  struct
  {
    LwStoreFilter filter;
    guint64       leads;
    guint64       reached_mql;
  } cases[] = {
    /* form: 1, 2, 6, 7; MQL reached by 1, 2, 7 */
    { { run, 0, 0, FORM, NULL, NULL }, 4, 3 },
    { { run, 0, 0, INTEGRATION, NULL, NULL }, 0, 0 },
    /* EMEA: 1, 2, 5; NA: 3, 4, 7, 8; lead 6 has no region */
    { { run, 0, 0, -1, NULL, "EMEA" }, 3, 2 },
    { { run, 0, 0, -1, NULL, "NA" }, 4, 2 },
    { { run, 0, 0, -1, NULL, "Mars" }, 0, 0 },
    /* ent: 2, 4, 7 */
    { { run, 0, 0, -1, "ent", NULL }, 3, 3 },
    /* created in [3h, 30h): 4, 5, 6; lead 7 came at exactly 30h */
    { { run, AT (3), AT (30), -1, NULL, NULL }, 3, 1 },
    { { run, AT (30), 0, -1, NULL, NULL }, 2, 1 },
    { { run, 0, AT (1), -1, NULL, NULL }, 1, 1 },
    /* chat and ent: 4 */
    { { run, 0, 0, CHAT, "ent", "NA" }, 1, 1 },
    { { run, 0, 0, CHAT, "ent", "EMEA" }, 0, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      funnel = lw_store_query_funnel (store, &cases[i].filter, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (funnel->leads, ==, cases[i].leads);
      g_assert_cmpuint (funnel_stage (funnel, 2)->reached, ==, cases[i].reached_mql);
      lw_funnel_free (funnel);
    }
}

static const LwSlaGroup *
sla_group (GArray *groups,
           guint   i)
{
  g_assert_cmpuint (i, <, groups->len);
  return &g_array_index (groups, LwSlaGroup, i);
}

static void
assert_group (const LwSlaGroup *group,
              guint64           met,
              guint64           breached,
              guint64           pending,
              double            compliance)
{
  g_assert_cmpuint (group->met, ==, met);
  g_assert_cmpuint (group->breached, ==, breached);
  g_assert_cmpuint (group->pending, ==, pending);
  g_assert_cmpfloat_with_epsilon (group->compliance, compliance, 1e-9);
}

static void
test_sla (void)
{
  g_autoptr(LwStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LwSlaFigures) f = NULL;
  LwStoreFilter filter = LW_STORE_FILTER_INIT;
  const gint64 edges[] = { 900, 3600 };
  gint64 run = store_with_dataset (&store);

  filter.run = run;
  f = lw_store_query_sla (store, &filter, edges, G_N_ELEMENTS (edges), &error);
  g_assert_no_error (error);
  g_assert_cmpint (f->run, ==, run);
  g_assert_cmpuint (f->leads, ==, 8);
  g_assert_cmpuint (f->with_policy, ==, 7);

  /* Met: 1, 4, 6, 7. Breached: 2, 3. Pending: 8. */
  assert_group (&f->total, 4, 2, 1, 100.0 * 4 / 6);

  /* demo: 1 met, 2 breached, 6 met, 7 met, 8 pending; standard: 3
   * breached, 4 met. */
  g_assert_cmpuint (f->by_policy->len, ==, 2);
  g_assert_cmpstr (sla_group (f->by_policy, DEMO)->id, ==, "demo");
  g_assert_cmpstr (sla_group (f->by_policy, DEMO)->label, ==, "Demo requests");
  assert_group (sla_group (f->by_policy, DEMO), 3, 1, 1, 75);
  assert_group (sla_group (f->by_policy, STANDARD), 1, 1, 0, 50);

  /* By the rep on the clock: ana 1, 4; ben 2; cat 3, 7; dan 6, 8. */
  g_assert_cmpuint (f->by_rep->len, ==, 4);
  g_assert_cmpstr (sla_group (f->by_rep, ANA)->label, ==, "Ana Silva");
  assert_group (sla_group (f->by_rep, ANA), 2, 0, 0, 100);
  assert_group (sla_group (f->by_rep, BEN), 0, 1, 0, 0);
  assert_group (sla_group (f->by_rep, CAT), 1, 1, 0, 50);
  assert_group (sla_group (f->by_rep, DAN), 1, 0, 1, 100);

  /* east = ana + ben; west = cat; dan has no team. */
  g_assert_cmpuint (f->by_team->len, ==, 3);
  g_assert_cmpstr (sla_group (f->by_team, 0)->id, ==, "east");
  assert_group (sla_group (f->by_team, 0), 2, 1, 0, 100.0 * 2 / 3);
  assert_group (sla_group (f->by_team, 1), 1, 1, 0, 50);
  g_assert_cmpint (sla_group (f->by_team, 2)->index, ==, -1);
  g_assert_cmpstr (sla_group (f->by_team, 2)->label, ==, "No team");
  assert_group (sla_group (f->by_team, 2), 1, 0, 1, 100);

  /* Time to first touch: 300, 600, 1200, 7200, 10800. Nearest rank: p50
   * is the 3rd, p90 and p99 the 5th. */
  g_assert_cmpuint (f->touched, ==, 5);
  g_assert_cmpint (f->ttft_p50, ==, 1200);
  g_assert_cmpint (f->ttft_p90, ==, 10800);
  g_assert_cmpint (f->ttft_p99, ==, 10800);
  g_assert_cmpfloat (f->ttft_mean, ==, 4020);
  g_assert_cmpuint (f->histogram->len, ==, 3);
  g_assert_cmpuint (g_array_index (f->histogram, guint64, 0), ==, 2);   /* < 900 */
  g_assert_cmpuint (g_array_index (f->histogram, guint64, 1), ==, 1);   /* 900..3599 */
  g_assert_cmpuint (g_array_index (f->histogram, guint64, 2), ==, 2);   /* >= 3600 */

  g_assert_cmpuint (f->warnings, ==, 2);
  g_assert_cmpuint (f->breaches, ==, 2);
  g_assert_cmpuint (f->escalations, ==, 3);
  g_assert_cmpuint (f->reassignments, ==, 1);
  g_clear_pointer (&f, lw_sla_figures_free);

  /* Only form leads (1, 2, 6, 7), no histogram edges: one bucket. */
  filter.source = FORM;
  f = lw_store_query_sla (store, &filter, NULL, 0, &error);
  g_assert_no_error (error);
  assert_group (&f->total, 3, 1, 0, 75);
  g_assert_cmpuint (f->touched, ==, 4);
  /* 600, 1200, 7200, 10800: the 2nd is p50. */
  g_assert_cmpint (f->ttft_p50, ==, 1200);
  g_assert_cmpint (f->ttft_p90, ==, 10800);
  g_assert_cmpuint (f->histogram->len, ==, 1);
  g_assert_cmpuint (g_array_index (f->histogram, guint64, 0), ==, 4);
  g_clear_pointer (&f, lw_sla_figures_free);

  /* Nobody touched: percentiles and compliance say so. */
  filter.source = IMPORT;
  f = lw_store_query_sla (store, &filter, edges, 2, &error);
  g_assert_cmpuint (f->leads, ==, 1);
  g_assert_cmpuint (f->touched, ==, 0);
  g_assert_cmpint (f->ttft_p50, ==, -1);
  g_assert_cmpfloat (f->ttft_mean, ==, -1);
  g_assert_cmpfloat (f->total.compliance, ==, -1);
}

static void
test_open_timers (void)
{
  g_autoptr(LwStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) timers = NULL;
  LwStoreFilter filter = LW_STORE_FILTER_INIT;
  const LwOpenTimer *timer;

  store_with_dataset (&store);

  /* At 4h02: lead 3 (assigned 2h30, deadline 4h30, never touched) and
   * lead 4 (assigned 4h, touched only at 4h05, deadline 8h). Lead 2's
   * deadline (2h30) has passed; lead 6 is not assigned yet. */
  timers = lw_store_query_open_timers (store, &filter, AT (4) + 120, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (timers->len, ==, 2);
  timer = &g_array_index (timers, LwOpenTimer, 0);
  g_assert_cmpuint (timer->lead, ==, 3);
  g_assert_cmpint (timer->rep, ==, CAT);
  g_assert_cmpint (timer->policy, ==, STANDARD);
  g_assert_cmpint (timer->assigned_at, ==, AT (2.5));
  g_assert_cmpint (timer->deadline, ==, AT (4.5));
  g_assert_cmpuint (g_array_index (timers, LwOpenTimer, 1).lead, ==, 4);
  g_clear_pointer (&timers, g_array_unref);

  /* The soonest one only. */
  timers = lw_store_query_open_timers (store, &filter, AT (4) + 120, 1, &error);
  g_assert_cmpuint (timers->len, ==, 1);
  g_assert_cmpuint (g_array_index (timers, LwOpenTimer, 0).lead, ==, 3);
  g_clear_pointer (&timers, g_array_unref);

  /* At 4h05 lead 4 was touched; at 51h10 only lead 8 runs. */
  timers = lw_store_query_open_timers (store, &filter, AT (4) + 300, 5, &error);
  g_assert_cmpuint (timers->len, ==, 1);
  g_clear_pointer (&timers, g_array_unref);
  timers = lw_store_query_open_timers (store, &filter, AT (51) + 600, 5, &error);
  g_assert_cmpuint (timers->len, ==, 1);
  g_assert_cmpuint (g_array_index (timers, LwOpenTimer, 0).lead, ==, 8);
  g_clear_pointer (&timers, g_array_unref);
  /* At the deadline the timer is no longer open. */
  timers = lw_store_query_open_timers (store, &filter, AT (51.5), 5, &error);
  g_assert_cmpuint (timers->len, ==, 0);
}

static void
test_routing (void)
{
  g_autoptr(LwStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LwRoutingFigures) f = NULL;
  LwStoreFilter filter = LW_STORE_FILTER_INIT;
  const LwRepLoad *load;
  const LwPoolFairness *pool;

  store_with_dataset (&store);
  f = lw_store_query_routing (store, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (f->leads, ==, 8);
  g_assert_cmpuint (f->fallback, ==, 1);      /* lead 6 */
  g_assert_cmpuint (f->unassigned, ==, 1);    /* lead 5 */

  /* Owners at the end: ana 1, 4; ben 2; cat 7; dan 3, 6, 8. Routed first
   * to: ana 1, 4; ben 2; cat 3, 7; dan 6, 8. Capacity over 10 days. */
  g_assert_cmpuint (f->reps->len, ==, 4);
  load = &g_array_index (f->reps, LwRepLoad, ANA);
  g_assert_cmpstr (load->id, ==, "ana");
  g_assert_cmpstr (load->name, ==, "Ana Silva");
  g_assert_cmpint (load->team, ==, 0);
  g_assert_cmpuint (load->leads, ==, 2);
  g_assert_cmpuint (load->routed, ==, 2);
  g_assert_cmpuint (load->capacity, ==, 10);
  g_assert_cmpuint (load->capacity_total, ==, 100);
  g_assert_cmpfloat (load->load, ==, 0.02);
  load = &g_array_index (f->reps, LwRepLoad, BEN);
  g_assert_cmpuint (load->leads, ==, 1);
  g_assert_cmpfloat (load->load, ==, 0.01);
  load = &g_array_index (f->reps, LwRepLoad, CAT);
  g_assert_cmpuint (load->leads, ==, 1);
  g_assert_cmpuint (load->routed, ==, 2);
  g_assert_cmpuint (load->capacity_total, ==, 0);
  g_assert_cmpfloat (load->load, ==, -1);
  load = &g_array_index (f->reps, LwRepLoad, DAN);
  g_assert_cmpint (load->team, ==, -1);
  g_assert_cmpuint (load->leads, ==, 3);
  g_assert_cmpuint (load->routed, ==, 2);
  g_assert_cmpuint (load->capacity_total, ==, 50);
  g_assert_cmpfloat (load->load, ==, 0.04);

  /* sdr is weighted (ana 2, ben 1, cat 1) and routed 1, 2, 4: shares
   * ana 2/2 = 1, ben 1/1 = 1, cat 0. Sorted 0, 1, 1: Gini = 2·(1·0 + 2·1
   * + 3·1) / (3·2) - 4/3 = 1/3; smallest/largest = 0. */
  g_assert_cmpuint (f->pools->len, ==, 2);
  pool = &g_array_index (f->pools, LwPoolFairness, SDR);
  g_assert_cmpstr (pool->id, ==, "sdr");
  g_assert_cmpstr (pool->label, ==, "SDR pool");
  g_assert_cmpuint (pool->leads, ==, 3);
  g_assert_cmpuint (pool->members, ==, 3);
  g_assert_cmpfloat_with_epsilon (pool->gini, 1.0 / 3, 1e-12);
  g_assert_cmpfloat (pool->min_max_ratio, ==, 0);

  /* ae is plain and routed 3, 7 to cat and 8 to dan: 2 and 1, so
   * Gini = 2·(1·1 + 2·2) / (2·3) - 3/2 = 1/6; ratio 1/2. */
  pool = &g_array_index (f->pools, LwPoolFairness, AE);
  g_assert_cmpuint (pool->leads, ==, 3);
  g_assert_cmpfloat_with_epsilon (pool->gini, 1.0 / 6, 1e-12);
  g_assert_cmpfloat (pool->min_max_ratio, ==, 0.5);
  g_clear_pointer (&f, lw_routing_figures_free);

  /* Only NA leads (3, 4, 7, 8): sdr routed just 4 to ana, share 1/2,
   * others 0: sorted 0, 0, 0.5 → Gini = 2·(3·0.5)/(3·0.5) - 4/3 = 2/3. */
  filter.region = "NA";
  f = lw_store_query_routing (store, &filter, &error);
  g_assert_cmpuint (f->leads, ==, 4);
  g_assert_cmpuint (f->fallback, ==, 0);
  pool = &g_array_index (f->pools, LwPoolFairness, SDR);
  g_assert_cmpuint (pool->leads, ==, 1);
  g_assert_cmpfloat_with_epsilon (pool->gini, 2.0 / 3, 1e-12);
  g_clear_pointer (&f, lw_routing_figures_free);

  /* Nobody routed from a pool: fair by definition. */
  filter.region = "EMEA";
  filter.source = IMPORT;
  f = lw_store_query_routing (store, &filter, &error);
  g_assert_cmpuint (f->leads, ==, 1);
  g_assert_cmpuint (f->unassigned, ==, 1);
  pool = &g_array_index (f->pools, LwPoolFairness, AE);
  g_assert_cmpuint (pool->leads, ==, 0);
  g_assert_cmpfloat (pool->gini, ==, 0);
  g_assert_cmpfloat (pool->min_max_ratio, ==, 1);
}

static void
test_sources (void)
{
  g_autoptr(LwStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LwSourceReport) r = NULL;
  LwStoreFilter filter = LW_STORE_FILTER_INIT;
  const LwSourceFigures *s;

  store_with_dataset (&store);
  r = lw_store_query_sources (store, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (r->leads, ==, 8);

  /* The five built-in sources, every one listed. */
  g_assert_cmpuint (r->sources->len, ==, 5);
  s = &g_array_index (r->sources, LwSourceFigures, FORM);
  g_assert_cmpstr (s->id, ==, "form");
  g_assert_cmpstr (s->label, ==, "Form");
  /* 1, 2, 6, 7; MQL 1, 2, 7; converted 1. */
  g_assert_cmpuint (s->leads, ==, 4);
  g_assert_cmpuint (s->mql, ==, 3);
  g_assert_cmpuint (s->converted, ==, 1);
  g_assert_cmpfloat (s->mql_rate, ==, 0.75);
  g_assert_cmpfloat (s->conversion_rate, ==, 0.25);
  s = &g_array_index (r->sources, LwSourceFigures, CHAT);
  g_assert_cmpuint (s->leads, ==, 2);
  g_assert_cmpfloat (s->mql_rate, ==, 0.5);
  g_assert_cmpfloat (s->conversion_rate, ==, 0.5);
  s = &g_array_index (r->sources, LwSourceFigures, INTEGRATION);
  g_assert_cmpuint (s->leads, ==, 0);
  g_assert_cmpfloat (s->mql_rate, ==, -1);
  g_assert_cmpfloat (s->conversion_rate, ==, -1);
  s = &g_array_index (r->sources, LwSourceFigures, MANUAL);
  g_assert_cmpuint (s->leads, ==, 1);
  g_assert_cmpfloat (s->mql_rate, ==, 0);

  /* Entry points in order of first appearance; lead 8 named none. */
  g_assert_cmpuint (r->entry_points->len, ==, 4);
  s = &g_array_index (r->entry_points, LwSourceFigures, 0);
  g_assert_cmpstr (s->id, ==, "web-demo");
  g_assert_cmpuint (s->leads, ==, 3);
  g_assert_cmpuint (s->mql, ==, 3);
  g_assert_cmpuint (s->converted, ==, 1);
  s = &g_array_index (r->entry_points, LwSourceFigures, 1);
  g_assert_cmpstr (s->id, ==, "chat-widget");
  g_assert_cmpuint (s->converted, ==, 1);
  g_assert_cmpstr (g_array_index (r->entry_points, LwSourceFigures, 3).id, ==, "web-contact");
  g_clear_pointer (&r, lw_source_report_free);

  /* ent segment only: 2 (form), 4 (chat), 7 (form). */
  filter.segment = "ent";
  r = lw_store_query_sources (store, &filter, &error);
  g_assert_cmpuint (g_array_index (r->sources, LwSourceFigures, FORM).leads, ==, 2);
  g_assert_cmpuint (g_array_index (r->sources, LwSourceFigures, FORM).converted, ==, 0);
  g_assert_cmpuint (g_array_index (r->sources, LwSourceFigures, CHAT).leads, ==, 1);
}

static void
test_query_bad_input (void)
{
  g_autoptr(LwStore) store = open_new_store ("empty.leadwright");
  g_autoptr(GError) error = NULL;
  LwStoreFilter filter = LW_STORE_FILTER_INIT;
  const gint64 flat[] = { 60, 60 };
  const gint64 falling[] = { 600, 60 };
  gint64 run;

  /* No finished run yet: a running one is not "the latest finished". */
  run = begin_run (store, 0);
  g_assert_null (lw_store_query_funnel (store, &filter, &error));
  assert_store_error (error, LW_STORE_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "The workspace has no finished run");
  g_clear_error (&error);
  filter.run = run + 1;
  g_assert_null (lw_store_query_sources (store, &filter, &error));
  assert_store_error (error, LW_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  filter.run = -4;
  g_assert_null (lw_store_query_routing (store, &filter, &error));
  assert_store_error (error, LW_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* A running run can be queried by its id: the live views do. */
  filter.run = run;
  {
    g_autoptr(LwFunnel) funnel = lw_store_query_funnel (store, &filter, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (funnel->leads, ==, 0);
    g_assert_cmpuint (funnel->stages->len, ==, STAGES);
    g_assert_cmpuint (funnel_stage (funnel, 0)->reached, ==, 0);
    g_assert_cmpfloat (funnel_stage (funnel, 0)->conversion, ==, -1);
  }

  filter.from = AT (5);
  filter.to = AT (5);
  g_assert_null (lw_store_query_funnel (store, &filter, &error));
  assert_store_error (error, LW_STORE_ERROR_INVALID);
  g_clear_error (&error);
  filter.from = filter.to = 0;
  filter.source = -2;
  g_assert_null (lw_store_query_sla (store, &filter, NULL, 0, &error));
  assert_store_error (error, LW_STORE_ERROR_INVALID);
  g_clear_error (&error);
  filter.source = -1;
  g_assert_null (lw_store_query_sla (store, &filter, flat, 2, &error));
  assert_store_error (error, LW_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (lw_store_query_sla (store, &filter, falling, 2, &error));
  assert_store_error (error, LW_STORE_ERROR_INVALID);
  g_clear_error (&error);
  filter.from = AT (2);
  filter.to = AT (1);
  g_assert_null (lw_store_query_open_timers (store, &filter, T0, 0, &error));
  assert_store_error (error, LW_STORE_ERROR_INVALID);
}

/* ---- crash safety ------------------------------------------------------------------- */

static void
make_batch (guint32       first,
            guint         n,
            LwStoredLead *leads,
            LwEvent      *events)
{
  for (guint i = 0; i < n; i++)
    {
      LwStoredLead *lead = &leads[i];

      memset (lead, 0, sizeof *lead);
      lead->id = first + i;
      lead->created_at = T0 + lead->id;
      lead->source = lead->id % 5;
      lead->region = lead->id % 2 ? "EMEA" : "NA";
      lead->stage = lead->max_stage = lead->id % STAGES;
      lead->status = -1;
      lead->owner = lead->routed_rep = lead->sla_rep = lead->id % 4;
      lead->rule = lead->pool = -1;
      lead->policy = lead->id % 2;
      lead->ttft = lead->id % 3600;
      for (guint k = 0; k < 10; k++)
        events[i * 10 + k] = (LwEvent) { lead->id, k, T0 + lead->id + k, -1, (int) k, k * 1.5, NULL };
    }
}

/* The child: writes batches until it is killed, saying "ready" once the
 * first batch is committed. */
static int
run_child_writer (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwStore) store = lw_store_open (path, &error);
  g_autofree LwStoredLead *leads = g_new (LwStoredLead, 500);
  g_autofree LwEvent *events = g_new (LwEvent, 5000);
  gint64 run;

  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  run = begin_run (store, 1);
  for (guint batch = 0; batch < 4000; batch++)
    {
      make_batch (1 + batch * 500, 500, leads, events);
      if (!lw_store_append_leads (store, run, leads, 500, &error) ||
          !lw_store_append_events (store, run, events, 5000, &error))
        {
          g_printerr ("%s\n", error->message);
          return 3;
        }
      if (batch == 0)
        {
          g_print ("ready\n");
          fflush (stdout);
        }
    }
  return 4;   /* never killed: the parent notices */
}

static void
test_crash_sigkill (void)
{
  g_autofree char *path = test_path ("crash.leadwright");
  g_autofree char *self_exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(LwFunnel) funnel = NULL;
  g_autoptr(LwSlaFigures) sla = NULL;
  g_autofree char *line = NULL;
  LwStoreFilter filter = LW_STORE_FILTER_INIT;
  const LwRunInfo *info;
  LwStore *store;

  if (self_exe == NULL)
    {
      g_test_skip ("no /proc/self/exe");
      return;
    }

  store = open_store (path);
  g_assert_cmpint (lw_store_save_revision (store, REV1, "one", T0, NULL), ==, 1);
  g_assert_cmpint (lw_store_save_revision (store, REV2, "two", T0 + 1, NULL), ==, 2);
  lw_store_unref (store);

  child = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                            self_exe, "--child-writer", path, NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (child));
  line = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (line, ==, "ready");

  /* Let it get well into later batches, then kill it mid-write. */
  g_usleep (150 * 1000);
  g_subprocess_force_exit (child);
  g_subprocess_wait (child, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_signaled (child));
  g_assert_cmpint (g_subprocess_get_term_sig (child), ==, SIGKILL);

  store = open_store (path);
  g_assert_true (lw_store_check_integrity (store, &error));
  g_assert_no_error (error);

  revisions = lw_store_list_revisions (store, &error);
  g_assert_cmpuint (revisions->len, ==, 2);
  g_assert_cmpstr (((LwRevision *) revisions->pdata[1])->note, ==, "two");

  runs = lw_store_list_runs (store, &error);
  g_assert_cmpuint (runs->len, ==, 1);
  info = runs->pdata[0];
  g_assert_cmpint (info->status, ==, LW_RUN_INTERRUPTED);
  g_assert_cmpint (info->finished_at, ==, 0);
  g_assert_cmpuint (info->leads_written, >=, 500);
  g_assert_cmpuint (info->leads_written % 500, ==, 0);

  /* Each batch went in whole or not at all: every counted lead is there. */
  filter.run = info->id;
  funnel = lw_store_query_funnel (store, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (funnel->leads, ==, info->leads_written);
  sla = lw_store_query_sla (store, &filter, NULL, 0, &error);
  g_assert_cmpuint (sla->with_policy, ==, info->leads_written);

  /* The workspace takes new runs and revisions. */
  g_assert_cmpint (lw_store_save_revision (store, "{}", "after", T0 + 2, &error), ==, 3);
  g_assert_no_error (error);
  lw_store_unref (store);
}

static void
test_interrupted_on_close (void)
{
  g_autofree char *path = test_path ("closed.leadwright");
  g_autoptr(LwRunInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  LwStore *store, *reader;
  gint64 run;

  store = open_store (path);
  run = begin_run (store, 0);

  /* Another connection of the same process, through another spelling of
   * the path, sees it running: its writer is alive. */
  {
    g_autofree char *dir = g_path_get_dirname (path);
    g_autofree char *spelled = g_build_filename (dir, ".", "closed.leadwright", NULL);

    reader = open_store (spelled);
  }
  info = lw_store_get_run (reader, run, &error);
  g_assert_cmpint (info->status, ==, LW_RUN_RUNNING);
  g_clear_pointer (&info, lw_run_info_free);

  /* Its writer goes away without finishing it. */
  lw_store_unref (store);
  info = lw_store_get_run (reader, run, &error);
  g_assert_cmpint (info->status, ==, LW_RUN_INTERRUPTED);
  lw_store_unref (reader);
}

/* ---- threads ------------------------------------------------------------------------- */

typedef struct
{
  char   *path;
  gint    run;    /* atomic */
  gint    done;   /* atomic */
  GError *error;
} WriterData;

static gpointer
writer_thread (gpointer user_data)
{
  WriterData *data = user_data;
  g_autoptr(LwStore) store = lw_store_open (data->path, &data->error);
  g_autofree LwStoredLead *leads = g_new (LwStoredLead, 100);
  g_autofree LwEvent *events = g_new (LwEvent, 1000);
  gint64 run;

  if (store == NULL)
    goto out;
  run = begin_run (store, 0);
  g_atomic_int_set (&data->run, (gint) run);
  for (guint batch = 0; batch < 40; batch++)
    {
      make_batch (1 + batch * 100, 100, leads, events);
      if (!lw_store_append_leads (store, run, leads, 100, &data->error) ||
          !lw_store_append_events (store, run, events, 1000, &data->error))
        goto out;
    }
  lw_store_finish_run (store, run, LW_RUN_FINISHED, T0, NULL, &data->error);
out:
  g_atomic_int_set (&data->done, 1);
  return NULL;
}

static void
test_threads (void)
{
  WriterData data = { test_path ("threads.leadwright"), 0, 0, NULL };
  g_autoptr(LwStore) reader = open_store (data.path);
  g_autoptr(GError) error = NULL;
  g_autoptr(LwFunnel) funnel = NULL;
  LwStoreFilter filter = LW_STORE_FILTER_INIT;
  guint64 last = 0;
  GThread *thread;

  thread = g_thread_new ("writer", writer_thread, &data);
  /* The reader follows the run as it grows: never fewer leads than before. */
  while (!g_atomic_int_get (&data.done))
    {
      filter.run = g_atomic_int_get (&data.run);
      if (filter.run == 0)
        {
          g_thread_yield ();
          continue;
        }
      funnel = lw_store_query_funnel (reader, &filter, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (funnel->leads, >=, last);
      g_assert_cmpuint (funnel->leads % 100, ==, 0);
      last = funnel->leads;
      g_clear_pointer (&funnel, lw_funnel_free);
    }
  g_thread_join (thread);
  g_assert_no_error (data.error);

  filter.run = 0;
  funnel = lw_store_query_funnel (reader, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (funnel->leads, ==, 4000);
  g_free (data.path);
}

/* ---- the default workspace ------------------------------------------------------------ */

static void
test_default_workspace (void)
{
  g_autofree char *path = lw_store_default_path ();
  g_autofree char *expected_path = g_build_filename (g_get_user_data_dir (), "leadwright",
                                                     "default.leadwright", NULL);
  g_autofree char *sample = lw_test_sample_path ("b2b-playbook.json");
  g_autoptr(LwStore) store = NULL;
  g_autoptr(LwConfig) config = NULL;
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(LwRevision) revision = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *canonical = NULL;
  g_autofree char *name = NULL;
  GStatBuf st;

  g_assert_cmpstr (path, ==, expected_path);
  if (!g_file_test (sample, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("data/samples/b2b-playbook.json is not there yet");
      return;
    }

  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  store = lw_store_open_default (T0, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_cmpstr (lw_store_get_path (store), ==, path);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  revisions = lw_store_list_revisions (store, &error);
  g_assert_cmpuint (revisions->len, ==, 1);
  revision = lw_store_get_revision (store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (revision->note, ==, "Sample playbook");
  g_assert_cmpint (revision->created_at, ==, T0);
  /* The sample, canonically written. */
  config = lw_test_load_sample ();
  canonical = lw_config_to_data (config, NULL);
  g_assert_cmpstr (revision->json, ==, canonical);
  name = lw_store_dup_meta (store, "name", &error);
  g_assert_cmpstr (name, ==, "Default workspace");

  /* The second start adds nothing. */
  g_clear_pointer (&store, lw_store_unref);
  g_clear_pointer (&revisions, g_ptr_array_unref);
  store = lw_store_open_default (T0 + 100, &error);
  g_assert_no_error (error);
  revisions = lw_store_list_revisions (store, &error);
  g_assert_cmpuint (revisions->len, ==, 1);
}

/* $LW_SAMPLES_DIR comes before the installed and source-tree samples. */
static void
test_default_workspace_samples_dir (void)
{
  g_autofree char *sample = lw_test_sample_path ("b2b-playbook.json");
  g_autofree char *dir = test_path ("my-samples");
  g_autofree char *mine = g_build_filename (dir, "b2b-playbook.json", NULL);
  g_autofree char *json = NULL;
  g_autoptr(LwConfig) config = NULL;
  g_autoptr(LwStore) store = NULL;
  g_autoptr(LwRevision) revision = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_file_test (sample, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("data/samples/b2b-playbook.json is not there yet");
      return;
    }
  config = lw_test_load_sample ();
  g_free (config->name);
  config->name = g_strdup ("Our own playbook");
  json = lw_config_to_data (config, NULL);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (mine, json, -1, NULL));
  g_setenv ("LW_SAMPLES_DIR", dir, TRUE);

  store = lw_store_open_default (T0, &error);
  g_assert_no_error (error);
  revision = lw_store_get_revision (store, 1, &error);
  g_assert_cmpstr (revision->json, ==, json);
}

/* Something in the way of the default workspace: an error, nothing made. */
static void
test_default_workspace_blocked (void)
{
  g_autofree char *path = lw_store_default_path ();
  g_autoptr(LwStore) store = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (path, 0700), ==, 0);
  store = lw_store_open_default (T0, &error);
  assert_store_error (error, LW_STORE_ERROR_IO);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_null (store);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_DIR));
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 3 && g_str_equal (argv[1], "--child-writer"))
    return run_child_writer (argv[2]);

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/store/open/creates-0600-wal", test_open_creates);
  g_test_add_func ("/store/open/missing-folder", test_open_missing_folder);
  g_test_add_func ("/store/open/not-a-workspace", test_open_not_a_workspace);
  g_test_add_func ("/store/open/newer-refused-untouched", test_open_newer_refused);
  g_test_add_func ("/store/open/newer-in-wal-refused", test_open_newer_in_wal);
  g_test_add_func ("/store/migrate/from-v1", test_migrate_from_v1);
  g_test_add_func ("/store/meta", test_meta);
  g_test_add_func ("/store/revisions/save-list-diff-restore", test_revisions);
  g_test_add_func ("/store/revisions/configs", test_revisions_of_configs);
  g_test_add_func ("/store/revisions/bad-input", test_revisions_bad_input);
  g_test_add_func ("/store/diff/lines", test_diff_lines);
  g_test_add_func ("/store/diff/large", test_diff_large);
  g_test_add_func ("/store/runs/lifecycle", test_run_lifecycle);
  g_test_add_func ("/store/runs/bad-input", test_run_bad_input);
  g_test_add_func ("/store/runs/names", test_run_status_names);
  g_test_add_func ("/store/leads/roundtrip", test_leads_roundtrip);
  g_test_add_func ("/store/leads/blocks-and-rewrites", test_leads_blocks_and_rewrites);
  g_test_add_func ("/store/leads/compacted-at-finish", test_leads_compacted_at_finish);
  g_test_add_func ("/store/events/roundtrip", test_events_roundtrip);
  g_test_add_func ("/store/events/names", test_event_kind_names);
  g_test_add_func ("/store/aggregates/funnel", test_funnel);
  g_test_add_func ("/store/aggregates/funnel-filters", test_funnel_filters);
  g_test_add_func ("/store/aggregates/sla", test_sla);
  g_test_add_func ("/store/aggregates/open-timers", test_open_timers);
  g_test_add_func ("/store/aggregates/routing", test_routing);
  g_test_add_func ("/store/aggregates/sources", test_sources);
  g_test_add_func ("/store/aggregates/bad-input", test_query_bad_input);
  g_test_add_func ("/store/crash/sigkill-mid-write", test_crash_sigkill);
  g_test_add_func ("/store/crash/interrupted-on-close", test_interrupted_on_close);
  g_test_add_func ("/store/threads/writer-and-reader", test_threads);
  g_test_add_func ("/store/default/sample-playbook", test_default_workspace);
  g_test_add_func ("/store/default/samples-dir-first", test_default_workspace_samples_dir);
  g_test_add_func ("/store/default/blocked", test_default_workspace_blocked);

  return g_test_run ();
}
