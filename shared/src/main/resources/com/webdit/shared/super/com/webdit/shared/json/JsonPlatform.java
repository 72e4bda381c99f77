package com.webdit.shared.json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The browser's {@link Json#parse}: the engine's native {@code JSON.parse}, then the value turned
 * into the Java types Json documents (integral numbers up to 2^53 become {@code Long}). GWT
 * super-source: it replaces shared/src/main/java/.../json/JsonPlatform.java (the strict reader)
 * in the GWT build only. What it accepts beyond the strict reader (duplicate keys: the last wins;
 * 1.0 read as an integer) only ever reaches it from the WebDiT server, whose weight files and
 * manifests the strict reader has already read.
 */
final class JsonPlatform {
  private static final int MAX_DEPTH = 64;
  private static final double MAX_SAFE_INTEGER = 9007199254740991.0;

  private JsonPlatform() {}

  static Object parse(String text) {
    Object value;
    try {
      value = nativeParse(text);
    } catch (Throwable e) { // a JavaScript SyntaxError
      throw new JsonException("not valid JSON: " + e.getMessage());
    }
    return toJava(value, 0);
  }

  static String name() {
    return "native JSON.parse";
  }

  private static Object toJava(Object value, int depth) {
    if (depth > MAX_DEPTH) {
      throw new JsonException("nesting deeper than " + MAX_DEPTH);
    }
    if (value == null || value instanceof String || value instanceof Boolean) {
      return value;
    }
    if (value instanceof Double) {
      double d = (Double) value;
      return d == Math.floor(d) && Math.abs(d) <= MAX_SAFE_INTEGER ? (Object) Long.valueOf((long) d) : value;
    }
    if (isArray(value)) {
      int n = length(value);
      List<Object> list = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        list.add(toJava(at(value, i), depth + 1));
      }
      return list;
    }
    Object keys = keys(value);
    int n = length(keys);
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      String key = (String) at(keys, i);
      map.put(key, toJava(get(value, key), depth + 1));
    }
    return map;
  }

  private static native Object nativeParse(String text) /*-{
    return JSON.parse(text);
  }-*/;

  private static native boolean isArray(Object value) /*-{
    return Array.isArray(value);
  }-*/;

  private static native int length(Object array) /*-{
    return array.length;
  }-*/;

  private static native Object at(Object array, int i) /*-{
    return array[i];
  }-*/;

  private static native Object keys(Object object) /*-{
    return Object.keys(object);
  }-*/;

  private static native Object get(Object object, String key) /*-{
    return object[key];
  }-*/;
}
