/* lw-gui-test-utils.h: finding and driving widgets as a person would
 *
 * The GUI tests look for what a person sees (a row by its title, a button
 * by its label or tooltip) rather than for template children, and change
 * it through the same signals a click or a key press sends. Every finder
 * that asserts names what it looked for when it fails.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lw-workspace.h"

G_BEGIN_DECLS

/* ---- set-up -------------------------------------------------------------------------- */

/* GTK and libadwaita with animations off and the application's style
 * sheet (ui/style.css), then g_test_init() with isolated directories:
 * each test gets a private XDG_DATA_HOME, so the default workspace is
 * made anew. The system's icons, MIME types and GSettings schemas (the
 * file chooser's) are looked up first, so that pictures show icons and
 * choosers open. Returns FALSE when there is no display: main() then
 * returns 77, which meson reads as a skip. */
gboolean     lw_gui_test_init               (int          *argc,
                                             char       ***argv);

/* A workspace in memory holding data/samples/b2b-playbook.json. */
LwWorkspace *lw_gui_test_load_sample        (void);
/* A workspace file holding data/samples/b2b-playbook.json, "test.leadwright"
 * in a new temporary folder named after @prefix: the folder in *@dir (to
 * remove with lw_test_remove_tree()), the file in *@path. */
LwWorkspace *lw_gui_test_create_sample      (const char    *prefix,
                                             char         **dir,
                                             char         **path);

/* ---- the main loop ------------------------------------------------------------------- */

/* Runs what is pending: rows a page rebuilds once the handler of the
 * signal that asked for it has returned, idle callbacks, redraws. */
void         lw_gui_test_settle             (void);

/* Lets the main loop run for @ms milliseconds. */
void         lw_gui_test_spin               (guint          ms);

typedef gboolean (*LwGuiTestCondition) (gpointer data);

/* Iterates the main context until @condition holds, and asserts that it
 * does within @timeout_ms milliseconds. */
void         lw_gui_test_iterate_until      (LwGuiTestCondition condition,
                                             gpointer           data,
                                             guint              timeout_ms);

/* ---- finding ------------------------------------------------------------------------- */

typedef gboolean (*LwGuiTestMatch) (GtkWidget     *widget,
                                    gconstpointer  data);

/* The first widget, depth first, under @root (itself included) that
 * @match accepts; NULL when none does. Popovers are searched too: a
 * person opens them. */
GtkWidget   *lw_gui_test_find               (GtkWidget     *root,
                                             LwGuiTestMatch match,
                                             gconstpointer  data);
/* Every descendant of @root (not itself) of @type, depth first. */
GPtrArray   *lw_gui_test_find_all           (GtkWidget     *root,
                                             GType          type);
/* The first descendant of @root of @type; asserts there is one. */
GtkWidget   *lw_gui_test_child_of_type      (GtkWidget     *root,
                                             GType          type);

/* The preferences row under @root whose title reads @title (titles are
 * Pango markup: "R&D" matches the title "R&amp;D"); asserts there is one.
 * lw_gui_test_find_row() returns NULL instead. */
GtkWidget   *lw_gui_test_row                (GtkWidget     *root,
                                             const char    *title);
GtkWidget   *lw_gui_test_find_row           (GtkWidget     *root,
                                             const char    *title);
/* The same, of @type only (an AdwEntryRow titled "Name", not the expander
 * row that is also titled "Name"). */
GtkWidget   *lw_gui_test_row_of_type        (GtkWidget     *root,
                                             GType          type,
                                             const char    *title);
/* The rows of @type directly or indirectly under @root, in order. */
GPtrArray   *lw_gui_test_rows               (GtkWidget     *root,
                                             GType          type);

/* The button under @root whose label (mnemonic underline left out) or
 * tooltip is @label; asserts there is one. */
GtkWidget   *lw_gui_test_button             (GtkWidget     *root,
                                             const char    *label);
GtkWidget   *lw_gui_test_find_button        (GtkWidget     *root,
                                             const char    *label);

/* The message a row's diagnostic mark shows; NULL when it shows none. */
const char  *lw_gui_test_mark               (GtkWidget     *row);

/* The visible AdwMessageDialog, or NULL. */
AdwMessageDialog *lw_gui_test_find_dialog   (void);

/* ---- driving ------------------------------------------------------------------------- */

/* Asserts that @widget can be clicked (sensitive and on screen), clicks
 * it and settles. */
void         lw_gui_test_click              (GtkWidget     *widget);
/* Types @text into an entry row and presses its apply button. */
void         lw_gui_test_type_and_apply     (GtkWidget     *entry_row,
                                             const char    *text);
/* Types @text into an entry and presses Enter. */
void         lw_gui_test_type_and_activate  (GtkWidget     *entry,
                                             const char    *text);
/* Chooses the item that reads @label in an AdwComboRow or a GtkDropDown
 * over a string list; asserts there is one. */
void         lw_gui_test_choose             (GtkWidget     *combo,
                                             const char    *label);
/* Sets the spin button in @widget (or @widget itself) to @value. */
void         lw_gui_test_set_spin           (GtkWidget     *widget,
                                             double         value);
/* Turns the switch or check button in @widget (or @widget itself) on or off. */
void         lw_gui_test_set_active         (GtkWidget     *widget,
                                             gboolean       active);
/* Opens an expander row as a person would to see what it holds. */
GtkWidget   *lw_gui_test_open               (GtkWidget     *expander_row);
/* Activates the action @name on @widget (a page's "team.add-rep") and settles. */
void         lw_gui_test_activate           (GtkWidget     *widget,
                                             const char    *name);
/* Answers the visible message dialog with @response; asserts there is one. */
void         lw_gui_test_respond            (const char    *response);

/* ---- looking ------------------------------------------------------------------------- */

/* Renders @widget as it is on screen into a PNG at @path. */
void         lw_gui_test_save_png           (GtkWidget     *widget,
                                             const char    *path);

G_END_DECLS
