package com.webdit.shared.sampling;

import com.webdit.shared.rng.Gaussian;

/**
 * Runs a sampler from pure noise at t = 1 to an image at t = 0, exactly as docs/MODEL.md writes
 * it. Scalars are computed in double; image arrays are float32.
 *
 * <p>Noise: the initial x is gaussian(seed, stream 0, i); DDPM's step k (0-based) adds
 * gaussian(seed, stream k + 1, i). x0_hat is clipped to [-1, 1] before every update.
 */
public final class Sampler {
  /** Called after each step with the 1-based step number and the current x (do not keep it). */
  public interface StepListener {
    void onStep(int step, int steps, float[] x);
  }

  private final Denoiser model;
  private final int values;
  private final int nullLabel;

  public Sampler(Denoiser model, int imageValues, int nullLabel) {
    this.model = model;
    this.values = imageValues;
    this.nullLabel = nullLabel;
  }

  public float[] sample(SampleRequest req) {
    return sample(req, null);
  }

  public float[] sample(SampleRequest req, StepListener listener) {
    if (req.label() < 0 || req.label() > nullLabel) {
      throw new IllegalArgumentException("label " + req.label() + " is outside [0, " + nullLabel + "]");
    }
    float[] x = new float[values];
    Gaussian.fill(req.seed(), 0, x);
    float[] prevX0 = null;
    int n = req.steps();
    for (int i = 0; i < n; i++) {
      double s = CosineSchedule.time(i, n);
      double t = CosineSchedule.time(i + 1, n);
      float[] x0 = predictX0(x, s, req);
      switch (req.sampler()) {
        case DDIM:
          ddimStep(x, x0, s, t);
          break;
        case DDPM:
          ddpmStep(x, x0, s, t, req.seed(), i + 1);
          break;
        case DPMPP_2M:
          dpmpp2mStep(x, x0, prevX0, s, t, i == 0 ? Double.NaN : CosineSchedule.time(i - 1, n));
          break;
        default:
          throw new IllegalStateException("unhandled sampler " + req.sampler());
      }
      prevX0 = x0;
      if (listener != null) {
        listener.onStep(i + 1, n, x);
      }
    }
    return x;
  }

  /** Guided v, then x0_hat = alpha x - sigma v, clipped to [-1, 1]. */
  float[] predictX0(float[] x, double s, SampleRequest req) {
    float[] v = guidedV(x, (float) s, req.label(), req.cfgScale());
    double a = CosineSchedule.alpha(s);
    double sg = CosineSchedule.sigma(s);
    float[] x0 = new float[values];
    for (int i = 0; i < values; i++) {
      double p = a * x[i] - sg * v[i];
      x0[i] = (float) Math.max(-1.0, Math.min(1.0, p));
    }
    return x0;
  }

  /** Classifier-free guidance; w = 1 (or an unconditional label) needs one model call only. */
  float[] guidedV(float[] x, float t, int label, float w) {
    float[] cond = model.predictV(x, t, label);
    if (w == 1f || label == nullLabel) {
      return cond;
    }
    float[] uncond = model.predictV(x, t, nullLabel);
    float[] v = new float[values];
    for (int i = 0; i < values; i++) {
      v[i] = (float) (uncond[i] + (double) w * (cond[i] - uncond[i]));
    }
    return v;
  }

  /** x_t = alpha_t x0 + sigma_t eps_hat, eps_hat = (x_s - alpha_s x0) / sigma_s. */
  private void ddimStep(float[] x, float[] x0, double s, double t) {
    double as = CosineSchedule.alpha(s);
    double ss = CosineSchedule.sigma(s);
    double at = CosineSchedule.alpha(t);
    double st = CosineSchedule.sigma(t);
    for (int i = 0; i < values; i++) {
      double eps = (x[i] - as * x0[i]) / ss;
      x[i] = (float) (at * x0[i] + st * eps);
    }
  }

  /** Ancestral step: mean of q(x_t | x_s, x0) plus its standard deviation times fresh noise. */
  private void ddpmStep(float[] x, float[] x0, double s, double t, int seed, int stream) {
    double as = CosineSchedule.alpha(s);
    double ss2 = 1.0 - CosineSchedule.alphaBar(s);
    double at = CosineSchedule.alpha(t);
    double st2 = 1.0 - CosineSchedule.alphaBar(t);
    double aTs = as / at;
    double sTs2 = ss2 - aTs * aTs * st2;
    double cx0 = at * sTs2 / ss2;
    double cx = aTs * st2 / ss2;
    double std = Math.sqrt(Math.max(0.0, sTs2 * st2 / ss2));
    float[] z = null;
    if (std > 0) {
      z = new float[values];
      Gaussian.fill(seed, stream, z);
    }
    for (int i = 0; i < values; i++) {
      double mean = cx0 * x0[i] + cx * x[i];
      x[i] = (float) (z == null ? mean : mean + std * z[i]);
    }
  }

  /**
   * x_t = (sigma_t / sigma_s) x_s - alpha_t (e^-h - 1) D, h = lambda_t - lambda_s, with
   * D = (1 + 1/(2r)) x0 - 1/(2r) x0_prev, r = h_prev / h; first-order D = x0 on the first step
   * and on the last step (t = 0, where sigma_t = 0 and x_t = x0).
   */
  private void dpmpp2mStep(float[] x, float[] x0, float[] prevX0, double s, double t, double prevS) {
    double st = CosineSchedule.sigma(t);
    if (st == 0.0) {
      System.arraycopy(x0, 0, x, 0, values);
      return;
    }
    double h = lambda(t) - lambda(s);
    double ratio = st / CosineSchedule.sigma(s);
    double coef = -CosineSchedule.alpha(t) * Math.expm1(-h);
    if (prevX0 == null) {
      for (int i = 0; i < values; i++) {
        x[i] = (float) (ratio * x[i] + coef * x0[i]);
      }
      return;
    }
    double r = (lambda(s) - lambda(prevS)) / h;
    double c1 = 1.0 + 1.0 / (2.0 * r);
    double c0 = 1.0 / (2.0 * r);
    for (int i = 0; i < values; i++) {
      double d = c1 * x0[i] - c0 * prevX0[i];
      x[i] = (float) (ratio * x[i] + coef * d);
    }
  }

  /** log-SNR / 2: lambda(t) = ln(alpha(t) / sigma(t)). */
  static double lambda(double t) {
    return Math.log(CosineSchedule.alpha(t) / CosineSchedule.sigma(t));
  }
}
