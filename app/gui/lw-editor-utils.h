/* lw-editor-utils.h: pieces every editor page shares
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lw-workspace.h"

G_BEGIN_DECLS

/* Shows the diagnostics at @path (and below it) on @row: an error or
 * warning icon with the messages as tooltip, and the first message as the
 * subtitle when @use_subtitle. Returns the number of diagnostics shown. A
 * row marked before is cleared first. */
guint       lw_editor_mark_row        (AdwPreferencesRow *row,
                                       LwWorkspace       *workspace,
                                       const char        *path,
                                       gboolean           use_subtitle);

/* A string list model of the reps' names (in config order), and of the
 * pools' labels. */
GListModel *lw_editor_reps_model      (const LwConfig    *config);
GListModel *lw_editor_pools_model     (const LwConfig    *config);
GListModel *lw_editor_stages_model    (const LwConfig    *config);
GListModel *lw_editor_statuses_model  (const LwConfig    *config);

/* How an element with @label and @id is named in an editor: its label,
 * else its id, else "Untitled". */
const char *lw_editor_display_name    (const char        *label,
                                       const char        *id);

/* A small icon-only button with an accessible label, for row suffixes. */
GtkWidget  *lw_editor_icon_button     (const char        *icon_name,
                                       const char        *label);

/* A drop-down over a string list model (transfer full) whose button
 * ellipsizes its text down to @min_width_chars, so that a long choice
 * ("Europe, Middle East and Africa") does not widen the editor past a
 * narrow window; the popup shows choices whole. */
GtkWidget  *lw_editor_drop_down_new   (GListModel        *model,
                                       int                min_width_chars);

/* Whether @path is @prefix or lies below it ("$.a[1]" is below "$.a"). */
gboolean    lw_editor_path_within     (const char        *path,
                                       const char        *prefix);

/* Parses "$.routing.rules[3]..." for the index after @prefix ("$.routing.rules"):
 * 3; -1 when @path is not below @prefix. */
int         lw_editor_path_index      (const char        *path,
                                       const char        *prefix);

/* @text with its first letter upper case: an engine message ("the rules
 * have no …") as the title of a row. */
char       *lw_editor_dup_capitalized (const char        *text);

G_END_DECLS
