package com.webdit.shared.sampling;

/**
 * Runs a sampler from pure noise at t = 1 to an image at t = 0, exactly as docs/MODEL.md writes
 * it. Scalars are computed in double; image arrays are float32.
 *
 * <p>Noise: the initial x is gaussian(seed, stream 0, i); DDPM's step k (0-based) adds
 * gaussian(seed, stream k + 1, i). The step update is {@link SamplingRun}'s, which
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
    SamplingRun run = new SamplingRun(req, start, t0);
    while (!run.done()) {
      float[] cond = model.predictV(run.x(), run.t(), req.label());
      run.advance(run.guided(nullLabel) ? SamplingRun.guide(cond, model.predictV(run.x(), run.t(), nullLabel), req.cfgScale())
          : cond);
      if (listener != null) {
        listener.onStep(run.step(), run.steps(), run.x());
      }
    }
    return run.x();
  }

  /** log-SNR / 2: lambda(t) = ln(alpha(t) / sigma(t)). */
  static double lambda(double t) {
    return Math.log(CosineSchedule.alpha(t) / CosineSchedule.sigma(t));
  }
}
