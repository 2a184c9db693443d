/* lw-window.c: the main window: sidebar, header bar, pages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "lw-config-json.h"
#include "lw-lifecycle-page.h"
#include "lw-page.h"
#include "lw-properties-page.h"
#include "lw-routing-page.h"
#include "lw-scoring-page.h"
#include "lw-sla-page.h"
#include "lw-team-page.h"
#include "lw-window.h"

typedef enum
{
  GROUP_DESIGN,
  GROUP_TEST,
} PageGroup;

typedef struct
{
  const char *id;
  const char *title;
  const char *icon;
  PageGroup   group;
  /* The first segment of the JSON paths this page shows. */
  const char *path_prefix;
} PageInfo;

static const PageInfo pages[] = {
  { "properties", N_("Properties"), "view-list-symbolic", GROUP_DESIGN, "$.properties" },
  { "lifecycle", N_("Lifecycle"), "view-continuous-symbolic", GROUP_DESIGN, "$.lifecycle" },
  { "scoring", N_("Scoring"), "starred-symbolic", GROUP_DESIGN, "$.scoring" },
  { "routing", N_("Routing"), "mail-forward-symbolic", GROUP_DESIGN, "$.routing" },
  { "slas", N_("SLAs"), "alarm-symbolic", GROUP_DESIGN, "$.slas" },
  { "team", N_("Team"), "system-users-symbolic", GROUP_DESIGN, "$.team" },
  { "simulate", N_("Simulate"), "media-playback-start-symbolic", GROUP_TEST, NULL },
  { "funnel", N_("Funnel"), "view-sort-descending-symbolic", GROUP_TEST, NULL },
  { "sla-monitor", N_("SLA Monitor"), "preferences-system-time-symbolic", GROUP_TEST, NULL },
  { "leads", N_("Leads"), "avatar-default-symbolic", GROUP_TEST, NULL },
};

struct _LwWindow
{
  AdwApplicationWindow  parent_instance;

  /* template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwLeaflet           *leaflet;
  GtkListBox           *sidebar_list;
  AdwWindowTitle       *sidebar_title;
  AdwWindowTitle       *content_title;
  GtkStack             *stack;
  GtkMenuButton        *problems_button;
  GtkPopover           *problems_popover;
  GtkListBox           *problems_list;
  GtkImage             *problems_icon;
  GtkLabel             *problems_label;

  /* owned */
  LwWorkspace          *workspace;
  GSettings            *settings;
};

G_DEFINE_FINAL_TYPE (LwWindow, lw_window, ADW_TYPE_APPLICATION_WINDOW)

static const PageInfo *
find_page (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    if (g_strcmp0 (pages[i].id, id) == 0)
      return &pages[i];
  return NULL;
}

static const PageInfo *
page_for_path (const char *path)
{
  if (path == NULL)
    return NULL;
  if (g_str_has_prefix (path, "$.activities"))
    return find_page ("properties");
  if (g_str_has_prefix (path, "$.accounts"))
    return find_page ("team");
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    if (pages[i].path_prefix != NULL && g_str_has_prefix (path, pages[i].path_prefix))
      return &pages[i];
  return NULL;
}

static GtkWidget *
create_page (LwWindow       *self,
             const PageInfo *info)
{
  GtkWidget *status;

  if (g_strcmp0 (info->id, "routing") == 0)
    return lw_routing_page_new (self->workspace);
  if (g_strcmp0 (info->id, "slas") == 0)
    return lw_sla_page_new (self->workspace);
  if (g_strcmp0 (info->id, "team") == 0)
    return lw_team_page_new (self->workspace);
  if (g_strcmp0 (info->id, "scoring") == 0)
    return lw_scoring_page_new (self->workspace);
  if (g_strcmp0 (info->id, "lifecycle") == 0)
    return lw_lifecycle_page_new (self->workspace);
  if (g_strcmp0 (info->id, "properties") == 0)
    return lw_properties_page_new (self->workspace);

  status = adw_status_page_new ();

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), info->icon);
  adw_status_page_set_title (ADW_STATUS_PAGE (status), _(info->title));
  return status;
}

/* ---- sidebar ---------------------------------------------------------------- */

static GtkWidget *
create_sidebar_row (const PageInfo *info)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new (_(info->title));

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name (info->icon));
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_name (row, info->id);
  g_object_set_data (G_OBJECT (row), "lw-page", (gpointer) info);
  return row;
}

static void
sidebar_header_func (GtkListBoxRow *row,
                     GtkListBoxRow *before,
                     gpointer       user_data)
{
  const PageInfo *info = g_object_get_data (G_OBJECT (row), "lw-page");
  const PageInfo *previous = before ? g_object_get_data (G_OBJECT (before), "lw-page") : NULL;
  GtkWidget *header;

  if (previous != NULL && previous->group == info->group)
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }

  header = gtk_label_new (info->group == GROUP_DESIGN ? _("Design") : _("Test &amp; Watch"));
  gtk_label_set_use_markup (GTK_LABEL (header), TRUE);
  gtk_label_set_xalign (GTK_LABEL (header), 0);
  gtk_widget_add_css_class (header, "sidebar-heading");
  gtk_widget_add_css_class (header, "heading");
  gtk_widget_add_css_class (header, "dim-label");
  gtk_list_box_row_set_header (row, header);
}

static void
select_page (LwWindow       *self,
             const PageInfo *info)
{
  gtk_stack_set_visible_child_name (self->stack, info->id);
  adw_window_title_set_title (self->content_title, _(info->title));
}

static void
sidebar_row_selected_cb (LwWindow      *self,
                         GtkListBoxRow *row)
{
  if (row != NULL)
    select_page (self, g_object_get_data (G_OBJECT (row), "lw-page"));
}

static void
sidebar_row_activated_cb (LwWindow      *self,
                          GtkListBoxRow *row)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
back_clicked_cb (LwWindow *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
leaflet_folded_cb (LwWindow *self)
{
  /* Unfolded, the sidebar always shows the selection; folded, a row is only
   * selected by going into it. */
  if (adw_leaflet_get_folded (self->leaflet))
    gtk_list_box_set_selection_mode (self->sidebar_list, GTK_SELECTION_NONE);
  else
    {
      const char *visible = gtk_stack_get_visible_child_name (self->stack);
      GtkListBoxRow *row = NULL;

      gtk_list_box_set_selection_mode (self->sidebar_list, GTK_SELECTION_BROWSE);
      for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar_list));
           child != NULL; child = gtk_widget_get_next_sibling (child))
        if (g_strcmp0 (gtk_widget_get_name (child), visible) == 0)
          row = GTK_LIST_BOX_ROW (child);
      if (row != NULL)
        gtk_list_box_select_row (self->sidebar_list, row);
    }
}

/* ---- problems ----------------------------------------------------------------- */

static void
problem_activated_cb (LwWindow      *self,
                      GtkListBoxRow *row)
{
  const char *path = g_object_get_data (G_OBJECT (row), "lw-path");
  const PageInfo *info = page_for_path (path);

  gtk_popover_popdown (self->problems_popover);
  if (info != NULL)
    lw_window_show_page (self, info->id, path);
}

static void
update_problems (LwWindow *self)
{
  GPtrArray *diagnostics = lw_workspace_get_diagnostics (self->workspace);
  guint errors = lw_workspace_get_n_errors (self->workspace);
  guint warnings = lw_workspace_get_n_warnings (self->workspace);
  GtkWidget *child;
  GtkWidget *button = GTK_WIDGET (self->problems_button);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->problems_list))) != NULL)
    gtk_list_box_remove (self->problems_list, child);

  gtk_widget_remove_css_class (button, "error");
  gtk_widget_remove_css_class (button, "warning");
  gtk_widget_remove_css_class (button, "success");

  if (errors > 0)
    {
      g_autofree char *text = g_strdup_printf (ngettext ("%u error", "%u errors", errors), errors);

      gtk_image_set_from_icon_name (self->problems_icon, "dialog-error-symbolic");
      gtk_label_set_label (self->problems_label, text);
      gtk_widget_add_css_class (button, "error");
    }
  else if (warnings > 0)
    {
      g_autofree char *text = g_strdup_printf (ngettext ("%u warning", "%u warnings", warnings), warnings);

      gtk_image_set_from_icon_name (self->problems_icon, "dialog-warning-symbolic");
      gtk_label_set_label (self->problems_label, text);
      gtk_widget_add_css_class (button, "warning");
    }
  else
    {
      gtk_image_set_from_icon_name (self->problems_icon, "emblem-ok-symbolic");
      gtk_label_set_label (self->problems_label, _("Valid"));
      gtk_widget_add_css_class (button, "success");
    }
  gtk_widget_set_sensitive (button, errors + warnings > 0);

  for (guint i = 0; i < diagnostics->len; i++)
    {
      const LwDiagnostic *d = g_ptr_array_index (diagnostics, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name (d->severity == LW_SEVERITY_ERROR
                                                      ? "dialog-error-symbolic"
                                                      : "dialog-warning-symbolic");
      g_autofree char *message = g_markup_escape_text (d->message, -1);
      g_autofree char *path = g_markup_escape_text (d->path ? d->path : "$", -1);

      gtk_widget_add_css_class (icon, d->severity == LW_SEVERITY_ERROR ? "error" : "warning");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), message);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), path);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "lw-path", g_strdup (d->path), g_free);
      gtk_list_box_append (self->problems_list, row);
    }
}

static void
update_title (LwWindow *self)
{
  const LwConfig *config = lw_workspace_get_config (self->workspace);

  adw_window_title_set_subtitle (self->sidebar_title, config->name);
}

static void
workspace_changed_cb (LwWindow *self)
{
  update_problems (self);
  update_title (self);
}

/* ---- actions ------------------------------------------------------------------- */

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  lw_workspace_undo (LW_WINDOW (widget)->workspace);
}

static void
redo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  lw_workspace_redo (LW_WINDOW (widget)->workspace);
}

static void
update_actions (LwWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", lw_workspace_get_can_undo (self->workspace));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo", lw_workspace_get_can_redo (self->workspace));
}

/* ---- setup ---------------------------------------------------------------------- */

static LwConfig *
load_initial_config (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  const char *dir = g_getenv ("LW_SAMPLES_DIR");
  LwConfig *config;

  path = g_build_filename (dir ? dir : PKGDATADIR "/samples", "b2b-playbook.json", NULL);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_free (path);
      path = g_build_filename (SOURCE_SAMPLES_DIR, "b2b-playbook.json", NULL);
    }
  config = lw_config_load_file (path, NULL, &error);
  if (config == NULL)
    {
      g_warning ("Could not load the sample playbook: %s", error->message);
      config = lw_config_new ();
      config->name = g_strdup (_("New rule set"));
    }
  return config;
}

static void
save_window_state (LwWindow *self)
{
  int width, height;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set (self->settings, "window-size", "(ii)", width, height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (GTK_WINDOW (self)));
}

static gboolean
lw_window_close_request (GtkWindow *window)
{
  save_window_state (LW_WINDOW (window));
  return GTK_WINDOW_CLASS (lw_window_parent_class)->close_request (window);
}

static void
lw_window_dispose (GObject *object)
{
  LwWindow *self = LW_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), LW_TYPE_WINDOW);
  g_clear_object (&self->workspace);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (lw_window_parent_class)->dispose (object);
}

static void
lw_window_class_init (LwWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = lw_window_dispose;
  window_class->close_request = lw_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/leadwright/Leadwright/lw-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LwWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LwWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, LwWindow, sidebar_list);
  gtk_widget_class_bind_template_child (widget_class, LwWindow, sidebar_title);
  gtk_widget_class_bind_template_child (widget_class, LwWindow, content_title);
  gtk_widget_class_bind_template_child (widget_class, LwWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, LwWindow, problems_button);
  gtk_widget_class_bind_template_child (widget_class, LwWindow, problems_popover);
  gtk_widget_class_bind_template_child (widget_class, LwWindow, problems_list);
  gtk_widget_class_bind_template_child (widget_class, LwWindow, problems_icon);
  gtk_widget_class_bind_template_child (widget_class, LwWindow, problems_label);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, leaflet_folded_cb);
  gtk_widget_class_bind_template_callback (widget_class, problem_activated_cb);

  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, redo_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo", NULL);
}

static void
lw_window_init (LwWindow *self)
{
  int width, height;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  g_settings_get (self->settings, "window-size", "(ii)", &width, &height);
  gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  self->workspace = lw_workspace_new (load_initial_config ());
  g_signal_connect_object (self->workspace, "changed", G_CALLBACK (workspace_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->workspace, "changed", G_CALLBACK (update_actions), self, G_CONNECT_SWAPPED);

  gtk_list_box_set_header_func (self->sidebar_list, sidebar_header_func, NULL, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      gtk_list_box_append (self->sidebar_list, create_sidebar_row (&pages[i]));
      gtk_stack_add_named (self->stack, create_page (self, &pages[i]), pages[i].id);
    }
  gtk_list_box_select_row (self->sidebar_list, gtk_list_box_get_row_at_index (self->sidebar_list, 1));

  update_actions (self);
  workspace_changed_cb (self);

  /* For screenshots and tests: open on a given page. */
  if (g_getenv ("LEADWRIGHT_PAGE") != NULL && find_page (g_getenv ("LEADWRIGHT_PAGE")) != NULL)
    lw_window_show_page (self, g_getenv ("LEADWRIGHT_PAGE"), NULL);
}

LwWindow *
lw_window_new (LwApplication *application)
{
  return g_object_new (LW_TYPE_WINDOW, "application", application, NULL);
}

LwWorkspace *
lw_window_get_workspace (LwWindow *self)
{
  g_return_val_if_fail (LW_IS_WINDOW (self), NULL);

  return self->workspace;
}

void
lw_window_show_page (LwWindow   *self,
                     const char *page_id,
                     const char *path)
{
  const PageInfo *info;
  GtkWidget *page;

  g_return_if_fail (LW_IS_WINDOW (self));
  g_return_if_fail (page_id != NULL);

  info = find_page (page_id);
  g_return_if_fail (info != NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar_list));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (g_strcmp0 (gtk_widget_get_name (child), page_id) == 0 &&
        !adw_leaflet_get_folded (self->leaflet))
      gtk_list_box_select_row (self->sidebar_list, GTK_LIST_BOX_ROW (child));

  select_page (self, info);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);

  page = gtk_stack_get_child_by_name (self->stack, page_id);
  if (path != NULL && LW_IS_PAGE (page))
    lw_page_reveal (LW_PAGE (page), path);
}

void
lw_window_toast (LwWindow   *self,
                 const char *title)
{
  g_return_if_fail (LW_IS_WINDOW (self));

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
}
