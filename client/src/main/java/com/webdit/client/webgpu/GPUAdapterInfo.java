package com.webdit.client.webgpu;

import jsinterop.annotations.JsPackage;
import jsinterop.annotations.JsProperty;
import jsinterop.annotations.JsType;

/** GPUAdapterInfo: what the browser chooses to reveal about the adapter. */
@JsType(isNative = true, namespace = JsPackage.GLOBAL)
public class GPUAdapterInfo {
  @JsProperty public native String getVendor();

  @JsProperty public native String getArchitecture();

  @JsProperty public native String getDevice();

  @JsProperty public native String getDescription();
}
