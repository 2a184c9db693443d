/* leadwright-cli.c: the headless tool: validate, score, route, export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "lw-cli.h"
#include "lw-config-json.h"

static const LwCliCommand commands[] = {
  { "validate", "FILE...", "Check rule sets: errors, then warnings about rules that will not behave as meant", lw_cli_validate },
  { "score", "CONFIG LEAD.json", "Score a lead and explain each point", lw_cli_score },
  { "route", "CONFIG LEAD.json", "Route a lead and explain each rule tried, with its SLA deadlines", lw_cli_route },
  { "export", "CONFIG", "Write the rule set in another format", lw_cli_export },
  { "simulate", "CONFIG", "Run simulated inbound leads through the rules and summarise what happened", lw_cli_simulate },
  { "report", "funnel|sla|routing|sources", "Report the figures of a recorded run", lw_cli_report },
  { "explain", "LEAD_ID", "Tell the whole story of one simulated lead", lw_cli_explain },
  { "compare", "CONFIG_A CONFIG_B", "Run two rule sets on the same leads and show what changes", lw_cli_compare },
  { "revisions", "", "List, show, compare and restore the rule-set revisions of a workspace", lw_cli_revisions },
  { "import-rules", "CONFIG", "Read Salesforce assignment rules into a rule set's routing", lw_cli_import_rules },
  { "export-leads", "", "Write the leads (or events) of a simulation run, or the live leads, as CSV", lw_cli_export_leads },
  { "import-leads", "FILE.csv", "Import leads from a CSV file (a CRM export) as live leads", lw_cli_import_leads },
  { "live", "add|touch|status|list", "Enter live leads, log their touches and follow their SLA clocks", lw_cli_live },
  { "watch", "", "Follow the SLA clocks of a workspace's live leads and send desktop alerts", lw_cli_watch },
};

static void
print_usage (FILE *out)
{
  fprintf (out,
           "Usage: leadwright-cli COMMAND [OPTION...] ARGS\n"
           "\n"
           "Design and test lead-management rules without a display.\n"
           "\n"
           "Commands:\n");
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-13s %s\n", commands[i].name, commands[i].summary);
  fprintf (out,
           "\n"
           "Run \"leadwright-cli COMMAND --help\" for a command's options.\n"
           "Exit status: 0 success, 1 invalid input, 2 usage error.\n");
}

gboolean
lw_cli_parse_options (const LwCliCommand *command,
                      GOptionEntry       *entries,
                      int                *argc,
                      char             ***argv,
                      int                 min_args,
                      int                 max_args)
{
  g_autofree char *parameter = g_strdup_printf ("%s %s", command->name, command->args);
  g_autoptr(GOptionContext) context = g_option_context_new (parameter);
  g_autoptr(GError) error = NULL;
  int positional;

  g_option_context_set_summary (context, command->summary);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, NULL);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      fprintf (stderr, "leadwright-cli %s: %s\nRun \"leadwright-cli %s --help\" for usage.\n",
               command->name, error->message, command->name);
      return FALSE;
    }

  /* argv[0] is the program, argv[1] the command. */
  positional = *argc - 2;
  if (positional < min_args || (max_args >= 0 && positional > max_args))
    {
      fprintf (stderr, "leadwright-cli %s: expected %s\nRun \"leadwright-cli %s --help\" for usage.\n",
               command->name, command->args, command->name);
      return FALSE;
    }

  return TRUE;
}

void
lw_cli_print_diagnostics (GPtrArray *diagnostics)
{
  for (guint i = 0; diagnostics != NULL && i < diagnostics->len; i++)
    {
      g_autofree char *text = lw_diagnostic_format (g_ptr_array_index (diagnostics, i));
      fprintf (stderr, "%s\n", text);
    }
}

LwConfig *
lw_cli_load_config (const char *filename)
{
  g_autoptr(GPtrArray) diagnostics = lw_diagnostics_new ();
  g_autoptr(GError) error = NULL;
  LwConfig *config;

  config = lw_config_load_file (filename, diagnostics, &error);
  if (config == NULL)
    {
      if (diagnostics->len > 0)
        lw_cli_print_diagnostics (diagnostics);
      else
        fprintf (stderr, "%s\n", error->message);
    }
  return config;
}

gboolean
lw_cli_parse_time (const char *text,
                   LwTime     *out)
{
  if (text == NULL)
    {
      *out = g_get_real_time () / G_USEC_PER_SEC;
      return TRUE;
    }
  if (lw_time_parse_iso8601 (text, out))
    return TRUE;
  fprintf (stderr, "leadwright-cli: --at: \"%s\" is not an ISO 8601 time (2026-03-09T14:00:00Z)\n", text);
  return FALSE;
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  if (argc < 2)
    {
      print_usage (stderr);
      return LW_EXIT_USAGE;
    }

  if (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0 || strcmp (argv[1], "help") == 0)
    {
      print_usage (stdout);
      return LW_EXIT_OK;
    }

  if (strcmp (argv[1], "--version") == 0)
    {
      printf ("leadwright-cli %s\n", PACKAGE_VERSION);
      return LW_EXIT_OK;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strcmp (argv[1], commands[i].name) == 0)
      return commands[i].run (argc, argv);

  fprintf (stderr, "leadwright-cli: unknown command \"%s\"\n\n", argv[1]);
  print_usage (stderr);
  return LW_EXIT_USAGE;
}

const LwCliCommand *
lw_cli_find_command (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strcmp (name, commands[i].name) == 0)
      return &commands[i];
  g_assert_not_reached ();
  return NULL;
}
