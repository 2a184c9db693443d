/* lw-alerts.c: who is told about which SLA events, and what they are told
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "lw-alerts.h"

G_DEFINE_QUARK (lw-alerts-error-quark, lw_alerts_error)

G_DEFINE_BOXED_TYPE (LwAlert, lw_alert, lw_alert_copy, lw_alert_free)

/* How many leads a summary names before "and 9 more". */
#define SUMMARY_NAMES 3

static const char * const categories[LW_N_ALERT_KINDS] = {
  [LW_ALERT_WARNING] = "x-leadwright.sla.warning",
  [LW_ALERT_BREACH] = "x-leadwright.sla.breach",
  [LW_ALERT_ESCALATION] = "x-leadwright.sla.escalation",
  [LW_ALERT_REASSIGNMENT] = "x-leadwright.sla.reassignment",
  [LW_ALERT_SUMMARY] = "x-leadwright.sla.summary",
};

/* ---- settings ------------------------------------------------------------------ */

LwAlertSettings *
lw_alert_settings_new (void)
{
  LwAlertSettings *settings = g_new0 (LwAlertSettings, 1);

  settings->kinds = LW_ALERT_KINDS_ALL;
  settings->quiet_start = -1;
  settings->quiet_end = -1;
  settings->group_after = 3;
  settings->group_window = 5 * 60;
  settings->sound = TRUE;
  return settings;
}

LwAlertSettings *
lw_alert_settings_copy (const LwAlertSettings *settings)
{
  LwAlertSettings *copy;

  g_return_val_if_fail (settings != NULL, NULL);

  copy = g_memdup2 (settings, sizeof *settings);
  copy->user = g_strdup (settings->user);
  copy->teams = g_strdupv (settings->teams);
  copy->time_zone = g_strdup (settings->time_zone);
  return copy;
}

void
lw_alert_settings_free (LwAlertSettings *settings)
{
  if (settings == NULL)
    return;
  g_free (settings->user);
  g_strfreev (settings->teams);
  g_free (settings->time_zone);
  g_free (settings);
}

/* "HH:MM" as minutes after midnight, 00:00 to 24:00. */
static gboolean
parse_clock_time (const char *text,
                  int        *minutes)
{
  if (strlen (text) != 5 || !g_ascii_isdigit (text[0]) || !g_ascii_isdigit (text[1]) ||
      text[2] != ':' || !g_ascii_isdigit (text[3]) || !g_ascii_isdigit (text[4]))
    return FALSE;
  *minutes = ((text[0] - '0') * 10 + (text[1] - '0')) * 60 + (text[3] - '0') * 10 + (text[4] - '0');
  return text[3] <= '5' && *minutes <= 24 * 60;
}

gboolean
lw_alert_settings_set_quiet_hours (LwAlertSettings  *settings,
                                   const char       *text,
                                   GError          **error)
{
  g_auto(GStrv) parts = NULL;
  int start, end;

  g_return_val_if_fail (settings != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (text == NULL || text[0] == '\0')
    {
      settings->quiet_start = settings->quiet_end = -1;
      return TRUE;
    }
  parts = g_strsplit (text, "-", -1);
  if (g_strv_length (parts) != 2 || !parse_clock_time (parts[0], &start) ||
      !parse_clock_time (parts[1], &end) || start == 24 * 60 || start == end)
    {
      /* translators: %s is what the user gave; keep HH:MM-HH:MM as it is */
      g_set_error (error, LW_ALERTS_ERROR, LW_ALERTS_ERROR_INVALID,
                   _("“%s” are not quiet hours: give them as HH:MM-HH:MM, such as 22:00-07:00"),
                   text);
      return FALSE;
    }
  settings->quiet_start = start;
  settings->quiet_end = end;
  return TRUE;
}

gboolean
lw_alert_settings_set_kinds (LwAlertSettings  *settings,
                             const char       *text,
                             GError          **error)
{
  g_auto(GStrv) names = NULL;
  guint kinds = 0;

  g_return_val_if_fail (settings != NULL, FALSE);
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  names = g_strsplit (text, ",", -1);
  for (guint i = 0; names[i] != NULL; i++)
    {
      const char *name = g_strstrip (names[i]);
      LwAlertKind kind;

      if (name[0] == '\0' && names[1] == NULL)
        break;
      if (!lw_alert_kind_from_string (name, &kind) || kind == LW_ALERT_SUMMARY)
        {
          /* translators: %s is a word the user gave; keep the kind names as they are */
          g_set_error (error, LW_ALERTS_ERROR, LW_ALERTS_ERROR_INVALID,
                       _("“%s” is not a kind of alert (warning, breach, escalation, reassignment)"),
                       name);
          return FALSE;
        }
      kinds |= 1u << kind;
    }
  settings->kinds = kinds;
  return TRUE;
}

gboolean
lw_alert_settings_check (const LwAlertSettings  *settings,
                         const LwConfig         *config,
                         GError                **error)
{
  g_return_val_if_fail (settings != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (settings->time_zone != NULL)
    {
      g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (settings->time_zone);

      if (tz == NULL)
        {
          /* translators: %s is a time zone name the user gave */
          g_set_error (error, LW_ALERTS_ERROR, LW_ALERTS_ERROR_INVALID,
                       _("“%s” is not a time zone this system knows (Europe/Berlin, America/New_York, ...)"),
                       settings->time_zone);
          return FALSE;
        }
    }
  if ((settings->quiet_start >= 0) != (settings->quiet_end >= 0) ||
      settings->quiet_start >= 24 * 60 || settings->quiet_end > 24 * 60 ||
      (settings->quiet_start >= 0 && settings->quiet_start == settings->quiet_end))
    {
      g_set_error_literal (error, LW_ALERTS_ERROR, LW_ALERTS_ERROR_INVALID,
                           _("The quiet hours must start and end within a day, at different times"));
      return FALSE;
    }
  if (config == NULL)
    return TRUE;
  if (settings->user != NULL && lw_config_find_rep (config, settings->user) == NULL)
    {
      /* translators: %s is a rep id */
      g_set_error (error, LW_ALERTS_ERROR, LW_ALERTS_ERROR_INVALID,
                   _("There is no rep “%s” in the team"), settings->user);
      return FALSE;
    }
  for (guint i = 0; settings->teams != NULL && settings->teams[i] != NULL; i++)
    if (lw_config_find_team (config, settings->teams[i]) == NULL)
      {
        /* translators: %s is a team id */
        g_set_error (error, LW_ALERTS_ERROR, LW_ALERTS_ERROR_INVALID,
                     _("There is no team “%s”"), settings->teams[i]);
        return FALSE;
      }
  return TRUE;
}

GStrv
lw_alert_settings_dup_managed_teams (const LwConfig *config,
                                     const char     *rep_id)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (config != NULL, NULL);
  g_return_val_if_fail (rep_id != NULL, NULL);

  for (guint i = 0; i < config->teams->len; i++)
    {
      const LwTeam *team = g_ptr_array_index (config->teams, i);

      if (g_strcmp0 (team->manager, rep_id) == 0)
        g_strv_builder_add (builder, team->id);
    }
  return g_strv_builder_end (builder);
}

/* ---- facts ------------------------------------------------------------------------ */

static char *
dup_property (const LwConfig *config,
              const LwLead   *lead,
              const char     *id)
{
  const LwProperty *property = lw_config_find_property (config, id);
  g_autofree char *text = NULL;

  if (property == NULL || lead == NULL || property->index >= lead->n_values)
    return NULL;
  text = lw_lead_dup_text (lead, config, property->index);
  if (text == NULL)
    return NULL;
  g_strstrip (text);
  return text[0] != '\0' ? g_steal_pointer (&text) : NULL;
}

char *
lw_alert_dup_lead_name (const LwConfig *config,
                        const LwLead   *lead,
                        gint64          lead_id)
{
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  g_autofree char *number = NULL;
  char *name;

  g_return_val_if_fail (config != NULL, NULL);

  first = dup_property (config, lead, "first_name");
  last = dup_property (config, lead, "last_name");
  if (first != NULL && last != NULL)
    return g_strdup_printf ("%s %s", first, last);
  if (first != NULL || last != NULL)
    return g_strdup (first != NULL ? first : last);
  if ((name = dup_property (config, lead, "name")) != NULL)
    return name;
  if ((name = dup_property (config, lead, "email")) != NULL)
    return name;
  number = g_strdup_printf ("%" G_GINT64_FORMAT, lead_id);
  /* translators: %s is a lead's number */
  return g_strdup_printf (_("Lead %s"), number);
}

static void
set_team (const LwConfig  *config,
          const LwRep     *rep,
          char           **team,
          char           **place)
{
  const LwTeam *found = rep != NULL && rep->team != NULL ? lw_config_find_team (config, rep->team) : NULL;

  *team = found != NULL ? g_strdup (found->id) : NULL;
  if (place != NULL)
    *place = found != NULL ? g_strdup (found->region != NULL && found->region[0] != '\0'
                                       ? found->region : found->label) : NULL;
}

LwAlertFact *
lw_alert_fact_new (LwAlertKind        kind,
                   gint64             run,
                   gint64             lead_id,
                   LwTime             at,
                   const LwConfig    *config,
                   const LwLead      *lead,
                   const LwSlaPolicy *policy,
                   const LwRep       *owner)
{
  LwAlertFact *fact;

  g_return_val_if_fail (kind < LW_ALERT_SUMMARY, NULL);
  g_return_val_if_fail (config != NULL, NULL);

  fact = g_new0 (LwAlertFact, 1);
  fact->kind = kind;
  fact->run = run;
  fact->lead = lead_id;
  fact->at = at;
  fact->deadline = G_MAXINT64;
  fact->lead_name = lw_alert_dup_lead_name (config, lead, lead_id);
  fact->company = dup_property (config, lead, "company");
  fact->policy = g_strdup (policy != NULL ? policy->label : _("no SLA policy"));
  fact->owner = g_strdup (owner != NULL ? owner->name : _("nobody"));
  set_team (config, owner, &fact->team, &fact->place);

  if (kind == LW_ALERT_ESCALATION && fact->team != NULL)
    {
      const LwTeam *team = lw_config_find_team (config, fact->team);
      const LwRep *manager = team->manager != NULL ? lw_config_find_rep (config, team->manager) : NULL;

      if (manager != NULL)
        {
          fact->manager = g_strdup (manager->name);
          fact->manager_id = g_strdup (manager->id);
        }
    }
  return fact;
}

void
lw_alert_fact_set_new_owner (LwAlertFact    *fact,
                             const LwConfig *config,
                             const LwRep    *new_owner)
{
  g_return_if_fail (fact != NULL);
  g_return_if_fail (config != NULL);

  g_clear_pointer (&fact->new_owner, g_free);
  g_clear_pointer (&fact->new_team, g_free);
  if (new_owner == NULL)
    return;
  fact->new_owner = g_strdup (new_owner->name);
  set_team (config, new_owner, &fact->new_team, NULL);
}

LwAlertFact *
lw_alert_fact_copy (const LwAlertFact *fact)
{
  LwAlertFact *copy;

  g_return_val_if_fail (fact != NULL, NULL);

  copy = g_memdup2 (fact, sizeof *fact);
  copy->lead_name = g_strdup (fact->lead_name);
  copy->company = g_strdup (fact->company);
  copy->policy = g_strdup (fact->policy);
  copy->owner = g_strdup (fact->owner);
  copy->team = g_strdup (fact->team);
  copy->place = g_strdup (fact->place);
  copy->manager = g_strdup (fact->manager);
  copy->manager_id = g_strdup (fact->manager_id);
  copy->new_owner = g_strdup (fact->new_owner);
  copy->new_team = g_strdup (fact->new_team);
  return copy;
}

void
lw_alert_fact_free (LwAlertFact *fact)
{
  if (fact == NULL)
    return;
  g_free (fact->lead_name);
  g_free (fact->company);
  g_free (fact->policy);
  g_free (fact->owner);
  g_free (fact->team);
  g_free (fact->place);
  g_free (fact->manager);
  g_free (fact->manager_id);
  g_free (fact->new_owner);
  g_free (fact->new_team);
  g_free (fact);
}

/* ---- alerts --------------------------------------------------------------------------- */

static LwAlert *
alert_new (void)
{
  LwAlert *alert = g_new0 (LwAlert, 1);

  alert->leads = g_array_new (FALSE, FALSE, sizeof (LwAlertLeadRef));
  alert->members = g_ptr_array_new_with_free_func ((GDestroyNotify) lw_alert_free);
  alert->closes = g_array_new (FALSE, FALSE, sizeof (guint64));
  return alert;
}

LwAlert *
lw_alert_copy (const LwAlert *alert)
{
  LwAlert *copy;

  g_return_val_if_fail (alert != NULL, NULL);

  copy = alert_new ();
  copy->serial = alert->serial;
  copy->kind = alert->kind;
  copy->urgency = alert->urgency;
  copy->summary = g_strdup (alert->summary);
  copy->body = g_strdup (alert->body);
  copy->category = alert->category;
  copy->actions = g_strdupv (alert->actions);
  copy->default_action = alert->default_action;
  copy->recipient = g_strdup (alert->recipient);
  copy->sound = alert->sound;
  copy->created_at = alert->created_at;
  copy->run = alert->run;
  copy->lead = alert->lead;
  copy->due_at = alert->due_at;
  copy->fact = alert->fact != NULL ? lw_alert_fact_copy (alert->fact) : NULL;
  copy->team = g_strdup (alert->team);
  g_array_append_vals (copy->leads, alert->leads->data, alert->leads->len);
  for (guint i = 0; i < alert->members->len; i++)
    g_ptr_array_add (copy->members, lw_alert_copy (g_ptr_array_index (alert->members, i)));
  g_array_append_vals (copy->closes, alert->closes->data, alert->closes->len);
  return copy;
}

void
lw_alert_free (LwAlert *alert)
{
  if (alert == NULL)
    return;
  g_free (alert->summary);
  g_free (alert->body);
  g_strfreev (alert->actions);
  g_free (alert->recipient);
  g_clear_pointer (&alert->fact, lw_alert_fact_free);
  g_free (alert->team);
  g_array_unref (alert->leads);
  g_ptr_array_unref (alert->members);
  g_array_unref (alert->closes);
  g_free (alert);
}

static void
fill_record (LwAlertRecord *record,
             const LwAlert *alert,
             LwTime         shown_at)
{
  record->kind = alert->kind;
  record->urgency = alert->urgency;
  record->created_at = alert->created_at;
  record->shown_at = shown_at;
  record->run = alert->run;
  record->lead = alert->kind == LW_ALERT_SUMMARY ? 0 : alert->lead;
  record->recipient = alert->recipient;
  record->summary = alert->summary;
  record->body = alert->body;
  record->due_at = alert->kind == LW_ALERT_SUMMARY ? 0 : alert->due_at;
}

gint64
lw_alerts_record (LwStore        *store,
                  const LwAlert  *alert,
                  LwTime          shown_at,
                  GError        **error)
{
  g_autofree LwAlertRecord *members = NULL;
  LwAlertRecord record = { 0, };

  g_return_val_if_fail (store != NULL, 0);
  g_return_val_if_fail (alert != NULL, 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  /* The records borrow the alert's strings. */
  fill_record (&record, alert, shown_at);
  members = g_new0 (LwAlertRecord, MAX (alert->members->len, 1));
  for (guint i = 0; i < alert->members->len; i++)
    fill_record (&members[i], g_ptr_array_index (alert->members, i), 0);
  return lw_store_add_alert (store, &record, members, alert->members->len, error);
}

/* ---- texts ----------------------------------------------------------------------------- */

static char *
format_count (gint64      n,
              const char *singular,
              const char *plural)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, singular, plural, (gulong) n), (int) n);
}

/* "less than a minute", "5 minutes", "1 hour 50 minutes", "2 days 3 hours" */
static char *
format_duration (gint64 seconds)
{
  gint64 minutes = seconds / 60, hours, days;
  g_autofree char *big = NULL;
  g_autofree char *small = NULL;

  if (seconds < 60)
    return g_strdup (_("less than a minute"));
  if (minutes < 60)
    /* translators: a duration */
    return format_count (minutes, N_("%d minute"), N_("%d minutes"));

  hours = minutes / 60;
  minutes %= 60;
  if (hours < 24)
    {
      big = format_count (hours, N_("%d hour"), N_("%d hours"));
      if (minutes == 0)
        return g_steal_pointer (&big);
      small = format_count (minutes, N_("%d minute"), N_("%d minutes"));
    }
  else
    {
      days = hours / 24;
      hours %= 24;
      big = format_count (days, N_("%d day"), N_("%d days"));
      if (hours == 0)
        return g_steal_pointer (&big);
      small = format_count (hours, N_("%d hour"), N_("%d hours"));
    }
  /* translators: two parts of a duration: "1 hour" and "50 minutes" */
  return g_strdup_printf (C_("duration", "%s %s"), big, small);
}

/* @time in @tz: "09:15" on the same local day as @reference, else
 * "Fri 13 Mar 16:45". */
static char *
format_time (GTimeZone *tz,
             LwTime     time,
             LwTime     reference)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) ref_utc = NULL;
  g_autoptr(GDateTime) ref_local = NULL;

  if (time == G_MAXINT64 || time <= 0)
    return g_strdup (_("no deadline"));
  utc = g_date_time_new_from_unix_utc (time);
  ref_utc = g_date_time_new_from_unix_utc (reference);
  if (utc == NULL || ref_utc == NULL)
    return g_strdup (_("no deadline"));
  local = g_date_time_to_timezone (utc, tz);
  ref_local = g_date_time_to_timezone (ref_utc, tz);
  if (g_date_time_get_year (local) == g_date_time_get_year (ref_local) &&
      g_date_time_get_day_of_year (local) == g_date_time_get_day_of_year (ref_local))
    return g_date_time_format (local, "%H:%M");
  /* translators: a date and time, see g_date_time_format(): "Fri 13 Mar 16:45" */
  return g_date_time_format (local, _("%a %-d %b %H:%M"));
}

static char *
dup_lead_label (const LwAlertFact *fact)
{
  if (fact->company != NULL)
    /* translators: a lead's name, then their company */
    return g_strdup_printf (_("%s (%s)"), fact->lead_name, fact->company);
  return g_strdup (fact->lead_name);
}

static char *
dup_overdue (gint64 overdue)
{
  g_autofree char *duration = NULL;

  if (overdue < 60)
    return g_strdup (_("now overdue"));
  duration = format_duration (overdue);
  /* translators: %s is a duration: "1 hour 50 minutes" */
  return g_strdup_printf (_("overdue by %s"), duration);
}

static GStrv
dup_actions (const char *first,
             ...) G_GNUC_NULL_TERMINATED;

static GStrv
dup_actions (const char *first,
             ...)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  va_list args;

  va_start (args, first);
  for (const char *s = first; s != NULL; s = va_arg (args, const char *))
    g_strv_builder_add (builder, s);
  va_end (args);
  return g_strv_builder_end (builder);
}

/* The alert of one fact, as it reads at @reference on the lead's clock. */
static LwAlert *
render_fact (const LwAlertFact     *fact,
             const LwAlertSettings *settings,
             GTimeZone             *tz,
             LwTime                 reference,
             LwTime                 now)
{
  g_autofree char *label = dup_lead_label (fact);
  g_autofree char *due = format_time (tz, fact->deadline, reference);
  g_autofree char *overdue = dup_overdue (fact->deadline != G_MAXINT64 ? reference - fact->deadline : 0);
  LwAlert *alert = alert_new ();

  alert->kind = fact->kind;
  alert->category = categories[fact->kind];
  alert->recipient = g_strdup (settings->user != NULL ? settings->user : LW_ALERT_RECIPIENT_DESKTOP);
  alert->sound = settings->sound;
  alert->created_at = now;
  alert->run = fact->run;
  alert->lead = fact->lead;
  alert->due_at = fact->at;
  alert->fact = lw_alert_fact_copy (fact);
  alert->actions = dup_actions (LW_ALERT_ACTION_OPEN_LEAD, _("Open lead"),
                                LW_ALERT_ACTION_SNOOZE, _("Snooze 15 minutes"), NULL);
  alert->default_action = LW_ALERT_ACTION_OPEN_LEAD;

  switch (fact->kind)
    {
    case LW_ALERT_WARNING:
      {
        g_autofree char *left = format_duration (MAX (fact->left, 0));

        alert->urgency = LW_ALERT_URGENCY_NORMAL;
        /* translators: %s is a lead: "Ana Silva (Northbeam)" */
        alert->summary = g_strdup_printf (_("SLA warning: %s"), label);
        /* translators: an SLA policy, a time ("09:15"), a duration, then a rep's name */
        alert->body = g_strdup_printf (_("%s: first touch due at %s, %s left.\nOwner: %s"),
                                       fact->policy, due, left, fact->owner);
      }
      break;

    case LW_ALERT_BREACH:
      alert->urgency = LW_ALERT_URGENCY_CRITICAL;
      /* translators: %s is a lead: "Ana Silva (Northbeam)" */
      alert->summary = g_strdup_printf (_("SLA breached: %s"), label);
      /* translators: an SLA policy, a time ("09:15"), "overdue by 5 minutes", then a rep's name */
      alert->body = g_strdup_printf (_("%s: first touch was due at %s, %s.\nOwner: %s"),
                                     fact->policy, due, overdue, fact->owner);
      break;

    case LW_ALERT_ESCALATION:
      {
        g_autofree char *to = NULL;

        if (fact->manager_id != NULL && g_strcmp0 (fact->manager_id, settings->user) == 0)
          to = g_strdup (_(" Escalated to you."));
        else if (fact->manager != NULL)
          /* translators: %s is a manager's name; mind the leading space */
          to = g_strdup_printf (_(" Escalated to %s."), fact->manager);
        else
          to = g_strdup ("");
        alert->urgency = LW_ALERT_URGENCY_CRITICAL;
        /* translators: %s is a lead: "Ana Silva (Northbeam)" */
        alert->summary = g_strdup_printf (_("SLA escalation: %s"), label);
        /* translators: an SLA policy, a time, "overdue by 2 hours", " Escalated to Henrik Larsen.", a rep's name */
        alert->body = g_strdup_printf (_("%s: first touch was due at %s, %s.%s\nOwner: %s"),
                                       fact->policy, due, overdue, to, fact->owner);
      }
      break;

    case LW_ALERT_REASSIGNMENT:
    default:
      if (fact->new_owner != NULL)
        {
          alert->urgency = LW_ALERT_URGENCY_NORMAL;
          /* translators: %s is a lead: "Ana Silva (Northbeam)" */
          alert->summary = g_strdup_printf (_("Lead reassigned: %s"), label);
          /* translators: an SLA policy, a rep's name, "overdue by 1 day", then another rep's name */
          alert->body = g_strdup_printf (_("%s: untouched by %s, %s.\nNew owner: %s"),
                                         fact->policy, fact->owner, overdue, fact->new_owner);
        }
      else
        {
          alert->urgency = LW_ALERT_URGENCY_CRITICAL;
          /* translators: %s is a lead: "Ana Silva (Northbeam)" */
          alert->summary = g_strdup_printf (_("Reassignment failed: %s"), label);
          /* translators: an SLA policy, a rep's name, then "overdue by 1 day" */
          alert->body = g_strdup_printf (_("%s: untouched by %s, %s. Nobody is available to take it."),
                                         fact->policy, fact->owner, overdue);
        }
      break;
    }
  return alert;
}

/* ---- the alert center ------------------------------------------------------------------ */

typedef struct
{
  LwAlertFact *fact;
  LwTime       pushed_at;    /* the wall clock when it was pushed */
} Pending;

typedef struct
{
  LwTime       until;
  LwAlertFact *latest;       /* the alert to show when it ends; NULL: none */
  LwTime       latest_at;
  gboolean     touched;
} Snooze;

/* An alert shown in a group's window, one by one or through a summary. */
typedef struct
{
  LwTime       at;
  char        *group;
  guint64      serial;       /* shown one by one and not closed yet; else 0 */
  LwAlertKind  kind;
  gint64       run;
  gint64       lead;
  char        *label;        /* "Ana Silva (Northbeam)" */
} Shown;

typedef struct
{
  guint64 serial;
  LwTime  at;
} GroupSummary;

struct _LwAlerts
{
  LwAlertSettings *settings;
  GTimeZone       *tz;
  guint64          next_serial;
  GArray          *queue;       /* Pending */
  GHashTable      *snoozes;     /* LwAlertLeadRef * -> Snooze * */
  GPtrArray       *shown;       /* Shown, oldest first */
  GHashTable      *summaries;   /* group key -> GroupSummary * */
};

static guint
lead_ref_hash (gconstpointer key)
{
  const LwAlertLeadRef *ref = key;

  return g_int64_hash (&ref->run) * 31 + g_int64_hash (&ref->lead);
}

static gboolean
lead_ref_equal (gconstpointer a,
                gconstpointer b)
{
  const LwAlertLeadRef *x = a, *y = b;

  return x->run == y->run && x->lead == y->lead;
}

static void
snooze_free (gpointer data)
{
  Snooze *snooze = data;

  g_clear_pointer (&snooze->latest, lw_alert_fact_free);
  g_free (snooze);
}

static void
shown_free (gpointer data)
{
  Shown *shown = data;

  g_free (shown->group);
  g_free (shown->label);
  g_free (shown);
}

static void
clear_pending (gpointer data)
{
  Pending *pending = data;

  g_clear_pointer (&pending->fact, lw_alert_fact_free);
}

LwAlerts *
lw_alerts_new (const LwAlertSettings *settings)
{
  LwAlerts *self;

  g_return_val_if_fail (settings != NULL, NULL);

  self = g_new0 (LwAlerts, 1);
  self->next_serial = 1;
  self->queue = g_array_new (FALSE, TRUE, sizeof (Pending));
  g_array_set_clear_func (self->queue, clear_pending);
  self->snoozes = g_hash_table_new_full (lead_ref_hash, lead_ref_equal, g_free, snooze_free);
  self->shown = g_ptr_array_new_with_free_func (shown_free);
  self->summaries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  lw_alerts_set_settings (self, settings);
  return self;
}

void
lw_alerts_free (LwAlerts *self)
{
  if (self == NULL)
    return;
  lw_alert_settings_free (self->settings);
  g_clear_pointer (&self->tz, g_time_zone_unref);
  g_array_unref (self->queue);
  g_hash_table_unref (self->snoozes);
  g_ptr_array_unref (self->shown);
  g_hash_table_unref (self->summaries);
  g_free (self);
}

void
lw_alerts_set_settings (LwAlerts              *self,
                        const LwAlertSettings *settings)
{
  LwAlertSettings *copy;

  g_return_if_fail (self != NULL);
  g_return_if_fail (settings != NULL);

  copy = lw_alert_settings_copy (settings);
  lw_alert_settings_free (self->settings);
  self->settings = copy;

  g_clear_pointer (&self->tz, g_time_zone_unref);
  if (settings->time_zone != NULL)
    self->tz = g_time_zone_new_identifier (settings->time_zone);
  if (self->tz == NULL)
    self->tz = settings->time_zone != NULL ? g_time_zone_new_utc () : g_time_zone_new_local ();
}

const LwAlertSettings *
lw_alerts_get_settings (LwAlerts *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->settings;
}

static gboolean
is_quiet (LwAlerts *self,
          LwTime    now)
{
  const LwAlertSettings *s = self->settings;
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;
  int minute;

  if (s->quiet_start < 0 || s->quiet_end < 0 || s->quiet_start == s->quiet_end)
    return FALSE;
  utc = g_date_time_new_from_unix_utc (now);
  if (utc == NULL)
    return FALSE;
  local = g_date_time_to_timezone (utc, self->tz);
  minute = g_date_time_get_hour (local) * 60 + g_date_time_get_minute (local);
  if (s->quiet_start < s->quiet_end)
    return minute >= s->quiet_start && minute < s->quiet_end;
  return minute >= s->quiet_start || minute < s->quiet_end;
}

static gboolean
is_managed (LwAlerts          *self,
            const LwAlertFact *fact)
{
  GStrv teams = self->settings->teams;

  if (teams == NULL)
    return TRUE;
  if (fact->team != NULL && g_strv_contains ((const char * const *) teams, fact->team))
    return TRUE;
  return fact->kind == LW_ALERT_REASSIGNMENT && fact->new_team != NULL &&
         g_strv_contains ((const char * const *) teams, fact->new_team);
}

static Snooze *
find_snooze (LwAlerts *self,
             gint64    run,
             gint64    lead)
{
  LwAlertLeadRef ref = { run, lead };

  return g_hash_table_lookup (self->snoozes, &ref);
}

LwAlertVerdict
lw_alerts_push (LwAlerts    *self,
                LwAlertFact *fact,
                LwTime       now)
{
  g_autoptr(LwAlertFact) owned = fact;
  Snooze *snooze;
  Pending pending;

  g_return_val_if_fail (self != NULL, LW_ALERT_KIND_OFF);
  g_return_val_if_fail (fact != NULL, LW_ALERT_KIND_OFF);
  g_return_val_if_fail (fact->kind < LW_ALERT_SUMMARY, LW_ALERT_KIND_OFF);

  if (!(self->settings->kinds & (1u << fact->kind)))
    return LW_ALERT_KIND_OFF;
  if (!is_managed (self, fact))
    return LW_ALERT_NOT_MANAGED;
  if (is_quiet (self, now))
    return LW_ALERT_QUIET;

  snooze = find_snooze (self, fact->run, fact->lead);
  if (snooze != NULL && now < snooze->until)
    {
      g_clear_pointer (&snooze->latest, lw_alert_fact_free);
      snooze->latest = g_steal_pointer (&owned);
      snooze->latest_at = now;
      snooze->touched = FALSE;
      return LW_ALERT_HELD;
    }

  pending.fact = g_steal_pointer (&owned);
  pending.pushed_at = now;
  g_array_append_val (self->queue, pending);
  return LW_ALERT_QUEUED;
}

void
lw_alerts_snooze (LwAlerts      *self,
                  const LwAlert *alert,
                  LwTime         now)
{
  LwAlertLeadRef *ref;
  Snooze *snooze;

  g_return_if_fail (self != NULL);
  g_return_if_fail (alert != NULL);
  g_return_if_fail (alert->kind != LW_ALERT_SUMMARY && alert->fact != NULL);

  snooze = find_snooze (self, alert->run, alert->lead);
  if (snooze == NULL)
    {
      ref = g_new (LwAlertLeadRef, 1);
      ref->run = alert->run;
      ref->lead = alert->lead;
      snooze = g_new0 (Snooze, 1);
      g_hash_table_insert (self->snoozes, ref, snooze);
    }
  snooze->until = now + LW_ALERT_SNOOZE_SECONDS;
  g_clear_pointer (&snooze->latest, lw_alert_fact_free);
  snooze->latest = lw_alert_fact_copy (alert->fact);
  snooze->latest_at = alert->created_at;
  snooze->touched = FALSE;
}

gboolean
lw_alerts_is_snoozed (LwAlerts *self,
                      gint64    run,
                      gint64    lead,
                      LwTime    now)
{
  Snooze *snooze;

  g_return_val_if_fail (self != NULL, FALSE);

  snooze = find_snooze (self, run, lead);
  return snooze != NULL && now < snooze->until;
}

void
lw_alerts_lead_touched (LwAlerts *self,
                        gint64    run,
                        gint64    lead)
{
  Snooze *snooze;

  g_return_if_fail (self != NULL);

  snooze = find_snooze (self, run, lead);
  if (snooze != NULL)
    {
      snooze->touched = TRUE;
      g_clear_pointer (&snooze->latest, lw_alert_fact_free);
    }
}

static char *
dup_group_key (const LwAlertFact *fact)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT ":%s", fact->run, fact->team != NULL ? fact->team : "");
}

/* Until when the facts of group @key wait: its summary is on screen and
 * was updated less than LW_ALERTS_SUMMARY_REFRESH seconds ago. 0 when they
 * need not wait. */
static LwTime
group_waits_until (LwAlerts   *self,
                   const char *key,
                   LwTime      now)
{
  const LwAlertSettings *s = self->settings;
  GroupSummary *summary = g_hash_table_lookup (self->summaries, key);

  if (summary == NULL || s->group_after == 0 || s->group_window == 0 ||
      summary->at <= now - (LwTime) s->group_window ||
      now >= summary->at + LW_ALERTS_SUMMARY_REFRESH)
    return 0;
  return summary->at + LW_ALERTS_SUMMARY_REFRESH;
}

LwTime
lw_alerts_get_next_wakeup (LwAlerts *self)
{
  GHashTableIter iter;
  gpointer value;
  LwTime next = G_MAXINT64;

  g_return_val_if_fail (self != NULL, G_MAXINT64);

  g_hash_table_iter_init (&iter, self->snoozes);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    next = MIN (next, ((Snooze *) value)->until);
  for (guint i = 0; i < self->queue->len; i++)
    {
      g_autofree char *key = dup_group_key (g_array_index (self->queue, Pending, i).fact);
      GroupSummary *summary = g_hash_table_lookup (self->summaries, key);

      if (summary != NULL)
        next = MIN (next, summary->at + LW_ALERTS_SUMMARY_REFRESH);
    }
  return next;
}

gboolean
lw_alerts_has_pending (LwAlerts *self,
                       LwTime    now)
{
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (self != NULL, FALSE);

  for (guint i = 0; i < self->queue->len; i++)
    {
      g_autofree char *key = dup_group_key (g_array_index (self->queue, Pending, i).fact);

      if (group_waits_until (self, key, now) == 0)
        return TRUE;
    }
  g_hash_table_iter_init (&iter, self->snoozes);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Snooze *snooze = value;

      if (snooze->until <= now && snooze->latest != NULL && !is_quiet (self, now))
        return TRUE;
    }
  return FALSE;
}

/* Snoozes that ended put their alert back in the queue. */
static void
end_snoozes (LwAlerts *self,
             LwTime    now)
{
  GHashTableIter iter;
  gpointer value;
  gboolean quiet = is_quiet (self, now);

  g_hash_table_iter_init (&iter, self->snoozes);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Snooze *snooze = value;

      if (snooze->until > now)
        continue;
      if (snooze->latest != NULL && !snooze->touched && !quiet)
        {
          Pending pending = { g_steal_pointer (&snooze->latest), snooze->latest_at };

          g_array_append_val (self->queue, pending);
        }
      g_hash_table_iter_remove (&iter);
    }
}


static void
remember_shown (LwAlerts      *self,
                const LwAlert *alert,
                const char    *group,
                gboolean       alone,
                LwTime         now)
{
  Shown *shown = g_new0 (Shown, 1);

  shown->at = now;
  shown->group = g_strdup (group);
  shown->serial = alone ? alert->serial : 0;
  shown->kind = alert->kind;
  shown->run = alert->run;
  shown->lead = alert->lead;
  shown->label = dup_lead_label (alert->fact);
  g_ptr_array_add (self->shown, shown);
}

/* The summary of a group's window: every alert of @recent (Shown) and the
 * new @members (LwAlert). */
static LwAlert *
render_summary (LwAlerts   *self,
                GPtrArray  *recent,
                GPtrArray  *members,
                const char *place,
                LwTime      now)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (lead_ref_hash, lead_ref_equal, g_free, NULL);
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *window = format_duration (self->settings->group_window);
  g_autofree char *count_text = NULL;
  g_autoptr(GString) body = g_string_new (NULL);
  guint counts[LW_N_ALERT_KINDS] = { 0, };
  guint n_kinds = 0, n_leads;
  LwAlertKind only = LW_ALERT_WARNING;
  LwAlert *alert = alert_new ();

  alert->kind = LW_ALERT_SUMMARY;
  alert->urgency = LW_ALERT_URGENCY_LOW;
  alert->category = categories[LW_ALERT_SUMMARY];
  alert->recipient = g_strdup (self->settings->user != NULL ? self->settings->user
                                                            : LW_ALERT_RECIPIENT_DESKTOP);
  alert->sound = self->settings->sound;
  alert->created_at = now;
  alert->actions = dup_actions (LW_ALERT_ACTION_OPEN_MONITOR, _("Open SLA monitor"), NULL);
  alert->default_action = LW_ALERT_ACTION_OPEN_MONITOR;

  /* The window's alerts shown before, then the new ones. */
  for (guint i = 0; i < recent->len + members->len; i++)
    {
      LwAlertLeadRef ref;
      LwAlertKind kind;
      char *label;

      if (i < recent->len)
        {
          const Shown *shown = g_ptr_array_index (recent, i);

          ref = (LwAlertLeadRef) { shown->run, shown->lead };
          kind = shown->kind;
          label = g_strdup (shown->label);
        }
      else
        {
          const LwAlert *member = g_ptr_array_index (members, i - recent->len);

          ref = (LwAlertLeadRef) { member->run, member->lead };
          kind = member->kind;
          label = dup_lead_label (member->fact);
          alert->urgency = MAX (alert->urgency, member->urgency);
        }
      if (counts[kind]++ == 0)
        {
          n_kinds++;
          only = kind;
        }
      if (g_hash_table_contains (seen, &ref))
        {
          g_free (label);
          continue;
        }
      g_hash_table_add (seen, g_memdup2 (&ref, sizeof ref));
      g_array_append_val (alert->leads, ref);
      g_ptr_array_add (labels, label);
    }

  n_leads = alert->leads->len;
  if (n_kinds == 1 && only == LW_ALERT_BREACH)
    count_text = place != NULL
      /* translators: a number of leads, a region or team, then a duration */
      ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u lead breached its SLA in %s in the last %s",
                                      "%u leads breached their SLA in %s in the last %s", n_leads),
                         n_leads, place, window)
      /* translators: a number of leads, then a duration */
      : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u lead breached its SLA in the last %s",
                                      "%u leads breached their SLA in the last %s", n_leads),
                         n_leads, window);
  else if (n_kinds == 1 && only == LW_ALERT_WARNING)
    count_text = place != NULL
      ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u lead got an SLA warning in %s in the last %s",
                                      "%u leads got an SLA warning in %s in the last %s", n_leads),
                         n_leads, place, window)
      : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u lead got an SLA warning in the last %s",
                                      "%u leads got an SLA warning in the last %s", n_leads),
                         n_leads, window);
  else if (n_kinds == 1 && only == LW_ALERT_ESCALATION)
    count_text = place != NULL
      ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u lead was escalated in %s in the last %s",
                                      "%u leads were escalated in %s in the last %s", n_leads),
                         n_leads, place, window)
      : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u lead was escalated in the last %s",
                                      "%u leads were escalated in the last %s", n_leads),
                         n_leads, window);
  else if (n_kinds == 1 && only == LW_ALERT_REASSIGNMENT)
    count_text = place != NULL
      ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u lead was reassigned in %s in the last %s",
                                      "%u leads were reassigned in %s in the last %s", n_leads),
                         n_leads, place, window)
      : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u lead was reassigned in the last %s",
                                      "%u leads were reassigned in the last %s", n_leads),
                         n_leads, window);
  else
    count_text = place != NULL
      ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "SLA alerts on %u lead in %s in the last %s",
                                      "SLA alerts on %u leads in %s in the last %s", n_leads),
                         n_leads, place, window)
      : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "SLA alerts on %u lead in the last %s",
                                      "SLA alerts on %u leads in the last %s", n_leads),
                         n_leads, window);
  alert->summary = g_steal_pointer (&count_text);

  if (n_kinds > 1)
    {
      static const struct { LwAlertKind kind; const char *singular; const char *plural; } parts[] = {
        { LW_ALERT_BREACH, N_("%d breach"), N_("%d breaches") },
        { LW_ALERT_WARNING, N_("%d warning"), N_("%d warnings") },
        { LW_ALERT_ESCALATION, N_("%d escalation"), N_("%d escalations") },
        { LW_ALERT_REASSIGNMENT, N_("%d reassignment"), N_("%d reassignments") },
      };

      for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
        {
          g_autofree char *part = NULL;

          if (counts[parts[i].kind] == 0)
            continue;
          part = format_count (counts[parts[i].kind], parts[i].singular, parts[i].plural);
          if (body->len > 0)
            g_string_append (body, ", ");
          g_string_append (body, part);
        }
      g_string_append (body, ".\n");
    }
  for (guint i = 0; i < labels->len && i < SUMMARY_NAMES; i++)
    {
      if (i > 0)
        g_string_append (body, ", ");
      g_string_append (body, g_ptr_array_index (labels, i));
    }
  if (labels->len > SUMMARY_NAMES)
    {
      guint more = labels->len - SUMMARY_NAMES;

      /* translators: the end of a list of leads: "Ana Silva, Ben Ode, Chen Li and 9 more" */
      g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE, " and %u more", " and %u more", more), more);
    }
  alert->body = g_string_free (g_steal_pointer (&body), FALSE);
  return alert;
}

static GPtrArray *
flush_alerts (LwAlerts *self,
              LwTime    now,
              gboolean  force);

GPtrArray *
lw_alerts_flush (LwAlerts *self,
                 LwTime    now)
{
  g_return_val_if_fail (self != NULL, NULL);

  return flush_alerts (self, now, FALSE);
}

GPtrArray *
lw_alerts_flush_all (LwAlerts *self,
                     LwTime    now)
{
  g_return_val_if_fail (self != NULL, NULL);

  return flush_alerts (self, now, TRUE);
}

static GPtrArray *
flush_alerts (LwAlerts *self,
              LwTime    now,
              gboolean  force)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) lw_alert_free);
  g_autoptr(GPtrArray) order = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) queue = NULL;
  const LwAlertSettings *s;
  gboolean grouping;

  s = self->settings;
  grouping = s->group_after > 0 && s->group_window > 0;
  end_snoozes (self, now);

  /* Forget what fell out of the window. */
  for (guint i = 0; i < self->shown->len;)
    {
      const Shown *shown = g_ptr_array_index (self->shown, i);

      if (!grouping || shown->at <= now - (LwTime) s->group_window)
        g_ptr_array_remove_index (self->shown, i);
      else
        i++;
    }

  queue = g_steal_pointer (&self->queue);
  self->queue = g_array_new (FALSE, TRUE, sizeof (Pending));
  g_array_set_clear_func (self->queue, clear_pending);

  /* The groups, in the order they first come; those whose summary was just
   * updated keep waiting. */
  for (guint i = 0; i < queue->len; i++)
    {
      Pending *pending = &g_array_index (queue, Pending, i);
      g_autofree char *key = dup_group_key (pending->fact);

      if (!force && group_waits_until (self, key, now) != 0)
        {
          Pending moved = *pending;

          pending->fact = NULL;
          g_array_append_val (self->queue, moved);
          continue;
        }
      if (!g_ptr_array_find_with_equal_func (order, key, g_str_equal, NULL))
        g_ptr_array_add (order, g_steal_pointer (&key));
    }

  for (guint g = 0; g < order->len; g++)
    {
      const char *key = g_ptr_array_index (order, g);
      g_autoptr(GPtrArray) members = g_ptr_array_new_with_free_func ((GDestroyNotify) lw_alert_free);
      g_autoptr(GPtrArray) recent = g_ptr_array_new ();
      const char *place = NULL;
      GroupSummary *summary;
      LwAlert *alert;

      for (guint i = 0; i < queue->len; i++)
        {
          Pending *pending = &g_array_index (queue, Pending, i);
          g_autofree char *pkey = NULL;
          LwTime reference;

          if (pending->fact == NULL)
            continue;
          pkey = dup_group_key (pending->fact);
          if (strcmp (pkey, key) != 0)
            continue;
          reference = pending->fact->at + MAX (now - pending->pushed_at, 0);
          place = pending->fact->place;
          g_ptr_array_add (members, render_fact (pending->fact, s, self->tz, reference, now));
        }
      for (guint i = 0; i < self->shown->len; i++)
        {
          Shown *shown = g_ptr_array_index (self->shown, i);

          if (strcmp (shown->group, key) == 0)
            g_ptr_array_add (recent, shown);
        }

      if (!grouping || recent->len + members->len <= s->group_after)
        {
          for (guint i = 0; i < members->len; i++)
            {
              LwAlert *member = g_ptr_array_index (members, i);

              member->serial = self->next_serial++;
              remember_shown (self, member, key, TRUE, now);
            }
          g_ptr_array_extend_and_steal (out, g_steal_pointer (&members));
          continue;
        }

      alert = render_summary (self, recent, members, place, now);
      alert->run = ((const LwAlert *) g_ptr_array_index (members, 0))->run;
      alert->team = g_strdup (((const LwAlert *) g_ptr_array_index (members, 0))->fact->team);
      summary = g_hash_table_lookup (self->summaries, key);
      if (summary != NULL && summary->at > now - (LwTime) s->group_window)
        alert->serial = summary->serial;
      else
        {
          alert->serial = self->next_serial++;
          if (summary == NULL)
            {
              summary = g_new0 (GroupSummary, 1);
              g_hash_table_insert (self->summaries, g_strdup (key), summary);
            }
          summary->serial = alert->serial;
        }
      summary->at = now;
      for (guint i = 0; i < recent->len; i++)
        {
          Shown *shown = g_ptr_array_index (recent, i);

          if (shown->serial != 0)
            {
              g_array_append_val (alert->closes, shown->serial);
              shown->serial = 0;
            }
        }
      for (guint i = 0; i < members->len; i++)
        remember_shown (self, g_ptr_array_index (members, i), key, FALSE, now);
      g_ptr_array_extend_and_steal (alert->members, g_steal_pointer (&members));
      g_ptr_array_add (out, alert);
    }

  return g_steal_pointer (&out);
}

/* ---- simulated leads ------------------------------------------------------------------- */

struct _LwSimAlertSource
{
  const LwConfig *config;
  gint64          run;
  GHashTable     *waiting;    /* lead id -> GArray of LwEvent */
  guint           n_waiting;
};

LwSimAlertSource *
lw_sim_alert_source_new (const LwConfig *config)
{
  LwSimAlertSource *self;

  g_return_val_if_fail (config != NULL, NULL);

  self = g_new0 (LwSimAlertSource, 1);
  self->config = config;
  self->waiting = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_array_unref);
  return self;
}

void
lw_sim_alert_source_free (LwSimAlertSource *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->waiting);
  g_free (self);
}

void
lw_sim_alert_source_set_run (LwSimAlertSource *self,
                             gint64            run)
{
  g_return_if_fail (self != NULL);

  self->run = run;
}

guint
lw_sim_alert_source_get_n_waiting (LwSimAlertSource *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_waiting;
}

void
lw_sim_alert_source_add_events (LwSimAlertSource *self,
                                const LwEvent    *events,
                                guint             n,
                                GArray           *touched)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (n == 0 || events != NULL);

  for (guint i = 0; i < n; i++)
    {
      LwEvent event = events[i];
      GArray *list;

      switch (event.kind)
        {
        case LW_EVENT_FIRST_TOUCH:
          if (touched != NULL)
            {
              gint64 id = event.lead;

              g_array_append_val (touched, id);
            }
          continue;
        case LW_EVENT_SLA_WARNING:
        case LW_EVENT_SLA_BREACH:
        case LW_EVENT_ESCALATED:
        case LW_EVENT_REASSIGNED:
          break;
        default:
          continue;
        }

      list = g_hash_table_lookup (self->waiting, GUINT_TO_POINTER (event.lead));
      if (list == NULL)
        {
          list = g_array_new (FALSE, FALSE, sizeof (LwEvent));
          g_hash_table_insert (self->waiting, GUINT_TO_POINTER (event.lead), list);
        }
      event.detail = NULL;
      g_array_append_val (list, event);
      self->n_waiting++;
    }
}

static const LwRep *
rep_at (const LwConfig *config,
        int             index)
{
  return index >= 0 && (guint) index < config->reps->len ? g_ptr_array_index (config->reps, index) : NULL;
}

static const LwSlaPolicy *
policy_at (const LwConfig *config,
           int             index)
{
  return index >= 0 && (guint) index < config->policies->len ? g_ptr_array_index (config->policies, index) : NULL;
}

static LwAlertFact *
fact_of_event (LwSimAlertSource *self,
               const LwEvent    *event,
               const LwSimLead  *lead)
{
  const LwConfig *config = self->config;
  LwAlertFact *fact;

  switch (event->kind)
    {
    case LW_EVENT_SLA_WARNING:
      fact = lw_alert_fact_new (LW_ALERT_WARNING, self->run, lead->id, event->t, config, lead->lead,
                                policy_at (config, event->arg), rep_at (config, event->rep));
      fact->left = (gint64) (event->value * LW_MINUTE);
      break;
    case LW_EVENT_SLA_BREACH:
      fact = lw_alert_fact_new (LW_ALERT_BREACH, self->run, lead->id, event->t, config, lead->lead,
                                policy_at (config, event->arg), rep_at (config, event->rep));
      break;
    case LW_EVENT_ESCALATED:
      {
        const LwRep *manager = rep_at (config, event->rep);

        fact = lw_alert_fact_new (LW_ALERT_ESCALATION, self->run, lead->id, event->t, config, lead->lead,
                                  policy_at (config, lead->policy), rep_at (config, lead->owner));
        /* The event names the manager the simulator notified. */
        if (manager != NULL)
          {
            g_free (fact->manager);
            g_free (fact->manager_id);
            fact->manager = g_strdup (manager->name);
            fact->manager_id = g_strdup (manager->id);
          }
      }
      break;
    case LW_EVENT_REASSIGNED:
    default:
      fact = lw_alert_fact_new (LW_ALERT_REASSIGNMENT, self->run, lead->id, event->t, config, lead->lead,
                                policy_at (config, lead->policy), rep_at (config, event->arg));
      lw_alert_fact_set_new_owner (fact, config, rep_at (config, event->rep));
      break;
    }
  fact->deadline = lead->deadline != 0 ? lead->deadline : G_MAXINT64;
  return fact;
}

static int
compare_fact_time (gconstpointer a,
                   gconstpointer b)
{
  const LwAlertFact *x = *(LwAlertFact * const *) a;
  const LwAlertFact *y = *(LwAlertFact * const *) b;

  if (x->at != y->at)
    return x->at < y->at ? -1 : 1;
  if (x->lead != y->lead)
    return x->lead < y->lead ? -1 : 1;
  return 0;
}

void
lw_sim_alert_source_add_leads (LwSimAlertSource *self,
                               const LwSimLead  *leads,
                               guint             n,
                               GPtrArray        *facts)
{
  g_autoptr(GPtrArray) found = NULL;

  g_return_if_fail (self != NULL);
  g_return_if_fail (n == 0 || leads != NULL);
  g_return_if_fail (facts != NULL);

  if (self->n_waiting == 0)
    return;

  found = g_ptr_array_new ();
  for (guint i = 0; i < n; i++)
    {
      GArray *list = g_hash_table_lookup (self->waiting, GUINT_TO_POINTER (leads[i].id));

      if (list == NULL)
        continue;
      for (guint k = 0; k < list->len; k++)
        g_ptr_array_add (found, fact_of_event (self, &g_array_index (list, LwEvent, k), &leads[i]));
      self->n_waiting -= list->len;
      g_hash_table_remove (self->waiting, GUINT_TO_POINTER (leads[i].id));
    }
  /* Stable: the events of one lead keep their order. */
  g_ptr_array_sort (found, compare_fact_time);
  for (guint i = 0; i < found->len; i++)
    g_ptr_array_add (facts, g_ptr_array_index (found, i));
}
