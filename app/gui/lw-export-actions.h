/* lw-export-actions.h: the window's Export menu and its imports
 *
 * The primary menu's Export submenu writes the rules (and, where they
 * need it, the workspace's runs or live leads) for other tools: the
 * scenario as JSON, Salesforce assignment-rules metadata in a folder,
 * HubSpot property and filter JSON, the playbook as Markdown or HTML with
 * the latest run's figures, and the leads of the latest run or the live
 * leads as CSV. "Import Leads…" opens the lead import dialog on a CSV
 * file (lw-import-leads-dialog.h); "Import Salesforce Assignment Rules…"
 * makes the routing rules of a Lead.assignmentRules-meta.xml file the
 * workspace's, as one undoable edit.
 *
 * Each file is chosen with a file chooser, then written (or read) on a
 * worker thread with a store connection of its own; the report comes back
 * on the main thread: a dialog listing each warning (what the target
 * cannot express, what did not map) when there are any, else a toast
 * naming the file with a button to open it.
 *
 * Actions, on the window: win.export-scenario, win.export-salesforce,
 * win.export-hubspot, win.export-playbook-markdown,
 * win.export-playbook-html, win.export-run-leads, win.export-run-events,
 * win.export-live-leads, win.import-leads, win.import-salesforce. The
 * rule set's own JSON export is win.export-rules (lw-window-files.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lw-window.h"

G_BEGIN_DECLS

typedef enum
{
  LW_EXPORT_SCENARIO,          /* JSON */
  LW_EXPORT_SALESFORCE,        /* a folder */
  LW_EXPORT_HUBSPOT,           /* JSON */
  LW_EXPORT_PLAYBOOK_MARKDOWN,
  LW_EXPORT_PLAYBOOK_HTML,
  LW_EXPORT_RUN_LEADS,         /* CSV of the latest finished run */
  LW_EXPORT_RUN_EVENTS,        /* CSV of the latest finished run */
  LW_EXPORT_LIVE_LEADS,        /* CSV */
  LW_N_EXPORTS
} LwExportKind;

/* Adds the actions to @window and keeps them enabled while it has a
 * workspace (one in a file, for those that read the store) and no file
 * operation runs. */
void        lw_export_actions_install      (LwWindow     *window);

/* Writes export @kind of @window's workspace to @file (for
 * LW_EXPORT_SALESFORCE, a folder) on a worker thread, then shows the
 * report. What choosing a file in the export's file chooser does; while
 * it runs the window is busy. */
void        lw_export_actions_write        (LwWindow     *window,
                                            LwExportKind  kind,
                                            GFile        *file);

/* Makes the routing rules of the Salesforce assignment rules in @file the
 * workspace's (one undoable edit named "Import Salesforce assignment
 * rules"), then shows what did not map. A mapping written by the
 * Salesforce export (leadwright-salesforce-mapping.json) in the file's
 * folder or the one above is used. */
void        lw_export_actions_import_salesforce (LwWindow *window,
                                                 GFile    *file);

/* Opens the lead import dialog on @file. */
void        lw_export_actions_import_leads (LwWindow     *window,
                                            GFile        *file);

G_END_DECLS
