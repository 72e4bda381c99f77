package com.webdit.shared.safetensors;

import com.webdit.shared.json.Json;
import com.webdit.shared.json.Utf8;
import com.webdit.shared.num.Fp16;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds a safetensors file in memory: tensors in insertion order, header padded to 8 bytes. */
public final class SafeTensorsWriter {
  private record Entry(String name, DType dtype, int[] shape, byte[] data) {}

  private final Map<String, String> metadata = new LinkedHashMap<>();
  private final List<Entry> entries = new ArrayList<>();

  public SafeTensorsWriter metadata(String key, String value) {
    metadata.put(key, value);
    return this;
  }

  public SafeTensorsWriter raw(String name, DType dtype, int[] shape, byte[] data) {
    if (name.equals("__metadata__")) {
      throw new SafeTensorsException("\"__metadata__\" is reserved");
    }
    for (Entry e : entries) {
      if (e.name.equals(name)) {
        throw new SafeTensorsException("tensor \"" + name + "\" added twice");
      }
    }
    if (dtype == DType.I4 && (shape.length < 2 || shape[shape.length - 1] % 2 != 0)) {
      throw new SafeTensorsException("tensor \"" + name + "\": int4 needs a channel dimension and an even last dimension");
    }
    long expected = dtype.byteLength(TensorInfo.elementCount(shape));
    if (data.length != expected) {
      throw new SafeTensorsException("tensor \"" + name + "\": " + data.length + " bytes given, shape needs " + expected);
    }
    entries.add(new Entry(name, dtype, java.util.Arrays.copyOf(shape, shape.length), data));
    return this;
  }

  public SafeTensorsWriter f32(String name, int[] shape, float[] values) {
    byte[] b = new byte[values.length * 4];
    for (int i = 0; i < values.length; i++) {
      Bytes.putI32(b, 4 * i, Float.floatToIntBits(values[i]));
    }
    return raw(name, DType.F32, shape, b);
  }

  public SafeTensorsWriter f16(String name, int[] shape, float[] values) {
    byte[] b = new byte[values.length * 2];
    for (int i = 0; i < values.length; i++) {
      Bytes.putU16(b, 2 * i, Fp16.fromFloat(values[i]));
    }
    return raw(name, DType.F16, shape, b);
  }

  /**
   * Symmetric int8 with one scale per output channel (the first dimension): scale = max|w| / 127,
   * so every row keeps its full int8 range. The scale goes in {@code name + ".scale"} as F32.
   */
  public SafeTensorsWriter i8PerChannel(String name, int[] shape, float[] values) {
    int rows = shape[0];
    int perRow = values.length / rows;
    byte[] q = new byte[values.length];
    float[] scale = new float[rows];
    for (int r = 0; r < rows; r++) {
      float max = 0f;
      for (int i = 0; i < perRow; i++) {
        max = Math.max(max, Math.abs(values[r * perRow + i]));
      }
      scale[r] = max == 0f ? 1f : max / 127f;
      for (int i = 0; i < perRow; i++) {
        int v = Math.round(values[r * perRow + i] / scale[r]);
        q[r * perRow + i] = (byte) Math.max(-127, Math.min(127, v));
      }
    }
    raw(name, DType.I8, shape, q);
    return f32(name + SafeTensors.SCALE_SUFFIX, new int[] {rows}, scale);
  }

  /**
   * Symmetric int4 in [-8, 7] with one scale per {@code group} consecutive values of a row (the
   * first dimension is the row): scale = max|w| / 7.5 of the group, the plain rule (export.py also
   * searches scales for less error; a reader only sees the scales). Scales go in
   * {@code name + ".scale"} as F32, shape [rows, groups].
   */
  public SafeTensorsWriter i4Groups(String name, int[] shape, float[] values, int group) {
    int rows = shape[0];
    int perRow = values.length / rows;
    if (group <= 0 || group % 2 != 0 || perRow % group != 0) {
      throw new SafeTensorsException("tensor \"" + name + "\": int4 groups of " + group + " must be even and divide the row length " + perRow);
    }
    int groups = values.length / group;
    float[] scale = new float[groups];
    byte[] packed = new byte[values.length / 2];
    for (int g = 0; g < groups; g++) {
      float max = 0f;
      for (int i = 0; i < group; i++) {
        max = Math.max(max, Math.abs(values[g * group + i]));
      }
      scale[g] = max == 0f ? 1f : max / 7.5f;
      for (int i = 0; i < group; i++) {
        int at = g * group + i;
        int q = Math.max(-8, Math.min(7, Math.round(values[at] / scale[g])));
        packed[at / 2] |= (byte) ((q & 0xF) << (4 * (at % 2)));
      }
    }
    raw(name, DType.I4, shape, packed);
    return f32(name + SafeTensors.SCALE_SUFFIX, new int[] {rows, perRow / group}, scale);
  }

  public byte[] toBytes() {
    Map<String, Object> header = new LinkedHashMap<>();
    if (!metadata.isEmpty()) {
      header.put("__metadata__", new LinkedHashMap<String, Object>(metadata));
    }
    long offset = 0;
    for (Entry e : entries) {
      Map<String, Object> h = new LinkedHashMap<>();
      h.put("dtype", e.dtype.fileName);
      List<Object> shape = new ArrayList<>();
      for (int i = 0; i < e.shape.length; i++) {
        boolean packedDim = e.dtype == DType.I4 && i == e.shape.length - 1; // two int4 values per byte
        shape.add(Long.valueOf(packedDim ? e.shape[i] / 2 : e.shape[i]));
      }
      h.put("shape", shape);
      List<Object> offsets = new ArrayList<>();
      offsets.add(Long.valueOf(offset));
      offset += e.data.length;
      offsets.add(Long.valueOf(offset));
      h.put("data_offsets", offsets);
      header.put(e.name, h);
    }
    byte[] json = Utf8.encode(Json.write(header));
    int padded = (json.length + 7) / 8 * 8; // align the data section to 8 bytes, padding with spaces
    byte[] out = new byte[(int) (8 + padded + offset)];
    Bytes.putU64(out, 0, padded);
    System.arraycopy(json, 0, out, 8, json.length);
    for (int i = json.length; i < padded; i++) {
      out[8 + i] = ' ';
    }
    int p = 8 + padded;
    for (Entry e : entries) {
      System.arraycopy(e.data, 0, out, p, e.data.length);
      p += e.data.length;
    }
    return out;
  }
}
