package com.webdit.it;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.remote.RemoteWebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What the embed's browser tests share: a WebDiT server with the tiny test model, a host site on
 * another origin that loads the script, the browsers (see {@link #open}), and small helpers to
 * read the page.
 */
abstract class EmbedHostTest {
  /** SwiftShader is slow to start a device and compile WGSL: a ceiling, not a benchmark. */
  static final Duration WAIT = Duration.ofSeconds(180);
  static LiveServer webdit;
  static HostSite host;
  /** The class's Chromiums, one with WebGPU and one without, kept from test to test (see open). */
  private static final Map<Boolean, ChromeDriver> KEPT_CHROMIUM = new HashMap<>();
  RemoteWebDriver driver;

  @BeforeAll
  static void startServers() {
    webdit = new LiveServer(LiveServer.TEST_WEIGHTS);
    host = new HostSite(webdit.url("/"));
  }

  @AfterAll
  static void stopServers() {
    try {
      KEPT_CHROMIUM.values().forEach(RemoteWebDriver::quit);
    } finally {
      KEPT_CHROMIUM.clear();
      host.close();
      webdit.close();
    }
  }

  /**
   * A browser for this test. Chromium is the class's kept one of that kind (with WebGPU or
   * without): a launch costs ~2.5 s of CPU, more than many of these tests spend otherwise, and
   * after each test it is put back as new: top frame, blank page, empty HTTP cache, console read.
   * Firefox offers no way to empty its cache from here, so each test gets a new one.
   */
  RemoteWebDriver open(Browser browser, boolean webgpu) {
    if (browser != Browser.CHROMIUM) {
      return browser.open(webgpu);
    }
    return KEPT_CHROMIUM.computeIfAbsent(webgpu, w -> Browsers.chromium(w));
  }

  @AfterEach
  void quitOrReset() {
    if (driver == null) {
      return;
    }
    if (!KEPT_CHROMIUM.containsValue(driver)) {
      driver.quit();
      return;
    }
    ChromeDriver chromium = (ChromeDriver) driver;
    try {
      chromium.switchTo().defaultContent();
      chromium.get("about:blank");
      chromium.executeCdpCommand("Network.clearBrowserCache", Map.of());
      chromium.manage().logs().get(LogType.BROWSER); // read: the next test sees only its own messages
    } catch (RuntimeException e) {
      // A browser that cannot be reset is not handed to the next test.
      KEPT_CHROMIUM.values().remove(chromium);
      chromium.quit();
    }
  }

  Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  /** The href of the page's first rel=icon link. */
  String icon() {
    return String.valueOf(js("var l = document.querySelector(\"link[rel~='icon']\"); return l ? l.href : null;"));
  }

  long count(String jsExpression) {
    return ((Number) js("return " + jsExpression + ";")).longValue();
  }

  /** Waits for condition; on a timeout prints the console and names what was awaited and the icon. */
  void until(String what, java.util.function.BooleanSupplier condition) {
    try {
      new WebDriverWait(driver, WAIT).until(d -> condition.getAsBoolean());
    } catch (org.openqa.selenium.TimeoutException e) {
      PageState.severeConsoleMessages(driver);
      throw new AssertionError("timed out waiting for " + what + "; icon " + icon(), e);
    }
  }
}
