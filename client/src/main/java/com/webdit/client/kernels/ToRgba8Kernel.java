package com.webdit.client.kernels;

import com.webdit.client.webgpu.GPUBuffer;
import com.webdit.client.webgpu.GPUComputePipeline;
import elemental2.promise.Promise;
import jsinterop.base.JsPropertyMap;

/** wgsl/to_rgba8.wgsl: model-space images to packed RGBA8 display frames (Pixels.toRgba8 on the GPU). */
public final class ToRgba8Kernel {
  public static final String FILE = "to_rgba8";
  private static final int WORKGROUP_SIZE = 64;

  public String cacheKey() {
    return FILE + "|WORKGROUP_SIZE=" + WORKGROUP_SIZE;
  }

  public Promise<GPUComputePipeline> pipeline(Gpu gpu) {
    JsPropertyMap<Double> c = JsPropertyMap.of();
    c.set("WORKGROUP_SIZE", (double) WORKGROUP_SIZE);
    return gpu.pipelines.get(FILE, cacheKey(), c);
  }

  public Dispatch bind(Gpu gpu, GPUComputePipeline pipeline, int images, int size, GPUBuffer step, GPUBuffer src,
      GPUBuffer frames) {
    GPUBuffer params = gpu.uniformWords("rgba8 params", images, size, 0, 0);
    int n = images * size * size;
    return new Dispatch("to_rgba8", pipeline, gpu.bind("to_rgba8", pipeline, params, step, src, frames),
        (n + WORKGROUP_SIZE - 1) / WORKGROUP_SIZE, 1, 1);
  }
}
