package com.webdit.shared.model;

/** DiT's x_embedder: a stride-p Conv2d, i.e. a Linear over each flattened patch, plus 2-D sin-cos positions. */
public final class PatchEmbed {
  private final DiTConfig c;
  private final Linear proj;
  private final float[] pos;

  PatchEmbed(WeightFile wf, DiTConfig c) {
    this.c = c;
    int p = c.patchSize();
    float[] w = wf.tensor("x_embedder.proj.weight", c.hiddenSize(), c.channels(), p, p);
    proj = new Linear(w, wf.tensor("x_embedder.proj.bias", c.hiddenSize()), c.patchDim(), c.hiddenSize());
    pos = Embeddings.position2d(c.hiddenSize(), c.gridSize());
  }

  /** (C, H, W) image -> (tokens, hidden). */
  public float[] forward(float[] image) {
    float[] patches = Ops.patchify(image, c.channels(), c.imageSize(), c.patchSize());
    float[] x = proj.apply(patches, c.tokens());
    for (int i = 0; i < x.length; i++) {
      x[i] += pos[i];
    }
    return x;
  }
}
