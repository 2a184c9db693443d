/* lw-import-salesforce.h: Salesforce Lead assignment rules as routing rules
 *
 * The reverse of lw-export-salesforce.h. Each ruleEntry of the assignment
 * rule becomes a routing rule, in order: its criteriaItems and booleanFilter
 * become a condition (an OR of AND groups), its User or Queue the rule's
 * owner or pool. A last entry without criteria becomes the fallback.
 *
 * Names are resolved through the mapping (NULL: the defaults) and the base
 * rule set: a field to the property the mapping gives it (or whose default
 * field it is), a username to the rep the mapping names or whose email it
 * is, a queue to the pool the mapping names or whose default developer name
 * it is, a value of an enum property to the option of that value or label.
 * What the base rule set lacks is added and reported: a property for an
 * unknown field, an option for an unknown value, a rep for an unknown user,
 * an empty pool for an unknown queue. An entry that cannot be read as a
 * Leadwright rule (a formula, a criterion on another object, a comparison
 * with another field, "within") is left out and reported. Every report
 * entry is a warning located by file, line and column, with an XPath-like
 * path ("/AssignmentRules/assignmentRule[1]/ruleEntry[2]/criteriaItems[1]").
 *
 * An export imported with the same base rule set and mapping exports again
 * to the same bytes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "lw-config.h"
#include "lw-export-salesforce.h"

G_BEGIN_DECLS

/* Returns a copy of bound @base whose routing rules (and fallback, when the
 * file has a catch-all last entry) are those of the assignment rules in
 * @data, bound. Errors: LW_SALESFORCE_ERROR_PARSE (not well-formed XML,
 * located as "FILE:LINE:COL: ..."), LW_SALESFORCE_ERROR_FORMAT (no
 * AssignmentRules with an assignmentRule), LW_SALESFORCE_ERROR_INVALID (the
 * result does not bind; its errors are added to @report). @filename is only
 * used in messages (may be NULL: "<data>"). */
LwConfig *lw_salesforce_import       (const LwConfig            *base,
                                      const LwSalesforceMapping *mapping,
                                      const char                *data,
                                      gssize                     length,
                                      const char                *filename,
                                      GPtrArray                 *report,
                                      GError                   **error);
LwConfig *lw_salesforce_import_file  (const LwConfig            *base,
                                      const LwSalesforceMapping *mapping,
                                      const char                *filename,
                                      GPtrArray                 *report,
                                      GError                   **error);

G_END_DECLS
