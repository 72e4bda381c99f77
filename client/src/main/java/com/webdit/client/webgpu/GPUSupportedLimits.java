package com.webdit.client.webgpu;

import jsinterop.annotations.JsPackage;
import jsinterop.annotations.JsProperty;
import jsinterop.annotations.JsType;

/** GPUSupportedLimits: only the limits the client reads. */
@JsType(isNative = true, namespace = JsPackage.GLOBAL)
public class GPUSupportedLimits {
  @JsProperty public native double getMaxStorageBufferBindingSize();

  @JsProperty public native double getMaxComputeWorkgroupSizeX();

  @JsProperty public native double getMaxComputeInvocationsPerWorkgroup();

  @JsProperty public native double getMaxComputeWorkgroupStorageSize();

  @JsProperty public native double getMaxComputeWorkgroupsPerDimension();
}
