/* lw-funnel-page.h: the funnel of a simulation run
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lw-store.h"
#include "lw-workspace.h"

G_BEGIN_DECLS

#define LW_TYPE_FUNNEL_PAGE (lw_funnel_page_get_type ())
G_DECLARE_FINAL_TYPE (LwFunnelPage, lw_funnel_page, LW, FUNNEL_PAGE, GtkWidget)

GtkWidget      *lw_funnel_page_new        (LwWorkspace  *workspace);
/* Queries the funnel again (on a worker thread); "updated" is emitted
 * once it is shown. */
void            lw_funnel_page_refresh    (LwFunnelPage *self);
/* The funnel shown, or NULL when there is no finished run. */
const LwFunnel *lw_funnel_page_get_funnel (LwFunnelPage *self);

G_END_DECLS
