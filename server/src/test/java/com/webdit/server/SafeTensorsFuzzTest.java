package com.webdit.server;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.webdit.shared.safetensors.SafeTensors;
import com.webdit.shared.safetensors.SafeTensorsException;
import com.webdit.shared.safetensors.TensorInfo;

/**
 * Any bytes: the safetensors reader either refuses them with a SafeTensorsException or yields a
 * file whose every tensor reads back as floats. Anything else (an array index, a negative size,
 * an overflow) is a finding. Seeds: shipped headers and micro models (make_seeds.py).
 */
class SafeTensorsFuzzTest {
  @FuzzTest(maxDuration = "10s")
  void fuzz(byte[] file) {
    SafeTensors st;
    try {
      st = SafeTensors.parse(file);
    } catch (SafeTensorsException refused) {
      return;
    }
    for (TensorInfo t : st.tensors().values()) {
      float[] values = st.floats(t.name()); // parse promised: no exception here
      if (values.length != t.elements()) {
        throw new AssertionError(t.name() + ": " + values.length + " values for " + t.elements() + " elements");
      }
    }
  }
}
