/* lw-workspace.h: the rule set being edited, with undo, redo and checks
 *
 * The GUI's editors never change the current rule set in place: they take
 * a copy (lw_workspace_dup_config()), change it and hand it back with
 * lw_workspace_apply(). The workspace keeps the previous rule set for undo,
 * binds and checks the new one and says so with ::changed. An edit that
 * makes the rule set invalid is kept (the admin may be halfway through a
 * change); its errors are in the diagnostics, located by JSON path.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "lw-config.h"

G_BEGIN_DECLS

#define LW_TYPE_WORKSPACE (lw_workspace_get_type ())
G_DECLARE_FINAL_TYPE (LwWorkspace, lw_workspace, LW, WORKSPACE, GObject)

#define LW_TYPE_CONFIG (lw_config_get_type ())
GType           lw_config_get_type           (void) G_GNUC_CONST;

LwWorkspace    *lw_workspace_new             (LwConfig    *config);

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

/* Errors of lw_config_bind() then warnings of lw_lint_config(); the
 * checks run only when there is no error. */
GPtrArray      *lw_workspace_get_diagnostics (LwWorkspace *self);
guint           lw_workspace_get_n_errors    (LwWorkspace *self);
guint           lw_workspace_get_n_warnings  (LwWorkspace *self);
/* The diagnostics whose path is @path or lies below it. */
GPtrArray      *lw_workspace_dup_diagnostics_at (LwWorkspace *self,
                                                 const char  *path);

G_END_DECLS
