package com.webdit.shared.sampling;

/**
 * The noise levels where classifier-free guidance applies (Kynkäänniemi et al. 2024, "Applying
 * guidance in a limited interval improves sample and distribution quality in diffusion models";
 * docs/MODEL.md, "Guidance interval"): a step whose model time t lies in (lo, hi] runs the model
 * twice and combines cond and uncond; every other step runs the conditional model alone. Defined
 * on t, not on the step index, so an interval means the same noise levels for any step count and
 * for a remix that starts below t = 1. (0, 1] guides every step.
 *
 * <p>Python's {@code batch_sampling.guided_at} applies the same rule to the same double t.
 */
public record GuidanceInterval(double lo, double hi) {
  /** Guidance on every step: the behaviour before intervals, kept for tests and comparisons. */
  public static final GuidanceInterval EVERY_STEP = new GuidanceInterval(0, 1);

  public GuidanceInterval {
    if (!(lo >= 0 && lo < hi && hi <= 1)) {
      throw new IllegalArgumentException("guidance interval must satisfy 0 <= lo < hi <= 1, got (" + lo + ", " + hi + "]");
    }
  }

  /** Whether a step whose model time is t is inside the interval. */
  public boolean guides(double t) {
    return t > lo && t <= hi;
  }

  /** Whether a step at t runs two forwards and combines them: guidance w != 1 and t inside the interval. */
  public boolean guidedStep(double t, float cfgScale) {
    return cfgScale != 1f && guides(t);
  }

  /**
   * Model forwards per image for a schedule under guidance w: two on guided steps, one on the
   * others; w = 1 is one forward per step.
   */
  public int forwards(StepCoefficients[] schedule, float cfgScale) {
    int n = 0;
    for (StepCoefficients k : schedule) {
      n += guidedStep(k.t(), cfgScale) ? 2 : 1;
    }
    return n;
  }
}
