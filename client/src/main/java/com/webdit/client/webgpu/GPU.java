package com.webdit.client.webgpu;

import elemental2.promise.Promise;
import jsinterop.annotations.JsPackage;
import jsinterop.annotations.JsType;

/** navigator.gpu (WebGPU spec §4.2). */
@JsType(isNative = true, namespace = JsPackage.GLOBAL)
public class GPU {
  /** Resolves to null when no adapter is available. */
  public native Promise<GPUAdapter> requestAdapter(GPURequestAdapterOptions options);

  public native String getPreferredCanvasFormat();
}
