package com.webdit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.openqa.selenium.By;
import org.openqa.selenium.remote.RemoteWebDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The demo page in real headless Chromium (WebGPU on SwiftShader) and Firefox (on lavapipe),
 * generating with the tiny test model: the page is the subject here; the shipped model on the same
 * engine is {@link ShippedModelParityTest}'s.
 */
@Browser.InEachBrowser
class DemoPageWebGpuTest {
  /** Given to start(Browser), which opens the class's one browser. */
  @Parameter
  Browser browser;
  static BrowserSession session;
  static LiveServer server;
  static RemoteWebDriver driver;

  @BeforeParameterizedClassInvocation
  static void start(Browser browser) {
    session = BrowserSession.start(browser, true, LiveServer.TEST_WEIGHTS);
    server = session.server;
    driver = session.driver;
  }

  @AfterParameterizedClassInvocation
  static void stop() {
    session.close();
  }

  @Test
  void generatesAFaviconOnTheGpuWithoutConsoleErrors() throws Exception {
    // Two steps keep SwiftShader quick; pause=600 stops the loop from starting a second generation.
    driver.get(server.url("/?seed=42&category=0&sampler=ddim&steps=2&cfg=2&pause=600"));
    assertEquals("ready", PageState.awaitFinished(driver), PageState.text(driver, "#status"));
    List<String> errors = PageState.severeConsoleMessages(driver);
    assertTrue(errors.isEmpty(), "console errors: " + errors);

    String adapter = PageState.text(driver, "#adapter");
    assertFalse(adapter.equals("—") || adapter.isBlank(), "adapter info shown: " + adapter);
    // SwiftShader is a CPU emulating a GPU, and the page says so.
    assertTrue(adapter.contains("software adapter"), "an honest adapter label: " + adapter);
    assertTrue(PageState.text(driver, "#status").contains("software adapter"), PageState.text(driver, "#status"));
    assertEquals("ok", PageState.attr(driver, "#status", "data-state"));
    assertTrue(PageState.text(driver, "#model").contains("sha256"), PageState.text(driver, "#model"));
    String profile = PageState.text(driver, "#profile");
    assertTrue(profile.contains("1 submit") && profile.contains("1 readback"), profile);
    assertTrue(profile.contains("software adapter"), "the work profile says its times are not a GPU's: " + profile);
    assertEquals("step 2/2", PageState.text(driver, "#step"));

    BufferedImage icon = PageState.decodePng(PageState.faviconHref(driver));
    assertEquals(32, icon.getWidth());
    assertEquals(32, icon.getHeight());
    assertTrue(driver.getCurrentUrl().contains("seed=42") && driver.getCurrentUrl().contains("sampler=ddim"),
        "the address bar holds a shareable URL: " + driver.getCurrentUrl());
  }

  @Test
  void theSameUrlDrawsTheSameFavicon() {
    String url = server.url("/?seed=7&category=2&sampler=dpmpp2m&steps=2&cfg=1.5&pause=600");
    driver.get(url);
    assertEquals("ready", PageState.awaitFinished(driver));
    String first = PageState.faviconHref(driver);
    driver.get(url);
    assertEquals("ready", PageState.awaitFinished(driver));
    assertEquals(first, PageState.faviconHref(driver), "a seed reproduces its favicon");
    driver.get(server.url("/?seed=8&category=2&sampler=dpmpp2m&steps=2&cfg=1.5&pause=600"));
    assertEquals("ready", PageState.awaitFinished(driver));
    assertFalse(first.equals(PageState.faviconHref(driver)), "another seed draws another favicon");
  }

  @Test
  void galleryDrawsOnePerCategoryInOnePass() {
    driver.get(server.url("/?seed=1&steps=1&cfg=1&pause=600"));
    assertEquals("ready", PageState.awaitFinished(driver));
    driver.findElement(By.id("gallery-button")).click();
    new WebDriverWait(driver, Duration.ofSeconds(120)).until(d -> "ready".equals(PageState.attr(d, "body", "data-gallery")));
    assertTrue(PageState.text(driver, "#profile").contains("gallery of 9"), PageState.text(driver, "#profile"));
  }

  /**
   * The page's favicon is the default tag's: the int4 file, the embed's default. Picking fp16 in the
   * snippet builder puts it in the tag and reloads the preview with that file, which then draws.
   */
  @Test
  void theBuildersWeightsPickReloadsThePreviewWithThatFile() {
    driver.get(server.url("/?seed=3&steps=1&cfg=1&pause=600"));
    assertEquals("ready", PageState.awaitFinished(driver));
    assertTrue(PageState.text(driver, "#model").contains("(i4,"), PageState.text(driver, "#model"));
    assertFalse(PageState.text(driver, "#snippet").contains("data-weights"), PageState.text(driver, "#snippet"));
    int before = Integer.parseInt(PageState.attr(driver, "body", "data-generations"));
    new Select(driver.findElement(By.id("snippet-weights"))).selectByValue("f16");
    new WebDriverWait(driver, Duration.ofSeconds(180)).until(d -> PageState.text(d, "#model").contains("(f16,")
        && Integer.parseInt(PageState.attr(d, "body", "data-generations")) > before);
    assertTrue(PageState.text(driver, "#snippet").contains("data-weights=\"f16\""), PageState.text(driver, "#snippet"));
    assertTrue(driver.getCurrentUrl().contains("weights=f16"), driver.getCurrentUrl());
  }
}
