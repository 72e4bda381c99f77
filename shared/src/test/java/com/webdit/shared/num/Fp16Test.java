package com.webdit.shared.num;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class Fp16Test {
  @Test
  void everyHalfSurvivesARoundTripThroughFloat() {
    for (int h = 0; h < 0x10000; h++) {
      float f = Fp16.toFloat(h);
      if (Float.isNaN(f)) {
        assertTrue((Fp16.fromFloat(f) & 0x7c00) == 0x7c00 && (Fp16.fromFloat(f) & 0x3ff) != 0, "NaN stays NaN");
        continue;
      }
      assertEquals(h, Fp16.fromFloat(f), "half 0x" + Integer.toHexString(h));
    }
  }

  @Test
  void knownValues() {
    assertEquals(0x3c00, Fp16.fromFloat(1f));
    assertEquals(0xc000, Fp16.fromFloat(-2f));
    assertEquals(0x7bff, Fp16.fromFloat(65504f));
    assertEquals(0x7c00, Fp16.fromFloat(65520f), "65520 rounds up to infinity");
    assertEquals(0x7bff, Fp16.fromFloat(65519.99f));
    assertEquals(0x0001, Fp16.fromFloat(5.9604645e-8f), "smallest subnormal");
    assertEquals(0x0000, Fp16.fromFloat(2.9802322e-8f), "half of it ties to even zero");
    assertEquals(0x0001, Fp16.fromFloat(2.9802326e-8f), "just above half rounds up");
    assertEquals(0x8000, Fp16.fromFloat(-0f));
    assertEquals(0xfc00, Fp16.fromFloat(Float.NEGATIVE_INFINITY));
    assertEquals(0x0400, Fp16.fromFloat(6.1035156e-5f), "smallest normal");
    assertEquals(1f / 3f, Fp16.toFloat(0x3555), 1e-3);
  }

  @Test
  void roundsToNearestEvenAgainstAnExactDecoder() {
    // For every float on a sweep, the chosen half must be a nearest one, ties to even.
    java.util.Random r = new java.util.Random(5);
    for (int i = 0; i < 200_000; i++) {
      float f = Float.intBitsToFloat(r.nextInt());
      if (Float.isNaN(f) || Math.abs(f) > 65504f) {
        continue;
      }
      int h = Fp16.fromFloat(f);
      double got = Fp16.toFloat(h);
      double below = Fp16.toFloat(h - 1 < 0 ? 0 : h - 1);
      double above = Fp16.toFloat(h + 1);
      double err = Math.abs(got - f);
      if ((h & 0x7fff) != 0) {
        assertTrue(err <= Math.abs(below - f), "0x" + Integer.toHexString(h) + " for " + f);
      }
      assertTrue(err <= Math.abs(above - f) || Double.isInfinite(above), "0x" + Integer.toHexString(h) + " for " + f);
      if (err == Math.abs(above - f)) {
        assertEquals(0, h & 1, "tie must go to even for " + f);
      }
    }
  }
}
