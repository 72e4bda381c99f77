package com.webdit.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.handler.StatisticsHandler;
import org.junit.jupiter.api.Test;

/** Stopping the server lets a render in flight finish and answer, instead of cutting it off. */
class ShutdownTest {
  @Test
  void aRenderInFlightFinishesDuringStop() throws Exception {
    TestServer s = TestServer.start();
    String url = s.base() + "/api/favicon.png?steps=50&seed=123&sampler=ddpm";
    StatisticsHandler stats = s.app.jettyServer().server().getDescendant(StatisticsHandler.class);
    CompletableFuture<HttpResponse<byte[]>> inFlight = s.http.sendAsync(HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (stats.getRequestsActive() == 0 && !inFlight.isDone() && System.nanoTime() < waitUntil) {
      Thread.sleep(2);
    }
    assertTrue(stats.getRequestsActive() > 0 && !inFlight.isDone(), "the render never started, or finished before stop");
    s.close(); // app.stop(), as the SIGTERM hook does
    HttpResponse<byte[]> r = inFlight.get(30, TimeUnit.SECONDS);
    assertEquals(200, r.statusCode(), new String(r.body()));
    assertEquals("image/png", r.headers().firstValue("Content-Type").orElse(""));
    assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(r.body(), 4), "a whole PNG");
  }

  @Test
  void sigtermStopsTheProcessWithOneLine() throws Exception {
    int port;
    try (java.net.ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    Path log = Files.createTempFile("webdit", ".log");
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Main.class.getName(), "--port", Integer.toString(port))
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!Files.readString(log).contains("WebDiT demo at") && p.isAlive() && System.nanoTime() < waitUntil) {
      Thread.sleep(50);
    }
    assertTrue(Files.readString(log).startsWith("WebDiT demo at"), Files.readString(log));
    p.destroy(); // SIGTERM
    assertTrue(p.waitFor(30, TimeUnit.SECONDS), "still running 30 s after SIGTERM");
    String[] lines = Files.readString(log).split("\n");
    assertEquals(2, lines.length, String.join("\n", lines));
    assertTrue(lines[1].startsWith("stopping: no new connections"), lines[1]);
  }
}
