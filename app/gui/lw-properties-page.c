/* lw-properties-page.c: the property catalogue and the activity types
 *
 * The properties that conditions choose from (each with its type, and for
 * an enum its options), the activity types that engagement criteria count,
 * and the built-in properties every lead has, read-only.
 *
 * Renaming an id or an option value renames every reference to it, so the
 * rules keep working; removing something that is in use first says where
 * it is used and, once confirmed, leaves those references to show their
 * errors. Every edit takes a copy of the rule set from the workspace,
 * changes it and hands it back.
 *
 * The references, the helpers other pages share, the options editor and
 * the activity types are in lw-properties-page-*.c beside this file
 * (lw-properties-page-private.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lw-editor-utils.h"
#include "lw-page.h"
#include "lw-properties-page-private.h"

static void lw_properties_page_page_init (LwPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LwPropertiesPage, lw_properties_page, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (LW_TYPE_PAGE, lw_properties_page_page_init))

enum {
  PROP_0,
  PROP_WORKSPACE,
  N_PROPS
};

typedef struct
{
  GtkWidget *row;     /* borrowed */
  char      *path;
  MarkKind   kind;
} Mark;

/* Every list this page edits holds parts that start with their id. */
typedef struct
{
  char *id;
} Identified;

static const char * const type_labels[LW_N_PROPERTY_TYPES] = {
  [LW_PROPERTY_STRING]   = N_("String"),
  [LW_PROPERTY_ENUM]     = N_("Enum"),
  [LW_PROPERTY_NUMBER]   = N_("Number"),
  [LW_PROPERTY_BOOLEAN]  = N_("Boolean"),
  [LW_PROPERTY_DATETIME] = N_("Date and time"),
  [LW_PROPERTY_EMAIL]    = N_("Email"),
};

static const char * const builtin_explanations[LW_N_BUILTINS] = {
  [LW_BUILTIN_LIFECYCLE_STAGE]  = N_("Where the lead is in the funnel: one of the stages on the Lifecycle page."),
  [LW_BUILTIN_LEAD_STATUS]      = N_("How sales is working the lead: one of the lead statuses on the Lifecycle page."),
  [LW_BUILTIN_DEAL_STAGE]       = N_("Whether the lead has a deal and how it went: none, open, won or lost."),
  [LW_BUILTIN_SOURCE]           = N_("How the lead arrived: a form, a chat, an import, an integration or by hand."),
  [LW_BUILTIN_FIT_SCORE]        = N_("The points of the fit criteria on the Scoring page, up to the fit cap."),
  [LW_BUILTIN_ENGAGEMENT_SCORE] = N_("The points of the engagement criteria, after decay, up to the engagement cap."),
  [LW_BUILTIN_TOTAL_SCORE]      = N_("The fit score plus the engagement score."),
  [LW_BUILTIN_GRADE]            = N_("The fit grade and the engagement grade together, from A1 to C3."),
  [LW_BUILTIN_CREATED_AT]       = N_("When the lead arrived."),
};

static void rebuild     (LwPropertiesPage *self);
static void reveal_path (LwPropertiesPage *self,
                         const char       *path,
                         const char       *button);

void
_lw_properties_page_add_mark (LwPropertiesPage *self,
                              GtkWidget        *row,
                              MarkKind          kind,
                              const char       *format,
                              ...)
{
  Mark *mark = g_new0 (Mark, 1);
  va_list args;

  va_start (args, format);
  mark->path = g_strdup_vprintf (format, args);
  va_end (args);
  mark->row = row;
  mark->kind = kind;
  g_ptr_array_add (self->marks, mark);
}

static void
mark_free (Mark *mark)
{
  g_free (mark->path);
  g_free (mark);
}

/* Sets an expander's title and subtitle, leaving a diagnostic shown as its
 * subtitle in place: lw_editor_mark_row() puts the subtitle back when the
 * diagnostic goes. */
static void
set_expander_text (AdwExpanderRow *row,
                   const char     *title,
                   const char     *subtitle)
{
  g_autofree char *escaped_title = g_markup_escape_text (title, -1);
  g_autofree char *escaped = g_markup_escape_text (subtitle, -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped_title);
  g_object_set_data_full (G_OBJECT (row), "lw-original-subtitle", g_strdup (escaped), g_free);
  if (!g_object_get_data (G_OBJECT (row), "lw-marked-subtitle"))
    adw_expander_row_set_subtitle (row, escaped);
}

GtkWidget *
_lw_properties_page_create_entry_row (const char *title,
                                      const char *text,
                                      GCallback   applied,
                                      gpointer    user_data)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  g_signal_connect (row, "apply", applied, user_data);
  return row;
}

GtkWidget *
_lw_properties_page_create_add_button_row (const char *mnemonic,
                                           GCallback   clicked,
                                           gpointer    user_data,
                                           guint       index)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *content = adw_button_content_new ();
  GtkWidget *row = gtk_list_box_row_new ();

  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), "list-add-symbolic");
  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), mnemonic);
  adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (content), TRUE);
  gtk_button_set_child (GTK_BUTTON (button), content);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  gtk_widget_set_margin_start (button, 6);
  gtk_widget_set_margin_top (button, 6);
  gtk_widget_set_margin_bottom (button, 6);
  set_row_data (button, index, 0, NULL);
  g_signal_connect (button, "clicked", clicked, user_data);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), button);
  return row;
}

char *
_lw_properties_page_unique_id (GPtrArray  *list,
                               guint       first,
                               const char *prefix)
{
  for (guint n = list->len - first + 1;; n++)
    {
      g_autofree char *id = g_strdup_printf ("%s-%u", prefix, n);
      gboolean taken = FALSE;

      for (guint i = 0; i < list->len && !taken; i++)
        taken = g_strcmp0 (((Identified *) g_ptr_array_index (list, i))->id, id) == 0;
      if (!taken)
        return g_steal_pointer (&id);
    }
}

/* Whether another element of @list than @except has the id @id. */
gboolean
_lw_properties_page_id_taken (GPtrArray  *list,
                              gpointer    except,
                              const char *id)
{
  for (guint i = 0; i < list->len; i++)
    {
      Identified *element = g_ptr_array_index (list, i);

      if (element != except && g_strcmp0 (element->id, id) == 0)
        return TRUE;
    }
  return FALSE;
}

static void       update_marks   (LwPropertiesPage *self);
static GtkWidget *find_field_row (GtkWidget        *expander,
                                  const char       *rest);

static void
populate (LwPropertiesPage *self,
          AdwExpanderRow   *row)
{
  PopulateFunc func = g_object_get_data (G_OBJECT (row), "lw-populate");
  gboolean building = self->building;

  if (func == NULL || self->workspace == NULL)
    return;

  g_object_set_data (G_OBJECT (row), "lw-populate", NULL);
  self->building = TRUE;
  func (self, row, lw_workspace_get_config (self->workspace), row_index (row));
  self->building = building;
  if (!building)
    update_marks (self);
}

static void
expanded_cb (AdwExpanderRow   *row,
             GParamSpec       *pspec,
             LwPropertiesPage *self)
{
  if (adw_expander_row_get_expanded (row))
    populate (self, row);
}

void
_lw_properties_page_set_populate (LwPropertiesPage *self,
                                  GtkWidget        *row,
                                  PopulateFunc      func)
{
  g_object_set_data (G_OBJECT (row), "lw-populate", func);
  g_signal_connect (row, "notify::expanded", G_CALLBACK (expanded_cb), self);
}

/* ---- applying edits ------------------------------------------------------------------ */

static char *
describe_property (const LwConfig   *config,
                   const LwProperty *property)
{
  const char *type = _(type_labels[property->type]);

  if (property->type == LW_PROPERTY_ENUM)
    /* translators: "Enum · 17 options": the property type, then how many options it has */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %u option", "%s · %u options",
                                         property->options->len),
                            type, property->options->len);
  if (property->domain_of != NULL)
    {
      const LwProperty *email = lw_config_find_property (config, property->domain_of);

      /* translators: "String · domain of Email": the type, then the email property it derives from */
      return g_strdup_printf (_("%s · domain of %s"), type,
                              email != NULL ? lw_editor_display_name (email->label, email->id) : property->domain_of);
    }
  return g_strdup (type);
}

static void
update_marks (LwPropertiesPage *self)
{
  const LwConfig *config = lw_workspace_get_config (self->workspace);

  for (guint i = 0; i < self->property_rows->len && LW_N_BUILTINS + i < config->properties->len; i++)
    {
      const LwProperty *property = g_ptr_array_index (config->properties, LW_N_BUILTINS + i);
      g_autofree char *summary = describe_property (config, property);

      set_expander_text (g_ptr_array_index (self->property_rows, i),
                         lw_editor_display_name (property->label, property->id), summary);
    }

  for (guint i = 0; i < self->activity_rows->len && i < config->activities->len; i++)
    {
      const LwActivityType *activity = g_ptr_array_index (config->activities, i);
      g_autofree char *summary = _lw_properties_page_describe_activity (config, activity);

      set_expander_text (g_ptr_array_index (self->activity_rows, i),
                         lw_editor_display_name (activity->label, activity->id), summary);
    }

  for (guint i = 0; i < self->marks->len; i++)
    {
      Mark *mark = g_ptr_array_index (self->marks, i);

      if (mark->kind == MARK_ENTRY)
        lw_properties_page_mark_entry_row (ADW_ENTRY_ROW (mark->row), self->workspace, mark->path);
      else if (mark->kind == MARK_OPTION)
        _lw_properties_page_show_mark (g_object_get_data (G_OBJECT (mark->row), "lw-mark"),
                                       g_object_get_data (G_OBJECT (mark->row), "lw-entry"),
                                       self->workspace, mark->path);
      else
        lw_editor_mark_row (ADW_PREFERENCES_ROW (mark->row), self->workspace, mark->path,
                            mark->kind == MARK_ROW_SUBTITLE);
    }
}

static gboolean
rebuild_idle_cb (gpointer data)
{
  LwPropertiesPage *self = data;

  self->rebuild_id = 0;
  if (self->workspace != NULL)
    rebuild (self);
  return G_SOURCE_REMOVE;
}

/* Rebuilds once the handler that asks for it has returned: the widget
 * whose signal is being emitted must outlive it. Before any further input
 * is handled, so that no click reaches a row of the old layout. */
static void
schedule_rebuild (LwPropertiesPage *self)
{
  if (self->rebuild_id == 0)
    self->rebuild_id = g_idle_add_full (G_PRIORITY_HIGH, rebuild_idle_cb, g_object_ref (self), g_object_unref);
}

/* After the next rebuild, focuses the row at @path (and @button in it). */
void
_lw_properties_page_refocus_after_rebuild (LwPropertiesPage *self,
                                           const char       *button,
                                           const char       *format,
                                           ...)
{
  va_list args;

  va_start (args, format);
  g_free (self->refocus_path);
  self->refocus_path = g_strdup_vprintf (format, args);
  va_end (args);
  self->refocus_button = button;
}

/* Hands @config to the workspace. Structural edits rebuild the rows; the
 * others only refresh titles and marks, so the row being edited keeps its
 * focus. */
void
_lw_properties_page_apply (LwPropertiesPage *self,
                           LwConfig         *config,
                           const char       *description,
                           gboolean          structural)
{
  self->applying = TRUE;
  lw_workspace_apply (self->workspace, config, description);
  self->applying = FALSE;

  if (structural)
    schedule_rebuild (self);
  else
    update_marks (self);
}

/* ---- properties ---------------------------------------------------------------------- */

static void
property_id_applied_cb (AdwEntryRow      *entry,
                        LwPropertiesPage *self)
{
  g_autoptr(LwConfig) config = lw_workspace_dup_config (self->workspace);
  LwProperty *property = property_at (config, row_index (entry));
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autofree char *old_id = NULL;

  if (g_strcmp0 (property->id, text) == 0)
    return;

  old_id = g_steal_pointer (&property->id);
  property->id = g_strdup (text);
  /* References follow a rename from an id of its own to a free one; a
   * clash is shown at the row, and the references stay where they were
   * until it is resolved. */
  if (*text != '\0' && !_lw_properties_page_id_taken (config->properties, property, text) &&
      !_lw_properties_page_id_taken (config->properties, property, old_id))
    _lw_properties_page_rename_property_references (config, old_id, text);
  _lw_properties_page_apply (self, g_steal_pointer (&config), _("Rename property id"), FALSE);
}

static void
property_label_applied_cb (AdwEntryRow      *entry,
                           LwPropertiesPage *self)
{
  g_autoptr(LwConfig) config = lw_workspace_dup_config (self->workspace);
  LwProperty *property = property_at (config, row_index (entry));
  gboolean email;

  g_free (property->label);
  property->label = g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry)));
  /* Other properties' "Domain Of" lists show an email property's label. */
  email = property->type == LW_PROPERTY_EMAIL;
  if (email)
    _lw_properties_page_refocus_after_rebuild (self, NULL, "$.properties[%u].label",
                                               row_index (entry));
  _lw_properties_page_apply (self, g_steal_pointer (&config), _("Rename property"), email);
}

static void
property_description_applied_cb (AdwEntryRow      *entry,
                                 LwPropertiesPage *self)
{
  g_autoptr(LwConfig) config = lw_workspace_dup_config (self->workspace);
  LwProperty *property = property_at (config, row_index (entry));

  g_free (property->description);
  property->description = dup_optional (gtk_editable_get_text (GTK_EDITABLE (entry)));
  _lw_properties_page_apply (self, g_steal_pointer (&config), _("Describe property"), FALSE);
}

static void
property_type_selected_cb (AdwComboRow      *combo,
                           GParamSpec       *pspec,
                           LwPropertiesPage *self)
{
  g_autoptr(LwConfig) config = NULL;
  LwProperty *property;
  guint selected = adw_combo_row_get_selected (combo);

  if (self->building || selected >= LW_N_PROPERTY_TYPES)
    return;

  config = lw_workspace_dup_config (self->workspace);
  property = property_at (config, row_index (combo));
  if (property->type == (LwPropertyType) selected)
    return;

  property->type = selected;
  /* Only enums have options and only strings derive from an email. */
  if (property->type != LW_PROPERTY_ENUM)
    g_ptr_array_set_size (property->options, 0);
  if (property->type != LW_PROPERTY_STRING)
    g_clear_pointer (&property->domain_of, g_free);
  _lw_properties_page_refocus_after_rebuild (self, NULL, "$.properties[%u].type",
                                             row_index (combo));
  _lw_properties_page_apply (self, g_steal_pointer (&config), _("Change property type"), TRUE);
}

static void
property_domain_selected_cb (AdwComboRow      *combo,
                             GParamSpec       *pspec,
                             LwPropertiesPage *self)
{
  g_autoptr(LwConfig) config = NULL;
  LwProperty *property;
  const char * const *ids = g_object_get_data (G_OBJECT (combo), "lw-ids");
  guint selected = adw_combo_row_get_selected (combo);

  if (self->building || selected == GTK_INVALID_LIST_POSITION)
    return;

  config = lw_workspace_dup_config (self->workspace);
  property = property_at (config, row_index (combo));
  if (g_strcmp0 (property->domain_of != NULL ? property->domain_of : "", ids[selected]) == 0)
    return;
  g_free (property->domain_of);
  property->domain_of = dup_optional (ids[selected]);
  _lw_properties_page_apply (self, g_steal_pointer (&config), _("Change derived domain"), FALSE);
}

Target *
_lw_properties_page_target_new (LwPropertiesPage *self,
                                const char       *id,
                                const char       *value)
{
  Target *target = g_new0 (Target, 1);

  target->self = g_object_ref (self);
  target->id = g_strdup (id);
  target->value = g_strdup (value);
  return target;
}

void
_lw_properties_page_target_free (gpointer data)
{
  Target *target = data;

  g_object_unref (target->self);
  g_free (target->id);
  g_free (target->value);
  g_free (target);
}

int
_lw_properties_page_find_user_property (const LwConfig *config,
                                        const char     *id)
{
  for (guint i = LW_N_BUILTINS; i < config->properties->len; i++)
    if (g_strcmp0 (((LwProperty *) g_ptr_array_index (config->properties, i))->id, id) == 0)
      return i;
  return -1;
}

static void
remove_property (gpointer data)
{
  Target *target = data;
  LwPropertiesPage *self = target->self;
  g_autoptr(LwConfig) config = NULL;
  int index;

  if (self->workspace == NULL)
    return;
  config = lw_workspace_dup_config (self->workspace);
  index = _lw_properties_page_find_user_property (config, target->id);
  if (index < 0)
    return;
  g_ptr_array_remove_index (config->properties, index);
  _lw_properties_page_apply (self, g_steal_pointer (&config), _("Remove property"), TRUE);
}

static void
property_remove_clicked_cb (GtkButton        *button,
                            LwPropertiesPage *self)
{
  const LwConfig *config = lw_workspace_get_config (self->workspace);
  const LwProperty *property = g_ptr_array_index (config->properties, LW_N_BUILTINS + row_index (button));
  g_autoptr(GPtrArray) uses = lw_properties_page_dup_uses (config, property->id, NULL);
  /* translators: %s is a property, "Country" */
  g_autofree char *heading = g_strdup_printf (_("Remove Property “%s”?"),
                                              lw_editor_display_name (property->label, property->id));

  lw_properties_page_confirm_removal (GTK_WIDGET (self), heading, uses, remove_property,
                                      _lw_properties_page_target_new (self, property->id, NULL),
                                      _lw_properties_page_target_free);
}

static void
add_property_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  LwPropertiesPage *self = LW_PROPERTIES_PAGE (widget);
  g_autoptr(LwConfig) config = lw_workspace_dup_config (self->workspace);
  g_autofree char *id = _lw_properties_page_unique_id (config->properties, LW_N_BUILTINS,
                                                       "property");

  g_ptr_array_add (config->properties, lw_property_new (id, _("New property"), LW_PROPERTY_STRING));
  _lw_properties_page_refocus_after_rebuild (self, NULL, "$.properties[%u].label",
                                             config->properties->len - 1 - LW_N_BUILTINS);
  _lw_properties_page_apply (self, g_steal_pointer (&config), _("Add property"), TRUE);
}

/* ---- property rows ------------------------------------------------------------------- */

static GtkWidget *
create_domain_row (LwPropertiesPage *self,
                   const LwConfig   *config,
                   const LwProperty *property,
                   guint             index)
{
  GtkWidget *row = adw_combo_row_new ();
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  guint selected = 0;
  guint n = 1;

  gtk_string_list_append (labels, _("None"));
  g_strv_builder_add (ids, "");
  for (guint i = LW_N_BUILTINS; i < config->properties->len; i++)
    {
      const LwProperty *email = g_ptr_array_index (config->properties, i);

      if (email->type != LW_PROPERTY_EMAIL)
        continue;
      gtk_string_list_append (labels, lw_editor_display_name (email->label, email->id));
      g_strv_builder_add (ids, email->id);
      if (g_strcmp0 (email->id, property->domain_of) == 0)
        selected = n;
      n++;
    }
  /* A domainOf that names no email property keeps its place, to show the error. */
  if (property->domain_of != NULL && selected == 0)
    {
      gtk_string_list_append (labels, property->domain_of);
      g_strv_builder_add (ids, property->domain_of);
      selected = n;
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Domain Of"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               _("Without a value of its own, a lead takes the domain of this email address."));
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (labels));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
  g_object_set_data_full (G_OBJECT (row), "lw-ids", g_strv_builder_end (ids), (GDestroyNotify) g_strfreev);
  g_signal_connect (row, "notify::selected", G_CALLBACK (property_domain_selected_cb), self);
  set_row_data (row, index, 0, "domainOf");
  _lw_properties_page_add_mark (self, row, MARK_ROW, "$.properties[%u].domainOf", index);
  return row;
}

static void
populate_property_row (LwPropertiesPage *self,
                       AdwExpanderRow   *row,
                       const LwConfig   *config,
                       guint             index)
{
  const LwProperty *property = g_ptr_array_index (config->properties, LW_N_BUILTINS + index);
  GtkWidget *id = _lw_properties_page_create_entry_row (_("Id"), property->id,
                                                        G_CALLBACK (property_id_applied_cb), self);
  GtkWidget *label = _lw_properties_page_create_entry_row (_("Label"), property->label,
                                                           G_CALLBACK (property_label_applied_cb),
                                                           self);
  GtkWidget *description = _lw_properties_page_create_entry_row (_("Description"),
                                                                 property->description,
                                                                 G_CALLBACK (property_description_applied_cb),
                                                                 self);
  GtkWidget *type = adw_combo_row_new ();
  g_autoptr(GtkStringList) types = gtk_string_list_new (NULL);

  gtk_widget_add_css_class (id, "monospace");
  set_row_data (id, index, 0, "id");
  set_row_data (label, index, 0, "label");
  set_row_data (description, index, 0, "description");
  _lw_properties_page_add_mark (self, id, MARK_ENTRY, "$.properties[%u].id", index);
  _lw_properties_page_add_mark (self, label, MARK_ENTRY, "$.properties[%u].label", index);
  _lw_properties_page_add_mark (self, description, MARK_ENTRY, "$.properties[%u].description",
                                index);
  adw_expander_row_add_row (row, id);
  adw_expander_row_add_row (row, label);
  adw_expander_row_add_row (row, description);

  for (LwPropertyType t = 0; t < LW_N_PROPERTY_TYPES; t++)
    gtk_string_list_append (types, _(type_labels[t]));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (type), _("Type"));
  adw_combo_row_set_model (ADW_COMBO_ROW (type), G_LIST_MODEL (types));
  adw_combo_row_set_selected (ADW_COMBO_ROW (type), property->type);
  set_row_data (type, index, 0, "type");
  g_signal_connect (type, "notify::selected", G_CALLBACK (property_type_selected_cb), self);
  adw_expander_row_add_row (row, type);

  if (property->type == LW_PROPERTY_STRING)
    adw_expander_row_add_row (row, create_domain_row (self, config, property, index));

  if (property->type == LW_PROPERTY_ENUM)
    {
      for (guint o = 0; o < property->options->len; o++)
        adw_expander_row_add_row (row,
                                  _lw_properties_page_create_option_row (self, property, index, o));
      adw_expander_row_add_row (row,
                                _lw_properties_page_create_add_button_row (_("Add _Option"),
                                                                           G_CALLBACK (_lw_properties_page_option_add_clicked_cb),
                                                                           self, index));
    }
}

static GtkWidget *
create_property_row (LwPropertiesPage *self,
                     guint             index)
{
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *remove = lw_editor_icon_button ("user-trash-symbolic", _("Remove Property"));

  set_row_data (remove, index, 0, NULL);
  g_signal_connect (remove, "clicked", G_CALLBACK (property_remove_clicked_cb), self);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row), remove);

  set_row_data (row, index, 0, NULL);
  _lw_properties_page_set_populate (self, row, populate_property_row);
  _lw_properties_page_add_mark (self, row, MARK_ROW_SUBTITLE, "$.properties[%u]", index);
  return row;
}

/* ---- building ------------------------------------------------------------------------ */

static void
clear_rows (AdwPreferencesGroup *group,
            GPtrArray           *rows)
{
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, g_ptr_array_index (rows, i));
  g_ptr_array_set_size (rows, 0);
}

static GArray *
save_expanded (GPtrArray *rows)
{
  GArray *expanded = g_array_new (FALSE, TRUE, sizeof (gboolean));

  for (guint i = 0; i < rows->len; i++)
    {
      gboolean open = adw_expander_row_get_expanded (g_ptr_array_index (rows, i));

      g_array_append_val (expanded, open);
    }
  return expanded;
}

static void
restore_expanded (GtkWidget *row,
                  GArray    *expanded,
                  guint      index)
{
  if (index < expanded->len && g_array_index (expanded, gboolean, index))
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
}

static void
rebuild_builtins (LwPropertiesPage *self)
{
  const LwConfig *config = lw_workspace_get_config (self->workspace);

  clear_rows (self->builtins_group, self->builtin_rows);
  for (guint i = 0; i < LW_N_BUILTINS; i++)
    {
      const LwProperty *property = g_ptr_array_index (config->properties, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *type = gtk_label_new (_(type_labels[property->type]));
      g_autofree char *title = g_markup_escape_text (lw_editor_display_name (property->label, property->id), -1);
      g_autofree char *subtitle = g_markup_escape_text (_(builtin_explanations[i]), -1);

      gtk_widget_add_css_class (type, "dim-label");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), type);
      adw_preferences_group_add (self->builtins_group, row);
      g_ptr_array_add (self->builtin_rows, row);
    }
}

static void
rebuild (LwPropertiesPage *self)
{
  const LwConfig *config = lw_workspace_get_config (self->workspace);
  g_autoptr(GArray) properties_open = save_expanded (self->property_rows);
  g_autoptr(GArray) activities_open = save_expanded (self->activity_rows);

  self->building = TRUE;

  g_ptr_array_set_size (self->marks, 0);
  clear_rows (self->properties_group, self->property_rows);
  clear_rows (self->activities_group, self->activity_rows);

  for (guint i = LW_N_BUILTINS; i < config->properties->len; i++)
    {
      guint index = i - LW_N_BUILTINS;
      GtkWidget *row = create_property_row (self, index);

      restore_expanded (row, properties_open, index);
      adw_preferences_group_add (self->properties_group, row);
      g_ptr_array_add (self->property_rows, row);
    }

  for (guint i = 0; i < config->activities->len; i++)
    {
      GtkWidget *row = _lw_properties_page_create_activity_row (self, i);

      restore_expanded (row, activities_open, i);
      adw_preferences_group_add (self->activities_group, row);
      g_ptr_array_add (self->activity_rows, row);
    }

  self->building = FALSE;

  update_marks (self);

  if (self->refocus_path != NULL)
    {
      g_autofree char *path = g_steal_pointer (&self->refocus_path);

      reveal_path (self, path, self->refocus_button);
      self->refocus_button = NULL;
    }
}

/* ---- LwPage -------------------------------------------------------------------------- */

static GtkWidget *
find_field_row_in (GtkWidget  *widget,
                   const char *field,
                   guint       option)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_LIST_BOX_ROW (child) &&
          g_strcmp0 (g_object_get_data (G_OBJECT (child), "lw-field"), field) == 0 &&
          (option == 0 || row_option (child) == option))
        return child;
      found = find_field_row_in (child, field, option);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The widget to focus for the rest of a path (".options[2].value", ".id")
 * below @expander, or NULL. */
static GtkWidget *
find_field_row (GtkWidget  *expander,
                const char *rest)
{
  g_autofree char *field = NULL;
  GtkWidget *row;
  GtkWidget *entry;
  guint option = 0;
  gsize n;

  if (rest == NULL || rest[0] != '.')
    return NULL;
  n = strcspn (rest + 1, ".[");
  field = g_strndup (rest + 1, n);
  if (rest[1 + n] == '[')
    option = (guint) g_ascii_strtoull (rest + 2 + n, NULL, 10) + 1;

  row = find_field_row_in (expander, field, option);
  entry = row != NULL ? g_object_get_data (G_OBJECT (row), "lw-entry") : NULL;
  return entry != NULL ? entry : row;
}

static GtkWidget *
find_widget_with_field (GtkWidget  *widget,
                        const char *field)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (g_strcmp0 (g_object_get_data (G_OBJECT (child), "lw-field"), field) == 0)
        return child;
      found = find_widget_with_field (child, field);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Opens and focuses the row for @path; in it, @button when set and
 * sensitive. */
static void
reveal_path (LwPropertiesPage *self,
             const char       *path,
             const char       *button)
{
  GPtrArray *rows = NULL;
  const char *prefix = NULL;
  GtkWidget *target = NULL;
  GtkWidget *field;
  int index;

  if (lw_editor_path_within (path, "$.properties"))
    rows = self->property_rows, prefix = "$.properties";
  else if (lw_editor_path_within (path, "$.activities"))
    rows = self->activity_rows, prefix = "$.activities";
  else
    return;

  index = lw_editor_path_index (path, prefix);
  if (index < 0 || (guint) index >= rows->len)
    return;

  target = g_ptr_array_index (rows, index);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (target), TRUE);
  field = find_field_row (target, strchr (path + strlen (prefix), ']') + 1);
  if (field != NULL && button != NULL)
    {
      GtkWidget *row = GTK_IS_LIST_BOX_ROW (field) ? field : gtk_widget_get_ancestor (field, GTK_TYPE_LIST_BOX_ROW);
      GtkWidget *found = row != NULL ? find_widget_with_field (row, button) : NULL;

      if (found != NULL && gtk_widget_is_sensitive (found))
        field = found;
    }
  lw_properties_page_focus_revealed (field != NULL ? field : target);
}

static void
lw_properties_page_reveal (LwPage     *page,
                           const char *path)
{
  reveal_path (LW_PROPERTIES_PAGE (page), path, NULL);
}

static void
lw_properties_page_page_init (LwPageInterface *iface)
{
  iface->reveal = lw_properties_page_reveal;
}

/* ---- GObject ------------------------------------------------------------------------- */

static void
workspace_changed_cb (LwPropertiesPage *self)
{
  if (self->applying)
    return;
  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  g_clear_pointer (&self->refocus_path, g_free);
  rebuild (self);
}

static void
lw_properties_page_constructed (GObject *object)
{
  LwPropertiesPage *self = LW_PROPERTIES_PAGE (object);

  G_OBJECT_CLASS (lw_properties_page_parent_class)->constructed (object);

  g_signal_connect_object (self->workspace, "changed", G_CALLBACK (workspace_changed_cb), self,
                           G_CONNECT_SWAPPED);
  rebuild_builtins (self);
  rebuild (self);
}

static void
lw_properties_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  LwPropertiesPage *self = LW_PROPERTIES_PAGE (object);

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
lw_properties_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  LwPropertiesPage *self = LW_PROPERTIES_PAGE (object);

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
lw_properties_page_dispose (GObject *object)
{
  LwPropertiesPage *self = LW_PROPERTIES_PAGE (object);

  /* Entries committing on focus-out while they go away find no workspace. */
  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  g_clear_object (&self->workspace);
  gtk_widget_dispose_template (GTK_WIDGET (self), LW_TYPE_PROPERTIES_PAGE);
  g_clear_pointer (&self->property_rows, g_ptr_array_unref);
  g_clear_pointer (&self->activity_rows, g_ptr_array_unref);
  g_clear_pointer (&self->builtin_rows, g_ptr_array_unref);
  g_clear_pointer (&self->marks, g_ptr_array_unref);
  g_clear_pointer (&self->refocus_path, g_free);

  G_OBJECT_CLASS (lw_properties_page_parent_class)->dispose (object);
}

static void
lw_properties_page_class_init (LwPropertiesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = lw_properties_page_constructed;
  object_class->dispose = lw_properties_page_dispose;
  object_class->set_property = lw_properties_page_set_property;
  object_class->get_property = lw_properties_page_get_property;

  g_object_class_override_property (object_class, PROP_WORKSPACE, "workspace");

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/leadwright/Leadwright/lw-properties-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LwPropertiesPage, preferences_page);
  gtk_widget_class_bind_template_child (widget_class, LwPropertiesPage, properties_group);
  gtk_widget_class_bind_template_child (widget_class, LwPropertiesPage, activities_group);
  gtk_widget_class_bind_template_child (widget_class, LwPropertiesPage, builtins_group);

  gtk_widget_class_install_action (widget_class, "properties.add-property", NULL, add_property_action);
  gtk_widget_class_install_action (widget_class, "properties.add-activity", NULL,
                                   _lw_properties_page_add_activity_action);
}

static void
lw_properties_page_init (LwPropertiesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->property_rows = g_ptr_array_new ();
  self->activity_rows = g_ptr_array_new ();
  self->builtin_rows = g_ptr_array_new ();
  self->marks = g_ptr_array_new_with_free_func ((GDestroyNotify) mark_free);
}

GtkWidget *
lw_properties_page_new (LwWorkspace *workspace)
{
  g_return_val_if_fail (LW_IS_WORKSPACE (workspace), NULL);

  return g_object_new (LW_TYPE_PROPERTIES_PAGE, "workspace", workspace, NULL);
}
