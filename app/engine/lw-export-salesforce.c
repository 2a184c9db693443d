/* lw-export-salesforce.c: routing as Salesforce assignment-rules metadata
 *
 * The XML is built as text with every value escaped; the element order is
 * the one of the Metadata API 53.0 schema (RuleEntry: assignedTo,
 * assignedToType, booleanFilter, businessHours, businessHoursSource,
 * criteriaItems, escalationAction, escalationStartTime; FilterItem: field,
 * operation, value), so the files validate against it.
 *
 * A Leadwright condition is an OR of AND groups. A single group becomes
 * plain criteriaItems (Salesforce ANDs them); several groups number their
 * items one after the other and say how they combine in booleanFilter:
 * "1 OR (2 AND 3)". Operators map as follows:
 *
 *   EQ, IN             equals (IN: the values joined by commas)
 *   NEQ, NOT_IN        notEqual (NOT_IN: values joined by commas)
 *   LT LTE GT GTE      lessThan lessOrEqual greaterThan greaterOrEqual
 *   BETWEEN            greaterOrEqual low AND lessOrEqual high
 *   HAS_PROPERTY       notEqual with no value
 *   NOT_HAS_PROPERTY   equals with no value
 *   CONTAINS_TOKEN     contains (a "*" at either end dropped)
 *   NOT_CONTAINS_TOKEN notContain
 *
 * lw-import-salesforce.c reads the same shapes back, so that an export
 * imported and exported again gives the same bytes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <errno.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "lw-export-salesforce.h"
#include "lw-json-pos.h"

G_DEFINE_QUARK (lw-salesforce-error-quark, lw_salesforce_error)

#define RULE_NAME_MAX   80
#define FIELD_NAME_MAX  40
#define QUEUE_NAME_MAX  80

/* ---- the mapping ------------------------------------------------------------ */

struct _LwSalesforceMapping
{
  char       *rule_name;   /* NULL: from the rule set */
  gboolean    active;
  GHashTable *fields;      /* property id -> "Lead.Field" */
  GHashTable *values;      /* property id -> (value -> Salesforce value) */
  GHashTable *users;       /* rep id -> username */
  GHashTable *queues;      /* pool id -> queue developer name */
};

/* Standard Lead fields, by property id with "-" read as "_". */
static const struct
{
  const char *id;
  const char *field;
} standard_fields[] = {
  { "email", "Lead.Email" },
  { "first_name", "Lead.FirstName" },
  { "firstname", "Lead.FirstName" },
  { "last_name", "Lead.LastName" },
  { "lastname", "Lead.LastName" },
  { "company", "Lead.Company" },
  { "job_title", "Lead.Title" },
  { "jobtitle", "Lead.Title" },
  { "title", "Lead.Title" },
  { "industry", "Lead.Industry" },
  { "employees", "Lead.NumberOfEmployees" },
  { "number_of_employees", "Lead.NumberOfEmployees" },
  { "numberofemployees", "Lead.NumberOfEmployees" },
  { "country", "Lead.Country" },
  { "state", "Lead.State" },
  { "city", "Lead.City" },
  { "postal_code", "Lead.PostalCode" },
  { "phone", "Lead.Phone" },
  { "mobile_phone", "Lead.MobilePhone" },
  { "website", "Lead.Website" },
  { "annual_revenue", "Lead.AnnualRevenue" },
  { "rating", "Lead.Rating" },
  { "lead_status", "Lead.Status" },
  { "source", "Lead.LeadSource" },
  { "lead_source", "Lead.LeadSource" },
  { "created_at", "Lead.CreatedDate" },
};

static void
free_table (gpointer data)
{
  g_hash_table_unref (data);
}

LwSalesforceMapping *
lw_salesforce_mapping_new (void)
{
  LwSalesforceMapping *mapping = g_new0 (LwSalesforceMapping, 1);

  mapping->fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  mapping->values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, free_table);
  mapping->users = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  mapping->queues = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return mapping;
}

void
lw_salesforce_mapping_free (LwSalesforceMapping *mapping)
{
  if (mapping == NULL)
    return;
  g_free (mapping->rule_name);
  g_hash_table_unref (mapping->fields);
  g_hash_table_unref (mapping->values);
  g_hash_table_unref (mapping->users);
  g_hash_table_unref (mapping->queues);
  g_free (mapping);
}

void
lw_salesforce_mapping_set_field (LwSalesforceMapping *mapping,
                                 const char          *property,
                                 const char          *field)
{
  g_return_if_fail (mapping != NULL);
  g_return_if_fail (property != NULL);
  g_return_if_fail (field != NULL);

  g_hash_table_replace (mapping->fields, g_strdup (property), g_strdup (field));
}

void
lw_salesforce_mapping_set_value (LwSalesforceMapping *mapping,
                                 const char          *property,
                                 const char          *value,
                                 const char          *salesforce_value)
{
  GHashTable *table;

  g_return_if_fail (mapping != NULL);
  g_return_if_fail (property != NULL);
  g_return_if_fail (value != NULL);
  g_return_if_fail (salesforce_value != NULL);

  table = g_hash_table_lookup (mapping->values, property);
  if (table == NULL)
    {
      table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_hash_table_insert (mapping->values, g_strdup (property), table);
    }
  g_hash_table_replace (table, g_strdup (value), g_strdup (salesforce_value));
}

void
lw_salesforce_mapping_set_user (LwSalesforceMapping *mapping,
                                const char          *rep,
                                const char          *username)
{
  g_return_if_fail (mapping != NULL);
  g_return_if_fail (rep != NULL);
  g_return_if_fail (username != NULL);

  g_hash_table_replace (mapping->users, g_strdup (rep), g_strdup (username));
}

void
lw_salesforce_mapping_set_queue (LwSalesforceMapping *mapping,
                                 const char          *pool,
                                 const char          *queue)
{
  g_return_if_fail (mapping != NULL);
  g_return_if_fail (pool != NULL);
  g_return_if_fail (queue != NULL);

  g_hash_table_replace (mapping->queues, g_strdup (pool), g_strdup (queue));
}

void
lw_salesforce_mapping_set_rule_name (LwSalesforceMapping *mapping,
                                     const char          *name)
{
  g_return_if_fail (mapping != NULL);

  g_free (mapping->rule_name);
  mapping->rule_name = g_strdup (name);
}

void
lw_salesforce_mapping_set_active (LwSalesforceMapping *mapping,
                                  gboolean             active)
{
  g_return_if_fail (mapping != NULL);

  mapping->active = !!active;
}

char *
lw_salesforce_developer_name (const char *text,
                              guint       max_length)
{
  GString *name;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (max_length >= 2, NULL);

  name = g_string_new (NULL);
  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p))
        {
          if (name->len == 0 && !g_ascii_isalpha (*p))
            g_string_append_c (name, 'X');
          g_string_append_c (name, *p);
        }
      else if (name->len > 0 && name->str[name->len - 1] != '_')
        g_string_append_c (name, '_');
    }
  if (name->len > max_length)
    g_string_truncate (name, max_length);
  while (name->len > 0 && name->str[name->len - 1] == '_')
    g_string_truncate (name, name->len - 1);
  if (name->len == 0)
    g_string_append (name, "X");
  return g_string_free (name, FALSE);
}

char *
lw_salesforce_mapping_dup_rule_name (const LwSalesforceMapping *mapping,
                                     const LwConfig            *config)
{
  const char *name = NULL;
  const char *end;

  g_return_val_if_fail (config != NULL, NULL);

  if (mapping != NULL && mapping->rule_name != NULL && *mapping->rule_name != '\0')
    name = mapping->rule_name;
  else if (config->name != NULL && *config->name != '\0')
    name = config->name;
  else
    return g_strdup ("Leadwright");

  if (g_utf8_strlen (name, -1) <= RULE_NAME_MAX)
    return g_strdup (name);
  end = g_utf8_offset_to_pointer (name, RULE_NAME_MAX);
  return g_strndup (name, end - name);
}

gboolean
lw_salesforce_mapping_get_active (const LwSalesforceMapping *mapping)
{
  return mapping != NULL && mapping->active;
}

char *
lw_salesforce_mapping_dup_field (const LwSalesforceMapping *mapping,
                                 const LwProperty          *property,
                                 gboolean                  *custom)
{
  const char *field = NULL;
  g_autofree char *key = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (property != NULL, NULL);

  if (custom != NULL)
    *custom = FALSE;
  if (mapping != NULL)
    field = g_hash_table_lookup (mapping->fields, property->id);
  if (field != NULL)
    return g_strdup (field);

  key = g_ascii_strdown (property->id, -1);
  g_strdelimit (key, "-", '_');
  for (guint i = 0; i < G_N_ELEMENTS (standard_fields); i++)
    if (strcmp (key, standard_fields[i].id) == 0)
      return g_strdup (standard_fields[i].field);

  if (custom != NULL)
    *custom = TRUE;
  name = lw_salesforce_developer_name (property->id, FIELD_NAME_MAX);
  return g_strdup_printf ("Lead.%s__c", name);
}

const char *
lw_salesforce_mapping_get_value (const LwSalesforceMapping *mapping,
                                 const char                *property,
                                 const char                *value)
{
  GHashTable *table;
  const char *mapped;

  g_return_val_if_fail (property != NULL, NULL);
  g_return_val_if_fail (value != NULL, NULL);

  if (mapping == NULL)
    return value;
  table = g_hash_table_lookup (mapping->values, property);
  mapped = table != NULL ? g_hash_table_lookup (table, value) : NULL;
  return mapped != NULL ? mapped : value;
}

static gboolean
equal_casefold (const char *a,
                const char *b)
{
  g_autofree char *fa = g_utf8_casefold (a, -1);
  g_autofree char *fb = g_utf8_casefold (b, -1);

  return strcmp (fa, fb) == 0;
}

/* The smallest key of @table whose value equals @wanted ignoring case:
 * the smallest, so that an ambiguous mapping still reads the same way
 * each time. */
static const char *
find_key_by_value (GHashTable *table,
                   const char *wanted)
{
  GHashTableIter iter;
  gpointer key, value;
  const char *found = NULL;

  if (table == NULL)
    return NULL;
  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (equal_casefold (value, wanted) && (found == NULL || strcmp (key, found) < 0))
      found = key;
  return found;
}

const char *
lw_salesforce_mapping_lookup_value (const LwSalesforceMapping *mapping,
                                    const char                *property,
                                    const char                *salesforce_value)
{
  g_return_val_if_fail (property != NULL, NULL);
  g_return_val_if_fail (salesforce_value != NULL, NULL);

  if (mapping == NULL)
    return NULL;
  return find_key_by_value (g_hash_table_lookup (mapping->values, property), salesforce_value);
}

char *
lw_salesforce_mapping_dup_user (const LwSalesforceMapping *mapping,
                                const LwRep               *rep)
{
  const char *user = NULL;

  g_return_val_if_fail (rep != NULL, NULL);

  if (mapping != NULL)
    user = g_hash_table_lookup (mapping->users, rep->id);
  if (user != NULL)
    return g_strdup (user);
  if (rep->email != NULL && *rep->email != '\0')
    return g_strdup (rep->email);
  return NULL;
}

char *
lw_salesforce_mapping_dup_queue (const LwSalesforceMapping *mapping,
                                 const LwPool              *pool)
{
  const char *queue = NULL;

  g_return_val_if_fail (pool != NULL, NULL);

  if (mapping != NULL)
    queue = g_hash_table_lookup (mapping->queues, pool->id);
  if (queue != NULL)
    return g_strdup (queue);
  return lw_salesforce_developer_name (pool->id, QUEUE_NAME_MAX);
}

const char *
lw_salesforce_mapping_lookup_user (const LwSalesforceMapping *mapping,
                                   const char                *username)
{
  g_return_val_if_fail (username != NULL, NULL);

  return mapping != NULL ? find_key_by_value (mapping->users, username) : NULL;
}

const char *
lw_salesforce_mapping_lookup_queue (const LwSalesforceMapping *mapping,
                                    const char                *queue)
{
  g_return_val_if_fail (queue != NULL, NULL);

  return mapping != NULL ? find_key_by_value (mapping->queues, queue) : NULL;
}

/* ---- reading the mapping ------------------------------------------------------- */

typedef struct
{
  const char      *filename;
  LwJsonPositions *positions;
  GError         **error;
} MappingReader;

static gboolean fail_mapping_at (MappingReader *r,
                                 gboolean       at_key,
                                 const char    *path,
                                 const char    *format,
                                 ...) G_GNUC_PRINTF (4, 5);

/* Sets the error, located at the value (or, with @at_key, the key) of
 * @path, and returns FALSE. */
static gboolean
fail_mapping_at (MappingReader *r,
                 gboolean       at_key,
                 const char    *path,
                 const char    *format,
                 ...)
{
  g_autofree char *message = NULL;
  int line = 0, column = 0;
  gboolean found = FALSE;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (r->positions != NULL)
    found = at_key ? lw_json_positions_lookup_key (r->positions, path, &line, &column)
                   : lw_json_positions_lookup (r->positions, path, &line, &column);
  if (found)
    g_set_error (r->error, LW_SALESFORCE_ERROR, LW_SALESFORCE_ERROR_MAPPING,
                 "%s:%d:%d: %s: %s", r->filename, line, column, path, message);
  else
    g_set_error (r->error, LW_SALESFORCE_ERROR, LW_SALESFORCE_ERROR_MAPPING,
                 "%s: %s: %s", r->filename, path, message);
  return FALSE;
}

#define fail_mapping(r, path, ...) fail_mapping_at ((r), FALSE, (path), __VA_ARGS__)

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

/* "Lead.Country", "Lead.Region__c". */
static gboolean
is_lead_field (const char *field)
{
  return g_str_has_prefix (field, "Lead.") && is_api_name (field + strlen ("Lead."));
}

static char *
member_path (const char *parent,
             const char *key)
{
  GString *path = g_string_new (parent);

  lw_json_path_append_member (path, key);
  return g_string_free (path, FALSE);
}

/* Reads an object of strings into @table (key -> text), checking each
 * text with @check (may be NULL). */
static gboolean
read_string_map (MappingReader *r,
                 JsonNode      *node,
                 const char    *path,
                 gboolean     (*check) (const char *),
                 const char    *expected,
                 GHashTable    *table)
{
  JsonObject *object;
  g_autoptr(GList) members = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return fail_mapping (r, path, _("expected an object"));
  object = json_node_get_object (node);
  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *key = l->data;
      JsonNode *value = json_object_get_member (object, key);
      g_autofree char *at = member_path (path, key);
      const char *text;

      if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_STRING)
        return fail_mapping (r, at, _("expected a string"));
      text = json_node_get_string (value);
      if (*key == '\0')
        return fail_mapping (r, at, _("the key is empty"));
      if (*text == '\0' || (check != NULL && !check (text)))
        /* translators: "Lead.Region" is not a ... ; what is expected follows */
        return fail_mapping (r, at, _("\"%s\" is not %s"), text, expected);
      g_hash_table_replace (table, g_strdup (key), g_strdup (text));
    }
  return TRUE;
}

static gboolean
read_mapping (MappingReader       *r,
              JsonNode            *root,
              LwSalesforceMapping *mapping)
{
  static const char * const members[] = {
    "format", "version", "ruleName", "active", "fields", "values", "users", "queues", NULL
  };
  JsonObject *object;
  JsonNode *node;
  g_autoptr(GList) keys = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    return fail_mapping (r, "$", _("expected an object"));
  object = json_node_get_object (root);

  keys = json_object_get_members (object);
  for (GList *l = keys; l != NULL; l = l->next)
    if (!g_strv_contains (members, l->data))
      {
        g_autofree char *at = member_path ("$", l->data);

        /* translators: %s is a JSON member name */
        return fail_mapping_at (r, TRUE, at, _("unknown member \"%s\""), (const char *) l->data);
      }

  node = json_object_get_member (object, "format");
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING ||
      strcmp (json_node_get_string (node), LW_SALESFORCE_MAPPING_FORMAT) != 0)
    return fail_mapping (r, node != NULL ? "$.format" : "$",
                         _("not a Salesforce mapping: \"format\" must be \"%s\""),
                         LW_SALESFORCE_MAPPING_FORMAT);

  node = json_object_get_member (object, "version");
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64 || json_node_get_int (node) < 1)
    return fail_mapping (r, node != NULL ? "$.version" : "$",
                         _("\"version\" must be a whole number from 1"));
  if (json_node_get_int (node) > LW_SALESFORCE_MAPPING_VERSION)
    /* translators: the version of a file and the newest this build reads */
    return fail_mapping (r, "$.version", _("version %" PRId64 " is newer than this build reads (%d)"),
                         json_node_get_int (node), LW_SALESFORCE_MAPPING_VERSION);

  node = json_object_get_member (object, "ruleName");
  if (node != NULL)
    {
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        return fail_mapping (r, "$.ruleName", _("expected a string"));
      lw_salesforce_mapping_set_rule_name (mapping, json_node_get_string (node));
    }

  node = json_object_get_member (object, "active");
  if (node != NULL)
    {
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
        return fail_mapping (r, "$.active", _("expected true or false"));
      mapping->active = json_node_get_boolean (node);
    }

  node = json_object_get_member (object, "fields");
  if (node != NULL &&
      !read_string_map (r, node, "$.fields", is_lead_field,
                        _("a Lead field (Lead.ApiName)"), mapping->fields))
    return FALSE;

  node = json_object_get_member (object, "users");
  if (node != NULL &&
      !read_string_map (r, node, "$.users", NULL, _("a username"), mapping->users))
    return FALSE;

  node = json_object_get_member (object, "queues");
  if (node != NULL &&
      !read_string_map (r, node, "$.queues", is_api_name,
                        _("a queue's developer name"), mapping->queues))
    return FALSE;

  node = json_object_get_member (object, "values");
  if (node != NULL)
    {
      JsonObject *values;
      g_autoptr(GList) properties = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return fail_mapping (r, "$.values", _("expected an object"));
      values = json_node_get_object (node);
      properties = json_object_get_members (values);
      for (GList *l = properties; l != NULL; l = l->next)
        {
          g_autofree char *at = member_path ("$.values", l->data);
          GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

          g_hash_table_insert (mapping->values, g_strdup (l->data), table);
          if (!read_string_map (r, json_object_get_member (values, l->data), at, NULL,
                                _("a value"), table))
            return FALSE;
        }
    }

  return TRUE;
}

LwSalesforceMapping *
lw_salesforce_mapping_load_data (const char  *data,
                                 gssize       length,
                                 const char  *filename,
                                 GError     **error)
{
  g_autoptr(LwSalesforceMapping) mapping = NULL;
  g_autoptr(LwJsonPositions) positions = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  MappingReader r = { filename != NULL ? filename : "<data>", NULL, error };
  int line = 0, column = 0;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length < 0)
    length = strlen (data);

  positions = lw_json_positions_scan (data, length, &line, &column, &local_error);
  if (positions == NULL)
    {
      /* The message is "LINE:COL: what". */
      g_set_error (error, LW_SALESFORCE_ERROR, LW_SALESFORCE_ERROR_MAPPING,
                   "%s:%s", r.filename, local_error->message);
      return NULL;
    }
  r.positions = positions;

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      g_set_error (error, LW_SALESFORCE_ERROR, LW_SALESFORCE_ERROR_MAPPING,
                   "%s: %s", r.filename, local_error->message);
      return NULL;
    }

  mapping = lw_salesforce_mapping_new ();
  if (!read_mapping (&r, json_parser_get_root (parser), mapping))
    return NULL;
  return g_steal_pointer (&mapping);
}

LwSalesforceMapping *
lw_salesforce_mapping_load_file (const char  *filename,
                                 GError     **error)
{
  g_autofree char *data = NULL;
  gsize length = 0;

  g_return_val_if_fail (filename != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_file_get_contents (filename, &data, &length, error))
    return NULL;
  return lw_salesforce_mapping_load_data (data, length, filename, error);
}

/* ---- writing the mapping ----------------------------------------------------------- */

static void
append_json_string (GString    *out,
                    const char *text)
{
  g_autoptr(JsonNode) node = json_node_init_string (json_node_alloc (), text);
  g_autofree char *quoted = json_to_string (node, FALSE);

  g_string_append (out, quoted);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The keys of @table, sorted. */
static GPtrArray *
sorted_keys (GHashTable *table)
{
  GPtrArray *keys = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (keys, key);
  g_ptr_array_sort (keys, compare_strings);
  return keys;
}

/* Appends "key": "value" members, the first with @first. */
static void
append_member (GString    *out,
               gboolean   *first,
               guint       indent,
               const char *key,
               const char *value)
{
  g_string_append (out, *first ? "\n" : ",\n");
  *first = FALSE;
  for (guint i = 0; i < indent; i++)
    g_string_append_c (out, ' ');
  append_json_string (out, key);
  g_string_append (out, ": ");
  append_json_string (out, value);
}

static void
close_object (GString  *out,
              gboolean  empty,
              guint     indent)
{
  if (empty)
    {
      g_string_append (out, "}");
      return;
    }
  g_string_append_c (out, '\n');
  for (guint i = 0; i < indent; i++)
    g_string_append_c (out, ' ');
  g_string_append_c (out, '}');
}

/* Members for the ids of @list (elements whose first field is the id) in
 * their order, then what else @table holds, sorted. @dup gives the name. */
static void
append_names (GString     *out,
              GPtrArray   *list,
              GHashTable  *table,
              char      *(*dup) (const LwSalesforceMapping *, gconstpointer),
              const LwSalesforceMapping *mapping)
{
  g_autoptr(GHashTable) done = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) rest = sorted_keys (table);
  gboolean first = TRUE;

  g_string_append (out, "{");
  for (guint i = 0; i < list->len; i++)
    {
      gconstpointer element = g_ptr_array_index (list, i);
      const char *id = *(char * const *) element;
      g_autofree char *name = dup (mapping, element);

      if (name == NULL || !g_hash_table_add (done, (gpointer) id))
        continue;
      append_member (out, &first, 4, id, name);
    }
  for (guint i = 0; i < rest->len; i++)
    {
      const char *id = g_ptr_array_index (rest, i);

      if (!g_hash_table_contains (done, id))
        append_member (out, &first, 4, id, g_hash_table_lookup (table, id));
    }
  close_object (out, first, 2);
}

static char *
dup_field_name (const LwSalesforceMapping *mapping,
                gconstpointer              element)
{
  return lw_salesforce_mapping_dup_field (mapping, element, NULL);
}

static char *
dup_user_name (const LwSalesforceMapping *mapping,
               gconstpointer              element)
{
  return lw_salesforce_mapping_dup_user (mapping, element);
}

static char *
dup_queue_name (const LwSalesforceMapping *mapping,
                gconstpointer              element)
{
  return lw_salesforce_mapping_dup_queue (mapping, element);
}

char *
lw_salesforce_mapping_to_data (const LwSalesforceMapping *mapping,
                               const LwConfig            *config,
                               gsize                     *length)
{
  g_autoptr(LwSalesforceMapping) defaults = NULL;
  g_autofree char *rule_name = NULL;
  g_autoptr(GPtrArray) properties = NULL;
  GString *out;
  gboolean first = TRUE;

  g_return_val_if_fail (config != NULL, NULL);

  if (mapping == NULL)
    mapping = defaults = lw_salesforce_mapping_new ();

  out = g_string_new ("{\n  \"format\": ");
  append_json_string (out, LW_SALESFORCE_MAPPING_FORMAT);
  g_string_append_printf (out, ",\n  \"version\": %d,\n  \"ruleName\": ", LW_SALESFORCE_MAPPING_VERSION);
  rule_name = lw_salesforce_mapping_dup_rule_name (mapping, config);
  append_json_string (out, rule_name);
  g_string_append_printf (out, ",\n  \"active\": %s,\n  \"fields\": ", mapping->active ? "true" : "false");
  append_names (out, config->properties, mapping->fields, dup_field_name, mapping);

  g_string_append (out, ",\n  \"values\": {");
  properties = sorted_keys (mapping->values);
  for (guint i = 0; i < properties->len; i++)
    {
      const char *property = g_ptr_array_index (properties, i);
      GHashTable *table = g_hash_table_lookup (mapping->values, property);
      g_autoptr(GPtrArray) values = sorted_keys (table);
      gboolean first_value = TRUE;

      g_string_append (out, first ? "\n    " : ",\n    ");
      first = FALSE;
      append_json_string (out, property);
      g_string_append (out, ": {");
      for (guint j = 0; j < values->len; j++)
        append_member (out, &first_value, 6, g_ptr_array_index (values, j),
                       g_hash_table_lookup (table, g_ptr_array_index (values, j)));
      close_object (out, first_value, 4);
    }
  close_object (out, first, 2);

  g_string_append (out, ",\n  \"users\": ");
  append_names (out, config->reps, mapping->users, dup_user_name, mapping);
  g_string_append (out, ",\n  \"queues\": ");
  append_names (out, config->pools, mapping->queues, dup_queue_name, mapping);
  g_string_append (out, "\n}\n");

  if (length != NULL)
    *length = out->len;
  return g_string_free (out, FALSE);
}

/* ---- XML text -------------------------------------------------------------------- */

static gboolean
is_xml_char (gunichar c)
{
  return (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') && c != 0xFFFE && c != 0xFFFF;
}

/* Appends @text (made valid UTF-8) with the characters XML 1.0 does not
 * allow (C0 controls other than tab, line feed and carriage return;
 * U+FFFE, U+FFFF) replaced by U+FFFD; with @escape, & < > " ' escaped too. */
static void
append_chars (GString    *out,
              const char *text,
              gboolean    escape)
{
  g_autofree char *valid = NULL;

  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!is_xml_char (c))
        g_string_append_unichar (out, 0xFFFD);
      else if (escape && c == '&')
        g_string_append (out, "&amp;");
      else if (escape && c == '<')
        g_string_append (out, "&lt;");
      else if (escape && c == '>')
        g_string_append (out, "&gt;");
      else if (escape && c == '"')
        g_string_append (out, "&quot;");
      else if (escape && c == '\'')
        g_string_append (out, "&apos;");
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
    }
}

static void
append_xml_chars (GString    *out,
                  const char *text)
{
  append_chars (out, text, FALSE);
}

/* Appends @text escaped for XML character data. */
static void
append_escaped (GString    *out,
                const char *text)
{
  append_chars (out, text, TRUE);
}

static void
append_indent (GString *out,
               guint    level)
{
  for (guint i = 0; i < level; i++)
    g_string_append (out, "    ");
}

static void
append_element (GString    *out,
                guint       level,
                const char *name,
                const char *text)
{
  append_indent (out, level);
  g_string_append_printf (out, "<%s>", name);
  append_escaped (out, text);
  g_string_append_printf (out, "</%s>\n", name);
}

static void
open_element (GString    *out,
              guint       level,
              const char *name)
{
  append_indent (out, level);
  g_string_append_printf (out, "<%s>\n", name);
}

static void
close_element (GString    *out,
               guint       level,
               const char *name)
{
  append_indent (out, level);
  g_string_append_printf (out, "</%s>\n", name);
}

/* ---- the exporter -------------------------------------------------------------------- */

typedef struct
{
  char       *field;
  const char *operation;    /* a FilterOperation */
  char       *value;        /* NULL: no value */
} Criterion;

typedef struct
{
  char       *assigned_to;
  const char *type;         /* "User" or "Queue" */
} Assignee;

typedef struct
{
  const LwConfig            *config;
  const LwSalesforceMapping *mapping;
  GPtrArray                 *report;
  GHashTable                *once;   /* keys of warnings given once */
} Exporter;

static void
criterion_free (Criterion *criterion)
{
  g_free (criterion->field);
  g_free (criterion->value);
  g_free (criterion);
}

static Criterion *
criterion_new (const char *field,
               const char *operation,
               const char *value)
{
  Criterion *criterion = g_new0 (Criterion, 1);

  criterion->field = g_strdup (field);
  criterion->operation = operation;
  criterion->value = g_strdup (value);
  return criterion;
}

static Criterion *
criterion_copy (const Criterion *criterion)
{
  return criterion_new (criterion->field, criterion->operation, criterion->value);
}

static GPtrArray *
new_group (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) criterion_free);
}

static GPtrArray *
new_groups (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
}

static void
assignee_clear (Assignee *assignee)
{
  g_clear_pointer (&assignee->assigned_to, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Assignee, assignee_clear)

static void warn (Exporter   *exporter,
                  const char *path,
                  const char *format,
                  ...) G_GNUC_PRINTF (3, 4);

static void
warn (Exporter   *exporter,
      const char *path,
      const char *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  if (exporter->report == NULL)
    return;
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  /* A condition written out several times (account by account, territory
   * by territory) says the same thing once. */
  if (!g_hash_table_add (exporter->once, g_strconcat ("warning:", path, "\n", message, NULL)))
    return;
  lw_diagnostics_add (exporter->report, LW_SEVERITY_WARNING, path, "%s", message);
}

/* TRUE the first time @key is asked about: for warnings given once. */
static gboolean
first_time (Exporter   *exporter,
            const char *kind,
            const char *id)
{
  return g_hash_table_add (exporter->once, g_strconcat (kind, ":", id, NULL));
}

static int
index_of (GPtrArray  *list,
          const char *id)
{
  for (guint i = 0; i < list->len; i++)
    if (g_strcmp0 (*(char **) g_ptr_array_index (list, i), id) == 0)
      return i;
  return -1;
}

/* The Lead field of @property, warning once when it is a custom field the
 * mapping did not name. */
static char *
dup_field (Exporter         *exporter,
           const LwProperty *property,
           const char       *path)
{
  gboolean custom = FALSE;
  char *field = lw_salesforce_mapping_dup_field (exporter->mapping, property, &custom);

  if (custom && first_time (exporter, "field", property->id))
    warn (exporter, path,
          /* translators: a property's label, then a Salesforce field name */
          _("%s has no standard Lead field: it is written as the custom field %s, "
            "which must exist in Salesforce (or name the field in the mapping)"),
          property->label, field);
  return field;
}

/* A value as Salesforce reads it: enum values through the mapping, date
 * and time as ISO 8601. */
static char *
dup_value (Exporter         *exporter,
           const LwProperty *property,
           const char       *value,
           const char       *path)
{
  char *text;

  if (property->type == LW_PROPERTY_ENUM)
    text = g_strdup (lw_salesforce_mapping_get_value (exporter->mapping, property->id, value));
  else if (property->type == LW_PROPERTY_DATETIME)
    {
      LwTime time = 0;
      gint64 ms = 0;

      if (lw_time_parse_iso8601 (value, &time))
        text = lw_time_format_iso8601 (time);
      else if (g_ascii_string_to_signed (value, 10, G_MININT64, G_MAXINT64, &ms, NULL))
        text = lw_time_format_iso8601 (ms / 1000);
      else
        text = g_strdup (value);
      if (first_time (exporter, "datetime", property->id))
        warn (exporter, path,
              /* translators: %s is a property's label */
              _("%s: Salesforce reads dates in criteria in the format of the deploying user's "
                "locale; they are written in ISO 8601 (2026-03-09T14:00:00Z): check them after "
                "deploying"),
              property->label);
    }
  else
    text = g_strdup (value);

  /* What XML cannot hold is replaced here already, so that the report
   * shows the value as the file has it. */
  {
    GString *clean = g_string_new (NULL);

    append_xml_chars (clean, text);
    g_free (text);
    text = g_string_free (clean, FALSE);
  }

  if (strchr (text, ',') != NULL)
    warn (exporter, path,
          /* translators: %s is a value */
          _("the value \"%s\" holds a comma, which Salesforce reads as a separator between "
            "values"),
          text);
  return text;
}

/* @values mapped and joined by commas, as Salesforce lists alternatives. */
static char *
dup_values (Exporter         *exporter,
            const LwProperty *property,
            GStrv             values,
            const char       *path,
            gboolean          synthetic)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    {
      g_autofree char *at = synthetic ? g_strdup (path) : g_strdup_printf ("%s.values[%u]", path, i);
      g_autofree char *value = dup_value (exporter, property, values[i], at);

      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append (out, value);
    }
  return g_string_free (out, FALSE);
}

/* The text of a CONTAINS_TOKEN value without the "*" at its ends, which
 * Salesforce's "contains" (a substring test) does not need. */
static char *
dup_token (const char *value)
{
  gsize start = 0, end = strlen (value);

  while (start < end && value[start] == '*')
    start++;
  while (end > start && value[end - 1] == '*')
    end--;
  return g_strndup (value + start, end - start);
}

/* Appends to @group the criteria that say what @filter says. @path is
 * the filter's JSON path; for a filter Leadwright makes up (a territory or
 * account entry), @synthetic says that @path is the place it comes from. */
static void
convert_filter (Exporter       *exporter,
                const LwFilter *filter,
                const char     *path,
                gboolean        synthetic,
                GPtrArray      *group)
{
  const LwProperty *property = lw_config_find_property (exporter->config, filter->property);
  g_autofree char *name_path = synthetic ? g_strdup (path) : g_strconcat (path, ".propertyName", NULL);
  g_autofree char *value_path = synthetic ? g_strdup (path) : g_strconcat (path, ".value", NULL);
  g_autofree char *field = NULL;
  g_autofree char *value = NULL;
  g_autofree char *high = NULL;

  g_return_if_fail (property != NULL);

  field = dup_field (exporter, property, name_path);

  switch (filter->op)
    {
    case LW_OP_EQ:
    case LW_OP_NEQ:
    case LW_OP_LT:
    case LW_OP_LTE:
    case LW_OP_GT:
    case LW_OP_GTE:
      {
        static const char * const operations[] = {
          [LW_OP_EQ] = "equals", [LW_OP_NEQ] = "notEqual",
          [LW_OP_LT] = "lessThan", [LW_OP_LTE] = "lessOrEqual",
          [LW_OP_GT] = "greaterThan", [LW_OP_GTE] = "greaterOrEqual",
        };

        value = dup_value (exporter, property, filter->value, value_path);
        g_ptr_array_add (group, criterion_new (field, operations[filter->op], value));
      }
      break;

    case LW_OP_BETWEEN:
      {
        g_autofree char *high_path = synthetic ? g_strdup (path) : g_strconcat (path, ".highValue", NULL);

        value = dup_value (exporter, property, filter->value, value_path);
        high = dup_value (exporter, property, filter->high_value, high_path);
        g_ptr_array_add (group, criterion_new (field, "greaterOrEqual", value));
        g_ptr_array_add (group, criterion_new (field, "lessOrEqual", high));
        warn (exporter, path,
              /* translators: a property's label and the two bounds */
              _("Salesforce has no \"between\": %s between %s and %s is written as two "
                "criteria, greater or equal to %s and less or equal to %s"),
              property->label, value, high, value, high);
      }
      break;

    case LW_OP_IN:
    case LW_OP_NOT_IN:
      value = dup_values (exporter, property, filter->values, path, synthetic);
      g_ptr_array_add (group, criterion_new (field, filter->op == LW_OP_IN ? "equals" : "notEqual",
                                             value));
      break;

    case LW_OP_HAS_PROPERTY:
      g_ptr_array_add (group, criterion_new (field, "notEqual", NULL));
      warn (exporter, path,
            /* translators: %s is a property's label */
            _("\"%s is known\" is written as \"not equal to\" an empty value, which is how "
              "Salesforce tests that a field is not blank"),
            property->label);
      break;

    case LW_OP_NOT_HAS_PROPERTY:
      g_ptr_array_add (group, criterion_new (field, "equals", NULL));
      warn (exporter, path,
            /* translators: %s is a property's label */
            _("\"%s is unknown\" is written as \"equals\" an empty value, which is how "
              "Salesforce tests that a field is blank"),
            property->label);
      break;

    case LW_OP_CONTAINS_TOKEN:
    case LW_OP_NOT_CONTAINS_TOKEN:
      {
        g_autofree char *token = dup_token (filter->value);

        value = dup_value (exporter, property, token, value_path);
        if (*value == '\0')
          {
            /* "*" alone: any word at all, that is, a value that is not blank. */
            g_ptr_array_add (group, criterion_new (field,
                                                   filter->op == LW_OP_CONTAINS_TOKEN ? "notEqual" : "equals",
                                                   NULL));
            warn (exporter, path,
                  /* translators: %s is a property's label */
                  _("a word match on \"*\" alone is written as a test that %s is %s"),
                  property->label,
                  filter->op == LW_OP_CONTAINS_TOKEN ? _("not blank") : _("blank"));
            break;
          }
        g_ptr_array_add (group, criterion_new (field,
                                               filter->op == LW_OP_CONTAINS_TOKEN ? "contains" : "notContain",
                                               value));
        warn (exporter, path,
              /* translators: a property's label and a value */
              _("Salesforce finds a text anywhere, not as whole words: for %s, \"%s\" is also "
                "found inside longer words"),
              property->label, value);
      }
      break;

    case LW_N_OPERATORS:
    default:
      g_return_if_reached ();
    }
}

/* The criteria of @condition, a group of them for each filter group. A
 * condition that holds for every lead gives no group at all. */
static GPtrArray *
convert_condition (Exporter          *exporter,
                   const LwCondition *condition,
                   const char        *path)
{
  GPtrArray *groups = new_groups ();

  for (guint i = 0; condition != NULL && i < condition->groups->len; i++)
    {
      const LwFilterGroup *group = g_ptr_array_index (condition->groups, i);
      GPtrArray *criteria;

      if (group->filters->len == 0)
        {
          /* An empty group holds for every lead, and so does the condition. */
          g_ptr_array_set_size (groups, 0);
          break;
        }

      criteria = new_group ();
      for (guint j = 0; j < group->filters->len; j++)
        {
          g_autofree char *at = g_strdup_printf ("%s.filterGroups[%u].filters[%u]", path, i, j);

          convert_filter (exporter, g_ptr_array_index (group->filters, j), at, FALSE, criteria);
        }
      g_ptr_array_add (groups, criteria);
    }

  return groups;
}

/* ANDs @extra to every group of @groups: the criteria of a territory or an
 * account added to those of its rule. */
static void
add_to_every_group (GPtrArray *groups,
                    GPtrArray *extra)
{
  if (groups->len == 0)
    g_ptr_array_add (groups, new_group ());
  for (guint i = 0; i < groups->len; i++)
    for (guint j = 0; j < extra->len; j++)
      g_ptr_array_add (g_ptr_array_index (groups, i), criterion_copy (g_ptr_array_index (extra, j)));
}

/* "1 OR (2 AND 3)": how the numbered criteria of several groups combine;
 * NULL when there is at most one group (Salesforce ANDs the criteria). */
static char *
dup_boolean_filter (GPtrArray *groups)
{
  GString *out;
  guint n = 0;

  if (groups->len < 2)
    return NULL;

  out = g_string_new (NULL);
  for (guint i = 0; i < groups->len; i++)
    {
      GPtrArray *group = g_ptr_array_index (groups, i);

      if (i > 0)
        g_string_append (out, " OR ");
      if (group->len > 1)
        g_string_append_c (out, '(');
      for (guint j = 0; j < group->len; j++)
        g_string_append_printf (out, j > 0 ? " AND %u" : "%u", ++n);
      if (group->len > 1)
        g_string_append_c (out, ')');
    }
  return g_string_free (out, FALSE);
}

static void
append_criteria (GString   *out,
                 guint      level,
                 GPtrArray *groups)
{
  for (guint i = 0; i < groups->len; i++)
    {
      GPtrArray *group = g_ptr_array_index (groups, i);

      for (guint j = 0; j < group->len; j++)
        {
          const Criterion *criterion = g_ptr_array_index (group, j);

          open_element (out, level, "criteriaItems");
          append_element (out, level + 1, "field", criterion->field);
          append_element (out, level + 1, "operation", criterion->operation);
          if (criterion->value != NULL)
            append_element (out, level + 1, "value", criterion->value);
          close_element (out, level, "criteriaItems");
        }
    }
}

static void
warn_pool (Exporter     *exporter,
           const LwPool *pool,
           const char   *queue)
{
  int index = index_of (exporter->config->pools, pool->id);
  g_autofree char *at = g_strdup_printf ("$.team.pools[%d]", index);
  gboolean capped = FALSE;
  gboolean uneven = FALSE;
  guint weight = 0;

  if (!first_time (exporter, "pool", pool->id))
    return;

  for (guint i = 0; i < pool->members->len; i++)
    {
      const LwRep *rep = lw_config_find_rep (exporter->config, g_ptr_array_index (pool->members, i));

      if (rep == NULL)
        continue;
      capped |= rep->capacity > 0;
      if (weight != 0 && rep->weight != weight)
        uneven = TRUE;
      weight = rep->weight;
    }

  warn (exporter, at,
        /* translators: a pool's label, then a queue's name */
        _("the pool \"%s\" becomes the queue %s, which must exist in Salesforce with the "
          "pool's members: Salesforce leaves a lead in the queue until a member takes it, so "
          "the round robin among the members is not expressed (use Omni-Channel or a flow), "
          "and a lead never passes on to the next entry because no member is available"),
        pool->label, queue);

  if (pool->weighted && uneven)
    {
      g_autofree char *path = g_strconcat (at, ".weighted", NULL);

      warn (exporter, path,
            /* translators: %s is a pool's label */
            _("the weighted round robin of \"%s\" cannot be expressed in Salesforce"),
            pool->label);
    }
  if (pool->respect_capacity && capped)
    {
      g_autofree char *path = g_strconcat (at, ".respectCapacity", NULL);

      warn (exporter, path,
            /* translators: %s is a pool's label */
            _("the daily caps of the members of \"%s\" cannot be expressed in Salesforce"),
            pool->label);
    }
  if (pool->working_hours)
    {
      g_autofree char *path = g_strconcat (at, ".workingHours", NULL);

      warn (exporter, path,
            /* translators: %s is a pool's label */
            _("\"%s\" skips members outside their working hours, which Salesforce assignment "
              "rules cannot express"),
            pool->label);
    }
  if (pool->out_of_office)
    {
      g_autofree char *path = g_strconcat (at, ".outOfOffice", NULL);

      warn (exporter, path,
            /* translators: %s is a pool's label */
            _("\"%s\" skips members who are out of office, which Salesforce assignment rules "
              "cannot express"),
            pool->label);
    }
}

static void
assign_rep (Exporter    *exporter,
            const LwRep *rep,
            const char  *path,
            Assignee    *assignee)
{
  char *user = lw_salesforce_mapping_dup_user (exporter->mapping, rep);

  if (user == NULL)
    {
      g_autofree char *at = g_strdup_printf ("$.team.reps[%d].email",
                                             index_of (exporter->config->reps, rep->id));

      user = g_strdup (rep->id);
      if (first_time (exporter, "user", rep->id))
        warn (exporter, at,
              /* translators: a rep's name, then the text written instead */
              _("%s has no email to use as Salesforce username: \"%s\" is written instead; "
                "name the user in the mapping"),
              rep->name, user);
    }
  if (!rep->active && first_time (exporter, "inactive", rep->id))
    warn (exporter, path,
          /* translators: %s is a rep's name */
          _("%s is inactive: Leadwright passes their leads on, Salesforce would assign to them"),
          rep->name);

  assignee->assigned_to = user;
  assignee->type = "User";
}

static void
assign_target (Exporter       *exporter,
               const LwTarget *target,
               const char     *path,
               Assignee       *assignee)
{
  if (target->owner != NULL)
    {
      const LwRep *rep = lw_config_find_rep (exporter->config, target->owner);

      g_return_if_fail (rep != NULL);
      assign_rep (exporter, rep, path, assignee);
    }
  else
    {
      const LwPool *pool = lw_config_find_pool (exporter->config, target->pool);

      g_return_if_fail (pool != NULL);
      assignee->assigned_to = lw_salesforce_mapping_dup_queue (exporter->mapping, pool);
      assignee->type = "Queue";
      warn_pool (exporter, pool, assignee->assigned_to);
    }
}

static void
append_rule_entry (GString        *out,
                   const Assignee *assignee,
                   GPtrArray      *groups)
{
  g_autofree char *boolean_filter = dup_boolean_filter (groups);

  open_element (out, 2, "ruleEntry");
  append_element (out, 3, "assignedTo", assignee->assigned_to);
  append_element (out, 3, "assignedToType", assignee->type);
  if (boolean_filter != NULL)
    append_element (out, 3, "booleanFilter", boolean_filter);
  append_criteria (out, 3, groups);
  close_element (out, 2, "ruleEntry");
}

/* The filter a territory entry adds to its rule's condition. */
static LwFilter *
new_territory_filter (const char *property,
                      GStrv       values)
{
  LwFilter *filter;

  if (values != NULL && values[0] != NULL && values[1] == NULL)
    return lw_filter_new (property, LW_OP_EQ, values[0]);
  filter = lw_filter_new (property, LW_OP_IN, NULL);
  filter->values = g_strdupv (values);
  return filter;
}

static void
export_territories (Exporter            *exporter,
                    const LwRoutingRule *rule,
                    const char          *path,
                    GString             *out)
{
  for (guint i = 0; i < rule->territories->len; i++)
    {
      const LwTerritory *territory = g_ptr_array_index (rule->territories, i);
      g_autofree char *at = g_strdup_printf ("%s.assign.map[%u]", path, i);
      g_autofree char *when = g_strconcat (path, ".when", NULL);
      g_autofree char *property_path = g_strconcat (path, ".assign.property", NULL);
      g_autoptr(LwFilter) filter = new_territory_filter (rule->property, territory->values);
      g_autoptr(GPtrArray) extra = new_group ();
      g_autoptr(GPtrArray) groups = NULL;
      g_auto(Assignee) assignee = { 0 };

      groups = convert_condition (exporter, rule->when, when);
      convert_filter (exporter, filter, property_path, TRUE, extra);
      add_to_every_group (groups, extra);
      assign_target (exporter, &territory->target, at, &assignee);
      append_rule_entry (out, &assignee, groups);
    }
}

/* The property that holds a lead's email domain: one derived from an
 * email, else NULL. */
static const LwProperty *
find_domain_property (const LwConfig *config)
{
  for (guint i = 0; i < config->properties->len; i++)
    {
      const LwProperty *property = g_ptr_array_index (config->properties, i);

      if (property->domain_of != NULL)
        return property;
    }
  return NULL;
}

static const LwProperty *
find_email_property (const LwConfig *config)
{
  for (guint i = 0; i < config->properties->len; i++)
    {
      const LwProperty *property = g_ptr_array_index (config->properties, i);

      if (property->type == LW_PROPERTY_EMAIL)
        return property;
    }
  return NULL;
}

/* Salesforce cannot find an account's owner from a lead's email domain;
 * each account Leadwright knows becomes an entry of its own. */
static void
export_account_owners (Exporter            *exporter,
                       const LwRoutingRule *rule,
                       const char          *path,
                       GString             *out)
{
  const LwConfig *config = exporter->config;
  const LwProperty *domain = find_domain_property (config);
  const LwProperty *email = domain == NULL ? find_email_property (config) : NULL;
  g_autofree char *assign_path = g_strconcat (path, ".assign", NULL);
  g_autofree char *when = g_strconcat (path, ".when", NULL);
  guint written = 0;

  if ((domain == NULL && email == NULL) || config->accounts->len == 0)
    {
      warn (exporter, assign_path,
            /* translators: %s is a routing rule's label */
            _("\"%s\" assigns leads to the owner of the account with their email domain, which "
              "Salesforce assignment rules cannot express, and there is %s to write it out "
              "account by account: the rule is left out"),
            rule->label,
            config->accounts->len == 0 ? _("no account") : _("no email property"));
      return;
    }

  for (guint i = 0; i < config->accounts->len; i++)
    {
      const LwAccount *account = g_ptr_array_index (config->accounts, i);
      const LwRep *rep = account->owner != NULL ? lw_config_find_rep (config, account->owner) : NULL;
      g_autofree char *at = g_strdup_printf ("$.accounts[%u]", i);
      g_autofree char *at_domain = g_strdup_printf ("$.accounts[%u].domain", i);
      g_autoptr(LwFilter) filter = NULL;
      g_autoptr(GPtrArray) extra = new_group ();
      g_autoptr(GPtrArray) groups = NULL;
      g_auto(Assignee) assignee = { 0 };

      if (rep == NULL || !rep->active)
        {
          warn (exporter, at,
                /* translators: an account's name */
                _("the account %s has no active owner: Leadwright passes its leads on, so it "
                  "gets no entry"),
                account->name != NULL ? account->name : account->domain);
          continue;
        }

      if (domain != NULL)
        filter = lw_filter_new (domain->id, LW_OP_EQ, account->domain);
      else
        {
          g_autofree char *suffix = g_strconcat ("@", account->domain, NULL);

          filter = lw_filter_new (email->id, LW_OP_CONTAINS_TOKEN, suffix);
        }
      groups = convert_condition (exporter, rule->when, when);
      convert_filter (exporter, filter, at_domain, TRUE, extra);
      add_to_every_group (groups, extra);
      assign_rep (exporter, rep, at, &assignee);
      append_rule_entry (out, &assignee, groups);
      written++;
    }

  warn (exporter, assign_path,
        /* translators: a routing rule's label and a number of accounts */
        g_dngettext (GETTEXT_PACKAGE,
                     "\"%s\" assigns leads to the owner of the account with their email "
                     "domain, which Salesforce cannot look up: it is written as %u entry, one "
                     "per account listed in Leadwright, so accounts added later in Salesforce "
                     "are not covered",
                     "\"%s\" assigns leads to the owner of the account with their email "
                     "domain, which Salesforce cannot look up: it is written as %u entries, one "
                     "per account listed in Leadwright, so accounts added later in Salesforce "
                     "are not covered",
                     written),
        rule->label, written);
}

static char *
build_assignment_rules (Exporter *exporter)
{
  const LwConfig *config = exporter->config;
  g_autofree char *name = lw_salesforce_mapping_dup_rule_name (exporter->mapping, config);
  g_auto(Assignee) fallback = { 0 };
  g_autoptr(GPtrArray) always = new_groups ();
  GString *out = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");

  g_string_append (out, "<AssignmentRules xmlns=\"" LW_SALESFORCE_NAMESPACE "\">\n");
  open_element (out, 1, "assignmentRule");
  append_element (out, 2, "fullName", name);
  append_element (out, 2, "active", lw_salesforce_mapping_get_active (exporter->mapping) ? "true" : "false");

  for (guint i = 0; i < config->rules->len; i++)
    {
      const LwRoutingRule *rule = g_ptr_array_index (config->rules, i);
      g_autofree char *at = g_strdup_printf ("$.routing.rules[%u]", i);
      g_autofree char *when = g_strconcat (at, ".when", NULL);
      g_autofree char *assign = g_strconcat (at, ".assign", NULL);

      switch (rule->kind)
        {
        case LW_ASSIGN_OWNER:
        case LW_ASSIGN_POOL:
          {
            g_autoptr(GPtrArray) groups = convert_condition (exporter, rule->when, when);
            g_auto(Assignee) assignee = { 0 };

            assign_target (exporter, &rule->target, assign, &assignee);
            append_rule_entry (out, &assignee, groups);
          }
          break;

        case LW_ASSIGN_TERRITORY:
          export_territories (exporter, rule, at, out);
          break;

        case LW_ASSIGN_ACCOUNT_OWNER:
          export_account_owners (exporter, rule, at, out);
          break;

        default:
          g_warn_if_reached ();
        }
    }

  /* The fallback: an entry without criteria, last. */
  assign_target (exporter, &config->fallback, "$.routing.fallback", &fallback);
  append_rule_entry (out, &fallback, always);

  close_element (out, 1, "assignmentRule");
  g_string_append (out, "</AssignmentRules>\n");
  return g_string_free (out, FALSE);
}

/* ---- SLA policies as an escalation-rules blueprint ------------------------------------ */

static GPtrArray *
collect_manager_emails (const LwConfig *config)
{
  GPtrArray *emails = g_ptr_array_new ();

  for (guint i = 0; i < config->teams->len; i++)
    {
      const LwTeam *team = g_ptr_array_index (config->teams, i);
      const LwRep *manager = team->manager != NULL ? lw_config_find_rep (config, team->manager) : NULL;

      if (manager == NULL || manager->email == NULL || *manager->email == '\0')
        continue;
      if (!g_ptr_array_find_with_equal_func (emails, manager->email, g_str_equal, NULL))
        g_ptr_array_add (emails, manager->email);
    }
  return emails;
}

static void
append_escalation_action (Exporter           *exporter,
                          const LwEscalation *escalation,
                          const char         *path,
                          GPtrArray          *managers,
                          GString            *out)
{
  g_autofree char *minutes = g_strdup_printf ("%u", escalation->after_minutes);

  open_element (out, 3, "escalationAction");
  if (escalation->action == LW_ESCALATE_REASSIGN)
    {
      const LwTarget *target = &escalation->target;
      g_auto(Assignee) assignee = { 0 };

      if (target->owner == NULL && target->pool == NULL)
        {
          const LwTarget *fallback = &exporter->config->fallback;

          target = fallback;
          warn (exporter, path,
                /* translators: the fallback owner or pool */
                _("reassigning by routing the lead again cannot be expressed in Salesforce: "
                  "this step reassigns to the fallback (%s)"),
                fallback->owner != NULL ? fallback->owner : fallback->pool);
        }
      assign_target (exporter, target, path, &assignee);
      append_element (out, 4, "assignedTo", assignee.assigned_to);
      append_element (out, 4, "assignedToType", assignee.type);
      append_element (out, 4, "minutesToEscalation", minutes);
      append_element (out, 4, "notifyCaseOwner", "false");
    }
  else
    {
      append_element (out, 4, "minutesToEscalation", minutes);
      append_element (out, 4, "notifyCaseOwner", "false");
      for (guint i = 0; i < managers->len; i++)
        append_element (out, 4, "notifyEmail", g_ptr_array_index (managers, i));
      if (managers->len == 0)
        warn (exporter, path, "%s",
              _("no team has a manager with an email: this step notifies nobody in Salesforce"));
      else
        warn (exporter, path, "%s",
              _("Salesforce notifies fixed people, not the owner's manager: every team manager "
                "is listed to be notified"));
    }
  close_element (out, 3, "escalationAction");
}

static char *
build_escalation_rules (Exporter *exporter)
{
  const LwConfig *config = exporter->config;
  g_autofree char *name = lw_salesforce_mapping_dup_rule_name (exporter->mapping, config);
  g_autoptr(GPtrArray) managers = NULL;
  GString *out;

  if (config->policies->len == 0)
    return NULL;

  warn (exporter, "$.slas",
        /* translators: %s is a file name */
        _("Salesforce runs escalation rules on Cases, not on Leads: the SLA policies are "
          "written to %s as a blueprint for reference, left out of package.xml. Salesforce "
          "would count from the record's creation, Leadwright counts from the assignment"),
        LW_SALESFORCE_ESCALATION_FILE);

  managers = collect_manager_emails (config);
  out = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  g_string_append (out, "<EscalationRules xmlns=\"" LW_SALESFORCE_NAMESPACE "\">\n");
  open_element (out, 1, "escalationRule");
  append_element (out, 2, "fullName", name);
  append_element (out, 2, "active", "false");

  for (guint i = 0; i < config->policies->len; i++)
    {
      const LwSlaPolicy *policy = g_ptr_array_index (config->policies, i);
      g_autofree char *at = g_strdup_printf ("$.slas[%u]", i);
      g_autofree char *when = g_strconcat (at, ".when", NULL);
      g_autofree char *deadline = g_strconcat (at, ".deadlineMinutes", NULL);
      g_autoptr(GPtrArray) groups = convert_condition (exporter, policy->when, when);
      g_autofree char *boolean_filter = dup_boolean_filter (groups);

      warn (exporter, deadline,
            /* translators: a policy's label and its deadline in minutes */
            _("the first-touch deadline of \"%s\" (%u minutes) has no counterpart in Salesforce "
              "escalation rules: only its escalation steps are written"),
            policy->label, policy->deadline_minutes);
      if (policy->warn_before_minutes > 0)
        {
          g_autofree char *path = g_strconcat (at, ".warnBeforeMinutes", NULL);

          warn (exporter, path,
                /* translators: a number of minutes */
                _("the warning %u minutes before the deadline cannot be expressed in Salesforce"),
                policy->warn_before_minutes);
        }
      if (policy->clock == LW_CLOCK_BUSINESS)
        {
          g_autofree char *path = g_strconcat (at, ".clock", NULL);

          warn (exporter, path, "%s",
                _("Salesforce counts business time in one set of business hours (\"Default\"), "
                  "not in each owner's working hours and time zone"));
        }
      if (policy->pause_statuses->len > 0)
        {
          g_autofree char *path = g_strconcat (at, ".pauseStatuses", NULL);

          warn (exporter, path, "%s",
                _("stopping the clock while a lead is in some statuses cannot be expressed in "
                  "Salesforce escalation rules"));
        }
      if (policy->breach_tag != NULL)
        {
          g_autofree char *path = g_strconcat (at, ".breachTag", NULL);

          warn (exporter, path,
                /* translators: %s is a tag */
                _("tagging breaches (\"%s\") cannot be expressed in Salesforce escalation rules"),
                policy->breach_tag);
        }

      open_element (out, 2, "ruleEntry");
      if (boolean_filter != NULL)
        append_element (out, 3, "booleanFilter", boolean_filter);
      if (policy->clock == LW_CLOCK_BUSINESS)
        {
          append_element (out, 3, "businessHours", "Default");
          append_element (out, 3, "businessHoursSource", "Static");
        }
      else
        append_element (out, 3, "businessHoursSource", "None");
      append_criteria (out, 3, groups);
      for (guint j = 0; j < policy->escalations->len; j++)
        {
          g_autofree char *path = g_strdup_printf ("%s.escalations[%u]", at, j);

          append_escalation_action (exporter, &g_array_index (policy->escalations, LwEscalation, j),
                                    path, managers, out);
        }
      append_element (out, 3, "escalationStartTime", "CaseCreation");
      close_element (out, 2, "ruleEntry");
    }

  close_element (out, 1, "escalationRule");
  g_string_append (out, "</EscalationRules>\n");
  return g_string_free (out, FALSE);
}

static char *
build_package (void)
{
  GString *out = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");

  g_string_append (out, "<Package xmlns=\"" LW_SALESFORCE_NAMESPACE "\">\n");
  open_element (out, 1, "types");
  append_element (out, 2, "members", "Lead");
  append_element (out, 2, "name", "AssignmentRules");
  close_element (out, 1, "types");
  append_element (out, 1, "version", LW_SALESFORCE_API_VERSION);
  g_string_append (out, "</Package>\n");
  return g_string_free (out, FALSE);
}

/* Warns about mapping entries that name nothing in the rule set. */
static void
check_mapping (Exporter *exporter)
{
  const LwSalesforceMapping *mapping = exporter->mapping;
  struct { GHashTable *table; const char *member; GPtrArray *list; } parts[] = {
    { mapping->fields, "fields", exporter->config->properties },
    { mapping->values, "values", exporter->config->properties },
    { mapping->users, "users", exporter->config->reps },
    { mapping->queues, "queues", exporter->config->pools },
  };

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      g_autoptr(GPtrArray) keys = sorted_keys (parts[i].table);

      for (guint j = 0; j < keys->len; j++)
        {
          const char *id = g_ptr_array_index (keys, j);
          g_autofree char *parent = g_strconcat ("mapping.", parts[i].member, NULL);
          g_autofree char *at = member_path (parent, id);

          if (index_of (parts[i].list, id) < 0)
            warn (exporter, at,
                  /* translators: %s is an id */
                  _("the mapping names \"%s\", which the rule set does not have: it is ignored"),
                  id);
        }
    }
}

LwSalesforceExport *
lw_salesforce_export (const LwConfig            *config,
                      const LwSalesforceMapping *mapping,
                      GPtrArray                 *report)
{
  g_autoptr(LwSalesforceMapping) defaults = NULL;
  g_autoptr(GHashTable) once = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  Exporter exporter = { config, mapping, report, once };
  LwSalesforceExport *export;

  g_return_val_if_fail (config != NULL, NULL);
  g_return_val_if_fail (config->fallback.owner != NULL || config->fallback.pool != NULL, NULL);

  if (mapping == NULL)
    exporter.mapping = defaults = lw_salesforce_mapping_new ();

  check_mapping (&exporter);

  export = g_new0 (LwSalesforceExport, 1);
  export->assignment_rules = build_assignment_rules (&exporter);
  export->escalation_rules = build_escalation_rules (&exporter);
  export->package = build_package ();
  export->mapping = lw_salesforce_mapping_to_data (exporter.mapping, config, NULL);
  return export;
}

void
lw_salesforce_export_free (LwSalesforceExport *export)
{
  if (export == NULL)
    return;
  g_free (export->assignment_rules);
  g_free (export->escalation_rules);
  g_free (export->package);
  g_free (export->mapping);
  g_free (export);
}

static gboolean
write_file (const char  *directory,
            const char  *name,
            const char  *contents,
            GError     **error)
{
  g_autofree char *path = g_build_filename (directory, name, NULL);
  g_autofree char *parent = g_path_get_dirname (path);

  if (g_mkdir_with_parents (parent, 0755) != 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   /* translators: a directory, then why it could not be made */
                   _("cannot create %s: %s"), parent, g_strerror (saved));
      return FALSE;
    }
  return g_file_set_contents (path, contents, -1, error);
}

gboolean
lw_salesforce_export_write (const LwSalesforceExport  *export,
                            const char                *directory,
                            GError                   **error)
{
  g_return_val_if_fail (export != NULL, FALSE);
  g_return_val_if_fail (directory != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!write_file (directory, LW_SALESFORCE_ASSIGNMENT_FILE, export->assignment_rules, error) ||
      !write_file (directory, LW_SALESFORCE_PACKAGE_FILE, export->package, error) ||
      !write_file (directory, LW_SALESFORCE_MAPPING_FILE, export->mapping, error))
    return FALSE;

  if (export->escalation_rules != NULL)
    return write_file (directory, LW_SALESFORCE_ESCALATION_FILE, export->escalation_rules, error);

  /* No policy any more: a blueprint left by an earlier export would mislead. */
  {
    g_autofree char *stale = g_build_filename (directory, LW_SALESFORCE_ESCALATION_FILE, NULL);

    if (g_unlink (stale) != 0 && errno != ENOENT)
      {
        int saved = errno;

        g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                     /* translators: a file, then why it could not be removed */
                     _("cannot remove %s: %s"), stale, g_strerror (saved));
        return FALSE;
      }
  }
  return TRUE;
}
