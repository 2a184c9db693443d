/* bench-queries.c: the aggregate queries on a recorded run, timed
 *
 *   bench-queries --db WORKSPACE [--run ID] [--repeat N] [--pragma SETTING]
 *
 * For each query (funnel, sla, routing, sources, open timers) the workspace
 * is opened afresh (a new connection: SQLite's page cache empty, the
 * operating system's file cache as the previous query left it), the query
 * is timed once ("first"), then N more times (median, min, max), and the
 * connection is closed. Every query covers the whole run, unfiltered: the
 * filters select leads while scanning the same records, so they do not
 * make a query cheaper to read.
 *
 * Prints one line per query in words and one "RESULT mode=query ..." line
 * per query for bench/run.sh, with wall and CPU (user + system) times.
 *
 * --pragma SETTING (e.g. mmap_size=268435456) runs PRAGMA SETTING on each
 * connection before its queries: an experiment to measure a connection
 * setting the store does not make itself. It reaches the store's SQLite
 * handle through lw-store-private.h; bench/run.sh never passes it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

#include <glib.h>

#include "lw-store.h"
#include "lw-store-private.h"

static double
now_s (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static double
cpu_s (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 +
         usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* Sorts @values. */
static double
median_of (GArray *values)
{
  g_array_sort (values, compare_doubles);
  if (values->len % 2 == 1)
    return g_array_index (values, double, values->len / 2);
  return (g_array_index (values, double, values->len / 2 - 1) +
          g_array_index (values, double, values->len / 2)) / 2;
}

typedef enum
{
  QUERY_FUNNEL,
  QUERY_SLA,
  QUERY_ROUTING,
  QUERY_SOURCES,
  QUERY_OPEN_TIMERS,
  QUERY_OPEN_TIMERS_TOP,
  N_QUERIES
} Query;

static const char * const query_names[N_QUERIES] = {
  [QUERY_FUNNEL] = "funnel",
  [QUERY_SLA] = "sla",
  [QUERY_ROUTING] = "routing",
  [QUERY_SOURCES] = "sources",
  [QUERY_OPEN_TIMERS] = "open_timers",
  [QUERY_OPEN_TIMERS_TOP] = "open_timers_top50",
};

/* Histogram edges of the SLA view: 5 min, 15 min, 30 min, 1 h, 4 h, 8 h,
 * 1 day, 3 days. */
static const gint64 sla_edges[] = { 300, 900, 1800, 3600, 14400, 28800, 86400, 259200 };

/* Runs @query once; @value receives a figure of the answer (so the work
 * is used, and the output shows what was computed). */
static gboolean
run_query (LwStore             *store,
           Query                query,
           const LwStoreFilter *filter,
           LwTime               at,
           guint64             *value,
           GError             **error)
{
  switch (query)
    {
    case QUERY_FUNNEL:
      {
        g_autoptr(LwFunnel) funnel = lw_store_query_funnel (store, filter, error);

        if (funnel == NULL)
          return FALSE;
        *value = funnel->leads;
        return TRUE;
      }
    case QUERY_SLA:
      {
        g_autoptr(LwSlaFigures) sla = lw_store_query_sla (store, filter, sla_edges,
                                                          G_N_ELEMENTS (sla_edges), error);

        if (sla == NULL)
          return FALSE;
        *value = sla->with_policy;
        return TRUE;
      }
    case QUERY_ROUTING:
      {
        LwRoutingFigures *routing = lw_store_query_routing (store, filter, error);

        if (routing == NULL)
          return FALSE;
        *value = routing->leads;
        lw_routing_figures_free (routing);
        return TRUE;
      }
    case QUERY_SOURCES:
      {
        g_autoptr(LwSourceReport) sources = lw_store_query_sources (store, filter, error);

        if (sources == NULL)
          return FALSE;
        *value = sources->leads;
        return TRUE;
      }
    case QUERY_OPEN_TIMERS:
    case QUERY_OPEN_TIMERS_TOP:
      {
        g_autoptr(GArray) timers = lw_store_query_open_timers (store, filter, at,
                                                               query == QUERY_OPEN_TIMERS ? 0 : 50,
                                                               error);

        if (timers == NULL)
          return FALSE;
        *value = timers->len;
        return TRUE;
      }
    case N_QUERIES:
    default:
      g_assert_not_reached ();
    }
}

/* The run @run, or the newest finished one when @run is 0. */
static LwRunInfo *
find_run (const char  *path,
          gint64       run,
          GError     **error)
{
  g_autoptr(LwStore) store = lw_store_open (path, error);
  g_autoptr(GPtrArray) runs = NULL;

  if (store == NULL)
    return NULL;
  if (run > 0)
    return lw_store_get_run (store, run, error);
  runs = lw_store_list_runs (store, error);
  if (runs == NULL)
    return NULL;
  for (guint i = 0; i < runs->len; i++)
    {
      LwRunInfo *info = g_ptr_array_index (runs, i);

      if (info->status == LW_RUN_FINISHED)
        return lw_store_get_run (store, info->id, error);
    }
  g_set_error (error, LW_STORE_ERROR, LW_STORE_ERROR_NOT_FOUND, "%s has no finished run", path);
  return NULL;
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *db = NULL;
  g_autofree char *pragma = NULL;
  gint64 run = 0, repeat = 9;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, "Workspace (from bench-simulate store --db)", "FILE" },
    { "run", 0, 0, G_OPTION_ARG_INT64, &run, "Run (default: the latest finished)", "ID" },
    { "repeat", 'r', 0, G_OPTION_ARG_INT64, &repeat, "Timed runs after the first (default 9)", "N" },
    { "pragma", 0, 0, G_OPTION_ARG_STRING, &pragma, "Experiment: PRAGMA SETTING on each connection", "SETTING" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("");
  g_autoptr(GError) error = NULL;
  g_autoptr(LwRunInfo) info = NULL;
  LwStoreFilter filter = LW_STORE_FILTER_INIT;
  LwTime at;

  g_option_context_set_summary (context, "Times each aggregate query on a recorded run.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      fprintf (stderr, "bench-queries: %s\n", error->message);
      return 2;
    }
  if (db == NULL || argc != 1 || repeat < 1)
    {
      fprintf (stderr, "usage: bench-queries --db WORKSPACE [--run ID] [--repeat N >= 1] [--pragma SETTING]\n");
      return 2;
    }

  /* lw_store_open() would make a new, empty workspace. */
  if (!g_file_test (db, G_FILE_TEST_IS_REGULAR))
    {
      fprintf (stderr, "bench-queries: %s: no such workspace\n", db);
      return 1;
    }

  info = find_run (db, run, &error);
  if (info == NULL)
    goto fail;
  filter.run = info->id;
  /* Open timers in the middle of the simulated period, which starts when
   * lead 1 arrives (runs recorded by lw_simulate_into_store() with the
   * scenario's default start have sim_start 0). */
  {
    g_autoptr(LwStore) store = lw_store_open (db, &error);
    g_autoptr(LwStoredLead) first = NULL;

    if (store == NULL)
      goto fail;
    first = lw_store_get_lead (store, info->id, 1, &error);
    if (first == NULL)
      goto fail;
    at = first->created_at + (LwTime) info->days * 86400 / 2;
  }

  printf ("bench-queries: run %" G_GINT64_FORMAT " of %s, %" G_GUINT64_FORMAT " lead records, "
          "%" G_GUINT64_FORMAT " events; first call on a fresh connection, then %u more%s%s\n",
          info->id, db, info->leads_written, info->events_written, (guint) repeat,
          pragma != NULL ? "; PRAGMA " : "", pragma != NULL ? pragma : "");

  for (Query q = 0; q < N_QUERIES; q++)
    {
      g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) cpus = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(LwStore) store = NULL;
      double t0, c0, open, first, first_cpu, median, median_cpu, lo, hi;
      guint64 value = 0;

      t0 = now_s ();
      store = lw_store_open (db, &error);
      if (store == NULL)
        goto fail;
      open = now_s () - t0;
      if (pragma != NULL)
        {
          g_autofree char *sql = g_strdup_printf ("PRAGMA %s", pragma);

          if (!_lw_store_exec (store, sql, &error))
            goto fail;
        }

      c0 = cpu_s ();
      t0 = now_s ();
      if (!run_query (store, q, &filter, at, &value, &error))
        goto fail;
      first = now_s () - t0;
      first_cpu = cpu_s () - c0;

      for (gint64 i = 0; i < repeat; i++)
        {
          double t, c;

          c0 = cpu_s ();
          t0 = now_s ();
          if (!run_query (store, q, &filter, at, &value, &error))
            goto fail;
          t = now_s () - t0;
          c = cpu_s () - c0;
          g_array_append_val (times, t);
          g_array_append_val (cpus, c);
        }
      median = median_of (times);
      median_cpu = median_of (cpus);
      lo = g_array_index (times, double, 0);
      hi = g_array_index (times, double, times->len - 1);

      printf ("  %-18s first %6.1f ms   median %6.1f ms (min %6.1f, max %6.1f; CPU %6.1f)   answer %" G_GUINT64_FORMAT "\n",
              query_names[q], first * 1e3, median * 1e3, lo * 1e3, hi * 1e3, median_cpu * 1e3, value);
      printf ("RESULT mode=query query=%s open_ms=%.2f first_ms=%.2f first_cpu_ms=%.2f median_ms=%.2f "
              "min_ms=%.2f max_ms=%.2f cpu_median_ms=%.2f repeat=%u value=%" G_GUINT64_FORMAT "\n",
              query_names[q], open * 1e3, first * 1e3, first_cpu * 1e3, median * 1e3,
              lo * 1e3, hi * 1e3, median_cpu * 1e3, (guint) repeat, value);
    }
  return 0;

fail:
  fprintf (stderr, "bench-queries: %s\n", error->message);
  return 1;
}
