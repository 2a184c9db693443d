/* lw-sim-summary.c: a simulation run's summary as figures and as text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "lw-report.h"
#include "lw-sim-internal.h"

void
lw_sim_figure_free (LwSimFigure *figure)
{
  if (figure == NULL)
    return;
  g_free (figure->key);
  g_free (figure->label);
  g_free (figure);
}

static void add_figure (GPtrArray  *list,
                        double      value,
                        const char *key,
                        const char *label,
                        ...) G_GNUC_PRINTF (4, 5);

/* Adds a figure; @label is a format. */
static void
add_figure (GPtrArray  *list,
            double      value,
            const char *key,
            const char *label,
            ...)
{
  LwSimFigure *figure = g_new0 (LwSimFigure, 1);
  va_list args;

  va_start (args, label);
  figure->label = g_strdup_vprintf (label, args);
  va_end (args);
  figure->key = g_strdup (key);
  figure->value = value;
  g_ptr_array_add (list, figure);
}

static double
ratio (double part,
       double whole)
{
  return whole > 0 ? 100.0 * part / whole : NAN;
}

static double
minutes_or_nan (gint64 seconds)
{
  return seconds >= 0 ? seconds / 60.0 : NAN;
}

static double
percent_or_nan (double value)
{
  return value >= 0 ? value : NAN;
}

static void
add_sla_figures (GPtrArray             *list,
                 const char            *prefix,
                 const char            *name,
                 const LwSimSlaFigures *f)
{
  g_autofree char *k = NULL;

#define KEY(suffix) (g_free (k), k = g_strconcat (prefix, suffix, NULL))
  /* translators: %s is an SLA policy's label, or "all policies" */
  add_figure (list, f->leads, KEY (".leads"), _("SLA %s: leads on the clock"), name);
  add_figure (list, f->met, KEY (".met"), _("SLA %s: met"), name);
  add_figure (list, f->breached, KEY (".breached"), _("SLA %s: breached"), name);
  add_figure (list, f->pending, KEY (".pending"), _("SLA %s: pending"), name);
  add_figure (list, percent_or_nan (f->compliance), KEY (".compliance"),
              _("SLA %s: compliance (%%)"), name);
  add_figure (list, minutes_or_nan (f->ttft_p50), KEY (".ttft_p50"),
              _("SLA %s: time to first touch, median (minutes)"), name);
  add_figure (list, minutes_or_nan (f->ttft_p90), KEY (".ttft_p90"),
              _("SLA %s: time to first touch, 90th percentile (minutes)"), name);
  add_figure (list, f->escalated, KEY (".escalated"), _("SLA %s: leads escalated"), name);
  add_figure (list, f->reassigned, KEY (".reassigned"), _("SLA %s: leads reassigned"), name);
#undef KEY
}

static void
add_source_figures (GPtrArray                *list,
                    const char               *prefix,
                    const char               *name,
                    const LwSimSourceFigures *f)
{
  g_autofree char *k = NULL;

#define KEY(suffix) (g_free (k), k = g_strconcat (prefix, suffix, NULL))
  /* translators: %s is a lead source or an entry point */
  add_figure (list, f->leads, KEY (".leads"), _("%s: leads"), name);
  add_figure (list, f->mql, KEY (".mql"), _("%s: MQLs"), name);
  add_figure (list, ratio (f->mql, f->leads), KEY (".mql_rate"), _("%s: MQL rate (%%)"), name);
  add_figure (list, f->converted, KEY (".qualified"), _("%s: qualified by sales"), name);
  add_figure (list, f->customers, KEY (".won"), _("%s: deals won"), name);
#undef KEY
}

GPtrArray *
lw_sim_summary_figures (const LwSimSummary *s,
                        const LwConfig     *config,
                        const LwScenario   *scenario)
{
  GPtrArray *list;
  const LwProperty *source;

  g_return_val_if_fail (s != NULL, NULL);
  g_return_val_if_fail (config != NULL, NULL);
  g_return_val_if_fail (scenario != NULL, NULL);
  g_return_val_if_fail (s->n_stages == config->stages->len, NULL);
  g_return_val_if_fail (s->n_policies == config->policies->len, NULL);
  g_return_val_if_fail (s->n_reps == config->reps->len, NULL);
  g_return_val_if_fail (s->n_entry_points == scenario->entry_points->len, NULL);

  list = g_ptr_array_new_with_free_func ((GDestroyNotify) lw_sim_figure_free);
  source = lw_config_builtin (config, LW_BUILTIN_SOURCE);

  add_figure (list, s->leads, "leads", _("Leads"));
  add_figure (list, (double) s->events, "events", _("Events"));
  add_figure (list, s->mql, "mql", _("MQLs"));
  add_figure (list, ratio (s->mql, s->leads), "mql_rate", _("MQL rate (%% of leads)"));
  add_figure (list, s->routed, "routed", _("Leads routed"));
  add_figure (list, s->fallback, "fallback", _("Leads at the fallback owner"));
  add_figure (list, ratio (s->fallback, s->routed), "fallback_share",
              _("Routed leads at the fallback owner (%%)"));
  add_figure (list, s->touched, "touched", _("Leads touched"));
  add_figure (list, minutes_or_nan (s->ttft_p50), "ttft_p50",
              _("Time to first touch, median (calendar minutes)"));
  add_figure (list, minutes_or_nan (s->ttft_p90), "ttft_p90",
              _("Time to first touch, 90th percentile (calendar minutes)"));
  add_figure (list, s->converted, "qualified", _("Qualified by sales"));
  add_figure (list, ratio (s->converted, s->routed), "qualified_rate",
              _("Qualified by sales (%% of leads routed)"));
  add_figure (list, s->disqualified, "disqualified", _("Disqualified"));
  add_figure (list, s->recycled, "recycled", _("Recycled"));
  add_figure (list, s->warnings, "sla.warnings", _("SLA warnings"));
  add_figure (list, s->breaches, "sla.breaches", _("SLA breaches"));
  add_figure (list, s->escalations, "sla.escalations", _("Escalations to a manager"));
  add_figure (list, s->reassignments, "sla.reassignments", _("Reassignments"));
  add_sla_figures (list, "sla.all", _("all policies"), &s->sla);

  for (guint i = 0; i < s->n_stages; i++)
    {
      const LwStage *stage = g_ptr_array_index (config->stages, i);
      const char *name = lw_label_or_id (stage->label, stage->id);
      g_autofree char *prefix = g_strconcat ("funnel.", stage->id, NULL);
      g_autofree char *k = NULL;

#define KEY(suffix) (g_free (k), k = g_strconcat (prefix, suffix, NULL))
      /* translators: %s is a lifecycle stage */
      add_figure (list, s->stages[i].reached, KEY (".reached"), _("Funnel %s: reached"), name);
      add_figure (list, s->stages[i].entered, KEY (".entered"), _("Funnel %s: entered"), name);
      add_figure (list, s->stages[i].advanced, KEY (".advanced"), _("Funnel %s: moved on"), name);
      add_figure (list, s->stages[i].current, KEY (".current"), _("Funnel %s: in it at the end"),
                  name);
      add_figure (list, s->stages[i].conversion >= 0 ? 100.0 * s->stages[i].conversion : NAN,
                  KEY (".conversion"), _("Funnel %s: moved on to a later stage (%%)"), name);
#undef KEY
    }

  for (guint i = 0; i < s->n_policies; i++)
    {
      const LwSlaPolicy *policy = g_ptr_array_index (config->policies, i);
      g_autofree char *prefix = g_strconcat ("sla.policy.", policy->id, NULL);

      add_sla_figures (list, prefix, lw_label_or_id (policy->label, policy->id), &s->policies[i]);
    }

  for (guint i = 0; i < s->n_reps; i++)
    {
      const LwRep *rep = g_ptr_array_index (config->reps, i);
      const char *name = lw_label_or_id (rep->name, rep->id);
      g_autofree char *prefix = g_strconcat ("rep.", rep->id, NULL);
      g_autofree char *k = NULL;

#define KEY(suffix) (g_free (k), k = g_strconcat (prefix, suffix, NULL))
      /* translators: %s is a rep's name */
      add_figure (list, s->reps[i].routed, KEY (".routed"), _("%s: leads routed"), name);
      add_figure (list, s->reps[i].owned, KEY (".owned"), _("%s: leads owned at the end"), name);
      add_figure (list, s->reps[i].touched, KEY (".touched"), _("%s: first touches"), name);
      add_figure (list, s->reps[i].met, KEY (".met"), _("%s: SLAs met"), name);
      add_figure (list, s->reps[i].breached, KEY (".breached"), _("%s: SLAs breached"), name);
#undef KEY
    }

  for (guint i = 0; i < s->n_sources && i < source->options->len; i++)
    {
      const LwOption *option = g_ptr_array_index (source->options, i);
      g_autofree char *prefix = g_strconcat ("source.", option->value, NULL);
      /* translators: %s is a lead source ("Form") */
      g_autofree char *name = g_strdup_printf (_("Source %s"),
                                               lw_label_or_id (option->label, option->value));

      add_source_figures (list, prefix, name, &s->sources[i]);
    }

  for (guint i = 0; i < s->n_entry_points; i++)
    {
      const LwEntryPoint *entry = g_ptr_array_index (scenario->entry_points, i);
      g_autofree char *prefix = g_strconcat ("entry.", entry->id, NULL);
      /* translators: %s is an entry point of the scenario ("Web forms") */
      g_autofree char *name = g_strdup_printf (_("Entry point %s"),
                                               lw_label_or_id (entry->label, entry->id));

      add_source_figures (list, prefix, name, &s->entry_points[i]);
    }

  return list;
}

static void
append_source_rows (GString                  *out,
                    const char               *title,
                    const LwSimSourceFigures *figures,
                    guint                     n,
                    const char * const       *names)
{
  const char *header[4] = { _("Leads"), _("MQLs"), _("Qualified"), _("Won") };

  g_string_append_printf (out, "\n%s\n", title);
  lw_text_append_row (out, "", 30, header, 4, 11);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *leads = NULL, *mql = NULL, *qualified = NULL, *won = NULL;
      const char *cells[4];

      if (figures[i].leads == 0)
        continue;
      cells[0] = leads = lw_format_count (figures[i].leads);
      cells[1] = mql = lw_format_count (figures[i].mql);
      cells[2] = qualified = lw_format_count (figures[i].converted);
      cells[3] = won = lw_format_count (figures[i].customers);
      lw_text_append_row (out, names[i], 30, cells, 4, 11);
    }
}

char *
lw_sim_summary_format (const LwSimSummary *s,
                       const LwConfig     *config,
                       const LwScenario   *scenario)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *from = NULL, *to = NULL, *leads = NULL, *events = NULL;
  g_autofree char *p50 = NULL, *p90 = NULL, *fallback_share = NULL;
  g_autofree const char **names = NULL;
  const LwProperty *source;

  g_return_val_if_fail (s != NULL, NULL);
  g_return_val_if_fail (config != NULL, NULL);
  g_return_val_if_fail (scenario != NULL, NULL);
  g_return_val_if_fail (s->n_stages == config->stages->len, NULL);
  g_return_val_if_fail (s->n_reps == config->reps->len, NULL);
  g_return_val_if_fail (s->n_policies == config->policies->len, NULL);
  g_return_val_if_fail (s->n_entry_points == scenario->entry_points->len, NULL);

  source = lw_config_builtin (config, LW_BUILTIN_SOURCE);
  from = lw_time_format_iso8601 (s->start);
  to = lw_time_format_iso8601 (s->end);
  leads = lw_format_count (s->leads);
  events = lw_format_count (s->events);

  /* translators: lead count, start, end and event count of a simulation */
  g_string_append_printf (out, _("Simulated %s leads from %s to %s: %s events.\n"),
                          leads, from, to, events);
  if (!s->finished)
    g_string_append (out, _("The run did not finish: the figures cover the leads so far.\n"));

  g_string_append_printf (out, "\n%s\n", _("Funnel"));
  {
    const char *header[4] = { _("Reached"), _("Entered"), _("Now in"), _("Moved on") };
    lw_text_append_row (out, "", 30, header, 4, 11);
  }
  for (guint i = 0; i < s->n_stages; i++)
    {
      const LwStage *stage = g_ptr_array_index (config->stages, i);
      g_autofree char *reached = lw_format_count (s->stages[i].reached);
      g_autofree char *entered = lw_format_count (s->stages[i].entered);
      g_autofree char *current = lw_format_count (s->stages[i].current);
      g_autofree char *conversion = lw_format_percent (s->stages[i].conversion >= 0
                                                 ? 100.0 * s->stages[i].conversion : -1);
      const char *cells[4] = { reached, entered, current, conversion };

      lw_text_append_row (out, lw_label_or_id (stage->label, stage->id), 30, cells, 4, 11);
    }
  {
    g_autofree char *mql = lw_format_count (s->mql);
    g_autofree char *mql_rate = lw_format_percent (s->leads > 0 ? 100.0 * s->mql / s->leads : -1);
    g_autofree char *qualified = lw_format_count (s->converted);
    g_autofree char *disqualified = lw_format_count (s->disqualified);
    g_autofree char *recycled = lw_format_count (s->recycled);

    /* translators: MQL count and rate, then counts of leads */
    g_string_append_printf (out, _("MQLs: %s (%s of leads). Qualified by sales: %s. "
                                   "Disqualified: %s. Recycled: %s.\n"),
                            mql, mql_rate, qualified, disqualified, recycled);
  }

  {
    g_autofree char *routed = lw_format_count (s->routed);
    g_autofree char *fallback = lw_format_count (s->fallback);
    const char *header[5] = { _("Routed"), _("Owns"), _("Touched"), _("SLA met"), _("Breached") };

    fallback_share = lw_format_percent (s->routed > 0 ? 100.0 * s->fallback / s->routed : -1);
    g_string_append_printf (out, "\n%s\n", _("Routing"));
    /* translators: counts of leads, then a percentage */
    g_string_append_printf (out, _("  %s leads routed; %s (%s) ended at the fallback owner.\n"),
                            routed, fallback, fallback_share);
    lw_text_append_row (out, "", 30, header, 5, 11);
    for (guint i = 0; i < s->n_reps; i++)
      {
        const LwRep *rep = g_ptr_array_index (config->reps, i);
        g_autofree char *c0 = lw_format_count (s->reps[i].routed);
        g_autofree char *c1 = lw_format_count (s->reps[i].owned);
        g_autofree char *c2 = lw_format_count (s->reps[i].touched);
        g_autofree char *c3 = lw_format_count (s->reps[i].met);
        g_autofree char *c4 = lw_format_count (s->reps[i].breached);
        const char *cells[5] = { c0, c1, c2, c3, c4 };

        if (s->reps[i].routed + s->reps[i].owned + s->reps[i].touched == 0)
          continue;
        lw_text_append_row (out, lw_label_or_id (rep->name, rep->id), 30, cells, 5, 11);
      }
  }

  g_string_append_printf (out, "\n%s\n", _("First-touch SLAs"));
  {
    const char *header[6] = {
      _("Leads"), _("Met"), _("Breached"), _("Pending"), _("Compliance"), _("Median TTFT")
    };
    lw_text_append_row (out, "", 30, header, 6, 11);
  }
  for (guint i = 0; i <= s->n_policies; i++)
    {
      const LwSimSlaFigures *f = i < s->n_policies ? &s->policies[i] : &s->sla;
      const LwSlaPolicy *policy = i < s->n_policies ? g_ptr_array_index (config->policies, i)
                                                    : NULL;
      g_autofree char *c0 = lw_format_count (f->leads);
      g_autofree char *c1 = lw_format_count (f->met);
      g_autofree char *c2 = lw_format_count (f->breached);
      g_autofree char *c3 = lw_format_count (f->pending);
      g_autofree char *c4 = lw_format_percent (f->compliance);
      g_autofree char *c5 = lw_format_duration (f->ttft_p50);
      const char *cells[6] = { c0, c1, c2, c3, c4, c5 };

      lw_text_append_row (out, policy != NULL ? lw_label_or_id (policy->label, policy->id)
                                              : _("All policies"), 30, cells, 6, 11);
    }
  p50 = lw_format_duration (s->ttft_p50);
  p90 = lw_format_duration (s->ttft_p90);
  {
    g_autofree char *warnings = lw_format_count (s->warnings);
    g_autofree char *breaches = lw_format_count (s->breaches);
    g_autofree char *escalations = lw_format_count (s->escalations);
    g_autofree char *reassignments = lw_format_count (s->reassignments);

    /* translators: counts of SLA events, with digits grouped as the
     * tables above group them */
    g_string_append_printf (out, _("  Warnings: %s. Breaches: %s. Escalations to a manager: %s. "
                                   "Reassignments: %s.\n"),
                            warnings, breaches, escalations, reassignments);
  }
  /* translators: two durations */
  g_string_append_printf (out, _("  Time to first touch (calendar): median %s, 90th percentile %s.\n"),
                          p50, p90);

  names = g_new0 (const char *, MAX (MAX (s->n_sources, s->n_entry_points), 1));
  for (guint i = 0; i < s->n_sources && i < source->options->len; i++)
    {
      const LwOption *option = g_ptr_array_index (source->options, i);
      names[i] = lw_label_or_id (option->label, option->value);
    }
  append_source_rows (out, _("Sources"), s->sources, MIN (s->n_sources, source->options->len),
                      names);
  for (guint i = 0; i < s->n_entry_points; i++)
    {
      const LwEntryPoint *entry = g_ptr_array_index (scenario->entry_points, i);
      names[i] = lw_label_or_id (entry->label, entry->id);
    }
  append_source_rows (out, _("Entry points"), s->entry_points, s->n_entry_points, names);

  return g_string_free (g_steal_pointer (&out), FALSE);
}
