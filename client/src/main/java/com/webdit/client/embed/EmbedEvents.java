package com.webdit.client.embed;

import elemental2.dom.DomGlobal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jsinterop.annotations.JsFunction;
import jsinterop.base.JsPropertyMap;

/**
 * {@code WebDiT.on(type, listener)}: the embed's events ("progress", "ready", "frame", "image",
 * "leg", "fallback", "stop"), each with a plain-object detail. A listener that throws is reported
 * on the console and does not stop the others or the embed.
 */
final class EmbedEvents {
  @JsFunction
  interface Listener {
    void handle(Object detail);
  }

  private final Map<String, List<Listener>> listeners = new HashMap<>();

  void on(String type, Listener listener) {
    listeners.computeIfAbsent(type, k -> new ArrayList<>()).add(listener);
  }

  void emit(String type, JsPropertyMap<Object> detail) {
    List<Listener> list = listeners.get(type);
    if (list == null) {
      return;
    }
    for (Listener l : new ArrayList<>(list)) {
      try {
        l.handle(detail);
      } catch (Throwable t) {
        DomGlobal.console.warn("WebDiT: a '" + type + "' listener threw: " + t.getMessage());
      }
    }
  }

  /** A detail object from alternating keys and values: detail("seed", 3.0, "url", url). */
  static JsPropertyMap<Object> detail(Object... keyValues) {
    JsPropertyMap<Object> m = JsPropertyMap.of();
    for (int i = 0; i + 1 < keyValues.length; i += 2) {
      m.set((String) keyValues[i], keyValues[i + 1]);
    }
    return m;
  }
}
