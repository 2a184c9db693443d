/* lw-store-live.c: live leads, their history and touches, and the alerts
 * raised about live and simulated leads
 *
 * A live lead is one row of live_leads holding its current state (owner,
 * status, first touch, cached deadline) beside three histories that only
 * grow: live_assignments, live_status_changes and live_touches. The current
 * state is written in the same transaction as the history it comes from.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "lw-store-private.h"

static const char * const touch_kind_names[LW_N_TOUCH_KINDS] = {
  [LW_TOUCH_CALL] = "call",
  [LW_TOUCH_EMAIL] = "email",
  [LW_TOUCH_MEETING] = "meeting",
};

static const char * const assign_reason_names[LW_N_LIVE_ASSIGN_REASONS] = {
  [LW_LIVE_ASSIGN_ROUTED] = "routed",
  [LW_LIVE_ASSIGN_MANUAL] = "manual",
  [LW_LIVE_ASSIGN_ESCALATION] = "escalation",
};

static const char * const alert_kind_names[LW_N_ALERT_KINDS] = {
  [LW_ALERT_WARNING] = "warning",
  [LW_ALERT_BREACH] = "breach",
  [LW_ALERT_ESCALATION] = "escalation",
  [LW_ALERT_REASSIGNMENT] = "reassignment",
  [LW_ALERT_SUMMARY] = "summary",
};

static const char * const urgency_names[] = {
  [LW_ALERT_URGENCY_LOW] = "low",
  [LW_ALERT_URGENCY_NORMAL] = "normal",
  [LW_ALERT_URGENCY_CRITICAL] = "critical",
};

#define LIVE_COLUMNS \
  "id, external_id, created_at, updated_at, properties, owner, status, stage, policy, " \
  "assigned_at, first_touch_at, deadline, touches"

#define ALERT_COLUMNS \
  "id, kind, urgency, created_at, shown_at, run_id, lead_id, live_lead, recipient, " \
  "summary, body, due_at, group_id"

/* ---- names ------------------------------------------------------------------- */

static gboolean
name_to_index (const char * const *names,
               guint               n,
               const char         *name,
               guint              *index)
{
  for (guint i = 0; name != NULL && i < n; i++)
    if (g_strcmp0 (names[i], name) == 0)
      {
        *index = i;
        return TRUE;
      }
  return FALSE;
}

const char *
lw_touch_kind_to_string (LwTouchKind kind)
{
  return (guint) kind < LW_N_TOUCH_KINDS ? touch_kind_names[kind] : NULL;
}

gboolean
lw_touch_kind_from_string (const char  *name,
                           LwTouchKind *kind)
{
  guint index;

  g_return_val_if_fail (kind != NULL, FALSE);

  if (!name_to_index (touch_kind_names, LW_N_TOUCH_KINDS, name, &index))
    return FALSE;
  *kind = (LwTouchKind) index;
  return TRUE;
}

const char *
lw_live_assign_reason_to_string (LwLiveAssignReason reason)
{
  return (guint) reason < LW_N_LIVE_ASSIGN_REASONS ? assign_reason_names[reason] : NULL;
}

gboolean
lw_live_assign_reason_from_string (const char         *name,
                                   LwLiveAssignReason *reason)
{
  guint index;

  g_return_val_if_fail (reason != NULL, FALSE);

  if (!name_to_index (assign_reason_names, LW_N_LIVE_ASSIGN_REASONS, name, &index))
    return FALSE;
  *reason = (LwLiveAssignReason) index;
  return TRUE;
}

const char *
lw_alert_kind_to_string (LwAlertKind kind)
{
  return (guint) kind < LW_N_ALERT_KINDS ? alert_kind_names[kind] : NULL;
}

gboolean
lw_alert_kind_from_string (const char  *name,
                           LwAlertKind *kind)
{
  guint index;

  g_return_val_if_fail (kind != NULL, FALSE);

  if (!name_to_index (alert_kind_names, LW_N_ALERT_KINDS, name, &index))
    return FALSE;
  *kind = (LwAlertKind) index;
  return TRUE;
}

const char *
lw_alert_urgency_to_string (LwAlertUrgency urgency)
{
  return (guint) urgency < G_N_ELEMENTS (urgency_names) ? urgency_names[urgency] : NULL;
}

gboolean
lw_alert_urgency_from_string (const char     *name,
                              LwAlertUrgency *urgency)
{
  guint index;

  g_return_val_if_fail (urgency != NULL, FALSE);

  if (!name_to_index (urgency_names, G_N_ELEMENTS (urgency_names), name, &index))
    return FALSE;
  *urgency = (LwAlertUrgency) index;
  return TRUE;
}

/* ---- structures -------------------------------------------------------------------- */

static void
clear_assignment (gpointer data)
{
  LwLiveAssignment *assignment = data;

  g_clear_pointer (&assignment->owner, g_free);
}

static void
clear_status_change (gpointer data)
{
  LwLiveStatusChange *change = data;

  g_clear_pointer (&change->status, g_free);
}

static GArray *
new_assignments (void)
{
  GArray *array = g_array_new (FALSE, TRUE, sizeof (LwLiveAssignment));

  g_array_set_clear_func (array, clear_assignment);
  return array;
}

static GArray *
new_status_changes (void)
{
  GArray *array = g_array_new (FALSE, TRUE, sizeof (LwLiveStatusChange));

  g_array_set_clear_func (array, clear_status_change);
  return array;
}

LwLiveLead *
lw_live_lead_new (void)
{
  LwLiveLead *lead = g_new0 (LwLiveLead, 1);

  lead->assignments = new_assignments ();
  lead->status_changes = new_status_changes ();
  return lead;
}

LwLiveLead *
lw_live_lead_copy (const LwLiveLead *lead)
{
  LwLiveLead *copy;

  g_return_val_if_fail (lead != NULL, NULL);

  copy = lw_live_lead_new ();
  copy->id = lead->id;
  copy->external_id = g_strdup (lead->external_id);
  copy->created_at = lead->created_at;
  copy->updated_at = lead->updated_at;
  copy->properties = g_strdup (lead->properties);
  copy->owner = g_strdup (lead->owner);
  copy->status = g_strdup (lead->status);
  copy->stage = g_strdup (lead->stage);
  copy->policy = g_strdup (lead->policy);
  copy->assigned_at = lead->assigned_at;
  copy->first_touch_at = lead->first_touch_at;
  copy->deadline = lead->deadline;
  copy->touches = lead->touches;

  for (guint i = 0; lead->assignments != NULL && i < lead->assignments->len; i++)
    {
      LwLiveAssignment a = g_array_index (lead->assignments, LwLiveAssignment, i);

      a.owner = g_strdup (a.owner);
      g_array_append_val (copy->assignments, a);
    }
  for (guint i = 0; lead->status_changes != NULL && i < lead->status_changes->len; i++)
    {
      LwLiveStatusChange c = g_array_index (lead->status_changes, LwLiveStatusChange, i);

      c.status = g_strdup (c.status);
      g_array_append_val (copy->status_changes, c);
    }
  return copy;
}

void
lw_live_lead_free (LwLiveLead *lead)
{
  if (lead == NULL)
    return;
  g_free (lead->external_id);
  g_free (lead->properties);
  g_free (lead->owner);
  g_free (lead->status);
  g_free (lead->stage);
  g_free (lead->policy);
  g_clear_pointer (&lead->assignments, g_array_unref);
  g_clear_pointer (&lead->status_changes, g_array_unref);
  g_free (lead);
}

void
lw_live_touch_free (LwLiveTouch *touch)
{
  if (touch == NULL)
    return;
  g_free (touch->rep);
  g_free (touch->note);
  g_free (touch);
}

void
lw_alert_record_free (LwAlertRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->recipient);
  g_free (record->summary);
  g_free (record->body);
  g_free (record);
}

/* ---- helpers ------------------------------------------------------------------------ */

static void
set_invalid (GError     **error,
             const char  *message)
{
  g_set_error_literal (error, LW_STORE_ERROR, LW_STORE_ERROR_INVALID, message);
}

static void
set_no_lead_error (GError **error,
                   gint64   id)
{
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);

  /* translators: %s is a lead number */
  g_set_error (error, LW_STORE_ERROR, LW_STORE_ERROR_NOT_FOUND,
               _("There is no live lead %s"), number);
}

static void
bind_text_or_null (sqlite3_stmt *stmt,
                   int           column,
                   const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, column, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, column);
}

/* A time column that may be NULL, as 0. */
static void
bind_time_or_null (sqlite3_stmt *stmt,
                   int           column,
                   LwTime        time)
{
  if (time != 0)
    sqlite3_bind_int64 (stmt, column, time);
  else
    sqlite3_bind_null (stmt, column);
}

static char *
dup_column_text (sqlite3_stmt *stmt,
                 int           column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);

  return text != NULL ? g_strdup ((const char *) text) : NULL;
}

/* Runs a statement that returns no row. */
static gboolean
step_done (LwStore      *self,
           sqlite3_stmt *stmt,
           const char   *what,
           GError      **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE)
    {
      _lw_store_set_error (self, error, rc, what);
      return FALSE;
    }
  return TRUE;
}

/* The properties must be a JSON object; NULL stands for "{}". */
static gboolean
check_properties (const char  *properties,
                  GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local = NULL;
  JsonNode *root;

  if (properties == NULL)
    return TRUE;
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, properties, -1, &local))
    {
      /* translators: %s is the JSON parser's message */
      g_set_error (error, LW_STORE_ERROR, LW_STORE_ERROR_INVALID,
                   _("The lead's properties are not valid JSON: %s"), local->message);
      return FALSE;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      set_invalid (error, _("The lead's properties must be a JSON object"));
      return FALSE;
    }
  return TRUE;
}

static LwLiveLead *
live_lead_from_row (sqlite3_stmt *stmt)
{
  LwLiveLead *lead = lw_live_lead_new ();

  lead->id = sqlite3_column_int64 (stmt, 0);
  lead->external_id = dup_column_text (stmt, 1);
  lead->created_at = sqlite3_column_int64 (stmt, 2);
  lead->updated_at = sqlite3_column_int64 (stmt, 3);
  lead->properties = dup_column_text (stmt, 4);
  lead->owner = dup_column_text (stmt, 5);
  lead->status = dup_column_text (stmt, 6);
  lead->stage = dup_column_text (stmt, 7);
  lead->policy = dup_column_text (stmt, 8);
  lead->assigned_at = sqlite3_column_int64 (stmt, 9);
  lead->first_touch_at = sqlite3_column_int64 (stmt, 10);
  lead->deadline = sqlite3_column_int64 (stmt, 11);
  lead->touches = (guint) sqlite3_column_int64 (stmt, 12);
  return lead;
}

/* Fills the histories of the leads in @by_id (id -> LwLiveLead), reading
 * the rows of the leads @where selects ("live_lead = ?1" with @id, or
 * "1"). */
static gboolean
load_histories (LwStore     *self,
                GHashTable  *by_id,
                const char  *where,
                gint64       id,
                GError     **error)
{
  g_autofree char *sql_a = g_strdup_printf ("SELECT live_lead, at, owner, reason, step FROM live_assignments "
                                            "WHERE %s ORDER BY live_lead, id", where);
  g_autofree char *sql_s = g_strdup_printf ("SELECT live_lead, at, status FROM live_status_changes "
                                            "WHERE %s ORDER BY live_lead, id", where);
  g_autoptr(sqlite3_stmt) assignments = _lw_store_prepare (self, sql_a, error);
  g_autoptr(sqlite3_stmt) changes = NULL;
  int rc;

  if (assignments == NULL)
    return FALSE;
  changes = _lw_store_prepare (self, sql_s, error);
  if (changes == NULL)
    return FALSE;
  if (sqlite3_bind_parameter_count (assignments) > 0)
    {
      sqlite3_bind_int64 (assignments, 1, id);
      sqlite3_bind_int64 (changes, 1, id);
    }

  while ((rc = sqlite3_step (assignments)) == SQLITE_ROW)
    {
      gint64 lead_id = sqlite3_column_int64 (assignments, 0);
      LwLiveLead *lead = g_hash_table_lookup (by_id, &lead_id);
      LwLiveAssignment a = { 0, };
      LwLiveAssignReason reason = LW_LIVE_ASSIGN_MANUAL;

      if (lead == NULL)
        continue;
      lw_live_assign_reason_from_string ((const char *) sqlite3_column_text (assignments, 3), &reason);
      a.at = sqlite3_column_int64 (assignments, 1);
      a.owner = dup_column_text (assignments, 2);
      a.reason = reason;
      a.step = sqlite3_column_type (assignments, 4) == SQLITE_NULL
               ? -1 : (int) sqlite3_column_int64 (assignments, 4);
      g_array_append_val (lead->assignments, a);
    }
  if (rc != SQLITE_DONE)
    {
      _lw_store_set_error (self, error, rc, _("reading live leads"));
      return FALSE;
    }

  while ((rc = sqlite3_step (changes)) == SQLITE_ROW)
    {
      gint64 lead_id = sqlite3_column_int64 (changes, 0);
      LwLiveLead *lead = g_hash_table_lookup (by_id, &lead_id);
      LwLiveStatusChange c = { 0, };

      if (lead == NULL)
        continue;
      c.at = sqlite3_column_int64 (changes, 1);
      c.status = dup_column_text (changes, 2);
      g_array_append_val (lead->status_changes, c);
    }
  if (rc != SQLITE_DONE)
    {
      _lw_store_set_error (self, error, rc, _("reading live leads"));
      return FALSE;
    }
  return TRUE;
}

/* The lead @id with its histories; the caller holds the lock. */
static LwLiveLead *
get_live_lead (LwStore     *self,
               const char  *where,
               gint64       id,
               const char  *external_id,
               GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT " LIVE_COLUMNS " FROM live_leads WHERE %s", where);
  g_autoptr(sqlite3_stmt) stmt = _lw_store_prepare (self, sql, error);
  g_autoptr(LwLiveLead) lead = NULL;
  g_autoptr(GHashTable) by_id = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  if (external_id != NULL)
    sqlite3_bind_text (stmt, 1, external_id, -1, SQLITE_STATIC);
  else
    sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      if (external_id != NULL)
        /* translators: %s is a CRM's lead id */
        g_set_error (error, LW_STORE_ERROR, LW_STORE_ERROR_NOT_FOUND,
                     _("There is no live lead with the external id “%s”"), external_id);
      else
        set_no_lead_error (error, id);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      _lw_store_set_error (self, error, rc, _("reading a live lead"));
      return NULL;
    }
  lead = live_lead_from_row (stmt);

  by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_hash_table_insert (by_id, &lead->id, lead);
  if (!load_histories (self, by_id, "live_lead = ?1", lead->id, error))
    return NULL;
  return g_steal_pointer (&lead);
}

/* What a change needs to know of the lead: its creation time and the time
 * of the last entry of the history @table ("live_assignments"), 0 when it
 * has none. FALSE with NOT_FOUND when there is no such lead. */
static gboolean
read_lead_times (LwStore     *self,
                 gint64       id,
                 const char  *table,
                 LwTime      *created_at,
                 LwTime      *last_at,
                 GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT created_at, (SELECT at FROM %s WHERE live_lead = ?1 "
                                          "ORDER BY id DESC LIMIT 1) FROM live_leads WHERE id = ?1",
                                          table);
  g_autoptr(sqlite3_stmt) stmt = _lw_store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      set_no_lead_error (error, id);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    {
      _lw_store_set_error (self, error, rc, _("reading a live lead"));
      return FALSE;
    }
  *created_at = sqlite3_column_int64 (stmt, 0);
  *last_at = sqlite3_column_int64 (stmt, 1);
  return TRUE;
}

static gboolean
check_history_time (LwTime       at,
                    LwTime       created_at,
                    LwTime       last_at,
                    GError     **error)
{
  if (at < created_at)
    {
      set_invalid (error, _("A lead's history cannot start before the lead was created"));
      return FALSE;
    }
  if (at < last_at)
    {
      set_invalid (error, _("A lead's history only moves forward: this change is dated "
                            "before the previous one"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
insert_assignment (LwStore             *self,
                   gint64               id,
                   const char          *owner,
                   LwLiveAssignReason   reason,
                   int                  step,
                   LwTime               at,
                   GError             **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = _lw_store_prepare (self, "INSERT INTO live_assignments (live_lead, at, owner, reason, step) "
                                  "VALUES (?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, at);
  sqlite3_bind_text (stmt, 3, owner, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, assign_reason_names[reason], -1, SQLITE_STATIC);
  if (reason == LW_LIVE_ASSIGN_ESCALATION && step >= 0)
    sqlite3_bind_int64 (stmt, 5, step);
  else
    sqlite3_bind_null (stmt, 5);
  if (!step_done (self, stmt, _("assigning a live lead"), error))
    return FALSE;

  g_clear_pointer (&stmt, sqlite3_finalize);
  stmt = _lw_store_prepare (self, "UPDATE live_leads SET owner = ?2, assigned_at = coalesce (assigned_at, ?3), "
                                  "updated_at = max (updated_at, ?3) WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, owner, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, at);
  return step_done (self, stmt, _("assigning a live lead"), error);
}

static gboolean
insert_status_change (LwStore     *self,
                      gint64       id,
                      const char  *status,
                      LwTime       at,
                      GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = _lw_store_prepare (self, "INSERT INTO live_status_changes (live_lead, at, status) "
                                  "VALUES (?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, at);
  sqlite3_bind_text (stmt, 3, status, -1, SQLITE_STATIC);
  if (!step_done (self, stmt, _("changing a live lead's status"), error))
    return FALSE;

  g_clear_pointer (&stmt, sqlite3_finalize);
  stmt = _lw_store_prepare (self, "UPDATE live_leads SET status = ?2, updated_at = max (updated_at, ?3) "
                                  "WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, status, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, at);
  return step_done (self, stmt, _("changing a live lead's status"), error);
}

/* ---- live leads --------------------------------------------------------------------- */

/* What a live lead must be to be added; the messages are those of
 * lw_store_add_live_lead(). */
static gboolean
check_new_live_lead (const LwLiveLead  *lead,
                     LwTime             now,
                     GError           **error)
{
  LwTime assigned_at = lead->assigned_at != 0 ? lead->assigned_at : lead->created_at;

  if (lead->created_at <= 0)
    {
      set_invalid (error, _("A live lead needs the time it was created"));
      return FALSE;
    }
  if (lead->created_at > now)
    {
      set_invalid (error, _("A live lead cannot be created in the future"));
      return FALSE;
    }
  if (lead->owner != NULL && assigned_at < lead->created_at)
    {
      set_invalid (error, _("A lead cannot be assigned before it was created"));
      return FALSE;
    }
  if (lead->owner != NULL && assigned_at > now)
    {
      set_invalid (error, _("A live lead cannot be assigned in the future"));
      return FALSE;
    }
  if ((lead->owner != NULL && lead->owner[0] == '\0') ||
      (lead->status != NULL && lead->status[0] == '\0') ||
      (lead->external_id != NULL && lead->external_id[0] == '\0'))
    {
      set_invalid (error, _("An owner, a status or an external id may not be empty"));
      return FALSE;
    }
  return check_properties (lead->properties, error);
}

/* The statements that add live leads, prepared once for a batch. */
typedef struct
{
  sqlite3_stmt *find;
  sqlite3_stmt *insert;
  sqlite3_stmt *status;
  sqlite3_stmt *assign;
} LiveInserter;

static void
live_inserter_clear (LiveInserter *ins)
{
  g_clear_pointer (&ins->find, sqlite3_finalize);
  g_clear_pointer (&ins->insert, sqlite3_finalize);
  g_clear_pointer (&ins->status, sqlite3_finalize);
  g_clear_pointer (&ins->assign, sqlite3_finalize);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LiveInserter, live_inserter_clear)

static gboolean
live_inserter_prepare (LwStore       *self,
                       LiveInserter  *ins,
                       GError       **error)
{
  return (ins->find = _lw_store_prepare (self, "SELECT id FROM live_leads WHERE external_id = ?",
                                         error)) != NULL &&
         (ins->insert = _lw_store_prepare (self,
                                           "INSERT INTO live_leads (external_id, created_at, updated_at, "
                                           "properties, owner, status, stage, assigned_at, policy, deadline) "
                                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error)) != NULL &&
         (ins->status = _lw_store_prepare (self,
                                           "INSERT INTO live_status_changes (live_lead, at, status) "
                                           "VALUES (?, ?, ?)", error)) != NULL &&
         (ins->assign = _lw_store_prepare (self,
                                           "INSERT INTO live_assignments (live_lead, at, owner, reason, step) "
                                           "VALUES (?, ?, ?, ?, NULL)", error)) != NULL;
}

/* Runs @stmt, which returns no row, and resets it. */
static gboolean
step_reset (LwStore      *self,
            sqlite3_stmt *stmt,
            const char   *what,
            GError      **error)
{
  gboolean ok = step_done (self, stmt, what, error);

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return ok;
}

/* The id of the live lead holding @external_id, 0 when none. */
static gboolean
find_external_id (LwStore      *self,
                  sqlite3_stmt *find,
                  const char   *external_id,
                  gint64       *id,
                  GError      **error)
{
  int rc;

  *id = 0;
  sqlite3_bind_text (find, 1, external_id, -1, SQLITE_STATIC);
  rc = sqlite3_step (find);
  if (rc == SQLITE_ROW)
    *id = sqlite3_column_int64 (find, 0);
  sqlite3_reset (find);
  sqlite3_clear_bindings (find);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _lw_store_set_error (self, error, rc, _("reading live leads"));
      return FALSE;
    }
  return TRUE;
}

/* Writes checked @lead: the lead, then its first status change and its
 * first (routed) assignment. The caller holds the lock and a transaction. */
static gboolean
insert_live_lead (LwStore           *self,
                  LiveInserter      *ins,
                  const LwLiveLead  *lead,
                  LwTime             now,
                  gint64            *id,
                  GError           **error)
{
  LwTime assigned_at = lead->assigned_at != 0 ? lead->assigned_at : lead->created_at;

  if (lead->external_id != NULL)
    {
      gint64 existing = 0;

      if (!find_external_id (self, ins->find, lead->external_id, &existing, error))
        return FALSE;
      if (existing != 0)
        {
          g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, existing);

          /* translators: %s (first) is a CRM's lead id, then a lead number */
          g_set_error (error, LW_STORE_ERROR, LW_STORE_ERROR_INVALID,
                       _("The external id “%s” is already live lead %s"), lead->external_id, number);
          return FALSE;
        }
    }

  bind_text_or_null (ins->insert, 1, lead->external_id);
  sqlite3_bind_int64 (ins->insert, 2, lead->created_at);
  sqlite3_bind_int64 (ins->insert, 3, now);
  sqlite3_bind_text (ins->insert, 4, lead->properties != NULL ? lead->properties : "{}", -1,
                     SQLITE_STATIC);
  bind_text_or_null (ins->insert, 5, lead->owner);
  bind_text_or_null (ins->insert, 6, lead->status);
  bind_text_or_null (ins->insert, 7, lead->stage);
  bind_time_or_null (ins->insert, 8, lead->owner != NULL ? assigned_at : 0);
  bind_text_or_null (ins->insert, 9, lead->policy);
  bind_time_or_null (ins->insert, 10, lead->deadline);
  if (!step_reset (self, ins->insert, _("adding a live lead"), error))
    return FALSE;
  *id = sqlite3_last_insert_rowid (self->db);

  if (lead->status != NULL)
    {
      sqlite3_bind_int64 (ins->status, 1, *id);
      sqlite3_bind_int64 (ins->status, 2, lead->created_at);
      sqlite3_bind_text (ins->status, 3, lead->status, -1, SQLITE_STATIC);
      if (!step_reset (self, ins->status, _("adding a live lead"), error))
        return FALSE;
    }
  if (lead->owner != NULL)
    {
      sqlite3_bind_int64 (ins->assign, 1, *id);
      sqlite3_bind_int64 (ins->assign, 2, assigned_at);
      sqlite3_bind_text (ins->assign, 3, lead->owner, -1, SQLITE_STATIC);
      sqlite3_bind_text (ins->assign, 4, assign_reason_names[LW_LIVE_ASSIGN_ROUTED], -1, SQLITE_STATIC);
      if (!step_reset (self, ins->assign, _("adding a live lead"), error))
        return FALSE;
    }
  return TRUE;
}

gint64
lw_store_add_live_lead (LwStore           *self,
                        const LwLiveLead  *lead,
                        LwTime             now,
                        GError           **error)
{
  gint64 id = 0;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (lead != NULL, 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  if (!lw_store_add_live_leads (self, &lead, 1, now, &id, error))
    return 0;
  return id;
}

gboolean
lw_store_add_live_leads (LwStore                  *self,
                         const LwLiveLead * const *leads,
                         guint                     n,
                         LwTime                    now,
                         gint64                   *ids,
                         GError                  **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_auto(LiveInserter) ins = { NULL, };
  gboolean own;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (leads != NULL || n == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (guint i = 0; i < n; i++)
    {
      g_return_val_if_fail (leads[i] != NULL, FALSE);
      if (!check_new_live_lead (leads[i], now, error))
        {
          if (n > 1)
            /* translators: the place of a lead in a batch of leads: "Lead 3 of 10: ..." */
            g_prefix_error (error, _("Lead %u of %u: "), i + 1, n);
          return FALSE;
        }
    }
  if (n == 0)
    return TRUE;

  locker = g_rec_mutex_locker_new (&self->lock);
  /* Inside the caller's transaction, a savepoint: a refused batch is
   * undone, the transaction goes on. */
  own = sqlite3_get_autocommit (self->db) != 0;
  if (!(own ? _lw_store_begin (self, error)
            : _lw_store_exec (self, "SAVEPOINT lw_add_live_leads", error)))
    return FALSE;
  if (!live_inserter_prepare (self, &ins, error))
    goto fail;
  for (guint i = 0; i < n; i++)
    {
      gint64 id = 0;

      if (!insert_live_lead (self, &ins, leads[i], now, &id, error))
        {
          if (n > 1)
            g_prefix_error (error, _("Lead %u of %u: "), i + 1, n);
          goto fail;
        }
      if (ids != NULL)
        ids[i] = id;
    }
  live_inserter_clear (&ins);
  if (own)
    return _lw_store_commit (self, error);
  return _lw_store_exec (self, "RELEASE lw_add_live_leads", error);

fail:
  live_inserter_clear (&ins);
  if (own)
    _lw_store_rollback (self);
  else if (!sqlite3_get_autocommit (self->db))
    _lw_store_exec (self, "ROLLBACK TO lw_add_live_leads; RELEASE lw_add_live_leads", NULL);
  return FALSE;
}

gboolean
lw_store_find_live_lead_id (LwStore     *self,
                            const char  *external_id,
                            gint64      *id,
                            GError     **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) find = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (external_id != NULL, FALSE);
  g_return_val_if_fail (id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  *id = 0;
  locker = g_rec_mutex_locker_new (&self->lock);
  find = _lw_store_prepare (self, "SELECT id FROM live_leads WHERE external_id = ?", error);
  return find != NULL && find_external_id (self, find, external_id, id, error);
}

/* ---- a transaction of the caller's ------------------------------------------------- */

gboolean
lw_store_begin_transaction (LwStore  *self,
                            GError  **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  g_rec_mutex_lock (&self->lock);
  if (!_lw_store_begin (self, error))
    {
      g_rec_mutex_unlock (&self->lock);
      return FALSE;
    }
  return TRUE;
}

gboolean
lw_store_commit_transaction (LwStore  *self,
                             GError  **error)
{
  gboolean ok;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* A statement that failed badly (a full disk) may have rolled it back
   * already: then there is nothing to commit. */
  if (sqlite3_get_autocommit (self->db))
    {
      g_set_error (error, LW_STORE_ERROR, LW_STORE_ERROR_IO,
                   _("%s: the transaction was rolled back after an error"), self->path);
      ok = FALSE;
    }
  else
    ok = _lw_store_commit (self, error);
  g_rec_mutex_unlock (&self->lock);
  return ok;
}

void
lw_store_rollback_transaction (LwStore *self)
{
  g_return_if_fail (self != NULL);

  _lw_store_rollback (self);
  g_rec_mutex_unlock (&self->lock);
}

LwLiveLead *
lw_store_get_live_lead (LwStore  *self,
                        gint64    id,
                        GError  **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  locker = g_rec_mutex_locker_new (&self->lock);
  return get_live_lead (self, "id = ?1", id, NULL, error);
}

LwLiveLead *
lw_store_find_live_lead (LwStore     *self,
                         const char  *external_id,
                         GError     **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (external_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  locker = g_rec_mutex_locker_new (&self->lock);
  return get_live_lead (self, "external_id = ?1", 0, external_id, error);
}

GPtrArray *
lw_store_list_live_leads (LwStore   *self,
                          gboolean   open_only,
                          GError   **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) leads = NULL;
  g_autoptr(GHashTable) by_id = NULL;
  const char *open_where = "owner IS NOT NULL AND first_touch_at IS NULL";
  g_autofree char *sql = NULL;
  g_autofree char *history_where = NULL;
  gboolean own;
  int rc;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  sql = g_strdup_printf ("SELECT " LIVE_COLUMNS " FROM live_leads %s%s ORDER BY id",
                         open_only ? "WHERE " : "", open_only ? open_where : "");
  history_where = open_only
                  ? g_strdup_printf ("live_lead IN (SELECT id FROM live_leads WHERE %s)", open_where)
                  : g_strdup ("1");

  locker = g_rec_mutex_locker_new (&self->lock);
  /* One read transaction, so the leads and their histories agree; or the
   * caller's, when one is open. */
  own = sqlite3_get_autocommit (self->db) != 0;
  if (own && !_lw_store_exec (self, "BEGIN", error))
    return NULL;
  stmt = _lw_store_prepare (self, sql, error);
  if (stmt == NULL)
    goto fail;

  leads = g_ptr_array_new_with_free_func ((GDestroyNotify) lw_live_lead_free);
  by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LwLiveLead *lead = live_lead_from_row (stmt);

      g_ptr_array_add (leads, lead);
      g_hash_table_insert (by_id, &lead->id, lead);
    }
  if (rc != SQLITE_DONE)
    {
      _lw_store_set_error (self, error, rc, _("reading live leads"));
      goto fail;
    }
  if (!load_histories (self, by_id, history_where, 0, error))
    goto fail;
  if (own && !_lw_store_exec (self, "COMMIT", error))
    goto fail;
  return g_steal_pointer (&leads);

fail:
  if (own)
    _lw_store_rollback (self);
  return NULL;
}

/* Live leads are walked this many at a time. */
#define LIVE_PAGE 512

/* The next page of live leads after id @after, with their histories. */
static GPtrArray *
read_live_page (LwStore   *self,
                gint64     after,
                GError   **error)
{
  g_autoptr(GRecMutexLocker) locker = g_rec_mutex_locker_new (&self->lock);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) leads = g_ptr_array_new_with_free_func ((GDestroyNotify) lw_live_lead_free);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree char *where = NULL;
  int rc;

  /* One read transaction, so the leads and their histories agree. */
  if (!_lw_store_exec (self, "BEGIN", error))
    return NULL;
  stmt = _lw_store_prepare (self, "SELECT " LIVE_COLUMNS " FROM live_leads WHERE id > ? "
                                  "ORDER BY id LIMIT " G_STRINGIFY (LIVE_PAGE), error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, after);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LwLiveLead *lead = live_lead_from_row (stmt);

      g_ptr_array_add (leads, lead);
      g_hash_table_insert (by_id, &lead->id, lead);
    }
  if (rc != SQLITE_DONE)
    {
      _lw_store_set_error (self, error, rc, _("reading live leads"));
      goto fail;
    }
  if (leads->len > 0)
    {
      const LwLiveLead *first = g_ptr_array_index (leads, 0);
      const LwLiveLead *last = g_ptr_array_index (leads, leads->len - 1);

      where = g_strdup_printf ("live_lead BETWEEN %" G_GINT64_FORMAT " AND %" G_GINT64_FORMAT,
                               first->id, last->id);
      if (!load_histories (self, by_id, where, 0, error))
        goto fail;
    }
  if (!_lw_store_exec (self, "COMMIT", error))
    goto fail;
  return g_steal_pointer (&leads);

fail:
  _lw_store_rollback (self);
  return NULL;
}

gboolean
lw_store_foreach_live_lead (LwStore              *self,
                            GCancellable         *cancellable,
                            LwStoreLiveLeadFunc   func,
                            gpointer              user_data,
                            GError              **error)
{
  gint64 after = 0;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (;;)
    {
      g_autoptr(GPtrArray) page = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      page = read_live_page (self, after, error);
      if (page == NULL)
        return FALSE;
      for (guint i = 0; i < page->len; i++)
        if (!func (g_ptr_array_index (page, i), user_data, error))
          return FALSE;
      if (page->len < LIVE_PAGE)
        return TRUE;
      after = ((const LwLiveLead *) g_ptr_array_index (page, page->len - 1))->id;
    }
}

gboolean
lw_store_assign_live_lead (LwStore             *self,
                           gint64               id,
                           const char          *owner,
                           LwLiveAssignReason   reason,
                           int                  step,
                           LwTime               at,
                           GError             **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  LwTime created_at = 0, last_at = 0;
  gboolean own;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (owner != NULL, FALSE);
  g_return_val_if_fail ((guint) reason < LW_N_LIVE_ASSIGN_REASONS, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (owner[0] == '\0')
    {
      set_invalid (error, _("A lead's owner may not be empty"));
      return FALSE;
    }

  locker = g_rec_mutex_locker_new (&self->lock);
  /* Inside a transaction of the caller's, part of it. */
  own = sqlite3_get_autocommit (self->db) != 0;
  if (own && !_lw_store_begin (self, error))
    return FALSE;
  if (!read_lead_times (self, id, "live_assignments", &created_at, &last_at, error) ||
      !check_history_time (at, created_at, last_at, error) ||
      !insert_assignment (self, id, owner, reason, step, at, error))
    goto fail;
  return !own || _lw_store_commit (self, error);

fail:
  if (own)
    _lw_store_rollback (self);
  return FALSE;
}

gboolean
lw_store_set_live_status (LwStore     *self,
                          gint64       id,
                          const char  *status,
                          LwTime       at,
                          GError     **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  LwTime created_at = 0, last_at = 0;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (status != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (status[0] == '\0')
    {
      set_invalid (error, _("A lead's status may not be empty"));
      return FALSE;
    }

  locker = g_rec_mutex_locker_new (&self->lock);
  if (!_lw_store_begin (self, error))
    return FALSE;
  if (!read_lead_times (self, id, "live_status_changes", &created_at, &last_at, error) ||
      !check_history_time (at, created_at, last_at, error) ||
      !insert_status_change (self, id, status, at, error))
    goto fail;
  return _lw_store_commit (self, error);

fail:
  _lw_store_rollback (self);
  return FALSE;
}

/* Sets one column of an existing lead. */
static gboolean
update_column (LwStore     *self,
               gint64       id,
               const char  *sql,
               const char  *text,
               LwTime       time,
               GError     **error)
{
  g_autoptr(GRecMutexLocker) locker = g_rec_mutex_locker_new (&self->lock);
  g_autoptr(sqlite3_stmt) stmt = _lw_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  if (text != NULL || time == 0)
    bind_text_or_null (stmt, 1, text);
  else
    sqlite3_bind_int64 (stmt, 1, time);
  sqlite3_bind_int64 (stmt, 2, id);
  if (!step_done (self, stmt, _("changing a live lead"), error))
    return FALSE;
  if (sqlite3_changes (self->db) == 0)
    {
      set_no_lead_error (error, id);
      return FALSE;
    }
  return TRUE;
}

gboolean
lw_store_set_live_policy (LwStore     *self,
                          gint64       id,
                          const char  *policy,
                          GError     **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (policy != NULL && policy[0] == '\0')
    {
      set_invalid (error, _("A lead's SLA policy may not be empty"));
      return FALSE;
    }
  return update_column (self, id, "UPDATE live_leads SET policy = ? WHERE id = ?", policy, 0, error);
}

gboolean
lw_store_set_live_deadline (LwStore  *self,
                            gint64    id,
                            LwTime    deadline,
                            GError  **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (deadline < 0)
    {
      set_invalid (error, _("A deadline cannot be negative"));
      return FALSE;
    }
  return update_column (self, id, "UPDATE live_leads SET deadline = ? WHERE id = ?", NULL, deadline, error);
}

gint64
lw_store_log_live_touch (LwStore      *self,
                         gint64        id,
                         LwTouchKind   kind,
                         LwTime        at,
                         const char   *rep,
                         const char   *note,
                         LwTime        now,
                         GError      **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  LwTime created_at = 0, last_at = 0;
  gint64 touch;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  if ((guint) kind >= LW_N_TOUCH_KINDS)
    {
      set_invalid (error, _("A touch is a call, an email or a meeting"));
      return 0;
    }
  if (at > now)
    {
      set_invalid (error, _("A touch cannot be dated in the future"));
      return 0;
    }
  if (rep != NULL && rep[0] == '\0')
    rep = NULL;

  locker = g_rec_mutex_locker_new (&self->lock);
  if (!_lw_store_begin (self, error))
    return 0;
  if (!read_lead_times (self, id, "live_touches", &created_at, &last_at, error))
    goto fail;
  if (at < created_at)
    {
      set_invalid (error, _("A touch cannot be dated before the lead was created"));
      goto fail;
    }

  stmt = _lw_store_prepare (self, "INSERT INTO live_touches (live_lead, kind, at, rep, note, logged_at) "
                                  "VALUES (?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, touch_kind_names[kind], -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, at);
  bind_text_or_null (stmt, 4, rep);
  sqlite3_bind_text (stmt, 5, note != NULL ? note : "", -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 6, now);
  if (!step_done (self, stmt, _("logging a touch"), error))
    goto fail;
  touch = sqlite3_last_insert_rowid (self->db);

  g_clear_pointer (&stmt, sqlite3_finalize);
  stmt = _lw_store_prepare (self, "UPDATE live_leads SET touches = touches + 1, "
                                  "first_touch_at = min (coalesce (first_touch_at, ?2), ?2), "
                                  "updated_at = max (updated_at, ?3) WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, at);
  sqlite3_bind_int64 (stmt, 3, now);
  if (!step_done (self, stmt, _("logging a touch"), error))
    goto fail;

  if (!_lw_store_commit (self, error))
    return 0;
  return touch;

fail:
  _lw_store_rollback (self);
  return 0;
}

GPtrArray *
lw_store_list_live_touches (LwStore  *self,
                            gint64    id,
                            GError  **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) touches = NULL;
  LwTime created_at = 0, last_at = 0;
  int rc;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  locker = g_rec_mutex_locker_new (&self->lock);
  if (!read_lead_times (self, id, "live_touches", &created_at, &last_at, error))
    return NULL;
  stmt = _lw_store_prepare (self, "SELECT id, kind, at, rep, note, logged_at FROM live_touches "
                                  "WHERE live_lead = ? ORDER BY at, id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);

  touches = g_ptr_array_new_with_free_func ((GDestroyNotify) lw_live_touch_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LwLiveTouch *touch = g_new0 (LwLiveTouch, 1);
      LwTouchKind kind = LW_TOUCH_CALL;

      lw_touch_kind_from_string ((const char *) sqlite3_column_text (stmt, 1), &kind);
      touch->id = sqlite3_column_int64 (stmt, 0);
      touch->lead = id;
      touch->kind = kind;
      touch->at = sqlite3_column_int64 (stmt, 2);
      touch->rep = dup_column_text (stmt, 3);
      touch->note = dup_column_text (stmt, 4);
      if (touch->note == NULL)
        touch->note = g_strdup ("");
      touch->logged_at = sqlite3_column_int64 (stmt, 5);
      g_ptr_array_add (touches, touch);
    }
  if (rc != SQLITE_DONE)
    {
      _lw_store_set_error (self, error, rc, _("reading touches"));
      return NULL;
    }
  return g_steal_pointer (&touches);
}

gboolean
lw_store_delete_live_lead (LwStore  *self,
                           gint64    id,
                           GError  **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  locker = g_rec_mutex_locker_new (&self->lock);
  if (!_lw_store_begin (self, error))
    return FALSE;
  stmt = _lw_store_prepare (self, "DELETE FROM live_leads WHERE id = ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!step_done (self, stmt, _("deleting a live lead"), error))
    goto fail;
  if (sqlite3_changes (self->db) == 0)
    {
      set_no_lead_error (error, id);
      goto fail;
    }
  return _lw_store_commit (self, error);

fail:
  _lw_store_rollback (self);
  return FALSE;
}

/* ---- alerts ----------------------------------------------------------------------- */

static gboolean
check_alert (const LwAlertRecord  *alert,
             GError              **error)
{
  if ((guint) alert->kind >= LW_N_ALERT_KINDS ||
      (guint) alert->urgency > LW_ALERT_URGENCY_CRITICAL)
    {
      set_invalid (error, _("An alert's kind or urgency is out of range"));
      return FALSE;
    }
  if (alert->kind == LW_ALERT_SUMMARY && alert->lead != 0)
    {
      set_invalid (error, _("A summary alert stands for several leads and names none"));
      return FALSE;
    }
  if (alert->kind != LW_ALERT_SUMMARY && alert->lead <= 0)
    {
      set_invalid (error, _("An alert must name its lead"));
      return FALSE;
    }
  if (alert->run < 0 || alert->created_at <= 0 || alert->shown_at < 0 ||
      alert->summary == NULL || alert->recipient == NULL)
    {
      set_invalid (error, _("An alert needs its time, its recipient and its summary"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
insert_alert (LwStore              *self,
              const LwAlertRecord  *alert,
              gint64                group,
              gint64               *id,
              GError              **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = _lw_store_prepare (self, "INSERT INTO alerts (kind, urgency, created_at, shown_at, run_id, lead_id, "
                                  "live_lead, recipient, summary, body, due_at, group_id) "
                                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, alert_kind_names[alert->kind], -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, urgency_names[alert->urgency], -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, alert->created_at);
  bind_time_or_null (stmt, 4, alert->shown_at);
  bind_time_or_null (stmt, 5, alert->run);
  if (alert->kind != LW_ALERT_SUMMARY && alert->run != 0)
    sqlite3_bind_int64 (stmt, 6, alert->lead);
  else
    sqlite3_bind_null (stmt, 6);
  if (alert->kind != LW_ALERT_SUMMARY && alert->run == 0)
    sqlite3_bind_int64 (stmt, 7, alert->lead);
  else
    sqlite3_bind_null (stmt, 7);
  sqlite3_bind_text (stmt, 8, alert->recipient, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, alert->summary, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 10, alert->body != NULL ? alert->body : "", -1, SQLITE_STATIC);
  bind_time_or_null (stmt, 11, alert->due_at);
  bind_time_or_null (stmt, 12, group);
  if (!step_done (self, stmt, _("recording an alert"), error))
    return FALSE;
  *id = sqlite3_last_insert_rowid (self->db);
  return TRUE;
}

gint64
lw_store_add_alert (LwStore              *self,
                    const LwAlertRecord  *alert,
                    const LwAlertRecord  *members,
                    guint                 n_members,
                    GError              **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  gint64 id = 0, member_id = 0;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (alert != NULL, 0);
  g_return_val_if_fail (n_members == 0 || members != NULL, 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  if (!check_alert (alert, error))
    return 0;
  if (n_members > 0 && alert->kind != LW_ALERT_SUMMARY)
    {
      set_invalid (error, _("Only a summary alert stands for other alerts"));
      return 0;
    }
  for (guint i = 0; i < n_members; i++)
    {
      if (!check_alert (&members[i], error))
        return 0;
      if (members[i].kind == LW_ALERT_SUMMARY)
        {
          set_invalid (error, _("A summary alert cannot stand for another summary"));
          return 0;
        }
    }

  locker = g_rec_mutex_locker_new (&self->lock);
  if (!_lw_store_begin (self, error))
    return 0;
  if (!insert_alert (self, alert, 0, &id, error))
    goto fail;
  for (guint i = 0; i < n_members; i++)
    if (!insert_alert (self, &members[i], id, &member_id, error))
      goto fail;
  if (!_lw_store_commit (self, error))
    return 0;
  return id;

fail:
  _lw_store_rollback (self);
  return 0;
}

GPtrArray *
lw_store_list_alerts (LwStore              *self,
                      const LwAlertFilter  *filter,
                      GError              **error)
{
  LwAlertFilter all = LW_ALERT_FILTER_INIT;
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) alerts = NULL;
  g_autoptr(GString) sql = g_string_new ("SELECT " ALERT_COLUMNS " FROM alerts WHERE created_at >= ?1");
  int rc;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (filter == NULL)
    filter = &all;

  if (filter->run == 0)
    g_string_append (sql, " AND run_id IS NULL");
  else if (filter->run > 0)
    g_string_append (sql, " AND run_id = ?2");
  if (filter->lead != 0)
    g_string_append (sql, filter->run > 0 ? " AND lead_id = ?3"
                          : filter->run == 0 ? " AND live_lead = ?3"
                          : " AND (lead_id = ?3 OR live_lead = ?3)");
  g_string_append (sql, " ORDER BY created_at DESC, id DESC");
  if (filter->limit > 0)
    g_string_append (sql, " LIMIT ?4");

  locker = g_rec_mutex_locker_new (&self->lock);
  stmt = _lw_store_prepare (self, sql->str, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, filter->since);
  if (filter->run > 0)
    sqlite3_bind_int64 (stmt, 2, filter->run);
  if (filter->lead != 0)
    sqlite3_bind_int64 (stmt, 3, filter->lead);
  if (filter->limit > 0)
    sqlite3_bind_int64 (stmt, 4, filter->limit);

  alerts = g_ptr_array_new_with_free_func ((GDestroyNotify) lw_alert_record_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LwAlertRecord *record = g_new0 (LwAlertRecord, 1);
      LwAlertKind kind = LW_ALERT_WARNING;
      LwAlertUrgency urgency = LW_ALERT_URGENCY_NORMAL;

      lw_alert_kind_from_string ((const char *) sqlite3_column_text (stmt, 1), &kind);
      lw_alert_urgency_from_string ((const char *) sqlite3_column_text (stmt, 2), &urgency);
      record->id = sqlite3_column_int64 (stmt, 0);
      record->kind = kind;
      record->urgency = urgency;
      record->created_at = sqlite3_column_int64 (stmt, 3);
      record->shown_at = sqlite3_column_int64 (stmt, 4);
      record->run = sqlite3_column_int64 (stmt, 5);
      record->lead = sqlite3_column_type (stmt, 6) != SQLITE_NULL
                     ? sqlite3_column_int64 (stmt, 6) : sqlite3_column_int64 (stmt, 7);
      record->recipient = dup_column_text (stmt, 8);
      record->summary = dup_column_text (stmt, 9);
      record->body = dup_column_text (stmt, 10);
      record->due_at = sqlite3_column_int64 (stmt, 11);
      record->group = sqlite3_column_int64 (stmt, 12);
      g_ptr_array_add (alerts, record);
    }
  if (rc != SQLITE_DONE)
    {
      _lw_store_set_error (self, error, rc, _("reading alerts"));
      return NULL;
    }
  return g_steal_pointer (&alerts);
}
