package com.webdit.client.webgpu;

import jsinterop.annotations.JsOverlay;
import jsinterop.annotations.JsPackage;
import jsinterop.annotations.JsType;

/** GPUBindGroupEntry dictionary. */
@JsType(isNative = true, namespace = JsPackage.GLOBAL, name = "Object")
public class GPUBindGroupEntry {
  public int binding;
  public GPUBufferBinding resource;

  @JsOverlay
  public static GPUBindGroupEntry buffer(int binding, GPUBuffer buffer) {
    GPUBindGroupEntry e = new GPUBindGroupEntry();
    e.binding = binding;
    e.resource = GPUBufferBinding.of(buffer);
    return e;
  }
}
