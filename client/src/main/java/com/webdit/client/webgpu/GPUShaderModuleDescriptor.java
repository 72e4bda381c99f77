package com.webdit.client.webgpu;

import jsinterop.annotations.JsOverlay;
import jsinterop.annotations.JsPackage;
import jsinterop.annotations.JsType;

/** GPUShaderModuleDescriptor dictionary. */
@JsType(isNative = true, namespace = JsPackage.GLOBAL, name = "Object")
public class GPUShaderModuleDescriptor {
  public String label;
  public String code;

  @JsOverlay
  public static GPUShaderModuleDescriptor create(String label, String code) {
    GPUShaderModuleDescriptor d = new GPUShaderModuleDescriptor();
    d.label = label;
    d.code = code;
    return d;
  }
}
