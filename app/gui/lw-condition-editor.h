/* lw-condition-editor.h: the condition builder every editor shares
 *
 * OR groups of AND filters, in HubSpot's shape: for each filter a property
 * from the catalogue, an operator that fits the property's type and a value
 * widget that fits it too (a dropdown of options, a number, a date, text, a
 * multi-select for IN). Collapsed, it reads as a sentence:
 * "Country is US or CA and Employees ≥ 200".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lw-config.h"

G_BEGIN_DECLS

#define LW_TYPE_CONDITION_EDITOR (lw_condition_editor_get_type ())
G_DECLARE_FINAL_TYPE (LwConditionEditor, lw_condition_editor, LW, CONDITION_EDITOR, GtkWidget)

GtkWidget   *lw_condition_editor_new            (void);
/* The catalogue to offer; the editor keeps a reference. */
void         lw_condition_editor_set_config     (LwConditionEditor *self,
                                                 LwConfig          *config);
/* Shows a copy of @condition (NULL: every lead). Does not emit ::changed. */
void         lw_condition_editor_set_condition  (LwConditionEditor *self,
                                                 const LwCondition *condition);
/* The condition as edited (transfer full). */
LwCondition *lw_condition_editor_dup_condition  (LwConditionEditor *self);
/* The readable summary of the condition as edited. */
char        *lw_condition_editor_dup_summary    (LwConditionEditor *self);

G_END_DECLS
