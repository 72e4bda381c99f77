package com.webdit.client.runtime;

import com.webdit.shared.json.Json;
import com.webdit.shared.product.ModelPick;
import java.util.List;
import java.util.Map;

/**
 * Picks a weight file from /api/models: the largest (most capable) model the server publishes,
 * in the dtype the caller prefers (a tag's data-weights, the page's ?weights= or snippet pick; int4 by default)
 * unless that file would not fit one storage binding on this adapter (scored by the shared
 * ModelPick, as the server picks its own). fp16 needs no shader-f16 (the kernels unpack it), so
 * every WebGPU adapter can run any of them; int8 halves the download at a small cost in accuracy,
 * int4 (groups of 32 with their own scale) halves it again.
 */
public record ModelChoice(String name, String url, double bytes, String sha256, String dtype) {

  @SuppressWarnings("unchecked")
  public static ModelChoice pick(String manifestJson, String preferredDtype, double maxBindingBytes) {
    Map<String, Object> root = Json.parseObject(manifestJson);
    List<Object> models = (List<Object>) root.get("models");
    ModelChoice best = null;
    double bestScore = -1;
    for (Object o : models) {
      Map<String, Object> m = (Map<String, Object>) o;
      Map<String, Object> config = (Map<String, Object>) m.get("config");
      String dtype = ModelPick.dtypeOf(((Map<String, Object>) m.get("dtypes")).keySet());
      double bytes = ((Number) m.get("bytes")).doubleValue();
      boolean fits = !dtype.equals("f16") || bytes <= maxBindingBytes * 4; // largest fp16 matrix is well under 1/4
      double score = ModelPick.score(((Number) config.get("hidden_size")).intValue(),
          ((Number) config.get("depth")).intValue(), dtype, preferredDtype, fits);
      if (score > bestScore) {
        bestScore = score;
        best = new ModelChoice((String) m.get("name"), (String) m.get("url"), bytes, (String) m.get("sha256"), dtype);
      }
    }
    if (best == null) {
      throw new IllegalStateException("the server publishes no model (/api/models is empty)");
    }
    return best;
  }
}
