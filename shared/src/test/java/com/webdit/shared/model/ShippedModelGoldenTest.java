package com.webdit.shared.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.webdit.shared.Golden;
import com.webdit.shared.json.Json;
import com.webdit.shared.fixtures.Compare;
import com.webdit.shared.safetensors.SafeTensors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Java reference against float64 PyTorch on the shipped weights (training/make_shipped_golden.py).
 * The cases name the exact file (and its SHA-256) they belong to, so shipping new weights without
 * regenerating the cases fails here instead of passing on stale numbers.
 */
class ShippedModelGoldenTest {
  static final double TOL = 1e-4; // 6 blocks of width 192: float32 activations vs float64
  static final double EPS = 1e-4;

  @Test
  @SuppressWarnings("unchecked")
  void forwardMatchesPyTorchOnTheShippedWeights() throws Exception {
    SafeTensors cases = SafeTensors.parse(Golden.bytes("shipped_cases.safetensors"));
    Path file = Path.of("..", "weights", cases.metadata().get("weights"));
    assertTrue(Files.exists(file), file + " is not shipped: regenerate the cases with training/make_shipped_golden.py");
    byte[] bytes = Files.readAllBytes(file);
    assertEquals(cases.metadata().get("sha256"), HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)),
        "the cases belong to another version of " + file);
    DiT model = DiT.load(bytes);
    List<Object> list = (List<Object>) Json.parse(cases.metadata().get("cases"));
    for (int i = 0; i < list.size(); i++) {
      Map<String, Object> c = (Map<String, Object>) list.get(i);
      float t = ((Number) c.get("t")).floatValue();
      int y = ((Number) c.get("y")).intValue();
      float[] v = model.forward(cases.floats("case" + i + ".x"), t, y);
      String report = Compare.mismatches("shipped case " + i, cases.floats("case" + i + ".v"), v, TOL, EPS);
      assertNull(report, report);
    }
  }
}
