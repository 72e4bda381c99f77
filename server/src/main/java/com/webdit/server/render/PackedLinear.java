package com.webdit.server.render;

import com.webdit.shared.model.WeightFile;

/**
 * A torch.nn.Linear laid out for {@link FastOps#matmulAdd}: the (out, in) weight transposed into
 * {@code in} rows of {@code out} floats, and the bias copied into each output row first.
 */
final class PackedLinear {
  final int in;
  final int out;
  private final float[][] wT;
  private final float[] bias;

  /** From a (out, in) row-major weight, as torch and the reference store it. */
  PackedLinear(float[] weight, float[] bias, int in, int out) {
    this.in = in;
    this.out = out;
    this.bias = bias;
    wT = new float[in][out];
    for (int o = 0; o < out; o++) {
      for (int i = 0; i < in; i++) {
        wT[i][o] = weight[o * in + i];
      }
    }
  }

  static PackedLinear load(WeightFile wf, String prefix, int in, int out) {
    return new PackedLinear(wf.tensor(prefix + ".weight", out, in), wf.tensor(prefix + ".bias", out), in, out);
  }

  /** Several layers with the same input stacked into one: outputs side by side in argument order. */
  static PackedLinear stack(PackedLinear... layers) {
    int in = layers[0].in;
    int out = 0;
    for (PackedLinear l : layers) {
      if (l.in != in) {
        throw new IllegalArgumentException("stacked layers need one input size, got " + in + " and " + l.in);
      }
      out += l.out;
    }
    float[] w = new float[out * in];
    float[] b = new float[out];
    int at = 0;
    for (PackedLinear l : layers) {
      for (int o = 0; o < l.out; o++) {
        for (int i = 0; i < in; i++) {
          w[(at + o) * in + i] = l.wT[i][o];
        }
        b[at + o] = l.bias[o];
      }
      at += l.out;
    }
    return new PackedLinear(w, b, in, out);
  }

  /** y[r][0, out) = bias + x[r][0, in) W^T for r < rows. */
  void apply(float[][] x, int rows, float[][] y) {
    for (int r = 0; r < rows; r++) {
      System.arraycopy(bias, 0, y[r], 0, out);
    }
    FastOps.matmulAdd(x, rows, in, wT, out, y);
  }
}
