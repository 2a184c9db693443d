/* lw-sla-page-private.h: what the files of the SLA page share
 *
 * LwSlaPage is written in four files: lw-sla-page.c (the page, its policy
 * rows, the edits of a policy's name, condition, pause statuses and breach
 * tag, rebuilding, revealing a path), and beside it the text that sums up
 * a policy, the durations (a number and its unit) with the clock they run
 * on, and the escalation ladder. They share the instance struct, the row
 * helpers below and the functions declared here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lw-sla-page.h"
#include "lw-sla.h"

G_BEGIN_DECLS

struct _LwSlaPage
{
  GtkWidget             parent_instance;

  /* template widgets */
  AdwPreferencesPage   *preferences_page;
  AdwPreferencesGroup  *policies_group;
  GtkWidget            *empty_row;

  /* owned */
  LwWorkspace          *workspace;
  GPtrArray            *policy_rows;   /* AdwExpanderRow, borrowed from the group */
  gboolean              applying;
  gboolean              building;
};

/* The units a duration is shown in; business time stops at hours, since a
 * business day is not 24 business hours. */
typedef enum
{
  UNIT_MINUTES,
  UNIT_HOURS,
  UNIT_DAYS,
  N_UNITS
} Unit;

static const guint unit_minutes[N_UNITS] = { 1, 60, 24 * 60 };

/* Which number of a policy a duration edits. */
typedef enum
{
  FIELD_DEADLINE,
  FIELD_WARNING,
  FIELD_STEP,
} Field;

/* The positions of the clock combo. */
enum {
  CLOCK_ROW_BUSINESS,
  CLOCK_ROW_CALENDAR,
};

/* ---- small helpers ------------------------------------------------------------------ */

static inline Unit
best_unit (guint    minutes,
           gboolean allow_days)
{
  if (minutes > 0 && allow_days && minutes % unit_minutes[UNIT_DAYS] == 0)
    return UNIT_DAYS;
  if (minutes > 0 && minutes % unit_minutes[UNIT_HOURS] == 0)
    return UNIT_HOURS;
  return UNIT_MINUTES;
}

static inline guint
row_index (gpointer widget)
{
  return GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (widget), "lw-index"));
}

static inline guint
row_step (gpointer widget)
{
  return GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (widget), "lw-step"));
}

static inline LwSlaPolicy *
policy_at (LwConfig *config,
           guint     index)
{
  g_return_val_if_fail (index < config->policies->len, NULL);
  return g_ptr_array_index (config->policies, index);
}

static inline void
set_indices (GtkWidget *widget,
             guint      index,
             guint      step)
{
  g_object_set_data (G_OBJECT (widget), "lw-index", GUINT_TO_POINTER (index));
  g_object_set_data (G_OBJECT (widget), "lw-step", GUINT_TO_POINTER (step));
}

/* ---- shared functions --------------------------------------------------------------- */

/* lw-sla-page.c: the policy rows, edits handed to the workspace */
void       _lw_sla_page_apply                (LwSlaPage  *self,
                                              LwConfig   *config,
                                              const char *description,
                                              gboolean    structural);

/* lw-sla-page-text.c: a policy and its pause statuses in words */
char      *_lw_sla_page_describe_policy      (const LwConfig    *config,
                                              const LwSlaPolicy *policy);
char      *_lw_sla_page_describe_pause       (const LwConfig    *config,
                                              const LwSlaPolicy *policy);

/* lw-sla-page-durations.c: a number and its unit, and the clock they run on */
GtkWidget *_lw_sla_page_create_duration      (LwSlaPage  *self,
                                              guint       index,
                                              Field       field,
                                              guint       step,
                                              guint       minutes,
                                              gboolean    allow_days,
                                              guint       lower,
                                              const char *accessible_label);
void       _lw_sla_page_clock_selected_cb    (AdwComboRow *combo,
                                              GParamSpec  *pspec,
                                              LwSlaPage   *self);

/* lw-sla-page-escalations.c: the escalation ladder */
void       _lw_sla_page_add_step_clicked_cb  (GtkButton *button,
                                              LwSlaPage *self);
GtkWidget *_lw_sla_page_create_step_row      (LwSlaPage         *self,
                                              const LwConfig    *config,
                                              const LwSlaPolicy *policy,
                                              guint              index,
                                              guint              step);

G_END_DECLS
