/* lw-lifecycle-page-statuses.c: the lead statuses
 *
 * Part of LwLifecyclePage (lw-lifecycle-page-private.h): a lead status's
 * row (id, label, HubSpot value, definition, terminal) and the edits made
 * in it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "lw-lifecycle-page-private.h"

/* ---- statuses ------------------------------------------------------------------------ */

static void
terminal_toggled_cb (GtkSwitch       *toggle,
                     GParamSpec      *pspec,
                     LwLifecyclePage *self)
{
  g_autoptr(LwConfig) config = NULL;
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (toggle), ADW_TYPE_ACTION_ROW);
  LwStatus *status;

  if (self->building)
    return;

  config = lw_workspace_dup_config (self->workspace);
  status = item_at (config, LIST_STATUSES, row_index (row));
  if (status->terminal == gtk_switch_get_active (toggle))
    return;
  status->terminal = gtk_switch_get_active (toggle);
  _lw_lifecycle_page_apply (self, g_steal_pointer (&config),
                            status->terminal ? _("Make lead status terminal") : _("Make lead status not terminal"), FALSE);
}

void
_lw_lifecycle_page_add_status_action (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *parameter)
{
  LwLifecyclePage *self = LW_LIFECYCLE_PAGE (widget);
  g_autoptr(LwConfig) config = lw_workspace_dup_config (self->workspace);
  g_autofree char *id = _lw_lifecycle_page_unique_id (config->statuses, _lw_lifecycle_page_id_prefixes[LIST_STATUSES]);

  g_ptr_array_add (config->statuses, lw_status_new (id, _("New status")));
  _lw_lifecycle_page_refocus_after_rebuild (self, LIST_STATUSES, config->statuses->len - 1, "label");
  _lw_lifecycle_page_apply (self, g_steal_pointer (&config), _(_lw_lifecycle_page_edits[LIST_STATUSES].add), TRUE);
}

static void
populate_status_row (LwLifecyclePage *self,
                     AdwExpanderRow  *row,
                     const LwConfig  *config,
                     guint            index)
{
  const LwStatus *status = g_ptr_array_index (config->statuses, index);
  GtkWidget *terminal;

  _lw_lifecycle_page_add_name_rows (self, row, LIST_STATUSES, index, (const Named *) status);
  adw_expander_row_add_row (row, _lw_lifecycle_page_create_hubspot_row (self, LIST_STATUSES, index,
                                                                        status->hubspot_value));
  adw_expander_row_add_row (row, _lw_lifecycle_page_create_text_row (self, _("Definition"), status->definition,
                                                                     LIST_STATUSES, index));

  terminal = _lw_lifecycle_page_create_switch_row (_("Terminal"), _("Work on the lead ends in this status."),
                                                   status->terminal, G_CALLBACK (terminal_toggled_cb), self);
  set_row_data (terminal, LIST_STATUSES, index, "terminal");
  adw_expander_row_add_row (row, terminal);
}

GtkWidget *
_lw_lifecycle_page_create_status_row (LwLifecyclePage *self,
                                      const LwConfig  *config,
                                      guint            index)
{
  const LwStatus *status = g_ptr_array_index (config->statuses, index);
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *terminal_label = gtk_label_new (_("Terminal"));

  adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row), _lw_lifecycle_page_create_number (index));
  _lw_lifecycle_page_add_item_actions (self, ADW_EXPANDER_ROW (row), LIST_STATUSES, index, config->statuses->len,
                                       _("Remove Lead Status"));
  gtk_widget_add_css_class (terminal_label, "lw-badge");
  gtk_widget_set_valign (terminal_label, GTK_ALIGN_CENTER);
  gtk_widget_set_visible (terminal_label, status->terminal);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row), terminal_label);
  g_object_set_data (G_OBJECT (row), "lw-terminal-label", terminal_label);

  set_row_data (row, LIST_STATUSES, index, NULL);
  _lw_lifecycle_page_set_populate (self, row, populate_status_row);
  _lw_lifecycle_page_add_mark (self, row, MARK_ROW_SUBTITLE, "$.lifecycle.statuses[%u]", index);
  return row;
}
