package com.webdit.shared.sampling;

import com.webdit.shared.rng.Gaussian;

/**
 * Where a generation starts (docs/MODEL.md, "Remix and morph"). Plain generation starts at t = 1
 * from eps = gaussian(seed, stream 0, i). A remix (SDEdit) starts part-way, at t0 = strength, from
 * a given image with noise of that level; a morph starts from a point on the great circle between
 * two seeds' noises, so that a deterministic sampler (DDIM, DPM-Solver++) walks smoothly between
 * their favicons. Computed in double, stored as float32, on the CPU: it is one image of values, and
 * every path (the Java reference, the WebGPU engine) then starts from the same array.
 */
public final class StartNoise {
  private StartNoise() {}

  /** eps = gaussian(seed, 0, i): plain generation's start. */
  public static float[] plain(int seed, int values) {
    float[] eps = new float[values];
    Gaussian.fill(seed, 0, eps);
    return eps;
  }

  /**
   * SDEdit: x = alpha(t0) image + sigma(t0) eps with t0 = strength and eps = {@link #plain}. Strength
   * 1 is plain generation exactly (the image is not used: alpha(1) is clamped to 1e-3, not 0, and a
   * remix at full strength must be today's favicon bit for bit).
   *
   * @param image the start image in the model's layout and range ([-1, 1], premultiplied alpha)
   */
  public static float[] remix(int seed, float[] image, double strength) {
    if (!(strength > 0 && strength <= 1)) {
      throw new IllegalArgumentException("remix strength must be in (0, 1], got " + strength);
    }
    float[] eps = plain(seed, image.length);
    if (strength == 1.0) {
      return eps;
    }
    double a = CosineSchedule.alpha(strength);
    double s = CosineSchedule.sigma(strength);
    float[] x = new float[image.length];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (a * image[i] + s * eps[i]);
    }
    return x;
  }

  /**
   * Spherical interpolation between the start noises of two seeds: (sin((1-u) theta) a + sin(u theta) b)
   * / sin theta, theta the angle between a and b. It keeps the norm a Gaussian sample has (a linear
   * mix would shrink it and wash the image out); u = 0 is seed a's start exactly, u = 1 seed b's.
   */
  public static float[] slerp(int seedA, int seedB, double u, int values) {
    if (!(u >= 0 && u <= 1)) {
      throw new IllegalArgumentException("morph position must be in [0, 1], got " + u);
    }
    float[] a = plain(seedA, values);
    float[] b = plain(seedB, values);
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < values; i++) {
      dot += (double) a[i] * b[i];
      na += (double) a[i] * a[i];
      nb += (double) b[i] * b[i];
    }
    double theta = Math.acos(Math.max(-1, Math.min(1, dot / Math.sqrt(na * nb))));
    double sin = Math.sin(theta);
    double wa;
    double wb;
    if (sin < 1e-6) {
      wa = 1 - u; // (nearly) parallel noises: the great circle degenerates to the chord
      wb = u;
    } else {
      wa = Math.sin((1 - u) * theta) / sin;
      wb = Math.sin(u * theta) / sin;
    }
    float[] x = new float[values];
    for (int i = 0; i < values; i++) {
      x[i] = (float) (wa * a[i] + wb * b[i]);
    }
    return x;
  }

  /**
   * One leg of a morph, as one engine batch: frames starts along the great circle from seed to
   * seed + 1 (unsigned 32-bit, wrapping), frame j at u = j / frames. The leg's end (u = 1) is the
   * next leg's first frame, so legs join without a repeated or skipped frame.
   *
   * @return frames x values floats, frame after frame
   */
  public static float[] morphLeg(int seed, int frames, int values) {
    if (frames < 1) {
      throw new IllegalArgumentException("a morph leg needs at least one frame, got " + frames);
    }
    float[] all = new float[frames * values];
    for (int j = 0; j < frames; j++) {
      System.arraycopy(slerp(seed, seed + 1, (double) j / frames, values), 0, all, j * values, values);
    }
    return all;
  }
}
