package com.webdit.shared.model;

import com.webdit.shared.fixtures.RandomModel;
import com.webdit.shared.fixtures.ModelRegistry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.webdit.shared.Golden;
import org.junit.jupiter.api.Test;

class DiTTensorsTest {
  @Test
  void theGoldenModelHasExactlyTheExpectedTensors() {
    WeightFile wf = WeightFile.open(Golden.tinyModel());
    DiTTensors.check(wf);
    assertEquals(DiTTensors.expected(wf.config()).keySet(), wf.tensors().tensors().keySet(),
        "PyTorch's state_dict names and the Java list agree");
  }

  @Test
  void aRandomModelLoadsAndRuns() {
    DiT model = DiT.load(RandomModel.fp16(ModelRegistry.tiny(), 3));
    float[] v = model.forward(new float[model.config().imageValues()], 0.5f, 2);
    for (float f : v) {
      assertTrue(Float.isFinite(f));
    }
  }
}
