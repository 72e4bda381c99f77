package com.webdit.it;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.remote.RemoteWebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What the embed's browser tests share: a WebDiT server with the tiny test model, a host site on
 * another origin that loads the script, one browser per test, and small helpers to read the page.
 */
abstract class EmbedHostTest {
  /** SwiftShader is slow to start a device and compile WGSL: a ceiling, not a benchmark. */
  static final Duration WAIT = Duration.ofSeconds(180);
  static LiveServer webdit;
  static HostSite host;
  RemoteWebDriver driver;

  @BeforeAll
  static void startServers() {
    webdit = new LiveServer(LiveServer.TEST_WEIGHTS);
    host = new HostSite(webdit.url("/"));
  }

  @AfterAll
  static void stopServers() {
    host.close();
    webdit.close();
  }

  @AfterEach
  void quit() {
    if (driver != null) {
      driver.quit();
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
