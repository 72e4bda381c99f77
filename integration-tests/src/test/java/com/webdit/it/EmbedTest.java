package com.webdit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The drop-in script tag on a host page of another origin, with and without WebGPU, in Chromium and Firefox. */
@Browser.InEachBrowser
class EmbedTest extends EmbedHostTest {
  @Parameter
  Browser browser;

  private void awaitApi() {
    new WebDriverWait(driver, WAIT).until(d -> Boolean.TRUE.equals(js("return typeof window.WebDiT === 'object';")));
  }

  @SuppressWarnings("unchecked")
  private List<String> addedGlobals() {
    return (List<String>) js("var before = new Set(window.__keysBefore);"
        + "return Object.keys(window).filter(function (k) { return !before.has(k) && k.indexOf('__') !== 0; });");
  }

  @Test
  void animatesTheFaviconAndStopRestoresTheHostsOwn() throws Exception {
    driver = open(browser, true);
    // What WebDriver's own scripts leave on a page without WebDiT, so it is not blamed on us.
    driver.get(host.url("/plain.html"));
    js("return document.title;");
    java.util.Set<String> webdriverGlobals = new java.util.HashSet<>(addedGlobals());
    driver.get(host.url("/host.html"));
    assertTrue(icon().endsWith("/own.png"));
    awaitApi();
    js("window.__frames = 0; WebDiT.on('frame', function () { window.__frames++; });");
    new WebDriverWait(driver, WAIT).until(d -> ((Number) js("return window.__frames;")).intValue() >= 5);
    String url = icon();
    BufferedImage img = PageState.decodePng(url);
    assertEquals(32, img.getWidth());
    assertEquals(32, img.getHeight());

    List<String> added = new java.util.ArrayList<>(addedGlobals());
    added.removeAll(webdriverGlobals);
    assertEquals(List.of("WebDiT"), added, "the only global the script adds (WebDriver's own: " + webdriverGlobals + ")");

    js("WebDiT.stop();");
    assertTrue(icon().endsWith("/own.png"), "stop() puts the host's favicon back: " + icon());
    assertEquals(1L, js("return document.querySelectorAll(\"link[rel~='icon']\").length;"));
    List<String> errors = PageState.severeConsoleMessages(driver);
    assertTrue(errors.isEmpty(), "console errors (CSP without unsafe-eval included): " + errors);
  }

  @Test
  void generateResolvesToAPngDataUrl() throws Exception {
    driver = open(browser, true);
    driver.manage().timeouts().scriptTimeout(WAIT);
    driver.get(host.url("/host.html"));
    awaitApi();
    Object url = driver.executeAsyncScript("var done = arguments[arguments.length - 1];"
        + "WebDiT.generate({seed: 9, category: 'flags', steps: 2}).then(done, function (e) { done('ERROR ' + e); });");
    BufferedImage img = PageState.decodePng(String.valueOf(url));
    assertEquals(32, img.getWidth());
  }

  @Test
  void withoutWebGpuTheServerDrawsTheFavicon() throws Exception {
    driver = open(browser, false);
    driver.get(host.url("/host.html"));
    awaitApi();
    // The server's PNG, fetched and checked by the embed, becomes the icon as a data URL.
    new WebDriverWait(driver, WAIT).until(d -> icon().startsWith("data:image/png"));
    BufferedImage img = PageState.decodePng(icon());
    assertEquals(32, img.getWidth());
    assertEquals(1L, js("return performance.getEntriesByType('resource').filter(function (e) {"
        + " return e.name.indexOf('" + webdit.url("/api/favicon.png?") + "') === 0; }).length;"));
    js("WebDiT.stop();");
    assertTrue(icon().endsWith("/own.png"));
  }

  @Test
  void oneDeviceLossIsSurvivedAndASecondFallsBackToTheServer() {
    driver = open(browser, true);
    driver.get(host.url("/lossy.html"));
    awaitApi();
    js("window.__frames = 0; window.__fallback = null;"
        + "WebDiT.on('frame', function () { window.__frames++; });"
        + "WebDiT.on('fallback', function (d) { window.__fallback = d.reason; });");
    new WebDriverWait(driver, WAIT).until(d -> ((Number) js("return window.__frames;")).intValue() >= 2);
    js("window.__devices[0].destroy(); window.__frames = 0;");
    // The first loss: a fresh device, and the GPU keeps drawing.
    new WebDriverWait(driver, WAIT).until(d -> ((Number) js("return window.__devices.length;")).intValue() >= 2
        && ((Number) js("return window.__frames;")).intValue() >= 2);
    assertEquals(null, js("return window.__fallback;"));
    js("window.__devices[window.__devices.length - 1].destroy();");
    // The second loss: server-rendered favicons.
    new WebDriverWait(driver, WAIT).until(d -> js("return window.__fallback;") != null && ((Number) js(
        "return performance.getEntriesByType('resource').filter(function (e) {"
            + " return e.name.indexOf('/api/favicon.png?') >= 0; }).length;")).intValue() >= 1);
  }

  @Test
  void twoTagsShareOneEngineAndOneWeightDownload() {
    driver = open(browser, true);
    driver.get(host.url("/two.html"));
    awaitApi();
    js("window.__images = 0; WebDiT.on('image', function () { window.__images++; });");
    new WebDriverWait(driver, WAIT).until(d -> ((Number) js("return window.__images;")).intValue() >= 2);
    long weights = (Long) js("return performance.getEntriesByType('resource').filter(function (e) {"
        + " return e.name.indexOf('/weights/') >= 0; }).length;");
    long manifests = (Long) js("return performance.getEntriesByType('resource').filter(function (e) {"
        + " return e.name.indexOf('/api/models') >= 0; }).length;");
    assertEquals(1L, weights, "one weight download for two tags");
    assertEquals(1L, manifests, "one engine start for two tags");
  }
}
