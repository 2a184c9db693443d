/* lw-sla.c: first-touch deadlines in business or calendar time
 *
 * Business time is walked one local day of the rep at a time. Each working
 * interval of a local day (minutes after local midnight) becomes a span of
 * UTC instants through the rep's time zone, so a day on which the clocks
 * change has its real length: an interval that contains the skipped hour of
 * a spring-forward is an hour shorter, one that contains the repeated hour
 * of a fall-back an hour longer.
 *
 * Local times are turned into instants exactly as g_date_time_new() does it
 * (g_time_zone_adjust_time() with G_TIME_TYPE_STANDARD), without allocating
 * a GDateTime per endpoint, through the rep's cached zone tables (lw-tz.h),
 * which answer as the GTimeZone does by binary search:
 * - a local time inside a spring-forward gap does not exist and moves to the
 *   first local time that does: an interval starting at 02:30 on the day New
 *   York skips 02:00-03:00 starts at 03:00 EDT, one ending at 02:30 ends
 *   there too;
 * - a local time that happens twice in a fall-back is taken in standard
 *   time, its second occurrence;
 * - an interval ending at 24:00 ends at the next local midnight.
 *
 * Out-of-office dates are read in the rep's time zone and are not worked.
 *
 * Deadlines of several weeks jump whole weeks: a week without an
 * out-of-office date and without a time-zone transition holds exactly the
 * nominal weekly minutes of the rep's hours, so such weeks are counted
 * without walking their days. Nothing is cached between calls: every call
 * keeps its state on the stack, so the functions are safe to call from
 * several threads on one bound config. A caller that asks about the same
 * reps many times (the simulator) makes a business table per rep
 * (LwBusinessTable): the spans of a stretch of days walked once, with their
 * running sums and, per day, the first span that ends after it begins,
 * which a lookup by day and a short scan then answer from.
 *
 * Within one call, the wall-clock times the walk turns into instants
 * (the starts and ends of working intervals) mostly fall in one stretch of
 * the zone's offset: the call remembers the stretch of the last instant it
 * found (lw_tz_get_stretch()) and, for a local time whose instant at that
 * offset lies more than OFFSET_MARGIN inside it, subtracts the offset
 * instead of asking lw_tz_local_to_utc(). No other offset of the zone can
 * put that wall-clock time anywhere else (offsets differ by less than the
 * margin), so the answer is the one lw_tz_local_to_utc() gives.
 *
 * When the business time runs out exactly at the end of an interval, that
 * end is the answer: 480 minutes from Monday 09:00 in a 09:00-17:00 day end
 * on Monday at 17:00, not on Tuesday at 09:00.
 *
 * The SLA clock stands still during pauses; the deadline, the warning and
 * the escalations are instants at which the policy's clock (calendar or the
 * owner's business time) has run the given number of minutes since the
 * start, pauses excluded. Without pauses one walk of the owner's calendar
 * finds them all, in increasing order. A business clock without an owner runs on
 * calendar time: there are no hours to follow, and a lead must not wait
 * for a deadline that never comes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lw-sla.h"

/* Day 2932896 since the epoch is 9999-12-31: past it every instant is
 * "never". It also keeps every local second count far from overflowing. */
#define MAX_EPOCH_DAY  ((gint64) 2932896)
#define MIN_EPOCH_DAY  ((gint64) -719162)   /* 0001-01-01 */

/* The Julian day of GDate (day 1 = 0001-01-01) for 1970-01-01. */
#define GDATE_JULIAN_EPOCH 719163

/* Any two UTC offsets of a zone differ by less than this (tzdata's
 * extremes are about -15:56 and +15:13). */
#define OFFSET_MARGIN (3 * LW_DAY)

/* The instants from @from to @until (exclusive) have the UTC offset
 * @offset, and a wall-clock time that this offset puts among them
 * happens at no other instant. Empty (from >= until) until found. */
typedef struct
{
  LwTime from;
  LwTime until;
  gint32 offset;
} OffsetSpan;

/* What one call knows about the rep: borrowed pointers, the nominal
 * business seconds of one week, and the offset span last found (@span
 * points at @span_storage; the functions that take a const Calendar
 * still update it). */
typedef struct
{
  const LwRep *rep;
  const LwTz  *zone;
  gint64       week_seconds;
  OffsetSpan  *span;
  OffsetSpan   span_storage;
} Calendar;

/* 0 = Monday ... 6 = Sunday; 1970-01-01 was a Thursday. */
static guint
weekday_of_epoch_day (gint64 day)
{
  gint64 r = (day + 3) % 7;

  return (guint) (r < 0 ? r + 7 : r);
}

/* Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
 * days_from_civil). */
static gint64
epoch_day_from_civil (gint64 y,
                      gint64 m,
                      gint64 d)
{
  gint64 era;
  gint64 yoe;
  gint64 doy;
  gint64 doe;

  y -= m <= 2;
  era = lw_floor_div (y, 400);
  yoe = y - era * 400;
  doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

/* Reads the fields of @date without calling the GDate getters, which may
 * write their cache into a date shared by several threads. FALSE for an
 * invalid date. */
static gboolean
epoch_day_from_gdate (const GDate *date,
                      gint64      *out)
{
  if (date->dmy && g_date_valid_dmy (date->day, date->month, date->year))
    {
      *out = epoch_day_from_civil (date->year, date->month, date->day);
      return TRUE;
    }
  if (date->julian && date->julian_days > 0)
    {
      *out = (gint64) date->julian_days - GDATE_JULIAN_EPOCH;
      return TRUE;
    }
  return FALSE;
}

static const GArray *
day_intervals (const LwRep *rep,
               guint        weekday)
{
  return rep->hours.days[weekday];
}

static gint64
compute_week_seconds (const LwRep *rep)
{
  gint64 total = 0;

  for (guint wd = 0; wd < 7; wd++)
    {
      const GArray *intervals = day_intervals (rep, wd);

      for (guint i = 0; intervals != NULL && i < intervals->len; i++)
        {
          const LwInterval *iv = &g_array_index (intervals, LwInterval, i);

          if (iv->end > iv->start)
            total += (gint64) (iv->end - iv->start) * LW_MINUTE;
        }
    }
  return total;
}

/* The instant of @local seconds after the epoch on the wall clock, as
 * g_date_time_new() finds it: gaps move forward, repeated times are taken
 * in standard time (lw_tz_local_to_utc()). */
/* Sets the calendar's offset span to the one around @utc, if known. */
static void
find_span (const Calendar *cal,
           LwTime          utc)
{
  OffsetSpan *span = cal->span;
  LwTime start, end;
  gint32 offset;

  if (lw_tz_get_stretch (cal->zone, utc, &start, &end, &offset) &&
      start < G_MAXINT64 - OFFSET_MARGIN && end > G_MININT64 + OFFSET_MARGIN)
    {
      span->from = start == G_MININT64 ? G_MININT64 : start + OFFSET_MARGIN;
      span->until = end - OFFSET_MARGIN;
      span->offset = offset;
    }
}

static LwTime
local_to_utc (const Calendar *cal,
              gint64          local)
{
  OffsetSpan *span = cal->span;
  LwTime utc;

  if (local - span->offset >= span->from && local - span->offset < span->until)
    return local - span->offset;

  utc = lw_tz_local_to_utc (cal->zone, local);
  find_span (cal, utc);
  return utc;
}

static LwTime
day_start_utc (const Calendar *cal,
               gint64          day)
{
  return local_to_utc (cal, day * LW_DAY);
}

static gint64
local_epoch_day (const LwTz *zone,
                 LwTime      time)
{
  return lw_tz_local_day (zone, time);
}

/* When @day is out of office, the last day of the out-of-office stretch
 * that contains it (ranges that touch or overlap are followed); else -1
 * below @day. */
static gint64
out_of_office_until (const LwRep *rep,
                     gint64       day)
{
  gint64 until = day - 1;
  gboolean extended = TRUE;

  if (rep->out_of_office == NULL)
    return until;

  while (extended)
    {
      extended = FALSE;
      for (guint i = 0; i < rep->out_of_office->len; i++)
        {
          const LwDateRange *range = &g_array_index (rep->out_of_office, LwDateRange, i);
          gint64 from, to;

          if (!epoch_day_from_gdate (&range->from, &from) ||
              !epoch_day_from_gdate (&range->to, &to))
            continue;
          if (from <= until + 1 && to > until)
            {
              until = to;
              extended = TRUE;
            }
        }
    }
  return until;
}

/* The first out-of-office day at or after @day; G_MAXINT64 when none. */
static gint64
next_out_of_office_day (const LwRep *rep,
                        gint64       day)
{
  gint64 first = G_MAXINT64;

  for (guint i = 0; rep->out_of_office != NULL && i < rep->out_of_office->len; i++)
    {
      const LwDateRange *range = &g_array_index (rep->out_of_office, LwDateRange, i);
      gint64 from, to;

      if (!epoch_day_from_gdate (&range->from, &from) ||
          !epoch_day_from_gdate (&range->to, &to) ||
          to < day || to < from)
        continue;
      first = MIN (first, MAX (from, day));
    }
  return first;
}

/* How many whole weeks, at most @max_weeks, can be counted from local
 * midnight of @day (the instant @day_utc) at their nominal length: no
 * out-of-office date falls in them and the time zone keeps one offset
 * throughout. */
static gint64
count_jumpable_weeks (const Calendar *cal,
                      gint64          day,
                      LwTime          day_utc,
                      gint64          max_weeks)
{
  gint64 ooo = next_out_of_office_day (cal->rep, day);
  int interval;
  gint64 lo, hi;

  max_weeks = MIN (max_weeks, (MAX_EPOCH_DAY - day) / 7);
  if (ooo != G_MAXINT64)
    max_weeks = MIN (max_weeks, (ooo - day) / 7);
  if (max_weeks <= 0)
    return 0;

  /* Transitions only move forward in time, so the weeks that stay in the
   * time-zone interval of @day_utc are a prefix: search its length. */
  interval = lw_tz_find_interval (cal->zone, day_utc);
  /* A local midnight that did not exist (America/Santiago springs forward
   * at 24:00) was moved: that day is shorter than its hours say. */
  if (day * LW_DAY - lw_tz_get_offset (cal->zone, interval) != day_utc)
    return 0;
  lo = 0;
  hi = max_weeks;
  while (lo < hi)
    {
      gint64 mid = lo + (hi - lo + 1) / 2;
      LwTime end = day_start_utc (cal, day + 7 * mid);

      if (lw_tz_find_interval (cal->zone, end) == interval)
        lo = mid;
      else
        hi = mid - 1;
    }
  return lo;
}

static gboolean
init_calendar (Calendar    *cal,
               const LwRep *rep)
{
  cal->rep = rep;
  cal->zone = lw_tz_resolve (rep->zone, rep->tz);
  cal->span = &cal->span_storage;
  cal->span->from = 0;
  cal->span->until = 0;
  cal->span->offset = 0;
  cal->week_seconds = compute_week_seconds (rep);
  return cal->week_seconds > 0;
}

/* The instants at which @seconds[i] of business time have passed since
 * @start, for @n amounts in increasing order, found in one walk: out[i],
 * G_MAXINT64 when that is never (no hours, or past year 9999). Each is
 * what a walk for that amount alone finds: the walk goes on from where the
 * previous amount was reached. */
static void
business_add_many (const Calendar *cal,
                   LwTime          start,
                   const gint64   *seconds,
                   guint           n,
                   LwTime         *out)
{
  gint64 start_day;
  gint64 day;
  gint64 next_jump_try;
  gint64 done = 0;          /* business seconds from @start to @cursor */
  LwTime cursor = start;
  guint k = 0;
  guint n_reachable;

  while (k < n && seconds[k] <= 0)
    out[k++] = start;
  if (k == n)
    return;

  start_day = local_epoch_day (cal->zone, start);
  if (start < cal->span->from || start >= cal->span->until)
    find_span (cal, start);
  if (start_day > MAX_EPOCH_DAY || start_day < MIN_EPOCH_DAY)
    {
      for (; k < n; k++)
        out[k] = G_MAXINT64;
      return;
    }
  /* More than the weeks left before the end of time could hold, even with
   * an hour gained at a transition twice a week: never, and never for the
   * larger amounts after it. */
  for (n_reachable = k; n_reachable < n; n_reachable++)
    if (seconds[n_reachable] / (cal->week_seconds + 2 * LW_HOUR) > (MAX_EPOCH_DAY - start_day) / 7 + 2)
      break;
  for (guint i = n_reachable; i < n; i++)
    out[i] = G_MAXINT64;

  /* The day before too: around a transition at local midnight the end of
   * the previous local day can still lie ahead of @start. Clipping every
   * span to the cursor keeps anything before @start out. */
  day = start_day - 1;
  next_jump_try = start_day + 1;

  while (k < n_reachable && day <= MAX_EPOCH_DAY)
    {
      gint64 remaining = seconds[k] - done;
      gint64 ooo_until;
      const GArray *intervals;

      if (day >= next_jump_try && remaining > cal->week_seconds)
        {
          LwTime day_utc = day_start_utc (cal, day);
          gint64 weeks = 0;

          if (cursor <= day_utc)
            weeks = count_jumpable_weeks (cal, day, day_utc,
                                          (remaining - 1) / cal->week_seconds);
          if (weeks > 0)
            {
              day += 7 * weeks;
              done += weeks * cal->week_seconds;
              cursor = day_start_utc (cal, day);
              continue;
            }
          /* A transition or an absence is in the way: walk a week first. */
          next_jump_try = day + 7;
        }

      ooo_until = out_of_office_until (cal->rep, day);
      if (ooo_until >= day)
        {
          day = ooo_until + 1;
          continue;
        }

      intervals = day_intervals (cal->rep, weekday_of_epoch_day (day));
      for (guint i = 0; intervals != NULL && i < intervals->len; i++)
        {
          const LwInterval *iv = &g_array_index (intervals, LwInterval, i);
          LwTime a, b;

          if (iv->end <= iv->start)
            continue;
          a = local_to_utc (cal, day * LW_DAY + iv->start * LW_MINUTE);
          b = local_to_utc (cal, day * LW_DAY + iv->end * LW_MINUTE);
          a = MAX (a, cursor);
          if (b <= a)
            continue;
          while (k < n_reachable && seconds[k] - done <= b - a)
            {
              out[k] = a + (seconds[k] - done);
              k++;
            }
          if (k == n_reachable)
            return;
          done += b - a;
          cursor = b;
        }
      day++;
    }

  for (; k < n_reachable; k++)
    out[k] = G_MAXINT64;
}

/* The instant at which @seconds of business time have passed since
 * @start; G_MAXINT64 when that is never (no hours, or past year 9999). */
static LwTime
business_add_seconds (const Calendar *cal,
                      LwTime          start,
                      gint64          seconds)
{
  LwTime out;

  business_add_many (cal, start, &seconds, 1, &out);
  return out;
}

static gint64
business_seconds (const Calendar *cal,
                  LwTime          from,
                  LwTime          to)
{
  gint64 day;
  gint64 last_day;
  gint64 next_jump_try;
  gint64 total = 0;
  LwTime cursor = from;

  if (to <= from)
    return 0;

  day = local_epoch_day (cal->zone, from) - 1;
  if (from < cal->span->from || from >= cal->span->until)
    find_span (cal, from);
  last_day = local_epoch_day (cal->zone, to);
  day = MAX (day, MIN_EPOCH_DAY);
  last_day = MIN (last_day, MAX_EPOCH_DAY);
  /* Days after the local day of @to can only start after @to, but one
   * more day is walked for the same reason as the day before @from. */
  last_day++;
  next_jump_try = day + 2;

  while (day <= last_day)
    {
      gint64 ooo_until;
      const GArray *intervals;

      if (day >= next_jump_try && last_day - day > 7)
        {
          LwTime day_utc = day_start_utc (cal, day);
          gint64 weeks = 0;

          /* Full weeks that end before the local day of @to starts, so that
           * no interval of them reaches past @to. */
          if (cursor <= day_utc)
            weeks = count_jumpable_weeks (cal, day, day_utc, (last_day - 1 - day) / 7);
          if (weeks > 0)
            {
              day += 7 * weeks;
              total += weeks * cal->week_seconds;
              cursor = day_start_utc (cal, day);
              continue;
            }
          next_jump_try = day + 7;
        }

      ooo_until = out_of_office_until (cal->rep, day);
      if (ooo_until >= day)
        {
          day = ooo_until + 1;
          continue;
        }

      intervals = day_intervals (cal->rep, weekday_of_epoch_day (day));
      for (guint i = 0; intervals != NULL && i < intervals->len; i++)
        {
          const LwInterval *iv = &g_array_index (intervals, LwInterval, i);
          LwTime a, b;

          if (iv->end <= iv->start)
            continue;
          a = local_to_utc (cal, day * LW_DAY + iv->start * LW_MINUTE);
          if (a >= to)
            return total;
          b = local_to_utc (cal, day * LW_DAY + iv->end * LW_MINUTE);
          a = MAX (a, cursor);
          b = MIN (b, to);
          if (b <= a)
            continue;
          total += b - a;
          cursor = b;
        }
      day++;
    }

  return total;
}

static gint64
minutes_to_seconds (gint64 minutes)
{
  if (minutes > G_MAXINT64 / LW_MINUTE)
    return G_MAXINT64;
  return minutes * LW_MINUTE;
}

/* A business table holds the rep's working spans, as the walk above
 * turns them into instants, from two local days before @from to two after
 * @until: spans[i] is [starts[i], ends[i]), and before[i] the business
 * seconds of the spans before it. The walk clips each span to where the
 * previous one ended; when the spans follow each other without overlapping
 * (always, unless a time zone moves a day's intervals over the next day's)
 * that clipping removes nothing after the first instant asked about, so
 * the walk from @start meets exactly the spans that end after @start, the
 * first one cut at @start: what a search of the table finds. Jumping whole
 * weeks counts what walking them counts. A table whose spans overlap, and
 * instants out of its reach (@lo to @hi: their local day and the days
 * around it lie inside the table), are walked. */
struct _LwBusinessTable
{
  const LwRep *rep;
  gboolean     usable;
  LwTime       lo;
  LwTime       hi;
  guint        n;
  LwTime      *starts;
  LwTime      *ends;
  gint64      *before;      /* n + 1 */
  /* For the instants of day d of the table (from @lo on, by whole days of
   * 86,400 seconds): the first span that ends after the day's first
   * instant; NULL when the table is not usable. */
  guint        n_days;
  guint       *day_first;
};

/* The first span that ends after @t, by halves; table->n when none. */
static guint
table_search (const LwBusinessTable *table,
              LwTime                 t)
{
  guint lo = 0;
  guint hi = table->n;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (table->ends[mid] > t)
        hi = mid;
      else
        lo = mid + 1;
    }
  return lo;
}

LwBusinessTable *
lw_business_table_new (const LwRep *rep,
                       LwTime       from,
                       LwTime       until)
{
  LwBusinessTable *table;
  g_autoptr(GArray) starts = NULL;
  g_autoptr(GArray) ends = NULL;
  Calendar cal;
  gint64 first_day, last_day;

  g_return_val_if_fail (rep != NULL, NULL);

  table = g_new0 (LwBusinessTable, 1);
  table->rep = rep;
  if (rep->tz == NULL || from >= until || !init_calendar (&cal, rep))
    return table;

  first_day = local_epoch_day (cal.zone, from) - 2;
  last_day = local_epoch_day (cal.zone, until) + 2;
  if (first_day < MIN_EPOCH_DAY || last_day > MAX_EPOCH_DAY)
    return table;

  starts = g_array_new (FALSE, FALSE, sizeof (LwTime));
  ends = g_array_new (FALSE, FALSE, sizeof (LwTime));
  for (gint64 day = first_day; day <= last_day; day++)
    {
      gint64 ooo_until = out_of_office_until (rep, day);
      const GArray *intervals;

      if (ooo_until >= day)
        {
          day = ooo_until;
          continue;
        }
      intervals = day_intervals (rep, weekday_of_epoch_day (day));
      for (guint i = 0; intervals != NULL && i < intervals->len; i++)
        {
          const LwInterval *iv = &g_array_index (intervals, LwInterval, i);
          LwTime a, b;

          if (iv->end <= iv->start)
            continue;
          a = local_to_utc (&cal, day * LW_DAY + iv->start * LW_MINUTE);
          b = local_to_utc (&cal, day * LW_DAY + iv->end * LW_MINUTE);
          if (b <= a)
            continue;
          /* Overlapping spans: the walk's clipping matters, walk. */
          if (ends->len > 0 && a < g_array_index (ends, LwTime, ends->len - 1))
            return table;
          g_array_append_val (starts, a);
          g_array_append_val (ends, b);
        }
    }

  table->n = starts->len;
  table->starts = (LwTime *) (gpointer) g_array_free (g_steal_pointer (&starts), FALSE);
  table->ends = (LwTime *) (gpointer) g_array_free (g_steal_pointer (&ends), FALSE);
  table->before = g_new (gint64, table->n + 1);
  table->before[0] = 0;
  for (guint i = 0; i < table->n; i++)
    table->before[i + 1] = table->before[i] + (table->ends[i] - table->starts[i]);
  /* From the local midnight starting first_day + 2, the day before an
   * instant's local day is first_day + 1 or later; before the one starting
   * last_day - 1, the day after it is last_day - 1 or earlier. */
  table->lo = day_start_utc (&cal, first_day + 2);
  table->hi = day_start_utc (&cal, last_day - 1);
  table->usable = table->lo < table->hi;
  if (table->usable && (table->hi - table->lo) / LW_DAY < G_MAXUINT - 1)
    {
      table->n_days = (guint) ((table->hi - table->lo) / LW_DAY) + 1;
      table->day_first = g_new (guint, table->n_days);
      for (guint d = 0; d < table->n_days; d++)
        table->day_first[d] = table_search (table, table->lo + (LwTime) d * LW_DAY);
    }
  return table;
}

void
lw_business_table_free (LwBusinessTable *table)
{
  if (table == NULL)
    return;
  g_free (table->starts);
  g_free (table->ends);
  g_free (table->before);
  g_free (table->day_first);
  g_free (table);
}

const LwRep *
lw_business_table_get_rep (const LwBusinessTable *table)
{
  g_return_val_if_fail (table != NULL, NULL);

  return table->rep;
}

/* The first span that ends after @t; table->n when none. Within the
 * table's days, from the first span that ends after the day's first
 * instant: the spans' ends increase, so none before it ends after @t. */
static guint
table_find (const LwBusinessTable *table,
            LwTime                 t)
{
  guint lo;

  if (table->day_first != NULL && t >= table->lo && (t - table->lo) / LW_DAY < table->n_days)
    {
      lo = table->day_first[(t - table->lo) / LW_DAY];
      while (lo < table->n && table->ends[lo] <= t)
        lo++;
      return lo;
    }
  return table_search (table, t);
}

/* Business seconds of the table's spans before @t. */
static gint64
table_position (const LwBusinessTable *table,
                LwTime                 t)
{
  guint i = table_find (table, t);

  if (i == table->n)
    return table->before[i];
  return table->before[i] + MAX (t - table->starts[i], 0);
}

/* What business_add_many() finds for each of @n amounts from @start, in
 * out[i], each as a walk for that amount alone finds it: the position of
 * @start is found once, and each amount's span is looked for
 * from the span @start is in (no earlier span can hold it: its amount is
 * more than the seconds before that span), a few spans one by one, then
 * by halves, which finds the span the search of table_add_seconds() finds.
 * FALSE when the table cannot tell for one of them (out[] is then partly
 * written). */
static gboolean
table_add_many (const LwBusinessTable *table,
                LwTime                 start,
                const gint64          *seconds,
                guint                  n,
                LwTime                *out)
{
  gboolean positioned = FALSE;
  guint first = 0;
  gint64 position = 0;

  if (!table->usable)
    return FALSE;

  for (guint k = 0; k < n; k++)
    {
      gint64 target;
      guint lo, hi;

      if (seconds[k] <= 0)
        {
          out[k] = start;
          continue;
        }
      if (!positioned)
        {
          if (start < table->lo || start >= table->hi)
            return FALSE;
          first = table_find (table, start);
          position = first == table->n ? table->before[first]
                                       : table->before[first] + MAX (start - table->starts[first], 0);
          positioned = TRUE;
        }
      if (seconds[k] > table->before[table->n] - position)
        return FALSE;
      target = position + seconds[k];

      /* The first span, from @first on, by whose end @target seconds have
       * passed; first < n here, as the seconds fit. */
      lo = first;
      hi = table->n - 1;
      for (guint step = 0; step < 8 && lo < hi && table->before[lo + 1] < target; step++)
        lo++;
      if (lo < hi && table->before[lo + 1] < target)
        lo++;
      else
        hi = lo;
      while (lo < hi)
        {
          guint mid = lo + (hi - lo) / 2;

          if (table->before[mid + 1] >= target)
            hi = mid;
          else
            lo = mid + 1;
        }
      out[k] = table->starts[lo] + (target - table->before[lo]);
    }
  return TRUE;
}

/* What business_add_many() finds for one amount from @start, in *out;
 * FALSE when the table cannot tell. */
static gboolean
table_add_seconds (const LwBusinessTable *table,
                   LwTime                 start,
                   gint64                 seconds,
                   LwTime                *out)
{
  return table_add_many (table, start, &seconds, 1, out);
}

LwTime
lw_business_table_add (const LwBusinessTable *table,
                       LwTime                 start,
                       gint64                 minutes)
{
  LwTime out;

  g_return_val_if_fail (table != NULL, G_MAXINT64);

  if (table_add_seconds (table, start, minutes_to_seconds (minutes), &out))
    return out;
  return lw_business_add (table->rep, start, minutes);
}

gint64
lw_business_table_seconds_between (const LwBusinessTable *table,
                                   LwTime                 from,
                                   LwTime                 to)
{
  g_return_val_if_fail (table != NULL, 0);

  if (to <= from)
    return 0;
  if (!table->usable || from < table->lo || to >= table->hi)
    return lw_business_seconds_between (table->rep, from, to);
  return table_position (table, to) - table_position (table, from);
}

/* The clock of one computation: the policy's kind and, for business time,
 * the owner's calendar. */
typedef struct
{
  gboolean business;
  Calendar cal;
  gboolean has_hours;
} Clock;

/* A business clock without an owner (nobody to take the hours from) runs
 * on calendar time: the lead must not wait forever for a deadline. */
static void
init_clock (Clock             *clock,
            const LwSlaPolicy *policy,
            const LwRep       *owner)
{
  clock->business = policy->clock == LW_CLOCK_BUSINESS && owner != NULL && owner->tz != NULL;
  clock->has_hours = FALSE;
  if (clock->business)
    clock->has_hours = init_calendar (&clock->cal, owner);
}

static gint64
clock_seconds (const Clock *clock,
               LwTime       from,
               LwTime       to)
{
  if (to <= from)
    return 0;
  if (!clock->business)
    return to - from;
  if (!clock->has_hours)
    return 0;
  return business_seconds (&clock->cal, from, to);
}

static LwTime
clock_add (const Clock *clock,
           LwTime       from,
           gint64       seconds)
{
  if (seconds <= 0)
    return from;
  if (!clock->business)
    return from > G_MAXINT64 - seconds ? G_MAXINT64 : from + seconds;
  if (!clock->has_hours)
    return G_MAXINT64;
  return business_add_seconds (&clock->cal, from, seconds);
}

/* The instant at which the clock has run @seconds since @start, standing
 * still during @pauses. */
static LwTime
clock_at (const Clock   *clock,
          LwTime         start,
          gint64         seconds,
          const LwPause *pauses,
          guint          n_pauses)
{
  LwTime from = start;
  gint64 remaining = seconds;

  if (remaining <= 0)
    {
      /* Zero minutes: the start, unless a pause holds the clock then. */
      for (guint i = 0; i < n_pauses; i++)
        if (pauses[i].from <= from && pauses[i].to > from)
          from = pauses[i].to;
      return from;
    }

  for (guint i = 0; i < n_pauses; i++)
    {
      const LwPause *pause = &pauses[i];

      if (pause->to <= from || pause->to <= pause->from)
        continue;
      if (pause->from > from)
        {
          gint64 capacity = clock_seconds (clock, from, pause->from);

          if (remaining <= capacity)
            return clock_add (clock, from, remaining);
          remaining -= capacity;
        }
      if (pause->to == G_MAXINT64)
        return G_MAXINT64;
      from = pause->to;
    }

  return clock_add (clock, from, remaining);
}

const LwSlaPolicy *
lw_sla_select (const LwConfig *config,
               const LwLead   *lead)
{
  g_return_val_if_fail (config != NULL, NULL);
  g_return_val_if_fail (lead != NULL, NULL);

  for (guint i = 0; i < config->policies->len; i++)
    {
      const LwSlaPolicy *policy = g_ptr_array_index (config->policies, i);

      if (policy->when == NULL || lw_condition_eval (policy->when, lead))
        return policy;
    }
  return NULL;
}

LwTime
lw_business_add (const LwRep *rep,
                 LwTime       start,
                 gint64       minutes)
{
  Calendar cal;

  g_return_val_if_fail (rep != NULL, G_MAXINT64);
  g_return_val_if_fail (rep->tz != NULL, G_MAXINT64);

  if (!init_calendar (&cal, rep))
    return G_MAXINT64;
  return business_add_seconds (&cal, start, minutes_to_seconds (minutes));
}

gint64
lw_business_seconds_between (const LwRep *rep,
                             LwTime       from,
                             LwTime       to)
{
  Calendar cal;

  g_return_val_if_fail (rep != NULL, 0);
  g_return_val_if_fail (rep->tz != NULL, 0);

  if (to <= from || !init_calendar (&cal, rep))
    return 0;
  return business_seconds (&cal, from, to);
}

/* lw_sla_compute(), with the owner's business table when there is one. */
static void
compute (const LwSlaPolicy     *policy,
         const LwRep           *owner,
         const LwBusinessTable *table,
         LwTime                 start,
         const LwPause         *pauses,
         guint                  n_pauses,
         LwSlaTimes            *times)
{
  Clock clock;
  guint n;
  /* The amounts of the policy's clock to find the instants of. */
  gint64 seconds[2 + LW_SLA_MAX_ESCALATIONS];
  LwTime *slots[2 + LW_SLA_MAX_ESCALATIONS];
  guint n_targets = 0;
  /* A usable table was made from the owner's calendar, which has hours:
   * the business clock then needs no calendar of its own unless the
   * table cannot answer. */
  gboolean from_table = n_pauses == 0 && table != NULL && table->usable &&
                        policy->clock == LW_CLOCK_BUSINESS && owner != NULL && owner->tz != NULL;

  if (!from_table)
    init_clock (&clock, policy, owner);

  times->policy = policy;
  times->start = start;
  seconds[n_targets] = minutes_to_seconds (policy->deadline_minutes);
  slots[n_targets++] = &times->deadline;

  if (policy->warn_before_minutes == 0)
    times->warn_at = G_MAXINT64;
  else
    {
      gint64 warn_minutes = 0;

      if (policy->deadline_minutes > policy->warn_before_minutes)
        warn_minutes = (gint64) policy->deadline_minutes - policy->warn_before_minutes;
      seconds[n_targets] = minutes_to_seconds (warn_minutes);
      slots[n_targets++] = &times->warn_at;
    }

  n = policy->escalations != NULL ? policy->escalations->len : 0;
  times->n_escalations = MIN (n, LW_SLA_MAX_ESCALATIONS);
  for (guint i = 0; i < LW_SLA_MAX_ESCALATIONS; i++)
    {
      if (i < times->n_escalations)
        {
          const LwEscalation *escalation = &g_array_index (policy->escalations, LwEscalation, i);

          seconds[n_targets] = minutes_to_seconds (escalation->after_minutes);
          slots[n_targets++] = &times->escalate_at[i];
        }
      else
        times->escalate_at[i] = G_MAXINT64;
    }

  if (from_table)
    {
      LwTime found[2 + LW_SLA_MAX_ESCALATIONS];

      /* Each amount alone gives what the walk for all finds. */
      if (table_add_many (table, start, seconds, n_targets, found))
        {
          for (guint i = 0; i < n_targets; i++)
            *slots[i] = found[i];
          return;
        }
      init_clock (&clock, policy, owner);
    }

  if (n_pauses == 0 && clock.business && clock.has_hours)
    {
      /* Without pauses every instant is a business-time addition from the
       * start: walk the owner's calendar once for all of them, in
       * increasing order, instead of once each. */
      LwTime found[2 + LW_SLA_MAX_ESCALATIONS];

      /* A table that could answer did, above. */
      for (guint i = 1; i < n_targets; i++)
        for (guint j = i; j > 0 && seconds[j - 1] > seconds[j]; j--)
          {
            gint64 s = seconds[j];
            LwTime *slot = slots[j];

            seconds[j] = seconds[j - 1];
            slots[j] = slots[j - 1];
            seconds[j - 1] = s;
            slots[j - 1] = slot;
          }
      business_add_many (&clock.cal, start, seconds, n_targets, found);
      for (guint i = 0; i < n_targets; i++)
        *slots[i] = found[i];
    }
  else
    for (guint i = 0; i < n_targets; i++)
      *slots[i] = clock_at (&clock, start, seconds[i], pauses, n_pauses);
}

void
lw_sla_compute (const LwSlaPolicy *policy,
                const LwRep       *owner,
                LwTime             start,
                const LwPause     *pauses,
                guint              n_pauses,
                LwSlaTimes        *times)
{
  g_return_if_fail (times != NULL);
  g_return_if_fail (policy != NULL);
  g_return_if_fail (n_pauses == 0 || pauses != NULL);

  compute (policy, owner, NULL, start, pauses, n_pauses, times);
}

void
lw_sla_compute_with_table (const LwSlaPolicy     *policy,
                           const LwRep           *owner,
                           const LwBusinessTable *table,
                           LwTime                 start,
                           LwSlaTimes            *times)
{
  g_return_if_fail (times != NULL);
  g_return_if_fail (policy != NULL);
  g_return_if_fail (table == NULL || table->rep == owner);

  compute (policy, owner, table, start, NULL, 0, times);
}

gint64
lw_sla_elapsed_minutes (const LwSlaPolicy *policy,
                        const LwRep       *owner,
                        LwTime             start,
                        LwTime             now,
                        const LwPause     *pauses,
                        guint              n_pauses)
{
  Clock clock;
  LwTime from = start;
  gint64 total = 0;

  g_return_val_if_fail (policy != NULL, 0);
  g_return_val_if_fail (n_pauses == 0 || pauses != NULL, 0);

  if (now <= start)
    return 0;

  init_clock (&clock, policy, owner);

  for (guint i = 0; i < n_pauses && from < now; i++)
    {
      const LwPause *pause = &pauses[i];

      if (pause->to <= from || pause->to <= pause->from)
        continue;
      if (pause->from > from)
        total += clock_seconds (&clock, from, MIN (pause->from, now));
      from = pause->to;
    }
  if (from < now)
    total += clock_seconds (&clock, from, now);

  return total / LW_MINUTE;
}
