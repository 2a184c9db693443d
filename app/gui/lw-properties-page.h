/* lw-properties-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lw-workspace.h"

G_BEGIN_DECLS

#define LW_TYPE_PROPERTIES_PAGE (lw_properties_page_get_type ())
G_DECLARE_FINAL_TYPE (LwPropertiesPage, lw_properties_page, LW, PROPERTIES_PAGE, GtkWidget)

typedef void (*LwRemoveFunc) (gpointer user_data);

GtkWidget *lw_properties_page_new                (LwWorkspace    *workspace);

/* Reference edits the lifecycle page shares: stage and status ids are the
 * values of the lifecycle_stage and lead_status built-ins. */

/* Where the conditions, territory maps and domainOf links of @config use
 * the property @property_id, or, when @value is set, that value of it: a
 * readable place per use ("Routing rule “EMEA inbound”"), each once. */
GPtrArray *lw_properties_page_dup_uses           (const LwConfig *config,
                                                  const char     *property_id,
                                                  const char     *value);
/* Replaces the value @old_value of the property @property_id by
 * @new_value in every condition and territory map of @config. */
void       lw_properties_page_rename_value       (LwConfig       *config,
                                                  const char     *property_id,
                                                  const char     *old_value,
                                                  const char     *new_value);
/* Shows @workspace's diagnostics at @path on an entry row: an icon with
 * the messages as tooltip (its "lw-mark" data) and the error style. */
guint      lw_properties_page_mark_entry_row     (AdwEntryRow    *row,
                                                  LwWorkspace    *workspace,
                                                  const char     *path);
/* Focuses @widget now, and again once the expander row it is in has
 * finished opening, so that the page scrolls to where it really is. */
void       lw_properties_page_focus_revealed     (GtkWidget      *widget);
/* Asks whether to remove @what, listing @uses; calls @remove with
 * @user_data when the person confirms. @user_data is freed with @destroy
 * either way. Without uses, @remove runs at once. */
void       lw_properties_page_confirm_removal    (GtkWidget      *parent,
                                                  const char     *heading,
                                                  GPtrArray      *uses,
                                                  LwRemoveFunc    remove,
                                                  gpointer        user_data,
                                                  GDestroyNotify  destroy);

G_END_DECLS
