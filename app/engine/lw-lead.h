/* lw-lead.h: one lead, its property values and its activities
 *
 * A lead is bound to the property catalogue of the config it was made for:
 * values[i] is the value of config->properties[i]. Built-in properties
 * (lifecycle stage, scores, ...) are set by the engine.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "lw-config.h"
#include "lw-types.h"

G_BEGIN_DECLS

typedef struct
{
  guint  type;     /* index in config->activities */
  LwTime at;
} LwActivity;

struct _LwLead
{
  char    *id;
  guint    n_values;
  LwValue *values;       /* n_values, indexed like config->properties */
  GArray  *activities;   /* LwActivity, in time order */
};

LwLead   *lw_lead_new              (const LwConfig *config,
                                    const char     *id);
void      lw_lead_free             (LwLead         *lead);
LwLead   *lw_lead_copy             (const LwLead   *lead);

/* Parses @text by the property's type ("200", "true", "2026-03-09T14:00:00Z",
 * milliseconds since the epoch for datetimes) and stores it; for an email
 * property it also fills the properties derived from it (domain_of). Enum
 * values must be one of the options. NULL clears the value. */
gboolean  lw_lead_set              (LwLead         *lead,
                                    const LwConfig *config,
                                    const char     *property,
                                    const char     *text,
                                    GError        **error);
void      lw_lead_set_number       (LwLead         *lead,
                                    guint           prop_index,
                                    double          number);
void      lw_lead_set_string       (LwLead         *lead,
                                    guint           prop_index,
                                    const char     *text);
void      lw_lead_unset            (LwLead         *lead,
                                    guint           prop_index);
const LwValue *lw_lead_get         (const LwLead   *lead,
                                    guint           prop_index);
/* The value as text, as a person would read it; NULL when unset. */
char     *lw_lead_dup_text         (const LwLead   *lead,
                                    const LwConfig *config,
                                    guint           prop_index);

void      lw_lead_add_activity     (LwLead         *lead,
                                    guint           type,
                                    LwTime          at);

/* Sets @value to @text (copied) and its folded form (lw_text_fold()). */
void      lw_value_set_text        (LwValue          *value,
                                    const char       *text);
/* @text as values compare it: NFC-normalized, then casefolded. Text that
 * is not valid UTF-8 is casefolded as it is. Free with g_free(). */
char     *lw_text_fold             (const char       *text);

/* Parses a value of @type from @text into @out; FALSE with a message in
 * @error when it does not fit the type. Enum values are checked against
 * @property's options. */
gboolean  lw_value_parse           (LwValue          *out,
                                    const LwProperty *property,
                                    const char       *text,
                                    GError          **error);
/* A value of @property as text, as a person would read it: "250", "12.5",
 * "true", "2026-03-09T14:00:00Z", the text of strings and the option value
 * of enums; NULL when unset. */
char     *lw_value_dup_text        (const LwValue    *value,
                                    const LwProperty *property);

/* A lead as JSON:
 *   { "id": "L-1", "properties": { "country": "US", "employees": 250 },
 *     "activities": [ { "type": "demo_request", "at": "2026-03-09T14:00:00Z" } ] }
 * Errors are located like config errors (FILE:LINE:COL: error: $.path: ...). */
LwLead   *lw_lead_load_file        (const LwConfig *config,
                                    const char     *filename,
                                    GError        **error);
LwLead   *lw_lead_load_data        (const LwConfig *config,
                                    const char     *data,
                                    gssize          length,
                                    const char     *filename,
                                    GError        **error);

/* A compact binary form of the lead's own property values (built-ins and
 * activities are not included), for the workspace store: for each set
 * property its index, then an enum's option index, a number, or a text.
 * Properties derived by domain_of are left out when they hold the derived
 * value. */
void      lw_lead_encode           (const LwLead   *lead,
                                    const LwConfig *config,
                                    GByteArray     *out);
/* Sets the values encoded in @data on @lead (made for @config); FALSE with
 * @error when @data is not an encoding of that catalogue. */
gboolean  lw_lead_decode           (LwLead         *lead,
                                    const LwConfig *config,
                                    const guint8   *data,
                                    gsize           length,
                                    GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LwLead, lw_lead_free)

G_END_DECLS
