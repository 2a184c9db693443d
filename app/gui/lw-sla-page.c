/* lw-sla-page.c: the SLA editor
 *
 * The ordered policy list (the first policy whose condition matches a lead
 * applies), each policy with its condition, first-touch deadline on the
 * owner's business hours or on calendar time, a warning before it, an
 * escalation ladder, the statuses that pause the clock and the tag a breach
 * leaves for reports.
 *
 * Every edit takes a copy of the rule set from the workspace, changes it and
 * hands it back. Edits of a value update the rows' titles and marks in
 * place, so the widget being edited keeps its focus; edits that add, remove
 * or move something, and anything else (undo, redo, an import), rebuild the
 * rows.
 *
 * The text that sums up a policy, the durations and the clock, and the
 * escalation ladder are in lw-sla-page-*.c beside this file
 * (lw-sla-page-private.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "lw-condition-editor.h"
#include "lw-editor-utils.h"
#include "lw-page.h"
#include "lw-sla-page-private.h"

static void lw_sla_page_page_init (LwPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LwSlaPage, lw_sla_page, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (LW_TYPE_PAGE, lw_sla_page_page_init))

enum {
  PROP_0,
  PROP_WORKSPACE,
  N_PROPS
};

static void rebuild            (LwSlaPage      *self);
static void policy_expanded_cb (AdwExpanderRow *row,
                                GParamSpec     *pspec,
                                LwSlaPage      *self);

/* ---- focus ----------------------------------------------------------------------------- */

/* Focuses @widget now, and again once the rows that open to show it have
 * opened, so that the page scrolls to where it ends up. */
static void
child_revealed_cb (GtkRevealer *revealer,
                   GParamSpec  *pspec,
                   GtkWidget   *widget)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *content;
  graphene_rect_t bounds;

  if (!gtk_revealer_get_child_revealed (revealer))
    return;
  g_signal_handlers_disconnect_by_func (revealer, child_revealed_cb, widget);

  /* The focus is already there: scroll by hand. */
  content = scrolled != NULL ? gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled)) : NULL;
  if (content != NULL && GTK_IS_VIEWPORT (content))
    content = gtk_viewport_get_child (GTK_VIEWPORT (content));
  if (content != NULL && gtk_widget_compute_bounds (widget, content, &bounds))
    gtk_adjustment_clamp_page (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled)),
                               bounds.origin.y - 12, bounds.origin.y + bounds.size.height + 12);
  gtk_widget_grab_focus (widget);
}

static void
focus_when_shown (GtkWidget *widget)
{
  GtkWidget *opening = NULL;

  for (GtkWidget *w = gtk_widget_get_parent (widget); w != NULL; w = gtk_widget_get_parent (w))
    if (GTK_IS_REVEALER (w) && gtk_revealer_get_reveal_child (GTK_REVEALER (w)) &&
        !gtk_revealer_get_child_revealed (GTK_REVEALER (w)))
      opening = w;

  gtk_widget_grab_focus (widget);
  if (opening != NULL)
    g_signal_connect_object (opening, "notify::child-revealed", G_CALLBACK (child_revealed_cb), widget, 0);
}

/* ---- applying edits ------------------------------------------------------------------- */

/* Sets the subtitle of @row, unless a mark shows a message there: then the
 * mark puts it back when it clears. */
static void
set_subtitle (AdwPreferencesRow *row,
              const char        *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  g_object_set_data_full (G_OBJECT (row), "lw-original-subtitle", g_strdup (escaped), g_free);
  if (g_object_get_data (G_OBJECT (row), "lw-marked-subtitle"))
    return;
  if (ADW_IS_EXPANDER_ROW (row))
    adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), escaped);
  else
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
}

static void
mark_at (LwSlaPage         *self,
         AdwPreferencesRow *row,
         guint              index,
         const char        *member)
{
  g_autofree char *path = g_strdup_printf ("$.slas[%u]%s", index, member);

  lw_editor_mark_row (row, self->workspace, path, TRUE);
}

static void
update_marks (LwSlaPage *self)
{
  const LwConfig *config = lw_workspace_get_config (self->workspace);

  for (guint i = 0; i < self->policy_rows->len && i < config->policies->len; i++)
    {
      AdwPreferencesRow *row = g_ptr_array_index (self->policy_rows, i);
      const LwSlaPolicy *policy = g_ptr_array_index (config->policies, i);
      GPtrArray *step_rows = g_object_get_data (G_OBJECT (row), "lw-step-rows");
      AdwPreferencesRow *pause_row = g_object_get_data (G_OBJECT (row), "lw-pause-row");
      g_autofree char *title = g_markup_escape_text (policy->label ? policy->label : policy->id, -1);
      g_autofree char *summary = _lw_sla_page_describe_policy (config, policy);
      g_autofree char *pause = _lw_sla_page_describe_pause (config, policy);

      adw_preferences_row_set_title (row, title);
      set_subtitle (row, summary);
      mark_at (self, row, i, "");
      if (step_rows == NULL)
        continue;

      set_subtitle (pause_row, pause);
      mark_at (self, g_object_get_data (G_OBJECT (row), "lw-deadline-row"), i, ".deadlineMinutes");
      mark_at (self, g_object_get_data (G_OBJECT (row), "lw-warning-row"), i, ".warnBeforeMinutes");
      mark_at (self, pause_row, i, ".pauseStatuses");
      for (guint j = 0; j < step_rows->len; j++)
        {
          g_autofree char *member = g_strdup_printf (".escalations[%u]", j);

          mark_at (self, g_ptr_array_index (step_rows, j), i, member);
        }
    }
}

/* Hands @config to the workspace. Structural edits rebuild the rows; the
 * others only refresh titles and marks. */
void
_lw_sla_page_apply (LwSlaPage  *self,
                    LwConfig   *config,
                    const char *description,
                    gboolean    structural)
{
  self->applying = TRUE;
  lw_workspace_apply (self->workspace, config, description);
  self->applying = FALSE;

  if (structural)
    rebuild (self);
  else
    update_marks (self);
}

static void
label_applied_cb (AdwEntryRow *entry,
                  LwSlaPage   *self)
{
  g_autoptr(LwConfig) config = lw_workspace_dup_config (self->workspace);
  LwSlaPolicy *policy = policy_at (config, row_index (entry));
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  if (g_strcmp0 (policy->label, text) == 0)
    return;
  g_free (policy->label);
  policy->label = g_strdup (text);
  _lw_sla_page_apply (self, g_steal_pointer (&config), _("Rename SLA policy"), FALSE);
}

static void
condition_changed_cb (LwConditionEditor *editor,
                      LwSlaPage         *self)
{
  g_autoptr(LwConfig) config = lw_workspace_dup_config (self->workspace);
  LwSlaPolicy *policy = policy_at (config, row_index (editor));

  lw_condition_free (policy->when);
  policy->when = lw_condition_editor_dup_condition (editor);
  _lw_sla_page_apply (self, g_steal_pointer (&config), _("Edit SLA condition"), FALSE);
}

static void
pause_toggled_cb (GtkCheckButton *check,
                  LwSlaPage      *self)
{
  g_autoptr(LwConfig) config = NULL;
  LwSlaPolicy *policy;
  const char *status = g_object_get_data (G_OBJECT (check), "lw-status");
  gboolean active = gtk_check_button_get_active (check);
  guint at;

  if (self->building)
    return;

  config = lw_workspace_dup_config (self->workspace);
  policy = policy_at (config, row_index (check));
  if (g_ptr_array_find_with_equal_func (policy->pause_statuses, status, g_str_equal, &at) == active)
    return;
  if (active)
    g_ptr_array_add (policy->pause_statuses, g_strdup (status));
  else
    g_ptr_array_remove_index (policy->pause_statuses, at);
  _lw_sla_page_apply (self, g_steal_pointer (&config), _("Change pause statuses"), FALSE);
}

static void
breach_tag_applied_cb (AdwEntryRow *entry,
                       LwSlaPage   *self)
{
  g_autoptr(LwConfig) config = lw_workspace_dup_config (self->workspace);
  LwSlaPolicy *policy = policy_at (config, row_index (entry));
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));

  if (g_strcmp0 (policy->breach_tag ? policy->breach_tag : "", text) == 0)
    return;
  g_free (policy->breach_tag);
  policy->breach_tag = *text != '\0' ? g_steal_pointer (&text) : NULL;
  _lw_sla_page_apply (self, g_steal_pointer (&config), _("Change breach tag"), FALSE);
}

static void
move_policy (LwSlaPage *self,
             guint      index,
             int        delta)
{
  g_autoptr(LwConfig) config = lw_workspace_dup_config (self->workspace);
  guint to = index + delta;
  gpointer policy;
  GtkWidget *row;

  if ((delta < 0 && index == 0) || to >= config->policies->len)
    return;
  policy = g_ptr_array_steal_index (config->policies, index);
  g_ptr_array_insert (config->policies, to, policy);
  _lw_sla_page_apply (self, g_steal_pointer (&config), _("Move SLA policy"), TRUE);

  /* Keep the keyboard on the policy that moved. */
  row = g_ptr_array_index (self->policy_rows, to);
  gtk_widget_grab_focus (g_object_get_data (G_OBJECT (row),
                                            delta < 0 && to > 0 ? "lw-up" :
                                            delta > 0 && to + 1 < self->policy_rows->len ? "lw-down" :
                                            "lw-remove"));
}

static void
move_up_clicked_cb (GtkButton *button,
                    LwSlaPage *self)
{
  move_policy (self, row_index (button), -1);
}

static void
move_down_clicked_cb (GtkButton *button,
                      LwSlaPage *self)
{
  move_policy (self, row_index (button), +1);
}

static void
remove_clicked_cb (GtkButton *button,
                   LwSlaPage *self)
{
  g_autoptr(LwConfig) config = lw_workspace_dup_config (self->workspace);

  g_ptr_array_remove_index (config->policies, row_index (button));
  _lw_sla_page_apply (self, g_steal_pointer (&config), _("Remove SLA policy"), TRUE);
}

static char *
unique_policy_id (const LwConfig *config)
{
  for (guint n = config->policies->len + 1;; n++)
    {
      g_autofree char *id = g_strdup_printf ("policy-%u", n);
      gboolean taken = FALSE;

      for (guint i = 0; i < config->policies->len; i++)
        taken |= g_strcmp0 (((LwSlaPolicy *) g_ptr_array_index (config->policies, i))->id, id) == 0;
      if (!taken)
        return g_steal_pointer (&id);
    }
}

static void
add_policy_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  LwSlaPage *self = LW_SLA_PAGE (widget);
  g_autoptr(LwConfig) config = lw_workspace_dup_config (self->workspace);
  g_autofree char *id = unique_policy_id (config);
  LwSlaPolicy *policy = lw_sla_policy_new (id, _("New policy"), 60);
  LwEscalation escalation = { 120, LW_ESCALATE_NOTIFY_MANAGER, { NULL, NULL } };
  GtkWidget *row;

  policy->clock = LW_CLOCK_BUSINESS;
  policy->warn_before_minutes = 15;
  g_array_append_val (policy->escalations, escalation);
  g_ptr_array_add (config->policies, policy);
  _lw_sla_page_apply (self, g_steal_pointer (&config), _("Add SLA policy"), TRUE);

  /* Open the new policy at its name. */
  row = g_ptr_array_index (self->policy_rows, self->policy_rows->len - 1);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  focus_when_shown (g_object_get_data (G_OBJECT (row), "lw-label-row"));
}

/* ---- rows ------------------------------------------------------------------------------ */

static GtkWidget *
create_button_row (const char *mnemonic,
                   GCallback   callback,
                   LwSlaPage  *self,
                   guint       index,
                   GtkWidget **button_out)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *button = gtk_button_new ();
  GtkWidget *content = adw_button_content_new ();

  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), "list-add-symbolic");
  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), mnemonic);
  adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (content), TRUE);
  gtk_button_set_child (GTK_BUTTON (button), content);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  gtk_widget_set_margin_start (button, 6);
  gtk_widget_set_margin_top (button, 6);
  gtk_widget_set_margin_bottom (button, 6);
  set_indices (button, index, 0);
  g_signal_connect (button, "clicked", callback, self);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), button);
  *button_out = button;
  return row;
}

static GtkWidget *
create_pause_row (LwSlaPage         *self,
                  const LwConfig    *config,
                  const LwSlaPolicy *policy,
                  guint              index)
{
  GtkWidget *row = adw_expander_row_new ();
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autofree char *summary = _lw_sla_page_describe_pause (config, policy);
  g_autofree char *escaped = g_markup_escape_text (summary, -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Pause While"));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), escaped);

  /* Every status, then pause statuses that name none, so they can be taken out. */
  for (guint s = 0; s < config->statuses->len; s++)
    g_ptr_array_add (ids, ((LwStatus *) g_ptr_array_index (config->statuses, s))->id);
  for (guint j = 0; j < policy->pause_statuses->len; j++)
    if (lw_config_find_status (config, g_ptr_array_index (policy->pause_statuses, j)) == NULL)
      g_ptr_array_add (ids, g_ptr_array_index (policy->pause_statuses, j));

  for (guint s = 0; s < ids->len; s++)
    {
      const char *id = g_ptr_array_index (ids, s);
      const LwStatus *status = s < config->statuses->len ? g_ptr_array_index (config->statuses, s) : NULL;
      GtkWidget *status_row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      g_autofree char *title = g_markup_escape_text (status != NULL ? status->label : id, -1);

      gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                   g_ptr_array_find_with_equal_func (policy->pause_statuses, id,
                                                                     g_str_equal, NULL));
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (status_row), title);
      if (status == NULL)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (status_row), _("Not a lead status"));
      adw_action_row_add_prefix (ADW_ACTION_ROW (status_row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (status_row), check);
      set_indices (check, index, 0);
      g_object_set_data_full (G_OBJECT (check), "lw-status", g_strdup (id), g_free);
      g_object_set_data (G_OBJECT (status_row), "lw-check", check);
      g_signal_connect (check, "toggled", G_CALLBACK (pause_toggled_cb), self);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), status_row);
    }
  return row;
}

static GtkWidget *
create_policy_row (LwSlaPage         *self,
                   const LwConfig    *config,
                   const LwSlaPolicy *policy,
                   guint              index)
{
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *number = gtk_label_new (NULL);
  GtkWidget *up = lw_editor_icon_button ("go-up-symbolic", _("Move Up"));
  GtkWidget *down = lw_editor_icon_button ("go-down-symbolic", _("Move Down"));
  GtkWidget *remove = lw_editor_icon_button ("user-trash-symbolic", _("Remove Policy"));
  g_autofree char *number_text = g_strdup_printf ("%u", index + 1);

  gtk_label_set_label (GTK_LABEL (number), number_text);
  gtk_label_set_width_chars (GTK_LABEL (number), 2);
  gtk_widget_add_css_class (number, "rule-number");
  gtk_widget_add_css_class (number, "numeric");
  adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row), number);

  gtk_widget_set_sensitive (up, index > 0);
  gtk_widget_set_sensitive (down, index + 1 < config->policies->len);
  /* Actions are packed from the end: this shows up, down, remove. */
  for (GtkWidget **w = (GtkWidget *[]) { remove, down, up, NULL }; *w != NULL; w++)
    {
      set_indices (*w, index, 0);
      adw_expander_row_add_action (ADW_EXPANDER_ROW (row), *w);
    }
  g_signal_connect (up, "clicked", G_CALLBACK (move_up_clicked_cb), self);
  g_signal_connect (down, "clicked", G_CALLBACK (move_down_clicked_cb), self);
  g_signal_connect (remove, "clicked", G_CALLBACK (remove_clicked_cb), self);

  set_indices (row, index, 0);
  g_object_set_data_full (G_OBJECT (row), "lw-id", g_strdup (policy->id), g_free);
  g_object_set_data (G_OBJECT (row), "lw-up", up);
  g_object_set_data (G_OBJECT (row), "lw-down", down);
  g_object_set_data (G_OBJECT (row), "lw-remove", remove);
  g_signal_connect (row, "notify::expanded", G_CALLBACK (policy_expanded_cb), self);
  return row;
}

/* The rows inside a policy are made when it first opens. */
static void
fill_policy_row (LwSlaPage *self,
                 GtkWidget *row)
{
  const LwConfig *config = lw_workspace_get_config (self->workspace);
  guint index = row_index (row);
  const LwSlaPolicy *policy = g_ptr_array_index (config->policies, index);
  GtkWidget *label = adw_entry_row_new ();
  GtkWidget *condition_row = gtk_list_box_row_new ();
  GtkWidget *condition_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *when = gtk_label_new (_("Applies When"));
  GtkWidget *editor = lw_condition_editor_new ();
  GtkWidget *deadline = adw_action_row_new ();
  GtkWidget *clock = adw_combo_row_new ();
  GtkWidget *warning = adw_action_row_new ();
  GtkWidget *duration;
  GtkWidget *add_step_row;
  GtkWidget *add_step;
  GtkWidget *pause;
  GtkWidget *breach = adw_entry_row_new ();
  GtkStringList *clocks = gtk_string_list_new (NULL);
  GPtrArray *step_rows = g_ptr_array_new ();
  gboolean calendar = policy->clock == LW_CLOCK_CALENDAR;

  /* Name */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (label), _("Name"));
  gtk_editable_set_text (GTK_EDITABLE (label), policy->label ? policy->label : "");
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (label), TRUE);
  set_indices (label, index, 0);
  g_signal_connect (label, "apply", G_CALLBACK (label_applied_cb), self);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), label);

  /* Condition */
  gtk_label_set_xalign (GTK_LABEL (when), 0);
  gtk_widget_add_css_class (when, "heading");
  lw_condition_editor_set_config (LW_CONDITION_EDITOR (editor), (LwConfig *) config);
  lw_condition_editor_set_condition (LW_CONDITION_EDITOR (editor), policy->when);
  set_indices (editor, index, 0);
  g_signal_connect (editor, "changed", G_CALLBACK (condition_changed_cb), self);
  gtk_box_append (GTK_BOX (condition_box), when);
  gtk_box_append (GTK_BOX (condition_box), editor);
  gtk_widget_set_margin_start (condition_box, 12);
  gtk_widget_set_margin_end (condition_box, 12);
  gtk_widget_set_margin_top (condition_box, 12);
  gtk_widget_set_margin_bottom (condition_box, 12);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (condition_row), condition_box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (condition_row), FALSE);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), condition_row);

  /* Deadline, clock and warning */
  duration = _lw_sla_page_create_duration (self, index, FIELD_DEADLINE, 0, policy->deadline_minutes,
                                           calendar, 1, _("First-touch deadline"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (deadline), _("First-Touch Deadline"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (deadline), duration);
  g_object_set_data (G_OBJECT (deadline), "lw-duration", duration);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), deadline);

  gtk_string_list_append (clocks, _("Business hours"));
  gtk_string_list_append (clocks, _("Calendar time"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (clock), _("Clock"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (clock), _("Business hours are the owner’s working hours"));
  adw_combo_row_set_model (ADW_COMBO_ROW (clock), G_LIST_MODEL (clocks));
  g_object_unref (clocks);
  adw_combo_row_set_selected (ADW_COMBO_ROW (clock), calendar ? CLOCK_ROW_CALENDAR : CLOCK_ROW_BUSINESS);
  set_indices (clock, index, 0);
  g_signal_connect (clock, "notify::selected", G_CALLBACK (_lw_sla_page_clock_selected_cb), self);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), clock);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (warning), _("Warn Before"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (warning), _("0 for no warning"));
  duration = _lw_sla_page_create_duration (self, index, FIELD_WARNING, 0, policy->warn_before_minutes,
                                           calendar, 0, _("Warning before the deadline"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (warning), duration);
  g_object_set_data (G_OBJECT (warning), "lw-duration", duration);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), warning);

  /* Escalation ladder */
  for (guint j = 0; j < policy->escalations->len; j++)
    {
      GtkWidget *step_row = _lw_sla_page_create_step_row (self, config, policy, index, j);

      g_ptr_array_add (step_rows, step_row);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), step_row);
    }
  add_step_row = create_button_row (_("Add _Escalation Step"), G_CALLBACK (_lw_sla_page_add_step_clicked_cb),
                                    self, index, &add_step);
  gtk_widget_set_sensitive (add_step, policy->escalations->len < LW_SLA_MAX_ESCALATIONS);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), add_step_row);

  /* Pause statuses and breach tag */
  pause = create_pause_row (self, config, policy, index);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), pause);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (breach), _("Breach Tag"));
  gtk_editable_set_text (GTK_EDITABLE (breach), policy->breach_tag ? policy->breach_tag : "");
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (breach), TRUE);
  set_indices (breach, index, 0);
  g_signal_connect (breach, "apply", G_CALLBACK (breach_tag_applied_cb), self);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), breach);

  g_object_set_data (G_OBJECT (row), "lw-label-row", label);
  g_object_set_data (G_OBJECT (row), "lw-condition", editor);
  g_object_set_data (G_OBJECT (row), "lw-deadline-row", deadline);
  g_object_set_data (G_OBJECT (row), "lw-clock-row", clock);
  g_object_set_data (G_OBJECT (row), "lw-warning-row", warning);
  g_object_set_data (G_OBJECT (row), "lw-add-step", add_step);
  g_object_set_data (G_OBJECT (row), "lw-pause-row", pause);
  g_object_set_data (G_OBJECT (row), "lw-breach-row", breach);
  g_object_set_data_full (G_OBJECT (row), "lw-step-rows", step_rows, (GDestroyNotify) g_ptr_array_unref);
}

static void
policy_expanded_cb (AdwExpanderRow *row,
                    GParamSpec     *pspec,
                    LwSlaPage      *self)
{
  if (!adw_expander_row_get_expanded (row) || g_object_get_data (G_OBJECT (row), "lw-step-rows") != NULL)
    return;
  fill_policy_row (self, GTK_WIDGET (row));
  update_marks (self);
}

static void
rebuild (LwSlaPage *self)
{
  const LwConfig *config = lw_workspace_get_config (self->workspace);
  g_autoptr(GHashTable) expanded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  self->building = TRUE;

  /* Keep open what was open, by policy id: 1 the policy, 2 its pause statuses. */
  for (guint i = 0; i < self->policy_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->policy_rows, i);
      GtkWidget *pause = g_object_get_data (G_OBJECT (row), "lw-pause-row");
      guint open = adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)) |
                   (pause != NULL && adw_expander_row_get_expanded (ADW_EXPANDER_ROW (pause))) << 1;

      if (open != 0)
        g_hash_table_replace (expanded, g_strdup (g_object_get_data (G_OBJECT (row), "lw-id")),
                              GUINT_TO_POINTER (open));
      adw_preferences_group_remove (self->policies_group, row);
    }
  g_ptr_array_set_size (self->policy_rows, 0);

  for (guint i = 0; i < config->policies->len; i++)
    {
      const LwSlaPolicy *policy = g_ptr_array_index (config->policies, i);
      GtkWidget *row = create_policy_row (self, config, policy, i);
      guint open = GPOINTER_TO_UINT (g_hash_table_lookup (expanded, policy->id));

      adw_preferences_group_add (self->policies_group, row);
      g_ptr_array_add (self->policy_rows, row);
      if (open & 1)
        {
          adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
          adw_expander_row_set_expanded (g_object_get_data (G_OBJECT (row), "lw-pause-row"), (open & 2) != 0);
        }
    }
  gtk_widget_set_visible (self->empty_row, config->policies->len == 0);

  self->building = FALSE;

  update_marks (self);
}

/* ---- LwPage ---------------------------------------------------------------------------- */

static void
lw_sla_page_reveal (LwPage     *page,
                    const char *path)
{
  LwSlaPage *self = LW_SLA_PAGE (page);
  int index = lw_editor_path_index (path, "$.slas");
  g_autofree char *escalations = NULL;
  GPtrArray *step_rows;
  GtkWidget *row;
  GtkWidget *target = NULL;
  GtkWidget *duration;
  int step;
  static const struct
  {
    const char *member;
    const char *key;
  } members[] = {
    { ".deadlineMinutes", "lw-deadline-row" },
    { ".warnBeforeMinutes", "lw-warning-row" },
    { ".clock", "lw-clock-row" },
    { ".breachTag", "lw-breach-row" },
    { ".when", "lw-condition" },
    { ".pauseStatuses", "lw-pause-row" },
  };

  if (index < 0 || (guint) index >= self->policy_rows->len)
    return;

  /* Opening the policy makes its rows. */
  row = g_ptr_array_index (self->policy_rows, index);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  step_rows = g_object_get_data (G_OBJECT (row), "lw-step-rows");

  escalations = g_strdup_printf ("$.slas[%d].escalations", index);
  step = lw_editor_path_index (path, escalations);
  if (step >= 0 && (guint) step < step_rows->len)
    target = g_ptr_array_index (step_rows, step);
  for (guint m = 0; target == NULL && m < G_N_ELEMENTS (members); m++)
    {
      g_autofree char *prefix = g_strdup_printf ("$.slas[%d]%s", index, members[m].member);

      if (lw_editor_path_within (path, prefix))
        target = g_object_get_data (G_OBJECT (row), members[m].key);
    }

  if (target == NULL)
    target = row;
  else if (ADW_IS_EXPANDER_ROW (target))
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (target), TRUE);

  /* A deadline, a warning or a step: its number. */
  duration = g_object_get_data (G_OBJECT (target), "lw-duration");
  if (duration != NULL)
    target = g_object_get_data (G_OBJECT (duration), "lw-spin");
  focus_when_shown (target);
}

static void
lw_sla_page_page_init (LwPageInterface *iface)
{
  iface->reveal = lw_sla_page_reveal;
}

/* ---- GObject --------------------------------------------------------------------------- */

static void
workspace_changed_cb (LwSlaPage *self)
{
  if (self->applying)
    return;
  rebuild (self);
}

static void
lw_sla_page_constructed (GObject *object)
{
  LwSlaPage *self = LW_SLA_PAGE (object);

  G_OBJECT_CLASS (lw_sla_page_parent_class)->constructed (object);

  g_signal_connect_object (self->workspace, "changed", G_CALLBACK (workspace_changed_cb), self,
                           G_CONNECT_SWAPPED);
  rebuild (self);
}

static void
lw_sla_page_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  LwSlaPage *self = LW_SLA_PAGE (object);

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
lw_sla_page_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  LwSlaPage *self = LW_SLA_PAGE (object);

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
lw_sla_page_dispose (GObject *object)
{
  LwSlaPage *self = LW_SLA_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), LW_TYPE_SLA_PAGE);
  g_clear_pointer (&self->policy_rows, g_ptr_array_unref);
  g_clear_object (&self->workspace);

  G_OBJECT_CLASS (lw_sla_page_parent_class)->dispose (object);
}

static void
lw_sla_page_class_init (LwSlaPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = lw_sla_page_constructed;
  object_class->dispose = lw_sla_page_dispose;
  object_class->set_property = lw_sla_page_set_property;
  object_class->get_property = lw_sla_page_get_property;

  g_object_class_override_property (object_class, PROP_WORKSPACE, "workspace");

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/leadwright/Leadwright/lw-sla-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LwSlaPage, preferences_page);
  gtk_widget_class_bind_template_child (widget_class, LwSlaPage, policies_group);
  gtk_widget_class_bind_template_child (widget_class, LwSlaPage, empty_row);

  gtk_widget_class_install_action (widget_class, "slas.add-policy", NULL, add_policy_action);
}

static void
lw_sla_page_init (LwSlaPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->policy_rows = g_ptr_array_new ();
}

GtkWidget *
lw_sla_page_new (LwWorkspace *workspace)
{
  g_return_val_if_fail (LW_IS_WORKSPACE (workspace), NULL);

  return g_object_new (LW_TYPE_SLA_PAGE, "workspace", workspace, NULL);
}
