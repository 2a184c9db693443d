/* lw-routing.c: who gets a lead
 *
 * Rules are tried in order. A rule whose condition holds then tries to
 * assign: its named owner (who must be active), its pool, the owner of the
 * account that has the lead's email domain, or the target its territory map
 * gives the lead's value. When it cannot, the next rule is tried; when no
 * rule assigns, the fallback does, whatever it takes.
 *
 * Pools pick by plain rotation (the member after the last one picked, going
 * round) or, when weighted, by nginx's smooth weighted round robin: every
 * available member's current weight grows by its weight, the largest is
 * picked (the first in member order on a tie) and loses the sum of the
 * weights that took part. Over any stretch where everyone is available,
 * weights 3:1 give three picks to one; the picks are spread out rather than
 * bunched ("a a b a", not "a a a b"). A pool skips inactive members always,
 * and, as it asks, members at their daily capacity, outside their working
 * hours, or out of office. Members that are unavailable leave the weighted
 * round untouched, as in nginx.
 *
 * The routing state keeps one cursor per pool and, per rep, the number of
 * leads they got on their current local day: the count starts again at the
 * rep's local midnight, not at UTC's. Picks depend only on the config, the
 * lead, the time and the state, so the same calls give the same owners.
 *
 * Without an explanation routing allocates nothing, unless the config grew
 * (reps, pools, members) since the state was made: the state then grows
 * once, and a pool whose members changed starts its round over; and the
 * first routing with a config makes its table of which rules match
 * (below).
 *
 * The state also remembers, per rep, what their time zone, working hours
 * and absences answered and for how long that answer holds (to the end of
 * the local day, of the working interval or of the time zone's current
 * offset, whichever comes first), and, per pool, which rep each member id
 * names: a pool then looks at its candidates without a lookup by id or a
 * time-zone search each. The answers are the config's own
 * (lw_rep_is_working(), lw_rep_is_out_of_office()), asked again when the
 * time leaves the stretch they hold for, or when the rep at that position
 * is another (a state outlives no edit of a rep's hours in place: make a
 * new state for a new config). Each remembered member is checked against
 * the rep's id before it is used.
 *
 * Routing with a bound config also remembers, until the config is another
 * or is bound again (the state holds a reference to the config and to its
 * lookup table, and compares both at each call: sync_config()):
 * - per pool, until when nobody in it is available (pick_from_pool()), so
 *   that a pool that has nobody out of hours answers at once; a count
 *   given back or dropped forgets it;
 * - per target (a rule's, a territory's, the fallback's, an escalation's),
 *   the position of the pool or owner it names, checked against its id;
 * - which rules' conditions hold for the values a lead has of the few
 *   properties they read (rule_matches()).
 * None of this is in the JSON of the state, nor needed from it. An unbound
 * config is asked afresh at every call.
 *
 * The fallback always assigns. A bound config's fallback has an active rep;
 * a fallback owner marked inactive since still gets the lead, because no
 * lead may end without an owner. lw_route_pick() records its pick in the
 * state as lw_route_lead() does.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "lw-routing.h"

typedef struct
{
  gint64 day;      /* the rep's local day of @count, days since 1970-01-01 */
  guint  count;

  /* Cached answers about @rep; each holds for the instants in [from, until). */
  const LwRep *rep;
  LwTime       day_from, day_until;      /* @local_day and @out_of_office */
  gint64       local_day;
  gint8        out_of_office;            /* -1: not asked yet for @local_day */
  gboolean     working;
  LwTime       hours_from, hours_until;  /* @working */
} RepDay;

typedef struct
{
  guint   next;        /* plain rotation: the member tried first */
  guint   n_current;
  gint64 *current;     /* smooth weighted round robin: one per member */
  int    *reps;        /* per member: the position of their rep, -1 unknown */
  /* Nobody in the pool is available at the instants in [nobody_from,
   * nobody_until); empty when from >= until. See pick_from_pool(). */
  LwTime  nobody_from, nobody_until;
} PoolCursor;

/* What a target names, found last time: the position of its pool, or of
 * its owner, each checked against the id before it is used. Keyed by the
 * target's address. */
typedef struct
{
  const LwTarget *target;
  int             pool;     /* in config->pools, -1 none */
  int             owner;    /* in config->reps, -1 none */
} TargetHint;

#define N_TARGET_HINTS 64

/* Which rules' conditions hold for a lead whose values of the properties
 * the conditions read are these (see rule_matches()). */
#define MATCH_MAX_PROPS 6
#define MATCH_TEXT      24
#define N_MATCH_SLOTS   64

typedef struct
{
  gboolean set;
  gboolean has_fold;
  double   num;                 /* when set without a text */
  char     fold[MATCH_TEXT];    /* when set with a text */
} MatchValue;

typedef struct
{
  gboolean   used;
  MatchValue values[MATCH_MAX_PROPS];
  guint64    matched;           /* bit i: the condition of rule i holds */
} MatchSlot;

struct _LwRoutingState
{
  guint       n_reps;
  RepDay     *reps;
  guint       n_pools;
  PoolCursor *pools;

  /* The config that the answers below, and the per-rep and per-pool
   * answers above, were found with, and its lookup table then: both held
   * by a reference, so that another config, or this one bound again,
   * cannot take their addresses (see sync_config()). NULL for an unbound
   * config, which is asked afresh at every call. */
  LwConfig   *config;
  GHashTable *lookup;
  TargetHint  hints[N_TARGET_HINTS];   /* open addressing by address */
  guint       n_hints;

  /* The properties the rules' conditions read, and whether they read
   * their value or only whether it is set; -1 in @match_usable until
   * looked at, 0 when the rules cannot be remembered this way. */
  int         match_usable;
  guint       n_match_props;
  int         match_props[MATCH_MAX_PROPS];
  gboolean    match_value[MATCH_MAX_PROPS];
  MatchSlot  *match_slots;     /* N_MATCH_SLOTS, NULL until needed */
};

typedef enum
{
  AVAILABLE,
  SKIP_INACTIVE,
  SKIP_EXCLUDED,
  SKIP_OUT_OF_OFFICE,
  SKIP_HOURS,
  SKIP_CAPACITY,
} Availability;

static const char * const weekday_names[] = {
  /* translators: abbreviated weekdays, in "outside working hours (Tue 19:30 America/Chicago)" */
  N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun"),
};

/* The rep's local day of @time; UTC's for a rep of an unbound config. */
static gint64
get_local_day (const LwRep *rep,
               LwTime       time)
{
  gint32 offset = 0;

  if (rep->tz != NULL)
    offset = lw_tz_offset_at_utc (lw_tz_resolve (rep->zone, rep->tz), time);
  return lw_floor_div (time + offset, LW_DAY);
}

static void
init_pool_cursor (PoolCursor   *cursor,
                  const LwPool *pool)
{
  guint n = pool->members != NULL ? pool->members->len : 0;

  cursor->next = 0;
  cursor->n_current = n;
  cursor->current = g_new0 (gint64, MAX (n, 1));
  cursor->reps = g_new (int, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    cursor->reps[i] = -1;
  cursor->nobody_from = cursor->nobody_until = 0;
}

static void
clear_pool_cursor (PoolCursor *cursor)
{
  g_clear_pointer (&cursor->current, g_free);
  g_clear_pointer (&cursor->reps, g_free);
}

static void
init_rep_day (RepDay *day)
{
  day->day = G_MININT64;
  day->count = 0;
  day->rep = NULL;
  day->day_from = day->day_until = 0;
  day->local_day = 0;
  day->out_of_office = -1;
  day->working = FALSE;
  day->hours_from = day->hours_until = 0;
}

/* strcmp (a, b) == 0; ids that differ mostly differ in their first byte. */
static inline gboolean
same_id (const char *a,
         const char *b)
{
  return a[0] == b[0] && strcmp (a, b) == 0;
}

/* The rep that member @i of @pool names, as lw_config_find_rep() finds
 * it, remembered in @cursor by position and checked against its id. */
static inline const LwRep *
member_rep (const LwConfig *config,
            PoolCursor     *cursor,
            const LwPool   *pool,
            guint           i)
{
  const char *id = g_ptr_array_index (pool->members, i);
  int index = cursor->reps[i];
  const LwRep *rep;

  if (index >= 0 && (guint) index < config->reps->len && id != NULL)
    {
      rep = g_ptr_array_index (config->reps, index);
      if (G_LIKELY (rep->id != NULL && same_id (rep->id, id)))
        return rep;
    }

  rep = lw_config_find_rep (config, id);
  /* Only a position that holds the rep is remembered (an unbound
   * config's reps do not know theirs). */
  if (rep != NULL && rep->index < config->reps->len &&
      g_ptr_array_index (config->reps, rep->index) == rep)
    cursor->reps[i] = (int) rep->index;
  else
    cursor->reps[i] = -1;
  return rep;
}

/* The day counter of @rep, growing the state when the config grew since
 * the state was made. */
static RepDay *
get_rep_day (LwRoutingState *state,
             const LwRep    *rep)
{
  if (rep->index >= state->n_reps)
    {
      guint n = rep->index + 1;

      state->reps = g_renew (RepDay, state->reps, n);
      for (guint i = state->n_reps; i < n; i++)
        init_rep_day (&state->reps[i]);
      state->n_reps = n;
    }
  return &state->reps[rep->index];
}

/* The cursor of @pool, config->pools[@index]. */
static PoolCursor *
get_pool_cursor (LwRoutingState *state,
                 const LwPool   *pool,
                 guint           index)
{
  guint n_members = pool->members != NULL ? pool->members->len : 0;
  PoolCursor *cursor;

  if (index >= state->n_pools)
    {
      guint n = index + 1;

      state->pools = g_renew (PoolCursor, state->pools, n);
      for (guint i = state->n_pools; i < n; i++)
        {
          state->pools[i].next = 0;
          state->pools[i].n_current = 0;
          state->pools[i].current = NULL;
          state->pools[i].reps = NULL;
          state->pools[i].nobody_from = state->pools[i].nobody_until = 0;
        }
      state->n_pools = n;
    }

  cursor = &state->pools[index];
  /* The members changed since the state was made: the round starts over. */
  if (cursor->current == NULL || cursor->n_current != n_members)
    {
      clear_pool_cursor (cursor);
      init_pool_cursor (cursor, pool);
    }
  return cursor;
}

/* The position of @pool in config->pools; config->pools->len if none. */
static guint
pool_index (const LwConfig *config,
            const LwPool   *pool)
{
  guint index = 0;

  while (index < config->pools->len && g_ptr_array_index (config->pools, index) != pool)
    index++;
  return index;
}

/* Forgets every "nobody is available" (a count went down, or the counts
 * were replaced). */
static void
forget_nobody (LwRoutingState *state)
{
  for (guint i = 0; i < state->n_pools; i++)
    state->pools[i].nobody_from = state->pools[i].nobody_until = 0;
}

/* Makes the state's remembered answers those of @config: when it is
 * another config than last time, or the same bound again (a new lookup
 * table: lw_config_bind() makes one each time), the answers found with
 * the previous one are forgotten. The state holds a reference to the
 * config and to its lookup table, so neither address can be taken by
 * another config or table while the state remembers them. An unbound
 * config (no lookup table) is not remembered: every call starts afresh. */
static void
sync_config (LwRoutingState *state,
             const LwConfig *config)
{
  if (G_LIKELY (state->config == config && state->lookup == config->lookup && config->lookup != NULL))
    return;

  g_clear_pointer (&state->config, lw_config_unref);
  g_clear_pointer (&state->lookup, g_hash_table_unref);
  if (config->lookup != NULL)
    {
      state->config = lw_config_ref ((LwConfig *) config);
      state->lookup = g_hash_table_ref (config->lookup);
    }
  memset (state->hints, 0, sizeof state->hints);
  state->n_hints = 0;
  state->match_usable = -1;
  state->n_match_props = 0;
  g_clear_pointer (&state->match_slots, g_free);
  forget_nobody (state);
  /* The per-rep answers are keyed by the rep's address: another config's
   * rep may have it now. */
  for (guint i = 0; i < state->n_reps; i++)
    state->reps[i].rep = NULL;
}

/* The cache of @rep in @state, emptied when it held another rep; NULL
 * when the state has no room for the rep (it grows on assignment). */
static RepDay *
rep_cache (LwRoutingState *state,
           const LwRep    *rep)
{
  RepDay *day;

  if (rep->index >= state->n_reps)
    return NULL;
  day = &state->reps[rep->index];
  if (day->rep != rep)
    {
      day->rep = rep;
      day->day_from = day->day_until = 0;
      day->hours_from = day->hours_until = 0;
    }
  return day;
}

/* Narrows [*from, *until), a stretch around @now, to the instants that
 * share the rep's time-zone offset at @now; to @now alone when that is
 * not known. */
static void
clip_to_offset (const LwTz *zone,
                LwTime      now,
                LwTime     *from,
                LwTime     *until)
{
  LwTime start, end;

  if (zone == NULL || !lw_tz_get_stretch (zone, now, &start, &end, NULL))
    {
      *from = now;
      *until = now + 1;
      return;
    }
  *from = MAX (*from, start);
  *until = MIN (*until, end);
}

/* The rep's local day of @now, and the stretch of instants around it with
 * the same local day and offset, in @cache. */
static void
fill_day (RepDay      *cache,
          const LwRep *rep,
          LwTime       now)
{
  const LwTz *zone = lw_tz_resolve (rep->zone, rep->tz);
  gint64 day = get_local_day (rep, now);
  gint32 offset = zone != NULL ? lw_tz_offset_at_utc (zone, now) : 0;
  /* Seconds since local midnight: the day holds for the rest of it. */
  gint64 second = now + offset - day * LW_DAY;

  cache->local_day = day;
  cache->out_of_office = -1;
  cache->day_from = now - second;
  cache->day_until = now - second + LW_DAY;
  if (now > G_MAXINT64 - LW_DAY || now < G_MININT64 + LW_DAY)
    {
      cache->day_from = now;
      cache->day_until = now + 1;
    }
  clip_to_offset (zone, now, &cache->day_from, &cache->day_until);
}

/* The rep's local day of @now, as get_local_day() gives it. */
static gint64
cached_local_day (LwRoutingState *state,
                  const LwRep    *rep,
                  LwTime          now)
{
  RepDay *cache = rep_cache (state, rep);

  if (cache == NULL)
    return get_local_day (rep, now);
  if (now < cache->day_from || now >= cache->day_until)
    fill_day (cache, rep, now);
  return cache->local_day;
}

/* lw_rep_is_out_of_office(), which depends on the local day alone. */
static gboolean
cached_out_of_office (LwRoutingState *state,
                      const LwRep    *rep,
                      LwTime          now)
{
  RepDay *cache;

  if (rep->tz == NULL || (cache = rep_cache (state, rep)) == NULL)
    return lw_rep_is_out_of_office (rep, now);
  if (now < cache->day_from || now >= cache->day_until)
    fill_day (cache, rep, now);
  if (cache->out_of_office < 0)
    cache->out_of_office = lw_rep_is_out_of_office (rep, now) ? 1 : 0;
  return cache->out_of_office != 0;
}

/* lw_rep_is_working(), remembered until the next start or end of an
 * interval of the rep's local day (or its end, or a change of offset). */
static gboolean
cached_working (LwRoutingState *state,
                const LwRep    *rep,
                LwTime          now)
{
  RepDay *cache;
  const GArray *intervals;
  gint64 day, second, previous, next;

  if (rep->tz == NULL || (cache = rep_cache (state, rep)) == NULL)
    return lw_rep_is_working (rep, now);
  if (now >= cache->hours_from && now < cache->hours_until)
    return cache->working;

  if (now < cache->day_from || now >= cache->day_until)
    fill_day (cache, rep, now);
  cache->working = lw_rep_is_working (rep, now);

  /* The answer changes only where an interval starts or ends. */
  day = cache->local_day;
  if (cache->day_until - cache->day_from == 1)
    {
      cache->hours_from = now;
      cache->hours_until = now + 1;
      return cache->working;
    }
  second = now + lw_tz_offset_at_utc (lw_tz_resolve (rep->zone, rep->tz), now) - day * LW_DAY;
  previous = 0;
  next = LW_DAY;
  /* 1970-01-01 was a Thursday: weekday 3 with Monday 0, as lw-config.c. */
  intervals = rep->hours.days[((day % 7) + 7 + 3) % 7];
  for (guint i = 0; intervals != NULL && i < intervals->len; i++)
    {
      const LwInterval *interval = &g_array_index (intervals, LwInterval, i);
      gint64 bounds[2] = { (gint64) interval->start * LW_MINUTE,
                           (gint64) interval->end * LW_MINUTE };

      for (guint b = 0; b < 2; b++)
        {
          if (bounds[b] <= second)
            previous = MAX (previous, bounds[b]);
          else
            next = MIN (next, bounds[b]);
        }
    }
  cache->hours_from = MAX (now - second + previous, cache->day_from);
  cache->hours_until = MIN (now - second + next, cache->day_until);
  return cache->working;
}

static guint
count_on_day (LwRoutingState *state,
              const LwRep    *rep,
              LwTime          now)
{
  const RepDay *day;

  if (rep->index >= state->n_reps)
    return 0;
  day = &state->reps[rep->index];
  return day->day == cached_local_day (state, rep, now) ? day->count : 0;
}

static void
record_assignment (LwRoutingState *state,
                   const LwRep    *rep,
                   LwTime          now)
{
  RepDay *day = get_rep_day (state, rep);
  gint64 local_day = cached_local_day (state, rep, now);

  if (day->day != local_day)
    {
      /* The count of another day is dropped (time may go back): the rep
       * may be below their capacity again on that day. */
      if (day->count > 0)
        forget_nobody (state);
      day->day = local_day;
      day->count = 0;
    }
  day->count++;
}

/* Whether @rep can take a lead of @pool at @now. When not, narrows
 * [*from, *until), a stretch of instants around @now, to the instants at
 * which the answer is the same for as long as the state's counts do not go
 * down; to nothing (from = until) when that is not known. */
static Availability
check_member (const LwPool   *pool,
              const LwRep    *rep,
              LwTime          now,
              LwRoutingState *state,
              const LwRep    *exclude,
              LwTime         *from,
              LwTime         *until)
{
  RepDay *cache;

  if (!rep->active)
    return SKIP_INACTIVE;
  if (rep == exclude)
    {
      /* Someone else may pick this rep. */
      *until = *from;
      return SKIP_EXCLUDED;
    }
  if (pool->out_of_office && cached_out_of_office (state, rep, now))
    {
      if (rep->tz != NULL && (cache = rep_cache (state, rep)) != NULL)
        {
          *from = MAX (*from, cache->day_from);
          *until = MIN (*until, cache->day_until);
        }
      else
        *until = *from;
      return SKIP_OUT_OF_OFFICE;
    }
  if (pool->working_hours && !cached_working (state, rep, now))
    {
      if (rep->tz != NULL && (cache = rep_cache (state, rep)) != NULL)
        {
          *from = MAX (*from, cache->hours_from);
          *until = MIN (*until, cache->hours_until);
        }
      else
        *until = *from;
      return SKIP_HOURS;
    }
  if (pool->respect_capacity && rep->capacity > 0 &&
      count_on_day (state, rep, now) >= rep->capacity)
    {
      /* The count stands until the local day ends (or a release). */
      if ((cache = rep_cache (state, rep)) != NULL && now >= cache->day_from && now < cache->day_until)
        {
          *from = MAX (*from, cache->day_from);
          *until = MIN (*until, cache->day_until);
        }
      else
        *until = *from;
      return SKIP_CAPACITY;
    }
  return AVAILABLE;
}

static void
append_separator (GString *why)
{
  if (why->len > 0 && why->str[why->len - 1] != ' ')
    g_string_append (why, "; ");
}

/* "Tue 19:30 America/Chicago": the rep's wall clock at @now. */
static void
append_local_time (GString     *why,
                   const LwRep *rep,
                   LwTime       now)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (now);
  g_autoptr(GDateTime) local = NULL;
  const char *zone = rep->time_zone;

  if (utc == NULL)
    return;
  local = rep->tz != NULL ? g_date_time_to_timezone (utc, rep->tz) : g_date_time_ref (utc);
  if (local == NULL)
    return;
  if (zone == NULL)
    zone = rep->tz != NULL ? g_time_zone_get_identifier (rep->tz) : "UTC";

  g_string_append_printf (why, "%s %02d:%02d %s",
                          _(weekday_names[g_date_time_get_day_of_week (local) - 1]),
                          g_date_time_get_hour (local),
                          g_date_time_get_minute (local),
                          zone);
}

static void
append_skip (GString        *why,
             const LwRep    *rep,
             Availability    reason,
             LwTime          now,
             LwRoutingState *state)
{
  append_separator (why);
  switch (reason)
    {
    case SKIP_INACTIVE:
      /* translators: %s is a rep's name */
      g_string_append_printf (why, _("skipped %s: inactive"), rep->name);
      break;
    case SKIP_EXCLUDED:
      /* translators: %s is a rep's name */
      g_string_append_printf (why, _("skipped %s: current owner"), rep->name);
      break;
    case SKIP_OUT_OF_OFFICE:
      /* translators: %s is a rep's name */
      g_string_append_printf (why, _("skipped %s: out of office"), rep->name);
      break;
    case SKIP_HOURS:
      /* translators: %s is a rep's name; their local time follows in brackets */
      g_string_append_printf (why, _("skipped %s: outside working hours"), rep->name);
      g_string_append (why, " (");
      append_local_time (why, rep, now);
      g_string_append_c (why, ')');
      break;
    case SKIP_CAPACITY:
      /* translators: %s is a rep's name, then leads today / leads per day */
      g_string_append_printf (why, _("skipped %s: at daily capacity %u/%u"), rep->name,
                              count_on_day (state, rep, now), rep->capacity);
      break;
    case AVAILABLE:
    default:
      g_assert_not_reached ();
    }
}

/* Whether every member of @pool still names the rep it named when the
 * pool's "nobody is available" was found (an edit in place may have
 * changed a member). */
static gboolean
same_members_as_found (const LwConfig *config,
                       PoolCursor     *cursor,
                       const LwPool   *pool)
{
  for (guint i = 0; i < cursor->n_current; i++)
    {
      const char *id = g_ptr_array_index (pool->members, i);
      int index = cursor->reps[i];
      const LwRep *rep;

      if (index < 0)
        {
          /* A member that named nobody must still name nobody. */
          if (lw_config_find_rep (config, id) != NULL)
            return FALSE;
          continue;
        }
      if ((guint) index >= config->reps->len || id == NULL)
        return FALSE;
      rep = g_ptr_array_index (config->reps, index);
      if (rep->id == NULL || !same_id (rep->id, id))
        return FALSE;
    }
  return TRUE;
}

/* Picks from @pool, config->pools[@index], as its settings ask, never
 * @exclude; NULL when nobody is available. Moves the pool's cursor only
 * when someone is picked.
 *
 * When nobody is, the pool remembers until when that holds: each member's
 * answer holds until their working interval, local day or time-zone
 * offset changes (the stretches the rep's cache keeps), and counts only
 * grow within a day (a release forgets it: forget_nobody()). Until then a
 * pick without an explanation answers "nobody" at once; excluding a rep
 * can only take one more away. An explanation always looks at each
 * member. */
static const LwRep *
pick_from_pool (const LwConfig *config,
                const LwPool   *pool,
                guint           index,
                LwTime          now,
                LwRoutingState *state,
                const LwRep    *exclude,
                GString        *why)
{
  PoolCursor *cursor = get_pool_cursor (state, pool, index);
  guint n = cursor->n_current;
  const LwRep *picked = NULL;
  LwTime from = G_MININT64, until = G_MAXINT64;

  if (why == NULL && now >= cursor->nobody_from && now < cursor->nobody_until &&
      same_members_as_found (config, cursor, pool))
    return NULL;

  if (pool->weighted)
    {
      gint64 total = 0;
      guint best = 0;

      for (guint i = 0; i < n; i++)
        {
          const LwRep *rep = member_rep (config, cursor, pool, i);
          Availability availability;

          if (rep == NULL)
            continue;
          availability = check_member (pool, rep, now, state, exclude, &from, &until);
          if (availability != AVAILABLE)
            {
              if (why != NULL)
                append_skip (why, rep, availability, now, state);
              continue;
            }
          cursor->current[i] += MAX (rep->weight, 1);
          total += MAX (rep->weight, 1);
          if (picked == NULL || cursor->current[i] > cursor->current[best])
            {
              picked = rep;
              best = i;
            }
        }
      if (picked != NULL)
        cursor->current[best] -= total;
    }
  else
    {
      for (guint k = 0; k < n; k++)
        {
          guint i = (cursor->next + k) % n;
          const LwRep *rep = member_rep (config, cursor, pool, i);
          Availability availability;

          if (rep == NULL)
            continue;
          availability = check_member (pool, rep, now, state, exclude, &from, &until);
          if (availability != AVAILABLE)
            {
              if (why != NULL)
                append_skip (why, rep, availability, now, state);
              continue;
            }
          picked = rep;
          cursor->next = (i + 1) % n;
          break;
        }
    }

  if (picked == NULL && state->config == config)
    {
      cursor->nobody_from = from;
      cursor->nobody_until = until;
    }

  if (why != NULL)
    {
      append_separator (why);
      if (picked != NULL)
        /* translators: %s is a rep's name */
        g_string_append_printf (why, _("picked %s"), picked->name);
      else
        g_string_append (why, _("nobody available"));
    }
  return picked;
}

/* The fallback's last word: the next active member by rotation, whatever
 * their hours, capacity or absence. */
static const LwRep *
rotate_active (const LwConfig *config,
               const LwPool   *pool,
               guint           index,
               LwRoutingState *state)
{
  PoolCursor *cursor = get_pool_cursor (state, pool, index);
  guint n = cursor->n_current;

  for (guint k = 0; k < n; k++)
    {
      guint i = (cursor->next + k) % n;
      const LwRep *rep = member_rep (config, cursor, pool, i);

      if (rep != NULL && rep->active)
        {
          cursor->next = (i + 1) % n;
          return rep;
        }
    }
  return NULL;
}

/* The hint of @target in @state, a new (empty) one the first time. The
 * hints are found by the target's address, going on to the next slot
 * while another target holds one; when three quarters are taken (targets
 * made on the stack, say), they all start over. */
static TargetHint *
target_hint (LwRoutingState *state,
             const LwTarget *target)
{
  /* Fibonacci hashing of the address: rules and their targets lie a
   * fixed stride apart, which a plain modulo would pile on few slots. */
  guint64 key = (guint64) GPOINTER_TO_SIZE (target) * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15);
  guint home = (guint) (key >> 58);
  guint slot = home;
  TargetHint *hint;

  G_STATIC_ASSERT (N_TARGET_HINTS == 64);
  while (state->hints[slot].target != NULL)
    {
      if (state->hints[slot].target == target)
        return &state->hints[slot];
      slot = (slot + 1) % N_TARGET_HINTS;
    }

  if (state->n_hints >= N_TARGET_HINTS * 3 / 4)
    {
      memset (state->hints, 0, sizeof state->hints);
      state->n_hints = 0;
      slot = home;
    }
  hint = &state->hints[slot];
  hint->target = target;
  hint->pool = -1;
  hint->owner = -1;
  state->n_hints++;
  return hint;
}

/* The pool @target names, as lw_config_find_pool() finds it, through the
 * position it was found at for this target last time, checked against
 * the pool's id; its position in *index. */
static const LwPool *
find_target_pool (const LwConfig *config,
                  const LwTarget *target,
                  LwRoutingState *state,
                  guint          *index)
{
  TargetHint *hint = target_hint (state, target);
  const LwPool *pool;

  if (hint->pool >= 0 && (guint) hint->pool < config->pools->len)
    {
      pool = g_ptr_array_index (config->pools, hint->pool);
      if (G_LIKELY (pool->id != NULL && same_id (pool->id, target->pool)))
        {
          *index = (guint) hint->pool;
          return pool;
        }
    }

  pool = lw_config_find_pool (config, target->pool);
  hint->pool = -1;
  if (pool == NULL)
    return NULL;
  *index = pool_index (config, pool);
  if (*index < config->pools->len)
    hint->pool = (int) *index;
  return pool;
}

/* The rep @target names as owner, as lw_config_find_rep() finds it,
 * remembered like find_target_pool() does the pool. */
static const LwRep *
find_target_owner (const LwConfig *config,
                   const LwTarget *target,
                   LwRoutingState *state)
{
  TargetHint *hint = target_hint (state, target);
  const LwRep *rep;

  if (hint->owner >= 0 && (guint) hint->owner < config->reps->len)
    {
      rep = g_ptr_array_index (config->reps, hint->owner);
      if (G_LIKELY (rep->id != NULL && same_id (rep->id, target->owner)))
        return rep;
    }

  rep = lw_config_find_rep (config, target->owner);
  hint->owner = -1;
  if (rep != NULL && rep->index < config->reps->len &&
      g_ptr_array_index (config->reps, rep->index) == rep)
    hint->owner = (int) rep->index;
  return rep;
}

/* Picks as a rule with @target would: the named owner if active, else from
 * the pool. Sets @pool_out to the pool tried, if any. */
static const LwRep *
pick_target (const LwConfig  *config,
             const LwTarget  *target,
             LwTime           now,
             LwRoutingState  *state,
             const LwRep     *exclude,
             GString         *why,
             const LwPool   **pool_out)
{
  *pool_out = NULL;

  if (target->owner != NULL)
    {
      const LwRep *rep = find_target_owner (config, target, state);

      if (rep == NULL)
        {
          if (why != NULL)
            /* translators: %s is a rep id */
            g_string_append_printf (why, _("no rep has the id “%s”"), target->owner);
          return NULL;
        }
      if (!rep->active)
        {
          if (why != NULL)
            /* translators: %s is a rep's name */
            g_string_append_printf (why, _("%s is inactive"), rep->name);
          return NULL;
        }
      if (rep == exclude)
        {
          if (why != NULL)
            /* translators: %s is a rep's name */
            g_string_append_printf (why, _("%s is the current owner"), rep->name);
          return NULL;
        }
      if (why != NULL)
        /* translators: %s is a rep's name */
        g_string_append_printf (why, _("assigned to %s"), rep->name);
      return rep;
    }

  if (target->pool != NULL)
    {
      guint index = 0;
      const LwPool *pool = find_target_pool (config, target, state, &index);

      if (pool == NULL)
        {
          if (why != NULL)
            /* translators: %s is a pool id */
            g_string_append_printf (why, _("no pool has the id “%s”"), target->pool);
          return NULL;
        }
      *pool_out = pool;
      if (why != NULL)
        /* translators: %s is a pool's name; the picks follow */
        g_string_append_printf (why, _("pool %s: "), pool->label);
      return pick_from_pool (config, pool, index, now, state, exclude, why);
    }

  if (why != NULL)
    g_string_append (why, _("no owner or pool to assign to"));
  return NULL;
}

static gboolean
is_ascii (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if ((guchar) *p >= 0x80)
      return FALSE;
  return TRUE;
}

static gboolean
equal_casefold (const char *a,
                const char *b)
{
  g_autofree char *fa = NULL;
  g_autofree char *fb = NULL;

  if (is_ascii (a) && is_ascii (b))
    return g_ascii_strcasecmp (a, b) == 0;
  fa = g_utf8_casefold (a, -1);
  fb = g_utf8_casefold (b, -1);
  return strcmp (fa, fb) == 0;
}

/* The lead's email domain, casefolded, borrowed from the lead: the first
 * set property derived from an email (domain_of), else what follows the
 * last "@" of the first set email property. */
static const char *
find_lead_domain (const LwConfig *config,
                  const LwLead   *lead)
{
  for (guint i = 0; i < config->properties->len && i < lead->n_values; i++)
    {
      const LwProperty *property = g_ptr_array_index (config->properties, i);
      const LwValue *value = &lead->values[i];
      const char *text;

      if (property->domain_of == NULL || !value->set)
        continue;
      text = value->fold != NULL ? value->fold : value->str;
      if (text != NULL && *text != '\0')
        return text;
    }

  for (guint i = 0; i < config->properties->len && i < lead->n_values; i++)
    {
      const LwProperty *property = g_ptr_array_index (config->properties, i);
      const LwValue *value = &lead->values[i];
      const char *text;
      const char *at;

      if (property->type != LW_PROPERTY_EMAIL || !value->set)
        continue;
      text = value->fold != NULL ? value->fold : value->str;
      if (text == NULL)
        continue;
      at = strrchr (text, '@');
      if (at != NULL && at[1] != '\0')
        return at + 1;
    }

  return NULL;
}

static LwRouteStepResult
assign_account_owner (const LwConfig *config,
                      const LwLead   *lead,
                      LwRoutingState *state,
                      GString        *why,
                      const LwRep   **rep_out)
{
  const char *domain = find_lead_domain (config, lead);
  const LwAccount *account;
  const LwRep *rep;

  if (domain == NULL)
    {
      if (why != NULL)
        g_string_append (why, _("the lead has no email domain"));
      return LW_STEP_NO_ACCOUNT;
    }

  account = lw_config_find_account (config, domain);
  if (account == NULL)
    {
      if (why != NULL)
        /* translators: %s is an email domain */
        g_string_append_printf (why, _("no account has the domain %s"), domain);
      return LW_STEP_NO_ACCOUNT;
    }

  if (why != NULL)
    /* translators: an account's name and its domain; what happened follows */
    g_string_append_printf (why, _("account %s (%s): "),
                            account->name != NULL ? account->name : account->domain,
                            account->domain);
  rep = account->owner != NULL ? lw_config_find_rep (config, account->owner) : NULL;
  if (rep == NULL)
    {
      if (why != NULL)
        g_string_append (why, _("it has no owner"));
      return LW_STEP_NOBODY;
    }
  if (!rep->active)
    {
      if (why != NULL)
        /* translators: %s is a rep's name */
        g_string_append_printf (why, _("its owner %s is inactive"), rep->name);
      return LW_STEP_NOBODY;
    }
  if (why != NULL)
    /* translators: %s is a rep's name */
    g_string_append_printf (why, _("assigned to its owner %s"), rep->name);
  *rep_out = rep;
  return LW_STEP_ASSIGNED;
}

/* The territory entry that lists @text, or NULL. */
static const LwTerritory *
find_territory (const LwRoutingRule *rule,
                const char          *text)
{
  for (guint i = 0; rule->territories != NULL && i < rule->territories->len; i++)
    {
      const LwTerritory *territory = g_ptr_array_index (rule->territories, i);

      for (guint j = 0; territory->values != NULL && territory->values[j] != NULL; j++)
        if (equal_casefold (territory->values[j], text))
          return territory;
    }
  return NULL;
}

static LwRouteStepResult
assign_territory (const LwConfig       *config,
                  const LwRoutingRule  *rule,
                  const LwLead         *lead,
                  LwTime                now,
                  LwRoutingState       *state,
                  GString              *why,
                  const LwRep         **rep_out,
                  const LwPool        **pool_out)
{
  const LwProperty *property = NULL;
  const LwValue *value = NULL;
  const LwTerritory *territory;
  char number[G_ASCII_DTOSTR_BUF_SIZE];
  const char *text;
  const LwRep *rep;

  if (rule->property != NULL)
    property = lw_config_find_property (config, rule->property);
  if (property == NULL)
    {
      if (why != NULL)
        /* translators: %s is a property id */
        g_string_append_printf (why, _("no property has the id “%s”"),
                                rule->property != NULL ? rule->property : "");
      return LW_STEP_NO_TERRITORY;
    }

  if (property->index < lead->n_values)
    value = &lead->values[property->index];
  if (value == NULL || !value->set)
    {
      if (why != NULL)
        /* translators: %s is a property's label */
        g_string_append_printf (why, _("the lead has no %s"), property->label);
      return LW_STEP_NO_TERRITORY;
    }

  if (value->str != NULL)
    text = value->fold != NULL ? value->fold : value->str;
  else if (property->type == LW_PROPERTY_BOOLEAN)
    text = value->num != 0.0 ? "true" : "false";
  else
    text = g_ascii_formatd (number, sizeof number, "%.15g", value->num);

  territory = find_territory (rule, text);
  if (territory == NULL)
    {
      if (why != NULL)
        /* translators: a property's label and the lead's value */
        g_string_append_printf (why, _("no territory lists %s “%s”"), property->label,
                                value->str != NULL ? value->str : text);
      return LW_STEP_NO_TERRITORY;
    }

  if (why != NULL)
    /* translators: a property's label and the lead's value; the pick follows */
    g_string_append_printf (why, _("%s “%s” → "), property->label,
                            value->str != NULL ? value->str : text);
  rep = pick_target (config, &territory->target, now, state, NULL, why, pool_out);
  if (rep == NULL)
    return LW_STEP_NOBODY;
  *rep_out = rep;
  return LW_STEP_ASSIGNED;
}

/* What a rule whose condition holds does with the lead. */
static LwRouteStepResult
apply_rule (const LwConfig       *config,
            const LwRoutingRule  *rule,
            const LwLead         *lead,
            LwTime                now,
            LwRoutingState       *state,
            GString              *why,
            const LwRep         **rep_out,
            const LwPool        **pool_out)
{
  const LwRep *rep;

  *rep_out = NULL;
  *pool_out = NULL;

  switch (rule->kind)
    {
    case LW_ASSIGN_OWNER:
    case LW_ASSIGN_POOL:
      rep = pick_target (config, &rule->target, now, state, NULL, why, pool_out);
      if (rep == NULL)
        return LW_STEP_NOBODY;
      *rep_out = rep;
      return LW_STEP_ASSIGNED;

    case LW_ASSIGN_ACCOUNT_OWNER:
      return assign_account_owner (config, lead, state, why, rep_out);

    case LW_ASSIGN_TERRITORY:
      return assign_territory (config, rule, lead, now, state, why, rep_out, pool_out);

    default:
      if (why != NULL)
        g_string_append (why, _("unknown kind of assignment"));
      return LW_STEP_NOBODY;
    }
}

static void
free_step (gpointer data)
{
  LwRouteStep *step = data;

  g_free (step->why);
  g_free (step);
}

static void
add_step (LwRoute             *route,
          const LwRoutingRule *rule,
          LwRouteStepResult    result,
          GString             *why)
{
  LwRouteStep *step;

  if (route->steps == NULL)
    return;
  step = g_new0 (LwRouteStep, 1);
  step->rule = rule;
  step->result = result;
  step->why = why != NULL ? g_string_free (why, FALSE) : g_strdup ("");
  g_ptr_array_add (route->steps, step);
}

/* The fallback always assigns: its target as a rule would, else (a pool
 * with nobody available) the next active member by rotation, ignoring
 * hours, capacity and absence. A bound config's fallback always has an
 * active rep; should it not, the fallback's own rep gets the lead even if
 * inactive, for no lead may end without an owner. */
static void
route_fallback (const LwConfig *config,
                LwTime          now,
                LwRoutingState *state,
                LwRoute        *route)
{
  GString *why = route->steps != NULL ? g_string_new (_("no rule assigned the lead; fallback: ")) : NULL;
  const LwPool *pool = NULL;
  const LwRep *rep;

  rep = pick_target (config, &config->fallback, now, state, NULL, why, &pool);

  if (rep == NULL && pool != NULL)
    {
      rep = rotate_active (config, pool, pool_index (config, pool), state);
      if (rep != NULL && why != NULL)
        /* translators: follows "nobody available"; %s is a rep's name */
        g_string_append_printf (why, _(", so %s gets it as the next active member in rotation, "
                                       "ignoring working hours, capacity and out of office"),
                                rep->name);
    }

  if (rep == NULL)
    {
      if (config->fallback.owner != NULL)
        rep = lw_config_find_rep (config, config->fallback.owner);
      for (guint i = 0; rep == NULL && pool != NULL && pool->members != NULL &&
                        i < pool->members->len; i++)
        rep = lw_config_find_rep (config, g_ptr_array_index (pool->members, i));
      if (rep != NULL && why != NULL)
        {
          append_separator (why);
          /* translators: %s is a rep's name */
          g_string_append_printf (why, _("nobody in the fallback is active: %s gets the lead "
                                         "anyway, so that it has an owner"),
                                  rep->name);
        }
    }

  route->fallback = TRUE;
  route->rule = NULL;
  route->pool = pool;
  route->owner = rep;
  add_step (route, NULL, LW_STEP_ASSIGNED, why);

  if (rep == NULL)
    {
      g_critical ("%s: the routing fallback names no rep; was the config bound?", G_STRFUNC);
      return;
    }
  record_assignment (state, rep, now);
}

LwRoutingState *
lw_routing_state_new (const LwConfig *config)
{
  LwRoutingState *state;

  g_return_val_if_fail (config != NULL, NULL);

  state = g_new0 (LwRoutingState, 1);
  state->match_usable = -1;
  state->n_reps = config->reps->len;
  state->reps = g_new (RepDay, MAX (state->n_reps, 1));
  for (guint i = 0; i < state->n_reps; i++)
    init_rep_day (&state->reps[i]);
  state->n_pools = config->pools->len;
  state->pools = g_new0 (PoolCursor, MAX (state->n_pools, 1));
  for (guint i = 0; i < state->n_pools; i++)
    init_pool_cursor (&state->pools[i], g_ptr_array_index (config->pools, i));
  return state;
}

void
lw_routing_state_free (LwRoutingState *state)
{
  if (state == NULL)
    return;
  for (guint i = 0; i < state->n_pools; i++)
    clear_pool_cursor (&state->pools[i]);
  g_free (state->pools);
  g_free (state->reps);
  g_clear_pointer (&state->config, lw_config_unref);
  g_clear_pointer (&state->lookup, g_hash_table_unref);
  g_free (state->match_slots);
  g_free (state);
}

guint
lw_routing_state_count (LwRoutingState *state,
                        const LwRep    *rep,
                        LwTime          now)
{
  g_return_val_if_fail (state != NULL, 0);
  g_return_val_if_fail (rep != NULL, 0);

  return count_on_day (state, rep, now);
}

void
lw_routing_state_release (LwRoutingState *state,
                          const LwRep    *rep,
                          LwTime          assigned_at)
{
  RepDay *day;

  g_return_if_fail (state != NULL);
  g_return_if_fail (rep != NULL);

  if (rep->index >= state->n_reps)
    return;
  day = &state->reps[rep->index];
  /* A lead of an earlier day no longer counts against today. */
  if (day->day == get_local_day (rep, assigned_at) && day->count > 0)
    {
      day->count--;
      /* The rep may be below their capacity again. */
      forget_nobody (state);
    }
}

char *
lw_routing_state_to_json (LwRoutingState *state,
                          const LwConfig *config)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (state != NULL, NULL);
  g_return_val_if_fail (config != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "pools");
  json_builder_begin_array (builder);
  for (guint i = 0; i < state->n_pools && i < config->pools->len; i++)
    {
      const LwPool *pool = g_ptr_array_index (config->pools, i);
      const PoolCursor *cursor = &state->pools[i];
      guint n = pool->members != NULL ? pool->members->len : 0;

      if (cursor->current == NULL || cursor->n_current != n || pool->id == NULL)
        continue;
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, pool->id);
      json_builder_set_member_name (builder, "members");
      json_builder_begin_array (builder);
      for (guint m = 0; m < n; m++)
        json_builder_add_string_value (builder, g_ptr_array_index (pool->members, m));
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "next");
      json_builder_add_int_value (builder, cursor->next);
      json_builder_set_member_name (builder, "current");
      json_builder_begin_array (builder);
      for (guint m = 0; m < n; m++)
        json_builder_add_int_value (builder, cursor->current[m]);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "reps");
  json_builder_begin_array (builder);
  for (guint i = 0; i < state->n_reps && i < config->reps->len; i++)
    {
      const LwRep *rep = g_ptr_array_index (config->reps, i);
      const RepDay *day = &state->reps[i];

      if (day->day == G_MININT64 || rep->id == NULL)
        continue;
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, rep->id);
      json_builder_set_member_name (builder, "day");
      json_builder_add_int_value (builder, day->day);
      json_builder_set_member_name (builder, "count");
      json_builder_add_int_value (builder, day->count);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

/* Element @index of @array if it is an object; else NULL. */
static JsonObject *
object_at (JsonArray *array,
           guint      index)
{
  JsonNode *node = json_array_get_element (array, index);

  return JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/* Member @name of @object if it is an array; else NULL. */
static JsonArray *
array_member (JsonObject *object,
              const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

/* Member @name of @object if it is a string; else NULL. */
static const char *
string_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_STRING ? json_node_get_string (node) : NULL;
}

/* Member @name of @object if it is a whole number, in *out. */
static gboolean
int_member (JsonObject *object,
            const char *name,
            gint64     *out)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;
  *out = json_node_get_int (node);
  return TRUE;
}

/* Whether @members (JSON strings) are @pool's members, in order. */
static gboolean
same_members (const LwPool *pool,
              JsonArray    *members)
{
  guint n = pool->members != NULL ? pool->members->len : 0;

  if (members == NULL || json_array_get_length (members) != n)
    return FALSE;
  for (guint m = 0; m < n; m++)
    {
      JsonNode *node = json_array_get_element (members, m);

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING ||
          g_strcmp0 (json_node_get_string (node), g_ptr_array_index (pool->members, m)) != 0)
        return FALSE;
    }
  return TRUE;
}

gboolean
lw_routing_state_restore (LwRoutingState *state,
                          const LwConfig *config,
                          const char     *json,
                          GError        **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;
  JsonObject *object;
  JsonArray *pools, *reps;

  g_return_val_if_fail (state != NULL, FALSE);
  g_return_val_if_fail (config != NULL, FALSE);
  g_return_val_if_fail (json != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!json_parser_load_from_data (parser, json, -1, error))
    return FALSE;
  root = json_parser_get_root (parser);
  object = root != NULL && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  pools = array_member (object, "pools");
  reps = array_member (object, "reps");
  if (pools == NULL || reps == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The saved routing state has no “pools” and “reps” lists"));
      return FALSE;
    }

  for (guint k = 0; k < json_array_get_length (pools); k++)
    {
      JsonObject *saved = object_at (pools, k);
      const char *id = string_member (saved, "id");
      JsonArray *current = array_member (saved, "current");
      const LwPool *pool = id != NULL ? lw_config_find_pool (config, id) : NULL;
      PoolCursor *cursor;
      gint64 next;
      guint n, m;

      if (pool == NULL || !same_members (pool, array_member (saved, "members")) ||
          !int_member (saved, "next", &next))
        continue;
      n = pool->members != NULL ? pool->members->len : 0;
      if (current == NULL || json_array_get_length (current) != n || next < 0 || (n > 0 && next >= n))
        continue;
      for (m = 0; m < n; m++)
        {
          JsonNode *node = json_array_get_element (current, m);

          if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
            break;
        }
      if (m < n)
        continue;
      cursor = get_pool_cursor (state, pool, pool_index (config, pool));
      for (m = 0; m < n; m++)
        cursor->current[m] = json_array_get_int_element (current, m);
      cursor->next = (guint) next;
    }

  for (guint k = 0; k < json_array_get_length (reps); k++)
    {
      JsonObject *saved = object_at (reps, k);
      const char *id = string_member (saved, "id");
      const LwRep *rep = id != NULL ? lw_config_find_rep (config, id) : NULL;
      gint64 day, count;
      RepDay *rep_day;

      if (rep == NULL || !int_member (saved, "day", &day) || !int_member (saved, "count", &count) ||
          count < 0 || count > G_MAXUINT)
        continue;
      rep_day = get_rep_day (state, rep);
      rep_day->day = day;
      rep_day->count = (guint) count;
    }
  /* Counts may have gone down. */
  forget_nobody (state);
  return TRUE;
}

/* ---- which rules match -------------------------------------------------------- */

/* Finds the properties the rules' conditions read, for rule_matches():
 * at most MATCH_MAX_PROPS, at most 64 rules, every filter bound. */
static gboolean
setup_matches (LwRoutingState *state,
               const LwConfig *config)
{
  state->n_match_props = 0;
  if (config->rules->len > 64)
    return FALSE;
  for (guint i = 0; i < config->rules->len; i++)
    {
      const LwRoutingRule *rule = g_ptr_array_index (config->rules, i);

      for (guint g = 0; rule->when != NULL && g < rule->when->groups->len; g++)
        {
          const LwFilterGroup *group = g_ptr_array_index (rule->when->groups, g);

          for (guint j = 0; j < group->filters->len; j++)
            {
              const LwFilter *filter = g_ptr_array_index (group->filters, j);
              gboolean value;
              guint k;

              if (filter == NULL || filter->prop_index < 0 || filter->op >= LW_N_OPERATORS)
                return FALSE;
              /* These two read only whether the value is set. */
              value = filter->op != LW_OP_HAS_PROPERTY && filter->op != LW_OP_NOT_HAS_PROPERTY;
              for (k = 0; k < state->n_match_props; k++)
                if (state->match_props[k] == filter->prop_index)
                  break;
              if (k == state->n_match_props)
                {
                  if (k == MATCH_MAX_PROPS)
                    return FALSE;
                  state->match_props[k] = filter->prop_index;
                  state->match_value[k] = FALSE;
                  state->n_match_props++;
                }
              state->match_value[k] |= value;
            }
        }
    }
  return TRUE;
}

/* Whether @key, kept from a lead, is what the conditions read of @v:
 * whether it is set and, when they read the value, its text or (without
 * a text) its number. */
static inline gboolean
same_match_value (const MatchValue *key,
                  const LwValue    *v,
                  gboolean          value)
{
  if (key->set != v->set)
    return FALSE;
  if (!v->set || !value)
    return TRUE;
  if (v->fold == NULL)
    return !key->has_fold && memcmp (&key->num, &v->num, sizeof v->num) == 0;
  return key->has_fold && key->fold[0] == v->fold[0] && strcmp (key->fold, v->fold) == 0;
}

/* Keeps in @key what same_match_value() compares; FALSE when the text is
 * too long to keep. */
static gboolean
keep_match_value (MatchValue    *key,
                  const LwValue *v,
                  gboolean       value)
{
  gsize length;

  memset (key, 0, sizeof *key);
  key->set = v->set;
  if (!v->set || !value)
    return TRUE;
  if (v->fold == NULL)
    {
      key->num = v->num;
      return TRUE;
    }
  length = strlen (v->fold);
  if (length >= MATCH_TEXT)
    return FALSE;
  key->has_fold = TRUE;
  memcpy (key->fold, v->fold, length + 1);
  return TRUE;
}

/* Bit i set: the condition of rule i holds for @lead (rules without a
 * condition hold for every lead), as lw_condition_eval() answers.
 *
 * The conditions read only the values of a few properties (whether set,
 * their text or number; nothing else of the lead, and nothing of the
 * time), so the state remembers the answer for the last values seen in
 * each of N_MATCH_SLOTS slots, by a hash of those values, and compares
 * them all before it uses one: leads that share them (in a simulation,
 * most) are not evaluated again. Leads whose values cannot be kept (a text
 * of MATCH_TEXT bytes or more, fewer values than the properties read) and
 * configs the state does not remember (unbound) are evaluated each time.
 * FALSE when the answer is not in @matched: evaluate each rule. */
static gboolean
rule_matches (LwRoutingState *state,
              const LwConfig *config,
              const LwLead   *lead,
              guint64        *matched)
{
  MatchValue keys[MATCH_MAX_PROPS];
  guint32 hash = 0;
  MatchSlot *slot;
  guint k;

  if (state->config != config)
    return FALSE;
  if (G_UNLIKELY (state->match_usable < 0))
    state->match_usable = setup_matches (state, config) ? 1 : 0;
  if (state->match_usable == 0)
    return FALSE;

  for (k = 0; k < state->n_match_props; k++)
    {
      const LwValue *v;
      int prop = state->match_props[k];

      if ((guint) prop >= lead->n_values)
        return FALSE;
      v = &lead->values[prop];
      if (!v->set || !state->match_value[k])
        hash = hash * 31 + (guint32) v->set;
      else if (v->fold != NULL)
        for (const guchar *p = (const guchar *) v->fold; *p != '\0'; p++)
          hash = hash * 33 + *p;
      else
        {
          guint64 bits;

          memcpy (&bits, &v->num, sizeof bits);
          hash = hash * 33 + (guint32) (bits ^ (bits >> 32));
        }
    }

  if (G_UNLIKELY (state->match_slots == NULL))
    state->match_slots = g_new0 (MatchSlot, N_MATCH_SLOTS);
  slot = &state->match_slots[(hash ^ (hash >> 15)) % N_MATCH_SLOTS];
  if (slot->used)
    {
      for (k = 0; k < state->n_match_props; k++)
        if (!same_match_value (&slot->values[k], &lead->values[state->match_props[k]],
                               state->match_value[k]))
          break;
      if (k == state->n_match_props)
        {
          *matched = slot->matched;
          return TRUE;
        }
    }

  for (k = 0; k < state->n_match_props; k++)
    if (!keep_match_value (&keys[k], &lead->values[state->match_props[k]], state->match_value[k]))
      return FALSE;

  slot->matched = 0;
  for (guint i = 0; i < config->rules->len; i++)
    {
      const LwRoutingRule *rule = g_ptr_array_index (config->rules, i);

      if (rule->when == NULL || lw_condition_eval (rule->when, lead))
        slot->matched |= G_GUINT64_CONSTANT (1) << i;
    }
  memcpy (slot->values, keys, state->n_match_props * sizeof keys[0]);
  slot->used = TRUE;
  *matched = slot->matched;
  return TRUE;
}

/* The reason to keep for the fallback when a matching rule could not
 * assign (see LwFallbackReason): nobody > no territory > no account. */
static LwFallbackReason
stronger_reason (LwFallbackReason  reason,
                 LwRouteStepResult result)
{
  static const guint rank[LW_N_FALLBACK_REASONS] = {
    [LW_FALLBACK_NONE] = 0,
    [LW_FALLBACK_NO_MATCH] = 0,
    [LW_FALLBACK_NO_ACCOUNT] = 1,
    [LW_FALLBACK_NO_TERRITORY] = 2,
    [LW_FALLBACK_NOBODY] = 3,
  };
  LwFallbackReason candidate;

  switch (result)
    {
    case LW_STEP_NO_ACCOUNT:
      candidate = LW_FALLBACK_NO_ACCOUNT;
      break;
    case LW_STEP_NO_TERRITORY:
      candidate = LW_FALLBACK_NO_TERRITORY;
      break;
    case LW_STEP_NOBODY:
      candidate = LW_FALLBACK_NOBODY;
      break;
    case LW_STEP_NOT_MATCHED:
    case LW_STEP_ASSIGNED:
    default:
      return reason;
    }
  return rank[candidate] > rank[reason] ? candidate : reason;
}

/* @route is overwritten, not cleared: give it to lw_route_clear() before
 * routing into it again. */
void
lw_route_lead (const LwConfig *config,
               const LwLead   *lead,
               LwTime          now,
               LwRoutingState *state,
               gboolean        explain,
               LwRoute        *route)
{
  guint64 matches = 0;
  gboolean known;

  g_return_if_fail (route != NULL);
  memset (route, 0, sizeof *route);
  g_return_if_fail (config != NULL);
  g_return_if_fail (lead != NULL);
  g_return_if_fail (state != NULL);

  sync_config (state, config);
  if (explain)
    route->steps = g_ptr_array_new_with_free_func (free_step);
  route->fallback_reason = LW_FALLBACK_NO_MATCH;

  known = !explain && rule_matches (state, config, lead, &matches);
  for (guint i = 0; i < config->rules->len; i++)
    {
      const LwRoutingRule *rule;
      GString *why = explain ? g_string_new (NULL) : NULL;
      const LwRep *rep = NULL;
      const LwPool *pool = NULL;
      LwRouteStepResult result;
      gboolean matched;

      /* Unexplained, a rule that does not match leaves no trace: go to the
       * next one that does. */
      if (known)
        {
          if ((matches >> i) == 0)
            break;
          while (((matches >> i) & 1) == 0)
            i++;
        }
      rule = g_ptr_array_index (config->rules, i);

      if (known)
        matched = TRUE;
      else if (rule->when == NULL)
        {
          matched = TRUE;
          if (why != NULL)
            g_string_append (why, _("Every lead"));
        }
      else if (explain)
        matched = lw_condition_explain (rule->when, config, lead, why);
      else
        matched = lw_condition_eval (rule->when, lead);

      if (!matched)
        {
          add_step (route, rule, LW_STEP_NOT_MATCHED, why);
          continue;
        }

      if (why != NULL && why->len > 0)
        g_string_append (why, " → ");
      result = apply_rule (config, rule, lead, now, state, why, &rep, &pool);
      add_step (route, rule, result, why);

      if (result == LW_STEP_ASSIGNED)
        {
          route->owner = rep;
          route->rule = rule;
          route->pool = pool;
          route->fallback = FALSE;
          route->fallback_reason = LW_FALLBACK_NONE;
          record_assignment (state, rep, now);
          return;
        }
      route->fallback_reason = stronger_reason (route->fallback_reason, result);
    }

  route_fallback (config, now, state, route);
}

/* Records the pick in @state like lw_route_lead(): the rep's daily count
 * grows and the pool's round moves on. */
const LwRep *
lw_route_pick (const LwConfig *config,
               const LwTarget *target,
               LwTime          now,
               LwRoutingState *state,
               const LwRep    *exclude,
               GString        *why)
{
  const LwPool *pool = NULL;
  const LwRep *rep;

  g_return_val_if_fail (config != NULL, NULL);
  g_return_val_if_fail (target != NULL, NULL);
  g_return_val_if_fail (state != NULL, NULL);

  if (target->owner == NULL && target->pool == NULL)
    return NULL;

  sync_config (state, config);
  rep = pick_target (config, target, now, state, exclude, why, &pool);
  if (rep != NULL)
    record_assignment (state, rep, now);
  return rep;
}

void
lw_route_clear (LwRoute *route)
{
  g_return_if_fail (route != NULL);

  g_clear_pointer (&route->steps, g_ptr_array_unref);
  route->owner = NULL;
  route->rule = NULL;
  route->pool = NULL;
  route->fallback = FALSE;
  route->fallback_reason = LW_FALLBACK_NONE;
}
