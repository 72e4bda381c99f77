package com.webdit.shared.product;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ModelPickTest {
  @Test
  void aFileIsNamedByItsNarrowestMatrices() {
    assertEquals("f16", ModelPick.dtypeOf(List.of("F16")));
    assertEquals("f16", ModelPick.dtypeOf(List.of("F32")));
    assertEquals("i8", ModelPick.dtypeOf(List.of("F16", "I8")));
    // An int4 file keeps final_conv (rows of 36, no whole groups of 32) in int8: still the int4 file.
    assertEquals("i4", ModelPick.dtypeOf(List.of("F16", "I4", "I8")));
  }

  @Test
  void thePreferredDtypeWinsOnlyBetweenEquallyCapableFiles() {
    double i4 = ModelPick.score(192, 6, "i4", "i4", true);
    assertTrue(i4 > ModelPick.score(192, 6, "i8", "i4", true));
    assertTrue(i4 > ModelPick.score(192, 6, "f16", "i4", true));
    assertTrue(ModelPick.score(192, 6, "f16", "f16", true) > ModelPick.score(192, 6, "i4", "f16", true),
        "the server, preferring fp16, draws with the fp16 file");
    assertTrue(ModelPick.score(256, 6, "f16", "i4", true) > i4, "a more capable model first");
    assertTrue(ModelPick.score(192, 6, "i4", "i4", false) < ModelPick.score(192, 6, "f16", "i4", true),
        "a file that fits the adapter before the preferred dtype");
  }

  @Test
  void withoutThePreferredDtypeTheNearestInBitsWins() {
    assertTrue(ModelPick.score(192, 6, "i8", "i4", true) > ModelPick.score(192, 6, "f16", "i4", true),
        "int4 asked, none published: int8, not fp16");
    assertTrue(ModelPick.score(192, 6, "i8", "f16", true) > ModelPick.score(192, 6, "i4", "f16", true));
    assertTrue(ModelPick.score(192, 6, "i4", "i8", true) > ModelPick.score(192, 6, "f16", "i8", true));
  }
}
