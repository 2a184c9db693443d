/* lw-hours-editor.c: a rep's working hours, one row per weekday
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "lw-editor-utils.h"
#include "lw-hours-editor.h"

struct _LwHoursEditor
{
  AdwExpanderRow  parent_instance;

  GtkWidget      *weekdays_row;  /* AdwEntryRow: Monday to Friday at once, borrowed */
  char           *weekdays_error; /* why its text could not be read */
  GtkWidget      *day_rows[7];   /* AdwEntryRow, borrowed */
  char           *day_errors[7]; /* text of a day that could not be read */
  LwWeekHours     hours;
};

G_DEFINE_FINAL_TYPE (LwHoursEditor, lw_hours_editor, ADW_TYPE_EXPANDER_ROW)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char * const day_keys[7] = { "mon", "tue", "wed", "thu", "fri", "sat", "sun" };

static const char *
day_name (guint day)
{
  static const char * const names[7] = {
    N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"),
    N_("Friday"), N_("Saturday"), N_("Sunday"),
  };

  g_assert (day < 7);
  return _(names[day]);
}

static const char *
day_abbreviation (guint day)
{
  static const char * const names[7] = {
    /* translators: weekday abbreviations in "Mon–Fri 09:00-17:30" */
    N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun"),
  };

  g_assert (day < 7);
  return _(names[day]);
}

/* ---- text ------------------------------------------------------------------------------ */

static char *
format_day (const GArray *intervals)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; intervals != NULL && i < intervals->len; i++)
    {
      g_autofree char *interval = lw_interval_format (&g_array_index (intervals, LwInterval, i));

      if (i > 0)
        g_string_append (text, ", ");
      g_string_append (text, interval);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static gboolean
same_day (const GArray *a,
          const GArray *b)
{
  guint na = a != NULL ? a->len : 0;
  guint nb = b != NULL ? b->len : 0;

  if (na != nb)
    return FALSE;
  for (guint i = 0; i < na; i++)
    {
      const LwInterval *x = &g_array_index (a, LwInterval, i);
      const LwInterval *y = &g_array_index (b, LwInterval, i);

      if (x->start != y->start || x->end != y->end)
        return FALSE;
    }
  return TRUE;
}

char *
lw_week_hours_describe (const LwWeekHours *hours)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_val_if_fail (hours != NULL, NULL);

  for (guint d = 0; d < 7;)
    {
      guint last = d;
      g_autofree char *intervals = NULL;

      if (hours->days[d] == NULL || hours->days[d]->len == 0)
        {
          d++;
          continue;
        }
      while (last + 1 < 7 && same_day (hours->days[d], hours->days[last + 1]))
        last++;

      intervals = format_day (hours->days[d]);
      if (text->len > 0)
        g_string_append (text, "; ");
      if (last == d)
        g_string_append_printf (text, "%s %s", day_abbreviation (d), intervals);
      else
        /* the days from Mon to Fri, then their hours */
        g_string_append_printf (text, "%s–%s %s", day_abbreviation (d), day_abbreviation (last),
                                intervals);
      d = last + 1;
    }

  if (text->len == 0)
    return g_strdup (_("Not working"));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

gboolean
lw_week_hours_parse_day (const char  *text,
                         GArray      *intervals,
                         char       **message)
{
  g_auto(GStrv) parts = NULL;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (intervals != NULL, FALSE);

  g_array_set_size (intervals, 0);
  parts = g_strsplit_set (text, ",;", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      LwInterval interval;
      char *part = g_strstrip (parts[i]);

      if (*part == '\0')
        continue;
      if (!lw_interval_parse (part, &interval))
        {
          if (message != NULL)
            /* translators: %s is what the admin typed, such as "9-5" */
            *message = g_strdup_printf (_("“%s” is not a time interval: write it as HH:MM-HH:MM, "
                                          "as in 09:00-17:30"), part);
          g_array_set_size (intervals, 0);
          return FALSE;
        }
      g_array_append_val (intervals, interval);
    }
  return TRUE;
}

/* ---- marks ----------------------------------------------------------------------------- */

static GtkWidget *
ensure_mark (AdwPreferencesRow *row)
{
  GtkWidget *icon = g_object_get_data (G_OBJECT (row), "lw-mark");

  if (icon != NULL)
    return icon;

  icon = gtk_image_new ();
  gtk_widget_set_valign (icon, GTK_ALIGN_CENTER);
  gtk_widget_set_visible (icon, FALSE);
  if (ADW_IS_ENTRY_ROW (row))
    adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), icon);
  else if (ADW_IS_EXPANDER_ROW (row))
    adw_expander_row_add_action (ADW_EXPANDER_ROW (row), icon);
  else if (ADW_IS_ACTION_ROW (row))
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon);
  else
    return NULL;
  g_object_set_data (G_OBJECT (row), "lw-mark", icon);
  return icon;
}

static void
show_mark (AdwPreferencesRow *row,
           const char        *message,
           gboolean           error)
{
  GtkWidget *icon = ensure_mark (row);

  gtk_widget_remove_css_class (GTK_WIDGET (row), "lw-error");
  gtk_widget_remove_css_class (GTK_WIDGET (row), "lw-warning");
  if (ADW_IS_ENTRY_ROW (row))
    {
      gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (row), "warning");
    }
  if (icon == NULL)
    return;
  gtk_widget_remove_css_class (icon, "error");
  gtk_widget_remove_css_class (icon, "warning");

  if (message == NULL)
    {
      gtk_widget_set_visible (icon, FALSE);
      gtk_widget_set_tooltip_text (icon, NULL);
      return;
    }

  gtk_image_set_from_icon_name (GTK_IMAGE (icon), error ? "dialog-error-symbolic" : "dialog-warning-symbolic");
  gtk_widget_add_css_class (icon, error ? "error" : "warning");
  gtk_widget_add_css_class (GTK_WIDGET (row), error ? "lw-error" : "lw-warning");
  if (ADW_IS_ENTRY_ROW (row))
    gtk_widget_add_css_class (GTK_WIDGET (row), error ? "error" : "warning");
  gtk_widget_set_tooltip_text (icon, message);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, message, -1);
  gtk_widget_set_visible (icon, TRUE);
}

guint
lw_hours_editor_mark_row (AdwPreferencesRow *row,
                          LwWorkspace       *workspace,
                          const char        *path,
                          const char        *local_error)
{
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GString) tooltip = NULL;
  gboolean error = FALSE;

  g_return_val_if_fail (ADW_IS_PREFERENCES_ROW (row), 0);

  if (local_error != NULL)
    {
      show_mark (row, local_error, TRUE);
      return 1;
    }
  if (workspace == NULL || path == NULL)
    {
      show_mark (row, NULL, FALSE);
      return 0;
    }
  if (!ADW_IS_ENTRY_ROW (row))
    {
      /* Clears what a local error left, then shows the diagnostics. */
      show_mark (row, NULL, FALSE);
      return lw_editor_mark_row (row, workspace, path, FALSE);
    }

  found = lw_workspace_dup_diagnostics_at (workspace, path);
  tooltip = g_string_new (NULL);
  for (guint i = 0; i < found->len; i++)
    {
      const LwDiagnostic *d = g_ptr_array_index (found, i);

      error |= d->severity == LW_SEVERITY_ERROR;
      if (tooltip->len > 0)
        g_string_append_c (tooltip, '\n');
      g_string_append (tooltip, d->message);
    }
  show_mark (row, found->len > 0 ? tooltip->str : NULL, error);
  return found->len;
}

/* ---- editing --------------------------------------------------------------------------- */

/* The subtitle, and the hours Monday to Friday share (empty when they
 * differ). */
static void
update_summary (LwHoursEditor *self)
{
  g_autofree char *summary = lw_week_hours_describe (&self->hours);
  g_autofree char *escaped = g_markup_escape_text (summary, -1);
  g_autofree char *weekdays = NULL;
  gboolean same = TRUE;

  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), escaped);

  for (guint d = 1; d < 5 && same; d++)
    same = same_day (self->hours.days[0], self->hours.days[d]);
  weekdays = same ? format_day (self->hours.days[0]) : g_strdup ("");
  if (self->weekdays_error == NULL &&
      g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->weekdays_row)), weekdays) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->weekdays_row), weekdays);
}

/* Most people work the same hours every weekday: one entry sets them all. */
static void
weekdays_applied_cb (AdwEntryRow   *entry,
                     LwHoursEditor *self)
{
  g_autoptr(GArray) intervals = g_array_new (FALSE, TRUE, sizeof (LwInterval));
  g_autofree char *message = NULL;
  g_autofree char *text = NULL;

  g_clear_pointer (&self->weekdays_error, g_free);
  if (!lw_week_hours_parse_day (gtk_editable_get_text (GTK_EDITABLE (entry)), intervals, &message))
    {
      self->weekdays_error = g_steal_pointer (&message);
      lw_hours_editor_mark_row (ADW_PREFERENCES_ROW (entry), NULL, NULL, self->weekdays_error);
      return;
    }

  lw_hours_editor_mark_row (ADW_PREFERENCES_ROW (entry), NULL, NULL, NULL);
  text = format_day (intervals);
  for (guint d = 0; d < 5; d++)
    {
      g_array_set_size (self->hours.days[d], 0);
      g_array_append_vals (self->hours.days[d], intervals->data, intervals->len);
      g_clear_pointer (&self->day_errors[d], g_free);
      gtk_editable_set_text (GTK_EDITABLE (self->day_rows[d]), text);
      lw_hours_editor_mark_row (ADW_PREFERENCES_ROW (self->day_rows[d]), NULL, NULL, NULL);
    }
  update_summary (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
day_applied_cb (AdwEntryRow   *entry,
                LwHoursEditor *self)
{
  guint day = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (entry), "lw-day"));
  g_autoptr(GArray) intervals = g_array_new (FALSE, TRUE, sizeof (LwInterval));
  g_autofree char *message = NULL;

  g_clear_pointer (&self->day_errors[day], g_free);
  if (!lw_week_hours_parse_day (gtk_editable_get_text (GTK_EDITABLE (entry)), intervals, &message))
    {
      self->day_errors[day] = g_steal_pointer (&message);
      lw_hours_editor_mark_row (ADW_PREFERENCES_ROW (entry), NULL, NULL, self->day_errors[day]);
      return;
    }

  lw_hours_editor_mark_row (ADW_PREFERENCES_ROW (entry), NULL, NULL, NULL);
  g_array_set_size (self->hours.days[day], 0);
  g_array_append_vals (self->hours.days[day], intervals->data, intervals->len);
  update_summary (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

void
lw_hours_editor_set_hours (LwHoursEditor     *self,
                           const LwWeekHours *hours)
{
  g_return_if_fail (LW_IS_HOURS_EDITOR (self));
  g_return_if_fail (hours != NULL);

  for (guint d = 0; d < 7; d++)
    {
      g_autofree char *text = format_day (hours->days[d]);

      g_array_set_size (self->hours.days[d], 0);
      if (hours->days[d] != NULL)
        g_array_append_vals (self->hours.days[d], hours->days[d]->data, hours->days[d]->len);
      gtk_editable_set_text (GTK_EDITABLE (self->day_rows[d]), text);
      g_clear_pointer (&self->day_errors[d], g_free);
      lw_hours_editor_mark_row (ADW_PREFERENCES_ROW (self->day_rows[d]), NULL, NULL, NULL);
    }
  g_clear_pointer (&self->weekdays_error, g_free);
  lw_hours_editor_mark_row (ADW_PREFERENCES_ROW (self->weekdays_row), NULL, NULL, NULL);
  update_summary (self);
}

void
lw_hours_editor_copy_hours (LwHoursEditor *self,
                            LwWeekHours   *hours)
{
  g_return_if_fail (LW_IS_HOURS_EDITOR (self));
  g_return_if_fail (hours != NULL);

  for (guint d = 0; d < 7; d++)
    {
      if (hours->days[d] == NULL)
        hours->days[d] = g_array_new (FALSE, TRUE, sizeof (LwInterval));
      g_array_set_size (hours->days[d], 0);
      g_array_append_vals (hours->days[d], self->hours.days[d]->data, self->hours.days[d]->len);
    }
}

void
lw_hours_editor_mark (LwHoursEditor *self,
                      LwWorkspace   *workspace,
                      const char    *path)
{
  g_return_if_fail (LW_IS_HOURS_EDITOR (self));
  g_return_if_fail (LW_IS_WORKSPACE (workspace));
  g_return_if_fail (path != NULL);

  for (guint d = 0; d < 7; d++)
    {
      g_autofree char *day_path = g_strdup_printf ("%s.%s", path, day_keys[d]);

      lw_hours_editor_mark_row (ADW_PREFERENCES_ROW (self->day_rows[d]), workspace, day_path,
                                self->day_errors[d]);
    }
  lw_hours_editor_mark_row (ADW_PREFERENCES_ROW (self->weekdays_row), NULL, NULL, self->weekdays_error);
  lw_editor_mark_row (ADW_PREFERENCES_ROW (self), workspace, path, FALSE);
}

AdwEntryRow *
lw_hours_editor_get_weekdays_row (LwHoursEditor *self)
{
  g_return_val_if_fail (LW_IS_HOURS_EDITOR (self), NULL);

  return ADW_ENTRY_ROW (self->weekdays_row);
}

AdwEntryRow *
lw_hours_editor_get_day_row (LwHoursEditor *self,
                             guint          day)
{
  g_return_val_if_fail (LW_IS_HOURS_EDITOR (self), NULL);
  g_return_val_if_fail (day < 7, NULL);

  return ADW_ENTRY_ROW (self->day_rows[day]);
}

/* ---- GObject --------------------------------------------------------------------------- */

static void
lw_hours_editor_finalize (GObject *object)
{
  LwHoursEditor *self = LW_HOURS_EDITOR (object);

  for (guint d = 0; d < 7; d++)
    {
      g_clear_pointer (&self->hours.days[d], g_array_unref);
      g_clear_pointer (&self->day_errors[d], g_free);
    }
  g_clear_pointer (&self->weekdays_error, g_free);

  G_OBJECT_CLASS (lw_hours_editor_parent_class)->finalize (object);
}

static void
lw_hours_editor_class_init (LwHoursEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lw_hours_editor_finalize;

  /* Emitted when a day's text (or the weekdays') has been applied and read. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
lw_hours_editor_init (LwHoursEditor *self)
{
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), _("Working Hours"));

  self->weekdays_row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->weekdays_row), _("Monday to Friday"));
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (self->weekdays_row), TRUE);
  g_signal_connect (self->weekdays_row, "apply", G_CALLBACK (weekdays_applied_cb), self);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (self), self->weekdays_row);

  for (guint d = 0; d < 7; d++)
    {
      GtkWidget *row = adw_entry_row_new ();

      self->hours.days[d] = g_array_new (FALSE, TRUE, sizeof (LwInterval));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), day_name (d));
      adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
      g_object_set_data (G_OBJECT (row), "lw-day", GUINT_TO_POINTER (d));
      g_signal_connect (row, "apply", G_CALLBACK (day_applied_cb), self);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (self), row);
      self->day_rows[d] = row;
    }
  update_summary (self);
}

GtkWidget *
lw_hours_editor_new (void)
{
  return g_object_new (LW_TYPE_HOURS_EDITOR, NULL);
}
