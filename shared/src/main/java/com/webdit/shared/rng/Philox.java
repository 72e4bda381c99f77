package com.webdit.shared.rng;

/**
 * Philox4x32-10 (Salmon et al., "Parallel random numbers: as easy as 1, 2, 3", SC'11), the
 * counter-based generator WebDiT uses everywhere: Java, WGSL and Python give the same bits for the
 * same (key, counter), so a seed reproduces the same favicon on every path.
 *
 * <p>The 32x32->64 multiply is done in {@code long}, which GWT emulates exactly (plain JS numbers
 * would lose the low bits).
 */
public final class Philox {
  private static final long M0 = 0xD2511F53L;
  private static final long M1 = 0xCD9E8D57L;
  private static final int W0 = 0x9E3779B9;
  private static final int W1 = 0xBB67AE85;
  public static final int ROUNDS = 10;

  private Philox() {}

  /** Returns the four 32-bit output words for counter (c0..c3) under key (k0, k1). */
  public static int[] block(int c0, int c1, int c2, int c3, int k0, int k1) {
    for (int round = 0; round < ROUNDS; round++) {
      if (round > 0) {
        k0 += W0;
        k1 += W1;
      }
      long p0 = M0 * (c0 & 0xFFFFFFFFL);
      long p1 = M1 * (c2 & 0xFFFFFFFFL);
      int hi0 = (int) (p0 >>> 32);
      int lo0 = (int) p0;
      int hi1 = (int) (p1 >>> 32);
      int lo1 = (int) p1;
      c0 = hi1 ^ c1 ^ k0;
      c1 = lo1;
      c2 = hi0 ^ c3 ^ k1;
      c3 = lo0;
    }
    return new int[] {c0, c1, c2, c3};
  }
}
