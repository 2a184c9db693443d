/* lw-lead-row.c: one row of the lead list, for a GtkColumnView to bind
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lw-lead-row.h"

struct _LwLeadRow
{
  GObject        parent_instance;

  LwLeadSummary  summary;   /* owns its strings */
};

G_DEFINE_FINAL_TYPE (LwLeadRow, lw_lead_row, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_CREATED,
  PROP_EMAIL,
  PROP_COMPANY,
  PROP_NAME,
  PROP_SOURCE,
  PROP_STAGE,
  PROP_STATUS,
  PROP_OWNER,
  PROP_FIT,
  PROP_ENGAGEMENT,
  PROP_TOTAL,
  PROP_GRADE,
  PROP_POLICY,
  PROP_TTFT,
  PROP_BREACHED,
  PROP_FALLBACK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The string fields of a summary, with their properties. */
#define N_STRINGS 9

static char **
string_field (LwLeadSummary *summary,
              guint          i,
              guint         *prop)
{
  static const guint props[N_STRINGS] = {
    PROP_EMAIL, PROP_COMPANY, PROP_NAME, PROP_SOURCE, PROP_STAGE,
    PROP_STATUS, PROP_OWNER, PROP_GRADE, PROP_POLICY,
  };
  char **fields[N_STRINGS] = {
    &summary->email, &summary->company, &summary->name, &summary->source,
    &summary->stage, &summary->status, &summary->owner, &summary->grade,
    &summary->policy,
  };

  g_assert (i < N_STRINGS);
  if (prop != NULL)
    *prop = props[i];
  return fields[i];
}

static void
set_double (LwLeadRow *self,
            double    *field,
            double     value,
            guint      prop)
{
  if (*field == value)
    return;
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
set_int64 (LwLeadRow *self,
           gint64    *field,
           gint64     value,
           guint      prop)
{
  if (*field == value)
    return;
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
set_boolean (LwLeadRow *self,
             gboolean  *field,
             gboolean   value,
             guint      prop)
{
  value = value != FALSE;
  if (*field == value)
    return;
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
lw_lead_row_finalize (GObject *object)
{
  LwLeadRow *self = LW_LEAD_ROW (object);

  for (guint i = 0; i < N_STRINGS; i++)
    g_clear_pointer (string_field (&self->summary, i, NULL), g_free);

  G_OBJECT_CLASS (lw_lead_row_parent_class)->finalize (object);
}

static void
lw_lead_row_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  LwLeadRow *self = LW_LEAD_ROW (object);
  const LwLeadSummary *s = &self->summary;

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_uint (value, s->id);
      break;
    case PROP_CREATED:
      g_value_set_int64 (value, s->created_at);
      break;
    case PROP_EMAIL:
      g_value_set_string (value, s->email);
      break;
    case PROP_COMPANY:
      g_value_set_string (value, s->company);
      break;
    case PROP_NAME:
      g_value_set_string (value, s->name);
      break;
    case PROP_SOURCE:
      g_value_set_string (value, s->source);
      break;
    case PROP_STAGE:
      g_value_set_string (value, s->stage);
      break;
    case PROP_STATUS:
      g_value_set_string (value, s->status);
      break;
    case PROP_OWNER:
      g_value_set_string (value, s->owner);
      break;
    case PROP_FIT:
      g_value_set_double (value, s->fit);
      break;
    case PROP_ENGAGEMENT:
      g_value_set_double (value, s->engagement);
      break;
    case PROP_TOTAL:
      g_value_set_double (value, s->total);
      break;
    case PROP_GRADE:
      g_value_set_string (value, s->grade);
      break;
    case PROP_POLICY:
      g_value_set_string (value, s->policy);
      break;
    case PROP_TTFT:
      g_value_set_int64 (value, s->ttft);
      break;
    case PROP_BREACHED:
      g_value_set_boolean (value, s->breached);
      break;
    case PROP_FALLBACK:
      g_value_set_boolean (value, s->fallback);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
string_param (const char *name,
              const char *nick)
{
  return g_param_spec_string (name, nick, NULL, NULL,
                              G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

static GParamSpec *
double_param (const char *name,
              const char *nick)
{
  return g_param_spec_double (name, nick, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                              G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

static GParamSpec *
boolean_param (const char *name,
               const char *nick)
{
  return g_param_spec_boolean (name, nick, NULL, FALSE,
                               G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

static void
lw_lead_row_class_init (LwLeadRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = lw_lead_row_finalize;
  object_class->get_property = lw_lead_row_get_property;

  /* The lead's run-local id; it never changes. */
  properties[PROP_ID] =
    g_param_spec_uint ("id", "Id", NULL, 0, G_MAXUINT32, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /* Seconds since the epoch, UTC. */
  properties[PROP_CREATED] =
    g_param_spec_int64 ("created", "Created", NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_EMAIL] = string_param ("email", "Email");
  properties[PROP_COMPANY] = string_param ("company", "Company");
  properties[PROP_NAME] = string_param ("name", "Name");
  properties[PROP_SOURCE] = string_param ("source", "Source");
  properties[PROP_STAGE] = string_param ("stage", "Stage");
  properties[PROP_STATUS] = string_param ("status", "Status");
  properties[PROP_OWNER] = string_param ("owner", "Owner");
  properties[PROP_FIT] = double_param ("fit", "Fit");
  properties[PROP_ENGAGEMENT] = double_param ("engagement", "Engagement");
  properties[PROP_TOTAL] = double_param ("total", "Total");
  properties[PROP_GRADE] = string_param ("grade", "Grade");
  properties[PROP_POLICY] = string_param ("policy", "Policy");
  /* Seconds from assignment to first touch; -1 untouched. */
  properties[PROP_TTFT] =
    g_param_spec_int64 ("ttft", "Time to first touch", NULL, -1, G_MAXINT64, -1, flags);
  properties[PROP_BREACHED] = boolean_param ("breached", "Breached");
  properties[PROP_FALLBACK] = boolean_param ("fallback", "Fallback");

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lw_lead_row_init (LwLeadRow *self)
{
  self->summary.ttft = -1;
}

LwLeadRow *
lw_lead_row_new (const LwLeadSummary *summary)
{
  LwLeadRow *self;

  g_return_val_if_fail (summary != NULL, NULL);

  self = g_object_new (LW_TYPE_LEAD_ROW, NULL);
  self->summary = *summary;
  for (guint i = 0; i < N_STRINGS; i++)
    {
      char **field = string_field (&self->summary, i, NULL);

      *field = g_strdup (*field);
    }
  if (self->summary.ttft < 0)
    self->summary.ttft = -1;
  self->summary.breached = summary->breached != FALSE;
  self->summary.fallback = summary->fallback != FALSE;
  return self;
}

void
lw_lead_row_update (LwLeadRow           *self,
                    const LwLeadSummary *summary)
{
  LwLeadSummary *s;

  g_return_if_fail (LW_IS_LEAD_ROW (self));
  g_return_if_fail (summary != NULL);
  g_return_if_fail (summary->id == self->summary.id);

  s = &self->summary;
  g_object_freeze_notify (G_OBJECT (self));
  set_int64 (self, &s->created_at, summary->created_at, PROP_CREATED);
  for (guint i = 0; i < N_STRINGS; i++)
    {
      guint prop;
      char **field = string_field (s, i, &prop);
      char *value = *string_field ((LwLeadSummary *) summary, i, NULL);

      if (g_strcmp0 (*field, value) == 0)
        continue;
      g_free (*field);
      *field = g_strdup (value);
      g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
    }
  set_double (self, &s->fit, summary->fit, PROP_FIT);
  set_double (self, &s->engagement, summary->engagement, PROP_ENGAGEMENT);
  set_double (self, &s->total, summary->total, PROP_TOTAL);
  set_int64 (self, &s->ttft, summary->ttft < 0 ? -1 : summary->ttft, PROP_TTFT);
  set_boolean (self, &s->breached, summary->breached, PROP_BREACHED);
  set_boolean (self, &s->fallback, summary->fallback, PROP_FALLBACK);
  g_object_thaw_notify (G_OBJECT (self));
}

guint
lw_lead_row_get_id (LwLeadRow *self)
{
  g_return_val_if_fail (LW_IS_LEAD_ROW (self), 0);
  return self->summary.id;
}

LwTime
lw_lead_row_get_created (LwLeadRow *self)
{
  g_return_val_if_fail (LW_IS_LEAD_ROW (self), 0);
  return self->summary.created_at;
}

const char *
lw_lead_row_get_email (LwLeadRow *self)
{
  g_return_val_if_fail (LW_IS_LEAD_ROW (self), NULL);
  return self->summary.email;
}

const char *
lw_lead_row_get_company (LwLeadRow *self)
{
  g_return_val_if_fail (LW_IS_LEAD_ROW (self), NULL);
  return self->summary.company;
}

const char *
lw_lead_row_get_name (LwLeadRow *self)
{
  g_return_val_if_fail (LW_IS_LEAD_ROW (self), NULL);
  return self->summary.name;
}

const char *
lw_lead_row_get_source (LwLeadRow *self)
{
  g_return_val_if_fail (LW_IS_LEAD_ROW (self), NULL);
  return self->summary.source;
}

const char *
lw_lead_row_get_stage (LwLeadRow *self)
{
  g_return_val_if_fail (LW_IS_LEAD_ROW (self), NULL);
  return self->summary.stage;
}

const char *
lw_lead_row_get_status (LwLeadRow *self)
{
  g_return_val_if_fail (LW_IS_LEAD_ROW (self), NULL);
  return self->summary.status;
}

const char *
lw_lead_row_get_owner (LwLeadRow *self)
{
  g_return_val_if_fail (LW_IS_LEAD_ROW (self), NULL);
  return self->summary.owner;
}

double
lw_lead_row_get_fit (LwLeadRow *self)
{
  g_return_val_if_fail (LW_IS_LEAD_ROW (self), 0);
  return self->summary.fit;
}

double
lw_lead_row_get_engagement (LwLeadRow *self)
{
  g_return_val_if_fail (LW_IS_LEAD_ROW (self), 0);
  return self->summary.engagement;
}

double
lw_lead_row_get_total (LwLeadRow *self)
{
  g_return_val_if_fail (LW_IS_LEAD_ROW (self), 0);
  return self->summary.total;
}

const char *
lw_lead_row_get_grade (LwLeadRow *self)
{
  g_return_val_if_fail (LW_IS_LEAD_ROW (self), NULL);
  return self->summary.grade;
}

const char *
lw_lead_row_get_policy (LwLeadRow *self)
{
  g_return_val_if_fail (LW_IS_LEAD_ROW (self), NULL);
  return self->summary.policy;
}

gint64
lw_lead_row_get_ttft (LwLeadRow *self)
{
  g_return_val_if_fail (LW_IS_LEAD_ROW (self), -1);
  return self->summary.ttft;
}

gboolean
lw_lead_row_get_breached (LwLeadRow *self)
{
  g_return_val_if_fail (LW_IS_LEAD_ROW (self), FALSE);
  return self->summary.breached;
}

gboolean
lw_lead_row_get_fallback (LwLeadRow *self)
{
  g_return_val_if_fail (LW_IS_LEAD_ROW (self), FALSE);
  return self->summary.fallback;
}
