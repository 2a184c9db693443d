/* lw-cli-leads.c: leads as CSV, out of and into a workspace
 *
 *   leadwright-cli export-leads --db FILE [--run ID] [--events | --live] -o FILE.csv
 *   leadwright-cli import-leads --db FILE FILE.csv [--mapping FILE] [--skip-bad] [--dry-run]
 *
 * docs/exports.md ("Lead CSV") describes the columns, the mapping file and
 * what is reported.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "lw-cli.h"
#include "lw-config-json.h"
#include "lw-lead-export.h"
#include "lw-lead-import.h"

/* How many problems import-leads prints; the rest are counted. */
#define PRINTED_PROBLEMS 50

/* An existing workspace: these commands never create one. */
static LwStore *
open_workspace (const char *path,
                const char *command)
{
  g_autoptr(GError) error = NULL;
  LwStore *store;

  if (path == NULL)
    {
      fprintf (stderr, "leadwright-cli %s: --db FILE is required\n", command);
      return NULL;
    }
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      fprintf (stderr, "%s: error: no such workspace\n", path);
      return NULL;
    }
  store = lw_store_open (path, &error);
  if (store == NULL)
    fprintf (stderr, "%s: error: %s\n", path, error->message);
  return store;
}

/* ---- export-leads ------------------------------------------------------------------ */

/* The rules live leads are seen with: --config, else the workspace's
 * working copy when it is valid, else its latest revision (as "live"). */
static LwConfig *
load_rules (LwStore    *store,
            const char *config_file)
{
  g_autofree char *draft = NULL;
  g_autoptr(LwRevision) revision = NULL;
  g_autoptr(GError) error = NULL;
  LwConfig *config = NULL;

  if (config_file != NULL)
    return lw_cli_load_config (config_file);

  draft = lw_store_dup_meta (store, "draft", NULL);
  if (draft != NULL)
    config = lw_config_load_data (draft, -1, "the working copy", NULL, NULL);
  if (config != NULL)
    return config;

  revision = lw_store_get_revision (store, 0, &error);
  if (revision != NULL)
    config = lw_config_load_data (revision->json, -1, "the latest revision", NULL, &error);
  if (config == NULL)
    fprintf (stderr, "%s: error: the workspace holds no rules for its live leads: %s\n",
             lw_store_get_path (store), error->message);
  return config;
}


int
lw_cli_export_leads (int    argc,
                     char **argv)
{
  g_autofree char *db = NULL;
  g_autofree char *output = NULL;
  gint64 run = 0;
  g_autofree char *config_file = NULL;
  gboolean events = FALSE, live = FALSE, bom = FALSE, raw = FALSE;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, "Workspace file", "FILE" },
    { "run", 'r', 0, G_OPTION_ARG_INT64, &run, "Run (default: the latest finished)", "ID" },
    { "events", 0, 0, G_OPTION_ARG_NONE, &events, "Write the run's events, one row each, instead of its leads", NULL },
    { "live", 0, 0, G_OPTION_ARG_NONE, &live,
      "Write the workspace's live leads, as the rules see them now, instead of a run's", NULL },
    { "config", 0, 0, G_OPTION_ARG_FILENAME, &config_file,
      "With --live: the rules to see them with (default: the workspace's)", "CONFIG" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "The CSV file to write (required)", "FILE.csv" },
    { "bom", 0, 0, G_OPTION_ARG_NONE, &bom, "Begin with a UTF-8 byte order mark, for Excel", NULL },
    { "raw", 0, 0, G_OPTION_ARG_NONE, &raw,
      "Leave cells starting with = + - @ as they are (for programs, not spreadsheets)", NULL },
    { NULL }
  };
  g_autoptr(LwStore) store = NULL;
  g_autoptr(LwRunInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  LwCsvWriteFlags flags = LW_CSV_WRITE_DEFAULT;
  guint64 rows = 0;

  if (!lw_cli_parse_options (lw_cli_find_command ("export-leads"), entries, &argc, &argv, 0, 0))
    return LW_EXIT_USAGE;
  if (output == NULL)
    {
      fprintf (stderr, "leadwright-cli export-leads: name the CSV file to write with -o FILE.csv\n");
      return LW_EXIT_USAGE;
    }
  if (run < 0)
    {
      fprintf (stderr, "leadwright-cli export-leads: --run must be a run id (1, 2, ...)\n");
      return LW_EXIT_USAGE;
    }
  if (live && (events || run != 0))
    {
      fprintf (stderr, "leadwright-cli export-leads: --live writes live leads: not with --run or --events\n");
      return LW_EXIT_USAGE;
    }
  if (config_file != NULL && !live)
    {
      fprintf (stderr, "leadwright-cli export-leads: --config only goes with --live\n");
      return LW_EXIT_USAGE;
    }
  if (bom)
    flags |= LW_CSV_WRITE_BOM;
  if (raw)
    flags |= LW_CSV_WRITE_RAW;

  store = open_workspace (db, "export-leads");
  if (store == NULL)
    return LW_EXIT_INVALID;

  if (live)
    {
      g_autoptr(LwConfig) config = load_rules (store, config_file);
      g_autoptr(LwCsvWriter) writer = NULL;

      if (config == NULL)
        return LW_EXIT_INVALID;
      writer = lw_csv_writer_new_for_path (output, flags, &error);
      if (writer == NULL ||
          !lw_lead_export_live (store, config, g_get_real_time () / G_USEC_PER_SEC, writer, NULL,
                                &rows, &error) ||
          !lw_csv_writer_finish (writer, NULL, &error))
        {
          fprintf (stderr, "%s: error: %s\n", error->domain == LW_CSV_ERROR ? output : db, error->message);
          return LW_EXIT_INVALID;
        }
      printf ("%s: %" G_GUINT64_FORMAT " live %s\n", output, rows, rows == 1 ? "lead" : "leads");
      return LW_EXIT_OK;
    }

  if (!lw_lead_export_run_to_path (store, run, events ? LW_LEAD_EXPORT_EVENTS : LW_LEAD_EXPORT_LEADS,
                                   output, flags, NULL, NULL, NULL, &rows, &error))
    {
      fprintf (stderr, "%s: error: %s\n",
               g_error_matches (error, LW_CSV_ERROR, LW_CSV_ERROR_IO) ? output : db, error->message);
      return LW_EXIT_INVALID;
    }

  if (run == 0)
    {
      g_autoptr(GPtrArray) runs = lw_store_list_runs (store, NULL);

      for (guint i = 0; runs != NULL && i < runs->len && run == 0; i++)
        if (((LwRunInfo *) g_ptr_array_index (runs, i))->status == LW_RUN_FINISHED)
          run = ((LwRunInfo *) g_ptr_array_index (runs, i))->id;
    }
  info = lw_store_get_run (store, run, NULL);
  printf ("%s: %" G_GUINT64_FORMAT " %s of run %" G_GINT64_FORMAT "%s\n", output, rows,
          events ? (rows == 1 ? "event" : "events") : (rows == 1 ? "lead" : "leads"), run,
          info != NULL && info->revision == 0 && !events
          ? " (recorded with an unsaved rule set: without the leads' properties)" : "");
  return LW_EXIT_OK;
}

/* ---- import-leads ------------------------------------------------------------------ */

static void
print_columns (const LwLeadImportReport *report)
{
  guint width = 0;

  for (guint i = 0; i < report->columns->len; i++)
    {
      const LwImportColumn *column = g_ptr_array_index (report->columns, i);

      width = MAX (width, (guint) g_utf8_strlen (column->name, -1));
    }
  width = MIN (width, 32);

  printf ("Columns:\n");
  for (guint i = 0; i < report->columns->len; i++)
    {
      const LwImportColumn *column = g_ptr_array_index (report->columns, i);
      glong pad = (glong) width - g_utf8_strlen (column->name, -1);

      printf ("  %3u %s%*s  ", column->index + 1, column->name, (int) MAX (pad, 0), "");
      if (column->target != NULL)
        printf ("-> %s (%s)\n", column->target, lw_import_match_to_string (column->match));
      else
        printf ("%s\n", column->note != NULL ? column->note : "ignored");
    }
}

/* The mapping that gives the same columns as @report: @base's entries and
 * every column of the file with its target (null when ignored). */
static LwLeadMapping *
dup_effective_mapping (const LwLeadMapping      *base,
                       const LwLeadImportReport *report)
{
  LwLeadMapping *mapping = base != NULL ? lw_lead_mapping_copy (base) : lw_lead_mapping_new ();

  for (guint i = 0; i < report->columns->len; i++)
    {
      const LwImportColumn *column = g_ptr_array_index (report->columns, i);

      if (column->name[0] != '\0')
        lw_lead_mapping_set_column (mapping, column->name, column->target);
    }
  return mapping;
}

int
lw_cli_import_leads (int    argc,
                     char **argv)
{
  g_autofree char *db = NULL;
  g_autofree char *mapping_file = NULL;
  g_autofree char *config_file = NULL;
  g_autofree char *write_mapping = NULL;
  gboolean skip_bad = FALSE, dry_run = FALSE, quiet = FALSE;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, "Workspace file", "FILE" },
    { "mapping", 0, 0, G_OPTION_ARG_FILENAME, &mapping_file,
      "Which column is which property (JSON); kept in the workspace for next time", "FILE" },
    { "skip-bad", 0, 0, G_OPTION_ARG_NONE, &skip_bad, "Import the good rows, skip the bad ones", NULL },
    { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &dry_run, "Read and check everything, import nothing", NULL },
    { "config", 0, 0, G_OPTION_ARG_FILENAME, &config_file,
      "The rules whose properties the columns are (default: the workspace's)", "CONFIG" },
    { "write-mapping", 0, 0, G_OPTION_ARG_FILENAME, &write_mapping,
      "Write the mapping of every column of the file here, to edit and pass back with --mapping", "FILE" },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, "Do not list the columns", NULL },
    { NULL }
  };
  g_autoptr(LwStore) store = NULL;
  g_autoptr(LwConfig) config = NULL;
  g_autoptr(LwLeadMapping) mapping = NULL;
  g_autoptr(LwCsvReader) reader = NULL;
  g_autoptr(LwLeadImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  LwLeadImportFlags flags = LW_LEAD_IMPORT_DEFAULT;
  const char *csv;
  gboolean ok;

  if (!lw_cli_parse_options (lw_cli_find_command ("import-leads"), entries, &argc, &argv, 1, 1))
    return LW_EXIT_USAGE;
  csv = argv[2];
  if (skip_bad)
    flags |= LW_LEAD_IMPORT_SKIP_BAD;
  if (dry_run)
    flags |= LW_LEAD_IMPORT_DRY_RUN;

  store = open_workspace (db, "import-leads");
  if (store == NULL)
    return LW_EXIT_INVALID;
  config = load_rules (store, config_file);
  if (config == NULL)
    return LW_EXIT_INVALID;

  if (mapping_file != NULL)
    mapping = lw_lead_mapping_load_file (mapping_file, &error);
  else
    {
      mapping = lw_lead_mapping_load_saved (store, &error);
      if (mapping != NULL && !quiet)
        printf ("Using the mapping saved in the workspace (give --mapping to replace it)\n");
    }
  if (error != NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return LW_EXIT_INVALID;
    }

  reader = lw_csv_reader_new_for_path (csv, &error);
  if (reader == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return LW_EXIT_INVALID;
    }
  lw_csv_reader_set_detect_separator (reader, TRUE);

  ok = lw_lead_import_csv (store, config, reader, mapping, flags, g_get_real_time () / G_USEC_PER_SEC,
                           NULL, NULL, NULL, &report, &error);

  if (report->columns != NULL && !quiet)
    print_columns (report);
  if (report->columns != NULL && write_mapping != NULL)
    {
      g_autoptr(LwLeadMapping) effective = dup_effective_mapping (mapping, report);
      g_autofree char *text = lw_lead_mapping_to_data (effective);
      g_autoptr(GError) write_error = NULL;

      if (!g_file_set_contents (write_mapping, text, -1, &write_error))
        {
          fprintf (stderr, "%s: error: %s\n", write_mapping, write_error->message);
          return LW_EXIT_INVALID;
        }
    }

  for (guint i = 0; i < report->problems->len && i < PRINTED_PROBLEMS; i++)
    {
      g_autofree char *text = lw_import_problem_format (g_ptr_array_index (report->problems, i));

      fprintf (stderr, "%s: %s\n", csv, text);
    }
  if (report->n_problems > MIN (report->problems->len, PRINTED_PROBLEMS))
    fprintf (stderr, "%s: ... and %" G_GUINT64_FORMAT " more problems\n", csv,
             report->n_problems - MIN (report->problems->len, PRINTED_PROBLEMS));

  if (!ok)
    {
      if (g_error_matches (error, LW_LEAD_IMPORT_ERROR, LW_LEAD_IMPORT_ERROR_BAD_ROWS))
        fprintf (stderr, "%s: %s (%" G_GUINT64_FORMAT " good rows of %" G_GUINT64_FORMAT
                 "; --skip-bad imports them)\n", csv, error->message,
                 report->rows - report->bad_rows, report->rows);
      else if (error->domain == LW_CSV_ERROR)
        fprintf (stderr, "%s\n%s: nothing was imported\n", error->message, csv);
      else
        fprintf (stderr, "%s: error: %s: nothing was imported\n", csv, error->message);
      return LW_EXIT_INVALID;
    }

  if (dry_run)
    printf ("%s: dry run: %" G_GUINT64_FORMAT " rows, %" G_GUINT64_FORMAT " would be imported, %"
            G_GUINT64_FORMAT " %s problems\n", csv, report->rows, report->rows - report->bad_rows,
            report->bad_rows, report->bad_rows == 1 ? "has" : "have");
  else
    printf ("%s: %" G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT " rows imported as live leads%s\n",
            csv, report->imported, report->rows,
            report->bad_rows > 0 ? " (the rows with problems were skipped)" : "");

  /* Kept for next time once it has imported what it was given. */
  if (mapping_file != NULL && !dry_run)
    {
      if (!lw_lead_mapping_save (mapping, store, &error))
        {
          fprintf (stderr, "%s: warning: the mapping was not kept in the workspace: %s\n",
                   db, error->message);
          return LW_EXIT_OK;
        }
      if (!quiet)
        printf ("The mapping is kept in the workspace for the next import\n");
    }
  return LW_EXIT_OK;
}
