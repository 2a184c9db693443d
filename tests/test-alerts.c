/* test-alerts.c: who is told about which SLA event, and what they read
 *
 * Pure alert logic on an injected clock: the texts of each kind, grouping
 * under a burst, the audience, quiet hours, snooze, the record in the
 * workspace, and the facts of a simulation's events. Times are worked out
 * by hand in the comments: 2026-03-16 is a Monday; Paris is UTC+1 (CET)
 * until 2026-03-29 and UTC+2 (CEST) in July.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "lw-alerts.h"
#include "lw-test-utils.h"

#define T(iso) lw_test_time (iso)

/* tests/data/live-team.json, read in main(). */
static char *config_json;

/* ---- helpers ------------------------------------------------------------------- */

static LwConfig *
load_config (void)
{
  return lw_test_load_config (config_json);
}

static LwAlertSettings *
paris_settings (void)
{
  LwAlertSettings *settings = lw_alert_settings_new ();

  settings->time_zone = g_strdup ("Europe/Paris");
  return settings;
}

/* A fact about lead @lead written by hand: on "Demo requests", owned by
 * Sophie Martin of the EMEA team, due at @deadline. */
static LwAlertFact *
make_fact (LwAlertKind  kind,
           gint64       lead,
           LwTime       at,
           LwTime       deadline,
           const char  *name,
           const char  *company,
           const char  *team,
           const char  *place)
{
  LwAlertFact *fact = g_new0 (LwAlertFact, 1);

  fact->kind = kind;
  fact->lead = lead;
  fact->at = at;
  fact->deadline = deadline;
  fact->lead_name = g_strdup (name);
  fact->company = g_strdup (company);
  fact->policy = g_strdup ("Demo requests");
  fact->owner = g_strdup ("Sophie Martin");
  fact->team = g_strdup (team);
  fact->place = g_strdup (place);
  return fact;
}

static LwAlertFact *
emea_fact (LwAlertKind kind,
           gint64      lead,
           LwTime      at,
           LwTime      deadline)
{
  g_autofree char *name = g_strdup_printf ("Lead %" G_GINT64_FORMAT, lead);

  return make_fact (kind, lead, at, deadline, name, NULL, "emea", "EMEA");
}

/* Pushes @fact at @now and flushes at @now: the one alert it gives. */
static LwAlert *
show_one (LwAlerts    *alerts,
          LwAlertFact *fact,
          LwTime       now)
{
  g_autoptr(GPtrArray) out = NULL;

  g_assert_cmpint (lw_alerts_push (alerts, fact, now), ==, LW_ALERT_QUEUED);
  out = lw_alerts_flush (alerts, now);
  g_assert_cmpuint (out->len, ==, 1);
  return lw_alert_copy (g_ptr_array_index (out, 0));
}

static void
assert_actions (const LwAlert *alert,
                ...) G_GNUC_NULL_TERMINATED;

static void
assert_actions (const LwAlert *alert,
                ...)
{
  va_list args;
  guint i = 0;

  va_start (args, alert);
  for (const char *s = va_arg (args, const char *); s != NULL; s = va_arg (args, const char *))
    {
      g_assert_nonnull (alert->actions[i]);
      g_assert_cmpstr (alert->actions[i], ==, s);
      i++;
    }
  va_end (args);
  g_assert_null (alert->actions[i]);
}

/* ---- content ----------------------------------------------------------------------- */

/* Warning at Monday 09:00 Paris (08:00Z), 10 minutes before the 09:10
 * deadline; breach at 09:10; escalation at 09:40, 30 minutes overdue. */
static void
test_content_warning_breach_escalation (void)
{
  g_autoptr(LwAlertSettings) settings = paris_settings ();
  g_autoptr(LwAlerts) alerts = lw_alerts_new (settings);
  g_autoptr(LwAlert) warning = NULL;
  g_autoptr(LwAlert) breach = NULL;
  g_autoptr(LwAlert) escalation = NULL;
  LwTime deadline = T ("2026-03-16T08:10:00Z");
  LwAlertFact *fact;

  fact = make_fact (LW_ALERT_WARNING, 1, T ("2026-03-16T08:00:00Z"), deadline, "Ana Silva", "Northbeam",
                    "emea", "EMEA");
  fact->left = 10 * 60;
  warning = show_one (alerts, fact, T ("2026-03-16T08:00:00Z"));
  g_assert_cmpint (warning->kind, ==, LW_ALERT_WARNING);
  g_assert_cmpstr (warning->summary, ==, "SLA warning: Ana Silva (Northbeam)");
  g_assert_cmpstr (warning->body, ==, "Demo requests: first touch due at 09:10, 10 minutes left.\n"
                                      "Owner: Sophie Martin");
  g_assert_cmpint (warning->urgency, ==, LW_ALERT_URGENCY_NORMAL);
  g_assert_cmpstr (warning->category, ==, "x-leadwright.sla.warning");
  assert_actions (warning, "open-lead", "Open lead", "snooze", "Snooze 15 minutes", NULL);
  g_assert_cmpstr (warning->default_action, ==, "open-lead");
  g_assert_cmpstr (warning->recipient, ==, "desktop");
  g_assert_cmpint (warning->run, ==, 0);
  g_assert_cmpint (warning->lead, ==, 1);
  g_assert_cmpint (warning->due_at, ==, T ("2026-03-16T08:00:00Z"));
  g_assert_true (warning->sound);

  fact = make_fact (LW_ALERT_BREACH, 1, deadline, deadline, "Ana Silva", "Northbeam", "emea", "EMEA");
  breach = show_one (alerts, fact, deadline);
  g_assert_cmpstr (breach->summary, ==, "SLA breached: Ana Silva (Northbeam)");
  g_assert_cmpstr (breach->body, ==, "Demo requests: first touch was due at 09:10, now overdue.\n"
                                     "Owner: Sophie Martin");
  g_assert_cmpint (breach->urgency, ==, LW_ALERT_URGENCY_CRITICAL);
  g_assert_cmpstr (breach->category, ==, "x-leadwright.sla.breach");
  assert_actions (breach, "open-lead", "Open lead", "snooze", "Snooze 15 minutes", NULL);
  g_assert_cmpuint (breach->serial, >, warning->serial);

  fact = make_fact (LW_ALERT_ESCALATION, 1, T ("2026-03-16T08:40:00Z"), deadline, "Ana Silva", "Northbeam",
                    "emea", "EMEA");
  fact->manager = g_strdup ("Henrik Larsen");
  fact->manager_id = g_strdup ("henrik");
  escalation = show_one (alerts, fact, T ("2026-03-16T08:40:00Z"));
  g_assert_cmpstr (escalation->summary, ==, "SLA escalation: Ana Silva (Northbeam)");
  g_assert_cmpstr (escalation->body, ==, "Demo requests: first touch was due at 09:10, overdue by 30 minutes. "
                                         "Escalated to Henrik Larsen.\nOwner: Sophie Martin");
  g_assert_cmpint (escalation->urgency, ==, LW_ALERT_URGENCY_CRITICAL);
  g_assert_cmpstr (escalation->category, ==, "x-leadwright.sla.escalation");
  assert_actions (escalation, "open-lead", "Open lead", "snooze", "Snooze 15 minutes", NULL);
}

/* The escalation names its reader "you"; a reassignment names the new
 * owner, or says nobody could take the lead. */
static void
test_content_escalated_to_you_and_reassignment (void)
{
  g_autoptr(LwAlertSettings) settings = paris_settings ();
  g_autoptr(LwAlerts) alerts = NULL;
  g_autoptr(LwAlert) escalation = NULL;
  g_autoptr(LwAlert) reassigned = NULL;
  g_autoptr(LwAlert) failed = NULL;
  LwTime deadline = T ("2026-03-16T08:10:00Z");
  LwAlertFact *fact;

  settings->user = g_strdup ("henrik");
  alerts = lw_alerts_new (settings);

  fact = make_fact (LW_ALERT_ESCALATION, 1, T ("2026-03-16T09:10:00Z"), deadline, "Ana Silva", NULL,
                    "emea", "EMEA");
  fact->manager = g_strdup ("Henrik Larsen");
  fact->manager_id = g_strdup ("henrik");
  escalation = show_one (alerts, fact, T ("2026-03-16T09:10:00Z"));
  g_assert_cmpstr (escalation->summary, ==, "SLA escalation: Ana Silva");
  g_assert_cmpstr (escalation->body, ==, "Demo requests: first touch was due at 09:10, overdue by 1 hour. "
                                         "Escalated to you.\nOwner: Sophie Martin");
  g_assert_cmpstr (escalation->recipient, ==, "henrik");

  /* 11:40Z is 3 h 30 min after the deadline. */
  fact = make_fact (LW_ALERT_REASSIGNMENT, 2, T ("2026-03-16T11:40:00Z"), deadline, "Ben Ode", "Acme",
                    "emea", "EMEA");
  fact->new_owner = g_strdup ("Lukas Weber");
  fact->new_team = g_strdup ("emea");
  reassigned = show_one (alerts, fact, T ("2026-03-16T11:40:00Z"));
  g_assert_cmpstr (reassigned->summary, ==, "Lead reassigned: Ben Ode (Acme)");
  g_assert_cmpstr (reassigned->body, ==, "Demo requests: untouched by Sophie Martin, overdue by 3 hours 30 minutes.\n"
                                         "New owner: Lukas Weber");
  g_assert_cmpint (reassigned->urgency, ==, LW_ALERT_URGENCY_NORMAL);
  g_assert_cmpstr (reassigned->category, ==, "x-leadwright.sla.reassignment");

  fact = make_fact (LW_ALERT_REASSIGNMENT, 3, T ("2026-03-16T11:41:00Z"), deadline, "Chen Li", NULL,
                    "emea", "EMEA");
  failed = show_one (alerts, fact, T ("2026-03-16T11:41:00Z"));
  g_assert_cmpstr (failed->summary, ==, "Reassignment failed: Chen Li");
  g_assert_cmpstr (failed->body, ==, "Demo requests: untouched by Sophie Martin, overdue by 3 hours 31 minutes. "
                                     "Nobody is available to take it.");
  g_assert_cmpint (failed->urgency, ==, LW_ALERT_URGENCY_CRITICAL);
}

/* A deadline on another local day shows its date; durations read as a
 * person says them. */
static void
test_content_dates_and_durations (void)
{
  g_autoptr(LwAlertSettings) settings = paris_settings ();
  g_autoptr(LwAlerts) alerts = NULL;
  struct { LwTime at; const char *overdue; } cases[] = {
    { T ("2026-03-16T08:10:59Z"), "now overdue" },
    { T ("2026-03-16T08:11:00Z"), "overdue by 1 minute" },
    { T ("2026-03-16T09:10:00Z"), "overdue by 1 hour" },
    { T ("2026-03-16T09:11:00Z"), "overdue by 1 hour 1 minute" },
    { T ("2026-03-16T10:12:00Z"), "overdue by 2 hours 2 minutes" },
    { T ("2026-03-17T08:10:00Z"), "overdue by 1 day" },
    { T ("2026-03-18T09:15:00Z"), "overdue by 2 days 1 hour" },
  };

  settings->group_after = 0;   /* every alert alone */
  alerts = lw_alerts_new (settings);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(LwAlert) alert = NULL;
      g_autofree char *expected = NULL;
      g_autofree char *due = NULL;

      alert = show_one (alerts, emea_fact (LW_ALERT_BREACH, i + 1, cases[i].at, T ("2026-03-16T08:10:00Z")),
                        cases[i].at);
      /* The deadline, Monday 09:10 Paris, is another local day from Tuesday on. */
      due = g_strdup (cases[i].at < T ("2026-03-16T23:00:00Z") ? "09:10" : "Mon 16 Mar 09:10");
      expected = g_strdup_printf ("Demo requests: first touch was due at %s, %s.\nOwner: Sophie Martin",
                                  due, cases[i].overdue);
      g_assert_cmpstr (alert->body, ==, expected);
    }

  /* Friday 17:00 Paris (16:00Z) to Monday 09:40 Paris: 2 days 16 h 40 min. */
  {
    g_autoptr(LwAlert) alert = show_one (alerts, emea_fact (LW_ALERT_BREACH, 50, T ("2026-03-16T08:40:00Z"),
                                                             T ("2026-03-13T16:00:00Z")),
                                         T ("2026-03-16T08:40:00Z"));

    g_assert_cmpstr (alert->body, ==, "Demo requests: first touch was due at Fri 13 Mar 17:00, "
                                      "overdue by 2 days 16 hours.\nOwner: Sophie Martin");
  }

  /* A warning less than a minute before its deadline. */
  {
    LwAlertFact *fact = emea_fact (LW_ALERT_WARNING, 51, T ("2026-03-16T08:09:30Z"), T ("2026-03-16T08:10:00Z"));
    g_autoptr(LwAlert) alert = NULL;

    fact->left = 30;
    alert = show_one (alerts, fact, T ("2026-03-16T08:09:30Z"));
    g_assert_cmpstr (alert->body, ==, "Demo requests: first touch due at 09:10, less than a minute left.\n"
                                      "Owner: Sophie Martin");
  }
}

/* Facts made from the rules read the lead's name, company, owner, team
 * and manager there. */
static void
test_content_fact_from_rules (void)
{
  g_autoptr(LwConfig) config = load_config ();
  g_autoptr(LwLead) lead = lw_test_lead (config, "first_name=Ana", "last_name=Silva", "company=Northbeam",
                                         "email=ana@northbeam.example", NULL);
  g_autoptr(LwLead) email_only = lw_test_lead (config, "email=ben@acme.example", NULL);
  g_autoptr(LwLead) nameless = lw_test_lead (config, NULL);
  g_autoptr(LwAlertFact) fact = NULL;
  g_autoptr(LwAlertFact) moved = NULL;
  g_autofree char *name1 = NULL;
  g_autofree char *name2 = NULL;
  g_autofree char *name3 = NULL;

  fact = lw_alert_fact_new (LW_ALERT_ESCALATION, 0, 7, T ("2026-03-16T08:40:00Z"), config, lead,
                            g_ptr_array_index (config->policies, 0), lw_config_find_rep (config, "sophie"));
  g_assert_cmpstr (fact->lead_name, ==, "Ana Silva");
  g_assert_cmpstr (fact->company, ==, "Northbeam");
  g_assert_cmpstr (fact->policy, ==, "Demo requests");
  g_assert_cmpstr (fact->owner, ==, "Sophie Martin");
  g_assert_cmpstr (fact->team, ==, "emea");
  g_assert_cmpstr (fact->place, ==, "EMEA");
  g_assert_cmpstr (fact->manager, ==, "Henrik Larsen");
  g_assert_cmpstr (fact->manager_id, ==, "henrik");

  /* The North America team has no region: its label names it. */
  moved = lw_alert_fact_new (LW_ALERT_REASSIGNMENT, 0, 7, T ("2026-03-16T11:40:00Z"), config, lead,
                             g_ptr_array_index (config->policies, 0), lw_config_find_rep (config, "jake"));
  g_assert_cmpstr (moved->place, ==, "North America");
  g_assert_null (moved->manager);
  lw_alert_fact_set_new_owner (moved, config, lw_config_find_rep (config, "lukas"));
  g_assert_cmpstr (moved->new_owner, ==, "Lukas Weber");
  g_assert_cmpstr (moved->new_team, ==, "emea");
  lw_alert_fact_set_new_owner (moved, config, NULL);
  g_assert_null (moved->new_owner);
  g_assert_null (moved->new_team);

  name1 = lw_alert_dup_lead_name (config, email_only, 3);
  name2 = lw_alert_dup_lead_name (config, nameless, 42);
  name3 = lw_alert_dup_lead_name (config, NULL, 9);
  g_assert_cmpstr (name1, ==, "ben@acme.example");
  g_assert_cmpstr (name2, ==, "Lead 42");
  g_assert_cmpstr (name3, ==, "Lead 9");
}

/* ---- grouping --------------------------------------------------------------------- */

/* Twelve breaches at once in EMEA: one summary, none alone. */
static void
test_group_burst (void)
{
  g_autoptr(LwAlertSettings) settings = paris_settings ();
  g_autoptr(LwAlerts) alerts = lw_alerts_new (settings);
  g_autoptr(GPtrArray) out = NULL;
  LwTime now = T ("2026-03-16T08:10:00Z");
  const LwAlert *summary;

  for (gint64 i = 1; i <= 12; i++)
    g_assert_cmpint (lw_alerts_push (alerts, emea_fact (LW_ALERT_BREACH, i, now, now), now), ==,
                     LW_ALERT_QUEUED);
  out = lw_alerts_flush (alerts, now);
  g_assert_cmpuint (out->len, ==, 1);
  summary = g_ptr_array_index (out, 0);
  g_assert_cmpint (summary->kind, ==, LW_ALERT_SUMMARY);
  g_assert_cmpstr (summary->summary, ==, "12 leads breached their SLA in EMEA in the last 5 minutes");
  g_assert_cmpstr (summary->body, ==, "Lead 1, Lead 2, Lead 3 and 9 more");
  g_assert_cmpint (summary->urgency, ==, LW_ALERT_URGENCY_CRITICAL);
  g_assert_cmpstr (summary->category, ==, "x-leadwright.sla.summary");
  assert_actions (summary, "open-monitor", "Open SLA monitor", NULL);
  g_assert_cmpstr (summary->default_action, ==, "open-monitor");
  g_assert_cmpstr (summary->team, ==, "emea");
  g_assert_cmpint (summary->lead, ==, 0);
  g_assert_cmpuint (summary->leads->len, ==, 12);
  g_assert_cmpint (g_array_index (summary->leads, LwAlertLeadRef, 11).lead, ==, 12);
  g_assert_cmpuint (summary->members->len, ==, 12);
  g_assert_cmpuint (summary->closes->len, ==, 0);
  g_assert_cmpstr (((LwAlert *) g_ptr_array_index (summary->members, 4))->summary, ==, "SLA breached: Lead 5");

  /* Nothing more to show. */
  g_clear_pointer (&out, g_ptr_array_unref);
  out = lw_alerts_flush (alerts, now + 1);
  g_assert_cmpuint (out->len, ==, 0);
}

/* Three alerts one by one; the fourth within five minutes becomes a
 * summary that closes them; the next updates that summary in place, at
 * most every LW_ALERTS_SUMMARY_REFRESH seconds; once the window passed,
 * alerts come one by one again. */
static void
test_group_window (void)
{
  g_autoptr(LwAlertSettings) settings = paris_settings ();
  g_autoptr(LwAlerts) alerts = lw_alerts_new (settings);
  g_autoptr(GPtrArray) out = NULL;
  LwTime t = T ("2026-03-16T08:00:00Z");
  guint64 serials[3];
  guint64 summary_serial;
  const LwAlert *summary;

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(LwAlert) alert = show_one (alerts, emea_fact (LW_ALERT_BREACH, i + 1, t + 10 * i, t),
                                           t + 10 * i);

      g_assert_cmpint (alert->kind, ==, LW_ALERT_BREACH);
      serials[i] = alert->serial;
    }

  g_assert_cmpint (lw_alerts_push (alerts, emea_fact (LW_ALERT_WARNING, 4, t + 30, t + 600), t + 30), ==,
                   LW_ALERT_QUEUED);
  out = lw_alerts_flush (alerts, t + 30);
  g_assert_cmpuint (out->len, ==, 1);
  summary = g_ptr_array_index (out, 0);
  g_assert_cmpint (summary->kind, ==, LW_ALERT_SUMMARY);
  g_assert_cmpstr (summary->summary, ==, "SLA alerts on 4 leads in EMEA in the last 5 minutes");
  g_assert_cmpstr (summary->body, ==, "3 breaches, 1 warning.\nLead 1, Lead 2, Lead 3 and 1 more");
  g_assert_cmpuint (summary->closes->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpuint (g_array_index (summary->closes, guint64, i), ==, serials[i]);
  g_assert_cmpuint (summary->members->len, ==, 1);
  summary_serial = summary->serial;
  g_clear_pointer (&out, g_ptr_array_unref);

  /* Five seconds later: the summary waits until t + 40. */
  g_assert_cmpint (lw_alerts_push (alerts, emea_fact (LW_ALERT_BREACH, 5, t + 35, t + 35), t + 35), ==,
                   LW_ALERT_QUEUED);
  g_assert_false (lw_alerts_has_pending (alerts, t + 35));
  g_assert_cmpint (lw_alerts_get_next_wakeup (alerts), ==, t + 30 + LW_ALERTS_SUMMARY_REFRESH);
  out = lw_alerts_flush (alerts, t + 35);
  g_assert_cmpuint (out->len, ==, 0);
  g_clear_pointer (&out, g_ptr_array_unref);

  g_assert_true (lw_alerts_has_pending (alerts, t + 40));
  out = lw_alerts_flush (alerts, t + 40);
  g_assert_cmpuint (out->len, ==, 1);
  summary = g_ptr_array_index (out, 0);
  g_assert_cmpuint (summary->serial, ==, summary_serial);
  g_assert_cmpstr (summary->summary, ==, "SLA alerts on 5 leads in EMEA in the last 5 minutes");
  g_assert_cmpuint (summary->closes->len, ==, 0);
  g_assert_cmpuint (summary->leads->len, ==, 5);
  g_assert_cmpuint (summary->members->len, ==, 1);
  g_clear_pointer (&out, g_ptr_array_unref);

  /* Six minutes after the last: alone again. */
  {
    g_autoptr(LwAlert) alone = show_one (alerts, emea_fact (LW_ALERT_BREACH, 6, t + 400, t + 400), t + 400);

    g_assert_cmpint (alone->kind, ==, LW_ALERT_BREACH);
    g_assert_cmpuint (alone->serial, !=, summary_serial);
  }
}

/* Groups are per team: three from EMEA and three from North America stay
 * alone; leads whose owner has no team say no place; a lead with two
 * alerts counts once. */
static void
test_group_by_team (void)
{
  g_autoptr(LwAlertSettings) settings = paris_settings ();
  g_autoptr(LwAlerts) alerts = lw_alerts_new (settings);
  g_autoptr(GPtrArray) out = NULL;
  LwTime now = T ("2026-03-16T08:10:00Z");
  const LwAlert *summary;

  for (gint64 i = 1; i <= 3; i++)
    {
      lw_alerts_push (alerts, emea_fact (LW_ALERT_BREACH, i, now, now), now);
      lw_alerts_push (alerts, make_fact (LW_ALERT_BREACH, 10 + i, now, now, "NA lead", NULL, "na",
                                         "North America"), now);
    }
  out = lw_alerts_flush (alerts, now);
  g_assert_cmpuint (out->len, ==, 6);
  for (guint i = 0; i < out->len; i++)
    g_assert_cmpint (((LwAlert *) g_ptr_array_index (out, i))->kind, ==, LW_ALERT_BREACH);
  g_clear_pointer (&out, g_ptr_array_unref);

  /* No team: two leads, four alerts. */
  for (gint64 i = 21; i <= 22; i++)
    {
      LwAlertFact *warning = make_fact (LW_ALERT_WARNING, i, now, now + 600, "Solo lead", NULL, NULL, NULL);

      lw_alerts_push (alerts, warning, now);
      lw_alerts_push (alerts, make_fact (LW_ALERT_WARNING, i, now, now + 600, "Solo lead", NULL, NULL, NULL),
                      now);
    }
  out = lw_alerts_flush (alerts, now);
  g_assert_cmpuint (out->len, ==, 1);
  summary = g_ptr_array_index (out, 0);
  g_assert_cmpstr (summary->summary, ==, "2 leads got an SLA warning in the last 5 minutes");
  g_assert_cmpstr (summary->body, ==, "Solo lead, Solo lead");
  g_assert_null (summary->team);
  g_assert_cmpint (summary->urgency, ==, LW_ALERT_URGENCY_NORMAL);
  g_assert_cmpuint (summary->leads->len, ==, 2);
  g_assert_cmpuint (summary->members->len, ==, 4);
}

/* group_after 0 turns grouping off. */
static void
test_group_off (void)
{
  g_autoptr(LwAlertSettings) settings = paris_settings ();
  g_autoptr(LwAlerts) alerts = NULL;
  g_autoptr(GPtrArray) out = NULL;
  LwTime now = T ("2026-03-16T08:10:00Z");

  settings->group_after = 0;
  alerts = lw_alerts_new (settings);
  for (gint64 i = 1; i <= 20; i++)
    lw_alerts_push (alerts, emea_fact (LW_ALERT_ESCALATION, i, now, now), now);
  out = lw_alerts_flush (alerts, now);
  g_assert_cmpuint (out->len, ==, 20);
}

/* ---- who receives -------------------------------------------------------------------- */

static void
test_audience_teams (void)
{
  g_autoptr(LwConfig) config = load_config ();
  g_autoptr(LwAlertSettings) settings = paris_settings ();
  g_autoptr(LwAlerts) alerts = NULL;
  g_auto(GStrv) managed = NULL;
  LwTime now = T ("2026-03-16T10:00:00Z");
  LwAlertFact *moved;

  /* Maria manages North America. */
  managed = lw_alert_settings_dup_managed_teams (config, "maria");
  g_assert_cmpuint (g_strv_length (managed), ==, 1);
  g_assert_cmpstr (managed[0], ==, "na");
  g_strfreev (g_steal_pointer (&managed));
  managed = lw_alert_settings_dup_managed_teams (config, "sophie");
  g_assert_cmpuint (g_strv_length (managed), ==, 0);
  g_strfreev (g_steal_pointer (&managed));

  settings->user = g_strdup ("maria");
  settings->teams = lw_alert_settings_dup_managed_teams (config, "maria");
  alerts = lw_alerts_new (settings);

  g_assert_cmpint (lw_alerts_push (alerts, emea_fact (LW_ALERT_BREACH, 1, now, now), now), ==,
                   LW_ALERT_NOT_MANAGED);
  g_assert_cmpint (lw_alerts_push (alerts, make_fact (LW_ALERT_BREACH, 2, now, now, "A", NULL, NULL, NULL), now),
                   ==, LW_ALERT_NOT_MANAGED);
  g_assert_cmpint (lw_alerts_push (alerts, make_fact (LW_ALERT_BREACH, 3, now, now, "B", NULL, "na", "NA"), now),
                   ==, LW_ALERT_QUEUED);
  /* A lead leaving EMEA for North America concerns Maria too. */
  moved = emea_fact (LW_ALERT_REASSIGNMENT, 4, now, now);
  moved->new_owner = g_strdup ("Jake Miller");
  moved->new_team = g_strdup ("na");
  g_assert_cmpint (lw_alerts_push (alerts, moved, now), ==, LW_ALERT_QUEUED);

  {
    g_autoptr(GPtrArray) out = lw_alerts_flush (alerts, now);

    g_assert_cmpuint (out->len, ==, 2);
    g_assert_cmpint (((LwAlert *) g_ptr_array_index (out, 0))->lead, ==, 3);
    g_assert_cmpint (((LwAlert *) g_ptr_array_index (out, 1))->lead, ==, 4);
    g_assert_cmpstr (((LwAlert *) g_ptr_array_index (out, 0))->recipient, ==, "maria");
  }

  /* Every team: all of them. */
  g_clear_pointer (&settings->teams, g_strfreev);
  lw_alerts_set_settings (alerts, settings);
  g_assert_cmpint (lw_alerts_push (alerts, emea_fact (LW_ALERT_BREACH, 1, now, now), now), ==, LW_ALERT_QUEUED);
  g_assert_cmpint (lw_alerts_push (alerts, make_fact (LW_ALERT_BREACH, 2, now, now, "A", NULL, NULL, NULL), now),
                   ==, LW_ALERT_QUEUED);
}

static void
test_audience_kinds (void)
{
  g_autoptr(LwAlertSettings) settings = paris_settings ();
  g_autoptr(LwAlerts) alerts = NULL;
  g_autoptr(GError) error = NULL;
  LwTime now = T ("2026-03-16T10:00:00Z");

  g_assert_true (lw_alert_settings_set_kinds (settings, "breach, escalation", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (settings->kinds, ==, (1u << LW_ALERT_BREACH) | (1u << LW_ALERT_ESCALATION));
  alerts = lw_alerts_new (settings);
  g_assert_cmpint (lw_alerts_push (alerts, emea_fact (LW_ALERT_WARNING, 1, now, now), now), ==, LW_ALERT_KIND_OFF);
  g_assert_cmpint (lw_alerts_push (alerts, emea_fact (LW_ALERT_REASSIGNMENT, 1, now, now), now), ==,
                   LW_ALERT_KIND_OFF);
  g_assert_cmpint (lw_alerts_push (alerts, emea_fact (LW_ALERT_BREACH, 1, now, now), now), ==, LW_ALERT_QUEUED);
  g_assert_cmpint (lw_alerts_push (alerts, emea_fact (LW_ALERT_ESCALATION, 1, now, now), now), ==,
                   LW_ALERT_QUEUED);

  /* Bad lists change nothing. */
  g_assert_false (lw_alert_settings_set_kinds (settings, "breach,breaches", &error));
  g_assert_error (error, LW_ALERTS_ERROR, LW_ALERTS_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "“breaches” is not a kind of alert"));
  g_clear_error (&error);
  g_assert_false (lw_alert_settings_set_kinds (settings, "summary", &error));
  g_assert_error (error, LW_ALERTS_ERROR, LW_ALERTS_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (settings->kinds, ==, (1u << LW_ALERT_BREACH) | (1u << LW_ALERT_ESCALATION));

  g_assert_true (lw_alert_settings_set_kinds (settings, "warning,breach,escalation,reassignment", &error));
  g_assert_cmpuint (settings->kinds, ==, LW_ALERT_KINDS_ALL);
}

/* Quiet 22:00-07:00 in Paris: CET in March, CEST in July. */
static void
test_audience_quiet_hours (void)
{
  g_autoptr(LwAlertSettings) settings = paris_settings ();
  g_autoptr(LwAlerts) alerts = NULL;
  g_autoptr(GError) error = NULL;
  struct { const char *at; LwAlertVerdict verdict; } cases[] = {
    { "2026-03-16T20:59:59Z", LW_ALERT_QUEUED },   /* 21:59:59 */
    { "2026-03-16T21:00:00Z", LW_ALERT_QUIET },    /* 22:00 */
    { "2026-03-16T23:30:00Z", LW_ALERT_QUIET },    /* 00:30 */
    { "2026-03-17T05:59:59Z", LW_ALERT_QUIET },    /* 06:59:59 */
    { "2026-03-17T06:00:00Z", LW_ALERT_QUEUED },   /* 07:00 */
    { "2026-07-01T19:59:00Z", LW_ALERT_QUEUED },   /* 21:59 CEST */
    { "2026-07-01T20:00:00Z", LW_ALERT_QUIET },    /* 22:00 CEST */
    { "2026-07-02T04:59:00Z", LW_ALERT_QUIET },    /* 06:59 CEST */
    { "2026-07-02T05:00:00Z", LW_ALERT_QUEUED },   /* 07:00 CEST */
  };

  g_assert_true (lw_alert_settings_set_quiet_hours (settings, "22:00-07:00", &error));
  g_assert_no_error (error);
  g_assert_cmpint (settings->quiet_start, ==, 22 * 60);
  g_assert_cmpint (settings->quiet_end, ==, 7 * 60);
  alerts = lw_alerts_new (settings);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      LwTime at = T (cases[i].at);

      g_assert_cmpint (lw_alerts_push (alerts, emea_fact (LW_ALERT_BREACH, i + 1, at, at), at), ==,
                       cases[i].verdict);
    }

  /* A lunch break that does not wrap midnight. */
  g_assert_true (lw_alert_settings_set_quiet_hours (settings, "12:00-13:00", &error));
  lw_alerts_set_settings (alerts, settings);
  g_assert_cmpint (lw_alerts_push (alerts, emea_fact (LW_ALERT_BREACH, 1, 0, 0), T ("2026-03-16T10:59:00Z")), ==,
                   LW_ALERT_QUEUED);
  g_assert_cmpint (lw_alerts_push (alerts, emea_fact (LW_ALERT_BREACH, 1, 0, 0), T ("2026-03-16T11:00:00Z")), ==,
                   LW_ALERT_QUIET);
  g_assert_cmpint (lw_alerts_push (alerts, emea_fact (LW_ALERT_BREACH, 1, 0, 0), T ("2026-03-16T12:00:00Z")), ==,
                   LW_ALERT_QUEUED);

  /* None. */
  g_assert_true (lw_alert_settings_set_quiet_hours (settings, "", &error));
  g_assert_cmpint (settings->quiet_start, ==, -1);
  lw_alerts_set_settings (alerts, settings);
  g_assert_cmpint (lw_alerts_push (alerts, emea_fact (LW_ALERT_BREACH, 1, 0, 0), T ("2026-03-16T23:00:00Z")), ==,
                   LW_ALERT_QUEUED);
}

static void
test_settings_bad_input (void)
{
  g_autoptr(LwConfig) config = load_config ();
  g_autoptr(LwAlertSettings) settings = paris_settings ();
  const char *bad_quiet[] = { "22:00", "25:00-07:00", "22:60-07:00", "22:00-22:00", "10pm-7am",
                              "22:00-07:00-08:00", "2:00-07:00", "24:00-07:00", "22:00-24:01" };
  g_autoptr(GError) error = NULL;

  g_assert_true (lw_alert_settings_set_quiet_hours (settings, "22:30-06:15", &error));
  for (guint i = 0; i < G_N_ELEMENTS (bad_quiet); i++)
    {
      g_assert_false (lw_alert_settings_set_quiet_hours (settings, bad_quiet[i], &error));
      g_assert_error (error, LW_ALERTS_ERROR, LW_ALERTS_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, bad_quiet[i]));
      g_clear_error (&error);
      /* Unchanged. */
      g_assert_cmpint (settings->quiet_start, ==, 22 * 60 + 30);
      g_assert_cmpint (settings->quiet_end, ==, 6 * 60 + 15);
    }
  /* 24:00 may end them. */
  g_assert_true (lw_alert_settings_set_quiet_hours (settings, "20:00-24:00", &error));
  g_assert_cmpint (settings->quiet_end, ==, 24 * 60);

  g_assert_true (lw_alert_settings_check (settings, config, &error));
  g_assert_no_error (error);

  g_free (settings->time_zone);
  settings->time_zone = g_strdup ("Mars/Olympus_Mons");
  g_assert_false (lw_alert_settings_check (settings, NULL, &error));
  g_assert_error (error, LW_ALERTS_ERROR, LW_ALERTS_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Mars/Olympus_Mons"));
  g_clear_error (&error);
  g_free (settings->time_zone);
  settings->time_zone = g_strdup ("Europe/Paris");

  settings->user = g_strdup ("nobody");
  g_assert_false (lw_alert_settings_check (settings, config, &error));
  g_assert_error (error, LW_ALERTS_ERROR, LW_ALERTS_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "nobody"));
  g_clear_error (&error);
  g_clear_pointer (&settings->user, g_free);

  settings->teams = g_strsplit ("emea,apac", ",", -1);
  g_assert_false (lw_alert_settings_check (settings, config, &error));
  g_assert_error (error, LW_ALERTS_ERROR, LW_ALERTS_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "apac"));
  g_clear_error (&error);

  settings->quiet_start = 600;
  settings->quiet_end = -1;
  g_assert_false (lw_alert_settings_check (settings, NULL, &error));
  g_assert_error (error, LW_ALERTS_ERROR, LW_ALERTS_ERROR_INVALID);
}

/* ---- snooze ---------------------------------------------------------------------------- */

/* "Snooze 15 minutes": the lead's alerts wait; the latest comes when the
 * snooze ends, read at that time. */
static void
test_snooze_reminds (void)
{
  g_autoptr(LwAlertSettings) settings = paris_settings ();
  g_autoptr(LwAlerts) alerts = lw_alerts_new (settings);
  g_autoptr(LwAlert) warning = NULL;
  g_autoptr(GPtrArray) out = NULL;
  LwTime t = T ("2026-03-16T08:00:00Z");
  LwTime deadline = T ("2026-03-16T08:10:00Z");
  LwAlertFact *fact;
  const LwAlert *reminder;

  fact = emea_fact (LW_ALERT_WARNING, 1, t, deadline);
  fact->left = 600;
  warning = show_one (alerts, fact, t);
  lw_alerts_snooze (alerts, warning, t);
  g_assert_true (lw_alerts_is_snoozed (alerts, 0, 1, t));
  g_assert_true (lw_alerts_is_snoozed (alerts, 0, 1, t + 899));
  g_assert_false (lw_alerts_is_snoozed (alerts, 0, 1, t + 900));
  g_assert_false (lw_alerts_is_snoozed (alerts, 0, 2, t));
  g_assert_cmpint (lw_alerts_get_next_wakeup (alerts), ==, t + 900);

  /* The breach at 08:10Z waits; other leads do not. */
  g_assert_cmpint (lw_alerts_push (alerts, emea_fact (LW_ALERT_BREACH, 1, deadline, deadline), deadline), ==,
                   LW_ALERT_HELD);
  g_assert_cmpint (lw_alerts_push (alerts, emea_fact (LW_ALERT_BREACH, 2, deadline, deadline), deadline), ==,
                   LW_ALERT_QUEUED);
  out = lw_alerts_flush (alerts, deadline);
  g_assert_cmpuint (out->len, ==, 1);
  g_assert_cmpint (((LwAlert *) g_ptr_array_index (out, 0))->lead, ==, 2);
  g_clear_pointer (&out, g_ptr_array_unref);

  g_assert_false (lw_alerts_has_pending (alerts, t + 899));
  out = lw_alerts_flush (alerts, t + 899);
  g_assert_cmpuint (out->len, ==, 0);
  g_clear_pointer (&out, g_ptr_array_unref);

  /* 08:15Z: the breach, five minutes on. */
  g_assert_true (lw_alerts_has_pending (alerts, t + 900));
  out = lw_alerts_flush (alerts, t + 900);
  g_assert_cmpuint (out->len, ==, 1);
  reminder = g_ptr_array_index (out, 0);
  g_assert_cmpint (reminder->kind, ==, LW_ALERT_BREACH);
  g_assert_cmpint (reminder->lead, ==, 1);
  g_assert_cmpstr (reminder->body, ==, "Demo requests: first touch was due at 09:10, overdue by 5 minutes.\n"
                                       "Owner: Sophie Martin");
  g_assert_cmpint (lw_alerts_get_next_wakeup (alerts), ==, G_MAXINT64);
  g_clear_pointer (&out, g_ptr_array_unref);

  /* Snoozed again with nothing new: the same alert comes back, later. */
  lw_alerts_snooze (alerts, warning, t + 1000);
  out = lw_alerts_flush (alerts, t + 1900);
  g_assert_cmpuint (out->len, ==, 1);
  reminder = g_ptr_array_index (out, 0);
  g_assert_cmpint (reminder->kind, ==, LW_ALERT_WARNING);
  g_assert_cmpuint (reminder->serial, !=, warning->serial);
}

/* A lead touched during its snooze needs no reminder. */
static void
test_snooze_touched (void)
{
  g_autoptr(LwAlertSettings) settings = paris_settings ();
  g_autoptr(LwAlerts) alerts = lw_alerts_new (settings);
  g_autoptr(LwAlert) breach = NULL;
  g_autoptr(GPtrArray) out = NULL;
  LwTime t = T ("2026-03-16T08:10:00Z");

  breach = show_one (alerts, emea_fact (LW_ALERT_BREACH, 1, t, t), t);
  lw_alerts_snooze (alerts, breach, t);
  g_assert_cmpint (lw_alerts_push (alerts, emea_fact (LW_ALERT_ESCALATION, 1, t + 60, t), t + 60), ==,
                   LW_ALERT_HELD);
  lw_alerts_lead_touched (alerts, 0, 1);
  out = lw_alerts_flush (alerts, t + 900);
  g_assert_cmpuint (out->len, ==, 0);
  g_assert_false (lw_alerts_is_snoozed (alerts, 0, 1, t + 900));

  /* A snooze that ends in quiet hours shows nothing. */
  g_clear_pointer (&out, g_ptr_array_unref);
  g_assert_true (lw_alert_settings_set_quiet_hours (settings, "09:00-10:00", NULL));
  lw_alerts_set_settings (alerts, settings);
  lw_alerts_snooze (alerts, breach, t);   /* ends 08:25Z, 09:25 in Paris */
  out = lw_alerts_flush (alerts, t + 900);
  g_assert_cmpuint (out->len, ==, 0);
}

/* ---- the record ------------------------------------------------------------------------ */

static void
test_record (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "alerts.leadwright", NULL);
  g_autoptr(LwAlertSettings) settings = paris_settings ();
  g_autoptr(LwAlerts) alerts = NULL;
  g_autoptr(LwStore) store = NULL;
  g_autoptr(GPtrArray) out = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  LwAlertFilter filter = LW_ALERT_FILTER_INIT;
  LwTime now = T ("2026-03-16T08:10:00Z");
  g_autoptr(LwLiveLead) lead = lw_live_lead_new ();
  gint64 ids[5], summary_id;
  const LwAlertRecord *record;

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  store = lw_store_open (path, &error);
  g_assert_no_error (error);
  lead->created_at = now - 3600;
  for (guint i = 0; i < 5; i++)
    {
      ids[i] = lw_store_add_live_lead (store, lead, now, &error);
      g_assert_no_error (error);
    }

  settings->user = g_strdup ("henrik");
  alerts = lw_alerts_new (settings);
  for (guint i = 0; i < 5; i++)
    lw_alerts_push (alerts, emea_fact (LW_ALERT_BREACH, ids[i], now, now), now);
  out = lw_alerts_flush (alerts, now);
  g_assert_cmpuint (out->len, ==, 1);
  summary_id = lw_alerts_record (store, g_ptr_array_index (out, 0), now + 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (summary_id, >, 0);

  records = lw_store_list_alerts (store, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 6);
  /* Newest first, the same second: by id, the members after the summary. */
  record = g_ptr_array_index (records, 5);
  g_assert_cmpint (record->id, ==, summary_id);
  g_assert_cmpint (record->kind, ==, LW_ALERT_SUMMARY);
  g_assert_cmpint (record->urgency, ==, LW_ALERT_URGENCY_CRITICAL);
  g_assert_cmpstr (record->summary, ==, "5 leads breached their SLA in EMEA in the last 5 minutes");
  g_assert_cmpstr (record->recipient, ==, "henrik");
  g_assert_cmpint (record->created_at, ==, now);
  g_assert_cmpint (record->shown_at, ==, now + 1);
  g_assert_cmpint (record->lead, ==, 0);
  g_assert_cmpint (record->group, ==, 0);
  for (guint i = 0; i < 5; i++)
    {
      record = g_ptr_array_index (records, 4 - i);
      g_assert_cmpint (record->kind, ==, LW_ALERT_BREACH);
      g_assert_cmpint (record->lead, ==, ids[i]);
      g_assert_cmpint (record->run, ==, 0);
      g_assert_cmpint (record->group, ==, summary_id);
      g_assert_cmpint (record->shown_at, ==, 0);
      g_assert_cmpint (record->due_at, ==, now);
      g_assert_cmpstr (record->recipient, ==, "henrik");
    }

  /* The alerts of one lead. */
  g_clear_pointer (&records, g_ptr_array_unref);
  filter.run = 0;
  filter.lead = ids[2];
  records = lw_store_list_alerts (store, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 1);
  g_assert_cmpstr (((LwAlertRecord *) g_ptr_array_index (records, 0))->summary, ==, "SLA breached: Lead 3");
}

/* ---- simulated leads ------------------------------------------------------------------- */

static LwSimLead
sim_lead (guint32       id,
          const LwLead *lead,
          int           owner,
          LwTime        deadline)
{
  LwSimLead sim = { 0, };

  sim.id = id;
  sim.lead = lead;
  sim.owner = owner;
  sim.policy = 0;
  sim.deadline = deadline;
  return sim;
}

/* Events come before the records of their leads; a lead's record names
 * it. */
static void
test_sim_source (void)
{
  g_autoptr(LwConfig) config = load_config ();
  g_autoptr(LwSimAlertSource) source = lw_sim_alert_source_new (config);
  g_autoptr(LwLead) ana = lw_test_lead (config, "first_name=Ana", "last_name=Silva", "company=Northbeam", NULL);
  g_autoptr(LwLead) ben = lw_test_lead (config, "first_name=Ben", NULL);
  g_autoptr(GArray) touched = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) facts = g_ptr_array_new_with_free_func ((GDestroyNotify) lw_alert_fact_free);
  LwTime t = T ("2026-03-16T08:00:00Z");
  int sophie = (int) lw_config_find_rep (config, "sophie")->index;
  int lukas = (int) lw_config_find_rep (config, "lukas")->index;
  int henrik = (int) lw_config_find_rep (config, "henrik")->index;
  const LwEvent events[] = {
    { 5, LW_EVENT_SLA_WARNING, t, sophie, 0, 10, NULL },
    { 7, LW_EVENT_FIRST_TOUCH, t + 60, lukas, 0, 1, NULL },
    { 8, LW_EVENT_ASSIGNED, t + 60, lukas, 0, 0, NULL },
    { 5, LW_EVENT_SLA_BREACH, t + 600, sophie, 0, 0, NULL },
    { 6, LW_EVENT_ESCALATED, t + 3000, henrik, 0, 0, NULL },
    { 5, LW_EVENT_REASSIGNED, t + 9000, lukas, sophie, 0, NULL },
  };
  LwSimLead leads[2];
  const LwAlertFact *fact;

  lw_sim_alert_source_set_run (source, 4);
  lw_sim_alert_source_add_events (source, events, G_N_ELEMENTS (events), touched);
  g_assert_cmpuint (touched->len, ==, 1);
  g_assert_cmpint (g_array_index (touched, gint64, 0), ==, 7);
  g_assert_cmpuint (lw_sim_alert_source_get_n_waiting (source), ==, 4);

  /* Lead 7 was touched: no fact. */
  leads[0] = sim_lead (7, NULL, lukas, t);
  lw_sim_alert_source_add_leads (source, leads, 1, facts);
  g_assert_cmpuint (facts->len, ==, 0);

  leads[0] = sim_lead (6, ben, sophie, t + 600);
  leads[1] = sim_lead (5, ana, lukas, t + 600);
  lw_sim_alert_source_add_leads (source, leads, 2, facts);
  g_assert_cmpuint (facts->len, ==, 4);
  g_assert_cmpuint (lw_sim_alert_source_get_n_waiting (source), ==, 0);

  /* In time order, across leads. */
  fact = g_ptr_array_index (facts, 0);
  g_assert_cmpint (fact->kind, ==, LW_ALERT_WARNING);
  g_assert_cmpint (fact->run, ==, 4);
  g_assert_cmpint (fact->lead, ==, 5);
  g_assert_cmpint (fact->at, ==, t);
  g_assert_cmpint (fact->left, ==, 600);
  g_assert_cmpint (fact->deadline, ==, t + 600);
  g_assert_cmpstr (fact->lead_name, ==, "Ana Silva");
  g_assert_cmpstr (fact->company, ==, "Northbeam");
  g_assert_cmpstr (fact->owner, ==, "Sophie Martin");
  g_assert_cmpstr (fact->policy, ==, "Demo requests");

  fact = g_ptr_array_index (facts, 1);
  g_assert_cmpint (fact->kind, ==, LW_ALERT_BREACH);
  g_assert_cmpint (fact->at, ==, t + 600);

  fact = g_ptr_array_index (facts, 2);
  g_assert_cmpint (fact->kind, ==, LW_ALERT_ESCALATION);
  g_assert_cmpint (fact->lead, ==, 6);
  g_assert_cmpstr (fact->lead_name, ==, "Ben");
  g_assert_cmpstr (fact->manager, ==, "Henrik Larsen");
  g_assert_cmpstr (fact->manager_id, ==, "henrik");

  fact = g_ptr_array_index (facts, 3);
  g_assert_cmpint (fact->kind, ==, LW_ALERT_REASSIGNMENT);
  g_assert_cmpstr (fact->owner, ==, "Sophie Martin");
  g_assert_cmpstr (fact->new_owner, ==, "Lukas Weber");
  g_assert_cmpstr (fact->new_team, ==, "emea");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  config_json = lw_test_data_text ("live-team.json");

  g_test_add_func ("/alerts/content/warning-breach-escalation", test_content_warning_breach_escalation);
  g_test_add_func ("/alerts/content/escalated-to-you-and-reassignment", test_content_escalated_to_you_and_reassignment);
  g_test_add_func ("/alerts/content/dates-and-durations", test_content_dates_and_durations);
  g_test_add_func ("/alerts/content/fact-from-rules", test_content_fact_from_rules);
  g_test_add_func ("/alerts/group/burst", test_group_burst);
  g_test_add_func ("/alerts/group/window", test_group_window);
  g_test_add_func ("/alerts/group/by-team", test_group_by_team);
  g_test_add_func ("/alerts/group/off", test_group_off);
  g_test_add_func ("/alerts/audience/teams", test_audience_teams);
  g_test_add_func ("/alerts/audience/kinds", test_audience_kinds);
  g_test_add_func ("/alerts/audience/quiet-hours", test_audience_quiet_hours);
  g_test_add_func ("/alerts/settings/bad-input", test_settings_bad_input);
  g_test_add_func ("/alerts/snooze/reminds", test_snooze_reminds);
  g_test_add_func ("/alerts/snooze/touched", test_snooze_touched);
  g_test_add_func ("/alerts/record", test_record);
  g_test_add_func ("/alerts/sim/source", test_sim_source);

  return g_test_run ();
}
