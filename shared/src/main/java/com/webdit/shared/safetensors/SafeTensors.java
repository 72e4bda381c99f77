package com.webdit.shared.safetensors;

import com.webdit.shared.json.Json;
import com.webdit.shared.json.JsonException;
import com.webdit.shared.json.Utf8;
import com.webdit.shared.num.Fp16;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed safetensors file (https://github.com/huggingface/safetensors#format): an 8-byte
 * little-endian header length, a JSON header, then the tensor bytes.
 *
 * <p>Parsing validates everything before any tensor is read: header length bound, JSON shape,
 * known dtypes, shapes matching byte lengths, offsets in range, and tensors that tile the data
 * section with no gap or overlap. Any violation throws {@link SafeTensorsException} naming the
 * tensor and the numbers involved.
 *
 * <p>Int8 tensors carry per-output-channel scales in a companion tensor named
 * {@code <name>.scale} (F32 or F16, shape [dim0]); int4 tensors ({@link DType#I4}, stored as U8
 * with the last dimension halved; {@link TensorInfo} gives the unpacked shape) carry one scale per
 * group of consecutive values of a row, shape [dim0, groups]. {@link #floats} dequantizes both.
 */
public final class SafeTensors {
  /** The safetensors reference implementation refuses headers over 100 MB; so do we. */
  public static final int MAX_HEADER_BYTES = 100_000_000;

  public static final String SCALE_SUFFIX = ".scale";

  private final ByteSource file;
  private final int dataStart;
  private final Map<String, String> metadata;
  private final Map<String, TensorInfo> tensors;

  private SafeTensors(ByteSource file, int dataStart, Map<String, String> metadata, Map<String, TensorInfo> tensors) {
    this.file = file;
    this.dataStart = dataStart;
    this.metadata = metadata;
    this.tensors = tensors;
  }

  public static SafeTensors parse(byte[] file) {
    return parse(ByteSource.of(file));
  }

  /**
   * Parses the header only; the tensor bytes stay in file (not copied) and are read when asked
   * for, so file must not change afterwards.
   */
  public static SafeTensors parse(ByteSource file) {
    return parse(readHeader(file));
  }

  /** The header's text, read and decoded, and where it came from: the first half of a parse. */
  public static final class RawHeader {
    private final ByteSource file;
    private final String text;
    private final int dataStart;

    private RawHeader(ByteSource file, String text, int dataStart) {
      this.file = file;
      this.text = text;
      this.dataStart = dataStart;
    }

    /** The header's JSON text. */
    public String text() {
      return text;
    }
  }

  /**
   * The first half of {@link #parse(ByteSource)}: length checks and the header's bytes decoded as
   * UTF-8. A browser opens its weight file in two main-thread tasks, this and {@link #parse(RawHeader)},
   * because the whole parse of the shipped model's header runs past 50 ms on a busy machine.
   */
  public static RawHeader readHeader(ByteSource file) {
    int length = file.length();
    if (length < 8) {
      throw new SafeTensorsException("file is " + length + " bytes, shorter than the 8-byte header length");
    }
    long headerLen = Bytes.u64(file, 0);
    if (headerLen < 2 || headerLen > MAX_HEADER_BYTES) {
      throw new SafeTensorsException("header length " + headerLen + " is outside [2, " + MAX_HEADER_BYTES + "]");
    }
    if (8 + headerLen > length) {
      throw new SafeTensorsException("header length " + headerLen + " runs past the end of the " + length + "-byte file");
    }
    int hl = (int) headerLen;
    if (file.get(8) != '{') {
      throw new SafeTensorsException("header does not start with '{'");
    }
    byte[] headerBytes = new byte[hl];
    file.copy(8, headerBytes, 0, hl);
    try {
      return new RawHeader(file, Utf8.decode(headerBytes, 0, hl), 8 + hl);
    } catch (IllegalArgumentException e) {
      throw new SafeTensorsException("header is not valid JSON: " + e.getMessage());
    }
  }

  /** The second half of {@link #parse(ByteSource)}: the header's JSON and every check on it. */
  public static SafeTensors parse(RawHeader raw) {
    Map<String, Object> header;
    try {
      header = Json.parseObject(raw.text);
    } catch (IllegalArgumentException | JsonException e) {
      throw new SafeTensorsException("header is not valid JSON: " + e.getMessage());
    }
    ByteSource file = raw.file;
    int dataStart = raw.dataStart;
    int dataLen = file.length() - dataStart;

    Map<String, String> metadata = new LinkedHashMap<>();
    Map<String, TensorInfo> tensors = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : header.entrySet()) {
      String name = e.getKey();
      if (name.equals("__metadata__")) {
        readMetadata(e.getValue(), metadata);
        continue;
      }
      tensors.put(name, readEntry(name, e.getValue(), dataLen));
    }
    checkTiling(tensors, dataLen);
    checkScales(tensors);
    return new SafeTensors(file, dataStart, Collections.unmodifiableMap(metadata), Collections.unmodifiableMap(tensors));
  }

  private static void readMetadata(Object value, Map<String, String> out) {
    if (!(value instanceof Map<?, ?> map)) {
      throw new SafeTensorsException("__metadata__ must be an object of strings");
    }
    for (Map.Entry<?, ?> m : map.entrySet()) {
      if (!(m.getValue() instanceof String s)) {
        throw new SafeTensorsException("__metadata__ value for \"" + m.getKey() + "\" must be a string");
      }
      out.put((String) m.getKey(), s);
    }
  }

  private static TensorInfo readEntry(String name, Object value, int dataLen) {
    if (!(value instanceof Map<?, ?> entry)) {
      throw new SafeTensorsException("tensor \"" + name + "\": header entry must be an object");
    }
    for (Object key : entry.keySet()) {
      if (!key.equals("dtype") && !key.equals("shape") && !key.equals("data_offsets")) {
        throw new SafeTensorsException("tensor \"" + name + "\": unexpected key \"" + key + "\"");
      }
    }
    if (!(entry.get("dtype") instanceof String dtypeName)) {
      throw new SafeTensorsException("tensor \"" + name + "\": missing string \"dtype\"");
    }
    DType dtype;
    try {
      dtype = DType.named(dtypeName);
    } catch (SafeTensorsException ex) {
      throw new SafeTensorsException("tensor \"" + name + "\": " + ex.getMessage());
    }
    int[] shape = intList(name, "shape", entry.get("shape"), -1);
    if (dtype == DType.I4) {
      if (shape.length < 2) {
        throw new SafeTensorsException("tensor \"" + name + "\": U8 (int4) tensors need a channel and a row dimension");
      }
      if (shape[shape.length - 1] > Integer.MAX_VALUE / 2) {
        throw new SafeTensorsException("tensor \"" + name + "\": U8 (int4) last dimension is too large");
      }
      shape[shape.length - 1] *= 2; // two int4 values per byte: the tensor's own shape
    }
    int[] offsets = intList(name, "data_offsets", entry.get("data_offsets"), 2);
    int begin = offsets[0];
    int end = offsets[1];
    if (begin > end || end > dataLen) {
      throw new SafeTensorsException("tensor \"" + name + "\": data_offsets [" + begin + ", " + end
          + "] are not inside the " + dataLen + "-byte data section");
    }
    long expected = dtype.byteLength(TensorInfo.elementCount(shape));
    if (end - begin != expected) {
      TensorInfo t = new TensorInfo(name, dtype, shape, begin, end);
      throw new SafeTensorsException("tensor \"" + name + "\": shape " + t.shapeString() + " of " + dtype
          + " needs " + expected + " bytes but data_offsets span " + (end - begin));
    }
    return new TensorInfo(name, dtype, shape, begin, end);
  }

  private static int[] intList(String tensor, String key, Object value, int requiredLength) {
    if (!(value instanceof List<?> list)) {
      throw new SafeTensorsException("tensor \"" + tensor + "\": \"" + key + "\" must be an array of integers");
    }
    if (requiredLength >= 0 && list.size() != requiredLength) {
      throw new SafeTensorsException("tensor \"" + tensor + "\": \"" + key + "\" must have " + requiredLength + " entries");
    }
    int[] out = new int[list.size()];
    for (int i = 0; i < out.length; i++) {
      Object v = list.get(i);
      if (!(v instanceof Long l) || l < 0 || l > Integer.MAX_VALUE) {
        throw new SafeTensorsException("tensor \"" + tensor + "\": \"" + key + "\"[" + i + "] = " + v
            + " is not an integer in [0, 2^31)");
      }
      out[i] = (int) (long) l;
    }
    return out;
  }

  /** The tensors must cover [0, dataLen) exactly once, as the safetensors format requires. */
  private static void checkTiling(Map<String, TensorInfo> tensors, int dataLen) {
    List<TensorInfo> sorted = new ArrayList<>(tensors.values());
    sorted.sort((a, b) -> a.begin() != b.begin() ? Integer.compare(a.begin(), b.begin()) : Integer.compare(a.end(), b.end()));
    int cursor = 0;
    String previous = null;
    for (TensorInfo t : sorted) {
      if (t.begin() < cursor) {
        throw new SafeTensorsException("tensors \"" + previous + "\" and \"" + t.name() + "\" overlap at byte " + t.begin());
      }
      if (t.begin() > cursor) {
        throw new SafeTensorsException("bytes [" + cursor + ", " + t.begin() + ") of the data section belong to no tensor");
      }
      cursor = t.end();
      previous = t.name();
    }
    if (cursor != dataLen) {
      throw new SafeTensorsException("bytes [" + cursor + ", " + dataLen + ") of the data section belong to no tensor");
    }
  }

  /**
   * Every I8 tensor needs its per-row scale and every I4 tensor its per-group scales, checked here
   * rather than when first read: a file that parses is a file every loader can dequantize, so a
   * server never publishes one that only fails in a visitor's browser.
   */
  private static void checkScales(Map<String, TensorInfo> tensors) {
    for (TensorInfo t : tensors.values()) {
      if (t.dtype() != DType.I8 && t.dtype() != DType.I4) {
        continue;
      }
      if (t.shape().length == 0 || t.shape()[0] == 0) {
        throw new SafeTensorsException("tensor \"" + t.name() + "\": " + t.dtype() + " tensors need a leading channel dimension");
      }
      String scaleName = t.name() + SCALE_SUFFIX;
      TensorInfo s = tensors.get(scaleName);
      if (s == null) {
        throw new SafeTensorsException("tensor \"" + t.name() + "\" is " + t.dtype() + " but \"" + scaleName + "\" is missing");
      }
      int rows = t.shape()[0];
      boolean floatScale = s.dtype() == DType.F32 || s.dtype() == DType.F16;
      if (t.dtype() == DType.I8) {
        if (!floatScale || s.shape().length != 1 || s.shape()[0] != rows) {
          throw new SafeTensorsException("tensor \"" + scaleName + "\" must be F32 or F16 of shape [" + rows
              + "], found " + s.dtype() + " " + s.shapeString());
        }
        continue;
      }
      int rowLength = t.elements() / rows;
      if (!floatScale || s.shape().length != 2 || s.shape()[0] != rows || s.shape()[1] == 0
          || rowLength % s.shape()[1] != 0 || (rowLength / s.shape()[1]) % 2 != 0) {
        throw new SafeTensorsException("tensor \"" + scaleName + "\" must be F32 or F16 of shape [" + rows
            + ", groups], groups dividing the row length " + rowLength + " into even groups, found " + s.dtype() + " "
            + s.shapeString());
      }
    }
  }

  /** Values per scale of an I4 tensor: its row length over the scale's second dimension. */
  public int groupSize(String name) {
    TensorInfo t = info(name);
    if (t.dtype() != DType.I4) {
      throw new SafeTensorsException("tensor \"" + name + "\" is " + t.dtype() + ", not I4: it has no groups");
    }
    return t.elements() / t.shape()[0] / info(name + SCALE_SUFFIX).shape()[1];
  }

  public Map<String, String> metadata() {
    return metadata;
  }

  public Map<String, TensorInfo> tensors() {
    return tensors;
  }

  public boolean has(String name) {
    return tensors.containsKey(name);
  }

  public TensorInfo info(String name) {
    TensorInfo t = tensors.get(name);
    if (t == null) {
      throw new SafeTensorsException("missing tensor \"" + name + "\"");
    }
    return t;
  }

  /** Value {@code nibble} (0: low four bits, 1: high four bits) of a packed int4 byte, in [-8, 7]. */
  public static int int4(byte packed, int nibble) {
    return (packed << (28 - 4 * nibble)) >> 28;
  }

  /** A copy of the tensor's raw little-endian bytes. */
  public byte[] rawBytes(String name) {
    TensorInfo t = info(name);
    byte[] out = new byte[t.end() - t.begin()];
    file.copy(dataStart + t.begin(), out, 0, out.length);
    return out;
  }

  /** The bytes this file was parsed from (the browser uploads tensors to the GPU straight from them). */
  public ByteSource source() {
    return file;
  }

  /** Where the tensor's raw bytes start in {@link #source()}; they run for {@code info(name).end() - info(name).begin()} bytes. */
  public int sourceOffset(String name) {
    return dataStart + info(name).begin();
  }

  /**
   * The tensor as float32 values: F32 as is, F16 widened, I8 times its per-row scale, I4 (value i in
   * the low nibble of byte i / 2 when i is even, the high nibble when odd, as a signed 4-bit integer)
   * times the scale of its group.
   */
  public float[] floats(String name) {
    TensorInfo t = info(name);
    int n = t.elements();
    float[] out = new float[n];
    int base = dataStart + t.begin();
    switch (t.dtype()) {
      case F32:
        for (int i = 0; i < n; i++) {
          out[i] = Float.intBitsToFloat(Bytes.i32(file, base + 4 * i));
        }
        return out;
      case F16:
        for (int i = 0; i < n; i++) {
          out[i] = Fp16.toFloat(Bytes.u16(file, base + 2 * i));
        }
        return out;
      case I8: {
        float[] scale = floats(name + SCALE_SUFFIX); // present and [rows]-shaped: checked by parse
        int perRow = n / t.shape()[0];
        for (int i = 0; i < n; i++) {
          out[i] = file.get(base + i) * scale[i / perRow];
        }
        return out;
      }
      case I4: {
        float[] scale = floats(name + SCALE_SUFFIX); // [rows, groups], whole even groups: checked by parse
        int group = groupSize(name);
        for (int i = 0; i < n; i++) {
          out[i] = int4(file.get(base + i / 2), i % 2) * scale[i / group];
        }
        return out;
      }
      default:
        throw new SafeTensorsException("unhandled dtype " + t.dtype());
    }
  }
}
