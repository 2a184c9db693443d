/* lw-lead-inspector.h: the story of one lead of a run
 *
 * Shows at once what the store recorded (the lead's facts and its
 * timeline), then loads the full explanation (score contributions, routing
 * rules tried, SLA checkpoints) on a worker thread, which replays the run.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

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
/* TRUE while the explanation is loading. */
gboolean   lw_lead_inspector_get_loading (LwLeadInspector *self);

G_END_DECLS
