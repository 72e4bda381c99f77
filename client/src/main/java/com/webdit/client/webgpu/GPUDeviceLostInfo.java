package com.webdit.client.webgpu;

import jsinterop.annotations.JsPackage;
import jsinterop.annotations.JsProperty;
import jsinterop.annotations.JsType;

/** GPUDeviceLostInfo: reason is "destroyed" or "unknown". */
@JsType(isNative = true, namespace = JsPackage.GLOBAL)
public class GPUDeviceLostInfo {
  @JsProperty public native String getReason();

  @JsProperty public native String getMessage();
}
