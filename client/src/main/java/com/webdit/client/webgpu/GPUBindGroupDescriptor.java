package com.webdit.client.webgpu;

import jsinterop.annotations.JsOverlay;
import jsinterop.annotations.JsPackage;
import jsinterop.annotations.JsType;

/** GPUBindGroupDescriptor dictionary. */
@JsType(isNative = true, namespace = JsPackage.GLOBAL, name = "Object")
public class GPUBindGroupDescriptor {
  public String label;
  public GPUBindGroupLayout layout;
  public GPUBindGroupEntry[] entries;

  @JsOverlay
  public static GPUBindGroupDescriptor create(String label, GPUBindGroupLayout layout, GPUBindGroupEntry... entries) {
    GPUBindGroupDescriptor d = new GPUBindGroupDescriptor();
    d.label = label;
    d.layout = layout;
    d.entries = entries;
    return d;
  }
}
