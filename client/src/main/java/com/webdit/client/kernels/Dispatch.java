package com.webdit.client.kernels;

import com.webdit.client.gpu.GPUBindGroup;
import com.webdit.client.gpu.GPUComputePassEncoder;
import com.webdit.client.gpu.GPUComputePipeline;

/** One bound kernel invocation, built once and encoded as often as needed (no per-step setup). */
public final class Dispatch {
  public final String label;
  private final GPUComputePipeline pipeline;
  private final GPUBindGroup bindGroup;
  private final int x;
  private final int y;
  private final int z;

  public Dispatch(String label, GPUComputePipeline pipeline, GPUBindGroup bindGroup, int x, int y, int z) {
    this.label = label;
    this.pipeline = pipeline;
    this.bindGroup = bindGroup;
    this.x = x;
    this.y = y;
    this.z = z;
  }

  public void encode(GPUComputePassEncoder pass) {
    pass.setPipeline(pipeline);
    pass.setBindGroup(0, bindGroup);
    pass.dispatchWorkgroups(x, y, z);
  }
}
