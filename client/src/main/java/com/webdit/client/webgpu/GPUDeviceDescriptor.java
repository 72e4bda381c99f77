package com.webdit.client.webgpu;

import jsinterop.annotations.JsOverlay;
import jsinterop.annotations.JsPackage;
import jsinterop.annotations.JsType;

/** GPUDeviceDescriptor dictionary. */
@JsType(isNative = true, namespace = JsPackage.GLOBAL, name = "Object")
public class GPUDeviceDescriptor {
  public String label;
  public String[] requiredFeatures;

  @JsOverlay
  public static GPUDeviceDescriptor create(String label, String... requiredFeatures) {
    GPUDeviceDescriptor d = new GPUDeviceDescriptor();
    d.label = label;
    d.requiredFeatures = requiredFeatures;
    return d;
  }
}
