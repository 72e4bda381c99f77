package com.webdit.server;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Nothing outside the served roots is reachable, however the path is spelled. */
class TraversalTest {
  private static final String[] ATTACKS = {
    "/../com/webdit/server/App.class",
    "/..%2fcom/webdit/server/App.class",
    "/%2e%2e/com/webdit/server/App.class",
    "/%2e%2e%2fcom%2fwebdit%2fserver%2fApp.class",
    "/%252e%252e/com/webdit/server/App.class",
    "/%252e%252e%252fcom%252fwebdit%252fserver%252fApp.class",
    "/..\\com\\webdit\\server\\App.class",
    "/..%5ccom%5cwebdit%5cserver%5cApp.class",
    "/webdit/../../com/webdit/server/App.class",
    "/com/webdit/server/App.class",
    "/public/index.html",
    "/weights/..%2f..%2fcom%2fwebdit%2fserver%2fApp.class",
    "/weights/../public/index.html",
    "/weights/%2e%2e%2fweights%2fwebdit.safetensors",
    "/index.html%00.class",
    "/weights/x.safetensors%00",
    "/wgsl/..%2f..%2fcom/webdit/server/App.class",
    "/../../../../etc/passwd",
    "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "/..%c0%afetc/passwd",
  };

  @Test
  void noEncodingReachesClassesOrTheFileSystem() throws Exception {
    try (TestServer s = TestServer.start()) {
      for (String attack : ATTACKS) {
        String response = s.raw(attack);
        String status = response.isEmpty() ? "(closed)" : response.substring(0, response.indexOf("\r\n"));
        assertFalse(status.contains(" 200 ") || status.contains(" 304 "), attack + " -> " + status);
        assertFalse(response.contains("\u00ca\u00fe\u00ba\u00be"), attack + " leaked a class file");
        assertFalse(response.contains("root:x:0:0"), attack + " leaked /etc/passwd");
        assertTrue(status.contains(" 400 ") || status.contains(" 404 ") || status.equals("(closed)"), attack + " -> " + status);
      }
      // The same server does serve its real files: the attacks failed for the right reason.
      assertTrue(s.raw("/index.html").startsWith("HTTP/1.1 200"));
    }
  }
}
