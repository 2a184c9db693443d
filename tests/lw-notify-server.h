/* lw-notify-server.h: a stand-in org.freedesktop.Notifications server for tests
 *
 * It runs on a thread of its own on the session bus of the test (a
 * private one: dbus-run-session or GTestDBus), keeps every notification
 * it is sent, and can click an action as a person would.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define NOTIFICATIONS_PATH  "/org/freedesktop/Notifications"
#define NOTIFICATIONS_NAME  "org.freedesktop.Notifications"

typedef struct
{
  guint32   id;
  char     *app_name;
  guint32   replaces_id;
  char     *icon;
  char     *summary;
  char     *body;
  GStrv     actions;
  GVariant *hints;
  gint32    timeout;
} LwNotifyReceived;

typedef struct
{
  GMutex           lock;
  GCond            cond;
  GPtrArray       *received;     /* LwNotifyReceived */
  GArray          *closed;       /* guint32 */
  guint32          counter;
  gboolean         ready;
  gboolean         failed;

  GThread         *thread;
  GMainContext    *context;
  GMainLoop       *loop;
  GDBusConnection *connection;
} LwNotifyServer;

/* Owns the name on the session bus, or fails the test. */
LwNotifyServer         *lw_notify_server_start  (void);
void                    lw_notify_server_stop   (LwNotifyServer *s);
/* Forgets what was received and closed. */
void                    lw_notify_server_reset  (LwNotifyServer *s);
guint                   lw_notify_server_count  (LwNotifyServer *s);
/* The @i-th notification received; valid until the next reset. */
const LwNotifyReceived *lw_notify_server_get    (LwNotifyServer *s,
                                                 guint           i);
/* A person clicks @action on notification @id. */
void                    lw_notify_server_invoke (LwNotifyServer *s,
                                                 guint32         id,
                                                 const char     *action);

G_END_DECLS
