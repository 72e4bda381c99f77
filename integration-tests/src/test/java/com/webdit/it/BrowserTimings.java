package com.webdit.it;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openqa.selenium.By;
import org.openqa.selenium.remote.RemoteWebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The demo page's first icon and its seconds per sampler step, in each test browser on this
 * machine's software adapters (Chromium: SwiftShader; Firefox: lavapipe), with the shipped model.
 * First icon: from navigation to the favicon (weights downloaded and hashed, kernels compiled, one
 * generation). Per step: the page's own "N steps in M ms" of the first generation and of the next
 * ones (warm pipelines), guided (cfg 3: two model forwards per step).
 *
 *   mvn -q -o -pl integration-tests test-compile exec:java -Dexec.mainClass=com.webdit.it.BrowserTimings \
 *       -Dexec.args="4 3"     (steps, generations; -Dbrowsers=Firefox for one browser)
 */
public final class BrowserTimings {
  private static final Pattern STEPS = Pattern.compile("(\\d+) steps in (\\d+) ms");

  public static void main(String[] args) throws Exception {
    int steps = args.length > 0 ? Integer.parseInt(args[0]) : 4;
    int generations = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    StringBuilder table = new StringBuilder("| browser | adapter | first icon | s per step, first generation | s per step, later |\n"
        + "|---|---|---|---|---|\n");
    for (Browser browser : Browser.selected()) {
      try (BrowserSession s = BrowserSession.start(browser, true)) {
        RemoteWebDriver d = s.driver;
        long start = System.nanoTime();
        d.get(s.server.url("/?seed=42&category=0&sampler=dpmpp2m&steps=" + steps + "&cfg=3&pause=600"));
        String state = PageState.awaitFinished(d);
        double firstIcon = (System.nanoTime() - start) / 1e9;
        if (!"ready".equals(state)) {
          throw new IllegalStateException(browser + ": the page ended in " + state + ": " + PageState.text(d, "#status"));
        }
        double first = secondsPerStep(browser, PageState.text(d, "#profile"));
        double later = 0;
        for (int g = 1; g < generations; g++) {
          long before = generations(d);
          d.findElement(By.id("generate")).click();
          new WebDriverWait(d, Duration.ofMinutes(10)).until(x -> generations(d) > before);
          later += secondsPerStep(browser, PageState.text(d, "#profile")) / (generations - 1);
        }
        String adapter = PageState.text(d, "#adapter").replace(" (a software adapter: your CPU emulating a GPU, so slow)", "");
        table.append(String.format(Locale.ROOT, "| %s | %s | %.1f s | %.2f | %s |%n", browser, adapter, firstIcon, first,
            generations > 1 ? String.format(Locale.ROOT, "%.2f", later) : "-"));
        System.out.println(browser + ": " + PageState.text(d, "#profile"));
      }
    }
    System.out.println("shipped model, " + steps + " steps, guided (cfg 3), " + Runtime.getRuntime().availableProcessors()
        + " cores\n" + table);
  }

  private static long generations(RemoteWebDriver d) {
    String n = PageState.attr(d, "body", "data-generations");
    return n.isEmpty() ? 0 : Long.parseLong(n);
  }

  private static double secondsPerStep(Browser browser, String profile) {
    Matcher m = STEPS.matcher(profile);
    if (!m.find()) {
      throw new IllegalStateException(browser + ": no \"N steps in M ms\" in the profile: " + profile);
    }
    return Double.parseDouble(m.group(2)) / 1000 / Integer.parseInt(m.group(1));
  }
}
