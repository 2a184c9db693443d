/* lw-cli-export.c: export a rule set to other tools, import Salesforce rules
 *
 *   leadwright-cli export CONFIG --format json|salesforce|hubspot|markdown|html [-o DIR|FILE]
 *   leadwright-cli import-rules CONFIG --from-salesforce FILE.xml -o OUT.json
 *
 * What the target cannot express is printed as warnings on standard error;
 * with --strict a warning makes the command fail.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "lw-cli.h"
#include "lw-config-json.h"
#include "lw-export-hubspot.h"
#include "lw-export-playbook.h"
#include "lw-playbook-figures.h"
#include "lw-export-salesforce.h"
#include "lw-import-salesforce.h"

static const char * const formats[] = { "json", "salesforce", "hubspot", "markdown", "html", NULL };

/* Loads --mapping when given; FALSE (printed) when it does not load. */
static gboolean
load_mapping (const char           *filename,
              LwSalesforceMapping **mapping)
{
  g_autoptr(GError) error = NULL;

  *mapping = NULL;
  if (filename == NULL)
    return TRUE;
  *mapping = lw_salesforce_mapping_load_file (filename, &error);
  if (*mapping == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return FALSE;
    }
  return TRUE;
}

/* Writes @text to @output, or to standard output when @output is NULL. */
static gboolean
write_text (const char *output,
            const char *text,
            gsize       length)
{
  g_autoptr(GError) error = NULL;

  if (output == NULL)
    {
      fwrite (text, 1, length, stdout);
      return TRUE;
    }
  if (!g_file_set_contents (output, text, length, &error))
    {
      fprintf (stderr, "%s: error: %s\n", output, error->message);
      return FALSE;
    }
  return TRUE;
}

static int
finish (GPtrArray *report,
        gboolean   strict)
{
  lw_cli_print_diagnostics (report);
  if (strict && report->len > 0)
    return LW_EXIT_INVALID;
  return LW_EXIT_OK;
}

static int
export_salesforce (const LwConfig *config,
                   const char     *mapping_file,
                   const char     *directory,
                   gboolean        strict)
{
  g_autoptr(LwSalesforceMapping) mapping = NULL;
  g_autoptr(LwSalesforceExport) export = NULL;
  g_autoptr(GPtrArray) report = lw_diagnostics_new ();
  g_autoptr(GError) error = NULL;

  if (!load_mapping (mapping_file, &mapping))
    return LW_EXIT_INVALID;

  export = lw_salesforce_export (config, mapping, report);
  if (!lw_salesforce_export_write (export, directory, &error))
    {
      fprintf (stderr, "%s: error: %s\n", directory, error->message);
      return LW_EXIT_INVALID;
    }

  {
    g_autofree char *package = g_build_filename (directory, LW_SALESFORCE_PACKAGE_FILE, NULL);
    g_autofree char *assignment = g_build_filename (directory, LW_SALESFORCE_ASSIGNMENT_FILE, NULL);
    g_autofree char *escalation = g_build_filename (directory, LW_SALESFORCE_ESCALATION_FILE, NULL);
    g_autofree char *used = g_build_filename (directory, LW_SALESFORCE_MAPPING_FILE, NULL);

    printf ("%s\n%s\n", package, assignment);
    if (export->escalation_rules != NULL)
      printf ("%s (a blueprint: Salesforce escalation rules run on Cases)\n", escalation);
    printf ("%s (the mapping used; edit it and pass it with --mapping)\n", used);
  }
  return finish (report, strict);
}

int
lw_cli_export (int    argc,
               char **argv)
{
  g_autofree char *format = NULL;
  g_autofree char *output = NULL;
  g_autofree char *mapping = NULL;
  g_autofree char *db = NULL;
  gint64 run = 0;
  gboolean strict = FALSE;
  GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format,
      "Output format: json (default), salesforce, hubspot, markdown or html", "FORMAT" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      "Write to this file (salesforce: this directory, required; default: standard output)", "PATH" },
    { "mapping", 0, 0, G_OPTION_ARG_FILENAME, &mapping,
      "salesforce: the field, user and queue mapping to use (JSON)", "FILE" },
    { "strict", 0, 0, G_OPTION_ARG_NONE, &strict,
      "Fail when the format cannot express everything", NULL },
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db,
      "markdown, html: end with the funnel and SLA figures of a run of this workspace", "FILE" },
    { "run", 0, 0, G_OPTION_ARG_INT64, &run,
      "markdown, html: that run (default: the latest finished run)", "ID" },
    { NULL }
  };
  g_autoptr(LwConfig) config = NULL;
  g_autoptr(LwPlaybookRun) figures = NULL;
  g_autoptr(GPtrArray) report = lw_diagnostics_new ();
  g_autoptr(GError) error = NULL;

  if (!lw_cli_parse_options (lw_cli_find_command ("export"), entries, &argc, &argv, 1, 1))
    return LW_EXIT_USAGE;

  if (format == NULL)
    format = g_strdup ("json");
  if (!g_strv_contains (formats, format))
    {
      fprintf (stderr, "leadwright-cli export: unknown format \"%s\" "
               "(expected json, salesforce, hubspot, markdown or html)\n", format);
      return LW_EXIT_USAGE;
    }
  if (strcmp (format, "salesforce") == 0 && output == NULL)
    {
      fprintf (stderr, "leadwright-cli export: --format salesforce writes several files: "
               "name their directory with -o DIR\n");
      return LW_EXIT_USAGE;
    }
  if (mapping != NULL && strcmp (format, "salesforce") != 0)
    {
      fprintf (stderr, "leadwright-cli export: --mapping only goes with --format salesforce\n");
      return LW_EXIT_USAGE;
    }

  if ((db != NULL || run != 0) && strcmp (format, "markdown") != 0 && strcmp (format, "html") != 0)
    {
      fprintf (stderr, "leadwright-cli export: --db and --run go with --format markdown or html\n");
      return LW_EXIT_USAGE;
    }
  if (run != 0 && db == NULL)
    {
      fprintf (stderr, "leadwright-cli export: --run needs --db FILE\n");
      return LW_EXIT_USAGE;
    }

  config = lw_cli_load_config (argv[2]);
  if (config == NULL)
    return LW_EXIT_INVALID;

  if (db != NULL)
    {
      g_autoptr(LwStore) store = NULL;

      /* Opening would create it. */
      if (!g_file_test (db, G_FILE_TEST_IS_REGULAR))
        {
          fprintf (stderr, "%s: error: no such workspace file\n", db);
          return LW_EXIT_INVALID;
        }
      store = lw_store_open (db, &error);

      if (store != NULL)
        figures = lw_playbook_run_query (store, config, run, NULL, &error);
      if (figures == NULL)
        {
          fprintf (stderr, "%s: error: %s\n", db, error->message);
          return LW_EXIT_INVALID;
        }
    }

  if (strcmp (format, "json") == 0)
    {
      gsize length = 0;
      g_autofree char *data = NULL;

      if (output != NULL)
        {
          if (!lw_config_save_file (config, output, &error))
            {
              fprintf (stderr, "%s: error: %s\n", output, error->message);
              return LW_EXIT_INVALID;
            }
          return LW_EXIT_OK;
        }
      data = lw_config_to_data (config, &length);
      write_text (NULL, data, length);
      return LW_EXIT_OK;
    }

  if (strcmp (format, "salesforce") == 0)
    return export_salesforce (config, mapping, output, strict);

  {
    g_autofree char *text = NULL;

    if (strcmp (format, "hubspot") == 0)
      text = lw_hubspot_export_to_data (config, report, NULL);
    else if (strcmp (format, "markdown") == 0)
      text = lw_playbook_to_markdown (config, figures ? lw_playbook_run_get_figures (figures) : NULL);
    else
      text = lw_playbook_to_html (config, figures ? lw_playbook_run_get_figures (figures) : NULL);

    if (!write_text (output, text, strlen (text)))
      return LW_EXIT_INVALID;
  }
  return finish (report, strict);
}

int
lw_cli_import_rules (int    argc,
                     char **argv)
{
  g_autofree char *from = NULL;
  g_autofree char *output = NULL;
  g_autofree char *mapping_file = NULL;
  gboolean strict = FALSE;
  GOptionEntry entries[] = {
    { "from-salesforce", 0, 0, G_OPTION_ARG_FILENAME, &from,
      "Lead assignment rules (Lead.assignmentRules-meta.xml)", "FILE.xml" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      "Write the rule set with the imported routing here (required)", "OUT.json" },
    { "mapping", 0, 0, G_OPTION_ARG_FILENAME, &mapping_file,
      "The field, user and queue mapping to read names with (JSON)", "FILE" },
    { "strict", 0, 0, G_OPTION_ARG_NONE, &strict,
      "Fail, writing nothing, when anything did not map", NULL },
    { NULL }
  };
  g_autoptr(LwConfig) config = NULL;
  g_autoptr(LwConfig) imported = NULL;
  g_autoptr(LwSalesforceMapping) mapping = NULL;
  g_autoptr(GPtrArray) report = lw_diagnostics_new ();
  g_autoptr(GError) error = NULL;

  if (!lw_cli_parse_options (lw_cli_find_command ("import-rules"), entries, &argc, &argv, 1, 1))
    return LW_EXIT_USAGE;
  if (from == NULL || output == NULL)
    {
      fprintf (stderr, "leadwright-cli import-rules: %s is required\n"
               "Run \"leadwright-cli import-rules --help\" for usage.\n",
               from == NULL ? "--from-salesforce FILE.xml" : "-o OUT.json");
      return LW_EXIT_USAGE;
    }

  config = lw_cli_load_config (argv[2]);
  if (config == NULL)
    return LW_EXIT_INVALID;
  if (!load_mapping (mapping_file, &mapping))
    return LW_EXIT_INVALID;

  imported = lw_salesforce_import_file (config, mapping, from, report, &error);
  lw_cli_print_diagnostics (report);
  if (imported == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return LW_EXIT_INVALID;
    }
  if (strict && report->len > 0)
    {
      fprintf (stderr, "leadwright-cli import-rules: not everything mapped (--strict): %s not written\n",
               output);
      return LW_EXIT_INVALID;
    }

  if (!lw_config_save_file (imported, output, &error))
    {
      fprintf (stderr, "%s: error: %s\n", output, error->message);
      return LW_EXIT_INVALID;
    }
  printf ("%s: %u routing rule%s from %s, %u warning%s\n", output,
          imported->rules->len, imported->rules->len == 1 ? "" : "s", from,
          report->len, report->len == 1 ? "" : "s");
  return LW_EXIT_OK;
}
