package com.webdit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.webdit.shared.num.Compare;
import com.webdit.shared.rng.Gaussian;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.chrome.ChromeDriver;

/** The demo page in real headless Chromium with WebGPU (SwiftShader). */
class DemoPageWebGpuTest {
  /** Same bound the page uses: WGSL f32 polynomials vs the double-precision Java reference. */
  static final double TOL = 1e-5;
  static final double EPS = 1e-5;

  static LiveServer server;
  static ChromeDriver driver;

  @BeforeAll
  static void start() {
    server = new LiveServer();
    driver = Browsers.chromium(true);
  }

  @AfterAll
  static void stop() {
    if (driver != null) {
      driver.quit();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void loadsWithoutConsoleErrorsFindsAnAdapterAndSetsAPngFavicon() throws Exception {
    driver.get(server.url("/?seed=42"));
    assertEquals("ready", PageState.awaitFinished(driver), PageState.text(driver, "#status"));
    List<String> errors = PageState.severeConsoleMessages(driver);
    assertTrue(errors.isEmpty(), "console errors: " + errors);

    String adapter = PageState.text(driver, "#adapter");
    assertFalse(adapter.equals("—") || adapter.isBlank(), "adapter info shown: " + adapter);
    assertEquals("ok", PageState.attr(driver, "#status", "data-state"));

    BufferedImage icon = PageState.decodePng(PageState.faviconHref(driver));
    assertEquals(32, icon.getWidth());
    assertEquals(32, icon.getHeight());
  }

  @Test
  void theWgslKernelReturnsTheReferenceNumbersThroughTheJavaExterns() {
    // 4099 values: not a multiple of the 4 per invocation nor of the 64-wide workgroup.
    int seed = 123456;
    int count = 4099;
    driver.get(server.url("/?seed=" + seed + "&count=" + count));
    assertEquals("ready", PageState.awaitFinished(driver), PageState.text(driver, "#status"));
    String[] parts = PageState.text(driver, "#kernel-output").split(",");
    assertEquals(count, parts.length);
    float[] gpu = new float[count];
    for (int i = 0; i < count; i++) {
      gpu[i] = Float.parseFloat(parts[i]);
    }
    float[] ref = new float[count];
    Gaussian.fill(seed, 0, ref);
    String report = Compare.mismatches("gaussian_noise.wgsl seed " + seed, ref, gpu, TOL, EPS);
    assertNull(report, report);
    assertEquals("pass", PageState.attr(driver, "#kernel-check", "data-state"));
  }
}
