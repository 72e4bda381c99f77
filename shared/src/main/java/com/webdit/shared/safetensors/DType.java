package com.webdit.shared.safetensors;

/** The element types WebDiT reads and writes, under their safetensors names. */
public enum DType {
  F32(4),
  F16(2),
  I8(1);

  public final int bytes;

  DType(int bytes) {
    this.bytes = bytes;
  }

  /** Looks a safetensors dtype name up; unknown names fail with the list of known ones. */
  public static DType named(String name) {
    for (DType d : values()) {
      if (d.name().equals(name)) {
        return d;
      }
    }
    throw new SafeTensorsException("unknown dtype \"" + name + "\" (known: F32, F16, I8)");
  }
}
