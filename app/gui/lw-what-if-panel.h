/* lw-what-if-panel.h: the effect of an edit, beside the editor
 *
 * A side panel for the Design pages. While it is active, every change of
 * the rules (LwWorkspace::changed, taken together when they come within
 * 300 ms) re-runs the workspace's scenario in memory off the main thread
 * (the size the panel is set to, 10,000 to 1,000,000 leads, at the
 * scenario's pace: lw-what-if.h), cancelling the re-run before,
 * and shows the rules now against a
 * baseline: the funnel of both, and the MQL rate, SLA compliance in all
 * and per policy and the share left at the fallback owner, with their
 * differences (lw-what-if.h). The baseline, chosen in the panel and kept
 * in the "what-if-baseline" setting, is the latest revision saved (read
 * from the workspace file on the worker at each re-run, so a revision
 * saved meanwhile counts; the rules when the panel opened while there is
 * none), the rules when the panel was first opened, or the rules pinned:
 * "Use Current" pins the rules now.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lw-what-if.h"
#include "lw-workspace.h"

G_BEGIN_DECLS

#define LW_TYPE_WHAT_IF_PANEL (lw_what_if_panel_get_type ())
G_DECLARE_FINAL_TYPE (LwWhatIfPanel, lw_what_if_panel, LW, WHAT_IF_PANEL, GtkWidget)

GtkWidget  *lw_what_if_panel_new            (void);
void        lw_what_if_panel_set_workspace  (LwWhatIfPanel *self,
                                             LwWorkspace   *workspace);
LwWorkspace *lw_what_if_panel_get_workspace (LwWhatIfPanel *self);
/* Whether it shows: only then does it re-run. */
void        lw_what_if_panel_set_active     (LwWhatIfPanel *self,
                                             gboolean       active);
gboolean    lw_what_if_panel_get_active     (LwWhatIfPanel *self);
/* Whether a re-run is going on or waiting for more edits. */
gboolean    lw_what_if_panel_is_busy        (LwWhatIfPanel *self);

/* What it shows (NULL before the first re-run ends): the two sides and
 * their figures (LwWhatIfFigure). ::updated is emitted once they show. */
LwWhatIfSide *lw_what_if_panel_get_before   (LwWhatIfPanel *self);
LwWhatIfSide *lw_what_if_panel_get_after    (LwWhatIfPanel *self);
GPtrArray   *lw_what_if_panel_get_figures   (LwWhatIfPanel *self);
/* Wall-clock microseconds from the last edit (or the request) to the
 * figures shown, and of the re-run alone, for the latest update. */
gint64      lw_what_if_panel_get_latency    (LwWhatIfPanel *self);
gint64      lw_what_if_panel_get_run_time   (LwWhatIfPanel *self);

G_END_DECLS
