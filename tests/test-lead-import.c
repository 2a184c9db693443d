/* test-lead-import.c: real leads from CSV files into the live leads
 *
 * Cells are read by type (numbers with separators, yes/no, CRM dates, enum
 * labels) against values worked out by hand; columns are matched by id,
 * label and CRM name; a CRM export (tests/data/csv-crm-export.csv) imports
 * with every value in place; hostile files (an unterminated quote, rows of
 * the wrong length, invalid UTF-8, an empty file, a header alone) report
 * the right row and column and write nothing unless asked to skip bad
 * rows; and the public CRM data set in ../shared/data/crm-sales-opportunities
 * imports with the counts computed from the files (8,800 opportunities, 1,425
 * without an account, 3,236 rows that do not fit a strict rule set, 12
 * accounts whose sector is misspelled "technolgy").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "lw-csv.h"
#include "lw-lead-import.h"
#include "lw-live.h"
#include "lw-store.h"
#include "lw-test-utils.h"

#define NOW ((LwTime) 1773100800)   /* 2026-03-10T00:00:00Z */

static const char config_json[] =
  "{\n"
  "  \"format\": \"leadwright-config\", \"version\": 1, \"name\": \"Import test\",\n"
  "  \"properties\": [\n"
  "    { \"id\": \"email\", \"label\": \"Email\", \"type\": \"email\" },\n"
  "    { \"id\": \"email_domain\", \"label\": \"Email domain\", \"type\": \"string\", \"domainOf\": \"email\" },\n"
  "    { \"id\": \"first_name\", \"label\": \"First name\", \"type\": \"string\" },\n"
  "    { \"id\": \"last_name\", \"label\": \"Last name\", \"type\": \"string\" },\n"
  "    { \"id\": \"company\", \"label\": \"Company\", \"type\": \"string\" },\n"
  "    { \"id\": \"job_title\", \"label\": \"Job title\", \"type\": \"string\" },\n"
  "    { \"id\": \"employees\", \"label\": \"Employees\", \"type\": \"number\" },\n"
  "    { \"id\": \"annual_revenue\", \"label\": \"Annual revenue\", \"type\": \"number\" },\n"
  "    { \"id\": \"country\", \"label\": \"Country\", \"type\": \"enum\", \"options\": [\n"
  "      { \"value\": \"US\", \"label\": \"United States\" }, { \"value\": \"DE\", \"label\": \"Germany\" },\n"
  "      { \"value\": \"GB\", \"label\": \"United Kingdom\" } ] },\n"
  "    { \"id\": \"industry\", \"label\": \"Industry\", \"type\": \"enum\", \"options\": [\n"
  "      { \"value\": \"software\", \"label\": \"Software\" }, { \"value\": \"retail\", \"label\": \"Retail\" },\n"
  "      { \"value\": \"technology\", \"label\": \"Technology\" }, { \"value\": \"medical\", \"label\": \"Medical\" },\n"
  "      { \"value\": \"marketing\", \"label\": \"Marketing\" }, { \"value\": \"finance\", \"label\": \"Finance\" },\n"
  "      { \"value\": \"entertainment\", \"label\": \"Entertainment\" },\n"
  "      { \"value\": \"telecommunications\", \"label\": \"Telecommunications\" },\n"
  "      { \"value\": \"services\", \"label\": \"Services\" }, { \"value\": \"employment\", \"label\": \"Employment\" } ] },\n"
  "    { \"id\": \"lead_source\", \"label\": \"Lead source\", \"type\": \"enum\", \"options\": [\n"
  "      { \"value\": \"web\", \"label\": \"Web\" }, { \"value\": \"event\", \"label\": \"Trade Show\" },\n"
  "      { \"value\": \"referral\", \"label\": \"Referral\" } ] },\n"
  "    { \"id\": \"newsletter\", \"label\": \"Newsletter\", \"type\": \"boolean\" },\n"
  "    { \"id\": \"signed_up\", \"label\": \"Signed up\", \"type\": \"datetime\" }\n"
  "  ],\n"
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
  "    \"mql\": { \"total\": 40 }, \"mqlStage\": \"mql\" },\n"
  "  \"routing\": { \"rules\": [], \"fallback\": { \"owner\": \"ana\" } },\n"
  "  \"slas\": [],\n"
  "  \"team\": {\n"
  "    \"reps\": [\n"
  "      { \"id\": \"ana\", \"name\": \"Ana Silva\", \"email\": \"ana@example.com\", \"role\": \"sdr\",\n"
  "        \"timeZone\": \"Europe/Berlin\", \"workingHours\": { \"mon\": [\"09:00-17:00\"] } },\n"
  "      { \"id\": \"ben\", \"name\": \"Ben Okafor\", \"email\": \"ben@example.com\", \"role\": \"ae\",\n"
  "        \"timeZone\": \"Europe/London\", \"workingHours\": { \"mon\": [\"09:00-17:00\"] } } ],\n"
  "    \"teams\": [], \"pools\": [] }\n"
  "}\n";

/* ---- helpers ------------------------------------------------------------------ */

static LwConfig *
load_config (void)
{
  return lw_test_load_config (config_json);
}

static char *
make_test_dir (const char *name)
{
  char *dir = g_build_filename (g_get_user_cache_dir (), name, NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  return dir;
}

static LwStore *
open_store (const char *name)
{
  g_autofree char *dir = make_test_dir ("stores");
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  LwStore *store = lw_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

static guint
count_live_leads (LwStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) leads = lw_store_list_live_leads (store, FALSE, &error);

  g_assert_no_error (error);
  return leads->len;
}

/* Coerces @text for property @id; returns the value, or NULL (the test
 * then checks @error). */
static char *
coerce (const LwConfig  *config,
        const char      *id,
        const char      *text,
        LwDateOrder      order,
        const char      *tz_name,
        GError         **error)
{
  const LwProperty *property = lw_config_find_property (config, id);
  g_autoptr(GTimeZone) tz = tz_name != NULL ? g_time_zone_new_identifier (tz_name) : NULL;
  char *out = NULL;
  gboolean ok;

  g_assert_nonnull (property);
  ok = lw_lead_import_coerce (config, property, text, order, tz, &out, error);
  g_assert_true (ok || out == NULL);
  return out;
}

static void
assert_coerces (const LwConfig *config,
                const char     *id,
                const char     *text,
                LwDateOrder     order,
                const char     *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = coerce (config, id, text, order, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (out, ==, expected);
}

static void
assert_refused (const LwConfig *config,
                const char     *id,
                const char     *text,
                LwDateOrder     order,
                const char     *fragment)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = coerce (config, id, text, order, NULL, &error);

  g_assert_null (out);
  g_assert_error (error, LW_CONFIG_ERROR, LW_CONFIG_ERROR_INVALID);
  if (strstr (error->message, fragment) == NULL)
    g_error ("\"%s\" does not contain \"%s\"", error->message, fragment);
}

static gboolean
import_path (LwStore              *store,
             const LwConfig       *config,
             const char           *path,
             const LwLeadMapping  *mapping,
             LwLeadImportFlags     flags,
             LwLeadImportReport  **report,
             GError              **error)
{
  g_autoptr(LwCsvReader) reader = lw_csv_reader_new_for_path (path, error);

  g_assert_nonnull (reader);
  lw_csv_reader_set_detect_separator (reader, TRUE);
  return lw_lead_import_csv (store, config, reader, mapping, flags, NOW, NULL, NULL, NULL, report,
                             error);
}

static gboolean
import_data (LwStore              *store,
             const LwConfig       *config,
             const char           *data,
             const LwLeadMapping  *mapping,
             LwLeadImportFlags     flags,
             LwLeadImportReport  **report,
             GError              **error)
{
  g_autoptr(LwCsvReader) reader = lw_csv_reader_new_for_data (data, -1);

  return lw_lead_import_csv (store, config, reader, mapping, flags, NOW, NULL, NULL, NULL, report,
                             error);
}

static const LwImportProblem *
problem_at (const LwLeadImportReport *report,
            guint                     i)
{
  g_assert_cmpuint (i, <, report->problems->len);
  return g_ptr_array_index (report->problems, i);
}

static void
assert_problem (const LwLeadImportReport *report,
                guint                     i,
                guint64                   row,
                guint                     column,
                const char               *column_name,
                const char               *value,
                const char               *reason_fragment)
{
  const LwImportProblem *p = problem_at (report, i);

  g_assert_cmpuint (p->row, ==, row);
  g_assert_cmpuint (p->column, ==, column);
  g_assert_cmpstr (p->column_name, ==, column_name);
  g_assert_cmpstr (p->value, ==, value);
  if (strstr (p->reason, reason_fragment) == NULL)
    g_error ("\"%s\" does not contain \"%s\"", p->reason, reason_fragment);
}

/* A JSON object's member as text ("" when missing): numbers as %g. */
static char *
dup_member (JsonObject *object,
            const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL)
    return g_strdup ("");
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    return g_strdup (json_node_get_boolean (node) ? "true" : "false");
  return g_strdup_printf ("%.15g", json_node_get_double (node));
}

static JsonObject *
parse_properties (const LwLiveLead *lead,
                  JsonParser       *parser)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, lead->properties, -1, &error));
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_node_get_object (json_parser_get_root (parser));
}

/* ---- reading cells ----------------------------------------------------------------- */

static void
test_coerce_numbers (void)
{
  g_autoptr(LwConfig) config = load_config ();

  assert_coerces (config, "employees", "250", LW_DATE_ORDER_MDY, "250");
  assert_coerces (config, "employees", " 1,250 ", LW_DATE_ORDER_MDY, "1250");
  assert_coerces (config, "employees", "1,234,567", LW_DATE_ORDER_MDY, "1234567");
  assert_coerces (config, "employees", "1.234.567", LW_DATE_ORDER_MDY, "1234567");
  assert_coerces (config, "employees", "1 234 567", LW_DATE_ORDER_MDY, "1234567");
  assert_coerces (config, "employees", "1\302\240234", LW_DATE_ORDER_MDY, "1234");
  assert_coerces (config, "employees", "1'234", LW_DATE_ORDER_MDY, "1234");
  assert_coerces (config, "annual_revenue", "$2,500,000.00", LW_DATE_ORDER_MDY, "2500000");
  assert_coerces (config, "annual_revenue", "1.500.000,50 \342\202\254", LW_DATE_ORDER_MDY, "1500000.5");
  assert_coerces (config, "annual_revenue", "1100.04", LW_DATE_ORDER_MDY, "1100.04");
  assert_coerces (config, "annual_revenue", "12,5", LW_DATE_ORDER_MDY, "12.5");
  assert_coerces (config, "annual_revenue", "0,750", LW_DATE_ORDER_MDY, "0.75");
  assert_coerces (config, "annual_revenue", "1.5", LW_DATE_ORDER_MDY, "1.5");
  assert_coerces (config, "annual_revenue", "1,2345", LW_DATE_ORDER_MDY, "1.2345");
  assert_coerces (config, "annual_revenue", "0.1", LW_DATE_ORDER_MDY, "0.1");
  assert_coerces (config, "annual_revenue", "-3", LW_DATE_ORDER_MDY, "-3");
  assert_coerces (config, "annual_revenue", "(1,234.50)", LW_DATE_ORDER_MDY, "-1234.5");
  assert_coerces (config, "annual_revenue", "2.5e6", LW_DATE_ORDER_MDY, "2500000");
  assert_coerces (config, "annual_revenue", "-0", LW_DATE_ORDER_MDY, "0");
  /* An empty cell is no value. */
  assert_coerces (config, "annual_revenue", "   ", LW_DATE_ORDER_MDY, NULL);

  assert_refused (config, "employees", "about 50", LW_DATE_ORDER_MDY, "\"about 50\" is not a number");
  assert_refused (config, "employees", "12%", LW_DATE_ORDER_MDY, "percentage");
  assert_refused (config, "employees", "1,23,456", LW_DATE_ORDER_MDY, "is not a number");
  assert_refused (config, "employees", "1.234,5.6", LW_DATE_ORDER_MDY, "is not a number");
  assert_refused (config, "employees", "1e999", LW_DATE_ORDER_MDY, "is not a number");
  assert_refused (config, "employees", "0x10", LW_DATE_ORDER_MDY, "is not a number");
  assert_refused (config, "employees", "nan", LW_DATE_ORDER_MDY, "is not a number");
  assert_refused (config, "employees", "-", LW_DATE_ORDER_MDY, "is not a number");
}

static void
test_coerce_booleans (void)
{
  g_autoptr(LwConfig) config = load_config ();
  const char *yes[] = { "yes", "Yes", "TRUE", "true", "1", "y", " Y " };
  const char *no[] = { "no", "NO", "False", "0", "n" };

  for (guint i = 0; i < G_N_ELEMENTS (yes); i++)
    assert_coerces (config, "newsletter", yes[i], LW_DATE_ORDER_MDY, "true");
  for (guint i = 0; i < G_N_ELEMENTS (no); i++)
    assert_coerces (config, "newsletter", no[i], LW_DATE_ORDER_MDY, "false");
  assert_refused (config, "newsletter", "maybe", LW_DATE_ORDER_MDY, "\"maybe\" is not yes or no");
  assert_refused (config, "newsletter", "2", LW_DATE_ORDER_MDY, "is not yes or no");
}

static void
test_coerce_dates (void)
{
  g_autoptr(LwConfig) config = load_config ();
  g_autoptr(GError) error = NULL;
  g_autofree char *berlin = NULL;
  g_autofree char *offset = NULL;
  static const struct
  {
    const char *text;
    LwDateOrder order;
    const char *expected;
  } cases[] = {
    { "2026-03-09", LW_DATE_ORDER_MDY, "2026-03-09T00:00:00Z" },
    { "2026-03-09T14:30:00Z", LW_DATE_ORDER_MDY, "2026-03-09T14:30:00Z" },
    { "2026-03-09T14:30:00.250+02:00", LW_DATE_ORDER_MDY, "2026-03-09T12:30:00Z" },
    { "2026-03-09 14:30", LW_DATE_ORDER_MDY, "2026-03-09T14:30:00Z" },
    { "2026/03/09", LW_DATE_ORDER_DMY, "2026-03-09T00:00:00Z" },
    { "03/09/2026", LW_DATE_ORDER_MDY, "2026-03-09T00:00:00Z" },
    { "03/09/2026", LW_DATE_ORDER_DMY, "2026-09-03T00:00:00Z" },
    { "3/9/26", LW_DATE_ORDER_MDY, "2026-03-09T00:00:00Z" },
    { "12/31/99", LW_DATE_ORDER_MDY, "1999-12-31T00:00:00Z" },
    { "03/09/2026 2:30 PM", LW_DATE_ORDER_MDY, "2026-03-09T14:30:00Z" },
    { "03/09/2026 12:05 am", LW_DATE_ORDER_MDY, "2026-03-09T00:05:00Z" },
    { "03/09/2026 12:00 PM", LW_DATE_ORDER_MDY, "2026-03-09T12:00:00Z" },
    { "09.03.2026", LW_DATE_ORDER_MDY, "2026-03-09T00:00:00Z" },
    { "09.03.2026 14:30:15", LW_DATE_ORDER_MDY, "2026-03-09T14:30:15Z" },
    { "Mar 9, 2026", LW_DATE_ORDER_MDY, "2026-03-09T00:00:00Z" },
    { "March 9 2026 9:15 AM", LW_DATE_ORDER_MDY, "2026-03-09T09:15:00Z" },
    { "9 Mar 2026", LW_DATE_ORDER_MDY, "2026-03-09T00:00:00Z" },
    { "09-Mar-2026", LW_DATE_ORDER_MDY, "2026-03-09T00:00:00Z" },
    { "9 Sept. 2026", LW_DATE_ORDER_MDY, "2026-09-09T00:00:00Z" },
    { "2026-03-09 14:30 UTC", LW_DATE_ORDER_MDY, "2026-03-09T14:30:00Z" },
    { "1773064800000", LW_DATE_ORDER_MDY, "2026-03-09T14:00:00Z" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_coerces (config, "signed_up", cases[i].text, cases[i].order, cases[i].expected);

  /* Without an offset, in the mapping's time zone: 14:30 in Berlin (CET,
   * UTC+1 in March before the 29th) is 13:30 UTC; an offset wins. */
  berlin = coerce (config, "signed_up", "2026-03-09 14:30", LW_DATE_ORDER_MDY, "Europe/Berlin", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (berlin, ==, "2026-03-09T13:30:00Z");
  offset = coerce (config, "signed_up", "2026-03-09T14:30:00Z", LW_DATE_ORDER_MDY, "Europe/Berlin", &error);
  g_assert_cmpstr (offset, ==, "2026-03-09T14:30:00Z");

  assert_refused (config, "signed_up", "13/09/2026", LW_DATE_ORDER_MDY, "as month/day/year");
  assert_refused (config, "signed_up", "09/13/2026", LW_DATE_ORDER_DMY, "as day/month/year");
  assert_refused (config, "signed_up", "2026-02-30", LW_DATE_ORDER_MDY, "is not a date");
  assert_refused (config, "signed_up", "2026-03-09 25:00", LW_DATE_ORDER_MDY, "is not a date");
  assert_refused (config, "signed_up", "03/09/2026 13:00 PM", LW_DATE_ORDER_MDY, "is not a date");
  assert_refused (config, "signed_up", "yesterday", LW_DATE_ORDER_MDY, "\"yesterday\" is not a date");
  assert_refused (config, "signed_up", "2026", LW_DATE_ORDER_MDY, "is not a date");
  assert_refused (config, "signed_up", "Marchy 9, 2026", LW_DATE_ORDER_MDY, "is not a date");
  assert_refused (config, "signed_up", "2026-03-09 junk", LW_DATE_ORDER_MDY, "is not a date");
}

static void
test_coerce_enums (void)
{
  g_autoptr(LwConfig) config = load_config ();

  assert_coerces (config, "country", "US", LW_DATE_ORDER_MDY, "US");
  assert_coerces (config, "country", "us", LW_DATE_ORDER_MDY, "US");
  assert_coerces (config, "country", "united states", LW_DATE_ORDER_MDY, "US");
  assert_coerces (config, "country", " Germany ", LW_DATE_ORDER_MDY, "DE");
  assert_coerces (config, "lead_source", "TRADE SHOW", LW_DATE_ORDER_MDY, "event");
  /* Built-ins: stage and status ids, labels, HubSpot values. */
  assert_coerces (config, "lifecycle_stage", "marketingqualifiedlead", LW_DATE_ORDER_MDY, "mql");
  assert_coerces (config, "lifecycle_stage", "MQL", LW_DATE_ORDER_MDY, "mql");
  assert_coerces (config, "lead_status", "ATTEMPTED_TO_CONTACT", LW_DATE_ORDER_MDY, "attempting");
  assert_coerces (config, "deal_stage", "Won", LW_DATE_ORDER_MDY, "won");

  assert_refused (config, "industry", "technolgy", LW_DATE_ORDER_MDY,
                  "\"technolgy\" is not one of the options of Industry (software, retail, technology, "
                  "medical, marketing, finance, entertainment, telecommunications, services, employment)");
  assert_refused (config, "country", "U.S.", LW_DATE_ORDER_MDY, "\"U.S.\" is not one of the options of Country");
}

static void
test_coerce_text (void)
{
  g_autoptr(LwConfig) config = load_config ();

  assert_coerces (config, "email", " ana@example.com ", LW_DATE_ORDER_MDY, "ana@example.com");
  assert_coerces (config, "company", "  Acme,\nInc. ", LW_DATE_ORDER_MDY, "Acme,\nInc.");
  assert_refused (config, "email", "ana at example.com", LW_DATE_ORDER_MDY, "is not an email address");
  assert_refused (config, "email", "ana@", LW_DATE_ORDER_MDY, "is not an email address");
  assert_refused (config, "email", "a@b@c", LW_DATE_ORDER_MDY, "is not an email address");
  assert_refused (config, "email", "Ana <ana@x.com>", LW_DATE_ORDER_MDY, "is not an email address");
  assert_refused (config, "company", "M\374ller", LW_DATE_ORDER_MDY, "not valid UTF-8");
}

/* ---- columns and mappings ------------------------------------------------------------ */

static void
test_map_columns (void)
{
  g_autoptr(LwConfig) config = load_config ();
  g_autoptr(GPtrArray) columns = NULL;
  g_autoptr(GError) error = NULL;
  const char *header[] = {
    "Record ID", "Email Address", "E-mail", "Company Name", "first_name", "LAST NAME",
    "Number of Employees", "Country/Region", "sector", "Fit score", "Lead Owner", "", "Favourite colour",
  };
  static const struct
  {
    const char *target;
    LwImportMatch match;
    const char *note;
  } expected[] = {
    { "@id", LW_IMPORT_MATCH_ALIAS, NULL },
    { "email", LW_IMPORT_MATCH_ALIAS, NULL },
    { NULL, LW_IMPORT_MATCH_NONE, "ignored: \"email\" is read from the column \"Email Address\"" },
    { "company", LW_IMPORT_MATCH_ALIAS, NULL },
    { "first_name", LW_IMPORT_MATCH_ID, NULL },
    { "last_name", LW_IMPORT_MATCH_ID, NULL },
    { "employees", LW_IMPORT_MATCH_ALIAS, NULL },
    { "country", LW_IMPORT_MATCH_ALIAS, NULL },
    { "industry", LW_IMPORT_MATCH_ALIAS, NULL },
    { NULL, LW_IMPORT_MATCH_NONE, "ignored: the rules compute it" },
    { "@owner", LW_IMPORT_MATCH_ALIAS, NULL },
    { NULL, LW_IMPORT_MATCH_NONE, "ignored: the column has no name" },
    { NULL, LW_IMPORT_MATCH_NONE, "ignored: no property has this name" },
  };

  columns = lw_lead_import_map_columns (config, header, G_N_ELEMENTS (header), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (columns->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < columns->len; i++)
    {
      const LwImportColumn *c = g_ptr_array_index (columns, i);

      g_assert_cmpuint (c->index, ==, i);
      g_assert_cmpstr (c->name, ==, header[i]);
      g_assert_cmpstr (c->target, ==, expected[i].target);
      g_assert_cmpint (c->match, ==, expected[i].match);
      g_assert_cmpstr (c->note, ==, expected[i].note);
      if (c->target != NULL && c->target[0] != '@')
        g_assert_true (c->property == lw_config_find_property (config, c->target));
      else
        g_assert_null (c->property);
    }

  /* "Job Title" matches the label "Job title" of job_title. */
  {
    const char *by_label[] = { "Job Title", "Signed Up" };
    g_autoptr(GPtrArray) more = lw_lead_import_map_columns (config, by_label, 2, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (((LwImportColumn *) more->pdata[0])->target, ==, "job_title");
    g_assert_cmpint (((LwImportColumn *) more->pdata[0])->match, ==, LW_IMPORT_MATCH_ID);
    g_assert_cmpstr (((LwImportColumn *) more->pdata[1])->target, ==, "signed_up");
    g_assert_cmpint (((LwImportColumn *) more->pdata[1])->match, ==, LW_IMPORT_MATCH_ID);
  }
  {
    const char *by_label[] = { "Annual Revenue (USD)", "Lead source" };
    g_autoptr(GPtrArray) more = lw_lead_import_map_columns (config, by_label, 2, NULL, &error);

    g_assert_no_error (error);
    g_assert_null (((LwImportColumn *) more->pdata[0])->target);
    g_assert_cmpstr (((LwImportColumn *) more->pdata[1])->target, ==, "lead_source");
  }
}

static void
test_mapping_file (void)
{
  g_autoptr(LwConfig) config = load_config ();
  g_autofree char *path = lw_test_data_path ("csv-mapping.json");
  g_autofree char *original = NULL;
  g_autofree char *saved = NULL;
  g_autoptr(LwLeadMapping) mapping = NULL;
  g_autoptr(LwLeadMapping) again = NULL;
  g_autoptr(GPtrArray) columns = NULL;
  g_autoptr(GError) error = NULL;
  const char *target = NULL;
  const char *header[] = { "org", "Email", "REP", "Notes", "Ref", "Since" };

  mapping = lw_lead_mapping_load_file (path, &error);
  g_assert_no_error (error);
  g_assert_true (lw_lead_mapping_lookup (mapping, "Org", &target));
  g_assert_cmpstr (target, ==, "company");
  /* By name key, too; and a column set to null is named but ignored. */
  g_assert_true (lw_lead_mapping_lookup (mapping, " org ", &target));
  g_assert_cmpstr (target, ==, "company");
  g_assert_true (lw_lead_mapping_lookup (mapping, "notes", &target));
  g_assert_null (target);
  g_assert_false (lw_lead_mapping_lookup (mapping, "Email", &target));
  g_assert_cmpint (lw_lead_mapping_get_date_order (mapping), ==, LW_DATE_ORDER_DMY);
  g_assert_cmpstr (lw_lead_mapping_get_time_zone (mapping), ==, "Europe/Berlin");

  columns = lw_lead_import_map_columns (config, header, G_N_ELEMENTS (header), mapping, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (((LwImportColumn *) columns->pdata[0])->target, ==, "company");
  g_assert_cmpint (((LwImportColumn *) columns->pdata[0])->match, ==, LW_IMPORT_MATCH_MAPPING);
  g_assert_cmpstr (((LwImportColumn *) columns->pdata[1])->target, ==, "email");
  g_assert_cmpint (((LwImportColumn *) columns->pdata[1])->match, ==, LW_IMPORT_MATCH_ID);
  g_assert_cmpstr (((LwImportColumn *) columns->pdata[2])->target, ==, "@owner");
  g_assert_null (((LwImportColumn *) columns->pdata[3])->target);
  g_assert_cmpstr (((LwImportColumn *) columns->pdata[3])->note, ==, "ignored, as the mapping says");
  g_assert_cmpstr (((LwImportColumn *) columns->pdata[4])->target, ==, "@id");
  g_assert_cmpstr (((LwImportColumn *) columns->pdata[5])->target, ==, "signed_up");

  /* Canonical text: the file as written is already canonical. */
  g_assert_true (g_file_get_contents (path, &original, NULL, NULL));
  saved = lw_lead_mapping_to_data (mapping);
  g_assert_cmpstr (saved, ==, original);
  again = lw_lead_mapping_load_data (saved, -1, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&saved, g_free);
  saved = lw_lead_mapping_to_data (again);
  g_assert_cmpstr (saved, ==, original);
}

static void
test_mapping_errors (void)
{
  g_autoptr(LwConfig) config = load_config ();
  static const struct
  {
    const char *json;
    const char *message;
  } bad[] = {
    { "{\"format\": \"leadwright-lead-mapping\", \"version\": 1,\n \"colums\": {}}",
      "m.json:2:2: $.colums: unknown member \"colums\"" },
    { "{\"format\": \"leadwright-salesforce-mapping\", \"version\": 1}",
      "m.json:1:12: $.format: not a lead mapping" },
    { "{\"format\": \"leadwright-lead-mapping\", \"version\": 2}",
      "m.json:1:50: $.version: version 2 is not supported" },
    { "{\"format\": \"leadwright-lead-mapping\", \"version\": 1, \"columns\": {\"A\": 3}}",
      "m.json:1:70: $.columns.A: expected a property id, \"@id\", \"@owner\" or null" },
    { "{\"format\": \"leadwright-lead-mapping\", \"version\": 1, \"columns\": {\"A\": \"bad id!\"}}",
      "$.columns.A: expected a property id" },
    { "{\"format\": \"leadwright-lead-mapping\", \"version\": 1, \"dateOrder\": \"ymd\"}",
      "$.dateOrder: expected \"mdy\" or \"dmy\"" },
    { "{\"format\": \"leadwright-lead-mapping\", \"version\": 1, \"timeZone\": \"Mars/Olympus\"}",
      "$.timeZone: expected a time zone name" },
    { "{\"format\": \"leadwright-lead-mapping\", \"version\": 1, \"columns\": {\"A\": \"x\", \"A\": \"y\"}}",
      "duplicate" },
    { "{\"format\": \"leadwright-lead-mapping\",", "m.json:1:" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LwLeadMapping) mapping = lw_lead_mapping_load_data (bad[i].json, -1, "m.json", &error);

      g_assert_null (mapping);
      g_assert_error (error, LW_LEAD_IMPORT_ERROR, LW_LEAD_IMPORT_ERROR_MAPPING);
      if (strstr (error->message, bad[i].message) == NULL)
        g_error ("case %u: \"%s\" does not contain \"%s\"", i, error->message, bad[i].message);
    }

  /* Targets the rules do not have, or compute, or named twice. */
  {
    static const struct
    {
      const char *column;
      const char *target;
      const char *message;
    } targets[] = {
      { "Mail", "emial", "the mapping maps the column \"Mail\" to \"emial\", which is not a property of the rules" },
      { "Score", "total_score", "the mapping maps the column \"Score\" to \"total_score\", which the rules compute" },
    };
    const char *header[] = { "Mail", "Score", "Email" };

    for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
      {
        g_autoptr(LwLeadMapping) mapping = lw_lead_mapping_new ();
        g_autoptr(GError) error = NULL;
        g_autoptr(GPtrArray) columns = NULL;

        lw_lead_mapping_set_column (mapping, targets[i].column, targets[i].target);
        columns = lw_lead_import_map_columns (config, header, 3, mapping, &error);
        g_assert_null (columns);
        g_assert_error (error, LW_LEAD_IMPORT_ERROR, LW_LEAD_IMPORT_ERROR_MAPPING);
        g_assert_cmpstr (error->message, ==, targets[i].message);
      }
    {
      g_autoptr(LwLeadMapping) mapping = lw_lead_mapping_new ();
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) columns = NULL;

      lw_lead_mapping_set_column (mapping, "Mail", "email");
      lw_lead_mapping_set_column (mapping, "Email", "email");
      columns = lw_lead_import_map_columns (config, header, 3, mapping, &error);
      g_assert_null (columns);
      g_assert_cmpstr (error->message, ==, "the mapping maps both \"Mail\" and \"Email\" to \"email\"");
    }
  }
}

static void
test_mapping_saved (void)
{
  g_autoptr(LwStore) store = open_store ("saved.leadwright");
  g_autoptr(LwLeadMapping) mapping = lw_lead_mapping_new ();
  g_autoptr(LwLeadMapping) none = NULL;
  g_autoptr(LwLeadMapping) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  const char *target = NULL;

  none = lw_lead_mapping_load_saved (store, &error);
  g_assert_no_error (error);
  g_assert_null (none);

  lw_lead_mapping_set_column (mapping, "Firma", "company");
  lw_lead_mapping_set_column (mapping, "Intern", NULL);
  g_assert_true (lw_lead_mapping_set_time_zone (mapping, "America/New_York"));
  g_assert_false (lw_lead_mapping_set_time_zone (mapping, "Nowhere/Atlantis"));
  g_assert_true (lw_lead_mapping_save (mapping, store, &error));
  g_assert_no_error (error);

  loaded = lw_lead_mapping_load_saved (store, &error);
  g_assert_no_error (error);
  g_assert_true (lw_lead_mapping_lookup (loaded, "FIRMA", &target));
  g_assert_cmpstr (target, ==, "company");
  g_assert_cmpstr (lw_lead_mapping_get_time_zone (loaded), ==, "America/New_York");
  a = lw_lead_mapping_to_data (mapping);
  b = lw_lead_mapping_to_data (loaded);
  g_assert_cmpstr (a, ==, b);

  /* A damaged saved mapping is an error, not silence. */
  g_assert_true (lw_store_set_meta (store, LW_LEAD_MAPPING_META_KEY, "{", &error));
  g_clear_pointer (&loaded, lw_lead_mapping_free);
  loaded = lw_lead_mapping_load_saved (store, &error);
  g_assert_null (loaded);
  g_assert_error (error, LW_LEAD_IMPORT_ERROR, LW_LEAD_IMPORT_ERROR_MAPPING);
}

/* ---- importing ------------------------------------------------------------------------- */

static void
test_crm_export (void)
{
  g_autoptr(LwConfig) config = load_config ();
  g_autoptr(LwStore) store = open_store ("crm.leadwright");
  g_autofree char *path = lw_test_data_path ("csv-crm-export.csv");
  g_autoptr(LwLeadImportReport) report = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  static const struct
  {
    const char *id;
    const char *owner, *status, *stage;
    LwTime created_at;
    const char *properties[13][2];
  } expected[] = {
    { "L-001", "ana", "new", "mql", 1773066600 /* 2026-03-09T14:30:00Z */,
      { { "first_name", "Ana" }, { "last_name", "Lopez" }, { "email", "ana.lopez@acme.com" },
        { "company", "Acme, Inc." }, { "job_title", "VP Sales" }, { "employees", "1250" },
        { "annual_revenue", "2500000" }, { "country", "US" }, { "industry", "software" },
        { "lead_source", "event" }, { "newsletter", "true" }, { "source", "import" }, { "signed_up", "" } } },
    { "L-002", "ben", "attempting", "lead", 1772323200 /* 2026-03-01T00:00:00Z */,
      { { "first_name", "Bo" }, { "last_name", "Berg" }, { "email", "bo@beta.de" },
        { "company", "Beta GmbH" }, { "job_title", "CTO" }, { "employees", "1250" },
        { "annual_revenue", "1500000.5" }, { "country", "DE" }, { "industry", "software" },
        { "lead_source", "web" }, { "newsletter", "false" }, { "source", "import" }, { "signed_up", "" } } },
    /* No owner: the rules route it, to the fallback owner. */
    { "L-003", "ana", NULL, NULL, 1772668800 /* 2026-03-05T00:00:00Z */,
      { { "first_name", "Cy" }, { "last_name", "O\"Neil" }, { "email", "cy@gamma.co.uk" },
        { "company", "Gamma" }, { "job_title", "" }, { "employees", "45" },
        { "annual_revenue", "" }, { "country", "GB" }, { "industry", "retail" },
        { "lead_source", "referral" }, { "newsletter", "true" }, { "source", "import" }, { "signed_up", "" } } },
  };

  g_assert_true (import_path (store, config, path, NULL, LW_LEAD_IMPORT_DEFAULT, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->rows, ==, 3);
  g_assert_cmpuint (report->bad_rows, ==, 0);
  g_assert_cmpuint (report->n_problems, ==, 0);
  g_assert_cmpuint (report->imported, ==, 3);
  g_assert_cmpuint (report->routed, ==, 1);
  g_assert_cmpuint (report->ids->len, ==, 3);
  g_assert_cmpint (report->separator, ==, ',');
  /* 17 named columns and the trailing empty one; Notes matches nothing. */
  g_assert_cmpuint (report->columns->len, ==, 18);
  g_assert_null (((LwImportColumn *) report->columns->pdata[16])->target);
  g_assert_cmpstr (((LwImportColumn *) report->columns->pdata[16])->name, ==, "Notes");
  g_assert_cmpstr (((LwImportColumn *) report->columns->pdata[17])->name, ==, "");

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(LwLiveLead) lead = lw_store_find_live_lead (store, expected[i].id, &error);
      JsonObject *properties;

      g_assert_no_error (error);
      g_assert_cmpint (lead->id, ==, g_array_index (report->ids, gint64, i));
      g_assert_cmpstr (lead->owner, ==, expected[i].owner);
      g_assert_cmpstr (lead->status, ==, expected[i].status);
      g_assert_cmpstr (lead->stage, ==, expected[i].stage);
      g_assert_cmpint (lead->created_at, ==, expected[i].created_at);
      g_assert_cmpint (lead->updated_at, ==, NOW);
      g_assert_cmpint (lead->assigned_at, ==, expected[i].created_at);
      g_assert_cmpuint (lead->assignments->len, ==, 1);
      g_assert_null (lead->policy);   /* the rules have no SLA policy */
      g_assert_cmpint (lead->deadline, ==, 0);
      g_assert_cmpuint (lead->status_changes->len, ==, expected[i].status != NULL ? 1 : 0);
      if (expected[i].owner != NULL)
        {
          const LwLiveAssignment *a = &g_array_index (lead->assignments, LwLiveAssignment, 0);

          g_assert_cmpstr (a->owner, ==, expected[i].owner);
          g_assert_cmpint (a->at, ==, expected[i].created_at);
          g_assert_cmpint (a->reason, ==, LW_LIVE_ASSIGN_ROUTED);
        }
      properties = parse_properties (lead, parser);
      g_assert_cmpuint (json_object_get_size (properties), ==,
                        i == 2 ? 10 : 12);   /* row 3 has no job title nor revenue */
      for (guint k = 0; k < G_N_ELEMENTS (expected[i].properties); k++)
        {
          g_autofree char *value = dup_member (properties, expected[i].properties[k][0]);

          g_assert_cmpstr (value, ==, expected[i].properties[k][1]);
        }
      /* Numbers and booleans are JSON numbers and booleans. */
      g_assert_cmpint (json_node_get_value_type (json_object_get_member (properties, "employees")), ==,
                       G_TYPE_INT64);
      g_assert_cmpint (json_node_get_value_type (json_object_get_member (properties, "newsletter")), ==,
                       G_TYPE_BOOLEAN);
    }
  g_assert_true (lw_store_check_integrity (store, &error));
}

static void
test_dry_run (void)
{
  g_autoptr(LwConfig) config = load_config ();
  g_autoptr(LwStore) store = open_store ("dry.leadwright");
  g_autofree char *path = lw_test_data_path ("csv-crm-export.csv");
  g_autoptr(LwLeadImportReport) report = NULL;
  g_autoptr(LwLeadImportReport) storeless = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (import_path (store, config, path, NULL, LW_LEAD_IMPORT_DRY_RUN, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->rows, ==, 3);
  g_assert_cmpuint (report->imported, ==, 0);
  g_assert_cmpuint (report->ids->len, ==, 0);
  g_assert_cmpuint (count_live_leads (store), ==, 0);

  g_assert_true (import_path (NULL, config, path, NULL, LW_LEAD_IMPORT_DRY_RUN, &storeless, &error));
  g_assert_cmpuint (storeless->rows, ==, 3);
}

/* The quote opened in row 4 is never closed: nothing is imported, even
 * when bad rows are to be skipped. */
static void
test_unterminated (void)
{
  g_autoptr(LwConfig) config = load_config ();
  g_autoptr(LwStore) store = open_store ("unterminated.leadwright");
  g_autofree char *path = lw_test_data_path ("csv-unterminated.csv");
  g_autoptr(LwLeadImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = g_strdup_printf ("%s: row 4, column 2: the quoted field opened on line 4 "
                                               "is not closed at the end of the file", path);

  g_assert_false (import_path (store, config, path, NULL, LW_LEAD_IMPORT_SKIP_BAD, &report, &error));
  g_assert_error (error, LW_CSV_ERROR, LW_CSV_ERROR_UNTERMINATED);
  g_assert_cmpstr (error->message, ==, expected);
  g_assert_cmpuint (report->rows, ==, 2);
  g_assert_cmpuint (report->imported, ==, 0);
  g_assert_cmpuint (count_live_leads (store), ==, 0);
}

static void
test_wrong_columns (void)
{
  g_autoptr(LwConfig) config = load_config ();
  g_autoptr(LwStore) store = open_store ("columns.leadwright");
  g_autofree char *path = lw_test_data_path ("csv-columns.csv");
  g_autoptr(LwLeadImportReport) report = NULL;
  g_autoptr(LwLeadImportReport) skipped = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  /* Row 3 has a fourth cell, row 4 only two; row 5's fourth cell is empty. */
  g_assert_false (import_path (store, config, path, NULL, LW_LEAD_IMPORT_DEFAULT, &report, &error));
  g_assert_error (error, LW_LEAD_IMPORT_ERROR, LW_LEAD_IMPORT_ERROR_BAD_ROWS);
  g_assert_cmpstr (error->message, ==, "2 rows have problems: nothing was imported");
  g_assert_cmpuint (report->rows, ==, 4);
  g_assert_cmpuint (report->bad_rows, ==, 2);
  g_assert_cmpuint (report->n_problems, ==, 2);
  assert_problem (report, 0, 3, 4, "", "surplus", "the row has 4 cells, the header 3");
  assert_problem (report, 1, 4, 0, NULL, NULL, "the row has 2 cells, the header 3");
  text = lw_import_problem_format (problem_at (report, 1));
  g_assert_cmpstr (text, ==, "row 4: the row has 2 cells, the header 3");
  g_assert_cmpuint (report->imported, ==, 0);
  g_assert_cmpuint (count_live_leads (store), ==, 0);
  g_clear_error (&error);

  g_assert_true (import_path (store, config, path, NULL, LW_LEAD_IMPORT_SKIP_BAD, &skipped, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (skipped->imported, ==, 2);
  g_assert_cmpuint (skipped->bad_rows, ==, 2);
  g_assert_cmpuint (count_live_leads (store), ==, 2);
  g_clear_pointer (&report, lw_lead_import_report_free);

  /* A header with a trailing empty column and rows without it: fine. A
   * row without a named cell: not. */
  g_assert_false (import_data (store, config, "Email,Company,\n"
                                              "t1@x.com,Alpha\n"
                                              "t2@x.com,Beta,\n"
                                              "t3@x.com\n", NULL, LW_LEAD_IMPORT_DEFAULT, &report, &error));
  g_assert_error (error, LW_LEAD_IMPORT_ERROR, LW_LEAD_IMPORT_ERROR_BAD_ROWS);
  g_assert_cmpuint (report->n_problems, ==, 1);
  assert_problem (report, 0, 4, 0, NULL, NULL, "the row has 1 cell, the header 3");
}

static void
test_invalid_utf8 (void)
{
  g_autoptr(LwConfig) config = load_config ();
  g_autoptr(LwStore) store = open_store ("utf8.leadwright");
  g_autofree char *path = lw_test_data_path ("csv-invalid-utf8.csv");
  g_autoptr(LwLeadImportReport) report = NULL;
  g_autoptr(LwLeadImportReport) skipped = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_assert_false (import_path (store, config, path, NULL, LW_LEAD_IMPORT_DEFAULT, &report, &error));
  g_assert_error (error, LW_LEAD_IMPORT_ERROR, LW_LEAD_IMPORT_ERROR_BAD_ROWS);
  g_assert_cmpstr (error->message, ==, "1 row has problems: nothing was imported");
  g_assert_cmpuint (report->n_problems, ==, 1);
  assert_problem (report, 0, 3, 2, "Company", "M\357\277\275ller GmbH", "not valid UTF-8");
  text = lw_import_problem_format (problem_at (report, 0));
  g_assert_cmpstr (text, ==, "row 3, column 2 (Company): \"M\357\277\275ller GmbH\": the text is not "
                             "valid UTF-8 (save the file as CSV in UTF-8)");
  g_assert_cmpuint (count_live_leads (store), ==, 0);
  g_clear_error (&error);

  g_assert_true (import_path (store, config, path, NULL, LW_LEAD_IMPORT_SKIP_BAD, &skipped, &error));
  g_assert_cmpuint (skipped->imported, ==, 2);
  g_assert_cmpuint (count_live_leads (store), ==, 2);

  /* In a column that is not imported, it does no harm; in two columns
   * that are, it is two problems. */
  {
    g_autoptr(LwLeadImportReport) notes = NULL;

    g_assert_false (import_data (store, config, "Email,Notes,Company,Country\n"
                                                "n1@x.com,caf\351,Acme,US\n"
                                                "n2@x.com,ok,Caf\351,\377\n", NULL,
                                 LW_LEAD_IMPORT_DEFAULT, &notes, &error));
    g_assert_error (error, LW_LEAD_IMPORT_ERROR, LW_LEAD_IMPORT_ERROR_BAD_ROWS);
    g_assert_cmpuint (notes->bad_rows, ==, 1);
    g_assert_cmpuint (notes->n_problems, ==, 2);
    assert_problem (notes, 0, 3, 3, "Company", "Caf\357\277\275", "not valid UTF-8");
    assert_problem (notes, 1, 3, 4, "Country", "\357\277\275", "not valid UTF-8");
    g_clear_error (&error);
  }

  /* In the header, it ends the import: the columns cannot be known. */
  g_assert_false (import_data (store, config, "Email,Firm\351\n"
                                              "x@y.com,Acme\n", NULL, LW_LEAD_IMPORT_SKIP_BAD, NULL, &error));
  g_assert_error (error, LW_CSV_ERROR, LW_CSV_ERROR_ENCODING);
  g_assert_cmpstr (error->message, ==, "row 1, column 2: the text is not valid UTF-8 (save the file as CSV in UTF-8)");
  g_assert_cmpuint (count_live_leads (store), ==, 2);
}

static void
test_empty_and_header_only (void)
{
  g_autoptr(LwConfig) config = load_config ();
  g_autoptr(LwStore) store = open_store ("empty.leadwright");
  g_autofree char *empty = lw_test_data_path ("csv-empty.csv");
  g_autofree char *header = lw_test_data_path ("csv-header-only.csv");
  g_autoptr(LwLeadImportReport) report = NULL;
  g_autoptr(LwLeadImportReport) header_report = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (import_path (store, config, empty, NULL, LW_LEAD_IMPORT_DEFAULT, &report, &error));
  g_assert_error (error, LW_LEAD_IMPORT_ERROR, LW_LEAD_IMPORT_ERROR_EMPTY);
  g_assert_cmpuint (report->rows, ==, 0);
  g_clear_error (&error);

  g_assert_true (import_path (store, config, header, NULL, LW_LEAD_IMPORT_DEFAULT, &header_report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (header_report->rows, ==, 0);
  g_assert_cmpuint (header_report->imported, ==, 0);
  g_assert_cmpstr (((LwImportColumn *) header_report->columns->pdata[0])->target, ==, "email");
  g_assert_cmpuint (count_live_leads (store), ==, 0);
}

static void
test_no_columns (void)
{
  g_autoptr(LwConfig) config = load_config ();
  g_autoptr(LwStore) store = open_store ("nocolumns.leadwright");
  g_autoptr(GError) error = NULL;

  g_assert_false (import_data (store, config, "Lead ID,Colour,Mood\n1,red,calm\n", NULL,
                               LW_LEAD_IMPORT_SKIP_BAD, NULL, &error));
  g_assert_error (error, LW_LEAD_IMPORT_ERROR, LW_LEAD_IMPORT_ERROR_NO_COLUMNS);
  g_assert_cmpstr (error->message, ==, "no column of the file matches a property of the rules "
                                       "(columns: \"Lead ID\", \"Colour\", \"Mood\"); map them with a mapping file");
  g_assert_cmpuint (count_live_leads (store), ==, 0);
}

/* Ids repeated in the file or already live, unknown owners, dates after
 * the import, values that do not fit: each is a problem of its row. */
static void
test_row_problems (void)
{
  g_autoptr(LwConfig) config = load_config ();
  g_autoptr(LwStore) store = open_store ("problems.leadwright");
  g_autoptr(LwLeadImportReport) first = NULL;
  g_autoptr(LwLeadImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  static const char data[] =
    "Lead ID,Email,Owner,Created,Country,Employees\n"        /* row 1 */
    "A1,a@x.com,ana,2026-03-01,US,10\n"                       /* 2: good */
    "A2,b@x.com,Zed Nobody,2026-03-01,US,10\n"                /* 3: owner */
    "A1,c@x.com,ben,2026-03-01,DE,10\n"                       /* 4: id repeated */
    "OLD,d@x.com,,2026-03-01,DE,10\n"                         /* 5: id already live */
    "A5,e@x.com,BEN@EXAMPLE.COM,2026-04-01,Atlantis,lots\n"   /* 6: date, country, employees */
    "A6,\"f@x.com\",,,GB,\n";                                 /* 7: good */

  g_assert_true (import_data (store, config, "External ID,Email\nOLD,old@x.com\n", NULL,
                              LW_LEAD_IMPORT_DEFAULT, &first, &error));
  g_assert_cmpuint (first->imported, ==, 1);

  g_assert_false (import_data (store, config, data, NULL, LW_LEAD_IMPORT_DEFAULT, &report, &error));
  g_assert_error (error, LW_LEAD_IMPORT_ERROR, LW_LEAD_IMPORT_ERROR_BAD_ROWS);
  g_assert_cmpuint (report->rows, ==, 6);
  g_assert_cmpuint (report->bad_rows, ==, 4);
  g_assert_cmpuint (report->n_problems, ==, 6);
  assert_problem (report, 0, 3, 3, "Owner", "Zed Nobody", "no rep of the team has this id, email or name");
  {
    g_autofree char *owner = lw_import_problem_format (problem_at (report, 0));
    g_autofree char *country = lw_import_problem_format (problem_at (report, 4));

    g_assert_cmpstr (owner, ==, "row 3, column 3 (Owner): \"Zed Nobody\": no rep of the team has this "
                                "id, email or name");
    g_assert_cmpstr (country, ==, "row 6, column 5 (Country): \"Atlantis\" is not one of the options of "
                                  "Country (US, DE, GB)");
  }
  assert_problem (report, 1, 4, 1, "Lead ID", "A1", "the id is already on row 2");
  assert_problem (report, 2, 5, 1, "Lead ID", "OLD", "already has this id");
  assert_problem (report, 3, 6, 4, "Created", "2026-04-01", "the lead cannot be created after the import");
  assert_problem (report, 4, 6, 5, "Country", "Atlantis", "\"Atlantis\" is not one of the options of Country");
  assert_problem (report, 5, 6, 6, "Employees", "lots", "\"lots\" is not a number");
  g_assert_cmpuint (count_live_leads (store), ==, 1);
  g_clear_pointer (&report, lw_lead_import_report_free);
  g_clear_error (&error);

  g_assert_true (import_data (store, config, data, NULL, LW_LEAD_IMPORT_SKIP_BAD, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->imported, ==, 2);
  g_assert_cmpuint (count_live_leads (store), ==, 3);
  {
    g_autoptr(LwLiveLead) a1 = lw_store_find_live_lead (store, "A1", &error);
    g_autoptr(LwLiveLead) a6 = lw_store_find_live_lead (store, "A6", &error);

    g_assert_no_error (error);
    g_assert_cmpstr (a1->owner, ==, "ana");
    g_assert_cmpint (a1->created_at, ==, 1772323200);
    g_assert_cmpstr (a6->owner, ==, "ana");     /* routed: the fallback */
    g_assert_cmpint (a6->created_at, ==, NOW);   /* no date: created by the import */
  }
}

/* A mapping renames and ignores columns; its date order and time zone
 * apply. Only the first LW_LEAD_IMPORT_MAX_PROBLEMS problems are kept. */
static void
test_mapping_and_limit (void)
{
  g_autoptr(LwConfig) config = load_config ();
  g_autoptr(LwStore) store = open_store ("mapping.leadwright");
  g_autofree char *path = lw_test_data_path ("csv-mapping.json");
  g_autoptr(LwLeadMapping) mapping = lw_lead_mapping_load_file (path, NULL);
  g_autoptr(LwLeadImportReport) report = NULL;
  g_autoptr(LwLeadImportReport) many = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GString) big = g_string_new ("Email,Employees\n");

  g_assert_nonnull (mapping);
  /* Read without detecting the separator, the header is one column. */
  g_assert_false (import_data (store, config,
                               "Ref;Org;Since;Rep;Notes\n"
                               "R-1;Acme;09/03/2026 14:30;Ana Silva;=1+1\n", mapping,
                               LW_LEAD_IMPORT_DEFAULT, &report, &error));
  g_assert_error (error, LW_LEAD_IMPORT_ERROR, LW_LEAD_IMPORT_ERROR_NO_COLUMNS);
  g_assert_cmpint (report->separator, ==, ',');
  g_assert_cmpuint (report->columns->len, ==, 1);
  g_clear_pointer (&report, lw_lead_import_report_free);
  g_clear_error (&error);
  g_assert_cmpuint (count_live_leads (store), ==, 0);

  {
    g_autoptr(LwCsvReader) reader = lw_csv_reader_new_for_data ("Ref;Org;Since;Rep;Notes\n"
                                                                "R-1;Acme;09/03/2026 14:30;Ana Silva;=1+1\n", -1);

    lw_csv_reader_set_detect_separator (reader, TRUE);
    g_assert_true (lw_lead_import_csv (store, config, reader, mapping, LW_LEAD_IMPORT_DEFAULT, NOW,
                                       NULL, NULL, NULL, &report, &error));
    g_assert_no_error (error);
    g_assert_cmpint (report->separator, ==, ';');
    g_assert_cmpuint (report->imported, ==, 1);
  }
  {
    g_autoptr(LwLiveLead) lead = lw_store_find_live_lead (store, "R-1", &error);
    JsonObject *properties;
    g_autofree char *since = NULL;
    g_autofree char *company = NULL;

    g_assert_no_error (error);
    g_assert_cmpstr (lead->owner, ==, "ana");
    properties = parse_properties (lead, parser);
    /* 9 March 14:30 in Berlin (day/month/year) is 13:30 UTC. */
    since = dup_member (properties, "signed_up");
    g_assert_cmpstr (since, ==, "2026-03-09T13:30:00Z");
    company = dup_member (properties, "company");
    g_assert_cmpstr (company, ==, "Acme");
    g_assert_false (json_object_has_member (properties, "Notes"));
  }

  for (guint i = 0; i < 1500; i++)
    g_string_append_printf (big, "p%u@x.com,many\n", i);
  g_assert_false (import_data (store, config, big->str, NULL, LW_LEAD_IMPORT_DEFAULT, &many, &error));
  g_assert_cmpuint (many->n_problems, ==, 1500);
  g_assert_cmpuint (many->problems->len, ==, LW_LEAD_IMPORT_MAX_PROBLEMS);
  g_assert_cmpuint (problem_at (many, LW_LEAD_IMPORT_MAX_PROBLEMS - 1)->row, ==, LW_LEAD_IMPORT_MAX_PROBLEMS + 1);
}

static void
import_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
test_async_and_cancel (void)
{
  g_autoptr(LwConfig) config = load_config ();
  g_autoptr(LwStore) store = open_store ("async.leadwright");
  g_autofree char *path = lw_test_data_path ("csv-crm-export.csv");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(LwLeadImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GString) big = g_string_new ("Email\n");

  lw_lead_import_path_async (store, config, path, NULL, LW_LEAD_IMPORT_DEFAULT, NOW, NULL, NULL,
                             NULL, import_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (lw_lead_import_path_finish (result, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->imported, ==, 3);
  g_clear_pointer (&report, lw_lead_import_report_free);

  /* Cancelled: the transaction is rolled back. */
  for (guint i = 0; i < 5000; i++)
    g_string_append_printf (big, "c%u@x.com\n", i);
  g_cancellable_cancel (cancellable);
  {
    g_autoptr(LwCsvReader) reader = lw_csv_reader_new_for_data (big->str, -1);

    g_assert_false (lw_lead_import_csv (store, config, reader, NULL, LW_LEAD_IMPORT_DEFAULT, NOW,
                                        cancellable, NULL, NULL, &report, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_assert_cmpuint (report->imported, ==, 0);
  }
  g_assert_cmpuint (count_live_leads (store), ==, 3);
}

/* Leads go on the SLA policy that applies to them, with the first-touch
 * deadline lw-live keeps: a lead from DE gets "dach" (15 minutes), the
 * others "standard" (120 minutes), from their creation. lw_live_update_deadline()
 * finds the same deadline again. Leads without an owner are routed: DE to
 * ben (the rule "dach"), others to the fallback, ana. */
static void
test_sla_and_routing (void)
{
  g_autofree char *json = NULL;
  g_autoptr(LwConfig) config = NULL;
  g_autoptr(LwStore) store = open_store ("sla.leadwright");
  g_autoptr(LwLeadImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  static const struct
  {
    const char *id, *owner, *policy;
    LwTime deadline;
  } expected[] = {
    { "S1", "ben", "dach", 1773014400 + 15 * 60 },
    { "S2", "ana", "standard", 1773014400 + 120 * 60 },
    { "S3", "ben", "standard", 1773018000 + 120 * 60 },
  };

  {
    GString *text = g_string_new (config_json);

    g_string_replace (text, "\"slas\": [],",
                      "\"slas\": [ { \"id\": \"dach\", \"label\": \"DACH\", \"deadlineMinutes\": 15,\n"
                      "  \"clock\": \"calendar\", \"pauseStatuses\": [], \"when\": { \"filterGroups\": [ { \"filters\": [\n"
                      "  { \"propertyName\": \"country\", \"operator\": \"EQ\", \"value\": \"DE\" } ] } ] } },\n"
                      "  { \"id\": \"standard\", \"label\": \"Standard\", \"deadlineMinutes\": 120,\n"
                      "    \"clock\": \"calendar\", \"pauseStatuses\": [] } ],", 1);
    g_string_replace (text, "\"rules\": [],",
                      "\"rules\": [ { \"id\": \"dach\", \"label\": \"DACH\", \"when\": { \"filterGroups\": [\n"
                      "  { \"filters\": [ { \"propertyName\": \"country\", \"operator\": \"EQ\", \"value\": \"DE\" } ] } ] },\n"
                      "  \"assign\": { \"type\": \"owner\", \"owner\": \"ben\" } } ],", 1);
    json = g_string_free (text, FALSE);
  }
  config = lw_test_load_config (json);

  g_assert_true (import_data (store, config,
                              "Lead ID,Country,Created,Owner\n"
                              "S1,DE,2026-03-09T00:00:00Z,\n"
                              "S2,US,2026-03-09T00:00:00Z,\n"
                              "S3,US,2026-03-09T01:00:00Z,ben\n", NULL,
                              LW_LEAD_IMPORT_DEFAULT, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->imported, ==, 3);
  g_assert_cmpuint (report->routed, ==, 2);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(LwLiveLead) lead = lw_store_find_live_lead (store, expected[i].id, &error);
      g_autoptr(LwLiveLead) again = NULL;

      g_assert_no_error (error);
      g_assert_cmpstr (lead->owner, ==, expected[i].owner);
      g_assert_cmpstr (lead->policy, ==, expected[i].policy);
      g_assert_cmpint (lead->deadline, ==, expected[i].deadline);

      g_assert_true (lw_live_update_deadline (store, config, lead->id, NOW, &error));
      g_assert_no_error (error);
      again = lw_store_get_live_lead (store, lead->id, &error);
      g_assert_cmpint (again->deadline, ==, expected[i].deadline);
    }
}

/* Where an imported lead came from: "import" unless its row says, also
 * when the file's source column is blank for it; and the rules read it
 * back so (lw_live_lead_to_lead()). */
static void
test_source (void)
{
  g_autoptr(LwConfig) config = load_config ();
  g_autoptr(LwStore) store = open_store ("source.leadwright");
  g_autoptr(LwLeadImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  static const struct
  {
    const char *id, *source;
  } expected[] = {
    { "A1", "chat" }, { "A2", "import" }, { "A3", "form" },
  };

  g_assert_true (import_data (store, config,
                              "Lead ID,Email,Source\n"
                              "A1,a1@example.com,Chat\n"
                              "A2,a2@example.com,\n"
                              "A3,a3@example.com,form\n", NULL,
                              LW_LEAD_IMPORT_DEFAULT, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->imported, ==, 3);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(LwLiveLead) live = lw_store_find_live_lead (store, expected[i].id, &error);
      g_autoptr(LwLead) lead = NULL;
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autofree char *stored = NULL;
      g_autofree char *read = NULL;

      g_assert_no_error (error);
      stored = dup_member (parse_properties (live, parser), "source");
      g_assert_cmpstr (stored, ==, expected[i].source);
      lead = lw_live_lead_to_lead (config, live);
      read = lw_lead_dup_text (lead, config, lw_config_builtin (config, LW_BUILTIN_SOURCE)->index);
      g_assert_cmpstr (read, ==, expected[i].source);
    }
}

/* Good rows are written in batches: a bad row after several batches
 * still leaves nothing written, and with SKIP_BAD every good row of every
 * batch is there, in order, once. */
static void
test_batches (void)
{
  g_autoptr(LwConfig) config = load_config ();
  g_autoptr(LwStore) store = open_store ("batches.leadwright");
  g_autoptr(LwLeadImportReport) report = NULL;
  g_autoptr(GString) csv = g_string_new ("Lead ID,Email,Employees\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) leads = NULL;

  for (guint i = 1; i <= 700; i++)
    g_string_append_printf (csv, "B%u,b%u@example.com,%s\n", i, i, i == 650 ? "lots" : "12");

  g_assert_false (import_data (store, config, csv->str, NULL, LW_LEAD_IMPORT_DEFAULT, &report, &error));
  g_assert_error (error, LW_LEAD_IMPORT_ERROR, LW_LEAD_IMPORT_ERROR_BAD_ROWS);
  g_clear_error (&error);
  g_assert_cmpuint (report->rows, ==, 700);
  g_assert_cmpuint (report->bad_rows, ==, 1);
  g_assert_cmpuint (report->imported, ==, 0);
  g_assert_cmpuint (report->ids->len, ==, 0);
  assert_problem (report, 0, 651, 3, "Employees", "lots", "number");
  g_assert_cmpuint (count_live_leads (store), ==, 0);
  g_clear_pointer (&report, lw_lead_import_report_free);

  g_assert_true (import_data (store, config, csv->str, NULL, LW_LEAD_IMPORT_SKIP_BAD, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->imported, ==, 699);
  g_assert_cmpuint (report->ids->len, ==, 699);
  leads = lw_store_list_live_leads (store, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (leads->len, ==, 699);
  for (guint i = 0; i < leads->len; i++)
    {
      const LwLiveLead *lead = g_ptr_array_index (leads, i);
      g_autofree char *id = g_strdup_printf ("B%u", i + 1 < 650 ? i + 1 : i + 2);

      g_assert_cmpint (lead->id, ==, g_array_index (report->ids, gint64, i));
      g_assert_cmpstr (lead->external_id, ==, id);
    }
}

/* ---- the CRM sales opportunities data set ------------------------------------------ */

static const char pipeline_properties[] =
  "    { \"id\": \"sales_agent\", \"label\": \"Sales agent\", \"type\": \"string\" },\n"
  "    { \"id\": \"company\", \"label\": \"Account\", \"type\": \"string\" },\n"
  "    { \"id\": \"engage_date\", \"label\": \"Engage date\", \"type\": \"datetime\" },\n"
  "    { \"id\": \"close_date\", \"label\": \"Close date\", \"type\": \"datetime\" },\n"
  "    { \"id\": \"close_value\", \"label\": \"Close value\", \"type\": \"number\" },\n";

static LwConfig *
pipeline_config (const char *product_and_more)
{
  g_autofree char *json = g_strdup_printf (
    "{\n"
    "  \"format\": \"leadwright-config\", \"version\": 1, \"name\": \"Pipeline\",\n"
    "  \"properties\": [\n%s%s  ],\n"
    "  \"lifecycle\": { \"stages\": [], \"statuses\": [] },\n"
    "  \"scoring\": { \"fit\": { \"criteria\": [] }, \"engagement\": { \"criteria\": [] },\n"
    "    \"mql\": { \"total\": 40 } },\n"
    "  \"routing\": { \"rules\": [], \"fallback\": { \"owner\": \"ana\" } },\n"
    "  \"slas\": [],\n"
    "  \"team\": { \"reps\": [ { \"id\": \"ana\", \"name\": \"Ana\", \"email\": \"ana@example.com\",\n"
    "    \"role\": \"sdr\", \"timeZone\": \"UTC\", \"workingHours\": {} } ], \"teams\": [], \"pools\": [] }\n"
    "}\n", pipeline_properties, product_and_more);

  return lw_test_load_config (json);
}

/* A strict rule set: the products of products.csv ("GTX Pro", which the
 * pipeline spells "GTXPro" 1,480 times) and the built-in deal stage (none,
 * open, won, lost: not "Engaging" nor "Prospecting", 2,089 rows). 3,236
 * rows have one of the two, 3,569 problems in all; the first bad row is
 * row 3 (Z063OYW0, GTXPro). */
static void
test_sales_pipeline_strict (void)
{
  g_autofree char *path = lw_test_shared_path ("crm-sales-opportunities/sales_pipeline.csv");
  g_autoptr(LwConfig) config = NULL;
  g_autoptr(LwStore) store = NULL;
  g_autoptr(LwLeadImportReport) report = NULL;
  g_autoptr(LwLeadImportReport) skipped = NULL;
  g_autoptr(GError) error = NULL;

  if (path == NULL)
    return;
  config = pipeline_config (
    "    { \"id\": \"product\", \"label\": \"Product\", \"type\": \"enum\", \"options\": [\n"
    "      { \"value\": \"GTX Basic\", \"label\": \"GTX Basic\" }, { \"value\": \"GTX Pro\", \"label\": \"GTX Pro\" },\n"
    "      { \"value\": \"MG Special\", \"label\": \"MG Special\" }, { \"value\": \"MG Advanced\", \"label\": \"MG Advanced\" },\n"
    "      { \"value\": \"GTX Plus Pro\", \"label\": \"GTX Plus Pro\" },\n"
    "      { \"value\": \"GTX Plus Basic\", \"label\": \"GTX Plus Basic\" },\n"
    "      { \"value\": \"GTK 500\", \"label\": \"GTK 500\" } ] }\n");
  store = open_store ("pipeline-strict.leadwright");

  g_assert_false (import_path (store, config, path, NULL, LW_LEAD_IMPORT_DEFAULT, &report, &error));
  g_assert_error (error, LW_LEAD_IMPORT_ERROR, LW_LEAD_IMPORT_ERROR_BAD_ROWS);
  g_assert_cmpuint (report->rows, ==, 8800);
  g_assert_cmpuint (report->bad_rows, ==, 3236);
  g_assert_cmpuint (report->n_problems, ==, 3569);
  g_assert_cmpuint (report->imported, ==, 0);
  assert_problem (report, 0, 3, 3, "product", "GTXPro", "\"GTXPro\" is not one of the options of Product");
  g_assert_cmpuint (problem_at (report, 1)->row, ==, 11);   /* the first "Engaging" */
  g_assert_cmpstr (problem_at (report, 1)->column_name, ==, "deal_stage");
  g_assert_cmpstr (problem_at (report, 1)->value, ==, "Engaging");
  g_assert_cmpuint (count_live_leads (store), ==, 0);
  g_clear_error (&error);

  g_assert_true (import_path (store, config, path, NULL, LW_LEAD_IMPORT_SKIP_BAD, &skipped, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (skipped->imported, ==, 8800 - 3236);
  g_assert_cmpuint (count_live_leads (store), ==, 8800 - 3236);
}

/* With a rule set that fits (a string product, the deal stage mapped to a
 * property of its own) all 8,800 import; 1,425 have no account. */
static void
test_sales_pipeline (void)
{
  g_autofree char *path = lw_test_shared_path ("crm-sales-opportunities/sales_pipeline.csv");
  g_autoptr(LwConfig) config = NULL;
  g_autoptr(LwStore) store = NULL;
  g_autoptr(LwLeadMapping) mapping = lw_lead_mapping_new ();
  g_autoptr(LwLeadImportReport) report = NULL;
  g_autoptr(GPtrArray) leads = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  guint without_account = 0, won = 0;
  double close_total = 0;

  if (path == NULL)
    return;
  config = pipeline_config (
    "    { \"id\": \"product\", \"label\": \"Product\", \"type\": \"string\" },\n"
    "    { \"id\": \"pipeline_stage\", \"label\": \"Pipeline stage\", \"type\": \"enum\", \"options\": [\n"
    "      { \"value\": \"prospecting\", \"label\": \"Prospecting\" }, { \"value\": \"engaging\", \"label\": \"Engaging\" },\n"
    "      { \"value\": \"won\", \"label\": \"Won\" }, { \"value\": \"lost\", \"label\": \"Lost\" } ] }\n");
  store = open_store ("pipeline.leadwright");
  lw_lead_mapping_set_column (mapping, "deal_stage", "pipeline_stage");

  g_assert_true (import_path (store, config, path, mapping, LW_LEAD_IMPORT_DEFAULT, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->rows, ==, 8800);
  g_assert_cmpuint (report->bad_rows, ==, 0);
  g_assert_cmpuint (report->imported, ==, 8800);
  g_assert_cmpstr (((LwImportColumn *) report->columns->pdata[0])->target, ==, "@id");
  g_assert_cmpstr (((LwImportColumn *) report->columns->pdata[3])->target, ==, "company");
  g_assert_cmpint (((LwImportColumn *) report->columns->pdata[3])->match, ==, LW_IMPORT_MATCH_LABEL);

  leads = lw_store_list_live_leads (store, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (leads->len, ==, 8800);
  for (guint i = 0; i < leads->len; i++)
    {
      JsonObject *properties = parse_properties (g_ptr_array_index (leads, i), parser);
      g_autofree char *stage = dup_member (properties, "pipeline_stage");

      without_account += !json_object_has_member (properties, "company");
      won += strcmp (stage, "won") == 0;
      if (json_object_has_member (properties, "close_value"))
        close_total += json_object_get_double_member (properties, "close_value");
    }
  g_assert_cmpuint (without_account, ==, 1425);
  g_assert_cmpuint (won, ==, 4238);
  g_assert_cmpfloat (close_total, ==, 10005534.0);

  {
    g_autoptr(LwLiveLead) first = lw_store_find_live_lead (store, "1C1I7A6R", &error);
    JsonObject *properties;
    g_autofree char *agent = NULL, *engaged = NULL, *closed = NULL, *value = NULL, *source = NULL;

    g_assert_no_error (error);
    properties = parse_properties (first, parser);
    agent = dup_member (properties, "sales_agent");
    engaged = dup_member (properties, "engage_date");
    closed = dup_member (properties, "close_date");
    value = dup_member (properties, "close_value");
    source = dup_member (properties, "source");
    g_assert_cmpstr (agent, ==, "Moses Frase");
    g_assert_cmpstr (engaged, ==, "2016-10-20T00:00:00Z");
    g_assert_cmpstr (closed, ==, "2017-03-01T00:00:00Z");
    g_assert_cmpstr (value, ==, "1054");
    g_assert_cmpstr (source, ==, "import");
    g_assert_cmpint (first->created_at, ==, NOW);
  }
  g_assert_true (lw_store_check_integrity (store, &error));
}

/* accounts.csv: "sector" is the industry; 12 accounts misspell
 * "technology" as "technolgy", the first on row 2 (Acme Corporation). */
static void
test_accounts (void)
{
  g_autofree char *path = lw_test_shared_path ("crm-sales-opportunities/accounts.csv");
  g_autoptr(LwConfig) config = load_config ();
  g_autoptr(LwStore) store = NULL;
  g_autoptr(LwLeadImportReport) report = NULL;
  g_autoptr(LwLeadImportReport) skipped = NULL;
  g_autoptr(GError) error = NULL;
  static const guint64 rows[] = { 2, 8, 14, 18, 19, 30, 37, 41, 45, 58, 61, 83 };

  if (path == NULL)
    return;
  store = open_store ("accounts.leadwright");

  g_assert_false (import_path (store, config, path, NULL, LW_LEAD_IMPORT_DEFAULT, &report, &error));
  g_assert_error (error, LW_LEAD_IMPORT_ERROR, LW_LEAD_IMPORT_ERROR_BAD_ROWS);
  g_assert_cmpuint (report->rows, ==, 85);
  g_assert_cmpuint (report->n_problems, ==, G_N_ELEMENTS (rows));
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    assert_problem (report, i, rows[i], 2, "sector", "technolgy",
                    "\"technolgy\" is not one of the options of Industry");
  /* account is the company (alias), employees by id, revenue the annual revenue. */
  g_assert_cmpstr (((LwImportColumn *) report->columns->pdata[0])->target, ==, "company");
  g_assert_cmpstr (((LwImportColumn *) report->columns->pdata[3])->target, ==, "annual_revenue");
  g_assert_cmpstr (((LwImportColumn *) report->columns->pdata[4])->target, ==, "employees");
  g_assert_cmpuint (count_live_leads (store), ==, 0);
  g_clear_error (&error);

  g_assert_true (import_path (store, config, path, NULL, LW_LEAD_IMPORT_SKIP_BAD, &skipped, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (skipped->imported, ==, 85 - 12);
  g_assert_cmpuint (count_live_leads (store), ==, 73);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/lead-import/coerce/numbers", test_coerce_numbers);
  g_test_add_func ("/lead-import/coerce/booleans", test_coerce_booleans);
  g_test_add_func ("/lead-import/coerce/dates", test_coerce_dates);
  g_test_add_func ("/lead-import/coerce/enums", test_coerce_enums);
  g_test_add_func ("/lead-import/coerce/text", test_coerce_text);
  g_test_add_func ("/lead-import/columns", test_map_columns);
  g_test_add_func ("/lead-import/mapping/file", test_mapping_file);
  g_test_add_func ("/lead-import/mapping/errors", test_mapping_errors);
  g_test_add_func ("/lead-import/mapping/saved", test_mapping_saved);
  g_test_add_func ("/lead-import/crm-export", test_crm_export);
  g_test_add_func ("/lead-import/dry-run", test_dry_run);
  g_test_add_func ("/lead-import/hostile/unterminated", test_unterminated);
  g_test_add_func ("/lead-import/hostile/wrong-columns", test_wrong_columns);
  g_test_add_func ("/lead-import/hostile/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/lead-import/hostile/empty", test_empty_and_header_only);
  g_test_add_func ("/lead-import/hostile/no-columns", test_no_columns);
  g_test_add_func ("/lead-import/row-problems", test_row_problems);
  g_test_add_func ("/lead-import/mapping-and-limit", test_mapping_and_limit);
  g_test_add_func ("/lead-import/async-and-cancel", test_async_and_cancel);
  g_test_add_func ("/lead-import/sla-and-routing", test_sla_and_routing);
  g_test_add_func ("/lead-import/source", test_source);
  g_test_add_func ("/lead-import/batches", test_batches);
  g_test_add_func ("/lead-import/crm/sales-pipeline-strict", test_sales_pipeline_strict);
  g_test_add_func ("/lead-import/crm/sales-pipeline", test_sales_pipeline);
  g_test_add_func ("/lead-import/crm/accounts", test_accounts);

  return g_test_run ();
}
