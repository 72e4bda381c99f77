package com.webdit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.webdit.shared.fixtures.jvm.IconColour;
import com.webdit.shared.icon.Base64Url;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * data-remix without a GPU: the page reads its own icon (32x32 RGBA8), sends it in the favicon
 * query, and the server draws the variations; with a GPU, the same start gives the same favicon.
 */
class EmbedServerRemixTest extends EmbedHostTest {
  static final String LISTEN = "window.__images = [];"
      + "WebDiT.on('image', function (d) { window.__images.push({url: d.url, seed: d.seed, fallback: !!d.fallback}); });";

  /** A red, opaque 32x32 PNG as a data: URL (the host's icon), and the RGBA8 the page reads from it. */
  static String redIconUrl() throws Exception {
    BufferedImage img = new BufferedImage(32, 32, BufferedImage.TYPE_INT_ARGB);
    for (int y = 0; y < 32; y++) {
      for (int x = 0; x < 32; x++) {
        img.setRGB(x, y, 0xffff0000);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(img, "png", out);
    return "data:image/png;base64," + Base64.getEncoder().encodeToString(out.toByteArray());
  }

  static BufferedImage serverPng(String query) throws Exception {
    HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
        webdit.url("/api/favicon.png?" + query))).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, r.statusCode(), new String(r.body()));
    return ImageIO.read(new java.io.ByteArrayInputStream(r.body()));
  }

  @Test
  void withoutWebGpuTheServerDrawsVariationsOfTheSitesIcon() throws Exception {
    driver = open(Browser.CHROMIUM, false);
    driver.get(host.pageWithIcon("server-remix", redIconUrl(), host.embedTag("data-category=\"animals\" data-steps=\"2\" "
        + "data-seed=\"7\" data-remix=\"0.5\" data-loop=\"5s\"") + host.script("listen-remix", LISTEN), ""));
    until("a server remix", () -> count("window.__images.length") >= 1);
    @SuppressWarnings("unchecked")
    java.util.Map<String, Object> first = (java.util.Map<String, Object>) js("return window.__images[0];");
    assertEquals(true, first.get("fallback"), "drawn by the server: " + first);
    long seed = ((Number) first.get("seed")).longValue();
    @SuppressWarnings("unchecked")
    List<Object> asked = (List<Object>) js("return performance.getEntriesByType('resource').map(function (e) {"
        + " return e.name; }).filter(function (n) { return n.indexOf('/api/favicon.png?') >= 0; });");
    assertTrue(asked.stream().allMatch(n -> String.valueOf(n).contains("&remix=")), "every request sends the icon: "
        + asked);
    double remixed = IconColour.redness(PageState.decodePng(String.valueOf(first.get("url"))));
    double plain = IconColour.redness(serverPng("seed=" + seed + "&category=animals&steps=2"));
    System.out.printf("server remix of a red icon: redness %.1f; plain favicon of the same seed %.1f%n", remixed, plain);
    assertTrue(remixed > plain + 40, "the remix is measurably redder: " + remixed + " vs plain " + plain);
  }

  /** The server draws with the fp16 file (ModelStore.preferred), so the GPU does too here: one model, two paths. */
  @Test
  void theServersRemixIsTheGpusRemixOfTheSameStart() throws Exception {
    driver = open(Browser.CHROMIUM, true);
    driver.manage().timeouts().scriptTimeout(WAIT);
    driver.get(host.pageWithIcon("gpu-remix", redIconUrl(), host.embedTag("data-category=\"animals\" data-steps=\"2\" "
        + "data-seed=\"42\" data-gpu=\"any\" data-weights=\"f16\"") + host.script("listen-gpu-remix", LISTEN), ""));
    Object r = driver.executeAsyncScript("var done = arguments[arguments.length - 1];"
        + "WebDiT.generate({seed: 5, remix: arguments[0], strength: 0.5})"
        + ".then(done, function (e) { done('rejected: ' + e.message); });", redIconUrl());
    String gpu = String.valueOf(r);
    assertTrue(gpu.startsWith("data:image/png"), gpu);
    until("the GPU path", () -> count("window.__images.length") >= 1);
    @SuppressWarnings("unchecked")
    java.util.Map<String, Object> first = (java.util.Map<String, Object>) js("return window.__images[0];");
    assertEquals(false, first.get("fallback"), "the GPU draws here: " + first);
    BufferedImage onGpu = PageState.decodePng(gpu);
    BufferedImage onServer = serverPng("seed=5&category=animals&steps=2&strength=0.5&remix="
        + Base64Url.encode(IconColour.solidRgba(255, 0, 0)));
    int max = 0;
    for (int y = 0; y < 32; y++) {
      for (int x = 0; x < 32; x++) {
        int p = onGpu.getRGB(x, y);
        int q = onServer.getRGB(x, y);
        int a = p >>> 24;
        for (int shift = 0; shift < 32; shift += 8) {
          // Straight alpha: a colour under a nearly transparent pixel is free to differ.
          int d = Math.abs(((p >>> shift) & 0xff) - ((q >>> shift) & 0xff));
          max = Math.max(max, shift == 24 || a > 16 ? d : 0);
        }
      }
    }
    System.out.println("GPU remix vs server remix of the same start: max difference " + max + "/255");
    assertTrue(max <= 4, "the same start gives the same favicon on both paths (engine parity bound): " + max + "/255");
    assertTrue(EmbedLivingFaviconTest.meanAbsDiff(onGpu, onServer) < 1, "mean difference under one 8-bit step");
  }
}
