package com.webdit.client.webgpu;

import elemental2.promise.Promise;
import jsinterop.annotations.JsPackage;
import jsinterop.annotations.JsType;

/** GPUShaderModule (spec §8). */
@JsType(isNative = true, namespace = JsPackage.GLOBAL)
public class GPUShaderModule {
  public native Promise<GPUCompilationInfo> getCompilationInfo();
}
