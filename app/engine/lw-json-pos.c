/* lw-json-pos.c: where each value of a JSON text stands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lw-json-pos.h"

/* Deeper documents are refused rather than risking the stack. */
#define MAX_DEPTH 512

typedef struct
{
  int line;
  int column;
  int key_line;      /* the key of an object member; else the value */
  int key_column;
} Position;

struct _LwJsonPositions
{
  GHashTable *table;   /* path (char *) -> Position */
};

typedef struct
{
  const char *p;
  const char *end;
  int         line;     /* of *p, 1-based */
  int         column;   /* of *p, in characters, 1-based */
  guint       depth;
  GString    *path;
  GHashTable *table;

  gboolean    failed;
  int         error_line;
  int         error_column;
  char       *error_path;
  GError     *error;
} Scanner;

G_DEFINE_QUARK (lw-json-error-quark, lw_json_error)

static void
free_position (gpointer data)
{
  g_free (data);
}

static void set_error (Scanner    *s,
                       int         line,
                       int         column,
                       LwJsonError code,
                       const char *format,
                       ...) G_GNUC_PRINTF (5, 6);

static void
set_error (Scanner    *s,
           int         line,
           int         column,
           LwJsonError code,
           const char *format,
           ...)
{
  va_list args;

  g_assert (!s->failed);

  s->failed = TRUE;
  s->error_line = line;
  s->error_column = column;
  s->error_path = g_strdup (s->path->str);
  va_start (args, format);
  s->error = g_error_new_valist (LW_JSON_ERROR, code, format, args);
  va_end (args);
}

static gboolean
is_at_end (Scanner *s)
{
  return s->p >= s->end;
}

/* Moves past one byte, keeping line and column. Columns count characters:
 * UTF-8 continuation bytes do not start one. "\r\n" and a lone "\r" end a
 * line as "\n" does. */
static void
advance (Scanner *s)
{
  guchar c = (guchar) *s->p++;

  if (c == '\n' || (c == '\r' && (s->p >= s->end || *s->p != '\n')))
    {
      s->line++;
      s->column = 1;
    }
  else if ((c & 0xC0) != 0x80)
    s->column++;
}

static void
skip_whitespace (Scanner *s)
{
  while (!is_at_end (s) &&
         (*s->p == ' ' || *s->p == '\t' || *s->p == '\n' || *s->p == '\r'))
    advance (s);
}

/* Checks the UTF-8 sequence at the cursor; on success returns its length. */
static int
check_utf8 (Scanner *s)
{
  gunichar c;
  gssize left = s->end - s->p;

  c = g_utf8_get_char_validated (s->p, left);
  if (c == (gunichar) -1 || c == (gunichar) -2 || c == 0)
    {
      /* translators: the byte that is not UTF-8, in hexadecimal: 0xFF */
      set_error (s, s->line, s->column, LW_JSON_ERROR_UTF8,
                 _("invalid UTF-8 (byte 0x%02X); the file must be saved as UTF-8"),
                 (guchar) *s->p);
      return 0;
    }
  return g_utf8_skip[(guchar) *s->p];
}

/* A readable name of the character at the cursor, for "found ..." */
static char *
describe_here (Scanner *s)
{
  guchar c;

  if (is_at_end (s))
    return g_strdup (_("the end of the text"));

  c = (guchar) *s->p;
  if (c == '"')
    return g_strdup ("'\"'");
  if (c >= 0x21 && c < 0x7F)
    return g_strdup_printf ("'%c'", c);
  if (c < 0x80)
    return g_strdup_printf ("U+%04X", c);
  else
    {
      gunichar u = g_utf8_get_char_validated (s->p, s->end - s->p);
      char buf[8] = { 0 };

      if (u == (gunichar) -1 || u == (gunichar) -2)
        /* translators: a byte in hexadecimal: 0xFF */
        return g_strdup_printf (_("byte 0x%02X"), c);
      g_unichar_to_utf8 (u, buf);
      return g_strdup_printf ("'%s'", buf);
    }
}

/* Reports an unexpected character at the cursor: invalid UTF-8 as such,
 * anything else as "@what, found X". */
static void
fail_unexpected (Scanner    *s,
                 const char *what)
{
  g_autofree char *found = NULL;

  if (!is_at_end (s) && ((guchar) *s->p) >= 0x80 && check_utf8 (s) == 0)
    return;

  if (!is_at_end (s) && *s->p == '/' && s->p + 1 < s->end &&
      (s->p[1] == '/' || s->p[1] == '*'))
    {
      /* translators: %s is what was expected: "expected a value" */
      set_error (s, s->line, s->column, LW_JSON_ERROR_SYNTAX,
                 _("%s, found a comment (JSON has no comments)"), what);
      return;
    }

  found = describe_here (s);
  /* translators: what was expected, then what was found instead */
  set_error (s, s->line, s->column, LW_JSON_ERROR_SYNTAX, _("%s, found %s"), what, found);
}

static void
record (Scanner *s,
        int      line,
        int      column,
        int      key_line,
        int      key_column)
{
  Position *pos = g_new (Position, 1);

  pos->line = line;
  pos->column = column;
  pos->key_line = key_line;
  pos->key_column = key_column;
  g_hash_table_replace (s->table, g_strdup (s->path->str), pos);
}

static int
get_hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* Reads four hex digits after "\u"; the cursor is on the first. */
static gboolean
read_hex4 (Scanner *s,
           int      esc_line,
           int      esc_column,
           gunichar *out)
{
  gunichar value = 0;

  for (int i = 0; i < 4; i++)
    {
      int digit = is_at_end (s) ? -1 : get_hex_value (*s->p);

      if (digit < 0)
        {
          set_error (s, esc_line, esc_column, LW_JSON_ERROR_SYNTAX,
                     _("invalid escape: \\u needs four hexadecimal digits"));
          return FALSE;
        }
      value = value * 16 + digit;
      advance (s);
    }
  *out = value;
  return TRUE;
}

/* Reads a string; the cursor is on the opening quote. When @decoded is not
 * NULL the string's value is appended to it. */
static gboolean
scan_string (Scanner *s,
             GString *decoded)
{
  int start_line = s->line;
  int start_column = s->column;

  g_assert (*s->p == '"');
  advance (s);

  for (;;)
    {
      guchar c;

      if (is_at_end (s))
        {
          set_error (s, start_line, start_column, LW_JSON_ERROR_SYNTAX,
                     _("unterminated string: no closing '\"'"));
          return FALSE;
        }

      c = (guchar) *s->p;
      if (c == '"')
        {
          advance (s);
          return TRUE;
        }
      else if (c == '\\')
        {
          int esc_line = s->line;
          int esc_column = s->column;
          char e;

          advance (s);
          if (is_at_end (s))
            {
              set_error (s, start_line, start_column, LW_JSON_ERROR_SYNTAX,
                         _("unterminated string: no closing '\"'"));
              return FALSE;
            }
          e = *s->p;
          switch (e)
            {
            case '"': case '\\': case '/':
              if (decoded)
                g_string_append_c (decoded, e);
              advance (s);
              break;
            case 'b': if (decoded) g_string_append_c (decoded, '\b'); advance (s); break;
            case 'f': if (decoded) g_string_append_c (decoded, '\f'); advance (s); break;
            case 'n': if (decoded) g_string_append_c (decoded, '\n'); advance (s); break;
            case 'r': if (decoded) g_string_append_c (decoded, '\r'); advance (s); break;
            case 't': if (decoded) g_string_append_c (decoded, '\t'); advance (s); break;
            case 'u':
              {
                gunichar u = 0;

                advance (s);
                if (!read_hex4 (s, esc_line, esc_column, &u))
                  return FALSE;
                if (u >= 0xDC00 && u <= 0xDFFF)
                  {
                    /* translators: %04X is the code of a \u escape in a JSON string */
                    set_error (s, esc_line, esc_column, LW_JSON_ERROR_SYNTAX,
                               _("invalid escape: \\u%04X is a lone low surrogate"), u);
                    return FALSE;
                  }
                if (u >= 0xD800 && u <= 0xDBFF)
                  {
                    gunichar low = 0;

                    if (s->end - s->p < 2 || s->p[0] != '\\' || s->p[1] != 'u')
                      {
                        /* translators: %04X is the code of a \u escape in a JSON string */
                        set_error (s, esc_line, esc_column, LW_JSON_ERROR_SYNTAX,
                                   _("invalid escape: \\u%04X must be followed by a low surrogate"),
                                   u);
                        return FALSE;
                      }
                    advance (s);
                    advance (s);
                    if (!read_hex4 (s, esc_line, esc_column, &low))
                      return FALSE;
                    if (low < 0xDC00 || low > 0xDFFF)
                      {
                        /* translators: %04X is the code of a \u escape in a JSON string */
                        set_error (s, esc_line, esc_column, LW_JSON_ERROR_SYNTAX,
                                   _("invalid escape: \\u%04X must be followed by a low surrogate"),
                                   u);
                        return FALSE;
                      }
                    u = 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00);
                  }
                if (u == 0)
                  {
                    set_error (s, esc_line, esc_column, LW_JSON_ERROR_SYNTAX,
                               _("invalid escape: \\u0000 (NUL) is not allowed"));
                    return FALSE;
                  }
                if (decoded)
                  g_string_append_unichar (decoded, u);
              }
              break;
            default:
              {
                g_autofree char *found = describe_here (s);

                if (((guchar) e) >= 0x80 && check_utf8 (s) == 0)
                  return FALSE;
                /* translators: %s is the character after a backslash */
                set_error (s, esc_line, esc_column, LW_JSON_ERROR_SYNTAX,
                           _("invalid escape: '\\' followed by %s"), found);
                return FALSE;
              }
            }
        }
      else if (c < 0x20)
        {
          if (c == '\n' || c == '\r')
            set_error (s, start_line, start_column, LW_JSON_ERROR_SYNTAX,
                       _("unterminated string: no closing '\"' on its line"));
          else
            /* translators: a control character code: 0009 */
            set_error (s, s->line, s->column, LW_JSON_ERROR_SYNTAX,
                       _("control character U+%04X in a string (write it as an escape)"), c);
          return FALSE;
        }
      else if (c < 0x80)
        {
          if (decoded)
            g_string_append_c (decoded, (char) c);
          advance (s);
        }
      else
        {
          int len = check_utf8 (s);

          if (len == 0)
            return FALSE;
          if (decoded)
            g_string_append_len (decoded, s->p, len);
          s->p += len;
          s->column++;
        }
    }
}

static gboolean
is_digit (Scanner *s)
{
  return !is_at_end (s) && *s->p >= '0' && *s->p <= '9';
}

/* -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
static gboolean
scan_number (Scanner *s)
{
  const char *start = s->p;
  int start_line = s->line;
  int start_column = s->column;
  gboolean integer = TRUE;

  if (*s->p == '-')
    advance (s);
  if (!is_digit (s))
    {
      fail_unexpected (s, _("invalid number: expected a digit"));
      return FALSE;
    }
  if (*s->p == '0')
    {
      advance (s);
      if (is_digit (s))
        {
          set_error (s, s->line, s->column, LW_JSON_ERROR_SYNTAX,
                     _("invalid number: a number cannot start with 0"));
          return FALSE;
        }
    }
  else
    while (is_digit (s))
      advance (s);

  if (!is_at_end (s) && *s->p == '.')
    {
      integer = FALSE;
      advance (s);
      if (!is_digit (s))
        {
          fail_unexpected (s, _("invalid number: expected a digit after '.'"));
          return FALSE;
        }
      while (is_digit (s))
        advance (s);
    }

  if (!is_at_end (s) && (*s->p == 'e' || *s->p == 'E'))
    {
      integer = FALSE;
      advance (s);
      if (!is_at_end (s) && (*s->p == '+' || *s->p == '-'))
        advance (s);
      if (!is_digit (s))
        {
          fail_unexpected (s, _("invalid number: expected a digit in the exponent"));
          return FALSE;
        }
      while (is_digit (s))
        advance (s);
    }

  /* json-glib reads integers as 64-bit and silently wraps larger ones. */
  if (integer && s->p - start > 18)
    {
      g_autofree char *literal = g_strndup (start, s->p - start);

      if (!g_ascii_string_to_signed (literal, 10, G_MININT64, G_MAXINT64, NULL, NULL))
        {
          /* translators: %s is a number written in the file */
          set_error (s, start_line, start_column, LW_JSON_ERROR_SYNTAX,
                     _("the integer %s is too large (the limit is 9223372036854775807)"),
                     literal);
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
is_word_char (char c)
{
  return g_ascii_isalnum (c) || c == '_';
}

static gboolean
scan_word (Scanner *s)
{
  static const char * const words[] = { "true", "false", "null" };
  const char *start = s->p;
  gsize len = 0;

  while (start + len < s->end && is_word_char (start[len]))
    len++;

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (len == strlen (words[i]) && memcmp (start, words[i], len) == 0)
      {
        for (gsize j = 0; j < len; j++)
          advance (s);
        return TRUE;
      }

  {
    g_autofree char *word = g_strndup (start, MIN (len, 40));

    /* translators: %s is an unquoted word: True */
    set_error (s, s->line, s->column, LW_JSON_ERROR_SYNTAX,
               _("unknown word \"%s\" (JSON has true, false and null; text needs quotes)"),
               word);
  }
  return FALSE;
}

static gboolean scan_value (Scanner *s);

static gboolean
scan_object (Scanner *s)
{
  gsize base = s->path->len;

  g_assert (*s->p == '{');
  advance (s);
  skip_whitespace (s);
  if (!is_at_end (s) && *s->p == '}')
    {
      advance (s);
      return TRUE;
    }

  for (;;)
    {
      g_autoptr(GString) key = g_string_new (NULL);
      int key_line, key_column;
      Position *first;

      if (is_at_end (s) || *s->p != '"')
        {
          if (!is_at_end (s) && *s->p == '}')
            set_error (s, s->line, s->column, LW_JSON_ERROR_SYNTAX,
                       _("expected a key after ',', found '}' (a trailing comma is not allowed)"));
          else
            fail_unexpected (s, _("expected a key in double quotes"));
          return FALSE;
        }

      key_line = s->line;
      key_column = s->column;
      if (!scan_string (s, key))
        return FALSE;

      lw_json_path_append_member (s->path, key->str);
      first = g_hash_table_lookup (s->table, s->path->str);
      if (first != NULL)
        {
          /* translators: a key, then the line and column where it first appeared */
          set_error (s, key_line, key_column, LW_JSON_ERROR_DUPLICATE_KEY,
                     _("duplicate key \"%s\" (first at line %d, column %d)"),
                     key->str, first->key_line, first->key_column);
          return FALSE;
        }

      skip_whitespace (s);
      if (is_at_end (s) || *s->p != ':')
        {
          fail_unexpected (s, _("expected ':' after the key"));
          return FALSE;
        }
      advance (s);
      skip_whitespace (s);

      if (is_at_end (s))
        {
          fail_unexpected (s, _("expected a value"));
          return FALSE;
        }
      record (s, s->line, s->column, key_line, key_column);
      if (!scan_value (s))
        return FALSE;
      g_string_truncate (s->path, base);

      skip_whitespace (s);
      if (!is_at_end (s) && *s->p == ',')
        {
          advance (s);
          skip_whitespace (s);
          continue;
        }
      if (!is_at_end (s) && *s->p == '}')
        {
          advance (s);
          return TRUE;
        }
      if (!is_at_end (s) && *s->p == '"')
        set_error (s, s->line, s->column, LW_JSON_ERROR_SYNTAX,
                   _("expected ',' or '}' after the member, found '\"' (a ',' is missing)"));
      else
        fail_unexpected (s, _("expected ',' or '}' after the member"));
      return FALSE;
    }
}

static gboolean
scan_array (Scanner *s)
{
  gsize base = s->path->len;
  guint index = 0;

  g_assert (*s->p == '[');
  advance (s);
  skip_whitespace (s);
  if (!is_at_end (s) && *s->p == ']')
    {
      advance (s);
      return TRUE;
    }

  for (;; index++)
    {
      if (!is_at_end (s) && *s->p == ']')
        {
          set_error (s, s->line, s->column, LW_JSON_ERROR_SYNTAX,
                     _("expected a value after ',', found ']' (a trailing comma is not allowed)"));
          return FALSE;
        }
      g_string_append_printf (s->path, "[%u]", index);
      if (is_at_end (s))
        {
          fail_unexpected (s, _("expected a value"));
          return FALSE;
        }
      record (s, s->line, s->column, s->line, s->column);
      if (!scan_value (s))
        return FALSE;
      g_string_truncate (s->path, base);

      skip_whitespace (s);
      if (!is_at_end (s) && *s->p == ',')
        {
          advance (s);
          skip_whitespace (s);
          continue;
        }
      if (!is_at_end (s) && *s->p == ']')
        {
          advance (s);
          return TRUE;
        }
      fail_unexpected (s, _("expected ',' or ']' after the element"));
      return FALSE;
    }
}

/* Reads the value at the cursor, which is not at the end. */
static gboolean
scan_value (Scanner *s)
{
  gboolean ok;
  char c;

  g_assert (!is_at_end (s));

  c = *s->p;
  switch (c)
    {
    case '{':
    case '[':
      if (s->depth >= MAX_DEPTH)
        {
          /* translators: %d is a number of levels */
          set_error (s, s->line, s->column, LW_JSON_ERROR_SYNTAX,
                     _("nested more than %d levels deep"), MAX_DEPTH);
          return FALSE;
        }
      s->depth++;
      ok = c == '{' ? scan_object (s) : scan_array (s);
      s->depth--;
      return ok;

    case '"':
      return scan_string (s, NULL);

    case '-':
    case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9':
      return scan_number (s);

    default:
      if (g_ascii_isalpha (c))
        return scan_word (s);
      fail_unexpected (s, _("expected a value"));
      return FALSE;
    }
}

void
lw_json_path_append_member (GString    *path,
                            const char *key)
{
  gboolean plain;

  g_return_if_fail (path != NULL);
  g_return_if_fail (key != NULL);

  plain = (g_ascii_isalpha (key[0]) || key[0] == '_');
  for (const char *k = key; plain && *k; k++)
    plain = g_ascii_isalnum (*k) || *k == '_';

  if (plain)
    {
      g_string_append_c (path, '.');
      g_string_append (path, key);
      return;
    }

  g_string_append (path, "[\"");
  for (const char *k = key; *k; k++)
    {
      if (*k == '"' || *k == '\\')
        g_string_append_c (path, '\\');
      g_string_append_c (path, *k);
    }
  g_string_append (path, "\"]");
}

LwJsonPositions *
lw_json_positions_scan_full (const char  *text,
                             gssize       length,
                             int         *error_line,
                             int         *error_column,
                             char       **error_path,
                             GError     **error)
{
  g_autoptr(GString) path = NULL;
  LwJsonPositions *positions;
  Scanner s = { 0 };

  g_return_val_if_fail (text != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length < 0)
    length = strlen (text);

  path = g_string_new ("$");
  s.p = text;
  s.end = text + length;
  s.line = 1;
  s.column = 1;
  s.path = path;
  s.table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, free_position);

  /* A byte order mark is not part of the text an editor shows. */
  if (length >= 3 && memcmp (text, "\xEF\xBB\xBF", 3) == 0)
    s.p += 3;

  skip_whitespace (&s);
  if (is_at_end (&s))
    set_error (&s, s.line, s.column, LW_JSON_ERROR_SYNTAX,
               _("expected a JSON value, found the end of the text"));
  else
    {
      record (&s, s.line, s.column, s.line, s.column);
      if (scan_value (&s))
        {
          skip_whitespace (&s);
          if (!is_at_end (&s))
            fail_unexpected (&s, _("expected the end of the text after the JSON value"));
        }
    }

  if (s.failed)
    {
      if (error_line)
        *error_line = s.error_line;
      if (error_column)
        *error_column = s.error_column;
      if (error_path)
        *error_path = g_steal_pointer (&s.error_path);
      g_free (s.error_path);
      g_propagate_error (error, s.error);
      g_hash_table_unref (s.table);
      return NULL;
    }

  if (error_line)
    *error_line = 0;
  if (error_column)
    *error_column = 0;
  if (error_path)
    *error_path = NULL;

  positions = g_new0 (LwJsonPositions, 1);
  positions->table = s.table;
  return positions;
}

LwJsonPositions *
lw_json_positions_scan (const char *text,
                        gssize      length,
                        int        *error_line,
                        int        *error_column,
                        GError    **error)
{
  GError *local_error = NULL;
  LwJsonPositions *positions;
  int line = 0, column = 0;

  g_return_val_if_fail (text != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  positions = lw_json_positions_scan_full (text, length, &line, &column, NULL, &local_error);
  if (error_line)
    *error_line = line;
  if (error_column)
    *error_column = column;
  if (positions == NULL)
    {
      g_prefix_error (&local_error, "%d:%d: ", line, column);
      g_propagate_error (error, local_error);
    }
  return positions;
}

void
lw_json_positions_free (LwJsonPositions *positions)
{
  if (positions == NULL)
    return;
  g_hash_table_unref (positions->table);
  g_free (positions);
}

/* Where each component of @path ends, so that its ancestors can be tried:
 * "$.a[3]" gives 1, 3, 6. A malformed path stops at what could be read. */
static GArray *
split_path (const char *path)
{
  GArray *ends = g_array_new (FALSE, FALSE, sizeof (gsize));
  const char *p = path;
  gsize end;

  if (path[0] != '$')
    return ends;
  p++;
  end = p - path;
  g_array_append_val (ends, end);

  while (*p)
    {
      if (*p == '.')
        {
          p++;
          if (!(g_ascii_isalpha (*p) || *p == '_'))
            break;
          while (g_ascii_isalnum (*p) || *p == '_')
            p++;
        }
      else if (p[0] == '[' && p[1] == '"')
        {
          p += 2;
          while (*p && *p != '"')
            {
              if (*p == '\\' && p[1])
                p++;
              p++;
            }
          if (p[0] != '"' || p[1] != ']')
            break;
          p += 2;
        }
      else if (p[0] == '[' && g_ascii_isdigit (p[1]))
        {
          p++;
          while (g_ascii_isdigit (*p))
            p++;
          if (*p != ']')
            break;
          p++;
        }
      else
        break;

      end = p - path;
      g_array_append_val (ends, end);
    }

  return ends;
}

/* The position of @path or of its nearest recorded ancestor; @exact tells
 * which. */
static const Position *
find_position (LwJsonPositions *positions,
               const char      *path,
               gboolean        *exact)
{
  const Position *pos;
  g_autoptr(GArray) ends = NULL;
  g_autofree char *prefix = NULL;

  pos = g_hash_table_lookup (positions->table, path);
  if (pos != NULL)
    {
      *exact = TRUE;
      return pos;
    }

  *exact = FALSE;
  ends = split_path (path);
  prefix = g_strdup (path);
  for (guint i = ends->len; i > 0; i--)
    {
      prefix[g_array_index (ends, gsize, i - 1)] = '\0';
      pos = g_hash_table_lookup (positions->table, prefix);
      if (pos != NULL)
        return pos;
    }
  /* Not even a path: the document. */
  return g_hash_table_lookup (positions->table, "$");
}

gboolean
lw_json_positions_lookup (LwJsonPositions *positions,
                          const char      *path,
                          int             *line,
                          int             *column)
{
  const Position *pos;
  gboolean exact;

  g_return_val_if_fail (positions != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  pos = find_position (positions, path, &exact);
  if (pos == NULL)
    return FALSE;
  if (line)
    *line = pos->line;
  if (column)
    *column = pos->column;
  return TRUE;
}

gboolean
lw_json_positions_lookup_key (LwJsonPositions *positions,
                              const char      *path,
                              int             *line,
                              int             *column)
{
  const Position *pos;
  gboolean exact;

  g_return_val_if_fail (positions != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  pos = find_position (positions, path, &exact);
  if (pos == NULL)
    return FALSE;
  if (line)
    *line = exact ? pos->key_line : pos->line;
  if (column)
    *column = exact ? pos->key_column : pos->column;
  return TRUE;
}
