/* lw-sim-setup.c: a simulation made ready to run: the scenario's draws,
 * the email model, the rule set's tables and the run's arrays
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>
#include <sys/mman.h>

#include <glib/gi18n-lib.h>

#include "lw-sim-internal.h"

/* ---- setting up -------------------------------------------------------------------- */

gboolean
_lw_sim_fail_setup (GError    **error,
                    const char *format,
                    ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, LW_SIM_ERROR, LW_SIM_ERROR_INVALID, message);
  return FALSE;
}

/* Arrays this large are mapped apart, asking for 2 MiB pages (Linux's
 * transparent huge pages, where the system allows them for memory that
 * asks): every event reads a random lead's record and values, and with
 * 4 KiB pages a million leads' records span far more pages than the
 * processor's address cache holds, so most of those reads also walked
 * the page tables. */
#define BIG_ARRAY ((gsize) 4 << 20)

/* @size bytes, zeroed; aborts when there is no memory, as g_malloc0()
 * does. */
gpointer
_lw_sim_big_alloc (gsize size)
{
#ifdef MADV_HUGEPAGE
  if (size >= BIG_ARRAY)
    {
      void *p = mmap (NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

      if (p == MAP_FAILED)
        g_error ("%s: failed to allocate %" G_GSIZE_FORMAT " bytes", G_STRLOC, size);
      /* A hint: without it the pages are small, nothing else. */
      (void) madvise (p, size, MADV_HUGEPAGE);
      return p;
    }
#endif
  return g_malloc0 (size);
}

/* Frees what _lw_sim_big_alloc (@size) gave. */
void
_lw_sim_big_free (gpointer p,
                  gsize    size)
{
  if (p == NULL)
    return;
#ifdef MADV_HUGEPAGE
  if (size >= BIG_ARRAY)
    {
      munmap (p, size);
      return;
    }
#endif
  g_free (p);
}

static void
clear_values (LwValue *values,
              guint    n)
{
  for (guint i = 0; values != NULL && i < n; i++)
    lw_value_clear (&values[i]);
}

/* FNV-1a: a hash that is the same everywhere. */
static guint32
hash_text (const char *text)
{
  guint32 h = 2166136261u;

  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    {
      h ^= *p;
      h *= 16777619u;
    }
  return h;
}

/* Lower-case ASCII letters and digits of @text, for email addresses. */
static char *
dup_slug (const char *text)
{
  g_autofree char *ascii = g_str_to_ascii (text, "C");
  GString *slug = g_string_new (NULL);

  for (const char *p = ascii; *p != '\0'; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (slug, g_ascii_tolower (*p));
  return g_string_free (slug, FALSE);
}

static void
build_categorical (Categorical *cat,
                   GPtrArray   *weights,
                   GenProp     *gen)
{
  double sum = 0;

  cat->n = weights->len;
  cat->cumulative = g_new (double, MAX (cat->n, 1));
  cat->ids = g_new (guint16, MAX (cat->n, 1));
  for (guint i = 0; i < weights->len; i++)
    {
      const LwWeight *w = g_ptr_array_index (weights, i);

      sum += w->weight;
      cat->cumulative[i] = sum;
      cat->ids[i] = gen != NULL ? GPOINTER_TO_UINT (g_hash_table_lookup (gen->ids, w->value)) - 1
                                : i;
    }
}

static void
clear_categorical (Categorical *cat)
{
  g_clear_pointer (&cat->cumulative, g_free);
  g_clear_pointer (&cat->ids, g_free);
}

static void
clear_drawer (Drawer *d)
{
  clear_categorical (&d->cat);
  for (guint i = 0; i < d->n_branches; i++)
    clear_categorical (&d->branches[i]);
  g_clear_pointer (&d->branches, g_free);
  g_clear_pointer (&d->branch_of, g_free);
  g_clear_pointer (&d->below, g_free);
  g_clear_pointer (&d->band_ids, g_free);
  g_clear_pointer (&d->part_sizes, g_free);
  g_clear_pointer (&d->combo_ids, g_free);
}

guint8
_lw_sim_intern_grade (LwSimulation *sim,
                      guint8        current,
                      const char   *grade)
{
  Interned *interned;

  if (grade[0] == '\0')
    return 0;
  /* Most scorings keep the grade the lead had. */
  if (current > 0 && current < sim->grades->len)
    {
      interned = g_ptr_array_index (sim->grades, current);
      if (strcmp (interned->value.str, grade) == 0)
        return current;
    }
  for (guint i = 1; i < sim->grades->len; i++)
    {
      interned = g_ptr_array_index (sim->grades, i);
      if (strcmp (interned->value.str, grade) == 0)
        return (guint8) i;
    }
  if (sim->grades->len > G_MAXUINT8)
    return 0;
  interned = g_new0 (Interned, 1);
  lw_value_set_text (&interned->value, grade);
  g_ptr_array_add (sim->grades, interned);
  return (guint8) (sim->grades->len - 1);
}

static int
find_gen (LwSimulation *sim,
          const char   *property)
{
  for (guint i = 0; property != NULL && i < sim->n_gen; i++)
    if (g_strcmp0 (sim->gen[i].base->property, property) == 0)
      return (int) i;
  return -1;
}

/* Adds @text to @gen's values, parsed for the rule set; returns its id,
 * or -1 with @error set when the text does not fit the property. */
int
_lw_sim_intern_value (LwSimulation *sim,
                      GenProp      *gen,
                      const char   *text,
                      const char   *path,
                      GError      **error)
{
  const LwProperty *property = g_ptr_array_index (sim->config->properties, gen->prop);
  g_autoptr(GError) local_error = NULL;
  LwValue value = { 0, };
  gpointer found = g_hash_table_lookup (gen->ids, text);
  guint id;

  if (found != NULL)
    return GPOINTER_TO_INT (found) - 1;

  if (gen->texts->len >= MAX_VALUES)
    {
      /* translators: %s (first) is a JSON path, then a property id */
      _lw_sim_fail_setup (error, _("%s: more than %u different values of “%s”"),
                          path, MAX_VALUES, property->id);
      return -1;
    }
  if (!lw_value_parse (&value, property, text, &local_error))
    {
      /* translators: %s (first) is a JSON path, then an error message */
      _lw_sim_fail_setup (error, _("%s: %s"), path, local_error->message);
      return -1;
    }

  id = gen->texts->len;
  g_ptr_array_add (gen->texts, g_strdup (text));
  g_hash_table_insert (gen->ids, g_ptr_array_index (gen->texts, id), GUINT_TO_POINTER (id + 1));
  g_array_append_val (gen->values, value);
  if (gen->slugs != NULL)
    {
      char *slug = dup_slug (text);
      g_array_append_val (gen->slugs, slug);
    }
  return (int) id;
}

static gboolean
intern_weights (LwSimulation *sim,
                GenProp      *gen,
                GPtrArray    *weights,
                const char   *path,
                GError      **error)
{
  for (guint i = 0; i < weights->len; i++)
    {
      const LwWeight *w = g_ptr_array_index (weights, i);

      if (_lw_sim_intern_value (sim, gen, w->value, path, error) < 0)
        return FALSE;
    }
  return TRUE;
}

/* Every value @dist may give, so that ids are known before the run. */
static gboolean
intern_dist (LwSimulation         *sim,
             GenProp              *gen,
             const LwPropertyDist *dist,
             const char           *path,
             GError              **error)
{
  switch (dist->kind)
    {
    case LW_VALUES_CATEGORICAL:
      return intern_weights (sim, gen, dist->weights, path, error);

    case LW_VALUES_CONDITIONAL:
      for (guint i = 0; i < dist->branches->len; i++)
        {
          const LwBranch *branch = g_ptr_array_index (dist->branches, i);

          if (!intern_weights (sim, gen, branch->weights, path, error))
            return FALSE;
        }
      return TRUE;

    case LW_VALUES_BANDS:
      for (guint i = 0; i < dist->bands->len; i++)
        {
          const LwBand *band = g_ptr_array_index (dist->bands, i);

          if (_lw_sim_intern_value (sim, gen, band->value, path, error) < 0)
            return FALSE;
        }
      return TRUE;

    case LW_VALUES_COMBINE:
      {
        guint64 combinations = 1;

        for (guint i = 0; i < dist->parts->len; i++)
          combinations *= g_strv_length (g_ptr_array_index (dist->parts, i));
        if (combinations > MAX_VALUES)
          /* translators: %s is a JSON path */
          return _lw_sim_fail_setup (error, _("%s: more than %u combinations"), path, MAX_VALUES);
        return TRUE;
      }

    case LW_VALUES_NUMBER:
    default:
      return TRUE;
    }
}

static gboolean
build_drawer (LwSimulation         *sim,
              GenProp              *gen,
              const LwPropertyDist *dist,
              Drawer               *d,
              const char           *path,
              GError              **error)
{
  d->dist = dist;

  switch (dist->kind)
    {
    case LW_VALUES_CATEGORICAL:
      build_categorical (&d->cat, dist->weights, gen);
      break;

    case LW_VALUES_CONDITIONAL:
      {
        GenProp *parent = &sim->gen[gen->parent];

        d->n_branches = dist->branches->len;
        d->branches = g_new0 (Categorical, MAX (d->n_branches, 1));
        d->default_branch = -1;
        for (guint i = 0; i < d->n_branches; i++)
          {
            const LwBranch *branch = g_ptr_array_index (dist->branches, i);

            build_categorical (&d->branches[i], branch->weights, gen);
            if (g_strcmp0 (branch->when, "*") == 0)
              d->default_branch = (int) i;
            else if (!g_hash_table_contains (parent->ids, branch->when))
              /* translators: %s (first) is a JSON path, then a value, then a property id */
              return _lw_sim_fail_setup (error, _("%s: “%s” is not a value “%s” is drawn with"),
                                         path, branch->when, parent->base->property);
          }
        d->n_branch_of = parent->texts->len;
        d->branch_of = g_new (int, MAX (d->n_branch_of, 1));
        for (guint v = 0; v < d->n_branch_of; v++)
          {
            d->branch_of[v] = d->default_branch;
            for (guint i = 0; i < d->n_branches; i++)
              {
                const LwBranch *branch = g_ptr_array_index (dist->branches, i);

                if (g_strcmp0 (branch->when, g_ptr_array_index (parent->texts, v)) == 0)
                  d->branch_of[v] = (int) i;
              }
          }
      }
      break;

    case LW_VALUES_BANDS:
      d->n_bands = dist->bands->len;
      d->below = g_new (double, MAX (d->n_bands, 1));
      d->band_ids = g_new (guint16, MAX (d->n_bands, 1));
      for (guint i = 0; i < d->n_bands; i++)
        {
          const LwBand *band = g_ptr_array_index (dist->bands, i);

          d->below[i] = band->has_below ? band->below : INFINITY;
          d->band_ids[i] = GPOINTER_TO_UINT (g_hash_table_lookup (gen->ids, band->value)) - 1;
        }
      break;

    case LW_VALUES_COMBINE:
      {
        guint64 combinations = 1;

        d->part_sizes = g_new (guint, MAX (dist->parts->len, 1));
        for (guint i = 0; i < dist->parts->len; i++)
          {
            d->part_sizes[i] = g_strv_length (g_ptr_array_index (dist->parts, i));
            combinations *= d->part_sizes[i];
          }
        /* setup_gen_props() refused more than MAX_VALUES combinations. */
        if (dist->parts->len <= COMBO_MAX_PARTS && combinations > 0 && combinations <= MAX_VALUES)
          {
            d->combo_ids = g_new (guint16, combinations);
            memset (d->combo_ids, 0xff, combinations * sizeof (guint16));
          }
      }
      break;

    case LW_VALUES_NUMBER:
    default:
      break;
    }
  return TRUE;
}

static gboolean
setup_gen_props (LwSimulation  *sim,
                 GError       **error)
{
  GPtrArray *dists = sim->scenario->properties;

  sim->n_gen = dists->len;
  sim->gen = g_new0 (GenProp, MAX (sim->n_gen, 1));

  for (guint k = 0; k < sim->n_gen; k++)
    {
      const LwPropertyDist *dist = g_ptr_array_index (dists, k);
      GenProp *gen = &sim->gen[k];
      g_autofree char *path = g_strdup_printf ("$.properties.%s", dist->property);
      const LwProperty *property = lw_config_find_property (sim->config, dist->property);

      gen->base = dist;
      gen->parent = -1;
      gen->texts = g_ptr_array_new_with_free_func (g_free);
      gen->ids = g_hash_table_new (g_str_hash, g_str_equal);
      gen->values = g_array_new (FALSE, TRUE, sizeof (LwValue));
      gen->numeric = dist->kind == LW_VALUES_NUMBER;
      gen->slot = gen->numeric ? sim->n_num++ : sim->n_cat++;

      if (property == NULL)
        /* translators: %s (first) is a JSON path, then a property id */
        return _lw_sim_fail_setup (error, _("%s: the rule set has no property “%s”"),
                                   path, dist->property);
      if (property->builtin)
        /* translators: %s (first) is a JSON path, then a property id */
        return _lw_sim_fail_setup (error, _("%s: “%s” is a built-in property that the "
                                    "simulation sets itself"), path, dist->property);
      if (dist->kind == LW_VALUES_COMBINE && property->type != LW_PROPERTY_STRING)
        /* translators: %s (first) is a JSON path, then a property id */
        return _lw_sim_fail_setup (error, _("%s: combined words can only give values of a text "
                                    "property, and “%s” is not one"), path, dist->property);
      if (gen->numeric && property->type != LW_PROPERTY_NUMBER &&
          property->type != LW_PROPERTY_DATETIME)
        /* translators: %s (first) is a JSON path, then a property id */
        return _lw_sim_fail_setup (error, _("%s: a numeric distribution cannot give values of “%s”, "
                                    "which is not a number"), path, dist->property);
      gen->prop = (int) property->index;

      if (dist->kind == LW_VALUES_CONDITIONAL || dist->kind == LW_VALUES_BANDS)
        {
          const char *parent = dist->kind == LW_VALUES_CONDITIONAL ? dist->depends_on
                                                                    : dist->bands_of;

          gen->parent = find_gen (sim, parent);
          if (gen->parent < 0 || gen->parent >= (int) k)
            /* translators: %s (first) is a JSON path, then a property id */
            return _lw_sim_fail_setup (error, _("%s: “%s” is not drawn before this property"),
                                       path, parent);
          if (dist->kind == LW_VALUES_BANDS && !sim->gen[gen->parent].numeric)
            /* translators: %s (first) is a JSON path, then a property id */
            return _lw_sim_fail_setup (error, _("%s: bands need a numeric property, and “%s” is not "
                                        "drawn as a number"), path, parent);
          if (dist->kind == LW_VALUES_CONDITIONAL &&
              (sim->gen[gen->parent].numeric ||
               sim->gen[gen->parent].base->kind == LW_VALUES_COMBINE))
            /* translators: %s (first) is a JSON path, then a property id */
            return _lw_sim_fail_setup (error, _("%s: “%s” is not drawn from a list of values"),
                                       path, parent);
        }
    }

  for (guint k = 0; k < sim->n_gen; k++)
    {
      GenProp *gen = &sim->gen[k];
      g_autofree char *path = g_strdup_printf ("$.properties.%s", gen->base->property);

      if (g_strcmp0 (gen->base->property, sim->scenario->email.first_name) == 0 ||
          g_strcmp0 (gen->base->property, sim->scenario->email.last_name) == 0 ||
          g_strcmp0 (gen->base->property, sim->scenario->email.company) == 0)
        gen->slugs = g_array_new (FALSE, FALSE, sizeof (char *));

      if (!intern_dist (sim, gen, gen->base, path, error))
        return FALSE;
      for (guint e = 0; e < sim->scenario->entry_points->len; e++)
        {
          const LwEntryPoint *entry = g_ptr_array_index (sim->scenario->entry_points, e);

          for (guint j = 0; j < entry->properties->len; j++)
            {
              const LwPropertyDist *over = g_ptr_array_index (entry->properties, j);
              g_autofree char *over_path = NULL;

              if (g_strcmp0 (over->property, gen->base->property) != 0)
                continue;
              over_path = g_strdup_printf ("$.entryPoints[%u].properties.%s", e, over->property);
              if (over->kind == LW_VALUES_COMBINE &&
                  ((const LwProperty *) g_ptr_array_index (sim->config->properties,
                                                           gen->prop))->type != LW_PROPERTY_STRING)
                /* translators: %s is a JSON path */
                return _lw_sim_fail_setup (error, _("%s: combined words can only give values of a text "
                                            "property"), over_path);
              if ((over->kind == LW_VALUES_NUMBER) != gen->numeric)
                /* translators: %s is a JSON path */
                return _lw_sim_fail_setup (error, _("%s: draws numbers where $.properties does not, "
                                            "or the other way round"), over_path);
              if (over->kind == LW_VALUES_CONDITIONAL || over->kind == LW_VALUES_BANDS)
                {
                  const char *parent = over->kind == LW_VALUES_CONDITIONAL ? over->depends_on
                                                                            : over->bands_of;
                  if (find_gen (sim, parent) != gen->parent)
                    /* translators: %s is a JSON path */
                    return _lw_sim_fail_setup (error, _("%s: must depend on the same property as in "
                                                "$.properties"), over_path);
                }
              if (over->kind != gen->base->kind &&
                  (over->kind == LW_VALUES_CONDITIONAL || over->kind == LW_VALUES_BANDS ||
                   gen->base->kind == LW_VALUES_CONDITIONAL ||
                   gen->base->kind == LW_VALUES_BANDS))
                /* translators: %s is a JSON path */
                return _lw_sim_fail_setup (error, _("%s: must be drawn the same way as in $.properties"),
                                           over_path);
              if (!intern_dist (sim, gen, over, over_path, error))
                return FALSE;
            }
        }
    }

  /* Drawers once every value has its id. */
  for (guint k = 0; k < sim->n_gen; k++)
    {
      GenProp *gen = &sim->gen[k];
      g_autofree char *path = g_strdup_printf ("$.properties.%s", gen->base->property);

      if (!build_drawer (sim, gen, gen->base, &gen->drawer, path, error))
        return FALSE;
      gen->overrides = g_new0 (Drawer *, MAX (sim->n_entries, 1));
      for (guint e = 0; e < sim->n_entries; e++)
        {
          const LwEntryPoint *entry = g_ptr_array_index (sim->scenario->entry_points, e);

          for (guint j = 0; j < entry->properties->len; j++)
            {
              const LwPropertyDist *over = g_ptr_array_index (entry->properties, j);
              g_autofree char *over_path = NULL;

              if (g_strcmp0 (over->property, gen->base->property) != 0)
                continue;
              over_path = g_strdup_printf ("$.entryPoints[%u].properties.%s", e, over->property);
              gen->overrides[e] = g_new0 (Drawer, 1);
              if (!build_drawer (sim, gen, over, gen->overrides[e], over_path, error))
                return FALSE;
            }
        }
    }

  sim->gen_first_name = find_gen (sim, sim->scenario->email.first_name);
  sim->gen_last_name = find_gen (sim, sim->scenario->email.last_name);
  sim->gen_company = find_gen (sim, sim->scenario->email.company);
  for (int *g = &sim->gen_first_name; g <= &sim->gen_company; g++)
    if (*g >= 0 && sim->gen[*g].numeric)
      *g = -1;
  return TRUE;
}

guint32
_lw_sim_intern_domain (LwSimulation *sim,
                       const char   *domain)
{
  g_autofree char *lower = g_utf8_strdown (domain, -1);
  gpointer found = g_hash_table_lookup (sim->domain_ids, lower);
  Interned *interned;

  if (found != NULL)
    return GPOINTER_TO_UINT (found) - 1;

  interned = g_new0 (Interned, 1);
  lw_value_set_text (&interned->value, lower);
  g_ptr_array_add (sim->domains, interned);
  g_hash_table_insert (sim->domain_ids, interned->value.str,
                       GUINT_TO_POINTER (sim->domains->len));
  return sim->domains->len - 1;
}

static void
free_interned (Interned *interned)
{
  lw_value_clear (&interned->value);
  g_free (interned);
}

/* A categorical draw of domains: its ids are domain ids. */
static void
build_domain_categorical (LwSimulation *sim,
                          Categorical  *cat,
                          GPtrArray    *weights)
{
  build_categorical (cat, weights, NULL);
  for (guint i = 0; i < weights->len; i++)
    {
      const LwWeight *w = g_ptr_array_index (weights, i);
      guint32 id = _lw_sim_intern_domain (sim, w->value);

      /* Free and competitor domains are interned first: their ids are
       * small. */
      g_assert (id < MISSING);
      cat->ids[i] = (guint16) id;
    }
}

static gboolean
setup_email (LwSimulation  *sim,
             GError       **error)
{
  const LwEmailModel *e = &sim->scenario->email;
  const LwProperty *property;

  sim->domains = g_ptr_array_new_with_free_func ((GDestroyNotify) free_interned);
  sim->domain_ids = g_hash_table_new (g_str_hash, g_str_equal);
  sim->company_domain = g_array_new (FALSE, FALSE, sizeof (guint32));
  sim->words = g_string_new (NULL);
  sim->email_prop = -1;

  if (e->property == NULL)
    return TRUE;

  property = lw_config_find_property (sim->config, e->property);
  if (property == NULL || property->type != LW_PROPERTY_EMAIL)
    /* translators: %s is a property id */
    return _lw_sim_fail_setup (error, _("$.email.property: the rule set has no email property “%s”"),
                               e->property);
  sim->email_prop = (int) property->index;

  sim->domain_props = g_new0 (int, sim->config->properties->len);
  for (guint i = 0; i < sim->config->properties->len; i++)
    {
      const LwProperty *p = g_ptr_array_index (sim->config->properties, i);

      if (p->domain_of != NULL && p->domain_of_index == sim->email_prop)
        sim->domain_props[sim->n_domain_props++] = (int) i;
    }

  build_domain_categorical (sim, &sim->free_domains, e->free_domains);
  build_domain_categorical (sim, &sim->competitor_domains, e->competitor_domains);

  if (e->account_domains != NULL)
    {
      sim->n_account_domains = g_strv_length (e->account_domains);
      sim->account_domains = g_new (guint32, MAX (sim->n_account_domains, 1));
      for (guint i = 0; i < sim->n_account_domains; i++)
        sim->account_domains[i] = _lw_sim_intern_domain (sim, e->account_domains[i]);
    }
  else
    {
      /* The rule set's accounts: the only place the leads depend on the
       * rule set, and only in which domain a draw names. */
      sim->n_account_domains = sim->config->accounts->len;
      sim->account_domains = g_new (guint32, MAX (sim->n_account_domains, 1));
      for (guint i = 0; i < sim->n_account_domains; i++)
        {
          const LwAccount *account = g_ptr_array_index (sim->config->accounts, i);
          sim->account_domains[i] = _lw_sim_intern_domain (sim, account->domain);
        }
    }
  return TRUE;
}

static int
add_activity_id (LwSimulation *sim,
                 const char   *id,
                 const char   *path,
                 GError      **error)
{
  int index;

  for (guint i = 0; i < sim->activity_ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (sim->activity_ids, i), id) == 0)
      return (int) i;

  index = lw_config_activity_index (sim->config, id);
  if (index < 0)
    {
      /* translators: %s (first) is a JSON path, then an activity id */
      _lw_sim_fail_setup (error, _("%s: the rule set has no activity “%s”"), path, id);
      return -1;
    }
  if (sim->activity_ids->len > G_MAXUINT16)
    {
      /* translators: %s is a JSON path */
      _lw_sim_fail_setup (error, _("%s: a scenario names at most 65,536 activities"), path);
      return -1;
    }
  g_ptr_array_add (sim->activity_ids, g_strdup (id));
  sim->activity_index = g_renew (int, sim->activity_index, sim->activity_ids->len);
  sim->activity_index[sim->activity_ids->len - 1] = index;
  return (int) sim->activity_ids->len - 1;
}

static gboolean
setup_activities (LwSimulation  *sim,
                  GError       **error)
{
  LwScenario *s = sim->scenario;

  sim->activity_ids = g_ptr_array_new_with_free_func (g_free);
  sim->model_activity = g_new0 (int, MAX (s->activities->len, 1));
  for (guint i = 0; i < s->activities->len; i++)
    {
      const LwActivityModel *model = g_ptr_array_index (s->activities, i);
      g_autofree char *path = g_strdup_printf ("$.activities[%u].activity", i);

      sim->model_activity[i] = add_activity_id (sim, model->activity, path, error);
      if (sim->model_activity[i] < 0)
        return FALSE;
    }

  sim->gen_arrival = -1;
  if (s->arrival_property == NULL)
    return TRUE;

  sim->gen_arrival = find_gen (sim, s->arrival_property);
  if (sim->gen_arrival < 0 || sim->gen[sim->gen_arrival].numeric ||
      sim->gen[sim->gen_arrival].base->kind == LW_VALUES_COMBINE)
    /* translators: %s is a property id */
    return _lw_sim_fail_setup (error, _("$.arrivalActivity.property: “%s” is not drawn from a list "
                                "of values in $.properties"), s->arrival_property);

  sim->n_arrival_activity = sim->gen[sim->gen_arrival].texts->len;
  sim->arrival_activity = g_new (int, MAX (sim->n_arrival_activity, 1));
  for (guint v = 0; v < sim->n_arrival_activity; v++)
    sim->arrival_activity[v] = -1;
  for (guint i = 0; i < s->arrival_activities->len; i++)
    {
      const LwMapping *m = g_ptr_array_index (s->arrival_activities, i);
      g_autofree char *path = g_strdup_printf ("$.arrivalActivity.map.%s", m->key);
      gpointer found = g_hash_table_lookup (sim->gen[sim->gen_arrival].ids, m->key);
      int activity;

      if (found == NULL)
        /* translators: %s (first) is a JSON path, then a value, then a property id */
        return _lw_sim_fail_setup (error, _("%s: “%s” is never drawn for “%s”"),
                                   path, m->key, s->arrival_property);
      activity = add_activity_id (sim, m->value, path, error);
      if (activity < 0)
        return FALSE;
      sim->arrival_activity[GPOINTER_TO_UINT (found) - 1] = activity;
    }
  return TRUE;
}

/* The prepared values of an enum built-in: @values[i] for option i. */
static LwValue *
prepare_options (const LwProperty *property)
{
  LwValue *values = g_new0 (LwValue, MAX (property->options->len, 1));

  for (guint i = 0; i < property->options->len; i++)
    {
      const LwOption *option = g_ptr_array_index (property->options, i);
      lw_value_set_text (&values[i], option->value);
    }
  return values;
}

static int
find_option (const LwProperty *property,
             const char       *value)
{
  for (guint i = 0; i < property->options->len; i++)
    {
      const LwOption *option = g_ptr_array_index (property->options, i);

      if (g_strcmp0 (option->value, value) == 0)
        return (int) i;
    }
  return -1;
}

static const LwNumberDist *
find_override (GPtrArray  *list,
               const char *id)
{
  for (guint i = 0; id != NULL && i < list->len; i++)
    {
      const LwResponseOverride *o = g_ptr_array_index (list, i);

      if (g_strcmp0 (o->id, id) == 0)
        return &o->minutes;
    }
  return NULL;
}

/* Whether @condition reads only properties that a simulated lead keeps
 * from its creation to the end of the run: the generated ones, the email
 * and its domain, never the built-in ones (stage, status, scores, ...),
 * which the run changes. */
static gboolean
reads_fixed_properties (const LwConfig    *config,
                        const LwCondition *condition)
{
  for (guint i = 0; i < condition->groups->len; i++)
    {
      const LwFilterGroup *group = g_ptr_array_index (condition->groups, i);

      for (guint j = 0; j < group->filters->len; j++)
        {
          const LwFilter *filter = g_ptr_array_index (group->filters, j);

          if (filter->prop_index < LW_N_BUILTINS ||
              (guint) filter->prop_index >= config->properties->len)
            return FALSE;
        }
    }
  return TRUE;
}

/* Whether @condition reads only the built-in properties (stage, status,
 * scores, ...), which _lw_sim_refresh_builtins() sets. */
static gboolean
reads_builtins_only (const LwCondition *condition)
{
  for (guint i = 0; i < condition->groups->len; i++)
    {
      const LwFilterGroup *group = g_ptr_array_index (condition->groups, i);

      for (guint j = 0; j < group->filters->len; j++)
        {
          const LwFilter *filter = g_ptr_array_index (group->filters, j);

          if (filter->prop_index < 0 || filter->prop_index >= LW_N_BUILTINS)
            return FALSE;
        }
    }
  return TRUE;
}

/* The one property @condition reads; -1 when it reads none or more. */
static int
single_property (const LwCondition *condition)
{
  int property = -1;

  for (guint i = 0; i < condition->groups->len; i++)
    {
      const LwFilterGroup *group = g_ptr_array_index (condition->groups, i);

      for (guint j = 0; j < group->filters->len; j++)
        {
          const LwFilter *filter = g_ptr_array_index (group->filters, j);

          if (filter->prop_index < 0 || (property >= 0 && filter->prop_index != property))
            return -1;
          property = filter->prop_index;
        }
    }
  return property;
}

static StaticFilter *
free_static_filters (StaticFilter *filters)
{
  for (StaticFilter *f = filters; f != NULL && f->filter != NULL; f++)
    g_clear_pointer (&f->memo, g_byte_array_unref);
  g_free (filters);
  return NULL;
}

/* Where the value of @property comes from when _lw_sim_materialize() sets it from
 * one value id only: its slot in the lead's categorical values (>= 0), or
 * -1 for the email's domain; -2 when it does not (the email itself, a
 * numeric property, a property no draw sets, or drawn twice). */
static int
memo_slot_of (const LwSimulation *sim,
              int                 property)
{
  gboolean domain = FALSE;
  int slot = -1;
  guint n_gen = 0;

  if (property < 0 || property == sim->email_prop)
    return -2;
  for (guint i = 0; i < sim->n_domain_props; i++)
    domain = domain || sim->domain_props[i] == property;
  for (guint g = 0; g < sim->n_gen; g++)
    if (sim->gen[g].prop == property)
      {
        n_gen++;
        slot = sim->gen[g].numeric ? -2 : (int) sim->gen[g].slot;
      }

  /* _lw_sim_materialize() sets the domain's properties last, when there is an
   * email property. */
  if (domain && sim->email_prop >= 0)
    return -1;
  if (!domain && n_gen == 1 && slot >= 0)
    return slot;
  return -2;
}

/* The filters of a static criterion's @condition for sim->static_filters;
 * NULL when none of them can keep results per value, and when a group
 * has no filter (it holds for every lead) or a NULL one: those are left
 * to lw_condition_eval(). */
static StaticFilter *
build_static_filters (const LwSimulation *sim,
                      const LwCondition  *condition)
{
  StaticFilter *filters;
  guint n = 0;
  guint i = 0;
  gboolean any = FALSE;

  for (guint g = 0; g < condition->groups->len; g++)
    {
      const LwFilterGroup *group = g_ptr_array_index (condition->groups, g);

      if (group->filters->len == 0)
        return NULL;
      for (guint j = 0; j < group->filters->len; j++)
        if (g_ptr_array_index (group->filters, j) == NULL)
          return NULL;
      n += group->filters->len;
    }
  if (n == 0)
    return NULL;

  filters = g_new0 (StaticFilter, n + 1);  /* the end: a NULL filter */
  for (guint g = 0; g < condition->groups->len; g++)
    {
      const LwFilterGroup *group = g_ptr_array_index (condition->groups, g);

      for (guint j = 0; j < group->filters->len; j++, i++)
        {
          StaticFilter *f = &filters[i];

          f->filter = g_ptr_array_index (group->filters, j);
          f->first_of_group = j == 0;
          f->memo_slot = f->filter->op < LW_N_OPERATORS ? memo_slot_of (sim, f->filter->prop_index)
                                                         : -2;
          if (f->memo_slot >= -1)
            {
              f->memo = g_byte_array_new ();
              any = TRUE;
            }
        }
    }
  if (!any)
    return free_static_filters (filters);
  return filters;
}

/* Which static criteria can keep their results per value (see
 * sim->static_memo): those whose one property _lw_sim_materialize() sets from one
 * value id only, a categorical generated one or the email's domain. The
 * others may keep the results of some of their filters (see
 * sim->static_filters). */
static void
setup_static_memo (LwSimulation *sim)
{
  for (guint k = 0; k < sim->n_static; k++)
    {
      const LwCondition *condition = get_criterion (sim, sim->static_criteria[k])->when;
      int property = single_property (condition);
      int slot = memo_slot_of (sim, property);

      if (property >= 0 && slot >= -1)
        {
          sim->static_memo_slot[k] = slot;
          sim->static_memo[k] = g_byte_array_new ();
        }
      else
        sim->static_filters[k] = build_static_filters (sim, condition);
    }
}

/* Picks the condition criteria of the scoring (the first MAX_STATIC of
 * them) whose results never change for a lead: lw_score_lead_known() then
 * takes them from create_static_results() instead of evaluating them at
 * every scoring. The scores are the same, added up in the same order. */
static void
setup_static_criteria (LwSimulation *sim)
{
  const LwScoring *scoring = &sim->config->scoring;
  const LwScoreModel *models[2] = { &scoring->fit, &scoring->engagement };
  gboolean builtins_only = TRUE;
  guint index = 0;

  sim->n_known = 0;
  for (guint m = 0; m < G_N_ELEMENTS (models); m++)
    sim->n_known += models[m]->criteria != NULL ? models[m]->criteria->len : 0;
  sim->known = g_new0 (guint8, MAX (sim->n_known, 1));

  for (guint m = 0; m < G_N_ELEMENTS (models); m++)
    for (guint i = 0; models[m]->criteria != NULL && i < models[m]->criteria->len; i++, index++)
      {
        const LwCriterion *criterion = g_ptr_array_index (models[m]->criteria, i);

        sim->known[index] = LW_CRITERION_EVALUATE;
        if (sim->n_static < MAX_STATIC && criterion->activity == NULL &&
            criterion->when != NULL && reads_fixed_properties (sim->config, criterion->when))
          sim->static_criteria[sim->n_static++] = index;
        else if (criterion->activity == NULL && criterion->when != NULL)
          {
            sim->score_evaluates = TRUE;
            if (!reads_builtins_only (criterion->when))
              builtins_only = FALSE;
          }
      }

  sim->score_builtins_only = builtins_only;
  setup_static_memo (sim);

  /* The static criteria are in criterion order, fit ones first. */
  {
    guint n_fit = scoring->fit.criteria != NULL ? scoring->fit.criteria->len : 0;
    gboolean fit_static = TRUE;

    for (guint k = 0; k < sim->n_static; k++)
      if (sim->static_criteria[k] < n_fit)
        sim->n_fit_static = k + 1;
    for (guint i = 0; i < n_fit && fit_static; i++)
      {
        const LwCriterion *criterion = g_ptr_array_index (scoring->fit.criteria, i);
        gboolean is_static = FALSE;

        for (guint k = 0; k < sim->n_fit_static; k++)
          is_static = is_static || sim->static_criteria[k] == i;
        if (criterion->activity != NULL || (criterion->when != NULL && !is_static))
          fit_static = FALSE;
      }
    if (fit_static)
      {
        sim->fit_sums = g_new0 (double, (gsize) 1 << sim->n_fit_static);
        sim->fit_known = g_new0 (guint8, (gsize) 1 << sim->n_fit_static);
        sim->score_plan = lw_score_plan_new (sim->config);
      }
  }

  if (sim->score_plan != NULL)
    {
      guint n_fit_bands = scoring->fit_grades != NULL ? scoring->fit_grades->len : 0;
      gsize n_pairs;

      sim->n_engagement_bands = scoring->engagement_grades != NULL
                                ? scoring->engagement_grades->len : 0;
      n_pairs = (gsize) (n_fit_bands + 1) * (sim->n_engagement_bands + 1);
      sim->grade_ids = g_new (guint16, n_pairs);
      for (gsize i = 0; i < n_pairs; i++)
        sim->grade_ids[i] = GRADE_UNKNOWN;
    }
}

static gboolean
setup_config (LwSimulation  *sim,
              GError       **error)
{
  LwConfig *config = sim->config;
  const LwScenario *s = sim->scenario;
  const LwProperty *source = lw_config_builtin (config, LW_BUILTIN_SOURCE);
  const LwProperty *deal = lw_config_builtin (config, LW_BUILTIN_DEAL_STAGE);
  static const char * const deal_names[4] = { "none", "open", "won", "lost" };
  const LwProperty *p;

  sim->n_stages = config->stages->len;
  sim->n_reps = config->reps->len;
  if (sim->n_stages > 64 || config->statuses->len > 120 || config->policies->len > 120 ||
      config->reps->len > 30000 || config->rules->len > 30000 || config->pools->len > 30000)
    return _lw_sim_fail_setup (error, _("the rule set is too large to simulate (at most 64 stages, "
                                "120 statuses and SLA policies, 30,000 reps, rules and pools)"));

  sim->stage_values = g_new0 (LwValue, MAX (sim->n_stages, 1));
  for (guint i = 0; i < sim->n_stages; i++)
    lw_value_set_text (&sim->stage_values[i],
                       ((const LwStage *) g_ptr_array_index (config->stages, i))->id);
  sim->status_values = g_new0 (LwValue, MAX (config->statuses->len, 1));
  for (guint i = 0; i < config->statuses->len; i++)
    lw_value_set_text (&sim->status_values[i],
                       ((const LwStatus *) g_ptr_array_index (config->statuses, i))->id);
  sim->deal_values = prepare_options (deal);
  for (guint i = 0; i < 4; i++)
    sim->deal_option[i] = find_option (deal, deal_names[i]);
  sim->source_values = prepare_options (source);

  sim->entry_source = g_new0 (int, MAX (sim->n_entries, 1));
  for (guint e = 0; e < sim->n_entries; e++)
    {
      const LwEntryPoint *entry = g_ptr_array_index (s->entry_points, e);

      sim->entry_source[e] = find_option (source, entry->source);
      if (sim->entry_source[e] < 0)
        /* translators: %u is an index, %s a source name */
        return _lw_sim_fail_setup (error, _("$.entryPoints[%u].source: the rule set has no source “%s”"),
                                   e, entry->source);
    }

  sim->path_after = g_new (gint64, MAX (config->statuses->len, 1));
  for (guint i = 0; i < config->statuses->len; i++)
    {
      const LwStatus *status = g_ptr_array_index (config->statuses, i);

      sim->path_after[i] = -1;
      for (guint j = 0; j < config->paths->len; j++)
        {
          const LwPath *path = g_ptr_array_index (config->paths, j);
          gint64 after = (gint64) path->after_days * LW_DAY;

          if (g_strcmp0 (path->from_status, status->id) == 0 &&
              (sim->path_after[i] < 0 || after < sim->path_after[i]))
            sim->path_after[i] = after;
        }
    }

  for (guint i = 0; i < LW_N_SIM_STATUSES; i++)
    {
      const char *id = s->conversion.statuses[i];

      sim->statuses[i] = -1;
      for (guint j = 0; id != NULL && j < config->statuses->len; j++)
        if (g_strcmp0 (((const LwStatus *) g_ptr_array_index (config->statuses, j))->id, id) == 0)
          sim->statuses[i] = (int) j;
      if (id != NULL && sim->statuses[i] < 0)
        {
          g_autofree char *path = g_strdup_printf ("$.conversion.statuses.%s",
                                                   lw_sim_status_to_key (i));

          /* translators: %s is the id of a lead status */
          lw_diagnostics_add (sim->warnings, LW_SEVERITY_WARNING, path,
                              _("the rules have no lead status “%s”: at this step the leads "
                                "keep the status they have"), id);
        }
    }

  sim->mql_stage = config->scoring.mql_stage != NULL
                   ? lw_config_stage_index (config, config->scoring.mql_stage) : -1;
  p = lw_config_find_property (config, "region");
  sim->region_prop = p != NULL ? (int) p->index : -1;
  p = lw_config_find_property (config, "segment");
  sim->segment_prop = p != NULL ? (int) p->index : -1;
  p = lw_config_find_property (config, "country");
  sim->country_prop = p != NULL ? (int) p->index : -1;

  for (guint i = 0; i < s->reps.reps->len; i++)
    {
      const LwResponseOverride *o = g_ptr_array_index (s->reps.reps, i);

      if (lw_config_find_rep (config, o->id) == NULL)
        /* translators: %s is a rep id */
        return _lw_sim_fail_setup (error, _("$.reps.reps.%s: the rule set has no rep “%s”"),
                                   o->id, o->id);
    }
  for (guint i = 0; i < s->reps.teams->len; i++)
    {
      const LwResponseOverride *o = g_ptr_array_index (s->reps.teams, i);

      if (lw_config_find_team (config, o->id) == NULL)
        /* translators: %s is a team id */
        return _lw_sim_fail_setup (error, _("$.reps.teams.%s: the rule set has no team “%s”"),
                                   o->id, o->id);
    }

  sim->response = g_new0 (const LwNumberDist *, MAX (sim->n_reps, 1));
  sim->manager_of = g_new (int, MAX (sim->n_reps, 1));
  for (guint r = 0; r < sim->n_reps; r++)
    {
      const LwRep *rep = g_ptr_array_index (config->reps, r);
      const LwTeam *team = rep->team != NULL ? lw_config_find_team (config, rep->team) : NULL;
      const LwRep *manager = team != NULL && team->manager != NULL
                             ? lw_config_find_rep (config, team->manager) : NULL;
      const LwNumberDist *dist = find_override (s->reps.reps, rep->id);

      if (dist == NULL)
        dist = find_override (s->reps.teams, rep->team);
      sim->response[r] = dist != NULL ? dist : &s->reps.response_minutes;
      sim->manager_of[r] = manager != NULL ? (int) manager->index : -1;
    }

  sim->grades = g_ptr_array_new_with_free_func ((GDestroyNotify) free_interned);
  g_ptr_array_add (sim->grades, g_new0 (Interned, 1));   /* 0: no grade */
  setup_static_criteria (sim);
  return TRUE;
}

/* Adds the scenario's random days off to the copy of the rule set: each
 * working day of each active rep is off with the scenario's rate, drawn
 * from a stream of the seed and the rep's id. */
static void
add_random_days_off (LwSimulation *sim)
{
  double rate = sim->scenario->reps.out_of_office_rate;

  if (rate <= 0)
    return;

  for (guint r = 0; r < sim->config->reps->len; r++)
    {
      LwRep *rep = g_ptr_array_index (sim->config->reps, r);
      LwRng rng;
      gint64 first_day;
      gint64 last_day;
      gint64 run_start = -1;

      if (!rep->active || rep->tz == NULL)
        continue;

      lw_rng_init (&rng, sim->options.seed,
                   ((guint64) hash_text (rep->id) << 24) | PURPOSE_OUT_OF_OFFICE);
      first_day = (sim->start - LW_DAY) / LW_DAY;
      last_day = (sim->end + 2 * LW_DAY) / LW_DAY;

      if (rep->out_of_office == NULL)
        rep->out_of_office = g_array_new (FALSE, FALSE, sizeof (LwDateRange));

      for (gint64 day = first_day; day <= last_day + 1; day++)
        {
          GDate date;
          int weekday;
          gboolean off = FALSE;

          if (day <= last_day)
            {
              g_date_clear (&date, 1);
              g_date_set_julian (&date, (guint32) (day + 719163));  /* 1970-01-01 */
              weekday = g_date_get_weekday (&date) - 1;               /* 0 = Monday */
              off = rep->hours.days[weekday] != NULL && rep->hours.days[weekday]->len > 0 &&
                    lw_rng_chance (&rng, rate);
            }

          if (off && run_start < 0)
            run_start = day;
          if (!off && run_start >= 0)
            {
              LwDateRange range;

              g_date_clear (&range.from, 1);
              g_date_clear (&range.to, 1);
              g_date_set_julian (&range.from, (guint32) (run_start + 719163));
              g_date_set_julian (&range.to, (guint32) (day - 1 + 719163));
              g_array_append_val (rep->out_of_office, range);
              run_start = -1;
            }
        }
    }
}

static void
free_gen (LwSimulation *sim)
{
  for (guint k = 0; k < sim->n_gen; k++)
    {
      GenProp *gen = &sim->gen[k];

      g_clear_pointer (&gen->texts, g_ptr_array_unref);
      g_clear_pointer (&gen->ids, g_hash_table_unref);
      if (gen->values != NULL)
        clear_values ((LwValue *) gen->values->data, gen->values->len);
      g_clear_pointer (&gen->values, g_array_unref);
      if (gen->slugs != NULL)
        for (guint i = 0; i < gen->slugs->len; i++)
          g_free (g_array_index (gen->slugs, char *, i));
      g_clear_pointer (&gen->slugs, g_array_unref);
      clear_drawer (&gen->drawer);
      for (guint e = 0; gen->overrides != NULL && e < sim->n_entries; e++)
        if (gen->overrides[e] != NULL)
          {
            clear_drawer (gen->overrides[e]);
            g_free (gen->overrides[e]);
          }
      g_free (gen->overrides);
    }
  g_clear_pointer (&sim->gen, g_free);
}

/* The scratch lead's values point into the simulation's tables: unhook
 * them before freeing it. */
void
_lw_sim_free_scratch_lead (LwLead *lead)
{
  if (lead == NULL)
    return;
  memset (lead->values, 0, lead->n_values * sizeof (LwValue));
  lw_lead_free (lead);
}

void
lw_simulation_free (LwSimulation *sim)
{
  if (sim == NULL)
    return;

  free_gen (sim);
  g_clear_pointer (&sim->warnings, g_ptr_array_unref);
  g_clear_pointer (&sim->activity_ids, g_ptr_array_unref);
  g_free (sim->activity_index);
  g_free (sim->arrival_activity);
  g_free (sim->model_activity);
  clear_categorical (&sim->free_domains);
  clear_categorical (&sim->competitor_domains);
  g_free (sim->account_domains);
  g_clear_pointer (&sim->domain_ids, g_hash_table_unref);
  g_clear_pointer (&sim->domains, g_ptr_array_unref);
  g_clear_pointer (&sim->company_domain, g_array_unref);
  if (sim->words != NULL)
    g_string_free (sim->words, TRUE);
  g_free (sim->domain_props);

  if (sim->config != NULL)
    {
      clear_values (sim->stage_values, sim->n_stages);
      clear_values (sim->status_values, sim->config->statuses->len);
      clear_values (sim->deal_values,
                    lw_config_builtin (sim->config, LW_BUILTIN_DEAL_STAGE)->options->len);
      clear_values (sim->source_values,
                    lw_config_builtin (sim->config, LW_BUILTIN_SOURCE)->options->len);
    }
  g_free (sim->stage_values);
  g_free (sim->status_values);
  g_free (sim->deal_values);
  g_free (sim->source_values);
  g_free (sim->entry_source);
  g_free (sim->path_after);
  g_clear_pointer (&sim->grades, g_ptr_array_unref);
  g_free (sim->response);
  g_free (sim->manager_of);

  _lw_sim_big_free (sim->leads, sim->leads_size);
  _lw_sim_big_free (sim->cat_values, sim->cat_size);
  _lw_sim_big_free (sim->num_values, sim->num_size);
  g_clear_pointer (&sim->stage_entries, g_array_unref);
  g_free (sim->static_results);
  g_clear_pointer (&sim->deal_times, g_hash_table_unref);
  g_free (sim->known);
  g_free (sim->fit_sums);
  for (guint k = 0; k < MAX_STATIC; k++)
    {
      g_clear_pointer (&sim->static_memo[k], g_byte_array_unref);
      sim->static_filters[k] = free_static_filters (sim->static_filters[k]);
    }
  g_free (sim->fit_known);
  g_clear_pointer (&sim->score_plan, lw_score_plan_free);
  g_free (sim->score_acts);
  g_free (sim->grade_ids);
  g_clear_pointer (&sim->activities, g_array_unref);
  _lw_sim_queue_clear (sim);
  g_clear_pointer (&sim->clocks, g_array_unref);
  for (guint r = 0; sim->business != NULL && r < sim->n_reps; r++)
    lw_business_table_free (sim->business[r]);
  g_clear_pointer (&sim->business, g_free);
  g_clear_pointer (&sim->routing, lw_routing_state_free);
  g_clear_pointer (&sim->lead, _lw_sim_free_scratch_lead);
  g_clear_pointer (&sim->score_lead, _lw_sim_free_scratch_lead);
  g_clear_pointer (&sim->light_lead, _lw_sim_free_scratch_lead);
  g_clear_pointer (&sim->light_gen, g_free);
  g_clear_pointer (&sim->scratch_activities, g_array_unref);
  g_clear_error (&sim->sink_error);
  g_free (sim->batch);
  for (guint i = 0; sim->batch_leads != NULL && i < LW_SIM_BATCH_SIZE; i++)
    _lw_sim_free_scratch_lead (sim->batch_leads[i]);
  g_free (sim->batch_leads);
  g_free (sim->batch_emails);
  g_free (sim->batch_stage_at);
  g_clear_pointer (&sim->dirty, g_array_unref);
  g_clear_pointer (&sim->pause, lw_sim_pause_unref);

  g_free (sim->summary.stages);
  g_free (sim->summary.policies);
  g_free (sim->summary.reps);
  g_free (sim->summary.sources);
  g_free (sim->summary.entry_points);

  g_free (sim->trace);
  g_clear_pointer (&sim->kept, g_array_unref);
  g_clear_pointer (&sim->texts, g_string_chunk_free);

  g_clear_pointer (&sim->config, lw_config_unref);
  g_clear_pointer (&sim->base, lw_config_unref);
  g_clear_pointer (&sim->scenario, lw_scenario_unref);
  g_free (sim);
}

LwSimulation *
_lw_sim_create (const LwConfig     *config,
                LwScenario         *scenario,
                const LwSimOptions *options,
                GError            **error)
{
  g_autoptr(LwSimulation) sim = g_new0 (LwSimulation, 1);
  double share_sum = 0;

  sim->warnings = lw_diagnostics_new ();
  sim->scenario = lw_scenario_ref (scenario);
  sim->options = *options;
  sim->min_bucket_shift = MIN_BUCKET_SHIFT;
  sim->max_buckets = MAX_BUCKETS;
  sim->n_leads = options->leads > 0 ? options->leads : scenario->leads;
  sim->days = options->days > 0 ? options->days : scenario->days;
  sim->start = options->start != 0 ? options->start : scenario->start;
  sim->n_entries = scenario->entry_points->len;

  if (sim->n_leads > LW_SIM_MAX_LEADS)
    {
      /* translators: %u is the largest number of leads */
      _lw_sim_fail_setup (error, _("at most %u leads can be simulated"), LW_SIM_MAX_LEADS);
      return NULL;
    }
  if (sim->days == 0 || sim->days > LW_SIM_MAX_DAYS)
    {
      /* translators: %u is the largest number of days */
      _lw_sim_fail_setup (error, _("a simulation lasts from 1 to %u days"), LW_SIM_MAX_DAYS);
      return NULL;
    }
  if (!(options->speed >= 0) || !isfinite (options->speed))
    {
      _lw_sim_fail_setup (error, _("the speed of a paced run must be a positive number"));
      return NULL;
    }
  if (!(options->flush_seconds >= 0) || !isfinite (options->flush_seconds))
    {
      _lw_sim_fail_setup (error, _("the interval between flushes must be a positive number of seconds"));
      return NULL;
    }
  if (sim->n_entries == 0 || sim->n_entries > 255)
    {
      _lw_sim_fail_setup (error, _("$.entryPoints: a scenario needs from 1 to 255 entry points"));
      return NULL;
    }
  for (guint e = 0; e < sim->n_entries; e++)
    {
      const LwEntryPoint *entry = g_ptr_array_index (scenario->entry_points, e);

      share_sum += entry->share;
      sim->entry_cumulative[e] = share_sum;
    }
  if (share_sum <= 0)
    {
      _lw_sim_fail_setup (error, _("$.entryPoints: the shares of the entry points add up to 0"));
      return NULL;
    }

  sim->end = sim->start + (LwTime) sim->days * LW_DAY;
  sim->horizon = (gint32) (sim->end - sim->start);

  sim->base = lw_config_ref ((LwConfig *) config);
  sim->config = lw_config_copy (config);
  add_random_days_off (sim);

  if (!setup_gen_props (sim, error) ||
      !setup_email (sim, error) ||
      !setup_activities (sim, error) ||
      !setup_config (sim, error))
    return NULL;

  return g_steal_pointer (&sim);
}

LwSimulation *
lw_simulation_new (const LwConfig     *config,
                   LwScenario         *scenario,
                   const LwSimOptions *options,
                   GError            **error)
{
  LwSimOptions defaults = LW_SIM_OPTIONS_INIT;
  LwSimulation *sim;

  g_return_val_if_fail (config != NULL, NULL);
  g_return_val_if_fail (config->bound, NULL);
  g_return_val_if_fail (scenario != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  sim = _lw_sim_create (config, scenario, options != NULL ? options : &defaults, error);
  if (sim != NULL && sim->options.keep_details && sim->n_leads <= LW_SIM_MAX_DETAILED)
    sim->trace_all = TRUE;
  return sim;
}

GPtrArray *
lw_simulation_get_warnings (LwSimulation *sim)
{
  g_return_val_if_fail (sim != NULL, NULL);

  return sim->warnings;
}

const LwConfig *
lw_simulation_get_config (LwSimulation *sim)
{
  g_return_val_if_fail (sim != NULL, NULL);
  return sim->config;
}

const LwSimOptions *
lw_simulation_get_options (LwSimulation *sim)
{
  g_return_val_if_fail (sim != NULL, NULL);
  return &sim->options;
}
