/* lw-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lw-application.h"
#include "lw-workspace.h"

G_BEGIN_DECLS

#define LW_TYPE_WINDOW (lw_window_get_type ())
G_DECLARE_FINAL_TYPE (LwWindow, lw_window, LW, WINDOW, AdwApplicationWindow)

/* The window opens the last workspace (or the default one) on its own,
 * on a worker thread: until then it shows no workspace. */
LwWindow    *lw_window_new            (LwApplication *application);
/* NULL while the first workspace opens. */
LwWorkspace *lw_window_get_workspace  (LwWindow      *self);
/* Whether a file operation is running (see :busy). */
gboolean     lw_window_get_busy       (LwWindow      *self);
/* Opens the workspace in @file in this window; errors show in a dialog. */
void         lw_window_open_workspace (LwWindow      *self,
                                       GFile         *file);
/* Imports the rule set in @file (JSON) as one undoable edit; a file that
 * does not load shows its located error in a dialog and changes nothing.
 * What the Import dialog and a dropped file do. */
void         lw_window_import_rules   (LwWindow      *self,
                                       GFile         *file);
/* Shows the page with @page_id ("routing") and, with @path, the row that
 * path concerns. */
void         lw_window_show_page      (LwWindow      *self,
                                       const char    *page_id,
                                       const char    *path);
void         lw_window_toast          (LwWindow      *self,
                                       const char    *title);
/* The id of the page showing ("routing"). */
const char  *lw_window_get_visible_page (LwWindow    *self);
/* The page with @page_id, or NULL: a page is built when shown, and one
 * out of sight is dropped when the rules change. */
GtkWidget   *lw_window_get_page       (LwWindow      *self,
                                       const char    *page_id);
/* A toast of the caller's making (a button, no timeout). */
void         lw_window_add_toast      (LwWindow      *self,
                                       AdwToast      *toast);
/* Shows the Leads page on lead @lead of run @run (0: a live lead) in its
 * inspector. Needs a workspace. */
void         lw_window_show_lead      (LwWindow      *self,
                                       gint64         run,
                                       gint64         lead);
/* Shows the SLA monitor's alerts of @leads (LwAlertLeadRef, as a summary
 * alert lists them) only, under @title. Needs a workspace. */
void         lw_window_show_alerts    (LwWindow      *self,
                                       const char    *title,
                                       GArray        *leads);

G_END_DECLS
