/* test-simulator.c: the discrete-event simulation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "lw-rng.h"
#include "lw-scenario.h"
#include "lw-simulator.h"
#include "lw-simulator-private.h"
#include "lw-test-utils.h"

/* A small rule set: three SDRs in a weighted pool (3, 2, 1), a desk as
 * the fallback, one calendar SLA of 30 minutes that applies to every lead,
 * fit 30 for US leads, 20 engagement points per pricing-page visit halving
 * every 7 days, MQL at 40. The two %s are extra members of reps a and b. */
static const char *SIMPLE_CONFIG =
  "{\n"
  "  \"format\": \"leadwright-config\",\n"
  "  \"version\": 1,\n"
  "  \"name\": \"Test\",\n"
  "  \"properties\": [\n"
  "    { \"id\": \"email\", \"label\": \"Email\", \"type\": \"email\" },\n"
  "    { \"id\": \"email_domain\", \"label\": \"Email domain\", \"type\": \"string\", \"domainOf\": \"email\" },\n"
  "    { \"id\": \"country\", \"label\": \"Country\", \"type\": \"enum\",\n"
  "      \"options\": [ { \"value\": \"US\", \"label\": \"United States\" }, { \"value\": \"DE\", \"label\": \"Germany\" } ] }\n"
  "  ],\n"
  "  \"activities\": [ { \"id\": \"pricing_page\", \"label\": \"Pricing page visit\" } ],\n"
  "  \"lifecycle\": {\n"
  "    \"stages\": [\n"
  "      { \"id\": \"lead\", \"label\": \"Lead\", \"hubspotValue\": \"lead\", \"owner\": \"marketing\", \"definition\": \"d\", \"nextStep\": \"n\" },\n"
  "      { \"id\": \"mql\", \"label\": \"MQL\", \"hubspotValue\": \"marketingqualifiedlead\", \"owner\": \"sdr\", \"definition\": \"d\", \"nextStep\": \"n\" },\n"
  "      { \"id\": \"sql\", \"label\": \"SQL\", \"hubspotValue\": \"salesqualifiedlead\", \"owner\": \"sdr\", \"definition\": \"d\", \"nextStep\": \"n\",\n"
  "        \"when\": { \"filterGroups\": [ { \"filters\": [ { \"propertyName\": \"lead_status\", \"operator\": \"EQ\", \"value\": \"qualified\" } ] } ] } }\n"
  "    ],\n"
  "    \"statuses\": [\n"
  "      { \"id\": \"new\", \"label\": \"New\", \"hubspotValue\": \"NEW\" },\n"
  "      { \"id\": \"attempting\", \"label\": \"Attempting\", \"hubspotValue\": \"ATTEMPTED_TO_CONTACT\" },\n"
  "      { \"id\": \"connected\", \"label\": \"Connected\", \"hubspotValue\": \"CONNECTED\" },\n"
  "      { \"id\": \"qualified\", \"label\": \"Qualified\", \"hubspotValue\": \"OPEN_DEAL\", \"terminal\": true }\n"
  "    ],\n"
  "    \"paths\": []\n"
  "  },\n"
  "  \"scoring\": {\n"
  "    \"fit\": { \"criteria\": [ { \"id\": \"us\", \"label\": \"US\", \"points\": 30,\n"
  "      \"when\": { \"filterGroups\": [ { \"filters\": [ { \"propertyName\": \"country\", \"operator\": \"EQ\", \"value\": \"US\" } ] } ] } } ] },\n"
  "    \"engagement\": { \"criteria\": [ { \"id\": \"pricing\", \"label\": \"Pricing\", \"activity\": \"pricing_page\", \"points\": 20 } ] },\n"
  "    \"decay\": { \"halfLifeDays\": 7 },\n"
  "    \"mql\": { \"total\": 40 },\n"
  "    \"mqlStage\": \"mql\",\n"
  "    \"grades\": { \"fit\": [ { \"grade\": \"A\" } ], \"engagement\": [ { \"grade\": \"1\" } ] }\n"
  "  },\n"
  "  \"routing\": {\n"
  "    \"rules\": [ { \"id\": \"all\", \"label\": \"Everyone\", \"assign\": { \"type\": \"pool\", \"pool\": \"sdr\" } } ],\n"
  "    \"fallback\": { \"owner\": \"desk\" }\n"
  "  },\n"
  "  \"slas\": [ { \"id\": \"all\", \"label\": \"Every lead\", \"deadlineMinutes\": 30, \"clock\": \"calendar\", \"warnBeforeMinutes\": 10,\n"
  "      \"escalations\": [], \"pauseStatuses\": [] } ],\n"
  "  \"team\": {\n"
  "    \"reps\": [\n"
  "      { \"id\": \"a\", \"name\": \"Ann\", \"email\": \"a@x.com\", \"role\": \"sdr\", \"timeZone\": \"UTC\", \"team\": \"t\", \"workingHours\": {}, \"weight\": 3%s },\n"
  "      { \"id\": \"b\", \"name\": \"Bob\", \"email\": \"b@x.com\", \"role\": \"sdr\", \"timeZone\": \"UTC\", \"team\": \"t\", \"workingHours\": {}, \"capacity\": 0, \"weight\": 2%s },\n"
  "      { \"id\": \"c\", \"name\": \"Cat\", \"email\": \"c@x.com\", \"role\": \"sdr\", \"timeZone\": \"UTC\", \"team\": \"t\", \"workingHours\": {}, \"capacity\": 0, \"weight\": 1 },\n"
  "      { \"id\": \"desk\", \"name\": \"Desk\", \"email\": \"d@x.com\", \"role\": \"revops\", \"timeZone\": \"UTC\", \"team\": \"t\", \"workingHours\": {}, \"capacity\": 0 }\n"
  "    ],\n"
  "    \"teams\": [ { \"id\": \"t\", \"label\": \"Team\", \"manager\": \"desk\" } ],\n"
  "    \"pools\": [ { \"id\": \"sdr\", \"label\": \"SDRs\", \"members\": [\"a\", \"b\", \"c\"], \"weighted\": true,\n"
  "                 \"respectCapacity\": true, \"workingHours\": false, \"outOfOffice\": true } ]\n"
  "  },\n"
  "  \"accounts\": []\n"
  "}\n";

/* Every lead arrives from one high-intent entry point in the US, visits
 * the pricing page as it arrives, and is touched after the %s response
 * distribution on the calendar; worked leads qualify at 50 % × the speed
 * factor (floor 0.1, half-life 30 minutes) an hour and a day after the
 * touch. The other %s are extra members of the scenario. */
static const char *SIMPLE_SCENARIO =
  "{\n"
  "  \"format\": \"leadwright-scenario\",\n"
  "  \"version\": 1,\n"
  "  \"timeZone\": \"UTC\",\n"
  "  \"start\": \"2026-03-02T00:00:00Z\",\n"
  "  \"days\": 30,\n"
  "  \"rescoreDays\": 7,\n"
  "  \"entryPoints\": [ { \"id\": \"web\", \"source\": \"form\", \"intent\": \"high\", \"share\": 1 } ],\n"
  "  \"properties\": { \"country\": { \"weights\": { \"US\": 1 } } },\n"
  "  \"email\": { \"freeShare\": 0 },\n"
  "  \"activities\": [ { \"activity\": \"pricing_page\", \"probability\": 1, \"afterDays\": { \"constant\": 0 } } ],\n"
  "  \"reps\": { \"responseMinutes\": %s, \"workingHoursAdherence\": 0, \"outOfOfficeRate\": 0 },\n"
  "  \"conversion\": { \"speedToLead\": { \"floor\": 0.1, \"halfLifeMinutes\": 30 },\n"
  "    \"sql\": { \"rate\": %s }, \"opportunity\": { \"rate\": 0 }, \"unqualified\": 0, \"badTiming\": 0,\n"
  "    \"connectHours\": { \"constant\": 1 }, \"qualifyDays\": { \"constant\": 1 } }\n"
  "}\n";

/* ---- helpers ------------------------------------------------------------------ */

static LwConfig *
load_simple_config (const char *a_extra,
                    const char *b_extra)
{
  g_autofree char *json = g_strdup_printf (SIMPLE_CONFIG, a_extra, b_extra);

  return lw_test_load_config (json);
}

static LwScenario *
load_scenario_text (const char *json)
{
  g_autoptr(GPtrArray) diagnostics = lw_diagnostics_new ();
  g_autoptr(GError) error = NULL;
  LwScenario *scenario;

  scenario = lw_scenario_load_data (json, -1, "scenario.json", diagnostics, &error);
  for (guint i = 0; scenario == NULL && i < diagnostics->len; i++)
    {
      g_autofree char *text = lw_diagnostic_format (g_ptr_array_index (diagnostics, i));
      g_printerr ("%s\n", text);
    }
  g_assert_no_error (error);
  g_assert_nonnull (scenario);
  return scenario;
}

static LwScenario *
load_simple_scenario (const char *response,
                      const char *sql_rate)
{
  g_autofree char *json = g_strdup_printf (SIMPLE_SCENARIO, response, sql_rate);

  return load_scenario_text (json);
}

static LwScenario *
load_sample_scenario (void)
{
  g_autofree char *path = lw_test_sample_path ("inbound-scenario.json");
  g_autoptr(GError) error = NULL;
  LwScenario *scenario = lw_scenario_load_file (path, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (scenario);
  return scenario;
}

/* What the sink received: events, and the last copy of every lead. */
typedef struct
{
  GArray   *events;      /* LwEvent, detail dropped */
  GArray   *leads;       /* LwSimLead by id - 1, pointers dropped */
  GPtrArray *texts;      /* char *: every property of each lead, by id - 1 */
  guint     lead_calls;
  guint     event_calls;
  GCancellable *cancel_on_events;
} Collected;

static void
collected_init (Collected *c)
{
  memset (c, 0, sizeof *c);
  c->events = g_array_new (FALSE, TRUE, sizeof (LwEvent));
  c->leads = g_array_new (FALSE, TRUE, sizeof (LwSimLead));
  c->texts = g_ptr_array_new_with_free_func (g_free);
}

static void
collected_clear (Collected *c)
{
  g_clear_pointer (&c->events, g_array_unref);
  g_clear_pointer (&c->leads, g_array_unref);
  g_clear_pointer (&c->texts, g_ptr_array_unref);
}

static const LwConfig *collect_config;

static gboolean
collect_leads (const LwSimLead *leads,
               guint            n,
               gpointer         user_data,
               GError         **error)
{
  Collected *c = user_data;

  c->lead_calls++;
  g_assert_cmpuint (n, >, 0);
  g_assert_cmpuint (n, <=, LW_SIM_BATCH_SIZE);
  for (guint i = 0; i < n; i++)
    {
      LwSimLead copy = leads[i];
      GString *text = g_string_new (NULL);

      g_assert_nonnull (leads[i].lead);
      for (guint p = LW_N_BUILTINS; collect_config != NULL && p < collect_config->properties->len; p++)
        {
          g_autofree char *value = lw_lead_dup_text (leads[i].lead, collect_config, p);
          g_string_append_printf (text, "%s;", value != NULL ? value : "-");
        }
      g_string_append_printf (text, "%" G_GINT64_FORMAT ";%d;%u", leads[i].created_at,
                              leads[i].entry_point, leads[i].n_activities);

      copy.email = copy.region = copy.segment = copy.country = NULL;
      copy.lead = NULL;
      copy.stage_at = NULL;
      if (c->leads->len < copy.id)
        {
          g_array_set_size (c->leads, copy.id);
          g_ptr_array_set_size (c->texts, copy.id);
        }
      g_array_index (c->leads, LwSimLead, copy.id - 1) = copy;
      g_free (g_ptr_array_index (c->texts, copy.id - 1));
      g_ptr_array_index (c->texts, copy.id - 1) = g_string_free (text, FALSE);
    }
  return TRUE;
}

static gboolean
collect_events (const LwEvent *events,
                guint          n,
                gpointer       user_data,
                GError       **error)
{
  Collected *c = user_data;

  c->event_calls++;
  for (guint i = 0; i < n; i++)
    {
      LwEvent copy = events[i];

      copy.detail = NULL;
      g_array_append_val (c->events, copy);
    }
  if (c->cancel_on_events != NULL)
    g_cancellable_cancel (c->cancel_on_events);
  return TRUE;
}

static LwSimulation *
run_collecting (const LwConfig     *config,
                LwScenario         *scenario,
                const LwSimOptions *options,
                Collected          *c)
{
  LwSimSink sink = { collect_leads, collect_events, c };
  g_autoptr(GError) error = NULL;
  LwSimulation *sim;

  collect_config = config;
  sim = lw_simulation_new (config, scenario, options, &error);
  g_assert_no_error (error);
  g_assert_true (lw_simulation_run (sim, &sink, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  return sim;
}

/* SHA-256 of every field of every event, in order. */
static char *
digest_events (GArray *events)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);

  for (guint i = 0; i < events->len; i++)
    {
      const LwEvent *e = &g_array_index (events, LwEvent, i);
      gint64 fields[6] = { e->lead, e->kind, e->t, e->rep, e->arg, 0 };

      memcpy (&fields[5], &e->value, sizeof (double));
      g_checksum_update (checksum, (const guchar *) fields, sizeof fields);
    }
  return g_strdup (g_checksum_get_string (checksum));
}

static char *
digest_texts (GPtrArray *texts)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);

  for (guint i = 0; i < texts->len; i++)
    {
      const char *text = g_ptr_array_index (texts, i);

      g_assert_nonnull (text);
      g_checksum_update (checksum, (const guchar *) text, strlen (text) + 1);
    }
  return g_strdup (g_checksum_get_string (checksum));
}

static int
rep_index (const LwConfig *config,
           const char     *id)
{
  const LwRep *rep = lw_config_find_rep (config, id);

  g_assert_nonnull (rep);
  return (int) rep->index;
}

/* ---- the random numbers --------------------------------------------------------- */

/* xoshiro256** seeded through SplitMix64, checked against an independent
 * implementation of the published algorithms (in Python, see lw-rng.c). */
static void
test_rng_reference (void)
{
  LwRng rng;

  lw_rng_init (&rng, 42, 7);
  g_assert_cmphex (lw_rng_next (&rng), ==, G_GUINT64_CONSTANT (0x24bfb39aeb008c15));
  g_assert_cmphex (lw_rng_next (&rng), ==, G_GUINT64_CONSTANT (0xd858489e7fc02496));
  g_assert_cmphex (lw_rng_next (&rng), ==, G_GUINT64_CONSTANT (0x3deebe24036964f3));

  lw_rng_init (&rng, 0, 0);
  g_assert_cmphex (lw_rng_next (&rng), ==, G_GUINT64_CONSTANT (0xfb5405f7bd79c540));

  /* The top 53 bits, scaled. */
  lw_rng_init (&rng, 42, 7);
  g_assert_cmpfloat (lw_rng_uniform (&rng), ==,
                     (double) (G_GUINT64_CONSTANT (0x24bfb39aeb008c15) >> 11) / 9007199254740992.0);
}

static void
test_rng_samplers (void)
{
  double cumulative[4] = { 0, 2, 2, 3 };  /* weights 0, 2, 0, 1 */
  guint counts[4] = { 0, };
  double sum = 0, sum2 = 0, log_sum = 0;
  guint64 poisson = 0;
  guint n = 20000;
  LwRng rng;

  lw_rng_init (&rng, 5, 1);
  for (guint i = 0; i < n; i++)
    {
      double x = lw_rng_normal (&rng, 10, 2);
      guint64 k = lw_rng_below (&rng, 7);

      g_assert_cmpuint (k, <, 7);
      sum += x;
      sum2 += x * x;
      log_sum += log (lw_rng_lognormal (&rng, 30, 1));
      poisson += lw_rng_poisson (&rng, 3.5);
      counts[lw_rng_categorical (&rng, cumulative, 4)]++;
    }

  /* Means within five standard errors. */
  g_assert_cmpfloat (fabs (sum / n - 10), <, 5 * 2 / sqrt (n));
  g_assert_cmpfloat (fabs (sqrt (sum2 / n - (sum / n) * (sum / n)) - 2), <, 0.1);
  g_assert_cmpfloat (fabs (log_sum / n - log (30)), <, 5 * 1 / sqrt (n));
  g_assert_cmpfloat (fabs ((double) poisson / n - 3.5), <, 5 * sqrt (3.5 / n));
  /* Zero weights are never drawn; the others 2 : 1. */
  g_assert_cmpuint (counts[0], ==, 0);
  g_assert_cmpuint (counts[2], ==, 0);
  g_assert_cmpfloat (fabs (counts[1] / (double) n - 2.0 / 3), <, 0.02);

  g_assert_cmpuint (lw_rng_below (&rng, 0), ==, 0);
  g_assert_cmpuint (lw_rng_poisson (&rng, 0), ==, 0);
  g_assert_cmpfloat (fabs ((double) lw_rng_poisson (&rng, 1e4) - 1e4), <, 600);
}

/* ---- determinism ----------------------------------------------------------------- */

static void
test_determinism (void)
{
  g_autoptr(LwConfig) config = lw_test_load_sample ();
  g_autoptr(LwScenario) scenario = load_sample_scenario ();
  LwSimOptions options = LW_SIM_OPTIONS_INIT;
  Collected first, second, other;
  g_autoptr(LwSimulation) sim1 = NULL;
  g_autoptr(LwSimulation) sim2 = NULL;
  g_autoptr(LwSimulation) sim3 = NULL;
  g_autofree char *d1 = NULL, *d2 = NULL, *d3 = NULL;
  g_autofree char *t1 = NULL, *t2 = NULL;
  LwTime last = G_MININT64;

  options.leads = 2000;
  options.seed = 7;
  collected_init (&first);
  collected_init (&second);
  collected_init (&other);

  sim1 = run_collecting (config, scenario, &options, &first);
  sim2 = run_collecting (config, scenario, &options, &second);
  options.seed = 8;
  sim3 = run_collecting (config, scenario, &options, &other);

  g_assert_cmpuint (first.events->len, >, 2000 * 5);
  g_assert_cmpuint (first.events->len, ==, lw_simulation_get_summary (sim1)->events);
  d1 = digest_events (first.events);
  d2 = digest_events (second.events);
  d3 = digest_events (other.events);
  g_assert_cmpstr (d1, ==, d2);
  g_assert_cmpstr (d1, !=, d3);

  t1 = digest_texts (first.texts);
  t2 = digest_texts (second.texts);
  g_assert_cmpstr (t1, ==, t2);

  /* Every lead came once, at the end of a fast run; events in time order. */
  g_assert_cmpuint (first.leads->len, ==, 2000);
  g_assert_cmpuint (first.lead_calls, ==, 1);
  for (guint i = 0; i < first.events->len; i++)
    {
      const LwEvent *e = &g_array_index (first.events, LwEvent, i);

      g_assert_cmpint (e->t, >=, last);
      g_assert_cmpuint (e->lead, >=, 1);
      g_assert_cmpuint (e->lead, <=, 2000);
      last = e->t;
    }

  collected_clear (&first);
  collected_clear (&second);
  collected_clear (&other);
}

/* Leads are processed by time, then lead id, whatever the queue of timers
 * does inside: over a month of nights and weekends (its buckets empty and
 * refilled, leads arriving before the bucket it reached), every event of a
 * lead comes while that lead is processed, so events are in (time, lead)
 * order; each first touch follows an assignment and comes once, and nine
 * in ten assigned leads are touched within the month. (Whether the queue
 * loses or reorders a timer, /simulator/run/queue-shapes checks.) */
static void
test_event_order (void)
{
  g_autoptr(LwConfig) config = lw_test_load_sample ();
  g_autoptr(LwScenario) scenario = load_sample_scenario ();
  LwSimOptions options = LW_SIM_OPTIONS_INIT;
  g_autoptr(LwSimulation) sim = NULL;
  g_autofree guint8 *seen = NULL;
  Collected c;
  LwTime last_t = G_MININT64;
  guint32 last_lead = 0;
  guint assigned = 0, touched = 0;

  options.leads = 20000;
  options.days = 30;
  options.seed = 11;
  collected_init (&c);
  sim = run_collecting (config, scenario, &options, &c);
  seen = g_new0 (guint8, options.leads + 1);

  for (guint i = 0; i < c.events->len; i++)
    {
      const LwEvent *e = &g_array_index (c.events, LwEvent, i);

      if (e->t == last_t && e->lead < last_lead)
        g_error ("event %u: lead %u at %" G_GINT64_FORMAT " after lead %u at the same time",
                 i, e->lead, e->t, last_lead);
      g_assert_cmpint (e->t, >=, last_t);
      last_t = e->t;
      last_lead = e->lead;
      if (e->kind == LW_EVENT_ASSIGNED && !(seen[e->lead] & 1))
        {
          seen[e->lead] |= 1;
          assigned++;
        }
      if (e->kind == LW_EVENT_FIRST_TOUCH)
        {
          g_assert_true (seen[e->lead] & 1);
          g_assert_false (seen[e->lead] & 2);
          seen[e->lead] |= 2;
          touched++;
        }
    }
  g_assert_cmpuint (c.leads->len, ==, 20000);
  g_assert_cmpuint (assigned, >, 10000);
  g_assert_cmpuint (touched, ==, lw_simulation_get_summary (sim)->touched);
  g_assert_cmpuint (touched, >, assigned * 9 / 10);
  collected_clear (&c);
}

/* A delay drawn from a distribution that can go below zero (a bell curve
 * around creation) is drawn once and clamped: no activity after creation
 * comes before the lead was created, and none is lost to a second draw. */
static void
test_delays_drawn_once (void)
{
  g_autoptr(LwConfig) config = lw_test_load_sample ();
  g_autoptr(LwScenario) scenario = load_sample_scenario ();
  LwSimOptions options = LW_SIM_OPTIONS_INIT;
  g_autoptr(LwSimulation) sim = NULL;
  g_autofree LwTime *created = NULL;
  Collected c;
  guint n_activities = 0, at_creation = 0;

  for (guint m = 0; m < scenario->activities->len; m++)
    {
      LwActivityModel *model = g_ptr_array_index (scenario->activities, m);

      model->before_share = 0;
      model->after_days = (LwNumberDist) { .kind = LW_NUMBER_NORMAL, .a = 0.5, .b = 1.0 };
    }
  options.leads = 3000;
  options.days = 30;
  options.seed = 5;
  collected_init (&c);
  sim = run_collecting (config, scenario, &options, &c);
  created = g_new0 (LwTime, options.leads + 1);

  for (guint i = 0; i < c.events->len; i++)
    {
      const LwEvent *e = &g_array_index (c.events, LwEvent, i);

      if (e->kind == LW_EVENT_CREATED)
        created[e->lead] = e->t;
      else if (e->kind == LW_EVENT_ACTIVITY)
        {
          g_assert_cmpint (created[e->lead], !=, 0);
          g_assert_cmpint (e->t, >=, created[e->lead]);
          n_activities++;
          at_creation += e->t == created[e->lead];
        }
    }
  /* A bell curve around half a day: about 31 % of the draws are below
   * zero and happen as the lead is created. */
  g_assert_cmpuint (n_activities, >, 1000);
  g_assert_cmpuint (at_creation, >, n_activities / 5);
  g_assert_cmpuint (at_creation, <, n_activities / 2);
  collected_clear (&c);
}

/* The timer queue's shape changes nothing: one bucket (a plain binary
 * heap), the default, and 1-second buckets as far as 2^16 of them reach
 * (later timers all in the last bucket) give the same events. */
static void
test_queue_shapes (void)
{
  g_autoptr(LwConfig) config = lw_test_load_sample ();
  g_autoptr(LwScenario) scenario = load_sample_scenario ();
  LwSimOptions options = LW_SIM_OPTIONS_INIT;
  const guint shapes[][2] = { { 31, 1 }, { 6, 4096 }, { 0, 65536 }, { 12, 3 } };
  g_autofree char *expected = NULL;

  options.leads = 10000;
  options.days = 21;
  options.seed = 3;
  for (guint k = 0; k < G_N_ELEMENTS (shapes); k++)
    {
      LwSimSink sink;
      g_autoptr(LwSimulation) sim = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *digest = NULL;
      Collected c;

      collected_init (&c);
      sink = (LwSimSink) { collect_leads, collect_events, &c };
      collect_config = config;
      sim = lw_simulation_new (config, scenario, &options, &error);
      g_assert_no_error (error);
      _lw_simulation_set_queue_shape (sim, shapes[k][0], shapes[k][1]);
      g_assert_true (lw_simulation_run (sim, &sink, NULL, NULL, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (c.events->len, >, 10000 * 5);
      digest = digest_events (c.events);
      if (expected == NULL)
        expected = g_steal_pointer (&digest);
      else
        g_assert_cmpstr (digest, ==, expected);
      collected_clear (&c);
    }
}

/* The leads depend on the scenario and the seed only: another rule set
 * sees the very same leads, and does different things with them. */
static void
test_leads_independent_of_config (void)
{
  g_autoptr(LwConfig) config = lw_test_load_sample ();
  g_autoptr(LwConfig) changed = lw_config_copy (config);
  g_autoptr(LwScenario) scenario = load_sample_scenario ();
  g_autoptr(GPtrArray) diagnostics = lw_diagnostics_new ();
  LwSimOptions options = LW_SIM_OPTIONS_INIT;
  Collected a, b;
  g_autoptr(LwSimulation) sim_a = NULL;
  g_autoptr(LwSimulation) sim_b = NULL;
  g_autofree char *ta = NULL, *tb = NULL, *ea = NULL, *eb = NULL;

  /* A lower MQL threshold, no account-owner rule, and a policy less. */
  changed->scoring.mql_total = 25;
  g_ptr_array_remove_index (changed->rules, 0);
  g_ptr_array_remove_index (changed->policies, 2);
  g_assert_true (lw_config_bind (changed, diagnostics));

  options.leads = 1500;
  options.seed = 11;
  collected_init (&a);
  collected_init (&b);
  sim_a = run_collecting (config, scenario, &options, &a);
  sim_b = run_collecting (changed, scenario, &options, &b);

  ta = digest_texts (a.texts);
  tb = digest_texts (b.texts);
  g_assert_cmpstr (ta, ==, tb);
  ea = digest_events (a.events);
  eb = digest_events (b.events);
  g_assert_cmpstr (ea, !=, eb);
  g_assert_cmpuint (lw_simulation_get_summary (sim_b)->mql, >,
                    lw_simulation_get_summary (sim_a)->mql);

  collected_clear (&a);
  collected_clear (&b);
}

/* ---- conversion falls with response time ------------------------------------------ */

/* Leads created before day 28 have had their outcome (touch + 1 h + 1 d)
 * by the end; count how many of them qualified. */
static guint
count_qualified (Collected *c,
                 LwTime     before,
                 guint     *n)
{
  guint qualified = 0;

  *n = 0;
  for (guint i = 0; i < c->leads->len; i++)
    {
      const LwSimLead *lead = &g_array_index (c->leads, LwSimLead, i);

      if (lead->created_at >= before)
        continue;
      (*n)++;
      qualified += lead->converted;
    }
  return qualified;
}

static void
test_speed_to_lead (void)
{
  g_autoptr(LwConfig) config = load_simple_config (", \"capacity\": 0", "");
  g_autoptr(LwScenario) fast = load_simple_scenario ("{ \"constant\": 10 }", "0.5");
  g_autoptr(LwScenario) slow = load_simple_scenario ("{ \"constant\": 120 }", "0.5");
  LwSimOptions options = LW_SIM_OPTIONS_INIT;
  LwTime before = lw_test_time ("2026-03-30T00:00:00Z");
  Collected cf, cs;
  g_autoptr(LwSimulation) sim_fast = NULL;
  g_autoptr(LwSimulation) sim_slow = NULL;
  guint n_fast, n_slow, q_fast, q_slow;
  /* 0.5 × (0.1 + 0.9 × 0.5^(10/30)) and 0.5 × (0.1 + 0.9 × 0.5^4) */
  double p_fast = 0.5 * (0.1 + 0.9 * 0.7937005259840998);
  double p_slow = 0.5 * (0.1 + 0.9 * 0.0625);

  options.leads = 4000;
  options.seed = 3;
  collected_init (&cf);
  collected_init (&cs);
  sim_fast = run_collecting (config, fast, &options, &cf);
  sim_slow = run_collecting (config, slow, &options, &cs);

  q_fast = count_qualified (&cf, before, &n_fast);
  q_slow = count_qualified (&cs, before, &n_slow);
  g_assert_cmpuint (n_fast, ==, n_slow);
  g_assert_cmpuint (n_fast, >, 3500);

  /* Within five standard deviations of the model's rate. */
  g_assert_cmpfloat (fabs (q_fast - n_fast * p_fast), <, 5 * sqrt (n_fast * p_fast * (1 - p_fast)));
  g_assert_cmpfloat (fabs (q_slow - n_slow * p_slow), <, 5 * sqrt (n_slow * p_slow * (1 - p_slow)));
  /* The slow team qualifies several times fewer leads. */
  g_assert_cmpuint (q_slow * 3, <, q_fast);

  /* Every first touch came exactly 10 (or 120) minutes after assignment. */
  for (guint i = 0; i < cf.leads->len; i++)
    {
      const LwSimLead *lf = &g_array_index (cf.leads, LwSimLead, i);
      const LwSimLead *ls = &g_array_index (cs.leads, LwSimLead, i);

      if (lf->first_touch_at != 0)
        g_assert_cmpint (lf->first_touch_at - lf->assigned_at, ==, 600);
      if (ls->first_touch_at != 0)
        g_assert_cmpint (ls->first_touch_at - ls->assigned_at, ==, 7200);
      /* Same leads on both sides: common random numbers make a slower
       * touch never turn a lost lead into a qualified one. */
      g_assert_cmpint (lf->created_at, ==, ls->created_at);
      if (ls->converted)
        g_assert_true (lf->converted || lf->created_at >= before);
    }

  collected_clear (&cf);
  collected_clear (&cs);
}

/* ---- owners ---------------------------------------------------------------------- */

/* Everyone in the pool is out of office for the whole period: every lead
 * still gets an owner, the fallback. */
static void
test_fallback_owner (void)
{
  const char *away = ", \"capacity\": 0, \"outOfOffice\": [ { \"from\": \"2026-01-01\", \"to\": \"2026-12-31\" } ]";
  g_autofree char *json = NULL;
  g_autoptr(LwConfig) config = NULL;
  g_autoptr(LwScenario) scenario = load_simple_scenario ("{ \"constant\": 10 }", "0.5");
  LwSimOptions options = LW_SIM_OPTIONS_INIT;
  Collected c;
  g_autoptr(LwSimulation) sim = NULL;
  const LwSimSummary *summary;
  int desk;

  /* Cat too: rewrite her line with the same absence. */
  json = g_strdup_printf (SIMPLE_CONFIG, away, ", \"outOfOffice\": [ { \"from\": \"2026-01-01\", \"to\": \"2026-12-31\" } ]");
  {
    g_autofree char *cat_old = g_strdup ("\"capacity\": 0, \"weight\": 1 }");
    g_autofree char *cat_new = g_strdup ("\"capacity\": 0, \"weight\": 1, \"outOfOffice\": [ { \"from\": \"2026-01-01\", \"to\": \"2026-12-31\" } ] }");
    g_auto(GStrv) parts = g_strsplit (json, cat_old, 2);

    g_assert_cmpuint (g_strv_length (parts), ==, 2);
    g_free (json);
    json = g_strjoin (cat_new, parts[0], parts[1], NULL);
  }
  config = lw_test_load_config (json);
  desk = rep_index (config, "desk");

  options.leads = 300;
  options.seed = 1;
  collected_init (&c);
  sim = run_collecting (config, scenario, &options, &c);
  summary = lw_simulation_get_summary (sim);

  g_assert_cmpuint (c.leads->len, ==, 300);
  for (guint i = 0; i < c.leads->len; i++)
    {
      const LwSimLead *lead = &g_array_index (c.leads, LwSimLead, i);

      g_assert_cmpint (lead->owner, ==, desk);
      g_assert_cmpint (lead->routed_rep, ==, desk);
      g_assert_true (lead->fallback);
      g_assert_cmpint (lead->rule, ==, -1);
      g_assert_cmpint (lead->assigned_at, ==, lead->created_at);
    }
  g_assert_cmpuint (summary->routed, ==, 300);
  g_assert_cmpuint (summary->fallback, ==, 300);
  g_assert_cmpuint (summary->reps[desk].routed, ==, 300);
  collected_clear (&c);
}

/* On the sample playbook, every lead that qualifies for routing has an
 * owner, and only those. */
static void
test_sample_owners (void)
{
  g_autoptr(LwConfig) config = lw_test_load_sample ();
  g_autoptr(LwScenario) scenario = load_sample_scenario ();
  LwSimOptions options = LW_SIM_OPTIONS_INIT;
  Collected c;
  g_autoptr(LwSimulation) sim = NULL;
  guint routed = 0;

  options.leads = 1500;
  options.seed = 5;
  collected_init (&c);
  sim = run_collecting (config, scenario, &options, &c);

  for (guint i = 0; i < c.leads->len; i++)
    {
      const LwSimLead *lead = &g_array_index (c.leads, LwSimLead, i);

      if (lead->policy >= 0 || lead->mql)
        {
          g_assert_cmpint (lead->owner, >=, 0);
          g_assert_cmpint (lead->routed_rep, >=, 0);
          g_assert_cmpint (lead->assigned_at, >=, lead->created_at);
        }
      if (lead->owner >= 0)
        routed++;
      else
        g_assert_cmpint (lead->assigned_at, ==, 0);
    }
  g_assert_cmpuint (routed, ==, lw_simulation_get_summary (sim)->routed);
  g_assert_cmpuint (routed, >, 1000);

  /* The funnel adds up the leads' own stage bits; a stage a lead moved on
   * from is one it reached, and never the last. */
  for (guint st = 0; st < config->stages->len; st++)
    {
      const LwSimStageFigures *f = &lw_simulation_get_summary (sim)->stages[st];
      guint64 bit = G_GUINT64_CONSTANT (1) << st;
      guint reached = 0, advanced = 0;

      for (guint i = 0; i < c.leads->len; i++)
        {
          const LwSimLead *lead = &g_array_index (c.leads, LwSimLead, i);

          reached += (lead->reached_stages & bit) != 0;
          advanced += (lead->advanced_stages & bit) != 0;
          if (lead->advanced_stages & bit)
            g_assert_true (lead->reached_stages & bit);
          if (lead->max_stage >= 0)
            g_assert_true (lead->reached_stages & (G_GUINT64_CONSTANT (1) << lead->max_stage));
        }
      g_assert_cmpuint (reached, ==, f->reached);
      g_assert_cmpuint (advanced, ==, f->advanced);
      g_assert_cmpuint (f->entered, <=, f->reached);
      if (st + 1 == config->stages->len)
        g_assert_cmpuint (advanced, ==, 0);
    }
  collected_clear (&c);
}

/* Smooth weighted round robin, 3 : 2 : 1, exactly. */
static void
test_round_robin_weights (void)
{
  g_autoptr(LwConfig) config = load_simple_config (", \"capacity\": 0", "");
  g_autoptr(LwScenario) scenario = load_simple_scenario ("{ \"constant\": 10 }", "0.5");
  LwSimOptions options = LW_SIM_OPTIONS_INIT;
  Collected c;
  g_autoptr(LwSimulation) sim = NULL;
  const LwSimSummary *summary;

  options.leads = 601;
  options.seed = 9;
  collected_init (&c);
  sim = run_collecting (config, scenario, &options, &c);
  summary = lw_simulation_get_summary (sim);

  /* 601 picks of a round of 6: 100 full rounds and one pick, which goes to
   * the heaviest member. */
  g_assert_cmpuint (summary->reps[rep_index (config, "a")].routed, ==, 301);
  g_assert_cmpuint (summary->reps[rep_index (config, "b")].routed, ==, 200);
  g_assert_cmpuint (summary->reps[rep_index (config, "c")].routed, ==, 100);
  g_assert_cmpuint (summary->fallback, ==, 0);
  collected_clear (&c);
}

/* Ann has a daily cap of 5, Bob is out of office on 4-6 March: day by day,
 * Ann never gets more than 5 (and gets 5 every day: about 30 leads arrive
 * a day), Bob gets nothing while away, and the rest is shared 2 : 1. */
static void
test_round_robin_caps_and_absence (void)
{
  g_autoptr(LwConfig) config = load_simple_config (", \"capacity\": 5",
                                                   ", \"outOfOffice\": [ { \"from\": \"2026-03-04\", \"to\": \"2026-03-06\" } ]");
  g_autoptr(LwScenario) scenario = load_simple_scenario ("{ \"constant\": 10 }", "0.5");
  LwSimOptions options = LW_SIM_OPTIONS_INIT;
  LwTime start = lw_test_time ("2026-03-02T00:00:00Z");
  Collected c;
  g_autoptr(LwSimulation) sim = NULL;
  guint per_day[30][4] = { { 0, } };
  int a, b, cat;
  guint b_total = 0, c_total = 0;

  options.leads = 900;
  options.seed = 4;
  collected_init (&c);
  sim = run_collecting (config, scenario, &options, &c);
  a = rep_index (config, "a");
  b = rep_index (config, "b");
  cat = rep_index (config, "c");

  for (guint i = 0; i < c.leads->len; i++)
    {
      const LwSimLead *lead = &g_array_index (c.leads, LwSimLead, i);
      guint day = (guint) ((lead->assigned_at - start) / LW_DAY);

      g_assert_cmpuint (day, <, 30);
      g_assert_cmpint (lead->routed_rep, >=, 0);
      g_assert_cmpint (lead->routed_rep, <, 4);
      per_day[day][lead->routed_rep]++;
    }

  for (guint day = 0; day < 30; day++)
    {
      g_assert_cmpuint (per_day[day][a], ==, 5);
      if (day >= 2 && day <= 4)
        g_assert_cmpuint (per_day[day][b], ==, 0);
      else
        {
          b_total += per_day[day][b];
          c_total += per_day[day][cat];
        }
      /* Nobody is left for the fallback: Cat has no cap. */
      g_assert_cmpuint (per_day[day][rep_index (config, "desk")], ==, 0);
    }
  /* Outside the absence, Bob and Cat share what Ann cannot take 2 : 1
   * (give or take the round's position at each day's start). */
  g_assert_cmpfloat (fabs ((double) b_total / c_total - 2.0), <, 0.15);
  collected_clear (&c);
}

/* ---- SLA events ------------------------------------------------------------------- */

static void
test_sla_consistency (void)
{
  g_autoptr(LwConfig) config = lw_test_load_sample ();
  g_autoptr(LwScenario) scenario = load_sample_scenario ();
  LwSimOptions options = LW_SIM_OPTIONS_INIT;
  Collected c;
  g_autoptr(LwSimulation) sim = NULL;
  g_autofree guint *touches = NULL;
  g_autofree guint *breaches = NULL;
  guint n_breached = 0, n_met = 0, n_warnings = 0;

  options.leads = 2000;
  options.seed = 21;
  collected_init (&c);
  sim = run_collecting (config, scenario, &options, &c);
  touches = g_new0 (guint, c.leads->len + 1);
  breaches = g_new0 (guint, c.leads->len + 1);

  for (guint i = 0; i < c.events->len; i++)
    {
      const LwEvent *e = &g_array_index (c.events, LwEvent, i);
      const LwSimLead *lead = &g_array_index (c.leads, LwSimLead, e->lead - 1);

      switch (e->kind)
        {
        case LW_EVENT_FIRST_TOUCH:
          touches[e->lead]++;
          g_assert_cmpint (e->t, ==, lead->first_touch_at);
          g_assert_cmpint (e->t, >=, lead->assigned_at);
          g_assert_cmpint (e->rep, ==, lead->owner);
          break;
        case LW_EVENT_SLA_BREACH:
          breaches[e->lead]++;
          /* Nobody had touched it yet, and it happened at its deadline. */
          g_assert_cmpuint (touches[e->lead], ==, 0);
          g_assert_true (lead->breached);
          g_assert_cmpint (e->t, ==, lead->deadline);
          g_assert_cmpint (e->rep, ==, lead->sla_rep);
          break;
        case LW_EVENT_SLA_WARNING:
          n_warnings++;
          g_assert_cmpuint (touches[e->lead], ==, 0);
          g_assert_true (lead->warned);
          if (lead->reassignments == 0)
            g_assert_cmpint (e->t, <, lead->deadline);
          break;
        case LW_EVENT_ESCALATED:
        case LW_EVENT_REASSIGNED:
          g_assert_cmpuint (touches[e->lead], ==, 0);
          g_assert_cmpint (lead->policy, >=, 0);
          break;
        default:
          break;
        }
    }

  for (guint i = 0; i < c.leads->len; i++)
    {
      const LwSimLead *lead = &g_array_index (c.leads, LwSimLead, i);

      g_assert_cmpuint (touches[lead->id], <=, 1);
      g_assert_cmpuint (breaches[lead->id], ==, lead->breached ? 1 : 0);
      if (lead->breached)
        {
          /* Touched after the deadline, or not at all. */
          n_breached++;
          g_assert_true (lead->first_touch_at == 0 || lead->first_touch_at > lead->deadline);
        }
      else if (lead->policy >= 0 && lead->first_touch_at != 0)
        {
          n_met++;
          g_assert_cmpint (lead->first_touch_at, <=, lead->deadline);
          g_assert_cmpint (lead->ttft, >=, 0);
        }
      if (lead->policy < 0)
        g_assert_false (lead->breached || lead->warned);
    }
  /* The sample's 10-minute demo SLA is often missed, the content one
   * rarely: both cases are exercised. */
  g_assert_cmpuint (n_breached, >, 50);
  g_assert_cmpuint (n_met, >, 50);
  g_assert_cmpuint (n_warnings, >, 50);
  g_assert_cmpuint (lw_simulation_get_summary (sim)->sla.breached, ==, n_breached);
  g_assert_cmpuint (lw_simulation_get_summary (sim)->sla.met, ==, n_met);
  collected_clear (&c);
}

/* ---- decay ------------------------------------------------------------------------- */

/* Fit 30 and 20 engagement points at arrival: total 50, an MQL. The
 * engagement then halves every 7 days and the lead is re-scored every 7
 * days: 40, 35, 32.5, 31.25 (a change under a point is not an event), and
 * stays an MQL, which is sticky. */
static void
test_decay_rescoring (void)
{
  g_autoptr(LwConfig) config = load_simple_config (", \"capacity\": 0", "");
  g_autoptr(LwScenario) scenario = load_simple_scenario ("{ \"constant\": 10 }", "0");
  LwSimOptions options = LW_SIM_OPTIONS_INIT;
  Collected c;
  g_autoptr(LwSimulation) sim = NULL;
  LwTime end;
  int mql = lw_config_stage_index (config, "mql");

  options.leads = 20;
  options.days = 60;
  options.seed = 2;
  collected_init (&c);
  sim = run_collecting (config, scenario, &options, &c);
  end = lw_test_time ("2026-05-01T00:00:00Z");   /* 60 days after 2 March */

  for (guint i = 0; i < c.leads->len; i++)
    {
      const LwSimLead *lead = &g_array_index (c.leads, LwSimLead, i);
      static const double expected[] = { 50, 40, 35, 32.5, 31.25 };
      guint checkpoints = 0;
      guint scored = 0;

      /* Checkpoints every 7 days before the end, and none once the
       * engagement is under half a point (after the sixth). */
      while (lead->created_at + (LwTime) (checkpoints + 1) * 7 * LW_DAY < end && checkpoints < 6)
        checkpoints++;

      g_assert_cmpfloat (lead->fit, ==, 30);
      g_assert_cmpfloat_with_epsilon (lead->engagement, 20 * pow (0.5, checkpoints), 1e-6);
      g_assert_true (lead->mql);
      g_assert_cmpint (lead->mql_at, ==, lead->created_at);
      g_assert_cmpint (lead->stage, ==, mql);

      for (guint e = 0; e < c.events->len; e++)
        {
          const LwEvent *event = &g_array_index (c.events, LwEvent, e);

          if (event->lead != lead->id || event->kind != LW_EVENT_SCORED)
            continue;
          g_assert_cmpuint (scored, <, G_N_ELEMENTS (expected));
          g_assert_cmpfloat_with_epsilon (event->value, expected[scored], 1e-6);
          g_assert_cmpint (event->t, ==, lead->created_at + (LwTime) scored * 7 * LW_DAY);
          g_assert_cmpint (event->arg, ==, scored <= 1 ? 1 : 0);
          scored++;
        }
      g_assert_cmpuint (scored, ==, MIN (checkpoints, 4) + 1);
    }
  collected_clear (&c);
}

/* ---- cancellation and pacing ------------------------------------------------------- */

static void
test_cancel_from_sink (void)
{
  g_autoptr(LwConfig) config = lw_test_load_sample ();
  g_autoptr(LwScenario) scenario = load_sample_scenario ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  LwSimOptions options = LW_SIM_OPTIONS_INIT;
  g_autoptr(LwSimulation) sim = NULL;
  g_autoptr(GError) error = NULL;
  Collected c;
  LwSimSink sink = { collect_leads, collect_events, &c };
  const LwSimSummary *summary;

  options.leads = 50000;
  collected_init (&c);
  c.cancel_on_events = cancellable;
  collect_config = config;
  sim = lw_simulation_new (config, scenario, &options, &error);
  g_assert_no_error (error);

  g_assert_false (lw_simulation_run (sim, &sink, cancellable, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  /* Cancelled at the first batch: checked every 1024 turns, so it stopped
   * long before the end, without handing over more. */
  g_assert_cmpuint (c.event_calls, <=, 5);
  g_assert_cmpuint (c.lead_calls, ==, 0);
  summary = lw_simulation_get_summary (sim);
  g_assert_false (summary->finished);
  g_assert_cmpuint (summary->leads, <, 5000);
  collected_clear (&c);
}

typedef struct
{
  LwSimulation *sim;
  GCancellable *cancellable;
  GError       *error;
  gboolean      result;
  guint         progress_calls;
} ThreadRun;

static void
count_progress (LwTime   now,
                guint    done,
                guint    total,
                gpointer user_data)
{
  ThreadRun *run = user_data;

  g_assert_cmpuint (done, <=, total);
  run->progress_calls++;
}

static gpointer
run_thread (gpointer data)
{
  ThreadRun *run = data;

  run->result = lw_simulation_run (run->sim, NULL, run->cancellable, count_progress, run,
                                   &run->error);
  return NULL;
}

/* On a worker thread, cancelled from another: returns CANCELLED. */
static void
test_cancel_from_thread (void)
{
  g_autoptr(LwConfig) config = lw_test_load_sample ();
  g_autoptr(LwScenario) scenario = load_sample_scenario ();
  LwSimOptions options = LW_SIM_OPTIONS_INIT;
  ThreadRun run = { 0, };
  g_autoptr(GError) error = NULL;
  GThread *thread;

  options.leads = 200000;
  run.sim = lw_simulation_new (config, scenario, &options, &error);
  g_assert_no_error (error);
  run.cancellable = g_cancellable_new ();

  thread = g_thread_new ("simulation", run_thread, &run);
  g_usleep (50000);
  g_cancellable_cancel (run.cancellable);
  g_thread_join (thread);

  g_assert_false (run.result);
  g_assert_error (run.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (lw_simulation_get_summary (run.sim)->finished);
  g_clear_error (&run.error);
  g_object_unref (run.cancellable);
  lw_simulation_free (run.sim);
}

/* Paced at a high speed (a day in a tenth of a second) it finishes; leads
 * that changed are handed over again while it runs. */
static void
test_paced (void)
{
  g_autoptr(LwConfig) config = lw_test_load_sample ();
  g_autoptr(LwScenario) scenario = load_sample_scenario ();
  LwSimOptions options = LW_SIM_OPTIONS_INIT;
  Collected c;
  g_autoptr(LwSimulation) sim = NULL;

  options.leads = 60;
  options.days = 1;
  options.speed = 864000;
  collected_init (&c);
  sim = run_collecting (config, scenario, &options, &c);

  g_assert_true (lw_simulation_get_summary (sim)->finished);
  g_assert_cmpuint (c.leads->len, ==, 60);
  for (guint i = 0; i < c.leads->len; i++)
    g_assert_cmpuint (g_array_index (c.leads, LwSimLead, i).id, ==, i + 1);
  g_assert_cmpuint (c.events->len, ==, lw_simulation_get_summary (sim)->events);
  collected_clear (&c);
}

/* Paced in real time, a day would take a day: cancel works while it waits. */
static void
test_paced_cancel (void)
{
  g_autoptr(LwConfig) config = lw_test_load_sample ();
  g_autoptr(LwScenario) scenario = load_sample_scenario ();
  LwSimOptions options = LW_SIM_OPTIONS_INIT;
  ThreadRun run = { 0, };
  g_autoptr(GError) error = NULL;
  GThread *thread;

  options.leads = 10;
  options.days = 1;
  options.speed = 1;
  run.sim = lw_simulation_new (config, scenario, &options, &error);
  g_assert_no_error (error);
  run.cancellable = g_cancellable_new ();

  thread = g_thread_new ("paced", run_thread, &run);
  g_usleep (100000);
  g_cancellable_cancel (run.cancellable);
  g_thread_join (thread);

  g_assert_false (run.result);
  g_assert_error (run.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&run.error);
  g_object_unref (run.cancellable);
  lw_simulation_free (run.sim);
}

/* ---- explain and compare ---------------------------------------------------------------- */

static void
test_explain (void)
{
  g_autoptr(LwConfig) config = lw_test_load_sample ();
  g_autoptr(LwScenario) scenario = load_sample_scenario ();
  LwSimOptions options = LW_SIM_OPTIONS_INIT;
  Collected c;
  g_autoptr(LwSimulation) sim = NULL;
  g_autoptr(LwSimulation) detailed = NULL;
  g_autoptr(LwSimStory) story = NULL;
  g_autoptr(LwSimStory) kept = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *kept_text = NULL;
  guint32 id = 0;
  guint n_events = 0;
  gboolean assigned = FALSE, scored = FALSE;
  guint e = 0;

  options.leads = 400;
  options.seed = 13;
  collected_init (&c);
  sim = run_collecting (config, scenario, &options, &c);

  for (guint i = 0; i < c.leads->len && id == 0; i++)
    if (g_array_index (c.leads, LwSimLead, i).assigned_at != 0)
      id = i + 1;
  g_assert_cmpuint (id, >, 0);

  story = lw_simulation_explain (sim, id, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (story);
  g_assert_cmpuint (story->lead, ==, id);
  g_assert_true (g_str_has_prefix (story->title, "Lead "));
  g_assert_cmpuint (story->properties->len, >, 3);

  /* Its timeline is the run's events of that lead, in the same order. */
  for (guint i = 0; i < c.events->len; i++)
    {
      const LwEvent *event = &g_array_index (c.events, LwEvent, i);
      const LwSimStoryEntry *entry;

      if (event->lead != id)
        continue;
      n_events++;
      g_assert_cmpuint (e, <, story->entries->len);
      entry = g_ptr_array_index (story->entries, e++);
      g_assert_cmpint (entry->event.kind, ==, event->kind);
      g_assert_cmpint (entry->event.t, ==, event->t);
      g_assert_cmpint (entry->event.rep, ==, event->rep);
      g_assert_nonnull (entry->text);
      if (event->kind == LW_EVENT_ASSIGNED)
        {
          /* Each routing rule tried, then the SLA checkpoints. */
          assigned = TRUE;
          g_assert_cmpuint (entry->details->len, >=, 2);
          g_assert_nonnull (strstr (g_ptr_array_index (entry->details, 0), "Rule "));
          g_assert_nonnull (strstr (g_ptr_array_index (entry->details, entry->details->len - 1),
                                    "SLA "));
        }
      if (event->kind == LW_EVENT_SCORED && !scored)
        {
          /* Each score contribution. */
          scored = TRUE;
          g_assert_cmpuint (entry->details->len, >, 0);
        }
    }
  g_assert_cmpuint (story->entries->len, ==, n_events);
  g_assert_true (assigned);
  g_assert_true (scored);

  /* With the details kept, the same story without running again. */
  options.keep_details = TRUE;
  detailed = lw_simulation_new (config, scenario, &options, &error);
  g_assert_no_error (error);
  g_assert_true (lw_simulation_run (detailed, NULL, NULL, NULL, NULL, &error));
  kept = lw_simulation_explain (detailed, id, NULL, &error);
  g_assert_no_error (error);
  text = lw_sim_story_format (story);
  kept_text = lw_sim_story_format (kept);
  g_assert_cmpstr (text, ==, kept_text);

  g_clear_pointer (&story, lw_sim_story_free);
  story = lw_simulation_explain (sim, 401, NULL, &error);
  g_assert_error (error, LW_SIM_ERROR, LW_SIM_ERROR_NOT_FOUND);
  g_assert_null (story);
  g_clear_error (&error);
  story = lw_simulation_explain (sim, 0, NULL, &error);
  g_assert_error (error, LW_SIM_ERROR, LW_SIM_ERROR_NOT_FOUND);
  collected_clear (&c);
}

static const LwSimFigureDiff *
find_diff (const LwSimComparison *comparison,
           const char            *key)
{
  for (guint i = 0; i < comparison->figures->len; i++)
    {
      const LwSimFigureDiff *d = g_ptr_array_index (comparison->figures, i);

      if (g_strcmp0 (d->key, key) == 0)
        return d;
    }
  g_assert_not_reached ();
  return NULL;
}

static void
test_compare (void)
{
  g_autoptr(LwConfig) config = lw_test_load_sample ();
  g_autoptr(LwConfig) lower = lw_config_copy (config);
  g_autoptr(LwScenario) scenario = load_sample_scenario ();
  g_autoptr(GPtrArray) diagnostics = lw_diagnostics_new ();
  g_autoptr(LwSimComparison) same = NULL;
  g_autoptr(LwSimComparison) changed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  LwSimOptions options = LW_SIM_OPTIONS_INIT;
  const LwSimFigureDiff *mql;

  options.leads = 800;
  options.seed = 17;

  same = lw_simulation_compare (config, config, scenario, &options, 10, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (same->leads, ==, 800);
  g_assert_cmpuint (same->n_routed_differently, ==, 0);
  g_assert_cmpuint (same->n_qualified_differently, ==, 0);
  g_assert_cmpuint (same->leads_differing->len, ==, 0);
  for (guint i = 0; i < same->figures->len; i++)
    {
      const LwSimFigureDiff *d = g_ptr_array_index (same->figures, i);
      g_assert_true (d->a == d->b || (isnan (d->a) && isnan (d->b)));
    }

  lower->scoring.mql_total = 25;
  g_assert_true (lw_config_bind (lower, diagnostics));
  changed = lw_simulation_compare (config, lower, scenario, &options, 5, NULL, &error);
  g_assert_no_error (error);
  mql = find_diff (changed, "mql");
  g_assert_cmpfloat (mql->b, >, mql->a);
  g_assert_cmpfloat (find_diff (changed, "leads")->a, ==, 800);
  g_assert_cmpfloat (find_diff (changed, "leads")->b, ==, 800);
  g_assert_cmpuint (changed->n_qualified_differently, >, 0);
  g_assert_cmpuint (changed->leads_differing->len, ==, 5);
  for (guint i = 0; i < changed->leads_differing->len; i++)
    {
      const LwSimLeadDiff *d = g_ptr_array_index (changed->leads_differing, i);
      g_auto(GStrv) lines = g_strsplit (d->why, "\n", -1);

      g_assert_true (d->routed_differently || d->qualified_differently);
      /* One line per rule set, each saying what happened and why. */
      g_assert_cmpuint (g_strv_length (lines), ==, 2);
      g_assert_nonnull (strstr (lines[0], "total score"));
      g_assert_nonnull (strstr (lines[1], "total score"));
      if (i > 0)
        g_assert_cmpuint (d->lead, >,
                          ((LwSimLeadDiff *) g_ptr_array_index (changed->leads_differing, i - 1))->lead);
    }
  text = lw_sim_comparison_format (changed);
  g_assert_nonnull (strstr (text, "MQLs: "));
}

/* ---- bad input ------------------------------------------------------------------------- */

static void
test_scenario_must_fit_config (void)
{
  g_autoptr(LwConfig) config = load_simple_config (", \"capacity\": 0", "");
  LwSimOptions options = LW_SIM_OPTIONS_INIT;
  static const struct
  {
    const char *from;
    const char *to;
    const char *message;
  } cases[] = {
    { "\"country\": { \"weights\": { \"US\": 1 } }",
      "\"colour\": { \"weights\": { \"red\": 1 } }",
      "$.properties.colour: the rule set has no property “colour”" },
    { "\"country\": { \"weights\": { \"US\": 1 } }",
      "\"country\": { \"weights\": { \"US\": 1, \"FR\": 1 } }",
      "$.properties.country: \"FR\" is not one of the options of Country (US, DE)" },
    { "\"country\": { \"weights\": { \"US\": 1 } }",
      "\"country\": { \"uniform\": { \"min\": 1, \"max\": 2 } }",
      "$.properties.country: a numeric distribution cannot give values of “country”, which is "
      "not a number" },
    { "\"activity\": \"pricing_page\"",
      "\"activity\": \"webinar\"",
      "$.activities[0].activity: the rule set has no activity “webinar”" },
    { "\"source\": \"form\"",
      "\"source\": \"chat\", \"label\": \"x\"",
      NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = g_strdup_printf (SIMPLE_SCENARIO, "{ \"constant\": 10 }", "0.5");
      g_auto(GStrv) parts = g_strsplit (json, cases[i].from, 2);
      g_autofree char *changed = g_strjoin (cases[i].to, parts[0], parts[1], NULL);
      g_autoptr(LwScenario) scenario = load_scenario_text (changed);
      g_autoptr(LwSimulation) sim = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_cmpuint (g_strv_length (parts), ==, 2);
      sim = lw_simulation_new (config, scenario, &options, &error);
      if (cases[i].message == NULL)
        {
          /* A source the rule set has: fine. */
          g_assert_no_error (error);
          g_assert_nonnull (sim);
          continue;
        }
      g_assert_error (error, LW_SIM_ERROR, LW_SIM_ERROR_INVALID);
      g_assert_cmpstr (error->message, ==, cases[i].message);
      g_assert_null (sim);
    }
}

static void
test_bad_options (void)
{
  g_autoptr(LwConfig) config = load_simple_config (", \"capacity\": 0", "");
  g_autoptr(LwScenario) scenario = load_simple_scenario ("{ \"constant\": 10 }", "0.5");
  LwSimOptions options = LW_SIM_OPTIONS_INIT;
  g_autoptr(GError) error = NULL;
  g_autoptr(LwSimulation) sim = NULL;

  options.leads = LW_SIM_MAX_LEADS + 1;
  sim = lw_simulation_new (config, scenario, &options, &error);
  g_assert_error (error, LW_SIM_ERROR, LW_SIM_ERROR_INVALID);
  g_assert_null (sim);
  g_clear_error (&error);

  options.leads = 10;
  options.days = LW_SIM_MAX_DAYS + 1;
  sim = lw_simulation_new (config, scenario, &options, &error);
  g_assert_error (error, LW_SIM_ERROR, LW_SIM_ERROR_INVALID);
  g_clear_error (&error);

  options.days = 1;
  options.speed = -1;
  sim = lw_simulation_new (config, scenario, &options, &error);
  g_assert_error (error, LW_SIM_ERROR, LW_SIM_ERROR_INVALID);
  g_clear_error (&error);

  /* Zero leads is a run with nothing in it. */
  options.speed = 0;
  options.leads = 0;
  scenario->leads = 0;
  sim = lw_simulation_new (config, scenario, &options, &error);
  g_assert_no_error (error);
  g_assert_true (lw_simulation_run (sim, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (lw_simulation_get_summary (sim)->leads, ==, 0);
  g_assert_cmpint (lw_simulation_get_summary (sim)->ttft_p50, ==, -1);
}

/* The summary as a RevOps admin reads it, and as figures. */
static void
test_summary_format (void)
{
  g_autoptr(LwConfig) config = load_simple_config (", \"capacity\": 0", "");
  g_autoptr(LwScenario) scenario = load_simple_scenario ("{ \"constant\": 10 }", "0.5");
  LwSimOptions options = LW_SIM_OPTIONS_INIT;
  g_autoptr(LwSimulation) sim = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) figures = NULL;
  g_autofree char *text = NULL;
  const LwSimSummary *s;

  options.leads = 600;
  options.seed = 1;
  sim = lw_simulation_new (config, scenario, &options, &error);
  g_assert_no_error (error);
  g_assert_true (lw_simulation_run (sim, NULL, NULL, NULL, NULL, &error));
  s = lw_simulation_get_summary (sim);

  /* Every lead is an MQL at arrival, routed at once, touched 10 minutes
   * later within the 30-minute SLA. */
  g_assert_cmpuint (s->mql, ==, 600);
  g_assert_cmpuint (s->routed, ==, 600);
  g_assert_cmpuint (s->sla.met, ==, 600);
  g_assert_cmpfloat (s->sla.compliance, ==, 100);
  g_assert_cmpint (s->ttft_p50, ==, 600);
  g_assert_cmpint (s->ttft_p90, ==, 600);
  g_assert_cmpint (s->policies[0].ttft_p50, ==, 600);
  g_assert_cmpuint (s->stages[1].entered, ==, 600);
  g_assert_cmpuint (s->stages[0].reached, ==, 0);

  text = lw_sim_summary_format (s, lw_simulation_get_config (sim), scenario);
  g_assert_nonnull (strstr (text, "Simulated 600 leads from 2026-03-02T00:00:00Z to "
                                  "2026-04-01T00:00:00Z"));
  g_assert_nonnull (strstr (text, "Every lead"));
  g_assert_nonnull (strstr (text, "100.0\u00a0%"));

  figures = lw_sim_summary_figures (s, lw_simulation_get_config (sim), scenario);
  for (guint i = 0; i < figures->len; i++)
    {
      const LwSimFigure *f = g_ptr_array_index (figures, i);

      if (g_strcmp0 (f->key, "ttft_p50") == 0)
        g_assert_cmpfloat (f->value, ==, 10);
      if (g_strcmp0 (f->key, "rep.a.routed") == 0)
        g_assert_cmpfloat (f->value, ==, 300);
      if (g_strcmp0 (f->key, "fallback_share") == 0)
        g_assert_cmpfloat (f->value, ==, 0);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/simulator/rng/reference", test_rng_reference);
  g_test_add_func ("/simulator/rng/samplers", test_rng_samplers);
  g_test_add_func ("/simulator/determinism/digest", test_determinism);
  g_test_add_func ("/simulator/determinism/leads-independent-of-config",
                   test_leads_independent_of_config);
  g_test_add_func ("/simulator/conversion/speed-to-lead", test_speed_to_lead);
  g_test_add_func ("/simulator/routing/fallback-owner", test_fallback_owner);
  g_test_add_func ("/simulator/routing/sample-owners", test_sample_owners);
  g_test_add_func ("/simulator/routing/round-robin-weights", test_round_robin_weights);
  g_test_add_func ("/simulator/routing/round-robin-caps-absence", test_round_robin_caps_and_absence);
  g_test_add_func ("/simulator/sla/consistency", test_sla_consistency);
  g_test_add_func ("/simulator/scoring/decay", test_decay_rescoring);
  g_test_add_func ("/simulator/run/cancel-from-sink", test_cancel_from_sink);
  g_test_add_func ("/simulator/run/cancel-from-thread", test_cancel_from_thread);
  g_test_add_func ("/simulator/run/event-order", test_event_order);
  g_test_add_func ("/simulator/run/queue-shapes", test_queue_shapes);
  g_test_add_func ("/simulator/run/delays-drawn-once", test_delays_drawn_once);
  g_test_add_func ("/simulator/run/paced", test_paced);
  g_test_add_func ("/simulator/run/paced-cancel", test_paced_cancel);
  g_test_add_func ("/simulator/explain", test_explain);
  g_test_add_func ("/simulator/compare", test_compare);
  g_test_add_func ("/simulator/errors/scenario-fits-config", test_scenario_must_fit_config);
  g_test_add_func ("/simulator/errors/options", test_bad_options);
  g_test_add_func ("/simulator/summary", test_summary_format);

  return g_test_run ();
}
