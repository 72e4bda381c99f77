package com.webdit.it;

import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.remote.RemoteWebDriver;

/** The real server plus one headless browser, started together and closed together by a test class. */
final class BrowserSession implements AutoCloseable {
  final LiveServer server;
  final RemoteWebDriver driver;

  private BrowserSession(LiveServer server, Browser browser, boolean webgpu) {
    this.server = server;
    RemoteWebDriver d = null;
    try {
      d = browser.open(webgpu);
      d.manage().timeouts().scriptTimeout(Duration.ofSeconds(180));
    } catch (RuntimeException e) {
      if (d != null) {
        d.quit();
      }
      server.close();
      throw e;
    }
    this.driver = d;
  }

  /** The server with its embedded (shipped) weights, and Chromium. */
  static BrowserSession start(boolean webgpu) {
    return start(Browser.CHROMIUM, webgpu);
  }

  /** The server with its embedded (shipped) weights. */
  static BrowserSession start(Browser browser, boolean webgpu) {
    return new BrowserSession(new LiveServer(), browser, webgpu);
  }

  /** The server publishing the weight files of a folder, and Chromium. */
  static BrowserSession start(boolean webgpu, Path weights) {
    return start(Browser.CHROMIUM, webgpu, weights);
  }

  /** The server publishing the weight files of a folder. */
  static BrowserSession start(Browser browser, boolean webgpu, Path weights) {
    return new BrowserSession(new LiveServer(weights), browser, webgpu);
  }

  /** Opens the kernel-test harness page and waits for it. */
  BrowserSession onKernelTestPage() {
    driver.get(server.url("/kernel-tests.html"));
    if (!"kernel-tests-ready".equals(PageState.awaitFinished(driver))) {
      throw new IllegalStateException("the kernel-test page did not start");
    }
    return this;
  }

  /** Runs window.webditKernelTests[name](spec) and returns what it resolved to ("ERROR ..." on rejection). */
  String harness(String name, String spec) {
    return String.valueOf(driver.executeAsyncScript("var done = arguments[arguments.length - 1];"
        + "window.webditKernelTests[arguments[0]](arguments[1]).then(done, function (e) {"
        + " done('ERROR ' + e + ' ' + (e && e.stack ? e.stack.substring(0, 1500) : '')); });", name, spec));
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      server.close();
    }
  }
}
