package com.webdit.it;

import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.chrome.ChromeDriver;

/** The real server plus one headless Chromium, started together and closed together by a test class. */
final class BrowserSession implements AutoCloseable {
  final LiveServer server;
  final ChromeDriver driver;

  private BrowserSession(LiveServer server, boolean webgpu) {
    this.server = server;
    ChromeDriver d = null;
    try {
      d = Browsers.chromium(webgpu);
      d.manage().timeouts().scriptTimeout(Duration.ofSeconds(180));
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
    this.driver = d;
  }

  /** The server with its embedded (shipped) weights. */
  static BrowserSession start(boolean webgpu) {
    return new BrowserSession(new LiveServer(), webgpu);
  }

  /** The server publishing the weight files of a folder. */
  static BrowserSession start(boolean webgpu, Path weights) {
    return new BrowserSession(new LiveServer(weights), webgpu);
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
