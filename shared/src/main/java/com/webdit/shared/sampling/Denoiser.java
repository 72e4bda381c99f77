package com.webdit.shared.sampling;

/** A v-prediction model: v = f(x_t, t, label). {@code DiT::forward} is one. */
@FunctionalInterface
public interface Denoiser {
  float[] predictV(float[] x, float t, int label);
}
