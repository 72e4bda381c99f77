package com.webdit.client.kernels;

import com.webdit.client.webgpu.GPUBindGroup;
import com.webdit.client.webgpu.GPUBuffer;
import com.webdit.client.webgpu.GPUComputePassEncoder;
import com.webdit.client.webgpu.GPUComputePipeline;

/**
 * One bound kernel invocation, built once and encoded as often as needed (no per-step setup). It
 * owns its params uniform, so a dispatch that is rebuilt (the engine's per-step-count prelude)
 * gives that memory back with {@link #release}.
 */
public final class Dispatch {
  public final String label;
  private final GPUComputePipeline pipeline;
  private final GPUBindGroup bindGroup;
  private final int x;
  private final int y;
  private final int z;
  private final GPUBuffer params;

  public Dispatch(String label, GPUComputePipeline pipeline, GPUBindGroup bindGroup, int x, int y, int z) {
    this(label, pipeline, bindGroup, x, y, z, null);
  }

  public Dispatch(String label, GPUComputePipeline pipeline, GPUBindGroup bindGroup, int x, int y, int z,
      GPUBuffer params) {
    this.params = params;
    this.label = label;
    this.pipeline = pipeline;
    this.bindGroup = bindGroup;
    this.x = x;
    this.y = y;
    this.z = z;
  }

  /** Frees the params uniform this dispatch owns (if any); the dispatch must not be encoded again. */
  public void release(Gpu gpu) {
    if (params != null) {
      gpu.release(params);
    }
  }

  public void encode(GPUComputePassEncoder pass) {
    pass.setPipeline(pipeline);
    pass.setBindGroup(0, bindGroup);
    pass.dispatchWorkgroups(x, y, z);
  }
}
