/* lw-lint.c: checks beyond validity
 *
 * The routing and SLA checks reason about conditions as sets of leads.
 *
 * Enum and boolean properties have finitely many values, plus "no value":
 * over them a filter group is a cube, one set of allowed values per property
 * (a bitset over the options, then one bit for "no value"). Filters on the
 * other properties (numbers, texts, emails, instants) are kept as atoms. A
 * later group G is inside an earlier group E wherever G's leads also satisfy
 * E's atoms (E's atom is one of G's, or follows from G's filters on the same
 * property, e.g. employees > 500 gives employees > 100); then only E's cube
 * matters, and whether G's cube lies inside a union of such cubes is decided
 * exactly by subtracting them one after the other: G minus E is at most one
 * cube per property E constrains, each disjoint from the others. A group
 * whose cube is empty, or whose atoms contradict each other (employees > 500
 * and employees < 100), matches nobody.
 *
 * Built-in enums may lack a value too: a lead imported from a CRM export
 * need not have a lead status or a deal stage.
 *
 * Deciding whether cubes cover a cube is hard in general; every decision
 * gets a budget of pieces, and a decision that runs out of it is answered
 * the cautious way (not shadowed, no warning).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lw-lead.h"
#include "lw-lint.h"
#include "lw-scoring.h"

/* Pieces one decision may make before it gives up. */
#define PIECE_BUDGET 200000

/* Fallback segments are merged into fewer, larger ones up to this many. */
#define MAX_MERGE 64

/* Example segments named in the fallback warning. */
#define MAX_EXAMPLES 3

/* Option labels listed for one property before "and N other values". */
#define MAX_LISTED 6

typedef struct
{
  const LwProperty *property;
  guint             n_values;   /* enum options, or 2 for a boolean (false, true);
                                 * element n_values is "no value" */
  guint             offset;     /* first word of this property in a cube */
  guint             n_words;
  GHashTable       *options;    /* enum: casefolded value -> index + 1 */
} Dimension;

typedef struct
{
  const LwConfig *config;
  Dimension      *dims;
  guint           n_dims;
  int            *dim_of;       /* property index -> dimension, or -1 */
  guint           n_words;
  guint64        *full;
  LwLead         *probe;        /* for CONTAINS_TOKEN on enums; made when needed */
  guint           budget;       /* pieces the current decision may still make */
  gboolean        exhausted;
} Space;

typedef struct
{
  guint64   *cube;           /* NULL when the group matches nobody */
  GPtrArray *atoms;          /* const LwFilter *, on the other properties */
  guint     *constrained;    /* dimensions where the cube is not full */
  guint      n_constrained;
  guint      owner;          /* index of the rule or policy */
} Group;

typedef enum
{
  REACH_SOME,
  REACH_SHADOWED,
  REACH_NOBODY,
} Reach;

typedef enum
{
  HOLDS_NO,
  HOLDS_YES,
  HOLDS_UNKNOWN,
} Holds;

typedef struct
{
  gboolean set;
  double   value;
  gboolean strict;
} Bound;

/* What a group's atoms on one property say about its value. */
typedef struct
{
  gboolean   present;        /* some filter needs a value */
  gboolean   absent;         /* NOT_HAS_PROPERTY */
  Bound      lo;
  Bound      hi;
  GPtrArray *cands;          /* const LwValue *: the only values left; NULL = no EQ/IN */
  gboolean   empty;
} Summary;

/* ---- the space of finite properties -------------------------------------- */

static void
init_space (Space          *space,
            const LwConfig *config)
{
  guint n_props = config->properties->len;
  GArray *dims = g_array_new (FALSE, TRUE, sizeof (Dimension));

  memset (space, 0, sizeof *space);
  space->config = config;
  space->dim_of = g_new (int, MAX (n_props, 1));

  for (guint i = 0; i < n_props; i++)
    {
      const LwProperty *property = g_ptr_array_index (config->properties, i);
      Dimension dim = { 0, };

      space->dim_of[i] = -1;
      if (property->type == LW_PROPERTY_BOOLEAN)
        dim.n_values = 2;
      else if (property->type == LW_PROPERTY_ENUM && property->options->len > 0)
        dim.n_values = property->options->len;
      else
        continue;

      dim.property = property;
      dim.offset = space->n_words;
      dim.n_words = (dim.n_values + 1 + 63) / 64;
      space->n_words += dim.n_words;

      if (property->type == LW_PROPERTY_ENUM)
        {
          dim.options = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          for (guint j = 0; j < property->options->len; j++)
            {
              const LwOption *option = g_ptr_array_index (property->options, j);

              g_hash_table_insert (dim.options,
                                   g_utf8_casefold (option->value, -1),
                                   GUINT_TO_POINTER (j + 1));
            }
        }

      space->dim_of[i] = dims->len;
      g_array_append_val (dims, dim);
    }

  space->n_dims = dims->len;
  space->dims = (Dimension *) (void *) g_array_free (dims, FALSE);
  space->full = g_new0 (guint64, MAX (space->n_words, 1));

  for (guint d = 0; d < space->n_dims; d++)
    {
      const Dimension *dim = &space->dims[d];
      /* the options, then "no value" */
      for (guint e = 0; e <= dim->n_values; e++)
        space->full[dim->offset + e / 64] |= G_GUINT64_CONSTANT (1) << (e % 64);
    }
}

static void
clear_space (Space *space)
{
  for (guint d = 0; d < space->n_dims; d++)
    g_clear_pointer (&space->dims[d].options, g_hash_table_unref);
  g_clear_pointer (&space->dims, g_free);
  g_clear_pointer (&space->dim_of, g_free);
  g_clear_pointer (&space->full, g_free);
  g_clear_pointer (&space->probe, lw_lead_free);
}

static void
start_decision (Space *space)
{
  space->budget = PIECE_BUDGET;
  space->exhausted = FALSE;
}

static guint64 *
copy_cube (const Space   *space,
           const guint64 *cube)
{
  return g_memdup2 (cube, MAX (space->n_words, 1) * sizeof (guint64));
}

static gboolean
segment_is_empty (const guint64 *segment,
                  guint          n_words)
{
  for (guint w = 0; w < n_words; w++)
    if (segment[w] != 0)
      return FALSE;
  return TRUE;
}

static gboolean
segment_is_full (const Space   *space,
                 guint          d,
                 const guint64 *cube)
{
  const Dimension *dim = &space->dims[d];

  return memcmp (cube + dim->offset, space->full + dim->offset,
                 dim->n_words * sizeof (guint64)) == 0;
}

static gboolean
segment_has (const guint64 *segment,
             guint          element)
{
  return (segment[element / 64] >> (element % 64)) & 1;
}

static void
segment_add (guint64 *segment,
             guint    element)
{
  segment[element / 64] |= G_GUINT64_CONSTANT (1) << (element % 64);
}

static gboolean
cube_is_empty (const Space   *space,
               const guint64 *cube)
{
  for (guint d = 0; d < space->n_dims; d++)
    if (segment_is_empty (cube + space->dims[d].offset, space->dims[d].n_words))
      return TRUE;
  return FALSE;
}

/* ---- one filter on a finite property -------------------------------------- */

static int
find_element (const Dimension *dim,
              const LwValue   *value,
              const char      *text)
{
  g_autofree char *key = NULL;
  gpointer found;

  if (dim->property->type == LW_PROPERTY_BOOLEAN)
    {
      if (value != NULL && value->set)
        return value->num != 0 ? 1 : 0;
      if (text != NULL && g_ascii_strcasecmp (text, "true") == 0)
        return 1;
      if (text != NULL && g_ascii_strcasecmp (text, "false") == 0)
        return 0;
      return -1;
    }

  if (value != NULL && value->fold != NULL)
    key = g_strdup (value->fold);
  else if (value != NULL && value->str != NULL)
    key = g_utf8_casefold (value->str, -1);
  else if (text != NULL)
    key = g_utf8_casefold (text, -1);
  else
    return -1;

  found = g_hash_table_lookup (dim->options, key);
  return found != NULL ? (int) GPOINTER_TO_UINT (found) - 1 : -1;
}

static void
add_values (const Dimension *dim,
            const LwFilter  *filter,
            guint64         *segment)
{
  int element;

  if (filter->op == LW_OP_IN || filter->op == LW_OP_NOT_IN)
    {
      if (filter->n_set > 0)
        {
          for (guint i = 0; i < filter->n_set; i++)
            if ((element = find_element (dim, &filter->set[i], NULL)) >= 0)
              segment_add (segment, element);
        }
      else
        {
          for (guint i = 0; filter->values != NULL && filter->values[i] != NULL; i++)
            if ((element = find_element (dim, NULL, filter->values[i])) >= 0)
              segment_add (segment, element);
        }
      return;
    }

  if ((element = find_element (dim, &filter->low, filter->value)) >= 0)
    segment_add (segment, element);
}

/* Fills @segment (zeroed, the dimension's words) with the values of @dim
 * that @filter lets through. FALSE for an operator that does not apply to
 * finite properties: the filter is then kept as an atom. */
static gboolean
fill_filter_set (Space          *space,
                 guint           d,
                 const LwFilter *filter,
                 guint64        *segment)
{
  const Dimension *dim = &space->dims[d];
  const guint64 *full = space->full + dim->offset;
  gboolean complement = FALSE;

  switch (filter->op)
    {
    case LW_OP_EQ:
    case LW_OP_IN:
      add_values (dim, filter, segment);
      break;

    case LW_OP_NEQ:
    case LW_OP_NOT_IN:
      add_values (dim, filter, segment);
      complement = TRUE;
      break;

    case LW_OP_HAS_PROPERTY:
      for (guint e = 0; e < dim->n_values; e++)
        segment_add (segment, e);
      break;

    case LW_OP_NOT_HAS_PROPERTY:
      segment_add (segment, dim->n_values);
      break;

    case LW_OP_CONTAINS_TOKEN:
    case LW_OP_NOT_CONTAINS_TOKEN:
      if (dim->property->type != LW_PROPERTY_ENUM)
        return FALSE;
      if (space->probe == NULL)
        space->probe = lw_lead_new (space->config, "lint-probe");
      for (guint e = 0; e < dim->n_values; e++)
        {
          const LwOption *option = g_ptr_array_index (dim->property->options, e);

          lw_lead_set_string (space->probe, dim->property->index, option->value);
          if (lw_filter_eval (filter, space->probe))
            segment_add (segment, e);
        }
      lw_lead_unset (space->probe, dim->property->index);
      if (filter->op == LW_OP_NOT_CONTAINS_TOKEN)
        segment_add (segment, dim->n_values);
      break;

    case LW_OP_LT:
    case LW_OP_LTE:
    case LW_OP_GT:
    case LW_OP_GTE:
    case LW_OP_BETWEEN:
    case LW_N_OPERATORS:
    default:
      return FALSE;
    }

  for (guint w = 0; w < dim->n_words; w++)
    segment[w] = complement ? full[w] & ~segment[w] : full[w] & segment[w];
  return TRUE;
}

/* ---- atoms: filters on the other properties --------------------------------- */

static gboolean
is_numeric (const Space *space,
            int          prop)
{
  const LwProperty *property = g_ptr_array_index (space->config->properties, prop);

  return property->type == LW_PROPERTY_NUMBER || property->type == LW_PROPERTY_DATETIME;
}

static char *
dup_text_key (const LwValue *value,
              const char    *raw)
{
  if (value->fold != NULL)
    return g_strdup (value->fold);
  if (value->str != NULL)
    return g_utf8_casefold (value->str, -1);
  if (raw != NULL)
    return g_utf8_casefold (raw, -1);
  return NULL;
}

static gboolean
values_equal (const LwValue *a,
              const LwValue *b,
              gboolean       numeric)
{
  g_autofree char *ka = NULL;
  g_autofree char *kb = NULL;

  if (numeric)
    return a->num == b->num;
  if (a->fold != NULL && b->fold != NULL)
    return strcmp (a->fold, b->fold) == 0;
  ka = dup_text_key (a, NULL);
  kb = dup_text_key (b, NULL);
  return ka != NULL && kb != NULL && strcmp (ka, kb) == 0;
}

static gboolean
value_in_set (const LwValue *value,
              const LwValue *set,
              guint          n_set,
              gboolean       numeric)
{
  for (guint i = 0; i < n_set; i++)
    if (values_equal (value, &set[i], numeric))
      return TRUE;
  return FALSE;
}

static gboolean
filters_equal (const Space    *space,
               const LwFilter *a,
               const LwFilter *b)
{
  gboolean numeric;

  if (a->prop_index != b->prop_index || a->op != b->op)
    return FALSE;
  numeric = is_numeric (space, a->prop_index);

  switch (a->op)
    {
    case LW_OP_HAS_PROPERTY:
    case LW_OP_NOT_HAS_PROPERTY:
      return TRUE;

    case LW_OP_IN:
    case LW_OP_NOT_IN:
      for (guint i = 0; i < a->n_set; i++)
        if (!value_in_set (&a->set[i], b->set, b->n_set, numeric))
          return FALSE;
      for (guint i = 0; i < b->n_set; i++)
        if (!value_in_set (&b->set[i], a->set, a->n_set, numeric))
          return FALSE;
      return TRUE;

    case LW_OP_BETWEEN:
      return values_equal (&a->low, &b->low, numeric) &&
             values_equal (&a->high, &b->high, numeric);

    case LW_OP_CONTAINS_TOKEN:
    case LW_OP_NOT_CONTAINS_TOKEN:
      {
        g_autofree char *ka = dup_text_key (&a->low, a->value);
        g_autofree char *kb = dup_text_key (&b->low, b->value);

        return ka != NULL && kb != NULL && strcmp (ka, kb) == 0;
      }

    case LW_OP_EQ:
    case LW_OP_NEQ:
    case LW_OP_LT:
    case LW_OP_LTE:
    case LW_OP_GT:
    case LW_OP_GTE:
    case LW_N_OPERATORS:
    default:
      return values_equal (&a->low, &b->low, numeric);
    }
}

/* Whether @filter holds for a lead whose value is @value. */
static Holds
filter_holds_for (const LwFilter *filter,
                  const LwValue  *value,
                  gboolean        numeric)
{
  double v = value->num;

  switch (filter->op)
    {
    case LW_OP_EQ:
      return values_equal (value, &filter->low, numeric) ? HOLDS_YES : HOLDS_NO;
    case LW_OP_NEQ:
      return values_equal (value, &filter->low, numeric) ? HOLDS_NO : HOLDS_YES;
    case LW_OP_IN:
      return value_in_set (value, filter->set, filter->n_set, numeric) ? HOLDS_YES : HOLDS_NO;
    case LW_OP_NOT_IN:
      return value_in_set (value, filter->set, filter->n_set, numeric) ? HOLDS_NO : HOLDS_YES;
    case LW_OP_HAS_PROPERTY:
      return HOLDS_YES;
    case LW_OP_NOT_HAS_PROPERTY:
      return HOLDS_NO;
    case LW_OP_LT:
      return !numeric ? HOLDS_UNKNOWN : v < filter->low.num ? HOLDS_YES : HOLDS_NO;
    case LW_OP_LTE:
      return !numeric ? HOLDS_UNKNOWN : v <= filter->low.num ? HOLDS_YES : HOLDS_NO;
    case LW_OP_GT:
      return !numeric ? HOLDS_UNKNOWN : v > filter->low.num ? HOLDS_YES : HOLDS_NO;
    case LW_OP_GTE:
      return !numeric ? HOLDS_UNKNOWN : v >= filter->low.num ? HOLDS_YES : HOLDS_NO;
    case LW_OP_BETWEEN:
      if (!numeric)
        return HOLDS_UNKNOWN;
      return v >= filter->low.num && v <= filter->high.num ? HOLDS_YES : HOLDS_NO;
    case LW_OP_CONTAINS_TOKEN:
    case LW_OP_NOT_CONTAINS_TOKEN:
    case LW_N_OPERATORS:
    default:
      return HOLDS_UNKNOWN;
    }
}

static void
raise_lo (Bound  *lo,
          double  value,
          gboolean strict)
{
  if (!lo->set || value > lo->value || (value == lo->value && strict))
    {
      lo->set = TRUE;
      lo->value = value;
      lo->strict = strict;
    }
}

static void
lower_hi (Bound  *hi,
          double  value,
          gboolean strict)
{
  if (!hi->set || value < hi->value || (value == hi->value && strict))
    {
      hi->set = TRUE;
      hi->value = value;
      hi->strict = strict;
    }
}

/* The interval a range filter allows. */
static void
get_filter_interval (const LwFilter *filter,
                     Bound          *lo,
                     Bound          *hi)
{
  memset (lo, 0, sizeof *lo);
  memset (hi, 0, sizeof *hi);
  switch (filter->op)
    {
    case LW_OP_EQ:
      raise_lo (lo, filter->low.num, FALSE);
      lower_hi (hi, filter->low.num, FALSE);
      break;
    case LW_OP_LT:
      lower_hi (hi, filter->low.num, TRUE);
      break;
    case LW_OP_LTE:
      lower_hi (hi, filter->low.num, FALSE);
      break;
    case LW_OP_GT:
      raise_lo (lo, filter->low.num, TRUE);
      break;
    case LW_OP_GTE:
      raise_lo (lo, filter->low.num, FALSE);
      break;
    case LW_OP_BETWEEN:
      raise_lo (lo, filter->low.num, FALSE);
      lower_hi (hi, filter->high.num, FALSE);
      break;
    case LW_OP_NEQ:
    case LW_OP_IN:
    case LW_OP_NOT_IN:
    case LW_OP_HAS_PROPERTY:
    case LW_OP_NOT_HAS_PROPERTY:
    case LW_OP_CONTAINS_TOKEN:
    case LW_OP_NOT_CONTAINS_TOKEN:
    case LW_N_OPERATORS:
    default:
      break;
    }
}

static gboolean
interval_is_empty (const Bound *lo,
                   const Bound *hi)
{
  return lo->set && hi->set &&
         (lo->value > hi->value || (lo->value == hi->value && (lo->strict || hi->strict)));
}

static gboolean
interval_has (const Bound *lo,
              const Bound *hi,
              double       value)
{
  if (lo->set && (value < lo->value || (value == lo->value && lo->strict)))
    return FALSE;
  if (hi->set && (value > hi->value || (value == hi->value && hi->strict)))
    return FALSE;
  return TRUE;
}

/* Whether [lo, hi] lies inside [outer_lo, outer_hi]. */
static gboolean
interval_inside (const Bound *lo,
                 const Bound *hi,
                 const Bound *outer_lo,
                 const Bound *outer_hi)
{
  gboolean lo_ok, hi_ok;

  lo_ok = !outer_lo->set ||
          (lo->set && (lo->value > outer_lo->value ||
                       (lo->value == outer_lo->value && (lo->strict || !outer_lo->strict))));
  hi_ok = !outer_hi->set ||
          (hi->set && (hi->value < outer_hi->value ||
                       (hi->value == outer_hi->value && (hi->strict || !outer_hi->strict))));
  return lo_ok && hi_ok;
}

static void
intersect_candidates (Summary       *summary,
                      const LwValue *values,
                      guint          n_values,
                      gboolean       numeric)
{
  if (summary->cands == NULL)
    {
      summary->cands = g_ptr_array_new ();
      for (guint i = 0; i < n_values; i++)
        g_ptr_array_add (summary->cands, (gpointer) &values[i]);
      return;
    }

  for (guint i = summary->cands->len; i > 0; i--)
    if (!value_in_set (g_ptr_array_index (summary->cands, i - 1), values, n_values, numeric))
      g_ptr_array_remove_index (summary->cands, i - 1);
}

static void
summarize (const Space *space,
           GPtrArray   *atoms,
           int          prop,
           Summary     *summary)
{
  gboolean numeric = is_numeric (space, prop);

  memset (summary, 0, sizeof *summary);

  for (guint i = 0; i < atoms->len; i++)
    {
      const LwFilter *filter = g_ptr_array_index (atoms, i);
      Bound lo, hi;

      if (filter->prop_index != prop)
        continue;

      switch (filter->op)
        {
        case LW_OP_EQ:
          summary->present = TRUE;
          intersect_candidates (summary, &filter->low, 1, numeric);
          break;
        case LW_OP_IN:
          summary->present = TRUE;
          intersect_candidates (summary, filter->set, filter->n_set, numeric);
          break;
        case LW_OP_LT:
        case LW_OP_LTE:
        case LW_OP_GT:
        case LW_OP_GTE:
        case LW_OP_BETWEEN:
          summary->present = TRUE;
          if (!numeric)
            break;
          get_filter_interval (filter, &lo, &hi);
          if (lo.set)
            raise_lo (&summary->lo, lo.value, lo.strict);
          if (hi.set)
            lower_hi (&summary->hi, hi.value, hi.strict);
          break;
        case LW_OP_HAS_PROPERTY:
        case LW_OP_CONTAINS_TOKEN:
          summary->present = TRUE;
          break;
        case LW_OP_NOT_HAS_PROPERTY:
          summary->absent = TRUE;
          break;
        case LW_OP_NEQ:
        case LW_OP_NOT_IN:
        case LW_OP_NOT_CONTAINS_TOKEN:
        case LW_N_OPERATORS:
        default:
          break;
        }
    }

  if (summary->present && summary->absent)
    summary->empty = TRUE;
  if (numeric && interval_is_empty (&summary->lo, &summary->hi))
    summary->empty = TRUE;

  if (summary->cands != NULL)
    {
      for (guint c = summary->cands->len; c > 0; c--)
        {
          const LwValue *value = g_ptr_array_index (summary->cands, c - 1);

          for (guint i = 0; i < atoms->len; i++)
            {
              const LwFilter *filter = g_ptr_array_index (atoms, i);

              if (filter->prop_index == prop &&
                  filter_holds_for (filter, value, numeric) == HOLDS_NO)
                {
                  g_ptr_array_remove_index (summary->cands, c - 1);
                  break;
                }
            }
        }
      if (summary->cands->len == 0)
        summary->empty = TRUE;
    }
}

static void
clear_summary (Summary *summary)
{
  g_clear_pointer (&summary->cands, g_ptr_array_unref);
}

static gboolean
atoms_contradict (const Space *space,
                  GPtrArray   *atoms)
{
  for (guint i = 0; i < atoms->len; i++)
    {
      const LwFilter *filter = g_ptr_array_index (atoms, i);
      gboolean seen = FALSE;
      Summary summary;
      gboolean empty;

      for (guint j = 0; j < i && !seen; j++)
        seen = ((const LwFilter *) g_ptr_array_index (atoms, j))->prop_index == filter->prop_index;
      if (seen || filter->prop_index < 0)
        continue;

      summarize (space, atoms, filter->prop_index, &summary);
      empty = summary.empty;
      clear_summary (&summary);
      if (empty)
        return TRUE;
    }
  return FALSE;
}

/* Whether every lead that satisfies @atoms (not contradictory) satisfies
 * @atom. FALSE when it cannot be shown. */
static gboolean
atom_is_implied (const Space    *space,
                 const LwFilter *atom,
                 GPtrArray      *atoms)
{
  gboolean numeric;
  gboolean implied = FALSE;
  Summary summary;

  for (guint i = 0; i < atoms->len; i++)
    if (filters_equal (space, g_ptr_array_index (atoms, i), atom))
      return TRUE;
  if (atom->prop_index < 0)
    return FALSE;

  numeric = is_numeric (space, atom->prop_index);
  summarize (space, atoms, atom->prop_index, &summary);

  if (summary.empty)
    {
      implied = TRUE;
    }
  else if (summary.absent)
    {
      implied = atom->op == LW_OP_NEQ || atom->op == LW_OP_NOT_IN ||
                atom->op == LW_OP_NOT_CONTAINS_TOKEN || atom->op == LW_OP_NOT_HAS_PROPERTY;
    }
  else if (summary.cands != NULL)
    {
      implied = TRUE;
      for (guint c = 0; c < summary.cands->len && implied; c++)
        implied = filter_holds_for (atom, g_ptr_array_index (summary.cands, c),
                                    numeric) == HOLDS_YES;
    }
  else if (atom->op == LW_OP_HAS_PROPERTY)
    {
      implied = summary.present;
    }
  else if (numeric && (summary.lo.set || summary.hi.set))
    {
      Bound lo, hi;

      switch (atom->op)
        {
        case LW_OP_LT:
        case LW_OP_LTE:
        case LW_OP_GT:
        case LW_OP_GTE:
        case LW_OP_BETWEEN:
          get_filter_interval (atom, &lo, &hi);
          implied = interval_inside (&summary.lo, &summary.hi, &lo, &hi);
          break;
        case LW_OP_NEQ:
          implied = !interval_has (&summary.lo, &summary.hi, atom->low.num);
          break;
        case LW_OP_NOT_IN:
          implied = TRUE;
          for (guint i = 0; i < atom->n_set && implied; i++)
            implied = !interval_has (&summary.lo, &summary.hi, atom->set[i].num);
          break;
        case LW_OP_EQ:
        case LW_OP_IN:
        case LW_OP_HAS_PROPERTY:
        case LW_OP_NOT_HAS_PROPERTY:
        case LW_OP_CONTAINS_TOKEN:
        case LW_OP_NOT_CONTAINS_TOKEN:
        case LW_N_OPERATORS:
        default:
          break;
        }
    }

  clear_summary (&summary);
  return implied;
}

static gboolean
atoms_are_implied (const Space *space,
                   GPtrArray   *implied,
                   GPtrArray   *by)
{
  for (guint i = 0; i < implied->len; i++)
    if (!atom_is_implied (space, g_ptr_array_index (implied, i), by))
      return FALSE;
  return TRUE;
}

/* ---- groups ---------------------------------------------------------------- */

static void
free_group (Group *group)
{
  g_free (group->cube);
  g_ptr_array_unref (group->atoms);
  g_free (group->constrained);
  g_free (group);
}

static Group *
new_group (Space               *space,
           const LwFilterGroup *filters,
           guint                owner)
{
  Group *group = g_new0 (Group, 1);
  g_autofree guint64 *segment = g_new (guint64, MAX (space->n_words, 1));

  group->owner = owner;
  group->atoms = g_ptr_array_new ();
  group->cube = copy_cube (space, space->full);

  for (guint i = 0; filters != NULL && i < filters->filters->len; i++)
    {
      const LwFilter *filter = g_ptr_array_index (filters->filters, i);
      int d = filter->prop_index >= 0 ? space->dim_of[filter->prop_index] : -1;

      if (d >= 0)
        {
          const Dimension *dim = &space->dims[d];

          memset (segment, 0, dim->n_words * sizeof (guint64));
          if (fill_filter_set (space, d, filter, segment))
            {
              for (guint w = 0; w < dim->n_words; w++)
                group->cube[dim->offset + w] &= segment[w];
              continue;
            }
        }
      g_ptr_array_add (group->atoms, (gpointer) filter);
    }

  if (cube_is_empty (space, group->cube) || atoms_contradict (space, group->atoms))
    {
      g_clear_pointer (&group->cube, g_free);
      return group;
    }

  group->constrained = g_new (guint, MAX (space->n_dims, 1));
  for (guint d = 0; d < space->n_dims; d++)
    if (!segment_is_full (space, d, group->cube))
      group->constrained[group->n_constrained++] = d;

  return group;
}

/* The groups of @condition; one unconstrained group for "every lead". */
static GPtrArray *
dup_condition_groups (Space             *space,
                      const LwCondition *condition,
                      guint              owner)
{
  GPtrArray *groups = g_ptr_array_new_with_free_func ((GDestroyNotify) free_group);

  if (condition == NULL || condition->groups == NULL || condition->groups->len == 0)
    {
      g_ptr_array_add (groups, new_group (space, NULL, owner));
      return groups;
    }

  for (guint i = 0; i < condition->groups->len; i++)
    g_ptr_array_add (groups, new_group (space, g_ptr_array_index (condition->groups, i), owner));
  return groups;
}

static gboolean
groups_match_nobody (GPtrArray *groups)
{
  for (guint i = 0; i < groups->len; i++)
    if (((Group *) g_ptr_array_index (groups, i))->cube != NULL)
      return FALSE;
  return TRUE;
}

/* ---- cube subtraction ------------------------------------------------------- */

/* Appends the parts of @piece outside @taker's cube to @out, as disjoint
 * cubes; returns whether @taker's cube meets @piece. */
static gboolean
subtract_cube (Space         *space,
               const guint64 *piece,
               const Group   *taker,
               GPtrArray     *out)
{
  guint64 *current;

  for (guint k = 0; k < taker->n_constrained; k++)
    {
      const Dimension *dim = &space->dims[taker->constrained[k]];
      gboolean meets = FALSE;

      for (guint w = 0; w < dim->n_words && !meets; w++)
        meets = (piece[dim->offset + w] & taker->cube[dim->offset + w]) != 0;
      if (!meets)
        {
          g_ptr_array_add (out, copy_cube (space, piece));
          return FALSE;
        }
    }

  current = copy_cube (space, piece);
  for (guint k = 0; k < taker->n_constrained; k++)
    {
      const Dimension *dim = &space->dims[taker->constrained[k]];
      guint64 *inside = current + dim->offset;
      const guint64 *allowed = taker->cube + dim->offset;
      gboolean outside = FALSE;

      for (guint w = 0; w < dim->n_words && !outside; w++)
        outside = (inside[w] & ~allowed[w]) != 0;

      if (outside)
        {
          guint64 *rest;

          if (space->budget == 0)
            {
              space->exhausted = TRUE;
              break;
            }
          space->budget--;

          rest = copy_cube (space, current);
          for (guint w = 0; w < dim->n_words; w++)
            rest[dim->offset + w] = inside[w] & ~allowed[w];
          g_ptr_array_add (out, rest);
        }

      for (guint w = 0; w < dim->n_words; w++)
        inside[w] &= allowed[w];
    }
  g_free (current);

  return TRUE;
}

/* What is left of @start (a cube) after the leads the applicable @takers
 * take, in their order: a list of disjoint cubes. @atoms are the atoms of
 * the group being covered; a taker applies only where its atoms follow from
 * them. Sets @used[owner] for each taker that took some of it. Returns NULL
 * when the decision ran out of budget. */
static GPtrArray *
dup_remainder (Space         *space,
               const guint64 *start,
               GPtrArray     *atoms,
               GPtrArray     *takers,
               gboolean      *used)
{
  g_autoptr(GPtrArray) pieces = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (pieces, copy_cube (space, start));

  for (guint t = 0; t < takers->len && pieces->len > 0; t++)
    {
      const Group *taker = g_ptr_array_index (takers, t);
      g_autoptr(GPtrArray) next = NULL;

      if (taker->cube == NULL)
        continue;
      if (atoms != NULL ? !atoms_are_implied (space, taker->atoms, atoms) : taker->atoms->len > 0)
        continue;

      next = g_ptr_array_new_with_free_func (g_free);
      for (guint p = 0; p < pieces->len; p++)
        if (subtract_cube (space, g_ptr_array_index (pieces, p), taker, next) && used != NULL)
          used[taker->owner] = TRUE;

      if (space->exhausted)
        return NULL;
      g_ptr_array_unref (pieces);
      pieces = g_steal_pointer (&next);
    }

  return g_steal_pointer (&pieces);
}

/* Whether the leads of @groups are all taken by @takers; REACH_NOBODY when
 * no lead matches @groups at all. */
static Reach
decide_reach (Space     *space,
              GPtrArray *groups,
              GPtrArray *takers,
              gboolean  *used)
{
  if (groups_match_nobody (groups))
    return REACH_NOBODY;

  for (guint i = 0; i < groups->len; i++)
    {
      const Group *group = g_ptr_array_index (groups, i);
      g_autoptr(GPtrArray) rest = NULL;

      if (group->cube == NULL)
        continue;

      start_decision (space);
      rest = dup_remainder (space, group->cube, group->atoms, takers, used);
      if (rest == NULL || rest->len > 0)
        return REACH_SOME;
    }

  return REACH_SHADOWED;
}

/* Moves the groups of @groups that match somebody to @takers. */
static void
add_takers (GPtrArray *takers,
            GPtrArray *groups)
{
  while (groups->len > 0)
    {
      Group *group = g_ptr_array_steal_index (groups, 0);

      if (group->cube != NULL)
        g_ptr_array_add (takers, group);
      else
        free_group (group);
    }
}

static gboolean
rule_takes_all (const LwRoutingRule *rule)
{
  return rule->kind == LW_ASSIGN_OWNER || rule->kind == LW_ASSIGN_POOL;
}

/* ---- messages --------------------------------------------------------------- */

/* "\"a\", \"b\"" for the ids of the elements of @items marked in @used. */
static char *
dup_id_list (GPtrArray      *items,
             gsize           id_offset,
             const gboolean *used,
             guint           limit,
             guint          *n_listed)
{
  GString *list = g_string_new (NULL);

  *n_listed = 0;
  for (guint i = 0; i < limit; i++)
    {
      const char *id;

      if (!used[i])
        continue;
      id = G_STRUCT_MEMBER (const char *, g_ptr_array_index (items, i), id_offset);
      if (list->len > 0)
        g_string_append (list, ", ");
      g_string_append_printf (list, "\"%s\"", id);
      (*n_listed)++;
    }
  return g_string_free (list, FALSE);
}

/* "A, B or C", shortened to "A, B, C, D, E or 12 other values". */
static char *
dup_label_list (GPtrArray *labels)
{
  GString *out = g_string_new (NULL);
  guint shown = labels->len > MAX_LISTED ? MAX_LISTED - 1 : labels->len;

  for (guint i = 0; i < shown; i++)
    {
      if (i > 0)
        g_string_append (out, i + 1 == labels->len ? _(" or ") : ", ");
      g_string_append (out, g_ptr_array_index (labels, i));
    }
  if (shown < labels->len)
    {
      guint more = labels->len - shown;

      /* translators: ends a shortened list of values: "A, B, C or 12 other values" */
      g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE,
                                                " or %u other value", " or %u other values",
                                                more), more);
    }
  return g_string_free (out, FALSE);
}

static const char *
get_element_label (const Dimension *dim,
                   guint            element)
{
  if (dim->property->type == LW_PROPERTY_BOOLEAN)
    return element == 1 ? "true" : "false";
  return ((const LwOption *) g_ptr_array_index (dim->property->options, element))->label;
}

/* "Region is LATAM or APAC (or has no value)" */
static void
describe_dimension (GString       *out,
                    const Space   *space,
                    guint          d,
                    const guint64 *cube)
{
  const Dimension *dim = &space->dims[d];
  const guint64 *segment = cube + dim->offset;
  const char *name = dim->property->label != NULL ? dim->property->label : dim->property->id;
  g_autoptr(GPtrArray) in = g_ptr_array_new ();
  g_autoptr(GPtrArray) out_values = g_ptr_array_new ();
  gboolean missing = segment_has (segment, dim->n_values);
  g_autofree char *list = NULL;

  for (guint e = 0; e < dim->n_values; e++)
    g_ptr_array_add (segment_has (segment, e) ? in : out_values,
                     (gpointer) get_element_label (dim, e));

  if (in->len == 0)
    {
      /* translators: %s is a property: "Region has no value" */
      g_string_append_printf (out, _("%s has no value"), name);
    }
  else if (out_values->len == 0)
    {
      /* translators: %s is a property: "Region has a value" */
      g_string_append_printf (out, _("%s has a value"), name);
    }
  else if (in->len <= out_values->len)
    {
      list = dup_label_list (in);
      if (missing)
        /* translators: a property and values: "Region is LATAM or APAC (or has no value)" */
        g_string_append_printf (out, _("%s is %s (or has no value)"), name, list);
      else
        /* translators: a property and values: "Region is LATAM or APAC" */
        g_string_append_printf (out, _("%s is %s"), name, list);
    }
  else
    {
      list = dup_label_list (out_values);
      if (missing)
        /* translators: a property and values: "Region is not EMEA or NA (or has no value)" */
        g_string_append_printf (out, _("%s is not %s (or has no value)"), name, list);
      else
        /* translators: a property and values: "Region has a value other than EMEA or NA" */
        g_string_append_printf (out, _("%s has a value other than %s"), name, list);
    }
}

static char *
dup_segment_description (const Space   *space,
                         const guint64 *cube)
{
  GString *out = g_string_new (NULL);

  for (guint d = 0; d < space->n_dims; d++)
    {
      if (segment_is_full (space, d, cube))
        continue;
      if (out->len > 0)
        g_string_append (out, _(" and "));
      describe_dimension (out, space, d, cube);
    }
  return g_string_free (out, FALSE);
}

/* Merges disjoint cubes that differ in at most one property. */
static void
merge_pieces (const Space *space,
              GPtrArray   *pieces)
{
  gboolean merged = TRUE;

  if (pieces->len > MAX_MERGE)
    return;

  while (merged)
    {
      merged = FALSE;
      for (guint i = 0; i < pieces->len && !merged; i++)
        for (guint j = i + 1; j < pieces->len && !merged; j++)
          {
            guint64 *a = g_ptr_array_index (pieces, i);
            const guint64 *b = g_ptr_array_index (pieces, j);
            guint differ = 0;

            for (guint d = 0; d < space->n_dims && differ < 2; d++)
              {
                const Dimension *dim = &space->dims[d];

                if (memcmp (a + dim->offset, b + dim->offset,
                            dim->n_words * sizeof (guint64)) != 0)
                  differ++;
              }
            if (differ >= 2)
              continue;

            for (guint w = 0; w < space->n_words; w++)
              a[w] |= b[w];
            g_ptr_array_remove_index (pieces, j);
            merged = TRUE;
          }
    }
}

/* ---- the checks ------------------------------------------------------------- */

static void
lint_routing (Space     *space,
              GPtrArray *diagnostics)
{
  const LwConfig *config = space->config;
  guint n_rules = config->rules->len;
  g_autoptr(GPtrArray) takers = g_ptr_array_new_with_free_func ((GDestroyNotify) free_group);
  g_autofree gboolean *used = g_new0 (gboolean, MAX (n_rules, 1));
  g_autoptr(GPtrArray) full_takers = NULL;
  g_autoptr(GPtrArray) rest = NULL;
  gboolean took_some = FALSE;

  for (guint k = 0; k < n_rules; k++)
    {
      const LwRoutingRule *rule = g_ptr_array_index (config->rules, k);
      g_autoptr(GPtrArray) groups = dup_condition_groups (space, rule->when, k);
      g_autofree char *path = g_strdup_printf ("$.routing.rules[%u]", k);
      Reach reach;

      memset (used, 0, n_rules * sizeof (gboolean));
      reach = decide_reach (space, groups, takers, used);

      if (reach == REACH_NOBODY)
        {
          lw_diagnostics_add (diagnostics, LW_SEVERITY_WARNING, path,
                              /* translators: %s is a routing rule id */
                              _("rule \"%s\" can never assign: no lead matches its condition"),
                              rule->id);
        }
      else if (reach == REACH_SHADOWED)
        {
          guint n_listed;
          g_autofree char *list = dup_id_list (config->rules, G_STRUCT_OFFSET (LwRoutingRule, id),
                                               used, k, &n_listed);

          lw_diagnostics_add (diagnostics, LW_SEVERITY_WARNING, path,
                              /* translators: the first %s is a rule id, the second a list
                               * of rule ids: "a", "b" */
                              g_dngettext (GETTEXT_PACKAGE,
                                           "rule \"%s\" can never assign: rule %s takes every "
                                           "lead it matches",
                                           "rule \"%s\" can never assign: rules %s take every "
                                           "lead it matches",
                                           n_listed),
                              rule->id, list);
        }

      if (rule_takes_all (rule))
        add_takers (takers, groups);
    }

  /* Segments that only the fallback owner gets: what the taking groups
   * without atoms leave of the whole space. */
  full_takers = g_ptr_array_new ();
  for (guint t = 0; t < takers->len; t++)
    {
      Group *taker = g_ptr_array_index (takers, t);

      if (taker->atoms->len == 0)
        g_ptr_array_add (full_takers, taker);
    }

  memset (used, 0, MAX (n_rules, 1) * sizeof (gboolean));
  start_decision (space);
  rest = dup_remainder (space, space->full, NULL, full_takers, used);
  for (guint k = 0; k < n_rules; k++)
    took_some |= used[k];

  /* When no such rule takes anything, the fallback is the plan, not a gap. */
  if (rest != NULL && rest->len > 0 && took_some)
    {
      g_autoptr(GString) examples = g_string_new (NULL);
      guint n_examples;

      merge_pieces (space, rest);
      n_examples = MIN (rest->len, MAX_EXAMPLES);
      for (guint i = 0; i < n_examples; i++)
        {
          g_autofree char *text = dup_segment_description (space, g_ptr_array_index (rest, i));

          if (i > 0)
            g_string_append (examples, "; ");
          g_string_append (examples, text);
        }
      if (rest->len > n_examples)
        g_string_append_printf (examples,
                                /* translators: after a list of segments */
                                g_dngettext (GETTEXT_PACKAGE,
                                             "; and %u more", "; and %u more",
                                             rest->len - n_examples),
                                rest->len - n_examples);

      lw_diagnostics_add (diagnostics, LW_SEVERITY_WARNING, "$.routing.fallback",
                          /* translators: %u is a count, %s a list of segments such as
                           * "Region is LATAM and Segment is SMB; Region has no value" */
                          g_dngettext (GETTEXT_PACKAGE,
                                       "%u segment reaches only the fallback owner, as no rule "
                                       "that always assigns covers it: %s",
                                       "%u segments reach only the fallback owner, as no rule "
                                       "that always assigns covers them: %s",
                                       rest->len),
                          rest->len, examples->str);
    }
}

static void
lint_scoring (const LwConfig *config,
              GPtrArray      *diagnostics)
{
  const LwScoring *scoring = &config->scoring;
  double fit = 0, engagement = 0;
  gboolean fit_unbounded = FALSE, engagement_unbounded = FALSE;
  gboolean fit_known, engagement_known;

  lw_score_max_possible (config, &fit, &engagement, &fit_unbounded, &engagement_unbounded);
  fit_known = !fit_unbounded || scoring->fit.has_cap;
  engagement_known = !engagement_unbounded || scoring->engagement.has_cap;

  if (scoring->mql_kind == LW_MQL_TOTAL)
    {
      if (fit_known && engagement_known && fit + engagement < scoring->mql_total)
        lw_diagnostics_add (diagnostics, LW_SEVERITY_WARNING, "$.scoring.mql",
                            /* translators: scores; "fit + engagement ≥ 40 ... is 35 (fit 20,
                             * engagement 15)" */
                            _("no lead can reach the MQL threshold fit + engagement ≥ %d: the "
                              "highest possible total after caps is %g (fit %g, engagement %g)"),
                            scoring->mql_total, fit + engagement, fit, engagement);
      return;
    }

  if (fit_known && fit < scoring->mql_fit)
    lw_diagnostics_add (diagnostics, LW_SEVERITY_WARNING, "$.scoring.mql",
                        /* translators: scores */
                        _("no lead can reach the MQL threshold fit ≥ %d: the highest possible "
                          "fit score after caps is %g"),
                        scoring->mql_fit, fit);
  if (engagement_known && engagement < scoring->mql_engagement)
    lw_diagnostics_add (diagnostics, LW_SEVERITY_WARNING, "$.scoring.mql",
                        /* translators: scores */
                        _("no lead can reach the MQL threshold engagement ≥ %d: the highest "
                          "possible engagement score after caps is %g"),
                        scoring->mql_engagement, engagement);
}

static gboolean
condition_matches_nobody (Space             *space,
                          const LwCondition *condition)
{
  g_autoptr(GPtrArray) groups = dup_condition_groups (space, condition, 0);

  return groups_match_nobody (groups);
}

static void
lint_stages (Space     *space,
             GPtrArray *diagnostics)
{
  const LwConfig *config = space->config;

  for (guint i = 1; i < config->stages->len; i++)
    {
      const LwStage *stage = g_ptr_array_index (config->stages, i);
      g_autofree char *path = g_strdup_printf ("$.lifecycle.stages[%u]", i);
      gboolean reached = FALSE;

      if (stage->entry != NULL)
        {
          if (condition_matches_nobody (space, stage->entry))
            lw_diagnostics_add (diagnostics, LW_SEVERITY_WARNING, path,
                                /* translators: %s is a stage id */
                                _("stage \"%s\" can never be entered: no lead matches its entry "
                                  "criteria"),
                                stage->id);
          continue;
        }

      if (g_strcmp0 (config->scoring.mql_stage, stage->id) == 0)
        continue;
      for (guint p = 0; p < config->paths->len && !reached; p++)
        reached = g_strcmp0 (((const LwPath *) g_ptr_array_index (config->paths, p))->to_stage,
                             stage->id) == 0;
      if (!reached)
        lw_diagnostics_add (diagnostics, LW_SEVERITY_WARNING, path,
                            /* translators: %s is a stage id */
                            _("stage \"%s\" can never be entered: it has no entry criteria, it "
                              "is not the MQL stage and no recycle or disqualify path leads "
                              "to it"),
                            stage->id);
    }
}

static void
lint_slas (Space     *space,
           GPtrArray *diagnostics)
{
  const LwConfig *config = space->config;
  guint n_policies = config->policies->len;
  g_autoptr(GPtrArray) takers = g_ptr_array_new_with_free_func ((GDestroyNotify) free_group);
  g_autofree gboolean *used = g_new0 (gboolean, MAX (n_policies, 1));

  for (guint k = 0; k < n_policies; k++)
    {
      const LwSlaPolicy *policy = g_ptr_array_index (config->policies, k);
      g_autoptr(GPtrArray) groups = dup_condition_groups (space, policy->when, k);
      g_autofree char *path = g_strdup_printf ("$.slas[%u]", k);
      Reach reach;

      memset (used, 0, n_policies * sizeof (gboolean));
      reach = decide_reach (space, groups, takers, used);

      if (reach == REACH_NOBODY)
        {
          lw_diagnostics_add (diagnostics, LW_SEVERITY_WARNING, path,
                              /* translators: %s is an SLA policy id */
                              _("SLA policy \"%s\" never applies: no lead matches its condition"),
                              policy->id);
        }
      else if (reach == REACH_SHADOWED)
        {
          guint n_listed;
          g_autofree char *list = dup_id_list (config->policies,
                                               G_STRUCT_OFFSET (LwSlaPolicy, id),
                                               used, k, &n_listed);

          lw_diagnostics_add (diagnostics, LW_SEVERITY_WARNING, path,
                              /* translators: the first %s is a policy id, the second a list
                               * of policy ids: "a", "b" */
                              g_dngettext (GETTEXT_PACKAGE,
                                           "SLA policy \"%s\" never applies: policy %s comes "
                                           "first for every lead it matches",
                                           "SLA policy \"%s\" never applies: policies %s come "
                                           "first for every lead it matches",
                                           n_listed),
                              policy->id, list);
        }

      add_takers (takers, groups);
    }
}

static void
lint_team (const LwConfig *config,
           GPtrArray      *diagnostics)
{
  for (guint i = 0; i < config->pools->len; i++)
    {
      const LwPool *pool = g_ptr_array_index (config->pools, i);
      gboolean active = FALSE;

      for (guint m = 0; m < pool->members->len && !active; m++)
        {
          const LwRep *rep = lw_config_find_rep (config, g_ptr_array_index (pool->members, m));

          active = rep != NULL && rep->active;
        }

      if (!active)
        {
          g_autofree char *path = g_strdup_printf ("$.team.pools[%u]", i);

          lw_diagnostics_add (diagnostics, LW_SEVERITY_WARNING, path,
                              /* translators: %s is a pool id */
                              _("pool \"%s\" has no active member: it can never pick anyone"),
                              pool->id);
        }
    }

  for (guint i = 0; i < config->reps->len; i++)
    {
      const LwRep *rep = g_ptr_array_index (config->reps, i);

      if (rep->active && lw_week_hours_is_empty (&rep->hours))
        {
          g_autofree char *path = g_strdup_printf ("$.team.reps[%u].workingHours", i);

          lw_diagnostics_add (diagnostics, LW_SEVERITY_WARNING, path,
                              /* translators: %s is a rep id */
                              _("rep \"%s\" is active but has no working hours: pools that "
                                "follow working hours never pick them and business-hours SLA "
                                "deadlines never come"),
                              rep->id);
        }
    }
}

/* ---- public API ------------------------------------------------------------- */

void
lw_lint_config (const LwConfig *config,
                GPtrArray      *diagnostics)
{
  Space space;

  g_return_if_fail (config != NULL);
  g_return_if_fail (config->bound);
  g_return_if_fail (diagnostics != NULL);

  init_space (&space, config);
  lint_routing (&space, diagnostics);
  lint_scoring (config, diagnostics);
  lint_stages (&space, diagnostics);
  lint_slas (&space, diagnostics);
  lint_team (config, diagnostics);
  clear_space (&space);
}

gboolean
lw_lint_rule_is_shadowed (const LwConfig *config,
                          guint           index)
{
  g_autoptr(GPtrArray) takers = NULL;
  g_autoptr(GPtrArray) groups = NULL;
  g_autofree gboolean *used = NULL;
  Space space;
  Reach reach;

  g_return_val_if_fail (config != NULL, FALSE);
  g_return_val_if_fail (config->bound, FALSE);
  g_return_val_if_fail (index < config->rules->len, FALSE);

  init_space (&space, config);
  takers = g_ptr_array_new_with_free_func ((GDestroyNotify) free_group);
  for (guint k = 0; k < index; k++)
    {
      const LwRoutingRule *rule = g_ptr_array_index (config->rules, k);
      g_autoptr(GPtrArray) earlier = NULL;

      if (!rule_takes_all (rule))
        continue;
      earlier = dup_condition_groups (&space, rule->when, k);
      add_takers (takers, earlier);
    }

  used = g_new0 (gboolean, config->rules->len);
  groups = dup_condition_groups (&space, ((const LwRoutingRule *)
                                          g_ptr_array_index (config->rules, index))->when,
                                 index);
  reach = decide_reach (&space, groups, takers, used);

  g_clear_pointer (&groups, g_ptr_array_unref);
  g_clear_pointer (&takers, g_ptr_array_unref);
  clear_space (&space);

  return reach != REACH_SOME;
}
