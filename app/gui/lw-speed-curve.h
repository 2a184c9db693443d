/* lw-speed-curve.h: the speed-to-lead factor drawn against the first-touch time
 *
 * The scenario's conversion model (lw-scenario.h) scales every sales
 * step's rate by floor + (1 − floor) × 0.5^(t / half-life), t the minutes
 * from assignment to first touch. This small chart draws that factor from
 * 1 at t = 0 down towards the floor (a dashed line), over a time long
 * enough to show the fall: four hours, or eight half-lives when that is
 * longer. Its accessible description gives the factor at 5 minutes,
 * 1 hour and 1 day.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "lw-chart-base.h"

G_BEGIN_DECLS

#define LW_TYPE_SPEED_CURVE (lw_speed_curve_get_type ())
G_DECLARE_FINAL_TYPE (LwSpeedCurve, lw_speed_curve, LW, SPEED_CURVE, LwChartBase)

GtkWidget  *lw_speed_curve_new        (void);
/* @floor in 0..1; @half_life_minutes more than 0 (else the factor is
 * drawn flat at 1, as the simulator computes it). */
void        lw_speed_curve_set_model  (LwSpeedCurve *self,
                                       double        floor,
                                       double        half_life_minutes);
/* The factor the chart draws at @minutes, in 0..1. */
double      lw_speed_curve_factor_at  (LwSpeedCurve *self,
                                       double        minutes);

G_END_DECLS
