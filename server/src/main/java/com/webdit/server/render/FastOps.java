package com.webdit.server.render;

import com.webdit.shared.model.Ops;

/**
 * The server's fast CPU kernels: float32 on row arrays ({@code float[rows][cols]}), written so
 * HotSpot's C2 turns the inner loops into AVX/NEON vector code. Each one has a readable reference
 * in {@code shared/.../model/Ops.java} that FastDiTParityTest holds it to.
 *
 * <p>Why rows of separate arrays: C2 (JDK 17) vectorises {@code y[i] = fma(a, w[i], y[i])} only
 * when it can prove that the load and the store cannot overlap; with one flat array and two
 * unknown offsets it cannot, and the loop stays scalar (measured ~10x slower). With one array
 * per row, every access in the loop uses the same index {@code i}, so even if two of the arrays
 * were the same object the loop would be safe, and C2 vectorises it. {@link Math#fma} matters
 * too: {@code y + a * w} is two roundings, which C2 may not fuse, and the two-term form below did
 * not vectorise without it.
 */
final class FastOps {
  private FastOps() {}

  /**
   * y[r][0, n) += sum_j x[r][j] * w[j][0, n) for r < rows, j < k: w is stored transposed (one row
   * of n outputs per input), so the inner loop walks the outputs, four rows and two inputs at a
   * time (each y row is loaded and stored once per two inputs, each w row once per four rows).
   */
  static void matmulAdd(float[][] x, int rows, int k, float[][] w, int n, float[][] y) {
    int r = 0;
    for (; r + 4 <= rows; r += 4) {
      float[] x0 = x[r], x1 = x[r + 1], x2 = x[r + 2], x3 = x[r + 3];
      float[] y0 = y[r], y1 = y[r + 1], y2 = y[r + 2], y3 = y[r + 3];
      int j = 0;
      for (; j + 2 <= k; j += 2) {
        float[] wa = w[j], wb = w[j + 1];
        float a0 = x0[j], a1 = x1[j], a2 = x2[j], a3 = x3[j];
        float b0 = x0[j + 1], b1 = x1[j + 1], b2 = x2[j + 1], b3 = x3[j + 1];
        for (int i = 0; i < n; i++) {
          float u = wa[i], v = wb[i];
          y0[i] = Math.fma(b0, v, Math.fma(a0, u, y0[i]));
          y1[i] = Math.fma(b1, v, Math.fma(a1, u, y1[i]));
          y2[i] = Math.fma(b2, v, Math.fma(a2, u, y2[i]));
          y3[i] = Math.fma(b3, v, Math.fma(a3, u, y3[i]));
        }
      }
      if (j < k) {
        float[] wa = w[j];
        float a0 = x0[j], a1 = x1[j], a2 = x2[j], a3 = x3[j];
        for (int i = 0; i < n; i++) {
          float u = wa[i];
          y0[i] = Math.fma(a0, u, y0[i]);
          y1[i] = Math.fma(a1, u, y1[i]);
          y2[i] = Math.fma(a2, u, y2[i]);
          y3[i] = Math.fma(a3, u, y3[i]);
        }
      }
    }
    for (; r < rows; r++) {
      float[] x0 = x[r], y0 = y[r];
      int j = 0;
      for (; j + 2 <= k; j += 2) {
        float[] wa = w[j], wb = w[j + 1];
        float a0 = x0[j], b0 = x0[j + 1];
        for (int i = 0; i < n; i++) {
          y0[i] = Math.fma(b0, wb[i], Math.fma(a0, wa[i], y0[i]));
        }
      }
      if (j < k) {
        float[] wa = w[j];
        float a0 = x0[j];
        for (int i = 0; i < n; i++) {
          y0[i] = Math.fma(a0, wa[i], y0[i]);
        }
      }
    }
  }

  /**
   * out[r] = LN(x[r]) * (1 + scale) + shift with the row's image's shift and scale: rows come in
   * blocks of {@code tokens} per image, and mod[image] holds the adaLN output, shift at
   * {@code shiftAt}, scale at {@code shiftAt + dim}. Statistics in double, as in the reference.
   */
  static void layerNormModulate(float[][] x, int rows, int dim, int tokens, float[][] mod, int shiftAt, float[][] out) {
    for (int r = 0; r < rows; r++) {
      float[] xr = x[r];
      float[] o = out[r];
      float[] m = mod[r / tokens];
      double mean = 0;
      for (int i = 0; i < dim; i++) {
        mean += xr[i];
      }
      mean /= dim;
      double var = 0;
      for (int i = 0; i < dim; i++) {
        double d = xr[i] - mean;
        var += d * d;
      }
      var /= dim;
      float inv = (float) (1.0 / Math.sqrt(var + Ops.LAYER_NORM_EPS));
      float mu = (float) mean;
      int scaleAt = shiftAt + dim;
      for (int i = 0; i < dim; i++) {
        float n = (xr[i] - mu) * inv;
        o[i] = Math.fma(n, 1f + m[scaleAt + i], m[shiftAt + i]);
      }
    }
  }

  /** x[r] += gate * y[r], the image's gate at mod[image][gateAt ..]. */
  static void gatedResidual(float[][] x, float[][] y, int rows, int dim, int tokens, float[][] mod, int gateAt) {
    for (int r = 0; r < rows; r++) {
      float[] xr = x[r];
      float[] yr = y[r];
      float[] m = mod[r / tokens];
      for (int i = 0; i < dim; i++) {
        xr[i] = Math.fma(m[gateAt + i], yr[i], xr[i]);
      }
    }
  }

  private static final float GELU_C = (float) Math.sqrt(2.0 / Math.PI);

  /** GELU (tanh form, as the reference) in place on rows[r][0, n). */
  static void gelu(float[][] x, int rows, int n) {
    for (int r = 0; r < rows; r++) {
      float[] xr = x[r];
      for (int i = 0; i < n; i++) {
        float v = xr[i];
        xr[i] = 0.5f * v * (1f + tanh(GELU_C * Math.fma(0.044715f * v, v * v, v)));
      }
    }
  }

  /**
   * tanh in float32 to a few ulps: Eigen's rational approximation (a degree 13/6 odd/even
   * polynomial pair on [-9, 9], beyond which tanh is +-1 in float32). {@link Math#tanh} is a
   * double-precision library call that cost more than all the matrix products of a block.
   */
  static float tanh(float a) {
    float x = Math.max(-9f, Math.min(9f, a));
    float x2 = x * x;
    float p = Math.fma(x2, -2.76076847742355e-16f, 2.00018790482477e-13f);
    p = Math.fma(x2, p, -8.60467152213735e-11f);
    p = Math.fma(x2, p, 5.12229709037114e-08f);
    p = Math.fma(x2, p, 1.48572235717979e-05f);
    p = Math.fma(x2, p, 6.37261928875436e-04f);
    p = Math.fma(x2, p, 4.89352455891786e-03f);
    p = x * p;
    float q = Math.fma(x2, 1.19825839466702e-06f, 1.18534705686654e-04f);
    q = Math.fma(x2, q, 2.26843463243900e-03f);
    q = Math.fma(x2, q, 4.89352518554385e-03f);
    return p / q;
  }

  /** SiLU in float, as {@code Ops.silu}. */
  static void silu(float[] x, int n) {
    for (int i = 0; i < n; i++) {
      x[i] = (float) (x[i] / (1.0 + Math.exp(-x[i])));
    }
  }

  /** Softmax of each row[0, n) in place, max-subtracted. */
  static void softmax(float[][] s, int rows, int n) {
    for (int r = 0; r < rows; r++) {
      float[] row = s[r];
      float max = Float.NEGATIVE_INFINITY;
      for (int i = 0; i < n; i++) {
        max = Math.max(max, row[i]);
      }
      float sum = 0;
      for (int i = 0; i < n; i++) {
        float e = (float) Math.exp(row[i] - max);
        row[i] = e;
        sum += e;
      }
      float inv = 1f / sum;
      for (int i = 0; i < n; i++) {
        row[i] *= inv;
      }
    }
  }
}
