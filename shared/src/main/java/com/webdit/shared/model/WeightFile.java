package com.webdit.shared.model;

import com.webdit.shared.product.Categories;
import com.webdit.shared.safetensors.ByteSource;
import com.webdit.shared.safetensors.SafeTensors;
import com.webdit.shared.safetensors.TensorInfo;

/**
 * WebDiT's rules on top of safetensors: {@code __metadata__} must hold
 * {@code format = "webdit"}, {@code format_version = "1"} and {@code config} (a DiTConfig as JSON),
 * and names the categories in {@code categories} (a JSON array, label order).
 * Every loader goes through {@link #open} so a stale or foreign file is refused with a hint.
 */
public final class WeightFile {
  public static final String FORMAT = "webdit";
  public static final String FORMAT_VERSION = "1";
  public static final String KEY_FORMAT = "format";
  public static final String KEY_VERSION = "format_version";
  public static final String KEY_CONFIG = "config";
  /** The label names in label order, a JSON array (docs/MODEL.md, Labels); training/export.py writes it. */
  public static final String KEY_CATEGORIES = "categories";

  private static final String HINT = " (regenerate it with training/export.py or training/make_golden.py)";

  private final SafeTensors tensors;
  private final DiTConfig config;
  private final Categories categories;
  private final boolean namedCategories;

  private WeightFile(SafeTensors tensors, DiTConfig config, Categories categories, boolean namedCategories) {
    this.tensors = tensors;
    this.config = config;
    this.categories = categories;
    this.namedCategories = namedCategories;
  }

  public static WeightFile open(byte[] bytes) {
    return of(SafeTensors.parse(bytes));
  }

  /** Opens a file read in place (the browser's downloaded bytes); see SafeTensors.parse(ByteSource). */
  public static WeightFile open(ByteSource bytes) {
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
    DiTConfig config = DiTConfig.fromJson(json);
    String names = st.metadata().get(KEY_CATEGORIES);
    if (names == null) {
      // Only hand-made test files lack names; every exported file has them (WeightValidationTest).
      return new WeightFile(st, config, Categories.numbered(config.numClasses()), false);
    }
    Categories categories;
    try {
      categories = Categories.fromJson(names);
    } catch (RuntimeException e) {
      throw new ModelFormatException("__metadata__.categories: " + e.getMessage() + HINT);
    }
    if (categories.size() != config.numClasses()) {
      throw new ModelFormatException("__metadata__.categories names " + categories.size() + " categories but the config has "
          + config.numClasses() + " classes" + HINT);
    }
    return new WeightFile(st, config, categories, true);
  }

  /** The model's category names in label order; "0", "1", ... for a file written without them. */
  public Categories categories() {
    return categories;
  }

  /** Whether the file itself names its categories (every exported file does). */
  public boolean namesCategories() {
    return namedCategories;
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
