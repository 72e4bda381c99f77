package com.webdit.client.engine;

import com.webdit.client.kernels.Gpu;
import com.webdit.client.kernels.MatmulKernel.WeightFormat;
import com.webdit.client.webgpu.GPUBuffer;
import com.webdit.shared.model.ModelFormatException;
import com.webdit.shared.num.Fp16;
import com.webdit.shared.safetensors.DType;
import com.webdit.shared.safetensors.SafeTensors;
import com.webdit.shared.safetensors.TensorInfo;
import elemental2.core.Uint8Array;
import java.util.Arrays;

/**
 * A weight matrix as the matmul kernel reads it: fp16 pairs, int8 quads or int4 octets packed in
 * u32 words, plus per-row scales for int8 and per-group scales for int4. F16, I8 and I4 tensors
 * upload their file bytes unchanged (the words are the file's little-endian bytes): from a
 * downloaded file they go to the GPU as a view of the download, with no copy on the page's main
 * thread; F32 ones (test files) are rounded to fp16.
 */
final class PackedMatrix {
  final WeightFormat format;
  final Uint8Array bytes; // little-endian u32 words, padded to a whole word
  final float[] scales; // int8: [rows]; int4: [rows, row length / groupSize]
  final int groupSize; // int4 only, else 0
  final int rows;

  private PackedMatrix(WeightFormat format, Uint8Array bytes, float[] scales, int groupSize, int rows) {
    this.format = format;
    this.bytes = bytes;
    this.scales = scales;
    this.groupSize = groupSize;
    this.rows = rows;
  }

  /** The format a tensor of this dtype is uploaded in (F32 test files are rounded to fp16). */
  static WeightFormat formatOf(DType dtype) {
    return dtype == DType.I8 ? WeightFormat.I8 : dtype == DType.I4 ? WeightFormat.I4 : WeightFormat.F16;
  }

  static PackedMatrix of(SafeTensors st, String name) {
    TensorInfo t = st.info(name);
    int rows = t.shape()[0];
    if (t.dtype() == DType.I8) {
      return new PackedMatrix(WeightFormat.I8, fileBytes(st, name), st.floats(name + SafeTensors.SCALE_SUFFIX), 0, rows);
    }
    if (t.dtype() == DType.I4) {
      return new PackedMatrix(WeightFormat.I4, fileBytes(st, name), st.floats(name + SafeTensors.SCALE_SUFFIX),
          st.groupSize(name), rows);
    }
    if (t.dtype() == DType.F16) {
      return new PackedMatrix(WeightFormat.F16, fileBytes(st, name), null, 0, rows);
    }
    return fromFloats(st.floats(name), rows);
  }

  /**
   * The tensor's bytes as they lie in the file, padded to a whole u32 word: a view of the download
   * when the file was read in place (every downloaded file), else a copy (a file opened from a byte[]).
   */
  private static Uint8Array fileBytes(SafeTensors st, String name) {
    if (!(st.source() instanceof DownloadedBytes download)) {
      return Gpu.bytes(st.rawBytes(name));
    }
    TensorInfo t = st.info(name);
    int length = t.end() - t.begin();
    Uint8Array view = download.view(st.sourceOffset(name), length);
    if (length % 4 == 0) {
      return view;
    }
    Uint8Array padded = new Uint8Array((length + 3) / 4 * 4); // writeBuffer takes whole words
    padded.set(view);
    return padded;
  }

  static PackedMatrix fromFloats(float[] values, int rows) {
    byte[] b = new byte[2 * values.length];
    for (int i = 0; i < values.length; i++) {
      int h = Fp16.fromFloat(values[i]);
      b[2 * i] = (byte) h;
      b[2 * i + 1] = (byte) (h >> 8);
    }
    return new PackedMatrix(WeightFormat.F16, Gpu.bytes(b), null, 0, rows);
  }

  /**
   * Matrices stacked row-wise in one GPU buffer (all adaLN layers in one matmul), written one
   * part at a time so an engine build can put each part in its own task. The stack keeps the
   * parts' own format when they share F16, I8, or I4 with one group size; mixed or F32 parts are
   * rounded to fp16. Either way the buffers hold exactly the bytes of the parts' packings laid end
   * to end (the scales too: int4 scales are row-major per part, so the stack's are as well).
   */
  static final class Stack {
    final WeightFormat format;
    final int groupSize; // int4 only, else 0
    final GPUBuffer weights;
    final GPUBuffer scales; // int8 and int4 only
    private final boolean ownFormat; // every part in one quantised format, or every part F16: uploaded as in the file
    private final String[] names;
    private final int[] byteOffsets;
    private final int[] scaleOffsets;

    Stack(Gpu gpu, SafeTensors st, String label, String... names) {
      this.ownFormat = sameFormat(st, names);
      this.format = ownFormat ? PackedMatrix.formatOf(st.info(names[0]).dtype()) : WeightFormat.F16;
      this.groupSize = format == WeightFormat.I4 ? st.groupSize(names[0]) : 0;
      this.names = Arrays.copyOf(names, names.length);
      byteOffsets = new int[names.length + 1];
      scaleOffsets = new int[names.length + 1];
      for (int i = 0; i < names.length; i++) {
        TensorInfo t = st.info(names[i]);
        int bytes = format == WeightFormat.I4 ? t.elements() / 2 : t.elements() * (format == WeightFormat.I8 ? 1 : 2);
        // writeBuffer takes whole u32 words at word offsets; only the last part may end mid-word.
        if (bytes % 4 != 0 && i + 1 < names.length) {
          throw new ModelFormatException("cannot stack \"" + names[i] + "\": its " + bytes
              + " packed bytes are not whole u32 words, so the next part would start mid-word");
        }
        byteOffsets[i + 1] = byteOffsets[i] + bytes;
        int scaleCount = format == WeightFormat.I4 ? t.elements() / groupSize : t.shape()[0];
        scaleOffsets[i + 1] = scaleOffsets[i] + scaleCount;
      }
      weights = gpu.storage(label, (byteOffsets[names.length] + 3) / 4 * 4);
      scales = format == WeightFormat.F16 ? null : gpu.storage(label + " scales", 4.0 * scaleOffsets[names.length]);
    }

    /** The format a stack of these parts has: their own when they share one (and one int4 group size), else F16. */
    static WeightFormat formatOf(SafeTensors st, String... names) {
      return sameFormat(st, names) ? PackedMatrix.formatOf(st.info(names[0]).dtype()) : WeightFormat.F16;
    }

    private static boolean sameFormat(SafeTensors st, String... names) {
      DType shared = st.info(names[0]).dtype();
      boolean same = shared != DType.F32;
      for (String n : names) {
        same &= st.info(n).dtype() == shared && (shared != DType.I4 || st.groupSize(n) == st.groupSize(names[0]));
      }
      return same;
    }

    /** Packs part i (in the stack's format) and writes it at its place. */
    void write(Gpu gpu, SafeTensors st, int i) {
      PackedMatrix m = ownFormat ? of(st, names[i]) : fromFloats(st.floats(names[i]), st.info(names[i]).shape()[0]);
      gpu.write(weights, byteOffsets[i], m.bytes);
      if (scales != null) {
        gpu.write(scales, 4.0 * scaleOffsets[i], Gpu.floats(m.scales));
      }
    }
  }

  GPUBuffer upload(Gpu gpu, String label) {
    GPUBuffer b = gpu.storage(label, bytes.byteLength);
    gpu.write(b, 0, bytes);
    return b;
  }

  GPUBuffer uploadScales(Gpu gpu, String label) {
    return scales == null ? null : gpu.storage(label + " scales", scales);
  }
}
