package com.webdit.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.webdit.shared.json.Json;
import io.javalin.Javalin;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** GET /api/favicon.png: the server-rendered fallback for browsers without WebGPU. */
class FaviconApiTest {
  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<byte[]> get(String url, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void drawsADeterministicPngWithAStrongEtag() throws Exception {
    try (TestServer s = TestServer.start()) {
      String url = s.base() + "/api/favicon.png?seed=42&category=animals&steps=1&sampler=ddim";
      HttpResponse<byte[]> a = get(url);
      assertEquals(200, a.statusCode(), new String(a.body()));
      assertEquals("image/png", a.headers().firstValue("Content-Type").orElse(""));
      BufferedImage img = ImageIO.read(new ByteArrayInputStream(a.body()));
      assertEquals(32, img.getWidth());
      assertEquals(32, img.getHeight());
      assertEquals(FaviconHandler.CACHE, a.headers().firstValue("Cache-Control").orElse(""));
      assertEquals("*", a.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
      String etag = a.headers().firstValue("ETag").orElseThrow();
      assertEquals("\"" + ServedModel.sha256Hex(a.body()) + "\"", etag);

      assertArrayEquals(a.body(), get(url).body(), "same query, same bytes");
      assertEquals(304, get(url, "If-None-Match", etag).statusCode());
      HttpResponse<byte[]> other = get(s.base() + "/api/favicon.png?seed=43&category=animals&steps=1&sampler=ddim");
      assertNotEquals(etag, other.headers().firstValue("ETag").orElse(""), "another seed, another image");
    }
  }

  @Test
  void badParametersAreNamed() throws Exception {
    String[][] cases = {
        {"seed=-1", "seed"}, {"seed=abc", "seed"}, {"seed=4294967296", "seed"}, {"steps=0", "steps"},
        {"steps=51", "steps"}, {"sampler=euler", "sampler"}, {"category=dogs", "category"}, {"category=10", "category"},
        {"cfg=NaN", "cfg"}, {"cfg=11", "cfg"}, {"seed=" + "1".repeat(40), "seed"},
        // Strict spelling: each of these was accepted as another way to write a valid value.
        {"seed=%D9%A3", "seed"}, {"seed=1%00", "seed"}, {"seed=+1", "seed"}, {"seed=%201", "seed"},
        {"steps=%EF%BC%91", "steps"}, {"category=%C5%BFmileys", "category"}, {"category=+1", "category"},
        {"cfg=3f", "cfg"}, {"cfg=3d", "cfg"}, {"cfg=0x1p3", "cfg"}, {"cfg=Infinity", "cfg"}, {"cfg=", "cfg"},
        {"cfg=-0", "cfg"}, {"sampler=ddim%00", "sampler"}};
    try (TestServer s = TestServer.start()) {
      for (String[] c : cases) {
        HttpResponse<byte[]> r = get(s.base() + "/api/favicon.png?" + c[0]);
        assertEquals(400, r.statusCode(), c[0]);
        Map<String, Object> body = Json.parseObject(new String(r.body()));
        assertEquals(c[1], body.get("parameter"), c[0] + " -> " + body);
        assertTrue(((String) body.get("message")).contains(c[1]), body.toString());
      }
    }
  }

  @Test
  void decimalSpellingsOfCfgStillWork() {
    for (String ok : new String[] {"3", "2.5", ".5", "3.", "1e-7", "1E0", "0.30000001192092896"}) {
      com.webdit.shared.product.Categories cats = com.webdit.shared.product.Categories.numbered(9);
      com.webdit.shared.product.FaviconQuery r = com.webdit.shared.product.FaviconQuery.parse(Map.of("cfg", ok)::get);
      assertEquals(Float.parseFloat(ok), r.sampleRequest(cats).cfgScale(), ok);
    }
  }

  @Test
  void beyondTheConcurrencyLimitAnswers429AndServesCachedImagesAnyway() throws Exception {
    ModelStore store = ModelStore.load(null);
    FairSlots slots = new FairSlots(1, 4, 200);
    FaviconRenderer renderer = new FaviconRenderer(store.preferred(), slots, 1, 16);
    Javalin app = Javalin.create(c -> {
      c.startup.showJavalinBanner = false;
      c.routes.get("/f", new FaviconHandler(renderer, store.preferred().weightFile().categories()));
    }).start(0);
    try {
      String base = "http://localhost:" + app.port() + "/f?steps=1&seed=";
      assertEquals(200, get(base + "1").statusCode());
      slots.acquire("holder"); // every slot busy
      HttpResponse<byte[]> busy = get(base + "2");
      assertEquals(429, busy.statusCode());
      assertEquals(FaviconHandler.RETRY_AFTER_SECONDS, busy.headers().firstValue("Retry-After").orElse(""));
      assertEquals("Retry-After", busy.headers().firstValue("Access-Control-Expose-Headers").orElse(""),
          "the embed on another origin may read it");
      assertEquals(200, get(base + "1").statusCode(), "a cached image needs no render slot");
      slots.release("holder");
      assertEquals(200, get(base + "2").statusCode());
    } finally {
      app.stop();
    }
  }
}
