/* lw-workspace.h: the rule set being edited, with undo, redo and checks
 *
 * The GUI's editors never change the current rule set in place: they take
 * a copy (lw_workspace_dup_config()), change it and hand it back with
 * lw_workspace_apply(). The workspace keeps the previous rule set for undo,
 * binds and checks the new one and says so with ::changed. An edit that
 * makes the rule set invalid is kept (the admin may be halfway through a
 * change); its errors are in the diagnostics, located by JSON path.
 *
 * A workspace opened from a file (lw_workspace_open()) keeps its working
 * copy there: every change (an edit, an undo, a redo) is written at once,
 * in one small transaction, as the workspace's "draft" (the canonical JSON
 * of the current rule set, valid or not). Opening the file again brings
 * the draft back, or the latest revision when there is none. Revisions are
 * the explicit save points, each with a note. A workspace made with
 * lw_workspace_new() lives in memory only.
 *
 * When writing the working copy fails (a full disk), ::autosave-failed
 * says so with the GError; the edit itself stands.
 *
 * ::revision-saved (gint64 revision id) follows lw_workspace_save_revision().
 *
 * ::run-progress (gint64 run id, gboolean finished) tells the views that a
 * simulation run wrote more of its rows to the store (or ended), so that
 * they query their figures again. Whoever runs the simulation emits it
 * with lw_workspace_run_progress(), at most ten times a second.
 *
 * All of it runs on the caller's thread and assumes no main loop. Only the
 * functions that take no LwWorkspace (lw_workspace_open(),
 * lw_workspace_create()) may run on a worker thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "lw-config.h"
#include "lw-store.h"

G_BEGIN_DECLS

#define LW_TYPE_WORKSPACE (lw_workspace_get_type ())
G_DECLARE_FINAL_TYPE (LwWorkspace, lw_workspace, LW, WORKSPACE, GObject)

#define LW_TYPE_CONFIG (lw_config_get_type ())
GType           lw_config_get_type           (void) G_GNUC_CONST;

/* A workspace in memory, holding @config (transfer full). */
LwWorkspace    *lw_workspace_new             (LwConfig    *config);
/* Opens the workspace file at @path, creating an empty one when there is
 * none; @path NULL opens the default workspace, created from the sample
 * playbook (as of @now) on first use. The rule set is the autosaved
 * working copy, else the latest revision, else an empty rule set. A file
 * written by a newer Leadwright is refused (LW_STORE_ERROR_VERSION). */
LwWorkspace    *lw_workspace_open            (const char  *path,
                                              LwTime       now,
                                              GError     **error);
/* Creates a workspace file at @path holding @config (transfer none) as
 * revision 1, noted @note, and opens it. An existing file at @path is
 * replaced only once the new one is complete. */
LwWorkspace    *lw_workspace_create          (const char     *path,
                                              const LwConfig *config,
                                              const char     *note,
                                              LwTime          now,
                                              GError        **error);

/* The file, or NULL for a workspace in memory. */
const char     *lw_workspace_get_path        (LwWorkspace *self);
/* The file's name without ".leadwright"; the default workspace's is its
 * "name" ("Default workspace"); "Unsaved rules" in memory. */
const char     *lw_workspace_get_name        (LwWorkspace *self);
/* TRUE when @path names this workspace's own file (the same file, by
 * any path). */
gboolean        lw_workspace_is_file         (LwWorkspace *self,
                                              const char  *path);
/* When the working copy found on opening could not be read back, why;
 * the latest revision was opened instead and the unreadable text was
 * kept in the file under "draft-unreadable". NULL otherwise. */
const char     *lw_workspace_get_recovery_message (LwWorkspace *self);

/* The current rule set; valid until the next change. */
const LwConfig *lw_workspace_get_config      (LwWorkspace *self);
/* A deep copy to edit and hand back with lw_workspace_apply(). */
LwConfig       *lw_workspace_dup_config      (LwWorkspace *self);
/* Makes @config (transfer full) the current rule set. @description names
 * the change for the undo tooltip ("Add routing rule"). */
void            lw_workspace_apply           (LwWorkspace *self,
                                              LwConfig    *config,
                                              const char  *description);

gboolean        lw_workspace_get_can_undo    (LwWorkspace *self);
gboolean        lw_workspace_get_can_redo    (LwWorkspace *self);
const char     *lw_workspace_get_undo_description (LwWorkspace *self);
const char     *lw_workspace_get_redo_description (LwWorkspace *self);
gboolean        lw_workspace_undo            (LwWorkspace *self);
gboolean        lw_workspace_redo            (LwWorkspace *self);

/* ---- revisions --------------------------------------------------------- */

/* Saves the current rule set as a revision noted @note (may be NULL);
 * returns its id, or 0 with @error set. */
gint64          lw_workspace_save_revision   (LwWorkspace *self,
                                              const char  *note,
                                              LwTime       now,
                                              GError     **error);
/* LwRevision without JSON, oldest first. */
GPtrArray      *lw_workspace_list_revisions  (LwWorkspace *self,
                                              GError     **error);
/* The newest revision whose rule set is exactly the current one; 0 when
 * none is (or on error). */
gint64          lw_workspace_find_current_revision (LwWorkspace *self);
/* A unified diff from revision @id to the current rule set; "" when they
 * are the same. */
char           *lw_workspace_diff_revision   (LwWorkspace *self,
                                              gint64       id,
                                              GError     **error);
/* Makes revision @id's rule set the current one: an edit like any other,
 * so it can be undone. */
gboolean        lw_workspace_restore_revision (LwWorkspace *self,
                                               gint64       id,
                                               GError     **error);

/* ---- files ----------------------------------------------------------------- */

/* Copies the whole workspace (revisions, runs, working copy) to @path and
 * goes on in that file; the old file stays as it was. */
gboolean        lw_workspace_save_as         (LwWorkspace *self,
                                              const char  *path,
                                              GError     **error);
/* The two halves of lw_workspace_save_as() for a caller that copies on a
 * worker thread: lw_store_save_copy (lw_workspace_get_store (), path) and
 * lw_store_open (path) there, then lw_workspace_use_store() here. */
LwStore        *lw_workspace_get_store       (LwWorkspace *self);
/* Goes on in @store: writes the working copy there; the workspace is
 * named after its file. */
gboolean        lw_workspace_use_store       (LwWorkspace *self,
                                              LwStore     *store,
                                              GError     **error);

/* Reads the rule set in @filename and, when it loads without error, makes
 * it the current one (one edit, undoable). On error nothing changes and
 * @error says where: "FILE:LINE:COL: error: $.path: ...". */
gboolean        lw_workspace_import          (LwWorkspace *self,
                                              const char  *filename,
                                              GError     **error);
/* The second half of lw_workspace_import(), for a caller that read the
 * file on a worker thread: applies @config (transfer full), naming the
 * edit after @filename. */
void            lw_workspace_import_config   (LwWorkspace *self,
                                              LwConfig    *config,
                                              const char  *filename);
/* Writes the current rule set to @filename as canonical JSON, atomically. */
gboolean        lw_workspace_export          (LwWorkspace *self,
                                              const char  *filename,
                                              GError     **error);

/* Emits ::run-progress: run @run_id has more rows in the store, or has
 * ended when @finished. */
void            lw_workspace_run_progress    (LwWorkspace *self,
                                              gint64       run_id,
                                              gboolean     finished);

/* Errors of lw_config_bind() then warnings of lw_lint_config(); the
 * checks run only when there is no error. */
GPtrArray      *lw_workspace_get_diagnostics (LwWorkspace *self);
guint           lw_workspace_get_n_errors    (LwWorkspace *self);
guint           lw_workspace_get_n_warnings  (LwWorkspace *self);
/* The diagnostics whose path is @path or lies below it. */
GPtrArray      *lw_workspace_dup_diagnostics_at (LwWorkspace *self,
                                                 const char  *path);

G_END_DECLS
