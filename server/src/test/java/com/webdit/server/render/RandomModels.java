package com.webdit.server.render;

import com.webdit.shared.model.DiTConfig;
import com.webdit.shared.model.DiTTensors;
import com.webdit.shared.model.WeightFile;
import com.webdit.shared.safetensors.SafeTensorsWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/** Weight files for the parity tests: random weights for any config, and the shipped model. */
final class RandomModels {
  private RandomModels() {}

  /** Every tensor config c implies (DiTTensors), uniform in [-scale, scale] (no zero-initialised layer). */
  static WeightFile random(DiTConfig c, long seed, float scale) {
    Random r = new Random(seed);
    SafeTensorsWriter w = new SafeTensorsWriter().metadata(WeightFile.KEY_FORMAT, WeightFile.FORMAT)
        .metadata(WeightFile.KEY_VERSION, WeightFile.FORMAT_VERSION).metadata(WeightFile.KEY_CONFIG, c.toJson());
    for (Map.Entry<String, int[]> tensor : DiTTensors.expected(c).entrySet()) {
      int n = 1;
      for (int s : tensor.getValue()) {
        n *= s;
      }
      w.f32(tensor.getKey(), tensor.getValue(), values(r, n, scale));
    }
    return WeightFile.open(w.toBytes());
  }

  private static float[] values(Random r, int n, float scale) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (2 * r.nextFloat() - 1) * scale;
    }
    return v;
  }

  /** The shipped weight files (weights/ at the repository root; tests run in server/). */
  static Path[] shipped() {
    Path dir = Path.of("..", "weights");
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.toString().endsWith(".safetensors")).sorted().toArray(Path[]::new);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static WeightFile open(Path file) {
    try {
      return WeightFile.open(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
