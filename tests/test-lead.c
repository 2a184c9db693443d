/* test-lead.c: lead values, their parsing and text, and activities
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "lw-config.h"
#include "lw-lead.h"
#include "lw-test-utils.h"

/* 2026-03-09T14:00:00Z */
#define MARCH_9_14H ((LwTime) 1773064800)

static void
add_option (LwProperty *property,
            const char *value,
            const char *label)
{
  g_ptr_array_add (property->options, lw_option_new (value, label));
}

/* Built in C, so these tests do not depend on the JSON reader. */
static LwConfig *
make_config (void)
{
  static const char * const industries[] = {
    "software", "hardware", "retail", "banking", "insurance", "health",
    "education", "government", "media", "energy", "transport",
  };
  g_autoptr(LwConfig) config = lw_config_new ();
  g_autoptr(GPtrArray) diagnostics = lw_diagnostics_new ();
  LwProperty *property;

  property = lw_property_new ("country", "Country", LW_PROPERTY_ENUM);
  add_option (property, "US", "United States");
  add_option (property, "CA", "Canada");
  add_option (property, "DE", "Germany");
  g_ptr_array_add (config->properties, property);

  property = lw_property_new ("industry", "Industry", LW_PROPERTY_ENUM);
  for (guint i = 0; i < G_N_ELEMENTS (industries); i++)
    add_option (property, industries[i], industries[i]);
  g_ptr_array_add (config->properties, property);

  g_ptr_array_add (config->properties,
                   lw_property_new ("employees", "Employees", LW_PROPERTY_NUMBER));
  g_ptr_array_add (config->properties,
                   lw_property_new ("title", "Job title", LW_PROPERTY_STRING));
  g_ptr_array_add (config->properties,
                   lw_property_new ("email", "Email", LW_PROPERTY_EMAIL));
  property = lw_property_new ("email_domain", "Email domain", LW_PROPERTY_STRING);
  property->domain_of = g_strdup ("email");
  g_ptr_array_add (config->properties, property);
  g_ptr_array_add (config->properties,
                   lw_property_new ("customer", "Existing customer", LW_PROPERTY_BOOLEAN));
  g_ptr_array_add (config->properties,
                   lw_property_new ("signed_up", "Signed up", LW_PROPERTY_DATETIME));

  /* What any rule set needs to be valid: an MQL stage, a fallback owner. */
  g_ptr_array_add (config->stages, lw_stage_new ("mql", "Marketing Qualified Lead"));
  config->scoring.mql_stage = g_strdup ("mql");
  g_ptr_array_add (config->reps, lw_rep_new ("ana", "Ana Silva"));
  config->fallback.owner = g_strdup ("ana");

  if (!lw_config_bind (config, diagnostics))
    {
      for (guint i = 0; i < diagnostics->len; i++)
        {
          g_autofree char *text = lw_diagnostic_format (g_ptr_array_index (diagnostics, i));
          g_printerr ("%s\n", text);
        }
      g_assert_not_reached ();
    }

  return g_steal_pointer (&config);
}

static guint
index_of (const LwConfig *config,
          const char     *id)
{
  const LwProperty *property = lw_config_find_property (config, id);

  g_assert_nonnull (property);
  g_assert_true (g_ptr_array_index (config->properties, property->index) == property);
  return property->index;
}

static const LwValue *
get (const LwLead   *lead,
     const LwConfig *config,
     const char     *id)
{
  return lw_lead_get (lead, index_of (config, id));
}

/* Sets @text and asserts it fails with exactly @message, leaving the
 * previous value as it was. */
static void
assert_rejects (LwLead         *lead,
                const LwConfig *config,
                const char     *id,
                const char     *text,
                const char     *message)
{
  g_autoptr(GError) error = NULL;
  const LwValue *value = get (lead, config, id);
  LwValue before = { 0, };

  lw_value_copy (&before, value);
  g_assert_false (lw_lead_set (lead, config, id, text, &error));
  g_assert_error (error, LW_CONFIG_ERROR, LW_CONFIG_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, message);

  g_assert_cmpint (value->set, ==, before.set);
  g_assert_cmpfloat (value->num, ==, before.num);
  g_assert_cmpstr (value->str, ==, before.str);
  g_assert_cmpstr (value->fold, ==, before.fold);
  lw_value_clear (&before);
}

static void
assert_sets (LwLead         *lead,
             const LwConfig *config,
             const char     *id,
             const char     *text)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lw_lead_set (lead, config, id, text, &error));
  g_assert_no_error (error);
}

static void
test_new (void)
{
  g_autoptr(LwConfig) config = make_config ();
  g_autoptr(LwLead) lead = lw_lead_new (config, "L-7");

  g_assert_cmpstr (lead->id, ==, "L-7");
  g_assert_cmpuint (lead->n_values, ==, config->properties->len);
  /* The built-ins and the eight properties above. */
  g_assert_cmpuint (lead->n_values, ==, LW_N_BUILTINS + 8);
  for (guint i = 0; i < lead->n_values; i++)
    {
      g_assert_false (lead->values[i].set);
      g_assert_null (lw_lead_dup_text (lead, config, i));
    }
  g_assert_cmpuint (lead->activities->len, ==, 0);
}

static void
test_set_number (void)
{
  g_autoptr(LwConfig) config = make_config ();
  g_autoptr(LwLead) lead = lw_lead_new (config, "L-1");
  static const struct
  {
    const char *text;
    double      number;
  } good[] = {
    { "250", 250 },
    { " 12.5 ", 12.5 },
    { "1e3", 1000 },
    { "-5.5", -5.5 },
    { "+7", 7 },
    { ".5", 0.5 },
    { "3.", 3 },
    { "2.5E-1", 0.25 },
    { "0", 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      const LwValue *value;

      assert_sets (lead, config, "employees", good[i].text);
      value = get (lead, config, "employees");
      g_assert_true (value->set);
      g_assert_cmpfloat (value->num, ==, good[i].number);
      g_assert_null (value->str);
      g_assert_null (value->fold);
    }

  assert_sets (lead, config, "employees", "42");
  assert_rejects (lead, config, "employees", "many", "\"many\" is not a number");
  assert_rejects (lead, config, "employees", "0x10", "\"0x10\" is not a number");
  assert_rejects (lead, config, "employees", "inf", "\"inf\" is not a number");
  assert_rejects (lead, config, "employees", "-infinity", "\"-infinity\" is not a number");
  assert_rejects (lead, config, "employees", "nan", "\"nan\" is not a number");
  assert_rejects (lead, config, "employees", "1,000", "\"1,000\" is not a number");
  assert_rejects (lead, config, "employees", "12 500", "\"12 500\" is not a number");
  assert_rejects (lead, config, "employees", "12abc", "\"12abc\" is not a number");
  assert_rejects (lead, config, "employees", ".", "\".\" is not a number");
  assert_rejects (lead, config, "employees", "-", "\"-\" is not a number");
  assert_rejects (lead, config, "employees", "1e+", "\"1e+\" is not a number");
  assert_rejects (lead, config, "employees", "1e999", "\"1e999\" is out of range");
  assert_rejects (lead, config, "employees", "\xff", "the text is not valid UTF-8");
  g_assert_cmpfloat (get (lead, config, "employees")->num, ==, 42);
}

static void
test_set_boolean (void)
{
  g_autoptr(LwConfig) config = make_config ();
  g_autoptr(LwLead) lead = lw_lead_new (config, "L-1");

  assert_sets (lead, config, "customer", "true");
  g_assert_true (get (lead, config, "customer")->set);
  g_assert_cmpfloat (get (lead, config, "customer")->num, ==, 1);

  assert_sets (lead, config, "customer", "FALSE");
  g_assert_true (get (lead, config, "customer")->set);
  g_assert_cmpfloat (get (lead, config, "customer")->num, ==, 0);

  assert_sets (lead, config, "customer", "True");
  g_assert_cmpfloat (get (lead, config, "customer")->num, ==, 1);

  assert_rejects (lead, config, "customer", "yes", "\"yes\" is not true or false");
  assert_rejects (lead, config, "customer", "1", "\"1\" is not true or false");
  assert_rejects (lead, config, "customer", "truthy", "\"truthy\" is not true or false");
  g_assert_cmpfloat (get (lead, config, "customer")->num, ==, 1);
}

static void
test_set_datetime (void)
{
  g_autoptr(LwConfig) config = make_config ();
  g_autoptr(LwLead) lead = lw_lead_new (config, "L-1");
  static const struct
  {
    const char *text;
    double      seconds;
  } good[] = {
    { "2026-03-09T14:00:00Z", 1773064800 },
    { "2026-03-09T15:00:00+01:00", 1773064800 },
    { "2026-03-09T09:30:00-05:00", 1773066600 },
    { "2026-03-09", 1773014400 },
    { "1773064800000", 1773064800 },
    { "1773064800250", 1773064800.25 },
    { "0", 0 },
    { "-86400000", -86400 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      assert_sets (lead, config, "signed_up", good[i].text);
      g_assert_true (get (lead, config, "signed_up")->set);
      g_assert_cmpfloat (get (lead, config, "signed_up")->num, ==, good[i].seconds);
    }

#define NOT_A_DATE " is not a date and time (ISO 8601 such as 2026-03-09T14:00:00Z, " \
                   "or milliseconds since 1970)"
  assert_rejects (lead, config, "signed_up", "tomorrow", "\"tomorrow\"" NOT_A_DATE);
  assert_rejects (lead, config, "signed_up", "2026-13-01", "\"2026-13-01\"" NOT_A_DATE);
  assert_rejects (lead, config, "signed_up", "2026-02-30", "\"2026-02-30\"" NOT_A_DATE);
  assert_rejects (lead, config, "signed_up", "1773064800.5", "\"1773064800.5\"" NOT_A_DATE);
  assert_rejects (lead, config, "signed_up", "99999999999999999999", "\"99999999999999999999\"" NOT_A_DATE);
#undef NOT_A_DATE
}

static void
test_set_enum (void)
{
  g_autoptr(LwConfig) config = make_config ();
  g_autoptr(LwLead) lead = lw_lead_new (config, "L-1");
  const LwValue *value;

  /* The option's own spelling is kept, whatever the case given. */
  assert_sets (lead, config, "country", "ca");
  value = get (lead, config, "country");
  g_assert_true (value->set);
  g_assert_cmpstr (value->str, ==, "CA");
  g_assert_cmpstr (value->fold, ==, "ca");

  assert_sets (lead, config, "country", " DE ");
  g_assert_cmpstr (get (lead, config, "country")->str, ==, "DE");

  assert_rejects (lead, config, "country", "XX",
                  "\"XX\" is not one of the options of Country (US, CA, DE)");
  /* An option's label is not its value. */
  assert_rejects (lead, config, "country", "Canada",
                  "\"Canada\" is not one of the options of Country (US, CA, DE)");
  /* A long list is cut short. */
  assert_rejects (lead, config, "industry", "farming",
                  "\"farming\" is not one of the options of Industry (software, hardware, "
                  "retail, banking, insurance, health, education, government, media, "
                  "energy, ...)");
  g_assert_cmpstr (get (lead, config, "country")->str, ==, "DE");
}

static void
test_set_string (void)
{
  g_autoptr(LwConfig) config = make_config ();
  g_autoptr(LwLead) lead = lw_lead_new (config, "L-1");
  const LwValue *value;

  assert_sets (lead, config, "title", "Geschäftsführer / CEO");
  value = get (lead, config, "title");
  g_assert_true (value->set);
  g_assert_cmpstr (value->str, ==, "Geschäftsführer / CEO");
  g_assert_cmpstr (value->fold, ==, "geschäftsführer / ceo");

  /* Casefolding, not only lowering: ß folds to ss. */
  assert_sets (lead, config, "title", "STRAßE");
  g_assert_cmpstr (get (lead, config, "title")->fold, ==, "strasse");

  /* Composed and decomposed é fold alike. */
  assert_sets (lead, config, "title", "Caf\x65\xcc\x81");
  g_assert_cmpstr (get (lead, config, "title")->fold, ==, "café");

  assert_rejects (lead, config, "title", "caf\xc3", "the text is not valid UTF-8");
  g_assert_cmpstr (get (lead, config, "title")->str, ==, "Caf\x65\xcc\x81");
}

static void
test_set_unknown_property (void)
{
  g_autoptr(LwConfig) config = make_config ();
  g_autoptr(LwLead) lead = lw_lead_new (config, "L-1");
  g_autoptr(GError) error = NULL;

  g_assert_false (lw_lead_set (lead, config, "shoe_size", "42", &error));
  g_assert_error (error, LW_CONFIG_ERROR, LW_CONFIG_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "unknown property \"shoe_size\"");

  for (guint i = 0; i < lead->n_values; i++)
    g_assert_false (lead->values[i].set);
}

static void
test_set_clears (void)
{
  g_autoptr(LwConfig) config = make_config ();
  g_autoptr(LwLead) lead = lw_lead_new (config, "L-1");

  assert_sets (lead, config, "employees", "10");
  assert_sets (lead, config, "employees", NULL);
  g_assert_false (get (lead, config, "employees")->set);

  /* An empty CRM field is no value, whatever the type. */
  assert_sets (lead, config, "employees", "10");
  assert_sets (lead, config, "employees", "");
  g_assert_false (get (lead, config, "employees")->set);

  assert_sets (lead, config, "title", "CEO");
  assert_sets (lead, config, "title", "");
  g_assert_false (get (lead, config, "title")->set);
  g_assert_null (get (lead, config, "title")->str);
}

static void
test_set_by_index (void)
{
  g_autoptr(LwConfig) config = make_config ();
  g_autoptr(LwLead) lead = lw_lead_new (config, "L-1");
  guint employees = index_of (config, "employees");
  guint title = index_of (config, "title");
  guint fit = lw_config_builtin (config, LW_BUILTIN_FIT_SCORE)->index;

  lw_lead_set_number (lead, employees, 75);
  g_assert_true (lw_lead_get (lead, employees)->set);
  g_assert_cmpfloat (lw_lead_get (lead, employees)->num, ==, 75);

  lw_lead_set_number (lead, fit, -10);
  g_assert_cmpfloat (lw_lead_get (lead, fit)->num, ==, -10);

  lw_lead_set_string (lead, title, "Head of IT");
  g_assert_cmpstr (lw_lead_get (lead, title)->str, ==, "Head of IT");
  g_assert_cmpstr (lw_lead_get (lead, title)->fold, ==, "head of it");

  lw_lead_set_string (lead, title, NULL);
  g_assert_false (lw_lead_get (lead, title)->set);

  lw_lead_unset (lead, employees);
  g_assert_false (lw_lead_get (lead, employees)->set);
  g_assert_cmpfloat (lw_lead_get (lead, employees)->num, ==, 0);
}

static void
test_email_domain (void)
{
  g_autoptr(LwConfig) config = make_config ();
  g_autoptr(LwLead) lead = lw_lead_new (config, "L-1");
  g_autoptr(LwLead) own = lw_lead_new (config, "L-2");

  g_assert_cmpint (lw_config_find_property (config, "email_domain")->domain_of_index, ==,
                   (int) index_of (config, "email"));

  /* Derived, lowered, while the lead does not set it. */
  assert_sets (lead, config, "email", "Ana.Silva@Acme.COM");
  g_assert_cmpstr (get (lead, config, "email")->str, ==, "Ana.Silva@Acme.COM");
  g_assert_cmpstr (get (lead, config, "email_domain")->str, ==, "acme.com");
  g_assert_cmpstr (get (lead, config, "email_domain")->fold, ==, "acme.com");

  /* It follows the email. */
  assert_sets (lead, config, "email", "ana@globex.io");
  g_assert_cmpstr (get (lead, config, "email_domain")->str, ==, "globex.io");

  /* An email without a domain derives none. */
  assert_sets (lead, config, "email", "ana");
  g_assert_false (get (lead, config, "email_domain")->set);
  assert_sets (lead, config, "email", "ana@");
  g_assert_false (get (lead, config, "email_domain")->set);

  assert_sets (lead, config, "email", "ana@initech.com");
  g_assert_cmpstr (get (lead, config, "email_domain")->str, ==, "initech.com");
  assert_sets (lead, config, "email", NULL);
  g_assert_false (get (lead, config, "email_domain")->set);

  /* A domain the lead sets itself is kept. */
  assert_sets (own, config, "email_domain", "corp.example");
  assert_sets (own, config, "email", "ben@gmail.com");
  g_assert_cmpstr (get (own, config, "email_domain")->str, ==, "corp.example");
  assert_sets (own, config, "email", NULL);
  g_assert_cmpstr (get (own, config, "email_domain")->str, ==, "corp.example");

  /* And a domain set after the email replaces the derived one. */
  assert_sets (lead, config, "email", "ana@acme.com");
  assert_sets (lead, config, "email_domain", "acme.co.uk");
  g_assert_cmpstr (get (lead, config, "email_domain")->str, ==, "acme.co.uk");
  assert_sets (lead, config, "email", "ana@globex.io");
  g_assert_cmpstr (get (lead, config, "email_domain")->str, ==, "acme.co.uk");
}

static void
assert_text (const LwLead   *lead,
             const LwConfig *config,
             const char     *id,
             const char     *expected)
{
  g_autofree char *text = lw_lead_dup_text (lead, config, index_of (config, id));

  g_assert_cmpstr (text, ==, expected);
}

static void
test_dup_text (void)
{
  g_autoptr(LwConfig) config = make_config ();
  g_autoptr(LwLead) lead = lw_lead_new (config, "L-1");
  static const struct
  {
    const char *id;
    const char *text;
    const char *expected;
  } cases[] = {
    { "employees", "250", "250" },
    { "employees", "250.000", "250" },
    { "employees", "12.5", "12.5" },
    { "employees", "0.1", "0.1" },
    { "employees", "-5.5", "-5.5" },
    { "employees", "1e3", "1000" },
    { "employees", "-0", "0" },
    { "employees", "1234567.25", "1234567.25" },
    { "customer", "TRUE", "true" },
    { "customer", "false", "false" },
    { "signed_up", "2026-03-09T15:00:00+01:00", "2026-03-09T14:00:00Z" },
    { "signed_up", "1773064800000", "2026-03-09T14:00:00Z" },
    { "signed_up", "1773064800999", "2026-03-09T14:00:00Z" },
    { "signed_up", "-1", "1969-12-31T23:59:59Z" },
    { "country", "ca", "CA" },
    { "title", "Head of Sales ", "Head of Sales " },
    { "email", "Ana@Acme.com", "Ana@Acme.com" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      assert_sets (lead, config, cases[i].id, cases[i].text);
      assert_text (lead, config, cases[i].id, cases[i].expected);
    }

  assert_sets (lead, config, "employees", NULL);
  assert_text (lead, config, "employees", NULL);

  /* Built-ins set by the engine read the same way. */
  lw_lead_set_number (lead, lw_config_builtin (config, LW_BUILTIN_TOTAL_SCORE)->index, 42.5);
  assert_text (lead, config, "total_score", "42.5");
  lw_lead_set_number (lead, lw_config_builtin (config, LW_BUILTIN_CREATED_AT)->index, MARCH_9_14H);
  assert_text (lead, config, "created_at", "2026-03-09T14:00:00Z");
}

static void
assert_activities (const LwLead *lead,
                   const guint  *types,
                   const LwTime *times,
                   guint         n)
{
  g_assert_cmpuint (lead->activities->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      const LwActivity *a = &g_array_index (lead->activities, LwActivity, i);

      g_assert_cmpuint (a->type, ==, types[i]);
      g_assert_cmpint (a->at, ==, times[i]);
    }
}

static void
test_activities (void)
{
  g_autoptr(LwConfig) config = make_config ();
  g_autoptr(LwLead) lead = lw_lead_new (config, "L-1");
  static const guint types[] = { 5, 0, 1, 2, 3, 4, 6 };
  static const LwTime times[] = { 50, 100, 150, 200, 200, 300, 300 };

  lw_lead_add_activity (lead, 0, 100);
  lw_lead_add_activity (lead, 2, 200);
  lw_lead_add_activity (lead, 4, 300);
  /* Between two. */
  lw_lead_add_activity (lead, 1, 150);
  /* At the same time as one: after it. */
  lw_lead_add_activity (lead, 3, 200);
  /* Before all. */
  lw_lead_add_activity (lead, 5, 50);
  /* At the same time as the last. */
  lw_lead_add_activity (lead, 6, 300);

  assert_activities (lead, types, times, G_N_ELEMENTS (types));
}

static void
test_activities_in_order (void)
{
  g_autoptr(LwConfig) config = make_config ();
  g_autoptr(LwLead) lead = lw_lead_new (config, "L-1");

  for (guint i = 0; i < 1000; i++)
    lw_lead_add_activity (lead, i % 3, MARCH_9_14H + (LwTime) i * LW_MINUTE);
  lw_lead_add_activity (lead, 7, MARCH_9_14H + 500 * LW_MINUTE);

  g_assert_cmpuint (lead->activities->len, ==, 1001);
  for (guint i = 1; i < lead->activities->len; i++)
    g_assert_cmpint (g_array_index (lead->activities, LwActivity, i - 1).at, <=,
                     g_array_index (lead->activities, LwActivity, i).at);
  /* After the one it ties with. */
  g_assert_cmpuint (g_array_index (lead->activities, LwActivity, 500).type, ==, 500 % 3);
  g_assert_cmpuint (g_array_index (lead->activities, LwActivity, 501).type, ==, 7);
}

static void
test_copy (void)
{
  g_autoptr(LwConfig) config = make_config ();
  g_autoptr(LwLead) lead = lw_test_lead (config, "country=US", "employees=250",
                                         "title=CEO", "email=ana@acme.com", NULL);
  g_autoptr(LwLead) copy = NULL;

  lw_lead_add_activity (lead, 1, 100);
  lw_lead_add_activity (lead, 2, 200);
  copy = lw_lead_copy (lead);

  g_assert_cmpstr (copy->id, ==, "test-lead");
  g_assert_cmpuint (copy->n_values, ==, lead->n_values);
  for (guint i = 0; i < lead->n_values; i++)
    {
      g_assert_cmpint (copy->values[i].set, ==, lead->values[i].set);
      g_assert_cmpfloat (copy->values[i].num, ==, lead->values[i].num);
      g_assert_cmpstr (copy->values[i].str, ==, lead->values[i].str);
      g_assert_cmpstr (copy->values[i].fold, ==, lead->values[i].fold);
      if (lead->values[i].str != NULL)
        g_assert_true (copy->values[i].str != lead->values[i].str);
    }
  g_assert_cmpstr (get (copy, config, "email_domain")->str, ==, "acme.com");
  g_assert_cmpuint (copy->activities->len, ==, 2);

  /* Deep: editing the copy leaves the original alone. */
  assert_sets (copy, config, "title", "CTO");
  assert_sets (copy, config, "employees", "10");
  lw_lead_add_activity (copy, 3, 50);
  g_assert_cmpstr (get (lead, config, "title")->str, ==, "CEO");
  g_assert_cmpfloat (get (lead, config, "employees")->num, ==, 250);
  g_assert_cmpuint (lead->activities->len, ==, 2);
  g_assert_cmpuint (g_array_index (lead->activities, LwActivity, 0).type, ==, 1);
}

static void
test_value_parse (void)
{
  LwProperty *property = lw_property_new ("size", "Company size", LW_PROPERTY_ENUM);
  g_autoptr(GError) error = NULL;
  LwValue value = { 0, };
  g_autofree char *text = NULL;

  add_option (property, "smb", "Small business");
  add_option (property, "Enterprise", "Enterprise");

  g_assert_true (lw_value_parse (&value, property, "ENTERPRISE", &error));
  g_assert_no_error (error);
  g_assert_true (value.set);
  g_assert_cmpstr (value.str, ==, "Enterprise");
  g_assert_cmpstr (value.fold, ==, "enterprise");
  text = lw_value_dup_text (&value, property);
  g_assert_cmpstr (text, ==, "Enterprise");
  lw_value_clear (&value);

  g_assert_false (lw_value_parse (&value, property, "mid", &error));
  g_assert_error (error, LW_CONFIG_ERROR, LW_CONFIG_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "\"mid\" is not one of the options of Company size (smb, Enterprise)");
  g_assert_false (value.set);

  lw_property_free (property);
}

/* The store keeps leads in the compact encoding: every value must come back
 * as it was, the derived domain must be re-derived and not stored, and a
 * damaged encoding must be refused, not misread. */
static void
test_encode_round_trip (void)
{
  g_autoptr(LwConfig) config = make_config ();
  g_autoptr(LwLead) lead = lw_lead_new (config, "L-1");
  g_autoptr(LwLead) back = lw_lead_new (config, "L-1");
  g_autoptr(LwLead) other = lw_lead_new (config, "L-2");
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autoptr(GByteArray) with_domain = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  const char *props[] = { "country", "industry", "employees", "title", "email", "email_domain",
                          "customer", "signed_up" };

  g_assert_true (lw_lead_set (lead, config, "country", "DE", NULL));
  g_assert_true (lw_lead_set (lead, config, "industry", "energy", NULL));
  g_assert_true (lw_lead_set (lead, config, "employees", "-12.5", NULL));
  g_assert_true (lw_lead_set (lead, config, "title", "Vice président, Ventes", NULL));
  g_assert_true (lw_lead_set (lead, config, "email", "zoe@Example.org", NULL));
  g_assert_true (lw_lead_set (lead, config, "customer", "true", NULL));
  g_assert_true (lw_lead_set (lead, config, "signed_up", "2026-03-09T14:00:00Z", NULL));

  lw_lead_encode (lead, config, bytes);
  g_assert_true (lw_lead_decode (back, config, bytes->data, bytes->len, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (props); i++)
    {
      const LwProperty *property = lw_config_find_property (config, props[i]);
      g_autofree char *want = lw_lead_dup_text (lead, config, property->index);
      g_autofree char *got = lw_lead_dup_text (back, config, property->index);

      g_assert_cmpstr (got, ==, want);
    }
  g_assert_cmpstr (lw_lead_get (back, lw_config_find_property (config, "email_domain")->index)->str,
                   ==, "example.org");

  /* The derived domain is not stored; a domain the lead set itself is. */
  g_assert_true (lw_lead_set (lead, config, "email_domain", "acme.com", NULL));
  lw_lead_encode (lead, config, with_domain);
  g_assert_cmpuint (with_domain->len, >, bytes->len);
  g_assert_true (lw_lead_decode (other, config, with_domain->data, with_domain->len, NULL));
  g_assert_cmpstr (lw_lead_get (other, lw_config_find_property (config, "email_domain")->index)->str,
                   ==, "acme.com");

  /* Truncated, or naming a property the catalogue does not have. */
  {
    g_autoptr(LwLead) broken = lw_lead_new (config, "L-3");
    const guint8 bad_index[] = { 0x7f, 0x00 };

    g_assert_false (lw_lead_decode (broken, config, bytes->data, bytes->len - 1, &error));
    g_assert_error (error, LW_CONFIG_ERROR, LW_CONFIG_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_false (lw_lead_decode (broken, config, bad_index, sizeof bad_index, &error));
    g_assert_error (error, LW_CONFIG_ERROR, LW_CONFIG_ERROR_INVALID);
  }
}

/* Folding is what every text comparison goes through: ASCII by its fast
 * path, the rest normalized then casefolded, and both ways agree. */
static void
test_text_fold (void)
{
  char ascii[128];
  g_autofree char *fold = NULL;
  g_autofree char *normal = NULL;
  g_autofree char *expected = NULL;

  for (guint i = 1; i < 128; i++)
    ascii[i - 1] = (char) i;
  ascii[127] = '\0';
  fold = lw_text_fold (ascii);
  normal = g_utf8_normalize (ascii, -1, G_NORMALIZE_DEFAULT_COMPOSE);
  expected = g_utf8_casefold (normal, -1);
  g_assert_cmpstr (fold, ==, expected);
  g_clear_pointer (&fold, g_free);

  fold = lw_text_fold ("Acme Corp.COM");
  g_assert_cmpstr (fold, ==, "acme corp.com");
  g_clear_pointer (&fold, g_free);
  fold = lw_text_fold ("");
  g_assert_cmpstr (fold, ==, "");
  g_clear_pointer (&fold, g_free);

  /* Beyond ASCII: case folding (ß becomes ss), and a decomposed é
   * (e + U+0301) equals the composed one. */
  fold = lw_text_fold ("\xc3\x89" "COLE Stra\xc3\x9f" "e");
  g_assert_cmpstr (fold, ==, "\xc3\xa9" "cole strasse");
  g_clear_pointer (&fold, g_free);
  fold = lw_text_fold ("Caf" "e\xcc\x81");
  g_assert_cmpstr (fold, ==, "caf\xc3\xa9");
  g_clear_pointer (&fold, g_free);
  /* ASCII followed by more: the whole text takes the general way. */
  fold = lw_text_fold ("ABC\xc3\x84");
  g_assert_cmpstr (fold, ==, "abc\xc3\xa4");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/lead/new", test_new);
  g_test_add_func ("/lead/set/number", test_set_number);
  g_test_add_func ("/lead/set/boolean", test_set_boolean);
  g_test_add_func ("/lead/set/datetime", test_set_datetime);
  g_test_add_func ("/lead/set/enum", test_set_enum);
  g_test_add_func ("/lead/set/string", test_set_string);
  g_test_add_func ("/lead/set/unknown-property", test_set_unknown_property);
  g_test_add_func ("/lead/set/clears", test_set_clears);
  g_test_add_func ("/lead/set/by-index", test_set_by_index);
  g_test_add_func ("/lead/email-domain", test_email_domain);
  g_test_add_func ("/lead/dup-text", test_dup_text);
  g_test_add_func ("/lead/activities/sorted", test_activities);
  g_test_add_func ("/lead/activities/in-order", test_activities_in_order);
  g_test_add_func ("/lead/copy", test_copy);
  g_test_add_func ("/lead/value-parse", test_value_parse);
  g_test_add_func ("/lead/text-fold", test_text_fold);
  g_test_add_func ("/lead/encode/round-trip", test_encode_round_trip);

  return g_test_run ();
}
