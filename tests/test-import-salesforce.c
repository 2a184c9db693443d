/* test-import-salesforce.c: Salesforce Lead assignment rules read back
 *
 * The base rule set of most tests (see BASE_CONFIG):
 *
 *   properties  country enum (US "United States", CA, DE), employees number,
 *               segment enum (smb, ent), job_title string, region enum
 *               (NA, EMEA), signed_up datetime, partner boolean
 *   reps        ana (ana@example.com), ben (ben@example.com, manager of "emea")
 *   pools       sdrs (ana, ben)
 *   routing     one rule "old" (replaced by every import); fallback ben
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "lw-export-salesforce.h"
#include "lw-import-salesforce.h"
#include "lw-routing.h"
#include "lw-test-utils.h"

#define BASE_CONFIG \
  "{\n" \
  "  \"format\": \"leadwright-config\", \"version\": 1, \"name\": \"Base\",\n" \
  "  \"properties\": [\n" \
  "    { \"id\": \"country\", \"label\": \"Country\", \"type\": \"enum\", \"options\": [\n" \
  "      { \"value\": \"US\", \"label\": \"United States\" }, { \"value\": \"CA\", \"label\": \"Canada\" },\n" \
  "      { \"value\": \"DE\", \"label\": \"Germany\" } ] },\n" \
  "    { \"id\": \"employees\", \"label\": \"Employees\", \"type\": \"number\" },\n" \
  "    { \"id\": \"segment\", \"label\": \"Segment\", \"type\": \"enum\", \"options\": [\n" \
  "      { \"value\": \"smb\", \"label\": \"SMB\" }, { \"value\": \"ent\", \"label\": \"Enterprise\" } ] },\n" \
  "    { \"id\": \"job_title\", \"label\": \"Job title\", \"type\": \"string\" },\n" \
  "    { \"id\": \"region\", \"label\": \"Region\", \"type\": \"enum\", \"options\": [\n" \
  "      { \"value\": \"NA\", \"label\": \"North America\" }, { \"value\": \"EMEA\", \"label\": \"EMEA\" } ] },\n" \
  "    { \"id\": \"signed_up\", \"label\": \"Signed up\", \"type\": \"datetime\" },\n" \
  "    { \"id\": \"partner\", \"label\": \"Partner\", \"type\": \"boolean\" } ],\n" \
  "  \"activities\": [],\n" \
  "  \"lifecycle\": {\n" \
  "    \"stages\": [ { \"id\": \"lead\", \"label\": \"Lead\", \"hubspotValue\": \"lead\", \"definition\": \"Known.\",\n" \
  "        \"owner\": \"marketing\", \"nextStep\": \"Score.\" },\n" \
  "      { \"id\": \"mql\", \"label\": \"MQL\", \"hubspotValue\": \"marketingqualifiedlead\",\n" \
  "        \"definition\": \"Qualified.\", \"owner\": \"sdr\", \"nextStep\": \"Call.\" } ],\n" \
  "    \"statuses\": [ { \"id\": \"new\", \"label\": \"New\", \"hubspotValue\": \"NEW\" } ],\n" \
  "    \"paths\": [] },\n" \
  "  \"scoring\": { \"fit\": { \"criteria\": [] }, \"engagement\": { \"criteria\": [] },\n" \
  "    \"mql\": { \"total\": 40 }, \"mqlStage\": \"mql\", \"grades\": { \"fit\": [], \"engagement\": [] } },\n" \
  "  \"routing\": { \"rules\": [ { \"id\": \"old\", \"label\": \"Old\", \"assign\": { \"type\": \"owner\", \"owner\": \"ana\" } } ],\n" \
  "    \"fallback\": { \"owner\": \"ben\" } },\n" \
  "  \"slas\": [],\n" \
  "  \"team\": {\n" \
  "    \"reps\": [\n" \
  "      { \"id\": \"ana\", \"name\": \"Ana Silva\", \"email\": \"ana@example.com\", \"role\": \"sdr\", \"team\": \"emea\",\n" \
  "        \"timeZone\": \"Europe/Berlin\", \"workingHours\": { \"mon\": [\"09:00-17:00\"] }, \"capacity\": 0 },\n" \
  "      { \"id\": \"ben\", \"name\": \"Ben Okafor\", \"email\": \"ben@example.com\", \"role\": \"manager\", \"team\": \"emea\",\n" \
  "        \"timeZone\": \"Europe/London\", \"workingHours\": { \"mon\": [\"09:00-17:00\"] }, \"capacity\": 0 } ],\n" \
  "    \"teams\": [ { \"id\": \"emea\", \"label\": \"EMEA\", \"manager\": \"ben\" } ],\n" \
  "    \"pools\": [ { \"id\": \"sdrs\", \"label\": \"SDRs\", \"members\": [\"ana\", \"ben\"], \"weighted\": false,\n" \
  "      \"respectCapacity\": false, \"workingHours\": false, \"outOfOffice\": false } ] },\n" \
  "  \"accounts\": []\n" \
  "}\n"

/* A new empty directory inside the test's private directories, which the
 * test framework removes when the test ends. */
static char *
make_test_dir (const char *name)
{
  char *dir = g_build_filename (g_get_user_cache_dir (), name, NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  return dir;
}

/* Assignment rules with @entries inside the one assignmentRule. */
#define RULES(entries) \
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
  "<AssignmentRules xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n" \
  "    <assignmentRule>\n" \
  "        <fullName>Test</fullName>\n" \
  "        <active>true</active>\n" \
  entries \
  "    </assignmentRule>\n" \
  "</AssignmentRules>\n"

#define ITEM(field, operation, value) \
  "<criteriaItems><field>" field "</field><operation>" operation "</operation>" \
  "<value>" value "</value></criteriaItems>"

#define TO_ANA "<assignedTo>ana@example.com</assignedTo><assignedToType>User</assignedToType>"
#define TO_BEN "<assignedTo>ben@example.com</assignedTo><assignedToType>User</assignedToType>"

static LwConfig *
import_ok (const LwConfig            *base,
           const LwSalesforceMapping *mapping,
           const char                *xml,
           GPtrArray                 *report)
{
  g_autoptr(GError) error = NULL;
  LwConfig *config = lw_salesforce_import (base, mapping, xml, -1, "rules.xml", report, &error);

  g_assert_no_error (error);
  g_assert_nonnull (config);
  return config;
}

static void
print_report (GPtrArray *report)
{
  for (guint i = 0; i < report->len; i++)
    {
      g_autofree char *text = lw_diagnostic_format (g_ptr_array_index (report, i));

      g_printerr ("%s\n", text);
    }
}

static const LwFilter *
get_filter (const LwConfig *config,
            guint           rule,
            guint           group,
            guint           filter)
{
  const LwRoutingRule *r = g_ptr_array_index (config->rules, rule);
  const LwFilterGroup *g = g_ptr_array_index (r->when->groups, group);

  return g_ptr_array_index (g->filters, filter);
}

static void
assert_filter (const LwFilter *filter,
               const char     *property,
               LwOperator      op,
               const char     *value)
{
  g_assert_cmpstr (filter->property, ==, property);
  g_assert_cmpstr (lw_operator_to_string (filter->op), ==, lw_operator_to_string (op));
  g_assert_cmpstr (filter->value, ==, value);
}

static guint
n_groups (const LwConfig *config,
          guint           rule)
{
  return ((LwRoutingRule *) g_ptr_array_index (config->rules, rule))->when->groups->len;
}

static guint
n_filters (const LwConfig *config,
           guint           rule,
           guint           group)
{
  const LwRoutingRule *r = g_ptr_array_index (config->rules, rule);

  return ((LwFilterGroup *) g_ptr_array_index (r->when->groups, group))->filters->len;
}

/* Saving and loading again gives the same rule set. */
static void
assert_saves_and_loads (const LwConfig *config)
{
  g_autofree char *first = lw_config_to_data (config, NULL);
  g_autoptr(GPtrArray) diagnostics = lw_diagnostics_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LwConfig) again = lw_config_load_data (first, -1, "imported.json", diagnostics, &error);
  g_autofree char *second = NULL;

  if (again == NULL)
    print_report (diagnostics);
  g_assert_no_error (error);
  second = lw_config_to_data (again, NULL);
  g_assert_cmpstr (first, ==, second);
}

/* ---- the example of a developer org ------------------------------------------------- */

static void
test_example_file (void)
{
  g_autofree char *path = lw_test_shared_path ("salesforce/example-Lead.assignmentRules-meta.xml");
  g_autoptr(LwConfig) base = NULL;
  g_autoptr(LwConfig) config = NULL;
  g_autoptr(GPtrArray) report = lw_diagnostics_new ();
  g_autoptr(GError) error = NULL;
  const LwRoutingRule *first, *second;
  const LwFilter *filter;
  const LwProperty *country;
  const LwRep *rep;
  const LwTeam *team;
  const LwDiagnostic *d;
  const char * const values[] = { "US", "USA", "United States of America", NULL };

  if (path == NULL)
    return;

  base = lw_test_load_sample ();
  config = lw_salesforce_import_file (base, NULL, path, report, &error);
  g_assert_no_error (error);
  g_assert_nonnull (config);

  /* Two entries, both for the org's only user; no catch-all last entry. */
  g_assert_cmpuint (config->rules->len, ==, 2);
  first = g_ptr_array_index (config->rules, 0);
  second = g_ptr_array_index (config->rules, 1);
  g_assert_cmpstr (first->id, ==, "salesforce-entry-1");
  g_assert_cmpint (first->kind, ==, LW_ASSIGN_OWNER);
  g_assert_cmpstr (first->target.owner, ==, "epic-38c7d5d23592");
  g_assert_cmpstr (second->target.owner, ==, "epic-38c7d5d23592");

  /* "US,USA,United States,United States of America": US by value, United
   * States by its label (so US again), the other two added as options. */
  filter = get_filter (config, 0, 0, 0);
  g_assert_cmpstr (filter->property, ==, "country");
  g_assert_cmpint (filter->op, ==, LW_OP_IN);
  g_assert_true (g_strv_equal ((const char * const *) filter->values, values));
  filter = get_filter (config, 1, 0, 0);
  g_assert_cmpint (filter->op, ==, LW_OP_NOT_IN);
  g_assert_true (g_strv_equal ((const char * const *) filter->values, values));
  g_assert_cmpstr (first->label, ==, "Salesforce entry 1: Country is any of United States, USA, United States of America");

  country = lw_config_find_property (config, "country");
  g_assert_cmpuint (country->options->len,
                    ==, lw_config_find_property (base, "country")->options->len + 2);

  rep = lw_config_find_rep (config, "epic-38c7d5d23592");
  g_assert_nonnull (rep);
  g_assert_cmpstr (rep->email, ==, "epic.38c7d5d23592@orgfarm.salesforce.com");
  g_assert_false (lw_week_hours_is_empty (&rep->hours));
  team = lw_config_find_team (config, rep->team);
  g_assert_nonnull (team);
  g_assert_cmpstr (team->manager, ==, rep->id);

  /* The sample's fallback stays: Salesforce has none here. */
  g_assert_cmpstr (config->fallback.pool, ==, "lead-desk");

  /* Each report entry says where, in the file. */
  g_assert_cmpuint (report->len, ==, 4);
  d = lw_test_assert_diagnostic (report, LW_SEVERITY_WARNING,
                                 "/AssignmentRules/assignmentRule[1]/ruleEntry[1]/criteriaItems[1]",
                                 "\"USA\" is not an option of Country: added it");
  g_assert_cmpstr (d->file, ==, path);
  g_assert_cmpint (d->line, ==, 9);
  g_assert_cmpint (d->column, ==, 13);
  lw_test_assert_diagnostic (report, LW_SEVERITY_WARNING,
                             "/AssignmentRules/assignmentRule[1]/ruleEntry[1]/criteriaItems[1]",
                             "\"United States of America\" is not an option");
  d = lw_test_assert_diagnostic (report, LW_SEVERITY_WARNING,
                                 "/AssignmentRules/assignmentRule[1]/ruleEntry[1]/assignedTo[1]",
                                 "no rep is the Salesforce user epic.38c7d5d23592@orgfarm.salesforce.com");
  g_assert_cmpint (d->line, ==, 7);
  g_assert_cmpint (d->column, ==, 13);
  d = lw_test_assert_diagnostic (report, LW_SEVERITY_WARNING, "/AssignmentRules/assignmentRule[1]",
                                 "the fallback of the rule set (lead-desk) is kept");
  g_assert_cmpint (d->line, ==, 3);
  g_assert_cmpint (d->column, ==, 5);

  assert_saves_and_loads (config);

  /* And it routes as Salesforce would. */
  {
    g_autoptr(LwLead) us = lw_test_lead (config, "country=US", NULL);
    g_autoptr(LwLead) de = lw_test_lead (config, "country=DE", NULL);
    LwRoutingState *state = lw_routing_state_new (config);
    g_auto(LwRoute) route_us = { 0 };
    g_auto(LwRoute) route_de = { 0 };
    LwTime monday = lw_test_time ("2026-03-09T10:00:00Z");

    lw_route_lead (config, us, monday, state, FALSE, &route_us);
    lw_route_lead (config, de, monday, state, FALSE, &route_de);
    g_assert_cmpstr (route_us.owner->id, ==, "epic-38c7d5d23592");
    g_assert_true (route_us.rule == first);
    g_assert_true (route_de.rule == second);
    lw_routing_state_free (state);
  }
}

/* ---- export, import, export --------------------------------------------------------- */

static void
assert_round_trip (const LwConfig            *config,
                   const LwSalesforceMapping *mapping,
                   GPtrArray                 *report)
{
  g_autoptr(LwSalesforceExport) first = lw_salesforce_export (config, mapping, NULL);
  g_autoptr(LwConfig) imported = import_ok (config, mapping, first->assignment_rules, report);
  g_autoptr(LwSalesforceExport) second = lw_salesforce_export (imported, mapping, NULL);

  g_assert_cmpstr (second->assignment_rules, ==, first->assignment_rules);
  assert_saves_and_loads (imported);
}

static void
test_round_trip_sample (void)
{
  g_autoptr(LwConfig) config = lw_test_load_sample ();
  g_autoptr(GPtrArray) report = lw_diagnostics_new ();
  g_autoptr(LwSalesforceExport) export = lw_salesforce_export (config, NULL, NULL);
  g_autoptr(LwConfig) imported = import_ok (config, NULL, export->assignment_rules, report);

  /* Every name the export wrote is known again: nothing to report. */
  if (report->len > 0)
    print_report (report);
  g_assert_cmpuint (report->len, ==, 0);
  /* 6 accounts, 2 owners, 2 territories, 4 pools; the pool "Lead desk"
   * is the fallback again. */
  g_assert_cmpuint (imported->rules->len, ==, 14);
  g_assert_cmpstr (imported->fallback.pool, ==, "lead-desk");
  g_assert_cmpstr (((LwRoutingRule *) g_ptr_array_index (imported->rules, 8))->target.owner, ==, "lukas");
  g_assert_cmpuint (imported->properties->len, ==, config->properties->len);
  g_assert_cmpuint (imported->reps->len, ==, config->reps->len);
  g_assert_cmpuint (imported->pools->len, ==, config->pools->len);

  g_ptr_array_set_size (report, 0);
  assert_round_trip (config, NULL, report);
}

static void
test_round_trip_every_operator (void)
{
  g_autoptr(LwConfig) config = lw_test_load_config (BASE_CONFIG);
  g_autoptr(GPtrArray) report = lw_diagnostics_new ();
  g_autoptr(LwSalesforceMapping) mapping = lw_salesforce_mapping_new ();
  LwRoutingRule *rule = g_ptr_array_index (config->rules, 0);
  g_autoptr(GPtrArray) diagnostics = lw_diagnostics_new ();
  struct { const char *property; LwOperator op; const char *value; const char *high; } filters[] = {
    { "country", LW_OP_EQ, "US", NULL },
    { "segment", LW_OP_NEQ, "smb", NULL },
    { "employees", LW_OP_LT, "5000", NULL },
    { "employees", LW_OP_LTE, "4000", NULL },
    { "employees", LW_OP_GT, "10", NULL },
    { "employees", LW_OP_GTE, "20", NULL },
    { "employees", LW_OP_BETWEEN, "50", "199" },
    { "country", LW_OP_IN, NULL, NULL },
    { "segment", LW_OP_NOT_IN, NULL, NULL },
    { "job_title", LW_OP_HAS_PROPERTY, NULL, NULL },
    { "region", LW_OP_NOT_HAS_PROPERTY, NULL, NULL },
    { "job_title", LW_OP_CONTAINS_TOKEN, "manag*", NULL },
    { "job_title", LW_OP_NOT_CONTAINS_TOKEN, "R&D <lab> \"x\"\x01", NULL },
    { "signed_up", LW_OP_GTE, "1767225600000", NULL },
    { "partner", LW_OP_EQ, "true", NULL },
  };

  /* One rule per operator, and one with two groups. */
  g_ptr_array_set_size (config->rules, 0);
  for (guint i = 0; i < G_N_ELEMENTS (filters); i++)
    {
      g_autofree char *id = g_strdup_printf ("r%u", i);
      LwRoutingRule *r = lw_routing_rule_new (id, id, i % 2 == 0 ? LW_ASSIGN_OWNER : LW_ASSIGN_POOL);
      LwFilterGroup *group = lw_filter_group_new ();
      LwFilter *filter = lw_filter_new (filters[i].property, filters[i].op, filters[i].value);

      filter->high_value = g_strdup (filters[i].high);
      if (filters[i].op == LW_OP_IN)
        filter->values = g_strsplit ("US,CA", ",", -1);
      else if (filters[i].op == LW_OP_NOT_IN)
        filter->values = g_strsplit ("smb", ",", -1);
      g_ptr_array_add (group->filters, filter);
      g_ptr_array_add (r->when->groups, group);
      if (i % 2 == 0)
        r->target.owner = g_strdup ("ana");
      else
        r->target.pool = g_strdup ("sdrs");
      g_ptr_array_add (config->rules, r);
    }
  rule = lw_routing_rule_new ("two-groups", "Two groups", LW_ASSIGN_OWNER);
  rule->target.owner = g_strdup ("ben");
  {
    LwFilterGroup *a = lw_filter_group_new ();
    LwFilterGroup *b = lw_filter_group_new ();

    g_ptr_array_add (a->filters, lw_filter_new ("region", LW_OP_EQ, "EMEA"));
    g_ptr_array_add (b->filters, lw_filter_new ("employees", LW_OP_BETWEEN, "1"));
    ((LwFilter *) g_ptr_array_index (b->filters, 0))->high_value = g_strdup ("9");
    g_ptr_array_add (b->filters, lw_filter_new ("country", LW_OP_NEQ, "DE"));
    g_ptr_array_add (rule->when->groups, a);
    g_ptr_array_add (rule->when->groups, b);
  }
  g_ptr_array_add (config->rules, rule);
  if (!lw_config_bind (config, diagnostics))
    print_report (diagnostics);
  g_assert_cmpuint (diagnostics->len, ==, 0);

  assert_round_trip (config, NULL, report);

  /* The same through a mapping that renames everything. */
  lw_salesforce_mapping_set_field (mapping, "region", "Lead.Territory__c");
  lw_salesforce_mapping_set_field (mapping, "job_title", "Lead.Job_Role__c");
  lw_salesforce_mapping_set_value (mapping, "country", "US", "United States");
  lw_salesforce_mapping_set_value (mapping, "segment", "smb", "Small Business");
  lw_salesforce_mapping_set_user (mapping, "ana", "asilva@corp.example");
  lw_salesforce_mapping_set_queue (mapping, "sdrs", "Inbound_Queue");
  g_ptr_array_set_size (report, 0);
  assert_round_trip (config, mapping, report);
}

/* ---- criteria --------------------------------------------------------------------- */

static void
test_boolean_filter (void)
{
  g_autoptr(LwConfig) base = lw_test_load_config (BASE_CONFIG);
  g_autoptr(GPtrArray) report = lw_diagnostics_new ();
  g_autoptr(LwConfig) config = import_ok (base, NULL, RULES (
    "<ruleEntry>" TO_ANA "<booleanFilter>1 OR (2 AND NOT 3)</booleanFilter>"
    ITEM ("Lead.Country", "equals", "US,CA") ITEM ("Lead.NumberOfEmployees", "greaterThan", "100")
    ITEM ("Lead.segment__c", "equals", "smb") "</ruleEntry>\n"
    "<ruleEntry>" TO_ANA "<booleanFilter>not (1 or 2)</booleanFilter>"
    ITEM ("Lead.Country", "equals", "DE") ITEM ("Lead.NumberOfEmployees", "lessThan", "10") "</ruleEntry>\n"
    "<ruleEntry>" TO_BEN "<booleanFilter>(1 OR 2) AND 3</booleanFilter>"
    ITEM ("Lead.Country", "notEqual", "DE") ITEM ("Lead.region__c", "equals", "NA")
    ITEM ("Lead.signed_up__c", "greaterOrEqual", "2026-01-01") "</ruleEntry>\n"
    "<ruleEntry>" TO_BEN ITEM ("Lead.Country", "equals", "CA") ITEM ("Lead.partner__c", "equals", "TRUE")
    "</ruleEntry>\n"), report);

  /* Only that the base's fallback is kept: every criterion read exactly. */
  if (report->len != 1)
    print_report (report);
  g_assert_cmpuint (report->len, ==, 1);
  lw_test_assert_diagnostic (report, LW_SEVERITY_WARNING, "/AssignmentRules/assignmentRule[1]",
                             "the fallback of the rule set (ben) is kept");
  g_assert_cmpuint (config->rules->len, ==, 4);

  /* 1 OR (2 AND NOT 3) */
  g_assert_cmpuint (n_groups (config, 0), ==, 2);
  g_assert_cmpint (get_filter (config, 0, 0, 0)->op, ==, LW_OP_IN);
  assert_filter (get_filter (config, 0, 1, 0), "employees", LW_OP_GT, "100");
  assert_filter (get_filter (config, 0, 1, 1), "segment", LW_OP_NEQ, "smb");

  /* NOT (1 OR 2) = NOT 1 AND NOT 2 */
  g_assert_cmpuint (n_groups (config, 1), ==, 1);
  assert_filter (get_filter (config, 1, 0, 0), "country", LW_OP_NEQ, "DE");
  assert_filter (get_filter (config, 1, 0, 1), "employees", LW_OP_GTE, "10");

  /* (1 OR 2) AND 3 = (1 AND 3) OR (2 AND 3); a date alone means midnight UTC. */
  g_assert_cmpuint (n_groups (config, 2), ==, 2);
  assert_filter (get_filter (config, 2, 0, 0), "country", LW_OP_NEQ, "DE");
  assert_filter (get_filter (config, 2, 0, 1), "signed_up", LW_OP_GTE, "2026-01-01T00:00:00Z");
  assert_filter (get_filter (config, 2, 1, 0), "region", LW_OP_EQ, "NA");
  assert_filter (get_filter (config, 2, 1, 1), "signed_up", LW_OP_GTE, "2026-01-01T00:00:00Z");

  /* No filter logic: all criteria ANDed; "TRUE" is true. */
  g_assert_cmpuint (n_groups (config, 3), ==, 1);
  g_assert_cmpuint (n_filters (config, 3, 0), ==, 2);
  assert_filter (get_filter (config, 3, 0, 1), "partner", LW_OP_EQ, "true");

  /* The last entry had criteria: the base's fallback stays. */
  g_assert_cmpstr (config->fallback.owner, ==, "ben");
}

static void
test_contains (void)
{
  g_autoptr(LwConfig) base = lw_test_load_config (BASE_CONFIG);
  g_autoptr(GPtrArray) report = lw_diagnostics_new ();
  g_autoptr(LwConfig) config = import_ok (base, NULL, RULES (
    "<ruleEntry>" TO_ANA ITEM ("Lead.Title", "contains", "vp, director") "</ruleEntry>\n"
    "<ruleEntry>" TO_ANA ITEM ("Lead.Title", "notContain", "intern,student") "</ruleEntry>\n"
    "<ruleEntry>" TO_ANA ITEM ("Lead.Title", "startsWith", "head") "</ruleEntry>\n"
    "<ruleEntry>" TO_ANA "<booleanFilter>NOT 1</booleanFilter>" ITEM ("Lead.Title", "contains", "ceo")
    "</ruleEntry>\n"
    "<ruleEntry>" TO_ANA "</ruleEntry>\n"), report);

  g_assert_cmpuint (config->rules->len, ==, 4);
  /* "contains vp, director": either word. */
  g_assert_cmpuint (n_groups (config, 0), ==, 2);
  assert_filter (get_filter (config, 0, 0, 0), "job_title", LW_OP_CONTAINS_TOKEN, "vp");
  assert_filter (get_filter (config, 0, 1, 0), "job_title", LW_OP_CONTAINS_TOKEN, "director");
  /* "does not contain intern,student": neither. */
  g_assert_cmpuint (n_groups (config, 1), ==, 1);
  assert_filter (get_filter (config, 1, 0, 0), "job_title", LW_OP_NOT_CONTAINS_TOKEN, "intern");
  assert_filter (get_filter (config, 1, 0, 1), "job_title", LW_OP_NOT_CONTAINS_TOKEN, "student");
  assert_filter (get_filter (config, 2, 0, 0), "job_title", LW_OP_CONTAINS_TOKEN, "head*");
  assert_filter (get_filter (config, 3, 0, 0), "job_title", LW_OP_NOT_CONTAINS_TOKEN, "ceo");

  /* A last entry without criteria: the fallback, to Ana. */
  g_assert_cmpstr (config->fallback.owner, ==, "ana");
  g_assert_null (config->fallback.pool);

  lw_test_assert_diagnostic (report, LW_SEVERITY_WARNING,
                             "/AssignmentRules/assignmentRule[1]/ruleEntry[3]/criteriaItems[1]",
                             "word that starts with the value");
  lw_test_assert_diagnostic (report, LW_SEVERITY_WARNING,
                             "/AssignmentRules/assignmentRule[1]/ruleEntry[1]/criteriaItems[1]",
                             "whole words");
}

/* ---- names the base does not know -------------------------------------------------- */

static void
test_unknown_names (void)
{
  g_autoptr(LwConfig) base = lw_test_load_config (BASE_CONFIG);
  g_autoptr(GPtrArray) report = lw_diagnostics_new ();
  g_autoptr(LwConfig) config = import_ok (base, NULL, RULES (
    "<ruleEntry><assignedTo>NA_Inbound</assignedTo><assignedToType>Queue</assignedToType>"
    ITEM ("Lead.AnnualRevenue", "greaterThan", "1000000") ITEM ("Lead.Favourite_Color__c", "equals", "blue")
    "</ruleEntry>\n"
    "<ruleEntry><assignedTo>NA_Inbound</assignedTo><assignedToType>Queue</assignedToType>"
    ITEM ("Lead.Street", "equals", "Main Street") ITEM ("Lead.AnnualRevenue", "lessOrEqual", "5")
    "</ruleEntry>\n"
    "<ruleEntry><assignedTo>carla@corp.example</assignedTo>"
    ITEM ("Lead.Country", "equals", "united states") "</ruleEntry>\n"), report);
  const LwProperty *revenue = lw_config_find_property (config, "annual_revenue");
  const LwProperty *colour = lw_config_find_property (config, "Favourite_Color");
  const LwProperty *street = lw_config_find_property (config, "street");
  const LwPool *pool = lw_config_find_pool (config, "NA_Inbound");
  const LwRep *carla = lw_config_find_rep (config, "carla");

  g_assert_cmpuint (config->rules->len, ==, 3);
  g_assert_nonnull (revenue);
  g_assert_cmpint (revenue->type, ==, LW_PROPERTY_NUMBER);
  g_assert_nonnull (colour);
  g_assert_cmpint (colour->type, ==, LW_PROPERTY_STRING);
  g_assert_cmpstr (colour->label, ==, "Favourite Color");
  g_assert_nonnull (street);
  g_assert_cmpint (street->type, ==, LW_PROPERTY_STRING);
  g_assert_nonnull (pool);
  g_assert_cmpuint (pool->members->len, ==, 0);
  g_assert_nonnull (carla);
  g_assert_cmpstr (carla->email, ==, "carla@corp.example");
  /* "united states" is the label of US, whatever its case. */
  assert_filter (get_filter (config, 2, 0, 0), "country", LW_OP_EQ, "US");

  lw_test_assert_diagnostic (report, LW_SEVERITY_WARNING,
                             "/AssignmentRules/assignmentRule[1]/ruleEntry[1]/criteriaItems[1]",
                             "no property stands for Lead.AnnualRevenue: added the number property \"annual_revenue\"");
  lw_test_assert_diagnostic (report, LW_SEVERITY_WARNING,
                             "/AssignmentRules/assignmentRule[1]/ruleEntry[1]/criteriaItems[2]",
                             "added the string property \"Favourite_Color\"");
  /* Lead.Street would export as Lead.street__c: the mapping must say so. */
  lw_test_assert_diagnostic (report, LW_SEVERITY_WARNING,
                             "/AssignmentRules/assignmentRule[1]/ruleEntry[2]/criteriaItems[1]",
                             "to export it back to Lead.Street, map it");
  lw_test_assert_diagnostic (report, LW_SEVERITY_WARNING,
                             "/AssignmentRules/assignmentRule[1]/ruleEntry[1]/assignedTo[1]",
                             "added the empty pool \"NA_Inbound\"");
  lw_test_assert_diagnostic (report, LW_SEVERITY_WARNING,
                             "/AssignmentRules/assignmentRule[1]/ruleEntry[3]/assignedTo[1]",
                             "added the rep \"carla\"");

  assert_saves_and_loads (config);

  /* Exported again, the queue and the fields keep their names. */
  {
    g_autoptr(LwSalesforceExport) export = lw_salesforce_export (config, NULL, NULL);

    g_assert_nonnull (strstr (export->assignment_rules, "<assignedTo>NA_Inbound</assignedTo>"));
    g_assert_nonnull (strstr (export->assignment_rules, "<field>Lead.AnnualRevenue</field>"));
    g_assert_nonnull (strstr (export->assignment_rules, "<field>Lead.Favourite_Color__c</field>"));
  }
}

static void
test_left_out (void)
{
  g_autoptr(LwConfig) base = lw_test_load_config (BASE_CONFIG);
  g_autoptr(GPtrArray) report = lw_diagnostics_new ();
  g_autoptr(LwConfig) config = import_ok (base, NULL, RULES (
    /* 1 */ "<ruleEntry>" TO_ANA "<formula>ISPICKVAL(Status, 'Open')</formula></ruleEntry>\n"
    /* 2 */ "<ruleEntry>" TO_ANA "<criteriaItems><field>Lead.Country</field><operation>equals</operation>"
            "<valueField>Lead.State</valueField></criteriaItems></ruleEntry>\n"
    /* 3 */ "<ruleEntry>" TO_ANA ITEM ("Account.Name", "equals", "Acme") "</ruleEntry>\n"
    /* 4 */ "<ruleEntry>" TO_ANA ITEM ("Lead.Title", "lessThan", "b") "</ruleEntry>\n"
    /* 5 */ "<ruleEntry>" TO_ANA ITEM ("Lead.NumberOfEmployees", "equals", "lots") "</ruleEntry>\n"
    /* 6 */ "<ruleEntry>" TO_ANA "<booleanFilter>1 AND 3</booleanFilter>"
            ITEM ("Lead.Country", "equals", "US") ITEM ("Lead.Country", "equals", "CA") "</ruleEntry>\n"
    /* 7 */ "<ruleEntry>" TO_ANA "<booleanFilter>1 AND (2</booleanFilter>"
            ITEM ("Lead.Country", "equals", "US") ITEM ("Lead.Country", "equals", "CA") "</ruleEntry>\n"
    /* 8 */ "<ruleEntry><assignedTo>Sales</assignedTo><assignedToType>Group</assignedToType>"
            ITEM ("Lead.Country", "equals", "US") "</ruleEntry>\n"
    /* 9 */ "<ruleEntry>" ITEM ("Lead.Country", "equals", "US") "</ruleEntry>\n"
    /* 10 */ "<ruleEntry>" TO_ANA ITEM ("Lead.Country", "within", "10") "</ruleEntry>\n"
    /* 11 */ "<ruleEntry>" TO_ANA "<booleanFilter>NOT 1</booleanFilter>" ITEM ("Lead.Title", "startsWith", "a")
             "</ruleEntry>\n"
    /* 12 */ "<ruleEntry>" TO_ANA ITEM ("Lead.Status", "equals", "Working") "</ruleEntry>\n"
    /* 13 */ "<ruleEntry>" TO_BEN ITEM ("Lead.Country", "equals", "DE") "<template>unfiled$public/Notify</template>"
             "</ruleEntry>\n"), report);
  static const struct { guint entry; const char *child; const char *fragment; } expected[] = {
    { 1, "/formula[1]", "formula criteria cannot be expressed" },
    { 2, "/criteriaItems[1]", "with another field (Lead.State)" },
    { 3, "/criteriaItems[1]", "Account.Name is not a field of the lead itself" },
    { 4, "/criteriaItems[1]", "\"lessThan\" needs a number or a date, and Job title is neither" },
    { 5, "/criteriaItems[1]", "\"lots\" is not a number" },
    { 6, "/booleanFilter[1]", "names criterion 3 of 2" },
    { 7, "/booleanFilter[1]", "cannot read the filter logic \"1 AND (2\"" },
    { 8, "/assignedToType[1]", "\"Group\" is neither User nor Queue" },
    { 9, "", "assigns to nobody" },
    { 10, "/criteriaItems[1]", "the operation \"within\" cannot be expressed" },
    { 11, "/criteriaItems[1]", "\"NOT\" before a \"startsWith\" criterion" },
    { 12, "/criteriaItems[1]", "\"Working\" is not a value of Lead status" },
    { 13, "/template[1]", "email template" },
  };

  /* Only the last entry is a rule Leadwright can run. */
  g_assert_cmpuint (config->rules->len, ==, 1);
  g_assert_cmpstr (((LwRoutingRule *) g_ptr_array_index (config->rules, 0))->id, ==, "salesforce-entry-13");
  assert_filter (get_filter (config, 0, 0, 0), "country", LW_OP_EQ, "DE");

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *path = g_strdup_printf ("/AssignmentRules/assignmentRule[1]/ruleEntry[%u]%s",
                                               expected[i].entry, expected[i].child);
      const LwDiagnostic *d = lw_test_assert_diagnostic (report, LW_SEVERITY_WARNING, path,
                                                         expected[i].fragment);

      /* Entry N is on line 5 + N of the file. */
      g_assert_cmpint (d->line, ==, 5 + expected[i].entry);
      /* The entry starts the line; its children come after. */
      if (*expected[i].child == '\0')
        g_assert_cmpint (d->column, ==, 1);
      else
        g_assert_cmpint (d->column, >, 1);
    }
}

static void
test_chooses_active_rule (void)
{
  g_autoptr(LwConfig) base = lw_test_load_config (BASE_CONFIG);
  g_autoptr(GPtrArray) report = lw_diagnostics_new ();
  g_autoptr(LwConfig) config = import_ok (base, NULL,
    "<AssignmentRules xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n"
    "  <assignmentRule><fullName>Old</fullName><active>false</active>\n"
    "    <ruleEntry>" TO_ANA "</ruleEntry></assignmentRule>\n"
    "  <assignmentRule><fullName>Current</fullName><active>true</active>\n"
    "    <ruleEntry>" TO_ANA ITEM ("Lead.Country", "equals", "US") "</ruleEntry>\n"
    "    <ruleEntry>" TO_BEN "</ruleEntry></assignmentRule>\n"
    "  <somethingElse/>\n"
    "</AssignmentRules>\n", report);

  g_assert_cmpuint (config->rules->len, ==, 1);
  assert_filter (get_filter (config, 0, 0, 0), "country", LW_OP_EQ, "US");
  g_assert_cmpstr (config->fallback.owner, ==, "ben");
  lw_test_assert_diagnostic (report, LW_SEVERITY_WARNING, "/AssignmentRules/assignmentRule[1]",
                             "\"Old\" is left out");
  lw_test_assert_diagnostic (report, LW_SEVERITY_WARNING, "/AssignmentRules/somethingElse[1]",
                             "is ignored");
}

static void
test_mapping_names (void)
{
  g_autoptr(LwConfig) base = lw_test_load_config (BASE_CONFIG);
  g_autoptr(GPtrArray) report = lw_diagnostics_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LwSalesforceMapping) mapping = lw_salesforce_mapping_load_data (
    "{ \"format\": \"leadwright-salesforce-mapping\", \"version\": 1,"
    "  \"fields\": { \"region\": \"Lead.Territory__c\" },"
    "  \"values\": { \"region\": { \"EMEA\": \"Europe\" } },"
    "  \"users\": { \"ana\": \"asilva@corp.example\" },"
    "  \"queues\": { \"sdrs\": \"Inbound_Queue\" } }", -1, NULL, &error);
  g_autoptr(LwConfig) config = NULL;
  const LwRoutingRule *rule;

  g_assert_no_error (error);
  config = import_ok (base, mapping, RULES (
    "<ruleEntry><assignedTo>ASilva@corp.example</assignedTo><assignedToType>User</assignedToType>"
    ITEM ("Lead.Territory__c", "equals", "Europe") "</ruleEntry>\n"
    "<ruleEntry><assignedTo>inbound_queue</assignedTo><assignedToType>Queue</assignedToType></ruleEntry>\n"),
    report);

  if (report->len > 0)
    print_report (report);
  g_assert_cmpuint (report->len, ==, 0);
  rule = g_ptr_array_index (config->rules, 0);
  g_assert_cmpstr (rule->target.owner, ==, "ana");
  assert_filter (get_filter (config, 0, 0, 0), "region", LW_OP_EQ, "EMEA");
  g_assert_cmpstr (config->fallback.pool, ==, "sdrs");
  g_assert_cmpuint (config->reps->len, ==, base->reps->len);
  g_assert_cmpuint (config->pools->len, ==, base->pools->len);
}

/* ---- bad files ---------------------------------------------------------------------- */

static void
assert_import_fails (const char *xml,
                     gssize      length,
                     int         code,
                     const char *fragment)
{
  g_autoptr(LwConfig) base = lw_test_load_config (BASE_CONFIG);
  g_autoptr(GPtrArray) report = lw_diagnostics_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LwConfig) config = lw_salesforce_import (base, NULL, xml, length, "bad.xml", report, &error);

  g_assert_null (config);
  g_assert_error (error, LW_SALESFORCE_ERROR, code);
  if (strstr (error->message, fragment) == NULL)
    g_printerr ("expected \"%s\" in: %s\n", fragment, error->message);
  g_assert_nonnull (strstr (error->message, fragment));
  /* The base rule set is untouched. */
  g_assert_cmpuint (base->rules->len, ==, 1);
  g_assert_cmpstr (((LwRoutingRule *) g_ptr_array_index (base->rules, 0))->id, ==, "old");
}

static void
test_bad_files (void)
{
  assert_import_fails ("<AssignmentRules>\n  <assignmentRule>\n    <ruleEntry>\n</AssignmentRules>\n", -1,
                       LW_SALESFORCE_ERROR_PARSE, "bad.xml:4:");
  assert_import_fails ("", -1, LW_SALESFORCE_ERROR_PARSE, "bad.xml:");
  assert_import_fails ("<AssignmentRules><assignmentRule>\xC3\x28</assignmentRule></AssignmentRules>", -1,
                       LW_SALESFORCE_ERROR_PARSE, "bad.xml:1:");
  assert_import_fails ("<a>&nbsp;</a>", -1, LW_SALESFORCE_ERROR_PARSE, "bad.xml:1:");
  assert_import_fails ("<EscalationRules><escalationRule/></EscalationRules>", -1,
                       LW_SALESFORCE_ERROR_FORMAT, "<EscalationRules> is not Salesforce assignment rules");
  assert_import_fails ("<AssignmentRules><fullName>x</fullName></AssignmentRules>", -1,
                       LW_SALESFORCE_ERROR_FORMAT, "holds no <assignmentRule>");
}

static void
test_byte_order_mark (void)
{
  g_autoptr(LwConfig) base = lw_test_load_config (BASE_CONFIG);
  g_autoptr(GPtrArray) report = lw_diagnostics_new ();
  g_autoptr(LwConfig) config = import_ok (base, NULL,
    "\xEF\xBB\xBF" RULES ("<ruleEntry>" TO_BEN "</ruleEntry>\n"), report);

  g_assert_cmpuint (config->rules->len, ==, 0);
  g_assert_cmpstr (config->fallback.owner, ==, "ben");
  g_assert_cmpuint (report->len, ==, 0);
}

/* ---- the command line ------------------------------------------------------------------ */

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

static gboolean
run_cli (Result *result,
         ...)
{
  const char *env = g_getenv ("LW_CLI");
  g_autofree char *cli = env != NULL ? g_strdup (env)
                                     : g_test_build_filename (G_TEST_BUILT, "..", "app", "cli", "leadwright-cli", NULL);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list args;

  if (!g_file_test (cli, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("leadwright-cli is not built");
      return FALSE;
    }
  g_ptr_array_add (argv, cli);
  va_start (args, result);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &result->out, &result->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  result->status = g_subprocess_get_exit_status (process);
  return TRUE;
}

static void
test_cli (void)
{
  g_autofree char *example = lw_test_shared_path ("salesforce/example-Lead.assignmentRules-meta.xml");
  g_autofree char *sample = lw_test_sample_path ("b2b-playbook.json");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = make_test_dir ("cli");
  g_autofree char *out = g_build_filename (dir, "out.json", NULL);
  g_autofree char *strict_out = g_build_filename (dir, "strict.json", NULL);
  g_autofree char *broken = g_build_filename (dir, "broken.xml", NULL);
  g_autofree char *broken_out = g_build_filename (dir, "broken.json", NULL);
  g_auto(Result) ok = { 0 };
  g_auto(Result) no_output = { 0 };
  g_auto(Result) no_input = { 0 };
  g_auto(Result) bad = { 0 };
  g_auto(Result) strict = { 0 };
  g_auto(Result) valid = { 0 };

  if (example == NULL)
    return;
  g_assert_no_error (error);
  if (!run_cli (&ok, "import-rules", sample, "--from-salesforce", example, "-o", out, NULL))
    return;
  g_assert_cmpint (ok.status, ==, 0);
  g_assert_nonnull (strstr (ok.out, "2 routing rules"));
  g_assert_nonnull (strstr (ok.err, ":9:13: warning: /AssignmentRules/assignmentRule[1]/ruleEntry[1]/criteriaItems[1]: "));
  run_cli (&valid, "validate", out, NULL);
  g_assert_cmpint (valid.status, ==, 0);

  run_cli (&no_output, "import-rules", sample, "--from-salesforce", example, NULL);
  g_assert_cmpint (no_output.status, ==, 2);
  run_cli (&no_input, "import-rules", sample, "-o", out, NULL);
  g_assert_cmpint (no_input.status, ==, 2);

  g_assert_true (g_file_set_contents (broken, "<AssignmentRules>", -1, NULL));
  run_cli (&bad, "import-rules", sample, "--from-salesforce", broken, "-o", broken_out, NULL);
  g_assert_cmpint (bad.status, ==, 1);
  g_assert_false (g_file_test (broken_out, G_FILE_TEST_EXISTS));

  run_cli (&strict, "import-rules", sample, "--from-salesforce", example, "-o", strict_out, "--strict", NULL);
  g_assert_cmpint (strict.status, ==, 1);
  g_assert_false (g_file_test (strict_out, G_FILE_TEST_EXISTS));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/import-salesforce/example-file", test_example_file);
  g_test_add_func ("/import-salesforce/round-trip/sample", test_round_trip_sample);
  g_test_add_func ("/import-salesforce/round-trip/every-operator", test_round_trip_every_operator);
  g_test_add_func ("/import-salesforce/criteria/boolean-filter", test_boolean_filter);
  g_test_add_func ("/import-salesforce/criteria/contains", test_contains);
  g_test_add_func ("/import-salesforce/unknown-names", test_unknown_names);
  g_test_add_func ("/import-salesforce/left-out", test_left_out);
  g_test_add_func ("/import-salesforce/active-rule", test_chooses_active_rule);
  g_test_add_func ("/import-salesforce/mapping", test_mapping_names);
  g_test_add_func ("/import-salesforce/bad-files", test_bad_files);
  g_test_add_func ("/import-salesforce/byte-order-mark", test_byte_order_mark);
  g_test_add_func ("/import-salesforce/cli", test_cli);

  return g_test_run ();
}
