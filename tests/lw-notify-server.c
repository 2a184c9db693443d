/* lw-notify-server.c: a stand-in org.freedesktop.Notifications server for tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lw-notify-server.h"

static const char server_xml[] =
  "<node><interface name='org.freedesktop.Notifications'>"
  " <method name='Notify'><arg type='s' direction='in'/><arg type='u' direction='in'/>"
  "  <arg type='s' direction='in'/><arg type='s' direction='in'/><arg type='s' direction='in'/>"
  "  <arg type='as' direction='in'/><arg type='a{sv}' direction='in'/><arg type='i' direction='in'/>"
  "  <arg type='u' direction='out'/></method>"
  " <method name='CloseNotification'><arg type='u' direction='in'/></method>"
  " <method name='GetCapabilities'><arg type='as' direction='out'/></method>"
  " <method name='GetServerInformation'><arg type='s' direction='out'/><arg type='s' direction='out'/>"
  "  <arg type='s' direction='out'/><arg type='s' direction='out'/></method>"
  " <signal name='NotificationClosed'><arg type='u'/><arg type='u'/></signal>"
  " <signal name='ActionInvoked'><arg type='u'/><arg type='s'/></signal>"
  "</interface></node>";


static void
received_free (gpointer data)
{
  LwNotifyReceived *r = data;

  g_free (r->app_name);
  g_free (r->icon);
  g_free (r->summary);
  g_free (r->body);
  g_strfreev (r->actions);
  g_variant_unref (r->hints);
  g_free (r);
}

static void
server_method_cb (GDBusConnection       *connection,
                  const char            *sender,
                  const char            *path,
                  const char            *interface,
                  const char            *method,
                  GVariant              *parameters,
                  GDBusMethodInvocation *invocation,
                  gpointer               user_data)
{
  LwNotifyServer *s = user_data;

  if (g_strcmp0 (method, "Notify") == 0)
    {
      LwNotifyReceived *r = g_new0 (LwNotifyReceived, 1);

      g_variant_get (parameters, "(susss^as@a{sv}i)", &r->app_name, &r->replaces_id, &r->icon,
                     &r->summary, &r->body, &r->actions, &r->hints, &r->timeout);
      g_mutex_lock (&s->lock);
      r->id = r->replaces_id != 0 ? r->replaces_id : ++s->counter;
      g_ptr_array_add (s->received, r);
      g_cond_broadcast (&s->cond);
      g_mutex_unlock (&s->lock);
      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(u)", r->id));
    }
  else if (g_strcmp0 (method, "CloseNotification") == 0)
    {
      guint32 id;

      g_variant_get (parameters, "(u)", &id);
      g_mutex_lock (&s->lock);
      g_array_append_val (s->closed, id);
      g_mutex_unlock (&s->lock);
      g_dbus_connection_emit_signal (connection, NULL, path, interface, "NotificationClosed",
                                     g_variant_new ("(uu)", id, 3), NULL);
      g_dbus_method_invocation_return_value (invocation, NULL);
    }
  else if (g_strcmp0 (method, "GetCapabilities") == 0)
    {
      const char *caps[] = { "body", "actions", "body-markup", "icon-static", NULL };

      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(^as)", caps));
    }
  else
    g_dbus_method_invocation_return_value (invocation,
                                           g_variant_new ("(ssss)", "leadwright-test", "Leadwright", "1.0", "1.2"));
}

static void
server_name_acquired_cb (GDBusConnection *connection,
                         const char      *name,
                         gpointer         user_data)
{
  LwNotifyServer *s = user_data;

  g_mutex_lock (&s->lock);
  s->ready = TRUE;
  g_cond_broadcast (&s->cond);
  g_mutex_unlock (&s->lock);
}

static void
server_name_lost_cb (GDBusConnection *connection,
                     const char      *name,
                     gpointer         user_data)
{
  LwNotifyServer *s = user_data;

  g_mutex_lock (&s->lock);
  s->failed = !s->ready;
  s->ready = FALSE;
  g_cond_broadcast (&s->cond);
  g_mutex_unlock (&s->lock);
}

static gpointer
server_thread (gpointer data)
{
  LwNotifyServer *s = data;
  static const GDBusInterfaceVTable vtable = { server_method_cb, NULL, NULL, { 0 } };
  g_autoptr(GDBusNodeInfo) node = g_dbus_node_info_new_for_xml (server_xml, NULL);
  g_autoptr(GError) error = NULL;
  guint registration, owner;

  g_main_context_push_thread_default (s->context);
  s->connection = g_dbus_connection_new_for_address_sync (g_getenv ("DBUS_SESSION_BUS_ADDRESS"),
                                                          G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                          G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                          NULL, NULL, &error);
  g_assert_no_error (error);
  registration = g_dbus_connection_register_object (s->connection, NOTIFICATIONS_PATH, node->interfaces[0],
                                                    &vtable, s, NULL, &error);
  g_assert_no_error (error);
  owner = g_bus_own_name_on_connection (s->connection, NOTIFICATIONS_NAME, G_BUS_NAME_OWNER_FLAGS_NONE,
                                        server_name_acquired_cb, server_name_lost_cb, s, NULL);
  g_main_loop_run (s->loop);

  g_bus_unown_name (owner);
  g_dbus_connection_unregister_object (s->connection, registration);
  g_dbus_connection_close_sync (s->connection, NULL, NULL);
  g_clear_object (&s->connection);
  /* Let the closing finish before the context goes. */
  while (g_main_context_iteration (s->context, FALSE))
    ;
  g_main_context_pop_thread_default (s->context);
  return NULL;
}

LwNotifyServer *
lw_notify_server_start (void)
{
  LwNotifyServer *s = g_new0 (LwNotifyServer, 1);

  g_mutex_init (&s->lock);
  g_cond_init (&s->cond);
  s->received = g_ptr_array_new_with_free_func (received_free);
  s->closed = g_array_new (FALSE, FALSE, sizeof (guint32));
  s->context = g_main_context_new ();
  s->loop = g_main_loop_new (s->context, FALSE);
  s->thread = g_thread_new ("notification-server", server_thread, s);

  g_mutex_lock (&s->lock);
  while (!s->ready && !s->failed)
    g_cond_wait (&s->cond, &s->lock);
  g_mutex_unlock (&s->lock);
  g_assert_false (s->failed);
  return s;
}

static gboolean
quit_loop_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

void
lw_notify_server_stop (LwNotifyServer *s)
{
  g_main_context_invoke (s->context, quit_loop_cb, s->loop);
  g_thread_join (s->thread);
  g_main_loop_unref (s->loop);
  g_main_context_unref (s->context);
  g_ptr_array_unref (s->received);
  g_array_unref (s->closed);
  g_mutex_clear (&s->lock);
  g_cond_clear (&s->cond);
  g_free (s);
}

void
lw_notify_server_reset (LwNotifyServer *s)
{
  g_mutex_lock (&s->lock);
  g_ptr_array_set_size (s->received, 0);
  g_array_set_size (s->closed, 0);
  g_mutex_unlock (&s->lock);
}

guint
lw_notify_server_count (LwNotifyServer *s)
{
  guint n;

  g_mutex_lock (&s->lock);
  n = s->received->len;
  g_mutex_unlock (&s->lock);
  return n;
}

const LwNotifyReceived *
lw_notify_server_get (LwNotifyServer *s,
                      guint           i)
{
  const LwNotifyReceived *r;

  g_mutex_lock (&s->lock);
  g_assert_cmpuint (i, <, s->received->len);
  r = g_ptr_array_index (s->received, i);
  g_mutex_unlock (&s->lock);
  return r;
}

void
lw_notify_server_invoke (LwNotifyServer *s,
                         guint32         id,
                         const char     *action)
{
  g_autoptr(GError) error = NULL;

  g_dbus_connection_emit_signal (s->connection, NULL, NOTIFICATIONS_PATH, NOTIFICATIONS_NAME, "ActionInvoked",
                                 g_variant_new ("(us)", id, action), &error);
  g_assert_no_error (error);
}

