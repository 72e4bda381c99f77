package com.webdit.client.kernels;

import com.webdit.client.webgpu.GPUBuffer;
import com.webdit.client.webgpu.GPUComputePipeline;
import com.webdit.shared.sampling.StepCoefficients;
import elemental2.core.ArrayBuffer;
import elemental2.core.Uint32Array;

/**
 * wgsl/final_step.wgsl: unpatchify + final_conv + classifier-free guidance + the sampler update,
 * one invocation per pixel value. Per-step scalars arrive in the Step uniform
 * ({@code com.webdit.shared.sampling.StepCoefficients}).
 */
public final class FinalStepKernel extends Kernel {
  private static final int WORKGROUP_SIZE = 64;
  /** Fixed for one generation. */
  public static final UniformStruct GEN = new UniformStruct("Gen")
      .u32("images", "images in the generation")
      .u32("guided", "1: combine row-blocks i (cond) and images + i (uncond); 0: row-block i alone")
      .u32("channels")
      .u32("size", "image side S")
      .u32("patch_size")
      .f32("cfg_scale");
  /**
   * One sampling step's scalars (shared/.../sampling/StepCoefficients.java, docs/ENGINE.md):
   * x0 = clip(alpha_s x - sigma_s v, -1, 1);  x' = c_x0 x0 + c_x x + c_prev x0_prev + c_z z.
   * to_rgba8 reads it too, for the frame index.
   */
  public static final UniformStruct STEP = new UniformStruct("Step")
      .f32("alpha_s").f32("sigma_s").f32("c_x0").f32("c_x").f32("c_prev").f32("c_z")
      .u32("stream", "Philox stream of this step's DDPM noise")
      .u32("frame", "index of this step's display frame");
  /** Bytes of one Step uniform: the engine keeps every step's in one buffer and copies slot i. */
  public static final int STEP_BYTES = STEP.bytes();

  public FinalStepKernel(boolean finalConv) {
    super("final_step", GEN.wgsl() + STEP.wgsl());
    override("WORKGROUP_SIZE", WORKGROUP_SIZE);
    override("FINAL_CONV", finalConv ? 1 : 0);
  }

  /** The Gen uniform for one generation. */
  public static Uint32Array packGen(int images, boolean guided, int channels, int imageSize, int patchSize,
      float cfgScale) {
    return Gpu.words(GEN.values().u32("images", images).u32("guided", guided).u32("channels", channels)
        .u32("size", imageSize).u32("patch_size", patchSize).f32("cfg_scale", cfgScale).words());
  }

  /** A buffer of {@code slots} Step uniforms, filled with {@link #packStep}. */
  public static ArrayBuffer stepSlots(int slots) {
    return new ArrayBuffer(STEP_BYTES * slots);
  }

  /** Writes step {@code k}'s scalars into slot {@code slot}; {@code frame} is its display frame. */
  public static void packStep(ArrayBuffer slots, int slot, StepCoefficients k, int frame) {
    int[] words = STEP.values().f32("alpha_s", (float) k.alphaS()).f32("sigma_s", (float) k.sigmaS())
        .f32("c_x0", (float) k.cX0()).f32("c_x", (float) k.cX()).f32("c_prev", (float) k.cPrev())
        .f32("c_z", (float) k.cZ()).u32("stream", k.stream()).u32("frame", frame).words();
    new Uint32Array(slots, STEP_BYTES * slot, words.length).set(Gpu.words(words));
  }

  public Dispatch bind(Gpu gpu, GPUComputePipeline pipeline, String label, int images, int valuesPerImage, GPUBuffer gen,
      GPUBuffer step, GPUBuffer tokens, GPUBuffer conv, GPUBuffer seeds, GPUBuffer x0Prev, GPUBuffer x, GPUBuffer x0Out) {
    int n = images * valuesPerImage;
    return new Dispatch(label, pipeline, gpu.bind(label, pipeline, gen, step, tokens, conv, seeds, x0Prev, x, x0Out),
        (n + WORKGROUP_SIZE - 1) / WORKGROUP_SIZE, 1, 1);
  }
}
