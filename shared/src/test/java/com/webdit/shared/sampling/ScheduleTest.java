package com.webdit.shared.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ScheduleTest {
  @Test
  void cosineScheduleEndpointsAndMonotonicity() {
    assertEquals(1.0, CosineSchedule.alphaBar(0), 1e-12);
    assertEquals(CosineSchedule.ALPHA_BAR_MIN, CosineSchedule.alphaBar(1), 0);
    double prev = 2;
    for (int i = 0; i <= 1000; i++) {
      double ab = CosineSchedule.alphaBar(i / 1000.0);
      assertTrue(ab <= prev, "alphaBar must not increase");
      prev = ab;
      double a = CosineSchedule.alpha(i / 1000.0);
      double s = CosineSchedule.sigma(i / 1000.0);
      assertEquals(1.0, a * a + s * s, 1e-12);
    }
  }

  @Test
  void aPerfectDenoiserIsRecoveredByDeterministicSamplers() {
    // A model that knows x0 exactly (v = alpha eps - sigma x0 with eps inferred from x_t)
    // must land on x0 with DDIM and DPM-Solver++ at any step count.
    float[] target = new float[16];
    for (int i = 0; i < target.length; i++) {
      target[i] = (float) Math.sin(i) * 0.8f;
    }
    Denoiser oracle = (x, t, y) -> {
      double a = CosineSchedule.alpha(t);
      double s = CosineSchedule.sigma(t);
      float[] v = new float[x.length];
      for (int i = 0; i < x.length; i++) {
        double eps = (x[i] - a * target[i]) / s;
        v[i] = (float) (a * eps - s * target[i]);
      }
      return v;
    };
    for (SamplerKind k : SamplerKind.values()) {
      for (int steps : new int[] {1, 3, 8}) {
        float[] img = new Sampler(oracle, 16, 9).sample(new SampleRequest(3, 1, k, steps, 1f, GuidanceInterval.EVERY_STEP));
        for (int i = 0; i < 16; i++) {
          assertEquals(target[i], img[i], 2e-3, k + " steps=" + steps + " i=" + i);
        }
      }
    }
  }

  @Test
  void requestsAreValidated() {
    assertThrows(IllegalArgumentException.class, () -> new SampleRequest(1, 0, SamplerKind.DDIM, 0, 1f, GuidanceInterval.EVERY_STEP));
    assertThrows(IllegalArgumentException.class, () -> new SampleRequest(1, 0, SamplerKind.DDIM, 4, Float.NaN, GuidanceInterval.EVERY_STEP));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SamplerKind.named("euler"));
    assertTrue(e.getMessage().contains("known: ddpm, ddim, dpmpp2m"));
  }
}
