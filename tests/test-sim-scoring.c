/* test-sim-scoring.c: the simulator's re-scoring gives what the plain
 * scorer gives
 *
 * The simulator scores each lead again and again (every activity, every
 * decay checkpoint) through shortcuts: criteria on values a lead keeps all
 * run long are evaluated once, the fit sum is looked up by their results,
 * and only the built-in values and past activities are refreshed. Each
 * SCORED event is checked here against lw_score_lead() on the same lead,
 * every criterion evaluated the plain way, for rule sets that take each of
 * those paths. Condition evaluation is checked against a plain reading of
 * its semantics on texts that share their first bytes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "lw-condition.h"
#include "lw-config-json.h"
#include "lw-scenario.h"
#include "lw-scoring.h"
#include "lw-simulator.h"
#include "lw-test-utils.h"

/* What the sink received: every event, and a copy of every lead. */
typedef struct
{
  GArray    *events;   /* LwEvent, detail dropped */
  GPtrArray *leads;    /* LwLead by id - 1 */
} Collected;

static gboolean
collect_leads (const LwSimLead *leads,
               guint            n,
               gpointer         user_data,
               GError         **error)
{
  Collected *c = user_data;

  for (guint i = 0; i < n; i++)
    {
      if (c->leads->len < leads[i].id)
        g_ptr_array_set_size (c->leads, leads[i].id);
      g_clear_pointer (&g_ptr_array_index (c->leads, leads[i].id - 1), lw_lead_free);
      g_ptr_array_index (c->leads, leads[i].id - 1) = lw_lead_copy (leads[i].lead);
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

  for (guint i = 0; i < n; i++)
    {
      LwEvent copy = events[i];

      copy.detail = NULL;
      g_array_append_val (c->events, copy);
    }
  return TRUE;
}

/* The sample playbook with @fit_extra and @engagement_extra (JSON arrays
 * of criteria) appended to its models and @decay (a JSON object, or NULL
 * to keep the sample's) as its decay. */
static LwConfig *
load_variant (const char *fit_extra,
              const char *engagement_extra,
              const char *decay)
{
  g_autofree char *path = lw_test_sample_path ("b2b-playbook.json");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  const char *extras[2] = { fit_extra, engagement_extra };
  const char *models[2] = { "fit", "engagement" };
  JsonObject *scoring;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  scoring = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)),
                                           "scoring");

  for (guint m = 0; m < G_N_ELEMENTS (models); m++)
    {
      g_autoptr(JsonParser) extra = json_parser_new ();
      JsonArray *criteria = json_object_get_array_member (json_object_get_object_member (scoring, models[m]),
                                                          "criteria");
      JsonArray *added;

      json_parser_load_from_data (extra, extras[m], -1, &error);
      g_assert_no_error (error);
      added = json_node_get_array (json_parser_get_root (extra));
      for (guint i = 0; i < json_array_get_length (added); i++)
        json_array_add_element (criteria, json_node_copy (json_array_get_element (added, i)));
    }

  if (decay != NULL)
    {
      g_autoptr(JsonParser) extra = json_parser_new ();

      json_parser_load_from_data (extra, decay, -1, &error);
      g_assert_no_error (error);
      json_object_set_member (scoring, "decay", json_node_copy (json_parser_get_root (extra)));
    }

  json = json_to_string (json_parser_get_root (parser), FALSE);
  return lw_test_load_config (json);
}

/* Runs @config on the sample scenario and checks every SCORED event
 * against lw_score_lead() on the lead (its values at the end of the run,
 * which the criteria of these rule sets read the same at any time, and
 * all its activities, of which the scorer counts those up to the event).
 * Returns how many events were checked. */
static guint
check_rescoring (const LwConfig *config,
                 guint64         seed)
{
  g_autofree char *path = lw_test_sample_path ("inbound-scenario.json");
  g_autoptr(LwScenario) scenario = NULL;
  g_autoptr(LwSimulation) sim = NULL;
  g_autoptr(GError) error = NULL;
  LwSimOptions options = LW_SIM_OPTIONS_INIT;
  Collected c = { g_array_new (FALSE, TRUE, sizeof (LwEvent)),
                  g_ptr_array_new_with_free_func ((GDestroyNotify) lw_lead_free) };
  LwSimSink sink = { collect_leads, collect_events, &c };
  guint checked = 0;
  guint mql = 0;
  guint moved = 0;

  scenario = lw_scenario_load_file (path, NULL, &error);
  g_assert_no_error (error);

  options.leads = 3000;
  options.days = 45;
  options.seed = seed;
  sim = lw_simulation_new (config, scenario, &options, &error);
  g_assert_no_error (error);
  g_assert_true (lw_simulation_run (sim, &sink, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (c.leads->len, ==, 3000);

  for (guint e = 0; e < c.events->len; e++)
    {
      const LwEvent *event = &g_array_index (c.events, LwEvent, e);
      const LwLead *lead;
      LwScore score;

      if (event->kind != LW_EVENT_SCORED)
        continue;
      lead = g_ptr_array_index (c.leads, event->lead - 1);
      lw_score_lead (config, lead, event->t, FALSE, &score);

      /* The simulator keeps scores as floats. */
      g_assert_cmpfloat (event->value, ==, (double) (float) score.total);
      g_assert_cmpint (event->arg, ==, score.mql ? 1 : 0);
      mql += score.mql;
      moved += (float) score.total != (float) score.fit;
      checked++;
    }

  /* The checks saw leads with engagement, and MQLs. */
  g_assert_cmpuint (mql, >, 0);
  g_assert_cmpuint (moved, >, checked / 10);

  g_array_unref (c.events);
  g_ptr_array_unref (c.leads);
  return checked;
}

/* The sample: every fit criterion reads values a lead keeps (the fit sum
 * comes from the table), the engagement ones activities with a half-life. */
static void
test_sample (void)
{
  g_autoptr(LwConfig) config = lw_test_load_sample ();

  g_assert_cmpuint (check_rescoring (config, 5), >, 3000);
  g_assert_cmpuint (check_rescoring (config, 6), >, 3000);
}

/* Fit criteria on built-ins a lead keeps (source, created_at): no fit
 * table; the scoring lead holds the built-ins and past activities only.
 * Also a decay window, an activity criterion without a limit and operators
 * on texts that share first bytes. */
static void
test_builtins (void)
{
  static const char fit[] =
    "[ { \"id\": \"by-chat\", \"label\": \"by-chat\", \"points\": 4, \"when\": { \"filterGroups\": [ { \"filters\": ["
    "    { \"propertyName\": \"source\", \"operator\": \"IN\", \"values\": [ \"chat\", \"form\" ] } ] } ] } },"
    "  { \"id\": \"late\", \"label\": \"late\", \"points\": -3, \"when\": { \"filterGroups\": [ { \"filters\": ["
    "    { \"propertyName\": \"created_at\", \"operator\": \"GT\", \"value\": \"2026-03-20T00:00:00Z\" } ] } ] } },"
    "  { \"id\": \"manag\", \"label\": \"manag\", \"points\": 2, \"when\": { \"filterGroups\": [ { \"filters\": ["
    "    { \"propertyName\": \"job_title\", \"operator\": \"CONTAINS_TOKEN\", \"value\": \"manag*\" } ] } ] } },"
    "  { \"id\": \"not-core\", \"label\": \"not-core\", \"points\": 1, \"when\": { \"filterGroups\": [ { \"filters\": ["
    "    { \"propertyName\": \"country\", \"operator\": \"NOT_IN\", \"values\": [ \"US\", \"CA\" ] } ] } ] } },"
    "  { \"id\": \"upper\", \"label\": \"upper\", \"points\": 1, \"when\": { \"filterGroups\": [ { \"filters\": ["
    "    { \"propertyName\": \"industry\", \"operator\": \"EQ\", \"value\": \"SOFTWARE\" } ] } ] } } ]";
  static const char engagement[] =
    "[ { \"id\": \"clicks\", \"label\": \"clicks\", \"activity\": \"email_click\", \"points\": 1 } ]";
  g_autoptr(LwConfig) config = load_variant (fit, engagement, "{ \"windowDays\": 10 }");

  g_assert_cmpuint (check_rescoring (config, 7), >, 3000);
}

/* A criterion that reads a built-in and a generated value: the whole lead
 * is rebuilt for each scoring. */
static void
test_mixed (void)
{
  static const char fit[] =
    "[ { \"id\": \"chat-software\", \"label\": \"chat-software\", \"points\": 7, \"when\": { \"filterGroups\": [ { \"filters\": ["
    "    { \"propertyName\": \"source\", \"operator\": \"EQ\", \"value\": \"form\" },"
    "    { \"propertyName\": \"industry\", \"operator\": \"IN\", \"values\": [ \"software\", \"healthcare\" ] } ] } ] } } ]";
  g_autoptr(LwConfig) config = load_variant (fit, "[]", "{ \"halfLifeDays\": 5 }");

  g_assert_cmpuint (check_rescoring (config, 8), >, 3000);
}

/* Fit criteria that read several generated values, the email and its
 * domain, in several groups: each filter on a categorical value or the
 * domain keeps its result per value, the others (a number, the email) are
 * evaluated for every lead; filters after one that fails are not. */
static void
test_static_filters (void)
{
  static const char fit[] =
    "[ { \"id\": \"mix\", \"label\": \"mix\", \"points\": 6, \"when\": { \"filterGroups\": ["
    "    { \"filters\": ["
    "      { \"propertyName\": \"industry\", \"operator\": \"IN\", \"values\": [ \"software\", \"retail\" ] },"
    "      { \"propertyName\": \"employees\", \"operator\": \"GTE\", \"value\": \"300\" },"
    "      { \"propertyName\": \"job_title\", \"operator\": \"CONTAINS_TOKEN\", \"value\": \"head\" } ] },"
    "    { \"filters\": ["
    "      { \"propertyName\": \"email_domain\", \"operator\": \"NOT_IN\", \"values\": [ \"gmail.com\" ] },"
    "      { \"propertyName\": \"seniority\", \"operator\": \"NEQ\", \"value\": \"vp\" },"
    "      { \"propertyName\": \"email\", \"operator\": \"CONTAINS_TOKEN\", \"value\": \"a*\" } ] },"
    "    { \"filters\": [ { \"propertyName\": \"country\", \"operator\": \"EQ\", \"value\": \"DE\" } ] } ] } },"
    "  { \"id\": \"small-or-unsegmented\", \"label\": \"small\", \"points\": -4, \"when\": { \"filterGroups\": ["
    "    { \"filters\": [ { \"propertyName\": \"employees\", \"operator\": \"LT\", \"value\": \"30\" } ] },"
    "    { \"filters\": ["
    "      { \"propertyName\": \"segment\", \"operator\": \"NOT_HAS_PROPERTY\" },"
    "      { \"propertyName\": \"region\", \"operator\": \"EQ\", \"value\": \"APAC\" } ] } ] } } ]";
  static const char engagement[] =
    "[ { \"id\": \"senior-eng\", \"label\": \"senior\", \"points\": 3, \"when\": { \"filterGroups\": ["
    "    { \"filters\": ["
    "      { \"propertyName\": \"seniority\", \"operator\": \"IN\", \"values\": [ \"c-level\", \"vp\" ] },"
    "      { \"propertyName\": \"employees\", \"operator\": \"BETWEEN\", \"value\": \"100\", \"highValue\": \"5000\" } ] } ] } } ]";
  g_autoptr(LwConfig) config = load_variant (fit, engagement, "{ \"halfLifeDays\": 7 }");

  g_assert_cmpuint (check_rescoring (config, 9), >, 3000);
  g_assert_cmpuint (check_rescoring (config, 10), >, 3000);
}

/* tests/data/config-minimal.json with the properties of @properties (a
 * JSON array) added. */
static LwConfig *
load_with_properties (const char *properties)
{
  g_autofree char *text = lw_test_data_text ("config-minimal.json");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) extra = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  JsonArray *list;
  JsonArray *added;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  json_parser_load_from_data (extra, properties, -1, &error);
  g_assert_no_error (error);
  list = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                       "properties");
  added = json_node_get_array (json_parser_get_root (extra));
  for (guint i = 0; i < json_array_get_length (added); i++)
    json_array_add_element (list, json_node_copy (json_array_get_element (added, i)));

  json = json_to_string (json_parser_get_root (parser), FALSE);
  return lw_test_load_config (json);
}

/* A condition of @filter alone, bound to @config. */
static LwCondition *
bind_one (const LwConfig *config,
          LwFilter       *filter)
{
  LwCondition *condition = lw_condition_new ();
  LwFilterGroup *group = lw_filter_group_new ();

  g_ptr_array_add (group->filters, filter);
  g_ptr_array_add (condition->groups, group);
  g_assert_true (lw_condition_bind (condition, config, NULL, NULL));
  return condition;
}

static gboolean
eval_one (const LwCondition *condition,
          const LwLead      *lead)
{
  const LwFilterGroup *group = g_ptr_array_index (condition->groups, 0);
  gboolean result = lw_condition_eval (condition, lead);

  /* The filter alone says the same. */
  g_assert_cmpint (lw_filter_eval (g_ptr_array_index (group->filters, 0), lead), ==, result);
  return result;
}

static LwFilter *
list_filter (const char  *property,
             LwOperator   op,
             const char  *a,
             const char  *b)
{
  LwFilter *filter = lw_filter_new (property, op, NULL);
  const char *values[3] = { a, b, NULL };

  filter->values = g_strdupv ((char **) values);
  return filter;
}

/* EQ, NEQ, IN and NOT_IN on texts: case-insensitive, whole values, also
 * when values share their first bytes or are prefixes of each other. */
static void
test_text_operators (void)
{
  static const char properties[] =
    "[ { \"id\": \"role\", \"label\": \"Role\", \"type\": \"enum\", \"options\": ["
    "    { \"value\": \"m\", \"label\": \"M\" }, { \"value\": \"manager\", \"label\": \"Manager\" },"
    "    { \"value\": \"Marketing\", \"label\": \"Marketing\" }, { \"value\": \"managers\", \"label\": \"Managers\" } ] },"
    "  { \"id\": \"title\", \"label\": \"Title\", \"type\": \"string\" } ]";
  static const char * const roles[] = { "m", "manager", "Marketing", "managers", NULL };
  static const char * const titles[] = { "Manager", "manager", "MANAGERS", "mana", "m", "M", "x", NULL };
  g_autoptr(LwConfig) config = load_with_properties (properties);
  int role = lw_config_find_property (config, "role")->index;
  int title = lw_config_find_property (config, "title")->index;
  guint equal = 0;

  for (guint r = 0; roles[r] != NULL; r++)
    for (guint v = 0; titles[v] != NULL; v++)
      {
        g_autoptr(LwLead) lead = lw_lead_new (config, "1");
        g_autoptr(LwLead) empty = lw_lead_new (config, "2");
        g_autoptr(LwCondition) eq = bind_one (config, lw_filter_new ("title", LW_OP_EQ, titles[v]));
        g_autoptr(LwCondition) neq = bind_one (config, lw_filter_new ("title", LW_OP_NEQ, titles[v]));
        /* The two roles after this one: never this one. */
        g_autoptr(LwCondition) in = bind_one (config, list_filter ("role", LW_OP_IN, roles[(r + 1) % 4],
                                                                   roles[(r + 2) % 4]));
        g_autoptr(LwCondition) not_in = bind_one (config, list_filter ("role", LW_OP_NOT_IN, roles[(r + 1) % 4],
                                                                       roles[(r + 3) % 4]));
        g_autoptr(LwCondition) in_self = bind_one (config, list_filter ("role", LW_OP_IN, roles[(r + 3) % 4],
                                                                        roles[r]));
        /* What EQ means, read plainly: the same text but for ASCII case. */
        gboolean same = g_ascii_strcasecmp (titles[v], roles[r]) == 0;

        lw_lead_set_string (lead, role, roles[r]);
        lw_lead_set_string (lead, title, roles[r]);

        g_assert_cmpint (eval_one (eq, lead), ==, same);
        g_assert_cmpint (eval_one (neq, lead), ==, !same);
        g_assert_false (eval_one (in, lead));
        g_assert_true (eval_one (not_in, lead));
        g_assert_true (eval_one (in_self, lead));
        equal += same;

        /* No value: only the negative operators hold. */
        g_assert_false (eval_one (eq, empty));
        g_assert_true (eval_one (neq, empty));
        g_assert_false (eval_one (in_self, empty));
        g_assert_true (eval_one (not_in, empty));
      }

  /* manager ~ Manager, manager; managers ~ MANAGERS; m ~ m, M. */
  g_assert_cmpuint (equal, ==, 5);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/sim-scoring/sample", test_sample);
  g_test_add_func ("/sim-scoring/builtins", test_builtins);
  g_test_add_func ("/sim-scoring/mixed", test_mixed);
  g_test_add_func ("/sim-scoring/static-filters", test_static_filters);
  g_test_add_func ("/sim-scoring/text-operators", test_text_operators);

  return g_test_run ();
}
