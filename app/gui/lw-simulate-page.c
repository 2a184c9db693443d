/* lw-simulate-page.c: runs the simulator on the workspace
 *
 * The scenario (lw-sim-context.h) shows as a one-line summary; its
 * settings (lw-scenario-editor.h) open below it. A run goes on a worker
 * thread with its own connection to the workspace file, handing its rows
 * over in batches that other connections see at once (a fast run hands
 * over the leads that changed now and then: flush_seconds in
 * lw-simulator.h), and it can be paused, resumed and cancelled.
 *
 * The job outlives the page (the window drops pages out of sight when the
 * rules change): it is kept on the workspace while it runs, a page built
 * meanwhile follows it, and the job itself (not the page) tells the views
 * about its progress with lw_workspace_run_progress(), at most ten times a
 * second and once at the end.
 *
 * The page is written in three files (lw-simulate-page-private.h): this
 * one, lw-simulate-page-run.c (a run and the page following it) and
 * lw-simulate-page-files.c (importing and exporting the scenario).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "lw-simulate-page-private.h"

#include "lw-chart-export.h"
#include "lw-editor-utils.h"
#include "lw-page.h"
#include "lw-scenario-editor.h"
#include "lw-store.h"
#include "lw-window.h"

#define MAX_RUNS_SHOWN   20

static void lw_simulate_page_page_init (LwPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LwSimulatePage, lw_simulate_page, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (LW_TYPE_PAGE, lw_simulate_page_page_init))

enum
{
  PROP_0,
  PROP_WORKSPACE,
  N_PROPS
};

/* Simulated seconds per wall-clock second, in the order of the pace row. */
static const double speeds[] = { 0, 24 * 3600 / 60.0, 3600, 24 * 3600, 7 * 24 * 3600 };

/* ---- the page ------------------------------------------------------------------------------- */

void
_lw_simulate_page_toast (LwSimulatePage *self,
                         const char     *title)
{
  GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (self), LW_TYPE_WINDOW);
  g_autofree char *escaped = g_markup_escape_text (title, -1);

  if (window != NULL)
    lw_window_toast (LW_WINDOW (window), escaped);
}

void
_lw_simulate_page_show_error (LwSimulatePage *self,
                              const char     *heading,
                              const char     *body)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                              heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Why a run cannot start now, or NULL. */
const char *
_lw_simulate_page_why_not_runnable (LwSimulatePage *self)
{
  if (lw_workspace_get_path (self->workspace) == NULL)
    return _("Save the workspace to a file to run simulations.");
  if (lw_workspace_get_n_errors (self->workspace) > 0)
    return _("The rules have errors: fix them to run a simulation.");
  if (lw_sim_context_get_scenario (self->context) == NULL)
    return lw_sim_context_get_problem (self->context);
  if (lw_sim_context_get_problems (self->context)->len > 0)
    return _("The scenario has a problem: see its settings above.");
  return NULL;
}

void
_lw_simulate_page_update_sensitivity (LwSimulatePage *self)
{
  gboolean running = is_running (self);
  gboolean paused = running && lw_sim_pause_get_paused (self->job->pause);
  const char *why = running ? NULL : _lw_simulate_page_why_not_runnable (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "simulate.run", !running && why == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "simulate.cancel", running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "simulate.pause", running && !paused);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "simulate.resume", paused);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "simulate.import-scenario", !running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "simulate.export-scenario",
                                 lw_sim_context_get_scenario (self->context) != NULL &&
                                 lw_sim_context_get_problems (self->context)->len == 0);
  gtk_widget_set_visible (self->cancel_button, running);
  gtk_widget_set_visible (self->pause_button, running && !paused);
  gtk_widget_set_visible (self->resume_button, paused);
  gtk_widget_set_sensitive (self->settings_box, !running);
  gtk_widget_set_sensitive (self->pace_row, !running);

  gtk_label_set_label (GTK_LABEL (self->status_label), why != NULL ? why : "");
  gtk_widget_set_visible (self->status_label, why != NULL);
}

static GtkWidget *
create_run_row (LwRunInfo *info,
                gboolean   paused)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, info->id);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *count = lw_format_count (info->leads);
  g_autofree char *leads = NULL;
  g_autofree char *days = NULL;
  g_autoptr(GDateTime) started = g_date_time_new_from_unix_local (info->started_at);
  g_autofree char *started_text = started != NULL ? g_date_time_format (started, "%x %X") : g_strdup ("");
  const char *status;
  GtkWidget *label;

  switch (info->status)
    {
    case LW_RUN_RUNNING:     status = paused ? _("Paused") : _("Running"); break;
    case LW_RUN_FINISHED:    status = _("Finished"); break;
    case LW_RUN_CANCELLED:   status = _("Cancelled"); break;
    case LW_RUN_FAILED:      status = _("Failed"); break;
    case LW_RUN_INTERRUPTED: status = _("Interrupted"); break;
    default:                 status = ""; break;
    }

  /* translators: a past simulation run; %s is its number */
  title = g_strdup_printf (_("Run %s"), id);
  /* translators: a number of leads in a past run's line: "20,000 leads" */
  leads = g_strdup_printf (ngettext ("%s lead", "%s leads", (gulong) MIN (info->leads, G_MAXULONG)), count);
  /* translators: how many simulated days a past run covered: "30 days" */
  days = g_strdup_printf (ngettext ("%u day", "%u days", info->days), info->days);
  /* translators: a past run: when it started · "20,000 leads" · "30 days" */
  subtitle = g_strdup_printf (_("%s · %s · %s"), started_text, leads, days);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  label = gtk_label_new (status);
  gtk_widget_add_css_class (label, "dim-label");
  if (info->status == LW_RUN_FAILED || info->status == LW_RUN_INTERRUPTED)
    gtk_widget_add_css_class (label, "error");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  return row;
}

void
_lw_simulate_page_refresh_runs (LwSimulatePage *self)
{
  LwStore *store = lw_workspace_get_store (self->workspace);
  g_autoptr(GPtrArray) runs = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->runs_list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->runs_list), child);

  if (store != NULL)
    runs = lw_store_list_runs (store, NULL);
  if (runs == NULL || runs->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     store != NULL ? _("No runs yet")
                                                   : _("Save the workspace to a file to run simulations"));
      gtk_widget_add_css_class (row, "dim-label");
      gtk_list_box_append (GTK_LIST_BOX (self->runs_list), row);
      return;
    }
  for (guint i = 0; i < runs->len && i < MAX_RUNS_SHOWN; i++)
    {
      LwRunInfo *info = g_ptr_array_index (runs, i);
      gboolean paused = is_running (self) && info->id == self->shown_run &&
                        lw_sim_pause_get_paused (self->job->pause);

      gtk_list_box_append (GTK_LIST_BOX (self->runs_list), create_run_row (info, paused));
    }
}

/* ---- the scenario summary ----------------------------------------------------------------------- */

static void
update_summary (LwSimulatePage *self)
{
  LwScenario *draft = lw_sim_context_get_draft (self->context);
  const LwSimSettings *settings = lw_sim_context_get_settings (self->context);
  g_autofree char *leads = NULL;
  g_autofree char *days = NULL;
  g_autofree char *entries = NULL;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *seed = NULL;
  g_autofree char *escaped = NULL;

  if (draft == NULL)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->summary_row), _("No scenario"));
      return;
    }

  leads = lw_format_count (draft->leads);
  days = g_strdup_printf (ngettext ("%u day", "%u days", draft->days), draft->days);
  entries = g_strdup_printf (ngettext ("%u entry point", "%u entry points", draft->entry_points->len),
                             draft->entry_points->len);
  /* translators: the scenario in one line: "1,000 leads over 30 days from 4 entry points" */
  title = g_strdup_printf (_("%s leads over %s from %s"), leads, days, entries);
  seed = g_strdup_printf ("%" G_GUINT64_FORMAT, settings->seed);
  /* translators: the scenario's name · its random seed */
  subtitle = g_strdup_printf (_("%s · seed %s"), draft->name != NULL && *draft->name ? draft->name
                                                                                     : _("Unnamed scenario"),
                              seed);
  escaped = g_markup_escape_text (title, -1);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->summary_row), escaped);
  g_free (escaped);
  escaped = g_markup_escape_text (subtitle, -1);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->summary_row), escaped);
}

void
_lw_simulate_page_set_settings_open (LwSimulatePage *self,
                                     gboolean        open)
{
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->settings_revealer), open);
  if (open)
    gtk_widget_add_css_class (self->summary_arrow, "lw-open");
  else
    gtk_widget_remove_css_class (self->summary_arrow, "lw-open");
}

static void
problem_row_activated_cb (LwSimulatePage *self,
                          GtkWidget      *row)
{
  const char *path = g_object_get_data (G_OBJECT (row), "lw-path");

  _lw_simulate_page_set_settings_open (self, TRUE);
  lw_scenario_editor_reveal (LW_SCENARIO_EDITOR (self->editor), path);
}

/* "Demo and contact-sales forms › Share of arrivals": where a problem is. */
static char *
describe_where (LwSimulatePage *self,
                const char     *path)
{
  GtkWidget *row = lw_scenario_editor_find_row (LW_SCENARIO_EDITOR (self->editor), path);
  g_autoptr(GString) where = g_string_new (NULL);

  for (GtkWidget *at = row; at != NULL;
       at = gtk_widget_get_ancestor (gtk_widget_get_parent (at), ADW_TYPE_EXPANDER_ROW))
    {
      if (where->len > 0)
        g_string_prepend (where, " › ");
      g_string_prepend (where, adw_preferences_row_get_title (ADW_PREFERENCES_ROW (at)));
    }
  if (where->len == 0)
    return g_markup_escape_text (path, -1);
  return g_string_free (g_steal_pointer (&where), FALSE);
}

/* A row under the scenario's summary for @d, which goes to where it is. */
static void
add_diagnostic_row (LwSimulatePage     *self,
                    const LwDiagnostic *d,
                    const char         *icon_name,
                    const char         *css_class)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (icon_name);
  g_autofree char *capitalized = lw_editor_dup_capitalized (d->message);
  g_autofree char *message = g_markup_escape_text (capitalized, -1);
  g_autofree char *where = describe_where (self, d->path);

  gtk_widget_add_css_class (icon, css_class);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), message);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), where);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "lw-path", g_strdup (d->path), g_free);
  g_signal_connect_object (row, "activated", G_CALLBACK (problem_row_activated_cb), self,
                           G_CONNECT_SWAPPED);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->scenario_group), row);
  g_ptr_array_add (self->problem_rows, row);
}

static void
update_problems (LwSimulatePage *self)
{
  GPtrArray *problems = lw_sim_context_get_problems (self->context);
  const char *problem = lw_sim_context_get_problem (self->context);
  GPtrArray *warnings = lw_sim_context_get_warnings (self->context);

  for (guint i = 0; i < self->problem_rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self->scenario_group),
                                  g_ptr_array_index (self->problem_rows, i));
  g_ptr_array_set_size (self->problem_rows, 0);

  for (guint i = 0; i < problems->len; i++)
    add_diagnostic_row (self, g_ptr_array_index (problems, i), "dialog-error-symbolic", "error");
  /* What a run would leave out: said, but no reason not to run. */
  for (guint i = 0; i < warnings->len; i++)
    add_diagnostic_row (self, g_ptr_array_index (warnings, i), "dialog-warning-symbolic", "warning");

  if (problem != NULL)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
      g_autofree char *message = g_markup_escape_text (problem, -1);

      gtk_widget_add_css_class (icon, "warning");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), message);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 4);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->scenario_group), row);
      g_ptr_array_add (self->problem_rows, row);
    }

  update_summary (self);
  _lw_simulate_page_update_sensitivity (self);
}

static void
context_changed_cb (LwSimulatePage *self)
{
  update_summary (self);
  _lw_simulate_page_update_sensitivity (self);
}

static void
pace_selected_cb (LwSimulatePage *self)
{
  LwSimSettings settings = *lw_sim_context_get_settings (self->context);
  guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (self->pace_row));
  g_autoptr(GError) error = NULL;

  if (selected >= G_N_ELEMENTS (speeds))
    return;
  settings.speed = speeds[selected];
  if (!lw_sim_context_set_settings (self->context, &settings, &error))
    g_warning ("Could not keep the pace: %s", error->message);
}

static void
select_pace (LwSimulatePage *self)
{
  double speed = lw_sim_context_get_settings (self->context)->speed;
  guint selected = 0;

  for (guint i = 0; i < G_N_ELEMENTS (speeds); i++)
    if (speeds[i] == speed)
      selected = i;
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->pace_row), selected);
}

static void
toggle_settings_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  LwSimulatePage *self = LW_SIMULATE_PAGE (widget);

  _lw_simulate_page_set_settings_open (self,
                                       !gtk_revealer_get_reveal_child (GTK_REVEALER (self->settings_revealer)));
}

/* ---- public ------------------------------------------------------------------------------------ */

gboolean
lw_simulate_page_is_running (LwSimulatePage *self)
{
  g_return_val_if_fail (LW_IS_SIMULATE_PAGE (self), FALSE);

  return self->job != NULL;
}

gboolean
lw_simulate_page_is_paused (LwSimulatePage *self)
{
  g_return_val_if_fail (LW_IS_SIMULATE_PAGE (self), FALSE);

  return is_running (self) && lw_sim_pause_is_parked (self->job->pause);
}

gboolean
lw_simulate_page_get_progress (LwSimulatePage *self,
                               guint          *leads_done,
                               guint          *leads_total,
                               gint64         *run)
{
  g_return_val_if_fail (LW_IS_SIMULATE_PAGE (self), FALSE);

  if (!is_running (self))
    return FALSE;
  if (leads_done != NULL)
    *leads_done = (guint) g_atomic_int_get (&self->job->leads_done);
  if (leads_total != NULL)
    *leads_total = (guint) g_atomic_int_get (&self->job->leads_total);
  if (run != NULL)
    *run = sim_job_get_run (self->job);
  return TRUE;
}

GtkWidget *
lw_simulate_page_get_editor (LwSimulatePage *self)
{
  g_return_val_if_fail (LW_IS_SIMULATE_PAGE (self), NULL);

  return self->editor;
}

/* ---- LwPage --------------------------------------------------------------------------------- */

static void
lw_simulate_page_reveal (LwPage     *page,
                         const char *path)
{
  LwSimulatePage *self = LW_SIMULATE_PAGE (page);

  if (path != NULL && g_str_has_prefix (path, "$"))
    {
      _lw_simulate_page_set_settings_open (self, TRUE);
      lw_scenario_editor_reveal (LW_SCENARIO_EDITOR (self->editor), path);
      return;
    }
  gtk_widget_grab_focus (self->summary_row);
}

static void
lw_simulate_page_page_init (LwPageInterface *iface)
{
  iface->reveal = lw_simulate_page_reveal;
}

/* ---- GObject -------------------------------------------------------------------------------- */

static void
workspace_changed_cb (LwSimulatePage *self)
{
  _lw_simulate_page_update_sensitivity (self);
}

static void
lw_simulate_page_constructed (GObject *object)
{
  LwSimulatePage *self = LW_SIMULATE_PAGE (object);
  SimJob *running;

  G_OBJECT_CLASS (lw_simulate_page_parent_class)->constructed (object);

  self->context = g_object_ref (lw_sim_context_get (self->workspace));
  self->editor = lw_scenario_editor_new (self->workspace);
  gtk_box_append (GTK_BOX (self->settings_box), self->editor);

  select_pace (self);
  g_signal_connect_object (self->pace_row, "notify::selected", G_CALLBACK (pace_selected_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "changed", G_CALLBACK (context_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "problems-changed", G_CALLBACK (update_problems), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->workspace, "changed", G_CALLBACK (workspace_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->workspace, "notify::path", G_CALLBACK (workspace_changed_cb), self,
                           G_CONNECT_SWAPPED);
  update_problems (self);

  running = g_object_get_data (G_OBJECT (self->workspace), JOB_KEY);
  if (running != NULL)
    _lw_simulate_page_follow (self, running);
  else
    {
      _lw_simulate_page_update_sensitivity (self);
      _lw_simulate_page_refresh_runs (self);
    }
}

static void
lw_simulate_page_dispose (GObject *object)
{
  LwSimulatePage *self = LW_SIMULATE_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  _lw_simulate_page_stop_following (self);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), LW_TYPE_SIMULATE_PAGE);
  g_clear_object (&self->context);
  g_clear_object (&self->workspace);

  G_OBJECT_CLASS (lw_simulate_page_parent_class)->dispose (object);
}

static void
lw_simulate_page_finalize (GObject *object)
{
  LwSimulatePage *self = LW_SIMULATE_PAGE (object);

  g_clear_object (&self->cancellable);
  g_ptr_array_unref (self->problem_rows);

  G_OBJECT_CLASS (lw_simulate_page_parent_class)->finalize (object);
}

static void
lw_simulate_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  LwSimulatePage *self = LW_SIMULATE_PAGE (object);

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
lw_simulate_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  LwSimulatePage *self = LW_SIMULATE_PAGE (object);

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
lw_simulate_page_class_init (LwSimulatePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = lw_simulate_page_constructed;
  object_class->dispose = lw_simulate_page_dispose;
  object_class->finalize = lw_simulate_page_finalize;
  object_class->set_property = lw_simulate_page_set_property;
  object_class->get_property = lw_simulate_page_get_property;

  g_object_class_override_property (object_class, PROP_WORKSPACE, "workspace");

  /* An export finished writing @file. */
  g_signal_new ("scenario-exported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                NULL, G_TYPE_NONE, 1, G_TYPE_FILE);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/leadwright/Leadwright/lw-simulate-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LwSimulatePage, scroller);
  gtk_widget_class_bind_template_child (widget_class, LwSimulatePage, scenario_group);
  gtk_widget_class_bind_template_child (widget_class, LwSimulatePage, summary_row);
  gtk_widget_class_bind_template_child (widget_class, LwSimulatePage, summary_arrow);
  gtk_widget_class_bind_template_child (widget_class, LwSimulatePage, settings_revealer);
  gtk_widget_class_bind_template_child (widget_class, LwSimulatePage, settings_box);
  gtk_widget_class_bind_template_child (widget_class, LwSimulatePage, pace_row);
  gtk_widget_class_bind_template_child (widget_class, LwSimulatePage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, LwSimulatePage, status_label);
  gtk_widget_class_bind_template_child (widget_class, LwSimulatePage, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, LwSimulatePage, pause_button);
  gtk_widget_class_bind_template_child (widget_class, LwSimulatePage, resume_button);
  gtk_widget_class_bind_template_child (widget_class, LwSimulatePage, runs_list);

  gtk_widget_class_install_action (widget_class, "simulate.run",
                                   NULL, _lw_simulate_page_run_action);
  gtk_widget_class_install_action (widget_class, "simulate.cancel",
                                   NULL, _lw_simulate_page_cancel_action);
  gtk_widget_class_install_action (widget_class, "simulate.pause",
                                   NULL, _lw_simulate_page_pause_action);
  gtk_widget_class_install_action (widget_class, "simulate.resume",
                                   NULL, _lw_simulate_page_resume_action);
  gtk_widget_class_install_action (widget_class, "simulate.toggle-settings", NULL, toggle_settings_action);
  gtk_widget_class_install_action (widget_class, "simulate.import-scenario",
                                   NULL, _lw_simulate_page_import_action);
  gtk_widget_class_install_action (widget_class, "simulate.export-scenario",
                                   NULL, _lw_simulate_page_export_action);
}

static void
lw_simulate_page_init (LwSimulatePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->problem_rows = g_ptr_array_new ();
}

GtkWidget *
lw_simulate_page_new (LwWorkspace *workspace)
{
  g_return_val_if_fail (LW_IS_WORKSPACE (workspace), NULL);

  return g_object_new (LW_TYPE_SIMULATE_PAGE, "workspace", workspace, NULL);
}
