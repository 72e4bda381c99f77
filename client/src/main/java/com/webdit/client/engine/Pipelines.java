package com.webdit.client.engine;

import com.webdit.client.dom.Yield;
import com.webdit.client.kernels.AttentionKernel;
import com.webdit.client.kernels.ConditionKernel;
import com.webdit.client.kernels.FinalStepKernel;
import com.webdit.client.kernels.GaussianNoiseKernel;
import com.webdit.client.kernels.Gpu;
import com.webdit.client.kernels.MatmulKernel.Epilogue;
import com.webdit.client.kernels.MatmulKernel.Prologue;
import com.webdit.client.kernels.MatmulKernel.WeightFormat;
import com.webdit.client.kernels.MatmulKernel;
import com.webdit.client.kernels.ToRgba8Kernel;
import com.webdit.client.webgpu.GPUComputePipeline;
import com.webdit.shared.model.DiTConfig;
import com.webdit.shared.model.WeightFile;
import elemental2.promise.Promise;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import jsinterop.base.Js;

/**
 * Every compiled pipeline a model needs, resolved up front so building the engine is synchronous.
 * Each is compiled with createComputePipelineAsync (PipelineCache) and cached per device, so
 * {@link #precompile} can warm the cache with a counted progress before the engine is built.
 */
public final class Pipelines {
  /** Compiled pipelines so far out of the total. */
  public interface Progress {
    void compiled(int done, int total);
  }

  private Progress progress;
  private int done;
  private int total;
  final GaussianNoiseKernel noise;
  final ConditionKernel condition = new ConditionKernel();
  final AttentionKernel attention;
  final FinalStepKernel finalStep;
  final ToRgba8Kernel rgba = new ToRgba8Kernel();
  GPUComputePipeline noisePipeline;
  GPUComputePipeline conditionPipeline;
  GPUComputePipeline attentionPipeline;
  GPUComputePipeline finalStepPipeline;
  GPUComputePipeline rgbaPipeline;
  private final Map<String, GPUComputePipeline> matmuls = new HashMap<>();

  private Pipelines(Gpu gpu, DiTConfig c) {
    noise = new GaussianNoiseKernel(64, (int) gpu.device.getLimits().getMaxComputeInvocationsPerWorkgroup());
    attention = new AttentionKernel(c.headDim(), 64, gpu.device.getLimits().getMaxComputeWorkgroupStorageSize());
    finalStep = new FinalStepKernel(c.finalConv());
  }

  GPUComputePipeline matmul(MatmulKernel k) {
    GPUComputePipeline p = matmuls.get(k.cacheKey());
    if (p == null) {
      throw new IllegalStateException("matmul variant " + k.cacheKey() + " was not compiled");
    }
    return p;
  }

  /** Compiles every pipeline the model needs, reporting each one as it finishes. */
  public static Promise<Object> precompile(Gpu gpu, WeightFile wf, Progress progress) {
    return compile(gpu, wf, progress).then(p -> Promise.resolve((Object) null));
  }

  static Promise<Pipelines> compile(Gpu gpu, WeightFile wf) {
    return compile(gpu, wf, null);
  }

  private static Promise<Pipelines> compile(Gpu gpu, WeightFile wf, Progress progress) {
    Pipelines p = new Pipelines(gpu, wf.config());
    p.progress = progress;
    List<Supplier<Promise<Object>>> all = new ArrayList<>();
    all.add(() -> p.noise.pipeline(gpu).then(x -> p.set(() -> p.noisePipeline = x)));
    all.add(() -> p.condition.pipeline(gpu).then(x -> p.set(() -> p.conditionPipeline = x)));
    all.add(() -> p.attention.pipeline(gpu).then(x -> p.set(() -> p.attentionPipeline = x)));
    all.add(() -> p.finalStep.pipeline(gpu).then(x -> p.set(() -> p.finalStepPipeline = x)));
    all.add(() -> p.rgba.pipeline(gpu).then(x -> p.set(() -> p.rgbaPipeline = x)));
    Object[][] variants = {
        {Prologue.NONE, Epilogue.SILU}, {Prologue.NONE, Epilogue.BIAS}, {Prologue.PATCHIFY, Epilogue.POSITIONAL},
        {Prologue.LAYER_NORM_MODULATE, Epilogue.BIAS}, {Prologue.NONE, Epilogue.GATED_RESIDUAL},
        {Prologue.LAYER_NORM_MODULATE, Epilogue.GELU}, {Prologue.CONCAT, Epilogue.BIAS}};
    for (WeightFormat f : DiTEngine.matmulFormats(wf)) {
      for (Object[] v : variants) {
        if (v[0] == Prologue.CONCAT && !wf.config().longSkips()) {
          continue; // the long skips' fused matmul: only a model with them compiles it
        }
        MatmulKernel k = new MatmulKernel(f, (Prologue) v[0], (Epilogue) v[1]);
        all.add(() -> k.pipeline(gpu).then(x -> p.set(() -> p.matmuls.put(k.cacheKey(), x))));
      }
    }
    p.total = all.size();
    return startEach(all, 0, new ArrayList<>()).then(started -> {
      @SuppressWarnings("unchecked")
      Promise<Object>[] array = started.toArray(new Promise[0]);
      Promise<Object> done = Js.uncheckedCast(Promise.all(array));
      return done.then(ignored -> Promise.resolve(p));
    });
  }

  /**
   * Starts one compilation per main-thread task: creating a shader module and its pipeline costs
   * the page a few ms each ({@link #compile} lists 11 for a shipped file: five kernels, then six
   * matmul variants (seven with long skips) in the one weight format its matrices use; a file mixing formats gets six per
   * format), and all of them in one task would be the longest task when the embed starts. The GPU
   * process still compiles them side by side.
   */
  private static Promise<List<Promise<Object>>> startEach(List<Supplier<Promise<Object>>> compilations, int next,
      List<Promise<Object>> started) {
    if (next == compilations.size()) {
      return Promise.resolve(started);
    }
    started.add(compilations.get(next).get());
    return Yield.toPage().then(ignored -> startEach(compilations, next + 1, started));
  }

  private Promise<Object> set(Runnable r) {
    r.run();
    done++;
    if (progress != null) {
      progress.compiled(done, total);
    }
    return Promise.resolve((Object) null);
  }
}
