package com.webdit.server.render;

import com.webdit.shared.model.DiTConfig;
import com.webdit.shared.model.Embeddings;
import com.webdit.shared.model.Ops;
import com.webdit.shared.model.WeightFile;

/**
 * The server's fast CPU DiT: the same forward pass as {@code shared/.../model/DiT.java} (the
 * readable reference, and the oracle FastDiTParityTest checks this against), laid out for speed:
 * float32 throughout, weights transposed once at load ({@link PackedLinear}), LayerNorm fused
 * with adaLN's modulate, GELU applied in place, every adaLN layer of every block in one stacked
 * matrix, and several images (a guided step's cond and uncond rows, other requests' steps) in one
 * pass, so each weight row is reused across all their tokens while it is in cache.
 *
 * <p>A FastDiT is immutable and shared; each thread runs {@link #forward} with its own
 * {@link Workspace}.
 */
public final class FastDiT {
  private final DiTConfig c;
  private final int tokens;
  private final int dim;
  private final int heads;
  private final int headDim;
  private final int hidden;
  private final int patchDim;
  private final PackedLinear xEmbedder;
  private final float[] pos;
  private final PackedLinear tFc1;
  private final PackedLinear tFc2;
  private final float[] labelTable;
  /** adaLN_modulation.1 of block 0 .. L-1, then the final layer's: (D) -> (6 D L + 2 D). */
  private final PackedLinear adaLN;
  private final PackedLinear[] qkv;
  private final PackedLinear[] proj;
  private final PackedLinear[] fc1;
  private final PackedLinear[] fc2;
  /** Long skips: block l's Linear(2D -> D) on [h | kept output of block skipSource(l)], null where none. */
  private final PackedLinear[] skip;
  private final PackedLinear finalLinear;
  private final float[] convWeight;
  private final float[] convBias;

  public FastDiT(WeightFile wf) {
    c = wf.config();
    tokens = c.tokens();
    dim = c.hiddenSize();
    heads = c.numHeads();
    headDim = dim / heads;
    hidden = c.mlpHidden();
    patchDim = c.patchDim();
    int p = c.patchSize();
    xEmbedder = new PackedLinear(wf.tensor("x_embedder.proj.weight", dim, c.channels(), p, p),
        wf.tensor("x_embedder.proj.bias", dim), patchDim, dim);
    pos = Embeddings.position2d(dim, c.gridSize());
    tFc1 = PackedLinear.load(wf, "t_embedder.mlp.0", c.freqDim(), dim);
    tFc2 = PackedLinear.load(wf, "t_embedder.mlp.2", dim, dim);
    labelTable = wf.tensor("y_embedder.embedding_table.weight", c.numClasses() + 1, dim);
    int depth = c.depth();
    PackedLinear[] ada = new PackedLinear[depth + 1];
    qkv = new PackedLinear[depth];
    proj = new PackedLinear[depth];
    fc1 = new PackedLinear[depth];
    fc2 = new PackedLinear[depth];
    skip = new PackedLinear[depth];
    for (int l = 0; l < depth; l++) {
      String b = "blocks." + l + ".";
      ada[l] = PackedLinear.load(wf, b + "adaLN_modulation.1", dim, 6 * dim);
      qkv[l] = PackedLinear.load(wf, b + "attn.qkv", dim, 3 * dim);
      proj[l] = PackedLinear.load(wf, b + "attn.proj", dim, dim);
      fc1[l] = PackedLinear.load(wf, b + "mlp.fc1", dim, hidden);
      fc2[l] = PackedLinear.load(wf, b + "mlp.fc2", hidden, dim);
      skip[l] = c.skipSource(l) >= 0 ? PackedLinear.load(wf, b + "skip_linear", 2 * dim, dim) : null;
    }
    ada[depth] = PackedLinear.load(wf, "final_layer.adaLN_modulation.1", dim, 2 * dim);
    adaLN = PackedLinear.stack(ada);
    finalLinear = PackedLinear.load(wf, "final_layer.linear", dim, patchDim);
    if (c.finalConv()) {
      convWeight = wf.tensor("final_conv.weight", c.channels(), c.channels(), 3, 3);
      convBias = wf.tensor("final_conv.bias", c.channels());
    } else {
      convWeight = null;
      convBias = null;
    }
  }

  public DiTConfig config() {
    return c;
  }

  /** A thread's scratch buffers for up to {@code images} images at once. */
  public Workspace workspace(int images) {
    return new Workspace(images);
  }

  /**
   * v[i] = DiT(x[i], t[i], labels[i]) for i < n, in one pass over the weights. Each x[i] is
   * (C, H, W); v[i] receives (C, H, W). The workspace must hold n images.
   */
  public void forward(float[][] x, float[] t, int[] labels, int n, float[][] v, Workspace ws) {
    if (n > ws.images) {
      throw new IllegalArgumentException(n + " images need a workspace for at least " + n + ", this one holds " + ws.images);
    }
    int rows = n * tokens;
    conditioning(t, labels, n, ws);
    patchEmbed(x, n, ws);
    for (int l = 0; l < qkv.length; l++) {
      int at = 6 * dim * l;
      if (skip[l] != null) {
        mixSkip(l, rows, ws);
      }
      FastOps.layerNormModulate(ws.h, rows, dim, tokens, ws.mod, at, ws.a);
      qkv[l].apply(ws.a, rows, ws.qkv);
      attention(n, ws);
      proj[l].apply(ws.attn, rows, ws.tmp);
      FastOps.gatedResidual(ws.h, ws.tmp, rows, dim, tokens, ws.mod, at + 2 * dim);
      FastOps.layerNormModulate(ws.h, rows, dim, tokens, ws.mod, at + 3 * dim, ws.a);
      fc1[l].apply(ws.a, rows, ws.mlp);
      FastOps.gelu(ws.mlp, rows, hidden);
      fc2[l].apply(ws.mlp, rows, ws.tmp);
      FastOps.gatedResidual(ws.h, ws.tmp, rows, dim, tokens, ws.mod, at + 5 * dim);
      if (l < ws.kept.length) {
        for (int r = 0; r < rows; r++) {
          System.arraycopy(ws.h[r], 0, ws.kept[l][r], 0, dim);
        }
      }
    }
    FastOps.layerNormModulate(ws.h, rows, dim, tokens, ws.mod, 6 * dim * qkv.length, ws.a);
    finalLinear.apply(ws.a, rows, ws.patches);
    for (int i = 0; i < n; i++) {
      finalImage(i, v[i], ws);
    }
  }

  /** h = skip_linear_l([h | output of block skipSource(l)]), row by row. */
  private void mixSkip(int l, int rows, Workspace ws) {
    float[][] kept = ws.kept[c.skipSource(l)];
    for (int r = 0; r < rows; r++) {
      System.arraycopy(ws.h[r], 0, ws.cat[r], 0, dim);
      System.arraycopy(kept[r], 0, ws.cat[r], dim, dim);
    }
    skip[l].apply(ws.cat, rows, ws.h);
  }

  /** mod[i] = adaLN(SiLU(t_embedder(t[i]) + table[labels[i]])) for every block and the final layer. */
  private void conditioning(float[] t, int[] labels, int n, Workspace ws) {
    int rows = c.numClasses() + 1;
    for (int i = 0; i < n; i++) {
      if (labels[i] < 0 || labels[i] >= rows) {
        throw new IllegalArgumentException("label " + labels[i] + " is outside [0, " + (rows - 1) + "] ("
            + (rows - 1) + " is the null label)");
      }
      ws.freq[i] = Embeddings.timestep(t[i], c.freqDim());
    }
    tFc1.apply(ws.freq, n, ws.cond);
    for (int i = 0; i < n; i++) {
      FastOps.silu(ws.cond[i], dim);
    }
    tFc2.apply(ws.cond, n, ws.cond2);
    for (int i = 0; i < n; i++) {
      float[] ci = ws.cond2[i];
      int at = labels[i] * dim;
      for (int j = 0; j < dim; j++) {
        ci[j] += labelTable[at + j];
      }
      FastOps.silu(ci, dim);
    }
    adaLN.apply(ws.cond2, n, ws.mod);
  }

  /** h = x_embedder(patchify(x)) + pos, tokens of image i at rows [i T, (i + 1) T). */
  private void patchEmbed(float[][] x, int n, Workspace ws) {
    int p = c.patchSize();
    int size = c.imageSize();
    int grid = c.gridSize();
    for (int i = 0; i < n; i++) {
      float[] img = x[i];
      for (int tok = 0; tok < tokens; tok++) {
        float[] row = ws.patches[i * tokens + tok];
        int pr = tok / grid;
        int pc = tok % grid;
        for (int ch = 0; ch < c.channels(); ch++) {
          for (int dy = 0; dy < p; dy++) {
            for (int dx = 0; dx < p; dx++) {
              row[ch * p * p + dy * p + dx] = img[(ch * size + pr * p + dy) * size + pc * p + dx];
            }
          }
        }
      }
    }
    int rows = n * tokens;
    xEmbedder.apply(ws.patches, rows, ws.h);
    for (int r = 0; r < rows; r++) {
      float[] h = ws.h[r];
      int at = (r % tokens) * dim;
      for (int j = 0; j < dim; j++) {
        h[j] += pos[at + j];
      }
    }
  }

  /** attn = softmax(q k^T / sqrt(hd)) v per image and head, from the qkv rows. */
  private void attention(int n, Workspace ws) {
    float scale = (float) (1.0 / Math.sqrt(headDim));
    for (int i = 0; i < n; i++) {
      int base = i * tokens;
      for (int h = 0; h < heads; h++) {
        int qo = h * headDim;
        int ko = dim + qo;
        int vo = 2 * dim + qo;
        for (int tok = 0; tok < tokens; tok++) {
          float[] row = ws.qkv[base + tok];
          float[] q = ws.q[tok];
          for (int d = 0; d < headDim; d++) {
            q[d] = row[qo + d] * scale;
            ws.kT[d][tok] = row[ko + d];
          }
          System.arraycopy(row, vo, ws.v[tok], 0, headDim);
          java.util.Arrays.fill(ws.scores[tok], 0, tokens, 0f);
          java.util.Arrays.fill(ws.o[tok], 0, headDim, 0f);
        }
        FastOps.matmulAdd(ws.q, tokens, headDim, ws.kT, tokens, ws.scores);
        FastOps.softmax(ws.scores, tokens, tokens);
        FastOps.matmulAdd(ws.scores, tokens, tokens, ws.v, headDim, ws.o);
        for (int tok = 0; tok < tokens; tok++) {
          System.arraycopy(ws.o[tok], 0, ws.attn[base + tok], qo, headDim);
        }
      }
    }
  }

  /** Unpatchify image i's final-layer rows into v, then add final_conv(v) when the config has it. */
  private void finalImage(int i, float[] v, Workspace ws) {
    int p = c.patchSize();
    int size = c.imageSize();
    int grid = c.gridSize();
    int channels = c.channels();
    for (int tok = 0; tok < tokens; tok++) {
      float[] row = ws.patches[i * tokens + tok];
      int pr = tok / grid;
      int pc = tok % grid;
      for (int dy = 0; dy < p; dy++) {
        for (int dx = 0; dx < p; dx++) {
          for (int ch = 0; ch < channels; ch++) {
            v[(ch * size + pr * p + dy) * size + pc * p + dx] = row[(dy * p + dx) * channels + ch];
          }
        }
      }
    }
    if (convWeight != null) {
      float[] conv = Ops.conv3x3(v, channels, size, convWeight, convBias);
      for (int j = 0; j < conv.length; j++) {
        v[j] += conv[j];
      }
    }
  }

  /** Scratch buffers for one thread: one array per token row (see {@link FastOps} for why). */
  public final class Workspace {
    final int images;
    final float[][] freq;
    final float[][] cond;
    final float[][] cond2;
    final float[][] mod;
    final float[][] h;
    final float[][] a;
    final float[][] qkv;
    final float[][] attn;
    final float[][] tmp;
    final float[][] mlp;
    final float[][] patches;
    final float[][] q;
    final float[][] kT;
    final float[][] v;
    final float[][] scores;
    final float[][] o;
    final float[][][] kept; // the outputs of blocks 0 .. longSkipCount-1, for the long skips
    final float[][] cat;    // [h | kept] rows for a long skip

    private Workspace(int images) {
      this.images = images;
      int rows = images * tokens;
      freq = new float[images][];
      cond = new float[images][dim];
      cond2 = new float[images][dim];
      mod = new float[images][adaLN.out];
      h = new float[rows][dim];
      a = new float[rows][dim];
      qkv = new float[rows][3 * dim];
      attn = new float[rows][dim];
      tmp = new float[rows][dim];
      mlp = new float[rows][hidden];
      patches = new float[rows][patchDim];
      q = new float[tokens][headDim];
      kT = new float[headDim][tokens];
      v = new float[tokens][headDim];
      scores = new float[tokens][tokens];
      o = new float[tokens][headDim];
      kept = new float[c.longSkipCount()][rows][dim];
      cat = new float[c.longSkipCount() > 0 ? rows : 0][2 * dim];
    }

    public int images() {
      return images;
    }
  }
}
