/* test-workspace.c: the rule set being edited, kept in a workspace file
 *
 * Autosave of the working copy (valid or not) across reopening, undo and
 * redo to the byte, revisions, save as, import and export.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "lw-config-json.h"
#include "lw-store.h"
#include "lw-test-utils.h"
#include "lw-workspace.h"

#define NOW ((LwTime) 1773064800)   /* 2026-03-09T14:00:00Z */

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("lw-workspace-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  lw_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static char *
fixture_path (Fixture    *fixture,
              const char *name)
{
  return g_build_filename (fixture->dir, name, NULL);
}

static char *
bytes_of (LwWorkspace *workspace)
{
  return lw_config_to_data (lw_workspace_get_config (workspace), NULL);
}

/* A workspace file at @name holding the sample playbook as revision 1. */
static LwWorkspace *
create_sample (Fixture    *fixture,
               const char *name)
{
  g_autoptr(LwConfig) sample = lw_test_load_sample ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = fixture_path (fixture, name);
  LwWorkspace *workspace;

  workspace = lw_workspace_create (path, sample, "Sample playbook", NOW, &error);
  g_assert_no_error (error);
  g_assert_nonnull (workspace);
  return workspace;
}

static LwWorkspace *
reopen (const char *path)
{
  g_autoptr(GError) error = NULL;
  LwWorkspace *workspace = lw_workspace_open (path, NOW, &error);

  g_assert_no_error (error);
  g_assert_nonnull (workspace);
  return workspace;
}

static void
rename_rules (LwWorkspace *workspace,
              const char  *name)
{
  LwConfig *config = lw_workspace_dup_config (workspace);

  g_free (config->name);
  config->name = g_strdup (name);
  lw_workspace_apply (workspace, config, "Rename rule set");
}

/* A half-finished routing rule: its owner does not exist yet and its
 * condition's IN filter has no value yet. Only binding rejects it. */
static void
add_unfinished_rule (LwWorkspace *workspace)
{
  LwConfig *config = lw_workspace_dup_config (workspace);
  LwRoutingRule *rule = lw_routing_rule_new ("unfinished", "Unfinished", LW_ASSIGN_OWNER);
  LwFilterGroup *group = lw_filter_group_new ();
  LwFilter *filter = lw_filter_new ("country", LW_OP_IN, NULL);

  g_ptr_array_add (group->filters, filter);
  g_ptr_array_add (rule->when->groups, group);
  rule->target.owner = g_strdup ("nobody-yet");
  g_ptr_array_add (config->rules, rule);
  lw_workspace_apply (workspace, config, "Add routing rule");
}

/* ---- opening ---------------------------------------------------------------- */

static void
test_default (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(LwWorkspace) workspace = NULL;
  g_autoptr(LwConfig) sample = lw_test_load_sample ();
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected_path = lw_store_default_path ();
  g_autofree char *bytes = NULL;
  g_autofree char *sample_bytes = lw_config_to_data (sample, NULL);

  /* G_TEST_OPTION_ISOLATE_DIRS: a private, empty XDG_DATA_HOME. */
  g_assert_false (g_file_test (expected_path, G_FILE_TEST_EXISTS));

  workspace = lw_workspace_open (NULL, NOW, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lw_workspace_get_path (workspace), ==, expected_path);
  g_assert_cmpstr (lw_workspace_get_name (workspace), ==, "Default workspace");
  g_assert_null (lw_workspace_get_recovery_message (workspace));
  bytes = bytes_of (workspace);
  g_assert_cmpstr (bytes, ==, sample_bytes);
  g_assert_false (lw_workspace_get_can_undo (workspace));
  g_assert_cmpuint (lw_workspace_get_n_errors (workspace), ==, 0);

  revisions = lw_workspace_list_revisions (workspace, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (revisions->len, ==, 1);
  g_assert_cmpint (lw_workspace_find_current_revision (workspace), ==, 1);
}

static void
test_open_empty_file (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *path = fixture_path (fixture, "Fresh start.leadwright");
  g_autoptr(LwWorkspace) workspace = reopen (path);

  g_assert_cmpstr (lw_workspace_get_name (workspace), ==, "Fresh start");
  g_assert_cmpuint (lw_workspace_get_config (workspace)->rules->len, ==, 0);
  g_assert_cmpint (lw_workspace_find_current_revision (workspace), ==, 0);
}

static void
test_open_newer_refused (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *path = fixture_path (fixture, "newer.leadwright");
  g_autoptr(LwWorkspace) workspace = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  workspace = create_sample (fixture, "newer.leadwright");
  g_clear_object (&workspace);

  /* A newer Leadwright moved the file on to schema 99. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 99", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  workspace = lw_workspace_open (path, NOW, &error);
  g_assert_error (error, LW_STORE_ERROR, LW_STORE_ERROR_VERSION);
  g_assert_null (workspace);
  g_assert_nonnull (strstr (error->message, "newer Leadwright"));
}

static void
test_open_not_a_workspace (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *path = fixture_path (fixture, "rules.json");
  g_autofree char *sample = lw_test_sample_path ("b2b-playbook.json");
  g_autofree char *text = NULL;
  g_autoptr(LwWorkspace) workspace = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_get_contents (sample, &text, NULL, NULL));
  g_assert_true (g_file_set_contents (path, text, -1, NULL));

  workspace = lw_workspace_open (path, NOW, &error);
  g_assert_error (error, LW_STORE_ERROR, LW_STORE_ERROR_CORRUPT);
  g_assert_null (workspace);
}

/* ---- autosave ---------------------------------------------------------------- */

static void
test_autosave_reopen (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *path = fixture_path (fixture, "rules.leadwright");
  g_autoptr(LwWorkspace) workspace = create_sample (fixture, "rules.leadwright");
  g_autofree char *saved = NULL;
  g_autofree char *reread = NULL;

  rename_rules (workspace, "Renamed playbook");
  saved = bytes_of (workspace);
  g_clear_object (&workspace);

  workspace = reopen (path);
  reread = bytes_of (workspace);
  g_assert_cmpstr (reread, ==, saved);
  g_assert_cmpstr (lw_workspace_get_config (workspace)->name, ==, "Renamed playbook");
  /* The undo history is not kept; the working copy is. */
  g_assert_false (lw_workspace_get_can_undo (workspace));
  g_assert_cmpint (lw_workspace_find_current_revision (workspace), ==, 0);
}

static void
test_autosave_invalid_draft (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *path = fixture_path (fixture, "rules.leadwright");
  g_autoptr(LwWorkspace) workspace = create_sample (fixture, "rules.leadwright");
  g_autofree char *saved = NULL;
  g_autofree char *reread = NULL;
  guint errors;

  add_unfinished_rule (workspace);
  errors = lw_workspace_get_n_errors (workspace);
  g_assert_cmpuint (errors, >=, 2);
  lw_test_assert_diagnostic (lw_workspace_get_diagnostics (workspace), LW_SEVERITY_ERROR,
                             "$.routing.rules[8].assign.owner", "nobody-yet");
  saved = bytes_of (workspace);
  g_clear_object (&workspace);

  workspace = reopen (path);
  g_assert_null (lw_workspace_get_recovery_message (workspace));
  reread = bytes_of (workspace);
  g_assert_cmpstr (reread, ==, saved);
  g_assert_cmpuint (lw_workspace_get_n_errors (workspace), ==, errors);
  lw_test_assert_diagnostic (lw_workspace_get_diagnostics (workspace), LW_SEVERITY_ERROR,
                             "$.routing.rules[8].assign.owner", "nobody-yet");
}

/* A working copy that cannot be read back (written by something else) is
 * kept aside and the latest revision opens instead. */
static void
test_autosave_unreadable_draft (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autofree char *path = fixture_path (fixture, "rules.leadwright");
  g_autoptr(LwWorkspace) workspace = create_sample (fixture, "rules.leadwright");
  g_autoptr(LwStore) store = NULL;
  g_autoptr(LwConfig) sample = lw_test_load_sample ();
  g_autoptr(GError) error = NULL;
  g_autofree char *sample_bytes = lw_config_to_data (sample, NULL);
  g_autofree char *bytes = NULL;
  g_autofree char *kept = NULL;
  const char *message;

  g_clear_object (&workspace);
  store = lw_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (lw_store_set_meta (store, "draft", "{\"format\": \"leadwright-config\", ", &error));
  g_assert_no_error (error);
  g_clear_pointer (&store, lw_store_unref);

  workspace = reopen (path);
  message = lw_workspace_get_recovery_message (workspace);
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "could not be read back"));
  bytes = bytes_of (workspace);
  g_assert_cmpstr (bytes, ==, sample_bytes);
  g_clear_object (&workspace);

  store = lw_store_open (path, &error);
  g_assert_no_error (error);
  kept = lw_store_dup_meta (store, "draft-unreadable", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kept, ==, "{\"format\": \"leadwright-config\", ");
}

static void
autosave_failed_cb (LwWorkspace *workspace,
                    GError      *error,
                    gpointer     user_data)
{
  GError **reported = user_data;

  g_assert_null (*reported);
  *reported = g_error_copy (error);
}

/* A working copy that cannot be written is reported; the edit stands. */
static void
test_autosave_failure_reported (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autofree char *path = fixture_path (fixture, "rules.leadwright");
  g_autoptr(LwWorkspace) workspace = create_sample (fixture, "rules.leadwright");
  g_autoptr(GError) reported = NULL;
  sqlite3 *db = NULL;

  g_signal_connect (workspace, "autosave-failed", G_CALLBACK (autosave_failed_cb), &reported);

  /* Another connection makes every write of metadata fail, as a full
   * disk would. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "CREATE TRIGGER full_disk BEFORE INSERT ON workspace "
                                 "BEGIN SELECT RAISE (ABORT, 'database or disk is full'); END",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  rename_rules (workspace, "Unsaved");
  g_assert_nonnull (reported);
  g_assert_true (reported->domain == LW_STORE_ERROR);
  g_assert_nonnull (strstr (reported->message, "disk is full"));
  g_assert_cmpstr (lw_workspace_get_config (workspace)->name, ==, "Unsaved");
  g_assert_true (lw_workspace_get_can_undo (workspace));
}

/* ---- undo and redo -------------------------------------------------------------- */

static void
test_undo_redo_exact (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *path = fixture_path (fixture, "rules.leadwright");
  g_autoptr(LwWorkspace) workspace = create_sample (fixture, "rules.leadwright");
  g_autoptr(GPtrArray) states = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *after_undo = NULL;

  g_ptr_array_add (states, bytes_of (workspace));
  rename_rules (workspace, "First");
  g_ptr_array_add (states, bytes_of (workspace));
  add_unfinished_rule (workspace);
  g_ptr_array_add (states, bytes_of (workspace));
  rename_rules (workspace, "Third");
  g_ptr_array_add (states, bytes_of (workspace));

  g_assert_cmpstr (lw_workspace_get_undo_description (workspace), ==, "Rename rule set");
  for (guint i = states->len - 1; i > 0; i--)
    {
      g_autofree char *bytes = NULL;

      g_assert_true (lw_workspace_undo (workspace));
      bytes = bytes_of (workspace);
      g_assert_cmpstr (bytes, ==, g_ptr_array_index (states, i - 1));
    }
  g_assert_false (lw_workspace_undo (workspace));
  g_assert_cmpstr (lw_workspace_get_redo_description (workspace), ==, "Rename rule set");

  for (guint i = 1; i < states->len; i++)
    {
      g_autofree char *bytes = NULL;

      g_assert_true (lw_workspace_redo (workspace));
      bytes = bytes_of (workspace);
      g_assert_cmpstr (bytes, ==, g_ptr_array_index (states, i));
    }
  g_assert_false (lw_workspace_redo (workspace));

  /* Undo is autosaved too. */
  g_assert_true (lw_workspace_undo (workspace));
  g_assert_true (lw_workspace_undo (workspace));
  after_undo = bytes_of (workspace);
  g_assert_cmpstr (after_undo, ==, g_ptr_array_index (states, 1));
  g_clear_object (&workspace);

  workspace = reopen (path);
  {
    g_autofree char *bytes = bytes_of (workspace);

    g_assert_cmpstr (bytes, ==, after_undo);
  }
}

/* ---- revisions ------------------------------------------------------------------- */


/* ::revision-saved: the id saved. */
static void
remember_revision_cb (LwWorkspace *workspace,
                      gint64       id,
                      gpointer     user_data)
{
  *(gint64 *) user_data = id;
}

static void
test_revisions (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(LwWorkspace) workspace = create_sample (fixture, "rules.leadwright");
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *original = bytes_of (workspace);
  g_autofree char *renamed = NULL;
  g_autofree char *diff = NULL;
  g_autofree char *bytes = NULL;
  const LwRevision *revision;
  gint64 id;
  gint64 saved = 0;

  g_assert_cmpint (lw_workspace_find_current_revision (workspace), ==, 1);
  diff = lw_workspace_diff_revision (workspace, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (diff, ==, "");
  g_clear_pointer (&diff, g_free);

  rename_rules (workspace, "Q3 playbook");
  renamed = bytes_of (workspace);
  g_assert_cmpint (lw_workspace_find_current_revision (workspace), ==, 0);

  g_signal_connect (workspace, "revision-saved", G_CALLBACK (remember_revision_cb), &saved);
  id = lw_workspace_save_revision (workspace, "Renamed for Q3", NOW + 60, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, ==, 2);
  g_assert_cmpint (saved, ==, 2);
  g_assert_cmpint (lw_workspace_find_current_revision (workspace), ==, 2);

  revisions = lw_workspace_list_revisions (workspace, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (revisions->len, ==, 2);
  revision = g_ptr_array_index (revisions, 0);
  g_assert_cmpstr (revision->note, ==, "Sample playbook");
  g_assert_cmpint (revision->created_at, ==, NOW);
  revision = g_ptr_array_index (revisions, 1);
  g_assert_cmpint (revision->id, ==, 2);
  g_assert_cmpstr (revision->note, ==, "Renamed for Q3");
  g_assert_cmpint (revision->created_at, ==, NOW + 60);

  /* Revision 1 against the current rule set. */
  diff = lw_workspace_diff_revision (workspace, 1, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (diff, "--- revision 1\n+++ current rule set\n@@ "));
  g_assert_nonnull (strstr (diff, "\n-  \"name\": \"B2B playbook\",\n"));
  g_assert_nonnull (strstr (diff, "\n+  \"name\": \"Q3 playbook\",\n"));

  /* Restoring is an edit: undoable, and autosaved. */
  g_assert_true (lw_workspace_restore_revision (workspace, 1, &error));
  g_assert_no_error (error);
  bytes = bytes_of (workspace);
  g_assert_cmpstr (bytes, ==, original);
  g_assert_cmpstr (lw_workspace_get_undo_description (workspace), ==, "Restore revision 1");
  g_assert_cmpint (lw_workspace_find_current_revision (workspace), ==, 1);
  g_assert_true (lw_workspace_undo (workspace));
  g_clear_pointer (&bytes, g_free);
  bytes = bytes_of (workspace);
  g_assert_cmpstr (bytes, ==, renamed);

  /* No such revision: nothing changes. */
  g_assert_false (lw_workspace_restore_revision (workspace, 7, &error));
  g_assert_error (error, LW_STORE_ERROR, LW_STORE_ERROR_NOT_FOUND);
  g_clear_pointer (&bytes, g_free);
  bytes = bytes_of (workspace);
  g_assert_cmpstr (bytes, ==, renamed);
}

/* A revision saved while the rules had errors restores as it was. */
static void
test_revision_of_invalid_rules (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(LwWorkspace) workspace = create_sample (fixture, "rules.leadwright");
  g_autoptr(GError) error = NULL;
  g_autofree char *unfinished = NULL;
  g_autofree char *bytes = NULL;
  gint64 id;

  add_unfinished_rule (workspace);
  unfinished = bytes_of (workspace);
  id = lw_workspace_save_revision (workspace, NULL, NOW, &error);
  g_assert_no_error (error);
  g_assert_true (lw_workspace_undo (workspace));

  g_assert_true (lw_workspace_restore_revision (workspace, id, &error));
  g_assert_no_error (error);
  bytes = bytes_of (workspace);
  g_assert_cmpstr (bytes, ==, unfinished);
  g_assert_cmpuint (lw_workspace_get_n_errors (workspace), >, 0);
}

/* ---- save as ---------------------------------------------------------------------- */

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static void
test_save_as (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *old_path = fixture_path (fixture, "Default.leadwright");
  g_autofree char *new_path = fixture_path (fixture, "Q3 rules.leadwright");
  g_autoptr(LwWorkspace) workspace = create_sample (fixture, "Default.leadwright");
  g_autoptr(LwWorkspace) old = NULL;
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *renamed = NULL;
  g_autofree char *edited = NULL;
  g_autofree char *bytes = NULL;
  guint path_notes = 0, name_notes = 0;

  g_assert_cmpstr (lw_workspace_get_name (workspace), ==, "Default");
  rename_rules (workspace, "Before the copy");
  renamed = bytes_of (workspace);
  g_assert_true (lw_workspace_save_revision (workspace, "Renamed", NOW, &error) == 2);

  g_signal_connect (workspace, "notify::path", G_CALLBACK (count_notify), &path_notes);
  g_signal_connect (workspace, "notify::name", G_CALLBACK (count_notify), &name_notes);

  /* Not onto its own file, by whatever path. */
  {
    g_autofree char *other_spelling = g_build_filename (fixture->dir, ".", "Default.leadwright", NULL);

    g_assert_true (lw_workspace_is_file (workspace, other_spelling));
    g_assert_false (lw_workspace_save_as (workspace, other_spelling, &error));
    g_assert_error (error, LW_STORE_ERROR, LW_STORE_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_cmpuint (path_notes, ==, 0);
  }

  g_assert_true (lw_workspace_save_as (workspace, new_path, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (lw_workspace_get_path (workspace), ==, new_path);
  g_assert_cmpstr (lw_workspace_get_name (workspace), ==, "Q3 rules");
  g_assert_cmpuint (path_notes, ==, 1);
  g_assert_cmpuint (name_notes, ==, 1);
  /* The undo history goes on. */
  g_assert_cmpstr (lw_workspace_get_undo_description (workspace), ==, "Rename rule set");

  /* Edits now go to the new file; the old one keeps what it had. */
  rename_rules (workspace, "After the copy");
  edited = bytes_of (workspace);

  old = reopen (old_path);
  bytes = bytes_of (old);
  g_assert_cmpstr (bytes, ==, renamed);
  g_assert_cmpstr (lw_workspace_get_name (old), ==, "Default");
  g_clear_object (&old);
  g_clear_object (&workspace);

  workspace = reopen (new_path);
  g_clear_pointer (&bytes, g_free);
  bytes = bytes_of (workspace);
  g_assert_cmpstr (bytes, ==, edited);
  revisions = lw_workspace_list_revisions (workspace, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (revisions->len, ==, 2);
  g_assert_cmpstr (((LwRevision *) g_ptr_array_index (revisions, 1))->note, ==, "Renamed");
}

/* Saving over another workspace replaces it whole. */
static void
test_save_as_replaces (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *other_path = fixture_path (fixture, "other.leadwright");
  g_autoptr(LwWorkspace) workspace = create_sample (fixture, "rules.leadwright");
  g_autoptr(LwWorkspace) other = create_sample (fixture, "other.leadwright");
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *bytes = NULL;
  g_autofree char *reread = NULL;

  g_assert_cmpint (lw_workspace_save_revision (other, "Only in other", NOW, &error), ==, 2);
  g_clear_object (&other);

  rename_rules (workspace, "Replacement");
  bytes = bytes_of (workspace);
  g_assert_true (lw_workspace_save_as (workspace, other_path, &error));
  g_assert_no_error (error);
  g_clear_object (&workspace);

  other = reopen (other_path);
  reread = bytes_of (other);
  g_assert_cmpstr (reread, ==, bytes);
  revisions = lw_workspace_list_revisions (other, &error);
  g_assert_cmpuint (revisions->len, ==, 1);
}

static void
test_create_empty (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *path = fixture_path (fixture, "Empty.leadwright");
  g_autoptr(LwConfig) empty = lw_config_new ();
  g_autoptr(LwWorkspace) workspace = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  guint files = 0;

  g_free (empty->name);
  empty->name = g_strdup ("Empty");
  workspace = lw_workspace_create (path, empty, "Empty rule set", NOW, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lw_workspace_get_name (workspace), ==, "Empty");
  g_assert_cmpuint (lw_workspace_get_config (workspace)->rules->len, ==, 0);
  g_assert_cmpint (lw_workspace_find_current_revision (workspace), ==, 1);
  g_clear_object (&workspace);

  /* Nothing is left behind but the workspace. */
  dir = g_dir_open (fixture->dir, 0, &error);
  g_assert_no_error (error);
  while (g_dir_read_name (dir) != NULL)
    files++;
  g_assert_cmpuint (files, ==, 1);
}

/* ---- import and export ---------------------------------------------------------------- */

static void
test_import_bad_file (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *bad_path = fixture_path (fixture, "bad.json");
  g_autofree char *sample_path = lw_test_sample_path ("b2b-playbook.json");
  g_autoptr(LwWorkspace) workspace = create_sample (fixture, "rules.leadwright");
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *reread = NULL;
  char *at;

  rename_rules (workspace, "Edited");
  before = bytes_of (workspace);

  /* The sample with an operator that does not exist. */
  g_assert_true (g_file_get_contents (sample_path, &text, NULL, NULL));
  at = strstr (text, "\"operator\": \"HAS_PROPERTY\"");
  g_assert_nonnull (at);
  memcpy (at + strlen ("\"operator\": \"HAS_PROPERT"), "X", 1);
  g_assert_true (g_file_set_contents (bad_path, text, -1, NULL));

  g_assert_false (lw_workspace_import (workspace, bad_path, &error));
  g_assert_error (error, LW_CONFIG_ERROR, LW_CONFIG_ERROR_INVALID);
  prefix = g_strdup_printf ("%s:", bad_path);
  g_assert_true (g_str_has_prefix (error->message, prefix));
  /* The first HAS_PROPERTY of the sample is in the lifecycle. */
  g_assert_true (g_regex_match_simple ("^.*/bad\\.json:[0-9]+:[0-9]+: error: "
                                       "\\$\\.lifecycle\\.stages\\[1\\]\\.when\\.filterGroups\\[0\\]"
                                       "\\.filters\\[0\\]\\.operator: unknown operator \"HAS_PROPERTX\"",
                                       error->message, 0, 0));

  after = bytes_of (workspace);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpstr (lw_workspace_get_undo_description (workspace), ==, "Rename rule set");

  /* Not JSON at all. */
  g_clear_error (&error);
  g_assert_true (g_file_set_contents (bad_path, "{\n  \"format\": \"leadwright-config\",\n  oops\n}\n", -1, NULL));
  g_assert_false (lw_workspace_import (workspace, bad_path, &error));
  g_assert_error (error, LW_CONFIG_ERROR, LW_CONFIG_ERROR_PARSE);
  g_assert_true (g_str_has_prefix (error->message, prefix));
  g_assert_nonnull (strstr (error->message, ":3:"));

  /* And nothing reached the file either. */
  g_clear_object (&workspace);
  {
    g_autofree char *path = fixture_path (fixture, "rules.leadwright");

    workspace = reopen (path);
  }
  reread = bytes_of (workspace);
  g_assert_cmpstr (reread, ==, before);
}

static void
test_export_import (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *json_path = fixture_path (fixture, "exported.json");
  g_autoptr(LwWorkspace) workspace = create_sample (fixture, "rules.leadwright");
  g_autoptr(GError) error = NULL;
  g_autofree char *exported = NULL;
  g_autofree char *written = NULL;
  g_autofree char *edited = NULL;
  g_autofree char *bytes = NULL;

  rename_rules (workspace, "Exported");
  exported = bytes_of (workspace);
  g_assert_true (lw_workspace_export (workspace, json_path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (json_path, &written, NULL, NULL));
  g_assert_cmpstr (written, ==, exported);

  rename_rules (workspace, "Changed since");
  edited = bytes_of (workspace);
  g_assert_true (lw_workspace_import (workspace, json_path, &error));
  g_assert_no_error (error);
  bytes = bytes_of (workspace);
  g_assert_cmpstr (bytes, ==, exported);
  g_assert_cmpstr (lw_workspace_get_undo_description (workspace), ==, "Import “exported.json”");

  /* One edit: one undo. */
  g_assert_true (lw_workspace_undo (workspace));
  g_clear_pointer (&bytes, g_free);
  bytes = bytes_of (workspace);
  g_assert_cmpstr (bytes, ==, edited);
}

/* ---- in memory ---------------------------------------------------------------------- */

static void
test_in_memory (void)
{
  g_autoptr(LwWorkspace) workspace = lw_workspace_new (lw_test_load_sample ());
  g_autoptr(GError) error = NULL;

  g_assert_null (lw_workspace_get_path (workspace));
  g_assert_cmpstr (lw_workspace_get_name (workspace), ==, "Unsaved rules");
  g_assert_null (lw_workspace_get_store (workspace));
  g_assert_cmpint (lw_workspace_save_revision (workspace, "x", NOW, &error), ==, 0);
  g_assert_error (error, LW_STORE_ERROR, LW_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (lw_workspace_list_revisions (workspace, &error));
  g_assert_error (error, LW_STORE_ERROR, LW_STORE_ERROR_INVALID);
  g_assert_cmpint (lw_workspace_find_current_revision (workspace), ==, 0);

  /* Edits work as ever. */
  rename_rules (workspace, "In memory");
  g_assert_true (lw_workspace_undo (workspace));
}

/* ---- how long an autosaved edit takes ------------------------------------------------- */

static void
test_autosave_cost (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(LwWorkspace) workspace = create_sample (fixture, "rules.leadwright");
  g_autoptr(GTimer) timer = g_timer_new ();
  const guint n = 10;

  /* Measured, not asserted: the figure goes to the test log. */
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("Edit %u", i);

      rename_rules (workspace, name);
    }
  g_test_message ("an edit of the sample playbook, checked and autosaved: %.2f ms",
                  g_timer_elapsed (timer, NULL) * 1000 / n);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ((path), Fixture, NULL, fixture_set_up, (func), fixture_tear_down)

  ADD ("/workspace/open/default", test_default);
  ADD ("/workspace/open/empty-file", test_open_empty_file);
  ADD ("/workspace/open/newer-refused", test_open_newer_refused);
  ADD ("/workspace/open/not-a-workspace", test_open_not_a_workspace);
  ADD ("/workspace/autosave/reopen", test_autosave_reopen);
  ADD ("/workspace/autosave/invalid-draft", test_autosave_invalid_draft);
  ADD ("/workspace/autosave/unreadable-draft", test_autosave_unreadable_draft);
  ADD ("/workspace/autosave/failure-reported", test_autosave_failure_reported);
  ADD ("/workspace/autosave/cost", test_autosave_cost);
  ADD ("/workspace/undo-redo/exact", test_undo_redo_exact);
  ADD ("/workspace/revisions/save-list-restore", test_revisions);
  ADD ("/workspace/revisions/invalid-rules", test_revision_of_invalid_rules);
  ADD ("/workspace/save-as/copy", test_save_as);
  ADD ("/workspace/save-as/replaces", test_save_as_replaces);
  ADD ("/workspace/create/empty", test_create_empty);
  ADD ("/workspace/import/bad-file", test_import_bad_file);
  ADD ("/workspace/import/export-round-trip", test_export_import);
  g_test_add_func ("/workspace/in-memory", test_in_memory);

  return g_test_run ();
}
