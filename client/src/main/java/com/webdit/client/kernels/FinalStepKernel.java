package com.webdit.client.kernels;

import com.webdit.client.gpu.GPUBuffer;
import com.webdit.client.gpu.GPUComputePipeline;
import elemental2.promise.Promise;
import jsinterop.base.JsPropertyMap;

/**
 * wgsl/final_step.wgsl: unpatchify + final_conv + classifier-free guidance + the sampler update,
 * one invocation per pixel value. Per-step scalars arrive in the Step uniform
 * ({@code com.webdit.shared.sampling.StepCoefficients}).
 */
public final class FinalStepKernel {
  public static final String FILE = "final_step";
  private static final int WORKGROUP_SIZE = 64;
  /** Words in the Gen and Step uniforms. */
  public static final int GEN_WORDS = 8;
  public static final int STEP_WORDS = 8;

  private final boolean finalConv;

  public FinalStepKernel(boolean finalConv) {
    this.finalConv = finalConv;
  }

  public String cacheKey() {
    return FILE + "|FINAL_CONV=" + finalConv;
  }

  public Promise<GPUComputePipeline> pipeline(Gpu gpu) {
    JsPropertyMap<Double> c = JsPropertyMap.of();
    c.set("WORKGROUP_SIZE", (double) WORKGROUP_SIZE);
    c.set("FINAL_CONV", finalConv ? 1.0 : 0.0);
    return gpu.pipelines.get(FILE, cacheKey(), c);
  }

  public Dispatch bind(Gpu gpu, GPUComputePipeline pipeline, String label, int images, int valuesPerImage, GPUBuffer gen,
      GPUBuffer step, GPUBuffer tokens, GPUBuffer conv, GPUBuffer seeds, GPUBuffer x0Prev, GPUBuffer x, GPUBuffer x0Out) {
    int n = images * valuesPerImage;
    return new Dispatch(label, pipeline, gpu.bind(label, pipeline, gen, step, tokens, conv, seeds, x0Prev, x, x0Out),
        (n + WORKGROUP_SIZE - 1) / WORKGROUP_SIZE, 1, 1);
  }
}
