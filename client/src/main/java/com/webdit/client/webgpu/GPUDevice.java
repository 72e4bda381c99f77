package com.webdit.client.webgpu;

import elemental2.dom.EventListener;
import elemental2.promise.Promise;
import jsinterop.annotations.JsPackage;
import jsinterop.annotations.JsProperty;
import jsinterop.annotations.JsType;

/** GPUDevice (spec §4.4). */
@JsType(isNative = true, namespace = JsPackage.GLOBAL)
public class GPUDevice {
  @JsProperty public native GPUQueue getQueue();

  @JsProperty public native GPUSupportedLimits getLimits();

  /** Resolves once, when the device is lost (destroyed, driver reset, out of memory, ...). */
  @JsProperty public native Promise<GPUDeviceLostInfo> getLost();

  public native GPUBuffer createBuffer(GPUBufferDescriptor descriptor);

  public native GPUShaderModule createShaderModule(GPUShaderModuleDescriptor descriptor);

  public native Promise<GPUComputePipeline> createComputePipelineAsync(GPUComputePipelineDescriptor descriptor);

  public native GPUBindGroup createBindGroup(GPUBindGroupDescriptor descriptor);

  public native GPUCommandEncoder createCommandEncoder();

  /** "validation", "out-of-memory" or "internal". */
  public native void pushErrorScope(String filter);

  /** Resolves to the first error caught in the scope, or null. */
  public native Promise<GPUError> popErrorScope();

  /** For "uncapturederror"; the event carries an {@code error} of type GPUError. */
  public native void addEventListener(String type, EventListener listener);

  public native void destroy();
}
