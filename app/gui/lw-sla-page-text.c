/* lw-sla-page-text.c: a policy and its pause statuses in words
 *
 * Part of LwSlaPage (lw-sla-page-private.h): the durations, escalation
 * steps and pause statuses of a policy as the subtitles of its rows say
 * them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "lw-sla-page-private.h"

/* "10 minutes", "2 hours", "1 day"; in business time "10 business minutes"
 * when @business_words, and never in days. */
static char *
format_duration (guint    minutes,
                 gboolean business,
                 gboolean business_words)
{
  Unit unit = best_unit (minutes, !business);
  guint n = minutes / unit_minutes[unit];

  if (business && business_words)
    {
      if (unit == UNIT_HOURS)
        /* translators: a deadline on business time: "8 business hours" */
        return g_strdup_printf (ngettext ("%u business hour", "%u business hours", n), n);
      /* translators: a deadline on business time: "10 business minutes" */
      return g_strdup_printf (ngettext ("%u business minute", "%u business minutes", n), n);
    }

  switch (unit)
    {
    case UNIT_DAYS:
      /* translators: a duration: "3 days" */
      return g_strdup_printf (ngettext ("%u day", "%u days", n), n);
    case UNIT_HOURS:
      /* translators: a duration: "2 hours" */
      return g_strdup_printf (ngettext ("%u hour", "%u hours", n), n);
    case UNIT_MINUTES:
    case N_UNITS:
    default:
      /* translators: a duration: "10 minutes" */
      return g_strdup_printf (ngettext ("%u minute", "%u minutes", n), n);
    }
}

static char *
describe_target (const LwConfig *config,
                 const LwTarget *target)
{
  if (target->pool != NULL)
    {
      const LwPool *pool = lw_config_find_pool (config, target->pool);

      return g_strdup (pool != NULL ? pool->label : target->pool);
    }
  if (target->owner != NULL)
    {
      const LwRep *rep = lw_config_find_rep (config, target->owner);

      return g_strdup (rep != NULL ? rep->name : target->owner);
    }
  return NULL;
}

static char *
describe_escalation (const LwConfig     *config,
                     const LwSlaPolicy  *policy,
                     const LwEscalation *escalation)
{
  g_autofree char *after = format_duration (escalation->after_minutes,
                                            policy->clock == LW_CLOCK_BUSINESS, FALSE);
  g_autofree char *target = NULL;

  if (escalation->action == LW_ESCALATE_NOTIFY_MANAGER)
    /* translators: an escalation step: "notify the manager after 2 hours" */
    return g_strdup_printf (_("notify the manager after %s"), after);

  target = describe_target (config, &escalation->target);
  if (target == NULL)
    /* translators: an escalation step that routes the lead again: "reassign after 24 hours" */
    return g_strdup_printf (_("reassign after %s"), after);
  /* translators: an escalation step: "reassign to Global SDRs after 24 hours" */
  return g_strdup_printf (_("reassign to %s after %s"), target, after);
}

/* "First touch within 10 business minutes; warn 5 minutes before; notify
 * the manager after 2 hours, reassign after 24 hours" */
char *
_lw_sla_page_describe_policy (const LwConfig    *config,
                              const LwSlaPolicy *policy)
{
  gboolean business = policy->clock == LW_CLOCK_BUSINESS;
  g_autofree char *deadline = format_duration (policy->deadline_minutes, business, TRUE);
  g_autoptr(GString) text = g_string_new (NULL);

  /* translators: %s is a duration: "10 business minutes" */
  g_string_append_printf (text, _("First touch within %s"), deadline);

  if (policy->warn_before_minutes > 0)
    {
      g_autofree char *warn = format_duration (policy->warn_before_minutes, business, FALSE);

      g_string_append (text, "; ");
      /* translators: %s is a duration: "warn 5 minutes before" (the deadline) */
      g_string_append_printf (text, _("warn %s before"), warn);
    }

  for (guint j = 0; j < policy->escalations->len; j++)
    {
      g_autofree char *step = describe_escalation (config, policy,
                                                   &g_array_index (policy->escalations, LwEscalation, j));

      g_string_append (text, j == 0 ? "; " : ", ");
      g_string_append (text, step);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

char *
_lw_sla_page_describe_pause (const LwConfig    *config,
                             const LwSlaPolicy *policy)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint j = 0; j < policy->pause_statuses->len; j++)
    {
      const char *id = g_ptr_array_index (policy->pause_statuses, j);
      const LwStatus *status = lw_config_find_status (config, id);

      if (text->len > 0)
        g_string_append (text, ", ");
      g_string_append (text, status != NULL ? status->label : id);
    }
  if (text->len == 0)
    return g_strdup (_("Never: the clock always runs"));
  return g_string_free (g_steal_pointer (&text), FALSE);
}
