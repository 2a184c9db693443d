/* test-tz.c: lw-tz answers exactly as GTimeZone does, only faster
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lw-test-utils.h"
#include "lw-tz.h"

/* Zones with every kind of oddity: half-hour and 45-minute offsets,
 * half-hour daylight saving (Lord Howe), changes at local midnight
 * (Santiago), negative daylight saving (Casablanca, Dublin), a skipped day
 * (Apia), two-hour daylight saving (Troll), no transitions at all. */
static const char *const zones[] = {
  "America/New_York",
  "Europe/Berlin",
  "Australia/Lord_Howe",
  "Asia/Kathmandu",
  "America/Santiago",
  "Pacific/Chatham",
  "Africa/Casablanca",
  "UTC",
  "Europe/London",
  "Europe/Dublin",
  "America/Sao_Paulo",
  "America/St_Johns",
  "Asia/Tehran",
  "Pacific/Apia",
  "Antarctica/Troll",
  "Asia/Kolkata",
  "Europe/Moscow",
  "+05:30",
};

/* 1850-01-01 and 2150-01-01. */
#define RANGE_FROM G_GINT64_CONSTANT (-3786825600)
#define RANGE_TO   G_GINT64_CONSTANT (5680281600)

static GTimeZone *
new_zone (const char *identifier)
{
  GTimeZone *tz = g_time_zone_new_identifier (identifier);

  if (tz == NULL)
    g_error ("the system does not know the time zone %s", identifier);
  return tz;
}

static gint64
random_instant (GRand *rand)
{
  /* Mostly the years a rule set is used in, some anywhere in the range,
   * a few far outside it. */
  switch (g_rand_int_range (rand, 0, 10))
    {
    case 0:
      return (gint64) (g_rand_double (rand) * 1e12) - G_GINT64_CONSTANT (500000000000);
    case 1:
    case 2:
    case 3:
      return RANGE_FROM + (gint64) (g_rand_double (rand) * (double) (RANGE_TO - RANGE_FROM));
    default:
      /* 2000-01-01 to 2060-01-01 */
      return G_GINT64_CONSTANT (946684800) + (gint64) (g_rand_double (rand) * 60 * 365.25 * 86400);
    }
}

static void
assert_utc_agrees (const LwTz *zone,
                   GTimeZone  *tz,
                   gint64      t)
{
  int expected = g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, t);
  int got = lw_tz_find_interval (zone, t);

  if (got != expected)
    g_error ("%s at %" G_GINT64_FORMAT " UTC: interval %d, GLib says %d",
             g_time_zone_get_identifier (tz), t, got, expected);
  g_assert_cmpint (lw_tz_get_offset (zone, got), ==, g_time_zone_get_offset (tz, expected));
  g_assert_cmpint (lw_tz_is_dst (zone, got), ==, g_time_zone_is_dst (tz, expected));
  g_assert_cmpint (lw_tz_offset_at_utc (zone, t), ==, g_time_zone_get_offset (tz, expected));
}

static void
assert_local_agrees (const LwTz *zone,
                     GTimeZone  *tz,
                     gint64      local)
{
  const GTimeType types[] = { G_TIME_TYPE_STANDARD, G_TIME_TYPE_DAYLIGHT, G_TIME_TYPE_UNIVERSAL };
  gint64 expected_utc = local;
  int interval;

  for (guint k = 0; k < G_N_ELEMENTS (types); k++)
    {
      gint64 expected = local;
      gint64 got = local;
      int expected_interval = g_time_zone_adjust_time (tz, types[k], &expected);
      int got_interval = lw_tz_adjust_time (zone, types[k], &got);

      if (got_interval != expected_interval || got != expected)
        g_error ("%s, local %" G_GINT64_FORMAT " (type %d): interval %d and %" G_GINT64_FORMAT
                 ", GLib says %d and %" G_GINT64_FORMAT,
                 g_time_zone_get_identifier (tz), local, types[k],
                 got_interval, got, expected_interval, expected);
    }

  interval = g_time_zone_adjust_time (tz, G_TIME_TYPE_STANDARD, &expected_utc);
  expected_utc -= g_time_zone_get_offset (tz, interval);
  g_assert_cmpint (lw_tz_local_to_utc (zone, local), ==, expected_utc);
}

/* Days since 1970-01-01 on the wall clock, through GDateTime. */
static gint64
glib_local_day (GTimeZone *tz,
                gint64     t)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (t);
  g_autoptr(GDateTime) local = NULL;
  GDate date;

  g_assert_nonnull (utc);
  local = g_date_time_to_timezone (utc, tz);
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, g_date_time_get_day_of_month (local),
                  g_date_time_get_month (local), g_date_time_get_year (local));
  return (gint64) g_date_get_julian (&date) - 719163;
}

/* Random instants and local times in every zone. */
static void
test_random (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20240310);

  for (guint z = 0; z < G_N_ELEMENTS (zones); z++)
    {
      g_autoptr(GTimeZone) tz = new_zone (zones[z]);
      const LwTz *zone = lw_tz_for_time_zone (tz);

      for (guint i = 0; i < 4000; i++)
        {
          gint64 t = random_instant (rand);

          assert_utc_agrees (zone, tz, t);
          assert_local_agrees (zone, tz, t);
          if (t >= RANGE_FROM && t < RANGE_TO)
            g_assert_cmpint (lw_tz_local_day (zone, t), ==, glib_local_day (tz, t));
        }
    }
}

/* Every second around every transition, in UTC and on both wall clocks. */
static void
test_transitions (void)
{
  const gint64 deltas[] = { -7201, -3601, -3600, -3599, -1801, -1800, -1799, -2, -1, 0, 1, 2,
                            1799, 1800, 1801, 3599, 3600, 3601, 7200 };
  guint checked = 0;

  for (guint z = 0; z < G_N_ELEMENTS (zones); z++)
    {
      g_autoptr(GTimeZone) tz = new_zone (zones[z]);
      const LwTz *zone = lw_tz_for_time_zone (tz);
      guint n = lw_tz_get_n_transitions (zone);

      for (guint k = 0; k < n; k++)
        {
          gint64 t = lw_tz_get_transition (zone, k);
          gint32 before = g_time_zone_get_offset (tz, (int) k);
          gint32 after = g_time_zone_get_offset (tz, (int) k + 1);

          /* The transition is where GLib moves to the next interval. */
          g_assert_cmpint (g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, t - 1), <=, (int) k);
          g_assert_cmpint (g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, t), >=, (int) k + 1);
          if (k > 0)
            g_assert_cmpint (lw_tz_get_transition (zone, k - 1), <=, t);

          for (guint d = 0; d < G_N_ELEMENTS (deltas); d++)
            {
              assert_utc_agrees (zone, tz, t + deltas[d]);
              assert_local_agrees (zone, tz, t + before + deltas[d]);
              assert_local_agrees (zone, tz, t + after + deltas[d]);
            }
          checked++;
        }
    }
  /* The zones with daylight saving have their transitions read back. */
  g_assert_cmpuint (checked, >, 1000);
}

/* Where the tables end and GTimeZone takes over, nothing changes. */
static void
test_table_end (void)
{
  for (guint z = 0; z < G_N_ELEMENTS (zones); z++)
    {
      g_autoptr(GTimeZone) tz = new_zone (zones[z]);
      const LwTz *zone = lw_tz_for_time_zone (tz);

      for (gint64 d = -2 * LW_DAY; d <= 2 * LW_DAY; d += (d >= -2 * LW_HOUR && d < 2 * LW_HOUR) ? 1 : 61)
        {
          assert_utc_agrees (zone, tz, LW_TZ_TABLE_END + d);
          assert_local_agrees (zone, tz, LW_TZ_TABLE_END + d);
        }
    }
}

/* Local times against g_date_time_new(), which the SLA clock follows. */
static void
test_date_time (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (4242);

  for (guint z = 0; z < G_N_ELEMENTS (zones); z++)
    {
      g_autoptr(GTimeZone) tz = new_zone (zones[z]);
      const LwTz *zone = lw_tz_for_time_zone (tz);

      for (guint i = 0; i < 2000; i++)
        {
          int year = g_rand_int_range (rand, 1900, 2100);
          int month = g_rand_int_range (rand, 1, 13);
          int day = g_rand_int_range (rand, 1, g_date_get_days_in_month (month, year) + 1);
          int hour = g_rand_int_range (rand, 0, 24);
          int minute = g_rand_int_range (rand, 0, 60);
          int second = g_rand_int_range (rand, 0, 60);
          g_autoptr(GDateTime) dt = g_date_time_new (tz, year, month, day, hour, minute, second);
          GDate date;
          gint64 local;

          g_assert_nonnull (dt);
          g_date_clear (&date, 1);
          g_date_set_dmy (&date, day, month, year);
          local = ((gint64) g_date_get_julian (&date) - 719163) * LW_DAY +
                  hour * LW_HOUR + minute * LW_MINUTE + second;
          g_assert_cmpint (lw_tz_local_to_utc (zone, local), ==, g_date_time_to_unix (dt));
        }
    }
}

static void
assert_local_to_utc (const char *identifier,
                     const char *local,
                     const char *expected)
{
  const LwTz *zone = lw_tz_get (identifier);

  g_assert_nonnull (zone);
  /* lw_test_time() reads @local as if it were UTC: that is the wall
   * clock's count of seconds. */
  g_assert_cmpint (lw_tz_local_to_utc (zone, lw_test_time (local)), ==, lw_test_time (expected));
}

/* Values worked out by hand from the published rules. */
static void
test_gaps_and_overlaps (void)
{
  /* New York, 2024-03-10: 02:00 EST becomes 03:00 EDT. */
  assert_local_to_utc ("America/New_York", "2024-03-10T01:59:59Z", "2024-03-10T06:59:59Z");
  assert_local_to_utc ("America/New_York", "2024-03-10T02:00:00Z", "2024-03-10T07:00:00Z");
  assert_local_to_utc ("America/New_York", "2024-03-10T02:30:00Z", "2024-03-10T07:00:00Z");
  assert_local_to_utc ("America/New_York", "2024-03-10T03:00:00Z", "2024-03-10T07:00:00Z");
  assert_local_to_utc ("America/New_York", "2024-03-10T03:30:00Z", "2024-03-10T07:30:00Z");
  /* 2024-11-03: 02:00 EDT becomes 01:00 EST; 01:30 happens twice and is
   * taken in standard time. */
  assert_local_to_utc ("America/New_York", "2024-11-03T00:59:00Z", "2024-11-03T04:59:00Z");
  assert_local_to_utc ("America/New_York", "2024-11-03T01:30:00Z", "2024-11-03T06:30:00Z");
  assert_local_to_utc ("America/New_York", "2024-11-03T02:00:00Z", "2024-11-03T07:00:00Z");

  /* Berlin, 2024-03-31 02:00 CET becomes 03:00 CEST. */
  assert_local_to_utc ("Europe/Berlin", "2024-03-31T02:15:00Z", "2024-03-31T01:00:00Z");
  assert_local_to_utc ("Europe/Berlin", "2024-10-27T02:15:00Z", "2024-10-27T01:15:00Z");

  /* Lord Howe moves half an hour: +10:30, +11 in summer. 2024-04-07
   * 02:00 +11 becomes 01:30 +10:30, so 01:45 happens twice. */
  assert_local_to_utc ("Australia/Lord_Howe", "2024-04-07T01:45:00Z", "2024-04-06T15:15:00Z");
  /* 2024-10-06 02:00 +10:30 becomes 02:30 +11. */
  assert_local_to_utc ("Australia/Lord_Howe", "2024-10-06T02:10:00Z", "2024-10-05T15:30:00Z");

  /* Santiago springs forward at midnight: 2024-09-08 00:00 -04 becomes
   * 01:00 -03; that day's midnight is 01:00. */
  assert_local_to_utc ("America/Santiago", "2024-09-08T00:00:00Z", "2024-09-08T04:00:00Z");
  assert_local_to_utc ("America/Santiago", "2024-09-08T00:59:59Z", "2024-09-08T04:00:00Z");
  assert_local_to_utc ("America/Santiago", "2024-09-08T01:00:00Z", "2024-09-08T04:00:00Z");
  /* 2024-04-07 00:00 -03 becomes 2024-04-06 23:00 -04: 23:30 twice. */
  assert_local_to_utc ("America/Santiago", "2024-04-06T23:30:00Z", "2024-04-07T03:30:00Z");

  /* Fixed offsets. */
  assert_local_to_utc ("Asia/Kathmandu", "2024-06-01T09:00:00Z", "2024-06-01T03:15:00Z");
  assert_local_to_utc ("Pacific/Chatham", "2024-07-01T12:00:00Z", "2024-06-30T23:15:00Z");
  assert_local_to_utc ("UTC", "2024-03-10T02:30:00Z", "2024-03-10T02:30:00Z");
}

static void
test_offsets (void)
{
  const LwTz *new_york = lw_tz_get ("America/New_York");
  const LwTz *chatham = lw_tz_get ("Pacific/Chatham");
  const LwTz *utc = lw_tz_get ("UTC");
  LwTime spring = lw_test_time ("2024-03-10T07:00:00Z");
  int interval;

  g_assert_cmpint (lw_tz_offset_at_utc (new_york, lw_test_time ("2024-01-15T12:00:00Z")), ==, -5 * 3600);
  g_assert_cmpint (lw_tz_offset_at_utc (new_york, lw_test_time ("2024-07-15T12:00:00Z")), ==, -4 * 3600);
  g_assert_cmpint (lw_tz_offset_at_utc (new_york, spring - 1), ==, -5 * 3600);
  g_assert_cmpint (lw_tz_offset_at_utc (new_york, spring), ==, -4 * 3600);
  interval = lw_tz_find_interval (new_york, spring);
  g_assert_true (lw_tz_is_dst (new_york, interval));
  g_assert_false (lw_tz_is_dst (new_york, interval - 1));
  g_assert_cmpint (lw_tz_get_transition (new_york, (guint) interval - 1), ==, spring);

  /* +12:45, +13:45 in the southern summer. */
  g_assert_cmpint (lw_tz_offset_at_utc (chatham, lw_test_time ("2024-07-01T00:00:00Z")), ==, 12 * 3600 + 45 * 60);
  g_assert_cmpint (lw_tz_offset_at_utc (chatham, lw_test_time ("2024-01-01T00:00:00Z")), ==, 13 * 3600 + 45 * 60);

  g_assert_cmpuint (lw_tz_get_n_transitions (utc), ==, 0);
  g_assert_cmpint (lw_tz_offset_at_utc (utc, spring), ==, 0);
  g_assert_false (lw_tz_is_dst (utc, 0));

  /* The wall clock's day: 2024-03-10T04:59:59Z is still March 9 in New
   * York (23:59:59 EST), day 19791 since 1970-01-01. */
  g_assert_cmpint (lw_tz_local_day (new_york, lw_test_time ("2024-03-10T04:59:59Z")), ==, 19791);
  g_assert_cmpint (lw_tz_local_day (new_york, lw_test_time ("2024-03-10T05:00:00Z")), ==, 19792);
  /* Before 1970 the day counts down: 1969-12-31 is day -1. */
  g_assert_cmpint (lw_tz_local_day (utc, -1), ==, -1);
  g_assert_cmpint (lw_tz_local_day (new_york, 0), ==, -1);
}

static void
test_cache (void)
{
  const LwTz *berlin = lw_tz_get ("Europe/Berlin");
  g_autoptr(GTimeZone) tz = new_zone ("Europe/Berlin");
  g_autoptr(GTimeZone) tokyo = new_zone ("Asia/Tokyo");

  g_assert_nonnull (berlin);
  g_assert_true (lw_tz_get ("Europe/Berlin") == berlin);
  g_assert_true (lw_tz_for_time_zone (tz) == berlin);
  g_assert_true (lw_tz_get_time_zone (berlin) == tz);
  g_assert_cmpstr (lw_tz_get_identifier (berlin), ==, "Europe/Berlin");
  g_assert_cmpuint (lw_tz_get_n_transitions (berlin), >, 100);

  /* A holder whose GTimeZone was replaced gets the zone of the new one. */
  g_assert_true (lw_tz_resolve (berlin, tz) == berlin);
  g_assert_true (lw_tz_resolve (berlin, tokyo) == lw_tz_get ("Asia/Tokyo"));
  g_assert_true (lw_tz_resolve (NULL, tokyo) == lw_tz_get ("Asia/Tokyo"));
  g_assert_null (lw_tz_resolve (berlin, NULL));

  g_assert_null (lw_tz_get ("Mars/Olympus_Mons"));
  g_assert_null (lw_tz_get (""));
}

static void
test_bad_input (void)
{
  const LwTz *utc = lw_tz_get ("UTC");
  const LwTz *zone;

  g_test_expect_message ("leadwright-engine", G_LOG_LEVEL_CRITICAL, "*identifier != NULL*");
  zone = lw_tz_get (NULL);
  g_test_assert_expected_messages ();
  g_assert_null (zone);

  g_test_expect_message ("leadwright-engine", G_LOG_LEVEL_CRITICAL, "*tz != NULL*");
  zone = lw_tz_for_time_zone (NULL);
  g_test_assert_expected_messages ();
  g_assert_null (zone);

  g_test_expect_message ("leadwright-engine", G_LOG_LEVEL_CRITICAL, "*zone != NULL*");
  g_assert_cmpint (lw_tz_offset_at_utc (NULL, 0), ==, 0);
  g_test_assert_expected_messages ();

  g_test_expect_message ("leadwright-engine", G_LOG_LEVEL_CRITICAL, "*index < lw_tz_get_n_transitions*");
  g_assert_cmpint (lw_tz_get_transition (utc, 0), ==, 0);
  g_test_assert_expected_messages ();

  g_test_expect_message ("leadwright-engine", G_LOG_LEVEL_CRITICAL, "*interval*");
  g_assert_cmpint (lw_tz_get_offset (utc, 5), ==, 0);
  g_test_assert_expected_messages ();

  g_test_expect_message ("leadwright-engine", G_LOG_LEVEL_CRITICAL, "*time != NULL*");
  g_assert_cmpint (lw_tz_adjust_time (utc, G_TIME_TYPE_STANDARD, NULL), ==, 0);
  g_test_assert_expected_messages ();
}

/* lw_config_bind() gives each rep the zone of its time zone; a rep whose
 * GTimeZone was replaced without binding again still answers in it. */
static void
test_rep_zone (void)
{
  g_autoptr(LwConfig) config = lw_config_new ();
  LwRep *rep = lw_rep_new ("ana", "Ana");
  LwInterval nine_to_five = { 9 * 60, 17 * 60 };
  /* Monday 2026-03-09 08:30 UTC: 09:30 in Berlin, 17:30 in Tokyo. */
  LwTime monday = lw_test_time ("2026-03-09T08:30:00Z");

  g_array_append_val (rep->hours.days[0], nine_to_five);
  g_free (rep->time_zone);
  rep->time_zone = g_strdup ("Europe/Berlin");
  g_ptr_array_add (config->reps, rep);
  g_clear_pointer (&config->fallback.pool, g_free);
  g_free (config->fallback.owner);
  config->fallback.owner = g_strdup ("ana");

  g_assert_null (rep->zone);
  lw_config_bind (config, NULL);
  g_assert_true (rep->zone == lw_tz_get ("Europe/Berlin"));
  g_assert_true (lw_rep_is_working (rep, monday));

  g_free (rep->time_zone);
  rep->time_zone = g_strdup ("Asia/Tokyo");
  lw_config_bind (config, NULL);
  g_assert_true (rep->zone == lw_tz_get ("Asia/Tokyo"));
  g_assert_false (lw_rep_is_working (rep, monday));

  /* Replaced behind the binder's back: the zone is stale, the answer is
   * not. */
  g_time_zone_unref (rep->tz);
  rep->tz = g_time_zone_new_identifier ("Europe/Berlin");
  g_assert_true (rep->zone == lw_tz_get ("Asia/Tokyo"));
  g_assert_true (lw_rep_is_working (rep, monday));
}

/* Threads asking for a zone nobody asked for before all get the same one,
 * and it answers right. */
typedef struct
{
  const char *identifier;
  const LwTz *zone;
  gboolean    right;
} ThreadJob;

static gpointer
thread_func (gpointer user_data)
{
  ThreadJob *job = user_data;
  g_autoptr(GTimeZone) tz = new_zone (job->identifier);

  job->zone = lw_tz_get (job->identifier);
  job->right = TRUE;
  for (gint64 t = 1700000000; t < 1800000000; t += 86400 / 3)
    if (lw_tz_offset_at_utc (job->zone, t) !=
        g_time_zone_get_offset (tz, g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, t)))
      job->right = FALSE;
  return NULL;
}

static void
test_threads (void)
{
  ThreadJob jobs[6];
  GThread *threads[G_N_ELEMENTS (jobs)];

  for (guint i = 0; i < G_N_ELEMENTS (jobs); i++)
    {
      jobs[i] = (ThreadJob) { i % 2 == 0 ? "America/Chicago" : "Australia/Sydney", NULL, FALSE };
      threads[i] = g_thread_new ("tz", thread_func, &jobs[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (jobs); i++)
    {
      g_thread_join (threads[i]);
      g_assert_true (jobs[i].right);
      g_assert_true (jobs[i].zone == jobs[i % 2].zone);
    }
  g_assert_true (jobs[0].zone != jobs[1].zone);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/tz/equivalence/random", test_random);
  g_test_add_func ("/tz/equivalence/transitions", test_transitions);
  g_test_add_func ("/tz/equivalence/table-end", test_table_end);
  g_test_add_func ("/tz/equivalence/date-time", test_date_time);
  g_test_add_func ("/tz/local-to-utc/gaps-and-overlaps", test_gaps_and_overlaps);
  g_test_add_func ("/tz/offsets", test_offsets);
  g_test_add_func ("/tz/cache", test_cache);
  g_test_add_func ("/tz/bad-input", test_bad_input);
  g_test_add_func ("/tz/rep-zone", test_rep_zone);
  g_test_add_func ("/tz/threads", test_threads);

  return g_test_run ();
}
