package com.webdit.client.kernels;

import com.webdit.client.webgpu.GPUComputePipeline;
import elemental2.promise.Promise;
import java.util.LinkedHashMap;
import java.util.Map;
import jsinterop.base.JsPropertyMap;

/**
 * What every WGSL kernel is: a file in wgsl/, the override constants that pick its variant, and
 * the declarations it shares with Java (uniform structs, named constants), which are prepended to
 * the file as WGSL so each is written once, in the kernel's Java class. The pipeline cache key
 * comes from the file and the overrides, so two kernels that compile the same code share one
 * pipeline and two that do not never do.
 */
public abstract class Kernel {
  private final String file;
  private final String preamble;
  private final Map<String, Double> overrides = new LinkedHashMap<>();

  /** preamble: WGSL declarations the file uses ({@link UniformStruct#wgsl}, {@link #constU32}). */
  protected Kernel(String file, String preamble) {
    this.file = file;
    this.preamble = preamble;
  }

  /** Sets a pipeline-overridable constant of the file ({@code override NAME: ...}). */
  protected final void override(String name, double value) {
    overrides.put(name, value);
  }

  /** One line of a preamble: {@code const NAME: u32 = VALUEu;}. */
  public static String constU32(String name, int value) {
    return "const " + name + ": u32 = " + value + "u;\n";
  }

  public final String file() {
    return file;
  }

  /** The file and every override, e.g. {@code condition|WORKGROUP_SIZE=64}. */
  public final String cacheKey() {
    StringBuilder sb = new StringBuilder(file);
    for (Map.Entry<String, Double> e : overrides.entrySet()) {
      double v = e.getValue();
      sb.append('|').append(e.getKey()).append('=').append(v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v));
    }
    return sb.toString();
  }

  public final Promise<GPUComputePipeline> pipeline(Gpu gpu) {
    JsPropertyMap<Double> constants = JsPropertyMap.of();
    for (Map.Entry<String, Double> e : overrides.entrySet()) {
      constants.set(e.getKey(), e.getValue());
    }
    return gpu.pipelines.get(file, cacheKey(), preamble, constants);
  }

  @Override
  public String toString() {
    return cacheKey();
  }
}
