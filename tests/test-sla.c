/* test-sla.c: business-time arithmetic and SLA deadlines
 *
 * Every expected instant is worked out by hand in the comment next to it,
 * in the rep's local time and in UTC. Calendar facts used below:
 * - 2026-01-01 is a Thursday, so Fri 2026-01-09, Mon 2026-01-12, ...
 * - New York: EST is UTC-5, EDT UTC-4; 2026-03-08 (Sunday) at 02:00 EST the
 *   clocks jump to 03:00 EDT.
 * - Berlin: CET is UTC+1, CEST UTC+2; 2026-10-25 (Sunday) at 03:00 CEST the
 *   clocks go back to 02:00 CET.
 * - Tokyo is UTC+9 all year.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "lw-sla.h"
#include "lw-test-utils.h"

#define T(iso) lw_test_time (iso)

/* ---- building reps ------------------------------------------------------ */

static LwInterval
make_interval (guint from_h,
               guint from_m,
               guint to_h,
               guint to_m)
{
  LwInterval interval = { from_h * 60 + from_m, to_h * 60 + to_m };

  return interval;
}

static void
add_hours (LwRep      *rep,
           guint       weekday,
           LwInterval  interval)
{
  g_array_append_val (rep->hours.days[weekday], interval);
}

/* 09:00-17:00 Monday to Friday. */
static void
add_office_hours (LwRep *rep)
{
  for (guint d = 0; d < 5; d++)
    add_hours (rep, d, make_interval (9, 0, 17, 0));
}

static void
add_out_of_office (LwRep *rep,
                   guint  from_year,
                   guint  from_month,
                   guint  from_day,
                   guint  to_year,
                   guint  to_month,
                   guint  to_day)
{
  LwDateRange range;

  g_date_clear (&range.from, 1);
  g_date_clear (&range.to, 1);
  g_date_set_dmy (&range.from, from_day, from_month, from_year);
  g_date_set_dmy (&range.to, to_day, to_month, to_year);
  g_array_append_val (rep->out_of_office, range);
}

static LwRep *
new_rep (const char *id,
         const char *time_zone)
{
  LwRep *rep = lw_rep_new (id, id);

  g_free (rep->time_zone);
  rep->time_zone = g_strdup (time_zone);
  return rep;
}

static void
print_diagnostics (GPtrArray *diagnostics)
{
  for (guint i = 0; i < diagnostics->len; i++)
    {
      g_autofree char *text = lw_diagnostic_format (g_ptr_array_index (diagnostics, i));

      g_printerr ("%s\n", text);
    }
}

/* An empty rule set that binds: the one stage the MQL threshold needs. */
static LwConfig *
new_config (void)
{
  LwConfig *config = lw_config_new ();

  g_ptr_array_add (config->stages, lw_stage_new ("mql", "MQL"));
  g_free (config->scoring.mql_stage);
  config->scoring.mql_stage = g_strdup ("mql");
  return config;
}

/* Binds @config (reps added, fallback to the first rep) and asserts it had
 * no error: that sets every rep's tz. */
static void
bind_config (LwConfig *config)
{
  g_autoptr(GPtrArray) diagnostics = lw_diagnostics_new ();
  gboolean ok;

  if (config->fallback.owner == NULL && config->fallback.pool == NULL)
    {
      const LwRep *first = g_ptr_array_index (config->reps, 0);

      config->fallback.owner = g_strdup (first->id);
    }
  ok = lw_config_bind (config, diagnostics);
  if (!ok)
    print_diagnostics (diagnostics);
  g_assert_true (ok);
  g_assert_cmpuint (lw_diagnostics_count (diagnostics, LW_SEVERITY_ERROR), ==, 0);
}

/* A config holding one rep, bound; the rep is config->reps[0]. */
static LwConfig *
config_with_rep (LwRep *rep)
{
  LwConfig *config = new_config ();

  g_ptr_array_add (config->reps, rep);
  bind_config (config);
  return config;
}

static const LwRep *
first_rep (const LwConfig *config)
{
  return g_ptr_array_index (config->reps, 0);
}

/* The instant of a wall-clock time in @zone, through GDateTime. */
static LwTime
local_time (const char *zone,
            int         year,
            int         month,
            int         day,
            int         hour,
            int         minute)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (zone);
  g_autoptr(GDateTime) dt = NULL;

  g_assert_nonnull (tz);
  dt = g_date_time_new (tz, year, month, day, hour, minute, 0);
  g_assert_nonnull (dt);
  return g_date_time_to_unix (dt);
}

static void
assert_time_eq (LwTime      got,
                const char *expected)
{
  LwTime want = T (expected);

  if (got != want)
    {
      g_autofree char *text = got == G_MAXINT64 ? g_strdup ("never") : lw_time_format_iso8601 (got);

      g_error ("expected %s, got %s", expected, text);
    }
}

/* Policies outside a config, freed with the list. */
static GPtrArray *
new_policy_list (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) lw_sla_policy_free);
}

static LwSlaPolicy *
own_policy (GPtrArray   *list,
            LwSlaPolicy *policy)
{
  g_ptr_array_add (list, policy);
  return policy;
}

/* ---- business_add: hand-computed cases ---------------------------------- */

static void
test_business_friday_to_monday (void)
{
  LwRep *rep = new_rep ("ny", "America/New_York");
  g_autoptr(LwConfig) config = NULL;

  add_office_hours (rep);
  config = config_with_rep (rep);
  rep = (LwRep *) first_rep (config);

  /* Fri 2026-01-09 16:45 EST = 21:45Z. 15 minutes until 17:00 Friday, the
   * weekend is not worked, 15 more from Monday 09:00: Mon 2026-01-12 09:15
   * EST = 14:15Z. */
  assert_time_eq (lw_business_add (rep, T ("2026-01-09T21:45:00Z"), 30), "2026-01-12T14:15:00Z");
  g_assert_cmpint (lw_business_add (rep, T ("2026-01-09T21:45:00Z"), 30), ==,
                   local_time ("America/New_York", 2026, 1, 12, 9, 15));

  /* Exactly the 15 minutes left on Friday end at Friday 17:00 EST = 22:00Z,
   * not on Monday morning. */
  assert_time_eq (lw_business_add (rep, T ("2026-01-09T21:45:00Z"), 15), "2026-01-09T22:00:00Z");
  /* 16 minutes: the sixteenth is Monday's first: 09:01 EST = 14:01Z. */
  assert_time_eq (lw_business_add (rep, T ("2026-01-09T21:45:00Z"), 16), "2026-01-12T14:01:00Z");
}

static void
test_business_weekend (void)
{
  LwRep *rep = new_rep ("ny", "America/New_York");
  g_autoptr(LwConfig) config = NULL;

  add_office_hours (rep);
  config = config_with_rep (rep);
  rep = (LwRep *) first_rep (config);

  /* Fri 2026-01-09 13:00 EST (18:00Z) + 8 h: 4 h on Friday (13-17), 4 h on
   * Monday (09-13): Mon 2026-01-12 13:00 EST = 18:00Z. */
  assert_time_eq (lw_business_add (rep, T ("2026-01-09T18:00:00Z"), 8 * 60), "2026-01-12T18:00:00Z");

  /* Sat 2026-01-10 12:00 EST (17:00Z) + 60: nothing on the weekend, Monday
   * 09:00-10:00 EST: 15:00Z. */
  assert_time_eq (lw_business_add (rep, T ("2026-01-10T17:00:00Z"), 60), "2026-01-12T15:00:00Z");

  /* A whole working week, 5 x 8 h = 2400 minutes from Fri 13:00: 4 h Friday,
   * 8 h Mon-Thu (32 h), 4 h on the next Friday: Fri 2026-01-16 13:00 EST =
   * 18:00Z. */
  assert_time_eq (lw_business_add (rep, T ("2026-01-09T18:00:00Z"), 2400), "2026-01-16T18:00:00Z");

  /* From Friday 13:00 to Monday 13:00 there are 8 business hours. */
  g_assert_cmpint (lw_business_seconds_between (rep, T ("2026-01-09T18:00:00Z"),
                                                T ("2026-01-12T18:00:00Z")), ==, 8 * 3600);
}

static void
test_business_us_dst_start (void)
{
  LwRep *rep = new_rep ("ny", "America/New_York");
  g_autoptr(LwConfig) config = NULL;
  LwTime start;
  LwTime got;

  add_office_hours (rep);
  /* Sunday: 01:00-04:00 (it crosses the skipped hour 02:00-03:00 on
   * 2026-03-08, so that day it is 2 h long). */
  add_hours (rep, 6, make_interval (1, 0, 4, 0));
  config = config_with_rep (rep);
  rep = (LwRep *) first_rep (config);

  /* Fri 2026-03-06 16:00 EST = 21:00Z, + 180 min: 60 min on Friday
   * (16-17 EST); on Sunday 03-08 the interval 01:00-04:00 lasts 01:00-02:00
   * EST (06:00-07:00Z) then 03:00-04:00 EDT (07:00-08:00Z): 120 real
   * minutes, used up exactly at 04:00 EDT = 08:00Z. */
  start = T ("2026-03-06T21:00:00Z");
  assert_time_eq (lw_business_add (rep, start, 180), "2026-03-08T08:00:00Z");

  /* + 210 min: 30 more on Monday 03-09 from 09:00 EDT: 09:30 EDT = 13:30Z.
   * Arithmetic that kept Friday's UTC-5 for Monday would say 14:30Z. */
  got = lw_business_add (rep, start, 210);
  assert_time_eq (got, "2026-03-09T13:30:00Z");
  g_assert_cmpint (got, !=, T ("2026-03-09T14:30:00Z"));

  /* Sunday's business time on 03-08 is two hours, on 03-15 three. */
  g_assert_cmpint (lw_business_seconds_between (rep, T ("2026-03-08T00:00:00Z"),
                                                T ("2026-03-09T00:00:00Z")), ==, 2 * 3600);
  g_assert_cmpint (lw_business_seconds_between (rep, T ("2026-03-15T00:00:00Z"),
                                                T ("2026-03-16T00:00:00Z")), ==, 3 * 3600);
}

static void
test_business_us_dst_office_hours (void)
{
  LwRep *rep = new_rep ("ny", "America/New_York");
  g_autoptr(LwConfig) config = NULL;
  LwTime got;

  add_office_hours (rep);
  config = config_with_rep (rep);
  rep = (LwRep *) first_rep (config);

  /* Fri 2026-03-06 16:00 EST = 21:00Z, + 120: 60 on Friday, 60 on Monday
   * 03-09 from 09:00 EDT: 10:00 EDT = 14:00Z. Adding 2 h + a weekend in
   * UTC, as if EST still held, would give 15:00Z. */
  got = lw_business_add (rep, T ("2026-03-06T21:00:00Z"), 120);
  assert_time_eq (got, "2026-03-09T14:00:00Z");
  g_assert_cmpint (got, !=, T ("2026-03-09T15:00:00Z"));
}

static void
test_business_skipped_start (void)
{
  LwRep *rep = new_rep ("ny", "America/New_York");
  g_autoptr(LwConfig) config = NULL;

  /* Sunday 02:30-05:00: on 2026-03-08, 02:30 does not exist; the interval
   * starts at the first local time that does, 03:00 EDT = 07:00Z, and runs
   * to 05:00 EDT = 09:00Z: 120 minutes. */
  add_hours (rep, 6, make_interval (2, 30, 5, 0));
  config = config_with_rep (rep);
  rep = (LwRep *) first_rep (config);

  /* Sat 2026-03-07 12:00Z + 30: 03:30 EDT Sunday = 07:30Z. */
  assert_time_eq (lw_business_add (rep, T ("2026-03-07T12:00:00Z"), 30), "2026-03-08T07:30:00Z");
  g_assert_cmpint (lw_business_seconds_between (rep, T ("2026-03-08T00:00:00Z"),
                                                T ("2026-03-09T00:00:00Z")), ==, 120 * 60);
  /* + 121: the whole 120 of 03-08, then 1 minute of Sunday 03-15 from
   * 02:30 EDT = 06:30Z: 06:31Z. */
  assert_time_eq (lw_business_add (rep, T ("2026-03-07T12:00:00Z"), 121), "2026-03-15T06:31:00Z");
}

static void
test_business_eu_dst_end (void)
{
  LwRep *rep = new_rep ("ber", "Europe/Berlin");
  g_autoptr(LwConfig) config = NULL;
  LwTime got;

  add_office_hours (rep);
  add_hours (rep, 6, make_interval (0, 0, 24, 0));
  config = config_with_rep (rep);
  rep = (LwRep *) first_rep (config);

  /* Sunday 2026-10-25 lasts 25 hours: from 00:00 CEST (Sat 22:00Z) to
   * 24:00 = Monday 00:00 CET (Sun 23:00Z). */
  g_assert_cmpint (lw_business_seconds_between (rep, T ("2026-10-24T22:00:00Z"),
                                                T ("2026-10-25T23:00:00Z")), ==, 25 * 3600);
  /* 24 business hours from its start end at 23:00 CET = 22:00Z, one hour
   * before midnight. */
  assert_time_eq (lw_business_add (rep, T ("2026-10-24T22:00:00Z"), 24 * 60), "2026-10-25T22:00:00Z");

  /* Fri 2026-10-23 16:00 CEST = 14:00Z, + 60 + 25 h + 60: 60 on Friday, all
   * of Sunday, 60 on Monday 10-26 from 09:00 CET: 10:00 CET = 09:00Z.
   * Keeping CEST would say 08:00Z. */
  got = lw_business_add (rep, T ("2026-10-23T14:00:00Z"), 60 + 25 * 60 + 60);
  assert_time_eq (got, "2026-10-26T09:00:00Z");
  g_assert_cmpint (got, !=, T ("2026-10-26T08:00:00Z"));
}

static void
test_business_eu_dst_office_hours (void)
{
  LwRep *rep = new_rep ("ber", "Europe/Berlin");
  g_autoptr(LwConfig) config = NULL;
  LwTime got;

  add_office_hours (rep);
  config = config_with_rep (rep);
  rep = (LwRep *) first_rep (config);

  /* Fri 2026-10-23 16:00 CEST = 14:00Z, + 120: 60 on Friday, 60 on Monday
   * 10-26 from 09:00 CET (08:00Z): 10:00 CET = 09:00Z. A fixed UTC+2 would
   * give 08:00Z. */
  got = lw_business_add (rep, T ("2026-10-23T14:00:00Z"), 120);
  assert_time_eq (got, "2026-10-26T09:00:00Z");
  g_assert_cmpint (got, !=, T ("2026-10-26T08:00:00Z"));
}

static void
test_business_split_day (void)
{
  LwRep *rep = new_rep ("ber", "Europe/Berlin");
  g_autoptr(LwConfig) config = NULL;

  for (guint d = 0; d < 5; d++)
    {
      add_hours (rep, d, make_interval (9, 0, 12, 0));
      add_hours (rep, d, make_interval (13, 0, 17, 0));
    }
  config = config_with_rep (rep);
  rep = (LwRep *) first_rep (config);

  /* Mon 2026-01-12 11:30 CET = 10:30Z, + 60: 30 until 12:00, lunch, 30 from
   * 13:00: 13:30 CET = 12:30Z. */
  assert_time_eq (lw_business_add (rep, T ("2026-01-12T10:30:00Z"), 60), "2026-01-12T12:30:00Z");
  /* From 12:15 CET (11:15Z, in the lunch break) + 10: 13:10 CET = 12:10Z. */
  assert_time_eq (lw_business_add (rep, T ("2026-01-12T11:15:00Z"), 10), "2026-01-12T12:10:00Z");
  /* 30 minutes end exactly at 12:00 CET = 11:00Z, before the break. */
  assert_time_eq (lw_business_add (rep, T ("2026-01-12T10:30:00Z"), 30), "2026-01-12T11:00:00Z");
  /* A working day holds 7 h: Mon 08:00 CET to Tue 08:00 CET. */
  g_assert_cmpint (lw_business_seconds_between (rep, T ("2026-01-12T07:00:00Z"),
                                                T ("2026-01-13T07:00:00Z")), ==, 7 * 3600);
  /* 11:30 to 13:30 CET: 30 + 30 minutes. */
  g_assert_cmpint (lw_business_seconds_between (rep, T ("2026-01-12T10:30:00Z"),
                                                T ("2026-01-12T12:30:00Z")), ==, 60 * 60);
}

static void
test_business_start_outside_hours (void)
{
  LwRep *rep = new_rep ("ber", "Europe/Berlin");
  g_autoptr(LwConfig) config = NULL;

  add_office_hours (rep);
  config = config_with_rep (rep);
  rep = (LwRep *) first_rep (config);

  /* Tue 2026-01-13 06:00 CET (05:00Z) + 15: 09:15 CET = 08:15Z. */
  assert_time_eq (lw_business_add (rep, T ("2026-01-13T05:00:00Z"), 15), "2026-01-13T08:15:00Z");
  /* Tue 20:00 CET (19:00Z) + 15: Wednesday 09:15 CET = 08:15Z. */
  assert_time_eq (lw_business_add (rep, T ("2026-01-13T19:00:00Z"), 15), "2026-01-14T08:15:00Z");
  /* Tue 23:30Z is already Wednesday 00:30 CET: + 15 is the same 09:15. */
  assert_time_eq (lw_business_add (rep, T ("2026-01-13T23:30:00Z"), 15), "2026-01-14T08:15:00Z");
  /* Zero minutes is the start itself, even outside the hours. */
  assert_time_eq (lw_business_add (rep, T ("2026-01-13T19:00:00Z"), 0), "2026-01-13T19:00:00Z");
  /* And so is a negative number of minutes. */
  assert_time_eq (lw_business_add (rep, T ("2026-01-13T19:00:00Z"), -5), "2026-01-13T19:00:00Z");
}

static void
test_business_out_of_office (void)
{
  LwRep *rep = new_rep ("ber", "Europe/Berlin");
  g_autoptr(LwConfig) config = NULL;

  add_office_hours (rep);
  add_out_of_office (rep, 2026, 1, 13, 2026, 1, 14);
  config = config_with_rep (rep);
  rep = (LwRep *) first_rep (config);

  /* Mon 2026-01-12 16:30 CET = 15:30Z, + 60: 30 on Monday, Tuesday and
   * Wednesday are out of office, 30 on Thursday: 09:30 CET = 08:30Z. */
  assert_time_eq (lw_business_add (rep, T ("2026-01-12T15:30:00Z"), 60), "2026-01-15T08:30:00Z");
  /* From Monday 17:00 CET to Thursday 09:00 CET nothing is worked. */
  g_assert_cmpint (lw_business_seconds_between (rep, T ("2026-01-12T16:00:00Z"),
                                                T ("2026-01-15T08:00:00Z")), ==, 0);
}

static void
test_business_out_of_office_local_date (void)
{
  LwRep *rep = new_rep ("tyo", "Asia/Tokyo");
  g_autoptr(LwConfig) config = NULL;

  add_office_hours (rep);
  add_out_of_office (rep, 2026, 1, 13, 2026, 1, 13);
  config = config_with_rep (rep);
  rep = (LwRep *) first_rep (config);

  /* Mon 2026-01-12 23:30Z is Tue 2026-01-13 08:30 JST: in Tokyo it is the
   * out-of-office Tuesday, though in UTC it is still Monday. + 30: Wednesday
   * 09:30 JST = Wed 00:30Z. (Reading the date in UTC would give Tuesday
   * 09:30 JST = Tue 00:30Z.) */
  assert_time_eq (lw_business_add (rep, T ("2026-01-12T23:30:00Z"), 30), "2026-01-14T00:30:00Z");
}

static void
test_business_two_time_zones (void)
{
  g_autoptr(LwConfig) config = new_config ();
  LwRep *ny = new_rep ("ny", "America/New_York");
  LwRep *ber = new_rep ("ber", "Europe/Berlin");
  g_autoptr(GPtrArray) owned = new_policy_list ();
  LwSlaPolicy *policy = own_policy (owned, lw_sla_policy_new ("p", "P", 30));
  LwSlaTimes ny_times, ber_times;
  LwTime start = T ("2026-01-13T15:45:00Z");

  add_office_hours (ny);
  add_office_hours (ber);
  g_ptr_array_add (config->reps, ny);
  g_ptr_array_add (config->reps, ber);
  bind_config (config);
  policy->clock = LW_CLOCK_BUSINESS;

  /* Tue 2026-01-13 15:45Z, 30 business minutes.
   * Berlin: 16:45 CET, 15 minutes Tuesday, 15 from Wednesday 09:00 CET:
   *   09:15 CET = Wed 08:15Z.
   * New York: 10:45 EST, all 30 on Tuesday: 11:15 EST = Tue 16:15Z. */
  lw_sla_compute (policy, ber, start, NULL, 0, &ber_times);
  lw_sla_compute (policy, ny, start, NULL, 0, &ny_times);
  assert_time_eq (ber_times.deadline, "2026-01-14T08:15:00Z");
  assert_time_eq (ny_times.deadline, "2026-01-13T16:15:00Z");
  g_assert_cmpint (ber_times.deadline, !=, ny_times.deadline);
}

static void
test_business_no_hours (void)
{
  LwRep *rep = new_rep ("idle", "Europe/Berlin");
  g_autoptr(LwConfig) config = config_with_rep (rep);
  g_autoptr(GPtrArray) owned = new_policy_list ();
  LwSlaPolicy *policy = own_policy (owned, lw_sla_policy_new ("p", "P", 30));
  LwSlaTimes times;

  rep = (LwRep *) first_rep (config);
  g_assert_true (lw_week_hours_is_empty (&rep->hours));
  g_assert_cmpint (lw_business_add (rep, T ("2026-01-13T10:00:00Z"), 1), ==, G_MAXINT64);
  g_assert_cmpint (lw_business_seconds_between (rep, T ("2026-01-13T10:00:00Z"),
                                                T ("2026-02-13T10:00:00Z")), ==, 0);

  /* On a business clock the deadline never comes. */
  policy->clock = LW_CLOCK_BUSINESS;
  policy->warn_before_minutes = 10;
  lw_sla_compute (policy, rep, T ("2026-01-13T10:00:00Z"), NULL, 0, &times);
  g_assert_cmpint (times.deadline, ==, G_MAXINT64);
  g_assert_cmpint (times.warn_at, ==, G_MAXINT64);
  g_assert_cmpint (lw_sla_elapsed_minutes (policy, rep, T ("2026-01-13T10:00:00Z"),
                                           T ("2026-01-14T10:00:00Z"), NULL, 0), ==, 0);
}

static void
test_business_bad_input (void)
{
  LwRep *rep = new_rep ("ber", "Europe/Berlin");
  g_autoptr(LwConfig) config = NULL;

  add_office_hours (rep);
  add_out_of_office (rep, 2026, 2, 1, 2099, 12, 31);
  config = config_with_rep (rep);
  rep = (LwRep *) first_rep (config);

  /* An absence of 74 years: the first working day after it is Fri
   * 2100-01-01 (2100-01-01 is a Friday): 09:00 CET = 08:00Z, + 1 min. */
  assert_time_eq (lw_business_add (rep, T ("2026-03-02T08:00:00Z"), 1), "2100-01-01T08:01:00Z");

  /* So many minutes that no date can hold them: never, without overflow. */
  g_assert_cmpint (lw_business_add (rep, T ("2026-01-13T10:00:00Z"), G_MAXINT64), ==, G_MAXINT64);
  g_assert_cmpint (lw_business_add (rep, T ("2026-01-13T10:00:00Z"), G_MAXINT64 / 60), ==, G_MAXINT64);

  /* Backwards and empty spans hold no business time. */
  g_assert_cmpint (lw_business_seconds_between (rep, T ("2026-01-14T10:00:00Z"),
                                                T ("2026-01-13T10:00:00Z")), ==, 0);
  g_assert_cmpint (lw_business_seconds_between (rep, T ("2026-01-13T10:00:00Z"),
                                                T ("2026-01-13T10:00:00Z")), ==, 0);

  g_test_expect_message ("leadwright-engine", G_LOG_LEVEL_CRITICAL, "*rep != NULL*");
  g_assert_cmpint (lw_business_add (NULL, 0, 10), ==, G_MAXINT64);
  g_test_assert_expected_messages ();

  g_test_expect_message ("leadwright-engine", G_LOG_LEVEL_CRITICAL, "*rep != NULL*");
  g_assert_cmpint (lw_business_seconds_between (NULL, 0, 10), ==, 0);
  g_test_assert_expected_messages ();
}

/* ---- the slow reference --------------------------------------------------- */

/* The instant of @minutes after local midnight of @date in @tz, with
 * GDateTime; 24:00 is the next day's midnight. */
static LwTime
reference_instant (GTimeZone   *tz,
                   const GDate *date,
                   guint        minutes)
{
  GDate day = *date;
  g_autoptr(GDateTime) dt = NULL;

  if (minutes == 24 * 60)
    {
      g_date_add_days (&day, 1);
      minutes = 0;
    }
  dt = g_date_time_new (tz, g_date_get_year (&day), g_date_get_month (&day),
                        g_date_get_day (&day), minutes / 60, minutes % 60, 0);
  g_assert_nonnull (dt);
  return g_date_time_to_unix (dt);
}

static gboolean
reference_is_out_of_office (const LwRep *rep,
                            const GDate *date)
{
  for (guint i = 0; i < rep->out_of_office->len; i++)
    {
      LwDateRange range = g_array_index (rep->out_of_office, LwDateRange, i);

      if (g_date_compare (date, &range.from) >= 0 && g_date_compare (date, &range.to) <= 0)
        return TRUE;
    }
  return FALSE;
}

static void
reference_start_date (const LwRep *rep,
                      LwTime       time,
                      GDate       *date)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (time);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, rep->tz);

  g_date_clear (date, 1);
  g_date_set_dmy (date, g_date_time_get_day_of_month (local), g_date_time_get_month (local),
                  g_date_time_get_year (local));
  /* The day before as well, for intervals that end after a local midnight
   * that came twice. */
  g_date_subtract_days (date, 1);
}

/* Walks one local day at a time, every interval through g_date_time_new(). */
static LwTime
reference_add (const LwRep *rep,
               LwTime       start,
               gint64       minutes)
{
  gint64 remaining = minutes * 60;
  LwTime cursor = start;
  GDate date;

  if (minutes <= 0)
    return start;
  reference_start_date (rep, start, &date);

  for (guint n = 0; n < 100000; n++, g_date_add_days (&date, 1))
    {
      const GArray *intervals = rep->hours.days[g_date_get_weekday (&date) - 1];

      if (reference_is_out_of_office (rep, &date))
        continue;
      for (guint i = 0; i < intervals->len; i++)
        {
          const LwInterval *iv = &g_array_index (intervals, LwInterval, i);
          LwTime a = MAX (reference_instant (rep->tz, &date, iv->start), cursor);
          LwTime b = reference_instant (rep->tz, &date, iv->end);

          if (b <= a)
            continue;
          if (remaining <= b - a)
            return a + remaining;
          remaining -= b - a;
          cursor = b;
        }
    }
  g_assert_not_reached ();
  return G_MAXINT64;
}

static gint64
reference_between (const LwRep *rep,
                   LwTime       from,
                   LwTime       to)
{
  gint64 total = 0;
  LwTime cursor = from;
  GDate date;

  if (to <= from)
    return 0;
  reference_start_date (rep, from, &date);

  for (; reference_instant (rep->tz, &date, 0) < to; g_date_add_days (&date, 1))
    {
      const GArray *intervals = rep->hours.days[g_date_get_weekday (&date) - 1];

      if (reference_is_out_of_office (rep, &date))
        continue;
      for (guint i = 0; i < intervals->len; i++)
        {
          const LwInterval *iv = &g_array_index (intervals, LwInterval, i);
          LwTime a = MAX (reference_instant (rep->tz, &date, iv->start), cursor);
          LwTime b = MIN (reference_instant (rep->tz, &date, iv->end), to);

          if (b <= a)
            continue;
          total += b - a;
          cursor = b;
        }
    }
  return total;
}

/* Reps that make the walk work: time zones north and south with their
 * transitions at different hours (Santiago's at midnight), split days,
 * hours across the transitions, weekends, absences. */
static LwConfig *
new_reference_team (void)
{
  LwConfig *config = new_config ();
  LwRep *rep;

  rep = new_rep ("ny", "America/New_York");
  add_office_hours (rep);
  add_out_of_office (rep, 2026, 7, 1, 2026, 7, 10);
  add_out_of_office (rep, 2026, 12, 24, 2027, 1, 1);
  add_out_of_office (rep, 2027, 3, 15, 2027, 3, 15);
  g_ptr_array_add (config->reps, rep);

  rep = new_rep ("ber", "Europe/Berlin");
  for (guint d = 0; d < 4; d++)
    {
      add_hours (rep, d, make_interval (8, 0, 12, 0));
      add_hours (rep, d, make_interval (13, 0, 17, 30));
    }
  add_hours (rep, 4, make_interval (8, 0, 14, 0));
  add_hours (rep, 6, make_interval (1, 30, 3, 30));
  add_out_of_office (rep, 2026, 8, 3, 2026, 8, 21);
  add_out_of_office (rep, 2026, 8, 20, 2026, 8, 28);
  g_ptr_array_add (config->reps, rep);

  rep = new_rep ("syd", "Australia/Sydney");
  add_hours (rep, 5, make_interval (0, 0, 24, 0));
  add_hours (rep, 6, make_interval (1, 0, 4, 0));
  add_hours (rep, 6, make_interval (20, 0, 24, 0));
  add_hours (rep, 2, make_interval (9, 0, 9, 30));
  g_ptr_array_add (config->reps, rep);

  rep = new_rep ("scl", "America/Santiago");
  add_hours (rep, 5, make_interval (0, 0, 24, 0));
  add_hours (rep, 6, make_interval (0, 0, 24, 0));
  add_hours (rep, 0, make_interval (9, 0, 17, 0));
  add_out_of_office (rep, 2027, 1, 1, 2027, 2, 28);
  g_ptr_array_add (config->reps, rep);

  rep = new_rep ("del", "Asia/Kolkata");
  for (guint d = 0; d < 6; d++)
    add_hours (rep, d, make_interval (10, 0, 19, 0));
  g_ptr_array_add (config->reps, rep);

  rep = new_rep ("la", "America/Los_Angeles");
  add_hours (rep, 6, make_interval (0, 0, 24, 0));
  add_hours (rep, 2, make_interval (22, 0, 24, 0));
  add_hours (rep, 3, make_interval (0, 0, 2, 30));
  g_ptr_array_add (config->reps, rep);

  bind_config (config);
  return config;
}

/* Whole weeks and more: the fast walk jumps weeks, the reference walks
 * every day; they must agree to the second. */
static void
test_business_reference_long (void)
{
  g_autoptr(LwConfig) config = new_reference_team ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (20260308);
  LwTime lo = T ("2026-01-01T00:00:00Z");
  LwTime hi = T ("2027-06-01T00:00:00Z");

  for (guint r = 0; r < config->reps->len; r++)
    {
      const LwRep *rep = g_ptr_array_index (config->reps, r);

      for (guint i = 0; i < 40; i++)
        {
          LwTime start = g_rand_int_range (rand, 0, (gint32) ((hi - lo) / 60)) * (gint64) 60 + lo;
          /* Up to some 60 weeks of a 40-hour week. */
          gint64 minutes = g_rand_int_range (rand, 1, 60 * 40 * 60);
          LwTime fast = lw_business_add (rep, start, minutes);
          LwTime slow = reference_add (rep, start, minutes);

          if (fast != slow)
            g_error ("%s: %" G_GINT64_FORMAT " min from %" G_GINT64_FORMAT
                     ": fast %" G_GINT64_FORMAT ", reference %" G_GINT64_FORMAT,
                     rep->id, minutes, start, fast, slow);
          g_assert_cmpint (lw_business_seconds_between (rep, start, slow), ==,
                           reference_between (rep, start, slow));
        }
    }
}

/* Short deadlines, and the days around each transition of 2026. */
static void
test_business_reference_short (void)
{
  g_autoptr(LwConfig) config = new_reference_team ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  const char *around[] = {
    "2026-03-06T00:00:00Z", "2026-03-27T00:00:00Z", "2026-04-03T00:00:00Z",
    "2026-09-04T00:00:00Z", "2026-10-02T00:00:00Z", "2026-10-23T00:00:00Z",
    "2026-10-30T00:00:00Z",
  };

  for (guint r = 0; r < config->reps->len; r++)
    {
      const LwRep *rep = g_ptr_array_index (config->reps, r);

      for (guint a = 0; a < G_N_ELEMENTS (around); a++)
        for (guint i = 0; i < 25; i++)
          {
            /* Any second of the 4 days from @around. */
            LwTime start = T (around[a]) + g_rand_int_range (rand, 0, 4 * 86400);
            gint64 minutes = g_rand_int_range (rand, 1, 24 * 60);
            LwTime fast = lw_business_add (rep, start, minutes);
            LwTime slow = reference_add (rep, start, minutes);
            LwTime to = start + g_rand_int_range (rand, 0, 5 * 86400);

            if (fast != slow)
              g_error ("%s: %" G_GINT64_FORMAT " min from %" G_GINT64_FORMAT
                       ": fast %" G_GINT64_FORMAT ", reference %" G_GINT64_FORMAT,
                       rep->id, minutes, start, fast, slow);
            g_assert_cmpint (lw_business_seconds_between (rep, start, to), ==,
                             reference_between (rep, start, to));
          }
    }
}

/* lw_business_seconds_between() undoes lw_business_add(), and the instant
 * found is the earliest: one second before it, one business second is
 * missing. */
static void
test_business_inverse (void)
{
  g_autoptr(LwConfig) config = new_reference_team ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  LwTime lo = T ("2026-01-01T00:00:00Z");

  for (guint r = 0; r < config->reps->len; r++)
    {
      const LwRep *rep = g_ptr_array_index (config->reps, r);

      for (guint i = 0; i < 200; i++)
        {
          LwTime start = lo + g_rand_int_range (rand, 0, 2 * 365 * 86400);
          gint64 minutes = g_rand_boolean (rand) ? g_rand_int_range (rand, 1, 600)
                                                 : g_rand_int_range (rand, 1, 30000);
          LwTime end = lw_business_add (rep, start, minutes);

          g_assert_cmpint (end, >, start);
          g_assert_cmpint (lw_business_seconds_between (rep, start, end), ==, minutes * 60);
          g_assert_cmpint (lw_business_seconds_between (rep, start, end - 1), ==, minutes * 60 - 1);
        }
    }
}

/* ---- SLA policies ----------------------------------------------------------- */

static void
add_escalation (LwSlaPolicy        *policy,
                guint               after_minutes,
                LwEscalationAction  action)
{
  LwEscalation escalation = { 0 };

  escalation.after_minutes = after_minutes;
  escalation.action = action;
  g_array_append_val (policy->escalations, escalation);
}

/* Every instant of a business-time policy without pauses is the business
 * time added to the start, whatever their order: warnings before or after
 * escalations, escalations out of order or equal, amounts of weeks. */
static void
test_sla_business_reference (void)
{
  g_autoptr(LwConfig) config = new_reference_team ();
  g_autoptr(GPtrArray) owned = new_policy_list ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (20260309);
  LwTime lo = T ("2026-01-01T00:00:00Z");
  LwTime hi = T ("2027-06-01T00:00:00Z");

  for (guint r = 0; r < config->reps->len; r++)
    {
      const LwRep *rep = g_ptr_array_index (config->reps, r);

      for (guint i = 0; i < 30; i++)
        {
          guint deadline = (guint) g_rand_int_range (rand, 1, 6000);
          LwSlaPolicy *policy = own_policy (owned, lw_sla_policy_new ("p", "P", deadline));
          LwTime start = g_rand_int_range (rand, 0, (gint32) ((hi - lo) / 60)) * (gint64) 60 + lo;
          guint n_escalations = (guint) g_rand_int_range (rand, 0, 4);
          LwSlaTimes times;

          policy->clock = LW_CLOCK_BUSINESS;
          policy->warn_before_minutes = (guint) g_rand_int_range (rand, 0, 90);
          /* The third escalation comes with the first. */
          for (guint k = 0; k < n_escalations; k++)
            add_escalation (policy,
                            k == 2 ? g_array_index (policy->escalations, LwEscalation, 0).after_minutes
                                   : (guint) g_rand_int_range (rand, 0, 20000),
                            LW_ESCALATE_NOTIFY_MANAGER);

          lw_sla_compute (policy, rep, start, NULL, 0, &times);
          g_assert_cmpint (times.deadline, ==, reference_add (rep, start, deadline));
          if (policy->warn_before_minutes == 0)
            g_assert_cmpint (times.warn_at, ==, G_MAXINT64);
          else
            g_assert_cmpint (times.warn_at, ==,
                             reference_add (rep, start, (gint64) deadline - MIN (deadline, policy->warn_before_minutes)));
          g_assert_cmpuint (times.n_escalations, ==, n_escalations);
          for (guint k = 0; k < n_escalations; k++)
            g_assert_cmpint (times.escalate_at[k], ==,
                             reference_add (rep, start,
                                            g_array_index (policy->escalations, LwEscalation, k).after_minutes));
          for (guint k = n_escalations; k < LW_SLA_MAX_ESCALATIONS; k++)
            g_assert_cmpint (times.escalate_at[k], ==, G_MAXINT64);
        }
    }
}

/* ---- business tables ------------------------------------------------------ */

/* A table answers what the walk answers, inside its days and outside them
 * (where it walks): every rep of the reference team, tables over the
 * spring and autumn transitions of both hemispheres and over absences,
 * instants from five days before each table to five days after it, short
 * and long amounts, and policies with warnings and escalations. */
static void
test_table_reference (void)
{
  g_autoptr(LwConfig) config = new_reference_team ();
  g_autoptr(GPtrArray) owned = new_policy_list ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261124);
  const char *windows[][2] = {
    { "2026-02-25T00:00:00Z", "2026-04-20T00:00:00Z" },
    { "2026-06-25T13:00:00Z", "2026-09-01T00:00:00Z" },
    { "2026-09-15T00:00:00Z", "2026-11-10T00:00:00Z" },
    { "2026-12-20T05:30:00Z", "2027-03-20T00:00:00Z" },
  };
  guint looked_up = 0;

  for (guint r = 0; r < config->reps->len; r++)
    {
      const LwRep *rep = g_ptr_array_index (config->reps, r);

      for (guint w = 0; w < G_N_ELEMENTS (windows); w++)
        {
          LwTime from = T (windows[w][0]);
          LwTime until = T (windows[w][1]);
          g_autoptr(LwBusinessTable) table = lw_business_table_new (rep, from, until);

          g_assert_true (lw_business_table_get_rep (table) == rep);
          for (guint i = 0; i < 300; i++)
            {
              LwTime start = from - 5 * 86400 + g_rand_int_range (rand, 0, (gint32) (until - from + 10 * 86400));
              gint64 minutes = g_rand_boolean (rand) ? g_rand_int_range (rand, -5, 24 * 60)
                                                     : g_rand_int_range (rand, 1, 80 * 60 * 40);
              LwTime to = start + g_rand_int_range (rand, -3600, 20 * 86400);
              LwTime walked = lw_business_add (rep, start, minutes);
              LwTime found = lw_business_table_add (table, start, minutes);

              if (walked != found)
                g_error ("%s: %" G_GINT64_FORMAT " min from %" G_GINT64_FORMAT
                         ": table %" G_GINT64_FORMAT ", walk %" G_GINT64_FORMAT,
                         rep->id, minutes, start, found, walked);
              g_assert_cmpint (lw_business_table_seconds_between (table, start, to), ==,
                               lw_business_seconds_between (rep, start, to));
              g_assert_cmpint (lw_business_table_seconds_between (table, start, walked), ==,
                               lw_business_seconds_between (rep, start, walked));
              if (start >= from && walked < until)
                looked_up++;
            }

          for (guint i = 0; i < 40; i++)
            {
              guint deadline = (guint) g_rand_int_range (rand, 0, 6000);
              LwSlaPolicy *policy = own_policy (owned, lw_sla_policy_new ("p", "P", deadline));
              LwTime start = from - 2 * 86400 + g_rand_int_range (rand, 0, (gint32) (until - from + 4 * 86400));
              LwSlaTimes walked, found;

              policy->clock = LW_CLOCK_BUSINESS;
              policy->warn_before_minutes = (guint) g_rand_int_range (rand, 0, 90);
              for (guint k = 0; k < (guint) g_rand_int_range (rand, 0, 4); k++)
                add_escalation (policy, (guint) g_rand_int_range (rand, 0, 20000),
                                LW_ESCALATE_NOTIFY_MANAGER);

              lw_sla_compute (policy, rep, start, NULL, 0, &walked);
              lw_sla_compute_with_table (policy, rep, table, start, &found);
              g_assert_cmpint (found.deadline, ==, walked.deadline);
              g_assert_cmpint (found.warn_at, ==, walked.warn_at);
              g_assert_cmpuint (found.n_escalations, ==, walked.n_escalations);
              for (guint k = 0; k < LW_SLA_MAX_ESCALATIONS; k++)
                g_assert_cmpint (found.escalate_at[k], ==, walked.escalate_at[k]);
            }
        }
    }
  /* Most of them inside a table's days, not walked. */
  g_assert_cmpuint (looked_up, >, config->reps->len * G_N_ELEMENTS (windows) * 300 / 3);
}

/* Hours that overlap within a day (the walk counts their union once; the
 * table gives way to it),
 * a rep with no hours, a day the time zone skipped (Apia went from
 * 2011-12-29 to 2011-12-31) and a table of no days. */
static void
test_table_odd_reps (void)
{
  g_autoptr(LwConfig) config = new_config ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);
  LwRep *rep;
  struct { const char *from, *until; } windows[] = {
    { "2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z" },
    { "2011-12-20T00:00:00Z", "2012-01-10T00:00:00Z" },
    { "2026-03-10T00:00:00Z", "2026-03-10T00:00:00Z" },
  };

  rep = new_rep ("overlap", "America/New_York");
  add_hours (rep, 0, make_interval (9, 0, 12, 0));
  add_hours (rep, 2, make_interval (8, 0, 24, 0));
  g_ptr_array_add (config->reps, rep);

  rep = new_rep ("idle", "Europe/Berlin");
  g_ptr_array_add (config->reps, rep);

  rep = new_rep ("apia", "Pacific/Apia");
  for (guint d = 0; d < 7; d++)
    add_hours (rep, d, make_interval (0, 0, 24, 0));
  g_ptr_array_add (config->reps, rep);

  rep = new_rep ("apia-days", "Pacific/Apia");
  add_office_hours (rep);
  g_ptr_array_add (config->reps, rep);
  bind_config (config);
  /* A rule set refuses overlapping hours; a rep changed after binding can
   * still have them. */
  add_hours (g_ptr_array_index (config->reps, 0), 0, make_interval (11, 0, 14, 0));

  for (guint r = 0; r < config->reps->len; r++)
    for (guint w = 0; w < G_N_ELEMENTS (windows); w++)
      {
        const LwRep *each = g_ptr_array_index (config->reps, r);
        LwTime from = T (windows[w].from);
        LwTime until = T (windows[w].until);
        g_autoptr(LwBusinessTable) table = lw_business_table_new (each, from, until);

        for (guint i = 0; i < 200; i++)
          {
            LwTime start = from - 86400 + g_rand_int_range (rand, 0, (gint32) (until - from + 2 * 86400));
            gint64 minutes = g_rand_int_range (rand, 0, 10 * 24 * 60);
            LwTime to = start + g_rand_int_range (rand, 0, 10 * 86400);

            g_assert_cmpint (lw_business_table_add (table, start, minutes), ==,
                             lw_business_add (each, start, minutes));
            g_assert_cmpint (lw_business_table_seconds_between (table, start, to), ==,
                             lw_business_seconds_between (each, start, to));
          }
      }

  /* Worked out by hand: Monday 2026-03-02 09:00 EST (14:00Z) plus 4 hours
   * of 09:00-14:00 (the union) is 13:00 EST, 18:00Z; the whole Monday
   * holds 5 hours, not 6. */
  {
    const LwRep *overlap = g_ptr_array_index (config->reps, 0);
    g_autoptr(LwBusinessTable) table = lw_business_table_new (overlap, T ("2026-03-01T00:00:00Z"),
                                                                T ("2026-04-01T00:00:00Z"));

    assert_time_eq (lw_business_table_add (table, T ("2026-03-02T14:00:00Z"), 240), "2026-03-02T18:00:00Z");
    g_assert_cmpint (lw_business_table_seconds_between (table, T ("2026-03-02T00:00:00Z"),
                                                        T ("2026-03-03T00:00:00Z")), ==, 5 * 3600);
  }
  /* No hours: never, and no business time. */
  {
    const LwRep *idle = g_ptr_array_index (config->reps, 1);
    g_autoptr(LwBusinessTable) table = lw_business_table_new (idle, T ("2026-03-01T00:00:00Z"),
                                                                T ("2026-04-01T00:00:00Z"));

    g_assert_cmpint (lw_business_table_add (table, T ("2026-03-02T14:00:00Z"), 0), ==, G_MAXINT64);
    g_assert_cmpint (lw_business_table_add (table, T ("2026-03-02T14:00:00Z"), 30), ==, G_MAXINT64);
    g_assert_cmpint (lw_business_table_seconds_between (table, T ("2026-03-02T00:00:00Z"),
                                                        T ("2026-03-09T00:00:00Z")), ==, 0);
  }
}

static void
test_sla_calendar (void)
{
  g_autoptr(GPtrArray) owned = new_policy_list ();
  LwSlaPolicy *policy = own_policy (owned, lw_sla_policy_new ("demo", "Demo", 10));
  LwTime start = T ("2026-01-10T03:00:00Z");  /* a Saturday night: no matter */
  LwSlaTimes times;

  policy->warn_before_minutes = 5;
  add_escalation (policy, 120, LW_ESCALATE_NOTIFY_MANAGER);
  add_escalation (policy, 1440, LW_ESCALATE_REASSIGN);

  /* Calendar time needs no owner. */
  lw_sla_compute (policy, NULL, start, NULL, 0, &times);
  g_assert_true (times.policy == policy);
  g_assert_cmpint (times.start, ==, start);
  g_assert_cmpint (times.deadline, ==, start + 10 * 60);
  g_assert_cmpint (times.warn_at, ==, start + 5 * 60);
  g_assert_cmpuint (times.n_escalations, ==, 2);
  g_assert_cmpint (times.escalate_at[0], ==, start + 2 * 3600);
  g_assert_cmpint (times.escalate_at[1], ==, start + 24 * 3600);

  /* Without a warning. */
  policy->warn_before_minutes = 0;
  lw_sla_compute (policy, NULL, start, NULL, 0, &times);
  g_assert_cmpint (times.warn_at, ==, G_MAXINT64);

  g_assert_cmpint (lw_sla_elapsed_minutes (policy, NULL, start, start + 10 * 60 + 59, NULL, 0), ==, 10);
  g_assert_cmpint (lw_sla_elapsed_minutes (policy, NULL, start, start - 60, NULL, 0), ==, 0);
}

static void
test_sla_pauses (void)
{
  g_autoptr(GPtrArray) owned = new_policy_list ();
  LwSlaPolicy *policy = own_policy (owned, lw_sla_policy_new ("p", "P", 60));
  LwTime s = T ("2026-01-12T10:00:00Z");
  LwPause pauses[2] = { { s + 10 * 60, s + 40 * 60 }, { s + 100 * 60, G_MAXINT64 } };
  LwPause before[1] = { { s - 3600, s + 15 * 60 } };
  LwSlaTimes times;

  policy->warn_before_minutes = 20;
  add_escalation (policy, 30, LW_ESCALATE_NOTIFY_MANAGER);
  add_escalation (policy, 90, LW_ESCALATE_REASSIGN);

  /* The clock runs 10 min, stands for 30, runs again from s+40.
   * deadline, 60 min of clock: 10 + 50 after the pause = s+90.
   * warning at 40 min of clock: 10 + 30 = s+70.
   * escalation at 30 min: 10 + 20 = s+60.
   * escalation at 90 min: 10 before, 60 from s+40 to s+100, where the clock
   * stops for good: never. */
  lw_sla_compute (policy, NULL, s, pauses, 2, &times);
  g_assert_cmpint (times.deadline, ==, s + 90 * 60);
  g_assert_cmpint (times.warn_at, ==, s + 70 * 60);
  g_assert_cmpint (times.escalate_at[0], ==, s + 60 * 60);
  g_assert_cmpint (times.escalate_at[1], ==, G_MAXINT64);

  /* Elapsed at s+50: 10 + 10 = 20 minutes; at s+200: 10 + 60 = 70. */
  g_assert_cmpint (lw_sla_elapsed_minutes (policy, NULL, s, s + 50 * 60, pauses, 2), ==, 20);
  g_assert_cmpint (lw_sla_elapsed_minutes (policy, NULL, s, s + 200 * 60, pauses, 2), ==, 70);
  /* Inside the first pause, at s+25: 10. */
  g_assert_cmpint (lw_sla_elapsed_minutes (policy, NULL, s, s + 25 * 60, pauses, 2), ==, 10);

  /* A pause that began before the start holds the clock until s+15: the
   * deadline is s+75, the warning s+55. */
  lw_sla_compute (policy, NULL, s, before, 1, &times);
  g_assert_cmpint (times.deadline, ==, s + 75 * 60);
  g_assert_cmpint (times.warn_at, ==, s + 55 * 60);
  g_assert_cmpint (lw_sla_elapsed_minutes (policy, NULL, s, s + 75 * 60, before, 1), ==, 60);

  /* A pause still open from the start: nothing ever comes. */
  {
    LwPause open[1] = { { s, G_MAXINT64 } };

    lw_sla_compute (policy, NULL, s, open, 1, &times);
    g_assert_cmpint (times.deadline, ==, G_MAXINT64);
    g_assert_cmpint (times.warn_at, ==, G_MAXINT64);
  }

  g_test_expect_message ("leadwright-engine", G_LOG_LEVEL_CRITICAL, "*pauses != NULL*");
  lw_sla_compute (policy, NULL, s, NULL, 1, &times);
  g_test_assert_expected_messages ();
}

static void
test_sla_business_pauses (void)
{
  LwRep *rep = new_rep ("ber", "Europe/Berlin");
  g_autoptr(LwConfig) config = NULL;
  g_autoptr(GPtrArray) owned = new_policy_list ();
  LwSlaPolicy *policy = own_policy (owned, lw_sla_policy_new ("p", "P", 120));
  LwTime start = T ("2026-01-12T08:00:00Z");          /* Mon 09:00 CET */
  LwPause pause = { T ("2026-01-12T09:00:00Z"),        /* Mon 10:00 CET */
                    T ("2026-01-13T09:00:00Z") };      /* Tue 10:00 CET */
  LwSlaTimes times;

  add_office_hours (rep);
  config = config_with_rep (rep);
  rep = (LwRep *) first_rep (config);
  policy->clock = LW_CLOCK_BUSINESS;

  /* 60 business minutes before the pause, 60 after it: Tue 11:00 CET. */
  lw_sla_compute (policy, rep, start, &pause, 1, &times);
  assert_time_eq (times.deadline, "2026-01-13T10:00:00Z");

  /* Elapsed on Tuesday 10:30 CET: 60 + 30; on Monday 16:00 CET: 60. */
  g_assert_cmpint (lw_sla_elapsed_minutes (policy, rep, start, T ("2026-01-13T09:30:00Z"),
                                           &pause, 1), ==, 90);
  g_assert_cmpint (lw_sla_elapsed_minutes (policy, rep, start, T ("2026-01-12T15:00:00Z"),
                                           &pause, 1), ==, 60);
  /* Without the pause Monday 16:00 CET is 7 hours in. */
  g_assert_cmpint (lw_sla_elapsed_minutes (policy, rep, start, T ("2026-01-12T15:00:00Z"),
                                           NULL, 0), ==, 7 * 60);
}

static void
test_sla_business_times (void)
{
  LwRep *rep = new_rep ("ber", "Europe/Berlin");
  g_autoptr(LwConfig) config = NULL;
  g_autoptr(GPtrArray) owned = new_policy_list ();
  LwSlaPolicy *policy = own_policy (owned, lw_sla_policy_new ("p", "P", 60));
  LwTime start = T ("2026-01-09T15:30:00Z");   /* Fri 16:30 CET */
  LwSlaTimes times;

  add_office_hours (rep);
  config = config_with_rep (rep);
  rep = (LwRep *) first_rep (config);
  policy->clock = LW_CLOCK_BUSINESS;
  policy->warn_before_minutes = 15;
  add_escalation (policy, 30, LW_ESCALATE_NOTIFY_MANAGER);
  add_escalation (policy, 480, LW_ESCALATE_REASSIGN);

  lw_sla_compute (policy, rep, start, NULL, 0, &times);
  /* Warning at 45 business minutes: 30 on Friday, 15 on Monday from 09:00:
   * Mon 2026-01-12 09:15 CET = 08:15Z. */
  assert_time_eq (times.warn_at, "2026-01-12T08:15:00Z");
  /* Deadline at 60: Monday 09:30 CET = 08:30Z. */
  assert_time_eq (times.deadline, "2026-01-12T08:30:00Z");
  g_assert_cmpuint (times.n_escalations, ==, 2);
  /* 30 minutes: exactly Friday 17:00 CET = 16:00Z. */
  assert_time_eq (times.escalate_at[0], "2026-01-09T16:00:00Z");
  /* 480 minutes: 30 on Friday, 450 from Monday 09:00: 16:30 CET = 15:30Z. */
  assert_time_eq (times.escalate_at[1], "2026-01-12T15:30:00Z");

  /* Elapsed on Monday 09:10 CET: 30 + 10 minutes. */
  g_assert_cmpint (lw_sla_elapsed_minutes (policy, rep, start, T ("2026-01-12T08:10:00Z"),
                                           NULL, 0), ==, 40);

  /* A business clock with nobody to take the hours from runs on calendar
   * time: 60 minutes after the start. */
  lw_sla_compute (policy, NULL, start, NULL, 0, &times);
  g_assert_cmpint (times.deadline, ==, start + 3600);
  g_assert_cmpint (times.warn_at, ==, start + 45 * 60);
  g_assert_cmpint (lw_sla_elapsed_minutes (policy, NULL, start, start + 3600, NULL, 0), ==, 60);
}

static LwCondition *
new_condition (const char *property,
               LwOperator  op,
               const char *value)
{
  LwCondition *condition = lw_condition_new ();
  LwFilterGroup *group = lw_filter_group_new ();

  g_ptr_array_add (group->filters, lw_filter_new (property, op, value));
  g_ptr_array_add (condition->groups, group);
  return condition;
}

static void
test_sla_select (void)
{
  g_autoptr(LwConfig) config = new_config ();
  g_autoptr(LwLead) demo = NULL;
  g_autoptr(LwLead) other = NULL;
  g_autoptr(LwLead) none = NULL;
  LwSlaPolicy *first = lw_sla_policy_new ("demo", "Demo requests", 10);
  LwSlaPolicy *second = lw_sla_policy_new ("rest", "Everyone else", 240);

  g_ptr_array_add (config->properties, lw_property_new ("intent", "Intent", LW_PROPERTY_STRING));
  g_ptr_array_add (config->reps, new_rep ("ana", "UTC"));
  lw_condition_free (first->when);
  first->when = new_condition ("intent", LW_OP_EQ, "demo");
  g_ptr_array_add (config->policies, first);
  bind_config (config);

  demo = lw_test_lead (config, "intent=Demo", NULL);
  other = lw_test_lead (config, "intent=newsletter", NULL);
  none = lw_test_lead (config, NULL);

  /* Only the demo policy: it applies to demo requests, case-insensitively,
   * and to nothing else. */
  g_assert_true (lw_sla_select (config, demo) == first);
  g_assert_null (lw_sla_select (config, other));
  g_assert_null (lw_sla_select (config, none));

  /* With a catch-all after it, first match wins. */
  g_ptr_array_add (config->policies, second);
  bind_config (config);
  g_assert_true (lw_sla_select (config, demo) == first);
  g_assert_true (lw_sla_select (config, other) == second);
  g_assert_true (lw_sla_select (config, none) == second);

  /* Putting the catch-all first shadows the other. */
  g_ptr_array_steal_index (config->policies, 0);
  g_ptr_array_add (config->policies, first);
  bind_config (config);
  g_assert_true (lw_sla_select (config, demo) == second);

  g_test_expect_message ("leadwright-engine", G_LOG_LEVEL_CRITICAL, "*lead != NULL*");
  g_assert_null (lw_sla_select (config, NULL));
  g_test_assert_expected_messages ();
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/sla/business/friday-to-monday", test_business_friday_to_monday);
  g_test_add_func ("/sla/business/weekend", test_business_weekend);
  g_test_add_func ("/sla/business/us-dst-start", test_business_us_dst_start);
  g_test_add_func ("/sla/business/us-dst-office-hours", test_business_us_dst_office_hours);
  g_test_add_func ("/sla/business/skipped-start", test_business_skipped_start);
  g_test_add_func ("/sla/business/eu-dst-end", test_business_eu_dst_end);
  g_test_add_func ("/sla/business/eu-dst-office-hours", test_business_eu_dst_office_hours);
  g_test_add_func ("/sla/business/split-day", test_business_split_day);
  g_test_add_func ("/sla/business/start-outside-hours", test_business_start_outside_hours);
  g_test_add_func ("/sla/business/out-of-office", test_business_out_of_office);
  g_test_add_func ("/sla/business/out-of-office-local-date", test_business_out_of_office_local_date);
  g_test_add_func ("/sla/business/two-time-zones", test_business_two_time_zones);
  g_test_add_func ("/sla/business/no-hours", test_business_no_hours);
  g_test_add_func ("/sla/business/bad-input", test_business_bad_input);
  g_test_add_func ("/sla/business/reference-long", test_business_reference_long);
  g_test_add_func ("/sla/business/reference-short", test_business_reference_short);
  g_test_add_func ("/sla/business/inverse", test_business_inverse);
  g_test_add_func ("/sla/table/reference", test_table_reference);
  g_test_add_func ("/sla/table/odd-reps", test_table_odd_reps);
  g_test_add_func ("/sla/policy/calendar", test_sla_calendar);
  g_test_add_func ("/sla/policy/pauses", test_sla_pauses);
  g_test_add_func ("/sla/policy/business-pauses", test_sla_business_pauses);
  g_test_add_func ("/sla/policy/business-times", test_sla_business_times);
  g_test_add_func ("/sla/policy/business-reference", test_sla_business_reference);
  g_test_add_func ("/sla/policy/select", test_sla_select);

  return g_test_run ();
}
