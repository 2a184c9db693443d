/* lw-revisions-dialog.h: the revision history of a workspace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lw-workspace.h"

G_BEGIN_DECLS

#define LW_TYPE_REVISIONS_DIALOG (lw_revisions_dialog_get_type ())
G_DECLARE_FINAL_TYPE (LwRevisionsDialog, lw_revisions_dialog, LW, REVISIONS_DIALOG, AdwWindow)

/* Lists @workspace's revisions, newest first; the selected one shows as a
 * diff against the current rules and can be restored (an undoable edit),
 * after which ::restored (gint64 id) is emitted and the dialog closes. */
GtkWidget *lw_revisions_dialog_new          (GtkWindow         *parent,
                                             LwWorkspace       *workspace);
/* Selects revision @id; FALSE when there is no such revision. */
gboolean   lw_revisions_dialog_select       (LwRevisionsDialog *self,
                                             gint64             id);
/* The diff shown: "" when the selection is the current rule set. */
char      *lw_revisions_dialog_dup_diff     (LwRevisionsDialog *self);

G_END_DECLS
