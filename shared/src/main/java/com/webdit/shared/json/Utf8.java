package com.webdit.shared.json;

/** Strict UTF-8 codec on byte arrays (GWT has no java.nio charsets worth relying on). */
public final class Utf8 {
  private Utf8() {}

  public static String decode(byte[] bytes, int offset, int length) {
    // Into a char[] and one String at the end: appending char by char is what made opening the
    // browser's weight file (a 10 KB header) a long task on the page's main thread.
    char[] out = new char[length]; // UTF-16 never needs more units than UTF-8 has bytes
    int n = 0;
    int i = offset;
    int end = offset + length;
    while (i < end) {
      int b = bytes[i] & 0xff;
      int cp;
      int extra;
      if (b < 0x80) {
        cp = b;
        extra = 0;
      } else if (b >= 0xc2 && b < 0xe0) {
        cp = b & 0x1f;
        extra = 1;
      } else if (b >= 0xe0 && b < 0xf0) {
        cp = b & 0x0f;
        extra = 2;
      } else if (b >= 0xf0 && b < 0xf5) {
        cp = b & 0x07;
        extra = 3;
      } else {
        throw new IllegalArgumentException("invalid UTF-8 lead byte at offset " + (i - offset));
      }
      for (int k = 1; k <= extra; k++) {
        if (i + k >= end) {
          throw new IllegalArgumentException("truncated UTF-8 sequence at offset " + (i - offset));
        }
        int c = bytes[i + k] & 0xff;
        if ((c & 0xc0) != 0x80) {
          throw new IllegalArgumentException("invalid UTF-8 continuation at offset " + (i + k - offset));
        }
        cp = (cp << 6) | (c & 0x3f);
      }
      if ((extra == 2 && (cp < 0x800 || (cp >= 0xd800 && cp < 0xe000)))
          || (extra == 3 && (cp < 0x10000 || cp > 0x10ffff))) {
        throw new IllegalArgumentException("overlong or invalid UTF-8 code point at offset " + (i - offset));
      }
      if (cp >= 0x10000) {
        cp -= 0x10000;
        out[n++] = (char) (0xd800 + (cp >> 10));
        out[n++] = (char) (0xdc00 + (cp & 0x3ff));
      } else {
        out[n++] = (char) cp;
      }
      i += extra + 1;
    }
    return new String(out, 0, n);
  }

  public static byte[] encode(String s) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n += 1;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    }
    byte[] out = new byte[n];
    int p = 0;
    for (int i = 0; i < s.length(); i++) {
      int c = s.charAt(i);
      if (c < 0x80) {
        out[p++] = (byte) c;
      } else if (c < 0x800) {
        out[p++] = (byte) (0xc0 | (c >> 6));
        out[p++] = (byte) (0x80 | (c & 0x3f));
      } else if (Character.isHighSurrogate((char) c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        int cp = Character.toCodePoint((char) c, s.charAt(++i));
        out[p++] = (byte) (0xf0 | (cp >> 18));
        out[p++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
        out[p++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
        out[p++] = (byte) (0x80 | (cp & 0x3f));
      } else {
        out[p++] = (byte) (0xe0 | (c >> 12));
        out[p++] = (byte) (0x80 | ((c >> 6) & 0x3f));
        out[p++] = (byte) (0x80 | (c & 0x3f));
      }
    }
    return out;
  }
}
