package com.webdit.it;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Measures the embed's morph on this machine's WebGPU adapter with the shipped weights: a host
 * page with data-mode="morph" (forced onto a software adapter with data-gpu="any"), the first
 * legs' `leg` events printed (frames per second, GPU work per frame, submits). The first leg
 * includes building the 12-image engine; the later ones are the steady rate.
 *
 *   mvn -q -pl integration-tests test-compile exec:java -Dexec.mainClass=com.webdit.it.MorphRate \
 *       -Dexec.args="12 3"     (steps, legs)
 */
public final class MorphRate {
  public static void main(String[] args) throws Exception {
    int steps = args.length > 0 ? Integer.parseInt(args[0]) : 12;
    int legs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    try (LiveServer shipped = new LiveServer(); HostSite site = new HostSite(shipped.url("/"))) {
      ChromeDriver driver = Browsers.chromium(true);
      try {
        String listen = site.script("legs.js", "window.__legs = []; WebDiT.on('leg', function (d) {"
            + " window.__legs.push({seed: d.seed, ms: Math.round(d.ms), framesPerSecond: d.framesPerSecond,"
            + " gflopPerFrame: d.gflopPerFrame, submits: d.submits, dispatches: d.dispatches, profile: d.profile}); });");
        driver.get(site.page("morph-rate", site.embedTag("data-category=\"animals\" data-seed=\"42\" data-steps=\""
            + steps + "\" data-mode=\"morph\" data-gpu=\"any\"") + listen, ""));
        new WebDriverWait(driver, Duration.ofHours(2)).until(d -> ((Number) ((JavascriptExecutor) d)
            .executeScript("return window.__legs.length;")).intValue() >= legs);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> seen = (List<Map<String, Object>>) driver.executeScript("return window.__legs;");
        System.out.println("morph, shipped model, " + steps + " steps, adapter: software (SwiftShader here)");
        for (Map<String, Object> leg : seen) {
          System.out.println("  leg " + leg);
        }
      } finally {
        driver.quit();
      }
    }
  }
}
