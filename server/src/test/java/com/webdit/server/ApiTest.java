package com.webdit.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.webdit.shared.json.Json;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiTest {
  @Test
  void healthSaysOkAndCountsModels() throws Exception {
    try (TestServer s = TestServer.start()) {
      HttpResponse<byte[]> r = s.get("/api/health");
      assertEquals(200, r.statusCode());
      assertEquals("application/json", r.headers().firstValue("Content-Type").orElse("").split(";")[0]);
      Map<String, Object> body = Json.parseObject(new String(r.body()));
      assertEquals("ok", body.get("status"));
      assertTrue((Long) body.get("models") >= 1, "the jar embeds at least one model");
    }
  }

  @Test
  void healthIsUnhealthyWithoutModels(@org.junit.jupiter.api.io.TempDir java.nio.file.Path empty) throws Exception {
    // Not ok with "models": 0, when every favicon would answer 503.
    try (TestServer s = TestServer.start(empty)) {
      HttpResponse<byte[]> r = s.get("/api/health");
      assertEquals(503, r.statusCode());
      Map<String, Object> body = Json.parseObject(new String(r.body()));
      assertEquals("unhealthy", body.get("status"));
      assertEquals(0L, body.get("models"));
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void modelsListsNameConfigBytesAndHashOfEachFile() throws Exception {
    try (TestServer s = TestServer.start()) {
      Map<String, Object> body = Json.parseObject(s.getString("/api/models"));
      assertEquals("1", body.get("format_version"));
      List<Object> models = (List<Object>) body.get("models");
      assertTrue(!models.isEmpty());
      for (Object o : models) {
        Map<String, Object> m = (Map<String, Object>) o;
        HttpResponse<byte[]> file = s.get((String) m.get("url"));
        assertEquals(200, file.statusCode());
        assertEquals(((Long) m.get("bytes")).intValue(), file.body().length);
        assertEquals(m.get("sha256"), ServedModel.sha256Hex(file.body()));
        Map<String, Object> config = (Map<String, Object>) m.get("config");
        assertEquals(m.get("name"), config.get("name"));
        assertEquals(32L, config.get("image_size"));
      }
    }
  }

  @Test
  void errorsAreJsonWithAMessage() throws Exception {
    try (TestServer s = TestServer.start()) {
      HttpResponse<byte[]> r = s.get("/api/nothing-here");
      assertEquals(404, r.statusCode());
      Map<String, Object> body = Json.parseObject(new String(r.body()));
      assertEquals(404L, body.get("status"));
      assertTrue(((String) body.get("message")).contains("/api/nothing-here"), body.toString());
      r = s.get("/weights/missing.safetensors");
      assertEquals(404, r.statusCode());
      assertTrue(new String(r.body()).contains("no weight file named \\\"missing.safetensors\\\""), new String(r.body()));
    }
  }

  @Test
  void servesTheDemoPageAndTheGwtScript() throws Exception {
    try (TestServer s = TestServer.start()) {
      HttpResponse<byte[]> page = s.get("/");
      assertEquals(200, page.statusCode());
      assertTrue(new String(page.body()).contains("demo/demo.js"));
      HttpResponse<byte[]> js = s.get("/demo/demo.js", "Accept-Encoding", "gzip");
      assertEquals(200, js.statusCode());
      assertEquals("gzip", js.headers().firstValue("Content-Encoding").orElse(""));
      HttpResponse<byte[]> kernel = s.get("/wgsl/gaussian_noise.wgsl");
      assertEquals(200, kernel.statusCode());
      assertTrue(new String(kernel.body()).contains("@compute"));
      HttpResponse<byte[]> gzKernel = s.get("/wgsl/gaussian_noise.wgsl", "Accept-Encoding", "gzip");
      assertEquals(200, gzKernel.statusCode(), "compressed kernels must arrive whole");
      assertEquals("text/wgsl", gzKernel.headers().firstValue("Content-Type").orElse("").split(";")[0]);
      assertArrayEquals(kernel.body(), new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gzKernel.body())).readAllBytes());
    }
  }
}
