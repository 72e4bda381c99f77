package com.webdit.shared.rng;

/**
 * Standard normal numbers addressed by (seed, stream, index), as docs/MODEL.md specifies:
 *
 * <pre>
 *   r = Philox4x32-10(key = (seed, 0), counter = (index / 4, stream, 0, 0))
 *   u_j = ((r_j >>> 9) + 0.5) * 2^-23              (in (0, 1), exact in float32: 24 bits)
 *   z_0, z_1 = sqrt(-2 ln u_0) * (cos, sin)(2 pi u_1)
 *   z_2, z_3 = sqrt(-2 ln u_2) * (cos, sin)(2 pi u_3)
 *   gaussian(seed, stream, index) = z_(index mod 4)
 * </pre>
 *
 * The transcendental part is evaluated in double and rounded to float once.
 */
public final class Gaussian {
  private Gaussian() {}

  /** Uniform in (0, 1) from the top 23 bits of a word; (2m + 1) / 2^24 is exact in float32. */
  public static double uniform(int word) {
    return ((word >>> 9) + 0.5) * (1.0 / 8388608.0);
  }

  public static float sample(int seed, int stream, int index) {
    int[] r = Philox.block(index >>> 2, stream, 0, 0, seed, 0);
    int lane = index & 3;
    int pair = lane >> 1;
    return pairValue(r[2 * pair], r[2 * pair + 1], (lane & 1) == 1);
  }

  /** Fills {@code out[0..n)} with gaussian(seed, stream, 0..n-1), one Philox block per four. */
  public static void fill(int seed, int stream, float[] out) {
    for (int base = 0; base < out.length; base += 4) {
      int[] r = Philox.block(base >>> 2, stream, 0, 0, seed, 0);
      for (int lane = 0; lane < 4 && base + lane < out.length; lane++) {
        int pair = lane >> 1;
        out[base + lane] = pairValue(r[2 * pair], r[2 * pair + 1], (lane & 1) == 1);
      }
    }
  }

  private static float pairValue(int w0, int w1, boolean sine) {
    double radius = Math.sqrt(-2.0 * Math.log(uniform(w0)));
    double angle = 2.0 * Math.PI * uniform(w1);
    return (float) (radius * (sine ? Math.sin(angle) : Math.cos(angle)));
  }
}
