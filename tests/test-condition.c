/* test-condition.c: filters, their binding, evaluation and wording
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "lw-condition.h"
#include "lw-config.h"
#include "lw-lead.h"
#include "lw-test-utils.h"

/* 2026-03-09T14:00:00Z */
#define MARCH_9_14H 1773064800

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
  g_autoptr(LwConfig) config = lw_config_new ();
  g_autoptr(GPtrArray) diagnostics = lw_diagnostics_new ();
  LwProperty *property;

  property = lw_property_new ("country", "Country", LW_PROPERTY_ENUM);
  add_option (property, "US", "United States");
  add_option (property, "CA", "Canada");
  add_option (property, "DE", "Germany");
  g_ptr_array_add (config->properties, property);

  property = lw_property_new ("region", "Region", LW_PROPERTY_ENUM);
  add_option (property, "north-america", "North America");
  add_option (property, "emea", "EMEA");
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

static LwLead *
make_lead (const LwConfig *config,
           const char     *property,
           const char     *text)
{
  LwLead *lead = lw_lead_new (config, "L-1");

  if (text != NULL)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (lw_lead_set (lead, config, property, text, &error));
      g_assert_no_error (error);
    }
  return lead;
}

static LwFilter *
new_filter (const char *property,
            LwOperator  op,
            const char *value,
            const char *high_value,
            const char *values)
{
  LwFilter *filter = lw_filter_new (property, op, value);

  filter->high_value = g_strdup (high_value);
  if (values != NULL)
    filter->values = g_strsplit (values, "|", -1);
  return filter;
}

/* A condition of one group, of the given filters (taken), NULL-terminated. */
static LwCondition *
new_condition (LwFilter *first,
               ...)
{
  LwCondition *condition = lw_condition_new ();
  LwFilterGroup *group = lw_filter_group_new ();
  LwFilter *filter;
  va_list args;

  va_start (args, first);
  for (filter = first; filter != NULL; filter = va_arg (args, LwFilter *))
    g_ptr_array_add (group->filters, filter);
  va_end (args);

  g_ptr_array_add (condition->groups, group);
  return condition;
}

static void
add_group (LwCondition *condition,
           LwFilter    *first,
           ...)
{
  LwFilterGroup *group = lw_filter_group_new ();
  LwFilter *filter;
  va_list args;

  va_start (args, first);
  for (filter = first; filter != NULL; filter = va_arg (args, LwFilter *))
    g_ptr_array_add (group->filters, filter);
  va_end (args);

  g_ptr_array_add (condition->groups, group);
}

static void
assert_binds (LwCondition    *condition,
              const LwConfig *config)
{
  g_autoptr(GPtrArray) diagnostics = lw_diagnostics_new ();
  gboolean bound;

  bound = lw_condition_bind (condition, config, "$.when", diagnostics);
  for (guint i = 0; i < diagnostics->len; i++)
    {
      g_autofree char *text = lw_diagnostic_format (g_ptr_array_index (diagnostics, i));
      g_printerr ("%s\n", text);
    }
  g_assert_cmpuint (diagnostics->len, ==, 0);
  g_assert_true (bound);
}

/* ---- every operator on every type ------------------------------------------- */

typedef struct
{
  const char *property;
  LwOperator  op;
  const char *value;       /* value, or BETWEEN's low bound */
  const char *high_value;  /* BETWEEN's high bound */
  const char *values;      /* IN, NOT_IN: "|"-separated */
  const char *lead;        /* the lead's value; NULL: the lead has none */
  gboolean    expected;
} Case;

static void
run_cases (const Case *cases,
           gsize       n_cases)
{
  g_autoptr(LwConfig) config = make_config ();

  for (gsize i = 0; i < n_cases; i++)
    {
      const Case *c = &cases[i];
      g_autoptr(LwLead) lead = make_lead (config, c->property, c->lead);
      g_autoptr(LwCondition) condition = NULL;
      const LwFilter *filter;
      gboolean got;

      condition = new_condition (new_filter (c->property, c->op, c->value, c->high_value,
                                             c->values),
                                 NULL);
      assert_binds (condition, config);
      filter = g_ptr_array_index (((LwFilterGroup *) g_ptr_array_index (condition->groups, 0))->filters, 0);

      got = lw_condition_eval (condition, lead);
      if (got != c->expected || lw_filter_eval (filter, lead) != c->expected)
        g_test_fail_printf ("case %" G_GSIZE_FORMAT ": %s %s %s%s%s (lead: %s) gave %s",
                            i, c->property, lw_operator_to_string (c->op),
                            c->value ? c->value : "", c->high_value ? ".." : "",
                            c->values ? c->values : (c->high_value ? c->high_value : ""),
                            c->lead ? c->lead : "(none)", got ? "TRUE" : "FALSE");
    }
}

static void
test_string_operators (void)
{
  static const Case cases[] = {
    { "title", LW_OP_EQ, "senior vice-president, sales", NULL, NULL, "Senior Vice-President, Sales", TRUE },
    { "title", LW_OP_EQ, "Senior Vice-President", NULL, NULL, "Senior Vice-President, Sales", FALSE },
    { "title", LW_OP_NEQ, "SENIOR VICE-PRESIDENT, SALES", NULL, NULL, "Senior Vice-President, Sales", FALSE },
    { "title", LW_OP_NEQ, "Sales", NULL, NULL, "Senior Vice-President, Sales", TRUE },
    { "title", LW_OP_IN, NULL, NULL, "cto|SENIOR VICE-PRESIDENT, SALES", "Senior Vice-President, Sales", TRUE },
    { "title", LW_OP_IN, NULL, NULL, "cto|ceo", "Senior Vice-President, Sales", FALSE },
    { "title", LW_OP_NOT_IN, NULL, NULL, "cto|ceo", "Senior Vice-President, Sales", TRUE },
    { "title", LW_OP_NOT_IN, NULL, NULL, "cto|senior vice-president, sales", "Senior Vice-President, Sales", FALSE },
    { "title", LW_OP_HAS_PROPERTY, NULL, NULL, NULL, "Senior Vice-President, Sales", TRUE },
    { "title", LW_OP_NOT_HAS_PROPERTY, NULL, NULL, NULL, "Senior Vice-President, Sales", FALSE },
    /* Whole words, in order, next to each other; "-" and "," separate. */
    { "title", LW_OP_CONTAINS_TOKEN, "vice president", NULL, NULL, "Senior Vice-President, Sales", TRUE },
    { "title", LW_OP_CONTAINS_TOKEN, "president vice", NULL, NULL, "Senior Vice-President, Sales", FALSE },
    { "title", LW_OP_CONTAINS_TOKEN, "vice sales", NULL, NULL, "Senior Vice-President, Sales", FALSE },
    { "title", LW_OP_CONTAINS_TOKEN, "SALES", NULL, NULL, "Senior Vice-President, Sales", TRUE },
    { "title", LW_OP_CONTAINS_TOKEN, "sale", NULL, NULL, "Senior Vice-President, Sales", FALSE },
    { "title", LW_OP_CONTAINS_TOKEN, "enior vice", NULL, NULL, "Senior Vice-President, Sales", FALSE },
    /* Wildcards at the start of the first word and the end of the last. */
    { "title", LW_OP_CONTAINS_TOKEN, "sale*", NULL, NULL, "Senior Vice-President, Sales", TRUE },
    { "title", LW_OP_CONTAINS_TOKEN, "*ales", NULL, NULL, "Senior Vice-President, Sales", TRUE },
    { "title", LW_OP_CONTAINS_TOKEN, "*resid*", NULL, NULL, "Senior Vice-President, Sales", TRUE },
    { "title", LW_OP_CONTAINS_TOKEN, "*enior vice", NULL, NULL, "Senior Vice-President, Sales", TRUE },
    { "title", LW_OP_CONTAINS_TOKEN, "vice pres*", NULL, NULL, "Senior Vice-President, Sales", TRUE },
    { "title", LW_OP_CONTAINS_TOKEN, "vic* president", NULL, NULL, "Senior Vice-President, Sales", FALSE },
    { "title", LW_OP_CONTAINS_TOKEN, "sales*", NULL, NULL, "Senior Vice-President, Sales", TRUE },
    { "title", LW_OP_CONTAINS_TOKEN, "*ice pres*", NULL, NULL, "Senior Vice-President, Sales", TRUE },
    { "title", LW_OP_CONTAINS_TOKEN, "*ice sen*", NULL, NULL, "Senior Vice-President, Sales", FALSE },
    /* A false start does not hide the match right after it. */
    { "title", LW_OP_CONTAINS_TOKEN, "vice president", NULL, NULL, "Vice Vice President", TRUE },
    { "title", LW_OP_CONTAINS_TOKEN, "vice president", NULL, NULL, "President, Vice", FALSE },
    { "title", LW_OP_NOT_CONTAINS_TOKEN, "vice president", NULL, NULL, "Senior Vice-President, Sales", FALSE },
    { "title", LW_OP_NOT_CONTAINS_TOKEN, "manager", NULL, NULL, "Senior Vice-President, Sales", TRUE },
    { "title", LW_OP_CONTAINS_TOKEN, "man", NULL, NULL, "Sales Manager", FALSE },
    { "title", LW_OP_CONTAINS_TOKEN, "manager", NULL, NULL, "Sales Manager", TRUE },
    { "title", LW_OP_CONTAINS_TOKEN, "manag*", NULL, NULL, "Sales Manager", TRUE },
    { "title", LW_OP_NOT_CONTAINS_TOKEN, "man", NULL, NULL, "Sales Manager", TRUE },
    { "title", LW_OP_NOT_CONTAINS_TOKEN, "manag*", NULL, NULL, "Sales Manager", FALSE },
    /* Non-ASCII letters are part of words and fold their case. */
    { "title", LW_OP_CONTAINS_TOKEN, "GESCHÄFTSFÜHRER", NULL, NULL, "Geschäftsführer", TRUE },
    { "title", LW_OP_CONTAINS_TOKEN, "gesch", NULL, NULL, "Geschäftsführer", FALSE },
    { "title", LW_OP_CONTAINS_TOKEN, "gesch*", NULL, NULL, "Geschäftsführer", TRUE },
    { "title", LW_OP_CONTAINS_TOKEN, "*führer", NULL, NULL, "Geschäftsführer", TRUE },
    { "title", LW_OP_EQ, "ÉQUIPE", NULL, NULL, "équipe", TRUE },
    /* No value. */
    { "title", LW_OP_EQ, "cto", NULL, NULL, NULL, FALSE },
    { "title", LW_OP_NEQ, "cto", NULL, NULL, NULL, TRUE },
    { "title", LW_OP_IN, NULL, NULL, "cto|ceo", NULL, FALSE },
    { "title", LW_OP_NOT_IN, NULL, NULL, "cto|ceo", NULL, TRUE },
    { "title", LW_OP_HAS_PROPERTY, NULL, NULL, NULL, NULL, FALSE },
    { "title", LW_OP_NOT_HAS_PROPERTY, NULL, NULL, NULL, NULL, TRUE },
    { "title", LW_OP_CONTAINS_TOKEN, "cto", NULL, NULL, NULL, FALSE },
    { "title", LW_OP_NOT_CONTAINS_TOKEN, "cto", NULL, NULL, NULL, TRUE },
  };

  run_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_email_operators (void)
{
  static const Case cases[] = {
    { "email", LW_OP_EQ, "ana.silva@gmail.com", NULL, NULL, "Ana.Silva@Gmail.com", TRUE },
    { "email", LW_OP_EQ, "ana@gmail.com", NULL, NULL, "Ana.Silva@Gmail.com", FALSE },
    { "email", LW_OP_NEQ, "ana@gmail.com", NULL, NULL, "Ana.Silva@Gmail.com", TRUE },
    { "email", LW_OP_NEQ, "ANA.SILVA@GMAIL.COM", NULL, NULL, "Ana.Silva@Gmail.com", FALSE },
    { "email", LW_OP_IN, NULL, NULL, "x@y.com|ANA.SILVA@GMAIL.COM", "Ana.Silva@Gmail.com", TRUE },
    { "email", LW_OP_IN, NULL, NULL, "x@y.com", "Ana.Silva@Gmail.com", FALSE },
    { "email", LW_OP_NOT_IN, NULL, NULL, "ana.silva@gmail.com", "Ana.Silva@Gmail.com", FALSE },
    { "email", LW_OP_NOT_IN, NULL, NULL, "x@y.com", "Ana.Silva@Gmail.com", TRUE },
    { "email", LW_OP_HAS_PROPERTY, NULL, NULL, NULL, "Ana.Silva@Gmail.com", TRUE },
    { "email", LW_OP_NOT_HAS_PROPERTY, NULL, NULL, NULL, "Ana.Silva@Gmail.com", FALSE },
    { "email", LW_OP_CONTAINS_TOKEN, "gmail.com", NULL, NULL, "Ana.Silva@Gmail.com", TRUE },
    { "email", LW_OP_CONTAINS_TOKEN, "mail.com", NULL, NULL, "Ana.Silva@Gmail.com", FALSE },
    { "email", LW_OP_CONTAINS_TOKEN, "gmail.co", NULL, NULL, "Ana.Silva@Gmail.com", FALSE },
    { "email", LW_OP_CONTAINS_TOKEN, "*mail.com", NULL, NULL, "Ana.Silva@Gmail.com", TRUE },
    { "email", LW_OP_CONTAINS_TOKEN, "GMAIL", NULL, NULL, "Ana.Silva@Gmail.com", TRUE },
    { "email", LW_OP_CONTAINS_TOKEN, "silva", NULL, NULL, "Ana.Silva@Gmail.com", TRUE },
    { "email", LW_OP_NOT_CONTAINS_TOKEN, "gmail.com", NULL, NULL, "Ana.Silva@Gmail.com", FALSE },
    { "email", LW_OP_NOT_CONTAINS_TOKEN, "yahoo.com", NULL, NULL, "Ana.Silva@Gmail.com", TRUE },
    { "email", LW_OP_EQ, "ana@gmail.com", NULL, NULL, NULL, FALSE },
    { "email", LW_OP_NEQ, "ana@gmail.com", NULL, NULL, NULL, TRUE },
    { "email", LW_OP_IN, NULL, NULL, "ana@gmail.com", NULL, FALSE },
    { "email", LW_OP_NOT_IN, NULL, NULL, "ana@gmail.com", NULL, TRUE },
    { "email", LW_OP_HAS_PROPERTY, NULL, NULL, NULL, NULL, FALSE },
    { "email", LW_OP_NOT_HAS_PROPERTY, NULL, NULL, NULL, NULL, TRUE },
    { "email", LW_OP_CONTAINS_TOKEN, "gmail.com", NULL, NULL, NULL, FALSE },
    { "email", LW_OP_NOT_CONTAINS_TOKEN, "gmail.com", NULL, NULL, NULL, TRUE },
  };

  run_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_enum_operators (void)
{
  static const Case cases[] = {
    { "country", LW_OP_EQ, "US", NULL, NULL, "US", TRUE },
    { "country", LW_OP_EQ, "us", NULL, NULL, "US", TRUE },
    { "country", LW_OP_EQ, "CA", NULL, NULL, "US", FALSE },
    { "country", LW_OP_EQ, "CA", NULL, NULL, "ca", TRUE },
    { "country", LW_OP_NEQ, "CA", NULL, NULL, "US", TRUE },
    { "country", LW_OP_NEQ, "us", NULL, NULL, "US", FALSE },
    { "country", LW_OP_IN, NULL, NULL, "CA|us", "US", TRUE },
    { "country", LW_OP_IN, NULL, NULL, "CA|DE", "US", FALSE },
    { "country", LW_OP_NOT_IN, NULL, NULL, "CA|DE", "US", TRUE },
    { "country", LW_OP_NOT_IN, NULL, NULL, "DE|US", "US", FALSE },
    { "country", LW_OP_HAS_PROPERTY, NULL, NULL, NULL, "US", TRUE },
    { "country", LW_OP_NOT_HAS_PROPERTY, NULL, NULL, NULL, "US", FALSE },
    /* Words of the option's value; the value need not be an option. */
    { "country", LW_OP_CONTAINS_TOKEN, "us", NULL, NULL, "US", TRUE },
    { "country", LW_OP_CONTAINS_TOKEN, "u", NULL, NULL, "US", FALSE },
    { "region", LW_OP_CONTAINS_TOKEN, "america", NULL, NULL, "north-america", TRUE },
    { "region", LW_OP_CONTAINS_TOKEN, "North America", NULL, NULL, "north-america", TRUE },
    { "region", LW_OP_CONTAINS_TOKEN, "amer", NULL, NULL, "north-america", FALSE },
    { "region", LW_OP_NOT_CONTAINS_TOKEN, "emea", NULL, NULL, "north-america", TRUE },
    { "region", LW_OP_NOT_CONTAINS_TOKEN, "north", NULL, NULL, "north-america", FALSE },
    { "region", LW_OP_EQ, "North-America", NULL, NULL, "north-america", TRUE },
    { "country", LW_OP_EQ, "US", NULL, NULL, NULL, FALSE },
    { "country", LW_OP_NEQ, "US", NULL, NULL, NULL, TRUE },
    { "country", LW_OP_IN, NULL, NULL, "US|CA", NULL, FALSE },
    { "country", LW_OP_NOT_IN, NULL, NULL, "US|CA", NULL, TRUE },
    { "country", LW_OP_HAS_PROPERTY, NULL, NULL, NULL, NULL, FALSE },
    { "country", LW_OP_NOT_HAS_PROPERTY, NULL, NULL, NULL, NULL, TRUE },
    { "country", LW_OP_CONTAINS_TOKEN, "us", NULL, NULL, NULL, FALSE },
    { "country", LW_OP_NOT_CONTAINS_TOKEN, "us", NULL, NULL, NULL, TRUE },
  };

  run_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_number_operators (void)
{
  static const Case cases[] = {
    { "employees", LW_OP_EQ, "250", NULL, NULL, "250", TRUE },
    { "employees", LW_OP_EQ, "250.0", NULL, NULL, "250", TRUE },
    { "employees", LW_OP_EQ, "2.5e2", NULL, NULL, "250", TRUE },
    { "employees", LW_OP_EQ, "251", NULL, NULL, "250", FALSE },
    { "employees", LW_OP_NEQ, "251", NULL, NULL, "250", TRUE },
    { "employees", LW_OP_NEQ, "250", NULL, NULL, "250", FALSE },
    { "employees", LW_OP_LT, "250", NULL, NULL, "250", FALSE },
    { "employees", LW_OP_LT, "250.5", NULL, NULL, "250", TRUE },
    { "employees", LW_OP_LTE, "250", NULL, NULL, "250", TRUE },
    { "employees", LW_OP_LTE, "249.99", NULL, NULL, "250", FALSE },
    { "employees", LW_OP_GT, "249", NULL, NULL, "250", TRUE },
    { "employees", LW_OP_GT, "250", NULL, NULL, "250", FALSE },
    { "employees", LW_OP_GTE, "250", NULL, NULL, "250", TRUE },
    { "employees", LW_OP_GTE, "251", NULL, NULL, "250", FALSE },
    /* BETWEEN includes both bounds. */
    { "employees", LW_OP_BETWEEN, "200", "250", NULL, "250", TRUE },
    { "employees", LW_OP_BETWEEN, "250", "300", NULL, "250", TRUE },
    { "employees", LW_OP_BETWEEN, "250", "250", NULL, "250", TRUE },
    { "employees", LW_OP_BETWEEN, "251", "300", NULL, "250", FALSE },
    { "employees", LW_OP_BETWEEN, "100", "249.5", NULL, "250", FALSE },
    { "employees", LW_OP_BETWEEN, "1e2", "1e3", NULL, "250", TRUE },
    { "employees", LW_OP_IN, NULL, NULL, "100|250", "250", TRUE },
    { "employees", LW_OP_IN, NULL, NULL, "100|200", "250", FALSE },
    { "employees", LW_OP_NOT_IN, NULL, NULL, "100|200", "250", TRUE },
    { "employees", LW_OP_NOT_IN, NULL, NULL, "250", "250", FALSE },
    { "employees", LW_OP_HAS_PROPERTY, NULL, NULL, NULL, "250", TRUE },
    { "employees", LW_OP_NOT_HAS_PROPERTY, NULL, NULL, NULL, "250", FALSE },
    { "employees", LW_OP_HAS_PROPERTY, NULL, NULL, NULL, "0", TRUE },
    { "employees", LW_OP_EQ, "1000", NULL, NULL, "1e3", TRUE },
    { "employees", LW_OP_GT, "999.5", NULL, NULL, "1e3", TRUE },
    { "employees", LW_OP_LT, "-5", NULL, NULL, "-5.5", TRUE },
    { "employees", LW_OP_LT, "-5.5", NULL, NULL, "-5.5", FALSE },
    { "employees", LW_OP_GT, "-6", NULL, NULL, "-5.5", TRUE },
    { "employees", LW_OP_EQ, "-5.50", NULL, NULL, "-5.5", TRUE },
    { "employees", LW_OP_BETWEEN, "-10", "-5.5", NULL, "-5.5", TRUE },
    { "employees", LW_OP_BETWEEN, "-5.4", "0", NULL, "-5.5", FALSE },
    { "employees", LW_OP_EQ, "0", NULL, NULL, NULL, FALSE },
    { "employees", LW_OP_NEQ, "0", NULL, NULL, NULL, TRUE },
    { "employees", LW_OP_LT, "100", NULL, NULL, NULL, FALSE },
    { "employees", LW_OP_LTE, "100", NULL, NULL, NULL, FALSE },
    { "employees", LW_OP_GT, "-100", NULL, NULL, NULL, FALSE },
    { "employees", LW_OP_GTE, "-100", NULL, NULL, NULL, FALSE },
    { "employees", LW_OP_BETWEEN, "-100", "100", NULL, NULL, FALSE },
    { "employees", LW_OP_IN, NULL, NULL, "0|1", NULL, FALSE },
    { "employees", LW_OP_NOT_IN, NULL, NULL, "0|1", NULL, TRUE },
    { "employees", LW_OP_HAS_PROPERTY, NULL, NULL, NULL, NULL, FALSE },
    { "employees", LW_OP_NOT_HAS_PROPERTY, NULL, NULL, NULL, NULL, TRUE },
  };

  run_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_boolean_operators (void)
{
  static const Case cases[] = {
    { "customer", LW_OP_EQ, "true", NULL, NULL, "true", TRUE },
    { "customer", LW_OP_EQ, "TRUE", NULL, NULL, "true", TRUE },
    { "customer", LW_OP_EQ, "false", NULL, NULL, "true", FALSE },
    { "customer", LW_OP_NEQ, "false", NULL, NULL, "true", TRUE },
    { "customer", LW_OP_NEQ, "true", NULL, NULL, "true", FALSE },
    { "customer", LW_OP_IN, NULL, NULL, "false|true", "true", TRUE },
    { "customer", LW_OP_IN, NULL, NULL, "false", "true", FALSE },
    { "customer", LW_OP_NOT_IN, NULL, NULL, "false", "true", TRUE },
    { "customer", LW_OP_NOT_IN, NULL, NULL, "True", "true", FALSE },
    { "customer", LW_OP_HAS_PROPERTY, NULL, NULL, NULL, "true", TRUE },
    { "customer", LW_OP_NOT_HAS_PROPERTY, NULL, NULL, NULL, "true", FALSE },
    { "customer", LW_OP_EQ, "false", NULL, NULL, "False", TRUE },
    { "customer", LW_OP_EQ, "true", NULL, NULL, "False", FALSE },
    { "customer", LW_OP_NEQ, "true", NULL, NULL, "False", TRUE },
    /* false is a value: the property is known. */
    { "customer", LW_OP_HAS_PROPERTY, NULL, NULL, NULL, "false", TRUE },
    /* No value is neither true nor false. */
    { "customer", LW_OP_EQ, "true", NULL, NULL, NULL, FALSE },
    { "customer", LW_OP_EQ, "false", NULL, NULL, NULL, FALSE },
    { "customer", LW_OP_NEQ, "true", NULL, NULL, NULL, TRUE },
    { "customer", LW_OP_IN, NULL, NULL, "true|false", NULL, FALSE },
    { "customer", LW_OP_NOT_IN, NULL, NULL, "true|false", NULL, TRUE },
    { "customer", LW_OP_HAS_PROPERTY, NULL, NULL, NULL, NULL, FALSE },
    { "customer", LW_OP_NOT_HAS_PROPERTY, NULL, NULL, NULL, NULL, TRUE },
  };

  run_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_datetime_operators (void)
{
  /* 2026-03-09T14:00:00Z is 1773064800 s, 1773064800000 ms;
   * 2026-01-01T00:00:00Z is 1767225600000 ms. */
  static const Case cases[] = {
    { "signed_up", LW_OP_EQ, "2026-03-09T15:00:00+01:00", NULL, NULL, "2026-03-09T14:00:00Z", TRUE },
    { "signed_up", LW_OP_EQ, "2026-03-09T09:00:00-05:00", NULL, NULL, "2026-03-09T14:00:00Z", TRUE },
    { "signed_up", LW_OP_EQ, "1773064800000", NULL, NULL, "2026-03-09T14:00:00Z", TRUE },
    { "signed_up", LW_OP_EQ, "2026-03-09T14:00:01Z", NULL, NULL, "2026-03-09T14:00:00Z", FALSE },
    { "signed_up", LW_OP_NEQ, "1773064800000", NULL, NULL, "2026-03-09T14:00:00Z", FALSE },
    { "signed_up", LW_OP_NEQ, "2026-03-09", NULL, NULL, "2026-03-09T14:00:00Z", TRUE },
    { "signed_up", LW_OP_LT, "2026-03-09T14:00:01Z", NULL, NULL, "2026-03-09T14:00:00Z", TRUE },
    { "signed_up", LW_OP_LT, "1773064800000", NULL, NULL, "2026-03-09T14:00:00Z", FALSE },
    { "signed_up", LW_OP_LTE, "1773064800000", NULL, NULL, "2026-03-09T14:00:00Z", TRUE },
    { "signed_up", LW_OP_LTE, "2026-03-09T14:59:59+01:00", NULL, NULL, "2026-03-09T14:00:00Z", FALSE },
    { "signed_up", LW_OP_GT, "2026-03-09", NULL, NULL, "2026-03-09T14:00:00Z", TRUE },
    { "signed_up", LW_OP_GT, "2026-03-09T15:00:00+01:00", NULL, NULL, "2026-03-09T14:00:00Z", FALSE },
    { "signed_up", LW_OP_GTE, "2026-03-09T15:00:00+01:00", NULL, NULL, "2026-03-09T14:00:00Z", TRUE },
    { "signed_up", LW_OP_GTE, "1773064800001", NULL, NULL, "2026-03-09T14:00:00Z", FALSE },
    { "signed_up", LW_OP_BETWEEN, "2026-03-01", "1773064800000", NULL, "2026-03-09T14:00:00Z", TRUE },
    { "signed_up", LW_OP_BETWEEN, "2026-03-09T14:00:00Z", "2026-03-10", NULL, "2026-03-09T14:00:00Z", TRUE },
    { "signed_up", LW_OP_BETWEEN, "1773064800001", "2026-04-01", NULL, "2026-03-09T14:00:00Z", FALSE },
    { "signed_up", LW_OP_IN, NULL, NULL, "2026-01-01T00:00:00Z|1773064800000", "2026-03-09T14:00:00Z", TRUE },
    { "signed_up", LW_OP_IN, NULL, NULL, "1767225600000", "2026-03-09T14:00:00Z", FALSE },
    { "signed_up", LW_OP_NOT_IN, NULL, NULL, "1767225600000", "2026-03-09T14:00:00Z", TRUE },
    { "signed_up", LW_OP_NOT_IN, NULL, NULL, "2026-03-09T14:00:00Z", "2026-03-09T14:00:00Z", FALSE },
    { "signed_up", LW_OP_HAS_PROPERTY, NULL, NULL, NULL, "2026-03-09T14:00:00Z", TRUE },
    { "signed_up", LW_OP_NOT_HAS_PROPERTY, NULL, NULL, NULL, "2026-03-09T14:00:00Z", FALSE },
    /* The lead's value in milliseconds, half a second after 14:00. */
    { "signed_up", LW_OP_GT, "2026-03-09T14:00:00Z", NULL, NULL, "1773064800500", TRUE },
    { "signed_up", LW_OP_LT, "2026-03-09T14:00:01Z", NULL, NULL, "1773064800500", TRUE },
    { "signed_up", LW_OP_EQ, "1773064800500", NULL, NULL, "1773064800500", TRUE },
    { "signed_up", LW_OP_EQ, "2026-03-09T14:00:00Z", NULL, NULL, "1773064800500", FALSE },
    { "signed_up", LW_OP_LT, "1970-01-01T00:00:00Z", NULL, NULL, "-1000", TRUE },
    { "signed_up", LW_OP_EQ, "2026-03-09T14:00:00Z", NULL, NULL, NULL, FALSE },
    { "signed_up", LW_OP_NEQ, "2026-03-09T14:00:00Z", NULL, NULL, NULL, TRUE },
    { "signed_up", LW_OP_LT, "2026-03-09T14:00:00Z", NULL, NULL, NULL, FALSE },
    { "signed_up", LW_OP_LTE, "2026-03-09T14:00:00Z", NULL, NULL, NULL, FALSE },
    { "signed_up", LW_OP_GT, "1970-01-01", NULL, NULL, NULL, FALSE },
    { "signed_up", LW_OP_GTE, "1970-01-01", NULL, NULL, NULL, FALSE },
    { "signed_up", LW_OP_BETWEEN, "1970-01-01", "2100-01-01", NULL, NULL, FALSE },
    { "signed_up", LW_OP_IN, NULL, NULL, "1773064800000", NULL, FALSE },
    { "signed_up", LW_OP_NOT_IN, NULL, NULL, "1773064800000", NULL, TRUE },
    { "signed_up", LW_OP_HAS_PROPERTY, NULL, NULL, NULL, NULL, FALSE },
    { "signed_up", LW_OP_NOT_HAS_PROPERTY, NULL, NULL, NULL, NULL, TRUE },
  };

  run_cases (cases, G_N_ELEMENTS (cases));
}

/* The derived email domain is a value like any other to a condition. */
static void
test_derived_domain (void)
{
  g_autoptr(LwConfig) config = make_config ();
  g_autoptr(LwLead) lead = make_lead (config, "email", "ana@Acme.com");
  g_autoptr(LwLead) other = make_lead (config, "email", "ben@gmail.com");
  g_autoptr(LwCondition) condition = NULL;

  condition = new_condition (new_filter ("email_domain", LW_OP_EQ, "acme.com", NULL, NULL), NULL);
  assert_binds (condition, config);

  g_assert_true (lw_condition_eval (condition, lead));
  g_assert_false (lw_condition_eval (condition, other));
}

/* ---- operators --------------------------------------------------------------- */

static void
test_operator_names (void)
{
  static const char * const names[] = {
    "EQ", "NEQ", "LT", "LTE", "GT", "GTE", "BETWEEN", "IN", "NOT_IN",
    "HAS_PROPERTY", "NOT_HAS_PROPERTY", "CONTAINS_TOKEN", "NOT_CONTAINS_TOKEN",
  };
  LwOperator op = LW_OP_EQ;

  G_STATIC_ASSERT (G_N_ELEMENTS (names) == LW_N_OPERATORS);

  for (guint i = 0; i < LW_N_OPERATORS; i++)
    {
      g_assert_cmpstr (lw_operator_to_string (i), ==, names[i]);
      g_assert_true (lw_operator_from_string (names[i], &op));
      g_assert_cmpint (op, ==, i);
    }

  op = LW_OP_GT;
  g_assert_false (lw_operator_from_string ("EQUALS", &op));
  g_assert_false (lw_operator_from_string ("eq", &op));
  g_assert_false (lw_operator_from_string ("", &op));
  g_assert_false (lw_operator_from_string ("EQ ", &op));
  g_assert_false (lw_operator_from_string (NULL, &op));
  g_assert_cmpint (op, ==, LW_OP_GT);
}

static void
test_operator_symbols (void)
{
  static const char * const symbols[] = {
    "is", "is not", "<", "≤", ">", "≥", "is between", "is any of", "is none of",
    "is known", "is unknown", "contains", "does not contain",
  };

  for (guint i = 0; i < LW_N_OPERATORS; i++)
    g_assert_cmpstr (lw_operator_to_symbol (i), ==, symbols[i]);
}

static void
test_operator_applies_to (void)
{
  /* Columns: string, enum, number, boolean, datetime, email. */
  static const gboolean table[LW_N_OPERATORS][LW_N_PROPERTY_TYPES] = {
    [LW_OP_EQ]                 = { 1, 1, 1, 1, 1, 1 },
    [LW_OP_NEQ]                = { 1, 1, 1, 1, 1, 1 },
    [LW_OP_LT]                 = { 0, 0, 1, 0, 1, 0 },
    [LW_OP_LTE]                = { 0, 0, 1, 0, 1, 0 },
    [LW_OP_GT]                 = { 0, 0, 1, 0, 1, 0 },
    [LW_OP_GTE]                = { 0, 0, 1, 0, 1, 0 },
    [LW_OP_BETWEEN]            = { 0, 0, 1, 0, 1, 0 },
    [LW_OP_IN]                 = { 1, 1, 1, 1, 1, 1 },
    [LW_OP_NOT_IN]             = { 1, 1, 1, 1, 1, 1 },
    [LW_OP_HAS_PROPERTY]       = { 1, 1, 1, 1, 1, 1 },
    [LW_OP_NOT_HAS_PROPERTY]   = { 1, 1, 1, 1, 1, 1 },
    [LW_OP_CONTAINS_TOKEN]     = { 1, 1, 0, 0, 0, 1 },
    [LW_OP_NOT_CONTAINS_TOKEN] = { 1, 1, 0, 0, 0, 1 },
  };

  G_STATIC_ASSERT (LW_PROPERTY_STRING == 0 && LW_PROPERTY_ENUM == 1 &&
                   LW_PROPERTY_NUMBER == 2 && LW_PROPERTY_BOOLEAN == 3 &&
                   LW_PROPERTY_DATETIME == 4 && LW_PROPERTY_EMAIL == 5);

  for (guint op = 0; op < LW_N_OPERATORS; op++)
    {
      for (int type = 0; type < LW_N_PROPERTY_TYPES; type++)
        g_assert_cmpint (lw_operator_applies_to (op, type), ==, table[op][type]);
      g_assert_false (lw_operator_applies_to (op, LW_N_PROPERTY_TYPES));
      g_assert_false (lw_operator_applies_to (op, -1));
    }
}

/* ---- binding errors ---------------------------------------------------------- */

/* Binds a one-filter condition that must fail with exactly @n_errors errors;
 * returns the diagnostics. */
static GPtrArray *
bind_failing (const LwConfig *config,
              LwFilter       *filter,
              guint           n_errors)
{
  g_autoptr(LwCondition) condition = new_condition (filter, NULL);
  g_autoptr(GPtrArray) diagnostics = lw_diagnostics_new ();

  g_assert_false (lw_condition_bind (condition, config, "$.routing.rules[2].when", diagnostics));
  if (diagnostics->len != n_errors)
    for (guint i = 0; i < diagnostics->len; i++)
      {
        g_autofree char *text = lw_diagnostic_format (g_ptr_array_index (diagnostics, i));
        g_printerr ("%s\n", text);
      }
  g_assert_cmpuint (diagnostics->len, ==, n_errors);
  g_assert_cmpuint (lw_diagnostics_count (diagnostics, LW_SEVERITY_ERROR), ==, n_errors);

  /* A condition that did not bind stays unbound. */
  g_assert_cmpint (filter->prop_index, ==, -1);

  return g_steal_pointer (&diagnostics);
}

#define FILTER_PATH "$.routing.rules[2].when.filterGroups[0].filters[0]"

static void
assert_message (GPtrArray  *diagnostics,
                const char *path,
                const char *message)
{
  const LwDiagnostic *d = lw_test_assert_diagnostic (diagnostics, LW_SEVERITY_ERROR, path, message);

  g_assert_cmpstr (d->message, ==, message);
}

static void
test_bind_unknown_property (void)
{
  g_autoptr(LwConfig) config = make_config ();
  g_autoptr(GPtrArray) diagnostics = NULL;

  diagnostics = bind_failing (config, new_filter ("countr", LW_OP_EQ, "US", NULL, NULL), 1);
  assert_message (diagnostics, FILTER_PATH ".propertyName", "unknown property \"countr\"");

  g_clear_pointer (&diagnostics, g_ptr_array_unref);
  diagnostics = bind_failing (config, new_filter ("", LW_OP_EQ, "US", NULL, NULL), 1);
  assert_message (diagnostics, FILTER_PATH ".propertyName", "a filter needs a propertyName");

  /* The other problems of the filter are still reported. */
  g_clear_pointer (&diagnostics, g_ptr_array_unref);
  diagnostics = bind_failing (config, new_filter ("countr", LW_OP_BETWEEN, NULL, NULL, NULL), 3);
  assert_message (diagnostics, FILTER_PATH ".propertyName", "unknown property \"countr\"");
  assert_message (diagnostics, FILTER_PATH ".value", "operator BETWEEN needs a value");
  assert_message (diagnostics, FILTER_PATH ".highValue", "operator BETWEEN needs a highValue");
}

static void
test_bind_operator_not_applicable (void)
{
  g_autoptr(LwConfig) config = make_config ();
  static const struct
  {
    const char *property;
    LwOperator  op;
    const char *message;
  } cases[] = {
    { "country", LW_OP_LT, "operator LT does not apply to enum property \"country\"" },
    { "title", LW_OP_GTE, "operator GTE does not apply to string property \"title\"" },
    { "email", LW_OP_GT, "operator GT does not apply to email property \"email\"" },
    { "customer", LW_OP_LTE, "operator LTE does not apply to boolean property \"customer\"" },
    { "employees", LW_OP_CONTAINS_TOKEN, "operator CONTAINS_TOKEN does not apply to number property \"employees\"" },
    { "signed_up", LW_OP_NOT_CONTAINS_TOKEN, "operator NOT_CONTAINS_TOKEN does not apply to datetime property \"signed_up\"" },
    { "customer", LW_OP_CONTAINS_TOKEN, "operator CONTAINS_TOKEN does not apply to boolean property \"customer\"" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) diagnostics = NULL;

      diagnostics = bind_failing (config, new_filter (cases[i].property, cases[i].op, "1", NULL, NULL), 1);
      assert_message (diagnostics, FILTER_PATH ".operator", cases[i].message);
    }

  {
    g_autoptr(GPtrArray) diagnostics = NULL;

    diagnostics = bind_failing (config, new_filter ("title", LW_OP_BETWEEN, "1", "2", NULL), 1);
    assert_message (diagnostics, FILTER_PATH ".operator",
                    "operator BETWEEN does not apply to string property \"title\"");
  }
}

static void
test_bind_missing_values (void)
{
  g_autoptr(LwConfig) config = make_config ();
  g_autoptr(GPtrArray) d = NULL;

  d = bind_failing (config, new_filter ("employees", LW_OP_EQ, NULL, NULL, NULL), 1);
  assert_message (d, FILTER_PATH ".value", "operator EQ needs a value");

  g_clear_pointer (&d, g_ptr_array_unref);
  d = bind_failing (config, new_filter ("title", LW_OP_CONTAINS_TOKEN, "", NULL, NULL), 1);
  assert_message (d, FILTER_PATH ".value", "operator CONTAINS_TOKEN needs a value");

  g_clear_pointer (&d, g_ptr_array_unref);
  d = bind_failing (config, new_filter ("employees", LW_OP_BETWEEN, "10", NULL, NULL), 1);
  assert_message (d, FILTER_PATH ".highValue", "operator BETWEEN needs a highValue");

  g_clear_pointer (&d, g_ptr_array_unref);
  d = bind_failing (config, new_filter ("employees", LW_OP_BETWEEN, NULL, "10", NULL), 1);
  assert_message (d, FILTER_PATH ".value", "operator BETWEEN needs a value");

  g_clear_pointer (&d, g_ptr_array_unref);
  d = bind_failing (config, new_filter ("country", LW_OP_IN, NULL, NULL, NULL), 1);
  assert_message (d, FILTER_PATH ".values", "operator IN needs at least one value");

  {
    LwFilter *filter = new_filter ("country", LW_OP_NOT_IN, NULL, NULL, NULL);

    filter->values = g_new0 (char *, 1);
    g_clear_pointer (&d, g_ptr_array_unref);
    d = bind_failing (config, filter, 1);
    assert_message (d, FILTER_PATH ".values", "operator NOT_IN needs at least one value");
  }

  g_clear_pointer (&d, g_ptr_array_unref);
  d = bind_failing (config, new_filter ("country", LW_OP_IN, NULL, NULL, "US||CA"), 1);
  assert_message (d, FILTER_PATH ".values[1]", "a value cannot be empty");

  /* A word to look for, not only separators. */
  g_clear_pointer (&d, g_ptr_array_unref);
  d = bind_failing (config, new_filter ("title", LW_OP_CONTAINS_TOKEN, "*-*", NULL, NULL), 1);
  assert_message (d, FILTER_PATH ".value", "\"*-*\" has no word to look for");
}

static void
test_bind_extra_values (void)
{
  g_autoptr(LwConfig) config = make_config ();
  g_autoptr(GPtrArray) d = NULL;

  d = bind_failing (config, new_filter ("email", LW_OP_HAS_PROPERTY, "x", NULL, NULL), 1);
  assert_message (d, FILTER_PATH ".value", "operator HAS_PROPERTY takes no value");

  g_clear_pointer (&d, g_ptr_array_unref);
  d = bind_failing (config, new_filter ("country", LW_OP_EQ, "US", NULL, "US|CA"), 1);
  assert_message (d, FILTER_PATH ".values", "operator EQ takes no values");

  g_clear_pointer (&d, g_ptr_array_unref);
  d = bind_failing (config, new_filter ("country", LW_OP_IN, "US", NULL, "US|CA"), 1);
  assert_message (d, FILTER_PATH ".value", "operator IN takes values, not a value");

  g_clear_pointer (&d, g_ptr_array_unref);
  d = bind_failing (config, new_filter ("employees", LW_OP_GT, "1", "5", NULL), 1);
  assert_message (d, FILTER_PATH ".highValue", "operator GT takes no highValue");
}

static void
test_bind_low_above_high (void)
{
  g_autoptr(LwConfig) config = make_config ();
  g_autoptr(GPtrArray) d = NULL;

  d = bind_failing (config, new_filter ("employees", LW_OP_BETWEEN, "50", "10", NULL), 1);
  assert_message (d, FILTER_PATH ".highValue", "the high value 10 is below the low value 50");

  g_clear_pointer (&d, g_ptr_array_unref);
  d = bind_failing (config, new_filter ("signed_up", LW_OP_BETWEEN, "2026-03-09T14:00:00Z",
                                        "2026-03-09T14:00:00+01:00", NULL), 1);
  assert_message (d, FILTER_PATH ".highValue",
                  "the high value 2026-03-09T14:00:00+01:00 is below the low value 2026-03-09T14:00:00Z");
}

static void
test_bind_bad_values (void)
{
  g_autoptr(LwConfig) config = make_config ();
  static const struct
  {
    const char *property;
    const char *value;
    const char *message;
  } cases[] = {
    { "employees", "many", "\"many\" is not a number" },
    { "employees", "0x10", "\"0x10\" is not a number" },
    { "employees", "inf", "\"inf\" is not a number" },
    { "employees", "nan", "\"nan\" is not a number" },
    { "employees", "1,000", "\"1,000\" is not a number" },
    { "employees", "12abc", "\"12abc\" is not a number" },
    { "employees", "1e", "\"1e\" is not a number" },
    { "employees", "1e999", "\"1e999\" is out of range" },
    { "customer", "yes", "\"yes\" is not true or false" },
    { "customer", "1", "\"1\" is not true or false" },
    { "signed_up", "next tuesday",
      "\"next tuesday\" is not a date and time (ISO 8601 such as 2026-03-09T14:00:00Z, "
      "or milliseconds since 1970)" },
    { "signed_up", "2026-13-01",
      "\"2026-13-01\" is not a date and time (ISO 8601 such as 2026-03-09T14:00:00Z, "
      "or milliseconds since 1970)" },
    { "signed_up", "1773064800.5",
      "\"1773064800.5\" is not a date and time (ISO 8601 such as 2026-03-09T14:00:00Z, "
      "or milliseconds since 1970)" },
    { "country", "XX", "\"XX\" is not one of the options of Country (US, CA, DE)" },
    { "country", "United States", "\"United States\" is not one of the options of Country (US, CA, DE)" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) d = NULL;

      d = bind_failing (config, new_filter (cases[i].property, LW_OP_EQ, cases[i].value, NULL, NULL), 1);
      assert_message (d, FILTER_PATH ".value", cases[i].message);
    }

  {
    g_autoptr(GPtrArray) d = NULL;

    /* Each bad value of a list at its own index, the good ones pass. */
    d = bind_failing (config, new_filter ("employees", LW_OP_IN, NULL, NULL, "10|ten|20|twenty"), 2);
    assert_message (d, FILTER_PATH ".values[1]", "\"ten\" is not a number");
    assert_message (d, FILTER_PATH ".values[3]", "\"twenty\" is not a number");
  }

  {
    g_autoptr(GPtrArray) d = NULL;

    d = bind_failing (config, new_filter ("employees", LW_OP_BETWEEN, "low", "high", NULL), 2);
    assert_message (d, FILTER_PATH ".value", "\"low\" is not a number");
    assert_message (d, FILTER_PATH ".highValue", "\"high\" is not a number");
  }

  {
    g_autoptr(GPtrArray) d = NULL;

    d = bind_failing (config, new_filter ("title", LW_OP_EQ, "caf\xc3", NULL, NULL), 1);
    assert_message (d, FILTER_PATH ".value", "the text is not valid UTF-8");
  }
}

static void
test_bind_empty_group (void)
{
  g_autoptr(LwConfig) config = make_config ();
  g_autoptr(LwCondition) condition = NULL;
  g_autoptr(GPtrArray) d = lw_diagnostics_new ();

  condition = new_condition (new_filter ("country", LW_OP_EQ, "US", NULL, NULL), NULL);
  g_ptr_array_add (condition->groups, lw_filter_group_new ());

  g_assert_false (lw_condition_bind (condition, config, "$.slas[0].when", d));
  g_assert_cmpuint (d->len, ==, 1);
  assert_message (d, "$.slas[0].when.filterGroups[1].filters",
                  "a filter group needs at least one filter");
}

/* Every filter of every group is checked, each at its own path. */
static void
test_bind_paths (void)
{
  g_autoptr(LwConfig) config = make_config ();
  g_autoptr(LwCondition) condition = NULL;
  g_autoptr(GPtrArray) d = lw_diagnostics_new ();

  condition = new_condition (new_filter ("country", LW_OP_EQ, "US", NULL, NULL),
                             new_filter ("employees", LW_OP_GT, "lots", NULL, NULL),
                             NULL);
  add_group (condition,
             new_filter ("title", LW_OP_CONTAINS_TOKEN, "cto", NULL, NULL),
             new_filter ("nope", LW_OP_HAS_PROPERTY, NULL, NULL, NULL),
             new_filter ("country", LW_OP_IN, NULL, NULL, "US|Mars"),
             NULL);

  g_assert_false (lw_condition_bind (condition, config, "$.scoring.fit.criteria[4].when", d));
  g_assert_cmpuint (d->len, ==, 3);
  assert_message (d, "$.scoring.fit.criteria[4].when.filterGroups[0].filters[1].value",
                  "\"lots\" is not a number");
  assert_message (d, "$.scoring.fit.criteria[4].when.filterGroups[1].filters[1].propertyName",
                  "unknown property \"nope\"");
  assert_message (d, "$.scoring.fit.criteria[4].when.filterGroups[1].filters[2].values[1]",
                  "\"Mars\" is not one of the options of Country (US, CA, DE)");
}

static void
test_bind_without_diagnostics (void)
{
  g_autoptr(LwConfig) config = make_config ();
  g_autoptr(LwCondition) bad = NULL;
  g_autoptr(LwCondition) good = NULL;

  bad = new_condition (new_filter ("employees", LW_OP_GT, "lots", NULL, NULL), NULL);
  g_assert_false (lw_condition_bind (bad, config, NULL, NULL));

  good = new_condition (new_filter ("employees", LW_OP_GT, "10", NULL, NULL), NULL);
  g_assert_true (lw_condition_bind (good, config, NULL, NULL));
}

/* Binding again after an edit replaces what the first binding parsed. */
static void
test_bind_again (void)
{
  g_autoptr(LwConfig) config = make_config ();
  g_autoptr(LwLead) lead = make_lead (config, "country", "CA");
  g_autoptr(LwCondition) condition = NULL;
  LwFilter *filter;

  condition = new_condition (new_filter ("country", LW_OP_IN, NULL, NULL, "US|DE"), NULL);
  filter = g_ptr_array_index (((LwFilterGroup *) g_ptr_array_index (condition->groups, 0))->filters, 0);
  assert_binds (condition, config);
  g_assert_cmpuint (filter->n_set, ==, 2);
  g_assert_false (lw_condition_eval (condition, lead));

  g_strfreev (filter->values);
  filter->values = g_strsplit ("US|DE|ca", "|", -1);
  assert_binds (condition, config);
  g_assert_cmpuint (filter->n_set, ==, 3);
  g_assert_true (lw_condition_eval (condition, lead));

  /* A failed binding leaves the filter unbound, not half-bound. */
  g_strfreev (filter->values);
  filter->values = g_strsplit ("US|XX", "|", -1);
  g_assert_false (lw_condition_bind (condition, config, "$", NULL));
  g_assert_cmpint (filter->prop_index, ==, -1);
  g_assert_cmpuint (filter->n_set, ==, 0);
}

/* ---- combining filters -------------------------------------------------------- */

static void
test_or_of_and (void)
{
  g_autoptr(LwConfig) config = make_config ();
  g_autoptr(LwCondition) condition = NULL;
  static const struct
  {
    const char *country;
    const char *employees;
    const char *title;
    gboolean    expected;
  } leads[] = {
    { "US", "250", NULL, TRUE },        /* first group */
    { "US", "150", NULL, FALSE },       /* first group, one filter fails */
    { "DE", "250", NULL, FALSE },       /* first group, the other fails */
    { "DE", "10", "CEO", TRUE },        /* second group */
    { NULL, NULL, "Chief Executive Officer", FALSE },
    { "CA", "200", "CEO", TRUE },       /* both */
    { NULL, NULL, NULL, FALSE },
  };

  /* (Country in US, CA and Employees >= 200) or (Job title contains "ceo") */
  condition = new_condition (new_filter ("country", LW_OP_IN, NULL, NULL, "US|CA"),
                             new_filter ("employees", LW_OP_GTE, "200", NULL, NULL),
                             NULL);
  add_group (condition, new_filter ("title", LW_OP_CONTAINS_TOKEN, "ceo", NULL, NULL), NULL);
  assert_binds (condition, config);

  for (guint i = 0; i < G_N_ELEMENTS (leads); i++)
    {
      g_autoptr(LwLead) lead = lw_lead_new (config, "L");

      if (leads[i].country != NULL)
        g_assert_true (lw_lead_set (lead, config, "country", leads[i].country, NULL));
      if (leads[i].employees != NULL)
        g_assert_true (lw_lead_set (lead, config, "employees", leads[i].employees, NULL));
      if (leads[i].title != NULL)
        g_assert_true (lw_lead_set (lead, config, "title", leads[i].title, NULL));

      if (lw_condition_eval (condition, lead) != leads[i].expected)
        g_test_fail_printf ("lead %u gave %s", i, leads[i].expected ? "FALSE" : "TRUE");
    }
}

static void
test_always (void)
{
  g_autoptr(LwConfig) config = make_config ();
  g_autoptr(LwCondition) condition = lw_condition_new ();
  g_autoptr(LwLead) empty = lw_lead_new (config, "L-1");
  g_autoptr(LwLead) full = make_lead (config, "country", "DE");
  g_autoptr(LwCondition) one = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GString) why = g_string_new (NULL);

  g_assert_true (lw_condition_is_always (condition));
  assert_binds (condition, config);
  g_assert_true (lw_condition_eval (condition, empty));
  g_assert_true (lw_condition_eval (condition, full));

  text = lw_condition_describe (condition, config);
  g_assert_cmpstr (text, ==, "Every lead");
  g_assert_true (lw_condition_explain (condition, config, empty, why));
  g_assert_cmpstr (why->str, ==, "Every lead ✓");

  one = new_condition (new_filter ("country", LW_OP_HAS_PROPERTY, NULL, NULL, NULL), NULL);
  g_assert_false (lw_condition_is_always (one));
}

/* ---- copies and equality ------------------------------------------------------- */

static void
test_copy_and_equal (void)
{
  g_autoptr(LwConfig) config = make_config ();
  g_autoptr(LwCondition) condition = NULL;
  g_autoptr(LwCondition) copy = NULL;
  g_autoptr(LwCondition) unbound_copy = NULL;
  g_autoptr(LwLead) inside = make_lead (config, "employees", "30");
  g_autoptr(LwLead) outside = make_lead (config, "employees", "60");
  g_autoptr(LwLead) us_outside = lw_test_lead (config, "employees=60", "country=US", NULL);
  LwFilter *filter;

  condition = new_condition (new_filter ("employees", LW_OP_BETWEEN, "10", "50", NULL), NULL);
  add_group (condition, new_filter ("country", LW_OP_NOT_IN, NULL, NULL, "US|CA"), NULL);

  unbound_copy = lw_condition_copy (condition);
  assert_binds (condition, config);
  copy = lw_condition_copy (condition);

  /* A copy of a bound condition evaluates without binding. */
  g_assert_true (lw_condition_eval (copy, inside));
  g_assert_true (lw_condition_eval (copy, outside));   /* no country: NOT_IN holds */

  g_assert_true (lw_condition_equal (condition, copy));
  g_assert_true (lw_condition_equal (condition, unbound_copy));
  g_assert_true (lw_condition_equal (NULL, NULL));
  g_assert_false (lw_condition_equal (condition, NULL));

  filter = g_ptr_array_index (((LwFilterGroup *) g_ptr_array_index (copy->groups, 1))->filters, 0);
  g_free (filter->values[1]);
  filter->values[1] = g_strdup ("DE");
  g_assert_false (lw_condition_equal (condition, copy));

  filter = g_ptr_array_index (((LwFilterGroup *) g_ptr_array_index (unbound_copy->groups, 0))->filters, 0);
  g_free (filter->high_value);
  filter->high_value = g_strdup ("51");
  g_assert_false (lw_condition_equal (condition, unbound_copy));

  g_ptr_array_remove_index (unbound_copy->groups, 1);
  g_assert_false (lw_condition_equal (condition, unbound_copy));

  /* The original is untouched by edits of its copies. */
  filter = g_ptr_array_index (((LwFilterGroup *) g_ptr_array_index (condition->groups, 0))->filters, 0);
  g_assert_cmpstr (filter->high_value, ==, "50");
  g_assert_true (lw_condition_eval (condition, inside));
  g_assert_false (lw_condition_eval (condition, us_outside));
}

/* ---- words for people ----------------------------------------------------------- */

static void
assert_describes (const LwConfig *config,
                  LwFilter       *filter,
                  const char     *expected)
{
  g_autoptr(LwCondition) condition = new_condition (filter, NULL);
  g_autofree char *text = NULL;

  assert_binds (condition, config);
  text = lw_filter_describe (filter, config);
  g_assert_cmpstr (text, ==, expected);
}

static void
test_describe_filters (void)
{
  g_autoptr(LwConfig) config = make_config ();
  g_autoptr(LwFilter) unbound = NULL;
  g_autoptr(LwFilter) unknown = NULL;
  g_autofree char *text = NULL;

  assert_describes (config, new_filter ("country", LW_OP_EQ, "us", NULL, NULL), "Country is United States");
  assert_describes (config, new_filter ("country", LW_OP_NEQ, "CA", NULL, NULL), "Country is not Canada");
  assert_describes (config, new_filter ("country", LW_OP_IN, NULL, NULL, "US|ca"),
                    "Country is any of United States, Canada");
  assert_describes (config, new_filter ("country", LW_OP_NOT_IN, NULL, NULL, "DE"), "Country is none of Germany");
  assert_describes (config, new_filter ("region", LW_OP_CONTAINS_TOKEN, "America", NULL, NULL),
                    "Region contains America");
  assert_describes (config, new_filter ("employees", LW_OP_GTE, "200", NULL, NULL), "Employees ≥ 200");
  assert_describes (config, new_filter ("employees", LW_OP_LTE, "12.50", NULL, NULL), "Employees ≤ 12.5");
  assert_describes (config, new_filter ("employees", LW_OP_GT, "1e3", NULL, NULL), "Employees > 1000");
  assert_describes (config, new_filter ("employees", LW_OP_LT, "-5.5", NULL, NULL), "Employees < -5.5");
  assert_describes (config, new_filter ("employees", LW_OP_BETWEEN, "10", "50", NULL),
                    "Employees is between 10 and 50");
  assert_describes (config, new_filter ("email", LW_OP_HAS_PROPERTY, NULL, NULL, NULL), "Email is known");
  assert_describes (config, new_filter ("email", LW_OP_NOT_HAS_PROPERTY, NULL, NULL, NULL), "Email is unknown");
  assert_describes (config, new_filter ("email", LW_OP_CONTAINS_TOKEN, "Gmail.com", NULL, NULL),
                    "Email contains Gmail.com");
  assert_describes (config, new_filter ("title", LW_OP_NOT_CONTAINS_TOKEN, "intern*", NULL, NULL),
                    "Job title does not contain intern*");
  assert_describes (config, new_filter ("title", LW_OP_EQ, "Head of Sales", NULL, NULL),
                    "Job title is Head of Sales");
  assert_describes (config, new_filter ("customer", LW_OP_NEQ, "TRUE", NULL, NULL), "Existing customer is not true");
  assert_describes (config, new_filter ("signed_up", LW_OP_GTE, "1773064800000", NULL, NULL),
                    "Signed up ≥ 2026-03-09T14:00:00Z");
  assert_describes (config, new_filter ("signed_up", LW_OP_BETWEEN, "2026-03-09T15:00:00+01:00", "2026-04-01", NULL),
                    "Signed up is between 2026-03-09T14:00:00Z and 2026-04-01T00:00:00Z");

  /* Before binding, as written; an unknown property by its id. */
  unbound = new_filter ("employees", LW_OP_GTE, "1e3", NULL, NULL);
  text = lw_filter_describe (unbound, config);
  g_assert_cmpstr (text, ==, "Employees ≥ 1e3");
  g_clear_pointer (&text, g_free);

  unknown = new_filter ("nope", LW_OP_EQ, "1", NULL, NULL);
  text = lw_filter_describe (unknown, config);
  g_assert_cmpstr (text, ==, "nope is 1");
}

static void
test_describe_condition (void)
{
  g_autoptr(LwConfig) config = make_config ();
  g_autoptr(LwCondition) condition = NULL;
  g_autofree char *text = NULL;

  condition = new_condition (new_filter ("country", LW_OP_IN, NULL, NULL, "US|CA"),
                             new_filter ("employees", LW_OP_GTE, "200", NULL, NULL),
                             NULL);
  assert_binds (condition, config);
  text = lw_condition_describe (condition, config);
  g_assert_cmpstr (text, ==, "Country is any of United States, Canada and Employees ≥ 200");
  g_clear_pointer (&text, g_free);

  add_group (condition, new_filter ("title", LW_OP_CONTAINS_TOKEN, "vice president", NULL, NULL), NULL);
  assert_binds (condition, config);
  text = lw_condition_describe (condition, config);
  g_assert_cmpstr (text, ==,
                   "Country is any of United States, Canada and Employees ≥ 200"
                   " — or — Job title contains vice president");
}

static void
test_explain (void)
{
  g_autoptr(LwConfig) config = make_config ();
  g_autoptr(LwCondition) condition = NULL;
  g_autoptr(LwLead) small = lw_test_lead (config, "country=us", "employees=150", NULL);
  g_autoptr(LwLead) large = lw_test_lead (config, "country=CA", "employees=250", "title=Vice President", NULL);
  g_autoptr(GString) why = g_string_new ("Rule 1: ");

  condition = new_condition (new_filter ("country", LW_OP_IN, NULL, NULL, "US|CA"),
                             new_filter ("employees", LW_OP_GTE, "200", NULL, NULL),
                             NULL);
  assert_binds (condition, config);

  g_assert_false (lw_condition_explain (condition, config, small, why));
  g_assert_cmpstr (why->str, ==,
                   "Rule 1: Country is any of United States, Canada (lead: United States) ✓; "
                   "Employees ≥ 200 (lead: 150) ✗");

  add_group (condition, new_filter ("title", LW_OP_CONTAINS_TOKEN, "vice president", NULL, NULL), NULL);
  assert_binds (condition, config);

  g_string_truncate (why, 0);
  g_assert_false (lw_condition_explain (condition, config, small, why));
  g_assert_cmpstr (why->str, ==,
                   "Country is any of United States, Canada (lead: United States) ✓; "
                   "Employees ≥ 200 (lead: 150) ✗"
                   " — or — Job title contains vice president (lead: no value) ✗");

  g_string_truncate (why, 0);
  g_assert_true (lw_condition_explain (condition, config, large, why));
  g_assert_cmpstr (why->str, ==,
                   "Country is any of United States, Canada (lead: Canada) ✓; "
                   "Employees ≥ 200 (lead: 250) ✓"
                   " — or — Job title contains vice president (lead: Vice President) ✓");
}

static void
test_explain_values (void)
{
  g_autoptr(LwConfig) config = make_config ();
  g_autoptr(LwCondition) condition = NULL;
  g_autoptr(LwLead) lead = lw_test_lead (config, "customer=FALSE", "signed_up=1773064800000",
                                         "employees=12.50", NULL);
  g_autoptr(GString) why = g_string_new (NULL);

  condition = new_condition (new_filter ("customer", LW_OP_NEQ, "true", NULL, NULL),
                             new_filter ("signed_up", LW_OP_LT, "2026-03-10", NULL, NULL),
                             new_filter ("employees", LW_OP_BETWEEN, "10", "20", NULL),
                             new_filter ("email", LW_OP_NOT_HAS_PROPERTY, NULL, NULL, NULL),
                             NULL);
  assert_binds (condition, config);

  g_assert_true (lw_condition_explain (condition, config, lead, why));
  g_assert_cmpstr (why->str, ==,
                   "Existing customer is not true (lead: false) ✓; "
                   "Signed up < 2026-03-10T00:00:00Z (lead: 2026-03-09T14:00:00Z) ✓; "
                   "Employees is between 10 and 20 (lead: 12.5) ✓; "
                   "Email is unknown (lead: no value) ✓");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/condition/operator/names", test_operator_names);
  g_test_add_func ("/condition/operator/symbols", test_operator_symbols);
  g_test_add_func ("/condition/operator/applies-to", test_operator_applies_to);
  g_test_add_func ("/condition/eval/string", test_string_operators);
  g_test_add_func ("/condition/eval/email", test_email_operators);
  g_test_add_func ("/condition/eval/enum", test_enum_operators);
  g_test_add_func ("/condition/eval/number", test_number_operators);
  g_test_add_func ("/condition/eval/boolean", test_boolean_operators);
  g_test_add_func ("/condition/eval/datetime", test_datetime_operators);
  g_test_add_func ("/condition/eval/derived-domain", test_derived_domain);
  g_test_add_func ("/condition/eval/or-of-and", test_or_of_and);
  g_test_add_func ("/condition/eval/always", test_always);
  g_test_add_func ("/condition/bind/unknown-property", test_bind_unknown_property);
  g_test_add_func ("/condition/bind/operator-not-applicable", test_bind_operator_not_applicable);
  g_test_add_func ("/condition/bind/missing-values", test_bind_missing_values);
  g_test_add_func ("/condition/bind/extra-values", test_bind_extra_values);
  g_test_add_func ("/condition/bind/low-above-high", test_bind_low_above_high);
  g_test_add_func ("/condition/bind/bad-values", test_bind_bad_values);
  g_test_add_func ("/condition/bind/empty-group", test_bind_empty_group);
  g_test_add_func ("/condition/bind/paths", test_bind_paths);
  g_test_add_func ("/condition/bind/without-diagnostics", test_bind_without_diagnostics);
  g_test_add_func ("/condition/bind/again", test_bind_again);
  g_test_add_func ("/condition/copy-and-equal", test_copy_and_equal);
  g_test_add_func ("/condition/describe/filters", test_describe_filters);
  g_test_add_func ("/condition/describe/condition", test_describe_condition);
  g_test_add_func ("/condition/explain/groups", test_explain);
  g_test_add_func ("/condition/explain/values", test_explain_values);

  return g_test_run ();
}
