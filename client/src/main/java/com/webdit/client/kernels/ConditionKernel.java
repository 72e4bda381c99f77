package com.webdit.client.kernels;

import com.webdit.client.webgpu.GPUBuffer;
import com.webdit.client.webgpu.GPUComputePipeline;

/** wgsl/condition.wgsl: silu_c[s, b] = SiLU(temb[s] + table[labels[b]]) for every step s and batch entry b. */
public final class ConditionKernel extends Kernel {
  private static final int WORKGROUP_SIZE = 64;
  static final UniformStruct PARAMS = new UniformStruct("Params").u32("dim").u32("batch", "batch entries per step")
      .u32("steps");

  public ConditionKernel() {
    super("condition", PARAMS.wgsl());
    override("WORKGROUP_SIZE", WORKGROUP_SIZE);
  }

  /** temb: (steps, dim); labels: batch; siluC: (steps, batch, dim). */
  public Dispatch bind(Gpu gpu, GPUComputePipeline pipeline, int dim, int batch, int steps, GPUBuffer temb,
      GPUBuffer tableF16, GPUBuffer labels, GPUBuffer siluC) {
    if (dim % 2 != 0) {
      throw new IllegalArgumentException("condition: hidden size " + dim + " must be even (fp16 pairs)");
    }
    if (batch <= 0 || steps <= 0) {
      throw new IllegalArgumentException("condition: batch " + batch + " and steps " + steps + " must be positive");
    }
    GPUBuffer params = gpu.uniformWords("condition params",
        PARAMS.values().u32("dim", dim).u32("batch", batch).u32("steps", steps).words());
    int n = dim * batch * steps;
    return new Dispatch("condition", pipeline, gpu.bind("condition", pipeline, params, temb, tableF16, labels, siluC),
        (n + WORKGROUP_SIZE - 1) / WORKGROUP_SIZE, 1, 1, params);
  }
}
