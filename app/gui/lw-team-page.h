/* lw-team-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lw-workspace.h"

G_BEGIN_DECLS

#define LW_TYPE_TEAM_PAGE (lw_team_page_get_type ())
G_DECLARE_FINAL_TYPE (LwTeamPage, lw_team_page, LW, TEAM_PAGE, GtkWidget)

GtkWidget *lw_team_page_new (LwWorkspace *workspace);

G_END_DECLS
