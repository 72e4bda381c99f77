package com.webdit.it;

import java.nio.file.Files;
import java.nio.file.Path;
import org.openqa.selenium.OutputType;

/**
 * Takes the README's picture: the demo page, served with the shipped weights, after it has drawn
 * a favicon (and, with --gallery, the gallery too), in headless Chromium.
 *
 *   mvn -q -pl integration-tests test-compile exec:java -Dexec.mainClass=com.webdit.it.Screenshot \
 *       -Dexec.args="docs/demo.png ?seed=42&category=2&steps=8 --gallery"
 */
public final class Screenshot {
  public static void main(String[] args) throws Exception {
    Path out = Path.of(args.length > 0 ? args[0] : "docs/demo.png");
    String query = args.length > 1 ? args[1] : "?seed=42&steps=8&pause=600";
    boolean gallery = args.length > 2 && args[2].equals("--gallery");
    try (BrowserSession s = BrowserSession.start(true)) {
      s.driver.get(s.server.url("/" + query + (query.contains("pause=") ? "" : "&pause=600")));
      PageState.awaitFinished(s.driver);
      if (gallery) {
        s.driver.findElement(org.openqa.selenium.By.id("gallery-button")).click();
        new org.openqa.selenium.support.ui.WebDriverWait(s.driver, java.time.Duration.ofMinutes(10))
            .until(d -> "ready".equals(PageState.attr(d, "body", "data-gallery")));
      }
      Files.write(out, s.driver.getScreenshotAs(OutputType.BYTES));
      System.out.println("wrote " + out.toAbsolutePath());
    }
  }
}
