/* lw-cli.h: shared pieces of leadwright-cli's commands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "lw-config.h"

G_BEGIN_DECLS

/* Exit codes every command keeps. */
enum
{
  LW_EXIT_OK      = 0,
  LW_EXIT_INVALID = 1,   /* invalid input: a file that does not load, a failed check */
  LW_EXIT_USAGE   = 2,   /* wrong arguments */
};

typedef struct
{
  const char *name;
  const char *args;      /* "FILE..." */
  const char *summary;
  int       (*run) (int argc, char **argv);
} LwCliCommand;

const LwCliCommand *lw_cli_find_command (const char *name);

/* Parses @argv with @entries; on a usage error prints it with a hint and
 * returns FALSE. @min_args/@max_args count positional arguments after the
 * command name (-1: no maximum). */
gboolean   lw_cli_parse_options   (const LwCliCommand *command,
                                   GOptionEntry       *entries,
                                   int                *argc,
                                   char             ***argv,
                                   int                 min_args,
                                   int                 max_args);

/* Loads a config, printing every diagnostic located on stderr. NULL on
 * failure. */
LwConfig  *lw_cli_load_config     (const char         *filename);

void       lw_cli_print_diagnostics (GPtrArray        *diagnostics);

/* Parses --at; NULL means now (the wall clock: the CLI is a client and may
 * read it; the engine never does). */
gboolean   lw_cli_parse_time      (const char         *text,
                                   LwTime             *out);

int        lw_cli_validate        (int argc, char **argv);
int        lw_cli_score           (int argc, char **argv);
int        lw_cli_route           (int argc, char **argv);
int        lw_cli_export          (int argc, char **argv);
int        lw_cli_simulate        (int argc, char **argv);
int        lw_cli_report          (int argc, char **argv);
int        lw_cli_explain         (int argc, char **argv);
int        lw_cli_compare         (int argc, char **argv);
int        lw_cli_revisions       (int argc, char **argv);
int        lw_cli_import_rules    (int argc, char **argv);

G_END_DECLS
