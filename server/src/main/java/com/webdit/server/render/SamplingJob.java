package com.webdit.server.render;

import com.webdit.shared.sampling.SampleRequest;
import com.webdit.shared.sampling.SamplingRun;
import com.webdit.shared.sampling.StartNoise;

/**
 * One favicon being sampled, one step at a time, so a {@link BatchRenderer} can run the model for
 * many of them in one pass. The step itself is the shared {@link SamplingRun}, the reference
 * Sampler's own, so given the same v it gives the same x; only the model's forward pass differs
 * (FastDiT instead of DiT). This class adds what batching needs: how many model passes a step
 * takes and with which labels.
 */
final class SamplingJob {
  final SampleRequest request;
  private final int nullLabel;
  private final SamplingRun run;

  /** From start (a remix's noised image; null: the seed's plain noise) on the grid from t0 down to 0. */
  SamplingJob(SampleRequest request, float[] start, double t0, int imageValues, int nullLabel) {
    if (request.label() < 0 || request.label() > nullLabel) {
      throw new IllegalArgumentException("label " + request.label() + " is outside [0, " + nullLabel + "]");
    }
    this.request = request;
    this.nullLabel = nullLabel;
    run = new SamplingRun(request, start != null ? start : StartNoise.plain(request.seed(), imageValues), t0);
  }

  boolean done() {
    return run.done();
  }

  /** Model passes this step needs: cond and uncond on a guided step, cond alone elsewhere ({@link SamplingRun#guided}). */
  int passes() {
    return run.guided(nullLabel) ? 2 : 1;
  }

  /** The current x_t (read it, do not keep it). */
  float[] x() {
    return run.x();
  }

  /** The model's t for this step (float32, as the reference passes it). */
  float t() {
    return run.t();
  }

  /** Label of pass p: the request's, then the null label. */
  int label(int pass) {
    return pass == 0 ? request.label() : nullLabel;
  }

  /** Applies this step given the passes' v (cond, then uncond when guided). */
  void advance(float[] cond, float[] uncond) {
    run.advance(uncond == null ? cond : SamplingRun.guide(cond, uncond, request.cfgScale()));
  }
}
