/* test-lead-list.c: the lead list: a run's leads ordered and searched in the
 * store, their rows, and the lazy list model that pages over them
 *
 * The order and search tests run on seven hand-made leads whose expected
 * order under each column is worked out in the comment of small_leads[].
 * The million-lead tests build one workspace per test program and check
 * that the model answers for any position without ever holding more than
 * its cache bound.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <time.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "lw-config-json.h"
#include "lw-lead-list-model.h"
#include "lw-store.h"
#include "lw-test-utils.h"

/* 2026-03-02T00:00:00Z */
#define T0      ((LwTime) 1772409600)
#define AT(h)   (T0 + (LwTime) ((h) * 3600))

/* ---- helpers ------------------------------------------------------------------ */

static char *
test_path (const char *name)
{
  const char *dir = g_get_user_data_dir ();

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  return g_build_filename (dir, name, NULL);
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

static void
sql_exec (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 10000);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

static gint64
begin_run (LwStore        *store,
           const LwConfig *config,
           gint64          revision,
           guint           leads)
{
  g_autoptr(GError) error = NULL;
  LwRunParams params = {
    .revision = revision,
    .config = config,
    .seed = 1,
    .leads = leads,
    .days = 30,
    .sim_start = T0,
    .started_at = T0,
  };
  gint64 run = lw_store_begin_run (store, &params, &error);

  g_assert_no_error (error);
  g_assert_cmpint (run, >, 0);
  return run;
}

static void
finish_run (LwStore *store,
            gint64   run)
{
  g_autoptr(GError) error = NULL;

  lw_store_finish_run (store, run, LW_RUN_FINISHED, T0 + 60, NULL, &error);
  g_assert_no_error (error);
}

static void
assert_ids (GArray        *ids,
            const guint32 *expected,
            guint          n)
{
  g_assert_nonnull (ids);
  g_assert_cmpmem (ids->data, ids->len * sizeof (guint32), expected, n * sizeof (guint32));
}

typedef struct
{
  guint count;
  guint position;
  guint removed;
  guint added;
} Changes;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  gpointer    user_data)
{
  Changes *changes = user_data;

  changes->count++;
  changes->position = position;
  changes->removed = removed;
  changes->added = added;
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 gpointer    user_data)
{
  (*(guint *) user_data)++;
}

typedef struct
{
  gboolean  done;
  gboolean  ok;
  GError   *error;
} Waiter;

static void
query_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Waiter *waiter = user_data;

  waiter->ok = lw_lead_list_model_query_finish (LW_LEAD_LIST_MODEL (source), result,
                                                &waiter->error);
  waiter->done = TRUE;
}

static void
refresh_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Waiter *waiter = user_data;

  waiter->ok = lw_lead_list_model_refresh_finish (LW_LEAD_LIST_MODEL (source), result,
                                                  &waiter->error);
  waiter->done = TRUE;
}

/* Something for the main loop to do every few milliseconds. */
static gboolean
tick_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

static void
wait_for (Waiter *waiter)
{
  while (!waiter->done)
    g_main_context_iteration (NULL, TRUE);
}

static LwLeadRow *
get_row (LwLeadListModel *model,
         guint            position)
{
  LwLeadRow *row = g_list_model_get_item (G_LIST_MODEL (model), position);

  g_assert_nonnull (row);
  g_assert_true (LW_IS_LEAD_ROW (row));
  return row;
}

static guint
row_id_at (LwLeadListModel *model,
           guint            position)
{
  g_autoptr(LwLeadRow) row = get_row (model, position);

  return lw_lead_row_get_id (row);
}

/* ---- the small run -------------------------------------------------------------
 *
 * Seven leads of the sample playbook (reps: 0 Maria Gonzalez, 1 Jake Miller,
 * 2 Priya Patel, 3 Tom Becker, 4 Olivia Chen; grades A >= 35 fit, B >= 20;
 * 1 >= 25 engagement, 2 >= 10). Lead 2 is written twice: first as
 * old@x.com at stage 0, then as below. Lead 5 has no properties; lead 5000
 * is in another block.
 *
 * id   created email                     name           company          source      stage status owner  fit eng total grade policy ttft  breached fallback
 * 1    5h      ana.lopez@acme.com        Ana Lopez      Acme Corp        Chat        2     1      Jake   40  30  70    A1    0 Demo 600   -        -
 * 2    1h      BEN.OKAFOR@Globex.io      Ben Okafor     globex           Form        1     0      Maria  10  5   15    C3    1 High -     yes      -
 * 3    3h      cat.novak@initech.com     Cat Novak      Initech          Manual      0     -      -      25  12  37    B2    -      -     -        yes
 * 4    0h      dan.reyes@acme.com        Dan Reyes      Acme Corporation Import      5     3      Tom    35  35  70    A1    2 Cont 120   -        -
 * 5    2h      -                         -              -                Integration 3     2      Priya  0   0   0     C3    0 Demo 3600  yes      yes
 * 6    4h      élodie.durand@exemple.fr  Élodie Durand  ÉCOLE Durand     Chat        4     5      Olivia 20  10  30    B2    1 High 60    -        -
 * 5000 6h      zed@zulu.com              Zed Zulu       Zulu Inc         Form        1     0      Maria  5   50  55    C1    2 Cont 30    -        -
 *
 * Ascending orders (ties by id):
 *   created     4 2 5 3 6 1 5000
 *   email       5 1 2 3 4 5000 6       (none first; é after z)
 *   company     5 1 4 2 3 5000 6       ("acme corp" < "acme corporation": a tie in 8 bytes)
 *   name        5 1 2 3 4 5000 6
 *   source      1 6 2 5000 4 5 3       (Chat < Form < Import < Integration < Manual)
 *   stage       3 2 5000 1 5 6 4
 *   status      3 2 5000 1 5 4 6
 *   owner       3 1 2 5000 6 5 4       (none, Jake, Maria, Olivia, Priya, Tom)
 *   fit         5 5000 2 6 3 4 1
 *   engagement  5 2 6 3 1 4 5000
 *   total       5 2 6 3 5000 1 4
 *   grade       1 4 3 6 5000 2 5       (A1 A1 B2 B2 C1 C3 C3)
 *   policy      3 4 5000 1 5 2 6       (none, Content, Demo, High intent)
 *   ttft        5000 6 4 1 5 2 3       (the untouched last)
 *   breached    1 3 4 6 5000 2 5
 *   fallback    1 2 4 6 5000 3 5
 */

typedef struct
{
  guint32     id;
  double      created_h;
  const char *email, *first, *last, *company;
  int         source, stage, status, owner;
  double      fit, engagement;
  int         policy;
  gint64      ttft;
  gboolean    breached, fallback;
} SmallLead;

enum { FORM, CHAT, IMPORT, INTEGRATION, MANUAL };
enum { MARIA, JAKE, PRIYA, TOM, OLIVIA };

static const SmallLead small_leads[] = {
  { 1, 5, "ana.lopez@acme.com", "Ana", "Lopez", "Acme Corp",
    CHAT, 2, 1, JAKE, 40, 30, 0, 600, FALSE, FALSE },
  { 2, 1, "BEN.OKAFOR@Globex.io", "Ben", "Okafor", "globex",
    FORM, 1, 0, MARIA, 10, 5, 1, -1, TRUE, FALSE },
  { 3, 3, "cat.novak@initech.com", "Cat", "Novak", "Initech",
    MANUAL, 0, -1, -1, 25, 12, -1, -1, FALSE, TRUE },
  { 4, 0, "dan.reyes@acme.com", "Dan", "Reyes", "Acme Corporation",
    IMPORT, 5, 3, TOM, 35, 35, 2, 120, FALSE, FALSE },
  { 5, 2, NULL, NULL, NULL, NULL,
    INTEGRATION, 3, 2, PRIYA, 0, 0, 0, 3600, TRUE, TRUE },
  { 6, 4, "élodie.durand@exemple.fr", "Élodie", "Durand", "ÉCOLE Durand",
    CHAT, 4, 5, OLIVIA, 20, 10, 1, 60, FALSE, FALSE },
  { 5000, 6, "zed@zulu.com", "Zed", "Zulu", "Zulu Inc",
    FORM, 1, 0, MARIA, 5, 50, 2, 30, FALSE, FALSE },
};

#define N_SMALL G_N_ELEMENTS (small_leads)

/* Encodes @row's properties into @out (empty when it has none). */
static void
encode_small (const LwConfig  *config,
              const SmallLead *row,
              GByteArray      *out)
{
  g_autoptr(LwLead) lead = NULL;
  g_autoptr(GError) error = NULL;
  const char *names[] = { "email", "first_name", "last_name", "company" };
  const char *values[] = { row->email, row->first, row->last, row->company };

  g_byte_array_set_size (out, 0);
  if (row->email == NULL)
    return;
  lead = lw_lead_new (config, "x");
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      lw_lead_set (lead, config, names[i], values[i], &error);
      g_assert_no_error (error);
    }
  /* Properties the list does not show: the walk must step over them. */
  lw_lead_set (lead, config, "employees", "250", &error);
  g_assert_no_error (error);
  lw_lead_set (lead, config, "industry", "software", &error);
  g_assert_no_error (error);
  lw_lead_set (lead, config, "job_title", "Head of Ops", &error);
  g_assert_no_error (error);
  lw_lead_encode (lead, config, out);
  g_assert_cmpuint (out->len, >, 0);
}

static void
fill_small (const SmallLead *row,
            LwStoredLead    *lead,
            GByteArray      *props)
{
  memset (lead, 0, sizeof *lead);
  lead->id = row->id;
  lead->created_at = AT (row->created_h);
  lead->source = row->source;
  lead->stage = row->stage;
  lead->max_stage = row->stage;
  lead->status = row->status;
  lead->owner = row->owner;
  lead->routed_rep = row->owner;
  lead->rule = -1;
  lead->pool = -1;
  lead->fallback = row->fallback;
  lead->policy = row->policy;
  lead->sla_rep = row->owner;
  lead->ttft = row->ttft;
  lead->breached = row->breached;
  lead->fit = row->fit;
  lead->engagement = row->engagement;
  lead->properties = props->len > 0 ? props->data : NULL;
  lead->properties_len = props->len;
}

typedef struct
{
  char     *path;
  LwStore  *store;
  LwConfig *config;
  gint64    revision;
  gint64    run;
} Small;

static void
small_free (Small *small)
{
  g_free (small->path);
  lw_store_unref (small->store);
  lw_config_unref (small->config);
  g_free (small);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Small, small_free)

/* The seven leads in a finished run of a revision of the sample. */
static Small *
small_new (void)
{
  Small *small = g_new0 (Small, 1);
  g_autoptr(GByteArray) props = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  LwStoredLead lead;
  SmallLead old = small_leads[1];

  small->path = test_path ("small.leadwright");
  small->store = open_store (small->path);
  small->config = lw_test_load_sample ();
  small->revision = lw_store_save_config (small->store, small->config, "sample", T0, &error);
  g_assert_no_error (error);
  small->run = begin_run (small->store, small->config, small->revision, N_SMALL);

  /* Lead 2's first state, replaced by a later write. */
  old.email = "old@x.com";
  old.stage = 0;
  encode_small (small->config, &old, props);
  fill_small (&old, &lead, props);
  lw_store_append_leads (small->store, small->run, &lead, 1, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < N_SMALL; i++)
    {
      encode_small (small->config, &small_leads[i], props);
      fill_small (&small_leads[i], &lead, props);
      lw_store_append_leads (small->store, small->run, &lead, 1, &error);
      g_assert_no_error (error);
    }
  finish_run (small->store, small->run);
  return small;
}

static GArray *
list_ids (Small        *small,
          LwLeadColumn  column,
          gboolean      descending,
          const char   *search)
{
  g_autoptr(GError) error = NULL;
  GArray *ids = lw_store_list_lead_ids (small->store, small->run, small->config,
                                        column, descending, search, &error);

  g_assert_no_error (error);
  g_assert_nonnull (ids);
  return ids;
}

/* ---- column names ----------------------------------------------------------------- */

static void
test_columns_names (void)
{
  LwLeadColumn column = LW_LEAD_COLUMN_ID;

  g_assert_cmpstr (lw_lead_column_to_string (LW_LEAD_COLUMN_TTFT), ==, "ttft");
  g_assert_cmpstr (lw_lead_column_to_string (LW_LEAD_COLUMN_FALLBACK), ==, "fallback");
  g_assert_null (lw_lead_column_to_string (LW_N_LEAD_COLUMNS));
  g_assert_true (lw_lead_column_from_string ("total", &column));
  g_assert_cmpint (column, ==, LW_LEAD_COLUMN_TOTAL);
  g_assert_false (lw_lead_column_from_string ("Total", &column));
  g_assert_false (lw_lead_column_from_string ("", &column));
  g_assert_false (lw_lead_column_from_string (NULL, &column));
  g_assert_cmpint (column, ==, LW_LEAD_COLUMN_TOTAL);

  /* Every column names a property of the row, so that a view's column can
   * be sorted by its name. */
  for (guint i = 0; i < LW_N_LEAD_COLUMNS; i++)
    {
      g_autoptr(GTypeClass) klass = g_type_class_ref (LW_TYPE_LEAD_ROW);

      g_assert_true (lw_lead_column_from_string (lw_lead_column_to_string (i), &column));
      g_assert_cmpint (column, ==, i);
      g_assert_nonnull (g_object_class_find_property (G_OBJECT_CLASS (klass),
                                                      lw_lead_column_to_string (i)));
    }
}

/* ---- ordering in the store ---------------------------------------------------------- */

static void
test_store_sort_columns (void)
{
  g_autoptr(Small) small = small_new ();
  static const struct
  {
    LwLeadColumn column;
    guint32      ascending[N_SMALL];
  } cases[] = {
    { LW_LEAD_COLUMN_ID,         { 1, 2, 3, 4, 5, 6, 5000 } },
    { LW_LEAD_COLUMN_CREATED,    { 4, 2, 5, 3, 6, 1, 5000 } },
    { LW_LEAD_COLUMN_EMAIL,      { 5, 1, 2, 3, 4, 5000, 6 } },
    { LW_LEAD_COLUMN_COMPANY,    { 5, 1, 4, 2, 3, 5000, 6 } },
    { LW_LEAD_COLUMN_NAME,       { 5, 1, 2, 3, 4, 5000, 6 } },
    { LW_LEAD_COLUMN_SOURCE,     { 1, 6, 2, 5000, 4, 5, 3 } },
    { LW_LEAD_COLUMN_STAGE,      { 3, 2, 5000, 1, 5, 6, 4 } },
    { LW_LEAD_COLUMN_STATUS,     { 3, 2, 5000, 1, 5, 4, 6 } },
    { LW_LEAD_COLUMN_OWNER,      { 3, 1, 2, 5000, 6, 5, 4 } },
    { LW_LEAD_COLUMN_FIT,        { 5, 5000, 2, 6, 3, 4, 1 } },
    { LW_LEAD_COLUMN_ENGAGEMENT, { 5, 2, 6, 3, 1, 4, 5000 } },
    { LW_LEAD_COLUMN_TOTAL,      { 5, 2, 6, 3, 5000, 1, 4 } },
    { LW_LEAD_COLUMN_GRADE,      { 1, 4, 3, 6, 5000, 2, 5 } },
    { LW_LEAD_COLUMN_POLICY,     { 3, 4, 5000, 1, 5, 2, 6 } },
    { LW_LEAD_COLUMN_TTFT,       { 5000, 6, 4, 1, 5, 2, 3 } },
    { LW_LEAD_COLUMN_BREACHED,   { 1, 3, 4, 6, 5000, 2, 5 } },
    { LW_LEAD_COLUMN_FALLBACK,   { 1, 2, 4, 6, 5000, 3, 5 } },
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (cases) == LW_N_LEAD_COLUMNS);

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(GArray) ids = list_ids (small, cases[c].column, FALSE, NULL);

      g_test_message ("sorting by %s", lw_lead_column_to_string (cases[c].column));
      assert_ids (ids, cases[c].ascending, N_SMALL);
    }
}

static void
test_store_sort_descending (void)
{
  g_autoptr(Small) small = small_new ();
  /* Reversed, but ties stay in id order: 1 and 4 tie on total and grade,
   * 2 and 3 are both untouched. */
  static const guint32 total[] = { 1, 4, 5000, 3, 6, 2, 5 };
  static const guint32 ttft[] = { 2, 3, 5, 1, 4, 6, 5000 };
  static const guint32 company[] = { 6, 5000, 3, 2, 4, 1, 5 };
  static const guint32 grade[] = { 2, 5, 5000, 3, 6, 1, 4 };
  static const guint32 breached[] = { 2, 5, 1, 3, 4, 6, 5000 };
  g_autoptr(GArray) a = list_ids (small, LW_LEAD_COLUMN_TOTAL, TRUE, NULL);
  g_autoptr(GArray) b = list_ids (small, LW_LEAD_COLUMN_TTFT, TRUE, NULL);
  g_autoptr(GArray) c = list_ids (small, LW_LEAD_COLUMN_COMPANY, TRUE, NULL);
  g_autoptr(GArray) d = list_ids (small, LW_LEAD_COLUMN_GRADE, TRUE, NULL);
  g_autoptr(GArray) e = list_ids (small, LW_LEAD_COLUMN_BREACHED, TRUE, NULL);

  assert_ids (a, total, N_SMALL);
  assert_ids (b, ttft, N_SMALL);
  assert_ids (c, company, N_SMALL);
  assert_ids (d, grade, N_SMALL);
  assert_ids (e, breached, N_SMALL);
}

static void
test_store_search (void)
{
  g_autoptr(Small) small = small_new ();
  static const struct
  {
    const char *search;
    guint       n;
    guint32     ids[N_SMALL];
  } cases[] = {
    { "acme", 2, { 1, 4 } },                 /* emails and companies */
    { "ACME CORPORATION", 1, { 4 } },        /* case does not matter */
    { "  lopez\t", 1, { 1 } },               /* trimmed */
    { "ana lopez", 1, { 1 } },               /* first and last name */
    { "Ben Oka", 1, { 2 } },
    { "globex.io", 1, { 2 } },               /* BEN.OKAFOR@Globex.io */
    { "head of ops", 6, { 1, 2, 3, 4, 6, 5000 } },   /* a job title */
    { "5000", 1, { 5000 } },                 /* an id */
    { "#3", 1, { 3 } },
    { "3", 1, { 3 } },
    { "12", 0, { 0 } },                      /* no lead 12, no text with 12 */
    { "école", 1, { 6 } },                   /* ÉCOLE Durand, other letters folded */
    { "ÉLODIE", 1, { 6 } },
    { "old@x.com", 0, { 0 } },               /* lead 2's replaced state */
    { "software", 0, { 0 } },                /* an enum value is no text */
    { "nomatch", 0, { 0 } },
    { "z", 2, { 1, 5000 } },                 /* ana.lopez@, zed@zulu.com */
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(GArray) ids = list_ids (small, LW_LEAD_COLUMN_ID, FALSE, cases[c].search);

      g_test_message ("searching “%s”", cases[c].search);
      assert_ids (ids, cases[c].ids, cases[c].n);
    }

  /* Blank is no search. */
  for (guint i = 0; i < 3; i++)
    {
      static const char * const blank[] = { "", "   ", NULL };
      static const guint32 all[] = { 1, 2, 3, 4, 5, 6, 5000 };
      g_autoptr(GArray) ids = list_ids (small, LW_LEAD_COLUMN_ID, FALSE, blank[i]);

      assert_ids (ids, all, N_SMALL);
    }

  /* Search and sort together. */
  {
    static const guint32 expected[] = { 1, 4 };
    g_autoptr(GArray) ids = list_ids (small, LW_LEAD_COLUMN_TOTAL, TRUE, "ACME");

    assert_ids (ids, expected, 2);
  }
  {
    static const guint32 expected[] = { 4, 1 };
    g_autoptr(GArray) ids = list_ids (small, LW_LEAD_COLUMN_CREATED, FALSE, "acme");

    assert_ids (ids, expected, 2);
  }
}

static void
test_store_without_config (void)
{
  g_autoptr(Small) small = small_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) acme = NULL;
  g_autoptr(GArray) four = NULL;
  g_autoptr(GArray) email = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  static const guint32 by_id[] = { 1, 2, 3, 4, 5, 6, 5000 };
  static const guint32 wanted[] = { 1 };
  const LwLeadSummary *row;

  /* Without the catalogue there are no texts: a search finds ids only,
   * text columns tie (so they keep id order), rows have no texts. */
  acme = lw_store_list_lead_ids (small->store, small->run, NULL, LW_LEAD_COLUMN_ID, FALSE,
                                 "acme", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (acme->len, ==, 0);
  four = lw_store_list_lead_ids (small->store, small->run, NULL, LW_LEAD_COLUMN_ID, FALSE,
                                 "4", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (four->len, ==, 1);
  g_assert_cmpuint (g_array_index (four, guint32, 0), ==, 4);
  email = lw_store_list_lead_ids (small->store, small->run, NULL, LW_LEAD_COLUMN_EMAIL, FALSE,
                                  NULL, &error);
  g_assert_no_error (error);
  assert_ids (email, by_id, N_SMALL);

  rows = lw_store_get_lead_rows (small->store, small->run, NULL, wanted, 1, &error);
  g_assert_no_error (error);
  row = g_ptr_array_index (rows, 0);
  g_assert_cmpuint (row->id, ==, 1);
  g_assert_null (row->email);
  g_assert_null (row->name);
  g_assert_null (row->company);
  g_assert_null (row->grade);
  g_assert_cmpstr (row->stage, ==, "Marketing Qualified Lead");
  g_assert_cmpstr (row->owner, ==, "Jake Miller");
}

/* ---- rows -------------------------------------------------------------------------- */

static void
test_store_rows (void)
{
  g_autoptr(Small) small = small_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  /* Out of order, across blocks, one twice, one the run does not have. */
  static const guint32 wanted[] = { 5000, 3, 2, 77, 6, 3, 5 };
  const LwLeadSummary *r;

  rows = lw_store_get_lead_rows (small->store, small->run, small->config,
                                 wanted, G_N_ELEMENTS (wanted), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, G_N_ELEMENTS (wanted));

  r = g_ptr_array_index (rows, 0);
  g_assert_cmpuint (r->id, ==, 5000);
  g_assert_cmpint (r->created_at, ==, AT (6));
  g_assert_cmpstr (r->email, ==, "zed@zulu.com");
  g_assert_cmpstr (r->name, ==, "Zed Zulu");
  g_assert_cmpstr (r->company, ==, "Zulu Inc");
  g_assert_cmpstr (r->source, ==, "Form");
  g_assert_cmpstr (r->stage, ==, "Lead");
  g_assert_cmpstr (r->status, ==, "New");
  g_assert_cmpstr (r->owner, ==, "Maria Gonzalez");
  g_assert_cmpfloat (r->fit, ==, 5);
  g_assert_cmpfloat (r->engagement, ==, 50);
  g_assert_cmpfloat (r->total, ==, 55);
  g_assert_cmpstr (r->grade, ==, "C1");
  g_assert_cmpstr (r->policy, ==, "Content and webinar leads");
  g_assert_cmpint (r->ttft, ==, 30);
  g_assert_false (r->breached);
  g_assert_false (r->fallback);

  r = g_ptr_array_index (rows, 1);
  g_assert_cmpuint (r->id, ==, 3);
  g_assert_cmpstr (r->status, ==, NULL);
  g_assert_cmpstr (r->owner, ==, NULL);
  g_assert_cmpstr (r->policy, ==, NULL);
  g_assert_cmpstr (r->source, ==, "Manual");
  g_assert_cmpstr (r->grade, ==, "B2");
  g_assert_cmpint (r->ttft, ==, -1);
  g_assert_true (r->fallback);
  g_assert_true (g_ptr_array_index (rows, 5) != r);
  g_assert_cmpuint (((LwLeadSummary *) g_ptr_array_index (rows, 5))->id, ==, 3);

  /* Written twice: the newest state. */
  r = g_ptr_array_index (rows, 2);
  g_assert_cmpuint (r->id, ==, 2);
  g_assert_cmpstr (r->email, ==, "BEN.OKAFOR@Globex.io");
  g_assert_cmpstr (r->stage, ==, "Lead");
  g_assert_cmpstr (r->policy, ==, "High intent: trial, pricing, chat");
  g_assert_true (r->breached);

  g_assert_null (g_ptr_array_index (rows, 3));

  r = g_ptr_array_index (rows, 4);
  g_assert_cmpstr (r->email, ==, "élodie.durand@exemple.fr");
  g_assert_cmpstr (r->name, ==, "Élodie Durand");
  g_assert_cmpstr (r->company, ==, "ÉCOLE Durand");
  g_assert_cmpstr (r->status, ==, "Nurture / bad timing");

  /* No properties at all. */
  r = g_ptr_array_index (rows, 6);
  g_assert_cmpuint (r->id, ==, 5);
  g_assert_null (r->email);
  g_assert_null (r->name);
  g_assert_null (r->company);
  g_assert_cmpstr (r->grade, ==, "C3");
  g_assert_true (r->breached);
  g_assert_true (r->fallback);

  /* None asked, none given. */
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = lw_store_get_lead_rows (small->store, small->run, small->config, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 0);
}

static void
test_store_bad_input (void)
{
  g_autoptr(Small) small = small_new ();
  g_autoptr(GError) error = NULL;
  static const guint32 one[] = { 1 };
  g_autofree char *sql = NULL;

  g_assert_null (lw_store_list_lead_ids (small->store, 0, small->config, LW_LEAD_COLUMN_ID,
                                         FALSE, NULL, &error));
  g_assert_error (error, LW_STORE_ERROR, LW_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (lw_store_list_lead_ids (small->store, 999, small->config, LW_LEAD_COLUMN_ID,
                                         FALSE, NULL, &error));
  g_assert_error (error, LW_STORE_ERROR, LW_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (lw_store_get_lead_rows (small->store, -4, small->config, one, 1, &error));
  g_assert_error (error, LW_STORE_ERROR, LW_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A programmer error. */
  g_test_expect_message ("leadwright-engine", G_LOG_LEVEL_CRITICAL, "*sort < LW_N_LEAD_COLUMNS*");
  g_assert_null (lw_store_list_lead_ids (small->store, small->run, small->config,
                                         LW_N_LEAD_COLUMNS, FALSE, NULL, &error));
  g_test_assert_expected_messages ();
  g_assert_no_error (error);

  /* Properties whose lengths run past their end: a search reads them and
   * says the run is damaged; the facts alone still sort. */
  sql = g_strdup_printf ("UPDATE run_leads SET props = x'05' WHERE run_id = %" G_GINT64_FORMAT
                         " AND block = 0",
                         small->run);
  sql_exec (small->path, sql);
  g_assert_null (lw_store_list_lead_ids (small->store, small->run, small->config,
                                         LW_LEAD_COLUMN_ID, FALSE, "acme", &error));
  g_assert_error (error, LW_STORE_ERROR, LW_STORE_ERROR_CORRUPT);
  g_clear_error (&error);
  g_assert_null (lw_store_get_lead_rows (small->store, small->run, small->config, one, 1, &error));
  g_assert_error (error, LW_STORE_ERROR, LW_STORE_ERROR_CORRUPT);
  g_clear_error (&error);
  {
    g_autoptr(GArray) ids = lw_store_list_lead_ids (small->store, small->run, small->config,
                                                    LW_LEAD_COLUMN_TOTAL, FALSE, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (ids->len, ==, N_SMALL);
  }

  /* Facts cut short. */
  g_free (sql);
  sql = g_strdup_printf ("UPDATE run_leads SET facts = x'0102' WHERE run_id = %" G_GINT64_FORMAT,
                         small->run);
  sql_exec (small->path, sql);
  g_assert_null (lw_store_list_lead_ids (small->store, small->run, small->config,
                                         LW_LEAD_COLUMN_TOTAL, FALSE, NULL, &error));
  g_assert_error (error, LW_STORE_ERROR, LW_STORE_ERROR_CORRUPT);
  g_clear_error (&error);
  g_assert_null (lw_store_get_lead_rows (small->store, small->run, small->config, one, 1, &error));
  g_assert_error (error, LW_STORE_ERROR, LW_STORE_ERROR_CORRUPT);
}

/* ---- rows as objects --------------------------------------------------------------- */

static void
test_row_update_notifies (void)
{
  LwLeadSummary summary = {
    .id = 9, .created_at = T0, .email = (char *) "a@b.c", .stage = (char *) "Lead",
    .fit = 10, .engagement = 2, .total = 12, .ttft = -7, .breached = 3,
  };
  g_autoptr(LwLeadRow) row = lw_lead_row_new (&summary);
  guint stage = 0, email = 0, total = 0, ttft = 0, breached = 0, any = 0;
  g_autofree char *text = NULL;
  gint64 created = 0;

  g_assert_cmpuint (lw_lead_row_get_id (row), ==, 9);
  g_assert_cmpint (lw_lead_row_get_ttft (row), ==, -1);
  g_assert_true (lw_lead_row_get_breached (row) == TRUE);
  g_object_get (row, "email", &text, "created", &created, NULL);
  g_assert_cmpstr (text, ==, "a@b.c");
  g_assert_cmpint (created, ==, T0);

  g_signal_connect (row, "notify::stage", G_CALLBACK (count_notify_cb), &stage);
  g_signal_connect (row, "notify::email", G_CALLBACK (count_notify_cb), &email);
  g_signal_connect (row, "notify::total", G_CALLBACK (count_notify_cb), &total);
  g_signal_connect (row, "notify::ttft", G_CALLBACK (count_notify_cb), &ttft);
  g_signal_connect (row, "notify::breached", G_CALLBACK (count_notify_cb), &breached);
  g_signal_connect (row, "notify", G_CALLBACK (count_notify_cb), &any);

  /* The same values: nothing notifies. */
  summary.ttft = -1;
  summary.breached = TRUE;
  lw_lead_row_update (row, &summary);
  g_assert_cmpuint (any, ==, 0);

  summary.stage = (char *) "MQL";
  summary.email = NULL;
  summary.total = 40;
  summary.ttft = 300;
  lw_lead_row_update (row, &summary);
  g_assert_cmpuint (stage, ==, 1);
  g_assert_cmpuint (email, ==, 1);
  g_assert_cmpuint (total, ==, 1);
  g_assert_cmpuint (ttft, ==, 1);
  g_assert_cmpuint (breached, ==, 0);
  g_assert_cmpuint (any, ==, 4);
  g_assert_cmpstr (lw_lead_row_get_stage (row), ==, "MQL");
  g_assert_null (lw_lead_row_get_email (row));
  g_assert_cmpfloat (lw_lead_row_get_total (row), ==, 40);

  /* A row of another lead is a programmer error. */
  summary.id = 10;
  g_test_expect_message ("leadwright-engine", G_LOG_LEVEL_CRITICAL, "*summary->id*");
  lw_lead_row_update (row, &summary);
  g_test_assert_expected_messages ();
  g_assert_cmpuint (lw_lead_row_get_id (row), ==, 9);
}

/* ---- the model over the small run ---------------------------------------------------- */

static void
test_model_small (void)
{
  g_autoptr(Small) small = small_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LwLeadListModel) model = NULL;
  g_autoptr(LwLeadRow) held = NULL;
  Changes changes = { 0, };
  guint n_items_notified = 0, sort_notified = 0;
  GListModel *list;

  /* No config: the run's revision gives the texts. */
  model = lw_lead_list_model_new (small->store, small->run, NULL, &error);
  g_assert_no_error (error);
  list = G_LIST_MODEL (model);
  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), &changes);
  g_signal_connect (model, "notify::n-items", G_CALLBACK (count_notify_cb), &n_items_notified);
  g_signal_connect (model, "notify::sort-column", G_CALLBACK (count_notify_cb), &sort_notified);

  g_assert_true (g_list_model_get_item_type (list) == LW_TYPE_LEAD_ROW);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, N_SMALL);
  g_assert_cmpint (lw_lead_list_model_get_run (model), ==, small->run);
  g_assert_null (g_list_model_get_item (list, N_SMALL));
  g_assert_cmpuint (row_id_at (model, 6), ==, 5000);
  held = get_row (model, 0);
  g_assert_cmpstr (lw_lead_row_get_email (held), ==, "ana.lopez@acme.com");
  g_assert_cmpstr (lw_lead_row_get_grade (held), ==, "A1");
  g_assert_cmpint (lw_lead_list_model_find (model, 5000), ==, 6);
  g_assert_cmpint (lw_lead_list_model_find (model, 77), ==, -1);

  /* The same sort again changes nothing. */
  g_assert_true (lw_lead_list_model_set_sort (model, LW_LEAD_COLUMN_ID, FALSE, &error));
  g_assert_cmpuint (changes.count, ==, 0);
  g_assert_cmpuint (sort_notified, ==, 0);

  g_assert_true (lw_lead_list_model_set_sort (model, LW_LEAD_COLUMN_TOTAL, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes.count, ==, 1);
  g_assert_cmpuint (changes.position, ==, 0);
  g_assert_cmpuint (changes.removed, ==, N_SMALL);
  g_assert_cmpuint (changes.added, ==, N_SMALL);
  g_assert_cmpuint (sort_notified, ==, 1);
  g_assert_cmpuint (n_items_notified, ==, 0);
  g_assert_cmpint (lw_lead_list_model_get_sort_column (model), ==, LW_LEAD_COLUMN_TOTAL);
  g_assert_true (lw_lead_list_model_get_descending (model));
  g_assert_cmpuint (row_id_at (model, 0), ==, 1);
  g_assert_cmpuint (row_id_at (model, 1), ==, 4);
  g_assert_cmpuint (row_id_at (model, 6), ==, 5);
  /* A row alive is handed out again, whatever its position. */
  {
    g_autoptr(LwLeadRow) again = get_row (model, 0);

    g_assert_true (again == held);
  }

  g_assert_true (lw_lead_list_model_set_search (model, "  Acme ", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes.count, ==, 2);
  g_assert_cmpuint (changes.removed, ==, N_SMALL);
  g_assert_cmpuint (changes.added, ==, 2);
  g_assert_cmpuint (n_items_notified, ==, 1);
  g_assert_cmpstr (lw_lead_list_model_get_search (model), ==, "Acme");
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 2);
  g_assert_cmpuint (row_id_at (model, 1), ==, 4);
  g_assert_null (g_list_model_get_item (list, 2));

  /* The same search, trimmed, changes nothing; a blank one shows all. */
  g_assert_true (lw_lead_list_model_set_search (model, "Acme", &error));
  g_assert_cmpuint (changes.count, ==, 2);
  g_assert_true (lw_lead_list_model_set_search (model, " ", &error));
  g_assert_no_error (error);
  g_assert_null (lw_lead_list_model_get_search (model));
  g_assert_cmpuint (changes.count, ==, 3);
  g_assert_cmpuint (changes.removed, ==, 2);
  g_assert_cmpuint (changes.added, ==, N_SMALL);
  g_assert_cmpuint (n_items_notified, ==, 2);

  /* A search no lead matches empties the list. */
  g_assert_true (lw_lead_list_model_set_search (model, "nobody", &error));
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 0);
  g_assert_null (g_list_model_get_item (list, 0));
  g_assert_cmpuint (lw_lead_list_model_get_cached_rows (model), ==, 0);
}

static void
test_model_cache_bound (void)
{
  g_autoptr(Small) small = small_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LwLeadListModel) model = NULL;
  LwLeadRow *first;
  guint id;

  model = lw_lead_list_model_new (small->store, small->run, small->config, &error);
  g_assert_no_error (error);
  /* Nothing is read before it is asked for. */
  g_assert_cmpuint (lw_lead_list_model_get_rows_loaded (model), ==, 0);
  g_assert_cmpuint (lw_lead_list_model_get_cached_rows (model), ==, 0);

  lw_lead_list_model_set_cache_limits (model, 2, 2);
  g_assert_cmpuint (lw_lead_list_model_get_page_size (model), ==, 2);
  g_assert_cmpuint (lw_lead_list_model_get_max_pages (model), ==, 2);

  /* Pages [0 1] [2 3] [4 5] [6]: reading them in order loads each once and
   * keeps the last two. */
  for (guint i = 0; i < N_SMALL; i++)
    {
      g_assert_cmpuint (row_id_at (model, i), ==, small_leads[i].id);
      g_assert_cmpuint (lw_lead_list_model_get_cached_rows (model), <=, 4);
    }
  g_assert_cmpuint (lw_lead_list_model_get_rows_loaded (model), ==, 7);
  g_assert_cmpuint (lw_lead_list_model_get_cached_rows (model), ==, 3);
  g_assert_cmpuint (lw_lead_list_model_get_peak_cached_rows (model), ==, 4);

  /* Page 3 is cached: no read. Page 0 was dropped: read again, dropping
   * page 2, the least recently used. */
  g_assert_cmpuint (row_id_at (model, 6), ==, 5000);
  g_assert_cmpuint (lw_lead_list_model_get_rows_loaded (model), ==, 7);
  g_assert_cmpuint (row_id_at (model, 1), ==, 2);
  g_assert_cmpuint (lw_lead_list_model_get_rows_loaded (model), ==, 9);
  g_assert_cmpuint (lw_lead_list_model_get_cached_rows (model), ==, 3);
  g_assert_cmpuint (row_id_at (model, 5), ==, 6);
  g_assert_cmpuint (lw_lead_list_model_get_rows_loaded (model), ==, 11);
  g_assert_cmpuint (lw_lead_list_model_get_cached_rows (model), ==, 4);

  /* A row dropped from the cache and held by no one is gone; one held
   * outlives its page and stays the row of its lead. */
  first = get_row (model, 0);
  g_object_add_weak_pointer (G_OBJECT (first), (gpointer *) &first);
  g_assert_cmpuint (row_id_at (model, 2), ==, 3);
  g_assert_cmpuint (row_id_at (model, 4), ==, 5);
  g_assert_nonnull (first);
  {
    g_autoptr(LwLeadRow) again = get_row (model, 0);

    g_assert_true (again == first);
  }
  id = lw_lead_row_get_id (first);
  g_assert_cmpuint (id, ==, 1);
  g_object_unref (first);
  g_assert_nonnull (first);   /* still in a cached page */
  g_assert_cmpuint (row_id_at (model, 2), ==, 3);
  g_assert_cmpuint (row_id_at (model, 4), ==, 5);
  g_assert_null (first);

  /* Changing the limits drops the cache. */
  lw_lead_list_model_set_cache_limits (model, 3, 1);
  g_assert_cmpuint (lw_lead_list_model_get_cached_rows (model), ==, 0);
  g_assert_cmpuint (row_id_at (model, 4), ==, 5);
  g_assert_cmpuint (lw_lead_list_model_get_cached_rows (model), ==, 3);

  g_test_expect_message ("leadwright-engine", G_LOG_LEVEL_CRITICAL, "*page_size > 0*");
  lw_lead_list_model_set_cache_limits (model, 0, 4);
  g_test_assert_expected_messages ();
  g_assert_cmpuint (lw_lead_list_model_get_page_size (model), ==, 3);
}

static void
test_model_rows_outlive_model (void)
{
  g_autoptr(Small) small = small_new ();
  g_autoptr(GError) error = NULL;
  LwLeadListModel *model;
  g_autoptr(LwLeadRow) row = NULL;

  model = lw_lead_list_model_new (small->store, small->run, small->config, &error);
  g_assert_no_error (error);
  row = get_row (model, 3);
  g_assert_finalize_object (model);
  g_assert_cmpuint (lw_lead_row_get_id (row), ==, 4);
  g_assert_cmpstr (lw_lead_row_get_company (row), ==, "Acme Corporation");
}

static void
test_model_bad_input (void)
{
  g_autoptr(Small) small = small_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LwLeadListModel) model = NULL;
  g_autofree char *other_path = test_path ("empty.leadwright");
  g_autoptr(LwStore) empty = open_store (other_path);
  g_autofree char *sql = NULL;
  g_autoptr(LwLeadRow) row = NULL;

  g_assert_null (lw_lead_list_model_new (small->store, 999, NULL, &error));
  g_assert_error (error, LW_STORE_ERROR, LW_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (lw_lead_list_model_new (empty, 0, NULL, &error));
  g_assert_error (error, LW_STORE_ERROR, LW_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Run 0 is the latest finished run. */
  model = lw_lead_list_model_new (small->store, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lw_lead_list_model_get_run (model), ==, small->run);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, N_SMALL);

  /* The run damaged under the model: a sort fails and changes nothing; rows
   * read then show their ids only. */
  sql = g_strdup_printf ("UPDATE run_leads SET facts = x'01' WHERE run_id = %" G_GINT64_FORMAT,
                         small->run);
  sql_exec (small->path, sql);
  g_assert_false (lw_lead_list_model_set_sort (model, LW_LEAD_COLUMN_FIT, FALSE, &error));
  g_assert_error (error, LW_STORE_ERROR, LW_STORE_ERROR_CORRUPT);
  g_clear_error (&error);
  g_assert_cmpint (lw_lead_list_model_get_sort_column (model), ==, LW_LEAD_COLUMN_ID);
  g_assert_false (lw_lead_list_model_set_search (model, "acme", &error));
  g_assert_error (error, LW_STORE_ERROR, LW_STORE_ERROR_CORRUPT);
  g_clear_error (&error);
  g_assert_null (lw_lead_list_model_get_search (model));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, N_SMALL);
  row = get_row (model, 3);
  g_assert_cmpuint (lw_lead_row_get_id (row), ==, 4);
  g_assert_null (lw_lead_row_get_email (row));
  g_assert_null (lw_lead_row_get_stage (row));
  g_assert_cmpint (lw_lead_row_get_ttft (row), ==, -1);
  g_assert_cmpuint (lw_lead_list_model_get_rows_loaded (model), ==, 0);
  {
    Waiter waiter = { 0, };

    lw_lead_list_model_query_async (model, LW_LEAD_COLUMN_FIT, TRUE, NULL, NULL,
                                    query_done_cb, &waiter);
    wait_for (&waiter);
    g_assert_false (waiter.ok);
    g_assert_error (waiter.error, LW_STORE_ERROR, LW_STORE_ERROR_CORRUPT);
    g_clear_error (&waiter.error);
    g_assert_cmpint (lw_lead_list_model_get_sort_column (model), ==, LW_LEAD_COLUMN_ID);
  }

  g_test_expect_message ("leadwright-engine", G_LOG_LEVEL_CRITICAL, "*column < LW_N_LEAD_COLUMNS*");
  g_assert_false (lw_lead_list_model_set_sort (model, LW_N_LEAD_COLUMNS, FALSE, &error));
  g_test_assert_expected_messages ();
}

static void
test_model_async (void)
{
  g_autoptr(Small) small = small_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LwLeadListModel) model = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Changes changes = { 0, };
  Waiter a = { 0, }, b = { 0, };
  guint search_notified = 0;

  model = lw_lead_list_model_new (small->store, small->run, small->config, &error);
  g_assert_no_error (error);
  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), &changes);
  g_signal_connect (model, "notify::search", G_CALLBACK (count_notify_cb), &search_notified);

  /* Nothing changes until the order is read; rows are read meanwhile. */
  lw_lead_list_model_query_async (model, LW_LEAD_COLUMN_TOTAL, TRUE, " acme ", NULL,
                                  query_done_cb, &a);
  g_assert_cmpuint (changes.count, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, N_SMALL);
  g_assert_cmpuint (row_id_at (model, 6), ==, 5000);
  wait_for (&a);
  g_assert_no_error (a.error);
  g_assert_true (a.ok);
  g_assert_cmpuint (changes.count, ==, 1);
  g_assert_cmpuint (changes.position, ==, 0);
  g_assert_cmpuint (changes.removed, ==, N_SMALL);
  g_assert_cmpuint (changes.added, ==, 2);
  g_assert_cmpuint (search_notified, ==, 1);
  g_assert_cmpint (lw_lead_list_model_get_sort_column (model), ==, LW_LEAD_COLUMN_TOTAL);
  g_assert_true (lw_lead_list_model_get_descending (model));
  g_assert_cmpstr (lw_lead_list_model_get_search (model), ==, "acme");
  g_assert_cmpuint (row_id_at (model, 0), ==, 1);
  g_assert_cmpuint (row_id_at (model, 1), ==, 4);

  /* The same query: done at once, no signal. */
  a = (Waiter) { 0, };
  lw_lead_list_model_query_async (model, LW_LEAD_COLUMN_TOTAL, TRUE, "acme", NULL,
                                  query_done_cb, &a);
  wait_for (&a);
  g_assert_true (a.ok);
  g_assert_cmpuint (changes.count, ==, 1);

  /* A synchronous call supersedes a query still running. */
  a = (Waiter) { 0, };
  lw_lead_list_model_query_async (model, LW_LEAD_COLUMN_FIT, FALSE, NULL, NULL,
                                  query_done_cb, &a);
  g_assert_true (lw_lead_list_model_set_search (model, "lopez", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes.count, ==, 2);
  wait_for (&a);
  g_assert_false (a.ok);
  g_assert_error (a.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&a.error);
  g_assert_cmpuint (changes.count, ==, 2);
  g_assert_cmpint (lw_lead_list_model_get_sort_column (model), ==, LW_LEAD_COLUMN_TOTAL);
  g_assert_cmpstr (lw_lead_list_model_get_search (model), ==, "lopez");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);

  /* And a later query an earlier one. */
  a = (Waiter) { 0, };
  lw_lead_list_model_query_async (model, LW_LEAD_COLUMN_FIT, FALSE, NULL, NULL,
                                  query_done_cb, &a);
  lw_lead_list_model_query_async (model, LW_LEAD_COLUMN_CREATED, FALSE, "ACME", NULL,
                                  query_done_cb, &b);
  wait_for (&a);
  wait_for (&b);
  g_assert_error (a.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&a.error);
  g_assert_no_error (b.error);
  g_assert_true (b.ok);
  g_assert_cmpuint (changes.count, ==, 3);
  g_assert_cmpint (lw_lead_list_model_get_sort_column (model), ==, LW_LEAD_COLUMN_CREATED);
  g_assert_false (lw_lead_list_model_get_descending (model));
  g_assert_cmpuint (row_id_at (model, 0), ==, 4);
  g_assert_cmpuint (row_id_at (model, 1), ==, 1);

  /* Cancelled: nothing changes. */
  a = (Waiter) { 0, };
  lw_lead_list_model_query_async (model, LW_LEAD_COLUMN_ID, TRUE, NULL, cancellable,
                                  query_done_cb, &a);
  g_cancellable_cancel (cancellable);
  wait_for (&a);
  g_assert_error (a.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&a.error);
  g_assert_cmpuint (changes.count, ==, 3);
  g_assert_cmpint (lw_lead_list_model_get_sort_column (model), ==, LW_LEAD_COLUMN_CREATED);

  /* A refresh with nothing new: no signal. */
  a = (Waiter) { 0, };
  lw_lead_list_model_refresh_async (model, NULL, refresh_done_cb, &a);
  wait_for (&a);
  g_assert_no_error (a.error);
  g_assert_true (a.ok);
  g_assert_cmpuint (changes.count, ==, 3);
}

/* A paced run goes on under the list: refresh finds the positions whose lead
 * changed and updates the rows alive in place. */
static void
test_model_refresh (void)
{
  g_autofree char *path = test_path ("paced.leadwright");
  g_autoptr(LwStore) writer = open_store (path);
  g_autoptr(LwStore) reader = open_store (path);
  g_autoptr(LwConfig) config = lw_test_load_sample ();
  g_autoptr(GByteArray) props = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LwLeadListModel) model = NULL;
  g_autoptr(LwLeadRow) row2 = NULL;
  g_autoptr(LwLeadRow) row4 = NULL;
  SmallLead leads[4];
  LwStoredLead stored[4];
  Changes changes = { 0, };
  guint stage_notified = 0, any4 = 0;
  gint64 run;

  /* Leads 1-4 at stages 0-3. */
  run = begin_run (writer, config, 0, 10);
  for (guint i = 0; i < 4; i++)
    {
      leads[i] = small_leads[i];
      leads[i].stage = i;
    }
  for (guint i = 0; i < 4; i++)
    {
      encode_small (config, &leads[i], props);
      fill_small (&leads[i], &stored[i], props);
      lw_store_append_leads (writer, run, &stored[i], 1, &error);
      g_assert_no_error (error);
    }

  model = lw_lead_list_model_new (reader, run, config, &error);
  g_assert_no_error (error);
  g_assert_true (lw_lead_list_model_set_sort (model, LW_LEAD_COLUMN_STAGE, FALSE, &error));
  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), &changes);
  g_assert_cmpuint (row_id_at (model, 1), ==, 2);
  row2 = get_row (model, 1);
  row4 = get_row (model, 3);
  g_signal_connect (row2, "notify::stage", G_CALLBACK (count_notify_cb), &stage_notified);
  g_signal_connect (row4, "notify", G_CALLBACK (count_notify_cb), &any4);

  /* Nothing changed: no signal. */
  g_assert_true (lw_lead_list_model_refresh (model, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes.count, ==, 0);
  g_assert_cmpuint (stage_notified, ==, 0);

  /* Lead 2 moves to stage 3: order 1 3 2 4 (2 and 4 tie, by id). */
  leads[1].stage = 3;
  encode_small (config, &leads[1], props);
  fill_small (&leads[1], &stored[1], props);
  lw_store_append_leads (writer, run, &stored[1], 1, &error);
  g_assert_no_error (error);
  g_assert_true (lw_lead_list_model_refresh (model, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes.count, ==, 1);
  g_assert_cmpuint (changes.position, ==, 1);
  g_assert_cmpuint (changes.removed, ==, 2);
  g_assert_cmpuint (changes.added, ==, 2);
  g_assert_cmpuint (row_id_at (model, 1), ==, 3);
  g_assert_cmpuint (row_id_at (model, 2), ==, 2);
  g_assert_cmpuint (stage_notified, ==, 1);
  g_assert_cmpstr (lw_lead_row_get_stage (row2), ==, "Sales Qualified Lead");
  g_assert_cmpuint (any4, ==, 0);
  {
    g_autoptr(LwLeadRow) again = get_row (model, 2);

    g_assert_true (again == row2);
  }

  /* A new lead at the end; lead 4's score changes in place. */
  leads[3].fit = 1;
  encode_small (config, &leads[3], props);
  fill_small (&leads[3], &stored[3], props);
  lw_store_append_leads (writer, run, &stored[3], 1, &error);
  g_assert_no_error (error);
  {
    SmallLead late = small_leads[6];
    LwStoredLead lead;

    late.stage = 7;
    encode_small (config, &late, props);
    fill_small (&late, &lead, props);
    lw_store_append_leads (writer, run, &lead, 1, &error);
    g_assert_no_error (error);
  }
  {
    Waiter waiter = { 0, };

    lw_lead_list_model_refresh_async (model, NULL, refresh_done_cb, &waiter);
    g_assert_cmpuint (changes.count, ==, 1);
    wait_for (&waiter);
    g_assert_no_error (waiter.error);
    g_assert_true (waiter.ok);
  }
  g_assert_cmpuint (changes.count, ==, 2);
  g_assert_cmpuint (changes.position, ==, 4);
  g_assert_cmpuint (changes.removed, ==, 0);
  g_assert_cmpuint (changes.added, ==, 1);
  g_assert_cmpuint (row_id_at (model, 4), ==, 5000);
  g_assert_cmpfloat (lw_lead_row_get_fit (row4), ==, 1);
  g_assert_cmpfloat (lw_lead_row_get_total (row4), ==, 36);
  g_assert_cmpuint (any4, ==, 3);   /* fit, total, grade (A1 to C1) */
  g_assert_cmpstr (lw_lead_row_get_grade (row4), ==, "C1");

  /* A row alive takes its lead's new values when its page is read again. */
  {
    g_autoptr(LwLeadRow) row1 = get_row (model, 0);

    g_assert_cmpstr (lw_lead_row_get_stage (row1), ==, "Subscriber");
    leads[0].stage = 6;
    encode_small (config, &leads[0], props);
    fill_small (&leads[0], &stored[0], props);
    lw_store_append_leads (writer, run, &stored[0], 1, &error);
    g_assert_no_error (error);
    g_assert_true (lw_lead_list_model_set_sort (model, LW_LEAD_COLUMN_ID, FALSE, &error));
    g_assert_no_error (error);
    g_assert_cmpstr (lw_lead_row_get_stage (row1), ==, "Subscriber");
    {
      g_autoptr(LwLeadRow) again = get_row (model, 0);

      g_assert_true (again == row1);
    }
    g_assert_cmpstr (lw_lead_row_get_stage (row1), ==, "Evangelist");
  }

  finish_run (writer, run);
}

/* ---- a million leads --------------------------------------------------------------- */

#define N_MILLION  1000000u
#define SPECIAL_ID 777777u

static char *million_dir;
static char *million_path;
static gint64 million_run;
static LwConfig *million_config;

static double
million_fit (guint32 id)
{
  return (id * 37u) % 101u;
}

static double
million_engagement (guint32 id)
{
  return (id * 13u) % 51u;
}

/* A text property's value as lw_lead_encode() writes it: its index and
 * its length as varints, then its bytes. */
static void
encode_text (GByteArray *out,
             guint       index,
             const char *text)
{
  guint64 values[2] = { index, strlen (text) };

  for (guint k = 0; k < 2; k++)
    {
      guint64 v = values[k];

      do
        {
          guint8 byte = v & 0x7f;

          v >>= 7;
          if (v != 0)
            byte |= 0x80;
          g_byte_array_append (out, &byte, 1);
        }
      while (v != 0);
    }
  g_byte_array_append (out, (const guint8 *) text, values[1]);
}

/* Leads 1..N_MILLION of the sample playbook, written in batches as a fast
 * run writes them: each with an email, a name and a company. */
static void
ensure_million (void)
{
  g_autoptr(LwStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LwLead) lead = NULL;
  g_autoptr(GByteArray) props = g_byte_array_new ();
  g_autoptr(GArray) offsets = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_autofree LwStoredLead *batch = NULL;
  static const char * const firsts[] = { "Ana", "Ben", "Chloé", "Dmitri", "Eve", "Farid", "Grace" };
  static const char * const lasts[] = { "Smith", "Okafor", "Novak", "Reyes", "Tanaka", "Walker",
                                        "Chen", "Larsen", "Martin", "Weber", "Brooks" };
  const guint batch_size = 65536;
  guint email, first, last, company;
  gint64 start = g_get_monotonic_time ();
  gint64 encode_us = 0, append_us = 0;

  if (million_path != NULL)
    return;

  million_dir = g_dir_make_tmp ("test-lead-list-XXXXXX", &error);
  g_assert_no_error (error);
  million_path = g_build_filename (million_dir, "million.leadwright", NULL);
  million_config = lw_test_load_sample ();
  email = lw_config_find_property (million_config, "email")->index;
  first = lw_config_find_property (million_config, "first_name")->index;
  last = lw_config_find_property (million_config, "last_name")->index;
  company = lw_config_find_property (million_config, "company")->index;

  store = open_store (million_path);
  million_run = begin_run (store, million_config, 0, N_MILLION);
  lead = lw_lead_new (million_config, "x");
  batch = g_new0 (LwStoredLead, batch_size);

  for (guint32 base = 1; base <= N_MILLION; base += batch_size)
    {
      guint n = MIN (batch_size, N_MILLION + 1 - base);
      gint64 t = g_get_monotonic_time ();

      g_byte_array_set_size (props, 0);
      g_array_set_size (offsets, 0);
      for (guint i = 0; i < n; i++)
        {
          guint32 id = base + i;
          char text[64];
          gsize offset = props->len;

          if (id == SPECIAL_ID)
            g_strlcpy (text, "Zoe.Quinn@Example.ORG", sizeof text);
          else
            g_snprintf (text, sizeof text, "lead%u@company%u.com", id, id % 1000);
          encode_text (props, email, text);
          encode_text (props, first, firsts[id % G_N_ELEMENTS (firsts)]);
          encode_text (props, last, lasts[(id / 7) % G_N_ELEMENTS (lasts)]);
          g_snprintf (text, sizeof text, "Company %u", id % 1000);
          encode_text (props, company, text);
          g_array_append_val (offsets, offset);

          /* The encoding is lw_lead_encode()'s (done by hand because
           * lw_lead_set_string() also folds each text for conditions, a
           * few seconds for a million leads). */
          if (id == 1)
            {
              g_autoptr(GByteArray) real = g_byte_array_new ();

              lw_lead_set_string (lead, email, "lead1@company1.com");
              lw_lead_set_string (lead, first, firsts[1]);
              lw_lead_set_string (lead, last, lasts[0]);
              lw_lead_set_string (lead, company, "Company 1");
              lw_lead_encode (lead, million_config, real);
              g_assert_cmpmem (real->data, real->len, props->data + offset, props->len - offset);
            }
        }
      for (guint i = 0; i < n; i++)
        {
          guint32 id = base + i;
          LwStoredLead *s = &batch[i];
          gsize from = g_array_index (offsets, gsize, i);
          gsize to = i + 1 < n ? g_array_index (offsets, gsize, i + 1) : props->len;

          memset (s, 0, sizeof *s);
          s->id = id;
          s->created_at = T0 + id;
          s->source = id % 5;
          s->stage = id % 8;
          s->max_stage = id % 8;
          s->status = id % 6;
          s->owner = id % 10 == 0 ? -1 : (int) (id % 13);
          s->routed_rep = s->owner;
          s->rule = -1;
          s->pool = -1;
          s->policy = id % 3;
          s->sla_rep = s->owner;
          s->ttft = id % 5 == 0 ? -1 : (gint64) (id % 3600);
          s->breached = id % 7 == 0;
          s->fallback = id % 11 == 0;
          s->fit = million_fit (id);
          s->engagement = million_engagement (id);
          s->properties = props->data + from;
          s->properties_len = to - from;
        }
      encode_us += g_get_monotonic_time () - t;
      t = g_get_monotonic_time ();
      lw_store_append_leads (store, million_run, batch, n, &error);
      g_assert_no_error (error);
      append_us += g_get_monotonic_time () - t;
    }
  finish_run (store, million_run);
  g_test_message ("building %u leads: %.2f s (making %.2f s, appending %.2f s)", N_MILLION,
                  (g_get_monotonic_time () - start) / 1e6, encode_us / 1e6, append_us / 1e6);
}

static void
remove_million (void)
{
  const char *suffixes[] = { "", "-wal", "-shm" };

  if (million_path == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (million_path, suffixes[i], NULL);

      g_unlink (file);
    }
  g_rmdir (million_dir);
  g_clear_pointer (&million_path, g_free);
  g_clear_pointer (&million_dir, g_free);
  g_clear_pointer (&million_config, lw_config_unref);
}

/* Wall and process CPU time: the machine running the tests may be busy. */
typedef struct
{
  gint64 wall;
  gint64 cpu;
} Watch;

static gint64
cpu_now (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static void
watch_start (Watch *watch)
{
  watch->wall = g_get_monotonic_time ();
  watch->cpu = cpu_now ();
}

static void
watch_report (const Watch *watch,
              const char  *what)
{
  g_test_message ("%s: %.4f s (CPU %.4f s)", what,
                  (g_get_monotonic_time () - watch->wall) / 1e6,
                  (cpu_now () - watch->cpu) / 1e6);
}

static LwLeadListModel *
open_million (LwStore **store)
{
  g_autoptr(GError) error = NULL;
  LwLeadListModel *model;
  Watch watch;

  ensure_million ();
  /* A connection of the list's own, as the GUI gives it. */
  *store = open_store (million_path);
  watch_start (&watch);
  model = lw_lead_list_model_new (*store, million_run, million_config, &error);
  g_assert_no_error (error);
  watch_report (&watch, "opening the model on 1,000,000 leads");
  return model;
}

static void
assert_within_bound (LwLeadListModel *model)
{
  guint bound = LW_LEAD_LIST_PAGE_SIZE * LW_LEAD_LIST_MAX_PAGES;

  g_assert_cmpuint (lw_lead_list_model_get_cached_rows (model), <=, bound);
  g_assert_cmpuint (lw_lead_list_model_get_peak_cached_rows (model), <=, bound);
}

static void
test_million_scroll (void)
{
  g_autoptr(LwStore) store = NULL;
  g_autoptr(LwLeadListModel) model = open_million (&store);
  GListModel *list = G_LIST_MODEL (model);
  guint pages_touched = 0;
  Watch watch;

  g_assert_cmpuint (g_list_model_get_n_items (list), ==, N_MILLION);
  g_assert_cmpuint (lw_lead_list_model_get_rows_loaded (model), ==, 0);

  /* The first screen, then the scrollbar dragged down in steps of 50,000,
   * a screen read at each, then the end. */
  for (guint i = 0; i < 60; i++)
    g_assert_cmpuint (row_id_at (model, i), ==, i + 1);
  pages_touched++;
  for (guint p = 50000; p < N_MILLION; p += 50000)
    {
      for (guint i = p; i < p + 60; i++)
        {
          g_autoptr(LwLeadRow) row = get_row (model, i);
          g_autofree char *email = g_strdup_printf ("lead%u@company%u.com", i + 1, (i + 1) % 1000);

          g_assert_cmpuint (lw_lead_row_get_id (row), ==, i + 1);
          if (i + 1 != SPECIAL_ID)
            g_assert_cmpstr (lw_lead_row_get_email (row), ==, email);
          assert_within_bound (model);
        }
      pages_touched += p / LW_LEAD_LIST_PAGE_SIZE != (p + 59) / LW_LEAD_LIST_PAGE_SIZE ? 2 : 1;
    }
  for (guint i = N_MILLION - 60; i < N_MILLION; i++)
    g_assert_cmpuint (row_id_at (model, i), ==, i + 1);
  pages_touched++;
  g_assert_null (g_list_model_get_item (list, N_MILLION));

  /* Position 0, the last one and every 50,000th. */
  for (guint p = 0; p < N_MILLION; p += 50000)
    g_assert_cmpuint (row_id_at (model, p), ==, p + 1);
  {
    g_autoptr(LwLeadRow) last = get_row (model, N_MILLION - 1);

    g_assert_cmpuint (lw_lead_row_get_id (last), ==, N_MILLION);
    g_assert_cmpstr (lw_lead_row_get_email (last), ==, "lead1000000@company0.com");
    g_assert_cmpstr (lw_lead_row_get_name (last), ==, "Ben Smith");   /* 10^6 % 7 = 1, 142857 % 11 = 0 */
    g_assert_cmpstr (lw_lead_row_get_company (last), ==, "Company 0");
    g_assert_cmpstr (lw_lead_row_get_owner (last), ==, NULL);          /* id % 10 == 0 */
    g_assert_cmpstr (lw_lead_row_get_stage (last), ==, "Subscriber");
    g_assert_cmpint (lw_lead_row_get_ttft (last), ==, -1);
    g_assert_cmpfloat (lw_lead_row_get_total (last), ==, million_fit (N_MILLION) +
                                                          million_engagement (N_MILLION));
  }
  assert_within_bound (model);

  /* Each page read once per visit, none twice in a row: far fewer rows than
   * the run's. */
  g_test_message ("rows loaded: %" G_GUINT64_FORMAT " (pages touched by the scroll: %u), peak cached: %u",
                  lw_lead_list_model_get_rows_loaded (model), pages_touched,
                  lw_lead_list_model_get_peak_cached_rows (model));
  g_assert_cmpuint (lw_lead_list_model_get_rows_loaded (model), <=,
                    (guint64) (pages_touched + 21) * LW_LEAD_LIST_PAGE_SIZE);
  g_assert_cmpuint (lw_lead_list_model_get_rows_loaded (model), <, N_MILLION / 50);

  /* A page miss far away. */
  watch_start (&watch);
  g_assert_cmpuint (row_id_at (model, 612345), ==, 612346);
  watch_report (&watch, "get_item at 612,345 (a page miss, by id)");
  watch_start (&watch);
  g_assert_cmpuint (row_id_at (model, 612346), ==, 612347);
  watch_report (&watch, "get_item at 612,346 (a page hit)");
}

static void
test_million_sort_search (void)
{
  g_autoptr(LwStore) store = NULL;
  g_autoptr(LwLeadListModel) model = open_million (&store);
  g_autoptr(GError) error = NULL;
  GListModel *list = G_LIST_MODEL (model);
  Changes changes = { 0, };
  guint32 top = 0, bottom = 0;
  double top_total = -1, bottom_total = G_MAXDOUBLE, previous;
  Watch watch;

  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), &changes);

  /* The first lead by total descending is the one with the highest total
   * and, among those, the lowest id; the last has the lowest total and,
   * among those, the highest id. */
  for (guint32 id = 1; id <= N_MILLION; id++)
    {
      double total = million_fit (id) + million_engagement (id);

      if (total > top_total)
        {
          top_total = total;
          top = id;
        }
      if (total <= bottom_total)
        {
          bottom_total = total;
          bottom = id;
        }
    }

  watch_start (&watch);
  g_assert_true (lw_lead_list_model_set_sort (model, LW_LEAD_COLUMN_TOTAL, TRUE, &error));
  g_assert_no_error (error);
  watch_report (&watch, "sorting 1,000,000 leads by total");
  g_assert_cmpuint (changes.count, ==, 1);
  g_assert_cmpuint (changes.position, ==, 0);
  g_assert_cmpuint (changes.removed, ==, N_MILLION);
  g_assert_cmpuint (changes.added, ==, N_MILLION);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, N_MILLION);

  g_assert_cmpuint (row_id_at (model, 0), ==, top);
  g_assert_cmpuint (row_id_at (model, N_MILLION - 1), ==, bottom);
  previous = G_MAXDOUBLE;
  for (guint p = 0; p < N_MILLION; p += 50000)
    for (guint i = p; i < p + 3; i++)
      {
        g_autoptr(LwLeadRow) row = get_row (model, i);
        double total = lw_lead_row_get_total (row);

        g_assert_cmpfloat (total, <=, previous);
        g_assert_cmpfloat (total, ==, million_fit (lw_lead_row_get_id (row)) +
                                      million_engagement (lw_lead_row_get_id (row)));
        previous = total;
      }
  assert_within_bound (model);

  watch_start (&watch);
  g_assert_cmpuint (row_id_at (model, 712345), >, 0);
  watch_report (&watch, "get_item at 712,345 (a page miss, by total)");

  /* On a worker thread, the main loop turning meanwhile: by company,
   * "Company 0" first (lead 1000 the first of them), "Company 999" last
   * (lead 999999 the last of them). */
  {
    Waiter waiter = { 0, };
    gint64 last, longest = 0;
    guint tick = g_timeout_add (5, tick_cb, NULL);

    watch_start (&watch);
    last = g_get_monotonic_time ();
    lw_lead_list_model_query_async (model, LW_LEAD_COLUMN_COMPANY, FALSE, NULL, NULL,
                                    query_done_cb, &waiter);
    while (!waiter.done)
      {
        gint64 now;

        g_main_context_iteration (NULL, TRUE);
        now = g_get_monotonic_time ();
        longest = MAX (longest, now - last);
        last = now;
      }
    g_source_remove (tick);
    g_assert_no_error (waiter.error);
    watch_report (&watch, "sorting 1,000,000 leads by company on a worker");
    g_test_message ("longest main-loop iteration meanwhile: %.1f ms", longest / 1e3);
    g_assert_cmpuint (changes.count, ==, 2);
    g_assert_cmpuint (row_id_at (model, 0), ==, 1000);
    g_assert_cmpuint (row_id_at (model, N_MILLION - 1), ==, 999999);
  }

  /* By email: "lead1000000@" is the first ("0" < "@"), Zoe the last. */
  watch_start (&watch);
  g_assert_true (lw_lead_list_model_set_sort (model, LW_LEAD_COLUMN_EMAIL, FALSE, &error));
  g_assert_no_error (error);
  watch_report (&watch, "sorting 1,000,000 leads by email");
  g_assert_cmpuint (changes.count, ==, 3);
  g_assert_cmpuint (row_id_at (model, 0), ==, 1000000);
  g_assert_cmpuint (row_id_at (model, 1), ==, 100000);
  g_assert_cmpuint (row_id_at (model, N_MILLION - 1), ==, SPECIAL_ID);

  /* An email, in other case, finds exactly that lead. */
  g_assert_true (lw_lead_list_model_set_sort (model, LW_LEAD_COLUMN_TOTAL, TRUE, &error));
  watch_start (&watch);
  g_assert_true (lw_lead_list_model_set_search (model, "ZOE.QUINN@example.org", &error));
  g_assert_no_error (error);
  watch_report (&watch, "searching 1,000,000 leads for an email");
  g_assert_cmpuint (changes.count, ==, 5);
  g_assert_cmpuint (changes.removed, ==, N_MILLION);
  g_assert_cmpuint (changes.added, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  {
    g_autoptr(LwLeadRow) row = get_row (model, 0);

    g_assert_cmpuint (lw_lead_row_get_id (row), ==, SPECIAL_ID);
    g_assert_cmpstr (lw_lead_row_get_email (row), ==, "Zoe.Quinn@Example.ORG");
  }

  g_assert_true (lw_lead_list_model_set_search (model, "lead77777@", &error));
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  g_assert_cmpuint (row_id_at (model, 0), ==, 77777);

  /* A name: Chloé is one lead in seven, Chloé Weber (id / 7 % 11 == 9) one
   * in 77: ids 2 + 7k with k % 11 == 9, i.e. 65, 142, ... */
  watch_start (&watch);
  g_assert_true (lw_lead_list_model_set_search (model, "chloé weber", &error));
  watch_report (&watch, "searching 1,000,000 leads for a name");
  {
    guint expected = 0;

    for (guint32 id = 1; id <= N_MILLION; id++)
      if (id % 7 == 2 && (id / 7) % 11 == 9)
        expected++;
    g_assert_cmpuint (g_list_model_get_n_items (list), ==, expected);
  }
  g_assert_cmpint (lw_lead_list_model_find (model, 65), >=, 0);
  g_assert_cmpint (lw_lead_list_model_find (model, 66), ==, -1);

  g_assert_true (lw_lead_list_model_set_search (model, NULL, &error));
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, N_MILLION);
  g_assert_cmpuint (row_id_at (model, 0), ==, top);
  assert_within_bound (model);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/lead-list/columns/names", test_columns_names);
  g_test_add_func ("/lead-list/store/sort-columns", test_store_sort_columns);
  g_test_add_func ("/lead-list/store/sort-descending", test_store_sort_descending);
  g_test_add_func ("/lead-list/store/search", test_store_search);
  g_test_add_func ("/lead-list/store/without-config", test_store_without_config);
  g_test_add_func ("/lead-list/store/rows", test_store_rows);
  g_test_add_func ("/lead-list/store/bad-input", test_store_bad_input);
  g_test_add_func ("/lead-list/row/update-notifies", test_row_update_notifies);
  g_test_add_func ("/lead-list/model/small", test_model_small);
  g_test_add_func ("/lead-list/model/cache-bound", test_model_cache_bound);
  g_test_add_func ("/lead-list/model/rows-outlive-model", test_model_rows_outlive_model);
  g_test_add_func ("/lead-list/model/bad-input", test_model_bad_input);
  g_test_add_func ("/lead-list/model/async", test_model_async);
  g_test_add_func ("/lead-list/model/refresh", test_model_refresh);
  g_test_add_func ("/lead-list/million/scroll", test_million_scroll);
  g_test_add_func ("/lead-list/million/sort-search", test_million_sort_search);

  status = g_test_run ();
  remove_million ();
  return status;
}
