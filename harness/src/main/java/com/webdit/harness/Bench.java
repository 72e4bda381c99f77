package com.webdit.harness;

import com.webdit.client.engine.DiTEngine;
import com.webdit.client.runtime.WeightDownload;
import com.webdit.shared.json.Json;
import com.webdit.shared.model.DiT;
import com.webdit.shared.model.WeightFile;
import com.webdit.shared.sampling.GuidanceInterval;
import com.webdit.shared.sampling.SampleRequest;
import com.webdit.shared.sampling.Sampler;
import com.webdit.shared.sampling.SamplerKind;
import elemental2.dom.DomGlobal;
import elemental2.promise.Promise;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The in-browser half of the benchmark (driven by com.webdit.it.Benchmark): for one model and
 * sampler setting, times the WebGPU engine and the Java CPU reference compiled by GWT, in the same
 * page: a cold run (engine build + first generation: the time to the first frame once the weights
 * are in memory), a warm-up, then `runs` timed generations each. Returns JSON with every time.
 */
final class Bench {
  private Bench() {}

  static Promise<String> run(String json) {
    Spec s = new Spec(json);
    String url = s.string("weights", "");
    int steps = s.integer("steps", 8);
    int runs = s.integer("runs", 5);
    int cpuRuns = s.integer("cpuRuns", runs);
    float cfg = (float) s.number("cfg", 2.0);
    SamplerKind sampler = SamplerKind.named(s.string("sampler", "dpmpp2m"));
    int seed = s.integer("seed", 1);
    int label = s.integer("label", 0);
    Map<String, Object> out = new LinkedHashMap<>();
    List<Object> gpuMs = new ArrayList<>();
    List<Object> cpuMs = new ArrayList<>();
    return KernelTests.gpu().then(g -> WeightDownload.fetch(url).then(bytes -> {
      WeightFile wf = WeightFile.open(bytes);
      out.put("model", wf.config().name());
      double t0 = DomGlobal.performance.now();
      return DiTEngine.create(g, wf, 1, cfg != 1f).then(engine ->
          engine.generate(new int[] {seed}, new int[] {label}, sampler, steps, cfg, GuidanceInterval.EVERY_STEP, true)
              .then(first -> {
            out.put("coldMs", DomGlobal.performance.now() - t0);
            out.put("gpuImage", numbers(first.finalImages)); // ./bench compares it with the JVM reference
            out.put("profile", first.profile.summary());
            out.put("softwareAdapter", Boolean.valueOf(first.profile.softwareAdapter()));
            out.put("dispatches", Long.valueOf(first.profile.dispatches()));
            out.put("forwards", Long.valueOf(first.profile.forwards()));
            out.put("bytesReadBack", first.profile.bytesReadBack());
            return timeGpu(engine, seed, label, sampler, steps, cfg, runs + 1, gpuMs);
          })).then(ignored -> {
            gpuMs.remove(0); // warm-up
            out.put("gpuMs", gpuMs);
            DiT cpu = new DiT(wf);
            Sampler cpuSampler = new Sampler(cpu::forward, cpu.config().imageValues(), cpu.config().nullLabel());
            for (int i = 0; i < cpuRuns + 1; i++) {
              double start = DomGlobal.performance.now();
              float[] image = cpuSampler.sample(new SampleRequest(seed, label, sampler, steps, cfg, GuidanceInterval.EVERY_STEP));
              if (i > 0) {
                cpuMs.add(DomGlobal.performance.now() - start);
              } else {
                out.put("cpuImage", numbers(image));
              }
            }
            out.put("cpuMs", cpuMs);
            return Promise.resolve(Json.write(out));
          });
    }));
  }

  private static List<Object> numbers(float[] values) {
    List<Object> out = new ArrayList<>();
    for (float v : values) {
      out.add(Double.valueOf(v));
    }
    return out;
  }

  private static Promise<Object> timeGpu(DiTEngine engine, int seed, int label, SamplerKind sampler, int steps, float cfg,
      int remaining, List<Object> times) {
    if (remaining == 0) {
      return Promise.resolve((Object) null);
    }
    double start = DomGlobal.performance.now();
    return engine.generate(new int[] {seed}, new int[] {label}, sampler, steps, cfg, GuidanceInterval.EVERY_STEP, false)
        .then(gen -> {
      times.add(DomGlobal.performance.now() - start);
      return timeGpu(engine, seed, label, sampler, steps, cfg, remaining - 1, times);
    });
  }
}
