/* lw-run-row.c: a combo row that picks a simulation run
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "lw-run-row.h"

#include "lw-chart-export.h"

struct _LwRunRow
{
  AdwComboRow    parent_instance;

  gboolean       comparison;
  GtkStringList *labels;
  GArray        *ids;         /* gint64 per entry; the first is LATEST or NONE */
  gint64         latest;
  gint64         picked;      /* what ::run-changed last said */
  gboolean       updating;
};

G_DEFINE_FINAL_TYPE (LwRunRow, lw_run_row, ADW_TYPE_COMBO_ROW)

enum
{
  PROP_0,
  PROP_COMPARISON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  RUN_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
is_listed (const LwRunInfo *info)
{
  return info->status == LW_RUN_FINISHED || info->status == LW_RUN_RUNNING;
}

gint64
lw_run_row_resolve (GPtrArray *runs,
                    gint64     run)
{
  g_return_val_if_fail (runs != NULL, 0);

  if (run != LW_RUN_ROW_LATEST)
    return run;
  for (guint i = 0; i < runs->len; i++)
    {
      const LwRunInfo *info = g_ptr_array_index (runs, i);

      if (is_listed (info))
        return info->id;
    }
  return 0;
}

char *
lw_run_row_describe_run (const LwRunInfo *info)
{
  g_autoptr(GDateTime) started = NULL;
  g_autofree char *date = NULL;
  g_autofree char *leads = NULL;
  g_autofree char *id = NULL;

  g_return_val_if_fail (info != NULL, NULL);

  started = g_date_time_new_from_unix_local (info->started_at);
  date = started != NULL ? g_date_time_format (started, "%x %H:%M") : g_strdup ("");
  id = g_strdup_printf ("%" G_GINT64_FORMAT, info->id);
  if (info->status == LW_RUN_RUNNING)
    /* translators: a run still going in a run dropdown: its number · when it started */
    return g_strdup_printf (_("Run %s · %s · running"), id, date);
  leads = lw_format_count (info->leads);
  /* translators: a run in the run dropdown: its number · when it started · "20,000 leads" */
  return g_strdup_printf (ngettext ("Run %s · %s · %s lead", "Run %s · %s · %s leads",
                                    (gulong) MIN (info->leads, G_MAXULONG)),
                          id, date, leads);
}

static gboolean
same_labels (GtkStringList *list,
             GPtrArray     *labels)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));

  if (n + 1 != labels->len)
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (gtk_string_list_get_string (list, i), g_ptr_array_index (labels, i)) != 0)
      return FALSE;
  return TRUE;
}

static gint64
selected_id (LwRunRow *self)
{
  guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (self));

  if (selected == GTK_INVALID_LIST_POSITION || selected >= self->ids->len)
    return g_array_index (self->ids, gint64, 0);
  return g_array_index (self->ids, gint64, selected);
}

static void
maybe_emit_changed (LwRunRow *self)
{
  gint64 run = selected_id (self);

  if (run == self->picked)
    return;
  self->picked = run;
  g_signal_emit (self, signals[RUN_CHANGED], 0);
}

void
lw_run_row_set_runs (LwRunRow  *self,
                     GPtrArray *runs)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  gint64 picked;
  guint position = 0;

  g_return_if_fail (LW_IS_RUN_ROW (self));
  g_return_if_fail (runs != NULL);

  picked = selected_id (self);
  g_array_set_size (self->ids, 1);
  g_ptr_array_add (labels, g_strdup (self->comparison ? _("None") : _("Latest run")));
  self->latest = 0;
  for (guint i = 0; i < runs->len; i++)
    {
      const LwRunInfo *info = g_ptr_array_index (runs, i);

      if (!is_listed (info))
        continue;
      if (self->latest == 0)
        self->latest = info->id;
      if (info->id == picked)
        position = self->ids->len;
      g_array_append_val (self->ids, info->id);
      g_ptr_array_add (labels, lw_run_row_describe_run (info));
    }
  g_ptr_array_add (labels, NULL);

  /* While a run goes on the list stays the same, ten times a second. */
  if (same_labels (self->labels, labels))
    {
      maybe_emit_changed (self);
      return;
    }

  self->updating = TRUE;
  gtk_string_list_splice (self->labels, 0, g_list_model_get_n_items (G_LIST_MODEL (self->labels)),
                          (const char * const *) labels->pdata);
  adw_combo_row_set_selected (ADW_COMBO_ROW (self), position);
  self->updating = FALSE;
  maybe_emit_changed (self);
}

gint64
lw_run_row_get_run (LwRunRow *self)
{
  g_return_val_if_fail (LW_IS_RUN_ROW (self), LW_RUN_ROW_LATEST);

  return selected_id (self);
}

gboolean
lw_run_row_set_run (LwRunRow *self,
                    gint64    run)
{
  g_return_val_if_fail (LW_IS_RUN_ROW (self), FALSE);

  if (run == LW_RUN_ROW_LATEST || run == LW_RUN_ROW_NONE)
    run = g_array_index (self->ids, gint64, 0);
  for (guint i = 0; i < self->ids->len; i++)
    if (g_array_index (self->ids, gint64, i) == run)
      {
        adw_combo_row_set_selected (ADW_COMBO_ROW (self), i);
        return TRUE;
      }
  return FALSE;
}

gint64
lw_run_row_get_latest (LwRunRow *self)
{
  g_return_val_if_fail (LW_IS_RUN_ROW (self), 0);

  return self->latest;
}

static void
selected_cb (LwRunRow *self)
{
  if (!self->updating)
    maybe_emit_changed (self);
}

static void
lw_run_row_constructed (GObject *object)
{
  LwRunRow *self = LW_RUN_ROW (object);
  gint64 id = self->comparison ? LW_RUN_ROW_NONE : LW_RUN_ROW_LATEST;

  G_OBJECT_CLASS (lw_run_row_parent_class)->constructed (object);

  self->picked = id;
  g_array_append_val (self->ids, id);
  gtk_string_list_append (self->labels, self->comparison ? _("None") : _("Latest run"));
}

static void
lw_run_row_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  LwRunRow *self = LW_RUN_ROW (object);

  switch (prop_id)
    {
    case PROP_COMPARISON:
      self->comparison = g_value_get_boolean (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lw_run_row_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  LwRunRow *self = LW_RUN_ROW (object);

  switch (prop_id)
    {
    case PROP_COMPARISON:
      g_value_set_boolean (value, self->comparison);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lw_run_row_finalize (GObject *object)
{
  LwRunRow *self = LW_RUN_ROW (object);

  g_array_unref (self->ids);

  G_OBJECT_CLASS (lw_run_row_parent_class)->finalize (object);
}

static void
lw_run_row_class_init (LwRunRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = lw_run_row_constructed;
  object_class->finalize = lw_run_row_finalize;
  object_class->set_property = lw_run_row_set_property;
  object_class->get_property = lw_run_row_get_property;

  /* Whether the first entry is "None" (a run to compare with) rather than
   * "Latest run". */
  properties[PROP_COMPARISON] =
    g_param_spec_boolean ("comparison", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The person (or lw_run_row_set_run()) picked another run, or the run
   * picked is no longer listed. */
  signals[RUN_CHANGED] = g_signal_new ("run-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
lw_run_row_init (LwRunRow *self)
{
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->labels = gtk_string_list_new (NULL);
  adw_combo_row_set_model (ADW_COMBO_ROW (self), G_LIST_MODEL (self->labels));
  g_object_unref (self->labels);
  g_signal_connect (self, "notify::selected", G_CALLBACK (selected_cb), NULL);
}

GtkWidget *
lw_run_row_new (gboolean comparison)
{
  return g_object_new (LW_TYPE_RUN_ROW, "comparison", comparison, NULL);
}
