package com.webdit.shared.sampling;

/**
 * One sampling step from s = t_i to t = t_(i+1), reduced to scalars computed once in double:
 * <pre>
 *   x0   = clip(alphaS * x - sigmaS * v, -1, 1)
 *   x'   = cX0 * x0 + cX * x + cPrev * x0_prev + cZ * gaussian(seed, stream, i)
 * </pre>
 * Every sampler of docs/MODEL.md has this form, so the CPU reference and the WGSL engine share
 * one schedule instead of each re-deriving the update.
 */
public record StepCoefficients(double t, double alphaS, double sigmaS, double cX0, double cX, double cPrev, double cZ,
    int stream) {

  public static StepCoefficients[] schedule(SamplerKind kind, int steps) {
    return schedule(kind, steps, 1.0);
  }

  /** The steps on the grid from t0 down to 0 (a remix; t0 = 1 is plain generation, bit for bit). */
  public static StepCoefficients[] schedule(SamplerKind kind, int steps, double t0) {
    if (!(t0 > 0 && t0 <= 1)) {
      throw new IllegalArgumentException("start time t0 must be in (0, 1], got " + t0);
    }
    StepCoefficients[] out = new StepCoefficients[steps];
    for (int i = 0; i < steps; i++) {
      out[i] = step(kind, i, steps, t0);
    }
    return out;
  }

  static StepCoefficients step(SamplerKind kind, int i, int n, double t0) {
    double s = CosineSchedule.time(i, n, t0);
    double t = CosineSchedule.time(i + 1, n, t0);
    double as = CosineSchedule.alpha(s);
    double ss = CosineSchedule.sigma(s);
    double at = CosineSchedule.alpha(t);
    double st = CosineSchedule.sigma(t);
    switch (kind) {
      case DDIM:
        // x' = alpha_t x0 + sigma_t eps, eps = (x - alpha_s x0) / sigma_s
        return new StepCoefficients(s, as, ss, at - st * as / ss, st / ss, 0, 0, 0);
      case DDPM: {
        // mean of q(x_t | x_s, x0) plus its standard deviation times fresh noise
        double ss2 = 1.0 - CosineSchedule.alphaBar(s);
        double st2 = 1.0 - CosineSchedule.alphaBar(t);
        double aTs = as / at;
        double sTs2 = ss2 - aTs * aTs * st2;
        double std = Math.sqrt(Math.max(0.0, sTs2 * st2 / ss2));
        return new StepCoefficients(s, as, ss, at * sTs2 / ss2, aTs * st2 / ss2, 0, std, i + 1);
      }
      case DPMPP_2M: {
        if (st == 0.0) {
          return new StepCoefficients(s, as, ss, 1, 0, 0, 0, 0); // last step: x' = x0
        }
        double h = Sampler.lambda(t) - Sampler.lambda(s);
        double coef = -at * Math.expm1(-h);
        if (i == 0) {
          return new StepCoefficients(s, as, ss, coef, st / ss, 0, 0, 0);
        }
        double r = (Sampler.lambda(s) - Sampler.lambda(CosineSchedule.time(i - 1, n, t0))) / h;
        double c0 = 1.0 / (2.0 * r);
        return new StepCoefficients(s, as, ss, coef * (1.0 + c0), st / ss, -coef * c0, 0, 0);
      }
      default:
        throw new IllegalArgumentException("unhandled sampler " + kind);
    }
  }
}
