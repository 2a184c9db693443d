/* test-live-replay.c: live leads through the current rules as a run, and
 * the playbook's figures of a run
 *
 * Two live leads of a small rule set, worked out by hand: Ana of a
 * 250-person EMEA company, owned in the CRM by Ben, touched after 30
 * minutes (fit 30: an MQL; the rules give EMEA to Ana the rep); Bo of a
 * 10-person North American company, owned by Ben, never touched (the
 * fallback is Ben; the 60-minute deadline passed). A third lead is not
 * asked for. The replay must record exactly that, leave the live leads
 * alone, and the playbook's figures of that run must count it so.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "lw-export-playbook.h"
#include "lw-live-replay.h"
#include "lw-playbook-figures.h"
#include "lw-store.h"
#include "lw-test-utils.h"

#define T0  ((LwTime) 1773036000)   /* 2026-03-09T06:00:00Z, a Monday */
#define NOW (T0 + 3 * 3600)

static const char config_json[] =
  "{\n"
  "  \"format\": \"leadwright-config\", \"version\": 1, \"name\": \"Replay test\",\n"
  "  \"properties\": [\n"
  "    { \"id\": \"first_name\", \"label\": \"First name\", \"type\": \"string\" },\n"
  "    { \"id\": \"employees\", \"label\": \"Employees\", \"type\": \"number\" },\n"
  "    { \"id\": \"region\", \"label\": \"Region\", \"type\": \"enum\",\n"
  "      \"options\": [ { \"value\": \"EMEA\", \"label\": \"EMEA\" }, { \"value\": \"NA\", \"label\": \"North America\" } ] }\n"
  "  ],\n"
  "  \"lifecycle\": {\n"
  "    \"stages\": [\n"
  "      { \"id\": \"lead\", \"label\": \"Lead\", \"hubspotValue\": \"lead\", \"definition\": \"Known.\",\n"
  "        \"owner\": \"marketing\", \"nextStep\": \"Score.\" },\n"
  "      { \"id\": \"mql\", \"label\": \"MQL\", \"hubspotValue\": \"marketingqualifiedlead\",\n"
  "        \"definition\": \"Qualified.\", \"owner\": \"sdr\", \"nextStep\": \"Call.\" } ],\n"
  "    \"statuses\": [ { \"id\": \"new\", \"label\": \"New\", \"hubspotValue\": \"NEW\" } ],\n"
  "    \"paths\": [] },\n"
  "  \"scoring\": {\n"
  "    \"fit\": { \"criteria\": [ { \"id\": \"big\", \"label\": \"100 employees or more\", \"points\": 30,\n"
  "      \"when\": { \"filterGroups\": [ { \"filters\": [\n"
  "        { \"propertyName\": \"employees\", \"operator\": \"GTE\", \"value\": \"100\" } ] } ] } } ] },\n"
  "    \"engagement\": { \"criteria\": [] },\n"
  "    \"mql\": { \"total\": 25 }, \"mqlStage\": \"mql\" },\n"
  "  \"routing\": { \"rules\": [ { \"id\": \"emea\", \"label\": \"EMEA\",\n"
  "      \"when\": { \"filterGroups\": [ { \"filters\": [\n"
  "        { \"propertyName\": \"region\", \"operator\": \"EQ\", \"value\": \"EMEA\" } ] } ] },\n"
  "      \"assign\": { \"type\": \"owner\", \"owner\": \"ana\" } } ],\n"
  "    \"fallback\": { \"owner\": \"ben\" } },\n"
  "  \"slas\": [ { \"id\": \"all\", \"label\": \"Every lead\", \"deadlineMinutes\": 60,\n"
  "      \"clock\": \"calendar\", \"pauseStatuses\": [] } ],\n"
  "  \"team\": {\n"
  "    \"reps\": [\n"
  "      { \"id\": \"ana\", \"name\": \"Ana Silva\", \"email\": \"ana@example.com\", \"role\": \"sdr\",\n"
  "        \"timeZone\": \"UTC\", \"workingHours\": { \"mon\": [\"00:00-24:00\"] } },\n"
  "      { \"id\": \"ben\", \"name\": \"Ben Okafor\", \"email\": \"ben@example.com\", \"role\": \"sdr\",\n"
  "        \"timeZone\": \"UTC\", \"workingHours\": { \"mon\": [\"00:00-24:00\"] } } ],\n"
  "    \"teams\": [], \"pools\": [] }\n"
  "}\n";

typedef struct
{
  LwConfig *config;
  LwStore  *store;
  gint64    ids[3];
} Fixture;

static gint64
add_live (Fixture    *f,
          const char *external_id,
          LwTime      created_at,
          const char *properties,
          const char *owner)
{
  g_autoptr(LwLiveLead) lead = lw_live_lead_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  lead->external_id = g_strdup (external_id);
  lead->created_at = created_at;
  lead->properties = g_strdup (properties);
  lead->owner = g_strdup (owner);
  lead->policy = g_strdup ("all");
  id = lw_store_add_live_lead (f->store, lead, NOW, &error);
  g_assert_no_error (error);
  return id;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  path = g_build_filename (g_get_user_data_dir (), "replay.leadwright", NULL);
  f->store = lw_store_open (path, &error);
  g_assert_no_error (error);
  f->config = lw_test_load_config (config_json);

  f->ids[0] = add_live (f, "CRM-1", T0, "{\"first_name\": \"Ana\", \"employees\": 250, \"region\": \"EMEA\"}", "ben");
  f->ids[1] = add_live (f, "CRM-2", T0 + 600, "{\"first_name\": \"Bo\", \"employees\": 10, \"region\": \"NA\"}", "ben");
  f->ids[2] = add_live (f, "CRM-3", T0 + 900, "{\"first_name\": \"Cy\"}", NULL);
  g_assert_cmpint (lw_store_log_live_touch (f->store, f->ids[0], LW_TOUCH_CALL, T0 + 1800, "ben", NULL,
                                            NOW, &error), >, 0);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_pointer (&f->store, lw_store_unref);
  g_clear_pointer (&f->config, lw_config_unref);
}

static guint
count_runs (LwStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) runs = lw_store_list_runs (store, &error);

  g_assert_no_error (error);
  return runs->len;
}

static gboolean
event_cb (const LwEvent  *event,
          gpointer        user_data,
          GError        **error)
{
  GString *out = user_data;

  g_string_append_printf (out, "%u %s %d %d %g @%d;", event->lead, lw_event_kind_to_string (event->kind),
                          event->rep, event->arg, event->value, (int) (event->t - T0));
  return TRUE;
}

static void
test_replay (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwRunInfo) info = NULL;
  g_autoptr(LwStoredLead) ana = NULL;
  g_autoptr(LwStoredLead) bo = NULL;
  g_autoptr(LwLiveLead) live = NULL;
  g_autoptr(GString) events = g_string_new (NULL);
  LwReplaySummary summary;
  gint64 revision;

  revision = lw_store_save_config (f->store, f->config, "rules", T0, &error);
  g_assert_no_error (error);
  g_assert_true (lw_live_replay (f->store, f->config, revision, f->ids, 2, NOW, NULL, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpint (summary.run, >, 0);
  g_assert_cmpuint (summary.leads, ==, 2);
  g_assert_cmpuint (summary.mql, ==, 1);
  /* Ana's lead: the rules say Ana, the CRM says Ben. */
  g_assert_cmpuint (summary.reassigned, ==, 1);
  g_assert_cmpuint (summary.fallback, ==, 1);

  info = lw_store_get_run (f->store, summary.run, &error);
  g_assert_no_error (error);
  g_assert_cmpint (info->status, ==, LW_RUN_FINISHED);
  g_assert_cmpint (info->revision, ==, revision);
  g_assert_cmpuint (info->leads, ==, 2);
  g_assert_cmpint (info->sim_start, ==, T0);
  g_assert_cmpuint (info->days, ==, 1);
  g_assert_null (info->scenario);
  g_assert_cmpstr (info->timings, ==, "{\"replay\": {\"liveLeads\": 2}}");

  ana = lw_store_get_lead (f->store, summary.run, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ana->created_at, ==, T0);
  g_assert_cmpfloat (ana->fit, ==, 30);
  g_assert_cmpfloat (ana->engagement, ==, 0);
  g_assert_true (ana->mql);
  g_assert_cmpint (ana->stage, ==, 1);              /* mql */
  g_assert_cmpint (ana->n_stage_at, ==, 2);
  g_assert_cmpint (ana->stage_at[1], ==, T0);
  g_assert_cmpint (ana->stage_at[0], ==, 0);
  g_assert_cmpint (ana->owner, ==, 1);              /* ben, from the CRM */
  g_assert_cmpint (ana->routed_rep, ==, 0);         /* ana, by rule emea */
  g_assert_cmpint (ana->rule, ==, 0);
  g_assert_false (ana->fallback);
  g_assert_cmpint (ana->policy, ==, 0);
  g_assert_cmpint (ana->sla_rep, ==, 1);
  g_assert_cmpint (ana->assigned_at, ==, T0);
  g_assert_cmpint (ana->first_touch_at, ==, T0 + 1800);
  g_assert_cmpint (ana->deadline, ==, T0 + 3600);
  g_assert_cmpint (ana->ttft, ==, 1800);
  g_assert_false (ana->breached);
  g_assert_cmpstr (ana->region, ==, "EMEA");
  /* Its source: a lead the store was given without one came in by hand. */
  g_assert_cmpstr (((LwOption *) g_ptr_array_index (lw_config_builtin (f->config, LW_BUILTIN_SOURCE)->options,
                                                     4))->value, ==, "manual");
  g_assert_cmpint (ana->source, ==, 4);

  bo = lw_store_get_lead (f->store, summary.run, 2, &error);
  g_assert_no_error (error);
  g_assert_false (bo->mql);
  g_assert_cmpint (bo->routed_rep, ==, 1);          /* the fallback, ben */
  g_assert_cmpint (bo->rule, ==, -1);
  g_assert_true (bo->fallback);
  g_assert_cmpint (bo->owner, ==, 1);
  g_assert_cmpint (bo->deadline, ==, T0 + 600 + 3600);
  g_assert_true (bo->breached);
  g_assert_cmpint (bo->ttft, ==, -1);
  g_assert_cmpint (bo->first_touch_at, ==, 0);

  /* The third live lead was not asked for. */
  g_assert_null (lw_store_get_lead (f->store, summary.run, 3, &error));
  g_assert_error (error, LW_STORE_ERROR, LW_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A timeline for each: created, scored, stage, assigned (by the CRM:
   * no rule), first touch 30 minutes on the clock. */
  g_assert_true (lw_store_foreach_event (f->store, summary.run, NULL, event_cb, events, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (events->str, ==,
                   "1 created -1 4 0 @0;1 scored -1 1 30 @0;1 stage_changed 1 1 0 @0;"
                   "1 assigned 1 -1 0 @0;1 first_touch 1 0 30 @1800;"
                   "2 created -1 4 0 @600;2 scored -1 0 0 @600;2 stage_changed 1 0 0 @600;"
                   "2 assigned 1 -1 0 @600;");

  /* The live leads are as they were. */
  live = lw_store_get_live_lead (f->store, f->ids[0], &error);
  g_assert_no_error (error);
  g_assert_cmpstr (live->owner, ==, "ben");
  g_assert_cmpuint (live->assignments->len, ==, 1);

  /* Every live lead when none is named. */
  g_assert_true (lw_live_replay (f->store, f->config, 0, NULL, 0, NOW, NULL, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.leads, ==, 3);
  g_assert_cmpuint (count_runs (f->store), ==, 2);
}

static void
test_replay_bad_input (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GPtrArray) runs = NULL;
  gint64 unknown[] = { 99, 100 };
  LwReplaySummary summary;

  /* No such lead: nothing is recorded. */
  g_assert_false (lw_live_replay (f->store, f->config, 0, unknown, 2, NOW, NULL, &summary, &error));
  g_assert_error (error, LW_STORE_ERROR, LW_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpuint (count_runs (f->store), ==, 0);

  /* An empty list is not "every lead". */
  g_assert_false (lw_live_replay (f->store, f->config, 0, unknown, 0, NOW, NULL, NULL, &error));
  g_assert_error (error, LW_STORE_ERROR, LW_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Cancelled: the live leads are read, then the run stops and says so. */
  g_cancellable_cancel (cancellable);
  g_assert_false (lw_live_replay (f->store, f->config, 0, NULL, 0, NOW, cancellable, &summary, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  runs = lw_store_list_runs (f->store, NULL);
  g_assert_cmpuint (runs->len, <=, 1);
  for (guint i = 0; i < runs->len; i++)
    g_assert_cmpint (((LwRunInfo *) g_ptr_array_index (runs, i))->status, ==, LW_RUN_CANCELLED);
}

static void
replay_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  LwReplaySummary *summary = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (lw_live_replay_finish (result, summary, &error));
  g_assert_no_error (error);
}

static void
test_replay_async (Fixture       *f,
                   gconstpointer  data)
{
  LwReplaySummary summary = { 0, };

  lw_live_replay_async (f->store, f->config, 0, &f->ids[1], 1, NOW, NULL, replay_done_cb, &summary);
  while (summary.run == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (summary.leads, ==, 1);
  g_assert_cmpuint (summary.fallback, ==, 1);
}

/* ---- the playbook's figures -------------------------------------------------------- */

static void
test_playbook_figures (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwPlaybookRun) run = NULL;
  g_autofree char *markdown = NULL;
  const LwPlaybookFigures *figures;
  LwReplaySummary summary;

  /* No finished run yet. */
  g_assert_null (lw_playbook_run_query (f->store, f->config, 0, NULL, &error));
  g_assert_error (error, LW_STORE_ERROR, LW_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (lw_live_replay (f->store, f->config, 0, f->ids, 2, NOW, NULL, &summary, &error));
  g_assert_no_error (error);

  run = lw_playbook_run_query (f->store, f->config, 0, NULL, &error);
  g_assert_no_error (error);
  figures = lw_playbook_run_get_figures (run);
  g_assert_cmpstr (figures->title, ==, "Replay of 2 live leads");
  g_assert_cmpint (figures->start, ==, T0);
  g_assert_cmpint (figures->end, ==, T0 + 86400);
  g_assert_cmpuint (figures->leads, ==, 2);
  g_assert_cmpuint (figures->mql, ==, 1);
  g_assert_cmpuint (figures->converted, ==, 0);
  g_assert_cmpuint (figures->fallback, ==, 1);
  /* The funnel by the rule set's stages: one lead in each. */
  g_assert_cmpuint (figures->n_stages, ==, 2);
  g_assert_cmpuint (figures->stages[0].current, ==, 1);
  g_assert_cmpuint (figures->stages[1].current, ==, 1);
  g_assert_cmpuint (figures->stages[1].reached, ==, 1);
  /* One met (Ana, 30 minutes), one breached (Bo). */
  g_assert_cmpuint (figures->sla.leads, ==, 2);
  g_assert_cmpuint (figures->sla.met, ==, 1);
  g_assert_cmpuint (figures->sla.breached, ==, 1);
  g_assert_cmpfloat (figures->sla.compliance, ==, 50.0);
  g_assert_cmpint (figures->sla.ttft_p50, ==, 1800);
  g_assert_cmpint (figures->sla.ttft_p90, ==, 1800);
  g_assert_cmpuint (figures->n_policies, ==, 1);
  g_assert_cmpuint (figures->policies[0].leads, ==, 2);
  g_assert_cmpfloat (figures->policies[0].compliance, ==, 50.0);

  markdown = lw_playbook_to_markdown (f->config, figures);
  g_assert_nonnull (strstr (markdown, "Replay of 2 live leads"));
  g_assert_nonnull (strstr (markdown, "50.0%"));

  /* A rule set with a policy the run did not have: no policy table, the
   * total still there. */
  {
    g_autoptr(LwPlaybookRun) other = NULL;
    g_autoptr(LwConfig) changed = NULL;
    GString *text = g_string_new (config_json);

    g_string_replace (text, "\"pauseStatuses\": [] } ],",
                      "\"pauseStatuses\": [] },\n"
                      "    { \"id\": \"vip\", \"label\": \"VIP\", \"deadlineMinutes\": 5, \"clock\": \"calendar\","
                      " \"pauseStatuses\": [] } ],", 1);
    changed = lw_test_load_config (text->str);
    g_string_free (text, TRUE);
    other = lw_playbook_run_query (f->store, changed, summary.run, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (lw_playbook_run_get_figures (other)->n_policies, ==, 0);
    g_assert_null (lw_playbook_run_get_figures (other)->policies);
    g_assert_cmpuint (lw_playbook_run_get_figures (other)->sla.breached, ==, 1);
  }

  g_assert_null (lw_playbook_run_query (f->store, f->config, summary.run + 5, NULL, &error));
  g_assert_error (error, LW_STORE_ERROR, LW_STORE_ERROR_NOT_FOUND);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/live-replay/replay", test_replay);
  ADD ("/live-replay/bad-input", test_replay_bad_input);
  ADD ("/live-replay/async", test_replay_async);
  ADD ("/live-replay/playbook-figures", test_playbook_figures);
#undef ADD

  return g_test_run ();
}
