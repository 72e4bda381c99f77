package com.webdit.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.webdit.shared.json.Json;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Requests Jetty refuses before any route runs still get the README's JSON error, not an HTML page. */
class MalformedRequestTest {
  private static final String END = "\r\nHost: localhost\r\nConnection: close\r\n\r\n";

  private static void assertJsonError(String response, int status, String what) {
    String statusLine = response.isEmpty() ? "(closed)" : response.substring(0, response.indexOf("\r\n"));
    assertTrue(statusLine.startsWith("HTTP/1.1 " + status + " "), what + " -> " + statusLine);
    int split = response.indexOf("\r\n\r\n");
    String head = response.substring(0, split).toLowerCase(Locale.ROOT);
    assertTrue(head.contains("\r\ncontent-type: application/json"), what + " ->\n" + response.substring(0, Math.min(600, response.length())));
    Map<String, Object> body = Json.parseObject(response.substring(split + 4));
    assertEquals(Long.valueOf(status), body.get("status"), what + " -> " + body);
    assertTrue(body.get("error") instanceof String && body.get("message") instanceof String, what + " -> " + body);
  }

  @Test
  void protocolErrorsAreJson() throws Exception {
    try (TestServer s = TestServer.start()) {
      assertJsonError(s.rawRequest("GET / HTTP/1.1\r\nHost: localhost\r\nNo colon here\r\n\r\n"), 400, "header without a colon");
      assertJsonError(s.rawRequest("GET /%zz HTTP/1.1" + END), 400, "bad percent escape");
      assertJsonError(s.rawRequest("GET /" + "a".repeat(20_000) + " HTTP/1.1" + END), 414, "20 kB URI");
      assertJsonError(s.rawRequest("GET / HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "b".repeat(20_000) + END), 431,
          "20 kB header");
      assertJsonError(s.rawRequest("GET / HTTP/7.0" + END), 505, "HTTP/7.0");
    }
  }

  @Test
  void methodsWithoutARouteAreJson() throws Exception {
    try (TestServer s = TestServer.start()) {
      String post = s.rawRequest("POST /api/health HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
      int status = Integer.parseInt(post.substring(9, 12));
      assertTrue(status == 404 || status == 405, post);
      assertJsonError(post, status, "POST /api/health");
      String delete = s.rawRequest("DELETE /index.html HTTP/1.1" + END);
      assertJsonError(delete, Integer.parseInt(delete.substring(9, 12)), "DELETE /index.html");
    }
  }

  @Test
  void ambiguousPathsAreJson() throws Exception {
    try (TestServer s = TestServer.start()) {
      assertJsonError(s.rawRequest("GET /%2e%2e/com/webdit/server/App.class HTTP/1.1" + END), 400, "encoded dot segment");
    }
  }

  /** A route exists for GET and HEAD: another method on it is 405 naming them, not 404. */
  @Test
  void otherMethodsOnARouteAre405WithAllow() throws Exception {
    try (TestServer s = TestServer.start()) {
      for (String request : new String[] {"POST /api/health", "POST /api/models", "PUT /embed.js", "DELETE /weights/x.safetensors",
          "POST /api/favicon.png?seed=1", "PATCH /api/favicon.ico"}) {
        String response = s.rawRequest(request + " HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        assertJsonError(response, 405, request);
        String head = response.substring(0, response.indexOf("\r\n\r\n")).toLowerCase(Locale.ROOT);
        assertTrue(head.contains("\r\nallow: get, head\r\n"), request + " ->\n" + response);
      }
    }
  }
}
