package com.webdit.shared.icon;

/** Little-endian writes into byte arrays (ICO and ZIP are little-endian throughout). */
final class Bytes {
  private Bytes() {}

  static void le16(byte[] b, int at, int v) {
    b[at] = (byte) v;
    b[at + 1] = (byte) (v >>> 8);
  }

  static void le32(byte[] b, int at, int v) {
    le16(b, at, v);
    le16(b, at + 2, v >>> 16);
  }
}
