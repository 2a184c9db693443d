/* lw-csv.c: CSV files, read and written as RFC 4180 says, in UTF-8
 *
 * The reader is a byte-at-a-time state machine over 64 KiB chunks of the
 * stream; a record's fields are kept back to back, NUL-terminated, in one
 * buffer that is reused from record to record.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "lw-csv.h"

G_DEFINE_QUARK (lw-csv-error-quark, lw_csv_error)

#define CHUNK_SIZE  65536
#define FLUSH_SIZE  65536

/* The first problem of a record. */
typedef struct
{
  LwCsvError code;
  guint      column;      /* 0: none */
  gboolean   nul;         /* ENCODING: a NUL byte rather than bad UTF-8 */
} Problem;

typedef enum
{
  S_RECORD_START,    /* nothing of the record yet: a line break here is a blank line */
  S_FIELD_START,
  S_UNQUOTED,
  S_QUOTED,
  S_QUOTE_SEEN,      /* a quote inside a quoted field: doubled, or the end */
} State;

struct _LwCsvReader
{
  GInputStream *stream;
  char         *path;          /* for messages; NULL for streams */
  guint8       *chunk;
  gsize         chunk_len;
  gsize         chunk_pos;
  gboolean      eof;
  gboolean      done;          /* the end, or an error that ends the reading */
  gboolean      started;       /* the byte order mark and separator handled */
  gboolean      detect_separator;
  char          separator;
  gsize         max_record;

  GString      *data;          /* the record's fields, each NUL-terminated */
  GArray       *starts;        /* gsize: where each field starts in @data */
  GPtrArray    *fields;        /* const char * into @data, NULL-terminated */

  guint64       rows;          /* rows consumed */
  guint64       line;          /* the line of the next byte, 1-based */
  gboolean      prev_cr;
  gboolean      skip_lf;       /* a record or blank line just ended with CR */
  guint64       record_row;
  guint64       record_line;
  guint         bad_column;
  GArray       *bad_fields;    /* guint: columns of the record that were not UTF-8 */
  guint64       offset;
  guint64       size;
};

struct _LwCsvWriter
{
  GOutputStream   *stream;
  GString         *buffer;
  LwCsvWriteFlags  flags;
  char            *path;       /* file writers: the destination */
  char            *tmp_path;   /* and the temporary file */
  gboolean         bom_pending;
  gboolean         finished;
  guint64          rows;
};

/* ---- reading ---------------------------------------------------------------- */

static LwCsvReader *
reader_new (GInputStream *stream,
            const char   *path)
{
  LwCsvReader *reader = g_new0 (LwCsvReader, 1);

  reader->stream = g_object_ref (stream);
  reader->path = g_strdup (path);
  reader->chunk = g_malloc (CHUNK_SIZE);
  reader->separator = ',';
  reader->max_record = LW_CSV_MAX_RECORD;
  reader->data = g_string_sized_new (256);
  reader->starts = g_array_new (FALSE, FALSE, sizeof (gsize));
  reader->fields = g_ptr_array_new ();
  reader->bad_fields = g_array_new (FALSE, FALSE, sizeof (guint));
  reader->line = 1;
  return reader;
}

LwCsvReader *
lw_csv_reader_new (GInputStream *stream)
{
  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);

  return reader_new (stream, NULL);
}

LwCsvReader *
lw_csv_reader_new_for_path (const char  *path,
                            GError     **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  LwCsvReader *reader;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  file = g_file_new_for_path (path);
  stream = g_file_read (file, NULL, &local_error);
  if (stream == NULL)
    {
      const char *why = local_error->message;

      /* GIO's messages name the file again: say why in a few words. */
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        why = _("no such file");
      else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
        why = _("permission denied");
      else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY))
        why = _("it is a directory");
      /* translators: the first %s is a file name, the second why it cannot be read */
      g_set_error (error, LW_CSV_ERROR, LW_CSV_ERROR_IO, _("%s: cannot open the file: %s"), path, why);
      return NULL;
    }

  reader = reader_new (G_INPUT_STREAM (stream), path);
  info = g_file_input_stream_query_info (stream, G_FILE_ATTRIBUTE_STANDARD_SIZE, NULL, NULL);
  if (info != NULL)
    reader->size = g_file_info_get_size (info);
  return reader;
}

LwCsvReader *
lw_csv_reader_new_for_data (const char *data,
                            gssize      length)
{
  g_autoptr(GInputStream) stream = NULL;
  LwCsvReader *reader;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (length < 0)
    length = strlen (data);
  stream = g_memory_input_stream_new_from_data (g_memdup2 (data, length), length, g_free);
  reader = reader_new (stream, NULL);
  reader->size = length;
  return reader;
}

void
lw_csv_reader_free (LwCsvReader *reader)
{
  if (reader == NULL)
    return;

  g_clear_object (&reader->stream);
  g_free (reader->path);
  g_free (reader->chunk);
  g_string_free (reader->data, TRUE);
  g_array_unref (reader->starts);
  g_ptr_array_unref (reader->fields);
  g_array_unref (reader->bad_fields);
  g_free (reader);
}

void
lw_csv_reader_set_detect_separator (LwCsvReader *reader,
                                    gboolean     detect)
{
  g_return_if_fail (reader != NULL);
  g_return_if_fail (!reader->started);

  reader->detect_separator = detect;
}

char
lw_csv_reader_get_separator (LwCsvReader *reader)
{
  g_return_val_if_fail (reader != NULL, ',');

  return reader->separator;
}

void
lw_csv_reader_set_max_record (LwCsvReader *reader,
                              gsize        bytes)
{
  g_return_if_fail (reader != NULL);
  g_return_if_fail (bytes > 0);

  reader->max_record = bytes;
}

guint64
lw_csv_reader_get_row (LwCsvReader *reader)
{
  g_return_val_if_fail (reader != NULL, 0);

  return reader->record_row;
}

guint64
lw_csv_reader_get_line (LwCsvReader *reader)
{
  g_return_val_if_fail (reader != NULL, 0);

  return reader->record_line;
}

guint
lw_csv_reader_get_bad_column (LwCsvReader *reader)
{
  g_return_val_if_fail (reader != NULL, 0);

  return reader->bad_column;
}

gboolean
lw_csv_reader_is_bad_column (LwCsvReader *reader,
                             guint        column)
{
  g_return_val_if_fail (reader != NULL, FALSE);

  for (guint i = 0; i < reader->bad_fields->len; i++)
    if (g_array_index (reader->bad_fields, guint, i) == column)
      return TRUE;
  return FALSE;
}

guint64
lw_csv_reader_get_offset (LwCsvReader *reader)
{
  g_return_val_if_fail (reader != NULL, 0);

  return reader->offset;
}

guint64
lw_csv_reader_get_size (LwCsvReader *reader)
{
  g_return_val_if_fail (reader != NULL, 0);

  return reader->size;
}

const char * const *
lw_csv_reader_get_fields (LwCsvReader *reader,
                          guint       *n_fields)
{
  g_return_val_if_fail (reader != NULL, NULL);

  /* Only a record read whole has fields: not the rest of one that ended
   * the reading. */
  if (reader->fields->len == 0)
    g_ptr_array_add (reader->fields, NULL);
  if (n_fields != NULL)
    *n_fields = reader->fields->len - 1;
  return (const char * const *) reader->fields->pdata;
}

/* "FILE: row 5 (line 7), column 3: " or the parts of it that apply. */
static char *
dup_location (LwCsvReader *reader,
              guint64      row,
              guint64      line,
              guint        column)
{
  GString *where = g_string_new (NULL);

  if (reader->path != NULL)
    g_string_append_printf (where, "%s: ", reader->path);
  if (row > 0)
    {
      g_autofree char *row_text = g_strdup_printf ("%" G_GUINT64_FORMAT, row);
      g_autofree char *line_text = g_strdup_printf ("%" G_GUINT64_FORMAT, line);
      gboolean other_line = line != row && line > 0;

      if (other_line && column > 0)
        /* translators: where in a CSV file: a row as a spreadsheet numbers it, the line
         * of the file where it starts, a column counted from 1 */
        g_string_append_printf (where, _("row %s (line %s), column %u"), row_text, line_text, column);
      else if (other_line)
        /* translators: where in a CSV file: a row as a spreadsheet numbers it, the line
         * of the file where it starts */
        g_string_append_printf (where, _("row %s (line %s)"), row_text, line_text);
      else if (column > 0)
        /* translators: where in a CSV file: a row as a spreadsheet numbers it, a column
         * counted from 1 */
        g_string_append_printf (where, _("row %s, column %u"), row_text, column);
      else
        /* translators: a row of a CSV file, as a spreadsheet numbers it */
        g_string_append_printf (where, _("row %s"), row_text);
      g_string_append (where, ": ");
    }
  return g_string_free (where, FALSE);
}

static void
set_error (LwCsvReader *reader,
           GError     **error,
           LwCsvError   code,
           guint64      row,
           guint64      line,
           guint        column,
           const char  *message)
{
  g_autofree char *where = dup_location (reader, row, line, column);

  g_set_error (error, LW_CSV_ERROR, code, "%s%s", where, message);
}

/* Reads more of the stream into the chunk, keeping what is not consumed.
 * FALSE at the end of the stream (error unset) or on error. */
static gboolean
fill (LwCsvReader   *reader,
      GCancellable  *cancellable,
      GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  gssize n;

  if (reader->eof)
    return FALSE;

  if (reader->chunk_pos > 0)
    {
      memmove (reader->chunk, reader->chunk + reader->chunk_pos,
               reader->chunk_len - reader->chunk_pos);
      reader->chunk_len -= reader->chunk_pos;
      reader->chunk_pos = 0;
    }

  n = g_input_stream_read (reader->stream, reader->chunk + reader->chunk_len,
                           CHUNK_SIZE - reader->chunk_len, cancellable, &local_error);
  if (n < 0)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      {
        g_autofree char *where = dup_location (reader, 0, 0, 0);

        /* translators: %s is why the file cannot be read */
        g_set_error (error, LW_CSV_ERROR, LW_CSV_ERROR_IO, _("%scannot read the file: %s"),
                     where, local_error->message);
      }
      return FALSE;
    }
  if (n == 0)
    {
      reader->eof = TRUE;
      return FALSE;
    }
  reader->chunk_len += n;
  return TRUE;
}

/* The most frequent of comma, semicolon and tab on the first line, outside
 * quotes; comma on a tie. */
static char
guess_separator (const guint8 *p,
                 gsize         len)
{
  guint commas = 0, semicolons = 0, tabs = 0;
  gboolean quoted = FALSE;

  for (gsize i = 0; i < len; i++)
    {
      if (p[i] == '"')
        quoted = !quoted;
      else if (quoted)
        continue;
      else if (p[i] == '\n' || p[i] == '\r')
        break;
      else if (p[i] == ',')
        commas++;
      else if (p[i] == ';')
        semicolons++;
      else if (p[i] == '\t')
        tabs++;
    }

  if (semicolons > commas && semicolons >= tabs)
    return ';';
  if (tabs > commas && tabs > semicolons)
    return '\t';
  return ',';
}

/* The byte order mark, an Excel "sep=X" line, the separator. */
static gboolean
start (LwCsvReader   *reader,
       GCancellable  *cancellable,
       GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  const guint8 *p;
  gsize len;

  reader->started = TRUE;

  /* Enough bytes to see the byte order mark and the first line. */
  while (reader->chunk_len < CHUNK_SIZE &&
         fill (reader, cancellable, &local_error))
    {
      if (memchr (reader->chunk, '\n', reader->chunk_len) != NULL ||
          memchr (reader->chunk, '\r', reader->chunk_len) != NULL)
        break;
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  p = reader->chunk;
  len = reader->chunk_len;
  if (len >= 2 && ((p[0] == 0xff && p[1] == 0xfe) || (p[0] == 0xfe && p[1] == 0xff)))
    {
      set_error (reader, error, LW_CSV_ERROR_ENCODING, 1, 1, 0,
                 _("the file is in UTF-16; save it as CSV in UTF-8"));
      return FALSE;
    }
  if (len >= 3 && p[0] == 0xef && p[1] == 0xbb && p[2] == 0xbf)
    {
      reader->chunk_pos = 3;
      reader->offset = 3;
      p += 3;
      len -= 3;
    }

  if (!reader->detect_separator)
    return TRUE;

  /* "sep=;" alone on the first line, as Excel writes it. */
  if (len >= 5 && memcmp (p, "sep=", 4) == 0 &&
      (len == 5 || p[5] == '\r' || p[5] == '\n') &&
      p[4] != '"' && p[4] != '\r' && p[4] != '\n')
    {
      gsize skip = 5;

      reader->separator = (char) p[4];
      if (len > skip && p[skip] == '\r')
        skip++;
      if (len > skip && p[skip] == '\n')
        skip++;
      reader->chunk_pos += skip;
      reader->offset += skip;
      reader->rows++;
      reader->line++;
      return TRUE;
    }

  reader->separator = guess_separator (p, len);
  return TRUE;
}

/* Ends the field that started at @start: checks its text, repairs it if
 * needed, terminates it. */
static void
end_field (LwCsvReader *reader,
           gsize        start,
           Problem     *problem)
{
  GString *data = reader->data;
  gsize len = data->len - start;

  if (!g_utf8_validate_len (data->str + start, len, NULL))
    {
      g_autofree char *repaired = g_utf8_make_valid (data->str + start, len);
      guint column = reader->starts->len + 1;

      g_array_append_val (reader->bad_fields, column);
      if (problem->column == 0)
        {
          problem->code = LW_CSV_ERROR_ENCODING;
          problem->column = reader->starts->len + 1;
          problem->nul = memchr (data->str + start, '\0', len) != NULL;
        }
      g_string_truncate (data, start);
      g_string_append (data, repaired);
    }
  g_string_append_c (data, '\0');
  g_array_append_val (reader->starts, start);
}

static void
publish_fields (LwCsvReader *reader)
{
  g_ptr_array_set_size (reader->fields, 0);
  for (guint i = 0; i < reader->starts->len; i++)
    g_ptr_array_add (reader->fields,
                     reader->data->str + g_array_index (reader->starts, gsize, i));
  g_ptr_array_add (reader->fields, NULL);
}

gboolean
lw_csv_reader_next (LwCsvReader   *reader,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  State state = S_RECORD_START;
  gsize field_start = 0;
  guint64 quote_line = 0;
  Problem problem = { LW_CSV_ERROR_IO, 0, FALSE };
  char sep;

  g_return_val_if_fail (reader != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  g_string_truncate (reader->data, 0);
  g_array_set_size (reader->starts, 0);
  g_ptr_array_set_size (reader->fields, 0);
  g_array_set_size (reader->bad_fields, 0);
  reader->bad_column = 0;

  if (reader->done)
    return FALSE;
  if (!reader->started && !start (reader, cancellable, error))
    {
      reader->done = TRUE;
      return FALSE;
    }
  sep = reader->separator;

  for (;;)
    {
      guint64 byte_line;
      guint8 c;

      if (reader->chunk_pos == reader->chunk_len &&
          !fill (reader, cancellable, &local_error))
        {
          if (local_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              reader->done = TRUE;
              return FALSE;
            }
          break;   /* the end of the file */
        }

      c = reader->chunk[reader->chunk_pos++];
      reader->offset++;
      byte_line = reader->line;
      if (c == '\r' || (c == '\n' && !reader->prev_cr))
        reader->line++;
      reader->prev_cr = c == '\r';

      if (reader->skip_lf)
        {
          reader->skip_lf = FALSE;
          if (c == '\n')
            continue;
        }

      switch (state)
        {
        case S_RECORD_START:
          if (c == '\r' || c == '\n')
            {
              /* A blank line: a row, not a record. */
              reader->rows++;
              reader->skip_lf = c == '\r';
              continue;
            }
          reader->rows++;
          reader->record_row = reader->rows;
          reader->record_line = byte_line;
          G_GNUC_FALLTHROUGH;

        case S_FIELD_START:
          field_start = reader->data->len;
          if (c == '"')
            {
              quote_line = byte_line;
              state = S_QUOTED;
              continue;
            }
          if (c == (guint8) sep)
            {
              end_field (reader, field_start, &problem);
              state = S_FIELD_START;
              continue;
            }
          if (c == '\r' || c == '\n')
            {
              end_field (reader, field_start, &problem);
              reader->skip_lf = c == '\r';
              goto record_done;
            }
          g_string_append_c (reader->data, c);
          state = S_UNQUOTED;
          break;

        case S_UNQUOTED:
          if (c == (guint8) sep)
            {
              end_field (reader, field_start, &problem);
              state = S_FIELD_START;
              continue;
            }
          if (c == '\r' || c == '\n')
            {
              end_field (reader, field_start, &problem);
              reader->skip_lf = c == '\r';
              goto record_done;
            }
          g_string_append_c (reader->data, c);
          break;

        case S_QUOTED:
          if (c == '"')
            state = S_QUOTE_SEEN;
          else
            g_string_append_c (reader->data, c);
          break;

        case S_QUOTE_SEEN:
          if (c == '"')
            {
              g_string_append_c (reader->data, '"');
              state = S_QUOTED;
              break;
            }
          if (c == (guint8) sep)
            {
              end_field (reader, field_start, &problem);
              state = S_FIELD_START;
              continue;
            }
          if (c == '\r' || c == '\n')
            {
              end_field (reader, field_start, &problem);
              reader->skip_lf = c == '\r';
              goto record_done;
            }
          /* "abc"def: kept as abcdef, and reported. */
          if (problem.column == 0)
            {
              problem.code = LW_CSV_ERROR_QUOTE;
              problem.column = reader->starts->len + 1;
            }
          g_string_append_c (reader->data, c);
          state = S_UNQUOTED;
          break;

        default:
          g_assert_not_reached ();
        }

      if (reader->data->len > reader->max_record)
        {
          g_autofree char *size = g_format_size_full (reader->max_record, G_FORMAT_SIZE_IEC_UNITS);
          g_autofree char *line = g_strdup_printf ("%" G_GUINT64_FORMAT, quote_line);
          g_autofree char *message = NULL;

          if (state == S_QUOTED)
            /* translators: the first %s is a size ("16.0 MiB"), the second a line number */
            message = g_strdup_printf (_("the record is longer than %s: is the quote opened on line %s "
                                         "closed?"), size, line);
          else
            /* translators: %s is a size ("16.0 MiB") */
            message = g_strdup_printf (_("the record is longer than %s"), size);
          set_error (reader, error, LW_CSV_ERROR_TOO_LONG, reader->record_row,
                     reader->record_line, 0, message);
          reader->done = TRUE;
          return FALSE;
        }
    }

  /* The end of the file. */
  switch (state)
    {
    case S_RECORD_START:
      reader->done = TRUE;
      return FALSE;

    case S_QUOTED:
      {
        g_autofree char *line = g_strdup_printf ("%" G_GUINT64_FORMAT, quote_line);
        g_autofree char *message = NULL;

        /* translators: %s is a line number */
        message = g_strdup_printf (_("the quoted field opened on line %s is not closed at the "
                                     "end of the file"), line);
        set_error (reader, error, LW_CSV_ERROR_UNTERMINATED, reader->record_row,
                   reader->record_line, reader->starts->len + 1, message);
        reader->done = TRUE;
        return FALSE;
      }

    case S_FIELD_START:
      /* The record ends with a separator: one more, empty, field. */
      end_field (reader, reader->data->len, &problem);
      break;

    case S_UNQUOTED:
    case S_QUOTE_SEEN:
    default:
      end_field (reader, field_start, &problem);
      break;
    }

record_done:
  publish_fields (reader);
  if (problem.column == 0)
    return TRUE;

  reader->bad_column = problem.column;
  {
    const char *message;

    if (problem.code == LW_CSV_ERROR_QUOTE)
      message = _("text after the closing quote of a quoted field (a quote inside a quoted "
                  "field is written twice: \"\")");
    else if (problem.nul)
      message = _("the text holds a NUL byte: is the file in UTF-8?");
    else
      message = _("the text is not valid UTF-8 (save the file as CSV in UTF-8)");
    set_error (reader, error, problem.code, reader->record_row, reader->record_line,
               problem.column, message);
  }
  return FALSE;
}

/* ---- writing ---------------------------------------------------------------- */

/* [+-] digits [. digits] [e [+-] digits], or [+-] . digits ...: what a
 * spreadsheet reads as a number. */
static gboolean
is_plain_number (const char *p)
{
  guint digits = 0;

  if (*p == '+' || *p == '-')
    p++;
  for (; g_ascii_isdigit (*p); p++)
    digits++;
  if (*p == '.')
    for (p++; g_ascii_isdigit (*p); p++)
      digits++;
  if (digits == 0)
    return FALSE;
  if (*p == 'e' || *p == 'E')
    {
      p++;
      if (*p == '+' || *p == '-')
        p++;
      if (!g_ascii_isdigit (*p))
        return FALSE;
      while (g_ascii_isdigit (*p))
        p++;
    }
  return *p == '\0';
}

void
lw_csv_append_field (GString         *out,
                     const char      *text,
                     LwCsvWriteFlags  flags)
{
  g_autofree char *repaired = NULL;
  gboolean quote, neutralise;

  g_return_if_fail (out != NULL);

  if (text == NULL)
    text = "";
  if (!g_utf8_validate (text, -1, NULL))
    text = repaired = g_utf8_make_valid (text, -1);

  neutralise = (flags & LW_CSV_WRITE_RAW) == 0 &&
               text[0] != '\0' && strchr ("=+-@\t\r", text[0]) != NULL &&
               !is_plain_number (text);
  quote = strpbrk (text, ",\"\r\n") != NULL;

  if (quote)
    g_string_append_c (out, '"');
  if (neutralise)
    g_string_append_c (out, '\'');
  if (quote)
    {
      for (const char *p = text; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  else
    g_string_append (out, text);
}

static LwCsvWriter *
writer_new (GOutputStream   *stream,
            LwCsvWriteFlags  flags)
{
  LwCsvWriter *writer = g_new0 (LwCsvWriter, 1);

  writer->stream = g_object_ref (stream);
  writer->buffer = g_string_sized_new (FLUSH_SIZE + 4096);
  writer->flags = flags;
  writer->bom_pending = (flags & LW_CSV_WRITE_BOM) != 0;
  return writer;
}

LwCsvWriter *
lw_csv_writer_new (GOutputStream   *stream,
                   LwCsvWriteFlags  flags)
{
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), NULL);

  return writer_new (stream, flags);
}

LwCsvWriter *
lw_csv_writer_new_for_path (const char       *path,
                            LwCsvWriteFlags   flags,
                            GError          **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmp_path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;
  LwCsvWriter *writer;
  int fd, saved_errno;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* A hidden temporary file in the same directory, so that the rename that
   * puts it in place stays on one file system. */
  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  tmp_path = g_strdup_printf ("%s%c.%s.XXXXXX", dir, G_DIR_SEPARATOR, base);
  fd = g_mkstemp_full (tmp_path, O_WRONLY, 0666);
  if (fd < 0)
    {
      saved_errno = errno;
      /* translators: the first %s is a file name, the second why it cannot be written */
      g_set_error (error, LW_CSV_ERROR, LW_CSV_ERROR_IO, _("%s: cannot write the file: %s"),
                   path, g_strerror (saved_errno));
      return NULL;
    }
  g_close (fd, NULL);

  file = g_file_new_for_path (tmp_path);
  stream = g_file_append_to (file, G_FILE_CREATE_NONE, NULL, &local_error);
  if (stream == NULL)
    {
      g_unlink (tmp_path);
      g_set_error (error, LW_CSV_ERROR, LW_CSV_ERROR_IO, _("%s: cannot write the file: %s"),
                   path, local_error->message);
      return NULL;
    }

  writer = writer_new (G_OUTPUT_STREAM (stream), flags);
  writer->path = g_strdup (path);
  writer->tmp_path = g_steal_pointer (&tmp_path);
  return writer;
}

void
lw_csv_writer_free (LwCsvWriter *writer)
{
  if (writer == NULL)
    return;

  if (writer->tmp_path != NULL && !writer->finished)
    {
      g_output_stream_close (writer->stream, NULL, NULL);
      g_unlink (writer->tmp_path);
    }
  g_clear_object (&writer->stream);
  g_string_free (writer->buffer, TRUE);
  g_free (writer->path);
  g_free (writer->tmp_path);
  g_free (writer);
}

guint64
lw_csv_writer_get_rows (LwCsvWriter *writer)
{
  g_return_val_if_fail (writer != NULL, 0);

  return writer->rows;
}

static gboolean
flush (LwCsvWriter   *writer,
       GCancellable  *cancellable,
       GError       **error)
{
  g_autoptr(GError) local_error = NULL;

  if (writer->buffer->len == 0)
    return TRUE;
  if (!g_output_stream_write_all (writer->stream, writer->buffer->str, writer->buffer->len,
                                  NULL, cancellable, &local_error))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else if (writer->path != NULL)
        g_set_error (error, LW_CSV_ERROR, LW_CSV_ERROR_IO, _("%s: cannot write the file: %s"),
                     writer->path, local_error->message);
      else
        g_set_error (error, LW_CSV_ERROR, LW_CSV_ERROR_IO, _("cannot write: %s"),
                     local_error->message);
      return FALSE;
    }
  g_string_truncate (writer->buffer, 0);
  return TRUE;
}

gboolean
lw_csv_writer_write_row (LwCsvWriter         *writer,
                         const char * const  *fields,
                         guint                n_fields,
                         GCancellable        *cancellable,
                         GError             **error)
{
  g_return_val_if_fail (writer != NULL, FALSE);
  g_return_val_if_fail (!writer->finished, FALSE);
  g_return_val_if_fail (fields != NULL, FALSE);
  g_return_val_if_fail (n_fields > 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (writer->bom_pending)
    {
      g_string_append (writer->buffer, "\357\273\277");
      writer->bom_pending = FALSE;
    }

  /* One empty field alone would be a blank line, which is no record. */
  if (n_fields == 1 && (fields[0] == NULL || fields[0][0] == '\0'))
    g_string_append (writer->buffer, "\"\"");
  else
    for (guint i = 0; i < n_fields; i++)
      {
        if (i > 0)
          g_string_append_c (writer->buffer, ',');
        lw_csv_append_field (writer->buffer, fields[i], writer->flags);
      }
  g_string_append (writer->buffer, "\r\n");
  writer->rows++;

  if (writer->buffer->len >= FLUSH_SIZE)
    return flush (writer, cancellable, error);
  return TRUE;
}

gboolean
lw_csv_writer_finish (LwCsvWriter   *writer,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (writer != NULL, FALSE);
  g_return_val_if_fail (!writer->finished, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (writer->bom_pending)
    {
      g_string_append (writer->buffer, "\357\273\277");
      writer->bom_pending = FALSE;
    }
  if (!flush (writer, cancellable, error))
    return FALSE;

  if (writer->tmp_path == NULL)
    {
      writer->finished = TRUE;
      return g_output_stream_flush (writer->stream, cancellable, error);
    }

  if (!g_output_stream_close (writer->stream, cancellable, &local_error))
    {
      g_set_error (error, LW_CSV_ERROR, LW_CSV_ERROR_IO, _("%s: cannot write the file: %s"),
                   writer->path, local_error->message);
      return FALSE;
    }
  if (g_rename (writer->tmp_path, writer->path) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, LW_CSV_ERROR, LW_CSV_ERROR_IO, _("%s: cannot write the file: %s"),
                   writer->path, g_strerror (saved_errno));
      return FALSE;
    }
  writer->finished = TRUE;
  return TRUE;
}

gboolean
lw_csv_write_table (LwCsvWriter         *writer,
                    guint                n_columns,
                    const char * const  *header,
                    guint                n_rows,
                    const char * const  *cells,
                    GCancellable        *cancellable,
                    GError             **error)
{
  g_return_val_if_fail (writer != NULL, FALSE);
  g_return_val_if_fail (n_columns > 0, FALSE);
  g_return_val_if_fail (header != NULL, FALSE);
  g_return_val_if_fail (cells != NULL || n_rows == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!lw_csv_writer_write_row (writer, header, n_columns, cancellable, error))
    return FALSE;
  for (guint i = 0; i < n_rows; i++)
    if (!lw_csv_writer_write_row (writer, cells + (gsize) i * n_columns, n_columns,
                                  cancellable, error))
      return FALSE;
  return TRUE;
}

gboolean
lw_csv_write_table_to_path (const char          *path,
                            LwCsvWriteFlags      flags,
                            guint                n_columns,
                            const char * const  *header,
                            guint                n_rows,
                            const char * const  *cells,
                            GCancellable        *cancellable,
                            GError             **error)
{
  g_autoptr(LwCsvWriter) writer = NULL;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (n_columns > 0, FALSE);
  g_return_val_if_fail (header != NULL, FALSE);
  g_return_val_if_fail (cells != NULL || n_rows == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  writer = lw_csv_writer_new_for_path (path, flags, error);
  if (writer == NULL)
    return FALSE;
  return lw_csv_write_table (writer, n_columns, header, n_rows, cells, cancellable, error) &&
         lw_csv_writer_finish (writer, cancellable, error);
}
