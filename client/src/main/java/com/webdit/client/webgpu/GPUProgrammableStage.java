package com.webdit.client.webgpu;

import jsinterop.annotations.JsOverlay;
import jsinterop.annotations.JsPackage;
import jsinterop.annotations.JsType;
import jsinterop.base.JsPropertyMap;

/** GPUProgrammableStage dictionary: module, entry point and pipeline-overridable constants. */
@JsType(isNative = true, namespace = JsPackage.GLOBAL, name = "Object")
public class GPUProgrammableStage {
  public GPUShaderModule module;
  public String entryPoint;
  public JsPropertyMap<Double> constants;

  @JsOverlay
  public static GPUProgrammableStage create(GPUShaderModule module, String entryPoint, JsPropertyMap<Double> constants) {
    GPUProgrammableStage s = new GPUProgrammableStage();
    s.module = module;
    s.entryPoint = entryPoint;
    s.constants = constants;
    return s;
  }
}
