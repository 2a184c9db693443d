/* lw-sim-store.h: a simulation run written to a workspace
 *
 * The one place where the simulator's batches become store rows, for the
 * CLI and the GUI alike.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lw-simulator.h"
#include "lw-store.h"

G_BEGIN_DECLS

/* Records a run in @store (the rule set as revision @revision, 0 when
 * unsaved), simulates it into the store batch by batch and finishes it as
 * finished, cancelled (G_IO_ERROR_CANCELLED is returned) or failed. The
 * run is never left "running". @scenario is the one @simulation was made
 * with; @started_at is the wall clock. @run receives the run's id as soon
 * as it exists (also when the run then fails). A fast run (no pacing) is
 * written by a second thread while it simulates, so it keeps up to two
 * cores busy; @store must not be used by anyone else until this returns. */
gboolean  lw_simulate_into_store (LwStore           *store,
                                  LwSimulation      *simulation,
                                  const LwScenario  *scenario,
                                  gint64             revision,
                                  const char        *scenario_json,
                                  LwTime             started_at,
                                  GCancellable      *cancellable,
                                  LwSimProgressFunc  progress,
                                  gpointer           progress_data,
                                  gint64            *run,
                                  GError           **error);
/* The same, handing each batch to @tap as well (an alert source follows a
 * paced run this way): a batch of leads once the store has it and every
 * event before them; a batch of events, in a fast run, possibly before the
 * store has it (a fast run is written by a second thread). *@run holds the
 * run's id before the first batch. A tap callback that fails stops the
 * run. */
gboolean  lw_simulate_into_store_tapped (LwStore           *store,
                                         LwSimulation      *simulation,
                                         const LwScenario  *scenario,
                                         gint64             revision,
                                         const char        *scenario_json,
                                         LwTime             started_at,
                                         const LwSimSink   *tap,
                                         GCancellable      *cancellable,
                                         LwSimProgressFunc  progress,
                                         gpointer           progress_data,
                                         gint64            *run,
                                         GError           **error);

G_END_DECLS
