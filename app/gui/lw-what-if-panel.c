/* lw-what-if-panel.c: the effect of an edit, beside the editor
 *
 * One re-run at a time: a new request cancels the one running and its
 * result, if it still comes, is dropped (each request has a serial). The
 * baseline's side is kept while the scenario, the seed and the size stay
 * the same, so an edit costs one side's runs in memory; otherwise both
 * sides run (lw_what_if_run()). Either way on every core, at a lower
 * scheduling priority than the main thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "lw-what-if-panel.h"

#include "lw-chart-export.h"
#include "lw-config-json.h"
#include "lw-funnel-chart.h"
#include "lw-sim-context.h"
#include "lw-store.h"

#define DEBOUNCE_MS  300
#define TICK_MS      100

static const guint scales[] = { 10000, 100000, 1000000 };

/* What the rules now are compared with; the order of the Baseline row's
 * items and the values of the "what-if-baseline" key. */
typedef enum
{
  BASELINE_SAVED,                /* the latest revision saved */
  BASELINE_OPENED,               /* the rules when the panel first opened */
  BASELINE_PINNED,               /* the rules when "Use Current" was pressed */
} Baseline;

static const char *const baseline_keys[] = { "saved", "opened", "pinned" };

#define SETTINGS_KEY "what-if-baseline"

/* A re-run on a worker thread. */
typedef struct
{
  guint         serial;
  /* With BASELINE_SAVED: the workspace file, read for its latest revision
   * (the revision known, its rules, and what it ran into when kept). */
  char         *path;
  gint64        revision_id;
  LwTime        revision_time;
  LwConfig     *revision_config; /* a revision newly read; NULL when known */
  gboolean      no_revision;     /* none saved: the fallback was compared with */
  LwConfig     *fallback_config;
  LwConfig     *before_config;   /* NULL when the before side is known */
  LwConfig     *after_config;
  LwWhatIfSide *before;          /* known, or made */
  LwWhatIfSide *after;
  LwScenario   *scenario;
  LwSimOptions  options;
  int           leads_done;      /* atomic */
  int           leads_total;     /* atomic */
  gint64        begun;
} Rerun;

static void
rerun_free (Rerun *rerun)
{
  g_free (rerun->path);
  g_clear_pointer (&rerun->revision_config, lw_config_unref);
  g_clear_pointer (&rerun->fallback_config, lw_config_unref);
  g_clear_pointer (&rerun->before_config, lw_config_unref);
  g_clear_pointer (&rerun->after_config, lw_config_unref);
  g_clear_pointer (&rerun->before, lw_what_if_side_unref);
  g_clear_pointer (&rerun->after, lw_what_if_side_unref);
  g_clear_pointer (&rerun->scenario, lw_scenario_unref);
  g_free (rerun);
}

struct _LwWhatIfPanel
{
  GtkWidget      parent_instance;

  LwWorkspace   *workspace;
  LwSimContext  *context;
  gboolean       active;

  Baseline       baseline;       /* which rules are compared with */
  GSettings     *settings;       /* NULL when the schema is not installed */
  LwConfig      *opened;         /* the rules when the panel opened */
  GDateTime     *opened_time;
  LwConfig      *pinned;         /* the rules pinned with "Use Current" */
  GDateTime     *pinned_time;
  LwConfig      *saved;          /* the latest revision, as last read */
  gint64         saved_id;       /* 0: not read yet */
  LwTime         saved_time;
  gboolean       no_revision;    /* the workspace has none to compare with */
  LwWhatIfSide  *before;         /* what shows */
  LwWhatIfSide  *after;
  GPtrArray     *figures;        /* LwWhatIfFigure */
  LwWhatIfSide  *kept_before;    /* the baseline's side, reusable */

  guint          serial;
  GCancellable  *cancellable;    /* of the re-run going on */
  Rerun         *rerun;          /* borrowed: the re-run going on */
  guint          debounce_id;
  guint          tick_id;
  gboolean       stale;          /* the rules changed while inactive */
  gint64         edited_at;      /* the latest edit not shown yet */
  gint64         latency;
  gint64         run_time;

  GtkWidget     *subtitle_label;
  GtkWidget     *status_stack;
  GtkWidget     *status_label;
  GtkWidget     *progress_bar;
  GtkWidget     *stop_button;
  GtkWidget     *chart;
  GtkWidget     *figures_list;
  GtkWidget     *baseline_row;
  GtkWidget     *scale_row;
};

G_DEFINE_FINAL_TYPE (LwWhatIfPanel, lw_what_if_panel, GTK_TYPE_WIDGET)

enum
{
  UPDATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void request (LwWhatIfPanel *self);

/* ---- the worker --------------------------------------------------------------------------------- */

static void
rerun_progress_cb (LwTime   now,
                   guint    done,
                   guint    total,
                   gpointer user_data)
{
  Rerun *rerun = user_data;

  g_atomic_int_set (&rerun->leads_total, (int) total);
  g_atomic_int_set (&rerun->leads_done, (int) done);
}

/* The baseline "the latest revision saved", on the worker thread: this
 * thread's own connection to the workspace file, the newest revision read
 * and, when it is not the one the panel knows, loaded and bound (the side
 * kept for the old one is dropped). A revision with exactly the rules now
 * runs once, as both sides. */
static gboolean
read_revision (Rerun   *rerun,
               GError **error)
{
  g_autoptr(LwStore) store = NULL;
  g_autoptr(LwRevision) revision = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *now = NULL;
  g_autofree char *label = NULL;

  store = lw_store_open (rerun->path, error);
  if (store == NULL)
    return FALSE;
  revision = lw_store_get_revision (store, 0, &local_error);
  if (revision == NULL)
    {
      if (!g_error_matches (local_error, LW_STORE_ERROR, LW_STORE_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      /* None saved: the rules when the panel opened stand in. */
      rerun->no_revision = TRUE;
      rerun->revision_id = 0;
      if (rerun->before != NULL && rerun->before->config != rerun->fallback_config)
        g_clear_pointer (&rerun->before, lw_what_if_side_unref);
      if (rerun->before == NULL)
        rerun->before_config = lw_config_ref (rerun->fallback_config);
      return TRUE;
    }

  if (revision->id == rerun->revision_id && (rerun->before != NULL || rerun->before_config != NULL))
    return TRUE;

  g_clear_pointer (&rerun->before, lw_what_if_side_unref);
  g_clear_pointer (&rerun->before_config, lw_config_unref);
  rerun->revision_id = revision->id;
  rerun->revision_time = revision->created_at;
  now = lw_config_to_data (rerun->after_config, NULL);
  if (g_strcmp0 (now, revision->json) == 0)
    {
      /* The rules now: one run is both sides. */
      rerun->revision_config = lw_config_ref (rerun->after_config);
      return TRUE;
    }
  label = g_strdup_printf ("revision %" G_GINT64_FORMAT, revision->id);
  rerun->revision_config = lw_config_load_data (revision->json, -1, label, NULL, error);
  if (rerun->revision_config == NULL)
    return FALSE;
  rerun->before_config = lw_config_ref (rerun->revision_config);
  return TRUE;
}

static void
rerun_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Rerun *rerun = task_data;
  g_autoptr(GError) error = NULL;
  int priority;
  gboolean ok;

  if (rerun->path != NULL && !read_revision (rerun, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* The baseline is the rules now: no need to run them twice. */
  if (rerun->before_config == rerun->after_config)
    g_clear_pointer (&rerun->before_config, lw_config_unref);

  priority = lw_sim_thread_lower_priority ();
  if (rerun->before == NULL && rerun->before_config != NULL)
    ok = lw_what_if_run (rerun->before_config, rerun->after_config, rerun->scenario, &rerun->options,
                         cancellable, rerun_progress_cb, rerun, &rerun->before, &rerun->after, &error);
  else
    {
      rerun->after = lw_what_if_simulate (rerun->after_config, rerun->scenario, &rerun->options,
                                          cancellable, rerun_progress_cb, rerun, &error);
      ok = rerun->after != NULL;
      /* The baseline is the rules now: one run is both sides. */
      if (ok && rerun->before == NULL)
        rerun->before = lw_what_if_side_ref (rerun->after);
    }
  lw_sim_thread_restore_priority (priority);

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static void
clear_baselines (LwWhatIfPanel *self)
{
  g_clear_pointer (&self->opened, lw_config_unref);
  g_clear_pointer (&self->opened_time, g_date_time_unref);
  g_clear_pointer (&self->pinned, lw_config_unref);
  g_clear_pointer (&self->pinned_time, g_date_time_unref);
  g_clear_pointer (&self->saved, lw_config_unref);
  self->saved_id = 0;
  self->saved_time = 0;
  self->no_revision = FALSE;
}

/* ---- showing ---------------------------------------------------------------------------------- */

static void
set_status (LwWhatIfPanel *self,
            const char    *text,
            gboolean       error)
{
  gtk_label_set_label (GTK_LABEL (self->status_label), text);
  if (error)
    {
      gtk_widget_remove_css_class (self->status_label, "dim-label");
      gtk_widget_add_css_class (self->status_label, "error");
    }
  else
    {
      gtk_widget_remove_css_class (self->status_label, "error");
      gtk_widget_add_css_class (self->status_label, "dim-label");
    }
  gtk_stack_set_visible_child_name (GTK_STACK (self->status_stack), "status");
}

static void
update_busy (LwWhatIfPanel *self)
{
  gboolean running = self->cancellable != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "what-if.cancel", running || self->debounce_id != 0);
  gtk_widget_set_visible (self->stop_button, running || self->debounce_id != 0);
}

static void
update_subtitle (LwWhatIfPanel *self)
{
  const LwSimSettings *settings;
  LwScenario *scenario;
  g_autofree char *leads = NULL;
  g_autofree char *seed = NULL;
  g_autofree char *text = NULL;

  if (self->context == NULL)
    {
      gtk_label_set_label (GTK_LABEL (self->subtitle_label), "");
      return;
    }
  settings = lw_sim_context_get_settings (self->context);
  scenario = lw_sim_context_get_scenario (self->context);
  leads = lw_format_count (settings->what_if_leads);
  seed = g_strdup_printf ("%" G_GUINT64_FORMAT, settings->seed);
  if (scenario != NULL)
    {
      guint runs, days;
      g_autofree char *runs_only = NULL;
      g_autofree char *days_text = NULL;
      g_autofree char *runs_text = NULL;

      lw_what_if_plan (scenario, settings->what_if_leads, &runs, NULL, &days);
      runs_only = g_strdup_printf (ngettext ("%u run", "%u runs", runs), runs);
      days_text = g_strdup_printf (ngettext ("%u day", "%u days", days), days);
      /* translators: how a what-if runs its leads: "34 runs" of "29 days" */
      runs_text = g_strdup_printf (_("%s of %s"), runs_only, days_text);
      /* translators: what a what-if re-runs: "100,000 leads at the pace of “B2B SaaS
       * inbound” (34 runs of 29 days), seed 1, in memory" */
      text = g_strdup_printf (_("%s leads at the pace of “%s” (%s), seed %s, in memory"), leads,
                              scenario->name != NULL ? scenario->name : "", runs_text, seed);
    }
  else
    text = g_strdup ("");
  gtk_label_set_label (GTK_LABEL (self->subtitle_label), text);
}

static GDateTime *
baseline_time (LwWhatIfPanel *self)
{
  switch (self->baseline)
    {
    case BASELINE_SAVED:
      return NULL;
    case BASELINE_OPENED:
      return self->opened_time;
    case BASELINE_PINNED:
      return self->pinned_time;
    default:
      g_assert_not_reached ();
    }
}

static void
update_baseline_row (LwWhatIfPanel *self)
{
  AdwActionRow *row = ADW_ACTION_ROW (self->baseline_row);
  GDateTime *when = baseline_time (self);
  g_autofree char *time = NULL;
  g_autofree char *text = NULL;

  if (self->baseline == BASELINE_SAVED)
    {
      if (self->no_revision)
        adw_action_row_set_subtitle (row, _("No revision saved yet: the rules when the panel opened"));
      else if (self->saved_id == 0)
        adw_action_row_set_subtitle (row, _("The rules of the latest revision"));
      else
        {
          g_autoptr(GDateTime) saved = g_date_time_new_from_unix_local (self->saved_time);
          g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, self->saved_id);

          /* translators: a date and time, as the clock shows it; see g_date_time_format() */
          time = saved != NULL ? g_date_time_format (saved, _("%e %b %H:%M")) : g_strdup ("");
          /* translators: the baseline of a what-if: "Revision 3, saved 24 Nov 14:02" */
          text = g_strdup_printf (_("Revision %s, saved %s"), number, g_strstrip (time));
          adw_action_row_set_subtitle (row, text);
        }
      return;
    }
  if (when == NULL)
    {
      adw_action_row_set_subtitle (row, self->baseline == BASELINE_PINNED
                                        ? _("The rules when pinned")
                                        : _("The rules when the panel opens"));
      return;
    }
  /* translators: a time of day, as the clock shows it; see g_date_time_format() */
  time = g_date_time_format (when, _("%H:%M"));
  if (self->baseline == BASELINE_PINNED)
    /* translators: the baseline of a what-if; %s is a time of day */
    text = g_strdup_printf (_("The rules pinned at %s"), time);
  else
    /* translators: the baseline of a what-if; %s is a time of day */
    text = g_strdup_printf (_("The rules as they were at %s"), time);
  adw_action_row_set_subtitle (row, text);
}

static char *
format_value (const LwWhatIfFigure *figure,
              double                value)
{
  if (isnan (value))
    /* translators: a figure that does not apply (no such policy, no lead) */
    return g_strdup (C_("figure", "none"));
  if (figure->unit == LW_WHAT_IF_PERCENT)
    /* translators: a percentage */
    return g_strdup_printf (_("%.1f %%"), value);
  return lw_format_count ((guint64) MAX (0, round (value)));
}

static GtkWidget *
create_figure_row (const LwWhatIfFigure *figure)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *before = format_value (figure, figure->before);
  g_autofree char *after = format_value (figure, figure->after);
  g_autofree char *title = g_markup_escape_text (figure->label, -1);
  g_autofree char *subtitle = NULL;
  g_autofree char *delta = NULL;
  GtkWidget *label;
  double change = figure->after - figure->before;

  /* translators: a figure before and after an edit: "12.3 % → 14.1 %" */
  subtitle = g_strdup_printf (_("%s → %s"), before, after);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  if (isnan (change))
    delta = g_strdup (isnan (figure->before) ? C_("what-if", "new") : C_("what-if", "gone"));
  else if (fabs (change) < 0.05)
    delta = g_strdup (C_("what-if", "same"));
  else if (figure->unit == LW_WHAT_IF_PERCENT)
    /* translators: a change of a percentage, in percentage points */
    delta = g_strdup_printf (_("%+.1f pts"), change);
  else
    delta = g_strdup_printf ("%+.0f", change);

  label = gtk_label_new (delta);
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (label, "lw-delta");
  if (isnan (change) || fabs (change) < 0.05)
    gtk_widget_add_css_class (label, "dim-label");
  else if ((change > 0) == (figure->better > 0))
    gtk_widget_add_css_class (label, "lw-better");
  else
    gtk_widget_add_css_class (label, "lw-worse");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  return row;
}

static void
show_sides (LwWhatIfPanel *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->figures_list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->figures_list), child);
  g_clear_pointer (&self->figures, g_ptr_array_unref);

  if (self->after == NULL)
    {
      lw_funnel_chart_set_stages (LW_FUNNEL_CHART (self->chart), NULL, 0);
      lw_funnel_chart_set_comparison_stages (LW_FUNNEL_CHART (self->chart), NULL, 0);
      gtk_widget_set_visible (self->figures_list, FALSE);
      return;
    }

  lw_funnel_chart_set_summary (LW_FUNNEL_CHART (self->chart), &self->after->summary, self->after->config);
  lw_funnel_chart_set_comparison_summary (LW_FUNNEL_CHART (self->chart), &self->before->summary,
                                          self->before->config);
  self->figures = lw_what_if_compare (self->before, self->after);
  for (guint i = 0; i < self->figures->len; i++)
    gtk_list_box_append (GTK_LIST_BOX (self->figures_list),
                         create_figure_row (g_ptr_array_index (self->figures, i)));
  gtk_widget_set_visible (self->figures_list, TRUE);
}

/* ---- running ---------------------------------------------------------------------------------- */

static void
stop (LwWhatIfPanel *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->rerun = NULL;
  g_clear_handle_id (&self->tick_id, g_source_remove);
  g_clear_handle_id (&self->debounce_id, g_source_remove);
}

static gboolean
tick_cb (gpointer user_data)
{
  LwWhatIfPanel *self = user_data;
  int done, total;
  g_autofree char *text = NULL;

  if (self->rerun == NULL)
    return G_SOURCE_CONTINUE;
  done = g_atomic_int_get (&self->rerun->leads_done);
  total = g_atomic_int_get (&self->rerun->leads_total);
  if (total > 0)
    {
      g_autofree char *count = lw_format_count ((guint64) total);

      /* translators: a what-if re-run going on; %s is a number of leads */
      text = g_strdup_printf (_("Re-running %s leads…"), count);
      gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->progress_bar), (double) done / total);
    }
  else
    {
      text = g_strdup (_("Re-running…"));
      gtk_progress_bar_pulse (GTK_PROGRESS_BAR (self->progress_bar));
    }
  gtk_progress_bar_set_text (GTK_PROGRESS_BAR (self->progress_bar), text);
  gtk_stack_set_visible_child_name (GTK_STACK (self->status_stack), "running");
  return G_SOURCE_CONTINUE;
}

static void
rerun_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(LwWhatIfPanel) self = user_data;
  Rerun *rerun = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_monotonic_time ();

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (rerun->serial != self->serial || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_clear_object (&self->cancellable);
      self->rerun = NULL;
      g_clear_handle_id (&self->tick_id, g_source_remove);
      set_status (self, error->message, TRUE);
      update_busy (self);
      return;
    }
  if (rerun->serial != self->serial)
    return;

  g_clear_object (&self->cancellable);
  self->rerun = NULL;
  g_clear_handle_id (&self->tick_id, g_source_remove);

  if (rerun->path != NULL)
    {
      self->no_revision = rerun->no_revision;
      self->saved_id = rerun->revision_id;
      if (rerun->revision_config != NULL)
        {
          g_clear_pointer (&self->saved, lw_config_unref);
          self->saved = lw_config_ref (rerun->revision_config);
          self->saved_time = rerun->revision_time;
        }
      update_baseline_row (self);
    }

  g_clear_pointer (&self->before, lw_what_if_side_unref);
  g_clear_pointer (&self->after, lw_what_if_side_unref);
  self->before = lw_what_if_side_ref (rerun->before);
  self->after = lw_what_if_side_ref (rerun->after);
  if (self->kept_before != rerun->before)
    {
      g_clear_pointer (&self->kept_before, lw_what_if_side_unref);
      self->kept_before = lw_what_if_side_ref (rerun->before);
    }
  show_sides (self);

  self->run_time = now - rerun->begun;
  self->latency = now - (self->edited_at != 0 ? self->edited_at : rerun->begun);
  self->edited_at = 0;
  {
    /* translators: how long a what-if took, from the edit to the figures; %.1f is seconds */
    g_autofree char *text = g_strdup_printf (_("Updated %.1f s after the edit"), self->latency / 1e6);

    set_status (self, text, FALSE);
  }
  update_busy (self);
  g_signal_emit (self, signals[UPDATED], 0);
}

static void
start (LwWhatIfPanel *self)
{
  const LwConfig *config;
  const LwSimSettings *settings;
  LwScenario *scenario;
  g_autoptr(GTask) task = NULL;
  Rerun *rerun;

  stop (self);
  self->stale = FALSE;
  update_subtitle (self);

  config = lw_workspace_get_config (self->workspace);
  if (lw_workspace_get_n_errors (self->workspace) > 0 || !config->bound)
    {
      set_status (self, _("The rules have errors: fix them to see what the edit does."), TRUE);
      update_busy (self);
      return;
    }
  scenario = lw_sim_context_get_scenario (self->context);
  if (scenario == NULL)
    {
      set_status (self, lw_sim_context_get_problem (self->context), TRUE);
      update_busy (self);
      return;
    }
  if (self->opened == NULL)
    {
      self->opened = lw_config_ref ((LwConfig *) config);
      self->opened_time = g_date_time_new_now_local ();
    }
  if (self->baseline == BASELINE_PINNED && self->pinned == NULL)
    {
      self->pinned = lw_config_ref ((LwConfig *) config);
      self->pinned_time = g_date_time_new_now_local ();
    }
  update_baseline_row (self);

  settings = lw_sim_context_get_settings (self->context);
  rerun = g_new0 (Rerun, 1);
  rerun->serial = ++self->serial;
  rerun->after_config = lw_config_ref ((LwConfig *) config);
  if (self->kept_before != NULL)
    rerun->before = lw_what_if_side_ref (self->kept_before);
  switch (self->baseline)
    {
    case BASELINE_SAVED:
      /* Read on the worker: a revision may have been saved since. A
       * workspace in memory has none. */
      if (lw_workspace_get_path (self->workspace) != NULL)
        {
          rerun->path = g_strdup (lw_workspace_get_path (self->workspace));
          rerun->revision_id = self->saved_id;
          rerun->fallback_config = lw_config_ref (self->opened);
          if (rerun->before == NULL && self->saved != NULL && !self->no_revision)
            rerun->before_config = lw_config_ref (self->saved);
        }
      else
        {
          self->no_revision = TRUE;
          update_baseline_row (self);
          if (rerun->before == NULL)
            rerun->before_config = lw_config_ref (self->opened);
        }
      break;
    case BASELINE_OPENED:
      if (rerun->before == NULL)
        rerun->before_config = lw_config_ref (self->opened);
      break;
    case BASELINE_PINNED:
      if (rerun->before == NULL)
        rerun->before_config = lw_config_ref (self->pinned);
      break;
    default:
      g_assert_not_reached ();
    }
  /* The rules are the baseline: no need to run them twice. */
  if (rerun->before_config == rerun->after_config)
    g_clear_pointer (&rerun->before_config, lw_config_unref);
  rerun->scenario = lw_scenario_ref (scenario);
  rerun->options.leads = settings->what_if_leads;
  rerun->options.seed = settings->seed;
  rerun->begun = g_get_monotonic_time ();

  self->cancellable = g_cancellable_new ();
  self->rerun = rerun;
  /* Not the widget as the source: a task may drop its last reference on
   * the worker thread. */
  task = g_task_new (NULL, self->cancellable, rerun_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, start);
  g_task_set_task_data (task, rerun, (GDestroyNotify) rerun_free);
  g_task_run_in_thread (task, rerun_thread);

  self->tick_id = g_timeout_add (TICK_MS, tick_cb, self);
  update_busy (self);
}

static void
debounce_cb (gpointer user_data)
{
  LwWhatIfPanel *self = user_data;

  self->debounce_id = 0;
  start (self);
}

/* Re-runs once the edits pause for DEBOUNCE_MS (at once with @now). */
static void
schedule (LwWhatIfPanel *self,
          gboolean       now)
{
  if (!self->active || self->workspace == NULL)
    {
      self->stale = TRUE;
      return;
    }
  g_clear_handle_id (&self->debounce_id, g_source_remove);
  if (now)
    start (self);
  else
    {
      self->debounce_id = g_timeout_add_once (DEBOUNCE_MS, debounce_cb, self);
      update_busy (self);
    }
}

static void
request (LwWhatIfPanel *self)
{
  schedule (self, TRUE);
}

static void
workspace_changed_cb (LwWhatIfPanel *self)
{
  self->edited_at = g_get_monotonic_time ();
  schedule (self, FALSE);
}

/* A new save point: the baseline, when it is the latest revision. */
static void
revision_saved_cb (LwWhatIfPanel *self)
{
  if (self->baseline != BASELINE_SAVED)
    return;
  self->edited_at = 0;
  schedule (self, TRUE);
}

static void
context_changed_cb (LwWhatIfPanel *self)
{
  const LwSimSettings *settings = lw_sim_context_get_settings (self->context);

  /* Another scenario, seed or size: the baseline runs again too. */
  g_clear_pointer (&self->kept_before, lw_what_if_side_unref);
  for (guint i = 0; i < G_N_ELEMENTS (scales); i++)
    if (scales[i] == settings->what_if_leads)
      adw_combo_row_set_selected (ADW_COMBO_ROW (self->scale_row), i);
  update_subtitle (self);
  self->edited_at = g_get_monotonic_time ();
  schedule (self, FALSE);
}

static void
scale_selected_cb (LwWhatIfPanel *self)
{
  guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (self->scale_row));
  LwSimSettings settings;
  g_autoptr(GError) error = NULL;

  if (self->context == NULL || selected >= G_N_ELEMENTS (scales))
    return;
  settings = *lw_sim_context_get_settings (self->context);
  if (settings.what_if_leads == scales[selected])
    return;
  settings.what_if_leads = scales[selected];
  if (!lw_sim_context_set_settings (self->context, &settings, &error))
    g_warning ("Could not keep the what-if size: %s", error->message);
}

/* Shows @baseline in the row and keeps it in the settings. */
static void
show_baseline (LwWhatIfPanel *self)
{
  if (adw_combo_row_get_selected (ADW_COMBO_ROW (self->baseline_row)) != (guint) self->baseline)
    adw_combo_row_set_selected (ADW_COMBO_ROW (self->baseline_row), self->baseline);
  if (self->settings != NULL)
    g_settings_set_string (self->settings, SETTINGS_KEY, baseline_keys[self->baseline]);
  update_baseline_row (self);
}

static void
baseline_selected_cb (LwWhatIfPanel *self)
{
  guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (self->baseline_row));

  if (selected >= G_N_ELEMENTS (baseline_keys) || selected == (guint) self->baseline)
    return;
  self->baseline = selected;
  /* Pinned from the row: the rules now. */
  if (self->baseline == BASELINE_PINNED)
    {
      g_clear_pointer (&self->pinned, lw_config_unref);
      g_clear_pointer (&self->pinned_time, g_date_time_unref);
    }
  g_clear_pointer (&self->kept_before, lw_what_if_side_unref);
  show_baseline (self);
  self->edited_at = 0;
  schedule (self, TRUE);
}

static void
use_current_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  LwWhatIfPanel *self = LW_WHAT_IF_PANEL (widget);
  const LwConfig *config;

  if (self->workspace == NULL)
    return;
  config = lw_workspace_get_config (self->workspace);
  g_clear_pointer (&self->pinned, lw_config_unref);
  g_clear_pointer (&self->pinned_time, g_date_time_unref);
  g_clear_pointer (&self->kept_before, lw_what_if_side_unref);
  self->pinned = lw_config_ref ((LwConfig *) config);
  self->pinned_time = g_date_time_new_now_local ();
  self->baseline = BASELINE_PINNED;
  show_baseline (self);

  /* What shows was made with these very rules: it is the baseline too. */
  if (self->after != NULL && self->after->config == config && self->cancellable == NULL &&
      self->debounce_id == 0)
    {
      g_clear_pointer (&self->before, lw_what_if_side_unref);
      self->before = lw_what_if_side_ref (self->after);
      self->kept_before = lw_what_if_side_ref (self->after);
      show_sides (self);
      g_signal_emit (self, signals[UPDATED], 0);
      return;
    }
  request (self);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LwWhatIfPanel *self = LW_WHAT_IF_PANEL (widget);

  stop (self);
  self->stale = TRUE;
  set_status (self, _("Stopped: the figures are from before the last edit."), FALSE);
  update_busy (self);
}

/* ---- public ------------------------------------------------------------------------------------ */

void
lw_what_if_panel_set_workspace (LwWhatIfPanel *self,
                                LwWorkspace   *workspace)
{
  g_return_if_fail (LW_IS_WHAT_IF_PANEL (self));
  g_return_if_fail (workspace == NULL || LW_IS_WORKSPACE (workspace));

  if (self->workspace == workspace)
    return;

  stop (self);
  if (self->workspace != NULL)
    g_signal_handlers_disconnect_by_data (self->workspace, self);
  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (self->context, self);
  g_clear_object (&self->context);
  clear_baselines (self);
  g_clear_pointer (&self->kept_before, lw_what_if_side_unref);
  g_clear_pointer (&self->before, lw_what_if_side_unref);
  g_clear_pointer (&self->after, lw_what_if_side_unref);
  g_set_object (&self->workspace, workspace);
  show_sides (self);
  update_baseline_row (self);
  set_status (self, "", FALSE);

  if (workspace != NULL)
    {
      self->context = g_object_ref (lw_sim_context_get (workspace));
      g_signal_connect_object (workspace, "changed", G_CALLBACK (workspace_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (workspace, "revision-saved", G_CALLBACK (revision_saved_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (self->context, "changed", G_CALLBACK (context_changed_cb), self,
                               G_CONNECT_SWAPPED);
      for (guint i = 0; i < G_N_ELEMENTS (scales); i++)
        if (scales[i] == lw_sim_context_get_settings (self->context)->what_if_leads)
          adw_combo_row_set_selected (ADW_COMBO_ROW (self->scale_row), i);
      self->stale = TRUE;
      if (self->active)
        request (self);
    }
  update_subtitle (self);
  update_busy (self);
}

LwWorkspace *
lw_what_if_panel_get_workspace (LwWhatIfPanel *self)
{
  g_return_val_if_fail (LW_IS_WHAT_IF_PANEL (self), NULL);

  return self->workspace;
}

void
lw_what_if_panel_set_active (LwWhatIfPanel *self,
                             gboolean       active)
{
  g_return_if_fail (LW_IS_WHAT_IF_PANEL (self));

  active = !!active;
  if (self->active == active)
    return;
  self->active = active;
  if (!active)
    {
      /* Hidden: no work for nobody; the figures are redone when it shows. */
      if (self->cancellable != NULL || self->debounce_id != 0)
        self->stale = TRUE;
      stop (self);
      update_busy (self);
      return;
    }
  if (self->workspace != NULL && (self->stale || self->after == NULL))
    request (self);
}

gboolean
lw_what_if_panel_get_active (LwWhatIfPanel *self)
{
  g_return_val_if_fail (LW_IS_WHAT_IF_PANEL (self), FALSE);

  return self->active;
}

gboolean
lw_what_if_panel_is_busy (LwWhatIfPanel *self)
{
  g_return_val_if_fail (LW_IS_WHAT_IF_PANEL (self), FALSE);

  return self->cancellable != NULL || self->debounce_id != 0;
}

LwWhatIfSide *
lw_what_if_panel_get_before (LwWhatIfPanel *self)
{
  g_return_val_if_fail (LW_IS_WHAT_IF_PANEL (self), NULL);

  return self->before;
}

LwWhatIfSide *
lw_what_if_panel_get_after (LwWhatIfPanel *self)
{
  g_return_val_if_fail (LW_IS_WHAT_IF_PANEL (self), NULL);

  return self->after;
}

GPtrArray *
lw_what_if_panel_get_figures (LwWhatIfPanel *self)
{
  g_return_val_if_fail (LW_IS_WHAT_IF_PANEL (self), NULL);

  return self->figures;
}

gint64
lw_what_if_panel_get_latency (LwWhatIfPanel *self)
{
  g_return_val_if_fail (LW_IS_WHAT_IF_PANEL (self), 0);

  return self->latency;
}

gint64
lw_what_if_panel_get_run_time (LwWhatIfPanel *self)
{
  g_return_val_if_fail (LW_IS_WHAT_IF_PANEL (self), 0);

  return self->run_time;
}

/* The application's settings, when its schema is installed (it is not
 * for a panel made outside the application without the schema). */
static GSettings *
dup_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, SETTINGS_KEY))
    return NULL;
  return g_settings_new (APP_ID);
}

/* ---- GObject ---------------------------------------------------------------------------------- */

static void
lw_what_if_panel_dispose (GObject *object)
{
  LwWhatIfPanel *self = LW_WHAT_IF_PANEL (object);
  GtkWidget *child;

  lw_what_if_panel_set_workspace (self, NULL);
  stop (self);
  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), LW_TYPE_WHAT_IF_PANEL);
  /* GTK 4.8 leaves the template's own children in place. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (lw_what_if_panel_parent_class)->dispose (object);
}

static void
lw_what_if_panel_finalize (GObject *object)
{
  LwWhatIfPanel *self = LW_WHAT_IF_PANEL (object);

  g_clear_pointer (&self->figures, g_ptr_array_unref);
  clear_baselines (self);

  G_OBJECT_CLASS (lw_what_if_panel_parent_class)->finalize (object);
}

static void
lw_what_if_panel_class_init (LwWhatIfPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lw_what_if_panel_dispose;
  object_class->finalize = lw_what_if_panel_finalize;

  /* New figures show. */
  signals[UPDATED] = g_signal_new ("updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (LW_TYPE_FUNNEL_CHART);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "lw-what-if-panel");
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/leadwright/Leadwright/lw-what-if-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, LwWhatIfPanel, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, LwWhatIfPanel, status_stack);
  gtk_widget_class_bind_template_child (widget_class, LwWhatIfPanel, status_label);
  gtk_widget_class_bind_template_child (widget_class, LwWhatIfPanel, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, LwWhatIfPanel, stop_button);
  gtk_widget_class_bind_template_child (widget_class, LwWhatIfPanel, chart);
  gtk_widget_class_bind_template_child (widget_class, LwWhatIfPanel, figures_list);
  gtk_widget_class_bind_template_child (widget_class, LwWhatIfPanel, baseline_row);
  gtk_widget_class_bind_template_child (widget_class, LwWhatIfPanel, scale_row);

  gtk_widget_class_install_action (widget_class, "what-if.use-current", NULL, use_current_action);
  gtk_widget_class_install_action (widget_class, "what-if.cancel", NULL, cancel_action);
}

static void
lw_what_if_panel_init (LwWhatIfPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  lw_funnel_chart_set_series_names (LW_FUNNEL_CHART (self->chart), _("Rules now"), _("Baseline"));
  lw_funnel_chart_set_title (LW_FUNNEL_CHART (self->chart), _("What-if funnel"));
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->scale_row), 1);
  g_signal_connect_object (self->scale_row, "notify::selected", G_CALLBACK (scale_selected_cb), self,
                           G_CONNECT_SWAPPED);
  self->baseline = BASELINE_OPENED;
  self->settings = dup_settings ();
  if (self->settings != NULL)
    {
      g_autofree char *key = g_settings_get_string (self->settings, SETTINGS_KEY);

      for (guint i = 0; i < G_N_ELEMENTS (baseline_keys); i++)
        if (g_strcmp0 (key, baseline_keys[i]) == 0)
          self->baseline = i;
    }
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->baseline_row), self->baseline);
  g_signal_connect_object (self->baseline_row, "notify::selected", G_CALLBACK (baseline_selected_cb), self,
                           G_CONNECT_SWAPPED);
  update_baseline_row (self);
  show_sides (self);
  update_busy (self);
}

GtkWidget *
lw_what_if_panel_new (void)
{
  return g_object_new (LW_TYPE_WHAT_IF_PANEL, NULL);
}
