package com.webdit.shared.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The display <-> model mapping: premultiplied [-1, 1] in, straight RGBA8 out. */
class PixelsTest {
  @Test
  void iconPixelsEnterTheModelPremultipliedAndComeBackUnchanged() {
    int size = 2;
    int[] rgba = {
        255, 0, 0, 255,     // opaque red
        10, 200, 30, 0,     // transparent, with a colour that must not survive
        40, 80, 120, 128,   // half transparent
        0, 0, 0, 255};      // opaque black
    float[] chw = Pixels.fromRgba8(rgba, size);
    int plane = size * size;
    assertEquals(1f, chw[0], 1e-6f, "red of the opaque red pixel");
    assertEquals(-1f, chw[plane], 1e-6f, "green of it");
    for (int c = 0; c < 4; c++) {
      assertEquals(-1f, chw[c * plane + 1], 1e-6f, "a transparent pixel is all -1 (channel " + c + ")");
    }
    assertEquals(40 / 255f * 128 / 255f * 2 - 1, chw[2], 1e-6f, "premultiplied red of the half-transparent pixel");
    int[] back = Pixels.toRgba8(chw, size);
    assertArrayEquals(new int[] {255, 0, 0, 255, 0, 0, 0, 0, 40, 80, 120, 128, 0, 0, 0, 255}, back);
  }

  @Test
  void refusesAnImageOfTheWrongSize() {
    assertThrows(IllegalArgumentException.class, () -> Pixels.fromRgba8(new int[15], 2));
  }
}
