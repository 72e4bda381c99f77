package com.webdit.shared.icon;

/**
 * RFC 4648 base64url without padding, the one spelling a remix start takes in a URL. Written here
 * because GWT emulates no java.util.Base64 and this class runs in the browser and on the server.
 */
public final class Base64Url {
  private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

  private Base64Url() {}

  /** Characters of {@code bytes} bytes encoded: 4 per 3 bytes, no padding. */
  public static int encodedLength(int bytes) {
    return (bytes * 4 + 2) / 3;
  }

  public static String encode(byte[] bytes) {
    StringBuilder b = new StringBuilder(encodedLength(bytes.length));
    for (int i = 0; i < bytes.length; i += 3) {
      int n = (bytes[i] & 0xff) << 16;
      if (i + 1 < bytes.length) {
        n |= (bytes[i + 1] & 0xff) << 8;
      }
      if (i + 2 < bytes.length) {
        n |= bytes[i + 2] & 0xff;
      }
      int chars = Math.min(4, encodedLength(bytes.length - i));
      for (int k = 0; k < chars; k++) {
        b.append(ALPHABET.charAt((n >> (18 - 6 * k)) & 63));
      }
    }
    return b.toString();
  }

  /**
   * The bytes of an unpadded base64url text.
   *
   * @throws IllegalArgumentException naming the first character that is not base64url, or a length
   *     no byte count encodes to, or unused bits that are not zero (a second spelling of the same bytes)
   */
  public static byte[] decode(String text) {
    int n = text.length();
    if (n % 4 == 1) {
      throw new IllegalArgumentException("base64url text of " + n + " characters encodes no whole number of bytes");
    }
    byte[] out = new byte[n * 3 / 4];
    int bits = 0;
    int acc = 0;
    int o = 0;
    for (int i = 0; i < n; i++) {
      int v = ALPHABET.indexOf(text.charAt(i));
      if (v < 0) {
        throw new IllegalArgumentException("character " + i + " ('" + text.charAt(i) + "') is not base64url "
            + "(A-Z, a-z, 0-9, - and _, no padding)");
      }
      acc = (acc << 6) | v;
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        out[o++] = (byte) (acc >> bits);
        acc &= (1 << bits) - 1;
      }
    }
    if (acc != 0) {
      throw new IllegalArgumentException("the last base64url character has bits set that encode nothing");
    }
    return out;
  }
}
