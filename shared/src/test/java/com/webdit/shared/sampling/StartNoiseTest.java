package com.webdit.shared.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.webdit.shared.model.DiT;
import com.webdit.shared.Golden;
import org.junit.jupiter.api.Test;

/** Remix (SDEdit) and morph (slerp) starts, on their own and through the sampler with the tiny model. */
class StartNoiseTest {
  static final int VALUES = 4 * 32 * 32;

  static double norm(float[] v) {
    double s = 0;
    for (float x : v) {
      s += (double) x * x;
    }
    return Math.sqrt(s);
  }

  static double meanAbsDiff(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += Math.abs(a[i] - b[i]);
    }
    return s / a.length;
  }

  @Test
  void fullStrengthRemixIsPlainGenerationBitForBit() {
    float[] image = new float[VALUES];
    java.util.Arrays.fill(image, 0.5f);
    assertArrayEquals(StartNoise.plain(7, VALUES), StartNoise.remix(7, image, 1.0));
    for (SamplerKind kind : SamplerKind.values()) {
      assertEquals(java.util.List.of(StepCoefficients.schedule(kind, 12)),
          java.util.List.of(StepCoefficients.schedule(kind, 12, 1.0)), kind + ": t0 = 1 is the plain grid");
    }
  }

  @Test
  void remixMixesImageAndNoiseAtTheStrengthsNoiseLevel() {
    float[] image = new float[VALUES];
    for (int i = 0; i < VALUES; i++) {
      image[i] = (i % 7) / 7f - 0.5f;
    }
    float[] eps = StartNoise.plain(3, VALUES);
    float[] x = StartNoise.remix(3, image, 0.3);
    double a = CosineSchedule.alpha(0.3);
    double s = CosineSchedule.sigma(0.3);
    for (int i = 0; i < VALUES; i++) {
      assertEquals((float) (a * image[i] + s * eps[i]), x[i]);
    }
    assertThrows(IllegalArgumentException.class, () -> StartNoise.remix(3, image, 0));
    assertThrows(IllegalArgumentException.class, () -> StartNoise.remix(3, image, 1.5));
    StepCoefficients first = StepCoefficients.schedule(SamplerKind.DDIM, 4, 0.3)[0];
    assertEquals(0.3, first.t(), 0, "a remix's first step starts at t0 = strength");
  }

  @Test
  void slerpEndsAtEachSeedAndKeepsTheNoiseNorm() {
    assertArrayEquals(StartNoise.plain(10, VALUES), StartNoise.slerp(10, 11, 0, VALUES));
    assertArrayEquals(StartNoise.plain(11, VALUES), StartNoise.slerp(10, 11, 1, VALUES));
    double na = norm(StartNoise.plain(10, VALUES));
    double mid = norm(StartNoise.slerp(10, 11, 0.5, VALUES));
    assertEquals(na, mid, 0.03 * na, "slerp stays on the sphere a Gaussian sample lives on");
    float[] a = StartNoise.plain(10, VALUES);
    float[] b = StartNoise.plain(11, VALUES);
    float[] lerp = new float[VALUES];
    for (int i = 0; i < VALUES; i++) {
      lerp[i] = 0.5f * (a[i] + b[i]);
    }
    assertTrue(norm(lerp) < 0.8 * na, "the linear mix would have shrunk it (to ~0.71)");
  }

  @Test
  void morphFramesThroughTheTinyModelAreContinuous() {
    DiT model = DiT.load(Golden.tinyModel());
    int values = model.config().imageValues();
    Sampler sampler = new Sampler(model::forward, values, model.config().nullLabel());
    SampleRequest req = new SampleRequest(10, 2, SamplerKind.DDIM, 4, 1f, GuidanceInterval.EVERY_STEP);
    int frames = 8;
    float[][] out = new float[frames + 1][];
    for (int k = 0; k <= frames; k++) {
      out[k] = sampler.sample(req, StartNoise.slerp(10, 11, (double) k / frames, values), 1.0, null);
    }
    assertArrayEquals(sampler.sample(req), out[0], "u = 0 is seed 10's plain generation");
    double unrelated = meanAbsDiff(out[0], sampler.sample(new SampleRequest(99, 2, SamplerKind.DDIM, 4, 1f, GuidanceInterval.EVERY_STEP)));
    double worstStep = 0;
    for (int k = 0; k < frames; k++) {
      worstStep = Math.max(worstStep, meanAbsDiff(out[k], out[k + 1]));
    }
    assertTrue(worstStep < 0.5 * unrelated, "largest frame-to-frame change " + worstStep
        + " should be well below the change between unrelated seeds " + unrelated);
  }

  @Test
  void morphLegsJoinWithoutRepeatingOrSkippingAFrame() {
    int frames = 4;
    float[] leg = StartNoise.morphLeg(10, frames, VALUES);
    assertEquals(frames * VALUES, leg.length);
    for (int j = 0; j < frames; j++) {
      float[] frame = java.util.Arrays.copyOfRange(leg, j * VALUES, (j + 1) * VALUES);
      assertArrayEquals(StartNoise.slerp(10, 11, (double) j / frames, VALUES), frame, "frame " + j);
    }
    float[] next = StartNoise.morphLeg(11, frames, VALUES);
    assertArrayEquals(StartNoise.plain(11, VALUES), java.util.Arrays.copyOf(next, VALUES),
        "the next leg starts where this one would end (u = 1 is seed 11)");
    float[] wrap = StartNoise.morphLeg(-1, 1, VALUES); // seed 4294967295 walks on to seed 0
    assertArrayEquals(StartNoise.plain(-1, VALUES), wrap);
    assertThrows(IllegalArgumentException.class, () -> StartNoise.morphLeg(10, 0, VALUES));
  }
}
