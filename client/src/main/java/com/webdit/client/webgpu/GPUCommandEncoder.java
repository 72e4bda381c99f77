package com.webdit.client.webgpu;

import jsinterop.annotations.JsPackage;
import jsinterop.annotations.JsType;

/** GPUCommandEncoder (spec §13). */
@JsType(isNative = true, namespace = JsPackage.GLOBAL)
public class GPUCommandEncoder {
  public native GPUComputePassEncoder beginComputePass();

  public native void copyBufferToBuffer(GPUBuffer source, double sourceOffset, GPUBuffer destination,
      double destinationOffset, double size);

  public native GPUCommandBuffer finish();
}
