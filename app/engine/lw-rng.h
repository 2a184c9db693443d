/* lw-rng.h: a small seeded random number generator for the simulator
 *
 * xoshiro256** (Blackman and Vigna, 2018), seeded through SplitMix64. The
 * same seed gives the same numbers on every machine: integer arithmetic
 * only, and the samplers use nothing of libm but exp(), log(), pow() and
 * sqrt() (sqrt is exact in IEEE 754; glibc's exp, log and pow give the same
 * bits on every x86_64 build). No GLib GRand, no rand().
 *
 * Independent streams: lw_rng_init() takes a seed and a stream number; two
 * streams of one seed never share state, so the lead generator and the rep
 * behaviour can draw in any interleaving without shifting each other.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  guint64 s[4];
} LwRng;

void     lw_rng_init          (LwRng        *rng,
                               guint64       seed,
                               guint64       stream);
/* Uniform integer in [0, n), without modulo bias; 0 when n is 0. */
guint64  lw_rng_below         (LwRng        *rng,
                               guint64       n);
/* Normal with @mean and @sd (Marsaglia's polar method). */
double   lw_rng_normal        (LwRng        *rng,
                               double        mean,
                               double        sd);
/* Lognormal with median @median: median × e^(sigma × N(0, 1)). */
double   lw_rng_lognormal     (LwRng        *rng,
                               double        median,
                               double        sigma);
/* Exponential with mean @mean. */
double   lw_rng_exponential   (LwRng        *rng,
                               double        mean);
/* Poisson with mean @lambda: Knuth's product of uniforms below 30, a
 * rounded normal approximation from there (never negative). */
guint    lw_rng_poisson       (LwRng        *rng,
                               double        lambda);
/* An index in [0, n) drawn by @cumulative, the running sums of the
 * weights (cumulative[n - 1] is the total, > 0). */
guint    lw_rng_categorical   (LwRng        *rng,
                               const double *cumulative,
                               guint         n);

/* The generator's step and the draws built directly on it are inline: the
 * simulator makes millions of draws, and a call costs as much as a step. */

static inline guint64
lw_rng_rotl (guint64 x,
             int     k)
{
  return (x << k) | (x >> (64 - k));
}

static inline guint64
lw_rng_next (LwRng *rng)
{
  guint64 *s = rng->s;
  guint64 result = lw_rng_rotl (s[1] * 5, 7) * 9;
  guint64 t = s[1] << 17;

  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = lw_rng_rotl (s[3], 45);

  return result;
}

/* Uniform in [0, 1), 53 random bits. */
static inline double
lw_rng_uniform (LwRng *rng)
{
  return (double) (lw_rng_next (rng) >> 11) * 0x1.0p-53;
}

/* Uniform in [low, high). */
static inline double
lw_rng_range (LwRng  *rng,
              double  low,
              double  high)
{
  return low + (high - low) * lw_rng_uniform (rng);
}

/* TRUE with probability @p. */
static inline gboolean
lw_rng_chance (LwRng  *rng,
               double  p)
{
  if (p <= 0.0)
    return FALSE;
  if (p >= 1.0)
    return TRUE;
  return lw_rng_uniform (rng) < p;
}

/* The first index of @cumulative (@n running sums of weights, n > 0)
 * whose sum exceeds @u times the total: a weighted pick for a uniform
 * draw @u in [0, 1). Zero weights are never picked, since their running
 * sum equals the one before. */
static inline guint
lw_cumulative_find (const double *cumulative,
                    guint         n,
                    double        u)
{
  double x = u * cumulative[n - 1];
  guint low = 0;
  guint high = n - 1;

  while (low < high)
    {
      guint mid = low + (high - low) / 2;

      if (cumulative[mid] > x)
        high = mid;
      else
        low = mid + 1;
    }
  return low;
}

/* lw_rng_categorical() inline: the same index for the same draw. Checks
 * nothing but @n (lw_rng_categorical() reports 0). */
static inline guint
lw_rng_pick (LwRng        *rng,
             const double *cumulative,
             guint         n)
{
  if (G_UNLIKELY (n == 0 || cumulative == NULL))
    return lw_rng_categorical (rng, cumulative, n);
  return lw_cumulative_find (cumulative, n, lw_rng_uniform (rng));
}

G_END_DECLS
