/* lw-export-playbook.h: the whole process as a document people read
 *
 * What a RevOps admin shares with marketing and sales: the lifecycle stages
 * with their definitions, owners and entry criteria; the lead statuses; the
 * recycling and disqualification paths; the scoring criteria, caps, decay,
 * MQL threshold and grades; the routing rules in order with the fallback;
 * the SLA policies and escalations in human units; the team with working
 * hours, pools and named accounts; and, when given, the funnel and SLA
 * figures of the latest run.
 *
 * Two renderings of the same content: Markdown, and a self-contained
 * printable HTML page (inline CSS with print styles, no script, no external
 * resource). Every text from the rule set is escaped for the format. The
 * document depends only on its inputs: no date of generation.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "lw-config.h"

G_BEGIN_DECLS

/* Figures of one stage in a run (the simulator's LwSimStageFigures). */
typedef struct
{
  guint  reached;      /* leads whose furthest stage is this one or a later one */
  guint  current;      /* leads in the stage when the run ended */
  double conversion;   /* share (0..1) of those that reached it that reached
                        * the next stage; negative: not applicable */
} LwPlaybookStageFigures;

/* SLA figures of a policy, or of every lead with a policy. */
typedef struct
{
  guint  leads;        /* leads put on the policy's clock */
  guint  met;          /* touched by the deadline */
  guint  breached;
  double compliance;   /* percent: 100 × met / (met + breached); negative:
                        * neither happened */
  gint64 ttft_p50;     /* time to first touch, seconds on the policy's clock; */
  gint64 ttft_p90;     /* negative: nobody was touched */
} LwPlaybookSlaFigures;

/* The latest run, as the playbook shows it. Arrays are indexed like the
 * rule set's stages and policies; @n_stages and @n_policies must match
 * them (a mismatch leaves that table out). */
typedef struct
{
  const char                   *title;       /* "Simulation of 5,000 leads over 30 days"; may be NULL */
  LwTime                        start;
  LwTime                        end;
  guint                         leads;
  guint                         mql;
  guint                         converted;   /* qualified by sales */
  guint                         fallback;    /* leads routing ended at the fallback */
  guint                         n_stages;
  const LwPlaybookStageFigures *stages;
  LwPlaybookSlaFigures          sla;         /* every lead with a policy */
  guint                         n_policies;
  const LwPlaybookSlaFigures   *policies;
} LwPlaybookFigures;

/* The playbook of bound @config; @figures may be NULL (no "Latest run"
 * section). Both return UTF-8 text ending with a newline. */
char *lw_playbook_to_markdown  (const LwConfig          *config,
                                const LwPlaybookFigures *figures);
char *lw_playbook_to_html      (const LwConfig          *config,
                                const LwPlaybookFigures *figures);

/* "10 minutes", "2 hours", "1 hour 30 minutes", "1 day"; with @business,
 * "24 hours of business time" (business time is never counted in days). */
char *lw_playbook_format_minutes (guint    minutes,
                                  gboolean business);

G_END_DECLS
