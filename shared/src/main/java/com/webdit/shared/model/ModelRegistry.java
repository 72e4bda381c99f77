package com.webdit.shared.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Named model sizes, mirrored by {@code DiT_models} in training/models.py (the CLI's
 * {@code --model} choices). A weight file carries its own config; these are only for creating
 * new models.
 */
public final class ModelRegistry {
  public static final int IMAGE_SIZE = 32;
  public static final int CHANNELS = 4; // RGBA: favicons keep transparent backgrounds
  public static final int PATCH_SIZE = 4;
  public static final int NUM_CLASSES = 9; // emoji categories; label 9 is the null label

  private ModelRegistry() {}

  /** Tiny: for tests and golden cases, fast even on SwiftShader. */
  public static DiTConfig tiny() {
    return new DiTConfig("tiny", IMAGE_SIZE, CHANNELS, PATCH_SIZE, 32, 2, 2, 4, NUM_CLASSES, 64, true, false);
  }

  /** Small: the size planned for the shipped favicon model (about 4M parameters). */
  public static DiTConfig small() {
    return new DiTConfig("small", IMAGE_SIZE, CHANNELS, PATCH_SIZE, 192, 6, 6, 4, NUM_CLASSES, 256, true, false);
  }

  public static Map<String, DiTConfig> all() {
    Map<String, DiTConfig> m = new LinkedHashMap<>();
    m.put("tiny", tiny());
    m.put("small", small());
    return m;
  }

  public static DiTConfig named(String name) {
    DiTConfig c = all().get(name);
    if (c == null) {
      throw new IllegalArgumentException("unknown model size \"" + name + "\" (known: " + all().keySet() + ")");
    }
    return c;
  }
}
