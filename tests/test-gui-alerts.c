/* test-gui-alerts.c: desktop SLA alerts of live leads, driven through the
 * application as a person would
 *
 * The application runs in-process on a private D-Bus session (GTestDBus)
 * with a stand-in org.freedesktop.Notifications server of its own, the same
 * as tests/test-notifier.c's (it runs on its own thread, keeps what it is
 * sent and invokes actions as a click would). The live clocks run on an
 * injected time (lw_wall_clock_set()), never on sleeps. The workspace is
 * made from the sample playbook in a folder of the test's own (each test's
 * private XDG folders go when it ends) and opens as the last one used.
 *
 * Times are worked out by hand: 2026-03-16 is a Monday; London is UTC+0
 * until 2026-03-29, so Amelia Wright (EMEA, 09:00-12:30 and 13:30-17:30
 * London) works at 09:00Z. The sample's "demo" policy gives 10 business
 * minutes and warns 5 before: a demo request given to Amelia at T is warned
 * at T+5 and breached at T+10 while she works. This computer's time zone is
 * UTC (TZ is set before anything reads it), so quiet hours of 09:00-10:00
 * cover 09:00Z-10:00Z.
 *
 * The tests run in order and share the application and its workspace.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>
#include <libnotify/notify.h>

#include "lw-application.h"
#include "lw-config-json.h"
#include "lw-lead-inspector.h"
#include "lw-leads-page.h"
#include "lw-live.h"
#include "lw-new-lead-dialog.h"
#include "lw-notify-server.h"
#include "lw-sla-monitor-page.h"
#include "lw-sim-context.h"
#include "lw-simulate-page.h"
#include "lw-window.h"

#define MINUTE ((LwTime) 60)

static LwNotifyServer *server;

/* ---- helpers ------------------------------------------------------------------------ */

static LwApplication *app;
static GSettings *settings;
static char *workspace_dir;
static char *workspace_path;
static LwConfig *rules;         /* the workspace's, as it opened */
static LwTime t0;
static guint delivered;

static void
iterate_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

static void
iterate_until (gboolean (*done) (gpointer),
               gpointer  data)
{
  gint64 end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (!done (data) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  g_assert_true (done (data));
}

static LwWindow *
main_window (void)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (LW_IS_WINDOW (l->data))
      return l->data;
  return NULL;
}

static gboolean
window_ready (gpointer data)
{
  LwWindow *window = main_window ();

  return window != NULL && lw_window_get_workspace (window) != NULL && !lw_window_get_busy (window)
         && gtk_widget_get_mapped (GTK_WIDGET (window));
}

static LwWorkspace *
workspace (void)
{
  iterate_until (window_ready, NULL);
  return lw_window_get_workspace (main_window ());
}

static GtkWidget *
find_named (GtkWidget  *widget,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_type (GtkWidget *widget,
           GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_type (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static guint
count_labels (GtkWidget  *widget,
              const char *text)
{
  guint n = GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_labels (child, text);
  return n;
}

static void
delivered_cb (LwLiveAlerts *live,
              guint         raised,
              guint         shown)
{
  delivered++;
}

static gboolean
tick_done (gpointer data)
{
  guint *before = data;

  return delivered > *before && !lw_live_alerts_get_busy (lw_application_get_live_alerts (app));
}

/* The wall clock moves to @now and the clocks are checked. */
static void
tick (LwTime now)
{
  guint before = delivered;

  lw_wall_clock_set (now);
  lw_live_alerts_check_now (lw_application_get_live_alerts (app));
  iterate_until (tick_done, &before);
}

/* A demo request of the sample's EMEA enterprise segment: Amelia's. */
static gint64
add_lead (LwStore    *store,
          const char *first_name,
          const char *last_name,
          const char *region,
          LwTime      at)
{
  const LwConfig *config = rules;
  g_autoptr(LwLead) lead = lw_lead_new (config, NULL);
  g_autoptr(GError) error = NULL;
  const char *values[][2] = {
    { "first_name", first_name }, { "last_name", last_name }, { "company", "Northbeam" },
    { "region", region }, { "segment", "enterprise" }, { "conversion", "demo-request" },
  };
  gint64 id;

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_assert_true (lw_lead_set (lead, config, values[i][0], values[i][1], &error));
      g_assert_no_error (error);
    }
  id = lw_live_add (store != NULL ? store : lw_workspace_get_store (workspace ()), config, lead, NULL,
                    NULL, NULL, NULL, at, NULL, at, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static GPtrArray *
list_alerts (void)
{
  g_autoptr(GError) error = NULL;
  LwAlertFilter filter = LW_ALERT_FILTER_INIT;
  GPtrArray *records = lw_store_list_alerts (lw_workspace_get_store (workspace ()), &filter, &error);

  g_assert_no_error (error);
  return records;
}

/* The one notification received since @from whose summary is @summary. */
static const LwNotifyReceived *
find_received (guint       from,
               const char *summary)
{
  const LwNotifyReceived *found = NULL;

  for (guint i = from; i < lw_notify_server_count (server); i++)
    {
      const LwNotifyReceived *r = lw_notify_server_get (server, i);

      if (g_strcmp0 (r->summary, summary) == 0)
        {
          g_assert_null (found);
          found = r;
        }
    }
  g_assert_nonnull (found);
  return found;
}

static LwLeadInspector *
inspector (void)
{
  GtkWidget *page = lw_window_get_page (main_window (), "leads");

  g_assert_nonnull (page);
  return LW_LEAD_INSPECTOR (find_type (page, LW_TYPE_LEAD_INSPECTOR));
}

typedef struct
{
  gint64      lead;
  const char *label;
} ShownWait;

static gboolean
lead_shown (gpointer data)
{
  ShownWait *wait = data;
  LwWindow *window = main_window ();
  LwLeadInspector *insp;

  if (!window_ready (NULL) || g_strcmp0 (lw_window_get_visible_page (window), "leads") != 0 ||
      lw_window_get_page (window, "leads") == NULL)
    return FALSE;
  insp = inspector ();
  return lw_lead_inspector_get_live_lead (insp) == wait->lead && !lw_lead_inspector_get_loading (insp)
         && gtk_widget_get_visible (GTK_WIDGET (insp))
         && count_labels (GTK_WIDGET (insp), wait->label) > 0;
}

/* ---- the tests ------------------------------------------------------------------------- */

static void
test_start (void)
{
  g_autoptr(GError) error = NULL;
  LwWorkspace *ws;

  app = lw_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_signal_connect (lw_application_get_live_alerts (app), "delivered", G_CALLBACK (delivered_cb), NULL);

  g_application_activate (G_APPLICATION (app));
  ws = workspace ();
  /* The workspace made for the test, the sample's rules: its live leads
   * are followed. */
  g_assert_true (lw_workspace_is_file (ws, workspace_path));
  g_assert_cmpstr (lw_live_alerts_get_path (lw_application_get_live_alerts (app)), ==, lw_workspace_get_path (ws));
  g_assert_cmpuint (lw_workspace_get_n_errors (ws), ==, 0);
  rules = lw_config_ref ((LwConfig *) lw_workspace_get_config (ws));
  tick (t0);
  g_assert_cmpuint (lw_notify_server_count (server), ==, 0);
}

static void
test_preferences (void)
{
  g_autoptr(GPtrArray) records = NULL;
  const char * const na[] = { "na", NULL };
  const char * const breach_only[] = { "breach", NULL };
  const LwNotifyReceived *r;
  guint before;

  /* A manager of North America sees nothing of an EMEA lead. */
  g_settings_set_strv (settings, "alerts-teams", na);
  g_settings_set_boolean (settings, "alerts-all-teams", FALSE);
  add_lead (NULL, "Ana", "Silva", "EMEA", t0);
  tick (t0 + 11 * MINUTE);
  g_assert_cmpuint (lw_notify_server_count (server), ==, 0);
  records = list_alerts ();
  g_assert_cmpuint (records->len, ==, 0);
  g_clear_pointer (&records, g_ptr_array_unref);

  /* Every team: its warning at +5 and its breach at +10. */
  g_settings_set_boolean (settings, "alerts-all-teams", TRUE);
  add_lead (NULL, "Ben", "Ode", "EMEA", t0 + 11 * MINUTE);
  tick (t0 + 22 * MINUTE);
  g_assert_cmpuint (lw_notify_server_count (server), ==, 2);
  r = find_received (0, "SLA warning: Ben Ode (Northbeam)");
  g_assert_nonnull (strstr (r->body, "Owner: Amelia Wright"));
  r = find_received (0, "SLA breached: Ben Ode (Northbeam)");
  g_assert_nonnull (strstr (r->body, "Owner: Amelia Wright"));
  g_assert_nonnull (r->actions);
  g_assert_true (g_strv_contains ((const char * const *) r->actions, "open-lead"));
  g_assert_true (g_strv_contains ((const char * const *) r->actions, "snooze"));
  /* Both recorded, shown at the time they were sent. */
  records = list_alerts ();
  g_assert_cmpuint (records->len, ==, 2);
  for (guint i = 0; i < records->len; i++)
    g_assert_cmpint (((LwAlertRecord *) g_ptr_array_index (records, i))->shown_at, ==, t0 + 22 * MINUTE);
  g_clear_pointer (&records, g_ptr_array_unref);

  /* Quiet hours, 09:00 to 10:00 here: nothing shown, nothing recorded. */
  g_settings_set_int (settings, "alerts-quiet-start", 9 * 60);
  g_settings_set_int (settings, "alerts-quiet-end", 10 * 60);
  g_settings_set_boolean (settings, "alerts-quiet-hours", TRUE);
  add_lead (NULL, "Chen", "Li", "EMEA", t0 + 22 * MINUTE);
  tick (t0 + 33 * MINUTE);
  g_assert_cmpuint (lw_notify_server_count (server), ==, 2);
  records = list_alerts ();
  g_assert_cmpuint (records->len, ==, 2);
  g_clear_pointer (&records, g_ptr_array_unref);
  g_settings_set_boolean (settings, "alerts-quiet-hours", FALSE);

  /* Breaches only: the warning is not shown. */
  g_settings_set_strv (settings, "alerts-kinds", breach_only);
  before = lw_notify_server_count (server);
  add_lead (NULL, "Dora", "Kim", "EMEA", t0 + 33 * MINUTE);
  tick (t0 + 44 * MINUTE);
  g_assert_cmpuint (lw_notify_server_count (server), ==, before + 1);
  find_received (before, "SLA breached: Dora Kim (Northbeam)");
  g_settings_reset (settings, "alerts-kinds");
}

/* "Run in background": the window closed, the alerts go on; "Open lead" on
 * one opens a new window on that lead, which says how many came. */
static void
test_background_and_open_lead (void)
{
  g_autofree char *path = g_strdup (lw_workspace_get_path (workspace ()));
  g_autoptr(LwStore) store = NULL;
  g_autoptr(GError) error = NULL;
  ShownWait wait = { 0, "Finn Berg" };
  const LwNotifyReceived *r;
  guint before = lw_notify_server_count (server);

  g_settings_set_boolean (settings, "run-in-background", TRUE);
  gtk_window_close (GTK_WINDOW (main_window ()));
  iterate_for (100);
  g_assert_null (main_window ());

  store = lw_store_open (path, &error);
  g_assert_no_error (error);
  wait.lead = add_lead (store, "Finn", "Berg", "EMEA", t0 + 44 * MINUTE);
  tick (t0 + 55 * MINUTE);
  g_assert_cmpuint (lw_notify_server_count (server), ==, before + 2);
  g_assert_null (main_window ());

  r = find_received (before, "SLA breached: Finn Berg (Northbeam)");
  lw_notify_server_invoke (server, r->id, "open-lead");
  iterate_until (lead_shown, &wait);
  g_assert_cmpuint (count_labels (GTK_WIDGET (main_window ()), "2 alerts were sent while the window was closed"),
                    ==, 1);
  /* The Log Touch button waits beside it. */
  g_assert_true (gtk_widget_get_visible (find_named (GTK_WIDGET (inspector ()), "log-touch")));
  g_settings_set_boolean (settings, "run-in-background", FALSE);
}

static gboolean
not_loading (gpointer data)
{
  return !lw_lead_inspector_get_loading (data);
}

static void
touch_logged_cb (LwLeadInspector *insp,
                 gint64           id,
                 gint64          *logged)
{
  *logged = id;
}

static gboolean
id_set (gpointer data)
{
  return *(gint64 *) data != 0;
}

static gboolean
has_met (gpointer data)
{
  return !lw_lead_inspector_get_loading (data) && count_labels (data, "Met: touched in time") == 1;
}

static void
test_log_touch (void)
{
  ShownWait wait = { 0, "Gina Holm" };
  LwLeadInspector *insp;
  g_autoptr(LwLiveLead) lead = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *button, *popover;
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *now_text = NULL;
  gint64 logged = 0;
  guint before;

  wait.lead = add_lead (NULL, "Gina", "Holm", "EMEA", t0 + 55 * MINUTE);
  lw_window_show_lead (main_window (), 0, wait.lead);
  iterate_until (lead_shown, &wait);
  insp = inspector ();
  g_signal_connect (insp, "touch-logged", G_CALLBACK (touch_logged_cb), &logged);

  /* Two minutes in, the popover offers now. */
  lw_wall_clock_set (t0 + 57 * MINUTE);
  button = find_named (GTK_WIDGET (insp), "log-touch");
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button)));
  local = g_date_time_new_from_unix_local (t0 + 57 * MINUTE);
  now_text = g_date_time_format (local, "%Y-%m-%d %H:%M");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_named (popover, "touch-time"))), ==, now_text);

  /* A time that is no time: said so, nothing written. */
  gtk_editable_set_text (GTK_EDITABLE (find_named (popover, "touch-time")), "around ten");
  g_signal_emit_by_name (find_named (popover, "touch-submit"), "clicked");
  g_assert_false (lw_lead_inspector_get_loading (insp));
  g_assert_cmpuint (count_labels (popover, "Enter the time as 2026-03-16 09:57"), ==, 1);
  /* A time in the future: the engine refuses it. */
  gtk_editable_set_text (GTK_EDITABLE (find_named (popover, "touch-time")), "2026-03-16 10:30");
  g_signal_emit_by_name (find_named (popover, "touch-submit"), "clicked");
  iterate_until (not_loading, insp);
  g_assert_cmpint (logged, ==, 0);

  gtk_editable_set_text (GTK_EDITABLE (find_named (popover, "touch-time")), now_text);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (find_named (popover, "touch-email")), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (find_named (popover, "touch-note")), "Replied with slots");
  g_signal_emit_by_name (find_named (popover, "touch-submit"), "clicked");
  iterate_until (has_met, insp);
  /* ::touch-logged may come after the inspector showed the lead again. */
  iterate_until (id_set, &logged);
  g_assert_cmpint (logged, ==, wait.lead);

  lead = lw_store_get_live_lead (lw_workspace_get_store (workspace ()), wait.lead, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lead->first_touch_at, ==, t0 + 57 * MINUTE);
  g_assert_cmpuint (lead->touches, ==, 1);

  /* Past its deadline (+10): no breach comes. */
  before = lw_notify_server_count (server);
  tick (t0 + 70 * MINUTE);
  for (guint i = before; i < lw_notify_server_count (server); i++)
    g_assert_null (strstr (lw_notify_server_get (server, i)->summary, "Gina Holm"));
  g_signal_handlers_disconnect_by_func (insp, touch_logged_cb, &logged);
}

static LwNewLeadDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (LW_IS_NEW_LEAD_DIALOG (window))
        return LW_NEW_LEAD_DIALOG (window);
    }
  return NULL;
}

static gboolean
dialog_gone (gpointer data)
{
  return find_dialog () == NULL;
}

static gboolean
lists_nora (gpointer data)
{
  GtkWidget *page = lw_window_get_page (main_window (), "leads");
  GtkColumnView *view = GTK_COLUMN_VIEW (find_type (page, GTK_TYPE_COLUMN_VIEW));
  GListModel *model = G_LIST_MODEL (gtk_column_view_get_model (view));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(LwLeadRow) row = g_list_model_get_item (model, i);

      if (g_strcmp0 (lw_lead_row_get_name (row), "Nora Quist") == 0)
        {
          *(LwLeadRow **) data = g_object_ref (row);
          return TRUE;
        }
    }
  return FALSE;
}

static void
test_new_lead (void)
{
  GtkWidget *page;
  LwNewLeadDialog *dialog;
  g_autoptr(LwLeadRow) row = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(LwLiveLead) lead = NULL;
  g_autoptr(GError) error = NULL;
  LwStore *store = lw_workspace_get_store (workspace ());

  lw_window_show_page (main_window (), "leads", NULL);
  page = lw_window_get_page (main_window (), "leads");
  g_assert_true (gtk_widget_activate_action (page, "leads.new-lead", NULL));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);

  gtk_editable_set_text (GTK_EDITABLE (find_named (GTK_WIDGET (dialog), "first_name")), "Nora");
  gtk_editable_set_text (GTK_EDITABLE (find_named (GTK_WIDGET (dialog), "last_name")), "Quist");
  gtk_editable_set_text (GTK_EDITABLE (find_named (GTK_WIDGET (dialog), "company")), "Contoso");
  gtk_editable_set_text (GTK_EDITABLE (find_named (GTK_WIDGET (dialog), "email")), "nora@contoso.com");
  g_assert_true (lw_new_lead_dialog_set_field (dialog, "region", "EMEA"));
  g_assert_true (lw_new_lead_dialog_set_field (dialog, "conversion", "demo-request"));
  g_assert_false (lw_new_lead_dialog_set_field (dialog, "conversion", "carrier-pigeon"));
  g_assert_false (lw_new_lead_dialog_set_field (dialog, "no-such-property", "x"));

  /* Employees is a number: "lots" is refused at its row, nothing written. */
  before = lw_store_list_live_leads (store, FALSE, &error);
  g_assert_no_error (error);
  gtk_editable_set_text (GTK_EDITABLE (find_named (GTK_WIDGET (dialog), "employees")), "lots");
  g_signal_emit_by_name (find_named (GTK_WIDGET (dialog), "add"), "clicked");
  iterate_for (200);
  g_assert_true (find_dialog () == dialog);
  g_assert_true (gtk_widget_has_css_class (find_named (GTK_WIDGET (dialog), "employees"), "error"));
  after = lw_store_list_live_leads (store, FALSE, &error);
  g_assert_cmpuint (after->len, ==, before->len);

  gtk_editable_set_text (GTK_EDITABLE (find_named (GTK_WIDGET (dialog), "employees")), "250");
  g_signal_emit_by_name (find_named (GTK_WIDGET (dialog), "add"), "clicked");
  iterate_until (dialog_gone, NULL);

  /* Listed among the live leads with its owner: Contoso's account owner. */
  g_assert_true (lw_leads_page_get_live (LW_LEADS_PAGE (page)));
  iterate_until (lists_nora, &row);
  g_assert_cmpstr (lw_lead_row_get_owner (row), ==, "Amelia Wright");
  g_assert_cmpstr (lw_lead_row_get_company (row), ==, "Contoso");
  g_assert_cmpstr (lw_lead_row_get_policy (row), ==, "Demo and contact-sales requests");
  /* 250 employees (mid size) in a core region: scored. */
  g_assert_cmpfloat (lw_lead_row_get_fit (row), >, 0);

  lead = lw_store_get_live_lead (store, lw_lead_row_get_id (row), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lead->owner, ==, "amelia");
  g_assert_cmpstr (lead->policy, ==, "demo");
  g_assert_cmpint (lead->assigned_at, ==, t0 + 70 * MINUTE);
  g_assert_cmpint (lead->deadline, ==, t0 + 80 * MINUTE);
}

static void
updated_cb (LwSlaMonitorPage *page,
            gboolean         *flag)
{
  *flag = TRUE;
}

static gboolean
flag_set (gpointer data)
{
  return *(gboolean *) data;
}

static LwSlaMonitorPage *
monitor_updated (void)
{
  GtkWidget *page = lw_window_get_page (main_window (), "sla-monitor");
  gboolean updated = FALSE;
  gulong handler;

  g_assert_nonnull (page);
  handler = g_signal_connect (page, "updated", G_CALLBACK (updated_cb), &updated);
  lw_sla_monitor_page_refresh (LW_SLA_MONITOR_PAGE (page));
  iterate_until (flag_set, &updated);
  g_signal_handler_disconnect (page, handler);
  return LW_SLA_MONITOR_PAGE (page);
}

static void
test_monitor (void)
{
  g_autoptr(GPtrArray) records = list_alerts ();
  g_autoptr(GArray) leads = g_array_new (FALSE, FALSE, sizeof (LwAlertLeadRef));
  LwSlaMonitorPage *monitor;
  GPtrArray *shown;
  const LwAlertRecord *finn = NULL;
  ShownWait wait = { 0, "Finn Berg" };

  lw_window_show_page (main_window (), "sla-monitor", NULL);
  monitor = monitor_updated ();
  shown = lw_sla_monitor_page_get_alerts (monitor);

  /* Every alert recorded so far (Ben's two, Dora's breach, Finn's two),
   * newest first, each one a row. */
  g_assert_cmpuint (records->len, ==, 5);
  g_assert_cmpuint (shown->len, ==, records->len);
  for (guint i = 0; i < shown->len; i++)
    {
      const LwAlertRecord *a = g_ptr_array_index (shown, i);

      g_assert_cmpint (a->id, ==, ((LwAlertRecord *) g_ptr_array_index (records, i))->id);
      if (i > 0)
        g_assert_cmpint (a->created_at, <=, ((LwAlertRecord *) g_ptr_array_index (shown, i - 1))->created_at);
      if (g_strcmp0 (a->summary, "SLA breached: Finn Berg (Northbeam)") == 0)
        finn = a;
    }
  g_assert_cmpuint (lw_sla_monitor_page_get_n_alerts_shown (monitor), ==, records->len);
  g_assert_cmpuint (count_labels (GTK_WIDGET (monitor), "SLA breached: Finn Berg (Northbeam)"), ==, 1);

  /* Narrowed to one lead: its warning and its breach. */
  g_assert_nonnull (finn);
  g_array_append_val (leads, ((LwAlertLeadRef) { 0, finn->lead }));
  lw_sla_monitor_page_set_filter (monitor, "Finn", leads);
  g_assert_cmpuint (lw_sla_monitor_page_get_n_alerts_shown (monitor), ==, 2);
  g_assert_cmpstr (lw_sla_monitor_page_get_filter (monitor), ==, "Finn");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (monitor), "sla-monitor.show-all", NULL));
  g_assert_null (lw_sla_monitor_page_get_filter (monitor));
  g_assert_cmpuint (lw_sla_monitor_page_get_n_alerts_shown (monitor), ==, records->len);

  /* Activating an alert opens its lead. */
  wait.lead = finn->lead;
  {
    GtkWidget *target = NULL;
    GPtrArray *stack = g_ptr_array_new ();

    g_ptr_array_add (stack, monitor);
    while (stack->len > 0 && target == NULL)
      {
        GtkWidget *w = g_ptr_array_steal_index (stack, stack->len - 1);

        if (GTK_IS_LIST_BOX_ROW (w) && g_object_get_data (G_OBJECT (w), "lw-record") != NULL &&
            ((const LwAlertRecord *) g_object_get_data (G_OBJECT (w), "lw-record"))->id == finn->id)
          target = w;
        for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL; c = gtk_widget_get_next_sibling (c))
          g_ptr_array_add (stack, c);
      }
    g_ptr_array_unref (stack);
    g_assert_nonnull (target);
    g_signal_emit_by_name (gtk_widget_get_parent (target), "row-activated", target);
  }
  iterate_until (lead_shown, &wait);
}

static void
count_cb (LwSlaMonitorPage *page,
          guint            *count)
{
  (*count)++;
}

static gboolean
monitor_idle (gpointer data)
{
  return !lw_sla_monitor_page_is_querying (data);
}

static gboolean
unmapped (gpointer data)
{
  return !gtk_widget_get_mapped (data);
}

static gboolean
twice (gpointer data)
{
  return *(guint *) data >= 2;
}

/* A run writing ten times in a row: one query runs, one follows it with
 * what came meanwhile; one redraw each. */
static void
test_monitor_coalesces (void)
{
  LwSlaMonitorPage *monitor;
  guint updated = 0, queries;
  gulong handler;

  lw_window_show_page (main_window (), "sla-monitor", NULL);
  monitor = monitor_updated ();
  /* A query asked for while the first ran (on mapping) is over too. */
  iterate_until (monitor_idle, monitor);
  queries = lw_sla_monitor_page_get_n_queries (monitor);
  handler = g_signal_connect (monitor, "updated", G_CALLBACK (count_cb), &updated);
  for (guint i = 0; i < 10; i++)
    lw_workspace_run_progress (workspace (), 1, FALSE);
  g_assert_cmpuint (lw_sla_monitor_page_get_n_queries (monitor), ==, queries + 1);
  iterate_until (twice, &updated);
  iterate_until (monitor_idle, monitor);
  g_assert_cmpuint (lw_sla_monitor_page_get_n_queries (monitor), ==, queries + 2);
  g_assert_cmpuint (updated, ==, 2);

  /* Out of sight, a run's progress queries nothing (the window may drop
   * the page meanwhile: it is held here). */
  g_object_ref (monitor);
  lw_window_show_page (main_window (), "lifecycle", NULL);
  iterate_until (unmapped, monitor);
  queries = lw_sla_monitor_page_get_n_queries (monitor);
  lw_workspace_run_progress (workspace (), 1, FALSE);
  iterate_for (50);
  g_assert_cmpuint (lw_sla_monitor_page_get_n_queries (monitor), ==, queries);
  g_signal_handler_disconnect (monitor, handler);
  g_object_unref (monitor);
}

typedef struct
{
  const char *title;
} FilterWait;

static gboolean
monitor_filtered (gpointer data)
{
  FilterWait *wait = data;
  LwWindow *window = main_window ();
  GtkWidget *page = window != NULL ? lw_window_get_page (window, "sla-monitor") : NULL;

  return page != NULL && g_strcmp0 (lw_window_get_visible_page (window), "sla-monitor") == 0
         && g_strcmp0 (lw_sla_monitor_page_get_filter (LW_SLA_MONITOR_PAGE (page)), wait->title) == 0;
}

/* A burst becomes one summary; its action opens the monitor on its leads. */
static void
test_burst (void)
{
  const char *names[] = { "Ivo", "Jana", "Kurt", "Lena", "Mats" };
  guint before = lw_notify_server_count (server);
  const LwNotifyReceived *summary = NULL;
  g_autoptr(GPtrArray) records = NULL;
  LwSlaMonitorPage *monitor;
  FilterWait wait;
  guint burst = 0;

  lw_window_show_page (main_window (), "lifecycle", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    add_lead (NULL, names[i], "Burst", "EMEA", t0 + 80 * MINUTE);
  tick (t0 + 91 * MINUTE);
  for (guint i = before; i < lw_notify_server_count (server); i++)
    if (lw_notify_server_get (server, i)->actions != NULL &&
        g_strv_contains ((const char * const *) lw_notify_server_get (server, i)->actions, "open-monitor"))
      summary = lw_notify_server_get (server, i);
  g_assert_nonnull (summary);
  g_assert_true (g_str_has_suffix (summary->summary, "in EMEA in the last 5 minutes"));

  wait.title = summary->summary;
  lw_notify_server_invoke (server, summary->id, "open-monitor");
  iterate_until (monitor_filtered, &wait);
  monitor = monitor_updated ();
  /* The leads of the burst (the five, and Nora Quist's, due meanwhile):
   * their warnings and breaches, one row each. */
  records = list_alerts ();
  for (guint i = 0; i < records->len; i++)
    {
      const LwAlertRecord *record = g_ptr_array_index (records, i);

      burst += record->lead != 0 && record->created_at == t0 + 91 * MINUTE;
    }
  g_assert_cmpuint (burst, ==, 12);
  g_assert_cmpuint (lw_sla_monitor_page_get_n_alerts_shown (monitor), ==, burst);
}

static void
set_flag (gboolean *flag)
{
  *flag = TRUE;
}

/* "Snooze 15 minutes" holds the lead's next alert until the snooze ends. */
static void
test_snooze (void)
{
  guint before = lw_notify_server_count (server);
  const LwNotifyReceived *warning;
  gboolean snoozed = FALSE;
  gulong handler;

  add_lead (NULL, "Sami", "Lund", "EMEA", t0 + 91 * MINUTE);
  tick (t0 + 97 * MINUTE);
  g_assert_cmpuint (lw_notify_server_count (server), ==, before + 1);
  warning = find_received (before, "SLA warning: Sami Lund (Northbeam)");
  /* The click comes back over the bus: the application has it once the
   * notifier says so (its handler runs before this one). */
  handler = g_signal_connect_swapped (lw_application_get_notifier (app), "snooze", G_CALLBACK (set_flag), &snoozed);
  lw_notify_server_invoke (server, warning->id, "snooze");
  iterate_until (flag_set, &snoozed);
  g_signal_handler_disconnect (lw_application_get_notifier (app), handler);

  /* Breached at +10 (t0+101): held. */
  tick (t0 + 102 * MINUTE);
  g_assert_cmpuint (lw_notify_server_count (server), ==, before + 1);
  /* The snooze ends at t0+112: the breach shows then. */
  tick (t0 + 113 * MINUTE);
  g_assert_cmpuint (lw_notify_server_count (server), ==, before + 2);
  find_received (before + 1, "SLA breached: Sami Lund (Northbeam)");
}

static gboolean
toast_once (gpointer data)
{
  return count_labels (GTK_WIDGET (main_window ()), data) == 1;
}

static gboolean
run_over (gpointer data)
{
  return !lw_simulate_page_is_running (data);
}

/* A paced run from the Simulate page alerts the manager as live leads do,
 * and records its alerts under the run. */
static void
test_paced_run (void)
{
  LwSimContext *context = lw_sim_context_get (workspace ());
  LwScenario *draft = lw_sim_context_get_draft (context);
  LwSimSettings paced = *lw_sim_context_get_settings (context);
  g_autoptr(GPtrArray) records = NULL;
  LwAlertFilter filter = LW_ALERT_FILTER_INIT;
  g_autoptr(GError) error = NULL;
  guint before = lw_notify_server_count (server);
  GtkWidget *page;
  guint sla_alerts = 0, recorded = 0;
  gint64 run = 0;

  /* Quiet hours and teams as the earlier tests left them do not apply:
   * every team, no quiet hours. */
  g_settings_reset (settings, "alerts-teams");
  g_settings_reset (settings, "alerts-all-teams");
  g_settings_reset (settings, "alerts-quiet-hours");
  g_settings_reset (settings, "alerts-kinds");
  draft->leads = 80;
  draft->days = 1;
  lw_sim_context_draft_changed (context);
  g_assert_cmpuint (lw_sim_context_get_scenario (context)->leads, ==, 80);
  /* A simulated week a second: the day takes a seventh of a second. */
  paced.speed = 7 * 24 * 3600;
  g_assert_true (lw_sim_context_set_settings (context, &paced, &error));
  g_assert_no_error (error);

  lw_window_show_page (main_window (), "simulate", NULL);
  page = lw_window_get_page (main_window (), "simulate");
  gtk_widget_activate_action (page, "simulate.run", NULL);
  g_assert_true (lw_simulate_page_is_running (LW_SIMULATE_PAGE (page)));
  iterate_until (run_over, page);
  iterate_for (300);

  for (guint i = before; i < lw_notify_server_count (server); i++)
    {
      const LwNotifyReceived *r = lw_notify_server_get (server, i);

      sla_alerts += g_str_has_prefix (r->summary, "SLA ") || strstr (r->summary, "leads") != NULL;
    }
  g_assert_cmpuint (sla_alerts, >, 0);

  filter.run = -1;
  records = lw_store_list_alerts (lw_workspace_get_store (workspace ()), &filter, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < records->len; i++)
    {
      const LwAlertRecord *record = g_ptr_array_index (records, i);

      if (record->run > 0)
        {
          g_assert_true (run == 0 || run == record->run);
          run = record->run;
          recorded++;
        }
    }
  /* Every alert shown was recorded under the run (a summary is one). */
  g_assert_cmpuint (recorded, >=, sla_alerts);
}

/* No notification server: said once in the window; alerts still recorded. */
static void
test_no_server (void)
{
  const char *message = "No notification server is running: SLA alerts are recorded in the SLA monitor, "
                        "not shown on the desktop";
  g_autoptr(GPtrArray) records = NULL;
  guint n_new = 0, olle = 0;

  lw_notify_server_stop (server);
  server = NULL;

  add_lead (NULL, "Olle", "Gone", "EMEA", t0 + 113 * MINUTE);
  tick (t0 + 124 * MINUTE);
  iterate_until (toast_once, (gpointer) message);
  /* Recorded all the same, as shown by nobody. */
  records = list_alerts ();
  for (guint i = 0; i < records->len; i++)
    {
      const LwAlertRecord *record = g_ptr_array_index (records, i);

      if (record->created_at != t0 + 124 * MINUTE)
        continue;
      g_assert_cmpint (record->shown_at, ==, 0);
      n_new++;
      olle += g_str_has_suffix (record->summary, "Olle Gone (Northbeam)");
    }
  g_assert_cmpuint (olle, ==, 2);
  g_assert_cmpuint (n_new, >=, 2);
  g_clear_pointer (&records, g_ptr_array_unref);

  /* Again: not said twice. */
  add_lead (NULL, "Pia", "Gone", "EMEA", t0 + 124 * MINUTE);
  tick (t0 + 135 * MINUTE);
  iterate_for (200);
  g_assert_cmpuint (count_labels (GTK_WIDGET (main_window ()), message), ==, 1);
  g_assert_false (lw_notifier_get_available (lw_application_get_notifier (app)));
}

int
main (int    argc,
      char **argv)
{
  GTestDBus *bus;
  g_autofree char *display = NULL;
  g_autofree char *data_dirs = NULL;
  int status;

  /* Local time is UTC, for the quiet hours and the times shown. */
  g_setenv ("TZ", "UTC", TRUE);
  g_setenv ("NOTIFY_IGNORE_PORTAL", "1", TRUE);
  data_dirs = g_strdup (g_getenv ("XDG_DATA_DIRS") != NULL ? g_getenv ("XDG_DATA_DIRS")
                                                             : "/usr/local/share:/usr/share");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  /* The isolated XDG_DATA_DIRS has no icon theme; the private
   * XDG_DATA_HOME, where the default workspace goes, stays. */
  g_setenv ("XDG_DATA_DIRS", data_dirs, TRUE);

  /* The private bus first, so that everything connects to it; it unsets
   * DISPLAY, which GTK needs back. */
  display = g_strdup (g_getenv ("DISPLAY"));
  bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (bus);
  if (display != NULL)
    g_setenv ("DISPLAY", display, TRUE);
  if (display == NULL || !gtk_init_check ())
    {
      g_test_dbus_stop (bus);
      return 77;
    }
  adw_init ();
  server = lw_notify_server_start ();
  settings = g_settings_new (APP_ID);
  {
    g_autoptr(GDateTime) start = g_date_time_new_utc (2026, 3, 16, 9, 0, 0);
    g_autofree char *sample = g_build_filename (g_getenv ("LW_SAMPLES_DIR"), "b2b-playbook.json", NULL);
    g_autoptr(LwConfig) config = NULL;
    g_autoptr(LwWorkspace) created = NULL;
    g_autoptr(GError) error = NULL;

    t0 = g_date_time_to_unix (start);
    config = lw_config_load_file (sample, NULL, &error);
    g_assert_no_error (error);
    workspace_dir = g_dir_make_tmp ("lw-gui-alerts-XXXXXX", &error);
    g_assert_no_error (error);
    workspace_path = g_build_filename (workspace_dir, "alerts.leadwright", NULL);
    created = lw_workspace_create (workspace_path, config, "Sample playbook", t0, &error);
    g_assert_no_error (error);
    g_settings_set_string (settings, "last-workspace", workspace_path);
    g_settings_set_boolean (settings, "open-last-workspace", TRUE);
  }
  lw_wall_clock_set (t0);

  g_test_add_func ("/gui-alerts/start", test_start);
  g_test_add_func ("/gui-alerts/preferences", test_preferences);
  g_test_add_func ("/gui-alerts/background-and-open-lead", test_background_and_open_lead);
  g_test_add_func ("/gui-alerts/log-touch", test_log_touch);
  g_test_add_func ("/gui-alerts/new-lead", test_new_lead);
  g_test_add_func ("/gui-alerts/monitor", test_monitor);
  g_test_add_func ("/gui-alerts/monitor-coalesces", test_monitor_coalesces);
  g_test_add_func ("/gui-alerts/burst", test_burst);
  g_test_add_func ("/gui-alerts/snooze", test_snooze);
  g_test_add_func ("/gui-alerts/paced-run", test_paced_run);
  /* Last: it stops the server. */
  g_test_add_func ("/gui-alerts/no-server", test_no_server);

  status = g_test_run ();

  if (app != NULL)
    {
      for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL;
           l = gtk_application_get_windows (GTK_APPLICATION (app)))
        gtk_window_destroy (l->data);
      iterate_for (100);
    }
  g_clear_object (&settings);
  g_clear_pointer (&rules, lw_config_unref);
  notify_uninit ();
  if (server != NULL)
    lw_notify_server_stop (server);
  g_clear_object (&app);
  /* GTK keeps its own hold on the session connection to the end: the bus
   * stops, and its object stays, as g_test_dbus_down() (which its
   * finalization runs) would wait for that connection in vain. */
  g_test_dbus_stop (bus);
  {
    g_autoptr(GDir) dir = g_dir_open (workspace_dir, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *file = g_build_filename (workspace_dir, name, NULL);

        g_unlink (file);
      }
    g_rmdir (workspace_dir);
  }
  g_free (workspace_path);
  g_free (workspace_dir);
  return status;
}
