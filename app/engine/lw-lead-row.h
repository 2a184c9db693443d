/* lw-lead-row.h: one row of the lead list, for a GtkColumnView to bind
 *
 * A small object over an LwLeadSummary. Its properties are read-only; they
 * are named as lw_lead_column_to_string() names the columns ("id",
 * "created", "email", ..., "ttft", "breached", "fallback") so that a column
 * can be sorted by its name. When the lead list refreshes a row in place
 * (a paced run changed the lead), each property that changed notifies.
 *
 * Strings are NULL when the lead has no such value.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "lw-store.h"

G_BEGIN_DECLS

#define LW_TYPE_LEAD_ROW (lw_lead_row_get_type ())

G_DECLARE_FINAL_TYPE (LwLeadRow, lw_lead_row, LW, LEAD_ROW, GObject)

/* @summary is copied. */
LwLeadRow  *lw_lead_row_new             (const LwLeadSummary *summary);
/* Takes @summary's values for a row of the same lead (same id), notifying
 * each property that changed. */
void        lw_lead_row_update          (LwLeadRow           *self,
                                         const LwLeadSummary *summary);

guint       lw_lead_row_get_id          (LwLeadRow *self);
LwTime      lw_lead_row_get_created     (LwLeadRow *self);
const char *lw_lead_row_get_email       (LwLeadRow *self);
const char *lw_lead_row_get_company     (LwLeadRow *self);
const char *lw_lead_row_get_name        (LwLeadRow *self);
const char *lw_lead_row_get_source      (LwLeadRow *self);
const char *lw_lead_row_get_stage       (LwLeadRow *self);
const char *lw_lead_row_get_status      (LwLeadRow *self);
const char *lw_lead_row_get_owner       (LwLeadRow *self);
double      lw_lead_row_get_fit         (LwLeadRow *self);
double      lw_lead_row_get_engagement  (LwLeadRow *self);
double      lw_lead_row_get_total       (LwLeadRow *self);
const char *lw_lead_row_get_grade       (LwLeadRow *self);
const char *lw_lead_row_get_policy      (LwLeadRow *self);
/* Seconds from assignment to first touch; -1 untouched. */
gint64      lw_lead_row_get_ttft        (LwLeadRow *self);
gboolean    lw_lead_row_get_breached    (LwLeadRow *self);
gboolean    lw_lead_row_get_fallback    (LwLeadRow *self);

G_END_DECLS
