package com.webdit.client.dom;

import elemental2.core.ArrayBuffer;
import elemental2.core.ArrayBufferView;
import elemental2.dom.DomGlobal;
import elemental2.promise.Promise;
import jsinterop.annotations.JsOverlay;
import jsinterop.annotations.JsPackage;
import jsinterop.annotations.JsType;
import jsinterop.base.Js;

/** crypto.subtle (Web Crypto), only the digest the weight check needs; present in secure contexts. */
@JsType(isNative = true, namespace = JsPackage.GLOBAL)
public class SubtleCrypto {
  public native Promise<ArrayBuffer> digest(String algorithm, ArrayBufferView data);

  /** window.crypto.subtle, or null outside a secure context. */
  @JsOverlay
  public static SubtleCrypto get() {
    Object crypto = Js.asPropertyMap(DomGlobal.window).get("crypto");
    if (crypto == null) {
      return null;
    }
    Object subtle = Js.asPropertyMap(crypto).get("subtle");
    return subtle == null ? null : Js.uncheckedCast(subtle);
  }
}
