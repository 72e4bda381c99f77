package com.webdit.client.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.webdit.client.kernels.MatmulKernel.Epilogue;
import com.webdit.client.kernels.MatmulKernel.Prologue;
import com.webdit.client.kernels.MatmulKernel.WeightFormat;
import org.junit.jupiter.api.Test;

/** Uniform structs are declared once in Java: the WGSL text and the packing both come from it. */
class UniformStructTest {
  private final UniformStruct gen = new UniformStruct("Gen").u32("images", "images in the generation").u32("guided")
      .f32("cfg_scale");

  @Test
  void wgslDeclaresEveryFieldInOrderPaddedTo16Bytes() {
    assertEquals("struct Gen {\n  images: u32,  // images in the generation\n  guided: u32,\n  cfg_scale: f32,\n"
        + "  _pad0: u32,\n}\n", gen.wgsl());
    assertEquals(16, gen.bytes());
    assertEquals(32, FinalStepKernel.STEP.bytes(), "8 fields need no padding");
    assertEquals(12, MatmulKernel.PARAMS.words(), "12 fields: a multiple of 4 words already");
    assertEquals(4, AttentionKernel.PARAMS.words(), "3 fields and one pad");
  }

  @Test
  void packsByNameWhateverTheOrderTheyAreGiven() {
    int[] words = gen.values().f32("cfg_scale", 2.5f).u32("guided", true).u32("images", 3).words();
    assertArrayEquals(new int[] {3, 1, Float.floatToIntBits(2.5f), 0}, words);
  }

  @Test
  void aMissingUnknownOrMistypedFieldIsAnErrorNamingIt() {
    IllegalStateException missing = assertThrows(IllegalStateException.class,
        () -> gen.values().u32("images", 1).f32("cfg_scale", 1f).words());
    assertTrue(missing.getMessage().contains("guided"), missing.getMessage());
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> gen.values().u32("imgs", 1));
    assertTrue(unknown.getMessage().contains("imgs") && unknown.getMessage().contains("images"), unknown.getMessage());
    IllegalArgumentException mistyped = assertThrows(IllegalArgumentException.class, () -> gen.values().u32("cfg_scale", 2));
    assertTrue(mistyped.getMessage().contains("F32"), mistyped.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new UniformStruct("S").u32("a").f32("a"));
  }

  @Test
  void theCacheKeyIsTheFileAndEveryOverride() {
    assertEquals("condition|WORKGROUP_SIZE=64", new ConditionKernel().cacheKey());
    assertEquals("final_step|WORKGROUP_SIZE=64|FINAL_CONV=0", new FinalStepKernel(false).cacheKey());
    MatmulKernel a = new MatmulKernel(WeightFormat.F16, Prologue.CONCAT, Epilogue.BIAS);
    assertEquals("matmul|F16|CONCAT|BIAS|32x32x16", a.toString());
    assertNotEquals(a.cacheKey(), new MatmulKernel(WeightFormat.I8, Prologue.CONCAT, Epilogue.BIAS).cacheKey());
    assertEquals(a.cacheKey(), new MatmulKernel(WeightFormat.F16, Prologue.CONCAT, Epilogue.BIAS, 32, 32, 16).cacheKey());
  }
}
