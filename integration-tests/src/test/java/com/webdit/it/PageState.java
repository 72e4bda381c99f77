package com.webdit.it;

import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;
import java.util.logging.Level;

/** Reads what the demo page shows: its finished state, texts, console errors and favicon. */
final class PageState {
  /** SwiftShader is slow to start a device and compile WGSL; this is a ceiling, not a benchmark. */
  static final Duration FINISH_TIMEOUT = Duration.ofSeconds(120);

  private PageState() {}

  /** Waits until the client marks the body with data-webdit and returns that state. */
  static String awaitFinished(WebDriver driver) {
    new WebDriverWait(driver, FINISH_TIMEOUT).until(d -> !attr(d, "body", "data-webdit").isEmpty());
    return attr(driver, "body", "data-webdit");
  }

  static String attr(WebDriver d, String css, String name) {
    String v = d.findElement(By.cssSelector(css)).getAttribute(name);
    return v == null ? "" : v;
  }

  static String text(WebDriver d, String css) {
    return (String) ((JavascriptExecutor) d).executeScript("return document.querySelector(arguments[0]).textContent", css);
  }

  /** Errors logged to the console since the last call; every entry is echoed to the test output. */
  static List<String> severeConsoleMessages(WebDriver d) {
    List<LogEntry> all = d.manage().logs().get(LogType.BROWSER).getAll();
    all.forEach(e -> System.out.println("console " + e.getLevel() + ": " + e.getMessage()));
    return all.stream()
        .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
        .map(LogEntry::getMessage)
        .collect(Collectors.toList());
  }

  /** The favicon link's href. */
  static String faviconHref(WebDriver d) {
    return (String) ((JavascriptExecutor) d).executeScript(
        "var l = document.querySelector(\"link[rel~='icon']\"); return l ? l.href : null;");
  }

  /** Decodes a data:image/png;base64 URL, failing with the prefix when it is anything else. */
  static BufferedImage decodePng(String dataUrl) throws IOException {
    String prefix = "data:image/png;base64,";
    if (dataUrl == null || !dataUrl.startsWith(prefix)) {
      throw new AssertionError("favicon is not a PNG data URL: "
          + (dataUrl == null ? "null" : dataUrl.substring(0, Math.min(40, dataUrl.length()))));
    }
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(dataUrl.substring(prefix.length()))));
    if (img == null) {
      throw new AssertionError("favicon data URL does not decode as PNG");
    }
    return img;
  }
}
