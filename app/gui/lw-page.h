/* lw-page.h: what the window asks of each page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "lw-workspace.h"

G_BEGIN_DECLS

#define LW_TYPE_PAGE (lw_page_get_type ())
G_DECLARE_INTERFACE (LwPage, lw_page, LW, PAGE, GtkWidget)

struct _LwPageInterface
{
  GTypeInterface parent_iface;

  /* Scrolls to, expands and focuses the row that @path (a JSON path such
   * as "$.routing.rules[2].when") concerns. */
  void (*reveal) (LwPage     *self,
                  const char *path);
};

void lw_page_reveal (LwPage     *self,
                     const char *path);

G_END_DECLS
