package com.webdit.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.junit.jupiter.api.Test;

/** Upgrade requests cost the server nothing that outlives them. */
class WebSocketUpgradeTest {
  private static String upgrade(String path) {
    return "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade, close\r\n"
        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
  }

  @Test
  void upgradesAreRefusedWithoutCreatingSessions() throws Exception {
    try (TestServer s = TestServer.start()) {
      ServletContextHandler context = s.app.jettyServer().server().getDescendant(ServletContextHandler.class);
      String[] paths = {"/", "/ws", "/api/health", "/embed.js", "/weights/x"};
      for (int i = 0; i < 200; i++) {
        String response = s.rawRequest(upgrade(paths[i % paths.length]));
        assertTrue(response.startsWith("HTTP/1.1 404 "), response);
        assertFalse(response.contains("Set-Cookie"), response);
        assertTrue(response.contains(NoWebSocketFilter.MESSAGE), response);
      }
      // Javalin's upgrade path used to create one never-expiring session per request: 200 here.
      assertEquals(0, context.getSessionHandler().getSessionsCreated());
      assertTrue(s.raw("/api/health").startsWith("HTTP/1.1 200"), "plain requests still work");
    }
  }
}
