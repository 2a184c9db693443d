/* lw-preferences-window.c: the application's preferences
 *
 * Every row is bound to a GSettings key: a change applies at once. The
 * Alerts page lists the reps and teams of the open workspace's rules; the
 * application turns its keys into the engine's alert settings with
 * lw_preferences_dup_alert_settings().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>

#include <glib/gi18n.h>

#include "lw-preferences-window.h"

struct _LwPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* template widgets */
  AdwComboRow          *style_row;
  GtkSwitch            *open_last_switch;
  AdwComboRow          *user_row;
  GtkSwitch            *all_teams_switch;
  AdwPreferencesGroup  *teams_group;
  GtkSwitch            *warning_switch;
  GtkSwitch            *breach_switch;
  GtkSwitch            *escalation_switch;
  GtkSwitch            *reassignment_switch;
  GtkSwitch            *quiet_switch;
  GtkWidget            *quiet_start_row;
  GtkWidget            *quiet_end_row;
  GtkSpinButton        *quiet_start_spin;
  GtkSpinButton        *quiet_end_spin;
  GtkSwitch            *background_switch;
  GtkSwitch            *sound_switch;

  /* owned */
  GSettings            *settings;
  LwConfig             *config;       /* may be NULL */
  GPtrArray            *user_ids;     /* rep id per user row item; NULL first */
  GPtrArray            *team_checks;  /* GtkCheckButton per team, with "lw-team" */
  gboolean              updating;
};

G_DEFINE_FINAL_TYPE (LwPreferencesWindow, lw_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* The color-scheme key's values, in the order of the style row. */
static const char * const schemes[] = { "default", "light", "dark" };

static gboolean
scheme_to_selected (GValue   *value,
                    GVariant *variant,
                    gpointer  user_data)
{
  const char *scheme = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (schemes); i++)
    if (g_strcmp0 (scheme, schemes[i]) == 0)
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  g_value_set_uint (value, 0);
  return TRUE;
}

static GVariant *
selected_to_scheme (const GValue       *value,
                    const GVariantType *expected_type,
                    gpointer            user_data)
{
  guint selected = g_value_get_uint (value);

  if (selected >= G_N_ELEMENTS (schemes))
    return NULL;
  return g_variant_new_string (schemes[selected]);
}

/* ---- alert settings ------------------------------------------------------------ */

LwAlertSettings *
lw_preferences_dup_alert_settings (GSettings      *settings,
                                   const LwConfig *config)
{
  g_autoptr(LwAlertSettings) alert = NULL;
  g_autofree char *user = NULL;
  g_auto(GStrv) kinds = NULL;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  alert = lw_alert_settings_new ();

  user = g_settings_get_string (settings, "alerts-user");
  if (*user != '\0' && (config == NULL || lw_config_find_rep (config, user) != NULL))
    alert->user = g_steal_pointer (&user);

  g_clear_pointer (&alert->teams, g_strfreev);
  if (!g_settings_get_boolean (settings, "alerts-all-teams"))
    {
      g_auto(GStrv) teams = g_settings_get_strv (settings, "alerts-teams");
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

      for (guint i = 0; teams[i] != NULL; i++)
        if (config == NULL || lw_config_find_team (config, teams[i]) != NULL)
          g_strv_builder_add (builder, teams[i]);
      alert->teams = g_strv_builder_end (builder);
    }

  alert->kinds = 0;
  kinds = g_settings_get_strv (settings, "alerts-kinds");
  for (guint i = 0; kinds[i] != NULL; i++)
    {
      LwAlertKind kind;

      if (lw_alert_kind_from_string (kinds[i], &kind) && kind != LW_ALERT_SUMMARY)
        alert->kinds |= 1u << kind;
    }

  alert->quiet_start = alert->quiet_end = -1;
  if (g_settings_get_boolean (settings, "alerts-quiet-hours"))
    {
      int start = g_settings_get_int (settings, "alerts-quiet-start");
      int end = g_settings_get_int (settings, "alerts-quiet-end");

      if (start != end)
        {
          alert->quiet_start = start;
          alert->quiet_end = end;
        }
    }
  alert->sound = g_settings_get_boolean (settings, "alerts-sound");
  return g_steal_pointer (&alert);
}

/* ---- who receives ----------------------------------------------------------------- */

static void
update_team_checks (LwPreferencesWindow *self)
{
  g_auto(GStrv) teams = g_settings_get_strv (self->settings, "alerts-teams");
  gboolean all = g_settings_get_boolean (self->settings, "alerts-all-teams");

  self->updating = TRUE;
  for (guint i = 0; i < self->team_checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->team_checks, i);
      const char *id = g_object_get_data (G_OBJECT (check), "lw-team");

      gtk_check_button_set_active (check, all || g_strv_contains ((const char * const *) teams, id));
      gtk_widget_set_sensitive (gtk_widget_get_ancestor (GTK_WIDGET (check), ADW_TYPE_ACTION_ROW), !all);
    }
  self->updating = FALSE;
}

static void
team_toggled_cb (LwPreferencesWindow *self)
{
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) teams = NULL;

  if (self->updating)
    return;
  builder = g_strv_builder_new ();
  for (guint i = 0; i < self->team_checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->team_checks, i);

      if (gtk_check_button_get_active (check))
        g_strv_builder_add (builder, g_object_get_data (G_OBJECT (check), "lw-team"));
    }
  teams = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "alerts-teams", (const char * const *) teams);
}

/* All Teams turned off with no team chosen would show nothing: every team
 * is chosen, to be unticked one by one. */
static void
all_teams_changed_cb (LwPreferencesWindow *self)
{
  g_auto(GStrv) teams = g_settings_get_strv (self->settings, "alerts-teams");
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) all = NULL;

  if (g_settings_get_boolean (self->settings, "alerts-all-teams") || teams[0] != NULL ||
      self->config == NULL || self->config->teams->len == 0)
    return;
  builder = g_strv_builder_new ();
  for (guint i = 0; i < self->config->teams->len; i++)
    g_strv_builder_add (builder, ((const LwTeam *) g_ptr_array_index (self->config->teams, i))->id);
  all = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "alerts-teams", (const char * const *) all);
}

static void
update_user_row (LwPreferencesWindow *self)
{
  g_autofree char *user = g_settings_get_string (self->settings, "alerts-user");
  guint selected = 0;

  for (guint i = 1; i < self->user_ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->user_ids, i), user) == 0)
      selected = i;
  self->updating = TRUE;
  adw_combo_row_set_selected (self->user_row, selected);
  self->updating = FALSE;
}

/* Choosing yourself as the manager of teams chooses those teams. */
static void
user_selected_cb (LwPreferencesWindow *self)
{
  guint selected = adw_combo_row_get_selected (self->user_row);
  const char *id;
  g_auto(GStrv) managed = NULL;

  if (self->updating || selected >= self->user_ids->len)
    return;
  id = g_ptr_array_index (self->user_ids, selected);
  g_settings_set_string (self->settings, "alerts-user", id != NULL ? id : "");
  if (id == NULL || self->config == NULL)
    return;
  managed = lw_alert_settings_dup_managed_teams (self->config, id);
  if (managed[0] != NULL)
    {
      g_settings_delay (self->settings);
      g_settings_set_strv (self->settings, "alerts-teams", (const char * const *) managed);
      g_settings_set_boolean (self->settings, "alerts-all-teams", FALSE);
      g_settings_apply (self->settings);
    }
}

static void
build_recipients (LwPreferencesWindow *self)
{
  g_autoptr(GtkStringList) users = gtk_string_list_new (NULL);
  guint n_teams = self->config != NULL ? self->config->teams->len : 0;

  g_ptr_array_add (self->user_ids, NULL);
  gtk_string_list_append (users, _("Not on the Team"));
  for (guint i = 0; self->config != NULL && i < self->config->reps->len; i++)
    {
      const LwRep *rep = g_ptr_array_index (self->config->reps, i);

      g_ptr_array_add (self->user_ids, g_strdup (rep->id));
      gtk_string_list_append (users, rep->name != NULL ? rep->name : rep->id);
    }
  adw_combo_row_set_model (self->user_row, G_LIST_MODEL (users));
  gtk_widget_set_sensitive (GTK_WIDGET (self->user_row), self->user_ids->len > 1);

  for (guint i = 0; i < n_teams; i++)
    {
      const LwTeam *team = g_ptr_array_index (self->config->teams, i);
      const LwRep *manager = team->manager != NULL ? lw_config_find_rep (self->config, team->manager) : NULL;
      g_autofree char *title = g_markup_escape_text (team->label != NULL ? team->label : team->id, -1);
      g_autofree char *subtitle = NULL;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      if (manager != NULL)
        /* translators: %s is a rep's name */
        subtitle = g_markup_printf_escaped (_("Managed by %s"), manager->name);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      if (subtitle != NULL)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      team->label != NULL ? team->label : team->id, -1);
      g_object_set_data_full (G_OBJECT (check), "lw-team", g_strdup (team->id), g_free);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      adw_preferences_group_add (self->teams_group, row);
      g_ptr_array_add (self->team_checks, check);
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (team_toggled_cb), self);
    }

  if (n_teams == 0)
    adw_preferences_group_set_description (self->teams_group,
                                           self->config != NULL ? _("The rules have no teams")
                                                                : _("Open a workspace to choose among its teams"));
  else
    adw_preferences_group_set_description (self->teams_group,
                                           _("Shown when All Teams is off"));
}

/* ---- kinds ---------------------------------------------------------------------------- */

static GtkSwitch *
kind_switch (LwPreferencesWindow *self,
             LwAlertKind          kind)
{
  switch (kind)
    {
    case LW_ALERT_WARNING: return self->warning_switch;
    case LW_ALERT_BREACH: return self->breach_switch;
    case LW_ALERT_ESCALATION: return self->escalation_switch;
    case LW_ALERT_REASSIGNMENT: return self->reassignment_switch;
    case LW_ALERT_SUMMARY:
    case LW_N_ALERT_KINDS:
    default: return NULL;
    }
}

static void
update_kinds (LwPreferencesWindow *self)
{
  g_auto(GStrv) kinds = g_settings_get_strv (self->settings, "alerts-kinds");

  self->updating = TRUE;
  for (LwAlertKind kind = LW_ALERT_WARNING; kind <= LW_ALERT_REASSIGNMENT; kind++)
    gtk_switch_set_active (kind_switch (self, kind),
                           g_strv_contains ((const char * const *) kinds, lw_alert_kind_to_string (kind)));
  self->updating = FALSE;
}

static void
kind_switched_cb (LwPreferencesWindow *self)
{
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) kinds = NULL;

  if (self->updating)
    return;
  builder = g_strv_builder_new ();
  for (LwAlertKind kind = LW_ALERT_WARNING; kind <= LW_ALERT_REASSIGNMENT; kind++)
    if (gtk_switch_get_active (kind_switch (self, kind)))
      g_strv_builder_add (builder, lw_alert_kind_to_string (kind));
  kinds = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "alerts-kinds", (const char * const *) kinds);
}

/* ---- quiet hours ------------------------------------------------------------------------ */

/* The spin buttons hold minutes after midnight and read as "22:00". */
static gboolean
time_output_cb (GtkSpinButton *spin)
{
  int minutes = (int) gtk_adjustment_get_value (gtk_spin_button_get_adjustment (spin));
  g_autofree char *text = g_strdup_printf ("%02d:%02d", minutes / 60, minutes % 60);

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (spin)), text) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

static int
time_input_cb (GtkSpinButton *spin,
               double        *value)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (spin));
  char *end = NULL;
  long hours, minutes = 0;

  hours = strtol (text, &end, 10);
  if (end == text)
    return GTK_INPUT_ERROR;
  if (*end == ':' || *end == '.' || *end == 'h')
    {
      const char *start = end + 1;

      minutes = strtol (start, &end, 10);
      if (end == start)
        minutes = 0;
    }
  while (g_ascii_isspace (*end))
    end++;
  if (*end != '\0' || hours < 0 || hours > 23 || minutes < 0 || minutes > 59)
    return GTK_INPUT_ERROR;
  *value = (double) (hours * 60 + minutes);
  return TRUE;
}

/* ---- GObject ------------------------------------------------------------------------------ */

static void
lw_preferences_window_dispose (GObject *object)
{
  LwPreferencesWindow *self = LW_PREFERENCES_WINDOW (object);

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), LW_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->config, lw_config_unref);

  G_OBJECT_CLASS (lw_preferences_window_parent_class)->dispose (object);
}

static void
lw_preferences_window_finalize (GObject *object)
{
  LwPreferencesWindow *self = LW_PREFERENCES_WINDOW (object);

  g_ptr_array_unref (self->user_ids);
  g_ptr_array_unref (self->team_checks);

  G_OBJECT_CLASS (lw_preferences_window_parent_class)->finalize (object);
}

static void
lw_preferences_window_class_init (LwPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lw_preferences_window_dispose;
  object_class->finalize = lw_preferences_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/leadwright/Leadwright/lw-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LwPreferencesWindow, style_row);
  gtk_widget_class_bind_template_child (widget_class, LwPreferencesWindow, open_last_switch);
  gtk_widget_class_bind_template_child (widget_class, LwPreferencesWindow, user_row);
  gtk_widget_class_bind_template_child (widget_class, LwPreferencesWindow, all_teams_switch);
  gtk_widget_class_bind_template_child (widget_class, LwPreferencesWindow, teams_group);
  gtk_widget_class_bind_template_child (widget_class, LwPreferencesWindow, warning_switch);
  gtk_widget_class_bind_template_child (widget_class, LwPreferencesWindow, breach_switch);
  gtk_widget_class_bind_template_child (widget_class, LwPreferencesWindow, escalation_switch);
  gtk_widget_class_bind_template_child (widget_class, LwPreferencesWindow, reassignment_switch);
  gtk_widget_class_bind_template_child (widget_class, LwPreferencesWindow, quiet_switch);
  gtk_widget_class_bind_template_child (widget_class, LwPreferencesWindow, quiet_start_row);
  gtk_widget_class_bind_template_child (widget_class, LwPreferencesWindow, quiet_end_row);
  gtk_widget_class_bind_template_child (widget_class, LwPreferencesWindow, quiet_start_spin);
  gtk_widget_class_bind_template_child (widget_class, LwPreferencesWindow, quiet_end_spin);
  gtk_widget_class_bind_template_child (widget_class, LwPreferencesWindow, background_switch);
  gtk_widget_class_bind_template_child (widget_class, LwPreferencesWindow, sound_switch);
}

static void
lw_preferences_window_init (LwPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->user_ids = g_ptr_array_new_with_free_func (g_free);
  self->team_checks = g_ptr_array_new ();
  g_signal_connect (self->quiet_start_spin, "output", G_CALLBACK (time_output_cb), NULL);
  g_signal_connect (self->quiet_start_spin, "input", G_CALLBACK (time_input_cb), NULL);
  g_signal_connect (self->quiet_end_spin, "output", G_CALLBACK (time_output_cb), NULL);
  g_signal_connect (self->quiet_end_spin, "input", G_CALLBACK (time_input_cb), NULL);
}

GtkWidget *
lw_preferences_window_new (GtkWindow      *parent,
                           GSettings      *settings,
                           const LwConfig *config)
{
  LwPreferencesWindow *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (LW_TYPE_PREFERENCES_WINDOW, "transient-for", parent, NULL);
  self->settings = g_object_ref (settings);
  self->config = config != NULL ? lw_config_ref ((LwConfig *) config) : NULL;
  g_settings_bind_with_mapping (settings, "color-scheme", self->style_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                scheme_to_selected, selected_to_scheme, NULL, NULL);
  g_settings_bind (settings, "open-last-workspace", self->open_last_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);

  build_recipients (self);
  update_user_row (self);
  update_team_checks (self);
  update_kinds (self);
  g_settings_bind (settings, "alerts-all-teams", self->all_teams_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "alerts-quiet-hours", self->quiet_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "alerts-quiet-hours", self->quiet_start_row, "sensitive", G_SETTINGS_BIND_GET);
  g_settings_bind (settings, "alerts-quiet-hours", self->quiet_end_row, "sensitive", G_SETTINGS_BIND_GET);
  g_settings_bind (settings, "alerts-quiet-start", gtk_spin_button_get_adjustment (self->quiet_start_spin),
                   "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "alerts-quiet-end", gtk_spin_button_get_adjustment (self->quiet_end_spin),
                   "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "run-in-background", self->background_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "alerts-sound", self->sound_switch, "active", G_SETTINGS_BIND_DEFAULT);

  g_signal_connect_swapped (settings, "changed::alerts-user", G_CALLBACK (update_user_row), self);
  g_signal_connect_swapped (settings, "changed::alerts-teams", G_CALLBACK (update_team_checks), self);
  g_signal_connect_swapped (settings, "changed::alerts-all-teams", G_CALLBACK (all_teams_changed_cb), self);
  g_signal_connect_swapped (settings, "changed::alerts-all-teams", G_CALLBACK (update_team_checks), self);
  g_signal_connect_swapped (settings, "changed::alerts-kinds", G_CALLBACK (update_kinds), self);
  g_signal_connect_swapped (self->user_row, "notify::selected", G_CALLBACK (user_selected_cb), self);
  for (LwAlertKind kind = LW_ALERT_WARNING; kind <= LW_ALERT_REASSIGNMENT; kind++)
    g_signal_connect_swapped (kind_switch (self, kind), "notify::active", G_CALLBACK (kind_switched_cb), self);
  return GTK_WIDGET (self);
}
