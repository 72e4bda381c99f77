package com.webdit.harness;

import com.webdit.shared.json.Json;
import java.util.Map;

/** A kernel test's parameters, given by the Selenium test as a JSON object. */
final class Spec {
  private final Map<String, Object> map;

  Spec(String json) {
    this.map = Json.parseObject(json);
  }

  int integer(String key, int fallback) {
    Object v = map.get(key);
    return v == null ? fallback : ((Number) v).intValue();
  }

  double number(String key, double fallback) {
    Object v = map.get(key);
    return v == null ? fallback : ((Number) v).doubleValue();
  }

  String string(String key, String fallback) {
    Object v = map.get(key);
    return v == null ? fallback : (String) v;
  }
}
