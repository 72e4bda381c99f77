package com.webdit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.webdit.shared.json.Json;
import com.webdit.shared.model.DiT;
import com.webdit.shared.num.Compare;
import com.webdit.shared.sampling.SampleRequest;
import com.webdit.shared.sampling.Sampler;
import com.webdit.shared.sampling.SamplerKind;
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
  static final Path WEIGHTS = Path.of("src/test/resources/weights");

  static BrowserSession session;

  @BeforeAll
  static void start() {
    session = BrowserSession.start(true, WEIGHTS).onKernelTestPage();
  }

  @AfterAll
  static void stop() {
    session.close();
  }

  static Path weightFile(String kind) throws IOException {
    try (Stream<Path> files = Files.list(WEIGHTS)) {
      return files.filter(p -> p.getFileName().toString().startsWith("webdit-tiny-" + kind + "-")).findFirst()
          .orElseThrow(() -> new IllegalStateException("no tiny " + kind + " model in " + WEIGHTS
              + ": run /usr/bin/python3 training/make_golden.py"));
    }
  }

  @ParameterizedTest
  @CsvSource({
      "f16, ddim,    3, 1.0, 1, 0",
      "f16, ddpm,    3, 2.5, 2, 0",
      "f16, dpmpp2m, 4, 3.0, 2, 0",
      "f16, dpmpp2m, 3, 3.0, 2, 5",
      "i8,  dpmpp2m, 2, 1.0, 1, 0",
      "i8,  ddim,    2, 2.0, 1, 0"})
  @SuppressWarnings("unchecked")
  void gpuImagesMatchTheCpuReference(String kind, String sampler, int steps, double cfg, int images, int warmSteps)
      throws Exception {
    // warmSteps > 0: the engine first generates with another step count, so this generation runs
    // on a rebuilt step-only prelude (its buffers and bind groups depend on the step count).
    Path file = weightFile(kind);
    String spec = "{\"weights\":\"/weights/" + file.getFileName() + "\",\"sampler\":\"" + sampler + "\",\"steps\":" + steps
        + ",\"cfg\":" + cfg + ",\"images\":" + images + ",\"seed\":1234,\"label\":3,\"warmSteps\":" + warmSteps + "}";
    String text = session.harness("engine", spec);
    if (text.startsWith("ERROR")) {
      throw new AssertionError(spec + ": " + text);
    }
    Map<String, Object> out = Json.parseObject(text);
    List<Object> values = (List<Object>) out.get("final");
    List<Object> seeds = (List<Object>) out.get("seeds");
    List<Object> labels = (List<Object>) out.get("labels");

    DiT model = DiT.load(Files.readAllBytes(file));
    int n = model.config().imageValues();
    Sampler cpu = new Sampler(model::forward, n, model.config().nullLabel());
    for (int i = 0; i < images; i++) {
      float[] ref = cpu.sample(new SampleRequest(((Number) seeds.get(i)).intValue(), ((Number) labels.get(i)).intValue(),
          SamplerKind.named(sampler), steps, (float) cfg));
      float[] gpu = new float[n];
      for (int j = 0; j < n; j++) {
        gpu[j] = ((Number) values.get(i * n + j)).floatValue();
      }
      String report = Compare.mismatches(kind + " " + sampler + " steps=" + steps + " cfg=" + cfg + " image " + i, ref, gpu,
          MAX_DIFF, 0);
      assertNull(report, report);
      System.out.println("parity " + kind + " " + sampler + " steps=" + steps + " cfg=" + cfg + " image " + i
          + ": max |gpu - cpu| = " + Compare.maxAbsDiff(ref, gpu) + " (" + out.get("profile") + ")");
    }
    assertEquals(1L, out.get("submits"), "one submit per generation");
    assertEquals(1L, out.get("readbacks"), "one readback per generation");
    long perStep = (Long) out.get("dispatchesPerStep");
    assertEquals(4 + 5 * model.config().depth(), perStep,
        "patchify, 5 per DiTBlock, FinalLayer, sampler update and the frame; step-only work is in the prelude");
    assertEquals((Long) out.get("dispatchesBeforeLoop") + steps * perStep, ((Number) out.get("dispatches")).longValue(),
        "noise + prelude once, then the per-step dispatches");
  }
}
