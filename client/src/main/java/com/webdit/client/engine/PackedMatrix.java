package com.webdit.client.engine;

import com.webdit.client.kernels.Gpu;
import com.webdit.client.kernels.MatmulKernel.WeightFormat;
import com.webdit.client.gpu.GPUBuffer;
import com.webdit.shared.num.Fp16;
import com.webdit.shared.safetensors.DType;
import com.webdit.shared.safetensors.SafeTensors;
import com.webdit.shared.safetensors.TensorInfo;

/**
 * A weight matrix as the matmul kernel reads it: fp16 pairs or int8 quads packed in u32 words,
 * plus per-row scales for int8. F16 and I8 tensors upload their file bytes unchanged; F32 ones
 * (test files) are rounded to fp16.
 */
final class PackedMatrix {
  final WeightFormat format;
  final int[] words;
  final float[] scales; // int8 only
  final int rows;

  private PackedMatrix(WeightFormat format, int[] words, float[] scales, int rows) {
    this.format = format;
    this.words = words;
    this.scales = scales;
    this.rows = rows;
  }

  static PackedMatrix of(SafeTensors st, String name) {
    TensorInfo t = st.info(name);
    int rows = t.shape()[0];
    if (t.dtype() == DType.I8) {
      return new PackedMatrix(WeightFormat.I8, words(st.rawBytes(name)), st.floats(name + SafeTensors.SCALE_SUFFIX), rows);
    }
    if (t.dtype() == DType.F16) {
      return new PackedMatrix(WeightFormat.F16, words(st.rawBytes(name)), null, rows);
    }
    return fromFloats(st.floats(name), rows);
  }

  static PackedMatrix fromFloats(float[] values, int rows) {
    int[] w = new int[(values.length + 1) / 2];
    for (int i = 0; i < values.length; i++) {
      w[i >> 1] |= Fp16.fromFloat(values[i]) << (16 * (i & 1));
    }
    return new PackedMatrix(WeightFormat.F16, w, null, rows);
  }

  /** Stacks matrices row-wise (all adaLN layers in one matmul); mixed formats fall back to fp16. */
  static PackedMatrix concat(SafeTensors st, String... names) {
    boolean allI8 = true;
    boolean allF16 = true;
    for (String n : names) {
      allI8 &= st.info(n).dtype() == DType.I8;
      allF16 &= st.info(n).dtype() == DType.F16;
    }
    if (allI8 || allF16) {
      int totalWords = 0;
      int totalRows = 0;
      PackedMatrix[] parts = new PackedMatrix[names.length];
      for (int i = 0; i < names.length; i++) {
        parts[i] = of(st, names[i]);
        totalWords += parts[i].words.length;
        totalRows += parts[i].rows;
      }
      int[] w = new int[totalWords];
      float[] s = allI8 ? new float[totalRows] : null;
      int wo = 0;
      int so = 0;
      for (PackedMatrix p : parts) {
        System.arraycopy(p.words, 0, w, wo, p.words.length);
        wo += p.words.length;
        if (s != null) {
          System.arraycopy(p.scales, 0, s, so, p.rows);
          so += p.rows;
        }
      }
      return new PackedMatrix(allI8 ? WeightFormat.I8 : WeightFormat.F16, w, s, totalRows);
    }
    int total = 0;
    float[][] values = new float[names.length][];
    int rows = 0;
    for (int i = 0; i < names.length; i++) {
      values[i] = st.floats(names[i]);
      total += values[i].length;
      rows += st.info(names[i]).shape()[0];
    }
    float[] all = new float[total];
    int o = 0;
    for (float[] v : values) {
      System.arraycopy(v, 0, all, o, v.length);
      o += v.length;
    }
    return fromFloats(all, rows);
  }

  /** Little-endian bytes to u32 words (a row of K fp16 or int8 values needs K % 2 or K % 4 == 0). */
  static int[] words(byte[] bytes) {
    int[] w = new int[(bytes.length + 3) / 4];
    int full = bytes.length / 4;
    for (int j = 0, i = 0; j < full; j++, i += 4) { // a word per iteration: this runs on the page's main thread
      w[j] = (bytes[i] & 0xff) | (bytes[i + 1] & 0xff) << 8 | (bytes[i + 2] & 0xff) << 16 | bytes[i + 3] << 24;
    }
    for (int i = full * 4; i < bytes.length; i++) {
      w[i >> 2] |= (bytes[i] & 0xff) << (8 * (i & 3));
    }
    return w;
  }

  GPUBuffer upload(Gpu gpu, String label) {
    return gpu.storageWords(label, words);
  }

  GPUBuffer uploadScales(Gpu gpu, String label) {
    return scales == null ? null : gpu.storage(label + " scales", scales);
  }
}
