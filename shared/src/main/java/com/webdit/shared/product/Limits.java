package com.webdit.shared.product;

import com.webdit.shared.sampling.GuidanceInterval;
import com.webdit.shared.sampling.SampleRequest;
import com.webdit.shared.sampling.SamplerKind;

/**
 * The limits and defaults of one favicon request, written once: the server's
 * /api/favicon.png validation, the demo page's controls and the embed's data-attributes and
 * {@code WebDiT.generate()} all check against these, so what one accepts the others accept.
 * Each check returns null when the value is fine, else a message that names the value and the range.
 * The step and guidance ranges lie inside {@link SampleRequest}'s model-level bounds and share
 * their lower ends; the upper ends are the product's choice.
 */
public final class Limits {
  public static final int MIN_STEPS = SampleRequest.MIN_STEPS;
  /** The server renders on its CPU: 50 DPM-Solver++ steps are already far past visible gains. */
  public static final int MAX_STEPS = 50;
  public static final int DEFAULT_STEPS = 12;

  public static final double MIN_CFG = SampleRequest.MIN_CFG;
  public static final double MAX_CFG = 10;
  /** docs/MODEL.md, "Guidance interval": the scale and interval chosen together on the yardstick. */
  public static final double DEFAULT_CFG = 3;
  /**
   * Guidance only where t lies in this interval, the conditional model alone elsewhere (one
   * forward instead of two on those steps); docs/MODEL.md, "Guidance interval".
   */
  public static final GuidanceInterval DEFAULT_GUIDANCE = new GuidanceInterval(0, 1);

  /** Seeds are the Philox key: any unsigned 32-bit value. */
  public static final double MAX_SEED = 4294967295.0;
  /**
   * The seed of a query that names none: the demo's first favicon and the server's answer to
   * /api/favicon.png without {@code seed} (the embed without data-seed draws random seeds instead).
   */
  public static final long DEFAULT_SEED = 42;

  public static final SamplerKind DEFAULT_SAMPLER = SamplerKind.DPMPP_2M;

  public static final int MIN_FPS = 1;
  public static final int MAX_FPS = 60;
  public static final int DEFAULT_FPS = 12;

  /** The embed's shortest pause between favicons: a loop of 0 s must not flood the server. */
  public static final double MIN_LOOP_MS = 5_000;
  public static final double DEFAULT_LOOP_MS = 30_000;

  /**
   * Seeds the embed's server fallback cycles through per tag: favicon k of the loop draws
   * serverSeed(base, seed). Favicons are a pure function of their query, so a site's visitors can
   * cause at most this many distinct server renders per category and setting, which the server's
   * LRU and CDN caches then absorb (README, "What the fallback can cost").
   */
  public static final int SERVER_SEED_POOL = 16;

  /**
   * Remix (SDEdit) strength: the noise level t0 the sampler starts from. 0.5 keeps the icon's
   * layout and colours and redraws its details; 1 ignores the icon (plain generation).
   */
  public static final double DEFAULT_REMIX_STRENGTH = 0.5;
  /** Below this the model has nothing left to change: the icon comes back as it went in. */
  public static final double MIN_REMIX_STRENGTH = 0.05;

  /**
   * Frames of one morph leg (seed k to seed k + 1), generated as one engine batch: more frames per
   * leg is a smoother walk for the same GPU work per frame, at the cost of a longer wait for the
   * first leg.
   */
  public static final int MORPH_FRAMES_PER_LEG = 12;

  /**
   * The side in pixels of the favicon: the tab's icon canvas, the demo's gallery and remix
   * previews, the pack's favicon-32.png. The shipped models generate images of this size (a server
   * test checks each), so where a model's config is at hand its {@code imageSize()} is the same
   * number; this is for the places that draw before, or without, a model.
   */
  public static final int ICON_SIZE = 32;

  private Limits() {}

  /** The seed k after {@code seed}: seeds are unsigned 32-bit values, so 4294967295 + 1 is 0. */
  public static long seedPlus(long seed, long k) {
    return (seed + k) & 0xFFFFFFFFL;
  }

  /**
   * The seed the server fallback draws instead of {@code seed}: the pool starts at the tag's own
   * data-seed (so a site that names a seed gets exactly that favicon first) or at 0 for tags
   * without one, and wraps after {@link #SERVER_SEED_POOL} seeds.
   *
   * @param base the tag's data-seed, or -1 when it has none (then the GPU path draws random seeds)
   */
  public static long serverSeed(long base, long seed) {
    long start = base < 0 ? 0 : base;
    long offset = Math.floorMod(seed - start, (long) SERVER_SEED_POOL);
    return seedPlus(start, offset);
  }

  public static String checkSteps(double steps) {
    return integerIn("steps", steps, MIN_STEPS, MAX_STEPS);
  }

  public static String checkSeed(double seed) {
    return integerIn("seed", seed, 0, MAX_SEED);
  }

  public static String checkCfg(double cfg) {
    return cfg >= MIN_CFG && cfg <= MAX_CFG ? null
        : "cfg must be a number in [" + format(MIN_CFG) + ", " + format(MAX_CFG) + "], got " + format(cfg);
  }

  public static String checkStrength(double strength) {
    return strength >= MIN_REMIX_STRENGTH && strength <= 1 ? null
        : "remix strength must be a number in [" + format(MIN_REMIX_STRENGTH) + ", 1], got " + format(strength);
  }

  public static String checkFps(double fps) {
    return integerIn("fps", fps, MIN_FPS, MAX_FPS);
  }

  /** An integer in [min, max]; NaN, infinities and fractions are refused. */
  public static String integerIn(String name, double v, double min, double max) {
    if (v >= min && v <= max && Math.floor(v) == v) {
      return null;
    }
    return name + " must be an integer in [" + format(min) + ", " + format(max) + "], got " + format(v);
  }

  /** A limit as people write it: 50, not 50.0 (messages, the demo's input attributes). */
  public static String format(double v) {
    return v == Math.floor(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
  }
}
