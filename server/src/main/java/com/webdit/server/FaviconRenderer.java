package com.webdit.server;

import com.webdit.server.render.CpuRenderer;
import com.webdit.shared.product.Categories;
import com.webdit.shared.product.FaviconQuery;
import com.webdit.shared.sampling.Pixels;
import com.webdit.shared.sampling.SampleRequest;
import com.webdit.shared.sampling.StartNoise;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Server-side favicons for browsers without WebGPU, drawn by the fast CPU path ({@link CpuRenderer#fast}:
 * concurrent renders share one batched forward pass per step, on `slots` threads). Three things
 * keep it fair and bounded under load (README, Fairness): an LRU cache of recent PNGs (no slot
 * needed), one render for identical queries in flight at once (later ones wait for its bytes),
 * and {@link FairSlots}: at most `slots` renders at a time, shared between clients.
 */
final class FaviconRenderer implements AutoCloseable {
  /** A request waits at most this long for a render slot before it is answered 429. */
  static final long MAX_WAIT_MILLIS = 5_000;
  /** Waiting requests per render slot, beyond which new ones are answered 429 at once. */
  static final int LINE_PER_SLOT = 4;

  private final CpuRenderer renderer;
  private final FairSlots slots;
  private final Map<String, byte[]> cache;
  private final Map<String, CompletableFuture<byte[]>> inFlight = new ConcurrentHashMap<>();
  private final AtomicLong renders = new AtomicLong();

  FaviconRenderer(ServedModel served, int concurrency, int cacheEntries) {
    this(served, new FairSlots(concurrency, LINE_PER_SLOT * concurrency, MAX_WAIT_MILLIS), concurrency, cacheEntries);
  }

  /**
   * With the caller's slots: tests hold them to make the server busy on purpose. The renders
   * holding slots share one forward pass per step, computed on {@code threads} threads.
   */
  FaviconRenderer(ServedModel served, FairSlots slots, int threads, int cacheEntries) {
    this.renderer = CpuRenderer.fast(served.weightFile(), threads);
    this.slots = slots;
    this.cache = new LinkedHashMap<>(64, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
        return size() > cacheEntries;
      }
    };
  }

  int nullLabel() {
    return renderer.config().nullLabel();
  }

  /** Renders started so far (identical queries in flight count once). */
  long renders() {
    return renders.get();
  }

  /**
   * The PNG for a query from this client: cached, joined to an identical render, or rendered in a
   * fair slot. A remix starts from its icon noised to its strength (the GPU path's start, bit for
   * bit) and is keyed by the SHA-256 of its whole query: the bytes and every parameter.
   *
   * @param query a canonical query (one spelling per image: one cache entry)
   */
  byte[] png(FaviconQuery query, Categories categories, String client) {
    String key = query.remixes() ? "sha256:" + ServedModel.sha256Hex(query.toQuery().getBytes(StandardCharsets.US_ASCII))
        : query.toQuery();
    return png(new Render(query, categories), key, client);
  }

  /** What one render draws: the request, and a remix's start and noise level (null and 1 for plain generation). */
  private final class Render {
    final SampleRequest request;
    final float[] start;
    final double t0;

    Render(FaviconQuery query, Categories categories) {
      request = query.sampleRequest(categories);
      start = query.remixes() ? StartNoise.remix(request.seed(), Pixels.fromRgba8(query.remixRgba(),
          renderer.config().imageSize()), query.strength) : null;
      t0 = query.remixes() ? query.strength : 1.0;
    }
  }

  private byte[] png(Render request, String key, String client) {
    byte[] hit = cached(key);
    if (hit != null) {
      return hit;
    }
    CompletableFuture<byte[]> mine = new CompletableFuture<>();
    CompletableFuture<byte[]> running = inFlight.putIfAbsent(key, mine);
    if (running != null) {
      return join(running);
    }
    try {
      byte[] png = renderInSlot(key, request, client);
      mine.complete(png);
      return png;
    } catch (RuntimeException e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      inFlight.remove(key, mine);
    }
  }

  private byte[] renderInSlot(String key, Render request, String client) {
    try {
      slots.acquire(client);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FairSlots.Busy("interrupted while waiting for a render slot");
    }
    try {
      byte[] again = cached(key); // rendered by another request while this one waited
      if (again != null) {
        return again;
      }
      renders.incrementAndGet();
      byte[] png;
      try {
        png = CpuRenderer.png(renderer.render(request.request, request.start, request.t0));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new FairSlots.Busy("interrupted while rendering");
      }
      synchronized (cache) {
        cache.put(key, png);
      }
      return png;
    } finally {
      slots.release(client);
    }
  }

  /** Stops the render threads (App calls this when the server stops). */
  @Override
  public void close() {
    renderer.close();
  }

  private byte[] cached(String key) {
    synchronized (cache) {
      return cache.get(key);
    }
  }

  /** The bytes of an identical render already running; its failure (Busy included) is ours too. */
  private static byte[] join(CompletableFuture<byte[]> running) {
    try {
      return running.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FairSlots.Busy("interrupted while waiting for an identical render");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException("render failed", e.getCause());
    }
  }
}
