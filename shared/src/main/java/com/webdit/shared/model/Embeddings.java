package com.webdit.shared.model;

/** The fixed (not learned) sinusoidal embeddings of docs/MODEL.md, computed in double. */
public final class Embeddings {
  /** Continuous t in [0, 1] is scaled to DiT's usual [0, 1000] range before the sinusoid. */
  public static final double TIME_SCALE = 1000.0;

  /** The largest position table: DiTConfig's largest grid (32 x 32) at its largest hidden size. */
  public static final long MAX_POSITION_VALUES = (long) DiTConfig.MAX_GRID * DiTConfig.MAX_GRID * DiTConfig.MAX_HIDDEN_SIZE;

  private Embeddings() {}

  /** [cos(s * t * f_i), sin(s * t * f_i)] with f_i = exp(-ln(10000) * i / half), i < half. */
  public static float[] timestep(float t, int dim) {
    if (dim < 2 || dim % 2 != 0) {
      throw new IllegalArgumentException("timestep embedding size must be a positive even number, got " + dim);
    }
    int half = dim / 2;
    float[] out = new float[dim];
    for (int i = 0; i < half; i++) {
      double freq = Math.exp(-Math.log(10000.0) * i / half);
      double arg = TIME_SCALE * t * freq;
      out[i] = (float) Math.cos(arg);
      out[half + i] = (float) Math.sin(arg);
    }
    return out;
  }

  /**
   * 2-D sin-cos positional embedding (MAE/DiT): token (row r, col c) gets
   * [sincos(dim/2, c), sincos(dim/2, r)], where sincos(n, p) = [sin(p w_i), cos(p w_i)] and
   * w_i = 10000^(-i / (n/2)), i < n/2. Returns (grid * grid, dim).
   */
  public static float[] position2d(int dim, int grid) {
    // Checked here too, not only by DiTConfig: an unchecked grid * grid * dim wraps around int and
    // surfaces as NegativeArraySizeException or ArrayIndexOutOfBoundsException instead of a reason.
    if (dim < 4 || dim % 4 != 0) {
      throw new IllegalArgumentException("2-D position embedding size must be a positive multiple of 4, got " + dim);
    }
    if (grid < 1 || (long) grid * grid * dim > MAX_POSITION_VALUES) {
      throw new IllegalArgumentException("2-D position embedding of grid " + grid + " x " + grid + " x " + dim
          + " is outside [1, " + MAX_POSITION_VALUES + "] values");
    }
    float[] out = new float[grid * grid * dim];
    int half = dim / 2;
    for (int r = 0; r < grid; r++) {
      for (int c = 0; c < grid; c++) {
        int t = r * grid + c;
        sincos(out, t * dim, half, c);
        sincos(out, t * dim + half, half, r);
      }
    }
    return out;
  }

  private static void sincos(float[] out, int offset, int n, int pos) {
    int quarter = n / 2;
    for (int i = 0; i < quarter; i++) {
      double omega = Math.pow(10000.0, -(double) i / quarter);
      out[offset + i] = (float) Math.sin(pos * omega);
      out[offset + quarter + i] = (float) Math.cos(pos * omega);
    }
  }
}
