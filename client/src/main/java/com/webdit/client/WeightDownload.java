package com.webdit.client;

import com.webdit.client.dom.StreamReader;
import com.webdit.client.dom.SubtleCrypto;
import com.webdit.client.dom.Yield;
import elemental2.core.ArrayBuffer;
import elemental2.core.Int8Array;
import elemental2.core.Uint8Array;
import elemental2.dom.AbortSignal;
import elemental2.promise.Promise;
import java.util.ArrayList;
import java.util.List;
import jsinterop.base.Js;

/**
 * Fetches a weight file with progress, checks its SHA-256 against the server's manifest
 * (crypto.subtle), and hands the bytes to the shared safetensors reader.
 */
public final class WeightDownload {
  /** Progress callback: bytes received so far out of the expected total. */
  public interface Progress {
    void onProgress(double loaded, double total);
  }

  private WeightDownload() {}

  /** Plain fetch without progress or hash check (tests that load a known file). */
  public static Promise<byte[]> fetch(String url) {
    return Net.fetch(url, null).then(response -> {
      if (!response.ok) {
        return Promise.reject(new GpuUnavailableException("weights", "cannot load " + url + ": HTTP " + response.status));
      }
      return response.arrayBuffer();
    }).then(buffer -> Promise.resolve(toBytes(new Uint8Array(buffer))));
  }

  /**
   * Downloads url (expectedBytes after decompression), reporting progress, and verifies sha256
   * (hex). signal (may be null) cancels the download. The page gets the main thread back between
   * the body's chunks (a body that is all there already would otherwise be read in one task: 250 ms
   * for the shipped model on a busy machine) and between the slices in which the bytes are copied
   * into Java's byte[]. What is left is allocating that byte[] (see toBytesInSlices).
   */
  public static Promise<byte[]> fetchVerified(String url, double expectedBytes, String sha256, AbortSignal signal,
      Progress progress) {
    return Net.fetch(url, signal).then(response -> {
      if (!response.ok) {
        return Promise.reject(new GpuUnavailableException("weights", "cannot load " + url + ": HTTP " + response.status));
      }
      if (response.body == null) {
        return response.arrayBuffer().then(b -> Promise.resolve(new Uint8Array(b)));
      }
      StreamReader reader = Js.uncheckedCast(response.body.getReader());
      List<Uint8Array> chunks = new ArrayList<>();
      return readAll(reader, chunks, 0, expectedBytes, progress);
    }).then(data -> {
      SubtleCrypto subtle = SubtleCrypto.get();
      if (subtle == null) {
        return Promise.reject(new GpuUnavailableException("weights",
            "cannot verify the weights: crypto.subtle needs a secure context (https or localhost)"));
      }
      return subtle.digest("SHA-256", data).then(digest -> {
        String got = hex(digest);
        if (!got.equals(sha256)) {
          return Promise.reject(new GpuUnavailableException("weights", "weight file " + url + " is corrupt: SHA-256 "
              + got + ", manifest says " + sha256));
        }
        return toBytesInSlices(data, new byte[data.length], 0, signal);
      });
    });
  }

  private static Promise<Uint8Array> readAll(StreamReader reader, List<Uint8Array> chunks, double loaded, double total,
      Progress progress) {
    return reader.read().then(result -> {
      if (result.done) {
        Uint8Array all = new Uint8Array((int) loaded);
        int offset = 0;
        for (Uint8Array c : chunks) {
          all.set(c, offset);
          offset += c.length;
        }
        return Promise.resolve(all);
      }
      chunks.add(result.value);
      double now = loaded + result.value.length;
      progress.onProgress(now, total);
      return Yield.toPage().then(ignored -> readAll(reader, chunks, now, total, progress));
    });
  }

  static String hex(ArrayBuffer digest) {
    Uint8Array b = new Uint8Array(digest);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < b.length; i++) {
      int v = b.getAt(i).intValue();
      sb.append(Character.forDigit(v >> 4, 16)).append(Character.forDigit(v & 15, 16));
    }
    return sb.toString();
  }

  /**
   * Copies data[from..] into out, 256 KiB per task (a few ms each), yielding to the page between
   * slices; stops when signal is aborted. out is allocated whole by the caller: a GWT byte[] is a
   * JavaScript array, and {@code new byte[n]} zero-fills it in one task (145 ms for the shipped
   * model on a busy 2-core machine). Growing an empty one instead was measured worse: reallocating
   * and collecting the growing array made single slices take up to 170 ms. Only reading the
   * tensors straight from the downloaded Uint8Array, without a byte[], would remove that task.
   */
  private static Promise<byte[]> toBytesInSlices(Uint8Array data, byte[] out, int from, AbortSignal signal) {
    if (signal != null && signal.aborted) {
      // The fetch's own abort ends the download; this ends the copy that follows it.
      return Promise.reject(new Failure(Failure.Cause.CANCELLED, "stopped"));
    }
    Int8Array view = new Int8Array(data.buffer, data.byteOffset, data.length);
    int to = Math.min(out.length, from + SLICE);
    for (int i = from; i < to; i++) {
      out[i] = view.getAt(i).byteValue();
    }
    if (to >= out.length) {
      return Promise.resolve(out);
    }
    return Yield.toPage().then(ignored -> toBytesInSlices(data, out, to, signal));
  }

  private static final int SLICE = 256 * 1024;

  public static byte[] toBytes(Uint8Array data) {
    Int8Array view = new Int8Array(data.buffer, data.byteOffset, data.length);
    byte[] out = new byte[view.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = view.getAt(i).byteValue();
    }
    return out;
  }
}
