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
 * plus per-row scales for int8. F16 and I8 tensors upload their file bytes unchanged (the words
 * are the file's little-endian bytes, so they go to the GPU in one native typed-array copy, not a
 * loop per word on the page's main thread); F32 ones (test files) are rounded to fp16.
 */
final class PackedMatrix {
  final WeightFormat format;
  final byte[] bytes; // little-endian u32 words
  final float[] scales; // int8 only
  final int rows;

  private PackedMatrix(WeightFormat format, byte[] bytes, float[] scales, int rows) {
    this.format = format;
    this.bytes = bytes;
    this.scales = scales;
    this.rows = rows;
  }

  static PackedMatrix of(SafeTensors st, String name) {
    TensorInfo t = st.info(name);
    int rows = t.shape()[0];
    if (t.dtype() == DType.I8) {
      return new PackedMatrix(WeightFormat.I8, st.rawBytes(name), st.floats(name + SafeTensors.SCALE_SUFFIX), rows);
    }
    if (t.dtype() == DType.F16) {
      return new PackedMatrix(WeightFormat.F16, st.rawBytes(name), null, rows);
    }
    return fromFloats(st.floats(name), rows);
  }

  static PackedMatrix fromFloats(float[] values, int rows) {
    byte[] b = new byte[2 * values.length];
    for (int i = 0; i < values.length; i++) {
      int h = Fp16.fromFloat(values[i]);
      b[2 * i] = (byte) h;
      b[2 * i + 1] = (byte) (h >> 8);
    }
    return new PackedMatrix(WeightFormat.F16, b, null, rows);
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
      int totalBytes = 0;
      int totalRows = 0;
      PackedMatrix[] parts = new PackedMatrix[names.length];
      for (int i = 0; i < names.length; i++) {
        parts[i] = of(st, names[i]);
        totalBytes += parts[i].bytes.length;
        totalRows += parts[i].rows;
      }
      byte[] w = new byte[totalBytes];
      float[] s = allI8 ? new float[totalRows] : null;
      int wo = 0;
      int so = 0;
      for (PackedMatrix p : parts) {
        System.arraycopy(p.bytes, 0, w, wo, p.bytes.length);
        wo += p.bytes.length;
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

  GPUBuffer upload(Gpu gpu, String label) {
    return gpu.storageBytes(label, bytes);
  }

  GPUBuffer uploadScales(Gpu gpu, String label) {
    return scales == null ? null : gpu.storage(label + " scales", scales);
  }
}
