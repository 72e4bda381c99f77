package com.webdit.client.engine;

import com.webdit.shared.safetensors.ByteSource;
import elemental2.core.Int8Array;
import elemental2.core.Uint8Array;

/**
 * A downloaded weight file read in place: the shared safetensors reader parses it through this
 * ByteSource and the engine uploads its tensors to the GPU as views of it, so the file is never
 * copied into a Java byte[] (a JavaScript array, whose allocation alone blocked the page for over
 * 100 ms for the 4 MB int8 model).
 */
public final class DownloadedBytes implements ByteSource {
  private final Uint8Array data;
  private final Int8Array signed; // the same bytes, read as Java's signed byte

  public DownloadedBytes(Uint8Array data) {
    this.data = data;
    this.signed = new Int8Array(data.buffer, data.byteOffset, data.length);
  }

  @Override
  public int length() {
    return data.length;
  }

  @Override
  public byte get(int index) {
    if (index < 0 || index >= data.length) {
      // A typed array reads undefined out of range; Java code expects an exception.
      throw new IndexOutOfBoundsException("byte " + index + " of " + data.length);
    }
    return signed.getAt(index).byteValue();
  }

  @Override
  public void copy(int from, byte[] out, int offset, int length) {
    checkRange(from, length);
    for (int i = 0; i < length; i++) {
      out[offset + i] = signed.getAt(from + i).byteValue();
    }
  }

  /** Bytes [from, from + length) as a view of the download: no copy. */
  public Uint8Array view(int from, int length) {
    checkRange(from, length);
    return new Uint8Array(data.buffer, data.byteOffset + from, length);
  }

  /** A typed array reads undefined out of range (and a view past its end throws a RangeError): say which bytes. */
  private void checkRange(int from, int length) {
    if (from < 0 || length < 0 || from + length > data.length) {
      throw new IndexOutOfBoundsException("bytes [" + from + ", " + (from + length) + ") of " + data.length);
    }
  }
}
