package com.webdit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.chrome.ChromeDriver;

/** Without --enable-unsafe-webgpu, headless Linux Chromium has no adapter: the page must say so. */
class DemoPageWithoutWebGpuTest {
  static BrowserSession session;
  static LiveServer server;
  static ChromeDriver driver;

  @BeforeAll
  static void start() {
    session = BrowserSession.start(false);
    server = session.server;
    driver = session.driver;
  }

  @AfterAll
  static void stop() {
    session.close();
  }

  @Test
  void explainsWhatIsMissingAndStillDrawsAFavicon() throws Exception {
    driver.get(server.url("/?seed=3"));
    String state = PageState.awaitFinished(driver);
    assertTrue(state.equals("no-gpu:no-webgpu") || state.equals("no-gpu:no-adapter"), state);
    assertEquals("error", PageState.attr(driver, "#status", "data-state"));
    String message = PageState.text(driver, "#status");
    assertTrue(message.contains("WebGPU"), message);
    BufferedImage icon = PageState.decodePng(PageState.faviconHref(driver));
    assertEquals(32, icon.getWidth());
  }
}
