package com.webdit.client.dom;

import elemental2.core.Uint8Array;
import jsinterop.annotations.JsPackage;
import jsinterop.annotations.JsType;

/** One result of StreamReader.read(): a chunk, or done. */
@JsType(isNative = true, namespace = JsPackage.GLOBAL, name = "Object")
public class ReadResult {
  public boolean done;
  public Uint8Array value;
}
