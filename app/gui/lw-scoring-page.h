/* lw-scoring-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lw-workspace.h"

G_BEGIN_DECLS

#define LW_TYPE_SCORING_PAGE (lw_scoring_page_get_type ())
G_DECLARE_FINAL_TYPE (LwScoringPage, lw_scoring_page, LW, SCORING_PAGE, GtkWidget)

GtkWidget *lw_scoring_page_new (LwWorkspace *workspace);

G_END_DECLS
