package com.webdit.client.kernels;

import com.webdit.client.webgpu.GPUBuffer;
import com.webdit.client.webgpu.GPUComputePipeline;

/** wgsl/attention.wgsl: fused softmax(q k^T / sqrt(hd)) v per (head, batch entry). */
public final class AttentionKernel extends Kernel {
  /** Size of the kernel's private q/acc arrays (WGSL needs a constant there, not an override). */
  public static final int MAX_HEAD_DIM = 64;
  /** Keys and values staged in workgroup memory at a time. */
  public static final int KEY_CHUNK = 16;
  static final UniformStruct PARAMS = new UniformStruct("Params").u32("tokens").u32("heads").u32("dim");
  private static final String PREAMBLE = constU32("MAX_HEAD_DIM", MAX_HEAD_DIM) + constU32("KEY_CHUNK", KEY_CHUNK)
      + PARAMS.wgsl();

  private final int headDim;

  public AttentionKernel(int headDim, int workgroupSize, double maxWorkgroupStorageBytes) {
    super("attention", PREAMBLE);
    if (headDim <= 0 || headDim > MAX_HEAD_DIM) {
      throw new IllegalArgumentException("attention: head dim " + headDim + " is outside [1, " + MAX_HEAD_DIM + "]");
    }
    double bytes = 2.0 * KEY_CHUNK * headDim * 4;
    if (bytes > maxWorkgroupStorageBytes) {
      throw new IllegalArgumentException("attention: head dim " + headDim + " needs " + bytes
          + " bytes of workgroup memory, the device allows " + maxWorkgroupStorageBytes);
    }
    this.headDim = headDim;
    override("HEAD_DIM", headDim);
    override("WORKGROUP_SIZE", workgroupSize);
  }

  public Dispatch bind(Gpu gpu, GPUComputePipeline pipeline, String label, int batch, int tokens, int heads,
      GPUBuffer qkv, GPUBuffer out) {
    if (tokens <= 0 || batch <= 0) {
      throw new IllegalArgumentException("attention: tokens " + tokens + " and batch " + batch + " must be positive");
    }
    GPUBuffer params = gpu.uniformWords(label + " params",
        PARAMS.values().u32("tokens", tokens).u32("heads", heads).u32("dim", heads * headDim).words());
    return new Dispatch(label, pipeline, gpu.bind(label, pipeline, params, qkv, out), heads, batch, 1);
  }
}
