/* lw-tz.h: fast time-zone arithmetic, exactly as GTimeZone does it
 *
 * GLib 2.74 finds the interval of an instant by walking a zone's
 * transitions from the first one, on every call: in America/New_York the
 * present is some 280 transitions in, and the simulator asks millions of
 * times. An LwTz holds the same intervals as the GTimeZone it was made
 * from (the instant each one starts, its UTC offset and its daylight
 * flag), read back through GTimeZone's own public functions, and answers
 * by binary search.
 *
 * The answers are GTimeZone's, to the second and to the interval index,
 * for every instant; the tables cover instants and local times before
 * LW_TZ_TABLE_END (2100), later ones are asked of the GTimeZone.
 * lw_tz_find_interval() is g_time_zone_find_interval() with
 * G_TIME_TYPE_UNIVERSAL; lw_tz_adjust_time() is g_time_zone_adjust_time()
 * (a local time that does not exist moves forward to the first one that
 * does; a repeated local time is taken in the interval @type asks for);
 * lw_tz_local_to_utc() is what g_date_time_new() does with a wall-clock
 * time:
 * - a local time in a spring-forward gap moves to the first local time
 *   after the gap (New York, 2024-03-10 02:30 is 03:00 EDT, 07:00 UTC);
 * - a local time that happens twice in a fall-back is taken in standard
 *   time, its second occurrence (New York, 2024-11-03 01:30 is 01:30 EST,
 *   06:30 UTC).
 * When a zone's intervals cannot be read back exactly (a transition at the
 * very edge of the 64-bit range), its LwTz asks the GTimeZone instead.
 *
 * Zones are cached for the life of the process, one per GTimeZone (GLib
 * itself keeps one GTimeZone per identifier while a reference is held, and
 * the cache holds one). A zone reads its tables the first time it is asked
 * something, a few milliseconds, once (g_once); after that it does not
 * change: any thread may use it without locking.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "lw-types.h"

G_BEGIN_DECLS

typedef struct _LwTz LwTz;

/* 2100-01-01T00:00:00Z: where the tables end. */
#define LW_TZ_TABLE_END G_GINT64_CONSTANT (4102444800)

/* The zone of @tz, built on first use; never NULL. */
const LwTz *lw_tz_for_time_zone    (GTimeZone  *tz);
/* The zone of an IANA identifier ("Europe/Berlin"), or of anything
 * g_time_zone_new_identifier() reads; NULL when it knows no such zone. */
const LwTz *lw_tz_get              (const char *identifier);
/* @zone when it was made from @tz, else the zone of @tz: for holders of
 * both (LwRep), whose @tz may have been replaced since @zone was set. NULL
 * when @tz is NULL. */
const LwTz *lw_tz_resolve          (const LwTz *zone,
                                    GTimeZone  *tz);

/* The GTimeZone the zone was made from (owned by the cache). */
GTimeZone  *lw_tz_get_time_zone    (const LwTz *zone);
const char *lw_tz_get_identifier   (const LwTz *zone);

/* The transitions in the zone's tables, in time order: every one before
 * LW_TZ_TABLE_END and the first one after it; none for a zone that asks
 * its GTimeZone. Interval i >= 1 starts at transition i - 1; interval 0
 * has no start. */
guint       lw_tz_get_n_transitions (const LwTz *zone);
LwTime      lw_tz_get_transition    (const LwTz *zone,
                                     guint       index);

/* The interval that holds the instant @utc. */
int         lw_tz_find_interval    (const LwTz *zone,
                                    LwTime      utc);
/* Seconds to add to UTC for local time in @interval, and whether it is
 * daylight-saving time. */
gint32      lw_tz_get_offset       (const LwTz *zone,
                                    int         interval);
gboolean    lw_tz_is_dst           (const LwTz *zone,
                                    int         interval);
/* The offset in effect at the instant @utc. */
gint32      lw_tz_offset_at_utc    (const LwTz *zone,
                                    LwTime      utc);

/* The stretch of instants around @utc that share its interval, hence its
 * offset (*@offset, when not NULL): from *@start (inclusive, G_MININT64
 * for the first interval) to *@end (exclusive). FALSE when the tables do not answer for @utc (a zone
 * that asks its GTimeZone, or @utc at or after LW_TZ_TABLE_END): the
 * stretch is then unknown. Callers that cache what follows from the
 * offset (a local day, a working interval) know how long it holds. */
gboolean    lw_tz_get_stretch      (const LwTz *zone,
                                    LwTime      utc,
                                    LwTime     *start,
                                    LwTime     *end,
                                    gint32     *offset);

/* g_time_zone_adjust_time(): the interval of *@time (local seconds since
 * the epoch for G_TIME_TYPE_STANDARD and G_TIME_TYPE_DAYLIGHT, an instant
 * for G_TIME_TYPE_UNIVERSAL), moving a local time that does not exist
 * forward to the first one that does. */
int         lw_tz_adjust_time      (const LwTz *zone,
                                    GTimeType   type,
                                    gint64     *time);
/* The instant at which the wall clock shows @local (seconds since the
 * epoch on the wall clock): gaps move forward, repeated times are taken in
 * standard time. */
LwTime      lw_tz_local_to_utc     (const LwTz *zone,
                                    gint64      local);
/* The local day (days since 1970-01-01 on the wall clock) of @utc. */
gint64      lw_tz_local_day        (const LwTz *zone,
                                    LwTime      utc);

G_END_DECLS
