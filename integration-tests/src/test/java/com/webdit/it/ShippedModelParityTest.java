package com.webdit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.webdit.shared.json.Json;
import com.webdit.shared.model.DiT;
import com.webdit.shared.fixtures.Compare;
import com.webdit.shared.sampling.GuidanceInterval;
import com.webdit.shared.sampling.SampleRequest;
import com.webdit.shared.sampling.Sampler;
import com.webdit.shared.sampling.SamplerKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;

/**
 * Every weight file the server ships, run by the WebGPU engine for 1-2 steps (with guidance),
 * against the Java CPU reference on the same file, in Chromium and Firefox: the parity the tiny test model shows must hold
 * for the real model too.
 */
@Browser.InEachBrowser
class ShippedModelParityTest {
  /** Given to start(Browser), which opens the class's one browser. */
  @Parameter
  Browser browser;
  static final Path SHIPPED = Path.of("..", "weights");
  static BrowserSession session;

  @BeforeParameterizedClassInvocation
  static void start(Browser browser) {
    session = BrowserSession.start(browser, true).onKernelTestPage();
  }

  @AfterParameterizedClassInvocation
  static void stop() {
    session.close();
  }

  @Test
  @SuppressWarnings("unchecked")
  void everyShippedFileMatchesTheCpuReference() throws Exception {
    List<Path> files;
    try (Stream<Path> list = Files.list(SHIPPED)) {
      files = list.filter(p -> p.toString().endsWith(".safetensors")).sorted().toList();
    }
    assertFalse(files.isEmpty(), "no shipped weights in " + SHIPPED);
    for (Path file : files) {
      int steps = file.getFileName().toString().contains("-i8-") ? 2 : 1;
      String spec = "{\"weights\":\"/weights/" + file.getFileName() + "\",\"sampler\":\"dpmpp2m\",\"steps\":" + steps
          + ",\"cfg\":2.0,\"images\":1,\"seed\":77,\"label\":2}";
      String text = session.harness("engine", spec);
      if (text.startsWith("ERROR")) {
        throw new AssertionError(spec + ": " + text);
      }
      Map<String, Object> out = Json.parseObject(text);
      List<Object> values = (List<Object>) out.get("final");
      DiT model = DiT.load(Files.readAllBytes(file));
      int n = model.config().imageValues();
      float[] ref = new Sampler(model::forward, n, model.config().nullLabel())
          .sample(new SampleRequest(77, 2, SamplerKind.DPMPP_2M, steps, 2f, GuidanceInterval.EVERY_STEP));
      float[] gpu = new float[n];
      for (int j = 0; j < n; j++) {
        gpu[j] = ((Number) values.get(j)).floatValue();
      }
      String report = Compare.mismatches(file.getFileName() + " steps=" + steps, ref, gpu, EngineParityTest.MAX_DIFF, 0);
      assertNull(report, report);
      System.out.println("shipped parity " + file.getFileName() + " steps=" + steps + ": max |gpu - cpu| = "
          + Compare.maxAbsDiff(ref, gpu));
    }
  }

  /**
   * The browser reads JSON with its native JSON.parse (Json's GWT super-source), the JVM with the
   * strict reader: on every shipped weight file's header both give equal values. The median time
   * of each in the page is printed for the figures; timing decides nothing here.
   */
  @Test
  void theBrowsersNativeJsonReadsEveryShippedHeaderAsTheStrictReaderDoes() throws Exception {
    List<Path> files;
    try (Stream<Path> list = Files.list(SHIPPED)) {
      files = list.filter(p -> p.toString().endsWith(".safetensors")).sorted().toList();
    }
    for (Path file : files) {
      String text = session.harness("jsonHeader", "{\"weights\":\"/weights/" + file.getFileName() + "\",\"repeats\":7}");
      if (text.startsWith("ERROR")) {
        throw new AssertionError(file + ": " + text);
      }
      Map<String, Object> out = Json.parseObject(text);
      assertEquals("native JSON.parse", out.get("reader"), "the browser build parses with JSON.parse");
      assertEquals(Boolean.TRUE, out.get("equal"), file + ": native and strict readers disagree");
      System.out.println("json header " + file.getFileName() + " (" + out.get("chars") + " chars), " + browser
          + ": first parse native " + out.get("nativeFirstMs") + " ms, strict " + out.get("strictFirstMs")
          + " ms; median of 7 native " + out.get("nativeMs") + " ms, strict " + out.get("strictMs") + " ms");
    }
  }
}
