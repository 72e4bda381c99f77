package com.webdit.shared.safetensors;

/**
 * The element types WebDiT reads and writes. Each is stored under a safetensors dtype name; I4
 * (int4 in [-8, 7], two to a byte, the low nibble first) is stored as {@code U8}, a standard
 * safetensors dtype, with the last dimension halved, so any safetensors reader opens the file.
 */
public enum DType {
  F32("F32", 8),
  F16("F16", 4),
  I8("I8", 2),
  I4("U8", 1);

  /** The dtype as the file's header spells it. */
  public final String fileName;
  private final int halfBytes; // bytes per element, times two

  DType(String fileName, int halfBytes) {
    this.fileName = fileName;
    this.halfBytes = halfBytes;
  }

  /** Bytes that {@code elements} values take in the file (I4: two to a byte; an odd count is refused). */
  public long byteLength(long elements) {
    if (this == I4 && elements % 2 != 0) {
      throw new SafeTensorsException(elements + " int4 values do not fill whole bytes");
    }
    return elements * halfBytes / 2;
  }

  /** Looks a safetensors dtype name up; unknown names fail with the list of known ones. */
  public static DType named(String name) {
    for (DType d : values()) {
      if (d.fileName.equals(name)) {
        return d;
      }
    }
    throw new SafeTensorsException("unknown dtype \"" + name + "\" (known: F32, F16, I8, U8 for int4)");
  }
}
