/* lw-event.c: what happens to a lead during a simulation run
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lw-event.h"

static const char * const kind_names[LW_N_EVENT_KINDS] = {
  [LW_EVENT_CREATED] = "created",
  [LW_EVENT_SCORED] = "scored",
  [LW_EVENT_STAGE_CHANGED] = "stage_changed",
  [LW_EVENT_STATUS_CHANGED] = "status_changed",
  [LW_EVENT_ASSIGNED] = "assigned",
  [LW_EVENT_FIRST_TOUCH] = "first_touch",
  [LW_EVENT_SLA_WARNING] = "sla_warning",
  [LW_EVENT_SLA_BREACH] = "sla_breach",
  [LW_EVENT_ESCALATED] = "escalated",
  [LW_EVENT_REASSIGNED] = "reassigned",
  [LW_EVENT_CONVERTED] = "converted",
  [LW_EVENT_DISQUALIFIED] = "disqualified",
  [LW_EVENT_RECYCLED] = "recycled",
  [LW_EVENT_ACTIVITY] = "activity",
};

const char *
lw_event_kind_to_string (LwEventKind kind)
{
  if ((guint) kind >= LW_N_EVENT_KINDS)
    return NULL;
  return kind_names[kind];
}

gboolean
lw_event_kind_from_string (const char  *name,
                           LwEventKind *kind)
{
  g_return_val_if_fail (kind != NULL, FALSE);

  for (guint i = 0; name != NULL && i < LW_N_EVENT_KINDS; i++)
    {
      if (g_str_equal (name, kind_names[i]))
        {
          *kind = (LwEventKind) i;
          return TRUE;
        }
    }
  return FALSE;
}
