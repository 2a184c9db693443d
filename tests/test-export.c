/* test-export.c: the rule set exported to Salesforce, HubSpot and people
 *
 * Salesforce files are checked against the Metadata API schema with
 * xmllint (skipped when xmllint is not installed), HubSpot JSON against the
 * facts in ../shared/data/hubspot/reference.json, the playbook for
 * completeness and escaping. The rule sets are built from JSON on top of a
 * small base (see build_config()):
 *
 *   stages      lead (HubSpot "lead"), mql ("marketingqualifiedlead")
 *   statuses    new ("NEW"), attempting ("ATTEMPTED_TO_CONTACT")
 *   reps        ana (ana@example.com, SDR, capacity 20, weight 3),
 *               ben (ben@example.com, manager of the team "emea")
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "lw-export-hubspot.h"
#include "lw-export-playbook.h"
#include "lw-export-salesforce.h"
#include "lw-test-utils.h"

/* A new empty directory inside the test's private directories, which the
 * test framework removes when the test ends. */
static char *
make_test_dir (const char *name)
{
  char *dir = g_build_filename (g_get_user_cache_dir (), name, NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  return dir;
}

/* ---- building rule sets ------------------------------------------------------ */

static char *
build_config (const char *name,
              const char *properties,
              const char *rules,
              const char *fallback,
              const char *slas,
              const char *pools,
              const char *accounts)
{
  return g_strdup_printf (
    "{\n"
    "  \"format\": \"leadwright-config\", \"version\": 1, \"name\": \"%s\",\n"
    "  \"properties\": [ %s ],\n"
    "  \"activities\": [],\n"
    "  \"lifecycle\": {\n"
    "    \"stages\": [\n"
    "      { \"id\": \"lead\", \"label\": \"Lead\", \"hubspotValue\": \"lead\", \"definition\": \"Known.\",\n"
    "        \"owner\": \"marketing\", \"nextStep\": \"Score.\" },\n"
    "      { \"id\": \"mql\", \"label\": \"MQL\", \"hubspotValue\": \"marketingqualifiedlead\",\n"
    "        \"definition\": \"Qualified.\", \"owner\": \"sdr\", \"nextStep\": \"Call.\" } ],\n"
    "    \"statuses\": [ { \"id\": \"new\", \"label\": \"New\", \"hubspotValue\": \"NEW\" },\n"
    "      { \"id\": \"attempting\", \"label\": \"Attempting\", \"hubspotValue\": \"ATTEMPTED_TO_CONTACT\" } ],\n"
    "    \"paths\": [] },\n"
    "  \"scoring\": { \"fit\": { \"criteria\": [] }, \"engagement\": { \"criteria\": [] },\n"
    "    \"mql\": { \"total\": 40 }, \"mqlStage\": \"mql\", \"grades\": { \"fit\": [], \"engagement\": [] } },\n"
    "  \"routing\": { \"rules\": [ %s ], \"fallback\": %s },\n"
    "  \"slas\": [ %s ],\n"
    "  \"team\": {\n"
    "    \"reps\": [\n"
    "      { \"id\": \"ana\", \"name\": \"Ana Silva\", \"email\": \"ana@example.com\", \"role\": \"sdr\",\n"
    "        \"team\": \"emea\", \"timeZone\": \"Europe/Berlin\",\n"
    "        \"workingHours\": { \"mon\": [\"09:00-17:00\"] }, \"capacity\": 20, \"weight\": 3 },\n"
    "      { \"id\": \"ben\", \"name\": \"Ben Okafor\", \"email\": \"ben@example.com\", \"role\": \"manager\",\n"
    "        \"team\": \"emea\", \"timeZone\": \"Europe/London\",\n"
    "        \"workingHours\": { \"mon\": [\"09:00-17:00\"] }, \"capacity\": 0 } ],\n"
    "    \"teams\": [ { \"id\": \"emea\", \"label\": \"EMEA\", \"manager\": \"ben\" } ],\n"
    "    \"pools\": [ %s ] },\n"
    "  \"accounts\": [ %s ]\n"
    "}\n",
    name, properties, rules, fallback, slas, pools, accounts);
}

#define PLAIN_POOL \
  "{ \"id\": \"sdrs\", \"label\": \"SDRs\", \"members\": [\"ana\", \"ben\"], \"weighted\": false," \
  "  \"respectCapacity\": false, \"workingHours\": false, \"outOfOffice\": false }"

#define BUSY_POOL \
  "{ \"id\": \"sdrs\", \"label\": \"SDRs\", \"members\": [\"ana\", \"ben\"], \"weighted\": true," \
  "  \"respectCapacity\": true, \"workingHours\": true, \"outOfOffice\": true }"

/* Two rules and a fallback, every name known: the exact XML is below. */
static LwConfig *
load_small (void)
{
  g_autofree char *json = build_config (
    "Small",
    "{ \"id\": \"country\", \"label\": \"Country\", \"type\": \"enum\", \"options\": ["
    "  { \"value\": \"US\", \"label\": \"United States\" }, { \"value\": \"CA\", \"label\": \"Canada\" },"
    "  { \"value\": \"DE\", \"label\": \"Germany\" } ] },"
    "{ \"id\": \"employees\", \"label\": \"Employees\", \"type\": \"number\" },"
    "{ \"id\": \"region\", \"label\": \"Region\", \"type\": \"enum\", \"options\": ["
    "  { \"value\": \"NA\", \"label\": \"North America\" }, { \"value\": \"EMEA\", \"label\": \"EMEA\" } ] }",
    "{ \"id\": \"us-big\", \"label\": \"Big in North America, or EMEA\", \"when\": { \"filterGroups\": ["
    "    { \"filters\": [ { \"propertyName\": \"country\", \"operator\": \"IN\", \"values\": [\"US\", \"CA\"] },"
    "                     { \"propertyName\": \"employees\", \"operator\": \"GTE\", \"value\": \"200\" } ] },"
    "    { \"filters\": [ { \"propertyName\": \"region\", \"operator\": \"EQ\", \"value\": \"EMEA\" } ] } ] },"
    "  \"assign\": { \"type\": \"owner\", \"owner\": \"ana\" } },"
    "{ \"id\": \"de\", \"label\": \"Germany\", \"when\": { \"filterGroups\": ["
    "    { \"filters\": [ { \"propertyName\": \"country\", \"operator\": \"EQ\", \"value\": \"DE\" } ] } ] },"
    "  \"assign\": { \"type\": \"pool\", \"pool\": \"sdrs\" } }",
    "{ \"owner\": \"ben\" }",
    "",
    PLAIN_POOL,
    "");

  return lw_test_load_config (json);
}

static const char small_assignment_rules[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<AssignmentRules xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n"
  "    <assignmentRule>\n"
  "        <fullName>Small</fullName>\n"
  "        <active>false</active>\n"
  "        <ruleEntry>\n"
  "            <assignedTo>ana@example.com</assignedTo>\n"
  "            <assignedToType>User</assignedToType>\n"
  "            <booleanFilter>(1 AND 2) OR 3</booleanFilter>\n"
  "            <criteriaItems>\n"
  "                <field>Lead.Country</field>\n"
  "                <operation>equals</operation>\n"
  "                <value>US,CA</value>\n"
  "            </criteriaItems>\n"
  "            <criteriaItems>\n"
  "                <field>Lead.NumberOfEmployees</field>\n"
  "                <operation>greaterOrEqual</operation>\n"
  "                <value>200</value>\n"
  "            </criteriaItems>\n"
  "            <criteriaItems>\n"
  "                <field>Lead.region__c</field>\n"
  "                <operation>equals</operation>\n"
  "                <value>EMEA</value>\n"
  "            </criteriaItems>\n"
  "        </ruleEntry>\n"
  "        <ruleEntry>\n"
  "            <assignedTo>sdrs</assignedTo>\n"
  "            <assignedToType>Queue</assignedToType>\n"
  "            <criteriaItems>\n"
  "                <field>Lead.Country</field>\n"
  "                <operation>equals</operation>\n"
  "                <value>DE</value>\n"
  "            </criteriaItems>\n"
  "        </ruleEntry>\n"
  "        <ruleEntry>\n"
  "            <assignedTo>ben@example.com</assignedTo>\n"
  "            <assignedToType>User</assignedToType>\n"
  "        </ruleEntry>\n"
  "    </assignmentRule>\n"
  "</AssignmentRules>\n";

static const char package_xml[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<Package xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n"
  "    <types>\n"
  "        <members>Lead</members>\n"
  "        <name>AssignmentRules</name>\n"
  "    </types>\n"
  "    <version>53.0</version>\n"
  "</Package>\n";

/* Every operator on every type it takes, a territory map, an account
 * owner, a pool with every option, an SLA with each kind of escalation,
 * and hostile characters in the name and a value. */
static LwConfig *
load_every_operator (void)
{
  g_autofree char *json = build_config (
    "Every operator <&> \\\"quoted\\\"",
    "{ \"id\": \"email\", \"label\": \"Email\", \"type\": \"email\" },"
    "{ \"id\": \"email_domain\", \"label\": \"Email domain\", \"type\": \"string\", \"domainOf\": \"email\" },"
    "{ \"id\": \"country\", \"label\": \"Country\", \"type\": \"enum\", \"options\": ["
    "  { \"value\": \"US\", \"label\": \"United States\" }, { \"value\": \"CA\", \"label\": \"Canada\" },"
    "  { \"value\": \"DE\", \"label\": \"Germany\" } ] },"
    "{ \"id\": \"segment\", \"label\": \"Segment\", \"type\": \"enum\", \"options\": ["
    "  { \"value\": \"smb\", \"label\": \"SMB\" }, { \"value\": \"ent\", \"label\": \"Enterprise\" } ] },"
    "{ \"id\": \"employees\", \"label\": \"Employees\", \"type\": \"number\" },"
    "{ \"id\": \"partner\", \"label\": \"Partner\", \"type\": \"boolean\" },"
    "{ \"id\": \"signed_up\", \"label\": \"Signed up\", \"type\": \"datetime\" },"
    "{ \"id\": \"job_title\", \"label\": \"Job title\", \"type\": \"string\" },"
    "{ \"id\": \"notes\", \"label\": \"Notes\", \"type\": \"string\" }",
    /* rules[0] */
    "{ \"id\": \"eq-neq\", \"label\": \"EQ and NEQ\", \"when\": { \"filterGroups\": [ { \"filters\": ["
    "    { \"propertyName\": \"country\", \"operator\": \"EQ\", \"value\": \"US\" },"
    "    { \"propertyName\": \"segment\", \"operator\": \"NEQ\", \"value\": \"smb\" } ] } ] },"
    "  \"assign\": { \"type\": \"owner\", \"owner\": \"ana\" } },"
    /* rules[1] */
    "{ \"id\": \"compare\", \"label\": \"LT LTE GT GTE\", \"when\": { \"filterGroups\": [ { \"filters\": ["
    "    { \"propertyName\": \"employees\", \"operator\": \"LT\", \"value\": \"5000\" },"
    "    { \"propertyName\": \"employees\", \"operator\": \"LTE\", \"value\": \"4000\" },"
    "    { \"propertyName\": \"employees\", \"operator\": \"GT\", \"value\": \"10\" },"
    "    { \"propertyName\": \"employees\", \"operator\": \"GTE\", \"value\": \"20\" } ] } ] },"
    "  \"assign\": { \"type\": \"pool\", \"pool\": \"sdrs\" } },"
    /* rules[2] */
    "{ \"id\": \"between\", \"label\": \"BETWEEN, or recent partners\", \"when\": { \"filterGroups\": ["
    "    { \"filters\": [ { \"propertyName\": \"employees\", \"operator\": \"BETWEEN\", \"value\": \"50\", \"highValue\": \"199\" } ] },"
    "    { \"filters\": [ { \"propertyName\": \"signed_up\", \"operator\": \"GTE\", \"value\": \"1767225600000\" },"
    "                     { \"propertyName\": \"partner\", \"operator\": \"EQ\", \"value\": \"true\" } ] } ] },"
    "  \"assign\": { \"type\": \"owner\", \"owner\": \"ben\" } },"
    /* rules[3] */
    "{ \"id\": \"sets\", \"label\": \"IN and NOT_IN\", \"when\": { \"filterGroups\": [ { \"filters\": ["
    "    { \"propertyName\": \"country\", \"operator\": \"IN\", \"values\": [\"US\", \"CA\"] },"
    "    { \"propertyName\": \"segment\", \"operator\": \"NOT_IN\", \"values\": [\"smb\"] } ] } ] },"
    "  \"assign\": { \"type\": \"owner\", \"owner\": \"ana\" } },"
    /* rules[4] */
    "{ \"id\": \"known\", \"label\": \"Known and unknown\", \"when\": { \"filterGroups\": [ { \"filters\": ["
    "    { \"propertyName\": \"job_title\", \"operator\": \"HAS_PROPERTY\" },"
    "    { \"propertyName\": \"notes\", \"operator\": \"NOT_HAS_PROPERTY\" } ] } ] },"
    "  \"assign\": { \"type\": \"owner\", \"owner\": \"ben\" } },"
    /* rules[5] */
    "{ \"id\": \"words\", \"label\": \"Words\", \"when\": { \"filterGroups\": [ { \"filters\": ["
    "    { \"propertyName\": \"job_title\", \"operator\": \"CONTAINS_TOKEN\", \"value\": \"manag*\" },"
    "    { \"propertyName\": \"notes\", \"operator\": \"NOT_CONTAINS_TOKEN\", \"value\": \"R&D <lab> \\\"x\\\"\\u0001\" } ] } ] },"
    "  \"assign\": { \"type\": \"owner\", \"owner\": \"ana\" } },"
    /* rules[6] */
    "{ \"id\": \"territories\", \"label\": \"Territories\", \"when\": { \"filterGroups\": [ { \"filters\": ["
    "    { \"propertyName\": \"segment\", \"operator\": \"EQ\", \"value\": \"ent\" } ] } ] },"
    "  \"assign\": { \"type\": \"territory\", \"property\": \"country\", \"map\": ["
    "    { \"values\": [\"DE\"], \"owner\": \"ben\" }, { \"values\": [\"US\", \"CA\"], \"pool\": \"sdrs\" } ] } },"
    /* rules[7] */
    "{ \"id\": \"accounts\", \"label\": \"Accounts\", \"assign\": { \"type\": \"accountOwner\" } }",
    "{ \"owner\": \"ana\" }",
    "{ \"id\": \"fast\", \"label\": \"Fast\", \"when\": { \"filterGroups\": [ { \"filters\": ["
    "    { \"propertyName\": \"segment\", \"operator\": \"EQ\", \"value\": \"ent\" } ] } ] },"
    "  \"deadlineMinutes\": 30, \"clock\": \"business\", \"warnBeforeMinutes\": 10,"
    "  \"escalations\": [ { \"afterMinutes\": 60, \"action\": \"notifyManager\" },"
    "    { \"afterMinutes\": 120, \"action\": \"reassign\", \"to\": { \"pool\": \"sdrs\" } },"
    "    { \"afterMinutes\": 240, \"action\": \"reassign\" } ],"
    "  \"pauseStatuses\": [\"attempting\"], \"breachTag\": \"late\" }",
    BUSY_POOL,
    "{ \"domain\": \"acme.com\", \"name\": \"Acme\", \"owner\": \"ben\" },"
    "{ \"domain\": \"globex.com\", \"name\": \"Globex\", \"owner\": \"ana\" }");

  return lw_test_load_config (json);
}

static guint
count_occurrences (const char *text,
                   const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (text, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
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

/* ---- Salesforce: the files ------------------------------------------------------ */

static void
test_salesforce_small_exact (void)
{
  g_autoptr(LwConfig) config = load_small ();
  g_autoptr(GPtrArray) report = lw_diagnostics_new ();
  g_autoptr(LwSalesforceExport) export = lw_salesforce_export (config, NULL, report);

  g_assert_cmpstr (export->assignment_rules, ==, small_assignment_rules);
  g_assert_cmpstr (export->package, ==, package_xml);
  /* No SLA policy: no escalation blueprint. */
  g_assert_null (export->escalation_rules);

  /* Only what Salesforce really lacks: the custom field and the queue. */
  if (report->len != 2)
    print_report (report);
  g_assert_cmpuint (report->len, ==, 2);
  lw_test_assert_diagnostic (report, LW_SEVERITY_WARNING,
                             "$.routing.rules[0].when.filterGroups[1].filters[0].propertyName",
                             "custom field Lead.region__c");
  lw_test_assert_diagnostic (report, LW_SEVERITY_WARNING, "$.team.pools[0]", "queue sdrs");
}

/* Runs xmllint on @files against validate.xsd; returns its exit status
 * and stderr. */
static int
run_xmllint (const char  *schema,
             const char **files,
             char       **errors)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (argv, (gpointer) "xmllint");
  g_ptr_array_add (argv, (gpointer) "--noout");
  if (schema != NULL)
    {
      g_ptr_array_add (argv, (gpointer) "--schema");
      g_ptr_array_add (argv, (gpointer) schema);
    }
  for (guint i = 0; files[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) files[i]);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, NULL, errors, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  return g_subprocess_get_exit_status (process);
}

static gboolean
have_xmllint (void)
{
  g_autofree char *path = g_find_program_in_path ("xmllint");

  if (path == NULL)
    g_test_skip ("xmllint is not installed");
  return path != NULL;
}

/* Writes @config's Salesforce export to a temporary directory and checks
 * every file against the schema. */
static void
assert_export_validates (LwConfig *config)
{
  g_autofree char *schema = lw_test_shared_path ("salesforce/validate.xsd");
  g_autoptr(LwSalesforceExport) export = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *assignment = NULL;
  g_autofree char *escalation = NULL;
  g_autofree char *package = NULL;
  g_autofree char *errors = NULL;
  g_autofree char *package_errors = NULL;
  const char *files[3] = { NULL, NULL, NULL };
  int status;

  if (schema == NULL || !have_xmllint ())
    return;

  dir = make_test_dir ("validate");
  export = lw_salesforce_export (config, NULL, NULL);
  g_assert_true (lw_salesforce_export_write (export, dir, &error));
  g_assert_no_error (error);

  assignment = g_build_filename (dir, LW_SALESFORCE_ASSIGNMENT_FILE, NULL);
  escalation = g_build_filename (dir, LW_SALESFORCE_ESCALATION_FILE, NULL);
  package = g_build_filename (dir, LW_SALESFORCE_PACKAGE_FILE, NULL);
  files[0] = assignment;
  files[1] = escalation;
  g_assert_true (g_file_test (escalation, G_FILE_TEST_EXISTS));

  status = run_xmllint (schema, files, &errors);
  if (status != 0)
    g_printerr ("%s", errors);
  g_assert_cmpint (status, ==, 0);

  /* package.xml has no schema here: it must at least be well-formed. */
  files[0] = package;
  files[1] = NULL;
  g_assert_cmpint (run_xmllint (NULL, files, &package_errors), ==, 0);
}

static void
test_salesforce_sample_validates (void)
{
  g_autoptr(LwConfig) config = lw_test_load_sample ();

  assert_export_validates (config);
}

static void
test_salesforce_every_operator_validates (void)
{
  g_autoptr(LwConfig) config = load_every_operator ();
  g_autoptr(LwSalesforceExport) export = lw_salesforce_export (config, NULL, NULL);
  static const char * const operations[] = {
    "equals", "notEqual", "lessThan", "lessOrEqual", "greaterThan", "greaterOrEqual",
    "contains", "notContain", NULL
  };

  /* Each operation Leadwright's operators map to is there. */
  for (guint i = 0; operations[i] != NULL; i++)
    {
      g_autofree char *element = g_strdup_printf ("<operation>%s</operation>", operations[i]);

      g_assert_nonnull (strstr (export->assignment_rules, element));
    }

  assert_export_validates (config);
}

/* The schema check itself must be able to fail. */
static void
test_salesforce_schema_rejects_bad_operation (void)
{
  g_autofree char *schema = lw_test_shared_path ("salesforce/validate.xsd");
  g_autoptr(LwConfig) config = load_small ();
  g_autoptr(LwSalesforceExport) export = lw_salesforce_export (config, NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *errors = NULL;
  g_autofree char *path = NULL;
  g_autofree char *bad = NULL;
  g_autoptr(GString) text = NULL;
  const char *files[2] = { NULL, NULL };
  g_autofree char *dir = NULL;

  if (schema == NULL || !have_xmllint ())
    return;

  text = g_string_new (export->assignment_rules);
  g_assert_cmpuint (g_string_replace (text, "<operation>greaterOrEqual</operation>",
                                      "<operation>between</operation>", 1), ==, 1);
  dir = make_test_dir ("bad");
  path = g_build_filename (dir, "bad.xml", NULL);
  g_assert_true (g_file_set_contents (path, text->str, -1, &error));
  files[0] = path;
  g_assert_cmpint (run_xmllint (schema, files, &errors), !=, 0);
  g_assert_nonnull (strstr (errors, "between"));
}

/* ---- Salesforce: what cannot be expressed -------------------------------------------- */

static void
test_salesforce_warnings (void)
{
  g_autoptr(LwConfig) config = load_every_operator ();
  g_autoptr(GPtrArray) report = lw_diagnostics_new ();
  g_autoptr(LwSalesforceExport) export = lw_salesforce_export (config, NULL, report);

  /* Conditions. */
  lw_test_assert_diagnostic (report, LW_SEVERITY_WARNING,
                             "$.routing.rules[2].when.filterGroups[0].filters[0]",
                             "two criteria, greater or equal to 50 and less or equal to 199");
  lw_test_assert_diagnostic (report, LW_SEVERITY_WARNING,
                             "$.routing.rules[4].when.filterGroups[0].filters[0]",
                             "\"not equal to\" an empty value");
  lw_test_assert_diagnostic (report, LW_SEVERITY_WARNING,
                             "$.routing.rules[4].when.filterGroups[0].filters[1]",
                             "\"equals\" an empty value");
  lw_test_assert_diagnostic (report, LW_SEVERITY_WARNING,
                             "$.routing.rules[5].when.filterGroups[0].filters[0]",
                             "not as whole words");
  lw_test_assert_diagnostic (report, LW_SEVERITY_WARNING,
                             "$.routing.rules[2].when.filterGroups[1].filters[0].value",
                             "ISO 8601");
  lw_test_assert_diagnostic (report, LW_SEVERITY_WARNING,
                             "$.routing.rules[0].when.filterGroups[0].filters[1].propertyName",
                             "custom field Lead.segment__c");

  /* Assignments. */
  lw_test_assert_diagnostic (report, LW_SEVERITY_WARNING, "$.team.pools[0]",
                             "round robin among the members is not expressed");
  lw_test_assert_diagnostic (report, LW_SEVERITY_WARNING, "$.team.pools[0].weighted",
                             "weighted round robin");
  lw_test_assert_diagnostic (report, LW_SEVERITY_WARNING, "$.team.pools[0].respectCapacity",
                             "daily caps");
  lw_test_assert_diagnostic (report, LW_SEVERITY_WARNING, "$.team.pools[0].workingHours",
                             "working hours");
  lw_test_assert_diagnostic (report, LW_SEVERITY_WARNING, "$.team.pools[0].outOfOffice",
                             "out of office");
  lw_test_assert_diagnostic (report, LW_SEVERITY_WARNING, "$.routing.rules[7].assign",
                             "written as 2 entries, one per account");

  /* SLAs. */
  lw_test_assert_diagnostic (report, LW_SEVERITY_WARNING, "$.slas", "Cases, not on Leads");
  lw_test_assert_diagnostic (report, LW_SEVERITY_WARNING, "$.slas[0].deadlineMinutes", "(30 minutes)");
  lw_test_assert_diagnostic (report, LW_SEVERITY_WARNING, "$.slas[0].warnBeforeMinutes", "10 minutes");
  lw_test_assert_diagnostic (report, LW_SEVERITY_WARNING, "$.slas[0].clock", "business hours");
  lw_test_assert_diagnostic (report, LW_SEVERITY_WARNING, "$.slas[0].pauseStatuses", "statuses");
  lw_test_assert_diagnostic (report, LW_SEVERITY_WARNING, "$.slas[0].breachTag", "\"late\"");
  lw_test_assert_diagnostic (report, LW_SEVERITY_WARNING, "$.slas[0].escalations[0]",
                             "not the owner's manager");
  lw_test_assert_diagnostic (report, LW_SEVERITY_WARNING, "$.slas[0].escalations[2]",
                             "reassigns to the fallback (ana)");

  /* Everything reported is a warning, and each once. */
  g_assert_cmpuint (lw_diagnostics_count (report, LW_SEVERITY_ERROR), ==, 0);
  for (guint i = 0; i < report->len; i++)
    for (guint j = i + 1; j < report->len; j++)
      {
        const LwDiagnostic *a = g_ptr_array_index (report, i);
        const LwDiagnostic *b = g_ptr_array_index (report, j);

        g_assert_false (g_strcmp0 (a->path, b->path) == 0 && g_strcmp0 (a->message, b->message) == 0);
      }
}

static void
test_salesforce_comma_in_value (void)
{
  g_autofree char *json = build_config (
    "Commas",
    "{ \"id\": \"company\", \"label\": \"Company\", \"type\": \"string\" }",
    "{ \"id\": \"acme\", \"label\": \"Acme\", \"when\": { \"filterGroups\": [ { \"filters\": ["
    "    { \"propertyName\": \"company\", \"operator\": \"EQ\", \"value\": \"Acme, Inc.\" } ] } ] },"
    "  \"assign\": { \"type\": \"owner\", \"owner\": \"ana\" } }",
    "{ \"owner\": \"ben\" }", "", PLAIN_POOL, "");
  g_autoptr(LwConfig) config = lw_test_load_config (json);
  g_autoptr(GPtrArray) report = lw_diagnostics_new ();
  g_autoptr(LwSalesforceExport) export = lw_salesforce_export (config, NULL, report);

  g_assert_nonnull (strstr (export->assignment_rules, "<field>Lead.Company</field>"));
  lw_test_assert_diagnostic (report, LW_SEVERITY_WARNING,
                             "$.routing.rules[0].when.filterGroups[0].filters[0].value",
                             "\"Acme, Inc.\" holds a comma");
}

static void
test_salesforce_escaping (void)
{
  g_autoptr(LwConfig) config = load_every_operator ();
  g_autoptr(LwSalesforceExport) export = lw_salesforce_export (config, NULL, NULL);

  g_assert_nonnull (strstr (export->assignment_rules,
                            "<fullName>Every operator &lt;&amp;&gt; &quot;quoted&quot;</fullName>"));
  /* The control character XML cannot hold is replaced by U+FFFD. */
  g_assert_nonnull (strstr (export->assignment_rules,
                            "<value>R&amp;D &lt;lab&gt; &quot;x&quot;\xEF\xBF\xBD</value>"));
  g_assert_null (strchr (export->assignment_rules, '\x01'));
  g_assert_null (strstr (export->assignment_rules, "<lab>"));
  /* "manag*" is a word prefix; Salesforce's contains needs no star. */
  g_assert_nonnull (strstr (export->assignment_rules, "<value>manag</value>"));
}

static void
test_salesforce_territories_and_accounts (void)
{
  g_autoptr(LwConfig) config = load_every_operator ();
  g_autoptr(LwSalesforceExport) export = lw_salesforce_export (config, NULL, NULL);
  const char *xml = export->assignment_rules;
  const char *territory_de, *territory_us, *acme, *globex, *fallback;

  /* 6 plain rules, 2 territory entries, 2 accounts, the fallback. */
  g_assert_cmpuint (count_occurrences (xml, "<ruleEntry>"), ==, 11);

  territory_de = strstr (xml,
                         "            <assignedTo>ben@example.com</assignedTo>\n"
                         "            <assignedToType>User</assignedToType>\n"
                         "            <criteriaItems>\n"
                         "                <field>Lead.segment__c</field>\n"
                         "                <operation>equals</operation>\n"
                         "                <value>ent</value>\n"
                         "            </criteriaItems>\n"
                         "            <criteriaItems>\n"
                         "                <field>Lead.Country</field>\n"
                         "                <operation>equals</operation>\n"
                         "                <value>DE</value>\n");
  territory_us = strstr (xml,
                         "            <assignedTo>sdrs</assignedTo>\n"
                         "            <assignedToType>Queue</assignedToType>\n"
                         "            <criteriaItems>\n"
                         "                <field>Lead.segment__c</field>\n"
                         "                <operation>equals</operation>\n"
                         "                <value>ent</value>\n"
                         "            </criteriaItems>\n"
                         "            <criteriaItems>\n"
                         "                <field>Lead.Country</field>\n"
                         "                <operation>equals</operation>\n"
                         "                <value>US,CA</value>\n");
  acme = strstr (xml,
                 "            <assignedTo>ben@example.com</assignedTo>\n"
                 "            <assignedToType>User</assignedToType>\n"
                 "            <criteriaItems>\n"
                 "                <field>Lead.email_domain__c</field>\n"
                 "                <operation>equals</operation>\n"
                 "                <value>acme.com</value>\n");
  globex = strstr (xml,
                   "            <assignedTo>ana@example.com</assignedTo>\n"
                   "            <assignedToType>User</assignedToType>\n"
                   "            <criteriaItems>\n"
                   "                <field>Lead.email_domain__c</field>\n"
                   "                <operation>equals</operation>\n"
                   "                <value>globex.com</value>\n");
  fallback = strstr (xml,
                     "        <ruleEntry>\n"
                     "            <assignedTo>ana@example.com</assignedTo>\n"
                     "            <assignedToType>User</assignedToType>\n"
                     "        </ruleEntry>\n"
                     "    </assignmentRule>\n");

  /* In rule order, the fallback last. */
  g_assert_nonnull (territory_de);
  g_assert_true (territory_de < territory_us);
  g_assert_true (territory_us < acme);
  g_assert_true (acme < globex);
  g_assert_true (globex < fallback);
}

static void
test_salesforce_escalations (void)
{
  g_autoptr(LwConfig) config = load_every_operator ();
  g_autoptr(LwSalesforceExport) export = lw_salesforce_export (config, NULL, NULL);
  static const char expected[] =
    "        <ruleEntry>\n"
    "            <businessHours>Default</businessHours>\n"
    "            <businessHoursSource>Static</businessHoursSource>\n"
    "            <criteriaItems>\n"
    "                <field>Lead.segment__c</field>\n"
    "                <operation>equals</operation>\n"
    "                <value>ent</value>\n"
    "            </criteriaItems>\n"
    "            <escalationAction>\n"
    "                <minutesToEscalation>60</minutesToEscalation>\n"
    "                <notifyCaseOwner>false</notifyCaseOwner>\n"
    "                <notifyEmail>ben@example.com</notifyEmail>\n"
    "            </escalationAction>\n"
    "            <escalationAction>\n"
    "                <assignedTo>sdrs</assignedTo>\n"
    "                <assignedToType>Queue</assignedToType>\n"
    "                <minutesToEscalation>120</minutesToEscalation>\n"
    "                <notifyCaseOwner>false</notifyCaseOwner>\n"
    "            </escalationAction>\n"
    "            <escalationAction>\n"
    "                <assignedTo>ana@example.com</assignedTo>\n"
    "                <assignedToType>User</assignedToType>\n"
    "                <minutesToEscalation>240</minutesToEscalation>\n"
    "                <notifyCaseOwner>false</notifyCaseOwner>\n"
    "            </escalationAction>\n"
    "            <escalationStartTime>CaseCreation</escalationStartTime>\n"
    "        </ruleEntry>\n";

  g_assert_nonnull (export->escalation_rules);
  g_assert_true (g_str_has_prefix (export->escalation_rules,
                                   "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                   "<EscalationRules xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n"));
  g_assert_nonnull (strstr (export->escalation_rules, expected));
  /* A blueprint, never deployed: package.xml names the assignment rules only. */
  g_assert_cmpstr (export->package, ==, package_xml);
}

/* ---- Salesforce: the mapping -------------------------------------------------- */

static const char custom_mapping[] =
  "{\n"
  "  \"format\": \"leadwright-salesforce-mapping\",\n"
  "  \"version\": 1,\n"
  "  \"ruleName\": \"Routing v2\",\n"
  "  \"active\": true,\n"
  "  \"fields\": { \"region\": \"Lead.Region__c\", \"nope\": \"Lead.Nope__c\" },\n"
  "  \"values\": { \"region\": { \"EMEA\": \"Europe\" } },\n"
  "  \"users\": { \"ana\": \"ana.silva@acme.my.salesforce.com\" },\n"
  "  \"queues\": { \"sdrs\": \"SDR_Queue\" }\n"
  "}\n";

static void
test_salesforce_mapping (void)
{
  g_autoptr(LwConfig) config = load_small ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LwSalesforceMapping) mapping = lw_salesforce_mapping_load_data (custom_mapping, -1, "m.json", &error);
  g_autoptr(GPtrArray) report = lw_diagnostics_new ();
  g_autoptr(LwSalesforceExport) export = NULL;
  const char *xml;

  g_assert_no_error (error);
  export = lw_salesforce_export (config, mapping, report);
  xml = export->assignment_rules;

  g_assert_nonnull (strstr (xml, "<fullName>Routing v2</fullName>\n        <active>true</active>"));
  g_assert_nonnull (strstr (xml,
                            "                <field>Lead.Region__c</field>\n"
                            "                <operation>equals</operation>\n"
                            "                <value>Europe</value>\n"));
  g_assert_nonnull (strstr (xml, "<assignedTo>ana.silva@acme.my.salesforce.com</assignedTo>"));
  g_assert_nonnull (strstr (xml, "<assignedTo>SDR_Queue</assignedTo>"));
  g_assert_null (strstr (xml, "region__c"));

  /* A mapped field is no custom-field surprise; a name the rule set lacks is. */
  for (guint i = 0; i < report->len; i++)
    g_assert_null (strstr (((LwDiagnostic *) g_ptr_array_index (report, i))->message, "Region"));
  lw_test_assert_diagnostic (report, LW_SEVERITY_WARNING, "mapping.fields.nope", "does not have");

  /* The reverse look-ups the import uses. */
  g_assert_cmpstr (lw_salesforce_mapping_lookup_value (mapping, "region", "europe"), ==, "EMEA");
  g_assert_cmpstr (lw_salesforce_mapping_lookup_user (mapping, "ANA.SILVA@acme.my.salesforce.com"), ==, "ana");
  g_assert_cmpstr (lw_salesforce_mapping_lookup_queue (mapping, "sdr_queue"), ==, "sdrs");
  g_assert_null (lw_salesforce_mapping_lookup_queue (mapping, "other"));
}

static void
test_salesforce_mapping_round_trip (void)
{
  g_autoptr(LwConfig) config = load_small ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LwSalesforceMapping) mapping = lw_salesforce_mapping_load_data (custom_mapping, -1, NULL, &error);
  g_autoptr(LwSalesforceMapping) again = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *defaults = NULL;

  g_assert_no_error (error);
  first = lw_salesforce_mapping_to_data (mapping, config, NULL);
  again = lw_salesforce_mapping_load_data (first, -1, NULL, &error);
  g_assert_no_error (error);
  second = lw_salesforce_mapping_to_data (again, config, NULL);
  g_assert_cmpstr (first, ==, second);

  /* Every property, rep and pool of the rule set with the name it gets. */
  g_assert_nonnull (strstr (first, "\"region\": \"Lead.Region__c\""));
  g_assert_nonnull (strstr (first, "\"employees\": \"Lead.NumberOfEmployees\""));
  g_assert_nonnull (strstr (first, "\"lead_status\": \"Lead.Status\""));
  g_assert_nonnull (strstr (first, "\"ben\": \"ben@example.com\""));
  g_assert_nonnull (strstr (first, "\"nope\": \"Lead.Nope__c\""));

  defaults = lw_salesforce_mapping_to_data (NULL, config, NULL);
  g_assert_nonnull (strstr (defaults, "\"ruleName\": \"Small\""));
  g_assert_nonnull (strstr (defaults, "\"active\": false"));
  g_assert_nonnull (strstr (defaults, "\"region\": \"Lead.region__c\""));
  g_assert_nonnull (strstr (defaults, "\"sdrs\": \"sdrs\""));
}

static void
assert_mapping_error (const char *json,
                      const char *fragment)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwSalesforceMapping) mapping = lw_salesforce_mapping_load_data (json, -1, "m.json", &error);

  g_assert_null (mapping);
  g_assert_error (error, LW_SALESFORCE_ERROR, LW_SALESFORCE_ERROR_MAPPING);
  if (strstr (error->message, fragment) == NULL)
    g_printerr ("expected \"%s\" in: %s\n", fragment, error->message);
  g_assert_nonnull (strstr (error->message, fragment));
}

static void
test_salesforce_mapping_errors (void)
{
  assert_mapping_error ("{ \"format\": ", "m.json:1:");
  assert_mapping_error ("[]", "m.json:1:1: $: expected an object");
  assert_mapping_error ("{ \"format\": \"leadwright-config\", \"version\": 1 }",
                        "m.json:1:13: $.format: not a Salesforce mapping");
  assert_mapping_error ("{ \"format\": \"leadwright-salesforce-mapping\", \"version\": 9 }",
                        "m.json:1:57: $.version: version 9 is newer");
  assert_mapping_error ("{ \"format\": \"leadwright-salesforce-mapping\", \"version\": 1,\n"
                        "  \"colour\": 1 }",
                        "m.json:2:3: $.colour: unknown member \"colour\"");
  assert_mapping_error ("{ \"format\": \"leadwright-salesforce-mapping\", \"version\": 1,\n"
                        "  \"fields\": { \"country\": \"Country\" } }",
                        "m.json:2:26: $.fields.country: \"Country\" is not a Lead field");
  assert_mapping_error ("{ \"format\": \"leadwright-salesforce-mapping\", \"version\": 1,\n"
                        "  \"queues\": { \"sdrs\": \"SDR queue\" } }",
                        "$.queues.sdrs: \"SDR queue\" is not a queue's developer name");
  assert_mapping_error ("{ \"format\": \"leadwright-salesforce-mapping\", \"version\": 1,\n"
                        "  \"values\": { \"region\": { \"EMEA\": 3 } } }",
                        "$.values.region.EMEA: expected a string");
  assert_mapping_error ("{ \"format\": \"leadwright-salesforce-mapping\", \"version\": 1, \"active\": \"yes\" }",
                        "$.active: expected true or false");
  assert_mapping_error ("{ \"format\": \"leadwright-salesforce-mapping\", \"version\": 1, \"a\": 1, \"a\": 2 }",
                        "m.json:1:");
  assert_mapping_error ("{ \"format\": \"leadwright-salesforce-mapping\", \"version\": 1, \"ruleName\": \"\xC3\x28\" }",
                        "m.json:1:");
}

static void
test_salesforce_developer_names (void)
{
  struct { const char *text; guint max; const char *name; } cases[] = {
    { "na-sdr", 80, "na_sdr" },
    { "1st--pool!", 80, "X1st_pool" },
    { "---", 80, "X" },
    { "a_b__c", 80, "a_b_c" },
    { "abcdef", 3, "abc" },
    { "ab-cd", 3, "ab" },
    { "Région Nord", 80, "R_gion_Nord" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = lw_salesforce_developer_name (cases[i].text, cases[i].max);

      g_assert_cmpstr (name, ==, cases[i].name);
    }
}

static void
test_salesforce_write (void)
{
  g_autoptr(LwConfig) with_slas = load_every_operator ();
  g_autoptr(LwConfig) without = load_small ();
  g_autoptr(LwSalesforceExport) first = lw_salesforce_export (with_slas, NULL, NULL);
  g_autoptr(LwSalesforceExport) second = lw_salesforce_export (without, NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = make_test_dir ("write");
  g_autofree char *escalation = g_build_filename (dir, LW_SALESFORCE_ESCALATION_FILE, NULL);
  g_autofree char *assignment = g_build_filename (dir, LW_SALESFORCE_ASSIGNMENT_FILE, NULL);
  g_autofree char *mapping = g_build_filename (dir, LW_SALESFORCE_MAPPING_FILE, NULL);
  g_autofree char *written = NULL;
  g_autoptr(LwSalesforceMapping) loaded = NULL;

  g_assert_no_error (error);
  g_assert_true (lw_salesforce_export_write (first, dir, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (escalation, G_FILE_TEST_IS_REGULAR));

  /* Exporting again a rule set without SLA leaves no stale blueprint. */
  g_assert_true (lw_salesforce_export_write (second, dir, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (escalation, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_get_contents (assignment, &written, NULL, NULL));
  g_assert_cmpstr (written, ==, small_assignment_rules);

  /* The mapping written beside loads back. */
  loaded = lw_salesforce_mapping_load_file (mapping, &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);

  /* A directory that cannot be made. */
  {
    g_autofree char *blocker = g_build_filename (dir, "file", NULL);
    g_autofree char *inside = g_build_filename (blocker, "out", NULL);
    g_autoptr(GError) write_error = NULL;

    g_assert_true (g_file_set_contents (blocker, "x", -1, NULL));
    g_assert_false (lw_salesforce_export_write (second, inside, &write_error));
    g_assert_nonnull (write_error);
  }
}

/* ---- HubSpot --------------------------------------------------------------------- */

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static JsonNode *
load_reference (void)
{
  g_autofree char *path = lw_test_shared_path ("hubspot/reference.json");
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) error = NULL;

  if (path == NULL)
    return NULL;
  parser = json_parser_new ();
  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static GStrv
reference_strings (JsonNode   *reference,
                   const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) found = json_path_query (path, reference, &error);
  JsonArray *array;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_assert_no_error (error);
  /* json_path_query wraps the match in an array. */
  array = json_array_get_array_element (json_node_get_array (found), 0);
  for (guint i = 0; i < json_array_get_length (array); i++)
    g_strv_builder_add (builder, json_array_get_string_element (array, i));
  return g_strv_builder_end (builder);
}

typedef struct
{
  GStrv  operators;
  guint  n_filters;
} FilterCheck;

static gboolean
is_string (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

/* Every object with an "operator" anywhere in @node is a HubSpot filter:
 * a real operator, a propertyName, and values that are strings. */
static void
check_filters (JsonNode    *node,
               FilterCheck *check)
{
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        check_filters (json_array_get_element (array, i), check);
    }
  else if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr(GList) members = json_object_get_members (object);

      if (json_object_has_member (object, "operator"))
        {
          const char *op = json_object_get_string_member (object, "operator");

          check->n_filters++;
          if (!g_strv_contains ((const char * const *) check->operators, op))
            g_printerr ("not a HubSpot operator: %s\n", op);
          g_assert_true (g_strv_contains ((const char * const *) check->operators, op));
          g_assert_true (is_string (json_object_get_member (object, "propertyName")));
          if (json_object_has_member (object, "value"))
            g_assert_true (is_string (json_object_get_member (object, "value")));
          if (json_object_has_member (object, "highValue"))
            g_assert_true (is_string (json_object_get_member (object, "highValue")));
          if (json_object_has_member (object, "values"))
            {
              JsonArray *values = json_object_get_array_member (object, "values");

              g_assert_cmpuint (json_array_get_length (values), >, 0);
              for (guint i = 0; i < json_array_get_length (values); i++)
                g_assert_true (is_string (json_array_get_element (values, i)));
            }
          for (GList *l = members; l != NULL; l = l->next)
            g_assert_true (g_strv_contains ((const char * const[]) { "propertyName", "operator", "value",
                                                                     "values", "highValue", NULL },
                                            l->data));
        }
      for (GList *l = members; l != NULL; l = l->next)
        check_filters (json_object_get_member (object, l->data), check);
    }
}

static JsonObject *
find_property_definition (JsonNode   *root,
                          const char *name)
{
  JsonArray *properties = json_object_get_array_member (json_node_get_object (root), "properties");

  for (guint i = 0; i < json_array_get_length (properties); i++)
    {
      JsonObject *property = json_array_get_object_element (properties, i);

      if (g_strcmp0 (json_object_get_string_member (property, "name"), name) == 0)
        return property;
    }
  return NULL;
}

static GStrv
option_values (JsonObject *property)
{
  JsonArray *options = json_object_get_array_member (property, "options");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < json_array_get_length (options); i++)
    {
      JsonObject *option = json_array_get_object_element (options, i);

      g_assert_cmpint (json_object_get_int_member (option, "displayOrder"), ==, i);
      g_assert_false (json_object_get_boolean_member (option, "hidden"));
      g_strv_builder_add (builder, json_object_get_string_member (option, "value"));
    }
  return g_strv_builder_end (builder);
}

static void
test_hubspot_reference (void)
{
  g_autoptr(JsonNode) reference = load_reference ();
  g_autoptr(LwConfig) config = NULL;
  g_autoptr(GPtrArray) report = lw_diagnostics_new ();
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_auto(GStrv) operators = NULL;
  g_auto(GStrv) stages = NULL;
  g_auto(GStrv) stage_values = NULL;
  g_auto(GStrv) statuses = NULL;
  g_auto(GStrv) status_values = NULL;
  JsonObject *lifecycle;
  JsonObject *status;
  FilterCheck check = { NULL, 0 };

  if (reference == NULL)
    return;

  config = lw_test_load_sample ();
  text = lw_hubspot_export_to_data (config, report, NULL);
  root = parse_json (text);

  operators = reference_strings (reference, "$.crm_v3_search.filter_operator_enum");
  g_assert_cmpuint (g_strv_length (operators), ==, 13);
  check.operators = operators;
  check_filters (root, &check);
  /* 8 routing rules, 2 territory entries, 3 SLA policies, at least a
   * filter each except the catch-all rule. */
  g_assert_cmpuint (check.n_filters, >=, 16);

  /* The sample's stages are HubSpot's defaults, in HubSpot's order. */
  stages = reference_strings (reference, "$.contact_properties.lifecyclestage.default_internal_values_in_order");
  lifecycle = find_property_definition (root, "lifecyclestage");
  g_assert_nonnull (lifecycle);
  g_assert_cmpstr (json_object_get_string_member (lifecycle, "type"), ==, "enumeration");
  stage_values = option_values (lifecycle);
  g_assert_true (g_strv_equal ((const char * const *) stages, (const char * const *) stage_values));

  statuses = reference_strings (reference, "$.contact_properties.hs_lead_status.default_internal_values");
  status = find_property_definition (root, "hs_lead_status");
  g_assert_nonnull (status);
  status_values = option_values (status);
  g_assert_cmpuint (g_strv_length (status_values), ==, 6);
  for (guint i = 0; status_values[i] != NULL; i++)
    g_assert_true (g_strv_contains ((const char * const *) statuses, status_values[i]));
}

static void
test_hubspot_builtin_values (void)
{
  g_autoptr(JsonNode) reference = load_reference ();
  g_autofree char *json = NULL;
  g_autoptr(LwConfig) config = NULL;
  g_autoptr(GPtrArray) report = lw_diagnostics_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) stages = NULL;
  JsonObject *rule;
  JsonArray *filters;
  FilterCheck check = { NULL, 0 };

  if (reference == NULL)
    return;

  json = build_config (
    "Built-ins",
    "{ \"id\": \"segment\", \"label\": \"Segment\", \"type\": \"enum\", \"options\": ["
    "  { \"value\": \"smb\", \"label\": \"SMB\" } ] }",
    "{ \"id\": \"hot\", \"label\": \"Hot\", \"when\": { \"filterGroups\": [ { \"filters\": ["
    "    { \"propertyName\": \"lifecycle_stage\", \"operator\": \"IN\", \"values\": [\"lead\", \"mql\"] },"
    "    { \"propertyName\": \"lead_status\", \"operator\": \"EQ\", \"value\": \"attempting\" },"
    "    { \"propertyName\": \"created_at\", \"operator\": \"BETWEEN\", \"value\": \"2026-01-01T00:00:00Z\","
    "      \"highValue\": \"2026-01-02T00:00:00Z\" },"
    "    { \"propertyName\": \"fit_score\", \"operator\": \"GTE\", \"value\": \"20\" },"
    "    { \"propertyName\": \"segment\", \"operator\": \"HAS_PROPERTY\" } ] } ] },"
    "  \"assign\": { \"type\": \"owner\", \"owner\": \"ana\" } }",
    "{ \"pool\": \"sdrs\" }", "", PLAIN_POOL, "");
  config = lw_test_load_config (json);
  text = lw_hubspot_export_to_data (config, report, NULL);
  root = parse_json (text);

  check.operators = reference_strings (reference, "$.crm_v3_search.filter_operator_enum");
  check_filters (root, &check);
  g_strfreev (check.operators);

  rule = json_array_get_object_element (
    json_object_get_array_member (json_object_get_object_member (json_node_get_object (root), "routing"), "rules"), 0);
  filters = json_object_get_array_member (
    json_array_get_object_element (json_object_get_array_member (rule, "filterGroups"), 0), "filters");
  g_assert_cmpuint (json_array_get_length (filters), ==, 5);

  {
    JsonObject *stage = json_array_get_object_element (filters, 0);
    JsonArray *values = json_object_get_array_member (stage, "values");

    stages = reference_strings (reference, "$.contact_properties.lifecyclestage.default_internal_values_in_order");
    g_assert_cmpstr (json_object_get_string_member (stage, "propertyName"), ==, "lifecyclestage");
    g_assert_cmpstr (json_array_get_string_element (values, 0), ==, "lead");
    g_assert_cmpstr (json_array_get_string_element (values, 1), ==, "marketingqualifiedlead");
    g_assert_true (g_strv_contains ((const char * const *) stages, json_array_get_string_element (values, 1)));
  }
  {
    JsonObject *status = json_array_get_object_element (filters, 1);

    g_assert_cmpstr (json_object_get_string_member (status, "propertyName"), ==, "hs_lead_status");
    g_assert_cmpstr (json_object_get_string_member (status, "operator"), ==, "EQ");
    g_assert_cmpstr (json_object_get_string_member (status, "value"), ==, "ATTEMPTED_TO_CONTACT");
  }
  {
    /* 2026-01-01T00:00:00Z is 1767225600 s after the epoch; HubSpot
     * compares dates in milliseconds. */
    JsonObject *created = json_array_get_object_element (filters, 2);

    g_assert_cmpstr (json_object_get_string_member (created, "propertyName"), ==, "createdate");
    g_assert_cmpstr (json_object_get_string_member (created, "value"), ==, "1767225600000");
    g_assert_cmpstr (json_object_get_string_member (created, "highValue"), ==, "1767312000000");
  }
  {
    JsonObject *fit = json_array_get_object_element (filters, 3);
    JsonObject *segment = json_array_get_object_element (filters, 4);

    g_assert_cmpstr (json_object_get_string_member (fit, "propertyName"), ==, "leadwright_fit_score");
    g_assert_cmpstr (json_object_get_string_member (fit, "value"), ==, "20");
    g_assert_cmpstr (json_object_get_string_member (segment, "operator"), ==, "HAS_PROPERTY");
    g_assert_false (json_object_has_member (segment, "value"));
  }

  /* The condition alone gives the same groups. */
  {
    const LwRoutingRule *routing = g_ptr_array_index (config->rules, 0);
    g_autoptr(JsonNode) alone = lw_hubspot_condition_to_json (config, routing->when, "$.x", NULL);

    g_assert_true (json_node_equal (json_object_get_member (json_node_get_object (alone), "filterGroups"),
                                    json_object_get_member (rule, "filterGroups")));
  }

  /* Only "segment" is not HubSpot's own. */
  g_assert_cmpuint (report->len, ==, 1);
  lw_test_assert_diagnostic (report, LW_SEVERITY_WARNING,
                             "$.routing.rules[0].when.filterGroups[0].filters[4].propertyName",
                             "must exist in HubSpot");
}

static void
test_hubspot_score_properties (void)
{
  g_autoptr(LwConfig) config = lw_test_load_sample ();
  g_autofree char *text = lw_hubspot_export_to_data (config, NULL, NULL);
  g_autoptr(JsonNode) root = parse_json (text);
  static const char * const scores[] = {
    "leadwright_fit_score", "leadwright_engagement_score", "leadwright_total_score", NULL
  };
  static const char * const grades[] = { "A1", "A2", "A3", "B1", "B2", "B3", "C1", "C2", "C3", NULL };
  g_auto(GStrv) values = NULL;
  JsonObject *grade;

  g_assert_true (g_str_has_suffix (text, "}\n"));
  for (guint i = 0; scores[i] != NULL; i++)
    {
      JsonObject *score = find_property_definition (root, scores[i]);

      g_assert_nonnull (score);
      g_assert_cmpstr (json_object_get_string_member (score, "type"), ==, "number");
      g_assert_cmpstr (json_object_get_string_member (score, "fieldType"), ==, "number");
      g_assert_cmpstr (json_object_get_string_member (score, "groupName"), ==, "leadwright");
      g_assert_false (json_object_has_member (score, "options"));
    }

  grade = find_property_definition (root, "leadwright_grade");
  g_assert_nonnull (grade);
  g_assert_cmpstr (json_object_get_string_member (grade, "type"), ==, "enumeration");
  g_assert_cmpstr (json_object_get_string_member (grade, "fieldType"), ==, "select");
  values = option_values (grade);
  g_assert_true (g_strv_equal ((const char * const *) values, grades));
  /* The sample's bands: fit A from 35, engagement 1 from 25. */
  g_assert_cmpstr (json_object_get_string_member (
                     json_array_get_object_element (json_object_get_array_member (grade, "options"), 0),
                     "description"),
                   ==, "Fit A (35 or more), engagement 1 (25 or more)");
}

static void
test_hubspot_missing_internal_value (void)
{
  g_autoptr(LwConfig) config = load_small ();
  g_autoptr(GPtrArray) report = lw_diagnostics_new ();
  g_autoptr(JsonNode) root = NULL;
  g_auto(GStrv) values = NULL;
  LwStage *mql = g_ptr_array_index (config->stages, 1);

  g_free (mql->hubspot_value);
  mql->hubspot_value = g_strdup ("");
  root = lw_hubspot_export (config, report);
  values = option_values (find_property_definition (root, "lifecyclestage"));
  g_assert_cmpstr (values[0], ==, "lead");
  g_assert_cmpstr (values[1], ==, "mql");
  lw_test_assert_diagnostic (report, LW_SEVERITY_WARNING, "$.lifecycle.stages[1].hubspotValue",
                             "\"mql\" has no HubSpot internal value");
}

static void
test_hubspot_territories (void)
{
  g_autoptr(LwConfig) config = load_every_operator ();
  g_autoptr(JsonNode) root = lw_hubspot_export (config, NULL);
  g_autoptr(JsonNode) found = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *entry;
  JsonArray *filters;

  found = json_path_query ("$.routing.rules[6].assign.map[1]", root, &error);
  g_assert_no_error (error);
  entry = json_array_get_object_element (json_node_get_array (found), 0);
  filters = json_object_get_array_member (
    json_array_get_object_element (json_object_get_array_member (entry, "filterGroups"), 0), "filters");
  /* The rule's own filter, then the territory's. */
  g_assert_cmpuint (json_array_get_length (filters), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (filters, 1), "propertyName"),
                   ==, "country");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (filters, 1), "operator"),
                   ==, "IN");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (entry, "assign"), "type"),
                   ==, "rotate");
}

/* ---- the playbook --------------------------------------------------------------------- */

/* The text a reader sees: Markdown's backslash escapes or HTML's entities
 * undone. */
static char *
dup_readable (const char *text,
              gboolean    html)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (!html && *p == '\\' && p[1] != '\0' && g_ascii_ispunct (p[1]))
        g_string_append_c (out, *++p);
      else if (html && *p == '&')
        {
          static const char * const entities[][2] = {
            { "&amp;", "&" }, { "&lt;", "<" }, { "&gt;", ">" }, { "&quot;", "\"" }, { "&#39;", "'" },
          };
          gboolean found = FALSE;

          for (guint i = 0; i < G_N_ELEMENTS (entities) && !found; i++)
            if (g_str_has_prefix (p, entities[i][0]))
              {
                g_string_append (out, entities[i][1]);
                p += strlen (entities[i][0]) - 1;
                found = TRUE;
              }
          if (!found)
            g_string_append_c (out, *p);
        }
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

static const char *
assert_contains (const char *text,
                 const char *needle)
{
  const char *at = strstr (text, needle);

  if (at == NULL)
    g_printerr ("missing from the playbook: %s\n", needle);
  g_assert_nonnull (at);
  return at;
}

static void
assert_playbook_complete (const LwConfig *config,
                          const char     *document,
                          gboolean        html)
{
  g_autofree char *text = dup_readable (document, html);
  const char *previous;
  const char *routing;

  for (guint i = 0; i < config->stages->len; i++)
    {
      const LwStage *stage = g_ptr_array_index (config->stages, i);

      assert_contains (text, stage->label);
      assert_contains (text, stage->definition);
      assert_contains (text, stage->next_step);
    }
  for (guint i = 0; i < config->statuses->len; i++)
    assert_contains (text, ((LwStatus *) g_ptr_array_index (config->statuses, i))->label);
  for (guint i = 0; i < config->paths->len; i++)
    assert_contains (text, ((LwPath *) g_ptr_array_index (config->paths, i))->label);
  for (guint i = 0; i < config->scoring.fit.criteria->len; i++)
    assert_contains (text, ((LwCriterion *) g_ptr_array_index (config->scoring.fit.criteria, i))->label);
  for (guint i = 0; i < config->scoring.engagement.criteria->len; i++)
    assert_contains (text, ((LwCriterion *) g_ptr_array_index (config->scoring.engagement.criteria, i))->label);
  for (guint i = 0; i < config->policies->len; i++)
    assert_contains (text, ((LwSlaPolicy *) g_ptr_array_index (config->policies, i))->label);
  for (guint i = 0; i < config->reps->len; i++)
    assert_contains (text, ((LwRep *) g_ptr_array_index (config->reps, i))->name);
  for (guint i = 0; i < config->teams->len; i++)
    assert_contains (text, ((LwTeam *) g_ptr_array_index (config->teams, i))->label);
  for (guint i = 0; i < config->pools->len; i++)
    assert_contains (text, ((LwPool *) g_ptr_array_index (config->pools, i))->label);
  for (guint i = 0; i < config->accounts->len; i++)
    assert_contains (text, ((LwAccount *) g_ptr_array_index (config->accounts, i))->name);

  /* Routing rules in order, then the fallback. */
  routing = previous = assert_contains (text, "Routing");
  for (guint i = 0; i < config->rules->len; i++)
    {
      const char *at = assert_contains (previous, ((LwRoutingRule *) g_ptr_array_index (config->rules, i))->label);

      g_assert_true (at > previous);
      previous = at;
    }
  g_assert_true (assert_contains (previous, "Fallback:") > routing);

  assert_contains (text, "MQL when fit + engagement ≥ 40");
  g_assert_null (strstr (text, "Latest run"));
}

static void
test_playbook_complete (void)
{
  g_autoptr(LwConfig) config = lw_test_load_sample ();
  g_autofree char *markdown = lw_playbook_to_markdown (config, NULL);
  g_autofree char *html = lw_playbook_to_html (config, NULL);

  assert_playbook_complete (config, markdown, FALSE);
  assert_playbook_complete (config, html, TRUE);

  g_assert_true (g_str_has_prefix (markdown, "# B2B playbook: lead management playbook\n\n"));
  g_assert_true (g_str_has_suffix (markdown, "|\n"));
  g_assert_false (g_str_has_suffix (markdown, "\n\n"));

  /* Criteria with their conditions and points, in a table. */
  assert_contains (markdown, "| C-level or VP | Seniority is any of C-level, Vice president | +10 |");
  assert_contains (markdown, "| Competitor | Email domain is any of routewise.io, funnelforge.com, leadlane.com | -30 |");
  assert_contains (markdown, "| Pricing page visit | each Pricing page visit, counted at most 3 times | +5 |");
  /* Routing in plain language. */
  assert_contains (markdown, "2. **North American enterprise** — when Region is North America and "
                             "Segment is Enterprise, assign to Olivia Chen.");
  assert_contains (markdown, "Germany, Austria, Switzerland → Lukas Weber; France, Belgium → Sophie Martin");
  assert_contains (markdown, "8. **No region: whichever SDR is working** — every lead: assign to the "
                             "pool “Follow-the-sun SDRs” (round robin).");
  assert_contains (markdown, "**Fallback:** every lead no rule assigns goes to the pool “Lead desk” (round robin).");
}

static void
test_playbook_human_units (void)
{
  struct { guint minutes; gboolean business; const char *text; } cases[] = {
    { 0, FALSE, "0 minutes" },
    { 1, FALSE, "1 minute" },
    { 10, FALSE, "10 minutes" },
    { 60, FALSE, "1 hour" },
    { 90, FALSE, "1 hour 30 minutes" },
    { 1440, FALSE, "1 day" },
    { 2880, FALSE, "2 days" },
    { 1500, FALSE, "25 hours" },
    { 1440, TRUE, "24 hours of business time" },
    { 480, TRUE, "8 hours of business time" },
  };
  g_autoptr(LwConfig) config = lw_test_load_sample ();
  g_autofree char *markdown = lw_playbook_to_markdown (config, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = lw_playbook_format_minutes (cases[i].minutes, cases[i].business);

      g_assert_cmpstr (text, ==, cases[i].text);
    }

  assert_contains (markdown, "- **First touch within:** 10 minutes of business time (the owner's "
                             "working hours, in their time zone)\n"
                             "- **Warning:** 5 minutes of business time before the deadline\n"
                             "- **Escalation:** after 2 hours of business time untouched, notify the owner's manager\n");
  assert_contains (markdown, "- **Escalation:** after 24 hours of business time untouched, reassign: "
                             "the pool “Follow-the-sun SDRs” (round robin)");
  assert_contains (markdown, "- **Clock stops while the status is:** Nurture / bad timing\n");
  /* Working hours grouped by day; the split day of the EMEA team. */
  assert_contains (markdown, "| Jake Miller | SDR | North America | jake@leadwright-demo.com | "
                             "America/New\\_York | Mon–Fri 08:30-17:30 | 40 | weight 2 |");
  assert_contains (markdown, "Mon–Fri 09:00-12:30, 13:30-17:30");
  assert_contains (markdown, "out of office 2026-12-21 to 2026-12-31");
  assert_contains (markdown, "- **Back from nurture** (recycling): after 90 days in “Nurture / bad "
                             "timing”, the lead goes back to “Lead”, owned by Marketing.");
}

static void
test_playbook_figures (void)
{
  g_autoptr(LwConfig) config = lw_test_load_sample ();
  LwPlaybookStageFigures stages[8] = {
    { 1000, 120, 0.9 }, { 900, 300, 0.5 }, { 412, 37, 0.4563 }, { 188, 20, 0.5 },
    { 94, 40, 0.5 }, { 47, 40, 0.1489 }, { 7, 7, -1 }, { 0, 0, -1 },
  };
  LwPlaybookSlaFigures policies[3] = {
    { 120, 96, 20, 100.0 * 96 / 116, 420, 3900 },
    { 300, 250, 50, 100.0 * 250 / 300, 1800, 7200 },
    { 0, 0, 0, -1, -1, -1 },
  };
  LwPlaybookFigures figures = {
    "Simulation, 30 days", 1767225600, 1769817600, 1000, 412, 188, 12,
    G_N_ELEMENTS (stages), stages,
    { 420, 346, 70, 100.0 * 346 / 416, 900, 5400 },
    G_N_ELEMENTS (policies), policies,
  };
  g_autofree char *markdown = lw_playbook_to_markdown (config, &figures);
  g_autofree char *html = lw_playbook_to_html (config, &figures);
  g_autofree char *partial = NULL;

  assert_contains (markdown, "## Latest run\n\n### Simulation, 30 days\n\n"
                             "From 2026-01-01T00:00:00Z to 2026-01-31T00:00:00Z: 1000 leads, 412 reached "
                             "the MQL threshold, 188 were qualified by sales, 12 went to the fallback owner.");
  assert_contains (markdown, "| Marketing Qualified Lead | 412 | 37 | 45.6% |");
  assert_contains (markdown, "| Evangelist | 7 | 7 | — |");
  /* 96 met of 116 decided: 82.8%; 420 s is 7 min, 3900 s 1 h 05 min. */
  assert_contains (markdown, "| Demo and contact-sales requests | 120 | 96 | 20 | 82.8% | 7 min | 1 h 05 min |");
  assert_contains (markdown, "| Content and webinar leads | 0 | 0 | 0 | — | — | — |");
  assert_contains (markdown, "| All policies | 420 | 346 | 70 | 83.2% | 15 min | 1 h 30 min |");
  assert_contains (html, "<td>Marketing Qualified Lead</td><td class=\"num\">412</td>"
                         "<td class=\"num\">37</td><td class=\"num\">45.6%</td>");

  /* Figures for another rule set's stages: the funnel is left out, the
   * rest stays. */
  figures.n_stages = 3;
  partial = lw_playbook_to_markdown (config, &figures);
  g_assert_null (strstr (partial, "### Funnel"));
  assert_contains (partial, "| All policies | 420 |");
}

static void
test_playbook_hostile_labels (void)
{
  g_autoptr(LwConfig) config = load_small ();
  LwStage *stage = g_ptr_array_index (config->stages, 0);
  LwRoutingRule *rule = g_ptr_array_index (config->rules, 0);
  LwRep *rep = g_ptr_array_index (config->reps, 0);
  g_autofree char *markdown = NULL;
  g_autofree char *html = NULL;

  g_free (stage->label);
  stage->label = g_strdup ("<script>alert('x')</script>");
  g_free (rule->label);
  rule->label = g_strdup ("Tom & Jerry <b>bold</b> [link](http://evil.example)");
  g_free (rep->name);
  rep->name = g_strdup ("Ana | Silva *star*");
  g_free (config->description);
  config->description = g_strdup ("</p><img src=x onerror=alert(1)>\nsecond line");

  html = lw_playbook_to_html (config, NULL);
  markdown = lw_playbook_to_markdown (config, NULL);

  g_assert_null (strstr (html, "<script"));
  g_assert_null (strstr (html, "<img"));
  g_assert_null (strstr (html, "<b>"));
  assert_contains (html, "<h3>1. &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</h3>");
  assert_contains (html, "<strong>Tom &amp; Jerry &lt;b&gt;bold&lt;/b&gt; [link](http://evil.example)</strong>");
  assert_contains (html, "<p>&lt;/p&gt;&lt;img src=x onerror=alert(1)&gt;\nsecond line</p>");

  /* Every "<" is escaped: no renderer reads a tag. */
  for (const char *p = strchr (markdown, '<'); p != NULL; p = strchr (p + 1, '<'))
    g_assert_cmpint (p[-1], ==, '\\');
  assert_contains (markdown, "\\<img src=x");
  assert_contains (markdown, "### 1. \\<script\\>alert('x')\\</script\\>\n");
  assert_contains (markdown, "**Tom \\& Jerry \\<b\\>bold\\</b\\> \\[link\\](http://evil.example)**");
  /* A pipe cannot end a table cell early, a line break cannot end the paragraph. */
  assert_contains (markdown, "| Ana \\| Silva \\*star\\* |");
  assert_contains (markdown, "\\</p\\>\\<img src=x onerror=alert(1)\\> second line\n");
}

static void
test_playbook_self_contained (void)
{
  g_autoptr(LwConfig) config = lw_test_load_sample ();
  g_autofree char *html = lw_playbook_to_html (config, NULL);
  static const char * const external[] = {
    "http:", "https:", " src=", "<link", "<script", "url(", "@import", "<iframe", NULL
  };

  g_assert_true (g_str_has_prefix (html, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"));
  g_assert_true (g_str_has_suffix (html, "</main>\n</body>\n</html>\n"));
  assert_contains (html, "<title>B2B playbook: lead management playbook</title>");
  assert_contains (html, "<style>");
  assert_contains (html, "@media print");
  for (guint i = 0; external[i] != NULL; i++)
    g_assert_null (strstr (html, external[i]));
  /* Balanced blocks. */
  g_assert_cmpuint (count_occurrences (html, "<table>"), ==, count_occurrences (html, "</table>"));
  g_assert_cmpuint (count_occurrences (html, "<ul>"), ==, count_occurrences (html, "</ul>"));
  g_assert_cmpuint (count_occurrences (html, "<ol>"), ==, count_occurrences (html, "</ol>"));
  g_assert_cmpuint (count_occurrences (html, "<li>"), ==, count_occurrences (html, "</li>"));
  g_assert_cmpuint (count_occurrences (html, "<p>"), ==, count_occurrences (html, "</p>"));
}

/* ---- the command line --------------------------------------------------------------- */

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

static char *
find_cli (void)
{
  const char *env = g_getenv ("LW_CLI");
  g_autofree char *built = NULL;

  if (env != NULL)
    return g_strdup (env);
  built = g_test_build_filename (G_TEST_BUILT, "..", "app", "cli", "leadwright-cli", NULL);
  if (!g_file_test (built, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("leadwright-cli is not built");
      return NULL;
    }
  return g_steal_pointer (&built);
}

/* Runs leadwright-cli with the NULL-terminated arguments; FALSE when it
 * is not there (the test is then skipped). */
static gboolean
run_cli (Result *result,
         ...)
{
  g_autofree char *cli = find_cli ();
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list args;

  if (cli == NULL)
    return FALSE;
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
test_cli_formats (void)
{
  g_autofree char *sample = lw_test_sample_path ("b2b-playbook.json");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = make_test_dir ("cli");
  g_autofree char *sf = g_build_filename (dir, "sf", NULL);
  g_autofree char *hubspot = g_build_filename (dir, "hubspot.json", NULL);
  g_autofree char *html = g_build_filename (dir, "playbook.html", NULL);
  g_autofree char *assignment = g_build_filename (sf, LW_SALESFORCE_ASSIGNMENT_FILE, NULL);
  g_autofree char *hubspot_text = NULL;
  g_autofree char *html_text = NULL;
  g_auto(Result) salesforce = { 0 };
  g_auto(Result) hs = { 0 };
  g_auto(Result) md = { 0 };
  g_auto(Result) page = { 0 };

  g_assert_no_error (error);
  if (!run_cli (&salesforce, "export", sample, "--format", "salesforce", "-o", sf, NULL))
    return;
  g_assert_cmpint (salesforce.status, ==, 0);
  g_assert_true (g_file_test (assignment, G_FILE_TEST_IS_REGULAR));
  g_assert_nonnull (strstr (salesforce.out, LW_SALESFORCE_ASSIGNMENT_FILE));
  /* The report: what Salesforce cannot express, located. */
  g_assert_nonnull (strstr (salesforce.err, "warning: $.team.pools[0].weighted: "));
  g_assert_nonnull (strstr (salesforce.err, "warning: $.slas: "));

  run_cli (&hs, "export", sample, "--format", "hubspot", "-o", hubspot, NULL);
  g_assert_cmpint (hs.status, ==, 0);
  g_assert_cmpstr (hs.out, ==, "");
  g_assert_true (g_file_get_contents (hubspot, &hubspot_text, NULL, NULL));
  {
    g_autoptr(JsonNode) root = parse_json (hubspot_text);

    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "format"), ==,
                     "leadwright-hubspot");
  }

  run_cli (&md, "export", sample, "--format", "markdown", NULL);
  g_assert_cmpint (md.status, ==, 0);
  g_assert_true (g_str_has_prefix (md.out, "# B2B playbook: lead management playbook\n"));

  run_cli (&page, "export", sample, "-f", "html", "-o", html, NULL);
  g_assert_cmpint (page.status, ==, 0);
  g_assert_true (g_file_get_contents (html, &html_text, NULL, NULL));
  g_assert_true (g_str_has_prefix (html_text, "<!DOCTYPE html>"));
}

static void
test_cli_exit_codes (void)
{
  g_autofree char *sample = lw_test_sample_path ("b2b-playbook.json");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = make_test_dir ("cli");
  g_autofree char *bad_mapping = g_build_filename (dir, "mapping.json", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.json", NULL);
  g_autofree char *out = g_build_filename (dir, "out", NULL);
  g_auto(Result) no_dir = { 0 };
  g_auto(Result) bad_format = { 0 };
  g_auto(Result) mapping_elsewhere = { 0 };
  g_auto(Result) no_config = { 0 };
  g_auto(Result) not_there = { 0 };
  g_auto(Result) mapping_broken = { 0 };
  g_auto(Result) strict = { 0 };
  g_auto(Result) strict_md = { 0 };

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (bad_mapping, "{ \"format\": \"nope\", \"version\": 1 }", -1, NULL));

  /* Usage errors: 2. */
  if (!run_cli (&no_dir, "export", sample, "--format", "salesforce", NULL))
    return;
  g_assert_cmpint (no_dir.status, ==, 2);
  g_assert_nonnull (strstr (no_dir.err, "-o DIR"));
  run_cli (&bad_format, "export", sample, "--format", "csv", NULL);
  g_assert_cmpint (bad_format.status, ==, 2);
  run_cli (&mapping_elsewhere, "export", sample, "--format", "markdown", "--mapping", bad_mapping, NULL);
  g_assert_cmpint (mapping_elsewhere.status, ==, 2);
  run_cli (&no_config, "export", "--format", "markdown", NULL);
  g_assert_cmpint (no_config.status, ==, 2);

  /* Invalid input: 1, and nothing written. */
  run_cli (&not_there, "export", missing, "--format", "html", NULL);
  g_assert_cmpint (not_there.status, ==, 1);
  run_cli (&mapping_broken, "export", sample, "--format", "salesforce", "-o", out, "--mapping", bad_mapping, NULL);
  g_assert_cmpint (mapping_broken.status, ==, 1);
  g_assert_nonnull (strstr (mapping_broken.err, "$.format: not a Salesforce mapping"));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));

  /* --strict: the sample's pools cannot be expressed in Salesforce; the
   * playbook loses nothing. */
  run_cli (&strict, "export", sample, "--format", "salesforce", "-o", out, "--strict", NULL);
  g_assert_cmpint (strict.status, ==, 1);
  run_cli (&strict_md, "export", sample, "--format", "markdown", "--strict", NULL);
  g_assert_cmpint (strict_md.status, ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/export/salesforce/small-exact", test_salesforce_small_exact);
  g_test_add_func ("/export/salesforce/schema/sample", test_salesforce_sample_validates);
  g_test_add_func ("/export/salesforce/schema/every-operator", test_salesforce_every_operator_validates);
  g_test_add_func ("/export/salesforce/schema/rejects-bad-operation", test_salesforce_schema_rejects_bad_operation);
  g_test_add_func ("/export/salesforce/warnings", test_salesforce_warnings);
  g_test_add_func ("/export/salesforce/comma-in-value", test_salesforce_comma_in_value);
  g_test_add_func ("/export/salesforce/escaping", test_salesforce_escaping);
  g_test_add_func ("/export/salesforce/territories-and-accounts", test_salesforce_territories_and_accounts);
  g_test_add_func ("/export/salesforce/escalations", test_salesforce_escalations);
  g_test_add_func ("/export/salesforce/mapping/custom", test_salesforce_mapping);
  g_test_add_func ("/export/salesforce/mapping/round-trip", test_salesforce_mapping_round_trip);
  g_test_add_func ("/export/salesforce/mapping/errors", test_salesforce_mapping_errors);
  g_test_add_func ("/export/salesforce/developer-names", test_salesforce_developer_names);
  g_test_add_func ("/export/salesforce/write", test_salesforce_write);
  g_test_add_func ("/export/hubspot/reference", test_hubspot_reference);
  g_test_add_func ("/export/hubspot/builtin-values", test_hubspot_builtin_values);
  g_test_add_func ("/export/hubspot/score-properties", test_hubspot_score_properties);
  g_test_add_func ("/export/hubspot/missing-internal-value", test_hubspot_missing_internal_value);
  g_test_add_func ("/export/hubspot/territories", test_hubspot_territories);
  g_test_add_func ("/export/playbook/complete", test_playbook_complete);
  g_test_add_func ("/export/playbook/human-units", test_playbook_human_units);
  g_test_add_func ("/export/playbook/figures", test_playbook_figures);
  g_test_add_func ("/export/playbook/hostile-labels", test_playbook_hostile_labels);
  g_test_add_func ("/export/playbook/self-contained", test_playbook_self_contained);
  g_test_add_func ("/export/cli/formats", test_cli_formats);
  g_test_add_func ("/export/cli/exit-codes", test_cli_exit_codes);

  return g_test_run ();
}
