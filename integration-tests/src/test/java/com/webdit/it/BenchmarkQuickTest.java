package com.webdit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.webdit.it.Benchmark.Options;
import com.webdit.it.Benchmark.Sample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ./bench --quick: its options, and a CSV that has a row for every runtime. No browser. */
class BenchmarkQuickTest {
  @Test
  void quickIsOneTimedRoundOfOneStepWithoutAWarmUpRound() {
    Options quick = Options.parse("--quick");
    assertEquals(List.of(1, 1, 0), List.of(quick.steps(), quick.rounds(), quick.warmups()), "steps, rounds, warm-ups of --quick");
    Options full = Options.parse();
    assertEquals(List.of(4, 5, 1), List.of(full.steps(), full.rounds(), full.warmups()), "steps, rounds, warm-ups of ./bench");
  }

  @Test
  void quickRefusesStepsRoundsAndServe() {
    for (List<String> args : List.of(List.of("--quick", "--steps", "4"), List.of("--rounds", "3", "--quick"), List.of("--quick", "--serve"))) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Options.parse(args.toArray(String[]::new)),
          String.join(" ", args));
      assertTrue(e.getMessage().startsWith("--quick runs one round of one step here"), e.getMessage());
    }
  }

  @Test
  void everyOptionOfTheUsageParsesAndNoOtherDoes() {
    List<String> valued = Options.valued();
    assertTrue(valued.containsAll(List.of("--weights", "--onnx", "--steps", "--rounds", "--threads", "--cfg", "--out", "--browser",
        "--chromedriver", "--gpu-flags", "--port")), "value options read from USAGE: " + valued);
    for (String name : valued) {
      String value = name.equals("--steps") || name.equals("--rounds") ? "2" : "x";
      assertEquals(value, Options.parse(name, value).given().get(name), name);
    }
    for (String flag : Benchmark.FLAGS) {
      assertTrue(Benchmark.USAGE.contains(flag + " "), flag + " is not in USAGE");
      assertEquals("true", Options.parse(flag).given().get(flag), flag);
    }
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> Options.parse("--quik"));
    assertTrue(unknown.getMessage().startsWith("unknown option --quik"), unknown.getMessage());
    IllegalArgumentException noValue = assertThrows(IllegalArgumentException.class, () -> Options.parse("--quick", "--threads"));
    assertTrue(noValue.getMessage().startsWith("--threads needs a value"), noValue.getMessage());
  }

  @Test
  void theTableHasARowForEveryRuntimeWhenARoundFailedPartWay() {
    Map<String, Object> status = new LinkedHashMap<>();
    for (String runtime : List.of("ort-webgpu", "ort-wasm", "tfjs-webgpu", "webdit-engine", "gwt-cpu", "server-cpu", "jvm-reference")) {
      status.put(runtime, Map.of("status", "ok", "maxDiff", 1e-6));
    }
    status.put("tfjs-webgpu", Map.of("status", "failed: no WebGPU backend"));
    // The browser's part of the round failed; the JVM parts ran.
    List<Sample> samples = List.of(
        new Sample("server-cpu", "JVM (FastDiT)", "1", 40.0, 45.0, null, "none (in memory)", 1e-6),
        new Sample("server-cpu", "JVM (FastDiT)", "2", 50.0, 55.0, null, "none (in memory)", 1e-6),
        new Sample("jvm-reference", "JVM (shared DiT)", "1", 550.0, 575.0, null, "none (in memory)", 0.0));
    List<String> rows = Benchmark.table(samples, status, 1, "round 0 failed: browser gone");

    assertEquals("runtime,backend,threads,rounds,ms_per_forward,ms_per_step,steps,ms_per_loop,readbacks,dispatches_per_step,"
        + "max_abs_diff,status", rows.get(0));
    List<String> runtimes = rows.stream().skip(1).map(r -> r.split(",", -1)[0] + "/" + r.split(",", -1)[2]).toList();
    assertEquals(List.of("server-cpu/1", "server-cpu/2", "jvm-reference/1", "ort-webgpu/", "ort-wasm/", "tfjs-webgpu/",
        "webdit-engine/", "gwt-cpu/"), runtimes, "rows:\n" + String.join("\n", rows));
    for (String row : rows.subList(1, rows.size())) {
      assertEquals(12, row.split(",", -1).length, "columns of " + row);
    }
    assertTrue(rows.get(4).endsWith(",not timed: round 0 failed: browser gone"), rows.get(4));
    assertTrue(rows.get(6).endsWith(",failed: no WebGPU backend"), rows.get(6));
    assertEquals("server-cpu,JVM (FastDiT),1,1,40.0,45.0,1,45.0,none (in memory),,1.0e-06,ok", rows.get(1));
  }

  /** The real runner, without a browser: the quick bench's CSV has every JVM row, timed once at one step. */
  @Test
  void quickServerOnlyWritesEveryJvmRowOnce(@TempDir Path out) throws Exception {
    Path weights;
    try (Stream<Path> files = Files.list(Path.of("../weights"))) {
      weights = files.filter(p -> p.getFileName().toString().matches("webdit-.*-f16-.*\\.safetensors")).sorted().findFirst()
          .orElseThrow();
    }
    Benchmark.main(new String[] {"--quick", "--server-only", "--weights", weights.toString(), "--out", out.toString()});

    List<String> rows = Files.readAllLines(out.resolve("bench.csv"));
    List<String> got = new ArrayList<>();
    for (String row : rows.subList(1, rows.size())) {
      String[] c = row.split(",", -1);
      got.add(c[0] + "/" + c[2] + " rounds " + c[3] + " steps " + c[6] + " " + c[11]);
    }
    assertEquals(List.of("server-cpu/1 rounds 1 steps 1 ok", "server-cpu/2 rounds 1 steps 1 ok",
        "jvm-reference/1 rounds 1 steps 1 ok"), got, "bench.csv:\n" + String.join("\n", rows));
  }
}
