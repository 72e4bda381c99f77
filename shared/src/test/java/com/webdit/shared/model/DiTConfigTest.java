package com.webdit.shared.model;

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
        () -> new DiTConfig("x", 32, 4, 4, 30, 2, 4, 4, 9, 64, true));
    assertTrue(e.getMessage().contains("hidden_size 30"), e.getMessage());
    e = assertThrows(ModelFormatException.class, () -> DiTConfig.fromJson("{\"name\":\"x\"}"));
    assertTrue(e.getMessage().contains("lacks \"image_size\""), e.getMessage());
  }
}
