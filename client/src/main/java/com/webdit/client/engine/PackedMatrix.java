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
 * A weight matrix as the matmul kernel reads it: fp16 pairs or int8 quads packed in u32 words,
 * plus per-row scales for int8. F16 and I8 tensors upload their file bytes unchanged (the words
 * are the file's little-endian bytes): from a downloaded file they go to the GPU as a view of the
 * download, with no copy on the page's main thread; F32 ones (test files) are rounded to fp16.
 */
final class PackedMatrix {
  final WeightFormat format;
  final Uint8Array bytes; // little-endian u32 words, padded to a whole word
  final float[] scales; // int8 only
  final int rows;

  private PackedMatrix(WeightFormat format, Uint8Array bytes, float[] scales, int rows) {
    this.format = format;
    this.bytes = bytes;
    this.scales = scales;
    this.rows = rows;
  }

  static PackedMatrix of(SafeTensors st, String name) {
    TensorInfo t = st.info(name);
    int rows = t.shape()[0];
    if (t.dtype() == DType.I8) {
      return new PackedMatrix(WeightFormat.I8, fileBytes(st, name), st.floats(name + SafeTensors.SCALE_SUFFIX), rows);
    }
    if (t.dtype() == DType.F16) {
      return new PackedMatrix(WeightFormat.F16, fileBytes(st, name), null, rows);
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
    return new PackedMatrix(WeightFormat.F16, Gpu.bytes(b), null, rows);
  }

  /**
   * Matrices stacked row-wise in one GPU buffer (all adaLN layers in one matmul), written one
   * part at a time so an engine build can put each part in its own task. The stack keeps the
   * parts' own format when they share F16 or I8; mixed or F32 parts are rounded to fp16. Either
   * way the buffers hold exactly the bytes of the parts' packings laid end to end.
   */
  static final class Stack {
    final WeightFormat format;
    final GPUBuffer weights;
    final GPUBuffer scales; // int8 only
    private final boolean ownFormat; // every part is F16, or every part I8: uploaded as in the file
    private final String[] names;
    private final int[] byteOffsets;
    private final int[] rowOffsets;

    Stack(Gpu gpu, SafeTensors st, String label, String... names) {
      boolean allI8 = true;
      boolean allF16 = true;
      for (String n : names) {
        allI8 &= st.info(n).dtype() == DType.I8;
        allF16 &= st.info(n).dtype() == DType.F16;
      }
      this.format = allI8 ? WeightFormat.I8 : WeightFormat.F16;
      this.ownFormat = allI8 || allF16;
      this.names = Arrays.copyOf(names, names.length);
      byteOffsets = new int[names.length + 1];
      rowOffsets = new int[names.length + 1];
      for (int i = 0; i < names.length; i++) {
        TensorInfo t = st.info(names[i]);
        int bytes = t.elements() * (allI8 ? 1 : 2);
        // writeBuffer takes whole u32 words at word offsets; only the last part may end mid-word.
        if (bytes % 4 != 0 && i + 1 < names.length) {
          throw new ModelFormatException("cannot stack \"" + names[i] + "\": its " + bytes
              + " packed bytes are not whole u32 words, so the next part would start mid-word");
        }
        byteOffsets[i + 1] = byteOffsets[i] + bytes;
        rowOffsets[i + 1] = rowOffsets[i] + t.shape()[0];
      }
      weights = gpu.storage(label, (byteOffsets[names.length] + 3) / 4 * 4);
      scales = allI8 ? gpu.storage(label + " scales", 4.0 * rowOffsets[names.length]) : null;
    }

    /** Packs part i (in the stack's format) and writes it at its place. */
    void write(Gpu gpu, SafeTensors st, int i) {
      PackedMatrix m = ownFormat ? of(st, names[i]) : fromFloats(st.floats(names[i]), st.info(names[i]).shape()[0]);
      gpu.write(weights, byteOffsets[i], m.bytes);
      if (scales != null) {
        gpu.write(scales, 4.0 * rowOffsets[i], Gpu.floats(m.scales));
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
