/* test-notifier.c: desktop alerts through libnotify, on a private D-Bus
 * session with a stand-in notification server
 *
 * The server below is a C port of ../shared/tools/notify-capture: it owns
 * org.freedesktop.Notifications on a private bus (GTestDBus), keeps every
 * notification it is sent, answers CloseNotification with
 * NotificationClosed and can invoke an action as a person clicking it
 * would. It runs on its own thread with its own connection, since
 * libnotify's calls are synchronous. The live clocks run on an injected
 * time; leadwright-cli runs as a subprocess on the same bus.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <sys/wait.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <libnotify/notify.h>

#include "lw-live.h"
#include "lw-notifier.h"
#include "lw-notify-server.h"
#include "lw-test-utils.h"

#define T(iso) lw_test_time (iso)

/* tests/data/live-team.json, read in main(). */
static char *config_json;

static LwNotifyServer *server;

/* ---- asserting what the server got -------------------------------------------------- */

static void
assert_strv (const char * const *strv,
             ...) G_GNUC_NULL_TERMINATED;

static void
assert_strv (const char * const *strv,
             ...)
{
  va_list args;
  guint i = 0;

  va_start (args, strv);
  for (const char *s = va_arg (args, const char *); s != NULL; s = va_arg (args, const char *))
    {
      g_assert_nonnull (strv[i]);
      g_assert_cmpstr (strv[i], ==, s);
      i++;
    }
  va_end (args);
  g_assert_null (strv[i]);
}

static void
assert_hint_string (const LwNotifyReceived *r,
                    const char     *key,
                    const char     *expected)
{
  g_autoptr(GVariant) value = g_variant_lookup_value (r->hints, key, G_VARIANT_TYPE_STRING);

  g_assert_nonnull (value);
  g_assert_cmpstr (g_variant_get_string (value, NULL), ==, expected);
}

static void
assert_urgency (const LwNotifyReceived *r,
                guint8          expected)
{
  g_autoptr(GVariant) value = g_variant_lookup_value (r->hints, "urgency", G_VARIANT_TYPE_BYTE);

  g_assert_nonnull (value);
  g_assert_cmpuint (g_variant_get_byte (value), ==, expected);
}

/* Waits on the main context until *@flag is set, at most 10 s. */
static gboolean
timeout_cb (gpointer data)
{
  gboolean *timed_out = data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

static void
wait_for (const gboolean *flag)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (10, timeout_cb, &timed_out);

  while (!*flag && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (id);
}

/* ---- facts and alerts ---------------------------------------------------------------- */

static LwAlertFact *
make_fact (LwAlertKind  kind,
           gint64       lead,
           LwTime       at,
           LwTime       deadline,
           const char  *team,
           const char  *place)
{
  LwAlertFact *fact = g_new0 (LwAlertFact, 1);

  fact->kind = kind;
  fact->lead = lead;
  fact->at = at;
  fact->deadline = deadline;
  fact->lead_name = g_strdup_printf ("Lead %" G_GINT64_FORMAT, lead);
  fact->policy = g_strdup ("Demo & contact-sales requests");
  fact->owner = g_strdup ("Sophie Martin");
  fact->team = g_strdup (team);
  fact->place = g_strdup (place);
  return fact;
}

static LwAlerts *
paris_alerts (guint group_after)
{
  g_autoptr(LwAlertSettings) settings = lw_alert_settings_new ();

  settings->time_zone = g_strdup ("Europe/Paris");
  settings->group_after = group_after;
  return lw_alerts_new (settings);
}

/* Flushes @alerts at @now and sends every alert; returns how many. */
static guint
send_all (LwNotifier *notifier,
          LwAlerts   *alerts,
          LwTime      now)
{
  g_autoptr(GPtrArray) out = lw_alerts_flush (alerts, now);

  for (guint i = 0; i < out->len; i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (lw_notifier_send (notifier, g_ptr_array_index (out, i), &error));
      g_assert_no_error (error);
    }
  return out->len;
}

/* ---- tests --------------------------------------------------------------------------- */

/* A warning, a breach and an escalation as the server gets them: summary,
 * body (escaped: the server reads markup), urgency, category, actions. */
static void
test_notifier_kinds (void)
{
  g_autoptr(LwNotifier) notifier = lw_notifier_new ("Leadwright");
  g_autoptr(LwAlerts) alerts = paris_alerts (3);
  LwTime deadline = T ("2026-03-16T08:10:00Z");
  LwAlertFact *fact;
  const LwNotifyReceived *r;

  lw_notify_server_reset (server);
  fact = make_fact (LW_ALERT_WARNING, 1, T ("2026-03-16T08:00:00Z"), deadline, "emea", "EMEA");
  g_free (fact->lead_name);
  fact->lead_name = g_strdup ("Ana Silva");
  fact->company = g_strdup ("Northbeam");
  fact->left = 600;
  lw_alerts_push (alerts, fact, T ("2026-03-16T08:00:00Z"));
  g_assert_cmpuint (send_all (notifier, alerts, T ("2026-03-16T08:00:00Z")), ==, 1);
  fact = make_fact (LW_ALERT_BREACH, 1, deadline, deadline, "emea", "EMEA");
  g_free (fact->lead_name);
  fact->lead_name = g_strdup ("Ana Silva");
  fact->company = g_strdup ("Northbeam");
  lw_alerts_push (alerts, fact, deadline);
  g_assert_cmpuint (send_all (notifier, alerts, deadline), ==, 1);
  fact = make_fact (LW_ALERT_ESCALATION, 1, T ("2026-03-16T09:10:00Z"), deadline, "emea", "EMEA");
  g_free (fact->lead_name);
  fact->lead_name = g_strdup ("Ana Silva");
  fact->company = g_strdup ("Northbeam");
  fact->manager = g_strdup ("Henrik Larsen");
  fact->manager_id = g_strdup ("henrik");
  lw_alerts_push (alerts, fact, T ("2026-03-16T09:10:00Z"));
  g_assert_cmpuint (send_all (notifier, alerts, T ("2026-03-16T09:10:00Z")), ==, 1);

  g_assert_true (lw_notifier_get_available (notifier));
  g_assert_cmpstr (lw_notifier_get_server_name (notifier), ==, "leadwright-test");
  g_assert_cmpuint (lw_notify_server_count (server), ==, 3);
  g_assert_cmpuint (lw_notifier_get_n_shown (notifier), ==, 3);

  r = lw_notify_server_get (server, 0);
  g_assert_cmpstr (r->app_name, ==, "Leadwright");
  g_assert_cmpstr (r->icon, ==, "io.github.leadwright.Leadwright");
  g_assert_cmpint (r->timeout, ==, -1);
  g_assert_cmpuint (r->replaces_id, ==, 0);
  g_assert_cmpstr (r->summary, ==, "SLA warning: Ana Silva (Northbeam)");
  g_assert_cmpstr (r->body, ==, "Demo &amp; contact-sales requests: first touch due at 09:10, 10 minutes left.\n"
                                "Owner: Sophie Martin");
  assert_urgency (r, 1);
  assert_hint_string (r, "category", "x-leadwright.sla.warning");
  assert_hint_string (r, "desktop-entry", "io.github.leadwright.Leadwright");
  assert_hint_string (r, "sound-name", "message-new-instant");
  assert_strv ((const char * const *) r->actions, "default", "Open lead", "open-lead", "Open lead",
               "snooze", "Snooze 15 minutes", NULL);

  r = lw_notify_server_get (server, 1);
  g_assert_cmpstr (r->summary, ==, "SLA breached: Ana Silva (Northbeam)");
  g_assert_cmpstr (r->body, ==, "Demo &amp; contact-sales requests: first touch was due at 09:10, now overdue.\n"
                                "Owner: Sophie Martin");
  assert_urgency (r, 2);
  assert_hint_string (r, "category", "x-leadwright.sla.breach");
  assert_strv ((const char * const *) r->actions, "default", "Open lead", "open-lead", "Open lead",
               "snooze", "Snooze 15 minutes", NULL);

  r = lw_notify_server_get (server, 2);
  g_assert_cmpstr (r->summary, ==, "SLA escalation: Ana Silva (Northbeam)");
  g_assert_cmpstr (r->body, ==, "Demo &amp; contact-sales requests: first touch was due at 09:10, "
                                "overdue by 1 hour. Escalated to Henrik Larsen.\nOwner: Sophie Martin");
  assert_urgency (r, 2);
  assert_hint_string (r, "category", "x-leadwright.sla.escalation");
  assert_strv ((const char * const *) r->actions, "default", "Open lead", "open-lead", "Open lead",
               "snooze", "Snooze 15 minutes", NULL);

  /* Without sound, the server is asked for silence. */
  {
    g_autoptr(LwAlertSettings) quiet = lw_alert_settings_copy (lw_alerts_get_settings (alerts));
    g_autoptr(GVariant) suppress = NULL;

    quiet->sound = FALSE;
    lw_alerts_set_settings (alerts, quiet);
    lw_alerts_push (alerts, make_fact (LW_ALERT_BREACH, 2, deadline, deadline, "emea", "EMEA"), deadline);
    g_assert_cmpuint (send_all (notifier, alerts, deadline), ==, 1);
    r = lw_notify_server_get (server, 3);
    suppress = g_variant_lookup_value (r->hints, "suppress-sound", G_VARIANT_TYPE_BOOLEAN);
    g_assert_nonnull (suppress);
    g_assert_true (g_variant_get_boolean (suppress));
    g_assert_null (g_variant_lookup_value (r->hints, "sound-name", NULL));
  }
}

/* Three alerts one by one, then a burst: one summary that closes the three,
 * then updated in place. */
static void
test_notifier_burst (void)
{
  g_autoptr(LwNotifier) notifier = lw_notifier_new ("Leadwright");
  g_autoptr(LwAlerts) alerts = paris_alerts (3);
  LwTime t = T ("2026-03-16T08:10:00Z");
  guint32 first_ids[3];
  const LwNotifyReceived *r;

  lw_notify_server_reset (server);
  for (gint64 i = 1; i <= 3; i++)
    {
      lw_alerts_push (alerts, make_fact (LW_ALERT_BREACH, i, t, t, "emea", "EMEA"), t);
      g_assert_cmpuint (send_all (notifier, alerts, t), ==, 1);
      first_ids[i - 1] = lw_notify_server_get (server, i - 1)->id;
    }

  for (gint64 i = 4; i <= 12; i++)
    lw_alerts_push (alerts, make_fact (LW_ALERT_BREACH, i, t + 60, t, "emea", "EMEA"), t + 60);
  g_assert_cmpuint (send_all (notifier, alerts, t + 60), ==, 1);
  g_assert_cmpuint (lw_notify_server_count (server), ==, 4);
  r = lw_notify_server_get (server, 3);
  g_assert_cmpstr (r->summary, ==, "12 leads breached their SLA in EMEA in the last 5 minutes");
  g_assert_cmpstr (r->body, ==, "Lead 1, Lead 2, Lead 3 and 9 more");
  assert_urgency (r, 2);
  assert_hint_string (r, "category", "x-leadwright.sla.summary");
  assert_strv ((const char * const *) r->actions, "default", "Open SLA monitor", "open-monitor",
               "Open SLA monitor", NULL);
  /* The three shown before were closed. */
  g_mutex_lock (&server->lock);
  g_assert_cmpuint (server->closed->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpuint (g_array_index (server->closed, guint32, i), ==, first_ids[i]);
  g_mutex_unlock (&server->lock);
  g_assert_cmpuint (lw_notifier_get_n_shown (notifier), ==, 1);

  /* More, past the summary's refresh: the same notification, replaced. */
  lw_alerts_push (alerts, make_fact (LW_ALERT_ESCALATION, 13, t + 120, t, "emea", "EMEA"), t + 120);
  g_assert_cmpuint (send_all (notifier, alerts, t + 120), ==, 1);
  g_assert_cmpuint (lw_notify_server_count (server), ==, 5);
  r = lw_notify_server_get (server, 4);
  g_assert_cmpuint (r->replaces_id, ==, lw_notify_server_get (server, 3)->id);
  g_assert_cmpstr (r->summary, ==, "SLA alerts on 13 leads in EMEA in the last 5 minutes");
  g_assert_cmpstr (r->body, ==, "12 breaches, 1 escalation.\nLead 1, Lead 2, Lead 3 and 10 more");
  g_assert_cmpuint (lw_notifier_get_n_shown (notifier), ==, 1);
}

typedef struct
{
  gboolean  opened;
  gint64    run;
  gint64    lead;
  gboolean  snoozed;
  gboolean  monitor;
  LwAlert  *alert;
} Clicked;

static void
open_lead_cb (LwNotifier *notifier,
              gint64      run,
              gint64      lead,
              gpointer    data)
{
  Clicked *c = data;

  c->opened = TRUE;
  c->run = run;
  c->lead = lead;
}

static void
snooze_cb (LwNotifier    *notifier,
           const LwAlert *alert,
           gpointer       data)
{
  Clicked *c = data;

  c->snoozed = TRUE;
  g_clear_pointer (&c->alert, lw_alert_free);
  c->alert = lw_alert_copy (alert);
}

static void
open_monitor_cb (LwNotifier    *notifier,
                 const LwAlert *alert,
                 gpointer       data)
{
  Clicked *c = data;

  c->monitor = TRUE;
  g_clear_pointer (&c->alert, lw_alert_free);
  c->alert = lw_alert_copy (alert);
}

/* "Open lead" calls back with that lead (the application opens it);
 * "Snooze 15 minutes" with the alert; a summary opens the SLA monitor on
 * its leads. */
static void
test_notifier_actions (void)
{
  g_autoptr(LwNotifier) notifier = lw_notifier_new ("Leadwright");
  g_autoptr(LwAlerts) alerts = paris_alerts (3);
  LwTime t = T ("2026-03-16T08:10:00Z");
  Clicked c = { 0, };
  LwAlertFact *fact;
  guint32 id;

  lw_notify_server_reset (server);
  g_signal_connect (notifier, "open-lead", G_CALLBACK (open_lead_cb), &c);
  g_signal_connect (notifier, "snooze", G_CALLBACK (snooze_cb), &c);
  g_signal_connect (notifier, "open-monitor", G_CALLBACK (open_monitor_cb), &c);

  fact = make_fact (LW_ALERT_BREACH, 7, t, t, "emea", "EMEA");
  fact->run = 3;
  lw_alerts_push (alerts, fact, t);
  lw_alerts_push (alerts, make_fact (LW_ALERT_BREACH, 8, t, t, "emea", "EMEA"), t);
  g_assert_cmpuint (send_all (notifier, alerts, t), ==, 2);

  /* The second: a live lead. */
  id = lw_notify_server_get (server, 1)->id;
  lw_notify_server_invoke (server, id, "open-lead");
  wait_for (&c.opened);
  g_assert_cmpint (c.run, ==, 0);
  g_assert_cmpint (c.lead, ==, 8);

  /* A click on the first (a simulated lead of run 3) opens it too. */
  c.opened = FALSE;
  lw_notify_server_invoke (server, lw_notify_server_get (server, 0)->id, "default");
  wait_for (&c.opened);
  g_assert_cmpint (c.run, ==, 3);
  g_assert_cmpint (c.lead, ==, 7);

  lw_notify_server_invoke (server, id, "snooze");
  wait_for (&c.snoozed);
  g_assert_cmpint (c.alert->lead, ==, 8);
  lw_alerts_snooze (alerts, c.alert, t + 30);
  g_assert_true (lw_alerts_is_snoozed (alerts, 0, 8, t + 30));
  g_assert_cmpint (lw_alerts_push (alerts, make_fact (LW_ALERT_ESCALATION, 8, t + 60, t, "emea", "EMEA"), t + 60),
                   ==, LW_ALERT_HELD);

  /* A summary's click opens the monitor on its leads. */
  for (gint64 i = 20; i < 25; i++)
    lw_alerts_push (alerts, make_fact (LW_ALERT_WARNING, i, t + 100, t + 600, "na", "NA"), t + 100);
  g_assert_cmpuint (send_all (notifier, alerts, t + 100), ==, 1);
  lw_notify_server_invoke (server, lw_notify_server_get (server, 2)->id, "open-monitor");
  wait_for (&c.monitor);
  g_assert_cmpint (c.alert->kind, ==, LW_ALERT_SUMMARY);
  g_assert_cmpuint (c.alert->leads->len, ==, 5);
  g_assert_cmpint (g_array_index (c.alert->leads, LwAlertLeadRef, 0).lead, ==, 20);
  g_assert_cmpstr (c.alert->team, ==, "na");
  g_clear_pointer (&c.alert, lw_alert_free);
}

/* ---- live leads end to end ---------------------------------------------------------------- */

typedef struct
{
  LwConfig *config;
  LwStore  *store;
  char     *path;
} Workspace;

static void
workspace_open (Workspace *w,
                LwTime     now)
{
  g_autoptr(GError) error = NULL;
  static guint counter;

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  w->config = lw_test_load_config (config_json);
  w->path = g_strdup_printf ("%s/live-%u.leadwright", g_get_user_data_dir (), ++counter);
  w->store = lw_store_open (w->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lw_store_save_config (w->store, w->config, "Live test", now, &error), >, 0);
  g_assert_no_error (error);
}

static void
workspace_close (Workspace *w)
{
  g_clear_pointer (&w->store, lw_store_unref);
  g_clear_pointer (&w->config, lw_config_unref);
  g_clear_pointer (&w->path, g_free);
}

static gint64
add_lead (Workspace  *w,
          const char *name,
          const char *region,
          const char *owner,
          LwTime      at)
{
  g_autofree char *first = g_strdup_printf ("first_name=%s", name);
  g_autofree char *where = g_strdup_printf ("region=%s", region);
  g_autoptr(LwLead) lead = lw_test_lead (w->config, first, where, "conversion=demo", NULL);
  g_autoptr(GError) error = NULL;
  gint64 id;

  id = lw_live_add (w->store, w->config, lead, NULL, owner, NULL, NULL, at, NULL, at, &error);
  g_assert_no_error (error);
  return id;
}

/* One tick of a watcher, its alerts sent and recorded. */
static guint
watch_step (LwLiveWatch *watch,
            LwAlerts    *alerts,
            LwNotifier  *notifier,
            LwStore     *store,
            LwTime       now)
{
  g_autoptr(GPtrArray) out = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (lw_live_watch_tick (watch, alerts, now, NULL, &error));
  g_assert_no_error (error);
  out = lw_alerts_flush (alerts, now);
  for (guint i = 0; i < out->len; i++)
    {
      const LwAlert *alert = g_ptr_array_index (out, i);

      g_assert_true (lw_notifier_send (notifier, alert, &error));
      g_assert_cmpint (lw_alerts_record (store, alert, now, &error), >, 0);
      g_assert_no_error (error);
    }
  return out->len;
}

/* Ana's lead goes to Sophie (EMEA) and Ben's to Jake (North America) on
 * Friday at 16:40 Paris (15:40Z, 11:40 in New York, EDT). Ana's business
 * deadline is Monday 09:10 Paris (08:10Z). Ben's warning comes at 12:00 New
 * York (16:00Z), his deadline at 12:10 (16:10Z), Maria is told at 12:40
 * (16:40Z) and at 15:40 (19:40Z) the reassignment finds nobody (Jake is
 * the fallback). Maria manages North America: she sees Ben's alerts only,
 * and none in her quiet hours, 12:05 to 13:00 New York. */
static void
test_live_audience_and_quiet_hours (void)
{
  g_autoptr(LwNotifier) notifier = lw_notifier_new ("Leadwright");
  g_autoptr(LwAlertSettings) settings = lw_alert_settings_new ();
  g_autoptr(LwAlerts) alerts = NULL;
  g_autoptr(LwLiveWatch) watch = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  LwTime given = T ("2026-03-13T15:40:00Z");
  Workspace w = { 0, };
  const LwAlertRecord *record;
  gint64 ana, ben;

  lw_notify_server_reset (server);
  workspace_open (&w, given);
  ana = add_lead (&w, "Ana", "EMEA", "sophie", given);
  ben = add_lead (&w, "Ben", "NA", "jake", given);
  g_assert_cmpint (ana, !=, ben);

  settings->user = g_strdup ("maria");
  settings->teams = lw_alert_settings_dup_managed_teams (w.config, "maria");
  settings->time_zone = g_strdup ("America/New_York");
  g_assert_true (lw_alert_settings_set_quiet_hours (settings, "12:05-13:00", &error));
  settings->group_after = 0;
  alerts = lw_alerts_new (settings);
  watch = lw_live_watch_new (w.store, w.config, given);

  /* 16:00Z: Ana's warning (EMEA) and Ben's: Maria gets Ben's. */
  g_assert_cmpuint (watch_step (watch, alerts, notifier, w.store, T ("2026-03-13T16:00:00Z")), ==, 1);
  g_assert_cmpuint (lw_notify_server_count (server), ==, 1);
  g_assert_cmpstr (lw_notify_server_get (server, 0)->summary, ==, "SLA warning: Ben");
  /* Ben's breach and escalation come in the quiet hours: not shown. */
  g_assert_cmpuint (watch_step (watch, alerts, notifier, w.store, T ("2026-03-13T16:10:00Z")), ==, 0);
  g_assert_cmpuint (watch_step (watch, alerts, notifier, w.store, T ("2026-03-13T16:40:00Z")), ==, 0);
  g_assert_cmpuint (lw_notify_server_count (server), ==, 1);
  g_assert_cmpuint (watch_step (watch, alerts, notifier, w.store, T ("2026-03-13T19:40:00Z")), ==, 1);
  g_assert_cmpstr (lw_notify_server_get (server, 1)->summary, ==, "Reassignment failed: Ben");
  /* Monday: Ana breaches, in EMEA: nothing for Maria. */
  g_assert_cmpuint (watch_step (watch, alerts, notifier, w.store, T ("2026-03-16T08:10:00Z")), ==, 0);
  g_assert_cmpuint (lw_notify_server_count (server), ==, 2);

  /* The record says what was sent, when and to whom. */
  records = lw_store_list_alerts (w.store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 2);
  record = g_ptr_array_index (records, 1);
  g_assert_cmpint (record->kind, ==, LW_ALERT_WARNING);
  g_assert_cmpint (record->lead, ==, ben);
  g_assert_cmpstr (record->recipient, ==, "maria");
  g_assert_cmpint (record->created_at, ==, T ("2026-03-13T16:00:00Z"));
  g_assert_cmpint (record->shown_at, ==, T ("2026-03-13T16:00:00Z"));
  g_assert_cmpstr (record->summary, ==, "SLA warning: Ben");
  record = g_ptr_array_index (records, 0);
  g_assert_cmpint (record->kind, ==, LW_ALERT_REASSIGNMENT);
  g_assert_cmpint (record->due_at, ==, T ("2026-03-13T19:40:00Z"));
  workspace_close (&w);
}

/* Business hours and touches, on the wall of the server: Ana (touched at
 * 16:50 Paris) gets no alert at all; Chen's warning comes on Friday at
 * 17:00 Paris and the breach on Monday at 09:10, not at the calendar
 * deadline of Friday 17:10. */
static void
test_live_touch_and_business_hours (void)
{
  g_autoptr(LwNotifier) notifier = lw_notifier_new ("Leadwright");
  g_autoptr(LwAlerts) alerts = paris_alerts (0);
  g_autoptr(LwLiveWatch) watch = NULL;
  g_autoptr(GError) error = NULL;
  LwTime given = T ("2026-03-13T15:40:00Z");
  Workspace w = { 0, };
  gint64 ana, chen;

  lw_notify_server_reset (server);
  workspace_open (&w, given);
  ana = add_lead (&w, "Ana", "EMEA", "sophie", given);
  chen = add_lead (&w, "Chen", "EMEA", "sophie", given);
  watch = lw_live_watch_new (w.store, w.config, given);

  g_assert_true (lw_live_log_touch (w.store, w.config, ana, LW_TOUCH_CALL, T ("2026-03-13T15:50:00Z"),
                                    "sophie", NULL, T ("2026-03-13T15:51:00Z"), &error));
  g_assert_no_error (error);

  g_assert_cmpuint (watch_step (watch, alerts, notifier, w.store, T ("2026-03-13T15:59:00Z")), ==, 0);
  g_assert_cmpuint (watch_step (watch, alerts, notifier, w.store, T ("2026-03-13T16:00:00Z")), ==, 1);
  g_assert_cmpstr (lw_notify_server_get (server, 0)->summary, ==, "SLA warning: Chen");
  g_assert_cmpuint (watch_step (watch, alerts, notifier, w.store, T ("2026-03-13T16:10:00Z")), ==, 0);
  g_assert_cmpuint (watch_step (watch, alerts, notifier, w.store, T ("2026-03-16T08:09:00Z")), ==, 0);
  g_assert_cmpuint (watch_step (watch, alerts, notifier, w.store, T ("2026-03-16T08:10:00Z")), ==, 1);
  g_assert_cmpuint (lw_notify_server_count (server), ==, 2);
  g_assert_cmpstr (lw_notify_server_get (server, 1)->summary, ==, "SLA breached: Chen");
  g_assert_cmpstr (lw_notify_server_get (server, 1)->body, ==, "Demo requests: first touch was due at 09:10, now overdue.\n"
                                                     "Owner: Sophie Martin");
  g_assert_cmpint (chen, >, ana);
  workspace_close (&w);
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 gpointer    data)
{
  (*(guint *) data)++;
}

/* With no server on the bus, sending fails and "available" turns FALSE
 * once; when a server comes back, alerts go through again. */
static void
test_notifier_no_server (void)
{
  g_autoptr(LwNotifier) notifier = lw_notifier_new ("Leadwright");
  g_autoptr(LwAlerts) alerts = paris_alerts (0);
  g_autoptr(GPtrArray) out = NULL;
  g_autoptr(GError) error = NULL;
  LwTime t = T ("2026-03-16T08:10:00Z");
  guint notified = 0;

  g_signal_connect (notifier, "notify::available", G_CALLBACK (count_notify_cb), &notified);

  lw_notify_server_stop (server);
  server = NULL;

  for (gint64 i = 1; i <= 2; i++)
    lw_alerts_push (alerts, make_fact (LW_ALERT_BREACH, i, t, t, "emea", "EMEA"), t);
  out = lw_alerts_flush (alerts, t);
  g_assert_cmpuint (out->len, ==, 2);
  g_assert_false (lw_notifier_send (notifier, g_ptr_array_index (out, 0), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (lw_notifier_get_available (notifier));
  g_assert_false (lw_notifier_send (notifier, g_ptr_array_index (out, 1), &error));
  g_clear_error (&error);
  g_assert_false (lw_notifier_probe (notifier));
  /* Said once. */
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpuint (lw_notifier_get_n_shown (notifier), ==, 0);

  /* The notifier learns of the new server as a desktop application does:
   * from the bus, through its main loop. */
  server = lw_notify_server_start ();
  {
    gint64 until = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

    while (!lw_notifier_probe (notifier) && g_get_monotonic_time () < until)
      g_main_context_iteration (NULL, FALSE);
  }
  g_assert_true (lw_notifier_send (notifier, g_ptr_array_index (out, 1), &error));
  g_assert_no_error (error);
  g_assert_true (lw_notifier_get_available (notifier));
  g_assert_cmpuint (notified, ==, 2);
  g_assert_cmpuint (lw_notify_server_count (server), ==, 1);
}

/* ---- leadwright-cli ------------------------------------------------------------------- */

static int
run_cli (char       **out,
         char       **err,
         const char  *first,
         ...) G_GNUC_NULL_TERMINATED;

static int
run_cli (char       **out,
         char       **err,
         const char  *first,
         ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("LW_CLI");
  int status = -1;
  va_list ap;

  g_assert_nonnull (cli);
  g_ptr_array_add (args, (gpointer) cli);
  va_start (ap, first);
  for (const char *a = first; a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) a);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  g_assert_true (g_spawn_sync (NULL, (char **) args->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               out, err, &status, &error));
  g_assert_no_error (error);
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

/* Live leads from the command line, and a watcher's alerts reaching the
 * server. Dates are in 2025 so that they are in the past of any clock that
 * runs the test: 2025-03-14 is a Friday. */
static void
test_cli_live_and_watch (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(LwStore) store = NULL;
  Workspace w = { 0, };
  char *out = NULL, *err = NULL;
  int status;

  if (g_getenv ("LW_CLI") == NULL)
    {
      g_test_skip ("LW_CLI is not set");
      return;
    }
  lw_notify_server_reset (server);
  workspace_open (&w, T ("2025-03-01T00:00:00Z"));
  g_clear_pointer (&w.store, lw_store_unref);

  status = run_cli (&out, &err, "live", "add", "--db", w.path, "--set", "first_name=Ana", "--set", "last_name=Silva",
                    "--set", "company=Northbeam", "--set", "conversion=demo", "--owner", "sophie",
                    "--at", "2025-03-14T15:40:00Z", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "Live lead 1: Ana Silva\n"));
  g_assert_nonnull (strstr (out, "  Owner: Sophie Martin\n"));
  g_assert_nonnull (strstr (out, "  SLA policy: Demo requests\n"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  status = run_cli (&out, &err, "live", "status", "--db", w.path, "1", "--at", "2025-03-15T12:00:00Z", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "  SLA: running, first touch due 2025-03-17T08:10:00Z (0h10 left)\n"));
  g_assert_nonnull (strstr (out, "  2025-03-14T15:40:00Z  assigned to sophie (routed)\n"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* A watcher that checks once, on Monday at 09:10 Paris. */
  status = run_cli (&out, &err, "watch", "--db", w.path, "--once", "--since", "2025-03-14T15:40:00Z",
                    "--at", "2025-03-17T08:10:00Z", "--all-teams", "--time-zone", "Europe/Paris", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "2025-03-17T08:10:00Z  warning  SLA warning: Ana Silva (Northbeam)\n"));
  g_assert_nonnull (strstr (out, "2025-03-17T08:10:00Z  breach  SLA breached: Ana Silva (Northbeam)\n"));
  g_assert_cmpuint (lw_notify_server_count (server), ==, 2);
  g_assert_cmpstr (lw_notify_server_get (server, 0)->summary, ==, "SLA warning: Ana Silva (Northbeam)");
  g_assert_cmpstr (lw_notify_server_get (server, 0)->body, ==, "Demo requests: first touch due at Mon 17 Mar 09:10, "
                                                     "10 minutes left.\nOwner: Sophie Martin");
  g_assert_cmpstr (lw_notify_server_get (server, 1)->summary, ==, "SLA breached: Ana Silva (Northbeam)");
  g_assert_cmpstr (lw_notify_server_get (server, 1)->app_name, ==, "Leadwright");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  store = lw_store_open (w.path, &error);
  g_assert_no_error (error);
  records = lw_store_list_alerts (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 2);
  g_assert_cmpint (((LwAlertRecord *) g_ptr_array_index (records, 0))->shown_at, ==, T ("2025-03-17T08:10:00Z"));
  g_assert_cmpstr (((LwAlertRecord *) g_ptr_array_index (records, 0))->recipient, ==, "desktop");
  g_clear_pointer (&store, lw_store_unref);

  status = run_cli (&out, &err, "live", "touch", "--db", w.path, "1", "--kind", "meeting",
                    "--at", "2025-03-17T08:20:00Z", "--note", "Demo booked", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "  SLA: touched late (due 2025-03-17T08:10:00Z)\n"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  status = run_cli (&out, &err, "live", "list", "--db", w.path, NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "     1  Ana Silva"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Bad input: said, exit status 1 (invalid) or 2 (usage). */
  status = run_cli (&out, &err, "live", "add", "--db", w.path, "--owner", "nobody", NULL);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (err, "There is no rep “nobody” in the team"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  status = run_cli (&out, &err, "live", "add", "--db", w.path, "--set", "employees=5", NULL);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (err, "no property \"employees\""));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  status = run_cli (&out, &err, "live", "touch", "--db", w.path, "one", NULL);
  g_assert_cmpint (status, ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  status = run_cli (&out, &err, "live", "touch", "--db", w.path, "9", NULL);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (err, "There is no live lead 9"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  status = run_cli (&out, &err, "live", "status", "--db", w.path, "1", "lost", NULL);
  g_assert_cmpint (status, ==, 1);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  status = run_cli (&out, &err, "live", "frobnicate", NULL);
  g_assert_cmpint (status, ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  status = run_cli (&out, &err, "watch", "--db", w.path, "--once", "--quiet", "late", NULL);
  g_assert_cmpint (status, ==, 2);
  g_assert_nonnull (strstr (err, "“late” are not quiet hours"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  status = run_cli (&out, &err, "watch", "--db", w.path, "--at", "2025-03-17T08:10:00Z", NULL);
  g_assert_cmpint (status, ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  status = run_cli (&out, &err, "watch", "--db", "/nonexistent/w.leadwright", "--once", NULL);
  g_assert_cmpint (status, ==, 1);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  /* Nothing more reached the server. */
  g_assert_cmpuint (lw_notify_server_count (server), ==, 2);
  workspace_close (&w);
}

/* A paced run with --alerts: its SLA alerts reach the server as it runs. */
static void
test_cli_simulate_alerts (void)
{
  g_autofree char *sample = lw_test_sample_path ("b2b-playbook.json");
  char *out = NULL, *err = NULL;
  guint warnings = 0, breaches = 0, others = 0;
  int status;

  if (g_getenv ("LW_CLI") == NULL)
    {
      g_test_skip ("LW_CLI is not set");
      return;
    }
  lw_notify_server_reset (server);

  status = run_cli (&out, &err, "simulate", sample, "--no-store", "-n", "20", "-d", "1", "--paced", "172800", NULL);
  g_assert_cmpint (status, ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpuint (lw_notify_server_count (server), ==, 0);
  status = run_cli (&out, &err, "simulate", sample, "--no-store", "--alerts", NULL);
  g_assert_cmpint (status, ==, 2);
  g_assert_nonnull (strstr (err, "--alerts needs a paced run"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Two simulated days in about two seconds, grouping off. */
  status = run_cli (&out, &err, "simulate", sample, "--no-store", "-n", "60", "-d", "2", "--paced", "86400",
                    "--alerts", "--all-teams", "--group", "0", NULL);
  g_assert_cmpint (status, ==, 0);
  {
    g_autofree char *expected = g_strdup_printf (" alerts raised, %u shown\n", lw_notify_server_count (server));

    g_assert_nonnull (strstr (err, expected));
  }
  for (guint i = 0; i < lw_notify_server_count (server); i++)
    {
      const LwNotifyReceived *r = lw_notify_server_get (server, i);

      g_assert_cmpstr (r->app_name, ==, "Leadwright");
      if (g_str_has_prefix (r->summary, "SLA warning: "))
        warnings++;
      else if (g_str_has_prefix (r->summary, "SLA breached: "))
        breaches++;
      else
        others++;
      g_assert_nonnull (strstr (err, r->summary));
    }
  g_assert_cmpuint (warnings, >, 0);
  g_assert_cmpuint (breaches, >, 0);
  g_assert_cmpuint (warnings + breaches + others, ==, lw_notify_server_count (server));
  g_free (out);
  g_free (err);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GTestDBus) bus = NULL;
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  config_json = lw_test_data_text ("live-team.json");

  bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (bus);
  server = lw_notify_server_start ();

  g_test_add_func ("/notifier/kinds", test_notifier_kinds);
  g_test_add_func ("/notifier/burst", test_notifier_burst);
  g_test_add_func ("/notifier/actions", test_notifier_actions);
  g_test_add_func ("/notifier/live/audience-and-quiet-hours", test_live_audience_and_quiet_hours);
  g_test_add_func ("/notifier/live/touch-and-business-hours", test_live_touch_and_business_hours);
  g_test_add_func ("/notifier/cli/live-and-watch", test_cli_live_and_watch);
  g_test_add_func ("/notifier/cli/simulate-alerts", test_cli_simulate_alerts);
  /* Last: it stops the server and starts another. */
  g_test_add_func ("/notifier/server/gone-and-back", test_notifier_no_server);

  status = g_test_run ();

  /* Every hold on the session connection goes before the bus does. */
  notify_uninit ();
  lw_notify_server_stop (server);
  g_test_dbus_down (bus);
  return status;
}
