/* lw-scenario-editor.h: the scenario of a workspace, edited as preferences
 *
 * Preference groups over the workspace's scenario draft (lw-sim-context.h):
 * leads, days and seed; an expander per entry point with its share of the
 * arrivals, intent, source, free-email share and arrival rhythm (hourly
 * and weekly bars to drag, lw-rhythm-editor.h, with presets); an expander
 * per attribute mix: the weights of an enum property, the weights of each
 * branch of a conditional mix, a numeric distribution (shape, parameters,
 * bounds, rounding), the bands of a property derived from a number (value
 * and bound of each, added and removed) or the words of a name list and
 * its separator; each entry point's own mixes (added, edited, removed);
 * the kinds of email address and the free-mail and competitor domains
 * (added, removed, weighted); the activity each arrival does; each
 * activity's probability by intent, history, count and delays; the reps'
 * response times (the default, per team and per rep), working-hours
 * adherence, days off and factor by intent; and the conversion model, its
 * speed-to-lead curve drawn (lw-speed-curve.h) over the half-life and
 * floor, each step's rate by intent and own floor, how long each step
 * takes and the rules' status each step sets. Expanders sum up what they
 * hold in their subtitle; the rows inside most of them are built when
 * they are first opened, revealed or looked up.
 * Every change goes to the draft at once; each problem of the draft shows
 * at the row it concerns, in place of the row's subtitle. Input the draft
 * cannot hold (an empty or repeated domain) shows the same way at its row
 * and is not kept.
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
 * row of that path or of the nearest path above it; NULL when none. A row
 * inside an expander not opened yet is built first. */
GtkWidget  *lw_scenario_editor_find_row     (LwScenarioEditor *self,
                                             const char       *path);
/* Opens the expanders around the row of @path and gives it the focus. */
void        lw_scenario_editor_reveal       (LwScenarioEditor *self,
                                             const char       *path);

G_END_DECLS
