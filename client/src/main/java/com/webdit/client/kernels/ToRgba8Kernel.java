package com.webdit.client.kernels;

import com.webdit.client.webgpu.GPUBuffer;
import com.webdit.client.webgpu.GPUComputePipeline;

/** wgsl/to_rgba8.wgsl: model-space images to packed RGBA8 display frames (Pixels.toRgba8 on the GPU). */
public final class ToRgba8Kernel extends Kernel {
  private static final int WORKGROUP_SIZE = 64;
  static final UniformStruct PARAMS = new UniformStruct("Params").u32("images").u32("size");

  public ToRgba8Kernel() {
    super("to_rgba8", PARAMS.wgsl() + FinalStepKernel.STEP.wgsl());
    override("WORKGROUP_SIZE", WORKGROUP_SIZE);
  }

  /** step: the Step uniform ({@link FinalStepKernel#STEP}), whose frame index says where the frame lands. */
  public Dispatch bind(Gpu gpu, GPUComputePipeline pipeline, int images, int size, GPUBuffer step, GPUBuffer src,
      GPUBuffer frames) {
    GPUBuffer params = gpu.uniformWords("rgba8 params", PARAMS.values().u32("images", images).u32("size", size).words());
    int n = images * size * size;
    return new Dispatch("to_rgba8", pipeline, gpu.bind("to_rgba8", pipeline, params, step, src, frames),
        (n + WORKGROUP_SIZE - 1) / WORKGROUP_SIZE, 1, 1);
  }
}
