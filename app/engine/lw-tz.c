/* lw-tz.c: fast time-zone arithmetic, exactly as GTimeZone does it
 *
 * Reading a zone back. GTimeZone's intervals are numbered 0..n, interval
 * i >= 1 starting at transition i - 1; g_time_zone_find_interval() with
 * G_TIME_TYPE_UNIVERSAL is the number of transitions at or before an
 * instant, so it never decreases with time. The instant of transition k
 * is the smallest one whose interval is k + 1 or more: halving spans of
 * time whose two ends lie in different intervals finds every transition
 * to the second (two transitions at the same instant come out equal, as
 * they are); a yearly rule's next transition is guessed and checked
 * (read_transitions()). The offset and the daylight flag of each interval are
 * g_time_zone_get_offset() and g_time_zone_is_dst().
 *
 * GLib 2.74 extends a zone's rules up to the year 2999: some 2000
 * transitions, each lookup walking them from the first. Reading them all
 * back would cost a third of a second per zone, so the tables stop at
 * LW_TZ_TABLE_END, keeping the first transition after it (a local time
 * just before the end may need the interval after it); later instants and
 * local times are asked of the GTimeZone.
 *
 * A zone is made when a rep is bound, its tables read when it is first
 * asked something (g_once): tools that load a rule set and never compute
 * local times pay nothing.
 *
 * Answering. find() counts the transitions at or before an instant: from
 * 1970 on, the count before the instant's 24-day bucket plus the few
 * transitions inside the bucket; before 1970 by binary search. adjust()
 * is GLib's algorithm, step by step, on the tables: the interval found
 * for the local time read as UTC, then its neighbour when the local time
 * lies before its local start or after its local end (a time in neither
 * does not exist and moves to the next interval's local start), or when
 * the daylight flag does not match the type asked for and the neighbour
 * holds that local time too.
 *
 * Then every zone checks itself: at the local start and end of every
 * interval in the tables, and one second outside each, in standard and
 * daylight time, its answers must be g_time_zone_adjust_time()'s. A zone
 * that fails (a GLib that decides differently, a transition too close to
 * the end of the 64-bit range to add an offset to) keeps the GTimeZone
 * and asks it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lw-tz.h"

/* Transitions further than this from the ends of the 64-bit range leave
 * room for any offset (GLib takes them below a day). */
#define SAFE_LIMIT (G_GINT64_CONSTANT (1) << 62)

/* From 1970 to LW_TZ_TABLE_END, instants are looked up by buckets of 2^21
 * seconds (24 days): each holds the number of transitions before it, and
 * the few transitions inside it are walked. */
#define BUCKET_SHIFT 21
#define N_BUCKETS    ((guint) ((LW_TZ_TABLE_END >> BUCKET_SHIFT) + 1))

struct _LwTz
{
  GTimeZone *tz;          /* a reference */
  gsize      ready;       /* the rest is read on first use (g_once) */
  gboolean   exact;       /* else every answer comes from @tz */
  guint      n;           /* transitions in @tz */
  guint      m;           /* transitions before LW_TZ_TABLE_END */
  gint64    *starts;      /* MIN (m + 1, n): the instant of each transition */
  gint32    *offsets;     /* MIN (m + 2, n + 1): per interval */
  guint8    *dst;         /* MIN (m + 2, n + 1): per interval */
  guint16   *buckets;     /* N_BUCKETS, or NULL when m does not fit */
};

static GMutex cache_lock;
static GHashTable *cache;   /* GTimeZone * -> LwTz *, never freed */

static inline int
glib_find (GTimeZone *tz,
           gint64     t)
{
  return g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, t);
}

/* The number of transitions at or before @t, for @t before
 * LW_TZ_TABLE_END. */
static inline guint
find (const LwTz *zone,
      gint64      t)
{
  guint lo = 0;
  guint hi = zone->m;

  if (t >= 0 && zone->buckets != NULL)
    {
      guint i = zone->buckets[t >> BUCKET_SHIFT];

      while (i < hi && zone->starts[i] <= t)
        i++;
      return i;
    }

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (zone->starts[mid] <= t)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* GLib's interval_local_start() and interval_local_end(), for the
 * intervals of the tables. */
static inline gint64
local_start (const LwTz *zone,
             guint       i)
{
  if (i == 0)
    return G_MININT64;
  return zone->starts[i - 1] + zone->offsets[i];
}

static inline gint64
local_end (const LwTz *zone,
           guint       i)
{
  if (i < zone->n)
    return zone->starts[i] - 1 + zone->offsets[i];
  return G_MAXINT64;
}

/* g_time_zone_adjust_time() on the tables, for *@time before
 * LW_TZ_TABLE_END: the interval found is at most m, its neighbours at
 * most m + 1, and the tables hold what they need. */
static guint
adjust (const LwTz *zone,
        GTimeType   type,
        gint64     *time)
{
  guint i;

  if (zone->n == 0)
    return 0;

  i = find (zone, *time);
  if (type == G_TIME_TYPE_UNIVERSAL)
    return i;

  if (*time < local_start (zone, i))
    {
      i--;
      if (*time > local_end (zone, i))
        {
          i++;
          *time = local_start (zone, i);
        }
    }
  else if (*time > local_end (zone, i))
    {
      i++;
      if (*time < local_start (zone, i))
        *time = local_start (zone, i);
    }
  else if (zone->dst[i] != (type == G_TIME_TYPE_DAYLIGHT))
    {
      if (i > 0 && *time <= local_end (zone, i - 1))
        i--;
      else if (i < zone->n && *time >= local_start (zone, i + 1))
        i++;
    }
  return i;
}

/* Whether the tables answer as GLib does at @local, in both local types. */
static gboolean
agrees_at (const LwTz *zone,
           gint64      local)
{
  const GTimeType types[] = { G_TIME_TYPE_STANDARD, G_TIME_TYPE_DAYLIGHT };

  if (local >= LW_TZ_TABLE_END)
    return TRUE;
  for (guint k = 0; k < G_N_ELEMENTS (types); k++)
    {
      gint64 ours = local;
      gint64 theirs = local;
      guint a = adjust (zone, types[k], &ours);
      int b = g_time_zone_adjust_time (zone->tz, types[k], &theirs);

      if (b < 0 || a != (guint) b || ours != theirs)
        return FALSE;
    }
  return TRUE;
}

/* At the local start of each interval and the second before it, at its
 * local end and the second after it: where GLib's decisions change. */
static gboolean
check_zone (const LwTz *zone)
{
  for (guint i = 0; i <= zone->m; i++)
    {
      gint64 start = local_start (zone, i);
      gint64 end = local_end (zone, i);

      if (start != G_MININT64 && (!agrees_at (zone, start - 1) || !agrees_at (zone, start)))
        return FALSE;
      if (end != G_MAXINT64 && (!agrees_at (zone, end) || !agrees_at (zone, end + 1)))
        return FALSE;
    }
  return TRUE;
}

/* Fills zone->starts[ia..ib - 1] with the transitions after @a, up to
 * @b: GLib's intervals at @a and @b are @ia and @ib. Halving the span
 * finds each to the second. */
static void
find_transitions (LwTz   *zone,
                  gint64  a,
                  guint   ia,
                  gint64  b,
                  guint   ib)
{
  while (ia < ib)
    {
      gint64 mid;
      guint im;

      if ((guint64) b - (guint64) a == 1)
        {
          /* Several transitions at one instant come out equal. */
          for (guint k = ia; k < ib; k++)
            zone->starts[k] = b;
          return;
        }
      mid = a + (gint64) (((guint64) b - (guint64) a) / 2);
      im = (guint) glib_find (zone->tz, mid);
      find_transitions (zone, a, ia, mid, im);
      a = mid;
      ia = im;
    }
}

/* Fills zone->starts[0..m - 1]. Each lookup walks the zone's transitions
 * from the first, so the fewer the better. Most transitions follow a
 * yearly rule ("the second Sunday of March at 02:00"): 52 or 53 weeks after
 * the one two before, which two lookups confirm (k transitions a second
 * before it, more at it). The others are looked for from the last one
 * found on, in spans of 2^20 seconds (12 days) and doubling until one holds
 * a transition, which halving then finds. */
static void
read_transitions (LwTz *zone)
{
  const gint64 guesses[] = { 364 * LW_DAY, 371 * LW_DAY };
  gint64 last = G_MININT64;   /* k transitions at or before it */
  guint k = 0;

  while (k < zone->m)
    {
      gboolean guessed = FALSE;
      gint64 a = last;
      gint64 span = G_GINT64_CONSTANT (1) << 20;
      gint64 b;
      guint ib;

      for (guint g = 0; k >= 2 && !guessed && g < G_N_ELEMENTS (guesses); g++)
        {
          gint64 candidate = zone->starts[k - 2] + guesses[g];
          guint j;

          if (candidate <= last || candidate >= LW_TZ_TABLE_END ||
              (guint) glib_find (zone->tz, candidate - 1) != k)
            continue;
          j = (guint) glib_find (zone->tz, candidate);
          if (j > k)
            {
              for (; k < j; k++)
                zone->starts[k] = candidate;
              last = candidate;
              guessed = TRUE;
            }
        }
      if (guessed)
        continue;

      while (TRUE)
        {
          if ((guint64) span >= (guint64) (LW_TZ_TABLE_END - 1) - (guint64) a)
            b = LW_TZ_TABLE_END - 1;
          else
            b = a + span;
          ib = (guint) glib_find (zone->tz, b);
          if (ib > k)
            break;
          a = b;
          if (span <= G_MAXINT64 / 2)
            span *= 2;
        }
      find_transitions (zone, a, k, b, ib);
      k = ib;
      last = zone->starts[k - 1];
    }
}

/* Reads the transitions, offsets and flags of zone->tz back: see the top
 * of this file. FALSE when they cannot be used. */
static gboolean
read_zone (LwTz *zone)
{
  GTimeZone *tz = zone->tz;
  int n = glib_find (tz, G_MAXINT64);
  int m = glib_find (tz, LW_TZ_TABLE_END - 1);
  guint n_starts, n_info;

  /* No transition can be at G_MININT64: GLib would count it from the
   * next second on, and this read it a second late. */
  if (n < 0 || m < 0 || m > n || glib_find (tz, G_MININT64) != 0)
    return FALSE;

  zone->n = (guint) n;
  zone->m = (guint) m;
  n_starts = MIN (zone->m + 1, zone->n);
  n_info = MIN (zone->m + 2, zone->n + 1);
  zone->starts = g_new (gint64, MAX (n_starts, 1));
  zone->offsets = g_new (gint32, n_info);
  zone->dst = g_new (guint8, n_info);

  read_transitions (zone);
  if (zone->m < zone->n)
    {
      /* The first transition from the end of the tables on. */
      gint64 a = LW_TZ_TABLE_END;
      gint64 b = G_MAXINT64;

      while (a < b)
        {
          gint64 mid = a + (gint64) (((guint64) b - (guint64) a) / 2);

          if (glib_find (tz, mid) > m)
            b = mid;
          else
            a = mid + 1;
        }
      zone->starts[zone->m] = a;
    }

  for (guint k = 0; k < n_starts; k++)
    if (zone->starts[k] <= -SAFE_LIMIT || zone->starts[k] >= SAFE_LIMIT)
      return FALSE;

  for (guint i = 0; i < n_info; i++)
    {
      zone->offsets[i] = g_time_zone_get_offset (tz, (int) i);
      zone->dst[i] = g_time_zone_is_dst (tz, (int) i) ? 1 : 0;
    }

  if (zone->m <= G_MAXUINT16)
    {
      guint k = 0;

      zone->buckets = g_new (guint16, N_BUCKETS);
      for (guint b = 0; b < N_BUCKETS; b++)
        {
          gint64 bucket_start = (gint64) b << BUCKET_SHIFT;

          while (k < zone->m && zone->starts[k] < bucket_start)
            k++;
          zone->buckets[b] = (guint16) k;
        }
    }

  return check_zone (zone);
}

/* @zone with its tables read: the first call reads them, in whichever
 * thread asks first; the others wait for it. */
static inline const LwTz *
ready (const LwTz *zone)
{
  LwTz *self = (LwTz *) zone;

  if (g_once_init_enter (&self->ready))
    {
      self->exact = read_zone (self);
      if (!self->exact)
        {
          g_clear_pointer (&self->starts, g_free);
          g_clear_pointer (&self->offsets, g_free);
          g_clear_pointer (&self->dst, g_free);
          g_clear_pointer (&self->buckets, g_free);
          self->m = 0;
          self->n = (guint) MAX (glib_find (self->tz, G_MAXINT64), 0);
        }
      g_once_init_leave (&self->ready, 1);
    }
  return zone;
}

/* Whether the tables answer for intervals up to @interval. */
static inline gboolean
has_interval (const LwTz *zone,
              int         interval)
{
  return zone->exact && (guint) interval <= MIN (zone->m + 1, zone->n);
}

const LwTz *
lw_tz_for_time_zone (GTimeZone *tz)
{
  LwTz *zone;

  g_return_val_if_fail (tz != NULL, NULL);

  g_mutex_lock (&cache_lock);
  if (cache == NULL)
    cache = g_hash_table_new (g_direct_hash, g_direct_equal);
  zone = g_hash_table_lookup (cache, tz);
  if (zone == NULL)
    {
      zone = g_new0 (LwTz, 1);
      zone->tz = g_time_zone_ref (tz);
      g_hash_table_insert (cache, zone->tz, zone);
    }
  g_mutex_unlock (&cache_lock);

  return zone;
}

const LwTz *
lw_tz_get (const char *identifier)
{
  GTimeZone *tz;
  const LwTz *zone;

  g_return_val_if_fail (identifier != NULL, NULL);

  tz = g_time_zone_new_identifier (identifier);
  if (tz == NULL)
    return NULL;
  zone = lw_tz_for_time_zone (tz);
  g_time_zone_unref (tz);
  return zone;
}

const LwTz *
lw_tz_resolve (const LwTz *zone,
               GTimeZone  *tz)
{
  if (tz == NULL)
    return NULL;
  if (zone != NULL && zone->tz == tz)
    return zone;
  return lw_tz_for_time_zone (tz);
}

GTimeZone *
lw_tz_get_time_zone (const LwTz *zone)
{
  g_return_val_if_fail (zone != NULL, NULL);

  return zone->tz;
}

const char *
lw_tz_get_identifier (const LwTz *zone)
{
  g_return_val_if_fail (zone != NULL, NULL);

  return g_time_zone_get_identifier (zone->tz);
}

guint
lw_tz_get_n_transitions (const LwTz *zone)
{
  g_return_val_if_fail (zone != NULL, 0);
  ready (zone);

  if (!zone->exact)
    return 0;
  return MIN (zone->m + 1, zone->n);
}

LwTime
lw_tz_get_transition (const LwTz *zone,
                      guint       index)
{
  g_return_val_if_fail (zone != NULL, 0);
  g_return_val_if_fail (index < lw_tz_get_n_transitions (zone), 0);
  ready (zone);

  return zone->starts[index];
}

int
lw_tz_find_interval (const LwTz *zone,
                     LwTime      utc)
{
  g_return_val_if_fail (zone != NULL, 0);
  ready (zone);

  if (!zone->exact || utc >= LW_TZ_TABLE_END)
    return glib_find (zone->tz, utc);
  return (int) find (zone, utc);
}

gint32
lw_tz_get_offset (const LwTz *zone,
                  int         interval)
{
  g_return_val_if_fail (zone != NULL, 0);
  g_return_val_if_fail (interval >= 0 && (guint) interval <= ready (zone)->n, 0);

  if (!has_interval (zone, interval))
    return g_time_zone_get_offset (zone->tz, interval);
  return zone->offsets[interval];
}

gboolean
lw_tz_is_dst (const LwTz *zone,
              int         interval)
{
  g_return_val_if_fail (zone != NULL, FALSE);
  g_return_val_if_fail (interval >= 0 && (guint) interval <= ready (zone)->n, FALSE);

  if (!has_interval (zone, interval))
    return g_time_zone_is_dst (zone->tz, interval);
  /* GLib: a zone without transitions is never in daylight time. */
  return zone->n > 0 && zone->dst[interval];
}

gint32
lw_tz_offset_at_utc (const LwTz *zone,
                     LwTime      utc)
{
  g_return_val_if_fail (zone != NULL, 0);
  ready (zone);

  if (!zone->exact || utc >= LW_TZ_TABLE_END)
    return g_time_zone_get_offset (zone->tz, glib_find (zone->tz, utc));
  return zone->offsets[find (zone, utc)];
}

gboolean
lw_tz_get_stretch (const LwTz *zone,
                   LwTime      utc,
                   LwTime     *start,
                   LwTime     *end,
                   gint32     *offset)
{
  guint i;

  g_return_val_if_fail (zone != NULL, FALSE);
  g_return_val_if_fail (start != NULL, FALSE);
  g_return_val_if_fail (end != NULL, FALSE);
  ready (zone);

  if (!zone->exact || utc >= LW_TZ_TABLE_END)
    return FALSE;

  /* Interval i (offsets[i]) starts at transition i - 1 and ends at
   * transition i; past the tables the GTimeZone answers, so the stretch
   * stops at their end. */
  i = find (zone, utc);
  *start = i == 0 ? G_MININT64 : zone->starts[i - 1];
  *end = i < MIN (zone->m + 1, zone->n) ? zone->starts[i] : G_MAXINT64;
  *end = MIN (*end, LW_TZ_TABLE_END);
  if (offset != NULL)
    *offset = zone->offsets[i];
  return TRUE;
}

int
lw_tz_adjust_time (const LwTz *zone,
                   GTimeType   type,
                   gint64     *time)
{
  g_return_val_if_fail (zone != NULL, 0);
  g_return_val_if_fail (time != NULL, 0);
  ready (zone);

  if (!zone->exact || *time >= LW_TZ_TABLE_END)
    return g_time_zone_adjust_time (zone->tz, type, time);
  return (int) adjust (zone, type, time);
}

LwTime
lw_tz_local_to_utc (const LwTz *zone,
                    gint64      local)
{
  gint64 t = local;
  guint interval;

  g_return_val_if_fail (zone != NULL, local);
  ready (zone);

  if (!zone->exact || local >= LW_TZ_TABLE_END)
    {
      int found = g_time_zone_adjust_time (zone->tz, G_TIME_TYPE_STANDARD, &t);

      return t - g_time_zone_get_offset (zone->tz, found);
    }
  interval = adjust (zone, G_TIME_TYPE_STANDARD, &t);
  return t - zone->offsets[interval];
}

gint64
lw_tz_local_day (const LwTz *zone,
                 LwTime      utc)
{
  g_return_val_if_fail (zone != NULL, 0);

  return lw_floor_div (utc + lw_tz_offset_at_utc (zone, utc), LW_DAY);
}
