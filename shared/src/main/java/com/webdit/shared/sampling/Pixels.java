package com.webdit.shared.sampling;

/**
 * Model space <-> display pixels. The model works on premultiplied RGBA scaled to [-1, 1]
 * (a transparent pixel is all -1, so there is no "colour of nothing" to learn); display wants
 * straight RGBA8 in row-major (H, W, 4) order.
 */
public final class Pixels {
  private Pixels() {}

  /** (4, H, W) premultiplied in [-1, 1] -> straight RGBA8 bytes as ints 0..255, (H, W, 4). */
  public static int[] toRgba8(float[] chw, int size) {
    int plane = size * size;
    int[] out = new int[plane * 4];
    for (int p = 0; p < plane; p++) {
      double a = clamp01((chw[3 * plane + p] + 1.0) * 0.5);
      for (int c = 0; c < 3; c++) {
        double premul = clamp01((chw[c * plane + p] + 1.0) * 0.5);
        double straight = a > 0 ? Math.min(1.0, premul / a) : 0.0;
        out[p * 4 + c] = (int) Math.round(straight * 255.0);
      }
      out[p * 4 + 3] = (int) Math.round(a * 255.0);
    }
    return out;
  }

  /**
   * Straight RGBA8 (H, W, 4), ints 0..255 -> (4, H, W) premultiplied in [-1, 1]: how a given icon
   * enters the model (a remix's start image), the same mapping as training/dataset.py
   * to_model_space.
   */
  public static float[] fromRgba8(int[] rgba, int size) {
    int plane = size * size;
    if (rgba.length != plane * 4) {
      throw new IllegalArgumentException("expected " + size + "x" + size + " RGBA (" + plane * 4 + " values), got "
          + rgba.length);
    }
    float[] chw = new float[plane * 4];
    for (int p = 0; p < plane; p++) {
      float a = rgba[p * 4 + 3] / 255f;
      for (int c = 0; c < 3; c++) {
        chw[c * plane + p] = (rgba[p * 4 + c] / 255f) * a * 2f - 1f;
      }
      chw[3 * plane + p] = a * 2f - 1f;
    }
    return chw;
  }

  private static double clamp01(double v) {
    return v < 0 ? 0 : (v > 1 ? 1 : v);
  }
}
