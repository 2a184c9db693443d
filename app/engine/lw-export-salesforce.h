/* lw-export-salesforce.h: routing as Salesforce assignment-rules metadata
 *
 * The routing rules become one Lead assignment rule (Metadata API version
 * 53.0): an ordered ruleEntry per rule (several for a territory map or the
 * account owners), each with criteriaItems (field / operation / value) and a
 * booleanFilter when the condition has more than one filter group, then a
 * last entry without criteria for the fallback. Named owners become Users
 * (assignedTo: their Salesforce username, by default their email), pools
 * become Queues (assignedTo: the queue's developer name). Properties become
 * Lead fields through a mapping (LwSalesforceMapping) with sensible
 * defaults; a property it does not know becomes the custom field
 * Lead.<id>__c.
 *
 * Whatever Salesforce cannot express (round robin inside a queue, weights,
 * daily caps, working hours, out of office, account owners found by email
 * domain, whole-word matching, ...) is added to the export report as a
 * warning with the JSON path of what it concerns; nothing is dropped
 * silently. SLA policies become an EscalationRules blueprint: Salesforce
 * runs escalation rules on Cases only, so that file is for reference and is
 * left out of package.xml. docs/exports.md describes every mapping.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "lw-config.h"

G_BEGIN_DECLS

#define LW_SALESFORCE_API_VERSION       "53.0"
#define LW_SALESFORCE_NAMESPACE         "http://soap.sforce.com/2006/04/metadata"
#define LW_SALESFORCE_MAPPING_FORMAT    "leadwright-salesforce-mapping"
#define LW_SALESFORCE_MAPPING_VERSION   1

/* Where lw_salesforce_export_write() puts each file, under its directory. */
#define LW_SALESFORCE_PACKAGE_FILE      "package.xml"
#define LW_SALESFORCE_ASSIGNMENT_FILE   "assignmentRules/Lead.assignmentRules-meta.xml"
#define LW_SALESFORCE_ESCALATION_FILE   "reference/Lead.escalationRules-meta.xml"
#define LW_SALESFORCE_MAPPING_FILE      "leadwright-salesforce-mapping.json"

#define LW_SALESFORCE_ERROR (lw_salesforce_error_quark ())
GQuark lw_salesforce_error_quark (void);

typedef enum
{
  LW_SALESFORCE_ERROR_MAPPING,   /* a mapping file that is malformed or wrong */
  LW_SALESFORCE_ERROR_PARSE,     /* rules XML that is not well-formed */
  LW_SALESFORCE_ERROR_FORMAT,    /* well-formed XML that holds no assignment rule */
  LW_SALESFORCE_ERROR_INVALID,   /* the imported rules do not make a valid rule set */
} LwSalesforceError;

/* ---- the mapping ----------------------------------------------------------- */

/* How Leadwright names become Salesforce names. Everything it does not say
 * takes the default; the JSON form is in docs/exports.md:
 *
 *   { "format": "leadwright-salesforce-mapping", "version": 1,
 *     "ruleName": "Leadwright routing", "active": false,
 *     "fields": { "region": "Lead.Region__c" },
 *     "values": { "lead_status": { "new": "Open - Not Contacted" } },
 *     "users":  { "olivia": "olivia.brown@acme.com" },
 *     "queues": { "na-sdr": "NA_SDR" } }
 */
typedef struct _LwSalesforceMapping LwSalesforceMapping;

LwSalesforceMapping *lw_salesforce_mapping_new        (void);
void                 lw_salesforce_mapping_free       (LwSalesforceMapping *mapping);
/* Errors are LW_SALESFORCE_ERROR_MAPPING, located as
 * "FILE:LINE:COL: $.fields.country: ..." (@filename may be NULL: "<data>"). */
LwSalesforceMapping *lw_salesforce_mapping_load_data  (const char          *data,
                                                       gssize               length,
                                                       const char          *filename,
                                                       GError             **error);
LwSalesforceMapping *lw_salesforce_mapping_load_file  (const char          *filename,
                                                       GError             **error);
/* The mapping in effect for @config: every property, rep and pool with the
 * name it gets, defaults included, as JSON text to edit and load again. */
char                *lw_salesforce_mapping_to_data    (const LwSalesforceMapping *mapping,
                                                       const LwConfig            *config,
                                                       gsize                     *length);

/* @field is "Lead.ApiName". */
void        lw_salesforce_mapping_set_field      (LwSalesforceMapping *mapping,
                                                  const char          *property,
                                                  const char          *field);
void        lw_salesforce_mapping_set_value      (LwSalesforceMapping *mapping,
                                                  const char          *property,
                                                  const char          *value,
                                                  const char          *salesforce_value);
void        lw_salesforce_mapping_set_user       (LwSalesforceMapping *mapping,
                                                  const char          *rep,
                                                  const char          *username);
void        lw_salesforce_mapping_set_queue      (LwSalesforceMapping *mapping,
                                                  const char          *pool,
                                                  const char          *queue);
void        lw_salesforce_mapping_set_rule_name  (LwSalesforceMapping *mapping,
                                                  const char          *name);
void        lw_salesforce_mapping_set_active     (LwSalesforceMapping *mapping,
                                                  gboolean             active);

/* The assignment rule's fullName: the mapping's, else the rule set's name
 * (at most 80 characters), else "Leadwright". */
char       *lw_salesforce_mapping_dup_rule_name  (const LwSalesforceMapping *mapping,
                                                  const LwConfig            *config);
gboolean    lw_salesforce_mapping_get_active     (const LwSalesforceMapping *mapping);

/* The Lead field of @property: the mapping's, else a standard field
 * (country -> Lead.Country, ...), else the custom field Lead.<id>__c, in
 * which case *custom (optional) is set to TRUE. */
char       *lw_salesforce_mapping_dup_field      (const LwSalesforceMapping *mapping,
                                                  const LwProperty          *property,
                                                  gboolean                  *custom);
/* The Salesforce value of @value of @property: the mapping's, else @value. */
const char *lw_salesforce_mapping_get_value      (const LwSalesforceMapping *mapping,
                                                  const char                *property,
                                                  const char                *value);
/* The Leadwright value the mapping gives @salesforce_value, or NULL. */
const char *lw_salesforce_mapping_lookup_value   (const LwSalesforceMapping *mapping,
                                                  const char                *property,
                                                  const char                *salesforce_value);
/* The username of @rep: the mapping's, else the rep's email, else NULL. */
char       *lw_salesforce_mapping_dup_user       (const LwSalesforceMapping *mapping,
                                                  const LwRep               *rep);
/* The queue's developer name of @pool: the mapping's, else the pool id made
 * a developer name ("na-sdr" -> "na_sdr"). */
char       *lw_salesforce_mapping_dup_queue      (const LwSalesforceMapping *mapping,
                                                  const LwPool              *pool);
/* The rep or pool id the mapping gives a username or queue, or NULL. */
const char *lw_salesforce_mapping_lookup_user    (const LwSalesforceMapping *mapping,
                                                  const char                *username);
const char *lw_salesforce_mapping_lookup_queue   (const LwSalesforceMapping *mapping,
                                                  const char                *queue);

/* @text made a Salesforce developer name: letters, digits and single
 * underscores, starting with a letter, not ending with "_", at most
 * @max_length characters. */
char       *lw_salesforce_developer_name         (const char                *text,
                                                  guint                      max_length);

/* ---- the export -------------------------------------------------------------- */

typedef struct
{
  char *assignment_rules;   /* Lead.assignmentRules-meta.xml */
  char *escalation_rules;   /* Lead.escalationRules-meta.xml (a blueprint);
                             * NULL when the rule set has no SLA policy */
  char *package;            /* package.xml: the assignment rules only */
  char *mapping;            /* the mapping in effect, as JSON */
} LwSalesforceExport;

/* Exports bound @config with @mapping (NULL: the defaults). Every warning
 * goes to @report (a GPtrArray of LwDiagnostic; may be NULL). */
LwSalesforceExport *lw_salesforce_export        (const LwConfig            *config,
                                                 const LwSalesforceMapping *mapping,
                                                 GPtrArray                 *report);
void                lw_salesforce_export_free   (LwSalesforceExport        *export);
/* Writes the files under @directory (created if needed), each atomically. */
gboolean            lw_salesforce_export_write  (const LwSalesforceExport  *export,
                                                 const char                *directory,
                                                 GError                   **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LwSalesforceMapping, lw_salesforce_mapping_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LwSalesforceExport, lw_salesforce_export_free)

G_END_DECLS
