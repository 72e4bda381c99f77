package com.webdit.shared.model;

/**
 * The CPU reference DiT forward pass: float32 weights, plain loops, any config read from the
 * weight file. It is the oracle for the WGSL kernels, the in-browser CPU baseline and the
 * server-side renderer. Predicts v (v-prediction) for one (C, H, W) image.
 */
public final class DiT {
  private final DiTConfig config;
  private final PatchEmbed xEmbedder;
  private final TimestepEmbedder tEmbedder;
  private final LabelEmbedder yEmbedder;
  private final DiTBlock[] blocks;
  private final FinalLayer finalLayer;

  public DiT(WeightFile wf) {
    config = wf.config();
    xEmbedder = new PatchEmbed(wf, config);
    tEmbedder = new TimestepEmbedder(wf, config);
    yEmbedder = new LabelEmbedder(wf, config);
    blocks = new DiTBlock[config.depth()];
    for (int i = 0; i < blocks.length; i++) {
      blocks[i] = new DiTBlock(wf, config, i);
    }
    finalLayer = new FinalLayer(wf, config);
  }

  public static DiT load(byte[] safetensors) {
    return new DiT(WeightFile.open(safetensors));
  }

  public DiTConfig config() {
    return config;
  }

  /** v = DiT(x_t, t, y). x is (C, H, W) in [-1, 1]; t in [0, 1]; y in [0, num_classes]. */
  public float[] forward(float[] x, float t, int y) {
    if (x.length != config.imageValues()) {
      throw new IllegalArgumentException("image has " + x.length + " values, config \"" + config.name()
          + "\" needs " + config.imageValues());
    }
    float[] tokens = xEmbedder.forward(x);                          // (T, D)
    float[] c = tEmbedder.forward(t);                                // (D)
    float[] yEmb = yEmbedder.forward(y);
    for (int i = 0; i < c.length; i++) {
      c[i] += yEmb[i];
    }
    float[] siluC = Ops.silu(c);
    float[][] kept = new float[config.longSkipCount()][];            // outputs of the skip sources
    for (int i = 0; i < blocks.length; i++) {
      int source = config.skipSource(i);
      if (source >= 0) {
        blocks[i].mixSkip(tokens, kept[source]);
      }
      blocks[i].forward(tokens, siluC);                              // (T, D)
      if (i < kept.length) {
        kept[i] = java.util.Arrays.copyOf(tokens, tokens.length);
      }
    }
    return finalLayer.forward(tokens, siluC);                        // (C, H, W)
  }
}
