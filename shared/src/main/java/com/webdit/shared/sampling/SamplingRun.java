package com.webdit.shared.sampling;

import com.webdit.shared.rng.Gaussian;

/**
 * One image being sampled, a step at a time: the update every sampler shares (docs/MODEL.md,
 * {@link StepCoefficients}), written once. {@link Sampler} runs it in a loop around the reference
 * model; the server's batch renderer advances many runs side by side around its fast model.
 * Scalars are double, images float32, so equal v gives equal x in both.
 */
public final class SamplingRun {
  private final SampleRequest request;
  private final StepCoefficients[] schedule;
  private final float[] x;
  private final float[] z;
  private float[] prevX0;
  private int step;

  /** From start (copied; see {@link StartNoise}) on the grid from t0 down to 0. */
  public SamplingRun(SampleRequest request, float[] start, double t0) {
    this.request = request;
    schedule = StepCoefficients.schedule(request.sampler(), request.steps(), t0);
    x = new float[start.length]; // a copy: GWT has no array clone()
    System.arraycopy(start, 0, x, 0, start.length);
    prevX0 = new float[start.length];
    z = new float[start.length];
  }

  public boolean done() {
    return step == schedule.length;
  }

  /** Steps taken so far. */
  public int step() {
    return step;
  }

  public int steps() {
    return schedule.length;
  }

  /** The model's t for the next step (float32, as the model takes it). */
  public float t() {
    return (float) schedule[step].t();
  }

  /**
   * Whether this step combines cond and uncond (two model passes): guidance w != 1, a real label
   * (the null label's two passes would be equal), and the step's t inside the guidance interval.
   */
  public boolean guided(int nullLabel) {
    return request.label() != nullLabel && request.guidance().guidedStep(schedule[step].t(), request.cfgScale());
  }

  /** The current x_t (read it, do not keep it). */
  public float[] x() {
    return x;
  }

  /**
   * One step given the model's (guided) v at x: x0_hat clipped to [-1, 1], then
   * {@code x' = c_x0 x0 + c_x x + c_prev x0_prev + c_z z}; DDPM's noise z is
   * gaussian(seed, stream k + 1).
   */
  public void advance(float[] v) {
    StepCoefficients k = schedule[step];
    int values = x.length;
    float[] x0 = new float[values];
    for (int j = 0; j < values; j++) {
      x0[j] = (float) Math.max(-1.0, Math.min(1.0, k.alphaS() * x[j] - k.sigmaS() * v[j]));
    }
    if (k.cZ() != 0) {
      Gaussian.fill(request.seed(), k.stream(), z);
    }
    for (int j = 0; j < values; j++) {
      double next = k.cX0() * x0[j] + k.cX() * x[j] + k.cPrev() * prevX0[j];
      x[j] = (float) (k.cZ() != 0 ? next + k.cZ() * z[j] : next);
    }
    prevX0 = x0;
    step++;
  }

  /** Classifier-free guidance: uncond + w (cond - uncond), in double, rounded to float. */
  public static float[] guide(float[] cond, float[] uncond, float w) {
    float[] v = new float[cond.length];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (uncond[i] + (double) w * (cond[i] - uncond[i]));
    }
    return v;
  }
}
