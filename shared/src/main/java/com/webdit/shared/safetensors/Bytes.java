package com.webdit.shared.safetensors;

/** Little-endian reads and writes on byte arrays and ByteSources (no java.nio, so GWT compiles it). */
final class Bytes {
  private Bytes() {}

  static int u16(byte[] b, int off) {
    return (b[off] & 0xff) | ((b[off + 1] & 0xff) << 8);
  }

  static int i32(byte[] b, int off) {
    return (b[off] & 0xff) | ((b[off + 1] & 0xff) << 8) | ((b[off + 2] & 0xff) << 16) | ((b[off + 3] & 0xff) << 24);
  }

  static long u64(byte[] b, int off) {
    return (i32(b, off) & 0xFFFFFFFFL) | ((long) i32(b, off + 4) << 32);
  }

  static int u16(ByteSource b, int off) {
    return (b.get(off) & 0xff) | ((b.get(off + 1) & 0xff) << 8);
  }

  static int i32(ByteSource b, int off) {
    return (b.get(off) & 0xff) | ((b.get(off + 1) & 0xff) << 8) | ((b.get(off + 2) & 0xff) << 16)
        | ((b.get(off + 3) & 0xff) << 24);
  }

  static long u64(ByteSource b, int off) {
    return (i32(b, off) & 0xFFFFFFFFL) | ((long) i32(b, off + 4) << 32);
  }

  static void putU16(byte[] b, int off, int v) {
    b[off] = (byte) v;
    b[off + 1] = (byte) (v >>> 8);
  }

  static void putI32(byte[] b, int off, int v) {
    b[off] = (byte) v;
    b[off + 1] = (byte) (v >>> 8);
    b[off + 2] = (byte) (v >>> 16);
    b[off + 3] = (byte) (v >>> 24);
  }

  static void putU64(byte[] b, int off, long v) {
    putI32(b, off, (int) v);
    putI32(b, off + 4, (int) (v >>> 32));
  }
}
