/* lw-result-json.h: evaluator results as JSON, for `--json` and exports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "lw-config.h"
#include "lw-lifecycle.h"
#include "lw-routing.h"
#include "lw-scoring.h"
#include "lw-sla.h"

G_BEGIN_DECLS

JsonNode *lw_score_to_json      (const LwConfig        *config,
                                 const LwScore         *score,
                                 const LwStageDecision *stage);
JsonNode *lw_route_to_json      (const LwConfig        *config,
                                 const LwRoute         *route,
                                 const LwSlaTimes      *sla);
JsonNode *lw_diagnostics_to_json (GPtrArray            *diagnostics);
char     *lw_json_to_string     (JsonNode              *node,
                                 gboolean               pretty);

G_END_DECLS
