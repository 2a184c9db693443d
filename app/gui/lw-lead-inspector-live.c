/* lw-lead-inspector-live.c: the story of a live lead, and its touches
 *
 * A live lead's story (lw-live-view.h) is read on a worker thread at the
 * wall clock's now and told in rows; the Log Touch popover logs a touch
 * through the engine on a worker thread, then the story is read again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "lw-lead-inspector-private.h"
#include "lw-live-alerts.h"
#include "lw-live-view.h"

/* ---- a live lead --------------------------------------------------------------- */

/* A real lead's times read in this computer's time zone. */
static char *
format_local_time (LwTime t)
{
  g_autoptr(GDateTime) dt = NULL;

  if (t <= 0 || t == G_MAXINT64)
    return g_strdup ("—");
  dt = g_date_time_new_from_unix_local (t);
  if (dt == NULL)
    return g_strdup ("—");
  /* translators: a date and time, see g_date_time_format() */
  return g_date_time_format (dt, _("%Y-%m-%d %H:%M"));
}

static char *
format_minutes (gint64 seconds)
{
  gint64 minutes = (ABS (seconds) + 59) / 60;

  if (minutes < 60)
    /* translators: a duration in minutes */
    return g_strdup_printf (_("%d min"), (int) minutes);
  if (minutes < 24 * 60)
    /* translators: a duration in hours and minutes */
    return g_strdup_printf (_("%d h %02d min"), (int) (minutes / 60), (int) (minutes % 60));
  /* translators: a duration in days and hours */
  return g_strdup_printf (_("%d d %d h"), (int) (minutes / (24 * 60)), (int) (minutes % (24 * 60) / 60));
}

/* "Running, 12 min left" */
static char *
describe_clock (const LwLiveClock *clock)
{
  g_autofree char *span = format_minutes (clock->left);

  switch (clock->state)
    {
    case LW_LIVE_RUNNING:
      /* translators: %s is a duration ("12 min") */
      return g_strdup_printf (_("Running, %s left"), span);
    case LW_LIVE_PAUSED:
      /* translators: %s is a duration ("12 min") */
      return g_strdup_printf (_("Paused, %s left"), span);
    case LW_LIVE_OVERDUE:
      /* translators: %s is a duration ("12 min") */
      return g_strdup_printf (_("Overdue by %s"), span);
    case LW_LIVE_MET:
      return g_strdup (_("Met: touched in time"));
    case LW_LIVE_LATE:
      return g_strdup (_("Missed: touched after the deadline"));
    case LW_LIVE_NO_CLOCK:
    default:
      return g_strdup (_("No SLA clock"));
    }
}

static void
show_live_story (LwLeadInspector   *self,
                 const LwLiveStory *story)
{
  const LwLiveLead *lead = story->lead;
  const LwConfig *config = story->config;
  const LwRep *owner = lead->owner != NULL ? lw_config_find_rep (config, lead->owner) : NULL;
  g_autofree char *created = format_local_time (lead->created_at);
  g_autofree char *assigned = format_local_time (lead->assigned_at);
  g_autofree char *warn_at = format_local_time (story->clock.warned || story->clock.state == LW_LIVE_RUNNING
                                                ? story->clock.warn_at : 0);
  g_autofree char *deadline = format_local_time (story->clock.state == LW_LIVE_NO_CLOCK ? 0 : story->clock.deadline);
  g_autofree char *touched = format_local_time (lead->first_touch_at);
  g_autofree char *clock = describe_clock (&story->clock);
  g_autofree char *fit = g_strdup_printf ("%.0f", story->score.fit);
  g_autofree char *engagement = g_strdup_printf ("%.0f", story->score.engagement);
  g_autofree char *score = NULL;
  g_autofree char *escalations = g_strdup_printf ("%u", story->clock.escalations);
  g_autofree char *reassignments = g_strdup_printf ("%u", story->clock.reassignments);
  GtkWidget *row;

  _lw_lead_inspector_clear_rows (self);
  g_free (self->live_owner);
  self->live_owner = owner != NULL ? g_strdup (owner->id) : NULL;

  gtk_label_set_label (self->title, story->name);
  gtk_label_set_label (self->subtitle, or_dash (story->email != NULL ? story->email : story->company));

  if (story->score.grade[0] != '\0')
    /* translators: a lead's total score, then its grade ("A") */
    score = g_strdup_printf (_("%.0f, grade %s"), story->score.total, story->score.grade);
  else
    score = g_strdup_printf ("%.0f", story->score.total);

  _lw_lead_inspector_add_fact (self, self->facts_group, _("Company"), story->company);
  _lw_lead_inspector_add_fact (self, self->facts_group, _("Email"), story->email);
  _lw_lead_inspector_add_fact (self, self->facts_group, _("Source"), story->source);
  _lw_lead_inspector_add_fact (self, self->facts_group, _("Created"), created);
  _lw_lead_inspector_add_fact (self, self->facts_group, _("Stage"), story->stage);
  _lw_lead_inspector_add_fact (self, self->facts_group, _("Status"), story->status);
  _lw_lead_inspector_add_fact (self, self->facts_group, _("Owner"), owner != NULL ? owner->name : lead->owner);
  _lw_lead_inspector_add_fact (self, self->facts_group, _("Fit score"), fit);
  _lw_lead_inspector_add_fact (self, self->facts_group, _("Engagement score"), engagement);
  _lw_lead_inspector_add_fact (self, self->facts_group, _("Total score"), score);
  if (lead->external_id != NULL)
    _lw_lead_inspector_add_fact (self, self->facts_group, _("CRM id"), lead->external_id);

  row = _lw_lead_inspector_add_fact (self, self->sla_group, _("Clock"), clock);
  if (story->clock.state == LW_LIVE_OVERDUE || story->clock.state == LW_LIVE_LATE)
    {
      gtk_widget_remove_css_class (row, "dim-label");
      gtk_widget_add_css_class (row, "error");
    }
  _lw_lead_inspector_add_fact (self, self->sla_group, _("Policy"),
                               story->clock.policy != NULL ? story->clock.policy->label : NULL);
  _lw_lead_inspector_add_fact (self, self->sla_group, _("Assigned"), assigned);
  _lw_lead_inspector_add_fact (self, self->sla_group, _("Warning"), warn_at);
  _lw_lead_inspector_add_fact (self, self->sla_group, _("First-touch deadline"), deadline);
  _lw_lead_inspector_add_fact (self, self->sla_group, _("First touch"), touched);
  _lw_lead_inspector_add_fact (self, self->sla_group, _("Escalations"), escalations);
  _lw_lead_inspector_add_fact (self, self->sla_group, _("Reassignments"), reassignments);

  for (guint i = 0; i < story->timeline->len; i++)
    {
      const LwLiveStoryEntry *entry = g_ptr_array_index (story->timeline, i);
      g_autofree char *when = format_local_time (entry->at);
      g_autofree char *subtitle = NULL;

      if (entry->detail != NULL)
        /* translators: when an event happened, then its detail */
        subtitle = g_strdup_printf (_("%s · %s"), when, entry->detail);
      _lw_lead_inspector_track_row (self, self->timeline_group,
                                    _lw_lead_inspector_make_row (entry->text, subtitle != NULL ? subtitle : when));
    }

  if (story->properties->len > 0)
    {
      GtkWidget *expander = adw_expander_row_new ();
      g_autofree char *count = NULL;

      /* translators: %u is a number of lead properties */
      count = g_strdup_printf (ngettext ("%u value", "%u values", story->properties->len),
                               story->properties->len);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), _("Properties"));
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), count);
      for (guint i = 0; i < story->properties->len; i++)
        adw_expander_row_add_row (ADW_EXPANDER_ROW (expander),
                                  _lw_lead_inspector_make_row (g_ptr_array_index (story->properties, i), NULL));
      _lw_lead_inspector_track_row (self, self->explain_group, expander);
    }
  for (guint i = 0; story->score.items != NULL && i < story->score.items->len; i++)
    {
      const LwScoreItem *item = g_ptr_array_index (story->score.items, i);
      g_autofree char *points = NULL;
      GtkWidget *label;

      if (!item->matched)
        continue;
      row = _lw_lead_inspector_make_row (item->criterion->label, item->why);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      points = g_strdup_printf ("%+.0f", item->points);
      label = gtk_label_new (points);
      gtk_widget_add_css_class (label, "numeric");
      gtk_widget_add_css_class (label, "dim-label");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
      _lw_lead_inspector_track_row (self, self->explain_group, row);
    }

  /* Only an untouched lead on a clock waits for its first touch; later
   * touches are logged all the same. */
  gtk_widget_set_visible (self->log_button, TRUE);
  gtk_stack_set_visible_child_name (self->stack, "lead");
}

typedef struct
{
  char        *path;
  LwStore     *store;
  LwConfig    *config;
  gint64       id;
  LwTime       now;
  /* a touch */
  LwTouchKind  kind;
  LwTime       at;
  char        *rep;
  char        *note;
} LiveData;

static void
live_data_free (LiveData *data)
{
  g_free (data->path);
  g_clear_pointer (&data->store, lw_store_unref);
  g_clear_pointer (&data->config, lw_config_unref);
  g_free (data->rep);
  g_free (data->note);
  g_free (data);
}

static LiveData *
live_data_new (LwLeadInspector *self)
{
  LiveData *data = g_new0 (LiveData, 1);

  data->path = g_strdup (self->live_path);
  data->store = self->live_path == NULL && self->live_store != NULL ? lw_store_ref (self->live_store) : NULL;
  data->config = lw_config_ref (self->live_config);
  data->id = self->live_id;
  data->now = lw_wall_clock_now ();
  return data;
}

static LwStore *
live_data_open (LiveData  *data,
                GError   **error)
{
  if (data->path != NULL)
    return lw_store_open (data->path, error);
  return lw_store_ref (data->store);
}

static void
story_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  LiveData *data = task_data;
  g_autoptr(LwStore) store = NULL;
  LwLiveStory *story;
  GError *error = NULL;

  store = live_data_open (data, &error);
  story = store != NULL ? lw_live_story_load (store, data->config, data->id, data->now, &error) : NULL;
  if (story == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, story, (GDestroyNotify) lw_live_story_free);
}

static void
story_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  LwLeadInspector *self = LW_LEAD_INSPECTOR (source);
  g_autoptr(LwLiveStory) story = NULL;
  g_autoptr(GError) error = NULL;

  story = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  _lw_lead_inspector_set_loading (self, FALSE);
  if (story == NULL)
    {
      GtkWidget *row = _lw_lead_inspector_make_row (_("The lead could not be read"), error->message);

      _lw_lead_inspector_clear_rows (self);
      gtk_label_set_label (self->title, _("Live Lead"));
      gtk_label_set_label (self->subtitle, "—");
      gtk_widget_add_css_class (row, "error");
      _lw_lead_inspector_track_row (self, self->facts_group, row);
      gtk_widget_set_visible (self->log_button, FALSE);
      gtk_stack_set_visible_child_name (self->stack, "lead");
      return;
    }
  show_live_story (self, story);
}

void
_lw_lead_inspector_load_live_story (LwLeadInspector *self)
{
  g_autoptr(GTask) task = NULL;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  task = g_task_new (self, self->cancellable, story_done, NULL);
  g_task_set_source_tag (task, _lw_lead_inspector_load_live_story);
  g_task_set_task_data (task, live_data_new (self), (GDestroyNotify) live_data_free);
  _lw_lead_inspector_set_loading (self, TRUE);
  g_task_run_in_thread (task, story_thread);
}

static void
touch_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  LiveData *data = task_data;
  g_autoptr(LwStore) store = NULL;
  GError *error = NULL;

  store = live_data_open (data, &error);
  if (store == NULL ||
      !lw_live_log_touch (store, data->config, data->id, data->kind, data->at, data->rep, data->note,
                          data->now, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
touch_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  LwLeadInspector *self = LW_LEAD_INSPECTOR (source);
  LiveData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      _lw_lead_inspector_set_loading (self, FALSE);
      gtk_label_set_label (self->touch_error, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->touch_error), TRUE);
      return;
    }
  _lw_lead_inspector_set_loading (self, FALSE);
  gtk_popover_popdown (self->touch_popover);
  gtk_editable_set_text (self->touch_note, "");
  g_signal_emit (self, _lw_lead_inspector_signals[TOUCH_LOGGED], 0, data->id);
  if (self->live_id == data->id)
    _lw_lead_inspector_load_live_story (self);
}

void
lw_lead_inspector_log_touch (LwLeadInspector *self,
                             LwTouchKind      kind,
                             LwTime           at,
                             const char      *note)
{
  g_autoptr(GTask) task = NULL;
  LiveData *data;

  g_return_if_fail (LW_IS_LEAD_INSPECTOR (self));
  g_return_if_fail (kind < LW_N_TOUCH_KINDS);
  g_return_if_fail (self->live_id != 0);

  g_cancellable_cancel (self->touch_cancellable);
  g_clear_object (&self->touch_cancellable);
  self->touch_cancellable = g_cancellable_new ();

  data = live_data_new (self);
  data->kind = kind;
  data->at = at;
  data->rep = g_strdup (self->live_owner);
  data->note = g_strdup (note);
  gtk_widget_set_visible (GTK_WIDGET (self->touch_error), FALSE);
  task = g_task_new (self, self->touch_cancellable, touch_done, NULL);
  g_task_set_source_tag (task, lw_lead_inspector_log_touch);
  g_task_set_task_data (task, data, (GDestroyNotify) live_data_free);
  _lw_lead_inspector_set_loading (self, TRUE);
  g_task_run_in_thread (task, touch_thread);
}

/* "2026-03-16 09:40" in this computer's time zone. */
static gboolean
parse_local_time (const char *text,
                  LwTime     *out)
{
  g_autoptr(GDateTime) dt = NULL;
  int y, mo, d, h, mi;
  char tail;

  if (sscanf (text, " %d-%d-%d %d:%d %c", &y, &mo, &d, &h, &mi, &tail) != 5)
    return FALSE;
  if (y < 1970 || y > 9999 || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 23 || mi < 0 || mi > 59)
    return FALSE;
  dt = g_date_time_new_local (y, mo, d, h, mi, 0);
  if (dt == NULL)
    return FALSE;
  *out = g_date_time_to_unix (dt);
  return TRUE;
}

/* What the touch-time entry shows and parse_local_time() reads: the same
 * in every language. */
static char *
format_entry_time (LwTime t)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (t);

  return dt != NULL ? g_date_time_format (dt, "%Y-%m-%d %H:%M") : g_strdup ("");
}

static void
touch_popover_shown_cb (LwLeadInspector *self)
{
  g_autofree char *now = format_entry_time (lw_wall_clock_now ());

  gtk_editable_set_text (self->touch_time, now);
  gtk_widget_set_visible (GTK_WIDGET (self->touch_error), FALSE);
}

static void
touch_submit_cb (LwLeadInspector *self)
{
  LwTouchKind kind = LW_TOUCH_CALL;
  LwTime at;

  for (guint i = 0; i < LW_N_TOUCH_KINDS; i++)
    if (gtk_toggle_button_get_active (self->touch_kinds[i]))
      kind = (LwTouchKind) i;
  if (!parse_local_time (gtk_editable_get_text (self->touch_time), &at))
    {
      g_autofree char *example = format_entry_time (lw_wall_clock_now ());
      /* translators: %s is an example date and time */
      g_autofree char *message = g_strdup_printf (_("Enter the time as %s"), example);

      gtk_label_set_label (self->touch_error, message);
      gtk_widget_set_visible (GTK_WIDGET (self->touch_error), TRUE);
      return;
    }
  lw_lead_inspector_log_touch (self, kind, at, gtk_editable_get_text (self->touch_note));
}

GtkWidget *
_lw_lead_inspector_build_touch_popover (LwLeadInspector *self)
{
  static const char *kinds[LW_N_TOUCH_KINDS] = { N_("_Call"), N_("_Email"), N_("_Meeting") };
  static const char *names[LW_N_TOUCH_KINDS] = { "touch-call", "touch-email", "touch-meeting" };
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *linked = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *heading = gtk_label_new (_("Log a Touch"));
  GtkWidget *when = gtk_label_new_with_mnemonic (_("_When"));
  GtkWidget *time_entry = gtk_entry_new ();
  GtkWidget *note_entry = gtk_entry_new ();
  GtkWidget *submit = gtk_button_new_with_mnemonic (_("_Log Touch"));
  GtkWidget *error = gtk_label_new (NULL);
  GtkWidget *popover = gtk_popover_new ();

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_box_append (GTK_BOX (box), heading);

  gtk_widget_add_css_class (linked, "linked");
  gtk_widget_set_halign (linked, GTK_ALIGN_FILL);
  for (guint i = 0; i < LW_N_TOUCH_KINDS; i++)
    {
      GtkWidget *toggle = gtk_toggle_button_new_with_mnemonic (_(kinds[i]));

      gtk_widget_set_hexpand (toggle, TRUE);
      gtk_widget_set_name (toggle, names[i]);
      if (i > 0)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (toggle), self->touch_kinds[0]);
      self->touch_kinds[i] = GTK_TOGGLE_BUTTON (toggle);
      gtk_box_append (GTK_BOX (linked), toggle);
    }
  gtk_toggle_button_set_active (self->touch_kinds[LW_TOUCH_CALL], TRUE);
  gtk_box_append (GTK_BOX (box), linked);

  gtk_label_set_xalign (GTK_LABEL (when), 0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (when), time_entry);
  gtk_widget_add_css_class (when, "dim-label");
  gtk_widget_set_name (time_entry, "touch-time");
  gtk_editable_set_width_chars (GTK_EDITABLE (time_entry), 18);
  gtk_entry_set_activates_default (GTK_ENTRY (time_entry), TRUE);
  gtk_widget_set_name (note_entry, "touch-note");
  gtk_entry_set_placeholder_text (GTK_ENTRY (note_entry), _("Note (optional)"));
  gtk_entry_set_activates_default (GTK_ENTRY (note_entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (note_entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Note"), -1);
  gtk_box_append (GTK_BOX (box), when);
  gtk_box_append (GTK_BOX (box), time_entry);
  gtk_box_append (GTK_BOX (box), note_entry);

  gtk_label_set_wrap (GTK_LABEL (error), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (error), 30);
  gtk_label_set_xalign (GTK_LABEL (error), 0);
  gtk_widget_add_css_class (error, "error");
  gtk_widget_set_visible (error, FALSE);
  gtk_box_append (GTK_BOX (box), error);

  gtk_widget_set_name (submit, "touch-submit");
  gtk_widget_add_css_class (submit, "suggested-action");
  g_signal_connect_swapped (submit, "clicked", G_CALLBACK (touch_submit_cb), self);
  gtk_box_append (GTK_BOX (box), submit);

  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_popover_set_default_widget (GTK_POPOVER (popover), submit);
  g_signal_connect_swapped (popover, "show", G_CALLBACK (touch_popover_shown_cb), self);

  self->touch_popover = GTK_POPOVER (popover);
  self->touch_time = GTK_EDITABLE (time_entry);
  self->touch_note = GTK_EDITABLE (note_entry);
  self->touch_error = GTK_LABEL (error);
  return popover;
}
