package com.webdit.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.junit.jupiter.api.Test;

/** Upgrade requests, and requests that only look like one, cost the server nothing that outlives them. */
class WebSocketUpgradeTest {
  private static final String KEY = "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n";

  private static String upgrade(String path) {
    return "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade, close\r\n"
        + KEY + "Sec-WebSocket-Version: 13\r\n\r\n";
  }

  private static String get(String path, String headers) {
    return "GET " + path + " HTTP/1.1\r\nHost: localhost\r\n" + headers + "\r\n";
  }

  private static int sessionsCreated(TestServer s) {
    return s.app.jettyServer().server().getDescendant(ServletContextHandler.class).getSessionHandler().getSessionsCreated();
  }

  private static String body(String response) {
    return response.substring(response.indexOf("\r\n\r\n") + 4);
  }

  @Test
  void upgradesAreRefusedWithoutCreatingSessions() throws Exception {
    try (TestServer s = TestServer.start()) {
      String[] paths = {"/", "/ws", "/api/health", "/embed.js", "/weights/x"};
      for (int i = 0; i < 200; i++) {
        String response = s.rawRequest(upgrade(paths[i % paths.length]));
        assertTrue(response.startsWith("HTTP/1.1 404 "), response);
        assertFalse(response.contains("Set-Cookie"), response);
        assertTrue(response.contains(NoWebSocketFilter.MESSAGE), response);
      }
      // Token lists, any case, several header lines, a versioned protocol: still a handshake.
      String[] spellings = {
          "Upgrade: WebSocket\r\nConnection: keep-alive, Upgrade\r\n",
          "Upgrade: foo, websocket/13\r\nConnection: upgrade\r\n",
          "Upgrade: websocket\r\nConnection: keep-alive\r\nConnection: Upgrade\r\n",
      };
      for (String handshake : spellings) {
        String response = s.rawRequest(get("/api/models", handshake + KEY + "Sec-WebSocket-Version: 13\r\nConnection: close\r\n"));
        assertTrue(response.startsWith("HTTP/1.1 404 ") && response.contains(NoWebSocketFilter.MESSAGE),
            handshake.replace("\r\n", "; ") + " ->\n" + response);
      }
      // Javalin's upgrade path would create one never-expiring session per request: 200 here.
      assertEquals(0, sessionsCreated(s));
      assertTrue(s.raw("/api/health").startsWith("HTTP/1.1 200"), "plain requests still work");
    }
  }

  /**
   * Javalin takes its WebSocket path on `Sec-WebSocket-Version` alone. Requests that carry it (or
   * other WebSocket headers) without asking for a WebSocket are plain HTTP: each route answers
   * exactly as without those headers, and no session is created.
   */
  @Test
  void webSocketHeadersWithoutAHandshakeAreAnsweredAsPlainHttp() throws Exception {
    String[] variants = {
        "Sec-WebSocket-Version: 13\r\n",
        "Upgrade: foo\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n",
        "Upgrade: h2c\r\nConnection: Upgrade, HTTP2-Settings\r\nHTTP2-Settings: AAMAAABkAAQAAP__\r\nSec-WebSocket-Version: 13\r\n",
        "Sec-WebSocket-Version: 8\r\n" + KEY,
        "sec-websocket-version: 13\r\n" + KEY + "Sec-WebSocket-Extensions: permessage-deflate\r\n",
        "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\n" + KEY,
    };
    String[] paths = {"/api/models", "/api/health", "/embed.js", "/", "/no/such/path"};
    try (TestServer s = TestServer.start()) {
      for (String path : paths) {
        String plain = s.rawRequest(get(path, "Connection: close\r\n"));
        String statusLine = plain.substring(0, plain.indexOf("\r\n"));
        for (String variant : variants) {
          String what = "GET " + path + " with " + variant.replace("\r\n", "; ");
          String response = s.rawRequest(get(path, variant + "Connection: close\r\n"));
          assertFalse(response.toLowerCase(Locale.ROOT).contains("set-cookie"), what + " ->\n" + response);
          assertEquals(statusLine, response.substring(0, response.indexOf("\r\n")), what);
          assertEquals(body(plain), body(response), what);
        }
      }
      assertTrue(s.rawRequest(get("/api/models", "Connection: close\r\n")).startsWith("HTTP/1.1 200 "));
      // On Javalin's upgrade path each of these requests would create a session that never expires.
      assertEquals(0, sessionsCreated(s), "sessions created");
    }
  }
}
