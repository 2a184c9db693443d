/* lw-lead-import.h: real leads from a CSV file (a CRM export, a spreadsheet)
 * into the workspace's live leads
 *
 * The file's columns are mapped to the rule set's properties: by a mapping
 * (a JSON file the user writes or corrects, kept in the workspace for next
 * time), else by name: the property's id or label, ignoring case, spaces,
 * underscores and punctuation ("Job Title" is job_title), else by a common
 * CRM name ("Email Address", "Company Name", "Country/Region", "Number of
 * Employees", "Lead Source", ...). Two columns are not properties: the
 * CRM's id of the lead ("Lead ID", "Record ID", "opportunity_id", ...) and
 * its owner ("Lead Owner", "owner_id": a rep's id, email or name).
 *
 * Each cell is read by its property's type (lw_lead_import_coerce()): a
 * number with thousands separators, a boolean as yes/no/true/false/1/0, a
 * date in ISO 8601 or a CRM's format, an enum value by option value or label
 * in any case. A cell that does not fit, a row with too many or too few
 * cells, a duplicate id, an unknown owner, text that is not UTF-8: each is a
 * problem of that row, reported with the row, the column's name, the value
 * and the reason. With LW_LEAD_IMPORT_SKIP_BAD the good rows are imported;
 * otherwise one bad row means nothing is imported. The import is one
 * transaction. docs/exports.md ("Lead CSV") describes all of it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lw-config.h"
#include "lw-csv.h"
#include "lw-store.h"

G_BEGIN_DECLS

#define LW_LEAD_IMPORT_ERROR (lw_lead_import_error_quark ())
GQuark lw_lead_import_error_quark (void);

typedef enum
{
  LW_LEAD_IMPORT_ERROR_MAPPING,     /* a mapping that does not load or does not fit the rules */
  LW_LEAD_IMPORT_ERROR_EMPTY,       /* no header row */
  LW_LEAD_IMPORT_ERROR_NO_COLUMNS,  /* no column maps to a property */
  LW_LEAD_IMPORT_ERROR_BAD_ROWS,    /* rows with problems, and not SKIP_BAD: nothing imported */
} LwLeadImportError;

/* The metadata key (lw_store_set_meta()) of the saved mapping. */
#define LW_LEAD_MAPPING_META_KEY "lead-import-mapping"
#define LW_LEAD_MAPPING_FORMAT   "leadwright-lead-mapping"
#define LW_LEAD_MAPPING_VERSION  1

/* Targets of a column that are not properties. */
#define LW_LEAD_IMPORT_TARGET_ID     "@id"      /* the CRM's id of the lead */
#define LW_LEAD_IMPORT_TARGET_OWNER  "@owner"   /* its owner: a rep's id, email or name */

/* ---- the mapping -------------------------------------------------------------- */

typedef enum
{
  LW_DATE_ORDER_MDY,     /* 03/09/2026 is March 9 (the default, as US CRMs write) */
  LW_DATE_ORDER_DMY,     /* 09/03/2026 is March 9 */
} LwDateOrder;

typedef struct _LwLeadMapping LwLeadMapping;

LwLeadMapping *lw_lead_mapping_new          (void);
void           lw_lead_mapping_free         (LwLeadMapping  *mapping);
LwLeadMapping *lw_lead_mapping_copy         (const LwLeadMapping *mapping);

/*   { "format": "leadwright-lead-mapping", "version": 1,
 *     "columns": { "Company Name": "company", "Lead ID": "@id", "Notes": null },
 *     "dateOrder": "mdy", "timeZone": "UTC" }
 * Errors (LW_LEAD_IMPORT_ERROR_MAPPING) are located: FILE:LINE:COL: $.path: ... */
LwLeadMapping *lw_lead_mapping_load_data    (const char     *data,
                                             gssize          length,
                                             const char     *filename,
                                             GError        **error);
LwLeadMapping *lw_lead_mapping_load_file    (const char     *filename,
                                             GError        **error);
/* Canonical JSON: columns sorted by name, a final newline. */
char          *lw_lead_mapping_to_data      (const LwLeadMapping *mapping);

/* Maps the column named @column (its header text) to @target: a property
 * id, LW_LEAD_IMPORT_TARGET_ID or _OWNER, or NULL to ignore it. */
void           lw_lead_mapping_set_column   (LwLeadMapping  *mapping,
                                             const char     *column,
                                             const char     *target);
/* TRUE when the mapping names @column (by its text, else ignoring case,
 * spaces and punctuation); *@target is then its target, NULL: ignored. */
gboolean       lw_lead_mapping_lookup       (const LwLeadMapping *mapping,
                                             const char     *column,
                                             const char    **target);
void           lw_lead_mapping_set_date_order (LwLeadMapping *mapping,
                                               LwDateOrder    order);
LwDateOrder    lw_lead_mapping_get_date_order (const LwLeadMapping *mapping);
/* An IANA name ("Europe/Berlin") for dates without an offset; NULL: UTC.
 * FALSE when the name is not a time zone. */
gboolean       lw_lead_mapping_set_time_zone  (LwLeadMapping *mapping,
                                               const char    *time_zone);
const char    *lw_lead_mapping_get_time_zone  (const LwLeadMapping *mapping);

/* The mapping saved in @store; NULL with @error unset when none is saved,
 * NULL with @error set when it does not load. */
LwLeadMapping *lw_lead_mapping_load_saved   (LwStore        *store,
                                             GError        **error);
gboolean       lw_lead_mapping_save         (const LwLeadMapping *mapping,
                                             LwStore        *store,
                                             GError        **error);

/* ---- the columns --------------------------------------------------------------- */

typedef enum
{
  LW_IMPORT_MATCH_NONE,       /* ignored: nothing matched, or the mapping says so */
  LW_IMPORT_MATCH_MAPPING,    /* the mapping names it */
  LW_IMPORT_MATCH_ID,         /* the property's id */
  LW_IMPORT_MATCH_LABEL,      /* the property's label */
  LW_IMPORT_MATCH_ALIAS,      /* a common CRM name */
} LwImportMatch;

const char *lw_import_match_to_string (LwImportMatch match);   /* "label" */

typedef struct
{
  guint             index;       /* 0-based */
  char             *name;        /* the header text */
  char             *target;      /* a property id, "@id", "@owner"; NULL: ignored */
  const LwProperty *property;    /* the property (borrowed from the config); NULL otherwise */
  LwImportMatch     match;
  char             *note;        /* why it is ignored, when it is; else NULL */
} LwImportColumn;

void        lw_import_column_free       (LwImportColumn *column);

/* How the columns of @header (@n_columns texts) map under @mapping (may be
 * NULL) to the properties of bound @config: LwImportColumn, owning, one per
 * column. NULL with LW_LEAD_IMPORT_ERROR_MAPPING when the mapping names a
 * target the rules do not have or that is computed by the rules (the
 * scores, the grade). What the GUI's mapping dialog shows. */
GPtrArray  *lw_lead_import_map_columns  (const LwConfig       *config,
                                         const char * const   *header,
                                         guint                 n_columns,
                                         const LwLeadMapping  *mapping,
                                         GError              **error);

/* ---- reading one cell ---------------------------------------------------------- */

/* Reads @text as a value of @property: *@out is the value as
 * lw_lead_set() takes it ("1234.5", "true", "2026-03-09T14:00:00Z", an
 * option value, the trimmed text), or NULL when the cell is empty. FALSE
 * with the reason in @error (LW_CONFIG_ERROR_INVALID) when it does not fit.
 * @time_zone (may be NULL: UTC) applies to dates and times without an
 * offset. */
gboolean    lw_lead_import_coerce       (const LwConfig    *config,
                                         const LwProperty  *property,
                                         const char        *text,
                                         LwDateOrder        order,
                                         GTimeZone         *time_zone,
                                         char             **out,
                                         GError           **error);

/* ---- the import ------------------------------------------------------------------ */

typedef enum
{
  LW_LEAD_IMPORT_DEFAULT  = 0,
  LW_LEAD_IMPORT_SKIP_BAD = 1 << 0,   /* import the good rows, skip the bad */
  LW_LEAD_IMPORT_DRY_RUN  = 1 << 1,   /* read and check everything, write nothing */
} LwLeadImportFlags;

/* The report keeps at most this many problems (and counts them all). */
#define LW_LEAD_IMPORT_MAX_PROBLEMS 1000

typedef struct
{
  guint64  row;          /* as a spreadsheet numbers it: the header is row 1 */
  guint64  line;         /* the line of the file where the row starts */
  guint    column;       /* 1-based; 0 for the whole row */
  char    *column_name;  /* the header text; NULL for the whole row */
  char    *value;        /* the cell (at most 200 characters); NULL for the whole row */
  char    *reason;
} LwImportProblem;

void        lw_import_problem_free      (LwImportProblem *problem);
/* "row 12, column 3 (Owner): \"Zed\": no rep of the team has this id, email
 * or name": the value is left out when the reason quotes it already. */
char       *lw_import_problem_format    (const LwImportProblem *problem);

typedef struct
{
  GPtrArray *columns;     /* LwImportColumn */
  char       separator;   /* the separator the file uses */
  guint64    rows;        /* data rows read (records after the header) */
  guint64    bad_rows;    /* rows with at least one problem */
  guint64    imported;    /* live leads added (0 for a dry run or when nothing was imported) */
  guint64    routed;      /* of those, the ones without an owner that the rules assigned */
  guint64    n_problems;  /* every problem found */
  GPtrArray *problems;    /* LwImportProblem, the first LW_LEAD_IMPORT_MAX_PROBLEMS, by row */
  GArray    *ids;         /* gint64: the ids of the live leads added, in row order */
} LwLeadImportReport;

void        lw_lead_import_report_free  (LwLeadImportReport *report);

/* Called every few thousand rows, from the thread the import runs on:
 * bytes of the file read, and its size (0 when unknown). */
typedef void (*LwLeadImportProgress) (guint64  bytes_done,
                                      guint64  bytes_total,
                                      gpointer user_data);

/* Imports the records of @reader (a header row, then a row per lead) into
 * the live leads of @store, under bound @config and @mapping (NULL: by
 * name only), each as lw_live_add() adds a lead: one without an owner is
 * routed by the rules, each is put on the SLA policy that applies to it
 * and its first-touch deadline is kept. Leads are created at @now unless a
 * column maps to created_at; their properties say source "import" unless
 * a column says otherwise.
 * @store may be NULL for a dry run (which then cannot see the ids already
 * in the workspace). The store is held for the whole import: use a
 * connection of its own for a large file.
 *
 * Returns TRUE when the file was read and the good rows (all of them,
 * without SKIP_BAD) were imported. FALSE with @error: a CSV error that
 * ends the reading (LW_CSV_ERROR_*), LW_LEAD_IMPORT_ERROR_*, a store error,
 * G_IO_ERROR_CANCELLED; nothing was imported then. @report (may be NULL)
 * receives the report in both cases. */
gboolean    lw_lead_import_csv          (LwStore              *store,
                                         const LwConfig       *config,
                                         LwCsvReader          *reader,
                                         const LwLeadMapping  *mapping,
                                         LwLeadImportFlags     flags,
                                         LwTime                now,
                                         GCancellable         *cancellable,
                                         LwLeadImportProgress  progress,
                                         gpointer              progress_data,
                                         LwLeadImportReport  **report,
                                         GError              **error);

/* The same for the file @path, read with the separator it uses (comma,
 * semicolon or tab), on a worker thread. @store should be a connection of
 * its own. */
void        lw_lead_import_path_async   (LwStore              *store,
                                         const LwConfig       *config,
                                         const char           *path,
                                         const LwLeadMapping  *mapping,
                                         LwLeadImportFlags     flags,
                                         LwTime                now,
                                         GCancellable         *cancellable,
                                         LwLeadImportProgress  progress,
                                         gpointer              progress_data,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
/* TRUE or FALSE as lw_lead_import_csv(); @report as there. */
gboolean    lw_lead_import_path_finish  (GAsyncResult         *result,
                                         LwLeadImportReport  **report,
                                         GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LwLeadMapping, lw_lead_mapping_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LwImportColumn, lw_import_column_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LwImportProblem, lw_import_problem_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LwLeadImportReport, lw_lead_import_report_free)

G_END_DECLS
