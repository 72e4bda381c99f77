package com.webdit.client.webgpu;

import jsinterop.annotations.JsOverlay;
import jsinterop.annotations.JsPackage;
import jsinterop.annotations.JsType;

/** GPURequestAdapterOptions dictionary. */
@JsType(isNative = true, namespace = JsPackage.GLOBAL, name = "Object")
public class GPURequestAdapterOptions {
  /** "low-power" or "high-performance". */
  public String powerPreference;

  @JsOverlay
  public static GPURequestAdapterOptions highPerformance() {
    GPURequestAdapterOptions o = new GPURequestAdapterOptions();
    o.powerPreference = "high-performance";
    return o;
  }
}
