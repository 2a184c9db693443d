/* lw-json-pos.h: where each value of a JSON text stands
 *
 * json-glib parses and generates; this small scanner reads the same text once
 * more to map every JSON path ("$.routing.rules[2].when") to the line and
 * column where its value (and, for object members, its key) begins, so every
 * error can say where. It also finds what json-glib lets pass silently:
 * duplicate keys and invalid UTF-8.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _LwJsonPositions LwJsonPositions;

/* The domain of the errors of lw_json_positions_scan(). */
#define LW_JSON_ERROR (lw_json_error_quark ())
GQuark lw_json_error_quark (void);

typedef enum
{
  LW_JSON_ERROR_UTF8,           /* the text is not valid UTF-8 */
  LW_JSON_ERROR_SYNTAX,         /* the text is not well-formed JSON */
  LW_JSON_ERROR_DUPLICATE_KEY,  /* an object names the same key twice */
} LwJsonError;

/* Scans @text. Returns NULL and sets @error (G_MARKUP_ERROR-free plain
 * message "LINE:COL: what") when the text is not valid UTF-8 or not
 * well-formed JSON; json-glib is not needed for that. A duplicate key is an
 * error too: JSON objects here are maps. */
LwJsonPositions *lw_json_positions_scan    (const char      *text,
                                            gssize           length,
                                            int             *error_line,
                                            int             *error_column,
                                            GError         **error);
/* As lw_json_positions_scan(), and also returns in @error_path (optional)
 * the JSON path of the value being read when the error was found ("$" for
 * text after the document). The message of @error is only the "what" part,
 * without "LINE:COL: ". */
LwJsonPositions *lw_json_positions_scan_full (const char  *text,
                                              gssize       length,
                                              int         *error_line,
                                              int         *error_column,
                                              char       **error_path,
                                              GError     **error);
void             lw_json_positions_free    (LwJsonPositions *positions);

/* Where the value at @path begins. A path that is not in the text (a
 * missing member) resolves to its nearest existing ancestor. Returns FALSE
 * only when not even "$" is known. */
gboolean         lw_json_positions_lookup  (LwJsonPositions *positions,
                                            const char      *path,
                                            int             *line,
                                            int             *column);
/* Where the key of the member at @path begins (for "unknown field"); falls
 * back to lw_json_positions_lookup(). */
gboolean         lw_json_positions_lookup_key (LwJsonPositions *positions,
                                               const char      *path,
                                               int             *line,
                                               int             *column);

/* Appends the member @key to the JSON path in @path: ".key" when @key is
 * [A-Za-z_][A-Za-z0-9_]*, else ["key"] with '"' and '\\' escaped. */
void             lw_json_path_append_member (GString    *path,
                                             const char *key);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LwJsonPositions, lw_json_positions_free)

G_END_DECLS
