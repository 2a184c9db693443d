/* lw-report.c: the workspace's aggregate figures as text and as JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>
#include <math.h>

#include "lw-report.h"

static const gint64 default_edges[] = {
  5 * 60, 10 * 60, 30 * 60, 3600, 2 * 3600, 4 * 3600, 8 * 3600,
  86400, 2 * 86400, 5 * 86400,
};

const gint64 *
lw_report_default_ttft_edges (guint *n_edges)
{
  *n_edges = G_N_ELEMENTS (default_edges);
  return default_edges;
}

char *
lw_format_duration (double seconds)
{
  gint64 s;

  if (seconds < 0 || !isfinite (seconds))
    return g_strdup ("—");
  s = (gint64) llround (seconds);
  if (s < 60)
    /* translators: a duration in seconds */
    return g_strdup_printf (_("%lld s"), (long long) s);
  if (s < 3600)
    /* translators: a duration in minutes */
    return g_strdup_printf (_("%lld min"), (long long) (s / 60));
  if (s < 86400)
    /* translators: a duration in hours and minutes */
    return g_strdup_printf (_("%lld h %02lld min"), (long long) (s / 3600), (long long) ((s % 3600) / 60));
  /* translators: a duration in days and hours */
  return g_strdup_printf (_("%lld d %lld h"), (long long) (s / 86400), (long long) ((s % 86400) / 3600));
}

static char *
format_percent (double fraction)
{
  if (fraction < 0 || !isfinite (fraction))
    return g_strdup ("—");
  return g_strdup_printf ("%.1f %%", 100.0 * fraction);
}

static char *
format_compliance (double percent)
{
  if (percent < 0)
    return g_strdup ("—");
  return g_strdup_printf ("%.1f %%", percent);
}

/* ---- funnel --------------------------------------------------------------- */

char *
lw_funnel_format (const LwFunnel *funnel)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (funnel != NULL, NULL);

  /* translators: the header of the funnel report; %s is a number of leads */
  g_string_append_printf (out, _("Funnel of run %" PRId64 ", %" PRIu64 " leads\n\n"),
                          funnel->run, funnel->leads);
  g_string_append_printf (out, "  %-28s %10s %10s %11s %10s %14s\n",
                          _("Stage"), _("Reached"), _("In stage"), _("Converted"), _("Drop-off"),
                          _("Median time"));
  for (guint i = 0; i < funnel->stages->len; i++)
    {
      const LwFunnelStage *stage = &g_array_index (funnel->stages, LwFunnelStage, i);
      g_autofree char *conversion = format_percent (stage->conversion);
      g_autofree char *median = lw_format_duration (stage->median_seconds);

      g_string_append_printf (out, "  %-28s %10" PRIu64 " %10" PRIu64
                              " %11s %10" PRIu64 " %14s\n",
                              stage->label, stage->reached, stage->current, conversion,
                              stage->drop_off, median);
    }
  return g_string_free (out, FALSE);
}

static void
add_double_or_null (JsonBuilder *builder,
                    const char  *name,
                    double       value)
{
  json_builder_set_member_name (builder, name);
  if (value < 0 || !isfinite (value))
    json_builder_add_null_value (builder);
  else
    json_builder_add_double_value (builder, value);
}

static void
add_int (JsonBuilder *builder,
         const char  *name,
         gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

JsonNode *
lw_funnel_to_json (const LwFunnel *funnel)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (funnel != NULL, NULL);

  json_builder_begin_object (builder);
  add_int (builder, "run", funnel->run);
  add_int (builder, "leads", funnel->leads);
  json_builder_set_member_name (builder, "stages");
  json_builder_begin_array (builder);
  for (guint i = 0; i < funnel->stages->len; i++)
    {
      const LwFunnelStage *stage = &g_array_index (funnel->stages, LwFunnelStage, i);

      json_builder_begin_object (builder);
      add_string (builder, "id", stage->id);
      add_string (builder, "label", stage->label);
      add_int (builder, "reached", stage->reached);
      add_int (builder, "entered", stage->entered);
      add_int (builder, "current", stage->current);
      add_double_or_null (builder, "conversion", stage->conversion);
      add_int (builder, "dropOff", stage->drop_off);
      add_double_or_null (builder, "medianSeconds", stage->median_seconds);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* ---- SLA -------------------------------------------------------------------- */

static void
format_sla_groups (GString    *out,
                   const char *title,
                   GArray     *groups)
{
  g_string_append_printf (out, "\n  %-28s %9s %9s %9s %11s\n", title,
                          _("Met"), _("Breached"), _("Pending"), _("Compliance"));
  for (guint i = 0; i < groups->len; i++)
    {
      const LwSlaGroup *group = &g_array_index (groups, LwSlaGroup, i);
      g_autofree char *compliance = format_compliance (group->compliance);

      if (group->met + group->breached + group->pending == 0)
        continue;
      g_string_append_printf (out, "  %-28s %9" PRIu64 " %9" PRIu64
                              " %9" PRIu64 " %11s\n",
                              group->label ? group->label : _("(none)"),
                              group->met, group->breached, group->pending, compliance);
    }
}

char *
lw_sla_figures_format (const LwSlaFigures *figures,
                       const gint64       *edges,
                       guint               n_edges)
{
  GString *out = g_string_new (NULL);
  g_autofree char *total = NULL;
  g_autofree char *p50 = NULL;
  g_autofree char *p90 = NULL;
  g_autofree char *p99 = NULL;
  guint64 peak = 1;

  g_return_val_if_fail (figures != NULL, NULL);

  total = format_compliance (figures->total.compliance);
  p50 = lw_format_duration (figures->ttft_p50);
  p90 = lw_format_duration (figures->ttft_p90);
  p99 = lw_format_duration (figures->ttft_p99);

  g_string_append_printf (out, _("SLAs of run %" PRId64 ": %" PRIu64
                                 " of %" PRIu64 " leads had a first-touch SLA\n"),
                          figures->run, figures->with_policy, figures->leads);
  g_string_append_printf (out, _("Compliance %s: %" PRIu64 " met, %" PRIu64
                                 " breached, %" PRIu64 " pending\n"),
                          total, figures->total.met, figures->total.breached, figures->total.pending);
  g_string_append_printf (out, _("Time to first touch: median %s, 90th percentile %s, 99th %s\n"),
                          p50, p90, p99);
  g_string_append_printf (out, _("Warnings %" PRIu64 ", breaches %" PRIu64
                                 ", escalations %" PRIu64 ", reassignments %" PRIu64 "\n"),
                          figures->warnings, figures->breaches, figures->escalations, figures->reassignments);

  format_sla_groups (out, _("Policy"), figures->by_policy);
  format_sla_groups (out, _("Team"), figures->by_team);
  format_sla_groups (out, _("Rep"), figures->by_rep);

  if (figures->histogram != NULL && figures->histogram->len == n_edges + 1 && figures->touched > 0)
    {
      for (guint i = 0; i < figures->histogram->len; i++)
        peak = MAX (peak, g_array_index (figures->histogram, guint64, i));

      g_string_append_printf (out, "\n  %s\n", _("Time to first touch"));
      for (guint i = 0; i < figures->histogram->len; i++)
        {
          guint64 count = g_array_index (figures->histogram, guint64, i);
          g_autofree char *low = i > 0 ? lw_format_duration (edges[i - 1]) : g_strdup ("0");
          g_autofree char *high = i < n_edges ? lw_format_duration (edges[i]) : g_strdup ("…");
          g_autofree char *range = g_strdup_printf ("%s – %s", low, high);
          guint width = (guint) (40.0 * count / peak + 0.5);
          g_autofree char *bar = g_strnfill (width, '#');

          g_string_append_printf (out, "  %-20s %9" PRIu64 "  %s\n", range, count, bar);
        }
    }

  return g_string_free (out, FALSE);
}

static void
add_sla_groups (JsonBuilder *builder,
                const char  *name,
                GArray      *groups)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; i < groups->len; i++)
    {
      const LwSlaGroup *group = &g_array_index (groups, LwSlaGroup, i);

      json_builder_begin_object (builder);
      add_string (builder, "id", group->id);
      add_string (builder, "label", group->label);
      add_int (builder, "met", group->met);
      add_int (builder, "breached", group->breached);
      add_int (builder, "pending", group->pending);
      add_double_or_null (builder, "compliance", group->compliance);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

JsonNode *
lw_sla_figures_to_json (const LwSlaFigures *figures,
                        const gint64       *edges,
                        guint               n_edges)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (figures != NULL, NULL);

  json_builder_begin_object (builder);
  add_int (builder, "run", figures->run);
  add_int (builder, "leads", figures->leads);
  add_int (builder, "withPolicy", figures->with_policy);
  add_int (builder, "met", figures->total.met);
  add_int (builder, "breached", figures->total.breached);
  add_int (builder, "pending", figures->total.pending);
  add_double_or_null (builder, "compliance", figures->total.compliance);
  add_int (builder, "touched", figures->touched);
  add_double_or_null (builder, "ttftP50Seconds", figures->ttft_p50);
  add_double_or_null (builder, "ttftP90Seconds", figures->ttft_p90);
  add_double_or_null (builder, "ttftP99Seconds", figures->ttft_p99);
  add_double_or_null (builder, "ttftMeanSeconds", figures->ttft_mean);
  add_int (builder, "warnings", figures->warnings);
  add_int (builder, "breaches", figures->breaches);
  add_int (builder, "escalations", figures->escalations);
  add_int (builder, "reassignments", figures->reassignments);
  add_sla_groups (builder, "byPolicy", figures->by_policy);
  add_sla_groups (builder, "byTeam", figures->by_team);
  add_sla_groups (builder, "byRep", figures->by_rep);

  json_builder_set_member_name (builder, "histogram");
  json_builder_begin_array (builder);
  for (guint i = 0; figures->histogram != NULL && i < figures->histogram->len; i++)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "fromSeconds");
      if (i > 0 && i - 1 < n_edges)
        json_builder_add_int_value (builder, edges[i - 1]);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "toSeconds");
      if (i < n_edges)
        json_builder_add_int_value (builder, edges[i]);
      else
        json_builder_add_null_value (builder);
      add_int (builder, "leads", g_array_index (figures->histogram, guint64, i));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* ---- routing ------------------------------------------------------------------ */

char *
lw_routing_figures_format (const LwRoutingFigures *figures)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (figures != NULL, NULL);

  g_string_append_printf (out, _("Routing of run %" PRId64 ": %" PRIu64
                                 " leads, %" PRIu64 " at the fallback owner, %"
                                 PRIu64 " without an owner\n"),
                          figures->run, figures->leads, figures->fallback, figures->unassigned);
  if (figures->fallback > 0)
    {
      static const char * const whys[LW_N_FALLBACK_REASONS] = {
        [LW_FALLBACK_NONE] = N_("reason not recorded"),
        [LW_FALLBACK_NO_MATCH] = N_("no rule matched"),
        [LW_FALLBACK_NOBODY] = N_("a rule matched, nobody was available"),
        [LW_FALLBACK_NO_ACCOUNT] = N_("a rule matched, no account owner"),
        [LW_FALLBACK_NO_TERRITORY] = N_("a rule matched, no territory"),
      };

      g_string_append_printf (out, "\n  %s\n", _("At the fallback owner, because"));
      for (guint i = 0; i < LW_N_FALLBACK_REASONS; i++)
        if (figures->fallback_reasons[i] > 0)
          g_string_append_printf (out, "  %-40s %10" PRIu64 "\n", _(whys[i]),
                                  figures->fallback_reasons[i]);
    }

  g_string_append_printf (out, "\n  %-24s %10s %10s %12s %8s\n",
                          _("Rep"), _("Routed"), _("Owned"), _("Capacity"), _("Load"));
  for (guint i = 0; i < figures->reps->len; i++)
    {
      const LwRepLoad *rep = &g_array_index (figures->reps, LwRepLoad, i);
      g_autofree char *capacity = rep->capacity_total > 0
        ? g_strdup_printf ("%" PRIu64, rep->capacity_total) : g_strdup (_("no cap"));
      g_autofree char *load = format_percent (rep->load);

      g_string_append_printf (out, "  %-24s %10" PRIu64 " %10" PRIu64 " %12s %8s\n",
                              rep->name, rep->routed, rep->leads, capacity, load);
    }

  g_string_append_printf (out, "\n  %-24s %10s %8s %8s %10s\n",
                          _("Pool"), _("Leads"), _("Members"), _("Gini"), _("Min/max"));
  for (guint i = 0; i < figures->pools->len; i++)
    {
      const LwPoolFairness *pool = &g_array_index (figures->pools, LwPoolFairness, i);

      g_string_append_printf (out, "  %-24s %10" PRIu64 " %8u %8.3f %10.3f\n",
                              pool->label, pool->leads, pool->members, pool->gini, pool->min_max_ratio);
    }
  return g_string_free (out, FALSE);
}

JsonNode *
lw_routing_figures_to_json (const LwRoutingFigures *figures)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (figures != NULL, NULL);

  json_builder_begin_object (builder);
  add_int (builder, "run", figures->run);
  add_int (builder, "leads", figures->leads);
  add_int (builder, "fallback", figures->fallback);
  json_builder_set_member_name (builder, "fallbackReasons");
  json_builder_begin_object (builder);
  for (guint i = 0; i < LW_N_FALLBACK_REASONS; i++)
    add_int (builder, lw_fallback_reason_to_string (i), figures->fallback_reasons[i]);
  json_builder_end_object (builder);
  add_int (builder, "unassigned", figures->unassigned);
  json_builder_set_member_name (builder, "reps");
  json_builder_begin_array (builder);
  for (guint i = 0; i < figures->reps->len; i++)
    {
      const LwRepLoad *rep = &g_array_index (figures->reps, LwRepLoad, i);

      json_builder_begin_object (builder);
      add_string (builder, "id", rep->id);
      add_string (builder, "name", rep->name);
      add_int (builder, "routed", rep->routed);
      add_int (builder, "owned", rep->leads);
      add_int (builder, "capacityPerDay", rep->capacity);
      add_int (builder, "capacityTotal", rep->capacity_total);
      add_double_or_null (builder, "load", rep->load);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "pools");
  json_builder_begin_array (builder);
  for (guint i = 0; i < figures->pools->len; i++)
    {
      const LwPoolFairness *pool = &g_array_index (figures->pools, LwPoolFairness, i);

      json_builder_begin_object (builder);
      add_string (builder, "id", pool->id);
      add_string (builder, "label", pool->label);
      add_int (builder, "leads", pool->leads);
      add_int (builder, "members", pool->members);
      json_builder_set_member_name (builder, "gini");
      json_builder_add_double_value (builder, pool->gini);
      json_builder_set_member_name (builder, "minMaxRatio");
      json_builder_add_double_value (builder, pool->min_max_ratio);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* ---- sources -------------------------------------------------------------------- */

static void
format_sources (GString    *out,
                const char *title,
                GArray     *sources)
{
  g_string_append_printf (out, "\n  %-24s %10s %10s %10s %12s\n",
                          title, _("Leads"), _("MQL"), _("MQL rate"), _("Conversion"));
  for (guint i = 0; i < sources->len; i++)
    {
      const LwSourceFigures *source = &g_array_index (sources, LwSourceFigures, i);
      g_autofree char *mql_rate = format_percent (source->mql_rate);
      g_autofree char *conversion = format_percent (source->conversion_rate);

      g_string_append_printf (out, "  %-24s %10" PRIu64 " %10" PRIu64 " %10s %12s\n",
                              source->label ? source->label : source->id,
                              source->leads, source->mql, mql_rate, conversion);
    }
}

char *
lw_source_report_format (const LwSourceReport *report)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (report != NULL, NULL);

  g_string_append_printf (out, _("Sources of run %" PRId64 ", %" PRIu64 " leads\n"),
                          report->run, report->leads);
  format_sources (out, _("Source"), report->sources);
  if (report->entry_points != NULL && report->entry_points->len > 0)
    format_sources (out, _("Entry point"), report->entry_points);
  return g_string_free (out, FALSE);
}

static void
add_sources (JsonBuilder *builder,
             const char  *name,
             GArray      *sources)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; sources != NULL && i < sources->len; i++)
    {
      const LwSourceFigures *source = &g_array_index (sources, LwSourceFigures, i);

      json_builder_begin_object (builder);
      add_string (builder, "id", source->id);
      add_string (builder, "label", source->label);
      add_int (builder, "leads", source->leads);
      add_int (builder, "mql", source->mql);
      add_int (builder, "converted", source->converted);
      add_double_or_null (builder, "mqlRate", source->mql_rate);
      add_double_or_null (builder, "conversionRate", source->conversion_rate);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

JsonNode *
lw_source_report_to_json (const LwSourceReport *report)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (report != NULL, NULL);

  json_builder_begin_object (builder);
  add_int (builder, "run", report->run);
  add_int (builder, "leads", report->leads);
  add_sources (builder, "sources", report->sources);
  add_sources (builder, "entryPoints", report->entry_points);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}
