/* lw-cli-live.c: live leads from the command line, the headless watcher of
 * their SLA clocks, and the desktop alerts of both live and paced runs
 *
 *   leadwright-cli live add|touch|status|list --db FILE ...
 *   leadwright-cli watch --db FILE [alert options]
 *   leadwright-cli simulate CONFIG --paced SPEED --alerts (lw-cli-sim.c)
 *
 * The alerts go through the engine's alert logic (lw-alerts.h) and the
 * notifier (app/notify/): the same as the application's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib-unix.h>
#include <stdio.h>
#include <string.h>

#include "lw-alert-relay.h"
#include "lw-cli.h"
#include "lw-config-json.h"
#include "lw-live.h"
#include "lw-notifier.h"

/* The longest wait between two ticks of the watcher: leads added or
 * touched by others (the application, "live add") are seen this soon. */
#define WATCH_INTERVAL_DEFAULT 30

static LwTime
wall_now (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

/* ---- alert options ---------------------------------------------------------------- */

struct _LwCliAlertOptions
{
  char     *user;
  char    **teams;
  gboolean  all_teams;
  char     *kinds;
  char     *quiet;
  char     *time_zone;
  gint64    group;
  gint64    window;
  gboolean  no_sound;
};

LwCliAlertOptions *
lw_cli_alert_options_new (void)
{
  LwCliAlertOptions *options = g_new0 (LwCliAlertOptions, 1);

  options->group = 3;
  options->window = 5;
  return options;
}

void
lw_cli_alert_options_free (LwCliAlertOptions *options)
{
  if (options == NULL)
    return;
  g_free (options->user);
  g_strfreev (options->teams);
  g_free (options->kinds);
  g_free (options->quiet);
  g_free (options->time_zone);
  g_free (options);
}

GOptionEntry *
lw_cli_alert_options_add_entries (LwCliAlertOptions  *options,
                                  const GOptionEntry *entries)
{
  const GOptionEntry alert_entries[] = {
    { "user", 0, 0, G_OPTION_ARG_STRING, &options->user,
      "Alerts: who this desktop's user is (a rep id); their teams' alerts are shown", "REP" },
    { "team", 0, 0, G_OPTION_ARG_STRING_ARRAY, &options->teams,
      "Alerts: show this team's alerts (repeat for more; default: the teams --user manages)", "TEAM" },
    { "all-teams", 0, 0, G_OPTION_ARG_NONE, &options->all_teams, "Alerts: show every team's alerts", NULL },
    { "kinds", 0, 0, G_OPTION_ARG_STRING, &options->kinds,
      "Alerts: the kinds shown (default: warning,breach,escalation,reassignment)", "LIST" },
    { "quiet", 0, 0, G_OPTION_ARG_STRING, &options->quiet,
      "Alerts: quiet hours, in the user's time zone (22:00-07:00)", "HH:MM-HH:MM" },
    { "time-zone", 0, 0, G_OPTION_ARG_STRING, &options->time_zone,
      "Alerts: the user's time zone (default: this system's)", "ZONE" },
    { "group", 0, 0, G_OPTION_ARG_INT64, &options->group,
      "Alerts: more than N in the window become one summary (default 3; 0: never)", "N" },
    { "window", 0, 0, G_OPTION_ARG_INT64, &options->window,
      "Alerts: the grouping window in minutes (default 5)", "MINUTES" },
    { "no-sound", 0, 0, G_OPTION_ARG_NONE, &options->no_sound, "Alerts: ask for no sound", NULL },
  };
  guint n = 0;
  GOptionEntry *all;

  while (entries != NULL && entries[n].long_name != NULL)
    n++;
  all = g_new0 (GOptionEntry, n + G_N_ELEMENTS (alert_entries) + 1);
  if (n > 0)
    memcpy (all, entries, n * sizeof *entries);
  memcpy (all + n, alert_entries, sizeof alert_entries);
  return all;
}

LwAlertSettings *
lw_cli_alert_options_to_settings (LwCliAlertOptions  *options,
                                  const LwConfig     *config,
                                  const char         *command)
{
  g_autoptr(LwAlertSettings) settings = lw_alert_settings_new ();
  g_autoptr(GError) error = NULL;

  if (options->group < 0 || options->group > 1000 || options->window < 0 || options->window > 24 * 60)
    {
      fprintf (stderr, "leadwright-cli %s: --group must be 0..1000 and --window 0..1440 minutes\n", command);
      return NULL;
    }
  if (options->all_teams && options->teams != NULL)
    {
      fprintf (stderr, "leadwright-cli %s: give --team or --all-teams, not both\n", command);
      return NULL;
    }

  settings->user = g_strdup (options->user);
  settings->time_zone = g_strdup (options->time_zone);
  settings->group_after = (guint) options->group;
  settings->group_window = (guint) options->window * 60;
  settings->sound = !options->no_sound;
  if (options->teams != NULL)
    settings->teams = g_strdupv (options->teams);
  else if (options->user != NULL && !options->all_teams && lw_config_find_rep (config, options->user) != NULL)
    {
      settings->teams = lw_alert_settings_dup_managed_teams (config, options->user);
      /* A user who manages no team sees their own team's alerts. */
      if (settings->teams[0] == NULL)
        {
          const LwRep *rep = lw_config_find_rep (config, options->user);

          g_strfreev (settings->teams);
          settings->teams = NULL;
          if (rep->team != NULL)
            {
              settings->teams = g_new0 (char *, 2);
              settings->teams[0] = g_strdup (rep->team);
            }
        }
    }

  if ((options->kinds != NULL && !lw_alert_settings_set_kinds (settings, options->kinds, &error)) ||
      (options->quiet != NULL && !lw_alert_settings_set_quiet_hours (settings, options->quiet, &error)) ||
      !lw_alert_settings_check (settings, config, &error))
    {
      fprintf (stderr, "leadwright-cli %s: %s\n", command, error->message);
      return NULL;
    }
  return g_steal_pointer (&settings);
}

/* ---- showing and recording alerts -------------------------------------------------- */

static void
print_alert (FILE          *out,
             const LwAlert *alert,
             LwTime         now)
{
  g_autofree char *when = lw_time_format_iso8601 (now);
  g_auto(GStrv) lines = g_strsplit (alert->body, "\n", -1);

  fprintf (out, "%s  %s  %s\n", when, lw_alert_kind_to_string (alert->kind), alert->summary);
  for (guint i = 0; lines[i] != NULL; i++)
    fprintf (out, "    %s\n", lines[i]);
  fflush (out);
}

/* Shows the alerts of a flush, records them in @store (may be NULL) and
 * prints them on @out. Returns how many a notification server took. */
static guint
deliver_alerts (LwNotifier *notifier,
                LwStore    *store,
                GPtrArray  *alerts,
                LwTime      now,
                FILE       *out)
{
  guint n_shown = 0;

  for (guint i = 0; i < alerts->len; i++)
    {
      const LwAlert *alert = g_ptr_array_index (alerts, i);
      g_autoptr(GError) error = NULL;
      gboolean shown;

      shown = lw_notifier_send (notifier, alert, NULL);
      if (store != NULL && lw_alerts_record (store, alert, shown ? now : 0, &error) == 0)
        fprintf (stderr, "leadwright-cli: the alert was not recorded: %s\n", error->message);
      print_alert (out, alert, now);
      n_shown += shown;
    }
  return n_shown;
}

static void
notifier_available_cb (LwNotifier *notifier,
                       GParamSpec *pspec,
                       gpointer    user_data)
{
  if (!lw_notifier_get_available (notifier))
    fprintf (stderr, "leadwright-cli: no notification server is running on this desktop: "
                     "alerts are printed and recorded, not shown\n");
  else
    fprintf (stderr, "leadwright-cli: a notification server (%s) shows the alerts again\n",
             lw_notifier_get_server_name (notifier) != NULL ? lw_notifier_get_server_name (notifier) : "?");
}

/* ---- the workspace's rules ------------------------------------------------------------ */

static LwStore *
open_workspace (const char *path,
                const char *command)
{
  g_autoptr(GError) error = NULL;
  LwStore *store;

  if (path == NULL)
    {
      fprintf (stderr, "leadwright-cli %s: --db FILE is required\n", command);
      return NULL;
    }
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      fprintf (stderr, "%s: error: no such workspace\n", path);
      return NULL;
    }
  store = lw_store_open (path, &error);
  if (store == NULL)
    fprintf (stderr, "%s: error: %s\n", path, error->message);
  return store;
}

/* The rules live leads run under: the workspace's working copy when it is
 * valid, else its latest revision. *@source_out receives the text they
 * were read from, so that a watcher sees when it changes. */
static LwConfig *
load_rules (LwStore  *store,
            char    **source_out,
            GError  **error)
{
  g_autofree char *draft = lw_store_dup_meta (store, "draft", NULL);
  g_autoptr(LwRevision) revision = NULL;
  LwConfig *config = NULL;

  if (draft != NULL)
    config = lw_config_load_data (draft, -1, "the working copy", NULL, NULL);
  if (config == NULL)
    {
      g_clear_pointer (&draft, g_free);
      revision = lw_store_get_revision (store, 0, error);
      if (revision == NULL)
        {
          g_prefix_error (error, "the workspace holds no rules: ");
          return NULL;
        }
      config = lw_config_load_data (revision->json, -1, "the latest revision", NULL, error);
      if (config != NULL)
        draft = g_strdup (revision->json);
    }
  if (source_out != NULL)
    *source_out = g_steal_pointer (&draft);
  return config;
}

static LwConfig *
open_rules (LwStore    *store,
            const char *command)
{
  g_autoptr(GError) error = NULL;
  LwConfig *config = load_rules (store, NULL, &error);

  if (config == NULL)
    fprintf (stderr, "%s: error: %s\n", lw_store_get_path (store), error->message);
  return config;
}

static gboolean
parse_lead_id (const char *text,
               const char *command,
               gint64     *id)
{
  char *end = NULL;
  gint64 value = g_ascii_strtoll (text, &end, 10);

  if (end == text || *end != '\0' || value <= 0)
    {
      fprintf (stderr, "leadwright-cli %s: \"%s\" is not a live lead id (1, 2, ...)\n", command, text);
      return FALSE;
    }
  *id = value;
  return TRUE;
}

/* ---- printing a lead ------------------------------------------------------------------- */

static char *
dup_time_or (LwTime      time,
             const char *none)
{
  if (time <= 0 || time == G_MAXINT64)
    return g_strdup (none);
  return lw_time_format_iso8601 (time);
}

static char *
dup_minutes (gint64 seconds)
{
  gint64 minutes = (seconds < 0 ? -seconds : seconds) / 60;

  return g_strdup_printf ("%" G_GINT64_FORMAT "h%02d", minutes / 60, (int) (minutes % 60));
}

static char *
dup_clock_text (const LwLiveClock *clock)
{
  g_autofree char *deadline = dup_time_or (clock->deadline, "none");
  g_autofree char *left = dup_minutes (clock->left);

  switch (clock->state)
    {
    case LW_LIVE_RUNNING:
      return g_strdup_printf ("running, first touch due %s (%s left)", deadline, left);
    case LW_LIVE_PAUSED:
      return g_strdup_printf ("paused (%s left)", left);
    case LW_LIVE_OVERDUE:
      return g_strdup_printf ("overdue since %s (by %s)", deadline, left);
    case LW_LIVE_MET:
      return g_strdup_printf ("met (due %s)", deadline);
    case LW_LIVE_LATE:
      return g_strdup_printf ("touched late (due %s)", deadline);
    case LW_LIVE_NO_CLOCK:
    default:
      return g_strdup ("no SLA clock");
    }
}

static void
print_lead (LwStore          *store,
            const LwConfig   *config,
            const LwLiveLead *lead,
            LwTime            now,
            gboolean          history)
{
  g_autoptr(LwLead) props = lw_live_lead_to_lead (config, lead);
  g_autofree char *name = lw_alert_dup_lead_name (config, props, lead->id);
  g_autofree char *clock_text = NULL;
  const LwRep *owner = lead->owner != NULL ? lw_config_find_rep (config, lead->owner) : NULL;
  LwLiveClock clock;

  lw_live_clock_compute (config, lead, now, &clock);
  clock_text = dup_clock_text (&clock);
  printf ("Live lead %" G_GINT64_FORMAT ": %s\n", lead->id, name);
  if (lead->external_id != NULL)
    printf ("  External id: %s\n", lead->external_id);
  printf ("  Owner: %s\n", owner != NULL ? owner->name : lead->owner != NULL ? lead->owner : "nobody");
  printf ("  Status: %s\n", lead->status != NULL ? lead->status : "none");
  printf ("  SLA policy: %s\n", clock.policy != NULL ? clock.policy->label : "none");
  printf ("  SLA: %s\n", clock_text);
  if (!history)
    return;

  for (guint i = 0; i < lead->assignments->len; i++)
    {
      const LwLiveAssignment *a = &g_array_index (lead->assignments, LwLiveAssignment, i);
      g_autofree char *at = lw_time_format_iso8601 (a->at);

      printf ("  %s  assigned to %s (%s)\n", at, a->owner, lw_live_assign_reason_to_string (a->reason));
    }
  for (guint i = 0; i < lead->status_changes->len; i++)
    {
      const LwLiveStatusChange *c = &g_array_index (lead->status_changes, LwLiveStatusChange, i);
      g_autofree char *at = lw_time_format_iso8601 (c->at);

      printf ("  %s  status %s\n", at, c->status);
    }
  {
    g_autoptr(GPtrArray) touches = lw_store_list_live_touches (store, lead->id, NULL);

    for (guint i = 0; touches != NULL && i < touches->len; i++)
      {
        const LwLiveTouch *t = g_ptr_array_index (touches, i);
        g_autofree char *at = lw_time_format_iso8601 (t->at);

        printf ("  %s  %s%s%s%s%s\n", at, lw_touch_kind_to_string (t->kind),
                t->rep != NULL ? " by " : "", t->rep != NULL ? t->rep : "",
                t->note[0] != '\0' ? ": " : "", t->note);
      }
  }
}

/* ---- live add -------------------------------------------------------------------------- */

static const LwCliCommand live_commands[] = {
  { "live add", "[LEAD.json]", "Enter a live lead: routed and put on its SLA clock by the workspace's rules", NULL },
  { "live touch", "LEAD_ID", "Log a touch (a call, an email, a meeting) on a live lead: it stops the SLA clock", NULL },
  { "live status", "LEAD_ID [STATUS]", "Show a live lead's SLA clock, or change its lead status", NULL },
  { "live list", "", "List the live leads with their SLA clocks", NULL },
};

static int
live_add (int    argc,
          char **argv)
{
  g_autofree char *db = NULL;
  g_autofree char *external_id = NULL;
  g_autofree char *owner = NULL;
  g_autofree char *status = NULL;
  g_autofree char *stage = NULL;
  g_autofree char *at_text = NULL;
  g_auto(GStrv) sets = NULL;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, "Workspace file", "FILE" },
    { "set", 0, 0, G_OPTION_ARG_STRING_ARRAY, &sets, "A property value (repeat for more)", "PROPERTY=VALUE" },
    { "external-id", 0, 0, G_OPTION_ARG_STRING, &external_id, "The lead's id in the CRM", "ID" },
    { "owner", 0, 0, G_OPTION_ARG_STRING, &owner, "Its owner (default: routed by the rules)", "REP" },
    { "status", 0, 0, G_OPTION_ARG_STRING, &status, "Its lead status", "STATUS" },
    { "stage", 0, 0, G_OPTION_ARG_STRING, &stage, "Its lifecycle stage", "STAGE" },
    { "at", 0, 0, G_OPTION_ARG_STRING, &at_text, "When it came in (default: now)", "TIME" },
    { NULL }
  };
  g_autoptr(LwStore) store = NULL;
  g_autoptr(LwConfig) config = NULL;
  g_autoptr(LwLead) lead = NULL;
  g_autoptr(LwLiveLead) live = NULL;
  g_autoptr(GError) error = NULL;
  LwTime now = wall_now (), at;
  gint64 id;

  if (!lw_cli_parse_options (&live_commands[0], entries, &argc, &argv, 0, 1))
    return LW_EXIT_USAGE;
  if (!lw_cli_parse_time (at_text, &at))
    return LW_EXIT_USAGE;
  if (at_text == NULL)
    at = now;
  if (at > now)
    {
      fprintf (stderr, "leadwright-cli live add: --at is in the future\n");
      return LW_EXIT_USAGE;
    }

  store = open_workspace (db, "live add");
  if (store == NULL)
    return LW_EXIT_INVALID;
  config = open_rules (store, "live add");
  if (config == NULL)
    return LW_EXIT_INVALID;

  if (argc > 2)
    lead = lw_lead_load_file (config, argv[2], &error);
  else
    lead = lw_lead_new (config, "live");
  if (lead == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return LW_EXIT_INVALID;
    }
  for (guint i = 0; sets != NULL && sets[i] != NULL; i++)
    {
      const char *eq = strchr (sets[i], '=');
      g_autofree char *property = NULL;

      if (eq == NULL || eq == sets[i])
        {
          fprintf (stderr, "leadwright-cli live add: --set %s: expected PROPERTY=VALUE\n", sets[i]);
          return LW_EXIT_USAGE;
        }
      property = g_strndup (sets[i], eq - sets[i]);
      if (lw_config_find_property (config, property) == NULL)
        {
          fprintf (stderr, "leadwright-cli live add: --set %s: the rules have no property \"%s\"\n",
                   sets[i], property);
          return LW_EXIT_INVALID;
        }
      if (!lw_lead_set (lead, config, property, eq + 1, &error))
        {
          fprintf (stderr, "leadwright-cli live add: --set %s: %s\n", sets[i], error->message);
          return LW_EXIT_INVALID;
        }
    }

  id = lw_live_add (store, config, lead, external_id, owner, status, stage, at, NULL, now, &error);
  if (id == 0)
    {
      fprintf (stderr, "leadwright-cli live add: %s\n", error->message);
      return LW_EXIT_INVALID;
    }
  live = lw_store_get_live_lead (store, id, &error);
  if (live == NULL)
    {
      fprintf (stderr, "%s: error: %s\n", db, error->message);
      return LW_EXIT_INVALID;
    }
  print_lead (store, config, live, now, FALSE);
  return LW_EXIT_OK;
}

/* ---- live touch -------------------------------------------------------------------------- */

static int
live_touch (int    argc,
            char **argv)
{
  g_autofree char *db = NULL;
  g_autofree char *kind_text = NULL;
  g_autofree char *at_text = NULL;
  g_autofree char *rep = NULL;
  g_autofree char *note = NULL;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, "Workspace file", "FILE" },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind_text, "call, email or meeting (default: call)", "KIND" },
    { "at", 0, 0, G_OPTION_ARG_STRING, &at_text, "When it happened (default: now)", "TIME" },
    { "rep", 0, 0, G_OPTION_ARG_STRING, &rep, "Who made it", "REP" },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, "A note", "TEXT" },
    { NULL }
  };
  g_autoptr(LwStore) store = NULL;
  g_autoptr(LwConfig) config = NULL;
  g_autoptr(LwLiveLead) lead = NULL;
  g_autoptr(GError) error = NULL;
  LwTouchKind kind = LW_TOUCH_CALL;
  LwTime now = wall_now (), at;
  gint64 id;

  if (!lw_cli_parse_options (&live_commands[1], entries, &argc, &argv, 1, 1))
    return LW_EXIT_USAGE;
  if (!parse_lead_id (argv[2], "live touch", &id) || !lw_cli_parse_time (at_text, &at))
    return LW_EXIT_USAGE;
  if (at_text == NULL)
    at = now;
  if (kind_text != NULL && !lw_touch_kind_from_string (kind_text, &kind))
    {
      fprintf (stderr, "leadwright-cli live touch: --kind must be call, email or meeting\n");
      return LW_EXIT_USAGE;
    }

  store = open_workspace (db, "live touch");
  if (store == NULL)
    return LW_EXIT_INVALID;
  config = open_rules (store, "live touch");
  if (config == NULL)
    return LW_EXIT_INVALID;

  if (!lw_live_log_touch (store, config, id, kind, at, rep, note, now, &error) ||
      (lead = lw_store_get_live_lead (store, id, &error)) == NULL)
    {
      fprintf (stderr, "leadwright-cli live touch: %s\n", error->message);
      return LW_EXIT_INVALID;
    }
  print_lead (store, config, lead, now, FALSE);
  return LW_EXIT_OK;
}

/* ---- live status ------------------------------------------------------------------------ */

static int
live_status (int    argc,
             char **argv)
{
  g_autofree char *db = NULL;
  g_autofree char *at_text = NULL;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, "Workspace file", "FILE" },
    { "at", 0, 0, G_OPTION_ARG_STRING, &at_text, "When the status changed, or the time to show the clock at "
      "(default: now)", "TIME" },
    { NULL }
  };
  g_autoptr(LwStore) store = NULL;
  g_autoptr(LwConfig) config = NULL;
  g_autoptr(LwLiveLead) lead = NULL;
  g_autoptr(GError) error = NULL;
  LwTime now = wall_now (), at;
  gint64 id;

  if (!lw_cli_parse_options (&live_commands[2], entries, &argc, &argv, 1, 2))
    return LW_EXIT_USAGE;
  if (!parse_lead_id (argv[2], "live status", &id) || !lw_cli_parse_time (at_text, &at))
    return LW_EXIT_USAGE;
  if (at_text == NULL)
    at = now;

  store = open_workspace (db, "live status");
  if (store == NULL)
    return LW_EXIT_INVALID;
  config = open_rules (store, "live status");
  if (config == NULL)
    return LW_EXIT_INVALID;

  if (argc > 3 && !lw_live_set_status (store, config, id, argv[3], at, MAX (now, at), &error))
    {
      fprintf (stderr, "leadwright-cli live status: %s\n", error->message);
      return LW_EXIT_INVALID;
    }
  lead = lw_store_get_live_lead (store, id, &error);
  if (lead == NULL)
    {
      fprintf (stderr, "leadwright-cli live status: %s\n", error->message);
      return LW_EXIT_INVALID;
    }
  print_lead (store, config, lead, at, TRUE);
  return LW_EXIT_OK;
}

/* ---- live list ------------------------------------------------------------------------- */

static int
live_list (int    argc,
           char **argv)
{
  g_autofree char *db = NULL;
  g_autofree char *at_text = NULL;
  gboolean open_only = FALSE;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, "Workspace file", "FILE" },
    { "open", 0, 0, G_OPTION_ARG_NONE, &open_only, "Only the leads not touched yet", NULL },
    { "at", 0, 0, G_OPTION_ARG_STRING, &at_text, "Show the clocks at this time (default: now)", "TIME" },
    { NULL }
  };
  g_autoptr(LwStore) store = NULL;
  g_autoptr(LwConfig) config = NULL;
  g_autoptr(GPtrArray) leads = NULL;
  g_autoptr(GError) error = NULL;
  LwTime now;

  if (!lw_cli_parse_options (&live_commands[3], entries, &argc, &argv, 0, 0))
    return LW_EXIT_USAGE;
  if (!lw_cli_parse_time (at_text, &now))
    return LW_EXIT_USAGE;

  store = open_workspace (db, "live list");
  if (store == NULL)
    return LW_EXIT_INVALID;
  config = open_rules (store, "live list");
  if (config == NULL)
    return LW_EXIT_INVALID;
  leads = lw_store_list_live_leads (store, open_only, &error);
  if (leads == NULL)
    {
      fprintf (stderr, "%s: error: %s\n", db, error->message);
      return LW_EXIT_INVALID;
    }

  for (guint i = 0; i < leads->len; i++)
    {
      const LwLiveLead *lead = g_ptr_array_index (leads, i);
      g_autoptr(LwLead) props = lw_live_lead_to_lead (config, lead);
      g_autofree char *name = lw_alert_dup_lead_name (config, props, lead->id);
      g_autofree char *clock_text = NULL;
      LwLiveClock clock;

      lw_live_clock_compute (config, lead, now, &clock);
      clock_text = dup_clock_text (&clock);
      printf ("%6" G_GINT64_FORMAT "  %-24s  %-12s  %s\n", lead->id, name,
              lead->owner != NULL ? lead->owner : "-", clock_text);
    }
  return LW_EXIT_OK;
}

int
lw_cli_live (int    argc,
             char **argv)
{
  static const struct { const char *name; int (*run) (int, char **); } subcommands[] = {
    { "add", live_add },
    { "touch", live_touch },
    { "status", live_status },
    { "list", live_list },
  };

  if (argc < 3)
    {
      fprintf (stderr, "leadwright-cli live: expected add, touch, status or list\n"
                       "Run \"leadwright-cli live COMMAND --help\" for usage.\n");
      return LW_EXIT_USAGE;
    }
  if (strcmp (argv[2], "--help") == 0 || strcmp (argv[2], "-h") == 0 || strcmp (argv[2], "help") == 0)
    {
      printf ("Usage: leadwright-cli live COMMAND --db FILE [OPTION...] ARGS\n\nCommands:\n");
      for (guint i = 0; i < G_N_ELEMENTS (live_commands); i++)
        printf ("  %-28s %s\n", live_commands[i].name, live_commands[i].summary);
      printf ("\nRun \"leadwright-cli live COMMAND --help\" for a command's options.\n");
      return LW_EXIT_OK;
    }
  /* "live add ..." parses as the command "add" of a program "live": the
   * program keeps its own name in messages. */
  if (g_get_prgname () == NULL)
    g_set_prgname ("leadwright-cli");
  for (guint i = 0; i < G_N_ELEMENTS (subcommands); i++)
    if (strcmp (argv[2], subcommands[i].name) == 0)
      return subcommands[i].run (argc - 1, argv + 1);

  fprintf (stderr, "leadwright-cli live: unknown command \"%s\" (expected add, touch, status or list)\n",
           argv[2]);
  return LW_EXIT_USAGE;
}

/* ---- watch --------------------------------------------------------------------------- */

typedef struct
{
  LwStore      *store;
  LwConfig     *config;
  LwLiveWatch  *watch;
  LwAlerts     *alerts;
  char         *source;       /* the text the rules were read from */
  LwNotifier   *notifier;
  GMainLoop    *loop;
  guint         timer;
  gint64        interval;
  gboolean      failed;
} Watcher;

static void schedule_tick (Watcher *w,
                           LwTime   now);

/* Follows edits of the rules made meanwhile (in the application): a new
 * working copy or a new revision. Rules that do not load are not taken. */
static void
reload_rules (Watcher *w)
{
  g_autofree char *draft = lw_store_dup_meta (w->store, "draft", NULL);
  g_autofree char *source = NULL;
  g_autoptr(LwConfig) config = NULL;

  /* Unchanged: no need to read the rules again. */
  if (draft != NULL && g_strcmp0 (draft, w->source) == 0)
    return;
  if (draft == NULL)
    {
      g_autoptr(LwRevision) revision = lw_store_get_revision (w->store, 0, NULL);

      if (revision == NULL || g_strcmp0 (revision->json, w->source) == 0)
        return;
    }
  config = load_rules (w->store, &source, NULL);
  if (config == NULL || g_strcmp0 (source, w->source) == 0)
    return;
  g_free (w->source);
  w->source = g_steal_pointer (&source);
  lw_live_watch_set_config (w->watch, config);
  g_clear_pointer (&w->config, lw_config_unref);
  w->config = g_steal_pointer (&config);
}

static gboolean
watch_tick (Watcher *w,
            LwTime   now)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) alerts = NULL;

  reload_rules (w);
  if (!lw_live_watch_tick (w->watch, w->alerts, now, NULL, &error))
    {
      fprintf (stderr, "%s: error: %s\n", lw_store_get_path (w->store), error->message);
      return FALSE;
    }
  alerts = lw_alerts_flush (w->alerts, now);
  deliver_alerts (w->notifier, w->store, alerts, now, stdout);
  return TRUE;
}

static gboolean
watch_timer_cb (gpointer user_data)
{
  Watcher *w = user_data;
  LwTime now = wall_now ();

  w->timer = 0;
  if (!watch_tick (w, now))
    {
      w->failed = TRUE;
      g_main_loop_quit (w->loop);
      return G_SOURCE_REMOVE;
    }
  schedule_tick (w, now);
  return G_SOURCE_REMOVE;
}

static void
schedule_tick (Watcher *w,
               LwTime   now)
{
  LwTime next = MIN (lw_live_watch_get_next_due (w->watch), lw_alerts_get_next_wakeup (w->alerts));
  gint64 wait = w->interval;

  if (next != G_MAXINT64)
    wait = CLAMP (next - now, 1, w->interval);
  w->timer = g_timeout_add_seconds ((guint) wait, watch_timer_cb, w);
}

static gboolean
quit_cb (gpointer user_data)
{
  Watcher *w = user_data;

  g_main_loop_quit (w->loop);
  return G_SOURCE_CONTINUE;
}

static void
open_lead_cb (LwNotifier *notifier,
              gint64      run,
              gint64      lead_id,
              gpointer    user_data)
{
  Watcher *w = user_data;
  g_autoptr(LwLiveLead) lead = NULL;

  if (run != 0)
    {
      printf ("Open lead %" G_GINT64_FORMAT " of run %" G_GINT64_FORMAT ": leadwright-cli explain --db %s --run %"
              G_GINT64_FORMAT " %" G_GINT64_FORMAT "\n", lead_id, run, lw_store_get_path (w->store), run, lead_id);
      return;
    }
  lead = lw_store_get_live_lead (w->store, lead_id, NULL);
  if (lead != NULL)
    print_lead (w->store, w->config, lead, wall_now (), TRUE);
  fflush (stdout);
}

static void
open_monitor_cb (LwNotifier    *notifier,
                 const LwAlert *alert,
                 gpointer       user_data)
{
  printf ("Leads of \"%s\":", alert->summary);
  for (guint i = 0; i < alert->leads->len; i++)
    printf (" %" G_GINT64_FORMAT, g_array_index (alert->leads, LwAlertLeadRef, i).lead);
  printf ("\n");
  fflush (stdout);
}

static void
snooze_cb (LwNotifier    *notifier,
           const LwAlert *alert,
           gpointer       user_data)
{
  Watcher *w = user_data;
  LwTime now = wall_now ();

  lw_alerts_snooze (w->alerts, alert, now);
  printf ("Snoozed the alerts of lead %" G_GINT64_FORMAT " for 15 minutes\n", alert->lead);
  fflush (stdout);
  g_clear_handle_id (&w->timer, g_source_remove);
  schedule_tick (w, now);
}

int
lw_cli_watch (int    argc,
              char **argv)
{
  g_autoptr(LwCliAlertOptions) options = lw_cli_alert_options_new ();
  g_autofree char *db = NULL;
  g_autofree char *at_text = NULL;
  g_autofree char *since_text = NULL;
  gboolean once = FALSE;
  gint64 interval = WATCH_INTERVAL_DEFAULT;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, "Workspace file", "FILE" },
    { "once", 0, 0, G_OPTION_ARG_NONE, &once, "Check the clocks once and exit", NULL },
    { "at", 0, 0, G_OPTION_ARG_STRING, &at_text, "With --once: the time to check at (default: now)", "TIME" },
    { "since", 0, 0, G_OPTION_ARG_STRING, &since_text,
      "Alert on what came due since TIME (default: from the start)", "TIME" },
    { "interval", 0, 0, G_OPTION_ARG_INT64, &interval,
      "The longest wait between two checks, in seconds (default 30)", "SECONDS" },
    { NULL }
  };
  g_autofree GOptionEntry *all = lw_cli_alert_options_add_entries (options, entries);
  g_autoptr(LwAlertSettings) settings = NULL;
  g_autoptr(LwStore) store = NULL;
  g_autoptr(LwConfig) config = NULL;
  g_autoptr(GError) error = NULL;
  Watcher w = { 0 };
  LwTime now = wall_now (), since;
  guint sigint, sigterm;

  if (!lw_cli_parse_options (lw_cli_find_command ("watch"), all, &argc, &argv, 0, 0))
    return LW_EXIT_USAGE;
  if (interval < 1 || interval > 3600)
    {
      fprintf (stderr, "leadwright-cli watch: --interval must be 1..3600 seconds\n");
      return LW_EXIT_USAGE;
    }
  if (at_text != NULL && !once)
    {
      fprintf (stderr, "leadwright-cli watch: --at needs --once (a watcher follows the wall clock)\n");
      return LW_EXIT_USAGE;
    }
  if (!lw_cli_parse_time (at_text, &now) || !lw_cli_parse_time (since_text, &since))
    return LW_EXIT_USAGE;
  if (since_text == NULL)
    since = now;
  if (since > now)
    {
      fprintf (stderr, "leadwright-cli watch: --since is after the time checked\n");
      return LW_EXIT_USAGE;
    }

  store = open_workspace (db, "watch");
  if (store == NULL)
    return LW_EXIT_INVALID;
  config = load_rules (store, &w.source, &error);
  if (config == NULL)
    {
      fprintf (stderr, "%s: error: %s\n", db, error->message);
      g_free (w.source);
      return LW_EXIT_INVALID;
    }
  settings = lw_cli_alert_options_to_settings (options, config, "watch");
  if (settings == NULL)
    {
      g_free (w.source);
      return LW_EXIT_USAGE;
    }

  w.store = store;
  w.config = lw_config_ref (config);
  w.watch = lw_live_watch_new (store, config, since);
  w.alerts = lw_alerts_new (settings);
  w.notifier = lw_notifier_new ("Leadwright");
  w.interval = interval;
  g_signal_connect (w.notifier, "notify::available", G_CALLBACK (notifier_available_cb), NULL);
  g_signal_connect (w.notifier, "open-lead", G_CALLBACK (open_lead_cb), &w);
  g_signal_connect (w.notifier, "open-monitor", G_CALLBACK (open_monitor_cb), &w);
  g_signal_connect (w.notifier, "snooze", G_CALLBACK (snooze_cb), &w);
  lw_notifier_probe (w.notifier);

  if (once)
    w.failed = !watch_tick (&w, now);
  else
    {
      w.loop = g_main_loop_new (NULL, FALSE);
      sigint = g_unix_signal_add (SIGINT, quit_cb, &w);
      sigterm = g_unix_signal_add (SIGTERM, quit_cb, &w);
      fprintf (stderr, "leadwright-cli watch: following the live leads of %s (Ctrl+C to stop)\n", db);
      if (watch_tick (&w, now))
        {
          schedule_tick (&w, now);
          g_main_loop_run (w.loop);
        }
      else
        w.failed = TRUE;
      g_clear_handle_id (&w.timer, g_source_remove);
      g_source_remove (sigint);
      g_source_remove (sigterm);
      g_main_loop_unref (w.loop);
    }

  g_object_unref (w.notifier);
  lw_alerts_free (w.alerts);
  lw_live_watch_free (w.watch);
  lw_config_unref (w.config);
  g_free (w.source);
  return w.failed ? LW_EXIT_INVALID : LW_EXIT_OK;
}

/* ---- alerts of a paced run --------------------------------------------------------- */

/* The shared relay (app/notify/lw-alert-relay.h) with a notifier of its
 * own that says on standard error what it cannot show. */
struct _LwCliAlertRelay
{
  LwAlertRelay *relay;
  LwNotifier   *notifier;
};

static void
relay_delivered_cb (const LwAlert *alert,
                    gboolean       shown,
                    LwTime         now,
                    gpointer       user_data)
{
  print_alert (stderr, alert, now);
}

static void
relay_open_lead_cb (LwNotifier *notifier,
                    gint64      run,
                    gint64      lead,
                    gpointer    user_data)
{
  if (run > 0)
    fprintf (stderr, "Lead %" G_GINT64_FORMAT " of run %" G_GINT64_FORMAT
             ": leadwright-cli explain --run %" G_GINT64_FORMAT " %" G_GINT64_FORMAT "\n",
             lead, run, run, lead);
  else
    fprintf (stderr, "Lead %" G_GINT64_FORMAT " of this run (not recorded)\n", lead);
}

LwCliAlertRelay *
lw_cli_alert_relay_new (const LwConfig        *sim_config,
                        const LwAlertSettings *settings,
                        LwStore               *store,
                        const gint64          *run)
{
  LwCliAlertRelay *relay = g_new0 (LwCliAlertRelay, 1);

  relay->notifier = lw_notifier_new ("Leadwright");
  g_signal_connect (relay->notifier, "notify::available", G_CALLBACK (notifier_available_cb), NULL);
  g_signal_connect (relay->notifier, "open-lead", G_CALLBACK (relay_open_lead_cb), NULL);
  lw_notifier_probe (relay->notifier);
  relay->relay = lw_alert_relay_new (sim_config, settings, relay->notifier, store, run, wall_now);
  lw_alert_relay_set_delivered (relay->relay, relay_delivered_cb, NULL);
  return relay;
}

const LwSimSink *
lw_cli_alert_relay_get_tap (LwCliAlertRelay *relay)
{
  return lw_alert_relay_get_tap (relay->relay);
}

guint
lw_cli_alert_relay_finish (LwCliAlertRelay *relay,
                           guint           *shown)
{
  return lw_alert_relay_finish (relay->relay, shown);
}

void
lw_cli_alert_relay_free (LwCliAlertRelay *relay)
{
  if (relay == NULL)
    return;
  lw_alert_relay_free (relay->relay);
  g_object_unref (relay->notifier);
  g_free (relay);
}
