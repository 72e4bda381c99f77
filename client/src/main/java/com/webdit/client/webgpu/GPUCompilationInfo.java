package com.webdit.client.webgpu;

import jsinterop.annotations.JsPackage;
import jsinterop.annotations.JsProperty;
import jsinterop.annotations.JsType;

/** GPUCompilationInfo: the WGSL compiler's messages. */
@JsType(isNative = true, namespace = JsPackage.GLOBAL)
public class GPUCompilationInfo {
  @JsProperty public native GPUCompilationMessage[] getMessages();
}
