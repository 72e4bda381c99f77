package com.webdit.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.twelvemonkeys.imageio.plugins.bmp.ICOImageReader;
import com.webdit.shared.icon.IconPixels;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import javax.imageio.ImageIO;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;

/** GET /api/favicon.ico, decoded by TwelveMonkeys' ICO reader (not by our code). */
class FaviconIcoTest {

  static BufferedImage[] decodeIco(byte[] ico) throws Exception {
    ICOImageReader reader = new ICOImageReader();
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(ico))) {
      reader.setInput(in);
      int n = reader.getNumImages(true);
      BufferedImage[] out = new BufferedImage[n];
      for (int i = 0; i < n; i++) {
        out[i] = reader.read(i);
      }
      return out;
    } finally {
      reader.dispose();
    }
  }

  static void assertSamePixels(int[] want, BufferedImage got) {
    int[] pixels = IconSizes.argb(got);
    assertEquals(want.length, pixels.length);
    for (int i = 0; i < want.length; i++) {
      // Fully transparent pixels carry no colour.
      if ((want[i] >>> 24) != 0 || (pixels[i] >>> 24) != 0) {
        assertEquals(Integer.toHexString(want[i]), Integer.toHexString(pixels[i]), "pixel " + i);
      }
    }
  }

  @Test
  void theEndpointServesThePngsImageAsAnIconWithA16PixelDownscale() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    try (TestServer s = TestServer.start()) {
      String query = "?seed=42&category=animals&steps=1&sampler=ddim";
      HttpResponse<byte[]> png = http.send(HttpRequest.newBuilder(URI.create(s.base() + "/api/favicon.png" + query)).build(),
          HttpResponse.BodyHandlers.ofByteArray());
      HttpResponse<byte[]> ico = http.send(HttpRequest.newBuilder(URI.create(s.base() + "/api/favicon.ico" + query)).build(),
          HttpResponse.BodyHandlers.ofByteArray());
      assertEquals(200, ico.statusCode(), new String(ico.body()));
      assertEquals("image/x-icon", ico.headers().firstValue("Content-Type").orElse(""));
      assertEquals("\"" + ServedModel.sha256Hex(ico.body()) + "\"", ico.headers().firstValue("ETag").orElse(""));
      assertEquals(FaviconHandler.CACHE, ico.headers().firstValue("Cache-Control").orElse(""));
      BufferedImage[] images = decodeIco(ico.body());
      int[] full = IconSizes.argb(ImageIO.read(new ByteArrayInputStream(png.body())));
      assertEquals(2, images.length);
      assertEquals(16, images[0].getWidth());
      assertEquals(32, images[1].getWidth());
      assertSamePixels(full, images[1]);
      assertSamePixels(IconPixels.downscale(full, 32, 16), images[0]);
      HttpResponse<byte[]> bad = http.send(HttpRequest.newBuilder(URI.create(s.base() + "/api/favicon.ico?steps=0")).build(),
          HttpResponse.BodyHandlers.ofByteArray());
      assertEquals(400, bad.statusCode());
      assertTrue(new String(bad.body()).contains("steps"));
    }
  }
}
