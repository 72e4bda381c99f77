package com.webdit.shared.safetensors;

/**
 * Read-only bytes a safetensors file is parsed from. The server reads a {@code byte[]}; the
 * browser reads the downloaded {@code Uint8Array} in place, because copying a 4 MB file into a GWT
 * {@code byte[]} (a JavaScript array, zero-filled on allocation) blocks the page's main thread for
 * over 100 ms.
 */
public interface ByteSource {
  int length();

  /** The byte at index as Java's signed byte. */
  byte get(int index);

  /** Copies bytes [from, from + length) into out at offset. */
  default void copy(int from, byte[] out, int offset, int length) {
    for (int i = 0; i < length; i++) {
      out[offset + i] = get(from + i);
    }
  }

  static ByteSource of(byte[] bytes) {
    return new ArrayByteSource(bytes);
  }
}
