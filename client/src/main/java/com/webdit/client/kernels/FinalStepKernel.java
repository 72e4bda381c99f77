package com.webdit.client.kernels;

import com.webdit.client.webgpu.GPUBuffer;
import com.webdit.client.webgpu.GPUComputePipeline;
import com.webdit.shared.sampling.StepCoefficients;
import elemental2.core.ArrayBuffer;
import elemental2.core.Float32Array;
import elemental2.core.Uint32Array;
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
  /** Bytes of one Step uniform: the engine keeps every step's in one buffer and copies slot i. */
  public static final int STEP_BYTES = 4 * STEP_WORDS;

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

  /**
   * The Gen uniform (struct Gen in wgsl/final_step.wgsl), fixed for one generation. The field
   * order lives here and in the WGSL struct only.
   */
  public static Uint32Array packGen(int images, boolean guided, int channels, int imageSize, int patchSize,
      float cfgScale) {
    Uint32Array gen = Gpu.words(new int[] {images, guided ? 1 : 0, channels, imageSize, patchSize, 0, 0, 0});
    new Float32Array(gen.buffer).setAt(5, (double) cfgScale);
    return gen;
  }

  /** A buffer of {@code slots} Step uniforms (struct Step in wgsl/step.wgsl), filled with {@link #packStep}. */
  public static ArrayBuffer stepSlots(int slots) {
    return new ArrayBuffer(STEP_BYTES * slots);
  }

  /** Writes step {@code k}'s scalars into slot {@code slot}; {@code frame} is its display frame. */
  public static void packStep(ArrayBuffer slots, int slot, StepCoefficients k, int frame) {
    Float32Array f = new Float32Array(slots, STEP_BYTES * slot, STEP_WORDS);
    Uint32Array w = new Uint32Array(slots, STEP_BYTES * slot, STEP_WORDS);
    f.setAt(0, k.alphaS());
    f.setAt(1, k.sigmaS());
    f.setAt(2, k.cX0());
    f.setAt(3, k.cX());
    f.setAt(4, k.cPrev());
    f.setAt(5, k.cZ());
    w.setAt(6, (double) k.stream());
    w.setAt(7, (double) frame);
  }

  public Dispatch bind(Gpu gpu, GPUComputePipeline pipeline, String label, int images, int valuesPerImage, GPUBuffer gen,
      GPUBuffer step, GPUBuffer tokens, GPUBuffer conv, GPUBuffer seeds, GPUBuffer x0Prev, GPUBuffer x, GPUBuffer x0Out) {
    int n = images * valuesPerImage;
    return new Dispatch(label, pipeline, gpu.bind(label, pipeline, gen, step, tokens, conv, seeds, x0Prev, x, x0Out),
        (n + WORKGROUP_SIZE - 1) / WORKGROUP_SIZE, 1, 1);
  }
}
