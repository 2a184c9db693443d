/* lw-scenario-editor.h: the scenario of a workspace, edited as preferences
 *
 * Preference groups over the workspace's scenario draft (lw-sim-context.h):
 * leads, days and seed; an expander per entry point with its share of the
 * arrivals, intent, source and free-email share; an expander per
 * attribute mix (the categorical distribution of an enum property) with
 * its weights; and the reps' response times, the default and per team and
 * per rep. Every change goes to the draft at once; each problem of the
 * draft shows at the row it concerns, in place of the row's subtitle.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lw-workspace.h"

G_BEGIN_DECLS

#define LW_TYPE_SCENARIO_EDITOR (lw_scenario_editor_get_type ())
G_DECLARE_FINAL_TYPE (LwScenarioEditor, lw_scenario_editor, LW, SCENARIO_EDITOR, GtkWidget)

GtkWidget  *lw_scenario_editor_new          (LwWorkspace      *workspace);
/* The row that shows the problems of @path ("$.entryPoints[2].share"): the
 * row of that path or of the nearest path above it; NULL when none. */
GtkWidget  *lw_scenario_editor_find_row     (LwScenarioEditor *self,
                                             const char       *path);
/* Opens the expanders around the row of @path and gives it the focus. */
void        lw_scenario_editor_reveal       (LwScenarioEditor *self,
                                             const char       *path);

G_END_DECLS
