/* lw-cli-rules.c: validate, score and route a rule set
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <stdio.h>

#include "lw-cli.h"
#include "lw-config-json.h"
#include "lw-lifecycle.h"
#include "lw-lint.h"
#include "lw-result-json.h"
#include "lw-routing.h"
#include "lw-scoring.h"
#include "lw-sla.h"

/* ---- validate ------------------------------------------------------------- */

static int
validate_one (const char *filename,
              gboolean    strict,
              guint      *n_errors,
              guint      *n_warnings)
{
  g_autoptr(GPtrArray) diagnostics = lw_diagnostics_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LwConfig) config = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;
  guint errors, warnings;

  if (!g_file_get_contents (filename, &data, &length, &error))
    {
      fprintf (stderr, "%s: error: %s\n", filename, error->message);
      (*n_errors)++;
      return LW_EXIT_INVALID;
    }

  config = lw_config_load_data (data, length, filename, diagnostics, &error);
  if (config != NULL)
    {
      lw_lint_config (config, diagnostics);
      lw_config_locate (data, length, filename, diagnostics);
    }
  else if (diagnostics->len == 0)
    {
      fprintf (stderr, "%s\n", error->message);
      (*n_errors)++;
      return LW_EXIT_INVALID;
    }

  lw_cli_print_diagnostics (diagnostics);
  errors = lw_diagnostics_count (diagnostics, LW_SEVERITY_ERROR);
  warnings = lw_diagnostics_count (diagnostics, LW_SEVERITY_WARNING);
  *n_errors += errors;
  *n_warnings += warnings;

  if (errors > 0 || (strict && warnings > 0))
    return LW_EXIT_INVALID;
  return LW_EXIT_OK;
}

int
lw_cli_validate (int    argc,
                 char **argv)
{
  gboolean strict = FALSE;
  gboolean quiet = FALSE;
  GOptionEntry entries[] = {
    { "strict", 0, 0, G_OPTION_ARG_NONE, &strict, "Fail on warnings too", NULL },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, "Print only errors and warnings", NULL },
    { NULL }
  };
  guint n_errors = 0, n_warnings = 0;
  int status = LW_EXIT_OK;

  if (!lw_cli_parse_options (lw_cli_find_command ("validate"), entries, &argc, &argv, 1, -1))
    return LW_EXIT_USAGE;

  for (int i = 2; i < argc; i++)
    {
      guint errors = n_errors, warnings = n_warnings;

      if (validate_one (argv[i], strict, &n_errors, &n_warnings) != LW_EXIT_OK)
        status = LW_EXIT_INVALID;
      if (!quiet)
        {
          errors = n_errors - errors;
          warnings = n_warnings - warnings;
          if (errors == 0 && warnings == 0)
            printf ("%s: valid\n", argv[i]);
          else
            printf ("%s: %u error%s, %u warning%s\n", argv[i],
                    errors, errors == 1 ? "" : "s", warnings, warnings == 1 ? "" : "s");
        }
    }

  return status;
}

/* ---- score and route ------------------------------------------------------- */

typedef struct
{
  LwConfig *config;
  LwLead   *lead;
  LwTime    at;
} Subject;

static void
subject_clear (Subject *subject)
{
  g_clear_pointer (&subject->lead, lw_lead_free);
  g_clear_pointer (&subject->config, lw_config_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Subject, subject_clear)

static gboolean
load_subject (const char *config_file,
              const char *lead_file,
              const char *at,
              Subject    *subject)
{
  g_autoptr(GError) error = NULL;

  if (!lw_cli_parse_time (at, &subject->at))
    return FALSE;

  subject->config = lw_cli_load_config (config_file);
  if (subject->config == NULL)
    return FALSE;

  subject->lead = lw_lead_load_file (subject->config, lead_file, &error);
  if (subject->lead == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return FALSE;
    }

  return TRUE;
}

static char *
format_points (double points)
{
  if (fabs (points - round (points)) < 0.05)
    return g_strdup_printf ("%+.0f", round (points));
  return g_strdup_printf ("%+.1f", points);
}

static char *
format_score (double score)
{
  if (fabs (score - round (score)) < 0.05)
    return g_strdup_printf ("%.0f", round (score));
  return g_strdup_printf ("%.1f", score);
}

static void
print_score_items (const LwScore *score,
                   LwScoreKind    kind)
{
  for (guint i = 0; i < score->items->len; i++)
    {
      const LwScoreItem *item = g_ptr_array_index (score->items, i);
      g_autofree char *points = NULL;

      if (item->kind != kind)
        continue;
      points = item->matched ? format_points (item->points) : g_strdup ("·");
      printf ("  %6s  %s\n", points, item->why);
    }
}

int
lw_cli_score (int    argc,
              char **argv)
{
  g_autofree char *at = NULL;
  gboolean as_json = FALSE;
  GOptionEntry entries[] = {
    { "at", 0, 0, G_OPTION_ARG_STRING, &at, "Score at this time (ISO 8601; default: now)", "TIME" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, "Print JSON", NULL },
    { NULL }
  };
  g_auto(Subject) subject = { 0 };
  g_auto(LwScore) score = { 0 };
  g_auto(LwStageDecision) stage = { 0 };

  if (!lw_cli_parse_options (lw_cli_find_command ("score"), entries, &argc, &argv, 2, 2))
    return LW_EXIT_USAGE;
  if (!load_subject (argv[2], argv[3], at, &subject))
    return LW_EXIT_INVALID;

  lw_score_lead (subject.config, subject.lead, subject.at, TRUE, &score);
  lw_score_apply (subject.config, &score, subject.lead);
  lw_lifecycle_decide (subject.config, subject.lead, -1, &score, &stage);

  if (as_json)
    {
      g_autoptr(JsonNode) node = lw_score_to_json (subject.config, &score, &stage);
      g_autofree char *text = lw_json_to_string (node, TRUE);

      printf ("%s\n", text);
    }
  else
    {
      g_autofree char *fit = format_score (score.fit);
      g_autofree char *engagement = format_score (score.engagement);
      g_autofree char *total = format_score (score.total);
      g_autofree char *when = lw_time_format_iso8601 (subject.at);
      g_autofree char *mql = lw_scoring_describe_mql (subject.config);
      const LwStage *s = stage.stage >= 0 ? g_ptr_array_index (subject.config->stages, stage.stage) : NULL;

      printf ("Lead %s, scored at %s\n\n", subject.lead->id, when);
      printf ("Fit %s, engagement %s, total %s", fit, engagement, total);
      if (score.grade[0] != '\0')
        printf (", grade %s", score.grade);
      printf ("\n%s: %s\n", mql, score.mql ? "met" : "not met");
      if (s != NULL)
        printf ("Stage: %s (%s)\n", s->label, stage.why);
      printf ("\nFit\n");
      print_score_items (&score, LW_SCORE_FIT);
      printf ("\nEngagement\n");
      print_score_items (&score, LW_SCORE_ENGAGEMENT);
    }

  return LW_EXIT_OK;
}

static const char *
step_mark (LwRouteStepResult result)
{
  switch (result)
    {
    case LW_STEP_ASSIGNED:    return "→";
    case LW_STEP_NOT_MATCHED: return "✗";
    default:                  return "↷";
    }
}

static void
print_time_line (const char *what,
                 LwTime      time,
                 const LwRep *owner)
{
  g_autofree char *utc = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *local_text = NULL;

  if (time == G_MAXINT64)
    {
      printf ("  %-22s never (the owner has no working hours)\n", what);
      return;
    }
  utc = lw_time_format_iso8601 (time);
  if (owner != NULL && owner->tz != NULL)
    {
      g_autoptr(GDateTime) instant = g_date_time_new_from_unix_utc (time);

      local = g_date_time_to_timezone (instant, owner->tz);
      local_text = g_date_time_format (local, "%a %d %b %H:%M %Z");
    }
  printf ("  %-22s %s%s%s%s\n", what, utc,
          local_text ? " (" : "", local_text ? local_text : "", local_text ? " for the owner)" : "");
}

int
lw_cli_route (int    argc,
              char **argv)
{
  g_autofree char *at = NULL;
  gboolean as_json = FALSE;
  GOptionEntry entries[] = {
    { "at", 0, 0, G_OPTION_ARG_STRING, &at, "Route at this time (ISO 8601; default: now)", "TIME" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, "Print JSON", NULL },
    { NULL }
  };
  g_auto(Subject) subject = { 0 };
  g_auto(LwScore) score = { 0 };
  g_auto(LwRoute) route = { 0 };
  LwRoutingState *state;
  LwSlaTimes sla = { 0 };
  const LwSlaPolicy *policy;

  if (!lw_cli_parse_options (lw_cli_find_command ("route"), entries, &argc, &argv, 2, 2))
    return LW_EXIT_USAGE;
  if (!load_subject (argv[2], argv[3], at, &subject))
    return LW_EXIT_INVALID;

  /* Scores first: routing and SLA conditions may use them. */
  lw_score_lead (subject.config, subject.lead, subject.at, FALSE, &score);
  lw_score_apply (subject.config, &score, subject.lead);

  state = lw_routing_state_new (subject.config);
  lw_route_lead (subject.config, subject.lead, subject.at, state, TRUE, &route);
  lw_routing_state_free (state);

  policy = lw_sla_select (subject.config, subject.lead);
  if (policy != NULL)
    lw_sla_compute (policy, route.owner, subject.at, NULL, 0, &sla);

  if (as_json)
    {
      g_autoptr(JsonNode) node = lw_route_to_json (subject.config, &route, &sla);
      g_autofree char *text = lw_json_to_string (node, TRUE);

      printf ("%s\n", text);
      return LW_EXIT_OK;
    }

  printf ("Lead %s → %s", subject.lead->id, route.owner->name);
  if (route.fallback)
    printf (" (fallback)");
  else if (route.rule != NULL)
    printf (" by rule \"%s\"", route.rule->label);
  printf ("\n\nRules tried, first match wins:\n");
  for (guint i = 0; i < route.steps->len; i++)
    {
      const LwRouteStep *step = g_ptr_array_index (route.steps, i);

      printf ("  %s %s: %s\n", step_mark (step->result),
              step->rule != NULL ? step->rule->label : "Fallback", step->why);
    }

  printf ("\n");
  if (policy == NULL)
    {
      printf ("SLA: no policy applies to this lead.\n");
    }
  else
    {
      printf ("SLA: %s, first touch within %u minutes (%s time)\n", policy->label,
              policy->deadline_minutes, policy->clock == LW_CLOCK_BUSINESS ? "business" : "calendar");
      if (sla.warn_at != G_MAXINT64 && policy->warn_before_minutes > 0)
        print_time_line ("warning at", sla.warn_at, route.owner);
      print_time_line ("deadline", sla.deadline, route.owner);
      for (guint i = 0; i < sla.n_escalations; i++)
        {
          const LwEscalation *e = &g_array_index (policy->escalations, LwEscalation, i);

          print_time_line (e->action == LW_ESCALATE_REASSIGN ? "reassign at" : "notify manager at",
                           sla.escalate_at[i], route.owner);
        }
    }

  return LW_EXIT_OK;
}
