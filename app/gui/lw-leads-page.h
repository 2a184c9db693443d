/* lw-leads-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lw-workspace.h"

G_BEGIN_DECLS

#define LW_TYPE_LEADS_PAGE (lw_leads_page_get_type ())
G_DECLARE_FINAL_TYPE (LwLeadsPage, lw_leads_page, LW, LEADS_PAGE, GtkWidget)

GtkWidget *lw_leads_page_new       (LwWorkspace *workspace);
/* Shows lead @lead of run @run (0: a live lead) in the inspector, with
 * that run (or the live leads) listed. */
void       lw_leads_page_show_lead (LwLeadsPage *self,
                                    gint64       run,
                                    gint64       lead);
/* Reads the live leads again when they are listed. */
void       lw_leads_page_reload    (LwLeadsPage *self);
/* Whether the live leads are listed. */
gboolean   lw_leads_page_get_live  (LwLeadsPage *self);

G_END_DECLS
