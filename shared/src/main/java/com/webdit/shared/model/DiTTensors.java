package com.webdit.shared.model;

import com.webdit.shared.safetensors.SafeTensors;
import com.webdit.shared.safetensors.TensorInfo;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every tensor a config implies, by its PyTorch state_dict name, with its shape: the one list
 * that weight validation and the tests' random models share.
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
}
