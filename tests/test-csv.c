/* test-csv.c: the RFC 4180 reader and writer
 *
 * The reader is checked on hand-made files whose records, rows, lines and
 * columns are counted by hand in each test, and on the same bytes handed
 * over a few bytes at a time (every chunk boundary a quote, CR or LF can
 * fall on); the writer byte for byte, then both together on hostile cells.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "lw-csv.h"
#include "lw-test-utils.h"

/* ---- a stream that hands out a few bytes per read ------------------------- */

#define LW_TYPE_TRICKLE_STREAM (lw_trickle_stream_get_type ())
G_DECLARE_FINAL_TYPE (LwTrickleStream, lw_trickle_stream, LW, TRICKLE_STREAM, GInputStream)

struct _LwTrickleStream
{
  GInputStream  parent_instance;
  GBytes       *bytes;
  gsize         pos;
  gsize         step;
};

G_DEFINE_FINAL_TYPE (LwTrickleStream, lw_trickle_stream, G_TYPE_INPUT_STREAM)

static gssize
lw_trickle_stream_read (GInputStream  *stream,
                        void          *buffer,
                        gsize          count,
                        GCancellable  *cancellable,
                        GError       **error)
{
  LwTrickleStream *self = LW_TRICKLE_STREAM (stream);
  gsize size;
  const guint8 *data = g_bytes_get_data (self->bytes, &size);
  gsize n = MIN (MIN (count, self->step), size - self->pos);

  memcpy (buffer, data + self->pos, n);
  self->pos += n;
  return n;
}

static void
lw_trickle_stream_finalize (GObject *object)
{
  LwTrickleStream *self = LW_TRICKLE_STREAM (object);

  g_bytes_unref (self->bytes);
  G_OBJECT_CLASS (lw_trickle_stream_parent_class)->finalize (object);
}

static void
lw_trickle_stream_class_init (LwTrickleStreamClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lw_trickle_stream_finalize;
  G_INPUT_STREAM_CLASS (klass)->read_fn = lw_trickle_stream_read;
}

static void
lw_trickle_stream_init (LwTrickleStream *self)
{
}

static GInputStream *
trickle_stream_new (const char *data,
                    gsize       length,
                    gsize       step)
{
  LwTrickleStream *self = g_object_new (LW_TYPE_TRICKLE_STREAM, NULL);

  self->bytes = g_bytes_new (data, length);
  self->step = step;
  return G_INPUT_STREAM (self);
}

/* ---- helpers ---------------------------------------------------------------- */

/* Reads the next record, asserting there is one without error, and checks
 * its row, line and fields (NULL-terminated). */
static void
assert_record (LwCsvReader *reader,
               guint64      row,
               guint64      line,
               ...)
{
  g_autoptr(GError) error = NULL;
  const char * const *fields;
  const char *expected;
  guint n = 0, i = 0;
  va_list args;

  g_assert_true (lw_csv_reader_next (reader, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (lw_csv_reader_get_row (reader), ==, row);
  g_assert_cmpuint (lw_csv_reader_get_line (reader), ==, line);
  fields = lw_csv_reader_get_fields (reader, &n);

  va_start (args, line);
  while ((expected = va_arg (args, const char *)) != NULL)
    {
      g_assert_cmpuint (i, <, n);
      g_assert_cmpstr (fields[i], ==, expected);
      i++;
    }
  va_end (args);
  g_assert_cmpuint (i, ==, n);
  g_assert_null (fields[n]);
}

static void
assert_end (LwCsvReader *reader)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (lw_csv_reader_next (reader, NULL, &error));
  g_assert_no_error (error);
  /* And it stays at the end. */
  g_assert_false (lw_csv_reader_next (reader, NULL, &error));
  g_assert_no_error (error);
}

/* Every record of @reader as "row|line|f1|f2|...\n", or "error: MESSAGE\n". */
static char *
dump_reader (LwCsvReader *reader)
{
  GString *out = g_string_new (NULL);

  for (;;)
    {
      g_autoptr(GError) error = NULL;
      gboolean ok = lw_csv_reader_next (reader, NULL, &error);
      const char * const *fields;
      guint n;

      if (!ok && error == NULL)
        break;
      if (!ok)
        g_string_append_printf (out, "error %d col %u: %s\n", error->code,
                                lw_csv_reader_get_bad_column (reader), error->message);
      if (!ok && (error->code != LW_CSV_ERROR_ENCODING && error->code != LW_CSV_ERROR_QUOTE))
        break;
      fields = lw_csv_reader_get_fields (reader, &n);
      g_string_append_printf (out, "%" G_GUINT64_FORMAT "|%" G_GUINT64_FORMAT,
                              lw_csv_reader_get_row (reader), lw_csv_reader_get_line (reader));
      for (guint i = 0; i < n; i++)
        g_string_append_printf (out, "|%s", fields[i]);
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

static char *
write_to_string (LwCsvWriteFlags      flags,
                 const char * const  *row,
                 guint                n)
{
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(LwCsvWriter) writer = lw_csv_writer_new (stream, flags);
  g_autoptr(GError) error = NULL;

  g_assert_true (lw_csv_writer_write_row (writer, row, n, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (lw_csv_writer_finish (writer, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (stream, NULL, NULL));
  return g_strndup (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (stream)),
                    g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (stream)));
}

static char *
make_test_dir (const char *name)
{
  char *dir = g_build_filename (g_get_user_cache_dir (), name, NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  return dir;
}

static guint
count_dir_entries (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

/* ---- reading ------------------------------------------------------------------ */

static void
test_read_simple (void)
{
  g_autoptr(LwCsvReader) reader = lw_csv_reader_new_for_data ("id,name,city\r\n"
                                                              "1,Ana,Berlin\r\n"
                                                              "2,Ben,Lagos\r\n", -1);

  assert_record (reader, 1, 1, "id", "name", "city", NULL);
  assert_record (reader, 2, 2, "1", "Ana", "Berlin", NULL);
  assert_record (reader, 3, 3, "2", "Ben", "Lagos", NULL);
  assert_end (reader);
  g_assert_cmpuint (lw_csv_reader_get_offset (reader), ==, 41);
  g_assert_cmpuint (lw_csv_reader_get_size (reader), ==, 41);
}

static void
test_read_quoted (void)
{
  /* Row 2 spans lines 2-4 (a CRLF and an LF inside quotes), so row 3
   * starts on line 5. */
  g_autoptr(LwCsvReader) reader =
    lw_csv_reader_new_for_data ("name,notes,size\r\n"
                                "\"Acme, Inc.\",\"said \"\"hi\"\"\r\nthen\nleft\",\"\"\r\n"
                                "Beta,\",\",\"\"\"\"\r\n", -1);

  assert_record (reader, 1, 1, "name", "notes", "size", NULL);
  assert_record (reader, 2, 2, "Acme, Inc.", "said \"hi\"\r\nthen\nleft", "", NULL);
  assert_record (reader, 3, 5, "Beta", ",", "\"", NULL);
  assert_end (reader);
}

static void
test_read_line_endings (void)
{
  /* LF, CRLF, a lone CR, then a last record without a line break. */
  g_autoptr(LwCsvReader) reader = lw_csv_reader_new_for_data ("a,b\n1,2\r\n3,4\r5,6", -1);

  assert_record (reader, 1, 1, "a", "b", NULL);
  assert_record (reader, 2, 2, "1", "2", NULL);
  assert_record (reader, 3, 3, "3", "4", NULL);
  assert_record (reader, 4, 4, "5", "6", NULL);
  assert_end (reader);
}

static void
test_read_bom (void)
{
  g_autoptr(LwCsvReader) reader = lw_csv_reader_new_for_data ("\357\273\277Email,Name\r\n"
                                                              "ana@example.com,Ana\r\n", -1);

  assert_record (reader, 1, 1, "Email", "Name", NULL);
  assert_record (reader, 2, 2, "ana@example.com", "Ana", NULL);
  assert_end (reader);
}

static void
test_read_utf16 (void)
{
  g_autoptr(LwCsvReader) reader = lw_csv_reader_new_for_data ("\377\376E\0m\0a\0i\0l\0\r\0\n\0", 16);
  g_autoptr(GError) error = NULL;

  g_assert_false (lw_csv_reader_next (reader, NULL, &error));
  g_assert_error (error, LW_CSV_ERROR, LW_CSV_ERROR_ENCODING);
  g_assert_nonnull (strstr (error->message, "row 1: "));
  g_assert_nonnull (strstr (error->message, "UTF-16"));
  g_clear_error (&error);
  /* The reading is over. */
  g_assert_false (lw_csv_reader_next (reader, NULL, &error));
  g_assert_no_error (error);
}

static void
test_read_trailing_empty_column (void)
{
  /* A spreadsheet's trailing empty column, and a last record ending in a
   * separator without a line break. */
  g_autoptr(LwCsvReader) reader = lw_csv_reader_new_for_data ("a,b,\r\n1,2,\r\n3,,", -1);

  assert_record (reader, 1, 1, "a", "b", "", NULL);
  assert_record (reader, 2, 2, "1", "2", "", NULL);
  assert_record (reader, 3, 3, "3", "", "", NULL);
  assert_end (reader);
}

static void
test_read_blank_lines (void)
{
  /* Blank lines are rows but not records; a quoted empty field is a
   * record. */
  g_autoptr(LwCsvReader) reader = lw_csv_reader_new_for_data ("a\r\n\r\n\nb\n\"\"\n\n", -1);

  assert_record (reader, 1, 1, "a", NULL);
  assert_record (reader, 4, 4, "b", NULL);
  assert_record (reader, 5, 5, "", NULL);
  assert_end (reader);
}

static void
test_read_empty (void)
{
  g_autoptr(LwCsvReader) empty = lw_csv_reader_new_for_data ("", 0);
  g_autoptr(LwCsvReader) bom_only = lw_csv_reader_new_for_data ("\357\273\277", -1);
  g_autoptr(LwCsvReader) blank = lw_csv_reader_new_for_data ("\r\n\r\n", -1);

  assert_end (empty);
  assert_end (bom_only);
  assert_end (blank);
}

static void
test_read_unterminated (void)
{
  /* The quote opens on line 3 in row 3, column 2, and never closes. */
  g_autoptr(LwCsvReader) reader = lw_csv_reader_new_for_data ("id,notes\n"
                                                              "1,fine\n"
                                                              "2,\"never closed\n"
                                                              "3,more\n", -1);
  g_autoptr(GError) error = NULL;

  assert_record (reader, 1, 1, "id", "notes", NULL);
  assert_record (reader, 2, 2, "1", "fine", NULL);
  g_assert_false (lw_csv_reader_next (reader, NULL, &error));
  g_assert_error (error, LW_CSV_ERROR, LW_CSV_ERROR_UNTERMINATED);
  g_assert_cmpstr (error->message, ==,
                   "row 3, column 2: the quoted field opened on line 3 is not closed at the "
                   "end of the file");
  g_clear_error (&error);
  /* The half-read record has no fields. */
  {
    guint n = 99;
    const char * const *fields = lw_csv_reader_get_fields (reader, &n);

    g_assert_cmpuint (n, ==, 0);
    g_assert_null (fields[0]);
  }
  g_assert_false (lw_csv_reader_next (reader, NULL, &error));
  g_assert_no_error (error);
}

static void
test_read_invalid_utf8 (void)
{
  /* Row 3 (line 4, after a quoted line break in row 2), column 3 holds
   * Latin-1 bytes; the reader reports it, repairs it, and goes on. */
  g_autoptr(LwCsvReader) reader = lw_csv_reader_new_for_data ("id,notes,city\n"
                                                              "1,\"two\nlines\",Berlin\n"
                                                              "2,ok,M\374nchen\n"
                                                              "3,ok,K\303\266ln\n", -1);
  g_autoptr(GError) error = NULL;
  const char * const *fields;
  guint n;

  assert_record (reader, 1, 1, "id", "notes", "city", NULL);
  assert_record (reader, 2, 2, "1", "two\nlines", "Berlin", NULL);
  g_assert_false (lw_csv_reader_next (reader, NULL, &error));
  g_assert_error (error, LW_CSV_ERROR, LW_CSV_ERROR_ENCODING);
  g_assert_cmpstr (error->message, ==,
                   "row 3 (line 4), column 3: the text is not valid UTF-8 (save the file as CSV in UTF-8)");
  g_assert_cmpuint (lw_csv_reader_get_row (reader), ==, 3);
  g_assert_cmpuint (lw_csv_reader_get_bad_column (reader), ==, 3);
  fields = lw_csv_reader_get_fields (reader, &n);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpstr (fields[2], ==, "M\357\277\275nchen");
  g_clear_error (&error);

  assert_record (reader, 4, 5, "3", "ok", "K\303\266ln", NULL);
  g_assert_cmpuint (lw_csv_reader_get_bad_column (reader), ==, 0);
  g_assert_false (lw_csv_reader_is_bad_column (reader, 3));
  assert_end (reader);
}

/* Every field that is not UTF-8 is known, not only the first. */
static void
test_read_bad_columns (void)
{
  g_autoptr(LwCsvReader) reader = lw_csv_reader_new_for_data ("\377,ok,\"\376\"\n", -1);
  g_autoptr(GError) error = NULL;

  g_assert_false (lw_csv_reader_next (reader, NULL, &error));
  g_assert_error (error, LW_CSV_ERROR, LW_CSV_ERROR_ENCODING);
  g_assert_cmpuint (lw_csv_reader_get_bad_column (reader), ==, 1);
  g_assert_true (lw_csv_reader_is_bad_column (reader, 1));
  g_assert_false (lw_csv_reader_is_bad_column (reader, 2));
  g_assert_true (lw_csv_reader_is_bad_column (reader, 3));
  g_assert_false (lw_csv_reader_is_bad_column (reader, 4));
  assert_end (reader);
}

static void
test_read_nul_byte (void)
{
  g_autoptr(LwCsvReader) reader = lw_csv_reader_new_for_data ("a,b\nx\0y,z\n", 10);
  g_autoptr(GError) error = NULL;
  const char * const *fields;

  assert_record (reader, 1, 1, "a", "b", NULL);
  g_assert_false (lw_csv_reader_next (reader, NULL, &error));
  g_assert_error (error, LW_CSV_ERROR, LW_CSV_ERROR_ENCODING);
  g_assert_nonnull (strstr (error->message, "row 2, column 1: "));
  g_assert_nonnull (strstr (error->message, "NUL"));
  fields = lw_csv_reader_get_fields (reader, NULL);
  g_assert_cmpstr (fields[0], ==, "x\357\277\275y");
  g_assert_cmpstr (fields[1], ==, "z");
  assert_end (reader);
}

static void
test_read_stray_quote (void)
{
  /* A quote inside an unquoted field is text; text after a closing quote
   * is reported (and kept). */
  g_autoptr(LwCsvReader) reader = lw_csv_reader_new_for_data ("5'11\",ok\n"
                                                              "x,\"abc\"def,y\n"
                                                              "last,row\n", -1);
  g_autoptr(GError) error = NULL;
  const char * const *fields;

  assert_record (reader, 1, 1, "5'11\"", "ok", NULL);
  g_assert_false (lw_csv_reader_next (reader, NULL, &error));
  g_assert_error (error, LW_CSV_ERROR, LW_CSV_ERROR_QUOTE);
  g_assert_nonnull (strstr (error->message, "row 2, column 2: text after the closing quote"));
  fields = lw_csv_reader_get_fields (reader, NULL);
  g_assert_cmpstr (fields[1], ==, "abcdef");
  g_assert_cmpstr (fields[2], ==, "y");
  assert_record (reader, 3, 3, "last", "row", NULL);
  assert_end (reader);
}

static void
test_read_too_long (void)
{
  g_autoptr(GString) data = g_string_new ("id,notes\n1,\"open");
  g_autoptr(LwCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 300; i++)
    g_string_append (data, "\nmore text");
  reader = lw_csv_reader_new_for_data (data->str, data->len);
  lw_csv_reader_set_max_record (reader, 1000);

  assert_record (reader, 1, 1, "id", "notes", NULL);
  g_assert_false (lw_csv_reader_next (reader, NULL, &error));
  g_assert_error (error, LW_CSV_ERROR, LW_CSV_ERROR_TOO_LONG);
  g_assert_nonnull (strstr (error->message, "row 2: the record is longer than 1000 bytes: "
                                            "is the quote opened on line 2 closed?"));
  g_clear_error (&error);
  g_assert_false (lw_csv_reader_next (reader, NULL, &error));
  g_assert_no_error (error);
}

static void
test_read_separator (void)
{
  g_autoptr(LwCsvReader) semicolons = lw_csv_reader_new_for_data ("Name;Umsatz;\"a,b\"\n"
                                                                  "Ana;1.234,5;x\n", -1);
  g_autoptr(LwCsvReader) tabs = lw_csv_reader_new_for_data ("a\tb,c\n1\t2,3\n", -1);
  g_autoptr(LwCsvReader) excel = lw_csv_reader_new_for_data ("sep=;\r\na;b\r\n1;2\r\n", -1);
  g_autoptr(LwCsvReader) commas = lw_csv_reader_new_for_data ("a;b,c,d\n", -1);
  g_autoptr(LwCsvReader) fixed = lw_csv_reader_new_for_data ("a;b;c\n", -1);

  lw_csv_reader_set_detect_separator (semicolons, TRUE);
  assert_record (semicolons, 1, 1, "Name", "Umsatz", "a,b", NULL);
  g_assert_cmpint (lw_csv_reader_get_separator (semicolons), ==, ';');
  assert_record (semicolons, 2, 2, "Ana", "1.234,5", "x", NULL);
  assert_end (semicolons);

  /* One tab against one comma: the comma wins a tie. */
  lw_csv_reader_set_detect_separator (tabs, TRUE);
  assert_record (tabs, 1, 1, "a\tb", "c", NULL);

  lw_csv_reader_set_detect_separator (excel, TRUE);
  assert_record (excel, 2, 2, "a", "b", NULL);
  assert_record (excel, 3, 3, "1", "2", NULL);
  assert_end (excel);

  lw_csv_reader_set_detect_separator (commas, TRUE);
  assert_record (commas, 1, 1, "a;b", "c", "d", NULL);

  /* Without detection the comma is the separator. */
  assert_record (fixed, 1, 1, "a;b;c", NULL);
}

static void
test_read_missing_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = make_test_dir ("missing");
  g_autofree char *path = g_build_filename (dir, "nope.csv", NULL);
  LwCsvReader *reader = lw_csv_reader_new_for_path (path, &error);

  g_autofree char *expected = g_strdup_printf ("%s: cannot open the file: no such file", path);

  g_assert_null (reader);
  g_assert_error (error, LW_CSV_ERROR, LW_CSV_ERROR_IO);
  g_assert_cmpstr (error->message, ==, expected);
  g_clear_error (&error);

  reader = lw_csv_reader_new_for_path (dir, &error);
  g_assert_null (reader);
  g_assert_error (error, LW_CSV_ERROR, LW_CSV_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "cannot open the file"));
}

/* The same hostile file read whole and a few bytes at a time gives the same
 * records, rows, lines and errors: no state is lost at a chunk boundary. */
static void
test_read_chunk_boundaries (void)
{
  static const char hostile[] =
    "\357\273\277id,\"quoted\r\nheader\",last\r\n"
    "1,\"a \"\"b\"\" c\",\r\n"
    "\r\n"
    "2,\"\r\",\"\n\"\r"
    "3,x\"y,\"\"\n"
    "4,\"bad\"tail,z\r\n"
    "5,caf\303\251,\"\342\202\254\"\n"
    "6,\377,end";
  g_autoptr(LwCsvReader) whole = lw_csv_reader_new_for_data (hostile, sizeof hostile - 1);
  g_autofree char *expected = dump_reader (whole);

  g_assert_cmpstr (expected, ==,
                   "1|1|id|quoted\r\nheader|last\n"
                   "2|3|1|a \"b\" c|\n"
                   "4|5|2|\r|\n\n"
                   "5|8|3|x\"y|\n"
                   "error 2 col 2: row 6 (line 9), column 2: text after the closing quote of a "
                   "quoted field (a quote inside a quoted field is written twice: \"\")\n"
                   "6|9|4|badtail|z\n"
                   "7|10|5|caf\303\251|\342\202\254\n"
                   "error 1 col 2: row 8 (line 11), column 2: the text is not valid UTF-8 "
                   "(save the file as CSV in UTF-8)\n"
                   "8|11|6|\357\277\275|end\n");

  for (gsize step = 1; step <= 7; step++)
    {
      g_autoptr(GInputStream) stream = trickle_stream_new (hostile, sizeof hostile - 1, step);
      g_autoptr(LwCsvReader) reader = lw_csv_reader_new (stream);
      g_autofree char *got = dump_reader (reader);

      g_assert_cmpstr (got, ==, expected);
    }
}

/* A file larger than many chunks, read from disk, record by record. */
static void
test_read_large_file (void)
{
  g_autofree char *dir = make_test_dir ("large");
  g_autofree char *path = g_build_filename (dir, "large.csv", NULL);
  g_autoptr(LwCsvWriter) writer = NULL;
  g_autoptr(LwCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  const char *header[] = { "n", "text" };
  guint64 records = 0, sum = 0;
  GStatBuf st;

  writer = lw_csv_writer_new_for_path (path, LW_CSV_WRITE_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (lw_csv_writer_write_row (writer, header, 2, NULL, &error));
  for (guint i = 1; i <= 50000; i++)
    {
      g_autofree char *n = g_strdup_printf ("%u", i);
      const char *row[] = { n, i % 7 == 0 ? "multi\r\nline, \"quoted\"" : "plain" };

      g_assert_true (lw_csv_writer_write_row (writer, row, 2, NULL, &error));
    }
  g_assert_true (lw_csv_writer_finish (writer, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (lw_csv_writer_get_rows (writer), ==, 50001);

  reader = lw_csv_reader_new_for_path (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpuint (lw_csv_reader_get_size (reader), ==, st.st_size);
  assert_record (reader, 1, 1, "n", "text", NULL);
  while (lw_csv_reader_next (reader, NULL, &error))
    {
      const char * const *fields = lw_csv_reader_get_fields (reader, NULL);
      guint64 n = g_ascii_strtoull (fields[0], NULL, 10);

      records++;
      sum += n;
      g_assert_cmpuint (lw_csv_reader_get_row (reader), ==, n + 1);
      g_assert_cmpstr (fields[1], ==, n % 7 == 0 ? "multi\r\nline, \"quoted\"" : "plain");
    }
  g_assert_no_error (error);
  g_assert_cmpuint (records, ==, 50000);
  g_assert_cmpuint (sum, ==, (guint64) 50000 * 50001 / 2);
  g_assert_cmpuint (lw_csv_reader_get_offset (reader), ==, st.st_size);
}

/* ---- writing -------------------------------------------------------------------- */

static void
test_write_quoting (void)
{
  const char *row[] = { "plain", "a,b", "say \"hi\"", "two\nlines", "", NULL, " spaced ", "caf\303\251" };
  g_autofree char *text = write_to_string (LW_CSV_WRITE_DEFAULT, row, G_N_ELEMENTS (row));

  g_assert_cmpstr (text, ==,
                   "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",,, spaced ,caf\303\251\r\n");
}

static void
test_write_formula_injection (void)
{
  const char *row[] = {
    "=HYPERLINK(\"http://x\",\"y\")", "+1+2", "-2+3", "@SUM(A1)", "\t=1", "\r=1",
    "-12.5", "+3", "1e-3", "-", "a=b", "'=already",
  };
  g_autofree char *safe = write_to_string (LW_CSV_WRITE_DEFAULT, row, G_N_ELEMENTS (row));
  g_autofree char *raw = write_to_string (LW_CSV_WRITE_RAW, row, G_N_ELEMENTS (row));

  g_assert_cmpstr (safe, ==,
                   "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",'+1+2,'-2+3,'@SUM(A1),'\t=1,\"'\r=1\","
                   "-12.5,+3,1e-3,'-,a=b,'=already\r\n");
  g_assert_cmpstr (raw, ==,
                   "\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",+1+2,-2+3,@SUM(A1),\t=1,\"\r=1\","
                   "-12.5,+3,1e-3,-,a=b,'=already\r\n");
}

static void
test_write_single_empty_field (void)
{
  const char *row[] = { "" };
  g_autoptr(GError) error = NULL;
  g_autofree char *text = write_to_string (LW_CSV_WRITE_DEFAULT, row, 1);
  g_autoptr(LwCsvReader) reader = lw_csv_reader_new_for_data (text, -1);

  g_assert_cmpstr (text, ==, "\"\"\r\n");
  assert_record (reader, 1, 1, "", NULL);
  assert_end (reader);
}

static void
test_write_invalid_utf8 (void)
{
  const char *row[] = { "M\374nchen", "ok" };
  g_autofree char *text = write_to_string (LW_CSV_WRITE_DEFAULT, row, 2);

  g_assert_cmpstr (text, ==, "M\357\277\275nchen,ok\r\n");
}

static void
test_write_bom (void)
{
  const char *row[] = { "Email", "Name" };
  g_autofree char *text = write_to_string (LW_CSV_WRITE_BOM, row, 2);
  g_autoptr(LwCsvReader) reader = lw_csv_reader_new_for_data (text, -1);

  g_assert_cmpstr (text, ==, "\357\273\277Email,Name\r\n");
  assert_record (reader, 1, 1, "Email", "Name", NULL);
  assert_end (reader);
}

static const char * const hostile_cells[] = {
  "=1+1", "+SUM(A1:A9)", "-2-2", "@cmd|' /C calc'!A0", "\t\tindented", "\rcarriage",
  "=HYPERLINK(\"http://evil.example\",\"click\")",
  "a,b,c", "\"", "\"\"", "say \"hi\"", "line\nbreak", "crlf\r\nbreak", "\n", "\r\n",
  "", " ", "trailing ", "caf\303\251", "\346\227\245\346\234\254\350\252\236", "\360\237\230\200",
  "\327\251\327\234\327\225\327\235", "-42", "+7", "3.14", "'quoted", ";semicolon", "tab\there",
};

static gboolean
is_hostile (const char *cell)
{
  return cell[0] != '\0' && strchr ("=+-@\t\r", cell[0]) != NULL &&
         strcmp (cell, "-42") != 0 && strcmp (cell, "+7") != 0;
}

static void
round_trip (LwCsvWriteFlags flags)
{
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(LwCsvWriter) writer = lw_csv_writer_new (stream, flags);
  g_autoptr(LwCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  guint n_cells = G_N_ELEMENTS (hostile_cells);
  guint rows = 0;

  /* The cells as one row, then each cell alone on a row, then in pairs
   * with its neighbour. */
  g_assert_true (lw_csv_writer_write_row (writer, hostile_cells, n_cells, NULL, &error));
  for (guint i = 0; i < n_cells; i++)
    g_assert_true (lw_csv_writer_write_row (writer, &hostile_cells[i], 1, NULL, &error));
  for (guint i = 0; i + 1 < n_cells; i++)
    g_assert_true (lw_csv_writer_write_row (writer, &hostile_cells[i], 2, NULL, &error));
  g_assert_true (lw_csv_writer_finish (writer, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (stream, NULL, NULL));

  reader = lw_csv_reader_new_for_data (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (stream)),
                                       g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (stream)));
  while (lw_csv_reader_next (reader, NULL, &error))
    {
      guint n, first, expected_n;
      const char * const *fields = lw_csv_reader_get_fields (reader, &n);

      if (rows == 0)
        first = 0, expected_n = n_cells;
      else if (rows <= n_cells)
        first = rows - 1, expected_n = 1;
      else
        first = rows - 1 - n_cells, expected_n = 2;
      g_assert_cmpuint (n, ==, expected_n);

      for (guint i = 0; i < n; i++)
        {
          const char *cell = hostile_cells[first + i];

          if ((flags & LW_CSV_WRITE_RAW) == 0 && is_hostile (cell))
            {
              g_autofree char *neutral = g_strconcat ("'", cell, NULL);

              g_assert_cmpstr (fields[i], ==, neutral);
            }
          else
            g_assert_cmpstr (fields[i], ==, cell);
        }
      rows++;
    }
  g_assert_no_error (error);
  g_assert_cmpuint (rows, ==, 1 + n_cells + n_cells - 1);
}

static void
test_round_trip_raw (void)
{
  round_trip (LW_CSV_WRITE_RAW);
}

static void
test_round_trip_neutralised (void)
{
  round_trip (LW_CSV_WRITE_DEFAULT);
  round_trip (LW_CSV_WRITE_BOM);
}

static void
test_write_table (void)
{
  g_autofree char *dir = make_test_dir ("table");
  g_autofree char *path = g_build_filename (dir, "table.csv", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  const char *header[] = { "Rep", "Leads", "Compliance" };
  const char *cells[] = {
    "Ana Silva", "12", "91.5",
    "=cmd()", NULL, "-1",
  };

  g_assert_true (lw_csv_write_table_to_path (path, LW_CSV_WRITE_DEFAULT, 3, header, 2, cells,
                                             NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==,
                   "Rep,Leads,Compliance\r\n"
                   "Ana Silva,12,91.5\r\n"
                   "'=cmd(),,-1\r\n");
  /* Only the file: the temporary one is gone. */
  g_assert_cmpuint (count_dir_entries (dir), ==, 1);
}

static void
test_write_path_atomic (void)
{
  g_autofree char *dir = make_test_dir ("atomic");
  g_autofree char *path = g_build_filename (dir, "out.csv", NULL);
  g_autofree char *nowhere = g_build_filename (dir, "no-such-dir", "out.csv", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  const char *row[] = { "new", "data" };
  LwCsvWriter *writer;

  g_assert_true (g_file_set_contents (path, "old\r\n", -1, NULL));

  /* Abandoned halfway: the old file stays, no temporary file is left. */
  writer = lw_csv_writer_new_for_path (path, LW_CSV_WRITE_DEFAULT, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 10000; i++)
    g_assert_true (lw_csv_writer_write_row (writer, row, 2, NULL, &error));
  lw_csv_writer_free (writer);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "old\r\n");
  g_clear_pointer (&contents, g_free);
  g_assert_cmpuint (count_dir_entries (dir), ==, 1);

  /* Finished: replaced. */
  writer = lw_csv_writer_new_for_path (path, LW_CSV_WRITE_DEFAULT, &error);
  g_assert_true (lw_csv_writer_write_row (writer, row, 2, NULL, &error));
  g_assert_true (lw_csv_writer_finish (writer, NULL, &error));
  g_assert_no_error (error);
  lw_csv_writer_free (writer);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "new,data\r\n");
  g_assert_cmpuint (count_dir_entries (dir), ==, 1);

  /* A directory that does not exist. */
  writer = lw_csv_writer_new_for_path (nowhere, LW_CSV_WRITE_DEFAULT, &error);
  g_assert_null (writer);
  g_assert_error (error, LW_CSV_ERROR, LW_CSV_ERROR_IO);
  g_assert_true (g_str_has_prefix (error->message, nowhere));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/csv/read/simple", test_read_simple);
  g_test_add_func ("/csv/read/quoted", test_read_quoted);
  g_test_add_func ("/csv/read/line-endings", test_read_line_endings);
  g_test_add_func ("/csv/read/bom", test_read_bom);
  g_test_add_func ("/csv/read/utf16", test_read_utf16);
  g_test_add_func ("/csv/read/trailing-empty-column", test_read_trailing_empty_column);
  g_test_add_func ("/csv/read/blank-lines", test_read_blank_lines);
  g_test_add_func ("/csv/read/empty", test_read_empty);
  g_test_add_func ("/csv/read/unterminated", test_read_unterminated);
  g_test_add_func ("/csv/read/invalid-utf8", test_read_invalid_utf8);
  g_test_add_func ("/csv/read/bad-columns", test_read_bad_columns);
  g_test_add_func ("/csv/read/nul-byte", test_read_nul_byte);
  g_test_add_func ("/csv/read/stray-quote", test_read_stray_quote);
  g_test_add_func ("/csv/read/too-long", test_read_too_long);
  g_test_add_func ("/csv/read/separator", test_read_separator);
  g_test_add_func ("/csv/read/missing-file", test_read_missing_file);
  g_test_add_func ("/csv/read/chunk-boundaries", test_read_chunk_boundaries);
  g_test_add_func ("/csv/read/large-file", test_read_large_file);
  g_test_add_func ("/csv/write/quoting", test_write_quoting);
  g_test_add_func ("/csv/write/formula-injection", test_write_formula_injection);
  g_test_add_func ("/csv/write/single-empty-field", test_write_single_empty_field);
  g_test_add_func ("/csv/write/invalid-utf8", test_write_invalid_utf8);
  g_test_add_func ("/csv/write/bom", test_write_bom);
  g_test_add_func ("/csv/write/table", test_write_table);
  g_test_add_func ("/csv/write/path-atomic", test_write_path_atomic);
  g_test_add_func ("/csv/round-trip/raw", test_round_trip_raw);
  g_test_add_func ("/csv/round-trip/neutralised", test_round_trip_neutralised);

  return g_test_run ();
}
