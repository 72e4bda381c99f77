package com.webdit.shared.model;

/** A torch.nn.Linear: weight (out, in) and bias (out), loaded under {@code prefix.weight/bias}. */
public record Linear(float[] weight, float[] bias, int in, int out) {
  public static Linear load(WeightFile wf, String prefix, int in, int out) {
    return new Linear(wf.tensor(prefix + ".weight", out, in), wf.tensor(prefix + ".bias", out), in, out);
  }

  /** Applies the layer to {@code tokens} rows of x. */
  public float[] apply(float[] x, int tokens) {
    return Ops.linear(x, tokens, in, weight, bias, out);
  }
}
