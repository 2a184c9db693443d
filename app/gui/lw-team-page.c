/* lw-team-page.c: the team editor
 *
 * Four views behind a switcher: the reps (role, team, time zone, working
 * hours per weekday, daily capacity, weight, active, out-of-office dates),
 * the teams and their managers, the round-robin pools and the existing
 * accounts that account-owner routing looks up by email domain.
 *
 * Every edit takes a copy of the rule set from the workspace, changes it and
 * hands it back. Edits of a value update titles, subtitles and marks in
 * place, so the widget being edited keeps its focus; edits that add or
 * remove something or rename what other rows list, and anything else (undo,
 * redo, an import), rebuild the rows, keeping open what was open and the
 * focus where it was. Rows are known by the id of what they edit, so that
 * survives a removal.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "lw-editor-utils.h"
#include "lw-hours-editor.h"
#include "lw-page.h"
#include "lw-team-page.h"

struct _LwTeamPage
{
  GtkWidget             parent_instance;

  /* template widgets */
  GtkWidget            *content;
  AdwViewStack         *stack;
  AdwViewStackPage     *reps_page;
  AdwViewStackPage     *teams_page;
  AdwViewStackPage     *pools_page;
  AdwViewStackPage     *accounts_page;
  AdwPreferencesGroup  *reps_group;
  AdwPreferencesGroup  *teams_group;
  AdwPreferencesGroup  *pools_group;
  AdwPreferencesGroup  *accounts_group;

  /* owned */
  LwWorkspace          *workspace;
  GPtrArray            *rep_rows;      /* AdwExpanderRow, borrowed from the groups */
  GPtrArray            *team_rows;
  GPtrArray            *pool_rows;
  GPtrArray            *account_rows;
  GHashTable           *keyed;         /* key -> widget (borrowed): "rep:ana/timeZone" */
  gboolean              applying;
  gboolean              building;
};

static void lw_team_page_page_init (LwPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LwTeamPage, lw_team_page, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (LW_TYPE_PAGE, lw_team_page_page_init))

enum {
  PROP_0,
  PROP_WORKSPACE,
  N_PROPS
};

/* What a widget edits; the item is at its "lw-index". */
typedef enum
{
  FIELD_REP_NAME,
  FIELD_REP_EMAIL,
  FIELD_REP_TIME_ZONE,
  FIELD_REP_ROLE,
  FIELD_REP_TEAM,
  FIELD_REP_CAPACITY,
  FIELD_REP_WEIGHT,
  FIELD_REP_ACTIVE,
  FIELD_TEAM_LABEL,
  FIELD_TEAM_MANAGER,
  FIELD_TEAM_REGION,
  FIELD_POOL_LABEL,
  FIELD_POOL_WEIGHTED,
  FIELD_POOL_CAPACITY,
  FIELD_POOL_WORKING_HOURS,
  FIELD_POOL_OUT_OF_OFFICE,
  FIELD_ACCOUNT_DOMAIN,
  FIELD_ACCOUNT_NAME,
  FIELD_ACCOUNT_OWNER,
} Field;

/* What an item row of the four views edits. */
typedef enum
{
  KIND_REP,
  KIND_TEAM,
  KIND_POOL,
  KIND_ACCOUNT,
} Kind;

static const char * const day_keys[7] = { "mon", "tue", "wed", "thu", "fri", "sat", "sun" };

/* Offered in the time-zone menu; any IANA name may be typed. */
static const char * const common_time_zones[] = {
  "UTC",
  "America/Los_Angeles", "America/Denver", "America/Chicago", "America/New_York",
  "America/Sao_Paulo",
  "Europe/London", "Europe/Dublin", "Europe/Paris", "Europe/Berlin", "Europe/Madrid",
  "Europe/Stockholm", "Europe/Warsaw",
  "Africa/Johannesburg", "Asia/Dubai", "Asia/Kolkata", "Asia/Singapore", "Asia/Tokyo",
  "Australia/Sydney",
};

static void rebuild          (LwTeamPage     *self);
static void item_expanded_cb (AdwExpanderRow *row,
                              GParamSpec     *pspec,
                              LwTeamPage     *self);

/* ---- text ------------------------------------------------------------------------------ */

static char *
format_date (const GDate *date)
{
  char text[16];

  if (!g_date_valid (date))
    return g_strdup ("");
  g_snprintf (text, sizeof text, "%04u-%02u-%02u", g_date_get_year (date), g_date_get_month (date),
              g_date_get_day (date));
  return g_strdup (text);
}

/* Reads "2026-12-24", and nothing else. */
static gboolean
parse_date (const char *text,
            GDate      *date)
{
  guint year, month, day;

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;
  if (sscanf (text, "%4u-%2u-%2u", &year, &month, &day) != 3 ||
      !g_date_valid_dmy (day, month, year))
    return FALSE;
  g_date_clear (date, 1);
  g_date_set_dmy (date, day, month, year);
  return TRUE;
}

static const char *
rep_name (const LwConfig *config,
          const char     *id)
{
  const LwRep *rep = id != NULL ? lw_config_find_rep (config, id) : NULL;

  return rep != NULL ? rep->name : id;
}

/* "SDR · EMEA · Europe/Berlin · 40 leads a day" */
static char *
describe_rep (const LwConfig *config,
              const LwRep    *rep)
{
  const LwTeam *team = rep->team != NULL ? lw_config_find_team (config, rep->team) : NULL;
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (parts, g_strdup (lw_role_to_label (rep->role)));
  if (rep->team != NULL && *rep->team != '\0')
    g_ptr_array_add (parts, g_strdup (team != NULL ? team->label : rep->team));
  g_ptr_array_add (parts, g_strdup (rep->time_zone != NULL ? rep->time_zone : ""));
  if (rep->capacity == 0)
    g_ptr_array_add (parts, g_strdup (_("no daily cap")));
  else
    /* translators: a rep's daily capacity */
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u lead a day", "%u leads a day", rep->capacity),
                                             rep->capacity));
  if (!rep->active)
    g_ptr_array_add (parts, g_strdup (_("inactive")));
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}

static char *
describe_out_of_office (const LwRep *rep)
{
  if (rep->out_of_office->len == 0)
    return g_strdup (_("None planned"));
  if (rep->out_of_office->len == 1)
    {
      const LwDateRange *range = &g_array_index (rep->out_of_office, LwDateRange, 0);
      g_autofree char *from = format_date (&range->from);
      g_autofree char *to = format_date (&range->to);

      /* translators: an out-of-office range, "2026-12-24 – 2026-12-31" */
      return g_strdup_printf (_("%s – %s"), from, to);
    }
  /* translators: how many out-of-office ranges a rep has */
  return g_strdup_printf (ngettext ("%u range", "%u ranges", rep->out_of_office->len),
                          rep->out_of_office->len);
}

/* "Managed by Maria Gonzalez · North America · 5 reps" */
static char *
describe_team (const LwConfig *config,
               const LwTeam   *team)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  guint n = 0;

  for (guint i = 0; i < config->reps->len; i++)
    n += g_strcmp0 (((LwRep *) g_ptr_array_index (config->reps, i))->team, team->id) == 0;

  if (team->manager != NULL && *team->manager != '\0')
    /* translators: %s is a rep's name */
    g_ptr_array_add (parts, g_strdup_printf (_("Managed by %s"), rep_name (config, team->manager)));
  else
    g_ptr_array_add (parts, g_strdup (_("No manager")));
  if (team->region != NULL && *team->region != '\0')
    g_ptr_array_add (parts, g_strdup (team->region));
  /* translators: how many reps a team has */
  g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u rep", "%u reps", n), n));
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}

static char *
describe_members (const LwConfig *config,
                  const LwPool   *pool)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint j = 0; j < pool->members->len; j++)
    {
      if (j > 0)
        g_string_append (text, ", ");
      g_string_append (text, rep_name (config, g_ptr_array_index (pool->members, j)));
    }
  if (text->len == 0)
    return g_strdup (_("Nobody yet"));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* "Weighted round robin · 3 members" */
static char *
describe_pool (const LwPool *pool)
{
  guint n = pool->members->len;
  /* translators: how many reps a pool has */
  g_autofree char *members = g_strdup_printf (ngettext ("%u member", "%u members", n), n);

  return g_strdup_printf ("%s · %s", pool->weighted ? _("Weighted round robin") : _("Round robin"),
                          members);
}

/* "northwind.com → Olivia Chen" */
static char *
describe_account (const LwConfig  *config,
                  const LwAccount *account)
{
  return g_strdup_printf ("%s → %s", account->domain != NULL ? account->domain : "",
                          account->owner != NULL ? rep_name (config, account->owner) : _("nobody"));
}

/* ---- keys: rows known by what they edit ------------------------------------------------- */

static void
remember (LwTeamPage *self,
          GtkWidget  *widget,
          const char *item,
          const char *member)
{
  char *key = g_strconcat (item, member, NULL);

  g_object_set_data_full (G_OBJECT (widget), "lw-key", g_strdup (key), g_free);
  g_hash_table_replace (self->keyed, key, widget);
}

static char *
rep_key (const LwRep *rep)
{
  return g_strdup_printf ("rep:%s", rep->id);
}

static char *
team_key (const LwTeam *team)
{
  return g_strdup_printf ("team:%s", team->id);
}

static char *
pool_key (const LwPool *pool)
{
  return g_strdup_printf ("pool:%s", pool->id);
}

static char *
account_key (guint index)
{
  return g_strdup_printf ("account:%u", index);
}

/* The key of the widget that has the keyboard focus, or NULL. */
static char *
dup_focused_key (LwTeamPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  for (GtkWidget *w = focus; w != NULL && w != GTK_WIDGET (self); w = gtk_widget_get_parent (w))
    {
      const char *key = g_object_get_data (G_OBJECT (w), "lw-key");

      if (key != NULL && g_hash_table_lookup (self->keyed, key) == w)
        return g_strdup (key);
    }
  return NULL;
}

/* Focuses @widget now, and again once the rows that open to show it have
 * opened, so that the page scrolls to where it ends up. */
static void
child_revealed_cb (GtkRevealer *revealer,
                   GParamSpec  *pspec,
                   GtkWidget   *widget)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *content;
  graphene_rect_t bounds;

  if (!gtk_revealer_get_child_revealed (revealer))
    return;
  g_signal_handlers_disconnect_by_func (revealer, child_revealed_cb, widget);

  /* The focus is already there: scroll by hand. */
  content = scrolled != NULL ? gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled)) : NULL;
  if (content != NULL && GTK_IS_VIEWPORT (content))
    content = gtk_viewport_get_child (GTK_VIEWPORT (content));
  if (content != NULL && gtk_widget_compute_bounds (widget, content, &bounds))
    gtk_adjustment_clamp_page (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled)),
                               bounds.origin.y - 12, bounds.origin.y + bounds.size.height + 12);
  gtk_widget_grab_focus (widget);
}

static void
focus_when_shown (GtkWidget *widget)
{
  GtkWidget *opening = NULL;

  for (GtkWidget *w = gtk_widget_get_parent (widget); w != NULL; w = gtk_widget_get_parent (w))
    if (GTK_IS_REVEALER (w) && gtk_revealer_get_reveal_child (GTK_REVEALER (w)) &&
        !gtk_revealer_get_child_revealed (GTK_REVEALER (w)))
      opening = w;

  gtk_widget_grab_focus (widget);
  if (opening != NULL)
    g_signal_connect_object (opening, "notify::child-revealed", G_CALLBACK (child_revealed_cb), widget, 0);
}

/* ---- applying edits ------------------------------------------------------------------- */

static guint
row_index (gpointer widget)
{
  return GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (widget), "lw-index"));
}

static Field
row_field (gpointer widget)
{
  return GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (widget), "lw-field"));
}

static void
set_target (gpointer widget,
            guint    index,
            Field    field)
{
  g_object_set_data (G_OBJECT (widget), "lw-index", GUINT_TO_POINTER (index));
  g_object_set_data (G_OBJECT (widget), "lw-field", GUINT_TO_POINTER (field));
}

/* Sets the subtitle of @row, unless a mark shows a message there: then the
 * mark puts it back when it clears. */
static void
set_subtitle (gpointer    row,
              const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  g_object_set_data_full (G_OBJECT (row), "lw-original-subtitle", g_strdup (escaped), g_free);
  if (g_object_get_data (G_OBJECT (row), "lw-marked-subtitle"))
    return;
  if (ADW_IS_EXPANDER_ROW (row))
    adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), escaped);
  else
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
}

static void
set_title (gpointer    row,
           const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text != NULL ? text : "", -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
}

/* Marks the row that @row keeps as @member ("lw-member.timeZone"). */
static void
mark_member (LwTeamPage *self,
             gpointer    row,
             const char *at,
             const char *member)
{
  g_autofree char *data_key = g_strconcat ("lw-member", member, NULL);
  g_autofree char *path = g_strconcat (at, member, NULL);
  AdwPreferencesRow *target = g_object_get_data (G_OBJECT (row), data_key);

  if (target == NULL)
    return;
  if (ADW_IS_ENTRY_ROW (target))
    lw_hours_editor_mark_row (target, self->workspace, path, NULL);
  else
    lw_editor_mark_row (target, self->workspace, path, TRUE);
}

static void
update_rep_row (LwTeamPage     *self,
                GtkWidget      *row,
                const LwConfig *config,
                guint           i)
{
  const LwRep *rep = g_ptr_array_index (config->reps, i);
  g_autofree char *at = g_strdup_printf ("$.team.reps[%u]", i);
  g_autofree char *hours_path = g_strconcat (at, ".workingHours", NULL);
  g_autofree char *summary = describe_rep (config, rep);
  g_autofree char *away = describe_out_of_office (rep);
  GtkWidget *ooo = g_object_get_data (G_OBJECT (row), "lw-member.outOfOffice");
  GPtrArray *ranges;

  set_title (row, rep->name);
  set_subtitle (row, summary);
  adw_avatar_set_text (g_object_get_data (G_OBJECT (row), "lw-avatar"), rep->name);
  lw_editor_mark_row (ADW_PREFERENCES_ROW (row), self->workspace, at, TRUE);
  if (ooo == NULL)
    return;

  for (const char * const *m = (const char * const[]) { ".name", ".email", ".role", ".team", ".timeZone",
                                                        ".capacity", ".weight", ".active", NULL };
       *m != NULL; m++)
    mark_member (self, row, at, *m);
  lw_hours_editor_mark (g_object_get_data (G_OBJECT (row), "lw-member.workingHours"), self->workspace,
                        hours_path);

  set_subtitle (ooo, away);
  mark_member (self, row, at, ".outOfOffice");
  ranges = g_object_get_data (G_OBJECT (ooo), "lw-range-rows");
  for (guint j = 0; j < ranges->len; j++)
    {
      AdwPreferencesRow *range = g_ptr_array_index (ranges, j);
      g_autofree char *path = g_strdup_printf ("%s.outOfOffice[%u]", at, j);

      lw_hours_editor_mark_row (range, self->workspace, path,
                                g_object_get_data (G_OBJECT (range), "lw-local-error"));
    }
}

static void
update_team_row (LwTeamPage     *self,
                 GtkWidget      *row,
                 const LwConfig *config,
                 guint           i)
{
  const LwTeam *team = g_ptr_array_index (config->teams, i);
  g_autofree char *at = g_strdup_printf ("$.team.teams[%u]", i);
  g_autofree char *summary = describe_team (config, team);

  set_title (row, team->label);
  set_subtitle (row, summary);
  lw_editor_mark_row (ADW_PREFERENCES_ROW (row), self->workspace, at, TRUE);
  mark_member (self, row, at, ".label");
  mark_member (self, row, at, ".manager");
  mark_member (self, row, at, ".region");
}

static void
update_pool_row (LwTeamPage     *self,
                 GtkWidget      *row,
                 const LwConfig *config,
                 guint           i)
{
  const LwPool *pool = g_ptr_array_index (config->pools, i);
  g_autofree char *at = g_strdup_printf ("$.team.pools[%u]", i);
  g_autofree char *summary = describe_pool (pool);
  GtkWidget *members = g_object_get_data (G_OBJECT (row), "lw-member.members");

  set_title (row, pool->label);
  set_subtitle (row, summary);
  lw_editor_mark_row (ADW_PREFERENCES_ROW (row), self->workspace, at, TRUE);
  if (members != NULL)
    {
      g_autofree char *names = describe_members (config, pool);

      set_subtitle (members, names);
    }
  mark_member (self, row, at, ".label");
  mark_member (self, row, at, ".members");
}

static void
update_account_row (LwTeamPage     *self,
                    GtkWidget      *row,
                    const LwConfig *config,
                    guint           i)
{
  const LwAccount *account = g_ptr_array_index (config->accounts, i);
  g_autofree char *at = g_strdup_printf ("$.accounts[%u]", i);
  g_autofree char *summary = describe_account (config, account);

  set_title (row, account->name);
  set_subtitle (row, summary);
  lw_editor_mark_row (ADW_PREFERENCES_ROW (row), self->workspace, at, TRUE);
  mark_member (self, row, at, ".domain");
  mark_member (self, row, at, ".name");
  mark_member (self, row, at, ".owner");
}

/* Refreshes the title, subtitle and marks of an item row and of the rows
 * inside it, when they have been made. */
static void
update_row (LwTeamPage *self,
            GtkWidget  *row)
{
  const LwConfig *config = lw_workspace_get_config (self->workspace);
  guint index = row_index (row);

  switch ((Kind) GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "lw-kind")))
    {
    case KIND_REP:
      if (index < config->reps->len)
        update_rep_row (self, row, config, index);
      break;
    case KIND_TEAM:
      if (index < config->teams->len)
        update_team_row (self, row, config, index);
      break;
    case KIND_POOL:
      if (index < config->pools->len)
        update_pool_row (self, row, config, index);
      break;
    case KIND_ACCOUNT:
      if (index < config->accounts->len)
        update_account_row (self, row, config, index);
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
update_marks (LwTeamPage *self)
{
  GPtrArray *all[] = { self->rep_rows, self->team_rows, self->pool_rows, self->account_rows };
  struct
  {
    AdwViewStackPage *page;
    const char       *path;
  } views[] = {
    { self->reps_page, "$.team.reps" },
    { self->teams_page, "$.team.teams" },
    { self->pools_page, "$.team.pools" },
    { self->accounts_page, "$.accounts" },
  };

  for (guint k = 0; k < G_N_ELEMENTS (all); k++)
    for (guint i = 0; i < all[k]->len; i++)
      update_row (self, g_ptr_array_index (all[k], i));

  for (guint v = 0; v < G_N_ELEMENTS (views); v++)
    {
      g_autoptr(GPtrArray) found = lw_workspace_dup_diagnostics_at (self->workspace, views[v].path);

      adw_view_stack_page_set_needs_attention (views[v].page, found->len > 0);
    }
}

/* Hands @config to the workspace. Structural edits rebuild the rows; the
 * others only refresh titles, subtitles and marks. */
static void
apply (LwTeamPage *self,
       LwConfig   *config,
       const char *description,
       gboolean    structural)
{
  self->applying = TRUE;
  lw_workspace_apply (self->workspace, config, description);
  self->applying = FALSE;

  if (structural)
    rebuild (self);
  else
    update_marks (self);
}

static LwRep *
rep_at (LwConfig *config,
        guint     index)
{
  g_return_val_if_fail (index < config->reps->len, NULL);
  return g_ptr_array_index (config->reps, index);
}

static LwTeam *
team_at (LwConfig *config,
         guint     index)
{
  g_return_val_if_fail (index < config->teams->len, NULL);
  return g_ptr_array_index (config->teams, index);
}

static LwPool *
pool_at (LwConfig *config,
         guint     index)
{
  g_return_val_if_fail (index < config->pools->len, NULL);
  return g_ptr_array_index (config->pools, index);
}

static LwAccount *
account_at (LwConfig *config,
            guint     index)
{
  g_return_val_if_fail (index < config->accounts->len, NULL);
  return g_ptr_array_index (config->accounts, index);
}

static void
entry_applied_cb (AdwEntryRow *entry,
                  LwTeamPage  *self)
{
  g_autoptr(LwConfig) config = lw_workspace_dup_config (self->workspace);
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  guint index = row_index (entry);
  const char *description;
  gboolean structural = FALSE;
  gboolean optional = FALSE;
  char **field;

  switch (row_field (entry))
    {
    case FIELD_REP_NAME:
      field = &rep_at (config, index)->name;
      description = _("Rename rep");
      /* Other rows list the reps by name. */
      structural = TRUE;
      break;
    case FIELD_REP_EMAIL:
      field = &rep_at (config, index)->email;
      description = _("Change email");
      break;
    case FIELD_REP_TIME_ZONE:
      field = &rep_at (config, index)->time_zone;
      description = _("Change time zone");
      break;
    case FIELD_TEAM_LABEL:
      field = &team_at (config, index)->label;
      description = _("Rename team");
      structural = TRUE;
      break;
    case FIELD_TEAM_REGION:
      field = &team_at (config, index)->region;
      description = _("Change region");
      optional = TRUE;
      break;
    case FIELD_POOL_LABEL:
      field = &pool_at (config, index)->label;
      description = _("Rename pool");
      break;
    case FIELD_ACCOUNT_DOMAIN:
      {
        char *lower = g_ascii_strdown (text, -1);

        g_free (text);
        text = lower;
        field = &account_at (config, index)->domain;
        description = _("Change account domain");
        break;
      }
    case FIELD_ACCOUNT_NAME:
      field = &account_at (config, index)->name;
      description = _("Rename account");
      break;
    default:
      g_assert_not_reached ();
    }

  if (g_strcmp0 (*field != NULL ? *field : "", text) == 0)
    return;
  g_free (*field);
  *field = optional && *text == '\0' ? NULL : g_steal_pointer (&text);
  apply (self, g_steal_pointer (&config), description, structural);
}

static void
combo_selected_cb (AdwComboRow *combo,
                   GParamSpec  *pspec,
                   LwTeamPage  *self)
{
  g_autoptr(LwConfig) config = NULL;
  guint selected = adw_combo_row_get_selected (combo);
  guint index = row_index (combo);
  const char *description;
  const char *id = NULL;
  char **field = NULL;

  if (self->building || selected == GTK_INVALID_LIST_POSITION)
    return;

  config = lw_workspace_dup_config (self->workspace);
  switch (row_field (combo))
    {
    case FIELD_REP_ROLE:
      if (rep_at (config, index)->role == (LwRole) selected)
        return;
      rep_at (config, index)->role = selected;
      apply (self, g_steal_pointer (&config), _("Change role"), FALSE);
      return;
    case FIELD_REP_TEAM:
      field = &rep_at (config, index)->team;
      id = selected > 0 ? ((LwTeam *) g_ptr_array_index (config->teams, selected - 1))->id : NULL;
      description = _("Change team");
      break;
    case FIELD_TEAM_MANAGER:
      field = &team_at (config, index)->manager;
      id = ((LwRep *) g_ptr_array_index (config->reps, selected))->id;
      description = _("Change team manager");
      break;
    case FIELD_ACCOUNT_OWNER:
      field = &account_at (config, index)->owner;
      id = ((LwRep *) g_ptr_array_index (config->reps, selected))->id;
      description = _("Change account owner");
      break;
    default:
      g_assert_not_reached ();
    }

  if (g_strcmp0 (*field, id) == 0)
    return;
  g_free (*field);
  *field = g_strdup (id);
  apply (self, g_steal_pointer (&config), description, FALSE);
}

static void
switch_active_cb (GtkSwitch  *widget,
                  GParamSpec *pspec,
                  LwTeamPage *self)
{
  g_autoptr(LwConfig) config = NULL;
  gboolean active = gtk_switch_get_active (widget);
  guint index = row_index (widget);
  const char *description;
  gboolean *field;

  if (self->building)
    return;

  config = lw_workspace_dup_config (self->workspace);
  switch (row_field (widget))
    {
    case FIELD_REP_ACTIVE:
      field = &rep_at (config, index)->active;
      description = active ? _("Activate rep") : _("Deactivate rep");
      break;
    case FIELD_POOL_WEIGHTED:
      field = &pool_at (config, index)->weighted;
      description = _("Change pool weighting");
      break;
    case FIELD_POOL_CAPACITY:
      field = &pool_at (config, index)->respect_capacity;
      description = _("Change pool capacity rule");
      break;
    case FIELD_POOL_WORKING_HOURS:
      field = &pool_at (config, index)->working_hours;
      description = _("Change pool working-hours rule");
      break;
    case FIELD_POOL_OUT_OF_OFFICE:
      field = &pool_at (config, index)->out_of_office;
      description = _("Change pool out-of-office rule");
      break;
    default:
      g_assert_not_reached ();
    }

  if (*field == active)
    return;
  *field = active;
  apply (self, g_steal_pointer (&config), description, FALSE);
}

static void
spin_value_changed_cb (GtkSpinButton *spin,
                       LwTeamPage    *self)
{
  g_autoptr(LwConfig) config = NULL;
  guint value = (guint) gtk_spin_button_get_value_as_int (spin);
  LwRep *rep;
  guint *field;
  const char *description;

  if (self->building)
    return;

  config = lw_workspace_dup_config (self->workspace);
  rep = rep_at (config, row_index (spin));
  if (row_field (spin) == FIELD_REP_CAPACITY)
    {
      field = &rep->capacity;
      description = _("Change daily capacity");
    }
  else
    {
      field = &rep->weight;
      description = _("Change weight");
    }
  if (*field == value)
    return;
  *field = value;
  apply (self, g_steal_pointer (&config), description, FALSE);
}

static void
hours_changed_cb (LwHoursEditor *editor,
                  LwTeamPage    *self)
{
  g_autoptr(LwConfig) config = lw_workspace_dup_config (self->workspace);

  lw_hours_editor_copy_hours (editor, &rep_at (config, row_index (editor))->hours);
  apply (self, g_steal_pointer (&config), _("Change working hours"), FALSE);
}

static void
set_time_zone_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  LwTeamPage *self = LW_TEAM_PAGE (widget);
  g_autoptr(LwConfig) config = lw_workspace_dup_config (self->workspace);
  const char *id;
  const char *zone;
  GtkWidget *entry;

  g_variant_get (parameter, "(&s&s)", &id, &zone);
  for (guint i = 0; i < config->reps->len; i++)
    {
      LwRep *rep = g_ptr_array_index (config->reps, i);
      g_autofree char *key = NULL;

      if (g_strcmp0 (rep->id, id) != 0)
        continue;
      if (g_strcmp0 (rep->time_zone, zone) == 0)
        return;

      g_free (rep->time_zone);
      rep->time_zone = g_strdup (zone);
      key = g_strdup_printf ("rep:%s/timeZone", id);
      apply (self, g_steal_pointer (&config), _("Change time zone"), FALSE);

      entry = g_hash_table_lookup (self->keyed, key);
      if (entry != NULL)
        gtk_editable_set_text (GTK_EDITABLE (entry), zone);
      return;
    }
}

/* ---- out of office ---------------------------------------------------------------------- */

static void
date_changed (LwTeamPage *self,
              GtkEntry   *entry)
{
  g_autoptr(LwConfig) config = NULL;
  GtkWidget *range_row = g_object_get_data (G_OBJECT (entry), "lw-range-row");
  gboolean to = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (entry), "lw-end"));
  guint j = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (entry), "lw-range"));
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  LwDateRange *range;
  GDate date;

  if (self->building)
    return;

  config = lw_workspace_dup_config (self->workspace);
  range = &g_array_index (rep_at (config, row_index (entry))->out_of_office, LwDateRange, j);

  if (!parse_date (text, &date))
    {
      /* translators: %s is what the admin typed as a date */
      g_autofree char *message = g_strdup_printf (_("“%s” is not a date: write it as YYYY-MM-DD, "
                                                    "as in 2026-12-24"), text);

      gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
      g_object_set_data_full (G_OBJECT (range_row), "lw-local-error", g_strdup (message), g_free);
      lw_hours_editor_mark_row (ADW_PREFERENCES_ROW (range_row), NULL, NULL, message);
      return;
    }

  gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  g_object_set_data (G_OBJECT (range_row), "lw-local-error", NULL);
  if (g_date_valid (to ? &range->to : &range->from) &&
      g_date_compare (to ? &range->to : &range->from, &date) == 0)
    {
      update_marks (self);
      return;
    }
  if (to)
    range->to = date;
  else
    range->from = date;
  apply (self, g_steal_pointer (&config), _("Change out-of-office dates"), FALSE);
}

static void
date_activated_cb (GtkEntry   *entry,
                   LwTeamPage *self)
{
  date_changed (self, entry);
}

static void
date_focus_left_cb (GtkEventControllerFocus *controller,
                    LwTeamPage              *self)
{
  date_changed (self, GTK_ENTRY (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller))));
}

static void
add_range_clicked_cb (GtkButton  *button,
                      LwTeamPage *self)
{
  g_autoptr(LwConfig) config = lw_workspace_dup_config (self->workspace);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  LwRep *rep = rep_at (config, row_index (button));
  LwDateRange range;

  /* A week from today, to be adjusted. */
  g_date_clear (&range.from, 1);
  g_date_set_dmy (&range.from, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  range.to = range.from;
  g_date_add_days (&range.to, 6);
  g_array_append_val (rep->out_of_office, range);
  apply (self, g_steal_pointer (&config), _("Add out-of-office dates"), TRUE);
}

static void
remove_range_clicked_cb (GtkButton  *button,
                         LwTeamPage *self)
{
  g_autoptr(LwConfig) config = lw_workspace_dup_config (self->workspace);
  LwRep *rep = rep_at (config, row_index (button));

  g_array_remove_index (rep->out_of_office,
                        GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "lw-range")));
  apply (self, g_steal_pointer (&config), _("Remove out-of-office dates"), TRUE);
}

/* ---- pool members ------------------------------------------------------------------------ */

static void
member_toggled_cb (GtkCheckButton *check,
                   LwTeamPage     *self)
{
  g_autoptr(LwConfig) config = NULL;
  const char *id = g_object_get_data (G_OBJECT (check), "lw-rep");
  gboolean active = gtk_check_button_get_active (check);
  LwPool *pool;
  guint at;

  if (self->building)
    return;

  config = lw_workspace_dup_config (self->workspace);
  pool = pool_at (config, row_index (check));
  if (g_ptr_array_find_with_equal_func (pool->members, id, g_str_equal, &at) == active)
    return;
  if (active)
    g_ptr_array_add (pool->members, g_strdup (id));
  else
    g_ptr_array_remove_index (pool->members, at);
  apply (self, g_steal_pointer (&config), active ? _("Add pool member") : _("Remove pool member"), FALSE);
}

/* ---- adding and removing ------------------------------------------------------------------ */

static char *
unique_id (GPtrArray  *items,
           const char *prefix)
{
  for (guint n = items->len + 1;; n++)
    {
      g_autofree char *id = g_strdup_printf ("%s-%u", prefix, n);
      gboolean taken = FALSE;

      /* Reps, teams and pools all start with their id. */
      for (guint i = 0; i < items->len; i++)
        taken |= g_strcmp0 (*(char **) g_ptr_array_index (items, i), id) == 0;
      if (!taken)
        return g_steal_pointer (&id);
    }
}

/* Opens the row of @item and puts the keyboard on its @member row. */
static void
open_new (LwTeamPage *self,
          const char *view,
          const char *item,
          const char *member)
{
  g_autofree char *member_key = g_strconcat (item, member, NULL);
  GtkWidget *row = g_hash_table_lookup (self->keyed, item);
  GtkWidget *focus = g_hash_table_lookup (self->keyed, member_key);

  adw_view_stack_set_visible_child_name (self->stack, view);
  if (row != NULL)
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  if (focus != NULL)
    focus_when_shown (focus);
}

static void
add_rep_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  LwTeamPage *self = LW_TEAM_PAGE (widget);
  g_autoptr(LwConfig) config = lw_workspace_dup_config (self->workspace);
  g_autofree char *id = unique_id (config->reps, "rep");
  g_autofree char *key = NULL;
  LwRep *rep = lw_rep_new (id, _("New rep"));

  /* Like the first rep: their team and time zone; weekdays 09:00-17:00. */
  if (config->reps->len > 0)
    {
      const LwRep *first = g_ptr_array_index (config->reps, 0);

      g_free (rep->time_zone);
      rep->time_zone = g_strdup (first->time_zone);
    }
  if (config->teams->len > 0)
    rep->team = g_strdup (((LwTeam *) g_ptr_array_index (config->teams, 0))->id);
  for (guint d = 0; d < 5; d++)
    {
      LwInterval interval = { 9 * 60, 17 * 60 };

      g_array_append_val (rep->hours.days[d], interval);
    }
  rep->capacity = 20;
  key = rep_key (rep);
  g_ptr_array_add (config->reps, rep);
  apply (self, g_steal_pointer (&config), _("Add rep"), TRUE);
  open_new (self, "reps", key, "/name");
}

static void
remove_rep_clicked_cb (GtkButton  *button,
                       LwTeamPage *self)
{
  g_autoptr(LwConfig) config = lw_workspace_dup_config (self->workspace);
  guint index = row_index (button);
  const char *id = rep_at (config, index)->id;

  /* Nobody can tick a rep who is gone out of a pool: take them out. */
  for (guint i = 0; i < config->pools->len; i++)
    {
      LwPool *pool = g_ptr_array_index (config->pools, i);
      guint at;

      while (g_ptr_array_find_with_equal_func (pool->members, id, g_str_equal, &at))
        g_ptr_array_remove_index (pool->members, at);
    }
  g_ptr_array_remove_index (config->reps, index);
  apply (self, g_steal_pointer (&config), _("Remove rep"), TRUE);
}

static void
add_team_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  LwTeamPage *self = LW_TEAM_PAGE (widget);
  g_autoptr(LwConfig) config = lw_workspace_dup_config (self->workspace);
  g_autofree char *id = unique_id (config->teams, "team");
  g_autofree char *key = NULL;
  LwTeam *team = lw_team_new (id, _("New team"));

  if (config->reps->len > 0)
    team->manager = g_strdup (((LwRep *) g_ptr_array_index (config->reps, 0))->id);
  key = team_key (team);
  g_ptr_array_add (config->teams, team);
  apply (self, g_steal_pointer (&config), _("Add team"), TRUE);
  open_new (self, "teams", key, "/label");
}

static void
remove_team_clicked_cb (GtkButton  *button,
                        LwTeamPage *self)
{
  g_autoptr(LwConfig) config = lw_workspace_dup_config (self->workspace);

  g_ptr_array_remove_index (config->teams, row_index (button));
  apply (self, g_steal_pointer (&config), _("Remove team"), TRUE);
}

static void
add_pool_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  LwTeamPage *self = LW_TEAM_PAGE (widget);
  g_autoptr(LwConfig) config = lw_workspace_dup_config (self->workspace);
  g_autofree char *id = unique_id (config->pools, "pool");
  g_autofree char *key = NULL;
  LwPool *pool = lw_pool_new (id, _("New pool"));

  key = pool_key (pool);
  g_ptr_array_add (config->pools, pool);
  apply (self, g_steal_pointer (&config), _("Add pool"), TRUE);
  open_new (self, "pools", key, "/label");
}

static void
remove_pool_clicked_cb (GtkButton  *button,
                        LwTeamPage *self)
{
  g_autoptr(LwConfig) config = lw_workspace_dup_config (self->workspace);

  g_ptr_array_remove_index (config->pools, row_index (button));
  apply (self, g_steal_pointer (&config), _("Remove pool"), TRUE);
}

static void
add_account_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  LwTeamPage *self = LW_TEAM_PAGE (widget);
  g_autoptr(LwConfig) config = lw_workspace_dup_config (self->workspace);
  g_autofree char *domain = NULL;
  g_autofree char *key = account_key (config->accounts->len);

  /* A domain nobody has yet, to be replaced. */
  for (guint n = 1; domain == NULL; n++)
    {
      g_autofree char *candidate = n == 1 ? g_strdup ("example.com") : g_strdup_printf ("example%u.com", n);

      if (lw_config_find_account (config, candidate) == NULL)
        domain = g_steal_pointer (&candidate);
    }
  g_ptr_array_add (config->accounts,
                   lw_account_new (domain, _("New account"),
                                   config->reps->len > 0 ? ((LwRep *) g_ptr_array_index (config->reps, 0))->id
                                                         : NULL));
  apply (self, g_steal_pointer (&config), _("Add account"), TRUE);
  open_new (self, "accounts", key, "/domain");
}

static void
remove_account_clicked_cb (GtkButton  *button,
                           LwTeamPage *self)
{
  g_autoptr(LwConfig) config = lw_workspace_dup_config (self->workspace);

  g_ptr_array_remove_index (config->accounts, row_index (button));
  apply (self, g_steal_pointer (&config), _("Remove account"), TRUE);
}

/* ---- rows ------------------------------------------------------------------------------ */

/* Adds to @parent a row for @member of the item keyed @item, and keeps it
 * on @parent as "lw-member" @member for the marks and reveal(). */
static void
add_member_row (LwTeamPage *self,
                GtkWidget  *parent,
                GtkWidget  *row,
                GtkWidget  *focusable,
                const char *item,
                const char *member)
{
  g_autofree char *data_key = g_strconcat ("lw-member", member, NULL);
  g_autofree char *key_member = g_strconcat ("/", member + 1, NULL);

  adw_expander_row_add_row (ADW_EXPANDER_ROW (parent), row);
  g_object_set_data (G_OBJECT (parent), data_key, row);
  remember (self, focusable, item, key_member);
}

static GtkWidget *
add_entry (LwTeamPage *self,
           GtkWidget  *parent,
           const char *item,
           const char *member,
           const char *title,
           const char *text,
           guint       index,
           Field       field)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  set_target (row, index, field);
  g_signal_connect (row, "apply", G_CALLBACK (entry_applied_cb), self);
  add_member_row (self, parent, row, row, item, member);
  return row;
}

/* @model: (transfer full) */
static GtkWidget *
add_combo (LwTeamPage *self,
           GtkWidget  *parent,
           const char *item,
           const char *member,
           const char *title,
           GListModel *model,
           guint       selected,
           guint       index,
           Field       field)
{
  GtkWidget *row = adw_combo_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), model);
  g_object_unref (model);
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
  set_target (row, index, field);
  g_signal_connect (row, "notify::selected", G_CALLBACK (combo_selected_cb), self);
  add_member_row (self, parent, row, row, item, member);
  return row;
}

static GtkWidget *
add_switch (LwTeamPage *self,
            GtkWidget  *parent,
            const char *item,
            const char *member,
            const char *title,
            const char *subtitle,
            gboolean    active,
            guint       index,
            Field       field)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *widget = gtk_switch_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_switch_set_active (GTK_SWITCH (widget), active);
  gtk_widget_set_valign (widget, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), widget);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), widget);
  set_target (widget, index, field);
  g_signal_connect (widget, "notify::active", G_CALLBACK (switch_active_cb), self);
  g_object_set_data (G_OBJECT (row), "lw-switch", widget);
  add_member_row (self, parent, row, widget, item, member);
  return row;
}

static GtkWidget *
add_spin (LwTeamPage *self,
          GtkWidget  *parent,
          const char *item,
          const char *member,
          const char *title,
          const char *subtitle,
          guint       value,
          guint       lower,
          guint       upper,
          guint       index,
          Field       field)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (lower, upper, 1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), value);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  set_target (spin, index, field);
  g_signal_connect (spin, "value-changed", G_CALLBACK (spin_value_changed_cb), self);
  g_object_set_data (G_OBJECT (row), "lw-spin", spin);
  add_member_row (self, parent, row, spin, item, member);
  return row;
}

static GtkWidget *
create_button_row (const char *mnemonic,
                   GCallback   callback,
                   LwTeamPage *self,
                   guint       index,
                   GtkWidget **button_out)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *button = gtk_button_new ();
  GtkWidget *content = adw_button_content_new ();

  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), "list-add-symbolic");
  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), mnemonic);
  adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (content), TRUE);
  gtk_button_set_child (GTK_BUTTON (button), content);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  gtk_widget_set_margin_start (button, 6);
  gtk_widget_set_margin_top (button, 6);
  gtk_widget_set_margin_bottom (button, 6);
  set_target (button, index, 0);
  g_signal_connect (button, "clicked", callback, self);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), button);
  if (button_out != NULL)
    *button_out = button;
  return row;
}

static GtkWidget *
create_expander (LwTeamPage *self,
                 Kind        kind,
                 const char *item,
                 guint       index,
                 const char *remove_label,
                 GCallback   remove_callback)
{
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *remove = lw_editor_icon_button ("user-trash-symbolic", remove_label);

  set_target (remove, index, 0);
  g_signal_connect (remove, "clicked", remove_callback, self);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row), remove);
  g_object_set_data (G_OBJECT (row), "lw-remove", remove);
  g_object_set_data (G_OBJECT (row), "lw-kind", GUINT_TO_POINTER (kind));
  g_object_set_data (G_OBJECT (row), "lw-index", GUINT_TO_POINTER (index));
  g_signal_connect (row, "notify::expanded", G_CALLBACK (item_expanded_cb), self);
  remember (self, row, item, "");
  return row;
}

static GtkWidget *
create_time_zone_row (LwTeamPage  *self,
                      GtkWidget   *parent,
                      const char  *item,
                      const LwRep *rep,
                      guint        index)
{
  GtkWidget *row = add_entry (self, parent, item, ".timeZone", _("Time Zone"), rep->time_zone, index,
                              FIELD_REP_TIME_ZONE);
  GtkWidget *button = gtk_menu_button_new ();
  g_autoptr(GMenu) menu = g_menu_new ();

  for (guint z = 0; z < G_N_ELEMENTS (common_time_zones); z++)
    {
      g_autoptr(GMenuItem) entry = g_menu_item_new (common_time_zones[z], NULL);

      g_menu_item_set_action_and_target_value (entry, "team.set-time-zone",
                                               g_variant_new ("(ss)", rep->id, common_time_zones[z]));
      g_menu_append_item (menu, entry);
    }
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), G_MENU_MODEL (menu));
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "pan-down-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Common Time Zones"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Common Time Zones"), -1);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), button);
  return row;
}

static GtkWidget *
create_date_entry (LwTeamPage  *self,
                   GtkWidget   *range_row,
                   const GDate *date,
                   guint        index,
                   guint        j,
                   gboolean     to)
{
  GtkWidget *entry = gtk_entry_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();
  g_autofree char *text = format_date (date);

  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), 10);
  gtk_editable_set_max_width_chars (GTK_EDITABLE (entry), 10);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("YYYY-MM-DD"));
  gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_DIGITS);
  gtk_widget_set_valign (entry, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  to ? _("Last day out") : _("First day out"), -1);
  set_target (entry, index, 0);
  g_object_set_data (G_OBJECT (entry), "lw-range", GUINT_TO_POINTER (j));
  g_object_set_data (G_OBJECT (entry), "lw-end", GUINT_TO_POINTER (to));
  g_object_set_data (G_OBJECT (entry), "lw-range-row", range_row);
  g_signal_connect (entry, "activate", G_CALLBACK (date_activated_cb), self);
  g_signal_connect (focus, "leave", G_CALLBACK (date_focus_left_cb), self);
  gtk_widget_add_controller (entry, focus);
  return entry;
}

static GtkWidget *
create_out_of_office_row (LwTeamPage  *self,
                          const char  *item,
                          const LwRep *rep,
                          guint        index)
{
  GtkWidget *row = adw_expander_row_new ();
  GPtrArray *ranges = g_ptr_array_new ();
  g_autofree char *summary = describe_out_of_office (rep);
  g_autofree char *escaped = g_markup_escape_text (summary, -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Out of Office"));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), escaped);

  for (guint j = 0; j < rep->out_of_office->len; j++)
    {
      const LwDateRange *range = &g_array_index (rep->out_of_office, LwDateRange, j);
      GtkWidget *range_row = adw_action_row_new ();
      GtkWidget *from = create_date_entry (self, range_row, &range->from, index, j, FALSE);
      GtkWidget *dash = gtk_label_new (_("to"));
      GtkWidget *to = create_date_entry (self, range_row, &range->to, index, j, TRUE);
      GtkWidget *remove = lw_editor_icon_button ("user-trash-symbolic", _("Remove Dates"));
      g_autofree char *key = g_strdup_printf ("/outOfOffice/%u", j);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (range_row), _("From"));
      gtk_widget_add_css_class (dash, "dim-label");
      adw_action_row_add_suffix (ADW_ACTION_ROW (range_row), from);
      adw_action_row_add_suffix (ADW_ACTION_ROW (range_row), dash);
      adw_action_row_add_suffix (ADW_ACTION_ROW (range_row), to);
      adw_action_row_add_suffix (ADW_ACTION_ROW (range_row), remove);
      set_target (remove, index, 0);
      g_object_set_data (G_OBJECT (remove), "lw-range", GUINT_TO_POINTER (j));
      g_signal_connect (remove, "clicked", G_CALLBACK (remove_range_clicked_cb), self);
      g_object_set_data (G_OBJECT (range_row), "lw-from", from);
      g_object_set_data (G_OBJECT (range_row), "lw-to", to);
      remember (self, from, item, key);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), range_row);
      g_ptr_array_add (ranges, range_row);
    }

  adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                            create_button_row (_("Add _Dates"), G_CALLBACK (add_range_clicked_cb),
                                               self, index, NULL));
  g_object_set_data_full (G_OBJECT (row), "lw-range-rows", ranges, (GDestroyNotify) g_ptr_array_unref);
  return row;
}

static guint
position_of (GPtrArray  *items,
             const char *id)
{
  for (guint i = 0; id != NULL && i < items->len; i++)
    if (g_strcmp0 (*(char **) g_ptr_array_index (items, i), id) == 0)
      return i;
  return GTK_INVALID_LIST_POSITION;
}

/* "No team", then the teams. */
static GListModel *
teams_model (const LwConfig *config)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  gtk_string_list_append (list, _("No team"));
  for (guint i = 0; i < config->teams->len; i++)
    gtk_string_list_append (list, ((LwTeam *) g_ptr_array_index (config->teams, i))->label);
  return G_LIST_MODEL (list);
}

static GListModel *
roles_model (void)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  for (LwRole role = 0; role < LW_N_ROLES; role++)
    gtk_string_list_append (list, lw_role_to_label (role));
  return G_LIST_MODEL (list);
}

static GtkWidget *
create_rep_row (LwTeamPage  *self,
                const LwRep *rep,
                guint        index)
{
  g_autofree char *item = rep_key (rep);
  GtkWidget *row = create_expander (self, KIND_REP, item, index, _("Remove Rep"),
                                    G_CALLBACK (remove_rep_clicked_cb));
  GtkWidget *avatar = adw_avatar_new (32, rep->name, TRUE);

  adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row), avatar);
  g_object_set_data (G_OBJECT (row), "lw-avatar", avatar);
  return row;
}

static void
fill_rep_row (LwTeamPage     *self,
              GtkWidget      *row,
              const LwConfig *config,
              guint           index)
{
  const LwRep *rep = g_ptr_array_index (config->reps, index);
  g_autofree char *item = rep_key (rep);
  GtkWidget *hours = lw_hours_editor_new ();
  GtkWidget *ooo;
  guint team;

  add_entry (self, row, item, ".name", _("Name"), rep->name, index, FIELD_REP_NAME);
  add_entry (self, row, item, ".email", _("Email"), rep->email, index, FIELD_REP_EMAIL);
  add_combo (self, row, item, ".role", _("Role"), roles_model (), rep->role, index, FIELD_REP_ROLE);
  team = rep->team != NULL ? position_of (config->teams, rep->team) : GTK_INVALID_LIST_POSITION;
  add_combo (self, row, item, ".team", _("Team"), teams_model (config),
             rep->team == NULL ? 0 : team != GTK_INVALID_LIST_POSITION ? team + 1 : team, index, FIELD_REP_TEAM);
  create_time_zone_row (self, row, item, rep, index);

  lw_hours_editor_set_hours (LW_HOURS_EDITOR (hours), &rep->hours);
  set_target (hours, index, 0);
  g_signal_connect (hours, "changed", G_CALLBACK (hours_changed_cb), self);
  add_member_row (self, row, hours, hours, item, ".workingHours");
  for (guint d = 0; d < 7; d++)
    {
      g_autofree char *key = g_strdup_printf ("/workingHours/%s", day_keys[d]);

      remember (self, GTK_WIDGET (lw_hours_editor_get_day_row (LW_HOURS_EDITOR (hours), d)), item, key);
    }

  add_spin (self, row, item, ".capacity", _("Daily Capacity"), _("Leads a day at most; 0 for no cap"),
            rep->capacity, 0, 10000, index, FIELD_REP_CAPACITY);
  add_spin (self, row, item, ".weight", _("Weight"), _("Share of the leads in weighted pools"),
            rep->weight, 1, 100, index, FIELD_REP_WEIGHT);
  add_switch (self, row, item, ".active", _("Active"), _("Inactive reps get no new leads"),
              rep->active, index, FIELD_REP_ACTIVE);

  ooo = create_out_of_office_row (self, item, rep, index);
  add_member_row (self, row, ooo, ooo, item, ".outOfOffice");
}

static void
fill_team_row (LwTeamPage     *self,
               GtkWidget      *row,
               const LwConfig *config,
               guint           index)
{
  const LwTeam *team = g_ptr_array_index (config->teams, index);
  g_autofree char *item = team_key (team);

  add_entry (self, row, item, ".label", _("Name"), team->label, index, FIELD_TEAM_LABEL);
  add_combo (self, row, item, ".manager", _("Manager"), lw_editor_reps_model (config),
             position_of (config->reps, team->manager), index, FIELD_TEAM_MANAGER);
  add_entry (self, row, item, ".region", _("Region"), team->region, index, FIELD_TEAM_REGION);
}

static GtkWidget *
create_members_row (LwTeamPage     *self,
                    const LwConfig *config,
                    const char     *item,
                    const LwPool   *pool,
                    guint           index)
{
  GtkWidget *row = adw_expander_row_new ();
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autofree char *summary = describe_members (config, pool);
  g_autofree char *escaped = g_markup_escape_text (summary, -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Members"));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), escaped);

  /* Every rep, then members that name no rep, so they can be taken out. */
  for (guint i = 0; i < config->reps->len; i++)
    g_ptr_array_add (ids, ((LwRep *) g_ptr_array_index (config->reps, i))->id);
  for (guint j = 0; j < pool->members->len; j++)
    if (position_of (config->reps, g_ptr_array_index (pool->members, j)) == GTK_INVALID_LIST_POSITION)
      g_ptr_array_add (ids, g_ptr_array_index (pool->members, j));

  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);
      const LwRep *rep = i < config->reps->len ? g_ptr_array_index (config->reps, i) : NULL;
      GtkWidget *member = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      g_autofree char *key = g_strdup_printf ("/members/%s", id);

      gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                   g_ptr_array_find_with_equal_func (pool->members, id, g_str_equal, NULL));
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      set_title (member, rep != NULL ? rep->name : id);
      if (rep != NULL)
        {
          g_autofree char *subtitle = describe_rep (config, rep);

          set_subtitle (member, subtitle);
        }
      else
        set_subtitle (member, _("Not a rep"));
      adw_action_row_add_prefix (ADW_ACTION_ROW (member), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (member), check);
      set_target (check, index, 0);
      g_object_set_data_full (G_OBJECT (check), "lw-rep", g_strdup (id), g_free);
      g_object_set_data (G_OBJECT (member), "lw-check", check);
      g_signal_connect (check, "toggled", G_CALLBACK (member_toggled_cb), self);
      remember (self, check, item, key);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), member);
    }
  return row;
}

static void
fill_pool_row (LwTeamPage     *self,
               GtkWidget      *row,
               const LwConfig *config,
               guint           index)
{
  const LwPool *pool = g_ptr_array_index (config->pools, index);
  g_autofree char *item = pool_key (pool);
  GtkWidget *members = create_members_row (self, config, item, pool, index);

  add_entry (self, row, item, ".label", _("Name"), pool->label, index, FIELD_POOL_LABEL);
  add_member_row (self, row, members, members, item, ".members");
  add_switch (self, row, item, ".weighted", _("Weighted"),
              _("Deal by each rep’s weight; otherwise strictly in turn"), pool->weighted, index,
              FIELD_POOL_WEIGHTED);
  add_switch (self, row, item, ".respectCapacity", _("Respect Capacity"),
              _("Skip reps who reached their daily capacity"), pool->respect_capacity, index,
              FIELD_POOL_CAPACITY);
  add_switch (self, row, item, ".workingHours", _("Respect Working Hours"),
              _("Skip reps outside their working hours"), pool->working_hours, index,
              FIELD_POOL_WORKING_HOURS);
  add_switch (self, row, item, ".outOfOffice", _("Respect Out of Office"),
              _("Skip reps who are out of office"), pool->out_of_office, index, FIELD_POOL_OUT_OF_OFFICE);
}

static void
fill_account_row (LwTeamPage     *self,
                  GtkWidget      *row,
                  const LwConfig *config,
                  guint           index)
{
  const LwAccount *account = g_ptr_array_index (config->accounts, index);
  g_autofree char *item = account_key (index);

  add_entry (self, row, item, ".domain", _("Email Domain"), account->domain, index, FIELD_ACCOUNT_DOMAIN);
  add_entry (self, row, item, ".name", _("Name"), account->name, index, FIELD_ACCOUNT_NAME);
  add_combo (self, row, item, ".owner", _("Owner"), lw_editor_reps_model (config),
             position_of (config->reps, account->owner), index, FIELD_ACCOUNT_OWNER);
}

/* The rows inside an item are made when it first opens: the team has many
 * reps with many rows each, and most stay closed. */
static void
fill_row (LwTeamPage *self,
          GtkWidget  *row)
{
  const LwConfig *config = lw_workspace_get_config (self->workspace);
  guint index = row_index (row);

  if (g_object_get_data (G_OBJECT (row), "lw-filled"))
    return;
  g_object_set_data (G_OBJECT (row), "lw-filled", GINT_TO_POINTER (TRUE));

  switch ((Kind) GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "lw-kind")))
    {
    case KIND_REP:
      fill_rep_row (self, row, config, index);
      break;
    case KIND_TEAM:
      fill_team_row (self, row, config, index);
      break;
    case KIND_POOL:
      fill_pool_row (self, row, config, index);
      break;
    case KIND_ACCOUNT:
      fill_account_row (self, row, config, index);
      break;
    default:
      g_assert_not_reached ();
    }
  update_row (self, row);
}

static void
item_expanded_cb (AdwExpanderRow *row,
                  GParamSpec     *pspec,
                  LwTeamPage     *self)
{
  if (adw_expander_row_get_expanded (row))
    fill_row (self, GTK_WIDGET (row));
}

static GtkWidget *
create_item_row (LwTeamPage     *self,
                 Kind            kind,
                 const LwConfig *config,
                 guint           index)
{
  switch (kind)
    {
    case KIND_REP:
      return create_rep_row (self, g_ptr_array_index (config->reps, index), index);
    case KIND_TEAM:
      {
        g_autofree char *item = team_key (g_ptr_array_index (config->teams, index));

        return create_expander (self, kind, item, index, _("Remove Team"), G_CALLBACK (remove_team_clicked_cb));
      }
    case KIND_POOL:
      {
        g_autofree char *item = pool_key (g_ptr_array_index (config->pools, index));

        return create_expander (self, kind, item, index, _("Remove Pool"), G_CALLBACK (remove_pool_clicked_cb));
      }
    case KIND_ACCOUNT:
      {
        g_autofree char *item = account_key (index);

        return create_expander (self, kind, item, index, _("Remove Account"),
                                G_CALLBACK (remove_account_clicked_cb));
      }
    default:
      g_assert_not_reached ();
    }
}

static void
clear_rows (AdwPreferencesGroup *group,
            GPtrArray           *rows)
{
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, g_ptr_array_index (rows, i));
  g_ptr_array_set_size (rows, 0);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
rebuild (LwTeamPage *self)
{
  const LwConfig *config = lw_workspace_get_config (self->workspace);
  g_autoptr(GPtrArray) expanded = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *focused = dup_focused_key (self);
  GHashTableIter iter;
  gpointer key, widget;

  self->building = TRUE;

  /* Keep open what was open, by key. */
  g_hash_table_iter_init (&iter, self->keyed);
  while (g_hash_table_iter_next (&iter, &key, &widget))
    if (ADW_IS_EXPANDER_ROW (widget) && adw_expander_row_get_expanded (widget))
      g_ptr_array_add (expanded, g_strdup (key));

  clear_rows (self->reps_group, self->rep_rows);
  clear_rows (self->teams_group, self->team_rows);
  clear_rows (self->pools_group, self->pool_rows);
  clear_rows (self->accounts_group, self->account_rows);
  g_hash_table_remove_all (self->keyed);

  for (Kind kind = KIND_REP; kind <= KIND_ACCOUNT; kind++)
    {
      GPtrArray *items = (GPtrArray *[]) { config->reps, config->teams, config->pools, config->accounts }[kind];
      GPtrArray *rows = (GPtrArray *[]) { self->rep_rows, self->team_rows, self->pool_rows, self->account_rows }[kind];
      AdwPreferencesGroup *group = (AdwPreferencesGroup *[]) { self->reps_group, self->teams_group,
                                                               self->pools_group, self->accounts_group }[kind];

      for (guint i = 0; i < items->len; i++)
        {
          GtkWidget *row = create_item_row (self, kind, config, i);

          adw_preferences_group_add (group, row);
          g_ptr_array_add (rows, row);
        }
    }

  /* Parents before what they hold: "rep:ana" opens (and so makes) before
   * "rep:ana/workingHours" is looked up. */
  g_ptr_array_sort (expanded, compare_strings);
  for (guint i = 0; i < expanded->len; i++)
    {
      widget = g_hash_table_lookup (self->keyed, g_ptr_array_index (expanded, i));
      if (widget != NULL && ADW_IS_EXPANDER_ROW (widget))
        adw_expander_row_set_expanded (widget, TRUE);
    }

  self->building = FALSE;

  update_marks (self);

  widget = focused != NULL ? g_hash_table_lookup (self->keyed, focused) : NULL;
  if (widget != NULL)
    gtk_widget_grab_focus (widget);
}

/* ---- LwPage ---------------------------------------------------------------------------- */

/* The member that @path names right after @prefix: ".timeZone" of
 * "$.team.reps[2].timeZone"; NULL when there is none. */
static char *
dup_member_after (const char *path,
                  const char *prefix)
{
  const char *start;
  gsize n;

  if (!lw_editor_path_within (path, prefix))
    return NULL;
  start = path + strlen (prefix);
  if (*start != '.')
    return NULL;
  n = 1 + strcspn (start + 1, ".[");
  return g_strndup (start, n);
}

static void
lw_team_page_reveal (LwPage     *page,
                     const char *path)
{
  LwTeamPage *self = LW_TEAM_PAGE (page);
  const struct
  {
    const char *prefix;
    const char *view;
    GPtrArray  *rows;
  } kinds[] = {
    { "$.team.reps", "reps", self->rep_rows },
    { "$.team.teams", "teams", self->team_rows },
    { "$.team.pools", "pools", self->pool_rows },
    { "$.accounts", "accounts", self->account_rows },
  };

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      int index = lw_editor_path_index (path, kinds[k].prefix);
      g_autofree char *at = NULL;
      g_autofree char *member = NULL;
      g_autofree char *data_key = NULL;
      GtkWidget *row;
      GtkWidget *target;

      if (!lw_editor_path_within (path, kinds[k].prefix))
        continue;

      adw_view_stack_set_visible_child_name (self->stack, kinds[k].view);
      if (index < 0 || (guint) index >= kinds[k].rows->len)
        return;

      row = g_ptr_array_index (kinds[k].rows, index);
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
      at = g_strdup_printf ("%s[%d]", kinds[k].prefix, index);
      member = dup_member_after (path, at);
      data_key = member != NULL ? g_strconcat ("lw-member", member, NULL) : NULL;
      target = data_key != NULL ? g_object_get_data (G_OBJECT (row), data_key) : NULL;

      if (target == NULL)
        target = row;
      else if (LW_IS_HOURS_EDITOR (target))
        {
          g_autofree char *hours = g_strconcat (at, ".workingHours", NULL);
          g_autofree char *day = dup_member_after (path, hours);

          adw_expander_row_set_expanded (ADW_EXPANDER_ROW (target), TRUE);
          for (guint d = 0; day != NULL && d < 7; d++)
            if (g_strcmp0 (day + 1, day_keys[d]) == 0)
              target = GTK_WIDGET (lw_hours_editor_get_day_row (LW_HOURS_EDITOR (target), d));
        }
      else if (ADW_IS_EXPANDER_ROW (target))
        {
          g_autofree char *list = g_strconcat (at, member, NULL);
          GPtrArray *ranges = g_object_get_data (G_OBJECT (target), "lw-range-rows");
          int j = lw_editor_path_index (path, list);

          adw_expander_row_set_expanded (ADW_EXPANDER_ROW (target), TRUE);
          if (ranges != NULL && j >= 0 && (guint) j < ranges->len)
            target = g_object_get_data (g_ptr_array_index (ranges, j), "lw-from");
        }
      else if (g_object_get_data (G_OBJECT (target), "lw-spin") != NULL)
        target = g_object_get_data (G_OBJECT (target), "lw-spin");
      else if (g_object_get_data (G_OBJECT (target), "lw-switch") != NULL)
        target = g_object_get_data (G_OBJECT (target), "lw-switch");

      focus_when_shown (target);
      return;
    }
}

static void
lw_team_page_page_init (LwPageInterface *iface)
{
  iface->reveal = lw_team_page_reveal;
}

/* ---- GObject --------------------------------------------------------------------------- */

static void
workspace_changed_cb (LwTeamPage *self)
{
  if (self->applying)
    return;
  rebuild (self);
}

static void
lw_team_page_constructed (GObject *object)
{
  LwTeamPage *self = LW_TEAM_PAGE (object);

  G_OBJECT_CLASS (lw_team_page_parent_class)->constructed (object);

  g_signal_connect_object (self->workspace, "changed", G_CALLBACK (workspace_changed_cb), self,
                           G_CONNECT_SWAPPED);
  rebuild (self);
}

static void
lw_team_page_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  LwTeamPage *self = LW_TEAM_PAGE (object);

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
lw_team_page_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  LwTeamPage *self = LW_TEAM_PAGE (object);

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
lw_team_page_dispose (GObject *object)
{
  LwTeamPage *self = LW_TEAM_PAGE (object);

  /* Focus leaving a date entry while the rows go must not edit anything. */
  self->building = TRUE;
  gtk_widget_dispose_template (GTK_WIDGET (self), LW_TYPE_TEAM_PAGE);
  g_clear_pointer (&self->rep_rows, g_ptr_array_unref);
  g_clear_pointer (&self->team_rows, g_ptr_array_unref);
  g_clear_pointer (&self->pool_rows, g_ptr_array_unref);
  g_clear_pointer (&self->account_rows, g_ptr_array_unref);
  g_clear_pointer (&self->keyed, g_hash_table_unref);
  g_clear_object (&self->workspace);

  G_OBJECT_CLASS (lw_team_page_parent_class)->dispose (object);
}

static void
lw_team_page_class_init (LwTeamPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = lw_team_page_constructed;
  object_class->dispose = lw_team_page_dispose;
  object_class->set_property = lw_team_page_set_property;
  object_class->get_property = lw_team_page_get_property;

  g_object_class_override_property (object_class, PROP_WORKSPACE, "workspace");

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/leadwright/Leadwright/lw-team-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LwTeamPage, content);
  gtk_widget_class_bind_template_child (widget_class, LwTeamPage, stack);
  gtk_widget_class_bind_template_child (widget_class, LwTeamPage, reps_page);
  gtk_widget_class_bind_template_child (widget_class, LwTeamPage, teams_page);
  gtk_widget_class_bind_template_child (widget_class, LwTeamPage, pools_page);
  gtk_widget_class_bind_template_child (widget_class, LwTeamPage, accounts_page);
  gtk_widget_class_bind_template_child (widget_class, LwTeamPage, reps_group);
  gtk_widget_class_bind_template_child (widget_class, LwTeamPage, teams_group);
  gtk_widget_class_bind_template_child (widget_class, LwTeamPage, pools_group);
  gtk_widget_class_bind_template_child (widget_class, LwTeamPage, accounts_group);

  gtk_widget_class_install_action (widget_class, "team.add-rep", NULL, add_rep_action);
  gtk_widget_class_install_action (widget_class, "team.add-team", NULL, add_team_action);
  gtk_widget_class_install_action (widget_class, "team.add-pool", NULL, add_pool_action);
  gtk_widget_class_install_action (widget_class, "team.add-account", NULL, add_account_action);
  gtk_widget_class_install_action (widget_class, "team.set-time-zone", "(ss)", set_time_zone_action);
}

static void
lw_team_page_init (LwTeamPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->rep_rows = g_ptr_array_new ();
  self->team_rows = g_ptr_array_new ();
  self->pool_rows = g_ptr_array_new ();
  self->account_rows = g_ptr_array_new ();
  self->keyed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

GtkWidget *
lw_team_page_new (LwWorkspace *workspace)
{
  g_return_val_if_fail (LW_IS_WORKSPACE (workspace), NULL);

  return g_object_new (LW_TYPE_TEAM_PAGE, "workspace", workspace, NULL);
}
