/* lw-test-utils.c: helpers shared by the engine tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <stdarg.h>
#include <string.h>

#include <glib/gstdio.h>

#include "lw-test-utils.h"

char *
lw_test_data_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", name, NULL);
}

char *
lw_test_data_text (const char *name)
{
  g_autofree char *path = lw_test_data_path (name);
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

char *
lw_test_sample_path (const char *name)
{
  const char *dir = g_getenv ("LW_SAMPLES_DIR");

  g_assert_nonnull (dir);
  return g_build_filename (dir, name, NULL);
}

char *
lw_test_shared_path (const char *name)
{
  const char *dir = g_getenv ("LW_SHARED_DATA_DIR");
  g_autofree char *path = NULL;

  g_assert_nonnull (dir);
  path = g_build_filename (dir, name, NULL);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_test_skip_printf ("%s is not there", path);
      return NULL;
    }
  return g_steal_pointer (&path);
}

static void
print_diagnostics (GPtrArray *diagnostics)
{
  for (guint i = 0; diagnostics != NULL && i < diagnostics->len; i++)
    {
      g_autofree char *text = lw_diagnostic_format (g_ptr_array_index (diagnostics, i));
      g_printerr ("%s\n", text);
    }
}

LwConfig *
lw_test_load_config (const char *json)
{
  g_autoptr(GPtrArray) diagnostics = lw_diagnostics_new ();
  g_autoptr(GError) error = NULL;
  LwConfig *config;

  config = lw_config_load_data (json, -1, "test.json", diagnostics, &error);
  if (config == NULL)
    print_diagnostics (diagnostics);
  g_assert_no_error (error);
  g_assert_nonnull (config);
  return config;
}

LwRep *
lw_test_add_rep (LwConfig   *config,
                 const char *id,
                 const char *name,
                 const char *time_zone)
{
  LwRep *rep = lw_rep_new (id, name);

  g_free (rep->time_zone);
  rep->time_zone = g_strdup (time_zone);
  g_ptr_array_add (config->reps, rep);
  return rep;
}

void
lw_test_add_office_hours (LwRep *rep)
{
  LwInterval interval = { 9 * 60, 17 * 60 };

  for (guint d = 0; d < 5; d++)
    g_array_append_val (rep->hours.days[d], interval);
}

void
lw_test_bind_config (LwConfig *config)
{
  g_autoptr(GPtrArray) diagnostics = lw_diagnostics_new ();
  gboolean ok = lw_config_bind (config, diagnostics);

  if (!ok)
    print_diagnostics (diagnostics);
  g_assert_true (ok);
}

LwConfig *
lw_test_load_sample (void)
{
  g_autofree char *path = lw_test_sample_path ("b2b-playbook.json");
  g_autoptr(GPtrArray) diagnostics = lw_diagnostics_new ();
  g_autoptr(GError) error = NULL;
  LwConfig *config;

  config = lw_config_load_file (path, diagnostics, &error);
  if (config == NULL)
    print_diagnostics (diagnostics);
  g_assert_no_error (error);
  g_assert_nonnull (config);
  return config;
}

LwLead *
lw_test_lead (const LwConfig *config,
              ...)
{
  LwLead *lead = lw_lead_new (config, "test-lead");
  const char *pair;
  va_list args;

  va_start (args, config);
  while ((pair = va_arg (args, const char *)) != NULL)
    {
      g_autoptr(GError) error = NULL;
      const char *eq = strchr (pair, '=');
      g_autofree char *name = NULL;

      g_assert_nonnull (eq);
      name = g_strndup (pair, eq - pair);
      lw_lead_set (lead, config, name, eq + 1, &error);
      g_assert_no_error (error);
    }
  va_end (args);

  return lead;
}

LwTime
lw_test_time (const char *iso8601)
{
  LwTime time = 0;

  g_assert_true (lw_time_parse_iso8601 (iso8601, &time));
  return time;
}

const LwDiagnostic *
lw_test_assert_diagnostic (GPtrArray  *diagnostics,
                           LwSeverity  severity,
                           const char *path,
                           const char *fragment)
{
  for (guint i = 0; i < diagnostics->len; i++)
    {
      const LwDiagnostic *d = g_ptr_array_index (diagnostics, i);

      if (d->severity == severity &&
          g_strcmp0 (d->path, path) == 0 &&
          (fragment == NULL || strstr (d->message, fragment) != NULL))
        return d;
    }

  g_printerr ("expected a %s at %s containing \"%s\"; got:\n",
              severity == LW_SEVERITY_ERROR ? "error" : "warning", path, fragment);
  print_diagnostics (diagnostics);
  g_assert_not_reached ();
  return NULL;
}

void
lw_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (path, name, NULL);

        lw_test_remove_tree (child);
      }
  g_remove (path);
}

/* Where lw_test_use_locale() made the locales the system lacked. */
static char *made_locales;

gboolean
lw_test_use_locale (int         category,
                    const char *name)
{
  g_autofree char *full = g_strconcat (name, ".UTF-8", NULL);
  g_autofree char *made = NULL;
  const char *argv[] = { "localedef", "-i", name, "-f", "UTF-8", NULL, NULL };

  if (setlocale (category, full) != NULL)
    return TRUE;

  if (made_locales == NULL)
    {
      made_locales = g_dir_make_tmp ("lw-test-locale-XXXXXX", NULL);
      if (made_locales == NULL)
        return FALSE;
      g_setenv ("LOCPATH", made_locales, TRUE);
    }
  made = g_build_filename (made_locales, full, NULL);
  argv[5] = made;
  /* localedef may warn (and exit 1) and still make the locale. */
  g_spawn_sync (NULL, (char **) argv, NULL,
                G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, NULL, NULL, NULL, NULL);
  return setlocale (category, full) != NULL;
}

gboolean
lw_test_use_comma_locale (void)
{
  return lw_test_use_locale (LC_NUMERIC, "de_DE") && strcmp (localeconv ()->decimal_point, ",") == 0;
}

void
lw_test_reset_locale (void)
{
  setlocale (LC_ALL, "C");
  if (made_locales != NULL)
    {
      g_unsetenv ("LOCPATH");
      lw_test_remove_tree (made_locales);
      g_clear_pointer (&made_locales, g_free);
    }
}
