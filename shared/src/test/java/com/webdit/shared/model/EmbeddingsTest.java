package com.webdit.shared.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The fixed embeddings refuse sizes they cannot build with a reason, never an array exception. */
class EmbeddingsTest {
  @Test
  void positionTableRefusesSizesThatWouldOverflowOrMisindex() {
    int[][] bad = {{6, 8}, {0, 8}, {-4, 8}, {32, 0}, {32, -1}, {2048, 1_000_000}, {1 << 30, 2}, {4, 46341}};
    for (int[] b : bad) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> Embeddings.position2d(b[0], b[1]), b[0] + " x " + b[1]);
      assertTrue(e.getMessage().contains("position embedding"), e.getMessage());
    }
    assertEquals(64 * 32, Embeddings.position2d(32, 8).length);
  }

  @Test
  void timestepRefusesOddOrEmptySizes() {
    assertThrows(IllegalArgumentException.class, () -> Embeddings.timestep(0.5f, 3));
    assertThrows(IllegalArgumentException.class, () -> Embeddings.timestep(0.5f, 0));
    assertEquals(8, Embeddings.timestep(0.5f, 8).length);
  }
}
