/* lw-lead-inspector.c: the story of one lead, of a run or live
 *
 * For a lead of a run, the facts of the lead (its row and its stored record: scores, owner, SLA
 * checkpoints) and its recorded timeline show at once. The explanation
 * (the lead's properties, each score contribution, each routing rule tried)
 * needs the run replayed, which takes as long as the run: it loads on a
 * worker thread, through a store connection of its own, with a spinner.
 *
 * A live lead's story (lw-live-view.h) is read and told on a worker thread
 * too, at the wall clock's now; logging a touch writes through the engine
 * on a worker thread, then the story is read again.
 *
 * This file holds the widget, its rows and its public functions; the story
 * of a lead of a run is told in lw-lead-inspector-run.c, a live lead's in
 * lw-lead-inspector-live.c (lw-lead-inspector-private.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */


#include "config.h"

#include <glib/gi18n.h>

#include "lw-lead-inspector-private.h"

G_DEFINE_FINAL_TYPE (LwLeadInspector, lw_lead_inspector, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_LEAD,
  PROP_LOADING,
  PROP_LIVE_LEAD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

guint _lw_lead_inspector_signals[N_SIGNALS];

/* ---- rows ------------------------------------------------------------------- */

void
_lw_lead_inspector_clear_rows (LwLeadInspector *self)
{
  for (guint i = 0; i + 1 < self->rows->len; i += 2)
    adw_preferences_group_remove (g_ptr_array_index (self->rows, i),
                                  g_ptr_array_index (self->rows, i + 1));
  g_ptr_array_set_size (self->rows, 0);
}

void
_lw_lead_inspector_track_row (LwLeadInspector     *self,
                              AdwPreferencesGroup *group,
                              GtkWidget           *row)
{
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->rows, group);
  g_ptr_array_add (self->rows, row);
}

GtkWidget *
_lw_lead_inspector_make_row (const char *title,
                             const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  return row;
}

/* A row whose value is on the right, for the facts; returns the value's
 * label. */
GtkWidget *
_lw_lead_inspector_add_fact (LwLeadInspector     *self,
                             AdwPreferencesGroup *group,
                             const char          *title,
                             const char          *value)
{
  GtkWidget *row = _lw_lead_inspector_make_row (title, NULL);
  GtkWidget *label = gtk_label_new (or_dash (value));

  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (label), 1.0);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (row, "lw-fact");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  _lw_lead_inspector_track_row (self, group, row);
  return label;
}

void
_lw_lead_inspector_set_loading (LwLeadInspector *self,
                                gboolean         loading)
{
  if (self->loading == loading)
    return;
  self->loading = loading;
  gtk_spinner_set_spinning (self->spinner, loading);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), loading);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/* ---- GObject ---------------------------------------------------------------- */

static void
lw_lead_inspector_dispose (GObject *object)
{
  LwLeadInspector *self = LW_LEAD_INSPECTOR (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->touch_cancellable);
  if (self->stack != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->stack));
      self->stack = NULL;
    }
  G_OBJECT_CLASS (lw_lead_inspector_parent_class)->dispose (object);
}

static void
lw_lead_inspector_finalize (GObject *object)
{
  LwLeadInspector *self = LW_LEAD_INSPECTOR (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->touch_cancellable);
  g_clear_pointer (&self->config, lw_config_unref);
  g_clear_pointer (&self->live_store, lw_store_unref);
  g_clear_pointer (&self->live_config, lw_config_unref);
  g_free (self->live_path);
  g_free (self->live_owner);
  g_ptr_array_unref (self->rows);
  G_OBJECT_CLASS (lw_lead_inspector_parent_class)->finalize (object);
}

static void
lw_lead_inspector_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  LwLeadInspector *self = LW_LEAD_INSPECTOR (object);

  switch (prop_id)
    {
    case PROP_LEAD:
      g_value_set_uint (value, self->lead);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    case PROP_LIVE_LEAD:
      g_value_set_int64 (value, self->live_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lw_lead_inspector_class_init (LwLeadInspectorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lw_lead_inspector_dispose;
  object_class->finalize = lw_lead_inspector_finalize;
  object_class->get_property = lw_lead_inspector_get_property;

  properties[PROP_LEAD] =
    g_param_spec_uint ("lead", NULL, NULL, 0, G_MAXUINT32, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_LIVE_LEAD] =
    g_param_spec_int64 ("live-lead", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A touch of live lead @id was written. */
  _lw_lead_inspector_signals[TOUCH_LOGGED] = g_signal_new ("touch-logged", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                                           0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "lw-lead-inspector");
}

static void
lw_lead_inspector_init (LwLeadInspector *self)
{
  GtkWidget *empty, *scrolled, *clamp, *box, *header, *titles;

  self->rows = g_ptr_array_new ();

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_parent (GTK_WIDGET (self->stack), GTK_WIDGET (self));

  empty = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), "avatar-default-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (empty), _("No Lead Selected"));
  adw_status_page_set_description (ADW_STATUS_PAGE (empty), _("Select a lead to see its story"));
  gtk_widget_add_css_class (empty, "compact");
  gtk_stack_add_named (self->stack, empty, "empty");

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  titles = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  gtk_widget_set_hexpand (titles, TRUE);
  self->title = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->title, 0.0);
  gtk_label_set_selectable (self->title, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->title), "title-2");
  self->subtitle = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->subtitle, 0.0);
  gtk_label_set_selectable (self->subtitle, TRUE);
  gtk_label_set_ellipsize (self->subtitle, PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_add_css_class (GTK_WIDGET (self->subtitle), "dim-label");
  gtk_box_append (GTK_BOX (titles), GTK_WIDGET (self->title));
  gtk_box_append (GTK_BOX (titles), GTK_WIDGET (self->subtitle));
  gtk_box_append (GTK_BOX (header), titles);
  self->log_button = gtk_menu_button_new ();
  gtk_menu_button_set_label (GTK_MENU_BUTTON (self->log_button), _("Log _Touch"));
  gtk_menu_button_set_use_underline (GTK_MENU_BUTTON (self->log_button), TRUE);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (self->log_button), _lw_lead_inspector_build_touch_popover (self));
  gtk_widget_set_name (self->log_button, "log-touch");
  gtk_widget_set_valign (self->log_button, GTK_ALIGN_START);
  gtk_widget_set_tooltip_text (self->log_button, _("Log a call, an email or a meeting: the first one stops the SLA clock"));
  gtk_widget_set_visible (self->log_button, FALSE);
  gtk_box_append (GTK_BOX (header), self->log_button);
  gtk_box_append (GTK_BOX (box), header);

  self->facts_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->facts_group, _("Facts"));
  self->sla_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->sla_group, _("SLA Checkpoints"));
  self->timeline_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->timeline_group, _("Timeline"));
  self->explain_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->explain_group, _("Explanation"));
  adw_preferences_group_set_description (self->explain_group,
                                         _("Score contributions, routing rules tried and SLA checkpoints, retraced from the run"));
  self->spinner = GTK_SPINNER (gtk_spinner_new ());
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->spinner), _("Retracing the run…"));
  adw_preferences_group_set_header_suffix (self->explain_group, GTK_WIDGET (self->spinner));

  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->facts_group));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->sla_group));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->timeline_group));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->explain_group));

  clamp = adw_clamp_new ();
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 600);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_stack_add_named (self->stack, scrolled, "lead");
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

/* ---- public --------------------------------------------------------------------- */

GtkWidget *
lw_lead_inspector_new (void)
{
  return g_object_new (LW_TYPE_LEAD_INSPECTOR, NULL);
}

void
lw_lead_inspector_show_lead (LwLeadInspector *self,
                             LwStore         *store,
                             const char      *store_path,
                             gint64           run,
                             LwLeadRow       *row)
{
  g_autoptr(LwStoredLead) lead = NULL;
  g_autoptr(GArray) events = NULL;
  g_autoptr(GTask) task = NULL;
  g_autofree char *title = NULL;
  const LwConfig *config;
  ExplainData *data;
  guint32 id;

  g_return_if_fail (LW_IS_LEAD_INSPECTOR (self));
  g_return_if_fail (row == NULL || LW_IS_LEAD_ROW (row));
  g_return_if_fail (row == NULL || store != NULL);

  id = row != NULL ? lw_lead_row_get_id (row) : 0;
  if (self->live_id == 0 && id == self->lead && run == self->run)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  _lw_lead_inspector_set_loading (self, FALSE);
  _lw_lead_inspector_clear_rows (self);
  adw_preferences_group_set_title (self->sla_group, _("SLA Checkpoints"));
  adw_preferences_group_set_description (self->explain_group,
                                         _("Score contributions, routing rules tried and SLA checkpoints, retraced from the run"));
  gtk_widget_set_visible (self->log_button, FALSE);
  if (self->live_id != 0)
    {
      self->live_id = 0;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIVE_LEAD]);
    }
  self->lead = id;
  self->run = run;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LEAD]);

  if (row == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  /* translators: %u is a lead's id */
  title = g_strdup_printf (_("Lead %u"), id);
  gtk_label_set_label (self->title, title);
  gtk_label_set_label (self->subtitle, or_dash (lw_lead_row_get_email (row)));

  config = _lw_lead_inspector_run_config (self, store, run);
  lead = lw_store_get_lead (store, run, id, NULL);
  events = lw_store_get_lead_events (store, run, id, NULL);
  _lw_lead_inspector_show_facts (self, config, row, lead);
  _lw_lead_inspector_show_timeline (self, config, events);
  gtk_stack_set_visible_child_name (self->stack, "lead");

  if (store_path == NULL)
    return;
  self->cancellable = g_cancellable_new ();
  data = g_new0 (ExplainData, 1);
  data->path = g_strdup (store_path);
  data->run = run;
  data->lead = id;
  task = g_task_new (self, self->cancellable, _lw_lead_inspector_explain_done, NULL);
  g_task_set_source_tag (task, lw_lead_inspector_show_lead);
  g_task_set_task_data (task, data, (GDestroyNotify) explain_data_free);
  _lw_lead_inspector_set_loading (self, TRUE);
  g_task_run_in_thread (task, _lw_lead_inspector_explain_thread);
}

guint32
lw_lead_inspector_get_lead (LwLeadInspector *self)
{
  g_return_val_if_fail (LW_IS_LEAD_INSPECTOR (self), 0);

  return self->lead;
}

gboolean
lw_lead_inspector_get_loading (LwLeadInspector *self)
{
  g_return_val_if_fail (LW_IS_LEAD_INSPECTOR (self), FALSE);

  return self->loading;
}

void
lw_lead_inspector_show_live_lead (LwLeadInspector *self,
                                  LwStore         *store,
                                  const char      *store_path,
                                  LwConfig        *config,
                                  gint64           id)
{
  gboolean changed;

  g_return_if_fail (LW_IS_LEAD_INSPECTOR (self));
  g_return_if_fail (id >= 0);
  g_return_if_fail (id == 0 || config != NULL);
  g_return_if_fail (id == 0 || store != NULL || store_path != NULL);

  changed = id != self->live_id;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  _lw_lead_inspector_set_loading (self, FALSE);
  if (changed)
    _lw_lead_inspector_clear_rows (self);
  if (self->lead != 0 || self->run != 0)
    {
      self->lead = 0;
      self->run = 0;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LEAD]);
    }
  self->live_id = id;
  if (store != NULL)
    store = lw_store_ref (store);
  g_clear_pointer (&self->live_store, lw_store_unref);
  self->live_store = store;
  g_free (self->live_path);
  self->live_path = g_strdup (store_path);
  if (config != NULL)
    lw_config_ref (config);
  g_clear_pointer (&self->live_config, lw_config_unref);
  self->live_config = config;
  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIVE_LEAD]);

  if (id == 0)
    {
      gtk_widget_set_visible (self->log_button, FALSE);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  adw_preferences_group_set_title (self->sla_group, _("First-Touch SLA"));
  adw_preferences_group_set_description (self->explain_group, _("Score contributions at this moment"));
  _lw_lead_inspector_load_live_story (self);
}

gint64
lw_lead_inspector_get_live_lead (LwLeadInspector *self)
{
  g_return_val_if_fail (LW_IS_LEAD_INSPECTOR (self), 0);

  return self->live_id;
}
