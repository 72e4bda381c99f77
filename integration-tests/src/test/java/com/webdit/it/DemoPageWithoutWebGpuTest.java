package com.webdit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.webdit.shared.product.Limits;
import com.webdit.shared.sampling.SamplerKind;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.remote.RemoteWebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Without --enable-unsafe-webgpu, headless Linux Chromium has no adapter, and Firefox without
 * dom.webgpu.enabled has no navigator.gpu: the page says so and
 * the server draws the favicons, with every control working. The demo's query rules are
 * checked here too, where they run quickly: seeds above 2^31, categories by name in the URL, a
 * share link that keeps the pause, and a labelled gallery after which the loop goes on.
 */
@Browser.InEachBrowser
class DemoPageWithoutWebGpuTest {
  /** Given to start(Browser), which opens the class's one browser. */
  @Parameter
  Browser browser;
  static final Duration WAIT = Duration.ofSeconds(120);
  static BrowserSession session;
  static LiveServer server;
  static RemoteWebDriver driver;

  @BeforeParameterizedClassInvocation
  static void start(Browser browser) {
    session = BrowserSession.start(browser, false, LiveServer.TEST_WEIGHTS);
    server = session.server;
    driver = session.driver;
  }

  @AfterParameterizedClassInvocation
  static void stop() {
    session.close();
  }

  private static long generations() {
    String n = PageState.attr(driver, "body", "data-generations");
    return n.isEmpty() ? 0 : Long.parseLong(n);
  }

  @Test
  void showsServerFaviconsAndKeepsTheControlsWorking() throws Exception {
    driver.get(server.url("/?seed=3000000000&category=animals&sampler=ddim&steps=2&cfg=2&pause=600"));
    assertEquals("server:no-webgpu", PageState.awaitFinished(driver), PageState.text(driver, "#status"));
    new WebDriverWait(driver, WAIT).until(d -> generations() >= 1);
    assertEquals("fallback", PageState.attr(driver, "#status", "data-state"));
    String message = PageState.text(driver, "#status");
    assertTrue(message.contains("Seed 3000000000") && message.contains("server"), message);
    BufferedImage icon = PageState.decodePng(PageState.faviconHref(driver));
    assertEquals(32, icon.getWidth());
    assertEquals("animals", PageState.attr(driver, "#category", "value"), "?category=animals selects it by name");
    assertTrue(driver.findElement(By.id("generate")).isEnabled(), "the controls work without WebGPU");
    // The server draws plain favicons only: remix and morph say they need WebGPU instead of failing.
    assertFalse(driver.findElement(By.id("morph")).isEnabled(), "morph needs WebGPU");
    assertFalse(driver.findElement(By.id("remix-file")).isEnabled(), "remix needs WebGPU");
    assertEquals("needs WebGPU on this device", driver.findElement(By.id("morph")).getAttribute("title"));
    String share = PageState.attr(driver, "#share", "href");
    assertTrue(share.contains("seed=3000000000") && share.contains("category=animals") && share.contains("pause=600"),
        share);

    // Another seed through the controls: drawn by the server as well.
    ((JavascriptExecutor) driver).executeScript("document.getElementById('seed').value = '4294967295';");
    long before = generations();
    driver.findElement(By.id("generate")).click();
    new WebDriverWait(driver, WAIT).until(d -> generations() > before);
    assertTrue(PageState.text(driver, "#status").contains("Seed 4294967295"), PageState.text(driver, "#status"));

    // A seed out of range is refused in words, not silently replaced.
    ((JavascriptExecutor) driver).executeScript("document.getElementById('seed').value = '4294967296';");
    driver.findElement(By.id("generate")).click();
    new WebDriverWait(driver, WAIT).until(d -> "error".equals(PageState.attr(d, "#status", "data-state")));
    assertTrue(PageState.text(driver, "#status").contains("seed must be an integer"), PageState.text(driver, "#status"));
  }

  /**
   * The controls' ranges, defaults and the sampler menu come from the shared Limits and
   * SamplerKind, the facts the server validates with: the page's HTML carries no copy of them.
   */
  @Test
  void theControlsTakeTheirRangesAndDefaultsFromTheSharedLimits() {
    driver.get(server.url("/?loop=0"));
    PageState.awaitFinished(driver);
    assertRange("seed", 0, Limits.MAX_SEED, Limits.DEFAULT_SEED);
    assertRange("steps", Limits.MIN_STEPS, Limits.MAX_STEPS, Limits.DEFAULT_STEPS);
    assertRange("cfg", Limits.MIN_CFG, Limits.MAX_CFG, Limits.DEFAULT_CFG);
    @SuppressWarnings("unchecked")
    List<String> menu = (List<String>) ((JavascriptExecutor) driver).executeScript("return Array.from("
        + "document.getElementById('sampler').options).map(function (o) { return o.value + '=' + o.textContent; });");
    List<String> expected = new java.util.ArrayList<>();
    expected.add(Limits.DEFAULT_SAMPLER.wireName + "=" + Limits.DEFAULT_SAMPLER.displayName);
    for (SamplerKind k : SamplerKind.values()) {
      if (k != Limits.DEFAULT_SAMPLER) {
        expected.add(k.wireName + "=" + k.displayName);
      }
    }
    assertEquals(expected, menu, "every sampler, the default first and selected");
    assertEquals(Limits.DEFAULT_SAMPLER.wireName, PageState.attr(driver, "#sampler", "value"));
  }

  private static void assertRange(String id, double min, double max, double value) {
    String where = "#" + id;
    assertEquals(Limits.format(min), PageState.attr(driver, where, "min"), id + " min");
    assertEquals(Limits.format(max), PageState.attr(driver, where, "max"), id + " max");
    assertEquals(Limits.format(value), PageState.attr(driver, where, "value"), id + " value");
  }

  /**
   * "Download favicon pack" hands the browser a zip made in the page: captured at the link's click
   * (headless Chromium would save it somewhere we cannot read), then unzipped here.
   */
  @Test
  void theDownloadButtonSavesAPackOfTheFaviconOnScreen() throws Exception {
    driver.get(server.url("/?seed=8&category=food&steps=1&pause=600"));
    new WebDriverWait(driver, WAIT).until(d -> generations() >= 1);
    JavascriptExecutor js = (JavascriptExecutor) driver;
    js.executeScript("window.__pack = null; var click = HTMLAnchorElement.prototype.click;"
        + "HTMLAnchorElement.prototype.click = function () {"
        + "  var a = this; window.__packName = a.download;"
        + "  fetch(a.href).then(function (r) { return r.arrayBuffer(); }).then(function (b) {"
        + "    var s = ''; new Uint8Array(b).forEach(function (x) { s += String.fromCharCode(x); }); window.__pack = btoa(s); });"
        + "};");
    driver.findElement(By.id("download-button")).click();
    new WebDriverWait(driver, WAIT).until(d -> js.executeScript("return window.__pack") != null);
    assertEquals("webdit-favicon.zip", js.executeScript("return window.__packName"));
    byte[] zip = java.util.Base64.getDecoder().decode((String) js.executeScript("return window.__pack"));
    java.util.Map<String, byte[]> files = new java.util.LinkedHashMap<>();
    try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip))) {
      for (java.util.zip.ZipEntry e; (e = in.getNextEntry()) != null; ) {
        files.put(e.getName(), in.readAllBytes());
      }
    }
    assertTrue(files.keySet().containsAll(List.of("favicon.ico", "favicon-16.png", "favicon-32.png", "apple-touch-icon.png",
        "favicon.html")), String.valueOf(files.keySet()));
    BufferedImage png32 = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(files.get("favicon-32.png")));
    BufferedImage shown = PageState.decodePng(PageState.faviconHref(driver));
    for (int y = 0; y < 32; y++) {
      for (int x = 0; x < 32; x++) {
        if (shown.getRGB(x, y) >>> 24 == 0xff) {
          assertEquals(Integer.toHexString(shown.getRGB(x, y)), Integer.toHexString(png32.getRGB(x, y)),
              "the pack holds the favicon on screen, pixel " + x + "," + y);
        }
      }
    }
  }

  @Test
  void theGalleryIsLabelledAndTheLoopGoesOnAfterIt() {
    driver.get(server.url("/?seed=5&steps=1&pause=1"));
    new WebDriverWait(driver, WAIT).until(d -> generations() >= 1);
    driver.findElement(By.id("gallery-button")).click();
    new WebDriverWait(driver, WAIT).until(d -> "ready".equals(PageState.attr(d, "body", "data-gallery")));
    @SuppressWarnings("unchecked")
    List<String> captions = (List<String>) ((JavascriptExecutor) driver).executeScript(
        "return Array.from(document.querySelectorAll('#gallery figcaption')).map(function (c) { return c.textContent; });");
    assertEquals(9, captions.size(), String.valueOf(captions));
    assertTrue(captions.contains("animals") && captions.contains("flags"), String.valueOf(captions));
    long after = generations();
    new WebDriverWait(driver, WAIT).until(d -> generations() > after);
  }

  /**
   * A button pressed while the loop draws a favicon is not lost: it runs as soon as that favicon
   * is shown. Both presses come in one task here, so the second always finds the first still drawing.
   */
  @Test
  void aButtonPressedWhileAFaviconIsDrawingRunsNext() {
    driver.get(server.url("/?seed=9&steps=1&pause=600"));
    new WebDriverWait(driver, WAIT).until(d -> generations() >= 1);
    ((JavascriptExecutor) driver).executeScript("document.getElementById('generate').click();"
        + "document.getElementById('gallery-button').click();");
    new WebDriverWait(driver, WAIT).until(d -> "ready".equals(PageState.attr(d, "body", "data-gallery")));
    assertTrue(generations() >= 2, "the Generate press drew first: " + generations());
  }
}
