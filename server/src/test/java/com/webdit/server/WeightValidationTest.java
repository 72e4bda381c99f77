package com.webdit.server;

import com.webdit.shared.fixtures.RandomModel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.webdit.shared.model.DiTConfig;
import com.webdit.shared.fixtures.ModelRegistry;
import com.webdit.shared.model.WeightFile;
import com.webdit.shared.safetensors.DType;
import com.webdit.shared.safetensors.SafeTensors;
import com.webdit.shared.safetensors.SafeTensorsWriter;
import com.webdit.shared.safetensors.TensorInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every weight file in the folder is checked in full at startup, and a bad one is refused by name. */
class WeightValidationTest {
  @TempDir Path dir;

  /** A WebDiT header carrying configJson, with one small tensor so the file is valid safetensors. */
  private static byte[] withConfig(String configJson) {
    return new SafeTensorsWriter().metadata(WeightFile.KEY_FORMAT, WeightFile.FORMAT)
        .metadata(WeightFile.KEY_VERSION, WeightFile.FORMAT_VERSION).metadata(WeightFile.KEY_CONFIG, configJson)
        .f32("x", new int[] {1}, new float[1]).toBytes();
  }

  private static String tinyConfigWith(String key, long value) {
    Map<String, Object> m = ModelRegistry.tiny().toJsonMap();
    m.put(key, Long.valueOf(value));
    return com.webdit.shared.json.Json.write(m);
  }

  private WeightFileException refused(String file, byte[] bytes) throws Exception {
    Files.write(dir.resolve(file), bytes);
    return assertThrows(WeightFileException.class, () -> ModelStore.load(dir));
  }

  @Test
  void oversizedConfigsAreRefusedByFieldAndFileBeforeAnyAllocation() throws Exception {
    // Without the bounds: 1e6 dies in a NegativeArraySizeException naming no file, 4096 starts and
    // runs every favicon out of memory, depth 1e6 takes over a minute.
    Object[][] cases = {
        {"image_size", 1_000_000L, "image_size must be in [1, 256], got 1000000"},
        {"image_size", 4096L, "image_size must be in [1, 256], got 4096"},
        {"depth", 1_000_000L, "depth must be in [1, 48], got 1000000"},
        {"hidden_size", 1_000_000L, "hidden_size must be in [1, 2048]"},
        {"num_classes", 1_000_000L, "num_classes must be in [1, 1000]"},
        {"freq_dim", 1_000_000L, "freq_dim must be in [1, 1024]"},
        {"mlp_ratio", 1_000L, "mlp_ratio must be in [1, 8]"},
        {"num_heads", 1_000L, "num_heads must be in [1, 64]"},
        {"channels", 1_000L, "channels must be in [1, 4]"},
        {"image_size", 256L, "64 patches per side is more than 32"},
    };
    for (Object[] c : cases) {
      Path sub = Files.createDirectories(dir.resolve(c[0] + "-" + c[1]));
      Files.write(sub.resolve("big.safetensors"), withConfig(tinyConfigWith((String) c[0], (Long) c[1])));
      WeightFileException e = assertThrows(WeightFileException.class, () -> ModelStore.load(sub));
      assertTrue(e.getMessage().startsWith("weight file big.safetensors cannot be served:"), e.getMessage());
      assertTrue(e.getMessage().contains((String) c[2]), c[0] + "=" + c[1] + ": " + e.getMessage());
    }
  }

  @Test
  void aBrokenFileIsRefusedEvenWhenAnotherFileIsPreferred() throws Exception {
    // The fp16 file is the preferred one; the int8 file lacks one .scale companion. Were only the
    // preferred file loaded in full, the int8 one would be published and fail in browsers.
    Files.write(dir.resolve("good-f16.safetensors"), RandomModel.fp16(ModelRegistry.tiny(), 1));
    SafeTensors st = SafeTensors.parse(RandomModel.fp16(ModelRegistry.tiny(), 2));
    SafeTensorsWriter w = new SafeTensorsWriter().metadata(WeightFile.KEY_FORMAT, WeightFile.FORMAT)
        .metadata(WeightFile.KEY_VERSION, WeightFile.FORMAT_VERSION)
        .metadata(WeightFile.KEY_CONFIG, ModelRegistry.tiny().toJson());
    for (TensorInfo t : st.tensors().values()) {
      if (t.name().equals("blocks.0.attn.qkv.weight")) {
        w.raw(t.name(), DType.I8, t.shape(), new byte[t.elements()]); // no blocks.0.attn.qkv.weight.scale
      } else {
        w.raw(t.name(), t.dtype(), t.shape(), st.rawBytes(t.name()));
      }
    }
    WeightFileException e = refused("broken-i8.safetensors", w.toBytes());
    assertTrue(e.getMessage().contains("broken-i8.safetensors")
        && e.getMessage().contains("\"blocks.0.attn.qkv.weight.scale\" is missing"), e.getMessage());
  }

  @Test
  void aModelThatIsNotRgbaIsRefused() throws Exception {
    DiTConfig rgb = new DiTConfig("rgb", 32, 3, 4, 32, 2, 2, 4, 9, 64, true, false);
    WeightFileException e = refused("rgb.safetensors", RandomModel.fp16(rgb, 3));
    assertTrue(e.getMessage().contains("channels must be 4, got 3"), e.getMessage());
  }

  @Test
  void theShippedFilesPass() {
    assertEquals(3, ModelStore.load(null).all().size(), "fp16, int8 and int4 shipped models");
  }
}
