package com.webdit.client.webgpu;

import jsinterop.annotations.JsPackage;
import jsinterop.annotations.JsProperty;
import jsinterop.annotations.JsType;

/** GPUCompilationMessage: type is "error", "warning" or "info". */
@JsType(isNative = true, namespace = JsPackage.GLOBAL)
public class GPUCompilationMessage {
  @JsProperty public native String getMessage();

  @JsProperty public native String getType();

  @JsProperty public native double getLineNum();

  @JsProperty public native double getLinePos();
}
