package com.webdit.client.webgpu;

import jsinterop.annotations.JsPackage;
import jsinterop.annotations.JsProperty;
import jsinterop.annotations.JsType;

/** GPUError (GPUValidationError, GPUOutOfMemoryError, GPUInternalError share this shape). */
@JsType(isNative = true, namespace = JsPackage.GLOBAL)
public class GPUError {
  @JsProperty public native String getMessage();
}
