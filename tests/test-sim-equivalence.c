/* test-sim-equivalence.c: the simulator's shortcuts change no result
 *
 * A run that keeps every lead's details (LwSimOptions.keep_details) traces
 * every lead, and a traced lead takes the plain path: its stage and its SLA
 * policy are decided on the whole scratch lead, every value rebuilt. An
 * untraced lead takes the shortcuts (a light scratch lead holding only the
 * values the lifecycle and the SLA policies read; no new decision while
 * nothing it reads changed). Both runs must emit the same events, event
 * for event, on rule sets whose conditions read generated values of every
 * kind (text, number, enum, values a lead may lack), on one whose
 * lifecycle reads the email domain and on one whose lifecycle reads a
 * score (no shortcut).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "lw-config-json.h"
#include "lw-scenario.h"
#include "lw-simulator.h"
#include "lw-test-utils.h"

static gboolean
collect_events (const LwEvent *events,
                guint          n,
                gpointer       user_data,
                GError       **error)
{
  GArray *out = user_data;

  for (guint i = 0; i < n; i++)
    {
      LwEvent copy = events[i];

      copy.detail = NULL;
      g_array_append_val (out, copy);
    }
  return TRUE;
}

/* The events of @config on the sample scenario. */
static GArray *
run (const LwConfig *config,
     guint64         seed,
     gboolean        keep_details)
{
  g_autofree char *path = lw_test_sample_path ("inbound-scenario.json");
  g_autoptr(LwScenario) scenario = NULL;
  g_autoptr(LwSimulation) sim = NULL;
  g_autoptr(GError) error = NULL;
  LwSimOptions options = LW_SIM_OPTIONS_INIT;
  GArray *events = g_array_new (FALSE, TRUE, sizeof (LwEvent));
  LwSimSink sink = { NULL, collect_events, events };

  scenario = lw_scenario_load_file (path, NULL, &error);
  g_assert_no_error (error);

  options.leads = 4000;
  options.days = 30;
  options.seed = seed;
  options.keep_details = keep_details;
  sim = lw_simulation_new (config, scenario, &options, &error);
  g_assert_no_error (error);
  g_assert_true (lw_simulation_run (sim, &sink, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  return events;
}

typedef struct
{
  guint stage_changes;
  guint assignments;
} Counts;

/* Runs @config traced and untraced and checks that the events agree; says
 * how many stage changes and assignments there were. */
static Counts
check_same (const LwConfig *config,
            guint64         seed)
{
  g_autoptr(GArray) plain = run (config, seed, TRUE);
  g_autoptr(GArray) fast = run (config, seed, FALSE);
  Counts counts = { 0, 0 };

  g_assert_cmpuint (fast->len, ==, plain->len);
  for (guint i = 0; i < plain->len; i++)
    {
      const LwEvent *a = &g_array_index (plain, LwEvent, i);
      const LwEvent *b = &g_array_index (fast, LwEvent, i);

      g_assert_cmpuint (b->lead, ==, a->lead);
      g_assert_cmpint (b->kind, ==, a->kind);
      g_assert_cmpint (b->t, ==, a->t);
      g_assert_cmpint (b->rep, ==, a->rep);
      g_assert_cmpint (b->arg, ==, a->arg);
      g_assert_cmpfloat (b->value, ==, a->value);
      counts.stage_changes += a->kind == LW_EVENT_STAGE_CHANGED;
      counts.assignments += a->kind == LW_EVENT_ASSIGNED;
    }
  return counts;
}

/* The sample playbook with the "when" of its stage @stage replaced by
 * @stage_when and that of its SLA policy @policy by @policy_when (JSON
 * objects); a NULL id leaves that part as it is. */
static LwConfig *
load_variant (const char *stage,
              const char *stage_when,
              const char *policy,
              const char *policy_when)
{
  g_autofree char *path = lw_test_sample_path ("b2b-playbook.json");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  JsonObject *root;
  struct { const char *section, *list, *id, *when; } edits[2] = {
    { "lifecycle", "stages", stage, stage_when },
    { NULL, "slas", policy, policy_when },
  };

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));

  for (guint e = 0; e < G_N_ELEMENTS (edits); e++)
    {
      JsonArray *list;
      gboolean found = FALSE;

      if (edits[e].id == NULL)
        continue;
      list = edits[e].section != NULL
               ? json_object_get_array_member (json_object_get_object_member (root, edits[e].section),
                                               edits[e].list)
               : json_object_get_array_member (root, edits[e].list);
      for (guint i = 0; i < json_array_get_length (list); i++)
        {
          JsonObject *item = json_array_get_object_element (list, i);
          g_autoptr(JsonParser) when = json_parser_new ();

          if (g_strcmp0 (json_object_get_string_member (item, "id"), edits[e].id) != 0)
            continue;
          json_parser_load_from_data (when, edits[e].when, -1, &error);
          g_assert_no_error (error);
          json_object_set_member (item, "when", json_node_copy (json_parser_get_root (when)));
          found = TRUE;
        }
      g_assert_true (found);
    }

  json = json_to_string (json_parser_get_root (parser), FALSE);
  return lw_test_load_config (json);
}

/* The sample: its lead stage reads the company (text), its evangelist
 * stage the NPS (a number most leads lack), its SLA policies the
 * conversion (enum). */
static void
test_sample (void)
{
  g_autoptr(LwConfig) config = lw_test_load_sample ();
  Counts counts = check_same (config, 21);

  /* Leads moved and were routed: the conditions were read. */
  g_assert_cmpuint (counts.stage_changes, >, 4000);
  g_assert_cmpuint (counts.assignments, >, 1000);
}

/* Stages and policies on generated numbers, enums and texts together, in
 * several groups; the sample's stages that read the company and the NPS
 * stay as they are. */
static void
test_mixed (void)
{
  static const char stage_when[] =
    "{ \"filterGroups\": ["
    "  { \"filters\": [ { \"propertyName\": \"employees\", \"operator\": \"GTE\", \"value\": \"200\" },"
    "                   { \"propertyName\": \"country\", \"operator\": \"IN\", \"values\": [ \"US\", \"GB\", \"DE\" ] } ] },"
    "  { \"filters\": [ { \"propertyName\": \"job_title\", \"operator\": \"CONTAINS_TOKEN\", \"value\": \"head\" } ] },"
    "  { \"filters\": [ { \"propertyName\": \"lead_status\", \"operator\": \"EQ\", \"value\": \"qualified\" },"
    "                   { \"propertyName\": \"seniority\", \"operator\": \"NEQ\", \"value\": \"student\" } ] } ] }";
  static const char policy_when[] =
    "{ \"filterGroups\": ["
    "  { \"filters\": [ { \"propertyName\": \"segment\", \"operator\": \"EQ\", \"value\": \"enterprise\" } ] },"
    "  { \"filters\": [ { \"propertyName\": \"conversion\", \"operator\": \"IN\", \"values\": [ \"demo-request\", \"contact-sales\" ] },"
    "                   { \"propertyName\": \"industry\", \"operator\": \"HAS_PROPERTY\" } ] } ] }";
  g_autoptr(LwConfig) config = load_variant ("sql", stage_when, "demo", policy_when);
  g_autoptr(LwConfig) sample = lw_test_load_sample ();
  Counts counts = check_same (config, 22);
  Counts sample_counts = check_same (sample, 22);

  g_assert_cmpuint (counts.stage_changes, >, 4000);
  g_assert_cmpuint (counts.assignments, >, 1000);
  /* The edited conditions decide differently from the sample's. */
  g_assert_true (counts.stage_changes != sample_counts.stage_changes ||
                 counts.assignments != sample_counts.assignments);
}

/* A stage that reads the email's domain: the lifecycle reads the whole
 * lead (no shortcut), with the same results. */
static void
test_email_domain (void)
{
  static const char stage_when[] =
    "{ \"filterGroups\": ["
    "  { \"filters\": [ { \"propertyName\": \"email_domain\", \"operator\": \"HAS_PROPERTY\" },"
    "                   { \"propertyName\": \"company\", \"operator\": \"HAS_PROPERTY\" } ] } ] }";
  g_autoptr(LwConfig) config = load_variant ("lead", stage_when, NULL, NULL);
  Counts counts = check_same (config, 23);

  g_assert_cmpuint (counts.stage_changes, >, 4000);
}

/* A stage that reads the engagement score, which changes with every
 * activity and with time: the decision is made again each time. */
static void
test_score_stage (void)
{
  static const char stage_when[] =
    "{ \"filterGroups\": ["
    "  { \"filters\": [ { \"propertyName\": \"engagement_score\", \"operator\": \"GTE\", \"value\": \"12\" },"
    "                   { \"propertyName\": \"deal_stage\", \"operator\": \"EQ\", \"value\": \"open\" } ] } ] }";
  g_autoptr(LwConfig) config = load_variant ("opportunity", stage_when, NULL, NULL);
  Counts counts = check_same (config, 24);

  g_assert_cmpuint (counts.stage_changes, >, 4000);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/sim-equivalence/sample", test_sample);
  g_test_add_func ("/sim-equivalence/mixed", test_mixed);
  g_test_add_func ("/sim-equivalence/email-domain", test_email_domain);
  g_test_add_func ("/sim-equivalence/score-stage", test_score_stage);

  return g_test_run ();
}
