package com.webdit.client.kernels;

import com.webdit.client.webgpu.GPUBuffer;
import com.webdit.client.webgpu.GPUComputePipeline;
import elemental2.promise.Promise;
import jsinterop.base.JsPropertyMap;

/** wgsl/attention.wgsl: fused softmax(q k^T / sqrt(hd)) v per (head, batch entry). */
public final class AttentionKernel {
  public static final String FILE = "attention";
  /** Size of the kernel's private q/acc arrays (WGSL needs a constant there, not an override). */
  public static final int MAX_HEAD_DIM = 64;
  /** Keys and values staged in workgroup memory at a time. */
  public static final int KEY_CHUNK = 16;
  private static final String PREAMBLE = PipelineCache.constU32("MAX_HEAD_DIM", MAX_HEAD_DIM)
      + PipelineCache.constU32("KEY_CHUNK", KEY_CHUNK);

  private final int headDim;
  private final int workgroupSize;

  public AttentionKernel(int headDim, int workgroupSize, double maxWorkgroupStorageBytes) {
    if (headDim <= 0 || headDim > MAX_HEAD_DIM) {
      throw new IllegalArgumentException("attention: head dim " + headDim + " is outside [1, " + MAX_HEAD_DIM + "]");
    }
    double bytes = 2.0 * KEY_CHUNK * headDim * 4;
    if (bytes > maxWorkgroupStorageBytes) {
      throw new IllegalArgumentException("attention: head dim " + headDim + " needs " + bytes
          + " bytes of workgroup memory, the device allows " + maxWorkgroupStorageBytes);
    }
    this.headDim = headDim;
    this.workgroupSize = workgroupSize;
  }

  public String cacheKey() {
    return FILE + "|HEAD_DIM=" + headDim + "|WORKGROUP_SIZE=" + workgroupSize;
  }

  public Promise<GPUComputePipeline> pipeline(Gpu gpu) {
    JsPropertyMap<Double> c = JsPropertyMap.of();
    c.set("HEAD_DIM", (double) headDim);
    c.set("WORKGROUP_SIZE", (double) workgroupSize);
    return gpu.pipelines.get(FILE, cacheKey(), PREAMBLE, c);
  }

  public Dispatch bind(Gpu gpu, GPUComputePipeline pipeline, String label, int batch, int tokens, int heads,
      GPUBuffer qkv, GPUBuffer out) {
    if (tokens <= 0 || batch <= 0) {
      throw new IllegalArgumentException("attention: tokens " + tokens + " and batch " + batch + " must be positive");
    }
    GPUBuffer params = gpu.uniformWords(label + " params", tokens, heads, heads * headDim, 0);
    return new Dispatch(label, pipeline, gpu.bind(label, pipeline, params, qkv, out), heads, batch, 1);
  }
}
