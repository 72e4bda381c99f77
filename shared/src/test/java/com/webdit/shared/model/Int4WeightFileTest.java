package com.webdit.shared.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.webdit.shared.safetensors.DType;
import com.webdit.shared.safetensors.SafeTensors;
import com.webdit.shared.safetensors.TensorInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The int4 files training/export.py writes, read by the Java reader: every int4 value dequantised
 * here lies within two steps of its group's scale of the fp16 file it was made from (half a step
 * of rounding, or the clipping the exporter's scale search allows), which a wrong nibble order,
 * sign or group index would break by many steps. Checked on the tiny test pair, both written by
 * make_golden.py (no int4 file ships: docs/MODEL.md, "4-bit weights").
 */
class Int4WeightFileTest {
  private static final Path TINY = Path.of("..", "integration-tests", "src", "test", "resources", "weights");

  private static Path only(Path dir, String kind) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> found = files.filter(p -> p.getFileName().toString().matches("webdit-[a-z]+-" + kind + "-[0-9a-f]{12}\\.safetensors"))
          .toList();
      assertEquals(1, found.size(), "one " + kind + " file in " + dir + ": " + found);
      return found.get(0);
    }
  }

  @Test
  void tinyInt4FileDequantisesToItsFp16Twin() throws IOException {
    checkPair(only(TINY, "f16"), only(TINY, "i4"));
  }

  private static void checkPair(Path f16File, Path i4File) throws IOException {
    WeightFile f16 = WeightFile.open(Files.readAllBytes(f16File));
    WeightFile i4 = WeightFile.open(Files.readAllBytes(i4File));
    DiTTensors.check(i4);
    assertEquals(f16.config(), i4.config());
    assertEquals(f16.categories().names(), i4.categories().names());
    SafeTensors st = i4.tensors();
    int int4Tensors = 0;
    List<String> failures = new ArrayList<>();
    for (String name : DiTTensors.expected(i4.config()).keySet()) {
      TensorInfo t = st.info(name);
      assertArrayEquals(f16.tensors().info(name).shape(), t.shape(), name);
      float[] want = f16.tensors().floats(name);
      float[] got = st.floats(name);
      if (t.dtype() != DType.I4) {
        continue;
      }
      int4Tensors++;
      float[] scale = st.floats(name + SafeTensors.SCALE_SUFFIX);
      int group = st.groupSize(name);
      for (int i = 0; i < want.length && failures.size() < 10; i++) {
        float step = Math.abs(scale[i / group]);
        if (!(Math.abs(got[i] - want[i]) <= 2 * step + 1e-7f)) {
          failures.add(name + "[" + i + "]: int4 " + got[i] + " vs fp16 " + want[i] + ", step " + step);
        }
      }
    }
    assertTrue(int4Tensors > 0, i4File + " holds no int4 tensor");
    assertEquals(List.of(), failures, i4File + " vs " + f16File);
    assertFalse(new DiT(i4).config().name().isEmpty());
  }
}
