/* test-scenario.c: the scenario format, its errors and its models
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "lw-config-json.h"
#include "lw-rng.h"
#include "lw-scenario.h"
#include "lw-simulator.h"
#include "lw-test-utils.h"

#define HEAD \
  "{\n" \
  "  \"format\": \"leadwright-scenario\",\n" \
  "  \"version\": 1,\n"

#define ENTRY_POINTS \
  "  \"entryPoints\": [\n" \
  "    { \"id\": \"web\", \"source\": \"form\", \"intent\": \"high\", \"share\": 1 }\n" \
  "  ]\n"

static LwScenario *
load_ok (const char *json)
{
  g_autoptr(GPtrArray) diagnostics = lw_diagnostics_new ();
  g_autoptr(GError) error = NULL;
  LwScenario *scenario;

  scenario = lw_scenario_load_data (json, -1, "test.json", diagnostics, &error);
  g_assert_no_error (error);
  g_assert_nonnull (scenario);
  g_assert_cmpuint (diagnostics->len, ==, 0);
  return scenario;
}

/* Asserts that @json fails with @code and exactly @message as the error. */
static void
assert_fails (const char      *json,
              LwScenarioError  code,
              const char      *message)
{
  g_autoptr(GPtrArray) diagnostics = lw_diagnostics_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LwScenario) scenario = NULL;

  scenario = lw_scenario_load_data (json, -1, "test.json", diagnostics, &error);
  g_assert_null (scenario);
  g_assert_error (error, LW_SCENARIO_ERROR, (int) code);
  g_assert_cmpstr (error->message, ==, message);
  g_assert_cmpuint (diagnostics->len, >=, 1);
}

/* ---- the sample --------------------------------------------------------------- */

static void
test_sample_loads (void)
{
  g_autofree char *path = lw_test_sample_path ("inbound-scenario.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(LwScenario) scenario = lw_scenario_load_file (path, NULL, &error);
  const LwEntryPoint *demo;
  const LwPropertyDist *segment = NULL;
  double free_share = 0;
  double total_share = 0;

  g_assert_no_error (error);
  g_assert_nonnull (scenario);
  g_assert_cmpstr (scenario->time_zone, ==, "America/New_York");
  g_assert_cmpint (scenario->start, ==, lw_test_time ("2026-03-02T05:00:00Z"));
  g_assert_cmpuint (scenario->days, ==, 30);
  g_assert_cmpuint (scenario->entry_points->len, ==, 7);

  demo = g_ptr_array_index (scenario->entry_points, 0);
  g_assert_cmpstr (demo->id, ==, "demo-forms");
  g_assert_cmpstr (demo->source, ==, "form");
  g_assert_cmpint (demo->intent, ==, LW_INTENT_HIGH);

  /* The overall share of free email sits between 25 and 35 % (each entry
   * point's own share, weighted by its share of arrivals). */
  for (guint i = 0; i < scenario->entry_points->len; i++)
    {
      const LwEntryPoint *e = g_ptr_array_index (scenario->entry_points, i);

      total_share += e->share;
      free_share += e->share * (e->has_free_email_share ? e->free_email_share
                                                        : scenario->email.free_share);
    }
  g_assert_cmpfloat (free_share / total_share, >=, 0.25);
  g_assert_cmpfloat (free_share / total_share, <=, 0.35);

  /* Segment is derived from employees, with the playbook's bands. */
  for (guint i = 0; i < scenario->properties->len && segment == NULL; i++)
    {
      const LwPropertyDist *dist = g_ptr_array_index (scenario->properties, i);

      if (g_strcmp0 (dist->property, "segment") == 0)
        segment = dist;
    }
  g_assert_nonnull (segment);
  g_assert_cmpint (segment->kind, ==, LW_VALUES_BANDS);
  g_assert_cmpstr (segment->bands_of, ==, "employees");
  g_assert_cmpfloat (((LwBand *) g_ptr_array_index (segment->bands, 0))->below, ==, 200);
  g_assert_cmpfloat (((LwBand *) g_ptr_array_index (segment->bands, 1))->below, ==, 1000);
}

/* The sample is written canonically: saving it gives its own bytes, and
 * load -> save -> load -> save is stable. */
static void
test_sample_round_trip (void)
{
  g_autofree char *path = lw_test_sample_path ("inbound-scenario.json");
  g_autofree char *file = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *again = NULL;
  g_autoptr(LwScenario) scenario = NULL;
  g_autoptr(LwScenario) reloaded = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_get_contents (path, &file, NULL, &error));
  g_assert_no_error (error);
  scenario = load_ok (file);
  saved = lw_scenario_to_data (scenario, NULL);
  g_assert_cmpstr (saved, ==, file);

  reloaded = load_ok (saved);
  again = lw_scenario_to_data (reloaded, NULL);
  g_assert_cmpstr (again, ==, saved);
}

static void
test_defaults (void)
{
  g_autoptr(LwScenario) scenario = load_ok (HEAD ENTRY_POINTS "}\n");
  const LwEntryPoint *web = g_ptr_array_index (scenario->entry_points, 0);
  g_autofree char *text = NULL;
  g_autoptr(LwScenario) reloaded = NULL;
  g_autofree char *again = NULL;

  g_assert_cmpstr (scenario->time_zone, ==, "UTC");
  g_assert_cmpuint (scenario->leads, ==, 3000);
  g_assert_cmpuint (scenario->days, ==, 30);
  g_assert_cmpstr (web->label, ==, "web");
  g_assert_cmpfloat (web->hourly[13], ==, 1.0);
  g_assert_cmpfloat (web->weekly[6], ==, 1.0);
  g_assert_cmpstr (scenario->conversion.statuses[LW_SIM_STATUS_BAD_TIMING], ==, "bad-timing");
  g_assert_cmpfloat (scenario->conversion.sql.rate[LW_INTENT_HIGH], ==, 0.45);

  /* Defaults are written out and read back the same. */
  text = lw_scenario_to_data (scenario, NULL);
  reloaded = load_ok (text);
  again = lw_scenario_to_data (reloaded, NULL);
  g_assert_cmpstr (again, ==, text);
}

/* Null parts of the address are kept as null, through a round trip. */
static void
test_null_email_parts (void)
{
  g_autoptr(LwScenario) scenario = load_ok (HEAD ENTRY_POINTS ",\n"
                                            "  \"email\": { \"property\": null, \"company\": null }\n"
                                            "}\n");
  g_autofree char *text = NULL;
  g_autoptr(LwScenario) reloaded = NULL;

  g_assert_null (scenario->email.property);
  g_assert_null (scenario->email.company);
  g_assert_cmpstr (scenario->email.first_name, ==, "first_name");
  text = lw_scenario_to_data (scenario, NULL);
  g_assert_nonnull (strstr (text, "\"property\": null"));
  reloaded = load_ok (text);
  g_assert_null (reloaded->email.property);
  g_assert_null (reloaded->email.company);
}

static void
test_save_file (void)
{
  g_autoptr(LwScenario) scenario = load_ok (HEAD "  \"name\": \"Q3 \\\"launch\\\"\\n\",\n"
                                            ENTRY_POINTS "}\n");
  g_autofree char *dir = g_dir_make_tmp ("lw-scenario-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "s.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LwScenario) reloaded = NULL;

  g_assert_true (lw_scenario_save_file (scenario, path, &error));
  g_assert_no_error (error);
  reloaded = lw_scenario_load_file (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (reloaded->name, ==, "Q3 \"launch\"\n");
  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* ---- errors, located like the rule set's ---------------------------------------- */

static void
test_error_unknown_field (void)
{
  assert_fails (HEAD "  \"colour\": \"blue\",\n" ENTRY_POINTS "}\n",
                LW_SCENARIO_ERROR_INVALID,
                "test.json:4:3: error: $.colour: unknown field \"colour\"");
}

static void
test_error_wrong_type (void)
{
  assert_fails (HEAD
                "  \"entryPoints\": [\n"
                "    { \"id\": \"web\", \"source\": \"form\", \"intent\": \"high\", \"share\": \"ten\" }\n"
                "  ]\n"
                "}\n",
                LW_SCENARIO_ERROR_INVALID,
                "test.json:5:65: error: $.entryPoints[0].share: expected a number, got a string");
}

/* Every error is collected; the first one is the GError. */
static void
test_error_all_collected (void)
{
  g_autoptr(GPtrArray) diagnostics = lw_diagnostics_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LwScenario) scenario = NULL;
  const LwDiagnostic *d;

  scenario = lw_scenario_load_data (HEAD
                                    "  \"entryPoints\": [\n"
                                    "    { \"id\": \"web\", \"source\": \"form\", \"intent\": \"urgent\", \"share\": 1,\n"
                                    "      \"hourly\": [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1] }\n"
                                    "  ]\n"
                                    "}\n", -1, "test.json", diagnostics, &error);
  g_assert_null (scenario);
  g_assert_error (error, LW_SCENARIO_ERROR, LW_SCENARIO_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "test.json:5:48: error: $.entryPoints[0].intent: unknown intent \"urgent\" "
                   "(expected high, medium or low)");
  g_assert_cmpuint (diagnostics->len, ==, 2);
  d = lw_test_assert_diagnostic (diagnostics, LW_SEVERITY_ERROR, "$.entryPoints[0].hourly",
                                 "expected 24 numbers, got 23");
  g_assert_cmpint (d->line, ==, 6);
  g_assert_cmpint (d->column, ==, 17);
  g_assert_cmpstr (d->file, ==, "test.json");
}

static void
test_error_newer_version (void)
{
  assert_fails ("{\n"
                "  \"format\": \"leadwright-scenario\",\n"
                "  \"version\": 2,\n"
                ENTRY_POINTS
                "}\n",
                LW_SCENARIO_ERROR_VERSION,
                "test.json:3:14: error: $.version: written by a newer version of Leadwright "
                "(scenario version 2; this one reads version 1 and older)");
}

static void
test_error_wrong_format (void)
{
  assert_fails ("{\n"
                "  \"format\": \"leadwright-config\",\n"
                "  \"version\": 1\n"
                "}\n",
                LW_SCENARIO_ERROR_FORMAT,
                "test.json:2:13: error: $.format: not a Leadwright scenario: expected "
                "\"format\": \"leadwright-scenario\"");
  assert_fails ("[1, 2]\n",
                LW_SCENARIO_ERROR_FORMAT,
                "test.json:1:1: error: $: expected an object, got an array");
}

static void
test_error_syntax (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwScenario) scenario = NULL;

  /* A missing comma after line 3's value: the scanner stops at the next
   * key, line 4 column 3. */
  scenario = lw_scenario_load_data ("{\n"
                                    "  \"format\": \"leadwright-scenario\",\n"
                                    "  \"version\": 1\n"
                                    "  \"name\": \"x\"\n"
                                    "}\n", -1, "test.json", NULL, &error);
  g_assert_null (scenario);
  g_assert_error (error, LW_SCENARIO_ERROR, LW_SCENARIO_ERROR_PARSE);
  g_assert_true (g_str_has_prefix (error->message, "test.json:4:3: error: "));

  g_clear_error (&error);
  scenario = lw_scenario_load_data ("{ \"format\": \"leadwright-\xff\" }", -1, "bad.json",
                                    NULL, &error);
  g_assert_null (scenario);
  g_assert_error (error, LW_SCENARIO_ERROR, LW_SCENARIO_ERROR_PARSE);
  g_assert_true (g_str_has_prefix (error->message, "bad.json:1:"));
}

static void
test_error_depends_on_later (void)
{
  assert_fails (HEAD ENTRY_POINTS ",\n"
                "  \"properties\": {\n"
                "    \"country\": { \"dependsOn\": \"region\", \"weights\": { \"NA\": { \"US\": 1 } } },\n"
                "    \"region\": { \"weights\": { \"NA\": 1 } }\n"
                "  }\n"
                "}\n",
                LW_SCENARIO_ERROR_INVALID,
                "test.json:9:31: error: $.properties.country.dependsOn: \"region\" is not drawn "
                "before this property in $.properties");
}

static void
test_error_conversion_sum (void)
{
  assert_fails (HEAD ENTRY_POINTS ",\n"
                "  \"conversion\": {\n"
                "    \"sql\": { \"rate\": { \"high\": 0.7, \"medium\": 0.3, \"low\": 0.1 } },\n"
                "    \"unqualified\": 0.4,\n"
                "    \"badTiming\": 0.1\n"
                "  }\n"
                "}\n",
                LW_SCENARIO_ERROR_INVALID,
                "test.json:8:17: error: $.conversion: for high intent, sql.rate, unqualified and "
                "badTiming add up to 1.2, more than 1");
}

static void
test_error_values (void)
{
  /* A time zone that does not exist. */
  assert_fails (HEAD "  \"timeZone\": \"Mars/Olympus\",\n" ENTRY_POINTS "}\n",
                LW_SCENARIO_ERROR_INVALID,
                "test.json:4:15: error: $.timeZone: unknown time zone \"Mars/Olympus\" "
                "(expected an IANA name such as \"America/New_York\")");

  /* Two kinds of numeric distribution at once. */
  assert_fails (HEAD ENTRY_POINTS ",\n"
                "  \"properties\": {\n"
                "    \"employees\": { \"uniform\": { \"min\": 1, \"max\": 9 }, \"normal\": { \"mean\": 5, \"sd\": 1 } }\n"
                "  }\n"
                "}\n",
                LW_SCENARIO_ERROR_INVALID,
                "test.json:9:55: error: $.properties.employees.normal: \"normal\" cannot be "
                "used with \"uniform\"");

  /* Bands must rise. */
  assert_fails (HEAD ENTRY_POINTS ",\n"
                "  \"properties\": {\n"
                "    \"employees\": { \"constant\": 5 },\n"
                "    \"segment\": { \"bandsOf\": \"employees\", \"bands\": [\n"
                "      { \"value\": \"smb\", \"below\": 200 },\n"
                "      { \"value\": \"mid\", \"below\": 100 },\n"
                "      { \"value\": \"ent\" } ] }\n"
                "  }\n"
                "}\n",
                LW_SCENARIO_ERROR_INVALID,
                "test.json:12:34: error: $.properties.segment.bands[1].below: must be more than "
                "the band before's");

  /* Shares are between 0 and 1. */
  assert_fails (HEAD ENTRY_POINTS ",\n"
                "  \"email\": { \"freeShare\": 1.5, \"freeDomains\": { \"gmail.com\": 1 } }\n"
                "}\n",
                LW_SCENARIO_ERROR_INVALID,
                "test.json:8:27: error: $.email.freeShare: must be between 0 and 1");

  /* Weights that add up to nothing. */
  assert_fails (HEAD ENTRY_POINTS ",\n"
                "  \"properties\": { \"region\": { \"weights\": { \"NA\": 0, \"EMEA\": 0 } } }\n"
                "}\n",
                LW_SCENARIO_ERROR_INVALID,
                "test.json:8:42: error: $.properties.region.weights: the weights add up to 0");

  /* An entry point override of a property that is not drawn. */
  assert_fails (HEAD
                "  \"entryPoints\": [\n"
                "    { \"id\": \"web\", \"source\": \"form\", \"intent\": \"low\", \"share\": 1,\n"
                "      \"properties\": { \"conversion\": { \"weights\": { \"chat\": 1 } } } }\n"
                "  ]\n"
                "}\n",
                LW_SCENARIO_ERROR_INVALID,
                "test.json:6:23: error: $.entryPoints[0].properties.conversion: \"conversion\" "
                "is not drawn in $.properties, so there is nothing to override");

  /* Unknown fields deep down are located at their key. */
  assert_fails (HEAD ENTRY_POINTS ",\n"
                "  \"reps\": { \"responseMinutes\": { \"lognormal\": { \"median\": 30, \"sigma\": 1, \"mode\": 2 } } }\n"
                "}\n",
                LW_SCENARIO_ERROR_INVALID,
                "test.json:8:75: error: $.reps.responseMinutes.lognormal.mode: unknown field \"mode\"");

  /* Duplicate entry point ids. */
  assert_fails (HEAD
                "  \"entryPoints\": [\n"
                "    { \"id\": \"web\", \"source\": \"form\", \"intent\": \"low\", \"share\": 1 },\n"
                "    { \"id\": \"web\", \"source\": \"chat\", \"intent\": \"high\", \"share\": 1 }\n"
                "  ]\n"
                "}\n",
                LW_SCENARIO_ERROR_INVALID,
                "test.json:6:13: error: $.entryPoints[1].id: duplicate id \"web\"");

  /* A scenario needs entry points. */
  assert_fails (HEAD "  \"leads\": 10\n}\n",
                LW_SCENARIO_ERROR_INVALID,
                "test.json:1:1: error: $: missing required field \"entryPoints\"");
}

/* ---- email domains ------------------------------------------------------------------ */

static void
test_domain_rules (void)
{
  const char * const good[] = {
    "example.com", "mail.example.co.uk", "a.io", "x-y.example", "123.example", "gmail.com",
    "a23456789012345678901234567890123456789012345678901234567890123.com",
  };
  struct { const char *domain; const char *fragment; } bad[] = {
    { "", "expected a domain" },
    { "https://example.com", "no scheme" },
    { "ftp://example.com", "no scheme" },
    { "sales@example.com", "no \"@\"" },
    { "@example.com", "no \"@\"" },
    { "rival crm.com", "no spaces" },
    { " example.com", "no spaces" },
    { "example.com\t", "no spaces" },
    { "localhost", "a dot between its parts" },
    { ".example.com", "a dot between its parts" },
    { "example.com.", "a dot between its parts" },
    { "example..com", "a dot between its parts" },
    { "Example.com", "lower case" },
    { "example.COM", "lower case" },
    { "exa_mple.com", "only letters a to z" },
    { "example.com/path", "only letters a to z" },
    { "b\xc3\xbc" "cher.de", "only letters a to z" },
    { "-example.com", "begin or end with \"-\"" },
    { "example-.com", "begin or end with \"-\"" },
    { "example.com-", "begin or end with \"-\"" },
    { "a234567890123456789012345678901234567890123456789012345678901234.com", "at most 63" },
  };
  g_autoptr(GString) long_domain = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    g_assert_null (lw_scenario_domain_problem (good[i]));
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      const char *problem = lw_scenario_domain_problem (bad[i].domain);

      if (problem == NULL || strstr (problem, bad[i].fragment) == NULL)
        g_error ("\"%s\": expected a problem with \"%s\", got \"%s\"",
                 bad[i].domain, bad[i].fragment, problem);
    }

  /* 4 × 63 + 3 dots = 255 characters: every part may be that long, the
   * whole may not. */
  for (guint i = 0; i < 4; i++)
    {
      if (i > 0)
        g_string_append_c (long_domain, '.');
      for (guint j = 0; j < 63; j++)
        g_string_append_c (long_domain, 'a');
    }
  g_assert_cmpuint (long_domain->len, ==, 255);
  g_assert_nonnull (strstr (lw_scenario_domain_problem (long_domain->str), "at most 253"));
  g_string_truncate (long_domain, 253);
  g_assert_null (lw_scenario_domain_problem (long_domain->str));
}

/* A domain that is not one is refused where it is: the free and competitor
 * lists at the key, the account list at the element; each one is found. */
static void
test_error_domains (void)
{
  g_autoptr(GPtrArray) diagnostics = lw_diagnostics_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LwScenario) scenario = NULL;
  g_autoptr(LwScenario) good = NULL;
  const LwDiagnostic *d;

  scenario = lw_scenario_load_data (HEAD ENTRY_POINTS ",\n"
                                    "  \"email\": {\n"
                                    "    \"freeShare\": 0.5,\n"
                                    "    \"freeDomains\": { \"gmail.com\": 3, \"me@yahoo.com\": 1 },\n"
                                    "    \"accountDomains\": [ \"acme.com\", \"https://globex.com\", \"\", 7 ],\n"
                                    "    \"competitorShare\": 0.1,\n"
                                    "    \"competitorDomains\": { \"RivalCRM.com\": 1, \"leadlane.com\": 1 }\n"
                                    "  }\n"
                                    "}\n", -1, "test.json", diagnostics, &error);
  g_assert_null (scenario);
  g_assert_error (error, LW_SCENARIO_ERROR, LW_SCENARIO_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "test.json:10:38: error: $.email.freeDomains[\"me@yahoo.com\"]: a domain has no "
                   "\"@\": write only the part after it, such as example.com");
  g_assert_cmpuint (diagnostics->len, ==, 5);
  d = lw_test_assert_diagnostic (diagnostics, LW_SEVERITY_ERROR, "$.email.accountDomains[1]",
                                 "no scheme");
  g_assert_cmpint (d->line, ==, 11);
  g_assert_cmpint (d->column, ==, 37);
  lw_test_assert_diagnostic (diagnostics, LW_SEVERITY_ERROR, "$.email.accountDomains[2]",
                             "expected a domain");
  lw_test_assert_diagnostic (diagnostics, LW_SEVERITY_ERROR, "$.email.accountDomains[3]",
                             "expected a domain");
  d = lw_test_assert_diagnostic (diagnostics, LW_SEVERITY_ERROR,
                                 "$.email.competitorDomains[\"RivalCRM.com\"]", "lower case");
  g_assert_cmpint (d->line, ==, 13);
  g_assert_cmpint (d->column, ==, 28);

  /* The same lists, every domain good, load and keep their domains. */
  good = load_ok (HEAD ENTRY_POINTS ",\n"
                  "  \"email\": {\n"
                  "    \"freeShare\": 0.5,\n"
                  "    \"freeDomains\": { \"gmail.com\": 3, \"yahoo.co.uk\": 1 },\n"
                  "    \"accountDomains\": [ \"acme.com\", \"globex-corp.com\" ],\n"
                  "    \"competitorShare\": 0.1,\n"
                  "    \"competitorDomains\": { \"rivalcrm.com\": 1 }\n"
                  "  }\n"
                  "}\n");
  g_assert_cmpuint (good->email.free_domains->len, ==, 2);
  g_assert_cmpstr (((LwWeight *) g_ptr_array_index (good->email.free_domains, 1))->value, ==, "yahoo.co.uk");
  g_assert_cmpuint (g_strv_length (good->email.account_domains), ==, 2);
  g_assert_cmpstr (good->email.account_domains[1], ==, "globex-corp.com");
}

/* ---- fitting a rule set ------------------------------------------------------------- */

/* A status a step of the conversion sets that the rules lack: the run
 * goes on without it, and says so with the scenario's path. */
static void
test_fit_unknown_status (void)
{
  g_autofree char *config_file = g_build_filename (g_getenv ("LW_SAMPLES_DIR"), "b2b-playbook.json", NULL);
  g_autofree char *scenario_file = g_build_filename (g_getenv ("LW_SAMPLES_DIR"), "inbound-scenario.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LwConfig) config = lw_config_load_file (config_file, NULL, &error);
  g_autoptr(LwScenario) scenario = NULL;
  LwSimOptions options = LW_SIM_OPTIONS_INIT;
  LwSimulation *simulation;
  GPtrArray *warnings;

  g_assert_no_error (error);
  scenario = lw_scenario_load_file (scenario_file, NULL, &error);
  g_assert_no_error (error);

  /* The sample names only statuses the sample rules have. */
  simulation = lw_simulation_new (config, scenario, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lw_simulation_get_warnings (simulation)->len, ==, 0);
  lw_simulation_free (simulation);

  /* Two the rules lack, one set to none (no status on purpose: no word). */
  g_free (scenario->conversion.statuses[LW_SIM_STATUS_QUALIFIED]);
  scenario->conversion.statuses[LW_SIM_STATUS_QUALIFIED] = g_strdup ("sales-ready");
  g_free (scenario->conversion.statuses[LW_SIM_STATUS_BAD_TIMING]);
  scenario->conversion.statuses[LW_SIM_STATUS_BAD_TIMING] = g_strdup ("nurture");
  g_clear_pointer (&scenario->conversion.statuses[LW_SIM_STATUS_CONNECTED], g_free);
  simulation = lw_simulation_new (config, scenario, &options, &error);
  g_assert_no_error (error);
  g_assert_nonnull (simulation);
  warnings = lw_simulation_get_warnings (simulation);
  g_assert_cmpuint (warnings->len, ==, 2);
  g_assert_cmpuint (lw_diagnostics_count (warnings, LW_SEVERITY_WARNING), ==, 2);
  lw_test_assert_diagnostic (warnings, LW_SEVERITY_WARNING, "$.conversion.statuses.qualified",
                             "the rules have no lead status “sales-ready”");
  lw_test_assert_diagnostic (warnings, LW_SEVERITY_WARNING, "$.conversion.statuses.badTiming",
                             "the rules have no lead status “nurture”");
  lw_simulation_free (simulation);

  g_assert_cmpstr (lw_sim_status_to_key (LW_SIM_STATUS_NEW), ==, "new");
  g_assert_cmpstr (lw_sim_status_to_key (LW_SIM_STATUS_BAD_TIMING), ==, "badTiming");
}

/* ---- the models ----------------------------------------------------------------- */

/* rate × (floor + (1 − floor) × 0.5^(t / half-life)), computed by hand. */
static void
test_speed_factor (void)
{
  g_autoptr(LwScenario) scenario = lw_scenario_new ();
  LwConversionModel *c = &scenario->conversion;
  LwStepRate late = { { 0.5, 0.5, 0.5 }, TRUE, 0.8 };

  c->floor = 0.1;
  c->half_life_minutes = 30;
  g_assert_cmpfloat_with_epsilon (lw_conversion_speed_factor (c, &c->sql, 0), 1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (lw_conversion_speed_factor (c, &c->sql, 30), 0.55, 1e-12);
  g_assert_cmpfloat_with_epsilon (lw_conversion_speed_factor (c, &c->sql, 60), 0.325, 1e-12);
  g_assert_cmpfloat_with_epsilon (lw_conversion_speed_factor (c, &c->sql, 90), 0.2125, 1e-12);
  /* Negative delays count as none; a step's own floor wins. */
  g_assert_cmpfloat_with_epsilon (lw_conversion_speed_factor (c, &c->sql, -5), 1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (lw_conversion_speed_factor (c, &late, 30), 0.9, 1e-12);
  /* Within an hour vs a day: the 2011 HBR study's order of magnitude. */
  g_assert_cmpfloat (lw_conversion_speed_factor (c, &c->sql, 5) /
                     lw_conversion_speed_factor (c, &c->sql, 24 * 60), >, 7.0);
}

static void
test_number_dist (void)
{
  LwNumberDist constant = { LW_NUMBER_CONSTANT, 7.6, 0, FALSE, 0, TRUE, 7.0, FALSE };
  LwNumberDist rounded = { LW_NUMBER_CONSTANT, 2.5, 0, FALSE, 0, FALSE, 0, TRUE };
  LwNumberDist uniform = { LW_NUMBER_UNIFORM, 10, 20, TRUE, 12, FALSE, 0, FALSE };
  LwRng rng;
  guint clamped = 0;

  lw_rng_init (&rng, 1, 2);
  /* Clamped to the max, then not rounded. */
  g_assert_cmpfloat (lw_number_dist_sample (&constant, &rng), ==, 7.0);
  /* Rounded half up. */
  g_assert_cmpfloat (lw_number_dist_sample (&rounded, &rng), ==, 3.0);
  for (guint i = 0; i < 1000; i++)
    {
      double x = lw_number_dist_sample (&uniform, &rng);

      g_assert_cmpfloat (x, >=, 12);
      g_assert_cmpfloat (x, <, 20);
      clamped += x == 12;
    }
  /* A fifth of uniform [10, 20) falls below 12 and is clamped to it. */
  g_assert_cmpuint (clamped, >, 150);
  g_assert_cmpuint (clamped, <, 250);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/scenario/sample/loads", test_sample_loads);
  g_test_add_func ("/scenario/sample/round-trip", test_sample_round_trip);
  g_test_add_func ("/scenario/defaults", test_defaults);
  g_test_add_func ("/scenario/save-file", test_save_file);
  g_test_add_func ("/scenario/null-email-parts", test_null_email_parts);
  g_test_add_func ("/scenario/errors/unknown-field", test_error_unknown_field);
  g_test_add_func ("/scenario/errors/wrong-type", test_error_wrong_type);
  g_test_add_func ("/scenario/errors/all-collected", test_error_all_collected);
  g_test_add_func ("/scenario/errors/newer-version", test_error_newer_version);
  g_test_add_func ("/scenario/errors/wrong-format", test_error_wrong_format);
  g_test_add_func ("/scenario/errors/syntax", test_error_syntax);
  g_test_add_func ("/scenario/errors/depends-on-later", test_error_depends_on_later);
  g_test_add_func ("/scenario/errors/conversion-sum", test_error_conversion_sum);
  g_test_add_func ("/scenario/errors/values", test_error_values);
  g_test_add_func ("/scenario/errors/domains", test_error_domains);
  g_test_add_func ("/scenario/domain-rules", test_domain_rules);
  g_test_add_func ("/scenario/fit/unknown-status", test_fit_unknown_status);
  g_test_add_func ("/scenario/model/speed-factor", test_speed_factor);
  g_test_add_func ("/scenario/model/number-dist", test_number_dist);

  return g_test_run ();
}
