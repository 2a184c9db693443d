/* lw-window-private.h: what the window's source files share
 *
 * lw-window.c builds the window: sidebar, pages, header bar, problems,
 * undo and redo. lw-window-files.c does what touches files: new, open and
 * save-as of workspaces, revisions, import and export of the rules, and
 * dropped files; its slow parts run on worker threads.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lw-window.h"

G_BEGIN_DECLS

struct _LwWindow
{
  AdwApplicationWindow  parent_instance;

  /* template widgets */
  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  GtkWidget            *loading_spinner;
  AdwStatusPage        *failed_page;
  AdwLeaflet           *leaflet;
  GtkListBox           *sidebar_list;
  AdwWindowTitle       *sidebar_title;
  AdwWindowTitle       *content_title;
  GtkStack             *stack;
  GtkWidget            *undo_button;
  GtkWidget            *redo_button;
  GtkMenuButton        *problems_button;
  GtkPopover           *problems_popover;
  GtkLabel             *problems_heading;
  GtkLabel             *problems_summary;
  GtkWidget            *problems_scroller;
  GtkListBox           *problems_list;
  GtkImage             *problems_icon;
  GtkLabel             *problems_label;
  AdwFlap              *what_if_flap;
  GtkToggleButton      *what_if_button;
  GtkWidget            *what_if_panel;    /* LwWhatIfPanel */

  /* borrowed */
  AdwToast             *autosave_toast;   /* while it shows */

  /* owned */
  LwWorkspace          *workspace;        /* NULL until one is open */
  char                 *initial_page;     /* the page id chosen last */
  GSettings            *settings;
  GCancellable         *cancellable;      /* cancelled in dispose */
  GtkNativeDialog      *chooser;          /* the file chooser showing */
  guint                 busy;             /* file operations running */
  guint                 open_serial;      /* of the latest open: older ones are dropped */
  gboolean              problems_stale;   /* the popover's list is out of date */
  guint                 spinner_id;       /* shows the spinner if opening takes long */
  guint                 drop_pages_id;    /* drops the pages out of sight */
};

/* lw-window.c */
void     _lw_window_set_workspace       (LwWindow    *self,
                                         LwWorkspace *workspace);
void     _lw_window_show_failed         (LwWindow    *self,
                                         const char  *message);
void     _lw_window_set_busy            (LwWindow    *self,
                                         gboolean     busy);
void     _lw_window_update_actions      (LwWindow    *self);
/* An AdwMessageDialog with @heading and @body (plain text), one Close. */
void     _lw_window_show_error          (LwWindow    *self,
                                         const char  *heading,
                                         const char  *body);
/* A toast whose button undoes the edit just made. */
void     _lw_window_toast_undoable      (LwWindow    *self,
                                         const char  *title);

/* lw-window-files.c */
void     _lw_window_class_add_file_actions (GtkWidgetClass *widget_class);
void     _lw_window_init_files          (LwWindow    *self);
/* Opens the last workspace (when the preference says so and it is
 * there), else the default one. */
void     _lw_window_open_initial        (LwWindow    *self);

G_END_DECLS
