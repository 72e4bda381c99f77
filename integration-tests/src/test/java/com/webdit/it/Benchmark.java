package com.webdit.it;

import com.webdit.shared.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The benchmark behind ./bench: headless Chromium times, in the same page and run, the WebGPU
 * engine and the Java CPU reference compiled by GWT, for the same model, sampler and steps.
 * Prints a table and writes a CSV. Figures from SwiftShader (no GPU here) measure a CPU emulating
 * a GPU: they show the relative cost of the two paths on this machine, not real-GPU speed.
 *
 *   args: [--weights DIR] [--steps N] [--runs N] [--cpu-runs N] [--sampler S] [--cfg W] [--csv FILE]
 */
public final class Benchmark {
  public static void main(String[] args) throws Exception {
    Path weights = Path.of("weights"); // exec:java runs in the repository root
    int steps = 4;
    int runs = 5;
    int cpuRuns = 5;
    String sampler = "dpmpp2m";
    double cfg = 2.0;
    Path csv = Path.of("integration-tests/target/bench.csv");
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--weights" -> weights = Path.of(args[i + 1]);
        case "--steps" -> steps = Integer.parseInt(args[i + 1]);
        case "--runs" -> runs = Integer.parseInt(args[i + 1]);
        case "--cpu-runs" -> cpuRuns = Integer.parseInt(args[i + 1]);
        case "--sampler" -> sampler = args[i + 1];
        case "--cfg" -> cfg = Double.parseDouble(args[i + 1]);
        case "--csv" -> csv = Path.of(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    List<String> files;
    try (Stream<Path> list = Files.list(weights)) {
      files = list.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".safetensors")).sorted().toList();
    }
    List<String> rows = new ArrayList<>();
    rows.add("model_file,sampler,steps,cfg,path,runs,median_ms,ms_per_step,min_ms,max_ms,cold_ms,dispatches,bytes_read_back");
    try (BrowserSession session = BrowserSession.start(true, weights).onKernelTestPage()) {
      ChromeDriver driver = session.driver;
      driver.manage().timeouts().scriptTimeout(Duration.ofMinutes(30));
      {
        System.out.println("adapter: " + driver.executeAsyncScript("var done = arguments[0];"
            + "navigator.gpu.requestAdapter().then(a => done(a ? a.info.vendor + ' / ' + a.info.architecture : 'none'));"));
        for (String file : files) {
          String spec = "{\"weights\":\"/weights/" + file + "\",\"steps\":" + steps + ",\"runs\":" + runs + ",\"cpuRuns\":"
              + cpuRuns + ",\"sampler\":\"" + sampler + "\",\"cfg\":" + cfg + "}";
          String text = session.harness("bench", spec);
          if (text.startsWith("ERROR")) {
            throw new IllegalStateException(file + ": " + text);
          }
          Map<String, Object> r = Json.parseObject(text);
          for (String path : new String[] {"webgpu", "cpu-gwt"}) {
            List<Double> ms = times(r.get(path.equals("webgpu") ? "gpuMs" : "cpuMs"));
            double median = median(ms);
            rows.add(String.join(",", file, sampler, String.valueOf(steps), String.valueOf(cfg), path, String.valueOf(ms.size()),
                fmt(median), fmt(median / steps), fmt(Collections.min(ms)), fmt(Collections.max(ms)),
                path.equals("webgpu") ? fmt(((Number) r.get("coldMs")).doubleValue()) : "",
                path.equals("webgpu") ? String.valueOf(r.get("dispatches")) : "",
                path.equals("webgpu") ? fmt(((Number) r.get("bytesReadBack")).doubleValue()) : ""));
          }
          System.out.println(file + ": " + r.get("profile"));
        }
      }
    }
    Files.createDirectories(csv.toAbsolutePath().getParent());
    Files.write(csv, rows);
    printTable(rows);
    System.out.println("CSV: " + csv.toAbsolutePath());
  }

  @SuppressWarnings("unchecked")
  private static List<Double> times(Object list) {
    List<Double> out = new ArrayList<>();
    for (Object o : (List<Object>) list) {
      out.add(((Number) o).doubleValue());
    }
    return out;
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static String fmt(double v) {
    return String.format("%.1f", v);
  }

  private static void printTable(List<String> rows) {
    List<String[]> cells = rows.stream().map(r -> r.split(",", -1)).toList();
    int[] width = new int[cells.get(0).length];
    for (String[] c : cells) {
      for (int i = 0; i < c.length; i++) {
        width[i] = Math.max(width[i], c[i].length());
      }
    }
    for (String[] c : cells) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < c.length; i++) {
        sb.append(String.format("%-" + width[i] + "s  ", c[i]));
      }
      System.out.println(sb.toString().stripTrailing());
    }
  }
}
