package com.webdit.shared.num;

/**
 * The llm.c-style check used by every kernel and golden test: |got - ref| <= tol + |ref| * eps,
 * reporting the first mismatches (at most ten) and the largest difference.
 */
public final class Compare {
  public static final int MAX_REPORTED = 10;

  private Compare() {}

  /** Returns null when every value is within tolerance, else a readable report. */
  public static String mismatches(String what, float[] ref, float[] got, double tol, double eps) {
    if (ref.length != got.length) {
      return what + ": length " + got.length + " != reference length " + ref.length;
    }
    StringBuilder sb = new StringBuilder();
    int bad = 0;
    double maxDiff = 0;
    for (int i = 0; i < ref.length; i++) {
      double diff = Math.abs((double) got[i] - ref[i]);
      boolean ok = diff <= tol + Math.abs(ref[i]) * eps; // false for NaN, as it should be
      if (!(diff <= maxDiff)) {
        maxDiff = diff;
      }
      if (!ok) {
        if (bad < MAX_REPORTED) {
          sb.append("  [").append(i).append("] ref=").append(ref[i]).append(" got=").append(got[i])
              .append(" diff=").append(diff).append('\n');
        }
        bad++;
      }
    }
    if (bad == 0) {
      return null;
    }
    return what + ": " + bad + " of " + ref.length + " values outside tol " + tol + " + |ref|*" + eps
        + " (max diff " + maxDiff + "), first ones:\n" + sb;
  }

  public static double maxAbsDiff(float[] a, float[] b) {
    double m = 0;
    for (int i = 0; i < a.length; i++) {
      double d = Math.abs((double) a[i] - b[i]);
      if (!(d <= m)) {
        m = d;
      }
    }
    return m;
  }
}
