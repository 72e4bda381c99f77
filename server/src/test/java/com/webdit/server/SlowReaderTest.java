package com.webdit.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.handler.StatisticsHandler;
import org.eclipse.jetty.util.thread.ThreadPool;
import org.junit.jupiter.api.Test;

/**
 * Clients that ask for a weight file and never read it do not take the server from anyone else.
 * Blocking writes held one pool thread per such client until the idle timeout: a little over the
 * pool's size in connections, from one machine, and every other request waited for a free thread.
 *
 * The 1 s below is an availability bound, not a speed figure: a starved server answers nothing
 * until the 30 s idle timeout frees its threads.
 */
class SlowReaderTest {
  private static final int ANSWER_WITHIN_MS = 1000;
  private static final int PROBES = 6;
  private static final long NO_ANSWER = Long.MAX_VALUE;
  private static final String[] PROBED = {"/api/health", "/embed.js"};

  @Test
  void stalledDownloadsLeaveTheServerToEveryoneElse() throws Exception {
    try (TestServer s = TestServer.start()) {
      ThreadPool.SizedThreadPool pool = (ThreadPool.SizedThreadPool) s.app.jettyServer().server().getThreadPool();
      int stalled = pool.getMaxThreads() + 100; // 350 with Javalin's default pool of 250
      // The largest weight file: more than the kernel buffers hold, so a write of it must wait for the reader.
      ServedModel largest = ModelStore.load(null).all().stream().max(Comparator.comparingInt(ServedModel::size)).orElseThrow();
      String request = "GET /weights/" + largest.fileName() + " HTTP/1.1\r\nHost: localhost\r\n\r\n";
      for (String path : PROBED) {
        answerMillis(s.app.port(), path); // the first request of a route loads its classes: not what is measured
      }
      List<Socket> readers = new ArrayList<>();
      try {
        for (int i = 0; i < stalled; i++) {
          Socket reader = new Socket();
          reader.setReceiveBufferSize(4096); // a small window, set before connecting: the server's writes stall at once
          reader.connect(new InetSocketAddress("localhost", s.app.port()), 5000);
          reader.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
          readers.add(reader); // and never read from it
        }
        awaitConnections(s, stalled);
        for (int i = 0; i < PROBES; i++) {
          Thread.sleep(400);
          for (String path : PROBED) {
            // One retry: a lone GC pause on a busy machine is not an outage; a starved server misses both.
            long ms = answerMillis(s.app.port(), path);
            if (ms > ANSWER_WITHIN_MS) {
              ms = answerMillis(s.app.port(), path);
            }
            assertTrue(ms <= ANSWER_WITHIN_MS, path + (ms == NO_ANSWER ? " got no answer within " + ANSWER_WITHIN_MS
                : " took " + ms) + " ms, twice, while " + stalled + " downloads stalled");
          }
        }
      } finally {
        for (Socket reader : readers) {
          reader.close();
        }
      }
      awaitNoRequestInFlight(s);
    }
  }

  /** Once its client has gone, a stalled download ends: nothing is left for shutdown to wait on. */
  private static void awaitNoRequestInFlight(TestServer s) throws InterruptedException {
    StatisticsHandler stats = s.app.jettyServer().server().getDescendant(StatisticsHandler.class);
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (stats.getRequestsActive() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertEquals(0, stats.getRequestsActive(), "requests still in flight 20 s after their clients closed");
  }

  /** Waits, at most 10 s, until the server has accepted every slow reader's connection. */
  private static void awaitConnections(TestServer s, int count) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    int open = 0;
    while (System.nanoTime() < deadline) {
      open = 0;
      for (Connector c : s.app.jettyServer().server().getConnectors()) {
        open += c.getConnectedEndPoints().size();
      }
      if (open >= count) {
        return;
      }
      Thread.sleep(50);
    }
    fail("the server accepted " + open + " of " + count + " connections within 10 s");
  }

  /** Milliseconds until a whole GET was answered 200, or {@link #NO_ANSWER} when a read waited past the bound. */
  private static long answerMillis(int port, String path) throws IOException {
    long begin = System.nanoTime();
    try (Socket client = new Socket()) {
      client.connect(new InetSocketAddress("localhost", port), ANSWER_WITHIN_MS);
      client.setSoTimeout(ANSWER_WITHIN_MS);
      client.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      InputStream in = client.getInputStream();
      String response = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
      assertTrue(response.startsWith("HTTP/1.1 200 "), path + " -> " + response.lines().findFirst().orElse("(nothing)"));
    } catch (SocketTimeoutException e) {
      return NO_ANSWER;
    }
    return (System.nanoTime() - begin) / 1_000_000;
  }
}
