package com.webdit.client.webgpu;

import elemental2.core.ArrayBufferView;
import elemental2.promise.Promise;
import jsinterop.annotations.JsPackage;
import jsinterop.annotations.JsType;

/** GPUQueue (spec §19). */
@JsType(isNative = true, namespace = JsPackage.GLOBAL)
public class GPUQueue {
  public native void submit(GPUCommandBuffer[] commandBuffers);

  public native void writeBuffer(GPUBuffer buffer, double bufferOffset, ArrayBufferView data);

  public native Promise<Object> onSubmittedWorkDone();
}
