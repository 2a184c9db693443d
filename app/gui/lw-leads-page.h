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

GtkWidget *lw_leads_page_new (LwWorkspace *workspace);

G_END_DECLS
