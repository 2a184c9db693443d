/* lw-sla-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lw-workspace.h"

G_BEGIN_DECLS

#define LW_TYPE_SLA_PAGE (lw_sla_page_get_type ())
G_DECLARE_FINAL_TYPE (LwSlaPage, lw_sla_page, LW, SLA_PAGE, GtkWidget)

GtkWidget *lw_sla_page_new (LwWorkspace *workspace);

G_END_DECLS
