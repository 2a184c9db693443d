/* lw-import-salesforce.c: Salesforce Lead assignment rules as routing rules
 *
 * GMarkup reads the file into a small tree (element names without their
 * namespace prefix, text, line and column); the tree is then read as the
 * AssignmentRules metadata type. Each entry's criteria and boolean filter
 * become a condition in disjunctive normal form: a criterion is a small OR
 * of AND groups of filters (Salesforce's "contains a,b" means contains a OR
 * contains b), AND multiplies groups out, OR puts them side by side and NOT
 * is pushed down to the criteria, whose operations all have a negation
 * except startsWith and within.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <string.h>

#include <glib/gi18n-lib.h>

#include "lw-import-salesforce.h"

/* More OR groups than this after multiplying out is no longer a rule
 * anyone could read: such an entry is left out. */
#define MAX_GROUPS 64

/* ---- the tree ------------------------------------------------------------------ */

typedef struct _Node Node;

struct _Node
{
  char      *name;       /* without a namespace prefix */
  GString   *text;
  GPtrArray *children;   /* Node */
  Node      *parent;
  int        line;
  int        column;
};

static void
node_free (Node *node)
{
  g_free (node->name);
  g_string_free (node->text, TRUE);
  g_ptr_array_unref (node->children);
  g_free (node);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Node, node_free)

typedef struct
{
  Node       *root;
  Node       *current;
  const char *data;
  gsize       length;
  GArray     *lines;      /* gsize: where each line begins */
} TreeBuilder;

/* Where the start tag of @element_name that GMarkup just read begins.
 * GMarkup reports a place a little past the tag's end, so the tag is
 * found again going back from there. */
static void
locate_start_tag (TreeBuilder         *builder,
                  GMarkupParseContext *context,
                  const char          *element_name,
                  int                 *line,
                  int                 *column)
{
  g_autofree char *needle = g_strconcat ("<", element_name, NULL);
  gsize n = strlen (needle);
  int at_line = 0, at_char = 0;
  gsize offset, start;
  guint l;

  g_markup_parse_context_get_position (context, &at_line, &at_char);
  *line = at_line;
  *column = at_char;
  if (at_line < 1 || (guint) at_line > builder->lines->len)
    return;

  start = g_array_index (builder->lines, gsize, at_line - 1);
  offset = start;
  for (int i = 1; i < at_char && offset < builder->length; i++)
    offset += g_utf8_skip[(guchar) builder->data[offset]];

  for (;;)
    {
      if (offset + n <= builder->length && memcmp (builder->data + offset, needle, n) == 0 &&
          (offset + n == builder->length || strchr (" \t\r\n/>", builder->data[offset + n]) != NULL))
        break;
      if (offset == 0)
        return;
      offset--;
    }

  for (l = builder->lines->len; l > 1 && g_array_index (builder->lines, gsize, l - 1) > offset; l--)
    ;
  start = g_array_index (builder->lines, gsize, l - 1);
  *line = l;
  *column = 1 + g_utf8_strlen (builder->data + start, offset - start);
}

static void
start_element_cb (GMarkupParseContext  *context,
                  const char           *element_name,
                  const char          **attribute_names,
                  const char          **attribute_values,
                  gpointer              user_data,
                  GError              **error)
{
  TreeBuilder *builder = user_data;
  const char *colon = strchr (element_name, ':');
  Node *node = g_new0 (Node, 1);

  node->name = g_strdup (colon != NULL ? colon + 1 : element_name);
  node->text = g_string_new (NULL);
  node->children = g_ptr_array_new_with_free_func ((GDestroyNotify) node_free);
  node->parent = builder->current;
  locate_start_tag (builder, context, element_name, &node->line, &node->column);

  if (builder->current != NULL)
    g_ptr_array_add (builder->current->children, node);
  else
    builder->root = node;
  builder->current = node;
}

static void
end_element_cb (GMarkupParseContext  *context,
                const char           *element_name,
                gpointer              user_data,
                GError              **error)
{
  TreeBuilder *builder = user_data;

  builder->current = builder->current->parent;
}

static void
text_cb (GMarkupParseContext  *context,
         const char           *text,
         gsize                 length,
         gpointer              user_data,
         GError              **error)
{
  TreeBuilder *builder = user_data;

  if (builder->current != NULL)
    g_string_append_len (builder->current->text, text, length);
}

static const GMarkupParser tree_parser = {
  start_element_cb, end_element_cb, text_cb, NULL, NULL
};

/* The child of @node named @name, or NULL. */
static Node *
find_child (Node       *node,
            const char *name)
{
  for (guint i = 0; i < node->children->len; i++)
    {
      Node *child = g_ptr_array_index (node->children, i);

      if (strcmp (child->name, name) == 0)
        return child;
    }
  return NULL;
}

/* The text of @node without surrounding white space. */
static char *
dup_text (Node *node)
{
  return g_strstrip (g_strdup (node->text->str));
}

static char *
dup_child_text (Node       *node,
                const char *name)
{
  Node *child = find_child (node, name);

  return child != NULL ? dup_text (child) : NULL;
}

/* "/AssignmentRules/assignmentRule[1]/ruleEntry[2]": 1-based positions
 * among the siblings of the same name, as XPath counts. */
static void
append_node_path (GString *out,
                  Node    *node)
{
  guint position = 1;

  if (node->parent != NULL)
    {
      append_node_path (out, node->parent);
      for (guint i = 0; i < node->parent->children->len; i++)
        {
          Node *sibling = g_ptr_array_index (node->parent->children, i);

          if (sibling == node)
            break;
          if (strcmp (sibling->name, node->name) == 0)
            position++;
        }
      g_string_append_printf (out, "/%s[%u]", node->name, position);
    }
  else
    g_string_append_printf (out, "/%s", node->name);
}

/* ---- the importer ---------------------------------------------------------------- */

typedef struct
{
  const LwSalesforceMapping *mapping;
  const char                *filename;
  GPtrArray                 *report;
  LwConfig                  *config;     /* the copy being built */
  GHashTable                *fields;     /* field (casefolded) -> LwProperty, added ones */
  GHashTable                *users;      /* username (casefolded) -> rep id, added ones */
  GHashTable                *queues;     /* queue (casefolded) -> pool id, added ones */
  const char                *team;       /* the team of added reps, once made */
} Importer;

static void report (Importer   *importer,
                    Node       *node,
                    const char *format,
                    ...) G_GNUC_PRINTF (3, 4);

static void
report (Importer   *importer,
        Node       *node,
        const char *format,
        ...)
{
  g_autoptr(GString) path = g_string_new (NULL);
  g_autofree char *message = NULL;
  LwDiagnostic *diagnostic;
  va_list args;

  if (importer->report == NULL)
    return;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  append_node_path (path, node);
  diagnostic = lw_diagnostic_new (LW_SEVERITY_WARNING, path->str, "%s", message);
  diagnostic->file = g_strdup (importer->filename);
  diagnostic->line = node->line;
  diagnostic->column = node->column;
  g_ptr_array_add (importer->report, diagnostic);
}

static char *
casefold (const char *text)
{
  return g_utf8_casefold (text, -1);
}

static gboolean
equal_casefold (const char *a,
                const char *b)
{
  g_autofree char *fa = casefold (a);
  g_autofree char *fb = casefold (b);

  return strcmp (fa, fb) == 0;
}

static gpointer
find_by_id (GPtrArray  *list,
            const char *id)
{
  for (guint i = 0; i < list->len; i++)
    {
      gpointer element = g_ptr_array_index (list, i);

      if (g_strcmp0 (*(char **) element, id) == 0)
        return element;
    }
  return NULL;
}

/* Any id of properties, reps or pools that is not taken yet in @list:
 * @base, else @base-2, @base-3, ... */
static char *
dup_free_id (GPtrArray  *list,
             const char *base)
{
  char *id = g_strdup (base);

  for (guint n = 2; find_by_id (list, id) != NULL; n++)
    {
      g_free (id);
      id = g_strdup_printf ("%s-%u", base, n);
    }
  return id;
}

/* ---- fields and properties ----------------------------------------------------------- */

static gboolean
is_api_name (const char *name)
{
  if (!g_ascii_isalpha (*name))
    return FALSE;
  for (const char *p = name; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '_')
      return FALSE;
  return TRUE;
}

/* The property @field ("Lead.Country") stands for, or NULL. */
static LwProperty *
find_property (Importer   *importer,
               const char *field)
{
  g_autofree char *key = casefold (field);
  LwProperty *added;

  for (guint i = 0; i < importer->config->properties->len; i++)
    {
      LwProperty *property = g_ptr_array_index (importer->config->properties, i);
      g_autofree char *mapped = lw_salesforce_mapping_dup_field (importer->mapping, property, NULL);

      if (equal_casefold (mapped, field))
        return property;
    }

  added = g_hash_table_lookup (importer->fields, key);
  return added;
}

/* "AnnualRevenue" -> "annual_revenue"; "Region__c" -> "Region". */
static char *
dup_property_id (const char *api_name,
                 gboolean   *custom)
{
  GString *id;

  *custom = g_str_has_suffix (api_name, "__c");
  if (*custom)
    return g_strndup (api_name, strlen (api_name) - 3);

  id = g_string_new (NULL);
  for (const char *p = api_name; *p != '\0'; p++)
    {
      if (g_ascii_isupper (*p) && id->len > 0 && id->str[id->len - 1] != '_' &&
          (g_ascii_islower (p[-1]) || g_ascii_islower (p[1])))
        g_string_append_c (id, '_');
      g_string_append_c (id, g_ascii_tolower (*p));
    }
  return g_string_free (id, FALSE);
}

static char *
dup_property_label (const char *id)
{
  char *label = g_strdup (id);

  g_strdelimit (label, "_", ' ');
  if (*label != '\0')
    *label = g_ascii_toupper (*label);
  return label;
}

static gboolean
is_number (const char *text)
{
  char *end = NULL;

  if (*text == '\0')
    return FALSE;
  g_ascii_strtod (text, &end);
  return end != NULL && *end == '\0';
}

static gboolean
is_comparison (const char *operation)
{
  return g_strv_contains ((const char * const[]) { "lessThan", "greaterThan", "lessOrEqual",
                                                   "greaterOrEqual", NULL }, operation);
}

/* The values of a criterion: its text split at commas, each trimmed,
 * empty pieces left out. */
static GStrv
split_values (const char *text)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) pieces = NULL;

  if (text == NULL)
    return g_strv_builder_end (builder);
  pieces = g_strsplit (text, ",", -1);
  for (guint i = 0; pieces[i] != NULL; i++)
    {
      g_strstrip (pieces[i]);
      if (*pieces[i] != '\0')
        g_strv_builder_add (builder, pieces[i]);
    }
  return g_strv_builder_end (builder);
}

typedef struct
{
  Node     *node;          /* the first criterion on the field */
  gboolean  numeric;       /* every value is a number */
  gboolean  has_value;
} FieldUse;

/* Adds a property for each Lead field the rule set has no property for:
 * a number when every value it is compared with is a number, else a
 * string. Fields of other objects are left to the entries that use them. */
static void
add_missing_properties (Importer  *importer,
                        GPtrArray *entries)
{
  g_autoptr(GHashTable) uses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) order = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < entries->len; i++)
    {
      Node *entry = g_ptr_array_index (entries, i);

      for (guint j = 0; j < entry->children->len; j++)
        {
          Node *item = g_ptr_array_index (entry->children, j);
          g_autofree char *field = NULL;
          g_autofree char *operation = NULL;
          g_autofree char *value = NULL;
          g_auto(GStrv) values = NULL;
          FieldUse *use;

          if (strcmp (item->name, "criteriaItems") != 0)
            continue;
          field = dup_child_text (item, "field");
          if (field == NULL || !g_str_has_prefix (field, "Lead.") ||
              !is_api_name (field + strlen ("Lead.")) || find_property (importer, field) != NULL)
            continue;

          operation = dup_child_text (item, "operation");
          value = dup_child_text (item, "value");
          values = split_values (value);
          use = g_hash_table_lookup (uses, field);
          if (use == NULL)
            {
              use = g_new0 (FieldUse, 1);
              use->node = item;
              use->numeric = TRUE;
              g_hash_table_insert (uses, g_strdup (field), use);
              g_ptr_array_add (order, g_strdup (field));
            }
          for (guint k = 0; values[k] != NULL; k++)
            {
              use->has_value = TRUE;
              use->numeric &= is_number (values[k]);
            }
          if (operation != NULL && is_comparison (operation) && values[0] == NULL)
            use->numeric = FALSE;
        }
    }

  for (guint i = 0; i < order->len; i++)
    {
      const char *field = g_ptr_array_index (order, i);
      const FieldUse *use = g_hash_table_lookup (uses, field);
      LwPropertyType type = use->numeric && use->has_value ? LW_PROPERTY_NUMBER : LW_PROPERTY_STRING;
      gboolean custom = FALSE;
      g_autofree char *wanted = dup_property_id (field + strlen ("Lead."), &custom);
      g_autofree char *id = dup_free_id (importer->config->properties, wanted);
      g_autofree char *label = dup_property_label (id);
      LwProperty *property = lw_property_new (id, label, type);
      g_autofree char *exported = NULL;

      g_ptr_array_add (importer->config->properties, property);
      g_hash_table_insert (importer->fields, casefold (field), property);
      exported = lw_salesforce_mapping_dup_field (importer->mapping, property, NULL);

      if (equal_casefold (exported, field))
        report (importer, use->node,
                /* translators: a Salesforce field, the property type and its id */
                _("no property stands for %s: added the %s property \"%s\""),
                field, lw_property_type_to_string (type), id);
      else
        report (importer, use->node,
                /* translators: a Salesforce field, the property type and its id, the
                 * field again */
                _("no property stands for %s: added the %s property \"%s\"; to export it "
                  "back to %s, map it in the mapping's \"fields\""),
                field, lw_property_type_to_string (type), id, field);
    }
}

/* ---- values ---------------------------------------------------------------------- */

static const char *
find_option (const LwProperty *property,
             const char       *value)
{
  for (guint i = 0; i < property->options->len; i++)
    {
      const LwOption *option = g_ptr_array_index (property->options, i);

      if (strcmp (option->value, value) == 0)
        return option->value;
    }
  for (guint i = 0; i < property->options->len; i++)
    {
      const LwOption *option = g_ptr_array_index (property->options, i);

      if (equal_casefold (option->value, value) ||
          (option->label != NULL && equal_casefold (option->label, value)))
        return option->value;
    }
  return NULL;
}

/* A stage or status by its HubSpot value, for the two built-in enums whose
 * options the lifecycle gives. */
static const char *
find_lifecycle_value (Importer         *importer,
                      const LwProperty *property,
                      const char       *value)
{
  const LwConfig *config = importer->config;

  if (property == g_ptr_array_index (config->properties, LW_BUILTIN_LIFECYCLE_STAGE))
    for (guint i = 0; i < config->stages->len; i++)
      {
        const LwStage *stage = g_ptr_array_index (config->stages, i);

        if (stage->hubspot_value != NULL && equal_casefold (stage->hubspot_value, value))
          return stage->id;
      }
  if (property == g_ptr_array_index (config->properties, LW_BUILTIN_LEAD_STATUS))
    for (guint i = 0; i < config->statuses->len; i++)
      {
        const LwStatus *status = g_ptr_array_index (config->statuses, i);

        if (status->hubspot_value != NULL && equal_casefold (status->hubspot_value, value))
          return status->id;
      }
  return NULL;
}

/* The Leadwright values of a criterion's @values for @property, without
 * repeats; NULL (reported) when one cannot be one. */
static GStrv
convert_values (Importer   *importer,
                Node       *item,
                LwProperty *property,
                GStrv       values)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; values[i] != NULL; i++)
    {
      const char *value = values[i];
      g_autofree char *converted = NULL;

      switch (property->type)
        {
        case LW_PROPERTY_ENUM:
          {
            const char *mapped = lw_salesforce_mapping_lookup_value (importer->mapping,
                                                                     property->id, value);
            const char *option = NULL;

            if (mapped != NULL)
              option = find_option (property, mapped);
            if (option == NULL)
              option = find_option (property, value);
            if (option == NULL)
              option = find_lifecycle_value (importer, property, value);
            if (option == NULL && property->builtin)
              {
                report (importer, item,
                        /* translators: a value, then a property's label */
                        _("\"%s\" is not a value of %s: the entry is left out"),
                        value, property->label);
                return NULL;
              }
            if (option == NULL)
              {
                g_ptr_array_add (property->options, lw_option_new (value, value));
                option = value;
                report (importer, item,
                        /* translators: a value, then a property's label */
                        _("\"%s\" is not an option of %s: added it"), value, property->label);
              }
            converted = g_strdup (option);
          }
          break;

        case LW_PROPERTY_NUMBER:
          if (!is_number (value))
            {
              report (importer, item,
                      /* translators: a value, then a property's label */
                      _("\"%s\" is not a number, as %s needs: the entry is left out"),
                      value, property->label);
              return NULL;
            }
          converted = g_strdup (value);
          break;

        case LW_PROPERTY_DATETIME:
          {
            LwTime time = 0;
            g_autofree char *midnight = g_strconcat (value, "T00:00:00Z", NULL);

            /* Written the way the export writes it. */
            if (lw_time_parse_iso8601 (value, &time) || lw_time_parse_iso8601 (midnight, &time))
              converted = lw_time_format_iso8601 (time);
            else
              {
                report (importer, item,
                        /* translators: a value, then a property's label */
                        _("\"%s\" is not an ISO 8601 date or time, as %s needs: the entry is "
                          "left out"),
                        value, property->label);
                return NULL;
              }
          }
          break;

        case LW_PROPERTY_BOOLEAN:
          if (g_ascii_strcasecmp (value, "true") == 0 || strcmp (value, "1") == 0)
            converted = g_strdup ("true");
          else if (g_ascii_strcasecmp (value, "false") == 0 || strcmp (value, "0") == 0)
            converted = g_strdup ("false");
          else
            {
              report (importer, item,
                      /* translators: a value, then a property's label */
                      _("\"%s\" is not true or false, as %s needs: the entry is left out"),
                      value, property->label);
              return NULL;
            }
          break;

        case LW_PROPERTY_STRING:
        case LW_PROPERTY_EMAIL:
        default:
          converted = g_strdup (value);
        }

      if (g_hash_table_add (seen, g_strdup (converted)))
        g_strv_builder_add (builder, converted);
    }

  return g_strv_builder_end (builder);
}

/* ---- criteria ------------------------------------------------------------------------ */

/* A condition in disjunctive normal form: LwFilterGroup, ORed. */
typedef GPtrArray Dnf;

static Dnf *
dnf_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) lw_filter_group_free);
}

/* A DNF of one group of one filter. */
static Dnf *
dnf_new_filter (LwFilter *filter)
{
  Dnf *dnf = dnf_new ();
  LwFilterGroup *group = lw_filter_group_new ();

  g_ptr_array_add (group->filters, filter);
  g_ptr_array_add (dnf, group);
  return dnf;
}

static LwFilter *
new_filter (const char *property,
            LwOperator  op,
            const char *value)
{
  return lw_filter_new (property, op, value);
}

static LwFilter *
new_set_filter (const char *property,
                LwOperator  op,
                GStrv       values)
{
  LwFilter *filter;

  if (values[1] == NULL)
    return lw_filter_new (property, op == LW_OP_IN ? LW_OP_EQ : LW_OP_NEQ, values[0]);
  filter = lw_filter_new (property, op, NULL);
  filter->values = g_strdupv (values);
  return filter;
}

static const char *
negate_operation (const char *operation)
{
  static const char * const pairs[][2] = {
    { "equals", "notEqual" },
    { "lessThan", "greaterOrEqual" },
    { "greaterThan", "lessOrEqual" },
    { "contains", "notContain" },
    { "includes", "excludes" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    {
      if (strcmp (operation, pairs[i][0]) == 0)
        return pairs[i][1];
      if (strcmp (operation, pairs[i][1]) == 0)
        return pairs[i][0];
    }
  return NULL;
}

static gboolean
is_text_type (LwPropertyType type)
{
  return type == LW_PROPERTY_STRING || type == LW_PROPERTY_EMAIL || type == LW_PROPERTY_ENUM;
}

/* What criterion @item says (or, with @negate, its opposite), or NULL when
 * it cannot be said in Leadwright (reported). */
static Dnf *
convert_item (Importer *importer,
              Node     *item,
              gboolean  negate)
{
  g_autofree char *field = dup_child_text (item, "field");
  g_autofree char *operation = dup_child_text (item, "operation");
  g_autofree char *value = dup_child_text (item, "value");
  g_autofree char *value_field = dup_child_text (item, "valueField");
  g_auto(GStrv) raw = NULL;
  g_auto(GStrv) values = NULL;
  const char *op;
  LwProperty *property;
  Dnf *dnf;

  if (field == NULL || operation == NULL)
    {
      report (importer, item, "%s",
              _("a criterion without a field or an operation: the entry is left out"));
      return NULL;
    }
  if (value_field != NULL)
    {
      report (importer, item,
              /* translators: two Salesforce field names */
              _("comparing %s with another field (%s) cannot be expressed in Leadwright: the "
                "entry is left out"),
              field, value_field);
      return NULL;
    }
  if (!g_str_has_prefix (field, "Lead.") || !is_api_name (field + strlen ("Lead.")))
    {
      report (importer, item,
              /* translators: a Salesforce field name */
              _("%s is not a field of the lead itself: the entry is left out"), field);
      return NULL;
    }
  property = find_property (importer, field);
  g_return_val_if_fail (property != NULL, NULL);

  op = operation;
  if (negate)
    {
      op = negate_operation (operation);
      if (op == NULL)
        {
          report (importer, item,
                  /* translators: a Salesforce operation */
                  _("\"NOT\" before a \"%s\" criterion cannot be expressed in Leadwright: the "
                    "entry is left out"),
                  operation);
          return NULL;
        }
    }

  raw = split_values (value);
  values = convert_values (importer, item, property, raw);
  if (values == NULL)
    return NULL;

  if (strcmp (op, "equals") == 0 || strcmp (op, "notEqual") == 0)
    {
      gboolean equals = strcmp (op, "equals") == 0;

      if (values[0] == NULL)
        return dnf_new_filter (new_filter (property->id, equals ? LW_OP_NOT_HAS_PROPERTY : LW_OP_HAS_PROPERTY,
                                           NULL));
      return dnf_new_filter (new_set_filter (property->id, equals ? LW_OP_IN : LW_OP_NOT_IN, values));
    }

  if (is_comparison (op))
    {
      static const struct { const char *name; LwOperator op; } comparisons[] = {
        { "lessThan", LW_OP_LT }, { "lessOrEqual", LW_OP_LTE },
        { "greaterThan", LW_OP_GT }, { "greaterOrEqual", LW_OP_GTE },
      };

      if (property->type != LW_PROPERTY_NUMBER && property->type != LW_PROPERTY_DATETIME)
        {
          report (importer, item,
                  /* translators: a Salesforce operation, then a property's label */
                  _("\"%s\" needs a number or a date, and %s is neither: the entry is left out"),
                  operation, property->label);
          return NULL;
        }
      if (values[0] == NULL || values[1] != NULL)
        {
          report (importer, item,
                  /* translators: a Salesforce operation */
                  _("\"%s\" needs exactly one value: the entry is left out"), operation);
          return NULL;
        }
      for (guint i = 0; i < G_N_ELEMENTS (comparisons); i++)
        if (strcmp (op, comparisons[i].name) == 0)
          return dnf_new_filter (new_filter (property->id, comparisons[i].op, values[0]));
    }

  if (strcmp (op, "contains") == 0 || strcmp (op, "notContain") == 0 ||
      strcmp (op, "includes") == 0 || strcmp (op, "excludes") == 0 ||
      strcmp (op, "startsWith") == 0)
    {
      gboolean positive = strcmp (op, "notContain") != 0 && strcmp (op, "excludes") != 0;
      gboolean starts = strcmp (op, "startsWith") == 0;
      LwFilterGroup *group = NULL;

      if (!is_text_type (property->type))
        {
          report (importer, item,
                  /* translators: a Salesforce operation, then a property's label */
                  _("\"%s\" needs a text, and %s is not one: the entry is left out"),
                  operation, property->label);
          return NULL;
        }
      if (values[0] == NULL)
        {
          report (importer, item,
                  /* translators: a Salesforce operation */
                  _("\"%s\" without a value cannot be expressed in Leadwright: the entry is "
                    "left out"),
                  operation);
          return NULL;
        }

      if (starts)
        report (importer, item, "%s",
                _("\"starts with\" is read as a word that starts with the value, which also "
                  "matches a later word"));
      else if (strcmp (op, "includes") == 0 || strcmp (op, "excludes") == 0)
        report (importer, item, "%s",
                _("a multi-select picklist test is read as whole-word matches on the field's "
                  "text"));
      else
        report (importer, item, "%s",
                _("Salesforce's \"contains\" matches any part of a text; Leadwright matches "
                  "whole words"));

      /* "contains a,b": a or b; "does not contain a,b": neither. */
      dnf = dnf_new ();
      for (guint i = 0; values[i] != NULL; i++)
        {
          g_autofree char *token = starts ? g_strconcat (values[i], "*", NULL) : g_strdup (values[i]);
          LwFilter *filter = new_filter (property->id,
                                         positive ? LW_OP_CONTAINS_TOKEN : LW_OP_NOT_CONTAINS_TOKEN,
                                         token);

          if (positive || group == NULL)
            {
              group = lw_filter_group_new ();
              g_ptr_array_add (dnf, group);
            }
          g_ptr_array_add (group->filters, filter);
        }
      return dnf;
    }

  report (importer, item,
          /* translators: a Salesforce operation */
          _("the operation \"%s\" cannot be expressed in Leadwright: the entry is left out"),
          operation);
  return NULL;
}

/* @a AND @b, multiplied out; NULL (reported at @at) when too large. */
static Dnf *
dnf_and (Importer *importer,
         Node     *at,
         Dnf      *a,
         Dnf      *b)
{
  Dnf *product;

  if ((guint64) a->len * b->len > MAX_GROUPS)
    {
      report (importer, at,
              /* translators: a number */
              _("the criteria make more than %d alternatives once multiplied out: the entry is "
                "left out"),
              MAX_GROUPS);
      return NULL;
    }

  product = dnf_new ();
  for (guint i = 0; i < a->len; i++)
    for (guint j = 0; j < b->len; j++)
      {
        LwFilterGroup *group = lw_filter_group_copy (g_ptr_array_index (a, i));
        const LwFilterGroup *more = g_ptr_array_index (b, j);

        for (guint k = 0; k < more->filters->len; k++)
          g_ptr_array_add (group->filters, lw_filter_copy (g_ptr_array_index (more->filters, k)));
        g_ptr_array_add (product, group);
      }
  return product;
}

static Dnf *
dnf_or (Importer *importer,
        Node     *at,
        Dnf      *a,
        Dnf      *b)
{
  Dnf *sum;

  if (a->len + b->len > MAX_GROUPS)
    {
      report (importer, at,
              /* translators: a number */
              _("the criteria make more than %d alternatives once multiplied out: the entry is "
                "left out"),
              MAX_GROUPS);
      return NULL;
    }
  sum = dnf_new ();
  for (guint i = 0; i < a->len; i++)
    g_ptr_array_add (sum, lw_filter_group_copy (g_ptr_array_index (a, i)));
  for (guint i = 0; i < b->len; i++)
    g_ptr_array_add (sum, lw_filter_group_copy (g_ptr_array_index (b, i)));
  return sum;
}

/* Reading a booleanFilter: "1 OR (2 AND NOT 3)". */
typedef struct
{
  Importer   *importer;
  Node       *at;          /* the booleanFilter element */
  GPtrArray  *items;       /* Node: the criteria, numbered from 1 */
  const char *p;
  gboolean   *used;        /* per item */
  gboolean    failed;
} FilterReader;

static Dnf *read_or (FilterReader *r, gboolean negate);

static void
skip_space (FilterReader *r)
{
  while (g_ascii_isspace (*r->p))
    r->p++;
}

/* Whether the keyword @word is next (any case, a whole word); eats it. */
static gboolean
eat_keyword (FilterReader *r,
             const char   *word)
{
  gsize n = strlen (word);

  skip_space (r);
  if (g_ascii_strncasecmp (r->p, word, n) == 0 && !g_ascii_isalnum (r->p[n]))
    {
      r->p += n;
      return TRUE;
    }
  return FALSE;
}

static Dnf *
fail_filter (FilterReader *r)
{
  if (!r->failed)
    report (r->importer, r->at,
            /* translators: the filter logic as written, then the place it goes wrong */
            _("cannot read the filter logic \"%s\" at \"%s\": the entry is left out"),
            r->at->text->str, r->p);
  r->failed = TRUE;
  return NULL;
}

static Dnf *
read_unary (FilterReader *r,
            gboolean      negate)
{
  guint64 number = 0;
  char *end = NULL;

  if (r->failed)
    return NULL;
  if (eat_keyword (r, "NOT"))
    return read_unary (r, !negate);

  skip_space (r);
  if (*r->p == '(')
    {
      Dnf *inner;

      r->p++;
      inner = read_or (r, negate);
      skip_space (r);
      if (inner == NULL || *r->p != ')')
        {
          g_clear_pointer (&inner, g_ptr_array_unref);
          return fail_filter (r);
        }
      r->p++;
      return inner;
    }

  if (!g_ascii_isdigit (*r->p))
    return fail_filter (r);
  number = g_ascii_strtoull (r->p, &end, 10);
  if (number < 1 || number > r->items->len)
    {
      if (!r->failed)
        report (r->importer, r->at,
                /* translators: a criterion's number and how many there are */
                _("the filter logic names criterion %" PRIu64 " of %u: the entry is "
                  "left out"),
                number, r->items->len);
      r->failed = TRUE;
      return NULL;
    }
  r->p = end;
  r->used[number - 1] = TRUE;
  {
    Dnf *dnf = convert_item (r->importer, g_ptr_array_index (r->items, number - 1), negate);

    if (dnf == NULL)
      r->failed = TRUE;
    return dnf;
  }
}

/* A chain of @keyword (AND or OR) of operands read by @read. Under
 * negation AND becomes OR and OR becomes AND (De Morgan). */
static Dnf *
read_chain (FilterReader *r,
            const char   *keyword,
            gboolean      negate,
            Dnf        *(*read) (FilterReader *, gboolean))
{
  g_autoptr(GPtrArray) result = read (r, negate);
  gboolean conjunction = (strcmp (keyword, "AND") == 0) != negate;

  while (result != NULL && eat_keyword (r, keyword))
    {
      g_autoptr(GPtrArray) next = read (r, negate);
      Dnf *combined;

      if (next == NULL)
        return NULL;
      combined = conjunction ? dnf_and (r->importer, r->at, result, next)
                             : dnf_or (r->importer, r->at, result, next);
      if (combined == NULL)
        {
          r->failed = TRUE;
          return NULL;
        }
      g_ptr_array_unref (result);
      result = combined;
    }
  return g_steal_pointer (&result);
}

static Dnf *
read_and (FilterReader *r,
          gboolean      negate)
{
  return read_chain (r, "AND", negate, read_unary);
}

static Dnf *
read_or (FilterReader *r,
         gboolean      negate)
{
  return read_chain (r, "OR", negate, read_and);
}

/* The condition of @entry, or NULL (reported) when it cannot be read. */
static LwCondition *
convert_criteria (Importer *importer,
                  Node     *entry)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new ();
  g_autoptr(GPtrArray) dnf = NULL;
  g_autoptr(LwCondition) condition = lw_condition_new ();
  Node *filter = find_child (entry, "booleanFilter");
  g_autofree char *logic = filter != NULL ? dup_text (filter) : NULL;

  for (guint i = 0; i < entry->children->len; i++)
    {
      Node *child = g_ptr_array_index (entry->children, i);

      if (strcmp (child->name, "criteriaItems") == 0)
        g_ptr_array_add (items, child);
    }

  if (logic != NULL && *logic != '\0')
    {
      g_autofree gboolean *used = g_new0 (gboolean, items->len + 1);
      FilterReader r = { importer, filter, items, logic, used, FALSE };

      dnf = read_or (&r, FALSE);
      skip_space (&r);
      if (dnf != NULL && *r.p != '\0')
        {
          g_clear_pointer (&dnf, g_ptr_array_unref);
          fail_filter (&r);
        }
      if (dnf == NULL)
        return NULL;
      for (guint i = 0; i < items->len; i++)
        if (!used[i])
          report (importer, g_ptr_array_index (items, i),
                  /* translators: a criterion's number */
                  _("criterion %u is not in the filter logic: it is left out, as Salesforce "
                    "leaves it out"),
                  i + 1);
    }
  else if (items->len > 0)
    {
      for (guint i = 0; i < items->len; i++)
        {
          g_autoptr(GPtrArray) next = convert_item (importer, g_ptr_array_index (items, i), FALSE);

          if (next == NULL)
            return NULL;
          if (dnf == NULL)
            dnf = g_steal_pointer (&next);
          else
            {
              Dnf *product = dnf_and (importer, entry, dnf, next);

              if (product == NULL)
                return NULL;
              g_ptr_array_unref (dnf);
              dnf = product;
            }
        }
    }

  for (guint i = 0; dnf != NULL && i < dnf->len; i++)
    g_ptr_array_add (condition->groups, lw_filter_group_copy (g_ptr_array_index (dnf, i)));
  return g_steal_pointer (&condition);
}

/* ---- owners ---------------------------------------------------------------------- */

static void
set_working_week (LwRep *rep)
{
  LwInterval day = { 9 * 60, 17 * 60 };

  for (guint d = 0; d < 5; d++)
    g_array_append_val (rep->hours.days[d], day);
}

/* "epic.38c7@orgfarm.salesforce.com" -> "epic-38c7". */
static char *
dup_rep_id (const char *username)
{
  const char *at = strchr (username, '@');
  gsize length = at != NULL && at != username ? (gsize) (at - username) : strlen (username);
  GString *id = g_string_new (NULL);

  for (gsize i = 0; i < length; i++)
    {
      char c = username[i];

      if (g_ascii_isalnum (c) || c == '_')
        g_string_append_c (id, g_ascii_tolower (c));
      else if (id->len > 0 && id->str[id->len - 1] != '-')
        g_string_append_c (id, '-');
    }
  while (id->len > 0 && id->str[id->len - 1] == '-')
    g_string_truncate (id, id->len - 1);
  if (id->len == 0)
    g_string_append (id, "salesforce-user");
  return g_string_free (id, FALSE);
}

#define IMPORT_TEAM_LABEL N_("Imported from Salesforce")

/* The team the reps the import adds go to, made (with @manager as its
 * manager) the first time: every rep needs a team, every team a manager. */
static const char *
ensure_import_team (Importer   *importer,
                    const char *manager)
{
  LwTeam *team;
  g_autofree char *id = NULL;

  if (importer->team != NULL)
    return importer->team;

  id = dup_free_id (importer->config->teams, "salesforce-import");
  team = lw_team_new (id, _(IMPORT_TEAM_LABEL));
  team->manager = g_strdup (manager);
  g_ptr_array_add (importer->config->teams, team);
  importer->team = team->id;
  return importer->team;
}

static const char *
resolve_user (Importer   *importer,
              Node       *at,
              const char *username)
{
  LwConfig *config = importer->config;
  const char *id = lw_salesforce_mapping_lookup_user (importer->mapping, username);
  g_autofree char *key = casefold (username);
  g_autofree char *wanted = NULL;
  g_autofree char *new_id = NULL;
  LwRep *rep;

  if (id != NULL && find_by_id (config->reps, id) != NULL)
    return id;

  for (guint i = 0; i < config->reps->len; i++)
    {
      LwRep *candidate = g_ptr_array_index (config->reps, i);
      g_autofree char *user = lw_salesforce_mapping_dup_user (importer->mapping, candidate);

      if (user != NULL && equal_casefold (user, username))
        return candidate->id;
    }

  id = g_hash_table_lookup (importer->users, key);
  if (id != NULL)
    return id;

  wanted = dup_rep_id (username);
  new_id = dup_free_id (config->reps, wanted);
  rep = lw_rep_new (new_id, username);
  if (strchr (username, '@') != NULL)
    {
      g_free (rep->email);
      rep->email = g_strdup (username);
    }
  set_working_week (rep);
  rep->team = g_strdup (ensure_import_team (importer, rep->id));
  g_ptr_array_add (config->reps, rep);
  g_hash_table_insert (importer->users, g_steal_pointer (&key), rep->id);

  report (importer, at,
          /* translators: a Salesforce username, a rep id, a team's label */
          _("no rep is the Salesforce user %s: added the rep \"%s\" to the team “%s”, working "
            "Monday to Friday, 09:00 to 17:00 UTC; set their name, role, team, time zone and "
            "hours"),
          username, rep->id, _(IMPORT_TEAM_LABEL));
  return rep->id;
}

static const char *
resolve_queue (Importer   *importer,
               Node       *at,
               const char *queue)
{
  LwConfig *config = importer->config;
  const char *id = lw_salesforce_mapping_lookup_queue (importer->mapping, queue);
  g_autofree char *key = casefold (queue);
  g_autofree char *wanted = NULL;
  g_autofree char *new_id = NULL;
  LwPool *pool;

  if (id != NULL && find_by_id (config->pools, id) != NULL)
    return id;

  for (guint i = 0; i < config->pools->len; i++)
    {
      LwPool *candidate = g_ptr_array_index (config->pools, i);
      g_autofree char *name = lw_salesforce_mapping_dup_queue (importer->mapping, candidate);

      if (equal_casefold (name, queue))
        return candidate->id;
    }

  id = g_hash_table_lookup (importer->queues, key);
  if (id != NULL)
    return id;

  wanted = lw_salesforce_developer_name (queue, 80);
  new_id = dup_free_id (config->pools, wanted);
  pool = lw_pool_new (new_id, queue);
  g_ptr_array_add (config->pools, pool);
  g_hash_table_insert (importer->queues, g_steal_pointer (&key), pool->id);

  report (importer, at,
          /* translators: a Salesforce queue, then a pool id */
          _("no pool is the queue %s: added the empty pool \"%s\"; add its members, or leads "
            "routed to it pass on to the next rule"),
          queue, pool->id);
  return pool->id;
}

/* The owner or pool @entry assigns to; FALSE (reported) when it says none
 * Leadwright can use. */
static gboolean
convert_assignee (Importer *importer,
                  Node     *entry,
                  LwTarget *target)
{
  Node *to = find_child (entry, "assignedTo");
  Node *type = find_child (entry, "assignedToType");
  g_autofree char *name = to != NULL ? dup_text (to) : NULL;
  g_autofree char *kind = type != NULL ? dup_text (type) : g_strdup ("User");

  if (name == NULL || *name == '\0')
    {
      report (importer, entry, "%s",
              _("the entry assigns to nobody: it is left out"));
      return FALSE;
    }

  if (strcmp (kind, "User") == 0)
    target->owner = g_strdup (resolve_user (importer, to, name));
  else if (strcmp (kind, "Queue") == 0)
    target->pool = g_strdup (resolve_queue (importer, to, name));
  else
    {
      report (importer, type,
              /* translators: what assignedToType said */
              _("\"%s\" is neither User nor Queue: the entry is left out"), kind);
      return FALSE;
    }
  return TRUE;
}

/* ---- entries ------------------------------------------------------------------------- */

static const char * const entry_members[] = {
  "assignedTo", "assignedToType", "booleanFilter", "criteriaItems", NULL
};

/* Elements of an entry that concern cases, notifications or teams. */
static void
report_ignored (Importer *importer,
                Node     *entry)
{
  for (guint i = 0; i < entry->children->len; i++)
    {
      Node *child = g_ptr_array_index (entry->children, i);

      if (g_strv_contains (entry_members, child->name) || strcmp (child->name, "formula") == 0)
        continue;
      if (strcmp (child->name, "template") == 0)
        report (importer, child, "%s",
                _("the email template that notifies the new owner is not imported: Leadwright "
                  "sends no email"));
      else
        report (importer, child,
                /* translators: an XML element name */
                _("<%s> has no counterpart in a Leadwright routing rule: it is ignored"),
                child->name);
    }
}

typedef struct
{
  Node        *node;
  guint        number;       /* 1-based position among the entries */
  LwCondition *when;
  LwTarget     target;
} Entry;

static void
entry_free (Entry *entry)
{
  g_clear_pointer (&entry->when, lw_condition_free);
  g_free (entry->target.owner);
  g_free (entry->target.pool);
  g_free (entry);
}

static Entry *
convert_entry (Importer *importer,
               Node     *node,
               guint     number)
{
  Entry *entry;
  g_autoptr(LwCondition) when = NULL;
  LwTarget target = { NULL, NULL };

  report_ignored (importer, node);

  if (find_child (node, "formula") != NULL)
    {
      report (importer, find_child (node, "formula"), "%s",
              _("formula criteria cannot be expressed in Leadwright: the entry is left out"));
      return NULL;
    }

  when = convert_criteria (importer, node);
  if (when == NULL)
    return NULL;
  if (!convert_assignee (importer, node, &target))
    return NULL;

  entry = g_new0 (Entry, 1);
  entry->node = node;
  entry->number = number;
  entry->when = g_steal_pointer (&when);
  entry->target = target;
  return entry;
}

static gboolean
has_criteria (Node *entry)
{
  return find_child (entry, "criteriaItems") != NULL || find_child (entry, "formula") != NULL;
}

static gboolean
is_active (Node *rule)
{
  g_autofree char *active = dup_child_text (rule, "active");

  return g_strcmp0 (active, "true") == 0;
}

/* The assignment rule to import: the active one, else the first. */
static Node *
choose_rule (Importer *importer,
             Node     *root)
{
  Node *chosen = NULL;

  for (guint i = 0; i < root->children->len; i++)
    {
      Node *child = g_ptr_array_index (root->children, i);

      if (strcmp (child->name, "assignmentRule") != 0)
        continue;
      if (chosen == NULL || (is_active (child) && !is_active (chosen)))
        chosen = child;
    }

  for (guint i = 0; chosen != NULL && i < root->children->len; i++)
    {
      Node *child = g_ptr_array_index (root->children, i);
      g_autofree char *name = NULL;

      if (child == chosen)
        continue;
      if (strcmp (child->name, "assignmentRule") != 0)
        {
          if (strcmp (child->name, "fullName") != 0)
            report (importer, child,
                    /* translators: an XML element name */
                    _("<%s> is not part of assignment rules: it is ignored"), child->name);
          continue;
        }
      name = dup_child_text (child, "fullName");
      report (importer, child,
              /* translators: an assignment rule's name */
              _("only one assignment rule is imported (the active one, else the first): "
                "\"%s\" is left out"),
              name != NULL ? name : "");
    }
  return chosen;
}

static LwConfig *
import_tree (Importer  *importer,
             Node      *root,
             GError   **error)
{
  LwConfig *config = importer->config;
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();
  g_autoptr(GPtrArray) converted = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
  g_autoptr(GPtrArray) diagnostics = lw_diagnostics_new ();
  Entry *fallback = NULL;
  Node *rule;

  if (strcmp (root->name, "AssignmentRules") != 0)
    {
      g_set_error (error, LW_SALESFORCE_ERROR, LW_SALESFORCE_ERROR_FORMAT,
                   /* translators: a file, then the name of its root element */
                   _("%s: <%s> is not Salesforce assignment rules (<AssignmentRules>)"),
                   importer->filename, root->name);
      return NULL;
    }
  rule = choose_rule (importer, root);
  if (rule == NULL)
    {
      g_set_error (error, LW_SALESFORCE_ERROR, LW_SALESFORCE_ERROR_FORMAT,
                   /* translators: %s is a file */
                   _("%s: the file holds no <assignmentRule>"), importer->filename);
      return NULL;
    }

  for (guint i = 0; i < rule->children->len; i++)
    {
      Node *child = g_ptr_array_index (rule->children, i);

      if (strcmp (child->name, "ruleEntry") == 0)
        g_ptr_array_add (entries, child);
      else if (strcmp (child->name, "fullName") != 0 && strcmp (child->name, "active") != 0)
        report (importer, child,
                /* translators: an XML element name */
                _("<%s> is not part of an assignment rule: it is ignored"), child->name);
    }

  add_missing_properties (importer, entries);

  for (guint i = 0; i < entries->len; i++)
    {
      Entry *entry = convert_entry (importer, g_ptr_array_index (entries, i), i + 1);

      if (entry != NULL)
        g_ptr_array_add (converted, entry);
    }

  /* A last entry without criteria takes every lead that is left: the
   * fallback. */
  if (entries->len > 0 && converted->len > 0)
    {
      Entry *last = g_ptr_array_index (converted, converted->len - 1);

      if (last->node == g_ptr_array_index (entries, entries->len - 1) && !has_criteria (last->node))
        fallback = last;
    }
  if (fallback != NULL)
    {
      g_free (config->fallback.owner);
      g_free (config->fallback.pool);
      config->fallback.owner = g_strdup (fallback->target.owner);
      config->fallback.pool = g_strdup (fallback->target.pool);
    }
  else
    report (importer, rule,
            /* translators: the fallback owner or pool */
            _("the last entry has criteria, so Salesforce leaves the leads no entry takes with "
              "their creator: the fallback of the rule set (%s) is kept"),
            config->fallback.owner != NULL ? config->fallback.owner : config->fallback.pool);

  g_ptr_array_set_size (config->rules, 0);
  for (guint i = 0; i < converted->len; i++)
    {
      Entry *entry = g_ptr_array_index (converted, i);
      g_autofree char *id = NULL;
      LwRoutingRule *routing;

      if (entry == fallback)
        continue;
      id = g_strdup_printf ("salesforce-entry-%u", entry->number);
      routing = lw_routing_rule_new (id, id, entry->target.owner != NULL ? LW_ASSIGN_OWNER : LW_ASSIGN_POOL);
      lw_condition_free (routing->when);
      routing->when = g_steal_pointer (&entry->when);
      routing->target.owner = g_strdup (entry->target.owner);
      routing->target.pool = g_strdup (entry->target.pool);
      g_ptr_array_add (config->rules, routing);
    }

  if (!lw_config_bind (config, diagnostics))
    {
      for (guint i = 0; i < diagnostics->len; i++)
        if (importer->report != NULL)
          g_ptr_array_add (importer->report, g_ptr_array_steal_index (diagnostics, i--));
      g_set_error (error, LW_SALESFORCE_ERROR, LW_SALESFORCE_ERROR_INVALID,
                   /* translators: %s is a file */
                   _("%s: the imported rules do not make a valid rule set"), importer->filename);
      return NULL;
    }

  /* Labels say what each rule takes, now that values have their labels. */
  for (guint i = 0, r = 0; i < converted->len; i++)
    {
      Entry *entry = g_ptr_array_index (converted, i);
      LwRoutingRule *routing;
      g_autofree char *what = NULL;

      if (entry == fallback)
        continue;
      routing = g_ptr_array_index (config->rules, r++);
      what = lw_condition_describe (routing->when, config);
      g_free (routing->label);
      /* translators: an entry's number and what it takes */
      routing->label = g_strdup_printf (_("Salesforce entry %u: %s"), entry->number, what);
    }

  return lw_config_ref (config);
}

LwConfig *
lw_salesforce_import (const LwConfig            *base,
                      const LwSalesforceMapping *mapping,
                      const char                *data,
                      gssize                     length,
                      const char                *filename,
                      GPtrArray                 *report,
                      GError                   **error)
{
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(LwSalesforceMapping) defaults = NULL;
  g_autoptr(GHashTable) fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) users = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) queues = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(LwConfig) config = NULL;
  g_autoptr(Node) root = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GArray) lines = g_array_new (FALSE, FALSE, sizeof (gsize));
  TreeBuilder builder = { NULL, NULL, NULL, 0, lines };
  Importer importer = { mapping, filename != NULL ? filename : "<data>", report, NULL,
                        fields, users, queues, NULL };

  g_return_val_if_fail (base != NULL, NULL);
  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length < 0)
    length = strlen (data);
  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      length -= 3;
    }

  builder.data = data;
  builder.length = length;
  {
    gsize start = 0;

    g_array_append_val (lines, start);
    for (gsize i = 0; i < (gsize) length; i++)
      if (data[i] == '\n')
        {
          start = i + 1;
          g_array_append_val (lines, start);
        }
  }

  context = g_markup_parse_context_new (&tree_parser, G_MARKUP_TREAT_CDATA_AS_TEXT, &builder, NULL);
  if (!g_markup_parse_context_parse (context, data, length, &local_error) ||
      !g_markup_parse_context_end_parse (context, &local_error))
    {
      int line = 0, column = 0;

      g_markup_parse_context_get_position (context, &line, &column);
      root = builder.root;
      g_set_error (error, LW_SALESFORCE_ERROR, LW_SALESFORCE_ERROR_PARSE,
                   "%s:%d:%d: %s", importer.filename, line, column, local_error->message);
      return NULL;
    }
  root = builder.root;
  if (root == NULL)
    {
      g_set_error (error, LW_SALESFORCE_ERROR, LW_SALESFORCE_ERROR_PARSE,
                   /* translators: %s is a file */
                   _("%s: the file holds no XML element"), importer.filename);
      return NULL;
    }

  if (mapping == NULL)
    importer.mapping = defaults = lw_salesforce_mapping_new ();
  config = lw_config_copy (base);
  importer.config = config;
  return import_tree (&importer, root, error);
}

LwConfig *
lw_salesforce_import_file (const LwConfig            *base,
                           const LwSalesforceMapping *mapping,
                           const char                *filename,
                           GPtrArray                 *report,
                           GError                   **error)
{
  g_autofree char *data = NULL;
  gsize length = 0;

  g_return_val_if_fail (base != NULL, NULL);
  g_return_val_if_fail (filename != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_file_get_contents (filename, &data, &length, error))
    return NULL;
  return lw_salesforce_import (base, mapping, data, length, filename, report, error);
}
