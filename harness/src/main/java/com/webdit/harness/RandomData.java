package com.webdit.harness;

import com.webdit.shared.num.Fp16;
import java.util.Random;

/** Random kernel inputs and the packed weight formats, with the values the GPU will really see. */
final class RandomData {
  final Random random;

  RandomData(int seed) {
    random = new Random(seed);
  }

  float[] uniform(int n, double lo, double hi) {
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      out[i] = (float) (lo + (hi - lo) * random.nextDouble());
    }
    return out;
  }

  float[] gaussian(int n, double std) {
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      out[i] = (float) (random.nextGaussian() * std);
    }
    return out;
  }

  /** Rounds values to fp16 in place and returns them packed two per u32 (element 2i in the low half). */
  static int[] packF16(float[] values) {
    int[] words = new int[(values.length + 1) / 2];
    for (int i = 0; i < values.length; i++) {
      int half = Fp16.fromFloat(values[i]);
      values[i] = Fp16.toFloat(half);
      words[i >> 1] |= half << (16 * (i & 1));
    }
    return words;
  }

  /** int8 values packed four per u32 (element 4i in the lowest byte). */
  static int[] packI8(byte[] q) {
    int[] words = new int[(q.length + 3) / 4];
    for (int i = 0; i < q.length; i++) {
      words[i >> 2] |= (q[i] & 0xff) << (8 * (i & 3));
    }
    return words;
  }

  /** int4 values in [-8, 7] packed eight per u32 (element 8i in the lowest nibble), as the file's U8 bytes read little-endian. */
  static int[] packI4(byte[] q) {
    int[] words = new int[(q.length + 7) / 8];
    for (int i = 0; i < q.length; i++) {
      words[i >> 3] |= (q[i] & 0xf) << (4 * (i & 7));
    }
    return words;
  }
}
