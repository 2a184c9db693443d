/* lw-simulator-private.h: for the engine's tests only
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lw-simulator.h"

G_BEGIN_DECLS

/* The timer queue's buckets: at least 2^@min_bucket_shift simulated
 * seconds wide, at most @max_buckets of them (one: a plain binary heap).
 * Any shape gives the same run; tests check that it does. Before
 * lw_simulation_run(). */
void _lw_simulation_set_queue_shape (LwSimulation *sim,
                                     guint         min_bucket_shift,
                                     guint         max_buckets);

G_END_DECLS
