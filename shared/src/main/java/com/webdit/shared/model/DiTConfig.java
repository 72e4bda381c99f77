package com.webdit.shared.model;

import com.webdit.shared.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The architecture of one WebDiT model (docs/MODEL.md). It travels as JSON in the weight file's
 * {@code __metadata__["config"]}; PyTorch, this CPU reference and the WGSL engine all read it.
 *
 * @param finalConv whether a residual 3x3 convolution follows unpatchify (removes patch seams)
 * @param longSkips whether blocks of the second half take an earlier block's output through a
 *     long skip (U-ViT; see {@link #skipSource}); a file without the key has none
 */
public record DiTConfig(
    String name,
    int imageSize,
    int channels,
    int patchSize,
    int hiddenSize,
    int depth,
    int numHeads,
    int mlpRatio,
    int numClasses,
    int freqDim,
    boolean finalConv,
    boolean longSkips) {

  /*
   * Upper bounds on every field. A weight file's config decides how much the loader allocates
   * (position table: tokens x hidden; activations: tokens x hidden x mlp_ratio; attention: tokens^2)
   * and how long validation takes (depth x 10 tensor names), so it is checked against these before
   * anything is allocated. They sit far above the shipped models (32 px, 64 tokens, hidden 192,
   * depth 6) and around DiT-XL/2 (hidden 1152, depth 28, 16 heads, 1000 classes).
   */
  public static final int MAX_NAME_LENGTH = 64;
  public static final int MAX_IMAGE_SIZE = 256;
  public static final int MAX_CHANNELS = 4;
  public static final int MAX_PATCH_SIZE = 16;
  /** Patches per side: tokens = grid^2, so attention holds at most 1024^2 scores per head. */
  public static final int MAX_GRID = 32;
  public static final int MAX_HIDDEN_SIZE = 2048;
  public static final int MAX_DEPTH = 48;
  public static final int MAX_HEADS = 64;
  public static final int MAX_MLP_RATIO = 8;
  public static final int MAX_CLASSES = 1000;
  public static final int MAX_FREQ_DIM = 1024;

  public DiTConfig {
    require(name != null && name.length() <= MAX_NAME_LENGTH, "name must be a string of at most " + MAX_NAME_LENGTH + " characters");
    range("image_size", imageSize, MAX_IMAGE_SIZE);
    range("channels", channels, MAX_CHANNELS);
    range("patch_size", patchSize, MAX_PATCH_SIZE);
    require(imageSize % patchSize == 0,
        "image_size " + imageSize + " must be a positive multiple of patch_size " + patchSize);
    require(imageSize / patchSize <= MAX_GRID, "image_size / patch_size = " + imageSize / patchSize
        + " patches per side is more than " + MAX_GRID);
    range("hidden_size", hiddenSize, MAX_HIDDEN_SIZE);
    require(hiddenSize % 4 == 0, "hidden_size " + hiddenSize + " must be a positive multiple of 4 (2-D sin-cos embedding)");
    range("depth", depth, MAX_DEPTH);
    range("num_heads", numHeads, MAX_HEADS);
    require(hiddenSize % numHeads == 0, "hidden_size " + hiddenSize + " must be divisible by num_heads " + numHeads);
    range("mlp_ratio", mlpRatio, MAX_MLP_RATIO);
    range("num_classes", numClasses, MAX_CLASSES);
    range("freq_dim", freqDim, MAX_FREQ_DIM);
    require(freqDim % 2 == 0, "freq_dim " + freqDim + " must be a positive even number");
  }

  private static void range(String key, int value, int max) {
    require(value >= 1 && value <= max, key + " must be in [1, " + max + "], got " + value);
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new ModelFormatException("bad model config: " + message);
    }
  }

  /** Patches per side. */
  public int gridSize() {
    return imageSize / patchSize;
  }

  /** Tokens per image (64 for 32x32 images and patch 4). */
  public int tokens() {
    return gridSize() * gridSize();
  }

  /** Values in one patch: channels * patch * patch. */
  public int patchDim() {
    return channels * patchSize * patchSize;
  }

  public int headDim() {
    return hiddenSize / numHeads;
  }

  public int mlpHidden() {
    return hiddenSize * mlpRatio;
  }

  /** Values in one image, channel-major (C, H, W). */
  public int imageValues() {
    return channels * imageSize * imageSize;
  }

  /**
   * Multiply-add FLOPs (2 per multiply-add) of one forward pass for one batch entry: patch
   * embedding, per DiTBlock the qkv, attention (scores and weighted sum), projection and MLP
   * matmuls, the long skips' Linear(2D -> D), the adaLN projections, and the FinalLayer. The timestep MLP and the elementwise work
   * (norms, activations, the sampler update) are left out: under 1 % here. A guided image costs
   * two entries per step. Used for work-per-frame figures, not for anything that must be exact.
   */
  public double flopsPerForward() {
    double t = tokens();
    double d = hiddenSize;
    double block = 2 * t * d * 3 * d + 2 * 2 * t * t * d + 2 * t * d * d + 2 * 2 * t * d * mlpHidden();
    double adaLN = 2 * d * (6 * d * depth + 2 * d);
    double skips = longSkipCount() * 2 * t * 2 * d * d;
    return 2 * t * patchDim() * d + depth * block + skips + adaLN + 2 * t * d * patchDim();
  }

  /**
   * The block whose output block {@code index} mixes into its input through a long skip, or -1.
   * Block i of the first half feeds block depth-1-i; the middle pair is left out when it is
   * adjacent, since there the skip would be the block's own input (depth 6: 0 -> 5, 1 -> 4).
   */
  public int skipSource(int index) {
    int source = depth - 1 - index;
    return longSkips && source < index - 1 ? source : -1;
  }

  /** Long skips in the model: the blocks 0 .. n-1 whose outputs are kept for later blocks. */
  public int longSkipCount() {
    return longSkips ? (depth - 1) / 2 : 0;
  }

  /** The label index that means "no label" (classifier-free guidance's unconditional branch). */
  public int nullLabel() {
    return numClasses;
  }

  public Map<String, Object> toJsonMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", name);
    m.put("image_size", Long.valueOf(imageSize));
    m.put("channels", Long.valueOf(channels));
    m.put("patch_size", Long.valueOf(patchSize));
    m.put("hidden_size", Long.valueOf(hiddenSize));
    m.put("depth", Long.valueOf(depth));
    m.put("num_heads", Long.valueOf(numHeads));
    m.put("mlp_ratio", Long.valueOf(mlpRatio));
    m.put("num_classes", Long.valueOf(numClasses));
    m.put("freq_dim", Long.valueOf(freqDim));
    m.put("final_conv", Boolean.valueOf(finalConv));
    m.put("long_skips", Boolean.valueOf(longSkips));
    return m;
  }

  public String toJson() {
    return Json.write(toJsonMap());
  }

  public static DiTConfig fromJson(String json) {
    Map<String, Object> m;
    try {
      m = Json.parseObject(json);
    } catch (RuntimeException e) {
      throw new ModelFormatException("model config is not a JSON object: " + e.getMessage());
    }
    return new DiTConfig(
        string(m, "name"),
        integer(m, "image_size"),
        integer(m, "channels"),
        integer(m, "patch_size"),
        integer(m, "hidden_size"),
        integer(m, "depth"),
        integer(m, "num_heads"),
        integer(m, "mlp_ratio"),
        integer(m, "num_classes"),
        integer(m, "freq_dim"),
        bool(m, "final_conv"),
        m.containsKey("long_skips") && bool(m, "long_skips"));
  }

  private static Object field(Map<String, Object> m, String key) {
    if (!m.containsKey(key)) {
      throw new ModelFormatException("model config lacks \"" + key + "\"");
    }
    return m.get(key);
  }

  private static String string(Map<String, Object> m, String key) {
    if (!(field(m, key) instanceof String s)) {
      throw new ModelFormatException("model config \"" + key + "\" must be a string");
    }
    return s;
  }

  /** Any int; the constructor applies each field's own bounds and names the field. */
  private static int integer(Map<String, Object> m, String key) {
    Object v = field(m, key);
    if (!(v instanceof Long l) || l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
      throw new ModelFormatException("model config \"" + key + "\" must be an integer, got " + v);
    }
    return (int) (long) l;
  }

  private static boolean bool(Map<String, Object> m, String key) {
    if (!(field(m, key) instanceof Boolean b)) {
      throw new ModelFormatException("model config \"" + key + "\" must be true or false");
    }
    return b;
  }
}
