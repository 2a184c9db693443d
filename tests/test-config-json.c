/* test-config-json.c: JSON positions, the rule-set reader and writer, leads
 *
 * Every rejection is checked for its error domain and code and for the exact
 * "test.json:LINE:COL: error: $.path:" prefix, with LINE and COL counted by
 * hand from tests/data/config-minimal.json (the line numbers are given next
 * to each case) after the textual change the case makes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "lw-config-json.h"
#include "lw-json-pos.h"
#include "lw-lead.h"
#include "lw-test-utils.h"

/* ---- helpers --------------------------------------------------------------- */

static char *
read_fixture (const char *name)
{
  g_autofree char *path = lw_test_data_path (name);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

/* @text with its one occurrence of @needle replaced. */
static char *
replace_once (const char *text,
              const char *needle,
              const char *replacement)
{
  const char *at = strstr (text, needle);
  GString *out;

  g_assert_nonnull (at);
  g_assert_null (strstr (at + 1, needle));

  out = g_string_new_len (text, at - text);
  g_string_append (out, replacement);
  g_string_append (out, at + strlen (needle));
  return g_string_free (out, FALSE);
}

static char *
minimal_with (const char *needle,
              const char *replacement)
{
  g_autofree char *text = read_fixture ("config-minimal.json");

  return replace_once (text, needle, replacement);
}

static void
print_diagnostics (GPtrArray *diagnostics)
{
  for (guint i = 0; i < diagnostics->len; i++)
    {
      g_autofree char *text = lw_diagnostic_format (g_ptr_array_index (diagnostics, i));
      g_test_message ("  %s", text);
    }
}

/* Loads @text as "test.json", asserts it fails with @code, that the error
 * message is exactly @prefix followed by a message containing @fragment,
 * and that the first diagnostic says the same. Returns the diagnostics. */
static GPtrArray *
assert_load_fails (const char    *text,
                   LwConfigError  code,
                   const char    *prefix,
                   const char    *fragment)
{
  g_autoptr(GPtrArray) diagnostics = lw_diagnostics_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LwConfig) config = NULL;
  g_autofree char *first = NULL;

  config = lw_config_load_data (text, -1, "test.json", diagnostics, &error);
  if (error != NULL)
    g_test_message ("error: %s", error->message);
  print_diagnostics (diagnostics);

  g_assert_null (config);
  g_assert_error (error, LW_CONFIG_ERROR, (int) code);
  g_assert_true (g_str_has_prefix (error->message, prefix));
  g_assert_nonnull (strstr (error->message + strlen (prefix), fragment));

  g_assert_cmpuint (diagnostics->len, >=, 1);
  first = lw_diagnostic_format (g_ptr_array_index (diagnostics, 0));
  g_assert_cmpstr (first, ==, error->message);

  return g_steal_pointer (&diagnostics);
}

static void
assert_minimal_fails (const char    *needle,
                      const char    *replacement,
                      LwConfigError  code,
                      const char    *prefix,
                      const char    *fragment)
{
  g_autofree char *text = minimal_with (needle, replacement);
  g_autoptr(GPtrArray) diagnostics = assert_load_fails (text, code, prefix, fragment);
}

static LwConfig *
load_text (const char *text)
{
  g_autoptr(GPtrArray) diagnostics = lw_diagnostics_new ();
  g_autoptr(GError) error = NULL;
  LwConfig *config;

  config = lw_config_load_data (text, -1, "test.json", diagnostics, &error);
  print_diagnostics (diagnostics);
  g_assert_no_error (error);
  g_assert_nonnull (config);
  return config;
}

static char *
save_text (const LwConfig *config)
{
  gsize length = 0;
  char *data = lw_config_to_data (config, &length);

  g_assert_nonnull (data);
  g_assert_cmpuint (strlen (data), ==, length);
  return data;
}

static const LwFilter *
get_filter (const LwCondition *condition,
            guint              group,
            guint              index)
{
  const LwFilterGroup *g = g_ptr_array_index (condition->groups, group);

  return g_ptr_array_index (g->filters, index);
}

/* The filter of the first fit criterion of config-minimal.json. */
static const LwFilter *
get_fit_filter (const LwConfig *config)
{
  const LwCriterion *criterion = g_ptr_array_index (config->scoring.fit.criteria, 0);

  return get_filter (criterion->when, 0, 0);
}

/* ---- field-by-field equality ---------------------------------------------- */

static void
assert_conditions_equal (const LwCondition *a,
                         const LwCondition *b)
{
  g_assert_true ((a == NULL) == (b == NULL));
  if (a == NULL)
    return;
  g_assert_cmpuint (a->groups->len, ==, b->groups->len);
  for (guint i = 0; i < a->groups->len; i++)
    {
      const LwFilterGroup *ga = g_ptr_array_index (a->groups, i);
      const LwFilterGroup *gb = g_ptr_array_index (b->groups, i);

      g_assert_cmpuint (ga->filters->len, ==, gb->filters->len);
      for (guint j = 0; j < ga->filters->len; j++)
        {
          const LwFilter *fa = g_ptr_array_index (ga->filters, j);
          const LwFilter *fb = g_ptr_array_index (gb->filters, j);

          g_assert_cmpstr (fa->property, ==, fb->property);
          g_assert_cmpint (fa->op, ==, fb->op);
          g_assert_cmpstr (fa->value, ==, fb->value);
          g_assert_cmpstr (fa->high_value, ==, fb->high_value);
          g_assert_true ((fa->values == NULL) == (fb->values == NULL));
          if (fa->values != NULL)
            g_assert_true (g_strv_equal ((const char * const *) fa->values,
                                         (const char * const *) fb->values));
        }
    }
  g_assert_true (lw_condition_equal (a, b));
}

static void
assert_targets_equal (const LwTarget *a,
                      const LwTarget *b)
{
  g_assert_cmpstr (a->owner, ==, b->owner);
  g_assert_cmpstr (a->pool, ==, b->pool);
}

static void
assert_models_equal (const LwScoreModel *a,
                     const LwScoreModel *b)
{
  g_assert_cmpint (a->has_cap, ==, b->has_cap);
  g_assert_cmpint (a->cap, ==, b->cap);
  g_assert_cmpuint (a->criteria->len, ==, b->criteria->len);
  for (guint i = 0; i < a->criteria->len; i++)
    {
      const LwCriterion *ca = g_ptr_array_index (a->criteria, i);
      const LwCriterion *cb = g_ptr_array_index (b->criteria, i);

      g_assert_cmpstr (ca->id, ==, cb->id);
      g_assert_cmpstr (ca->label, ==, cb->label);
      assert_conditions_equal (ca->when, cb->when);
      g_assert_cmpstr (ca->activity, ==, cb->activity);
      g_assert_cmpint (ca->points, ==, cb->points);
      g_assert_cmpuint (ca->max_times, ==, cb->max_times);
    }
}

static void
assert_bands_equal (GPtrArray *a,
                    GPtrArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    {
      const LwGradeBand *x = g_ptr_array_index (a, i);
      const LwGradeBand *y = g_ptr_array_index (b, i);

      g_assert_cmpstr (x->grade, ==, y->grade);
      g_assert_cmpint (x->has_min, ==, y->has_min);
      g_assert_cmpint (x->min, ==, y->min);
    }
}

static void
assert_string_arrays_equal (GPtrArray *a,
                            GPtrArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    g_assert_cmpstr (g_ptr_array_index (a, i), ==, g_ptr_array_index (b, i));
}

static void
assert_configs_equal (const LwConfig *a,
                      const LwConfig *b)
{
  g_assert_cmpstr (a->name, ==, b->name);
  g_assert_cmpstr (a->description, ==, b->description);

  g_assert_cmpuint (a->properties->len, ==, b->properties->len);
  for (guint i = 0; i < a->properties->len; i++)
    {
      const LwProperty *x = g_ptr_array_index (a->properties, i);
      const LwProperty *y = g_ptr_array_index (b->properties, i);

      g_assert_cmpstr (x->id, ==, y->id);
      g_assert_cmpstr (x->label, ==, y->label);
      g_assert_cmpstr (x->description, ==, y->description);
      g_assert_cmpint (x->type, ==, y->type);
      g_assert_cmpstr (x->domain_of, ==, y->domain_of);
      g_assert_cmpint (x->builtin, ==, y->builtin);
      g_assert_cmpuint (x->options->len, ==, y->options->len);
      for (guint j = 0; j < x->options->len; j++)
        {
          const LwOption *ox = g_ptr_array_index (x->options, j);
          const LwOption *oy = g_ptr_array_index (y->options, j);

          g_assert_cmpstr (ox->value, ==, oy->value);
          g_assert_cmpstr (ox->label, ==, oy->label);
        }
    }

  g_assert_cmpuint (a->activities->len, ==, b->activities->len);
  for (guint i = 0; i < a->activities->len; i++)
    {
      const LwActivityType *x = g_ptr_array_index (a->activities, i);
      const LwActivityType *y = g_ptr_array_index (b->activities, i);

      g_assert_cmpstr (x->id, ==, y->id);
      g_assert_cmpstr (x->label, ==, y->label);
      g_assert_cmpstr (x->description, ==, y->description);
    }

  g_assert_cmpuint (a->stages->len, ==, b->stages->len);
  for (guint i = 0; i < a->stages->len; i++)
    {
      const LwStage *x = g_ptr_array_index (a->stages, i);
      const LwStage *y = g_ptr_array_index (b->stages, i);

      g_assert_cmpstr (x->id, ==, y->id);
      g_assert_cmpstr (x->label, ==, y->label);
      g_assert_cmpstr (x->definition, ==, y->definition);
      g_assert_cmpstr (x->hubspot_value, ==, y->hubspot_value);
      g_assert_cmpint (x->owner_role, ==, y->owner_role);
      assert_conditions_equal (x->entry, y->entry);
      g_assert_cmpstr (x->next_step, ==, y->next_step);
    }

  g_assert_cmpuint (a->statuses->len, ==, b->statuses->len);
  for (guint i = 0; i < a->statuses->len; i++)
    {
      const LwStatus *x = g_ptr_array_index (a->statuses, i);
      const LwStatus *y = g_ptr_array_index (b->statuses, i);

      g_assert_cmpstr (x->id, ==, y->id);
      g_assert_cmpstr (x->label, ==, y->label);
      g_assert_cmpstr (x->definition, ==, y->definition);
      g_assert_cmpstr (x->hubspot_value, ==, y->hubspot_value);
      g_assert_cmpint (x->terminal, ==, y->terminal);
    }

  g_assert_cmpuint (a->paths->len, ==, b->paths->len);
  for (guint i = 0; i < a->paths->len; i++)
    {
      const LwPath *x = g_ptr_array_index (a->paths, i);
      const LwPath *y = g_ptr_array_index (b->paths, i);

      g_assert_cmpstr (x->id, ==, y->id);
      g_assert_cmpstr (x->label, ==, y->label);
      g_assert_cmpint (x->kind, ==, y->kind);
      g_assert_cmpstr (x->from_status, ==, y->from_status);
      g_assert_cmpuint (x->after_days, ==, y->after_days);
      g_assert_cmpstr (x->to_stage, ==, y->to_stage);
      g_assert_cmpint (x->owner_role, ==, y->owner_role);
    }

  assert_models_equal (&a->scoring.fit, &b->scoring.fit);
  assert_models_equal (&a->scoring.engagement, &b->scoring.engagement);
  g_assert_cmpint (a->scoring.decay, ==, b->scoring.decay);
  g_assert_cmpfloat (a->scoring.half_life_days, ==, b->scoring.half_life_days);
  g_assert_cmpuint (a->scoring.window_days, ==, b->scoring.window_days);
  g_assert_cmpint (a->scoring.mql_kind, ==, b->scoring.mql_kind);
  g_assert_cmpint (a->scoring.mql_total, ==, b->scoring.mql_total);
  g_assert_cmpint (a->scoring.mql_fit, ==, b->scoring.mql_fit);
  g_assert_cmpint (a->scoring.mql_engagement, ==, b->scoring.mql_engagement);
  g_assert_cmpstr (a->scoring.mql_stage, ==, b->scoring.mql_stage);
  assert_bands_equal (a->scoring.fit_grades, b->scoring.fit_grades);
  assert_bands_equal (a->scoring.engagement_grades, b->scoring.engagement_grades);

  g_assert_cmpuint (a->rules->len, ==, b->rules->len);
  for (guint i = 0; i < a->rules->len; i++)
    {
      const LwRoutingRule *x = g_ptr_array_index (a->rules, i);
      const LwRoutingRule *y = g_ptr_array_index (b->rules, i);

      g_assert_cmpstr (x->id, ==, y->id);
      g_assert_cmpstr (x->label, ==, y->label);
      assert_conditions_equal (x->when, y->when);
      g_assert_cmpint (x->kind, ==, y->kind);
      assert_targets_equal (&x->target, &y->target);
      g_assert_cmpstr (x->property, ==, y->property);
      g_assert_cmpuint (x->territories->len, ==, y->territories->len);
      for (guint j = 0; j < x->territories->len; j++)
        {
          const LwTerritory *tx = g_ptr_array_index (x->territories, j);
          const LwTerritory *ty = g_ptr_array_index (y->territories, j);

          g_assert_true (g_strv_equal ((const char * const *) tx->values,
                                       (const char * const *) ty->values));
          assert_targets_equal (&tx->target, &ty->target);
        }
    }
  assert_targets_equal (&a->fallback, &b->fallback);

  g_assert_cmpuint (a->policies->len, ==, b->policies->len);
  for (guint i = 0; i < a->policies->len; i++)
    {
      const LwSlaPolicy *x = g_ptr_array_index (a->policies, i);
      const LwSlaPolicy *y = g_ptr_array_index (b->policies, i);

      g_assert_cmpstr (x->id, ==, y->id);
      g_assert_cmpstr (x->label, ==, y->label);
      assert_conditions_equal (x->when, y->when);
      g_assert_cmpuint (x->deadline_minutes, ==, y->deadline_minutes);
      g_assert_cmpint (x->clock, ==, y->clock);
      g_assert_cmpuint (x->warn_before_minutes, ==, y->warn_before_minutes);
      g_assert_cmpuint (x->escalations->len, ==, y->escalations->len);
      for (guint j = 0; j < x->escalations->len; j++)
        {
          const LwEscalation *ex = &g_array_index (x->escalations, LwEscalation, j);
          const LwEscalation *ey = &g_array_index (y->escalations, LwEscalation, j);

          g_assert_cmpuint (ex->after_minutes, ==, ey->after_minutes);
          g_assert_cmpint (ex->action, ==, ey->action);
          assert_targets_equal (&ex->target, &ey->target);
        }
      assert_string_arrays_equal (x->pause_statuses, y->pause_statuses);
      g_assert_cmpstr (x->breach_tag, ==, y->breach_tag);
    }

  g_assert_cmpuint (a->reps->len, ==, b->reps->len);
  for (guint i = 0; i < a->reps->len; i++)
    {
      const LwRep *x = g_ptr_array_index (a->reps, i);
      const LwRep *y = g_ptr_array_index (b->reps, i);

      g_assert_cmpstr (x->id, ==, y->id);
      g_assert_cmpstr (x->name, ==, y->name);
      g_assert_cmpstr (x->email, ==, y->email);
      g_assert_cmpint (x->role, ==, y->role);
      g_assert_cmpstr (x->team, ==, y->team);
      g_assert_cmpstr (x->time_zone, ==, y->time_zone);
      for (guint d = 0; d < 7; d++)
        {
          g_assert_cmpuint (x->hours.days[d]->len, ==, y->hours.days[d]->len);
          for (guint k = 0; k < x->hours.days[d]->len; k++)
            {
              const LwInterval *ix = &g_array_index (x->hours.days[d], LwInterval, k);
              const LwInterval *iy = &g_array_index (y->hours.days[d], LwInterval, k);

              g_assert_cmpuint (ix->start, ==, iy->start);
              g_assert_cmpuint (ix->end, ==, iy->end);
            }
        }
      g_assert_cmpuint (x->capacity, ==, y->capacity);
      g_assert_cmpuint (x->weight, ==, y->weight);
      g_assert_cmpint (x->active, ==, y->active);
      g_assert_cmpuint (x->out_of_office->len, ==, y->out_of_office->len);
      for (guint k = 0; k < x->out_of_office->len; k++)
        {
          const LwDateRange *rx = &g_array_index (x->out_of_office, LwDateRange, k);
          const LwDateRange *ry = &g_array_index (y->out_of_office, LwDateRange, k);

          g_assert_cmpint (g_date_compare (&rx->from, &ry->from), ==, 0);
          g_assert_cmpint (g_date_compare (&rx->to, &ry->to), ==, 0);
        }
    }

  g_assert_cmpuint (a->teams->len, ==, b->teams->len);
  for (guint i = 0; i < a->teams->len; i++)
    {
      const LwTeam *x = g_ptr_array_index (a->teams, i);
      const LwTeam *y = g_ptr_array_index (b->teams, i);

      g_assert_cmpstr (x->id, ==, y->id);
      g_assert_cmpstr (x->label, ==, y->label);
      g_assert_cmpstr (x->manager, ==, y->manager);
      g_assert_cmpstr (x->region, ==, y->region);
    }

  g_assert_cmpuint (a->pools->len, ==, b->pools->len);
  for (guint i = 0; i < a->pools->len; i++)
    {
      const LwPool *x = g_ptr_array_index (a->pools, i);
      const LwPool *y = g_ptr_array_index (b->pools, i);

      g_assert_cmpstr (x->id, ==, y->id);
      g_assert_cmpstr (x->label, ==, y->label);
      assert_string_arrays_equal (x->members, y->members);
      g_assert_cmpint (x->weighted, ==, y->weighted);
      g_assert_cmpint (x->respect_capacity, ==, y->respect_capacity);
      g_assert_cmpint (x->working_hours, ==, y->working_hours);
      g_assert_cmpint (x->out_of_office, ==, y->out_of_office);
    }

  g_assert_cmpuint (a->accounts->len, ==, b->accounts->len);
  for (guint i = 0; i < a->accounts->len; i++)
    {
      const LwAccount *x = g_ptr_array_index (a->accounts, i);
      const LwAccount *y = g_ptr_array_index (b->accounts, i);

      g_assert_cmpstr (x->domain, ==, y->domain);
      g_assert_cmpstr (x->name, ==, y->name);
      g_assert_cmpstr (x->owner, ==, y->owner);
    }
}

/* ---- positions ------------------------------------------------------------- */

static void
assert_position (LwJsonPositions *positions,
                 const char      *path,
                 int              line,
                 int              column,
                 int              key_line,
                 int              key_column)
{
  int l = -1, c = -1;

  g_test_message ("%s", path);
  g_assert_true (lw_json_positions_lookup (positions, path, &l, &c));
  g_assert_cmpint (l, ==, line);
  g_assert_cmpint (c, ==, column);
  g_assert_true (lw_json_positions_lookup_key (positions, path, &l, &c));
  g_assert_cmpint (l, ==, key_line);
  g_assert_cmpint (c, ==, key_column);
}

static void
test_positions_values_and_keys (void)
{
  /* Columns count characters: "é" and "東京" are one and two each. */
  const char *text =
    "{\n"
    "  \"a\": [1, {\"b\": \"é\", \"c d\": true}],\n"
    "  \"東京\": {\"x\": [[], {}]}, \"q\\\"k\": null\n"
    "}\n";
  g_autoptr(LwJsonPositions) positions = NULL;
  g_autoptr(GError) error = NULL;

  positions = lw_json_positions_scan (text, -1, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (positions);

  assert_position (positions, "$", 1, 1, 1, 1);
  assert_position (positions, "$.a", 2, 8, 2, 3);
  assert_position (positions, "$.a[0]", 2, 9, 2, 9);
  assert_position (positions, "$.a[1]", 2, 12, 2, 12);
  assert_position (positions, "$.a[1].b", 2, 18, 2, 13);
  assert_position (positions, "$.a[1][\"c d\"]", 2, 30, 2, 23);
  assert_position (positions, "$[\"東京\"]", 3, 9, 3, 3);
  assert_position (positions, "$[\"東京\"].x", 3, 15, 3, 10);
  assert_position (positions, "$[\"東京\"].x[0]", 3, 16, 3, 16);
  assert_position (positions, "$[\"東京\"].x[1]", 3, 20, 3, 20);
  assert_position (positions, "$[\"q\\\"k\"]", 3, 34, 3, 26);
}

static void
test_positions_missing_falls_back (void)
{
  const char *text = "{\"a\": [0, {\"b\": {\"c\": 1}}]}";
  g_autoptr(LwJsonPositions) positions = NULL;

  positions = lw_json_positions_scan (text, -1, NULL, NULL, NULL);
  g_assert_nonnull (positions);

  /* $.a[1].b begins at column 17; its missing member falls back there, for
   * the value and for the key alike. */
  assert_position (positions, "$.a[1].b.zz", 1, 17, 1, 17);
  assert_position (positions, "$.a[1].b.zz[3].y", 1, 17, 1, 17);
  /* $.a[7] does not exist: $.a (column 7). */
  assert_position (positions, "$.a[7].b", 1, 7, 1, 7);
  assert_position (positions, "$[\"no such\"].b", 1, 1, 1, 1);
  /* A malformed path resolves to what could be read of it. */
  assert_position (positions, "$.a[1]junk", 1, 11, 1, 11);
  assert_position (positions, "nothing", 1, 1, 1, 1);
}

static void
test_positions_line_endings (void)
{
  /* CRLF and a lone CR end lines; a tab is one column. */
  const char *text = "{\"a\":\r\n 1,\r\t\"b\": 2,\n\"c\": 3}";
  g_autoptr(LwJsonPositions) positions = NULL;

  positions = lw_json_positions_scan (text, -1, NULL, NULL, NULL);
  g_assert_nonnull (positions);
  assert_position (positions, "$.a", 2, 2, 1, 2);
  assert_position (positions, "$.b", 3, 7, 3, 2);
  assert_position (positions, "$.c", 4, 6, 4, 1);
}

static void
test_positions_byte_order_mark (void)
{
  const char *text = "\xEF\xBB\xBF{\"a\": 1}";
  g_autoptr(LwJsonPositions) positions = NULL;

  positions = lw_json_positions_scan (text, -1, NULL, NULL, NULL);
  g_assert_nonnull (positions);
  assert_position (positions, "$", 1, 1, 1, 1);
  assert_position (positions, "$.a", 1, 7, 1, 2);
}

static void
test_positions_path_syntax (void)
{
  struct { const char *key; const char *path; } cases[] = {
    { "plain", "$.plain" },
    { "_x9", "$._x9" },
    { "9lives", "$[\"9lives\"]" },
    { "with-dash", "$[\"with-dash\"]" },
    { "a b", "$[\"a b\"]" },
    { "say \"hi\"", "$[\"say \\\"hi\\\"\"]" },
    { "back\\slash", "$[\"back\\\\slash\"]" },
    { "", "$[\"\"]" },
    { "café", "$[\"café\"]" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GString) path = g_string_new ("$");

      lw_json_path_append_member (path, cases[i].key);
      g_assert_cmpstr (path->str, ==, cases[i].path);
    }
}

static void
test_positions_odd_keys_round_trip (void)
{
  /* Whatever lw_json_path_append_member() makes of a key is what the
   * scanner recorded, so lookups of such paths find the member itself. */
  const char *text = "{\"say \\\"hi\\\"\": {\"back\\\\slash\": 1, \"\\u00e9\": 2}}";
  g_autoptr(LwJsonPositions) positions = NULL;
  g_autoptr(GString) path = g_string_new ("$");

  positions = lw_json_positions_scan (text, -1, NULL, NULL, NULL);
  g_assert_nonnull (positions);

  lw_json_path_append_member (path, "say \"hi\"");
  assert_position (positions, path->str, 1, 16, 1, 2);
  lw_json_path_append_member (path, "back\\slash");
  assert_position (positions, path->str, 1, 32, 1, 17);
  g_string_assign (path, "$");
  lw_json_path_append_member (path, "say \"hi\"");
  lw_json_path_append_member (path, "é");
  assert_position (positions, path->str, 1, 45, 1, 35);
}

typedef struct
{
  const char *text;
  gssize      length;
  LwJsonError code;
  int         line;
  int         column;
  const char *path;
  const char *fragment;
} ScanError;

static void
test_positions_errors (void)
{
  static const ScanError cases[] = {
    { "{\"a\": 1 \"b\": 2}", -1, LW_JSON_ERROR_SYNTAX, 1, 9, "$", "a ',' is missing" },
    { "{\"a\": 1,}", -1, LW_JSON_ERROR_SYNTAX, 1, 9, "$", "trailing comma" },
    { "[1, 2,]", -1, LW_JSON_ERROR_SYNTAX, 1, 7, "$", "trailing comma" },
    { "{\"a\": [1 2]}", -1, LW_JSON_ERROR_SYNTAX, 1, 10, "$.a", "expected ',' or ']'" },
    { "{\"a\": 1} x", -1, LW_JSON_ERROR_SYNTAX, 1, 10, "$", "found 'x'" },
    { "{\"a\": \"x\xff\"}", -1, LW_JSON_ERROR_UTF8, 1, 9, "$.a", "invalid UTF-8 (byte 0xFF)" },
    { "{\"é\xc3\": 1}", -1, LW_JSON_ERROR_UTF8, 1, 4, "$", "invalid UTF-8 (byte 0xC3)" },
    { "{\"a\": \xe9t\xe9}", -1, LW_JSON_ERROR_UTF8, 1, 7, "$.a", "invalid UTF-8 (byte 0xE9)" },
    { "{\"a\": {\"k\": 1,\n \"k\": 2}}", -1, LW_JSON_ERROR_DUPLICATE_KEY, 2, 2, "$.a.k",
      "duplicate key \"k\" (first at line 1, column 8)" },
    { "{\"k\": 1, \"\\u006b\": 2}", -1, LW_JSON_ERROR_DUPLICATE_KEY, 1, 10, "$.k",
      "duplicate key" },
    { "{\"a\": True}", -1, LW_JSON_ERROR_SYNTAX, 1, 7, "$.a", "unknown word \"True\"" },
    { "{\"a\": 01}", -1, LW_JSON_ERROR_SYNTAX, 1, 8, "$.a", "cannot start with 0" },
    { "{\"a\": 1.}", -1, LW_JSON_ERROR_SYNTAX, 1, 9, "$.a", "digit after '.'" },
    { "{\"a\": -}", -1, LW_JSON_ERROR_SYNTAX, 1, 8, "$.a", "expected a digit" },
    { "{\"a\": 1e}", -1, LW_JSON_ERROR_SYNTAX, 1, 9, "$.a", "exponent" },
    { "{\"a\": 99999999999999999999}", -1, LW_JSON_ERROR_SYNTAX, 1, 7, "$.a", "too large" },
    { "{\"a\": \"abc", -1, LW_JSON_ERROR_SYNTAX, 1, 7, "$.a", "unterminated string" },
    { "{\"a\": \"ab\nc\"}", -1, LW_JSON_ERROR_SYNTAX, 1, 7, "$.a", "unterminated string" },
    { "{\"a\": \"a\tb\"}", -1, LW_JSON_ERROR_SYNTAX, 1, 9, "$.a", "control character U+0009" },
    { "{\"a\": \"\\q\"}", -1, LW_JSON_ERROR_SYNTAX, 1, 8, "$.a", "invalid escape" },
    { "{\"a\": \"\\u12\"}", -1, LW_JSON_ERROR_SYNTAX, 1, 8, "$.a", "four hexadecimal digits" },
    { "{\"a\": \"\\ud800x\"}", -1, LW_JSON_ERROR_SYNTAX, 1, 8, "$.a", "low surrogate" },
    { "{\"a\": \"\\udc00\"}", -1, LW_JSON_ERROR_SYNTAX, 1, 8, "$.a", "lone low surrogate" },
    { "{\"a\": \"\\u0000\"}", -1, LW_JSON_ERROR_SYNTAX, 1, 8, "$.a", "NUL" },
    { "{\"a\" 1}", -1, LW_JSON_ERROR_SYNTAX, 1, 6, "$.a", "expected ':'" },
    { "{\"a\": }", -1, LW_JSON_ERROR_SYNTAX, 1, 7, "$.a", "expected a value, found '}'" },
    { "{a: 1}", -1, LW_JSON_ERROR_SYNTAX, 1, 2, "$", "expected a key in double quotes" },
    { "{\"a\": 1 // note\n}", -1, LW_JSON_ERROR_SYNTAX, 1, 9, "$", "comment" },
    { "{\"a\": [", -1, LW_JSON_ERROR_SYNTAX, 1, 8, "$.a[0]", "the end of the text" },
    { "", -1, LW_JSON_ERROR_SYNTAX, 1, 1, "$", "found the end of the text" },
    { "  \n ", -1, LW_JSON_ERROR_SYNTAX, 2, 2, "$", "found the end of the text" },
    { "{\"a\": 1}\0{", 10, LW_JSON_ERROR_SYNTAX, 1, 9, "$", "U+0000" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const ScanError *c = &cases[i];
      g_autoptr(LwJsonPositions) positions = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GError) short_error = NULL;
      g_autofree char *path = NULL;
      g_autofree char *prefix = NULL;
      int line = 0, column = 0;

      {
        /* The cases hold invalid UTF-8 on purpose: print them escaped. */
        g_autofree char *shown = g_strescape (c->text, NULL);

        g_test_message ("case %u: %s", i, shown);
      }
      positions = lw_json_positions_scan_full (c->text, c->length, &line, &column, &path, &error);
      g_assert_null (positions);
      g_assert_error (error, LW_JSON_ERROR, (int) c->code);
      g_test_message ("  %d:%d %s: %s", line, column, path, error->message);
      g_assert_cmpint (line, ==, c->line);
      g_assert_cmpint (column, ==, c->column);
      g_assert_cmpstr (path, ==, c->path);
      g_assert_nonnull (strstr (error->message, c->fragment));

      /* The short form puts the location in front of the same message. */
      positions = lw_json_positions_scan (c->text, c->length, &line, &column, &short_error);
      g_assert_null (positions);
      g_assert_error (short_error, LW_JSON_ERROR, (int) c->code);
      prefix = g_strdup_printf ("%d:%d: ", c->line, c->column);
      g_assert_true (g_str_has_prefix (short_error->message, prefix));
      g_assert_cmpstr (short_error->message + strlen (prefix), ==, error->message);
    }
}

static void
test_positions_nesting_limit (void)
{
  g_autoptr(GString) deep = g_string_new (NULL);
  g_autoptr(LwJsonPositions) positions = NULL;
  g_autoptr(GError) error = NULL;
  int line = 0, column = 0;

  /* 512 levels are fine, the 513th is refused before it can hurt the stack. */
  for (guint i = 0; i < 512; i++)
    g_string_append_c (deep, '[');
  for (guint i = 0; i < 512; i++)
    g_string_append_c (deep, ']');
  positions = lw_json_positions_scan (deep->str, -1, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (positions);
  g_clear_pointer (&positions, lw_json_positions_free);

  g_string_prepend_c (deep, '[');
  g_string_append_c (deep, ']');
  positions = lw_json_positions_scan (deep->str, -1, &line, &column, &error);
  g_assert_null (positions);
  g_assert_error (error, LW_JSON_ERROR, LW_JSON_ERROR_SYNTAX);
  g_assert_cmpint (line, ==, 1);
  g_assert_cmpint (column, ==, 513);
}

/* ---- loading good files ---------------------------------------------------- */

static void
test_load_minimal (void)
{
  g_autofree char *text = read_fixture ("config-minimal.json");
  g_autoptr(LwConfig) config = load_text (text);
  const LwProperty *country;
  const LwFilter *filter;
  const LwRep *ana;

  g_assert_true (config->bound);
  g_assert_cmpstr (config->name, ==, "Minimal");
  g_assert_cmpstr (config->description, ==, "");

  /* User properties follow the built-ins. */
  g_assert_cmpuint (config->properties->len, ==, LW_N_BUILTINS + 3);
  country = g_ptr_array_index (config->properties, LW_N_BUILTINS);
  g_assert_cmpstr (country->id, ==, "country");
  g_assert_false (country->builtin);
  g_assert_cmpint (country->type, ==, LW_PROPERTY_ENUM);
  g_assert_cmpuint (country->options->len, ==, 2);
  g_assert_cmpstr (((LwOption *) g_ptr_array_index (country->options, 1))->label, ==, "Germany");

  filter = get_fit_filter (config);
  g_assert_cmpstr (filter->property, ==, "employees");
  g_assert_cmpint (filter->op, ==, LW_OP_GTE);
  g_assert_cmpstr (filter->value, ==, "200");

  g_assert_cmpint (config->scoring.mql_kind, ==, LW_MQL_TOTAL);
  g_assert_cmpint (config->scoring.mql_total, ==, 20);
  g_assert_cmpint (config->scoring.decay, ==, LW_DECAY_NONE);
  g_assert_cmpstr (config->fallback.owner, ==, "ana");
  g_assert_null (config->fallback.pool);

  ana = lw_config_find_rep (config, "ana");
  g_assert_nonnull (ana);
  g_assert_cmpuint (ana->capacity, ==, 10);
  g_assert_cmpuint (ana->weight, ==, 1);        /* default */
  g_assert_true (ana->active);                  /* default */
  g_assert_cmpuint (ana->hours.days[0]->len, ==, 1);
  g_assert_cmpuint (g_array_index (ana->hours.days[0], LwInterval, 0).start, ==, 9 * 60);
  g_assert_cmpuint (g_array_index (ana->hours.days[0], LwInterval, 0).end, ==, 17 * 60);
  g_assert_cmpuint (ana->hours.days[1]->len, ==, 0);

  g_assert_cmpuint (((LwSlaPolicy *) g_ptr_array_index (config->policies, 0))->warn_before_minutes,
                    ==, 0);
}

static void
test_load_rich_values (void)
{
  g_autofree char *text = read_fixture ("config-rich.json");
  g_autoptr(LwConfig) config = load_text (text);
  const LwSlaPolicy *demo = g_ptr_array_index (config->policies, 0);
  const LwRoutingRule *dach = g_ptr_array_index (config->rules, 2);
  const LwRep *ben = lw_config_find_rep (config, "ben");
  const LwRep *cleo = lw_config_find_rep (config, "cleo");
  const LwDateRange *range;
  const LwStage *customer;

  g_assert_cmpstr (config->name, ==, "Rich — every feature");
  g_assert_cmpstr (config->description, ==,
                   "Uses \"every\" member once;\nUTF-8: café, 東京, 🚀.");

  g_assert_cmpint (config->scoring.decay, ==, LW_DECAY_HALF_LIFE);
  g_assert_cmpfloat (config->scoring.half_life_days, ==, 7.5);
  g_assert_cmpint (config->scoring.mql_kind, ==, LW_MQL_BOTH);
  g_assert_cmpint (config->scoring.mql_fit, ==, 20);
  g_assert_cmpint (config->scoring.mql_engagement, ==, 15);
  g_assert_true (config->scoring.fit.has_cap);
  g_assert_cmpint (config->scoring.fit.cap, ==, 0);
  g_assert_cmpint (((LwCriterion *) g_ptr_array_index (config->scoring.fit.criteria, 3))->points,
                   ==, -20);

  /* An explicit empty condition is kept apart from no condition. */
  customer = g_ptr_array_index (config->stages, 4);
  g_assert_nonnull (customer->entry);
  g_assert_true (lw_condition_is_always (customer->entry));
  g_assert_null (((LwStage *) g_ptr_array_index (config->stages, 0))->entry);

  g_assert_cmpint (dach->kind, ==, LW_ASSIGN_TERRITORY);
  g_assert_cmpstr (dach->property, ==, "country");
  g_assert_cmpuint (dach->territories->len, ==, 2);
  g_assert_cmpstr (((LwTerritory *) g_ptr_array_index (dach->territories, 0))->target.pool, ==,
                   "emea-sdr");
  g_assert_cmpstr (((LwTerritory *) g_ptr_array_index (dach->territories, 1))->target.owner, ==,
                   "ben");

  g_assert_cmpint (demo->clock, ==, LW_CLOCK_BUSINESS);
  g_assert_cmpuint (demo->escalations->len, ==, 4);
  g_assert_cmpstr (g_array_index (demo->escalations, LwEscalation, 1).target.owner, ==, "ben");
  g_assert_cmpstr (g_array_index (demo->escalations, LwEscalation, 2).target.pool, ==, "emea-sdr");
  g_assert_null (g_array_index (demo->escalations, LwEscalation, 3).target.owner);
  g_assert_null (g_array_index (demo->escalations, LwEscalation, 3).target.pool);
  g_assert_cmpstr (demo->breach_tag, ==, "sla-breach-demo");

  g_assert_cmpuint (ben->weight, ==, 3);
  g_assert_cmpuint (ben->out_of_office->len, ==, 2);
  range = &g_array_index (ben->out_of_office, LwDateRange, 0);
  g_assert_cmpuint (g_date_get_year (&range->from), ==, 2026);
  g_assert_cmpuint (g_date_get_month (&range->from), ==, 12);
  g_assert_cmpuint (g_date_get_day (&range->from), ==, 24);
  g_assert_cmpuint (g_date_get_day (&range->to), ==, 31);
  /* Sunday is day 6. */
  g_assert_cmpuint (ben->hours.days[6]->len, ==, 1);
  g_assert_false (cleo->active);
  g_assert_true (lw_week_hours_is_empty (&cleo->hours));
}

static void
test_load_sample (void)
{
  g_autofree char *path = lw_test_sample_path ("b2b-playbook.json");
  g_autoptr(LwConfig) config = NULL;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("data/samples/b2b-playbook.json is not there yet");
      return;
    }
  config = lw_test_load_sample ();
  g_assert_true (config->bound);
  g_assert_cmpuint (config->stages->len, >, 0);
  g_assert_true (config->fallback.owner != NULL || config->fallback.pool != NULL);
}

static void
test_load_byte_order_mark (void)
{
  g_autofree char *text = read_fixture ("config-minimal.json");
  g_autofree char *with_bom = g_strconcat ("\xEF\xBB\xBF", text, NULL);
  g_autoptr(LwConfig) config = load_text (with_bom);

  g_assert_cmpstr (config->name, ==, "Minimal");
}

static void
test_load_scalars_become_strings (void)
{
  /* A number or boolean where HubSpot has a string is read as its text, and
   * written back as a string: the file comes out as the fixture. */
  g_autofree char *minimal = read_fixture ("config-minimal.json");
  g_autofree char *number = minimal_with ("\"value\": \"200\"", "\"value\": 200");
  g_autoptr(LwConfig) config = load_text (number);
  g_autofree char *saved = save_text (config);
  const LwFilter *filter;

  g_assert_cmpstr (saved, ==, minimal);

  /* Fractions and exponents give the shortest text of the same number. */
  {
    g_autofree char *fraction = minimal_with ("\"value\": \"200\"", "\"value\": 2.5");
    g_autofree char *exponent = minimal_with ("\"value\": \"200\"", "\"value\": 1e3");
    g_autoptr(LwConfig) a = load_text (fraction);
    g_autoptr(LwConfig) b = load_text (exponent);

    filter = get_fit_filter (a);
    g_assert_cmpstr (filter->value, ==, "2.5");
    filter = get_fit_filter (b);
    g_assert_cmpstr (filter->value, ==, "1000");
  }

  /* A boolean value. */
  {
    g_autofree char *boolean = minimal_with ("\"propertyName\": \"employees\",\n"
                                             "                    \"operator\": \"GTE\",\n"
                                             "                    \"value\": \"200\"",
                                             "\"propertyName\": \"newsletter\",\n"
                                             "                    \"operator\": \"EQ\",\n"
                                             "                    \"value\": true");
    g_autoptr(LwConfig) c = load_text (boolean);
    g_autofree char *text = save_text (c);

    filter = get_fit_filter (c);
    g_assert_cmpstr (filter->value, ==, "true");
    g_assert_nonnull (strstr (text, "\"value\": \"true\""));
  }
}

/* ---- round trips ------------------------------------------------------------- */

static void
assert_round_trip (const char *text,
                   gboolean    canonical)
{
  g_autoptr(LwConfig) first = load_text (text);
  g_autofree char *saved = save_text (first);
  g_autoptr(LwConfig) second = load_text (saved);
  g_autofree char *saved_again = save_text (second);

  if (canonical)
    g_assert_cmpstr (saved, ==, text);
  g_assert_cmpstr (saved_again, ==, saved);
  assert_configs_equal (first, second);
  g_assert_true (g_str_has_suffix (saved, "}\n"));
}

static void
test_round_trip_minimal (void)
{
  g_autofree char *text = read_fixture ("config-minimal.json");

  assert_round_trip (text, TRUE);
}

static void
test_round_trip_rich (void)
{
  g_autofree char *text = read_fixture ("config-rich.json");

  assert_round_trip (text, TRUE);
}

static void
test_round_trip_sample (void)
{
  g_autofree char *path = lw_test_sample_path ("b2b-playbook.json");
  g_autofree char *text = NULL;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    {
      g_test_skip ("data/samples/b2b-playbook.json is not there yet");
      return;
    }
  assert_round_trip (text, FALSE);
}

static void
test_round_trip_reordered_input (void)
{
  /* Keys in another order, optional members at their default and
   * insignificant whitespace all come out canonical. */
  g_autofree char *minimal = read_fixture ("config-minimal.json");
  g_autofree char *a = replace_once (minimal,
                                     "  \"format\": \"leadwright-config\",\n  \"version\": 1,\n",
                                     "  \"version\": 1,   \"format\": \"leadwright-config\",\n"
                                     "  \"description\": \"\",\n");
  g_autofree char *b = replace_once (a, "\"capacity\": 10",
                                     "\"capacity\": 10, \"weight\": 1, \"active\": true, "
                                     "\"outOfOffice\": []");
  g_autofree char *c = replace_once (b, "\"hubspotValue\": \"NEW\"",
                                     "\"terminal\": false, \"hubspotValue\": \"NEW\"");
  g_autoptr(LwConfig) config = load_text (c);
  g_autofree char *saved = save_text (config);

  g_assert_cmpstr (saved, ==, minimal);
}

static void
test_round_trip_built_config (void)
{
  /* A rule set made in code (as the GUI makes one) saves and loads back
   * field by field, and the built-in properties are never written. */
  g_autoptr(LwConfig) config = lw_config_new ();
  g_autoptr(GPtrArray) diagnostics = lw_diagnostics_new ();
  g_autoptr(LwConfig) loaded = NULL;
  g_autofree char *text = NULL;
  LwStage *stage = lw_stage_new ("lead", "Lead");
  LwRep *rep = lw_rep_new ("ana", "Ana");
  LwTeam *team = lw_team_new ("t", "T");
  LwFilterGroup *group = lw_filter_group_new ();
  LwRoutingRule *rule = lw_routing_rule_new ("r", "R", LW_ASSIGN_OWNER);

  g_free (config->name);
  config->name = g_strdup ("Built");
  g_ptr_array_add (config->properties, lw_property_new ("score_note", "Note", LW_PROPERTY_STRING));
  g_ptr_array_add (config->stages, stage);
  config->scoring.mql_stage = g_strdup ("lead");
  g_ptr_array_add (config->scoring.fit_grades, lw_grade_band_new ("A", FALSE, 0));
  g_ptr_array_add (config->scoring.engagement_grades, lw_grade_band_new ("1", FALSE, 0));
  rep->team = g_strdup ("t");
  g_free (rep->email);
  rep->email = g_strdup ("ana@example.com");
  g_ptr_array_add (config->reps, rep);
  team->manager = g_strdup ("ana");
  g_ptr_array_add (config->teams, team);
  g_ptr_array_add (group->filters, lw_filter_new ("source", LW_OP_EQ, "chat"));
  g_ptr_array_add (rule->when->groups, group);
  rule->target.owner = g_strdup ("ana");
  g_ptr_array_add (config->rules, rule);
  config->fallback.owner = g_strdup ("ana");
  g_assert_true (lw_config_bind (config, diagnostics));

  text = save_text (config);
  g_assert_null (strstr (text, "lifecycle_stage"));
  g_assert_null (strstr (text, "\"created_at\""));
  g_assert_nonnull (strstr (text, "\"score_note\""));

  loaded = load_text (text);
  assert_configs_equal (config, loaded);
}

/* ---- rejections: text ----------------------------------------------------- */

static void
test_reject_missing_comma (void)
{
  /* Line 3 loses its comma: the next key, line 4 column 3, is unexpected. */
  assert_minimal_fails ("\"version\": 1,", "\"version\": 1",
                        LW_CONFIG_ERROR_PARSE, "test.json:4:3: error: $: ",
                        "expected ',' or '}' after the member");
}

static void
test_reject_trailing_garbage (void)
{
  g_autofree char *text = read_fixture ("config-minimal.json");
  g_autofree char *garbage = g_strconcat (text, "]\n", NULL);
  g_autoptr(GPtrArray) diagnostics = NULL;

  /* The document ends on line 213; the stray "]" is line 214, column 1. */
  diagnostics = assert_load_fails (garbage, LW_CONFIG_ERROR_PARSE, "test.json:214:1: error: $: ",
                                   "expected the end of the text after the JSON value, found ']'");
  g_assert_cmpuint (diagnostics->len, ==, 1);
}

static void
test_reject_invalid_utf8 (void)
{
  /* Line 35: `      "label": "Demo request"`; the string opens at column 16,
   * so "Demo " takes 17-21 and the bad byte is column 22. */
  assert_minimal_fails ("\"label\": \"Demo request\"", "\"label\": \"Demo \xff request\"",
                        LW_CONFIG_ERROR_PARSE, "test.json:35:22: error: $.activities[0].label: ",
                        "invalid UTF-8 (byte 0xFF)");
}

static void
test_reject_invalid_utf8_after_multibyte (void)
{
  /* Characters, not bytes, are counted: "é" (2 bytes) is one column, so
   * the bad byte after "café " (line 35) is at column 22 too. */
  assert_minimal_fails ("\"label\": \"Demo request\"", "\"label\": \"café \xc0 request\"",
                        LW_CONFIG_ERROR_PARSE, "test.json:35:22: error: $.activities[0].label: ",
                        "invalid UTF-8 (byte 0xC0)");
}

static void
test_reject_duplicate_key (void)
{
  /* A second "mqlStage" on a new line 104, column 5. */
  assert_minimal_fails ("\"mqlStage\": \"mql\",",
                        "\"mqlStage\": \"mql\",\n    \"mqlStage\": \"lead\",",
                        LW_CONFIG_ERROR_INVALID, "test.json:104:5: error: $.scoring.mqlStage: ",
                        "duplicate key \"mqlStage\" (first at line 103, column 5)");
}

static void
test_reject_empty (void)
{
  g_autoptr(GPtrArray) d = assert_load_fails ("", LW_CONFIG_ERROR_PARSE,
                                              "test.json:1:1: error: $: ",
                                              "found the end of the text");
}

/* ---- rejections: format and version -------------------------------------- */

static void
test_reject_wrong_format (void)
{
  /* Line 2: `  "format": "leadwright-config",`: the value is at column 13. */
  assert_minimal_fails ("\"format\": \"leadwright-config\"", "\"format\": \"hubspot-export\"",
                        LW_CONFIG_ERROR_FORMAT, "test.json:2:13: error: $.format: ",
                        "the format is \"hubspot-export\", expected \"leadwright-config\"");
}

static void
test_reject_missing_format (void)
{
  /* Located at the document, 1:1. */
  assert_minimal_fails ("  \"format\": \"leadwright-config\",\n", "",
                        LW_CONFIG_ERROR_FORMAT, "test.json:1:1: error: $.format: ",
                        "missing required field \"format\"");
}

static void
test_reject_not_an_object (void)
{
  g_autoptr(GPtrArray) d = NULL;

  d = assert_load_fails ("\n  [1, 2]\n", LW_CONFIG_ERROR_FORMAT, "test.json:2:3: error: $: ",
                         "expected an object, got an array");
  d = (g_ptr_array_unref (d), NULL);
  d = assert_load_fails ("{\"format\": 1}", LW_CONFIG_ERROR_FORMAT,
                         "test.json:1:12: error: $.format: ", "the format is a number");
}

static void
test_reject_newer_version (void)
{
  g_autofree char *text = minimal_with ("\"version\": 1", "\"version\": 3");
  g_autoptr(GPtrArray) diagnostics = NULL;

  /* Line 3: `  "version": 1,`: the value is at column 14. Nothing else is
   * reported: a newer file may well have members this build does not know. */
  diagnostics = assert_load_fails (text, LW_CONFIG_ERROR_VERSION,
                                   "test.json:3:14: error: $.version: ", "");
  g_assert_cmpuint (diagnostics->len, ==, 1);
  {
    g_autofree char *message = lw_diagnostic_format (g_ptr_array_index (diagnostics, 0));

    g_assert_cmpstr (message, ==,
                     "test.json:3:14: error: $.version: written by a newer Leadwright (version 3); "
                     "this build reads up to version 1");
  }
}

static void
test_reject_bad_version (void)
{
  assert_minimal_fails ("\"version\": 1", "\"version\": 0", LW_CONFIG_ERROR_INVALID,
                        "test.json:3:14: error: $.version: ", "must be at least 1, got 0");
  assert_minimal_fails ("\"version\": 1", "\"version\": \"1\"", LW_CONFIG_ERROR_INVALID,
                        "test.json:3:14: error: $.version: ", "expected an integer, got a string");
  assert_minimal_fails ("\"version\": 1", "\"version\": 0.0", LW_CONFIG_ERROR_INVALID,
                        "test.json:3:14: error: $.version: ", "must be at least 1, got 0");
  assert_minimal_fails ("\"version\": 1", "\"version\": 1.5", LW_CONFIG_ERROR_INVALID,
                        "test.json:3:14: error: $.version: ", "expected a whole number, got 1.5");
  /* Missing: located at the document. */
  assert_minimal_fails ("  \"version\": 1,\n", "", LW_CONFIG_ERROR_INVALID,
                        "test.json:1:1: error: $.version: ", "missing required field \"version\"");
}

/* ---- rejections: structure ------------------------------------------------ */

static void
test_reject_unknown_operator (void)
{
  g_autofree char *text = minimal_with ("\"operator\": \"GTE\"", "\"operator\": \"EQUALS\"");
  g_autoptr(GError) error = NULL;
  g_autoptr(LwConfig) config = NULL;

  /* Line 78: 20 spaces, "operator" at 21-30, the value at column 33. */
  config = lw_config_load_data (text, -1, "test.json", NULL, &error);
  g_assert_null (config);
  g_assert_error (error, LW_CONFIG_ERROR, LW_CONFIG_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "test.json:78:33: error: "
                   "$.scoring.fit.criteria[0].when.filterGroups[0].filters[0].operator: "
                   "unknown operator \"EQUALS\" (expected one of EQ, NEQ, LT, LTE, GT, GTE, "
                   "BETWEEN, IN, NOT_IN, HAS_PROPERTY, NOT_HAS_PROPERTY, CONTAINS_TOKEN, "
                   "NOT_CONTAINS_TOKEN)");
}

static void
test_reject_unknown_field_deep (void)
{
  /* A new line 97 `          "bonus": 2`: located at the key, column 11. */
  assert_minimal_fails ("\"maxTimes\": 1", "\"maxTimes\": 1,\n          \"bonus\": 2",
                        LW_CONFIG_ERROR_INVALID,
                        "test.json:97:11: error: $.scoring.engagement.criteria[0].bonus: ",
                        "unknown field \"bonus\"");
  /* At the top, and inside a condition. */
  assert_minimal_fails ("\"name\": \"Minimal\",", "\"name\": \"Minimal\", \"colour\": \"red\",",
                        LW_CONFIG_ERROR_INVALID, "test.json:4:22: error: $.colour: ",
                        "unknown field \"colour\"");
  assert_minimal_fails ("\"value\": \"200\"", "\"value\": \"200\", \"valeu\": \"300\"",
                        LW_CONFIG_ERROR_INVALID,
                        "test.json:79:37: error: "
                        "$.scoring.fit.criteria[0].when.filterGroups[0].filters[0].valeu: ",
                        "unknown field \"valeu\"");
}

static void
test_reject_wrong_type (void)
{
  /* Line 182: `        "capacity": 10`: the value at column 21. */
  assert_minimal_fails ("\"capacity\": 10", "\"capacity\": \"ten\"", LW_CONFIG_ERROR_INVALID,
                        "test.json:182:21: error: $.team.reps[0].capacity: ",
                        "expected an integer, got a string");
  /* Line 4: `  "name": "Minimal",`: the value at column 11. */
  assert_minimal_fails ("\"name\": \"Minimal\"", "\"name\": [\"Minimal\"]", LW_CONFIG_ERROR_INVALID,
                        "test.json:4:11: error: $.name: ", "expected a string, got an array");
  /* Line 199: `        "weighted": false,`: the value at column 21. */
  assert_minimal_fails ("\"weighted\": false", "\"weighted\": \"no\"", LW_CONFIG_ERROR_INVALID,
                        "test.json:199:21: error: $.team.pools[0].weighted: ",
                        "expected a boolean, got a string");
  /* Line 79: `                    "value": "200"`: the value at column 30. */
  assert_minimal_fails ("\"value\": \"200\"", "\"value\": null", LW_CONFIG_ERROR_INVALID,
                        "test.json:79:30: error: "
                        "$.scoring.fit.criteria[0].when.filterGroups[0].filters[0].value: ",
                        "expected a string, got null");
  /* Line 64: `    "paths": []`: the value at column 14. */
  assert_minimal_fails ("\"paths\": []", "\"paths\": {}", LW_CONFIG_ERROR_INVALID,
                        "test.json:64:14: error: $.lifecycle.paths: ",
                        "expected an array, got an object");
}

static void
test_reject_missing_required (void)
{
  /* The status object opens on line 58, column 7. */
  assert_minimal_fails ("\"label\": \"New\",\n        \"hubspotValue\": \"NEW\"",
                        "\"label\": \"New\"",
                        LW_CONFIG_ERROR_INVALID,
                        "test.json:58:7: error: $.lifecycle.statuses[0].hubspotValue: ",
                        "missing required field \"hubspotValue\"");
  /* The fit model opens on line 67, column 12. */
  assert_minimal_fails ("\"fit\": {\n      \"criteria\": [", "\"fit\": {\n      \"kriteria\": [",
                        LW_CONFIG_ERROR_INVALID,
                        "test.json:67:12: error: $.scoring.fit.criteria: ",
                        "missing required field \"criteria\"");
}

static void
test_reject_missing_fallback (void)
{
  g_autofree char *no_fallback = NULL;

  /* "routing" opens its object on line 121, column 14. */
  no_fallback = minimal_with ("    ],\n    \"fallback\": {\n      \"owner\": \"ana\"\n    }\n",
                              "    ]\n");
  {
    g_autoptr(GPtrArray) d = assert_load_fails (no_fallback, LW_CONFIG_ERROR_INVALID,
                                                "test.json:121:14: error: $.routing.fallback: ",
                                                "missing required field \"fallback\"");
  }

  /* An empty fallback: line 147, `    "fallback": {` opens at column 17. */
  assert_minimal_fails ("\"fallback\": {\n      \"owner\": \"ana\"\n    }", "\"fallback\": {}",
                        LW_CONFIG_ERROR_INVALID,
                        "test.json:147:17: error: $.routing.fallback.owner: ",
                        "missing required field \"owner\" or \"pool\"");
  /* Both: the second, "pool", is located at its key (line 147, column 34). */
  assert_minimal_fails ("\"fallback\": {\n      \"owner\": \"ana\"\n    }",
                        "\"fallback\": {\"owner\": \"ana\", \"pool\": \"sdrs\"}",
                        LW_CONFIG_ERROR_INVALID,
                        "test.json:147:34: error: $.routing.fallback.pool: ",
                        "either \"owner\" or \"pool\", not both");
}

static void
test_reject_operator_values (void)
{
  /* IN with "value": line 133 becomes `"value": "US"`, key at column 19. */
  assert_minimal_fails ("\"values\": [\n                    \"US\"\n                  ]",
                        "\"value\": \"US\"", LW_CONFIG_ERROR_INVALID,
                        "test.json:133:19: error: "
                        "$.routing.rules[0].when.filterGroups[0].filters[0].value: ",
                        "operator IN takes values, not a value");

  /* IN with no values at all: located at the filter, line 130 column 17. */
  assert_minimal_fails ("\"operator\": \"IN\",\n                  \"values\": [\n"
                        "                    \"US\"\n                  ]",
                        "\"operator\": \"IN\"", LW_CONFIG_ERROR_INVALID,
                        "test.json:130:17: error: "
                        "$.routing.rules[0].when.filterGroups[0].filters[0].values: ",
                        "operator IN needs at least one value");

  /* IN with an empty list: `"values": []` on line 133, "[" at column 29. */
  assert_minimal_fails ("[\n                    \"US\"\n                  ]", "[]",
                        LW_CONFIG_ERROR_INVALID,
                        "test.json:133:29: error: "
                        "$.routing.rules[0].when.filterGroups[0].filters[0].values: ",
                        "operator IN needs at least one value");

  /* BETWEEN without highValue: located at the filter, line 76 column 19. */
  assert_minimal_fails ("\"operator\": \"GTE\"", "\"operator\": \"BETWEEN\"",
                        LW_CONFIG_ERROR_INVALID,
                        "test.json:76:19: error: "
                        "$.scoring.fit.criteria[0].when.filterGroups[0].filters[0].highValue: ",
                        "operator BETWEEN needs a highValue");

  /* HAS_PROPERTY with a value: the key on line 79, column 21. */
  assert_minimal_fails ("\"operator\": \"GTE\"", "\"operator\": \"HAS_PROPERTY\"",
                        LW_CONFIG_ERROR_INVALID,
                        "test.json:79:21: error: "
                        "$.scoring.fit.criteria[0].when.filterGroups[0].filters[0].value: ",
                        "operator HAS_PROPERTY takes no value");

  /* GTE with a highValue: the key on line 79 at column 37. */
  assert_minimal_fails ("\"value\": \"200\"", "\"value\": \"200\", \"highValue\": \"300\"",
                        LW_CONFIG_ERROR_INVALID,
                        "test.json:79:37: error: "
                        "$.scoring.fit.criteria[0].when.filterGroups[0].filters[0].highValue: ",
                        "operator GTE takes no highValue");

  /* EQ with values: two errors; the missing value (at the filter, line 130
   * column 17) comes before the extra "values" (line 133, column 19). */
  {
    g_autofree char *text = minimal_with ("\"operator\": \"IN\"", "\"operator\": \"EQ\"");
    g_autoptr(GPtrArray) d = NULL;
    const LwDiagnostic *extra;

    d = assert_load_fails (text, LW_CONFIG_ERROR_INVALID,
                           "test.json:130:17: error: "
                           "$.routing.rules[0].when.filterGroups[0].filters[0].value: ",
                           "operator EQ needs a value");
    g_assert_cmpuint (d->len, ==, 2);
    extra = lw_test_assert_diagnostic (d, LW_SEVERITY_ERROR,
                                       "$.routing.rules[0].when.filterGroups[0].filters[0].values",
                                       "operator EQ takes no values");
    g_assert_cmpint (extra->line, ==, 133);
    g_assert_cmpint (extra->column, ==, 19);
    g_assert_cmpstr (extra->file, ==, "test.json");
  }
}

static void
test_reject_enum_words (void)
{
  /* Line 156: `      "clock": "calendar",`: the value at column 16. */
  assert_minimal_fails ("\"clock\": \"calendar\"", "\"clock\": \"weekly\"", LW_CONFIG_ERROR_INVALID,
                        "test.json:156:16: error: $.slas[0].clock: ",
                        "unknown clock \"weekly\" (expected one of calendar, business)");
  /* Line 160: `          "action": "notifyManager"`: the value at column 21. */
  assert_minimal_fails ("\"action\": \"notifyManager\"", "\"action\": \"email\"",
                        LW_CONFIG_ERROR_INVALID,
                        "test.json:160:21: error: $.slas[0].escalations[0].action: ",
                        "unknown action \"email\" (expected one of notifyManager, reassign)");
  /* Line 142: `          "type": "pool",`: the value at column 19. */
  assert_minimal_fails ("\"type\": \"pool\"", "\"type\": \"roundRobin\"", LW_CONFIG_ERROR_INVALID,
                        "test.json:142:19: error: $.routing.rules[0].assign.type: ",
                        "unknown assignment type \"roundRobin\" (expected one of owner, pool, "
                        "accountOwner, territory)");
  /* Line 174: `        "role": "sdr",`: the value at column 17. */
  assert_minimal_fails ("\"role\": \"sdr\"", "\"role\": \"boss\"", LW_CONFIG_ERROR_INVALID,
                        "test.json:174:17: error: $.team.reps[0].role: ",
                        "unknown role \"boss\" (expected one of marketing, sdr, ae, cs, revops, "
                        "manager)");
  /* Line 45: `        "owner": "marketing",`: the value at column 18. */
  assert_minimal_fails ("\"owner\": \"marketing\"", "\"owner\": \"Marketing\"",
                        LW_CONFIG_ERROR_INVALID,
                        "test.json:45:18: error: $.lifecycle.stages[0].owner: ",
                        "unknown role \"Marketing\"");
  /* Line 24: `      "type": "number"`: the value at column 15. */
  assert_minimal_fails ("\"type\": \"number\"", "\"type\": \"integer\"", LW_CONFIG_ERROR_INVALID,
                        "test.json:24:15: error: $.properties[1].type: ",
                        "unknown property type \"integer\" (expected one of string, enum, number, "
                        "boolean, datetime, email)");
  /* Line 178: `          "mon": [`: the key at column 11. */
  assert_minimal_fails ("\"mon\": [", "\"monday\": [", LW_CONFIG_ERROR_INVALID,
                        "test.json:178:11: error: $.team.reps[0].workingHours.monday: ",
                        "unknown weekday \"monday\" (expected one of mon, tue, wed, thu, fri, sat, "
                        "sun)");
  /* Line 64 holds the whole path on one line; "kind" has its value at 49. */
  assert_minimal_fails ("\"paths\": []",
                        "\"paths\": [{\"id\": \"p\", \"label\": \"P\", \"kind\": \"archive\", "
                        "\"fromStatus\": \"new\", \"afterDays\": 1, \"toStage\": \"lead\", "
                        "\"owner\": \"sdr\"}]",
                        LW_CONFIG_ERROR_INVALID,
                        "test.json:64:49: error: $.lifecycle.paths[0].kind: ",
                        "unknown kind \"archive\" (expected one of recycle, disqualify)");
}

static void
test_reject_numbers (void)
{
  /* Line 155: `      "deadlineMinutes": 60,`: the value at column 26. */
  assert_minimal_fails ("\"deadlineMinutes\": 60", "\"deadlineMinutes\": -60",
                        LW_CONFIG_ERROR_INVALID,
                        "test.json:155:26: error: $.slas[0].deadlineMinutes: ",
                        "must not be negative, got -60");
  /* Line 85: `          "points": 10`: the value at column 21. 1e400 is no double. */
  assert_minimal_fails ("\"points\": 10", "\"points\": 1e400", LW_CONFIG_ERROR_INVALID,
                        "test.json:85:21: error: $.scoring.fit.criteria[0].points: ",
                        "expected a finite number");
  /* Line 159: `          "afterMinutes": 120,`: the value at column 27. */
  assert_minimal_fails ("\"afterMinutes\": 120", "\"afterMinutes\": 120.5", LW_CONFIG_ERROR_INVALID,
                        "test.json:159:27: error: $.slas[0].escalations[0].afterMinutes: ",
                        "expected a whole number, got 120.5");
  /* An integral double is a whole number. */
  {
    g_autofree char *text = minimal_with ("\"afterMinutes\": 120", "\"afterMinutes\": 1.2e2");
    g_autoptr(LwConfig) config = load_text (text);

    g_assert_cmpuint (g_array_index (((LwSlaPolicy *) g_ptr_array_index (config->policies, 0))
                                       ->escalations, LwEscalation, 0).after_minutes, ==, 120);
  }
  /* Line 182: an integer json-glib would wrap around is refused while scanning. */
  assert_minimal_fails ("\"capacity\": 10", "\"capacity\": 99999999999999999999",
                        LW_CONFIG_ERROR_PARSE, "test.json:182:21: error: $.team.reps[0].capacity: ",
                        "too large");
  /* Too large for the field. */
  assert_minimal_fails ("\"capacity\": 10", "\"capacity\": 4294967296",
                        LW_CONFIG_ERROR_INVALID,
                        "test.json:182:21: error: $.team.reps[0].capacity: ",
                        "out of range");
  /* A weight of 0 is for lw_config_bind(): new line 183, value at column 19. */
  assert_minimal_fails ("\"capacity\": 10", "\"capacity\": 10,\n        \"weight\": 0",
                        LW_CONFIG_ERROR_INVALID, "test.json:183:19: error: $.team.reps[0].weight: ",
                        "at least 1");
}

static void
test_reject_hours_and_dates (void)
{
  /* Line 179: `            "09:00-17:00"`: the string at column 13. */
  assert_minimal_fails ("\"09:00-17:00\"", "\"9-17\"", LW_CONFIG_ERROR_INVALID,
                        "test.json:179:13: error: $.team.reps[0].workingHours.mon[0]: ",
                        "invalid interval \"9-17\"");
  /* An interval that ends before it starts is for lw_config_bind(). */
  assert_minimal_fails ("\"09:00-17:00\"", "\"17:00-09:00\"", LW_CONFIG_ERROR_INVALID,
                        "test.json:179:13: error: $.team.reps[0].workingHours.mon[0]: ",
                        "does not end after it starts");
  /* New line 183 `        "outOfOffice": [{"from": "2026-02-30", ...`: "from" at 34. */
  assert_minimal_fails ("\"capacity\": 10",
                        "\"capacity\": 10,\n        \"outOfOffice\": [{\"from\": \"2026-02-30\", "
                        "\"to\": \"2026-03-01\"}]",
                        LW_CONFIG_ERROR_INVALID,
                        "test.json:183:34: error: $.team.reps[0].outOfOffice[0].from: ",
                        "invalid date \"2026-02-30\"");
}

static void
test_reject_misplaced_members (void)
{
  /* Options on a number property: the key, new line 25, column 7. */
  assert_minimal_fails ("\"type\": \"number\"", "\"type\": \"number\",\n      \"options\": []",
                        LW_CONFIG_ERROR_INVALID, "test.json:25:7: error: $.properties[1].options: ",
                        "only enum properties have options");
  /* maxTimes on a condition criterion: the key, new line 86, column 11. */
  assert_minimal_fails ("\"points\": 10", "\"points\": 10,\n          \"maxTimes\": 2",
                        LW_CONFIG_ERROR_INVALID,
                        "test.json:86:11: error: $.scoring.fit.criteria[0].maxTimes: ",
                        "only activity criteria have maxTimes");
  /* "owner" on a pool assignment: the key, line 143 column 27. */
  assert_minimal_fails ("\"pool\": \"sdrs\"\n", "\"pool\": \"sdrs\", \"owner\": \"ana\"\n",
                        LW_CONFIG_ERROR_INVALID,
                        "test.json:143:27: error: $.routing.rules[0].assign.owner: ",
                        "does not apply to assignments of type \"pool\"");
  /* An enum without options: located at the property, line 6 column 5. */
  assert_minimal_fails ("\"type\": \"enum\",\n      \"options\": [\n        {\n"
                        "          \"value\": \"US\",\n          \"label\": \"United States\"\n"
                        "        },\n        {\n          \"value\": \"DE\",\n"
                        "          \"label\": \"Germany\"\n        }\n      ]",
                        "\"type\": \"enum\"", LW_CONFIG_ERROR_INVALID,
                        "test.json:6:5: error: $.properties[0].options: ",
                        "missing required field \"options\"");
}

/* ---- rejections: lw_config_bind() ------------------------------------------ */

static void
test_reject_value_types (void)
{
  /* Line 134: `                    "US"`: the string at column 21. */
  assert_minimal_fails ("\"US\"\n", "\"XX\"\n", LW_CONFIG_ERROR_INVALID,
                        "test.json:134:21: error: "
                        "$.routing.rules[0].when.filterGroups[0].filters[0].values[0]: ",
                        "\"XX\" is not one of the options of Country");
  /* Line 79: `                    "value": "200"`: the value at column 30. */
  assert_minimal_fails ("\"value\": \"200\"", "\"value\": \"abc\"", LW_CONFIG_ERROR_INVALID,
                        "test.json:79:30: error: "
                        "$.scoring.fit.criteria[0].when.filterGroups[0].filters[0].value: ",
                        "\"abc\" is not a number");
  assert_minimal_fails ("\"propertyName\": \"employees\",\n"
                        "                    \"operator\": \"GTE\",\n"
                        "                    \"value\": \"200\"",
                        "\"propertyName\": \"newsletter\",\n"
                        "                    \"operator\": \"EQ\",\n"
                        "                    \"value\": \"maybe\"",
                        LW_CONFIG_ERROR_INVALID,
                        "test.json:79:30: error: "
                        "$.scoring.fit.criteria[0].when.filterGroups[0].filters[0].value: ",
                        "\"maybe\" is not true or false");
  /* An operator that does not fit the type: line 132, value at column 31. */
  assert_minimal_fails ("\"operator\": \"IN\",\n                  \"values\": [\n"
                        "                    \"US\"\n                  ]",
                        "\"operator\": \"GT\",\n                  \"value\": \"US\"",
                        LW_CONFIG_ERROR_INVALID,
                        "test.json:132:31: error: "
                        "$.routing.rules[0].when.filterGroups[0].filters[0].operator: ",
                        "operator GT does not apply to enum property \"country\"");
}

static void
test_reject_dangling_references (void)
{
  /* Line 197: `          "ana"` in the pool's members, column 11. */
  assert_minimal_fails ("[\n          \"ana\"\n", "[\n          \"zoe\"\n", LW_CONFIG_ERROR_INVALID,
                        "test.json:197:11: error: $.team.pools[0].members[0]: ",
                        "unknown rep \"zoe\"");
  /* Line 148: `      "owner": "ana"` in the fallback, column 16. */
  assert_minimal_fails ("\"fallback\": {\n      \"owner\": \"ana\"",
                        "\"fallback\": {\n      \"owner\": \"zoe\"", LW_CONFIG_ERROR_INVALID,
                        "test.json:148:16: error: $.routing.fallback.owner: ",
                        "unknown rep \"zoe\"");
  /* Line 175: `        "team": "emea",`: column 17. */
  assert_minimal_fails ("\"team\": \"emea\"", "\"team\": \"apac\"", LW_CONFIG_ERROR_INVALID,
                        "test.json:175:17: error: $.team.reps[0].team: ", "unknown team \"apac\"");
  /* Line 103: `    "mqlStage": "mql",`: column 17. */
  assert_minimal_fails ("\"mqlStage\": \"mql\"", "\"mqlStage\": \"sql\"", LW_CONFIG_ERROR_INVALID,
                        "test.json:103:17: error: $.scoring.mqlStage: ", "unknown stage \"sql\"");
  /* Line 77: `                    "propertyName": "employees",`: column 37. */
  assert_minimal_fails ("\"propertyName\": \"employees\"", "\"propertyName\": \"headcount\"",
                        LW_CONFIG_ERROR_INVALID,
                        "test.json:77:37: error: "
                        "$.scoring.fit.criteria[0].when.filterGroups[0].filters[0].propertyName: ",
                        "unknown property \"headcount\"");
  /* Line 94: `          "activity": "demo_request",`: column 23. */
  assert_minimal_fails ("\"activity\": \"demo_request\"", "\"activity\": \"webinar\"",
                        LW_CONFIG_ERROR_INVALID,
                        "test.json:94:23: error: $.scoring.engagement.criteria[0].activity: ",
                        "unknown activity \"webinar\"");
  /* Line 164: `        "new"` in pauseStatuses, column 9. */
  assert_minimal_fails ("        \"new\"\n", "        \"gone\"\n", LW_CONFIG_ERROR_INVALID,
                        "test.json:164:9: error: $.slas[0].pauseStatuses[0]: ",
                        "unknown status \"gone\"");
  /* Line 143: `          "pool": "sdrs"`: column 19. */
  assert_minimal_fails ("\"pool\": \"sdrs\"", "\"pool\": \"nobody\"", LW_CONFIG_ERROR_INVALID,
                        "test.json:143:19: error: $.routing.rules[0].assign.pool: ",
                        "unknown pool \"nobody\"");
}

static void
test_reject_duplicate_ids (void)
{
  g_autofree char *text = minimal_with ("\"id\": \"mql\"", "\"id\": \"lead\"");
  g_autoptr(GPtrArray) d = NULL;
  const LwDiagnostic *also;

  /* Line 49: `        "id": "mql",` becomes "lead": column 15. Dropping "mql" also
   * leaves mqlStage (line 103, column 17) dangling; both are reported, in
   * the order of the file. */
  d = assert_load_fails (text, LW_CONFIG_ERROR_INVALID,
                         "test.json:49:15: error: $.lifecycle.stages[1].id: ",
                         "duplicate id \"lead\" (first defined at $.lifecycle.stages[0])");
  also = lw_test_assert_diagnostic (d, LW_SEVERITY_ERROR, "$.scoring.mqlStage", "unknown stage");
  g_assert_cmpint (also->line, ==, 103);
  g_assert_cmpint (also->column, ==, 17);

  /* A user property may not take a built-in's id. Line 7, column 13. */
  assert_minimal_fails ("\"id\": \"country\"", "\"id\": \"source\"", LW_CONFIG_ERROR_INVALID,
                        "test.json:7:13: error: $.properties[0].id: ",
                        "\"source\" is the id of a built-in property");
}

static void
test_reject_several_errors (void)
{
  g_autofree char *a = minimal_with ("\"capacity\": 10", "\"capacity\": \"ten\"");
  g_autofree char *b = replace_once (a, "\"role\": \"sdr\"", "\"role\": \"boss\"");
  g_autofree char *c = replace_once (b, "\"operator\": \"GTE\"", "\"operator\": \"EQUALS\"");
  g_autoptr(GPtrArray) d = NULL;
  const LwDiagnostic *diagnostic;

  /* All three are reported, sorted by line; the error names the first. */
  d = assert_load_fails (c, LW_CONFIG_ERROR_INVALID,
                         "test.json:78:33: error: "
                         "$.scoring.fit.criteria[0].when.filterGroups[0].filters[0].operator: ",
                         "unknown operator");
  g_assert_cmpuint (d->len, ==, 3);
  diagnostic = g_ptr_array_index (d, 1);
  g_assert_cmpstr (diagnostic->path, ==, "$.team.reps[0].role");
  g_assert_cmpint (diagnostic->line, ==, 174);
  diagnostic = g_ptr_array_index (d, 2);
  g_assert_cmpstr (diagnostic->path, ==, "$.team.reps[0].capacity");
  g_assert_cmpint (diagnostic->line, ==, 182);
  g_assert_cmpint (diagnostic->column, ==, 21);
}

static void
test_reject_diagnostics_appended (void)
{
  /* The caller's list keeps what it had; the load's diagnostics follow. */
  g_autofree char *text = minimal_with ("\"role\": \"sdr\"", "\"role\": \"boss\"");
  g_autoptr(GPtrArray) diagnostics = lw_diagnostics_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LwConfig) config = NULL;

  lw_diagnostics_add (diagnostics, LW_SEVERITY_WARNING, "$.x", "earlier");
  config = lw_config_load_data (text, -1, NULL, diagnostics, &error);
  g_assert_null (config);
  g_assert_error (error, LW_CONFIG_ERROR, LW_CONFIG_ERROR_INVALID);
  /* Without a file name, "<data>". */
  g_assert_true (g_str_has_prefix (error->message, "<data>:174:17: error: $.team.reps[0].role: "));
  g_assert_cmpuint (diagnostics->len, ==, 2);
  g_assert_cmpstr (((LwDiagnostic *) g_ptr_array_index (diagnostics, 0))->message, ==, "earlier");
}

/* ---- files ------------------------------------------------------------------- */

static char *
make_temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("lw-config-json-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static guint
count_entries (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  g_assert_nonnull (d);
  while (g_dir_read_name (d) != NULL)
    n++;
  return n;
}

static void
assert_file_contents (const char *path,
                      const char *expected)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (contents, ==, expected);
}

static void
test_file_save_and_load (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "playbook.json", NULL);
  g_autofree char *text = read_fixture ("config-rich.json");
  g_autoptr(LwConfig) config = load_text (text);
  g_autoptr(LwConfig) loaded = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf st;
  mode_t old_mask = umask (022);

  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  g_assert_true (lw_config_save_file (config, path, &error));
  g_assert_no_error (error);
  umask (old_mask);

  assert_file_contents (path, text);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0644);
  g_assert_cmpuint (count_entries (dir), ==, 1);

  loaded = lw_config_load_file (path, NULL, &error);
  g_assert_no_error (error);
  assert_configs_equal (config, loaded);

  lw_test_remove_tree (dir);
}

static void
test_file_load_errors_name_the_file (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "bad.json", NULL);
  g_autofree char *text = minimal_with ("\"role\": \"sdr\"", "\"role\": \"boss\"");
  g_autofree char *prefix = g_strdup_printf ("%s:174:17: error: $.team.reps[0].role: ", path);
  g_autofree char *missing = g_build_filename (dir, "missing.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LwConfig) config = NULL;

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  config = lw_config_load_file (path, NULL, &error);
  g_assert_null (config);
  g_assert_error (error, LW_CONFIG_ERROR, LW_CONFIG_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, prefix));

  /* Loading wrote nothing: the file is as it was and alone. */
  assert_file_contents (path, text);
  g_assert_cmpuint (count_entries (dir), ==, 1);

  g_clear_error (&error);
  config = lw_config_load_file (missing, NULL, &error);
  g_assert_null (config);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);

  lw_test_remove_tree (dir);
}

static void
test_file_failed_save_keeps_old_file (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "playbook.json", NULL);
  g_autofree char *text = read_fixture ("config-rich.json");
  g_autoptr(LwConfig) config = load_text (text);
  const char *old = "{\"format\": \"leadwright-config\", \"note\": \"the old file\"}\n";
  g_autoptr(GError) error = NULL;
  struct rlimit saved_limit, small_limit;
  void (*saved_handler) (int);
  gboolean ok;

  g_assert_true (g_file_set_contents (path, old, -1, NULL));

  /* The new text (several kilobytes) cannot be written past 200 bytes: the
   * temporary file fails, and the old file must stay whole. This works for
   * root too, unlike a read-only directory. */
  g_assert_cmpuint (strlen (text), >, 200);
  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &saved_limit), ==, 0);
  small_limit = saved_limit;
  small_limit.rlim_cur = 200;
  saved_handler = signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &small_limit), ==, 0);
  ok = lw_config_save_file (config, path, &error);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &saved_limit), ==, 0);
  signal (SIGXFSZ, saved_handler);

  g_assert_false (ok);
  g_assert_nonnull (error);
  g_assert_true (error->domain == G_FILE_ERROR);
  assert_file_contents (path, old);
  g_assert_cmpuint (count_entries (dir), ==, 1);

  lw_test_remove_tree (dir);
}

static void
test_file_save_onto_directory (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "playbook.json", NULL);
  g_autofree char *inner = g_build_filename (path, "keep.txt", NULL);
  g_autofree char *text = read_fixture ("config-minimal.json");
  g_autoptr(LwConfig) config = load_text (text);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir (path, 0755), ==, 0);
  g_assert_true (g_file_set_contents (inner, "kept", -1, NULL));

  g_assert_false (lw_config_save_file (config, path, &error));
  g_assert_nonnull (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_DIR));
  assert_file_contents (inner, "kept");
  /* No temporary file is left beside it. */
  g_assert_cmpuint (count_entries (dir), ==, 1);

  lw_test_remove_tree (dir);
}

static void
test_file_save_read_only_directory (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "playbook.json", NULL);
  g_autofree char *text = read_fixture ("config-minimal.json");
  g_autoptr(LwConfig) config = load_text (text);
  g_autoptr(GError) error = NULL;

  if (geteuid () == 0)
    {
      g_test_skip ("root writes into read-only directories");
      lw_test_remove_tree (dir);
      return;
    }

  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  g_assert_cmpint (g_chmod (dir, 0555), ==, 0);
  g_assert_false (lw_config_save_file (config, path, &error));
  g_assert_cmpint (g_chmod (dir, 0755), ==, 0);

  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_ACCES);
  assert_file_contents (path, "old");
  g_assert_cmpuint (count_entries (dir), ==, 1);

  lw_test_remove_tree (dir);
}

/* ---- locating other diagnostics ------------------------------------------- */

static void
test_locate (void)
{
  g_autofree char *text = read_fixture ("config-minimal.json");
  g_autoptr(GPtrArray) diagnostics = lw_diagnostics_new ();
  const LwDiagnostic *d;

  lw_diagnostics_add (diagnostics, LW_SEVERITY_WARNING,
                      "$.routing.rules[0].when.filterGroups[0].filters[0].operator", "shadowed");
  lw_diagnostics_add (diagnostics, LW_SEVERITY_WARNING, "$.slas[0].breachTag", "no tag");
  lw_diagnostics_add (diagnostics, LW_SEVERITY_WARNING, "$.team.pools[0]", "pool");
  lw_diagnostics_add (diagnostics, LW_SEVERITY_WARNING, "$.nonsense[4]", "anywhere");

  lw_config_locate (text, -1, "playbook.json", diagnostics);

  /* A member names its value: line 132, `"operator": "IN"`, column 31. */
  d = g_ptr_array_index (diagnostics, 0);
  g_assert_cmpstr (d->file, ==, "playbook.json");
  g_assert_cmpint (d->line, ==, 132);
  g_assert_cmpint (d->column, ==, 31);
  /* A missing member falls back to its object: line 152, column 5. */
  d = g_ptr_array_index (diagnostics, 1);
  g_assert_cmpint (d->line, ==, 152);
  g_assert_cmpint (d->column, ==, 5);
  d = g_ptr_array_index (diagnostics, 2);
  g_assert_cmpint (d->line, ==, 193);
  g_assert_cmpint (d->column, ==, 7);
  d = g_ptr_array_index (diagnostics, 3);
  g_assert_cmpint (d->line, ==, 1);
  g_assert_cmpint (d->column, ==, 1);
  {
    g_autofree char *formatted = lw_diagnostic_format (g_ptr_array_index (diagnostics, 0));

    g_assert_cmpstr (formatted, ==,
                     "playbook.json:132:31: warning: "
                     "$.routing.rules[0].when.filterGroups[0].filters[0].operator: shadowed");
  }
}

/* ---- conditions ---------------------------------------------------------------- */

static void
test_condition_json (void)
{
  const char *text =
    "{\"filterGroups\": [{\"filters\": ["
    "{\"propertyName\": \"employees\", \"operator\": \"BETWEEN\", \"value\": 50,"
    " \"highValue\": \"99\"},"
    "{\"propertyName\": \"country\", \"operator\": \"NOT_IN\", \"values\": [\"FR\", true, 7]}]},"
    "{\"filters\": [{\"propertyName\": \"email\", \"operator\": \"NOT_HAS_PROPERTY\"}]}]}";
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) diagnostics = lw_diagnostics_new ();
  g_autoptr(LwCondition) condition = NULL;
  g_autoptr(LwCondition) again = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *written = NULL;
  const LwFilter *filter;

  g_assert_true (json_parser_load_from_data (parser, text, -1, NULL));
  condition = lw_condition_from_json (json_parser_get_root (parser), "$.when", diagnostics);
  g_assert_nonnull (condition);
  g_assert_cmpuint (diagnostics->len, ==, 0);
  g_assert_cmpuint (condition->groups->len, ==, 2);

  filter = get_filter (condition, 0, 0);
  g_assert_cmpint (filter->op, ==, LW_OP_BETWEEN);
  g_assert_cmpstr (filter->value, ==, "50");
  g_assert_cmpstr (filter->high_value, ==, "99");
  filter = get_filter (condition, 0, 1);
  g_assert_cmpint (filter->op, ==, LW_OP_NOT_IN);
  g_assert_cmpuint (g_strv_length (filter->values), ==, 3);
  g_assert_cmpstr (filter->values[1], ==, "true");
  g_assert_cmpstr (filter->values[2], ==, "7");

  node = lw_condition_to_json (condition);
  json_generator_set_root (generator, node);
  written = json_generator_to_data (generator, NULL);
  g_assert_cmpstr (written, ==,
                   "{\"filterGroups\":[{\"filters\":["
                   "{\"propertyName\":\"employees\",\"operator\":\"BETWEEN\","
                   "\"value\":\"50\",\"highValue\":\"99\"},"
                   "{\"propertyName\":\"country\",\"operator\":\"NOT_IN\","
                   "\"values\":[\"FR\",\"true\",\"7\"]}]},"
                   "{\"filters\":[{\"propertyName\":\"email\","
                   "\"operator\":\"NOT_HAS_PROPERTY\"}]}]}");

  again = lw_condition_from_json (node, "$", diagnostics);
  g_assert_nonnull (again);
  g_assert_true (lw_condition_equal (condition, again));
}

static void
test_condition_json_errors (void)
{
  const char *text =
    "{\"filterGroups\": [{\"filters\": [{\"propertyName\": \"a\", \"operator\": \"LIKE\"},"
    " {\"operator\": \"EQ\", \"value\": {}}]}], \"limit\": 5}";
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) diagnostics = lw_diagnostics_new ();
  g_autoptr(LwCondition) condition = NULL;

  g_assert_true (json_parser_load_from_data (parser, text, -1, NULL));
  condition = lw_condition_from_json (json_parser_get_root (parser), "$.rules[1].when",
                                      diagnostics);
  g_assert_null (condition);

  /* Every problem, with its path; the caller locates them. */
  g_assert_cmpuint (diagnostics->len, ==, 4);
  lw_test_assert_diagnostic (diagnostics, LW_SEVERITY_ERROR, "$.rules[1].when.limit",
                             "unknown field \"limit\"");
  lw_test_assert_diagnostic (diagnostics, LW_SEVERITY_ERROR,
                             "$.rules[1].when.filterGroups[0].filters[0].operator",
                             "unknown operator \"LIKE\"");
  lw_test_assert_diagnostic (diagnostics, LW_SEVERITY_ERROR,
                             "$.rules[1].when.filterGroups[0].filters[1].propertyName",
                             "missing required field \"propertyName\"");
  lw_test_assert_diagnostic (diagnostics, LW_SEVERITY_ERROR,
                             "$.rules[1].when.filterGroups[0].filters[1].value",
                             "expected a string, got an object");
  g_assert_cmpint (((LwDiagnostic *) g_ptr_array_index (diagnostics, 0))->line, ==, 0);
}

/* ---- leads ----------------------------------------------------------------- */

static LwConfig *
load_minimal (void)
{
  g_autofree char *text = read_fixture ("config-minimal.json");

  return load_text (text);
}

static void
test_lead_good (void)
{
  g_autoptr(LwConfig) config = load_minimal ();
  const char *text =
    "{\n"
    "  \"id\": \"L-7\",\n"
    "  \"properties\": {\"country\": \"de\", \"employees\": 250, \"newsletter\": true,\n"
    "                 \"source\": \"chat\"},\n"
    "  \"activities\": [\n"
    "    {\"type\": \"demo_request\", \"at\": \"2026-03-10T14:00:00Z\"},\n"
    "    {\"type\": \"demo_request\", \"at\": \"2026-03-09T14:00:00+01:00\"}\n"
    "  ]\n"
    "}\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(LwLead) lead = NULL;
  const LwProperty *p;
  const LwValue *v;

  lead = lw_lead_load_data (config, text, -1, "lead.json", &error);
  g_assert_no_error (error);
  g_assert_nonnull (lead);
  g_assert_cmpstr (lead->id, ==, "L-7");

  p = lw_config_find_property (config, "country");
  v = lw_lead_get (lead, p->index);
  g_assert_true (v->set);
  g_assert_cmpstr (v->str, ==, "DE");    /* the option as the catalogue spells it */
  v = lw_lead_get (lead, lw_config_find_property (config, "employees")->index);
  g_assert_cmpfloat (v->num, ==, 250);
  v = lw_lead_get (lead, lw_config_find_property (config, "newsletter")->index);
  g_assert_cmpfloat (v->num, ==, 1);
  v = lw_lead_get (lead, LW_BUILTIN_SOURCE);
  g_assert_cmpstr (v->str, ==, "chat");

  /* In time order: 13:00Z on the 9th, then 14:00Z on the 10th. */
  g_assert_cmpuint (lead->activities->len, ==, 2);
  g_assert_cmpint (g_array_index (lead->activities, LwActivity, 0).at, ==,
                   lw_test_time ("2026-03-09T13:00:00Z"));
  g_assert_cmpint (g_array_index (lead->activities, LwActivity, 1).at, ==,
                   lw_test_time ("2026-03-10T14:00:00Z"));
  g_assert_cmpuint (g_array_index (lead->activities, LwActivity, 0).type, ==, 0);
}

static void
test_lead_sample (void)
{
  g_autofree char *config_path = lw_test_sample_path ("b2b-playbook.json");
  g_autofree char *lead_path = lw_test_sample_path ("lead-demo-request.json");
  g_autoptr(LwConfig) config = NULL;
  g_autoptr(LwLead) lead = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_file_test (config_path, G_FILE_TEST_EXISTS) ||
      !g_file_test (lead_path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("the samples are not there yet");
      return;
    }
  config = lw_test_load_sample ();
  lead = lw_lead_load_file (config, lead_path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (lead);
  g_assert_cmpuint (lead->activities->len, >, 0);
}

static void
assert_lead_fails (const char    *text,
                   LwConfigError  code,
                   const char    *expected_prefix,
                   const char    *fragment)
{
  g_autoptr(LwConfig) config = load_minimal ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LwLead) lead = NULL;

  lead = lw_lead_load_data (config, text, -1, "lead.json", &error);
  if (error != NULL)
    g_test_message ("%s", error->message);
  g_assert_null (lead);
  g_assert_error (error, LW_CONFIG_ERROR, (int) code);
  g_assert_true (g_str_has_prefix (error->message, expected_prefix));
  g_assert_nonnull (strstr (error->message, fragment));
}

static void
test_lead_bad (void)
{
  assert_lead_fails ("{\n  \"id\": \"L-1\",\n  \"properties\": {\"employees\": \"many\"}\n}",
                     LW_CONFIG_ERROR_INVALID, "lead.json:3:31: error: $.properties.employees: ",
                     "\"many\" is not a number");
  assert_lead_fails ("{\n  \"properties\": {\n    \"employees\": \"many\"\n  },\n"
                     "  \"id\": \"L-1\"\n}",
                     LW_CONFIG_ERROR_INVALID, "lead.json:3:18: error: $.properties.employees: ",
                     "\"many\" is not a number");
  assert_lead_fails ("{\"id\": \"L\", \"properties\": {\"newsletter\": \"maybe\"}}",
                     LW_CONFIG_ERROR_INVALID, "lead.json:1:42: error: $.properties.newsletter: ",
                     "\"maybe\" is not true or false");
  assert_lead_fails ("{\"id\": \"L\", \"properties\": {\"country\": \"XX\"}}",
                     LW_CONFIG_ERROR_INVALID, "lead.json:1:39: error: $.properties.country: ",
                     "\"XX\" is not one of the options of Country");
  /* Unknown names are located at their key. */
  assert_lead_fails ("{\"id\": \"L\", \"properties\": {\"shoe-size\": 44}}",
                     LW_CONFIG_ERROR_INVALID,
                     "lead.json:1:28: error: $.properties[\"shoe-size\"]: ",
                     "unknown property \"shoe-size\"");
  assert_lead_fails ("{\"id\": \"L\", \"owner\": \"ana\"}",
                     LW_CONFIG_ERROR_INVALID, "lead.json:1:13: error: $.owner: ",
                     "unknown field \"owner\"");
  assert_lead_fails ("{\"id\": \"L\", \"activities\": "
                     "[{\"type\": \"webinar\", \"at\": \"2026-03-09\"}]}",
                     LW_CONFIG_ERROR_INVALID, "lead.json:1:37: error: $.activities[0].type: ",
                     "unknown activity type \"webinar\"");
  assert_lead_fails ("{\"id\": \"L\", \"activities\": "
                     "[{\"type\": \"demo_request\", \"at\": \"yesterday\"}]}",
                     LW_CONFIG_ERROR_INVALID, "lead.json:1:59: error: $.activities[0].at: ",
                     "\"yesterday\" is not a date and time");
  assert_lead_fails ("{\"id\": \"L\", \"activities\": [{\"type\": \"demo_request\"}]}",
                     LW_CONFIG_ERROR_INVALID, "lead.json:1:28: error: $.activities[0].at: ",
                     "missing required field \"at\"");
  assert_lead_fails ("{\"id\": \"L\", \"properties\": {\"employees\": null}}",
                     LW_CONFIG_ERROR_INVALID, "lead.json:1:41: error: $.properties.employees: ",
                     "expected a string, a number or a boolean, got null");
  assert_lead_fails ("{\"properties\": {}}",
                     LW_CONFIG_ERROR_INVALID, "lead.json:1:1: error: $.id: ",
                     "missing required field \"id\"");
  assert_lead_fails ("{\"id\": 7}",
                     LW_CONFIG_ERROR_INVALID, "lead.json:1:8: error: $.id: ",
                     "expected a string, got a number");
  assert_lead_fails ("[]", LW_CONFIG_ERROR_INVALID, "lead.json:1:1: error: $: ",
                     "expected an object, got an array");
  /* Malformed text and invalid UTF-8 are parse errors. */
  assert_lead_fails ("{\"id\": \"L\",\n \"properties\": {\"country\": \"DE\" \"employees\": 5}}",
                     LW_CONFIG_ERROR_PARSE, "lead.json:2:33: error: $.properties: ",
                     "a ',' is missing");
  assert_lead_fails ("{\"id\": \"L\xe9\"}", LW_CONFIG_ERROR_PARSE,
                     "lead.json:1:10: error: $.id: ", "invalid UTF-8");
  assert_lead_fails ("{\"id\": \"L\", \"id\": \"M\"}", LW_CONFIG_ERROR_INVALID,
                     "lead.json:1:13: error: $.id: ", "duplicate key \"id\"");
}

/* docs/config-format.md lists the members that may be left out: a rule set
 * without any of them loads. */
static void
test_optional_members_absent (void)
{
  static const char json[] =
    "{\"format\": \"leadwright-config\", \"version\": 1, \"name\": \"Bare\",\n"
    " \"properties\": [],\n"
    " \"lifecycle\": {\"stages\": [{\"id\": \"lead\", \"label\": \"Lead\", \"hubspotValue\": \"lead\",\n"
    "   \"definition\": \"d\", \"owner\": \"marketing\", \"nextStep\": \"n\"}], \"statuses\": []},\n"
    " \"scoring\": {\"fit\": {\"criteria\": []}, \"engagement\": {\"criteria\": []},\n"
    "   \"mql\": {\"total\": 10}, \"mqlStage\": \"lead\"},\n"
    " \"routing\": {\"rules\": [], \"fallback\": {\"owner\": \"ana\"}},\n"
    " \"slas\": [{\"id\": \"all\", \"label\": \"All\", \"deadlineMinutes\": 30, \"clock\": \"calendar\"}],\n"
    " \"team\": {\"reps\": [{\"id\": \"ana\", \"name\": \"Ana\", \"email\": \"ana@example.com\", \"role\": \"sdr\",\n"
    "   \"timeZone\": \"UTC\", \"workingHours\": {\"mon\": [\"09:00-17:00\"]}}], \"teams\": [], \"pools\": []}}\n";
  g_autoptr(LwConfig) config = lw_test_load_config (json);
  const LwSlaPolicy *policy = g_ptr_array_index (config->policies, 0);
  const LwRep *rep = g_ptr_array_index (config->reps, 0);

  g_assert_cmpuint (config->activities->len, ==, 0);
  g_assert_cmpuint (config->accounts->len, ==, 0);
  g_assert_cmpuint (config->paths->len, ==, 0);
  g_assert_cmpuint (policy->pause_statuses->len, ==, 0);
  g_assert_cmpuint (policy->escalations->len, ==, 0);
  g_assert_cmpuint (rep->capacity, ==, 0);
  g_assert_cmpuint (rep->weight, ==, 1);
  g_assert_true (rep->active);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/config-json/positions/values-and-keys", test_positions_values_and_keys);
  g_test_add_func ("/config-json/positions/missing-falls-back", test_positions_missing_falls_back);
  g_test_add_func ("/config-json/positions/line-endings", test_positions_line_endings);
  g_test_add_func ("/config-json/positions/byte-order-mark", test_positions_byte_order_mark);
  g_test_add_func ("/config-json/positions/path-syntax", test_positions_path_syntax);
  g_test_add_func ("/config-json/positions/odd-keys", test_positions_odd_keys_round_trip);
  g_test_add_func ("/config-json/positions/errors", test_positions_errors);
  g_test_add_func ("/config-json/positions/nesting-limit", test_positions_nesting_limit);

  g_test_add_func ("/config-json/load/minimal", test_load_minimal);
  g_test_add_func ("/config-json/load/rich", test_load_rich_values);
  g_test_add_func ("/config-json/load/sample", test_load_sample);
  g_test_add_func ("/config-json/load/byte-order-mark", test_load_byte_order_mark);
  g_test_add_func ("/config-json/load/scalars-become-strings", test_load_scalars_become_strings);

  g_test_add_func ("/config-json/round-trip/minimal", test_round_trip_minimal);
  g_test_add_func ("/config-json/round-trip/rich", test_round_trip_rich);
  g_test_add_func ("/config-json/round-trip/sample", test_round_trip_sample);
  g_test_add_func ("/config-json/round-trip/canonical-order", test_round_trip_reordered_input);
  g_test_add_func ("/config-json/round-trip/built-in-code", test_round_trip_built_config);

  g_test_add_func ("/config-json/reject/missing-comma", test_reject_missing_comma);
  g_test_add_func ("/config-json/reject/trailing-garbage", test_reject_trailing_garbage);
  g_test_add_func ("/config-json/reject/invalid-utf8", test_reject_invalid_utf8);
  g_test_add_func ("/config-json/reject/invalid-utf8-columns",
                   test_reject_invalid_utf8_after_multibyte);
  g_test_add_func ("/config-json/reject/duplicate-key", test_reject_duplicate_key);
  g_test_add_func ("/config-json/reject/empty", test_reject_empty);
  g_test_add_func ("/config-json/reject/wrong-format", test_reject_wrong_format);
  g_test_add_func ("/config-json/reject/missing-format", test_reject_missing_format);
  g_test_add_func ("/config-json/reject/not-an-object", test_reject_not_an_object);
  g_test_add_func ("/config-json/reject/newer-version", test_reject_newer_version);
  g_test_add_func ("/config-json/reject/bad-version", test_reject_bad_version);
  g_test_add_func ("/config-json/reject/unknown-operator", test_reject_unknown_operator);
  g_test_add_func ("/config-json/reject/unknown-field", test_reject_unknown_field_deep);
  g_test_add_func ("/config-json/reject/wrong-type", test_reject_wrong_type);
  g_test_add_func ("/config-json/reject/missing-required", test_reject_missing_required);
  g_test_add_func ("/config-json/reject/missing-fallback", test_reject_missing_fallback);
  g_test_add_func ("/config-json/reject/operator-values", test_reject_operator_values);
  g_test_add_func ("/config-json/reject/enum-words", test_reject_enum_words);
  g_test_add_func ("/config-json/reject/numbers", test_reject_numbers);
  g_test_add_func ("/config-json/reject/hours-and-dates", test_reject_hours_and_dates);
  g_test_add_func ("/config-json/reject/misplaced-members", test_reject_misplaced_members);
  g_test_add_func ("/config-json/reject/value-types", test_reject_value_types);
  g_test_add_func ("/config-json/reject/dangling-references", test_reject_dangling_references);
  g_test_add_func ("/config-json/reject/duplicate-ids", test_reject_duplicate_ids);
  g_test_add_func ("/config-json/reject/several-errors", test_reject_several_errors);
  g_test_add_func ("/config-json/reject/diagnostics-appended", test_reject_diagnostics_appended);

  g_test_add_func ("/config-json/file/save-and-load", test_file_save_and_load);
  g_test_add_func ("/config-json/file/load-errors-name-the-file",
                   test_file_load_errors_name_the_file);
  g_test_add_func ("/config-json/file/failed-save-keeps-old-file",
                   test_file_failed_save_keeps_old_file);
  g_test_add_func ("/config-json/file/save-onto-directory", test_file_save_onto_directory);
  g_test_add_func ("/config-json/file/save-read-only-directory",
                   test_file_save_read_only_directory);

  g_test_add_func ("/config-json/locate", test_locate);
  g_test_add_func ("/config-json/condition/to-and-from-json", test_condition_json);
  g_test_add_func ("/config-json/condition/errors", test_condition_json_errors);

  g_test_add_func ("/config-json/lead/good", test_lead_good);
  g_test_add_func ("/config-json/lead/sample", test_lead_sample);
  g_test_add_func ("/config-json/lead/bad", test_lead_bad);

  g_test_add_func ("/config-json/optional-members-absent", test_optional_members_absent);

  return g_test_run ();
}
