package com.webdit.server;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A client that trickles its request head loses the connection once the header deadline passes. */
class SlowClientTest {
  private static final long DEADLINE_MS = 1000;

  @Test
  void tricklingHeadersAreCutOffAtTheDeadline() throws Exception {
    Settings settings = Settings.defaults().withOperations(Operations.defaults().withHeaderDeadline(DEADLINE_MS));
    try (TestServer s = TestServer.start(settings); Socket slow = new Socket("localhost", s.app.port())) {
      slow.setSoTimeout(100);
      OutputStream out = slow.getOutputStream();
      InputStream in = slow.getInputStream();
      out.write("GET / HTTP/1.1\r\nHost: localhost\r\n".getBytes(StandardCharsets.US_ASCII));
      // One byte every 100 ms keeps Jetty's idle timeout (30 s) from ever firing.
      byte[] trickle = ("X-Slow: " + "a".repeat(200)).getBytes(StandardCharsets.US_ASCII);
      boolean closed = false;
      long begin = System.nanoTime();
      for (int i = 0; i < trickle.length && !closed; i++) {
        try {
          out.write(trickle[i]);
          out.flush();
          closed = in.read() == -1;
        } catch (SocketTimeoutException stillOpen) {
          // nothing to read yet: the server is waiting for the rest of the head
        } catch (IOException reset) {
          closed = true;
        }
      }
      double seconds = (System.nanoTime() - begin) / 1e9;
      // 200 bytes at 100 ms is 20 s: without a deadline the connection outlives the loop.
      assertTrue(closed, "the connection was still open after " + seconds + " s of trickling");
      // Meanwhile a normal client is served at once.
      assertTrue(s.raw("/api/health").startsWith("HTTP/1.1 200"));
    }
  }
}
