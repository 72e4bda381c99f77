package com.webdit.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Render slots under contention: no client starves another, identical queries render once. */
class FairnessTest {
  /** A client that renders back to back: takes a slot, holds it a moment, frees it, at once again. */
  private static Thread greedy(FairSlots slots, String client, AtomicBoolean stop, AtomicInteger served) {
    Thread t = new Thread(() -> {
      while (!stop.get()) {
        try {
          slots.acquire(client);
        } catch (FairSlots.Busy e) {
          continue;
        } catch (InterruptedException e) {
          return;
        }
        try {
          Thread.sleep(20); // the render
          served.incrementAndGet();
        } catch (InterruptedException e) {
          return;
        } finally {
          slots.release(client);
        }
      }
    }, client);
    t.start();
    return t;
  }

  @Test
  void twoGreedyClientsCannotStarveAThird() throws Exception {
    // 2 slots, two clients rendering back to back: a first-come pool would answer a third client's
    // 28 of 28 requests with 429; here each of its requests gets the next slot that frees up.
    FairSlots slots = new FairSlots(2, 8, 2_000);
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger a = new AtomicInteger();
    AtomicInteger b = new AtomicInteger();
    List<Thread> threads = List.of(greedy(slots, "a", stop, a), greedy(slots, "a", stop, a), greedy(slots, "b", stop, b),
        greedy(slots, "b", stop, b));
    int busy = 0;
    try {
      Thread.sleep(100);
      for (int i = 0; i < 28; i++) {
        try {
          slots.acquire("c");
          slots.release("c");
        } catch (FairSlots.Busy e) {
          busy++;
        }
      }
    } finally {
      stop.set(true);
      for (Thread t : threads) {
        t.interrupt();
        t.join();
      }
    }
    assertEquals(0, busy, "the third client's requests answered busy");
    assertEquals(2, slots.free(), "every slot came back");
  }

  @Test
  void oneWaitingRequestPerClientABoundedLineAndOldestFirst() throws Exception {
    FairSlots slots = new FairSlots(1, 2, 10_000);
    slots.acquire("a");
    List<String> granted = java.util.Collections.synchronizedList(new ArrayList<>());
    Thread b = waiter(slots, "b", granted);
    awaitWaiting(slots, 1);
    FairSlots.Busy twice = assertThrows(FairSlots.Busy.class, () -> slots.acquire("b"));
    assertEquals("this client already waits for a render slot", twice.getMessage());
    Thread c = waiter(slots, "c", granted);
    awaitWaiting(slots, 2);
    assertThrows(FairSlots.Busy.class, () -> slots.acquire("d"), "the line is full");
    slots.release("a"); // b, then c: equal holdings, so the line's order decides
    b.join();
    c.join();
    assertEquals(List.of("b", "c"), granted);
    assertEquals(1, slots.free());
    FairSlots quick = new FairSlots(1, 1, 50);
    quick.acquire("a");
    assertThrows(FairSlots.Busy.class, () -> quick.acquire("b"), "waits 50 ms, then busy");
    assertEquals(0, quick.waiting());
  }

  /** Acquires in a thread, records the grant, releases. */
  private static Thread waiter(FairSlots slots, String client, List<String> granted) {
    Thread t = new Thread(() -> {
      try {
        slots.acquire(client);
        granted.add(client);
        slots.release(client);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    t.start();
    return t;
  }

  private static void awaitWaiting(FairSlots slots, int n) throws InterruptedException {
    for (int i = 0; i < 5_000 && slots.waiting() < n; i++) {
      Thread.sleep(1);
    }
    assertEquals(n, slots.waiting());
  }

  @Test
  void identicalQueriesInFlightRenderOnce() throws Exception {
    ModelStore store = ModelStore.load(null);
    FaviconRenderer renderer = new FaviconRenderer(store.preferred(), 1, 16);
    io.javalin.Javalin app = io.javalin.Javalin.create(c -> {
      c.startup.showJavalinBanner = false;
      c.routes.get("/f", new FaviconHandler(renderer, store.preferred().weightFile().categories()));
    }).start(0);
    try {
      String url = "http://localhost:" + app.port() + "/f?steps=30&seed=99";
      java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
      List<CompletableFuture<HttpResponse<byte[]>>> all = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        all.add(http.sendAsync(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray()));
      }
      byte[] first = null;
      for (CompletableFuture<HttpResponse<byte[]>> f : all) {
        HttpResponse<byte[]> r = f.get();
        // With one slot and no coalescing these would be one 200 and five 429s (or six renders, slot permitting).
        assertEquals(200, r.statusCode(), new String(r.body()));
        if (first == null) {
          first = r.body();
        }
        assertArrayEquals(first, r.body());
      }
      assertEquals(1, renderer.renders(), "six identical requests, one render");
    } finally {
      app.stop();
    }
  }
}
