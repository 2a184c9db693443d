/* lw-config-json.c: the rule set as versioned JSON
 *
 * Reading goes in three steps: lw_json_positions_scan() checks the text
 * (UTF-8, well-formed JSON, no duplicate key) and maps every JSON path to its
 * line and column; json-glib builds the tree; then every member of the tree
 * is checked against docs/config-format.md while the LwConfig is built. Only
 * when that found nothing wrong does lw_config_bind() check references and
 * values, so that each problem is reported once. Every diagnostic is then
 * located in the text.
 *
 * Writing builds the document with JsonBuilder in the key order of
 * docs/config-format.md and prints it in the style the documentation and
 * the samples use ("key": value, two-space indentation, a final newline):
 * JsonGenerator 1.6 prints "key" : value and empty objects as {  }.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "lw-config-json.h"
#include "lw-json-pos.h"

/* ---- names of the enumerations, in enum order -------------------------- */

static const char * const role_names[] = {
  "marketing", "sdr", "ae", "cs", "revops", "manager", NULL
};
G_STATIC_ASSERT (G_N_ELEMENTS (role_names) == LW_N_ROLES + 1);

static const char * const property_type_names[] = {
  "string", "enum", "number", "boolean", "datetime", "email", NULL
};
G_STATIC_ASSERT (G_N_ELEMENTS (property_type_names) == LW_N_PROPERTY_TYPES + 1);

static const char * const operator_names[] = {
  "EQ", "NEQ", "LT", "LTE", "GT", "GTE", "BETWEEN", "IN", "NOT_IN",
  "HAS_PROPERTY", "NOT_HAS_PROPERTY", "CONTAINS_TOKEN", "NOT_CONTAINS_TOKEN", NULL
};
G_STATIC_ASSERT (G_N_ELEMENTS (operator_names) == LW_N_OPERATORS + 1);

static const char * const path_kind_names[] = { "recycle", "disqualify", NULL };
static const char * const assign_kind_names[] = {
  "owner", "pool", "accountOwner", "territory", NULL
};
static const char * const clock_names[] = { "calendar", "business", NULL };
static const char * const action_names[] = { "notifyManager", "reassign", NULL };
static const char * const weekday_names[] = {
  "mon", "tue", "wed", "thu", "fri", "sat", "sun", NULL
};

/* The members each object may have, in the order they are written. */
static const char * const document_members[] = {
  "format", "version", "name", "description", "properties", "activities", "lifecycle",
  "scoring", "routing", "slas", "team", "accounts", NULL
};
static const char * const property_members[] = {
  "id", "label", "type", "description", "options", "domainOf", NULL
};
static const char * const option_members[] = { "value", "label", NULL };
static const char * const activity_members[] = { "id", "label", "description", NULL };
static const char * const lifecycle_members[] = { "stages", "statuses", "paths", NULL };
static const char * const stage_members[] = {
  "id", "label", "hubspotValue", "definition", "owner", "when", "nextStep", NULL
};
static const char * const status_members[] = {
  "id", "label", "hubspotValue", "definition", "terminal", NULL
};
static const char * const path_members[] = {
  "id", "label", "kind", "fromStatus", "afterDays", "toStage", "owner", NULL
};
static const char * const scoring_members[] = {
  "fit", "engagement", "decay", "mql", "mqlStage", "grades", NULL
};
static const char * const model_members[] = { "criteria", "cap", NULL };
static const char * const criterion_members[] = {
  "id", "label", "when", "activity", "points", "maxTimes", NULL
};
static const char * const decay_members[] = { "halfLifeDays", "windowDays", NULL };
static const char * const mql_members[] = { "total", "fit", "engagement", NULL };
static const char * const grades_members[] = { "fit", "engagement", NULL };
static const char * const band_members[] = { "grade", "min", NULL };
static const char * const routing_members[] = { "rules", "fallback", NULL };
static const char * const rule_members[] = { "id", "label", "when", "assign", NULL };
static const char * const target_members[] = { "owner", "pool", NULL };
static const char * const territory_members[] = { "values", "owner", "pool", NULL };
static const char * const policy_members[] = {
  "id", "label", "when", "deadlineMinutes", "clock", "warnBeforeMinutes", "escalations",
  "pauseStatuses", "breachTag", NULL
};
static const char * const escalation_members[] = { "afterMinutes", "action", "to", NULL };
static const char * const team_section_members[] = { "reps", "teams", "pools", NULL };
static const char * const rep_members[] = {
  "id", "name", "email", "role", "team", "timeZone", "workingHours", "capacity", "weight",
  "active", "outOfOffice", NULL
};
static const char * const ooo_members[] = { "from", "to", NULL };
static const char * const team_members[] = { "id", "label", "manager", "region", NULL };
static const char * const pool_members[] = {
  "id", "label", "members", "weighted", "respectCapacity", "workingHours", "outOfOffice", NULL
};
static const char * const account_members[] = { "domain", "name", "owner", NULL };
static const char * const condition_members[] = { "filterGroups", NULL };
static const char * const group_members[] = { "filters", NULL };
static const char * const filter_members[] = {
  "propertyName", "operator", "value", "highValue", "values", NULL
};

/* ---- the reader ---------------------------------------------------------- */

typedef struct
{
  LwJsonPositions *positions;    /* NULL: diagnostics are located later */
  const char      *filename;
  GPtrArray       *diagnostics;  /* LwDiagnostic, owning */
  guint            n_errors;
  LwConfigError    code;         /* of the first error */
  gboolean         has_code;
  /* Leaves to lw_config_bind() the checks it makes too (what an operator
   * takes, empty option lists and territory maps, an owner or a pool,
   * domainOf's type), so that whatever the editors build reads back. */
  gboolean         lenient;
} Reader;

typedef enum
{
  EXPECT_STRING,
  EXPECT_INTEGER,
  EXPECT_NUMBER,
  EXPECT_BOOLEAN,
  EXPECT_OBJECT,
  EXPECT_ARRAY,
  EXPECT_SCALAR,     /* a string, a number or a boolean, read as text */
} Expect;

static void report (Reader        *r,
                    LwConfigError  code,
                    gboolean       at_key,
                    const char    *path,
                    const char    *format,
                    ...) G_GNUC_PRINTF (5, 6);

/* Adds an error at @path; located at the member's key when @at_key (for a
 * member that should not be there), else where its value (or, when it is
 * missing, its parent) begins. */
static void
report (Reader        *r,
        LwConfigError  code,
        gboolean       at_key,
        const char    *path,
        const char    *format,
        ...)
{
  g_autofree char *message = NULL;
  LwDiagnostic *diagnostic;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  diagnostic = lw_diagnostic_new (LW_SEVERITY_ERROR, path, "%s", message);
  if (r->positions != NULL)
    {
      int line = 0, column = 0;
      gboolean found;

      if (at_key)
        found = lw_json_positions_lookup_key (r->positions, path, &line, &column);
      else
        found = lw_json_positions_lookup (r->positions, path, &line, &column);
      if (found)
        {
          diagnostic->line = line;
          diagnostic->column = column;
        }
      diagnostic->file = g_strdup (r->filename);
    }
  g_ptr_array_add (r->diagnostics, diagnostic);

  r->n_errors++;
  if (!r->has_code)
    {
      r->code = code;
      r->has_code = TRUE;
    }
}

static char *
dup_member_path (const char *path,
                 const char *name)
{
  GString *full = g_string_new (path);

  lw_json_path_append_member (full, name);
  return g_string_free (full, FALSE);
}

static char *
dup_element_path (const char *path,
                  guint       index)
{
  return g_strdup_printf ("%s[%u]", path, index);
}

static const char *
describe_node (JsonNode *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      return _("an object");
    case JSON_NODE_ARRAY:
      return _("an array");
    case JSON_NODE_NULL:
      return _("null");
    case JSON_NODE_VALUE:
    default:
      break;
    }

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return _("a string");
    case G_TYPE_BOOLEAN:
      return _("a boolean");
    default:
      return _("a number");
    }
}

static const char *
describe_expect (Expect expect)
{
  switch (expect)
    {
    case EXPECT_STRING:
      return _("a string");
    case EXPECT_INTEGER:
      return _("an integer");
    case EXPECT_NUMBER:
      return _("a number");
    case EXPECT_BOOLEAN:
      return _("a boolean");
    case EXPECT_OBJECT:
      return _("an object");
    case EXPECT_ARRAY:
      return _("an array");
    case EXPECT_SCALAR:
    default:
      return _("a string");
    }
}

static gboolean
is_value_of (JsonNode *node,
             GType     type)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

static gboolean
is_number (JsonNode *node)
{
  return is_value_of (node, G_TYPE_INT64) || is_value_of (node, G_TYPE_DOUBLE);
}

/* Reports and returns FALSE when @node is not of the JSON type @expect. */
static gboolean
check_type (Reader     *r,
            JsonNode   *node,
            const char *path,
            Expect      expect)
{
  gboolean ok;

  switch (expect)
    {
    case EXPECT_STRING:
      ok = is_value_of (node, G_TYPE_STRING);
      break;
    case EXPECT_INTEGER:
    case EXPECT_NUMBER:
      ok = is_number (node);
      break;
    case EXPECT_BOOLEAN:
      ok = is_value_of (node, G_TYPE_BOOLEAN);
      break;
    case EXPECT_OBJECT:
      ok = JSON_NODE_HOLDS_OBJECT (node);
      break;
    case EXPECT_ARRAY:
      ok = JSON_NODE_HOLDS_ARRAY (node);
      break;
    case EXPECT_SCALAR:
      ok = is_value_of (node, G_TYPE_STRING) || is_number (node) ||
           is_value_of (node, G_TYPE_BOOLEAN);
      break;
    default:
      g_assert_not_reached ();
    }

  if (!ok)
    {
      /* translators: "expected a string, got a number" */
      report (r, LW_CONFIG_ERROR_INVALID, FALSE, path, _("expected %s, got %s"),
              describe_expect (expect), describe_node (node));
    }
  return ok;
}

static gboolean
is_in (const char        *name,
       const char * const *names)
{
  for (guint i = 0; names[i] != NULL; i++)
    if (strcmp (name, names[i]) == 0)
      return TRUE;
  return FALSE;
}

/* Checks that @node is an object and that it has no member outside
 * @members. Returns the object, or NULL when @node is not one. */
static JsonObject *
open_object (Reader             *r,
             JsonNode           *node,
             const char         *path,
             const char * const *members)
{
  JsonObject *object;
  g_autoptr(GList) names = NULL;

  if (!check_type (r, node, path, EXPECT_OBJECT))
    return NULL;

  object = json_node_get_object (node);
  names = json_object_get_members (object);
  for (GList *l = names; l != NULL; l = l->next)
    {
      const char *name = l->data;

      if (!is_in (name, members))
        {
          g_autofree char *mpath = dup_member_path (path, name);

          /* translators: %s is the name of a JSON member that is not allowed there */
          report (r, LW_CONFIG_ERROR_INVALID, TRUE, mpath, _("unknown field \"%s\""), name);
        }
    }

  return object;
}

/* The member @name of @object; NULL when it is absent, reported when it is
 * @required. */
static JsonNode *
get_member (Reader     *r,
            JsonObject *object,
            const char *path,
            const char *name,
            gboolean    required)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL && required)
    {
      g_autofree char *mpath = dup_member_path (path, name);

      /* translators: %s is the name of a JSON member */
      report (r, LW_CONFIG_ERROR_INVALID, FALSE, mpath, _("missing required field \"%s\""), name);
    }
  return node;
}

/* Reports a member that must not be there (given what else the object
 * holds), at its key. */
static void
report_extra (Reader     *r,
              const char *path,
              const char *name,
              const char *why)
{
  g_autofree char *mpath = dup_member_path (path, name);

  report (r, LW_CONFIG_ERROR_INVALID, TRUE, mpath, "%s", why);
}

/* Reads a string member into @out (which keeps its value when the member is
 * absent). An optional empty text counts as absent unless @keep_empty (an
 * id, which binding then checks). */
static gboolean
read_string_full (Reader     *r,
                  JsonObject *object,
                  const char *path,
                  const char *name,
                  gboolean    required,
                  gboolean    keep_empty,
                  char      **out)
{
  JsonNode *node = get_member (r, object, path, name, required);
  g_autofree char *mpath = NULL;
  const char *text;

  if (node == NULL)
    return !required;

  mpath = dup_member_path (path, name);
  if (!check_type (r, node, mpath, EXPECT_STRING))
    return FALSE;

  text = json_node_get_string (node);
  if (!required && !keep_empty && *text == '\0')
    return TRUE;

  g_free (*out);
  *out = g_strdup (text);
  return TRUE;
}

static gboolean
read_string (Reader     *r,
             JsonObject *object,
             const char *path,
             const char *name,
             gboolean    required,
             char      **out)
{
  return read_string_full (r, object, path, name, required, FALSE, out);
}

/* An optional reference to an id: kept even when empty. */
static gboolean
read_reference (Reader     *r,
                JsonObject *object,
                const char *path,
                const char *name,
                char      **out)
{
  return read_string_full (r, object, path, name, FALSE, TRUE, out);
}

/* Reads a whole number in [@min, @max] from @node. */
static gboolean
read_integer_node (Reader     *r,
                   JsonNode   *node,
                   const char *path,
                   gint64      min,
                   gint64      max,
                   gint64     *out)
{
  char value_text[32], min_text[32], max_text[32];
  gint64 value;

  if (!check_type (r, node, path, EXPECT_INTEGER))
    return FALSE;

  g_snprintf (min_text, sizeof min_text, "%" G_GINT64_FORMAT, min);
  g_snprintf (max_text, sizeof max_text, "%" G_GINT64_FORMAT, max);

  if (is_value_of (node, G_TYPE_DOUBLE))
    {
      double d = json_node_get_double (node);

      if (!isfinite (d))
        {
          report (r, LW_CONFIG_ERROR_INVALID, FALSE, path,
                  _("expected a finite number, got one too large to represent"));
          return FALSE;
        }
      if (d != floor (d))
        {
          /* translators: %g is a number with a fraction: 2.5 */
          report (r, LW_CONFIG_ERROR_INVALID, FALSE, path,
                  _("expected a whole number, got %g"), d);
          return FALSE;
        }
      if (d >= (double) min && d <= (double) max)
        {
          *out = (gint64) d;
          return TRUE;
        }
      g_snprintf (value_text, sizeof value_text, "%g", d);
      value = d < (double) min ? G_MININT64 : G_MAXINT64;
    }
  else
    {
      value = json_node_get_int (node);
      if (value >= min && value <= max)
        {
          *out = value;
          return TRUE;
        }
      g_snprintf (value_text, sizeof value_text, "%" G_GINT64_FORMAT, value);
    }

  if (value < 0 && min == 0)
    /* translators: %s is a negative number */
    report (r, LW_CONFIG_ERROR_INVALID, FALSE, path, _("must not be negative, got %s"),
            value_text);
  else if (value < min)
    /* translators: the least allowed number, then the number given */
    report (r, LW_CONFIG_ERROR_INVALID, FALSE, path, _("must be at least %s, got %s"),
            min_text, value_text);
  else
    /* translators: a number, then the two ends of the range it must be in */
    report (r, LW_CONFIG_ERROR_INVALID, FALSE, path, _("%s is out of range (%s to %s)"),
            value_text, min_text, max_text);
  return FALSE;
}

static gboolean
read_integer (Reader     *r,
              JsonObject *object,
              const char *path,
              const char *name,
              gboolean    required,
              gint64      min,
              gint64      max,
              gint64     *out)
{
  JsonNode *node = get_member (r, object, path, name, required);
  g_autofree char *mpath = NULL;

  if (node == NULL)
    return !required;

  mpath = dup_member_path (path, name);
  return read_integer_node (r, node, mpath, min, max, out);
}

static gboolean
read_int (Reader     *r,
          JsonObject *object,
          const char *path,
          const char *name,
          gboolean    required,
          int        *out)
{
  gint64 value = *out;

  if (!read_integer (r, object, path, name, required, G_MININT, G_MAXINT, &value))
    return FALSE;
  *out = (int) value;
  return TRUE;
}

static gboolean
read_uint (Reader     *r,
           JsonObject *object,
           const char *path,
           const char *name,
           gboolean    required,
           guint       min,
           guint      *out)
{
  gint64 value = *out;

  if (!read_integer (r, object, path, name, required, min, G_MAXINT, &value))
    return FALSE;
  *out = (guint) value;
  return TRUE;
}

static gboolean
read_boolean (Reader     *r,
              JsonObject *object,
              const char *path,
              const char *name,
              gboolean    required,
              gboolean   *out)
{
  JsonNode *node = get_member (r, object, path, name, required);
  g_autofree char *mpath = NULL;

  if (node == NULL)
    return !required;

  mpath = dup_member_path (path, name);
  if (!check_type (r, node, mpath, EXPECT_BOOLEAN))
    return FALSE;
  *out = json_node_get_boolean (node);
  return TRUE;
}

/* Reads a string that must be one of @names; @out is its index. */
static gboolean
read_word (Reader             *r,
           JsonObject         *object,
           const char         *path,
           const char         *name,
           const char         *what,
           const char * const *names,
           int                *out)
{
  JsonNode *node = get_member (r, object, path, name, TRUE);
  g_autofree char *mpath = NULL;
  const char *text;

  if (node == NULL)
    return FALSE;

  mpath = dup_member_path (path, name);
  if (!check_type (r, node, mpath, EXPECT_STRING))
    return FALSE;

  text = json_node_get_string (node);
  for (int i = 0; names[i] != NULL; i++)
    if (strcmp (text, names[i]) == 0)
      {
        *out = i;
        return TRUE;
      }

  {
    g_autofree char *list = g_strjoinv (", ", (char **) names);

    /* translators: unknown operator "EQUALS" (expected one of EQ, NEQ, ...) */
    report (r, LW_CONFIG_ERROR_INVALID, FALSE, mpath, _("unknown %s \"%s\" (expected one of %s)"),
            what, text, list);
  }
  return FALSE;
}

/* The array member @name; NULL when absent (reported when @required) or not
 * an array. */
static JsonArray *
read_array (Reader     *r,
            JsonObject *object,
            const char *path,
            const char *name,
            gboolean    required,
            gboolean   *ok)
{
  JsonNode *node = get_member (r, object, path, name, required);
  g_autofree char *mpath = NULL;

  if (node == NULL)
    {
      if (required)
        *ok = FALSE;
      return NULL;
    }

  mpath = dup_member_path (path, name);
  if (!check_type (r, node, mpath, EXPECT_ARRAY))
    {
      *ok = FALSE;
      return NULL;
    }
  return json_node_get_array (node);
}

/* Reads the array member @name of @object with @read_list, which gets
 * the array and its path. */
typedef gboolean (*ListReader) (Reader     *r,
                                JsonArray  *array,
                                const char *path,
                                LwConfig   *config);

static void
read_list_member (Reader     *r,
                  JsonObject *object,
                  const char *path,
                  const char *name,
                  gboolean    required,
                  ListReader  read_list,
                  LwConfig   *config,
                  gboolean   *ok)
{
  JsonArray *array = read_array (r, object, path, name, required, ok);
  g_autofree char *apath = NULL;

  if (array == NULL)
    return;
  apath = dup_member_path (path, name);
  *ok &= read_list (r, array, apath, config);
}

/* The shortest decimal text that reads back as @value. */
static char *
dup_double_text (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (buffer, sizeof buffer, "%.15g", value);
  if (g_ascii_strtod (buffer, NULL) != value)
    g_ascii_formatd (buffer, sizeof buffer, "%.17g", value);
  return g_strdup (buffer);
}

/* A condition value: a string, or a number or boolean read as its text. */
static char *
read_scalar (Reader     *r,
             JsonNode   *node,
             const char *path)
{
  if (!check_type (r, node, path, EXPECT_SCALAR))
    return NULL;

  if (is_value_of (node, G_TYPE_STRING))
    return g_strdup (json_node_get_string (node));
  if (is_value_of (node, G_TYPE_BOOLEAN))
    return g_strdup (json_node_get_boolean (node) ? "true" : "false");
  if (is_value_of (node, G_TYPE_INT64))
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  if (!isfinite (json_node_get_double (node)))
    {
      report (r, LW_CONFIG_ERROR_INVALID, FALSE, path,
              _("expected a finite number, got one too large to represent"));
      return NULL;
    }
  return dup_double_text (json_node_get_double (node));
}

/* An array of strings (ids); NULL-terminated, never NULL on success. */
static GStrv
read_string_list (Reader     *r,
                  JsonArray  *array,
                  const char *path,
                  gboolean    scalars)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  gboolean ok = TRUE;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autofree char *epath = dup_element_path (path, i);
      g_autofree char *text = NULL;

      if (scalars)
        text = read_scalar (r, node, epath);
      else if (check_type (r, node, epath, EXPECT_STRING))
        text = g_strdup (json_node_get_string (node));

      if (text == NULL)
        ok = FALSE;
      else
        g_strv_builder_add (builder, text);
    }

  if (!ok)
    return NULL;
  return g_strv_builder_end (builder);
}

static void
replace_string (char **field,
                char  *value)
{
  g_free (*field);
  *field = value;
}

/* ---- conditions ------------------------------------------------------------ */

typedef enum
{
  ARITY_NONE,
  ARITY_ONE,
  ARITY_RANGE,
  ARITY_LIST,
} Arity;

static Arity
get_arity (LwOperator op)
{
  switch (op)
    {
    case LW_OP_BETWEEN:
      return ARITY_RANGE;
    case LW_OP_IN:
    case LW_OP_NOT_IN:
      return ARITY_LIST;
    case LW_OP_HAS_PROPERTY:
    case LW_OP_NOT_HAS_PROPERTY:
      return ARITY_NONE;
    default:
      return ARITY_ONE;
    }
}

static LwFilter *
read_filter (Reader     *r,
             JsonNode   *node,
             const char *path)
{
  JsonObject *object;
  g_autofree char *property = NULL;
  g_autofree char *value = NULL;
  g_autofree char *high_value = NULL;
  g_auto(GStrv) values = NULL;
  JsonNode *value_node, *high_node, *values_node;
  gboolean ok = TRUE;
  int op = -1;
  LwFilter *filter;

  object = open_object (r, node, path, filter_members);
  if (object == NULL)
    return NULL;

  ok &= read_string (r, object, path, "propertyName", TRUE, &property);
  if (!read_word (r, object, path, "operator", _("operator"), operator_names, &op))
    {
      ok = FALSE;
      op = -1;
    }

  value_node = json_object_get_member (object, "value");
  high_node = json_object_get_member (object, "highValue");
  values_node = json_object_get_member (object, "values");

  if (value_node != NULL)
    {
      g_autofree char *vpath = dup_member_path (path, "value");

      value = read_scalar (r, value_node, vpath);
      ok &= value != NULL;
    }
  if (high_node != NULL)
    {
      g_autofree char *vpath = dup_member_path (path, "highValue");

      high_value = read_scalar (r, high_node, vpath);
      ok &= high_value != NULL;
    }
  if (values_node != NULL)
    {
      g_autofree char *vpath = dup_member_path (path, "values");

      if (check_type (r, values_node, vpath, EXPECT_ARRAY))
        values = read_string_list (r, json_node_get_array (values_node), vpath, TRUE);
      ok &= values != NULL;
    }

  /* Which of value, highValue and values the operator takes. */
  if (op >= 0 && !r->lenient)
    {
      Arity arity = get_arity (op);
      const char *name = operator_names[op];

      if (arity == ARITY_NONE && value_node != NULL)
        {
          g_autofree char *why = NULL;

          /* translators: %s is an operator: HAS_PROPERTY */
          why = g_strdup_printf (_("operator %s takes no value"), name);
          report_extra (r, path, "value", why);
          ok = FALSE;
        }
      else if (arity == ARITY_LIST && value_node != NULL)
        {
          g_autofree char *why = NULL;

          /* translators: %s is an operator: IN */
          why = g_strdup_printf (_("operator %s takes values, not a value"), name);
          report_extra (r, path, "value", why);
          ok = FALSE;
        }
      else if ((arity == ARITY_ONE || arity == ARITY_RANGE) && value_node == NULL)
        {
          g_autofree char *vpath = dup_member_path (path, "value");

          /* translators: %s is an operator: EQ */
          report (r, LW_CONFIG_ERROR_INVALID, FALSE, vpath, _("operator %s needs a value"), name);
          ok = FALSE;
        }

      if (arity == ARITY_RANGE && high_node == NULL)
        {
          g_autofree char *vpath = dup_member_path (path, "highValue");

          /* translators: %s is an operator: BETWEEN */
          report (r, LW_CONFIG_ERROR_INVALID, FALSE, vpath,
                  _("operator %s needs a highValue"), name);
          ok = FALSE;
        }
      else if (arity != ARITY_RANGE && high_node != NULL)
        {
          g_autofree char *why = NULL;

          /* translators: %s is an operator: EQ */
          why = g_strdup_printf (_("operator %s takes no highValue"), name);
          report_extra (r, path, "highValue", why);
          ok = FALSE;
        }

      /* "value" for "values" is reported once, above. */
      if (arity == ARITY_LIST && values_node == NULL && value_node == NULL)
        {
          g_autofree char *vpath = dup_member_path (path, "values");

          /* translators: %s is an operator: IN */
          report (r, LW_CONFIG_ERROR_INVALID, FALSE, vpath,
                  _("operator %s needs at least one value"), name);
          ok = FALSE;
        }
      else if (arity == ARITY_LIST && values != NULL && values[0] == NULL)
        {
          g_autofree char *vpath = dup_member_path (path, "values");

          /* translators: %s is an operator: IN */
          report (r, LW_CONFIG_ERROR_INVALID, FALSE, vpath,
                  _("operator %s needs at least one value"), name);
          ok = FALSE;
        }
      else if (arity != ARITY_LIST && values_node != NULL)
        {
          g_autofree char *why = NULL;

          /* translators: %s is an operator: EQ */
          why = g_strdup_printf (_("operator %s takes no values"), name);
          report_extra (r, path, "values", why);
          ok = FALSE;
        }
    }

  if (!ok)
    return NULL;

  filter = lw_filter_new (property, op, value);
  replace_string (&filter->high_value, g_steal_pointer (&high_value));
  g_strfreev (filter->values);
  filter->values = g_steal_pointer (&values);
  return filter;
}

static LwCondition *
read_condition (Reader     *r,
                JsonNode   *node,
                const char *path)
{
  g_autoptr(LwCondition) condition = NULL;
  g_autofree char *groups_path = NULL;
  JsonObject *object;
  JsonArray *groups;
  gboolean ok = TRUE;

  object = open_object (r, node, path, condition_members);
  if (object == NULL)
    return NULL;

  groups = read_array (r, object, path, "filterGroups", TRUE, &ok);
  if (groups == NULL)
    return NULL;

  condition = lw_condition_new ();
  groups_path = dup_member_path (path, "filterGroups");
  for (guint i = 0; i < json_array_get_length (groups); i++)
    {
      g_autofree char *gpath = dup_element_path (groups_path, i);
      g_autofree char *fpath = NULL;
      g_autoptr(LwFilterGroup) group = NULL;
      JsonObject *gobject;
      JsonArray *filters;
      gboolean group_ok = TRUE;

      gobject = open_object (r, json_array_get_element (groups, i), gpath, group_members);
      if (gobject == NULL)
        {
          ok = FALSE;
          continue;
        }
      filters = read_array (r, gobject, gpath, "filters", TRUE, &group_ok);
      if (filters == NULL)
        {
          ok = FALSE;
          continue;
        }

      group = lw_filter_group_new ();
      fpath = dup_member_path (gpath, "filters");
      for (guint j = 0; j < json_array_get_length (filters); j++)
        {
          g_autofree char *epath = dup_element_path (fpath, j);
          LwFilter *filter = read_filter (r, json_array_get_element (filters, j), epath);

          if (filter == NULL)
            ok = FALSE;
          else
            g_ptr_array_add (group->filters, filter);
        }
      g_ptr_array_add (condition->groups, g_steal_pointer (&group));
    }

  if (!ok)
    return NULL;
  return g_steal_pointer (&condition);
}

/* Reads the optional condition member @name into @out (replacing it).
 * Returns FALSE on an error. */
static gboolean
read_condition_member (Reader       *r,
                       JsonObject   *object,
                       const char   *path,
                       const char   *name,
                       LwCondition **out)
{
  JsonNode *node = json_object_get_member (object, name);
  g_autofree char *mpath = NULL;
  LwCondition *condition;

  if (node == NULL)
    return TRUE;

  mpath = dup_member_path (path, name);
  condition = read_condition (r, node, mpath);
  if (condition == NULL)
    return FALSE;
  g_clear_pointer (out, lw_condition_free);
  *out = condition;
  return TRUE;
}

LwCondition *
lw_condition_from_json (JsonNode   *node,
                        const char *path,
                        GPtrArray  *diagnostics)
{
  g_autoptr(GPtrArray) own = NULL;
  Reader r = { 0 };

  g_return_val_if_fail (node != NULL, NULL);

  if (diagnostics == NULL)
    diagnostics = own = lw_diagnostics_new ();
  r.diagnostics = diagnostics;

  return read_condition (&r, node, path != NULL ? path : "$");
}

/* ---- the parts of a rule set ---------------------------------------------- */

static gboolean
read_target_fields (Reader     *r,
                    JsonObject *object,
                    const char *path,
                    LwTarget   *target)
{
  g_autofree char *owner = NULL;
  g_autofree char *pool = NULL;
  gboolean ok = TRUE;

  ok &= read_reference (r, object, path, "owner", &owner);
  ok &= read_reference (r, object, path, "pool", &pool);
  if (!ok)
    return FALSE;

  if (json_object_has_member (object, "owner") && json_object_has_member (object, "pool") &&
      !r->lenient)
    {
      report_extra (r, path, "pool", _("give either \"owner\" or \"pool\", not both"));
      return FALSE;
    }
  if (!json_object_has_member (object, "owner") && !json_object_has_member (object, "pool") &&
      !r->lenient)
    {
      g_autofree char *mpath = dup_member_path (path, "owner");

      report (r, LW_CONFIG_ERROR_INVALID, FALSE, mpath,
              _("missing required field \"owner\" or \"pool\""));
      return FALSE;
    }

  replace_string (&target->owner, g_steal_pointer (&owner));
  replace_string (&target->pool, g_steal_pointer (&pool));
  return TRUE;
}

static gboolean
read_target (Reader     *r,
             JsonNode   *node,
             const char *path,
             LwTarget   *target)
{
  JsonObject *object = open_object (r, node, path, target_members);

  if (object == NULL)
    return FALSE;
  return read_target_fields (r, object, path, target);
}

static gboolean
read_properties (Reader     *r,
                 JsonArray  *array,
                 const char *path,
                 LwConfig   *config)
{
  gboolean ok = TRUE;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *ppath = dup_element_path (path, i);
      g_autofree char *id = NULL, *label = NULL, *description = NULL, *domain_of = NULL;
      g_autoptr(GPtrArray) options = NULL;
      JsonObject *object;
      JsonArray *option_array;
      gboolean item_ok = TRUE;
      int type = -1;
      LwProperty *property;

      object = open_object (r, json_array_get_element (array, i), ppath, property_members);
      if (object == NULL)
        {
          ok = FALSE;
          continue;
        }

      options = g_ptr_array_new_with_free_func ((GDestroyNotify) lw_option_free);
      item_ok &= read_string (r, object, ppath, "id", TRUE, &id);
      item_ok &= read_string (r, object, ppath, "label", TRUE, &label);
      if (!read_word (r, object, ppath, "type", _("property type"), property_type_names, &type))
        {
          item_ok = FALSE;
          type = -1;
        }
      item_ok &= read_string (r, object, ppath, "description", FALSE, &description);
      item_ok &= read_reference (r, object, ppath, "domainOf", &domain_of);

      option_array = read_array (r, object, ppath, "options", type == LW_PROPERTY_ENUM, &item_ok);
      if (type >= 0 && type != LW_PROPERTY_ENUM && option_array != NULL)
        {
          report_extra (r, ppath, "options", _("only enum properties have options"));
          item_ok = FALSE;
        }
      else if (type == LW_PROPERTY_ENUM && option_array != NULL)
        {
          g_autofree char *opath = dup_member_path (ppath, "options");

          if (json_array_get_length (option_array) == 0 && !r->lenient)
            {
              report (r, LW_CONFIG_ERROR_INVALID, FALSE, opath,
                      _("an enum property needs at least one option"));
              item_ok = FALSE;
            }

          for (guint j = 0; j < json_array_get_length (option_array); j++)
            {
              g_autofree char *epath = dup_element_path (opath, j);
              g_autofree char *value = NULL, *olabel = NULL;
              JsonObject *oobject;

              oobject = open_object (r, json_array_get_element (option_array, j), epath,
                                     option_members);
              if (oobject == NULL)
                {
                  item_ok = FALSE;
                  continue;
                }
              if (read_string (r, oobject, epath, "value", TRUE, &value) &
                  read_string (r, oobject, epath, "label", TRUE, &olabel))
                g_ptr_array_add (options, lw_option_new (value, olabel));
              else
                item_ok = FALSE;
            }
        }

      if (domain_of != NULL && type >= 0 && type != LW_PROPERTY_STRING && !r->lenient)
        {
          report_extra (r, ppath, "domainOf",
                        _("only string properties can take the domain of an email"));
          item_ok = FALSE;
        }

      if (!item_ok)
        {
          ok = FALSE;
          continue;
        }

      property = lw_property_new (id, label, type);
      replace_string (&property->description, g_steal_pointer (&description));
      replace_string (&property->domain_of, g_steal_pointer (&domain_of));
      for (guint j = 0; j < options->len; j++)
        g_ptr_array_add (property->options, g_ptr_array_steal_index (options, j--));
      g_ptr_array_add (config->properties, property);
    }

  return ok;
}

static gboolean
read_activities (Reader     *r,
                 JsonArray  *array,
                 const char *path,
                 LwConfig   *config)
{
  gboolean ok = TRUE;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *apath = dup_element_path (path, i);
      g_autofree char *id = NULL, *label = NULL, *description = NULL;
      LwActivityType *activity;
      JsonObject *object;
      gboolean item_ok = TRUE;

      object = open_object (r, json_array_get_element (array, i), apath, activity_members);
      if (object == NULL)
        {
          ok = FALSE;
          continue;
        }
      item_ok &= read_string (r, object, apath, "id", TRUE, &id);
      item_ok &= read_string (r, object, apath, "label", TRUE, &label);
      item_ok &= read_string (r, object, apath, "description", FALSE, &description);
      if (!item_ok)
        {
          ok = FALSE;
          continue;
        }

      activity = lw_activity_type_new (id, label);
      replace_string (&activity->description, g_steal_pointer (&description));
      g_ptr_array_add (config->activities, activity);
    }

  return ok;
}

static gboolean
read_stages (Reader     *r,
             JsonArray  *array,
             const char *path,
             LwConfig   *config)
{
  gboolean ok = TRUE;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *spath = dup_element_path (path, i);
      g_autofree char *id = NULL, *label = NULL, *hubspot = NULL;
      g_autofree char *definition = NULL, *next_step = NULL;
      g_autoptr(LwCondition) entry = NULL;
      JsonObject *object;
      gboolean item_ok = TRUE;
      int owner = -1;
      LwStage *stage;

      object = open_object (r, json_array_get_element (array, i), spath, stage_members);
      if (object == NULL)
        {
          ok = FALSE;
          continue;
        }
      item_ok &= read_string (r, object, spath, "id", TRUE, &id);
      item_ok &= read_string (r, object, spath, "label", TRUE, &label);
      item_ok &= read_string (r, object, spath, "hubspotValue", TRUE, &hubspot);
      item_ok &= read_string (r, object, spath, "definition", TRUE, &definition);
      item_ok &= read_word (r, object, spath, "owner", _("role"), role_names, &owner);
      item_ok &= read_condition_member (r, object, spath, "when", &entry);
      item_ok &= read_string (r, object, spath, "nextStep", TRUE, &next_step);
      if (!item_ok)
        {
          ok = FALSE;
          continue;
        }

      stage = lw_stage_new (id, label);
      replace_string (&stage->hubspot_value, g_steal_pointer (&hubspot));
      replace_string (&stage->definition, g_steal_pointer (&definition));
      replace_string (&stage->next_step, g_steal_pointer (&next_step));
      stage->owner_role = owner;
      g_clear_pointer (&stage->entry, lw_condition_free);
      stage->entry = g_steal_pointer (&entry);
      g_ptr_array_add (config->stages, stage);
    }

  return ok;
}

static gboolean
read_statuses (Reader     *r,
               JsonArray  *array,
               const char *path,
               LwConfig   *config)
{
  gboolean ok = TRUE;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *spath = dup_element_path (path, i);
      g_autofree char *id = NULL, *label = NULL, *hubspot = NULL, *definition = NULL;
      gboolean terminal = FALSE;
      JsonObject *object;
      gboolean item_ok = TRUE;
      LwStatus *status;

      object = open_object (r, json_array_get_element (array, i), spath, status_members);
      if (object == NULL)
        {
          ok = FALSE;
          continue;
        }
      item_ok &= read_string (r, object, spath, "id", TRUE, &id);
      item_ok &= read_string (r, object, spath, "label", TRUE, &label);
      item_ok &= read_string (r, object, spath, "hubspotValue", TRUE, &hubspot);
      item_ok &= read_string (r, object, spath, "definition", FALSE, &definition);
      item_ok &= read_boolean (r, object, spath, "terminal", FALSE, &terminal);
      if (!item_ok)
        {
          ok = FALSE;
          continue;
        }

      status = lw_status_new (id, label);
      replace_string (&status->hubspot_value, g_steal_pointer (&hubspot));
      replace_string (&status->definition, g_steal_pointer (&definition));
      status->terminal = terminal;
      g_ptr_array_add (config->statuses, status);
    }

  return ok;
}

static gboolean
read_paths (Reader     *r,
            JsonArray  *array,
            const char *path,
            LwConfig   *config)
{
  gboolean ok = TRUE;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *ppath = dup_element_path (path, i);
      g_autofree char *id = NULL, *label = NULL, *from_status = NULL, *to_stage = NULL;
      guint after_days = 0;
      int kind = -1, owner = -1;
      JsonObject *object;
      gboolean item_ok = TRUE;
      LwPath *lpath;

      object = open_object (r, json_array_get_element (array, i), ppath, path_members);
      if (object == NULL)
        {
          ok = FALSE;
          continue;
        }
      item_ok &= read_string (r, object, ppath, "id", TRUE, &id);
      item_ok &= read_string (r, object, ppath, "label", TRUE, &label);
      item_ok &= read_word (r, object, ppath, "kind", _("kind"), path_kind_names, &kind);
      item_ok &= read_string (r, object, ppath, "fromStatus", TRUE, &from_status);
      item_ok &= read_uint (r, object, ppath, "afterDays", TRUE, 0, &after_days);
      item_ok &= read_string (r, object, ppath, "toStage", TRUE, &to_stage);
      item_ok &= read_word (r, object, ppath, "owner", _("role"), role_names, &owner);
      if (!item_ok)
        {
          ok = FALSE;
          continue;
        }

      lpath = lw_path_new (id, kind);
      replace_string (&lpath->label, g_steal_pointer (&label));
      replace_string (&lpath->from_status, g_steal_pointer (&from_status));
      replace_string (&lpath->to_stage, g_steal_pointer (&to_stage));
      lpath->after_days = after_days;
      lpath->owner_role = owner;
      g_ptr_array_add (config->paths, lpath);
    }

  return ok;
}

static gboolean
read_lifecycle (Reader     *r,
                JsonNode   *node,
                const char *path,
                LwConfig   *config)
{
  JsonObject *object = open_object (r, node, path, lifecycle_members);
  gboolean ok = TRUE;

  if (object == NULL)
    return FALSE;

  read_list_member (r, object, path, "stages", TRUE, read_stages, config, &ok);
  read_list_member (r, object, path, "statuses", TRUE, read_statuses, config, &ok);
  read_list_member (r, object, path, "paths", FALSE, read_paths, config, &ok);
  return ok;
}

static gboolean
read_criteria (Reader     *r,
               JsonArray  *array,
               const char *path,
               GPtrArray  *criteria)
{
  gboolean ok = TRUE;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *cpath = dup_element_path (path, i);
      g_autofree char *id = NULL, *label = NULL, *activity = NULL;
      g_autoptr(LwCondition) when = NULL;
      int points = 0;
      guint max_times = 0;
      JsonObject *object;
      gboolean item_ok = TRUE;
      LwCriterion *criterion;

      object = open_object (r, json_array_get_element (array, i), cpath, criterion_members);
      if (object == NULL)
        {
          ok = FALSE;
          continue;
        }
      item_ok &= read_string (r, object, cpath, "id", TRUE, &id);
      item_ok &= read_string (r, object, cpath, "label", TRUE, &label);
      item_ok &= read_condition_member (r, object, cpath, "when", &when);
      item_ok &= read_reference (r, object, cpath, "activity", &activity);
      item_ok &= read_int (r, object, cpath, "points", TRUE, &points);
      item_ok &= read_uint (r, object, cpath, "maxTimes", FALSE, 0, &max_times);

      if (json_object_has_member (object, "when") && json_object_has_member (object, "activity"))
        {
          report_extra (r, cpath, "activity",
                        _("a criterion has either \"when\" or \"activity\", not both"));
          item_ok = FALSE;
        }
      else if (!json_object_has_member (object, "when") &&
               !json_object_has_member (object, "activity"))
        {
          g_autofree char *mpath = dup_member_path (cpath, "when");

          report (r, LW_CONFIG_ERROR_INVALID, FALSE, mpath,
                  _("missing required field \"when\" or \"activity\""));
          item_ok = FALSE;
        }
      else if (json_object_has_member (object, "maxTimes") &&
               !json_object_has_member (object, "activity"))
        {
          report_extra (r, cpath, "maxTimes", _("only activity criteria have maxTimes"));
          item_ok = FALSE;
        }

      if (!item_ok)
        {
          ok = FALSE;
          continue;
        }

      criterion = lw_criterion_new (id, label, points);
      g_clear_pointer (&criterion->when, lw_condition_free);
      criterion->when = g_steal_pointer (&when);
      replace_string (&criterion->activity, g_steal_pointer (&activity));
      criterion->max_times = max_times;
      g_ptr_array_add (criteria, criterion);
    }

  return ok;
}

static gboolean
read_model (Reader       *r,
            JsonObject   *scoring,
            const char   *path,
            const char   *name,
            LwScoreModel *model)
{
  g_autofree char *mpath = dup_member_path (path, name);
  JsonNode *node = get_member (r, scoring, path, name, TRUE);
  JsonObject *object;
  JsonArray *array;
  gboolean ok = TRUE;

  if (node == NULL)
    return FALSE;
  object = open_object (r, node, mpath, model_members);
  if (object == NULL)
    return FALSE;

  if ((array = read_array (r, object, mpath, "criteria", TRUE, &ok)) != NULL)
    {
      g_autofree char *apath = dup_member_path (mpath, "criteria");
      ok &= read_criteria (r, array, apath, model->criteria);
    }
  if (json_object_has_member (object, "cap"))
    {
      gint64 cap = 0;

      if (read_integer (r, object, mpath, "cap", FALSE, G_MININT, G_MAXINT, &cap))
        {
          model->has_cap = TRUE;
          model->cap = (int) cap;
        }
      else
        ok = FALSE;
    }
  return ok;
}

static gboolean
read_decay (Reader     *r,
            JsonNode   *node,
            const char *path,
            LwScoring  *scoring)
{
  JsonObject *object = open_object (r, node, path, decay_members);
  gboolean has_half_life, has_window;

  if (object == NULL)
    return FALSE;

  has_half_life = json_object_has_member (object, "halfLifeDays");
  has_window = json_object_has_member (object, "windowDays");
  if (has_half_life && has_window)
    {
      report_extra (r, path, "windowDays",
                    _("decay is either \"halfLifeDays\" or \"windowDays\", not both"));
      return FALSE;
    }

  if (has_half_life)
    {
      g_autofree char *hpath = dup_member_path (path, "halfLifeDays");
      JsonNode *half = json_object_get_member (object, "halfLifeDays");
      double days;

      if (!check_type (r, half, hpath, EXPECT_NUMBER))
        return FALSE;
      days = json_node_get_double (half);
      if (!isfinite (days))
        {
          report (r, LW_CONFIG_ERROR_INVALID, FALSE, hpath,
                  _("expected a finite number, got one too large to represent"));
          return FALSE;
        }
      scoring->decay = LW_DECAY_HALF_LIFE;
      scoring->half_life_days = days;
      return TRUE;
    }

  if (has_window)
    {
      guint days = 0;

      if (!read_uint (r, object, path, "windowDays", TRUE, 0, &days))
        return FALSE;
      scoring->decay = LW_DECAY_WINDOW;
      scoring->window_days = days;
      return TRUE;
    }

  {
    g_autofree char *hpath = dup_member_path (path, "halfLifeDays");

    report (r, LW_CONFIG_ERROR_INVALID, FALSE, hpath,
            _("missing required field \"halfLifeDays\" or \"windowDays\""));
  }
  return FALSE;
}

static gboolean
read_mql (Reader     *r,
          JsonNode   *node,
          const char *path,
          LwScoring  *scoring)
{
  JsonObject *object = open_object (r, node, path, mql_members);
  gboolean ok = TRUE;

  if (object == NULL)
    return FALSE;

  if (json_object_has_member (object, "total"))
    {
      if (json_object_has_member (object, "fit"))
        {
          report_extra (r, path, "fit",
                        _("the threshold is either \"total\" or \"fit\" and \"engagement\""));
          ok = FALSE;
        }
      if (json_object_has_member (object, "engagement"))
        {
          report_extra (r, path, "engagement",
                        _("the threshold is either \"total\" or \"fit\" and \"engagement\""));
          ok = FALSE;
        }
      if (!read_int (r, object, path, "total", TRUE, &scoring->mql_total))
        ok = FALSE;
      scoring->mql_kind = LW_MQL_TOTAL;
      return ok;
    }

  if (!json_object_has_member (object, "fit") && !json_object_has_member (object, "engagement"))
    {
      g_autofree char *tpath = dup_member_path (path, "total");

      report (r, LW_CONFIG_ERROR_INVALID, FALSE, tpath,
              _("missing required field \"total\" (or \"fit\" and \"engagement\")"));
      return FALSE;
    }

  ok &= read_int (r, object, path, "fit", TRUE, &scoring->mql_fit);
  ok &= read_int (r, object, path, "engagement", TRUE, &scoring->mql_engagement);
  scoring->mql_kind = LW_MQL_BOTH;
  return ok;
}

static gboolean
read_bands (Reader     *r,
            JsonObject *grades,
            const char *path,
            const char *name,
            GPtrArray  *bands)
{
  g_autofree char *apath = dup_member_path (path, name);
  JsonArray *array;
  gboolean ok = TRUE;

  array = read_array (r, grades, path, name, TRUE, &ok);
  if (array == NULL)
    return FALSE;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *bpath = dup_element_path (apath, i);
      g_autofree char *grade = NULL;
      JsonObject *object;
      gint64 min = 0;
      gboolean item_ok = TRUE;

      object = open_object (r, json_array_get_element (array, i), bpath, band_members);
      if (object == NULL)
        {
          ok = FALSE;
          continue;
        }
      item_ok &= read_string (r, object, bpath, "grade", TRUE, &grade);
      item_ok &= read_integer (r, object, bpath, "min", FALSE, G_MININT, G_MAXINT, &min);
      if (!item_ok)
        {
          ok = FALSE;
          continue;
        }
      g_ptr_array_add (bands, lw_grade_band_new (grade, json_object_has_member (object, "min"),
                                                 (int) min));
    }

  return ok;
}

static gboolean
read_scoring (Reader     *r,
              JsonNode   *node,
              const char *path,
              LwConfig   *config)
{
  LwScoring *scoring = &config->scoring;
  JsonObject *object = open_object (r, node, path, scoring_members);
  JsonNode *member;
  gboolean ok = TRUE;

  if (object == NULL)
    return FALSE;

  ok &= read_model (r, object, path, "fit", &scoring->fit);
  ok &= read_model (r, object, path, "engagement", &scoring->engagement);

  if ((member = get_member (r, object, path, "decay", FALSE)) != NULL)
    {
      g_autofree char *mpath = dup_member_path (path, "decay");
      ok &= read_decay (r, member, mpath, scoring);
    }
  if ((member = get_member (r, object, path, "mql", TRUE)) != NULL)
    {
      g_autofree char *mpath = dup_member_path (path, "mql");
      ok &= read_mql (r, member, mpath, scoring);
    }
  else
    ok = FALSE;

  ok &= read_string (r, object, path, "mqlStage", FALSE, &scoring->mql_stage);

  if ((member = get_member (r, object, path, "grades", FALSE)) != NULL)
    {
      g_autofree char *gpath = dup_member_path (path, "grades");
      JsonObject *grades = open_object (r, member, gpath, grades_members);

      if (grades != NULL)
        {
          ok &= read_bands (r, grades, gpath, "fit", scoring->fit_grades);
          ok &= read_bands (r, grades, gpath, "engagement", scoring->engagement_grades);
        }
      else
        ok = FALSE;
    }

  return ok;
}

static gboolean
read_assignment (Reader        *r,
                 JsonNode      *node,
                 const char    *path,
                 LwRoutingRule *rule)
{
  static const char * const assign_members[] = {
    "type", "owner", "pool", "property", "map", NULL
  };
  static const char * const by_kind[][3] = {
    [LW_ASSIGN_OWNER] = { "owner", NULL },
    [LW_ASSIGN_POOL] = { "pool", NULL },
    [LW_ASSIGN_ACCOUNT_OWNER] = { NULL },
    [LW_ASSIGN_TERRITORY] = { "property", "map", NULL },
  };
  g_autoptr(GList) names = NULL;
  JsonObject *object;
  gboolean ok = TRUE;
  int kind = -1;

  object = open_object (r, node, path, assign_members);
  if (object == NULL)
    return FALSE;
  if (!read_word (r, object, path, "type", _("assignment type"), assign_kind_names, &kind))
    return FALSE;
  rule->kind = kind;

  /* The members that belong to another type of assignment. */
  names = json_object_get_members (object);
  for (GList *l = names; l != NULL; l = l->next)
    {
      const char *name = l->data;

      if (strcmp (name, "type") != 0 && is_in (name, assign_members) &&
          !is_in (name, by_kind[kind]))
        {
          g_autofree char *why = NULL;

          /* translators: field "owner" does not apply to assignments of type "pool" */
          why = g_strdup_printf (_("field \"%s\" does not apply to assignments of type \"%s\""),
                                 name, assign_kind_names[kind]);
          report_extra (r, path, name, why);
          ok = FALSE;
        }
    }

  switch ((LwAssignKind) kind)
    {
    case LW_ASSIGN_OWNER:
      ok &= read_string (r, object, path, "owner", TRUE, &rule->target.owner);
      break;

    case LW_ASSIGN_POOL:
      ok &= read_string (r, object, path, "pool", TRUE, &rule->target.pool);
      break;

    case LW_ASSIGN_ACCOUNT_OWNER:
      break;

    case LW_ASSIGN_TERRITORY:
      {
        g_autofree char *mpath = dup_member_path (path, "map");
        JsonArray *map;

        ok &= read_string (r, object, path, "property", TRUE, &rule->property);
        map = read_array (r, object, path, "map", TRUE, &ok);
        if (map == NULL)
          break;
        if (json_array_get_length (map) == 0 && !r->lenient)
          {
            report (r, LW_CONFIG_ERROR_INVALID, FALSE, mpath,
                    _("a territory map needs at least one entry"));
            ok = FALSE;
          }
        for (guint i = 0; i < json_array_get_length (map); i++)
          {
            g_autofree char *epath = dup_element_path (mpath, i);
            g_autofree char *vpath = dup_member_path (epath, "values");
            LwTerritory *territory;
            JsonObject *entry;
            JsonArray *values;
            g_auto(GStrv) strv = NULL;
            gboolean entry_ok = TRUE;

            entry = open_object (r, json_array_get_element (map, i), epath, territory_members);
            if (entry == NULL)
              {
                ok = FALSE;
                continue;
              }
            values = read_array (r, entry, epath, "values", TRUE, &entry_ok);
            if (values != NULL)
              {
                strv = read_string_list (r, values, vpath, TRUE);
                if (strv == NULL)
                  entry_ok = FALSE;
                else if (strv[0] == NULL && !r->lenient)
                  {
                    report (r, LW_CONFIG_ERROR_INVALID, FALSE, vpath,
                            _("a territory needs at least one value"));
                    entry_ok = FALSE;
                  }
              }

            territory = lw_territory_new ();
            entry_ok &= read_target_fields (r, entry, epath, &territory->target);
            if (entry_ok)
              {
                g_strfreev (territory->values);
                territory->values = g_steal_pointer (&strv);
                g_ptr_array_add (rule->territories, territory);
              }
            else
              {
                lw_territory_free (territory);
                ok = FALSE;
              }
          }
      }
      break;

    default:
      g_assert_not_reached ();
    }

  return ok;
}

static gboolean
read_routing (Reader     *r,
              JsonNode   *node,
              const char *path,
              LwConfig   *config)
{
  g_autofree char *rules_path = dup_member_path (path, "rules");
  JsonObject *object = open_object (r, node, path, routing_members);
  JsonArray *rules;
  JsonNode *fallback;
  gboolean ok = TRUE;

  if (object == NULL)
    return FALSE;

  rules = read_array (r, object, path, "rules", TRUE, &ok);
  for (guint i = 0; rules != NULL && i < json_array_get_length (rules); i++)
    {
      g_autofree char *rpath = dup_element_path (rules_path, i);
      g_autofree char *id = NULL, *label = NULL;
      g_autoptr(LwCondition) when = NULL;
      LwRoutingRule *rule;
      JsonObject *robject;
      JsonNode *assign;
      gboolean item_ok = TRUE;

      robject = open_object (r, json_array_get_element (rules, i), rpath, rule_members);
      if (robject == NULL)
        {
          ok = FALSE;
          continue;
        }
      item_ok &= read_string (r, robject, rpath, "id", TRUE, &id);
      item_ok &= read_string (r, robject, rpath, "label", TRUE, &label);
      item_ok &= read_condition_member (r, robject, rpath, "when", &when);

      rule = lw_routing_rule_new (id != NULL ? id : "", label != NULL ? label : "",
                                  LW_ASSIGN_ACCOUNT_OWNER);
      if ((assign = get_member (r, robject, rpath, "assign", TRUE)) != NULL)
        {
          g_autofree char *apath = dup_member_path (rpath, "assign");
          item_ok &= read_assignment (r, assign, apath, rule);
        }
      else
        item_ok = FALSE;

      if (!item_ok)
        {
          lw_routing_rule_free (rule);
          ok = FALSE;
          continue;
        }

      if (when != NULL)
        {
          g_clear_pointer (&rule->when, lw_condition_free);
          rule->when = g_steal_pointer (&when);
        }
      else if (rule->when == NULL)
        rule->when = lw_condition_new ();
      g_ptr_array_add (config->rules, rule);
    }

  if ((fallback = get_member (r, object, path, "fallback", TRUE)) != NULL)
    {
      g_autofree char *fpath = dup_member_path (path, "fallback");
      ok &= read_target (r, fallback, fpath, &config->fallback);
    }
  else
    ok = FALSE;

  return ok;
}

static gboolean
read_escalations (Reader      *r,
                  JsonArray   *array,
                  const char  *path,
                  LwSlaPolicy *policy)
{
  gboolean ok = TRUE;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *epath = dup_element_path (path, i);
      LwEscalation escalation = { 0 };
      JsonObject *object;
      JsonNode *to;
      gboolean item_ok = TRUE;
      int action = -1;

      object = open_object (r, json_array_get_element (array, i), epath, escalation_members);
      if (object == NULL)
        {
          ok = FALSE;
          continue;
        }
      item_ok &= read_uint (r, object, epath, "afterMinutes", TRUE, 0, &escalation.after_minutes);
      item_ok &= read_word (r, object, epath, "action", _("action"), action_names, &action);
      escalation.action = action;

      if ((to = json_object_get_member (object, "to")) != NULL)
        {
          g_autofree char *tpath = dup_member_path (epath, "to");

          if (action == LW_ESCALATE_NOTIFY_MANAGER)
            {
              report_extra (r, epath, "to", _("only a reassignment has \"to\""));
              item_ok = FALSE;
            }
          else
            item_ok &= read_target (r, to, tpath, &escalation.target);
        }

      if (!item_ok)
        {
          g_free (escalation.target.owner);
          g_free (escalation.target.pool);
          ok = FALSE;
          continue;
        }
      g_array_append_val (policy->escalations, escalation);
    }

  return ok;
}

static gboolean
read_policies (Reader     *r,
               JsonArray  *array,
               const char *path,
               LwConfig   *config)
{
  gboolean ok = TRUE;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *ppath = dup_element_path (path, i);
      g_autofree char *id = NULL, *label = NULL, *breach_tag = NULL;
      g_autoptr(LwCondition) when = NULL;
      g_auto(GStrv) pause = NULL;
      guint deadline = 0, warn = 0;
      int clock = -1;
      JsonObject *object;
      JsonArray *escalations, *pause_array;
      gboolean item_ok = TRUE;
      LwSlaPolicy *policy;

      object = open_object (r, json_array_get_element (array, i), ppath, policy_members);
      if (object == NULL)
        {
          ok = FALSE;
          continue;
        }
      item_ok &= read_string (r, object, ppath, "id", TRUE, &id);
      item_ok &= read_string (r, object, ppath, "label", TRUE, &label);
      item_ok &= read_condition_member (r, object, ppath, "when", &when);
      item_ok &= read_uint (r, object, ppath, "deadlineMinutes", TRUE, 0, &deadline);
      item_ok &= read_word (r, object, ppath, "clock", _("clock"), clock_names, &clock);
      item_ok &= read_uint (r, object, ppath, "warnBeforeMinutes", FALSE, 0, &warn);

      policy = lw_sla_policy_new (id != NULL ? id : "", label != NULL ? label : "", deadline);
      if ((escalations = read_array (r, object, ppath, "escalations", FALSE, &item_ok)) != NULL)
        {
          g_autofree char *epath = dup_member_path (ppath, "escalations");
          item_ok &= read_escalations (r, escalations, epath, policy);
        }
      if ((pause_array = read_array (r, object, ppath, "pauseStatuses", FALSE, &item_ok)) != NULL)
        {
          g_autofree char *spath = dup_member_path (ppath, "pauseStatuses");

          pause = read_string_list (r, pause_array, spath, FALSE);
          item_ok &= pause != NULL;
        }
      item_ok &= read_string (r, object, ppath, "breachTag", FALSE, &breach_tag);

      if (!item_ok)
        {
          lw_sla_policy_free (policy);
          ok = FALSE;
          continue;
        }

      if (when != NULL)
        {
          g_clear_pointer (&policy->when, lw_condition_free);
          policy->when = g_steal_pointer (&when);
        }
      else if (policy->when == NULL)
        policy->when = lw_condition_new ();
      policy->clock = clock;
      policy->warn_before_minutes = warn;
      for (guint j = 0; pause != NULL && pause[j] != NULL; j++)
        g_ptr_array_add (policy->pause_statuses, g_strdup (pause[j]));
      replace_string (&policy->breach_tag, g_steal_pointer (&breach_tag));
      g_ptr_array_add (config->policies, policy);
    }

  return ok;
}

static gboolean
read_working_hours (Reader      *r,
                    JsonNode    *node,
                    const char  *path,
                    LwWeekHours *hours)
{
  g_autoptr(GList) names = NULL;
  JsonObject *object;
  gboolean ok = TRUE;

  if (!check_type (r, node, path, EXPECT_OBJECT))
    return FALSE;

  object = json_node_get_object (node);
  names = json_object_get_members (object);
  for (GList *l = names; l != NULL; l = l->next)
    {
      const char *name = l->data;
      g_autofree char *dpath = dup_member_path (path, name);
      JsonNode *day_node = json_object_get_member (object, name);
      JsonArray *day;
      int weekday = -1;

      for (int d = 0; weekday_names[d] != NULL; d++)
        if (strcmp (name, weekday_names[d]) == 0)
          weekday = d;
      if (weekday < 0)
        {
          g_autofree char *list = g_strjoinv (", ", (char **) weekday_names);

          /* translators: unknown weekday "monday" (expected one of mon, tue, ...) */
          report (r, LW_CONFIG_ERROR_INVALID, TRUE, dpath,
                  _("unknown weekday \"%s\" (expected one of %s)"), name, list);
          ok = FALSE;
          continue;
        }

      if (!check_type (r, day_node, dpath, EXPECT_ARRAY))
        {
          ok = FALSE;
          continue;
        }

      day = json_node_get_array (day_node);
      if (hours->days[weekday] == NULL)
        hours->days[weekday] = g_array_new (FALSE, FALSE, sizeof (LwInterval));
      for (guint i = 0; i < json_array_get_length (day); i++)
        {
          g_autofree char *ipath = dup_element_path (dpath, i);
          JsonNode *inode = json_array_get_element (day, i);
          LwInterval interval = { 0 };

          if (!check_type (r, inode, ipath, EXPECT_STRING))
            {
              ok = FALSE;
              continue;
            }
          if (!lw_interval_parse (json_node_get_string (inode), &interval))
            {
              /* translators: %s is what was given as working hours */
              report (r, LW_CONFIG_ERROR_INVALID, FALSE, ipath,
                      _("invalid interval \"%s\" (expected HH:MM-HH:MM, such as 09:00-17:30)"),
                      json_node_get_string (inode));
              ok = FALSE;
              continue;
            }
          g_array_append_val (hours->days[weekday], interval);
        }
    }

  return ok;
}

/* "2026-12-24" */
static gboolean
parse_date (const char *text,
            GDate      *date)
{
  guint year, month, day;

  if (strlen (text) != 10 ||
      !g_ascii_isdigit (text[0]) || !g_ascii_isdigit (text[1]) ||
      !g_ascii_isdigit (text[2]) || !g_ascii_isdigit (text[3]) || text[4] != '-' ||
      !g_ascii_isdigit (text[5]) || !g_ascii_isdigit (text[6]) || text[7] != '-' ||
      !g_ascii_isdigit (text[8]) || !g_ascii_isdigit (text[9]))
    return FALSE;

  year = g_ascii_digit_value (text[0]) * 1000 + g_ascii_digit_value (text[1]) * 100 +
         g_ascii_digit_value (text[2]) * 10 + g_ascii_digit_value (text[3]);
  month = g_ascii_digit_value (text[5]) * 10 + g_ascii_digit_value (text[6]);
  day = g_ascii_digit_value (text[8]) * 10 + g_ascii_digit_value (text[9]);
  if (!g_date_valid_dmy (day, month, year))
    return FALSE;

  g_date_clear (date, 1);
  g_date_set_dmy (date, day, month, year);
  return TRUE;
}

static gboolean
read_date (Reader     *r,
           JsonObject *object,
           const char *path,
           const char *name,
           GDate      *date)
{
  g_autofree char *text = NULL;
  g_autofree char *dpath = NULL;

  if (!read_string (r, object, path, name, TRUE, &text))
    return FALSE;
  if (parse_date (text, date))
    return TRUE;

  dpath = dup_member_path (path, name);
  /* translators: %s is what was given as a date */
  report (r, LW_CONFIG_ERROR_INVALID, FALSE, dpath,
          _("invalid date \"%s\" (expected YYYY-MM-DD, such as 2026-12-24)"), text);
  return FALSE;
}

static gboolean
read_out_of_office (Reader     *r,
                    JsonArray  *array,
                    const char *path,
                    LwRep      *rep)
{
  gboolean ok = TRUE;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *opath = dup_element_path (path, i);
      LwDateRange range;
      JsonObject *object;
      gboolean item_ok = TRUE;

      object = open_object (r, json_array_get_element (array, i), opath, ooo_members);
      if (object == NULL)
        {
          ok = FALSE;
          continue;
        }
      item_ok &= read_date (r, object, opath, "from", &range.from);
      item_ok &= read_date (r, object, opath, "to", &range.to);
      if (!item_ok)
        {
          ok = FALSE;
          continue;
        }
      g_array_append_val (rep->out_of_office, range);
    }

  return ok;
}

static gboolean
read_reps (Reader     *r,
           JsonArray  *array,
           const char *path,
           LwConfig   *config)
{
  gboolean ok = TRUE;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *rpath = dup_element_path (path, i);
      g_autofree char *id = NULL, *name = NULL, *email = NULL, *team = NULL, *tz = NULL;
      JsonObject *object;
      JsonNode *hours;
      JsonArray *ooo;
      gboolean item_ok = TRUE;
      int role = -1;
      LwRep *rep;

      object = open_object (r, json_array_get_element (array, i), rpath, rep_members);
      if (object == NULL)
        {
          ok = FALSE;
          continue;
        }
      item_ok &= read_string (r, object, rpath, "id", TRUE, &id);
      item_ok &= read_string (r, object, rpath, "name", TRUE, &name);
      rep = lw_rep_new (id != NULL ? id : "", name != NULL ? name : "");
      if (rep->out_of_office == NULL)
        rep->out_of_office = g_array_new (FALSE, FALSE, sizeof (LwDateRange));

      item_ok &= read_string (r, object, rpath, "email", TRUE, &email);
      item_ok &= read_word (r, object, rpath, "role", _("role"), role_names, &role);
      item_ok &= read_string (r, object, rpath, "team", FALSE, &team);
      item_ok &= read_string (r, object, rpath, "timeZone", TRUE, &tz);
      if ((hours = get_member (r, object, rpath, "workingHours", TRUE)) != NULL)
        {
          g_autofree char *hpath = dup_member_path (rpath, "workingHours");
          item_ok &= read_working_hours (r, hours, hpath, &rep->hours);
        }
      else
        item_ok = FALSE;
      item_ok &= read_uint (r, object, rpath, "capacity", FALSE, 0, &rep->capacity);
      item_ok &= read_uint (r, object, rpath, "weight", FALSE, 0, &rep->weight);
      item_ok &= read_boolean (r, object, rpath, "active", FALSE, &rep->active);
      if ((ooo = read_array (r, object, rpath, "outOfOffice", FALSE, &item_ok)) != NULL)
        {
          g_autofree char *opath = dup_member_path (rpath, "outOfOffice");
          item_ok &= read_out_of_office (r, ooo, opath, rep);
        }

      if (!item_ok)
        {
          lw_rep_free (rep);
          ok = FALSE;
          continue;
        }

      replace_string (&rep->email, g_steal_pointer (&email));
      replace_string (&rep->team, g_steal_pointer (&team));
      replace_string (&rep->time_zone, g_steal_pointer (&tz));
      rep->role = role;
      g_ptr_array_add (config->reps, rep);
    }

  return ok;
}

static gboolean
read_teams (Reader     *r,
            JsonArray  *array,
            const char *path,
            LwConfig   *config)
{
  gboolean ok = TRUE;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *tpath = dup_element_path (path, i);
      g_autofree char *id = NULL, *label = NULL, *manager = NULL, *region = NULL;
      JsonObject *object;
      gboolean item_ok = TRUE;
      LwTeam *team;

      object = open_object (r, json_array_get_element (array, i), tpath, team_members);
      if (object == NULL)
        {
          ok = FALSE;
          continue;
        }
      item_ok &= read_string (r, object, tpath, "id", TRUE, &id);
      item_ok &= read_string (r, object, tpath, "label", TRUE, &label);
      item_ok &= read_string (r, object, tpath, "manager", TRUE, &manager);
      item_ok &= read_string (r, object, tpath, "region", FALSE, &region);
      if (!item_ok)
        {
          ok = FALSE;
          continue;
        }

      team = lw_team_new (id, label);
      replace_string (&team->manager, g_steal_pointer (&manager));
      replace_string (&team->region, g_steal_pointer (&region));
      g_ptr_array_add (config->teams, team);
    }

  return ok;
}

static gboolean
read_pools (Reader     *r,
            JsonArray  *array,
            const char *path,
            LwConfig   *config)
{
  gboolean ok = TRUE;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *ppath = dup_element_path (path, i);
      g_autofree char *id = NULL, *label = NULL;
      g_auto(GStrv) members = NULL;
      /* The defaults of docs/config-format.md for absent flags. */
      gboolean weighted = FALSE, capacity = TRUE, hours = TRUE, ooo = TRUE;
      JsonObject *object;
      JsonArray *member_array;
      gboolean item_ok = TRUE;
      LwPool *pool;

      object = open_object (r, json_array_get_element (array, i), ppath, pool_members);
      if (object == NULL)
        {
          ok = FALSE;
          continue;
        }
      item_ok &= read_string (r, object, ppath, "id", TRUE, &id);
      item_ok &= read_string (r, object, ppath, "label", TRUE, &label);
      if ((member_array = read_array (r, object, ppath, "members", TRUE, &item_ok)) != NULL)
        {
          g_autofree char *mpath = dup_member_path (ppath, "members");

          members = read_string_list (r, member_array, mpath, FALSE);
          item_ok &= members != NULL;
        }
      item_ok &= read_boolean (r, object, ppath, "weighted", FALSE, &weighted);
      item_ok &= read_boolean (r, object, ppath, "respectCapacity", FALSE, &capacity);
      item_ok &= read_boolean (r, object, ppath, "workingHours", FALSE, &hours);
      item_ok &= read_boolean (r, object, ppath, "outOfOffice", FALSE, &ooo);
      if (!item_ok)
        {
          ok = FALSE;
          continue;
        }

      pool = lw_pool_new (id, label);
      for (guint j = 0; members[j] != NULL; j++)
        g_ptr_array_add (pool->members, g_strdup (members[j]));
      pool->weighted = weighted;
      pool->respect_capacity = capacity;
      pool->working_hours = hours;
      pool->out_of_office = ooo;
      g_ptr_array_add (config->pools, pool);
    }

  return ok;
}

static gboolean
read_team_section (Reader     *r,
                   JsonNode   *node,
                   const char *path,
                   LwConfig   *config)
{
  JsonObject *object = open_object (r, node, path, team_section_members);
  gboolean ok = TRUE;

  if (object == NULL)
    return FALSE;

  read_list_member (r, object, path, "reps", TRUE, read_reps, config, &ok);
  read_list_member (r, object, path, "teams", TRUE, read_teams, config, &ok);
  read_list_member (r, object, path, "pools", TRUE, read_pools, config, &ok);
  return ok;
}

static gboolean
read_accounts (Reader     *r,
               JsonArray  *array,
               const char *path,
               LwConfig   *config)
{
  gboolean ok = TRUE;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *apath = dup_element_path (path, i);
      g_autofree char *domain = NULL, *name = NULL, *owner = NULL;
      JsonObject *object;
      gboolean item_ok = TRUE;

      object = open_object (r, json_array_get_element (array, i), apath, account_members);
      if (object == NULL)
        {
          ok = FALSE;
          continue;
        }
      item_ok &= read_string (r, object, apath, "domain", TRUE, &domain);
      item_ok &= read_string (r, object, apath, "name", TRUE, &name);
      item_ok &= read_string (r, object, apath, "owner", TRUE, &owner);
      if (!item_ok)
        {
          ok = FALSE;
          continue;
        }
      g_ptr_array_add (config->accounts, lw_account_new (domain, name, owner));
    }

  return ok;
}

/* Checks "format" and "version". FALSE when the rest must not be read. */
static gboolean
read_header (Reader     *r,
             JsonNode   *root)
{
  JsonObject *object;
  JsonNode *format, *version;
  gint64 number = 0;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      /* translators: %s is the JSON type found: an array */
      report (r, LW_CONFIG_ERROR_FORMAT, FALSE, "$",
              _("not a Leadwright rule set: expected an object, got %s"), describe_node (root));
      return FALSE;
    }
  object = json_node_get_object (root);

  format = json_object_get_member (object, "format");
  if (format == NULL)
    {
      report (r, LW_CONFIG_ERROR_FORMAT, FALSE, "$.format",
              _("not a Leadwright rule set: missing required field \"format\""));
      return FALSE;
    }
  if (!is_value_of (format, G_TYPE_STRING) ||
      strcmp (json_node_get_string (format), LW_CONFIG_FORMAT) != 0)
    {
      if (is_value_of (format, G_TYPE_STRING))
        /* translators: the first %s is the format found, the second "leadwright-config" */
        report (r, LW_CONFIG_ERROR_FORMAT, FALSE, "$.format",
                _("not a Leadwright rule set: the format is \"%s\", expected \"%s\""),
                json_node_get_string (format), LW_CONFIG_FORMAT);
      else
        /* translators: the first %s is a JSON type, the second "leadwright-config" */
        report (r, LW_CONFIG_ERROR_FORMAT, FALSE, "$.format",
                _("not a Leadwright rule set: the format is %s, expected \"%s\""),
                describe_node (format), LW_CONFIG_FORMAT);
      return FALSE;
    }

  version = get_member (r, object, "$", "version", TRUE);
  if (version == NULL)
    return FALSE;
  if (is_number (version))
    {
      double v = json_node_get_double (version);

      if (isfinite (v) && v == floor (v) && v > LW_CONFIG_VERSION)
        {
          /* translators: the version of the file, then the newest this build reads */
          report (r, LW_CONFIG_ERROR_VERSION, FALSE, "$.version",
                  _("written by a newer Leadwright (version %.0f); "
                    "this build reads up to version %d"),
                  v, LW_CONFIG_VERSION);
          return FALSE;
        }
    }
  if (!read_integer_node (r, version, "$.version", 1, LW_CONFIG_VERSION, &number))
    return FALSE;

  return TRUE;
}

static void
read_document (Reader   *r,
               JsonNode *root,
               LwConfig *config)
{
  JsonObject *object;
  JsonNode *member;
  JsonArray *array;
  gboolean ok = TRUE;

  if (!read_header (r, root))
    return;

  object = open_object (r, root, "$", document_members);
  g_assert (object != NULL);

  ok &= read_string (r, object, "$", "name", TRUE, &config->name);
  ok &= read_string (r, object, "$", "description", FALSE, &config->description);

  if ((array = read_array (r, object, "$", "properties", TRUE, &ok)) != NULL)
    read_properties (r, array, "$.properties", config);
  if ((array = read_array (r, object, "$", "activities", FALSE, &ok)) != NULL)
    read_activities (r, array, "$.activities", config);
  if ((member = get_member (r, object, "$", "lifecycle", TRUE)) != NULL)
    read_lifecycle (r, member, "$.lifecycle", config);
  if ((member = get_member (r, object, "$", "scoring", TRUE)) != NULL)
    read_scoring (r, member, "$.scoring", config);
  if ((member = get_member (r, object, "$", "routing", TRUE)) != NULL)
    read_routing (r, member, "$.routing", config);
  if ((array = read_array (r, object, "$", "slas", TRUE, &ok)) != NULL)
    read_policies (r, array, "$.slas", config);
  if ((member = get_member (r, object, "$", "team", TRUE)) != NULL)
    read_team_section (r, member, "$.team", config);
  if ((array = read_array (r, object, "$", "accounts", FALSE, &ok)) != NULL)
    read_accounts (r, array, "$.accounts", config);
}

/* ---- locating ----------------------------------------------------------- */

static void
locate_diagnostic (LwDiagnostic    *diagnostic,
                   LwJsonPositions *positions,
                   const char      *filename)
{
  int line = 0, column = 0;

  if (diagnostic->file == NULL)
    diagnostic->file = g_strdup (filename);
  if (diagnostic->line > 0 || diagnostic->path == NULL)
    return;
  if (lw_json_positions_lookup (positions, diagnostic->path, &line, &column))
    {
      diagnostic->line = line;
      diagnostic->column = column;
    }
}

static int
compare_location (gconstpointer a,
                  gconstpointer b)
{
  const LwDiagnostic *x = *(const LwDiagnostic * const *) a;
  const LwDiagnostic *y = *(const LwDiagnostic * const *) b;
  int xl = x->line > 0 ? x->line : G_MAXINT;
  int yl = y->line > 0 ? y->line : G_MAXINT;

  if (xl != yl)
    return xl < yl ? -1 : 1;
  if (x->column != y->column)
    return x->column < y->column ? -1 : 1;
  return 0;
}

void
lw_config_locate (const char *data,
                  gssize      length,
                  const char *filename,
                  GPtrArray  *diagnostics)
{
  g_autoptr(LwJsonPositions) positions = NULL;

  g_return_if_fail (data != NULL);
  g_return_if_fail (diagnostics != NULL);

  positions = lw_json_positions_scan (data, length, NULL, NULL, NULL);
  if (positions == NULL)
    return;

  for (guint i = 0; i < diagnostics->len; i++)
    locate_diagnostic (g_ptr_array_index (diagnostics, i), positions,
                       filename != NULL ? filename : "<data>");
}

/* ---- loading ----------------------------------------------------------- */

/* Hands the diagnostics of @r, sorted by where they stand, to @diagnostics,
 * and sets @error from the first error. */
static void
finish_errors (Reader     *r,
               GPtrArray  *diagnostics,
               GError    **error)
{
  const LwDiagnostic *first = NULL;
  g_autofree char *text = NULL;

  g_ptr_array_sort (r->diagnostics, compare_location);

  for (guint i = 0; i < r->diagnostics->len; i++)
    {
      const LwDiagnostic *d = g_ptr_array_index (r->diagnostics, i);

      if (d->severity == LW_SEVERITY_ERROR)
        {
          first = d;
          break;
        }
    }
  g_assert (first != NULL);

  text = lw_diagnostic_format (first);
  g_set_error_literal (error, LW_CONFIG_ERROR, r->code, text);

  if (diagnostics != NULL)
    {
      g_ptr_array_set_free_func (r->diagnostics, NULL);
      for (guint i = 0; i < r->diagnostics->len; i++)
        g_ptr_array_add (diagnostics, g_ptr_array_index (r->diagnostics, i));
      g_ptr_array_set_size (r->diagnostics, 0);
      g_ptr_array_set_free_func (r->diagnostics, (GDestroyNotify) lw_diagnostic_free);
    }
}

/* Scans @data; on failure reports the error in @r and returns NULL. The
 * text json-glib should parse (after a byte order mark) is in @json. */
static LwJsonPositions *
scan_text (Reader      *r,
           const char  *data,
           gsize        length,
           const char **json,
           gsize       *json_length)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *path = NULL;
  LwJsonPositions *positions;
  LwDiagnostic *diagnostic;
  int line = 0, column = 0;

  positions = lw_json_positions_scan_full (data, length, &line, &column, &path, &local_error);
  if (positions != NULL)
    {
      *json = data;
      *json_length = length;
      if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
        {
          *json = data + 3;
          *json_length = length - 3;
        }
      return positions;
    }

  diagnostic = lw_diagnostic_new (LW_SEVERITY_ERROR, path, "%s", local_error->message);
  diagnostic->file = g_strdup (r->filename);
  diagnostic->line = line;
  diagnostic->column = column;
  g_ptr_array_add (r->diagnostics, diagnostic);
  r->n_errors++;
  r->has_code = TRUE;
  r->code = g_error_matches (local_error, LW_JSON_ERROR, LW_JSON_ERROR_DUPLICATE_KEY)
            ? LW_CONFIG_ERROR_INVALID : LW_CONFIG_ERROR_PARSE;
  return NULL;
}

/* Parses text that lw_json_positions_scan() accepted. */
static JsonNode *
parse_json (Reader     *r,
            const char *json,
            gsize       length)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  if (!json_parser_load_from_data (parser, json, length, &local_error) ||
      (root = json_parser_get_root (parser)) == NULL)
    {
      report (r, LW_CONFIG_ERROR_PARSE, FALSE, "$", "%s",
              local_error != NULL ? local_error->message : _("the document is empty"));
      return NULL;
    }
  return json_node_ref (root);
}

/* Hands every diagnostic of @own, sorted by where they stand, to
 * @diagnostics (when not NULL). */
static void
hand_diagnostics (GPtrArray *own,
                  GPtrArray *diagnostics)
{
  if (diagnostics == NULL)
    return;

  g_ptr_array_sort (own, compare_location);
  g_ptr_array_set_free_func (own, NULL);
  for (guint i = 0; i < own->len; i++)
    g_ptr_array_add (diagnostics, g_ptr_array_index (own, i));
  g_ptr_array_set_size (own, 0);
  g_ptr_array_set_free_func (own, (GDestroyNotify) lw_diagnostic_free);
}

/* With @lenient, errors of lw_config_bind() do not fail the load. */
static LwConfig *
load_data (const char  *data,
           gssize       length,
           const char  *filename,
           gboolean     lenient,
           GPtrArray   *diagnostics,
           GError     **error)
{
  g_autoptr(GPtrArray) own = lw_diagnostics_new ();
  g_autoptr(LwJsonPositions) positions = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(LwConfig) config = NULL;
  g_autoptr(GPtrArray) bound = NULL;
  const char *json = NULL;
  gsize json_length = 0;
  Reader r = { 0 };

  if (length < 0)
    length = strlen (data);

  r.filename = filename != NULL ? filename : "<data>";
  r.diagnostics = own;
  r.lenient = lenient;

  positions = scan_text (&r, data, length, &json, &json_length);
  if (positions == NULL)
    {
      finish_errors (&r, diagnostics, error);
      return NULL;
    }
  r.positions = positions;

  root = parse_json (&r, json, json_length);
  if (root == NULL)
    {
      finish_errors (&r, diagnostics, error);
      return NULL;
    }

  config = lw_config_new ();
  read_document (&r, root, config);
  if (r.n_errors > 0)
    {
      finish_errors (&r, diagnostics, error);
      return NULL;
    }

  bound = lw_diagnostics_new ();
  lw_config_bind (config, bound);
  for (guint i = 0; i < bound->len; i++)
    {
      LwDiagnostic *d = g_ptr_array_index (bound, i);

      locate_diagnostic (d, positions, r.filename);
      if (d->severity == LW_SEVERITY_ERROR)
        {
          r.n_errors++;
          if (!r.has_code)
            {
              r.has_code = TRUE;
              r.code = LW_CONFIG_ERROR_INVALID;
            }
        }
    }
  g_ptr_array_extend_and_steal (own, g_steal_pointer (&bound));

  if (r.n_errors > 0 && !lenient)
    {
      finish_errors (&r, diagnostics, error);
      return NULL;
    }

  /* Warnings, if binding gave any (and its errors, when lenient), still
   * reach the caller. */
  hand_diagnostics (own, diagnostics);

  return g_steal_pointer (&config);
}

LwConfig *
lw_config_load_data (const char  *data,
                     gssize       length,
                     const char  *filename,
                     GPtrArray   *diagnostics,
                     GError     **error)
{
  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return load_data (data, length, filename, FALSE, diagnostics, error);
}

LwConfig *
lw_config_load_data_lenient (const char  *data,
                             gssize       length,
                             const char  *filename,
                             GPtrArray   *diagnostics,
                             GError     **error)
{
  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return load_data (data, length, filename, TRUE, diagnostics, error);
}

LwConfig *
lw_config_load_file (const char  *filename,
                     GPtrArray   *diagnostics,
                     GError     **error)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_return_val_if_fail (filename != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_file_get_contents (filename, &contents, &length, error))
    return NULL;

  return lw_config_load_data (contents, length, filename, diagnostics, error);
}

/* ---- writing ------------------------------------------------------------- */

static void
add_string (JsonBuilder *b,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_string_value (b, value != NULL ? value : "");
}

static void
add_optional_string (JsonBuilder *b,
                     const char  *name,
                     const char  *value)
{
  if (value != NULL && *value != '\0')
    add_string (b, name, value);
}

static void
add_int (JsonBuilder *b,
         const char  *name,
         gint64       value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_int_value (b, value);
}

static void
add_boolean (JsonBuilder *b,
             const char  *name,
             gboolean     value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_boolean_value (b, value);
}

static void
add_strings (JsonBuilder *b,
             const char  *name,
             const char * const *values,
             guint        n_values)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  for (guint i = 0; i < n_values; i++)
    json_builder_add_string_value (b, values[i] != NULL ? values[i] : "");
  json_builder_end_array (b);
}

static void
add_condition (JsonBuilder       *b,
               const char        *name,
               const LwCondition *condition)
{
  json_builder_set_member_name (b, name);
  json_builder_add_value (b, lw_condition_to_json (condition));
}

static void
add_target_fields (JsonBuilder    *b,
                   const LwTarget *target)
{
  if (target->owner != NULL)
    add_string (b, "owner", target->owner);
  else if (target->pool != NULL)
    add_string (b, "pool", target->pool);
}

static void
add_target (JsonBuilder    *b,
            const char     *name,
            const LwTarget *target)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_object (b);
  add_target_fields (b, target);
  json_builder_end_object (b);
}

static void
add_filter (JsonBuilder    *b,
            const LwFilter *filter)
{
  Arity arity = filter->op < LW_N_OPERATORS ? get_arity (filter->op) : ARITY_NONE;

  json_builder_begin_object (b);
  add_string (b, "propertyName", filter->property);
  if (filter->op < LW_N_OPERATORS)
    add_string (b, "operator", operator_names[filter->op]);
  if ((arity == ARITY_ONE || arity == ARITY_RANGE) && filter->value != NULL)
    add_string (b, "value", filter->value);
  if (arity == ARITY_RANGE && filter->high_value != NULL)
    add_string (b, "highValue", filter->high_value);
  if (arity == ARITY_LIST && filter->values != NULL)
    add_strings (b, "values", (const char * const *) filter->values,
                 g_strv_length (filter->values));
  json_builder_end_object (b);
}

JsonNode *
lw_condition_to_json (const LwCondition *condition)
{
  g_autoptr(JsonBuilder) b = json_builder_new_immutable ();

  g_return_val_if_fail (condition != NULL, NULL);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "filterGroups");
  json_builder_begin_array (b);
  for (guint i = 0; i < condition->groups->len; i++)
    {
      const LwFilterGroup *group = g_ptr_array_index (condition->groups, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "filters");
      json_builder_begin_array (b);
      for (guint j = 0; j < group->filters->len; j++)
        add_filter (b, g_ptr_array_index (group->filters, j));
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);

  return json_builder_get_root (b);
}

static void
build_properties (JsonBuilder    *b,
                  const LwConfig *config)
{
  json_builder_set_member_name (b, "properties");
  json_builder_begin_array (b);
  for (guint i = 0; i < config->properties->len; i++)
    {
      const LwProperty *p = g_ptr_array_index (config->properties, i);

      if (p->builtin)
        continue;
      json_builder_begin_object (b);
      add_string (b, "id", p->id);
      add_string (b, "label", p->label);
      add_string (b, "type", property_type_names[p->type]);
      add_optional_string (b, "description", p->description);
      if (p->type == LW_PROPERTY_ENUM)
        {
          json_builder_set_member_name (b, "options");
          json_builder_begin_array (b);
          for (guint j = 0; j < p->options->len; j++)
            {
              const LwOption *o = g_ptr_array_index (p->options, j);

              json_builder_begin_object (b);
              add_string (b, "value", o->value);
              add_string (b, "label", o->label);
              json_builder_end_object (b);
            }
          json_builder_end_array (b);
        }
      add_optional_string (b, "domainOf", p->domain_of);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
build_activities (JsonBuilder    *b,
                  const LwConfig *config)
{
  json_builder_set_member_name (b, "activities");
  json_builder_begin_array (b);
  for (guint i = 0; i < config->activities->len; i++)
    {
      const LwActivityType *a = g_ptr_array_index (config->activities, i);

      json_builder_begin_object (b);
      add_string (b, "id", a->id);
      add_string (b, "label", a->label);
      add_optional_string (b, "description", a->description);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
build_lifecycle (JsonBuilder    *b,
                 const LwConfig *config)
{
  json_builder_set_member_name (b, "lifecycle");
  json_builder_begin_object (b);

  json_builder_set_member_name (b, "stages");
  json_builder_begin_array (b);
  for (guint i = 0; i < config->stages->len; i++)
    {
      const LwStage *s = g_ptr_array_index (config->stages, i);

      json_builder_begin_object (b);
      add_string (b, "id", s->id);
      add_string (b, "label", s->label);
      add_string (b, "hubspotValue", s->hubspot_value);
      add_string (b, "definition", s->definition);
      add_string (b, "owner", role_names[s->owner_role]);
      if (s->entry != NULL)
        add_condition (b, "when", s->entry);
      add_string (b, "nextStep", s->next_step);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "statuses");
  json_builder_begin_array (b);
  for (guint i = 0; i < config->statuses->len; i++)
    {
      const LwStatus *s = g_ptr_array_index (config->statuses, i);

      json_builder_begin_object (b);
      add_string (b, "id", s->id);
      add_string (b, "label", s->label);
      add_string (b, "hubspotValue", s->hubspot_value);
      add_optional_string (b, "definition", s->definition);
      if (s->terminal)
        add_boolean (b, "terminal", TRUE);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "paths");
  json_builder_begin_array (b);
  for (guint i = 0; i < config->paths->len; i++)
    {
      const LwPath *p = g_ptr_array_index (config->paths, i);

      json_builder_begin_object (b);
      add_string (b, "id", p->id);
      add_string (b, "label", p->label);
      add_string (b, "kind", path_kind_names[p->kind]);
      add_string (b, "fromStatus", p->from_status);
      add_int (b, "afterDays", p->after_days);
      add_string (b, "toStage", p->to_stage);
      add_string (b, "owner", role_names[p->owner_role]);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_end_object (b);
}

static void
build_model (JsonBuilder        *b,
             const char         *name,
             const LwScoreModel *model)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "criteria");
  json_builder_begin_array (b);
  for (guint i = 0; i < model->criteria->len; i++)
    {
      const LwCriterion *c = g_ptr_array_index (model->criteria, i);

      json_builder_begin_object (b);
      add_string (b, "id", c->id);
      add_string (b, "label", c->label);
      if (c->when != NULL)
        add_condition (b, "when", c->when);
      if (c->activity != NULL)
        add_string (b, "activity", c->activity);
      add_int (b, "points", c->points);
      if (c->activity != NULL && c->max_times > 0)
        add_int (b, "maxTimes", c->max_times);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  if (model->has_cap)
    add_int (b, "cap", model->cap);
  json_builder_end_object (b);
}

static void
build_bands (JsonBuilder *b,
             const char  *name,
             GPtrArray   *bands)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  for (guint i = 0; i < bands->len; i++)
    {
      const LwGradeBand *band = g_ptr_array_index (bands, i);

      json_builder_begin_object (b);
      add_string (b, "grade", band->grade);
      if (band->has_min)
        add_int (b, "min", band->min);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
build_scoring (JsonBuilder    *b,
               const LwConfig *config)
{
  const LwScoring *s = &config->scoring;

  json_builder_set_member_name (b, "scoring");
  json_builder_begin_object (b);
  build_model (b, "fit", &s->fit);
  build_model (b, "engagement", &s->engagement);

  if (s->decay != LW_DECAY_NONE)
    {
      json_builder_set_member_name (b, "decay");
      json_builder_begin_object (b);
      if (s->decay == LW_DECAY_HALF_LIFE)
        {
          json_builder_set_member_name (b, "halfLifeDays");
          if (s->half_life_days == floor (s->half_life_days) &&
              fabs (s->half_life_days) < 1e15)
            json_builder_add_int_value (b, (gint64) s->half_life_days);
          else
            json_builder_add_double_value (b, s->half_life_days);
        }
      else
        add_int (b, "windowDays", s->window_days);
      json_builder_end_object (b);
    }

  json_builder_set_member_name (b, "mql");
  json_builder_begin_object (b);
  if (s->mql_kind == LW_MQL_TOTAL)
    add_int (b, "total", s->mql_total);
  else
    {
      add_int (b, "fit", s->mql_fit);
      add_int (b, "engagement", s->mql_engagement);
    }
  json_builder_end_object (b);

  add_string (b, "mqlStage", s->mql_stage);

  json_builder_set_member_name (b, "grades");
  json_builder_begin_object (b);
  build_bands (b, "fit", s->fit_grades);
  build_bands (b, "engagement", s->engagement_grades);
  json_builder_end_object (b);

  json_builder_end_object (b);
}

static void
build_routing (JsonBuilder    *b,
               const LwConfig *config)
{
  json_builder_set_member_name (b, "routing");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "rules");
  json_builder_begin_array (b);
  for (guint i = 0; i < config->rules->len; i++)
    {
      const LwRoutingRule *rule = g_ptr_array_index (config->rules, i);

      json_builder_begin_object (b);
      add_string (b, "id", rule->id);
      add_string (b, "label", rule->label);
      if (rule->when != NULL && !lw_condition_is_always (rule->when))
        add_condition (b, "when", rule->when);

      json_builder_set_member_name (b, "assign");
      json_builder_begin_object (b);
      add_string (b, "type", assign_kind_names[rule->kind]);
      switch (rule->kind)
        {
        case LW_ASSIGN_OWNER:
          add_string (b, "owner", rule->target.owner);
          break;
        case LW_ASSIGN_POOL:
          add_string (b, "pool", rule->target.pool);
          break;
        case LW_ASSIGN_ACCOUNT_OWNER:
          break;
        case LW_ASSIGN_TERRITORY:
          add_string (b, "property", rule->property);
          json_builder_set_member_name (b, "map");
          json_builder_begin_array (b);
          for (guint j = 0; rule->territories != NULL && j < rule->territories->len; j++)
            {
              const LwTerritory *t = g_ptr_array_index (rule->territories, j);

              json_builder_begin_object (b);
              add_strings (b, "values", (const char * const *) t->values,
                           t->values != NULL ? g_strv_length (t->values) : 0);
              add_target_fields (b, &t->target);
              json_builder_end_object (b);
            }
          json_builder_end_array (b);
          break;
        default:
          g_assert_not_reached ();
        }
      json_builder_end_object (b);

      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  add_target (b, "fallback", &config->fallback);
  json_builder_end_object (b);
}

static void
build_policies (JsonBuilder    *b,
                const LwConfig *config)
{
  json_builder_set_member_name (b, "slas");
  json_builder_begin_array (b);
  for (guint i = 0; i < config->policies->len; i++)
    {
      const LwSlaPolicy *p = g_ptr_array_index (config->policies, i);

      json_builder_begin_object (b);
      add_string (b, "id", p->id);
      add_string (b, "label", p->label);
      if (p->when != NULL && !lw_condition_is_always (p->when))
        add_condition (b, "when", p->when);
      add_int (b, "deadlineMinutes", p->deadline_minutes);
      add_string (b, "clock", clock_names[p->clock]);
      if (p->warn_before_minutes > 0)
        add_int (b, "warnBeforeMinutes", p->warn_before_minutes);

      json_builder_set_member_name (b, "escalations");
      json_builder_begin_array (b);
      for (guint j = 0; p->escalations != NULL && j < p->escalations->len; j++)
        {
          const LwEscalation *e = &g_array_index (p->escalations, LwEscalation, j);

          json_builder_begin_object (b);
          add_int (b, "afterMinutes", e->after_minutes);
          add_string (b, "action", action_names[e->action]);
          if (e->action == LW_ESCALATE_REASSIGN &&
              (e->target.owner != NULL || e->target.pool != NULL))
            add_target (b, "to", &e->target);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);

      add_strings (b, "pauseStatuses", (const char * const *) p->pause_statuses->pdata,
                   p->pause_statuses->len);
      add_optional_string (b, "breachTag", p->breach_tag);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
build_rep (JsonBuilder *b,
           const LwRep *rep)
{
  json_builder_begin_object (b);
  add_string (b, "id", rep->id);
  add_string (b, "name", rep->name);
  add_string (b, "email", rep->email);
  add_string (b, "role", role_names[rep->role]);
  add_optional_string (b, "team", rep->team);
  add_string (b, "timeZone", rep->time_zone);

  json_builder_set_member_name (b, "workingHours");
  json_builder_begin_object (b);
  for (guint d = 0; d < 7; d++)
    {
      GArray *day = rep->hours.days[d];

      if (day == NULL || day->len == 0)
        continue;
      json_builder_set_member_name (b, weekday_names[d]);
      json_builder_begin_array (b);
      for (guint k = 0; k < day->len; k++)
        {
          g_autofree char *text = lw_interval_format (&g_array_index (day, LwInterval, k));
          json_builder_add_string_value (b, text);
        }
      json_builder_end_array (b);
    }
  json_builder_end_object (b);

  add_int (b, "capacity", rep->capacity);
  if (rep->weight != 1)
    add_int (b, "weight", rep->weight);
  if (!rep->active)
    add_boolean (b, "active", FALSE);

  if (rep->out_of_office != NULL && rep->out_of_office->len > 0)
    {
      json_builder_set_member_name (b, "outOfOffice");
      json_builder_begin_array (b);
      for (guint k = 0; k < rep->out_of_office->len; k++)
        {
          const LwDateRange *range = &g_array_index (rep->out_of_office, LwDateRange, k);
          char from[16], to[16];

          g_snprintf (from, sizeof from, "%04u-%02u-%02u", g_date_get_year (&range->from),
                      g_date_get_month (&range->from), g_date_get_day (&range->from));
          g_snprintf (to, sizeof to, "%04u-%02u-%02u", g_date_get_year (&range->to),
                      g_date_get_month (&range->to), g_date_get_day (&range->to));
          json_builder_begin_object (b);
          add_string (b, "from", from);
          add_string (b, "to", to);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
    }

  json_builder_end_object (b);
}

static void
build_team (JsonBuilder    *b,
            const LwConfig *config)
{
  json_builder_set_member_name (b, "team");
  json_builder_begin_object (b);

  json_builder_set_member_name (b, "reps");
  json_builder_begin_array (b);
  for (guint i = 0; i < config->reps->len; i++)
    build_rep (b, g_ptr_array_index (config->reps, i));
  json_builder_end_array (b);

  json_builder_set_member_name (b, "teams");
  json_builder_begin_array (b);
  for (guint i = 0; i < config->teams->len; i++)
    {
      const LwTeam *t = g_ptr_array_index (config->teams, i);

      json_builder_begin_object (b);
      add_string (b, "id", t->id);
      add_string (b, "label", t->label);
      add_string (b, "manager", t->manager);
      add_optional_string (b, "region", t->region);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "pools");
  json_builder_begin_array (b);
  for (guint i = 0; i < config->pools->len; i++)
    {
      const LwPool *p = g_ptr_array_index (config->pools, i);

      json_builder_begin_object (b);
      add_string (b, "id", p->id);
      add_string (b, "label", p->label);
      add_strings (b, "members", (const char * const *) p->members->pdata, p->members->len);
      add_boolean (b, "weighted", p->weighted);
      add_boolean (b, "respectCapacity", p->respect_capacity);
      add_boolean (b, "workingHours", p->working_hours);
      add_boolean (b, "outOfOffice", p->out_of_office);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_end_object (b);
}

static void
build_accounts (JsonBuilder    *b,
                const LwConfig *config)
{
  json_builder_set_member_name (b, "accounts");
  json_builder_begin_array (b);
  for (guint i = 0; i < config->accounts->len; i++)
    {
      const LwAccount *a = g_ptr_array_index (config->accounts, i);

      json_builder_begin_object (b);
      add_string (b, "domain", a->domain);
      add_string (b, "name", a->name);
      add_string (b, "owner", a->owner);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static JsonNode *
build_document (const LwConfig *config)
{
  g_autoptr(JsonBuilder) b = json_builder_new_immutable ();

  json_builder_begin_object (b);
  add_string (b, "format", LW_CONFIG_FORMAT);
  add_int (b, "version", LW_CONFIG_VERSION);
  add_string (b, "name", config->name);
  add_optional_string (b, "description", config->description);
  build_properties (b, config);
  build_activities (b, config);
  build_lifecycle (b, config);
  build_scoring (b, config);
  build_routing (b, config);
  build_policies (b, config);
  build_team (b, config);
  build_accounts (b, config);
  json_builder_end_object (b);

  return json_builder_get_root (b);
}

/* ---- printing ------------------------------------------------------------- */

static void
print_string (GString    *out,
              const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      switch (c)
        {
        case '"':  g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\f': g_string_append (out, "\\f"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if (c < 0x20 || c == 0x7F)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, (char) c);
        }
    }
  g_string_append_c (out, '"');
}

static void
print_indent (GString *out,
              guint    depth)
{
  for (guint i = 0; i < depth; i++)
    g_string_append (out, "  ");
}

static void
print_node (GString  *out,
            JsonNode *node,
            guint     depth)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);
        g_autoptr(GList) names = json_object_get_members (object);

        if (names == NULL)
          {
            g_string_append (out, "{}");
            break;
          }
        g_string_append (out, "{\n");
        for (GList *l = names; l != NULL; l = l->next)
          {
            print_indent (out, depth + 1);
            print_string (out, l->data);
            g_string_append (out, ": ");
            print_node (out, json_object_get_member (object, l->data), depth + 1);
            g_string_append (out, l->next != NULL ? ",\n" : "\n");
          }
        print_indent (out, depth);
        g_string_append_c (out, '}');
      }
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);

        if (n == 0)
          {
            g_string_append (out, "[]");
            break;
          }
        g_string_append (out, "[\n");
        for (guint i = 0; i < n; i++)
          {
            print_indent (out, depth + 1);
            print_node (out, json_array_get_element (array, i), depth + 1);
            g_string_append (out, i + 1 < n ? ",\n" : "\n");
          }
        print_indent (out, depth);
        g_string_append_c (out, ']');
      }
      break;

    case JSON_NODE_NULL:
      g_string_append (out, "null");
      break;

    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_STRING:
          print_string (out, json_node_get_string (node));
          break;
        case G_TYPE_BOOLEAN:
          g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
          break;
        case G_TYPE_INT64:
          g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
          break;
        case G_TYPE_DOUBLE:
          {
            g_autofree char *text = dup_double_text (json_node_get_double (node));
            g_string_append (out, text);
          }
          break;
        default:
          g_assert_not_reached ();
        }
      break;

    default:
      g_assert_not_reached ();
    }
}

char *
lw_config_to_data (const LwConfig *config,
                   gsize          *length)
{
  g_autoptr(JsonNode) root = NULL;
  GString *out;

  g_return_val_if_fail (config != NULL, NULL);

  root = build_document (config);
  out = g_string_sized_new (16384);
  print_node (out, root, 0);
  g_string_append_c (out, '\n');

  if (length != NULL)
    *length = out->len;
  return g_string_free (out, FALSE);
}

gboolean
lw_config_save_file (const LwConfig  *config,
                     const char      *filename,
                     GError         **error)
{
  g_autofree char *data = NULL;
  gsize length = 0;

  g_return_val_if_fail (config != NULL, FALSE);
  g_return_val_if_fail (filename != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  data = lw_config_to_data (config, &length);
  return g_file_set_contents_full (filename, data, length,
                                   G_FILE_SET_CONTENTS_CONSISTENT, 0644, error);
}
