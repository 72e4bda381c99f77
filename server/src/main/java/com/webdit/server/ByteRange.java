package com.webdit.server;

/**
 * A single byte range from a Range header (RFC 9110, 14.1.2), resolved against the length of the
 * representation: {@code bytes=0-99}, {@code bytes=100-} or {@code bytes=-100}. Enough to resume
 * an interrupted weight download; several ranges at once are answered with the whole body, as the
 * RFC allows.
 *
 * @param first index of the first byte sent
 * @param last index of the last byte sent (inclusive)
 */
record ByteRange(long first, long last) {
  /** The header does not apply: absent, not bytes, malformed or several ranges; send the whole body. */
  static final ByteRange WHOLE = new ByteRange(-1, -1);
  /** Syntactically fine but outside the body: answer 416. */
  static final ByteRange UNSATISFIABLE = new ByteRange(-2, -2);

  static ByteRange parse(String header, long length) {
    if (header == null || !header.startsWith("bytes=")) {
      return WHOLE;
    }
    String spec = header.substring("bytes=".length()).trim();
    if (spec.indexOf(',') >= 0) {
      return WHOLE;
    }
    int dash = spec.indexOf('-');
    if (dash < 0) {
      return WHOLE;
    }
    String a = spec.substring(0, dash).trim();
    String b = spec.substring(dash + 1).trim();
    if (!digits(a) && !a.isEmpty() || !digits(b) && !b.isEmpty() || a.isEmpty() && b.isEmpty()) {
      return WHOLE;
    }
    if (a.isEmpty()) { // suffix: the last n bytes
      long n = Long.parseLong(b);
      if (n == 0 || length == 0) {
        return UNSATISFIABLE;
      }
      return new ByteRange(Math.max(0, length - n), length - 1);
    }
    long first = Long.parseLong(a);
    if (!b.isEmpty() && Long.parseLong(b) < first) {
      return WHOLE; // invalid: the RFC says to ignore it
    }
    if (first >= length) {
      return UNSATISFIABLE;
    }
    long last = b.isEmpty() ? length - 1 : Math.min(Long.parseLong(b), length - 1);
    return new ByteRange(first, last);
  }

  /** 1 to 18 ASCII digits: no sign, no overflow. */
  private static boolean digits(String s) {
    if (s.isEmpty() || s.length() > 18) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  long length() {
    return last - first + 1;
  }
}
