package com.webdit.client.kernels;

import com.webdit.client.webgpu.GPUBuffer;
import com.webdit.client.webgpu.GPUComputePipeline;

/**
 * wgsl/gaussian_noise.wgsl: out[b * count + i] = gaussian(seeds[b], stream, i), the same numbers
 * as {@code com.webdit.shared.rng.Gaussian}. Each invocation writes one Philox block (4 values).
 */
public final class GaussianNoiseKernel extends Kernel {
  public static final int VALUES_PER_INVOCATION = 4;
  static final UniformStruct PARAMS = new UniformStruct("Params").u32("stream").u32("count", "values per image")
      .u32("images");

  private final int workgroupSize;

  public GaussianNoiseKernel(int workgroupSize, int maxInvocationsPerWorkgroup) {
    super("gaussian_noise", PARAMS.wgsl());
    if (workgroupSize <= 0 || workgroupSize > maxInvocationsPerWorkgroup) {
      throw new IllegalArgumentException("gaussian_noise: workgroup size " + workgroupSize
          + " is outside [1, " + maxInvocationsPerWorkgroup + "] (the device's maxComputeInvocationsPerWorkgroup)");
    }
    this.workgroupSize = workgroupSize;
    override("WORKGROUP_SIZE", workgroupSize);
  }

  /** seeds: one u32 per image; out holds images * count floats. */
  public Dispatch bind(Gpu gpu, GPUComputePipeline pipeline, String label, int stream, int count, int images,
      GPUBuffer seeds, GPUBuffer out) {
    if (count <= 0 || images <= 0) {
      throw new IllegalArgumentException("gaussian_noise: count " + count + " and images " + images + " must be positive");
    }
    GPUBuffer params = gpu.uniformWords(label + " params",
        PARAMS.values().u32("stream", stream).u32("count", count).u32("images", images).words());
    int invocations = (count + VALUES_PER_INVOCATION - 1) / VALUES_PER_INVOCATION;
    return new Dispatch(label, pipeline, gpu.bind(label, pipeline, params, seeds, out),
        (invocations + workgroupSize - 1) / workgroupSize, images, 1);
  }
}
