/* lw-application.c
 *
 * Besides the windows, the application follows the SLA clocks of the open
 * workspace's live leads (LwLiveAlerts) and shows their alerts through one
 * notifier; the actions on a notification come back here: "Open lead"
 * (app.open-lead) raises a window on that lead's inspector, "Snooze 15
 * minutes" snoozes it, a summary's "Open SLA monitor" shows the monitor
 * filtered to its leads. With "Run in background" on, the application holds
 * itself while no window is open and says, when one opens again, how many
 * alerts came meanwhile.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "lw-application.h"
#include "lw-leads-page.h"
#include "lw-preferences-window.h"
#include "lw-sla-monitor-page.h"
#include "lw-window.h"

struct _LwApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  LwNotifier     *notifier;
  LwLiveAlerts   *live;
  LwWorkspace    *workspace;        /* the one followed, while a window shows it */
  guint           n_background;     /* alerts raised while no window was open */
  gboolean        held;             /* running in the background */
  gboolean        told_no_server;   /* the window said there is no notification server */
  gboolean        tell_no_server;   /* ... and must say it when one opens */
};

G_DEFINE_FINAL_TYPE (LwApplication, lw_application, ADW_TYPE_APPLICATION)

static void
apply_color_scheme (LwApplication *self)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  g_autofree char *scheme = g_settings_get_string (self->settings, "color-scheme");

  if (g_strcmp0 (scheme, "light") == 0)
    adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
  else if (g_strcmp0 (scheme, "dark") == 0)
    adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  else
    adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_DEFAULT);
}

static void
color_scheme_changed_cb (LwApplication *self)
{
  apply_color_scheme (self);
}

/* ---- windows -------------------------------------------------------------------- */

static LwWindow *
find_window (LwApplication *self)
{
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (LW_IS_WINDOW (active))
    return LW_WINDOW (active);
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (LW_IS_WINDOW (l->data))
      return LW_WINDOW (l->data);
  return NULL;
}

static GtkWindow *create_window (LwApplication *self);

/* The window, raised; a new one when it was closed. */
static LwWindow *
present_window (LwApplication *self)
{
  LwWindow *window = find_window (self);

  if (window == NULL)
    return LW_WINDOW (create_window (self));
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static const LwConfig *
valid_config (LwWorkspace *workspace)
{
  if (workspace == NULL || lw_workspace_get_n_errors (workspace) > 0)
    return NULL;
  return lw_workspace_get_config (workspace);
}

/* ---- alerts ------------------------------------------------------------------------ */

static void
update_alert_settings (LwApplication *self)
{
  g_autoptr(LwAlertSettings) settings = NULL;

  settings = lw_preferences_dup_alert_settings (self->settings, valid_config (self->workspace));
  lw_live_alerts_set_settings (self->live, settings);
}

static void
settings_changed_cb (LwApplication *self,
                     const char    *key)
{
  if (g_str_has_prefix (key, "alerts-"))
    update_alert_settings (self);
  else if (g_strcmp0 (key, "run-in-background") == 0 && self->held &&
           !g_settings_get_boolean (self->settings, "run-in-background"))
    {
      self->held = FALSE;
      g_application_release (G_APPLICATION (self));
    }
}

static void
workspace_changed_cb (LwApplication *self)
{
  const LwConfig *config = valid_config (self->workspace);

  /* Rules with errors are not followed: the last valid ones stay. */
  if (config == NULL)
    return;
  lw_live_alerts_set_config (self->live, (LwConfig *) config);
  update_alert_settings (self);
}

static void
follow_workspace (LwApplication *self,
                  LwWorkspace   *workspace)
{
  const char *path;

  if (workspace == self->workspace || workspace == NULL)
    return;
  if (self->workspace != NULL)
    g_signal_handlers_disconnect_by_data (self->workspace, self);
  g_set_object (&self->workspace, workspace);
  g_signal_connect_object (workspace, "changed", G_CALLBACK (workspace_changed_cb), self, G_CONNECT_SWAPPED);

  path = lw_workspace_get_path (workspace);
  update_alert_settings (self);
  lw_live_alerts_set_workspace (self->live, path, path == NULL ? lw_workspace_get_store (workspace) : NULL,
                                (LwConfig *) valid_config (workspace));
}

static void
window_workspace_cb (LwWindow      *window,
                     GParamSpec    *pspec,
                     LwApplication *self)
{
  follow_workspace (self, lw_window_get_workspace (window));
}

static void
tell_no_server (LwApplication *self)
{
  LwWindow *window = find_window (self);
  AdwToast *toast;

  if (window == NULL)
    {
      self->tell_no_server = TRUE;
      return;
    }
  self->tell_no_server = FALSE;
  self->told_no_server = TRUE;
  toast = adw_toast_new (_("No notification server is running: SLA alerts are recorded in the SLA monitor, not shown on the desktop"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_timeout (toast, 0);
  adw_toast_set_button_label (toast, _("_Open SLA Monitor"));
  adw_toast_set_detailed_action_name (toast, "app.show-sla-monitor");
  lw_window_add_toast (window, toast);
}

static void
notifier_available_cb (LwApplication *self)
{
  if (lw_notifier_get_available (self->notifier))
    {
      /* It came back: should it go again, say so again. */
      self->told_no_server = FALSE;
      self->tell_no_server = FALSE;
    }
  else if (!self->told_no_server)
    tell_no_server (self);
}

static void
alerts_delivered_cb (LwApplication *self,
                     guint          raised,
                     guint          shown)
{
  LwWindow *window = find_window (self);
  GtkWidget *page;

  if (window == NULL)
    {
      self->n_background += raised;
      return;
    }
  if (raised == 0)
    return;
  /* The views of what just changed: the alerts recorded, the owners of
   * leads reassigned. */
  page = lw_window_get_page (window, "sla-monitor");
  if (page != NULL && gtk_widget_get_mapped (page))
    lw_sla_monitor_page_refresh (LW_SLA_MONITOR_PAGE (page));
  page = lw_window_get_page (window, "leads");
  if (page != NULL && gtk_widget_get_mapped (page))
    lw_leads_page_reload (LW_LEADS_PAGE (page));
}

typedef struct
{
  gint64   run;
  gint64   lead;
  GArray  *leads;     /* LwAlertLeadRef: a summary's */
  char    *title;
} Pending;

static void
pending_free (gpointer data)
{
  Pending *pending = data;

  g_clear_pointer (&pending->leads, g_array_unref);
  g_free (pending->title);
  g_free (pending);
}

static void
show_pending (LwWindow *window,
              Pending  *pending)
{
  if (pending->leads != NULL)
    lw_window_show_alerts (window, pending->title, pending->leads);
  else if (pending->lead > 0)
    lw_window_show_lead (window, pending->run, pending->lead);
  else
    lw_window_show_page (window, "sla-monitor", NULL);
}

static void
show_when_open_cb (LwWindow   *window,
                   GParamSpec *pspec,
                   Pending    *pending)
{
  if (lw_window_get_workspace (window) == NULL)
    return;
  g_signal_handlers_disconnect_by_func (window, show_when_open_cb, pending);
  show_pending (window, pending);
}

/* Shows what @pending (transfer full) names in the window, once it has a
 * workspace. */
static void
show_in_window (LwApplication *self,
                Pending       *pending)
{
  LwWindow *window = present_window (self);

  if (lw_window_get_workspace (window) != NULL)
    {
      show_pending (window, pending);
      pending_free (pending);
      return;
    }
  g_signal_connect_data (window, "notify::workspace", G_CALLBACK (show_when_open_cb), pending,
                         (GClosureNotify) (void (*) (void)) pending_free, 0);
}

static void
open_lead_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  LwApplication *self = LW_APPLICATION (user_data);
  Pending *pending = g_new0 (Pending, 1);

  g_variant_get (parameter, "(xx)", &pending->run, &pending->lead);
  show_in_window (self, pending);
}

static void
show_sla_monitor_action (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  show_in_window (LW_APPLICATION (user_data), g_new0 (Pending, 1));
}

static void
notifier_open_lead_cb (LwApplication *self,
                       gint64         run,
                       gint64         lead)
{
  g_action_group_activate_action (G_ACTION_GROUP (self), "open-lead", g_variant_new ("(xx)", run, lead));
}

static void
notifier_open_monitor_cb (LwApplication *self,
                          const LwAlert *alert)
{
  Pending *pending = g_new0 (Pending, 1);

  pending->leads = g_array_ref (alert->leads);
  pending->title = g_strdup (alert->summary);
  show_in_window (self, pending);
}

static void
notifier_snooze_cb (LwApplication *self,
                    const LwAlert *alert)
{
  lw_live_alerts_snooze (self->live, alert);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  const char *developers[] = { "The Leadwright developers", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (app),
                        "application-name", _("Leadwright"),
                        "application-icon", APP_ID,
                        "developer-name", _("The Leadwright developers"),
                        "version", PACKAGE_VERSION,
                        "comments", _("Design lead-management rules and test them on simulated leads"),
                        "website", "https://github.com/leadwright/leadwright",
                        "issue-url", "https://github.com/leadwright/leadwright/issues",
                        "developers", developers,
                        /* translators: put your name here to be credited */
                        "translator-credits", _("translator-credits"),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  LwApplication *self = LW_APPLICATION (user_data);
  GtkWidget *window;

  window = lw_preferences_window_new (gtk_application_get_active_window (GTK_APPLICATION (self)),
                                      self->settings, valid_config (self->workspace));
  gtk_window_present (GTK_WINDOW (window));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "about", about_action },
  { "preferences", preferences_action },
  { "open-lead", open_lead_action, "(xx)" },
  { "show-sla-monitor", show_sla_monitor_action },
};

/* Accelerators of application and window verbs; the help overlay and the
 * menus show them. Undo and redo are the window's own bindings. */
static const struct
{
  const char *action;
  const char *accels[3];
} accels[] = {
  { "app.quit", { "<Control>q", NULL } },
  { "app.preferences", { "<Control>comma", NULL } },
  { "win.new-workspace", { "<Control>n", NULL } },
  { "win.open-workspace", { "<Control>o", NULL } },
  { "win.save-workspace-as", { "<Control><Shift>s", NULL } },
  { "win.save-revision", { "<Control>s", NULL } },
  { "win.show-revisions", { "<Control>h", NULL } },
  { "win.import-rules", { "<Control>i", NULL } },
  { "win.export-rules", { "<Control>e", NULL } },
};

static void
lw_application_startup (GApplication *application)
{
  LwApplication *self = LW_APPLICATION (application);
  g_autoptr(GAction) scheme_action = NULL;

  G_APPLICATION_CLASS (lw_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);
  scheme_action = g_settings_create_action (self->settings, "color-scheme");
  g_action_map_add_action (G_ACTION_MAP (self), scheme_action);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), accels[i].action, accels[i].accels);

  g_signal_connect_object (self->settings, "changed::color-scheme",
                           G_CALLBACK (color_scheme_changed_cb), self, G_CONNECT_SWAPPED);
  apply_color_scheme (self);

  self->notifier = lw_notifier_new ("Leadwright");
  self->live = lw_live_alerts_new (self->notifier);
  g_signal_connect_object (self->notifier, "notify::available", G_CALLBACK (notifier_available_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->notifier, "open-lead", G_CALLBACK (notifier_open_lead_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->notifier, "open-monitor", G_CALLBACK (notifier_open_monitor_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->notifier, "snooze", G_CALLBACK (notifier_snooze_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->live, "delivered", G_CALLBACK (alerts_delivered_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed", G_CALLBACK (settings_changed_cb),
                           self, G_CONNECT_SWAPPED);
  update_alert_settings (self);
}

static void
lw_application_window_added (GtkApplication *application,
                             GtkWindow      *window)
{
  LwApplication *self = LW_APPLICATION (application);

  GTK_APPLICATION_CLASS (lw_application_parent_class)->window_added (application, window);

  if (!LW_IS_WINDOW (window))
    return;
  g_signal_connect_object (window, "notify::workspace", G_CALLBACK (window_workspace_cb), self, 0);
  follow_workspace (self, lw_window_get_workspace (LW_WINDOW (window)));

  if (self->held)
    {
      self->held = FALSE;
      g_application_release (G_APPLICATION (self));
      if (self->n_background > 0)
        {
          g_autofree char *title = NULL;

          /* translators: %u is a number of desktop alerts */
          title = g_strdup_printf (ngettext ("%u alert was sent while the window was closed",
                                             "%u alerts were sent while the window was closed",
                                             self->n_background),
                                   self->n_background);
          lw_window_toast (LW_WINDOW (window), title);
        }
    }
  self->n_background = 0;
  if (self->tell_no_server)
    tell_no_server (self);
}

static void
lw_application_window_removed (GtkApplication *application,
                               GtkWindow      *window)
{
  LwApplication *self = LW_APPLICATION (application);

  if (LW_IS_WINDOW (window))
    g_signal_handlers_disconnect_by_data (window, self);

  /* The last window closes: keep alerting in the background when the
   * preference says so. The hold comes first, so the application does
   * not quit in between. */
  if (LW_IS_WINDOW (window) && !self->held &&
      g_settings_get_boolean (self->settings, "run-in-background"))
    {
      gboolean other = FALSE;

      for (GList *l = gtk_application_get_windows (application); l != NULL; l = l->next)
        other |= l->data != window && LW_IS_WINDOW (l->data);
      if (!other)
        {
          self->held = TRUE;
          self->n_background = 0;
          g_application_hold (G_APPLICATION (self));
        }
    }
  if (LW_IS_WINDOW (window) && self->workspace != NULL &&
      lw_window_get_workspace (LW_WINDOW (window)) == self->workspace)
    {
      /* The workspace goes with the window; its clocks are still followed
       * through a connection of their own. */
      g_signal_handlers_disconnect_by_data (self->workspace, self);
      g_clear_object (&self->workspace);
    }

  GTK_APPLICATION_CLASS (lw_application_parent_class)->window_removed (application, window);
}

static void opened_cb (GtkWindow *window);

static void
present_once (GtkWindow *window)
{
  if (g_object_get_data (G_OBJECT (window), "lw-presented") != NULL)
    return;
  g_object_set_data (G_OBJECT (window), "lw-presented", GINT_TO_POINTER (TRUE));
  g_signal_handlers_disconnect_by_func (window, opened_cb, NULL);
  gtk_window_present (window);
}

static void
opened_cb (GtkWindow *window)
{
  if (!lw_window_get_busy (LW_WINDOW (window)))
    present_once (window);
}

static gboolean
present_late_cb (gpointer user_data)
{
  present_once (user_data);
  return G_SOURCE_REMOVE;
}

/* A new window opens its workspace on a worker thread: it shows once that
 * is done, so that its first frame has the rules in it, or after half a
 * second with a spinner. */
static GtkWindow *
create_window (LwApplication *self)
{
  GtkWindow *window = GTK_WINDOW (lw_window_new (self));

  g_signal_connect (window, "notify::busy", G_CALLBACK (opened_cb), NULL);
  g_timeout_add_full (G_PRIORITY_DEFAULT, 500, present_late_cb,
                      g_object_ref (window), g_object_unref);
  return window;
}

static void
lw_application_activate (GApplication *application)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (application));

  if (window == NULL)
    create_window (LW_APPLICATION (application));
  else
    gtk_window_present (window);
}

static void
import_when_open_cb (LwWindow   *window,
                     GParamSpec *pspec,
                     GFile      *file)
{
  g_autoptr(GFile) keep = NULL;

  if (lw_window_get_workspace (window) == NULL)
    return;
  keep = g_object_ref (file);
  g_signal_handlers_disconnect_by_func (window, import_when_open_cb, file);
  lw_window_import_rules (window, keep);
}

/* leadwright FILE: a workspace opens; a rule set (.json) is imported into
 * the workspace that opens. */
static void
lw_application_open (GApplication  *application,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (application));
  g_autofree char *name = NULL;

  if (window == NULL)
    window = create_window (LW_APPLICATION (application));
  else
    gtk_window_present (window);
  if (n_files == 0)
    return;

  name = g_file_get_basename (files[0]);
  if (name == NULL || !g_str_has_suffix (name, ".json"))
    lw_window_open_workspace (LW_WINDOW (window), files[0]);
  else if (lw_window_get_workspace (LW_WINDOW (window)) != NULL)
    lw_window_import_rules (LW_WINDOW (window), files[0]);
  else
    g_signal_connect_data (window, "notify::workspace", G_CALLBACK (import_when_open_cb),
                           g_object_ref (files[0]), (GClosureNotify) (void (*) (void)) g_object_unref, 0);
}

static void
lw_application_finalize (GObject *object)
{
  LwApplication *self = LW_APPLICATION (object);

  g_clear_object (&self->live);
  g_clear_object (&self->notifier);
  g_clear_object (&self->workspace);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (lw_application_parent_class)->finalize (object);
}

static void
lw_application_class_init (LwApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);
  GtkApplicationClass *gtk_app_class = GTK_APPLICATION_CLASS (klass);

  object_class->finalize = lw_application_finalize;
  gtk_app_class->window_added = lw_application_window_added;
  gtk_app_class->window_removed = lw_application_window_removed;
  app_class->startup = lw_application_startup;
  app_class->activate = lw_application_activate;
  app_class->open = lw_application_open;
}

static void
lw_application_init (LwApplication *self)
{
  self->settings = g_settings_new (APP_ID);
}

LwApplication *
lw_application_new (void)
{
  return g_object_new (LW_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/leadwright/Leadwright",
                       NULL);
}

GSettings *
lw_application_get_settings (LwApplication *self)
{
  g_return_val_if_fail (LW_IS_APPLICATION (self), NULL);

  return self->settings;
}

LwLiveAlerts *
lw_application_get_live_alerts (LwApplication *self)
{
  g_return_val_if_fail (LW_IS_APPLICATION (self), NULL);

  return self->live;
}

LwNotifier *
lw_application_get_notifier (LwApplication *self)
{
  g_return_val_if_fail (LW_IS_APPLICATION (self), NULL);

  return self->notifier;
}
