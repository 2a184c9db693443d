/* lw-scoring-page.c: the scoring editor
 *
 * Fit and engagement as two lists of criteria, each with its condition or
 * activity and its points (negative points in red); the caps in the group
 * headers; decay, the MQL threshold and stage with a readout of the highest
 * score a lead can reach; the grade bands; and a test box that scores a
 * sample lead live and explains each point.
 *
 * Every edit takes a copy of the rule set from the workspace, changes it and
 * hands it back. Edits of a value update the rows in place, so the widget
 * being edited keeps its focus; structural edits (a criterion added, moved or
 * removed, its kind changed, a band added or removed) and anything from
 * outside (undo, redo, an import) rebuild the rows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lw-condition-editor.h"
#include "lw-editor-utils.h"
#include "lw-lead.h"
#include "lw-page.h"
#include "lw-scoring-page.h"
#include "lw-scoring.h"

#define N_SCORES 2

struct _LwScoringPage
{
  GtkWidget             parent_instance;

  /* template widgets */
  AdwPreferencesPage   *preferences_page;
  AdwPreferencesGroup  *fit_group;
  AdwPreferencesGroup  *engagement_group;
  GtkSwitch            *fit_cap_switch;
  GtkSwitch            *engagement_cap_switch;
  GtkSpinButton        *fit_cap_spin;
  GtkSpinButton        *engagement_cap_spin;
  AdwComboRow          *decay_row;
  AdwActionRow         *days_row;
  GtkSpinButton        *days_spin;
  AdwComboRow          *mql_kind_row;
  AdwActionRow         *mql_total_row;
  AdwActionRow         *mql_fit_row;
  AdwActionRow         *mql_engagement_row;
  GtkSpinButton        *mql_total_spin;
  GtkSpinButton        *mql_fit_spin;
  GtkSpinButton        *mql_engagement_spin;
  AdwComboRow          *mql_stage_row;
  AdwActionRow         *max_row;
  GtkImage             *max_icon;
  AdwExpanderRow       *fit_grades_row;
  AdwExpanderRow       *engagement_grades_row;
  AdwPreferencesGroup  *test_group;
  AdwPreferencesGroup  *result_group;
  AdwPreferencesRow    *summary_row;
  GtkLabel             *fit_value_label;
  GtkLabel             *fit_caption_label;
  GtkLabel             *engagement_value_label;
  GtkLabel             *engagement_caption_label;
  GtkLabel             *total_value_label;
  GtkLabel             *grade_value_label;
  GtkLabel             *mql_value_label;

  /* owned */
  LwWorkspace          *workspace;
  GPtrArray            *criterion_rows[N_SCORES];  /* AdwExpanderRow, borrowed from the groups */
  GPtrArray            *band_rows[N_SCORES];       /* rows in the grade expanders, borrowed */
  GPtrArray            *test_rows;                 /* rows of the test box, borrowed */
  GPtrArray            *result_rows;               /* rows of the explanation, borrowed */
  GHashTable           *test_values;               /* property id -> text */
  GHashTable           *test_activities;           /* activity id -> TestActivity */
  char                 *test_signature;            /* what the test box was built for */
  char                 *structure;                 /* what the rows were built for */
  gboolean              applying;
  gboolean              building;
};

/* How many times the sample lead did an activity, and how long ago. */
typedef struct
{
  guint count;
  guint days_ago;
} TestActivity;

static void lw_scoring_page_page_init (LwPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LwScoringPage, lw_scoring_page, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (LW_TYPE_PAGE, lw_scoring_page_page_init))

enum {
  PROP_0,
  PROP_WORKSPACE,
  N_PROPS
};

static void rebuild (LwScoringPage *self);
static void rebuild_test_box (LwScoringPage *self,
                              gboolean       force);
static void update_score (LwScoringPage *self);

/* ---- helpers --------------------------------------------------------------------- */

static LwScoreModel *
model_of (const LwConfig *config,
          LwScoreKind     kind)
{
  LwScoring *scoring = (LwScoring *) &config->scoring;

  return kind == LW_SCORE_FIT ? &scoring->fit : &scoring->engagement;
}

static GPtrArray *
bands_of (const LwConfig *config,
          LwScoreKind     kind)
{
  return kind == LW_SCORE_FIT ? config->scoring.fit_grades : config->scoring.engagement_grades;
}

static const char *
model_path (LwScoreKind kind)
{
  return kind == LW_SCORE_FIT ? "$.scoring.fit" : "$.scoring.engagement";
}

static const char *
bands_path (LwScoreKind kind)
{
  return kind == LW_SCORE_FIT ? "$.scoring.grades.fit" : "$.scoring.grades.engagement";
}

/* "40", "2.5", with "+" before positive points when @sign and a real minus
 * sign before negative ones. */
static char *
format_number (double   value,
               gboolean sign)
{
  double rounded = round (value * 10.0) / 10.0;
  double magnitude = fabs (rounded);
  g_autofree char *digits = NULL;

  if (magnitude == floor (magnitude))
    digits = g_strdup_printf ("%.0f", magnitude);
  else
    digits = g_strdup_printf ("%.1f", magnitude);

  if (rounded < 0)
    return g_strconcat ("−", digits, NULL);
  if (sign && rounded > 0)
    return g_strconcat ("+", digits, NULL);
  return g_steal_pointer (&digits);
}

/* Shows @points on a label styled as positive or negative points. */
static void
set_points_label (GtkLabel *label,
                  double    points)
{
  g_autofree char *text = format_number (points, TRUE);

  gtk_label_set_label (label, text);
  gtk_widget_remove_css_class (GTK_WIDGET (label), "positive");
  gtk_widget_remove_css_class (GTK_WIDGET (label), "negative");
  gtk_widget_remove_css_class (GTK_WIDGET (label), "dim-label");
  if (points > 0)
    gtk_widget_add_css_class (GTK_WIDGET (label), "positive");
  else if (points < 0)
    gtk_widget_add_css_class (GTK_WIDGET (label), "negative");
  else
    gtk_widget_add_css_class (GTK_WIDGET (label), "dim-label");
}

static GtkWidget *
create_points_label (void)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_widget_set_size_request (label, 36, -1);
  gtk_label_set_xalign (GTK_LABEL (label), 1.0);
  gtk_widget_add_css_class (label, "points");
  gtk_widget_add_css_class (label, "numeric");
  return label;
}

/* What a criterion is called: its label, or its id when it has none. */
static const char *
criterion_title (const LwCriterion *criterion)
{
  return criterion->label != NULL && criterion->label[0] != '\0' ? criterion->label : criterion->id;
}

static const char *
activity_label (const LwConfig *config,
                const char     *id)
{
  const LwActivityType *activity = lw_config_find_activity (config, id);

  return activity != NULL && activity->label != NULL ? activity->label : id;
}

/* The criterion's subtitle: its condition, or "Each Pricing page visit, at
 * most 3 times". */
static char *
describe_criterion (const LwConfig    *config,
                    const LwCriterion *criterion)
{
  if (criterion->activity != NULL)
    {
      const char *label = activity_label (config, criterion->activity);

      if (criterion->max_times == 0)
        /* translators: %s is an activity, "Pricing page visit" */
        return g_strdup_printf (_("Each %s"), label);
      if (criterion->max_times == 1)
        /* translators: %s is an activity, "Demo request" */
        return g_strdup_printf (_("Each %s, at most once"), label);

      /* translators: %s is an activity, %u how many times it counts at most */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Each %s, at most %u time",
                                           "Each %s, at most %u times",
                                           criterion->max_times),
                              label, criterion->max_times);
    }
  if (criterion->when != NULL)
    return lw_condition_describe (criterion->when, config);
  return g_strdup (_("No condition and no activity"));
}

/* "A from 35, B from 20, C below" */
static char *
describe_bands (GPtrArray *bands)
{
  g_autoptr(GString) out = g_string_new (NULL);

  if (bands->len == 0)
    return g_strdup (_("No grades"));

  for (guint i = 0; i < bands->len; i++)
    {
      const LwGradeBand *band = g_ptr_array_index (bands, i);
      const char *grade = band->grade != NULL && band->grade[0] != '\0' ? band->grade : "?";

      if (i > 0)
        g_string_append (out, ", ");
      if (band->has_min)
        /* translators: a grade band, "A from 35" */
        g_string_append_printf (out, _("%s from %d"), grade, band->min);
      else if (bands->len == 1)
        /* translators: the only grade band, "A for every score" */
        g_string_append_printf (out, _("%s for every score"), grade);
      else
        /* translators: the last grade band, "C below" */
        g_string_append_printf (out, _("%s below"), grade);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
set_slot (gpointer    widget,
          LwScoreKind kind,
          guint       index)
{
  g_object_set_data (G_OBJECT (widget), "lw-score", GUINT_TO_POINTER (kind));
  g_object_set_data (G_OBJECT (widget), "lw-index", GUINT_TO_POINTER (index));
}

static LwScoreKind
slot_kind (gpointer widget)
{
  return GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (widget), "lw-score"));
}

static guint
slot_index (gpointer widget)
{
  return GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (widget), "lw-index"));
}

static LwCriterion *
criterion_at (LwConfig *config,
              gpointer  widget)
{
  LwScoreModel *model = model_of (config, slot_kind (widget));
  guint index = slot_index (widget);

  g_return_val_if_fail (index < model->criteria->len, NULL);
  return g_ptr_array_index (model->criteria, index);
}

static LwGradeBand *
band_at (LwConfig *config,
         gpointer  widget)
{
  GPtrArray *bands = bands_of (config, slot_kind (widget));
  guint index = slot_index (widget);

  g_return_val_if_fail (index < bands->len, NULL);
  return g_ptr_array_index (bands, index);
}

static void
clear_rows (AdwPreferencesGroup *group,
            GPtrArray           *rows)
{
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, g_ptr_array_index (rows, i));
  g_ptr_array_set_size (rows, 0);
}

static AdwPreferencesGroup *
criteria_group (LwScoringPage *self,
                LwScoreKind    kind)
{
  return kind == LW_SCORE_FIT ? self->fit_group : self->engagement_group;
}

static AdwExpanderRow *
grades_row (LwScoringPage *self,
            LwScoreKind    kind)
{
  return kind == LW_SCORE_FIT ? self->fit_grades_row : self->engagement_grades_row;
}

/* ---- the readout and the static rows ------------------------------------------------ */

static char *
describe_max_part (LwScoreKind kind,
                   double      max,
                   gboolean    unbounded)
{
  g_autofree char *number = format_number (max, FALSE);

  if (kind == LW_SCORE_FIT)
    return unbounded ? g_strdup (_("Fit has no upper limit"))
                     /* translators: %s is a score, "Fit up to 60" */
                     : g_strdup_printf (_("Fit up to %s"), number);
  return unbounded ? g_strdup (_("engagement has no upper limit"))
                   /* translators: %s is a score, "engagement up to 50" */
                   : g_strdup_printf (_("engagement up to %s"), number);
}

/* "Fit up to 60, engagement up to 50: a lead can reach 110; MQL needs 40",
 * a warning when no lead can reach the threshold. */
static void
update_readout (LwScoringPage *self)
{
  const LwConfig *config = lw_workspace_get_config (self->workspace);
  const LwScoring *scoring = &config->scoring;
  double fit = 0, engagement = 0;
  gboolean fit_unbounded = FALSE, engagement_unbounded = FALSE;
  gboolean unreachable;
  g_autofree char *fit_part = NULL;
  g_autofree char *engagement_part = NULL;
  g_autofree char *text = NULL;
  g_autofree char *escaped = NULL;

  lw_score_max_possible (config, &fit, &engagement, &fit_unbounded, &engagement_unbounded);
  fit_part = describe_max_part (LW_SCORE_FIT, fit, fit_unbounded);
  engagement_part = describe_max_part (LW_SCORE_ENGAGEMENT, engagement, engagement_unbounded);

  if (scoring->mql_kind == LW_MQL_TOTAL)
    {
      unreachable = !fit_unbounded && !engagement_unbounded && fit + engagement < scoring->mql_total;
      if (!fit_unbounded && !engagement_unbounded)
        {
          g_autofree char *total = format_number (fit + engagement, FALSE);

          /* translators: "Fit up to 60, engagement up to 50: a lead can reach 110; MQL needs 40" */
          text = g_strdup_printf (_("%s, %s: a lead can reach %s; MQL needs %d"),
                                  fit_part, engagement_part, total, scoring->mql_total);
        }
      else
        {
          /* translators: "Fit up to 60, engagement has no upper limit; MQL needs 40" */
          text = g_strdup_printf (_("%s, %s; MQL needs %d"),
                                  fit_part, engagement_part, scoring->mql_total);
        }
    }
  else
    {
      unreachable = (!fit_unbounded && fit < scoring->mql_fit) ||
                    (!engagement_unbounded && engagement < scoring->mql_engagement);
      /* translators: "Fit up to 60, engagement up to 50; MQL needs fit 20 and engagement 15" */
      text = g_strdup_printf (_("%s, %s; MQL needs fit %d and engagement %d"),
                              fit_part, engagement_part, scoring->mql_fit, scoring->mql_engagement);
    }

  escaped = g_markup_escape_text (text, -1);
  adw_action_row_set_subtitle (self->max_row, escaped);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->max_row),
                                 unreachable ? _("MQL Threshold Out of Reach")
                                             : _("Highest Possible Score"));
  gtk_widget_set_visible (GTK_WIDGET (self->max_icon), unreachable);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->max_icon),
                               unreachable ? _("No lead can reach the MQL threshold: lower it, "
                                               "raise the caps or add criteria")
                                           : NULL);
  if (unreachable)
    gtk_widget_add_css_class (GTK_WIDGET (self->max_row), "lw-unreachable");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->max_row), "lw-unreachable");
}

/* Sets a subtitle that a diagnostic may be showing in its place for now. */
static void
set_row_subtitle (AdwActionRow *row,
                  const char   *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  g_object_set_data_full (G_OBJECT (row), "lw-original-subtitle", g_strdup (escaped), g_free);
  if (!g_object_get_data (G_OBJECT (row), "lw-marked-subtitle"))
    adw_action_row_set_subtitle (row, escaped);
}

/* Sets the caps, decay and threshold widgets from the rule set. */
static void
sync_settings (LwScoringPage *self)
{
  const LwConfig *config = lw_workspace_get_config (self->workspace);
  const LwScoring *scoring = &config->scoring;
  gboolean saved = self->building;
  double fit_max = 0, engagement_max = 0;
  gboolean fit_unbounded = FALSE, engagement_unbounded = FALSE;
  int stage;

  self->building = TRUE;

  lw_score_max_possible (config, &fit_max, &engagement_max, &fit_unbounded, &engagement_unbounded);
  for (LwScoreKind kind = LW_SCORE_FIT; kind <= LW_SCORE_ENGAGEMENT; kind++)
    {
      const LwScoreModel *model = model_of (config, kind);
      GtkSwitch *cap_switch = kind == LW_SCORE_FIT ? self->fit_cap_switch : self->engagement_cap_switch;
      GtkSpinButton *cap_spin = kind == LW_SCORE_FIT ? self->fit_cap_spin : self->engagement_cap_spin;
      double max = kind == LW_SCORE_FIT ? fit_max : engagement_max;
      gboolean unbounded = kind == LW_SCORE_FIT ? fit_unbounded : engagement_unbounded;

      gtk_switch_set_active (cap_switch, model->has_cap);
      gtk_widget_set_sensitive (GTK_WIDGET (cap_spin), model->has_cap);
      /* Without a cap, offer the highest score as a start, so switching the
       * cap on changes nothing until it is lowered. */
      if (model->has_cap)
        gtk_spin_button_set_value (cap_spin, model->cap);
      else
        gtk_spin_button_set_value (cap_spin, unbounded ? 100 : MAX (0, max));
    }

  adw_combo_row_set_selected (self->decay_row, scoring->decay);
  gtk_widget_set_sensitive (GTK_WIDGET (self->days_spin), scoring->decay != LW_DECAY_NONE);
  switch (scoring->decay)
    {
    case LW_DECAY_HALF_LIFE:
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->days_row), _("Half-Life in Days"));
      set_row_subtitle (self->days_row, _("Each activity’s points halve every this many days"));
      gtk_spin_button_set_value (self->days_spin, scoring->half_life_days);
      break;
    case LW_DECAY_WINDOW:
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->days_row), _("Window in Days"));
      set_row_subtitle (self->days_row, _("Activities older than this count nothing"));
      gtk_spin_button_set_value (self->days_spin, scoring->window_days);
      break;
    case LW_DECAY_NONE:
    default:
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->days_row), _("Days"));
      set_row_subtitle (self->days_row, _("Activities count in full however old they are"));
      break;
    }

  adw_combo_row_set_selected (self->mql_kind_row, scoring->mql_kind);
  gtk_widget_set_visible (GTK_WIDGET (self->mql_total_row), scoring->mql_kind == LW_MQL_TOTAL);
  gtk_widget_set_visible (GTK_WIDGET (self->mql_fit_row), scoring->mql_kind == LW_MQL_BOTH);
  gtk_widget_set_visible (GTK_WIDGET (self->mql_engagement_row), scoring->mql_kind == LW_MQL_BOTH);
  gtk_spin_button_set_value (self->mql_total_spin, scoring->mql_total);
  gtk_spin_button_set_value (self->mql_fit_spin, scoring->mql_fit);
  gtk_spin_button_set_value (self->mql_engagement_spin, scoring->mql_engagement);

  stage = scoring->mql_stage != NULL ? lw_config_stage_index (config, scoring->mql_stage) : -1;
  adw_combo_row_set_selected (self->mql_stage_row, stage >= 0 ? (guint) stage : GTK_INVALID_LIST_POSITION);

  self->building = saved;

  update_readout (self);
}

/* ---- marks: titles, subtitles, points and diagnostics in place ------------------------- */

static void
set_expander_subtitle (AdwExpanderRow *row,
                       const char     *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  g_object_set_data_full (G_OBJECT (row), "lw-original-subtitle", g_strdup (escaped), g_free);
  if (!g_object_get_data (G_OBJECT (row), "lw-marked-subtitle"))
    adw_expander_row_set_subtitle (row, escaped);
}

static void
update_marks (LwScoringPage *self)
{
  const LwConfig *config = lw_workspace_get_config (self->workspace);

  for (LwScoreKind kind = LW_SCORE_FIT; kind <= LW_SCORE_ENGAGEMENT; kind++)
    {
      const LwScoreModel *model = model_of (config, kind);
      GPtrArray *rows = self->criterion_rows[kind];
      GPtrArray *bands = bands_of (config, kind);
      g_autofree char *bands_summary = describe_bands (bands);

      for (guint i = 0; i < rows->len && i < model->criteria->len; i++)
        {
          AdwExpanderRow *row = g_ptr_array_index (rows, i);
          const LwCriterion *criterion = g_ptr_array_index (model->criteria, i);
          g_autofree char *path = g_strdup_printf ("%s.criteria[%u]", model_path (kind), i);
          g_autofree char *summary = describe_criterion (config, criterion);
          g_autofree char *title = g_markup_escape_text (criterion_title (criterion), -1);
          GtkWidget *inner;

          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
          set_expander_subtitle (row, summary);
          set_points_label (g_object_get_data (G_OBJECT (row), "lw-points"), criterion->points);
          lw_editor_mark_row (ADW_PREFERENCES_ROW (row), self->workspace, path, TRUE);

          if ((inner = g_object_get_data (G_OBJECT (row), "lw-activity-row")) != NULL)
            {
              g_autofree char *at = g_strconcat (path, ".activity", NULL);

              lw_editor_mark_row (ADW_PREFERENCES_ROW (inner), self->workspace, at, FALSE);
            }
          if ((inner = g_object_get_data (G_OBJECT (row), "lw-max-row")) != NULL)
            {
              g_autofree char *at = g_strconcat (path, ".maxTimes", NULL);

              lw_editor_mark_row (ADW_PREFERENCES_ROW (inner), self->workspace, at, TRUE);
            }
        }

      set_expander_subtitle (grades_row (self, kind), bands_summary);
      lw_editor_mark_row (ADW_PREFERENCES_ROW (grades_row (self, kind)), self->workspace,
                          bands_path (kind), TRUE);
      for (guint i = 0; i < self->band_rows[kind]->len; i++)
        {
          GtkWidget *row = g_ptr_array_index (self->band_rows[kind], i);
          g_autofree char *path = NULL;

          if (!ADW_IS_ACTION_ROW (row))
            continue;
          path = g_strdup_printf ("%s[%u]", bands_path (kind), slot_index (row));
          lw_editor_mark_row (ADW_PREFERENCES_ROW (row), self->workspace, path, TRUE);
        }
    }

  lw_editor_mark_row (ADW_PREFERENCES_ROW (self->days_row), self->workspace, "$.scoring.decay", TRUE);
  lw_editor_mark_row (ADW_PREFERENCES_ROW (self->mql_total_row), self->workspace, "$.scoring.mql.total", TRUE);
  lw_editor_mark_row (ADW_PREFERENCES_ROW (self->mql_fit_row), self->workspace, "$.scoring.mql.fit", TRUE);
  lw_editor_mark_row (ADW_PREFERENCES_ROW (self->mql_engagement_row), self->workspace,
                      "$.scoring.mql.engagement", TRUE);
  lw_editor_mark_row (ADW_PREFERENCES_ROW (self->mql_stage_row), self->workspace, "$.scoring.mqlStage", TRUE);
}

/* ---- applying edits ----------------------------------------------------------------- */

/* Hands @config to the workspace. Structural edits rebuild the rows; the
 * others update them in place, so the widget being edited keeps its focus. */
static void
apply (LwScoringPage *self,
       LwConfig      *config,
       const char    *description,
       gboolean       structural)
{
  self->applying = TRUE;
  lw_workspace_apply (self->workspace, config, description);
  self->applying = FALSE;

  if (structural)
    rebuild (self);
  else
    {
      sync_settings (self);
      update_marks (self);
    }
  rebuild_test_box (self, FALSE);
  update_score (self);
}

static void
label_applied_cb (AdwEntryRow   *entry,
                  LwScoringPage *self)
{
  g_autoptr(LwConfig) config = lw_workspace_dup_config (self->workspace);
  LwCriterion *criterion = criterion_at (config, entry);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  if (g_strcmp0 (criterion->label, text) == 0)
    return;
  g_free (criterion->label);
  criterion->label = g_strdup (text);
  apply (self, g_steal_pointer (&config), _("Rename criterion"), FALSE);
}

static void
condition_changed_cb (LwConditionEditor *editor,
                      LwScoringPage     *self)
{
  g_autoptr(LwConfig) config = lw_workspace_dup_config (self->workspace);
  LwCriterion *criterion = criterion_at (config, editor);

  lw_condition_free (criterion->when);
  criterion->when = lw_condition_editor_dup_condition (editor);
  apply (self, g_steal_pointer (&config), _("Edit criterion condition"), FALSE);
}

static void
kind_selected_cb (AdwComboRow   *combo,
                  GParamSpec    *pspec,
                  LwScoringPage *self)
{
  g_autoptr(LwConfig) config = NULL;
  LwCriterion *criterion;
  gboolean activity = adw_combo_row_get_selected (combo) == 1;

  if (self->building)
    return;

  config = lw_workspace_dup_config (self->workspace);
  criterion = criterion_at (config, combo);
  if ((criterion->activity != NULL) == activity)
    return;

  if (activity)
    {
      g_clear_pointer (&criterion->when, lw_condition_free);
      if (config->activities->len > 0)
        criterion->activity = g_strdup (((LwActivityType *) g_ptr_array_index (config->activities, 0))->id);
      else
        criterion->activity = g_strdup ("");
    }
  else
    {
      g_clear_pointer (&criterion->activity, g_free);
      criterion->max_times = 0;
      criterion->when = lw_condition_new ();
    }
  apply (self, g_steal_pointer (&config), _("Change criterion kind"), TRUE);
}

static void
activity_selected_cb (AdwComboRow   *combo,
                      GParamSpec    *pspec,
                      LwScoringPage *self)
{
  g_autoptr(LwConfig) config = NULL;
  LwCriterion *criterion;
  const LwActivityType *activity;
  guint selected = adw_combo_row_get_selected (combo);

  if (self->building || selected == GTK_INVALID_LIST_POSITION)
    return;

  config = lw_workspace_dup_config (self->workspace);
  criterion = criterion_at (config, combo);
  activity = g_ptr_array_index (config->activities, selected);
  if (g_strcmp0 (criterion->activity, activity->id) == 0)
    return;
  g_free (criterion->activity);
  criterion->activity = g_strdup (activity->id);
  apply (self, g_steal_pointer (&config), _("Change criterion activity"), FALSE);
}

static void
max_times_changed_cb (GtkSpinButton *spin,
                      LwScoringPage *self)
{
  g_autoptr(LwConfig) config = NULL;
  LwCriterion *criterion;
  guint value = gtk_spin_button_get_value_as_int (spin);

  if (self->building)
    return;

  config = lw_workspace_dup_config (self->workspace);
  criterion = criterion_at (config, spin);
  if (criterion->max_times == value)
    return;
  criterion->max_times = value;
  apply (self, g_steal_pointer (&config), _("Change activity limit"), FALSE);
}

static void
points_changed_cb (GtkSpinButton *spin,
                   LwScoringPage *self)
{
  g_autoptr(LwConfig) config = NULL;
  LwCriterion *criterion;
  int value = gtk_spin_button_get_value_as_int (spin);

  if (self->building)
    return;

  config = lw_workspace_dup_config (self->workspace);
  criterion = criterion_at (config, spin);
  if (criterion->points == value)
    return;
  criterion->points = value;
  apply (self, g_steal_pointer (&config), _("Change points"), FALSE);
}

/* After a structural edit, gives the focus back to a row's button. */
static void
focus_row_button (LwScoringPage *self,
                  LwScoreKind    kind,
                  guint          index,
                  const char    *button)
{
  GtkWidget *row;
  GtkWidget *target;

  if (index >= self->criterion_rows[kind]->len)
    return;
  row = g_ptr_array_index (self->criterion_rows[kind], index);
  target = g_object_get_data (G_OBJECT (row), button);
  if (target == NULL || !gtk_widget_get_sensitive (target))
    target = row;
  gtk_widget_grab_focus (target);
}

static void
move_criterion (LwScoringPage *self,
                GtkWidget     *button,
                int            delta)
{
  g_autoptr(LwConfig) config = lw_workspace_dup_config (self->workspace);
  LwScoreKind kind = slot_kind (button);
  GPtrArray *criteria = model_of (config, kind)->criteria;
  guint index = slot_index (button);
  guint to = index + delta;
  gpointer criterion;

  if ((delta < 0 && index == 0) || to >= criteria->len)
    return;
  criterion = g_ptr_array_steal_index (criteria, index);
  g_ptr_array_insert (criteria, to, criterion);
  apply (self, g_steal_pointer (&config), _("Move criterion"), TRUE);
  focus_row_button (self, kind, to, delta < 0 ? "lw-up" : "lw-down");
}

static void
move_up_clicked_cb (GtkButton     *button,
                    LwScoringPage *self)
{
  move_criterion (self, GTK_WIDGET (button), -1);
}

static void
move_down_clicked_cb (GtkButton     *button,
                      LwScoringPage *self)
{
  move_criterion (self, GTK_WIDGET (button), +1);
}

static void
remove_clicked_cb (GtkButton     *button,
                   LwScoringPage *self)
{
  g_autoptr(LwConfig) config = lw_workspace_dup_config (self->workspace);
  LwScoreKind kind = slot_kind (button);

  g_ptr_array_remove_index (model_of (config, kind)->criteria, slot_index (button));
  apply (self, g_steal_pointer (&config), _("Remove criterion"), TRUE);
}

/* Ids of criteria are unique across both scores. */
static char *
unique_criterion_id (const LwConfig *config)
{
  guint n = config->scoring.fit.criteria->len + config->scoring.engagement.criteria->len;

  for (n = n + 1;; n++)
    {
      g_autofree char *id = g_strdup_printf ("criterion-%u", n);
      gboolean taken = FALSE;

      for (LwScoreKind kind = LW_SCORE_FIT; kind <= LW_SCORE_ENGAGEMENT; kind++)
        {
          GPtrArray *criteria = model_of (config, kind)->criteria;

          for (guint i = 0; i < criteria->len; i++)
            taken |= g_strcmp0 (((LwCriterion *) g_ptr_array_index (criteria, i))->id, id) == 0;
        }
      if (!taken)
        return g_steal_pointer (&id);
    }
}

static void
add_criterion (LwScoringPage *self,
               LwScoreKind    kind)
{
  g_autoptr(LwConfig) config = lw_workspace_dup_config (self->workspace);
  g_autofree char *id = unique_criterion_id (config);
  LwCriterion *criterion = lw_criterion_new (id, _("New criterion"), 5);
  GPtrArray *rows;

  /* Engagement is mostly activities, fit mostly properties. */
  if (kind == LW_SCORE_ENGAGEMENT && config->activities->len > 0)
    criterion->activity = g_strdup (((LwActivityType *) g_ptr_array_index (config->activities, 0))->id);
  else
    criterion->when = lw_condition_new ();
  g_ptr_array_add (model_of (config, kind)->criteria, criterion);
  apply (self, g_steal_pointer (&config),
         kind == LW_SCORE_FIT ? _("Add fit criterion") : _("Add engagement criterion"), TRUE);

  /* Open the new criterion at its name. */
  rows = self->criterion_rows[kind];
  if (rows->len > 0)
    {
      GtkWidget *row = g_ptr_array_index (rows, rows->len - 1);
      GtkWidget *name = g_object_get_data (G_OBJECT (row), "lw-name-row");

      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
      if (name != NULL)
        gtk_widget_grab_focus (name);
    }
}

static void
add_fit_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  add_criterion (LW_SCORING_PAGE (widget), LW_SCORE_FIT);
}

static void
add_engagement_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  add_criterion (LW_SCORING_PAGE (widget), LW_SCORE_ENGAGEMENT);
}

/* ---- caps, decay, thresholds (template callbacks) -------------------------------------------- */

static void
cap_switch_active_cb (GtkSwitch     *cap_switch,
                      GParamSpec    *pspec,
                      LwScoringPage *self)
{
  g_autoptr(LwConfig) config = NULL;
  LwScoreKind kind = cap_switch == self->fit_cap_switch ? LW_SCORE_FIT : LW_SCORE_ENGAGEMENT;
  GtkSpinButton *spin = kind == LW_SCORE_FIT ? self->fit_cap_spin : self->engagement_cap_spin;
  LwScoreModel *model;
  gboolean active = gtk_switch_get_active (cap_switch);

  if (self->building || self->workspace == NULL)
    return;

  config = lw_workspace_dup_config (self->workspace);
  model = model_of (config, kind);
  if (model->has_cap == active)
    return;
  model->has_cap = active;
  model->cap = active ? gtk_spin_button_get_value_as_int (spin) : 0;
  apply (self, g_steal_pointer (&config),
         active ? _("Cap score") : _("Remove score cap"), FALSE);
}

static void
cap_spin_value_changed_cb (GtkSpinButton *spin,
                           LwScoringPage *self)
{
  g_autoptr(LwConfig) config = NULL;
  LwScoreKind kind = spin == self->fit_cap_spin ? LW_SCORE_FIT : LW_SCORE_ENGAGEMENT;
  LwScoreModel *model;
  int value = gtk_spin_button_get_value_as_int (spin);

  if (self->building || self->workspace == NULL)
    return;

  config = lw_workspace_dup_config (self->workspace);
  model = model_of (config, kind);
  if (!model->has_cap || model->cap == value)
    return;
  model->cap = value;
  apply (self, g_steal_pointer (&config), _("Change score cap"), FALSE);
}

static void
decay_selected_cb (AdwComboRow   *combo,
                   GParamSpec    *pspec,
                   LwScoringPage *self)
{
  g_autoptr(LwConfig) config = NULL;
  guint selected = adw_combo_row_get_selected (combo);

  if (self->building || self->workspace == NULL || selected > LW_DECAY_WINDOW)
    return;

  config = lw_workspace_dup_config (self->workspace);
  if (config->scoring.decay == (LwDecayKind) selected)
    return;
  config->scoring.decay = selected;
  if (config->scoring.decay == LW_DECAY_HALF_LIFE && !(config->scoring.half_life_days > 0))
    config->scoring.half_life_days = 30;
  if (config->scoring.decay == LW_DECAY_WINDOW && config->scoring.window_days == 0)
    config->scoring.window_days = 90;
  apply (self, g_steal_pointer (&config), _("Change decay"), FALSE);
}

static void
days_value_changed_cb (GtkSpinButton *spin,
                       LwScoringPage *self)
{
  g_autoptr(LwConfig) config = NULL;
  double value = gtk_spin_button_get_value (spin);

  if (self->building || self->workspace == NULL)
    return;

  config = lw_workspace_dup_config (self->workspace);
  switch (config->scoring.decay)
    {
    case LW_DECAY_HALF_LIFE:
      if (config->scoring.half_life_days == value)
        return;
      config->scoring.half_life_days = value;
      break;
    case LW_DECAY_WINDOW:
      if (config->scoring.window_days == (guint) value)
        return;
      config->scoring.window_days = (guint) value;
      break;
    case LW_DECAY_NONE:
    default:
      return;
    }
  apply (self, g_steal_pointer (&config), _("Change decay days"), FALSE);
}

static void
mql_kind_selected_cb (AdwComboRow   *combo,
                      GParamSpec    *pspec,
                      LwScoringPage *self)
{
  g_autoptr(LwConfig) config = NULL;
  LwScoring *scoring;
  guint selected = adw_combo_row_get_selected (combo);

  if (self->building || self->workspace == NULL || selected > LW_MQL_BOTH)
    return;

  config = lw_workspace_dup_config (self->workspace);
  scoring = &config->scoring;
  if (scoring->mql_kind == (LwMqlKind) selected)
    return;
  scoring->mql_kind = selected;
  /* Start from thresholds that mean about the same. */
  if (scoring->mql_kind == LW_MQL_BOTH && scoring->mql_fit == 0 && scoring->mql_engagement == 0)
    {
      scoring->mql_fit = scoring->mql_total / 2;
      scoring->mql_engagement = scoring->mql_total - scoring->mql_fit;
    }
  else if (scoring->mql_kind == LW_MQL_TOTAL && scoring->mql_total == 0)
    {
      scoring->mql_total = scoring->mql_fit + scoring->mql_engagement;
    }
  apply (self, g_steal_pointer (&config), _("Change MQL rule"), FALSE);
}

static void
mql_value_changed_cb (GtkSpinButton *spin,
                      LwScoringPage *self)
{
  g_autoptr(LwConfig) config = NULL;
  int value = gtk_spin_button_get_value_as_int (spin);
  int *field;

  if (self->building || self->workspace == NULL)
    return;

  config = lw_workspace_dup_config (self->workspace);
  if (spin == self->mql_total_spin)
    field = &config->scoring.mql_total;
  else if (spin == self->mql_fit_spin)
    field = &config->scoring.mql_fit;
  else
    field = &config->scoring.mql_engagement;
  if (*field == value)
    return;
  *field = value;
  apply (self, g_steal_pointer (&config), _("Change MQL threshold"), FALSE);
}

static void
mql_stage_selected_cb (AdwComboRow   *combo,
                       GParamSpec    *pspec,
                       LwScoringPage *self)
{
  g_autoptr(LwConfig) config = NULL;
  const LwStage *stage;
  guint selected = adw_combo_row_get_selected (combo);

  if (self->building || self->workspace == NULL || selected == GTK_INVALID_LIST_POSITION)
    return;

  config = lw_workspace_dup_config (self->workspace);
  if (selected >= config->stages->len)
    return;
  stage = g_ptr_array_index (config->stages, selected);
  if (g_strcmp0 (config->scoring.mql_stage, stage->id) == 0)
    return;
  g_free (config->scoring.mql_stage);
  config->scoring.mql_stage = g_strdup (stage->id);
  apply (self, g_steal_pointer (&config), _("Change MQL stage"), FALSE);
}

/* ---- grade bands ------------------------------------------------------------------------------ */

static void
take_grade_text (LwScoringPage *self,
                 GtkEditable   *entry)
{
  g_autoptr(LwConfig) config = NULL;
  LwGradeBand *band;
  g_autofree char *text = NULL;

  if (self->building)
    return;

  config = lw_workspace_dup_config (self->workspace);
  band = band_at (config, entry);
  text = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  if (g_strcmp0 (band->grade, text) == 0)
    return;
  g_free (band->grade);
  band->grade = g_steal_pointer (&text);
  apply (self, g_steal_pointer (&config), _("Rename grade"), FALSE);
}

static void
grade_activate_cb (GtkEntry      *entry,
                   LwScoringPage *self)
{
  take_grade_text (self, GTK_EDITABLE (entry));
}

static void
grade_focus_leave_cb (GtkEventControllerFocus *controller,
                      LwScoringPage           *self)
{
  take_grade_text (self, GTK_EDITABLE (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller))));
}

static void
band_min_changed_cb (GtkSpinButton *spin,
                     LwScoringPage *self)
{
  g_autoptr(LwConfig) config = NULL;
  LwGradeBand *band;
  int value = gtk_spin_button_get_value_as_int (spin);

  if (self->building)
    return;

  config = lw_workspace_dup_config (self->workspace);
  band = band_at (config, spin);
  if (band->has_min && band->min == value)
    return;
  band->has_min = TRUE;
  band->min = value;
  apply (self, g_steal_pointer (&config), _("Change grade band"), FALSE);
}

static void
band_remove_clicked_cb (GtkButton     *button,
                        LwScoringPage *self)
{
  g_autoptr(LwConfig) config = lw_workspace_dup_config (self->workspace);
  GPtrArray *bands = bands_of (config, slot_kind (button));

  g_ptr_array_remove_index (bands, slot_index (button));
  /* The last band takes every lower score. */
  if (bands->len > 0)
    ((LwGradeBand *) g_ptr_array_index (bands, bands->len - 1))->has_min = FALSE;
  apply (self, g_steal_pointer (&config), _("Remove grade band"), TRUE);
}

/* The grade after @grade: "C" gives "D", "3" gives "4". */
static char *
next_grade (const char  *grade,
            LwScoreKind  kind)
{
  if (grade == NULL || grade[0] == '\0')
    return g_strdup (kind == LW_SCORE_FIT ? "A" : "1");
  if (g_ascii_isdigit (grade[0]))
    return g_strdup_printf ("%d", atoi (grade) + 1);
  if (grade[1] == '\0' && g_ascii_isalpha (grade[0]) && g_ascii_toupper (grade[0]) < 'Z')
    return g_strdup_printf ("%c", grade[0] + 1);
  return g_strconcat (grade, "-", NULL);
}

static void
band_add_clicked_cb (GtkButton     *button,
                     LwScoringPage *self)
{
  g_autoptr(LwConfig) config = lw_workspace_dup_config (self->workspace);
  LwScoreKind kind = slot_kind (button);
  GPtrArray *bands = bands_of (config, kind);
  LwGradeBand *last = bands->len > 0 ? g_ptr_array_index (bands, bands->len - 1) : NULL;
  g_autofree char *grade = next_grade (last != NULL ? last->grade : NULL, kind);

  /* The old catch-all band gets a min below the band before it; the new
   * one takes every lower score. */
  if (last != NULL)
    {
      const LwGradeBand *before = bands->len > 1 ? g_ptr_array_index (bands, bands->len - 2) : NULL;

      last->has_min = TRUE;
      last->min = before != NULL && before->has_min ? before->min - 10 : 0;
    }
  g_ptr_array_add (bands, lw_grade_band_new (grade, FALSE, 0));
  apply (self, g_steal_pointer (&config), _("Add grade band"), TRUE);
}

static GtkWidget *
create_band_row (LwScoringPage     *self,
                 LwScoreKind        kind,
                 const LwGradeBand *band,
                 guint              index,
                 guint              n_bands)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *entry = gtk_entry_new ();
  GtkWidget *remove = lw_editor_icon_button ("user-trash-symbolic", _("Remove Band"));
  GtkEventController *focus = gtk_event_controller_focus_new ();
  gboolean last = index + 1 == n_bands;

  gtk_editable_set_text (GTK_EDITABLE (entry), band->grade != NULL ? band->grade : "");
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), 3);
  gtk_editable_set_max_width_chars (GTK_EDITABLE (entry), 3);
  gtk_editable_set_alignment (GTK_EDITABLE (entry), 0.5);
  gtk_entry_set_max_length (GTK_ENTRY (entry), 7);
  gtk_widget_set_valign (entry, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (entry, _("Grade"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Grade"), -1);
  g_signal_connect (entry, "activate", G_CALLBACK (grade_activate_cb), self);
  g_signal_connect (focus, "leave", G_CALLBACK (grade_focus_leave_cb), self);
  gtk_widget_add_controller (entry, focus);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), entry);

  if (!last || band->has_min)
    {
      GtkWidget *spin = gtk_spin_button_new_with_range (-1000, 1000, 1);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Minimum Score"));
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), band->min);
      gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
      gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Lowest score of the band"), -1);
      set_slot (spin, kind, index);
      g_signal_connect (spin, "value-changed", G_CALLBACK (band_min_changed_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
      g_object_set_data (G_OBJECT (row), "lw-min-spin", spin);
    }
  else
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     n_bands == 1 ? _("Every Score") : _("Every Lower Score"));
    }

  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
  set_slot (row, kind, index);
  set_slot (entry, kind, index);
  g_object_set_data (G_OBJECT (row), "lw-grade-entry", entry);
  set_slot (remove, kind, index);
  g_signal_connect (remove, "clicked", G_CALLBACK (band_remove_clicked_cb), self);
  return row;
}

static void
rebuild_bands (LwScoringPage  *self,
               const LwConfig *config,
               LwScoreKind     kind)
{
  AdwExpanderRow *expander = grades_row (self, kind);
  GPtrArray *rows = self->band_rows[kind];
  GPtrArray *bands = bands_of (config, kind);
  GtkWidget *add;
  GtkWidget *add_row;

  for (guint i = 0; i < rows->len; i++)
    adw_expander_row_remove (expander, g_ptr_array_index (rows, i));
  g_ptr_array_set_size (rows, 0);

  for (guint i = 0; i < bands->len; i++)
    {
      GtkWidget *row = create_band_row (self, kind, g_ptr_array_index (bands, i), i, bands->len);

      adw_expander_row_add_row (expander, row);
      g_ptr_array_add (rows, row);
    }

  add = gtk_button_new_with_mnemonic (_("Add _Band"));
  gtk_widget_add_css_class (add, "flat");
  gtk_widget_set_halign (add, GTK_ALIGN_START);
  gtk_widget_set_margin_start (add, 6);
  gtk_widget_set_margin_top (add, 6);
  gtk_widget_set_margin_bottom (add, 6);
  set_slot (add, kind, 0);
  g_signal_connect (add, "clicked", G_CALLBACK (band_add_clicked_cb), self);
  add_row = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (add_row), FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (add_row), add);
  adw_expander_row_add_row (expander, add_row);
  g_ptr_array_add (rows, add_row);
}

/* ---- criterion rows ---------------------------------------------------------------------------- */

/* Puts the condition builder into a criterion row the first time it opens. */
static void
criterion_expanded_cb (AdwExpanderRow *row,
                       GParamSpec     *pspec,
                       LwScoringPage  *self)
{
  const LwConfig *config = lw_workspace_get_config (self->workspace);
  GtkWidget *box = g_object_get_data (G_OBJECT (row), "lw-condition-box");
  const LwScoreModel *model = model_of (config, slot_kind (row));
  const LwCriterion *criterion;
  guint index = slot_index (row);
  GtkWidget *editor;

  if (!adw_expander_row_get_expanded (row) || box == NULL ||
      g_object_get_data (G_OBJECT (row), "lw-condition-editor") != NULL || index >= model->criteria->len)
    return;

  criterion = g_ptr_array_index (model->criteria, index);
  editor = lw_condition_editor_new ();
  lw_condition_editor_set_config (LW_CONDITION_EDITOR (editor), (LwConfig *) config);
  lw_condition_editor_set_condition (LW_CONDITION_EDITOR (editor), criterion->when);
  set_slot (editor, slot_kind (row), index);
  g_signal_connect (editor, "changed", G_CALLBACK (condition_changed_cb), self);
  gtk_box_append (GTK_BOX (box), editor);
  g_object_set_data (G_OBJECT (row), "lw-condition-editor", editor);
}

static GtkWidget *
create_spin_row (const char *title,
                 const char *subtitle,
                 double      lower,
                 double      upper,
                 double      value)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (lower, upper, 1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), value);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  g_object_set_data (G_OBJECT (row), "lw-spin", spin);
  return row;
}

static GtkWidget *
create_criterion_row (LwScoringPage     *self,
                      const LwConfig    *config,
                      LwScoreKind        kind,
                      const LwCriterion *criterion,
                      guint              index)
{
  guint n = model_of (config, kind)->criteria->len;
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *points = create_points_label ();
  GtkWidget *up = lw_editor_icon_button ("go-up-symbolic", _("Move Up"));
  GtkWidget *down = lw_editor_icon_button ("go-down-symbolic", _("Move Down"));
  GtkWidget *remove = lw_editor_icon_button ("user-trash-symbolic", _("Remove Criterion"));
  GtkWidget *name = adw_entry_row_new ();
  GtkWidget *kind_row = adw_combo_row_new ();
  GtkWidget *points_row;
  GtkWidget *spin;
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);

  adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row), points);
  g_object_set_data (G_OBJECT (row), "lw-points", points);
  set_slot (row, kind, index);

  gtk_widget_set_sensitive (up, index > 0);
  gtk_widget_set_sensitive (down, index + 1 < n);
  /* Actions are packed from the end: this shows up, down, remove. */
  for (GtkWidget **w = (GtkWidget *[]) { remove, down, up, NULL }; *w != NULL; w++)
    {
      set_slot (*w, kind, index);
      adw_expander_row_add_action (ADW_EXPANDER_ROW (row), *w);
    }
  g_object_set_data (G_OBJECT (row), "lw-up", up);
  g_object_set_data (G_OBJECT (row), "lw-down", down);
  g_signal_connect (up, "clicked", G_CALLBACK (move_up_clicked_cb), self);
  g_signal_connect (down, "clicked", G_CALLBACK (move_down_clicked_cb), self);
  g_signal_connect (remove, "clicked", G_CALLBACK (remove_clicked_cb), self);

  /* Name */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (name), _("Name"));
  gtk_editable_set_text (GTK_EDITABLE (name), criterion->label != NULL ? criterion->label : "");
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (name), TRUE);
  set_slot (name, kind, index);
  g_signal_connect (name, "apply", G_CALLBACK (label_applied_cb), self);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), name);
  g_object_set_data (G_OBJECT (row), "lw-name-row", name);

  /* Kind */
  gtk_string_list_append (kinds, _("A condition"));
  gtk_string_list_append (kinds, _("An activity"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (kind_row), _("Points For"));
  adw_combo_row_set_model (ADW_COMBO_ROW (kind_row), G_LIST_MODEL (kinds));
  adw_combo_row_set_selected (ADW_COMBO_ROW (kind_row), criterion->activity != NULL ? 1 : 0);
  set_slot (kind_row, kind, index);
  g_signal_connect (kind_row, "notify::selected", G_CALLBACK (kind_selected_cb), self);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), kind_row);

  if (criterion->activity != NULL)
    {
      GtkWidget *activity = adw_combo_row_new ();
      g_autoptr(GtkStringList) activities = gtk_string_list_new (NULL);
      int selected = lw_config_activity_index (config, criterion->activity);
      GtkWidget *max_row;

      for (guint i = 0; i < config->activities->len; i++)
        {
          const LwActivityType *type = g_ptr_array_index (config->activities, i);

          gtk_string_list_append (activities, type->label != NULL ? type->label : type->id);
        }
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (activity), _("Activity"));
      adw_combo_row_set_model (ADW_COMBO_ROW (activity), G_LIST_MODEL (activities));
      adw_combo_row_set_selected (ADW_COMBO_ROW (activity),
                                  selected >= 0 ? (guint) selected : GTK_INVALID_LIST_POSITION);
      set_slot (activity, kind, index);
      g_signal_connect (activity, "notify::selected", G_CALLBACK (activity_selected_cb), self);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), activity);
      g_object_set_data (G_OBJECT (row), "lw-activity-row", activity);

      max_row = create_spin_row (_("At Most"), _("How many times it counts; 0 for no limit"),
                                 0, 1000, criterion->max_times);
      spin = g_object_get_data (G_OBJECT (max_row), "lw-spin");
      set_slot (spin, kind, index);
      g_signal_connect (spin, "value-changed", G_CALLBACK (max_times_changed_cb), self);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), max_row);
      g_object_set_data (G_OBJECT (row), "lw-max-row", max_row);
    }
  else
    {
      GtkWidget *condition_row = gtk_list_box_row_new ();
      GtkWidget *condition_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      GtkWidget *when = gtk_label_new (_("When"));

      gtk_label_set_xalign (GTK_LABEL (when), 0);
      gtk_widget_add_css_class (when, "heading");
      gtk_box_append (GTK_BOX (condition_box), when);
      gtk_widget_set_margin_start (condition_box, 12);
      gtk_widget_set_margin_end (condition_box, 12);
      gtk_widget_set_margin_top (condition_box, 12);
      gtk_widget_set_margin_bottom (condition_box, 12);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (condition_row), condition_box);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (condition_row), FALSE);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), condition_row);
      g_object_set_data (G_OBJECT (row), "lw-condition-box", condition_box);
      /* The condition builder is made when the row first opens: closed
       * rows stay light and narrow. */
      g_signal_connect (row, "notify::expanded", G_CALLBACK (criterion_expanded_cb), self);
    }

  /* Points */
  points_row = create_spin_row (_("Points"), _("Negative points lower the score"),
                                -100, 100, criterion->points);
  spin = g_object_get_data (G_OBJECT (points_row), "lw-spin");
  set_slot (spin, kind, index);
  g_signal_connect (spin, "value-changed", G_CALLBACK (points_changed_cb), self);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), points_row);
  g_object_set_data (G_OBJECT (row), "lw-points-spin", spin);

  return row;
}

/* What the rows depend on besides the values they show: the kinds of the
 * criteria, which grade bands have a min, and the catalogues the combos
 * and condition builders offer. While it stays the same, a change from
 * outside (undo, redo) updates the rows in place. */
static char *
structure_signature (const LwConfig *config)
{
  GString *out = g_string_new (NULL);

  for (LwScoreKind kind = LW_SCORE_FIT; kind <= LW_SCORE_ENGAGEMENT; kind++)
    {
      GPtrArray *criteria = model_of (config, kind)->criteria;
      GPtrArray *bands = bands_of (config, kind);

      for (guint i = 0; i < criteria->len; i++)
        g_string_append_c (out, ((LwCriterion *) g_ptr_array_index (criteria, i))->activity != NULL ? 'a' : 'c');
      g_string_append_c (out, '|');
      for (guint i = 0; i < bands->len; i++)
        {
          const LwGradeBand *band = g_ptr_array_index (bands, i);

          g_string_append_c (out, i + 1 < bands->len || band->has_min ? 'm' : 'n');
        }
      g_string_append_c (out, '|');
    }

  for (guint i = 0; i < config->properties->len; i++)
    {
      const LwProperty *property = g_ptr_array_index (config->properties, i);

      g_string_append_printf (out, "%s=%s:%d", property->id, property->label, property->type);
      for (guint o = 0; property->options != NULL && o < property->options->len; o++)
        {
          const LwOption *option = g_ptr_array_index (property->options, o);

          g_string_append_printf (out, ",%s=%s", option->value, option->label);
        }
      g_string_append_c (out, ';');
    }
  for (guint i = 0; i < config->activities->len; i++)
    {
      const LwActivityType *activity = g_ptr_array_index (config->activities, i);

      g_string_append_printf (out, "%s=%s;", activity->id, activity->label);
    }
  for (guint i = 0; i < config->stages->len; i++)
    {
      const LwStage *stage = g_ptr_array_index (config->stages, i);

      g_string_append_printf (out, "%s=%s;", stage->id, stage->label);
    }
  return g_string_free (out, FALSE);
}

static void
set_spin_value (gpointer spin,
                double   value)
{
  if (spin != NULL && gtk_spin_button_get_value (spin) != value)
    gtk_spin_button_set_value (spin, value);
}

static void
set_editable_text (gpointer    editable,
                   const char *text)
{
  if (editable != NULL && g_strcmp0 (gtk_editable_get_text (editable), text != NULL ? text : "") != 0)
    gtk_editable_set_text (editable, text != NULL ? text : "");
}

/* Shows the rule set's values in the rows built for the same structure,
 * keeping the focus and what is open. */
static void
refresh_rows (LwScoringPage *self)
{
  const LwConfig *config = lw_workspace_get_config (self->workspace);

  self->building = TRUE;

  for (LwScoreKind kind = LW_SCORE_FIT; kind <= LW_SCORE_ENGAGEMENT; kind++)
    {
      GPtrArray *criteria = model_of (config, kind)->criteria;
      GPtrArray *bands = bands_of (config, kind);

      for (guint i = 0; i < criteria->len && i < self->criterion_rows[kind]->len; i++)
        {
          const LwCriterion *criterion = g_ptr_array_index (criteria, i);
          GObject *row = g_ptr_array_index (self->criterion_rows[kind], i);
          GtkWidget *activity = g_object_get_data (row, "lw-activity-row");
          GtkWidget *max_row = g_object_get_data (row, "lw-max-row");
          LwConditionEditor *editor = g_object_get_data (row, "lw-condition-editor");

          set_editable_text (g_object_get_data (row, "lw-name-row"), criterion->label);
          set_spin_value (g_object_get_data (row, "lw-points-spin"), criterion->points);
          if (activity != NULL)
            {
              int selected = lw_config_activity_index (config, criterion->activity);

              adw_combo_row_set_selected (ADW_COMBO_ROW (activity),
                                          selected >= 0 ? (guint) selected : GTK_INVALID_LIST_POSITION);
            }
          if (max_row != NULL)
            set_spin_value (g_object_get_data (G_OBJECT (max_row), "lw-spin"), criterion->max_times);
          if (editor != NULL)
            {
              g_autoptr(LwCondition) shown = lw_condition_editor_dup_condition (editor);

              lw_condition_editor_set_config (editor, (LwConfig *) config);
              if (!lw_condition_equal (shown, criterion->when))
                lw_condition_editor_set_condition (editor, criterion->when);
            }
        }

      for (guint i = 0; i < self->band_rows[kind]->len; i++)
        {
          GObject *row = g_ptr_array_index (self->band_rows[kind], i);
          const LwGradeBand *band;

          if (!ADW_IS_ACTION_ROW (row) || slot_index (row) >= bands->len)
            continue;
          band = g_ptr_array_index (bands, slot_index (row));
          set_editable_text (g_object_get_data (row, "lw-grade-entry"), band->grade);
          set_spin_value (g_object_get_data (row, "lw-min-spin"), band->min);
        }
    }

  self->building = FALSE;

  sync_settings (self);
  update_marks (self);
}

static void
rebuild (LwScoringPage *self)
{
  const LwConfig *config = lw_workspace_get_config (self->workspace);
  g_autoptr(GListModel) stages = lw_editor_stages_model (config);

  self->building = TRUE;

  g_free (self->structure);
  self->structure = structure_signature (config);

  for (LwScoreKind kind = LW_SCORE_FIT; kind <= LW_SCORE_ENGAGEMENT; kind++)
    {
      GPtrArray *rows = self->criterion_rows[kind];
      GPtrArray *criteria = model_of (config, kind)->criteria;
      g_autoptr(GArray) expanded = g_array_new (FALSE, TRUE, sizeof (gboolean));

      for (guint i = 0; i < rows->len; i++)
        {
          gboolean open = adw_expander_row_get_expanded (g_ptr_array_index (rows, i));
          g_array_append_val (expanded, open);
        }
      clear_rows (criteria_group (self, kind), rows);

      for (guint i = 0; i < criteria->len; i++)
        {
          GtkWidget *row = create_criterion_row (self, config, kind, g_ptr_array_index (criteria, i), i);

          if (i < expanded->len && g_array_index (expanded, gboolean, i))
            adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
          adw_preferences_group_add (criteria_group (self, kind), row);
          g_ptr_array_add (rows, row);
        }

      rebuild_bands (self, config, kind);
    }

  adw_combo_row_set_model (self->mql_stage_row, stages);

  self->building = FALSE;

  sync_settings (self);
  update_marks (self);
}

/* ---- test box ------------------------------------------------------------------------------------ */

static gboolean
condition_uses (const LwCondition *condition,
                const char        *property)
{
  for (guint g = 0; condition != NULL && g < condition->groups->len; g++)
    {
      LwFilterGroup *group = g_ptr_array_index (condition->groups, g);

      for (guint f = 0; f < group->filters->len; f++)
        if (g_strcmp0 (((LwFilter *) g_ptr_array_index (group->filters, f))->property, property) == 0)
          return TRUE;
    }
  return FALSE;
}

static gboolean
scoring_uses (const LwConfig   *config,
              const LwProperty *property)
{
  for (LwScoreKind kind = LW_SCORE_FIT; kind <= LW_SCORE_ENGAGEMENT; kind++)
    {
      GPtrArray *criteria = model_of (config, kind)->criteria;

      for (guint i = 0; i < criteria->len; i++)
        if (condition_uses (((LwCriterion *) g_ptr_array_index (criteria, i))->when, property->id))
          return TRUE;
    }
  return FALSE;
}

/* The properties the test box asks for, in catalogue order: those the
 * criteria read, with the email in place of a domain derived from it. The
 * scores and the grade are what the box computes, never inputs. */
static GPtrArray *
dup_test_properties (const LwConfig *config)
{
  GPtrArray *wanted = g_ptr_array_new ();
  g_autofree gboolean *want = g_new0 (gboolean, config->properties->len);

  for (guint i = 0; i < config->properties->len; i++)
    {
      const LwProperty *property = g_ptr_array_index (config->properties, i);
      const LwProperty *source;

      if (i == LW_BUILTIN_FIT_SCORE || i == LW_BUILTIN_ENGAGEMENT_SCORE ||
          i == LW_BUILTIN_TOTAL_SCORE || i == LW_BUILTIN_GRADE || !scoring_uses (config, property))
        continue;
      source = property->domain_of != NULL ? lw_config_find_property (config, property->domain_of) : NULL;
      want[source != NULL ? source->index : i] = TRUE;
    }
  for (guint i = 0; i < config->properties->len; i++)
    if (want[i])
      g_ptr_array_add (wanted, g_ptr_array_index (config->properties, i));
  return wanted;
}

static char *
test_signature (const LwConfig *config,
                GPtrArray      *properties)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < properties->len; i++)
    g_string_append_printf (out, "%s;", ((LwProperty *) g_ptr_array_index (properties, i))->id);
  g_string_append_c (out, '|');
  for (guint i = 0; i < config->activities->len; i++)
    g_string_append_printf (out, "%s;", ((LwActivityType *) g_ptr_array_index (config->activities, i))->id);
  return g_string_free (out, FALSE);
}

static TestActivity *
lookup_test_activity (LwScoringPage *self,
                      const char    *id)
{
  TestActivity *test = g_hash_table_lookup (self->test_activities, id);

  if (test == NULL)
    {
      test = g_new0 (TestActivity, 1);
      g_hash_table_insert (self->test_activities, g_strdup (id), test);
    }
  return test;
}

static void
test_entry_changed_cb (GtkEditable   *editable,
                       LwScoringPage *self)
{
  const char *id = g_object_get_data (G_OBJECT (editable), "lw-property");

  g_hash_table_replace (self->test_values, g_strdup (id), g_strdup (gtk_editable_get_text (editable)));
  update_score (self);
}

static void
test_combo_selected_cb (AdwComboRow   *combo,
                        GParamSpec    *pspec,
                        LwScoringPage *self)
{
  const char *id = g_object_get_data (G_OBJECT (combo), "lw-property");
  GPtrArray *values = g_object_get_data (G_OBJECT (combo), "lw-values");
  guint selected = adw_combo_row_get_selected (combo);

  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION)
    g_hash_table_remove (self->test_values, id);
  else
    g_hash_table_replace (self->test_values, g_strdup (id), g_strdup (g_ptr_array_index (values, selected - 1)));
  update_score (self);
}

static void
test_count_changed_cb (GtkSpinButton *spin,
                       LwScoringPage *self)
{
  TestActivity *test = lookup_test_activity (self, g_object_get_data (G_OBJECT (spin), "lw-activity"));

  test->count = gtk_spin_button_get_value_as_int (spin);
  gtk_widget_set_sensitive (g_object_get_data (G_OBJECT (spin), "lw-days"), test->count > 0);
  update_score (self);
}

static void
test_days_changed_cb (GtkSpinButton *spin,
                      LwScoringPage *self)
{
  TestActivity *test = lookup_test_activity (self, g_object_get_data (G_OBJECT (spin), "lw-activity"));

  test->days_ago = gtk_spin_button_get_value_as_int (spin);
  update_score (self);
}

static GtkWidget *
create_test_property_row (LwScoringPage    *self,
                          const LwProperty *property)
{
  const char *value = g_hash_table_lookup (self->test_values, property->id);
  GtkWidget *row;
  g_autofree char *title = g_markup_escape_text (property->label != NULL ? property->label : property->id, -1);

  if (property->type == LW_PROPERTY_ENUM || property->type == LW_PROPERTY_BOOLEAN)
    {
      g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
      GPtrArray *values = g_ptr_array_new_with_free_func (g_free);
      guint selected = 0;

      gtk_string_list_append (labels, _("No value"));
      if (property->type == LW_PROPERTY_BOOLEAN)
        {
          g_ptr_array_add (values, g_strdup ("true"));
          g_ptr_array_add (values, g_strdup ("false"));
          gtk_string_list_append (labels, _("Yes"));
          gtk_string_list_append (labels, _("No"));
        }
      for (guint o = 0; property->options != NULL && o < property->options->len; o++)
        {
          const LwOption *option = g_ptr_array_index (property->options, o);

          g_ptr_array_add (values, g_strdup (option->value));
          gtk_string_list_append (labels, option->label ? option->label : option->value);
        }
      for (guint v = 0; value != NULL && v < values->len; v++)
        if (g_strcmp0 (g_ptr_array_index (values, v), value) == 0)
          selected = v + 1;

      row = adw_combo_row_new ();
      adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (labels));
      adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
      g_object_set_data_full (G_OBJECT (row), "lw-values", values, (GDestroyNotify) g_ptr_array_unref);
      g_signal_connect (row, "notify::selected", G_CALLBACK (test_combo_selected_cb), self);
    }
  else
    {
      row = adw_entry_row_new ();
      gtk_editable_set_text (GTK_EDITABLE (row), value != NULL ? value : "");
      if (property->type == LW_PROPERTY_NUMBER)
        adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row), GTK_INPUT_PURPOSE_NUMBER);
      else if (property->type == LW_PROPERTY_EMAIL)
        adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row), GTK_INPUT_PURPOSE_EMAIL);
      g_signal_connect (row, "changed", G_CALLBACK (test_entry_changed_cb), self);
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  g_object_set_data_full (G_OBJECT (row), "lw-property", g_strdup (property->id), g_free);
  return row;
}

static GtkWidget *
create_test_spin (LwScoringPage *self,
                  const char    *activity,
                  double         upper,
                  guint          value,
                  GCallback      callback)
{
  GtkWidget *spin = gtk_spin_button_new_with_range (0, upper, 1);

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), value);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  g_object_set_data_full (G_OBJECT (spin), "lw-activity", g_strdup (activity), g_free);
  g_signal_connect (spin, "value-changed", callback, self);
  return spin;
}

static GtkWidget *
create_test_activity_row (LwScoringPage        *self,
                          const LwActivityType *activity)
{
  TestActivity *test = lookup_test_activity (self, activity->id);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *count = create_test_spin (self, activity->id, 100, test->count, G_CALLBACK (test_count_changed_cb));
  GtkWidget *days = create_test_spin (self, activity->id, 3650, test->days_ago, G_CALLBACK (test_days_changed_cb));
  GtkWidget *times = gtk_label_new (_("times,"));
  GtkWidget *ago = gtk_label_new (_("days ago"));
  g_autofree char *title = g_markup_escape_text (activity->label != NULL ? activity->label : activity->id, -1);
  /* translators: %s is an activity; the accessible label of a count */
  g_autofree char *count_label = g_strdup_printf (_("How many times: %s"), activity->label);
  /* translators: %s is an activity; the accessible label of an age */
  g_autofree char *days_label = g_strdup_printf (_("How many days ago: %s"), activity->label);

  gtk_widget_set_sensitive (days, test->count > 0);
  g_object_set_data (G_OBJECT (count), "lw-days", days);
  gtk_widget_add_css_class (times, "dim-label");
  gtk_widget_add_css_class (ago, "dim-label");
  gtk_accessible_update_property (GTK_ACCESSIBLE (count), GTK_ACCESSIBLE_PROPERTY_LABEL, count_label, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (days), GTK_ACCESSIBLE_PROPERTY_LABEL, days_label, -1);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), count);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), times);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), days);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), ago);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), count);
  return row;
}

/* Rebuilds the inputs when the properties or activities they offer change
 * (or always, with @force), keeping what was filled in. */
static void
rebuild_test_box (LwScoringPage *self,
                  gboolean       force)
{
  const LwConfig *config = lw_workspace_get_config (self->workspace);
  g_autoptr(GPtrArray) properties = dup_test_properties (config);
  g_autofree char *signature = test_signature (config, properties);

  if (!force && g_strcmp0 (signature, self->test_signature) == 0)
    return;
  g_free (self->test_signature);
  self->test_signature = g_steal_pointer (&signature);

  clear_rows (self->test_group, self->test_rows);

  for (guint i = 0; i < properties->len; i++)
    {
      GtkWidget *row = create_test_property_row (self, g_ptr_array_index (properties, i));

      adw_preferences_group_add (self->test_group, row);
      g_ptr_array_add (self->test_rows, row);
    }
  for (guint i = 0; i < config->activities->len; i++)
    {
      GtkWidget *row = create_test_activity_row (self, g_ptr_array_index (config->activities, i));

      adw_preferences_group_add (self->test_group, row);
      g_ptr_array_add (self->test_rows, row);
    }
}

static void
add_result_row (LwScoringPage *self,
                GtkWidget     *prefix,
                const char    *title,
                const char    *subtitle,
                gboolean       dim)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *escaped_title = g_markup_escape_text (title, -1);
  g_autofree char *escaped_subtitle = g_markup_escape_text (subtitle != NULL ? subtitle : "", -1);

  adw_action_row_add_prefix (ADW_ACTION_ROW (row), prefix);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped_title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped_subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 4);
  if (dim)
    gtk_widget_add_css_class (row, "lw-unmatched");
  adw_preferences_group_add (self->result_group, row);
  g_ptr_array_add (self->result_rows, row);
}

/* The explanation without what the row shows already: the criterion's
 * label, and for a condition the points before " — ". */
static const char *
strip_why (const LwScoreItem *item)
{
  const LwCriterion *criterion = item->criterion;
  const char *label = criterion_title (criterion);
  const char *why = item->why != NULL ? item->why : "";
  gsize n = strlen (label);

  if (strncmp (why, label, n) == 0 && strncmp (why + n, ": ", 2) == 0)
    why += n + 2;
  if (criterion->activity == NULL)
    {
      const char *dash = strstr (why, " — ");

      if (dash != NULL)
        why = dash + strlen (" — ");
    }
  return why;
}

static void
set_summary (LwScoringPage *self,
             const LwScore *score)
{
  g_autofree char *fit = score != NULL ? format_number (score->fit, FALSE) : g_strdup ("–");
  g_autofree char *engagement = score != NULL ? format_number (score->engagement, FALSE) : g_strdup ("–");
  g_autofree char *total = score != NULL ? format_number (score->total, FALSE) : g_strdup ("–");

  gtk_label_set_label (self->fit_value_label, fit);
  gtk_label_set_label (self->engagement_value_label, engagement);
  gtk_label_set_label (self->total_value_label, total);
  gtk_label_set_label (self->grade_value_label,
                       score != NULL && score->grade[0] != '\0' ? score->grade : "–");
  gtk_label_set_label (self->mql_value_label,
                       score == NULL ? "–" : score->mql ? _("Yes") : _("No"));
  if (score != NULL && score->mql)
    gtk_widget_add_css_class (GTK_WIDGET (self->mql_value_label), "success");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->mql_value_label), "success");

  if (score != NULL && score->fit_uncapped > score->fit)
    {
      g_autofree char *uncapped = format_number (score->fit_uncapped, FALSE);
      /* translators: the fit score was cut to its cap; %s is the score before */
      g_autofree char *caption = g_strdup_printf (_("Fit (capped from %s)"), uncapped);

      gtk_label_set_label (self->fit_caption_label, caption);
    }
  else
    gtk_label_set_label (self->fit_caption_label, _("Fit"));

  if (score != NULL && score->engagement_uncapped > score->engagement)
    {
      g_autofree char *uncapped = format_number (score->engagement_uncapped, FALSE);
      /* translators: the engagement score was cut to its cap; %s is the score before */
      g_autofree char *caption = g_strdup_printf (_("Engagement (capped from %s)"), uncapped);

      gtk_label_set_label (self->engagement_caption_label, caption);
    }
  else
    gtk_label_set_label (self->engagement_caption_label, _("Engagement"));
}

static int
compare_activities (gconstpointer a,
                    gconstpointer b)
{
  const LwActivity *x = a;
  const LwActivity *y = b;

  return x->at < y->at ? -1 : x->at > y->at;
}

/* Whether the rule set has errors in what scoring reads: the catalogue
 * and the scoring itself. Errors elsewhere (no fallback owner yet, while
 * the team is still empty) do not keep the admin from trying a lead. */
static gboolean
has_scoring_errors (LwWorkspace *workspace)
{
  static const char * const paths[] = { "$.properties", "$.activities", "$.scoring" };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(GPtrArray) found = lw_workspace_dup_diagnostics_at (workspace, paths[i]);

      for (guint j = 0; j < found->len; j++)
        if (((LwDiagnostic *) g_ptr_array_index (found, j))->severity == LW_SEVERITY_ERROR)
          return TRUE;
    }
  return FALSE;
}

static void
update_score (LwScoringPage *self)
{
  const LwConfig *config = lw_workspace_get_config (self->workspace);
  g_autoptr(LwLead) lead = NULL;
  g_autoptr(GArray) activities = g_array_new (FALSE, FALSE, sizeof (LwActivity));
  g_auto(LwScore) score = { 0 };
  g_autofree char *mql = NULL;
  GHashTableIter iter;
  gpointer key, value;
  LwTime now = g_get_real_time () / G_USEC_PER_SEC;

  clear_rows (self->result_group, self->result_rows);

  if (has_scoring_errors (self->workspace))
    {
      adw_preferences_group_set_description (self->result_group,
                                             _("Fix the errors in the rule set to try a lead."));
      set_summary (self, NULL);
      gtk_widget_set_sensitive (GTK_WIDGET (self->summary_row), FALSE);
      return;
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->summary_row), TRUE);

  lead = lw_lead_new (config, "sample");
  g_hash_table_iter_init (&iter, self->test_values);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autoptr(GError) error = NULL;

      if (value == NULL || ((char *) value)[0] == '\0' || lw_config_find_property (config, key) == NULL)
        continue;
      if (!lw_lead_set (lead, config, key, value, &error))
        {
          const LwProperty *property = lw_config_find_property (config, key);
          GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-error-symbolic");

          gtk_widget_add_css_class (icon, "error");
          add_result_row (self, icon, property->label, error->message, FALSE);
        }
    }

  g_hash_table_iter_init (&iter, self->test_activities);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const TestActivity *test = value;
      int type = lw_config_activity_index (config, key);

      for (guint n = 0; type >= 0 && n < test->count; n++)
        {
          LwActivity activity = { type, now - (LwTime) test->days_ago * LW_DAY };

          g_array_append_val (activities, activity);
        }
    }
  g_array_sort (activities, compare_activities);
  for (guint i = 0; i < activities->len; i++)
    {
      const LwActivity *activity = &g_array_index (activities, LwActivity, i);

      lw_lead_add_activity (lead, activity->type, activity->at);
    }

  lw_score_lead (config, lead, now, TRUE, &score);

  mql = lw_scoring_describe_mql (config);
  adw_preferences_group_set_description (self->result_group, mql);
  set_summary (self, &score);

  for (guint i = 0; score.items != NULL && i < score.items->len; i++)
    {
      const LwScoreItem *item = g_ptr_array_index (score.items, i);
      GtkWidget *points = create_points_label ();
      g_autofree char *why = lw_editor_dup_capitalized (strip_why (item));

      set_points_label (GTK_LABEL (points), item->points);
      add_result_row (self, points, criterion_title (item->criterion), why, !item->matched);
    }
}

/* ---- LwPage ------------------------------------------------------------------------------------- */

static void
lw_scoring_page_reveal (LwPage     *page,
                        const char *path)
{
  LwScoringPage *self = LW_SCORING_PAGE (page);
  GtkWidget *target = NULL;

  for (LwScoreKind kind = LW_SCORE_FIT; kind <= LW_SCORE_ENGAGEMENT && target == NULL; kind++)
    {
      g_autofree char *criteria = g_strconcat (model_path (kind), ".criteria", NULL);
      g_autofree char *cap = g_strconcat (model_path (kind), ".cap", NULL);
      int index = lw_editor_path_index (path, criteria);
      int band = lw_editor_path_index (path, bands_path (kind));

      if (index >= 0 && (guint) index < self->criterion_rows[kind]->len)
        {
          target = g_ptr_array_index (self->criterion_rows[kind], index);
          adw_expander_row_set_expanded (ADW_EXPANDER_ROW (target), TRUE);
        }
      else if (lw_editor_path_within (path, cap))
        {
          target = GTK_WIDGET (kind == LW_SCORE_FIT ? self->fit_cap_spin : self->engagement_cap_spin);
        }
      else if (lw_editor_path_within (path, bands_path (kind)))
        {
          adw_expander_row_set_expanded (grades_row (self, kind), TRUE);
          target = band >= 0 && (guint) band < self->band_rows[kind]->len
                     ? g_ptr_array_index (self->band_rows[kind], band)
                     : GTK_WIDGET (grades_row (self, kind));
        }
      else if (lw_editor_path_within (path, model_path (kind)))
        {
          target = GTK_WIDGET (criteria_group (self, kind));
        }
    }

  if (target == NULL)
    {
      if (lw_editor_path_within (path, "$.scoring.decay"))
        target = gtk_widget_get_sensitive (GTK_WIDGET (self->days_spin)) ? GTK_WIDGET (self->days_row)
                                                                         : GTK_WIDGET (self->decay_row);
      else if (lw_editor_path_within (path, "$.scoring.mql.total"))
        target = GTK_WIDGET (self->mql_total_row);
      else if (lw_editor_path_within (path, "$.scoring.mql.fit"))
        target = GTK_WIDGET (self->mql_fit_row);
      else if (lw_editor_path_within (path, "$.scoring.mql.engagement"))
        target = GTK_WIDGET (self->mql_engagement_row);
      else if (lw_editor_path_within (path, "$.scoring.mql"))
        target = GTK_WIDGET (self->max_row);
      else if (lw_editor_path_within (path, "$.scoring.mqlStage"))
        target = GTK_WIDGET (self->mql_stage_row);
    }

  if (target != NULL)
    gtk_widget_grab_focus (target);
}

static void
lw_scoring_page_page_init (LwPageInterface *iface)
{
  iface->reveal = lw_scoring_page_reveal;
}

/* ---- GObject ------------------------------------------------------------------------------------ */

static void
workspace_changed_cb (LwScoringPage *self)
{
  g_autofree char *structure = NULL;

  if (self->applying)
    return;

  structure = structure_signature (lw_workspace_get_config (self->workspace));
  if (g_strcmp0 (structure, self->structure) == 0)
    {
      refresh_rows (self);
      rebuild_test_box (self, FALSE);
    }
  else
    {
      rebuild (self);
      rebuild_test_box (self, TRUE);
    }
  update_score (self);
}

static void
lw_scoring_page_constructed (GObject *object)
{
  LwScoringPage *self = LW_SCORING_PAGE (object);

  G_OBJECT_CLASS (lw_scoring_page_parent_class)->constructed (object);

  g_signal_connect_object (self->workspace, "changed", G_CALLBACK (workspace_changed_cb), self,
                           G_CONNECT_SWAPPED);
  workspace_changed_cb (self);
}

static void
lw_scoring_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  LwScoringPage *self = LW_SCORING_PAGE (object);

  switch (prop_id)
    {
    case PROP_WORKSPACE:
      g_set_object (&self->workspace, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lw_scoring_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  LwScoringPage *self = LW_SCORING_PAGE (object);

  switch (prop_id)
    {
    case PROP_WORKSPACE:
      g_value_set_object (value, self->workspace);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lw_scoring_page_dispose (GObject *object)
{
  LwScoringPage *self = LW_SCORING_PAGE (object);

  /* Widgets going away must not write back to the workspace. */
  self->building = TRUE;
  gtk_widget_dispose_template (GTK_WIDGET (self), LW_TYPE_SCORING_PAGE);
  for (guint i = 0; i < N_SCORES; i++)
    {
      g_clear_pointer (&self->criterion_rows[i], g_ptr_array_unref);
      g_clear_pointer (&self->band_rows[i], g_ptr_array_unref);
    }
  g_clear_pointer (&self->test_rows, g_ptr_array_unref);
  g_clear_pointer (&self->result_rows, g_ptr_array_unref);
  g_clear_pointer (&self->test_values, g_hash_table_unref);
  g_clear_pointer (&self->test_activities, g_hash_table_unref);
  g_clear_pointer (&self->test_signature, g_free);
  g_clear_pointer (&self->structure, g_free);
  g_clear_object (&self->workspace);

  G_OBJECT_CLASS (lw_scoring_page_parent_class)->dispose (object);
}

static void
lw_scoring_page_class_init (LwScoringPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = lw_scoring_page_constructed;
  object_class->dispose = lw_scoring_page_dispose;
  object_class->set_property = lw_scoring_page_set_property;
  object_class->get_property = lw_scoring_page_get_property;

  g_object_class_override_property (object_class, PROP_WORKSPACE, "workspace");

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/leadwright/Leadwright/lw-scoring-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LwScoringPage, preferences_page);
  gtk_widget_class_bind_template_child (widget_class, LwScoringPage, fit_group);
  gtk_widget_class_bind_template_child (widget_class, LwScoringPage, engagement_group);
  gtk_widget_class_bind_template_child (widget_class, LwScoringPage, fit_cap_switch);
  gtk_widget_class_bind_template_child (widget_class, LwScoringPage, engagement_cap_switch);
  gtk_widget_class_bind_template_child (widget_class, LwScoringPage, fit_cap_spin);
  gtk_widget_class_bind_template_child (widget_class, LwScoringPage, engagement_cap_spin);
  gtk_widget_class_bind_template_child (widget_class, LwScoringPage, decay_row);
  gtk_widget_class_bind_template_child (widget_class, LwScoringPage, days_row);
  gtk_widget_class_bind_template_child (widget_class, LwScoringPage, days_spin);
  gtk_widget_class_bind_template_child (widget_class, LwScoringPage, mql_kind_row);
  gtk_widget_class_bind_template_child (widget_class, LwScoringPage, mql_total_row);
  gtk_widget_class_bind_template_child (widget_class, LwScoringPage, mql_fit_row);
  gtk_widget_class_bind_template_child (widget_class, LwScoringPage, mql_engagement_row);
  gtk_widget_class_bind_template_child (widget_class, LwScoringPage, mql_total_spin);
  gtk_widget_class_bind_template_child (widget_class, LwScoringPage, mql_fit_spin);
  gtk_widget_class_bind_template_child (widget_class, LwScoringPage, mql_engagement_spin);
  gtk_widget_class_bind_template_child (widget_class, LwScoringPage, mql_stage_row);
  gtk_widget_class_bind_template_child (widget_class, LwScoringPage, max_row);
  gtk_widget_class_bind_template_child (widget_class, LwScoringPage, max_icon);
  gtk_widget_class_bind_template_child (widget_class, LwScoringPage, fit_grades_row);
  gtk_widget_class_bind_template_child (widget_class, LwScoringPage, engagement_grades_row);
  gtk_widget_class_bind_template_child (widget_class, LwScoringPage, test_group);
  gtk_widget_class_bind_template_child (widget_class, LwScoringPage, result_group);
  gtk_widget_class_bind_template_child (widget_class, LwScoringPage, summary_row);
  gtk_widget_class_bind_template_child (widget_class, LwScoringPage, fit_value_label);
  gtk_widget_class_bind_template_child (widget_class, LwScoringPage, fit_caption_label);
  gtk_widget_class_bind_template_child (widget_class, LwScoringPage, engagement_value_label);
  gtk_widget_class_bind_template_child (widget_class, LwScoringPage, engagement_caption_label);
  gtk_widget_class_bind_template_child (widget_class, LwScoringPage, total_value_label);
  gtk_widget_class_bind_template_child (widget_class, LwScoringPage, grade_value_label);
  gtk_widget_class_bind_template_child (widget_class, LwScoringPage, mql_value_label);
  gtk_widget_class_bind_template_callback (widget_class, cap_switch_active_cb);
  gtk_widget_class_bind_template_callback (widget_class, cap_spin_value_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, decay_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, days_value_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, mql_kind_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, mql_value_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, mql_stage_selected_cb);

  gtk_widget_class_install_action (widget_class, "scoring.add-fit", NULL, add_fit_action);
  gtk_widget_class_install_action (widget_class, "scoring.add-engagement", NULL, add_engagement_action);
}

static void
lw_scoring_page_init (LwScoringPage *self)
{
  /* The template's widgets take their first values before there is a
   * workspace: nothing to write back then. */
  self->building = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  self->building = FALSE;

  for (guint i = 0; i < N_SCORES; i++)
    {
      self->criterion_rows[i] = g_ptr_array_new ();
      self->band_rows[i] = g_ptr_array_new ();
    }
  self->test_rows = g_ptr_array_new ();
  self->result_rows = g_ptr_array_new ();
  self->test_values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->test_activities = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

GtkWidget *
lw_scoring_page_new (LwWorkspace *workspace)
{
  g_return_val_if_fail (LW_IS_WORKSPACE (workspace), NULL);

  return g_object_new (LW_TYPE_SCORING_PAGE, "workspace", workspace, NULL);
}
