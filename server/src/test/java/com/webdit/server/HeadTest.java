package com.webdit.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** HEAD answers exactly what GET answers, status and headers, without the body (RFC 9110, 9.3.2). */
class HeadTest {
  private static HttpResponse<byte[]> send(TestServer s, String method, String path, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(s.base() + path))
        .method(method, HttpRequest.BodyPublishers.noBody());
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return s.http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  /** Every header but Date, which may tick between the two requests. */
  private static Map<String, List<String>> headers(HttpResponse<?> r) {
    Map<String, List<String>> m = new TreeMap<>(r.headers().map());
    m.remove("date");
    return m;
  }

  @Test
  void headMatchesGetOnEveryRoute() throws Exception {
    try (TestServer s = TestServer.start()) {
      String weights = "/weights/" + ModelStore.load(null).preferred().fileName();
      String[] paths = {"/", "/demo/demo.js", "/wgsl/matmul.wgsl",
          weights, "/weights/missing.safetensors", "/api/models", "/api/health", "/embed.js",
          "/api/favicon.png?steps=1&seed=7", "/api/favicon.png?seed=x", "/no/such/path"};
      for (String encoding : new String[] {"identity", "gzip", "br"}) {
        for (String path : paths) {
          HttpResponse<byte[]> get = send(s, "GET", path, "Accept-Encoding", encoding);
          HttpResponse<byte[]> head = send(s, "HEAD", path, "Accept-Encoding", encoding);
          String what = "HEAD " + path + " (" + encoding + ")";
          assertEquals(get.statusCode(), head.statusCode(), what);
          assertEquals(headers(get), headers(head), what);
          assertEquals(0, head.body().length, what);
        }
      }
    }
  }

  /** Status line and headers of a raw response. */
  private static String statusAndHeaders(String response) {
    int split = response.indexOf("\r\n\r\n");
    return (split < 0 ? response : response.substring(0, split));
  }

  /**
   * Requests Jetty refuses before any route (400, 414, 431, 505) get the JSON error on GET and the
   * same status and type with no body on HEAD. For 414 and 505 Jetty gives up inside the request
   * line, before it has a request with a method.
   */
  @Test
  void headOnRefusedRequestsHasNoBody() throws Exception {
    String end = "\r\nHost: localhost\r\nConnection: close\r\n\r\n";
    String[][] cases = {
        {"400", " /%zz HTTP/1.1" + end},
        {"400", " / HTTP/1.1\r\nHost: localhost\r\nNo colon here\r\n\r\n"},
        {"414", " /" + "a".repeat(20_000) + " HTTP/1.1" + end},
        {"431", " / HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "b".repeat(20_000) + end},
        {"505", " / HTTP/7.0" + end},
    };
    try (TestServer s = TestServer.start()) {
      for (String[] c : cases) {
        String get = s.rawRequest("GET" + c[1]);
        String head = s.rawRequest("HEAD" + c[1]);
        String what = "HEAD" + c[1].substring(0, Math.min(20, c[1].length())).replace("\r\n", " ") + "...";
        assertTrue(get.startsWith("HTTP/1.1 " + c[0] + " "), what + ": GET ->\n" + get);
        assertTrue(head.startsWith("HTTP/1.1 " + c[0] + " "), what + " ->\n" + head);
        assertTrue(statusAndHeaders(head).contains("\r\nContent-Type: application/json"), what + " ->\n" + head);
        assertEquals("", head.substring(head.indexOf("\r\n\r\n") + 4), what + ": the body");
      }
    }
  }
}
