/* test-cli.c: leadwright-cli as a script or a person uses it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "lw-test-utils.h"

typedef struct
{
  int   status;
  char *out;
  char *err;
} Result;

static void
result_clear (Result *result)
{
  g_clear_pointer (&result->out, g_free);
  g_clear_pointer (&result->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Result, result_clear)

/* Runs leadwright-cli with the NULL-terminated arguments. */
static void
run_cli (Result *result,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, (gpointer) g_getenv ("LW_CLI"));
  va_start (args, result);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                               &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &result->out, &result->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  result->status = g_subprocess_get_exit_status (process);
}

static char *
write_temp (const char *name,
            const char *contents)
{
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

static void
test_validate_sample_is_clean (void)
{
  g_autofree char *sample = lw_test_sample_path ("b2b-playbook.json");
  g_auto(Result) r = { 0 };

  run_cli (&r, "validate", sample, NULL);
  if (r.status != 0 || r.err[0] != '\0')
    g_printerr ("%s", r.err);
  g_assert_cmpint (r.status, ==, 0);
  /* No error and no warning: nothing on stderr. */
  g_assert_cmpstr (r.err, ==, "");
  g_assert_nonnull (strstr (r.out, "valid"));
}

static const char bad_operator[] =
  "{\n"
  "  \"format\": \"leadwright-config\",\n"
  "  \"version\": 1,\n"
  "  \"name\": \"Bad\",\n"
  "  \"properties\": [ { \"id\": \"country\", \"label\": \"Country\", \"type\": \"string\" } ],\n"
  "  \"routing\": {\n"
  "    \"rules\": [ { \"id\": \"us\", \"label\": \"US\", \"when\": { \"filterGroups\": [ { \"filters\": [\n"
  "      { \"propertyName\": \"country\", \"operator\": \"EQUALS\", \"value\": \"US\" } ] } ] },\n"
  "      \"assign\": { \"type\": \"owner\", \"owner\": \"ana\" } } ],\n"
  "    \"fallback\": { \"owner\": \"ana\" }\n"
  "  },\n"
  "  \"team\": { \"reps\": [ { \"id\": \"ana\", \"name\": \"Ana\", \"timeZone\": \"UTC\",\n"
  "    \"workingHours\": { \"mon\": [\"09:00-17:00\"] } } ] }\n"
  "}\n";

static void
test_validate_reports_located_error (void)
{
  g_autofree char *path = write_temp ("lw-cli-bad.json", bad_operator);
  g_autofree char *expected = NULL;
  g_auto(Result) r = { 0 };

  run_cli (&r, "validate", path, NULL);
  g_assert_cmpint (r.status, ==, 1);
  /* Line 8, column 48 is where "EQUALS" begins. */
  expected = g_strdup_printf ("%s:8:48: error: $.routing.rules[0].when.filterGroups[0].filters[0].operator: "
                              "unknown operator \"EQUALS\"", path);
  if (strstr (r.err, expected) == NULL)
    g_printerr ("expected: %s\ngot: %s\n", expected, r.err);
  g_assert_nonnull (strstr (r.err, expected));
  g_unlink (path);
}

static void
test_validate_missing_file (void)
{
  g_auto(Result) r = { 0 };

  run_cli (&r, "validate", "/nonexistent/rules.json", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "/nonexistent/rules.json"));
}

static void
test_usage_errors (void)
{
  g_auto(Result) none = { 0 };
  g_auto(Result) unknown = { 0 };
  g_auto(Result) missing = { 0 };
  g_auto(Result) option = { 0 };
  g_auto(Result) help = { 0 };

  run_cli (&none, NULL);
  g_assert_cmpint (none.status, ==, 2);

  run_cli (&unknown, "frobnicate", NULL);
  g_assert_cmpint (unknown.status, ==, 2);
  g_assert_nonnull (strstr (unknown.err, "unknown command \"frobnicate\""));

  run_cli (&missing, "score", "only-one.json", NULL);
  g_assert_cmpint (missing.status, ==, 2);

  run_cli (&option, "validate", "--no-such-option", "x.json", NULL);
  g_assert_cmpint (option.status, ==, 2);

  run_cli (&help, "route", "--help", NULL);
  g_assert_cmpint (help.status, ==, 0);
  g_assert_nonnull (strstr (help.out, "--at"));
}

static JsonObject *
parse_object (const char *text,
              JsonParser *parser)
{
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_node_get_object (json_parser_get_root (parser));
}

/* The sample lead: a VP at a 420-person software company in the US who asked
 * for a demo on Tuesday 10 March 2026 at 14:52 UTC. */
static void
test_score_sample_lead (void)
{
  g_autofree char *config = lw_test_sample_path ("b2b-playbook.json");
  g_autofree char *lead = lw_test_sample_path ("lead-demo-request.json");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(Result) r = { 0 };
  JsonObject *object;

  run_cli (&r, "score", config, lead, "--at", "2026-03-10T15:00:00Z", "--json", NULL);
  g_assert_cmpstr (r.err, ==, "");
  g_assert_cmpint (r.status, ==, 0);
  object = parse_object (r.out, parser);

  /* Fit: ICP industry 15 + 200-999 employees 10 + core region 5 + VP 10. */
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (object, "fit"), 40.0, 1e-9);
  /* Engagement with a 30-day half-life, at 15:00:
   *   email click 35.951389 days old: 1 × 0.5^(35.951389/30) = 0.435764
   *   pricing page 3.84375 days old:  5 × 0.5^(3.84375/30)  = 4.575099
   *   pricing page 20 minutes old:    5 × 0.5^(0.013889/30) = 4.998396
   *   demo request 8 minutes old:    10 × 0.5^(0.005556/30) = 9.998716
   * = 20.007976 */
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (object, "engagement"), 20.007976, 1e-5);
  g_assert_cmpstr (json_object_get_string_member (object, "grade"), ==, "A2");
  g_assert_true (json_object_get_boolean_member (object, "mql"));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object, "stage"), "id"), ==, "mql");
}

static void
test_route_sample_lead (void)
{
  g_autofree char *config = lw_test_sample_path ("b2b-playbook.json");
  g_autofree char *lead = lw_test_sample_path ("lead-demo-request.json");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(Result) r = { 0 };
  g_auto(Result) text = { 0 };
  JsonObject *object, *sla;
  JsonArray *steps, *escalations;

  run_cli (&r, "route", config, lead, "--at", "2026-03-10T15:00:00Z", "--json", NULL);
  g_assert_cmpstr (r.err, ==, "");
  g_assert_cmpint (r.status, ==, 0);
  object = parse_object (r.out, parser);

  /* brightpath.io is no known account; the lead is North American
   * mid-market, so the weighted NA pool picks Jake (weight 2 of 4) first. */
  g_assert_cmpstr (json_object_get_string_member (object, "owner"), ==, "jake");
  g_assert_cmpstr (json_object_get_string_member (object, "rule"), ==, "na-inbound");
  g_assert_false (json_object_get_boolean_member (object, "fallback"));
  steps = json_object_get_array_member (object, "steps");
  g_assert_cmpuint (json_array_get_length (steps), ==, 5);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (steps, 0), "result"), ==, "no-account");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (steps, 1), "result"), ==, "not-matched");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (steps, 4), "result"), ==, "assigned");

  /* Demo policy, 10 business minutes. Jake works 08:30-17:30 in New York,
   * on EDT (UTC-4) since 8 March: 15:00Z is 11:00 local. */
  sla = json_object_get_object_member (object, "sla");
  g_assert_cmpstr (json_object_get_string_member (sla, "policy"), ==, "demo");
  g_assert_cmpstr (json_object_get_string_member (sla, "warnAt"), ==, "2026-03-10T15:05:00Z");
  g_assert_cmpstr (json_object_get_string_member (sla, "deadline"), ==, "2026-03-10T15:10:00Z");
  escalations = json_object_get_array_member (sla, "escalations");
  g_assert_cmpuint (json_array_get_length (escalations), ==, 2);
  /* 120 business minutes: 13:00 local. */
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (escalations, 0), "at"),
                   ==, "2026-03-10T17:00:00Z");
  /* 1440 business minutes: Tuesday 11:00-17:30 (390) + Wednesday (540)
   * + 510 on Thursday from 08:30 = Thursday 17:00 local. */
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (escalations, 1), "at"),
                   ==, "2026-03-12T21:00:00Z");

  run_cli (&text, "route", config, lead, "--at", "2026-03-10T15:00:00Z", NULL);
  g_assert_cmpint (text.status, ==, 0);
  g_assert_nonnull (strstr (text.out, "Jake Miller"));
  g_assert_nonnull (strstr (text.out, "deadline"));
}

static void
test_export_json_round_trips (void)
{
  g_autofree char *config = lw_test_sample_path ("b2b-playbook.json");
  g_autofree char *out1 = g_build_filename (g_get_tmp_dir (), "lw-cli-export-1.json", NULL);
  g_autofree char *out2 = g_build_filename (g_get_tmp_dir (), "lw-cli-export-2.json", NULL);
  g_autofree char *data1 = NULL;
  g_autofree char *data2 = NULL;
  g_auto(Result) r1 = { 0 };
  g_auto(Result) r2 = { 0 };
  g_auto(Result) bad = { 0 };

  run_cli (&r1, "export", config, "--format", "json", "-o", out1, NULL);
  g_assert_cmpint (r1.status, ==, 0);
  run_cli (&r2, "export", out1, "--format", "json", "-o", out2, NULL);
  g_assert_cmpint (r2.status, ==, 0);
  g_assert_true (g_file_get_contents (out1, &data1, NULL, NULL));
  g_assert_true (g_file_get_contents (out2, &data2, NULL, NULL));
  g_assert_cmpstr (data1, ==, data2);

  run_cli (&bad, "export", config, "--format", "yaml", NULL);
  g_assert_cmpint (bad.status, ==, 2);

  g_unlink (out1);
  g_unlink (out2);
}

static JsonObject *
figures_of (JsonObject *summary)
{
  return json_object_get_object_member (summary, "figures");
}

/* Same rule set, scenario and seed: the same run, byte for byte. */
static void
test_simulate_is_deterministic (void)
{
  g_autofree char *config = lw_test_sample_path ("b2b-playbook.json");
  g_auto(Result) a = { 0 };
  g_auto(Result) b = { 0 };
  g_auto(Result) c = { 0 };

  run_cli (&a, "simulate", config, "--no-store", "--leads", "1500", "--days", "5", "--seed", "11", "--json", NULL);
  run_cli (&b, "simulate", config, "--no-store", "--leads", "1500", "--days", "5", "--seed", "11", "--json", NULL);
  run_cli (&c, "simulate", config, "--no-store", "--leads", "1500", "--days", "5", "--seed", "12", "--json", NULL);
  g_assert_cmpint (a.status, ==, 0);
  g_assert_cmpstr (a.err, ==, "");
  g_assert_cmpstr (a.out, ==, b.out);
  g_assert_cmpstr (a.out, !=, c.out);
}

/* What `simulate` summarises and what `report` reads back from the
 * workspace are the same figures. */
static void
test_simulate_then_report (void)
{
  g_autofree char *config = lw_test_sample_path ("b2b-playbook.json");
  g_autofree char *db = g_build_filename (g_get_tmp_dir (), "lw-cli-sim.leadwright", NULL);
  g_autoptr(JsonParser) summary_parser = json_parser_new ();
  g_autoptr(JsonParser) funnel_parser = json_parser_new ();
  g_autoptr(JsonParser) sla_parser = json_parser_new ();
  g_autoptr(JsonParser) routing_parser = json_parser_new ();
  g_auto(Result) sim = { 0 };
  g_auto(Result) funnel = { 0 };
  g_auto(Result) sla = { 0 };
  g_auto(Result) routing = { 0 };
  g_auto(Result) sources = { 0 };
  g_auto(Result) revisions = { 0 };
  g_auto(Result) explain = { 0 };
  g_auto(Result) bad_report = { 0 };
  g_auto(Result) bad_lead = { 0 };
  JsonObject *figures, *f, *s, *r;
  JsonArray *stages;

  run_cli (&sim, "simulate", config, "--db", db, "--leads", "3000", "--days", "7", "--seed", "5", "--json", NULL);
  g_assert_cmpstr (sim.err, ==, "");
  g_assert_cmpint (sim.status, ==, 0);
  figures = figures_of (parse_object (sim.out, summary_parser));
  g_assert_cmpfloat (json_object_get_double_member (figures, "leads"), ==, 3000);

  run_cli (&funnel, "report", "--db", db, "funnel", "--json", NULL);
  g_assert_cmpint (funnel.status, ==, 0);
  f = parse_object (funnel.out, funnel_parser);
  g_assert_cmpint (json_object_get_int_member (f, "leads"), ==, 3000);
  stages = json_object_get_array_member (f, "stages");
  g_assert_cmpuint (json_array_get_length (stages), ==, 8);
  for (guint i = 0; i < json_array_get_length (stages); i++)
    {
      JsonObject *stage = json_array_get_object_element (stages, i);
      g_autofree char *key = g_strdup_printf ("funnel.%s.reached", json_object_get_string_member (stage, "id"));

      g_autofree char *advanced = g_strdup_printf ("funnel.%s.advanced", json_object_get_string_member (stage, "id"));

      g_assert_cmpfloat (json_object_get_int_member (stage, "reached"), ==,
                         json_object_get_double_member (figures, key));
      /* Drop-off is those that reached it and did not move on. */
      if (i + 1 < json_array_get_length (stages))
        g_assert_cmpfloat (json_object_get_int_member (stage, "reached") - json_object_get_int_member (stage, "dropOff"),
                           ==, json_object_get_double_member (figures, advanced));
    }

  run_cli (&sla, "report", "--db", db, "sla", "--json", NULL);
  g_assert_cmpint (sla.status, ==, 0);
  s = parse_object (sla.out, sla_parser);
  g_assert_cmpfloat (json_object_get_int_member (s, "met"), ==, json_object_get_double_member (figures, "sla.all.met"));
  g_assert_cmpfloat (json_object_get_int_member (s, "breached"), ==,
                     json_object_get_double_member (figures, "sla.all.breached"));
  g_assert_cmpfloat (json_object_get_int_member (s, "pending"), ==,
                     json_object_get_double_member (figures, "sla.all.pending"));

  run_cli (&routing, "report", "--db", db, "routing", "--json", NULL);
  g_assert_cmpint (routing.status, ==, 0);
  r = parse_object (routing.out, routing_parser);
  g_assert_cmpfloat (json_object_get_int_member (r, "fallback"), ==, json_object_get_double_member (figures, "fallback"));
  /* No lead is left without an owner: the sample has a fallback. */
  g_assert_cmpint (json_object_get_int_member (r, "unassigned"), ==,
                   3000 - (gint64) json_object_get_double_member (figures, "routed"));

  run_cli (&sources, "report", "--db", db, "sources", NULL);
  g_assert_cmpint (sources.status, ==, 0);
  g_assert_nonnull (strstr (sources.out, "Form"));
  /* Entry points by the labels of the run's scenario, not their ids. */
  g_assert_nonnull (strstr (sources.out, "Event and list imports"));
  g_assert_null (strstr (sources.out, "list-imports"));

  run_cli (&revisions, "revisions", "--db", db, NULL);
  g_assert_cmpint (revisions.status, ==, 0);
  g_assert_nonnull (strstr (revisions.out, "leadwright-cli simulate"));

  /* Lead 1's story, retraced from the recorded run. */
  run_cli (&explain, "explain", "--db", db, "1", NULL);
  g_assert_cmpstr (explain.err, ==, "");
  g_assert_cmpint (explain.status, ==, 0);
  g_assert_nonnull (strstr (explain.out, "Lead 1"));
  g_assert_nonnull (strstr (explain.out, "Scored"));

  run_cli (&bad_report, "report", "--db", db, "pipeline", NULL);
  g_assert_cmpint (bad_report.status, ==, 2);
  run_cli (&bad_lead, "explain", "--db", db, "3001", NULL);
  g_assert_cmpint (bad_lead.status, ==, 1);
  g_assert_nonnull (strstr (bad_lead.err, "leads 1 to 3000"));

  g_unlink (db);
}

/* The playbook document ends with the figures of the workspace's latest
 * run: the stage counts are the run's. */
static void
test_export_playbook_with_run (void)
{
  g_autofree char *config = lw_test_sample_path ("b2b-playbook.json");
  g_autofree char *db = g_build_filename (g_get_tmp_dir (), "lw-cli-playbook.leadwright", NULL);
  g_autofree char *missing = g_build_filename (g_get_tmp_dir (), "lw-cli-none.leadwright", NULL);
  g_autoptr(JsonParser) summary_parser = json_parser_new ();
  g_auto(Result) sim = { 0 };
  g_auto(Result) markdown = { 0 };
  g_auto(Result) html = { 0 };
  g_auto(Result) plain = { 0 };
  g_auto(Result) json = { 0 };
  g_auto(Result) no_db = { 0 };
  g_auto(Result) no_file = { 0 };
  g_autofree char *lead_row = NULL;
  JsonObject *figures;

  run_cli (&sim, "simulate", config, "--db", db, "--leads", "1000", "--days", "7", "--seed", "3", "--json", NULL);
  g_assert_cmpint (sim.status, ==, 0);
  figures = figures_of (parse_object (sim.out, summary_parser));

  run_cli (&markdown, "export", config, "--format", "markdown", "--db", db, NULL);
  g_assert_cmpint (markdown.status, ==, 0);
  g_assert_nonnull (strstr (markdown.out, "## Latest run"));
  g_assert_nonnull (strstr (markdown.out, "1000 leads over 7 days"));
  lead_row = g_strdup_printf ("| Lead | %.0f |", json_object_get_double_member (figures, "funnel.lead.reached"));
  g_assert_nonnull (strstr (markdown.out, lead_row));
  g_assert_nonnull (strstr (markdown.out, "| All policies |"));

  run_cli (&html, "export", config, "--format", "html", "--db", db, "--run", "1", NULL);
  g_assert_cmpint (html.status, ==, 0);
  g_assert_nonnull (strstr (html.out, "1000 leads over 7 days"));

  /* Without a workspace, the rules alone. */
  run_cli (&plain, "export", config, "--format", "markdown", NULL);
  g_assert_cmpint (plain.status, ==, 0);
  g_assert_null (strstr (plain.out, "## Latest run"));

  run_cli (&json, "export", config, "--format", "json", "--db", db, NULL);
  g_assert_cmpint (json.status, ==, 2);
  g_assert_nonnull (strstr (json.err, "--db and --run go with --format markdown or html"));
  run_cli (&no_db, "export", config, "--format", "markdown", "--run", "1", NULL);
  g_assert_cmpint (no_db.status, ==, 2);
  g_assert_nonnull (strstr (no_db.err, "--run needs --db FILE"));
  /* A missing workspace is an error, not a new empty file. */
  run_cli (&no_file, "export", config, "--format", "markdown", "--db", missing, NULL);
  g_assert_cmpint (no_file.status, !=, 0);
  g_assert_nonnull (strstr (no_file.err, "no such workspace file"));
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
}

static void
test_simulate_usage (void)
{
  g_autofree char *config = lw_test_sample_path ("b2b-playbook.json");
  g_auto(Result) no_db = { 0 };
  g_auto(Result) negative = { 0 };
  g_auto(Result) bad_scenario = { 0 };
  g_autofree char *scenario = write_temp ("lw-cli-bad-scenario.json", "{\"format\": \"leadwright-scenario\", \"version\": 1,\n \"bogus\": 1}\n");

  run_cli (&no_db, "simulate", config, "--leads", "10", NULL);
  g_assert_cmpint (no_db.status, ==, 2);
  run_cli (&negative, "simulate", config, "--no-store", "--leads", "-5", NULL);
  g_assert_cmpint (negative.status, ==, 2);
  run_cli (&bad_scenario, "simulate", config, "--no-store", "--scenario", scenario, NULL);
  g_assert_cmpint (bad_scenario.status, ==, 1);
  g_assert_nonnull (strstr (bad_scenario.err, "lw-cli-bad-scenario.json:"));
  g_unlink (scenario);
}

/* Two rule sets on the same leads: a change that sends every North
 * American lead to one owner shows up in routing and in the figures. */
static void
test_compare (void)
{
  g_autofree char *config = lw_test_sample_path ("b2b-playbook.json");
  g_autofree char *json = NULL;
  g_autofree char *changed = NULL;
  g_autofree char *path = NULL;
  g_auto(Result) same = { 0 };
  g_auto(Result) differ = { 0 };
  char *at;

  g_assert_true (g_file_get_contents (config, &json, NULL, NULL));
  at = strstr (json, "\"pool\": \"na-sdr\"");
  g_assert_nonnull (at);
  changed = g_strdup_printf ("%.*s\"pool\": \"lead-desk\"%s", (int) (at - json), json,
                             at + strlen ("\"pool\": \"na-sdr\""));
  path = write_temp ("lw-cli-compare.json", changed);

  run_cli (&same, "compare", config, config, "--leads", "1000", "--days", "3", NULL);
  g_assert_cmpint (same.status, ==, 0);
  run_cli (&differ, "compare", config, path, "--leads", "1000", "--days", "3", NULL);
  g_assert_cmpint (differ.status, ==, 0);
  g_assert_cmpstr (same.out, !=, differ.out);
  g_unlink (path);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/cli/validate/sample-is-clean", test_validate_sample_is_clean);
  g_test_add_func ("/cli/validate/located-error", test_validate_reports_located_error);
  g_test_add_func ("/cli/validate/missing-file", test_validate_missing_file);
  g_test_add_func ("/cli/usage-errors", test_usage_errors);
  g_test_add_func ("/cli/score/sample-lead", test_score_sample_lead);
  g_test_add_func ("/cli/route/sample-lead", test_route_sample_lead);
  g_test_add_func ("/cli/export/json-round-trip", test_export_json_round_trips);
  g_test_add_func ("/cli/simulate/deterministic", test_simulate_is_deterministic);
  g_test_add_func ("/cli/simulate/report", test_simulate_then_report);
  g_test_add_func ("/cli/simulate/usage", test_simulate_usage);
  g_test_add_func ("/cli/export/playbook-with-run", test_export_playbook_with_run);
  g_test_add_func ("/cli/compare", test_compare);

  return g_test_run ();
}
