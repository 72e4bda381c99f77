package com.webdit.client.runtime;

import com.webdit.client.net.Net;
import com.webdit.client.net.ServerBase;
import com.webdit.shared.json.Json;
import com.webdit.shared.product.Categories;
import elemental2.dom.AbortSignal;
import elemental2.promise.Promise;
import java.util.List;
import java.util.Map;

/**
 * The server's /api/models, fetched once per page: the weight files to choose from and the
 * models' category names (from each file's __metadata__), which the demo's menu and the
 * embed's data-category are checked against.
 */
public final class Manifest {
  private Promise<Manifest> loaded;
  private String json;
  private Categories categories;

  /** Fetches /api/models once; later calls share the answer. */
  public Promise<Manifest> load(AbortSignal signal) {
    if (loaded == null) {
      String url = ServerBase.url("api/models");
      loaded = Net.fetch(url, signal).then(r -> r.ok ? r.text()
          : Promise.reject(new Failure(Failure.Cause.NETWORK, url + " answered HTTP " + (int) r.status))).then(text -> {
        json = text;
        categories = parseCategories(text);
        return Promise.resolve(this);
      });
      loaded.catch_(error -> {
        loaded = null; // not cached: a later call asks again
        return null;
      });
    }
    return loaded;
  }

  /** The categories of the model the server publishes first (all published models share them). */
  public Categories categories() {
    return categories;
  }

  public ModelChoice choose(String preferredDtype, double maxBindingBytes) {
    return ModelChoice.pick(json, preferredDtype, maxBindingBytes);
  }

  @SuppressWarnings("unchecked")
  static Categories parseCategories(String manifestJson) {
    List<Object> models = (List<Object>) Json.parseObject(manifestJson).get("models");
    if (models == null || models.isEmpty()) {
      throw new Failure(Failure.Cause.BAD_WEIGHTS, "the server publishes no model (/api/models is empty)");
    }
    Map<String, Object> first = (Map<String, Object>) models.get(0);
    List<Object> names = (List<Object>) first.get("categories");
    if (names == null) {
      Map<String, Object> config = (Map<String, Object>) first.get("config");
      return Categories.numbered(((Number) config.get("num_classes")).intValue());
    }
    return Categories.fromJson(Json.write(names));
  }
}
