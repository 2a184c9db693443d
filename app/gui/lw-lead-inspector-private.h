/* lw-lead-inspector-private.h: what the files of the lead inspector share
 *
 * LwLeadInspector is written in three files: lw-lead-inspector.c (the
 * widget, the rows it tracks, its public functions), and beside it the
 * story of a lead of a run (its facts, its timeline, its explanation
 * retraced on a worker thread) and the story of a live lead with the Log
 * Touch popover. They share the instance struct, the small helpers below
 * and the functions declared here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lw-lead-inspector.h"

G_BEGIN_DECLS

struct _LwLeadInspector
{
  GtkWidget            parent_instance;

  /* children */
  GtkStack            *stack;
  GtkLabel            *title;
  GtkLabel            *subtitle;
  AdwPreferencesGroup *facts_group;
  AdwPreferencesGroup *sla_group;
  AdwPreferencesGroup *timeline_group;
  AdwPreferencesGroup *explain_group;
  GtkSpinner          *spinner;
  GtkWidget           *log_button;
  GtkPopover          *touch_popover;
  GtkToggleButton     *touch_kinds[LW_N_TOUCH_KINDS];
  GtkEditable         *touch_time;
  GtkEditable         *touch_note;
  GtkLabel            *touch_error;

  /* owned */
  GPtrArray           *rows;          /* (group, row) pairs to remove */
  GCancellable        *cancellable;
  LwConfig            *config;        /* the rule set of config_run */
  gint64               config_run;
  gint64               run;
  guint32              lead;
  gboolean             loading;

  /* a live lead */
  gint64               live_id;
  LwStore             *live_store;
  char                *live_path;
  LwConfig            *live_config;
  char                *live_owner;    /* rep id, for the touches logged here */
  GCancellable        *touch_cancellable;
};

enum {
  TOUCH_LOGGED,
  N_SIGNALS
};

extern guint _lw_lead_inspector_signals[N_SIGNALS];

/* What the worker thread of an explanation needs. */
typedef struct
{
  char    *path;
  gint64   run;
  guint32  lead;
} ExplainData;

/* ---- small helpers ------------------------------------------------------------------ */

static inline void
explain_data_free (ExplainData *data)
{
  g_free (data->path);
  g_free (data);
}

static inline const char *
or_dash (const char *text)
{
  return text != NULL && *text != '\0' ? text : "—";
}

/* ---- shared functions --------------------------------------------------------------- */

/* lw-lead-inspector.c: the rows, the loading state */
void            _lw_lead_inspector_clear_rows          (LwLeadInspector     *self);
void            _lw_lead_inspector_track_row           (LwLeadInspector     *self,
                                                        AdwPreferencesGroup *group,
                                                        GtkWidget           *row);
GtkWidget      *_lw_lead_inspector_make_row            (const char          *title,
                                                        const char          *subtitle);
GtkWidget      *_lw_lead_inspector_add_fact            (LwLeadInspector     *self,
                                                        AdwPreferencesGroup *group,
                                                        const char          *title,
                                                        const char          *value);
void            _lw_lead_inspector_set_loading         (LwLeadInspector     *self,
                                                        gboolean             loading);

/* lw-lead-inspector-run.c: a lead of a run */
const LwConfig *_lw_lead_inspector_run_config          (LwLeadInspector     *self,
                                                        LwStore             *store,
                                                        gint64               run);
void            _lw_lead_inspector_explain_thread      (GTask               *task,
                                                        gpointer             source_object,
                                                        gpointer             task_data,
                                                        GCancellable        *cancellable);
void            _lw_lead_inspector_explain_done        (GObject             *source,
                                                        GAsyncResult        *result,
                                                        gpointer             user_data);
void            _lw_lead_inspector_show_facts          (LwLeadInspector     *self,
                                                        const LwConfig      *config,
                                                        LwLeadRow           *row,
                                                        const LwStoredLead  *lead);
void            _lw_lead_inspector_show_timeline       (LwLeadInspector     *self,
                                                        const LwConfig      *config,
                                                        GArray              *events);

/* lw-lead-inspector-live.c: a live lead, and its touches */
void            _lw_lead_inspector_load_live_story     (LwLeadInspector     *self);
GtkWidget      *_lw_lead_inspector_build_touch_popover (LwLeadInspector     *self);

G_END_DECLS
