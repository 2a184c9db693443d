/* lw-alerts.h: who is told about which SLA events, and what they are told
 *
 * The logic behind Leadwright's desktop alerts, shared by the application
 * and leadwright-cli. It talks to no D-Bus (the notifier in app/notify/
 * shows what it decides) and reads no clock: every call takes the time it
 * runs at, so tests drive it with an injected clock.
 *
 * - What happened is an LwAlertFact: a warning, a breach, an escalation or
 *   a reassignment of one lead, live (lw-live.h) or simulated
 *   (LwSimAlertSource, below).
 * - Who receives: LwAlertSettings say who the desktop's user is, whose
 *   teams' alerts they see (the teams they manage, or all), which kinds,
 *   and their quiet hours in their own time zone. A fact the settings turn
 *   away is dropped, not kept for later.
 * - Snooze: "Snooze 15 minutes" on an alert holds every alert about that
 *   lead for 15 minutes; then the latest of them (the snoozed one when no
 *   other came) is shown again, unless the lead was touched meanwhile.
 * - No floods: facts wait in a queue until lw_alerts_flush(). Alerts are
 *   grouped by where they come from (the owner's team, within one run or
 *   within live mode); when a group would get more than group_after alerts
 *   within group_window seconds, its alerts of that window are shown as one
 *   summary ("12 leads breached their SLA in EMEA in the last 5 minutes"),
 *   which replaces the group's previous summary and closes the alerts of
 *   the window shown one by one. While a group's summary is on screen, it
 *   is updated at most every LW_ALERTS_SUMMARY_REFRESH seconds: the facts
 *   of that group wait in the queue meanwhile (lw_alerts_get_next_wakeup()
 *   says until when).
 * - Content: the exact summary, body, urgency, category and actions of each
 *   kind are made here (docs/alerts.md lists them). Bodies are plain text.
 * - Every alert flushed can be recorded in the workspace with
 *   lw_alerts_record(): what, when, to whom, and whether it was shown.
 *
 * Threads: an LwAlerts is used from one thread. An LwSimAlertSource is fed
 * from a simulation's sink, on the simulation's thread; its facts may then
 * be handed to the thread that owns the LwAlerts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "lw-config.h"
#include "lw-event.h"
#include "lw-lead.h"
#include "lw-simulator.h"
#include "lw-store.h"

G_BEGIN_DECLS

#define LW_ALERTS_ERROR (lw_alerts_error_quark ())
GQuark lw_alerts_error_quark (void);

typedef enum
{
  LW_ALERTS_ERROR_INVALID,   /* a setting that cannot be used */
} LwAlertsError;

/* The actions of the notifications, and how long a snooze lasts. */
#define LW_ALERT_ACTION_OPEN_LEAD     "open-lead"
#define LW_ALERT_ACTION_SNOOZE        "snooze"
#define LW_ALERT_ACTION_OPEN_MONITOR  "open-monitor"
#define LW_ALERT_SNOOZE_SECONDS       (15 * 60)
/* The shortest time between two updates of a group's summary. */
#define LW_ALERTS_SUMMARY_REFRESH     10

/* The recipient recorded when the desktop's user is not a rep of the
 * rule set. */
#define LW_ALERT_RECIPIENT_DESKTOP    "desktop"

/* ---- settings --------------------------------------------------------------- */

typedef struct
{
  char     *user;          /* the desktop's user: a rep id, or NULL */
  GStrv     teams;         /* team ids whose alerts are shown; NULL: every
                            * team, and leads whose owner has no team */
  guint     kinds;         /* a bit (1 << LwAlertKind) per kind shown */
  int       quiet_start;   /* minutes after local midnight; -1: no quiet hours */
  int       quiet_end;     /* exclusive; before quiet_start when the quiet
                            * hours span midnight (22:00-07:00) */
  char     *time_zone;     /* the user's IANA zone; NULL: this system's */
  guint     group_after;   /* more alerts than this in a group within */
  guint     group_window;  /* this many seconds become a summary; 0: never */
  gboolean  sound;         /* ask the server to play its sound */
} LwAlertSettings;

#define LW_ALERT_KINDS_ALL ((1u << LW_ALERT_WARNING) | (1u << LW_ALERT_BREACH) | \
                            (1u << LW_ALERT_ESCALATION) | (1u << LW_ALERT_REASSIGNMENT))

/* Everyone's alerts, every kind, no quiet hours, this system's time zone,
 * more than 3 alerts in 5 minutes grouped, with sound. */
LwAlertSettings *lw_alert_settings_new      (void);
LwAlertSettings *lw_alert_settings_copy     (const LwAlertSettings *settings);
void             lw_alert_settings_free     (LwAlertSettings       *settings);

/* "22:00-07:00" (HH:MM-HH:MM, local time); "" or NULL: no quiet hours. */
gboolean         lw_alert_settings_set_quiet_hours (LwAlertSettings  *settings,
                                                    const char       *text,
                                                    GError          **error);
/* "warning,breach,escalation,reassignment", any of them, in any order. */
gboolean         lw_alert_settings_set_kinds       (LwAlertSettings  *settings,
                                                    const char       *text,
                                                    GError          **error);
/* Checks the settings against @config (may be NULL): the user and the teams
 * exist, the time zone is known, the quiet hours are in range. */
gboolean         lw_alert_settings_check           (const LwAlertSettings *settings,
                                                    const LwConfig        *config,
                                                    GError               **error);
/* The teams @rep_id manages in @config (NULL-terminated; empty when none). */
GStrv            lw_alert_settings_dup_managed_teams (const LwConfig *config,
                                                      const char     *rep_id);

/* ---- what happened ----------------------------------------------------------- */

typedef struct
{
  LwAlertKind  kind;         /* WARNING, BREACH, ESCALATION or REASSIGNMENT */
  gint64       run;          /* the run of a simulated lead; 0: a live lead */
  gint64       lead;         /* run-local or live lead id */
  LwTime       at;           /* when it happened, on the lead's clock (the
                              * simulated clock for a simulated lead) */
  LwTime       deadline;     /* the lead's first-touch deadline */
  gint64       left;         /* WARNING: seconds left to the deadline on the
                              * policy's clock */
  char        *lead_name;    /* "Ana Silva" */
  char        *company;      /* may be NULL */
  char        *policy;       /* the SLA policy's label */
  char        *owner;        /* the owner on the clock (REASSIGNMENT: the
                              * previous owner), by name */
  char        *team;         /* the owner's team id; NULL when none */
  char        *place;        /* the group's name in summaries: the team's
                              * region, else its label; NULL without team */
  char        *manager;      /* ESCALATION: the manager notified, by name */
  char        *manager_id;
  char        *new_owner;    /* REASSIGNMENT: the new owner's name; NULL
                              * when nobody could take the lead */
  char        *new_team;     /* REASSIGNMENT: the new owner's team id */
} LwAlertFact;

/* A fact about @lead (a lead of @config: its name and company are read
 * from its properties first_name, last_name, name, email and company),
 * on @policy, owned by @owner (either may be NULL). For an ESCALATION the
 * manager is the owner's team's manager. Fill in deadline, left and, for
 * a REASSIGNMENT, lw_alert_fact_set_new_owner(). */
LwAlertFact *lw_alert_fact_new           (LwAlertKind        kind,
                                          gint64             run,
                                          gint64             lead_id,
                                          LwTime             at,
                                          const LwConfig    *config,
                                          const LwLead      *lead,
                                          const LwSlaPolicy *policy,
                                          const LwRep       *owner);
void         lw_alert_fact_set_new_owner (LwAlertFact       *fact,
                                          const LwConfig    *config,
                                          const LwRep       *new_owner);
LwAlertFact *lw_alert_fact_copy          (const LwAlertFact *fact);
void         lw_alert_fact_free          (LwAlertFact       *fact);

/* "Ana Silva": first and last name, else "name", else the email, else
 * "Lead 42". */
char        *lw_alert_dup_lead_name      (const LwConfig    *config,
                                          const LwLead      *lead,
                                          gint64             lead_id);

/* ---- what is shown ------------------------------------------------------------- */

typedef struct
{
  gint64 run;               /* 0: a live lead */
  gint64 lead;
} LwAlertLeadRef;

typedef struct
{
  guint64         serial;       /* unique within its LwAlerts; a summary
                                 * keeps its group's serial while it is
                                 * replaced within the window */
  LwAlertKind     kind;
  LwAlertUrgency  urgency;
  char           *summary;
  char           *body;         /* plain text */
  const char     *category;     /* "x-leadwright.sla.breach" */
  GStrv           actions;      /* pairs of action id and label, as the
                                 * notification spec sends them */
  const char     *default_action; /* the action a click on the alert runs */
  char           *recipient;    /* the user's rep id, or "desktop" */
  gboolean        sound;
  LwTime          created_at;   /* the wall clock when it was flushed */

  /* An alert about one lead. */
  gint64          run;          /* 0: a live lead */
  gint64          lead;         /* 0 for a summary */
  LwTime          due_at;       /* the fact's time */
  LwAlertFact    *fact;         /* NULL for a summary */

  /* A summary. */
  char           *team;         /* its group's team; NULL: no team */
  GArray         *leads;        /* LwAlertLeadRef: every lead it stands for,
                                 * in the window: what "open-monitor" shows */
  GPtrArray      *members;      /* LwAlert: the alerts new in it, shown only
                                 * through it, for the record */
  GArray         *closes;       /* guint64: serials of alerts of the window
                                 * shown one by one, to be closed */
} LwAlert;

#define LW_TYPE_ALERT (lw_alert_get_type ())
GType        lw_alert_get_type           (void) G_GNUC_CONST;
LwAlert     *lw_alert_copy               (const LwAlert *alert);
void         lw_alert_free               (LwAlert       *alert);

/* Records @alert (with the members of a summary) in @store: @shown_at is
 * when a notification server took it, 0 when none did. Returns its id. */
gint64       lw_alerts_record            (LwStore       *store,
                                          const LwAlert *alert,
                                          LwTime         shown_at,
                                          GError       **error);

/* ---- the alert center ------------------------------------------------------------ */

typedef struct _LwAlerts LwAlerts;

/* What lw_alerts_push() did with a fact. */
typedef enum
{
  LW_ALERT_QUEUED,          /* will be shown at the next flush */
  LW_ALERT_HELD,            /* its lead is snoozed: held until the snooze ends */
  LW_ALERT_KIND_OFF,        /* the user turned this kind off */
  LW_ALERT_NOT_MANAGED,     /* not a team the user's alerts cover */
  LW_ALERT_QUIET,           /* in the user's quiet hours */
} LwAlertVerdict;

LwAlerts    *lw_alerts_new               (const LwAlertSettings *settings);
void         lw_alerts_free              (LwAlerts              *self);
/* Takes a copy. Facts already queued stay queued. */
void         lw_alerts_set_settings      (LwAlerts              *self,
                                          const LwAlertSettings *settings);
const LwAlertSettings *lw_alerts_get_settings (LwAlerts         *self);

/* Offers @fact (transfer full) at wall-clock time @now. */
LwAlertVerdict lw_alerts_push            (LwAlerts              *self,
                                          LwAlertFact           *fact,
                                          LwTime                 now);
/* What to show now (LwAlert, owning, in order): the facts queued since the
 * last flush, grouped, and the alerts of snoozes that ended by @now. */
GPtrArray   *lw_alerts_flush             (LwAlerts              *self,
                                          LwTime                 now);
/* The same, updating at once the summaries whose facts would wait: for a
 * caller about to stop. */
GPtrArray   *lw_alerts_flush_all         (LwAlerts              *self,
                                          LwTime                 now);
/* Whether a flush at @now would show anything. */
gboolean     lw_alerts_has_pending       (LwAlerts              *self,
                                          LwTime                 now);
/* When a flush next has something to show that was held back: a snooze
 * ends, or a summary may be updated with the facts waiting for it;
 * G_MAXINT64 when nothing is held back. */
LwTime       lw_alerts_get_next_wakeup   (LwAlerts              *self);

/* "Snooze 15 minutes" on @alert (not a summary) at @now. */
void         lw_alerts_snooze            (LwAlerts              *self,
                                          const LwAlert         *alert,
                                          LwTime                 now);
gboolean     lw_alerts_is_snoozed        (LwAlerts              *self,
                                          gint64                 run,
                                          gint64                 lead,
                                          LwTime                 now);
/* The lead's clock stopped (it was touched): its snooze shows nothing
 * when it ends. */
void         lw_alerts_lead_touched      (LwAlerts              *self,
                                          gint64                 run,
                                          gint64                 lead);

/* ---- simulated leads ---------------------------------------------------------------- */

/* Turns the SLA events of a simulation run (SLA_WARNING, SLA_BREACH,
 * ESCALATED, REASSIGNED) into facts. A paced run hands over a slice's
 * events before the records of the leads they changed, so each event is
 * kept until its lead's record comes, which names the lead. */
typedef struct _LwSimAlertSource LwSimAlertSource;

/* @config: the simulation's rule set (lw_simulation_get_config()), which
 * must outlive the source. */
LwSimAlertSource *lw_sim_alert_source_new      (const LwConfig   *config);
void              lw_sim_alert_source_free     (LwSimAlertSource *self);
/* The run the facts name (0 while it has none). */
void              lw_sim_alert_source_set_run  (LwSimAlertSource *self,
                                                gint64            run);
/* From the sink's events_ready: keeps the SLA events, and appends the ids
 * (gint64) of leads first touched to @touched (may be NULL). */
void              lw_sim_alert_source_add_events (LwSimAlertSource *self,
                                                  const LwEvent    *events,
                                                  guint             n,
                                                  GArray           *touched);
/* From the sink's leads_ready: appends to @facts (LwAlertFact, owning) the
 * facts of the kept events whose lead came, in the order they happened. */
void              lw_sim_alert_source_add_leads  (LwSimAlertSource *self,
                                                  const LwSimLead  *leads,
                                                  guint             n,
                                                  GPtrArray        *facts);
/* Events kept whose lead has not come yet. */
guint             lw_sim_alert_source_get_n_waiting (LwSimAlertSource *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LwAlertSettings, lw_alert_settings_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LwAlertFact, lw_alert_fact_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LwAlert, lw_alert_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LwAlerts, lw_alerts_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LwSimAlertSource, lw_sim_alert_source_free)

G_END_DECLS
