/* lw-routing-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lw-workspace.h"

G_BEGIN_DECLS

#define LW_TYPE_ROUTING_PAGE (lw_routing_page_get_type ())
G_DECLARE_FINAL_TYPE (LwRoutingPage, lw_routing_page, LW, ROUTING_PAGE, GtkWidget)

GtkWidget *lw_routing_page_new (LwWorkspace *workspace);

G_END_DECLS
