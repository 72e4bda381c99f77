package com.webdit.shared.model;

/**
 * shift, scale = Linear(SiLU(c)); out = Linear(modulate(LN(x), shift, scale)) per token; then
 * unpatchify to (C, H, W) and, when the config asks, add a 3x3 convolution of that image
 * (residual, zero-initialised in training, so it starts as the identity).
 */
public final class FinalLayer {
  private final DiTConfig c;
  private final Linear adaLN;
  private final Linear linear;
  private final float[] convWeight;
  private final float[] convBias;

  FinalLayer(WeightFile wf, DiTConfig c) {
    this.c = c;
    int dim = c.hiddenSize();
    adaLN = Linear.load(wf, "final_layer.adaLN_modulation.1", dim, 2 * dim);
    linear = Linear.load(wf, "final_layer.linear", dim, c.patchDim());
    if (c.finalConv()) {
      convWeight = wf.tensor("final_conv.weight", c.channels(), c.channels(), 3, 3);
      convBias = wf.tensor("final_conv.bias", c.channels());
    } else {
      convWeight = null;
      convBias = null;
    }
  }

  /** (tokens, hidden) -> (C, H, W). */
  public float[] forward(float[] x, float[] siluC) {
    int dim = c.hiddenSize();
    int tokens = c.tokens();
    float[] mod = adaLN.apply(siluC, 1);
    float[] h = Ops.modulate(Ops.layerNorm(x, tokens, dim), tokens, dim, Ops.slice(mod, 0, dim), Ops.slice(mod, dim, dim));
    float[] image = Ops.unpatchify(linear.apply(h, tokens), c.channels(), c.imageSize(), c.patchSize());
    if (convWeight == null) {
      return image;
    }
    float[] conv = Ops.conv3x3(image, c.channels(), c.imageSize(), convWeight, convBias);
    for (int i = 0; i < image.length; i++) {
      image[i] += conv[i];
    }
    return image;
  }
}
