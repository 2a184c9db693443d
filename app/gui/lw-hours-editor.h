/* lw-hours-editor.h: a rep's working hours, one row per weekday
 *
 * An expander row whose subtitle sums the week up ("Mon–Fri 09:00-17:30")
 * and which opens to seven entry rows, Monday to Sunday, each holding the
 * day's intervals as text ("09:00-12:30, 13:30-17:30"; empty: not working).
 * Text that does not read as intervals shows its error at the day's row and
 * changes nothing; text that does replaces the day and emits ::changed.
 * Above them, a "Monday to Friday" row sets the five weekdays at once; it
 * shows their hours while they are the same, and is empty when not.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lw-workspace.h"

G_BEGIN_DECLS

#define LW_TYPE_HOURS_EDITOR (lw_hours_editor_get_type ())
G_DECLARE_FINAL_TYPE (LwHoursEditor, lw_hours_editor, LW, HOURS_EDITOR, AdwExpanderRow)

GtkWidget  *lw_hours_editor_new            (void);
/* Shows a copy of @hours. Does not emit ::changed. */
void        lw_hours_editor_set_hours      (LwHoursEditor     *self,
                                            const LwWeekHours *hours);
/* Replaces the days of @hours with copies of the hours as edited. */
void        lw_hours_editor_copy_hours     (LwHoursEditor     *self,
                                            LwWeekHours       *hours);
/* Marks the day rows with the diagnostics below @path (the rep's
 * "$.team.reps[3].workingHours") and the editor itself with all of them. */
void        lw_hours_editor_mark           (LwHoursEditor     *self,
                                            LwWorkspace       *workspace,
                                            const char        *path);
/* The entry row that sets Monday to Friday at once. */
AdwEntryRow *lw_hours_editor_get_weekdays_row (LwHoursEditor   *self);
/* The entry row of @day (0 = Monday ... 6 = Sunday). */
AdwEntryRow *lw_hours_editor_get_day_row   (LwHoursEditor     *self,
                                            guint              day);

/* "Mon–Fri 09:00-12:30, 13:30-17:30; Sat 10:00-14:00", or "Not working". */
char       *lw_week_hours_describe         (const LwWeekHours *hours);
/* Reads "09:00-12:30, 13:30-17:30" (empty: no interval) into @intervals
 * (an array of LwInterval, emptied first). On failure returns FALSE with a
 * message for the admin in @message. */
gboolean    lw_week_hours_parse_day        (const char        *text,
                                            GArray            *intervals,
                                            char             **message);

/* Shows a problem on a row that lw_editor_mark_row() does not mark (an
 * AdwEntryRow) or one the workspace does not know about (text that could
 * not be read, so it never reached the rule set): an error icon with the
 * message as tooltip, the same icon lw_editor_mark_row() uses. When
 * @local_error is NULL, shows the workspace's diagnostics at @path
 * instead (@workspace and @path may then be NULL: nothing to show). */
guint       lw_hours_editor_mark_row       (AdwPreferencesRow *row,
                                            LwWorkspace       *workspace,
                                            const char        *path,
                                            const char        *local_error);

G_END_DECLS
