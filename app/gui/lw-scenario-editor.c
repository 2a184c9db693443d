/* lw-scenario-editor.c: the scenario of a workspace, edited as preferences
 *
 * The rows are built from the draft in code (how many there are depends
 * on the scenario and the rules) and point into it: a spin button writes
 * its number straight into the draft's field, then the context checks the
 * draft. Only an import replaces the draft; the rows are then built again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "lw-scenario-editor.h"

#include "lw-json-pos.h"
#include "lw-rhythm-editor.h"
#include "lw-sim-context.h"
#include "lw-simulator.h"
#include "lw-speed-curve.h"

struct _LwScenarioEditor
{
  GtkWidget     parent_instance;

  LwWorkspace  *workspace;
  LwSimContext *context;
  GtkWidget    *box;
  GHashTable   *rows;         /* path -> row (borrowed: the rows live in box) */
  GPtrArray    *entry_rows;   /* AdwExpanderRow per entry point */
  GPtrArray    *mix_rows;     /* AdwExpanderRow per mix, "lw-dist" data */
  GPtrArray    *people;       /* Person, the per-team and per-rep rows */
  GPtrArray    *rhythms;      /* Rhythm, the arrival rhythm of each entry point */
  GPtrArray    *summaries;    /* Summary, expander rows summing up their numbers */
  GtkWidget    *speed_curve;
  GtkWidget    *speed_row;
  GtkWidget    *half_life_row;
  GtkWidget    *email_row;
  GtkWidget    *arrival_row;
  GPtrArray    *numbers;      /* Number, the rows of each numeric distribution */
  GPtrArray    *branch_rows;  /* AdwExpanderRow per branch of a conditional mix */
  GPtrArray    *list_rows;    /* AdwExpanderRow per list of weights: domains, overrides */
  GPtrArray    *band_rows;    /* AdwExpanderRow per banded property */
  GPtrArray    *name_rows;    /* AdwExpanderRow per list of name parts */
  GHashTable   *local;        /* row -> message: input refused before the draft */
  GtkWidget    *leads_spin;
  GtkWidget    *seed_spin;
  gboolean      building;     /* writing to the widgets: no edit */
  gboolean      showing;      /* marking the problems at their rows */
};

G_DEFINE_FINAL_TYPE (LwScenarioEditor, lw_scenario_editor, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_WORKSPACE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* A spin button bound to a number of the draft. */
typedef struct
{
  LwScenarioEditor *self;
  double           *number;     /* one of number and count */
  guint            *count;
  gboolean         *has;        /* set when the number is given; may be NULL */
  double            scale;      /* shown = kept × scale (percent: 100) */
} Binding;

/* A row of the response time of one team or rep. */
typedef struct
{
  LwScenarioEditor *self;
  char             *id;
  gboolean          team;
  GtkWidget        *row;
  GtkWidget        *spin;
  GtkWidget        *reset;
} Person;

static void
person_free (Person *person)
{
  g_free (person->id);
  g_free (person);
}

/* ---- paths and rows ------------------------------------------------------------------------- */

static char *
member_path (const char *parent,
             const char *member)
{
  GString *path = g_string_new (parent);

  lw_json_path_append_member (path, member);
  return g_string_free (path, FALSE);
}

/* "$.a.b[2]" -> "$.a.b"; "$.a[\"x-y\"]" -> "$.a"; NULL above "$". */
static char *
parent_path (const char *path)
{
  gsize len = strlen (path);

  if (len <= 1)
    return NULL;
  if (path[len - 1] == ']')
    {
      const char *open = g_strrstr_len (path, len, "[");

      /* A quoted key may hold a '['; its opening is the "[\"". */
      if (len >= 2 && path[len - 2] == '"')
        {
          const char *quoted = g_strrstr_len (path, len - 2, "[\"");

          if (quoted != NULL)
            open = quoted;
        }
      return open != NULL && open > path ? g_strndup (path, open - path) : NULL;
    }
  for (gsize i = len; i > 0; i--)
    if (path[i - 1] == '.')
      return i - 1 > 0 ? g_strndup (path, i - 1) : NULL;
  return NULL;
}

static void
add_to (GtkWidget *parent,
        GtkWidget *row)
{
  if (ADW_IS_PREFERENCES_GROUP (parent))
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (parent), row);
  else
    adw_expander_row_add_row (ADW_EXPANDER_ROW (parent), row);
}

static void
set_subtitle (GtkWidget  *row,
              const char *text)
{
  GtkWidget *label = g_object_get_data (G_OBJECT (row), "lw-subtitle-label");

  if (label != NULL)
    {
      gtk_label_set_markup (GTK_LABEL (label), text != NULL ? text : "");
      gtk_widget_set_visible (label, text != NULL && *text != '\0');
    }
  else if (ADW_IS_EXPANDER_ROW (row))
    adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), text);
  else
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), text);
}

/* The row's own subtitle (markup), shown when it has no problem. */
static void
set_row_subtitle (GtkWidget  *row,
                  const char *markup)
{
  g_object_set_data_full (G_OBJECT (row), "lw-subtitle", g_strdup (markup), g_free);
  if (!gtk_widget_has_css_class (row, "lw-invalid"))
    set_subtitle (row, markup);
}

static void
register_row (LwScenarioEditor *self,
              const char       *path,
              GtkWidget        *row)
{
  g_hash_table_insert (self->rows, g_strdup (path), row);
}

/* Registers @row at @parent's member @key, both as JSON paths are written
 * ("$.reps.reps[\"a-b\"]") and as the simulator's messages write them
 * ("$.reps.reps.a-b"). */
static void
register_member (LwScenarioEditor *self,
                 const char       *parent,
                 const char       *key,
                 GtkWidget        *row)
{
  g_autofree char *path = member_path (parent, key);
  g_autofree char *plain = g_strconcat (parent, ".", key, NULL);

  register_row (self, path, row);
  if (!g_str_equal (path, plain))
    register_row (self, plain, row);
}

static GtkWidget *
new_action_row (const char *title,
                const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *escaped = g_markup_escape_text (title, -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
  if (subtitle != NULL)
    set_row_subtitle (row, subtitle);
  return row;
}

static GtkWidget *
new_expander_row (const char *title)
{
  GtkWidget *row = adw_expander_row_new ();
  g_autofree char *escaped = g_markup_escape_text (title, -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
  return row;
}

static void edited (LwScenarioEditor *self);
static void update_labels (LwScenarioEditor *self);
static void show_problems (LwScenarioEditor *self);
static void build (LwScenarioEditor *self);
static void add_overrides (LwScenarioEditor *self,
                           GtkWidget        *expander,
                           const char       *path,
                           LwEntryPoint     *entry);

/* Rows an expander holds that are only built when it is first opened (or
 * revealed): a long scenario has hundreds, and the editor is built again
 * whenever the rules change. */
typedef void (*FillFunc) (LwScenarioEditor *self,
                          GtkWidget        *expander,
                          gpointer          data);

static gboolean
fill_expander (LwScenarioEditor *self,
               GtkWidget        *expander)
{
  FillFunc fill = g_object_get_data (G_OBJECT (expander), "lw-fill");
  gboolean was_building = self->building;

  if (fill == NULL)
    return FALSE;
  g_object_set_data (G_OBJECT (expander), "lw-fill", NULL);
  self->building = TRUE;
  fill (self, expander, g_object_get_data (G_OBJECT (expander), "lw-fill-data"));
  self->building = was_building;
  if (!self->building)
    update_labels (self);
  if (!self->building && !self->showing)
    show_problems (self);
  return TRUE;
}

static void
lazy_expanded_cb (AdwExpanderRow   *expander,
                  GParamSpec       *pspec,
                  LwScenarioEditor *self)
{
  if (adw_expander_row_get_expanded (expander))
    fill_expander (self, GTK_WIDGET (expander));
}

static void
fill_later (LwScenarioEditor *self,
            GtkWidget        *expander,
            FillFunc          fill,
            gpointer          data)
{
  g_object_set_data (G_OBJECT (expander), "lw-fill", fill);
  g_object_set_data (G_OBJECT (expander), "lw-fill-data", data);
  g_signal_connect (expander, "notify::expanded", G_CALLBACK (lazy_expanded_cb), self);
}

static void
binding_changed_cb (GtkSpinButton *spin,
                    Binding       *binding)
{
  double value = gtk_spin_button_get_value (spin) / binding->scale;

  if (binding->self->building)
    return;
  if (binding->number != NULL)
    *binding->number = value;
  else
    *binding->count = (guint) MAX (0, round (value));
  if (binding->has != NULL)
    *binding->has = TRUE;
  edited (binding->self);
}

static GtkWidget *
new_spin (double value,
          double lower,
          double upper,
          double step,
          guint  digits)
{
  GtkAdjustment *adjustment = gtk_adjustment_new (value, lower, upper, step, step * 10, 0);
  GtkWidget *spin = gtk_spin_button_new (adjustment, step, digits);

  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_editable_set_width_chars (GTK_EDITABLE (spin), 8);
  return spin;
}

/* Digits that show @value as it is: none for a whole number. */
static guint
digits_for (double value)
{
  return value == floor (value) ? 0 : 2;
}

static GtkWidget *
add_spin_row (LwScenarioEditor *self,
              GtkWidget        *parent,
              const char       *path,
              const char       *title,
              const char       *subtitle,
              const char       *unit,
              double            value,
              double            lower,
              double            upper,
              double            step,
              guint             digits,
              Binding          *binding,
              GtkWidget       **out_spin)
{
  GtkWidget *row = new_action_row (title, subtitle);
  GtkWidget *spin = new_spin (value, lower, upper, step, digits);

  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  if (unit != NULL)
    {
      GtkWidget *label = gtk_label_new (unit);

      gtk_widget_add_css_class (label, "dim-label");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  if (binding != NULL)
    {
      binding->self = self;
      g_object_set_data_full (G_OBJECT (spin), "lw-binding", binding, g_free);
      g_signal_connect (spin, "value-changed", G_CALLBACK (binding_changed_cb), binding);
    }
  if (path != NULL)
    register_row (self, path, row);
  add_to (parent, row);
  if (out_spin != NULL)
    *out_spin = spin;
  return row;
}

static Binding *
bind_number (double *number,
             double  scale)
{
  Binding *binding = g_new0 (Binding, 1);

  binding->number = number;
  binding->scale = scale;
  return binding;
}

static GtkWidget *
new_group (const char *title,
           const char *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  return group;
}

/* ---- leads and timing ----------------------------------------------------------------------- */

static void
seed_changed_cb (GtkSpinButton    *spin,
                 LwScenarioEditor *self)
{
  LwSimSettings settings = *lw_sim_context_get_settings (self->context);
  g_autoptr(GError) error = NULL;

  if (self->building)
    return;
  settings.seed = (guint64) gtk_spin_button_get_value (spin);
  if (!lw_sim_context_set_settings (self->context, &settings, &error))
    g_warning ("Could not keep the seed: %s", error->message);
}

static void
text_changed_cb (GtkEditable      *entry,
                 LwScenarioEditor *self)
{
  char **field = g_object_get_data (G_OBJECT (entry), "lw-field");

  if (self->building)
    return;
  g_free (*field);
  *field = g_strdup (gtk_editable_get_text (entry));
  edited (self);
}

static void
add_entry_row (LwScenarioEditor *self,
               GtkWidget        *group,
               const char       *path,
               const char       *title,
               const char       *subtitle,
               char            **field)
{
  GtkWidget *row = new_action_row (title, subtitle);
  GtkWidget *entry = gtk_entry_new ();

  gtk_editable_set_text (GTK_EDITABLE (entry), *field != NULL ? *field : "");
  gtk_widget_set_valign (entry, GTK_ALIGN_CENTER);
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), 20);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  g_object_set_data (G_OBJECT (entry), "lw-field", field);
  g_signal_connect (entry, "changed", G_CALLBACK (text_changed_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), entry);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), entry);
  register_row (self, path, row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
}

static void
build_volume (LwScenarioEditor *self,
              LwScenario       *draft)
{
  GtkWidget *group = new_group (_("Leads"), _("How many leads arrive, and over how long. "
                                              "The same seed gives the same leads."));
  const LwSimSettings *settings = lw_sim_context_get_settings (self->context);
  Binding *binding;

  binding = g_new0 (Binding, 1);
  binding->count = &draft->leads;
  binding->scale = 1;
  add_spin_row (self, group, "$.leads", _("Leads"), NULL, NULL, draft->leads, 1, LW_SIM_MAX_LEADS,
                1000, 0, binding, &self->leads_spin);

  binding = g_new0 (Binding, 1);
  binding->count = &draft->days;
  binding->scale = 1;
  add_spin_row (self, group, "$.days", _("Days"), _("Simulated days over which the leads arrive"),
                NULL, draft->days, 1, LW_SIM_MAX_DAYS, 1, 0, binding, NULL);

  add_spin_row (self, group, "$.seed", _("Seed"), _("The same seed gives the same leads"), NULL,
                (double) settings->seed, 0, G_MAXINT32, 1, 0, NULL, &self->seed_spin);
  g_signal_connect (self->seed_spin, "value-changed", G_CALLBACK (seed_changed_cb), self);

  add_entry_row (self, group, "$.timeZone", _("Time zone"),
                 _("The clock of the arrival rhythms, such as America/New_York"), &draft->time_zone);
  add_entry_row (self, group, "$.name", _("Name"), NULL, &draft->name);
  gtk_box_append (GTK_BOX (self->box), group);
}

/* ---- entry points ----------------------------------------------------------------------------- */

static const char *
intent_label (LwIntent intent)
{
  switch (intent)
    {
    case LW_INTENT_HIGH:   return _("High intent");
    case LW_INTENT_MEDIUM: return _("Medium intent");
    case LW_INTENT_LOW:    return _("Low intent");
    case LW_N_INTENTS:
    default:               return "";
    }
}

static const LwOption *
find_option (const LwProperty *property,
             const char       *value)
{
  for (guint i = 0; property != NULL && i < property->options->len; i++)
    {
      const LwOption *option = g_ptr_array_index (property->options, i);

      if (g_strcmp0 (option->value, value) == 0)
        return option;
    }
  return NULL;
}

static void
intent_selected_cb (AdwComboRow      *row,
                    GParamSpec       *pspec,
                    LwScenarioEditor *self)
{
  LwEntryPoint *entry = g_object_get_data (G_OBJECT (row), "lw-entry");
  guint selected = adw_combo_row_get_selected (row);

  if (self->building || selected >= LW_N_INTENTS)
    return;
  entry->intent = (LwIntent) selected;
  edited (self);
}

static void
source_selected_cb (AdwComboRow      *row,
                    GParamSpec       *pspec,
                    LwScenarioEditor *self)
{
  LwEntryPoint *entry = g_object_get_data (G_OBJECT (row), "lw-entry");
  GStrv values = g_object_get_data (G_OBJECT (row), "lw-values");
  guint selected = adw_combo_row_get_selected (row);

  if (self->building || selected >= g_strv_length (values))
    return;
  g_free (entry->source);
  entry->source = g_strdup (values[selected]);
  edited (self);
}

/* ---- arrival rhythms -------------------------------------------------------------------------- */

/* The rhythm row of one entry point: its two drawn profiles. */
typedef struct
{
  LwScenarioEditor *self;
  LwEntryPoint     *entry;
  GtkWidget        *row;
  GtkWidget        *hourly;
  GtkWidget        *weekly;
} Rhythm;

/* A preset: hourly and weekly weights; a NULL part is left as it is. */
static const double business_hours[24] = {
  0.05, 0.05, 0.05, 0.05, 0.05, 0.05, 0.05, 0.2, 0.6, 1, 1, 1,
  0.9, 1, 1, 1, 0.9, 0.6, 0.2, 0.05, 0.05, 0.05, 0.05, 0.05
};
static const double business_days[7] = { 1, 1, 1, 1, 1, 0.1, 0.1 };
static const double every_hour[24] = {
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1
};
static const double every_day[7] = { 1, 1, 1, 1, 1, 1, 1 };
static const double weekdays_only[7] = { 1, 1, 1, 1, 1, 0, 0 };

static char *
hour_range (guint hour)
{
  /* translators: an hour of the day, such as 09:00–10:00 */
  return g_strdup_printf (_("%02u:00–%02u:00"), hour, (hour + 1) % 24);
}

/* "Busiest 10:00–11:00 · weekends at 28 % of a weekday". */
static char *
rhythm_summary (const LwEntryPoint *entry)
{
  g_autofree char *hours = NULL;
  g_autofree char *days = NULL;
  double weekday = 0, weekend = 0;
  gboolean flat = TRUE;
  guint busiest = 0;

  for (guint h = 0; h < 24; h++)
    {
      if (entry->hourly[h] != entry->hourly[0])
        flat = FALSE;
      if (entry->hourly[h] > entry->hourly[busiest])
        busiest = h;
    }
  if (flat)
    hours = g_strdup (_("The same every hour"));
  else
    {
      g_autofree char *range = hour_range (busiest);

      /* translators: %s is an hour of the day, such as 10:00–11:00 */
      hours = g_strdup_printf (_("Busiest %s"), range);
    }

  for (guint d = 0; d < 5; d++)
    weekday += entry->weekly[d] / 5;
  weekend = (entry->weekly[5] + entry->weekly[6]) / 2;
  if (weekend == 0)
    days = g_strdup (_("none at weekends"));
  else if (weekday == 0)
    days = g_strdup (_("weekends only"));
  else if (fabs (weekend - weekday) < 0.005 * weekday)
    days = g_strdup (_("weekends as busy as weekdays"));
  else
    /* translators: how busy a weekend day is, in percent of a weekday */
    days = g_strdup_printf (_("weekends at %.0f %% of a weekday"), 100 * weekend / weekday);

  /* translators: an arrival rhythm: its busiest hour · its weekends */
  return g_strdup_printf (_("%s · %s"), hours, days);
}

static void
refresh_rhythm (Rhythm *rhythm)
{
  g_autofree char *summary = rhythm_summary (rhythm->entry);
  g_autofree char *escaped = g_markup_escape_text (summary, -1);

  set_row_subtitle (rhythm->row, escaped);
}

static void
rhythm_changed_cb (LwRhythmEditor *editor,
                   Rhythm         *rhythm)
{
  LwScenarioEditor *self = rhythm->self;
  const double *weights = lw_rhythm_editor_get_weights (editor);

  if (self->building)
    return;
  if (lw_rhythm_editor_get_kind (editor) == LW_RHYTHM_HOURLY)
    memcpy (rhythm->entry->hourly, weights, sizeof rhythm->entry->hourly);
  else
    memcpy (rhythm->entry->weekly, weights, sizeof rhythm->entry->weekly);
  edited (self);
}

static void
preset_action_cb (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       data)
{
  Rhythm *rhythm = data;
  const char *name = g_variant_get_string (parameter, NULL);
  const double *hourly = NULL;
  const double *weekly = NULL;

  if (g_str_equal (name, "business-hours"))
    {
      hourly = business_hours;
      weekly = business_days;
    }
  else if (g_str_equal (name, "around-the-clock"))
    {
      hourly = every_hour;
      weekly = every_day;
    }
  else if (g_str_equal (name, "weekdays-only"))
    weekly = weekdays_only;
  else
    return;

  if (hourly != NULL)
    memcpy (rhythm->entry->hourly, hourly, sizeof rhythm->entry->hourly);
  if (weekly != NULL)
    memcpy (rhythm->entry->weekly, weekly, sizeof rhythm->entry->weekly);
  lw_rhythm_editor_set_weights (LW_RHYTHM_EDITOR (rhythm->hourly), rhythm->entry->hourly);
  lw_rhythm_editor_set_weights (LW_RHYTHM_EDITOR (rhythm->weekly), rhythm->entry->weekly);
  edited (rhythm->self);
}

static GtkWidget *
new_caption (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  return label;
}

/* A row that is not an action row: a title, a subtitle that shows the
 * row's problems like the others, then @content. */
static GtkWidget *
new_content_row (const char *title,
                 GtkWidget  *suffix,
                 GtkWidget **out_box)
{
  GtkWidget *row = adw_preferences_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *titles = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title_label = gtk_label_new (title);
  GtkWidget *subtitle = gtk_label_new (NULL);
  g_autofree char *escaped = g_markup_escape_text (title, -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 10);

  gtk_label_set_xalign (GTK_LABEL (title_label), 0);
  gtk_label_set_wrap (GTK_LABEL (title_label), TRUE);
  gtk_widget_add_css_class (title_label, "title");
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_wrap (GTK_LABEL (subtitle), TRUE);
  gtk_label_set_use_markup (GTK_LABEL (subtitle), TRUE);
  gtk_widget_add_css_class (subtitle, "subtitle");
  gtk_widget_set_visible (subtitle, FALSE);
  gtk_box_append (GTK_BOX (titles), title_label);
  gtk_box_append (GTK_BOX (titles), subtitle);
  gtk_widget_set_hexpand (titles, TRUE);
  gtk_widget_set_valign (titles, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (header), titles);
  if (suffix != NULL)
    {
      gtk_widget_set_valign (suffix, GTK_ALIGN_CENTER);
      gtk_box_append (GTK_BOX (header), suffix);
    }
  gtk_box_append (GTK_BOX (box), header);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data (G_OBJECT (row), "lw-subtitle-label", subtitle);
  *out_box = box;
  return row;
}

static void
add_rhythm_row (LwScenarioEditor *self,
                GtkWidget        *expander,
                const char       *path,
                LwEntryPoint     *entry)
{
  g_autofree char *hourly_path = member_path (path, "hourly");
  g_autofree char *weekly_path = member_path (path, "weekly");
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GSimpleAction) preset = g_simple_action_new ("preset", G_VARIANT_TYPE_STRING);
  g_autoptr(GMenu) menu = g_menu_new ();
  Rhythm *rhythm = g_new0 (Rhythm, 1);
  GtkWidget *presets = gtk_menu_button_new ();
  GtkWidget *box;

  g_menu_append (menu, _("Business Hours"), "rhythm.preset::business-hours");
  g_menu_append (menu, _("Around the Clock"), "rhythm.preset::around-the-clock");
  g_menu_append (menu, _("Weekdays Only"), "rhythm.preset::weekdays-only");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (presets), G_MENU_MODEL (menu));
  gtk_menu_button_set_label (GTK_MENU_BUTTON (presets), _("Presets"));
  gtk_widget_set_tooltip_text (presets, _("Set the rhythm to a common pattern"));

  rhythm->self = self;
  rhythm->entry = entry;
  rhythm->row = new_content_row (_("Arrival rhythm"), presets, &box);
  g_signal_connect (preset, "activate", G_CALLBACK (preset_action_cb), rhythm);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (preset));
  gtk_widget_insert_action_group (rhythm->row, "rhythm", G_ACTION_GROUP (group));

  rhythm->hourly = lw_rhythm_editor_new (LW_RHYTHM_HOURLY);
  lw_rhythm_editor_set_weights (LW_RHYTHM_EDITOR (rhythm->hourly), entry->hourly);
  g_signal_connect (rhythm->hourly, "changed", G_CALLBACK (rhythm_changed_cb), rhythm);
  rhythm->weekly = lw_rhythm_editor_new (LW_RHYTHM_WEEKLY);
  lw_rhythm_editor_set_weights (LW_RHYTHM_EDITOR (rhythm->weekly), entry->weekly);
  g_signal_connect (rhythm->weekly, "changed", G_CALLBACK (rhythm_changed_cb), rhythm);

  gtk_box_append (GTK_BOX (box), new_caption (_("By hour of the day, in the scenario’s time zone "
                                                "(drag the bars)")));
  gtk_box_append (GTK_BOX (box), rhythm->hourly);
  gtk_box_append (GTK_BOX (box), new_caption (_("By day of the week")));
  gtk_box_append (GTK_BOX (box), rhythm->weekly);

  register_row (self, hourly_path, rhythm->row);
  register_row (self, weekly_path, rhythm->row);
  g_ptr_array_add (self->rhythms, rhythm);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), rhythm->row);
}

/* The rows of the entry point of @expander. */
static void
fill_entry_point (LwScenarioEditor *self,
                  GtkWidget        *expander,
                  gpointer          data)
{
  LwScenario *draft = lw_sim_context_get_draft (self->context);
  const LwConfig *config = lw_workspace_get_config (self->workspace);
  const LwProperty *source = lw_config_builtin (config, LW_BUILTIN_SOURCE);
  LwEntryPoint *entry = data;
  const char *path = g_object_get_data (G_OBJECT (expander), "lw-path");
  g_autofree char *share_path = member_path (path, "share");
  g_autofree char *free_path = member_path (path, "freeEmailShare");
  g_autofree char *intent_path = member_path (path, "intent");
  g_autofree char *source_path = member_path (path, "source");
  g_autoptr(GStrvBuilder) values = g_strv_builder_new ();
  GtkStringList *intents = gtk_string_list_new (NULL);
  GtkStringList *sources = gtk_string_list_new (NULL);
  GtkWidget *combo;
  Binding *binding;
  guint selected = G_MAXUINT;

  add_spin_row (self, expander, share_path, _("Share of arrivals"),
                _("Relative to the other entry points"), NULL, entry->share, 0, 1e6, 1,
                digits_for (entry->share), bind_number (&entry->share, 1), NULL);

  for (guint k = 0; k < LW_N_INTENTS; k++)
    gtk_string_list_append (intents, intent_label (k));
  combo = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (combo), _("Intent"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (combo),
                               _("Sets how fast reps answer and how likely leads buy"));
  adw_combo_row_set_model (ADW_COMBO_ROW (combo), G_LIST_MODEL (intents));
  adw_combo_row_set_selected (ADW_COMBO_ROW (combo), entry->intent);
  g_object_set_data (G_OBJECT (combo), "lw-entry", entry);
  g_signal_connect (combo, "notify::selected", G_CALLBACK (intent_selected_cb), self);
  register_row (self, intent_path, combo);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), combo);
  g_object_unref (intents);

  for (guint k = 0; source != NULL && k < source->options->len; k++)
    {
      const LwOption *option = g_ptr_array_index (source->options, k);

      gtk_string_list_append (sources, lw_label_or_id (option->label, option->value));
      g_strv_builder_add (values, option->value);
      if (g_strcmp0 (option->value, entry->source) == 0)
        selected = k;
    }
  if (selected == G_MAXUINT)
    {
      /* translators: a lead source a scenario names that the rules do not have */
      g_autofree char *unknown = g_strdup_printf (_("%s (not in the rules)"), entry->source);

      selected = g_list_model_get_n_items (G_LIST_MODEL (sources));
      gtk_string_list_append (sources, unknown);
      g_strv_builder_add (values, entry->source);
    }
  combo = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (combo), _("Source"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (combo), _("The lead’s “source” property"));
  adw_combo_row_set_model (ADW_COMBO_ROW (combo), G_LIST_MODEL (sources));
  adw_combo_row_set_selected (ADW_COMBO_ROW (combo), selected);
  g_object_set_data (G_OBJECT (combo), "lw-entry", entry);
  g_object_set_data_full (G_OBJECT (combo), "lw-values", g_strv_builder_end (values),
                          (GDestroyNotify) g_strfreev);
  g_signal_connect (combo, "notify::selected", G_CALLBACK (source_selected_cb), self);
  set_row_subtitle (combo, _("The lead’s “source” property"));
  register_row (self, source_path, combo);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), combo);
  g_object_unref (sources);

  binding = bind_number (&entry->free_email_share, 100);
  binding->has = &entry->has_free_email_share;
  add_spin_row (self, expander, free_path, _("Free email addresses"),
                _("Leads that sign up with gmail.com and the like"), _("%"),
                100 * (entry->has_free_email_share ? entry->free_email_share
                                                   : draft->email.free_share),
                0, 100, 1, 0, binding, NULL);

  add_rhythm_row (self, expander, path, entry);
  add_overrides (self, expander, path, entry);
}

static void
build_entry_points (LwScenarioEditor *self,
                    LwScenario       *draft)
{
  GtkWidget *group = new_group (_("Entry Points"),
                                _("Where leads come from: each one’s share of the arrivals, "
                                  "and how keen its leads are."));

  for (guint i = 0; i < draft->entry_points->len; i++)
    {
      LwEntryPoint *entry = g_ptr_array_index (draft->entry_points, i);
      g_autofree char *path = g_strdup_printf ("$.entryPoints[%u]", i);
      GtkWidget *expander = new_expander_row (lw_label_or_id (entry->label, entry->id));

      g_object_set_data (G_OBJECT (expander), "lw-entry", entry);
      g_object_set_data_full (G_OBJECT (expander), "lw-path", g_strdup (path), g_free);
      register_row (self, path, expander);
      g_ptr_array_add (self->entry_rows, expander);
      fill_later (self, expander, fill_entry_point, entry);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), expander);
    }
  gtk_box_append (GTK_BOX (self->box), group);
}

/* ---- numbers by intent ------------------------------------------------------------------------ */

/* An expander row summing up the numbers it holds. */
typedef struct
{
  GtkWidget *row;
  double    *values;
  guint      n;
  double     scale;           /* shown = kept × scale */
  gboolean   percent;         /* else a factor, "× 0.5" */
} Summary;


/* What separates the parts of a summary in a row's subtitle. */
static const char *
separator (void)
{
  /* translators: what separates the parts of a summary in a row's subtitle,
   * such as "gmail.com 55 % · yahoo.com 10 %", with the spaces around it */
  return C_("summary", " · ");
}

/* The end of a summary that lists only its first parts: " · …". */
static const char *
more_parts (void)
{
  /* translators: after the first parts of a summary, when there are more:
   * "gmail.com 55 % · yahoo.com 10 % · …" (the separator, then an ellipsis) */
  return C_("summary", " · …");
}

static char *
format_percent (double value)
{
  /* translators: a share in percent */
  return value >= 9.95 || value == 0 ? g_strdup_printf (_("%.0f %%"), value)
                                     : g_strdup_printf (_("%.1f %%"), value);
}

static char *
format_factor (double value)
{
  /* translators: a factor that multiplies a time, "× 0.5" */
  return g_strdup_printf (_("× %.2g"), value);
}

/* "high", as a summary names an intent. */
static const char *
intent_word (LwIntent intent)
{
  switch (intent)
    {
    case LW_INTENT_HIGH:   return C_("intent", "high");
    case LW_INTENT_MEDIUM: return C_("intent", "medium");
    case LW_INTENT_LOW:    return C_("intent", "low");
    case LW_N_INTENTS:
    default:               return "";
    }
}

static void
refresh_summary (Summary *summary)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *escaped = NULL;
  gboolean same = TRUE;

  for (guint i = 1; i < summary->n; i++)
    if (summary->values[i] != summary->values[0])
      same = FALSE;

  for (guint i = 0; i < (same ? 1 : summary->n); i++)
    {
      double shown = summary->values[i] * summary->scale;
      g_autofree char *number = summary->percent ? format_percent (shown) : format_factor (shown);

      if (text->len > 0)
        g_string_append (text, separator ());
      if (same && summary->n == LW_N_INTENTS)
        /* translators: one number for every intent, "30 % for every intent" */
        g_string_append_printf (text, _("%s for every intent"), number);
      else if (summary->n == LW_N_INTENTS)
        /* translators: a number for one intent: the intent, then the
         * number, "high 50 %" */
        g_string_append_printf (text, C_("intent and number", "%s %s"), intent_word (i), number);
      else
        g_string_append (text, number);
    }
  escaped = g_markup_escape_text (text->str, -1);
  set_row_subtitle (summary->row, escaped);
}

static void
add_intent_rows (LwScenarioEditor *self,
                 GtkWidget        *expander,
                 const char       *path,
                 double            values[LW_N_INTENTS],
                 gboolean          percent,
                 double            upper)
{
  for (guint k = 0; k < LW_N_INTENTS; k++)
    {
      g_autofree char *intent_path = member_path (path, lw_intent_to_string (k));

      if (percent)
        add_spin_row (self, expander, intent_path, intent_label (k), NULL, _("%"),
                      100 * values[k], 0, 100 * upper, 1, digits_for (100 * values[k]),
                      bind_number (&values[k], 100), NULL);
      else
        add_spin_row (self, expander, intent_path, intent_label (k), NULL, "×",
                      values[k], 0, upper, 0.1, 2, bind_number (&values[k], 1), NULL);
    }
}

static void
add_intent_summary (LwScenarioEditor *self,
                    GtkWidget        *expander,
                    double            values[LW_N_INTENTS],
                    gboolean          percent)
{
  Summary *summary = g_new0 (Summary, 1);

  summary->row = expander;
  summary->values = values;
  summary->n = LW_N_INTENTS;
  summary->scale = percent ? 100 : 1;
  summary->percent = percent;
  g_ptr_array_add (self->summaries, summary);
}

/* An expander at @path (an object by intent) with a spin row per intent. */
static GtkWidget *
add_intent_expander (LwScenarioEditor *self,
                     GtkWidget        *group,
                     const char       *path,
                     const char       *title,
                     double            values[LW_N_INTENTS],
                     gboolean          percent,
                     double            upper)
{
  GtkWidget *expander = new_expander_row (title);

  register_row (self, path, expander);
  add_intent_rows (self, expander, path, values, percent, upper);
  add_intent_summary (self, expander, values, percent);
  add_to (group, expander);
  return expander;
}

/* ---- numeric distributions -------------------------------------------------------------------- */

/* The rows of one numeric distribution, relabelled when its shape changes. */
typedef struct
{
  LwScenarioEditor *self;
  LwNumberDist     *dist;
  GtkWidget        *summary_row;  /* the expander that sums it up; may be NULL */
  char             *unit;         /* "min", "days"; may be NULL */
  GtkWidget        *a_row;
  GtkWidget        *a_spin;
  GtkWidget        *b_row;
  GtkWidget        *b_spin;
  GtkWidget        *min_spin;
  GtkWidget        *max_spin;
} Number;

static void
number_free (Number *number)
{
  g_free (number->unit);
  g_free (number);
}

static const char *
kind_label (LwNumberKind kind)
{
  switch (kind)
    {
    case LW_NUMBER_CONSTANT:    return _("Always the same");
    case LW_NUMBER_UNIFORM:     return _("Evenly between two values");
    case LW_NUMBER_NORMAL:      return _("Bell curve (normal)");
    case LW_NUMBER_LOGNORMAL:   return _("Long tail (lognormal)");
    case LW_NUMBER_EXPONENTIAL: return _("Mostly small (exponential)");
    case LW_NUMBER_POISSON:     return _("Counts (Poisson)");
    default:                    return "";
    }
}

/* The titles of the two parameters of @kind; the second NULL when it has one. */
static void
kind_parameters (LwNumberKind  kind,
                 const char  **a,
                 const char  **b)
{
  *b = NULL;
  switch (kind)
    {
    case LW_NUMBER_CONSTANT:    *a = _("Value"); break;
    case LW_NUMBER_UNIFORM:     *a = _("From"); *b = _("To"); break;
    case LW_NUMBER_NORMAL:      *a = _("Mean"); *b = _("Standard deviation"); break;
    case LW_NUMBER_LOGNORMAL:   *a = _("Median"); *b = _("Spread (sigma)"); break;
    case LW_NUMBER_EXPONENTIAL:
    case LW_NUMBER_POISSON:
    default:                    *a = _("Mean"); break;
    }
}

static char *
format_number (double value)
{
  /* Plain digits, as the spin buttons show them. */
  if (value == floor (value) && fabs (value) < 1e12)
    return g_strdup_printf ("%.0f", value);
  return g_strdup_printf ("%.3g", value);
}

/* "Long tail (lognormal): median 40, spread (sigma) 1.5": the shape of
 * @dist with its parameters, each written as a whole for translators. */
static char *
shape_summary (const LwNumberDist *dist)
{
  g_autofree char *a = format_number (dist->a);
  g_autofree char *b = format_number (dist->b);

  switch (dist->kind)
    {
    case LW_NUMBER_CONSTANT:
      /* translators: a number that is always the same, and its value */
      return g_strdup_printf (_("Always the same: value %s"), a);
    case LW_NUMBER_UNIFORM:
      /* translators: a number spread evenly between two values: the lower, then the upper */
      return g_strdup_printf (_("Evenly between two values: from %s, to %s"), a, b);
    case LW_NUMBER_NORMAL:
      /* translators: a bell-curve number: its mean, then its standard deviation */
      return g_strdup_printf (_("Bell curve (normal): mean %s, standard deviation %s"), a, b);
    case LW_NUMBER_LOGNORMAL:
      /* translators: a long-tailed number: its median, then its spread (sigma) */
      return g_strdup_printf (_("Long tail (lognormal): median %s, spread (sigma) %s"), a, b);
    case LW_NUMBER_EXPONENTIAL:
      /* translators: a mostly small (exponential) number and its mean */
      return g_strdup_printf (_("Mostly small (exponential): mean %s"), a);
    case LW_NUMBER_POISSON:
      /* translators: a count (Poisson) and its mean */
      return g_strdup_printf (_("Counts (Poisson): mean %s"), a);
    default:
      return g_strdup ("");
    }
}

/* "Long tail (lognormal): median 40, spread (sigma) 1.5 · 1 to 250000 · whole numbers" */
static char *
number_summary (const LwNumberDist *dist)
{
  g_autofree char *shape = shape_summary (dist);
  g_autoptr(GString) text = g_string_new (shape);
  g_autofree char *min = format_number (dist->min);
  g_autofree char *max = format_number (dist->max);

  g_string_append (text, separator ());
  if (dist->has_min && dist->has_max)
    /* translators: the bounds of a number */
    g_string_append_printf (text, _("%s to %s"), min, max);
  else if (dist->has_min)
    /* translators: the lower bound of a number */
    g_string_append_printf (text, _("at least %s"), min);
  else if (dist->has_max)
    /* translators: the upper bound of a number */
    g_string_append_printf (text, _("at most %s"), max);
  else
    g_string_append (text, _("no bounds"));
  if (dist->round)
    {
      g_string_append (text, separator ());
      g_string_append (text, _("whole numbers"));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
refresh_number (Number *number)
{
  LwScenarioEditor *self = number->self;
  const LwNumberDist *dist = number->dist;
  const char *a_title, *b_title;
  g_autofree char *a_escaped = NULL;

  kind_parameters (dist->kind, &a_title, &b_title);
  a_escaped = g_markup_escape_text (a_title, -1);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (number->a_row), a_escaped);
  gtk_accessible_update_property (GTK_ACCESSIBLE (number->a_spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  a_title, -1);
  gtk_widget_set_visible (number->b_row, b_title != NULL);
  if (b_title != NULL)
    {
      g_autofree char *b_escaped = g_markup_escape_text (b_title, -1);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (number->b_row), b_escaped);
      gtk_accessible_update_property (GTK_ACCESSIBLE (number->b_spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      b_title, -1);
    }
  self->building = TRUE;
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (number->a_spin), dist->a);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (number->b_spin), dist->b);
  self->building = FALSE;
  gtk_widget_set_sensitive (number->min_spin, dist->has_min);
  gtk_widget_set_sensitive (number->max_spin, dist->has_max);

  if (number->summary_row != NULL)
    {
      g_autofree char *summary = number_summary (dist);
      g_autofree char *escaped = g_markup_escape_text (summary, -1);

      set_row_subtitle (number->summary_row, escaped);
    }
}

static void
kind_selected_cb (AdwComboRow *row,
                  GParamSpec  *pspec,
                  Number      *number)
{
  LwNumberDist *dist = number->dist;
  guint selected = adw_combo_row_get_selected (row);

  if (number->self->building || selected > LW_NUMBER_POISSON || selected == dist->kind)
    return;
  dist->kind = (LwNumberKind) selected;
  /* A second parameter that makes sense next to the first. */
  switch (dist->kind)
    {
    case LW_NUMBER_UNIFORM:
      if (dist->b < dist->a)
        dist->b = dist->a > 0 ? 2 * dist->a : dist->a + 1;
      break;
    case LW_NUMBER_NORMAL:
      if (dist->b <= 0)
        dist->b = dist->a != 0 ? fabs (dist->a) / 4 : 1;
      break;
    case LW_NUMBER_LOGNORMAL:
      if (dist->a <= 0)
        dist->a = 1;
      if (dist->b <= 0 || dist->b > 3)
        dist->b = 1;
      break;
    case LW_NUMBER_EXPONENTIAL:
      if (dist->a <= 0)
        dist->a = 1;
      break;
    case LW_NUMBER_CONSTANT:
    case LW_NUMBER_POISSON:
    default:
      break;
    }
  refresh_number (number);
  edited (number->self);
}

static void
bound_toggled_cb (GtkCheckButton *check,
                  GParamSpec     *pspec,
                  Number         *number)
{
  gboolean *has = g_object_get_data (G_OBJECT (check), "lw-has");

  if (number->self->building)
    return;
  *has = gtk_check_button_get_active (check);
  edited (number->self);
}

static void
round_toggled_cb (GtkSwitch  *toggle,
                  GParamSpec *pspec,
                  Number     *number)
{
  if (number->self->building)
    return;
  number->dist->round = gtk_switch_get_active (toggle);
  edited (number->self);
}

static GtkWidget *
add_bound_row (LwScenarioEditor *self,
               Number           *number,
               GtkWidget        *parent,
               const char       *path,
               const char       *title,
               gboolean         *has,
               double           *value,
               GtkWidget       **out_spin)
{
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *row;

  row = add_spin_row (self, parent, path, title, NULL, number->unit, *value, -1e9, 1e9, 1,
                      digits_for (*value), bind_number (value, 1), out_spin);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), *has);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  g_object_set_data (G_OBJECT (check), "lw-has", has);
  g_signal_connect (check, "notify::active", G_CALLBACK (bound_toggled_cb), number);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  /* A changed bound is a given bound. */
  ((Binding *) g_object_get_data (G_OBJECT (*out_spin), "lw-binding"))->has = has;
  return row;
}

/* The rows of @dist (at @path) added to @parent: its shape, its
 * parameters, its bounds and whether it is rounded; @summary_row (may be
 * NULL) shows it in a line. */
static void
add_number_rows (LwScenarioEditor *self,
                 GtkWidget        *parent,
                 GtkWidget        *summary_row,
                 const char       *path,
                 LwNumberDist     *dist,
                 const char       *unit)
{
  Number *number = g_new0 (Number, 1);
  GtkStringList *kinds = gtk_string_list_new (NULL);
  g_autofree char *min_path = member_path (path, "min");
  g_autofree char *max_path = member_path (path, "max");
  g_autofree char *round_path = member_path (path, "round");
  GtkWidget *combo = adw_combo_row_new ();
  GtkWidget *round_switch = gtk_switch_new ();
  GtkWidget *row;

  number->self = self;
  number->dist = dist;
  number->summary_row = summary_row;
  number->unit = g_strdup (unit);
  g_ptr_array_add (self->numbers, number);

  for (guint k = LW_NUMBER_CONSTANT; k <= LW_NUMBER_POISSON; k++)
    gtk_string_list_append (kinds, kind_label (k));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (combo), _("Shape"));
  adw_combo_row_set_model (ADW_COMBO_ROW (combo), G_LIST_MODEL (kinds));
  adw_combo_row_set_selected (ADW_COMBO_ROW (combo), dist->kind);
  g_signal_connect (combo, "notify::selected", G_CALLBACK (kind_selected_cb), number);
  add_to (parent, combo);
  g_object_unref (kinds);

  number->a_row = add_spin_row (self, parent, NULL, "", NULL, unit, dist->a, -1e9, 1e9, 1, 2,
                                bind_number (&dist->a, 1), &number->a_spin);
  number->b_row = add_spin_row (self, parent, NULL, "", NULL, NULL, dist->b, -1e9, 1e9, 0.1, 2,
                                bind_number (&dist->b, 1), &number->b_spin);
  /* The parameters' paths of every shape: a problem shows at its row
   * whichever shape the distribution has. */
  {
    static const char * const a_paths[] = {
      "constant", "uniform.min", "normal.mean", "lognormal.median", "exponential.mean", "poisson.mean"
    };
    static const char * const b_paths[] = { "uniform.max", "normal.sd", "lognormal.sigma" };

    for (guint i = 0; i < G_N_ELEMENTS (a_paths); i++)
      {
        g_autofree char *at = g_strconcat (path, ".", a_paths[i], NULL);

        register_row (self, at, number->a_row);
      }
    for (guint i = 0; i < G_N_ELEMENTS (b_paths); i++)
      {
        g_autofree char *at = g_strconcat (path, ".", b_paths[i], NULL);

        register_row (self, at, number->b_row);
      }
  }
  add_bound_row (self, number, parent, min_path, _("Lowest value"), &dist->has_min, &dist->min,
                 &number->min_spin);
  add_bound_row (self, number, parent, max_path, _("Highest value"), &dist->has_max, &dist->max,
                 &number->max_spin);

  row = new_action_row (_("Whole numbers"), NULL);
  gtk_switch_set_active (GTK_SWITCH (round_switch), dist->round);
  gtk_widget_set_valign (round_switch, GTK_ALIGN_CENTER);
  g_signal_connect (round_switch, "notify::active", G_CALLBACK (round_toggled_cb), number);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), round_switch);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), round_switch);
  register_row (self, round_path, row);
  add_to (parent, row);

  refresh_number (number);
}

/* ---- conditional mixes ------------------------------------------------------------------------ */

/* "C-level 6.0 % · Vice president 6.0 % · Director 12 % · …" of @weights,
 * values named by @property's options when it has them. */
static char *
weights_summary (GPtrArray        *weights,
                 const LwProperty *property)
{
  g_autoptr(GString) text = g_string_new (NULL);
  double total = 0;

  for (guint k = 0; k < weights->len; k++)
    total += ((LwWeight *) g_ptr_array_index (weights, k))->weight;
  for (guint k = 0; k < weights->len && k < 3; k++)
    {
      const LwWeight *weight = g_ptr_array_index (weights, k);
      const LwOption *option = find_option (property, weight->value);
      g_autofree char *percent = format_percent (total > 0 ? 100 * weight->weight / total : 0);

      if (text->len > 0)
        g_string_append (text, separator ());
      /* translators: a value of a mix and its share: "Director 12 %" */
      g_string_append_printf (text, C_("value and share", "%s %s"),
                              option != NULL ? lw_label_or_id (option->label, option->value) : weight->value,
                              percent);
    }
  if (weights->len > 3)
    g_string_append (text, more_parts ());
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
refresh_branch (GtkWidget *row)
{
  const LwBranch *branch = g_object_get_data (G_OBJECT (row), "lw-branch");
  const LwProperty *property = g_object_get_data (G_OBJECT (row), "lw-property");
  g_autofree char *text = weights_summary (branch->weights, property);
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  set_row_subtitle (row, escaped);
}

static void fill_conditional_mix (LwScenarioEditor *self,
                                  GtkWidget        *expander,
                                  gpointer          data);


/* The expander of @property's mix @dist, with "lw-dist" and "lw-property"
 * data: found by its member of "$.properties" and by @part of it (the
 * part messages point into; NULL: none), kept in @rows (may be NULL),
 * filled by @fill when first opened, added to @group. */
static GtkWidget *
add_mix_expander (LwScenarioEditor *self,
                  GtkWidget        *group,
                  LwPropertyDist   *dist,
                  const LwProperty *property,
                  const char       *part,
                  GPtrArray        *rows,
                  FillFunc          fill)
{
  GtkWidget *expander = new_expander_row (lw_label_or_id (property->label, property->id));

  g_object_set_data (G_OBJECT (expander), "lw-dist", dist);
  g_object_set_data (G_OBJECT (expander), "lw-property", (gpointer) property);
  register_member (self, "$.properties", dist->property, expander);
  if (part != NULL)
    {
      g_autofree char *path = member_path ("$.properties", dist->property);
      g_autofree char *part_path = member_path (path, part);

      register_row (self, part_path, expander);
    }
  if (rows != NULL)
    g_ptr_array_add (rows, expander);
  fill_later (self, expander, fill, dist);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), expander);
  return expander;
}

static void
add_conditional_mix (LwScenarioEditor *self,
                     GtkWidget        *group,
                     LwPropertyDist   *dist,
                     const LwProperty *property)
{
  const LwConfig *config = lw_workspace_get_config (self->workspace);
  const LwProperty *depends = lw_config_find_property (config, dist->depends_on);
  const char *depends_name = depends != NULL ? lw_label_or_id (depends->label, depends->id) : dist->depends_on;
  GtkWidget *expander = add_mix_expander (self, group, dist, property, "weights", NULL,
                                          fill_conditional_mix);
  g_autofree char *subtitle = NULL;
  g_autofree char *escaped = NULL;

  /* translators: how a mix depends on another property; %s is its name, %u how many branches */
  subtitle = g_strdup_printf (g_dngettext (NULL, "By %s: %u branch", "By %s: %u branches",
                                           dist->branches->len),
                              depends_name, dist->branches->len);
  escaped = g_markup_escape_text (subtitle, -1);
  set_row_subtitle (expander, escaped);
}

/* A nested expander per branch, with the branch's weights. */
static void
fill_conditional_mix (LwScenarioEditor *self,
                      GtkWidget        *expander,
                      gpointer          data)
{
  LwPropertyDist *dist = data;
  const LwConfig *config = lw_workspace_get_config (self->workspace);
  const LwProperty *property = g_object_get_data (G_OBJECT (expander), "lw-property");
  const LwProperty *depends = lw_config_find_property (config, dist->depends_on);
  const char *depends_name = depends != NULL ? lw_label_or_id (depends->label, depends->id) : dist->depends_on;
  g_autofree char *path = member_path ("$.properties", dist->property);
  g_autofree char *weights_path = member_path (path, "weights");

  for (guint b = 0; b < dist->branches->len; b++)
    {
      LwBranch *branch = g_ptr_array_index (dist->branches, b);
      const LwOption *when = find_option (depends, branch->when);
      g_autofree char *branch_path = member_path (weights_path, branch->when);
      g_autofree char *title = NULL;
      GtkWidget *branch_row;

      if (g_str_equal (branch->when, "*"))
        /* translators: the branch of a mix for every value of the other property not named */
        title = g_strdup_printf (_("When %s is anything else"), depends_name);
      else
        /* translators: a branch of a mix: "When Seniority is Director" */
        title = g_strdup_printf (_("When %s is %s"), depends_name,
                                 when != NULL ? lw_label_or_id (when->label, when->value) : branch->when);
      branch_row = new_expander_row (title);
      g_object_set_data (G_OBJECT (branch_row), "lw-branch", branch);
      g_object_set_data (G_OBJECT (branch_row), "lw-property", (gpointer) property);
      register_row (self, branch_path, branch_row);
      g_ptr_array_add (self->branch_rows, branch_row);

      for (guint k = 0; k < branch->weights->len; k++)
        {
          LwWeight *weight = g_ptr_array_index (branch->weights, k);
          const LwOption *option = find_option (property, weight->value);
          g_autofree char *weight_path = member_path (branch_path, weight->value);

          add_spin_row (self, branch_row, weight_path,
                        option != NULL ? lw_label_or_id (option->label, option->value) : weight->value,
                        NULL, NULL, weight->weight, 0, 1e6, 1, digits_for (weight->weight),
                        bind_number (&weight->weight, 1), NULL);
        }
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), branch_row);
    }
}

static void
fill_number_mix (LwScenarioEditor *self,
                 GtkWidget        *expander,
                 gpointer          data)
{
  LwPropertyDist *dist = data;
  g_autofree char *path = member_path ("$.properties", dist->property);
  g_autofree char *missing_path = member_path (path, "missing");

  add_number_rows (self, expander, expander, path, &dist->number, NULL);
  add_spin_row (self, expander, missing_path, _("Left empty"), _("Leads without a value"), _("%"),
                100 * dist->missing, 0, 100, 1, digits_for (100 * dist->missing),
                bind_number (&dist->missing, 100), NULL);
}

static void
add_number_mix (LwScenarioEditor *self,
                GtkWidget        *group,
                LwPropertyDist   *dist,
                const LwProperty *property)
{
  GtkWidget *expander = add_mix_expander (self, group, dist, property, NULL, NULL, fill_number_mix);
  g_autofree char *summary = number_summary (&dist->number);
  g_autofree char *escaped = g_markup_escape_text (summary, -1);

  /* Until its rows are built and keep it current. */
  set_row_subtitle (expander, escaped);
}

/* ---- input refused before the draft ----------------------------------------------------------- */

/* Marks @row with @message (NULL: clears it) for input the draft cannot
 * hold at all, such as an empty domain: the draft keeps what it had. */
static void
set_local_problem (LwScenarioEditor *self,
                   GtkWidget        *row,
                   const char       *message)
{
  if (message == NULL)
    {
      if (!g_hash_table_remove (self->local, row))
        return;
      if (gtk_widget_has_css_class (row, "lw-invalid"))
        {
          gtk_widget_remove_css_class (row, "lw-invalid");
          set_subtitle (row, g_object_get_data (G_OBJECT (row), "lw-subtitle"));
        }
    }
  else
    g_hash_table_insert (self->local, row, g_strdup (message));
  show_problems (self);
}

/* The widget of @row a person edits first (an entry, spin button,
 * drop-down, switch or check button of the row itself, not of rows inside
 * it); NULL when it has none. */
static GtkWidget *
first_editable (GtkWidget *widget,
                GtkWidget *row)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (!gtk_widget_get_visible (child) || GTK_IS_LIST_BOX_ROW (child))
        continue;
      if (GTK_IS_EDITABLE (child) || GTK_IS_DROP_DOWN (child) || GTK_IS_SWITCH (child) ||
          GTK_IS_CHECK_BUTTON (child))
        return child;
      if ((found = first_editable (child, row)) != NULL)
        return found;
    }
  return NULL;
}

/* Gives the keyboard focus to what @row edits first, else to @row. */
static void
focus_row (GtkWidget *row)
{
  GtkWidget *editable = first_editable (row, row);

  if (editable == NULL || !gtk_widget_grab_focus (editable))
    gtk_widget_grab_focus (row);
}

/* Builds the rows again after a row was added to or removed from a list
 * of the draft (rows point into it), shows the row of @path and puts the
 * keyboard focus there, for the keyboard to go on where it was: the rows
 * that had it are gone. */
static void
rebuild_at (LwScenarioEditor *self,
            const char       *path)
{
  g_autofree char *at = g_strdup (path);
  GtkWidget *row;

  build (self);
  lw_scenario_editor_reveal (self, at);
  row = lw_scenario_editor_find_row (self, at);
  if (row != NULL)
    focus_row (row);
}

static GtkWidget *
new_remove_button (const char *tooltip)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  return button;
}

/* ---- lists of weights: email domains ---------------------------------------------------------- */

/* A list of weighted values kept in the draft: the free or competitor
 * domains of the email model, or the weights of an entry point's own mix.
 * Its expander holds "lw-list" (this) and a row per value. */
typedef struct
{
  LwScenarioEditor *self;
  GPtrArray        *weights;      /* LwWeight, of the draft */
  char             *path;         /* "$.email.freeDomains" */
  const LwProperty *property;     /* names values; NULL for domains */
  gboolean          domains;      /* values are typed in */
  GtkWidget        *expander;
  GPtrArray        *rows;         /* AdwActionRow per value, "lw-weight" */
  GtkWidget        *add_row;
  GtkWidget        *add_entry;
} WeightList;

static void
weight_list_free (WeightList *list)
{
  g_free (list->path);
  g_ptr_array_unref (list->rows);
  g_free (list);
}

static void add_value_row (LwScenarioEditor *self,
                           WeightList       *list);

static void
refresh_weight_list (GtkWidget *expander)
{
  WeightList *list = g_object_get_data (G_OBJECT (expander), "lw-list");
  g_autofree char *summary = NULL;
  g_autofree char *escaped = NULL;
  double total = 0;

  for (guint k = 0; k < list->weights->len; k++)
    total += ((LwWeight *) g_ptr_array_index (list->weights, k))->weight;
  if (list->weights->len == 0)
    summary = g_strdup (_("None"));
  else
    summary = weights_summary (list->weights, list->property);
  escaped = g_markup_escape_text (summary, -1);
  set_row_subtitle (expander, escaped);

  for (guint k = 0; k < list->rows->len; k++)
    {
      GtkWidget *row = g_ptr_array_index (list->rows, k);
      const LwWeight *weight = g_object_get_data (G_OBJECT (row), "lw-weight");
      g_autofree char *percent = format_percent (total > 0 ? 100 * weight->weight / total : 0);

      set_row_subtitle (row, percent);
    }
}

/* Why @text cannot be added to @list at all, or NULL. Anything else goes
 * to the draft, whose check (lw_scenario_domain_problem()) marks a domain
 * that is not one at its row and holds the run back, as any other wrong
 * value of the scenario. */
static const char *
domain_problem (const WeightList *list,
                const char       *text)
{
  if (*text == '\0')
    return _("Type a domain, such as example.com");
  for (guint k = 0; k < list->weights->len; k++)
    if (g_ascii_strcasecmp (((LwWeight *) g_ptr_array_index (list->weights, k))->value, text) == 0)
      return _("This domain is already in the list");
  return NULL;
}

static void
add_domain (WeightList *list)
{
  LwScenarioEditor *self = list->self;
  g_autofree char *text = g_strstrip (g_utf8_strdown (gtk_editable_get_text (GTK_EDITABLE (list->add_entry)),
                                                      -1));
  const char *problem = domain_problem (list, text);
  g_autofree char *path = NULL;
  double total = 0;

  if (problem != NULL)
    {
      set_local_problem (self, list->add_row, problem);
      return;
    }
  /* As likely as the average domain of the list. */
  for (guint k = 0; k < list->weights->len; k++)
    total += ((LwWeight *) g_ptr_array_index (list->weights, k))->weight;
  g_ptr_array_add (list->weights,
                   lw_weight_new (text, list->weights->len > 0 && total > 0
                                          ? round (100 * total / list->weights->len) / 100 : 1));
  path = member_path (list->path, text);
  edited (self);
  rebuild_at (self, path);
}

static void
add_domain_clicked_cb (GtkButton  *button,
                       WeightList *list)
{
  add_domain (list);
}

static void
add_domain_activate_cb (GtkEntry   *entry,
                        WeightList *list)
{
  add_domain (list);
}

static void
add_domain_changed_cb (GtkEditable *entry,
                       WeightList  *list)
{
  /* A problem of what was typed before goes with it. */
  set_local_problem (list->self, list->add_row, NULL);
}

static void
remove_weight_clicked_cb (GtkButton  *button,
                          WeightList *list)
{
  LwScenarioEditor *self = list->self;
  LwWeight *weight = g_object_get_data (G_OBJECT (button), "lw-weight");
  g_autofree char *path = g_strdup (list->path);
  g_autofree char *next = NULL;
  GtkWidget *expander;
  guint index;

  if (!g_ptr_array_find (list->weights, weight, &index))
    return;
  g_ptr_array_remove_index (list->weights, index);
  /* The focus goes to the value after it, else the one before, else the
   * row that adds. */
  if (index < list->weights->len || index > 0)
    {
      guint at = index < list->weights->len ? index : index - 1;

      next = member_path (path, ((LwWeight *) g_ptr_array_index (list->weights, at))->value);
    }
  edited (self);
  if (next != NULL)
    {
      rebuild_at (self, next);
      return;
    }
  rebuild_at (self, path);
  expander = lw_scenario_editor_find_row (self, path);
  list = expander != NULL ? g_object_get_data (G_OBJECT (expander), "lw-list") : NULL;
  if (list != NULL && list->add_row != NULL)
    focus_row (list->add_row);
}

static void
fill_weight_list (LwScenarioEditor *self,
                  GtkWidget        *expander,
                  gpointer          data)
{
  WeightList *list = data;

  for (guint k = 0; k < list->weights->len; k++)
    {
      LwWeight *weight = g_ptr_array_index (list->weights, k);
      const LwOption *option = find_option (list->property, weight->value);
      g_autofree char *weight_path = member_path (list->path, weight->value);
      GtkWidget *remove = new_remove_button (list->domains ? _("Remove the domain")
                                                           : _("Remove the value"));
      GtkWidget *row;

      row = add_spin_row (self, expander, weight_path,
                          option != NULL ? lw_label_or_id (option->label, option->value) : weight->value,
                          NULL, NULL, weight->weight, 0, 1e6, 1, digits_for (weight->weight),
                          bind_number (&weight->weight, 1), NULL);
      g_object_set_data (G_OBJECT (row), "lw-weight", weight);
      g_object_set_data (G_OBJECT (remove), "lw-weight", weight);
      g_signal_connect (remove, "clicked", G_CALLBACK (remove_weight_clicked_cb), list);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      g_ptr_array_add (list->rows, row);
    }

  if (list->domains)
    {
      GtkWidget *add = gtk_button_new_with_mnemonic (_("_Add"));
      GtkWidget *row = new_action_row (_("Add a domain"), NULL);

      list->add_entry = gtk_entry_new ();
      gtk_entry_set_placeholder_text (GTK_ENTRY (list->add_entry), "example.com");
      gtk_editable_set_width_chars (GTK_EDITABLE (list->add_entry), 12);
      gtk_widget_set_valign (list->add_entry, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (list->add_entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Add a domain"), -1);
      gtk_widget_set_valign (add, GTK_ALIGN_CENTER);
      g_signal_connect (list->add_entry, "activate", G_CALLBACK (add_domain_activate_cb), list);
      g_signal_connect (list->add_entry, "changed", G_CALLBACK (add_domain_changed_cb), list);
      g_signal_connect (add, "clicked", G_CALLBACK (add_domain_clicked_cb), list);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), list->add_entry);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), add);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), list->add_entry);
      list->add_row = row;
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
    }
  else if (list->property != NULL)
    add_value_row (self, list);
}

/* An expander over the weights @weights at @path, its rows built when it
 * is first opened. */
static WeightList *
add_weight_list (LwScenarioEditor *self,
                 GtkWidget        *parent,
                 const char       *path,
                 const char       *title,
                 GPtrArray        *weights,
                 const LwProperty *property,
                 gboolean          domains)
{
  WeightList *list = g_new0 (WeightList, 1);
  GtkWidget *expander = new_expander_row (title);

  list->self = self;
  list->weights = weights;
  list->path = g_strdup (path);
  list->property = property;
  list->domains = domains;
  list->expander = expander;
  list->rows = g_ptr_array_new ();
  g_object_set_data_full (G_OBJECT (expander), "lw-list", list, (GDestroyNotify) weight_list_free);
  register_row (self, path, expander);
  g_ptr_array_add (self->list_rows, expander);
  fill_later (self, expander, fill_weight_list, list);
  add_to (parent, expander);
  return list;
}

/* ---- an entry point's own mixes --------------------------------------------------------------- */

static const LwPropertyDist *
find_dist_in (GPtrArray  *dists,
              const char *property,
              guint      *index)
{
  for (guint i = 0; i < dists->len; i++)
    {
      const LwPropertyDist *dist = g_ptr_array_index (dists, i);

      if (g_strcmp0 (dist->property, property) == 0)
        {
          if (index != NULL)
            *index = i;
          return dist;
        }
    }
  return NULL;
}

static void
remove_override_clicked_cb (GtkButton        *button,
                            LwScenarioEditor *self)
{
  LwEntryPoint *entry = g_object_get_data (G_OBJECT (button), "lw-entry");
  const char *property = g_object_get_data (G_OBJECT (button), "lw-property-id");
  g_autofree char *path = g_strdup (g_object_get_data (G_OBJECT (button), "lw-entry-path"));

  g_autofree char *props_path = member_path (path, "properties");
  g_autofree char *next = NULL;
  guint index;

  if (find_dist_in (entry->properties, property, &index) == NULL)
    return;
  g_ptr_array_remove_index (entry->properties, index);
  /* The focus goes to the own mix after it, else the one before, else the
   * row that adds one. */
  if (index < entry->properties->len || index > 0)
    {
      guint at = index < entry->properties->len ? index : index - 1;

      next = member_path (props_path, ((LwPropertyDist *) g_ptr_array_index (entry->properties, at))->property);
    }
  edited (self);
  rebuild_at (self, next != NULL ? next : props_path);
}

static void
add_override_clicked_cb (GtkButton        *button,
                         LwScenarioEditor *self)
{
  LwScenario *draft = lw_sim_context_get_draft (self->context);
  LwEntryPoint *entry = g_object_get_data (G_OBJECT (button), "lw-entry");
  GtkDropDown *choice = g_object_get_data (G_OBJECT (button), "lw-choice");
  GStrv ids = g_object_get_data (G_OBJECT (button), "lw-ids");
  const char *entry_path = g_object_get_data (G_OBJECT (button), "lw-entry-path");
  guint selected = gtk_drop_down_get_selected (choice);
  const LwPropertyDist *base;
  LwPropertyDist *dist;
  g_autofree char *props_path = NULL;
  g_autofree char *path = NULL;

  if (selected >= g_strv_length (ids) || find_dist_in (entry->properties, ids[selected], NULL) != NULL)
    return;
  base = find_dist_in (draft->properties, ids[selected], NULL);
  if (base == NULL)
    return;
  /* The scenario's mix to start from. */
  dist = lw_property_dist_new (ids[selected], LW_VALUES_CATEGORICAL);
  dist->missing = base->missing;
  for (guint k = 0; k < base->weights->len; k++)
    {
      const LwWeight *weight = g_ptr_array_index (base->weights, k);

      g_ptr_array_add (dist->weights, lw_weight_new (weight->value, weight->weight));
    }
  g_ptr_array_add (entry->properties, dist);
  props_path = member_path (entry_path, "properties");
  path = member_path (props_path, ids[selected]);
  edited (self);
  rebuild_at (self, path);
}

static void
add_value_clicked_cb (GtkButton  *button,
                      WeightList *list)
{
  LwScenarioEditor *self = list->self;
  GtkDropDown *choice = g_object_get_data (G_OBJECT (button), "lw-choice");
  GStrv values = g_object_get_data (G_OBJECT (button), "lw-values");
  guint selected = gtk_drop_down_get_selected (choice);
  g_autofree char *path = NULL;

  if (selected >= g_strv_length (values))
    return;
  g_ptr_array_add (list->weights, lw_weight_new (values[selected], 1));
  path = member_path (list->path, values[selected]);
  edited (self);
  rebuild_at (self, path);
}

/* A row to add one of @list's property's options it does not list yet. */
static void
add_value_row (LwScenarioEditor *self,
               WeightList       *list)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GtkStringList *labels = gtk_string_list_new (NULL);
  GtkWidget *choice, *add, *row;
  guint n = 0;

  for (guint k = 0; k < list->property->options->len; k++)
    {
      const LwOption *option = g_ptr_array_index (list->property->options, k);
      gboolean listed = FALSE;

      for (guint i = 0; i < list->weights->len; i++)
        if (g_strcmp0 (((LwWeight *) g_ptr_array_index (list->weights, i))->value, option->value) == 0)
          listed = TRUE;
      if (listed)
        continue;
      gtk_string_list_append (labels, lw_label_or_id (option->label, option->value));
      g_strv_builder_add (builder, option->value);
      n++;
    }
  if (n == 0)
    {
      g_object_unref (labels);
      return;
    }
  choice = gtk_drop_down_new (G_LIST_MODEL (labels), NULL);
  gtk_widget_set_valign (choice, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (choice), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Add a value"), -1);
  add = gtk_button_new_with_mnemonic (_("_Add"));
  gtk_widget_set_valign (add, GTK_ALIGN_CENTER);
  g_object_set_data (G_OBJECT (add), "lw-choice", choice);
  g_object_set_data_full (G_OBJECT (add), "lw-values", g_strv_builder_end (builder), (GDestroyNotify) g_strfreev);
  g_signal_connect (add, "clicked", G_CALLBACK (add_value_clicked_cb), list);
  row = new_action_row (_("Add a value"), NULL);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), choice);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), add);
  list->add_row = row;
  adw_expander_row_add_row (ADW_EXPANDER_ROW (list->expander), row);
}

/* The entry point's own mixes of @entry at @path, in @expander: a nested
 * expander per categorical mix it overrides, and a row to override one
 * more of the scenario's categorical mixes. */
static void
add_overrides (LwScenarioEditor *self,
               GtkWidget        *expander,
               const char       *path,
               LwEntryPoint     *entry)
{
  LwScenario *draft = lw_sim_context_get_draft (self->context);
  const LwConfig *config = lw_workspace_get_config (self->workspace);
  g_autofree char *props_path = member_path (path, "properties");
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  GtkStringList *names = gtk_string_list_new (NULL);
  guint n = 0;

  for (guint i = 0; i < entry->properties->len; i++)
    {
      LwPropertyDist *dist = g_ptr_array_index (entry->properties, i);
      const LwProperty *property = lw_config_find_property (config, dist->property);
      g_autofree char *prop_path = member_path (props_path, dist->property);
      g_autofree char *weights_path = member_path (prop_path, "weights");
      g_autofree char *title = NULL;
      GtkWidget *remove;
      WeightList *list;

      /* Other kinds of own mix are kept as imported. */
      if (dist->kind != LW_VALUES_CATEGORICAL || property == NULL || property->type != LW_PROPERTY_ENUM)
        continue;
      /* translators: an entry point's own mix of a property: "Own mix of Conversion" */
      title = g_strdup_printf (_("Own Mix of %s"), lw_label_or_id (property->label, property->id));
      list = add_weight_list (self, expander, weights_path, title, dist->weights, property, FALSE);
      register_row (self, prop_path, list->expander);
      remove = new_remove_button (_("Use the scenario’s mix"));
      g_object_set_data (G_OBJECT (remove), "lw-entry", entry);
      g_object_set_data_full (G_OBJECT (remove), "lw-property-id", g_strdup (dist->property), g_free);
      g_object_set_data_full (G_OBJECT (remove), "lw-entry-path", g_strdup (path), g_free);
      g_signal_connect (remove, "clicked", G_CALLBACK (remove_override_clicked_cb), self);
      adw_expander_row_add_action (ADW_EXPANDER_ROW (list->expander), remove);
    }

  for (guint i = 0; i < draft->properties->len; i++)
    {
      const LwPropertyDist *dist = g_ptr_array_index (draft->properties, i);
      const LwProperty *property = lw_config_find_property (config, dist->property);

      if (dist->kind != LW_VALUES_CATEGORICAL || property == NULL || property->type != LW_PROPERTY_ENUM ||
          find_dist_in (entry->properties, dist->property, NULL) != NULL)
        continue;
      gtk_string_list_append (names, lw_label_or_id (property->label, property->id));
      g_strv_builder_add (ids, dist->property);
      n++;
    }
  if (n > 0)
    {
      GtkWidget *row = new_action_row (_("Own mix"), _("Leads of this entry point spread differently"));
      GtkWidget *choice = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (names)), NULL);
      GtkWidget *add = gtk_button_new_with_mnemonic (_("_Add"));

      gtk_widget_set_valign (choice, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (choice), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Property"), -1);
      gtk_widget_set_valign (add, GTK_ALIGN_CENTER);
      g_object_set_data (G_OBJECT (add), "lw-entry", entry);
      g_object_set_data (G_OBJECT (add), "lw-choice", choice);
      g_object_set_data_full (G_OBJECT (add), "lw-ids", g_strv_builder_end (ids), (GDestroyNotify) g_strfreev);
      g_object_set_data_full (G_OBJECT (add), "lw-entry-path", g_strdup (path), g_free);
      g_signal_connect (add, "clicked", G_CALLBACK (add_override_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), choice);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), add);
      register_row (self, props_path, row);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
    }
  g_object_unref (names);
}

/* ---- bands ------------------------------------------------------------------------------------ */

/* "SMB under 200", "Mid-market 200 to under 1000", "Enterprise 1000 and
 * over": band @i of @dist with what takes it, @subject (the band's value,
 * or the number's name: "Employees under 200"), as one sentence. */
static char *
band_text (const LwPropertyDist *dist,
           guint                 i,
           const char           *subject)
{
  const LwBand *band = g_ptr_array_index (dist->bands, i);
  const LwBand *before = i > 0 ? g_ptr_array_index (dist->bands, i - 1) : NULL;
  g_autofree char *low = before != NULL && before->has_below ? format_number (before->below) : NULL;
  g_autofree char *high = band->has_below ? format_number (band->below) : NULL;

  if (low == NULL && high == NULL)
    /* translators: the only band of a property derived from a number;
     * %s is the band's value ("SMB") or the number ("Employees") */
    return g_strdup_printf (_("%s every value"), subject);
  if (low == NULL)
    /* translators: the first band of a property derived from a number:
     * the band's value ("SMB") or the number ("Employees"), then the
     * bound its values stay below: "SMB under 200" */
    return g_strdup_printf (_("%s under %s"), subject, high);
  if (high == NULL)
    /* translators: the last band of a property derived from a number:
     * the band's value ("Enterprise") or the number ("Employees"), then
     * its lowest value, and every larger one: "Enterprise 1000 and over" */
    return g_strdup_printf (_("%s %s and over"), subject, low);
  /* translators: a band of a property derived from a number: the band's
   * value ("Mid-market") or the number ("Employees"), then the values
   * from the first up to (not including) the second: "Mid-market 200 to
   * under 1000" */
  return g_strdup_printf (_("%s %s to under %s"), subject, low, high);
}

static const char *
band_name (const LwProperty *property,
           const LwBand     *band)
{
  const LwOption *option = find_option (property, band->value);

  return option != NULL ? lw_label_or_id (option->label, option->value) : band->value;
}

static void
refresh_bands (LwScenarioEditor *self,
               GtkWidget        *expander)
{
  const LwPropertyDist *dist = g_object_get_data (G_OBJECT (expander), "lw-dist");
  const LwProperty *property = g_object_get_data (G_OBJECT (expander), "lw-property");
  const char *of_name = g_object_get_data (G_OBJECT (expander), "lw-of-name");
  GPtrArray *rows = g_object_get_data (G_OBJECT (expander), "lw-band-rows");
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *escaped = NULL;

  for (guint i = 0; i < dist->bands->len; i++)
    {
      g_autofree char *band = band_text (dist, i, band_name (property, g_ptr_array_index (dist->bands, i)));

      if (i > 0)
        g_string_append (text, separator ());
      g_string_append (text, band);
    }
  {
    /* translators: how a property is derived from a number: "By Employees: SMB under 200 · …" */
    g_autofree char *summary = g_strdup_printf (_("By %s: %s"), of_name, text->str);

    escaped = g_markup_escape_text (summary, -1);
  }
  set_row_subtitle (expander, escaped);

  for (guint i = 0; rows != NULL && i < rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (rows, i);
      guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "lw-index"));
      g_autofree char *line = NULL;
      g_autofree char *markup = NULL;
      g_autofree char *title = NULL;

      if (index >= dist->bands->len)
        continue;
      /* The values of the number the band takes: "Employees under 200". */
      line = band_text (dist, index, of_name);
      markup = g_markup_escape_text (line, -1);
      set_row_subtitle (row, markup);
      title = g_markup_escape_text (band_name (property, g_ptr_array_index (dist->bands, index)), -1);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
    }
}

static void
band_value_cb (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       data)
{
  GtkWidget *row = data;
  LwScenarioEditor *self = g_object_get_data (G_OBJECT (row), "lw-editor");
  LwBand *band = g_object_get_data (G_OBJECT (row), "lw-band");

  g_simple_action_set_state (action, parameter);
  if (g_str_equal (band->value, g_variant_get_string (parameter, NULL)))
    return;
  g_free (band->value);
  band->value = g_variant_dup_string (parameter, NULL);
  edited (self);
}

static void
band_remove_cb (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       data)
{
  GtkWidget *row = data;
  LwScenarioEditor *self = g_object_get_data (G_OBJECT (row), "lw-editor");
  LwPropertyDist *dist = g_object_get_data (G_OBJECT (row), "lw-dist");
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "lw-index"));
  g_autofree char *path = member_path ("$.properties", dist->property);
  g_autofree char *bands_path = member_path (path, "bands");
  g_autofree char *next = NULL;

  if (dist->bands->len <= 1 || index >= dist->bands->len)
    return;
  g_ptr_array_remove_index (dist->bands, index);
  /* The last band takes every value above the one before it. */
  ((LwBand *) g_ptr_array_index (dist->bands, dist->bands->len - 1))->has_below = FALSE;
  edited (self);
  /* The focus goes to the band after it, else the one before. */
  next = g_strdup_printf ("%s[%u]", bands_path, MIN (index, dist->bands->len - 1));
  rebuild_at (self, next);
}

static void
add_band_clicked_cb (GtkButton *button,
                     GtkWidget *expander)
{
  LwScenarioEditor *self = g_object_get_data (G_OBJECT (expander), "lw-editor");
  LwPropertyDist *dist = g_object_get_data (G_OBJECT (expander), "lw-dist");
  const LwProperty *property = g_object_get_data (G_OBJECT (expander), "lw-property");
  LwBand *band = g_new0 (LwBand, 1);
  const LwBand *before = NULL;
  guint at = dist->bands->len > 0 ? dist->bands->len - 1 : 0;
  g_autofree char *path = NULL;
  g_autofree char *band_path = NULL;

  /* A new band before the last, up to twice the bound before it. */
  for (guint i = at; i > 0 && before == NULL; i--)
    if (((LwBand *) g_ptr_array_index (dist->bands, i - 1))->has_below)
      before = g_ptr_array_index (dist->bands, i - 1);
  band->has_below = TRUE;
  band->below = before == NULL ? 100 : before->below > 0 ? 2 * before->below : before->below + 100;
  /* A value no band has yet, else the last band's. */
  for (guint k = 0; property != NULL && k < property->options->len && band->value == NULL; k++)
    {
      const LwOption *option = g_ptr_array_index (property->options, k);
      gboolean used = FALSE;

      for (guint i = 0; i < dist->bands->len; i++)
        if (g_strcmp0 (((LwBand *) g_ptr_array_index (dist->bands, i))->value, option->value) == 0)
          used = TRUE;
      if (!used)
        band->value = g_strdup (option->value);
    }
  if (band->value == NULL)
    band->value = g_strdup (dist->bands->len > 0 ? ((LwBand *) g_ptr_array_index (dist->bands, at))->value
                                                 : "");
  if (dist->bands->len == 0)
    band->has_below = FALSE;
  g_ptr_array_insert (dist->bands, (int) at, band);
  edited (self);
  path = member_path ("$.properties", dist->property);
  band_path = g_strdup_printf ("%s.bands[%u]", path, at);
  rebuild_at (self, band_path);
}

static void
fill_bands (LwScenarioEditor *self,
            GtkWidget        *expander,
            gpointer          data)
{
  LwPropertyDist *dist = data;
  const LwProperty *property = g_object_get_data (G_OBJECT (expander), "lw-property");
  GPtrArray *rows = g_ptr_array_new ();
  g_autofree char *path = member_path ("$.properties", dist->property);
  GtkWidget *add_row, *add;

  g_object_set_data_full (G_OBJECT (expander), "lw-band-rows", rows, (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < dist->bands->len; i++)
    {
      LwBand *band = g_ptr_array_index (dist->bands, i);
      g_autofree char *band_path = g_strdup_printf ("%s.bands[%u]", path, i);
      g_autofree char *below_path = member_path (band_path, "below");
      g_autoptr(GSimpleActionGroup) actions = g_simple_action_group_new ();
      g_autoptr(GSimpleAction) value = NULL;
      g_autoptr(GSimpleAction) remove = g_simple_action_new ("remove", NULL);
      g_autoptr(GMenu) menu = g_menu_new ();
      g_autoptr(GMenu) values = g_menu_new ();
      GtkWidget *more = gtk_menu_button_new ();
      GtkWidget *row;

      if (band->has_below)
        {
          /* translators: the words around the bound of a band in its row,
           * "under [200]": %s stands for the box the bound is typed in, and
           * must stay, once; the words may go before it, after it or both */
          const char *around = C_("band bound", "under %s");
          const char *at = strstr (around, "%s");
          g_autofree char *before = g_strstrip (g_strndup (around, at != NULL ? (gsize) (at - around)
                                                                               : strlen (around)));
          g_autofree char *after = g_strstrip (g_strdup (at != NULL ? at + 2 : ""));
          GtkWidget *spin;

          row = add_spin_row (self, expander, band_path, band_name (property, band), NULL,
                              *after != '\0' ? after : NULL,
                              band->below, -1e9, 1e9, 1, digits_for (band->below),
                              bind_number (&band->below, 1), &spin);
          if (*before != '\0')
            {
              GtkWidget *label = gtk_label_new (before);

              gtk_widget_add_css_class (label, "dim-label");
              adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
              /* The words before the spin button: "under [200]". */
              gtk_widget_insert_before (label, gtk_widget_get_parent (spin), spin);
            }
        }
      else
        {
          row = new_action_row (band_name (property, band), NULL);
          register_row (self, band_path, row);
          adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
        }
      register_row (self, below_path, row);
      g_object_set_data (G_OBJECT (row), "lw-editor", self);
      g_object_set_data (G_OBJECT (row), "lw-band", band);
      g_object_set_data (G_OBJECT (row), "lw-dist", dist);
      g_object_set_data (G_OBJECT (row), "lw-index", GUINT_TO_POINTER (i));

      value = g_simple_action_new_stateful ("value", G_VARIANT_TYPE_STRING, g_variant_new_string (band->value));
      g_signal_connect (value, "change-state", G_CALLBACK (band_value_cb), row);
      g_signal_connect (remove, "activate", G_CALLBACK (band_remove_cb), row);
      g_simple_action_set_enabled (remove, dist->bands->len > 1);
      g_action_map_add_action (G_ACTION_MAP (actions), G_ACTION (value));
      g_action_map_add_action (G_ACTION_MAP (actions), G_ACTION (remove));
      gtk_widget_insert_action_group (row, "band", G_ACTION_GROUP (actions));

      for (guint k = 0; property != NULL && k < property->options->len; k++)
        {
          const LwOption *option = g_ptr_array_index (property->options, k);
          g_autoptr(GMenuItem) item = g_menu_item_new (lw_label_or_id (option->label, option->value), NULL);

          g_menu_item_set_action_and_target (item, "band.value", "s", option->value);
          g_menu_append_item (values, item);
        }
      g_menu_append_section (menu, _("Value"), G_MENU_MODEL (values));
      g_menu_append (menu, _("Remove Band"), "band.remove");
      gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (more), G_MENU_MODEL (menu));
      gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (more), "view-more-symbolic");
      gtk_widget_set_tooltip_text (more, _("Value or remove"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (more), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Value or remove"), -1);
      gtk_widget_add_css_class (more, "flat");
      gtk_widget_set_valign (more, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), more);
      g_ptr_array_add (rows, row);
    }

  add_row = new_action_row (_("Add a band"), _("Splits the last band at a new bound"));
  add = gtk_button_new_with_mnemonic (_("_Add"));
  gtk_widget_set_valign (add, GTK_ALIGN_CENTER);
  g_signal_connect (add, "clicked", G_CALLBACK (add_band_clicked_cb), expander);
  adw_action_row_add_suffix (ADW_ACTION_ROW (add_row), add);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (add_row), add);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), add_row);
}

static void
add_bands_mix (LwScenarioEditor *self,
               GtkWidget        *group,
               LwPropertyDist   *dist,
               const LwProperty *property)
{
  const LwConfig *config = lw_workspace_get_config (self->workspace);
  const LwProperty *of = lw_config_find_property (config, dist->bands_of);
  GtkWidget *expander = add_mix_expander (self, group, dist, property, "bands", self->band_rows,
                                          fill_bands);

  g_object_set_data (G_OBJECT (expander), "lw-editor", self);
  g_object_set_data_full (G_OBJECT (expander), "lw-of-name",
                          g_strdup (of != NULL ? lw_label_or_id (of->label, of->id) : dist->bands_of), g_free);
}

/* ---- name lists ------------------------------------------------------------------------------- */

/* "Blue, North, Bright" of the words a person types, one list per line
 * or separated by commas. */
static GStrv
split_words (const char *text)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) pieces = g_regex_split_simple ("[,\n]", text, 0, 0);

  for (guint i = 0; pieces[i] != NULL; i++)
    {
      g_strstrip (pieces[i]);
      if (*pieces[i] != '\0')
        g_strv_builder_add (builder, pieces[i]);
    }
  return g_strv_builder_end (builder);
}

static void
part_changed_cb (GtkTextBuffer    *buffer,
                 LwScenarioEditor *self)
{
  LwPropertyDist *dist = g_object_get_data (G_OBJECT (buffer), "lw-dist");
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (buffer), "lw-index"));
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  if (self->building || index >= dist->parts->len)
    return;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_strfreev (g_ptr_array_index (dist->parts, index));
  g_ptr_array_index (dist->parts, index) = split_words (text);
  edited (self);
}

/* "Blue, North, Bright … × Analytics, Labs … · 256 names" */
static char *
names_summary (const LwPropertyDist *dist)
{
  g_autoptr(GString) text = g_string_new (NULL);
  double names = dist->parts->len > 0 ? 1 : 0;

  for (guint i = 0; i < dist->parts->len; i++)
    {
      GStrv words = g_ptr_array_index (dist->parts, i);
      guint n = g_strv_length (words);

      if (i > 0)
        g_string_append (text, " × ");
      for (guint k = 0; k < n && k < 2; k++)
        g_string_append_printf (text, k == 0 ? "%s" : ", %s", words[k]);
      if (n > 2)
        g_string_append (text, " …");
      names *= n;
    }
  g_string_append (text, separator ());
  /* translators: how many names a list of parts makes */
  g_string_append_printf (text, g_dngettext (NULL, "%.0f name", "%.0f names", (gulong) MIN (names, G_MAXULONG)),
                          names);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
refresh_names (GtkWidget *expander)
{
  const LwPropertyDist *dist = g_object_get_data (G_OBJECT (expander), "lw-dist");
  g_autofree char *summary = names_summary (dist);
  g_autofree char *escaped = g_markup_escape_text (summary, -1);
  GtkWidget *separator = g_object_get_data (G_OBJECT (expander), "lw-separator-row");
  g_autofree char *said = NULL;

  set_row_subtitle (expander, escaped);
  if (separator == NULL)
    return;
  /* A space or nothing does not show in the entry: say it. */
  if (dist->separator == NULL || *dist->separator == '\0')
    said = g_strdup (_("Put between the parts: nothing, the words are joined"));
  else if (g_str_equal (dist->separator, " "))
    said = g_strdup (_("Put between the parts: a space"));
  else
    said = g_strdup (_("Put between the parts"));
  set_row_subtitle (separator, said);
}

static void
fill_names (LwScenarioEditor *self,
            GtkWidget        *expander,
            gpointer          data)
{
  LwPropertyDist *dist = data;
  g_autofree char *path = member_path ("$.properties", dist->property);
  g_autofree char *combine_path = member_path (path, "combine");
  g_autofree char *separator_path = member_path (path, "separator");
  g_autofree char *missing_path = member_path (path, "missing");
  GtkWidget *row = new_action_row (_("Separator"), NULL);
  GtkWidget *entry = gtk_entry_new ();

  for (guint i = 0; i < dist->parts->len; i++)
    {
      GStrv words = g_ptr_array_index (dist->parts, i);
      g_autofree char *part_path = g_strdup_printf ("%s[%u]", combine_path, i);
      g_autofree char *joined = g_strjoinv (", ", words);
      /* translators: one list of words a name is made of: "Part 1" */
      g_autofree char *title = g_strdup_printf (_("Part %u"), i + 1);
      GtkWidget *view = gtk_text_view_new ();
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
      GtkWidget *box;
      GtkWidget *part = new_content_row (title, NULL, &box);

      gtk_text_buffer_set_text (buffer, joined, -1);
      gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
      gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
      gtk_widget_add_css_class (view, "lw-name-part");
      gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
      g_object_set_data (G_OBJECT (buffer), "lw-dist", dist);
      g_object_set_data (G_OBJECT (buffer), "lw-index", GUINT_TO_POINTER (i));
      g_signal_connect (buffer, "changed", G_CALLBACK (part_changed_cb), self);
      gtk_box_append (GTK_BOX (box), new_caption (_("Words picked evenly, separated by commas or lines")));
      gtk_box_append (GTK_BOX (box), view);
      set_row_subtitle (part, NULL);
      register_row (self, part_path, part);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), part);
    }

  gtk_editable_set_text (GTK_EDITABLE (entry), dist->separator != NULL ? dist->separator : "");
  gtk_widget_set_valign (entry, GTK_ALIGN_CENTER);
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), 4);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Separator"), -1);
  g_object_set_data (G_OBJECT (entry), "lw-field", &dist->separator);
  g_signal_connect (entry, "changed", G_CALLBACK (text_changed_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), entry);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), entry);
  register_row (self, separator_path, row);
  g_object_set_data (G_OBJECT (expander), "lw-separator-row", row);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);

  add_spin_row (self, expander, missing_path, _("Left empty"), _("Leads without a value"), _("%"),
                100 * dist->missing, 0, 100, 1, digits_for (100 * dist->missing),
                bind_number (&dist->missing, 100), NULL);
}

static void
add_names_mix (LwScenarioEditor *self,
               GtkWidget        *group,
               LwPropertyDist   *dist,
               const LwProperty *property)
{
  add_mix_expander (self, group, dist, property, "combine", self->name_rows, fill_names);
}

/* ---- attribute mixes -------------------------------------------------------------------------- */

/* The weight rows of the categorical mix of @expander. */
static void
fill_mix (LwScenarioEditor *self,
          GtkWidget        *expander,
          gpointer          data)
{
  LwPropertyDist *dist = data;
  const LwProperty *property = g_object_get_data (G_OBJECT (expander), "lw-property");
  GPtrArray *weight_rows = g_object_get_data (G_OBJECT (expander), "lw-weight-rows");
  g_autofree char *path = member_path ("$.properties", dist->property);
  g_autofree char *weights_path = member_path (path, "weights");
  g_autofree char *missing_path = member_path (path, "missing");

  for (guint k = 0; k < dist->weights->len; k++)
    {
      LwWeight *weight = g_ptr_array_index (dist->weights, k);
      const LwOption *option = find_option (property, weight->value);
      g_autofree char *weight_path = member_path (weights_path, weight->value);
      GtkWidget *row;

      row = add_spin_row (self, expander, weight_path,
                          option != NULL ? lw_label_or_id (option->label, option->value) : weight->value,
                          NULL, NULL, weight->weight, 0, 1e6, 1, digits_for (weight->weight),
                          bind_number (&weight->weight, 1), NULL);
      g_object_set_data (G_OBJECT (row), "lw-weight", weight);
      g_ptr_array_add (weight_rows, row);
    }

  add_spin_row (self, expander, missing_path, _("Left empty"),
                _("Leads without a value"), _("%"), 100 * dist->missing, 0, 100, 1,
                digits_for (100 * dist->missing), bind_number (&dist->missing, 100), NULL);
}

static void
build_mixes (LwScenarioEditor *self,
             LwScenario       *draft)
{
  const LwConfig *config = lw_workspace_get_config (self->workspace);
  GtkWidget *group = new_group (_("Attribute Mixes"),
                                _("How the leads’ properties are spread. Weights are relative; "
                                  "other properties are drawn as the scenario file says."));
  guint shown = 0;

  for (guint i = 0; i < draft->properties->len; i++)
    {
      LwPropertyDist *dist = g_ptr_array_index (draft->properties, i);
      const LwProperty *property = lw_config_find_property (config, dist->property);
      GtkWidget *expander;

      if (property != NULL && dist->kind == LW_VALUES_CONDITIONAL)
        {
          add_conditional_mix (self, group, dist, property);
          shown++;
          continue;
        }
      if (property != NULL && dist->kind == LW_VALUES_COMBINE)
        {
          add_names_mix (self, group, dist, property);
          shown++;
          continue;
        }
      if (property != NULL && dist->kind == LW_VALUES_BANDS)
        {
          add_bands_mix (self, group, dist, property);
          shown++;
          continue;
        }
      if (property != NULL && dist->kind == LW_VALUES_NUMBER)
        {
          add_number_mix (self, group, dist, property);
          shown++;
          continue;
        }
      /* Otherwise only a choice among the options of an enum property is a mix. */
      if (dist->kind != LW_VALUES_CATEGORICAL || property == NULL || property->type != LW_PROPERTY_ENUM)
        continue;

      expander = add_mix_expander (self, group, dist, property, "weights", self->mix_rows, fill_mix);
      g_object_set_data_full (G_OBJECT (expander), "lw-weight-rows", g_ptr_array_new (),
                              (GDestroyNotify) g_ptr_array_unref);
      shown++;
    }

  if (shown > 0)
    gtk_box_append (GTK_BOX (self->box), group);
  else
    {
      g_object_ref_sink (group);
      g_object_unref (group);
    }
}

/* The rows of the distribution of @expander, at its "lw-path". */
static void
fill_number_expander (LwScenarioEditor *self,
                      GtkWidget        *expander,
                      gpointer          data)
{
  add_number_rows (self, expander, expander, g_object_get_data (G_OBJECT (expander), "lw-path"), data,
                   g_object_get_data (G_OBJECT (expander), "lw-unit"));
}

/* An expander over the numeric distribution @dist at @path, its rows
 * built when it is first opened. */
static GtkWidget *
add_number_expander (LwScenarioEditor *self,
                     GtkWidget        *parent,
                     const char       *path,
                     const char       *title,
                     LwNumberDist     *dist,
                     const char       *unit)
{
  GtkWidget *expander = new_expander_row (title);
  g_autofree char *summary = number_summary (dist);
  g_autofree char *escaped = g_markup_escape_text (summary, -1);

  set_row_subtitle (expander, escaped);
  g_object_set_data_full (G_OBJECT (expander), "lw-path", g_strdup (path), g_free);
  g_object_set_data_full (G_OBJECT (expander), "lw-unit", g_strdup (unit), g_free);
  register_row (self, path, expander);
  fill_later (self, expander, fill_number_expander, dist);
  add_to (parent, expander);
  return expander;
}

static void
own_floor_toggled_cb (GtkCheckButton   *check,
                      GParamSpec       *pspec,
                      LwScenarioEditor *self)
{
  LwStepRate *step = g_object_get_data (G_OBJECT (check), "lw-step");
  GtkWidget *spin = g_object_get_data (G_OBJECT (check), "lw-spin");

  if (self->building)
    return;
  step->has_floor = gtk_check_button_get_active (check);
  gtk_widget_set_sensitive (spin, step->has_floor);
  edited (self);
}

/* A step's own floor of the speed factor, else the conversion's. */
static void
add_step_floor (LwScenarioEditor *self,
                GtkWidget        *expander,
                const char       *path,
                LwStepRate       *step)
{
  g_autofree char *floor_path = member_path (path, "floor");
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *spin;
  GtkWidget *row;
  Binding *binding = bind_number (&step->floor, 100);

  binding->has = &step->has_floor;
  row = add_spin_row (self, expander, floor_path, _("Own floor"),
                      _("Speed matters less for this step: its chance falls no lower"), _("%"),
                      100 * (step->has_floor ? step->floor : 0), 0, 100, 5, 0, binding, &spin);
  gtk_widget_set_sensitive (spin, step->has_floor);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), step->has_floor);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Own floor"), -1);
  g_object_set_data (G_OBJECT (check), "lw-step", step);
  g_object_set_data (G_OBJECT (check), "lw-spin", spin);
  g_signal_connect (check, "notify::active", G_CALLBACK (own_floor_toggled_cb), self);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
}

/* ---- the statuses a run sets ------------------------------------------------------------------ */

static const char *
sim_status_label (LwSimStatus status)
{
  switch (status)
    {
    case LW_SIM_STATUS_NEW:         return _("A new lead");
    case LW_SIM_STATUS_ATTEMPTING:  return _("First touched, not reached yet");
    case LW_SIM_STATUS_CONNECTED:   return _("Reached");
    case LW_SIM_STATUS_QUALIFIED:   return _("Qualified (SQL)");
    case LW_SIM_STATUS_UNQUALIFIED: return _("Unqualified");
    case LW_SIM_STATUS_BAD_TIMING:  return _("Bad timing");
    case LW_N_SIM_STATUSES:
    default:                        return "";
    }
}

static const char * const sim_status_keys[LW_N_SIM_STATUSES] = {
  "new", "attempting", "connected", "qualified", "unqualified", "badTiming"
};

static void
status_selected_cb (AdwComboRow      *row,
                    GParamSpec       *pspec,
                    LwScenarioEditor *self)
{
  LwScenario *draft = lw_sim_context_get_draft (self->context);
  GStrv ids = g_object_get_data (G_OBJECT (row), "lw-ids");
  guint status = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "lw-status"));
  guint selected = adw_combo_row_get_selected (row);

  if (self->building || selected > g_strv_length (ids) || status >= LW_N_SIM_STATUSES)
    return;
  g_free (draft->conversion.statuses[status]);
  /* The first choice: the run never sets it. */
  draft->conversion.statuses[status] = selected == 0 ? NULL : g_strdup (ids[selected - 1]);
  edited (self);
}

static void
fill_statuses (LwScenarioEditor *self,
               GtkWidget        *expander,
               gpointer          data)
{
  LwConversionModel *c = data;
  const LwConfig *config = lw_workspace_get_config (self->workspace);

  for (guint s = 0; s < LW_N_SIM_STATUSES; s++)
    {
      g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
      g_autofree char *path = member_path ("$.conversion.statuses", sim_status_keys[s]);
      GtkStringList *labels = gtk_string_list_new (NULL);
      GtkWidget *combo = adw_combo_row_new ();
      guint selected = 0;

      gtk_string_list_append (labels, _("Never set"));
      for (guint i = 0; i < config->statuses->len; i++)
        {
          const LwStatus *status = g_ptr_array_index (config->statuses, i);

          gtk_string_list_append (labels, lw_label_or_id (status->label, status->id));
          g_strv_builder_add (ids, status->id);
          if (g_strcmp0 (status->id, c->statuses[s]) == 0)
            selected = i + 1;
        }
      if (c->statuses[s] != NULL && selected == 0)
        {
          /* translators: a lead status a scenario names that the rules do not have */
          g_autofree char *unknown = g_strdup_printf (_("%s (not in the rules)"), c->statuses[s]);

          gtk_string_list_append (labels, unknown);
          g_strv_builder_add (ids, c->statuses[s]);
          selected = config->statuses->len + 1;
        }
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (combo), sim_status_label (s));
      adw_combo_row_set_model (ADW_COMBO_ROW (combo), G_LIST_MODEL (labels));
      adw_combo_row_set_selected (ADW_COMBO_ROW (combo), selected);
      g_object_set_data_full (G_OBJECT (combo), "lw-ids", g_strv_builder_end (ids), (GDestroyNotify) g_strfreev);
      g_object_set_data (G_OBJECT (combo), "lw-status", GUINT_TO_POINTER (s));
      g_signal_connect (combo, "notify::selected", G_CALLBACK (status_selected_cb), self);
      register_row (self, path, combo);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), combo);
      g_object_unref (labels);
    }
}

static void
add_statuses (LwScenarioEditor  *self,
              GtkWidget         *group,
              LwConversionModel *c)
{
  GtkWidget *expander = new_expander_row (_("Statuses a Run Sets"));

  set_row_subtitle (expander, _("The rules’ lead status for each step of working a lead"));
  register_row (self, "$.conversion.statuses", expander);
  fill_later (self, expander, fill_statuses, c);
  add_to (group, expander);
}

/* ---- conversion ------------------------------------------------------------------------------- */

static void
refresh_speed (LwScenarioEditor *self)
{
  LwScenario *draft = lw_sim_context_get_draft (self->context);
  const LwConversionModel *c = &draft->conversion;
  LwSpeedCurve *curve = LW_SPEED_CURVE (self->speed_curve);
  g_autofree char *text = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *hours = NULL;

  lw_speed_curve_set_model (curve, c->floor, c->half_life_minutes);
  /* translators: the speed-to-lead factor, in percent, after three first-touch times */
  text = g_strdup_printf (_("Touched after 5 min: %.0f %% · 1 h: %.0f %% · 1 day: %.0f %%"),
                          100 * lw_speed_curve_factor_at (curve, 5),
                          100 * lw_speed_curve_factor_at (curve, 60),
                          100 * lw_speed_curve_factor_at (curve, 1440));
  escaped = g_markup_escape_text (text, -1);
  set_row_subtitle (self->speed_row, escaped);

  if (c->half_life_minutes >= 60)
    /* translators: a half-life in hours, after what it means */
    hours = g_strdup_printf (_("The chance has lost half the way to the floor after this long "
                               "(%.3g h)"), c->half_life_minutes / 60);
  else
    hours = g_strdup (_("The chance has lost half the way to the floor after this long"));
  g_clear_pointer (&escaped, g_free);
  escaped = g_markup_escape_text (hours, -1);
  set_row_subtitle (self->half_life_row, escaped);
}

static void
build_conversion (LwScenarioEditor *self,
                  LwScenario       *draft)
{
  LwConversionModel *c = &draft->conversion;
  GtkWidget *group = new_group (_("Conversion"),
                                _("Leads touched sooner convert more: every step’s chance falls "
                                  "by half each half-life after assignment, down to the floor."));
  GtkWidget *box, *outcome, *step;

  self->speed_row = new_content_row (_("Speed to lead"), NULL, &box);
  self->speed_curve = lw_speed_curve_new ();
  gtk_box_append (GTK_BOX (box), self->speed_curve);
  register_row (self, "$.conversion.speedToLead", self->speed_row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->speed_row);

  self->half_life_row =
    add_spin_row (self, group, "$.conversion.speedToLead.halfLifeMinutes", _("Half-life"), NULL,
                  _("min"), c->half_life_minutes, 0, 100000, 5, digits_for (c->half_life_minutes),
                  bind_number (&c->half_life_minutes, 1), NULL);
  add_spin_row (self, group, "$.conversion.speedToLead.floor", _("Floor"),
                _("The chance left however late the first touch comes"), _("%"), 100 * c->floor,
                0, 100, 1, digits_for (100 * c->floor), bind_number (&c->floor, 100), NULL);

  /* The outcome of the first touch; their sum is checked at "$.conversion". */
  outcome = add_intent_expander (self, group, "$.conversion.sql.rate", _("Qualified (SQL)"),
                                 c->sql.rate, TRUE, 1);
  register_row (self, "$.conversion", outcome);
  register_row (self, "$.conversion.sql", outcome);
  add_step_floor (self, outcome, "$.conversion.sql", &c->sql);
  add_intent_expander (self, group, "$.conversion.unqualified", _("Unqualified"),
                       c->unqualified, TRUE, 1);
  add_intent_expander (self, group, "$.conversion.badTiming", _("Bad Timing"),
                       c->bad_timing, TRUE, 1);
  step = add_intent_expander (self, group, "$.conversion.opportunity.rate", _("Deal Opened"),
                              c->opportunity.rate, TRUE, 1);
  register_row (self, "$.conversion.opportunity", step);
  add_step_floor (self, step, "$.conversion.opportunity", &c->opportunity);
  step = add_intent_expander (self, group, "$.conversion.customer.rate", _("Deal Won"),
                              c->customer.rate, TRUE, 1);
  register_row (self, "$.conversion.customer", step);
  add_step_floor (self, step, "$.conversion.customer", &c->customer);

  /* How long each step takes. */
  add_number_expander (self, group, "$.conversion.connectHours", _("First Touch to Connected"),
                       &c->connect_hours, _("h"));
  add_number_expander (self, group, "$.conversion.qualifyDays", _("Connected to Outcome"),
                       &c->qualify_days, _("days"));
  add_number_expander (self, group, "$.conversion.opportunityDays", _("Qualified to Deal Opened"),
                       &c->opportunity_days, _("days"));
  add_number_expander (self, group, "$.conversion.closeDays", _("Deal Opened to Won or Lost"),
                       &c->close_days, _("days"));
  add_statuses (self, group, c);

  gtk_box_append (GTK_BOX (self->box), group);
}

/* ---- email addresses -------------------------------------------------------------------------- */

static void
build_email (LwScenarioEditor *self,
             LwScenario       *draft)
{
  LwEmailModel *e = &draft->email;
  GtkWidget *group = new_group (_("Email Addresses"),
                                _("Which domain a lead’s address has; the other leads use their "
                                  "company’s own."));
  GtkWidget *expander = new_expander_row (_("Kinds of Address"));

  register_row (self, "$.email", expander);
  g_object_set_data (G_OBJECT (expander), "lw-email", e);
  add_spin_row (self, expander, "$.email.freeShare", _("Free mail"),
                _("gmail.com and the like"), _("%"), 100 * e->free_share, 0, 100, 1,
                digits_for (100 * e->free_share), bind_number (&e->free_share, 100), NULL);
  add_spin_row (self, expander, "$.email.accountShare", _("Existing accounts"),
                _("A domain of one of the rules’ accounts"), _("%"), 100 * e->account_share, 0, 100,
                0.5, 1, bind_number (&e->account_share, 100), NULL);
  add_spin_row (self, expander, "$.email.competitorShare", _("Competitors"),
                _("Leads from a competitor’s domain"), _("%"), 100 * e->competitor_share, 0, 100,
                0.1, 1, bind_number (&e->competitor_share, 100), NULL);
  add_spin_row (self, expander, "$.email.duplicateShare", _("Duplicates"),
                _("Leads that repeat an earlier lead’s address"), _("%"), 100 * e->duplicate_share,
                0, 100, 0.5, 1, bind_number (&e->duplicate_share, 100), NULL);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), expander);
  self->email_row = expander;
  add_weight_list (self, group, "$.email.freeDomains", _("Free Mail Domains"), e->free_domains, NULL,
                   TRUE);
  add_weight_list (self, group, "$.email.competitorDomains", _("Competitor Domains"),
                   e->competitor_domains, NULL, TRUE);
  gtk_box_append (GTK_BOX (self->box), group);
}

static void
refresh_email (LwScenarioEditor *self)
{
  const LwEmailModel *e = g_object_get_data (G_OBJECT (self->email_row), "lw-email");
  double company = MAX (0, 1 - e->free_share - e->account_share - e->competitor_share);
  g_autofree char *free_mail = format_percent (100 * e->free_share);
  g_autofree char *own = format_percent (100 * company);
  g_autofree char *text = NULL;
  g_autofree char *escaped = NULL;

  /* translators: the kinds of email address: free mail, then the company's own domain */
  text = g_strdup_printf (_("%s free mail · %s the company’s own domain"), free_mail, own);
  escaped = g_markup_escape_text (text, -1);
  set_row_subtitle (self->email_row, escaped);
}

/* ---- activities ------------------------------------------------------------------------------- */

/* The rows of the activity model at "lw-path" of @expander. */
static void
fill_activity (LwScenarioEditor *self,
               GtkWidget        *expander,
               gpointer          data)
{
  LwActivityModel *model = data;
  const char *path = g_object_get_data (G_OBJECT (expander), "lw-path");
  g_autofree char *probability_path = member_path (path, "probability");
  g_autofree char *before_path = member_path (path, "beforeShare");
  g_autofree char *days_path = member_path (path, "beforeDays");
  g_autofree char *count_path = member_path (path, "count");
  g_autofree char *after_path = member_path (path, "afterDays");
  GtkWidget *count, *after;

  add_intent_rows (self, expander, probability_path, model->probability, TRUE, 1);
  add_spin_row (self, expander, before_path, _("Before the lead arrived"),
                _("Of the times, in its history: counted in the first score"), _("%"),
                100 * model->before_share, 0, 100, 5, 0, bind_number (&model->before_share, 100),
                NULL);
  add_spin_row (self, expander, days_path, _("History spread over"), NULL, _("days"),
                model->before_days, 0, 3650, 1, digits_for (model->before_days),
                bind_number (&model->before_days, 1), NULL);

  count = new_expander_row (_("How Many Times"));
  register_row (self, count_path, count);
  add_number_rows (self, count, count, count_path, &model->count, NULL);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), count);

  after = new_expander_row (_("Days After Arrival"));
  register_row (self, after_path, after);
  add_number_rows (self, after, after, after_path, &model->after_days, _("days"));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), after);
}

static void
build_activities (LwScenarioEditor *self,
                  LwScenario       *draft)
{
  const LwConfig *config = lw_workspace_get_config (self->workspace);
  GtkWidget *group;

  if (draft->activities->len == 0)
    return;
  group = new_group (_("Activities"),
                     _("What leads do, such as visiting the pricing page: how likely by intent, "
                       "how often and when."));

  for (guint i = 0; i < draft->activities->len; i++)
    {
      LwActivityModel *model = g_ptr_array_index (draft->activities, i);
      const LwActivityType *type = lw_config_find_activity (config, model->activity);
      g_autofree char *path = g_strdup_printf ("$.activities[%u]", i);
      g_autofree char *probability_path = member_path (path, "probability");
      GtkWidget *expander = new_expander_row (type != NULL ? lw_label_or_id (type->label, type->id)
                                                           : model->activity);

      register_row (self, path, expander);
      register_row (self, probability_path, expander);
      add_intent_summary (self, expander, model->probability, TRUE);
      g_object_set_data_full (G_OBJECT (expander), "lw-path", g_strdup (path), g_free);
      fill_later (self, expander, fill_activity, model);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), expander);
    }
  gtk_box_append (GTK_BOX (self->box), group);
}

/* ---- the activity of each arrival ------------------------------------------------------------- */

static void
arrival_selected_cb (AdwComboRow      *row,
                     GParamSpec       *pspec,
                     LwScenarioEditor *self)
{
  LwScenario *draft = lw_sim_context_get_draft (self->context);
  const char *key = g_object_get_data (G_OBJECT (row), "lw-key");
  GStrv ids = g_object_get_data (G_OBJECT (row), "lw-ids");
  guint selected = adw_combo_row_get_selected (row);
  LwMapping *mapping = NULL;
  guint index = 0;

  if (self->building || selected > g_strv_length (ids))
    return;
  for (guint i = 0; i < draft->arrival_activities->len && mapping == NULL; i++)
    if (g_str_equal (((LwMapping *) g_ptr_array_index (draft->arrival_activities, i))->key, key))
      {
        mapping = g_ptr_array_index (draft->arrival_activities, i);
        index = i;
      }
  /* The first choice: no activity. */
  if (selected == 0)
    {
      if (mapping != NULL)
        g_ptr_array_remove_index (draft->arrival_activities, index);
    }
  else if (mapping != NULL)
    {
      g_free (mapping->value);
      mapping->value = g_strdup (ids[selected - 1]);
    }
  else
    {
      mapping = g_new0 (LwMapping, 1);
      mapping->key = g_strdup (key);
      mapping->value = g_strdup (ids[selected - 1]);
      g_ptr_array_add (draft->arrival_activities, mapping);
    }
  edited (self);
}

static void
add_arrival_row (LwScenarioEditor *self,
                 GtkWidget        *expander,
                 const char       *key,
                 const char       *title,
                 const char       *activity)
{
  const LwConfig *config = lw_workspace_get_config (self->workspace);
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  GtkStringList *labels = gtk_string_list_new (NULL);
  GtkWidget *combo = adw_combo_row_new ();
  g_autofree char *escaped = g_markup_escape_text (title, -1);
  g_autofree char *path = member_path ("$.arrivalActivity.map", key);
  g_autofree char *plain = g_strconcat ("$.arrivalActivity.map.", key, NULL);
  guint selected = 0;

  gtk_string_list_append (labels, _("No activity"));
  for (guint i = 0; i < config->activities->len; i++)
    {
      const LwActivityType *type = g_ptr_array_index (config->activities, i);

      gtk_string_list_append (labels, lw_label_or_id (type->label, type->id));
      g_strv_builder_add (ids, type->id);
      if (g_strcmp0 (type->id, activity) == 0)
        selected = i + 1;
    }
  if (activity != NULL && selected == 0)
    {
      /* translators: an activity a scenario names that the rules do not have */
      g_autofree char *unknown = g_strdup_printf (_("%s (not in the rules)"), activity);

      gtk_string_list_append (labels, unknown);
      g_strv_builder_add (ids, activity);
      selected = config->activities->len + 1;
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (combo), escaped);
  adw_combo_row_set_model (ADW_COMBO_ROW (combo), G_LIST_MODEL (labels));
  adw_combo_row_set_selected (ADW_COMBO_ROW (combo), selected);
  g_object_set_data_full (G_OBJECT (combo), "lw-key", g_strdup (key), g_free);
  g_object_set_data_full (G_OBJECT (combo), "lw-ids", g_strv_builder_end (ids), (GDestroyNotify) g_strfreev);
  g_signal_connect (combo, "notify::selected", G_CALLBACK (arrival_selected_cb), self);
  register_row (self, path, combo);
  /* The simulator's messages write the key plainly. */
  register_row (self, plain, combo);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), combo);
  g_object_unref (labels);
}

/* A row per value of the arrival property: those the map names, then the
 * property's other options. */
static void
fill_arrival (LwScenarioEditor *self,
              GtkWidget        *expander,
              gpointer          data)
{
  LwScenario *draft = data;
  const LwConfig *config = lw_workspace_get_config (self->workspace);
  const LwProperty *property = lw_config_find_property (config, draft->arrival_property);

  /* The rows point at values, not at mappings: choosing "No activity"
   * removes one from the draft. */
  for (guint i = 0; i < draft->arrival_activities->len; i++)
    {
      const LwMapping *m = g_ptr_array_index (draft->arrival_activities, i);
      const LwOption *option = find_option (property, m->key);

      add_arrival_row (self, expander, m->key, option != NULL ? lw_label_or_id (option->label, option->value) : m->key,
                       m->value);
    }
  for (guint k = 0; property != NULL && k < property->options->len; k++)
    {
      const LwOption *option = g_ptr_array_index (property->options, k);
      gboolean mapped = FALSE;

      for (guint i = 0; i < draft->arrival_activities->len; i++)
        if (g_str_equal (((LwMapping *) g_ptr_array_index (draft->arrival_activities, i))->key, option->value))
          mapped = TRUE;
      if (!mapped)
        add_arrival_row (self, expander, option->value, lw_label_or_id (option->label, option->value), NULL);
    }
}

static void
refresh_arrival (LwScenarioEditor *self)
{
  LwScenario *draft = lw_sim_context_get_draft (self->context);
  const LwConfig *config = lw_workspace_get_config (self->workspace);
  const LwProperty *property = lw_config_find_property (config, draft->arrival_property);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *escaped = NULL;

  for (guint i = 0; i < draft->arrival_activities->len && i < 3; i++)
    {
      const LwMapping *m = g_ptr_array_index (draft->arrival_activities, i);
      const LwOption *option = find_option (property, m->key);
      const LwActivityType *type = lw_config_find_activity (config, m->value);

      if (i > 0)
        g_string_append (text, separator ());
      /* translators: a value and the activity a lead with it does on arrival: "Demo request → Demo request" */
      g_string_append_printf (text, _("%s → %s"), option != NULL ? lw_label_or_id (option->label, option->value) : m->key,
                              type != NULL ? lw_label_or_id (type->label, type->id) : m->value);
    }
  if (draft->arrival_activities->len > 3)
    g_string_append (text, more_parts ());
  if (draft->arrival_activities->len == 0)
    g_string_append (text, _("No activity on arrival"));
  escaped = g_markup_escape_text (text->str, -1);
  set_row_subtitle (self->arrival_row, escaped);
}

static void
build_arrival (LwScenarioEditor *self,
               LwScenario       *draft)
{
  const LwConfig *config = lw_workspace_get_config (self->workspace);
  const LwProperty *property;
  GtkWidget *group, *expander;
  g_autofree char *title = NULL;

  if (draft->arrival_property == NULL)
    return;
  property = lw_config_find_property (config, draft->arrival_property);
  /* translators: %s is a property: what a lead did to arrive, by its value */
  title = g_strdup_printf (_("By %s"), property != NULL ? lw_label_or_id (property->label, property->id)
                                                        : draft->arrival_property);
  group = new_group (_("Activity on Arrival"),
                     _("What a lead did to arrive, such as requesting a demo: it counts in its first "
                       "score."));
  expander = new_expander_row (title);
  register_row (self, "$.arrivalActivity", expander);
  register_row (self, "$.arrivalActivity.map", expander);
  fill_later (self, expander, fill_arrival, draft);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), expander);
  self->arrival_row = expander;
  gtk_box_append (GTK_BOX (self->box), group);
}

/* ---- response times --------------------------------------------------------------------------- */

static const LwResponseOverride *
find_override (GPtrArray  *list,
               const char *id)
{
  for (guint i = 0; id != NULL && i < list->len; i++)
    {
      const LwResponseOverride *o = g_ptr_array_index (list, i);

      if (g_strcmp0 (o->id, id) == 0)
        return o;
    }
  return NULL;
}

/* The distribution that applies to @person when it has none of its own,
 * and whose it is. */
static const LwNumberDist *
inherited_dist (LwScenarioEditor *self,
                const Person     *person,
                char            **whose)
{
  LwScenario *draft = lw_sim_context_get_draft (self->context);
  const LwConfig *config = lw_workspace_get_config (self->workspace);

  if (!person->team)
    {
      const LwRep *rep = lw_config_find_rep (config, person->id);
      const LwResponseOverride *o = rep != NULL ? find_override (draft->reps.teams, rep->team) : NULL;

      if (o != NULL)
        {
          const LwTeam *team = lw_config_find_team (config, rep->team);

          /* translators: where a rep's response time comes from; %s is a team */
          *whose = g_strdup_printf (_("As the %s team"), team != NULL ? lw_label_or_id (team->label, team->id)
                                                                        : rep->team);
          return &o->minutes;
        }
    }
  *whose = g_strdup (_("As everyone"));
  return &draft->reps.response_minutes;
}

static LwResponseOverride *
own_override (LwScenarioEditor *self,
              const Person     *person,
              guint            *index)
{
  LwScenario *draft = lw_sim_context_get_draft (self->context);
  GPtrArray *list = person->team ? draft->reps.teams : draft->reps.reps;

  for (guint i = 0; i < list->len; i++)
    {
      LwResponseOverride *o = g_ptr_array_index (list, i);

      if (g_strcmp0 (o->id, person->id) == 0)
        {
          if (index != NULL)
            *index = i;
          return o;
        }
    }
  return NULL;
}

static void
refresh_person (LwScenarioEditor *self,
                Person           *person)
{
  LwResponseOverride *own = own_override (self, person, NULL);
  g_autofree char *whose = NULL;
  const LwNumberDist *dist = inherited_dist (self, person, &whose);
  g_autofree char *escaped = NULL;

  if (own != NULL)
    {
      dist = &own->minutes;
      g_free (whose);
      whose = g_strdup (person->team ? _("The team’s own time") : _("Their own time"));
    }
  escaped = g_markup_escape_text (whose, -1);
  set_row_subtitle (person->row, escaped);
  gtk_widget_set_visible (person->reset, own != NULL);
  self->building = TRUE;
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (person->spin), dist->a);
  self->building = FALSE;
}

static void
person_changed_cb (GtkSpinButton *spin,
                   Person        *person)
{
  LwScenarioEditor *self = person->self;
  LwScenario *draft = lw_sim_context_get_draft (self->context);
  LwResponseOverride *own;

  if (self->building)
    return;
  own = own_override (self, person, NULL);
  if (own == NULL)
    {
      g_autofree char *whose = NULL;

      own = g_new0 (LwResponseOverride, 1);
      own->id = g_strdup (person->id);
      own->minutes = *inherited_dist (self, person, &whose);
      g_ptr_array_add (person->team ? draft->reps.teams : draft->reps.reps, own);
    }
  own->minutes.a = gtk_spin_button_get_value (spin);
  edited (self);
}

static void
person_reset_cb (GtkButton *button,
                 Person    *person)
{
  LwScenarioEditor *self = person->self;
  LwScenario *draft = lw_sim_context_get_draft (self->context);
  guint index;

  if (own_override (self, person, &index) == NULL)
    return;
  g_ptr_array_remove_index (person->team ? draft->reps.teams : draft->reps.reps, index);
  edited (self);
}

static void
add_person (LwScenarioEditor *self,
            GtkWidget        *expander,
            const char       *id,
            const char       *name,
            gboolean          team)
{
  Person *person = g_new0 (Person, 1);
  GtkWidget *reset = gtk_button_new_from_icon_name ("edit-undo-symbolic");

  person->self = self;
  person->id = g_strdup (id);
  person->team = team;
  person->row = add_spin_row (self, expander, NULL, name, NULL, _("min"), 0, 0, 100000, 5, 0, NULL,
                              &person->spin);
  register_member (self, team ? "$.reps.teams" : "$.reps.reps", id, person->row);
  person->reset = reset;
  gtk_widget_set_valign (reset, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (reset, "flat");
  gtk_widget_set_tooltip_text (reset, team ? _("Use everyone’s time") : _("Use the usual time"));
  adw_action_row_add_prefix (ADW_ACTION_ROW (person->row), reset);
  g_signal_connect (person->spin, "value-changed", G_CALLBACK (person_changed_cb), person);
  g_signal_connect (reset, "clicked", G_CALLBACK (person_reset_cb), person);
  g_ptr_array_add (self->people, person);
}

static const char *
kind_description (LwNumberKind kind)
{
  switch (kind)
    {
    case LW_NUMBER_CONSTANT:    return _("Always this many minutes");
    case LW_NUMBER_UNIFORM:     return _("At least this many minutes, spread evenly");
    case LW_NUMBER_NORMAL:      return _("On average, spread evenly around it");
    case LW_NUMBER_LOGNORMAL:   return _("Half the leads are touched sooner: a few much later");
    case LW_NUMBER_EXPONENTIAL: return _("On average: most sooner, a few much later");
    case LW_NUMBER_POISSON:     return _("On average");
    default:                    return NULL;
    }
}

static void
build_reps (LwScenarioEditor *self,
            LwScenario       *draft)
{
  const LwConfig *config = lw_workspace_get_config (self->workspace);
  GtkWidget *group = new_group (_("Rep Response Times"),
                                _("Minutes from assignment to first touch. The sooner the touch, "
                                  "the likelier the lead converts."));
  LwRepModel *reps = &draft->reps;
  GtkWidget *teams, *each;

  add_spin_row (self, group, "$.reps.responseMinutes", _("Typical time"),
                kind_description (reps->response_minutes.kind), _("min"), reps->response_minutes.a,
                0, 100000, 5, digits_for (reps->response_minutes.a),
                bind_number (&reps->response_minutes.a, 1), NULL);
  if (reps->response_minutes.kind == LW_NUMBER_LOGNORMAL)
    add_spin_row (self, group, "$.reps.responseMinutes.lognormal.sigma", _("Spread"),
                  _("0 is always the typical time; 1.5 is a long tail of slow touches"), NULL,
                  reps->response_minutes.b, 0, 20, 0.1, 2,
                  bind_number (&reps->response_minutes.b, 1), NULL);
  add_spin_row (self, group, "$.reps.workingHoursAdherence", _("Work leads in working hours only"),
                _("The rest are touched whenever, evenings and weekends too"), _("%"),
                100 * reps->working_hours_adherence, 0, 100, 1, 0,
                bind_number (&reps->working_hours_adherence, 100), NULL);
  add_spin_row (self, group, "$.reps.outOfOfficeRate", _("Random days off"),
                _("Of each rep’s working days"), _("%"), 100 * reps->out_of_office_rate, 0, 100, 0.5, 1,
                bind_number (&reps->out_of_office_rate, 100), NULL);
  add_intent_expander (self, group, "$.reps.intentFactor", _("Response Time by Intent"),
                       reps->intent_factor, FALSE, 1000);

  teams = new_expander_row (_("Each Team"));
  register_row (self, "$.reps.teams", teams);
  for (guint i = 0; i < config->teams->len; i++)
    {
      const LwTeam *team = g_ptr_array_index (config->teams, i);

      add_person (self, teams, team->id, lw_label_or_id (team->label, team->id), TRUE);
    }
  for (guint i = 0; i < reps->teams->len; i++)
    {
      const LwResponseOverride *o = g_ptr_array_index (reps->teams, i);

      if (lw_config_find_team (config, o->id) == NULL)
        add_person (self, teams, o->id, o->id, TRUE);
    }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), teams);

  each = new_expander_row (_("Each Rep"));
  register_row (self, "$.reps.reps", each);
  for (guint i = 0; i < config->reps->len; i++)
    {
      const LwRep *rep = g_ptr_array_index (config->reps, i);

      add_person (self, each, rep->id, lw_label_or_id (rep->name, rep->id), FALSE);
    }
  for (guint i = 0; i < reps->reps->len; i++)
    {
      const LwResponseOverride *o = g_ptr_array_index (reps->reps, i);

      if (lw_config_find_rep (config, o->id) == NULL)
        add_person (self, each, o->id, o->id, FALSE);
    }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), each);

  gtk_box_append (GTK_BOX (self->box), group);
}

/* ---- labels that follow the numbers ----------------------------------------------------------- */

static void
update_labels (LwScenarioEditor *self)
{
  LwScenario *draft = lw_sim_context_get_draft (self->context);
  double shares = 0;

  for (guint i = 0; i < draft->entry_points->len; i++)
    shares += ((LwEntryPoint *) g_ptr_array_index (draft->entry_points, i))->share;

  for (guint i = 0; i < self->entry_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->entry_rows, i);
      const LwEntryPoint *entry = g_object_get_data (G_OBJECT (row), "lw-entry");
      double part = shares > 0 ? entry->share / shares : 0;
      double per_day = draft->days > 0 ? part * draft->leads / draft->days : 0;
      g_autofree char *percent = format_percent (100 * part);
      g_autofree char *daily = NULL;
      g_autofree char *text = NULL;
      g_autofree char *escaped = NULL;

      if (per_day >= 10)
        /* translators: leads an entry point brings a day */
        daily = g_strdup_printf (_("about %.0f a day"), per_day);
      else
        /* translators: leads an entry point brings a day, fewer than 10 */
        daily = g_strdup_printf (_("about %.1f a day"), per_day);
      /* translators: an entry point: its intent · share of arrivals · leads a day */
      text = g_strdup_printf (_("%s · %s of arrivals · %s"), intent_label (entry->intent), percent, daily);
      escaped = g_markup_escape_text (text, -1);
      set_row_subtitle (row, escaped);
    }

  for (guint i = 0; i < self->mix_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->mix_rows, i);
      const LwPropertyDist *dist = g_object_get_data (G_OBJECT (row), "lw-dist");
      const LwProperty *property = g_object_get_data (G_OBJECT (row), "lw-property");
      g_autoptr(GString) text = g_string_new (NULL);
      g_autofree char *escaped = NULL;
      GPtrArray *weight_rows;
      double total = 0;

      for (guint k = 0; k < dist->weights->len; k++)
        total += ((LwWeight *) g_ptr_array_index (dist->weights, k))->weight;
      for (guint k = 0; k < dist->weights->len && k < 3; k++)
        {
          const LwWeight *weight = g_ptr_array_index (dist->weights, k);
          const LwOption *option = find_option (property, weight->value);
          g_autofree char *percent = format_percent (total > 0 ? 100 * weight->weight / total : 0);

          if (text->len > 0)
            g_string_append (text, separator ());
          /* translators: a value of a mix and its share: "Director 12 %" */
          g_string_append_printf (text, C_("value and share", "%s %s"),
                                  option != NULL ? lw_label_or_id (option->label, option->value)
                                                 : weight->value,
                                  percent);
        }
      if (dist->weights->len > 3)
        g_string_append (text, more_parts ());
      escaped = g_markup_escape_text (text->str, -1);
      set_row_subtitle (row, escaped);

      /* Each weight's share. */
      weight_rows = g_object_get_data (G_OBJECT (row), "lw-weight-rows");
      for (guint k = 0; k < weight_rows->len; k++)
        {
          GtkWidget *weight_row = g_ptr_array_index (weight_rows, k);
          const LwWeight *weight = g_object_get_data (G_OBJECT (weight_row), "lw-weight");
          g_autofree char *percent = format_percent (total > 0 ? 100 * weight->weight / total : 0);

          set_row_subtitle (weight_row, percent);
        }
    }

  for (guint i = 0; i < self->people->len; i++)
    refresh_person (self, g_ptr_array_index (self->people, i));
  for (guint i = 0; i < self->rhythms->len; i++)
    refresh_rhythm (g_ptr_array_index (self->rhythms, i));
  for (guint i = 0; i < self->numbers->len; i++)
    refresh_number (g_ptr_array_index (self->numbers, i));
  for (guint i = 0; i < self->branch_rows->len; i++)
    refresh_branch (g_ptr_array_index (self->branch_rows, i));
  for (guint i = 0; i < self->summaries->len; i++)
    refresh_summary (g_ptr_array_index (self->summaries, i));
  if (self->speed_row != NULL)
    refresh_speed (self);
  if (self->email_row != NULL)
    refresh_email (self);
  if (self->arrival_row != NULL)
    refresh_arrival (self);
  for (guint i = 0; i < self->list_rows->len; i++)
    refresh_weight_list (g_ptr_array_index (self->list_rows, i));
  for (guint i = 0; i < self->band_rows->len; i++)
    refresh_bands (self, g_ptr_array_index (self->band_rows, i));
  for (guint i = 0; i < self->name_rows->len; i++)
    refresh_names (g_ptr_array_index (self->name_rows, i));
}

/* ---- problems --------------------------------------------------------------------------------- */

GtkWidget *
lw_scenario_editor_find_row (LwScenarioEditor *self,
                             const char       *path)
{
  g_autofree char *at = NULL;

  g_return_val_if_fail (LW_IS_SCENARIO_EDITOR (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  at = g_strdup (path);
  while (at != NULL)
    {
      GtkWidget *row = g_hash_table_lookup (self->rows, at);
      char *up;

      if (row != NULL)
        {
          /* A row inside an expander not opened yet is built first. */
          if (!g_str_equal (at, path) && ADW_IS_EXPANDER_ROW (row) && fill_expander (self, row))
            {
              g_free (at);
              at = g_strdup (path);
              continue;
            }
          return row;
        }
      up = parent_path (at);
      g_free (at);
      at = up;
    }
  return NULL;
}

static void
show_problems (LwScenarioEditor *self)
{
  GPtrArray *problems = lw_sim_context_get_problems (self->context);
  GHashTableIter iter;
  gpointer row, message;

  self->showing = TRUE;
  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, NULL, &row))
    if (gtk_widget_has_css_class (row, "lw-invalid"))
      {
        gtk_widget_remove_css_class (row, "lw-invalid");
        set_subtitle (row, g_object_get_data (G_OBJECT (row), "lw-subtitle"));
      }

  for (guint i = 0; i < problems->len; i++)
    {
      const LwDiagnostic *d = g_ptr_array_index (problems, i);
      GtkWidget *found = lw_scenario_editor_find_row (self, d->path);
      g_autofree char *escaped = g_markup_escape_text (d->message, -1);

      /* The row, and the expander rows around it, which may be closed. */
      for (GtkWidget *at = found; at != NULL; at = gtk_widget_get_ancestor (gtk_widget_get_parent (at),
                                                                             ADW_TYPE_EXPANDER_ROW))
        {
          if (!gtk_widget_has_css_class (at, "lw-invalid"))
            {
              gtk_widget_add_css_class (at, "lw-invalid");
              set_subtitle (at, escaped);
            }
        }
    }

  /* Input the draft never got: an empty or repeated domain. */
  g_hash_table_iter_init (&iter, self->local);
  while (g_hash_table_iter_next (&iter, &row, &message))
    {
      g_autofree char *escaped = g_markup_escape_text (message, -1);

      for (GtkWidget *at = row; at != NULL; at = gtk_widget_get_ancestor (gtk_widget_get_parent (at),
                                                                          ADW_TYPE_EXPANDER_ROW))
        if (!gtk_widget_has_css_class (at, "lw-invalid"))
          {
            gtk_widget_add_css_class (at, "lw-invalid");
            set_subtitle (at, escaped);
          }
    }
  self->showing = FALSE;
}

void
lw_scenario_editor_reveal (LwScenarioEditor *self,
                           const char       *path)
{
  GtkWidget *row;

  g_return_if_fail (LW_IS_SCENARIO_EDITOR (self));
  g_return_if_fail (path != NULL);

  /* Rows inside an expander not opened yet are built first. */
  row = lw_scenario_editor_find_row (self, path);
  while (row != NULL && ADW_IS_EXPANDER_ROW (row) && fill_expander (self, row))
    row = lw_scenario_editor_find_row (self, path);
  if (row == NULL)
    return;
  for (GtkWidget *at = gtk_widget_get_ancestor (gtk_widget_get_parent (row), ADW_TYPE_EXPANDER_ROW);
       at != NULL; at = gtk_widget_get_ancestor (gtk_widget_get_parent (at), ADW_TYPE_EXPANDER_ROW))
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (at), TRUE);
  if (ADW_IS_EXPANDER_ROW (row))
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  gtk_widget_grab_focus (row);
}

/* ---- building --------------------------------------------------------------------------------- */

static void
edited (LwScenarioEditor *self)
{
  lw_sim_context_draft_changed (self->context);
  update_labels (self);
}

static void
build (LwScenarioEditor *self)
{
  LwScenario *draft = lw_sim_context_get_draft (self->context);
  g_autoptr(GPtrArray) expanded = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer path, row;
  GtkWidget *child;

  /* What is open stays open. */
  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, &path, &row))
    if (ADW_IS_EXPANDER_ROW (row) && adw_expander_row_get_expanded (row))
      g_ptr_array_add (expanded, g_strdup (path));

  self->building = TRUE;
  g_hash_table_remove_all (self->rows);
  g_ptr_array_set_size (self->entry_rows, 0);
  g_ptr_array_set_size (self->mix_rows, 0);
  g_ptr_array_set_size (self->people, 0);
  g_ptr_array_set_size (self->rhythms, 0);
  g_ptr_array_set_size (self->summaries, 0);
  g_ptr_array_set_size (self->numbers, 0);
  g_ptr_array_set_size (self->branch_rows, 0);
  g_ptr_array_set_size (self->list_rows, 0);
  g_ptr_array_set_size (self->band_rows, 0);
  g_ptr_array_set_size (self->name_rows, 0);
  g_hash_table_remove_all (self->local);
  self->leads_spin = self->seed_spin = NULL;
  self->speed_curve = self->speed_row = self->half_life_row = self->email_row = NULL;
  self->arrival_row = NULL;
  while ((child = gtk_widget_get_first_child (self->box)) != NULL)
    gtk_box_remove (GTK_BOX (self->box), child);

  if (draft != NULL)
    {
      build_volume (self, draft);
      build_entry_points (self, draft);
      build_mixes (self, draft);
      build_email (self, draft);
      build_activities (self, draft);
      build_arrival (self, draft);
      build_reps (self, draft);
      build_conversion (self, draft);
    }
  self->building = FALSE;

  /* Opening one may build the rows inside it: again until none opens. */
  for (gboolean opened = TRUE; opened;)
    {
      opened = FALSE;
      for (guint i = 0; i < expanded->len; i++)
        {
          row = g_hash_table_lookup (self->rows, g_ptr_array_index (expanded, i));
          if (row != NULL && ADW_IS_EXPANDER_ROW (row) && !adw_expander_row_get_expanded (row))
            {
              adw_expander_row_set_expanded (row, TRUE);
              opened = TRUE;
            }
        }
    }

  if (draft != NULL)
    {
      update_labels (self);
      show_problems (self);
    }
}

static void
settings_changed_cb (LwScenarioEditor *self)
{
  const LwSimSettings *settings = lw_sim_context_get_settings (self->context);

  if (self->seed_spin == NULL)
    return;
  self->building = TRUE;
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->seed_spin), (double) settings->seed);
  self->building = FALSE;
}

static void
workspace_changed_cb (LwScenarioEditor *self)
{
  /* Rows name the rules' reps, teams, sources and options: build them
   * again when the rules change. */
  build (self);
}

/* ---- GObject ---------------------------------------------------------------------------------- */

static void
lw_scenario_editor_constructed (GObject *object)
{
  LwScenarioEditor *self = LW_SCENARIO_EDITOR (object);

  G_OBJECT_CLASS (lw_scenario_editor_parent_class)->constructed (object);

  self->context = g_object_ref (lw_sim_context_get (self->workspace));
  g_signal_connect_object (self->context, "draft-replaced", G_CALLBACK (build), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "problems-changed", G_CALLBACK (show_problems), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "changed", G_CALLBACK (settings_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->workspace, "changed", G_CALLBACK (workspace_changed_cb), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  build (self);
}

static void
lw_scenario_editor_dispose (GObject *object)
{
  LwScenarioEditor *self = LW_SCENARIO_EDITOR (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->context);
  g_clear_object (&self->workspace);

  G_OBJECT_CLASS (lw_scenario_editor_parent_class)->dispose (object);
}

static void
lw_scenario_editor_finalize (GObject *object)
{
  LwScenarioEditor *self = LW_SCENARIO_EDITOR (object);

  g_hash_table_unref (self->rows);
  g_ptr_array_unref (self->entry_rows);
  g_ptr_array_unref (self->mix_rows);
  g_ptr_array_unref (self->people);
  g_ptr_array_unref (self->rhythms);
  g_ptr_array_unref (self->summaries);
  g_ptr_array_unref (self->numbers);
  g_ptr_array_unref (self->branch_rows);
  g_ptr_array_unref (self->list_rows);
  g_ptr_array_unref (self->band_rows);
  g_ptr_array_unref (self->name_rows);
  g_hash_table_unref (self->local);

  G_OBJECT_CLASS (lw_scenario_editor_parent_class)->finalize (object);
}

static void
lw_scenario_editor_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  LwScenarioEditor *self = LW_SCENARIO_EDITOR (object);

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
lw_scenario_editor_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  LwScenarioEditor *self = LW_SCENARIO_EDITOR (object);

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
lw_scenario_editor_class_init (LwScenarioEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = lw_scenario_editor_constructed;
  object_class->dispose = lw_scenario_editor_dispose;
  object_class->finalize = lw_scenario_editor_finalize;
  object_class->set_property = lw_scenario_editor_set_property;
  object_class->get_property = lw_scenario_editor_get_property;

  properties[PROP_WORKSPACE] =
    g_param_spec_object ("workspace", NULL, NULL, LW_TYPE_WORKSPACE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "lw-scenario-editor");
}

static void
lw_scenario_editor_init (LwScenarioEditor *self)
{
  self->rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->entry_rows = g_ptr_array_new ();
  self->mix_rows = g_ptr_array_new ();
  self->people = g_ptr_array_new_with_free_func ((GDestroyNotify) person_free);
  self->rhythms = g_ptr_array_new_with_free_func (g_free);
  self->summaries = g_ptr_array_new_with_free_func (g_free);
  self->numbers = g_ptr_array_new_with_free_func ((GDestroyNotify) number_free);
  self->branch_rows = g_ptr_array_new ();
  self->list_rows = g_ptr_array_new ();
  self->band_rows = g_ptr_array_new ();
  self->name_rows = g_ptr_array_new ();
  self->local = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
}

GtkWidget *
lw_scenario_editor_new (LwWorkspace *workspace)
{
  g_return_val_if_fail (LW_IS_WORKSPACE (workspace), NULL);

  return g_object_new (LW_TYPE_SCENARIO_EDITOR, "workspace", workspace, NULL);
}
