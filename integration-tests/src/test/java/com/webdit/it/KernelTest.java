package com.webdit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every WGSL kernel against its shared Java reference op, in real Chromium (Tint; WebGPU on
 * SwiftShader) and Firefox (naga; wgpu on lavapipe), on random inputs and several shapes, including sizes that are not multiples of the tiles.
 * The page computes both sides (the reference is the same Java, compiled by GWT) and returns the
 * mismatch report; an empty report means every value is within tol + |ref| * eps.
 */
@Browser.InEachBrowser
class KernelTest {
  /** Given to start(Browser), which opens the class's one browser. */
  @Parameter
  Browser browser;
  static BrowserSession session;

  @BeforeParameterizedClassInvocation
  static void start(Browser browser) {
    session = BrowserSession.start(browser, true).onKernelTestPage();
  }

  @AfterParameterizedClassInvocation
  static void stop() {
    session.close();
  }

  static String run(String kernel, String spec) {
    return session.harness(kernel, spec);
  }

  static void assertAgrees(String kernel, List<String> specs) {
    List<String> failures = new ArrayList<>();
    for (String spec : specs) {
      String report = run(kernel, spec);
      if (!report.isEmpty()) {
        failures.add(spec + "\n" + report);
      }
    }
    assertEquals(List.of(), failures, kernel + " disagrees with its Java reference");
  }

  /**
   * For I4, the spec's group size: the largest even divisor of k up to 16, so groups of 4, 10, 12
   * and 16 run, and groups that straddle the kernel's u32 words (8 values) and K tiles.
   */
  private static String group(String format, int k) {
    if (!format.equals("I4")) {
      return "";
    }
    int g = 16;
    while (k % g != 0 || g % 2 != 0) {
      g--;
    }
    return ",\"group\":" + g;
  }

  @ParameterizedTest
  @ValueSource(strings = {"F16", "I8", "I4"})
  void matmulEveryPrologueAndEpilogue(String format) {
    List<String> specs = new ArrayList<>();
    String[][] variants = {{"NONE", "BIAS"}, {"NONE", "GELU"}, {"NONE", "SILU"}, {"NONE", "GATED_RESIDUAL"},
        {"LAYER_NORM_MODULATE", "BIAS"}, {"LAYER_NORM_MODULATE", "GELU"}, {"CONCAT", "BIAS"}};
    for (String[] v : variants) {
      specs.add("{\"m\":128,\"n\":96,\"k\":32,\"rowsPerBatch\":64,\"format\":\"" + format + "\",\"prologue\":\""
          + v[0] + "\",\"epilogue\":\"" + v[1] + "\",\"seed\":" + specs.size() + group(format, 32) + "}");
    }
    assertAgrees("matmul", specs);
  }

  @ParameterizedTest
  @ValueSource(strings = {"F16", "I8", "I4"})
  void matmulShapesThatAreNotMultiplesOfTheTiles(String format) {
    List<String> specs = new ArrayList<>();
    int[][] shapes = {{1, 32, 64}, {1, 1, 4}, {37, 45, 52}, {130, 200, 36}, {64, 17, 100}, {2, 416, 32}};
    for (int[] s : shapes) {
      specs.add("{\"m\":" + s[0] + ",\"n\":" + s[1] + ",\"k\":" + s[2] + ",\"rowsPerBatch\":" + Math.max(1, s[0] / 2)
          + ",\"format\":\"" + format + "\",\"prologue\":\"LAYER_NORM_MODULATE\",\"epilogue\":\"GATED_RESIDUAL\",\"seed\":"
          + (100 + specs.size()) + group(format, s[2]) + "}");
    }
    specs.add("{\"m\":70,\"n\":50,\"k\":40,\"format\":\"" + format + "\",\"tileM\":16,\"tileN\":8,\"tileK\":8,\"seed\":7"
        + group(format, 40) + "}");
    // A long skip's concatenation whose halves end inside a K tile (K/2 = 20, tiles of 16).
    specs.add("{\"m\":37,\"n\":20,\"k\":40,\"format\":\"" + format + "\",\"prologue\":\"CONCAT\",\"seed\":8"
        + group(format, 40) + "}");
    assertAgrees("matmul", specs);
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource({"42, 0, 4096, 1", "123456, 0, 4099, 1", "7, 5, 1001, 3", "-1, 2, 64, 2"})
  void gaussianNoiseMatchesTheJavaRngBitForBitUpToRounding(int seed, int stream, int count, int images) {
    // Checked here in the JVM, independently of the page: the same (seed, stream, index) numbers.
    String csv = run("gaussianNoise", "{\"seed\":" + seed + ",\"stream\":" + stream + ",\"count\":" + count
        + ",\"images\":" + images + "}");
    String[] parts = csv.split(",");
    assertEquals(count * images, parts.length, csv.length() > 200 ? csv.substring(0, 200) : csv);
    List<String> failures = new ArrayList<>();
    for (int b = 0; b < images; b++) {
      float[] gpu = new float[count];
      for (int i = 0; i < count; i++) {
        gpu[i] = Float.parseFloat(parts[b * count + i]);
      }
      float[] ref = new float[count];
      com.webdit.shared.rng.Gaussian.fill(seed + b, stream, ref);
      String report = com.webdit.shared.fixtures.Compare.mismatches("gaussian_noise seed " + (seed + b), ref, gpu, 1e-5, 1e-5);
      if (report != null) {
        failures.add(report);
      }
    }
    assertEquals(List.of(), failures);
  }

  @org.junit.jupiter.api.Test
  void toRgba8MatchesThePixelsMapping() {
    assertAgrees("toRgba8", List.of("{\"images\":2,\"size\":32,\"frame\":1,\"seed\":1}",
        "{\"images\":3,\"size\":7,\"frame\":0,\"seed\":2}"));
  }

  @org.junit.jupiter.api.Test
  void finalStepGuidedUnguidedWithAndWithoutConvAndNoise() {
    assertAgrees("finalStep", List.of(
        "{\"images\":2,\"guided\":1,\"conv\":1,\"seed\":1}",
        "{\"images\":1,\"guided\":0,\"conv\":1,\"cZ\":0,\"seed\":2}",
        "{\"images\":3,\"guided\":1,\"conv\":0,\"seed\":3}",
        "{\"images\":1,\"guided\":0,\"conv\":0,\"size\":16,\"patch\":2,\"seed\":4}"));
  }

  @org.junit.jupiter.api.Test
  void conditionSeveralShapesAndStepCounts() {
    assertAgrees("condition", List.of("{\"dim\":32,\"batch\":4,\"seed\":1}", "{\"dim\":192,\"batch\":18,\"seed\":2}",
        "{\"dim\":6,\"batch\":1,\"classes\":3,\"seed\":3}", "{\"dim\":192,\"batch\":18,\"steps\":12,\"seed\":4}",
        "{\"dim\":8,\"batch\":3,\"steps\":5,\"classes\":4,\"seed\":5}"));
  }

  @org.junit.jupiter.api.Test
  void attentionSeveralShapes() {
    assertAgrees("attention", List.of(
        "{\"batch\":2,\"tokens\":64,\"heads\":2,\"headDim\":16,\"seed\":1}",
        "{\"batch\":1,\"tokens\":64,\"heads\":6,\"headDim\":32,\"seed\":2}",
        "{\"batch\":3,\"tokens\":37,\"heads\":1,\"headDim\":8,\"seed\":3}",
        "{\"batch\":1,\"tokens\":100,\"heads\":2,\"headDim\":64,\"seed\":4}",
        "{\"batch\":2,\"tokens\":5,\"heads\":3,\"headDim\":12,\"seed\":5,\"workgroupSize\":32}"));
  }
}
