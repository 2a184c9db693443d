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
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lw-editor-utils.h"
#include "lw-page.h"
#include "lw-properties-page.h"

struct _LwPropertiesPage
{
  GtkWidget             parent_instance;

  /* template widgets */
  AdwPreferencesPage   *preferences_page;
  AdwPreferencesGroup  *properties_group;
  AdwPreferencesGroup  *activities_group;
  AdwPreferencesGroup  *builtins_group;

  /* owned */
  LwWorkspace          *workspace;
  GPtrArray            *property_rows;   /* AdwExpanderRow, borrowed from the group */
  GPtrArray            *activity_rows;   /* AdwExpanderRow, borrowed from the group */
  GPtrArray            *builtin_rows;    /* AdwActionRow, borrowed from the group */
  GPtrArray            *marks;           /* Mark */
  char                 *refocus_path;    /* revealed after the next rebuild */
  const char           *refocus_button;  /* and, in its row, this button */
  guint                 rebuild_id;
  gboolean              applying;
  gboolean              building;
};

static void lw_properties_page_page_init (LwPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LwPropertiesPage, lw_properties_page, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (LW_TYPE_PAGE, lw_properties_page_page_init))

enum {
  PROP_0,
  PROP_WORKSPACE,
  N_PROPS
};

/* A row that shows the diagnostics at a path. */
typedef enum
{
  MARK_ROW,           /* an action row: icon and tooltip */
  MARK_ROW_SUBTITLE,  /* an action or expander row: also the first message as subtitle */
  MARK_ENTRY,         /* an entry row */
  MARK_OPTION,        /* an option row: its own icon, the value entry styled */
} MarkKind;

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

/* ---- references ------------------------------------------------------------------ */

static gboolean
same_value (const char *a,
            const char *b)
{
  g_autofree char *fold_a = NULL;
  g_autofree char *fold_b = NULL;

  if (a == NULL || b == NULL)
    return FALSE;
  fold_a = g_utf8_casefold (a, -1);
  fold_b = g_utf8_casefold (b, -1);
  return g_strcmp0 (fold_a, fold_b) == 0;
}

static const char *
display_name (const char *label,
              const char *id)
{
  if (label != NULL && *label != '\0')
    return label;
  if (id != NULL && *id != '\0')
    return id;
  return _("Untitled");
}

/* Every condition of @config, with where it is (when @places is set). */
static void
collect_conditions (const LwConfig *config,
                    GPtrArray      *conditions,
                    GPtrArray      *places)
{
#define COLLECT(condition, ...) G_STMT_START {                          \
    if ((condition) != NULL)                                            \
      {                                                                 \
        g_ptr_array_add (conditions, (condition));                      \
        if (places != NULL)                                             \
          g_ptr_array_add (places, g_strdup_printf (__VA_ARGS__));      \
      }                                                                 \
  } G_STMT_END

  for (guint i = 0; i < config->stages->len; i++)
    {
      const LwStage *stage = g_ptr_array_index (config->stages, i);

      /* translators: %s is a lifecycle stage, "Lead" */
      COLLECT (stage->entry, _("Entry criteria of stage “%s”"), display_name (stage->label, stage->id));
    }
  for (guint i = 0; i < config->scoring.fit.criteria->len; i++)
    {
      const LwCriterion *criterion = g_ptr_array_index (config->scoring.fit.criteria, i);

      /* translators: %s is a scoring criterion, "Senior title" */
      COLLECT (criterion->when, _("Fit criterion “%s”"), display_name (criterion->label, criterion->id));
    }
  for (guint i = 0; i < config->scoring.engagement.criteria->len; i++)
    {
      const LwCriterion *criterion = g_ptr_array_index (config->scoring.engagement.criteria, i);

      /* translators: %s is a scoring criterion, "Demo request" */
      COLLECT (criterion->when, _("Engagement criterion “%s”"), display_name (criterion->label, criterion->id));
    }
  for (guint i = 0; i < config->rules->len; i++)
    {
      const LwRoutingRule *rule = g_ptr_array_index (config->rules, i);

      /* translators: %s is a routing rule, "EMEA inbound" */
      COLLECT (rule->when, _("Routing rule “%s”"), display_name (rule->label, rule->id));
    }
  for (guint i = 0; i < config->policies->len; i++)
    {
      const LwSlaPolicy *policy = g_ptr_array_index (config->policies, i);

      /* translators: %s is an SLA policy, "Demo requests" */
      COLLECT (policy->when, _("SLA policy “%s”"), display_name (policy->label, policy->id));
    }

#undef COLLECT
}

static gboolean
filter_uses (const LwFilter *filter,
             const char     *property_id,
             const char     *value)
{
  if (g_strcmp0 (filter->property, property_id) != 0)
    return FALSE;
  if (value == NULL)
    return TRUE;
  if (same_value (filter->value, value) || same_value (filter->high_value, value))
    return TRUE;
  for (guint i = 0; filter->values != NULL && filter->values[i] != NULL; i++)
    if (same_value (filter->values[i], value))
      return TRUE;
  return FALSE;
}

static gboolean
condition_uses (const LwCondition *condition,
                const char        *property_id,
                const char        *value)
{
  for (guint g = 0; g < condition->groups->len; g++)
    {
      const LwFilterGroup *group = g_ptr_array_index (condition->groups, g);

      for (guint f = 0; f < group->filters->len; f++)
        if (filter_uses (g_ptr_array_index (group->filters, f), property_id, value))
          return TRUE;
    }
  return FALSE;
}

static gboolean
strv_has_value (const GStrv  values,
                const char  *value)
{
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    if (same_value (values[i], value))
      return TRUE;
  return FALSE;
}

static void
add_use (GPtrArray  *uses,
         const char *place)
{
  for (guint i = 0; i < uses->len; i++)
    if (g_strcmp0 (g_ptr_array_index (uses, i), place) == 0)
      return;
  g_ptr_array_add (uses, g_strdup (place));
}

GPtrArray *
lw_properties_page_dup_uses (const LwConfig *config,
                             const char     *property_id,
                             const char     *value)
{
  g_autoptr(GPtrArray) conditions = g_ptr_array_new ();
  g_autoptr(GPtrArray) places = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *uses = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (config != NULL, uses);
  g_return_val_if_fail (property_id != NULL, uses);

  collect_conditions (config, conditions, places);
  for (guint i = 0; i < conditions->len; i++)
    if (condition_uses (g_ptr_array_index (conditions, i), property_id, value))
      add_use (uses, g_ptr_array_index (places, i));

  for (guint i = 0; i < config->rules->len; i++)
    {
      const LwRoutingRule *rule = g_ptr_array_index (config->rules, i);
      gboolean used = FALSE;

      if (rule->kind != LW_ASSIGN_TERRITORY || g_strcmp0 (rule->property, property_id) != 0)
        continue;
      for (guint t = 0; t < rule->territories->len; t++)
        used |= value == NULL || strv_has_value (((LwTerritory *) g_ptr_array_index (rule->territories, t))->values, value);
      if (used || value == NULL)
        {
          /* translators: %s is a routing rule, "EMEA mid-market by territory" */
          g_autofree char *place = g_strdup_printf (_("Territory map of routing rule “%s”"),
                                                    display_name (rule->label, rule->id));
          add_use (uses, place);
        }
    }

  for (guint i = LW_N_BUILTINS; value == NULL && i < config->properties->len; i++)
    {
      const LwProperty *property = g_ptr_array_index (config->properties, i);

      if (g_strcmp0 (property->domain_of, property_id) == 0)
        {
          /* translators: %s is a property, "Email domain" */
          g_autofree char *place = g_strdup_printf (_("Property “%s”, which takes its domain from it"),
                                                    display_name (property->label, property->id));
          add_use (uses, place);
        }
    }

  return uses;
}

static void
rename_in_place (char       **text,
                 const char  *old_value,
                 const char  *new_value)
{
  if (same_value (*text, old_value))
    {
      g_free (*text);
      *text = g_strdup (new_value);
    }
}

void
lw_properties_page_rename_value (LwConfig   *config,
                                 const char *property_id,
                                 const char *old_value,
                                 const char *new_value)
{
  g_autoptr(GPtrArray) conditions = g_ptr_array_new ();

  g_return_if_fail (config != NULL);
  g_return_if_fail (property_id != NULL && old_value != NULL && new_value != NULL);

  collect_conditions (config, conditions, NULL);
  for (guint i = 0; i < conditions->len; i++)
    {
      LwCondition *condition = g_ptr_array_index (conditions, i);

      for (guint g = 0; g < condition->groups->len; g++)
        {
          LwFilterGroup *group = g_ptr_array_index (condition->groups, g);

          for (guint f = 0; f < group->filters->len; f++)
            {
              LwFilter *filter = g_ptr_array_index (group->filters, f);

              if (g_strcmp0 (filter->property, property_id) != 0)
                continue;
              rename_in_place (&filter->value, old_value, new_value);
              rename_in_place (&filter->high_value, old_value, new_value);
              for (guint v = 0; filter->values != NULL && filter->values[v] != NULL; v++)
                rename_in_place (&filter->values[v], old_value, new_value);
            }
        }
    }

  for (guint i = 0; i < config->rules->len; i++)
    {
      LwRoutingRule *rule = g_ptr_array_index (config->rules, i);

      if (rule->kind != LW_ASSIGN_TERRITORY || g_strcmp0 (rule->property, property_id) != 0)
        continue;
      for (guint t = 0; t < rule->territories->len; t++)
        {
          LwTerritory *territory = g_ptr_array_index (rule->territories, t);

          for (guint v = 0; territory->values != NULL && territory->values[v] != NULL; v++)
            rename_in_place (&territory->values[v], old_value, new_value);
        }
    }
}

static void
rename_property_references (LwConfig   *config,
                            const char *old_id,
                            const char *new_id)
{
  g_autoptr(GPtrArray) conditions = g_ptr_array_new ();

  collect_conditions (config, conditions, NULL);
  for (guint i = 0; i < conditions->len; i++)
    {
      LwCondition *condition = g_ptr_array_index (conditions, i);

      for (guint g = 0; g < condition->groups->len; g++)
        {
          LwFilterGroup *group = g_ptr_array_index (condition->groups, g);

          for (guint f = 0; f < group->filters->len; f++)
            {
              LwFilter *filter = g_ptr_array_index (group->filters, f);

              if (g_strcmp0 (filter->property, old_id) == 0)
                {
                  g_free (filter->property);
                  filter->property = g_strdup (new_id);
                }
            }
        }
    }

  for (guint i = 0; i < config->rules->len; i++)
    {
      LwRoutingRule *rule = g_ptr_array_index (config->rules, i);

      if (g_strcmp0 (rule->property, old_id) == 0)
        {
          g_free (rule->property);
          rule->property = g_strdup (new_id);
        }
    }

  for (guint i = LW_N_BUILTINS; i < config->properties->len; i++)
    {
      LwProperty *property = g_ptr_array_index (config->properties, i);

      if (g_strcmp0 (property->domain_of, old_id) == 0)
        {
          g_free (property->domain_of);
          property->domain_of = g_strdup (new_id);
        }
    }
}

static void
collect_activity_uses (const LwConfig *config,
                       const char     *activity_id,
                       GPtrArray      *uses)
{
  for (guint i = 0; i < config->scoring.fit.criteria->len; i++)
    {
      const LwCriterion *criterion = g_ptr_array_index (config->scoring.fit.criteria, i);

      if (g_strcmp0 (criterion->activity, activity_id) == 0)
        {
          /* translators: %s is a scoring criterion, "Demo request" */
          g_autofree char *place = g_strdup_printf (_("Fit criterion “%s”"),
                                                    display_name (criterion->label, criterion->id));
          add_use (uses, place);
        }
    }
  for (guint i = 0; i < config->scoring.engagement.criteria->len; i++)
    {
      const LwCriterion *criterion = g_ptr_array_index (config->scoring.engagement.criteria, i);

      if (g_strcmp0 (criterion->activity, activity_id) == 0)
        {
          /* translators: %s is a scoring criterion, "Demo request" */
          g_autofree char *place = g_strdup_printf (_("Engagement criterion “%s”"),
                                                    display_name (criterion->label, criterion->id));
          add_use (uses, place);
        }
    }
}

static void
rename_activity_references (LwConfig   *config,
                            const char *old_id,
                            const char *new_id)
{
  GPtrArray *models[] = { config->scoring.fit.criteria, config->scoring.engagement.criteria };

  for (guint m = 0; m < G_N_ELEMENTS (models); m++)
    for (guint i = 0; i < models[m]->len; i++)
      {
        LwCriterion *criterion = g_ptr_array_index (models[m], i);

        if (g_strcmp0 (criterion->activity, old_id) == 0)
          {
            g_free (criterion->activity);
            criterion->activity = g_strdup (new_id);
          }
      }
}

/* ---- shared row helpers ------------------------------------------------------------- */

/* Shows the diagnostics at @path on @icon (as its tooltip) and styles
 * @styled as an error or a warning. */
static guint
show_mark (GtkWidget   *icon,
           GtkWidget   *styled,
           LwWorkspace *workspace,
           const char  *path)
{
  g_autoptr(GPtrArray) found = lw_workspace_dup_diagnostics_at (workspace, path);
  g_autoptr(GString) tooltip = g_string_new (NULL);
  gboolean error = FALSE;

  gtk_widget_remove_css_class (styled, "error");
  gtk_widget_remove_css_class (styled, "warning");
  gtk_widget_remove_css_class (icon, "error");
  gtk_widget_remove_css_class (icon, "warning");

  if (found->len == 0)
    {
      gtk_widget_set_visible (icon, FALSE);
      gtk_widget_set_tooltip_text (icon, NULL);
      return 0;
    }

  for (guint i = 0; i < found->len; i++)
    {
      const LwDiagnostic *d = g_ptr_array_index (found, i);

      error |= d->severity == LW_SEVERITY_ERROR;
      if (tooltip->len > 0)
        g_string_append_c (tooltip, '\n');
      g_string_append (tooltip, d->message);
    }

  gtk_image_set_from_icon_name (GTK_IMAGE (icon), error ? "dialog-error-symbolic" : "dialog-warning-symbolic");
  gtk_widget_add_css_class (icon, error ? "error" : "warning");
  gtk_widget_add_css_class (styled, error ? "error" : "warning");
  gtk_widget_set_tooltip_text (icon, tooltip->str);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip->str, -1);
  gtk_widget_set_visible (icon, TRUE);
  return found->len;
}

static GtkWidget *
create_mark_icon (void)
{
  GtkWidget *icon = gtk_image_new ();

  gtk_widget_set_valign (icon, GTK_ALIGN_CENTER);
  gtk_widget_set_visible (icon, FALSE);
  return icon;
}

guint
lw_properties_page_mark_entry_row (AdwEntryRow *row,
                                   LwWorkspace *workspace,
                                   const char  *path)
{
  GtkWidget *icon;

  g_return_val_if_fail (ADW_IS_ENTRY_ROW (row), 0);
  g_return_val_if_fail (LW_IS_WORKSPACE (workspace), 0);
  g_return_val_if_fail (path != NULL, 0);

  icon = g_object_get_data (G_OBJECT (row), "lw-mark");
  if (icon == NULL)
    {
      icon = create_mark_icon ();
      adw_entry_row_add_suffix (row, icon);
      g_object_set_data (G_OBJECT (row), "lw-mark", icon);
    }
  return show_mark (icon, GTK_WIDGET (row), workspace, path);
}

/* Scrolls the scrolled window around @widget so that @widget shows. */
static void
scroll_to (GtkWidget *widget)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *viewport;
  GtkAdjustment *adjustment;
  graphene_rect_t bounds;
  double value, page, top, bottom;

  if (scrolled == NULL)
    return;
  viewport = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled));
  if (viewport == NULL || !gtk_widget_compute_bounds (widget, viewport, &bounds))
    return;

  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  value = gtk_adjustment_get_value (adjustment);
  page = gtk_adjustment_get_page_size (adjustment);
  top = value + bounds.origin.y - 12;
  bottom = value + bounds.origin.y + bounds.size.height + 12;
  if (top < value)
    gtk_adjustment_set_value (adjustment, top);
  else if (bottom > value + page)
    gtk_adjustment_set_value (adjustment, MIN (top, bottom - page));
}

/* Follows @widget while the expander around it opens, and a frame more
 * once it is open. */
static gboolean
scroll_tick_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  GtkWidget *revealer = gtk_widget_get_ancestor (widget, GTK_TYPE_REVEALER);
  guint *frames_left = user_data;

  scroll_to (widget);
  if (revealer != NULL && !gtk_revealer_get_child_revealed (GTK_REVEALER (revealer)))
    return G_SOURCE_CONTINUE;
  return --(*frames_left) > 0 ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

void
lw_properties_page_focus_revealed (GtkWidget *widget)
{
  guint *frames_left = g_new (guint, 1);

  g_return_if_fail (GTK_IS_WIDGET (widget));

  *frames_left = 2;
  gtk_widget_grab_focus (widget);
  gtk_widget_add_tick_callback (widget, scroll_tick_cb, frames_left, g_free);
}

typedef struct
{
  LwRemoveFunc   remove;
  gpointer       data;
  GDestroyNotify destroy;
} Removal;

static void
removal_free (gpointer  data,
              GClosure *closure)
{
  Removal *removal = data;

  if (removal->destroy != NULL)
    removal->destroy (removal->data);
  g_free (removal);
}

static void
removal_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     Removal          *removal)
{
  if (g_strcmp0 (response, "remove") == 0)
    removal->remove (removal->data);
}

/* At most this many uses are listed; the rest are counted. */
#define MAX_LISTED_USES 8

void
lw_properties_page_confirm_removal (GtkWidget      *parent,
                                    const char     *heading,
                                    GPtrArray      *uses,
                                    LwRemoveFunc    remove,
                                    gpointer        user_data,
                                    GDestroyNotify  destroy)
{
  g_autoptr(GString) body = g_string_new (NULL);
  GtkRoot *root;
  GtkWidget *dialog;
  Removal *removal;

  g_return_if_fail (GTK_IS_WIDGET (parent));
  g_return_if_fail (remove != NULL);

  if (uses == NULL || uses->len == 0)
    {
      remove (user_data);
      if (destroy != NULL)
        destroy (user_data);
      return;
    }

  g_string_append (body, _("It is used by:"));
  for (guint i = 0; i < uses->len && i < MAX_LISTED_USES; i++)
    g_string_append_printf (body, "\n• %s", (const char *) g_ptr_array_index (uses, i));
  if (uses->len > MAX_LISTED_USES)
    {
      guint more = uses->len - MAX_LISTED_USES;

      g_string_append_c (body, '\n');
      /* translators: %u is a number of further places */
      g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE, "and %u more place", "and %u more places", more),
                              more);
    }
  g_string_append (body, "\n\n");
  g_string_append (body, _("These show an error until you change them. Undo brings it back."));

  root = gtk_widget_get_root (parent);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body->str);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  removal = g_new0 (Removal, 1);
  removal->remove = remove;
  removal->data = user_data;
  removal->destroy = destroy;
  g_signal_connect_data (dialog, "response", G_CALLBACK (removal_response_cb), removal, removal_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_mark (LwPropertiesPage *self,
          GtkWidget        *row,
          MarkKind          kind,
          const char       *format,
          ...) G_GNUC_PRINTF (4, 5);

static void
add_mark (LwPropertiesPage *self,
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

static guint
row_index (gpointer widget)
{
  return GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (widget), "lw-index"));
}

static guint
row_option (gpointer widget)
{
  return GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (widget), "lw-option"));
}

static void
set_row_data (GtkWidget  *widget,
              guint       index,
              guint       option,
              const char *field)
{
  g_object_set_data (G_OBJECT (widget), "lw-index", GUINT_TO_POINTER (index));
  g_object_set_data (G_OBJECT (widget), "lw-option", GUINT_TO_POINTER (option));
  if (field != NULL)
    g_object_set_data (G_OBJECT (widget), "lw-field", (gpointer) field);
}

static GtkWidget *
create_entry_row (const char *title,
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

static GtkWidget *
create_add_button_row (const char *mnemonic,
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

static char *
unique_id (GPtrArray  *list,
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
static gboolean
id_taken (GPtrArray  *list,
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

/* An expander's rows are made when it first opens: a long catalogue then
 * costs little until someone looks inside. */
typedef void (*PopulateFunc) (LwPropertiesPage *self,
                              AdwExpanderRow   *row,
                              const LwConfig   *config,
                              guint             index);

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

static void
set_populate (LwPropertiesPage *self,
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
                              email != NULL ? display_name (email->label, email->id) : property->domain_of);
    }
  return g_strdup (type);
}

static char *
describe_activity (const LwConfig       *config,
                   const LwActivityType *activity)
{
  g_autoptr(GPtrArray) uses = g_ptr_array_new_with_free_func (g_free);

  collect_activity_uses (config, activity->id, uses);
  if (uses->len == 0)
    return g_strdup (_("No scoring criterion counts it yet."));
  /* translators: %u is a number of scoring criteria */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Counted by %u scoring criterion.",
                                       "Counted by %u scoring criteria.", uses->len),
                          uses->len);
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
                         display_name (property->label, property->id), summary);
    }

  for (guint i = 0; i < self->activity_rows->len && i < config->activities->len; i++)
    {
      const LwActivityType *activity = g_ptr_array_index (config->activities, i);
      g_autofree char *summary = describe_activity (config, activity);

      set_expander_text (g_ptr_array_index (self->activity_rows, i),
                         display_name (activity->label, activity->id), summary);
    }

  for (guint i = 0; i < self->marks->len; i++)
    {
      Mark *mark = g_ptr_array_index (self->marks, i);

      if (mark->kind == MARK_ENTRY)
        lw_properties_page_mark_entry_row (ADW_ENTRY_ROW (mark->row), self->workspace, mark->path);
      else if (mark->kind == MARK_OPTION)
        show_mark (g_object_get_data (G_OBJECT (mark->row), "lw-mark"),
                   g_object_get_data (G_OBJECT (mark->row), "lw-entry"), self->workspace, mark->path);
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
static void
refocus_after_rebuild (LwPropertiesPage *self,
                       const char       *button,
                       const char       *format,
                       ...) G_GNUC_PRINTF (3, 4);

static void
refocus_after_rebuild (LwPropertiesPage *self,
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
static void
apply (LwPropertiesPage *self,
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

static LwProperty *
property_at (LwConfig *config,
             guint     index)
{
  g_return_val_if_fail (LW_N_BUILTINS + index < config->properties->len, NULL);
  return g_ptr_array_index (config->properties, LW_N_BUILTINS + index);
}

static LwActivityType *
activity_at (LwConfig *config,
             guint     index)
{
  g_return_val_if_fail (index < config->activities->len, NULL);
  return g_ptr_array_index (config->activities, index);
}

/* A text the person cleared: NULL for optional fields. */
static char *
dup_optional (const char *text)
{
  return text != NULL && *text != '\0' ? g_strdup (text) : NULL;
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
  if (*text != '\0' && !id_taken (config->properties, property, text) &&
      !id_taken (config->properties, property, old_id))
    rename_property_references (config, old_id, text);
  apply (self, g_steal_pointer (&config), _("Rename property id"), FALSE);
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
    refocus_after_rebuild (self, NULL, "$.properties[%u].label", row_index (entry));
  apply (self, g_steal_pointer (&config), _("Rename property"), email);
}

static void
property_description_applied_cb (AdwEntryRow      *entry,
                                 LwPropertiesPage *self)
{
  g_autoptr(LwConfig) config = lw_workspace_dup_config (self->workspace);
  LwProperty *property = property_at (config, row_index (entry));

  g_free (property->description);
  property->description = dup_optional (gtk_editable_get_text (GTK_EDITABLE (entry)));
  apply (self, g_steal_pointer (&config), _("Describe property"), FALSE);
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
  refocus_after_rebuild (self, NULL, "$.properties[%u].type", row_index (combo));
  apply (self, g_steal_pointer (&config), _("Change property type"), TRUE);
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
  apply (self, g_steal_pointer (&config), _("Change derived domain"), FALSE);
}

typedef struct
{
  LwPropertiesPage *self;
  char             *id;
  char             *value;
} Target;

static Target *
target_new (LwPropertiesPage *self,
            const char       *id,
            const char       *value)
{
  Target *target = g_new0 (Target, 1);

  target->self = g_object_ref (self);
  target->id = g_strdup (id);
  target->value = g_strdup (value);
  return target;
}

static void
target_free (gpointer data)
{
  Target *target = data;

  g_object_unref (target->self);
  g_free (target->id);
  g_free (target->value);
  g_free (target);
}

static int
find_user_property (const LwConfig *config,
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
  index = find_user_property (config, target->id);
  if (index < 0)
    return;
  g_ptr_array_remove_index (config->properties, index);
  apply (self, g_steal_pointer (&config), _("Remove property"), TRUE);
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
                                              display_name (property->label, property->id));

  lw_properties_page_confirm_removal (GTK_WIDGET (self), heading, uses, remove_property,
                                      target_new (self, property->id, NULL), target_free);
}

static void
add_property_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  LwPropertiesPage *self = LW_PROPERTIES_PAGE (widget);
  g_autoptr(LwConfig) config = lw_workspace_dup_config (self->workspace);
  g_autofree char *id = unique_id (config->properties, LW_N_BUILTINS, "property");

  g_ptr_array_add (config->properties, lw_property_new (id, _("New property"), LW_PROPERTY_STRING));
  refocus_after_rebuild (self, NULL, "$.properties[%u].label", config->properties->len - 1 - LW_N_BUILTINS);
  apply (self, g_steal_pointer (&config), _("Add property"), TRUE);
}

/* ---- options ------------------------------------------------------------------------- */

static LwOption *
option_of (LwProperty *property,
           guint       option)
{
  g_return_val_if_fail (option < property->options->len, NULL);
  return g_ptr_array_index (property->options, option);
}

static gboolean
has_other_option (const LwProperty *property,
                  const LwOption   *except,
                  const char       *value)
{
  for (guint i = 0; i < property->options->len; i++)
    {
      const LwOption *option = g_ptr_array_index (property->options, i);

      if (option != except && same_value (option->value, value))
        return TRUE;
    }
  return FALSE;
}

/* Whether @entry belongs to the rows as they are: an entry of rows a
 * rebuild replaced can still lose the focus afterwards. */
static gboolean
entry_is_current (LwPropertiesPage *self,
                  GtkEditable      *entry)
{
  const LwConfig *config;
  const LwProperty *property;
  guint index = row_index (entry);

  if (self->building || self->workspace == NULL || gtk_widget_get_root (GTK_WIDGET (entry)) == NULL)
    return FALSE;
  config = lw_workspace_get_config (self->workspace);
  if (LW_N_BUILTINS + index >= config->properties->len)
    return FALSE;
  property = g_ptr_array_index (config->properties, LW_N_BUILTINS + index);
  return row_option (entry) < property->options->len;
}

static void
commit_option_value (LwPropertiesPage *self,
                     GtkEditable      *entry)
{
  g_autoptr(LwConfig) config = NULL;
  LwProperty *property;
  LwOption *option;
  const char *text = gtk_editable_get_text (entry);
  g_autofree char *old_value = NULL;

  if (!entry_is_current (self, entry))
    return;

  config = lw_workspace_dup_config (self->workspace);
  property = property_at (config, row_index (entry));
  option = option_of (property, row_option (entry));
  if (g_strcmp0 (option->value, text) == 0)
    return;

  old_value = g_steal_pointer (&option->value);
  option->value = g_strdup (text);
  /* Conditions and territory maps that used the old value follow, unless
   * the new one clashes with another option. */
  if (*text != '\0' && old_value != NULL && *old_value != '\0' &&
      !has_other_option (property, option, text) && !has_other_option (property, option, old_value))
    lw_properties_page_rename_value (config, property->id, old_value, text);
  apply (self, g_steal_pointer (&config), _("Change option value"), FALSE);
}

static void
commit_option_label (LwPropertiesPage *self,
                     GtkEditable      *entry)
{
  g_autoptr(LwConfig) config = NULL;
  LwOption *option;
  const char *text = gtk_editable_get_text (entry);

  if (!entry_is_current (self, entry))
    return;

  config = lw_workspace_dup_config (self->workspace);
  option = option_of (property_at (config, row_index (entry)), row_option (entry));
  if (g_strcmp0 (option->label, text) == 0)
    return;
  g_free (option->label);
  option->label = g_strdup (text);
  apply (self, g_steal_pointer (&config), _("Change option label"), FALSE);
}

static void
option_entry_activate_cb (GtkEntry         *entry,
                          LwPropertiesPage *self)
{
  if (g_object_get_data (G_OBJECT (entry), "lw-field") == (gpointer) "value")
    commit_option_value (self, GTK_EDITABLE (entry));
  else
    commit_option_label (self, GTK_EDITABLE (entry));
}

static void
option_entry_leave_cb (GtkEventControllerFocus *controller,
                       LwPropertiesPage        *self)
{
  option_entry_activate_cb (GTK_ENTRY (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller))),
                            self);
}

static void
move_option (LwPropertiesPage *self,
             GtkWidget        *button,
             int               delta)
{
  g_autoptr(LwConfig) config = lw_workspace_dup_config (self->workspace);
  LwProperty *property = property_at (config, row_index (button));
  guint from = row_option (button);
  guint to = from + delta;
  gpointer option;

  if ((delta < 0 && from == 0) || to >= property->options->len)
    return;
  option = g_ptr_array_steal_index (property->options, from);
  g_ptr_array_insert (property->options, to, option);
  /* Keep the focus on the moved option's button, or on the other one
   * once it reached an end. */
  if (delta < 0)
    refocus_after_rebuild (self, to > 0 ? "move-up" : "move-down",
                           "$.properties[%u].options[%u]", row_index (button), to);
  else
    refocus_after_rebuild (self, to + 1 < property->options->len ? "move-down" : "move-up",
                           "$.properties[%u].options[%u]", row_index (button), to);
  apply (self, g_steal_pointer (&config), _("Move option"), TRUE);
}

static void
option_up_clicked_cb (GtkButton        *button,
                      LwPropertiesPage *self)
{
  move_option (self, GTK_WIDGET (button), -1);
}

static void
option_down_clicked_cb (GtkButton        *button,
                        LwPropertiesPage *self)
{
  move_option (self, GTK_WIDGET (button), +1);
}

static void
remove_option (gpointer data)
{
  Target *target = data;
  LwPropertiesPage *self = target->self;
  g_autoptr(LwConfig) config = NULL;
  LwProperty *property;
  int index;

  if (self->workspace == NULL)
    return;
  config = lw_workspace_dup_config (self->workspace);
  index = find_user_property (config, target->id);
  if (index < 0)
    return;
  property = g_ptr_array_index (config->properties, index);
  for (guint i = 0; i < property->options->len; i++)
    if (g_strcmp0 (((LwOption *) g_ptr_array_index (property->options, i))->value, target->value) == 0)
      {
        g_ptr_array_remove_index (property->options, i);
        apply (self, g_steal_pointer (&config), _("Remove option"), TRUE);
        return;
      }
}

static void
option_remove_clicked_cb (GtkButton        *button,
                          LwPropertiesPage *self)
{
  const LwConfig *config = lw_workspace_get_config (self->workspace);
  const LwProperty *property = g_ptr_array_index (config->properties, LW_N_BUILTINS + row_index (button));
  const LwOption *option = g_ptr_array_index (property->options, row_option (button));
  g_autoptr(GPtrArray) uses = NULL;
  g_autofree char *heading = NULL;

  /* An empty value is used nowhere. */
  uses = option->value != NULL && *option->value != '\0'
           ? lw_properties_page_dup_uses (config, property->id, option->value)
           : g_ptr_array_new ();
  /* translators: %s is an option of an enum property, "United States" */
  heading = g_strdup_printf (_("Remove Option “%s”?"), display_name (option->label, option->value));
  lw_properties_page_confirm_removal (GTK_WIDGET (self), heading, uses, remove_option,
                                      target_new (self, property->id, option->value), target_free);
}

static void
option_add_clicked_cb (GtkButton        *button,
                       LwPropertiesPage *self)
{
  g_autoptr(LwConfig) config = lw_workspace_dup_config (self->workspace);
  LwProperty *property = property_at (config, row_index (button));
  guint index = row_index (button);
  g_autofree char *value = NULL;

  for (guint n = property->options->len + 1; value == NULL; n++)
    {
      g_autofree char *candidate = g_strdup_printf ("option-%u", n);

      if (!has_other_option (property, NULL, candidate))
        value = g_steal_pointer (&candidate);
    }
  g_ptr_array_add (property->options, lw_option_new (value, _("New option")));
  /* Put the cursor in the new option's value. */
  refocus_after_rebuild (self, NULL, "$.properties[%u].options[%u].value", index, property->options->len - 1);
  apply (self, g_steal_pointer (&config), _("Add option"), TRUE);
}

static GtkWidget *
create_option_entry (LwPropertiesPage *self,
                     const char       *field,
                     const char       *text,
                     const char       *placeholder,
                     const char       *accessible_label,
                     guint             index,
                     guint             option)
{
  GtkWidget *entry = gtk_entry_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();

  gtk_editable_set_text (GTK_EDITABLE (entry), text != NULL ? text : "");
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label, -1);
  gtk_widget_set_valign (entry, GTK_ALIGN_CENTER);
  set_row_data (entry, index, option, field);
  g_signal_connect (entry, "activate", G_CALLBACK (option_entry_activate_cb), self);
  g_signal_connect (focus, "leave", G_CALLBACK (option_entry_leave_cb), self);
  gtk_widget_add_controller (entry, focus);
  return entry;
}

static GtkWidget *
create_option_row (LwPropertiesPage *self,
                   const LwProperty *property,
                   guint             index,
                   guint             o)
{
  const LwOption *option = g_ptr_array_index (property->options, o);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *value = create_option_entry (self, "value", option->value, _("Value"), _("Option value"), index, o);
  GtkWidget *label = create_option_entry (self, "label", option->label, _("Label"), _("Option label"), index, o);
  GtkWidget *mark = create_mark_icon ();
  GtkWidget *up = lw_editor_icon_button ("go-up-symbolic", _("Move Option Up"));
  GtkWidget *down = lw_editor_icon_button ("go-down-symbolic", _("Move Option Down"));
  GtkWidget *remove = lw_editor_icon_button ("user-trash-symbolic", _("Remove Option"));

  /* The label gets the room; the value, a code, needs less. */
  gtk_editable_set_width_chars (GTK_EDITABLE (value), 7);
  gtk_editable_set_width_chars (GTK_EDITABLE (label), 8);
  gtk_widget_add_css_class (value, "monospace");
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_set_sensitive (up, o > 0);
  gtk_widget_set_sensitive (down, o + 1 < property->options->len);
  for (GtkWidget **w = (GtkWidget *[]) { value, label, mark, up, down, remove, NULL }; *w != NULL; w++)
    {
      if (*w == up || *w == down || *w == remove)
        set_row_data (*w, index, o, *w == up ? "move-up" : *w == down ? "move-down" : "remove");
      gtk_box_append (GTK_BOX (box), *w);
    }
  g_signal_connect (up, "clicked", G_CALLBACK (option_up_clicked_cb), self);
  g_signal_connect (down, "clicked", G_CALLBACK (option_down_clicked_cb), self);
  g_signal_connect (remove, "clicked", G_CALLBACK (option_remove_clicked_cb), self);

  gtk_widget_add_css_class (row, "lw-option-row");
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  /* "options", one-based so that 0 means none */
  set_row_data (row, index, o + 1, "options");
  g_object_set_data (G_OBJECT (row), "lw-entry", value);
  g_object_set_data (G_OBJECT (row), "lw-mark", mark);
  add_mark (self, row, MARK_OPTION, "$.properties[%u].options[%u]", index, o);
  return row;
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
      gtk_string_list_append (labels, display_name (email->label, email->id));
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
  add_mark (self, row, MARK_ROW, "$.properties[%u].domainOf", index);
  return row;
}

static void
populate_property_row (LwPropertiesPage *self,
                       AdwExpanderRow   *row,
                       const LwConfig   *config,
                       guint             index)
{
  const LwProperty *property = g_ptr_array_index (config->properties, LW_N_BUILTINS + index);
  GtkWidget *id = create_entry_row (_("Id"), property->id, G_CALLBACK (property_id_applied_cb), self);
  GtkWidget *label = create_entry_row (_("Label"), property->label, G_CALLBACK (property_label_applied_cb), self);
  GtkWidget *description = create_entry_row (_("Description"), property->description,
                                             G_CALLBACK (property_description_applied_cb), self);
  GtkWidget *type = adw_combo_row_new ();
  g_autoptr(GtkStringList) types = gtk_string_list_new (NULL);

  gtk_widget_add_css_class (id, "monospace");
  set_row_data (id, index, 0, "id");
  set_row_data (label, index, 0, "label");
  set_row_data (description, index, 0, "description");
  add_mark (self, id, MARK_ENTRY, "$.properties[%u].id", index);
  add_mark (self, label, MARK_ENTRY, "$.properties[%u].label", index);
  add_mark (self, description, MARK_ENTRY, "$.properties[%u].description", index);
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
        adw_expander_row_add_row (row, create_option_row (self, property, index, o));
      adw_expander_row_add_row (row, create_add_button_row (_("Add _Option"), G_CALLBACK (option_add_clicked_cb),
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
  set_populate (self, row, populate_property_row);
  add_mark (self, row, MARK_ROW_SUBTITLE, "$.properties[%u]", index);
  return row;
}

/* ---- activities ---------------------------------------------------------------------- */

static void
activity_id_applied_cb (AdwEntryRow      *entry,
                        LwPropertiesPage *self)
{
  g_autoptr(LwConfig) config = lw_workspace_dup_config (self->workspace);
  LwActivityType *activity = activity_at (config, row_index (entry));
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autofree char *old_id = NULL;

  if (g_strcmp0 (activity->id, text) == 0)
    return;

  old_id = g_steal_pointer (&activity->id);
  activity->id = g_strdup (text);
  if (*text != '\0' && !id_taken (config->activities, activity, text) &&
      !id_taken (config->activities, activity, old_id))
    rename_activity_references (config, old_id, text);
  apply (self, g_steal_pointer (&config), _("Rename activity id"), FALSE);
}

static void
activity_label_applied_cb (AdwEntryRow      *entry,
                           LwPropertiesPage *self)
{
  g_autoptr(LwConfig) config = lw_workspace_dup_config (self->workspace);
  LwActivityType *activity = activity_at (config, row_index (entry));

  g_free (activity->label);
  activity->label = g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry)));
  apply (self, g_steal_pointer (&config), _("Rename activity"), FALSE);
}

static void
activity_description_applied_cb (AdwEntryRow      *entry,
                                 LwPropertiesPage *self)
{
  g_autoptr(LwConfig) config = lw_workspace_dup_config (self->workspace);
  LwActivityType *activity = activity_at (config, row_index (entry));

  g_free (activity->description);
  activity->description = dup_optional (gtk_editable_get_text (GTK_EDITABLE (entry)));
  apply (self, g_steal_pointer (&config), _("Describe activity"), FALSE);
}

static void
remove_activity (gpointer data)
{
  Target *target = data;
  LwPropertiesPage *self = target->self;
  g_autoptr(LwConfig) config = NULL;

  if (self->workspace == NULL)
    return;
  config = lw_workspace_dup_config (self->workspace);
  for (guint i = 0; i < config->activities->len; i++)
    if (g_strcmp0 (((LwActivityType *) g_ptr_array_index (config->activities, i))->id, target->id) == 0)
      {
        g_ptr_array_remove_index (config->activities, i);
        apply (self, g_steal_pointer (&config), _("Remove activity"), TRUE);
        return;
      }
}

static void
activity_remove_clicked_cb (GtkButton        *button,
                            LwPropertiesPage *self)
{
  const LwConfig *config = lw_workspace_get_config (self->workspace);
  const LwActivityType *activity = g_ptr_array_index (config->activities, row_index (button));
  g_autoptr(GPtrArray) uses = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *heading = NULL;

  collect_activity_uses (config, activity->id, uses);
  /* translators: %s is an activity, "Demo request" */
  heading = g_strdup_printf (_("Remove Activity “%s”?"), display_name (activity->label, activity->id));
  lw_properties_page_confirm_removal (GTK_WIDGET (self), heading, uses, remove_activity,
                                      target_new (self, activity->id, NULL), target_free);
}

static void
add_activity_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  LwPropertiesPage *self = LW_PROPERTIES_PAGE (widget);
  g_autoptr(LwConfig) config = lw_workspace_dup_config (self->workspace);
  g_autofree char *id = unique_id (config->activities, 0, "activity");

  g_ptr_array_add (config->activities, lw_activity_type_new (id, _("New activity")));
  refocus_after_rebuild (self, NULL, "$.activities[%u].label", config->activities->len - 1);
  apply (self, g_steal_pointer (&config), _("Add activity"), TRUE);
}

static void
populate_activity_row (LwPropertiesPage *self,
                       AdwExpanderRow   *row,
                       const LwConfig   *config,
                       guint             index)
{
  const LwActivityType *activity = g_ptr_array_index (config->activities, index);
  GtkWidget *id = create_entry_row (_("Id"), activity->id, G_CALLBACK (activity_id_applied_cb), self);
  GtkWidget *label = create_entry_row (_("Label"), activity->label, G_CALLBACK (activity_label_applied_cb), self);
  GtkWidget *description = create_entry_row (_("Description"), activity->description,
                                             G_CALLBACK (activity_description_applied_cb), self);

  gtk_widget_add_css_class (id, "monospace");
  set_row_data (id, index, 0, "id");
  set_row_data (label, index, 0, "label");
  set_row_data (description, index, 0, "description");
  add_mark (self, id, MARK_ENTRY, "$.activities[%u].id", index);
  add_mark (self, label, MARK_ENTRY, "$.activities[%u].label", index);
  add_mark (self, description, MARK_ENTRY, "$.activities[%u].description", index);
  adw_expander_row_add_row (row, id);
  adw_expander_row_add_row (row, label);
  adw_expander_row_add_row (row, description);
}

static GtkWidget *
create_activity_row (LwPropertiesPage *self,
                     guint             index)
{
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *remove = lw_editor_icon_button ("user-trash-symbolic", _("Remove Activity"));

  set_row_data (remove, index, 0, NULL);
  g_signal_connect (remove, "clicked", G_CALLBACK (activity_remove_clicked_cb), self);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row), remove);

  set_row_data (row, index, 0, NULL);
  set_populate (self, row, populate_activity_row);
  add_mark (self, row, MARK_ROW_SUBTITLE, "$.activities[%u]", index);
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
      g_autofree char *title = g_markup_escape_text (display_name (property->label, property->id), -1);
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
      GtkWidget *row = create_activity_row (self, i);

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
  gtk_widget_class_install_action (widget_class, "properties.add-activity", NULL, add_activity_action);
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
