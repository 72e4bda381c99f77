package com.webdit.shared.product;

import java.util.Collection;

/**
 * Which weight file to use when a server publishes several, scored once for the server (the
 * model its CPU renderer draws with) and the clients (the file they download): the most capable
 * model first, then a file that fits the adapter's storage bindings, then the preferred dtype.
 */
public final class ModelPick {
  private ModelPick() {}

  /**
   * Higher is better. dtype and preferredDtype are "f16", "i8" or "i4" ({@link #dtypeOf}). The
   * preferred dtype scores 1; another scores less the further its bits are from it, so a visitor
   * asking for int4 from a server that publishes none gets int8, not fp16.
   */
  public static double score(int hiddenSize, int depth, String dtype, String preferredDtype, boolean fits) {
    double capacity = (double) hiddenSize * hiddenSize * depth;
    double closeness = 1 - Math.abs(bits(dtype) - bits(preferredDtype)) / 16.0;
    return capacity * 4 + (fits ? 2 : 0) + closeness;
  }

  private static int bits(String dtype) {
    return dtype.equals("i4") ? 4 : dtype.equals("i8") ? 8 : 16;
  }

  /**
   * A file's kind from the dtypes its tensors use (the safetensors reader's names, as /api/models
   * lists them): "i4" when it holds int4 matrices (an int4 file keeps a matrix that its groups do
   * not divide in int8), else "i8" when it holds int8 ones, else "f16".
   */
  public static String dtypeOf(Collection<String> dtypes) {
    return dtypes.contains("I4") ? "i4" : dtypes.contains("I8") ? "i8" : "f16";
  }
}
