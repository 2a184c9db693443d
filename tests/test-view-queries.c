/* test-view-queries.c: what the Test & Watch views ask the engine beyond
 * the reports: why leads ended at the fallback owner (routing, simulator,
 * store, report) and what a run's leads can be filtered by
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include "lw-report.h"
#include "lw-routing.h"
#include "lw-scenario.h"
#include "lw-sim-store.h"
#include "lw-simulator.h"
#include "lw-store.h"
#include "lw-test-utils.h"

#define T0 ((LwTime) 1767225600)   /* 2026-01-01T00:00:00Z */

/* A Tuesday, 09:00 UTC. */
#define TUESDAY "2026-01-13T09:00:00Z"

/* ---- routing ------------------------------------------------------------------------------ */

static LwRoutingRule *
add_rule (LwConfig     *config,
          const char   *id,
          LwAssignKind  kind,
          const char   *owner,
          const char   *country)
{
  LwRoutingRule *rule = lw_routing_rule_new (id, id, kind);
  LwCondition *condition = lw_condition_new ();
  LwFilterGroup *group = lw_filter_group_new ();

  rule->target.owner = g_strdup (owner);
  g_ptr_array_add (group->filters, lw_filter_new ("country", LW_OP_EQ, country));
  g_ptr_array_add (condition->groups, group);
  lw_condition_free (rule->when);
  rule->when = condition;
  g_ptr_array_add (config->rules, rule);
  return rule;
}

static void
add_territory (LwRoutingRule *rule,
               const char    *city,
               const char    *owner)
{
  LwTerritory *territory = lw_territory_new ();

  g_strfreev (territory->values);
  territory->values = g_strsplit (city, ",", -1);
  territory->target.owner = g_strdup (owner);
  g_ptr_array_add (rule->territories, territory);
}

/* Rules, each for one country, each unable to assign some leads:
 *   de:      owner Ben, who is inactive: nobody
 *   fr:      the account owner (only acme.com has one)
 *   fr-ben:  then Ben: nobody
 *   es:      the account owner only
 *   it:      the account owner
 *   jp:      a territory map by city: only Tokyo
 *   de-map:  a second rule for DE, by city: only Berlin
 *   it-map:  a territory map by city for IT: only Rome
 * and Ana as the fallback. */
static LwConfig *
fallback_config (void)
{
  g_autoptr(LwConfig) config = lw_config_new ();
  g_autoptr(GPtrArray) diagnostics = lw_diagnostics_new ();
  LwRoutingRule *rule;
  LwRep *rep;

  g_ptr_array_add (config->stages, lw_stage_new ("mql", "MQL"));
  g_free (config->scoring.mql_stage);
  config->scoring.mql_stage = g_strdup ("mql");
  g_ptr_array_add (config->properties, lw_property_new ("country", "Country", LW_PROPERTY_STRING));
  g_ptr_array_add (config->properties, lw_property_new ("city", "City", LW_PROPERTY_STRING));
  g_ptr_array_add (config->properties, lw_property_new ("email", "Email", LW_PROPERTY_EMAIL));
  g_ptr_array_add (config->reps, lw_rep_new ("ana", "Ana Silva"));
  rep = lw_rep_new ("ben", "Ben Ortiz");
  rep->active = FALSE;
  g_ptr_array_add (config->reps, rep);
  g_ptr_array_add (config->accounts, lw_account_new ("acme.com", "Acme Corp", "ana"));

  add_rule (config, "de", LW_ASSIGN_OWNER, "ben", "DE");
  add_rule (config, "fr", LW_ASSIGN_ACCOUNT_OWNER, NULL, "FR");
  add_rule (config, "fr-ben", LW_ASSIGN_OWNER, "ben", "FR");
  add_rule (config, "es", LW_ASSIGN_ACCOUNT_OWNER, NULL, "ES");
  add_rule (config, "it", LW_ASSIGN_ACCOUNT_OWNER, NULL, "IT");
  rule = add_rule (config, "jp", LW_ASSIGN_TERRITORY, NULL, "JP");
  rule->property = g_strdup ("city");
  add_territory (rule, "Tokyo", "ana");
  rule = add_rule (config, "de-map", LW_ASSIGN_TERRITORY, NULL, "DE");
  rule->property = g_strdup ("city");
  add_territory (rule, "Berlin", "ana");
  rule = add_rule (config, "it-map", LW_ASSIGN_TERRITORY, NULL, "IT");
  rule->property = g_strdup ("city");
  add_territory (rule, "Rome", "ana");
  config->fallback.owner = g_strdup ("ana");

  g_assert_true (lw_config_bind (config, diagnostics));
  return g_steal_pointer (&config);
}

static void
test_route_fallback_reasons (void)
{
  g_autoptr(LwConfig) config = fallback_config ();
  g_autoptr(LwRoutingState) state = lw_routing_state_new (config);
  struct {
    const char       *pairs[3];
    gboolean          fallback;
    LwFallbackReason  reason;
  } cases[] = {
    { { "country=US", NULL, NULL }, TRUE, LW_FALLBACK_NO_MATCH },
    { { NULL, NULL, NULL }, TRUE, LW_FALLBACK_NO_MATCH },
    /* Ben is inactive, and the map has no Munich: nobody says more. */
    { { "country=DE", "city=Munich", NULL }, TRUE, LW_FALLBACK_NOBODY },
    /* ... and when the map has the city, the lead is not at the fallback. */
    { { "country=DE", "city=Berlin", NULL }, FALSE, LW_FALLBACK_NONE },
    /* No account, then nobody: nobody. */
    { { "country=FR", "email=jo@initech.com", NULL }, TRUE, LW_FALLBACK_NOBODY },
    { { "country=FR", "email=jo@acme.com", NULL }, FALSE, LW_FALLBACK_NONE },
    /* Only an account-owner rule matched. */
    { { "country=ES", "email=jo@initech.com", NULL }, TRUE, LW_FALLBACK_NO_ACCOUNT },
    { { "country=ES", NULL, NULL }, TRUE, LW_FALLBACK_NO_ACCOUNT },
    /* No account, then no territory: no territory. */
    { { "country=IT", "email=jo@initech.com", "city=Milan" }, TRUE, LW_FALLBACK_NO_TERRITORY },
    { { "country=IT", "email=jo@initech.com", "city=Rome" }, FALSE, LW_FALLBACK_NONE },
    { { "country=JP", "city=Osaka", NULL }, TRUE, LW_FALLBACK_NO_TERRITORY },
    { { "country=JP", "city=Tokyo", NULL }, FALSE, LW_FALLBACK_NONE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    for (guint explain = 0; explain < 2; explain++)
      {
        g_autoptr(LwLead) lead = lw_test_lead (config, cases[i].pairs[0], cases[i].pairs[1],
                                               cases[i].pairs[2], NULL);
        g_auto(LwRoute) route = { 0 };

        lw_route_lead (config, lead, lw_test_time (TUESDAY), state, explain, &route);
        g_assert_cmpstr (route.owner->id, ==, "ana");
        g_assert_cmpint (route.fallback, ==, cases[i].fallback);
        g_assert_cmpint (route.fallback_reason, ==, cases[i].reason);
        lw_route_clear (&route);
        g_assert_cmpint (route.fallback_reason, ==, LW_FALLBACK_NONE);
      }
}

static void
test_reason_names (void)
{
  LwFallbackReason reason = LW_FALLBACK_NONE;

  g_assert_cmpstr (lw_fallback_reason_to_string (LW_FALLBACK_NOBODY), ==, "nobody");
  g_assert_cmpstr (lw_fallback_reason_to_string (LW_FALLBACK_NO_MATCH), ==, "no-match");
  g_assert_null (lw_fallback_reason_to_string (LW_N_FALLBACK_REASONS));
  g_assert_null (lw_fallback_reason_to_string ((LwFallbackReason) -1));
  for (guint i = 0; i < LW_N_FALLBACK_REASONS; i++)
    {
      g_assert_true (lw_fallback_reason_from_string (lw_fallback_reason_to_string (i), &reason));
      g_assert_cmpint (reason, ==, i);
    }
  reason = LW_FALLBACK_NOBODY;
  g_assert_false (lw_fallback_reason_from_string ("Nobody", &reason));
  g_assert_false (lw_fallback_reason_from_string ("", &reason));
  g_assert_false (lw_fallback_reason_from_string (NULL, &reason));
  g_assert_cmpint (reason, ==, LW_FALLBACK_NOBODY);
}

/* ---- the store -------------------------------------------------------------------------- */

static LwStore *
new_store (const char *name)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "views", NULL);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  LwStore *store;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  store = lw_store_open (path, &error);
  g_assert_no_error (error);
  return store;
}

/* The built-in sources (form, chat, import, integration, manual), two reps,
 * one stage. */
static gint64
begin_run (LwStore *store)
{
  g_autoptr(LwConfig) config = lw_config_new ();
  g_autoptr(GError) error = NULL;
  LwRunParams params = {
    .config = config,
    .seed = 1,
    .leads = 10,
    .days = 1,
    .sim_start = T0,
    .started_at = T0,
  };
  gint64 run;

  g_ptr_array_add (config->stages, lw_stage_new ("lead", "Lead"));
  g_ptr_array_add (config->reps, lw_rep_new ("ana", "Ana Silva"));
  g_ptr_array_add (config->reps, lw_rep_new ("ben", "Ben Ortiz"));
  config->fallback.owner = g_strdup ("ana");
  run = lw_store_begin_run (store, &params, &error);
  g_assert_no_error (error);
  g_assert_cmpint (run, >, 0);
  return run;
}

static LwStoredLead
stored_lead (guint32           id,
             const char       *region,
             const char       *segment,
             gboolean          fallback,
             LwFallbackReason  reason)
{
  LwStoredLead lead = { 0, };

  lead.id = id;
  lead.created_at = T0 + id;
  lead.source = id % 2;
  lead.region = region;
  lead.segment = segment;
  lead.stage = lead.max_stage = 0;
  lead.status = lead.rule = lead.pool = lead.policy = -1;
  lead.owner = lead.routed_rep = lead.sla_rep = fallback ? 0 : 1;
  lead.ttft = -1;
  lead.fallback = fallback;
  lead.fallback_reason = reason;
  return lead;
}

static void
test_store_fallback_reasons (void)
{
  g_autoptr(LwStore) store = new_store ("reasons.leadwright");
  g_autoptr(LwRoutingFigures) figures = NULL;
  g_autoptr(LwStoredLead) got = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  LwStoreFilter filter = LW_STORE_FILTER_INIT;
  gint64 run = begin_run (store);
  LwStoredLead leads[] = {
    stored_lead (1, "EMEA", "smb", TRUE, LW_FALLBACK_NO_MATCH),
    stored_lead (2, "EMEA", "smb", TRUE, LW_FALLBACK_NOBODY),
    stored_lead (3, "NA", "smb", TRUE, LW_FALLBACK_NOBODY),
    stored_lead (4, "NA", "enterprise", TRUE, LW_FALLBACK_NO_TERRITORY),
    stored_lead (5, "NA", "enterprise", FALSE, LW_FALLBACK_NONE),
    /* A reason on a lead not at the fallback means nothing: not kept. */
    stored_lead (6, "EMEA", "enterprise", FALSE, LW_FALLBACK_NO_ACCOUNT),
    /* At the fallback without a reason: as a run before reasons were kept. */
    stored_lead (7, "APAC", "smb", TRUE, LW_FALLBACK_NONE),
  };
  LwStoredLead bad = stored_lead (8, "EMEA", "smb", TRUE, LW_N_FALLBACK_REASONS);

  /* An unknown reason is refused, and nothing of the batch is written. */
  {
    LwStoredLead batch[2] = { leads[0], bad };

    g_assert_false (lw_store_append_leads (store, run, batch, 2, &error));
    g_assert_error (error, LW_STORE_ERROR, LW_STORE_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "fallback reason"));
    g_clear_error (&error);
  }
  got = lw_store_get_lead (store, run, 1, &error);
  g_assert_null (got);
  g_assert_error (error, LW_STORE_ERROR, LW_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (lw_store_append_leads (store, run, leads, G_N_ELEMENTS (leads), &error));
  g_assert_no_error (error);
  g_assert_true (lw_store_finish_run (store, run, LW_RUN_FINISHED, T0 + 60, NULL, &error));
  g_assert_no_error (error);

  got = lw_store_get_lead (store, run, 2, &error);
  g_assert_no_error (error);
  g_assert_true (got->fallback);
  g_assert_cmpint (got->fallback_reason, ==, LW_FALLBACK_NOBODY);
  g_clear_pointer (&got, lw_stored_lead_free);
  got = lw_store_get_lead (store, run, 6, &error);
  g_assert_false (got->fallback);
  g_assert_cmpint (got->fallback_reason, ==, LW_FALLBACK_NONE);
  g_clear_pointer (&got, lw_stored_lead_free);

  /* Leads 1, 2, 3, 4 and 7 are at the fallback: no match 1, nobody 2 and
   * 3, no territory 4, not recorded 7. */
  figures = lw_store_query_routing (store, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (figures->leads, ==, 7);
  g_assert_cmpuint (figures->fallback, ==, 5);
  g_assert_cmpuint (figures->fallback_reasons[LW_FALLBACK_NONE], ==, 1);
  g_assert_cmpuint (figures->fallback_reasons[LW_FALLBACK_NO_MATCH], ==, 1);
  g_assert_cmpuint (figures->fallback_reasons[LW_FALLBACK_NOBODY], ==, 2);
  g_assert_cmpuint (figures->fallback_reasons[LW_FALLBACK_NO_ACCOUNT], ==, 0);
  g_assert_cmpuint (figures->fallback_reasons[LW_FALLBACK_NO_TERRITORY], ==, 1);

  /* The report says so, in words and in JSON. */
  text = lw_routing_figures_format (figures);
  g_assert_nonnull (strstr (text, "At the fallback owner, because"));
  g_assert_nonnull (strstr (text, "a rule matched, nobody was available"));
  g_assert_null (strstr (text, "no account owner"));
  {
    g_autoptr(JsonNode) node = lw_routing_figures_to_json (figures);
    JsonObject *reasons = json_object_get_object_member (json_node_get_object (node), "fallbackReasons");

    g_assert_cmpint (json_object_get_int_member (reasons, "nobody"), ==, 2);
    g_assert_cmpint (json_object_get_int_member (reasons, "no-match"), ==, 1);
    g_assert_cmpint (json_object_get_int_member (reasons, "no-account"), ==, 0);
    g_assert_cmpint (json_object_get_int_member (reasons, "none"), ==, 1);
  }
  g_clear_pointer (&figures, lw_routing_figures_free);

  /* Filtered: NA has 3 (nobody) and 4 (no territory) at the fallback. */
  filter.region = "NA";
  figures = lw_store_query_routing (store, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (figures->fallback, ==, 2);
  g_assert_cmpuint (figures->fallback_reasons[LW_FALLBACK_NOBODY], ==, 1);
  g_assert_cmpuint (figures->fallback_reasons[LW_FALLBACK_NO_TERRITORY], ==, 1);
  g_assert_cmpuint (figures->fallback_reasons[LW_FALLBACK_NO_MATCH], ==, 0);
}

static void
test_filter_choices (void)
{
  g_autoptr(LwStore) store = new_store ("choices.leadwright");
  g_autoptr(LwFilterChoices) choices = NULL;
  g_autoptr(GError) error = NULL;
  LwStoredLead leads[] = {
    stored_lead (1, "NA", NULL, FALSE, LW_FALLBACK_NONE),
    stored_lead (2, "EMEA", "smb", FALSE, LW_FALLBACK_NONE),
    stored_lead (3, "NA", "enterprise", FALSE, LW_FALLBACK_NONE),
    stored_lead (4, NULL, "smb", FALSE, LW_FALLBACK_NONE),
  };
  gint64 first, second;

  /* No finished run yet. */
  choices = lw_store_query_filter_choices (store, 0, &error);
  g_assert_null (choices);
  g_assert_error (error, LW_STORE_ERROR, LW_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  first = begin_run (store);
  g_assert_true (lw_store_append_leads (store, first, leads, G_N_ELEMENTS (leads), &error));
  g_assert_true (lw_store_finish_run (store, first, LW_RUN_FINISHED, T0 + 60, NULL, &error));
  g_assert_no_error (error);

  /* A running run has its choices too, as they are now. */
  second = begin_run (store);
  g_assert_true (lw_store_append_leads (store, second, &leads[3], 1, &error));
  g_assert_no_error (error);
  choices = lw_store_query_filter_choices (store, second, &error);
  g_assert_no_error (error);
  g_assert_cmpint (choices->run, ==, second);
  g_assert_cmpuint (choices->regions->len, ==, 0);
  g_assert_cmpuint (choices->segments->len, ==, 1);
  g_clear_pointer (&choices, lw_filter_choices_free);

  /* Run 0: the latest finished run, the first. Regions and segments in
   * order of first appearance; sources are the options, by index. */
  choices = lw_store_query_filter_choices (store, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (choices->run, ==, first);
  g_assert_cmpuint (choices->sources->len, ==, 5);
  g_assert_cmpstr (g_array_index (choices->sources, LwFilterChoice, 0).id, ==, "form");
  g_assert_cmpstr (g_array_index (choices->sources, LwFilterChoice, 0).label, ==, "Form");
  g_assert_cmpstr (g_array_index (choices->sources, LwFilterChoice, 4).id, ==, "manual");
  g_assert_cmpuint (choices->regions->len, ==, 2);
  g_assert_cmpstr (g_array_index (choices->regions, LwFilterChoice, 0).id, ==, "NA");
  g_assert_cmpstr (g_array_index (choices->regions, LwFilterChoice, 0).label, ==, "NA");
  g_assert_cmpstr (g_array_index (choices->regions, LwFilterChoice, 1).id, ==, "EMEA");
  g_assert_cmpuint (choices->segments->len, ==, 2);
  g_assert_cmpstr (g_array_index (choices->segments, LwFilterChoice, 0).id, ==, "smb");
  g_assert_cmpstr (g_array_index (choices->segments, LwFilterChoice, 1).id, ==, "enterprise");
  g_clear_pointer (&choices, lw_filter_choices_free);

  /* Each choice selects what it says: EMEA is lead 2 only. */
  {
    g_autoptr(LwFunnel) funnel = NULL;
    LwStoreFilter filter = LW_STORE_FILTER_INIT;

    filter.region = "EMEA";
    funnel = lw_store_query_funnel (store, &filter, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (funnel->leads, ==, 1);
  }

  choices = lw_store_query_filter_choices (store, 999, &error);
  g_assert_null (choices);
  g_assert_error (error, LW_STORE_ERROR, LW_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  choices = lw_store_query_filter_choices (store, -1, &error);
  g_assert_null (choices);
  g_assert_error (error, LW_STORE_ERROR, LW_STORE_ERROR_INVALID);
}

/* ---- a simulated run ------------------------------------------------------------------- */

typedef struct
{
  guint64 fallback;
  guint64 reasons[LW_N_FALLBACK_REASONS];
} Tally;

static gboolean
tally_lead (const LwStoredLead  *lead,
            gpointer             user_data,
            GError             **error)
{
  Tally *tally = user_data;

  if (lead->fallback)
    tally->fallback++;
  g_assert_cmpint (lead->fallback_reason, >=, 0);
  g_assert_cmpint (lead->fallback_reason, <, LW_N_FALLBACK_REASONS);
  if (lead->fallback)
    tally->reasons[lead->fallback_reason]++;
  return TRUE;
}

static void
test_simulated_reasons (void)
{
  g_autoptr(LwConfig) config = lw_test_load_sample ();
  g_autofree char *scenario_path = lw_test_sample_path ("inbound-scenario.json");
  g_autofree char *scenario_json = NULL;
  g_autoptr(LwScenario) scenario = NULL;
  g_autoptr(LwSimulation) simulation = NULL;
  g_autoptr(LwStore) store = new_store ("simulated.leadwright");
  g_autoptr(LwRoutingFigures) figures = NULL;
  g_autoptr(GError) error = NULL;
  LwSimOptions options = LW_SIM_OPTIONS_INIT;
  LwStoreFilter filter = LW_STORE_FILTER_INIT;
  guint64 sum = 0;
  gint64 run = 0;

  g_file_get_contents (scenario_path, &scenario_json, NULL, &error);
  g_assert_no_error (error);
  scenario = lw_scenario_load_data (scenario_json, -1, scenario_path, NULL, &error);
  g_assert_no_error (error);
  options.leads = 3000;
  options.days = 10;
  options.seed = 11;
  simulation = lw_simulation_new (config, scenario, &options, &error);
  g_assert_no_error (error);
  g_assert_true (lw_simulate_into_store (store, simulation, scenario, 0, scenario_json, T0,
                                         NULL, NULL, NULL, &run, &error));
  g_assert_no_error (error);

  figures = lw_store_query_routing (store, &filter, &error);
  g_assert_no_error (error);
  /* The sample playbook sends some leads to its fallback: every one of
   * them has its reason recorded. */
  g_assert_cmpuint (figures->fallback, >, 0);
  g_assert_cmpuint (figures->fallback_reasons[LW_FALLBACK_NONE], ==, 0);
  for (guint i = 0; i < LW_N_FALLBACK_REASONS; i++)
    sum += figures->fallback_reasons[i];
  g_assert_cmpuint (sum, ==, figures->fallback);

  /* Lead by lead, the same. */
  for (guint32 id = 1; id <= 3000; id++)
    {
      g_autoptr(LwStoredLead) lead = lw_store_get_lead (store, run, id, NULL);

      if (lead == NULL)
        continue;
      if (lead->fallback)
        g_assert_cmpint (lead->fallback_reason, !=, LW_FALLBACK_NONE);
      else
        g_assert_cmpint (lead->fallback_reason, ==, LW_FALLBACK_NONE);
    }
  {
    Tally tally = { 0, };

    g_assert_true (lw_store_foreach_lead (store, run, NULL, tally_lead, &tally, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (tally.fallback, ==, figures->fallback);
    for (guint i = 0; i < LW_N_FALLBACK_REASONS; i++)
      g_assert_cmpuint (tally.reasons[i], ==, figures->fallback_reasons[i]);
  }
}

/* ---- text for people ------------------------------------------------------------ */

/* Counts are grouped as the locale groups them; the C locale groups by
 * threes with commas; percentages take the locale's decimal sign. */
static void
test_format_numbers (void)
{
  g_autofree char *c_count = lw_format_count (1234567);
  g_autofree char *c_small = lw_format_count (42);
  g_autofree char *c_percent = lw_format_percent (47.125);
  g_autofree char *none = lw_format_percent (-1);
  g_autofree char *nan_percent = lw_format_percent (NAN);

  g_assert_cmpstr (c_count, ==, "1,234,567");
  g_assert_cmpstr (c_small, ==, "42");
  g_assert_cmpstr (c_percent, ==, "47.1\u00a0%");
  g_assert_cmpstr (none, ==, "—");
  g_assert_cmpstr (nan_percent, ==, "—");

  if (!lw_test_use_comma_locale ())
    {
      g_test_skip ("no German locale");
      return;
    }
  {
    g_autofree char *de_count = lw_format_count (51415);
    g_autofree char *de_percent = lw_format_percent (47.125);

    /* 51.415 leads, not 51 and a fraction. */
    g_assert_cmpstr (de_count, ==, "51.415");
    g_assert_cmpstr (de_percent, ==, "47,1\u00a0%");
  }
  lw_test_reset_locale ();
}

/* A table row: the name left, the cells right, widths in characters (an
 * accented name is as wide as it looks), a long name cut with "…", no
 * trailing spaces. */
static void
test_text_rows (void)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const char *cells[2] = { "1,234", "7.0\u00a0%" };
  const char *none[1] = { "" };

  lw_text_append_row (out, "Zoë", 6, cells, 2, 7);
  lw_text_append_row (out, "Demo and contact-sales requests", 10, cells, 1, 7);
  lw_text_append_row (out, "Only", 6, none, 1, 7);
  g_assert_cmpstr (out->str, ==,
                   "  Zoë      1,234   7.0\u00a0%\n"
                   "  Demo and …   1,234\n"
                   "  Only\n");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/view-queries/route/fallback-reasons", test_route_fallback_reasons);
  g_test_add_func ("/view-queries/route/reason-names", test_reason_names);
  g_test_add_func ("/view-queries/store/fallback-reasons", test_store_fallback_reasons);
  g_test_add_func ("/view-queries/store/filter-choices", test_filter_choices);
  g_test_add_func ("/view-queries/simulated/fallback-reasons", test_simulated_reasons);
  g_test_add_func ("/view-queries/text/numbers", test_format_numbers);
  g_test_add_func ("/view-queries/text/rows", test_text_rows);
  return g_test_run ();
}
