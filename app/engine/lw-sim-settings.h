/* lw-sim-settings.h: the scenario and run settings a workspace keeps
 *
 * What the Simulate page edits survives a restart in the workspace file,
 * as metadata (lw_store_set_meta()): the scenario's canonical JSON
 * (lw_scenario_to_data()) under "scenario", and the settings of runs
 * that are not part of a scenario (the seed, fastest or paced, the size
 * of what-if re-runs) as a small JSON object under "simulation":
 *
 *   {"seed": 1, "speed": 3600, "whatIfLeads": 100000}
 *
 * Both are read back strictly: a kept text that does not load is an error
 * that says where, never silently replaced by defaults.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "lw-scenario.h"
#include "lw-store.h"

G_BEGIN_DECLS

#define LW_SIM_SETTINGS_META  "simulation"
#define LW_SIM_SCENARIO_META  "scenario"

/* The bounds of what-if re-runs. */
#define LW_WHAT_IF_MIN_LEADS      1000
#define LW_WHAT_IF_MAX_LEADS      1000000
#define LW_WHAT_IF_DEFAULT_LEADS  100000

typedef struct
{
  guint64 seed;            /* at most 2^53, so that JSON keeps it exact */
  double  speed;           /* 0: as fast as possible; else simulated
                            * seconds per wall-clock second (paced) */
  guint   what_if_leads;   /* LW_WHAT_IF_MIN_LEADS to LW_WHAT_IF_MAX_LEADS */
} LwSimSettings;

#define LW_SIM_SETTINGS_INIT { 1, 0.0, LW_WHAT_IF_DEFAULT_LEADS }
#define LW_SIM_MAX_SEED      (G_GUINT64_CONSTANT (1) << 53)

/* {"seed": 1, "speed": 0, "whatIfLeads": 100000} */
char        *lw_sim_settings_to_json    (const LwSimSettings *settings);
/* Reads what lw_sim_settings_to_json() writes; members left out keep
 * their defaults. An unknown member, a wrong type or a value out of range
 * fails with LW_STORE_ERROR_CORRUPT naming the member ("$.speed: must be
 * at least 0"). */
gboolean     lw_sim_settings_from_json  (const char          *json,
                                         LwSimSettings       *settings,
                                         GError             **error);
/* The settings kept in @store; the defaults when none are. */
gboolean     lw_sim_settings_load       (LwStore             *store,
                                         LwSimSettings       *settings,
                                         GError             **error);
gboolean     lw_sim_settings_save       (LwStore             *store,
                                         const LwSimSettings *settings,
                                         GError             **error);

/* The scenario kept in @store and (optional) its JSON text. NULL with
 * LW_STORE_ERROR_NOT_FOUND when none is kept; a kept text that does not
 * load gives its located error (LW_SCENARIO_ERROR). */
LwScenario  *lw_sim_scenario_load       (LwStore             *store,
                                         char               **json,
                                         GError             **error);
/* Keeps @scenario (its canonical JSON) in @store, in one transaction. */
gboolean     lw_sim_scenario_save       (LwStore             *store,
                                         const LwScenario    *scenario,
                                         GError             **error);
/* The scenario a workspace simulates until it keeps its own: the sample
 * inbound-scenario.json, looked up in $LW_SAMPLES_DIR, the installed
 * samples, then the source tree. */
LwScenario  *lw_sim_scenario_load_default (char             **json,
                                           GError           **error);

G_END_DECLS
