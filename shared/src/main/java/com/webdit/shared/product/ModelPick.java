package com.webdit.shared.product;

/**
 * Which weight file to use when a server publishes several, scored once for the server (the
 * model its CPU renderer draws with) and the clients (the file they download): the most capable
 * model first, then a file that fits the adapter's storage bindings, then the preferred dtype.
 */
public final class ModelPick {
  private ModelPick() {}

  /** Higher is better. dtype and preferredDtype are "f16" or "i8". */
  public static double score(int hiddenSize, int depth, String dtype, String preferredDtype, boolean fits) {
    double capacity = (double) hiddenSize * hiddenSize * depth;
    return capacity * 4 + (fits ? 2 : 0) + (dtype.equals(preferredDtype) ? 1 : 0);
  }
}
