/* lw-export-playbook.c: the whole process as a document people read
 *
 * The content is written once, through a tiny document writer (headings,
 * paragraphs with bold runs, lists, tables) that renders either Markdown or
 * HTML. All text from the rule set goes through the writer's escaping:
 * Markdown escapes its punctuation with backslashes (so a label cannot
 * open a link, emphasis or raw HTML), HTML escapes & < > " '.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "lw-export-playbook.h"
#include "lw-report.h"
#include "lw-scoring.h"

/* ---- the document writer ------------------------------------------------------ */

typedef struct
{
  gboolean  html;
  GString  *out;
} Doc;

static void
append_html_escaped (GString    *out,
                     const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    switch (*p)
      {
      case '&': g_string_append (out, "&amp;"); break;
      case '<': g_string_append (out, "&lt;"); break;
      case '>': g_string_append (out, "&gt;"); break;
      case '"': g_string_append (out, "&quot;"); break;
      case '\'': g_string_append (out, "&#39;"); break;
      default: g_string_append_c (out, *p);
      }
}

/* Markdown: punctuation that could start emphasis, code, a link, raw HTML,
 * a table cell or an entity is escaped; line breaks become spaces so that
 * a text stays in its paragraph, list item or table cell. */
static void
append_markdown_escaped (GString    *out,
                         const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      if (strchr ("\\`*_[]<>|&#~", *p) != NULL)
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, *p);
        }
      else if (*p == '\n' || *p == '\r' || *p == '\t')
        g_string_append_c (out, ' ');
      else
        g_string_append_c (out, *p);
    }
}

static void
doc_text (Doc        *doc,
          const char *text)
{
  g_autofree char *valid = NULL;

  if (text == NULL)
    return;
  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);
  if (doc->html)
    append_html_escaped (doc->out, text);
  else
    append_markdown_escaped (doc->out, text);
}

static void
doc_strong (Doc        *doc,
            const char *text)
{
  g_string_append (doc->out, doc->html ? "<strong>" : "**");
  doc_text (doc, text);
  g_string_append (doc->out, doc->html ? "</strong>" : "**");
}

static void
doc_heading (Doc        *doc,
             guint       level,
             const char *text)
{
  if (doc->html)
    {
      g_string_append_printf (doc->out, "<h%u>", level);
      doc_text (doc, text);
      g_string_append_printf (doc->out, "</h%u>\n", level);
    }
  else
    {
      for (guint i = 0; i < level; i++)
        g_string_append_c (doc->out, '#');
      g_string_append_c (doc->out, ' ');
      doc_text (doc, text);
      g_string_append (doc->out, "\n\n");
    }
}

static void
doc_begin_paragraph (Doc *doc)
{
  if (doc->html)
    g_string_append (doc->out, "<p>");
}

static void
doc_end_paragraph (Doc *doc)
{
  g_string_append (doc->out, doc->html ? "</p>\n" : "\n\n");
}

static void
doc_paragraph (Doc        *doc,
               const char *text)
{
  doc_begin_paragraph (doc);
  doc_text (doc, text);
  doc_end_paragraph (doc);
}

static void
doc_begin_list (Doc      *doc,
                gboolean  ordered)
{
  if (doc->html)
    g_string_append (doc->out, ordered ? "<ol>\n" : "<ul>\n");
}

static void
doc_end_list (Doc      *doc,
              gboolean  ordered)
{
  if (doc->html)
    g_string_append (doc->out, ordered ? "</ol>\n" : "</ul>\n");
  else
    g_string_append_c (doc->out, '\n');
}

/* @number: 0 for a bullet, else the item's number. */
static void
doc_begin_item (Doc   *doc,
                guint  number)
{
  if (doc->html)
    g_string_append (doc->out, "<li>");
  else if (number > 0)
    g_string_append_printf (doc->out, "%u. ", number);
  else
    g_string_append (doc->out, "- ");
}

static void
doc_end_item (Doc *doc)
{
  g_string_append (doc->out, doc->html ? "</li>\n" : "\n");
}

/* A bullet "**Name:** value". */
static void
doc_field (Doc        *doc,
           const char *name,
           const char *value)
{
  g_autofree char *label = g_strconcat (name, ":", NULL);

  doc_begin_item (doc, 0);
  doc_strong (doc, label);
  g_string_append_c (doc->out, ' ');
  doc_text (doc, value);
  doc_end_item (doc);
}

/* A table; @align holds one letter per column: 'l' or 'r'. */
typedef struct
{
  Doc        *doc;
  const char *align;
  guint       n_columns;
} Table;

static void
table_row (Table             *table,
           const char * const *cells,
           gboolean            header)
{
  Doc *doc = table->doc;

  if (doc->html)
    {
      g_string_append (doc->out, "<tr>");
      for (guint i = 0; i < table->n_columns; i++)
        {
          const char *tag = header ? "th" : "td";

          if (table->align[i] == 'r')
            g_string_append_printf (doc->out, "<%s class=\"num\">", tag);
          else
            g_string_append_printf (doc->out, "<%s>", tag);
          doc_text (doc, cells[i]);
          g_string_append_printf (doc->out, "</%s>", tag);
        }
      g_string_append (doc->out, "</tr>\n");
    }
  else
    {
      g_string_append (doc->out, "|");
      for (guint i = 0; i < table->n_columns; i++)
        {
          g_string_append_c (doc->out, ' ');
          doc_text (doc, cells[i]);
          g_string_append (doc->out, " |");
        }
      g_string_append_c (doc->out, '\n');
    }
}

static void
table_begin (Table             *table,
             Doc               *doc,
             const char        *align,
             const char * const *headers)
{
  table->doc = doc;
  table->align = align;
  table->n_columns = strlen (align);

  if (doc->html)
    g_string_append (doc->out, "<table>\n<thead>\n");
  table_row (table, headers, TRUE);
  if (doc->html)
    g_string_append (doc->out, "</thead>\n<tbody>\n");
  else
    {
      g_string_append (doc->out, "|");
      for (guint i = 0; i < table->n_columns; i++)
        g_string_append (doc->out, align[i] == 'r' ? " ---: |" : " --- |");
      g_string_append_c (doc->out, '\n');
    }
}

static void
table_end (Table *table)
{
  g_string_append (table->doc->out, table->doc->html ? "</tbody>\n</table>\n" : "\n");
}

/* ---- formatting ------------------------------------------------------------------ */

char *
lw_playbook_format_minutes (guint    minutes,
                            gboolean business)
{
  GString *out = g_string_new (NULL);
  guint days = 0, hours, rest;

  if (!business && minutes >= 24 * 60 && minutes % (24 * 60) == 0)
    {
      days = minutes / (24 * 60);
      /* translators: a duration */
      g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%u day", "%u days", days), days);
      return g_string_free (out, FALSE);
    }

  hours = minutes / 60;
  rest = minutes % 60;
  if (hours > 0)
    /* translators: a duration */
    g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%u hour", "%u hours", hours), hours);
  if (rest > 0 || hours == 0)
    {
      if (out->len > 0)
        g_string_append_c (out, ' ');
      /* translators: a duration */
      g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%u minute", "%u minutes", rest), rest);
    }
  if (business)
    g_string_append (out, _(" of business time"));
  return g_string_free (out, FALSE);
}

/* A time to first touch: "45 s", "12 min", "1 h 05 min", "2 d 3 h". */
static char *
format_seconds (gint64 seconds)
{
  return lw_format_duration (seconds);
}

static char *
format_percent (double value)
{
  if (value < 0 || isnan (value))
    return g_strdup ("—");
  return g_strdup_printf ("%.1f%%", value);
}

static char *
format_count (guint value)
{
  return g_strdup_printf ("%u", value);
}

static const char *
rep_name (const LwConfig *config,
          const char     *id)
{
  const LwRep *rep = id != NULL ? lw_config_find_rep (config, id) : NULL;

  return rep != NULL ? rep->name : id;
}

static const char *
stage_label (const LwConfig *config,
             const char     *id)
{
  const LwStage *stage = id != NULL ? lw_config_find_stage (config, id) : NULL;

  return stage != NULL ? stage->label : id;
}

static const char *
status_label (const LwConfig *config,
              const char     *id)
{
  const LwStatus *status = id != NULL ? lw_config_find_status (config, id) : NULL;

  return status != NULL ? status->label : id;
}

static char *
describe_target (const LwConfig *config,
                 const LwTarget *target)
{
  if (target->owner != NULL)
    return g_strdup (rep_name (config, target->owner));
  if (target->pool != NULL)
    {
      const LwPool *pool = lw_config_find_pool (config, target->pool);

      /* translators: a pool's label */
      return g_strdup_printf (pool != NULL && pool->weighted ? _("the pool “%s” (weighted round robin)")
                                                            : _("the pool “%s” (round robin)"),
                              pool != NULL ? pool->label : target->pool);
    }
  return g_strdup (_("whoever routing picks next, other than the current owner"));
}

/* "Germany, Austria": the labels of enum values. */
static char *
describe_values (const LwConfig *config,
                 const char     *property_id,
                 GStrv           values)
{
  const LwProperty *property = lw_config_find_property (config, property_id);
  GString *out = g_string_new (NULL);

  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    {
      const char *label = values[i];

      for (guint j = 0; property != NULL && j < property->options->len; j++)
        {
          const LwOption *option = g_ptr_array_index (property->options, j);

          if (strcmp (option->value, values[i]) == 0 && option->label != NULL)
            label = option->label;
        }
      if (i > 0)
        g_string_append (out, ", ");
      g_string_append (out, label);
    }
  return g_string_free (out, FALSE);
}

static char *
describe_week (const LwWeekHours *hours)
{
  static const char * const days[] = {
    N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun")
  };
  GString *out = g_string_new (NULL);
  guint d = 0;

  if (lw_week_hours_is_empty (hours))
    {
      g_string_append (out, _("no working hours"));
      return g_string_free (out, FALSE);
    }

  while (d < 7)
    {
      GArray *intervals = hours->days[d];
      g_autoptr(GString) spans = g_string_new (NULL);
      guint last = d;

      if (intervals == NULL || intervals->len == 0)
        {
          d++;
          continue;
        }
      for (guint i = 0; i < intervals->len; i++)
        {
          g_autofree char *span = lw_interval_format (&g_array_index (intervals, LwInterval, i));

          if (i > 0)
            g_string_append (spans, ", ");
          g_string_append (spans, span);
        }
      /* The run of following days with the very same hours. */
      while (last + 1 < 7 && hours->days[last + 1] != NULL &&
             hours->days[last + 1]->len == intervals->len &&
             memcmp (hours->days[last + 1]->data, intervals->data,
                     intervals->len * sizeof (LwInterval)) == 0)
        last++;

      if (out->len > 0)
        g_string_append (out, "; ");
      if (last > d)
        g_string_append_printf (out, "%s–%s %s", _(days[d]), _(days[last]), spans->str);
      else
        g_string_append_printf (out, "%s %s", _(days[d]), spans->str);
      d = last + 1;
    }
  return g_string_free (out, FALSE);
}

/* ---- the sections --------------------------------------------------------------------- */

static void
write_lifecycle (Doc            *doc,
                 const LwConfig *config)
{
  doc_heading (doc, 2, _("Lifecycle stages"));
  doc_paragraph (doc, _("Every lead is in exactly one stage. Stages go in this order; each says "
                        "who owns the lead there and what happens next."));

  for (guint i = 0; i < config->stages->len; i++)
    {
      const LwStage *stage = g_ptr_array_index (config->stages, i);
      g_autofree char *title = g_strdup_printf ("%u. %s", i + 1, stage->label);

      doc_heading (doc, 3, title);
      if (stage->definition != NULL && *stage->definition != '\0')
        doc_paragraph (doc, stage->definition);
      doc_begin_list (doc, FALSE);
      doc_field (doc, _("Owner"), lw_role_to_label (stage->owner_role));
      if (stage->hubspot_value != NULL && *stage->hubspot_value != '\0')
        doc_field (doc, _("HubSpot value"), stage->hubspot_value);
      if (stage->entry != NULL)
        {
          g_autofree char *entry = lw_condition_describe (stage->entry, config);

          doc_field (doc, _("Entry criteria"), entry);
        }
      else if (g_strcmp0 (config->scoring.mql_stage, stage->id) != 0)
        doc_field (doc, _("Entry criteria"),
                   _("none of its own: entered through a recycling path or by sales"));
      if (g_strcmp0 (config->scoring.mql_stage, stage->id) == 0)
        {
          g_autofree char *mql = lw_scoring_describe_mql (config);

          doc_field (doc, _("Entered automatically"), mql);
        }
      if (stage->next_step != NULL && *stage->next_step != '\0')
        doc_field (doc, _("Next step"), stage->next_step);
      doc_end_list (doc, FALSE);
    }
}

static void
write_statuses (Doc            *doc,
                const LwConfig *config)
{
  static const char * const headers[] = { N_("Status"), N_("HubSpot value"), N_("Meaning"), N_("Final") };
  const char *translated[G_N_ELEMENTS (headers)];
  Table table;

  if (config->statuses->len == 0)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (headers); i++)
    translated[i] = _(headers[i]);

  doc_heading (doc, 2, _("Lead statuses"));
  doc_paragraph (doc, _("Where sales stands with a lead it owns."));
  table_begin (&table, doc, "llll", translated);
  for (guint i = 0; i < config->statuses->len; i++)
    {
      const LwStatus *status = g_ptr_array_index (config->statuses, i);
      const char *cells[] = {
        status->label,
        status->hubspot_value != NULL ? status->hubspot_value : "",
        status->definition != NULL ? status->definition : "",
        status->terminal ? _("yes") : _("no"),
      };

      table_row (&table, cells, FALSE);
    }
  table_end (&table);
}

static void
write_paths (Doc            *doc,
             const LwConfig *config)
{
  if (config->paths->len == 0)
    return;

  doc_heading (doc, 2, _("Recycling and disqualification"));
  doc_paragraph (doc, _("What becomes of a lead that was worked but did not convert, and who owns "
                        "it afterwards."));
  doc_begin_list (doc, FALSE);
  for (guint i = 0; i < config->paths->len; i++)
    {
      const LwPath *path = g_ptr_array_index (config->paths, i);
      g_autofree char *text = NULL;

      if (path->after_days > 0)
        text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             /* translators: kind, days, status, stage, role */
                                             " (%s): after %u day in “%s”, the lead goes back to “%s”, owned by %s.",
                                             " (%s): after %u days in “%s”, the lead goes back to “%s”, owned by %s.",
                                             path->after_days),
                                path->kind == LW_PATH_RECYCLE ? _("recycling") : _("disqualification"),
                                path->after_days, status_label (config, path->from_status),
                                stage_label (config, path->to_stage), lw_role_to_label (path->owner_role));
      else
        /* translators: kind, status, stage, role */
        text = g_strdup_printf (_(" (%s): as soon as it is “%s”, the lead goes back to “%s”, owned by %s."),
                                path->kind == LW_PATH_RECYCLE ? _("recycling") : _("disqualification"),
                                status_label (config, path->from_status),
                                stage_label (config, path->to_stage), lw_role_to_label (path->owner_role));
      doc_begin_item (doc, 0);
      doc_strong (doc, path->label);
      doc_text (doc, text);
      doc_end_item (doc);
    }
  doc_end_list (doc, FALSE);
}

static char *
format_points (int points)
{
  return g_strdup_printf ("%+d", points);
}

static void
write_score_model (Doc                *doc,
                   const LwConfig     *config,
                   const char         *title,
                   const LwScoreModel *model)
{
  g_autofree char *heading = model->has_cap
    /* translators: a score's name and its cap */
    ? g_strdup_printf (_("%s (at most %d points)"), title, model->cap)
    : g_strdup (title);
  const char *headers[] = { _("Criterion"), _("When"), _("Points") };
  Table table;

  doc_heading (doc, 3, heading);
  if (model->criteria->len == 0)
    {
      doc_paragraph (doc, _("No criteria."));
      return;
    }

  table_begin (&table, doc, "llr", headers);
  for (guint i = 0; i < model->criteria->len; i++)
    {
      const LwCriterion *criterion = g_ptr_array_index (model->criteria, i);
      g_autofree char *when = NULL;
      g_autofree char *points = format_points (criterion->points);

      if (criterion->activity != NULL)
        {
          const LwActivityType *activity = lw_config_find_activity (config, criterion->activity);
          const char *label = activity != NULL ? activity->label : criterion->activity;

          if (criterion->max_times > 0)
            /* translators: an activity, then how many times it counts */
            when = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 "each %s, counted at most %u time",
                                                 "each %s, counted at most %u times",
                                                 criterion->max_times),
                                    label, criterion->max_times);
          else
            /* translators: an activity */
            when = g_strdup_printf (_("each %s"), label);
        }
      else if (criterion->when != NULL)
        when = lw_condition_describe (criterion->when, config);
      else
        when = g_strdup ("");

      {
        const char *cells[] = { criterion->label, when, points };

        table_row (&table, cells, FALSE);
      }
    }
  table_end (&table);
}

static void
write_grades (Doc        *doc,
              const char *title,
              GPtrArray  *bands)
{
  const char *headers[] = { _("Grade"), _("Score") };
  Table table;

  if (bands->len == 0)
    return;

  doc_heading (doc, 4, title);
  table_begin (&table, doc, "ll", headers);
  for (guint i = 0; i < bands->len; i++)
    {
      const LwGradeBand *band = g_ptr_array_index (bands, i);
      g_autofree char *range = band->has_min
        /* translators: a grade band's lowest score */
        ? g_strdup_printf (_("%d or more"), band->min)
        : g_strdup (_("anything lower"));
      const char *cells[] = { band->grade, range };

      table_row (&table, cells, FALSE);
    }
  table_end (&table);
}

static void
write_scoring (Doc            *doc,
               const LwConfig *config)
{
  const LwScoring *scoring = &config->scoring;
  g_autofree char *mql = lw_scoring_describe_mql (config);
  g_autofree char *intro = NULL;

  doc_heading (doc, 2, _("Scoring"));
  /* translators: the MQL threshold ("MQL when fit + engagement ≥ 40"), then a stage */
  intro = g_strdup_printf (_("Each lead gets a fit score (who they are) and an engagement score "
                             "(what they did). %s: the lead then becomes “%s”."),
                           mql, stage_label (config, scoring->mql_stage));
  doc_paragraph (doc, intro);

  write_score_model (doc, config, _("Fit score"), &scoring->fit);
  write_score_model (doc, config, _("Engagement score"), &scoring->engagement);

  if (scoring->decay == LW_DECAY_HALF_LIFE)
    {
      /* translators: a number of days */
      g_autofree char *text = g_strdup_printf (_("Engagement fades: the points of each activity "
                                                 "halve every %g days."),
                                               scoring->half_life_days);

      doc_paragraph (doc, text);
    }
  else if (scoring->decay == LW_DECAY_WINDOW)
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "Engagement fades: activities older than %u day count nothing.",
                                                            "Engagement fades: activities older than %u days count nothing.",
                                                            scoring->window_days),
                                               scoring->window_days);

      doc_paragraph (doc, text);
    }

  if (scoring->fit_grades->len > 0 || scoring->engagement_grades->len > 0)
    {
      doc_heading (doc, 3, _("Grades"));
      doc_paragraph (doc, _("A lead's grade is its fit grade followed by its engagement grade "
                            "(for example A1: the best fit, the most engaged)."));
      write_grades (doc, _("Fit grades"), scoring->fit_grades);
      write_grades (doc, _("Engagement grades"), scoring->engagement_grades);
    }
}

static void
write_routing (Doc            *doc,
               const LwConfig *config)
{
  g_autofree char *fallback = describe_target (config, &config->fallback);

  doc_heading (doc, 2, _("Routing"));
  doc_paragraph (doc, _("Rules are tried in this order and the first that matches and can assign "
                        "the lead takes it. A rule that matches but cannot assign (nobody "
                        "available in its pool, no account for the lead's domain, no territory "
                        "for its value) passes the lead on to the next rule."));

  doc_begin_list (doc, TRUE);
  for (guint i = 0; i < config->rules->len; i++)
    {
      const LwRoutingRule *rule = g_ptr_array_index (config->rules, i);
      g_autofree char *when = lw_condition_describe (rule->when, config);
      g_autoptr(GString) assign = g_string_new (NULL);
      g_autofree char *text = NULL;

      switch (rule->kind)
        {
        case LW_ASSIGN_OWNER:
        case LW_ASSIGN_POOL:
          {
            g_autofree char *target = describe_target (config, &rule->target);

            /* translators: a rep's name or a pool */
            g_string_append_printf (assign, _("assign to %s"), target);
          }
          break;

        case LW_ASSIGN_ACCOUNT_OWNER:
          g_string_append (assign, _("assign to the owner of the account with the lead's email "
                                     "domain (see Named accounts)"));
          break;

        case LW_ASSIGN_TERRITORY:
        default:
          {
            const LwProperty *property = lw_config_find_property (config, rule->property);

            /* translators: a property's label */
            g_string_append_printf (assign, _("assign by %s: "), property != NULL ? property->label : rule->property);
            for (guint j = 0; j < rule->territories->len; j++)
              {
                const LwTerritory *territory = g_ptr_array_index (rule->territories, j);
                g_autofree char *values = describe_values (config, rule->property, territory->values);
                g_autofree char *target = describe_target (config, &territory->target);

                if (j > 0)
                  g_string_append (assign, "; ");
                g_string_append_printf (assign, "%s → %s", values, target);
              }
          }
        }

      if (lw_condition_is_always (rule->when))
        /* translators: how the lead is assigned */
        text = g_strdup_printf (_(" — every lead: %s."), assign->str);
      else
        /* translators: a condition, then how the lead is assigned */
        text = g_strdup_printf (_(" — when %s, %s."), when, assign->str);
      doc_begin_item (doc, i + 1);
      doc_strong (doc, rule->label);
      doc_text (doc, text);
      doc_end_item (doc);
    }
  doc_end_list (doc, TRUE);

  doc_begin_paragraph (doc);
  doc_strong (doc, _("Fallback:"));
  g_string_append_c (doc->out, ' ');
  {
    /* translators: who gets the leads no rule assigned */
    g_autofree char *text = g_strdup_printf (_("every lead no rule assigns goes to %s. No lead "
                                               "is left without an owner."),
                                             fallback);

    doc_text (doc, text);
  }
  doc_end_paragraph (doc);
}

static void
write_slas (Doc            *doc,
            const LwConfig *config)
{
  doc_heading (doc, 2, _("Service levels (SLAs)"));
  if (config->policies->len == 0)
    {
      doc_paragraph (doc, _("No SLA policy: first touches have no deadline."));
      return;
    }
  doc_paragraph (doc, _("The first policy that matches a lead applies to it. The clock starts "
                        "when the lead is assigned."));

  for (guint i = 0; i < config->policies->len; i++)
    {
      const LwSlaPolicy *policy = g_ptr_array_index (config->policies, i);
      gboolean business = policy->clock == LW_CLOCK_BUSINESS;
      g_autofree char *when = lw_condition_describe (policy->when, config);
      g_autofree char *deadline = lw_playbook_format_minutes (policy->deadline_minutes, business);

      doc_heading (doc, 3, policy->label);
      doc_begin_list (doc, FALSE);
      doc_field (doc, _("Applies to"), when);
      {
        g_autofree char *text = business
          /* translators: a duration such as "10 minutes of business time" */
          ? g_strdup_printf (_("%s (the owner's working hours, in their time zone)"), deadline)
          : g_strdup (deadline);

        doc_field (doc, _("First touch within"), text);
      }
      if (policy->warn_before_minutes > 0)
        {
          g_autofree char *before = lw_playbook_format_minutes (policy->warn_before_minutes, business);
          /* translators: a duration */
          g_autofree char *text = g_strdup_printf (_("%s before the deadline"), before);

          doc_field (doc, _("Warning"), text);
        }
      for (guint j = 0; j < policy->escalations->len; j++)
        {
          const LwEscalation *escalation = &g_array_index (policy->escalations, LwEscalation, j);
          g_autofree char *after = lw_playbook_format_minutes (escalation->after_minutes, business);
          g_autofree char *text = NULL;

          if (escalation->action == LW_ESCALATE_REASSIGN)
            {
              g_autofree char *target = describe_target (config, &escalation->target);

              /* translators: a duration, then where the lead goes */
              text = g_strdup_printf (_("after %s untouched, reassign: %s"), after, target);
            }
          else
            /* translators: a duration */
            text = g_strdup_printf (_("after %s untouched, notify the owner's manager"), after);
          doc_field (doc, _("Escalation"), text);
        }
      if (policy->pause_statuses->len > 0)
        {
          g_autoptr(GString) statuses = g_string_new (NULL);

          for (guint j = 0; j < policy->pause_statuses->len; j++)
            {
              if (j > 0)
                g_string_append (statuses, ", ");
              g_string_append (statuses, status_label (config, g_ptr_array_index (policy->pause_statuses, j)));
            }
          doc_field (doc, _("Clock stops while the status is"), statuses->str);
        }
      if (policy->breach_tag != NULL)
        doc_field (doc, _("Breaches tagged"), policy->breach_tag);
      doc_end_list (doc, FALSE);
    }
}

static void
write_team (Doc            *doc,
            const LwConfig *config)
{
  Table table;

  doc_heading (doc, 2, _("Team"));

  if (config->teams->len > 0)
    {
      const char *headers[] = { _("Team"), _("Manager"), _("Region") };

      doc_heading (doc, 3, _("Teams"));
      table_begin (&table, doc, "lll", headers);
      for (guint i = 0; i < config->teams->len; i++)
        {
          const LwTeam *team = g_ptr_array_index (config->teams, i);
          const char *cells[] = {
            team->label,
            team->manager != NULL ? rep_name (config, team->manager) : "",
            team->region != NULL ? team->region : "",
          };

          table_row (&table, cells, FALSE);
        }
      table_end (&table);
    }

  if (config->reps->len > 0)
    {
      const char *headers[] = {
        _("Name"), _("Role"), _("Team"), _("Email"), _("Time zone"), _("Working hours"),
        _("Leads a day"), _("Notes"),
      };

      doc_heading (doc, 3, _("People"));
      table_begin (&table, doc, "llllllrl", headers);
      for (guint i = 0; i < config->reps->len; i++)
        {
          const LwRep *rep = g_ptr_array_index (config->reps, i);
          const LwTeam *team = rep->team != NULL ? lw_config_find_team (config, rep->team) : NULL;
          g_autofree char *hours = describe_week (&rep->hours);
          g_autofree char *capacity = rep->capacity > 0 ? format_count (rep->capacity) : g_strdup (_("no cap"));
          g_autoptr(GString) notes = g_string_new (NULL);

          if (!rep->active)
            g_string_append (notes, _("inactive"));
          if (rep->weight > 1)
            {
              if (notes->len > 0)
                g_string_append (notes, "; ");
              /* translators: a round-robin weight */
              g_string_append_printf (notes, _("weight %u"), rep->weight);
            }
          for (guint j = 0; rep->out_of_office != NULL && j < rep->out_of_office->len; j++)
            {
              const LwDateRange *range = &g_array_index (rep->out_of_office, LwDateRange, j);
              char from[32] = "", to[32] = "";

              if (g_date_valid (&range->from))
                g_date_strftime (from, sizeof from, "%Y-%m-%d", &range->from);
              if (g_date_valid (&range->to))
                g_date_strftime (to, sizeof to, "%Y-%m-%d", &range->to);
              if (notes->len > 0)
                g_string_append (notes, "; ");
              /* translators: two dates */
              g_string_append_printf (notes, _("out of office %s to %s"), from, to);
            }

          {
            const char *cells[] = {
              rep->name, lw_role_to_label (rep->role), team != NULL ? team->label : "",
              rep->email != NULL ? rep->email : "", rep->time_zone != NULL ? rep->time_zone : "",
              hours, capacity, notes->str,
            };

            table_row (&table, cells, FALSE);
          }
        }
      table_end (&table);
    }

  if (config->pools->len > 0)
    {
      const char *headers[] = { _("Pool"), _("Members"), _("Rotation"), _("Skips members") };

      doc_heading (doc, 3, _("Round-robin pools"));
      table_begin (&table, doc, "llll", headers);
      for (guint i = 0; i < config->pools->len; i++)
        {
          const LwPool *pool = g_ptr_array_index (config->pools, i);
          g_autoptr(GString) members = g_string_new (NULL);
          g_autoptr(GString) skips = g_string_new (NULL);

          for (guint j = 0; j < pool->members->len; j++)
            {
              if (j > 0)
                g_string_append (members, ", ");
              g_string_append (members, rep_name (config, g_ptr_array_index (pool->members, j)));
            }
          if (pool->respect_capacity)
            g_string_append (skips, _("at their daily cap"));
          if (pool->working_hours)
            g_string_append_printf (skips, "%s%s", skips->len > 0 ? ", " : "", _("outside working hours"));
          if (pool->out_of_office)
            g_string_append_printf (skips, "%s%s", skips->len > 0 ? ", " : "", _("out of office"));
          if (skips->len == 0)
            g_string_append (skips, _("only inactive ones"));

          {
            const char *cells[] = {
              pool->label, members->str,
              pool->weighted ? _("weighted by each member's weight") : _("in turn"),
              skips->str,
            };

            table_row (&table, cells, FALSE);
          }
        }
      table_end (&table);
    }

  if (config->accounts->len > 0)
    {
      const char *headers[] = { _("Account"), _("Email domain"), _("Owner") };

      doc_heading (doc, 3, _("Named accounts"));
      table_begin (&table, doc, "lll", headers);
      for (guint i = 0; i < config->accounts->len; i++)
        {
          const LwAccount *account = g_ptr_array_index (config->accounts, i);
          const char *cells[] = {
            account->name != NULL ? account->name : account->domain,
            account->domain, rep_name (config, account->owner),
          };

          table_row (&table, cells, FALSE);
        }
      table_end (&table);
    }
}

static void
write_figures (Doc                     *doc,
               const LwConfig          *config,
               const LwPlaybookFigures *figures)
{
  Table table;

  doc_heading (doc, 2, _("Latest run"));
  {
    g_autofree char *start = lw_time_format_iso8601 (figures->start);
    g_autofree char *end = lw_time_format_iso8601 (figures->end);
    g_autofree char *text = g_strdup_printf (
      /* translators: the period of a run, then its counts */
      _("From %s to %s: %u leads, %u reached the MQL threshold, %u were qualified by sales, "
        "%u went to the fallback owner."),
      start, end, figures->leads, figures->mql, figures->converted, figures->fallback);

    if (figures->title != NULL && *figures->title != '\0')
      doc_heading (doc, 3, figures->title);
    doc_paragraph (doc, text);
  }

  if (figures->stages != NULL && figures->n_stages == config->stages->len)
    {
      const char *headers[] = { _("Stage"), _("Reached"), _("In it at the end"), _("Went on to the next stage") };

      doc_heading (doc, 3, _("Funnel"));
      table_begin (&table, doc, "lrrr", headers);
      for (guint i = 0; i < figures->n_stages; i++)
        {
          const LwStage *stage = g_ptr_array_index (config->stages, i);
          const LwPlaybookStageFigures *f = &figures->stages[i];
          g_autofree char *reached = format_count (f->reached);
          g_autofree char *current = format_count (f->current);
          g_autofree char *conversion = format_percent (f->conversion < 0 ? -1 : 100.0 * f->conversion);
          const char *cells[] = { stage->label, reached, current, conversion };

          table_row (&table, cells, FALSE);
        }
      table_end (&table);
    }

  {
    const char *headers[] = {
      _("Policy"), _("Leads"), _("Met"), _("Breached"), _("Compliance"),
      _("Median first touch"),
      /* xgettext:no-c-format */
      _("90% touched within"),
    };
    guint n = figures->policies != NULL && figures->n_policies == config->policies->len
              ? figures->n_policies : 0;

    doc_heading (doc, 3, _("Service levels"));
    table_begin (&table, doc, "lrrrrrr", headers);
    for (guint i = 0; i <= n; i++)
      {
        const LwPlaybookSlaFigures *f = i < n ? &figures->policies[i] : &figures->sla;
        const char *label = i < n ? ((LwSlaPolicy *) g_ptr_array_index (config->policies, i))->label
                                  : _("All policies");
        g_autofree char *leads = format_count (f->leads);
        g_autofree char *met = format_count (f->met);
        g_autofree char *breached = format_count (f->breached);
        g_autofree char *compliance = format_percent (f->compliance);
        g_autofree char *p50 = format_seconds (f->ttft_p50);
        g_autofree char *p90 = format_seconds (f->ttft_p90);
        const char *cells[] = { label, leads, met, breached, compliance, p50, p90 };

        table_row (&table, cells, FALSE);
      }
    table_end (&table);
  }
}

static void
write_body (Doc                     *doc,
            const LwConfig          *config,
            const LwPlaybookFigures *figures)
{
  const char *name = config->name != NULL && *config->name != '\0' ? config->name : _("Leadwright");
  /* translators: %s is the rule set's name */
  g_autofree char *title = g_strdup_printf (_("%s: lead management playbook"), name);

  doc_heading (doc, 1, title);
  if (config->description != NULL && *config->description != '\0')
    doc_paragraph (doc, config->description);
  doc_paragraph (doc, _("How leads are defined, scored, assigned and followed up: the rules as "
                        "designed and tested in Leadwright."));

  write_lifecycle (doc, config);
  write_statuses (doc, config);
  write_paths (doc, config);
  write_scoring (doc, config);
  write_routing (doc, config);
  write_slas (doc, config);
  write_team (doc, config);
  if (figures != NULL)
    write_figures (doc, config, figures);
}

char *
lw_playbook_to_markdown (const LwConfig          *config,
                         const LwPlaybookFigures *figures)
{
  Doc doc = { FALSE, NULL };

  g_return_val_if_fail (config != NULL, NULL);

  doc.out = g_string_new (NULL);
  write_body (&doc, config, figures);
  /* One final newline. */
  while (doc.out->len > 1 && doc.out->str[doc.out->len - 1] == '\n' &&
         doc.out->str[doc.out->len - 2] == '\n')
    g_string_truncate (doc.out, doc.out->len - 1);
  return g_string_free (doc.out, FALSE);
}

static const char style_sheet[] =
  "body { font: 11pt/1.5 system-ui, \"Cantarell\", \"Segoe UI\", sans-serif; color: #1d1d1f;\n"
  "       background: #fff; max-width: 60rem; margin: 2rem auto; padding: 0 1.5rem; }\n"
  "h1 { font-size: 1.8em; border-bottom: 3px solid #3584e4; padding-bottom: .3em; }\n"
  "h2 { font-size: 1.4em; margin-top: 2em; border-bottom: 1px solid #c0bfbc; padding-bottom: .2em; }\n"
  "h3 { font-size: 1.15em; margin-top: 1.5em; }\n"
  "h4 { font-size: 1em; margin-bottom: .3em; }\n"
  "table { border-collapse: collapse; width: 100%; margin: .6em 0 1.2em; font-size: .92em; }\n"
  "th, td { border: 1px solid #c0bfbc; padding: .3em .55em; text-align: left; vertical-align: top; }\n"
  "th { background: #f0f0f0; }\n"
  "td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }\n"
  "li { margin: .15em 0; }\n"
  "@page { margin: 16mm 14mm; }\n"
  "@media print {\n"
  "  body { max-width: none; margin: 0; padding: 0; font-size: 10pt; }\n"
  "  h1, h2, h3, h4 { break-after: avoid; page-break-after: avoid; }\n"
  "  tr, li { break-inside: avoid; page-break-inside: avoid; }\n"
  "  thead { display: table-header-group; }\n"
  "  th { background: #f0f0f0 !important; -webkit-print-color-adjust: exact; print-color-adjust: exact; }\n"
  "}\n";

char *
lw_playbook_to_html (const LwConfig          *config,
                     const LwPlaybookFigures *figures)
{
  Doc doc = { TRUE, NULL };
  const char *name;

  g_return_val_if_fail (config != NULL, NULL);

  name = config->name != NULL && *config->name != '\0' ? config->name : _("Leadwright");
  doc.out = g_string_new ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                          "<title>");
  {
    /* translators: %s is the rule set's name */
    g_autofree char *title = g_strdup_printf (_("%s: lead management playbook"), name);

    doc_text (&doc, title);
  }
  g_string_append (doc.out, "</title>\n<style>\n");
  g_string_append (doc.out, style_sheet);
  g_string_append (doc.out, "</style>\n</head>\n<body>\n<main>\n");
  write_body (&doc, config, figures);
  g_string_append (doc.out, "</main>\n</body>\n</html>\n");
  return g_string_free (doc.out, FALSE);
}
