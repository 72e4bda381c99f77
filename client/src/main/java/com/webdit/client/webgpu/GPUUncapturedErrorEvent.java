package com.webdit.client.webgpu;

import elemental2.dom.Event;
import jsinterop.annotations.JsPackage;
import jsinterop.annotations.JsProperty;
import jsinterop.annotations.JsType;

/** The "uncapturederror" event a GPUDevice fires for errors no error scope caught. */
@JsType(isNative = true, namespace = JsPackage.GLOBAL)
public class GPUUncapturedErrorEvent extends Event {
  public GPUUncapturedErrorEvent(String type) {
    super(type);
  }

  @JsProperty public native GPUError getError();
}
