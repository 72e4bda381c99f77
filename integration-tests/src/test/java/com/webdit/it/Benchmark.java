package com.webdit.it;

import com.webdit.server.render.CpuRenderer;
import com.webdit.server.render.FastDiT;
import com.webdit.shared.json.Json;
import com.webdit.shared.model.DiT;
import com.webdit.shared.model.WeightFile;
import com.webdit.shared.fixtures.Compare;
import com.webdit.shared.rng.Gaussian;
import com.webdit.shared.sampling.GuidanceInterval;
import com.webdit.shared.sampling.SampleRequest;
import com.webdit.shared.sampling.SamplerKind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The benchmark behind ./bench. One headless Chromium page (integration-tests/bench/bench.html,
 * served with the product's assets by {@link BenchServer}) runs the same model on WebDiT's WebGPU
 * engine, its GWT-compiled CPU path, ONNX Runtime Web (WebGPU and WASM) and TensorFlow.js
 * (WebGPU); this JVM runs the server's renderers (the fast one at 1 and N threads, and the
 * readable reference it replaced). Rounds interleave all of them (each round rotates the order);
 * round 0 is a warm-up; the table gives medians ({@code --quick}: one timed round of one step, no
 * warm-up round). Every runtime is first checked against the Java reference on the same input (a
 * guided step's two images); one that disagrees is reported, not timed. Writes a CSV with a row
 * for every runtime and a chart; prints the table, the adapter and the load average.
 *
 * <p>On a machine without a GPU, Chromium's WebGPU is SwiftShader (a CPU emulating a GPU): every
 * WebGPU runtime is then about equally slow, and the figures cannot rank GPU kernels. Run it on a
 * machine with a GPU for that ({@code --browser}, {@code --headed}, or {@code --serve} and open the
 * page in a desktop browser: docs/ENGINE.md).
 */
public final class Benchmark {
  static final String USAGE = """
      ./bench [options]      time WebDiT against ONNX Runtime Web, TF.js and the server's CPU renderers
        --weights FILE       the weight file (default: the shipped fp16 file in weights/)
        --onnx FILE          its ONNX export (default integration-tests/target/bench-web/model.onnx, made by ./bench)
        --steps N            steps per multi-step loop (default 4)
        --rounds N           timed rounds after one warm-up round (default 5)
        --threads N          threads for ORT-web WASM and the server renderer's N-thread row (default 2)
        --cfg W              guidance scale of the loops (default 3)
        --out DIR            where bench.csv and bench.png go (default integration-tests/target)
        --browser PATH       a Chrome/Chromium binary (default /usr/bin/chromium); needs a matching chromedriver
        --chromedriver PATH  the driver for it (default /usr/bin/chromedriver)
        --headed             a visible window (a real GPU on a desktop; headless may still fall back to SwiftShader)
        --gpu-flags "..."    extra Chromium flags, e.g. "--use-angle=vulkan --enable-features=Vulkan"
        --serve [--port N]   only serve the page: open http://localhost:N/bench.html in any browser, press Run
        --server-only        only the JVM rows (no browser): with --steps 12, ms per loop is ms per default favicon
        --quick              every row in one round of one step, no warm-up round: a quick before/after
        --help               this text (runs nothing)
      """;

  /** Options that take no value; every other option in {@link #USAGE} takes one. */
  static final List<String> FLAGS = List.of("--serve", "--headed", "--server-only", "--quick", "--help");

  /**
   * What ./bench was asked for: the options as given, and the rounds it runs. --quick is one timed
   * round of one step and no warm-up round (each runtime still warms up once before its timing:
   * bench.js's init, the engine harness, the JVM rows' first forward).
   */
  record Options(Map<String, String> given, int steps, int rounds, int warmups) {
    static Options parse(String... args) {
      Map<String, String> o = new LinkedHashMap<>();
      for (int i = 0; i < args.length; i++) {
        String a = args[i].equals("-h") ? "--help" : args[i];
        if (FLAGS.contains(a)) {
          o.put(a, "true");
        } else if (valued().contains(a) && i + 1 < args.length) {
          o.put(a, args[++i]);
        } else {
          throw new IllegalArgumentException((valued().contains(a) ? a + " needs a value" : "unknown option " + a)
              + "\n" + USAGE);
        }
      }
      boolean quick = o.containsKey("--quick");
      for (String fixed : List.of("--steps", "--rounds", "--serve")) {
        if (quick && o.containsKey(fixed)) {
          throw new IllegalArgumentException("--quick runs one round of one step here: leave out " + fixed);
        }
      }
      return new Options(o, quick ? 1 : positive(o, "--steps", 4), quick ? 1 : positive(o, "--rounds", 5), quick ? 0 : 1);
    }

    /** The options of {@link #USAGE} that take a value. */
    static List<String> valued() {
      return USAGE.lines().map(String::strip).filter(l -> l.startsWith("--"))
          .flatMap(l -> Pattern.compile("--[a-z-]+").matcher(l.split("  ")[0]).results().map(MatchResult::group))
          .filter(n -> !FLAGS.contains(n)).toList();
    }

    private static int positive(Map<String, String> o, String name, int otherwise) {
      int n = Integer.parseInt(o.getOrDefault(name, String.valueOf(otherwise)));
      if (n < 1) {
        throw new IllegalArgumentException(name + " must be at least 1, not " + n);
      }
      return n;
    }
  }

  public static void main(String[] args) throws Exception {
    Options opts = Options.parse(args);
    Map<String, String> o = opts.given();
    if (o.containsKey("--help")) {
      System.out.print(USAGE);
      return;
    }
    Path weights = o.containsKey("--weights") ? Path.of(o.get("--weights")) : shippedF16();
    Path web = Path.of("integration-tests/target/bench-web");
    Path onnx = Path.of(o.getOrDefault("--onnx", web.resolve("model.onnx").toString()));
    int threads = Integer.parseInt(o.getOrDefault("--threads", "2"));
    float cfg = Float.parseFloat(o.getOrDefault("--cfg", "3"));
    Path out = Path.of(o.getOrDefault("--out", "integration-tests/target"));

    WeightFile wf = WeightFile.open(Files.readAllBytes(weights));
    Case c = Case.of(wf, weights.getFileName().toString());
    try (BenchServer server = new BenchServer("localhost", Integer.parseInt(o.getOrDefault("--port", "0")),
        Path.of("integration-tests/bench"), web, onnx, weights.toAbsolutePath().getParent())) {
      server.setCase(c.json().getBytes(StandardCharsets.UTF_8));
      if (o.containsKey("--serve")) {
        System.out.println("Serving the benchmark page: open " + server.url("/bench.html")
            + " in a browser with WebGPU and press Run (Ctrl-C stops).");
        Thread.currentThread().join();
      }
      run(server, opts, wf, c, threads, cfg, out);
    }
  }

  private static Path shippedF16() throws Exception {
    try (Stream<Path> files = Files.list(Path.of("weights"))) {
      return files.filter(p -> p.getFileName().toString().matches("webdit-.*-f16-.*\\.safetensors")).sorted()
          .findFirst().orElseThrow(() -> new IllegalStateException("no fp16 weight file in weights/: give --weights"));
    }
  }

  /** A guided step's input: one image twice (cond label 0, the null label), and the Java reference's v for it. */
  record Case(WeightFile wf, String file, float[] x, float t, int[] labels, float[][] v) {
    static Case of(WeightFile wf, String file) {
      int values = wf.config().imageValues();
      float[] x = new float[values];
      Gaussian.fill(1, 0, x);
      float t = 0.75f;
      int[] labels = {0, wf.config().nullLabel()};
      DiT ref = new DiT(wf);
      return new Case(wf, file, x, t, labels, new float[][] {ref.forward(x, t, labels[0]), ref.forward(x, t, labels[1])});
    }

    String json() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("weights", "/weights/" + file);
      m.put("channels", wf.config().channels());
      m.put("size", wf.config().imageSize());
      m.put("t", List.of((double) t, (double) t));
      m.put("y", List.of(labels[0], labels[1]));
      m.put("x", numbers(x, x));
      m.put("v", numbers(v[0], v[1]));
      return Json.write(m);
    }

    private static List<Object> numbers(float[] a, float[] b) {
      List<Object> out = new ArrayList<>(a.length + b.length);
      for (float f : a) {
        out.add((double) f);
      }
      for (float f : b) {
        out.add((double) f);
      }
      return out;
    }
  }

  /** One measurement of one runtime in one round. */
  record Sample(String runtime, String backend, String threads, Double forwardMs, double stepMs, Double dispatchesPerStep,
      String readbacks, Double maxDiff) {}

  private static void run(BenchServer server, Options opts, WeightFile wf, Case c, int threads, float cfg, Path out)
      throws Exception {
    Map<String, String> o = opts.given();
    int steps = opts.steps();
    String loadBefore = loadAverage();
    boolean browser = !o.containsKey("--server-only");
    ChromeDriver driver = browser ? Browsers.chromium(true, o.get("--browser"), o.get("--chromedriver"),
        o.containsKey("--headed"), o.getOrDefault("--gpu-flags", ""), Duration.ofMinutes(30)) : null;
    List<Sample> samples = new ArrayList<>();
    String failure = null;
    Map<String, Object> status;
    Map<String, Object> info;
    try (CpuRenderer fast1 = CpuRenderer.fast(wf, 1); CpuRenderer fastN = CpuRenderer.fast(wf, threads);
        CpuRenderer ref = new CpuRenderer(new DiT(wf))) {
      String spec = Json.write(Map.of("weights", "/weights/" + c.file(), "steps", steps, "threads", threads, "cfg", (double) cfg));
      String startJson = "{\"info\": {\"adapter\": \"(no browser: --server-only)\"}, \"status\": {}}";
      if (browser) {
        driver.manage().timeouts().scriptTimeout(Duration.ofMinutes(30));
        driver.get(server.url("/bench.html"));
        startJson = String.valueOf(driver.executeAsyncScript(
            "var done = arguments[arguments.length - 1]; webditBench.init(arguments[0]).then(done, e => done(JSON.stringify("
                + "{info: {}, status: {page: {status: 'failed: ' + e}}})));", spec));
      }
      Map<String, Object> start = Json.parseObject(startJson);
      @SuppressWarnings("unchecked")
      Map<String, Object> i0 = (Map<String, Object>) start.get("info");
      @SuppressWarnings("unchecked")
      Map<String, Object> s0 = (Map<String, Object>) start.get("status");
      info = i0;
      status = new LinkedHashMap<>(s0);
      System.out.println("browser: " + info);
      double fastDiff = fastDiff(wf, c);
      status.put("server-cpu", Map.of("status", fastDiff <= 2e-3 ? "ok" : "disagrees", "maxDiff", fastDiff));
      status.put("jvm-reference", Map.of("status", "ok", "maxDiff", 0.0));
      SampleRequest oneStep = new SampleRequest(1, c.labels()[0], SamplerKind.DPMPP_2M, 1, cfg, GuidanceInterval.EVERY_STEP);
      // Guidance on every step: every runtime of the table does the same work per step.
      SampleRequest loop = new SampleRequest(1, c.labels()[0], SamplerKind.DPMPP_2M, steps, cfg, GuidanceInterval.EVERY_STEP);
      int[] round = {0};
      // The engine and the GWT path run whole generations: their images are compared with this one.
      float[] refImage = ref.sample(loop);
      List<Runnable> parts = new ArrayList<>(List.of(
          () -> samples.add(jvm("server-cpu", "JVM (FastDiT)", 1, fast1, oneStep, loop, steps, fastDiff)),
          () -> samples.add(jvm("server-cpu", "JVM (FastDiT)", threads, fastN, oneStep, loop, steps, fastDiff)),
          () -> samples.add(jvm("jvm-reference", "JVM (shared DiT)", 1, ref, oneStep, loop, steps, 0.0))));
      if (browser) {
        parts.add(0, () -> samples.addAll(browserRound(driver, round[0], refImage)));
      }
      int warmups = opts.warmups();
      for (int r = 0; r < warmups + opts.rounds(); r++) {
        round[0] = r;
        int before = samples.size();
        boolean failed = false;
        for (int j = 0; j < parts.size(); j++) {
          try {
            parts.get((r + j) % parts.size()).run();
          } catch (RuntimeException e) {
            // A runtime that fails (a browser gone, a timeout) is reported on its rows; the others
            // finish this round and keep what they measured, and no further round starts.
            failure = "round " + r + " failed: " + e;
            failed = true;
          }
        }
        if (r < warmups) {
          samples.subList(before, samples.size()).clear();
        }
        System.out.println("round " + r + (r < warmups ? " (warm-up)" : "") + (failed ? " failed: " + failure : " done")
            + ", load " + loadAverage());
        if (failed) {
          break;
        }
      }
    } finally {
      if (driver != null) {
        driver.quit();
      }
    }
    String loadAfter = loadAverage();
    List<String> rows = table(samples, status, steps, failure);
    Files.createDirectories(out);
    Path csv = out.resolve("bench.csv");
    Files.write(csv, rows);
    printTable(rows);
    String adapter = String.valueOf(info.get("adapter"));
    System.out.println("adapter: " + adapter + (Boolean.TRUE.equals(info.get("fallbackAdapter")) ? " (fallback adapter)" : "")
        + "; crossOriginIsolated: " + info.get("crossOriginIsolated") + "; JVM cores: " + Runtime.getRuntime().availableProcessors());
    System.out.println("load average before: " + loadBefore + "; after: " + loadAfter);
    for (Map.Entry<String, Object> e : status.entrySet()) {
      if (!String.valueOf(e.getValue()).contains("status=ok")) {
        System.out.println("not timed: " + e.getKey() + " " + e.getValue());
      }
    }
    System.out.println("CSV: " + csv.toAbsolutePath());
    chart(csv, out.resolve("bench.png"), adapter + " | load " + loadBefore.split(" ")[0] + " -> " + loadAfter.split(" ")[0]
        + " on " + Runtime.getRuntime().availableProcessors() + " cores");
  }

  /** max |FastDiT - reference| on the case input. */
  private static double fastDiff(WeightFile wf, Case c) {
    FastDiT fast = new FastDiT(wf);
    float[][] v = new float[2][c.x().length];
    fast.forward(new float[][] {c.x(), c.x()}, new float[] {c.t(), c.t()}, c.labels(), 2, v, fast.workspace(2));
    return Math.max(Compare.maxAbsDiff(c.v()[0], v[0]), Compare.maxAbsDiff(c.v()[1], v[1]));
  }

  /**
   * A JVM renderer: a one-step guided sample is one batch-2 forward (plus a 4,096-value update),
   * the median of three back to back (a single one mostly measured how long a woken thread waits
   * for a core on a loaded machine); then the loop.
   */
  private static Sample jvm(String name, String backend, int threads, CpuRenderer r, SampleRequest oneStep, SampleRequest loop,
      int steps, double diff) {
    try {
      List<Double> forward = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        long t0 = System.nanoTime();
        r.sample(oneStep);
        forward.add((System.nanoTime() - t0) / 1e6);
      }
      long t1 = System.nanoTime();
      r.sample(loop);
      long t2 = System.nanoTime();
      return new Sample(name, backend, String.valueOf(threads), median(forward), (t2 - t1) / 1e6 / steps, null,
          "none (in memory)", diff);
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static List<Sample> browserRound(ChromeDriver driver, int index, float[] refImage) {
    String text = String.valueOf(driver.executeAsyncScript("var done = arguments[arguments.length - 1];"
        + "webditBench.round(arguments[0]).then(done, e => done('ERROR ' + e));", index));
    if (text.startsWith("ERROR")) {
      throw new IllegalStateException("browser round failed: " + text);
    }
    List<Sample> out = new ArrayList<>();
    for (Object o : (List<Object>) Json.parse(text)) {
      Map<String, Object> m = (Map<String, Object>) o;
      String name = (String) m.get("runtime");
      String backend = name.equals("gwt-cpu") ? "JS (GWT)" : String.valueOf(m.getOrDefault("backend", "WebGPU"));
      out.add(new Sample(name, backend, String.valueOf(m.getOrDefault("threads", "")), number(m.get("forwardMs")),
          number(m.get("stepMs")), number(m.get("dispatchesPerStep")),
          String.valueOf(m.getOrDefault("readbacks", "once per generation")),
          m.get("image") instanceof List<?> image ? imageDiff(refImage, image) : number(m.get("maxDiff"))));
    }
    return out;
  }

  private static Double imageDiff(float[] ref, List<?> image) {
    float[] got = new float[image.size()];
    for (int i = 0; i < got.length; i++) {
      got[i] = ((Number) image.get(i)).floatValue();
    }
    return Compare.maxAbsDiff(ref, got);
  }

  private static Double number(Object o) {
    return o instanceof Number n ? n.doubleValue() : null;
  }

  /**
   * CSV rows: one per runtime (and thread count), medians over the timed rounds; then every runtime
   * of {@code status} that has no timed row, with why: its own status, or the failure that stopped
   * the rounds before it was timed.
   */
  static List<String> table(List<Sample> samples, Map<String, Object> status, int steps, String failure) {
    Map<String, List<Sample>> by = new LinkedHashMap<>();
    for (Sample s : samples) {
      by.computeIfAbsent(s.runtime() + "|" + s.threads(), k -> new ArrayList<>()).add(s);
    }
    List<String> rows = new ArrayList<>();
    rows.add("runtime,backend,threads,rounds,ms_per_forward,ms_per_step,steps,ms_per_loop,readbacks,dispatches_per_step,"
        + "max_abs_diff,status");
    for (List<Sample> list : by.values()) {
      Sample s = list.get(0);
      List<Double> fwd = list.stream().map(Sample::forwardMs).filter(d -> d != null).toList();
      List<Double> step = list.stream().map(Sample::stepMs).toList();
      Object diff = s.maxDiff() != null ? s.maxDiff() : statusDiff(status.get(s.runtime()));
      rows.add(String.join(",", s.runtime(), s.backend(), s.threads(), String.valueOf(list.size()),
          fwd.isEmpty() ? "" : fmt(median(fwd)), fmt(median(step)), String.valueOf(steps), fmt(median(step) * steps),
          s.readbacks(),
          s.dispatchesPerStep() == null ? "" : fmt(s.dispatchesPerStep()),
          diff == null ? "" : String.format(Locale.ROOT, "%.1e", ((Number) diff).doubleValue()), "ok"));
    }
    for (Map.Entry<String, Object> e : status.entrySet()) {
      if (by.keySet().stream().noneMatch(k -> k.startsWith(e.getKey() + "|"))) {
        String text = e.getValue() instanceof Map<?, ?> m ? String.valueOf(m.get("status")) : String.valueOf(e.getValue());
        if (text.equals("ok")) {
          text = "not timed: " + (failure != null ? failure : "no timed round");
        }
        Object diff = statusDiff(e.getValue());
        rows.add(String.join(",", e.getKey(), "", "", "0", "", "", String.valueOf(steps), "", "", "",
            diff == null ? "" : String.format(Locale.ROOT, "%.1e", ((Number) diff).doubleValue()),
            text.replace(',', ';').replace('\n', ' ')));
      }
    }
    return rows;
  }

  @SuppressWarnings("unchecked")
  private static Object statusDiff(Object status) {
    return status instanceof Map<?, ?> m ? ((Map<String, Object>) m).get("maxDiff") : null;
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (Exception e) {
      return "n/a";
    }
  }

  private static void chart(Path csv, Path png, String title) {
    String python = System.getenv().getOrDefault("PYTHON", "/usr/bin/python3");
    try {
      Process p = new ProcessBuilder(python, "integration-tests/bench/chart.py", csv.toString(), png.toString(), title)
          .inheritIO().start();
      if (p.waitFor() == 0) {
        System.out.println("chart: " + png.toAbsolutePath());
      } else {
        System.out.println("no chart: " + python + " integration-tests/bench/chart.py failed (matplotlib installed?)");
      }
    } catch (Exception e) {
      System.out.println("no chart: " + e.getMessage());
    }
  }

  private static void printTable(List<String> rows) {
    List<String[]> cells = rows.stream().map(r -> r.split(",", -1)).toList();
    int[] width = new int[cells.get(0).length];
    for (String[] c : cells) {
      for (int i = 0; i < c.length && i < width.length; i++) {
        width[i] = Math.max(width[i], c[i].length());
      }
    }
    for (String[] c : cells) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < c.length; i++) {
        sb.append(String.format("%-" + width[Math.min(i, width.length - 1)] + "s  ", c[i]));
      }
      System.out.println(sb.toString().stripTrailing());
    }
  }
}
