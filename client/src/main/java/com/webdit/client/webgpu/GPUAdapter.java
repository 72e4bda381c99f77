package com.webdit.client.webgpu;

import elemental2.promise.Promise;
import jsinterop.annotations.JsPackage;
import jsinterop.annotations.JsProperty;
import jsinterop.annotations.JsType;

/** GPUAdapter (spec §4.3). */
@JsType(isNative = true, namespace = JsPackage.GLOBAL)
public class GPUAdapter {
  @JsProperty public native GPUSupportedFeatures getFeatures();

  @JsProperty public native GPUSupportedLimits getLimits();

  @JsProperty public native GPUAdapterInfo getInfo();

  public native Promise<GPUDevice> requestDevice(GPUDeviceDescriptor descriptor);
}
