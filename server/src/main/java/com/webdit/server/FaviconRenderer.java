package com.webdit.server;

import com.webdit.server.render.CpuRenderer;
import com.webdit.shared.model.DiT;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;

/**
 * Server-side favicons for browsers without WebGPU: the Java CPU reference renders, at most
 * `concurrency` at a time (beyond that callers get {@link Busy} and answer 429 instead of queueing
 * into an out-of-memory), and an LRU cache keeps the PNGs of recent requests.
 */
final class FaviconRenderer {
  /** All render slots are taken. */
  static final class Busy extends RuntimeException {
    Busy() {
      super("all render slots are busy");
    }
  }

  private final ServedModel served;
  private final CpuRenderer renderer;
  private final Semaphore slots;
  private final Map<String, byte[]> cache;

  FaviconRenderer(ServedModel served, int concurrency, int cacheEntries) {
    this(served, new Semaphore(concurrency), cacheEntries);
  }

  /** With the caller's semaphore: tests hold its permits to make the server busy on purpose. */
  FaviconRenderer(ServedModel served, Semaphore slots, int cacheEntries) {
    this.served = served;
    this.renderer = new CpuRenderer(new DiT(served.weightFile()));
    this.slots = slots;
    this.cache = new LinkedHashMap<>(64, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
        return size() > cacheEntries;
      }
    };
  }

  ServedModel model() {
    return served;
  }

  int nullLabel() {
    return renderer.model().config().nullLabel();
  }

  /** The PNG for a request: from the cache, or rendered if a slot is free, else {@link Busy}. */
  byte[] png(FaviconRequest request) {
    String key = request.canonical();
    synchronized (cache) {
      byte[] hit = cache.get(key);
      if (hit != null) {
        return hit;
      }
    }
    if (!slots.tryAcquire()) {
      throw new Busy();
    }
    try {
      byte[] png = CpuRenderer.png(renderer.render(request.sampleRequest()));
      synchronized (cache) {
        cache.put(key, png);
      }
      return png;
    } finally {
      slots.release();
    }
  }
}
