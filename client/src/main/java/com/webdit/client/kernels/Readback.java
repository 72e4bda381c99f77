package com.webdit.client.kernels;

import com.webdit.client.webgpu.GPUBuffer;
import com.webdit.client.webgpu.GPUBufferUsage;
import com.webdit.client.webgpu.GPUCommandBuffer;
import com.webdit.client.webgpu.GPUCommandEncoder;
import com.webdit.client.webgpu.GPUComputePassEncoder;
import com.webdit.client.webgpu.GPUMapMode;
import elemental2.core.ArrayBuffer;
import elemental2.promise.Promise;

/** Submits dispatches and copies one buffer back to the CPU: the test and demo path, never per step. */
public final class Readback {
  private Readback() {}

  /** Encodes the dispatches in one pass, copies {@code bytes} of src back, resolves with a copy of them. */
  public static Promise<ArrayBuffer> run(Gpu gpu, GPUBuffer src, double bytes, Dispatch... dispatches) {
    GPUBuffer staging = gpu.device.createBuffer(com.webdit.client.webgpu.GPUBufferDescriptor.create("readback",
        Math.ceil(bytes / 4) * 4, GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST));
    GPUCommandEncoder enc = gpu.device.createCommandEncoder();
    if (dispatches.length > 0) {
      GPUComputePassEncoder pass = enc.beginComputePass();
      for (Dispatch d : dispatches) {
        d.encode(pass);
      }
      pass.end();
    }
    enc.copyBufferToBuffer(src, 0, staging, 0, Math.ceil(bytes / 4) * 4);
    gpu.device.getQueue().submit(new GPUCommandBuffer[] {enc.finish()});
    return staging.mapAsync(GPUMapMode.READ).then(ignored -> {
      ArrayBuffer copy = staging.getMappedRange().slice(0);
      staging.unmap();
      staging.destroy();
      return Promise.resolve(copy);
    });
  }

  public static float[] toFloats(ArrayBuffer buffer, int count) {
    elemental2.core.Float32Array view = new elemental2.core.Float32Array(buffer, 0, count);
    float[] out = new float[count];
    for (int i = 0; i < count; i++) {
      out[i] = view.getAt(i).floatValue();
    }
    return out;
  }
}
