/* lw-condition-editor.c: the condition builder every editor shares
 *
 * The editor keeps its own copy of the condition. Structural edits (a filter
 * or group added or removed, a property or operator changed) rebuild the
 * rows; value edits change the copy in place. Text values are taken when
 * the entry is activated or loses focus, so one edit is one undo step.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "lw-condition-editor.h"
#include "lw-editor-utils.h"

struct _LwConditionEditor
{
  GtkWidget    parent_instance;

  GtkWidget   *box;        /* the rows */
  LwConfig    *config;
  LwCondition *condition;
};

G_DEFINE_FINAL_TYPE (LwConditionEditor, lw_condition_editor, GTK_TYPE_WIDGET)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void rebuild (LwConditionEditor *self);

/* Where a widget's edit goes: group and filter index. */
typedef struct
{
  LwConditionEditor *self;
  guint              group;
  guint              filter;
} Slot;

static Slot *
slot_new (LwConditionEditor *self,
          guint              group,
          guint              filter)
{
  Slot *slot = g_new (Slot, 1);

  slot->self = self;
  slot->group = group;
  slot->filter = filter;
  return slot;
}

static void
slot_free (gpointer  data,
           GClosure *closure)
{
  g_free (data);
}

/* Connects @callback to @signal of @instance with its own Slot. */
static void
connect_slot (gpointer           instance,
              const char        *signal,
              GCallback          callback,
              LwConditionEditor *self,
              guint              group,
              guint              filter)
{
  g_signal_connect_data (instance, signal, callback, slot_new (self, group, filter), slot_free, 0);
}

/* Rebuilding destroys the widget whose handler asks for it: do it once the
 * handler has returned. */
static void
rebuild_idle_cb (gpointer data)
{
  g_autoptr(LwConditionEditor) self = data;

  rebuild (self);
}

static void
schedule_rebuild (LwConditionEditor *self)
{
  g_idle_add_once (rebuild_idle_cb, g_object_ref (self));
}

static LwFilter *
slot_filter (const Slot *slot)
{
  LwFilterGroup *group = g_ptr_array_index (slot->self->condition->groups, slot->group);

  return g_ptr_array_index (group->filters, slot->filter);
}

static const LwProperty *
filter_property (LwConditionEditor *self,
                 const LwFilter    *filter)
{
  return self->config != NULL ? lw_config_find_property (self->config, filter->property) : NULL;
}

static void
emit_changed (LwConditionEditor *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

/* The first operator that applies to @type. */
static LwOperator
first_operator (LwPropertyType type)
{
  for (int op = 0; op < LW_N_OPERATORS; op++)
    if (lw_operator_applies_to (op, type))
      return op;
  return LW_OP_HAS_PROPERTY;
}

static gboolean
takes_values (LwOperator op)
{
  return op == LW_OP_IN || op == LW_OP_NOT_IN;
}

static gboolean
takes_no_value (LwOperator op)
{
  return op == LW_OP_HAS_PROPERTY || op == LW_OP_NOT_HAS_PROPERTY;
}

/* Keeps the filter's values in the shape its operator needs. */
static void
reshape_values (LwFilter *filter)
{
  if (takes_no_value (filter->op))
    {
      g_clear_pointer (&filter->value, g_free);
      g_clear_pointer (&filter->high_value, g_free);
      g_clear_pointer (&filter->values, g_strfreev);
    }
  else if (takes_values (filter->op))
    {
      if (filter->values == NULL)
        {
          const char *one[] = { filter->value, NULL };

          filter->values = filter->value ? g_strdupv ((char **) one) : g_new0 (char *, 1);
        }
      g_clear_pointer (&filter->value, g_free);
      g_clear_pointer (&filter->high_value, g_free);
    }
  else
    {
      if (filter->value == NULL && filter->values != NULL && filter->values[0] != NULL)
        filter->value = g_strdup (filter->values[0]);
      g_clear_pointer (&filter->values, g_strfreev);
      if (filter->op != LW_OP_BETWEEN)
        g_clear_pointer (&filter->high_value, g_free);
    }
}

/* ---- value widgets --------------------------------------------------------- */

static void
take_entry_text (GtkEntry *entry,
                 Slot     *slot,
                 gboolean  high)
{
  LwFilter *filter = slot_filter (slot);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  char **field = high ? &filter->high_value : &filter->value;

  if (takes_values (filter->op))
    {
      g_auto(GStrv) parts = g_strsplit (text, ",", -1);
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

      for (guint i = 0; parts[i] != NULL; i++)
        {
          g_strstrip (parts[i]);
          if (parts[i][0] != '\0')
            g_strv_builder_add (builder, parts[i]);
        }
      g_strfreev (filter->values);
      filter->values = g_strv_builder_end (builder);
    }
  else
    {
      if (g_strcmp0 (*field, text) == 0)
        return;
      g_free (*field);
      *field = g_strdup (text);
    }

  emit_changed (slot->self);
}

static void
entry_activate_cb (GtkEntry *entry,
                   Slot     *slot)
{
  take_entry_text (entry, slot, GPOINTER_TO_INT (g_object_get_data (G_OBJECT (entry), "lw-high")));
}

static void
entry_focus_leave_cb (GtkEventControllerFocus *controller,
                      Slot                    *slot)
{
  GtkWidget *entry = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));

  take_entry_text (GTK_ENTRY (entry), slot, GPOINTER_TO_INT (g_object_get_data (G_OBJECT (entry), "lw-high")));
}

static GtkWidget *
create_entry (Slot           *slot,
              const char     *text,
              const char     *placeholder,
              gboolean        high,
              LwPropertyType  type)
{
  GtkWidget *entry = gtk_entry_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();

  gtk_editable_set_text (GTK_EDITABLE (entry), text ? text : "");
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  gtk_widget_set_hexpand (entry, TRUE);
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), 8);
  if (type == LW_PROPERTY_NUMBER)
    gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_NUMBER);
  else if (type == LW_PROPERTY_EMAIL)
    gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_EMAIL);
  g_object_set_data (G_OBJECT (entry), "lw-high", GINT_TO_POINTER (high));
  connect_slot (entry, "activate", G_CALLBACK (entry_activate_cb), slot->self, slot->group, slot->filter);
  connect_slot (focus, "leave", G_CALLBACK (entry_focus_leave_cb), slot->self, slot->group, slot->filter);
  gtk_widget_add_controller (entry, focus);
  return entry;
}

static void
option_selected_cb (GtkDropDown *dropdown,
                    GParamSpec  *pspec,
                    Slot        *slot)
{
  LwFilter *filter = slot_filter (slot);
  const LwProperty *property = filter_property (slot->self, filter);
  guint position = gtk_drop_down_get_selected (dropdown);
  const char *value;

  if (property == NULL || position == GTK_INVALID_LIST_POSITION)
    return;

  if (property->type == LW_PROPERTY_BOOLEAN)
    value = position == 0 ? "true" : "false";
  else
    value = ((LwOption *) g_ptr_array_index (property->options, position))->value;

  if (g_strcmp0 (filter->value, value) == 0)
    return;
  g_free (filter->value);
  filter->value = g_strdup (value);
  emit_changed (slot->self);
}

static GtkWidget *
create_option_dropdown (Slot             *slot,
                        const LwProperty *property,
                        const char       *value)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  GtkWidget *dropdown;
  guint selected = GTK_INVALID_LIST_POSITION;

  if (property->type == LW_PROPERTY_BOOLEAN)
    {
      gtk_string_list_append (labels, _("Yes"));
      gtk_string_list_append (labels, _("No"));
      selected = g_strcmp0 (value, "false") == 0 ? 1 : 0;
    }
  else
    {
      for (guint i = 0; i < property->options->len; i++)
        {
          const LwOption *option = g_ptr_array_index (property->options, i);

          gtk_string_list_append (labels, option->label ? option->label : option->value);
          if (value != NULL && g_ascii_strcasecmp (value, option->value) == 0)
            selected = i;
        }
    }

  dropdown = lw_editor_drop_down_new (G_LIST_MODEL (g_steal_pointer (&labels)), 4);
  gtk_widget_set_hexpand (dropdown, TRUE);
  if (selected != GTK_INVALID_LIST_POSITION)
    gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), selected);
  else
    gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), GTK_INVALID_LIST_POSITION);
  connect_slot (dropdown, "notify::selected", G_CALLBACK (option_selected_cb), slot->self, slot->group, slot->filter);
  return dropdown;
}

static char *
describe_values (const LwProperty *property,
                 GStrv             values)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    {
      const char *label = values[i];

      for (guint j = 0; property->options != NULL && j < property->options->len; j++)
        {
          const LwOption *option = g_ptr_array_index (property->options, j);

          if (g_ascii_strcasecmp (option->value, values[i]) == 0 && option->label != NULL)
            label = option->label;
        }
      if (i > 0)
        g_string_append (text, ", ");
      g_string_append (text, label);
    }
  if (text->len == 0)
    g_string_append (text, _("Choose…"));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
option_toggled_cb (GtkCheckButton *check,
                   Slot           *slot)
{
  LwFilter *filter = slot_filter (slot);
  const LwProperty *property = filter_property (slot->self, filter);
  const char *value = g_object_get_data (G_OBJECT (check), "lw-value");
  GtkWidget *button = g_object_get_data (G_OBJECT (check), "lw-button");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *label = NULL;
  gboolean active = gtk_check_button_get_active (check);

  /* Keep the catalogue's order. */
  for (guint i = 0; i < property->options->len; i++)
    {
      const LwOption *option = g_ptr_array_index (property->options, i);
      gboolean chosen = filter->values != NULL && g_strv_contains ((const char * const *) filter->values, option->value);

      if (g_strcmp0 (option->value, value) == 0)
        chosen = active;
      if (chosen)
        g_strv_builder_add (builder, option->value);
    }
  g_strfreev (filter->values);
  filter->values = g_strv_builder_end (builder);

  label = describe_values (property, filter->values);
  gtk_label_set_label (GTK_LABEL (gtk_menu_button_get_child (GTK_MENU_BUTTON (button))), label);
  gtk_widget_set_tooltip_text (button, label);
  emit_changed (slot->self);
}

static GtkWidget *
create_option_multi_select (Slot             *slot,
                            const LwProperty *property,
                            GStrv             values)
{
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *list = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *text;
  g_autofree char *label = describe_values (property, values);

  for (guint i = 0; i < property->options->len; i++)
    {
      const LwOption *option = g_ptr_array_index (property->options, i);
      GtkWidget *check = gtk_check_button_new_with_label (option->label ? option->label : option->value);

      gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                   values != NULL && g_strv_contains ((const char * const *) values, option->value));
      g_object_set_data (G_OBJECT (check), "lw-value", option->value);
      g_object_set_data (G_OBJECT (check), "lw-button", button);
      connect_slot (check, "toggled", G_CALLBACK (option_toggled_cb), slot->self, slot->group, slot->filter);
      gtk_box_append (GTK_BOX (list), check);
    }

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 360);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), list);
  gtk_popover_set_child (GTK_POPOVER (popover), scroller);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  /* A long choice must not widen the editor: the label ellipsizes and the
   * tooltip shows it whole. */
  text = gtk_label_new (label);
  gtk_label_set_ellipsize (GTK_LABEL (text), PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (GTK_LABEL (text), 8);
  gtk_label_set_xalign (GTK_LABEL (text), 0);
  gtk_menu_button_set_child (GTK_MENU_BUTTON (button), text);
  gtk_widget_set_tooltip_text (button, label);
  gtk_widget_set_hexpand (button, TRUE);
  return button;
}

static GtkWidget *
create_value_widget (Slot           *slot,
                     const LwFilter *filter)
{
  const LwProperty *property = filter_property (slot->self, filter);
  LwPropertyType type = property ? property->type : LW_PROPERTY_STRING;
  const char *placeholder;

  if (takes_no_value (filter->op))
    return NULL;

  if (property != NULL && (type == LW_PROPERTY_ENUM || type == LW_PROPERTY_BOOLEAN))
    {
      if (takes_values (filter->op) && type == LW_PROPERTY_ENUM)
        return create_option_multi_select (slot, property, filter->values);
      if (filter->op == LW_OP_EQ || filter->op == LW_OP_NEQ)
        return create_option_dropdown (slot, property, filter->value);
    }

  switch (type)
    {
    case LW_PROPERTY_NUMBER:
      placeholder = _("Number");
      break;
    case LW_PROPERTY_DATETIME:
      placeholder = _("2026-03-09T14:00:00Z");
      break;
    case LW_PROPERTY_EMAIL:
      placeholder = _("name@example.com");
      break;
    default:
      placeholder = _("Text");
      break;
    }

  if (takes_values (filter->op))
    {
      g_autofree char *joined = filter->values ? g_strjoinv (", ", filter->values) : NULL;

      return create_entry (slot, joined, _("Values, separated by commas"), FALSE, type);
    }

  if (filter->op == LW_OP_BETWEEN)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *and = gtk_label_new (_("and"));

      gtk_widget_add_css_class (and, "dim-label");
      GtkWidget *low = create_entry (slot, filter->value, placeholder, FALSE, type);
      GtkWidget *high = create_entry (slot, filter->high_value, placeholder, TRUE, type);

      /* Two short numbers or dates: narrower entries keep the row within
       * a narrow window. */
      gtk_editable_set_width_chars (GTK_EDITABLE (low), 4);
      gtk_editable_set_width_chars (GTK_EDITABLE (high), 4);
      gtk_widget_add_css_class (and, "dim-label");
      gtk_box_append (GTK_BOX (box), low);
      gtk_box_append (GTK_BOX (box), and);
      gtk_box_append (GTK_BOX (box), high);
      gtk_widget_set_hexpand (box, TRUE);
      return box;
    }

  return create_entry (slot, filter->value, placeholder, FALSE, type);
}

/* ---- property and operator ------------------------------------------------------ */

static void
property_selected_cb (GtkDropDown *dropdown,
                      GParamSpec  *pspec,
                      Slot        *slot)
{
  LwConditionEditor *self = slot->self;
  LwFilter *filter = slot_filter (slot);
  guint position = gtk_drop_down_get_selected (dropdown);
  const LwProperty *property;

  if (position == GTK_INVALID_LIST_POSITION || position >= self->config->properties->len)
    return;
  property = g_ptr_array_index (self->config->properties, position);
  if (g_strcmp0 (filter->property, property->id) == 0)
    return;

  g_free (filter->property);
  filter->property = g_strdup (property->id);
  if (!lw_operator_applies_to (filter->op, property->type))
    filter->op = first_operator (property->type);
  g_clear_pointer (&filter->value, g_free);
  g_clear_pointer (&filter->high_value, g_free);
  g_clear_pointer (&filter->values, g_strfreev);
  reshape_values (filter);

  schedule_rebuild (self);
  emit_changed (self);
}

static void
operator_selected_cb (GtkDropDown *dropdown,
                      GParamSpec  *pspec,
                      Slot        *slot)
{
  LwConditionEditor *self = slot->self;
  LwFilter *filter = slot_filter (slot);
  const int *ops = g_object_get_data (G_OBJECT (dropdown), "lw-ops");
  guint position = gtk_drop_down_get_selected (dropdown);

  if (position == GTK_INVALID_LIST_POSITION || ops == NULL || (LwOperator) ops[position] == filter->op)
    return;

  filter->op = ops[position];
  reshape_values (filter);

  schedule_rebuild (self);
  emit_changed (self);
}

static GtkWidget *
create_property_dropdown (Slot           *slot,
                          const LwFilter *filter)
{
  LwConditionEditor *self = slot->self;
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  guint selected = GTK_INVALID_LIST_POSITION;
  GtkWidget *dropdown;

  for (guint i = 0; i < self->config->properties->len; i++)
    {
      const LwProperty *property = g_ptr_array_index (self->config->properties, i);

      gtk_string_list_append (labels, property->label ? property->label : property->id);
      if (g_strcmp0 (property->id, filter->property) == 0)
        selected = i;
    }

  dropdown = lw_editor_drop_down_new (G_LIST_MODEL (g_steal_pointer (&labels)), 4);
  gtk_drop_down_set_enable_search (GTK_DROP_DOWN (dropdown), TRUE);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), selected);
  gtk_widget_set_tooltip_text (dropdown, _("Property"));
  connect_slot (dropdown, "notify::selected", G_CALLBACK (property_selected_cb), self, slot->group, slot->filter);
  return dropdown;
}

static GtkWidget *
create_operator_dropdown (Slot           *slot,
                          const LwFilter *filter)
{
  const LwProperty *property = filter_property (slot->self, filter);
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  int *ops = g_new0 (int, LW_N_OPERATORS);
  guint n = 0, selected = 0;
  GtkWidget *dropdown;

  for (int op = 0; op < LW_N_OPERATORS; op++)
    {
      if (property != NULL && !lw_operator_applies_to (op, property->type))
        continue;
      if (op == (int) filter->op)
        selected = n;
      ops[n++] = op;
      gtk_string_list_append (labels, lw_operator_to_symbol (op));
    }

  dropdown = lw_editor_drop_down_new (G_LIST_MODEL (g_steal_pointer (&labels)), 4);
  g_object_set_data_full (G_OBJECT (dropdown), "lw-ops", ops, g_free);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), selected);
  gtk_widget_set_tooltip_text (dropdown, _("Operator"));
  connect_slot (dropdown, "notify::selected", G_CALLBACK (operator_selected_cb), slot->self, slot->group, slot->filter);
  return dropdown;
}

/* ---- structure ------------------------------------------------------------------- */

static LwFilter *
new_default_filter (LwConditionEditor *self)
{
  const LwProperty *property = NULL;
  LwFilter *filter;

  /* The first property the admin defined, else the first built-in. */
  if (self->config != NULL && self->config->properties->len > 0)
    property = g_ptr_array_index (self->config->properties,
                                  self->config->properties->len > LW_N_BUILTINS ? LW_N_BUILTINS : 0);

  filter = lw_filter_new (property ? property->id : "lifecycle_stage",
                          property ? first_operator (property->type) : LW_OP_EQ,
                          NULL);
  reshape_values (filter);
  return filter;
}

static void
add_filter_clicked_cb (GtkButton *button,
                       Slot      *slot)
{
  LwConditionEditor *self = slot->self;
  LwFilterGroup *group;

  if (slot->group >= self->condition->groups->len)
    {
      group = lw_filter_group_new ();
      g_ptr_array_add (self->condition->groups, group);
    }
  else
    {
      group = g_ptr_array_index (self->condition->groups, slot->group);
    }
  g_ptr_array_add (group->filters, new_default_filter (self));

  schedule_rebuild (self);
  emit_changed (self);
}

static void
remove_filter_clicked_cb (GtkButton *button,
                          Slot      *slot)
{
  LwConditionEditor *self = slot->self;
  LwFilterGroup *group = g_ptr_array_index (self->condition->groups, slot->group);

  g_ptr_array_remove_index (group->filters, slot->filter);
  if (group->filters->len == 0)
    g_ptr_array_remove_index (self->condition->groups, slot->group);

  schedule_rebuild (self);
  emit_changed (self);
}

static GtkWidget *
create_filter_row (LwConditionEditor *self,
                   guint              group_index,
                   guint              filter_index)
{
  LwFilterGroup *group = g_ptr_array_index (self->condition->groups, group_index);
  const LwFilter *filter = g_ptr_array_index (group->filters, filter_index);
  Slot slot = { self, group_index, filter_index };
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *value;
  GtkWidget *remove;
  GtkWidget *joiner = gtk_label_new (filter_index == 0 ? _("If") : _("and"));

  gtk_widget_add_css_class (joiner, "dim-label");
  gtk_label_set_width_chars (GTK_LABEL (joiner), 3);
  gtk_label_set_xalign (GTK_LABEL (joiner), 0);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);

  gtk_box_append (GTK_BOX (box), joiner);
  gtk_box_append (GTK_BOX (box), create_property_dropdown (&slot, filter));
  gtk_box_append (GTK_BOX (box), create_operator_dropdown (&slot, filter));
  value = create_value_widget (&slot, filter);
  if (value != NULL)
    gtk_box_append (GTK_BOX (box), value);
  else
    gtk_widget_set_hexpand (joiner, TRUE);

  remove = gtk_button_new_from_icon_name ("list-remove-symbolic");
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove Condition"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Remove Condition"), -1);
  connect_slot (remove, "clicked", G_CALLBACK (remove_filter_clicked_cb), self, group_index, filter_index);
  gtk_box_append (GTK_BOX (box), remove);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  return row;
}

static GtkWidget *
create_add_button (LwConditionEditor *self,
                   guint              group_index,
                   const char        *label)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *content = adw_button_content_new ();

  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), "list-add-symbolic");
  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), label);
  gtk_button_set_child (GTK_BUTTON (button), content);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  connect_slot (button, "clicked", G_CALLBACK (add_filter_clicked_cb), self, group_index, 0);
  return button;
}

static void
rebuild (LwConditionEditor *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->box)) != NULL)
    gtk_box_remove (GTK_BOX (self->box), child);

  if (self->config == NULL || self->condition == NULL)
    return;

  if (self->condition->groups->len == 0)
    {
      GtkWidget *every = gtk_label_new (_("Every lead matches."));

      gtk_widget_add_css_class (every, "dim-label");
      gtk_label_set_xalign (GTK_LABEL (every), 0);
      gtk_box_append (GTK_BOX (self->box), every);
    }

  for (guint g = 0; g < self->condition->groups->len; g++)
    {
      LwFilterGroup *group = g_ptr_array_index (self->condition->groups, g);
      GtkWidget *list = gtk_list_box_new ();

      if (g > 0)
        {
          GtkWidget *or = gtk_label_new (_("or"));

          gtk_widget_add_css_class (or, "heading");
          gtk_widget_add_css_class (or, "dim-label");
          gtk_box_append (GTK_BOX (self->box), or);
        }

      gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
      gtk_widget_add_css_class (list, "boxed-list");
      for (guint f = 0; f < group->filters->len; f++)
        gtk_list_box_append (GTK_LIST_BOX (list), create_filter_row (self, g, f));
      gtk_box_append (GTK_BOX (self->box), list);
      gtk_box_append (GTK_BOX (self->box), create_add_button (self, g, _("And…")));
    }

  gtk_box_append (GTK_BOX (self->box),
                  create_add_button (self, self->condition->groups->len,
                                     self->condition->groups->len == 0 ? _("Add Condition")
                                                                       : _("Or Another Group…")));
}

/* ---- GObject ------------------------------------------------------------------------ */

static void
lw_condition_editor_dispose (GObject *object)
{
  LwConditionEditor *self = LW_CONDITION_EDITOR (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_pointer (&self->condition, lw_condition_free);
  g_clear_pointer (&self->config, lw_config_unref);

  G_OBJECT_CLASS (lw_condition_editor_parent_class)->dispose (object);
}

static void
lw_condition_editor_class_init (LwConditionEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lw_condition_editor_dispose;

  /* Emitted after every edit the person makes; not after set_condition(). */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "conditioneditor");
}

static void
lw_condition_editor_init (LwConditionEditor *self)
{
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
  self->condition = lw_condition_new ();
}

GtkWidget *
lw_condition_editor_new (void)
{
  return g_object_new (LW_TYPE_CONDITION_EDITOR, NULL);
}

void
lw_condition_editor_set_config (LwConditionEditor *self,
                                LwConfig          *config)
{
  g_return_if_fail (LW_IS_CONDITION_EDITOR (self));

  if (self->config == config)
    return;
  g_clear_pointer (&self->config, lw_config_unref);
  self->config = config ? lw_config_ref (config) : NULL;
  rebuild (self);
}

void
lw_condition_editor_set_condition (LwConditionEditor *self,
                                   const LwCondition *condition)
{
  g_return_if_fail (LW_IS_CONDITION_EDITOR (self));

  g_clear_pointer (&self->condition, lw_condition_free);
  self->condition = condition ? lw_condition_copy (condition) : lw_condition_new ();
  rebuild (self);
}

LwCondition *
lw_condition_editor_dup_condition (LwConditionEditor *self)
{
  g_return_val_if_fail (LW_IS_CONDITION_EDITOR (self), NULL);

  return lw_condition_copy (self->condition);
}

char *
lw_condition_editor_dup_summary (LwConditionEditor *self)
{
  g_return_val_if_fail (LW_IS_CONDITION_EDITOR (self), NULL);

  if (self->config == NULL)
    return g_strdup ("");
  return lw_condition_describe (self->condition, self->config);
}
