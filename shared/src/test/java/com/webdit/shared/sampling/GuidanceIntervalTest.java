package com.webdit.shared.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GuidanceIntervalTest {
  /** A denoiser that records each call's (t, label) and whose v depends on both. */
  private static final class Recording implements Denoiser {
    final List<String> calls = new ArrayList<>();

    @Override
    public float[] predictV(float[] x, float t, int label) {
      calls.add(t + "/" + label);
      float[] v = new float[x.length];
      for (int i = 0; i < x.length; i++) {
        v[i] = (float) (0.3 * x[i] + 0.1 * label - t * Math.cos(i));
      }
      return v;
    }
  }

  @Test
  void theIntervalIsOpenBelowAndClosedAbove() {
    GuidanceInterval g = new GuidanceInterval(0.2, 0.8);
    assertFalse(g.guides(0.2));
    assertTrue(g.guides(0.2000001));
    assertTrue(g.guides(0.8));
    assertFalse(g.guides(0.8000001));
    assertTrue(GuidanceInterval.EVERY_STEP.guides(1.0), "t = 1, the first step of a plain generation");
    assertFalse(g.guidedStep(0.5, 1f), "w = 1 never needs the second forward");
    for (double[] bad : new double[][] {{-0.1, 0.5}, {0.5, 0.5}, {0.6, 0.4}, {0, 1.1}, {Double.NaN, 1}}) {
      assertThrows(IllegalArgumentException.class, () -> new GuidanceInterval(bad[0], bad[1]));
    }
    assertThrows(IllegalArgumentException.class, () -> new SampleRequest(1, 0, SamplerKind.DDIM, 4, 2f, null));
  }

  @Test
  void onlyStepsInsideTheIntervalRunTheUnconditionalModel() {
    Recording model = new Recording();
    int nullLabel = 9;
    GuidanceInterval g = new GuidanceInterval(0.2, 0.7);
    SampleRequest req = new SampleRequest(5, 3, SamplerKind.DPMPP_2M, 10, 3f, g);
    new Sampler(model, 8, nullLabel).sample(req);
    List<String> expected = new ArrayList<>();
    StepCoefficients[] schedule = StepCoefficients.schedule(SamplerKind.DPMPP_2M, 10);
    for (StepCoefficients k : schedule) {
      expected.add((float) k.t() + "/3");
      if (k.t() > 0.2 && k.t() <= 0.7) {
        expected.add((float) k.t() + "/" + nullLabel);
      }
    }
    assertEquals(expected, model.calls);
    assertEquals(15, expected.size(), "t = 0.7, 0.6, 0.5, 0.4, 0.3 are guided: 10 + 5 forwards");
    assertEquals(expected.size(), g.forwards(schedule, 3f));
  }

  @Test
  void everyStepIsTodaysGuidanceAndTheNullLabelIsOneForward() {
    Recording model = new Recording();
    Sampler sampler = new Sampler(model, 8, 9);
    float[] all = sampler.sample(new SampleRequest(5, 3, SamplerKind.DDIM, 4, 2f, GuidanceInterval.EVERY_STEP));
    assertEquals(8, model.calls.size());
    model.calls.clear();
    float[] none = sampler.sample(new SampleRequest(5, 3, SamplerKind.DDIM, 4, 2f, new GuidanceInterval(0, 0.1)));
    assertEquals(4, model.calls.size(), "no step of 4 lies in (0, 0.1]");
    model.calls.clear();
    float[] unguided = sampler.sample(new SampleRequest(5, 3, SamplerKind.DDIM, 4, 1f, GuidanceInterval.EVERY_STEP));
    assertArrayEquals(unguided, none, "outside the interval a step is the conditional model's, exactly");
    assertFalse(java.util.Arrays.equals(all, none));
    model.calls.clear();
    sampler.sample(new SampleRequest(5, 9, SamplerKind.DDIM, 4, 2f, GuidanceInterval.EVERY_STEP));
    assertEquals(4, model.calls.size(), "the null label's two passes would be equal");
  }
}
