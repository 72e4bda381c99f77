package com.webdit.shared.model;

import com.webdit.shared.safetensors.SafeTensors;
import com.webdit.shared.safetensors.TensorInfo;

/**
 * WebDiT's rules on top of safetensors: {@code __metadata__} must hold
 * {@code format = "webdit"}, {@code format_version = "1"} and {@code config} (a DiTConfig as JSON).
 * Every loader goes through {@link #open} so a stale or foreign file is refused with a hint.
 */
public final class WeightFile {
  public static final String FORMAT = "webdit";
  public static final String FORMAT_VERSION = "1";
  public static final String KEY_FORMAT = "format";
  public static final String KEY_VERSION = "format_version";
  public static final String KEY_CONFIG = "config";

  private static final String HINT = " (regenerate it with training/export.py or training/make_golden.py)";

  private final SafeTensors tensors;
  private final DiTConfig config;

  private WeightFile(SafeTensors tensors, DiTConfig config) {
    this.tensors = tensors;
    this.config = config;
  }

  public static WeightFile open(byte[] bytes) {
    return of(SafeTensors.parse(bytes));
  }

  public static WeightFile of(SafeTensors st) {
    String format = st.metadata().get(KEY_FORMAT);
    if (!FORMAT.equals(format)) {
      throw new ModelFormatException("not a WebDiT weight file: __metadata__.format is "
          + (format == null ? "missing" : "\"" + format + "\"") + ", expected \"" + FORMAT + "\"" + HINT);
    }
    String version = st.metadata().get(KEY_VERSION);
    if (!FORMAT_VERSION.equals(version)) {
      throw new ModelFormatException("unsupported WebDiT format_version " + version + ", this build reads "
          + FORMAT_VERSION + HINT);
    }
    String json = st.metadata().get(KEY_CONFIG);
    if (json == null) {
      throw new ModelFormatException("__metadata__.config is missing" + HINT);
    }
    return new WeightFile(st, DiTConfig.fromJson(json));
  }

  public DiTConfig config() {
    return config;
  }

  public SafeTensors tensors() {
    return tensors;
  }

  /** The tensor as floats after checking its shape against what the config implies. */
  public float[] tensor(String name, int... shape) {
    TensorInfo t = tensors.info(name);
    int[] actual = t.shape();
    boolean same = actual.length == shape.length;
    for (int i = 0; same && i < shape.length; i++) {
      same = actual[i] == shape[i];
    }
    if (!same) {
      StringBuilder want = new StringBuilder("[");
      for (int i = 0; i < shape.length; i++) {
        want.append(i > 0 ? ", " : "").append(shape[i]);
      }
      throw new ModelFormatException("tensor \"" + name + "\" has shape " + t.shapeString() + " but config \""
          + config.name() + "\" needs " + want.append(']'));
    }
    return tensors.floats(name);
  }
}
