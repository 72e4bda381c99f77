package com.webdit.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Takes the README's pictures of the product page of a running server (the built jar, shipped
 * weights) in headless Chromium with WebGPU (SwiftShader): the visitor picks a category and steps
 * in the snippet builder, draws the gallery, and then the page is shot on a desktop (the whole
 * page), on a phone-sized viewport, and on a desktop in dark mode.
 *
 *   java -jar server/target/webdit-server.jar --port 7070 &
 *   mvn -q -pl integration-tests test-compile exec:java -Dexec.mainClass=com.webdit.it.ProductScreenshots \
 *       -Dexec.args="http://localhost:7070/ docs smileys 4"
 */
public final class ProductScreenshots {
  public static void main(String[] args) throws Exception {
    String site = args.length > 0 ? args[0] : "http://localhost:7070/";
    Path dir = Path.of(args.length > 1 ? args[1] : "docs");
    String category = args.length > 2 ? args[2] : "smileys";
    String steps = args.length > 3 ? args[3] : "4";
    ChromeDriver d = Browsers.chromium(true);
    try {
      d.get(site);
      PageState.awaitFinished(d);
      new Select(d.findElement(By.id("category"))).selectByValue(category);
      WebElement stepsInput = d.findElement(By.id("steps"));
      stepsInput.click();
      stepsInput.sendKeys(Keys.chord(Keys.CONTROL, "a"), steps, Keys.TAB);
      WebDriverWait wait = new WebDriverWait(d, Duration.ofMinutes(20));
      wait.until(x -> PageState.text(x, "#step").equals("step " + steps + "/" + steps));
      d.findElement(By.id("gallery-button")).click();
      wait.until(x -> "ready".equals(PageState.attr(x, "body", "data-wall")));
      wait.until(x -> PageState.text(x, "#step").equals("step " + steps + "/" + steps));
      d.executeScript("window.scrollTo(0, 0)");
      shoot(d, dir.resolve("site-desktop.png"), 1280, 900, false, true);
      shoot(d, dir.resolve("site-phone.png"), 390, 844, true, false);
      d.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features",
          List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
      shoot(d, dir.resolve("site-dark.png"), 1280, 900, false, false);
    } finally {
      d.quit();
    }
  }

  /** A screenshot at this viewport: the whole page (fullPage) or what is above the fold. */
  private static void shoot(ChromeDriver d, Path out, int width, int height, boolean mobile, boolean fullPage)
      throws Exception {
    d.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height,
        "deviceScaleFactor", 1, "mobile", mobile));
    Thread.sleep(1000); // a frame at the new size
    Map<String, Object> shot = d.executeCdpCommand("Page.captureScreenshot", fullPage
        ? Map.of("format", "png", "captureBeyondViewport", true, "clip", Map.of("x", 0, "y", 0, "width", width,
            "height", ((Number) d.executeScript("return document.documentElement.scrollHeight")).intValue(), "scale", 1))
        : Map.of("format", "png"));
    Files.write(out, Base64.getDecoder().decode((String) shot.get("data")));
    System.out.println("wrote " + out.toAbsolutePath());
  }
}
