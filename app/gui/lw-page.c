/* lw-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lw-page.h"

G_DEFINE_INTERFACE (LwPage, lw_page, GTK_TYPE_WIDGET)

static void
lw_page_default_init (LwPageInterface *iface)
{
  g_object_interface_install_property (iface,
    g_param_spec_object ("workspace", NULL, NULL, LW_TYPE_WORKSPACE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
}

void
lw_page_reveal (LwPage     *self,
                const char *path)
{
  LwPageInterface *iface;

  g_return_if_fail (LW_IS_PAGE (self));
  g_return_if_fail (path != NULL);

  iface = LW_PAGE_GET_IFACE (self);
  if (iface->reveal != NULL)
    iface->reveal (self, path);
}
