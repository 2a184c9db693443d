/* lw-live-view.c: live leads as the views show them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "lw-alerts.h"
#include "lw-config-json.h"
#include "lw-live-view.h"

/* ---- texts of a lead ------------------------------------------------------------ */

static const LwProperty *
find_text_property (const LwConfig *config,
                    const char     *id,
                    gboolean        email)
{
  for (guint i = LW_N_BUILTINS; i < config->properties->len; i++)
    {
      const LwProperty *property = g_ptr_array_index (config->properties, i);
      gboolean text = property->type == LW_PROPERTY_STRING || property->type == LW_PROPERTY_EMAIL;

      if (!text || (email && property->type != LW_PROPERTY_EMAIL))
        continue;
      if (id == NULL || g_strcmp0 (property->id, id) == 0)
        return property;
    }
  return NULL;
}

static char *
dup_text (const LwConfig   *config,
          const LwLead     *lead,
          const LwProperty *property)
{
  char *text;

  if (property == NULL)
    return NULL;
  text = lw_lead_dup_text (lead, config, property->index);
  if (text != NULL && *text == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

/* The lead list's name: first and last name joined, else a full name. */
static char *
dup_name (const LwConfig *config,
          const LwLead   *lead)
{
  const LwProperty *first = find_text_property (config, "first_name", FALSE);
  const LwProperty *last = find_text_property (config, "last_name", FALSE);
  g_autofree char *first_text = NULL;
  g_autofree char *last_text = NULL;
  char *full;

  if (first == NULL)
    first = find_text_property (config, "firstname", FALSE);
  if (last == NULL)
    last = find_text_property (config, "lastname", FALSE);
  first_text = dup_text (config, lead, first);
  last_text = dup_text (config, lead, last);
  if (first_text != NULL && last_text != NULL)
    return g_strdup_printf ("%s %s", first_text, last_text);
  if (first_text != NULL || last_text != NULL)
    return g_strdup (first_text != NULL ? first_text : last_text);
  full = dup_text (config, lead, find_text_property (config, "name", FALSE));
  if (full == NULL)
    full = dup_text (config, lead, find_text_property (config, "full_name", FALSE));
  return full;
}

static char *
dup_email (const LwConfig *config,
           const LwLead   *lead)
{
  const LwProperty *email = find_text_property (config, "email", TRUE);

  if (email == NULL)
    email = find_text_property (config, NULL, TRUE);
  return dup_text (config, lead, email);
}

/* The label of an enum property's value, else the value. */
static char *
dup_value_label (const LwConfig   *config,
                 const LwLead     *lead,
                 const LwProperty *property)
{
  g_autofree char *text = NULL;

  if (property == NULL || (text = lw_lead_dup_text (lead, config, property->index)) == NULL)
    return NULL;
  if (property->type == LW_PROPERTY_ENUM)
    for (guint i = 0; i < property->options->len; i++)
      {
        const LwOption *option = g_ptr_array_index (property->options, i);

        if (g_strcmp0 (option->value, text) == 0)
          return g_strdup (option->label != NULL ? option->label : option->value);
      }
  return g_steal_pointer (&text);
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

/* A rep by name; the id of one the rules no longer have. */
static const char *
rep_name (const LwConfig *config,
          const char     *id)
{
  const LwRep *rep = id != NULL ? lw_config_find_rep (config, id) : NULL;

  return rep != NULL ? rep->name : id;
}

/* ---- the lead list --------------------------------------------------------------- */

LwLeadSummary *
lw_live_view_summarize (const LwConfig   *config,
                        const LwLiveLead *lead,
                        LwTime            now)
{
  g_autoptr(LwLead) props = NULL;
  g_auto(LwScore) score = { 0, };
  const LwSlaPolicy *policy;
  LwLeadSummary *summary;
  LwLiveClock clock;

  g_return_val_if_fail (config != NULL, NULL);
  g_return_val_if_fail (lead != NULL, NULL);

  props = lw_live_lead_to_lead (config, lead);
  lw_score_lead (config, props, now, FALSE, &score);
  lw_live_clock_compute (config, lead, now, &clock);
  policy = lw_live_find_policy (config, lead);

  summary = g_new0 (LwLeadSummary, 1);
  summary->id = (guint32) lead->id;
  summary->created_at = lead->created_at;
  summary->email = dup_email (config, props);
  summary->company = dup_text (config, props, find_text_property (config, "company", FALSE));
  summary->name = dup_name (config, props);
  summary->source = dup_value_label (config, props, lw_config_builtin (config, LW_BUILTIN_SOURCE));
  summary->stage = g_strdup (stage_label (config, lead->stage));
  summary->status = g_strdup (status_label (config, lead->status));
  summary->owner = g_strdup (rep_name (config, lead->owner));
  summary->fit = score.fit;
  summary->engagement = score.engagement;
  summary->total = score.total;
  summary->grade = score.grade[0] != '\0' ? g_strdup (score.grade) : NULL;
  summary->policy = policy != NULL ? g_strdup (policy->label != NULL ? policy->label : policy->id) : NULL;
  summary->ttft = lead->first_touch_at > 0 && lead->assigned_at > 0
                  ? MAX (lead->first_touch_at - lead->assigned_at, 0) : -1;
  summary->breached = clock.breached;
  summary->fallback = FALSE;
  return summary;
}

typedef struct
{
  LwLeadSummary *summary;
  int            stage;     /* index in the rule set; -1: none */
  int            status;
  int            grade;     /* rank, best first; G_MAXINT: none */
  char          *key;       /* the column's text, folded; NULL: none */
} SortItem;

static int
status_index (const LwConfig *config,
              const char     *id)
{
  for (guint i = 0; id != NULL && i < config->statuses->len; i++)
    if (g_strcmp0 (((const LwStatus *) g_ptr_array_index (config->statuses, i))->id, id) == 0)
      return (int) i;
  return -1;
}

static int
band_index (GPtrArray  *bands,
            const char *grade,
            gsize      *len)
{
  for (guint i = 0; bands != NULL && i < bands->len; i++)
    {
      const LwGradeBand *band = g_ptr_array_index (bands, i);
      gsize n = strlen (band->grade);

      if (n > 0 && strncmp (grade, band->grade, n) == 0)
        {
          *len = n;
          return (int) i;
        }
    }
  return -1;
}

/* "A1": the fit band's rank, then the engagement band's, best first. */
static int
grade_rank (const LwConfig *config,
            const char     *grade)
{
  gsize n = 0, m = 0;
  int fit, engagement;

  if (grade == NULL || *grade == '\0')
    return G_MAXINT;
  fit = band_index (config->scoring.fit_grades, grade, &n);
  if (fit < 0)
    fit = 0, n = 0;
  engagement = band_index (config->scoring.engagement_grades, grade + n, &m);
  return fit * 1000 + MAX (engagement, 0);
}

static const char *
column_text (const LwLeadSummary *s,
             LwLeadColumn         column)
{
  switch (column)
    {
    case LW_LEAD_COLUMN_EMAIL: return s->email;
    case LW_LEAD_COLUMN_COMPANY: return s->company;
    case LW_LEAD_COLUMN_NAME: return s->name;
    case LW_LEAD_COLUMN_SOURCE: return s->source;
    case LW_LEAD_COLUMN_OWNER: return s->owner;
    case LW_LEAD_COLUMN_POLICY: return s->policy;
    default: return NULL;
    }
}

static int
cmp_num (double a,
         double b)
{
  return a < b ? -1 : a > b ? 1 : 0;
}

static int
cmp_int64 (gint64 a,
           gint64 b)
{
  return a < b ? -1 : a > b ? 1 : 0;
}

/* The order of two items by @column, without the tie on id. */
static int
compare_items (const SortItem *a,
               const SortItem *b,
               LwLeadColumn    column)
{
  const LwLeadSummary *x = a->summary, *y = b->summary;

  switch (column)
    {
    case LW_LEAD_COLUMN_ID:
      return cmp_int64 (x->id, y->id);
    case LW_LEAD_COLUMN_CREATED:
      return cmp_int64 (x->created_at, y->created_at);
    case LW_LEAD_COLUMN_STAGE:
      return cmp_int64 (a->stage, b->stage);
    case LW_LEAD_COLUMN_STATUS:
      return cmp_int64 (a->status, b->status);
    case LW_LEAD_COLUMN_FIT:
      return cmp_num (x->fit, y->fit);
    case LW_LEAD_COLUMN_ENGAGEMENT:
      return cmp_num (x->engagement, y->engagement);
    case LW_LEAD_COLUMN_TOTAL:
      return cmp_num (x->total, y->total);
    case LW_LEAD_COLUMN_GRADE:
      /* The best band first; no grade before every grade. */
      if (a->grade == b->grade)
        return 0;
      if (a->grade == G_MAXINT || b->grade == G_MAXINT)
        return a->grade == G_MAXINT ? -1 : 1;
      return cmp_int64 (a->grade, b->grade);
    case LW_LEAD_COLUMN_TTFT:
      /* The untouched count as slower than any. */
      return cmp_int64 (x->ttft < 0 ? G_MAXINT64 : x->ttft, y->ttft < 0 ? G_MAXINT64 : y->ttft);
    case LW_LEAD_COLUMN_BREACHED:
      return cmp_int64 (x->breached != 0, y->breached != 0);
    case LW_LEAD_COLUMN_FALLBACK:
      return cmp_int64 (x->fallback != 0, y->fallback != 0);
    case LW_LEAD_COLUMN_EMAIL:
    case LW_LEAD_COLUMN_COMPANY:
    case LW_LEAD_COLUMN_NAME:
    case LW_LEAD_COLUMN_SOURCE:
    case LW_LEAD_COLUMN_OWNER:
    case LW_LEAD_COLUMN_POLICY:
      if (a->key == NULL || b->key == NULL)
        return (a->key != NULL) - (b->key != NULL);
      return strcmp (a->key, b->key);
    case LW_N_LEAD_COLUMNS:
    default:
      return 0;
    }
}

typedef struct
{
  LwLeadColumn column;
  gboolean     descending;
} SortSpec;

static int
sort_items_cb (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  const SortSpec *spec = user_data;
  const SortItem *x = a, *y = b;
  int order = compare_items (x, y, spec->column);

  if (order != 0)
    return spec->descending ? -order : order;
  return x->summary->id < y->summary->id ? -1 : x->summary->id > y->summary->id;
}

/* Whether @folded (a casefolded, trimmed search) is a part of one of the
 * lead's texts, or names its id. */
static gboolean
matches_search (const LwConfig      *config,
                const LwLiveLead    *lead,
                const LwLeadSummary *summary,
                const char          *search,
                const char          *folded)
{
  g_autoptr(LwLead) props = NULL;
  const char *digits = search[0] == '#' ? search + 1 : search;
  const char *texts[] = { summary->name, summary->email, summary->company, summary->owner };
  char *end = NULL;
  gint64 id;

  if (g_ascii_isdigit (digits[0]))
    {
      id = g_ascii_strtoll (digits, &end, 10);
      if (end != NULL && *end == '\0')
        return id == lead->id;
    }

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autofree char *text = texts[i] != NULL ? g_utf8_casefold (texts[i], -1) : NULL;

      if (text != NULL && strstr (text, folded) != NULL)
        return TRUE;
    }

  props = lw_live_lead_to_lead (config, lead);
  for (guint i = LW_N_BUILTINS; i < config->properties->len; i++)
    {
      const LwProperty *property = g_ptr_array_index (config->properties, i);
      g_autofree char *value = NULL;
      g_autofree char *text = NULL;

      if (property->type != LW_PROPERTY_STRING && property->type != LW_PROPERTY_EMAIL)
        continue;
      value = lw_lead_dup_text (props, config, i);
      text = value != NULL ? g_utf8_casefold (value, -1) : NULL;
      if (text != NULL && strstr (text, folded) != NULL)
        return TRUE;
    }
  return FALSE;
}

GPtrArray *
lw_live_view_list (LwStore         *store,
                   const LwConfig  *config,
                   LwTime           now,
                   LwLeadColumn     sort,
                   gboolean         descending,
                   const char      *search,
                   GError         **error)
{
  g_autoptr(GPtrArray) leads = NULL;
  g_autoptr(GArray) items = NULL;
  g_autofree char *trimmed = NULL;
  g_autofree char *folded = NULL;
  SortSpec spec = { sort, descending };
  GPtrArray *rows;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (config != NULL, NULL);
  g_return_val_if_fail (sort < LW_N_LEAD_COLUMNS, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  leads = lw_store_list_live_leads (store, FALSE, error);
  if (leads == NULL)
    return NULL;

  if (search != NULL)
    trimmed = g_strstrip (g_strdup (search));
  if (trimmed != NULL && *trimmed != '\0')
    folded = g_utf8_casefold (trimmed, -1);

  items = g_array_sized_new (FALSE, FALSE, sizeof (SortItem), leads->len);
  for (guint i = 0; i < leads->len; i++)
    {
      const LwLiveLead *lead = g_ptr_array_index (leads, i);
      LwLeadSummary *summary = lw_live_view_summarize (config, lead, now);
      const char *text;
      SortItem item = { summary, -1, -1, G_MAXINT, NULL };

      if (folded != NULL && !matches_search (config, lead, summary, trimmed, folded))
        {
          lw_lead_summary_free (summary);
          continue;
        }
      item.stage = lead->stage != NULL ? lw_config_stage_index (config, lead->stage) : -1;
      item.status = status_index (config, lead->status);
      item.grade = grade_rank (config, summary->grade);
      text = column_text (summary, sort);
      item.key = text != NULL ? g_utf8_casefold (text, -1) : NULL;
      g_array_append_val (items, item);
    }

  g_array_sort_with_data (items, sort_items_cb, &spec);

  rows = g_ptr_array_new_full (items->len, (GDestroyNotify) lw_lead_summary_free);
  for (guint i = 0; i < items->len; i++)
    {
      SortItem *item = &g_array_index (items, SortItem, i);

      g_ptr_array_add (rows, item->summary);
      g_free (item->key);
    }
  return rows;
}

/* ---- the properties worth asking for ------------------------------------------------- */

static void
mark_condition (const LwConfig    *config,
                const LwCondition *condition,
                gboolean          *marked)
{
  for (guint g = 0; condition != NULL && g < condition->groups->len; g++)
    {
      const LwFilterGroup *group = g_ptr_array_index (condition->groups, g);

      for (guint f = 0; f < group->filters->len; f++)
        {
          const LwFilter *filter = g_ptr_array_index (group->filters, f);
          const LwProperty *property = lw_config_find_property (config, filter->property);

          if (property != NULL)
            marked[property->index] = TRUE;
        }
    }
}

static void
mark_criteria (const LwConfig     *config,
               const LwScoreModel *model,
               gboolean           *marked)
{
  for (guint i = 0; model->criteria != NULL && i < model->criteria->len; i++)
    mark_condition (config, ((const LwCriterion *) g_ptr_array_index (model->criteria, i))->when, marked);
}

GPtrArray *
lw_live_view_properties_that_matter (const LwConfig *config)
{
  g_autofree gboolean *marked = NULL;
  GPtrArray *out;
  const char *asked[] = { "first_name", "last_name", "firstname", "lastname", "name", "full_name",
                          "company", "email" };

  g_return_val_if_fail (config != NULL, NULL);

  marked = g_new0 (gboolean, config->properties->len);
  for (guint i = 0; i < config->rules->len; i++)
    {
      const LwRoutingRule *rule = g_ptr_array_index (config->rules, i);
      const LwProperty *property = rule->property != NULL ? lw_config_find_property (config, rule->property) : NULL;

      mark_condition (config, rule->when, marked);
      if (rule->kind == LW_ASSIGN_TERRITORY && property != NULL)
        marked[property->index] = TRUE;
    }
  for (guint i = 0; i < config->policies->len; i++)
    mark_condition (config, ((const LwSlaPolicy *) g_ptr_array_index (config->policies, i))->when, marked);
  for (guint i = 0; i < config->stages->len; i++)
    mark_condition (config, ((const LwStage *) g_ptr_array_index (config->stages, i))->entry, marked);
  mark_criteria (config, &config->scoring.fit, marked);
  mark_criteria (config, &config->scoring.engagement, marked);

  out = g_ptr_array_new ();
  for (guint i = 0; i < config->properties->len; i++)
    {
      const LwProperty *property = g_ptr_array_index (config->properties, i);
      gboolean skip = FALSE;

      if (!marked[i] || (property->builtin && i != LW_BUILTIN_SOURCE))
        continue;
      /* An email's domain comes from the email. */
      if (property->domain_of != NULL)
        continue;
      for (guint k = 0; k < G_N_ELEMENTS (asked); k++)
        skip |= g_strcmp0 (property->id, asked[k]) == 0;
      if (!skip)
        g_ptr_array_add (out, (gpointer) property);
    }
  return out;
}

/* ---- open clocks --------------------------------------------------------------------- */

void
lw_live_timer_free (LwLiveTimer *timer)
{
  if (timer == NULL)
    return;
  g_free (timer->name);
  g_free (timer->owner);
  g_free (timer->policy);
  g_free (timer);
}

static char *
dup_name_and_company (const char *name,
                      const char *company)
{
  if (company != NULL && *company != '\0')
    /* translators: a lead's name, then their company */
    return g_strdup_printf (_("%s (%s)"), name, company);
  return g_strdup (name);
}

static int
compare_timers (gconstpointer a,
                gconstpointer b)
{
  const LwLiveTimer *x = *(const LwLiveTimer * const *) a;
  const LwLiveTimer *y = *(const LwLiveTimer * const *) b;
  int order = cmp_int64 (x->deadline, y->deadline);

  if (order == 0)
    order = cmp_int64 (x->left, y->left);
  return order != 0 ? order : cmp_int64 (x->lead, y->lead);
}

GPtrArray *
lw_live_view_open_timers (const LwConfig *config,
                          GPtrArray      *leads,
                          LwTime          now,
                          guint           limit)
{
  GPtrArray *timers;

  g_return_val_if_fail (config != NULL, NULL);
  g_return_val_if_fail (leads != NULL, NULL);

  timers = g_ptr_array_new_with_free_func ((GDestroyNotify) lw_live_timer_free);
  for (guint i = 0; i < leads->len; i++)
    {
      const LwLiveLead *lead = g_ptr_array_index (leads, i);
      g_autoptr(LwLead) props = NULL;
      g_autofree char *name = NULL;
      g_autofree char *company = NULL;
      LwLiveTimer *timer;
      LwLiveClock clock;

      lw_live_clock_compute (config, lead, now, &clock);
      if (clock.state != LW_LIVE_RUNNING && clock.state != LW_LIVE_PAUSED && clock.state != LW_LIVE_OVERDUE)
        continue;

      props = lw_live_lead_to_lead (config, lead);
      name = lw_alert_dup_lead_name (config, props, lead->id);
      company = dup_text (config, props, find_text_property (config, "company", FALSE));

      timer = g_new0 (LwLiveTimer, 1);
      timer->lead = lead->id;
      timer->name = dup_name_and_company (name, company);
      timer->owner = g_strdup (clock.owner != NULL ? clock.owner->name : rep_name (config, lead->owner));
      timer->policy = clock.policy != NULL ? g_strdup (clock.policy->label) : NULL;
      timer->state = clock.state;
      timer->deadline = clock.deadline;
      timer->left = clock.left;
      g_ptr_array_add (timers, timer);
    }
  g_ptr_array_sort (timers, compare_timers);
  if (limit > 0 && timers->len > limit)
    g_ptr_array_set_size (timers, limit);
  return timers;
}

/* The creation time of the run's newest lead; 0 when it has none. */
static LwTime
newest_lead_time (LwStore  *store,
                  gint64    run,
                  GError  **error)
{
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  const LwLeadSummary *row;

  ids = lw_store_list_lead_ids (store, run, NULL, LW_LEAD_COLUMN_CREATED, TRUE, NULL, error);
  if (ids == NULL)
    return -1;
  if (ids->len == 0)
    return 0;
  rows = lw_store_get_lead_rows (store, run, NULL, &g_array_index (ids, guint32, 0), 1, error);
  if (rows == NULL)
    return -1;
  row = g_ptr_array_index (rows, 0);
  return row != NULL ? row->created_at : 0;
}

GPtrArray *
lw_live_view_run_timers (LwStore  *store,
                         gint64    run,
                         guint     limit,
                         LwTime   *at,
                         GError  **error)
{
  g_autoptr(LwRunInfo) info = NULL;
  g_autoptr(LwRevision) revision = NULL;
  g_autoptr(LwConfig) config = NULL;
  g_autoptr(GArray) open = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  LwStoreFilter filter = LW_STORE_FILTER_INIT;
  GPtrArray *timers;
  LwTime when;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (run > 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  info = lw_store_get_run (store, run, error);
  if (info == NULL)
    return NULL;
  if (info->status == LW_RUN_RUNNING)
    {
      when = newest_lead_time (store, run, error);
      if (when < 0)
        return NULL;
    }
  else
    when = info->sim_start + (LwTime) info->days * LW_DAY;
  if (at != NULL)
    *at = when;

  timers = g_ptr_array_new_with_free_func ((GDestroyNotify) lw_live_timer_free);
  if (when <= 0)
    return timers;

  filter.run = run;
  open = lw_store_query_open_timers (store, &filter, when, limit, error);
  if (open == NULL)
    {
      g_ptr_array_unref (timers);
      return NULL;
    }
  if (open->len == 0)
    return timers;

  if (info->revision != 0 && (revision = lw_store_get_revision (store, info->revision, NULL)) != NULL)
    config = lw_config_load_data (revision->json, -1, "revision", NULL, NULL);

  ids = g_array_sized_new (FALSE, FALSE, sizeof (guint32), open->len);
  for (guint i = 0; i < open->len; i++)
    g_array_append_val (ids, g_array_index (open, LwOpenTimer, i).lead);
  rows = lw_store_get_lead_rows (store, run, config, (const guint32 *) ids->data, ids->len, error);
  if (rows == NULL)
    {
      g_ptr_array_unref (timers);
      return NULL;
    }

  for (guint i = 0; i < open->len; i++)
    {
      const LwOpenTimer *t = &g_array_index (open, LwOpenTimer, i);
      const LwLeadSummary *row = g_ptr_array_index (rows, i);
      LwLiveTimer *timer = g_new0 (LwLiveTimer, 1);
      g_autofree char *number = g_strdup_printf ("%u", t->lead);
      const char *name = row != NULL && row->name != NULL ? row->name
                         : row != NULL && row->email != NULL ? row->email : NULL;

      timer->run = run;
      timer->lead = t->lead;
      if (name != NULL)
        timer->name = dup_name_and_company (name, row->company);
      else
        /* translators: %s is a lead's number */
        timer->name = g_strdup_printf (_("Lead %s"), number);
      timer->owner = row != NULL ? g_strdup (row->owner) : NULL;
      timer->policy = row != NULL ? g_strdup (row->policy) : NULL;
      timer->state = LW_LIVE_RUNNING;
      timer->deadline = t->deadline;
      timer->left = t->deadline - when;
      g_ptr_array_add (timers, timer);
    }
  return timers;
}

/* ---- one lead's story ------------------------------------------------------------------ */

static void
story_entry_free (gpointer data)
{
  LwLiveStoryEntry *entry = data;

  g_free (entry->text);
  g_free (entry->detail);
  g_free (entry);
}

static void
add_entry (LwLiveStory *story,
           LwTime       at,
           char        *text,
           const char  *detail)
{
  LwLiveStoryEntry *entry = g_new0 (LwLiveStoryEntry, 1);

  entry->at = at;
  entry->text = text;
  entry->detail = detail != NULL && *detail != '\0' ? g_strdup (detail) : NULL;
  g_ptr_array_add (story->timeline, entry);
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const LwLiveStoryEntry *x = *(const LwLiveStoryEntry * const *) a;
  const LwLiveStoryEntry *y = *(const LwLiveStoryEntry * const *) b;

  return cmp_int64 (x->at, y->at);
}

static char *
describe_touch (const LwConfig    *config,
                const LwLiveTouch *touch)
{
  const char *who = rep_name (config, touch->rep);

  switch (touch->kind)
    {
    case LW_TOUCH_EMAIL:
      return who != NULL
        /* translators: %s is a rep's name */
        ? g_strdup_printf (_("Email by %s"), who) : g_strdup (_("Email"));
    case LW_TOUCH_MEETING:
      return who != NULL
        /* translators: %s is a rep's name */
        ? g_strdup_printf (_("Meeting with %s"), who) : g_strdup (_("Meeting"));
    case LW_TOUCH_CALL:
    case LW_N_TOUCH_KINDS:
    default:
      return who != NULL
        /* translators: %s is a rep's name */
        ? g_strdup_printf (_("Call by %s"), who) : g_strdup (_("Call"));
    }
}

static void
tell_timeline (LwLiveStory *story)
{
  const LwConfig *config = story->config;
  const LwLiveLead *lead = story->lead;
  const LwSlaPolicy *policy = story->clock.policy;
  const char *policy_name = policy != NULL ? policy->label : NULL;

  add_entry (story, lead->created_at, g_strdup (_("Created")), story->source);

  for (guint i = 0; lead->assignments != NULL && i < lead->assignments->len; i++)
    {
      const LwLiveAssignment *a = &g_array_index (lead->assignments, LwLiveAssignment, i);
      const char *who = rep_name (config, a->owner);
      char *text;

      switch (a->reason)
        {
        case LW_LIVE_ASSIGN_MANUAL:
          /* translators: %s is a rep's name */
          text = g_strdup_printf (_("Assigned to %s by hand"), who);
          break;
        case LW_LIVE_ASSIGN_ESCALATION:
          /* translators: %s is a rep's name; the lead was taken from its owner */
          text = g_strdup_printf (_("Reassigned to %s by an SLA escalation"), who);
          break;
        case LW_LIVE_ASSIGN_ROUTED:
        case LW_N_LIVE_ASSIGN_REASONS:
        default:
          /* translators: %s is a rep's name */
          text = g_strdup_printf (_("Assigned to %s by the routing rules"), who);
          break;
        }
      add_entry (story, a->at, text, NULL);
    }

  for (guint i = 0; lead->status_changes != NULL && i < lead->status_changes->len; i++)
    {
      const LwLiveStatusChange *change = &g_array_index (lead->status_changes, LwLiveStatusChange, i);

      /* translators: %s is a lead status */
      add_entry (story, change->at, g_strdup_printf (_("Status set to “%s”"), status_label (config, change->status)),
                 NULL);
    }

  for (guint i = 0; i < story->touches->len; i++)
    {
      const LwLiveTouch *touch = g_ptr_array_index (story->touches, i);

      add_entry (story, touch->at, describe_touch (config, touch), touch->note);
    }

  if (story->clock.warned && story->clock.warn_at != G_MAXINT64 && story->clock.warn_at <= story->now)
    add_entry (story, story->clock.warn_at,
               policy_name != NULL
               /* translators: %s is an SLA policy */
               ? g_strdup_printf (_("SLA “%s” warning"), policy_name) : g_strdup (_("SLA warning")), NULL);
  if (story->clock.breached && story->clock.deadline != G_MAXINT64)
    add_entry (story, story->clock.deadline,
               policy_name != NULL
               /* translators: %s is an SLA policy */
               ? g_strdup_printf (_("SLA “%s” breached"), policy_name) : g_strdup (_("SLA breached")), NULL);

  g_ptr_array_sort (story->timeline, compare_entries);
}

LwLiveStory *
lw_live_story_load (LwStore   *store,
                    LwConfig  *config,
                    gint64     id,
                    LwTime     now,
                    GError   **error)
{
  g_autoptr(LwLiveStory) story = NULL;
  g_autoptr(LwLead) props = NULL;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (config != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  story = g_new0 (LwLiveStory, 1);
  story->config = lw_config_ref (config);
  story->now = now;
  story->properties = g_ptr_array_new_with_free_func (g_free);
  story->timeline = g_ptr_array_new_with_free_func (story_entry_free);
  story->lead = lw_store_get_live_lead (store, id, error);
  if (story->lead == NULL)
    return NULL;
  story->touches = lw_store_list_live_touches (store, id, error);
  if (story->touches == NULL)
    return NULL;

  props = lw_live_lead_to_lead (config, story->lead);
  lw_live_clock_compute (config, story->lead, now, &story->clock);
  lw_score_lead (config, props, now, TRUE, &story->score);
  story->name = lw_alert_dup_lead_name (config, props, id);
  story->company = dup_text (config, props, find_text_property (config, "company", FALSE));
  story->email = dup_email (config, props);
  story->source = dup_value_label (config, props, lw_config_builtin (config, LW_BUILTIN_SOURCE));
  story->stage = g_strdup (stage_label (config, story->lead->stage));
  story->status = g_strdup (status_label (config, story->lead->status));

  for (guint i = LW_N_BUILTINS; i < config->properties->len; i++)
    {
      const LwProperty *property = g_ptr_array_index (config->properties, i);
      g_autofree char *value = dup_value_label (config, props, property);

      if (value != NULL && property->domain_of == NULL)
        /* translators: a lead's property: its label, then its value */
        g_ptr_array_add (story->properties, g_strdup_printf (_("%s: %s"), property->label, value));
    }

  tell_timeline (story);
  return g_steal_pointer (&story);
}

void
lw_live_story_free (LwLiveStory *story)
{
  if (story == NULL)
    return;
  /* The score's items and the clock point into the rules. */
  lw_score_clear (&story->score);
  g_clear_pointer (&story->lead, lw_live_lead_free);
  g_clear_pointer (&story->config, lw_config_unref);
  g_free (story->name);
  g_free (story->company);
  g_free (story->email);
  g_free (story->source);
  g_free (story->stage);
  g_free (story->status);
  g_clear_pointer (&story->properties, g_ptr_array_unref);
  g_clear_pointer (&story->touches, g_ptr_array_unref);
  g_clear_pointer (&story->timeline, g_ptr_array_unref);
  g_free (story);
}
