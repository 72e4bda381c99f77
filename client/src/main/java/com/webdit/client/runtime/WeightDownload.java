package com.webdit.client.runtime;

import com.webdit.client.dom.StreamReader;
import com.webdit.client.dom.SubtleCrypto;
import com.webdit.client.dom.Yield;
import com.webdit.client.engine.DownloadedBytes;
import com.webdit.client.kernels.GpuUnavailableException;
import com.webdit.client.net.Net;
import elemental2.core.ArrayBuffer;
import elemental2.core.Uint8Array;
import elemental2.dom.AbortSignal;
import elemental2.promise.Promise;
import java.util.ArrayList;
import java.util.List;
import jsinterop.base.Js;

/**
 * Fetches a weight file with progress, checks its SHA-256 against the server's manifest
 * (crypto.subtle), and hands the bytes, in place, to the shared safetensors reader.
 */
public final class WeightDownload {
  /** Progress callback: bytes received so far out of the expected total. */
  public interface Progress {
    void onProgress(double loaded, double total);
  }

  private WeightDownload() {}

  /** Plain fetch without progress or hash check (tests that load a known file). */
  public static Promise<DownloadedBytes> fetch(String url) {
    return Net.fetch(url, null).then(response -> {
      if (!response.ok) {
        return Promise.reject(new GpuUnavailableException("weights", "cannot load " + url + ": HTTP " + response.status));
      }
      return response.arrayBuffer();
    }).then(buffer -> Promise.resolve(new DownloadedBytes(new Uint8Array(buffer))));
  }

  /**
   * Downloads url (expectedBytes after decompression), reporting progress, and verifies sha256
   * (hex). signal (may be null) cancels the download. The page gets the main thread back between
   * the body's chunks (a body that is all there already would otherwise be read in one task: 250 ms
   * for the shipped model on a busy machine). The bytes are then read where they lie
   * (DownloadedBytes), never copied into a Java byte[].
   */
  public static Promise<DownloadedBytes> fetchVerified(String url, double expectedBytes, String sha256, AbortSignal signal,
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
    }).then(data -> Yield.toPage().then(ignored -> verify(data, url, sha256, signal)));
  }

  /**
   * Checks data against the manifest's SHA-256. Chromium was seen hashing on the calling task
   * (20-60 ms for the shipped model on a busy machine), so it gets a task of its own, and what
   * follows (opening the file) another one.
   */
  private static Promise<DownloadedBytes> verify(Uint8Array data, String url, String sha256, AbortSignal signal) {
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
      return Yield.toPage();
    }).then(ignored -> {
      if (signal != null && signal.aborted) {
        // The fetch's own abort ends the download; this ends a verified one that arrives after it.
        return Promise.reject(new Failure(Failure.Cause.CANCELLED, "stopped"));
      }
      return Promise.resolve(new DownloadedBytes(data));
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
}
