/* test-sim-settings.c: the scenario and run settings a workspace keeps
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "lw-sim-settings.h"
#include "lw-test-utils.h"

typedef struct
{
  char    *dir;
  char    *path;
  LwStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("lw-test-sim-settings-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "w.leadwright", NULL);
  f->store = lw_store_open (f->path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_pointer (&f->store, lw_store_unref);
  dir = g_dir_open (f->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (f->dir, name, NULL);

      g_unlink (file);
    }
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static void
reopen (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&f->store, lw_store_unref);
  f->store = lw_store_open (f->path, &error);
  g_assert_no_error (error);
}

/* ---- settings ------------------------------------------------------------------------------- */

static void
test_settings_defaults (Fixture       *f,
                        gconstpointer  data)
{
  LwSimSettings settings = { 99, 99, 99 };
  g_autoptr(GError) error = NULL;

  g_assert_true (lw_sim_settings_load (f->store, &settings, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (settings.seed, ==, 1);
  g_assert_cmpfloat (settings.speed, ==, 0);
  g_assert_cmpuint (settings.what_if_leads, ==, 100000);
}

static void
test_settings_round_trip (Fixture       *f,
                          gconstpointer  data)
{
  LwSimSettings settings = { LW_SIM_MAX_SEED, 3600, 10000 };
  LwSimSettings read = LW_SIM_SETTINGS_INIT;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = lw_sim_settings_to_json (&settings);
  g_autofree char *kept = NULL;

  g_assert_cmpstr (json, ==, "{\"seed\": 9007199254740992, \"speed\": 3600, \"whatIfLeads\": 10000}");
  g_assert_true (lw_sim_settings_save (f->store, &settings, &error));
  g_assert_no_error (error);

  /* Kept in the file: another connection, later, reads the same. */
  reopen (f);
  kept = lw_store_dup_meta (f->store, LW_SIM_SETTINGS_META, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kept, ==, json);
  g_assert_true (lw_sim_settings_load (f->store, &read, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (read.seed, ==, G_GUINT64_CONSTANT (9007199254740992));
  g_assert_cmpfloat (read.speed, ==, 3600);
  g_assert_cmpuint (read.what_if_leads, ==, 10000);

  /* A fractional speed keeps every digit: a day per minute. */
  settings.speed = 86400.0 / 60 / 7;
  g_assert_true (lw_sim_settings_save (f->store, &settings, &error));
  g_assert_true (lw_sim_settings_load (f->store, &read, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (read.speed, ==, 86400.0 / 60 / 7);

  /* Members left out keep their defaults. */
  g_assert_true (lw_sim_settings_from_json ("{\"speed\": 60}", &read, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (read.seed, ==, 1);
  g_assert_cmpfloat (read.speed, ==, 60);
  g_assert_cmpuint (read.what_if_leads, ==, 100000);
}

static void
test_settings_bad_json (void)
{
  static const struct { const char *json; const char *message; } cases[] = {
    { "{\"seed\": -1}", "$.seed: must be between 0 and 9007199254740992" },
    { "{\"seed\": 1.5}", "$.seed: must be a whole number" },
    { "{\"seed\": 9007199254740994}", "$.seed: must be between 0 and" },
    { "{\"speed\": \"fast\"}", "$.speed: expected a number" },
    { "{\"speed\": -3600}", "$.speed: must be at least 0" },
    { "{\"speed\": null}", "$.speed: expected a number" },
    { "{\"whatIfLeads\": 999}", "$.whatIfLeads: must be between 1000 and 1000000" },
    { "{\"whatIfLeads\": 1000001}", "$.whatIfLeads: must be between 1000 and 1000000" },
    { "{\"whatIfLeads\": true}", "$.whatIfLeads: expected a number" },
    { "{\"seed\": 1, \"colour\": \"red\"}", "$.colour: unknown member" },
    { "[1, 2]", "$: the simulation settings must be a JSON object" },
    { "{\"seed\": ", "not JSON" },
    { "{\"seed\": 1}\xff", "not JSON" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      LwSimSettings settings = { 7, 8, 9000 };
      g_autoptr(GError) error = NULL;
      g_autofree char *shown = g_strescape (cases[i].json, NULL);

      /* Escaped: TAP output is UTF-8, and a case is not. */
      g_test_message ("%s", shown);
      g_assert_false (lw_sim_settings_from_json (cases[i].json, &settings, &error));
      g_assert_error (error, LW_STORE_ERROR, LW_STORE_ERROR_CORRUPT);
      g_assert_nonnull (strstr (error->message, cases[i].message));
      /* Nothing half-read. */
      g_assert_cmpuint (settings.seed, ==, 7);
      g_assert_cmpfloat (settings.speed, ==, 8);
      g_assert_cmpuint (settings.what_if_leads, ==, 9000);
    }
}

static void
test_settings_bad_kept (Fixture       *f,
                        gconstpointer  data)
{
  LwSimSettings settings = LW_SIM_SETTINGS_INIT;
  LwSimSettings bad = { 1, -1, 100000 };
  g_autoptr(GError) error = NULL;
  g_autofree char *kept = NULL;

  /* A damaged value is an error, not silently the defaults. */
  g_assert_true (lw_store_set_meta (f->store, LW_SIM_SETTINGS_META, "{\"speed\": -3}", &error));
  g_assert_false (lw_sim_settings_load (f->store, &settings, &error));
  g_assert_error (error, LW_STORE_ERROR, LW_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "$.speed"));
  g_clear_error (&error);

  /* Out of range is refused, and what was kept stays. */
  g_assert_false (lw_sim_settings_save (f->store, &bad, &error));
  g_assert_error (error, LW_STORE_ERROR, LW_STORE_ERROR_INVALID);
  g_clear_error (&error);
  bad.speed = 0;
  bad.what_if_leads = 999;
  g_assert_false (lw_sim_settings_save (f->store, &bad, &error));
  g_assert_error (error, LW_STORE_ERROR, LW_STORE_ERROR_INVALID);
  g_clear_error (&error);
  bad.what_if_leads = 1000;
  bad.seed = LW_SIM_MAX_SEED + 1;
  g_assert_false (lw_sim_settings_save (f->store, &bad, &error));
  g_assert_error (error, LW_STORE_ERROR, LW_STORE_ERROR_INVALID);
  g_clear_error (&error);
  kept = lw_store_dup_meta (f->store, LW_SIM_SETTINGS_META, &error);
  g_assert_cmpstr (kept, ==, "{\"speed\": -3}");
}

/* ---- the scenario ---------------------------------------------------------------------------- */

static void
test_scenario_round_trip (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwScenario) none = NULL;
  g_autoptr(LwScenario) sample = NULL;
  g_autoptr(LwScenario) read = NULL;
  g_autofree char *sample_json = NULL;
  g_autofree char *canonical = NULL;
  g_autofree char *read_json = NULL;
  g_autofree char *path = lw_test_sample_path ("inbound-scenario.json");
  g_autofree char *file_text = NULL;

  /* None kept yet. */
  none = lw_sim_scenario_load (f->store, NULL, &error);
  g_assert_null (none);
  g_assert_error (error, LW_STORE_ERROR, LW_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* The default is the sample, as written. */
  sample = lw_sim_scenario_load_default (&sample_json, &error);
  g_assert_no_error (error);
  g_assert_nonnull (sample);
  g_assert_true (g_file_get_contents (path, &file_text, NULL, NULL));
  g_assert_cmpstr (sample_json, ==, file_text);
  g_assert_cmpstr (sample->name, ==, "B2B SaaS inbound");

  /* Edited, kept, and read back after a restart: the same canonical text. */
  sample->leads = 1234;
  sample->days = 9;
  ((LwEntryPoint *) g_ptr_array_index (sample->entry_points, 0))->share = 42.5;
  g_assert_true (lw_sim_scenario_save (f->store, sample, &error));
  g_assert_no_error (error);
  reopen (f);
  read = lw_sim_scenario_load (f->store, &read_json, &error);
  g_assert_no_error (error);
  g_assert_nonnull (read);
  canonical = lw_scenario_to_data (sample, NULL);
  g_assert_cmpstr (read_json, ==, canonical);
  g_assert_cmpuint (read->leads, ==, 1234);
  g_assert_cmpuint (read->days, ==, 9);
  g_assert_cmpfloat (((LwEntryPoint *) g_ptr_array_index (read->entry_points, 0))->share, ==, 42.5);
}

static void
test_scenario_bad_kept (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwScenario) read = NULL;
  char *json = NULL;

  g_assert_true (lw_store_set_meta (f->store, LW_SIM_SCENARIO_META,
                                    "{\"format\": \"leadwright-scenario\", \"version\": 1,\n"
                                    " \"leads\": -5}",
                                    &error));
  read = lw_sim_scenario_load (f->store, &json, &error);
  g_assert_null (read);
  g_assert_null (json);
  g_assert_error (error, LW_SCENARIO_ERROR, LW_SCENARIO_ERROR_INVALID);
  /* Located: the line and column of the value, and its path. */
  g_assert_nonnull (strstr (error->message, ":2:"));
  g_assert_nonnull (strstr (error->message, "$.leads"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/sim-settings/settings/defaults", Fixture, NULL, fixture_set_up,
              test_settings_defaults, fixture_tear_down);
  g_test_add ("/sim-settings/settings/round-trip", Fixture, NULL, fixture_set_up,
              test_settings_round_trip, fixture_tear_down);
  g_test_add_func ("/sim-settings/settings/bad-json", test_settings_bad_json);
  g_test_add ("/sim-settings/settings/bad-kept", Fixture, NULL, fixture_set_up,
              test_settings_bad_kept, fixture_tear_down);
  g_test_add ("/sim-settings/scenario/round-trip", Fixture, NULL, fixture_set_up,
              test_scenario_round_trip, fixture_tear_down);
  g_test_add ("/sim-settings/scenario/bad-kept", Fixture, NULL, fixture_set_up,
              test_scenario_bad_kept, fixture_tear_down);
  return g_test_run ();
}
