/* lw-import-leads-dialog.h: real leads from a CSV file into the workspace
 *
 * A modal window over a chosen CSV file. It reads the file on a worker
 * thread as a dry run (lw_lead_import_csv() with LW_LEAD_IMPORT_DRY_RUN)
 * and shows, for each column, its name, a few of its values and the
 * property it goes to (matched by name, or as the mapping saved in the
 * workspace last time says; "Do not import" to leave it out), then every
 * problem the rows have (row, column, value, reason). Changing a column's
 * property reads the file again. The admin chooses to skip rows with
 * problems or to import nothing while any row has one; Import then runs
 * the import, one transaction, on a worker thread with a progress bar and
 * Cancel, and keeps the mapping in the workspace for next time. At the
 * end the imported leads (now live leads) can be replayed through the
 * current rules as a run (lw-live-replay.h).
 *
 * The worker threads open store connections of their own on the
 * workspace's file.
 *
 * Actions, for the buttons and for tests: import.start, import.cancel,
 * import.reload, import.replay.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lw-lead-import.h"
#include "lw-workspace.h"

G_BEGIN_DECLS

#define LW_TYPE_IMPORT_LEADS_DIALOG (lw_import_leads_dialog_get_type ())
G_DECLARE_FINAL_TYPE (LwImportLeadsDialog, lw_import_leads_dialog, LW, IMPORT_LEADS_DIALOG, AdwWindow)

/* Starts reading @file for @workspace, which must be in a file. */
GtkWidget  *lw_import_leads_dialog_new          (GtkWindow           *parent,
                                                 LwWorkspace         *workspace,
                                                 GFile               *file);

/* What shows (:page): "loading", "mapping", "importing", "done", "failed". */
const char *lw_import_leads_dialog_get_page     (LwImportLeadsDialog *self);
/* The report of the latest read: the dry run, or the import once it ran;
 * NULL while the first read runs or after a file that does not read. */
const LwLeadImportReport *lw_import_leads_dialog_get_report (LwImportLeadsDialog *self);
/* The target of column @index as the dialog has it: a property id,
 * "@id", "@owner", or NULL (not imported). */
const char *lw_import_leads_dialog_get_target   (LwImportLeadsDialog *self,
                                                 guint                index);
/* Sets it, as choosing in the column's row does (and reads again). */
void        lw_import_leads_dialog_set_target   (LwImportLeadsDialog *self,
                                                 guint                index,
                                                 const char          *target);
/* "Skip rows with problems" (TRUE) or "Import nothing if a row has a
 * problem" (FALSE, the default). */
void        lw_import_leads_dialog_set_skip_bad (LwImportLeadsDialog *self,
                                                 gboolean             skip_bad);
/* The run the replay recorded; 0 before. */
gint64      lw_import_leads_dialog_get_replay_run (LwImportLeadsDialog *self);

G_END_DECLS
