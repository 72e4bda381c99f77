package com.webdit.client.webgpu;

/** GPUMapMode flags (spec §5.1.5). */
public final class GPUMapMode {
  public static final int READ = 0x0001;
  public static final int WRITE = 0x0002;

  private GPUMapMode() {}
}
