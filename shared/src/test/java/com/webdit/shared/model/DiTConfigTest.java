package com.webdit.shared.model;

import com.webdit.shared.fixtures.RandomModel;
import com.webdit.shared.fixtures.ModelRegistry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DiTConfigTest {
  @Test
  void jsonRoundTrip() {
    for (DiTConfig c : ModelRegistry.all().values()) {
      assertEquals(c, DiTConfig.fromJson(c.toJson()));
    }
    assertEquals(64, ModelRegistry.small().tokens());
    assertEquals(64, ModelRegistry.small().patchDim());
  }

  @Test
  void rejectsInconsistentConfigs() {
    ModelFormatException e = assertThrows(ModelFormatException.class,
        () -> new DiTConfig("x", 32, 4, 4, 30, 2, 4, 4, 9, 64, true, false));
    assertTrue(e.getMessage().contains("hidden_size 30"), e.getMessage());
    e = assertThrows(ModelFormatException.class, () -> DiTConfig.fromJson("{\"name\":\"x\"}"));
    assertTrue(e.getMessage().contains("lacks \"image_size\""), e.getMessage());
  }

  @Test
  void everyFieldHasAnUpperBoundNamedInTheMessage() {
    String[][] cases = {
        {"image_size", "512", "image_size must be in [1, 256], got 512"},
        {"channels", "5", "channels must be in [1, 4], got 5"},
        {"patch_size", "32", "patch_size must be in [1, 16], got 32"},
        {"hidden_size", "4096", "hidden_size must be in [1, 2048], got 4096"},
        {"depth", "49", "depth must be in [1, 48], got 49"},
        {"num_heads", "128", "num_heads must be in [1, 64], got 128"},
        {"mlp_ratio", "9", "mlp_ratio must be in [1, 8], got 9"},
        {"num_classes", "1001", "num_classes must be in [1, 1000], got 1001"},
        {"freq_dim", "2048", "freq_dim must be in [1, 1024], got 2048"},
        {"depth", "-1", "depth must be in [1, 48], got -1"},
        {"depth", "4294967296", "\"depth\" must be an integer, got 4294967296"},
        {"name", "\"" + "n".repeat(65) + "\"", "name must be a string of at most 64 characters"},
    };
    for (String[] c : cases) {
      String json = ModelRegistry.tiny().toJson().replaceFirst("\"" + c[0] + "\":[^,]*", "\"" + c[0] + "\":" + c[1]);
      ModelFormatException e = assertThrows(ModelFormatException.class, () -> DiTConfig.fromJson(json), json);
      assertTrue(e.getMessage().contains(c[2]), c[0] + "=" + c[1] + ": " + e.getMessage());
    }
  }

  /**
   * The FLOP count, derived again from the weight file's shapes: every 2-D weight is a matmul run
   * once per token (the patch embedding, qkv, projections, MLP, final linear), except the adaLN
   * projections (once per batch entry) and the lookup tables; plus attention's two T x T x D
   * products per block. Only the timestep MLP (per step, not per entry) is left out on both sides.
   */
  @Test
  void flopsPerForwardMatchesTheWeightShapes() {
    for (DiTConfig c : java.util.List.of(ModelRegistry.tiny(), ModelRegistry.small())) {
      com.webdit.shared.safetensors.SafeTensors st =
          com.webdit.shared.safetensors.SafeTensors.parse(RandomModel.fp16(c, 1));
      double flops = 4.0 * c.tokens() * c.tokens() * c.hiddenSize() * c.depth();
      for (com.webdit.shared.safetensors.TensorInfo t : st.tensors().values()) {
        String n = t.name();
        if (!n.endsWith(".weight") || n.startsWith("t_embedder") || n.contains("embedding_table")
            || n.startsWith("final_conv")) {
          continue;
        }
        int[] s = t.shape();
        double multiplyAdds = 1;
        for (int dim : s) {
          multiplyAdds *= dim; // a conv patch embedding is (D, C, p, p): D x patchDim per token
        }
        if (s.length < 2) {
          continue; // norm scales
        }
        flops += 2 * multiplyAdds * (n.contains("adaLN") ? 1 : c.tokens());
      }
      assertEquals(flops, c.flopsPerForward(), 1e-9 * flops, c.name());
    }
  }
}
