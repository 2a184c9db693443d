/* lw-rhythm-editor.h: an arrival rhythm drawn as bars, edited by dragging them
 *
 * Relative arrival weights by local hour (24 bars, 00 to 23) or by weekday
 * (7 bars, Monday first), as an entry point of a scenario has them
 * (lw-scenario.h). A press or a drag sets the bars under the pointer to
 * its height: a drag across several bars paints them. The scale stays put
 * while the pointer is down, so a bar follows the pointer; it is the
 * largest weight, and never less than 1. By keyboard, Left and Right
 * choose a bar, Up and Down raise and lower it by a twentieth of the
 * scale, Page Up and Page Down by a quarter. The tooltip and the accessible
 * description say each bar's share of the arrivals.
 *
 * ::changed is emitted once an edit is done (the pointer released, a key
 * pressed), not while a drag goes on, so that whoever keeps the weights
 * checks them once per edit.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "lw-chart-base.h"

G_BEGIN_DECLS

typedef enum
{
  LW_RHYTHM_HOURLY,   /* 24 bars */
  LW_RHYTHM_WEEKLY,   /* 7 bars, Monday first */
} LwRhythmKind;

#define LW_TYPE_RHYTHM_EDITOR (lw_rhythm_editor_get_type ())
G_DECLARE_FINAL_TYPE (LwRhythmEditor, lw_rhythm_editor, LW, RHYTHM_EDITOR, LwChartBase)

GtkWidget    *lw_rhythm_editor_new          (LwRhythmKind    kind);
LwRhythmKind  lw_rhythm_editor_get_kind     (LwRhythmEditor *self);
/* 24 or 7. */
guint         lw_rhythm_editor_get_n_bars   (LwRhythmEditor *self);
/* Shows a copy of @weights (n_bars numbers, each at least 0). Does not
 * emit ::changed. */
void          lw_rhythm_editor_set_weights  (LwRhythmEditor *self,
                                             const double   *weights);
/* The weights as edited: n_bars numbers. */
const double *lw_rhythm_editor_get_weights  (LwRhythmEditor *self);
/* Sets one bar, as a click on it does, and emits ::changed when it
 * changed. @weight below 0 counts as 0. */
void          lw_rhythm_editor_set_weight   (LwRhythmEditor *self,
                                             guint           index,
                                             double          weight);
/* The bar the keyboard works on. */
guint         lw_rhythm_editor_get_selected (LwRhythmEditor *self);

G_END_DECLS
