/* lw-lead-inspector.h: the story of one lead, of a run or live
 *
 * For a lead of a run: shows at once what the store recorded (the lead's
 * facts and its timeline), then loads the full explanation (score
 * contributions, routing rules tried, SLA checkpoints) on a worker thread,
 * which replays the run.
 *
 * For a live lead: loads its story (lw-live-view.h) on a worker thread:
 * its facts, its first-touch clock at the wall clock's now, its timeline
 * and score contributions. Its Log Touch button (a call, an email or a
 * meeting, at a time that defaults to now) logs the touch through the
 * engine, which stops the clock, and shows the story again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lw-config.h"
#include "lw-lead-row.h"
#include "lw-store.h"

G_BEGIN_DECLS

#define LW_TYPE_LEAD_INSPECTOR (lw_lead_inspector_get_type ())
G_DECLARE_FINAL_TYPE (LwLeadInspector, lw_lead_inspector, LW, LEAD_INSPECTOR, GtkWidget)

GtkWidget *lw_lead_inspector_new         (void);
/* Shows the lead of @row (NULL: none), of run @run read through @store.
 * The explanation is read through a connection of its own to @store_path. */
void       lw_lead_inspector_show_lead   (LwLeadInspector *self,
                                          LwStore         *store,
                                          const char      *store_path,
                                          gint64           run,
                                          LwLeadRow       *row);
guint32    lw_lead_inspector_get_lead    (LwLeadInspector *self);
/* TRUE while the explanation (or a live lead's story) is loading, or a
 * touch is being logged. */
gboolean   lw_lead_inspector_get_loading (LwLeadInspector *self);

/* Shows live lead @id (0: none) of the workspace file @store_path (NULL:
 * read through @store, a workspace in memory), under bound @config (a
 * reference is taken). Shows it again when it is the one shown. */
void       lw_lead_inspector_show_live_lead (LwLeadInspector *self,
                                             LwStore         *store,
                                             const char      *store_path,
                                             LwConfig        *config,
                                             gint64           id);
/* The live lead shown; 0 for none or a lead of a run. */
gint64     lw_lead_inspector_get_live_lead  (LwLeadInspector *self);
/* Logs a touch of the live lead shown, made at @at by its owner, as the
 * Log Touch popover does; ::touch-logged (gint64 id) says when it is
 * written, and the story shows again. */
void       lw_lead_inspector_log_touch      (LwLeadInspector *self,
                                             LwTouchKind      kind,
                                             LwTime           at,
                                             const char      *note);

G_END_DECLS
