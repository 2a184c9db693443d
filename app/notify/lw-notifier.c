/* lw-notifier.c: desktop notifications of Leadwright's SLA alerts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libnotify/notify.h>

#include "lw-notifier.h"

/* The sound a server plays for an alert, from the freedesktop sound theme. */
#define ALERT_SOUND "message-new-instant"

struct _LwNotifier
{
  GObject      parent_instance;

  gboolean     available;
  gboolean     probed;        /* the server's name and capabilities are known */
  gboolean     markup;        /* the server reads markup in bodies */
  char        *server_name;
  GHashTable  *shown;         /* guint64 * serial -> NotifyNotification (owned) */
};

G_DEFINE_FINAL_TYPE (LwNotifier, lw_notifier, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_AVAILABLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  OPEN_LEAD,
  OPEN_MONITOR,
  SNOOZE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* What an action of one notification needs: the notifier (weakly: a
 * notification may outlive it on the server) and the alert it shows. */
typedef struct
{
  GWeakRef  notifier;
  LwAlert  *alert;
} ActionData;

static ActionData *
action_data_new (LwNotifier    *self,
                 const LwAlert *alert)
{
  ActionData *data = g_new0 (ActionData, 1);

  g_weak_ref_init (&data->notifier, self);
  data->alert = lw_alert_copy (alert);
  return data;
}

static void
action_data_free (gpointer user_data)
{
  ActionData *data = user_data;

  g_weak_ref_clear (&data->notifier);
  lw_alert_free (data->alert);
  g_free (data);
}

static void
set_available (LwNotifier *self,
               gboolean    available)
{
  if (self->available == available)
    return;
  self->available = available;
  if (!available)
    self->probed = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AVAILABLE]);
}

/* ---- callbacks ---------------------------------------------------------------- */

static void
action_invoked_cb (NotifyNotification *notification,
                   char               *action,
                   gpointer            user_data)
{
  ActionData *data = user_data;
  g_autoptr(LwNotifier) self = g_weak_ref_get (&data->notifier);
  const char *id = action;

  if (self == NULL)
    return;
  if (g_strcmp0 (id, "default") == 0)
    id = data->alert->default_action;

  if (g_strcmp0 (id, LW_ALERT_ACTION_OPEN_LEAD) == 0)
    g_signal_emit (self, signals[OPEN_LEAD], 0, data->alert->run, data->alert->lead);
  else if (g_strcmp0 (id, LW_ALERT_ACTION_OPEN_MONITOR) == 0)
    g_signal_emit (self, signals[OPEN_MONITOR], 0, data->alert);
  else if (g_strcmp0 (id, LW_ALERT_ACTION_SNOOZE) == 0)
    g_signal_emit (self, signals[SNOOZE], 0, data->alert);
}

static void
notification_closed_cb (NotifyNotification *notification,
                        gpointer            user_data)
{
  LwNotifier *self = user_data;
  const guint64 *serial = g_object_get_data (G_OBJECT (notification), "lw-serial");

  if (serial != NULL && g_hash_table_lookup (self->shown, serial) == notification)
    g_hash_table_remove (self->shown, serial);
}

/* ---- the server ------------------------------------------------------------------ */

static gboolean
probe_server (LwNotifier  *self,
              GError     **error)
{
  g_autofree char *name = NULL;
  GList *caps;

  if (!notify_get_server_info (&name, NULL, NULL, NULL))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("No notification server is running on this desktop"));
      return FALSE;
    }

  caps = notify_get_server_caps ();
  self->markup = g_list_find_custom (caps, "body-markup", (GCompareFunc) g_strcmp0) != NULL;
  g_list_free_full (caps, g_free);
  g_free (self->server_name);
  self->server_name = g_steal_pointer (&name);
  self->probed = TRUE;
  return TRUE;
}

gboolean
lw_notifier_probe (LwNotifier *self)
{
  gboolean found;

  g_return_val_if_fail (LW_IS_NOTIFIER (self), FALSE);

  found = probe_server (self, NULL);
  set_available (self, found);
  return found;
}

/* ---- sending ------------------------------------------------------------------------ */

static void
add_action (LwNotifier         *self,
            NotifyNotification *notification,
            const LwAlert      *alert,
            const char         *id,
            const char         *label)
{
  notify_notification_add_action (notification, id, label, action_invoked_cb,
                                  action_data_new (self, alert), action_data_free);
}

static const char *
label_of_action (const LwAlert *alert,
                 const char    *id)
{
  for (guint i = 0; alert->actions != NULL && alert->actions[i] != NULL && alert->actions[i + 1] != NULL; i += 2)
    if (g_strcmp0 (alert->actions[i], id) == 0)
      return alert->actions[i + 1];
  return id;
}

static void
fill_notification (LwNotifier         *self,
                   NotifyNotification *notification,
                   const LwAlert      *alert)
{
  g_autofree char *body = self->markup ? g_markup_escape_text (alert->body, -1) : g_strdup (alert->body);

  notify_notification_update (notification, alert->summary, body, APP_ID);
  notify_notification_clear_hints (notification);
  notify_notification_clear_actions (notification);

  notify_notification_set_urgency (notification, (NotifyUrgency) alert->urgency);
  notify_notification_set_category (notification, alert->category);
  notify_notification_set_hint (notification, "desktop-entry", g_variant_new_string (APP_ID));
  if (alert->sound)
    notify_notification_set_hint (notification, "sound-name", g_variant_new_string (ALERT_SOUND));
  else
    notify_notification_set_hint (notification, "suppress-sound", g_variant_new_boolean (TRUE));
  notify_notification_set_timeout (notification, NOTIFY_EXPIRES_DEFAULT);

  if (alert->default_action != NULL)
    add_action (self, notification, alert, "default", label_of_action (alert, alert->default_action));
  for (guint i = 0; alert->actions != NULL && alert->actions[i] != NULL && alert->actions[i + 1] != NULL; i += 2)
    add_action (self, notification, alert, alert->actions[i], alert->actions[i + 1]);
}

gboolean
lw_notifier_send (LwNotifier     *self,
                  const LwAlert  *alert,
                  GError        **error)
{
  g_autoptr(GError) local = NULL;
  NotifyNotification *notification;
  gboolean replacing;

  g_return_val_if_fail (LW_IS_NOTIFIER (self), FALSE);
  g_return_val_if_fail (alert != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!self->probed && !probe_server (self, &local))
    {
      set_available (self, FALSE);
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }

  /* A summary still on screen is updated in place. */
  notification = g_hash_table_lookup (self->shown, &alert->serial);
  replacing = notification != NULL;
  if (replacing)
    g_object_ref (notification);
  else
    notification = notify_notification_new (alert->summary, NULL, APP_ID);
  fill_notification (self, notification, alert);

  if (!notify_notification_show (notification, &local))
    {
      if (replacing)
        g_hash_table_remove (self->shown, &alert->serial);
      g_object_unref (notification);
      set_available (self, FALSE);
      /* translators: %s is the D-Bus error */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("No notification server took the alert: %s"), local->message);
      return FALSE;
    }

  if (!replacing)
    {
      g_object_set_data_full (G_OBJECT (notification), "lw-serial",
                              g_memdup2 (&alert->serial, sizeof alert->serial), g_free);
      g_signal_connect_object (notification, "closed", G_CALLBACK (notification_closed_cb), self, 0);
      g_hash_table_insert (self->shown, g_memdup2 (&alert->serial, sizeof alert->serial),
                           g_object_ref (notification));
    }
  g_object_unref (notification);

  for (guint i = 0; i < alert->closes->len; i++)
    lw_notifier_close (self, g_array_index (alert->closes, guint64, i));

  set_available (self, TRUE);
  return TRUE;
}

void
lw_notifier_close (LwNotifier *self,
                   guint64     serial)
{
  NotifyNotification *notification;

  g_return_if_fail (LW_IS_NOTIFIER (self));

  notification = g_hash_table_lookup (self->shown, &serial);
  if (notification == NULL)
    return;
  g_object_ref (notification);
  g_hash_table_remove (self->shown, &serial);
  /* Closing a notification the server already dropped is no error worth
   * telling anyone. */
  notify_notification_close (notification, NULL);
  g_object_unref (notification);
}

gboolean
lw_notifier_get_available (LwNotifier *self)
{
  g_return_val_if_fail (LW_IS_NOTIFIER (self), FALSE);

  return self->available;
}

const char *
lw_notifier_get_server_name (LwNotifier *self)
{
  g_return_val_if_fail (LW_IS_NOTIFIER (self), NULL);

  return self->server_name;
}

guint
lw_notifier_get_n_shown (LwNotifier *self)
{
  g_return_val_if_fail (LW_IS_NOTIFIER (self), 0);

  return g_hash_table_size (self->shown);
}

/* ---- GObject ------------------------------------------------------------------------- */

static void
lw_notifier_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  LwNotifier *self = LW_NOTIFIER (object);

  switch (prop_id)
    {
    case PROP_AVAILABLE:
      g_value_set_boolean (value, self->available);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lw_notifier_dispose (GObject *object)
{
  LwNotifier *self = LW_NOTIFIER (object);

  /* Notifications stay on screen; only our hold on them goes. */
  g_hash_table_remove_all (self->shown);

  G_OBJECT_CLASS (lw_notifier_parent_class)->dispose (object);
}

static void
lw_notifier_finalize (GObject *object)
{
  LwNotifier *self = LW_NOTIFIER (object);

  g_hash_table_unref (self->shown);
  g_free (self->server_name);

  G_OBJECT_CLASS (lw_notifier_parent_class)->finalize (object);
}

static void
lw_notifier_class_init (LwNotifierClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = lw_notifier_get_property;
  object_class->dispose = lw_notifier_dispose;
  object_class->finalize = lw_notifier_finalize;

  properties[PROP_AVAILABLE] =
    g_param_spec_boolean ("available", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The user asked to see the lead: @run is 0 for a live lead. */
  signals[OPEN_LEAD] = g_signal_new ("open-lead", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_INT64);
  /* The user asked to see the leads of a summary (LwAlert.leads). */
  signals[OPEN_MONITOR] = g_signal_new ("open-monitor", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                        LW_TYPE_ALERT | G_SIGNAL_TYPE_STATIC_SCOPE);
  /* The user snoozed the alert: pass it to lw_alerts_snooze(). */
  signals[SNOOZE] = g_signal_new ("snooze", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                  LW_TYPE_ALERT | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
lw_notifier_init (LwNotifier *self)
{
  self->available = TRUE;
  self->shown = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
}

LwNotifier *
lw_notifier_new (const char *app_name)
{
  g_return_val_if_fail (app_name != NULL, NULL);

  if (!notify_is_initted ())
    notify_init (app_name);
  return g_object_new (LW_TYPE_NOTIFIER, NULL);
}
