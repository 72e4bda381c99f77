package com.webdit.shared.model;

/** t -> sinusoid(freq_dim) -> Linear -> SiLU -> Linear: a (hidden) vector. */
public final class TimestepEmbedder {
  private final int freqDim;
  private final Linear fc1;
  private final Linear fc2;

  TimestepEmbedder(WeightFile wf, DiTConfig c) {
    freqDim = c.freqDim();
    fc1 = Linear.load(wf, "t_embedder.mlp.0", c.freqDim(), c.hiddenSize());
    fc2 = Linear.load(wf, "t_embedder.mlp.2", c.hiddenSize(), c.hiddenSize());
  }

  public float[] forward(float t) {
    float[] freq = Embeddings.timestep(t, freqDim);
    return fc2.apply(Ops.silu(fc1.apply(freq, 1)), 1);
  }
}
