package com.webdit.server.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.webdit.shared.model.DiT;
import com.webdit.shared.model.DiTConfig;
import com.webdit.shared.model.Ops;
import com.webdit.shared.model.WeightFile;
import com.webdit.shared.fixtures.Compare;
import com.webdit.shared.rng.Gaussian;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The fast server DiT against the readable reference (shared/.../model/DiT.java) on the same
 * inputs: |fast - ref| <= tol + |ref| * eps per value, the first mismatches printed. Random
 * configs cover shapes the shipped model does not have (token counts that are not multiples of
 * the 4-row blocks, odd input sizes, one head, no final conv); the shipped files cover the real
 * weights. Several images in one pass must give each image exactly its own result.
 */
class FastDiTParityTest {
  /** The same bound as the WGSL kernels' parity tests: float32 sums in another order than the reference's doubles. */
  static final double TOL = 1e-4;
  static final double EPS = 1e-3;

  @Test
  void tanhMatchesTheLibraryToAFewUlps() {
    double worst = 0;
    for (int i = -200_000; i <= 200_000; i++) {
      float x = i * 1e-4f;
      worst = Math.max(worst, Math.abs(FastOps.tanh(x) - Math.tanh(x)));
    }
    assertTrue(worst < 1e-6, "max |tanh - Math.tanh| on [-20, 20] = " + worst);
    assertEquals(1f, FastOps.tanh(50f));
    assertEquals(-1f, FastOps.tanh(-50f));
  }

  @Test
  void randomConfigsMatchTheReference() {
    DiTConfig[] configs = {
        new DiTConfig("r1", 8, 4, 2, 16, 1, 1, 2, 3, 8, true, false),     // 16 tokens, one head
        new DiTConfig("r2", 12, 3, 4, 24, 2, 3, 4, 5, 10, false, false),  // 9 tokens: a 4-row block remainder
        new DiTConfig("r3", 10, 1, 5, 12, 1, 2, 3, 2, 6, true, false),    // 4 tokens, odd patch values (25)
        new DiTConfig("r4", 16, 4, 4, 36, 2, 4, 3, 9, 14, true, false),   // odd head dim 9, hidden 108
        new DiTConfig("r5", 8, 4, 2, 16, 5, 2, 2, 3, 8, true, true),      // long skips 0 -> 4, 1 -> 3
        new DiTConfig("r6", 8, 4, 2, 16, 4, 2, 2, 3, 8, false, true),     // one long skip, 0 -> 3
    };
    for (DiTConfig c : configs) {
      WeightFile wf = RandomModels.random(c, c.name().hashCode(), 0.3f);
      check(c.name(), wf, 5, new Random(7));
    }
  }

  @Test
  void shippedModelsMatchTheReference() {
    for (Path file : RandomModels.shipped()) {
      check(file.getFileName().toString(), RandomModels.open(file), 3, new Random(11));
    }
  }

  /** n images with random t and labels (the null label included) in one pass, each against its own reference pass. */
  private static void check(String what, WeightFile wf, int n, Random r) {
    DiT ref = new DiT(wf);
    FastDiT fast = new FastDiT(wf);
    DiTConfig c = wf.config();
    float[][] x = new float[n][c.imageValues()];
    float[] t = new float[n];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      Gaussian.fill(r.nextInt(), 0, x[i]);
      t[i] = i == 0 ? 1f : r.nextFloat();
      labels[i] = i == 1 ? c.nullLabel() : r.nextInt(c.nullLabel() + 1);
    }
    float[][] v = new float[n][c.imageValues()];
    fast.forward(x, t, labels, n, v, fast.workspace(n));
    double worst = 0;
    for (int i = 0; i < n; i++) {
      float[] want = ref.forward(x[i], t[i], labels[i]);
      String report = Compare.mismatches(what + " image " + i + " (t=" + t[i] + ", label " + labels[i] + ")", want, v[i], TOL, EPS);
      assertNull(report, report);
      worst = Math.max(worst, Compare.maxAbsDiff(want, v[i]));
    }
    // One image alone in a larger workspace gives the same values as inside the batch.
    float[][] one = new float[1][c.imageValues()];
    fast.forward(new float[][] {x[n - 1]}, new float[] {t[n - 1]}, new int[] {labels[n - 1]}, 1, one, fast.workspace(n));
    assertEquals(0.0, Compare.maxAbsDiff(v[n - 1], one[0]), what + ": an image's result depends on its batch");
    System.out.println(what + ": max |fast - ref| = " + worst + " over " + n + " images");
  }

  @Test
  void geluMatchesTheReference() {
    float[][] x = new float[1][4001];
    float[] ref = new float[4001];
    for (int i = 0; i < 4001; i++) {
      x[0][i] = (i - 2000) * 5e-3f;
      ref[i] = Ops.gelu(x[0][i]);
    }
    FastOps.gelu(x, 1, 4001);
    String report = Compare.mismatches("gelu", ref, x[0], 1e-6, 1e-6);
    assertNull(report, report);
  }
}
