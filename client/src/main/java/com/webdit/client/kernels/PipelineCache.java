package com.webdit.client.kernels;

import com.webdit.client.dom.PromiseMap;
import com.webdit.client.webgpu.GPUCompilationMessage;
import com.webdit.client.webgpu.GPUComputePipeline;
import com.webdit.client.webgpu.GPUComputePipelineDescriptor;
import com.webdit.client.webgpu.GPUDevice;
import com.webdit.client.webgpu.GPUProgrammableStage;
import com.webdit.client.webgpu.GPUShaderModule;
import com.webdit.client.webgpu.GPUShaderModuleDescriptor;
import elemental2.promise.Promise;
import jsinterop.base.JsPropertyMap;

/**
 * Compiled pipelines per device, keyed by each kernel's cache key (its file plus override
 * values), so a pipeline is built once however often a kernel runs. WGSL compile errors surface
 * with line numbers instead of as an opaque invalid pipeline.
 *
 * <p>A kernel prepends a preamble of WGSL declarations generated from its Java class
 * ({@link Kernel}): uniform structs and constants both sides need then live in Java only, and a
 * name the WGSL uses but Java does not define is a compile error, not a silent mismatch.
 */
public final class PipelineCache {
  private final GPUDevice device;
  private final PromiseMap<GPUComputePipeline> pipelines = new PromiseMap<>();
  private int built;

  public PipelineCache(GPUDevice device) {
    this.device = device;
  }

  /** Number of distinct pipelines compiled so far. */
  public int built() {
    return built;
  }

  /** Compiles preamble + wgsl/FILE.wgsl; compile errors count lines of the file, not the preamble. */
  public Promise<GPUComputePipeline> get(String file, String cacheKey, String preamble, JsPropertyMap<Double> constants) {
    Promise<GPUComputePipeline> p = pipelines.get(cacheKey);
    if (p == null) {
      built++;
      int preambleLines = preamble.split("\n", -1).length - 1;
      p = KernelSource.load(file).then(code -> {
        GPUShaderModule module = device.createShaderModule(GPUShaderModuleDescriptor.create(file, preamble + code));
        return module.getCompilationInfo().then(info -> {
          StringBuilder errors = new StringBuilder();
          for (GPUCompilationMessage m : info.getMessages()) {
            if ("error".equals(m.getType())) {
              errors.append(file).append(".wgsl:").append((int) m.getLineNum() - preambleLines).append(':')
                  .append((int) m.getLinePos()).append(": ").append(m.getMessage()).append('\n');
            }
          }
          if (errors.length() > 0) {
            return Promise.reject(new GpuUnavailableException("kernel", "WGSL compile errors:\n" + errors));
          }
          return device.createComputePipelineAsync(
              GPUComputePipelineDescriptor.auto(cacheKey, GPUProgrammableStage.create(module, "main", constants)));
        });
      });
      pipelines.put(cacheKey, p);
    }
    return p;
  }
}
