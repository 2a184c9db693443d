/* lw-routing-page.c: the routing editor
 *
 * The ordered rule list (first match wins), each rule with its condition
 * and assignment; the fallback owner, always visible; and a test box that
 * shows the route a sample lead takes, rule by rule.
 *
 * Every edit takes a copy of the rule set from the workspace, changes it and
 * hands it back. Edits made here update the rows' marks in place; anything
 * else (undo, redo, an import) rebuilds the rows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "lw-condition-editor.h"
#include "lw-editor-utils.h"
#include "lw-page.h"
#include "lw-routing-page.h"
#include "lw-routing.h"
#include "lw-scoring.h"
#include "lw-sla.h"

struct _LwRoutingPage
{
  GtkWidget             parent_instance;

  /* template widgets */
  AdwPreferencesPage   *preferences_page;
  AdwPreferencesGroup  *rules_group;
  AdwComboRow          *fallback_row;
  AdwPreferencesGroup  *test_group;
  AdwPreferencesGroup  *result_group;

  /* owned */
  LwWorkspace          *workspace;
  GPtrArray            *rule_rows;     /* AdwExpanderRow, borrowed from the group */
  GPtrArray            *test_rows;     /* rows of the test box, borrowed */
  GPtrArray            *result_rows;   /* rows of the route, borrowed */
  GHashTable           *test_values;   /* property id -> text */
  char                 *test_signature; /* the properties the test box offers */
  gboolean              applying;
  gboolean              building;
};

static void lw_routing_page_page_init (LwPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LwRoutingPage, lw_routing_page, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (LW_TYPE_PAGE, lw_routing_page_page_init))

enum {
  PROP_0,
  PROP_WORKSPACE,
  N_PROPS
};

static void rebuild          (LwRoutingPage *self);
static void rebuild_test_box (LwRoutingPage *self,
                              gboolean       force);
static void update_route     (LwRoutingPage *self);

static const char *
assign_kind_label (LwAssignKind kind)
{
  switch (kind)
    {
    case LW_ASSIGN_OWNER:         return _("A named owner");
    case LW_ASSIGN_POOL:          return _("A round-robin pool");
    case LW_ASSIGN_ACCOUNT_OWNER: return _("The account owner");
    case LW_ASSIGN_TERRITORY:     return _("A territory map");
    default:                      g_assert_not_reached ();
    }
}

static char *
describe_target (const LwConfig *config,
                 const LwTarget *target)
{
  if (target->owner != NULL)
    {
      const LwRep *rep = lw_config_find_rep (config, target->owner);

      return g_strdup (rep != NULL ? rep->name : target->owner);
    }
  if (target->pool != NULL)
    {
      const LwPool *pool = lw_config_find_pool (config, target->pool);

      /* translators: %s is a pool's name, "EMEA SDRs" */
      return g_strdup_printf (_("round robin in %s"), pool != NULL ? pool->label : target->pool);
    }
  return g_strdup (_("nobody"));
}

static char *
describe_assignment (const LwConfig      *config,
                     const LwRoutingRule *rule)
{
  switch (rule->kind)
    {
    case LW_ASSIGN_OWNER:
    case LW_ASSIGN_POOL:
      return describe_target (config, &rule->target);
    case LW_ASSIGN_ACCOUNT_OWNER:
      return g_strdup (_("the owner of the lead’s account"));
    case LW_ASSIGN_TERRITORY:
      {
        const LwProperty *property = rule->property ? lw_config_find_property (config, rule->property) : NULL;

        /* translators: %s is a property, "Country" */
        return g_strdup_printf (_("the territory owner by %s"), property ? property->label : "?");
      }
    default:
      g_assert_not_reached ();
    }
}

static char *
describe_rule (const LwConfig      *config,
               const LwRoutingRule *rule)
{
  g_autofree char *when = lw_condition_describe (rule->when, config);
  g_autofree char *assign = describe_assignment (config, rule);

  return g_strdup_printf ("%s → %s", when, assign);
}

/* ---- applying edits ------------------------------------------------------------ */

static void
update_marks (LwRoutingPage *self)
{
  const LwConfig *config = lw_workspace_get_config (self->workspace);

  for (guint i = 0; i < self->rule_rows->len && i < config->rules->len; i++)
    {
      AdwExpanderRow *row = g_ptr_array_index (self->rule_rows, i);
      const LwRoutingRule *rule = g_ptr_array_index (config->rules, i);
      g_autofree char *path = g_strdup_printf ("$.routing.rules[%u]", i);
      g_autofree char *summary = describe_rule (config, rule);
      g_autofree char *escaped = g_markup_escape_text (summary, -1);
      g_autofree char *title = g_markup_escape_text (rule->label ? rule->label : rule->id, -1);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      g_object_set_data_full (G_OBJECT (row), "lw-original-subtitle", g_strdup (escaped), g_free);
      if (!g_object_get_data (G_OBJECT (row), "lw-marked-subtitle"))
        adw_expander_row_set_subtitle (row, escaped);
      lw_editor_mark_row (ADW_PREFERENCES_ROW (row), self->workspace, path, TRUE);
    }

  lw_editor_mark_row (ADW_PREFERENCES_ROW (self->fallback_row), self->workspace, "$.routing.fallback", TRUE);
}

static void
rebuild_idle_cb (gpointer data)
{
  g_autoptr(LwRoutingPage) self = data;

  if (self->workspace != NULL)
    rebuild (self);
}

/* A structural edit comes from a row's own widget (a combo, a button):
 * rebuilding destroys that widget, so it happens once its handler has
 * returned. */
static void
schedule_rebuild (LwRoutingPage *self)
{
  g_idle_add_once (rebuild_idle_cb, g_object_ref (self));
}

/* Hands @config to the workspace. Structural edits rebuild the rows; the
 * others only refresh marks, so the row being edited keeps its focus. */
static void
apply (LwRoutingPage *self,
       LwConfig      *config,
       const char    *description,
       gboolean       structural)
{
  self->applying = TRUE;
  lw_workspace_apply (self->workspace, config, description);
  self->applying = FALSE;

  if (structural)
    schedule_rebuild (self);
  else
    update_marks (self);
  /* A condition on a property no rule read before: offer it. */
  rebuild_test_box (self, FALSE);
  update_route (self);
}

static LwRoutingRule *
rule_at (LwConfig *config,
         guint     index)
{
  g_return_val_if_fail (index < config->rules->len, NULL);
  return g_ptr_array_index (config->rules, index);
}

static guint
row_index (GtkWidget *widget)
{
  return GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (widget), "lw-index"));
}

static void
label_applied_cb (AdwEntryRow   *entry,
                  LwRoutingPage *self)
{
  g_autoptr(LwConfig) config = lw_workspace_dup_config (self->workspace);
  LwRoutingRule *rule = rule_at (config, row_index (GTK_WIDGET (entry)));

  g_free (rule->label);
  rule->label = g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry)));
  apply (self, g_steal_pointer (&config), _("Rename routing rule"), FALSE);
}

static void
condition_changed_cb (LwConditionEditor *editor,
                      LwRoutingPage     *self)
{
  g_autoptr(LwConfig) config = lw_workspace_dup_config (self->workspace);
  LwRoutingRule *rule = rule_at (config, row_index (GTK_WIDGET (editor)));

  lw_condition_free (rule->when);
  rule->when = lw_condition_editor_dup_condition (editor);
  apply (self, g_steal_pointer (&config), _("Edit routing condition"), FALSE);
}

static void
kind_selected_cb (AdwComboRow   *combo,
                  GParamSpec    *pspec,
                  LwRoutingPage *self)
{
  g_autoptr(LwConfig) config = NULL;
  LwRoutingRule *rule;
  LwAssignKind kind = adw_combo_row_get_selected (combo);

  if (self->building)
    return;

  config = lw_workspace_dup_config (self->workspace);
  rule = rule_at (config, row_index (GTK_WIDGET (combo)));
  if (rule->kind == kind)
    return;

  rule->kind = kind;
  g_clear_pointer (&rule->target.owner, g_free);
  g_clear_pointer (&rule->target.pool, g_free);
  if (kind == LW_ASSIGN_OWNER && config->reps->len > 0)
    rule->target.owner = g_strdup (((LwRep *) g_ptr_array_index (config->reps, 0))->id);
  else if (kind == LW_ASSIGN_POOL && config->pools->len > 0)
    rule->target.pool = g_strdup (((LwPool *) g_ptr_array_index (config->pools, 0))->id);
  apply (self, g_steal_pointer (&config), _("Change assignment"), TRUE);
}

static void
owner_selected_cb (AdwComboRow   *combo,
                   GParamSpec    *pspec,
                   LwRoutingPage *self)
{
  g_autoptr(LwConfig) config = NULL;
  LwRoutingRule *rule;
  guint selected = adw_combo_row_get_selected (combo);

  if (self->building || selected == GTK_INVALID_LIST_POSITION)
    return;

  config = lw_workspace_dup_config (self->workspace);
  rule = rule_at (config, row_index (GTK_WIDGET (combo)));
  g_clear_pointer (&rule->target.owner, g_free);
  g_clear_pointer (&rule->target.pool, g_free);
  if (rule->kind == LW_ASSIGN_OWNER)
    rule->target.owner = g_strdup (((LwRep *) g_ptr_array_index (config->reps, selected))->id);
  else
    rule->target.pool = g_strdup (((LwPool *) g_ptr_array_index (config->pools, selected))->id);
  apply (self, g_steal_pointer (&config), _("Change assignment"), FALSE);
}

static void
move_rule (LwRoutingPage *self,
           guint          index,
           int            delta)
{
  g_autoptr(LwConfig) config = lw_workspace_dup_config (self->workspace);
  guint to = index + delta;
  gpointer rule;

  if ((delta < 0 && index == 0) || to >= config->rules->len)
    return;
  rule = g_ptr_array_steal_index (config->rules, index);
  g_ptr_array_insert (config->rules, to, rule);
  apply (self, g_steal_pointer (&config), _("Move routing rule"), TRUE);
}

static void
move_up_clicked_cb (GtkButton     *button,
                    LwRoutingPage *self)
{
  move_rule (self, row_index (GTK_WIDGET (button)), -1);
}

static void
move_down_clicked_cb (GtkButton     *button,
                      LwRoutingPage *self)
{
  move_rule (self, row_index (GTK_WIDGET (button)), +1);
}

static void
remove_clicked_cb (GtkButton     *button,
                   LwRoutingPage *self)
{
  g_autoptr(LwConfig) config = lw_workspace_dup_config (self->workspace);

  g_ptr_array_remove_index (config->rules, row_index (GTK_WIDGET (button)));
  apply (self, g_steal_pointer (&config), _("Remove routing rule"), TRUE);
}

static char *
unique_rule_id (const LwConfig *config)
{
  for (guint n = config->rules->len + 1;; n++)
    {
      g_autofree char *id = g_strdup_printf ("rule-%u", n);
      gboolean taken = FALSE;

      for (guint i = 0; i < config->rules->len; i++)
        taken |= g_strcmp0 (((LwRoutingRule *) g_ptr_array_index (config->rules, i))->id, id) == 0;
      if (!taken)
        return g_steal_pointer (&id);
    }
}

static void
add_rule_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  LwRoutingPage *self = LW_ROUTING_PAGE (widget);
  g_autoptr(LwConfig) config = lw_workspace_dup_config (self->workspace);
  g_autofree char *id = unique_rule_id (config);
  LwRoutingRule *rule = lw_routing_rule_new (id, _("New rule"), LW_ASSIGN_POOL);

  if (config->pools->len > 0)
    rule->target.pool = g_strdup (((LwPool *) g_ptr_array_index (config->pools, 0))->id);
  g_ptr_array_add (config->rules, rule);
  /* An action, not a row's widget: the rows can be rebuilt at once. */
  self->applying = TRUE;
  lw_workspace_apply (self->workspace, g_steal_pointer (&config), _("Add routing rule"));
  self->applying = FALSE;
  rebuild (self);
  rebuild_test_box (self, FALSE);
  update_route (self);

  /* Open the new rule. */
  if (self->rule_rows->len > 0)
    adw_expander_row_set_expanded (g_ptr_array_index (self->rule_rows, self->rule_rows->len - 1), TRUE);
}

static void
fallback_selected_cb (AdwComboRow   *combo,
                      GParamSpec    *pspec,
                      LwRoutingPage *self)
{
  g_autoptr(LwConfig) config = NULL;
  guint selected = adw_combo_row_get_selected (combo);

  if (self->building || selected == GTK_INVALID_LIST_POSITION)
    return;

  config = lw_workspace_dup_config (self->workspace);
  g_clear_pointer (&config->fallback.owner, g_free);
  g_clear_pointer (&config->fallback.pool, g_free);
  if (selected < config->pools->len)
    config->fallback.pool = g_strdup (((LwPool *) g_ptr_array_index (config->pools, selected))->id);
  else
    config->fallback.owner = g_strdup (((LwRep *) g_ptr_array_index (config->reps, selected - config->pools->len))->id);
  apply (self, g_steal_pointer (&config), _("Change fallback owner"), FALSE);
}

/* ---- territory entries ---------------------------------------------------------------- */

static void
territory_property_selected_cb (AdwComboRow   *combo,
                                GParamSpec    *pspec,
                                LwRoutingPage *self)
{
  g_autoptr(LwConfig) config = NULL;
  LwRoutingRule *rule;
  guint selected = adw_combo_row_get_selected (combo);

  if (self->building || selected == GTK_INVALID_LIST_POSITION)
    return;

  config = lw_workspace_dup_config (self->workspace);
  rule = rule_at (config, row_index (GTK_WIDGET (combo)));
  g_free (rule->property);
  rule->property = g_strdup (((LwProperty *) g_ptr_array_index (config->properties, selected))->id);
  apply (self, g_steal_pointer (&config), _("Change territory property"), FALSE);
}

static void
territory_values_applied_cb (AdwEntryRow   *entry,
                             LwRoutingPage *self)
{
  g_autoptr(LwConfig) config = lw_workspace_dup_config (self->workspace);
  LwRoutingRule *rule = rule_at (config, row_index (GTK_WIDGET (entry)));
  guint t = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (entry), "lw-territory"));
  LwTerritory *territory = g_ptr_array_index (rule->territories, t);
  g_auto(GStrv) parts = g_strsplit (gtk_editable_get_text (GTK_EDITABLE (entry)), ",", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (parts[i][0] != '\0')
        g_strv_builder_add (builder, parts[i]);
    }
  g_strfreev (territory->values);
  territory->values = g_strv_builder_end (builder);
  apply (self, g_steal_pointer (&config), _("Edit territory"), FALSE);
}

static void
territory_target_selected_cb (GtkDropDown   *dropdown,
                              GParamSpec    *pspec,
                              LwRoutingPage *self)
{
  g_autoptr(LwConfig) config = NULL;
  LwRoutingRule *rule;
  LwTerritory *territory;
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (self->building || selected == GTK_INVALID_LIST_POSITION)
    return;

  config = lw_workspace_dup_config (self->workspace);
  rule = rule_at (config, row_index (GTK_WIDGET (dropdown)));
  territory = g_ptr_array_index (rule->territories,
                                 GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dropdown), "lw-territory")));
  g_clear_pointer (&territory->target.owner, g_free);
  g_clear_pointer (&territory->target.pool, g_free);
  if (selected < config->pools->len)
    territory->target.pool = g_strdup (((LwPool *) g_ptr_array_index (config->pools, selected))->id);
  else
    territory->target.owner = g_strdup (((LwRep *) g_ptr_array_index (config->reps, selected - config->pools->len))->id);
  apply (self, g_steal_pointer (&config), _("Edit territory"), FALSE);
}

static void
territory_remove_clicked_cb (GtkButton     *button,
                             LwRoutingPage *self)
{
  g_autoptr(LwConfig) config = lw_workspace_dup_config (self->workspace);
  LwRoutingRule *rule = rule_at (config, row_index (GTK_WIDGET (button)));

  g_ptr_array_remove_index (rule->territories,
                            GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "lw-territory")));
  apply (self, g_steal_pointer (&config), _("Remove territory"), TRUE);
}

static void
territory_add_clicked_cb (GtkButton     *button,
                          LwRoutingPage *self)
{
  g_autoptr(LwConfig) config = lw_workspace_dup_config (self->workspace);
  LwRoutingRule *rule = rule_at (config, row_index (GTK_WIDGET (button)));
  LwTerritory *territory = lw_territory_new ();

  if (config->reps->len > 0)
    territory->target.owner = g_strdup (((LwRep *) g_ptr_array_index (config->reps, 0))->id);
  g_ptr_array_add (rule->territories, territory);
  apply (self, g_steal_pointer (&config), _("Add territory"), TRUE);
}

/* Pools first, then reps: what a target may name. */
static GListModel *
targets_model (const LwConfig *config)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  for (guint i = 0; i < config->pools->len; i++)
    {
      const LwPool *pool = g_ptr_array_index (config->pools, i);
      /* translators: a round-robin pool in a list of owners */
      g_autofree char *label = g_strdup_printf (_("%s (pool)"), pool->label);

      gtk_string_list_append (list, label);
    }
  for (guint i = 0; i < config->reps->len; i++)
    gtk_string_list_append (list, ((LwRep *) g_ptr_array_index (config->reps, i))->name);
  return G_LIST_MODEL (list);
}

static guint
target_position (const LwConfig *config,
                 const LwTarget *target)
{
  for (guint i = 0; target->pool != NULL && i < config->pools->len; i++)
    if (g_strcmp0 (((LwPool *) g_ptr_array_index (config->pools, i))->id, target->pool) == 0)
      return i;
  for (guint i = 0; target->owner != NULL && i < config->reps->len; i++)
    if (g_strcmp0 (((LwRep *) g_ptr_array_index (config->reps, i))->id, target->owner) == 0)
      return config->pools->len + i;
  return GTK_INVALID_LIST_POSITION;
}

static void
add_territory_rows (LwRoutingPage       *self,
                    AdwExpanderRow      *expander,
                    const LwConfig      *config,
                    const LwRoutingRule *rule,
                    guint                index)
{
  GtkWidget *combo = adw_combo_row_new ();
  g_autoptr(GtkStringList) properties = gtk_string_list_new (NULL);
  guint selected = GTK_INVALID_LIST_POSITION;
  GtkWidget *add;
  GtkWidget *add_row;

  for (guint i = 0; i < config->properties->len; i++)
    {
      const LwProperty *property = g_ptr_array_index (config->properties, i);

      gtk_string_list_append (properties, property->label);
      if (g_strcmp0 (property->id, rule->property) == 0)
        selected = i;
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (combo), _("Territory Property"));
  adw_combo_row_set_model (ADW_COMBO_ROW (combo), G_LIST_MODEL (properties));
  adw_combo_row_set_selected (ADW_COMBO_ROW (combo), selected);
  g_object_set_data (G_OBJECT (combo), "lw-index", GUINT_TO_POINTER (index));
  g_signal_connect (combo, "notify::selected", G_CALLBACK (territory_property_selected_cb), self);
  adw_expander_row_add_row (expander, combo);

  for (guint t = 0; t < rule->territories->len; t++)
    {
      const LwTerritory *territory = g_ptr_array_index (rule->territories, t);
      GtkWidget *entry = adw_entry_row_new ();
      GtkWidget *target = lw_editor_drop_down_new (targets_model (config), 4);
      GtkWidget *remove = lw_editor_icon_button ("user-trash-symbolic", _("Remove Territory"));
      g_autofree char *values = territory->values ? g_strjoinv (", ", territory->values) : g_strdup ("");
      g_autofree char *path = g_strdup_printf ("$.routing.rules[%u].assign.map[%u]", index, t);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (entry), _("Values"));
      gtk_editable_set_text (GTK_EDITABLE (entry), values);
      adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (entry), TRUE);
      gtk_drop_down_set_selected (GTK_DROP_DOWN (target), target_position (config, &territory->target));
      gtk_widget_set_valign (target, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (target, _("Owner of this territory"));
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (entry), target);
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (entry), remove);

      for (GtkWidget *w = entry; w != NULL; w = (w == entry ? target : (w == target ? remove : NULL)))
        {
          g_object_set_data (G_OBJECT (w), "lw-index", GUINT_TO_POINTER (index));
          g_object_set_data (G_OBJECT (w), "lw-territory", GUINT_TO_POINTER (t));
        }
      g_signal_connect (entry, "apply", G_CALLBACK (territory_values_applied_cb), self);
      g_signal_connect (target, "notify::selected", G_CALLBACK (territory_target_selected_cb), self);
      g_signal_connect (remove, "clicked", G_CALLBACK (territory_remove_clicked_cb), self);
      adw_expander_row_add_row (expander, entry);
      lw_editor_mark_row (ADW_PREFERENCES_ROW (entry), self->workspace, path, FALSE);
    }

  add = gtk_button_new_with_mnemonic (_("Add _Territory"));
  gtk_widget_add_css_class (add, "flat");
  gtk_widget_set_halign (add, GTK_ALIGN_START);
  gtk_widget_set_margin_start (add, 6);
  gtk_widget_set_margin_top (add, 6);
  gtk_widget_set_margin_bottom (add, 6);
  g_object_set_data (G_OBJECT (add), "lw-index", GUINT_TO_POINTER (index));
  g_signal_connect (add, "clicked", G_CALLBACK (territory_add_clicked_cb), self);
  add_row = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (add_row), FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (add_row), add);
  adw_expander_row_add_row (expander, add_row);
}

/* ---- rows ------------------------------------------------------------------------------ */

static GtkWidget *
create_rule_row (LwRoutingPage       *self,
                 const LwConfig      *config,
                 const LwRoutingRule *rule,
                 guint                index)
{
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *number = gtk_label_new (NULL);
  GtkWidget *up = lw_editor_icon_button ("go-up-symbolic", _("Move Up"));
  GtkWidget *down = lw_editor_icon_button ("go-down-symbolic", _("Move Down"));
  GtkWidget *remove = lw_editor_icon_button ("user-trash-symbolic", _("Remove Rule"));
  GtkWidget *label = adw_entry_row_new ();
  GtkWidget *condition_row = gtk_list_box_row_new ();
  GtkWidget *condition_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *when = gtk_label_new (_("When"));
  GtkWidget *editor = lw_condition_editor_new ();
  GtkWidget *kind = adw_combo_row_new ();
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  g_autofree char *number_text = g_strdup_printf ("%u", index + 1);

  gtk_label_set_label (GTK_LABEL (number), number_text);
  gtk_label_set_width_chars (GTK_LABEL (number), 2);
  gtk_widget_add_css_class (number, "rule-number");
  gtk_widget_add_css_class (number, "numeric");
  adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row), number);

  gtk_widget_set_sensitive (up, index > 0);
  gtk_widget_set_sensitive (down, index + 1 < config->rules->len);
  /* Actions are packed from the end: this shows up, down, remove. */
  for (GtkWidget **w = (GtkWidget *[]) { remove, down, up, NULL }; *w != NULL; w++)
    {
      g_object_set_data (G_OBJECT (*w), "lw-index", GUINT_TO_POINTER (index));
      adw_expander_row_add_action (ADW_EXPANDER_ROW (row), *w);
    }
  g_signal_connect (up, "clicked", G_CALLBACK (move_up_clicked_cb), self);
  g_signal_connect (down, "clicked", G_CALLBACK (move_down_clicked_cb), self);
  g_signal_connect (remove, "clicked", G_CALLBACK (remove_clicked_cb), self);

  /* Name */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (label), _("Name"));
  gtk_editable_set_text (GTK_EDITABLE (label), rule->label ? rule->label : "");
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (label), TRUE);
  g_object_set_data (G_OBJECT (label), "lw-index", GUINT_TO_POINTER (index));
  g_signal_connect (label, "apply", G_CALLBACK (label_applied_cb), self);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), label);

  /* Condition */
  gtk_label_set_xalign (GTK_LABEL (when), 0);
  gtk_widget_add_css_class (when, "heading");
  lw_condition_editor_set_config (LW_CONDITION_EDITOR (editor), (LwConfig *) config);
  lw_condition_editor_set_condition (LW_CONDITION_EDITOR (editor), rule->when);
  g_object_set_data (G_OBJECT (editor), "lw-index", GUINT_TO_POINTER (index));
  g_signal_connect (editor, "changed", G_CALLBACK (condition_changed_cb), self);
  gtk_box_append (GTK_BOX (condition_box), when);
  gtk_box_append (GTK_BOX (condition_box), editor);
  gtk_widget_set_margin_start (condition_box, 12);
  gtk_widget_set_margin_end (condition_box, 12);
  gtk_widget_set_margin_top (condition_box, 12);
  gtk_widget_set_margin_bottom (condition_box, 12);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (condition_row), condition_box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (condition_row), FALSE);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), condition_row);

  /* Assignment */
  for (LwAssignKind k = LW_ASSIGN_OWNER; k <= LW_ASSIGN_TERRITORY; k++)
    gtk_string_list_append (kinds, assign_kind_label (k));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (kind), _("Assign To"));
  adw_combo_row_set_model (ADW_COMBO_ROW (kind), G_LIST_MODEL (kinds));
  adw_combo_row_set_selected (ADW_COMBO_ROW (kind), rule->kind);
  g_object_set_data (G_OBJECT (kind), "lw-index", GUINT_TO_POINTER (index));
  g_signal_connect (kind, "notify::selected", G_CALLBACK (kind_selected_cb), self);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), kind);

  if (rule->kind == LW_ASSIGN_OWNER || rule->kind == LW_ASSIGN_POOL)
    {
      GtkWidget *target = adw_combo_row_new ();
      g_autoptr(GListModel) model = rule->kind == LW_ASSIGN_OWNER ? lw_editor_reps_model (config)
                                                                  : lw_editor_pools_model (config);
      guint selected = target_position (config, &rule->target);

      if (selected != GTK_INVALID_LIST_POSITION && rule->kind == LW_ASSIGN_OWNER)
        selected -= config->pools->len;
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (target),
                                     rule->kind == LW_ASSIGN_OWNER ? _("Owner") : _("Pool"));
      adw_combo_row_set_model (ADW_COMBO_ROW (target), model);
      adw_combo_row_set_selected (ADW_COMBO_ROW (target), selected);
      g_object_set_data (G_OBJECT (target), "lw-index", GUINT_TO_POINTER (index));
      g_signal_connect (target, "notify::selected", G_CALLBACK (owner_selected_cb), self);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), target);
    }
  else if (rule->kind == LW_ASSIGN_TERRITORY)
    {
      add_territory_rows (self, ADW_EXPANDER_ROW (row), config, rule, index);
    }

  return row;
}

static void
clear_rows (AdwPreferencesGroup *group,
            GPtrArray           *rows)
{
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, g_ptr_array_index (rows, i));
  g_ptr_array_set_size (rows, 0);
}

static void
rebuild (LwRoutingPage *self)
{
  const LwConfig *config = lw_workspace_get_config (self->workspace);
  g_autoptr(GArray) expanded = g_array_new (FALSE, TRUE, sizeof (gboolean));
  g_autoptr(GListModel) targets = NULL;

  self->building = TRUE;

  for (guint i = 0; i < self->rule_rows->len; i++)
    {
      gboolean open = adw_expander_row_get_expanded (g_ptr_array_index (self->rule_rows, i));
      g_array_append_val (expanded, open);
    }
  clear_rows (self->rules_group, self->rule_rows);

  for (guint i = 0; i < config->rules->len; i++)
    {
      GtkWidget *row = create_rule_row (self, config, g_ptr_array_index (config->rules, i), i);

      if (i < expanded->len && g_array_index (expanded, gboolean, i))
        adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
      adw_preferences_group_add (self->rules_group, row);
      g_ptr_array_add (self->rule_rows, row);
    }

  targets = targets_model (config);
  adw_combo_row_set_model (self->fallback_row, targets);
  adw_combo_row_set_selected (self->fallback_row, target_position (config, &config->fallback));

  self->building = FALSE;

  update_marks (self);
}

/* ---- test box ---------------------------------------------------------------------------- */

/* The properties routing reads, in catalogue order. */
static gboolean
condition_uses (const LwCondition *condition,
                const char        *property)
{
  for (guint g = 0; condition != NULL && g < condition->groups->len; g++)
    {
      LwFilterGroup *group = g_ptr_array_index (condition->groups, g);

      for (guint f = 0; f < group->filters->len; f++)
        if (g_strcmp0 (((LwFilter *) g_ptr_array_index (group->filters, f))->property, property) == 0)
          return TRUE;
    }
  return FALSE;
}

static gboolean
routing_uses (const LwConfig   *config,
              const LwProperty *property)
{
  if (property->type == LW_PROPERTY_EMAIL)
    return TRUE;
  for (guint i = 0; i < config->rules->len; i++)
    {
      const LwRoutingRule *rule = g_ptr_array_index (config->rules, i);

      if (condition_uses (rule->when, property->id) || g_strcmp0 (rule->property, property->id) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
test_entry_changed_cb (GtkEditable   *editable,
                       LwRoutingPage *self)
{
  const char *id = g_object_get_data (G_OBJECT (editable), "lw-property");

  g_hash_table_replace (self->test_values, g_strdup (id), g_strdup (gtk_editable_get_text (editable)));
  update_route (self);
}

static void
test_combo_selected_cb (AdwComboRow   *combo,
                        GParamSpec    *pspec,
                        LwRoutingPage *self)
{
  const char *id = g_object_get_data (G_OBJECT (combo), "lw-property");
  GPtrArray *values = g_object_get_data (G_OBJECT (combo), "lw-values");
  guint selected = adw_combo_row_get_selected (combo);

  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION)
    g_hash_table_remove (self->test_values, id);
  else
    g_hash_table_replace (self->test_values, g_strdup (id), g_strdup (g_ptr_array_index (values, selected - 1)));
  update_route (self);
}

/* The properties the test box offers, as a key: it is rebuilt when they
 * change (or always, with @force), keeping what was filled in. */
static char *
test_signature (const LwConfig *config)
{
  GString *out = g_string_new (NULL);

  for (guint i = LW_N_BUILTINS; i < config->properties->len; i++)
    {
      const LwProperty *property = g_ptr_array_index (config->properties, i);

      if (routing_uses (config, property))
        g_string_append_printf (out, "%s;", property->id);
    }
  return g_string_free (out, FALSE);
}

static void
rebuild_test_box (LwRoutingPage *self,
                  gboolean       force)
{
  const LwConfig *config = lw_workspace_get_config (self->workspace);
  g_autofree char *signature = test_signature (config);

  if (!force && g_strcmp0 (signature, self->test_signature) == 0)
    return;
  g_free (self->test_signature);
  self->test_signature = g_steal_pointer (&signature);

  clear_rows (self->test_group, self->test_rows);

  for (guint i = LW_N_BUILTINS; i < config->properties->len; i++)
    {
      const LwProperty *property = g_ptr_array_index (config->properties, i);
      const char *value = g_hash_table_lookup (self->test_values, property->id);
      GtkWidget *row;

      if (!routing_uses (config, property))
        continue;

      if (property->type == LW_PROPERTY_ENUM || property->type == LW_PROPERTY_BOOLEAN)
        {
          g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
          GPtrArray *values = g_ptr_array_new_with_free_func (g_free);
          guint selected = 0;

          gtk_string_list_append (labels, _("No value"));
          if (property->type == LW_PROPERTY_BOOLEAN)
            {
              g_ptr_array_add (values, g_strdup ("true"));
              g_ptr_array_add (values, g_strdup ("false"));
              gtk_string_list_append (labels, _("Yes"));
              gtk_string_list_append (labels, _("No"));
            }
          for (guint o = 0; property->options != NULL && o < property->options->len; o++)
            {
              const LwOption *option = g_ptr_array_index (property->options, o);

              g_ptr_array_add (values, g_strdup (option->value));
              gtk_string_list_append (labels, option->label ? option->label : option->value);
            }
          for (guint v = 0; value != NULL && v < values->len; v++)
            if (g_strcmp0 (g_ptr_array_index (values, v), value) == 0)
              selected = v + 1;

          row = adw_combo_row_new ();
          adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (labels));
          adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
          g_object_set_data_full (G_OBJECT (row), "lw-values", values, (GDestroyNotify) g_ptr_array_unref);
          g_signal_connect (row, "notify::selected", G_CALLBACK (test_combo_selected_cb), self);
        }
      else
        {
          row = adw_entry_row_new ();
          gtk_editable_set_text (GTK_EDITABLE (row), value ? value : "");
          g_signal_connect (row, "changed", G_CALLBACK (test_entry_changed_cb), self);
        }

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), property->label);
      g_object_set_data_full (G_OBJECT (row), "lw-property", g_strdup (property->id), g_free);
      adw_preferences_group_add (self->test_group, row);
      g_ptr_array_add (self->test_rows, row);
    }
}

static const char *
step_icon (LwRouteStepResult result)
{
  switch (result)
    {
    case LW_STEP_ASSIGNED:    return "emblem-ok-symbolic";
    case LW_STEP_NOT_MATCHED: return "window-close-symbolic";
    default:                  return "mail-forward-symbolic";
    }
}

static void
add_result_row (LwRoutingPage *self,
                const char    *icon_name,
                const char    *title,
                const char    *subtitle,
                const char    *css_class)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (icon_name);
  g_autofree char *escaped_title = g_markup_escape_text (title, -1);
  g_autofree char *escaped_subtitle = g_markup_escape_text (subtitle ? subtitle : "", -1);

  if (css_class != NULL)
    gtk_widget_add_css_class (icon, css_class);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped_title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped_subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 4);
  adw_preferences_group_add (self->result_group, row);
  g_ptr_array_add (self->result_rows, row);
}

/* Whether the rule set has errors in what routing reads. Errors in the
 * lifecycle or the SLA policies (one being written) do not keep the admin
 * from trying a lead. */
static gboolean
has_routing_errors (LwWorkspace *workspace)
{
  GPtrArray *diagnostics = lw_workspace_get_diagnostics (workspace);

  for (guint i = 0; i < diagnostics->len; i++)
    {
      const LwDiagnostic *d = g_ptr_array_index (diagnostics, i);

      if (d->severity == LW_SEVERITY_ERROR &&
          !lw_editor_path_within (d->path, "$.lifecycle") && !lw_editor_path_within (d->path, "$.slas"))
        return TRUE;
    }
  return FALSE;
}

static void
update_route (LwRoutingPage *self)
{
  const LwConfig *config = lw_workspace_get_config (self->workspace);
  g_autoptr(LwLead) lead = NULL;
  g_autoptr(LwRoutingState) state = NULL;
  g_auto(LwRoute) route = { 0 };
  g_auto(LwScore) score = { 0 };
  GHashTableIter iter;
  gpointer key, value;
  LwTime now = g_get_real_time () / G_USEC_PER_SEC;

  clear_rows (self->result_group, self->result_rows);

  if (has_routing_errors (self->workspace))
    {
      adw_preferences_group_set_description (self->result_group,
                                             _("Fix the errors in the rule set to try a lead."));
      return;
    }

  lead = lw_lead_new (config, "sample");
  g_hash_table_iter_init (&iter, self->test_values);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autoptr(GError) error = NULL;

      if (value == NULL || ((char *) value)[0] == '\0')
        continue;
      if (!lw_lead_set (lead, config, key, value, &error))
        {
          const LwProperty *property = lw_config_find_property (config, key);
          g_autofree char *title = g_strdup_printf ("%s", property ? property->label : (char *) key);

          add_result_row (self, "dialog-error-symbolic", title, error->message, "error");
        }
    }

  lw_score_lead (config, lead, now, FALSE, &score);
  lw_score_apply (config, &score, lead);
  state = lw_routing_state_new (config);
  lw_route_lead (config, lead, now, state, TRUE, &route);

  if (route.owner != NULL)
    {
      /* translators: %s is a rep's name */
      g_autofree char *summary = g_strdup_printf (_("Goes to %s"), route.owner->name);

      adw_preferences_group_set_description (self->result_group, summary);
    }

  for (guint i = 0; route.steps != NULL && i < route.steps->len; i++)
    {
      const LwRouteStep *step = g_ptr_array_index (route.steps, i);
      g_autofree char *title = NULL;
      guint at = 0;

      if (step->rule != NULL && g_ptr_array_find (config->rules, step->rule, &at))
        title = g_strdup_printf ("%u. %s", at + 1, step->rule->label);
      else
        title = g_strdup (_("Fallback"));
      add_result_row (self, step_icon (step->result), title, step->why,
                      step->result == LW_STEP_ASSIGNED ? "success" : "dim-label");
    }
}

/* ---- LwPage ----------------------------------------------------------------------------------- */

static void
lw_routing_page_reveal (LwPage     *page,
                        const char *path)
{
  LwRoutingPage *self = LW_ROUTING_PAGE (page);
  int index = lw_editor_path_index (path, "$.routing.rules");
  GtkWidget *target = NULL;

  if (index >= 0 && (guint) index < self->rule_rows->len)
    {
      target = g_ptr_array_index (self->rule_rows, index);
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (target), TRUE);
    }
  else if (lw_editor_path_within (path, "$.routing.fallback"))
    {
      target = GTK_WIDGET (self->fallback_row);
    }

  if (target != NULL)
    gtk_widget_grab_focus (target);
}

static void
lw_routing_page_page_init (LwPageInterface *iface)
{
  iface->reveal = lw_routing_page_reveal;
}

/* ---- GObject ---------------------------------------------------------------------------------- */

static void
workspace_changed_cb (LwRoutingPage *self)
{
  if (self->applying)
    return;
  rebuild (self);
  rebuild_test_box (self, TRUE);
  update_route (self);
}

static void
lw_routing_page_constructed (GObject *object)
{
  LwRoutingPage *self = LW_ROUTING_PAGE (object);

  G_OBJECT_CLASS (lw_routing_page_parent_class)->constructed (object);

  g_signal_connect_object (self->workspace, "changed", G_CALLBACK (workspace_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect (self->fallback_row, "notify::selected", G_CALLBACK (fallback_selected_cb), self);
  workspace_changed_cb (self);
}

static void
lw_routing_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  LwRoutingPage *self = LW_ROUTING_PAGE (object);

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
lw_routing_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  LwRoutingPage *self = LW_ROUTING_PAGE (object);

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
lw_routing_page_dispose (GObject *object)
{
  LwRoutingPage *self = LW_ROUTING_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), LW_TYPE_ROUTING_PAGE);
  g_clear_pointer (&self->rule_rows, g_ptr_array_unref);
  g_clear_pointer (&self->test_rows, g_ptr_array_unref);
  g_clear_pointer (&self->result_rows, g_ptr_array_unref);
  g_clear_pointer (&self->test_values, g_hash_table_unref);
  g_clear_pointer (&self->test_signature, g_free);
  g_clear_object (&self->workspace);

  G_OBJECT_CLASS (lw_routing_page_parent_class)->dispose (object);
}

static void
lw_routing_page_class_init (LwRoutingPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = lw_routing_page_constructed;
  object_class->dispose = lw_routing_page_dispose;
  object_class->set_property = lw_routing_page_set_property;
  object_class->get_property = lw_routing_page_get_property;

  g_object_class_override_property (object_class, PROP_WORKSPACE, "workspace");

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/leadwright/Leadwright/lw-routing-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LwRoutingPage, preferences_page);
  gtk_widget_class_bind_template_child (widget_class, LwRoutingPage, rules_group);
  gtk_widget_class_bind_template_child (widget_class, LwRoutingPage, fallback_row);
  gtk_widget_class_bind_template_child (widget_class, LwRoutingPage, test_group);
  gtk_widget_class_bind_template_child (widget_class, LwRoutingPage, result_group);

  gtk_widget_class_install_action (widget_class, "routing.add-rule", NULL, add_rule_action);
}

static void
lw_routing_page_init (LwRoutingPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->rule_rows = g_ptr_array_new ();
  self->test_rows = g_ptr_array_new ();
  self->result_rows = g_ptr_array_new ();
  self->test_values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

GtkWidget *
lw_routing_page_new (LwWorkspace *workspace)
{
  g_return_val_if_fail (LW_IS_WORKSPACE (workspace), NULL);

  return g_object_new (LW_TYPE_ROUTING_PAGE, "workspace", workspace, NULL);
}
