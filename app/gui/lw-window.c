/* lw-window.c: the main window: sidebar, header bar, pages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "lw-config-json.h"
#include "lw-export-actions.h"
#include "lw-leads-page.h"
#include "lw-lifecycle-page.h"
#include "lw-page.h"
#include "lw-properties-page.h"
#include "lw-revisions-dialog.h"
#include "lw-routing-page.h"
#include "lw-routing-results-page.h"
#include "lw-simulate-page.h"
#include "lw-funnel-page.h"
#include "lw-sla-monitor-page.h"
#include "lw-scoring-page.h"
#include "lw-sla-page.h"
#include "lw-team-page.h"
#include "lw-what-if-panel.h"
#include "lw-window-private.h"

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
  { "routing-results", N_("Routing Results"), "media-playlist-shuffle-symbolic", GROUP_TEST, NULL },
  { "leads", N_("Leads"), "avatar-default-symbolic", GROUP_TEST, NULL },
};

enum {
  PROP_0,
  PROP_WORKSPACE,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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
  if (g_strcmp0 (info->id, "leads") == 0)
    return lw_leads_page_new (self->workspace);
  if (g_strcmp0 (info->id, "simulate") == 0)
    return lw_simulate_page_new (self->workspace);
  if (g_strcmp0 (info->id, "funnel") == 0)
    return lw_funnel_page_new (self->workspace);
  if (g_strcmp0 (info->id, "sla-monitor") == 0)
    return lw_sla_monitor_page_new (self->workspace);
  if (g_strcmp0 (info->id, "routing-results") == 0)
    return lw_routing_results_page_new (self->workspace);

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

/* The page showing, or to show once a workspace is open. */
static const PageInfo *
visible_page (LwWindow *self)
{
  const char *name = gtk_stack_get_visible_child_name (self->stack);

  return find_page (name != NULL ? name : self->initial_page);
}

static void
update_title (LwWindow *self)
{
  const PageInfo *info = visible_page (self);
  const char *name = self->workspace != NULL ? lw_workspace_get_name (self->workspace) : NULL;
  g_autofree char *window_title = NULL;

  adw_window_title_set_title (self->content_title, name != NULL ? name : "");
  adw_window_title_set_subtitle (self->content_title, info != NULL ? _(info->title) : NULL);

  /* Folded, the sidebar is all there is: it names the workspace. */
  if (adw_leaflet_get_folded (self->leaflet) && name != NULL)
    {
      adw_window_title_set_title (self->sidebar_title, name);
      adw_window_title_set_subtitle (self->sidebar_title, _("Leadwright"));
    }
  else
    {
      adw_window_title_set_title (self->sidebar_title, _("Leadwright"));
      adw_window_title_set_subtitle (self->sidebar_title, NULL);
    }

  if (name != NULL)
    /* translators: the window title: a workspace name, then the application */
    window_title = g_strdup_printf (_("%s — Leadwright"), name);
  gtk_window_set_title (GTK_WINDOW (self), window_title != NULL ? window_title : _("Leadwright"));
}

/* Pages are built when first shown: building them all takes long enough
 * to be seen. */
static gboolean
ensure_page (LwWindow       *self,
             const PageInfo *info)
{
  if (self->workspace == NULL)
    return FALSE;
  if (gtk_stack_get_child_by_name (self->stack, info->id) == NULL)
    gtk_stack_add_named (self->stack, create_page (self, info), info->id);
  return TRUE;
}

/* The what-if panel goes with the Design pages: shown there when its
 * button is down, hidden (and idle) elsewhere. */
static void
update_what_if (LwWindow *self)
{
  const PageInfo *info = visible_page (self);
  gboolean design = info != NULL && info->group == GROUP_DESIGN && self->workspace != NULL;
  gboolean reveal = design && gtk_toggle_button_get_active (self->what_if_button);

  gtk_widget_set_visible (GTK_WIDGET (self->what_if_button), design);
  adw_flap_set_reveal_flap (self->what_if_flap, reveal);
  lw_what_if_panel_set_active (LW_WHAT_IF_PANEL (self->what_if_panel), reveal);
}

static void
what_if_toggled_cb (LwWindow *self)
{
  update_what_if (self);
}

static void
what_if_flap_revealed_cb (LwWindow *self)
{
  const PageInfo *info = visible_page (self);

  /* Closed by the flap itself (folded, Escape): the button follows. */
  if (!adw_flap_get_reveal_flap (self->what_if_flap) && info != NULL && info->group == GROUP_DESIGN)
    gtk_toggle_button_set_active (self->what_if_button, FALSE);
}

static void
select_page (LwWindow       *self,
             const PageInfo *info)
{
  g_free (self->initial_page);
  self->initial_page = g_strdup (info->id);
  if (ensure_page (self, info))
    gtk_stack_set_visible_child_name (self->stack, info->id);
  update_title (self);
  update_what_if (self);
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
  /* Folded, nothing is selected: activating a row is what opens it. */
  select_page (self, g_object_get_data (G_OBJECT (row), "lw-page"));
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
back_clicked_cb (LwWindow *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static GtkListBoxRow *
find_sidebar_row (LwWindow   *self,
                  const char *page_id)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar_list));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child) && g_strcmp0 (gtk_widget_get_name (child), page_id) == 0)
      return GTK_LIST_BOX_ROW (child);
  return NULL;
}

static void update_problems (LwWindow *self);

static void
leaflet_folded_cb (LwWindow *self)
{
  /* Unfolded, the sidebar always shows the selection; folded, a row is only
   * selected by going into it. */
  if (adw_leaflet_get_folded (self->leaflet))
    gtk_list_box_set_selection_mode (self->sidebar_list, GTK_SELECTION_NONE);
  else
    {
      const PageInfo *info = visible_page (self);
      GtkListBoxRow *row = info != NULL ? find_sidebar_row (self, info->id) : NULL;

      gtk_list_box_set_selection_mode (self->sidebar_list, GTK_SELECTION_BROWSE);
      if (row != NULL)
        gtk_list_box_select_row (self->sidebar_list, row);
    }
  update_title (self);
  if (self->workspace != NULL)
    update_problems (self);
}

/* ---- problems ----------------------------------------------------------------- */

static void
problem_activated_cb (LwWindow      *self,
                      GtkListBoxRow *row)
{
  const char *path = g_object_get_data (G_OBJECT (row), "lw-path");
  const PageInfo *info = page_for_path (path);

  if (info == NULL)
    return;
  gtk_popover_popdown (self->problems_popover);
  lw_window_show_page (self, info->id, path);
}

static GtkWidget *
create_problem_row (const LwDiagnostic *d)
{
  const PageInfo *info = page_for_path (d->path);
  gboolean error = d->severity == LW_SEVERITY_ERROR;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (error ? "dialog-error-symbolic"
                                                        : "dialog-warning-symbolic");
  g_autofree char *message = g_markup_escape_text (d->message, -1);
  g_autofree char *where = NULL;
  g_autofree char *subtitle = NULL;

  if (info != NULL)
    /* translators: where a problem is: a page ("Routing"), then a JSON path */
    where = g_strdup_printf (_("%s · %s"), _(info->title), d->path);
  else
    where = g_strdup (d->path != NULL ? d->path : "$");
  subtitle = g_markup_escape_text (where, -1);

  gtk_widget_add_css_class (icon, error ? "error" : "warning");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  error ? _("Error") : _("Warning"), -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), message);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  g_object_set_data_full (G_OBJECT (row), "lw-path", g_strdup (d->path), g_free);

  /* Only what a page shows can be gone to. */
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), info != NULL);
  if (info != NULL)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  return row;
}

static void
fill_problems (LwWindow *self)
{
  GPtrArray *diagnostics = lw_workspace_get_diagnostics (self->workspace);
  guint errors = lw_workspace_get_n_errors (self->workspace);
  guint warnings = lw_workspace_get_n_warnings (self->workspace);
  GtkWidget *child;

  self->problems_stale = FALSE;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->problems_list))) != NULL)
    gtk_list_box_remove (self->problems_list, child);

  gtk_widget_set_visible (self->problems_scroller, errors + warnings > 0);
  if (errors == 0 && warnings == 0)
    {
      gtk_label_set_label (self->problems_heading, _("No Problems"));
      gtk_label_set_label (self->problems_summary, _("The rules are valid and pass every check."));
      return;
    }

  if (errors > 0 && warnings > 0)
    {
      g_autofree char *e = g_strdup_printf (ngettext ("%u error", "%u errors", errors), errors);
      g_autofree char *w = g_strdup_printf (ngettext ("%u warning", "%u warnings", warnings), warnings);
      /* translators: "2 errors, 1 warning" */
      g_autofree char *text = g_strdup_printf (_("%s, %s"), e, w);

      gtk_label_set_label (self->problems_heading, text);
    }
  else
    {
      g_autofree char *text = errors > 0
        ? g_strdup_printf (ngettext ("%u error", "%u errors", errors), errors)
        : g_strdup_printf (ngettext ("%u warning", "%u warnings", warnings), warnings);

      gtk_label_set_label (self->problems_heading, text);
    }
  gtk_label_set_label (self->problems_summary,
                       errors > 0 ? _("Fix the errors before testing or using these rules.")
                                  : _("The rules work, but maybe not as meant."));

  /* Errors first, then warnings, each in the engine's order. */
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < diagnostics->len; i++)
      {
        const LwDiagnostic *d = g_ptr_array_index (diagnostics, i);

        if ((d->severity == LW_SEVERITY_ERROR) == (pass == 0))
          gtk_list_box_append (self->problems_list, create_problem_row (d));
      }
}

static void
problems_popover_shown_cb (LwWindow *self)
{
  if (self->problems_stale && self->workspace != NULL)
    fill_problems (self);
}

static void
update_problems (LwWindow *self)
{
  guint errors = lw_workspace_get_n_errors (self->workspace);
  guint warnings = lw_workspace_get_n_warnings (self->workspace);
  GtkWidget *button = GTK_WIDGET (self->problems_button);
  g_autofree char *text = NULL;
  g_autofree char *tooltip = NULL;

  gtk_widget_remove_css_class (button, "error");
  gtk_widget_remove_css_class (button, "warning");
  gtk_widget_remove_css_class (button, "success");
  gtk_widget_remove_css_class (button, "flat");

  if (errors > 0)
    {
      text = g_strdup_printf (ngettext ("%u error", "%u errors", errors), errors);
      gtk_image_set_from_icon_name (self->problems_icon, "dialog-error-symbolic");
      gtk_widget_add_css_class (button, "error");
      tooltip = g_strdup (_("Show the errors"));
    }
  else if (warnings > 0)
    {
      text = g_strdup_printf (ngettext ("%u warning", "%u warnings", warnings), warnings);
      gtk_image_set_from_icon_name (self->problems_icon, "dialog-warning-symbolic");
      gtk_widget_add_css_class (button, "warning");
      tooltip = g_strdup (_("Show the warnings"));
    }
  else
    {
      text = g_strdup (_("Valid"));
      gtk_image_set_from_icon_name (self->problems_icon, "emblem-ok-symbolic");
      /* Nothing to fix: quiet. */
      gtk_widget_add_css_class (button, "success");
      gtk_widget_add_css_class (button, "flat");
      tooltip = g_strdup (_("The rules are valid and pass every check"));
    }
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);

  /* Folded, the header bar is narrow: the count alone, or only the icon. */
  if (adw_leaflet_get_folded (self->leaflet))
    {
      g_free (text);
      text = errors + warnings > 0 ? g_strdup_printf ("%u", errors > 0 ? errors : warnings) : NULL;
    }
  gtk_label_set_label (self->problems_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->problems_label), text != NULL);

  /* The list is built when it is seen. */
  self->problems_stale = TRUE;
  if (gtk_widget_get_visible (GTK_WIDGET (self->problems_popover)))
    fill_problems (self);
}

/* ---- undo and redo ----------------------------------------------------------- */

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LwWindow *self = LW_WINDOW (widget);

  if (self->workspace != NULL)
    lw_workspace_undo (self->workspace);
}

static void
redo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LwWindow *self = LW_WINDOW (widget);

  if (self->workspace != NULL)
    lw_workspace_redo (self->workspace);
}

static void
update_undo_tooltips (LwWindow *self)
{
  const char *undo = self->workspace ? lw_workspace_get_undo_description (self->workspace) : NULL;
  const char *redo = self->workspace ? lw_workspace_get_redo_description (self->workspace) : NULL;
  g_autofree char *undo_text = NULL;
  g_autofree char *redo_text = NULL;

  if (undo != NULL)
    /* translators: a button's tooltip; %s names the edit: Undo “Add routing rule” */
    undo_text = g_strdup_printf (_("Undo “%s”"), undo);
  if (redo != NULL)
    /* translators: a button's tooltip; %s names the edit: Redo “Add routing rule” */
    redo_text = g_strdup_printf (_("Redo “%s”"), redo);

  gtk_widget_set_tooltip_text (self->undo_button, undo_text != NULL ? undo_text : _("Undo"));
  gtk_widget_set_tooltip_text (self->redo_button, redo_text != NULL ? redo_text : _("Redo"));
}

void
_lw_window_update_actions (LwWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean open = self->workspace != NULL;
  gboolean in_file = open && lw_workspace_get_path (self->workspace) != NULL;
  gboolean idle = self->busy == 0;

  gtk_widget_action_set_enabled (widget, "win.undo", open && lw_workspace_get_can_undo (self->workspace));
  gtk_widget_action_set_enabled (widget, "win.redo", open && lw_workspace_get_can_redo (self->workspace));
  gtk_widget_action_set_enabled (widget, "win.new-workspace", idle);
  gtk_widget_action_set_enabled (widget, "win.open-workspace", idle);
  gtk_widget_action_set_enabled (widget, "win.save-workspace-as", idle && in_file);
  gtk_widget_action_set_enabled (widget, "win.save-revision", idle && in_file);
  gtk_widget_action_set_enabled (widget, "win.show-revisions", idle && in_file);
  gtk_widget_action_set_enabled (widget, "win.import-rules", idle && open);
  gtk_widget_action_set_enabled (widget, "win.export-rules", idle && open);
}

/* A page out of sight would rebuild its rows for every change; it is
 * dropped instead and built again when shown. Not at once: the change may
 * come from that very page, as it loses the focus. */
static void
drop_hidden_pages_cb (gpointer user_data)
{
  LwWindow *self = user_data;
  GtkWidget *visible = gtk_stack_get_visible_child (self->stack);
  GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->stack));

  self->drop_pages_id = 0;

  while (child != NULL)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);

      if (child != visible)
        gtk_stack_remove (self->stack, child);
      child = next;
    }
}

static void
workspace_changed_cb (LwWindow *self)
{
  if (self->drop_pages_id == 0)
    self->drop_pages_id = g_idle_add_once (drop_hidden_pages_cb, self);
  update_problems (self);
  update_undo_tooltips (self);
  _lw_window_update_actions (self);
}

static void
autosave_toast_dismissed_cb (LwWindow *self)
{
  self->autosave_toast = NULL;
}

static void
autosave_failed_cb (LwWindow *self,
                    GError   *error)
{
  g_autofree char *title = NULL;
  AdwToast *toast;

  /* One at a time: every edit would fail the same way. */
  if (self->autosave_toast != NULL)
    return;

  /* translators: %s is the reason, from the system or SQLite */
  title = g_markup_printf_escaped (_("Changes are not being saved: %s"), error->message);
  toast = adw_toast_new (title);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_timeout (toast, 0);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (autosave_toast_dismissed_cb),
                           self, G_CONNECT_SWAPPED);
  self->autosave_toast = toast;
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* ---- the workspace ------------------------------------------------------------- */

/* Drops the pages of the previous workspace and shows the page that was
 * showing, now for @workspace. */
static void
rebuild_pages (LwWindow *self)
{
  const PageInfo *visible = visible_page (self);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->stack))) != NULL)
    gtk_stack_remove (self->stack, child);

  select_page (self, visible != NULL ? visible : find_page ("lifecycle"));
}

void
_lw_window_set_workspace (LwWindow    *self,
                          LwWorkspace *workspace)
{
  g_assert (LW_IS_WINDOW (self));
  g_assert (LW_IS_WORKSPACE (workspace));

  if (self->workspace == workspace)
    return;

  if (self->workspace != NULL)
    g_signal_handlers_disconnect_by_data (self->workspace, self);
  g_set_object (&self->workspace, workspace);

  g_signal_connect_object (workspace, "changed", G_CALLBACK (workspace_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (workspace, "notify::name", G_CALLBACK (update_title), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (workspace, "notify::path", G_CALLBACK (_lw_window_update_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (workspace, "autosave-failed", G_CALLBACK (autosave_failed_cb), self, G_CONNECT_SWAPPED);
  if (self->autosave_toast != NULL)
    adw_toast_dismiss (self->autosave_toast);

  g_clear_handle_id (&self->spinner_id, g_source_remove);
  lw_what_if_panel_set_workspace (LW_WHAT_IF_PANEL (self->what_if_panel), workspace);
  rebuild_pages (self);
  workspace_changed_cb (self);
  update_title (self);
  gtk_stack_set_visible_child_name (self->main_stack, "workspace");

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORKSPACE]);
}

void
_lw_window_show_failed (LwWindow   *self,
                        const char *message)
{
  g_assert (LW_IS_WINDOW (self));

  adw_status_page_set_description (self->failed_page, message);
  gtk_stack_set_visible_child_name (self->main_stack, "failed");
}

void
_lw_window_set_busy (LwWindow *self,
                     gboolean  busy)
{
  g_assert (busy || self->busy > 0);

  self->busy += busy ? 1 : -1;
  _lw_window_update_actions (self);
  if (self->busy == (busy ? 1 : 0))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

void
_lw_window_show_error (LwWindow   *self,
                       const char *heading,
                       const char *body)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_lw_window_toast_undoable (LwWindow   *self,
                           const char *title)
{
  g_autofree char *escaped = g_markup_escape_text (title, -1);
  AdwToast *toast = adw_toast_new (escaped);

  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo");
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* ---- revisions ------------------------------------------------------------------ */

static void
revision_restored_cb (LwWindow *self,
                      gint64    id)
{
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  /* translators: %s is a revision number */
  g_autofree char *title = g_strdup_printf (_("Restored revision %s"), number);

  _lw_window_toast_undoable (self, title);
}

static void
show_revisions_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  LwWindow *self = LW_WINDOW (widget);
  GtkWidget *dialog;

  g_return_if_fail (self->workspace != NULL);

  dialog = lw_revisions_dialog_new (GTK_WINDOW (self), self->workspace);
  g_signal_connect_object (dialog, "restored", G_CALLBACK (revision_restored_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- setup ---------------------------------------------------------------------- */

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
lw_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  LwWindow *self = LW_WINDOW (object);

  switch (prop_id)
    {
    case PROP_WORKSPACE:
      g_value_set_object (value, self->workspace);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy > 0);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lw_window_dispose (GObject *object)
{
  LwWindow *self = LW_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->spinner_id, g_source_remove);
  g_clear_handle_id (&self->drop_pages_id, g_source_remove);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);

  gtk_widget_dispose_template (GTK_WIDGET (self), LW_TYPE_WINDOW);
  if (self->workspace != NULL)
    g_signal_handlers_disconnect_by_data (self->workspace, self);
  g_clear_object (&self->workspace);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (lw_window_parent_class)->dispose (object);
}

static void
lw_window_finalize (GObject *object)
{
  LwWindow *self = LW_WINDOW (object);

  g_clear_object (&self->cancellable);
  g_free (self->initial_page);

  G_OBJECT_CLASS (lw_window_parent_class)->finalize (object);
}

static void
show_spinner_cb (gpointer user_data)
{
  LwWindow *self = user_data;

  self->spinner_id = 0;
  gtk_widget_set_visible (self->loading_spinner, TRUE);
}

static void
lw_window_class_init (LwWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = lw_window_dispose;
  object_class->finalize = lw_window_finalize;
  object_class->get_property = lw_window_get_property;
  window_class->close_request = lw_window_close_request;

  /* The workspace shown; NULL while the first one opens. */
  properties[PROP_WORKSPACE] =
    g_param_spec_object ("workspace", NULL, NULL, LW_TYPE_WORKSPACE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* Whether a file operation (open, save as, import, export) is running. */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (LW_TYPE_WORKSPACE);
  g_type_ensure (LW_TYPE_WHAT_IF_PANEL);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/leadwright/Leadwright/lw-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LwWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LwWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, LwWindow, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, LwWindow, failed_page);
  gtk_widget_class_bind_template_child (widget_class, LwWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, LwWindow, sidebar_list);
  gtk_widget_class_bind_template_child (widget_class, LwWindow, sidebar_title);
  gtk_widget_class_bind_template_child (widget_class, LwWindow, content_title);
  gtk_widget_class_bind_template_child (widget_class, LwWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, LwWindow, undo_button);
  gtk_widget_class_bind_template_child (widget_class, LwWindow, redo_button);
  gtk_widget_class_bind_template_child (widget_class, LwWindow, problems_button);
  gtk_widget_class_bind_template_child (widget_class, LwWindow, problems_popover);
  gtk_widget_class_bind_template_child (widget_class, LwWindow, problems_heading);
  gtk_widget_class_bind_template_child (widget_class, LwWindow, problems_summary);
  gtk_widget_class_bind_template_child (widget_class, LwWindow, problems_scroller);
  gtk_widget_class_bind_template_child (widget_class, LwWindow, problems_list);
  gtk_widget_class_bind_template_child (widget_class, LwWindow, problems_icon);
  gtk_widget_class_bind_template_child (widget_class, LwWindow, problems_label);
  gtk_widget_class_bind_template_child (widget_class, LwWindow, what_if_flap);
  gtk_widget_class_bind_template_child (widget_class, LwWindow, what_if_button);
  gtk_widget_class_bind_template_child (widget_class, LwWindow, what_if_panel);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, leaflet_folded_cb);
  gtk_widget_class_bind_template_callback (widget_class, problem_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, problems_popover_shown_cb);
  gtk_widget_class_bind_template_callback (widget_class, what_if_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, what_if_flap_revealed_cb);

  /* Undo and redo are bindings of the window, not application accelerators,
   * so that a focused text field undoes its own typing first. */
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, redo_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo", NULL);
  gtk_widget_class_install_action (widget_class, "win.show-revisions", NULL, show_revisions_action);

  _lw_window_class_add_file_actions (widget_class);
}

static void
lw_window_init (LwWindow *self)
{
  int width, height;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->settings = g_settings_new (APP_ID);
  g_settings_get (self->settings, "window-size", "(ii)", &width, &height);
  gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  gtk_list_box_set_header_func (self->sidebar_list, sidebar_header_func, NULL, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    gtk_list_box_append (self->sidebar_list, create_sidebar_row (&pages[i]));

  /* For screenshots and tests: open on a given page. */
  if (g_getenv ("LEADWRIGHT_PAGE") != NULL && find_page (g_getenv ("LEADWRIGHT_PAGE")) != NULL)
    lw_window_show_page (self, g_getenv ("LEADWRIGHT_PAGE"), NULL);
  else
    gtk_list_box_select_row (self->sidebar_list, find_sidebar_row (self, "lifecycle"));

  _lw_window_update_actions (self);
  update_undo_tooltips (self);
  update_title (self);

  _lw_window_init_files (self);
  lw_export_actions_install (self);
  _lw_window_open_initial (self);
  /* A workspace opens in a blink; a spinner only for a slow one. */
  self->spinner_id = g_timeout_add_once (400, show_spinner_cb, self);
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

gboolean
lw_window_get_busy (LwWindow *self)
{
  g_return_val_if_fail (LW_IS_WINDOW (self), FALSE);

  return self->busy > 0;
}

void
lw_window_show_page (LwWindow   *self,
                     const char *page_id,
                     const char *path)
{
  const PageInfo *info;
  GtkListBoxRow *row;
  GtkWidget *page;

  g_return_if_fail (LW_IS_WINDOW (self));
  g_return_if_fail (page_id != NULL);

  info = find_page (page_id);
  g_return_if_fail (info != NULL);

  row = find_sidebar_row (self, page_id);
  if (row != NULL && !adw_leaflet_get_folded (self->leaflet))
    gtk_list_box_select_row (self->sidebar_list, row);

  select_page (self, info);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);

  /* Before a workspace is open there is no page yet to reveal in. */
  page = gtk_stack_get_child_by_name (self->stack, page_id);
  if (path != NULL && page != NULL && LW_IS_PAGE (page))
    lw_page_reveal (LW_PAGE (page), path);
}

void
lw_window_toast (LwWindow   *self,
                 const char *title)
{
  g_return_if_fail (LW_IS_WINDOW (self));

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
}

const char *
lw_window_get_visible_page (LwWindow *self)
{
  const PageInfo *info;

  g_return_val_if_fail (LW_IS_WINDOW (self), NULL);

  info = visible_page (self);
  return info != NULL ? info->id : NULL;
}

GtkWidget *
lw_window_get_page (LwWindow   *self,
                    const char *page_id)
{
  g_return_val_if_fail (LW_IS_WINDOW (self), NULL);
  g_return_val_if_fail (page_id != NULL, NULL);

  return gtk_stack_get_child_by_name (self->stack, page_id);
}

void
lw_window_add_toast (LwWindow *self,
                     AdwToast *toast)
{
  g_return_if_fail (LW_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
lw_window_show_lead (LwWindow *self,
                     gint64    run,
                     gint64    lead)
{
  GtkWidget *page;

  g_return_if_fail (LW_IS_WINDOW (self));
  g_return_if_fail (self->workspace != NULL);

  lw_window_show_page (self, "leads", NULL);
  page = lw_window_get_page (self, "leads");
  if (page != NULL)
    lw_leads_page_show_lead (LW_LEADS_PAGE (page), run, lead);
}

void
lw_window_show_alerts (LwWindow   *self,
                       const char *title,
                       GArray     *leads)
{
  GtkWidget *page;

  g_return_if_fail (LW_IS_WINDOW (self));
  g_return_if_fail (self->workspace != NULL);

  lw_window_show_page (self, "sla-monitor", NULL);
  page = lw_window_get_page (self, "sla-monitor");
  if (page != NULL)
    lw_sla_monitor_page_set_filter (LW_SLA_MONITOR_PAGE (page), title, leads);
}
