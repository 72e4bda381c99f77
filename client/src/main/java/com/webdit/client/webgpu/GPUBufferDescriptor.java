package com.webdit.client.webgpu;

import jsinterop.annotations.JsOverlay;
import jsinterop.annotations.JsPackage;
import jsinterop.annotations.JsType;

/** GPUBufferDescriptor dictionary. */
@JsType(isNative = true, namespace = JsPackage.GLOBAL, name = "Object")
public class GPUBufferDescriptor {
  public String label;
  public double size;
  public double usage;
  public boolean mappedAtCreation;

  @JsOverlay
  public static GPUBufferDescriptor create(String label, double size, int usage) {
    GPUBufferDescriptor d = new GPUBufferDescriptor();
    d.label = label;
    d.size = size;
    d.usage = usage;
    return d;
  }
}
