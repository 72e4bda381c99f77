package com.webdit.client.webgpu;

import jsinterop.annotations.JsPackage;
import jsinterop.annotations.JsType;

/** GPUSupportedFeatures, a set-like of feature names such as "shader-f16". */
@JsType(isNative = true, namespace = JsPackage.GLOBAL)
public class GPUSupportedFeatures {
  public native boolean has(String feature);
}
