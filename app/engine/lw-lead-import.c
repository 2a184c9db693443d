/* lw-lead-import.c: real leads from a CSV file into the live leads
 *
 * The file is read record by record (lw-csv.h) and each good row is written
 * as it comes, inside one transaction that is committed at the end, or
 * rolled back when a row is bad and bad rows are not to be skipped (the
 * rest of the file is still read, to report every problem). Memory stays
 * that of one row, however long the file.
 *
 * Each lead is added as lw_live_add() adds one: a lead without an owner is
 * routed by the rules (one routing state for the whole file, so round robin
 * goes round), it is put on the SLA policy that applies to it, and its
 * first-touch deadline is worked out (lw-live.h). An import is one
 * transaction of its own (lw_store_begin_transaction()); good rows are
 * added to it a batch at a time with lw_store_add_live_leads().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "lw-json-pos.h"
#include "lw-lead-import.h"
#include "lw-lead.h"
#include "lw-live.h"
#include "lw-routing.h"
#include "lw-sla.h"
#include "lw-store.h"

G_DEFINE_QUARK (lw-lead-import-error-quark, lw_lead_import_error)

#define MAX_VALUE_CHARS   200
#define MAX_LISTED        10
#define PROGRESS_ROWS     1024

/* ---- names ------------------------------------------------------------------- */

static const char * const match_names[] = {
  [LW_IMPORT_MATCH_NONE] = "none",
  [LW_IMPORT_MATCH_MAPPING] = "mapping",
  [LW_IMPORT_MATCH_ID] = "id",
  [LW_IMPORT_MATCH_LABEL] = "label",
  [LW_IMPORT_MATCH_ALIAS] = "alias",
};

const char *
lw_import_match_to_string (LwImportMatch match)
{
  return (guint) match < G_N_ELEMENTS (match_names) ? match_names[match] : NULL;
}

/* @text folded for matching names: lower case, letters and digits only
 * ("Country/Region" and "country_region" both give "countryregion"). */
static char *
dup_name_key (const char *text)
{
  g_autofree char *normal = g_utf8_normalize (text, -1, G_NORMALIZE_DEFAULT_COMPOSE);
  g_autofree char *fold = g_utf8_casefold (normal != NULL ? normal : "", -1);
  GString *key = g_string_new (NULL);

  for (const char *p = fold; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c))
        g_string_append_unichar (key, c);
    }
  return g_string_free (key, FALSE);
}


/* The names CRMs give their columns, by name key, and what they map to:
 * the first of the targets the rule set has. */
static const struct
{
  const char *key;
  const char *targets[4];
} aliases[] = {
  { "emailaddress", { "email" } },
  { "email", { "email" } },
  { "emailid", { "email" } },
  { "primaryemail", { "email" } },
  { "workemail", { "email" } },
  { "businessemail", { "email" } },
  { "givenname", { "first_name", "firstname" } },
  { "forename", { "first_name", "firstname" } },
  { "surname", { "last_name", "lastname" } },
  { "familyname", { "last_name", "lastname" } },
  { "companyname", { "company" } },
  { "company", { "company" } },
  { "accountname", { "company" } },
  { "account", { "company" } },
  { "organization", { "company" } },
  { "organisation", { "company" } },
  { "organizationname", { "company" } },
  { "employer", { "company" } },
  { "jobtitle", { "job_title", "title", "jobtitle" } },
  { "title", { "job_title", "title" } },
  { "position", { "job_title", "title" } },
  { "countryregion", { "country" } },
  { "country", { "country" } },
  { "countryname", { "country" } },
  { "stateregion", { "state" } },
  { "stateprovince", { "state" } },
  { "province", { "state" } },
  { "zip", { "postal_code", "zip" } },
  { "zipcode", { "postal_code", "zip" } },
  { "postcode", { "postal_code" } },
  { "postalcode", { "postal_code" } },
  { "phonenumber", { "phone" } },
  { "telephone", { "phone" } },
  { "businessphone", { "phone" } },
  { "mobilephonenumber", { "mobile_phone", "mobile" } },
  { "mobile", { "mobile_phone", "mobile" } },
  { "cellphone", { "mobile_phone", "mobile" } },
  { "websiteurl", { "website" } },
  { "companywebsite", { "website" } },
  { "numberofemployees", { "employees", "number_of_employees", "company_size" } },
  { "noofemployees", { "employees", "number_of_employees", "company_size" } },
  { "employeecount", { "employees", "number_of_employees", "company_size" } },
  { "companysize", { "employees", "number_of_employees", "company_size" } },
  { "headcount", { "employees", "number_of_employees" } },
  { "employees", { "employees", "number_of_employees" } },
  { "annualrevenue", { "annual_revenue", "revenue" } },
  { "revenue", { "annual_revenue", "revenue" } },
  { "sector", { "industry" } },
  { "leadsource", { "lead_source", "source" } },
  { "originalsource", { "lead_source", "source" } },
  { "source", { "lead_source", "source" } },
  { "leadstatus", { "lead_status" } },
  { "status", { "lead_status" } },
  { "lifecyclestage", { "lifecycle_stage" } },
  { "createdate", { "created_at" } },
  { "createddate", { "created_at" } },
  { "datecreated", { "created_at" } },
  { "createdon", { "created_at" } },
  { "created", { "created_at" } },
  { "joblevel", { "seniority" } },
  { "id", { LW_LEAD_IMPORT_TARGET_ID } },
  { "leadid", { LW_LEAD_IMPORT_TARGET_ID } },
  { "recordid", { LW_LEAD_IMPORT_TARGET_ID } },
  { "contactid", { LW_LEAD_IMPORT_TARGET_ID } },
  { "opportunityid", { LW_LEAD_IMPORT_TARGET_ID } },
  { "externalid", { LW_LEAD_IMPORT_TARGET_ID } },
  { "crmid", { LW_LEAD_IMPORT_TARGET_ID } },
  { "owner", { LW_LEAD_IMPORT_TARGET_OWNER } },
  { "leadowner", { LW_LEAD_IMPORT_TARGET_OWNER } },
  { "contactowner", { LW_LEAD_IMPORT_TARGET_OWNER } },
  { "recordowner", { LW_LEAD_IMPORT_TARGET_OWNER } },
  { "ownerid", { LW_LEAD_IMPORT_TARGET_OWNER } },
  { "owneremail", { LW_LEAD_IMPORT_TARGET_OWNER } },
  { "ownername", { LW_LEAD_IMPORT_TARGET_OWNER } },
  { "assignedto", { LW_LEAD_IMPORT_TARGET_OWNER } },
};

static gboolean
is_special_target (const char *target)
{
  return strcmp (target, LW_LEAD_IMPORT_TARGET_ID) == 0 ||
         strcmp (target, LW_LEAD_IMPORT_TARGET_OWNER) == 0;
}

/* The scores and the grade: the rules compute them, a file cannot set them. */
static gboolean
is_computed (const LwConfig   *config,
             const LwProperty *property)
{
  return property == lw_config_builtin (config, LW_BUILTIN_FIT_SCORE) ||
         property == lw_config_builtin (config, LW_BUILTIN_ENGAGEMENT_SCORE) ||
         property == lw_config_builtin (config, LW_BUILTIN_TOTAL_SCORE) ||
         property == lw_config_builtin (config, LW_BUILTIN_GRADE);
}

/* ---- the mapping --------------------------------------------------------------- */

struct _LwLeadMapping
{
  GHashTable  *columns;      /* header text -> target (NULL: ignore) */
  LwDateOrder  order;
  char        *time_zone;    /* NULL: UTC */
};

LwLeadMapping *
lw_lead_mapping_new (void)
{
  LwLeadMapping *mapping = g_new0 (LwLeadMapping, 1);

  mapping->columns = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  mapping->order = LW_DATE_ORDER_MDY;
  return mapping;
}

void
lw_lead_mapping_free (LwLeadMapping *mapping)
{
  if (mapping == NULL)
    return;
  g_hash_table_unref (mapping->columns);
  g_free (mapping->time_zone);
  g_free (mapping);
}

LwLeadMapping *
lw_lead_mapping_copy (const LwLeadMapping *mapping)
{
  LwLeadMapping *copy;
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (mapping != NULL, NULL);

  copy = lw_lead_mapping_new ();
  g_hash_table_iter_init (&iter, mapping->columns);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (copy->columns, g_strdup (key), g_strdup (value));
  copy->order = mapping->order;
  copy->time_zone = g_strdup (mapping->time_zone);
  return copy;
}

void
lw_lead_mapping_set_column (LwLeadMapping *mapping,
                            const char    *column,
                            const char    *target)
{
  g_return_if_fail (mapping != NULL);
  g_return_if_fail (column != NULL && g_utf8_validate (column, -1, NULL));

  g_hash_table_replace (mapping->columns, g_strdup (column), g_strdup (target));
}

gboolean
lw_lead_mapping_lookup (const LwLeadMapping  *mapping,
                        const char           *column,
                        const char          **target)
{
  g_autofree char *key = NULL;
  GHashTableIter iter;
  gpointer name, value;

  g_return_val_if_fail (mapping != NULL, FALSE);
  g_return_val_if_fail (column != NULL, FALSE);

  if (g_hash_table_lookup_extended (mapping->columns, column, NULL, &value))
    {
      if (target != NULL)
        *target = value;
      return TRUE;
    }

  key = dup_name_key (column);
  if (*key == '\0')
    return FALSE;
  g_hash_table_iter_init (&iter, mapping->columns);
  while (g_hash_table_iter_next (&iter, &name, &value))
    {
      g_autofree char *other = dup_name_key (name);

      if (strcmp (key, other) == 0)
        {
          if (target != NULL)
            *target = value;
          return TRUE;
        }
    }
  return FALSE;
}

void
lw_lead_mapping_set_date_order (LwLeadMapping *mapping,
                                LwDateOrder    order)
{
  g_return_if_fail (mapping != NULL);
  g_return_if_fail (order == LW_DATE_ORDER_MDY || order == LW_DATE_ORDER_DMY);

  mapping->order = order;
}

LwDateOrder
lw_lead_mapping_get_date_order (const LwLeadMapping *mapping)
{
  g_return_val_if_fail (mapping != NULL, LW_DATE_ORDER_MDY);

  return mapping->order;
}

static GTimeZone *
new_time_zone (const char *name)
{
  if (name == NULL || strcmp (name, "UTC") == 0)
    return g_time_zone_new_utc ();
  return g_time_zone_new_identifier (name);
}

gboolean
lw_lead_mapping_set_time_zone (LwLeadMapping *mapping,
                               const char    *time_zone)
{
  g_return_val_if_fail (mapping != NULL, FALSE);

  if (time_zone != NULL)
    {
      GTimeZone *tz = new_time_zone (time_zone);

      if (tz == NULL)
        return FALSE;
      g_time_zone_unref (tz);
    }
  g_free (mapping->time_zone);
  mapping->time_zone = g_strdup (time_zone);
  return TRUE;
}

const char *
lw_lead_mapping_get_time_zone (const LwLeadMapping *mapping)
{
  g_return_val_if_fail (mapping != NULL, NULL);

  return mapping->time_zone;
}

typedef struct
{
  const char      *filename;
  LwJsonPositions *positions;
  GError         **error;
} MappingReader;

static gboolean fail_mapping (MappingReader *r,
                              gboolean       at_key,
                              const char    *path,
                              const char    *format,
                              ...) G_GNUC_PRINTF (4, 5);

/* Sets the error at the value (or, with @at_key, the key) of @path;
 * returns FALSE. */
static gboolean
fail_mapping (MappingReader *r,
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
    g_set_error (r->error, LW_LEAD_IMPORT_ERROR, LW_LEAD_IMPORT_ERROR_MAPPING,
                 "%s:%d:%d: %s: %s", r->filename, line, column, path, message);
  else
    g_set_error (r->error, LW_LEAD_IMPORT_ERROR, LW_LEAD_IMPORT_ERROR_MAPPING,
                 "%s: %s: %s", r->filename, path, message);
  return FALSE;
}

static char *
member_path (const char *parent,
             const char *key)
{
  GString *path = g_string_new (parent);

  lw_json_path_append_member (path, key);
  return g_string_free (path, FALSE);
}

static gboolean
is_string_node (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_STRING;
}

/* A target as the mapping file may name it: a property id (letters,
 * digits, - and _) or @id / @owner. */
static gboolean
is_target_syntax (const char *text)
{
  if (is_special_target (text))
    return TRUE;
  if (*text == '\0')
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
      return FALSE;
  return TRUE;
}

static gboolean
read_mapping (MappingReader *r,
              JsonNode      *root,
              LwLeadMapping *mapping)
{
  static const char * const members[] = {
    "format", "version", "columns", "dateOrder", "timeZone", NULL
  };
  g_autoptr(GList) keys = NULL;
  JsonObject *object;
  JsonNode *node;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return fail_mapping (r, FALSE, "$", _("expected an object"));
  object = json_node_get_object (root);

  keys = json_object_get_members (object);
  for (GList *l = keys; l != NULL; l = l->next)
    if (!g_strv_contains (members, l->data))
      {
        g_autofree char *at = member_path ("$", l->data);

        /* translators: %s is a JSON member name */
        return fail_mapping (r, TRUE, at, _("unknown member \"%s\""), (const char *) l->data);
      }

  node = json_object_get_member (object, "format");
  if (!is_string_node (node) || strcmp (json_node_get_string (node), LW_LEAD_MAPPING_FORMAT) != 0)
    /* translators: %s is the expected format name */
    return fail_mapping (r, FALSE, node != NULL ? "$.format" : "$",
                         _("not a lead mapping: \"format\" must be \"%s\""), LW_LEAD_MAPPING_FORMAT);

  node = json_object_get_member (object, "version");
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64)
    return fail_mapping (r, FALSE, node != NULL ? "$.version" : "$",
                         _("\"version\" must be a whole number"));
  if (json_node_get_int (node) > LW_LEAD_MAPPING_VERSION || json_node_get_int (node) < 1)
    {
      g_autofree char *version = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));

      /* translators: %s is a version number, %d the newest version this build reads */
      return fail_mapping (r, FALSE, "$.version",
                           _("version %s is not supported (this build reads version %d)"),
                           version, LW_LEAD_MAPPING_VERSION);
    }

  node = json_object_get_member (object, "columns");
  if (node != NULL)
    {
      g_autoptr(GList) columns = NULL;
      JsonObject *map;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return fail_mapping (r, FALSE, "$.columns", _("expected an object"));
      map = json_node_get_object (node);
      columns = json_object_get_members (map);
      for (GList *l = columns; l != NULL; l = l->next)
        {
          const char *column = l->data;
          JsonNode *value = json_object_get_member (map, column);
          g_autofree char *parent = g_strdup ("$.columns");
          g_autofree char *at = member_path (parent, column);

          if (*column == '\0')
            return fail_mapping (r, TRUE, at, _("the column name is empty"));
          if (JSON_NODE_HOLDS_NULL (value))
            {
              lw_lead_mapping_set_column (mapping, column, NULL);
              continue;
            }
          if (!is_string_node (value) || !is_target_syntax (json_node_get_string (value)))
            return fail_mapping (r, FALSE, at,
                                 _("expected a property id, \"@id\", \"@owner\" or null"));
          lw_lead_mapping_set_column (mapping, column, json_node_get_string (value));
        }
    }

  node = json_object_get_member (object, "dateOrder");
  if (node != NULL)
    {
      const char *order = is_string_node (node) ? json_node_get_string (node) : "";

      if (strcmp (order, "mdy") == 0)
        mapping->order = LW_DATE_ORDER_MDY;
      else if (strcmp (order, "dmy") == 0)
        mapping->order = LW_DATE_ORDER_DMY;
      else
        return fail_mapping (r, FALSE, "$.dateOrder", _("expected \"mdy\" or \"dmy\""));
    }

  node = json_object_get_member (object, "timeZone");
  if (node != NULL)
    {
      if (!is_string_node (node) ||
          !lw_lead_mapping_set_time_zone (mapping, json_node_get_string (node)))
        return fail_mapping (r, FALSE, "$.timeZone",
                             _("expected a time zone name such as \"Europe/Berlin\""));
    }
  return TRUE;
}

LwLeadMapping *
lw_lead_mapping_load_data (const char  *data,
                           gssize       length,
                           const char  *filename,
                           GError     **error)
{
  g_autoptr(LwLeadMapping) mapping = NULL;
  g_autoptr(LwJsonPositions) positions = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  MappingReader r = { filename != NULL ? filename : "<data>", NULL, error };
  int line = 0, column = 0;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length < 0)
    length = strlen (data);

  positions = lw_json_positions_scan (data, length, &line, &column, &local_error);
  if (positions == NULL)
    {
      /* The message is "LINE:COL: what". */
      g_set_error (error, LW_LEAD_IMPORT_ERROR, LW_LEAD_IMPORT_ERROR_MAPPING,
                   "%s:%s", r.filename, local_error->message);
      return NULL;
    }
  r.positions = positions;

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      g_set_error (error, LW_LEAD_IMPORT_ERROR, LW_LEAD_IMPORT_ERROR_MAPPING,
                   "%s: %s", r.filename, local_error->message);
      return NULL;
    }

  mapping = lw_lead_mapping_new ();
  if (!read_mapping (&r, json_parser_get_root (parser), mapping))
    return NULL;
  return g_steal_pointer (&mapping);
}

LwLeadMapping *
lw_lead_mapping_load_file (const char  *filename,
                           GError     **error)
{
  g_autofree char *data = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length = 0;

  g_return_val_if_fail (filename != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_file_get_contents (filename, &data, &length, &local_error))
    {
      g_set_error (error, LW_LEAD_IMPORT_ERROR, LW_LEAD_IMPORT_ERROR_MAPPING,
                   "%s", local_error->message);
      return NULL;
    }
  return lw_lead_mapping_load_data (data, length, filename, error);
}

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

char *
lw_lead_mapping_to_data (const LwLeadMapping *mapping)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  GString *out;
  GHashTableIter iter;
  gpointer key;

  g_return_val_if_fail (mapping != NULL, NULL);

  g_hash_table_iter_init (&iter, mapping->columns);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (names, key);
  g_ptr_array_sort (names, compare_strings);

  out = g_string_new ("{\n");
  g_string_append_printf (out, "  \"format\": \"%s\",\n  \"version\": %d,\n",
                          LW_LEAD_MAPPING_FORMAT, LW_LEAD_MAPPING_VERSION);
  g_string_append (out, "  \"columns\": {");
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      const char *target = g_hash_table_lookup (mapping->columns, name);

      g_string_append (out, i == 0 ? "\n    " : ",\n    ");
      append_json_string (out, name);
      g_string_append (out, ": ");
      if (target != NULL)
        append_json_string (out, target);
      else
        g_string_append (out, "null");
    }
  g_string_append (out, names->len > 0 ? "\n  },\n" : "},\n");
  g_string_append_printf (out, "  \"dateOrder\": \"%s\"",
                          mapping->order == LW_DATE_ORDER_DMY ? "dmy" : "mdy");
  if (mapping->time_zone != NULL)
    {
      g_string_append (out, ",\n  \"timeZone\": ");
      append_json_string (out, mapping->time_zone);
    }
  g_string_append (out, "\n}\n");
  return g_string_free (out, FALSE);
}

LwLeadMapping *
lw_lead_mapping_load_saved (LwStore  *store,
                            GError  **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *data = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = lw_store_dup_meta (store, LW_LEAD_MAPPING_META_KEY, &local_error);
  if (data == NULL)
    {
      if (!g_error_matches (local_error, LW_STORE_ERROR, LW_STORE_ERROR_NOT_FOUND))
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  /* translators: where a saved mapping comes from, in messages */
  name = g_strdup_printf (_("%s (saved mapping)"), lw_store_get_path (store));
  return lw_lead_mapping_load_data (data, -1, name, error);
}

gboolean
lw_lead_mapping_save (const LwLeadMapping  *mapping,
                      LwStore              *store,
                      GError              **error)
{
  g_autofree char *data = NULL;

  g_return_val_if_fail (mapping != NULL, FALSE);
  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  data = lw_lead_mapping_to_data (mapping);
  return lw_store_set_meta (store, LW_LEAD_MAPPING_META_KEY, data, error);
}

/* ---- the columns ----------------------------------------------------------------- */

void
lw_import_column_free (LwImportColumn *column)
{
  if (column == NULL)
    return;
  g_free (column->name);
  g_free (column->target);
  g_free (column->note);
  g_free (column);
}

/* The property named @target, or NULL for @id / @owner. FALSE with an
 * error when the rules have no such property or compute it. */
static gboolean
resolve_target (const LwConfig    *config,
                const char        *column,
                const char        *target,
                const LwProperty **property,
                GError           **error)
{
  *property = NULL;
  if (is_special_target (target))
    return TRUE;
  *property = lw_config_find_property (config, target);
  if (*property == NULL)
    {
      /* translators: a column name, then a property id */
      g_set_error (error, LW_LEAD_IMPORT_ERROR, LW_LEAD_IMPORT_ERROR_MAPPING,
                   _("the mapping maps the column \"%s\" to \"%s\", which is not a property of the rules"),
                   column, target);
      return FALSE;
    }
  if (is_computed (config, *property))
    {
      g_set_error (error, LW_LEAD_IMPORT_ERROR, LW_LEAD_IMPORT_ERROR_MAPPING,
                   _("the mapping maps the column \"%s\" to \"%s\", which the rules compute"),
                   column, target);
      return FALSE;
    }
  return TRUE;
}

/* The target a column named @name takes without a mapping, and how. */
static const char *
guess_target (const LwConfig *config,
              const char     *name,
              LwImportMatch  *match,
              gboolean       *computed)
{
  g_autofree char *key = dup_name_key (name);

  *computed = FALSE;
  if (*key == '\0')
    return NULL;

  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < config->properties->len; i++)
      {
        const LwProperty *property = g_ptr_array_index (config->properties, i);
        g_autofree char *other = dup_name_key (pass == 0 ? property->id : property->label);

        if (strcmp (key, other) != 0)
          continue;
        if (is_computed (config, property))
          {
            *computed = TRUE;
            return NULL;
          }
        *match = pass == 0 ? LW_IMPORT_MATCH_ID : LW_IMPORT_MATCH_LABEL;
        return property->id;
      }

  for (guint i = 0; i < G_N_ELEMENTS (aliases); i++)
    {
      if (strcmp (aliases[i].key, key) != 0)
        continue;
      for (guint t = 0; t < G_N_ELEMENTS (aliases[i].targets) && aliases[i].targets[t] != NULL; t++)
        {
          const char *target = aliases[i].targets[t];

          if (is_special_target (target) || lw_config_find_property (config, target) != NULL)
            {
              *match = LW_IMPORT_MATCH_ALIAS;
              return target;
            }
        }
    }
  return NULL;
}

GPtrArray *
lw_lead_import_map_columns (const LwConfig       *config,
                            const char * const   *header,
                            guint                 n_columns,
                            const LwLeadMapping  *mapping,
                            GError              **error)
{
  g_autoptr(GPtrArray) columns = NULL;
  g_autoptr(GHashTable) taken = g_hash_table_new (g_str_hash, g_str_equal);   /* target -> column */

  g_return_val_if_fail (config != NULL, NULL);
  g_return_val_if_fail (header != NULL || n_columns == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  columns = g_ptr_array_new_with_free_func ((GDestroyNotify) lw_import_column_free);
  for (guint i = 0; i < n_columns; i++)
    {
      LwImportColumn *column = g_new0 (LwImportColumn, 1);

      column->index = i;
      column->name = g_strdup (header[i] != NULL ? header[i] : "");
      g_ptr_array_add (columns, column);
    }

  /* What the mapping names comes first: it claims its targets. */
  for (guint i = 0; mapping != NULL && i < n_columns; i++)
    {
      LwImportColumn *column = g_ptr_array_index (columns, i);
      const char *target = NULL;

      if (!lw_lead_mapping_lookup (mapping, column->name, &target))
        continue;
      column->match = LW_IMPORT_MATCH_MAPPING;
      if (target == NULL)
        {
          column->note = g_strdup (_("ignored, as the mapping says"));
          continue;
        }
      if (!resolve_target (config, column->name, target, &column->property, error))
        return NULL;
      if (g_hash_table_contains (taken, target))
        {
          const LwImportColumn *first = g_hash_table_lookup (taken, target);

          /* translators: a target ("email", "@id"), then a column name */
          g_set_error (error, LW_LEAD_IMPORT_ERROR, LW_LEAD_IMPORT_ERROR_MAPPING,
                       _("the mapping maps both \"%s\" and \"%s\" to \"%s\""),
                       first->name, column->name, target);
          return NULL;
        }
      column->target = g_strdup (target);
      g_hash_table_insert (taken, column->target, column);
    }

  for (guint i = 0; i < n_columns; i++)
    {
      LwImportColumn *column = g_ptr_array_index (columns, i);
      LwImportMatch match = LW_IMPORT_MATCH_NONE;
      gboolean computed = FALSE;
      const char *target;

      if (column->match == LW_IMPORT_MATCH_MAPPING)
        continue;
      if (column->name[0] == '\0')
        {
          column->note = g_strdup (_("ignored: the column has no name"));
          continue;
        }
      target = guess_target (config, column->name, &match, &computed);
      if (target == NULL)
        {
          column->note = g_strdup (computed ? _("ignored: the rules compute it")
                                            : _("ignored: no property has this name"));
          continue;
        }
      if (g_hash_table_contains (taken, target))
        {
          const LwImportColumn *first = g_hash_table_lookup (taken, target);

          /* translators: the first %s is a target, the second a column name */
          column->note = g_strdup_printf (_("ignored: \"%s\" is read from the column \"%s\""),
                                          target, first->name);
          continue;
        }
      column->match = match;
      column->target = g_strdup (target);
      column->property = is_special_target (target) ? NULL : lw_config_find_property (config, target);
      g_hash_table_insert (taken, column->target, column);
    }
  return g_steal_pointer (&columns);
}

/* ---- reading one cell -------------------------------------------------------------- */

static void
set_invalid (GError     **error,
             const char  *format,
             ...) G_GNUC_PRINTF (2, 3);

static void
set_invalid (GError     **error,
             const char  *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, LW_CONFIG_ERROR, LW_CONFIG_ERROR_INVALID, message);
}

/* @text without white space at either end, no-break spaces included. */
static char *
dup_trimmed (const char *text)
{
  const char *start = text, *end = text + strlen (text);

  while (*start != '\0' && (g_unichar_isspace (g_utf8_get_char (start)) ||
                            g_utf8_get_char (start) == 0xa0 || g_utf8_get_char (start) == 0x202f))
    start = g_utf8_next_char (start);
  while (end > start)
    {
      const char *prev = g_utf8_prev_char (end);
      gunichar c = g_utf8_get_char (prev);

      if (!g_unichar_isspace (c) && c != 0xa0 && c != 0x202f)
        break;
      end = prev;
    }
  return g_strndup (start, end - start);
}

/* Digits with at most one kind of group separator and one decimal
 * separator: "1,234,567.5", "1.234.567,5", "1 234", "12,5", "1e6". */
static gboolean
parse_grouped_number (const char *text,
                      double     *out)
{
  GString *plain = g_string_new (NULL);
  char decimal = 0, group = 0;
  guint commas = 0, dots = 0;
  const char *last_comma = NULL, *last_dot = NULL;
  gboolean ok = FALSE;
  const char *p = text;

  if (*p == '+' || *p == '-')
    g_string_append_c (plain, *p++);

  for (const char *q = p; *q != '\0'; q++)
    {
      if (*q == ',')
        commas++, last_comma = q;
      else if (*q == '.')
        dots++, last_dot = q;
    }

  /* Which of , and . is the decimal separator. */
  if (commas > 0 && dots > 0)
    {
      decimal = last_comma > last_dot ? ',' : '.';
      group = decimal == ',' ? '.' : ',';
    }
  else if (commas > 1)
    group = ',';
  else if (dots > 1)
    group = '.';
  else if (commas == 1)
    {
      /* 1,234 is a thousand and more (as US CRMs write); 12,5 and 0,5
       * are decimals. */
      gsize after = strlen (last_comma + 1);
      gsize before = last_comma - p;

      if (after == 3 && before >= 1 && before <= 3 && !(before == 1 && *p == '0') &&
          strspn (p, "0123456789") == before && strspn (last_comma + 1, "0123456789") == 3)
        group = ',';
      else
        decimal = ',';
    }
  else if (dots == 1)
    decimal = '.';

  {
    guint group_digits = 0, groups = 0;
    gboolean in_fraction = FALSE, in_exponent = FALSE, any_digit = FALSE;

    for (; *p != '\0'; p = g_utf8_next_char (p))
      {
        gunichar c = g_utf8_get_char (p);

        if (g_ascii_isdigit (*p))
          {
            g_string_append_c (plain, *p);
            any_digit = TRUE;
            if (!in_fraction && !in_exponent)
              group_digits++;
            continue;
          }
        if (!in_fraction && !in_exponent &&
            (*p == group || ((c == ' ' || c == 0xa0 || c == 0x202f || c == '\'') && group != ',' && group != '.')))
          {
            /* A group separator: the groups after the first have 3 digits. */
            if (group_digits == 0 || (groups > 0 && group_digits != 3) || (groups == 0 && group_digits > 3))
              goto out;
            groups++;
            group_digits = 0;
            continue;
          }
        if (*p == decimal && !in_fraction && !in_exponent)
          {
            if (groups > 0 && group_digits != 3)
              goto out;
            g_string_append_c (plain, '.');
            in_fraction = TRUE;
            continue;
          }
        if ((*p == 'e' || *p == 'E') && any_digit && !in_exponent && groups == 0)
          {
            g_string_append_c (plain, 'e');
            in_exponent = TRUE;
            if (p[1] == '+' || p[1] == '-')
              g_string_append_c (plain, *++p);
            continue;
          }
        goto out;
      }
    if (groups > 0 && !in_fraction && group_digits != 3)
      goto out;
    if (!any_digit)
      goto out;
  }

  {
    char *end = NULL;
    double number = g_ascii_strtod (plain->str, &end);

    if (end == NULL || *end != '\0' || !isfinite (number))
      goto out;
    *out = number;
    ok = TRUE;
  }

out:
  g_string_free (plain, TRUE);
  return ok;
}

static gboolean
coerce_number (const char  *text,
               char       **out,
               GError     **error)
{
  g_autofree char *work = g_strdup (text);
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  gboolean negative = FALSE;
  char *p = work;
  gsize len;
  double number;

  /* (1,234.50): negative, as accountants write it. */
  len = strlen (p);
  if (len >= 2 && p[0] == '(' && p[len - 1] == ')')
    {
      p[len - 1] = '\0';
      p++;
      negative = TRUE;
    }
  /* A currency sign before or after. */
  {
    static const char * const signs[] = { "$", "\342\202\254", "\302\243", "\302\245", NULL };

    for (guint i = 0; signs[i] != NULL; i++)
      {
        gsize n = strlen (signs[i]);

        if (g_str_has_prefix (p, signs[i]))
          p += n;
        else if (strlen (p) >= n && strcmp (p + strlen (p) - n, signs[i]) == 0)
          p[strlen (p) - n] = '\0';
        else
          continue;
        break;
      }
    {
      g_autofree char *trimmed = dup_trimmed (p);

      strcpy (p, trimmed);
    }
  }

  if (!parse_grouped_number (p, &number))
    {
      if (strchr (p, '%') != NULL)
        set_invalid (error, _("\"%s\" is a percentage: give the number without %%"), text);
      else
        /* translators: %s is what a cell holds where a number was expected */
        set_invalid (error, _("\"%s\" is not a number"), text);
      return FALSE;
    }
  if (negative)
    number = -number;
  if (number == 0)
    number = 0;   /* no "-0" */
  /* The shortest text that reads back as the same number: 1100.04, not
   * 1100.0399999999999. */
  g_ascii_formatd (buffer, sizeof buffer, "%.15g", number);
  if (g_ascii_strtod (buffer, NULL) != number)
    g_ascii_formatd (buffer, sizeof buffer, "%.17g", number);
  *out = g_strdup (buffer);
  return TRUE;
}

static gboolean
coerce_boolean (const char  *text,
                char       **out,
                GError     **error)
{
  static const char * const yes[] = { "true", "yes", "y", "1", NULL };
  static const char * const no[] = { "false", "no", "n", "0", NULL };
  g_autofree char *fold = g_ascii_strdown (text, -1);

  if (g_strv_contains (yes, fold))
    *out = g_strdup ("true");
  else if (g_strv_contains (no, fold))
    *out = g_strdup ("false");
  else
    {
      /* translators: %s is what a cell holds where yes or no was expected */
      set_invalid (error, _("\"%s\" is not yes or no (yes/no, true/false, 1/0)"), text);
      return FALSE;
    }
  return TRUE;
}

/* ---- dates ---------------------------------------------------------------------- */

typedef struct
{
  const char *p;
} Scan;

static gboolean
scan_number (Scan  *s,
             guint  min_digits,
             guint  max_digits,
             guint *value,
             guint *digits)
{
  guint n = 0, v = 0;

  while (g_ascii_isdigit (s->p[n]) && n < max_digits)
    {
      v = v * 10 + (s->p[n] - '0');
      n++;
    }
  if (n < min_digits || g_ascii_isdigit (s->p[n]))
    return FALSE;
  s->p += n;
  *value = v;
  if (digits != NULL)
    *digits = n;
  return TRUE;
}

static gboolean
scan_char (Scan *s,
           char  c)
{
  if (*s->p != c)
    return FALSE;
  s->p++;
  return TRUE;
}

static void
skip_spaces (Scan *s)
{
  while (*s->p == ' ')
    s->p++;
}

/* An English month name or its three-letter abbreviation (a dot after it
 * allowed); 0 when there is none. */
static guint
scan_month_name (Scan *s)
{
  static const char * const months[] = {
    "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december",
  };
  gsize n = 0;
  g_autofree char *word = NULL;

  while (g_ascii_isalpha (s->p[n]))
    n++;
  if (n < 3)
    return 0;
  word = g_ascii_strdown (s->p, n);
  for (guint m = 0; m < G_N_ELEMENTS (months); m++)
    if (strcmp (word, months[m]) == 0 || (n == 3 && strncmp (word, months[m], 3) == 0) ||
        (m == 8 && strcmp (word, "sept") == 0))
      {
        s->p += n;
        scan_char (s, '.');
        return m + 1;
      }
  return 0;
}

/* Two-digit years: 69-99 are 1969-1999, 00-68 are 2000-2068 (POSIX). */
static guint
full_year (guint year,
           guint digits)
{
  if (digits > 2)
    return year;
  return year < 69 ? 2000 + year : 1900 + year;
}

/* The date part: y-m-d, m/d/y or d/m/y (@order), d.m.y, "Oct 20, 2016",
 * "20 Oct 2016", "20-Oct-2016". */
static gboolean
scan_date (Scan        *s,
           LwDateOrder  order,
           guint       *year,
           guint       *month,
           guint       *day)
{
  Scan start = *s;
  guint a, b, c, da, dc;
  char sep;

  /* Month name first. */
  if ((*month = scan_month_name (s)) != 0)
    {
      skip_spaces (s);
      if (!scan_number (s, 1, 2, day, NULL))
        return FALSE;
      scan_char (s, ',');
      skip_spaces (s);
      if (!scan_number (s, 2, 4, &c, &dc) || dc == 3)
        return FALSE;
      *year = full_year (c, dc);
      return TRUE;
    }

  if (!scan_number (s, 1, 4, &a, &da))
    return FALSE;
  sep = *s->p;

  /* A month name second: "20 Oct 2016", "20-Oct-2016". */
  if ((sep == ' ' || sep == '-') && da <= 2)
    {
      Scan t = *s;

      t.p++;
      if ((*month = scan_month_name (&t)) != 0)
        {
          if (*t.p == sep)
            t.p++;
          else
            skip_spaces (&t);
          if (!scan_number (&t, 2, 4, &c, &dc) || dc == 3)
            return FALSE;
          *s = t;
          *day = a;
          *year = full_year (c, dc);
          return TRUE;
        }
    }

  if (sep != '-' && sep != '/' && sep != '.')
    {
      *s = start;
      return FALSE;
    }
  s->p++;
  if (!scan_number (s, 1, 2, &b, NULL) || !scan_char (s, sep))
    return FALSE;

  if (da == 4)
    {
      /* 2016-10-20, 2016/10/20, 2016.10.20 */
      if (!scan_number (s, 1, 2, &c, NULL))
        return FALSE;
      *year = a, *month = b, *day = c;
      return TRUE;
    }
  if (da > 2 || !scan_number (s, 2, 4, &c, &dc) || dc == 3)
    return FALSE;
  *year = full_year (c, dc);
  if (sep == '.' || order == LW_DATE_ORDER_DMY)
    *day = a, *month = b;
  else
    *month = a, *day = b;
  return TRUE;
}

/* The time part: HH:MM[:SS[.fff]] [AM|PM]. */
static gboolean
scan_time (Scan  *s,
           guint *hour,
           guint *minute,
           guint *second)
{
  *second = 0;
  if (!scan_number (s, 1, 2, hour, NULL) || !scan_char (s, ':') ||
      !scan_number (s, 2, 2, minute, NULL))
    return FALSE;
  if (scan_char (s, ':'))
    {
      if (!scan_number (s, 2, 2, second, NULL))
        return FALSE;
      if (*s->p == '.' || *s->p == ',')
        {
          s->p++;
          if (!g_ascii_isdigit (*s->p))
            return FALSE;
          while (g_ascii_isdigit (*s->p))
            s->p++;
        }
    }
  {
    Scan t = *s;

    skip_spaces (&t);
    if (g_ascii_strncasecmp (t.p, "am", 2) == 0 || g_ascii_strncasecmp (t.p, "pm", 2) == 0 ||
        g_ascii_strncasecmp (t.p, "a.m.", 4) == 0 || g_ascii_strncasecmp (t.p, "p.m.", 4) == 0)
      {
        gboolean pm = g_ascii_tolower (*t.p) == 'p';

        if (*hour < 1 || *hour > 12)
          return FALSE;
        t.p += t.p[1] == '.' ? 4 : 2;
        if (g_ascii_isalpha (*t.p))
          return FALSE;
        *hour = *hour % 12 + (pm ? 12 : 0);
        *s = t;
      }
  }
  return *hour <= 23 && *minute <= 59 && *second <= 59;
}

/* Z, UTC, GMT, +02:00, -0500, +02; *@has_offset FALSE when none. */
static gboolean
scan_offset (Scan     *s,
             gboolean *has_offset,
             int      *offset)
{
  Scan t = *s;

  *has_offset = FALSE;
  *offset = 0;
  skip_spaces (&t);
  if (*t.p == 'Z' || *t.p == 'z')
    {
      t.p++;
      *has_offset = TRUE;
    }
  else if (g_ascii_strncasecmp (t.p, "UTC", 3) == 0 || g_ascii_strncasecmp (t.p, "GMT", 3) == 0)
    {
      t.p += 3;
      *has_offset = TRUE;
    }
  if (*t.p == '+' || *t.p == '-')
    {
      int sign = *t.p == '-' ? -1 : 1;
      guint h, m = 0;

      t.p++;
      if (!scan_number (&t, 2, 2, &h, NULL))
        return FALSE;
      scan_char (&t, ':');
      if (g_ascii_isdigit (*t.p) && !scan_number (&t, 2, 2, &m, NULL))
        return FALSE;
      if (h > 23 || m > 59)
        return FALSE;
      *offset = sign * (int) (h * 3600 + m * 60);
      *has_offset = TRUE;
    }
  *s = t;
  return TRUE;
}

static gboolean
parse_date_time (const char   *text,
                 LwDateOrder   order,
                 GTimeZone    *tz,
                 LwTime       *out)
{
  Scan s = { text };
  guint year, month, day, hour = 0, minute = 0, second = 0;
  gboolean has_offset = FALSE;
  int offset = 0;

  if (!scan_date (&s, order, &year, &month, &day))
    return FALSE;
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 ||
      day > g_date_get_days_in_month (month, year))
    return FALSE;

  if (*s.p == 'T' || *s.p == 't' || *s.p == ' ' || *s.p == ',')
    {
      Scan t = s;

      if (*t.p == ',')
        t.p++;
      if (*t.p == 'T' || *t.p == 't')
        t.p++;
      skip_spaces (&t);
      if (g_ascii_isdigit (*t.p))
        {
          if (!scan_time (&t, &hour, &minute, &second))
            return FALSE;
          s = t;
        }
    }
  if (!scan_offset (&s, &has_offset, &offset))
    return FALSE;
  skip_spaces (&s);
  if (*s.p != '\0')
    return FALSE;

  if (has_offset)
    {
      g_autoptr(GDateTime) utc = g_date_time_new_utc (year, month, day, hour, minute, second);

      if (utc == NULL)
        return FALSE;
      *out = g_date_time_to_unix (utc) - offset;
    }
  else
    {
      g_autoptr(GDateTime) local = g_date_time_new (tz, year, month, day, hour, minute, second);

      if (local == NULL)
        return FALSE;
      *out = g_date_time_to_unix (local);
    }
  return TRUE;
}

static gboolean
coerce_datetime (const char   *text,
                 LwDateOrder   order,
                 GTimeZone    *tz,
                 char        **out,
                 GError      **error)
{
  LwTime time = 0;
  gsize digits = strspn (text, "0123456789");

  /* Milliseconds since 1970, as HubSpot's API writes dates. */
  if (digits == strlen (text) && digits >= 12 && digits <= 14)
    {
      guint64 ms = g_ascii_strtoull (text, NULL, 10);

      *out = lw_time_format_iso8601 ((LwTime) (ms / 1000));
      return TRUE;
    }

  if (!parse_date_time (text, order, tz, &time))
    {
      if (order == LW_DATE_ORDER_MDY)
        /* translators: %s is what a cell holds where a date was expected */
        set_invalid (error, _("\"%s\" is not a date (2026-03-09, 03/09/2026 as month/day/year, "
                              "9 Mar 2026, with an optional time such as 14:30 or 2:30 PM)"), text);
      else
        set_invalid (error, _("\"%s\" is not a date (2026-03-09, 09/03/2026 as day/month/year, "
                              "9 Mar 2026, with an optional time such as 14:30 or 2:30 PM)"), text);
      return FALSE;
    }
  *out = lw_time_format_iso8601 (time);
  return TRUE;
}

/* ---- enums, emails, text ---------------------------------------------------------- */

static const char *
hubspot_value_of (const LwConfig   *config,
                  const LwProperty *property,
                  const char       *option)
{
  if (property == lw_config_builtin (config, LW_BUILTIN_LIFECYCLE_STAGE))
    {
      const LwStage *stage = lw_config_find_stage (config, option);

      return stage != NULL ? stage->hubspot_value : NULL;
    }
  if (property == lw_config_builtin (config, LW_BUILTIN_LEAD_STATUS))
    {
      const LwStatus *status = lw_config_find_status (config, option);

      return status != NULL ? status->hubspot_value : NULL;
    }
  return NULL;
}

static gboolean
coerce_enum (const LwConfig    *config,
             const LwProperty  *property,
             const char        *text,
             char             **out,
             GError           **error)
{
  g_autofree char *fold = lw_text_fold (text);
  GString *list;

  for (guint i = 0; i < property->options->len; i++)
    {
      const LwOption *option = g_ptr_array_index (property->options, i);

      if (g_strcmp0 (option->value, text) == 0)
        {
          *out = g_strdup (option->value);
          return TRUE;
        }
    }
  /* By value, then label, then (stages and statuses) HubSpot value, in
   * any case. */
  for (guint pass = 0; pass < 3; pass++)
    for (guint i = 0; i < property->options->len; i++)
      {
        const LwOption *option = g_ptr_array_index (property->options, i);
        const char *name = pass == 0 ? option->value
                         : pass == 1 ? option->label
                         : hubspot_value_of (config, property, option->value);
        g_autofree char *other = NULL;

        if (name == NULL)
          continue;
        other = lw_text_fold (name);
        if (strcmp (fold, other) == 0)
          {
            *out = g_strdup (option->value);
            return TRUE;
          }
      }

  list = g_string_new (NULL);
  for (guint i = 0; i < property->options->len && i < MAX_LISTED; i++)
    {
      const LwOption *option = g_ptr_array_index (property->options, i);

      if (i > 0)
        g_string_append (list, ", ");
      g_string_append (list, option->value);
    }
  if (property->options->len > MAX_LISTED)
    g_string_append (list, ", ...");
  /* translators: "technolgy" is not one of the options of Industry (software, retail) */
  set_invalid (error, _("\"%s\" is not one of the options of %s (%s)"), text,
               property->label != NULL ? property->label : property->id, list->str);
  g_string_free (list, TRUE);
  return FALSE;
}

static gboolean
coerce_email (const char  *text,
              char       **out,
              GError     **error)
{
  const char *at = strchr (text, '@');

  if (at == NULL || at == text || at[1] == '\0' || strchr (at + 1, '@') != NULL ||
      strpbrk (text, " \t\r\n,;<>") != NULL)
    {
      /* translators: %s is what a cell holds where an email address was expected */
      set_invalid (error, _("\"%s\" is not an email address"), text);
      return FALSE;
    }
  *out = g_strdup (text);
  return TRUE;
}

gboolean
lw_lead_import_coerce (const LwConfig    *config,
                       const LwProperty  *property,
                       const char        *text,
                       LwDateOrder        order,
                       GTimeZone         *time_zone,
                       char             **out,
                       GError           **error)
{
  g_autofree char *trimmed = NULL;
  g_autoptr(GTimeZone) utc = NULL;

  g_return_val_if_fail (config != NULL, FALSE);
  g_return_val_if_fail (property != NULL, FALSE);
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  *out = NULL;
  if (!g_utf8_validate (text, -1, NULL))
    {
      set_invalid (error, _("the text is not valid UTF-8"));
      return FALSE;
    }
  trimmed = dup_trimmed (text);
  if (*trimmed == '\0')
    return TRUE;

  switch (property->type)
    {
    case LW_PROPERTY_NUMBER:
      return coerce_number (trimmed, out, error);
    case LW_PROPERTY_BOOLEAN:
      return coerce_boolean (trimmed, out, error);
    case LW_PROPERTY_DATETIME:
      if (time_zone == NULL)
        time_zone = utc = g_time_zone_new_utc ();
      return coerce_datetime (trimmed, order, time_zone, out, error);
    case LW_PROPERTY_ENUM:
      return coerce_enum (config, property, trimmed, out, error);
    case LW_PROPERTY_EMAIL:
      return coerce_email (trimmed, out, error);
    case LW_PROPERTY_STRING:
    case LW_N_PROPERTY_TYPES:
    default:
      *out = g_steal_pointer (&trimmed);
      return TRUE;
    }
}

/* ---- the report ------------------------------------------------------------------- */

void
lw_import_problem_free (LwImportProblem *problem)
{
  if (problem == NULL)
    return;
  g_free (problem->column_name);
  g_free (problem->value);
  g_free (problem->reason);
  g_free (problem);
}

char *
lw_import_problem_format (const LwImportProblem *problem)
{
  GString *out;

  g_return_val_if_fail (problem != NULL, NULL);

  out = g_string_new (NULL);
  {
    g_autofree char *row = g_strdup_printf ("%" G_GUINT64_FORMAT, problem->row);
    g_autofree char *line = g_strdup_printf ("%" G_GUINT64_FORMAT, problem->line);
    const char *name = problem->column_name != NULL ? problem->column_name : "";

    if (problem->line != problem->row && problem->column > 0)
      /* translators: where in the imported file: a row, the line of the file where it
       * starts, a column number and its name */
      g_string_append_printf (out, _("row %s (line %s), column %u (%s)"), row, line, problem->column, name);
    else if (problem->line != problem->row)
      /* translators: where in the imported file: a row, the line of the file where it starts */
      g_string_append_printf (out, _("row %s (line %s)"), row, line);
    else if (problem->column > 0)
      /* translators: where in the imported file: a row, a column number and its name */
      g_string_append_printf (out, _("row %s, column %u (%s)"), row, problem->column, name);
    else
      /* translators: a row of the imported file */
      g_string_append_printf (out, _("row %s"), row);
  }
  g_string_append (out, ": ");
  /* The value, unless the reason quotes it already. */
  if (problem->value != NULL)
    {
      g_autofree char *quoted = g_strdup_printf ("\"%s\"", problem->value);

      if (strstr (problem->reason, quoted) == NULL)
        g_string_append_printf (out, "%s: ", quoted);
    }
  g_string_append (out, problem->reason);
  return g_string_free (out, FALSE);
}

void
lw_lead_import_report_free (LwLeadImportReport *report)
{
  if (report == NULL)
    return;
  g_clear_pointer (&report->columns, g_ptr_array_unref);
  g_clear_pointer (&report->problems, g_ptr_array_unref);
  g_clear_pointer (&report->ids, g_array_unref);
  g_free (report);
}

static LwLeadImportReport *
report_new (void)
{
  LwLeadImportReport *report = g_new0 (LwLeadImportReport, 1);

  report->separator = ',';
  report->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) lw_import_problem_free);
  report->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  return report;
}

/* ---- writing live leads ------------------------------------------------------------ */

/* Good rows are written this many at a time. */
#define WRITE_BATCH 256

typedef struct
{
  LwStore    *store;
  gboolean    open;         /* the import's transaction is open */
  GPtrArray  *pending;      /* LwLiveLead, checked, not written yet */
} LiveWriter;

/* Ends the import's transaction without writing anything. */
static void
live_writer_abort (LiveWriter *w)
{
  if (w->open)
    lw_store_rollback_transaction (w->store);
  w->open = FALSE;
  g_ptr_array_set_size (w->pending, 0);
}

/* Writes the pending leads inside the import's transaction (begun on the
 * first); their ids go to @ids. */
static gboolean
live_writer_flush (LiveWriter  *w,
                   LwTime       now,
                   GArray      *ids,
                   GError     **error)
{
  guint start = ids->len;

  if (w->pending->len == 0)
    return TRUE;
  if (!w->open)
    {
      if (!lw_store_begin_transaction (w->store, error))
        return FALSE;
      w->open = TRUE;
    }
  g_array_set_size (ids, start + w->pending->len);
  if (!lw_store_add_live_leads (w->store, (const LwLiveLead * const *) w->pending->pdata,
                                w->pending->len, now, &g_array_index (ids, gint64, start), error))
    {
      g_array_set_size (ids, start);
      return FALSE;
    }
  g_ptr_array_set_size (w->pending, 0);
  return TRUE;
}

/* ---- the import ---------------------------------------------------------------------- */

typedef struct
{
  const LwConfig      *config;
  LwLeadImportReport  *report;
  GPtrArray           *columns;      /* LwImportColumn */
  LwDateOrder          order;
  GTimeZone           *tz;
  LwTime               now;
  const LwProperty    *created_at;   /* built-ins with a place of their own */
  const LwProperty    *status;
  const LwProperty    *stage;
  const LwProperty    *source;
  gboolean             source_mapped;
  GHashTable          *ids;          /* external id -> row (guint64 *) */
  GHashTable          *reps;         /* folded id, email, name -> rep id */
  LwRoutingState      *routing;
  /* The row being read. */
  guint64              row;
  guint64              line;
  gboolean             row_bad;
} Import;

static void
add_problem (Import     *im,
             guint       column,
             const char *value,
             const char *reason)
{
  LwLeadImportReport *report = im->report;
  LwImportProblem *problem;

  report->n_problems++;
  if (!im->row_bad)
    report->bad_rows++;
  im->row_bad = TRUE;
  if (report->problems->len >= LW_LEAD_IMPORT_MAX_PROBLEMS)
    return;

  problem = g_new0 (LwImportProblem, 1);
  problem->row = im->row;
  problem->line = im->line;
  problem->column = column;
  if (column > 0)
    {
      const LwImportColumn *c = column <= im->columns->len
                                ? g_ptr_array_index (im->columns, column - 1) : NULL;

      problem->column_name = g_strdup (c != NULL ? c->name : "");
      if (value != NULL && g_utf8_strlen (value, -1) > MAX_VALUE_CHARS)
        {
          g_autofree char *cut = g_utf8_substring (value, 0, MAX_VALUE_CHARS);

          problem->value = g_strconcat (cut, "\342\200\246", NULL);
        }
      else
        problem->value = g_strdup (value != NULL ? value : "");
    }
  problem->reason = g_strdup (reason);
  g_ptr_array_add (report->problems, problem);
}

static void
index_reps (Import *im)
{
  im->reps = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  /* Ids first, so that an id wins over another rep's name. */
  for (guint pass = 0; pass < 3; pass++)
    for (guint i = 0; i < im->config->reps->len; i++)
      {
        const LwRep *rep = g_ptr_array_index (im->config->reps, i);
        const char *name = pass == 0 ? rep->id : pass == 1 ? rep->email : rep->name;
        char *key;

        if (name == NULL || *name == '\0')
          continue;
        key = lw_text_fold (name);
        if (g_hash_table_contains (im->reps, key))
          g_free (key);
        else
          g_hash_table_insert (im->reps, key, rep->id);
      }
}

static void
append_json_value (GString          *json,
                   const LwProperty *property,
                   const char       *value)
{
  if (json->len > 1)
    g_string_append (json, ", ");
  append_json_string (json, property->id);
  g_string_append (json, ": ");
  if (property->type == LW_PROPERTY_NUMBER || property->type == LW_PROPERTY_BOOLEAN)
    g_string_append (json, value);
  else
    append_json_string (json, value);
}

/* Checks one record; on success fills the lead's parts. */
static gboolean
read_row (Import              *im,
          LiveWriter          *writer,
          const char * const  *fields,
          guint                n_fields,
          GString             *json,
          char               **external_id,
          char               **owner,
          char               **status,
          char               **stage,
          LwTime              *created_at,
          GError             **error)
{
  guint n_columns = im->columns->len;

  g_string_assign (json, "{");
  *created_at = im->now;

  if (n_fields != n_columns)
    {
      gboolean short_row = FALSE;
      guint extra = 0;

      /* More cells than the header: fine when the extra ones are empty. */
      for (guint i = n_columns; i < n_fields; i++)
        if (fields[i][0] != '\0' && extra == 0)
          extra = i + 1;
      /* Fewer: fine when the missing ones are columns without a name (the
       * header's trailing empty column). */
      for (guint i = n_fields; i < n_columns; i++)
        short_row |= ((LwImportColumn *) g_ptr_array_index (im->columns, i))->name[0] != '\0';
      if (short_row || extra > 0)
        {
          g_autofree char *reason = NULL;

          /* translators: the number of cells of a row, then of the header */
          reason = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "the row has %u cell, the header %u",
                                                 "the row has %u cells, the header %u", n_fields),
                                    n_fields, n_columns);
          add_problem (im, n_fields < n_columns ? 0 : extra, n_fields < n_columns ? NULL : fields[extra - 1],
                       reason);
          return TRUE;
        }
    }

  for (guint i = 0; i < n_columns; i++)
    {
      const LwImportColumn *column = g_ptr_array_index (im->columns, i);
      const char *text = i < n_fields ? fields[i] : "";
      g_autoptr(GError) local_error = NULL;
      g_autofree char *value = NULL;

      if (column->target == NULL)
        continue;

      if (column->property == NULL)
        {
          g_autofree char *trimmed = dup_trimmed (text);

          if (*trimmed == '\0')
            continue;
          if (strcmp (column->target, LW_LEAD_IMPORT_TARGET_ID) == 0)
            {
              guint64 *first = g_hash_table_lookup (im->ids, trimmed);
              gint64 existing = 0;

              if (first != NULL)
                {
                  g_autofree char *row = g_strdup_printf ("%" G_GUINT64_FORMAT, *first);
                  g_autofree char *reason = NULL;

                  /* translators: %s is the row where the same id came first */
                  reason = g_strdup_printf (_("the id is already on row %s"), row);
                  add_problem (im, i + 1, text, reason);
                  continue;
                }
              if (writer->store != NULL &&
                  !lw_store_find_live_lead_id (writer->store, trimmed, &existing, error))
                return FALSE;
              if (existing != 0)
                {
                  g_autofree char *lead = g_strdup_printf ("%" G_GINT64_FORMAT, existing);
                  g_autofree char *reason = NULL;

                  /* translators: %s is the number of a live lead */
                  reason = g_strdup_printf (_("live lead %s already has this id"), lead);
                  add_problem (im, i + 1, text, reason);
                  continue;
                }
              g_hash_table_insert (im->ids, g_strdup (trimmed), g_memdup2 (&im->row, sizeof im->row));
              *external_id = g_steal_pointer (&trimmed);
            }
          else
            {
              g_autofree char *key = lw_text_fold (trimmed);
              const char *rep = g_hash_table_lookup (im->reps, key);

              if (rep == NULL)
                add_problem (im, i + 1, text, _("no rep of the team has this id, email or name"));
              else
                *owner = g_strdup (rep);
            }
          continue;
        }

      if (!lw_lead_import_coerce (im->config, column->property, text, im->order, im->tz,
                                  &value, &local_error))
        {
          add_problem (im, i + 1, text, local_error->message);
          continue;
        }
      /* A lead whose source cell is empty still came from the import. */
      if (value == NULL && column->property == im->source)
        value = g_strdup ("import");
      if (value == NULL)
        continue;

      if (column->property == im->created_at)
        {
          LwTime t = 0;

          lw_time_parse_iso8601 (value, &t);
          if (t > im->now)
            add_problem (im, i + 1, text, _("the lead cannot be created after the import"));
          else if (t <= 0)
            add_problem (im, i + 1, text, _("the date is before 1970"));
          else
            *created_at = t;
        }
      else if (column->property == im->status)
        *status = g_steal_pointer (&value);
      else if (column->property == im->stage)
        *stage = g_steal_pointer (&value);
      else
        append_json_value (json, column->property, value);
    }

  if (!im->source_mapped && im->source != NULL)
    append_json_value (json, im->source, "import");
  g_string_append_c (json, '}');
  return TRUE;
}

/* The live lead of a good row, as lw_live_add() works it out: its owner
 * when it has none (by routing, at its creation), its SLA policy and its
 * first-touch deadline as lw_live_update_deadline() would keep it. Takes
 * the texts. */
static LwLiveLead *
prepare_live (Import       *im,
              char         *external_id,
              LwTime        created_at,
              const char   *properties,
              char         *status,
              char         *stage,
              char         *owner)
{
  g_autoptr(LwLiveLead) live = lw_live_lead_new ();
  g_autoptr(LwLead) lead = NULL;
  const LwSlaPolicy *sla;
  LwLiveClock clock;

  live->external_id = external_id;
  live->created_at = created_at;
  live->properties = g_strdup (properties);
  live->status = status;
  live->stage = stage;
  live->owner = owner;
  lead = lw_live_lead_to_lead (im->config, live);

  if (live->owner == NULL)
    {
      g_auto(LwRoute) route = { 0, };

      lw_route_lead (im->config, lead, created_at, im->routing, FALSE, &route);
      if (route.owner != NULL)
        {
          live->owner = g_strdup (route.owner->id);
          im->report->routed++;
        }
    }
  sla = lw_sla_select (im->config, lead);
  live->policy = sla != NULL ? g_strdup (sla->id) : NULL;

  if (live->owner != NULL)
    {
      LwLiveAssignment assignment = { created_at, g_strdup (live->owner), LW_LIVE_ASSIGN_ROUTED, -1 };

      live->assigned_at = created_at;
      g_array_append_val (live->assignments, assignment);
    }
  if (live->status != NULL)
    {
      LwLiveStatusChange change = { created_at, g_strdup (live->status) };

      g_array_append_val (live->status_changes, change);
    }
  lw_live_clock_compute (im->config, live, im->now, &clock);
  live->deadline = clock.state == LW_LIVE_NO_CLOCK || clock.deadline == G_MAXINT64 ? 0 : clock.deadline;
  return g_steal_pointer (&live);
}

gboolean
lw_lead_import_csv (LwStore              *store,
                    const LwConfig       *config,
                    LwCsvReader          *reader,
                    const LwLeadMapping  *mapping,
                    LwLeadImportFlags     flags,
                    LwTime                now,
                    GCancellable         *cancellable,
                    LwLeadImportProgress  progress,
                    gpointer              progress_data,
                    LwLeadImportReport  **report_out,
                    GError              **error)
{
  g_autoptr(LwLeadImportReport) report = report_new ();
  g_autoptr(GPtrArray) pending = g_ptr_array_new_with_free_func ((GDestroyNotify) lw_live_lead_free);
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GString) json = g_string_new (NULL);
  g_autoptr(GError) local_error = NULL;
  LiveWriter writer = { store, FALSE, pending };
  Import im = { 0, };
  const char * const *fields;
  gboolean skip_bad = (flags & LW_LEAD_IMPORT_SKIP_BAD) != 0;
  gboolean dry_run = (flags & LW_LEAD_IMPORT_DRY_RUN) != 0;
  gboolean writing;
  gboolean has_property = FALSE;
  gboolean ok = FALSE;
  guint n_fields;

  g_return_val_if_fail (store != NULL || dry_run, FALSE);
  g_return_val_if_fail (config != NULL, FALSE);
  g_return_val_if_fail (reader != NULL, FALSE);
  g_return_val_if_fail (now > 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (report_out != NULL)
    *report_out = NULL;
  writing = store != NULL && !dry_run;

  /* The header. */
  if (!lw_csv_reader_next (reader, cancellable, &local_error))
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error_literal (error, LW_LEAD_IMPORT_ERROR, LW_LEAD_IMPORT_ERROR_EMPTY,
                             _("the file is empty: it has no header row"));
      goto out;
    }
  report->separator = lw_csv_reader_get_separator (reader);
  fields = lw_csv_reader_get_fields (reader, &n_fields);
  report->columns = lw_lead_import_map_columns (config, fields, n_fields, mapping, error);
  if (report->columns == NULL)
    goto out;
  for (guint i = 0; i < report->columns->len; i++)
    has_property |= ((LwImportColumn *) g_ptr_array_index (report->columns, i))->property != NULL;
  if (!has_property)
    {
      g_autoptr(GString) names = g_string_new (NULL);

      for (guint i = 0; i < n_fields && i < MAX_LISTED; i++)
        g_string_append_printf (names, "%s\"%s\"", i > 0 ? ", " : "", fields[i]);
      if (n_fields > MAX_LISTED)
        g_string_append (names, ", ...");
      /* translators: %s lists the column names of the file */
      g_set_error (error, LW_LEAD_IMPORT_ERROR, LW_LEAD_IMPORT_ERROR_NO_COLUMNS,
                   _("no column of the file matches a property of the rules (columns: %s); "
                     "map them with a mapping file"), names->str);
      goto out;
    }

  im.config = config;
  im.report = report;
  im.columns = report->columns;
  im.order = mapping != NULL ? mapping->order : LW_DATE_ORDER_MDY;
  im.tz = tz = new_time_zone (mapping != NULL ? mapping->time_zone : NULL);
  im.now = now;
  im.created_at = lw_config_builtin (config, LW_BUILTIN_CREATED_AT);
  im.status = lw_config_builtin (config, LW_BUILTIN_LEAD_STATUS);
  im.stage = lw_config_builtin (config, LW_BUILTIN_LIFECYCLE_STAGE);
  im.source = lw_config_builtin (config, LW_BUILTIN_SOURCE);
  im.ids = ids;
  /* Round robin goes on from the workspace's live leads. */
  if (store != NULL)
    {
      im.routing = lw_live_load_routing (store, config, error);
      if (im.routing == NULL)
        goto out;
    }
  else
    im.routing = lw_routing_state_new (config);
  index_reps (&im);
  for (guint i = 0; i < report->columns->len; i++)
    if (((LwImportColumn *) g_ptr_array_index (report->columns, i))->property == im.source)
      im.source_mapped = TRUE;
  /* Leads come from an import, unless a column says where from. */
  if (im.source != NULL)
    {
      gboolean found = FALSE;

      for (guint i = 0; i < im.source->options->len; i++)
        found |= g_strcmp0 (((LwOption *) g_ptr_array_index (im.source->options, i))->value, "import") == 0;
      if (!found)
        im.source = NULL;
    }

  /* The rows. */
  for (;;)
    {
      g_autofree char *external_id = NULL, *owner = NULL, *status = NULL, *stage = NULL;
      LwTime created_at = now;
      gboolean more;

      g_clear_error (&local_error);
      more = lw_csv_reader_next (reader, cancellable, &local_error);
      if (!more && local_error == NULL)
        break;
      if (!more && !g_error_matches (local_error, LW_CSV_ERROR, LW_CSV_ERROR_ENCODING) &&
          !g_error_matches (local_error, LW_CSV_ERROR, LW_CSV_ERROR_QUOTE))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          goto out;
        }

      report->rows++;
      im.row = lw_csv_reader_get_row (reader);
      im.line = lw_csv_reader_get_line (reader);
      im.row_bad = FALSE;
      fields = lw_csv_reader_get_fields (reader, &n_fields);

      if (g_error_matches (local_error, LW_CSV_ERROR, LW_CSV_ERROR_QUOTE))
        {
          guint column = lw_csv_reader_get_bad_column (reader);

          add_problem (&im, column, column <= n_fields ? fields[column - 1] : NULL,
                       _("text after the closing quote (a quote inside a quoted cell is written twice: \"\")"));
        }
      else
        {
          /* Text that is not UTF-8 matters in the columns imported. */
          for (guint i = 0; local_error != NULL && i < n_fields && i < report->columns->len; i++)
            if (((LwImportColumn *) g_ptr_array_index (report->columns, i))->target != NULL &&
                lw_csv_reader_is_bad_column (reader, i + 1))
              add_problem (&im, i + 1, fields[i],
                           _("the text is not valid UTF-8 (save the file as CSV in UTF-8)"));
          if (!im.row_bad &&
              !read_row (&im, &writer, fields, n_fields, json, &external_id, &owner, &status,
                         &stage, &created_at, error))
            goto out;
        }

      if (im.row_bad)
        {
          /* One bad row and nothing is to be imported: stop writing, keep
           * reading to report every problem. */
          if (!skip_bad && writing)
            {
              live_writer_abort (&writer);
              g_array_set_size (report->ids, 0);
              report->routed = 0;
              writing = FALSE;
            }
        }
      else if (writing)
        {
          g_ptr_array_add (pending, prepare_live (&im, g_steal_pointer (&external_id), created_at,
                                                  json->str, g_steal_pointer (&status),
                                                  g_steal_pointer (&stage), g_steal_pointer (&owner)));
          if (pending->len >= WRITE_BATCH && !live_writer_flush (&writer, now, report->ids, error))
            goto out;
        }

      if (report->rows % PROGRESS_ROWS == 0)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            goto out;
          if (progress != NULL)
            progress (lw_csv_reader_get_offset (reader), lw_csv_reader_get_size (reader),
                      progress_data);
        }
    }
  if (progress != NULL)
    progress (lw_csv_reader_get_offset (reader), lw_csv_reader_get_size (reader), progress_data);

  if (report->bad_rows > 0 && !skip_bad)
    {
      g_autofree char *count = g_strdup_printf ("%" G_GUINT64_FORMAT, report->bad_rows);

      /* translators: %s is the number of bad rows of the file */
      g_set_error (error, LW_LEAD_IMPORT_ERROR, LW_LEAD_IMPORT_ERROR_BAD_ROWS,
                   g_dngettext (GETTEXT_PACKAGE, "%s row has problems: nothing was imported",
                                "%s rows have problems: nothing was imported",
                                (gulong) MIN (report->bad_rows, G_MAXULONG)),
                   count);
      goto out;
    }
  if (writing && !live_writer_flush (&writer, now, report->ids, error))
    goto out;
  if (writer.open)
    {
      if (!lw_live_save_routing (store, config, im.routing, error))
        goto out;
      writer.open = FALSE;
      if (!lw_store_commit_transaction (store, error))
        goto out;
    }
  report->imported = report->ids->len;
  ok = TRUE;

out:
  live_writer_abort (&writer);
  g_clear_pointer (&im.reps, g_hash_table_unref);
  g_clear_pointer (&im.routing, lw_routing_state_free);
  if (!ok)
    {
      report->imported = 0;
      report->routed = 0;
      g_array_set_size (report->ids, 0);
    }
  if (report_out != NULL)
    *report_out = g_steal_pointer (&report);
  return ok;
}

/* ---- on a worker thread ------------------------------------------------------------ */

typedef struct
{
  LwStore             *store;
  LwConfig            *config;
  char                *path;
  LwLeadMapping       *mapping;
  LwLeadImportFlags    flags;
  LwTime               now;
  LwLeadImportProgress progress;
  gpointer             progress_data;
  LwLeadImportReport  *report;
} ImportData;

static void
import_data_free (gpointer data)
{
  ImportData *d = data;

  g_clear_pointer (&d->store, lw_store_unref);
  lw_config_unref (d->config);
  g_free (d->path);
  lw_lead_mapping_free (d->mapping);
  lw_lead_import_report_free (d->report);
  g_free (d);
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportData *d = task_data;
  g_autoptr(LwCsvReader) reader = NULL;
  GError *error = NULL;

  reader = lw_csv_reader_new_for_path (d->path, &error);
  if (reader == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  lw_csv_reader_set_detect_separator (reader, TRUE);
  if (lw_lead_import_csv (d->store, d->config, reader, d->mapping, d->flags, d->now, cancellable,
                          d->progress, d->progress_data, &d->report, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
lw_lead_import_path_async (LwStore              *store,
                           const LwConfig       *config,
                           const char           *path,
                           const LwLeadMapping  *mapping,
                           LwLeadImportFlags     flags,
                           LwTime                now,
                           GCancellable         *cancellable,
                           LwLeadImportProgress  progress,
                           gpointer              progress_data,
                           GAsyncReadyCallback   callback,
                           gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  ImportData *d;

  g_return_if_fail (store != NULL || (flags & LW_LEAD_IMPORT_DRY_RUN) != 0);
  g_return_if_fail (config != NULL);
  g_return_if_fail (path != NULL);

  d = g_new0 (ImportData, 1);
  d->store = store != NULL ? lw_store_ref (store) : NULL;
  d->config = lw_config_ref ((LwConfig *) config);
  d->path = g_strdup (path);
  d->mapping = mapping != NULL ? lw_lead_mapping_copy (mapping) : NULL;
  d->flags = flags;
  d->now = now;
  d->progress = progress;
  d->progress_data = progress_data;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, lw_lead_import_path_async);
  g_task_set_task_data (task, d, import_data_free);
  g_task_run_in_thread (task, import_thread);
}

gboolean
lw_lead_import_path_finish (GAsyncResult         *result,
                            LwLeadImportReport  **report,
                            GError              **error)
{
  ImportData *d;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == lw_lead_import_path_async, FALSE);

  d = g_task_get_task_data (G_TASK (result));
  if (report != NULL)
    *report = g_steal_pointer (&d->report);
  return g_task_propagate_boolean (G_TASK (result), error);
}
