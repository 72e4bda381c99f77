package com.webdit.client.kernels;

import com.webdit.client.gpu.GPUBindGroup;
import com.webdit.client.gpu.GPUBindGroupDescriptor;
import com.webdit.client.gpu.GPUBindGroupEntry;
import com.webdit.client.gpu.GPUBuffer;
import com.webdit.client.gpu.GPUBufferDescriptor;
import com.webdit.client.gpu.GPUBufferUsage;
import com.webdit.client.gpu.GPUCommandBuffer;
import com.webdit.client.gpu.GPUCommandEncoder;
import com.webdit.client.gpu.GPUComputePassEncoder;
import com.webdit.client.gpu.GPUDevice;
import com.webdit.client.gpu.GPUMapMode;
import elemental2.core.Float32Array;
import elemental2.core.Uint32Array;
import elemental2.promise.Promise;
import jsinterop.base.JsPropertyMap;

/**
 * wgsl/gaussian_noise.wgsl: gaussian(seed, stream, i) for i < count, the same numbers as
 * {@code com.webdit.shared.rng.Gaussian}. Each invocation writes one Philox block (4 values).
 */
public final class GaussianNoiseKernel {
  public static final String FILE = "gaussian_noise";
  public static final int VALUES_PER_INVOCATION = 4;

  private final int workgroupSize;

  public GaussianNoiseKernel(int workgroupSize, int maxInvocationsPerWorkgroup) {
    if (workgroupSize <= 0 || workgroupSize > maxInvocationsPerWorkgroup) {
      throw new IllegalArgumentException("gaussian_noise: workgroup size " + workgroupSize
          + " is outside [1, " + maxInvocationsPerWorkgroup + "] (the device's maxComputeInvocationsPerWorkgroup)");
    }
    this.workgroupSize = workgroupSize;
  }

  public String cacheKey() {
    return FILE + "|WORKGROUP_SIZE=" + workgroupSize;
  }

  /** Workgroups needed for count values; the kernel bounds-checks the ragged tail. */
  public int workgroups(int count) {
    int invocations = (count + VALUES_PER_INVOCATION - 1) / VALUES_PER_INVOCATION;
    return (invocations + workgroupSize - 1) / workgroupSize;
  }

  /**
   * Runs the kernel once and reads the values back (a test/demo path: the engine keeps noise on
   * the GPU). Resolves to a Float32Array of length count.
   */
  public Promise<Float32Array> generate(GPUDevice device, PipelineCache cache, int seed, int stream, int count) {
    if (count <= 0) {
      return Promise.reject(new IllegalArgumentException("gaussian_noise: count " + count + " must be positive"));
    }
    JsPropertyMap<Double> constants = JsPropertyMap.of();
    constants.set("WORKGROUP_SIZE", (double) workgroupSize);
    return cache.get(FILE, cacheKey(), constants).then(pipeline -> {
      double bytes = 4.0 * count;
      GPUBuffer params = device.createBuffer(GPUBufferDescriptor.create("noise params", 16,
          GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST));
      GPUBuffer out = device.createBuffer(GPUBufferDescriptor.create("noise out", bytes,
          GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC));
      GPUBuffer readback = device.createBuffer(GPUBufferDescriptor.create("noise readback", bytes,
          GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST));
      Uint32Array p = new Uint32Array(4);
      p.setAt(0, (double) (seed & 0xFFFFFFFFL));
      p.setAt(1, (double) (stream & 0xFFFFFFFFL));
      p.setAt(2, (double) count);
      device.getQueue().writeBuffer(params, 0, p);
      GPUBindGroup group = device.createBindGroup(GPUBindGroupDescriptor.create("noise", pipeline.getBindGroupLayout(0),
          GPUBindGroupEntry.buffer(0, params), GPUBindGroupEntry.buffer(1, out)));
      GPUCommandEncoder enc = device.createCommandEncoder();
      GPUComputePassEncoder pass = enc.beginComputePass();
      pass.setPipeline(pipeline);
      pass.setBindGroup(0, group);
      pass.dispatchWorkgroups(workgroups(count), 1, 1);
      pass.end();
      enc.copyBufferToBuffer(out, 0, readback, 0, bytes);
      device.getQueue().submit(new GPUCommandBuffer[] {enc.finish()});
      return readback.mapAsync(GPUMapMode.READ).then(ignored -> {
        Float32Array values = new Float32Array(readback.getMappedRange().slice(0));
        readback.unmap();
        readback.destroy();
        out.destroy();
        params.destroy();
        return Promise.resolve(values);
      });
    });
  }
}
