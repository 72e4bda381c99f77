package com.webdit.shared.sampling;

import com.webdit.shared.rng.Gaussian;

/**
 * Runs a sampler from pure noise at t = 1 to an image at t = 0, exactly as docs/MODEL.md writes
 * it. Scalars are computed in double; image arrays are float32.
 *
 * <p>Noise: the initial x is gaussian(seed, stream 0, i); DDPM's step k (0-based) adds
 * gaussian(seed, stream k + 1, i). x0_hat is clipped to [-1, 1] before every update, which
 * {@link StepCoefficients} expresses for every sampler alike (the WGSL engine uses the same).
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
    return sample(req, StartNoise.plain(req.seed(), values), 1.0, listener);
  }

  /**
   * Samples from a given start (see {@link StartNoise}) on the grid from t0 down to 0: a remix
   * passes its noised image and t0 = strength, a morph frame its interpolated noise and t0 = 1.
   * DDPM's per-step noise still comes from the request's seed.
   */
  public float[] sample(SampleRequest req, float[] start, double t0, StepListener listener) {
    if (req.label() < 0 || req.label() > nullLabel) {
      throw new IllegalArgumentException("label " + req.label() + " is outside [0, " + nullLabel + "]");
    }
    if (start.length != values) {
      throw new IllegalArgumentException("start has " + start.length + " values, the model's images " + values);
    }
    float[] x = new float[values]; // a copy: GWT has no array clone()
    System.arraycopy(start, 0, x, 0, values);
    float[] prevX0 = new float[values];
    float[] z = new float[values];
    StepCoefficients[] schedule = StepCoefficients.schedule(req.sampler(), req.steps(), t0);
    for (int i = 0; i < schedule.length; i++) {
      StepCoefficients k = schedule[i];
      float[] v = guidedV(x, (float) k.t(), req.label(), req.cfgScale());
      float[] x0 = new float[values];
      for (int j = 0; j < values; j++) {
        x0[j] = (float) Math.max(-1.0, Math.min(1.0, k.alphaS() * x[j] - k.sigmaS() * v[j]));
      }
      if (k.cZ() != 0) {
        Gaussian.fill(req.seed(), k.stream(), z);
      }
      for (int j = 0; j < values; j++) {
        double next = k.cX0() * x0[j] + k.cX() * x[j] + k.cPrev() * prevX0[j];
        x[j] = (float) (k.cZ() != 0 ? next + k.cZ() * z[j] : next);
      }
      prevX0 = x0;
      if (listener != null) {
        listener.onStep(i + 1, schedule.length, x);
      }
    }
    return x;
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

  /** log-SNR / 2: lambda(t) = ln(alpha(t) / sigma(t)). */
  static double lambda(double t) {
    return Math.log(CosineSchedule.alpha(t) / CosineSchedule.sigma(t));
  }
}
