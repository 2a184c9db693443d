/* lw-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "lw-application.h"
#include "lw-preferences-window.h"
#include "lw-window.h"

struct _LwApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
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
                                      self->settings);
  gtk_window_present (GTK_WINDOW (window));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "about", about_action },
  { "preferences", preferences_action },
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

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (lw_application_parent_class)->finalize (object);
}

static void
lw_application_class_init (LwApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = lw_application_finalize;
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
