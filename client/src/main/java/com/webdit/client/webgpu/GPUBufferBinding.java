package com.webdit.client.webgpu;

import jsinterop.annotations.JsOverlay;
import jsinterop.annotations.JsPackage;
import jsinterop.annotations.JsType;

/** GPUBufferBinding dictionary: a whole buffer bound as a resource. */
@JsType(isNative = true, namespace = JsPackage.GLOBAL, name = "Object")
public class GPUBufferBinding {
  public GPUBuffer buffer;

  @JsOverlay
  public static GPUBufferBinding of(GPUBuffer buffer) {
    GPUBufferBinding b = new GPUBufferBinding();
    b.buffer = buffer;
    return b;
  }
}
