package com.webdit.client.webgpu;

import jsinterop.annotations.JsPackage;
import jsinterop.annotations.JsType;

/** GPUBindGroupLayout (opaque here: pipelines use layout "auto"). */
@JsType(isNative = true, namespace = JsPackage.GLOBAL)
public class GPUBindGroupLayout {}
