/* lw-workspace.c: the rule set being edited, with undo, redo and checks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "lw-config-json.h"
#include "lw-lint.h"
#include "lw-workspace.h"

#define MAX_UNDO 200

/* The keys of the workspace file's metadata this file uses. */
#define META_NAME             "name"
#define META_DRAFT            "draft"
#define META_DRAFT_UNREADABLE "draft-unreadable"

/* The extension of workspace files, left out of their names. */
#define WORKSPACE_SUFFIX      ".leadwright"

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

  LwStore   *store;  /* NULL in memory */
  char      *name;
  char      *recovery_message;
};

G_DEFINE_FINAL_TYPE (LwWorkspace, lw_workspace, G_TYPE_OBJECT)

G_DEFINE_BOXED_TYPE (LwConfig, lw_config, lw_config_ref, lw_config_unref)

enum {
  PROP_0,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_N_ERRORS,
  PROP_N_WARNINGS,
  PROP_PATH,
  PROP_NAME,
  N_PROPS
};

enum {
  CHANGED,
  AUTOSAVE_FAILED,
  REVISION_SAVED,
  RUN_PROGRESS,
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

/* Writes the current rule set as the working copy: one transaction. */
static gboolean
write_draft (LwWorkspace  *self,
             LwStore      *store,
             GError      **error)
{
  g_autofree char *json = lw_config_to_data (self->config, NULL);

  return lw_store_set_meta (store, META_DRAFT, json, error);
}

static void
autosave (LwWorkspace *self)
{
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    return;
  if (!write_draft (self, self->store, &error))
    g_signal_emit (self, signals[AUTOSAVE_FAILED], 0, error);
}

/* Replaces the current rule set, saves it and tells everyone, old state
 * first. */
static void
set_config (LwWorkspace *self,
            LwConfig    *config)
{
  guint errors = lw_workspace_get_n_errors (self);
  guint warnings = lw_workspace_get_n_warnings (self);

  g_clear_pointer (&self->config, lw_config_unref);
  self->config = config;
  check (self);
  autosave (self);

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
  g_clear_pointer (&self->store, lw_store_unref);
  g_free (self->name);
  g_free (self->recovery_message);

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
    case PROP_PATH:
      g_value_set_string (value, lw_workspace_get_path (self));
      break;
    case PROP_NAME:
      g_value_set_string (value, lw_workspace_get_name (self));
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
  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Emitted after every change of the current rule set: an edit, an undo,
   * a redo. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* Emitted when the working copy could not be written to the file; the
   * change itself stands. */
  signals[AUTOSAVE_FAILED] = g_signal_new ("autosave-failed", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                           G_TYPE_NONE, 1, G_TYPE_ERROR);
  /* Emitted by lw_workspace_save_revision() with the new revision's id. */
  signals[REVISION_SAVED] = g_signal_new ("revision-saved", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 1, G_TYPE_INT64);
  /* Emitted by lw_workspace_run_progress(). */
  signals[RUN_PROGRESS] = g_signal_new ("run-progress", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                        G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_BOOLEAN);
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

/* ---- files --------------------------------------------------------------- */

static gboolean
require_store (LwWorkspace  *self,
               GError      **error)
{
  if (self->store != NULL)
    return TRUE;
  g_set_error (error, LW_STORE_ERROR, LW_STORE_ERROR_INVALID,
               _("This rule set is not kept in a workspace file"));
  return FALSE;
}

/* "Q3 rules" for ".../Q3 rules.leadwright". */
static char *
name_from_path (const char *path)
{
  g_autofree char *base = g_filename_display_basename (path);
  gsize n = strlen (base), suffix = strlen (WORKSPACE_SUFFIX);

  if (n > suffix && g_str_has_suffix (base, WORKSPACE_SUFFIX))
    base[n - suffix] = '\0';
  return g_steal_pointer (&base);
}

/* The default workspace goes by its "name"; any other by its file's name,
 * which is what the admin chose and sees in the file manager. */
static char *
dup_store_name (LwStore *store)
{
  g_autofree char *default_path = lw_store_default_path ();
  g_autofree char *a = g_canonicalize_filename (default_path, NULL);
  g_autofree char *b = g_canonicalize_filename (lw_store_get_path (store), NULL);
  g_autofree char *name = NULL;

  if (g_strcmp0 (a, b) != 0)
    return name_from_path (lw_store_get_path (store));

  name = lw_store_dup_meta (store, META_NAME, NULL);
  if (name != NULL && *name != '\0')
    return g_steal_pointer (&name);
  return g_strdup (_("Default workspace"));
}

/* "revision 3": names a revision in messages and diffs. */
static char *
dup_revision_label (gint64 id)
{
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);

  /* translators: %s is a revision number */
  return g_strdup_printf (_("revision %s"), number);
}

/* The rule set a workspace file opens with: its working copy, else its
 * latest revision, else an empty one. Sets *@recovery when the working
 * copy was there but could not be read. */
static LwConfig *
load_working_copy (LwStore  *store,
                   char    **recovery,
                   GError  **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(LwRevision) revision = NULL;
  g_autofree char *draft = NULL;
  g_autofree char *label = NULL;
  LwConfig *config = NULL;

  draft = lw_store_dup_meta (store, META_DRAFT, &local);
  if (draft == NULL && !g_error_matches (local, LW_STORE_ERROR, LW_STORE_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  g_clear_error (&local);

  if (draft != NULL)
    {
      config = lw_config_load_data_lenient (draft, -1, _("the working copy"), NULL, &local);
      if (config != NULL)
        return config;

      /* Kept, so that nothing is lost when the next edit overwrites the
       * working copy. */
      if (!lw_store_set_meta (store, META_DRAFT_UNREADABLE, draft, error))
        return NULL;
      /* translators: %s says what is wrong and where */
      *recovery = g_strdup_printf (_("The unsaved changes could not be read back (%s). "
                                     "The last saved revision was opened instead."),
                                   local->message);
      g_clear_error (&local);
    }

  revision = lw_store_get_revision (store, 0, &local);
  if (revision == NULL)
    {
      if (!g_error_matches (local, LW_STORE_ERROR, LW_STORE_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return NULL;
        }
      return lw_config_new ();
    }

  label = dup_revision_label (revision->id);
  return lw_config_load_data_lenient (revision->json, -1, label, NULL, error);
}

/* Takes @store (transfer full). */
static LwWorkspace *
workspace_from_store (LwStore  *store,
                      GError  **error)
{
  g_autoptr(LwStore) owned = store;
  g_autofree char *recovery = NULL;
  LwConfig *config;
  LwWorkspace *self;

  config = load_working_copy (store, &recovery, error);
  if (config == NULL)
    return NULL;

  self = lw_workspace_new (config);
  self->store = g_steal_pointer (&owned);
  self->name = dup_store_name (self->store);
  self->recovery_message = g_steal_pointer (&recovery);
  return self;
}

LwWorkspace *
lw_workspace_open (const char  *path,
                   LwTime       now,
                   GError     **error)
{
  LwStore *store;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  store = path != NULL ? lw_store_open (path, error) : lw_store_open_default (now, error);
  if (store == NULL)
    return NULL;
  return workspace_from_store (store, error);
}

static void
remove_store_files (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_unlink (file);
    }
}

LwWorkspace *
lw_workspace_create (const char      *path,
                     const LwConfig  *config,
                     const char      *note,
                     LwTime           now,
                     GError         **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmp = NULL;
  LwStore *store;
  gboolean ok;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (config != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Built beside @path under a temporary name, then copied over @path in
   * one rename: a failure leaves whatever was at @path as it was. */
  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  tmp = g_strdup_printf ("%s%c.%s.new-XXXXXX", dir, G_DIR_SEPARATOR, base);
  fd = g_mkstemp_full (tmp, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved = errno;

      /* translators: %s is a file name, then the system's message */
      g_set_error (error, LW_STORE_ERROR, LW_STORE_ERROR_IO,
                   _("%s: cannot create: %s"), path, g_strerror (saved));
      return NULL;
    }
  g_close (fd, NULL);

  store = lw_store_open (tmp, error);
  ok = store != NULL &&
       lw_store_save_config (store, config, note, now, error) != 0 &&
       lw_store_save_copy (store, path, error);
  g_clear_pointer (&store, lw_store_unref);
  remove_store_files (tmp);
  if (!ok)
    return NULL;

  return lw_workspace_open (path, now, error);
}

const char *
lw_workspace_get_path (LwWorkspace *self)
{
  g_return_val_if_fail (LW_IS_WORKSPACE (self), NULL);

  return self->store != NULL ? lw_store_get_path (self->store) : NULL;
}

const char *
lw_workspace_get_name (LwWorkspace *self)
{
  g_return_val_if_fail (LW_IS_WORKSPACE (self), NULL);

  return self->name != NULL ? self->name : _("Unsaved rules");
}

gboolean
lw_workspace_is_file (LwWorkspace *self,
                      const char  *path)
{
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  GStatBuf mine, theirs;

  g_return_val_if_fail (LW_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (self->store == NULL)
    return FALSE;
  if (g_stat (lw_store_get_path (self->store), &mine) == 0 && g_stat (path, &theirs) == 0)
    return mine.st_dev == theirs.st_dev && mine.st_ino == theirs.st_ino;

  a = g_canonicalize_filename (lw_store_get_path (self->store), NULL);
  b = g_canonicalize_filename (path, NULL);
  return g_strcmp0 (a, b) == 0;
}

const char *
lw_workspace_get_recovery_message (LwWorkspace *self)
{
  g_return_val_if_fail (LW_IS_WORKSPACE (self), NULL);

  return self->recovery_message;
}

LwStore *
lw_workspace_get_store (LwWorkspace *self)
{
  g_return_val_if_fail (LW_IS_WORKSPACE (self), NULL);

  return self->store;
}

gboolean
lw_workspace_use_store (LwWorkspace  *self,
                        LwStore      *store,
                        GError      **error)
{
  g_return_val_if_fail (LW_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!write_draft (self, store, error))
    return FALSE;

  lw_store_ref (store);
  g_clear_pointer (&self->store, lw_store_unref);
  self->store = store;
  g_free (self->name);
  self->name = dup_store_name (store);

  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PATH]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
  g_object_thaw_notify (G_OBJECT (self));
  return TRUE;
}

gboolean
lw_workspace_save_as (LwWorkspace  *self,
                      const char   *path,
                      GError      **error)
{
  g_autoptr(LwStore) store = NULL;

  g_return_val_if_fail (LW_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!require_store (self, error))
    return FALSE;
  if (lw_workspace_is_file (self, path))
    {
      /* translators: %s is a file name */
      g_set_error (error, LW_STORE_ERROR, LW_STORE_ERROR_INVALID,
                   _("%s is this workspace’s own file"), path);
      return FALSE;
    }

  if (!lw_store_save_copy (self->store, path, error))
    return FALSE;
  store = lw_store_open (path, error);
  if (store == NULL)
    return FALSE;
  return lw_workspace_use_store (self, store, error);
}

gboolean
lw_workspace_import (LwWorkspace  *self,
                     const char   *filename,
                     GError      **error)
{
  LwConfig *config;

  g_return_val_if_fail (LW_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (filename != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  config = lw_config_load_file (filename, NULL, error);
  if (config == NULL)
    return FALSE;
  lw_workspace_import_config (self, config, filename);
  return TRUE;
}

void
lw_workspace_import_config (LwWorkspace *self,
                            LwConfig    *config,
                            const char  *filename)
{
  g_autofree char *base = NULL;
  g_autofree char *description = NULL;

  g_return_if_fail (LW_IS_WORKSPACE (self));
  g_return_if_fail (config != NULL);
  g_return_if_fail (filename != NULL);

  base = g_filename_display_basename (filename);
  /* translators: an edit that can be undone; %s is a file name */
  description = g_strdup_printf (_("Import “%s”"), base);
  lw_workspace_apply (self, config, description);
}

gboolean
lw_workspace_export (LwWorkspace  *self,
                     const char   *filename,
                     GError      **error)
{
  g_return_val_if_fail (LW_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (filename != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return lw_config_save_file (self->config, filename, error);
}

/* ---- revisions -------------------------------------------------------------- */

gint64
lw_workspace_save_revision (LwWorkspace  *self,
                            const char   *note,
                            LwTime        now,
                            GError      **error)
{
  gint64 id;

  g_return_val_if_fail (LW_IS_WORKSPACE (self), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  if (!require_store (self, error))
    return 0;
  id = lw_store_save_config (self->store, self->config, note, now, error);
  if (id != 0)
    g_signal_emit (self, signals[REVISION_SAVED], 0, id);
  return id;
}

GPtrArray *
lw_workspace_list_revisions (LwWorkspace  *self,
                             GError      **error)
{
  g_return_val_if_fail (LW_IS_WORKSPACE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!require_store (self, error))
    return NULL;
  return lw_store_list_revisions (self->store, error);
}

gint64
lw_workspace_find_current_revision (LwWorkspace *self)
{
  g_autofree char *json = NULL;
  gint64 id = 0;

  g_return_val_if_fail (LW_IS_WORKSPACE (self), 0);

  if (self->store == NULL)
    return 0;
  json = lw_config_to_data (self->config, NULL);
  if (!lw_store_find_revision (self->store, json, &id, NULL))
    return 0;
  return id;
}

char *
lw_workspace_diff_revision (LwWorkspace  *self,
                            gint64        id,
                            GError      **error)
{
  g_autoptr(LwRevision) revision = NULL;
  g_autofree char *json = NULL;
  g_autofree char *label = NULL;

  g_return_val_if_fail (LW_IS_WORKSPACE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!require_store (self, error))
    return NULL;
  revision = lw_store_get_revision (self->store, id, error);
  if (revision == NULL)
    return NULL;

  json = lw_config_to_data (self->config, NULL);
  label = dup_revision_label (revision->id);
  return lw_diff_lines (revision->json, json, label, _("current rule set"), 3);
}

gboolean
lw_workspace_restore_revision (LwWorkspace  *self,
                               gint64        id,
                               GError      **error)
{
  g_autoptr(LwRevision) revision = NULL;
  g_autofree char *label = NULL;
  g_autofree char *number = NULL;
  g_autofree char *description = NULL;
  LwConfig *config;

  g_return_val_if_fail (LW_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!require_store (self, error))
    return FALSE;
  revision = lw_store_get_revision (self->store, id, error);
  if (revision == NULL)
    return FALSE;

  label = dup_revision_label (revision->id);
  config = lw_config_load_data_lenient (revision->json, -1, label, NULL, error);
  if (config == NULL)
    return FALSE;

  number = g_strdup_printf ("%" G_GINT64_FORMAT, revision->id);
  /* translators: an edit that can be undone; %s is a revision number */
  description = g_strdup_printf (_("Restore revision %s"), number);
  lw_workspace_apply (self, config, description);
  return TRUE;
}

/* ---- the rule set ------------------------------------------------------------- */

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

void
lw_workspace_run_progress (LwWorkspace *self,
                           gint64       run_id,
                           gboolean     finished)
{
  g_return_if_fail (LW_IS_WORKSPACE (self));

  g_signal_emit (self, signals[RUN_PROGRESS], 0, run_id, finished);
}
