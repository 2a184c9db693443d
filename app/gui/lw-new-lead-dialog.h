/* lw-new-lead-dialog.h: a live lead entered by hand
 *
 * Asks for the lead's name, company, email and source, the properties the
 * rules look at (lw_live_view_properties_that_matter()), and optionally an
 * owner and a lead status. Add writes it through the engine
 * (lw_live_add(), on a worker thread): it is routed unless an owner was
 * chosen, put on the SLA policy that applies and its first-touch clock
 * starts; ::added gives its id. A value that does not fit its property,
 * or a refusal of the engine, shows at the row or atop the dialog and
 * nothing is written.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lw-config.h"
#include "lw-store.h"

G_BEGIN_DECLS

#define LW_TYPE_NEW_LEAD_DIALOG (lw_new_lead_dialog_get_type ())
G_DECLARE_FINAL_TYPE (LwNewLeadDialog, lw_new_lead_dialog, LW, NEW_LEAD_DIALOG, AdwWindow)

/* A lead of bound @config (a reference is taken), added to the workspace
 * file @store_path (NULL: through @store, a workspace in memory), routed
 * by the workspace's live routing state (lw_live_add()), which goes on
 * from one session to the next. */
GtkWidget *lw_new_lead_dialog_new     (GtkWindow      *parent,
                                       LwConfig       *config,
                                       LwStore        *store,
                                       const char     *store_path);
/* Sets the text of the field for property @property_id ("first_name",
 * "region": an option value) as a person would enter it; FALSE when the
 * dialog has no such field. */
gboolean   lw_new_lead_dialog_set_field (LwNewLeadDialog *self,
                                         const char      *property_id,
                                         const char      *text);
/* What Add does. */
void       lw_new_lead_dialog_add     (LwNewLeadDialog *self);

G_END_DECLS
