/* lw-new-lead-dialog.c: a live lead entered by hand
 *
 * One row per field: an entry for texts and numbers, a combo for the
 * options of an enum (and for the source), a switch for a yes/no property.
 * The values are checked by the engine's property types as the lead is
 * built; the lead is added on a worker thread with a store connection of
 * its own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "lw-live-alerts.h"
#include "lw-live-view.h"
#include "lw-live.h"
#include "lw-new-lead-dialog.h"

typedef struct
{
  const LwProperty *property;
  GtkWidget        *row;       /* AdwEntryRow, AdwComboRow or AdwActionRow (a switch) */
  GtkWidget        *control;   /* the switch */
  GPtrArray        *values;    /* a combo's option values; NULL first for "none" */
} Field;

static void
field_free (Field *field)
{
  g_clear_pointer (&field->values, g_ptr_array_unref);
  g_free (field);
}

struct _LwNewLeadDialog
{
  AdwWindow        parent_instance;

  GtkWidget       *add_button;
  GtkWidget       *error_label;
  GtkWidget       *spinner;
  AdwComboRow     *owner_row;
  AdwComboRow     *status_row;

  LwConfig        *config;
  LwStore         *store;
  char            *store_path;
  GPtrArray       *fields;        /* Field */
  GPtrArray       *owner_ids;     /* rep id per owner row item; NULL first */
  GPtrArray       *status_ids;    /* status id per status row item; NULL first */
  GCancellable    *cancellable;
  gboolean         adding;
};

G_DEFINE_FINAL_TYPE (LwNewLeadDialog, lw_new_lead_dialog, ADW_TYPE_WINDOW)

enum
{
  ADDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- fields ------------------------------------------------------------------ */

static char *
escaped (const char *text)
{
  return g_markup_escape_text (text != NULL ? text : "", -1);
}

static Field *
add_field (LwNewLeadDialog     *self,
           AdwPreferencesGroup *group,
           const LwProperty    *property,
           const char          *title)
{
  Field *field = g_new0 (Field, 1);
  g_autofree char *label = escaped (title != NULL ? title : property->label);

  field->property = property;
  switch (property->type)
    {
    case LW_PROPERTY_ENUM:
      {
        g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);

        field->values = g_ptr_array_new_with_free_func (g_free);
        if (property->index != LW_BUILTIN_SOURCE)
          {
            g_ptr_array_add (field->values, NULL);
            gtk_string_list_append (list, _("Not known"));
          }
        for (guint i = 0; i < property->options->len; i++)
          {
            const LwOption *option = g_ptr_array_index (property->options, i);

            g_ptr_array_add (field->values, g_strdup (option->value));
            gtk_string_list_append (list, option->label != NULL ? option->label : option->value);
          }
        field->row = adw_combo_row_new ();
        adw_combo_row_set_model (ADW_COMBO_ROW (field->row), G_LIST_MODEL (list));
      }
      break;

    case LW_PROPERTY_BOOLEAN:
      field->row = adw_action_row_new ();
      field->control = gtk_switch_new ();
      gtk_widget_set_valign (field->control, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (field->row), field->control);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (field->row), field->control);
      break;

    case LW_PROPERTY_NUMBER:
    case LW_PROPERTY_DATETIME:
    case LW_PROPERTY_STRING:
    case LW_PROPERTY_EMAIL:
    case LW_N_PROPERTY_TYPES:
    default:
      field->row = adw_entry_row_new ();
      break;
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (field->row), label);
  gtk_widget_set_name (field->row, property->id);
  if (property->description != NULL && ADW_IS_ACTION_ROW (field->row))
    {
      g_autofree char *description = escaped (property->description);

      adw_action_row_set_subtitle (ADW_ACTION_ROW (field->row), description);
    }
  adw_preferences_group_add (group, field->row);
  g_ptr_array_add (self->fields, field);
  return field;
}

static Field *
find_field (LwNewLeadDialog *self,
            const char      *property_id)
{
  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *field = g_ptr_array_index (self->fields, i);

      if (g_strcmp0 (field->property->id, property_id) == 0)
        return field;
    }
  return NULL;
}

/* The field's text as the lead JSON format reads it; NULL: not set. */
static char *
field_text (Field *field)
{
  if (ADW_IS_COMBO_ROW (field->row))
    {
      guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (field->row));

      if (selected >= field->values->len)
        return NULL;
      return g_strdup (g_ptr_array_index (field->values, selected));
    }
  if (field->control != NULL)
    return g_strdup (gtk_switch_get_active (GTK_SWITCH (field->control)) ? "true" : "false");
  {
    g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (field->row))));

    return *text != '\0' ? g_steal_pointer (&text) : NULL;
  }
}

static void
show_error (LwNewLeadDialog *self,
            const char      *message)
{
  gtk_label_set_label (GTK_LABEL (self->error_label), message);
  gtk_widget_set_visible (self->error_label, message != NULL);
}

/* ---- adding -------------------------------------------------------------------- */

typedef struct
{
  char           *path;
  LwStore        *store;
  LwConfig       *config;
  LwLead         *lead;
  char           *owner;
  char           *status;
  LwTime          now;
} AddData;

static void
add_data_free (AddData *data)
{
  g_free (data->path);
  g_clear_pointer (&data->store, lw_store_unref);
  g_clear_pointer (&data->lead, lw_lead_free);
  g_clear_pointer (&data->config, lw_config_unref);
  g_free (data->owner);
  g_free (data->status);
  g_free (data);
}

static void
add_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  AddData *data = task_data;
  g_autoptr(LwStore) store = NULL;
  GError *error = NULL;
  gint64 id;

  store = data->path != NULL ? lw_store_open (data->path, &error) : lw_store_ref (data->store);
  if (store == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  id = lw_live_add (store, data->config, data->lead, NULL, data->owner, data->status, NULL,
                    data->now, NULL, data->now, &error);
  if (id == 0)
    g_task_return_error (task, error);
  else
    g_task_return_int (task, id);
}

static void
set_adding (LwNewLeadDialog *self,
            gboolean         adding)
{
  self->adding = adding;
  gtk_widget_set_sensitive (self->add_button, !adding);
  gtk_widget_set_visible (self->spinner, adding);
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), adding);
}

static void
add_done (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  LwNewLeadDialog *self = LW_NEW_LEAD_DIALOG (source);
  g_autoptr(GError) error = NULL;
  gint64 id;

  id = g_task_propagate_int (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_adding (self, FALSE);
  if (error != NULL)
    {
      show_error (self, error->message);
      return;
    }
  g_signal_emit (self, signals[ADDED], 0, id);
  gtk_window_destroy (GTK_WINDOW (self));
}

void
lw_new_lead_dialog_add (LwNewLeadDialog *self)
{
  g_autoptr(LwLead) lead = NULL;
  g_autoptr(GTask) task = NULL;
  AddData *data;
  guint owner, status;
  gboolean bad = FALSE;
  gboolean any = FALSE;

  g_return_if_fail (LW_IS_NEW_LEAD_DIALOG (self));

  if (self->adding)
    return;
  show_error (self, NULL);
  lead = lw_lead_new (self->config, NULL);
  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *field = g_ptr_array_index (self->fields, i);
      g_autofree char *text = field_text (field);
      g_autoptr(GError) error = NULL;

      gtk_widget_remove_css_class (field->row, "error");
      gtk_widget_set_tooltip_text (field->row, NULL);
      if (text == NULL)
        continue;
      if (!lw_lead_set (lead, self->config, field->property->id, text, &error))
        {
          gtk_widget_add_css_class (field->row, "error");
          gtk_widget_set_tooltip_text (field->row, error->message);
          if (!bad)
            {
              /* translators: a property's label, then why its value is refused */
              g_autofree char *message = g_strdup_printf (_("%s: %s"), field->property->label, error->message);

              show_error (self, message);
              gtk_widget_grab_focus (field->row);
            }
          bad = TRUE;
          continue;
        }
      /* The source alone, always set, is no lead. */
      any |= field->property->index != LW_BUILTIN_SOURCE;
    }
  if (bad)
    return;
  if (!any)
    {
      show_error (self, _("Enter at least a name, a company or an email"));
      return;
    }

  owner = adw_combo_row_get_selected (self->owner_row);
  status = adw_combo_row_get_selected (self->status_row);
  data = g_new0 (AddData, 1);
  data->path = g_strdup (self->store_path);
  data->store = self->store_path == NULL ? lw_store_ref (self->store) : NULL;
  data->config = lw_config_ref (self->config);
  data->lead = g_steal_pointer (&lead);
  data->owner = owner < self->owner_ids->len ? g_strdup (g_ptr_array_index (self->owner_ids, owner)) : NULL;
  data->status = status < self->status_ids->len ? g_strdup (g_ptr_array_index (self->status_ids, status)) : NULL;
  data->now = lw_wall_clock_now ();

  set_adding (self, TRUE);
  task = g_task_new (self, self->cancellable, add_done, NULL);
  g_task_set_source_tag (task, lw_new_lead_dialog_add);
  g_task_set_task_data (task, data, (GDestroyNotify) add_data_free);
  g_task_run_in_thread (task, add_thread);
}

/* ---- building ------------------------------------------------------------------- */

static const LwProperty *
text_property (const LwConfig *config,
               const char     *id)
{
  const LwProperty *property = lw_config_find_property (config, id);

  if (property == NULL || property->builtin ||
      (property->type != LW_PROPERTY_STRING && property->type != LW_PROPERTY_EMAIL))
    return NULL;
  return property;
}

static AdwComboRow *
add_choice_row (AdwPreferencesGroup *group,
                const char          *title,
                const char          *none,
                const char          *name)
{
  GtkWidget *row = adw_combo_row_new ();
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);

  gtk_string_list_append (list, none);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (list));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  gtk_widget_set_name (row, name);
  adw_preferences_group_add (group, row);
  return ADW_COMBO_ROW (row);
}

static void
build_fields (LwNewLeadDialog *self,
              GtkWidget       *page)
{
  static const char * const names[] = { "first_name", "last_name", "firstname", "lastname", "name",
                                        "full_name", "company", "email" };
  g_autoptr(GPtrArray) matter = lw_live_view_properties_that_matter (self->config);
  AdwPreferencesGroup *group;
  gboolean source_asked = FALSE;
  GtkStringList *list;

  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (group, _("Lead"));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), group);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      const LwProperty *property = text_property (self->config, names[i]);

      /* A full name only when there are no first and last names. */
      if (property != NULL && (i < 4 || i > 5 || find_field (self, "first_name") == NULL))
        add_field (self, group, property, NULL);
    }
  for (guint i = 0; i < matter->len; i++)
    source_asked |= ((const LwProperty *) g_ptr_array_index (matter, i))->index == LW_BUILTIN_SOURCE;
  /* Where it came from: entered by hand, unless said otherwise. */
  {
    Field *source = add_field (self, group, lw_config_builtin (self->config, LW_BUILTIN_SOURCE), _("Source"));

    for (guint i = 0; i < source->values->len; i++)
      if (g_strcmp0 (g_ptr_array_index (source->values, i), "manual") == 0)
        adw_combo_row_set_selected (ADW_COMBO_ROW (source->row), i);
  }

  if (matter->len > (source_asked ? 1u : 0u))
    {
      group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
      adw_preferences_group_set_title (group, _("What the Rules Look At"));
      adw_preferences_group_set_description (group, _("Routing, SLA policies and scoring read these"));
      adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), group);
      for (guint i = 0; i < matter->len; i++)
        {
          const LwProperty *property = g_ptr_array_index (matter, i);

          if (property->index != LW_BUILTIN_SOURCE && find_field (self, property->id) == NULL)
            add_field (self, group, property, NULL);
        }
    }

  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (group, _("Assignment"));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), group);
  self->owner_row = add_choice_row (group, _("_Owner"), _("By the routing rules"), "owner");
  list = GTK_STRING_LIST (adw_combo_row_get_model (self->owner_row));
  g_ptr_array_add (self->owner_ids, NULL);
  for (guint i = 0; i < self->config->reps->len; i++)
    {
      const LwRep *rep = g_ptr_array_index (self->config->reps, i);

      g_ptr_array_add (self->owner_ids, g_strdup (rep->id));
      gtk_string_list_append (list, rep->name != NULL ? rep->name : rep->id);
    }
  self->status_row = add_choice_row (group, _("Lead _Status"), _("None yet"), "status");
  list = GTK_STRING_LIST (adw_combo_row_get_model (self->status_row));
  g_ptr_array_add (self->status_ids, NULL);
  for (guint i = 0; i < self->config->statuses->len; i++)
    {
      const LwStatus *status = g_ptr_array_index (self->config->statuses, i);

      g_ptr_array_add (self->status_ids, g_strdup (status->id));
      gtk_string_list_append (list, status->label != NULL ? status->label : status->id);
    }
}

/* ---- GObject ------------------------------------------------------------------------ */

static void
lw_new_lead_dialog_dispose (GObject *object)
{
  LwNewLeadDialog *self = LW_NEW_LEAD_DIALOG (object);

  g_cancellable_cancel (self->cancellable);

  G_OBJECT_CLASS (lw_new_lead_dialog_parent_class)->dispose (object);
}

static void
lw_new_lead_dialog_finalize (GObject *object)
{
  LwNewLeadDialog *self = LW_NEW_LEAD_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->config, lw_config_unref);
  g_clear_pointer (&self->store, lw_store_unref);
  g_free (self->store_path);
  g_ptr_array_unref (self->fields);
  g_ptr_array_unref (self->owner_ids);
  g_ptr_array_unref (self->status_ids);

  G_OBJECT_CLASS (lw_new_lead_dialog_parent_class)->finalize (object);
}

static void
lw_new_lead_dialog_class_init (LwNewLeadDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lw_new_lead_dialog_dispose;
  object_class->finalize = lw_new_lead_dialog_finalize;

  /* The lead was added: its live lead id. */
  signals[ADDED] = g_signal_new ("added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
lw_new_lead_dialog_init (LwNewLeadDialog *self)
{
  self->cancellable = g_cancellable_new ();
  self->fields = g_ptr_array_new_with_free_func ((GDestroyNotify) field_free);
  self->owner_ids = g_ptr_array_new_with_free_func (g_free);
  self->status_ids = g_ptr_array_new_with_free_func (g_free);
}

GtkWidget *
lw_new_lead_dialog_new (GtkWindow  *parent,
                        LwConfig   *config,
                        LwStore    *store,
                        const char *store_path)
{
  LwNewLeadDialog *self;
  GtkWidget *box, *header, *cancel, *page, *title;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (config != NULL, NULL);
  g_return_val_if_fail (store != NULL || store_path != NULL, NULL);

  self = g_object_new (LW_TYPE_NEW_LEAD_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       "title", _("New Lead"),
                       "default-width", 520,
                       "default-height", 640,
                       NULL);
  self->config = lw_config_ref (config);
  self->store = store != NULL ? lw_store_ref (store) : NULL;
  self->store_path = g_strdup (store_path);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  title = adw_window_title_new (_("New Lead"), _("A live lead, on the SLA clock from now"));
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), title);
  cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "window.close");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  self->add_button = gtk_button_new_with_mnemonic (_("_Add"));
  gtk_widget_set_name (self->add_button, "add");
  gtk_widget_add_css_class (self->add_button, "suggested-action");
  g_signal_connect_swapped (self->add_button, "clicked", G_CALLBACK (lw_new_lead_dialog_add), self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->add_button);
  self->spinner = gtk_spinner_new ();
  gtk_widget_set_visible (self->spinner, FALSE);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->spinner);
  gtk_box_append (GTK_BOX (box), header);

  self->error_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->error_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->error_label), 0);
  gtk_widget_add_css_class (self->error_label, "error");
  gtk_widget_set_margin_top (self->error_label, 12);
  gtk_widget_set_margin_start (self->error_label, 18);
  gtk_widget_set_margin_end (self->error_label, 18);
  gtk_widget_set_visible (self->error_label, FALSE);
  gtk_box_append (GTK_BOX (box), self->error_label);

  page = adw_preferences_page_new ();
  gtk_widget_set_vexpand (page, TRUE);
  build_fields (self, page);
  gtk_box_append (GTK_BOX (box), page);
  adw_window_set_content (ADW_WINDOW (self), box);
  gtk_window_set_default_widget (GTK_WINDOW (self), self->add_button);
  return GTK_WIDGET (self);
}

gboolean
lw_new_lead_dialog_set_field (LwNewLeadDialog *self,
                              const char      *property_id,
                              const char      *text)
{
  Field *field;

  g_return_val_if_fail (LW_IS_NEW_LEAD_DIALOG (self), FALSE);
  g_return_val_if_fail (property_id != NULL, FALSE);

  field = find_field (self, property_id);
  if (field == NULL)
    return FALSE;
  if (ADW_IS_COMBO_ROW (field->row))
    {
      for (guint i = 0; i < field->values->len; i++)
        if (g_strcmp0 (g_ptr_array_index (field->values, i), text) == 0)
          {
            adw_combo_row_set_selected (ADW_COMBO_ROW (field->row), i);
            return TRUE;
          }
      return FALSE;
    }
  if (field->control != NULL)
    gtk_switch_set_active (GTK_SWITCH (field->control), g_strcmp0 (text, "true") == 0);
  else
    gtk_editable_set_text (GTK_EDITABLE (field->row), text != NULL ? text : "");
  return TRUE;
}
