package com.webdit.shared.model;

/**
 * A DiT block with adaLN-Zero conditioning:
 * <pre>
 *   shift1, scale1, gate1, shift2, scale2, gate2 = Linear(SiLU(c))   (6 chunks of hidden)
 *   x = x + gate1 * Attn(modulate(LN(x), shift1, scale1))
 *   x = x + gate2 * MLP(modulate(LN(x), shift2, scale2))
 * </pre>
 * A block with a long skip first mixes an earlier block's output into its input:
 * {@code x = skip_linear([x | skip])}, a Linear(2D -> D) on the concatenation.
 */
public final class DiTBlock {
  private final int tokens;
  private final int dim;
  private final int heads;
  private final Linear adaLN;
  private final Linear qkv;
  private final Linear proj;
  private final Linear fc1;
  private final Linear fc2;
  private final Linear skipLinear; // null without a long skip

  DiTBlock(WeightFile wf, DiTConfig c, int index) {
    tokens = c.tokens();
    dim = c.hiddenSize();
    heads = c.numHeads();
    String p = "blocks." + index + ".";
    adaLN = Linear.load(wf, p + "adaLN_modulation.1", dim, 6 * dim);
    qkv = Linear.load(wf, p + "attn.qkv", dim, 3 * dim);
    proj = Linear.load(wf, p + "attn.proj", dim, dim);
    fc1 = Linear.load(wf, p + "mlp.fc1", dim, c.mlpHidden());
    fc2 = Linear.load(wf, p + "mlp.fc2", c.mlpHidden(), dim);
    skipLinear = c.skipSource(index) >= 0 ? Linear.load(wf, p + "skip_linear", 2 * dim, dim) : null;
  }

  /** x = skip_linear([x | skip]) row by row, in place; skip is the source block's output (tokens, hidden). */
  public void mixSkip(float[] x, float[] skip) {
    float[] cat = new float[tokens * 2 * dim];
    for (int r = 0; r < tokens; r++) {
      System.arraycopy(x, r * dim, cat, r * 2 * dim, dim);
      System.arraycopy(skip, r * dim, cat, r * 2 * dim + dim, dim);
    }
    System.arraycopy(skipLinear.apply(cat, tokens), 0, x, 0, x.length);
  }

  /** Updates x (tokens, hidden) in place; siluC is SiLU(c), shared by every block. */
  public void forward(float[] x, float[] siluC) {
    float[] mod = adaLN.apply(siluC, 1);
    float[] h = Ops.modulate(Ops.layerNorm(x, tokens, dim), tokens, dim, Ops.slice(mod, 0, dim), Ops.slice(mod, dim, dim));
    float[] attn = proj.apply(Ops.attention(qkv.apply(h, tokens), tokens, heads, dim / heads), tokens);
    Ops.gatedResidual(x, attn, tokens, dim, Ops.slice(mod, 2 * dim, dim));

    h = Ops.modulate(Ops.layerNorm(x, tokens, dim), tokens, dim, Ops.slice(mod, 3 * dim, dim), Ops.slice(mod, 4 * dim, dim));
    float[] mlp = fc2.apply(Ops.gelu(fc1.apply(h, tokens)), tokens);
    Ops.gatedResidual(x, mlp, tokens, dim, Ops.slice(mod, 5 * dim, dim));
  }
}
