/* lw-chart-base.c: what every chart widget shares
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lw-chart-base.h"

typedef struct
{
  char *description;
} LwChartBasePrivate;

static void lw_chart_base_chart_init (LwChartInterface *iface);

G_DEFINE_ABSTRACT_TYPE_WITH_CODE (LwChartBase, lw_chart_base, GTK_TYPE_WIDGET,
                                  G_ADD_PRIVATE (LwChartBase)
                                  G_IMPLEMENT_INTERFACE (LW_TYPE_CHART, lw_chart_base_chart_init))

/* ---- LwChart ------------------------------------------------------------------------ */

static void
lw_chart_base_draw (LwChart *chart,
                    cairo_t *cr,
                    int      width,
                    int      height)
{
  LwChartBase *self = LW_CHART_BASE (chart);

  LW_CHART_BASE_GET_CLASS (self)->draw (self, cr, width, height);
}

static const char *
lw_chart_base_get_title (LwChart *chart)
{
  LwChartBase *self = LW_CHART_BASE (chart);

  return LW_CHART_BASE_GET_CLASS (self)->get_title (self);
}

static const char *
lw_chart_base_get_description (LwChart *chart)
{
  LwChartBasePrivate *priv = lw_chart_base_get_instance_private (LW_CHART_BASE (chart));

  return priv->description;
}

static void
lw_chart_base_chart_init (LwChartInterface *iface)
{
  iface->draw = lw_chart_base_draw;
  iface->get_title = lw_chart_base_get_title;
  iface->get_description = lw_chart_base_get_description;
}

/* ---- GtkWidget ---------------------------------------------------------------------- */

static void
lw_chart_base_css_changed (GtkWidget         *widget,
                           GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (lw_chart_base_parent_class)->css_changed (widget, change);
  /* The charts measure themselves by their fonts. */
  gtk_widget_queue_resize (widget);
}

/* ---- GObject ------------------------------------------------------------------------ */

static void
lw_chart_base_finalize (GObject *object)
{
  LwChartBasePrivate *priv = lw_chart_base_get_instance_private (LW_CHART_BASE (object));

  g_free (priv->description);

  G_OBJECT_CLASS (lw_chart_base_parent_class)->finalize (object);
}

static void
lw_chart_base_class_init (LwChartBaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = lw_chart_base_finalize;

  widget_class->snapshot = lw_chart_snapshot;
  widget_class->css_changed = lw_chart_base_css_changed;

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
lw_chart_base_init (LwChartBase *self)
{
  gtk_widget_add_css_class (GTK_WIDGET (self), "lw-chart");
}

/* ---- for subclasses ----------------------------------------------------------------- */

void
lw_chart_base_take_description (LwChartBase *self,
                                char        *description)
{
  LwChartBasePrivate *priv;

  g_return_if_fail (LW_IS_CHART_BASE (self));

  priv = lw_chart_base_get_instance_private (self);
  g_free (priv->description);
  priv->description = description;
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  LW_CHART_BASE_GET_CLASS (self)->get_title (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, priv->description,
                                  -1);
}
