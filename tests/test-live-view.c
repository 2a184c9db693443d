/* test-live-view.c: live leads as the views show them
 *
 * The rows of the Leads page's live list, its search and sort, the open
 * clocks the SLA monitor counts down, the properties the New Lead dialog
 * asks for and the story the inspector tells, on an injected time. Times
 * are worked out by hand: 2026-03-16 is a Monday, Paris is UTC+1. Sophie
 * works 09:00 to 17:00 in Paris; the "demo" policy gives 30 business
 * minutes and warns 10 before; "bad-timing" pauses it. "content" gives 120
 * calendar minutes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "lw-live-view.h"
#include "lw-scenario.h"
#include "lw-sim-store.h"
#include "lw-simulator.h"
#include "lw-test-utils.h"

#define T(iso) lw_test_time (iso)

static const char config_json[] =
  "{\n"
  "  \"format\": \"leadwright-config\",\n"
  "  \"version\": 1,\n"
  "  \"name\": \"Live test\",\n"
  "  \"properties\": [\n"
  "    { \"id\": \"first_name\", \"label\": \"First name\", \"type\": \"string\" },\n"
  "    { \"id\": \"last_name\", \"label\": \"Last name\", \"type\": \"string\" },\n"
  "    { \"id\": \"company\", \"label\": \"Company\", \"type\": \"string\" },\n"
  "    { \"id\": \"email\", \"label\": \"Email\", \"type\": \"email\" },\n"
  "    { \"id\": \"region\", \"label\": \"Region\", \"type\": \"enum\",\n"
  "      \"options\": [ { \"value\": \"EMEA\", \"label\": \"EMEA\" }, { \"value\": \"NA\", \"label\": \"North America\" } ] },\n"
  "    { \"id\": \"conversion\", \"label\": \"Conversion\", \"type\": \"enum\",\n"
  "      \"options\": [ { \"value\": \"demo\", \"label\": \"Demo request\" }, { \"value\": \"content\", \"label\": \"Content\" } ] }\n"
  "  ],\n"
  "  \"lifecycle\": {\n"
  "    \"stages\": [],\n"
  "    \"statuses\": [\n"
  "      { \"id\": \"new\", \"label\": \"New\", \"hubspotValue\": \"NEW\" },\n"
  "      { \"id\": \"attempting\", \"label\": \"Attempting contact\", \"hubspotValue\": \"ATTEMPTED_TO_CONTACT\" },\n"
  "      { \"id\": \"bad-timing\", \"label\": \"Bad timing\", \"hubspotValue\": \"BAD_TIMING\" }\n"
  "    ],\n"
  "    \"paths\": []\n"
  "  },\n"
  "  \"scoring\": {\n"
  "    \"fit\": { \"criteria\": [ { \"id\": \"emea\", \"label\": \"In EMEA\", \"points\": 20,\n"
  "      \"when\": { \"filterGroups\": [ { \"filters\": [ { \"propertyName\": \"region\", \"operator\": \"EQ\", \"value\": \"EMEA\" } ] } ] } } ] },\n"
  "    \"engagement\": { \"criteria\": [ { \"id\": \"chat\", \"label\": \"Came through chat\", \"points\": 5,\n"
  "      \"when\": { \"filterGroups\": [ { \"filters\": [ { \"propertyName\": \"source\", \"operator\": \"EQ\", \"value\": \"chat\" } ] } ] } } ] },\n"
  "    \"mql\": { \"total\": 40 } },\n"
  "  \"routing\": {\n"
  "    \"rules\": [\n"
  "      { \"id\": \"emea\", \"label\": \"EMEA\",\n"
  "        \"when\": { \"filterGroups\": [ { \"filters\": [ { \"propertyName\": \"region\", \"operator\": \"EQ\", \"value\": \"EMEA\" } ] } ] },\n"
  "        \"assign\": { \"type\": \"pool\", \"pool\": \"emea-sdr\" } }\n"
  "    ],\n"
  "    \"fallback\": { \"owner\": \"jake\" }\n"
  "  },\n"
  "  \"slas\": [\n"
  "    { \"id\": \"demo\", \"label\": \"Demo requests\",\n"
  "      \"when\": { \"filterGroups\": [ { \"filters\": [ { \"propertyName\": \"conversion\", \"operator\": \"EQ\", \"value\": \"demo\" } ] } ] },\n"
  "      \"deadlineMinutes\": 30, \"clock\": \"business\", \"warnBeforeMinutes\": 10,\n"
  "      \"escalations\": [ { \"afterMinutes\": 60, \"action\": \"notifyManager\" },\n"
  "                       { \"afterMinutes\": 240, \"action\": \"reassign\" } ],\n"
  "      \"pauseStatuses\": [ \"bad-timing\" ] },\n"
  "    { \"id\": \"content\", \"label\": \"Content leads\", \"deadlineMinutes\": 120, \"clock\": \"calendar\", \"warnBeforeMinutes\": 30, \"pauseStatuses\": [] }\n"
  "  ],\n"
  "  \"team\": {\n"
  "    \"reps\": [\n"
  "      { \"id\": \"sophie\", \"name\": \"Sophie Martin\", \"email\": \"sophie@example.com\", \"role\": \"sdr\", \"team\": \"emea\",\n"
  "        \"timeZone\": \"Europe/Paris\",\n"
  "        \"workingHours\": { \"mon\": [\"09:00-17:00\"], \"tue\": [\"09:00-17:00\"], \"wed\": [\"09:00-17:00\"], \"thu\": [\"09:00-17:00\"], \"fri\": [\"09:00-17:00\"] } },\n"
  "      { \"id\": \"lukas\", \"name\": \"Lukas Weber\", \"email\": \"lukas@example.com\", \"role\": \"sdr\", \"team\": \"emea\",\n"
  "        \"timeZone\": \"Europe/Berlin\",\n"
  "        \"workingHours\": { \"mon\": [\"09:00-17:00\"], \"tue\": [\"09:00-17:00\"], \"wed\": [\"09:00-17:00\"], \"thu\": [\"09:00-17:00\"], \"fri\": [\"09:00-17:00\"] } },\n"
  "      { \"id\": \"henrik\", \"name\": \"Henrik Larsen\", \"email\": \"henrik@example.com\", \"role\": \"manager\", \"team\": \"emea\",\n"
  "        \"timeZone\": \"Europe/Copenhagen\",\n"
  "        \"workingHours\": { \"mon\": [\"09:00-17:00\"], \"tue\": [\"09:00-17:00\"], \"wed\": [\"09:00-17:00\"], \"thu\": [\"09:00-17:00\"], \"fri\": [\"09:00-17:00\"] } },\n"
  "      { \"id\": \"jake\", \"name\": \"Jake Miller\", \"email\": \"jake@example.com\", \"role\": \"sdr\", \"team\": \"na\",\n"
  "        \"timeZone\": \"America/New_York\",\n"
  "        \"workingHours\": { \"mon\": [\"09:00-17:00\"], \"tue\": [\"09:00-17:00\"], \"wed\": [\"09:00-17:00\"], \"thu\": [\"09:00-17:00\"], \"fri\": [\"09:00-17:00\"] } },\n"
  "      { \"id\": \"maria\", \"name\": \"Maria Gonzalez\", \"email\": \"maria@example.com\", \"role\": \"manager\", \"team\": \"na\",\n"
  "        \"timeZone\": \"America/New_York\",\n"
  "        \"workingHours\": { \"mon\": [\"09:00-17:00\"], \"tue\": [\"09:00-17:00\"], \"wed\": [\"09:00-17:00\"], \"thu\": [\"09:00-17:00\"], \"fri\": [\"09:00-17:00\"] } },\n"
  "      { \"id\": \"solo\", \"name\": \"Sam Solo\", \"email\": \"sam@example.com\", \"role\": \"sdr\",\n"
  "        \"timeZone\": \"UTC\",\n"
  "        \"workingHours\": { \"mon\": [\"09:00-17:00\"] } }\n"
  "    ],\n"
  "    \"teams\": [\n"
  "      { \"id\": \"emea\", \"label\": \"Europe\", \"manager\": \"henrik\", \"region\": \"EMEA\" },\n"
  "      { \"id\": \"na\", \"label\": \"North America\", \"manager\": \"maria\" }\n"
  "    ],\n"
  "    \"pools\": [\n"
  "      { \"id\": \"emea-sdr\", \"label\": \"EMEA SDRs\", \"members\": [\"sophie\", \"lukas\"], \"workingHours\": false }\n"
  "    ]\n"
  "  }\n"
  "}\n";


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
  f->path = g_build_filename (g_get_user_data_dir (), "live-view.leadwright", NULL);
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

/* Adds a lead of "prop=value" pairs owned by @owner (may be NULL: routed)
 * with @status, at @at. */
static gint64
add_lead (Fixture    *f,
          const char *owner,
          const char *status,
          LwTime      at,
          ...) G_GNUC_NULL_TERMINATED;

static gint64
add_lead (Fixture    *f,
          const char *owner,
          const char *status,
          LwTime      at,
          ...)
{
  g_autoptr(LwLead) lead = lw_lead_new (f->config, NULL);
  g_autoptr(GError) error = NULL;
  const char *pair;
  va_list args;
  gint64 id;

  va_start (args, at);
  while ((pair = va_arg (args, const char *)) != NULL)
    {
      g_auto(GStrv) kv = g_strsplit (pair, "=", 2);

      g_assert_true (lw_lead_set (lead, f->config, kv[0], kv[1], &error));
      g_assert_no_error (error);
    }
  va_end (args);
  id = lw_live_add (f->store, f->config, lead, NULL, owner, status, NULL, at, NULL, at, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static void
touch (Fixture    *f,
       gint64      id,
       LwTime      at,
       const char *note)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lw_live_log_touch (f->store, f->config, id, LW_TOUCH_CALL, at, "sophie", note, at, &error));
  g_assert_no_error (error);
}

static LwLeadSummary *
summarize (Fixture *f,
           gint64   id,
           LwTime   now)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwLiveLead) lead = lw_store_get_live_lead (f->store, id, &error);

  g_assert_no_error (error);
  return lw_live_view_summarize (f->config, lead, now);
}

/* The ids of a list, "1,3,2". */
static char *
list_ids (Fixture      *f,
          LwLeadColumn  sort,
          gboolean      descending,
          const char   *search)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = lw_live_view_list (f->store, f->config, T ("2026-03-16T09:10:00Z"),
                                                 sort, descending, search, &error);
  GString *out = g_string_new (NULL);

  g_assert_no_error (error);
  g_assert_nonnull (rows);
  for (guint i = 0; i < rows->len; i++)
    g_string_append_printf (out, "%s%u", i > 0 ? "," : "",
                            ((const LwLeadSummary *) g_ptr_array_index (rows, i))->id);
  return g_string_free (out, FALSE);
}

#define ASSERT_IDS(f, sort, desc, search, expected) \
  G_STMT_START { \
    g_autofree char *ids_ = list_ids ((f), (sort), (desc), (search)); \
    g_assert_cmpstr (ids_, ==, (expected)); \
  } G_STMT_END

/* ---- the lead list ------------------------------------------------------------------- */

static void
test_summarize (Fixture       *f,
                gconstpointer  data)
{
  LwTime t = T ("2026-03-16T09:00:00Z");      /* 10:00 in Paris */
  gint64 ana, ben;
  LwLeadSummary *s;

  ana = add_lead (f, "sophie", "new", t, "first_name=Ana", "last_name=Silva", "company=Northbeam",
                  "email=ana@northbeam.io", "region=EMEA", "conversion=demo", NULL);
  ben = add_lead (f, NULL, NULL, t, "first_name=Ben", "region=NA", "conversion=content", "source=chat", NULL);

  /* Five minutes in: on the clock, untouched. */
  s = summarize (f, ana, t + 5 * 60);
  g_assert_cmpuint (s->id, ==, ana);
  g_assert_cmpint (s->created_at, ==, t);
  g_assert_cmpstr (s->name, ==, "Ana Silva");
  g_assert_cmpstr (s->company, ==, "Northbeam");
  g_assert_cmpstr (s->email, ==, "ana@northbeam.io");
  g_assert_cmpstr (s->source, ==, "Manual");
  g_assert_null (s->stage);
  g_assert_cmpstr (s->status, ==, "New");
  g_assert_cmpstr (s->owner, ==, "Sophie Martin");
  g_assert_cmpstr (s->policy, ==, "Demo requests");
  /* In EMEA: 20 fit points; not through chat: no engagement. */
  g_assert_cmpfloat (s->fit, ==, 20);
  g_assert_cmpfloat (s->engagement, ==, 0);
  g_assert_cmpfloat (s->total, ==, 20);
  g_assert_cmpint (s->ttft, ==, -1);
  g_assert_false (s->breached);
  lw_lead_summary_free (s);

  /* Past 10:30 in Paris, still untouched: breached. */
  s = summarize (f, ana, T ("2026-03-16T09:31:00Z"));
  g_assert_true (s->breached);
  lw_lead_summary_free (s);

  /* Ben came through chat (5 engagement points), went to the fallback
   * owner, on the content policy; touched 20 minutes after assignment. */
  touch (f, ben, t + 20 * 60, NULL);
  s = summarize (f, ben, T ("2026-03-16T12:00:00Z"));
  g_assert_cmpstr (s->name, ==, "Ben");
  g_assert_null (s->company);
  g_assert_null (s->email);
  g_assert_null (s->status);
  g_assert_cmpstr (s->source, ==, "Chat");
  g_assert_cmpstr (s->owner, ==, "Jake Miller");
  g_assert_cmpstr (s->policy, ==, "Content leads");
  g_assert_cmpfloat (s->fit, ==, 0);
  g_assert_cmpfloat (s->engagement, ==, 5);
  g_assert_cmpint (s->ttft, ==, 20 * 60);
  /* Touched within its 120 minutes: never breached, however late we look. */
  g_assert_false (s->breached);
  lw_lead_summary_free (s);

  /* Touched after the deadline: the breach stays on the record. */
  touch (f, ana, T ("2026-03-16T09:40:00Z"), NULL);
  s = summarize (f, ana, T ("2026-03-16T10:00:00Z"));
  g_assert_true (s->breached);
  g_assert_cmpint (s->ttft, ==, 40 * 60);
  lw_lead_summary_free (s);
}

static void
test_list_sort_search (Fixture       *f,
                       gconstpointer  data)
{
  LwTime t = T ("2026-03-16T09:00:00Z");

  add_lead (f, "sophie", NULL, t, "first_name=Ana", "last_name=Silva", "company=Northbeam",
            "email=ana@northbeam.io", "region=EMEA", "conversion=demo", NULL);
  add_lead (f, "jake", NULL, t + 60, "first_name=Ben", "last_name=Ode", "company=Acme", "email=ben@acme.com",
            "region=NA", "conversion=content", "source=chat", NULL);
  add_lead (f, "lukas", NULL, t + 120, "first_name=Chen", "last_name=Li", "region=EMEA", "conversion=demo", NULL);
  touch (f, 2, t + 60 + 300, NULL);

  ASSERT_IDS (f, LW_LEAD_COLUMN_ID, FALSE, NULL, "1,2,3");
  ASSERT_IDS (f, LW_LEAD_COLUMN_ID, TRUE, NULL, "3,2,1");
  ASSERT_IDS (f, LW_LEAD_COLUMN_NAME, FALSE, NULL, "1,2,3");
  ASSERT_IDS (f, LW_LEAD_COLUMN_NAME, TRUE, NULL, "3,2,1");
  /* Chen has no company: before every company. */
  ASSERT_IDS (f, LW_LEAD_COLUMN_COMPANY, FALSE, NULL, "3,2,1");
  /* Jake Miller, Lukas Weber, Sophie Martin. */
  ASSERT_IDS (f, LW_LEAD_COLUMN_OWNER, FALSE, NULL, "2,3,1");
  /* Ben 5, Ana 20, Chen 20: ties by id, ascending either way. */
  ASSERT_IDS (f, LW_LEAD_COLUMN_TOTAL, FALSE, NULL, "2,1,3");
  ASSERT_IDS (f, LW_LEAD_COLUMN_TOTAL, TRUE, NULL, "1,3,2");
  /* The untouched are slower than any touched lead. */
  ASSERT_IDS (f, LW_LEAD_COLUMN_TTFT, FALSE, NULL, "2,1,3");
  ASSERT_IDS (f, LW_LEAD_COLUMN_CREATED, TRUE, NULL, "3,2,1");

  /* A part of a name, company, email or owner, in any case. */
  ASSERT_IDS (f, LW_LEAD_COLUMN_ID, FALSE, "NORTH", "1");
  ASSERT_IDS (f, LW_LEAD_COLUMN_ID, FALSE, "acme.com", "2");
  ASSERT_IDS (f, LW_LEAD_COLUMN_ID, FALSE, "miller", "2");
  ASSERT_IDS (f, LW_LEAD_COLUMN_ID, FALSE, "  li  ", "3");
  /* A number is an id. */
  ASSERT_IDS (f, LW_LEAD_COLUMN_ID, FALSE, "#2", "2");
  ASSERT_IDS (f, LW_LEAD_COLUMN_ID, FALSE, "3", "3");
  ASSERT_IDS (f, LW_LEAD_COLUMN_ID, FALSE, "42", "");
  /* Nothing, or blanks: every lead; no match: none. */
  ASSERT_IDS (f, LW_LEAD_COLUMN_ID, FALSE, "   ", "1,2,3");
  ASSERT_IDS (f, LW_LEAD_COLUMN_ID, FALSE, "", "1,2,3");
  ASSERT_IDS (f, LW_LEAD_COLUMN_ID, FALSE, "#abc", "");
  /* Chen Li, with Lukas Weber, has no "o" anywhere. */
  ASSERT_IDS (f, LW_LEAD_COLUMN_NAME, TRUE, "o", "2,1");
}

static void
test_list_empty (Fixture       *f,
                 gconstpointer  data)
{
  ASSERT_IDS (f, LW_LEAD_COLUMN_ID, FALSE, NULL, "");
  ASSERT_IDS (f, LW_LEAD_COLUMN_TTFT, TRUE, "ana", "");
}

static void
test_properties_that_matter (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GPtrArray) props = lw_live_view_properties_that_matter (f->config);
  g_autoptr(LwConfig) none = lw_config_copy (f->config);
  g_autoptr(GPtrArray) empty = NULL;

  /* The scoring looks at the source (a built-in, first in the catalogue),
   * routing at the region, the SLA policies at the conversion. The name,
   * company and email are asked anyway. */
  g_assert_cmpuint (props->len, ==, 3);
  g_assert_cmpstr (((const LwProperty *) g_ptr_array_index (props, 0))->id, ==, "source");
  g_assert_cmpstr (((const LwProperty *) g_ptr_array_index (props, 1))->id, ==, "region");
  g_assert_cmpstr (((const LwProperty *) g_ptr_array_index (props, 2))->id, ==, "conversion");

  /* Rules that look at nothing: nothing more to ask. */
  g_ptr_array_set_size (none->rules, 0);
  g_ptr_array_set_size (none->policies, 0);
  g_ptr_array_set_size (none->scoring.fit.criteria, 0);
  g_ptr_array_set_size (none->scoring.engagement.criteria, 0);
  empty = lw_live_view_properties_that_matter (none);
  g_assert_cmpuint (empty->len, ==, 0);
}

/* ---- open clocks ------------------------------------------------------------------------ */

static void
test_open_timers (Fixture       *f,
                  gconstpointer  data)
{
  LwTime t = T ("2026-03-16T09:00:00Z");
  LwTime now = T ("2026-03-16T09:10:00Z");
  g_autoptr(GPtrArray) leads = NULL;
  g_autoptr(GPtrArray) timers = NULL;
  g_autoptr(GPtrArray) two = NULL;
  g_autoptr(GError) error = NULL;
  const LwLiveTimer *timer;
  gint64 a, b, c, d, e;

  /* A: 10:00 Paris, due 10:30 (09:30Z). B: 09:30 Paris, due 10:00
   * (09:00Z), overdue. C: touched. D: on "bad timing" from the start, its
   * clock stands still with 30 minutes on it. E: content, due 11:00Z. */
  a = add_lead (f, "sophie", NULL, t, "first_name=Ana", "last_name=Silva", "company=Northbeam",
                "region=EMEA", "conversion=demo", NULL);
  b = add_lead (f, "sophie", NULL, T ("2026-03-16T08:30:00Z"), "first_name=Ben", "region=EMEA",
                "conversion=demo", NULL);
  c = add_lead (f, "sophie", NULL, t, "first_name=Chen", "region=EMEA", "conversion=demo", NULL);
  d = add_lead (f, "sophie", "bad-timing", t, "first_name=Dana", "region=EMEA", "conversion=demo", NULL);
  e = add_lead (f, "jake", NULL, t, "first_name=Eve", "region=NA", "conversion=content", NULL);
  touch (f, c, t + 60, NULL);

  leads = lw_store_list_live_leads (f->store, FALSE, &error);
  g_assert_no_error (error);
  timers = lw_live_view_open_timers (f->config, leads, now, 0);
  g_assert_cmpuint (timers->len, ==, 4);

  timer = g_ptr_array_index (timers, 0);
  g_assert_cmpint (timer->lead, ==, b);
  g_assert_cmpint (timer->run, ==, 0);
  g_assert_cmpint (timer->state, ==, LW_LIVE_OVERDUE);
  g_assert_cmpint (timer->deadline, ==, T ("2026-03-16T09:00:00Z"));
  g_assert_cmpint (timer->left, ==, -10 * 60);
  g_assert_cmpstr (timer->name, ==, "Ben");

  timer = g_ptr_array_index (timers, 1);
  g_assert_cmpint (timer->lead, ==, a);
  g_assert_cmpint (timer->state, ==, LW_LIVE_RUNNING);
  g_assert_cmpint (timer->deadline, ==, T ("2026-03-16T09:30:00Z"));
  g_assert_cmpint (timer->left, ==, 20 * 60);
  g_assert_cmpstr (timer->name, ==, "Ana Silva (Northbeam)");
  g_assert_cmpstr (timer->owner, ==, "Sophie Martin");
  g_assert_cmpstr (timer->policy, ==, "Demo requests");

  timer = g_ptr_array_index (timers, 2);
  g_assert_cmpint (timer->lead, ==, e);
  g_assert_cmpint (timer->deadline, ==, T ("2026-03-16T11:00:00Z"));
  g_assert_cmpint (timer->left, ==, 110 * 60);
  g_assert_cmpstr (timer->owner, ==, "Jake Miller");

  timer = g_ptr_array_index (timers, 3);
  g_assert_cmpint (timer->lead, ==, d);
  g_assert_cmpint (timer->state, ==, LW_LIVE_PAUSED);
  g_assert_cmpint (timer->deadline, ==, G_MAXINT64);
  g_assert_cmpint (timer->left, ==, 30 * 60);

  /* At most two. */
  two = lw_live_view_open_timers (f->config, leads, now, 2);
  g_assert_cmpuint (two->len, ==, 2);
  g_assert_cmpint (((const LwLiveTimer *) g_ptr_array_index (two, 0))->lead, ==, b);
  g_assert_cmpint (((const LwLiveTimer *) g_ptr_array_index (two, 1))->lead, ==, a);
}

static void
test_run_timers (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(LwConfig) config = lw_test_load_sample ();
  g_autofree char *scenario_path = lw_test_sample_path ("inbound-scenario.json");
  g_autofree char *scenario_json = NULL;
  g_autoptr(LwScenario) scenario = NULL;
  g_autoptr(LwSimulation) simulation = NULL;
  g_autoptr(GPtrArray) timers = NULL;
  g_autoptr(GPtrArray) limited = NULL;
  g_autoptr(GArray) expected = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LwRunInfo) info = NULL;
  LwSimOptions options = LW_SIM_OPTIONS_INIT;
  LwStoreFilter filter = LW_STORE_FILTER_INIT;
  gint64 run = 0, revision;
  LwTime at = 0;

  g_assert_true (g_file_get_contents (scenario_path, &scenario_json, NULL, &error));
  scenario = lw_scenario_load_data (scenario_json, -1, scenario_path, NULL, &error);
  g_assert_no_error (error);
  options.leads = 400;
  options.days = 2;
  options.seed = 11;
  simulation = lw_simulation_new (config, scenario, &options, &error);
  g_assert_no_error (error);
  revision = lw_store_save_config (f->store, config, "sample", 1700000000, &error);
  g_assert_no_error (error);
  lw_simulate_into_store (f->store, simulation, scenario, revision, scenario_json, 1700000000,
                          NULL, NULL, NULL, &run, &error);
  g_assert_no_error (error);

  /* A finished run: its clocks open at its end, as the store counts them. */
  timers = lw_live_view_run_timers (f->store, run, 0, &at, &error);
  g_assert_no_error (error);
  info = lw_store_get_run (f->store, run, &error);
  g_assert_no_error (error);
  g_assert_cmpint (at, ==, info->sim_start + 2 * LW_DAY);
  filter.run = run;
  expected = lw_store_query_open_timers (f->store, &filter, at, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (timers->len, ==, expected->len);
  g_assert_cmpuint (timers->len, >, 0);
  for (guint i = 0; i < timers->len; i++)
    {
      const LwLiveTimer *timer = g_ptr_array_index (timers, i);
      const LwOpenTimer *open = &g_array_index (expected, LwOpenTimer, i);

      g_assert_cmpint (timer->run, ==, run);
      g_assert_cmpint (timer->lead, ==, open->lead);
      g_assert_cmpint (timer->deadline, ==, open->deadline);
      g_assert_cmpint (timer->left, ==, open->deadline - at);
      g_assert_cmpint (timer->left, >, 0);
      /* Named from the run's rule set. */
      g_assert_nonnull (timer->name);
      g_assert_nonnull (timer->owner);
      g_assert_nonnull (timer->policy);
      if (i > 0)
        g_assert_cmpint (timer->deadline, >=, ((const LwLiveTimer *) g_ptr_array_index (timers, i - 1))->deadline);
    }

  limited = lw_live_view_run_timers (f->store, run, 1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (limited->len, ==, 1);

  /* No such run. */
  g_assert_null (lw_live_view_run_timers (f->store, run + 100, 0, NULL, &error));
  g_assert_error (error, LW_STORE_ERROR, LW_STORE_ERROR_NOT_FOUND);
}

/* A run going on: its clocks at its newest lead's creation, the latest
 * instant its simulated clock surely reached. */
static void
test_run_timers_running (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(LwConfig) config = lw_test_load_sample ();
  g_autoptr(GPtrArray) timers = NULL;
  g_autoptr(GError) error = NULL;
  const LwRep *rep = g_ptr_array_index (config->reps, 0);
  const LwSlaPolicy *policy = g_ptr_array_index (config->policies, 0);
  LwTime start = T ("2026-03-16T00:00:00Z");
  LwRunParams params = { 0, };
  LwStoredLead leads[3];
  const LwLiveTimer *timer;
  LwTime at = 0;
  gint64 run;

  params.revision = lw_store_save_config (f->store, config, "sample", start, &error);
  g_assert_no_error (error);
  params.config = config;
  params.leads = 3;
  params.days = 1;
  params.sim_start = start;
  params.started_at = start;
  run = lw_store_begin_run (f->store, &params, &error);
  g_assert_no_error (error);

  /* 1: due 10 minutes after 01:00, overdue at 02:00 (not open by the
   * store's count); 2: the newest, at 02:00, due at 03:00; 3: touched. */
  memset (leads, 0, sizeof leads);
  for (guint i = 0; i < 3; i++)
    {
      leads[i].id = i + 1;
      leads[i].source = leads[i].stage = leads[i].max_stage = leads[i].status = -1;
      leads[i].rule = leads[i].pool = -1;
      leads[i].owner = leads[i].routed_rep = leads[i].sla_rep = 0;
      leads[i].policy = 0;
      leads[i].ttft = -1;
    }
  leads[0].created_at = leads[0].assigned_at = start + LW_HOUR;
  leads[0].deadline = start + LW_HOUR + 10 * LW_MINUTE;
  leads[1].created_at = leads[1].assigned_at = start + 2 * LW_HOUR;
  leads[1].deadline = start + 3 * LW_HOUR;
  leads[2].created_at = leads[2].assigned_at = start + 30 * LW_MINUTE;
  leads[2].first_touch_at = start + 35 * LW_MINUTE;
  leads[2].deadline = start + 40 * LW_MINUTE;
  leads[2].ttft = 5 * LW_MINUTE;
  g_assert_true (lw_store_append_leads (f->store, run, leads, 3, &error));
  g_assert_no_error (error);

  timers = lw_live_view_run_timers (f->store, run, 0, &at, &error);
  g_assert_no_error (error);
  g_assert_cmpint (at, ==, start + 2 * LW_HOUR);
  g_assert_cmpuint (timers->len, ==, 1);
  timer = g_ptr_array_index (timers, 0);
  g_assert_cmpint (timer->run, ==, run);
  g_assert_cmpint (timer->lead, ==, 2);
  g_assert_cmpint (timer->deadline, ==, start + 3 * LW_HOUR);
  g_assert_cmpint (timer->left, ==, LW_HOUR);
  /* No properties recorded: named by number, owner and policy from the
   * run's rule set. */
  g_assert_cmpstr (timer->name, ==, "Lead 2");
  g_assert_cmpstr (timer->owner, ==, rep->name);
  g_assert_cmpstr (timer->policy, ==, policy->label);
}

/* ---- the story -------------------------------------------------------------------------------- */

static void
assert_entry (const LwLiveStory *story,
              guint              i,
              LwTime             at,
              const char        *text,
              const char        *detail)
{
  const LwLiveStoryEntry *entry;

  g_assert_cmpuint (i, <, story->timeline->len);
  entry = g_ptr_array_index (story->timeline, i);
  g_assert_cmpint (entry->at, ==, at);
  g_assert_cmpstr (entry->text, ==, text);
  g_assert_cmpstr (entry->detail, ==, detail);
}

static void
test_story (Fixture       *f,
            gconstpointer  data)
{
  LwTime t = T ("2026-03-16T09:00:00Z");
  g_autoptr(LwLiveStory) story = NULL;
  g_autoptr(LwLiveStory) later = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  id = add_lead (f, "sophie", NULL, t, "first_name=Ana", "last_name=Silva", "company=Northbeam",
                 "email=ana@northbeam.io", "region=EMEA", "conversion=demo", NULL);

  /* 09:45Z, untouched: warned at 09:20Z, breached at 09:30Z. */
  story = lw_live_story_load (f->store, f->config, id, T ("2026-03-16T09:45:00Z"), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (story->name, ==, "Ana Silva");
  g_assert_cmpstr (story->company, ==, "Northbeam");
  g_assert_cmpstr (story->email, ==, "ana@northbeam.io");
  g_assert_cmpstr (story->source, ==, "Manual");
  g_assert_cmpint (story->clock.state, ==, LW_LIVE_OVERDUE);
  g_assert_cmpint (story->clock.left, ==, -15 * 60);
  g_assert_cmpstr (story->clock.policy->id, ==, "demo");
  g_assert_cmpstr (story->clock.owner->id, ==, "sophie");
  g_assert_cmpfloat (story->score.total, ==, 20);
  g_assert_cmpuint (story->score.items->len, ==, 2);
  g_assert_cmpuint (story->touches->len, ==, 0);
  g_assert_cmpuint (story->properties->len, ==, 6);
  g_assert_cmpstr (g_ptr_array_index (story->properties, 0), ==, "First name: Ana");
  g_assert_cmpstr (g_ptr_array_index (story->properties, 4), ==, "Region: EMEA");
  g_assert_cmpstr (g_ptr_array_index (story->properties, 5), ==, "Conversion: Demo request");
  g_assert_cmpuint (story->timeline->len, ==, 4);
  assert_entry (story, 0, t, "Created", "Manual");
  assert_entry (story, 1, t, "Assigned to Sophie Martin by the routing rules", NULL);
  assert_entry (story, 2, T ("2026-03-16T09:20:00Z"), "SLA “Demo requests” warning", NULL);
  assert_entry (story, 3, T ("2026-03-16T09:30:00Z"), "SLA “Demo requests” breached", NULL);

  /* Called at 09:40Z, set to "attempting" at 09:41Z, looked at 09:50Z. */
  touch (f, id, T ("2026-03-16T09:40:00Z"), "Left a voicemail");
  g_assert_true (lw_live_set_status (f->store, f->config, id, "attempting", T ("2026-03-16T09:41:00Z"),
                                     T ("2026-03-16T09:41:00Z"), &error));
  g_assert_no_error (error);
  later = lw_live_story_load (f->store, f->config, id, T ("2026-03-16T09:50:00Z"), &error);
  g_assert_no_error (error);
  g_assert_cmpint (later->clock.state, ==, LW_LIVE_LATE);
  g_assert_cmpstr (later->status, ==, "Attempting contact");
  g_assert_cmpuint (later->touches->len, ==, 1);
  g_assert_cmpuint (later->timeline->len, ==, 6);
  assert_entry (later, 4, T ("2026-03-16T09:40:00Z"), "Call by Sophie Martin", "Left a voicemail");
  assert_entry (later, 5, T ("2026-03-16T09:41:00Z"), "Status set to “Attempting contact”", NULL);

  /* No such lead. */
  g_clear_pointer (&story, lw_live_story_free);
  story = lw_live_story_load (f->store, f->config, id + 1, T ("2026-03-16T09:50:00Z"), &error);
  g_assert_null (story);
  g_assert_error (error, LW_STORE_ERROR, LW_STORE_ERROR_NOT_FOUND);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/live-view/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("summarize", test_summarize);
  ADD ("list/sort-and-search", test_list_sort_search);
  ADD ("list/empty", test_list_empty);
  ADD ("properties-that-matter", test_properties_that_matter);
  ADD ("open-timers", test_open_timers);
  ADD ("run-timers", test_run_timers);
  ADD ("run-timers/running", test_run_timers_running);
  ADD ("story", test_story);
#undef ADD

  return g_test_run ();
}
