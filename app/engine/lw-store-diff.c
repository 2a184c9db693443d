/* lw-store-diff.c: a line diff of two revisions, unified format
 *
 * The longest common subsequence of the two line lists, by Hirschberg's
 * method: O(n·m) time but O(n + m) memory, so two rule sets of a few
 * thousand lines that share nothing still diff in well under a second.
 * Common leading and trailing lines are taken off first, which leaves the
 * usual edit of a few lines almost free.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "lw-store.h"

typedef struct
{
  const char *text;
  gsize       len;        /* without the newline */
  gboolean    newline;    /* ended by '\n' (only the last line may not be) */
  guint       id;         /* equal lines have equal ids */
} Line;

typedef enum
{
  OP_EQUAL,
  OP_DELETE,
  OP_INSERT,
} OpKind;

typedef struct
{
  OpKind kind;
  guint  a;               /* line of a (EQUAL, DELETE) or the next one */
  guint  b;               /* line of b (EQUAL, INSERT) or the next one */
} Op;

typedef struct
{
  const guint *a;
  const guint *b;
  guint       *fwd;       /* scratch rows, length |b| + 1 */
  guint       *bwd;
  GArray      *matches;   /* pairs of guint: index in a, index in b */
} Lcs;

static GArray *
split_lines (const char *text,
             GHashTable *ids)
{
  GArray *lines = g_array_new (FALSE, FALSE, sizeof (Line));
  const char *p = text;

  while (*p != '\0')
    {
      const char *nl = strchr (p, '\n');
      Line line;
      g_autofree char *key = NULL;
      gpointer id;

      line.text = p;
      line.len = nl != NULL ? (gsize) (nl - p) : strlen (p);
      line.newline = nl != NULL;
      /* A last line without its newline differs from the same text with it. */
      key = g_strdup_printf ("%c%.*s", line.newline ? 'n' : '-', (int) line.len, p);
      if (!g_hash_table_lookup_extended (ids, key, NULL, &id))
        {
          id = GUINT_TO_POINTER (g_hash_table_size (ids));
          g_hash_table_insert (ids, g_steal_pointer (&key), id);
        }
      line.id = GPOINTER_TO_UINT (id);
      g_array_append_val (lines, line);
      p = line.newline ? nl + 1 : p + line.len;
    }
  return lines;
}

/* LCS lengths of a[alo..ahi) against every prefix of b[blo..bhi), into
 * row[0..bhi-blo]; with @reverse, of the suffixes, both read backwards. */
static void
lcs_row (Lcs      *lcs,
         guint     alo,
         guint     ahi,
         guint     blo,
         guint     bhi,
         gboolean  reverse,
         guint    *row)
{
  guint n = bhi - blo;

  memset (row, 0, (n + 1) * sizeof (guint));
  for (guint i = 0; i < ahi - alo; i++)
    {
      guint ai = reverse ? lcs->a[ahi - 1 - i] : lcs->a[alo + i];
      guint diag = 0;

      for (guint j = 1; j <= n; j++)
        {
          guint bj = reverse ? lcs->b[bhi - j] : lcs->b[blo + j - 1];
          guint up = row[j];

          row[j] = ai == bj ? diag + 1 : MAX (row[j], row[j - 1]);
          diag = up;
        }
    }
}

static void
lcs_solve (Lcs   *lcs,
           guint  alo,
           guint  ahi,
           guint  blo,
           guint  bhi)
{
  guint mid, n, best = 0, split = 0;

  if (alo == ahi || blo == bhi)
    return;

  if (ahi - alo == 1)
    {
      for (guint j = blo; j < bhi; j++)
        if (lcs->a[alo] == lcs->b[j])
          {
            guint pair[2] = { alo, j };
            g_array_append_vals (lcs->matches, pair, 2);
            return;
          }
      return;
    }

  mid = alo + (ahi - alo) / 2;
  n = bhi - blo;
  lcs_row (lcs, alo, mid, blo, bhi, FALSE, lcs->fwd);
  lcs_row (lcs, mid, ahi, blo, bhi, TRUE, lcs->bwd);
  for (guint k = 0; k <= n; k++)
    {
      guint total = lcs->fwd[k] + lcs->bwd[n - k];

      if (total > best || k == 0)
        {
          best = total;
          split = k;
        }
    }

  lcs_solve (lcs, alo, mid, blo, blo + split);
  lcs_solve (lcs, mid, ahi, blo + split, bhi);
}

static void
add_op (GArray *ops,
        OpKind  kind,
        guint   a,
        guint   b)
{
  Op op = { kind, a, b };

  g_array_append_val (ops, op);
}

static GArray *
compute_ops (GArray *la,
             GArray *lb)
{
  GArray *ops = g_array_new (FALSE, FALSE, sizeof (Op));
  guint na = la->len, nb = lb->len;
  guint prefix = 0, suffix = 0;
  g_autofree guint *a = NULL;
  g_autofree guint *b = NULL;
  g_autofree guint *fwd = NULL;
  g_autofree guint *bwd = NULL;
  g_autoptr(GArray) matches = g_array_new (FALSE, FALSE, sizeof (guint));
  Lcs lcs;
  guint pa, pb;

#define ID_A(i) (g_array_index (la, Line, (i)).id)
#define ID_B(i) (g_array_index (lb, Line, (i)).id)
  while (prefix < na && prefix < nb && ID_A (prefix) == ID_B (prefix))
    prefix++;
  while (suffix < na - prefix && suffix < nb - prefix &&
         ID_A (na - 1 - suffix) == ID_B (nb - 1 - suffix))
    suffix++;

  a = g_new (guint, na + 1);
  b = g_new (guint, nb + 1);
  for (guint i = 0; i < na; i++)
    a[i] = ID_A (i);
  for (guint j = 0; j < nb; j++)
    b[j] = ID_B (j);
#undef ID_A
#undef ID_B

  fwd = g_new (guint, nb + 1);
  bwd = g_new (guint, nb + 1);
  lcs = (Lcs) { a, b, fwd, bwd, matches };
  lcs_solve (&lcs, prefix, na - suffix, prefix, nb - suffix);

  for (guint i = 0; i < prefix; i++)
    add_op (ops, OP_EQUAL, i, i);
  pa = pb = prefix;
  for (guint m = 0; m < matches->len; m += 2)
    {
      guint ma = g_array_index (matches, guint, m);
      guint mb = g_array_index (matches, guint, m + 1);

      for (; pa < ma; pa++)
        add_op (ops, OP_DELETE, pa, pb);
      for (; pb < mb; pb++)
        add_op (ops, OP_INSERT, pa, pb);
      add_op (ops, OP_EQUAL, pa++, pb++);
    }
  for (; pa < na - suffix; pa++)
    add_op (ops, OP_DELETE, pa, pb);
  for (; pb < nb - suffix; pb++)
    add_op (ops, OP_INSERT, pa, pb);
  for (guint i = 0; i < suffix; i++)
    add_op (ops, OP_EQUAL, pa++, pb++);

  return ops;
}

static void
append_range (GString *out,
              guint    start,
              guint    count)
{
  /* GNU diff: "l" for one line, "l,n" otherwise; an empty range names the
   * line before it. */
  if (count == 1)
    g_string_append_printf (out, "%u", start + 1);
  else if (count == 0)
    g_string_append_printf (out, "%u,0", start);
  else
    g_string_append_printf (out, "%u,%u", start + 1, count);
}

static void
append_line (GString    *out,
             char        mark,
             const Line *line)
{
  g_string_append_c (out, mark);
  g_string_append_len (out, line->text, line->len);
  g_string_append_c (out, '\n');
  if (!line->newline)
    g_string_append (out, "\\ No newline at end of file\n");
}

char *
lw_diff_lines (const char *a,
               const char *b,
               const char *label_a,
               const char *label_b,
               guint       context)
{
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GArray) la = NULL;
  g_autoptr(GArray) lb = NULL;
  g_autoptr(GArray) ops = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  guint i = 0;

  g_return_val_if_fail (a != NULL, NULL);
  g_return_val_if_fail (b != NULL, NULL);

  la = split_lines (a, ids);
  lb = split_lines (b, ids);
  ops = compute_ops (la, lb);

  while (i < ops->len)
    {
      guint first, start, end, last, a_count = 0, b_count = 0;
      const Op *head;

      while (i < ops->len && g_array_index (ops, Op, i).kind == OP_EQUAL)
        i++;
      if (i == ops->len)
        break;

      if (out->len == 0)
        g_string_append_printf (out, "--- %s\n+++ %s\n",
                                label_a != NULL ? label_a : "a",
                                label_b != NULL ? label_b : "b");

      /* A hunk: this change and every next one less than two contexts
       * away, with @context equal lines around them. */
      first = i;
      last = i;
      while (i < ops->len)
        {
          guint gap = 0, j = i;

          while (j < ops->len && g_array_index (ops, Op, j).kind == OP_EQUAL)
            {
              gap++;
              j++;
            }
          if (j == ops->len || (j > i && gap > 2 * context))
            break;
          while (j < ops->len && g_array_index (ops, Op, j).kind != OP_EQUAL)
            j++;
          last = j - 1;
          i = j;
        }
      start = first > context ? first - context : 0;
      end = MIN (ops->len, last + 1 + context);

      for (guint k = start; k < end; k++)
        {
          OpKind kind = g_array_index (ops, Op, k).kind;

          a_count += kind != OP_INSERT;
          b_count += kind != OP_DELETE;
        }

      head = &g_array_index (ops, Op, start);
      g_string_append (out, "@@ -");
      append_range (out, head->a, a_count);
      g_string_append (out, " +");
      append_range (out, head->b, b_count);
      g_string_append (out, " @@\n");

      for (guint k = start; k < end; k++)
        {
          const Op *op = &g_array_index (ops, Op, k);

          switch (op->kind)
            {
            case OP_EQUAL:
              append_line (out, ' ', &g_array_index (la, Line, op->a));
              break;
            case OP_DELETE:
              append_line (out, '-', &g_array_index (la, Line, op->a));
              break;
            case OP_INSERT:
              append_line (out, '+', &g_array_index (lb, Line, op->b));
              break;
            default:
              g_assert_not_reached ();
            }
        }
      i = end;
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}
