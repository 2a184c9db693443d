/* lw-sim-settings.c: the scenario and run settings a workspace keeps
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "lw-sim-settings.h"
#include "lw-simulator.h"

/* ---- settings ------------------------------------------------------------------------------- */

char *
lw_sim_settings_to_json (const LwSimSettings *settings)
{
  char speed[G_ASCII_DTOSTR_BUF_SIZE];

  g_return_val_if_fail (settings != NULL, NULL);

  g_ascii_formatd (speed, sizeof speed, "%.17g", settings->speed);
  return g_strdup_printf ("{\"seed\": %" G_GUINT64_FORMAT ", \"speed\": %s, \"whatIfLeads\": %u}",
                          settings->seed, speed, settings->what_if_leads);
}

static gboolean
read_member (JsonObject  *object,
             const char  *member,
             double       min,
             double       max,
             gboolean     whole,
             double      *out,
             GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);
  double value;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) ||
      (json_node_get_value_type (node) != G_TYPE_INT64 && json_node_get_value_type (node) != G_TYPE_DOUBLE))
    {
      /* translators: %s is a JSON member ("seed") */
      g_set_error (error, LW_STORE_ERROR, LW_STORE_ERROR_CORRUPT, _("$.%s: expected a number"),
                   member);
      return FALSE;
    }
  value = json_node_get_double (node);
  if (!isfinite (value) || value < min || value > max)
    {
      char low[G_ASCII_DTOSTR_BUF_SIZE];
      char high[G_ASCII_DTOSTR_BUF_SIZE];

      g_ascii_formatd (low, sizeof low, "%.17g", min);
      g_ascii_formatd (high, sizeof high, "%.17g", max);
      if (max >= G_MAXDOUBLE)
        /* translators: a JSON member ("speed"), then the smallest value allowed */
        g_set_error (error, LW_STORE_ERROR, LW_STORE_ERROR_CORRUPT, _("$.%s: must be at least %s"),
                     member, low);
      else
        /* translators: a JSON member ("seed"), then the smallest and largest values allowed */
        g_set_error (error, LW_STORE_ERROR, LW_STORE_ERROR_CORRUPT, _("$.%s: must be between %s and %s"),
                     member, low, high);
      return FALSE;
    }
  if (whole && value != floor (value))
    {
      /* translators: %s is a JSON member ("seed") */
      g_set_error (error, LW_STORE_ERROR, LW_STORE_ERROR_CORRUPT, _("$.%s: must be a whole number"),
                   member);
      return FALSE;
    }
  *out = value;
  return TRUE;
}

gboolean
lw_sim_settings_from_json (const char     *json,
                           LwSimSettings  *settings,
                           GError        **error)
{
  static const char * const members[] = { "seed", "speed", "whatIfLeads", NULL };
  LwSimSettings read = LW_SIM_SETTINGS_INIT;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GList) names = NULL;
  JsonObject *object;
  double seed = (double) read.seed, speed = read.speed, leads = read.what_if_leads;

  g_return_val_if_fail (json != NULL, FALSE);
  g_return_val_if_fail (settings != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!g_utf8_validate (json, -1, NULL) || !json_parser_load_from_data (parser, json, -1, &local_error))
    {
      /* translators: %s is the parser's message */
      g_set_error (error, LW_STORE_ERROR, LW_STORE_ERROR_CORRUPT,
                   _("The simulation settings are not JSON: %s"),
                   local_error != NULL ? local_error->message : _("invalid UTF-8"));
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, LW_STORE_ERROR, LW_STORE_ERROR_CORRUPT,
                   _("$: the simulation settings must be a JSON object"));
      return FALSE;
    }
  object = json_node_get_object (json_parser_get_root (parser));
  names = json_object_get_members (object);
  for (GList *l = names; l != NULL; l = l->next)
    if (!g_strv_contains (members, l->data))
      {
        /* translators: %s is a JSON member name */
        g_set_error (error, LW_STORE_ERROR, LW_STORE_ERROR_CORRUPT,
                     _("$.%s: unknown member (expected seed, speed or whatIfLeads)"),
                     (const char *) l->data);
        return FALSE;
      }

  if (!read_member (object, "seed", 0, (double) LW_SIM_MAX_SEED, TRUE, &seed, error) ||
      !read_member (object, "speed", 0, G_MAXDOUBLE, FALSE, &speed, error) ||
      !read_member (object, "whatIfLeads", LW_WHAT_IF_MIN_LEADS, LW_WHAT_IF_MAX_LEADS, TRUE,
                    &leads, error))
    return FALSE;

  settings->seed = (guint64) seed;
  settings->speed = speed;
  settings->what_if_leads = (guint) leads;
  return TRUE;
}

gboolean
lw_sim_settings_load (LwStore        *store,
                      LwSimSettings  *settings,
                      GError        **error)
{
  LwSimSettings defaults = LW_SIM_SETTINGS_INIT;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *json = NULL;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (settings != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  json = lw_store_dup_meta (store, LW_SIM_SETTINGS_META, &local_error);
  if (json == NULL)
    {
      if (!g_error_matches (local_error, LW_STORE_ERROR, LW_STORE_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      *settings = defaults;
      return TRUE;
    }
  return lw_sim_settings_from_json (json, settings, error);
}

gboolean
lw_sim_settings_save (LwStore              *store,
                      const LwSimSettings  *settings,
                      GError              **error)
{
  g_autofree char *json = NULL;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (settings != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (settings->seed > LW_SIM_MAX_SEED || !isfinite (settings->speed) || settings->speed < 0 ||
      settings->what_if_leads < LW_WHAT_IF_MIN_LEADS || settings->what_if_leads > LW_WHAT_IF_MAX_LEADS)
    {
      g_set_error (error, LW_STORE_ERROR, LW_STORE_ERROR_INVALID,
                   _("The simulation settings are out of range"));
      return FALSE;
    }
  json = lw_sim_settings_to_json (settings);
  return lw_store_set_meta (store, LW_SIM_SETTINGS_META, json, error);
}

/* ---- the scenario ------------------------------------------------------------------------------ */

LwScenario *
lw_sim_scenario_load (LwStore  *store,
                      char    **json,
                      GError  **error)
{
  g_autofree char *text = NULL;
  LwScenario *scenario;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  text = lw_store_dup_meta (store, LW_SIM_SCENARIO_META, error);
  if (text == NULL)
    return NULL;
  scenario = lw_scenario_load_data (text, -1, _("the workspace’s scenario"), NULL, error);
  if (scenario != NULL && json != NULL)
    *json = g_steal_pointer (&text);
  return scenario;
}

gboolean
lw_sim_scenario_save (LwStore           *store,
                      const LwScenario  *scenario,
                      GError           **error)
{
  g_autofree char *json = NULL;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (scenario != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  json = lw_scenario_to_data (scenario, NULL);
  return lw_store_set_meta (store, LW_SIM_SCENARIO_META, json, error);
}

LwScenario *
lw_sim_scenario_load_default (char   **json,
                              GError **error)
{
  const char *dirs[] = { g_getenv ("LW_SAMPLES_DIR"), PKGDATADIR "/samples", SOURCE_SAMPLES_DIR };

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      g_autofree char *path = NULL;
      g_autofree char *text = NULL;
      LwScenario *scenario;

      if (dirs[i] == NULL || dirs[i][0] == '\0')
        continue;
      path = g_build_filename (dirs[i], "inbound-scenario.json", NULL);
      if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
        continue;
      if (!g_file_get_contents (path, &text, NULL, error))
        return NULL;
      scenario = lw_scenario_load_data (text, -1, path, NULL, error);
      if (scenario != NULL && json != NULL)
        *json = g_steal_pointer (&text);
      return scenario;
    }

  g_set_error (error, LW_STORE_ERROR, LW_STORE_ERROR_NOT_FOUND,
               _("The sample scenario inbound-scenario.json was not found; "
                 "set LW_SAMPLES_DIR to the folder that holds it"));
  return NULL;
}
