/* lw-store-leads.c: the leads of a run in the order of a lead list
 *
 * A lead list over a million leads asks for two things: the order of the
 * run's leads under a sort and a search, and the rows of the few leads on
 * screen.
 *
 * The order is worked out in one pass over the run's chunks (facts, and the
 * encoded properties when a search or a text column needs them): each lead
 * becomes a 16-byte entry (a 64-bit sort key, its id, where its sort text
 * starts), the entries are sorted by an LSD radix sort (by id, then by key:
 * the sort is stable, so ties stay in id order) and only the ids are kept.
 * A text column's key is the first 8 bytes of the folded text; the few
 * entries whose first 8 bytes tie are then ordered by the whole text.
 *
 * A search is a scan in C over the encoded properties: no second copy of
 * the texts is kept in the workspace, so nothing needs writing when a run
 * finishes and nothing goes stale while a paced run rewrites its leads.
 *
 * The rows of a page are read block by block: the chunks of each block the
 * page's ids fall in, newest first, as lw_store_get_lead() does.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "lw-store-private.h"

static const char * const column_names[LW_N_LEAD_COLUMNS] = {
  [LW_LEAD_COLUMN_ID] = "id",
  [LW_LEAD_COLUMN_CREATED] = "created",
  [LW_LEAD_COLUMN_EMAIL] = "email",
  [LW_LEAD_COLUMN_COMPANY] = "company",
  [LW_LEAD_COLUMN_NAME] = "name",
  [LW_LEAD_COLUMN_SOURCE] = "source",
  [LW_LEAD_COLUMN_STAGE] = "stage",
  [LW_LEAD_COLUMN_STATUS] = "status",
  [LW_LEAD_COLUMN_OWNER] = "owner",
  [LW_LEAD_COLUMN_FIT] = "fit",
  [LW_LEAD_COLUMN_ENGAGEMENT] = "engagement",
  [LW_LEAD_COLUMN_TOTAL] = "total",
  [LW_LEAD_COLUMN_GRADE] = "grade",
  [LW_LEAD_COLUMN_POLICY] = "policy",
  [LW_LEAD_COLUMN_TTFT] = "ttft",
  [LW_LEAD_COLUMN_BREACHED] = "breached",
  [LW_LEAD_COLUMN_FALLBACK] = "fallback",
};

/* The texts a row shows, found among the encoded properties. */
typedef enum
{
  TEXT_EMAIL,
  TEXT_COMPANY,
  TEXT_FIRST,
  TEXT_LAST,
  TEXT_FULL,
  N_TEXTS
} TextRole;

/* How a property's value is encoded (lw_lead_encode()). */
typedef enum
{
  ENC_NUMBER,   /* 8 bytes */
  ENC_ENUM,     /* varint: option * 2, or 1 and a text */
  ENC_TEXT,     /* varint length, bytes; a string or an email */
} Encoding;

typedef struct
{
  guint     n_props;
  guint8   *encoding;          /* Encoding by property index */
  int       roles[N_TEXTS];    /* property index of each role; -1 */
} PropMap;

typedef struct
{
  const char *text;
  gsize       len;
} Span;

typedef struct
{
  char     *text;              /* trimmed, lower case */
  gsize     len;
  gboolean  ascii;
  gboolean  has_space;
  gboolean  is_id;
  guint32   id;
} Needle;

typedef struct
{
  guint64 key;
  guint32 id;
  guint32 text;                /* offset of its folded sort text */
} Entry;

G_STATIC_ASSERT (sizeof (Entry) == 16);

/* ---- small helpers ---------------------------------------------------------- */

const char *
lw_lead_column_to_string (LwLeadColumn column)
{
  if ((guint) column >= LW_N_LEAD_COLUMNS)
    return NULL;
  return column_names[column];
}

gboolean
lw_lead_column_from_string (const char   *name,
                            LwLeadColumn *column)
{
  g_return_val_if_fail (column != NULL, FALSE);

  if (name == NULL)
    return FALSE;
  for (guint i = 0; i < LW_N_LEAD_COLUMNS; i++)
    if (strcmp (name, column_names[i]) == 0)
      {
        *column = i;
        return TRUE;
      }
  return FALSE;
}

void
lw_lead_summary_free (LwLeadSummary *summary)
{
  if (summary == NULL)
    return;
  g_free (summary->email);
  g_free (summary->company);
  g_free (summary->name);
  g_free (summary->source);
  g_free (summary->stage);
  g_free (summary->status);
  g_free (summary->owner);
  g_free (summary->grade);
  g_free (summary->policy);
  g_free (summary);
}

static void
set_no_run_error (GError **error,
                  gint64   run)
{
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, run);

  /* translators: %s is a run number */
  g_set_error (error, LW_STORE_ERROR, LW_STORE_ERROR_NOT_FOUND, _("There is no run %s"), number);
}

static void
set_damaged_error (LwStore  *self,
                   GError  **error)
{
  /* translators: %s is a file name */
  g_set_error (error, LW_STORE_ERROR, LW_STORE_ERROR_CORRUPT,
               _("%s: the leads or events of a run are damaged"), self->path);
}

static inline guchar
fold_ascii (guchar c)
{
  return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

static gboolean
is_ascii (const char *text,
          gsize       len)
{
  for (gsize i = 0; i < len; i++)
    if ((guchar) text[i] >= 0x80)
      return FALSE;
  return TRUE;
}

/* ---- the property catalogue ------------------------------------------------- */

static int
find_property (const LwConfig *config,
               const char     *id,
               gboolean        email_only)
{
  for (guint i = LW_N_BUILTINS; i < config->properties->len; i++)
    {
      const LwProperty *property = g_ptr_array_index (config->properties, i);

      if (email_only && property->type != LW_PROPERTY_EMAIL)
        continue;
      if (id == NULL || g_strcmp0 (property->id, id) == 0)
        return (int) i;
    }
  return -1;
}

static void
prop_map_init (PropMap        *map,
               const LwConfig *config)
{
  memset (map, 0, sizeof *map);
  for (guint r = 0; r < N_TEXTS; r++)
    map->roles[r] = -1;
  if (config == NULL)
    return;

  map->n_props = config->properties->len;
  map->encoding = g_new (guint8, map->n_props);
  for (guint i = 0; i < map->n_props; i++)
    {
      const LwProperty *property = g_ptr_array_index (config->properties, i);

      switch (property->type)
        {
        case LW_PROPERTY_NUMBER:
        case LW_PROPERTY_BOOLEAN:
        case LW_PROPERTY_DATETIME:
          map->encoding[i] = ENC_NUMBER;
          break;
        case LW_PROPERTY_ENUM:
          map->encoding[i] = ENC_ENUM;
          break;
        case LW_PROPERTY_STRING:
        case LW_PROPERTY_EMAIL:
        default:
          map->encoding[i] = ENC_TEXT;
          break;
        }
    }

  map->roles[TEXT_EMAIL] = find_property (config, "email", TRUE);
  if (map->roles[TEXT_EMAIL] < 0)
    map->roles[TEXT_EMAIL] = find_property (config, NULL, TRUE);
  map->roles[TEXT_COMPANY] = find_property (config, "company", FALSE);
  map->roles[TEXT_FIRST] = find_property (config, "first_name", FALSE);
  if (map->roles[TEXT_FIRST] < 0)
    map->roles[TEXT_FIRST] = find_property (config, "firstname", FALSE);
  map->roles[TEXT_LAST] = find_property (config, "last_name", FALSE);
  if (map->roles[TEXT_LAST] < 0)
    map->roles[TEXT_LAST] = find_property (config, "lastname", FALSE);
  map->roles[TEXT_FULL] = find_property (config, "name", FALSE);
  if (map->roles[TEXT_FULL] < 0)
    map->roles[TEXT_FULL] = find_property (config, "full_name", FALSE);

  /* A role is a text property, or none. */
  for (guint r = 0; r < N_TEXTS; r++)
    if (map->roles[r] >= 0 && map->encoding[map->roles[r]] != ENC_TEXT)
      map->roles[r] = -1;
}

static void
prop_map_clear (PropMap *map)
{
  g_clear_pointer (&map->encoding, g_free);
}

/* The next string or email value of the encoded properties at *@p (up to
 * @end): its property in *@index and its bytes in *@span. FALSE at the end,
 * and at the first thing that is not an encoding of the catalogue. */
static gboolean
next_text (const PropMap  *map,
           const guint8  **p,
           const guint8   *end,
           guint          *index,
           Span           *span)
{
  while (*p < end)
    {
      guint64 i, n;

      if (!lw_get_varint (p, end, &i) || i >= map->n_props)
        return FALSE;
      switch (map->encoding[i])
        {
        case ENC_NUMBER:
          if (end - *p < 8)
            return FALSE;
          *p += 8;
          continue;

        case ENC_ENUM:
          if (!lw_get_varint (p, end, &n))
            return FALSE;
          if (n % 2 == 0)
            continue;
          /* An enum value that is no option, kept as text: not a text of
           * the lead's own. */
          if (!lw_get_varint (p, end, &n) || n > (guint64) (end - *p))
            return FALSE;
          *p += n;
          continue;

        case ENC_TEXT:
        default:
          if (!lw_get_varint (p, end, &n) || n > (guint64) (end - *p))
            return FALSE;
          *index = i;
          span->text = (const char *) *p;
          span->len = n;
          *p += n;
          return TRUE;
        }
    }
  return FALSE;
}

static void
read_texts (const PropMap *map,
            const guint8  *data,
            gsize          len,
            Span           spans[N_TEXTS])
{
  const guint8 *p = data, *end = data + len;
  guint index;
  Span span;

  memset (spans, 0, N_TEXTS * sizeof (Span));
  if (map->encoding == NULL || data == NULL)
    return;
  while (next_text (map, &p, end, &index, &span))
    for (guint r = 0; r < N_TEXTS; r++)
      if (map->roles[r] == (int) index)
        spans[r] = span;
}

/* "first last", or whichever is set, or the full-name property: into
 * @out, valid UTF-8 or not. */
static void
append_name (GString    *out,
             const Span  spans[N_TEXTS])
{
  if (spans[TEXT_FIRST].text != NULL || spans[TEXT_LAST].text != NULL)
    {
      if (spans[TEXT_FIRST].text != NULL)
        g_string_append_len (out, spans[TEXT_FIRST].text, spans[TEXT_FIRST].len);
      if (spans[TEXT_FIRST].text != NULL && spans[TEXT_LAST].text != NULL)
        g_string_append_c (out, ' ');
      if (spans[TEXT_LAST].text != NULL)
        g_string_append_len (out, spans[TEXT_LAST].text, spans[TEXT_LAST].len);
    }
  else if (spans[TEXT_FULL].text != NULL)
    g_string_append_len (out, spans[TEXT_FULL].text, spans[TEXT_FULL].len);
}

static gboolean
has_name (const Span spans[N_TEXTS])
{
  return spans[TEXT_FIRST].text != NULL || spans[TEXT_LAST].text != NULL ||
         spans[TEXT_FULL].text != NULL;
}

/* ---- searching -------------------------------------------------------------- */

static gboolean
needle_init (Needle     *needle,
             const char *search)
{
  g_autofree char *trimmed = NULL;
  const char *digits;
  guint64 id = 0;

  memset (needle, 0, sizeof *needle);
  if (search == NULL)
    return FALSE;
  trimmed = g_strstrip (g_utf8_make_valid (search, -1));
  if (*trimmed == '\0')
    return FALSE;

  needle->text = g_utf8_strdown (trimmed, -1);
  needle->len = strlen (needle->text);
  needle->ascii = is_ascii (needle->text, needle->len);
  needle->has_space = strchr (needle->text, ' ') != NULL;

  digits = needle->text[0] == '#' ? needle->text + 1 : needle->text;
  if (*digits != '\0' && strlen (digits) <= 10)
    {
      const char *d;

      for (d = digits; *d >= '0' && *d <= '9'; d++)
        id = id * 10 + (guint64) (*d - '0');
      if (*d == '\0' && id <= G_MAXUINT32)
        {
          needle->is_id = TRUE;
          needle->id = (guint32) id;
        }
    }
  return TRUE;
}

static void
needle_clear (Needle *needle)
{
  g_clear_pointer (&needle->text, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Needle, needle_clear)

/* Whether @needle is a part of @text, ASCII letters compared without case;
 * other letters too when both have some. */
static gboolean
contains_folded (const char   *text,
                 gsize         len,
                 const Needle *needle)
{
  const guchar *hay = (const guchar *) text;
  const guchar *want = (const guchar *) needle->text;
  guchar first = want[0];

  if (len >= needle->len)
    for (gsize i = 0; i + needle->len <= len; i++)
      {
        gsize k;

        if (fold_ascii (hay[i]) != first)
          continue;
        for (k = 1; k < needle->len; k++)
          if (fold_ascii (hay[i + k]) != want[k])
            break;
        if (k == needle->len)
          return TRUE;
      }

  if (!needle->ascii && !is_ascii (text, len) && g_utf8_validate_len (text, len, NULL))
    {
      g_autofree char *lower = g_utf8_strdown (text, len);

      return strstr (lower, needle->text) != NULL;
    }
  return FALSE;
}

static gboolean
lead_matches (const PropMap *map,
              const Needle  *needle,
              guint32        id,
              const guint8  *props,
              gsize          props_len)
{
  const guint8 *p = props, *end = props + props_len;
  Span first = { NULL, 0 }, last = { NULL, 0 };
  guint index;
  Span span;

  if (needle->is_id && needle->id == id)
    return TRUE;
  if (map->encoding == NULL || props == NULL)
    return FALSE;

  while (next_text (map, &p, end, &index, &span))
    {
      if (contains_folded (span.text, span.len, needle))
        return TRUE;
      if ((int) index == map->roles[TEXT_FIRST])
        first = span;
      else if ((int) index == map->roles[TEXT_LAST])
        last = span;
    }

  /* "ana lopez" is a part of no one property, but of the name. */
  if (needle->has_space && first.text != NULL && last.text != NULL)
    {
      char stack[256];
      gsize len = first.len + 1 + last.len;
      g_autofree char *heap = len > sizeof stack ? g_malloc (len) : NULL;
      char *name = heap != NULL ? heap : stack;

      memcpy (name, first.text, first.len);
      name[first.len] = ' ';
      memcpy (name + first.len + 1, last.text, last.len);
      return contains_folded (name, len, needle);
    }
  return FALSE;
}

/* ---- sort keys -------------------------------------------------------------- */

/* Keys compare as unsigned integers. */
static inline guint64
signed_key (gint64 v)
{
  return (guint64) v ^ G_GUINT64_CONSTANT (0x8000000000000000);
}

static inline guint64
double_key (double v)
{
  guint64 bits;

  if (v == 0)
    v = 0;   /* -0 sorts with 0 */
  memcpy (&bits, &v, sizeof bits);
  return (bits & G_GUINT64_CONSTANT (0x8000000000000000)) ? ~bits
         : bits | G_GUINT64_CONSTANT (0x8000000000000000);
}

/* The first 8 bytes of @text, big-endian: keys in the order of the texts. */
static inline guint64
prefix_key (const char *text)
{
  guint64 key = 0;
  guint i;

  for (i = 0; i < 8 && text[i] != '\0'; i++)
    key = (key << 8) | (guchar) text[i];
  for (; i < 8; i++)
    key <<= 8;
  return key;
}

typedef struct
{
  const char *text;
  int         index;
} RankItem;

static int
compare_rank_items (gconstpointer a,
                    gconstpointer b)
{
  const RankItem *x = a, *y = b;
  int c = strcmp (x->text, y->text);

  return c != 0 ? c : x->index - y->index;
}

/* For each label (by index), 1 + its place among the labels in the order
 * of their folded texts. */
static guint *
rank_texts (const char * const *texts,
            guint               n)
{
  g_autofree RankItem *items = g_new (RankItem, n + 1);
  g_autoptr(GPtrArray) folded = g_ptr_array_new_with_free_func (g_free);
  guint *ranks = g_new0 (guint, n + 1);

  for (guint i = 0; i < n; i++)
    {
      char *text = g_utf8_casefold (texts[i] != NULL ? texts[i] : "", -1);

      g_ptr_array_add (folded, text);
      items[i].text = text;
      items[i].index = (int) i;
    }
  qsort (items, n, sizeof (RankItem), compare_rank_items);
  for (guint i = 0; i < n; i++)
    ranks[items[i].index] = i + 1;
  return ranks;
}

static guint *
rank_labels (GArray *labels)
{
  g_autofree const char **texts = g_new0 (const char *, labels->len + 1);

  for (guint i = 0; i < labels->len; i++)
    texts[i] = g_array_index (labels, LwRunLabel, i).label;
  return rank_texts (texts, labels->len);
}

static guint *
rank_reps (GArray *reps)
{
  g_autofree const char **texts = g_new0 (const char *, reps->len + 1);

  for (guint i = 0; i < reps->len; i++)
    texts[i] = g_array_index (reps, LwRunRep, i).name;
  return rank_texts (texts, reps->len);
}

/* The band @value falls in, as lw-scoring picks it: the first whose min it
 * reaches, a band without a min taking every value, else the last. -1
 * when there are no bands. */
static int
band_of (GPtrArray *bands,
         double     value)
{
  if (bands == NULL || bands->len == 0)
    return -1;
  for (guint i = 0; i < bands->len; i++)
    {
      const LwGradeBand *band = g_ptr_array_index (bands, i);

      if (!band->has_min || band->min <= value)
        return (int) i;
    }
  return (int) bands->len - 1;
}

static char *
dup_grade (const LwConfig *config,
           double          fit,
           double          engagement)
{
  int f, e;
  GString *grade;

  if (config == NULL)
    return NULL;
  f = band_of (config->scoring.fit_grades, fit);
  e = band_of (config->scoring.engagement_grades, engagement);
  if (f < 0 && e < 0)
    return NULL;

  grade = g_string_new (NULL);
  if (f >= 0)
    g_string_append (grade, ((LwGradeBand *) g_ptr_array_index (config->scoring.fit_grades, f))->grade);
  if (e >= 0)
    g_string_append (grade,
                     ((LwGradeBand *) g_ptr_array_index (config->scoring.engagement_grades, e))->grade);
  return g_string_free (grade, FALSE);
}

/* ---- sorting ---------------------------------------------------------------- */

/* Sorts @entries by 16-bit digits, least significant first: the id's two
 * (unless @in_id_order says they are sorted by id already), then the key's
 * four, skipping a digit all entries share. Stable, so entries with equal
 * keys end in id order. */
static void
radix_sort (Entry    *entries,
            gsize     n,
            gboolean  in_id_order)
{
  g_autofree Entry *scratch = NULL;
  g_autofree guint32 *counts = NULL;
  Entry *from = entries, *to;

  if (n < 2)
    return;
  scratch = g_new (Entry, n);
  counts = g_new (guint32, 65536);
  to = scratch;

  for (guint pass = in_id_order ? 2 : 0; pass < 6; pass++)
    {
      guint32 sum = 0;
      gboolean skip = FALSE;

#define DIGIT(e) ((guint) (pass < 2 ? ((e)->id >> (16 * pass)) & 0xffff \
                                    : ((e)->key >> (16 * (pass - 2))) & 0xffff))
      memset (counts, 0, 65536 * sizeof (guint32));
      for (gsize i = 0; i < n; i++)
        counts[DIGIT (&from[i])]++;
      if (counts[DIGIT (&from[0])] == n)
        skip = TRUE;
      if (skip)
        continue;
      for (guint d = 0; d < 65536; d++)
        {
          guint32 c = counts[d];

          counts[d] = sum;
          sum += c;
        }
      for (gsize i = 0; i < n; i++)
        to[counts[DIGIT (&from[i])]++] = from[i];
#undef DIGIT
      {
        Entry *t = from;

        from = to;
        to = t;
      }
    }

  if (from != entries)
    memcpy (entries, from, n * sizeof (Entry));
}

typedef struct
{
  const char *arena;
  gboolean    descending;
} TextOrder;

static int
compare_texts (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  const TextOrder *order = user_data;
  const Entry *x = a, *y = b;
  int c = strcmp (order->arena + x->text, order->arena + y->text);

  if (c != 0)
    return order->descending ? -c : c;
  return x->id < y->id ? -1 : x->id > y->id;
}

/* The 8 bytes of @text from @depth on as a key, 0 when the text ends
 * before @depth; inverted for a descending order. */
static inline guint64
text_key (const char *text,
          gsize       depth,
          gboolean    descending)
{
  guint64 key = strnlen (text, depth) == depth ? prefix_key (text + depth) : 0;

  return descending ? ~key : key;
}

/* After a sort on the 8 bytes of the texts before @depth + 8: orders each
 * run of entries whose keys tie by the texts' next 8 bytes, and so on, the
 * way radix_sort() did (stable: equal texts stay in id order). Runs of a
 * few thousand entries or fewer are sorted by comparing their texts. */
static void
order_tied_texts (Entry      *entries,
                  gsize       n,
                  const char *arena,
                  gboolean    descending,
                  gsize       depth)
{
  TextOrder order = { arena, descending };
  gsize start = 0;

  while (start < n)
    {
      gsize end = start + 1;
      gboolean longer = FALSE;

      while (end < n && entries[end].key == entries[start].key)
        end++;
      /* Texts that all end within these 8 bytes are equal. */
      for (gsize i = start; i < end && !longer && end - start > 1; i++)
        longer = strnlen (arena + entries[i].text + depth, 8) == 8;

      /* A radix pass costs 65536 buckets: worth it on large runs only. */
      if (longer && end - start <= 4096)
        g_qsort_with_data (entries + start, end - start, sizeof (Entry), compare_texts, &order);
      else if (longer)
        {
          for (gsize i = start; i < end; i++)
            entries[i].key = text_key (arena + entries[i].text, depth + 8, descending);
          radix_sort (entries + start, end - start, TRUE);
          order_tied_texts (entries + start, end - start, arena, descending, depth + 8);
        }
      start = end;
    }
}

/* Appends @text folded (ASCII letters lower-cased, other letters too when
 * it is valid UTF-8 with some) and a NUL to @arena; returns where. */
static guint32
append_folded (GByteArray *arena,
               const char *text,
               gsize       len)
{
  guint32 offset = arena->len;
  gsize start = arena->len;

  if (!is_ascii (text, len) && g_utf8_validate_len (text, len, NULL))
    {
      g_autofree char *folded = g_utf8_casefold (text, len);

      g_byte_array_append (arena, (const guint8 *) folded, strlen (folded) + 1);
      return offset;
    }
  g_byte_array_set_size (arena, start + len + 1);
  for (gsize i = 0; i < len; i++)
    {
      guchar c = fold_ascii ((guchar) text[i]);

      arena->data[start + i] = c != '\0' ? c : ' ';
    }
  arena->data[start + len] = '\0';
  return offset;
}

/* ---- ordering a run's leads ------------------------------------------------- */

typedef struct
{
  const LwRunCtx *ctx;
  const LwConfig *config;
  const PropMap  *map;
  LwLeadColumn    sort;
  guint          *ranks;        /* source, owner or policy labels */
  guint           n_ranks;
  guint           n_engagement_bands;
  GByteArray     *arena;
  GString        *name;
} KeyMaker;

static guint64
index_key (const KeyMaker *maker,
           int             index)
{
  if (index < 0)
    return 0;
  if (maker->ranks != NULL)
    return (guint) index < maker->n_ranks ? maker->ranks[index] : maker->n_ranks + 1;
  return (guint64) index + 1;
}

static void
make_key (KeyMaker     *maker,
          const guint8 *fact,
          const guint8 *props,
          gsize         props_len,
          Entry        *entry)
{
  const LwConfig *config = maker->config;
  double fit = lw_get_f32 (fact + LW_FACT_FIT);
  double engagement = lw_get_f32 (fact + LW_FACT_ENGAGEMENT);

  entry->key = 0;
  entry->text = 0;
  switch (maker->sort)
    {
    case LW_LEAD_COLUMN_ID:
      break;
    case LW_LEAD_COLUMN_CREATED:
      entry->key = signed_key (lw_get_i32 (fact + LW_FACT_CREATED));
      break;
    case LW_LEAD_COLUMN_SOURCE:
      entry->key = index_key (maker, lw_fact_index8 (fact, LW_FACT_SOURCE));
      break;
    case LW_LEAD_COLUMN_STAGE:
      entry->key = index_key (maker, lw_fact_index8 (fact, LW_FACT_STAGE));
      break;
    case LW_LEAD_COLUMN_STATUS:
      entry->key = index_key (maker, lw_fact_index8 (fact, LW_FACT_STATUS));
      break;
    case LW_LEAD_COLUMN_OWNER:
      entry->key = index_key (maker, lw_fact_index16 (fact, LW_FACT_OWNER));
      break;
    case LW_LEAD_COLUMN_POLICY:
      entry->key = index_key (maker, lw_fact_index8 (fact, LW_FACT_POLICY));
      break;
    case LW_LEAD_COLUMN_FIT:
      entry->key = double_key (fit);
      break;
    case LW_LEAD_COLUMN_ENGAGEMENT:
      entry->key = double_key (engagement);
      break;
    case LW_LEAD_COLUMN_TOTAL:
      entry->key = double_key (fit + engagement);
      break;
    case LW_LEAD_COLUMN_GRADE:
      if (config != NULL)
        {
          int f = band_of (config->scoring.fit_grades, fit);
          int e = band_of (config->scoring.engagement_grades, engagement);

          entry->key = (guint64) (f + 1) * (maker->n_engagement_bands + 1) + (guint64) (e + 1);
        }
      break;
    case LW_LEAD_COLUMN_TTFT:
      {
        gint32 ttft = lw_get_i32 (fact + LW_FACT_TTFT);

        entry->key = ttft < 0 ? G_MAXUINT64 : (guint64) ttft;
      }
      break;
    case LW_LEAD_COLUMN_BREACHED:
      entry->key = (fact[LW_FACT_FLAGS] & LW_FACT_BREACHED) != 0;
      break;
    case LW_LEAD_COLUMN_FALLBACK:
      entry->key = (fact[LW_FACT_FLAGS] & LW_FACT_FALLBACK) != 0;
      break;
    case LW_LEAD_COLUMN_EMAIL:
    case LW_LEAD_COLUMN_COMPANY:
    case LW_LEAD_COLUMN_NAME:
      {
        Span spans[N_TEXTS];
        const char *text = "";
        gsize len = 0;

        read_texts (maker->map, props, props_len, spans);
        if (maker->sort == LW_LEAD_COLUMN_NAME)
          {
            g_string_truncate (maker->name, 0);
            append_name (maker->name, spans);
            text = maker->name->str;
            len = maker->name->len;
          }
        else
          {
            TextRole role = maker->sort == LW_LEAD_COLUMN_EMAIL ? TEXT_EMAIL : TEXT_COMPANY;

            if (spans[role].text != NULL)
              {
                text = spans[role].text;
                len = spans[role].len;
              }
          }
        if (maker->arena->len > G_MAXUINT32 - len - 1)
          len = 0;   /* beyond 4 GiB of texts, the rest sort as empty */
        entry->text = append_folded (maker->arena, text, len);
        entry->key = prefix_key ((const char *) maker->arena->data + entry->text);
      }
      break;
    case LW_N_LEAD_COLUMNS:
    default:
      g_assert_not_reached ();
    }
}

static gboolean
needs_props (LwLeadColumn sort)
{
  return sort == LW_LEAD_COLUMN_EMAIL || sort == LW_LEAD_COLUMN_COMPANY ||
         sort == LW_LEAD_COLUMN_NAME;
}

static LwRunCtx *
load_ctx (LwStore  *self,
          gint64    run,
          GError  **error)
{
  if (run <= 0)
    {
      set_no_run_error (error, run);
      return NULL;
    }
  return _lw_store_load_run_ctx (self, run, error);
}

GArray *
lw_store_list_lead_ids (LwStore        *self,
                        gint64          run,
                        const LwConfig *config,
                        LwLeadColumn    sort,
                        gboolean        descending,
                        const char     *search,
                        GError        **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(LwRunCtx) ctx = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) entries = NULL;
  g_autoptr(GArray) offsets = NULL;
  g_autoptr(GByteArray) arena = NULL;
  g_autoptr(GString) name = NULL;
  g_autofree guint *ranks = NULL;
  g_auto(Needle) needle = { 0, };
  PropMap map;
  KeyMaker maker = { 0, };
  gboolean searching, with_props;
  guint32 seen[LW_BLOCK_SIZE / 32];
  gint64 current_block = -1;
  GArray *ids;
  gsize record;
  int rc;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail ((guint) sort < LW_N_LEAD_COLUMNS, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  locker = g_rec_mutex_locker_new (&self->lock);
  ctx = load_ctx (self, run, error);
  if (ctx == NULL)
    return NULL;
  record = lw_fact_size (ctx->n_stages);

  searching = needle_init (&needle, search);
  with_props = config != NULL && (searching || needs_props (sort));
  prop_map_init (&map, config);

  maker.ctx = ctx;
  maker.config = config;
  maker.map = &map;
  maker.sort = sort;
  maker.arena = arena = g_byte_array_new ();
  maker.name = name = g_string_new (NULL);
  if (config != NULL && config->scoring.engagement_grades != NULL)
    maker.n_engagement_bands = config->scoring.engagement_grades->len;
  switch (sort)
    {
    case LW_LEAD_COLUMN_SOURCE:
      ranks = rank_labels (ctx->labels[LW_LABEL_SOURCE]);
      maker.n_ranks = ctx->labels[LW_LABEL_SOURCE]->len;
      break;
    case LW_LEAD_COLUMN_POLICY:
      ranks = rank_labels (ctx->labels[LW_LABEL_POLICY]);
      maker.n_ranks = ctx->labels[LW_LABEL_POLICY]->len;
      break;
    case LW_LEAD_COLUMN_OWNER:
      ranks = rank_reps (ctx->reps);
      maker.n_ranks = ctx->reps->len;
      break;
    default:
      break;
    }
  maker.ranks = ranks;

  /* Newest chunk of each block first, as the index on (run_id, block)
   * gives them without sorting the blobs. */
  stmt = _lw_store_prepare (self,
                            with_props
                            ? "SELECT block, n, facts, props FROM run_leads WHERE run_id = ? "
                              "ORDER BY block DESC, id DESC"
                            : "SELECT block, n, facts FROM run_leads WHERE run_id = ? "
                              "ORDER BY block DESC, id DESC",
                            error);
  if (stmt == NULL)
    {
      prop_map_clear (&map);
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, ctx->id);

  entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  offsets = g_array_new (FALSE, FALSE, sizeof (gsize));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 block = sqlite3_column_int64 (stmt, 0);
      guint n = sqlite3_column_int (stmt, 1);
      const guint8 *facts = sqlite3_column_blob (stmt, 2);
      gsize facts_len = sqlite3_column_bytes (stmt, 2);
      const guint8 *props = NULL, *end = NULL;

      if (facts_len != n * record)
        goto damaged;
      if (block != current_block)
        {
          memset (seen, 0, sizeof seen);
          current_block = block;
        }

      if (with_props)
        {
          const guint8 *p = sqlite3_column_blob (stmt, 3);

          props = p;
          end = p + sqlite3_column_bytes (stmt, 3);
          g_array_set_size (offsets, 0);
          for (guint i = 0; i < n; i++)
            {
              gsize start = p - props;
              guint64 len;

              g_array_append_val (offsets, start);
              if (!lw_get_varint (&p, end, &len) || len > (guint64) (end - p))
                goto damaged;
              p += len;
            }
        }

      /* The last record of a lead in a chunk is its newest. */
      for (guint i = n; i-- > 0;)
        {
          const guint8 *fact = facts + i * record;
          guint32 id = lw_get_u32 (fact + LW_FACT_ID);
          guint offset = id & (LW_BLOCK_SIZE - 1);
          const guint8 *lead_props = NULL;
          guint64 lead_props_len = 0;
          Entry entry;

          if ((gint64) (id >> LW_BLOCK_SHIFT) != block)
            goto damaged;
          if (seen[offset / 32] & (1u << (offset % 32)))
            continue;
          seen[offset / 32] |= 1u << (offset % 32);

          if (with_props)
            {
              lead_props = props + g_array_index (offsets, gsize, i);
              lw_get_varint (&lead_props, end, &lead_props_len);
            }
          if (searching && !lead_matches (&map, &needle, id, lead_props, lead_props_len))
            continue;

          make_key (&maker, fact, lead_props, lead_props_len, &entry);
          entry.id = id;
          if (descending)
            entry.key = ~entry.key;
          g_array_append_val (entries, entry);
        }
    }
  prop_map_clear (&map);
  if (rc != SQLITE_DONE)
    {
      _lw_store_set_error (self, error, rc, _("reading leads"));
      return NULL;
    }

  radix_sort ((Entry *) (gpointer) entries->data, entries->len, FALSE);
  if (needs_props (sort))
    order_tied_texts ((Entry *) (gpointer) entries->data, entries->len,
                      (const char *) arena->data, descending, 0);

  ids = g_array_sized_new (FALSE, FALSE, sizeof (guint32), entries->len);
  g_array_set_size (ids, entries->len);
  for (guint i = 0; i < entries->len; i++)
    g_array_index (ids, guint32, i) = g_array_index (entries, Entry, i).id;
  return ids;

damaged:
  prop_map_clear (&map);
  set_damaged_error (self, error);
  return NULL;
}

/* ---- the rows of a page ------------------------------------------------------- */

static char *
dup_span (const Span *span)
{
  if (span->text == NULL)
    return NULL;
  return g_utf8_make_valid (span->text, span->len);
}

static char *
dup_label (const LwRunCtx *ctx,
           LwLabelKind     kind,
           int             index)
{
  GArray *labels = ctx->labels[kind];

  if (index < 0 || (guint) index >= labels->len)
    return NULL;
  return g_strdup (g_array_index (labels, LwRunLabel, index).label);
}

static LwLeadSummary *
summarize (const LwRunCtx *ctx,
           const LwConfig *config,
           const PropMap  *map,
           const guint8   *fact,
           const guint8   *props,
           gsize           props_len)
{
  LwLeadSummary *summary = g_new0 (LwLeadSummary, 1);
  Span spans[N_TEXTS];
  int owner = lw_fact_index16 (fact, LW_FACT_OWNER);
  gint32 created = lw_get_i32 (fact + LW_FACT_CREATED);
  gint32 ttft = lw_get_i32 (fact + LW_FACT_TTFT);
  guint flags = fact[LW_FACT_FLAGS];

  read_texts (map, props, props_len, spans);
  summary->id = lw_get_u32 (fact + LW_FACT_ID);
  summary->created_at = created == LW_FACT_NONE ? 0 : ctx->sim_start + created;
  summary->email = dup_span (&spans[TEXT_EMAIL]);
  summary->company = dup_span (&spans[TEXT_COMPANY]);
  if (has_name (spans))
    {
      g_autoptr(GString) name = g_string_new (NULL);

      append_name (name, spans);
      summary->name = g_utf8_make_valid (name->str, name->len);
    }
  summary->source = dup_label (ctx, LW_LABEL_SOURCE, lw_fact_index8 (fact, LW_FACT_SOURCE));
  summary->stage = dup_label (ctx, LW_LABEL_STAGE, lw_fact_index8 (fact, LW_FACT_STAGE));
  summary->status = dup_label (ctx, LW_LABEL_STATUS, lw_fact_index8 (fact, LW_FACT_STATUS));
  if (owner >= 0 && (guint) owner < ctx->reps->len)
    summary->owner = g_strdup (g_array_index (ctx->reps, LwRunRep, owner).name);
  summary->fit = lw_get_f32 (fact + LW_FACT_FIT);
  summary->engagement = lw_get_f32 (fact + LW_FACT_ENGAGEMENT);
  summary->total = summary->fit + summary->engagement;
  summary->grade = dup_grade (config, summary->fit, summary->engagement);
  summary->policy = dup_label (ctx, LW_LABEL_POLICY, lw_fact_index8 (fact, LW_FACT_POLICY));
  summary->ttft = ttft < 0 ? -1 : ttft;
  summary->breached = (flags & LW_FACT_BREACHED) != 0;
  summary->fallback = (flags & LW_FACT_FALLBACK) != 0;
  return summary;
}

typedef struct
{
  guint32 id;
  guint   position;
} Wanted;

typedef struct
{
  guint record;    /* in its chunk */
  guint wanted;    /* the first of its entries in wanted[] */
} Found;

static int
compare_wanted (gconstpointer a,
                gconstpointer b)
{
  const Wanted *x = a, *y = b;

  if (x->id != y->id)
    return x->id < y->id ? -1 : 1;
  return x->position < y->position ? -1 : x->position > y->position;
}

GPtrArray *
lw_store_get_lead_rows (LwStore        *self,
                        gint64          run,
                        const LwConfig *config,
                        const guint32  *ids,
                        guint           n,
                        GError        **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(LwRunCtx) ctx = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree Wanted *wanted = NULL;
  g_autofree guint *first = NULL;   /* block offset -> 1 + index in wanted */
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (Found));
  PropMap map;
  gsize record;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (ids != NULL || n == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  locker = g_rec_mutex_locker_new (&self->lock);
  ctx = load_ctx (self, run, error);
  if (ctx == NULL)
    return NULL;
  record = lw_fact_size (ctx->n_stages);

  rows = g_ptr_array_new_full (n, (GDestroyNotify) lw_lead_summary_free);
  g_ptr_array_set_size (rows, n);
  if (n == 0)
    return g_steal_pointer (&rows);

  /* By id, so that each block's leads are together. */
  wanted = g_new (Wanted, n);
  for (guint i = 0; i < n; i++)
    {
      wanted[i].id = ids[i];
      wanted[i].position = i;
    }
  qsort (wanted, n, sizeof (Wanted), compare_wanted);
  first = g_new (guint, LW_BLOCK_SIZE);
  prop_map_init (&map, config);

  for (guint w = 0; w < n;)
    {
      guint32 block = wanted[w].id >> LW_BLOCK_SHIFT;
      guint w_end = w, missing = 0;
      g_autoptr(LwLentStmt) stmt = NULL;
      int rc = SQLITE_DONE;

      memset (first, 0, LW_BLOCK_SIZE * sizeof (guint));
      while (w_end < n && wanted[w_end].id >> LW_BLOCK_SHIFT == block)
        {
          guint offset = wanted[w_end].id & (LW_BLOCK_SIZE - 1);

          if (first[offset] == 0)
            {
              first[offset] = w_end + 1;
              missing++;
            }
          w_end++;
        }

      stmt = _lw_store_stmt (self, LW_STMT_LEAD_CHUNKS_OF_BLOCK, error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, ctx->id);
      sqlite3_bind_int64 (stmt, 2, block);
      /* Newest chunk first: a lead written again is found in its last state. */
      while (missing > 0 && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          guint count = sqlite3_column_int (stmt, 0);
          const guint8 *facts = sqlite3_column_blob (stmt, 1);
          gsize facts_len = sqlite3_column_bytes (stmt, 1);
          const guint8 *p, *end;
          guint next = 0;

          if (facts_len != count * record)
            goto damaged;

          /* The wanted leads of this chunk, the last record of each, last
           * first. */
          g_array_set_size (found, 0);
          for (guint i = count; missing > 0 && i-- > 0;)
            {
              guint32 id = lw_get_u32 (facts + i * record + LW_FACT_ID);
              guint offset = id & (LW_BLOCK_SIZE - 1);
              Found f;

              if (id >> LW_BLOCK_SHIFT != block || first[offset] == 0)
                continue;
              f.record = i;
              f.wanted = first[offset] - 1;
              g_array_append_val (found, f);
              first[offset] = 0;
              missing--;
            }
          if (found->len == 0)
            continue;

          /* Their properties, in one walk over the chunk's. */
          p = sqlite3_column_blob (stmt, 2);
          end = p + sqlite3_column_bytes (stmt, 2);
          for (guint f = found->len; f-- > 0;)
            {
              const Found *hit = &g_array_index (found, Found, f);
              guint64 len = 0;

              for (;; next++)
                {
                  if (!lw_get_varint (&p, end, &len) || len > (guint64) (end - p))
                    goto damaged;
                  if (next == hit->record)
                    break;
                  p += len;
                }
              for (guint k = hit->wanted; k < w_end && wanted[k].id == wanted[hit->wanted].id; k++)
                g_ptr_array_index (rows, wanted[k].position) =
                  summarize (ctx, config, &map, facts + hit->record * record, p, len);
              p += len;
              next++;
            }
        }
      if (missing > 0 && rc != SQLITE_DONE)
        {
          _lw_store_set_error (self, error, rc, _("reading leads"));
          goto fail;
        }
      w = w_end;
    }

  prop_map_clear (&map);
  return g_steal_pointer (&rows);

damaged:
  set_damaged_error (self, error);
fail:
  prop_map_clear (&map);
  return NULL;
}

/* ---- reading a whole run ---------------------------------------------------------
 *
 * One pass over the lead chunks (4096 leads per block, the newest record
 * of each lead kept) or over the event chunks (65536 leads per block,
 * sorted by lead with their order of appending kept). A block is read
 * under the lock into copies of its blobs; the callback runs unlocked. */

struct _LwRunNames
{
  LwRunCtx *ctx;
};

static const LwLabelKind name_label_kinds[] = {
  [LW_RUN_NAME_STAGE] = LW_LABEL_STAGE,
  [LW_RUN_NAME_STATUS] = LW_LABEL_STATUS,
  [LW_RUN_NAME_SOURCE] = LW_LABEL_SOURCE,
  [LW_RUN_NAME_RULE] = LW_LABEL_RULE,
  [LW_RUN_NAME_POLICY] = LW_LABEL_POLICY,
  [LW_RUN_NAME_TEAM] = LW_LABEL_TEAM,
  [LW_RUN_NAME_POOL] = LW_LABEL_POOL,
};

LwRunNames *
lw_store_get_run_names (LwStore  *self,
                        gint64    run,
                        GError  **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  LwRunCtx *ctx;
  LwRunNames *names;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  locker = g_rec_mutex_locker_new (&self->lock);
  ctx = _lw_store_load_run_ctx (self, run, error);
  if (ctx == NULL)
    return NULL;
  names = g_new0 (LwRunNames, 1);
  names->ctx = ctx;
  return names;
}

void
lw_run_names_free (LwRunNames *names)
{
  if (names == NULL)
    return;
  _lw_run_ctx_free (names->ctx);
  g_free (names);
}

gint64
lw_run_names_get_run (const LwRunNames *names)
{
  g_return_val_if_fail (names != NULL, 0);

  return names->ctx->id;
}

guint
lw_run_names_get_n_stages (const LwRunNames *names)
{
  g_return_val_if_fail (names != NULL, 0);

  return names->ctx->n_stages;
}

static const char *
run_name (const LwRunNames *names,
          LwRunNameKind     kind,
          int               index,
          gboolean          label)
{
  const LwRunCtx *ctx = names->ctx;
  GArray *labels;

  if (index < 0)
    return NULL;
  if (kind == LW_RUN_NAME_REP)
    {
      const LwRunRep *rep;

      if ((guint) index >= ctx->reps->len)
        return NULL;
      rep = &g_array_index (ctx->reps, LwRunRep, index);
      return label ? rep->name : rep->id;
    }
  labels = ctx->labels[name_label_kinds[kind]];
  if ((guint) index >= labels->len)
    return NULL;
  return label ? g_array_index (labels, LwRunLabel, index).label
               : g_array_index (labels, LwRunLabel, index).id;
}

const char *
lw_run_names_get_id (const LwRunNames *names,
                     LwRunNameKind     kind,
                     int               index)
{
  g_return_val_if_fail (names != NULL, NULL);
  g_return_val_if_fail ((guint) kind <= LW_RUN_NAME_REP, NULL);

  return run_name (names, kind, index, FALSE);
}

const char *
lw_run_names_get_label (const LwRunNames *names,
                        LwRunNameKind     kind,
                        int               index)
{
  g_return_val_if_fail (names != NULL, NULL);
  g_return_val_if_fail ((guint) kind <= LW_RUN_NAME_REP, NULL);

  return run_name (names, kind, index, TRUE);
}

/* The highest block of the run's leads (@events FALSE) or events holding
 * records; -1 when there is none. */
static gboolean
query_last_block (LwStore   *self,
                  gint64     run,
                  gboolean   events,
                  gint64    *last,
                  GError   **error)
{
  g_autoptr(GRecMutexLocker) locker = g_rec_mutex_locker_new (&self->lock);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _lw_store_prepare (self,
                            events ? "SELECT max(block) FROM run_events WHERE run_id = ?"
                                   : "SELECT max(block) FROM run_leads WHERE run_id = ?",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, run);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _lw_store_set_error (self, error, rc, _("reading a run"));
      return FALSE;
    }
  *last = sqlite3_column_type (stmt, 0) == SQLITE_NULL ? -1 : sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

typedef struct
{
  GPtrArray    *blobs;                       /* GBytes the pointers point into */
  const guint8 *facts[LW_BLOCK_SIZE];        /* the newest record of each lead; NULL: none */
  const guint8 *props[LW_BLOCK_SIZE];
  gsize         props_len[LW_BLOCK_SIZE];
} LeadBlock;

/* Reads block @block of the run's leads into @out: the newest record of
 * each lead (newest chunk first; in a chunk, the last record of an id). */
static gboolean
read_lead_block (LwStore         *self,
                 const LwRunCtx  *ctx,
                 guint            block,
                 LeadBlock       *out,
                 GError         **error)
{
  g_autoptr(GRecMutexLocker) locker = g_rec_mutex_locker_new (&self->lock);
  g_autoptr(LwLentStmt) stmt = NULL;
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (const guint8 *));
  g_autoptr(GArray) lengths = g_array_new (FALSE, FALSE, sizeof (gsize));
  gsize record = lw_fact_size (ctx->n_stages);
  int rc;

  g_ptr_array_set_size (out->blobs, 0);
  memset (out->facts, 0, sizeof out->facts);

  stmt = _lw_store_stmt (self, LW_STMT_LEAD_CHUNKS_OF_BLOCK, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, ctx->id);
  sqlite3_bind_int (stmt, 2, block);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int n = sqlite3_column_int (stmt, 0);
      GBytes *facts_bytes = g_bytes_new (sqlite3_column_blob (stmt, 1), sqlite3_column_bytes (stmt, 1));
      GBytes *props_bytes = g_bytes_new (sqlite3_column_blob (stmt, 2), sqlite3_column_bytes (stmt, 2));
      gsize facts_len, props_len;
      const guint8 *facts = g_bytes_get_data (facts_bytes, &facts_len);
      const guint8 *p = g_bytes_get_data (props_bytes, &props_len);
      const guint8 *end = p + props_len;

      g_ptr_array_add (out->blobs, facts_bytes);
      g_ptr_array_add (out->blobs, props_bytes);
      if (n < 0 || facts_len != (gsize) n * record)
        {
          set_damaged_error (self, error);
          return FALSE;
        }

      /* Where each record's properties are. */
      g_array_set_size (starts, 0);
      g_array_set_size (lengths, 0);
      for (int k = 0; k < n; k++)
        {
          guint64 len;
          gsize length;

          if (!lw_get_varint (&p, end, &len) || len > (guint64) (end - p))
            {
              set_damaged_error (self, error);
              return FALSE;
            }
          length = len;
          g_array_append_val (starts, p);
          g_array_append_val (lengths, length);
          p += len;
        }

      for (int i = n; i-- > 0;)
        {
          guint32 id = lw_get_u32 (facts + i * record + LW_FACT_ID);
          guint slot = id & (LW_BLOCK_SIZE - 1);

          if ((id >> LW_BLOCK_SHIFT) != block)
            {
              set_damaged_error (self, error);
              return FALSE;
            }
          if (out->facts[slot] != NULL)
            continue;
          out->facts[slot] = facts + i * record;
          out->props[slot] = g_array_index (starts, const guint8 *, i);
          out->props_len[slot] = g_array_index (lengths, gsize, i);
        }
    }
  if (rc != SQLITE_DONE)
    {
      _lw_store_set_error (self, error, rc, _("reading a lead"));
      return FALSE;
    }
  return TRUE;
}

static LwTime
abs_time (const LwRunCtx *ctx,
          gint32          rel)
{
  return rel == LW_FACT_NONE ? 0 : ctx->sim_start + rel;
}

static const char *
ctx_label_id (const LwRunCtx *ctx,
              LwLabelKind     kind,
              int             idx)
{
  GArray *labels = ctx->labels[kind];

  if (idx < 0 || (guint) idx >= labels->len)
    return NULL;
  return g_array_index (labels, LwRunLabel, idx).id;
}

/* The record at @p as an LwStoredLead whose strings point into @ctx, whose
 * stage times go to @stage_at and whose properties are @props. */
static void
decode_facts (const LwRunCtx *ctx,
              const guint8   *p,
              const guint8   *props,
              gsize           props_len,
              LwTime         *stage_at,
              LwStoredLead   *lead)
{
  guint flags = p[LW_FACT_FLAGS];
  gint32 ttft;

  memset (lead, 0, sizeof *lead);
  lead->id = lw_get_u32 (p + LW_FACT_ID);
  lead->created_at = abs_time (ctx, lw_get_i32 (p + LW_FACT_CREATED));
  lead->assigned_at = abs_time (ctx, lw_get_i32 (p + LW_FACT_ASSIGNED));
  lead->first_touch_at = abs_time (ctx, lw_get_i32 (p + LW_FACT_TOUCH));
  lead->deadline = abs_time (ctx, lw_get_i32 (p + LW_FACT_DEADLINE));
  ttft = lw_get_i32 (p + LW_FACT_TTFT);
  lead->ttft = ttft < 0 ? -1 : ttft;
  lead->fit = lw_get_f32 (p + LW_FACT_FIT);
  lead->engagement = lw_get_f32 (p + LW_FACT_ENGAGEMENT);
  lead->owner = lw_fact_index16 (p, LW_FACT_OWNER);
  lead->routed_rep = lw_fact_index16 (p, LW_FACT_ROUTED);
  lead->sla_rep = lw_fact_index16 (p, LW_FACT_SLA_REP);
  lead->rule = lw_fact_index16 (p, LW_FACT_RULE);
  lead->region = ctx_label_id (ctx, LW_LABEL_REGION, lw_fact_index16 (p, LW_FACT_REGION));
  lead->segment = ctx_label_id (ctx, LW_LABEL_SEGMENT, lw_fact_index16 (p, LW_FACT_SEGMENT));
  lead->entry_point = ctx_label_id (ctx, LW_LABEL_ENTRY_POINT,
                                    lw_fact_index16 (p, LW_FACT_ENTRY_POINT));
  lead->source = lw_fact_index8 (p, LW_FACT_SOURCE);
  lead->stage = lw_fact_index8 (p, LW_FACT_STAGE);
  lead->max_stage = lw_fact_index8 (p, LW_FACT_MAX_STAGE);
  lead->status = lw_fact_index8 (p, LW_FACT_STATUS);
  lead->policy = lw_fact_index8 (p, LW_FACT_POLICY);
  lead->pool = lw_fact_index8 (p, LW_FACT_POOL);
  lead->escalations = p[LW_FACT_ESCALATIONS];
  lead->reassignments = p[LW_FACT_REASSIGNED];
  lead->fallback = (flags & LW_FACT_FALLBACK) != 0;
  lead->fallback_reason = p[LW_FACT_FALLBACK_WHY] < LW_N_FALLBACK_REASONS
                          ? p[LW_FACT_FALLBACK_WHY] : LW_FALLBACK_NONE;
  lead->breached = (flags & LW_FACT_BREACHED) != 0;
  lead->warned = (flags & LW_FACT_WARNED) != 0;
  lead->mql = (flags & LW_FACT_MQL) != 0;
  lead->converted = (flags & LW_FACT_CONVERTED) != 0;
  lead->disqualified = (flags & LW_FACT_DISQUALIFIED) != 0;
  lead->recycled = (flags & LW_FACT_RECYCLED) != 0;
  lead->reached_stages = lw_get_u64 (p + LW_FACT_REACHED);
  lead->advanced_stages = lw_get_u64 (p + LW_FACT_ADVANCED);
  for (guint s = 0; s < ctx->n_stages; s++)
    stage_at[s] = abs_time (ctx, lw_get_i32 (p + LW_FACT_STAGES + 4 * s));
  lead->stage_at = ctx->n_stages > 0 ? stage_at : NULL;
  lead->n_stage_at = ctx->n_stages;
  lead->properties = props_len > 0 ? props : NULL;
  lead->properties_len = props_len;
}

/* Loads the context of run @run (> 0) and the highest block of its leads
 * or events. */
static LwRunCtx *
begin_walk (LwStore   *self,
            gint64     run,
            gboolean   events,
            gint64    *last,
            GError   **error)
{
  g_autoptr(LwRunCtx) ctx = NULL;

  {
    g_autoptr(GRecMutexLocker) locker = g_rec_mutex_locker_new (&self->lock);

    ctx = load_ctx (self, run, error);
    if (ctx == NULL)
      return NULL;
  }
  if (!query_last_block (self, ctx->id, events, last, error))
    return NULL;
  return g_steal_pointer (&ctx);
}

gboolean
lw_store_foreach_lead (LwStore          *self,
                       gint64            run,
                       GCancellable     *cancellable,
                       LwStoreLeadFunc   func,
                       gpointer          user_data,
                       GError          **error)
{
  g_autoptr(LwRunCtx) ctx = NULL;
  g_autoptr(GPtrArray) blobs = NULL;
  g_autofree LeadBlock *block = NULL;
  g_autofree LwTime *stage_at = NULL;
  gint64 last = -1;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  ctx = begin_walk (self, run, FALSE, &last, error);
  if (ctx == NULL)
    return FALSE;

  blobs = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  block = g_new0 (LeadBlock, 1);
  block->blobs = blobs;
  stage_at = g_new0 (LwTime, MAX (ctx->n_stages, 1));
  for (gint64 b = 0; b <= last; b++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
          !read_lead_block (self, ctx, b, block, error))
        return FALSE;
      for (guint slot = 0; slot < LW_BLOCK_SIZE; slot++)
        {
          LwStoredLead lead;

          if (block->facts[slot] == NULL)
            continue;
          decode_facts (ctx, block->facts[slot], block->props[slot], block->props_len[slot],
                        stage_at, &lead);
          if (!func (&lead, user_data, error))
            return FALSE;
        }
    }
  return TRUE;
}

typedef struct
{
  guint32  seq;        /* order of appending */
  LwEvent  event;      /* detail: owned */
} BlockEvent;

static void
block_event_clear (gpointer data)
{
  BlockEvent *be = data;

  g_free ((char *) be->event.detail);
}

/* Decodes one event chunk of @block, appending every event to @out. */
static gboolean
decode_event_chunk (const LwRunCtx *ctx,
                    guint           block,
                    const guint8   *p,
                    const guint8   *end,
                    guint           n,
                    GArray         *out)
{
  LwTime t = ctx->sim_start;

  for (guint i = 0; i < n; i++)
    {
      BlockEvent be = { 0, };

      if (!_lw_store_decode_event (&p, end, block, &t, LW_KEEP_EVERY_DETAIL, &be.event))
        return FALSE;
      be.seq = out->len;
      g_array_append_val (out, be);
    }
  return p == end;
}

static int
compare_block_events (gconstpointer a,
                      gconstpointer b)
{
  const BlockEvent *x = a, *y = b;

  if (x->event.lead != y->event.lead)
    return x->event.lead < y->event.lead ? -1 : 1;
  return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Every event of block @block, by lead, each lead's in the order they were
 * appended. */
static gboolean
read_event_block (LwStore         *self,
                  const LwRunCtx  *ctx,
                  guint            block,
                  GArray          *events,
                  GError         **error)
{
  g_autoptr(GRecMutexLocker) locker = g_rec_mutex_locker_new (&self->lock);
  g_autoptr(LwLentStmt) stmt = NULL;
  int rc;

  g_array_set_size (events, 0);
  stmt = _lw_store_stmt (self, LW_STMT_EVENT_CHUNKS_OF_BLOCK, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, ctx->id);
  sqlite3_bind_int (stmt, 2, block);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const guint8 *data = sqlite3_column_blob (stmt, 1);
      gsize len = sqlite3_column_bytes (stmt, 1);
      int n = sqlite3_column_int (stmt, 0);

      if (n < 0 || !decode_event_chunk (ctx, block, data, data + len, n, events))
        {
          set_damaged_error (self, error);
          return FALSE;
        }
    }
  if (rc != SQLITE_DONE)
    {
      _lw_store_set_error (self, error, rc, _("reading events"));
      return FALSE;
    }
  g_array_sort (events, compare_block_events);
  return TRUE;
}

gboolean
lw_store_foreach_event (LwStore           *self,
                        gint64             run,
                        GCancellable      *cancellable,
                        LwStoreEventFunc   func,
                        gpointer           user_data,
                        GError           **error)
{
  g_autoptr(LwRunCtx) ctx = NULL;
  g_autoptr(GArray) events = NULL;
  gint64 last = -1;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  ctx = begin_walk (self, run, TRUE, &last, error);
  if (ctx == NULL)
    return FALSE;

  events = g_array_new (FALSE, FALSE, sizeof (BlockEvent));
  g_array_set_clear_func (events, block_event_clear);
  for (gint64 b = 0; b <= last; b++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
          !read_event_block (self, ctx, b, events, error))
        return FALSE;
      for (guint i = 0; i < events->len; i++)
        if (!func (&g_array_index (events, BlockEvent, i).event, user_data, error))
          return FALSE;
    }
  return TRUE;
}
