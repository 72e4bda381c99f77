package com.webdit.client.webgpu;

import elemental2.core.ArrayBuffer;
import elemental2.promise.Promise;
import jsinterop.annotations.JsPackage;
import jsinterop.annotations.JsProperty;
import jsinterop.annotations.JsType;

/** GPUBuffer (spec §5.1). */
@JsType(isNative = true, namespace = JsPackage.GLOBAL)
public class GPUBuffer {
  @JsProperty public native double getSize();

  public native Promise<Object> mapAsync(int mode);

  public native ArrayBuffer getMappedRange();

  public native void unmap();

  public native void destroy();
}
