/* lw-lifecycle-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lw-workspace.h"

G_BEGIN_DECLS

#define LW_TYPE_LIFECYCLE_PAGE (lw_lifecycle_page_get_type ())
G_DECLARE_FINAL_TYPE (LwLifecyclePage, lw_lifecycle_page, LW, LIFECYCLE_PAGE, GtkWidget)

GtkWidget *lw_lifecycle_page_new (LwWorkspace *workspace);

G_END_DECLS
