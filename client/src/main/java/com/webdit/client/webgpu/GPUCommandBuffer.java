package com.webdit.client.webgpu;

import jsinterop.annotations.JsPackage;
import jsinterop.annotations.JsType;

/** GPUCommandBuffer (opaque). */
@JsType(isNative = true, namespace = JsPackage.GLOBAL)
public class GPUCommandBuffer {}
