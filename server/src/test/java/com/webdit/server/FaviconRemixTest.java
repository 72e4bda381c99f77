package com.webdit.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.webdit.shared.fixtures.jvm.IconColour;
import com.webdit.shared.icon.Base64Url;
import com.webdit.shared.json.Json;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * GET /api/favicon.png with {@code remix}: variations of a site's own icon drawn by the server,
 * from the 32x32 RGBA8 start the page computed, for visitors without WebGPU.
 */
class FaviconRemixTest {
  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<byte[]> get(String url) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  /** How red a PNG looks ({@link IconColour#redness}). */
  static double redness(byte[] png) throws Exception {
    return IconColour.redness(ImageIO.read(new ByteArrayInputStream(png)));
  }

  @Test
  void aRemixOfARedIconIsRedderThanPlainGenerationAndDeterministic() throws Exception {
    try (TestServer s = TestServer.start()) {
      String red = Base64Url.encode(IconColour.solidRgba(255, 0, 0));
      double plain = 0;
      double remixed = 0;
      for (int seed = 1; seed <= 4; seed++) {
        String base = s.base() + "/api/favicon.png?seed=" + seed + "&steps=4&category=any";
        HttpResponse<byte[]> p = get(base);
        HttpResponse<byte[]> r = get(base + "&strength=0.5&remix=" + red);
        assertEquals(200, p.statusCode(), new String(p.body()));
        assertEquals(200, r.statusCode(), new String(r.body()));
        assertEquals("image/png", r.headers().firstValue("Content-Type").orElse(""));
        assertArrayEquals(r.body(), get(base + "&strength=0.5&remix=" + red).body(), "same start, same bytes");
        plain += redness(p.body()) / 4;
        remixed += redness(r.body()) / 4;
      }
      System.out.printf("mean redness over 4 seeds: plain %.1f, remix of red at 0.5 %.1f%n", plain, remixed);
      assertTrue(remixed > plain + 40, "a red icon's remix is clearly redder: " + remixed + " vs " + plain);
    }
  }

  @Test
  void strengthOneIsPlainGenerationByteForByte() throws Exception {
    try (TestServer s = TestServer.start()) {
      String base = s.base() + "/api/favicon.png?seed=9&steps=2";
      assertArrayEquals(get(base).body(), get(base + "&strength=1&remix=" + Base64Url.encode(IconColour.solidRgba(255, 0, 0))).body());
    }
  }

  @Test
  void aBadStartIsA400NamingTheRemix() throws Exception {
    String good = Base64Url.encode(IconColour.solidRgba(255, 0, 0));
    String[] bad = {good.substring(4), good.replace('A', '.'), Base64Url.encode(new byte[4095]),
        Base64Url.encode(new byte[4097]).substring(0, good.length()) + "AA", "%00" + good.substring(1)};
    try (TestServer s = TestServer.start()) {
      for (String b : bad) {
        HttpResponse<byte[]> r = get(s.base() + "/api/favicon.png?steps=1&remix=" + b);
        assertEquals(400, r.statusCode(), b.length() + " characters");
        Map<String, Object> body = Json.parseObject(new String(r.body()));
        assertEquals("remix", body.get("parameter"), body.toString());
      }
      HttpResponse<byte[]> strength = get(s.base() + "/api/favicon.png?steps=1&strength=0.01&remix=" + good);
      assertEquals(400, strength.statusCode());
      assertEquals("strength", Json.parseObject(new String(strength.body())).get("parameter"));
      // Far past any valid query: Jetty refuses it before any route, with the JSON error body.
      HttpResponse<byte[]> huge = get(s.base() + "/api/favicon.png?steps=1&remix=" + good + good);
      assertTrue(huge.statusCode() == 414 || huge.statusCode() == 431 || huge.statusCode() == 400,
          "an oversized query: " + huge.statusCode());
    }
  }
}
