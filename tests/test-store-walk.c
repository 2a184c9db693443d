/* test-store-walk.c: reading a whole run or all live leads, and adding
 * live leads in batches inside a caller's transaction
 *
 * The walks must give every lead once, in id order, in its latest state
 * (a paced run writes a lead again and again), every event by lead in the
 * order appended, and stop cleanly on a callback's error or a cancel. A
 * batch of live leads is all or nothing, also inside a transaction that
 * goes on after a refused batch.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "lw-store.h"
#include "lw-test-utils.h"

#define T0 ((LwTime) 1773014400)   /* 2026-03-09T00:00:00Z */

typedef struct
{
  char     *path;
  LwStore  *store;
  LwConfig *config;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "walk", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  f->path = g_build_filename (dir, "walk.leadwright", NULL);
  f->store = lw_store_open (f->path, &error);
  g_assert_no_error (error);
  f->config = lw_test_load_sample ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_pointer (&f->store, lw_store_unref);
  g_clear_pointer (&f->config, lw_config_unref);
  g_free (f->path);
}

static gint64
begin_run (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  LwRunParams params = { 0, };
  gint64 run;

  params.config = f->config;
  params.seed = 1;
  params.leads = 3;
  params.days = 2;
  params.sim_start = T0;
  params.started_at = T0;
  run = lw_store_begin_run (f->store, &params, &error);
  g_assert_no_error (error);
  g_assert_cmpint (run, >, 0);
  return run;
}

static LwStoredLead
stored_lead (guint32 id,
             LwTime  created_at,
             int     owner,
             double  fit)
{
  LwStoredLead lead = { 0, };

  lead.id = id;
  lead.created_at = created_at;
  lead.source = 1;
  lead.region = "EMEA";
  lead.stage = 2;
  lead.max_stage = 2;
  lead.status = 0;
  lead.owner = owner;
  lead.routed_rep = owner;
  lead.rule = 5;
  lead.pool = 1;
  lead.policy = 0;
  lead.sla_rep = owner;
  lead.assigned_at = created_at;
  lead.ttft = -1;
  lead.fit = fit;
  lead.properties = (const guint8 *) "{}";
  lead.properties_len = 2;
  return lead;
}

/* ---- run names ---------------------------------------------------------------- */

static void
test_run_names (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(LwRunNames) names = NULL;
  g_autoptr(LwRunNames) latest = NULL;
  g_autoptr(GError) error = NULL;
  gint64 run = begin_run (f);

  names = lw_store_get_run_names (f->store, run, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lw_run_names_get_run (names), ==, run);
  /* The sample's eight stages, Subscriber to Other. */
  g_assert_cmpuint (lw_run_names_get_n_stages (names), ==, 8);
  g_assert_cmpstr (lw_run_names_get_id (names, LW_RUN_NAME_STAGE, 2), ==, "mql");
  g_assert_cmpstr (lw_run_names_get_label (names, LW_RUN_NAME_STAGE, 2), ==, "Marketing Qualified Lead");
  g_assert_cmpstr (lw_run_names_get_id (names, LW_RUN_NAME_STAGE, 7), ==, "other");
  g_assert_null (lw_run_names_get_id (names, LW_RUN_NAME_STAGE, 8));
  g_assert_null (lw_run_names_get_id (names, LW_RUN_NAME_STAGE, -1));
  g_assert_cmpstr (lw_run_names_get_id (names, LW_RUN_NAME_STATUS, 5), ==, "bad-timing");
  g_assert_cmpstr (lw_run_names_get_label (names, LW_RUN_NAME_STATUS, 5), ==, "Nurture / bad timing");
  g_assert_cmpstr (lw_run_names_get_id (names, LW_RUN_NAME_RULE, 1), ==, "na-enterprise");
  g_assert_cmpstr (lw_run_names_get_id (names, LW_RUN_NAME_POLICY, 2), ==, "content");
  g_assert_cmpstr (lw_run_names_get_id (names, LW_RUN_NAME_POOL, 4), ==, "lead-desk");
  g_assert_cmpstr (lw_run_names_get_label (names, LW_RUN_NAME_POOL, 4), ==, "Lead desk");
  g_assert_cmpstr (lw_run_names_get_id (names, LW_RUN_NAME_TEAM, 1), ==, "emea");
  /* A rep's label is the rep's name. */
  g_assert_cmpstr (lw_run_names_get_id (names, LW_RUN_NAME_REP, 12), ==, "dana");
  g_assert_cmpstr (lw_run_names_get_label (names, LW_RUN_NAME_REP, 12), ==, "Dana Brooks");
  g_assert_null (lw_run_names_get_label (names, LW_RUN_NAME_REP, 13));
  g_assert_cmpstr (lw_run_names_get_id (names, LW_RUN_NAME_SOURCE, 0), ==,
                   ((LwOption *) g_ptr_array_index (lw_config_builtin (f->config, LW_BUILTIN_SOURCE)->options, 0))->value);

  /* Run 0 is the latest finished run: there is none yet. */
  latest = lw_store_get_run_names (f->store, 0, &error);
  g_assert_error (error, LW_STORE_ERROR, LW_STORE_ERROR_NOT_FOUND);
  g_assert_null (latest);
  g_clear_error (&error);

  g_assert_true (lw_store_finish_run (f->store, run, LW_RUN_FINISHED, T0 + 10, NULL, &error));
  g_assert_no_error (error);
  latest = lw_store_get_run_names (f->store, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lw_run_names_get_run (latest), ==, run);

  g_assert_null (lw_store_get_run_names (f->store, run + 1, &error));
  g_assert_error (error, LW_STORE_ERROR, LW_STORE_ERROR_NOT_FOUND);
}

/* ---- leads of a run ------------------------------------------------------------- */

typedef struct
{
  GArray  *ids;
  GArray  *fits;
  GArray  *owners;
  GPtrArray *regions;
  guint    stop_after;   /* 0: never */
} LeadSeen;

static gboolean
lead_seen_cb (const LwStoredLead  *lead,
              gpointer             user_data,
              GError             **error)
{
  LeadSeen *seen = user_data;

  g_array_append_val (seen->ids, lead->id);
  g_array_append_val (seen->fits, lead->fit);
  g_array_append_val (seen->owners, lead->owner);
  g_ptr_array_add (seen->regions, g_strdup (lead->region));
  g_assert_cmpuint (lead->n_stage_at, ==, 8);
  g_assert_cmpuint (lead->properties_len, ==, 2);
  g_assert_cmpmem (lead->properties, 2, "{}", 2);
  if (seen->stop_after != 0 && seen->ids->len == seen->stop_after)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE, "disk full");
      return FALSE;
    }
  return TRUE;
}

static void
lead_seen_init (LeadSeen *seen)
{
  seen->ids = g_array_new (FALSE, FALSE, sizeof (guint32));
  seen->fits = g_array_new (FALSE, FALSE, sizeof (double));
  seen->owners = g_array_new (FALSE, FALSE, sizeof (int));
  seen->regions = g_ptr_array_new_with_free_func (g_free);
  seen->stop_after = 0;
}

static void
lead_seen_clear (LeadSeen *seen)
{
  g_array_unref (seen->ids);
  g_array_unref (seen->fits);
  g_array_unref (seen->owners);
  g_ptr_array_unref (seen->regions);
}

static void
test_foreach_lead (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  gint64 run = begin_run (f);
  LwStoredLead first[3] = {
    stored_lead (4097, T0 + 300, 3, 7.0),   /* the second block, written first */
    stored_lead (2, T0 + 200, 1, 10.0),
    stored_lead (1, T0 + 100, 0, 20.0),
  };
  LwStoredLead again = stored_lead (2, T0 + 200, 6, 35.0);
  LeadSeen seen;

  g_assert_true (lw_store_append_leads (f->store, run, first, 3, &error));
  g_assert_no_error (error);
  /* Lead 2 again, in a later call: its new state wins. */
  g_assert_true (lw_store_append_leads (f->store, run, &again, 1, &error));
  g_assert_no_error (error);

  lead_seen_init (&seen);
  g_assert_true (lw_store_foreach_lead (f->store, run, NULL, lead_seen_cb, &seen, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (seen.ids->len, ==, 3);
  g_assert_cmpuint (g_array_index (seen.ids, guint32, 0), ==, 1);
  g_assert_cmpuint (g_array_index (seen.ids, guint32, 1), ==, 2);
  g_assert_cmpuint (g_array_index (seen.ids, guint32, 2), ==, 4097);
  g_assert_cmpfloat (g_array_index (seen.fits, double, 1), ==, 35.0);
  g_assert_cmpint (g_array_index (seen.owners, int, 1), ==, 6);
  g_assert_cmpfloat (g_array_index (seen.fits, double, 2), ==, 7.0);
  g_assert_cmpstr (g_ptr_array_index (seen.regions, 0), ==, "EMEA");
  lead_seen_clear (&seen);

  /* Each lead as lw_store_get_lead() reads it. */
  {
    g_autoptr(LwStoredLead) two = lw_store_get_lead (f->store, run, 2, &error);

    g_assert_no_error (error);
    g_assert_cmpfloat (two->fit, ==, 35.0);
    g_assert_cmpint (two->owner, ==, 6);
  }

  /* The callback's error stops the walk and is returned. */
  lead_seen_init (&seen);
  seen.stop_after = 2;
  g_assert_false (lw_store_foreach_lead (f->store, run, NULL, lead_seen_cb, &seen, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  g_assert_cmpuint (seen.ids->len, ==, 2);
  g_clear_error (&error);
  lead_seen_clear (&seen);

  /* Cancelled: no lead is seen. */
  lead_seen_init (&seen);
  g_cancellable_cancel (cancellable);
  g_assert_false (lw_store_foreach_lead (f->store, run, cancellable, lead_seen_cb, &seen, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (seen.ids->len, ==, 0);
  g_clear_error (&error);
  lead_seen_clear (&seen);

  /* No such run; a run without leads is walked without a call. */
  lead_seen_init (&seen);
  g_assert_false (lw_store_foreach_lead (f->store, run + 1, NULL, lead_seen_cb, &seen, &error));
  g_assert_error (error, LW_STORE_ERROR, LW_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_true (lw_store_foreach_lead (f->store, begin_run (f), NULL, lead_seen_cb, &seen, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (seen.ids->len, ==, 0);
  lead_seen_clear (&seen);
}

/* ---- events of a run ------------------------------------------------------------- */

static gboolean
event_seen_cb (const LwEvent  *event,
               gpointer        user_data,
               GError        **error)
{
  GString *out = user_data;

  g_string_append_printf (out, "%u:%s:%d:%s;", event->lead, lw_event_kind_to_string (event->kind),
                          (int) (event->t - T0), event->detail != NULL ? event->detail : "-");
  return TRUE;
}

static void
test_foreach_event (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) seen = g_string_new (NULL);
  gint64 run = begin_run (f);
  /* Out of lead order, over two event blocks (lead 70000 is in the
   * second), a detail with a quote and a newline. */
  LwEvent batch1[] = {
    { 70000, LW_EVENT_CREATED, T0 + 50, -1, 0, 0, NULL },
    { 2, LW_EVENT_CREATED, T0 + 20, -1, 1, 0, NULL },
    { 1, LW_EVENT_CREATED, T0 + 10, -1, 0, 0, NULL },
    { 2, LW_EVENT_ASSIGNED, T0 + 21, 3, 0, 0, "Rule \"A\"\nmatched" },
  };
  LwEvent batch2[] = {
    { 1, LW_EVENT_ASSIGNED, T0 + 11, 1, -1, 0, NULL },
    { 2, LW_EVENT_FIRST_TOUCH, T0 + 30, 3, 0, 9.0, NULL },
  };

  g_assert_true (lw_store_append_events (f->store, run, batch1, G_N_ELEMENTS (batch1), &error));
  g_assert_no_error (error);
  g_assert_true (lw_store_append_events (f->store, run, batch2, G_N_ELEMENTS (batch2), &error));
  g_assert_no_error (error);

  g_assert_true (lw_store_foreach_event (f->store, run, NULL, event_seen_cb, seen, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (seen->str, ==,
                   "1:created:10:-;1:assigned:11:-;"
                   "2:created:20:-;2:assigned:21:Rule \"A\"\nmatched;2:first_touch:30:-;"
                   "70000:created:50:-;");

  g_assert_false (lw_store_foreach_event (f->store, 0, NULL, event_seen_cb, seen, &error));
  g_assert_error (error, LW_STORE_ERROR, LW_STORE_ERROR_NOT_FOUND);
}

/* ---- live leads ----------------------------------------------------------------------- */

static LwLiveLead *
live_lead (const char *external_id,
           LwTime      created_at,
           const char *owner,
           const char *status)
{
  LwLiveLead *lead = lw_live_lead_new ();

  lead->external_id = g_strdup (external_id);
  lead->created_at = created_at;
  lead->owner = g_strdup (owner);
  lead->status = g_strdup (status);
  lead->properties = g_strdup ("{\"first_name\": \"Ana\"}");
  lead->policy = g_strdup ("demo");
  lead->deadline = created_at + 1800;
  return lead;
}

static guint
count_live (LwStore *store)
{
  g_autoptr(GPtrArray) leads = NULL;
  g_autoptr(GError) error = NULL;

  leads = lw_store_list_live_leads (store, FALSE, &error);
  g_assert_no_error (error);
  return leads->len;
}

typedef struct
{
  gint64  last_id;
  guint   n;
  guint   with_history;
  guint   stop_after;
} LiveSeen;

static gboolean
live_seen_cb (const LwLiveLead  *lead,
              gpointer           user_data,
              GError           **error)
{
  LiveSeen *seen = user_data;

  g_assert_cmpint (lead->id, >, seen->last_id);
  seen->last_id = lead->id;
  seen->n++;
  if (lead->assignments->len == 1 && lead->status_changes->len == 1 &&
      g_strcmp0 (g_array_index (lead->assignments, LwLiveAssignment, 0).owner, lead->owner) == 0)
    seen->with_history++;
  if (seen->stop_after != 0 && seen->n == seen->stop_after)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "enough");
      return FALSE;
    }
  return TRUE;
}

static void
test_live_batch (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) leads = g_ptr_array_new_with_free_func ((GDestroyNotify) lw_live_lead_free);
  g_autoptr(LwLiveLead) back = NULL;
  gint64 ids[3] = { 0, };
  gint64 found = -1;

  g_ptr_array_add (leads, live_lead ("CRM-1", T0, "maria", "new"));
  g_ptr_array_add (leads, live_lead (NULL, T0 + 60, NULL, NULL));
  g_ptr_array_add (leads, live_lead ("CRM-3", T0 + 120, "jake", NULL));

  g_assert_true (lw_store_add_live_leads (f->store, (const LwLiveLead * const *) leads->pdata, 3,
                                          T0 + 600, ids, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ids[0], ==, 1);
  g_assert_cmpint (ids[1], ==, 2);
  g_assert_cmpint (ids[2], ==, 3);

  /* As lw_store_add_live_lead() adds one: the owner is the first
   * (routed) assignment at creation, the status the first change. */
  back = lw_store_get_live_lead (f->store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (back->external_id, ==, "CRM-1");
  g_assert_cmpstr (back->owner, ==, "maria");
  g_assert_cmpstr (back->status, ==, "new");
  g_assert_cmpstr (back->policy, ==, "demo");
  g_assert_cmpint (back->deadline, ==, T0 + 1800);
  g_assert_cmpint (back->assigned_at, ==, T0);
  g_assert_cmpint (back->updated_at, ==, T0 + 600);
  g_assert_cmpuint (back->assignments->len, ==, 1);
  g_assert_cmpint (g_array_index (back->assignments, LwLiveAssignment, 0).reason, ==, LW_LIVE_ASSIGN_ROUTED);
  g_assert_cmpuint (back->status_changes->len, ==, 1);
  g_clear_pointer (&back, lw_live_lead_free);
  back = lw_store_get_live_lead (f->store, 2, &error);
  g_assert_no_error (error);
  g_assert_null (back->owner);
  g_assert_cmpint (back->assigned_at, ==, 0);
  g_assert_cmpuint (back->assignments->len, ==, 0);

  g_assert_true (lw_store_find_live_lead_id (f->store, "CRM-3", &found, &error));
  g_assert_no_error (error);
  g_assert_cmpint (found, ==, 3);
  g_assert_true (lw_store_find_live_lead_id (f->store, "CRM-2", &found, &error));
  g_assert_cmpint (found, ==, 0);

  /* A batch with one bad lead (created after now) writes none of them,
   * and the message says which one. */
  g_ptr_array_set_size (leads, 0);
  g_ptr_array_add (leads, live_lead ("CRM-4", T0, NULL, NULL));
  g_ptr_array_add (leads, live_lead ("CRM-5", T0 + 7200, NULL, NULL));
  g_assert_false (lw_store_add_live_leads (f->store, (const LwLiveLead * const *) leads->pdata, 2,
                                           T0 + 600, NULL, &error));
  g_assert_error (error, LW_STORE_ERROR, LW_STORE_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "Lead 2 of 2: "));
  g_clear_error (&error);
  g_assert_cmpuint (count_live (f->store), ==, 3);

  /* A taken external id, found only when writing: none is written. */
  g_ptr_array_set_size (leads, 0);
  g_ptr_array_add (leads, live_lead ("CRM-6", T0, NULL, NULL));
  g_ptr_array_add (leads, live_lead ("CRM-1", T0, NULL, NULL));
  g_assert_false (lw_store_add_live_leads (f->store, (const LwLiveLead * const *) leads->pdata, 2,
                                           T0 + 600, NULL, &error));
  g_assert_error (error, LW_STORE_ERROR, LW_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "“CRM-1” is already live lead 1"));
  g_clear_error (&error);
  g_assert_true (lw_store_find_live_lead_id (f->store, "CRM-6", &found, &error));
  g_assert_cmpint (found, ==, 0);
  g_assert_cmpuint (count_live (f->store), ==, 3);

  /* Nothing to add is no error. */
  g_assert_true (lw_store_add_live_leads (f->store, NULL, 0, T0, NULL, &error));
  g_assert_no_error (error);
}

static void
test_live_transaction (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwStore) other = NULL;
  g_autoptr(LwLiveLead) a = live_lead ("A", T0, NULL, NULL);
  g_autoptr(LwLiveLead) b = live_lead ("B", T0, NULL, NULL);
  g_autoptr(LwLiveLead) dup = live_lead ("A", T0, NULL, NULL);
  const LwLiveLead *one[1];
  gint64 found = 0;

  other = lw_store_open (f->path, &error);
  g_assert_no_error (error);

  /* Rolled back: nothing stays. */
  g_assert_true (lw_store_begin_transaction (f->store, &error));
  one[0] = a;
  g_assert_true (lw_store_add_live_leads (f->store, one, 1, T0, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (lw_store_find_live_lead_id (f->store, "A", &found, &error));
  g_assert_cmpint (found, >, 0);
  lw_store_rollback_transaction (f->store);
  g_assert_cmpuint (count_live (f->store), ==, 0);

  /* A refused batch inside the transaction is undone, the transaction
   * goes on; the others see nothing before the commit. */
  g_assert_true (lw_store_begin_transaction (f->store, &error));
  g_assert_true (lw_store_add_live_leads (f->store, one, 1, T0, NULL, &error));
  one[0] = dup;
  g_assert_false (lw_store_add_live_leads (f->store, one, 1, T0, NULL, &error));
  g_assert_error (error, LW_STORE_ERROR, LW_STORE_ERROR_INVALID);
  g_clear_error (&error);
  one[0] = b;
  g_assert_true (lw_store_add_live_leads (f->store, one, 1, T0, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_live (other), ==, 0);
  g_assert_true (lw_store_commit_transaction (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_live (other), ==, 2);
  g_assert_cmpuint (count_live (f->store), ==, 2);

  /* The store is usable again (unlocked, no transaction open). */
  g_assert_true (lw_store_set_meta (f->store, "k", "v", &error));
  g_assert_no_error (error);
  g_assert_true (lw_store_check_integrity (f->store, &error));
  g_assert_no_error (error);
}

static void
test_foreach_live (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) leads = g_ptr_array_new_with_free_func ((GDestroyNotify) lw_live_lead_free);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  LiveSeen seen = { 0, };

  /* Empty: no call. */
  g_assert_true (lw_store_foreach_live_lead (f->store, NULL, live_seen_cb, &seen, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (seen.n, ==, 0);

  /* More than two pages of 512. */
  for (guint i = 0; i < 1100; i++)
    {
      g_autofree char *id = g_strdup_printf ("CRM-%u", i);

      g_ptr_array_add (leads, live_lead (id, T0 + i, "maria", "new"));
    }
  g_assert_true (lw_store_add_live_leads (f->store, (const LwLiveLead * const *) leads->pdata,
                                          leads->len, T0 + 3600, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (lw_store_foreach_live_lead (f->store, NULL, live_seen_cb, &seen, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (seen.n, ==, 1100);
  g_assert_cmpuint (seen.with_history, ==, 1100);
  g_assert_cmpint (seen.last_id, ==, 1100);

  memset (&seen, 0, sizeof seen);
  seen.stop_after = 600;
  g_assert_false (lw_store_foreach_live_lead (f->store, NULL, live_seen_cb, &seen, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_assert_cmpuint (seen.n, ==, 600);
  g_clear_error (&error);

  memset (&seen, 0, sizeof seen);
  g_cancellable_cancel (cancellable);
  g_assert_false (lw_store_foreach_live_lead (f->store, cancellable, live_seen_cb, &seen, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (seen.n, ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/store-walk/run-names", test_run_names);
  ADD ("/store-walk/foreach-lead", test_foreach_lead);
  ADD ("/store-walk/foreach-event", test_foreach_event);
  ADD ("/store-walk/live/batch", test_live_batch);
  ADD ("/store-walk/live/transaction", test_live_transaction);
  ADD ("/store-walk/live/foreach", test_foreach_live);
#undef ADD

  return g_test_run ();
}
