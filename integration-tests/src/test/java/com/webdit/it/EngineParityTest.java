package com.webdit.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.webdit.shared.json.Json;
import com.webdit.shared.model.DiT;
import com.webdit.shared.fixtures.Compare;
import com.webdit.shared.sampling.GuidanceInterval;
import com.webdit.shared.sampling.SampleRequest;
import com.webdit.shared.sampling.Sampler;
import com.webdit.shared.sampling.SamplerKind;
import com.webdit.shared.sampling.StartNoise;
import com.webdit.shared.sampling.StepCoefficients;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * End to end: a whole generation on the GPU (WebGPU engine in Chromium) against the Java CPU
 * reference run here in the JVM on the same weight file, for each sampler, with and without
 * classifier-free guidance, fp16 and int8 weights.
 */
class EngineParityTest {
  /** The bound on the [-1, 1] scale: f32 GPU sums vs the reference's double sums. */
  static final double MAX_DIFF = 2e-3;
  static final Path WEIGHTS = LiveServer.TEST_WEIGHTS;
  /** tiny-skips apart: in WEIGHTS, its larger config would be the model every other test's server and client pick. */
  static final Path SKIP_WEIGHTS = Path.of("src/test/resources/weights-skips");

  static BrowserSession session;
  static BrowserSession skipsSession; // started by the first long-skip case

  @BeforeAll
  static void start() {
    session = BrowserSession.start(true, WEIGHTS).onKernelTestPage();
  }

  @AfterAll
  static void stop() {
    session.close();
    if (skipsSession != null) {
      skipsSession.close();
    }
  }

  static Path weightFile(String kind) throws IOException {
    return weightFile(WEIGHTS, kind);
  }

  static Path weightFile(Path dir, String kind) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().startsWith("webdit-tiny-" + kind + "-")).findFirst()
          .orElseThrow(() -> new IllegalStateException("no tiny " + kind + " model in " + dir
              + ": run /usr/bin/python3 training/make_golden.py"));
    }
  }

  /**
   * guidanceLo/Hi: the guidance interval (lo, hi]; (0, 1] guides every step, the others mix guided
   * steps (the whole cond + uncond batch) with cond-only steps (its first half) in one generation.
   */
  @ParameterizedTest
  @CsvSource({
      "f16, ddim,    3, 1.0, 1, 0, 0.0, 1.0",
      "f16, ddpm,    3, 2.5, 2, 0, 0.0, 1.0",
      "f16, dpmpp2m, 4, 3.0, 2, 0, 0.0, 1.0",
      "f16, dpmpp2m, 3, 3.0, 2, 5, 0.0, 1.0",
      "f16, dpmpp2m, 4, 3.0, 3, 0, 0.3, 0.8",
      "f16, ddpm,    4, 2.5, 2, 0, 0.0, 0.6",
      "i8,  dpmpp2m, 2, 1.0, 1, 0, 0.0, 1.0",
      "i8,  ddim,    2, 2.0, 1, 0, 0.0, 1.0",
      "i8,  dpmpp2m, 4, 2.0, 2, 0, 0.2, 0.8",
      "i4,  dpmpp2m, 3, 2.0, 2, 0, 0.0, 1.0",
      "i4,  ddim,    2, 1.0, 1, 0, 0.0, 1.0"})
  void gpuImagesMatchTheCpuReference(String kind, String sampler, int steps, double cfg, int images, int warmSteps,
      double guidanceLo, double guidanceHi) throws Exception {
    // warmSteps > 0: the engine first generates with another step count, so this generation runs
    // on a rebuilt step-only prelude (its buffers and bind groups depend on the step count).
    Path file = weightFile(kind);
    String spec = "{\"weights\":\"/weights/" + file.getFileName() + "\",\"sampler\":\"" + sampler + "\",\"steps\":" + steps
        + ",\"cfg\":" + cfg + ",\"images\":" + images + ",\"seed\":1234,\"label\":3,\"warmSteps\":" + warmSteps
        + ",\"guidanceLo\":" + guidanceLo + ",\"guidanceHi\":" + guidanceHi + "}";
    compare(session, kind, file, spec, sampler, steps, cfg, images, (seed, n) -> StartNoise.plain(seed, n), 1.0);
  }

  /** The model with long skips (tiny-skips: 0 -> 4, 1 -> 3), in every weight format, guided and mixed steps. */
  @ParameterizedTest
  @CsvSource({
      "skips-f16, dpmpp2m, 4, 3.0, 2, 0.0, 1.0",
      "skips-f16, ddim,    3, 2.0, 1, 0.3, 0.8",
      "skips-i8,  ddpm,    3, 2.0, 2, 0.0, 0.6",
      "skips-i4,  dpmpp2m, 3, 1.0, 1, 0.0, 1.0"})
  void longSkipModelMatchesTheCpuReference(String kind, String sampler, int steps, double cfg, int images,
      double guidanceLo, double guidanceHi) throws Exception {
    if (skipsSession == null) {
      skipsSession = BrowserSession.start(true, SKIP_WEIGHTS).onKernelTestPage();
    }
    Path file = weightFile(SKIP_WEIGHTS, kind);
    String spec = "{\"weights\":\"/weights/" + file.getFileName() + "\",\"sampler\":\"" + sampler + "\",\"steps\":" + steps
        + ",\"cfg\":" + cfg + ",\"images\":" + images + ",\"seed\":1234,\"label\":3,\"warmSteps\":0"
        + ",\"guidanceLo\":" + guidanceLo + ",\"guidanceHi\":" + guidanceHi + "}";
    compare(skipsSession, kind, file, spec, sampler, steps, cfg, images, (seed, n) -> StartNoise.plain(seed, n), 1.0);
  }

  /**
   * Remix (SDEdit) from the harness's fixed ramp image at several strengths; 1.0 is plain
   * generation, and the reference's remix at 1.0 is checked to be today's sample bit for bit.
   */
  @ParameterizedTest
  @CsvSource({"f16, ddim, 0.3, 1.0", "f16, dpmpp2m, 0.7, 1.0", "f16, dpmpp2m, 0.7, 0.5", "i8, dpmpp2m, 1.0, 1.0"})
  void remixMatchesTheCpuReference(String kind, String sampler, double strength, double guidanceHi) throws Exception {
    // guidanceHi 0.5 at strength 0.7: the interval is on t, so the remix's first step (t = 0.7) is cond-only.
    Path file = weightFile(kind);
    String spec = "{\"weights\":\"/weights/" + file.getFileName() + "\",\"sampler\":\"" + sampler
        + "\",\"steps\":3,\"cfg\":2.0,\"images\":1,\"seed\":77,\"label\":2,\"strength\":" + strength
        + ",\"guidanceHi\":" + guidanceHi + "}";
    compare(session, kind, file, spec, sampler, 3, 2.0, 1, (seed, n) -> StartNoise.remix(seed, remixFixture(n), strength), strength);
    if (strength == 1.0) {
      DiT model = DiT.load(Files.readAllBytes(file));
      int n = model.config().imageValues();
      Sampler cpu = new Sampler(model::forward, n, model.config().nullLabel());
      SampleRequest req = new SampleRequest(77, 2, SamplerKind.named(sampler), 3, 2f, GuidanceInterval.EVERY_STEP);
      assertArrayEquals(cpu.sample(req), cpu.sample(req, StartNoise.remix(77, remixFixture(n), 1.0), 1.0, null),
          "a remix at strength 1 is plain generation, bit for bit");
    }
  }

  /**
   * A morph leg: 5 frames of the slerp from seed 500 to 501, one engine batch and one submit; each
   * frame matches the reference, and neighbouring frames differ far less than unrelated seeds do.
   */
  @org.junit.jupiter.api.Test
  void morphLegIsOneBatchThatMatchesTheReferenceAndMovesSmoothly() throws Exception {
    Path file = weightFile("f16");
    int frames = 5;
    String spec = "{\"weights\":\"/weights/" + file.getFileName() + "\",\"sampler\":\"ddim\",\"steps\":3,\"cfg\":2.0,"
        + "\"images\":" + frames + ",\"seed\":500,\"label\":4,\"morph\":1}";
    float[][] gpu = compare(session, "f16", file, spec, "ddim", 3, 2.0, frames, null, 1.0);
    DiT model = DiT.load(Files.readAllBytes(file));
    int n = model.config().imageValues();
    Sampler cpu = new Sampler(model::forward, n, model.config().nullLabel());
    double unrelated = meanAbsDiff(cpu.sample(new SampleRequest(500, 4, SamplerKind.DDIM, 3, 2f, GuidanceInterval.EVERY_STEP)),
        cpu.sample(new SampleRequest(9000, 4, SamplerKind.DDIM, 3, 2f, GuidanceInterval.EVERY_STEP)));
    double worst = 0;
    for (int k = 0; k + 1 < frames; k++) {
      worst = Math.max(worst, meanAbsDiff(gpu[k], gpu[k + 1]));
    }
    System.out.println("morph: largest frame-to-frame mean |diff| " + worst + ", unrelated seeds " + unrelated);
    assertTrue(worst < 0.5 * unrelated, "neighbouring frames (" + worst + ") should differ far less than unrelated seeds ("
        + unrelated + ")");
  }

  interface Start {
    float[] of(int seed, int values);
  }

  static float[] remixFixture(int values) {
    float[] image = new float[values]; // the same ramp as KernelTests.remixFixture in the page
    for (int j = 0; j < values; j++) {
      image[j] = (j * 37 % 200) / 100f - 1f;
    }
    return image;
  }

  static double meanAbsDiff(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += Math.abs(a[i] - b[i]);
    }
    return s / a.length;
  }

  /**
   * Runs the spec in the page and each image through the reference from start.of(seed) (null:
   * the morph's slerp frames from the first seed) at t0; returns the GPU images.
   */
  @SuppressWarnings("unchecked")
  static float[][] compare(BrowserSession on, String kind, Path file, String spec, String sampler, int steps, double cfg, int images,
      Start start, double t0) throws Exception {
    String text = on.harness("engine", spec);
    if (text.startsWith("ERROR")) {
      throw new AssertionError(spec + ": " + text);
    }
    Map<String, Object> out = Json.parseObject(text);
    Map<String, Object> in = Json.parseObject(spec);
    GuidanceInterval guidance = new GuidanceInterval(((Number) in.getOrDefault("guidanceLo", 0.0)).doubleValue(),
        ((Number) in.getOrDefault("guidanceHi", 1.0)).doubleValue());
    List<Object> values = (List<Object>) out.get("final");
    List<Object> seeds = (List<Object>) out.get("seeds");
    List<Object> labels = (List<Object>) out.get("labels");

    DiT model = DiT.load(Files.readAllBytes(file));
    int n = model.config().imageValues();
    Sampler cpu = new Sampler(model::forward, n, model.config().nullLabel());
    float[][] gpuImages = new float[images][];
    for (int i = 0; i < images; i++) {
      int seed = ((Number) seeds.get(i)).intValue();
      float[] x = start == null
          ? StartNoise.slerp(((Number) seeds.get(0)).intValue(), ((Number) seeds.get(0)).intValue() + 1,
              images == 1 ? 0 : (double) i / (images - 1), n)
          : start.of(seed, n);
      float[] ref = cpu.sample(new SampleRequest(seed, ((Number) labels.get(i)).intValue(),
          SamplerKind.named(sampler), steps, (float) cfg, guidance), x, t0, null);
      float[] gpu = new float[n];
      for (int j = 0; j < n; j++) {
        gpu[j] = ((Number) values.get(i * n + j)).floatValue();
      }
      gpuImages[i] = gpu;
      String report = Compare.mismatches(kind + " " + sampler + " steps=" + steps + " cfg=" + cfg + " t0=" + t0
          + " image " + i, ref, gpu, MAX_DIFF, 0);
      assertNull(report, report);
      System.out.println("parity " + kind + " " + sampler + " steps=" + steps + " cfg=" + cfg + " t0=" + t0 + " image " + i
          + ": max |gpu - cpu| = " + Compare.maxAbsDiff(ref, gpu) + " (" + out.get("profile") + ")");
    }
    assertEquals(1L, out.get("submits"), "one submit per generation");
    assertEquals((long) guidance.forwards(StepCoefficients.schedule(SamplerKind.named(sampler), steps, t0), (float) cfg),
        out.get("forwards"), "two forwards on guided steps, one on the others");
    assertEquals(1L, out.get("readbacks"), "one readback per generation");
    long perStep = (Long) out.get("dispatchesPerStep");
    int skips = model.config().longSkipCount();
    assertEquals(4 + 5 * model.config().depth() + skips, perStep, "patchify, 5 per DiTBlock, 1 per long skip, "
        + "FinalLayer, sampler update and the frame; step-only work is in the prelude");
    assertEquals(2L * skips, out.get("copiesPerStep"), "a long skip keeps its source's output and moves h: 2 copies");
    assertEquals((Long) out.get("dispatchesBeforeLoop") + steps * perStep, ((Number) out.get("dispatches")).longValue(),
        "noise (unless the start is given) + prelude once, then the per-step dispatches");
    List<Object> tasks = new java.util.ArrayList<>(List.of("buffers", "embedders"));
    for (int b = 0; b < model.config().depth(); b++) {
      if (model.config().skipSource(b) >= 0) {
        tasks.add("blocks." + b + ".skip_linear");
      }
      for (String layer : List.of("adaLN_modulation", "attn.qkv", "attn.proj", "mlp.fc1", "mlp.fc2")) {
        tasks.add("blocks." + b + "." + layer);
      }
    }
    tasks.addAll(List.of("final_layer.adaLN_modulation", "final_layer.linear"));
    assertEquals(tasks, out.get("buildTasks"), "the engine is built one weight matrix per main-thread task ("
        + "no long task while starting), so its tasks grow with the depth and none holds more than one layer");
    return gpuImages;
  }
}
