package com.webdit.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
      String[] paths = {"/", "/kernel-tests.html", "/demo/demo.js", "/wgsl/matmul.wgsl",
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
}
