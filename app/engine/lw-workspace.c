/* lw-workspace.c: the rule set being edited, with undo, redo and checks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "lw-lint.h"
#include "lw-workspace.h"

#define MAX_UNDO 200

typedef struct
{
  LwConfig *config;
  char     *description;
} Snapshot;

struct _LwWorkspace
{
  GObject    parent_instance;

  LwConfig  *config;
  GPtrArray *diagnostics;
  GQueue     undo;   /* Snapshot, most recent first */
  GQueue     redo;   /* Snapshot, most recent first */
};

G_DEFINE_FINAL_TYPE (LwWorkspace, lw_workspace, G_TYPE_OBJECT)

G_DEFINE_BOXED_TYPE (LwConfig, lw_config, lw_config_ref, lw_config_unref)

enum {
  PROP_0,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_N_ERRORS,
  PROP_N_WARNINGS,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static Snapshot *
snapshot_new (LwConfig   *config,
              const char *description)
{
  Snapshot *snapshot = g_new0 (Snapshot, 1);

  snapshot->config = config;
  snapshot->description = g_strdup (description);
  return snapshot;
}

static void
snapshot_free (Snapshot *snapshot)
{
  g_clear_pointer (&snapshot->config, lw_config_unref);
  g_free (snapshot->description);
  g_free (snapshot);
}

static void
check (LwWorkspace *self)
{
  g_clear_pointer (&self->diagnostics, g_ptr_array_unref);
  self->diagnostics = lw_diagnostics_new ();

  if (lw_config_bind (self->config, self->diagnostics))
    lw_lint_config (self->config, self->diagnostics);
}

/* Replaces the current rule set and tells everyone, old state first. */
static void
set_config (LwWorkspace *self,
            LwConfig    *config)
{
  guint errors = lw_workspace_get_n_errors (self);
  guint warnings = lw_workspace_get_n_warnings (self);

  g_clear_pointer (&self->config, lw_config_unref);
  self->config = config;
  check (self);

  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
  if (errors != lw_workspace_get_n_errors (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ERRORS]);
  if (warnings != lw_workspace_get_n_warnings (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_WARNINGS]);
  g_object_thaw_notify (G_OBJECT (self));

  g_signal_emit (self, signals[CHANGED], 0);
}

static void
clear_queue (GQueue *queue)
{
  g_queue_clear_full (queue, (GDestroyNotify) snapshot_free);
}

static void
lw_workspace_finalize (GObject *object)
{
  LwWorkspace *self = LW_WORKSPACE (object);

  clear_queue (&self->undo);
  clear_queue (&self->redo);
  g_clear_pointer (&self->diagnostics, g_ptr_array_unref);
  g_clear_pointer (&self->config, lw_config_unref);

  G_OBJECT_CLASS (lw_workspace_parent_class)->finalize (object);
}

static void
lw_workspace_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  LwWorkspace *self = LW_WORKSPACE (object);

  switch (prop_id)
    {
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, lw_workspace_get_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, lw_workspace_get_can_redo (self));
      break;
    case PROP_N_ERRORS:
      g_value_set_uint (value, lw_workspace_get_n_errors (self));
      break;
    case PROP_N_WARNINGS:
      g_value_set_uint (value, lw_workspace_get_n_warnings (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lw_workspace_class_init (LwWorkspaceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lw_workspace_finalize;
  object_class->get_property = lw_workspace_get_property;

  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_N_ERRORS] =
    g_param_spec_uint ("n-errors", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_N_WARNINGS] =
    g_param_spec_uint ("n-warnings", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Emitted after every change of the current rule set: an edit, an undo,
   * a redo. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
lw_workspace_init (LwWorkspace *self)
{
  g_queue_init (&self->undo);
  g_queue_init (&self->redo);
}

LwWorkspace *
lw_workspace_new (LwConfig *config)
{
  LwWorkspace *self;

  g_return_val_if_fail (config != NULL, NULL);

  self = g_object_new (LW_TYPE_WORKSPACE, NULL);
  self->config = config;
  check (self);
  return self;
}

const LwConfig *
lw_workspace_get_config (LwWorkspace *self)
{
  g_return_val_if_fail (LW_IS_WORKSPACE (self), NULL);

  return self->config;
}

LwConfig *
lw_workspace_dup_config (LwWorkspace *self)
{
  g_return_val_if_fail (LW_IS_WORKSPACE (self), NULL);

  return lw_config_copy (self->config);
}

void
lw_workspace_apply (LwWorkspace *self,
                    LwConfig    *config,
                    const char  *description)
{
  g_return_if_fail (LW_IS_WORKSPACE (self));
  g_return_if_fail (config != NULL);
  g_return_if_fail (config != self->config);

  g_queue_push_head (&self->undo, snapshot_new (g_steal_pointer (&self->config), description));
  while (g_queue_get_length (&self->undo) > MAX_UNDO)
    snapshot_free (g_queue_pop_tail (&self->undo));
  clear_queue (&self->redo);

  set_config (self, config);
}

gboolean
lw_workspace_get_can_undo (LwWorkspace *self)
{
  g_return_val_if_fail (LW_IS_WORKSPACE (self), FALSE);

  return !g_queue_is_empty (&self->undo);
}

gboolean
lw_workspace_get_can_redo (LwWorkspace *self)
{
  g_return_val_if_fail (LW_IS_WORKSPACE (self), FALSE);

  return !g_queue_is_empty (&self->redo);
}

const char *
lw_workspace_get_undo_description (LwWorkspace *self)
{
  Snapshot *snapshot;

  g_return_val_if_fail (LW_IS_WORKSPACE (self), NULL);

  snapshot = g_queue_peek_head (&self->undo);
  return snapshot != NULL ? snapshot->description : NULL;
}

const char *
lw_workspace_get_redo_description (LwWorkspace *self)
{
  Snapshot *snapshot;

  g_return_val_if_fail (LW_IS_WORKSPACE (self), NULL);

  snapshot = g_queue_peek_head (&self->redo);
  return snapshot != NULL ? snapshot->description : NULL;
}

/* Moves the current rule set onto @to and makes the head of @from current. */
static gboolean
step (LwWorkspace *self,
      GQueue      *from,
      GQueue      *to)
{
  Snapshot *snapshot = g_queue_pop_head (from);
  LwConfig *config;

  if (snapshot == NULL)
    return FALSE;

  config = g_steal_pointer (&snapshot->config);
  snapshot->config = g_steal_pointer (&self->config);
  g_queue_push_head (to, snapshot);
  set_config (self, config);
  return TRUE;
}

gboolean
lw_workspace_undo (LwWorkspace *self)
{
  g_return_val_if_fail (LW_IS_WORKSPACE (self), FALSE);

  return step (self, &self->undo, &self->redo);
}

gboolean
lw_workspace_redo (LwWorkspace *self)
{
  g_return_val_if_fail (LW_IS_WORKSPACE (self), FALSE);

  return step (self, &self->redo, &self->undo);
}

GPtrArray *
lw_workspace_get_diagnostics (LwWorkspace *self)
{
  g_return_val_if_fail (LW_IS_WORKSPACE (self), NULL);

  return self->diagnostics;
}

guint
lw_workspace_get_n_errors (LwWorkspace *self)
{
  g_return_val_if_fail (LW_IS_WORKSPACE (self), 0);

  return self->diagnostics ? lw_diagnostics_count (self->diagnostics, LW_SEVERITY_ERROR) : 0;
}

guint
lw_workspace_get_n_warnings (LwWorkspace *self)
{
  g_return_val_if_fail (LW_IS_WORKSPACE (self), 0);

  return self->diagnostics ? lw_diagnostics_count (self->diagnostics, LW_SEVERITY_WARNING) : 0;
}

static gboolean
path_is_within (const char *path,
                const char *prefix)
{
  gsize n = strlen (prefix);

  return path != NULL &&
         strncmp (path, prefix, n) == 0 &&
         (path[n] == '\0' || path[n] == '.' || path[n] == '[');
}

GPtrArray *
lw_workspace_dup_diagnostics_at (LwWorkspace *self,
                                 const char  *path)
{
  GPtrArray *found = g_ptr_array_new ();

  g_return_val_if_fail (LW_IS_WORKSPACE (self), found);
  g_return_val_if_fail (path != NULL, found);

  for (guint i = 0; i < self->diagnostics->len; i++)
    {
      LwDiagnostic *d = g_ptr_array_index (self->diagnostics, i);

      if (path_is_within (d->path, path))
        g_ptr_array_add (found, d);
    }
  return found;
}
