/* lw-condition.h: HubSpot-shaped filters evaluated against a lead
 *
 * A condition is an OR of filter groups, each an AND of filters, in the shape
 * of HubSpot's CRM search API (filterGroups / filters / propertyName /
 * operator / value | values | highValue). A condition with no group matches
 * every lead ("always").
 *
 * Semantics, by property type:
 * - number: compared as numbers; datetime: compared as instants (ISO 8601 or
 *   milliseconds since the epoch, as HubSpot sends them); boolean: "true" or
 *   "false"; string, enum, email: compared case-insensitively.
 * - CONTAINS_TOKEN matches whole words: the value's words must appear, in
 *   order and next to each other, among the lead's words ("gmail.com" matches
 *   "ana@gmail.com", "man" does not match "manager"). A leading or trailing
 *   "*" in the value matches the rest of a word ("manag*").
 * - A lead without the property: HAS_PROPERTY is false, NOT_HAS_PROPERTY true;
 *   NEQ, NOT_IN and NOT_CONTAINS_TOKEN are true; every other operator false.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "lw-types.h"

G_BEGIN_DECLS

typedef enum
{
  LW_OP_EQ,
  LW_OP_NEQ,
  LW_OP_LT,
  LW_OP_LTE,
  LW_OP_GT,
  LW_OP_GTE,
  LW_OP_BETWEEN,
  LW_OP_IN,
  LW_OP_NOT_IN,
  LW_OP_HAS_PROPERTY,
  LW_OP_NOT_HAS_PROPERTY,
  LW_OP_CONTAINS_TOKEN,
  LW_OP_NOT_CONTAINS_TOKEN,
  LW_N_OPERATORS
} LwOperator;

typedef struct
{
  char       *property;    /* property id */
  LwOperator  op;
  char       *value;       /* single-value operators; BETWEEN's low bound */
  char       *high_value;  /* BETWEEN's high bound */
  GStrv       values;      /* IN and NOT_IN */

  /* Set by lw_condition_bind() from the property catalogue; borrowed. */
  int         prop_index;  /* -1 until bound */
  LwValue     low;         /* parsed value / low bound */
  LwValue     high;        /* parsed high bound */
  LwValue    *set;         /* parsed values, n_set of them */
  guint       n_set;
} LwFilter;

typedef struct
{
  GPtrArray *filters;      /* LwFilter */
} LwFilterGroup;

typedef struct
{
  GPtrArray *groups;       /* LwFilterGroup */
} LwCondition;

const char     *lw_operator_to_string    (LwOperator   op);
/* Returns FALSE for a name that is not one of the 13 operators. */
gboolean        lw_operator_from_string  (const char  *name,
                                          LwOperator  *op);
/* The operators that make sense for a property type (LwPropertyType). */
gboolean        lw_operator_applies_to   (LwOperator   op,
                                          int          property_type);
/* "is", "is not", "<", "≤", ... as used in summaries. */
const char     *lw_operator_to_symbol    (LwOperator   op);

LwFilter       *lw_filter_new            (const char  *property,
                                          LwOperator   op,
                                          const char  *value);
LwFilter       *lw_filter_copy           (const LwFilter *filter);
void            lw_filter_free           (LwFilter    *filter);

LwFilterGroup  *lw_filter_group_new      (void);
LwFilterGroup  *lw_filter_group_copy     (const LwFilterGroup *group);
void            lw_filter_group_free     (LwFilterGroup *group);

LwCondition    *lw_condition_new         (void);
LwCondition    *lw_condition_copy        (const LwCondition *condition);
void            lw_condition_free        (LwCondition *condition);
gboolean        lw_condition_is_always   (const LwCondition *condition);
gboolean        lw_condition_equal       (const LwCondition *a,
                                          const LwCondition *b);

/* Resolves property ids to catalogue indexes and parses values by the
 * property's type. Each problem is added to @diagnostics (may be NULL) with
 * the JSON path @path + ".filterGroups[i].filters[j].field". Returns FALSE
 * when any filter could not be bound; such a condition must not be
 * evaluated. */
gboolean        lw_condition_bind        (LwCondition     *condition,
                                          const LwConfig  *config,
                                          const char      *path,
                                          GPtrArray       *diagnostics);

/* Fast path: no allocation. The condition must be bound. */
gboolean        lw_condition_eval        (const LwCondition *condition,
                                          const LwLead      *lead);
gboolean        lw_filter_eval           (const LwFilter    *filter,
                                          const LwLead      *lead);

/* As lw_condition_eval(), and appends to @out why, in plain language:
 * each filter with the lead's value and whether it held, e.g.
 * "Country is any of United States, Canada (lead: United States) ✓;
 * Employees ≥ 200 (lead: 150) ✗"; a missing value reads "(lead: no value)".
 * Every filter is shown; groups are joined by " — or — ". */
gboolean        lw_condition_explain     (const LwCondition *condition,
                                          const LwConfig    *config,
                                          const LwLead      *lead,
                                          GString           *out);

/* A readable summary: "Country is any of United States, Canada and
 * Employees ≥ 200", groups joined by " — or — ". "Every lead" for an empty
 * condition. Uses property and option labels from @config. */
char           *lw_condition_describe    (const LwCondition *condition,
                                          const LwConfig    *config);
char           *lw_filter_describe       (const LwFilter    *filter,
                                          const LwConfig    *config);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LwFilter, lw_filter_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LwFilterGroup, lw_filter_group_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LwCondition, lw_condition_free)

G_END_DECLS
