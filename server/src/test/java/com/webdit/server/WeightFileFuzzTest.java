package com.webdit.server;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.webdit.shared.model.DiT;
import com.webdit.shared.model.DiTTensors;
import com.webdit.shared.model.ModelFormatException;
import com.webdit.shared.model.WeightFile;
import com.webdit.shared.safetensors.SafeTensorsException;

/**
 * Any bytes through everything the server does with a weight file at startup: WeightFile.open,
 * the tensor check and building the CPU model. Only the two typed refusals may come out; the
 * server turns those into one line naming the file.
 */
class WeightFileFuzzTest {
  @FuzzTest(maxDuration = "10s")
  void fuzz(byte[] file) {
    try {
      WeightFile wf = WeightFile.open(file);
      DiTTensors.check(wf);
      new DiT(wf);
    } catch (SafeTensorsException | ModelFormatException refused) {
      // the typed refusals
    }
  }
}
