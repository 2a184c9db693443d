/* lw-rng.c: xoshiro256** with the samplers the simulator needs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "lw-rng.h"

/* Below this mean Poisson draws multiply uniforms (Knuth); from it on they
 * use a rounded normal, whose error is then below a percent. */
#define POISSON_KNUTH_LIMIT 30.0

static guint64
splitmix64 (guint64 *state)
{
  guint64 z = (*state += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

void
lw_rng_init (LwRng   *rng,
             guint64  seed,
             guint64  stream)
{
  guint64 state;

  g_return_if_fail (rng != NULL);

  /* Mix the stream number in through its own SplitMix64 step, so that
   * (seed, stream) pairs that differ in either give unrelated states. */
  state = stream;
  state = seed ^ splitmix64 (&state);
  for (int i = 0; i < 4; i++)
    rng->s[i] = splitmix64 (&state);

  /* xoshiro's state must not be all zero; SplitMix64 never yields four
   * zeros in a row, but say so rather than rely on it silently. */
  g_assert (rng->s[0] != 0 || rng->s[1] != 0 || rng->s[2] != 0 || rng->s[3] != 0);
}

/* Lemire's nearly divisionless method, with the rejection that makes it
 * exact. */
guint64
lw_rng_below (LwRng   *rng,
              guint64  n)
{
  guint64 x;
  unsigned __int128 m;
  guint64 low;

  if (n == 0)
    return 0;

  x = lw_rng_next (rng);
  m = (unsigned __int128) x * n;
  low = (guint64) m;
  if (low < n)
    {
      guint64 threshold = -n % n;

      while (low < threshold)
        {
          x = lw_rng_next (rng);
          m = (unsigned __int128) x * n;
          low = (guint64) m;
        }
    }
  return (guint64) (m >> 64);
}

double
lw_rng_normal (LwRng  *rng,
               double  mean,
               double  sd)
{
  double u, v, s;

  do
    {
      u = 2.0 * lw_rng_uniform (rng) - 1.0;
      v = 2.0 * lw_rng_uniform (rng) - 1.0;
      s = u * u + v * v;
    }
  while (s >= 1.0 || s == 0.0);

  return mean + sd * u * sqrt (-2.0 * log (s) / s);
}

double
lw_rng_lognormal (LwRng  *rng,
                  double  median,
                  double  sigma)
{
  return median * exp (lw_rng_normal (rng, 0.0, sigma));
}

double
lw_rng_exponential (LwRng  *rng,
                    double  mean)
{
  /* 1 - U is in (0, 1]: the logarithm is finite. */
  return -mean * log (1.0 - lw_rng_uniform (rng));
}

guint
lw_rng_poisson (LwRng  *rng,
                double  lambda)
{
  if (!(lambda > 0.0))
    return 0;

  if (lambda < POISSON_KNUTH_LIMIT)
    {
      double limit = exp (-lambda);
      double product = lw_rng_uniform (rng);
      guint k = 0;

      while (product > limit)
        {
          k++;
          product *= lw_rng_uniform (rng);
        }
      return k;
    }
  else
    {
      double x = floor (lw_rng_normal (rng, lambda, sqrt (lambda)) + 0.5);

      if (x < 0.0)
        return 0;
      if (x > (double) G_MAXUINT)
        return G_MAXUINT;
      return (guint) x;
    }
}

guint
lw_rng_categorical (LwRng        *rng,
                    const double *cumulative,
                    guint         n)
{
  g_return_val_if_fail (cumulative != NULL, 0);
  g_return_val_if_fail (n > 0, 0);

  return lw_cumulative_find (cumulative, n, lw_rng_uniform (rng));
}
