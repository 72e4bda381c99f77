package com.webdit.shared.num;

/**
 * IEEE 754 binary16 <-> binary32 conversion on raw bits, bit-exact: round to nearest, ties to
 * even; subnormals both ways; infinities kept; NaN stays NaN (quiet, upper payload bits kept).
 * Integer-only so the JVM, GWT and WGSL's {@code unpack2x16float} agree on every value.
 */
public final class Fp16 {
  private Fp16() {}

  public static float toFloat(int halfBits) {
    return Float.intBitsToFloat(halfToFloatBits(halfBits));
  }

  public static int fromFloat(float value) {
    return floatToHalfBits(Float.floatToIntBits(value));
  }

  public static int halfToFloatBits(int h) {
    int sign = (h & 0x8000) << 16;
    int exp = (h >>> 10) & 0x1f;
    int mant = h & 0x3ff;
    if (exp == 0x1f) {
      return sign | 0x7f800000 | (mant << 13);
    }
    if (exp != 0) {
      return sign | ((exp + 112) << 23) | (mant << 13);
    }
    if (mant == 0) {
      return sign;
    }
    // Subnormal half: shift the leading one up to the implicit-bit position.
    int shift = 0;
    while ((mant & 0x400) == 0) {
      mant <<= 1;
      shift++;
    }
    return sign | ((113 - shift) << 23) | ((mant & 0x3ff) << 13);
  }

  public static int floatToHalfBits(int f) {
    int sign = (f >>> 16) & 0x8000;
    int exp = (f >>> 23) & 0xff;
    int mant = f & 0x7fffff;
    if (exp == 0xff) {
      if (mant == 0) {
        return sign | 0x7c00;
      }
      return sign | 0x7c00 | 0x200 | (mant >>> 13); // quiet NaN, never collapses to infinity
    }
    int e = exp - 112; // rebias 127 -> 15
    if (e >= 0x1f) {
      return sign | 0x7c00;
    }
    if (e <= 0) {
      if (e < -10) {
        return sign; // below half the smallest subnormal: rounds to zero
      }
      int m = mant | 0x800000;
      int shift = 14 - e;
      int half = m >>> shift;
      int rem = m & ((1 << shift) - 1);
      int halfway = 1 << (shift - 1);
      if (rem > halfway || (rem == halfway && (half & 1) != 0)) {
        half++;
      }
      return sign | half;
    }
    int half = (e << 10) | (mant >>> 13);
    int rem = mant & 0x1fff;
    if (rem > 0x1000 || (rem == 0x1000 && (half & 1) != 0)) {
      half++; // a carry into the exponent is correct, up to and including infinity
    }
    return sign | half;
  }
}
