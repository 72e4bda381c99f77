package com.webdit.server.render;

import com.webdit.shared.model.DiTConfig;
import com.webdit.shared.model.WeightFile;
import com.webdit.shared.safetensors.SafeTensorsWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;

/** Weight files for the parity tests: random weights for any config, and the shipped model. */
final class RandomModels {
  private RandomModels() {}

  /** Every tensor of docs/MODEL.md for config c, uniform in [-scale, scale] (no zero-initialised layer). */
  static WeightFile random(DiTConfig c, long seed, float scale) {
    Random r = new Random(seed);
    int d = c.hiddenSize();
    int p = c.patchSize();
    SafeTensorsWriter w = new SafeTensorsWriter().metadata(WeightFile.KEY_FORMAT, WeightFile.FORMAT)
        .metadata(WeightFile.KEY_VERSION, WeightFile.FORMAT_VERSION).metadata(WeightFile.KEY_CONFIG, c.toJson());
    linear(w, r, scale, "x_embedder.proj", new int[] {d, c.channels(), p, p});
    linear(w, r, scale, "t_embedder.mlp.0", new int[] {d, c.freqDim()});
    linear(w, r, scale, "t_embedder.mlp.2", new int[] {d, d});
    w.f32("y_embedder.embedding_table.weight", new int[] {c.numClasses() + 1, d}, values(r, (c.numClasses() + 1) * d, scale));
    for (int l = 0; l < c.depth(); l++) {
      String b = "blocks." + l + ".";
      linear(w, r, scale, b + "adaLN_modulation.1", new int[] {6 * d, d});
      linear(w, r, scale, b + "attn.qkv", new int[] {3 * d, d});
      linear(w, r, scale, b + "attn.proj", new int[] {d, d});
      linear(w, r, scale, b + "mlp.fc1", new int[] {c.mlpHidden(), d});
      linear(w, r, scale, b + "mlp.fc2", new int[] {d, c.mlpHidden()});
    }
    linear(w, r, scale, "final_layer.adaLN_modulation.1", new int[] {2 * d, d});
    linear(w, r, scale, "final_layer.linear", new int[] {c.patchDim(), d});
    if (c.finalConv()) {
      linear(w, r, scale, "final_conv", new int[] {c.channels(), c.channels(), 3, 3});
    }
    return WeightFile.open(w.toBytes());
  }

  private static void linear(SafeTensorsWriter w, Random r, float scale, String prefix, int[] shape) {
    int n = 1;
    for (int s : shape) {
      n *= s;
    }
    w.f32(prefix + ".weight", shape, values(r, n, scale));
    w.f32(prefix + ".bias", new int[] {shape[0]}, values(r, shape[0], scale));
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
