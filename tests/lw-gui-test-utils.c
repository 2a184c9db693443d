/* lw-gui-test-utils.c: finding and driving widgets as a person would
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "lw-config-json.h"
#include "lw-gui-test-utils.h"

/* ---- set-up -------------------------------------------------------------------------- */

static void
load_app_style (void)
{
  g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

  gtk_css_provider_load_from_resource (provider, "/io/github/leadwright/Leadwright/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

gboolean
lw_gui_test_init (int    *argc,
                  char ***argv)
{
  if (!gtk_init_check ())
    {
      g_printerr ("no display\n");
      return FALSE;
    }
  adw_init ();
  /* Rows open at once, and a picture shows the end of a change, not its
   * middle. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  /* The application's style sheet, as AdwApplication loads it: windows
   * made without an application look and measure as they do in it. */
  load_app_style ();

  /* These read XDG_DATA_DIRS once: before the tests empty it. Icons are
   * told apart by their MIME type. */
  g_settings_schema_source_get_default ();
  gtk_icon_theme_get_for_display (gdk_display_get_default ());
  g_free (g_content_type_guess ("icon.svg", NULL, 0, NULL));

  g_test_init (argc, argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  return TRUE;
}

LwWorkspace *
lw_gui_test_load_sample (void)
{
  const char *dir = g_getenv ("LW_SAMPLES_DIR");
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LwConfig) config = NULL;

  g_assert_nonnull (dir);
  path = g_build_filename (dir, "b2b-playbook.json", NULL);
  config = lw_config_load_file (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (config);
  return lw_workspace_new (g_steal_pointer (&config));
}

LwWorkspace *
lw_gui_test_create_sample (const char  *prefix,
                           char       **dir,
                           char       **path)
{
  g_autoptr(LwWorkspace) memory = lw_gui_test_load_sample ();
  g_autofree char *template = g_strconcat (prefix, "-XXXXXX", NULL);
  g_autoptr(GError) error = NULL;
  LwWorkspace *workspace;

  *dir = g_dir_make_tmp (template, &error);
  g_assert_no_error (error);
  *path = g_build_filename (*dir, "test.leadwright", NULL);
  workspace = lw_workspace_create (*path, lw_workspace_get_config (memory), "Test", 1700000000, &error);
  g_assert_no_error (error);
  return workspace;
}

/* ---- the main loop ------------------------------------------------------------------- */

void
lw_gui_test_settle (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

void
lw_gui_test_spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
}

void
lw_gui_test_iterate_until (LwGuiTestCondition condition,
                           gpointer           data,
                           guint              timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!condition (data) && g_get_monotonic_time () < deadline)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
  g_assert_true (condition (data));
}

/* ---- finding ------------------------------------------------------------------------- */

GtkWidget *
lw_gui_test_find (GtkWidget      *root,
                  LwGuiTestMatch  match,
                  gconstpointer   data)
{
  g_return_val_if_fail (GTK_IS_WIDGET (root), NULL);

  if (match (root, data))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = lw_gui_test_find (child, match, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
collect (GtkWidget *root,
         GType      type,
         GPtrArray *out)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (g_type_is_a (G_OBJECT_TYPE (child), type))
        g_ptr_array_add (out, child);
      collect (child, type, out);
    }
}

GPtrArray *
lw_gui_test_find_all (GtkWidget *root,
                      GType      type)
{
  GPtrArray *out = g_ptr_array_new ();

  g_return_val_if_fail (GTK_IS_WIDGET (root), out);

  collect (root, type, out);
  return out;
}

GtkWidget *
lw_gui_test_child_of_type (GtkWidget *root,
                           GType      type)
{
  g_autoptr(GPtrArray) found = lw_gui_test_find_all (root, type);

  if (found->len == 0)
    g_error ("no %s under %s", g_type_name (type), G_OBJECT_TYPE_NAME (root));
  return g_ptr_array_index (found, 0);
}

typedef struct
{
  GType       type;
  const char *title;
} RowQuery;

/* Whether a row's title (markup) reads @title. */
static gboolean
title_reads (const char *markup,
             const char *title)
{
  g_autofree char *escaped = NULL;

  if (markup == NULL)
    return FALSE;
  if (g_strcmp0 (markup, title) == 0)
    return TRUE;
  escaped = g_markup_escape_text (title, -1);
  return g_strcmp0 (markup, escaped) == 0;
}

static gboolean
is_row_titled (GtkWidget     *widget,
               gconstpointer  data)
{
  const RowQuery *query = data;

  return g_type_is_a (G_OBJECT_TYPE (widget), query->type) &&
         title_reads (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), query->title);
}

GtkWidget *
lw_gui_test_find_row (GtkWidget  *root,
                      const char *title)
{
  RowQuery query = { ADW_TYPE_PREFERENCES_ROW, title };

  return lw_gui_test_find (root, is_row_titled, &query);
}

GtkWidget *
lw_gui_test_row (GtkWidget  *root,
                 const char *title)
{
  GtkWidget *found = lw_gui_test_find_row (root, title);

  if (found == NULL)
    g_error ("no row titled “%s” under %s", title, G_OBJECT_TYPE_NAME (root));
  return found;
}

GtkWidget *
lw_gui_test_row_of_type (GtkWidget  *root,
                         GType       type,
                         const char *title)
{
  RowQuery query = { type, title };
  GtkWidget *found;

  g_return_val_if_fail (g_type_is_a (type, ADW_TYPE_PREFERENCES_ROW), NULL);

  found = lw_gui_test_find (root, is_row_titled, &query);
  if (found == NULL)
    g_error ("no %s titled “%s” under %s", g_type_name (type), title, G_OBJECT_TYPE_NAME (root));
  return found;
}

GPtrArray *
lw_gui_test_rows (GtkWidget *root,
                  GType      type)
{
  return lw_gui_test_find_all (root, type);
}

/* "_Add Rule" reads "Add Rule". */
static char *
strip_mnemonic (const char *label)
{
  GString *text = g_string_new (NULL);

  for (const char *p = label; *p != '\0'; p++)
    {
      if (*p == '_' && p[1] == '_')
        p++;
      else if (*p == '_')
        continue;
      g_string_append_c (text, *p);
    }
  return g_string_free (text, FALSE);
}

static gboolean
label_reads (const char *label,
             const char *text)
{
  g_autofree char *plain = NULL;

  if (label == NULL)
    return FALSE;
  plain = strip_mnemonic (label);
  return g_strcmp0 (plain, text) == 0;
}

static gboolean
is_button_labelled (GtkWidget     *widget,
                    gconstpointer  data)
{
  const char *text = data;
  GtkWidget *child;

  if (!GTK_IS_BUTTON (widget) && !GTK_IS_MENU_BUTTON (widget))
    return FALSE;
  if (g_strcmp0 (gtk_widget_get_tooltip_text (widget), text) == 0)
    return TRUE;
  if (GTK_IS_MENU_BUTTON (widget))
    return label_reads (gtk_menu_button_get_label (GTK_MENU_BUTTON (widget)), text);
  if (label_reads (gtk_button_get_label (GTK_BUTTON (widget)), text))
    return TRUE;
  child = gtk_button_get_child (GTK_BUTTON (widget));
  return child != NULL && ADW_IS_BUTTON_CONTENT (child) &&
         label_reads (adw_button_content_get_label (ADW_BUTTON_CONTENT (child)), text);
}

GtkWidget *
lw_gui_test_find_button (GtkWidget  *root,
                         const char *label)
{
  return lw_gui_test_find (root, is_button_labelled, label);
}

GtkWidget *
lw_gui_test_button (GtkWidget  *root,
                    const char *label)
{
  GtkWidget *found = lw_gui_test_find_button (root, label);

  if (found == NULL)
    g_error ("no button “%s” under %s", label, G_OBJECT_TYPE_NAME (root));
  return found;
}

const char *
lw_gui_test_mark (GtkWidget *row)
{
  GtkWidget *icon = g_object_get_data (G_OBJECT (row), "lw-mark");

  if (icon == NULL || !gtk_widget_get_visible (icon))
    return NULL;
  return gtk_widget_get_tooltip_text (icon);
}

AdwMessageDialog *
lw_gui_test_find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (window))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

/* ---- driving ------------------------------------------------------------------------- */

/* A person reaches only what is shown and not greyed out. */
static void
assert_reachable (GtkWidget *widget)
{
  if (!gtk_widget_is_sensitive (widget))
    g_error ("%s “%s” is greyed out", G_OBJECT_TYPE_NAME (widget),
             gtk_widget_get_tooltip_text (widget) ? gtk_widget_get_tooltip_text (widget) : "");
  if (!gtk_widget_get_mapped (widget))
    g_error ("%s “%s” is not on screen", G_OBJECT_TYPE_NAME (widget),
             gtk_widget_get_tooltip_text (widget) ? gtk_widget_get_tooltip_text (widget) : "");
}

void
lw_gui_test_click (GtkWidget *widget)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  assert_reachable (widget);
  g_signal_emit_by_name (widget, "clicked");
  lw_gui_test_settle ();
}

void
lw_gui_test_type_and_apply (GtkWidget  *entry_row,
                            const char *text)
{
  g_return_if_fail (ADW_IS_ENTRY_ROW (entry_row));

  assert_reachable (entry_row);
  gtk_editable_set_text (GTK_EDITABLE (entry_row), text);
  g_signal_emit_by_name (entry_row, "apply");
  lw_gui_test_settle ();
}

void
lw_gui_test_type_and_activate (GtkWidget  *entry,
                               const char *text)
{
  g_return_if_fail (GTK_IS_EDITABLE (entry));

  assert_reachable (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  g_signal_emit_by_name (entry, "activate");
  lw_gui_test_settle ();
}

static guint
position_of_label (GListModel *model,
                   const char *label)
{
  for (guint i = 0; model != NULL && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      if (GTK_IS_STRING_OBJECT (item) &&
          g_strcmp0 (gtk_string_object_get_string (GTK_STRING_OBJECT (item)), label) == 0)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

static void
print_choices (GListModel *model)
{
  for (guint i = 0; model != NULL && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      if (GTK_IS_STRING_OBJECT (item))
        g_printerr ("  choice: “%s”\n", gtk_string_object_get_string (GTK_STRING_OBJECT (item)));
    }
}

void
lw_gui_test_choose (GtkWidget  *combo,
                    const char *label)
{
  GListModel *model;
  guint position;

  g_return_if_fail (ADW_IS_COMBO_ROW (combo) || GTK_IS_DROP_DOWN (combo));

  assert_reachable (combo);
  model = ADW_IS_COMBO_ROW (combo) ? adw_combo_row_get_model (ADW_COMBO_ROW (combo))
                                   : gtk_drop_down_get_model (GTK_DROP_DOWN (combo));
  position = position_of_label (model, label);
  if (position == GTK_INVALID_LIST_POSITION)
    {
      print_choices (model);
      g_error ("no choice “%s” in %s", label, G_OBJECT_TYPE_NAME (combo));
    }
  if (ADW_IS_COMBO_ROW (combo))
    adw_combo_row_set_selected (ADW_COMBO_ROW (combo), position);
  else
    gtk_drop_down_set_selected (GTK_DROP_DOWN (combo), position);
  lw_gui_test_settle ();
}

void
lw_gui_test_set_spin (GtkWidget *widget,
                      double     value)
{
  GtkWidget *spin = GTK_IS_SPIN_BUTTON (widget) ? widget
                                                : lw_gui_test_child_of_type (widget, GTK_TYPE_SPIN_BUTTON);

  assert_reachable (spin);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), value);
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (spin)), ==, value);
  lw_gui_test_settle ();
}

void
lw_gui_test_set_active (GtkWidget *widget,
                        gboolean   active)
{
  GtkWidget *toggle = widget;

  if (!GTK_IS_SWITCH (toggle) && !GTK_IS_CHECK_BUTTON (toggle))
    {
      g_autoptr(GPtrArray) switches = lw_gui_test_find_all (widget, GTK_TYPE_SWITCH);
      g_autoptr(GPtrArray) checks = lw_gui_test_find_all (widget, GTK_TYPE_CHECK_BUTTON);

      g_assert_cmpuint (switches->len + checks->len, ==, 1);
      toggle = switches->len > 0 ? g_ptr_array_index (switches, 0) : g_ptr_array_index (checks, 0);
    }

  assert_reachable (toggle);
  if (GTK_IS_SWITCH (toggle))
    gtk_switch_set_active (GTK_SWITCH (toggle), active);
  else
    gtk_check_button_set_active (GTK_CHECK_BUTTON (toggle), active);
  lw_gui_test_settle ();
}

GtkWidget *
lw_gui_test_open (GtkWidget *expander_row)
{
  g_return_val_if_fail (ADW_IS_EXPANDER_ROW (expander_row), NULL);

  assert_reachable (expander_row);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander_row), TRUE);
  lw_gui_test_settle ();
  return expander_row;
}

void
lw_gui_test_activate (GtkWidget  *widget,
                      const char *name)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (!gtk_widget_activate_action (widget, name, NULL))
    g_error ("no action “%s” on %s", name, G_OBJECT_TYPE_NAME (widget));
  lw_gui_test_settle ();
}

void
lw_gui_test_respond (const char *response)
{
  AdwMessageDialog *dialog = lw_gui_test_find_dialog ();

  if (dialog == NULL)
    g_error ("no message dialog is open to answer “%s”", response);
  g_assert_true (adw_message_dialog_has_response (dialog, response));
  adw_message_dialog_response (dialog, response);
  if (gtk_widget_get_visible (GTK_WIDGET (dialog)))
    gtk_window_destroy (GTK_WINDOW (dialog));
  lw_gui_test_settle ();
}

/* ---- looking ------------------------------------------------------------------------- */

void
lw_gui_test_save_png (GtkWidget  *widget,
                      const char *path)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderer *renderer;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_assert_true (gtk_widget_get_mapped (widget));
  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);

  /* Draw what is pending first: rows rebuilt, sizes settled. */
  lw_gui_test_settle ();
  gtk_widget_queue_draw (widget);
  lw_gui_test_spin (100);

  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
}
