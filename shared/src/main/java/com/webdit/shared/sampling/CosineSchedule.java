package com.webdit.shared.sampling;

/**
 * The cosine noise schedule over continuous t in [0, 1] (Nichol & Dhariwal 2021):
 * alphaBar(t) = cos^2(((t + s) / (1 + s)) * pi / 2) / cos^2((s / (1 + s)) * pi / 2), s = 0.008,
 * clamped below at {@link #ALPHA_BAR_MIN} so log-SNR stays finite at t = 1.
 * x_t = alpha(t) x_0 + sigma(t) eps with alpha = sqrt(alphaBar), sigma = sqrt(1 - alphaBar).
 */
public final class CosineSchedule {
  public static final double S = 0.008;
  public static final double ALPHA_BAR_MIN = 1e-6;

  private CosineSchedule() {}

  public static double alphaBar(double t) {
    double f = Math.cos((t + S) / (1 + S) * Math.PI / 2);
    double f0 = Math.cos(S / (1 + S) * Math.PI / 2);
    return Math.max(ALPHA_BAR_MIN, Math.min(1.0, (f * f) / (f0 * f0)));
  }

  public static double alpha(double t) {
    return Math.sqrt(alphaBar(t));
  }

  public static double sigma(double t) {
    return Math.sqrt(1.0 - alphaBar(t));
  }

  /** Sampling times for n steps: t_i = 1 - i / n, i = 0..n (t_0 = 1, t_n = 0). */
  public static double time(int i, int n) {
    return 1.0 - (double) i / n;
  }

  /**
   * Sampling times for n steps from t0 down to 0: t_i = t0 (1 - i / n). A remix starts at
   * t0 = strength; t0 = 1 gives exactly {@link #time(int, int)} (multiplying by 1.0 is exact).
   */
  public static double time(int i, int n, double t0) {
    return t0 * time(i, n);
  }
}
