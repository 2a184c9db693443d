/* lw-lint.h: checks beyond validity
 *
 * Warnings about a valid rule set that will not behave as its author
 * expects: routing rules no lead can reach because earlier rules take all
 * their leads (exact over enum and boolean properties), segments that reach
 * only the fallback owner, an MQL threshold no lead can reach after caps,
 * stages no lead can enter, SLA policies that never apply, pools with no
 * active member, reps with no working hours. Each is located by JSON path.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "lw-config.h"

G_BEGIN_DECLS

/* Adds a LW_SEVERITY_WARNING diagnostic per finding. @config must be bound
 * without errors. */
void      lw_lint_config   (const LwConfig *config,
                            GPtrArray      *diagnostics);

/* Whether routing rule @index can never assign because earlier rules take
 * every lead it matches (what the routing editor marks). */
gboolean  lw_lint_rule_is_shadowed (const LwConfig *config,
                                    guint           index);

G_END_DECLS
