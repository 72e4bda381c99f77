package com.webdit.shared.rng;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.webdit.shared.Golden;
import com.webdit.shared.fixtures.Compare;
import com.webdit.shared.safetensors.SafeTensors;
import java.util.List;
import java.util.Map;
import com.webdit.shared.json.Json;
import org.junit.jupiter.api.Test;

class PhiloxTest {
  @Test
  void matchesRandom123KnownAnswers() {
    assertArrayEquals(new int[] {0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8}, Philox.block(0, 0, 0, 0, 0, 0));
    assertArrayEquals(new int[] {0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd}, Philox.block(-1, -1, -1, -1, -1, -1));
    assertArrayEquals(new int[] {0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1},
        Philox.block(0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344, 0xa4093822, 0x299f31d0));
  }

  @Test
  @SuppressWarnings("unchecked")
  void gaussianMatchesPython() {
    SafeTensors cases = Golden.tinyCases();
    List<Object> checks = (List<Object>) Json.parse(cases.metadata().get("rng"));
    for (Object o : checks) {
      Map<String, Object> c = (Map<String, Object>) o;
      int seed = (int) (long) (Long) c.get("seed");
      int stream = (int) (long) (Long) c.get("stream");
      float[] ref = cases.floats("rng." + c.get("seed") + "." + stream);
      float[] got = new float[ref.length];
      Gaussian.fill(seed, stream, got);
      assertNull(Compare.mismatches("gaussian seed " + c.get("seed") + " stream " + stream, ref, got, 1e-6, 1e-6));
      for (int i = 0; i < ref.length; i++) {
        got[i] = Gaussian.sample(seed, stream, i);
      }
      assertNull(Compare.mismatches("gaussian.sample", ref, got, 1e-6, 1e-6));
    }
  }

  @Test
  void gaussianHasUnitMomentsAndStreamsDiffer() {
    float[] a = new float[200_000];
    Gaussian.fill(1, 0, a);
    double mean = 0;
    double sq = 0;
    for (float v : a) {
      mean += v;
      sq += v * v;
    }
    mean /= a.length;
    double var = sq / a.length - mean * mean;
    org.junit.jupiter.api.Assertions.assertEquals(0.0, mean, 0.01);
    org.junit.jupiter.api.Assertions.assertEquals(1.0, var, 0.01);
    float[] b = new float[16];
    float[] c = new float[16];
    Gaussian.fill(1, 0, b);
    Gaussian.fill(1, 1, c);
    org.junit.jupiter.api.Assertions.assertFalse(java.util.Arrays.equals(b, c));
  }
}
