package com.webdit.client.gpu;

import jsinterop.annotations.JsPackage;
import jsinterop.annotations.JsType;

/** GPUCommandBuffer (opaque). */
@JsType(isNative = true, namespace = JsPackage.GLOBAL)
public class GPUCommandBuffer {}
