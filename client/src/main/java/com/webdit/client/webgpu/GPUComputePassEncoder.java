package com.webdit.client.webgpu;

import jsinterop.annotations.JsPackage;
import jsinterop.annotations.JsType;

/** GPUComputePassEncoder (spec §14). Note: the pass closes with end(), not the old endPass(). */
@JsType(isNative = true, namespace = JsPackage.GLOBAL)
public class GPUComputePassEncoder {
  public native void setPipeline(GPUComputePipeline pipeline);

  public native void setBindGroup(int index, GPUBindGroup bindGroup);

  public native void dispatchWorkgroups(double x, double y, double z);

  public native void end();
}
