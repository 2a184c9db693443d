/* lw-lead-json.c: one lead read from JSON
 *
 *   { "id": "L-1", "properties": { "country": "US", "employees": 250 },
 *     "activities": [ { "type": "demo_request", "at": "2026-03-09T14:00:00Z" } ] }
 *
 * "id" is required; "properties" and "activities" may be left out. Property
 * values are strings, numbers or booleans, each parsed by the property's
 * type. Every member is checked and every error is located as a config error
 * is: FILE:LINE:COL: error: $.properties.employees: "many" is not a number.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "lw-json-pos.h"
#include "lw-lead.h"

typedef struct
{
  LwJsonPositions *positions;
  const char      *filename;
  GPtrArray       *diagnostics;   /* LwDiagnostic */
} LeadReader;

static void add_error (LeadReader *r,
                       gboolean    at_key,
                       const char *path,
                       const char *format,
                       ...) G_GNUC_PRINTF (4, 5);

static void
add_error (LeadReader *r,
           gboolean    at_key,
           const char *path,
           const char *format,
           ...)
{
  g_autofree char *message = NULL;
  LwDiagnostic *diagnostic;
  int line = 0, column = 0;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  diagnostic = lw_diagnostic_new (LW_SEVERITY_ERROR, path, "%s", message);
  diagnostic->file = g_strdup (r->filename);
  if ((at_key ? lw_json_positions_lookup_key : lw_json_positions_lookup)
        (r->positions, path, &line, &column))
    {
      diagnostic->line = line;
      diagnostic->column = column;
    }
  g_ptr_array_add (r->diagnostics, diagnostic);
}

static const char *
describe_node (JsonNode *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    return _("an object");
  if (JSON_NODE_HOLDS_ARRAY (node))
    return _("an array");
  if (JSON_NODE_HOLDS_NULL (node))
    return _("null");
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

static gboolean
is_value_of (JsonNode *node,
             GType     type)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

static char *
dup_member_path (const char *path,
                 const char *name)
{
  GString *full = g_string_new (path);

  lw_json_path_append_member (full, name);
  return g_string_free (full, FALSE);
}

/* The text of a property value given as a string, a number or a boolean;
 * NULL (reported) for anything else. */
static char *
dup_value_text (LeadReader *r,
                JsonNode   *node,
                const char *path)
{
  if (is_value_of (node, G_TYPE_STRING))
    return g_strdup (json_node_get_string (node));
  if (is_value_of (node, G_TYPE_BOOLEAN))
    return g_strdup (json_node_get_boolean (node) ? "true" : "false");
  if (is_value_of (node, G_TYPE_INT64))
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  if (is_value_of (node, G_TYPE_DOUBLE))
    {
      double d = json_node_get_double (node);
      char buffer[G_ASCII_DTOSTR_BUF_SIZE];

      if (!isfinite (d))
        {
          add_error (r, FALSE, path, _("expected a finite number, got one too large to represent"));
          return NULL;
        }
      g_ascii_formatd (buffer, sizeof buffer, "%.15g", d);
      if (g_ascii_strtod (buffer, NULL) != d)
        g_ascii_formatd (buffer, sizeof buffer, "%.17g", d);
      return g_strdup (buffer);
    }

  /* translators: %s is a JSON type: "null", "an array" */
  add_error (r, FALSE, path, _("expected a string, a number or a boolean, got %s"),
             describe_node (node));
  return NULL;
}

static void
check_members (LeadReader         *r,
               JsonObject         *object,
               const char         *path,
               const char * const *known)
{
  g_autoptr(GList) names = json_object_get_members (object);

  for (GList *l = names; l != NULL; l = l->next)
    {
      const char *name = l->data;

      if (!g_strv_contains (known, name))
        {
          g_autofree char *mpath = dup_member_path (path, name);

          /* translators: %s is the name of a JSON member that is not allowed there */
          add_error (r, TRUE, mpath, _("unknown field \"%s\""), name);
        }
    }
}

static void
read_properties (LeadReader     *r,
                 JsonNode       *node,
                 const LwConfig *config,
                 LwLead         *lead)
{
  g_autoptr(GList) names = NULL;
  JsonObject *object;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      /* translators: %s is a JSON type: "an array" */
      add_error (r, FALSE, "$.properties", _("expected an object, got %s"), describe_node (node));
      return;
    }

  object = json_node_get_object (node);
  names = json_object_get_members (object);
  for (GList *l = names; l != NULL; l = l->next)
    {
      const char *name = l->data;
      g_autofree char *path = dup_member_path ("$.properties", name);
      g_autofree char *text = NULL;
      g_autoptr(GError) error = NULL;

      if (lw_config_find_property (config, name) == NULL)
        {
          /* translators: %s is a property id */
          add_error (r, TRUE, path, _("unknown property \"%s\""), name);
          continue;
        }

      text = dup_value_text (r, json_object_get_member (object, name), path);
      if (text == NULL)
        continue;
      if (!lw_lead_set (lead, config, name, text, &error))
        add_error (r, FALSE, path, "%s", error->message);
    }
}

static void
read_activities (LeadReader     *r,
                 JsonNode       *node,
                 const LwConfig *config,
                 LwLead         *lead)
{
  static const char * const activity_members[] = { "type", "at", NULL };
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      /* translators: %s is a JSON type: "an object" */
      add_error (r, FALSE, "$.activities", _("expected an array, got %s"), describe_node (node));
      return;
    }

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *path = g_strdup_printf ("$.activities[%u]", i);
      g_autofree char *type_path = dup_member_path (path, "type");
      g_autofree char *at_path = dup_member_path (path, "at");
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *object;
      JsonNode *type, *at;
      int index = -1;
      LwTime time = 0;
      gboolean ok = TRUE;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          /* translators: %s is a JSON type: "a string" */
          add_error (r, FALSE, path, _("expected an object, got %s"), describe_node (element));
          continue;
        }
      object = json_node_get_object (element);
      check_members (r, object, path, activity_members);

      type = json_object_get_member (object, "type");
      if (type == NULL)
        {
          add_error (r, FALSE, type_path, _("missing required field \"%s\""), "type");
          ok = FALSE;
        }
      else if (!is_value_of (type, G_TYPE_STRING))
        {
          /* translators: %s is a JSON type: "a number" */
          add_error (r, FALSE, type_path, _("expected a string, got %s"), describe_node (type));
          ok = FALSE;
        }
      else if ((index = lw_config_activity_index (config, json_node_get_string (type))) < 0)
        {
          /* translators: %s is an activity type id */
          add_error (r, FALSE, type_path, _("unknown activity type \"%s\""),
                     json_node_get_string (type));
          ok = FALSE;
        }

      at = json_object_get_member (object, "at");
      if (at == NULL)
        {
          add_error (r, FALSE, at_path, _("missing required field \"%s\""), "at");
          ok = FALSE;
        }
      else if (!is_value_of (at, G_TYPE_STRING))
        {
          /* translators: %s is a JSON type: "a number" */
          add_error (r, FALSE, at_path, _("expected a string, got %s"), describe_node (at));
          ok = FALSE;
        }
      else if (!lw_time_parse_iso8601 (json_node_get_string (at), &time))
        {
          /* translators: %s is what was given as a date and time */
          add_error (r, FALSE, at_path,
                     _("\"%s\" is not a date and time (ISO 8601 such as 2026-03-09T14:00:00Z)"),
                     json_node_get_string (at));
          ok = FALSE;
        }

      if (ok)
        lw_lead_add_activity (lead, index, time);
    }
}

static int
compare_location (gconstpointer a,
                  gconstpointer b)
{
  const LwDiagnostic *x = *(const LwDiagnostic * const *) a;
  const LwDiagnostic *y = *(const LwDiagnostic * const *) b;

  if (x->line != y->line)
    return x->line < y->line ? -1 : 1;
  if (x->column != y->column)
    return x->column < y->column ? -1 : 1;
  return 0;
}

LwLead *
lw_lead_load_data (const LwConfig *config,
                   const char     *data,
                   gssize          length,
                   const char     *filename,
                   GError        **error)
{
  static const char * const lead_members[] = { "id", "properties", "activities", NULL };
  g_autoptr(LwJsonPositions) positions = NULL;
  g_autoptr(GPtrArray) diagnostics = lw_diagnostics_new ();
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(LwLead) lead = NULL;
  g_autofree char *error_path = NULL;
  g_autofree char *text = NULL;
  JsonNode *root, *id, *member;
  JsonObject *object;
  const char *json;
  int line = 0, column = 0;
  LeadReader r = { 0 };

  g_return_val_if_fail (config != NULL, NULL);
  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length < 0)
    length = strlen (data);
  if (filename == NULL)
    filename = "<data>";

  positions = lw_json_positions_scan_full (data, length, &line, &column, &error_path,
                                           &local_error);
  if (positions == NULL)
    {
      LwDiagnostic diagnostic = {
        LW_SEVERITY_ERROR, (char *) filename, line, column, error_path, local_error->message
      };

      text = lw_diagnostic_format (&diagnostic);
      g_set_error_literal (error, LW_CONFIG_ERROR,
                           local_error->code == LW_JSON_ERROR_DUPLICATE_KEY
                           ? LW_CONFIG_ERROR_INVALID : LW_CONFIG_ERROR_PARSE,
                           text);
      return NULL;
    }

  r.positions = positions;
  r.filename = filename;
  r.diagnostics = diagnostics;

  json = data;
  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      json += 3;
      length -= 3;
    }
  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, json, length, &local_error))
    {
      g_set_error (error, LW_CONFIG_ERROR, LW_CONFIG_ERROR_PARSE, "%s: error: $: %s",
                   filename, local_error->message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      /* translators: %s is a JSON type: "an array" */
      add_error (&r, FALSE, "$", _("expected an object, got %s"), describe_node (root));
    }
  else
    {
      object = json_node_get_object (root);
      check_members (&r, object, "$", lead_members);

      id = json_object_get_member (object, "id");
      if (id == NULL)
        add_error (&r, FALSE, "$.id", _("missing required field \"%s\""), "id");
      else if (!is_value_of (id, G_TYPE_STRING))
        /* translators: %s is a JSON type: "a number" */
        add_error (&r, FALSE, "$.id", _("expected a string, got %s"), describe_node (id));
      else if (*json_node_get_string (id) == '\0')
        add_error (&r, FALSE, "$.id", _("the id cannot be empty"));

      lead = lw_lead_new (config, id != NULL && is_value_of (id, G_TYPE_STRING)
                                  ? json_node_get_string (id) : "");

      if ((member = json_object_get_member (object, "properties")) != NULL)
        read_properties (&r, member, config, lead);
      if ((member = json_object_get_member (object, "activities")) != NULL)
        read_activities (&r, member, config, lead);
    }

  if (diagnostics->len > 0)
    {
      g_ptr_array_sort (diagnostics, compare_location);
      text = lw_diagnostic_format (g_ptr_array_index (diagnostics, 0));
      g_set_error_literal (error, LW_CONFIG_ERROR, LW_CONFIG_ERROR_INVALID, text);
      return NULL;
    }

  return g_steal_pointer (&lead);
}

LwLead *
lw_lead_load_file (const LwConfig *config,
                   const char     *filename,
                   GError        **error)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_return_val_if_fail (config != NULL, NULL);
  g_return_val_if_fail (filename != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_file_get_contents (filename, &contents, &length, error))
    return NULL;

  return lw_lead_load_data (config, contents, length, filename, error);
}
