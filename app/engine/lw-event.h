/* lw-event.h: what happens to a lead during a simulation run
 *
 * The simulator emits LwEvents in simulated-time order and hands them to the
 * store in batches (lw_store_append_events()); the explain view reads them
 * back per lead (lw_store_get_lead_events()). An event is a small plain
 * struct so that millions of them fit in arrays.
 *
 * What @rep, @arg and @value mean for each kind (-1 / 0 when unused):
 *
 * | kind            | rep                     | arg                              | value                  |
 * | --------------- | ----------------------- | -------------------------------- | ---------------------- |
 * | CREATED         | -1                      | source (option index)            | 0                      |
 * | SCORED          | -1                      | 1 when the MQL threshold is met  | total score            |
 * | STAGE_CHANGED   | owner or -1             | new stage index                  | 0                      |
 * | STATUS_CHANGED  | owner or -1             | new status index                 | 0                      |
 * | ASSIGNED        | the new owner           | routing rule index, -1 fallback  | 0                      |
 * | FIRST_TOUCH     | the rep who touched     | SLA policy index or -1           | minutes on its clock   |
 * | SLA_WARNING     | the owner               | SLA policy index                 | minutes left           |
 * | SLA_BREACH      | the owner               | SLA policy index                 | 0                      |
 * | ESCALATED       | the manager notified    | escalation step index            | 0                      |
 * | REASSIGNED      | the new owner           | the previous owner               | 0                      |
 * | CONVERTED       | owner or -1             | stage index reached              | 0                      |
 * | DISQUALIFIED    | owner or -1             | path index                       | 0                      |
 * | RECYCLED        | owner or -1             | path index                       | 0                      |
 * | ACTIVITY        | -1                      | activity type index              | 0                      |
 *
 * @detail is an optional short text for the explain view ("Rule 'EMEA
 * enterprise' matched: country is DE"); most events leave it NULL.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "lw-types.h"

G_BEGIN_DECLS

typedef enum
{
  LW_EVENT_CREATED,
  LW_EVENT_SCORED,
  LW_EVENT_STAGE_CHANGED,
  LW_EVENT_STATUS_CHANGED,
  LW_EVENT_ASSIGNED,
  LW_EVENT_FIRST_TOUCH,
  LW_EVENT_SLA_WARNING,
  LW_EVENT_SLA_BREACH,
  LW_EVENT_ESCALATED,
  LW_EVENT_REASSIGNED,
  LW_EVENT_CONVERTED,
  LW_EVENT_DISQUALIFIED,
  LW_EVENT_RECYCLED,
  LW_EVENT_ACTIVITY,
  LW_N_EVENT_KINDS
} LwEventKind;

typedef struct
{
  guint32      lead;     /* run-local lead id */
  LwEventKind  kind;
  LwTime       t;        /* simulated time */
  int          rep;      /* rep index in config->reps, -1 when none */
  int          arg;      /* see the table above */
  double       value;    /* see the table above */
  const char  *detail;   /* may be NULL; borrowed when appending, owned by
                          * the array lw_store_get_lead_events() returns */
} LwEvent;

/* "stage_changed"; NULL for a value out of range. */
const char *lw_event_kind_to_string   (LwEventKind  kind);
gboolean    lw_event_kind_from_string (const char  *name,
                                       LwEventKind *kind);

G_END_DECLS
