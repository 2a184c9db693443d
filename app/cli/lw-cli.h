/* lw-cli.h: shared pieces of leadwright-cli's commands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "lw-alerts.h"
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
int        lw_cli_export_leads    (int argc, char **argv);
int        lw_cli_import_leads    (int argc, char **argv);
int        lw_cli_live            (int argc, char **argv);
int        lw_cli_watch           (int argc, char **argv);

/* The options that say who receives alerts and how (lw-cli-live.c), shared
 * by watch and simulate --alerts. */
typedef struct _LwCliAlertOptions LwCliAlertOptions;

LwCliAlertOptions *lw_cli_alert_options_new         (void);
void               lw_cli_alert_options_free        (LwCliAlertOptions  *options);
/* @entries followed by the alert options (free the array with g_free()). */
GOptionEntry      *lw_cli_alert_options_add_entries (LwCliAlertOptions  *options,
                                                     const GOptionEntry *entries);
/* The settings the options give under @config; NULL after printing why. */
LwAlertSettings   *lw_cli_alert_options_to_settings (LwCliAlertOptions  *options,
                                                     const LwConfig     *config,
                                                     const char         *command);

/* Alerts of a paced run: its tap (a sink fed on the simulation's thread)
 * turns SLA events into alerts shown and recorded on the main thread. */
typedef struct _LwCliAlertRelay LwCliAlertRelay;

LwCliAlertRelay   *lw_cli_alert_relay_new           (const LwConfig        *sim_config,
                                                     const LwAlertSettings *settings,
                                                     LwStore               *store,
                                                     const gint64          *run);
const LwSimSink   *lw_cli_alert_relay_get_tap       (LwCliAlertRelay       *relay);
/* Delivers what the run left queued; returns the number of alerts raised
 * and sets *@shown to the number a notification server took. */
guint              lw_cli_alert_relay_finish        (LwCliAlertRelay       *relay,
                                                     guint                 *shown);
void               lw_cli_alert_relay_free          (LwCliAlertRelay       *relay);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LwCliAlertOptions, lw_cli_alert_options_free)

G_END_DECLS
