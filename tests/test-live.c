/* test-live.c: live leads in the workspace and their SLA clocks
 *
 * Every clock runs on an injected time, never on sleeps. Times are worked
 * out by hand in the comments. 2026-03-13 is a Friday, 2026-03-16 a Monday;
 * Paris and Berlin are UTC+1 (CET) until 2026-03-29. Sophie works 09:00 to
 * 17:00 in Paris, Monday to Friday; the "demo" policy gives 30 business
 * minutes, warns 10 before, notifies the manager at 60 and reassigns at
 * 240; "bad-timing" pauses it. The "content" policy gives 120 calendar
 * minutes and warns 30 before.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "lw-lead-import.h"
#include "lw-live.h"
#include "lw-test-utils.h"

#define T(iso) lw_test_time (iso)

/* tests/data/live-team.json, read in main(). */
static char *config_json;

/* ---- helpers ------------------------------------------------------------------- */

typedef struct
{
  LwConfig *config;
  LwStore  *store;
  char     *path;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  f->config = lw_test_load_config (config_json);
  f->path = g_build_filename (g_get_user_data_dir (), "live.leadwright", NULL);
  f->store = lw_store_open (f->path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_pointer (&f->store, lw_store_unref);
  g_clear_pointer (&f->config, lw_config_unref);
  g_clear_pointer (&f->path, g_free);
}

/* A demo request from Ana Silva of Northbeam, given to @owner at @at. */
static gint64
add_demo_lead (Fixture    *f,
               const char *first_name,
               const char *owner,
               LwTime      at)
{
  g_autoptr(LwLead) lead = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = g_strdup_printf ("first_name=%s", first_name);
  gint64 id;

  lead = lw_test_lead (f->config, first, "last_name=Silva", "company=Northbeam", "region=EMEA",
                       "conversion=demo", NULL);
  id = lw_live_add (f->store, f->config, lead, NULL, owner, NULL, NULL, at, NULL, at, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static LwLiveLead *
get_lead (Fixture *f,
          gint64   id)
{
  g_autoptr(GError) error = NULL;
  LwLiveLead *lead = lw_store_get_live_lead (f->store, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (lead);
  return lead;
}

static void
clock_at (Fixture     *f,
          gint64       id,
          LwTime       now,
          LwLiveClock *clock)
{
  g_autoptr(LwLiveLead) lead = get_lead (f, id);

  lw_live_clock_compute (f->config, lead, now, clock);
}

/* Every alert alone, every team, in Paris. */
static LwAlerts *
new_alerts (void)
{
  g_autoptr(LwAlertSettings) settings = lw_alert_settings_new ();

  settings->time_zone = g_strdup ("Europe/Paris");
  settings->group_after = 0;
  return lw_alerts_new (settings);
}

/* Ticks @watch at @now: the alerts it gives. */
static GPtrArray *
tick (LwLiveWatch *watch,
      LwAlerts    *alerts,
      LwTime       now)
{
  g_autoptr(GError) error = NULL;
  guint n = G_MAXUINT;

  gboolean ok = lw_live_watch_tick (watch, alerts, now, &n, &error);

  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpuint (n, !=, G_MAXUINT);
  return lw_alerts_flush (alerts, now);
}

static void
assert_quiet_tick (LwLiveWatch *watch,
                   LwAlerts    *alerts,
                   LwTime       now)
{
  g_autoptr(GPtrArray) out = tick (watch, alerts, now);

  g_assert_cmpuint (out->len, ==, 0);
}

/* Ticks at @now and asserts one alert of @kind about lead @id. */
static LwAlert *
assert_one_alert (LwLiveWatch *watch,
                  LwAlerts    *alerts,
                  LwTime       now,
                  LwAlertKind  kind,
                  gint64       id)
{
  g_autoptr(GPtrArray) out = tick (watch, alerts, now);
  const LwAlert *alert;

  g_assert_cmpuint (out->len, ==, 1);
  alert = g_ptr_array_index (out, 0);
  g_assert_cmpint (alert->kind, ==, kind);
  g_assert_cmpint (alert->run, ==, 0);
  g_assert_cmpint (alert->lead, ==, id);
  return lw_alert_copy (alert);
}

static guint
count_rows (Fixture    *f,
            const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", table);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  guint n;

  g_assert_cmpint (sqlite3_open_v2 (f->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = (guint) sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

/* ---- the store ------------------------------------------------------------------- */

static void
test_store_add_get_list (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(LwLiveLead) lead = lw_live_lead_new ();
  g_autoptr(LwLiveLead) got = NULL;
  g_autoptr(LwLiveLead) found = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) open = NULL;
  g_autoptr(GError) error = NULL;
  LwTime t = T ("2026-03-16T09:00:00Z");
  const LwLiveAssignment *a;
  gint64 id, bare;

  lead->external_id = g_strdup ("00Q5e000001");
  lead->created_at = t - 600;
  lead->properties = g_strdup ("{\"first_name\": \"Ana\", \"employees\": 250}");
  lead->owner = g_strdup ("sophie");
  lead->assigned_at = t;
  lead->status = g_strdup ("new");
  lead->stage = g_strdup ("lead");
  lead->policy = g_strdup ("demo");
  lead->deadline = t + 1800;
  id = lw_store_add_live_lead (f->store, lead, t + 5, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, ==, 1);

  got = lw_store_get_live_lead (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (got->id, ==, 1);
  g_assert_cmpstr (got->external_id, ==, "00Q5e000001");
  g_assert_cmpint (got->created_at, ==, t - 600);
  g_assert_cmpint (got->updated_at, ==, t + 5);
  g_assert_cmpstr (got->properties, ==, "{\"first_name\": \"Ana\", \"employees\": 250}");
  g_assert_cmpstr (got->owner, ==, "sophie");
  g_assert_cmpstr (got->status, ==, "new");
  g_assert_cmpstr (got->stage, ==, "lead");
  g_assert_cmpstr (got->policy, ==, "demo");
  g_assert_cmpint (got->assigned_at, ==, t);
  g_assert_cmpint (got->first_touch_at, ==, 0);
  g_assert_cmpint (got->deadline, ==, t + 1800);
  g_assert_cmpuint (got->touches, ==, 0);
  g_assert_cmpuint (got->assignments->len, ==, 1);
  a = &g_array_index (got->assignments, LwLiveAssignment, 0);
  g_assert_cmpint (a->at, ==, t);
  g_assert_cmpstr (a->owner, ==, "sophie");
  g_assert_cmpint (a->reason, ==, LW_LIVE_ASSIGN_ROUTED);
  g_assert_cmpint (a->step, ==, -1);
  g_assert_cmpuint (got->status_changes->len, ==, 1);
  g_assert_cmpint (g_array_index (got->status_changes, LwLiveStatusChange, 0).at, ==, t - 600);
  g_assert_cmpstr (g_array_index (got->status_changes, LwLiveStatusChange, 0).status, ==, "new");

  found = lw_store_find_live_lead (f->store, "00Q5e000001", &error);
  g_assert_no_error (error);
  g_assert_cmpint (found->id, ==, 1);

  /* A lead with nothing but its time: unassigned, no status. */
  {
    g_autoptr(LwLiveLead) empty = lw_live_lead_new ();
    g_autoptr(LwLiveLead) back = NULL;

    empty->created_at = t;
    bare = lw_store_add_live_lead (f->store, empty, t, &error);
    g_assert_no_error (error);
    back = get_lead (f, bare);
    g_assert_cmpstr (back->properties, ==, "{}");
    g_assert_null (back->owner);
    g_assert_null (back->external_id);
    g_assert_cmpint (back->assigned_at, ==, 0);
    g_assert_cmpuint (back->assignments->len, ==, 0);
    g_assert_cmpuint (back->status_changes->len, ==, 0);
  }

  /* A manual reassignment and status changes go to the history. */
  g_assert_true (lw_store_assign_live_lead (f->store, id, "lukas", LW_LIVE_ASSIGN_MANUAL, -1, t + 60, &error));
  g_assert_true (lw_store_set_live_status (f->store, id, "attempting", t + 120, &error));
  g_assert_true (lw_store_assign_live_lead (f->store, id, "sophie", LW_LIVE_ASSIGN_ESCALATION, 1, t + 180, &error));
  g_assert_no_error (error);
  g_clear_pointer (&got, lw_live_lead_free);
  got = get_lead (f, id);
  g_assert_cmpstr (got->owner, ==, "sophie");
  g_assert_cmpstr (got->status, ==, "attempting");
  g_assert_cmpint (got->assigned_at, ==, t);          /* the first assignment */
  g_assert_cmpint (got->updated_at, ==, t + 180);
  g_assert_cmpuint (got->assignments->len, ==, 3);
  a = &g_array_index (got->assignments, LwLiveAssignment, 1);
  g_assert_cmpstr (a->owner, ==, "lukas");
  g_assert_cmpint (a->reason, ==, LW_LIVE_ASSIGN_MANUAL);
  a = &g_array_index (got->assignments, LwLiveAssignment, 2);
  g_assert_cmpint (a->reason, ==, LW_LIVE_ASSIGN_ESCALATION);
  g_assert_cmpint (a->step, ==, 1);
  g_assert_cmpuint (got->status_changes->len, ==, 2);

  all = lw_store_list_live_leads (f->store, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 2);
  g_assert_cmpuint (((LwLiveLead *) g_ptr_array_index (all, 0))->assignments->len, ==, 3);
  /* Open: assigned and untouched. The bare lead has no owner. */
  open = lw_store_list_live_leads (f->store, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (open->len, ==, 1);
  g_assert_cmpint (((LwLiveLead *) g_ptr_array_index (open, 0))->id, ==, id);

  g_assert_true (lw_store_set_live_deadline (f->store, id, t + 999, &error));
  g_assert_true (lw_store_set_live_policy (f->store, id, "content", &error));
  g_clear_pointer (&got, lw_live_lead_free);
  got = get_lead (f, id);
  g_assert_cmpint (got->deadline, ==, t + 999);
  g_assert_cmpstr (got->policy, ==, "content");
  g_assert_true (lw_store_set_live_policy (f->store, id, NULL, &error));
  g_assert_true (lw_store_set_live_deadline (f->store, id, 0, &error));
  g_clear_pointer (&got, lw_live_lead_free);
  got = get_lead (f, id);
  g_assert_null (got->policy);
  g_assert_cmpint (got->deadline, ==, 0);

  /* Deleting takes the history along. */
  g_assert_true (lw_store_delete_live_lead (f->store, id, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_rows (f, "live_assignments"), ==, 0);
  g_assert_cmpuint (count_rows (f, "live_status_changes"), ==, 0);
  g_assert_null (lw_store_get_live_lead (f->store, id, &error));
  g_assert_error (error, LW_STORE_ERROR, LW_STORE_ERROR_NOT_FOUND);
  g_assert_true (lw_store_check_integrity (f->store, NULL));
}

static void
test_store_touches (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) touches = NULL;
  g_autoptr(GPtrArray) open = NULL;
  g_autoptr(LwLiveLead) lead = NULL;
  g_autoptr(GError) error = NULL;
  LwTime t = T ("2026-03-16T09:00:00Z");
  gint64 id = add_demo_lead (f, "Ana", "sophie", t);
  const LwLiveTouch *touch;
  gint64 first, second;

  /* An email at 09:20, logged at once; a call at 09:05, logged late. */
  first = lw_store_log_live_touch (f->store, id, LW_TOUCH_EMAIL, t + 1200, "sophie", "Sent the deck",
                                   t + 1210, &error);
  g_assert_no_error (error);
  second = lw_store_log_live_touch (f->store, id, LW_TOUCH_CALL, t + 300, NULL, NULL, t + 1800, &error);
  g_assert_no_error (error);
  g_assert_cmpint (second, >, first);

  lead = get_lead (f, id);
  g_assert_cmpint (lead->first_touch_at, ==, t + 300);
  g_assert_cmpuint (lead->touches, ==, 2);
  g_assert_cmpint (lead->updated_at, ==, t + 1800);

  touches = lw_store_list_live_touches (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (touches->len, ==, 2);
  touch = g_ptr_array_index (touches, 0);
  g_assert_cmpint (touch->id, ==, second);
  g_assert_cmpint (touch->kind, ==, LW_TOUCH_CALL);
  g_assert_cmpint (touch->at, ==, t + 300);
  g_assert_null (touch->rep);
  g_assert_cmpstr (touch->note, ==, "");
  g_assert_cmpint (touch->logged_at, ==, t + 1800);
  touch = g_ptr_array_index (touches, 1);
  g_assert_cmpint (touch->kind, ==, LW_TOUCH_EMAIL);
  g_assert_cmpstr (touch->rep, ==, "sophie");
  g_assert_cmpstr (touch->note, ==, "Sent the deck");

  /* Touched: no longer open. */
  open = lw_store_list_live_leads (f->store, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (open->len, ==, 0);

  {
    LwTouchKind kind;

    g_assert_true (lw_touch_kind_from_string ("meeting", &kind));
    g_assert_cmpint (kind, ==, LW_TOUCH_MEETING);
    g_assert_false (lw_touch_kind_from_string ("fax", &kind));
    g_assert_false (lw_touch_kind_from_string (NULL, &kind));
    g_assert_cmpstr (lw_touch_kind_to_string (LW_TOUCH_EMAIL), ==, "email");
    g_assert_null (lw_touch_kind_to_string (LW_N_TOUCH_KINDS));
  }
}

static void
test_store_bad_input (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(LwLiveLead) lead = lw_live_lead_new ();
  g_autoptr(GError) error = NULL;
  LwTime t = T ("2026-03-16T09:00:00Z");
  LwAlertRecord alert = { 0, };
  LwAlertRecord member = { 0, };
  gint64 id;
  struct { const char *properties; const char *fragment; } bad_props[] = {
    { "[1, 2]", "must be a JSON object" },
    { "{\"first_name\": ", "not valid JSON" },
    { "\"Ana\"", "must be a JSON object" },
    { "{\"name\": \"\xff\"}", "not valid JSON" },
  };

  lead->created_at = t;
  lead->external_id = g_strdup ("X-1");
  id = lw_store_add_live_lead (f->store, lead, t, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (bad_props); i++)
    {
      g_autoptr(LwLiveLead) bad = lw_live_lead_new ();

      bad->created_at = t;
      bad->properties = g_strdup (bad_props[i].properties);
      g_assert_cmpint (lw_store_add_live_lead (f->store, bad, t, &error), ==, 0);
      g_assert_error (error, LW_STORE_ERROR, LW_STORE_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, bad_props[i].fragment));
      g_clear_error (&error);
    }

  /* The external id is taken. */
  g_assert_cmpint (lw_store_add_live_lead (f->store, lead, t, &error), ==, 0);
  g_assert_error (error, LW_STORE_ERROR, LW_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "The external id “X-1” is already live lead 1");
  g_clear_error (&error);

  /* Times out of order. */
  g_clear_pointer (&lead->external_id, g_free);
  lead->created_at = 0;
  g_assert_cmpint (lw_store_add_live_lead (f->store, lead, t, &error), ==, 0);
  g_assert_error (error, LW_STORE_ERROR, LW_STORE_ERROR_INVALID);
  g_clear_error (&error);
  lead->created_at = t + 60;
  g_assert_cmpint (lw_store_add_live_lead (f->store, lead, t, &error), ==, 0);
  g_assert_error (error, LW_STORE_ERROR, LW_STORE_ERROR_INVALID);
  g_clear_error (&error);
  lead->created_at = t;
  lead->owner = g_strdup ("sophie");
  lead->assigned_at = t - 1;
  g_assert_cmpint (lw_store_add_live_lead (f->store, lead, t, &error), ==, 0);
  g_assert_error (error, LW_STORE_ERROR, LW_STORE_ERROR_INVALID);
  g_clear_error (&error);
  lead->assigned_at = t + 1;
  g_assert_cmpint (lw_store_add_live_lead (f->store, lead, t, &error), ==, 0);
  g_assert_error (error, LW_STORE_ERROR, LW_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_free (lead->owner);
  lead->owner = g_strdup ("");
  lead->assigned_at = 0;
  g_assert_cmpint (lw_store_add_live_lead (f->store, lead, t, &error), ==, 0);
  g_assert_error (error, LW_STORE_ERROR, LW_STORE_ERROR_INVALID);
  g_clear_error (&error);
  /* None of those wrote anything. */
  g_assert_cmpuint (count_rows (f, "live_leads"), ==, 1);
  g_assert_cmpuint (count_rows (f, "live_assignments"), ==, 0);

  g_assert_true (lw_store_assign_live_lead (f->store, id, "sophie", LW_LIVE_ASSIGN_MANUAL, -1, t + 100, &error));
  g_assert_false (lw_store_assign_live_lead (f->store, id, "lukas", LW_LIVE_ASSIGN_MANUAL, -1, t + 99, &error));
  g_assert_error (error, LW_STORE_ERROR, LW_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "only moves forward"));
  g_clear_error (&error);
  g_assert_false (lw_store_assign_live_lead (f->store, id, "lukas", LW_LIVE_ASSIGN_MANUAL, -1, t - 1, &error));
  g_assert_error (error, LW_STORE_ERROR, LW_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (lw_store_assign_live_lead (f->store, id, "", LW_LIVE_ASSIGN_MANUAL, -1, t + 200, &error));
  g_assert_error (error, LW_STORE_ERROR, LW_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (lw_store_set_live_status (f->store, id, "new", t + 50, &error));
  g_assert_false (lw_store_set_live_status (f->store, id, "attempting", t + 49, &error));
  g_assert_error (error, LW_STORE_ERROR, LW_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (lw_store_set_live_status (f->store, id, "", t + 60, &error));
  g_assert_error (error, LW_STORE_ERROR, LW_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* Touches: not in the future, not before the lead, a real kind. */
  g_assert_cmpint (lw_store_log_live_touch (f->store, id, LW_TOUCH_CALL, t + 61, NULL, NULL, t + 60, &error), ==, 0);
  g_assert_error (error, LW_STORE_ERROR, LW_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "A touch cannot be dated in the future");
  g_clear_error (&error);
  g_assert_cmpint (lw_store_log_live_touch (f->store, id, LW_TOUCH_CALL, t - 1, NULL, NULL, t + 60, &error), ==, 0);
  g_assert_error (error, LW_STORE_ERROR, LW_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "A touch cannot be dated before the lead was created");
  g_clear_error (&error);
  g_assert_cmpint (lw_store_log_live_touch (f->store, id, (LwTouchKind) 7, t, NULL, NULL, t, &error), ==, 0);
  g_assert_error (error, LW_STORE_ERROR, LW_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (count_rows (f, "live_touches"), ==, 0);
  g_assert_false (lw_store_set_live_deadline (f->store, id, -5, &error));
  g_assert_error (error, LW_STORE_ERROR, LW_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* No such lead. */
  g_assert_null (lw_store_get_live_lead (f->store, 42, &error));
  g_assert_error (error, LW_STORE_ERROR, LW_STORE_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "There is no live lead 42");
  g_clear_error (&error);
  g_assert_null (lw_store_find_live_lead (f->store, "nope", &error));
  g_assert_error (error, LW_STORE_ERROR, LW_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (lw_store_assign_live_lead (f->store, 42, "sophie", LW_LIVE_ASSIGN_MANUAL, -1, t, &error));
  g_assert_error (error, LW_STORE_ERROR, LW_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (lw_store_set_live_status (f->store, 42, "new", t, &error));
  g_assert_error (error, LW_STORE_ERROR, LW_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (lw_store_log_live_touch (f->store, 42, LW_TOUCH_CALL, t, NULL, NULL, t, &error), ==, 0);
  g_assert_error (error, LW_STORE_ERROR, LW_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (lw_store_list_live_touches (f->store, 42, &error));
  g_assert_error (error, LW_STORE_ERROR, LW_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (lw_store_set_live_deadline (f->store, 42, t, &error));
  g_assert_error (error, LW_STORE_ERROR, LW_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (lw_store_delete_live_lead (f->store, 42, &error));
  g_assert_error (error, LW_STORE_ERROR, LW_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Alerts: a summary names no lead, an alert names one, only a summary
   * stands for others. */
  alert.kind = LW_ALERT_SUMMARY;
  alert.created_at = t;
  alert.recipient = "henrik";
  alert.summary = "2 leads breached their SLA";
  alert.lead = id;
  g_assert_cmpint (lw_store_add_alert (f->store, &alert, NULL, 0, &error), ==, 0);
  g_assert_error (error, LW_STORE_ERROR, LW_STORE_ERROR_INVALID);
  g_clear_error (&error);
  alert.kind = LW_ALERT_BREACH;
  alert.lead = 0;
  g_assert_cmpint (lw_store_add_alert (f->store, &alert, NULL, 0, &error), ==, 0);
  g_assert_error (error, LW_STORE_ERROR, LW_STORE_ERROR_INVALID);
  g_clear_error (&error);
  alert.lead = id;
  member = alert;
  g_assert_cmpint (lw_store_add_alert (f->store, &alert, &member, 1, &error), ==, 0);
  g_assert_error (error, LW_STORE_ERROR, LW_STORE_ERROR_INVALID);
  g_clear_error (&error);
  alert.recipient = NULL;
  g_assert_cmpint (lw_store_add_alert (f->store, &alert, NULL, 0, &error), ==, 0);
  g_assert_error (error, LW_STORE_ERROR, LW_STORE_ERROR_INVALID);
  g_clear_error (&error);
  /* An alert about a lead the workspace does not have. */
  alert.recipient = "henrik";
  alert.lead = 42;
  g_assert_cmpint (lw_store_add_alert (f->store, &alert, NULL, 0, &error), ==, 0);
  g_assert_error (error, LW_STORE_ERROR, LW_STORE_ERROR_INVALID);
  g_clear_error (&error);
  /* A summary whose member is wrong writes nothing at all. */
  alert.kind = LW_ALERT_SUMMARY;
  alert.lead = 0;
  member.lead = 42;
  g_assert_cmpint (lw_store_add_alert (f->store, &alert, &member, 1, &error), ==, 0);
  g_assert_error (error, LW_STORE_ERROR, LW_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (count_rows (f, "alerts"), ==, 0);

  g_assert_true (lw_store_check_integrity (f->store, NULL));
}

/* A workspace of schema 2 had an alerts table that took three kinds; its
 * rows come through the migration. */
static void
test_store_migrate_v2 (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  const LwAlertRecord *record;
  sqlite3 *db = NULL;

  g_clear_pointer (&f->store, lw_store_unref);
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
    "BEGIN;"
    "DROP TABLE live_assignments; DROP TABLE live_status_changes; DROP TABLE live_touches;"
    "DROP INDEX live_leads_open; DROP TABLE alerts;"
    "CREATE TABLE alerts (id INTEGER PRIMARY KEY, created_at INTEGER NOT NULL,"
    "  kind TEXT NOT NULL CHECK (kind IN ('warning', 'breach', 'escalation')),"
    "  run_id INTEGER REFERENCES runs (id) ON DELETE CASCADE, lead_id INTEGER,"
    "  live_lead INTEGER REFERENCES live_leads (id) ON DELETE CASCADE,"
    "  recipient TEXT NOT NULL, message TEXT NOT NULL, due_at INTEGER, shown_at INTEGER,"
    "  CHECK ((run_id IS NULL) <> (live_lead IS NULL)));"
    "CREATE INDEX alerts_pending ON alerts (shown_at, created_at);"
    "INSERT INTO live_leads (id, created_at, updated_at, owner) VALUES (1, 100, 100, 'sophie');"
    "INSERT INTO alerts (created_at, kind, live_lead, recipient, message, due_at, shown_at)"
    "  VALUES (200, 'breach', 1, 'henrik', 'SLA breached: Ana', 150, 201);"
    "PRAGMA user_version = 2;"
    "COMMIT;", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  f->store = lw_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (lw_store_check_integrity (f->store, NULL));
  records = lw_store_list_alerts (f->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 1);
  record = g_ptr_array_index (records, 0);
  g_assert_cmpint (record->kind, ==, LW_ALERT_BREACH);
  g_assert_cmpint (record->urgency, ==, LW_ALERT_URGENCY_NORMAL);
  g_assert_cmpint (record->lead, ==, 1);
  g_assert_cmpint (record->run, ==, 0);
  g_assert_cmpstr (record->summary, ==, "SLA breached: Ana");
  g_assert_cmpstr (record->body, ==, "");
  g_assert_cmpstr (record->recipient, ==, "henrik");
  g_assert_cmpint (record->due_at, ==, 150);
  g_assert_cmpint (record->shown_at, ==, 201);

  /* The history tables are there. */
  g_assert_true (lw_store_assign_live_lead (f->store, 1, "lukas", LW_LIVE_ASSIGN_MANUAL, -1, 300, &error));
  g_assert_no_error (error);
  g_assert_cmpint (lw_store_log_live_touch (f->store, 1, LW_TOUCH_MEETING, 310, NULL, NULL, 320, &error), >, 0);
  g_assert_no_error (error);
}

/* ---- adding by the rules ---------------------------------------------------------- */

static void
test_add_routes_and_selects (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(LwLead) emea = lw_test_lead (f->config, "first_name=Ana", "region=EMEA", "conversion=demo", NULL);
  g_autoptr(LwLead) na = lw_test_lead (f->config, "first_name=Ben", "region=NA", "conversion=content",
                                       "source=chat", NULL);
  g_autoptr(LwLiveLead) a = NULL;
  g_autoptr(LwLiveLead) b = NULL;
  g_autoptr(LwLead) back = NULL;
  g_autoptr(GError) error = NULL;
  LwTime t = T ("2026-03-16T09:00:00Z");    /* 10:00 in Paris */
  gint64 ia, ib;

  ia = lw_live_add (f->store, f->config, emea, "CRM-1", NULL, "new", NULL, t, NULL, t, &error);
  g_assert_no_error (error);
  ib = lw_live_add (f->store, f->config, na, NULL, NULL, NULL, NULL, t, NULL, t + 30, &error);
  g_assert_no_error (error);

  /* EMEA goes to the EMEA pool, on the demo policy: 30 business minutes
   * from 10:00 Paris is 10:30, 09:30Z. */
  a = get_lead (f, ia);
  g_assert_true (g_strcmp0 (a->owner, "sophie") == 0 || g_strcmp0 (a->owner, "lukas") == 0);
  g_assert_cmpstr (a->policy, ==, "demo");
  g_assert_cmpstr (a->status, ==, "new");
  g_assert_cmpstr (a->external_id, ==, "CRM-1");
  g_assert_cmpint (a->assigned_at, ==, t);
  g_assert_cmpint (a->deadline, ==, T ("2026-03-16T09:30:00Z"));
  /* North America has no rule: the fallback; any lead is on "content",
   * 120 calendar minutes. */
  b = get_lead (f, ib);
  g_assert_cmpstr (b->owner, ==, "jake");
  g_assert_cmpstr (b->policy, ==, "content");
  g_assert_cmpint (b->deadline, ==, t + 120 * 60);
  g_assert_cmpint (b->updated_at, ==, t + 30);
  /* Its values are kept as JSON, where it came from too. */
  g_assert_cmpstr (b->properties, ==, "{\"source\":\"chat\",\"first_name\":\"Ben\",\"region\":\"NA\","
                                      "\"conversion\":\"content\"}");
  {
    g_autoptr(LwLead) ben = lw_live_lead_to_lead (f->config, b);
    g_autofree char *source = lw_lead_dup_text (ben, f->config,
                                                lw_config_builtin (f->config, LW_BUILTIN_SOURCE)->index);

    g_assert_cmpstr (source, ==, "chat");
  }

  /* The values come back as a lead of the rules. */
  back = lw_live_lead_to_lead (f->config, a);
  {
    g_autofree char *first = lw_lead_dup_text (back, f->config, lw_config_find_property (f->config, "first_name")->index);
    g_autofree char *region = lw_lead_dup_text (back, f->config, lw_config_find_property (f->config, "region")->index);
    g_autofree char *status = lw_lead_dup_text (back, f->config, lw_config_builtin (f->config, LW_BUILTIN_LEAD_STATUS)->index);

    g_autofree char *source = lw_lead_dup_text (back, f->config, lw_config_builtin (f->config, LW_BUILTIN_SOURCE)->index);

    g_assert_cmpstr (first, ==, "Ana");
    g_assert_cmpstr (region, ==, "EMEA");
    g_assert_cmpstr (status, ==, "new");
    /* Entered by hand. */
    g_assert_cmpstr (source, ==, "manual");
  }

  /* A policy the rules lost: the lead falls to the one that applies now. */
  g_assert_true (lw_store_set_live_policy (f->store, ia, "renamed-away", &error));
  g_clear_pointer (&a, lw_live_lead_free);
  a = get_lead (f, ia);
  g_assert_cmpstr (lw_live_find_policy (f->config, a)->id, ==, "demo");
}

/* A lead entered by hand is scored before it is routed: a rule on the
 * fit score sees the score its properties give. */
static void
test_add_scores_before_routing (void)
{
  g_autoptr(GString) json = g_string_new (config_json);
  g_autoptr(LwConfig) config = NULL;
  g_autoptr(LwStore) store = NULL;
  g_autoptr(LwLead) na = NULL;
  g_autoptr(LwLead) emea = NULL;
  g_autoptr(LwLiveLead) hot = NULL;
  g_autoptr(LwLiveLead) cold = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "scored.leadwright", NULL);
  LwTime t = T ("2026-03-16T09:00:00Z");
  gint64 ih, ic;

  /* North America is worth 30 fit points; 30 or more goes to Maria. */
  g_assert_cmpuint (g_string_replace (json, "\"fit\": { \"criteria\": [] }",
                                      "\"fit\": { \"criteria\": [ { \"id\": \"na\", \"label\": \"NA\", \"points\": 30,"
                                      " \"when\": { \"filterGroups\": [ { \"filters\": [ { \"propertyName\": \"region\","
                                      " \"operator\": \"EQ\", \"value\": \"NA\" } ] } ] } } ] }", 1), ==, 1);
  g_assert_cmpuint (g_string_replace (json, "    \"rules\": [\n",
                                      "    \"rules\": [\n"
                                      "      { \"id\": \"hot\", \"label\": \"Good fit\",\n"
                                      "        \"when\": { \"filterGroups\": [ { \"filters\": [ { \"propertyName\": \"fit_score\","
                                      " \"operator\": \"GTE\", \"value\": \"30\" } ] } ] },\n"
                                      "        \"assign\": { \"type\": \"owner\", \"owner\": \"maria\" } },\n", 1), ==, 1);
  config = lw_test_load_config (json->str);
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  store = lw_store_open (path, &error);
  g_assert_no_error (error);

  na = lw_test_lead (config, "first_name=Ben", "region=NA", NULL);
  emea = lw_test_lead (config, "first_name=Ana", "region=EMEA", NULL);
  ih = lw_live_add (store, config, na, NULL, NULL, NULL, NULL, t, NULL, t, &error);
  g_assert_no_error (error);
  ic = lw_live_add (store, config, emea, NULL, NULL, NULL, NULL, t, NULL, t, &error);
  g_assert_no_error (error);

  hot = lw_store_get_live_lead (store, ih, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hot->owner, ==, "maria");
  /* EMEA scores 0: on to the EMEA pool. */
  cold = lw_store_get_live_lead (store, ic, &error);
  g_assert_no_error (error);
  g_assert_true (g_strcmp0 (cold->owner, "sophie") == 0 || g_strcmp0 (cold->owner, "lukas") == 0);
}

static void
test_add_bad_input (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(LwLead) lead = lw_test_lead (f->config, "first_name=Ana", NULL);
  g_autoptr(GError) error = NULL;
  LwTime t = T ("2026-03-16T09:00:00Z");
  gint64 id;

  g_assert_cmpint (lw_live_add (f->store, f->config, lead, NULL, "nobody", NULL, NULL, t, NULL, t, &error), ==, 0);
  g_assert_error (error, LW_LIVE_ERROR, LW_LIVE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "There is no rep “nobody” in the team");
  g_clear_error (&error);
  g_assert_cmpint (lw_live_add (f->store, f->config, lead, NULL, NULL, "lost", NULL, t, NULL, t, &error), ==, 0);
  g_assert_error (error, LW_LIVE_ERROR, LW_LIVE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "There is no lead status “lost”");
  g_clear_error (&error);
  g_assert_cmpint (lw_live_add (f->store, f->config, lead, NULL, NULL, NULL, "mql", t, NULL, t, &error), ==, 0);
  g_assert_error (error, LW_LIVE_ERROR, LW_LIVE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (lw_live_add (f->store, f->config, lead, NULL, NULL, NULL, NULL, t + 1, NULL, t, &error), ==, 0);
  g_assert_error (error, LW_STORE_ERROR, LW_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (count_rows (f, "live_leads"), ==, 0);

  id = lw_live_add (f->store, f->config, lead, NULL, "sophie", NULL, NULL, t, NULL, t, &error);
  g_assert_no_error (error);
  g_assert_false (lw_live_log_touch (f->store, f->config, id, LW_TOUCH_CALL, t, "nobody", NULL, t, &error));
  g_assert_error (error, LW_LIVE_ERROR, LW_LIVE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (lw_live_set_status (f->store, f->config, id, "lost", t, t, &error));
  g_assert_error (error, LW_LIVE_ERROR, LW_LIVE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (lw_live_set_status (f->store, f->config, id, "new", t + 10, t, &error));
  g_assert_error (error, LW_LIVE_ERROR, LW_LIVE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (lw_live_assign (f->store, f->config, id, "nobody", t, t, &error));
  g_assert_error (error, LW_LIVE_ERROR, LW_LIVE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (lw_live_assign (f->store, f->config, 99, "lukas", t, t, &error));
  g_assert_error (error, LW_STORE_ERROR, LW_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpuint (count_rows (f, "live_touches"), ==, 0);
  g_assert_cmpuint (count_rows (f, "live_status_changes"), ==, 0);
  g_assert_cmpuint (count_rows (f, "live_assignments"), ==, 1);
}

/* ---- clocks ------------------------------------------------------------------------ */

/* Given to Sophie on Friday at 16:40 Paris (15:40Z): 20 business minutes
 * are left on Friday, so the warning (at 20) comes at 17:00 Friday, the
 * deadline (30) on Monday at 09:10 (08:10Z), the manager is told at 60,
 * Monday 09:40 (08:40Z), and the lead is reassigned at 240, Monday 12:40
 * (11:40Z). On a calendar clock it would have breached on Friday at
 * 17:10. */
static void
test_clock_business_hours (Fixture       *f,
                           gconstpointer  data)
{
  LwTime given = T ("2026-03-13T15:40:00Z");
  gint64 id = add_demo_lead (f, "Ana", "sophie", given);
  g_autoptr(LwAlerts) alerts = new_alerts ();
  g_autoptr(LwLiveWatch) watch = lw_live_watch_new (f->store, f->config, given);
  g_autoptr(LwAlert) alert = NULL;
  g_autoptr(LwLiveLead) lead = NULL;
  LwLiveClock clock;

  clock_at (f, id, T ("2026-03-13T15:59:59Z"), &clock);
  g_assert_cmpint (clock.state, ==, LW_LIVE_RUNNING);
  g_assert_cmpstr (clock.policy->id, ==, "demo");
  g_assert_cmpstr (clock.owner->id, ==, "sophie");
  g_assert_cmpint (clock.start, ==, given);
  g_assert_cmpint (clock.warn_at, ==, T ("2026-03-13T16:00:00Z"));
  g_assert_cmpint (clock.deadline, ==, T ("2026-03-16T08:10:00Z"));
  g_assert_false (clock.warned);
  g_assert_cmpint (clock.next_due, ==, T ("2026-03-13T16:00:00Z"));
  /* 19 business minutes gone (whole minutes): 11 left. */
  g_assert_cmpint (clock.left, ==, 11 * 60);

  /* Saturday noon: 20 minutes gone, 10 left; the deadline is next. */
  clock_at (f, id, T ("2026-03-14T12:00:00Z"), &clock);
  g_assert_cmpint (clock.state, ==, LW_LIVE_RUNNING);
  g_assert_true (clock.warned);
  g_assert_cmpint (clock.left, ==, 10 * 60);
  g_assert_cmpint (clock.next_due, ==, T ("2026-03-16T08:10:00Z"));

  assert_quiet_tick (watch, alerts, T ("2026-03-13T15:59:59Z"));
  g_assert_cmpint (lw_live_watch_get_next_due (watch), ==, T ("2026-03-13T16:00:00Z"));
  alert = assert_one_alert (watch, alerts, T ("2026-03-13T16:00:00Z"), LW_ALERT_WARNING, id);
  g_assert_cmpstr (alert->summary, ==, "SLA warning: Ana Silva (Northbeam)");
  g_assert_cmpstr (alert->body, ==, "Demo requests: first touch due at Mon 16 Mar 09:10, 10 minutes left.\n"
                                    "Owner: Sophie Martin");
  g_assert_cmpint (alert->due_at, ==, T ("2026-03-13T16:00:00Z"));
  g_clear_pointer (&alert, lw_alert_free);
  g_assert_cmpint (lw_live_watch_get_next_due (watch), ==, T ("2026-03-16T08:10:00Z"));

  /* Nothing over the weekend, nor at the calendar deadline. */
  assert_quiet_tick (watch, alerts, T ("2026-03-13T16:10:00Z"));
  assert_quiet_tick (watch, alerts, T ("2026-03-14T12:00:00Z"));
  assert_quiet_tick (watch, alerts, T ("2026-03-16T08:09:59Z"));

  alert = assert_one_alert (watch, alerts, T ("2026-03-16T08:10:00Z"), LW_ALERT_BREACH, id);
  g_assert_cmpstr (alert->body, ==, "Demo requests: first touch was due at 09:10, now overdue.\nOwner: Sophie Martin");
  g_clear_pointer (&alert, lw_alert_free);
  clock_at (f, id, T ("2026-03-16T08:25:00Z"), &clock);
  g_assert_cmpint (clock.state, ==, LW_LIVE_OVERDUE);
  g_assert_cmpint (clock.left, ==, -15 * 60);
  g_assert_true (clock.breached);

  alert = assert_one_alert (watch, alerts, T ("2026-03-16T08:40:00Z"), LW_ALERT_ESCALATION, id);
  g_assert_cmpstr (alert->body, ==, "Demo requests: first touch was due at 09:10, overdue by 30 minutes. "
                                    "Escalated to Henrik Larsen.\nOwner: Sophie Martin");
  g_clear_pointer (&alert, lw_alert_free);

  assert_quiet_tick (watch, alerts, T ("2026-03-16T11:39:59Z"));
  alert = assert_one_alert (watch, alerts, T ("2026-03-16T11:40:00Z"), LW_ALERT_REASSIGNMENT, id);
  g_assert_cmpstr (alert->summary, ==, "Lead reassigned: Ana Silva (Northbeam)");
  g_assert_cmpstr (alert->body, ==, "Demo requests: untouched by Sophie Martin, overdue by 3 hours 30 minutes.\n"
                                    "New owner: Lukas Weber");
  g_clear_pointer (&alert, lw_alert_free);

  /* Recorded: Lukas owns it from 11:40Z, by the second escalation step;
   * the deadline it missed stays its deadline. */
  lead = get_lead (f, id);
  g_assert_cmpstr (lead->owner, ==, "lukas");
  g_assert_cmpuint (lead->assignments->len, ==, 2);
  g_assert_cmpint (g_array_index (lead->assignments, LwLiveAssignment, 1).at, ==, T ("2026-03-16T11:40:00Z"));
  g_assert_cmpint (g_array_index (lead->assignments, LwLiveAssignment, 1).reason, ==, LW_LIVE_ASSIGN_ESCALATION);
  g_assert_cmpint (g_array_index (lead->assignments, LwLiveAssignment, 1).step, ==, 1);
  g_assert_cmpint (lead->deadline, ==, T ("2026-03-16T08:10:00Z"));
  lw_live_clock_compute (f->config, lead, T ("2026-03-16T12:00:00Z"), &clock);
  g_assert_cmpint (clock.state, ==, LW_LIVE_OVERDUE);
  g_assert_cmpstr (clock.owner->id, ==, "lukas");
  g_assert_cmpint (clock.start, ==, T ("2026-03-16T11:40:00Z"));
  g_assert_cmpuint (clock.escalations, ==, 1);
  g_assert_cmpuint (clock.reassignments, ==, 1);

  /* Lukas's own clock: no second warning or breach; his manager is told
   * 60 business minutes on, 13:40 Berlin (12:40Z). */
  g_assert_cmpint (lw_live_watch_get_next_due (watch), ==, T ("2026-03-16T12:40:00Z"));
  assert_quiet_tick (watch, alerts, T ("2026-03-16T12:39:00Z"));
  alert = assert_one_alert (watch, alerts, T ("2026-03-16T12:40:00Z"), LW_ALERT_ESCALATION, id);
  g_assert_cmpstr (alert->body, ==, "Demo requests: first touch was due at 09:10, overdue by 4 hours 30 minutes. "
                                    "Escalated to Henrik Larsen.\nOwner: Lukas Weber");
}

/* Sophie set it to "bad timing" at 16:50 Paris on Friday, 10 business
 * minutes in: the clock stands still until "attempting" on Monday at
 * 09:30 Paris (08:30Z). Then the warning (20) comes at 09:40 (08:40Z) and
 * the deadline (30) at 09:50 (08:50Z). */
static void
test_clock_pause (Fixture       *f,
                  gconstpointer  data)
{
  LwTime given = T ("2026-03-13T15:40:00Z");
  gint64 id = add_demo_lead (f, "Ana", "sophie", given);
  g_autoptr(LwAlerts) alerts = new_alerts ();
  g_autoptr(LwLiveWatch) watch = lw_live_watch_new (f->store, f->config, given);
  g_autoptr(LwAlert) alert = NULL;
  g_autoptr(LwLiveLead) lead = NULL;
  g_autoptr(GError) error = NULL;
  LwLiveClock clock;

  g_assert_true (lw_live_set_status (f->store, f->config, id, "bad-timing", T ("2026-03-13T15:50:00Z"),
                                     T ("2026-03-13T15:50:00Z"), &error));
  g_assert_no_error (error);
  clock_at (f, id, T ("2026-03-14T12:00:00Z"), &clock);
  g_assert_cmpint (clock.state, ==, LW_LIVE_PAUSED);
  g_assert_cmpint (clock.deadline, ==, G_MAXINT64);
  g_assert_cmpint (clock.left, ==, 20 * 60);
  g_assert_false (clock.warned);
  g_assert_cmpint (clock.next_due, ==, G_MAXINT64);
  lead = get_lead (f, id);
  g_assert_cmpint (lead->deadline, ==, 0);   /* none while it stands still */
  g_clear_pointer (&lead, lw_live_lead_free);

  assert_quiet_tick (watch, alerts, T ("2026-03-13T16:00:00Z"));
  assert_quiet_tick (watch, alerts, T ("2026-03-16T08:30:00Z"));

  g_assert_true (lw_live_set_status (f->store, f->config, id, "attempting", T ("2026-03-16T08:30:00Z"),
                                     T ("2026-03-16T08:30:00Z"), &error));
  g_assert_no_error (error);
  clock_at (f, id, T ("2026-03-16T08:30:00Z"), &clock);
  g_assert_cmpint (clock.state, ==, LW_LIVE_RUNNING);
  g_assert_cmpint (clock.warn_at, ==, T ("2026-03-16T08:40:00Z"));
  g_assert_cmpint (clock.deadline, ==, T ("2026-03-16T08:50:00Z"));
  g_assert_cmpint (clock.left, ==, 20 * 60);
  lead = get_lead (f, id);
  g_assert_cmpint (lead->deadline, ==, T ("2026-03-16T08:50:00Z"));

  assert_quiet_tick (watch, alerts, T ("2026-03-16T08:39:59Z"));
  alert = assert_one_alert (watch, alerts, T ("2026-03-16T08:40:00Z"), LW_ALERT_WARNING, id);
  g_assert_cmpstr (alert->body, ==, "Demo requests: first touch due at 09:50, 10 minutes left.\nOwner: Sophie Martin");
  g_clear_pointer (&alert, lw_alert_free);
  alert = assert_one_alert (watch, alerts, T ("2026-03-16T08:50:00Z"), LW_ALERT_BREACH, id);
}

/* Monday at 10:00 Paris (09:00Z) three leads go to Sophie: warning at
 * 10:20 (09:20Z), deadline 10:30 (09:30Z). Ana is called at 09:15Z, Ben
 * at 09:25Z (logged at 09:28Z), Chen only at 09:35Z. */
static void
test_clock_touch_prevents_alert (Fixture       *f,
                                 gconstpointer  data)
{
  LwTime given = T ("2026-03-16T09:00:00Z");
  gint64 ana = add_demo_lead (f, "Ana", "sophie", given);
  gint64 ben = add_demo_lead (f, "Ben", "sophie", given);
  gint64 chen = add_demo_lead (f, "Chen", "sophie", given);
  g_autoptr(LwAlerts) alerts = new_alerts ();
  g_autoptr(LwLiveWatch) watch = lw_live_watch_new (f->store, f->config, given);
  g_autoptr(GPtrArray) out = NULL;
  g_autoptr(GError) error = NULL;
  LwLiveClock clock;

  g_assert_true (lw_live_log_touch (f->store, f->config, ana, LW_TOUCH_CALL, T ("2026-03-16T09:15:00Z"),
                                    "sophie", NULL, T ("2026-03-16T09:16:00Z"), &error));
  g_assert_no_error (error);
  assert_quiet_tick (watch, alerts, T ("2026-03-16T09:16:00Z"));

  /* Warnings for Ben and Chen, none for Ana. */
  out = tick (watch, alerts, T ("2026-03-16T09:20:00Z"));
  g_assert_cmpuint (out->len, ==, 2);
  g_assert_cmpint (((LwAlert *) g_ptr_array_index (out, 0))->lead, ==, ben);
  g_assert_cmpint (((LwAlert *) g_ptr_array_index (out, 1))->lead, ==, chen);
  g_assert_cmpint (((LwAlert *) g_ptr_array_index (out, 1))->kind, ==, LW_ALERT_WARNING);
  g_clear_pointer (&out, g_ptr_array_unref);

  g_assert_true (lw_live_log_touch (f->store, f->config, ben, LW_TOUCH_EMAIL, T ("2026-03-16T09:25:00Z"),
                                    NULL, "Replied", T ("2026-03-16T09:28:00Z"), &error));
  g_assert_no_error (error);

  /* The next check, a minute after the deadline: Chen alone breached. */
  out = tick (watch, alerts, T ("2026-03-16T09:31:00Z"));
  g_assert_cmpuint (out->len, ==, 1);
  g_assert_cmpint (((LwAlert *) g_ptr_array_index (out, 0))->lead, ==, chen);
  g_assert_cmpint (((LwAlert *) g_ptr_array_index (out, 0))->kind, ==, LW_ALERT_BREACH);
  g_clear_pointer (&out, g_ptr_array_unref);

  g_assert_true (lw_live_log_touch (f->store, f->config, chen, LW_TOUCH_MEETING, T ("2026-03-16T09:35:00Z"),
                                    NULL, NULL, T ("2026-03-16T09:35:00Z"), &error));
  /* Nothing after: no escalation for anyone. */
  assert_quiet_tick (watch, alerts, T ("2026-03-16T12:00:00Z"));
  g_assert_cmpint (lw_live_watch_get_next_due (watch), ==, G_MAXINT64);

  clock_at (f, ana, T ("2026-03-16T12:00:00Z"), &clock);
  g_assert_cmpint (clock.state, ==, LW_LIVE_MET);
  g_assert_false (clock.warned);
  clock_at (f, ben, T ("2026-03-16T12:00:00Z"), &clock);
  g_assert_cmpint (clock.state, ==, LW_LIVE_MET);
  g_assert_true (clock.warned);
  g_assert_false (clock.breached);
  clock_at (f, chen, T ("2026-03-16T12:00:00Z"), &clock);
  g_assert_cmpint (clock.state, ==, LW_LIVE_LATE);
  g_assert_true (clock.breached);
  g_assert_cmpint (clock.deadline, ==, T ("2026-03-16T09:30:00Z"));
  /* Touched at the deadline itself: met. */
  {
    gint64 dan = add_demo_lead (f, "Dan", "sophie", given);

    g_assert_true (lw_live_log_touch (f->store, f->config, dan, LW_TOUCH_CALL, T ("2026-03-16T09:30:00Z"),
                                      NULL, NULL, T ("2026-03-16T12:00:00Z"), &error));
    clock_at (f, dan, T ("2026-03-16T12:00:00Z"), &clock);
    g_assert_cmpint (clock.state, ==, LW_LIVE_MET);
  }
}

/* "content" runs on the calendar: a lead of Saturday 10:00Z is warned at
 * 11:30Z and breaches at 12:00Z, though Sam works Mondays only. */
static void
test_clock_calendar (Fixture       *f,
                     gconstpointer  data)
{
  LwTime given = T ("2026-03-14T10:00:00Z");
  g_autoptr(LwLead) lead = lw_test_lead (f->config, "email=ana@northbeam.example", NULL);
  g_autoptr(LwAlerts) alerts = new_alerts ();
  g_autoptr(LwLiveWatch) watch = lw_live_watch_new (f->store, f->config, given);
  g_autoptr(LwAlert) alert = NULL;
  g_autoptr(GError) error = NULL;
  LwLiveClock clock;
  gint64 id;

  id = lw_live_add (f->store, f->config, lead, NULL, "solo", NULL, NULL, given, NULL, given, &error);
  g_assert_no_error (error);
  clock_at (f, id, T ("2026-03-14T11:00:00Z"), &clock);
  g_assert_cmpint (clock.state, ==, LW_LIVE_RUNNING);
  g_assert_cmpstr (clock.policy->id, ==, "content");
  g_assert_cmpint (clock.left, ==, 3600);
  g_assert_cmpint (clock.deadline, ==, T ("2026-03-14T12:00:00Z"));

  alert = assert_one_alert (watch, alerts, T ("2026-03-14T11:30:00Z"), LW_ALERT_WARNING, id);
  /* Sam has no team: no manager, no place. */
  g_assert_cmpstr (alert->summary, ==, "SLA warning: ana@northbeam.example");
  g_assert_cmpstr (alert->body, ==, "Content leads: first touch due at 13:00, 30 minutes left.\nOwner: Sam Solo");
  g_clear_pointer (&alert, lw_alert_free);
  alert = assert_one_alert (watch, alerts, T ("2026-03-14T12:00:00Z"), LW_ALERT_BREACH, id);
}

/* An unassigned lead, and one on no policy, have no clock. */
static void
test_clock_none (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(LwLiveLead) lead = lw_live_lead_new ();
  g_autoptr(GError) error = NULL;
  LwTime t = T ("2026-03-16T09:00:00Z");
  LwLiveClock clock;
  gint64 unassigned, no_policy;

  lead->created_at = t;
  lead->policy = g_strdup ("demo");
  unassigned = lw_store_add_live_lead (f->store, lead, t, &error);
  g_assert_no_error (error);
  clock_at (f, unassigned, t + 3600, &clock);
  g_assert_cmpint (clock.state, ==, LW_LIVE_NO_CLOCK);
  g_assert_cmpint (clock.next_due, ==, G_MAXINT64);

  g_clear_pointer (&lead->policy, g_free);
  lead->owner = g_strdup ("sophie");
  no_policy = lw_store_add_live_lead (f->store, lead, t, &error);
  g_assert_no_error (error);
  clock_at (f, no_policy, t + 3600, &clock);
  g_assert_cmpint (clock.state, ==, LW_LIVE_NO_CLOCK);
  g_assert_null (clock.policy);
  g_assert_cmpstr (clock.owner->id, ==, "sophie");
  g_assert_cmpstr (lw_live_state_to_string (LW_LIVE_OVERDUE), ==, "overdue");
}

/* ---- the watch ------------------------------------------------------------------------- */

/* What came due before the watch started is not alerted; a reassignment
 * missed meanwhile happens at the first tick. */
static void
test_watch_since (Fixture       *f,
                  gconstpointer  data)
{
  LwTime given = T ("2026-03-13T15:40:00Z");
  gint64 id = add_demo_lead (f, "Ana", "sophie", given);
  g_autoptr(LwAlerts) alerts = new_alerts ();
  g_autoptr(LwLiveWatch) watch = NULL;
  g_autoptr(LwLiveLead) lead = NULL;
  g_autoptr(LwAlert) alert = NULL;
  g_autoptr(GError) error = NULL;
  guint n = 99;

  /* Started Monday 13:00Z: the warning, breach, escalation and the
   * reassignment at 11:40Z are all past. */
  watch = lw_live_watch_new (f->store, f->config, T ("2026-03-16T13:00:00Z"));
  g_assert_cmpint (lw_live_watch_get_last_tick (watch), ==, T ("2026-03-16T13:00:00Z"));
  /* A tick back in time only moves the watch. */
  g_assert_true (lw_live_watch_tick (watch, alerts, T ("2026-03-16T12:59:00Z"), &n, &error));
  g_assert_cmpuint (n, ==, 0);
  g_assert_cmpint (lw_live_watch_get_last_tick (watch), ==, T ("2026-03-16T12:59:00Z"));

  alert = assert_one_alert (watch, alerts, T ("2026-03-16T13:00:30Z"), LW_ALERT_REASSIGNMENT, id);
  g_assert_cmpint (alert->due_at, ==, T ("2026-03-16T11:40:00Z"));
  lead = get_lead (f, id);
  g_assert_cmpstr (lead->owner, ==, "lukas");
  /* Lukas takes over at the tick, not at the missed step's time. */
  g_assert_cmpint (g_array_index (lead->assignments, LwLiveAssignment, 1).at, ==, T ("2026-03-16T13:00:30Z"));
  assert_quiet_tick (watch, alerts, T ("2026-03-16T13:01:00Z"));
}

/* Jake is the fallback owner: a reassignment of his lead finds nobody. It
 * says so once, and the lead stays his. */
static void
test_watch_reassign_nobody (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(LwLead) lead = lw_test_lead (f->config, "first_name=Ben", "region=NA", "conversion=demo", NULL);
  LwTime given = T ("2026-03-16T13:00:00Z");   /* 09:00 in New York (EDT) */
  g_autoptr(LwAlerts) alerts = new_alerts ();
  g_autoptr(LwLiveWatch) watch = lw_live_watch_new (f->store, f->config, given);
  g_autoptr(LwLiveLead) back = NULL;
  g_autoptr(LwAlert) alert = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  id = lw_live_add (f->store, f->config, lead, NULL, NULL, NULL, NULL, given, NULL, given, &error);
  g_assert_no_error (error);
  /* Warning, breach and the manager (Maria) before: 240 business minutes
   * end at 13:00 New York, 17:00Z. */
  {
    g_autoptr(GPtrArray) out = tick (watch, alerts, T ("2026-03-16T16:59:00Z"));

    g_assert_cmpuint (out->len, ==, 3);
    g_assert_cmpstr (((LwAlert *) g_ptr_array_index (out, 2))->body, ==,
                     "Demo requests: first touch was due at 14:30, overdue by 30 minutes. "
                     "Escalated to Maria Gonzalez.\nOwner: Jake Miller");
  }
  alert = assert_one_alert (watch, alerts, T ("2026-03-16T17:00:00Z"), LW_ALERT_REASSIGNMENT, id);
  g_assert_cmpstr (alert->summary, ==, "Reassignment failed: Ben");
  g_assert_cmpint (alert->urgency, ==, LW_ALERT_URGENCY_CRITICAL);
  assert_quiet_tick (watch, alerts, T ("2026-03-16T17:05:00Z"));
  back = get_lead (f, id);
  g_assert_cmpstr (back->owner, ==, "jake");
  g_assert_cmpuint (back->assignments->len, ==, 1);
}

/* A snoozed lead that gets touched is forgotten by the next tick. */
static void
test_watch_touch_ends_snooze (Fixture       *f,
                              gconstpointer  data)
{
  LwTime given = T ("2026-03-16T09:00:00Z");
  gint64 id = add_demo_lead (f, "Ana", "sophie", given);
  g_autoptr(LwAlerts) alerts = new_alerts ();
  g_autoptr(LwLiveWatch) watch = lw_live_watch_new (f->store, f->config, given);
  g_autoptr(LwAlert) warning = NULL;
  g_autoptr(GPtrArray) out = NULL;
  g_autoptr(GError) error = NULL;
  LwTime t = T ("2026-03-16T09:20:00Z");

  warning = assert_one_alert (watch, alerts, t, LW_ALERT_WARNING, id);
  lw_alerts_snooze (alerts, warning, t);
  /* The breach at 09:30Z waits for the snooze. */
  assert_quiet_tick (watch, alerts, T ("2026-03-16T09:30:00Z"));
  g_assert_true (lw_live_log_touch (f->store, f->config, id, LW_TOUCH_CALL, T ("2026-03-16T09:32:00Z"),
                                    NULL, NULL, T ("2026-03-16T09:32:00Z"), &error));
  assert_quiet_tick (watch, alerts, T ("2026-03-16T09:33:00Z"));
  out = tick (watch, alerts, t + LW_ALERT_SNOOZE_SECONDS);
  g_assert_cmpuint (out->len, ==, 0);
}

/* ---- where a lead came from ----------------------------------------------------- */

static char *
dup_source (const LwConfig   *config,
            const LwLiveLead *live)
{
  g_autoptr(LwLead) lead = lw_live_lead_to_lead (config, live);

  return lw_lead_dup_text (lead, config, lw_config_builtin (config, LW_BUILTIN_SOURCE)->index);
}

static void
test_lead_source (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(LwLiveLead) live = lw_live_lead_new ();
  char *source;

  live->created_at = T ("2026-03-16T09:00:00Z");
  live->external_id = g_strdup ("CRM-9");

  /* An imported lead says so in its properties, and is not taken for one
   * entered by hand. */
  live->properties = g_strdup ("{\"first_name\": \"Ana\", \"source\": \"import\"}");
  source = dup_source (f->config, live);
  g_assert_cmpstr (source, ==, "import");
  g_free (source);

  /* The CRM's own source, by its option value. */
  g_free (live->properties);
  live->properties = g_strdup ("{\"source\": \"chat\"}");
  source = dup_source (f->config, live);
  g_assert_cmpstr (source, ==, "chat");
  g_free (source);

  /* A source the rules no longer have is left out: the lead did not come
   * in by hand. */
  g_free (live->properties);
  live->properties = g_strdup ("{\"source\": \"webinar-2019\"}");
  source = dup_source (f->config, live);
  g_assert_null (source);

  /* Nothing said: entered by hand. */
  g_free (live->properties);
  live->properties = g_strdup ("{\"first_name\": \"Ana\", \"source\": \"\"}");
  source = dup_source (f->config, live);
  g_assert_cmpstr (source, ==, "manual");
  g_free (source);
  g_clear_pointer (&live->properties, g_free);
  source = dup_source (f->config, live);
  g_assert_cmpstr (source, ==, "manual");
  g_free (source);
}

/* ---- routing that goes on across sessions ----------------------------------------- */

/* The owner the rules give a new EMEA lead (the pool: Sophie, then Lukas). */
static char *
route_next (LwStore        *store,
            const LwConfig *config,
            const char     *name)
{
  g_autofree char *first = g_strdup_printf ("first_name=%s", name);
  g_autoptr(LwLead) lead = lw_test_lead (config, first, "region=EMEA", "conversion=demo", NULL);
  g_autoptr(LwLiveLead) live = NULL;
  g_autoptr(GError) error = NULL;
  LwTime t = T ("2026-03-16T09:00:00Z");
  gint64 id;

  id = lw_live_add (store, config, lead, NULL, NULL, NULL, NULL, t, NULL, t, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  live = lw_store_get_live_lead (store, id, &error);
  g_assert_no_error (error);
  return g_strdup (live->owner);
}

static void
reopen (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&f->store, lw_store_unref);
  f->store = lw_store_open (f->path, &error);
  g_assert_no_error (error);
}

/* Round robin goes on where the last session stopped: Sophie, then (the
 * workspace closed and opened again, as a new session or a new command
 * does) Lukas, then Sophie; not Sophie each time. */
static void
test_routing_goes_on (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *first = route_next (f->store, f->config, "Ana");
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;
  g_autofree char *saved = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (first, ==, "sophie");
  reopen (f);
  second = route_next (f->store, f->config, "Ben");
  g_assert_cmpstr (second, ==, "lukas");
  reopen (f);
  third = route_next (f->store, f->config, "Cleo");
  g_assert_cmpstr (third, ==, "sophie");

  /* Kept in the workspace, with the pool's members. */
  saved = lw_store_dup_meta (f->store, "live-routing", &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (saved, "\"emea-sdr\""));
  g_assert_nonnull (strstr (saved, "\"sophie\""));
}

/* A pool whose members changed starts its round over (as within a session
 * after an edit); a saved state that cannot be read starts over too, and
 * no lead is refused for it. */
static void
test_routing_edited_or_unreadable (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(GString) swapped = g_string_new (config_json);
  g_autoptr(LwConfig) edited = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = route_next (f->store, f->config, "Ana");
  g_autofree char *after_edit = NULL;
  g_autofree char *after_garbage = NULL;
  g_autofree char *next = NULL;

  g_assert_cmpstr (first, ==, "sophie");
  g_assert_cmpuint (g_string_replace (swapped, "[\"sophie\", \"lukas\"]", "[\"lukas\", \"sophie\"]", 1), ==, 1);
  edited = lw_test_load_config (swapped->str);
  /* The saved position (the second member next) would give Sophie. */
  after_edit = route_next (f->store, edited, "Ben");
  g_assert_cmpstr (after_edit, ==, "lukas");

  g_assert_true (lw_store_set_meta (f->store, "live-routing", "{\"pools\": 3", &error));
  g_assert_no_error (error);
  after_garbage = route_next (f->store, f->config, "Cleo");
  g_assert_cmpstr (after_garbage, ==, "sophie");
  /* Saved whole again. */
  next = route_next (f->store, f->config, "Dan");
  g_assert_cmpstr (next, ==, "lukas");
}

/* An escalation's reassignment picks from the workspace's round robin and
 * moves it on: after Sophie's lead goes to Lukas, the next new lead is
 * Sophie's again (a watch with a state of its own would leave the saved
 * round at Lukas). */
static void
test_routing_watch_goes_on (Fixture       *f,
                            gconstpointer  data)
{
  LwTime given = T ("2026-03-16T09:00:00Z");   /* 10:00 in Paris, a Monday */
  g_autoptr(LwAlerts) alerts = new_alerts ();
  g_autoptr(LwLiveWatch) watch = lw_live_watch_new (f->store, f->config, given);
  g_autoptr(LwLead) lead = lw_test_lead (f->config, "first_name=Ana", "region=EMEA", "conversion=demo", NULL);
  g_autoptr(LwLiveLead) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *next = NULL;
  gboolean reassigned = FALSE;
  gint64 id;

  id = lw_live_add (f->store, f->config, lead, NULL, NULL, NULL, NULL, given, NULL, given, &error);
  g_assert_no_error (error);
  back = get_lead (f, id);
  g_assert_cmpstr (back->owner, ==, "sophie");

  /* 240 business minutes after 10:00 in Paris: 14:00, 13:00Z. */
  {
    g_autoptr(GPtrArray) out = tick (watch, alerts, T ("2026-03-16T13:05:00Z"));

    for (guint i = 0; i < out->len; i++)
      reassigned |= ((LwAlert *) g_ptr_array_index (out, i))->kind == LW_ALERT_REASSIGNMENT;
  }
  g_assert_true (reassigned);
  g_clear_pointer (&back, lw_live_lead_free);
  back = get_lead (f, id);
  g_assert_cmpstr (back->owner, ==, "lukas");

  reopen (f);
  next = route_next (f->store, f->config, "Ben");
  g_assert_cmpstr (next, ==, "sophie");
}

typedef struct
{
  LwStore        *store;
  const LwConfig *config;
  char           *owner;
} Racer;

static gpointer
add_from_other_process (gpointer data)
{
  Racer *racer = data;

  racer->owner = route_next (racer->store, racer->config, "Ben");
  return NULL;
}

/* Two processes adding a lead at the same moment: the second waits for the
 * first's transaction and goes on from its pick. The first here has saved
 * its round robin (Sophie picked) in a transaction it has not committed
 * yet; the other connection, on a thread, must get Lukas, not Sophie again
 * (which it did when it read the saved state before taking the lock). */
static void
test_routing_two_processes (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(LwRoutingState) routing = lw_routing_state_new (f->config);
  g_autoptr(LwLead) lead = lw_test_lead (f->config, "first_name=Ana", "region=EMEA", "conversion=demo", NULL);
  g_auto(LwRoute) route = { 0, };
  g_autoptr(GError) error = NULL;
  g_autoptr(LwStore) other_store = lw_store_open (f->path, &error);
  Racer racer = { other_store, f->config, NULL };
  GThread *other;

  /* Opened first: opening may write. */
  g_assert_no_error (error);

  lw_route_lead (f->config, lead, T ("2026-03-16T09:00:00Z"), routing, FALSE, &route);
  g_assert_cmpstr (route.owner->id, ==, "sophie");

  g_assert_true (lw_store_begin_transaction (f->store, &error));
  g_assert_no_error (error);
  g_assert_true (lw_live_save_routing (f->store, f->config, routing, &error));
  g_assert_no_error (error);

  other = g_thread_new ("other-process", add_from_other_process, &racer);
  /* Time for the other to reach the workspace (it waits up to 10 s). */
  g_usleep (300 * G_TIME_SPAN_MILLISECOND);
  g_assert_true (lw_store_commit_transaction (f->store, &error));
  g_assert_no_error (error);
  g_thread_join (other);

  g_assert_cmpstr (racer.owner, ==, "lukas");
  g_free (racer.owner);
}

/* An import routes on from the leads entered before it, and the lead
 * entered after it on from the import. A dry run changes nothing. */
static void
test_routing_import_goes_on (Fixture       *f,
                             gconstpointer  data)
{
  const char *csv = "first_name,region,conversion\nBen,EMEA,demo\nCleo,EMEA,demo\n";
  g_autofree char *first = route_next (f->store, f->config, "Ana");
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  const char *expected[] = { "lukas", "sophie" };

  g_assert_cmpstr (first, ==, "sophie");
  for (guint pass = 0; pass < 2; pass++)
    {
      g_autoptr(LwCsvReader) reader = lw_csv_reader_new_for_data (csv, -1);
      g_autoptr(LwLeadImportReport) report = NULL;
      gboolean dry = pass == 0;

      g_assert_true (lw_lead_import_csv (f->store, f->config, reader, NULL,
                                         dry ? LW_LEAD_IMPORT_DRY_RUN : LW_LEAD_IMPORT_DEFAULT,
                                         T ("2026-03-16T09:00:00Z"), NULL, NULL, NULL, &report, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (report->imported, ==, dry ? 0 : 2);
      for (guint i = 0; !dry && i < report->ids->len; i++)
        {
          g_autoptr(LwLiveLead) live = lw_store_get_live_lead (f->store, g_array_index (report->ids, gint64, i),
                                                               &error);

          g_assert_no_error (error);
          g_assert_cmpstr (live->owner, ==, expected[i]);
        }
    }
  after = route_next (f->store, f->config, "Dan");
  g_assert_cmpstr (after, ==, "lukas");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  config_json = lw_test_data_text ("live-team.json");

#define ADD(path, func) \
  g_test_add ("/live/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("store/add-get-list", test_store_add_get_list);
  ADD ("store/touches", test_store_touches);
  ADD ("store/bad-input", test_store_bad_input);
  ADD ("store/migrate-v2", test_store_migrate_v2);
  ADD ("add/routes-and-selects", test_add_routes_and_selects);
  g_test_add_func ("/live/add/scores-before-routing", test_add_scores_before_routing);
  ADD ("add/bad-input", test_add_bad_input);
  ADD ("clock/business-hours", test_clock_business_hours);
  ADD ("clock/pause", test_clock_pause);
  ADD ("clock/touch-prevents-alert", test_clock_touch_prevents_alert);
  ADD ("clock/calendar", test_clock_calendar);
  ADD ("clock/none", test_clock_none);
  ADD ("watch/since", test_watch_since);
  ADD ("watch/reassign-nobody", test_watch_reassign_nobody);
  ADD ("watch/touch-ends-snooze", test_watch_touch_ends_snooze);
  ADD ("lead/source", test_lead_source);
  ADD ("routing/goes-on", test_routing_goes_on);
  ADD ("routing/edited-or-unreadable", test_routing_edited_or_unreadable);
  ADD ("routing/import-goes-on", test_routing_import_goes_on);
  ADD ("routing/watch-goes-on", test_routing_watch_goes_on);
  ADD ("routing/two-processes", test_routing_two_processes);

#undef ADD

  return g_test_run ();
}
