/* test-lead-export.c: the leads and events of a run as CSV
 *
 * A hand-made run (three leads over two blocks, one of them written twice;
 * events over two event blocks, appended out of lead order) is exported
 * and compared byte for byte with the CSV written out by hand (checked
 * with Python's csv module); then a simulated run of the sample playbook,
 * larger than a block, is exported and every row compared with what
 * lw_store_get_lead() and lw_store_get_lead_events() say of that lead.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "lw-csv.h"
#include "lw-lead-export.h"
#include "lw-scenario.h"
#include "lw-sim-store.h"
#include "lw-simulator.h"
#include "lw-store.h"
#include "lw-test-utils.h"

#define T0 ((LwTime) 1773014400)   /* 2026-03-09T00:00:00Z */
#define AT(h, m, s) (T0 + (h) * 3600 + (m) * 60 + (s))

static const char config_json[] =
  "{\n"
  "  \"format\": \"leadwright-config\", \"version\": 1, \"name\": \"Export test\",\n"
  "  \"properties\": [\n"
  "    { \"id\": \"email\", \"label\": \"Email\", \"type\": \"email\" },\n"
  "    { \"id\": \"email_domain\", \"label\": \"Email domain\", \"type\": \"string\", \"domainOf\": \"email\" },\n"
  "    { \"id\": \"company\", \"label\": \"Company\", \"type\": \"string\" },\n"
  "    { \"id\": \"employees\", \"label\": \"Employees\", \"type\": \"number\" },\n"
  "    { \"id\": \"country\", \"label\": \"Country\", \"type\": \"enum\",\n"
  "      \"options\": [ { \"value\": \"US\", \"label\": \"United States\" }, { \"value\": \"DE\", \"label\": \"Germany\" } ] },\n"
  "    { \"id\": \"newsletter\", \"label\": \"Newsletter\", \"type\": \"boolean\" },\n"
  "    { \"id\": \"signed_up\", \"label\": \"Signed up\", \"type\": \"datetime\" },\n"
  "    { \"id\": \"owner\", \"label\": \"Owner (CRM)\", \"type\": \"string\" },\n"
  "    { \"id\": \"region\", \"label\": \"Region\", \"type\": \"enum\",\n"
  "      \"options\": [ { \"value\": \"EMEA\", \"label\": \"EMEA\" }, { \"value\": \"NA\", \"label\": \"North America\" } ] }\n"
  "  ],\n"
  "  \"activities\": [ { \"id\": \"demo_request\", \"label\": \"Demo request\" },\n"
  "                  { \"id\": \"webinar\", \"label\": \"Webinar\" } ],\n"
  "  \"lifecycle\": {\n"
  "    \"stages\": [\n"
  "      { \"id\": \"lead\", \"label\": \"Lead\", \"hubspotValue\": \"lead\", \"definition\": \"Known.\",\n"
  "        \"owner\": \"marketing\", \"nextStep\": \"Score.\" },\n"
  "      { \"id\": \"mql\", \"label\": \"MQL\", \"hubspotValue\": \"marketingqualifiedlead\",\n"
  "        \"definition\": \"Qualified.\", \"owner\": \"sdr\", \"nextStep\": \"Call.\" },\n"
  "      { \"id\": \"sql\", \"label\": \"SQL\", \"hubspotValue\": \"salesqualifiedlead\",\n"
  "        \"definition\": \"Accepted.\", \"owner\": \"ae\", \"nextStep\": \"Demo.\" } ],\n"
  "    \"statuses\": [ { \"id\": \"new\", \"label\": \"New\", \"hubspotValue\": \"NEW\" },\n"
  "      { \"id\": \"attempting\", \"label\": \"Attempting\", \"hubspotValue\": \"ATTEMPTED_TO_CONTACT\" } ],\n"
  "    \"paths\": [ { \"id\": \"nurture\", \"label\": \"Back to nurture\", \"kind\": \"recycle\",\n"
  "      \"fromStatus\": \"attempting\", \"afterDays\": 30, \"toStage\": \"lead\", \"owner\": \"marketing\" } ] },\n"
  "  \"scoring\": { \"fit\": { \"criteria\": [] }, \"engagement\": { \"criteria\": [] },\n"
  "    \"mql\": { \"total\": 40 }, \"mqlStage\": \"mql\",\n"
  "    \"grades\": { \"fit\": [ { \"grade\": \"A\", \"min\": 20 }, { \"grade\": \"B\" } ],\n"
  "                \"engagement\": [ { \"grade\": \"1\", \"min\": 10 }, { \"grade\": \"2\" } ] } },\n"
  "  \"routing\": { \"rules\": [ { \"id\": \"emea\", \"label\": \"EMEA\",\n"
  "      \"when\": { \"filterGroups\": [ { \"filters\": [\n"
  "        { \"propertyName\": \"region\", \"operator\": \"EQ\", \"value\": \"EMEA\" } ] } ] },\n"
  "      \"assign\": { \"type\": \"pool\", \"pool\": \"sdr\" } } ],\n"
  "    \"fallback\": { \"owner\": \"ana\" } },\n"
  "  \"slas\": [ { \"id\": \"demo\", \"label\": \"Demo\", \"deadlineMinutes\": 30, \"clock\": \"calendar\",\n"
  "      \"pauseStatuses\": [] } ],\n"
  "  \"team\": {\n"
  "    \"reps\": [\n"
  "      { \"id\": \"ana\", \"name\": \"Ana Silva\", \"email\": \"ana@example.com\", \"role\": \"sdr\",\n"
  "        \"team\": \"emea\", \"timeZone\": \"Europe/Berlin\", \"workingHours\": { \"mon\": [\"09:00-17:00\"] } },\n"
  "      { \"id\": \"ben\", \"name\": \"Ben \\\"BJ\\\" Okafor\", \"email\": \"ben@example.com\", \"role\": \"manager\",\n"
  "        \"team\": \"emea\", \"timeZone\": \"Europe/London\", \"workingHours\": { \"mon\": [\"09:00-17:00\"] } } ],\n"
  "    \"teams\": [ { \"id\": \"emea\", \"label\": \"EMEA\", \"manager\": \"ben\" } ],\n"
  "    \"pools\": [ { \"id\": \"sdr\", \"label\": \"SDRs\", \"members\": [ \"ana\", \"ben\" ] } ] }\n"
  "}\n";

static const char expected_leads[] =
  "lead_id,created_at,source,entry_point,segment,email,email_domain,company,employees,country,newsletter,signed_up,owner_property,region,fit_score,engagement_score,total_score,grade,lifecycle_stage,furthest_stage,lead_status,mql,converted,disqualified,recycled,owner_id,owner,routed_to_id,routing_rule,pool,fallback,sla_policy,sla_rep_id,assigned_at,first_touch_at,first_touch_deadline,time_to_first_touch_minutes,sla_warned,sla_breached,escalations,reassignments,entered_lead,entered_mql,entered_sql\r\n"
  "1,2026-03-09T01:00:00Z,form,web-demo,smb,ana.lead@Acme.com,acme.com,\"'=HYPERLINK(\"\"http://evil\"\")\",1250,DE,true,2026-03-01T10:00:00Z,\"Team \"\"A\"\", north\",EMEA,25,12.5,37.5,A1,mql,sql,attempting,true,false,false,false,ana,Ana Silva,ana,emea,sdr,false,demo,ana,2026-03-09T01:00:00Z,2026-03-09T01:12:30Z,2026-03-09T01:30:00Z,12.5,false,false,0,0,2026-03-09T01:00:00Z,2026-03-09T02:00:00Z,2026-03-09T03:00:00Z\r\n"
  "2,2026-03-09T02:00:00Z,chat,,,,,\"Beta\nGmbH\",-3,US,false,,,NA,5,0,5,B2,lead,lead,new,false,false,true,false,ben,\"Ben \"\"BJ\"\" Okafor\",ben,,,true,demo,ben,2026-03-09T02:00:00Z,,2026-03-09T02:30:00Z,,true,true,2,1,2026-03-09T02:00:00Z,,\r\n"
  "4097,2026-03-10T00:00:00Z,,,,,,,,,,,,,0,0,0,B2,,,,false,false,false,false,,,,,,false,,,,,,,false,false,0,0,,,\r\n";

static const char expected_events[] =
  "lead_id,at,event,rep_id,rep,stage,status,rule,fallback,policy,escalation_step,previous_owner_id,path,activity,source,score,mql,minutes,detail\r\n"
  "1,2026-03-09T01:00:00Z,created,,,,,,,,,,,,form,,,,\r\n"
  "1,2026-03-09T01:00:00Z,scored,,,,,,,,,,,,,37.5,true,,\r\n"
  "1,2026-03-09T01:00:00Z,assigned,ana,Ana Silva,,,emea,false,,,,,,,,,,Rule 'EMEA' matched: region is EMEA\r\n"
  "1,2026-03-09T01:12:30Z,first_touch,ana,Ana Silva,,,,,demo,,,,,,,,12.5,\r\n"
  "1,2026-03-09T02:00:00Z,stage_changed,ana,Ana Silva,mql,,,,,,,,,,,,,\r\n"
  "1,2026-03-09T02:00:00Z,status_changed,ana,Ana Silva,,attempting,,,,,,,,,,,,\r\n"
  "1,2026-03-09T03:00:00Z,converted,ana,Ana Silva,sql,,,,,,,,,,,,,\r\n"
  "1,2026-03-09T06:00:00Z,recycled,,,,,,,,,,nurture,,,,,,'@SUM(1)\r\n"
  "2,2026-03-09T02:00:00Z,created,,,,,,,,,,,,chat,,,,\r\n"
  "2,2026-03-09T02:00:00Z,assigned,ben,\"Ben \"\"BJ\"\" Okafor\",,,,true,,,,,,,,,,\r\n"
  "2,2026-03-09T02:20:00Z,sla_warning,ben,\"Ben \"\"BJ\"\" Okafor\",,,,,demo,,,,,,,,10,\r\n"
  "2,2026-03-09T02:30:00Z,sla_breach,ben,\"Ben \"\"BJ\"\" Okafor\",,,,,demo,,,,,,,,,\r\n"
  "2,2026-03-09T02:40:00Z,escalated,ben,\"Ben \"\"BJ\"\" Okafor\",,,,,,1,,,,,,,,\r\n"
  "2,2026-03-09T03:00:00Z,reassigned,ana,Ana Silva,,,,,,,ben,,,,,,,\r\n"
  "2,2026-03-09T04:00:00Z,disqualified,ana,Ana Silva,,,,,,,,nurture,,,,,,\r\n"
  "2,2026-03-09T02:00:00Z,scored,,,,,,,,,,,,,-2.125,false,,\r\n"
  "70000,2026-03-09T05:00:00Z,activity,,,,,,,,,,,webinar,,,,,\r\n";

/* ---- helpers ------------------------------------------------------------------ */

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

/* The properties of a lead of @config from "prop=value" pairs, encoded as
 * the store keeps them. */
static GByteArray *
encode_properties (const LwConfig *config,
                   ...)
{
  g_autoptr(LwLead) lead = lw_lead_new (config, "x");
  GByteArray *out = g_byte_array_new ();
  const char *pair;
  va_list args;

  va_start (args, config);
  while ((pair = va_arg (args, const char *)) != NULL)
    {
      const char *eq = strchr (pair, '=');
      g_autofree char *id = g_strndup (pair, eq - pair);
      g_autoptr(GError) error = NULL;

      g_assert_true (lw_lead_set (lead, config, id, eq + 1, &error));
      g_assert_no_error (error);
    }
  va_end (args);
  lw_lead_encode (lead, config, out);
  return out;
}

static char *
export_to_string (LwStore          *store,
                  gint64            run,
                  LwLeadExportKind  kind,
                  LwCsvWriteFlags   flags)
{
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(LwCsvWriter) writer = lw_csv_writer_new (stream, flags);
  g_autoptr(GError) error = NULL;

  g_assert_true (lw_lead_export_run (store, run, kind, NULL, writer, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (lw_csv_writer_finish (writer, NULL, &error));
  g_assert_true (g_output_stream_close (stream, NULL, NULL));
  return g_strndup (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (stream)),
                    g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (stream)));
}

/* The hand-made run of the file comment, recorded with the rule set as a
 * revision (or unsaved, @revision FALSE). Returns the run id. */
static gint64
record_run (LwStore  *store,
            gboolean  with_revision)
{
  g_autoptr(LwConfig) config = lw_test_load_config (config_json);
  g_autoptr(GError) error = NULL;
  g_autoptr(GByteArray) props1 = NULL;
  g_autoptr(GByteArray) props2_old = NULL;
  g_autoptr(GByteArray) props2 = NULL;
  LwTime stages1[3] = { AT (1, 0, 0), AT (2, 0, 0), AT (3, 0, 0) };
  LwTime stages2[3] = { AT (2, 0, 0), 0, 0 };
  gint64 revision = 0, run;
  LwRunParams params = { 0 };

  if (with_revision)
    {
      revision = lw_store_save_config (store, config, "export test", T0, &error);
      g_assert_no_error (error);
    }
  params.revision = revision;
  params.config = config;
  params.seed = 1;
  params.leads = 3;
  params.days = 2;
  params.sim_start = T0;
  params.started_at = T0;
  run = lw_store_begin_run (store, &params, &error);
  g_assert_no_error (error);

  props1 = encode_properties (config, "email=ana.lead@Acme.com",
                              "company==HYPERLINK(\"http://evil\")", "employees=1250",
                              "country=DE", "newsletter=true", "signed_up=2026-03-01T10:00:00Z",
                              "owner=Team \"A\", north", "region=EMEA", NULL);
  props2_old = encode_properties (config, "company=Old name", NULL);
  props2 = encode_properties (config, "company=Beta\nGmbH", "employees=-3", "country=US",
                              "newsletter=false", "region=NA", NULL);

  {
    /* Lead 2 as first written; written again below. */
    LwStoredLead first[] = {
      { .id = 2, .created_at = AT (2, 0, 0), .source = 0, .stage = 0, .max_stage = 0,
        .status = 0, .owner = 0, .routed_rep = 0, .rule = 0, .pool = 0, .policy = -1,
        .sla_rep = -1, .ttft = -1, .fit = 1, .engagement = 1,
        .properties = props2_old->data, .properties_len = props2_old->len },
    };
    LwStoredLead leads[] = {
      { .id = 4097, .created_at = T0 + LW_DAY, .source = -1, .stage = -1, .max_stage = -1,
        .status = -1, .owner = -1, .routed_rep = -1, .rule = -1, .pool = -1, .policy = -1,
        .sla_rep = -1, .ttft = -1 },
      { .id = 1, .created_at = AT (1, 0, 0), .source = 0, .region = "EMEA", .segment = "smb",
        .entry_point = "web-demo", .stage = 1, .max_stage = 2, .status = 1, .owner = 0,
        .routed_rep = 0, .rule = 0, .pool = 0, .policy = 0, .sla_rep = 0,
        .assigned_at = AT (1, 0, 0), .first_touch_at = AT (1, 12, 30), .deadline = AT (1, 30, 0),
        .ttft = 750, .fit = 25, .engagement = 12.5, .mql = TRUE,
        .stage_at = stages1, .n_stage_at = 3,
        .properties = props1->data, .properties_len = props1->len },
      { .id = 2, .created_at = AT (2, 0, 0), .source = 1, .region = "NA", .stage = 0,
        .max_stage = 0, .status = 0, .owner = 1, .routed_rep = 1, .rule = -1, .pool = -1,
        .fallback = TRUE, .policy = 0, .sla_rep = 1, .assigned_at = AT (2, 0, 0),
        .deadline = AT (2, 30, 0), .ttft = -1, .warned = TRUE, .breached = TRUE,
        .escalations = 2, .reassignments = 1, .fit = 5, .engagement = 0, .disqualified = TRUE,
        .stage_at = stages2, .n_stage_at = 3,
        .properties = props2->data, .properties_len = props2->len },
    };
    LwEvent events1[] = {
      { 2, LW_EVENT_CREATED, AT (2, 0, 0), -1, 1, 0, NULL },
      { 1, LW_EVENT_CREATED, AT (1, 0, 0), -1, 0, 0, NULL },
      { 1, LW_EVENT_SCORED, AT (1, 0, 0), -1, 1, 37.5, NULL },
      { 70000, LW_EVENT_ACTIVITY, AT (5, 0, 0), -1, 1, 0, NULL },
      { 1, LW_EVENT_ASSIGNED, AT (1, 0, 0), 0, 0, 0, "Rule 'EMEA' matched: region is EMEA" },
    };
    LwEvent events2[] = {
      { 2, LW_EVENT_ASSIGNED, AT (2, 0, 0), 1, -1, 0, NULL },
      { 1, LW_EVENT_FIRST_TOUCH, AT (1, 12, 30), 0, 0, 12.5, NULL },
      { 2, LW_EVENT_SLA_WARNING, AT (2, 20, 0), 1, 0, 10, NULL },
      { 2, LW_EVENT_SLA_BREACH, AT (2, 30, 0), 1, 0, 0, NULL },
      { 2, LW_EVENT_ESCALATED, AT (2, 40, 0), 1, 0, 0, NULL },
      { 2, LW_EVENT_REASSIGNED, AT (3, 0, 0), 0, 1, 0, NULL },
      { 2, LW_EVENT_DISQUALIFIED, AT (4, 0, 0), 0, 0, 0, NULL },
      { 1, LW_EVENT_STAGE_CHANGED, AT (2, 0, 0), 0, 1, 0, NULL },
      { 1, LW_EVENT_STATUS_CHANGED, AT (2, 0, 0), 0, 1, 0, NULL },
      { 1, LW_EVENT_CONVERTED, AT (3, 0, 0), 0, 2, 0, NULL },
      { 1, LW_EVENT_RECYCLED, AT (6, 0, 0), -1, 0, 0, "@SUM(1)" },
      { 2, LW_EVENT_SCORED, AT (2, 0, 0), -1, 0, -2.125, NULL },
    };

    g_assert_true (lw_store_append_leads (store, run, first, G_N_ELEMENTS (first), &error));
    g_assert_true (lw_store_append_leads (store, run, leads, G_N_ELEMENTS (leads), &error));
    g_assert_true (lw_store_append_events (store, run, events1, G_N_ELEMENTS (events1), &error));
    g_assert_true (lw_store_append_events (store, run, events2, G_N_ELEMENTS (events2), &error));
    g_assert_no_error (error);
  }
  g_assert_true (lw_store_finish_run (store, run, LW_RUN_FINISHED, T0 + 10, NULL, &error));
  g_assert_no_error (error);
  return run;
}

/* ---- tests ------------------------------------------------------------------------ */

static void
test_leads (void)
{
  g_autoptr(LwStore) store = open_store ("leads.leadwright");
  gint64 run = record_run (store, TRUE);
  g_autofree char *text = export_to_string (store, run, LW_LEAD_EXPORT_LEADS, LW_CSV_WRITE_DEFAULT);
  g_autofree char *latest = export_to_string (store, 0, LW_LEAD_EXPORT_LEADS, LW_CSV_WRITE_DEFAULT);

  g_assert_cmpstr (text, ==, expected_leads);
  /* Run 0 is the latest finished run: this one. */
  g_assert_cmpstr (latest, ==, expected_leads);
}

static void
test_events (void)
{
  g_autoptr(LwStore) store = open_store ("events.leadwright");
  gint64 run = record_run (store, TRUE);
  g_autofree char *text = export_to_string (store, run, LW_LEAD_EXPORT_EVENTS, LW_CSV_WRITE_DEFAULT);

  g_assert_cmpstr (text, ==, expected_events);
}

/* A run recorded with an unsaved rule set: no properties, but the region
 * and segment the run recorded; paths and activities by index. */
static void
test_without_revision (void)
{
  g_autoptr(LwStore) store = open_store ("unsaved.leadwright");
  gint64 run = record_run (store, FALSE);
  g_autofree char *leads = export_to_string (store, run, LW_LEAD_EXPORT_LEADS, LW_CSV_WRITE_DEFAULT);
  g_autofree char *events = export_to_string (store, run, LW_LEAD_EXPORT_EVENTS, LW_CSV_WRITE_DEFAULT);
  g_auto(GStrv) lines = g_strsplit (leads, "\r\n", -1);

  g_assert_true (g_str_has_prefix (lines[0], "lead_id,created_at,source,entry_point,region,segment,"
                                             "fit_score,engagement_score,total_score,grade,"));
  g_assert_true (g_str_has_prefix (lines[1], "1,2026-03-09T01:00:00Z,form,web-demo,EMEA,smb,25,12.5,37.5,,"));
  g_assert_true (g_str_has_prefix (lines[2], "2,2026-03-09T02:00:00Z,chat,,NA,,5,0,5,,"));
  g_assert_nonnull (strstr (events, "\r\n1,2026-03-09T06:00:00Z,recycled,,,,,,,,,,0,,,,,,'@SUM(1)\r\n"));
  g_assert_nonnull (strstr (events, "\r\n70000,2026-03-09T05:00:00Z,activity,,,,,,,,,,,1,,,,,\r\n"));
}

static void
test_missing_run (void)
{
  g_autoptr(LwStore) store = open_store ("missing.leadwright");
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(LwCsvWriter) writer = lw_csv_writer_new (stream, LW_CSV_WRITE_DEFAULT);
  g_autoptr(GError) error = NULL;

  /* No finished run at all. */
  g_assert_false (lw_lead_export_run (store, 0, LW_LEAD_EXPORT_LEADS, NULL, writer, NULL, NULL,
                                      NULL, &error));
  g_assert_error (error, LW_STORE_ERROR, LW_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  record_run (store, TRUE);
  g_assert_false (lw_lead_export_run (store, 42, LW_LEAD_EXPORT_EVENTS, NULL, writer, NULL, NULL,
                                      NULL, &error));
  g_assert_error (error, LW_STORE_ERROR, LW_STORE_ERROR_NOT_FOUND);
  /* Nothing was written, not even a header. */
  g_assert_cmpuint (lw_csv_writer_get_rows (writer), ==, 0);
}

/* A failed or cancelled export leaves the file it would replace alone. */
static void
test_to_path (void)
{
  g_autoptr(LwStore) store = open_store ("path.leadwright");
  g_autofree char *dir = make_test_dir ("out");
  g_autofree char *path = g_build_filename (dir, "leads.csv", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  gint64 run = record_run (store, TRUE);
  guint64 rows = 0;

  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  g_assert_false (lw_lead_export_run_to_path (store, run + 1, LW_LEAD_EXPORT_LEADS, path,
                                              LW_CSV_WRITE_DEFAULT, NULL, NULL, NULL, &rows, &error));
  g_assert_error (error, LW_STORE_ERROR, LW_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_cancellable_cancel (cancellable);
  g_assert_false (lw_lead_export_run_to_path (store, run, LW_LEAD_EXPORT_LEADS, path,
                                              LW_CSV_WRITE_DEFAULT, cancellable, NULL, NULL, &rows,
                                              &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "old");
  g_clear_pointer (&contents, g_free);

  g_assert_true (lw_lead_export_run_to_path (store, run, LW_LEAD_EXPORT_LEADS, path,
                                             LW_CSV_WRITE_DEFAULT, NULL, NULL, NULL, &rows, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rows, ==, 3);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, expected_leads);
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
count_progress (guint64  done,
                guint64  total,
                gpointer user_data)
{
  guint64 *last = user_data;

  g_assert_cmpuint (done, <=, total);
  g_assert_cmpuint (done, >=, *last);
  *last = done;
}

static void
test_async (void)
{
  g_autoptr(LwStore) store = open_store ("async.leadwright");
  g_autofree char *dir = make_test_dir ("async");
  g_autofree char *path = g_build_filename (dir, "events.csv", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 run = record_run (store, TRUE);
  guint64 rows = 0, progress = 0;

  lw_lead_export_run_to_path_async (store, run, LW_LEAD_EXPORT_EVENTS, path, LW_CSV_WRITE_DEFAULT,
                                    NULL, count_progress, &progress, export_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (lw_lead_export_run_to_path_finish (result, &rows, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rows, ==, 17);
  g_assert_cmpuint (progress, ==, 17);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, expected_events);
}

/* Records that do not decode are reported, not exported. */
static void
test_damaged (void)
{
  g_autoptr(LwStore) store = open_store ("damaged.leadwright");
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(LwCsvWriter) writer = lw_csv_writer_new (stream, LW_CSV_WRITE_DEFAULT);
  g_autoptr(GError) error = NULL;
  gint64 run = record_run (store, TRUE);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (lw_store_get_path (store), &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE run_events SET data = x'0102'", NULL, NULL, NULL), ==,
                   SQLITE_OK);
  sqlite3_close (db);

  g_assert_false (lw_lead_export_run (store, run, LW_LEAD_EXPORT_EVENTS, NULL, writer, NULL, NULL,
                                      NULL, &error));
  g_assert_error (error, LW_STORE_ERROR, LW_STORE_ERROR_CORRUPT);
}

/* Live leads as the rules see them: L1 is on "demo" (30 minutes), assigned
 * at 01:00 and untouched at 02:00, so overdue and breached with the
 * deadline 01:30; L2 has no owner, so no clock. */
static void
test_live (void)
{
  g_autoptr(LwStore) store = open_store ("live.leadwright");
  g_autoptr(LwConfig) config = lw_test_load_config (config_json);
  g_autoptr(LwLiveLead) l1 = lw_live_lead_new ();
  g_autoptr(LwLiveLead) l2 = lw_live_lead_new ();
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(LwCsvWriter) writer = lw_csv_writer_new (stream, LW_CSV_WRITE_DEFAULT);
  g_autoptr(LwCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) header = NULL;
  g_autofree char *joined = NULL;
  guint64 rows = 0;
  gint64 id1, id2;
  const char * const *f;
  guint n;

  l1->external_id = g_strdup ("CRM-1");
  l1->created_at = AT (1, 0, 0);
  l1->properties = g_strdup ("{\"email\": \"a@Acme.com\", \"company\": \"=evil()\", \"employees\": 250,"
                             " \"country\": \"DE\", \"owner\": \"x\"}");
  l1->owner = g_strdup ("ana");
  l1->status = g_strdup ("attempting");
  l1->stage = g_strdup ("mql");
  l1->policy = g_strdup ("demo");
  id1 = lw_store_add_live_lead (store, l1, AT (1, 0, 0), &error);
  g_assert_no_error (error);
  l2->created_at = AT (1, 30, 0);
  id2 = lw_store_add_live_lead (store, l2, AT (1, 30, 0), &error);
  g_assert_no_error (error);

  g_assert_true (lw_lead_export_live (store, config, AT (2, 0, 0), writer, NULL, &rows, &error));
  g_assert_no_error (error);
  g_assert_true (lw_csv_writer_finish (writer, NULL, &error));
  g_assert_cmpuint (rows, ==, 2);
  g_assert_true (g_output_stream_close (stream, NULL, NULL));

  reader = lw_csv_reader_new_for_data (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (stream)),
                                       g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (stream)));
  g_assert_true (lw_csv_reader_next (reader, NULL, &error));
  header = g_strdupv ((char **) lw_csv_reader_get_fields (reader, NULL));
  joined = g_strjoinv (",", header);
  g_assert_cmpstr (joined, ==,
                   "live_id,external_id,created_at,updated_at,email,email_domain,company,employees,"
                   "country,newsletter,signed_up,owner_property,region,fit_score,engagement_score,"
                   "total_score,grade,mql,lifecycle_stage,lead_status,owner_id,owner,sla_policy,"
                   "sla_state,assigned_at,first_touch_at,first_touch_deadline,sla_warned,"
                   "sla_breached,escalations,reassignments,touches");

  g_assert_true (lw_csv_reader_next (reader, NULL, &error));
  f = lw_csv_reader_get_fields (reader, &n);
  g_assert_cmpuint (n, ==, g_strv_length (header));
  g_assert_cmpint (g_ascii_strtoll (f[0], NULL, 10), ==, id1);
  g_assert_cmpstr (f[1], ==, "CRM-1");
  g_assert_cmpstr (f[2], ==, "2026-03-09T01:00:00Z");
  g_assert_cmpstr (f[4], ==, "a@Acme.com");
  g_assert_cmpstr (f[5], ==, "acme.com");
  g_assert_cmpstr (f[6], ==, "'=evil()");
  g_assert_cmpstr (f[7], ==, "250");
  g_assert_cmpstr (f[8], ==, "DE");
  g_assert_cmpstr (f[11], ==, "x");
  g_assert_cmpstr (f[12], ==, "");
  g_assert_cmpstr (f[13], ==, "0");
  g_assert_cmpstr (f[16], ==, "B2");
  g_assert_cmpstr (f[17], ==, "false");
  g_assert_cmpstr (f[18], ==, "mql");
  g_assert_cmpstr (f[19], ==, "attempting");
  g_assert_cmpstr (f[20], ==, "ana");
  g_assert_cmpstr (f[21], ==, "Ana Silva");
  g_assert_cmpstr (f[22], ==, "demo");
  g_assert_cmpstr (f[23], ==, "overdue");
  g_assert_cmpstr (f[24], ==, "2026-03-09T01:00:00Z");
  g_assert_cmpstr (f[25], ==, "");
  g_assert_cmpstr (f[26], ==, "2026-03-09T01:30:00Z");
  g_assert_cmpstr (f[27], ==, "false");
  g_assert_cmpstr (f[28], ==, "true");
  g_assert_cmpstr (f[31], ==, "0");

  g_assert_true (lw_csv_reader_next (reader, NULL, &error));
  f = lw_csv_reader_get_fields (reader, &n);
  g_assert_cmpint (g_ascii_strtoll (f[0], NULL, 10), ==, id2);
  g_assert_cmpstr (f[1], ==, "");
  g_assert_cmpstr (f[20], ==, "");
  g_assert_cmpstr (f[22], ==, "");
  g_assert_cmpstr (f[23], ==, "no-clock");
  g_assert_cmpstr (f[26], ==, "");
  g_assert_false (lw_csv_reader_next (reader, NULL, &error));
  g_assert_no_error (error);
}

/* ---- a simulated run, checked lead by lead against the store --------------------- */

static char *
dup_time (LwTime t)
{
  return t != 0 ? lw_time_format_iso8601 (t) : g_strdup ("");
}

static const char *
rep_id (const LwConfig *config,
        int             rep)
{
  return rep >= 0 ? ((const LwRep *) g_ptr_array_index (config->reps, rep))->id : "";
}

static int
column_of (const char * const *header,
           const char         *name)
{
  for (int i = 0; header[i] != NULL; i++)
    if (strcmp (header[i], name) == 0)
      return i;
  g_assert_not_reached ();
  return -1;
}

static void
test_simulated_run (void)
{
  g_autoptr(LwStore) store = open_store ("simulated.leadwright");
  g_autoptr(LwConfig) config = lw_test_load_sample ();
  g_autofree char *scenario_path = lw_test_sample_path ("inbound-scenario.json");
  g_autofree char *scenario_json = NULL;
  g_autofree char *leads_csv = NULL;
  g_autofree char *events_csv = NULL;
  g_autoptr(LwCsvReader) reader = NULL;
  g_autoptr(LwRunInfo) info = NULL;
  g_autoptr(LwLead) decoded = lw_lead_new (config, NULL);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) header = NULL;
  LwSimOptions options = LW_SIM_OPTIONS_INIT;
  LwScenario *scenario;
  LwSimulation *simulation;
  gint64 revision, run = 0;
  guint64 lead_rows = 0, event_rows = 0, checked_events = 0;

  g_assert_true (g_file_get_contents (scenario_path, &scenario_json, NULL, NULL));
  scenario = lw_scenario_load_data (scenario_json, -1, scenario_path, NULL, &error);
  g_assert_no_error (error);
  revision = lw_store_save_config (store, config, "sample", T0, &error);
  g_assert_no_error (error);
  options.leads = 5000;   /* more than one block of 4096 */
  options.days = 14;
  options.seed = 3;
  options.start = T0;
  simulation = lw_simulation_new (config, scenario, &options, &error);
  g_assert_no_error (error);
  g_assert_true (lw_simulate_into_store (store, simulation, scenario, revision, scenario_json, T0,
                                         NULL, NULL, NULL, &run, &error));
  g_assert_no_error (error);
  lw_simulation_free (simulation);
  lw_scenario_unref (scenario);
  info = lw_store_get_run (store, run, &error);
  g_assert_no_error (error);

  /* Leads, as programs read them (no apostrophes). */
  leads_csv = export_to_string (store, run, LW_LEAD_EXPORT_LEADS, LW_CSV_WRITE_RAW);
  reader = lw_csv_reader_new_for_data (leads_csv, -1);
  g_assert_true (lw_csv_reader_next (reader, NULL, &error));
  header = g_strdupv ((char **) lw_csv_reader_get_fields (reader, NULL));
  while (lw_csv_reader_next (reader, NULL, &error))
    {
      guint n;
      const char * const *f = lw_csv_reader_get_fields (reader, &n);
      guint32 id = g_ascii_strtoull (f[0], NULL, 10);
      g_autoptr(LwStoredLead) lead = lw_store_get_lead (store, run, id, &error);
      g_autofree char *created = NULL, *assigned = NULL, *touched = NULL;

      g_assert_no_error (error);
      g_assert_cmpuint (n, ==, g_strv_length (header));
      lead_rows++;
      g_assert_cmpuint (id, ==, lead_rows);   /* every lead, in id order */

      created = dup_time (lead->created_at);
      assigned = dup_time (lead->assigned_at);
      touched = dup_time (lead->first_touch_at);
      g_assert_cmpstr (f[column_of ((const char * const *) header, "created_at")], ==, created);
      g_assert_cmpstr (f[column_of ((const char * const *) header, "assigned_at")], ==, assigned);
      g_assert_cmpstr (f[column_of ((const char * const *) header, "first_touch_at")], ==, touched);
      g_assert_cmpstr (f[column_of ((const char * const *) header, "owner_id")], ==,
                       rep_id (config, lead->owner));
      g_assert_cmpstr (f[column_of ((const char * const *) header, "lifecycle_stage")], ==,
                       lead->stage >= 0 ? ((LwStage *) g_ptr_array_index (config->stages, lead->stage))->id : "");
      g_assert_cmpstr (f[column_of ((const char * const *) header, "sla_breached")], ==,
                       lead->breached ? "true" : "false");
      g_assert_cmpstr (f[column_of ((const char * const *) header, "fallback")], ==,
                       lead->fallback ? "true" : "false");
      g_assert_cmpfloat_with_epsilon (g_ascii_strtod (f[column_of ((const char * const *) header, "fit_score")], NULL),
                                      lead->fit, 0.005);

      /* Every property, as the store's own record decodes. */
      for (guint i = 0; i < decoded->n_values; i++)
        lw_lead_unset (decoded, i);
      g_assert_true (lw_lead_decode (decoded, config, lead->properties, lead->properties_len, &error));
      for (guint i = LW_N_BUILTINS; i < config->properties->len; i++)
        {
          const LwProperty *property = g_ptr_array_index (config->properties, i);
          g_autofree char *text = lw_lead_dup_text (decoded, config, i);
          const char *column = strcmp (property->id, "owner") == 0 ? "owner_property" : property->id;

          g_assert_cmpstr (f[column_of ((const char * const *) header, column)], ==, text ? text : "");
        }
    }
  g_assert_no_error (error);
  g_assert_cmpuint (lead_rows, ==, 5000);
  g_clear_pointer (&reader, lw_csv_reader_free);

  /* Events: as many rows as were written; each lead's, for every 97th
   * lead, exactly the store's, in its order. */
  events_csv = export_to_string (store, run, LW_LEAD_EXPORT_EVENTS, LW_CSV_WRITE_RAW);
  reader = lw_csv_reader_new_for_data (events_csv, -1);
  g_assert_true (lw_csv_reader_next (reader, NULL, &error));
  {
    g_autoptr(GArray) expected = NULL;
    guint32 current = 0, last = 0;
    guint k = 0;

    while (lw_csv_reader_next (reader, NULL, &error))
      {
        const char * const *f = lw_csv_reader_get_fields (reader, NULL);
        guint32 id = g_ascii_strtoull (f[0], NULL, 10);

        event_rows++;
        g_assert_cmpuint (id, >=, last);   /* by lead */
        last = id;
        if (id % 97 != 0)
          continue;
        if (id != current)
          {
            if (expected != NULL)
              g_assert_cmpuint (k, ==, expected->len);
            g_clear_pointer (&expected, g_array_unref);
            expected = lw_store_get_lead_events (store, run, id, &error);
            g_assert_no_error (error);
            current = id;
            k = 0;
          }
        g_assert_cmpuint (k, <, expected->len);
        {
          const LwEvent *e = &g_array_index (expected, LwEvent, k);
          g_autofree char *at = lw_time_format_iso8601 (e->t);

          g_assert_cmpstr (f[1], ==, at);
          g_assert_cmpstr (f[2], ==, lw_event_kind_to_string (e->kind));
          g_assert_cmpstr (f[3], ==, rep_id (config, e->rep));
          g_assert_cmpstr (f[18], ==, e->detail ? e->detail : "");
        }
        k++;
        checked_events++;
      }
    if (expected != NULL)
      g_assert_cmpuint (k, ==, expected->len);
  }
  g_assert_no_error (error);
  g_assert_cmpuint (event_rows, ==, info->events_written);
  g_assert_cmpuint (checked_events, >, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/lead-export/leads", test_leads);
  g_test_add_func ("/lead-export/events", test_events);
  g_test_add_func ("/lead-export/without-revision", test_without_revision);
  g_test_add_func ("/lead-export/missing-run", test_missing_run);
  g_test_add_func ("/lead-export/to-path", test_to_path);
  g_test_add_func ("/lead-export/async", test_async);
  g_test_add_func ("/lead-export/damaged", test_damaged);
  g_test_add_func ("/lead-export/live", test_live);
  g_test_add_func ("/lead-export/simulated-run", test_simulated_run);

  return g_test_run ();
}
