package com.webdit.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.twelvemonkeys.imageio.plugins.bmp.ICOImageReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;

/** IcoFile, IconSizes and GET /api/favicon.ico, decoded by TwelveMonkeys' ICO reader (not by our code). */
class IcoFileTest {

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

  static BufferedImage pattern(int side) {
    BufferedImage img = new BufferedImage(side, side, BufferedImage.TYPE_INT_ARGB);
    for (int y = 0; y < side; y++) {
      for (int x = 0; x < side; x++) {
        img.setRGB(x, y, ((x * 8) & 0xff) << 24 | (x * 7 & 0xff) << 16 | (y * 5 & 0xff) << 8 | ((x + y) * 3 & 0xff));
      }
    }
    return img;
  }

  static void assertSamePixels(BufferedImage want, BufferedImage got) {
    assertEquals(want.getWidth(), got.getWidth());
    assertEquals(want.getHeight(), got.getHeight());
    for (int y = 0; y < want.getHeight(); y++) {
      for (int x = 0; x < want.getWidth(); x++) {
        int a = want.getRGB(x, y);
        int b = got.getRGB(x, y);
        // Fully transparent pixels carry no colour.
        if ((a >>> 24) != 0 || (b >>> 24) != 0) {
          assertEquals(Integer.toHexString(a), Integer.toHexString(b), "pixel " + x + "," + y);
        }
      }
    }
  }

  @Test
  void anIndependentDecoderReadsEveryImageBackLosslessly() throws Exception {
    BufferedImage big = pattern(32);
    BufferedImage small = IconSizes.downscale(big, 16);
    byte[] ico = IcoFile.write(List.of(new IcoFile.Entry(16, IconSizes.encodePng(small)),
        new IcoFile.Entry(32, IconSizes.encodePng(big))));
    BufferedImage[] images = decodeIco(ico);
    assertEquals(2, images.length);
    assertSamePixels(small, images[0]);
    assertSamePixels(big, images[1]);
  }

  @Test
  void a256PixelImageIsWrittenAsSideZero() throws Exception {
    byte[] ico = IcoFile.write(List.of(new IcoFile.Entry(256, IconSizes.encodePng(pattern(256)))));
    assertEquals(0, ico[6], "width byte 0 means 256");
    assertEquals(256, decodeIco(ico)[0].getWidth());
    assertThrows(IllegalArgumentException.class, () -> new IcoFile.Entry(257, new byte[0]));
    assertThrows(IllegalArgumentException.class, () -> IcoFile.write(List.of()));
  }

  @Test
  void downscaleAveragesInPremultipliedAlpha() {
    BufferedImage src = new BufferedImage(2, 2, BufferedImage.TYPE_INT_ARGB);
    src.setRGB(0, 0, 0xFFFF0000); // opaque red, three transparent black pixels
    BufferedImage out = IconSizes.downscale(src, 1);
    // Straight-alpha averaging would give a quarter-red (0x40) colour: a dark fringe on every icon edge.
    assertEquals(0x40FF0000, out.getRGB(0, 0));
    assertThrows(IllegalArgumentException.class, () -> IconSizes.downscale(pattern(32), 12));
  }

  @Test
  void theEndpointServesTheSameImageAsThePngOneAsAnIcon() throws Exception {
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
      BufferedImage[] images = decodeIco(ico.body());
      BufferedImage full = ImageIO.read(new ByteArrayInputStream(png.body()));
      assertEquals(2, images.length);
      assertEquals(16, images[0].getWidth());
      assertSamePixels(full, images[1]);
      assertSamePixels(IconSizes.downscale(full, 16), images[0]);
      HttpResponse<byte[]> bad = http.send(HttpRequest.newBuilder(URI.create(s.base() + "/api/favicon.ico?steps=0")).build(),
          HttpResponse.BodyHandlers.ofByteArray());
      assertEquals(400, bad.statusCode());
      assertTrue(new String(bad.body()).contains("steps"));
    }
  }
}
