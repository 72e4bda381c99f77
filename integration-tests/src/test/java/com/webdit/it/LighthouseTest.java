package com.webdit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The product page loads fast: Lighthouse 12.2.3 (integration-tests/lighthouse, pinned, installed by
 * ./run-tests) on / of the built jar, in headless Chromium, default mobile profile (simulated
 * throttling: a Moto G Power on slow 4G, CPU slowdown 4). Performance at least 0.95 as the median
 * of three runs, total blocking time at most 100 ms (median), and accessibility, best practices
 * and SEO 1.0 in every run.
 *
 * <p>Why it cannot flake on a busy machine: run.mjs splits each run into gather and audit and, in
 * between, shrinks every task of the page's main thread to the CPU time it ran (the trace records
 * both), so time that other processes took from the page is not simulated as the page's work. On
 * this 2-core machine at a load of 12 the page's main thread ran a quarter of its tasks' wall time.
 * Retry rule: a run that Lighthouse reports as invalid (a runtimeError: the page did not load or
 * paint) is run again, at most {@link #MAX_INVALID} times in all; the thresholds are never retried.
 */
class LighthouseTest {
  static final Path JAR = Path.of("../server/target/webdit-server.jar");
  static final Path RUN = Path.of("lighthouse/run.mjs");
  static final Path CLI = Path.of("target/lighthouse-web/node_modules/lighthouse/cli/index.js");
  static final int RUNS = 3;
  static final int MAX_INVALID = 3;

  @Test
  void theProductPageIsFastAccessibleAndFindable() throws Exception {
    assertTrue(Files.isRegularFile(CLI), "Lighthouse is not installed at " + CLI.toAbsolutePath()
        + " (./run-tests installs integration-tests/lighthouse/package-lock.json into integration-tests/target/lighthouse-web)");
    assertTrue(Files.isRegularFile(JAR), "no built jar at " + JAR.toAbsolutePath() + " (mvn package builds it)");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    // The tiny test model: the server's own CPU work for the page's favicons stays out of the browser's timings.
    Process server = new ProcessBuilder("java", "-jar", JAR.toString(), "--port", String.valueOf(port), "--weights",
        LiveServer.TEST_WEIGHTS.toString()).redirectErrorStream(true).redirectOutput(Path.of("target/lighthouse-server.log")
        .toFile()).start();
    try {
      String url = "http://localhost:" + port + "/";
      awaitUp(url + "api/models");
      List<Map<String, Double>> runs = new ArrayList<>();
      List<String> lines = new ArrayList<>();
      int invalid = 0;
      while (runs.size() < RUNS) {
        Map<String, Double> run = run(url, Path.of("target/lighthouse-run-" + (runs.size() + invalid)));
        lines.add(String.valueOf(run));
        if (run.get("runtimeError") != 0) {
          invalid++;
          assertTrue(invalid <= MAX_INVALID, "Lighthouse could not load the page in " + invalid + " runs: " + lines);
          continue;
        }
        runs.add(run);
      }
      String all = "Lighthouse runs (node " + RUN + " " + url + " DIR): " + lines;
      System.out.println(all);
      assertTrue(median(runs, "performance") >= 0.95, "median performance below 0.95; " + all);
      assertTrue(median(runs, "tbt") <= 100, "median total blocking time above 100 ms; " + all);
      for (Map<String, Double> r : runs) {
        assertEquals(1.0, r.get("accessibility"), "accessibility; " + all);
        assertEquals(1.0, r.get("best-practices"), "best practices; " + all);
        assertEquals(1.0, r.get("seo"), "SEO; " + all);
      }
    } finally {
      server.destroy();
      server.waitFor(10, TimeUnit.SECONDS);
    }
  }

  static double median(List<Map<String, Double>> runs, String key) {
    return runs.stream().mapToDouble(r -> r.get(key)).sorted().toArray()[runs.size() / 2];
  }

  /** One calibrated run: run.mjs's line of key=value figures. */
  private static Map<String, Double> run(String url, Path work) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder("node", RUN.toString(), url, work.toString()).redirectErrorStream(true);
    pb.environment().put("CHROME_PATH", Browsers.CHROMIUM);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(5, TimeUnit.MINUTES) && p.exitValue() == 0, "run.mjs failed: " + out);
    String last = out.strip().substring(out.strip().lastIndexOf('\n') + 1);
    Map<String, Double> figures = new LinkedHashMap<>();
    for (String pair : last.split(" ")) {
      String[] kv = pair.split("=", 2);
      figures.put(kv[0], Double.parseDouble(kv[1]));
    }
    return figures;
  }

  private static void awaitUp(String url) throws InterruptedException {
    HttpClient http = HttpClient.newHttpClient();
    for (int i = 0; i < 120; i++) {
      try {
        if (http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
            .statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(500);
    }
    throw new AssertionError("the jar's server did not answer " + url + " within a minute");
  }
}
