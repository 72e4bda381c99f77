package com.webdit.shared.product;

import com.webdit.shared.sampling.SamplerKind;

/**
 * The limits and defaults of one favicon request, written once: the server's
 * /api/favicon.png validation, the demo page's controls and the embed's data-attributes and
 * {@code WebDiT.generate()} all check against these, so what one accepts the others accept.
 * Each check returns null when the value is fine, else a message that names the value and the range.
 */
public final class Limits {
  public static final int MIN_STEPS = 1;
  /** The server renders on its CPU: 50 DPM-Solver++ steps are already far past visible gains. */
  public static final int MAX_STEPS = 50;
  public static final int DEFAULT_STEPS = 12;

  public static final double MIN_CFG = 0;
  public static final double MAX_CFG = 10;
  /** docs/MODEL.md, Evaluation: best category accuracy at unchanged FD_emoji. */
  public static final double DEFAULT_CFG = 3;

  /** Seeds are the Philox key: any unsigned 32-bit value. */
  public static final double MAX_SEED = 4294967295.0;
  public static final long DEFAULT_SEED = 42;

  public static final SamplerKind DEFAULT_SAMPLER = SamplerKind.DPMPP_2M;

  public static final int MIN_FPS = 1;
  public static final int MAX_FPS = 60;
  public static final int DEFAULT_FPS = 12;

  /** The embed's shortest pause between favicons: a loop of 0 s must not flood the server. */
  public static final double MIN_LOOP_MS = 5_000;
  public static final double DEFAULT_LOOP_MS = 30_000;

  private Limits() {}

  public static String checkSteps(double steps) {
    return integerIn("steps", steps, MIN_STEPS, MAX_STEPS);
  }

  public static String checkSeed(double seed) {
    return integerIn("seed", seed, 0, MAX_SEED);
  }

  public static String checkCfg(double cfg) {
    return cfg >= MIN_CFG && cfg <= MAX_CFG ? null
        : "cfg must be a number in [" + fmt(MIN_CFG) + ", " + fmt(MAX_CFG) + "], got " + fmt(cfg);
  }

  public static String checkFps(double fps) {
    return integerIn("fps", fps, MIN_FPS, MAX_FPS);
  }

  /** An integer in [min, max]; NaN, infinities and fractions are refused. */
  public static String integerIn(String name, double v, double min, double max) {
    if (v >= min && v <= max && Math.floor(v) == v) {
      return null;
    }
    return name + " must be an integer in [" + fmt(min) + ", " + fmt(max) + "], got " + fmt(v);
  }

  private static String fmt(double v) {
    return v == Math.floor(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
  }
}
