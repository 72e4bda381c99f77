package com.webdit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.remote.RemoteWebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The demo page's remix input and morph toggle, with the tiny test model on SwiftShader:
 * a picked image becomes the start of every favicon, clearing it gives plain generation back, and
 * the morph walks seed by seed in legs of one submit.
 */
class DemoLivingFaviconTest {
  static final Duration WAIT = Duration.ofSeconds(180);
  static BrowserSession session;
  static LiveServer server;
  static RemoteWebDriver driver;

  @BeforeAll
  static void start() {
    session = BrowserSession.start(true, LiveServer.TEST_WEIGHTS);
    server = session.server;
    driver = session.driver;
  }

  @AfterAll
  static void stop() {
    session.close();
  }

  private static int generations() {
    String n = PageState.attr(driver, "body", "data-generations");
    return n.isEmpty() ? 0 : Integer.parseInt(n);
  }

  private static void until(String what, java.util.function.BooleanSupplier condition) {
    try {
      new WebDriverWait(driver, WAIT).until(d -> condition.getAsBoolean());
    } catch (org.openqa.selenium.TimeoutException e) {
      throw new AssertionError("timed out waiting for " + what + "; status: " + PageState.text(driver, "#status"), e);
    }
  }

  /** A 20x20 icon (not the model's size: the page must scale it) with a red disc on transparency. */
  private static Path iconFile() throws Exception {
    BufferedImage img = new BufferedImage(20, 20, BufferedImage.TYPE_INT_ARGB);
    for (int y = 0; y < 20; y++) {
      for (int x = 0; x < 20; x++) {
        if ((x - 10) * (x - 10) + (y - 10) * (y - 10) < 64) {
          img.setRGB(x, y, 0xffdd2222);
        }
      }
    }
    Path file = Files.createTempFile("webdit-remix", ".png");
    ImageIO.write(img, "png", file.toFile());
    file.toFile().deleteOnExit();
    return file;
  }

  @Test
  void aPickedIconIsRemixedAndClearingItGivesPlainGenerationBack() throws Exception {
    driver.get(server.url("/?seed=42&category=animals&sampler=ddim&steps=2&cfg=2&loop=0"));
    assertEquals("ready", PageState.awaitFinished(driver), PageState.text(driver, "#status"));
    until("the first favicon", () -> generations() >= 1);
    String plain = PageState.faviconHref(driver);

    driver.findElement(By.id("remix-file")).sendKeys(iconFile().toString());
    until("the remix", () -> generations() >= 2);
    assertEquals("ready", PageState.attr(driver, "body", "data-remix"), "the source is shown as the model sees it");
    assertTrue(PageState.text(driver, "#status").contains("remix of your icon"), PageState.text(driver, "#status"));
    String remixed = PageState.faviconHref(driver);
    assertNotEquals(plain, remixed, "seed 42 remixed is not seed 42 from noise");

    driver.findElement(By.id("remix-clear")).click();
    driver.findElement(By.id("generate")).click();
    until("a plain favicon again", () -> generations() >= 3);
    assertEquals(plain, PageState.faviconHref(driver), "without the remix, seed 42 draws its own favicon again");
    List<String> errors = PageState.severeConsoleMessages(driver);
    assertTrue(errors.isEmpty(), "console errors: " + errors);
  }

  @Test
  void morphWalksSeedBySeedInLegsOfOneSubmit() {
    driver.get(server.url("/?seed=42&category=animals&sampler=ddim&steps=2&cfg=2&loop=0&mode=morph"));
    assertEquals("ready", PageState.awaitFinished(driver), PageState.text(driver, "#status"));
    until("two morph legs", () -> !PageState.attr(driver, "body", "data-morph-legs").isEmpty()
        && Integer.parseInt(PageState.attr(driver, "body", "data-morph-legs")) >= 2);
    String profile = PageState.text(driver, "#profile");
    System.out.println("demo morph: " + profile);
    assertTrue(profile.contains("1 submit") && profile.contains("frames/s") && profile.contains("GFLOP per frame"),
        profile);
    assertTrue(driver.getCurrentUrl().contains("mode=morph"), driver.getCurrentUrl());
    driver.findElement(By.id("morph")).click();
    assertEquals("false", PageState.attr(driver, "#morph", "aria-pressed"));
    assertTrue(Long.parseLong(driver.findElement(By.id("seed")).getAttribute("value")) >= 43,
        "each leg moves the seed on by one (leg 2 is drawn once leg 1, seed 42, has played)");
  }
}
