package com.webdit.shared.safetensors;

/** A byte[] as a ByteSource (server, tests, the CPU reference); the array is not copied. */
final class ArrayByteSource implements ByteSource {
  private final byte[] bytes;

  ArrayByteSource(byte[] bytes) {
    this.bytes = bytes;
  }

  @Override
  public int length() {
    return bytes.length;
  }

  @Override
  public byte get(int index) {
    return bytes[index];
  }

  @Override
  public void copy(int from, byte[] out, int offset, int length) {
    System.arraycopy(bytes, from, out, offset, length);
  }
}
