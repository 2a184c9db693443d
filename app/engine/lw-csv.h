/* lw-csv.h: CSV files, read and written as RFC 4180 says, in UTF-8
 *
 * Reading streams: the file is read in chunks of 64 KiB and one record is
 * held at a time, so a file of hundreds of megabytes costs the memory of
 * its longest record. What the reader takes:
 *
 * - fields separated by commas (or, when asked, by the separator the
 *   header line uses most: comma, semicolon or tab; an Excel "sep=;" first
 *   line is obeyed and skipped);
 * - quoted fields holding separators, doubled quotes ("") and line breaks;
 * - records ended by CRLF, LF or a lone CR, the last one with or without a
 *   line break;
 * - a UTF-8 byte order mark at the start (skipped; a UTF-16 one is an
 *   error: the file must be saved as UTF-8);
 * - blank lines, which are not records (they still count as rows);
 * - a quote inside an unquoted field (ab"c), kept as text.
 *
 * Rows are numbered as a spreadsheet numbers them: the first line of the
 * file is row 1 (the header, when there is one), each record and each
 * blank line one row. Columns are numbered from 1. Lines are the file's
 * physical lines, which differ from rows once a quoted field holds a line
 * break.
 *
 * Problems in one record are recoverable: the reader has consumed the
 * record, reports it (LW_CSV_ERROR_ENCODING for a field that is not UTF-8
 * or holds a NUL byte, LW_CSV_ERROR_QUOTE for text after a closing quote)
 * with its row and column, still exposes its fields (invalid bytes
 * replaced by U+FFFD) and goes on with the next record. A quoted field
 * still open at the end of the file (LW_CSV_ERROR_UNTERMINATED), a record
 * longer than the limit (LW_CSV_ERROR_TOO_LONG, 16 MiB by default: the
 * usual sign of a quote left open), a UTF-16 file and a read error end the
 * reading.
 *
 * Writing: fields are quoted when they hold a comma, a quote or a line
 * break; records end with CRLF; text that is not valid UTF-8 is repaired
 * with U+FFFD. Against formula injection (a cell such as =HYPERLINK(...)
 * or @SUM(...) that a spreadsheet would run), a cell starting with = + - @,
 * a tab or a carriage return gets a leading apostrophe, which spreadsheets
 * show as text; a cell that is a plain decimal number (-12.5, +3, 1e-3) is
 * left alone, since a spreadsheet reads it as a number and never as a
 * formula. LW_CSV_WRITE_RAW turns this off for files meant for programs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define LW_CSV_ERROR (lw_csv_error_quark ())
GQuark lw_csv_error_quark (void);

typedef enum
{
  LW_CSV_ERROR_IO,             /* cannot read or write */
  LW_CSV_ERROR_ENCODING,       /* not UTF-8 (or a NUL byte); recoverable per record */
  LW_CSV_ERROR_QUOTE,          /* text after a closing quote; recoverable per record */
  LW_CSV_ERROR_UNTERMINATED,   /* a quoted field open at the end of the file */
  LW_CSV_ERROR_TOO_LONG,       /* a record longer than the limit */
} LwCsvError;

/* The default limit of one record's size, in bytes. */
#define LW_CSV_MAX_RECORD (16u << 20)

/* ---- reading ---------------------------------------------------------------- */

typedef struct _LwCsvReader LwCsvReader;

/* Reads @stream (a reference is taken). */
LwCsvReader *lw_csv_reader_new            (GInputStream  *stream);
/* Opens @path; NULL with LW_CSV_ERROR_IO when it cannot be opened. Errors
 * of this reader name the file. */
LwCsvReader *lw_csv_reader_new_for_path   (const char    *path,
                                           GError       **error);
/* Reads a copy of @data (@length -1: NUL-terminated). */
LwCsvReader *lw_csv_reader_new_for_data   (const char    *data,
                                           gssize         length);
void         lw_csv_reader_free           (LwCsvReader   *reader);

/* Before the first record: guess the separator from the first line
 * (comma, semicolon or tab, the most frequent outside quotes; comma on a
 * tie). Without it the separator is the comma. */
void         lw_csv_reader_set_detect_separator (LwCsvReader *reader,
                                                 gboolean     detect);
/* The separator in use: ',' until the first record is read. */
char         lw_csv_reader_get_separator  (LwCsvReader   *reader);
/* Records longer than @bytes end the reading with LW_CSV_ERROR_TOO_LONG. */
void         lw_csv_reader_set_max_record (LwCsvReader   *reader,
                                           gsize          bytes);

/* Reads the next record. TRUE: it is there (lw_csv_reader_get_fields()).
 * FALSE and @error unset: the end of the file. FALSE and @error set: see
 * above; after a recoverable error the record's fields are still there
 * and the next call reads the next record, after any other error the
 * next call returns FALSE (the end). */
gboolean     lw_csv_reader_next           (LwCsvReader   *reader,
                                           GCancellable  *cancellable,
                                           GError       **error);
/* The fields of the last record, NULL-terminated, valid UTF-8 without NUL
 * bytes; valid until the next call to lw_csv_reader_next(). */
const char * const *lw_csv_reader_get_fields (LwCsvReader *reader,
                                              guint       *n_fields);
/* The row of the last record (1-based; 0 before the first), and the line
 * it starts on. */
guint64      lw_csv_reader_get_row        (LwCsvReader   *reader);
guint64      lw_csv_reader_get_line       (LwCsvReader   *reader);
/* After a recoverable error: the column (1-based) of the first field in
 * error; 0 otherwise. */
guint        lw_csv_reader_get_bad_column (LwCsvReader   *reader);
/* Whether field @column (1-based) of the last record was not UTF-8 (or held
 * a NUL byte): every such field, not only the first. */
gboolean     lw_csv_reader_is_bad_column  (LwCsvReader   *reader,
                                           guint          column);
/* Bytes of the file consumed so far, and the size of the file when known
 * (0 otherwise): for progress. */
guint64      lw_csv_reader_get_offset     (LwCsvReader   *reader);
guint64      lw_csv_reader_get_size       (LwCsvReader   *reader);

/* ---- writing ---------------------------------------------------------------- */

typedef enum
{
  LW_CSV_WRITE_DEFAULT = 0,
  LW_CSV_WRITE_BOM     = 1 << 0,   /* begin with a UTF-8 byte order mark, which
                                    * Excel needs to read the file as UTF-8 */
  LW_CSV_WRITE_RAW     = 1 << 1,   /* no apostrophe before = + - @: for programs */
} LwCsvWriteFlags;

typedef struct _LwCsvWriter LwCsvWriter;

/* Writes to @stream (a reference is taken; the stream is not closed). */
LwCsvWriter *lw_csv_writer_new            (GOutputStream    *stream,
                                           LwCsvWriteFlags   flags);
/* Writes to a temporary file next to @path that lw_csv_writer_finish()
 * renames over @path: a failure, or freeing the writer unfinished, leaves
 * @path as it was. */
LwCsvWriter *lw_csv_writer_new_for_path   (const char       *path,
                                           LwCsvWriteFlags   flags,
                                           GError          **error);
/* Frees the writer; an unfinished file writer removes its temporary file. */
void         lw_csv_writer_free           (LwCsvWriter      *writer);

/* Writes one record of @n_fields fields; a NULL field is empty. */
gboolean     lw_csv_writer_write_row      (LwCsvWriter         *writer,
                                           const char * const  *fields,
                                           guint                n_fields,
                                           GCancellable        *cancellable,
                                           GError             **error);
/* Flushes what is buffered; a file writer then closes its file and puts
 * it in place. Nothing may be written after. */
gboolean     lw_csv_writer_finish         (LwCsvWriter      *writer,
                                           GCancellable     *cancellable,
                                           GError          **error);
guint64      lw_csv_writer_get_rows       (LwCsvWriter      *writer);

/* @text as one CSV field (quoted when needed, neutralised unless @flags
 * has LW_CSV_WRITE_RAW), appended to @out. */
void         lw_csv_append_field          (GString          *out,
                                           const char       *text,
                                           LwCsvWriteFlags   flags);

/* Any table (a view's "export table"): @header (@n_columns texts), then
 * @n_rows rows of @n_columns texts each, row after row in @cells (NULL
 * texts are empty). */
gboolean     lw_csv_write_table           (LwCsvWriter         *writer,
                                           guint                n_columns,
                                           const char * const  *header,
                                           guint                n_rows,
                                           const char * const  *cells,
                                           GCancellable        *cancellable,
                                           GError             **error);
/* The same into @path, atomically. */
gboolean     lw_csv_write_table_to_path   (const char          *path,
                                           LwCsvWriteFlags      flags,
                                           guint                n_columns,
                                           const char * const  *header,
                                           guint                n_rows,
                                           const char * const  *cells,
                                           GCancellable        *cancellable,
                                           GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LwCsvReader, lw_csv_reader_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LwCsvWriter, lw_csv_writer_free)

G_END_DECLS
