package com.webdit.server.render;

import com.webdit.shared.rng.Gaussian;
import com.webdit.shared.sampling.SampleRequest;
import com.webdit.shared.sampling.StepCoefficients;

/**
 * One favicon being sampled, one step at a time, so a {@link BatchRenderer} can run the model for
 * many of them in one pass. The arithmetic is {@code shared/.../sampling/Sampler.java}'s, line for
 * line (same double-precision expressions, same rounding to float), so given the same v it gives
 * the same x; only the model's forward pass differs (FastDiT instead of DiT).
 */
final class SamplingJob {
  final SampleRequest request;
  private final int nullLabel;
  private final StepCoefficients[] schedule;
  private final float[] x;
  private float[] prevX0;
  private final float[] z;
  private int step;

  SamplingJob(SampleRequest request, int imageValues, int nullLabel) {
    if (request.label() < 0 || request.label() > nullLabel) {
      throw new IllegalArgumentException("label " + request.label() + " is outside [0, " + nullLabel + "]");
    }
    this.request = request;
    this.nullLabel = nullLabel;
    schedule = StepCoefficients.schedule(request.sampler(), request.steps());
    x = new float[imageValues];
    Gaussian.fill(request.seed(), 0, x);
    prevX0 = new float[imageValues];
    z = new float[imageValues];
  }

  boolean done() {
    return step == schedule.length;
  }

  /** Model passes this step needs: cond and uncond with guidance, cond alone with w = 1 or the null label. */
  int passes() {
    return request.cfgScale() == 1f || request.label() == nullLabel ? 1 : 2;
  }

  /** The current x_t (read it, do not keep it). */
  float[] x() {
    return x;
  }

  /** The model's t for this step (float32, as the reference passes it). */
  float t() {
    return (float) schedule[step].t();
  }

  /** Label of pass p: the request's, then the null label. */
  int label(int pass) {
    return pass == 0 ? request.label() : nullLabel;
  }

  /** Applies this step given the passes' v (cond, then uncond when guided): Sampler.sample's loop body. */
  void advance(float[] cond, float[] uncond) {
    StepCoefficients k = schedule[step];
    int values = x.length;
    float[] v = cond;
    if (uncond != null) {
      float w = request.cfgScale();
      v = new float[values];
      for (int i = 0; i < values; i++) {
        v[i] = (float) (uncond[i] + (double) w * (cond[i] - uncond[i]));
      }
    }
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
}
