package com.webdit.shared.model;

/** A table of num_classes + 1 learned vectors; the last row is the null label used by CFG. */
public final class LabelEmbedder {
  private final float[] table;
  private final int rows;
  private final int dim;

  LabelEmbedder(WeightFile wf, DiTConfig c) {
    rows = c.numClasses() + 1;
    dim = c.hiddenSize();
    table = wf.tensor("y_embedder.embedding_table.weight", rows, dim);
  }

  public float[] forward(int label) {
    if (label < 0 || label >= rows) {
      throw new IllegalArgumentException("label " + label + " is outside [0, " + (rows - 1) + "] ("
          + (rows - 1) + " is the null label)");
    }
    return Ops.slice(table, label * dim, dim);
  }
}
