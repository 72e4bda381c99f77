package com.webdit.client.dom;

import elemental2.promise.IThenable;
import elemental2.promise.Promise;
import java.util.HashMap;
import java.util.Map;

/**
 * Promises kept by key (kernel sources, pipelines, engines), safe on pages that patch promises.
 * zone.js (Angular) replaces the browser's {@code Promise.prototype.then}, so a chain built here
 * is a {@code ZoneAwarePromise}, not a browser {@code Promise}: read back from a Java map as a
 * {@code Promise}, it would fail GWT's cast check. So the map holds thenables ({@link IThenable}
 * is a native interface: no cast check) and hands each out re-wrapped in the browser's own
 * {@code Promise}, whatever the page did to {@code then}.
 */
public final class PromiseMap<T> {
  private final Map<String, IThenable<T>> map = new HashMap<>();

  /** The promise kept for key as a browser Promise, or null when there is none. */
  public Promise<T> get(String key) {
    IThenable<T> kept = map.get(key);
    return kept == null ? null : Promise.resolve(kept);
  }

  public void put(String key, IThenable<T> promise) {
    map.put(key, promise);
  }

  /** Forgets key if it still holds this promise (a failed build that a newer one may have replaced). */
  public void removeIf(String key, IThenable<T> promise) {
    if (map.get(key) == promise) {
      map.remove(key);
    }
  }

  public void clear() {
    map.clear();
  }
}
