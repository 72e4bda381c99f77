package com.webdit.client;

import elemental2.core.ArrayBuffer;
import elemental2.core.Int8Array;
import elemental2.dom.DomGlobal;
import elemental2.promise.Promise;

/** Fetches a weight file as bytes for the shared safetensors reader. */
public final class WeightDownload {
  private WeightDownload() {}

  public static Promise<byte[]> fetch(String url) {
    return DomGlobal.fetch(url).then(response -> {
      if (!response.ok) {
        return Promise.reject(new GpuUnavailableException("weights", "cannot load " + url + ": HTTP " + response.status));
      }
      return response.arrayBuffer();
    }).then(buffer -> Promise.resolve(toBytes(buffer)));
  }

  public static byte[] toBytes(ArrayBuffer buffer) {
    Int8Array view = new Int8Array(buffer);
    byte[] out = new byte[view.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = view.getAt(i).byteValue();
    }
    return out;
  }
}
