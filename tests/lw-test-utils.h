/* lw-test-utils.h: helpers shared by the engine tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "lw-config.h"
#include "lw-config-json.h"
#include "lw-lead.h"

G_BEGIN_DECLS

/* The path of a file in tests/data/. */
char     *lw_test_data_path      (const char *name);
/* The text of a file in tests/data/ (asserts it reads). */
char     *lw_test_data_text      (const char *name);
/* The path of data/samples/NAME. */
char     *lw_test_sample_path    (const char *name);
/* The path of ../shared/data/NAME; the test is skipped when it is absent. */
char     *lw_test_shared_path    (const char *name);

/* Sets @category of the locale to @name ("tr_TR") in UTF-8, making the
 * locale with localedef in a temporary folder when the system has none.
 * FALSE when that cannot be done (no "locales" package): the caller
 * skips. lw_test_reset_locale() goes back to "C" for every category. */
gboolean  lw_test_use_locale     (int         category,
                                  const char *name);
/* LC_NUMERIC in German, whose decimal separator is a comma. */
gboolean  lw_test_use_comma_locale (void);
void      lw_test_reset_locale   (void);

/* Deletes @path: a file, or a folder with all it holds. */
void      lw_test_remove_tree    (const char *path);

/* Loads a config from JSON text and asserts it loaded without error. */
LwConfig *lw_test_load_config    (const char *json);
/* Binds @config, asserting it has no errors (printing them when it has). */
void      lw_test_bind_config    (LwConfig   *config);
/* Loads data/samples/b2b-playbook.json. */
LwConfig *lw_test_load_sample    (void);

/* A rep added to @config (not bound), in @time_zone, with no hours. */
LwRep    *lw_test_add_rep        (LwConfig   *config,
                                  const char *id,
                                  const char *name,
                                  const char *time_zone);
/* Gives @rep 09:00-17:00 Monday to Friday. */
void      lw_test_add_office_hours (LwRep *rep);

/* A lead of @config from "prop=value" pairs, NULL-terminated:
 *   lw_test_lead (config, "country=US", "employees=250", NULL) */
LwLead   *lw_test_lead           (const LwConfig *config,
                                  ...) G_GNUC_NULL_TERMINATED;

/* 2026-03-09T14:00:00Z style, asserting it parses. */
LwTime    lw_test_time           (const char *iso8601);

/* Asserts that @diagnostics holds a diagnostic of @severity whose path is
 * @path and whose message contains @fragment; returns it. */
const LwDiagnostic *lw_test_assert_diagnostic (GPtrArray  *diagnostics,
                                               LwSeverity  severity,
                                               const char *path,
                                               const char *fragment);

G_END_DECLS
