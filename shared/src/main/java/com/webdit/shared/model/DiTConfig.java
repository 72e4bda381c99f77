package com.webdit.shared.model;

import com.webdit.shared.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The architecture of one WebDiT model (docs/MODEL.md). It travels as JSON in the weight file's
 * {@code __metadata__["config"]}; PyTorch, this CPU reference and the WGSL engine all read it.
 *
 * @param finalConv whether a residual 3x3 convolution follows unpatchify (removes patch seams)
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
    boolean finalConv) {

  public DiTConfig {
    require(imageSize > 0 && patchSize > 0 && imageSize % patchSize == 0,
        "image_size " + imageSize + " must be a positive multiple of patch_size " + patchSize);
    require(channels > 0, "channels must be positive, got " + channels);
    require(hiddenSize > 0 && hiddenSize % 4 == 0, "hidden_size " + hiddenSize + " must be a positive multiple of 4 (2-D sin-cos embedding)");
    require(depth > 0, "depth must be positive, got " + depth);
    require(numHeads > 0 && hiddenSize % numHeads == 0, "hidden_size " + hiddenSize + " must be divisible by num_heads " + numHeads);
    require(mlpRatio > 0, "mlp_ratio must be positive, got " + mlpRatio);
    require(numClasses > 0, "num_classes must be positive, got " + numClasses);
    require(freqDim > 0 && freqDim % 2 == 0, "freq_dim " + freqDim + " must be a positive even number");
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
        bool(m, "final_conv"));
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

  private static int integer(Map<String, Object> m, String key) {
    Object v = field(m, key);
    if (!(v instanceof Long l) || l < 0 || l > 1_000_000) {
      throw new ModelFormatException("model config \"" + key + "\" must be an integer in [0, 1e6], got " + v);
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
