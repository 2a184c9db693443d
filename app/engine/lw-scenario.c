/* lw-scenario.c: the inbound population as versioned JSON
 *
 * The reader walks the json-glib tree and checks every member, collecting
 * each problem as a diagnostic located through lw-json-pos.h (an unknown
 * field at its key, anything else at its value). The writer is a small
 * emitter of its own so that numbers come out as people write them (0.3,
 * not 0.29999999999999999) and the bytes are canonical.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "lw-json-pos.h"
#include "lw-scenario.h"

G_DEFINE_QUARK (lw-scenario-error-quark, lw_scenario_error)

/* NULL-terminated, so that it also lists the members of an object by intent. */
static const char * const intent_names[LW_N_INTENTS + 1] = { "high", "medium", "low", NULL };

static const char * const source_names[] = {
  "form", "chat", "import", "integration", "manual", NULL
};

static const char * const status_keys[LW_N_SIM_STATUSES] = {
  "new", "attempting", "connected", "qualified", "unqualified", "badTiming",
};

static const char * const status_defaults[LW_N_SIM_STATUSES] = {
  "new", "attempting", "connected", "qualified", "unqualified", "bad-timing",
};

static const char * const number_kind_names[] = {
  "constant", "uniform", "normal", "lognormal", "exponential", "poisson", NULL
};

/* ---- names ------------------------------------------------------------------ */

const char *
lw_intent_to_string (LwIntent intent)
{
  g_return_val_if_fail (intent < LW_N_INTENTS, NULL);
  return intent_names[intent];
}

gboolean
lw_intent_from_string (const char *name,
                       LwIntent   *intent)
{
  for (guint i = 0; i < LW_N_INTENTS; i++)
    if (g_strcmp0 (name, intent_names[i]) == 0)
      {
        if (intent != NULL)
          *intent = i;
        return TRUE;
      }
  return FALSE;
}

static gboolean
strv_has (const char * const *list,
          const char         *name)
{
  for (guint i = 0; list[i] != NULL; i++)
    if (g_strcmp0 (list[i], name) == 0)
      return TRUE;
  return FALSE;
}

/* ---- construction -------------------------------------------------------------- */

LwWeight *
lw_weight_new (const char *value,
               double      weight)
{
  LwWeight *w = g_new0 (LwWeight, 1);

  w->value = g_strdup (value);
  w->weight = weight;
  return w;
}

void
lw_weight_free (LwWeight *weight)
{
  if (weight == NULL)
    return;
  g_free (weight->value);
  g_free (weight);
}

static GPtrArray *
new_weights (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) lw_weight_free);
}

static void
free_branch (LwBranch *branch)
{
  g_free (branch->when);
  g_clear_pointer (&branch->weights, g_ptr_array_unref);
  g_free (branch);
}

static void
free_band (LwBand *band)
{
  g_free (band->value);
  g_free (band);
}

static void
free_mapping (LwMapping *mapping)
{
  g_free (mapping->key);
  g_free (mapping->value);
  g_free (mapping);
}

static void
free_override (LwResponseOverride *o)
{
  g_free (o->id);
  g_free (o);
}

static void
set_number_dist (LwNumberDist *dist,
                 LwNumberKind  kind,
                 double        a,
                 double        b)
{
  memset (dist, 0, sizeof *dist);
  dist->kind = kind;
  dist->a = a;
  dist->b = b;
}

LwPropertyDist *
lw_property_dist_new (const char   *property,
                      LwValuesKind  kind)
{
  LwPropertyDist *dist = g_new0 (LwPropertyDist, 1);

  dist->property = g_strdup (property);
  dist->kind = kind;
  dist->weights = new_weights ();
  dist->branches = g_ptr_array_new_with_free_func ((GDestroyNotify) free_branch);
  dist->bands = g_ptr_array_new_with_free_func ((GDestroyNotify) free_band);
  dist->parts = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  dist->separator = g_strdup (" ");
  set_number_dist (&dist->number, LW_NUMBER_CONSTANT, 0, 0);
  return dist;
}

void
lw_property_dist_free (LwPropertyDist *dist)
{
  if (dist == NULL)
    return;
  g_free (dist->property);
  g_clear_pointer (&dist->weights, g_ptr_array_unref);
  g_free (dist->depends_on);
  g_clear_pointer (&dist->branches, g_ptr_array_unref);
  g_free (dist->bands_of);
  g_clear_pointer (&dist->bands, g_ptr_array_unref);
  g_clear_pointer (&dist->parts, g_ptr_array_unref);
  g_free (dist->separator);
  g_free (dist);
}

LwEntryPoint *
lw_entry_point_new (const char *id,
                    const char *source)
{
  LwEntryPoint *entry = g_new0 (LwEntryPoint, 1);

  entry->id = g_strdup (id);
  entry->label = g_strdup (id);
  entry->source = g_strdup (source);
  entry->intent = LW_INTENT_MEDIUM;
  entry->share = 1.0;
  for (guint i = 0; i < 24; i++)
    entry->hourly[i] = 1.0;
  for (guint i = 0; i < 7; i++)
    entry->weekly[i] = 1.0;
  entry->properties = g_ptr_array_new_with_free_func ((GDestroyNotify) lw_property_dist_free);
  return entry;
}

void
lw_entry_point_free (LwEntryPoint *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->id);
  g_free (entry->label);
  g_free (entry->source);
  g_clear_pointer (&entry->properties, g_ptr_array_unref);
  g_free (entry);
}

LwActivityModel *
lw_activity_model_new (const char *activity)
{
  LwActivityModel *model = g_new0 (LwActivityModel, 1);

  model->activity = g_strdup (activity);
  set_number_dist (&model->count, LW_NUMBER_CONSTANT, 1, 0);
  model->before_share = 0.0;
  model->before_days = 14.0;
  set_number_dist (&model->after_days, LW_NUMBER_EXPONENTIAL, 7, 0);
  return model;
}

void
lw_activity_model_free (LwActivityModel *model)
{
  if (model == NULL)
    return;
  g_free (model->activity);
  g_free (model);
}

static void
init_defaults (LwScenario *s)
{
  LwConversionModel *c = &s->conversion;

  s->name = g_strdup ("Scenario");
  s->description = g_strdup ("");
  s->time_zone = g_strdup ("UTC");
  s->start = 1772409600;   /* 2026-03-02T00:00:00Z, a Monday */
  s->leads = 3000;
  s->days = 30;
  s->rescore_days = 7.0;

  s->entry_points = g_ptr_array_new_with_free_func ((GDestroyNotify) lw_entry_point_free);
  s->properties = g_ptr_array_new_with_free_func ((GDestroyNotify) lw_property_dist_free);
  s->activities = g_ptr_array_new_with_free_func ((GDestroyNotify) lw_activity_model_free);
  s->arrival_activities = g_ptr_array_new_with_free_func ((GDestroyNotify) free_mapping);

  s->email.property = g_strdup ("email");
  s->email.first_name = g_strdup ("first_name");
  s->email.last_name = g_strdup ("last_name");
  s->email.company = g_strdup ("company");
  s->email.free_domains = new_weights ();
  s->email.competitor_domains = new_weights ();

  set_number_dist (&s->reps.response_minutes, LW_NUMBER_LOGNORMAL, 30, 1.2);
  s->reps.teams = g_ptr_array_new_with_free_func ((GDestroyNotify) free_override);
  s->reps.reps = g_ptr_array_new_with_free_func ((GDestroyNotify) free_override);
  for (guint i = 0; i < LW_N_INTENTS; i++)
    s->reps.intent_factor[i] = 1.0;
  s->reps.working_hours_adherence = 0.9;
  s->reps.out_of_office_rate = 0.02;

  c->floor = 0.15;
  c->half_life_minutes = 30.0;
  c->sql.rate[LW_INTENT_HIGH] = 0.45;
  c->sql.rate[LW_INTENT_MEDIUM] = 0.25;
  c->sql.rate[LW_INTENT_LOW] = 0.08;
  for (guint i = 0; i < LW_N_INTENTS; i++)
    {
      c->opportunity.rate[i] = 0.6;
      c->customer.rate[i] = 0.25;
      c->unqualified[i] = 0.25;
      c->bad_timing[i] = 0.1;
    }
  set_number_dist (&c->connect_hours, LW_NUMBER_LOGNORMAL, 4, 1.0);
  set_number_dist (&c->qualify_days, LW_NUMBER_LOGNORMAL, 2, 0.7);
  set_number_dist (&c->opportunity_days, LW_NUMBER_LOGNORMAL, 5, 0.6);
  set_number_dist (&c->close_days, LW_NUMBER_LOGNORMAL, 30, 0.6);
  for (guint i = 0; i < LW_N_SIM_STATUSES; i++)
    c->statuses[i] = g_strdup (status_defaults[i]);
}

LwScenario *
lw_scenario_new (void)
{
  LwScenario *s = g_new0 (LwScenario, 1);

  g_atomic_ref_count_init (&s->ref_count);
  init_defaults (s);
  s->tz = g_time_zone_new_utc ();
  return s;
}

LwScenario *
lw_scenario_ref (LwScenario *scenario)
{
  g_return_val_if_fail (scenario != NULL, NULL);
  g_atomic_ref_count_inc (&scenario->ref_count);
  return scenario;
}

static void
free_scenario (LwScenario *s)
{
  g_free (s->name);
  g_free (s->description);
  g_free (s->time_zone);
  g_clear_pointer (&s->entry_points, g_ptr_array_unref);
  g_clear_pointer (&s->properties, g_ptr_array_unref);
  g_clear_pointer (&s->activities, g_ptr_array_unref);
  g_free (s->arrival_property);
  g_clear_pointer (&s->arrival_activities, g_ptr_array_unref);
  g_free (s->email.property);
  g_free (s->email.first_name);
  g_free (s->email.last_name);
  g_free (s->email.company);
  g_clear_pointer (&s->email.free_domains, g_ptr_array_unref);
  g_clear_pointer (&s->email.account_domains, g_strfreev);
  g_clear_pointer (&s->email.competitor_domains, g_ptr_array_unref);
  g_clear_pointer (&s->reps.teams, g_ptr_array_unref);
  g_clear_pointer (&s->reps.reps, g_ptr_array_unref);
  for (guint i = 0; i < LW_N_SIM_STATUSES; i++)
    g_free (s->conversion.statuses[i]);
  g_clear_pointer (&s->tz, g_time_zone_unref);
  g_free (s);
}

void
lw_scenario_unref (LwScenario *scenario)
{
  g_return_if_fail (scenario != NULL);
  if (g_atomic_ref_count_dec (&scenario->ref_count))
    free_scenario (scenario);
}

GTimeZone *
lw_scenario_get_time_zone (const LwScenario *scenario)
{
  g_return_val_if_fail (scenario != NULL, NULL);
  return scenario->tz;
}

/* ---- sampling ------------------------------------------------------------------ */

double
lw_number_dist_sample (const LwNumberDist *dist,
                       LwRng              *rng)
{
  double x;

  g_return_val_if_fail (dist != NULL, 0.0);
  g_return_val_if_fail (rng != NULL, 0.0);

  switch (dist->kind)
    {
    case LW_NUMBER_UNIFORM:
      x = lw_rng_range (rng, dist->a, dist->b);
      break;
    case LW_NUMBER_NORMAL:
      x = lw_rng_normal (rng, dist->a, dist->b);
      break;
    case LW_NUMBER_LOGNORMAL:
      x = lw_rng_lognormal (rng, dist->a, dist->b);
      break;
    case LW_NUMBER_EXPONENTIAL:
      x = lw_rng_exponential (rng, dist->a);
      break;
    case LW_NUMBER_POISSON:
      x = lw_rng_poisson (rng, dist->a);
      break;
    case LW_NUMBER_CONSTANT:
    default:
      x = dist->a;
      break;
    }

  if (dist->has_min && x < dist->min)
    x = dist->min;
  if (dist->has_max && x > dist->max)
    x = dist->max;
  if (dist->round)
    x = floor (x + 0.5);
  return x;
}

double
lw_conversion_speed_factor (const LwConversionModel *conversion,
                            const LwStepRate        *step,
                            double                   minutes)
{
  double floor_;

  g_return_val_if_fail (conversion != NULL, 1.0);

  floor_ = step != NULL && step->has_floor ? step->floor : conversion->floor;
  if (minutes < 0)
    minutes = 0;
  if (!(conversion->half_life_minutes > 0))
    return 1.0;
  /* 2^-y is 0.5^y, at a third of pow()'s work (see decay_factor() in
   * lw-scoring.c). */
  return floor_ + (1.0 - floor_) * exp2 (-(minutes / conversion->half_life_minutes));
}

/* ---- the reader ------------------------------------------------------------------ */

typedef struct
{
  const char      *filename;
  LwJsonPositions *positions;
  GPtrArray       *diagnostics;
} Reader;

static void add_error (Reader     *r,
                       const char *path,
                       gboolean    at_key,
                       const char *format,
                       ...) G_GNUC_PRINTF (4, 5);

static void
add_error (Reader     *r,
           const char *path,
           gboolean    at_key,
           const char *format,
           ...)
{
  g_autofree char *message = NULL;
  LwDiagnostic *d;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  d = lw_diagnostic_new (LW_SEVERITY_ERROR, path, "%s", message);
  d->file = g_strdup (r->filename);
  if (r->positions != NULL)
    {
      if (at_key)
        lw_json_positions_lookup_key (r->positions, path, &d->line, &d->column);
      else
        lw_json_positions_lookup (r->positions, path, &d->line, &d->column);
    }
  g_ptr_array_add (r->diagnostics, d);
}

static char *
member_path (const char *parent,
             const char *member)
{
  GString *path = g_string_new (parent);

  lw_json_path_append_member (path, member);
  return g_string_free (path, FALSE);
}

static char *
index_path (const char *parent,
            guint       index)
{
  return g_strdup_printf ("%s[%u]", parent, index);
}

static const char *
node_kind (JsonNode *node)
{
  if (JSON_NODE_HOLDS_NULL (node))
    return "null";
  if (JSON_NODE_HOLDS_OBJECT (node))
    return "an object";
  if (JSON_NODE_HOLDS_ARRAY (node))
    return "an array";
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return "a string";
    case G_TYPE_BOOLEAN:
      return "a boolean";
    default:
      return "a number";
    }
}

static gboolean
is_number_node (JsonNode *node)
{
  GType type;

  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  return type == G_TYPE_INT64 || type == G_TYPE_DOUBLE;
}

static gboolean
is_string_node (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

/* Flags every member of @object not in @allowed as unknown. */
static void
check_members (Reader             *r,
               JsonObject         *object,
               const char         *path,
               const char * const *allowed)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;

      if (!strv_has (allowed, name))
        {
          g_autofree char *child = member_path (path, name);
          /* translators: %s is a JSON member name */
          add_error (r, child, TRUE, _("unknown field \"%s\""), name);
        }
    }
}

static JsonObject *
expect_object (Reader     *r,
               JsonNode   *node,
               const char *path)
{
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      /* translators: %s is "a string", "an array", ... */
      add_error (r, path, FALSE, _("expected an object, got %s"),
                 node != NULL ? node_kind (node) : "nothing");
      return NULL;
    }
  return json_node_get_object (node);
}

static JsonArray *
expect_array (Reader     *r,
              JsonNode   *node,
              const char *path)
{
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      /* translators: %s is "a string", "an object", ... */
      add_error (r, path, FALSE, _("expected an array, got %s"), node_kind (node));
      return NULL;
    }
  return json_node_get_array (node);
}

static void
add_missing (Reader     *r,
             const char *path,
             const char *member)
{
  /* translators: %s is a JSON member name */
  add_error (r, path, FALSE, _("missing required field \"%s\""), member);
}

/* A number of @object's member; FALSE (and an error when it is there but
 * wrong, or missing and @required) when it cannot be read. */
static gboolean
read_number (Reader     *r,
             JsonObject *object,
             const char *path,
             const char *member,
             gboolean    required,
             double      min,
             double      max,
             double     *out)
{
  g_autofree char *child = NULL;
  JsonNode *node;
  double value;

  node = json_object_get_member (object, member);
  if (node == NULL)
    {
      if (required)
        add_missing (r, path, member);
      return FALSE;
    }

  child = member_path (path, member);
  if (!is_number_node (node))
    {
      /* translators: %s is "a string", "an object", ... */
      add_error (r, child, FALSE, _("expected a number, got %s"), node_kind (node));
      return FALSE;
    }

  value = json_node_get_double (node);
  if (!isfinite (value) || value < min || value > max)
    {
      char low[G_ASCII_DTOSTR_BUF_SIZE];
      char high[G_ASCII_DTOSTR_BUF_SIZE];

      g_ascii_formatd (low, sizeof low, "%g", min);
      g_ascii_formatd (high, sizeof high, "%g", max);
      if (max >= G_MAXDOUBLE)
        /* translators: %s is the smallest value allowed */
        add_error (r, child, FALSE, _("must be at least %s"), low);
      else
        /* translators: the two %s are the smallest and largest values allowed */
        add_error (r, child, FALSE, _("must be between %s and %s"), low, high);
      return FALSE;
    }

  *out = value;
  return TRUE;
}

static gboolean
read_uint (Reader     *r,
           JsonObject *object,
           const char *path,
           const char *member,
           guint       min,
           guint       max,
           guint      *out)
{
  double value = 0;
  g_autofree char *child = member_path (path, member);

  if (!read_number (r, object, path, member, FALSE, min, max, &value))
    return FALSE;
  if (value != floor (value))
    {
      add_error (r, child, FALSE, _("must be a whole number"));
      return FALSE;
    }
  *out = (guint) value;
  return TRUE;
}

static gboolean
read_string (Reader     *r,
             JsonObject *object,
             const char *path,
             const char *member,
             gboolean    required,
             char      **out)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL)
    {
      if (required)
        add_missing (r, path, member);
      return FALSE;
    }
  if (!is_string_node (node))
    {
      g_autofree char *child = member_path (path, member);
      /* translators: %s is "a number", "an object", ... */
      add_error (r, child, FALSE, _("expected a string, got %s"), node_kind (node));
      return FALSE;
    }
  g_free (*out);
  *out = g_strdup (json_node_get_string (node));
  return TRUE;
}

static gboolean
read_bool (Reader     *r,
           JsonObject *object,
           const char *path,
           const char *member,
           gboolean   *out)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL)
    return FALSE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    {
      g_autofree char *child = member_path (path, member);
      /* translators: %s is "a number", "an object", ... */
      add_error (r, child, FALSE, _("expected true or false, got %s"), node_kind (node));
      return FALSE;
    }
  *out = json_node_get_boolean (node);
  return TRUE;
}

static gboolean
is_valid_id (const char *id)
{
  if (id == NULL || *id == '\0')
    return FALSE;
  for (const char *p = id; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
      return FALSE;
  return TRUE;
}

static gboolean
read_id (Reader     *r,
         JsonObject *object,
         const char *path,
         const char *member,
         gboolean    required,
         char      **out)
{
  if (!read_string (r, object, path, member, required, out))
    return FALSE;
  if (!is_valid_id (*out))
    {
      g_autofree char *child = member_path (path, member);
      /* translators: %s is the id as written */
      add_error (r, child, FALSE,
                 _("\"%s\" is not an id (letters, digits, \"-\" and \"_\")"), *out);
      return FALSE;
    }
  return TRUE;
}

/* A number for every intent, or {"high": .., "medium": .., "low": ..}. */
static void
read_intent_values (Reader     *r,
                    JsonObject *object,
                    const char *path,
                    const char *member,
                    gboolean    required,
                    double      min,
                    double      max,
                    double      out[LW_N_INTENTS])
{
  g_autofree char *child = member_path (path, member);
  JsonNode *node = json_object_get_member (object, member);
  JsonObject *rates;

  if (node == NULL)
    {
      if (required)
        add_missing (r, path, member);
      return;
    }

  if (is_number_node (node))
    {
      double value = 0;

      if (read_number (r, object, path, member, TRUE, min, max, &value))
        for (guint i = 0; i < LW_N_INTENTS; i++)
          out[i] = value;
      return;
    }

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      /* translators: %s is "a string", "an array", ... */
      add_error (r, child, FALSE,
                 _("expected a number or an object by intent (high, medium, low), got %s"),
                 node_kind (node));
      return;
    }

  rates = json_node_get_object (node);
  check_members (r, rates, child, intent_names);
  for (guint i = 0; i < LW_N_INTENTS; i++)
    read_number (r, rates, child, intent_names[i], TRUE, min, max, &out[i]);
}

/* ---- numeric distributions ---------------------------------------------------- */

static const char * const number_dist_members[] = {
  "constant", "uniform", "normal", "lognormal", "exponential", "poisson",
  "min", "max", "round", NULL
};

/* The member of @object that names a kind from @kinds; NULL when there is
 * none. Two kinds are an error, reported at the second. */
static const char *
find_kind (Reader             *r,
           JsonObject         *object,
           const char         *path,
           const char * const *kinds)
{
  g_autoptr(GList) members = json_object_get_members (object);
  const char *found = NULL;

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;

      if (!strv_has (kinds, name))
        continue;
      if (found == NULL)
        {
          found = name;
        }
      else
        {
          g_autofree char *child = member_path (path, name);
          /* translators: two JSON member names that exclude each other */
          add_error (r, child, TRUE, _("\"%s\" cannot be used with \"%s\""), name, found);
        }
    }
  return found;
}

/* Reads the parameters of the numeric kind @kind and the optional min, max
 * and round of @object (the object holding the kind member). */
static void
read_number_params (Reader       *r,
                    JsonObject   *object,
                    const char   *path,
                    const char   *kind,
                    LwNumberDist *dist)
{
  g_autofree char *child = member_path (path, kind);
  JsonNode *node = json_object_get_member (object, kind);
  JsonObject *params = NULL;
  LwNumberDist d = { 0, };

  for (guint i = 0; number_kind_names[i] != NULL; i++)
    if (g_strcmp0 (kind, number_kind_names[i]) == 0)
      d.kind = i;

  if (d.kind == LW_NUMBER_CONSTANT)
    {
      read_number (r, object, path, kind, TRUE, -G_MAXDOUBLE, G_MAXDOUBLE, &d.a);
    }
  else if ((params = expect_object (r, node, child)) != NULL)
    {
      static const char * const uniform[] = { "min", "max", NULL };
      static const char * const normal[] = { "mean", "sd", NULL };
      static const char * const lognormal[] = { "median", "sigma", NULL };
      static const char * const mean[] = { "mean", NULL };

      switch (d.kind)
        {
        case LW_NUMBER_UNIFORM:
          check_members (r, params, child, uniform);
          if (read_number (r, params, child, "min", TRUE, -G_MAXDOUBLE, G_MAXDOUBLE, &d.a) &&
              read_number (r, params, child, "max", TRUE, -G_MAXDOUBLE, G_MAXDOUBLE, &d.b) &&
              d.b < d.a)
            {
              g_autofree char *max_path = member_path (child, "max");
              add_error (r, max_path, FALSE, _("must not be less than min"));
            }
          break;
        case LW_NUMBER_NORMAL:
          check_members (r, params, child, normal);
          read_number (r, params, child, "mean", TRUE, -G_MAXDOUBLE, G_MAXDOUBLE, &d.a);
          read_number (r, params, child, "sd", TRUE, 0, G_MAXDOUBLE, &d.b);
          break;
        case LW_NUMBER_LOGNORMAL:
          check_members (r, params, child, lognormal);
          if (read_number (r, params, child, "median", TRUE, 0, G_MAXDOUBLE, &d.a) && d.a <= 0)
            {
              g_autofree char *median_path = member_path (child, "median");
              add_error (r, median_path, FALSE, _("must be more than 0"));
            }
          read_number (r, params, child, "sigma", TRUE, 0, 20, &d.b);
          break;
        case LW_NUMBER_EXPONENTIAL:
          check_members (r, params, child, mean);
          if (read_number (r, params, child, "mean", TRUE, 0, G_MAXDOUBLE, &d.a) && d.a <= 0)
            {
              g_autofree char *mean_path = member_path (child, "mean");
              add_error (r, mean_path, FALSE, _("must be more than 0"));
            }
          break;
        case LW_NUMBER_POISSON:
          check_members (r, params, child, mean);
          read_number (r, params, child, "mean", TRUE, 0, 1e6, &d.a);
          break;
        case LW_NUMBER_CONSTANT:
        default:
          g_assert_not_reached ();
        }
    }

  d.has_min = read_number (r, object, path, "min", FALSE, -G_MAXDOUBLE, G_MAXDOUBLE, &d.min);
  d.has_max = read_number (r, object, path, "max", FALSE, -G_MAXDOUBLE, G_MAXDOUBLE, &d.max);
  if (d.has_min && d.has_max && d.max < d.min)
    {
      g_autofree char *max_path = member_path (path, "max");
      add_error (r, max_path, FALSE, _("must not be less than min"));
    }
  read_bool (r, object, path, "round", &d.round);

  *dist = d;
}

/* A standalone numeric distribution: {"lognormal": {...}, "max": 600}. */
static void
read_number_dist (Reader       *r,
                  JsonNode     *node,
                  const char   *path,
                  LwNumberDist *dist)
{
  JsonObject *object = expect_object (r, node, path);
  const char *kind;

  if (object == NULL)
    return;

  check_members (r, object, path, number_dist_members);
  kind = find_kind (r, object, path, number_kind_names);
  if (kind == NULL)
    {
      add_error (r, path, FALSE,
                 _("expected one of constant, uniform, normal, lognormal, exponential, poisson"));
      return;
    }
  read_number_params (r, object, path, kind, dist);
}

static void
read_optional_dist (Reader       *r,
                    JsonObject   *object,
                    const char   *path,
                    const char   *member,
                    LwNumberDist *dist)
{
  JsonNode *node = json_object_get_member (object, member);
  g_autofree char *child = NULL;

  if (node == NULL)
    return;
  child = member_path (path, member);
  read_number_dist (r, node, child, dist);
}

/* ---- property distributions ---------------------------------------------------- */

/* {"value": weight, ...}: non-negative weights adding up to more than 0. */
static GPtrArray *
read_weights (Reader     *r,
              JsonNode   *node,
              const char *path)
{
  g_autoptr(GPtrArray) weights = new_weights ();
  g_autoptr(GList) members = NULL;
  JsonObject *object = expect_object (r, node, path);
  double total = 0;
  gboolean ok = TRUE;

  if (object == NULL)
    return NULL;

  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *value = l->data;
      double weight = 0;

      if (!read_number (r, object, path, value, TRUE, 0, G_MAXDOUBLE, &weight))
        {
          ok = FALSE;
          continue;
        }
      total += weight;
      g_ptr_array_add (weights, lw_weight_new (value, weight));
    }

  if (ok && total <= 0)
    {
      add_error (r, path, FALSE, members == NULL ? _("lists no value")
                                                 : _("the weights add up to 0"));
      return NULL;
    }
  return ok ? g_steal_pointer (&weights) : NULL;
}

static const char * const values_kinds[] = {
  "weights", "dependsOn", "bandsOf", "combine",
  "constant", "uniform", "normal", "lognormal", "exponential", "poisson", NULL
};

/* With "dependsOn", "weights" holds the branches: not a kind of its own. */
static const char * const conditional_kinds[] = {
  "dependsOn", "bandsOf", "combine",
  "constant", "uniform", "normal", "lognormal", "exponential", "poisson", NULL
};

static void
read_bands (Reader         *r,
            JsonNode       *node,
            const char     *path,
            LwPropertyDist *dist)
{
  static const char * const members[] = { "value", "below", NULL };
  JsonArray *array = expect_array (r, node, path);
  guint n;

  if (array == NULL)
    return;

  n = json_array_get_length (array);
  if (n == 0)
    {
      add_error (r, path, FALSE, _("lists no band"));
      return;
    }

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *child = index_path (path, i);
      JsonObject *object = expect_object (r, json_array_get_element (array, i), child);
      LwBand *band;

      if (object == NULL)
        continue;
      check_members (r, object, child, members);

      band = g_new0 (LwBand, 1);
      read_string (r, object, child, "value", TRUE, &band->value);
      band->has_below = read_number (r, object, child, "below", FALSE,
                                     -G_MAXDOUBLE, G_MAXDOUBLE, &band->below);
      if (i + 1 < n && !json_object_has_member (object, "below"))
        add_error (r, child, FALSE, _("every band but the last needs \"below\""));
      else if (i + 1 == n && json_object_has_member (object, "below"))
        {
          g_autofree char *below = member_path (child, "below");
          add_error (r, below, FALSE, _("the last band takes every other value: no \"below\""));
        }
      if (i > 0 && band->has_below)
        {
          const LwBand *previous = g_ptr_array_index (dist->bands, dist->bands->len - 1);

          if (previous->has_below && band->below <= previous->below)
            {
              g_autofree char *below = member_path (child, "below");
              add_error (r, below, FALSE, _("must be more than the band before's"));
            }
        }
      g_ptr_array_add (dist->bands, band);
    }
}

static void
read_combine (Reader         *r,
              JsonNode       *node,
              const char     *path,
              LwPropertyDist *dist)
{
  JsonArray *array = expect_array (r, node, path);
  guint n;

  if (array == NULL)
    return;

  n = json_array_get_length (array);
  if (n == 0)
    add_error (r, path, FALSE, _("lists no list of words"));

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *child = index_path (path, i);
      JsonArray *words = expect_array (r, json_array_get_element (array, i), child);
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      guint n_words;

      if (words == NULL)
        continue;
      n_words = json_array_get_length (words);
      if (n_words == 0)
        add_error (r, child, FALSE, _("lists no word"));
      for (guint j = 0; j < n_words; j++)
        {
          JsonNode *word = json_array_get_element (words, j);

          if (!is_string_node (word))
            {
              g_autofree char *word_path = index_path (child, j);
              /* translators: %s is "a number", "an object", ... */
              add_error (r, word_path, FALSE, _("expected a string, got %s"), node_kind (word));
              continue;
            }
          g_strv_builder_add (builder, json_node_get_string (word));
        }
      g_ptr_array_add (dist->parts, g_strv_builder_end (builder));
    }
}

/* One member of $.properties (or of an entry point's "properties"):
 * @earlier holds the ids drawn before it, which dependsOn and bandsOf may
 * name. */
static LwPropertyDist *
read_property_dist (Reader      *r,
                    JsonNode    *node,
                    const char  *path,
                    const char  *property,
                    GHashTable  *earlier)
{
  static const char * const categorical[] = { "weights", "missing", NULL };
  static const char * const conditional[] = { "dependsOn", "weights", "missing", NULL };
  static const char * const bands[] = { "bandsOf", "bands", "missing", NULL };
  static const char * const combine[] = { "combine", "separator", "missing", NULL };
  static const char * const number[] = {
    "constant", "uniform", "normal", "lognormal", "exponential", "poisson",
    "min", "max", "round", "missing", NULL
  };
  g_autoptr(LwPropertyDist) dist = NULL;
  JsonObject *object = expect_object (r, node, path);
  const char *kind;

  if (object == NULL)
    return NULL;

  kind = find_kind (r, object, path, json_object_has_member (object, "dependsOn")
                                     ? conditional_kinds : values_kinds);
  if (kind == NULL)
    {
      add_error (r, path, FALSE,
                 _("expected one of weights, dependsOn, bandsOf, combine, constant, "
                   "uniform, normal, lognormal, exponential, poisson"));
      return NULL;
    }
  if (g_strcmp0 (kind, "weights") == 0)
    {
      g_autofree char *child = member_path (path, "weights");
      GPtrArray *weights;

      dist = lw_property_dist_new (property, LW_VALUES_CATEGORICAL);
      check_members (r, object, path, categorical);
      weights = read_weights (r, json_object_get_member (object, "weights"), child);
      if (weights != NULL)
        {
          g_ptr_array_unref (dist->weights);
          dist->weights = weights;
        }
    }
  else if (g_strcmp0 (kind, "dependsOn") == 0)
    {
      g_autofree char *child = member_path (path, "weights");
      JsonNode *branches_node;
      JsonObject *branches;

      dist = lw_property_dist_new (property, LW_VALUES_CONDITIONAL);
      check_members (r, object, path, conditional);
      if (read_string (r, object, path, "dependsOn", TRUE, &dist->depends_on) &&
          !g_hash_table_contains (earlier, dist->depends_on))
        {
          g_autofree char *depends = member_path (path, "dependsOn");
          /* translators: %s is a property id */
          add_error (r, depends, FALSE,
                     _("\"%s\" is not drawn before this property in $.properties"),
                     dist->depends_on);
        }

      branches_node = json_object_get_member (object, "weights");
      if (branches_node == NULL)
        add_missing (r, path, "weights");
      else if ((branches = expect_object (r, branches_node, child)) != NULL)
        {
          g_autoptr(GList) members = json_object_get_members (branches);

          if (members == NULL)
            add_error (r, child, FALSE, _("lists no value"));
          for (GList *l = members; l != NULL; l = l->next)
            {
              g_autofree char *branch_path = member_path (child, l->data);
              GPtrArray *weights = read_weights (r, json_object_get_member (branches, l->data),
                                                 branch_path);
              LwBranch *branch;

              if (weights == NULL)
                continue;
              branch = g_new0 (LwBranch, 1);
              branch->when = g_strdup (l->data);
              branch->weights = weights;
              g_ptr_array_add (dist->branches, branch);
            }
        }
    }
  else if (g_strcmp0 (kind, "bandsOf") == 0)
    {
      JsonNode *bands_node;

      dist = lw_property_dist_new (property, LW_VALUES_BANDS);
      check_members (r, object, path, bands);
      if (read_string (r, object, path, "bandsOf", TRUE, &dist->bands_of) &&
          !g_hash_table_contains (earlier, dist->bands_of))
        {
          g_autofree char *of = member_path (path, "bandsOf");
          /* translators: %s is a property id */
          add_error (r, of, FALSE,
                     _("\"%s\" is not drawn before this property in $.properties"),
                     dist->bands_of);
        }
      bands_node = json_object_get_member (object, "bands");
      if (bands_node == NULL)
        add_missing (r, path, "bands");
      else
        {
          g_autofree char *child = member_path (path, "bands");
          read_bands (r, bands_node, child, dist);
        }
    }
  else if (g_strcmp0 (kind, "combine") == 0)
    {
      g_autofree char *child = member_path (path, "combine");

      dist = lw_property_dist_new (property, LW_VALUES_COMBINE);
      check_members (r, object, path, combine);
      read_combine (r, json_object_get_member (object, "combine"), child, dist);
      read_string (r, object, path, "separator", FALSE, &dist->separator);
    }
  else
    {
      dist = lw_property_dist_new (property, LW_VALUES_NUMBER);
      check_members (r, object, path, number);
      read_number_params (r, object, path, kind, &dist->number);
    }

  read_number (r, object, path, "missing", FALSE, 0, 1, &dist->missing);
  return g_steal_pointer (&dist);
}

static void
read_properties (Reader     *r,
                 JsonNode   *node,
                 const char *path,
                 LwScenario *s)
{
  g_autoptr(GHashTable) earlier = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GList) members = NULL;
  JsonObject *object = expect_object (r, node, path);

  if (object == NULL)
    return;

  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    {
      g_autofree char *child = member_path (path, l->data);
      LwPropertyDist *dist;

      dist = read_property_dist (r, json_object_get_member (object, l->data), child,
                                 l->data, earlier);
      if (dist == NULL)
        continue;
      g_ptr_array_add (s->properties, dist);
      g_hash_table_add (earlier, dist->property);
    }
}

static int
find_property_dist (GPtrArray  *list,
                    const char *property)
{
  for (guint i = 0; i < list->len; i++)
    {
      const LwPropertyDist *dist = g_ptr_array_index (list, i);

      if (g_strcmp0 (dist->property, property) == 0)
        return (int) i;
    }
  return -1;
}

/* ---- entry points --------------------------------------------------------------- */

static void
read_rhythm (Reader     *r,
             JsonObject *object,
             const char *path,
             const char *member,
             double     *out,
             guint       n)
{
  g_autofree char *child = member_path (path, member);
  JsonNode *node = json_object_get_member (object, member);
  JsonArray *array;
  double total = 0;
  gboolean ok = TRUE;

  if (node == NULL)
    return;
  if ((array = expect_array (r, node, child)) == NULL)
    return;
  if (json_array_get_length (array) != n)
    {
      /* translators: the expected and the actual count of numbers */
      add_error (r, child, FALSE, _("expected %u numbers, got %u"),
                 n, json_array_get_length (array));
      return;
    }

  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autofree char *element_path = index_path (child, i);
      double value;

      if (!is_number_node (element))
        {
          /* translators: %s is "a string", "an object", ... */
          add_error (r, element_path, FALSE, _("expected a number, got %s"), node_kind (element));
          ok = FALSE;
          continue;
        }
      value = json_node_get_double (element);
      if (value < 0)
        {
          add_error (r, element_path, FALSE, _("must be at least 0"));
          ok = FALSE;
          continue;
        }
      out[i] = value;
      total += value;
    }

  if (ok && total <= 0)
    add_error (r, child, FALSE, _("the weights add up to 0"));
}

static void
read_entry_points (Reader     *r,
                   JsonNode   *node,
                   const char *path,
                   LwScenario *s)
{
  static const char * const members[] = {
    "id", "label", "source", "intent", "share", "hourly", "weekly",
    "freeEmailShare", "properties", NULL
  };
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  JsonArray *array = expect_array (r, node, path);
  double total = 0;
  guint n;

  if (array == NULL)
    return;

  n = json_array_get_length (array);
  if (n == 0)
    add_error (r, path, FALSE, _("lists no entry point"));

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *child = index_path (path, i);
      g_autofree char *intent = NULL;
      JsonObject *object = expect_object (r, json_array_get_element (array, i), child);
      LwEntryPoint *entry;
      JsonNode *props;

      if (object == NULL)
        continue;
      check_members (r, object, child, members);

      entry = lw_entry_point_new (NULL, NULL);
      g_ptr_array_add (s->entry_points, entry);

      if (read_id (r, object, child, "id", TRUE, &entry->id))
        {
          if (g_hash_table_contains (ids, entry->id))
            {
              g_autofree char *id_path = member_path (child, "id");
              /* translators: %s is an id */
              add_error (r, id_path, FALSE, _("duplicate id \"%s\""), entry->id);
            }
          g_hash_table_add (ids, g_strdup (entry->id));
        }
      if (!read_string (r, object, child, "label", FALSE, &entry->label))
        entry->label = g_strdup (entry->id);

      if (read_string (r, object, child, "source", TRUE, &entry->source) &&
          !strv_has (source_names, entry->source))
        {
          g_autofree char *source_path = member_path (child, "source");
          /* translators: %s is the source as written */
          add_error (r, source_path, FALSE,
                     _("unknown source \"%s\" (expected one of form, chat, import, "
                       "integration, manual)"), entry->source);
        }

      if (read_string (r, object, child, "intent", TRUE, &intent) &&
          !lw_intent_from_string (intent, &entry->intent))
        {
          g_autofree char *intent_path = member_path (child, "intent");
          /* translators: %s is the intent as written */
          add_error (r, intent_path, FALSE,
                     _("unknown intent \"%s\" (expected high, medium or low)"), intent);
        }

      if (read_number (r, object, child, "share", TRUE, 0, G_MAXDOUBLE, &entry->share))
        total += entry->share;
      read_rhythm (r, object, child, "hourly", entry->hourly, 24);
      read_rhythm (r, object, child, "weekly", entry->weekly, 7);
      entry->has_free_email_share = read_number (r, object, child, "freeEmailShare", FALSE,
                                                 0, 1, &entry->free_email_share);

      props = json_object_get_member (object, "properties");
      if (props != NULL)
        {
          g_autofree char *props_path = member_path (child, "properties");
          JsonObject *overrides = expect_object (r, props, props_path);
          g_autoptr(GList) names = overrides != NULL ? json_object_get_members (overrides) : NULL;

          for (GList *l = names; l != NULL; l = l->next)
            {
              g_autofree char *prop_path = member_path (props_path, l->data);
              g_autoptr(GHashTable) earlier = g_hash_table_new (g_str_hash, g_str_equal);
              int position = find_property_dist (s->properties, l->data);
              LwPropertyDist *dist;

              if (position < 0)
                {
                  /* translators: %s is a property id */
                  add_error (r, prop_path, TRUE,
                             _("\"%s\" is not drawn in $.properties, so there is nothing "
                               "to override"), (const char *) l->data);
                  continue;
                }
              for (int k = 0; k < position; k++)
                {
                  const LwPropertyDist *before = g_ptr_array_index (s->properties, k);
                  g_hash_table_add (earlier, before->property);
                }
              dist = read_property_dist (r, json_object_get_member (overrides, l->data),
                                         prop_path, l->data, earlier);
              if (dist != NULL)
                g_ptr_array_add (entry->properties, dist);
            }
        }
    }

  if (n > 0 && total <= 0)
    add_error (r, path, FALSE, _("the shares of the entry points add up to 0"));
}

/* ---- email, activities, reps, conversion ------------------------------------------ */

const char *
lw_sim_status_to_key (LwSimStatus status)
{
  g_return_val_if_fail (status < LW_N_SIM_STATUSES, NULL);
  return status_keys[status];
}

const char *
lw_scenario_domain_problem (const char *domain)
{
  gsize length, label = 0;

  g_return_val_if_fail (domain != NULL, NULL);

  if (*domain == '\0')
    return _("expected a domain, such as example.com");
  if (strstr (domain, "://") != NULL)
    return _("a domain has no scheme such as \"https://\": write only example.com");
  if (strchr (domain, '@') != NULL)
    return _("a domain has no \"@\": write only the part after it, such as example.com");
  if (strpbrk (domain, " \t\n\r") != NULL)
    return _("a domain has no spaces, such as example.com");
  if (strchr (domain, '.') == NULL)
    return _("a domain has a dot between its parts, such as example.com");

  length = strlen (domain);
  if (length > 253)
    return _("a domain has at most 253 characters");
  for (gsize i = 0; i <= length; i++)
    {
      char c = domain[i];

      if (c == '.' || c == '\0')
        {
          if (label == 0)
            return _("a domain has a dot between its parts, such as example.com");
          if (label > 63)
            return _("each part of a domain has at most 63 characters");
          if (domain[i - 1] == '-')
            return _("a part of a domain does not begin or end with \"-\"");
          label = 0;
          continue;
        }
      if (g_ascii_isupper (c))
        return _("a domain is written in lower case, such as example.com");
      if (!g_ascii_islower (c) && !g_ascii_isdigit (c) && c != '-')
        return _("a domain has only letters a to z, digits, \"-\" and dots, such as example.com");
      if (c == '-' && label == 0)
        return _("a part of a domain does not begin or end with \"-\"");
      label++;
    }
  return NULL;
}

/* Marks each listed domain of @weights at @path that is not a domain. */
static void
check_domain_weights (Reader     *r,
                      GPtrArray  *weights,
                      const char *path)
{
  for (guint k = 0; k < weights->len; k++)
    {
      const char *domain = ((LwWeight *) g_ptr_array_index (weights, k))->value;
      const char *problem = lw_scenario_domain_problem (domain);

      if (problem != NULL)
        {
          g_autofree char *child = member_path (path, domain);
          add_error (r, child, TRUE, "%s", problem);
        }
    }
}

static void
read_email (Reader     *r,
            JsonNode   *node,
            const char *path,
            LwScenario *s)
{
  static const char * const members[] = {
    "property", "firstName", "lastName", "company", "freeShare", "freeDomains",
    "accountShare", "accountDomains", "competitorShare", "competitorDomains",
    "duplicateShare", NULL
  };
  LwEmailModel *e = &s->email;
  JsonObject *object = expect_object (r, node, path);
  JsonNode *member;

  if (object == NULL)
    return;
  check_members (r, object, path, members);

  /* The parts of the address may be null: then they are left out; a null
   * property: the leads get no address. */
  for (guint i = 0; i < 4; i++)
    {
      static const char * const parts[] = { "property", "firstName", "lastName", "company" };
      char **field = i == 0 ? &e->property : i == 1 ? &e->first_name
                     : i == 2 ? &e->last_name : &e->company;

      member = json_object_get_member (object, parts[i]);
      if (member != NULL && JSON_NODE_HOLDS_NULL (member))
        g_clear_pointer (field, g_free);
      else
        read_string (r, object, path, parts[i], FALSE, field);
    }

  read_number (r, object, path, "freeShare", FALSE, 0, 1, &e->free_share);
  read_number (r, object, path, "accountShare", FALSE, 0, 1, &e->account_share);
  read_number (r, object, path, "competitorShare", FALSE, 0, 1, &e->competitor_share);
  read_number (r, object, path, "duplicateShare", FALSE, 0, 1, &e->duplicate_share);

  if ((member = json_object_get_member (object, "freeDomains")) != NULL)
    {
      g_autofree char *child = member_path (path, "freeDomains");
      GPtrArray *weights = read_weights (r, member, child);

      if (weights != NULL)
        {
          check_domain_weights (r, weights, child);
          g_ptr_array_unref (e->free_domains);
          e->free_domains = weights;
        }
    }
  if ((member = json_object_get_member (object, "competitorDomains")) != NULL)
    {
      g_autofree char *child = member_path (path, "competitorDomains");
      GPtrArray *weights = read_weights (r, member, child);

      if (weights != NULL)
        {
          check_domain_weights (r, weights, child);
          g_ptr_array_unref (e->competitor_domains);
          e->competitor_domains = weights;
        }
    }
  if ((member = json_object_get_member (object, "accountDomains")) != NULL)
    {
      g_autofree char *child = member_path (path, "accountDomains");
      JsonArray *array = expect_array (r, member, child);

      if (array != NULL)
        {
          g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

          for (guint i = 0; i < json_array_get_length (array); i++)
            {
              JsonNode *element = json_array_get_element (array, i);
              const char *problem;

              if (!is_string_node (element))
                {
                  g_autofree char *element_path = index_path (child, i);
                  add_error (r, element_path, FALSE, _("expected a domain"));
                  continue;
                }
              problem = lw_scenario_domain_problem (json_node_get_string (element));
              if (problem != NULL)
                {
                  g_autofree char *element_path = index_path (child, i);
                  add_error (r, element_path, FALSE, "%s", problem);
                  continue;
                }
              g_strv_builder_add (builder, json_node_get_string (element));
            }
          g_clear_pointer (&e->account_domains, g_strfreev);
          e->account_domains = g_strv_builder_end (builder);
        }
    }

  if (e->free_share + e->account_share + e->competitor_share > 1.0 + 1e-9)
    add_error (r, path, FALSE,
               _("freeShare, accountShare and competitorShare add up to more than 1"));
  if (e->free_share > 0 && e->free_domains->len == 0)
    {
      g_autofree char *child = member_path (path, "freeShare");
      add_error (r, child, FALSE, _("a share of free domains needs \"freeDomains\""));
    }
  if (e->competitor_share > 0 && e->competitor_domains->len == 0)
    {
      g_autofree char *child = member_path (path, "competitorShare");
      add_error (r, child, FALSE, _("a share of competitor domains needs \"competitorDomains\""));
    }
}

static void
read_activities (Reader     *r,
                 JsonNode   *node,
                 const char *path,
                 LwScenario *s)
{
  static const char * const members[] = {
    "activity", "probability", "count", "beforeShare", "beforeDays", "afterDays", NULL
  };
  JsonArray *array = expect_array (r, node, path);

  if (array == NULL)
    return;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *child = index_path (path, i);
      JsonObject *object = expect_object (r, json_array_get_element (array, i), child);
      LwActivityModel *model;

      if (object == NULL)
        continue;
      check_members (r, object, child, members);

      model = lw_activity_model_new (NULL);
      g_ptr_array_add (s->activities, model);
      read_id (r, object, child, "activity", TRUE, &model->activity);
      read_intent_values (r, object, child, "probability", TRUE, 0, 1, model->probability);
      read_optional_dist (r, object, child, "count", &model->count);
      read_number (r, object, child, "beforeShare", FALSE, 0, 1, &model->before_share);
      read_number (r, object, child, "beforeDays", FALSE, 0, 3650, &model->before_days);
      read_optional_dist (r, object, child, "afterDays", &model->after_days);
    }
}

static void
read_arrival (Reader     *r,
              JsonNode   *node,
              const char *path,
              LwScenario *s)
{
  static const char * const members[] = { "property", "map", NULL };
  JsonObject *object = expect_object (r, node, path);
  JsonNode *map_node;

  if (object == NULL)
    return;
  check_members (r, object, path, members);
  read_string (r, object, path, "property", TRUE, &s->arrival_property);

  map_node = json_object_get_member (object, "map");
  if (map_node == NULL)
    add_missing (r, path, "map");
  else
    {
      g_autofree char *child = member_path (path, "map");
      JsonObject *map = expect_object (r, map_node, child);
      g_autoptr(GList) names = map != NULL ? json_object_get_members (map) : NULL;

      for (GList *l = names; l != NULL; l = l->next)
        {
          LwMapping *mapping = g_new0 (LwMapping, 1);

          mapping->key = g_strdup (l->data);
          if (!read_id (r, map, child, l->data, TRUE, &mapping->value))
            {
              free_mapping (mapping);
              continue;
            }
          g_ptr_array_add (s->arrival_activities, mapping);
        }
    }
}

static void
read_overrides (Reader     *r,
                JsonObject *object,
                const char *path,
                const char *member,
                GPtrArray  *list)
{
  g_autofree char *child = member_path (path, member);
  JsonNode *node = json_object_get_member (object, member);
  JsonObject *map;
  g_autoptr(GList) names = NULL;

  if (node == NULL || (map = expect_object (r, node, child)) == NULL)
    return;

  names = json_object_get_members (map);
  for (GList *l = names; l != NULL; l = l->next)
    {
      g_autofree char *item_path = member_path (child, l->data);
      LwResponseOverride *o = g_new0 (LwResponseOverride, 1);

      o->id = g_strdup (l->data);
      set_number_dist (&o->minutes, LW_NUMBER_CONSTANT, 0, 0);
      read_number_dist (r, json_object_get_member (map, l->data), item_path, &o->minutes);
      g_ptr_array_add (list, o);
    }
}

static void
read_reps (Reader     *r,
           JsonNode   *node,
           const char *path,
           LwScenario *s)
{
  static const char * const members[] = {
    "responseMinutes", "teams", "reps", "intentFactor", "workingHoursAdherence",
    "outOfOfficeRate", NULL
  };
  JsonObject *object = expect_object (r, node, path);

  if (object == NULL)
    return;
  check_members (r, object, path, members);

  read_optional_dist (r, object, path, "responseMinutes", &s->reps.response_minutes);
  read_overrides (r, object, path, "teams", s->reps.teams);
  read_overrides (r, object, path, "reps", s->reps.reps);
  read_intent_values (r, object, path, "intentFactor", FALSE, 0, 1000, s->reps.intent_factor);
  read_number (r, object, path, "workingHoursAdherence", FALSE, 0, 1,
               &s->reps.working_hours_adherence);
  read_number (r, object, path, "outOfOfficeRate", FALSE, 0, 1, &s->reps.out_of_office_rate);
}

static void
read_step (Reader     *r,
           JsonObject *object,
           const char *path,
           const char *member,
           LwStepRate *step)
{
  static const char * const members[] = { "rate", "floor", NULL };
  g_autofree char *child = member_path (path, member);
  JsonNode *node = json_object_get_member (object, member);
  JsonObject *step_object;

  if (node == NULL || (step_object = expect_object (r, node, child)) == NULL)
    return;
  check_members (r, step_object, child, members);
  read_intent_values (r, step_object, child, "rate", TRUE, 0, 1, step->rate);
  step->has_floor = read_number (r, step_object, child, "floor", FALSE, 0, 1, &step->floor);
}

static void
read_conversion (Reader     *r,
                 JsonNode   *node,
                 const char *path,
                 LwScenario *s)
{
  static const char * const members[] = {
    "speedToLead", "sql", "opportunity", "customer", "unqualified", "badTiming",
    "connectHours", "qualifyDays", "opportunityDays", "closeDays", "statuses", NULL
  };
  static const char * const speed_members[] = { "floor", "halfLifeMinutes", NULL };
  LwConversionModel *c = &s->conversion;
  JsonObject *object = expect_object (r, node, path);
  JsonNode *member;

  if (object == NULL)
    return;
  check_members (r, object, path, members);

  if ((member = json_object_get_member (object, "speedToLead")) != NULL)
    {
      g_autofree char *child = member_path (path, "speedToLead");
      JsonObject *speed = expect_object (r, member, child);

      if (speed != NULL)
        {
          check_members (r, speed, child, speed_members);
          read_number (r, speed, child, "floor", FALSE, 0, 1, &c->floor);
          if (read_number (r, speed, child, "halfLifeMinutes", FALSE, 0, G_MAXDOUBLE,
                           &c->half_life_minutes) && c->half_life_minutes <= 0)
            {
              g_autofree char *half = member_path (child, "halfLifeMinutes");
              add_error (r, half, FALSE, _("must be more than 0"));
            }
        }
    }

  read_step (r, object, path, "sql", &c->sql);
  read_step (r, object, path, "opportunity", &c->opportunity);
  read_step (r, object, path, "customer", &c->customer);
  read_intent_values (r, object, path, "unqualified", FALSE, 0, 1, c->unqualified);
  read_intent_values (r, object, path, "badTiming", FALSE, 0, 1, c->bad_timing);
  read_optional_dist (r, object, path, "connectHours", &c->connect_hours);
  read_optional_dist (r, object, path, "qualifyDays", &c->qualify_days);
  read_optional_dist (r, object, path, "opportunityDays", &c->opportunity_days);
  read_optional_dist (r, object, path, "closeDays", &c->close_days);

  if ((member = json_object_get_member (object, "statuses")) != NULL)
    {
      g_autofree char *child = member_path (path, "statuses");
      JsonObject *statuses = expect_object (r, member, child);

      if (statuses != NULL)
        {
          const char *keys[LW_N_SIM_STATUSES + 1];

          for (guint i = 0; i < LW_N_SIM_STATUSES; i++)
            keys[i] = status_keys[i];
          keys[LW_N_SIM_STATUSES] = NULL;
          check_members (r, statuses, child, keys);
          for (guint i = 0; i < LW_N_SIM_STATUSES; i++)
            {
              JsonNode *status = json_object_get_member (statuses, status_keys[i]);

              /* null: the simulation never sets that status. */
              if (status != NULL && JSON_NODE_HOLDS_NULL (status))
                g_clear_pointer (&c->statuses[i], g_free);
              else
                read_id (r, statuses, child, status_keys[i], FALSE, &c->statuses[i]);
            }
        }
    }

  for (guint i = 0; i < LW_N_INTENTS; i++)
    {
      double sum = c->sql.rate[i] + c->unqualified[i] + c->bad_timing[i];

      if (sum > 1.0 + 1e-9)
        {
          char text[G_ASCII_DTOSTR_BUF_SIZE];

          g_ascii_formatd (text, sizeof text, "%g", sum);
          /* translators: %s (first) is an intent (high, medium, low), then a number */
          add_error (r, path, FALSE,
                     _("for %s intent, sql.rate, unqualified and badTiming add up to %s, "
                       "more than 1"), intent_names[i], text);
        }
    }
}

/* ---- the document ------------------------------------------------------------------ */

static void
read_scenario (Reader     *r,
               JsonObject *root,
               LwScenario *s)
{
  static const char * const members[] = {
    "format", "version", "name", "description", "timeZone", "start", "leads", "days",
    "rescoreDays", "entryPoints", "properties", "email", "activities", "arrivalActivity",
    "reps", "conversion", NULL
  };
  g_autofree char *start = NULL;
  JsonNode *member;

  check_members (r, root, "$", members);

  read_string (r, root, "$", "name", FALSE, &s->name);
  read_string (r, root, "$", "description", FALSE, &s->description);

  if (read_string (r, root, "$", "timeZone", FALSE, &s->time_zone))
    {
      GTimeZone *tz = g_time_zone_new_identifier (s->time_zone);

      if (tz == NULL)
        /* translators: %s is a time zone name as written */
        add_error (r, "$.timeZone", FALSE,
                   _("unknown time zone \"%s\" (expected an IANA name such as "
                     "\"America/New_York\")"), s->time_zone);
      else
        {
          g_clear_pointer (&s->tz, g_time_zone_unref);
          s->tz = tz;
        }
    }

  if (read_string (r, root, "$", "start", FALSE, &start) &&
      !lw_time_parse_iso8601 (start, &s->start))
    /* translators: %s is what was written */
    add_error (r, "$.start", FALSE,
               _("\"%s\" is not a date and time (ISO 8601 such as 2026-03-02T00:00:00Z)"), start);

  read_uint (r, root, "$", "leads", 1, 1u << 24, &s->leads);
  read_uint (r, root, "$", "days", 1, 3650, &s->days);
  if (read_number (r, root, "$", "rescoreDays", FALSE, 0, 3650, &s->rescore_days) &&
      s->rescore_days <= 0)
    add_error (r, "$.rescoreDays", FALSE, _("must be more than 0"));

  /* Properties first: entry points override them. */
  if ((member = json_object_get_member (root, "properties")) != NULL)
    read_properties (r, member, "$.properties", s);
  if ((member = json_object_get_member (root, "entryPoints")) != NULL)
    read_entry_points (r, member, "$.entryPoints", s);
  else
    add_missing (r, "$", "entryPoints");
  if ((member = json_object_get_member (root, "email")) != NULL)
    read_email (r, member, "$.email", s);
  if ((member = json_object_get_member (root, "activities")) != NULL)
    read_activities (r, member, "$.activities", s);
  if ((member = json_object_get_member (root, "arrivalActivity")) != NULL)
    read_arrival (r, member, "$.arrivalActivity", s);
  if ((member = json_object_get_member (root, "reps")) != NULL)
    read_reps (r, member, "$.reps", s);
  if ((member = json_object_get_member (root, "conversion")) != NULL)
    read_conversion (r, member, "$.conversion", s);
}

static void
set_error_from (GError             **error,
                LwScenarioError      code,
                const LwDiagnostic  *diagnostic)
{
  g_autofree char *text = lw_diagnostic_format (diagnostic);

  g_set_error_literal (error, LW_SCENARIO_ERROR, code, text);
}

static void
move_diagnostics (GPtrArray *from,
                  GPtrArray *to)
{
  if (to == NULL)
    return;
  for (guint i = 0; i < from->len; i++)
    g_ptr_array_add (to, g_ptr_array_index (from, i));
  g_ptr_array_set_free_func (from, NULL);
  g_ptr_array_set_size (from, 0);
  g_ptr_array_set_free_func (from, (GDestroyNotify) lw_diagnostic_free);
}

/* Fails with one located error of @code. */
static LwScenario *
fail (Reader           *r,
      LwScenarioError   code,
      GPtrArray        *diagnostics,
      GError          **error)
{
  set_error_from (error, code, g_ptr_array_index (r->diagnostics, 0));
  move_diagnostics (r->diagnostics, diagnostics);
  return NULL;
}

LwScenario *
lw_scenario_load_data (const char   *data,
                       gssize        length,
                       const char   *filename,
                       GPtrArray    *diagnostics,
                       GError      **error)
{
  g_autoptr(GPtrArray) found = lw_diagnostics_new ();
  g_autoptr(LwJsonPositions) positions = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(LwScenario) scenario = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *error_path = NULL;
  Reader r = { filename != NULL ? filename : "<data>", NULL, found };
  JsonObject *root;
  JsonNode *member;
  int line = 0;
  int column = 0;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length < 0)
    length = strlen (data);

  positions = lw_json_positions_scan_full (data, length, &line, &column, &error_path,
                                           &local_error);
  if (positions == NULL)
    {
      LwDiagnostic *d = lw_diagnostic_new (LW_SEVERITY_ERROR, error_path, "%s",
                                           local_error->message);

      d->file = g_strdup (r.filename);
      d->line = line;
      d->column = column;
      g_ptr_array_add (found, d);
      return fail (&r, LW_SCENARIO_ERROR_PARSE, diagnostics, error);
    }
  r.positions = positions;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      add_error (&r, "$", FALSE, "%s", local_error->message);
      return fail (&r, LW_SCENARIO_ERROR_PARSE, diagnostics, error);
    }

  root = expect_object (&r, json_parser_get_root (parser), "$");
  if (root == NULL)
    return fail (&r, LW_SCENARIO_ERROR_FORMAT, diagnostics, error);

  member = json_object_get_member (root, "format");
  if (member == NULL || !is_string_node (member) ||
      g_strcmp0 (json_node_get_string (member), LW_SCENARIO_FORMAT) != 0)
    {
      if (member == NULL)
        add_error (&r, "$", FALSE,
                   _("not a Leadwright scenario: \"format\" is missing (expected \"%s\")"),
                   LW_SCENARIO_FORMAT);
      else
        add_error (&r, "$.format", FALSE,
                   _("not a Leadwright scenario: expected \"format\": \"%s\""),
                   LW_SCENARIO_FORMAT);
      return fail (&r, LW_SCENARIO_ERROR_FORMAT, diagnostics, error);
    }

  member = json_object_get_member (root, "version");
  if (member == NULL)
    {
      add_missing (&r, "$", "version");
      return fail (&r, LW_SCENARIO_ERROR_FORMAT, diagnostics, error);
    }
  if (!is_number_node (member) || json_node_get_double (member) != floor (json_node_get_double (member)) ||
      json_node_get_double (member) < 1)
    {
      add_error (&r, "$.version", FALSE, _("expected a whole number from 1"));
      return fail (&r, LW_SCENARIO_ERROR_FORMAT, diagnostics, error);
    }
  if (json_node_get_double (member) > LW_SCENARIO_VERSION)
    {
      /* translators: the version in the file, then the newest this build reads */
      add_error (&r, "$.version", FALSE,
                 _("written by a newer version of Leadwright (scenario version %.0f; "
                   "this one reads version %d and older)"),
                 json_node_get_double (member), LW_SCENARIO_VERSION);
      return fail (&r, LW_SCENARIO_ERROR_VERSION, diagnostics, error);
    }

  scenario = lw_scenario_new ();
  read_scenario (&r, root, scenario);

  if (found->len > 0)
    return fail (&r, LW_SCENARIO_ERROR_INVALID, diagnostics, error);

  return g_steal_pointer (&scenario);
}

LwScenario *
lw_scenario_load_file (const char  *filename,
                       GPtrArray   *diagnostics,
                       GError     **error)
{
  g_autofree char *data = NULL;
  gsize length = 0;

  g_return_val_if_fail (filename != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_file_get_contents (filename, &data, &length, error))
    return NULL;
  return lw_scenario_load_data (data, length, filename, diagnostics, error);
}

/* ---- the writer ------------------------------------------------------------------------ */

#define MAX_WRITE_DEPTH 32

typedef struct
{
  GString  *out;
  int       depth;
  gboolean  after_key;
  gboolean  first[MAX_WRITE_DEPTH];
} Writer;

static void
write_newline (Writer *w)
{
  g_string_append_c (w->out, '\n');
  for (int i = 0; i < w->depth; i++)
    g_string_append (w->out, "  ");
}

static void
before_value (Writer *w)
{
  if (w->after_key)
    {
      w->after_key = FALSE;
      return;
    }
  if (w->depth == 0)
    return;
  if (!w->first[w->depth])
    g_string_append_c (w->out, ',');
  w->first[w->depth] = FALSE;
  write_newline (w);
}

static void
append_json_string (GString    *out,
                    const char *text)
{
  g_string_append_c (out, '"');
  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        default:
          if (*p < 0x20)
            g_string_append_printf (out, "\\u%04x", *p);
          else
            g_string_append_c (out, (char) *p);
        }
    }
  g_string_append_c (out, '"');
}

/* The shortest text that reads back as @value: 0.3, not 0.29999999999999999. */
static void
append_json_number (GString *out,
                    double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (value == 0)
    value = 0;  /* no "-0" */
  if (value == floor (value) && fabs (value) < 1e15)
    {
      g_string_append_printf (out, "%" G_GINT64_FORMAT, (gint64) value);
      return;
    }
  g_ascii_formatd (buffer, sizeof buffer, "%.15g", value);
  if (g_ascii_strtod (buffer, NULL) != value)
    g_ascii_formatd (buffer, sizeof buffer, "%.17g", value);
  g_string_append (out, buffer);
}

static void
write_key (Writer     *w,
           const char *key)
{
  before_value (w);
  append_json_string (w->out, key);
  g_string_append (w->out, ": ");
  w->after_key = TRUE;
}

static void
write_open (Writer *w,
            char    c)
{
  before_value (w);
  g_string_append_c (w->out, c);
  w->depth++;
  g_assert (w->depth < MAX_WRITE_DEPTH);
  w->first[w->depth] = TRUE;
}

static void
write_close (Writer *w,
             char    c)
{
  gboolean empty = w->first[w->depth];

  w->depth--;
  if (!empty)
    write_newline (w);
  g_string_append_c (w->out, c);
}

static void
write_string (Writer     *w,
              const char *key,
              const char *value)
{
  write_key (w, key);
  if (value == NULL)
    g_string_append (w->out, "null");
  else
    append_json_string (w->out, value);
  w->after_key = FALSE;
}

static void
write_number (Writer     *w,
              const char *key,
              double      value)
{
  if (key != NULL)
    write_key (w, key);
  else
    before_value (w);
  append_json_number (w->out, value);
  w->after_key = FALSE;
}

static void
write_bool (Writer     *w,
            const char *key,
            gboolean    value)
{
  write_key (w, key);
  g_string_append (w->out, value ? "true" : "false");
  w->after_key = FALSE;
}

/* [1, 2, 3] on one line. */
static void
write_numbers_inline (Writer       *w,
                      const char   *key,
                      const double *values,
                      guint         n)
{
  write_key (w, key);
  g_string_append_c (w->out, '[');
  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append (w->out, ", ");
      append_json_number (w->out, values[i]);
    }
  g_string_append_c (w->out, ']');
  w->after_key = FALSE;
}

static void
write_intent_values (Writer       *w,
                     const char   *key,
                     const double *values)
{
  if (values[0] == values[1] && values[1] == values[2])
    {
      write_number (w, key, values[0]);
      return;
    }
  write_key (w, key);
  write_open (w, '{');
  for (guint i = 0; i < LW_N_INTENTS; i++)
    write_number (w, intent_names[i], values[i]);
  write_close (w, '}');
}

/* The kind member and its parameters, then min, max and round, into the
 * object being written. */
static void
write_number_members (Writer             *w,
                      const LwNumberDist *d)
{
  const char *kind = number_kind_names[d->kind];

  if (d->kind == LW_NUMBER_CONSTANT)
    {
      write_number (w, kind, d->a);
    }
  else
    {
      write_key (w, kind);
      write_open (w, '{');
      switch (d->kind)
        {
        case LW_NUMBER_UNIFORM:
          write_number (w, "min", d->a);
          write_number (w, "max", d->b);
          break;
        case LW_NUMBER_NORMAL:
          write_number (w, "mean", d->a);
          write_number (w, "sd", d->b);
          break;
        case LW_NUMBER_LOGNORMAL:
          write_number (w, "median", d->a);
          write_number (w, "sigma", d->b);
          break;
        case LW_NUMBER_EXPONENTIAL:
        case LW_NUMBER_POISSON:
          write_number (w, "mean", d->a);
          break;
        case LW_NUMBER_CONSTANT:
        default:
          g_assert_not_reached ();
        }
      write_close (w, '}');
    }

  if (d->has_min)
    write_number (w, "min", d->min);
  if (d->has_max)
    write_number (w, "max", d->max);
  if (d->round)
    write_bool (w, "round", TRUE);
}

static void
write_number_dist (Writer             *w,
                   const char         *key,
                   const LwNumberDist *d)
{
  write_key (w, key);
  write_open (w, '{');
  write_number_members (w, d);
  write_close (w, '}');
}

static void
write_weights (Writer     *w,
               const char *key,
               GPtrArray  *weights)
{
  write_key (w, key);
  write_open (w, '{');
  for (guint i = 0; i < weights->len; i++)
    {
      const LwWeight *weight = g_ptr_array_index (weights, i);
      write_number (w, weight->value, weight->weight);
    }
  write_close (w, '}');
}

static void
write_property_dist (Writer               *w,
                     const LwPropertyDist *d)
{
  write_key (w, d->property);
  write_open (w, '{');

  switch (d->kind)
    {
    case LW_VALUES_CATEGORICAL:
      write_weights (w, "weights", d->weights);
      break;

    case LW_VALUES_CONDITIONAL:
      write_string (w, "dependsOn", d->depends_on);
      write_key (w, "weights");
      write_open (w, '{');
      for (guint i = 0; i < d->branches->len; i++)
        {
          const LwBranch *branch = g_ptr_array_index (d->branches, i);
          write_weights (w, branch->when, branch->weights);
        }
      write_close (w, '}');
      break;

    case LW_VALUES_BANDS:
      write_string (w, "bandsOf", d->bands_of);
      write_key (w, "bands");
      write_open (w, '[');
      for (guint i = 0; i < d->bands->len; i++)
        {
          const LwBand *band = g_ptr_array_index (d->bands, i);

          write_open (w, '{');
          write_string (w, "value", band->value);
          if (band->has_below)
            write_number (w, "below", band->below);
          write_close (w, '}');
        }
      write_close (w, ']');
      break;

    case LW_VALUES_COMBINE:
      write_key (w, "combine");
      write_open (w, '[');
      for (guint i = 0; i < d->parts->len; i++)
        {
          GStrv words = g_ptr_array_index (d->parts, i);

          before_value (w);
          g_string_append_c (w->out, '[');
          for (guint j = 0; words[j] != NULL; j++)
            {
              if (j > 0)
                g_string_append (w->out, ", ");
              append_json_string (w->out, words[j]);
            }
          g_string_append_c (w->out, ']');
        }
      write_close (w, ']');
      write_string (w, "separator", d->separator);
      break;

    case LW_VALUES_NUMBER:
    default:
      write_number_members (w, &d->number);
      break;
    }

  if (d->missing > 0)
    write_number (w, "missing", d->missing);
  write_close (w, '}');
}

static void
write_step (Writer           *w,
            const char       *key,
            const LwStepRate *step)
{
  write_key (w, key);
  write_open (w, '{');
  write_intent_values (w, "rate", step->rate);
  if (step->has_floor)
    write_number (w, "floor", step->floor);
  write_close (w, '}');
}

static void
write_overrides (Writer     *w,
                 const char *key,
                 GPtrArray  *list)
{
  if (list->len == 0)
    return;
  write_key (w, key);
  write_open (w, '{');
  for (guint i = 0; i < list->len; i++)
    {
      const LwResponseOverride *o = g_ptr_array_index (list, i);
      write_number_dist (w, o->id, &o->minutes);
    }
  write_close (w, '}');
}

char *
lw_scenario_to_data (const LwScenario *s,
                     gsize            *length)
{
  Writer w = { g_string_new (NULL), 0, FALSE, { 0, } };
  g_autofree char *start = NULL;
  const LwEmailModel *e;
  const LwConversionModel *c;

  g_return_val_if_fail (s != NULL, NULL);

  e = &s->email;
  c = &s->conversion;
  start = lw_time_format_iso8601 (s->start);

  write_open (&w, '{');
  write_string (&w, "format", LW_SCENARIO_FORMAT);
  write_number (&w, "version", LW_SCENARIO_VERSION);
  write_string (&w, "name", s->name != NULL ? s->name : "");
  write_string (&w, "description", s->description != NULL ? s->description : "");
  write_string (&w, "timeZone", s->time_zone != NULL ? s->time_zone : "UTC");
  write_string (&w, "start", start);
  write_number (&w, "leads", s->leads);
  write_number (&w, "days", s->days);
  write_number (&w, "rescoreDays", s->rescore_days);

  write_key (&w, "entryPoints");
  write_open (&w, '[');
  for (guint i = 0; i < s->entry_points->len; i++)
    {
      const LwEntryPoint *entry = g_ptr_array_index (s->entry_points, i);

      write_open (&w, '{');
      write_string (&w, "id", entry->id);
      write_string (&w, "label", entry->label);
      write_string (&w, "source", entry->source);
      write_string (&w, "intent", intent_names[entry->intent]);
      write_number (&w, "share", entry->share);
      write_numbers_inline (&w, "hourly", entry->hourly, 24);
      write_numbers_inline (&w, "weekly", entry->weekly, 7);
      if (entry->has_free_email_share)
        write_number (&w, "freeEmailShare", entry->free_email_share);
      if (entry->properties->len > 0)
        {
          write_key (&w, "properties");
          write_open (&w, '{');
          for (guint j = 0; j < entry->properties->len; j++)
            write_property_dist (&w, g_ptr_array_index (entry->properties, j));
          write_close (&w, '}');
        }
      write_close (&w, '}');
    }
  write_close (&w, ']');

  write_key (&w, "properties");
  write_open (&w, '{');
  for (guint i = 0; i < s->properties->len; i++)
    write_property_dist (&w, g_ptr_array_index (s->properties, i));
  write_close (&w, '}');

  write_key (&w, "email");
  write_open (&w, '{');
  write_string (&w, "property", e->property);
  write_string (&w, "firstName", e->first_name);
  write_string (&w, "lastName", e->last_name);
  write_string (&w, "company", e->company);
  write_number (&w, "freeShare", e->free_share);
  if (e->free_domains->len > 0)
    write_weights (&w, "freeDomains", e->free_domains);
  write_number (&w, "accountShare", e->account_share);
  if (e->account_domains != NULL)
    {
      write_key (&w, "accountDomains");
      write_open (&w, '[');
      for (guint i = 0; e->account_domains[i] != NULL; i++)
        {
          before_value (&w);
          append_json_string (w.out, e->account_domains[i]);
        }
      write_close (&w, ']');
    }
  write_number (&w, "competitorShare", e->competitor_share);
  if (e->competitor_domains->len > 0)
    write_weights (&w, "competitorDomains", e->competitor_domains);
  write_number (&w, "duplicateShare", e->duplicate_share);
  write_close (&w, '}');

  write_key (&w, "activities");
  write_open (&w, '[');
  for (guint i = 0; i < s->activities->len; i++)
    {
      const LwActivityModel *m = g_ptr_array_index (s->activities, i);

      write_open (&w, '{');
      write_string (&w, "activity", m->activity);
      write_intent_values (&w, "probability", m->probability);
      write_number_dist (&w, "count", &m->count);
      write_number (&w, "beforeShare", m->before_share);
      write_number (&w, "beforeDays", m->before_days);
      write_number_dist (&w, "afterDays", &m->after_days);
      write_close (&w, '}');
    }
  write_close (&w, ']');

  if (s->arrival_property != NULL)
    {
      write_key (&w, "arrivalActivity");
      write_open (&w, '{');
      write_string (&w, "property", s->arrival_property);
      write_key (&w, "map");
      write_open (&w, '{');
      for (guint i = 0; i < s->arrival_activities->len; i++)
        {
          const LwMapping *m = g_ptr_array_index (s->arrival_activities, i);
          write_string (&w, m->key, m->value);
        }
      write_close (&w, '}');
      write_close (&w, '}');
    }

  write_key (&w, "reps");
  write_open (&w, '{');
  write_number_dist (&w, "responseMinutes", &s->reps.response_minutes);
  write_overrides (&w, "teams", s->reps.teams);
  write_overrides (&w, "reps", s->reps.reps);
  write_intent_values (&w, "intentFactor", s->reps.intent_factor);
  write_number (&w, "workingHoursAdherence", s->reps.working_hours_adherence);
  write_number (&w, "outOfOfficeRate", s->reps.out_of_office_rate);
  write_close (&w, '}');

  write_key (&w, "conversion");
  write_open (&w, '{');
  write_key (&w, "speedToLead");
  write_open (&w, '{');
  write_number (&w, "floor", c->floor);
  write_number (&w, "halfLifeMinutes", c->half_life_minutes);
  write_close (&w, '}');
  write_step (&w, "sql", &c->sql);
  write_step (&w, "opportunity", &c->opportunity);
  write_step (&w, "customer", &c->customer);
  write_intent_values (&w, "unqualified", c->unqualified);
  write_intent_values (&w, "badTiming", c->bad_timing);
  write_number_dist (&w, "connectHours", &c->connect_hours);
  write_number_dist (&w, "qualifyDays", &c->qualify_days);
  write_number_dist (&w, "opportunityDays", &c->opportunity_days);
  write_number_dist (&w, "closeDays", &c->close_days);
  write_key (&w, "statuses");
  write_open (&w, '{');
  for (guint i = 0; i < LW_N_SIM_STATUSES; i++)
    write_string (&w, status_keys[i], c->statuses[i]);
  write_close (&w, '}');
  write_close (&w, '}');

  write_close (&w, '}');
  g_string_append_c (w.out, '\n');

  if (length != NULL)
    *length = w.out->len;
  return g_string_free (w.out, FALSE);
}

gboolean
lw_scenario_save_file (const LwScenario *scenario,
                       const char       *filename,
                       GError          **error)
{
  g_autofree char *data = NULL;
  gsize length = 0;

  g_return_val_if_fail (scenario != NULL, FALSE);
  g_return_val_if_fail (filename != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  data = lw_scenario_to_data (scenario, &length);
  /* g_file_set_contents() writes a temporary file and renames it over
   * @filename: a failure leaves the old file whole. */
  return g_file_set_contents (filename, data, length, error);
}
