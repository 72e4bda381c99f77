package com.webdit.client.kernels;

/** Why this browser cannot run the WebGPU engine, in words a visitor can act on. */
public final class GpuUnavailableException extends RuntimeException {
  /** What failed: "no-webgpu", "no-adapter", "device-failed", "device-lost", "gpu-error", "kernel". */
  public final String kind;

  public GpuUnavailableException(String kind, String message) {
    super(message);
    this.kind = kind;
  }
}
