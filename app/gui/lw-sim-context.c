/* lw-sim-context.c: the scenario and run settings of a workspace, shared
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <string.h>
#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

#include <glib/gi18n.h>

#include "lw-sim-context.h"
#include "lw-simulator.h"

#define CONTEXT_KEY "lw-sim-context"

struct _LwSimContext
{
  GObject        parent_instance;

  LwWorkspace   *workspace;      /* borrowed: the context is its data */
  LwScenario    *scenario;
  char          *scenario_json;
  LwSimSettings  settings;
  char          *problem;
  LwScenario    *draft;          /* edited in place; never shared */
  GPtrArray     *problems;       /* LwDiagnostic */
  GPtrArray     *warnings;       /* LwDiagnostic, of the draft that passed */
};

G_DEFINE_FINAL_TYPE (LwSimContext, lw_sim_context, G_TYPE_OBJECT)

enum
{
  CHANGED,
  DRAFT_REPLACED,
  PROBLEMS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
add_problem (LwSimContext *self,
             const char   *text)
{
  char *joined;

  if (self->problem == NULL)
    {
      self->problem = g_strdup (text);
      return;
    }
  joined = g_strconcat (self->problem, "\n", text, NULL);
  g_free (self->problem);
  self->problem = joined;
}

static void
load (LwSimContext *self)
{
  LwStore *store = lw_workspace_get_store (self->workspace);
  g_autoptr(GError) error = NULL;
  LwSimSettings defaults = LW_SIM_SETTINGS_INIT;

  self->settings = defaults;
  if (store != NULL)
    {
      self->scenario = lw_sim_scenario_load (store, &self->scenario_json, &error);
      if (self->scenario == NULL && !g_error_matches (error, LW_STORE_ERROR, LW_STORE_ERROR_NOT_FOUND))
        {
          /* translators: %s is the located error of the kept scenario */
          g_autofree char *text = g_strdup_printf (_("The workspace’s scenario could not be read, "
                                                     "so the sample is used: %s"), error->message);

          add_problem (self, text);
        }
      g_clear_error (&error);

      if (!lw_sim_settings_load (store, &self->settings, &error))
        {
          /* translators: %s is what is wrong with them */
          g_autofree char *text = g_strdup_printf (_("The simulation settings could not be read, "
                                                     "so the defaults are used: %s"), error->message);

          add_problem (self, text);
          self->settings = defaults;
          g_clear_error (&error);
        }
    }

  if (self->scenario == NULL)
    {
      self->scenario = lw_sim_scenario_load_default (&self->scenario_json, &error);
      if (self->scenario == NULL)
        add_problem (self, error->message);
    }
}

/* A deep copy of a valid scenario, to edit. */
static LwScenario *
copy_scenario (const char *json)
{
  g_autoptr(GError) error = NULL;
  LwScenario *copy = lw_scenario_load_data (json, -1, NULL, NULL, &error);

  g_assert_no_error (error);
  return copy;
}

/* "$.entryPoints[0].source: the rule set has no source “fax”": the
 * simulator's errors name the path first. */
static LwDiagnostic *
diagnostic_from_error (const GError *error)
{
  const char *colon = error->message[0] == '$' ? strstr (error->message, ": ") : NULL;
  g_autofree char *path = NULL;

  if (colon == NULL)
    return lw_diagnostic_new (LW_SEVERITY_ERROR, "$", "%s", error->message);
  path = g_strndup (error->message, colon - error->message);
  return lw_diagnostic_new (LW_SEVERITY_ERROR, path, "%s", colon + 2);
}

static gboolean
same_problems (GPtrArray *a,
               GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    {
      const LwDiagnostic *x = g_ptr_array_index (a, i);
      const LwDiagnostic *y = g_ptr_array_index (b, i);

      if (g_strcmp0 (x->path, y->path) != 0 || g_strcmp0 (x->message, y->message) != 0)
        return FALSE;
    }
  return TRUE;
}

static void
check_draft (LwSimContext *self)
{
  g_autofree char *json = lw_scenario_to_data (self->draft, NULL);
  g_autoptr(GPtrArray) found = lw_diagnostics_new ();
  g_autoptr(GPtrArray) warnings = lw_diagnostics_new ();
  g_autoptr(LwScenario) valid = NULL;
  g_autoptr(GError) error = NULL;
  const LwConfig *config = lw_workspace_get_config (self->workspace);

  valid = lw_scenario_load_data (json, -1, NULL, found, NULL);
  if (valid != NULL && config->bound)
    {
      LwSimOptions options = LW_SIM_OPTIONS_INIT;
      LwSimulation *simulation;

      options.seed = self->settings.seed;
      simulation = lw_simulation_new (config, valid, &options, &error);
      if (simulation == NULL)
        g_ptr_array_add (found, diagnostic_from_error (error));
      else
        {
          /* What a run of it would leave out. */
          GPtrArray *left_out = lw_simulation_get_warnings (simulation);

          for (guint i = 0; i < left_out->len; i++)
            {
              const LwDiagnostic *d = g_ptr_array_index (left_out, i);

              lw_diagnostics_add (warnings, d->severity, d->path, "%s", d->message);
            }
        }
      g_clear_pointer (&simulation, lw_simulation_free);
    }

  /* Only errors count; the format has no warnings today. */
  for (guint i = found->len; i > 0; i--)
    if (((LwDiagnostic *) g_ptr_array_index (found, i - 1))->severity != LW_SEVERITY_ERROR)
      g_ptr_array_remove_index (found, i - 1);

  if (found->len == 0)
    {
      g_autoptr(GError) save_error = NULL;

      if (!lw_sim_context_set_scenario (self, valid, &save_error))
        g_warning ("Could not keep the scenario: %s", save_error->message);
    }

  if (found->len > 0)
    g_ptr_array_set_size (warnings, 0);
  if (!same_problems (found, self->problems) || !same_problems (warnings, self->warnings))
    {
      g_ptr_array_unref (self->problems);
      self->problems = g_steal_pointer (&found);
      g_ptr_array_unref (self->warnings);
      self->warnings = g_steal_pointer (&warnings);
      g_signal_emit (self, signals[PROBLEMS_CHANGED], 0);
    }
}

static void
workspace_changed_cb (LwSimContext *self)
{
  /* Whether the draft fits the rules may have changed with them. */
  check_draft (self);
}

static void
lw_sim_context_finalize (GObject *object)
{
  LwSimContext *self = LW_SIM_CONTEXT (object);

  g_clear_pointer (&self->draft, lw_scenario_unref);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  g_clear_pointer (&self->warnings, g_ptr_array_unref);
  g_clear_pointer (&self->scenario, lw_scenario_unref);
  g_free (self->scenario_json);
  g_free (self->problem);

  G_OBJECT_CLASS (lw_sim_context_parent_class)->finalize (object);
}

static void
lw_sim_context_class_init (LwSimContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lw_sim_context_finalize;

  /* The scenario or the settings changed. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* The draft was replaced (an import): editors build their rows again. */
  signals[DRAFT_REPLACED] = g_signal_new ("draft-replaced", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[PROBLEMS_CHANGED] = g_signal_new ("problems-changed", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
lw_sim_context_init (LwSimContext *self)
{
  self->problems = lw_diagnostics_new ();
  self->warnings = lw_diagnostics_new ();
}

LwSimContext *
lw_sim_context_get (LwWorkspace *workspace)
{
  LwSimContext *self;

  g_return_val_if_fail (LW_IS_WORKSPACE (workspace), NULL);

  self = g_object_get_data (G_OBJECT (workspace), CONTEXT_KEY);
  if (self != NULL)
    return self;

  self = g_object_new (LW_TYPE_SIM_CONTEXT, NULL);
  self->workspace = workspace;
  load (self);
  g_object_set_data_full (G_OBJECT (workspace), CONTEXT_KEY, self, g_object_unref);
  if (self->scenario != NULL)
    {
      self->draft = copy_scenario (self->scenario_json);
      check_draft (self);
    }
  g_signal_connect_object (workspace, "changed", G_CALLBACK (workspace_changed_cb), self,
                           G_CONNECT_SWAPPED);
  return self;
}

LwScenario *
lw_sim_context_get_scenario (LwSimContext *self)
{
  g_return_val_if_fail (LW_IS_SIM_CONTEXT (self), NULL);

  return self->scenario;
}

const char *
lw_sim_context_get_scenario_json (LwSimContext *self)
{
  g_return_val_if_fail (LW_IS_SIM_CONTEXT (self), NULL);

  return self->scenario_json;
}

gboolean
lw_sim_context_set_scenario (LwSimContext  *self,
                             LwScenario    *scenario,
                             GError       **error)
{
  LwStore *store;
  g_autofree char *json = NULL;
  gboolean ok = TRUE;

  g_return_val_if_fail (LW_IS_SIM_CONTEXT (self), FALSE);
  g_return_val_if_fail (scenario != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  json = lw_scenario_to_data (scenario, NULL);
  if (self->scenario_json != NULL && g_str_equal (json, self->scenario_json))
    return TRUE;

  lw_scenario_ref (scenario);
  g_clear_pointer (&self->scenario, lw_scenario_unref);
  self->scenario = scenario;
  g_free (self->scenario_json);
  self->scenario_json = g_steal_pointer (&json);

  store = lw_workspace_get_store (self->workspace);
  if (store != NULL)
    ok = lw_sim_scenario_save (store, scenario, error);
  g_signal_emit (self, signals[CHANGED], 0);
  return ok;
}

const LwSimSettings *
lw_sim_context_get_settings (LwSimContext *self)
{
  g_return_val_if_fail (LW_IS_SIM_CONTEXT (self), NULL);

  return &self->settings;
}

gboolean
lw_sim_context_set_settings (LwSimContext         *self,
                             const LwSimSettings  *settings,
                             GError              **error)
{
  g_autofree char *json = NULL;
  LwSimSettings checked;
  LwStore *store;
  gboolean ok = TRUE;

  g_return_val_if_fail (LW_IS_SIM_CONTEXT (self), FALSE);
  g_return_val_if_fail (settings != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (settings->seed == self->settings.seed && settings->speed == self->settings.speed &&
      settings->what_if_leads == self->settings.what_if_leads)
    return TRUE;

  /* Out of range is refused, in memory too: what the file would refuse. */
  json = lw_sim_settings_to_json (settings);
  if (!lw_sim_settings_from_json (json, &checked, error))
    return FALSE;

  store = lw_workspace_get_store (self->workspace);
  if (store != NULL)
    ok = lw_sim_settings_save (store, settings, error);
  self->settings = *settings;
  g_signal_emit (self, signals[CHANGED], 0);
  return ok;
}

const char *
lw_sim_context_get_problem (LwSimContext *self)
{
  g_return_val_if_fail (LW_IS_SIM_CONTEXT (self), NULL);

  return self->problem;
}

LwScenario *
lw_sim_context_get_draft (LwSimContext *self)
{
  g_return_val_if_fail (LW_IS_SIM_CONTEXT (self), NULL);

  return self->draft;
}

void
lw_sim_context_draft_changed (LwSimContext *self)
{
  g_return_if_fail (LW_IS_SIM_CONTEXT (self));
  g_return_if_fail (self->draft != NULL);

  check_draft (self);
}

void
lw_sim_context_replace_draft (LwSimContext *self,
                              LwScenario   *draft)
{
  g_return_if_fail (LW_IS_SIM_CONTEXT (self));
  g_return_if_fail (draft != NULL);

  g_clear_pointer (&self->draft, lw_scenario_unref);
  self->draft = draft;
  g_signal_emit (self, signals[DRAFT_REPLACED], 0);
  check_draft (self);
}

GPtrArray *
lw_sim_context_get_problems (LwSimContext *self)
{
  g_return_val_if_fail (LW_IS_SIM_CONTEXT (self), NULL);

  return self->problems;
}

GPtrArray *
lw_sim_context_get_warnings (LwSimContext *self)
{
  g_return_val_if_fail (LW_IS_SIM_CONTEXT (self), NULL);

  return self->warnings;
}

/* ---- worker threads ---------------------------------------------------------------------------- */

#define BACKGROUND_NICE 10

int
lw_sim_thread_lower_priority (void)
{
#ifdef __linux__
  pid_t tid = (pid_t) syscall (SYS_gettid);
  int saved;

  errno = 0;
  saved = getpriority (PRIO_PROCESS, (id_t) tid);
  if (errno != 0)
    return 0;
  if (saved < BACKGROUND_NICE)
    setpriority (PRIO_PROCESS, (id_t) tid, BACKGROUND_NICE);
  return saved;
#else
  return 0;
#endif
}

void
lw_sim_thread_restore_priority (int saved)
{
#ifdef __linux__
  pid_t tid = (pid_t) syscall (SYS_gettid);

  /* May fail without CAP_SYS_NICE: the thread then stays low. */
  setpriority (PRIO_PROCESS, (id_t) tid, saved);
#endif
}
