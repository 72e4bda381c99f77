package com.webdit.shared.model;

import com.webdit.shared.safetensors.SafeTensors;
import com.webdit.shared.safetensors.SafeTensorsWriter;
import com.webdit.shared.safetensors.TensorInfo;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Every tensor a config implies, by its PyTorch state_dict name, with its shape: the one list
 * that weight validation and random test models share.
 */
public final class DiTTensors {
  private DiTTensors() {}

  public static Map<String, int[]> expected(DiTConfig c) {
    int d = c.hiddenSize();
    int p = c.patchSize();
    Map<String, int[]> m = new LinkedHashMap<>();
    m.put("x_embedder.proj.weight", new int[] {d, c.channels(), p, p});
    m.put("x_embedder.proj.bias", new int[] {d});
    m.put("t_embedder.mlp.0.weight", new int[] {d, c.freqDim()});
    m.put("t_embedder.mlp.0.bias", new int[] {d});
    m.put("t_embedder.mlp.2.weight", new int[] {d, d});
    m.put("t_embedder.mlp.2.bias", new int[] {d});
    m.put("y_embedder.embedding_table.weight", new int[] {c.numClasses() + 1, d});
    for (int i = 0; i < c.depth(); i++) {
      String b = "blocks." + i + ".";
      m.put(b + "attn.qkv.weight", new int[] {3 * d, d});
      m.put(b + "attn.qkv.bias", new int[] {3 * d});
      m.put(b + "attn.proj.weight", new int[] {d, d});
      m.put(b + "attn.proj.bias", new int[] {d});
      m.put(b + "mlp.fc1.weight", new int[] {c.mlpHidden(), d});
      m.put(b + "mlp.fc1.bias", new int[] {c.mlpHidden()});
      m.put(b + "mlp.fc2.weight", new int[] {d, c.mlpHidden()});
      m.put(b + "mlp.fc2.bias", new int[] {d});
      m.put(b + "adaLN_modulation.1.weight", new int[] {6 * d, d});
      m.put(b + "adaLN_modulation.1.bias", new int[] {6 * d});
      if (c.skipSource(i) >= 0) {
        m.put(b + "skip_linear.weight", new int[] {d, 2 * d});
        m.put(b + "skip_linear.bias", new int[] {d});
      }
    }
    m.put("final_layer.linear.weight", new int[] {c.patchDim(), d});
    m.put("final_layer.linear.bias", new int[] {c.patchDim()});
    m.put("final_layer.adaLN_modulation.1.weight", new int[] {2 * d, d});
    m.put("final_layer.adaLN_modulation.1.bias", new int[] {2 * d});
    if (c.finalConv()) {
      m.put("final_conv.weight", new int[] {c.channels(), c.channels(), 3, 3});
      m.put("final_conv.bias", new int[] {c.channels()});
    }
    return m;
  }

  /** Throws ModelFormatException naming the first missing or misshapen tensor. */
  public static void check(WeightFile wf) {
    SafeTensors st = wf.tensors();
    for (Map.Entry<String, int[]> e : expected(wf.config()).entrySet()) {
      if (!st.has(e.getKey())) {
        throw new ModelFormatException("config \"" + wf.config().name() + "\" needs tensor \"" + e.getKey()
            + "\", which the file lacks");
      }
      TensorInfo t = st.info(e.getKey());
      if (!java.util.Arrays.equals(t.shape(), e.getValue())) {
        wf.tensor(e.getKey(), e.getValue()); // throws with both shapes in the message
      }
    }
  }

  /** A complete model of random fp16 weights (std 1/sqrt(fan-in)): for tests, not for drawing favicons. */
  public static byte[] randomModel(DiTConfig c, long seed) {
    Random r = new Random(seed);
    SafeTensorsWriter w = new SafeTensorsWriter()
        .metadata(WeightFile.KEY_FORMAT, WeightFile.FORMAT)
        .metadata(WeightFile.KEY_VERSION, WeightFile.FORMAT_VERSION)
        .metadata(WeightFile.KEY_CONFIG, c.toJson());
    for (Map.Entry<String, int[]> e : expected(c).entrySet()) {
      int[] shape = e.getValue();
      int n = 1;
      for (int s : shape) {
        n *= s;
      }
      double std = shape.length > 1 ? 1.0 / Math.sqrt(n / shape[0]) : 0.1;
      float[] v = new float[n];
      for (int i = 0; i < n; i++) {
        v[i] = (float) (r.nextGaussian() * std);
      }
      w.f16(e.getKey(), shape, v);
    }
    return w.toBytes();
  }
}
