package com.webdit.client.dom;

import elemental2.promise.Promise;
import jsinterop.annotations.JsPackage;
import jsinterop.annotations.JsType;

/** ReadableStreamDefaultReader of a fetch body: chunks of bytes, so downloads can show progress. */
@JsType(isNative = true, namespace = JsPackage.GLOBAL, name = "ReadableStreamDefaultReader")
public class StreamReader {
  public native Promise<ReadResult> read();
}
