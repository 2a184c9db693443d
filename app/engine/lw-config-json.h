/* lw-config-json.h: the rule set as versioned JSON
 *
 * {"format": "leadwright-config", "version": 1, ...}; docs/config-format.md
 * describes every field. Loading rejects malformed JSON, a wrong format, a
 * newer version, unknown fields, wrong types and every error that
 * lw_config_bind() finds, each located as
 *   FILE:LINE:COL: error: $.routing.rules[2].when.filterGroups[0].filters[1].operator: ...
 * Saving is canonical: a fixed key order, so load -> save -> load -> save
 * gives identical bytes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "lw-config.h"

G_BEGIN_DECLS

/* On failure returns NULL; @error holds the first error, located, and
 * @diagnostics (optional, GPtrArray of LwDiagnostic) receives all of them.
 * @filename is only used in messages (may be NULL: "<data>"). */
LwConfig   *lw_config_load_data       (const char   *data,
                                       gssize        length,
                                       const char   *filename,
                                       GPtrArray    *diagnostics,
                                       GError      **error);
/* Like lw_config_load_data(), but a document of the right shape is
 * returned even when lw_config_bind() finds errors in it (a dangling
 * reference, a duplicate id, a missing fallback: what a half-finished edit
 * leaves); those errors go to @diagnostics, located. Malformed JSON, a
 * wrong format or version, unknown members, wrong types and values out of
 * range still fail. For the autosaved working copy of a workspace. */
LwConfig   *lw_config_load_data_lenient (const char *data,
                                         gssize      length,
                                         const char *filename,
                                         GPtrArray  *diagnostics,
                                         GError    **error);
LwConfig   *lw_config_load_file       (const char   *filename,
                                       GPtrArray    *diagnostics,
                                       GError      **error);

/* The canonical JSON text, ending with a newline. */
char       *lw_config_to_data         (const LwConfig *config,
                                       gsize          *length);
/* Writes atomically (a temporary file renamed over @filename): a failure
 * leaves the old file whole. */
gboolean    lw_config_save_file       (const LwConfig *config,
                                       const char     *filename,
                                       GError        **error);

/* Locates @diagnostics (from lw_config_bind() or lw_lint_config() on a
 * config loaded from @data) in that text: fills in file, line and column. */
void        lw_config_locate          (const char   *data,
                                       gssize        length,
                                       const char   *filename,
                                       GPtrArray    *diagnostics);

/* Shared by the scenario and lead readers: conditions in HubSpot's shape. */
LwCondition *lw_condition_from_json   (JsonNode     *node,
                                       const char   *path,
                                       GPtrArray    *diagnostics);
JsonNode    *lw_condition_to_json     (const LwCondition *condition);

G_END_DECLS
