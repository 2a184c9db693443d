/* lw-sim-context.h: the scenario and run settings of a workspace, shared
 *
 * One per workspace (lw_sim_context_get()), shared by the Simulate page,
 * which edits them, and the what-if panel, which re-runs the scenario.
 * It holds the last valid scenario (immutable: worker threads may hold a
 * reference) with its canonical JSON, and the run settings; both are kept
 * in the workspace file (lw-sim-settings.h) when the workspace has one,
 * else in memory. ::changed says that either changed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "lw-scenario.h"
#include "lw-sim-settings.h"
#include "lw-workspace.h"

G_BEGIN_DECLS

#define LW_TYPE_SIM_CONTEXT (lw_sim_context_get_type ())
G_DECLARE_FINAL_TYPE (LwSimContext, lw_sim_context, LW, SIM_CONTEXT, GObject)

/* The context of @workspace, made (and read from its file) on first use. */
LwSimContext        *lw_sim_context_get               (LwWorkspace         *workspace);

/* The scenario runs use; NULL only when none could be loaded (see
 * lw_sim_context_get_problem()). */
LwScenario          *lw_sim_context_get_scenario      (LwSimContext        *self);
const char          *lw_sim_context_get_scenario_json (LwSimContext        *self);
/* Makes @scenario (valid; the context keeps a reference and never changes
 * it) the workspace's scenario and keeps it in the file. FALSE with
 * @error when writing failed (the scenario is used all the same). */
gboolean             lw_sim_context_set_scenario      (LwSimContext        *self,
                                                       LwScenario          *scenario,
                                                       GError             **error);

const LwSimSettings *lw_sim_context_get_settings      (LwSimContext        *self);
gboolean             lw_sim_context_set_settings      (LwSimContext        *self,
                                                       const LwSimSettings *settings,
                                                       GError             **error);

/* Why the kept scenario or settings could not be read (the sample or the
 * defaults are used instead), or NULL. */
const char          *lw_sim_context_get_problem       (LwSimContext        *self);

/* ---- editing --------------------------------------------------------------
 *
 * The Simulate page edits a draft of the scenario in place: it may be
 * invalid for a while (the admin is halfway through a change). After each
 * change, lw_sim_context_draft_changed() checks it (the scenario format,
 * then whether it fits the current rules, lw_simulation_new()); when it
 * passes, it becomes the scenario (a copy) and is kept. The draft is
 * checked again when the rules change. Main thread only; the draft is
 * never handed to a worker. */

LwScenario          *lw_sim_context_get_draft         (LwSimContext        *self);
void                 lw_sim_context_draft_changed     (LwSimContext        *self);
/* Makes @draft (transfer full) the draft, as an import does; emits
 * ::draft-replaced, then checks it. */
void                 lw_sim_context_replace_draft     (LwSimContext        *self,
                                                       LwScenario          *draft);
/* The draft's problems (LwDiagnostic, errors, each with the JSON path it
 * concerns, "$" when none is known); empty when it is the scenario.
 * ::problems-changed says they changed. */
GPtrArray           *lw_sim_context_get_problems      (LwSimContext        *self);
/* What a run of the scenario would leave out (LwDiagnostic, warnings with
 * the JSON path they concern, lw_simulation_get_warnings()): they do not
 * stop a run. Empty while the draft has problems; ::problems-changed says
 * they changed. */
GPtrArray           *lw_sim_context_get_warnings      (LwSimContext        *self);

/* ---- worker threads -------------------------------------------------------
 *
 * A simulation keeps a core busy for as long as it runs; the main loop must
 * still get the CPU at once when it has something to draw. A worker thread
 * that simulates lowers its own scheduling priority (nice 10: the main
 * thread then gets most of a core it shares with it) and, done, puts it
 * back where the system lets it (raising a priority again may need a
 * privilege: a pool thread then stays low, which only background work
 * sees). Threads it starts inherit the lowered priority. */

int                  lw_sim_thread_lower_priority     (void);
void                 lw_sim_thread_restore_priority   (int                  saved);

G_END_DECLS
