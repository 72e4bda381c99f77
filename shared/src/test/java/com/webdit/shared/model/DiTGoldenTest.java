package com.webdit.shared.model;

import com.webdit.shared.fixtures.ModelRegistry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.webdit.shared.Golden;
import com.webdit.shared.json.Json;
import com.webdit.shared.fixtures.Compare;
import com.webdit.shared.safetensors.SafeTensors;
import com.webdit.shared.safetensors.SafeTensorsWriter;
import com.webdit.shared.sampling.GuidanceInterval;
import com.webdit.shared.sampling.SampleRequest;
import com.webdit.shared.sampling.Sampler;
import com.webdit.shared.sampling.SamplerKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Java CPU reference against the float64 PyTorch golden cases of training/make_golden.py. */
class DiTGoldenTest {
  /** Forward pass: the reference keeps float32 activations, PyTorch ran in float64. */
  static final double FORWARD_TOL = 1e-5;
  static final double FORWARD_EPS = 1e-5;
  /** Whole sampler runs accumulate float32 rounding over several steps and two CFG passes. */
  static final double RUN_TOL = 1e-4;
  static final double RUN_EPS = 1e-4;

  private final DiT model = DiT.load(Golden.tinyModel());
  private final SafeTensors cases = Golden.tinyCases();

  @Test
  void configComesFromTheWeightFile() {
    assertEquals(ModelRegistry.tiny(), model.config());
    DiTConfig skips = DiT.load(Golden.model("tiny_skips")).config();
    assertTrue(skips.longSkips());
    assertEquals(2, skips.longSkipCount());
    assertEquals(List.of(-1, -1, -1, 1, 0), List.of(skips.skipSource(0), skips.skipSource(1), skips.skipSource(2),
        skips.skipSource(3), skips.skipSource(4)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"tiny", "tiny_skips"})
  @SuppressWarnings("unchecked")
  void forwardMatchesPyTorch(String name) {
    DiT model = DiT.load(Golden.model(name));
    SafeTensors cases = Golden.cases(name);
    List<Object> list = (List<Object>) Json.parse(cases.metadata().get("cases"));
    assertTrue(list.size() >= 4);
    for (int i = 0; i < list.size(); i++) {
      Map<String, Object> c = (Map<String, Object>) list.get(i);
      float t = ((Number) c.get("t")).floatValue();
      int y = ((Number) c.get("y")).intValue();
      float[] v = model.forward(cases.floats("case" + i + ".x"), t, y);
      String report = Compare.mismatches(name + " case " + i + " (t=" + t + ", y=" + y + ")", cases.floats("case" + i + ".v"), v,
          FORWARD_TOL, FORWARD_EPS);
      assertNull(report, report);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"tiny", "tiny_skips"})
  @SuppressWarnings("unchecked")
  void samplerRunsMatchPyTorch(String name) {
    DiT model = DiT.load(Golden.model(name));
    SafeTensors cases = Golden.cases(name);
    List<Object> runs = (List<Object>) Json.parse(cases.metadata().get("runs"));
    Sampler sampler = new Sampler(model::forward, model.config().imageValues(), model.config().nullLabel());
    for (int j = 0; j < runs.size(); j++) {
      Map<String, Object> r = (Map<String, Object>) runs.get(j);
      SampleRequest req = new SampleRequest((int) ((Number) r.get("seed")).longValue(), ((Number) r.get("label")).intValue(),
          SamplerKind.named((String) r.get("sampler")), ((Number) r.get("steps")).intValue(),
          ((Number) r.get("cfg")).floatValue(), interval((List<Object>) r.get("interval")));
      float[] image = sampler.sample(req);
      String report = Compare.mismatches(name + " run " + j + " " + r, cases.floats("run" + j + ".image"), image, RUN_TOL, RUN_EPS);
      assertNull(report, report);
    }
  }

  private static GuidanceInterval interval(List<Object> loHi) {
    return new GuidanceInterval(((Number) loHi.get(0)).doubleValue(), ((Number) loHi.get(1)).doubleValue());
  }

  @Test
  void refusesFilesWithoutWebDiTMetadata() {
    byte[] bare = new SafeTensorsWriter().f32("x", new int[] {1}, new float[] {1}).toBytes();
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> DiT.load(bare));
    assertTrue(e.getMessage().contains("not a WebDiT weight file") && e.getMessage().contains("regenerate"), e.getMessage());
    byte[] future = new SafeTensorsWriter().metadata("format", "webdit").metadata("format_version", "2").toBytes();
    e = assertThrows(ModelFormatException.class, () -> DiT.load(future));
    assertTrue(e.getMessage().contains("unsupported WebDiT format_version 2"), e.getMessage());
  }

  @Test
  void refusesAShapeThatDisagreesWithTheConfig() {
    DiTConfig wide = new DiTConfig("tiny", 32, 4, 4, 64, 2, 2, 4, 9, 64, true, false);
    byte[] file = new SafeTensorsWriter().metadata("format", "webdit").metadata("format_version", "1")
        .metadata("config", wide.toJson()).f32("x_embedder.proj.weight", new int[] {32, 4, 4, 4}, new float[32 * 64])
        .toBytes();
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> DiT.load(file));
    assertEquals("tensor \"x_embedder.proj.weight\" has shape [32, 4, 4, 4] but config \"tiny\" needs [64, 4, 4, 4]",
        e.getMessage());
  }
}
