/* lw-report.c: the workspace's aggregate figures as text and as JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <math.h>
#include <string.h>

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

char *
lw_format_count (guint64 count)
{
  const struct lconv *conv = localeconv ();
  g_autofree char *digits = NULL;
  GString *out;
  gsize len;

  if (conv->thousands_sep != NULL && conv->thousands_sep[0] != '\0')
    return g_strdup_printf ("%'" G_GUINT64_FORMAT, count);

  /* The C locale groups nothing: 12345 reads better as 12,345. */
  digits = g_strdup_printf ("%" G_GUINT64_FORMAT, count);
  len = strlen (digits);
  out = g_string_sized_new (len + len / 3);
  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, digits[i]);
    }
  return g_string_free (out, FALSE);
}

char *
lw_format_percent (double percent)
{
  if (!(percent >= 0) || !isfinite (percent))
    return g_strdup ("—");
  /* translators: a percentage, "42.1 %"; the space does not break */
  return g_strdup_printf (_("%.1f\u00a0%%"), percent);
}

/* @text in @width characters, right-aligned when @right, cut with "…". */
static void
append_cell (GString    *out,
             const char *text,
             guint       width,
             gboolean    right)
{
  glong length = g_utf8_strlen (text, -1);

  if ((guint) length > width)
    {
      const char *end = g_utf8_offset_to_pointer (text, MAX (width, 1) - 1);

      g_string_append_len (out, text, end - text);
      g_string_append (out, "…");
      return;
    }
  if (right)
    for (guint i = (guint) length; i < width; i++)
      g_string_append_c (out, ' ');
  g_string_append (out, text);
  if (!right)
    for (guint i = (guint) length; i < width; i++)
      g_string_append_c (out, ' ');
}

void
lw_text_append_row (GString            *out,
                    const char         *name,
                    guint               name_width,
                    const char * const *cells,
                    guint               n_cells,
                    guint               cell_width)
{
  g_return_if_fail (out != NULL);
  g_return_if_fail (name != NULL);
  g_return_if_fail (cells != NULL || n_cells == 0);

  g_string_append (out, "  ");
  append_cell (out, name, name_width, FALSE);
  for (guint i = 0; i < n_cells; i++)
    {
      g_string_append_c (out, ' ');
      append_cell (out, cells[i] != NULL ? cells[i] : "", cell_width, TRUE);
    }
  /* No trailing spaces after a short last column. */
  while (out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);
  g_string_append_c (out, '\n');
}

/* A share 0..1 as a percentage. */
static char *
format_share (double fraction)
{
  return lw_format_percent (fraction >= 0 && isfinite (fraction) ? 100.0 * fraction : -1);
}

/* Table widths of the reports: the name column, the figures. */
#define NAME_WIDTH 30
#define CELL_WIDTH 11

/* ---- funnel --------------------------------------------------------------- */

char *
lw_funnel_format (const LwFunnel *funnel)
{
  GString *out = g_string_new (NULL);

  const char *header[5] = { _("Reached"), _("In stage"), _("Converted"), _("Drop-off"),
                            _("Median time") };
  g_autofree char *leads = NULL;

  g_return_val_if_fail (funnel != NULL, NULL);

  leads = lw_format_count (funnel->leads);
  /* translators: the header of the funnel report: a run's number, then a
   * number of leads */
  g_string_append_printf (out, _("Funnel of run %" PRId64 ", %s leads\n\n"), funnel->run, leads);
  lw_text_append_row (out, _("Stage"), NAME_WIDTH, header, 5, CELL_WIDTH);
  for (guint i = 0; i < funnel->stages->len; i++)
    {
      const LwFunnelStage *stage = &g_array_index (funnel->stages, LwFunnelStage, i);
      g_autofree char *reached = lw_format_count (stage->reached);
      g_autofree char *current = lw_format_count (stage->current);
      g_autofree char *conversion = format_share (stage->conversion);
      g_autofree char *drop_off = lw_format_count (stage->drop_off);
      g_autofree char *median = lw_format_duration (stage->median_seconds);
      const char *cells[5] = { reached, current, conversion, drop_off, median };

      lw_text_append_row (out, stage->label != NULL ? stage->label : stage->id, NAME_WIDTH, cells, 5,
                          CELL_WIDTH);
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
  const char *header[4] = { _("Met"), _("Breached"), _("Pending"), _("Compliance") };

  g_string_append_c (out, '\n');
  lw_text_append_row (out, title, NAME_WIDTH, header, 4, CELL_WIDTH);
  for (guint i = 0; i < groups->len; i++)
    {
      const LwSlaGroup *group = &g_array_index (groups, LwSlaGroup, i);
      g_autofree char *met = lw_format_count (group->met);
      g_autofree char *breached = lw_format_count (group->breached);
      g_autofree char *pending = lw_format_count (group->pending);
      g_autofree char *compliance = lw_format_percent (group->compliance);
      const char *cells[4] = { met, breached, pending, compliance };

      if (group->met + group->breached + group->pending == 0)
        continue;
      lw_text_append_row (out, group->label ? group->label : _("(none)"), NAME_WIDTH, cells, 4,
                          CELL_WIDTH);
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

  total = lw_format_percent (figures->total.compliance);
  p50 = lw_format_duration (figures->ttft_p50);
  p90 = lw_format_duration (figures->ttft_p90);
  p99 = lw_format_duration (figures->ttft_p99);

  {
    g_autofree char *with_policy = lw_format_count (figures->with_policy);
    g_autofree char *leads = lw_format_count (figures->leads);
    g_autofree char *met = lw_format_count (figures->total.met);
    g_autofree char *breached = lw_format_count (figures->total.breached);
    g_autofree char *pending = lw_format_count (figures->total.pending);
    g_autofree char *warnings = lw_format_count (figures->warnings);
    g_autofree char *breaches = lw_format_count (figures->breaches);
    g_autofree char *escalations = lw_format_count (figures->escalations);
    g_autofree char *reassignments = lw_format_count (figures->reassignments);

    /* translators: a run's number, then two numbers of leads */
    g_string_append_printf (out, _("SLAs of run %" PRId64 ": %s of %s leads had a first-touch SLA\n"),
                            figures->run, with_policy, leads);
    /* translators: a percentage, then numbers of leads */
    g_string_append_printf (out, _("Compliance %s: %s met, %s breached, %s pending\n"),
                            total, met, breached, pending);
    /* translators: three durations */
    g_string_append_printf (out, _("Time to first touch: median %s, 90th percentile %s, 99th %s\n"),
                            p50, p90, p99);
    /* translators: numbers of events */
    g_string_append_printf (out, _("Warnings %s, breaches %s, escalations %s, reassignments %s\n"),
                            warnings, breaches, escalations, reassignments);
  }

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

          g_autofree char *leads = lw_format_count (count);
          const char *cells[1] = { leads };

          lw_text_append_row (out, range, 20, cells, 1, CELL_WIDTH);
          /* The bar after the count. */
          g_string_truncate (out, out->len - 1);
          g_string_append_printf (out, "  %s\n", bar);
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

  {
    g_autofree char *leads = lw_format_count (figures->leads);
    g_autofree char *fallback = lw_format_count (figures->fallback);
    g_autofree char *unassigned = lw_format_count (figures->unassigned);

    /* translators: a run's number, then numbers of leads */
    g_string_append_printf (out, _("Routing of run %" PRId64 ": %s leads, %s at the fallback owner, "
                                   "%s without an owner\n"),
                            figures->run, leads, fallback, unassigned);
  }
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
          {
            g_autofree char *count = lw_format_count (figures->fallback_reasons[i]);
            const char *cells[1] = { count };

            lw_text_append_row (out, _(whys[i]), 40, cells, 1, CELL_WIDTH);
          }
    }

  {
    const char *header[4] = { _("Routed"), _("Owned"), _("Capacity"), _("Load") };

    g_string_append_c (out, '\n');
    lw_text_append_row (out, _("Rep"), NAME_WIDTH, header, 4, CELL_WIDTH);
  }
  for (guint i = 0; i < figures->reps->len; i++)
    {
      const LwRepLoad *rep = &g_array_index (figures->reps, LwRepLoad, i);
      g_autofree char *routed = lw_format_count (rep->routed);
      g_autofree char *owned = lw_format_count (rep->leads);
      g_autofree char *capacity = rep->capacity_total > 0
        ? lw_format_count (rep->capacity_total) : g_strdup (_("no cap"));
      g_autofree char *load = format_share (rep->load);
      const char *cells[4] = { routed, owned, capacity, load };

      lw_text_append_row (out, rep->name != NULL ? rep->name : rep->id, NAME_WIDTH, cells, 4, CELL_WIDTH);
    }

  {
    const char *header[4] = { _("Leads"), _("Members"), _("Gini"), _("Min/max") };

    g_string_append_c (out, '\n');
    lw_text_append_row (out, _("Pool"), NAME_WIDTH, header, 4, CELL_WIDTH);
  }
  for (guint i = 0; i < figures->pools->len; i++)
    {
      const LwPoolFairness *pool = &g_array_index (figures->pools, LwPoolFairness, i);
      g_autofree char *leads = lw_format_count (pool->leads);
      g_autofree char *members = lw_format_count (pool->members);
      /* Fairness figures, 0..1, as numbers of the locale. */
      g_autofree char *gini = g_strdup_printf ("%.3f", pool->gini);
      g_autofree char *min_max = g_strdup_printf ("%.3f", pool->min_max_ratio);
      const char *cells[4] = { leads, members, gini, min_max };

      lw_text_append_row (out, pool->label != NULL ? pool->label : pool->id, NAME_WIDTH, cells, 4,
                          CELL_WIDTH);
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
  const char *header[4] = { _("Leads"), _("MQL"), _("MQL rate"), _("Conversion") };

  g_string_append_c (out, '\n');
  lw_text_append_row (out, title, NAME_WIDTH, header, 4, CELL_WIDTH);
  for (guint i = 0; i < sources->len; i++)
    {
      const LwSourceFigures *source = &g_array_index (sources, LwSourceFigures, i);
      g_autofree char *leads = lw_format_count (source->leads);
      g_autofree char *mql = lw_format_count (source->mql);
      g_autofree char *mql_rate = format_share (source->mql_rate);
      g_autofree char *conversion = format_share (source->conversion_rate);
      const char *cells[4] = { leads, mql, mql_rate, conversion };

      lw_text_append_row (out, source->label ? source->label : source->id, NAME_WIDTH, cells, 4,
                          CELL_WIDTH);
    }
}

char *
lw_source_report_format (const LwSourceReport *report)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (report != NULL, NULL);

  {
    g_autofree char *leads = lw_format_count (report->leads);

    /* translators: a run's number, then a number of leads */
    g_string_append_printf (out, _("Sources of run %" PRId64 ", %s leads\n"), report->run, leads);
  }
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
