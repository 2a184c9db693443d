/* lw-export-hubspot.h: the rule set in HubSpot's terms
 *
 * One JSON document (docs/exports.md) that holds:
 * - property definitions in the shape of HubSpot's CRM v3 properties API
 *   (name, label, type, fieldType, groupName, options [{label, value,
 *   description, displayOrder, hidden}]): lifecyclestage with the stages'
 *   internal values, hs_lead_status with the statuses', and the Leadwright
 *   scores (leadwright_fit_score, leadwright_engagement_score,
 *   leadwright_total_score as numbers, leadwright_grade as an enumeration
 *   of the grades), in the property group "leadwright";
 * - every routing rule's and SLA policy's condition as CRM search
 *   filterGroups: only HubSpot's 13 operators, every value a string,
 *   built-in properties under HubSpot's internal names (lifecycle_stage ->
 *   lifecyclestage and lead_status -> hs_lead_status with the HubSpot
 *   values of the stages and statuses, created_at -> createdate in
 *   milliseconds since the epoch, ...).
 *
 * What HubSpot does not have under the same name (a custom property that
 * must exist in the portal, a stage without a HubSpot value) is reported as
 * a warning with its JSON path.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "lw-config.h"

G_BEGIN_DECLS

#define LW_HUBSPOT_FORMAT   "leadwright-hubspot"
#define LW_HUBSPOT_VERSION  1
#define LW_HUBSPOT_GROUP    "leadwright"

/* The internal name of @property in HubSpot: "lifecyclestage",
 * "jobtitle", "leadwright_fit_score", or the id with "-" as "_". When
 * @custom is given it says whether the property must be created in HubSpot
 * by hand: it is neither one of HubSpot's own contact properties nor one
 * this export defines (the scores and the grade). */
char       *lw_hubspot_property_name     (const LwConfig     *config,
                                          const LwProperty   *property,
                                          gboolean           *custom);
/* @value of @property as HubSpot stores it: a stage's or status's HubSpot
 * value, a date as milliseconds since the epoch, else @value. */
char       *lw_hubspot_value             (const LwConfig     *config,
                                          const LwProperty   *property,
                                          const char         *value);

/* {"filterGroups": [...]} for @condition of bound @config; warnings about
 * properties go to @report (may be NULL) under @path. */
JsonNode   *lw_hubspot_condition_to_json (const LwConfig     *config,
                                          const LwCondition  *condition,
                                          const char         *path,
                                          GPtrArray          *report);

/* The whole document, as a tree and as text (two-space indentation, a
 * final newline). */
JsonNode   *lw_hubspot_export            (const LwConfig     *config,
                                          GPtrArray          *report);
char       *lw_hubspot_export_to_data    (const LwConfig     *config,
                                          GPtrArray          *report,
                                          gsize              *length);

G_END_DECLS
