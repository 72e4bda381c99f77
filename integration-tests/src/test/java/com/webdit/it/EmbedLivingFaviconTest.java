package com.webdit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.webdit.shared.product.Limits;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;

/**
 * Living favicons in the embed: data-remix turns the host's own icon into variations
 * (and falls back quietly when the icon is on another origin without CORS), WebDiT.generate takes
 * a remix, and data-mode="morph" walks from seed to seed in legs of one GPU batch each. WebGPU is
 * SwiftShader in Chromium and lavapipe in Firefox here (data-gpu="any"), with the tiny test model
 * and 2 steps.
 */
@Browser.InEachBrowser
class EmbedLivingFaviconTest extends EmbedHostTest {
  @Parameter
  Browser browser;
  static final String TINY = "data-category=\"animals\" data-steps=\"2\" data-seed=\"42\" data-gpu=\"any\"";
  static final String LISTEN = "window.__frames = []; window.__images = []; window.__fallback = null; window.__legs = [];"
      + "WebDiT.on('frame', function (d) { window.__frames.push(d.url); });"
      + "WebDiT.on('image', function (d) { window.__images.push(d.url); });"
      + "WebDiT.on('leg', function (d) { window.__legs.push(d); });"
      + "WebDiT.on('fallback', function (d) { window.__fallback = d.reason; });";
  static HostSite otherOrigin;

  @BeforeAll
  static void startOtherOrigin() {
    otherOrigin = new HostSite(webdit.url("/")); // serves /own.png without CORS headers
  }

  @AfterAll
  static void stopOtherOrigin() {
    otherOrigin.close();
  }

  /** WebDiT.generate(options) from the page, as a data URL; fails the test on a rejection. */
  private String generate(String options) {
    driver.manage().timeouts().scriptTimeout(WAIT);
    Object r = driver.executeAsyncScript("var done = arguments[arguments.length - 1];"
        + "WebDiT.generate(" + options + ").then(function (u) { done(u); }, function (e) { done('rejected: ' + e.message); });");
    String url = String.valueOf(r);
    assertTrue(url.startsWith("data:image/png"), "generate(" + options + ") gave " + url);
    return url;
  }

  static double meanAbsDiff(BufferedImage a, BufferedImage b) {
    double sum = 0;
    for (int y = 0; y < a.getHeight(); y++) {
      for (int x = 0; x < a.getWidth(); x++) {
        int p = a.getRGB(x, y);
        int q = b.getRGB(x, y);
        for (int shift = 0; shift < 32; shift += 8) {
          sum += Math.abs(((p >>> shift) & 0xff) - ((q >>> shift) & 0xff));
        }
      }
    }
    return sum / (a.getWidth() * a.getHeight() * 4.0);
  }

  @Test
  void remixDrawsVariationsOfTheHostsOwnIconAndStopRestoresIt() throws Exception {
    driver = open(browser, true);
    driver.get(host.page("remix", host.embedTag(TINY + " data-remix=\"0.5\" data-loop=\"5s\"")
        + host.script("listen.js", LISTEN), ""));
    until("two remixed icons", () -> count("window.__images.length") >= 2);
    List<?> images = (List<?>) js("return window.__images;");
    assertNotEquals(images.get(0), images.get(1), "each favicon of the loop is a new variation (seeds 42, 43)");
    assertNull(js("return window.__fallback;"), "a same-origin icon is readable: no fallback");

    // The remix really starts from the icon: the same seed without it is another picture, and at
    // strength 1 the icon is ignored, which must be plain generation bit for bit.
    String plain = generate("{seed: 42}");
    String remixed = generate("{seed: 42, remix: '/own.png', strength: 0.5}");
    assertEquals(images.get(0), remixed, "the loop's first favicon is generate()'s remix of the same seed");
    assertNotEquals(plain, remixed, "the remix differs from plain generation of the same seed");
    assertEquals(plain, generate("{seed: 42, remix: '/own.png', strength: 1}"), "strength 1 is plain generation");
    String fromPixels = generate("{seed: 42, strength: 0.5, remix: (function () { var c = document.createElement('canvas');"
        + " c.width = 16; c.height = 16; return c.getContext('2d').getImageData(0, 0, 16, 16);"
        + " })()}");
    assertNotEquals(remixed, fromPixels, "an empty ImageData is another start than the host's icon");
    Object bad = driver.executeAsyncScript("var done = arguments[arguments.length - 1];"
        + "WebDiT.generate({remix: '/own.png', strength: 0}).then(function () { done('resolved'); },"
        + " function (e) { done(e.message); });");
    assertTrue(String.valueOf(bad).contains("strength"), "strength 0 is refused with a message: " + bad);

    js("WebDiT.stop();");
    assertTrue(icon().endsWith("/own.png"), "stop() puts the host's own icon back: " + icon());
    // The favicon pack of the last icon shown, made in the page (the demo's Download, for scripts).
    String zip = String.valueOf(driver.executeAsyncScript("var done = arguments[arguments.length - 1];"
        + "WebDiT.pack().then(function (b) { return b.arrayBuffer(); }).then(function (a) {"
        + " var s = ''; new Uint8Array(a).forEach(function (x) { s += String.fromCharCode(x); }); done(btoa(s)); },"
        + " function (e) { done('rejected: ' + e.message); });"));
    java.util.Map<String, byte[]> files = new java.util.LinkedHashMap<>();
    try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(
        new java.io.ByteArrayInputStream(java.util.Base64.getDecoder().decode(zip)))) {
      for (java.util.zip.ZipEntry e; (e = in.getNextEntry()) != null; ) {
        files.put(e.getName(), in.readAllBytes());
      }
    }
    assertTrue(files.containsKey("favicon.ico") && files.containsKey("apple-touch-icon.png"), "pack: " + files.keySet());
    BufferedImage packed = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(files.get("favicon-32.png")));
    String lastShown = String.valueOf(js("return window.__frames[window.__frames.length - 1];"));
    assertEquals(0.0, meanAbsDiff(packed, PageState.decodePng(lastShown)), 1.0, "the pack holds the icon last shown");

    List<String> errors = PageState.severeConsoleMessages(driver);
    assertTrue(errors.isEmpty(), "console errors: " + errors);
  }

  @Test
  void aCrossOriginIconWithoutCorsFallsBackToNewFaviconsQuietly() {
    driver = open(browser, true);
    String foreignIcon = otherOrigin.url("/own.png");
    driver.get(host.pageWithIcon("remix-foreign", foreignIcon, host.embedTag(TINY + " data-remix=\"0.5\"")
        + host.script("listen.js", LISTEN), ""));
    until("a favicon", () -> count("window.__images.length") >= 1);
    String reason = String.valueOf(js("return window.__fallback;"));
    assertTrue(reason.startsWith("remix:") && reason.contains("another origin"), "the fallback event says why: " + reason);
    Object rejected = driver.executeAsyncScript("var done = arguments[arguments.length - 1];"
        + "WebDiT.generate({remix: '" + foreignIcon + "'}).then(function () { done('resolved'); },"
        + " function (e) { done(e.message); });");
    assertTrue(String.valueOf(rejected).contains("another origin"), "generate() rejects with the reason: " + rejected);
    List<String> errors = PageState.severeConsoleMessages(driver);
    assertTrue(errors.isEmpty(), "no console error in the host's page: " + errors);
  }

  @Test
  void morphWalksFromSeedToSeedInLegsOfOneSubmitEach() throws Exception {
    driver = open(browser, true);
    driver.get(host.page("morph", host.embedTag(TINY + " data-mode=\"morph\" data-fps=\"30\"")
        + host.script("listen.js", LISTEN), ""));
    int frames = Limits.MORPH_FRAMES_PER_LEG;
    until("two legs shown", () -> count("window.__frames.length") >= frames + 1);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> legs = (List<Map<String, Object>>) js("return window.__legs;");
    for (Map<String, Object> leg : legs) {
      System.out.println("morph leg on this adapter: " + leg);
      assertEquals(1L, ((Number) leg.get("submits")).longValue(), "a leg is one submit");
      assertEquals((long) frames, ((Number) leg.get("frames")).longValue());
      assertTrue(((Number) leg.get("gflopPerFrame")).doubleValue() > 0, "GPU work per frame is reported");
    }
    assertEquals(42L, ((Number) legs.get(0).get("seed")).longValue(), "the walk starts at data-seed");
    @SuppressWarnings("unchecked")
    List<String> shown = (List<String>) js("return window.__frames.slice(0, " + (frames + 1) + ");");
    // The leg's start noise comes from the JVM-side Gaussian, plain generation's from the GPU kernel:
    // the same values up to float rounding, so the same favicon to within an 8-bit step or so.
    double atStart = meanAbsDiff(PageState.decodePng(shown.get(0)), PageState.decodePng(generate("{seed: 42}")));
    double atEnd = meanAbsDiff(PageState.decodePng(shown.get(frames)), PageState.decodePng(generate("{seed: 43}")));
    assertTrue(atStart < 0.5 && atEnd < 0.5, "a leg starts on its seed's own favicon (" + atStart
        + ") and the next starts on the next seed's (" + atEnd + ")");
    double worst = 0;
    for (int k = 0; k < frames; k++) {
      worst = Math.max(worst, meanAbsDiff(PageState.decodePng(shown.get(k)), PageState.decodePng(shown.get(k + 1))));
    }
    double unrelated = meanAbsDiff(PageState.decodePng(shown.get(0)), PageState.decodePng(generate("{seed: 9000}")));
    System.out.println("morph: largest frame-to-frame mean |diff| " + worst + " (8-bit), unrelated seeds " + unrelated);
    assertTrue(worst < 0.5 * unrelated, "neighbouring frames (" + worst + ") differ far less than unrelated seeds ("
        + unrelated + ")");
    List<String> errors = PageState.severeConsoleMessages(driver);
    assertTrue(errors.isEmpty(), "console errors: " + errors);
  }
}
