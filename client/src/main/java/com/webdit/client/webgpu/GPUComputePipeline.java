package com.webdit.client.webgpu;

import jsinterop.annotations.JsPackage;
import jsinterop.annotations.JsType;

/** GPUComputePipeline (spec §10.1). */
@JsType(isNative = true, namespace = JsPackage.GLOBAL)
public class GPUComputePipeline {
  public native GPUBindGroupLayout getBindGroupLayout(int index);
}
