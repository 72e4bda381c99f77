package com.webdit.client.webgpu;

import jsinterop.annotations.JsOverlay;
import jsinterop.annotations.JsPackage;
import jsinterop.annotations.JsType;

/** GPUComputePipelineDescriptor dictionary; layout "auto" derives bind group layouts from the shader. */
@JsType(isNative = true, namespace = JsPackage.GLOBAL, name = "Object")
public class GPUComputePipelineDescriptor {
  public String label;
  public Object layout;
  public GPUProgrammableStage compute;

  @JsOverlay
  public static GPUComputePipelineDescriptor auto(String label, GPUProgrammableStage compute) {
    GPUComputePipelineDescriptor d = new GPUComputePipelineDescriptor();
    d.label = label;
    d.layout = "auto";
    d.compute = compute;
    return d;
  }
}
